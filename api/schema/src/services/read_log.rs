//! The log of confidential reads, one entry per caller, record and hour.
//!
//! Every answer that holds confidential records is logged: who read which record, and when. A
//! dashboard polled by an administrator holds a hundred of them on every answer, so the log keeps
//! one entry per caller (actor and role), record and window of one hour (UTC-aligned, [`window_of`]):
//! `read_window` is the window's start, `occurred_at` the first read in it, `reads` how many
//! answers to that caller held the record in it, and `after` `{"sensitivity": …}` the highest level
//! the record was read at in it, which keeps the entry from readers below that level
//! (`audit::list`). At most 24 entries per caller and record a day, however often it polls.
//!
//! Entries are written with an upsert (`INSERT … ON CONFLICT (actor, actor_kind, record_type,
//! record_id, read_window) DO UPDATE SET reads = reads + excluded.reads`), so two replicas
//! writing the same window's first read still end with one entry holding both counts.
//!
//! - **The first read** of a record by a caller in a window (as far as this process knows) waits
//!   until its entry is written: an answer never leaves before the fact that the caller read the
//!   record is in the log. Such reads go to the process's writer, which writes everything that
//!   arrived while it was busy in one transaction.
//! - **Later reads** in the same window only add to the process's [`Tally`]: the request does not
//!   wait for the database. A flusher adds the tallied counts to their entries every
//!   [`FLUSH_EVERY`] and at shutdown ([`ReadLog::flush`]). A crash loses at most the counts
//!   tallied since the last flush, never the fact of a read (its entry was written before the
//!   first answer left).
//!
//! The tally is only a cache of "written in this window" and of counts owed to the log: another
//! replica depends on none of it. It holds at most [`MAX_TALLIED`] records of the current window
//! and as many owed counts; beyond that, reads wait for their write as first reads do.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use entity::audit_entry;
use entity::enums::Sensitivity;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait};
use uuid::Uuid;

use super::access::Viewer;
use super::audit;
use super::record::RecordKind;
use crate::error::{AppError, AppResult};
use crate::grouped::Grouped;

/// Answers whose first reads are written together, at most.
const MAX_GROUP: usize = 256;

/// How often the counts of later reads are added to their entries.
pub const FLUSH_EVERY: Duration = Duration::from_secs(2);

/// Records of the current window a process remembers as written, and counts it may owe, at most
/// (each about a hundred bytes).
pub const MAX_TALLIED: usize = 100_000;

/// The length of a window, in seconds.
const WINDOW_SECONDS: i64 = 3_600;

/// A confidential record an answer held, with its sensitivity when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub kind: RecordKind,
    pub id: Uuid,
    pub sensitivity: Sensitivity,
}

/// The start of the window of one hour (UTC-aligned) that `at` falls in.
pub fn window_of(at: DateTime<Utc>) -> DateTime<Utc> {
    let start = at.timestamp() - at.timestamp().rem_euclid(WINDOW_SECONDS);
    Utc.timestamp_opt(start, 0).single().unwrap_or(at)
}

/// Who read: the actor in a role (the same actor under another role is another caller).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Caller {
    actor: String,
    role: &'static str,
}

impl Caller {
    fn of(viewer: &Viewer) -> Self {
        Self {
            actor: viewer.actor.clone(),
            role: viewer.role.name(),
        }
    }
}

/// A record read by a caller in a window: what one entry counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    caller: Caller,
    kind: RecordKind,
    id: Uuid,
    window: DateTime<Utc>,
}

/// What goes into one entry: the reads of a key, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Count {
    /// The first of these reads.
    first: DateTime<Utc>,
    /// The highest level the record was read at.
    sensitivity: Sensitivity,
    /// How many answers held the record.
    reads: i64,
}

impl Count {
    fn add(&mut self, other: Count) {
        self.first = self.first.min(other.first);
        self.sensitivity = self.sensitivity.max(other.sensitivity);
        self.reads += other.reads;
    }
}

