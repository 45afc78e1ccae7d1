//! Wake-ups for the live change feed: the number of the last committed change
//! (`data_version.change_seq`), as this process last learnt it, for subscriptions to wait on.
//!
//! The signal carries only a number, never a change: a woken subscription reads the changes
//! after its cursor from the database, through its caller's view (`changes::page`), so nothing
//! a caller may not see travels with a wake-up, and a lost wake-up costs time, never a change.
//!
//! How the number is learnt:
//! - On PostgreSQL every transaction that numbers changes also sends `NOTIFY coordmap_changes`
//!   with its last number (`changes::number`); PostgreSQL delivers it at commit, to every
//!   process listening, so a write through one replica wakes the subscriptions of all of them.
//!   One connection per process listens, of its own (not one of the server's pool), opened when
//!   the first subscription waits.
//! - Everywhere, the process reads the number again when told a write of its own committed
//!   ([`ChangeSignal::poke`]; the single process of an embedded SQLite database notifies itself
//!   this way) and, while anyone waits, every `poll` as a safety net: a notification missed
//!   while the listening connection was reconnecting, or a write by another process on SQLite
//!   (the command line's import), is seen within one poll.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::{watch, Notify};

use super::data_version;

/// The channel of the notifications (`changes::number` sends on it).
pub const CHANNEL: &str = "coordmap_changes";

/// The number of the last committed change, as this process knows it.
#[derive(Debug)]
pub struct ChangeSignal {
    last: watch::Sender<i64>,
    poke: Arc<Notify>,
}

impl ChangeSignal {
    /// Starts learning the number on the current Tokio runtime: listening on PostgreSQL, and
    /// reading it every `poll` while a subscription waits.
    pub fn start(db: DatabaseConnection, poll: Duration) -> Arc<Self> {
        let signal = Arc::new(Self {
            last: watch::Sender::new(0),
            poke: Arc::new(Notify::new()),
        });
        if db.get_database_backend() == DbBackend::Postgres {
            tokio::spawn(listen(Arc::downgrade(&signal), db.clone()));
        }
        let poke = signal.poke.clone();
        tokio::spawn(read_when_asked(Arc::downgrade(&signal), poke, db, poll));
        signal
    }

    /// Tells the signal that a write of this process committed: the number is read again now.
    pub fn poke(&self) {
        self.poke.notify_one();
    }

    /// Raises the number known to `seq` (never lowers it).
    fn learn(&self, seq: i64) {
        self.last.send_if_modified(|last| {
            let newer = seq > *last;
            if newer {
                *last = seq;
            }
            newer
        });
    }

    /// A receiver of the number, for waiting ([`Waiter::past`]).
    pub fn waiter(&self) -> Waiter {
        Waiter(self.last.subscribe())
    }

    /// Whether anyone waits (the poll runs only then).
    fn watched(&self) -> bool {
        self.last.receiver_count() > 0
    }
}

/// One subscription's view of the signal.
#[derive(Debug)]
pub struct Waiter(watch::Receiver<i64>);

impl Waiter {
    /// The number known now.
    pub fn known(&mut self) -> i64 {
        *self.0.borrow_and_update()
    }

    /// Waits until a number above `seen` is known; answers it.
    pub async fn past(&mut self, seen: i64) -> i64 {
        let woken = self.0.wait_for(|last| *last > seen).await.map(|last| *last);
        match woken {
            Ok(last) => last,
            // The signal is gone with the server: nothing more will come.
            Err(_) => std::future::pending().await,
        }
    }
}

/// Reads the number when poked, and every `poll` while someone waits; stops with the signal.
async fn read_when_asked(
    signal: std::sync::Weak<ChangeSignal>,
    poke: Arc<Notify>,
    db: DatabaseConnection,
    poll: Duration,
) {
    loop {
        let watched = signal.upgrade().map(|s| s.watched());
        match watched {
            None => return,
            Some(false) => {}
            Some(true) => match data_version::last_change(&db).await {
                Ok(seq) => match signal.upgrade() {
                    Some(strong) => strong.learn(seq),
                    None => return,
                },
                Err(err) => tracing::warn!(error = ?err, "could not read the last change's number"),
            },
        }
        let _ = tokio::time::timeout(poll, poke.notified()).await;
    }
}

/// Listens for the notifications of every process's commits; reconnects after a lost
/// connection (the poll covers what was sent meanwhile).
async fn listen(signal: std::sync::Weak<ChangeSignal>, db: DatabaseConnection) {
    use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
    // Its own connection, never one of the server's pool (which it would hold for good).
    let options = db.get_postgres_connection_pool().connect_options();
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_lazy_with((*options).clone());
    let mut backoff = Duration::from_millis(100);
    loop {
        // Listens from the first subscription on; until then, nobody needs to know.
        match signal.upgrade().map(|s| s.watched()) {
            None => return,
            Some(false) => {
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
            Some(true) => {}
        }
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(error = %err, "could not listen for changes; retrying");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        if let Err(err) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %err, "could not listen for changes; retrying");
            tokio::time::sleep(backoff).await;
            continue;
        }
        backoff = Duration::from_millis(100);
        loop {
            let notification = tokio::select! {
                received = listener.try_recv() => received,
                // Checks now and then whether the server is gone.
                () = tokio::time::sleep(Duration::from_secs(5)) => {
                    if signal.strong_count() == 0 {
                        return;
                    }
                    continue;
                }
            };
            match notification {
                Ok(Some(notification)) => {
                    let Some(strong) = signal.upgrade() else {
                        return;
                    };
                    match notification.payload().parse::<i64>() {
                        Ok(seq) => strong.learn(seq),
                        Err(_) => strong.poke(),
                    }
                }
                // The connection was lost and is being made again: read the number once it is.
                Ok(None) => {
                    if let Some(strong) = signal.upgrade() {
                        strong.poke();
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "lost the connection listening for changes");
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_waiter_wakes_only_for_a_higher_number() {
        let signal = ChangeSignal {
            last: watch::Sender::new(5),
            poke: Arc::new(Notify::new()),
        };
        let mut waiter = signal.waiter();
        assert_eq!(waiter.known(), 5);
        signal.learn(3);
        assert_eq!(waiter.known(), 5, "a number is never lowered");
        let woken = tokio::spawn(async move { waiter.past(5).await });
        tokio::task::yield_now().await;
        assert!(!woken.is_finished());
        signal.learn(9);
        assert_eq!(woken.await.ok(), Some(9));
    }
}
