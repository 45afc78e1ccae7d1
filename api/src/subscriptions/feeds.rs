//! Shared feeds: subscribers that ask the same thing and may see the same run one stream
//! between them.
//!
//! Two subscriptions with the same document, operation name and variables, for callers with the
//! same [`Viewer::sight`] on the same date, are shown the same events: the same changes of the
//! feed, resolved the same way. A process therefore runs one stream for all of them (a *feed*):
//! the feed reads each page of changes once, resolves and serialises each event once, and hands
//! the same bytes to every subscriber, which wraps them in its own `next` message. Each
//! subscriber still logs the confidential reads of each event under its own name before it
//! sends it, is counted against its own limits, and is closed by its own connection's checks.
//!
//! Joining a feed already running loses nothing and repeats nothing. The feed numbers each
//! event with the change it shows (`FeedPosition`) and keeps its last events
//! (`subscription_feed_backlog`, 1,024 by default):
//! - a subscriber asking `after` a cursor joins only a feed whose events since that cursor are
//!   all still kept, and gets them first;
//! - a subscriber asking from now skips the events of changes committed before it asked.
//!
//! A subscriber that falls more events behind the feed than it keeps (its client reads more
//! slowly than the feed's changes come) leaves it and reads on alone from the last change it
//! received, as a subscription of its own: no change is lost, none is sent twice, and the
//! others do not wait for it. The feed ends when its last subscriber leaves.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::broadcast;
use tokio::task::AbortHandle;

use super::{Event, Run, Sink, Subscriber};
use crate::graphql::context::{FeedPosition, FeedStart};
use crate::http::HttpState;
use crate::services::access::Viewer;
use crate::services::data_version;

/// The process's shared feeds, by what they answer.
#[derive(Debug)]
pub struct Feeds {
    open: Mutex<HashMap<String, Arc<Feed>>>,
    next_id: AtomicU64,
    /// Events each feed keeps for subscribers that join it late, and that a subscriber may
    /// fall behind it before it reads on alone.
    backlog: usize,
    /// Feeds whose stream runs, those no longer taking subscribers included.
    running: AtomicUsize,
    /// Subscribers served through a feed.
    shared: AtomicUsize,
}

/// One stream and the subscribers it serves.
#[derive(Debug)]
pub(super) struct Feed {
    id: u64,
    /// Events it keeps.
    keep: usize,
    key: String,
    position: Arc<FeedPosition>,
    state: Mutex<FeedState>,
    task: Mutex<Option<AbortHandle>>,
}

#[derive(Debug)]
struct FeedState {
    /// `None` once the feed has ended.
    events: Option<broadcast::Sender<Arc<Event>>>,
    /// Its last events, for subscribers joining late.
    backlog: VecDeque<Arc<Event>>,
    /// The number of the last change whose event left the backlog.
    dropped_through: Option<i64>,
    subscribers: usize,
}

/// What a subscriber joining a feed gets: the events to come, and the events kept.
type Joined = (broadcast::Receiver<Arc<Event>>, Vec<Arc<Event>>);

/// A hold on a feed, which does `then` when dropped: a subscriber's place in it (it leaves),
/// or its stream's task (the feed ends, however the task ends).
struct Hold {
    feeds: Arc<Feeds>,
    feed: Arc<Feed>,
    then: fn(&Feeds, &Arc<Feed>),
}