/// The distinct records of one answer, each at the highest level the answer held it at, in the
/// order they were first held.
fn distinct(reads: &[Read]) -> Vec<Read> {
    let mut out: Vec<Read> = Vec::with_capacity(reads.len());
    let mut index: HashMap<(RecordKind, Uuid), usize> = HashMap::new();
    for &read in reads {
        match index.get(&(read.kind, read.id)) {
            Some(&i) => out[i].sensitivity = out[i].sensitivity.max(read.sensitivity),
            None => {
                index.insert((read.kind, read.id), out.len());
                out.push(read);
            }
        }
    }
    out
}

/// Answers' reads counted per entry (caller, record, window), in order of arrival.
fn coalesce<'a>(
    answers: impl IntoIterator<Item = (&'a Caller, DateTime<Utc>, &'a [Read])>,
) -> Vec<(Key, Count)> {
    let mut out: Vec<(Key, Count)> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    for (caller, at, reads) in answers {
        for read in distinct(reads) {
            let key = Key {
                caller: caller.clone(),
                kind: read.kind,
                id: read.id,
                window: window_of(at),
            };
            let count = Count {
                first: at,
                sensitivity: read.sensitivity,
                reads: 1,
            };
            match index.get(&key) {
                Some(&i) => out[i].1.add(count),
                None => {
                    index.insert(key.clone(), out.len());
                    out.push((key, count));
                }
            }
        }
    }
    out
}

/// What a process knows of the log's entries of the current window: the records it has written
/// (at the level written), and the counts of later reads it owes the log. Bounded by `cap`
/// records each; the memory of past windows is dropped when a new one starts (their owed counts
/// stay until flushed).
#[derive(Debug)]
pub(crate) struct Tally {
    window: DateTime<Utc>,
    written: HashMap<(Caller, RecordKind, Uuid), Sensitivity>,
    owed: HashMap<Key, Count>,
    cap: usize,
}

impl Tally {
    fn new(cap: usize) -> Self {
        Self {
            window: DateTime::<Utc>::MIN_UTC,
            written: HashMap::new(),
            owed: HashMap::new(),
            cap,
        }
    }

    /// Counts the reads of an answer given at `at` whose entry is written at their level already,
    /// and returns the others, which must be written before the answer leaves.
    fn count(&mut self, caller: &Caller, at: DateTime<Utc>, reads: &[Read]) -> Vec<Read> {
        let window = window_of(at);
        if window > self.window {
            self.window = window;
            self.written.clear();
        }
        let mut unwritten = Vec::new();
        for read in distinct(reads) {
            let key = Key {
                caller: caller.clone(),
                kind: read.kind,
                id: read.id,
                window,
            };
            let written = window == self.window
                && self
                    .written
                    .get(&(caller.clone(), read.kind, read.id))
                    .is_some_and(|&level| level >= read.sensitivity);
            let room = self.owed.len() < self.cap || self.owed.contains_key(&key);
            if !(written && room) {
                unwritten.push(read);
                continue;
            }
            let count = Count {
                first: at,
                sensitivity: read.sensitivity,
                reads: 1,
            };
            self.owed
                .entry(key)
                .and_modify(|owed| owed.add(count))
                .or_insert(count);
        }
        unwritten
    }

    /// Remembers that the entries of these reads, made at `at`, are written, while there is room.
    fn remember(&mut self, caller: &Caller, at: DateTime<Utc>, reads: &[Read]) {
        if window_of(at) != self.window {
            return;
        }
        for read in reads {
            let key = (caller.clone(), read.kind, read.id);
            if self.written.len() >= self.cap && !self.written.contains_key(&key) {
                continue;
            }
            let level = self.written.entry(key).or_insert(read.sensitivity);
            *level = (*level).max(read.sensitivity);
        }
    }

