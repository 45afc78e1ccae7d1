//! What every resolver can reach: the shared state of the schema and the state of the request
//! (who is calling, the request's loaders, today's date).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use async_graphql::Context;
use chrono::NaiveDate;
use futures_util::future::BoxFuture;
use sea_orm::DatabaseConnection;

use super::loaders::Loaders;
use super::scalars::Date;
use crate::error::{AppError, AppResult};
use crate::graphql::settings::GraphqlSettings;
use crate::services::access::Viewer;
use crate::services::change_signal::ChangeSignal;
use crate::services::read_log::{Read, ReadLog};
use crate::services::record::{RecordKind, RecordModel};
use entity::enums::Sensitivity;

/// Shared state handed to the schema once, at build time.
#[derive(Debug, Clone)]
pub struct ApiContext {
    pub db: DatabaseConnection,
    pub limits: GraphqlSettings,
    /// Where the confidential records an answer holds are logged.
    pub read_log: Arc<ReadLog>,
    /// Exports built at once (`limits.max_concurrent_exports`).
    pub exports: Arc<tokio::sync::Semaphore>,
    /// Wakes subscriptions when changes commit (`services::change_signal`).
    pub changes: Arc<ChangeSignal>,
}

/// The query budget of one request.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub max_depth: usize,
    pub max_complexity: usize,
}

impl Budget {
    /// The budget `limits` give `viewer`: the restricted one for anonymous callers and partner
    /// tokens, the full one otherwise.
    pub fn for_viewer(limits: &GraphqlSettings, viewer: &Viewer) -> Self {
        if viewer.is_restricted() {
            Self {
                max_depth: limits.restricted_max_depth,
                max_complexity: limits.restricted_max_complexity,
            }
        } else {
            Self {
                max_depth: limits.max_depth,
                max_complexity: limits.max_complexity,
            }
        }
    }
}

/// The caller's rate-limit allowance, for a field that costs more than the one operation its
/// request was admitted for (an export). The HTTP layer provides it; a request without one
/// (schema-level tests, the command line) is not rate-limited.
pub trait Allowance: Send + Sync {
    /// Takes `operations` more from the allowance; RATE_LIMITED when it is spent.
    fn take(&self, operations: u32) -> BoxFuture<'_, AppResult<()>>;
}

/// State of one request, put into the request by the HTTP layer.
#[derive(Clone)]
pub struct RequestState {
    pub viewer: Viewer,
    pub loaders: Arc<Loaders>,
    /// The date "today" means for this request (the default of every `asOf`).
    pub today: NaiveDate,
    pub budget: Budget,
    /// The caller's rate-limit allowance, when the request came through the HTTP layer.
    pub allowance: Option<Arc<dyn Allowance>>,
    /// The name of the operation run, once the guard has read the document (for the metrics
    /// of answers served again from the response cache).
    pub operation_name: Arc<Mutex<Option<String>>>,
    /// Confidential records this request read, flushed to the audit log when it ends.
    pub sensitive_reads: Arc<Mutex<Vec<Read>>>,
    /// Set when execution starts: an answer without it was refused before running (a request
    /// error: no `data`, HTTP 400 in `application/graphql-response+json`). One per operation.
    pub executed: Arc<AtomicBool>,
    /// Whether the request's trace is recorded (sampled, and spans exported): its resolvers
    /// then get spans of their own (`graphql/trace.rs`).
    pub traced: bool,
    /// For a subscription, what admits each of its events (an execution permit and a time
    /// limit); the WebSocket transport provides it.
    pub events: Option<Arc<EventGate>>,
    /// For a subscription to the change feed, where its stream stands (the transport reads it
    /// to share one stream between subscribers).
    pub feed: Option<Arc<FeedPosition>>,
}