impl Drop for Hold {
    fn drop(&mut self) {
        (self.then)(&self.feeds, &self.feed);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// The first change a subscriber of a feed that started at `start` is sent, when it asked at
/// the moment the last committed change was `asked`: everything after the feed's cursor when
/// it asked `after` one (the same for every subscriber of the feed: the request is the same),
/// the changes committed since it asked when it asked from now.
fn sent_after(start: FeedStart, asked: i64) -> i64 {
    if start.from_now {
        start.after.max(asked)
    } else {
        start.after
    }
}

impl Feeds {
    /// No feed yet; each will keep `backlog` events.
    pub fn new(backlog: u32) -> Self {
        Self {
            open: Mutex::default(),
            next_id: AtomicU64::new(0),
            backlog: backlog.max(1) as usize,
            running: AtomicUsize::new(0),
            shared: AtomicUsize::new(0),
        }
    }

    /// Feeds running and the subscribers they serve.
    pub fn sizes(&self) -> (usize, usize) {
        (
            self.running.load(Ordering::Relaxed),
            self.shared.load(Ordering::Relaxed),
        )
    }

    /// Serves one subscription until it ends, through the feed that answers it (started when
    /// none runs, or none can take it).
    pub(crate) async fn serve(
        self: Arc<Self>,
        state: Arc<HttpState>,
        request: async_graphql::Request,
        subscriber: Subscriber,
    ) {
        // The date "today" means for the feed's requests (the default of every `asOf`).
        let today = chrono::Utc::now().date_naive();
        let key = key(&subscriber.viewer, today, &request);
        let replay = Replay::of(&request);
        // The last change committed before this subscriber joins: a feed from now sends it the
        // changes after it, and may take it only if it still keeps them all.
        let asked = match data_version::last_change(&state.db).await {
            Ok(asked) => asked,
            Err(err) => {
                subscriber.refuse(&err).await;
                return;
            }
        };
        let (feed, (receiver, backlog)) = self.place(&key, asked);
        let membership = Hold {
            feeds: self.clone(),
            feed,
            then: Feeds::leave,
        };
        self.start(&state, &membership.feed, &subscriber, request);
        relay(
            &state,
            membership,
            receiver,
            backlog,
            asked,
            &subscriber,
            replay,
        )
        .await;
    }

    /// A place in the feed under `key` for a subscriber that asked when the last change was
    /// `asked`: in the one running if it can take it, else in a new one, which replaces it for
    /// the subscribers to come (the old one serves its own until they leave).
    fn place(&self, key: &str, asked: i64) -> (Arc<Feed>, Joined) {
        let mut open = lock(&self.open);
        self.shared.fetch_add(1, Ordering::Relaxed);
        if let Some(feed) = open.get(key) {
            if let Some(joined) = feed.join(asked) {
                return (feed.clone(), joined);
            }
        }
        let feed = Arc::new(Feed::new(
            self.next_id.fetch_add(1, Ordering::Relaxed),
            key.to_owned(),
            self.backlog,
        ));
        let joined = feed.join(asked).expect("a new feed takes anyone");
        open.insert(key.to_owned(), feed.clone());
        (feed, joined)
    }

    /// Starts the stream of `feed` unless it runs, with the state of its first subscriber.
    fn start(
        self: &Arc<Self>,
        state: &Arc<HttpState>,
        feed: &Arc<Feed>,
        subscriber: &Subscriber,
        request: async_graphql::Request,
    ) {
        let mut task = lock(&feed.task);
        if task.is_some() {
            return;
        }
        let run = Run::open(state, subscriber, request, feed.position.clone());
        self.running.fetch_add(1, Ordering::Relaxed);
        // Made before the task, so it ends the feed even if the task is cancelled before it
        // first runs.
        let ended = Hold {
            feeds: self.clone(),
            feed: feed.clone(),
            then: Feeds::ended,
        };
        let handle = tokio::spawn(async move {
            run.produce(Sink::Feed(&ended.feed)).await;
        });
        *task = Some(handle.abort_handle());
    }

    /// A subscriber leaves `feed`; the last one ends it.
    fn leave(&self, feed: &Arc<Feed>) {
        self.shared.fetch_sub(1, Ordering::Relaxed);
        let mut open = lock(&self.open);
        let mut state = lock(&feed.state);
        state.subscribers = state.subscribers.saturating_sub(1);
        if state.subscribers > 0 {
            return;
        }
        state.events = None;
        drop(state);
        if open.get(&feed.key).is_some_and(|f| f.id == feed.id) {
            open.remove(&feed.key);
        }
        drop(open);
        if let Some(task) = lock(&feed.task).take() {
            task.abort();
        }
    }

    /// `feed`'s stream ended: it takes no one more, and its subscribers read what it sent.
    fn ended(&self, feed: &Arc<Feed>) {
        self.running.fetch_sub(1, Ordering::Relaxed);
        let mut open = lock(&self.open);
        lock(&feed.state).events = None;
        if open.get(&feed.key).is_some_and(|f| f.id == feed.id) {
            open.remove(&feed.key);
        }
    }
}

impl Feed {
    fn new(id: u64, key: String, keep: usize) -> Self {
        let (events, _) = broadcast::channel(keep);
        Self {
            id,
            keep,
            key,
            position: Arc::new(FeedPosition::default()),
            state: Mutex::new(FeedState {
                events: Some(events),
                backlog: VecDeque::new(),
                dropped_through: None,
                subscribers: 0,
            }),
            task: Mutex::new(None),
        }
    }

    /// A place for a subscriber that asked when the last change was `asked`: its receiver of
    /// the events to come and the events kept, unless the feed ended or no longer keeps every
    /// event the subscriber must be sent.
    fn join(&self, asked: i64) -> Option<Joined> {
        let mut state = lock(&self.state);
        let receiver = state.events.as_ref()?.subscribe();
        if let Some(dropped) = state.dropped_through {
            // Events left the backlog, so the feed has started.
            let start = self.position.start()?;
            if dropped > sent_after(start, asked) {
                return None;
            }
        }
        state.subscribers += 1;
        Some((receiver, state.backlog.iter().cloned().collect()))
    }

    /// Sends an event to every subscriber and keeps it for those to come; whether anyone
    /// listens.
    pub(super) fn publish(&self, event: Arc<Event>) -> bool {
        let mut state = lock(&self.state);
        state.backlog.push_back(event.clone());
        if state.backlog.len() > self.keep {
            if let Some(seq) = state.backlog.pop_front().and_then(|e| e.seq) {
                state.dropped_through = Some(seq);
            }
        }
        match &state.events {
            Some(events) => events.send(event).is_ok(),
            None => false,
        }
    }
}

/// The cache key of what a subscription answers: the caller's sight, the date and the request.
fn key(viewer: &Viewer, today: chrono::NaiveDate, request: &async_graphql::Request) -> String {
    let variables = serde_json::to_string(&request.variables).unwrap_or_default();
    format!(
        "{}\n{today}\n{}\n{variables}\n{}",
        viewer.sight(),
        request.operation_name.as_deref().unwrap_or(""),
        request.query
    )
}

/// What a subscriber needs to read on alone: its request again.
struct Replay {
    query: String,
    operation_name: Option<String>,
    variables: async_graphql::Variables,
    extensions: async_graphql::Extensions,
}

impl Replay {
    fn of(request: &async_graphql::Request) -> Self {
        Self {
            query: request.query.clone(),
            operation_name: request.operation_name.clone(),
            variables: request.variables.clone(),
            extensions: request.extensions.clone(),
        }
    }

    fn request(self) -> async_graphql::Request {
        let mut request = async_graphql::Request::new(self.query).variables(self.variables);
        if let Some(name) = self.operation_name {
            request = request.operation_name(name);
        }
        request.extensions = self.extensions;
        request
    }
}

/// Sends a subscriber the events of its feed, the kept ones first; reads on alone when it falls
/// behind or the feed stops without ending the subscription.
async fn relay(
    state: &Arc<HttpState>,
    membership: Hold,
    mut receiver: broadcast::Receiver<Arc<Event>>,
    backlog: Vec<Arc<Event>>,
    asked: i64,
    subscriber: &Subscriber,
    replay: Replay,
) {
    let position = membership.feed.position.clone();
    // The number of the last change sent.
    let mut sent: Option<i64> = None;
    let mut backlog = backlog.into_iter();
    loop {
        let event = match backlog.next() {
            Some(event) => event,
            None => match receiver.recv().await {
                Ok(event) => event,
                Err(
                    broadcast::error::RecvError::Lagged(_) | broadcast::error::RecvError::Closed,
                ) => break,
            },
        };
        if let Some(seq) = event.seq {
            // Sent already, or before what the subscriber asked for.
            let after = position
                .start()
                .map_or(i64::MIN, |start| sent_after(start, asked));
            if seq <= after || sent.is_some_and(|s| seq <= s) {
                continue;
            }
            sent = Some(seq);
        }
        if !subscriber.deliver(&state.api, &event).await {
            return;
        }
    }
    // Behind the feed, or the feed stopped: on alone from the last change sent.
    let resume = sent.or_else(|| position.start().map(|start| sent_after(start, asked)));
    drop(receiver);
    drop(membership);
    tracing::debug!(?resume, "a subscriber reads on alone");
    super::alone(state, replay.request(), subscriber, resume).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subscriber_is_sent_the_changes_after_its_cursor_or_after_it_asked() {
        let after = FeedStart {
            from_now: false,
            after: 10,
        };
        // The same cursor for every subscriber of a feed that asked `after` one.
        assert_eq!(sent_after(after, 25), 10);
        let now = FeedStart {
            from_now: true,
            after: 10,
        };
        // From now: the changes since it asked, or since the feed started if that is later.
        assert_eq!(sent_after(now, 25), 25);
        assert_eq!(sent_after(now, 5), 10);
    }

    fn change(seq: i64) -> Arc<Event> {
        Arc::new(Event::change(format!("{{\"n\":{seq}}}"), seq))
    }

    const KEEP: usize = 16;

    #[test]
    fn a_feed_takes_a_late_subscriber_only_while_it_keeps_what_that_one_must_be_sent() {
        let feed = Feed::new(1, "k".into(), KEEP);
        feed.position.started(FeedStart {
            from_now: true,
            after: 0,
        });
        let (_first, backlog) = feed.join(0).expect("a new feed takes anyone");
        assert!(backlog.is_empty());
        for seq in 1..=(KEEP as i64 + 10) {
            assert!(feed.publish(change(seq)));
        }
        // Changes 1 to 10 left the backlog: a subscriber from now that asked at change 5 would
        // miss 6 to 10; one that asked at 10 misses nothing and is handed the backlog.
        assert!(feed.join(5).is_none());
        let (_late, backlog) = feed.join(10).expect("it keeps every change after 10");
        assert_eq!(backlog.len(), KEEP);
        assert_eq!(backlog[0].seq, Some(11));

        let from_cursor = Feed::new(2, "k".into(), KEEP);
        from_cursor.position.started(FeedStart {
            from_now: false,
            after: 0,
        });
        let _first = from_cursor.join(0).expect("a new feed takes anyone");
        assert!(from_cursor.publish(change(1)));
        assert!(
            from_cursor.join(100).is_some(),
            "every event since the cursor is kept"
        );
        for seq in 2..=(KEEP as i64 + 1) {
            assert!(from_cursor.publish(change(seq)));
        }
        assert!(
            from_cursor.join(100).is_none(),
            "change 1, after the cursor, is no longer kept"
        );
    }

    #[test]
    fn subscribers_of_a_replaced_feed_are_still_counted_as_shared() {
        let feeds = Arc::new(Feeds::new(2));
        let (first, _joined) = feeds.place("k", 0);
        first.position.started(FeedStart {
            from_now: false,
            after: 0,
        });
        for seq in 1..=3 {
            first.publish(change(seq));
        }
        // Change 1 left its backlog: a late subscriber after cursor 0 gets a feed of its own.
        let (second, _joined) = feeds.place("k", 0);
        assert_ne!(first.id, second.id);
        assert_eq!(feeds.sizes().1, 2);
        feeds.leave(&first);
        assert_eq!(feeds.sizes().1, 1);
        feeds.leave(&second);
        assert_eq!(feeds.sizes().1, 0);
        assert!(
            lock(&feeds.open).is_empty(),
            "the last to leave ends a feed"
        );
    }

    #[test]
    fn an_ended_feed_takes_no_one() {
        let feed = Feed::new(1, "k".into(), KEEP);
        lock(&feed.state).events = None;
        assert!(feed.join(0).is_none());
        assert!(!feed.publish(change(1)), "no one listens");
    }
}