    /// The counts owed to the log, which the tally no longer holds.
    fn take(&mut self) -> Vec<(Key, Count)> {
        self.owed.drain().collect()
    }

    /// Owes `counts` again (their write failed).
    fn owe(&mut self, counts: Vec<(Key, Count)>) {
        for (key, count) in counts {
            self.owed
                .entry(key)
                .and_modify(|owed| owed.add(count))
                .or_insert(count);
        }
    }
}

/// The first reads of one answer, for one caller, at a moment.
type FirstReads = (Caller, DateTime<Utc>, Vec<Read>);

/// The process's writer of confidential reads.
#[derive(Debug)]
pub struct ReadLog {
    writer: Grouped<FirstReads, ()>,
    /// `None` without a Tokio runtime to flush on: every read then waits for its write.
    tally: Option<Arc<Mutex<Tally>>>,
    db: DatabaseConnection,
}

impl ReadLog {
    /// Starts the writer and the flusher on the current Tokio runtime.
    pub fn start(db: DatabaseConnection) -> Arc<Self> {
        Self::start_with(db, MAX_TALLIED)
    }

    /// [`Self::start`] with a tally of at most `cap` records.
    pub fn start_with(db: DatabaseConnection, cap: usize) -> Arc<Self> {
        let writing = db.clone();
        let writer = Grouped::start(MAX_GROUP, move |group: Vec<FirstReads>| {
            let db = writing.clone();
            async move {
                let counts = coalesce(group.iter().map(|(c, at, r)| (c, *at, r.as_slice())));
                write(&db, counts)
                    .await
                    .map_err(|err| format!("could not log confidential reads: {err:?}"))
            }
        });
        let runtime = tokio::runtime::Handle::try_current().ok();
        let tally = runtime
            .is_some()
            .then(|| Arc::new(Mutex::new(Tally::new(cap))));
        let log = Arc::new(Self { writer, tally, db });
        if let Some(runtime) = runtime {
            let flushing: Weak<Self> = Arc::downgrade(&log);
            runtime.spawn(async move {
                let mut ticks = tokio::time::interval(FLUSH_EVERY);
                ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    ticks.tick().await;
                    let Some(log) = flushing.upgrade() else {
                        return;
                    };
                    if let Err(err) = log.flush().await {
                        tracing::error!(error = ?err, "could not add tallied confidential reads");
                    }
                }
            });
        }
        log
    }

    /// Answers whose reads wait to be written (queued, or in the group being written).
    pub fn pending(&self) -> usize {
        self.writer.pending()
    }

    /// [`Self::append`] for an answer already given: a failure is logged, not returned (the
    /// caller has its answer, and losing it would not make the log complete).
    pub async fn record(&self, viewer: &Viewer, reads: &[Read]) {
        if let Err(err) = self.append(viewer, reads).await {
            tracing::error!(error = ?err, "could not log confidential reads");
        }
    }

    /// Logs that `viewer` read these confidential records; returns once each is in the log (the
    /// count of a record already logged in this window may still be owed: [`Self::flush`]).
    pub async fn append(&self, viewer: &Viewer, reads: &[Read]) -> AppResult<()> {
        if reads.is_empty() {
            return Ok(());
        }
        let caller = Caller::of(viewer);
        let at = Utc::now();
        let unwritten = match &self.tally {
            Some(tally) => lock(tally).count(&caller, at, reads),
            None => reads.to_vec(),
        };
        if unwritten.is_empty() {
            return Ok(());
        }
        self.writer
            .submit((caller.clone(), at, unwritten.clone()))
            .await
            .map_err(|message| AppError::internal(anyhow::anyhow!(message)))?;
        if let Some(tally) = &self.tally {
            lock(tally).remember(&caller, at, &unwritten);
        }
        Ok(())
    }

    /// Adds the counts owed to the log to their entries now (the flusher does it every
    /// [`FLUSH_EVERY`]; the server once more when it stops). Counts whose write fails stay owed.
    pub async fn flush(&self) -> AppResult<()> {
        let Some(tally) = &self.tally else {
            return Ok(());
        };
        let counts = lock(tally).take();
        if counts.is_empty() {
            return Ok(());
        }
        if let Err(err) = write(&self.db, counts.clone()).await {
            lock(tally).owe(counts);
            return Err(err);
        }
        Ok(())
    }
}