/// Admits a subscription's events like requests: reading and resolving an event holds one of
/// the process's execution permits, within the execution time limit. The subscription's stream
/// enters the gate before it reads the feed and before it hands out an event; the transport
/// leaves it once the event is resolved (and cancels the subscription when the deadline
/// passes first). Waiting for changes holds no permit.
#[derive(Debug)]
pub struct EventGate {
    permits: Arc<tokio::sync::Semaphore>,
    held: Mutex<Option<tokio::sync::OwnedSemaphorePermit>>,
    deadline: tokio::sync::watch::Sender<Option<tokio::time::Instant>>,
    limit: std::time::Duration,
}

impl EventGate {
    pub fn new(permits: Arc<tokio::sync::Semaphore>, limit: std::time::Duration) -> Self {
        Self {
            permits,
            held: Mutex::new(None),
            deadline: tokio::sync::watch::Sender::new(None),
            limit,
        }
    }

    /// Takes a permit (unless one is held) and starts the clock of the time limit.
    pub async fn enter(&self) -> AppResult<()> {
        let holding = self
            .held
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some();
        if !holding {
            let deadline = tokio::time::Instant::now() + self.limit;
            self.deadline.send_replace(Some(deadline));
            let permit = self
                .permits
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| AppError::internal(anyhow::anyhow!("the server is stopping")))?;
            *self.held.lock().unwrap_or_else(|p| p.into_inner()) = Some(permit);
        }
        Ok(())
    }

    /// Gives the permit back and stops the clock.
    pub fn leave(&self) {
        self.held.lock().unwrap_or_else(|p| p.into_inner()).take();
        self.deadline.send_replace(None);
    }

    /// Resolves when the current event's time limit has passed (never while none runs).
    pub async fn expired(&self) {
        let mut deadline = self.deadline.subscribe();
        loop {
            let current = *deadline.borrow_and_update();
            match current {
                Some(at) => tokio::select! {
                    () = tokio::time::sleep_until(at) => return,
                    changed = deadline.changed() => if changed.is_err() { return std::future::pending().await },
                },
                None => {
                    if deadline.changed().await.is_err() {
                        return std::future::pending().await;
                    }
                }
            }
        }
    }

    /// The time limit of one event.
    pub fn limit(&self) -> std::time::Duration {
        self.limit
    }
}

/// Where a subscription's stream of the change feed stands, shared between the stream and the
/// transport that sends its events: the transport may make the stream start after a given
/// change (a subscriber leaving a shared stream resumes alone from the last change it received),
/// and learns where the stream started and the number of the change each event shows.
#[derive(Debug, Default)]
pub struct FeedPosition {
    resume: Option<i64>,
    start: OnceLock<FeedStart>,
    /// The number of the last change handed out (0 before the first).
    last: AtomicI64,
}

/// Where a subscription's stream started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedStart {
    /// Without `after`: from the last change committed when it started.
    pub from_now: bool,
    /// It streams the changes after this number.
    pub after: i64,
}

impl FeedPosition {
    /// A stream that starts after the change numbered `after`, whatever its `after` says.
    pub fn resuming(after: i64) -> Self {
        Self {
            resume: Some(after),
            ..Self::default()
        }
    }

    /// The change to start after, when the transport chose it.
    pub fn resume(&self) -> Option<i64> {
        self.resume
    }

    /// Records where the stream starts (once).
    pub fn started(&self, start: FeedStart) {
        let _ = self.start.set(start);
    }

    /// Where the stream started, once it has.
    pub fn start(&self) -> Option<FeedStart> {
        self.start.get().copied()
    }

    /// Records that the change numbered `seq` is handed out.
    pub fn handed(&self, seq: i64) {
        self.last.store(seq, Ordering::Release);
    }

    /// The number of the last change handed out (0 before the first).
    pub fn last(&self) -> i64 {
        self.last.load(Ordering::Acquire)
    }
}

impl RequestState {
    pub fn new(db: DatabaseConnection, viewer: Viewer, budget: Budget) -> Self {
        Self {
            loaders: Arc::new(Loaders::new(db, viewer.clone())),
            viewer,
            today: chrono::Utc::now().date_naive(),
            budget,
            allowance: None,
            operation_name: Arc::new(Mutex::new(None)),
            sensitive_reads: Arc::new(Mutex::new(Vec::new())),
            executed: Arc::new(AtomicBool::new(false)),
            traced: false,
            events: None,
            feed: None,
        }
    }

    /// The same state for a subscription whose events `gate` admits.
    pub fn with_events(mut self, gate: Arc<EventGate>) -> Self {
        self.events = Some(gate);
        self
    }

    /// The same state for a subscription whose place in the change feed `position` shares.
    pub fn with_feed(mut self, position: Arc<FeedPosition>) -> Self {
        self.feed = Some(position);
        self
    }

    /// The same state, its resolvers traced when `traced` (the request's trace is recorded).
    pub fn with_traced(mut self, traced: bool) -> Self {
        self.traced = traced;
        self
    }

    /// The same state, charging `allowance` for fields that cost more than one operation.
    pub fn with_allowance(mut self, allowance: Arc<dyn Allowance>) -> Self {
        self.allowance = Some(allowance);
        self
    }

    /// Takes `operations` more from the caller's rate-limit allowance, if it has one.
    pub async fn take_operations(&self, operations: u32) -> AppResult<()> {
        match &self.allowance {
            Some(allowance) if operations > 0 => allowance.take(operations).await,
            _ => Ok(()),
        }
    }

    /// The state of one operation of a batch: the caller's state, its own execution flag and
    /// operation name.
    pub fn for_operation(&self) -> Self {
        Self {
            executed: Arc::new(AtomicBool::new(false)),
            operation_name: Arc::new(Mutex::new(None)),
            ..self.clone()
        }
    }

    /// Whether the operation this state was given to started executing.
    pub fn was_executed(&self) -> bool {
        self.executed.load(Ordering::Relaxed)
    }

    /// The confidential records read since the last call, taken out (a subscription logs
    /// those of each event before sending it).
    pub fn take_reads(&self) -> Vec<Read> {
        std::mem::take(
            &mut *self
                .sensitive_reads
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// The confidential records this request has read so far.
    pub fn reads(&self) -> Vec<Read> {
        self.sensitive_reads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Notes the confidential records among `rows` for the audit log.
    pub fn note_reads<'a, M: RecordModel + 'a>(
        &self,
        kind: RecordKind,
        rows: impl IntoIterator<Item = &'a M>,
    ) {
        let sensitive: Vec<Read> = rows
            .into_iter()
            .filter(|m| m.sensitivity() >= Sensitivity::Confidential)
            .map(|m| Read {
                kind,
                id: m.id(),
                sensitivity: m.sensitivity(),
            })
            .collect();
        if !sensitive.is_empty() {
            let mut reads = self
                .sensitive_reads
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            reads.extend(sensitive);
        }
    }
}

fn missing(what: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("request served without its {what}"))
}

/// The shared state of the schema.
pub fn api<'a>(ctx: &Context<'a>) -> AppResult<&'a ApiContext> {
    ctx.data::<ApiContext>()
        .map_err(|_| missing("schema context"))
}

/// The state of this request.
pub fn request<'a>(ctx: &Context<'a>) -> AppResult<&'a RequestState> {
    ctx.data::<RequestState>()
        .map_err(|_| missing("request state"))
}

/// The caller.
pub fn viewer<'a>(ctx: &Context<'a>) -> AppResult<&'a Viewer> {
    Ok(&request(ctx)?.viewer)
}

/// The date a relation field is read on: `asOf`, or today.
pub fn as_of(ctx: &Context<'_>, as_of: Option<Date>) -> AppResult<NaiveDate> {
    Ok(match as_of {
        Some(date) => date.0,
        None => request(ctx)?.today,
    })
}