/// The tally, even if a thread panicked holding it (its maps stay consistent between calls).
fn lock(tally: &Mutex<Tally>) -> std::sync::MutexGuard<'_, Tally> {
    tally
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Adds `counts` to their entries (creating those not there yet) in one transaction, in the
/// order of their keys, so concurrent writers take the rows' locks in one order.
async fn write(db: &DatabaseConnection, mut counts: Vec<(Key, Count)>) -> AppResult<()> {
    // Seventeen columns per entry keep a statement well under the bound-value limits of SQLite
    // and PostgreSQL.
    const PER_STATEMENT: usize = 500;
    counts.sort_by(|a, b| a.0.cmp(&b.0));
    let tx = db.begin().await?;
    // A count at the highest level sets the entry's level; one below leaves it (a read is logged
    // at CONFIDENTIAL or STRICTLY_CONFIDENTIAL, so the entry keeps the higher of the two).
    let (raising, keeping): (Vec<_>, Vec<_>) = counts
        .into_iter()
        .partition(|(_, count)| count.sensitivity == Sensitivity::StrictlyConfidential);
    for (counts, raises) in [(keeping, false), (raising, true)] {
        for chunk in counts.chunks(PER_STATEMENT) {
            upsert(&tx, chunk, raises).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// One statement adding `counts` to their entries; `raises`: the counts set the entries' level.
async fn upsert<C: ConnectionTrait>(
    db: &C,
    counts: &[(Key, Count)],
    raises: bool,
) -> AppResult<()> {
    use sea_orm::sea_query::ExprTrait;
    if counts.is_empty() {
        return Ok(());
    }
    let rows = counts.iter().map(|(key, count)| {
        let mut row = audit::row_of(
            &key.caller.actor,
            key.caller.role,
            count.first,
            audit::Entry {
                operation: audit::READ,
                kind: Some(key.kind),
                record_id: Some(key.id),
                before: None,
                after: Some(serde_json::json!({ "sensitivity": count.sensitivity })),
            },
            None,
        );
        row.read_window = Set(Some(key.window));
        row.reads = Set(Some(count.reads));
        row
    });
    let mut on_conflict = OnConflict::columns([
        audit_entry::Column::Actor,
        audit_entry::Column::ActorKind,
        audit_entry::Column::RecordType,
        audit_entry::Column::RecordId,
        audit_entry::Column::ReadWindow,
    ]);
    on_conflict.value(
        audit_entry::Column::Reads,
        Expr::col((audit_entry::Entity, audit_entry::Column::Reads))
            .add(Expr::cust("excluded.reads")),
    );
    if raises {
        on_conflict.update_column(audit_entry::Column::After);
    }
    audit_entry::Entity::insert_many(rows)
        .on_conflict(on_conflict.to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::access::Role;

    const C: Sensitivity = Sensitivity::Confidential;
    const SC: Sensitivity = Sensitivity::StrictlyConfidential;

    fn read(kind: RecordKind, n: u128, sensitivity: Sensitivity) -> Read {
        Read {
            kind,
            id: Uuid::from_u128(n),
            sensitivity,
        }
    }

    fn caller(actor: &str, role: Role) -> Caller {
        Caller {
            actor: actor.into(),
            role: role.name(),
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("a moment")
    }

    /// `(actor, record number, window, reads, level)` of each counted entry.
    fn summary(counts: &[(Key, Count)]) -> Vec<(&str, u128, DateTime<Utc>, i64, Sensitivity)> {
        counts
            .iter()
            .map(|(key, count)| {
                (
                    key.caller.actor.as_str(),
                    key.id.as_u128(),
                    key.window,
                    count.reads,
                    count.sensitivity,
                )
            })
            .collect()
    }

    #[test]
    fn a_window_is_the_utc_hour_a_moment_falls_in() {
        let start = at("2026-12-07T22:00:00Z");
        assert_eq!(window_of(start), start);
        assert_eq!(window_of(at("2026-12-07T22:59:59.999Z")), start);
        assert_eq!(window_of(at("2026-12-07T22:38:46.5Z")), start);
        assert_eq!(
            window_of(at("2026-12-07T23:00:00Z")),
            at("2026-12-07T23:00:00Z")
        );
        assert_eq!(
            window_of(at("1969-12-31T23:30:00Z")),
            at("1969-12-31T23:00:00Z")
        );
    }

    #[test]
    fn answers_are_counted_once_per_caller_record_and_window() {
        let admin = caller("system", Role::Admin);
        let analyst = caller("user:ana", Role::Analyst);
        let m = RecordKind::Mission;
        let f = RecordKind::Forum;
        let ten = at("2026-12-07T10:15:00Z");
        let later = at("2026-12-07T10:45:00Z");
        let eleven = at("2026-12-07T11:05:00Z");
        let first = [read(m, 1, C), read(f, 2, C), read(m, 1, C)];
        let second = [read(f, 2, C), read(m, 3, C)];
        let third = [read(m, 1, C)];
        let counts = coalesce([
            (&admin, ten, &first[..]),
            (&analyst, ten, &third[..]),
            (&admin, later, &second[..]),
            (&admin, eleven, &third[..]),
        ]);
        let w10 = at("2026-12-07T10:00:00Z");
        let w11 = at("2026-12-07T11:00:00Z");
        // A record held twice in one answer counts once; across answers, once per answer.
        assert_eq!(
            summary(&counts),
            vec![
                ("system", 1, w10, 1, C),
                ("system", 2, w10, 2, C),
                ("user:ana", 1, w10, 1, C),
                ("system", 3, w10, 1, C),
                ("system", 1, w11, 1, C),
            ]
        );
        // The entry's time is the first read of its window.
        assert_eq!(counts[1].1.first, ten);
    }

    #[test]
    fn a_record_read_at_two_levels_is_counted_at_the_higher() {
        let admin = caller("system", Role::Admin);
        let p = RecordKind::Person;
        let now = at("2026-12-07T10:15:00Z");
        let first = [read(p, 1, C), read(p, 1, SC)];
        let second = [read(p, 2, SC)];
        let third = [read(p, 2, C)];
        let counts = coalesce([
            (&admin, now, &first[..]),
            (&admin, now, &second[..]),
            (&admin, now, &third[..]),
        ]);
        let w = window_of(now);
        assert_eq!(
            summary(&counts),
            vec![("system", 1, w, 1, SC), ("system", 2, w, 2, SC)]
        );
    }

    #[test]
    fn the_same_actor_under_another_role_is_another_caller() {
        let admin = caller("system", Role::Admin);
        let demoted = caller("system", Role::Viewer);
        let now = at("2026-12-07T10:15:00Z");
        let reads = [read(RecordKind::Mission, 1, C)];
        let counts = coalesce([(&admin, now, &reads[..]), (&demoted, now, &reads[..])]);
        assert_eq!(counts.len(), 2);
        assert_ne!(counts[0].0, counts[1].0);
        assert!(coalesce([(&admin, now, &[][..])]).is_empty());
    }

    #[test]
    fn reads_already_written_in_the_window_are_tallied_not_written() {
        let admin = caller("system", Role::Admin);
        let ana = caller("user:ana", Role::Analyst);
        let m = RecordKind::Mission;
        let mut tally = Tally::new(10);
        let now = at("2026-12-07T10:15:00Z");
        let reads = [read(m, 1, C), read(m, 2, C), read(m, 1, C)];
        // Nothing written yet: every record waits for its write, each once.
        assert_eq!(
            tally.count(&admin, now, &reads),
            vec![read(m, 1, C), read(m, 2, C)]
        );
        assert!(tally.take().is_empty());
        tally.remember(&admin, now, &[read(m, 1, C)]);
        // Written: the next answers only count; another record or caller still waits.
        for _ in 0..3 {
            assert_eq!(tally.count(&admin, now, &reads), vec![read(m, 2, C)]);
        }
        assert_eq!(tally.count(&ana, now, &reads).len(), 2);
        // A read at a higher level than the entry's waits, so the entry's level is raised.
        assert_eq!(
            tally.count(&admin, now, &[read(m, 1, SC)]),
            vec![read(m, 1, SC)]
        );
        let owed = tally.take();
        assert_eq!(summary(&owed), vec![("system", 1, window_of(now), 3, C)]);
        assert_eq!(owed[0].1.first, now);
        assert!(tally.take().is_empty());
        // A failed flush owes its counts again, added to those since.
        tally.owe(owed);
        tally.count(&admin, now, &[read(m, 1, C)]);
        assert_eq!(tally.take()[0].1.reads, 4);
    }

    #[test]
    fn a_new_window_forgets_what_was_written_but_keeps_what_is_owed() {
        let admin = caller("system", Role::Admin);
        let m = RecordKind::Mission;
        let mut tally = Tally::new(10);
        let ten = at("2026-12-07T10:59:00Z");
        let eleven = at("2026-12-07T11:00:01Z");
        assert_eq!(tally.count(&admin, ten, &[read(m, 1, C)]).len(), 1);
        tally.remember(&admin, ten, &[read(m, 1, C)]);
        assert!(tally.count(&admin, ten, &[read(m, 1, C)]).is_empty());
        // The first read of the next hour waits for its own entry.
        assert_eq!(
            tally.count(&admin, eleven, &[read(m, 1, C)]),
            vec![read(m, 1, C)]
        );
        assert!(tally.written.is_empty());
        // A write that finishes after its window ended is not remembered in the new one.
        tally.remember(&admin, ten, &[read(m, 1, C)]);
        assert!(tally.written.is_empty());
        assert_eq!(
            summary(&tally.take()),
            vec![("system", 1, window_of(ten), 1, C)]
        );
    }

    #[test]
    fn a_full_tally_makes_reads_wait_for_their_write() {
        let admin = caller("system", Role::Admin);
        let m = RecordKind::Mission;
        let mut tally = Tally::new(2);
        let now = at("2026-12-07T10:15:00Z");
        let reads = [read(m, 1, C), read(m, 2, C), read(m, 3, C)];
        assert_eq!(tally.count(&admin, now, &reads).len(), 3);
        tally.remember(&admin, now, &reads);
        // Two records remembered; the third is written again on every read.
        assert_eq!(tally.written.len(), 2);
        assert_eq!(tally.count(&admin, now, &reads), vec![read(m, 3, C)]);
        // Two counts owed at most: a third record, even remembered, waits.
        let mut other = Tally::new(2);
        assert_eq!(other.count(&admin, now, &reads[..2]).len(), 2);
        other.remember(&admin, now, &reads[..2]);
        other.owed.insert(
            Key {
                caller: caller("user:x", Role::Admin),
                kind: m,
                id: Uuid::from_u128(9),
                window: window_of(now),
            },
            Count {
                first: now,
                sensitivity: C,
                reads: 1,
            },
        );
        assert_eq!(other.count(&admin, now, &reads[..2]), vec![read(m, 2, C)]);
        assert_eq!(other.owed.len(), 2);
        // A key already owed keeps counting.
        assert!(other.count(&admin, now, &reads[..1]).is_empty());
        assert_eq!(other.owed.len(), 2);
    }
}
