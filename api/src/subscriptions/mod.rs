//! GraphQL subscriptions over WebSocket at `/graphql`, in the `graphql-transport-ws` protocol
//! (the one GraphiQL and the `graphql-ws` clients speak). docs/ARCHITECTURE.md, "Subscriptions".
//!
//! A connection is admitted like a request, and each of its subscriptions and events too:
//! - **Upgrade**: the subprotocol must be `graphql-transport-ws` (else 400 `BAD_REQUEST`); at
//!   most `subscription_max_connections` connections per process (else 503).
//! - **`connection_init`** within `subscription_init_timeout_ms` (else close 4408). Its payload
//!   carries the credential, `{"Authorization": "Bearer ..."}` (or `{"headers": {...}}`; the
//!   upgrade request's own `Authorization` header when the payload has none), checked as HTTP
//!   checks it: a bad one closes with 4401, never anonymous. The init takes one operation from
//!   the caller's rate limit (spent: close 4429).
//! - **`subscribe`**: one operation from the rate limit (`RATE_LIMITED`);
//!   at most `subscription_max_per_caller` open per caller on this process (`RATE_LIMITED`);
//!   the guard's parse, measure and budget, as for HTTP, which also refuses a query or a
//!   mutation here (an `error` message, `BAD_REQUEST`: send them over HTTP) as it refuses a
//!   subscription over HTTP. An id already running closes 4409.
//! - **Each event** is read and resolved under one of the process's execution permits, within
//!   the execution time limit (past it: an `error` message, `EXECUTION_TIMEOUT`, and the
//!   subscription ends), and its confidential reads are in the audit log before it is sent.
//! - **The credential is checked again** every `subscription_recheck_ms`: revoked or expired
//!   closes with 4401; a caller whose access changed (role, partner scope) closes with 4403,
//!   to reconnect and read with its new access.
//! - **A slow consumer**: at most `subscription_buffer` messages wait to be sent; a client that
//!   leaves the buffer full for `subscription_send_timeout_ms` is closed with 4008, and resumes
//!   from the last cursor it received. Memory per connection stays bounded.
//! - The server pings every `subscription_keepalive_ms`; a client's `ping` gets a `pong`.

mod feeds;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use actix_ws::{CloseCode, CloseReason};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tracing::Instrument;

pub use feeds::Feeds;

use crate::error::{AppError, ErrorCode};
use crate::graphql::context::{ApiContext, EventGate, FeedPosition, RequestState};
use crate::graphql::guard::{self, Denial};
use crate::http::{self, HttpState, MediaType};
use crate::services::access::Viewer;
use crate::services::read_log::Read;

/// The subprotocol spoken.
pub const PROTOCOL: &str = "graphql-transport-ws";

/// Why the server closes a connection (the code, with a reason naming what happened).
pub mod close {
    /// A message that is not one of the protocol's, or not JSON.
    pub const BAD_MESSAGE: u16 = 4400;
    /// No credential accepted: refused at `connection_init`, revoked or expired since, or a
    /// `subscribe` before the connection was acknowledged.
    pub const UNAUTHENTICATED: u16 = 4401;
    /// The caller's access changed while connected: reconnect to read with the new one.
    pub const ACCESS_CHANGED: u16 = 4403;
    /// No `connection_init` in time.
    pub const INIT_TIMEOUT: u16 = 4408;
    /// A `subscribe` with the id of a subscription still running.
    pub const DUPLICATE_ID: u16 = 4409;
    /// A second `connection_init`, or an init over the caller's rate limit.
    pub const TOO_MANY_REQUESTS: u16 = 4429;
    /// The client left messages unread for longer than the send timeout: resume from the last
    /// cursor received.
    pub const SLOW_CONSUMER: u16 = 4008;
}

/// Open subscriptions per caller on this process.
#[derive(Debug, Default)]
pub struct OpenSubscriptions(Mutex<HashMap<String, u32>>);

/// One open subscription of a caller: counted until dropped.
struct Counted {
    open: Arc<OpenSubscriptions>,
    key: String,
}

impl OpenSubscriptions {
    /// Subscriptions open on this process.
    pub fn total(&self) -> usize {
        let counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        counts.values().map(|n| *n as usize).sum()
    }

    fn open(self: &Arc<Self>, key: &str, most: u32) -> Option<Counted> {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = counts.entry(key.to_owned()).or_default();
        if *count >= most {
            return None;
        }
        *count += 1;
        Some(Counted {
            open: self.clone(),
            key: key.to_owned(),
        })
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut counts = self.open.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = counts.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

/// Whether a GET to `/graphql` asks for a WebSocket.
pub fn is_upgrade(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

fn offers_protocol(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim() == PROTOCOL)
}

/// Accepts a WebSocket connection and serves it.
pub async fn upgrade(
    state: web::Data<HttpState>,
    req: HttpRequest,
    body: web::Payload,
) -> HttpResponse {
    if !offers_protocol(&req) {
        return http::error_response(
            MediaType::Json,
            AppError::refused(
                ErrorCode::BadRequest,
                format!("a WebSocket at /graphql speaks the `{PROTOCOL}` subprotocol only"),
            ),
        );
    }
    let Ok(slot) = state.connections.clone().try_acquire_owned() else {
        return HttpResponse::ServiceUnavailable()
            .insert_header((header::RETRY_AFTER, "5"))
            .content_type(MediaType::Json.content_type())
            .body(
                json!({ "errors": [{
                    "message": "this server holds as many WebSocket connections as it may; try again",
                    "extensions": { "code": ErrorCode::RateLimited.as_str(), "retryAfter": 5 }
                }] })
                .to_string(),
            );
    };
    let (response, session, messages) =
        match actix_ws::handle_with_protocols(&req, body, &[PROTOCOL]) {
            Ok(parts) => parts,
            Err(err) => {
                return http::error_response(
                    MediaType::Json,
                    AppError::refused(
                        ErrorCode::BadRequest,
                        format!("not a WebSocket upgrade: {err}"),
                    ),
                )
            }
        };
    let messages = messages
        .max_frame_size(state.traffic.max_body_bytes)
        .aggregate_continuations()
        .max_continuation_size(state.traffic.max_body_bytes);
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|h| h.to_str().unwrap_or("\u{0}").to_owned());
    let address = http::client_address(&state, &req);
    let span = tracing::info_span!("websocket");
    actix_web::rt::spawn(
        async move {
            let connection = Connection::new(state.into_inner(), header, address);
            connection.serve(session, messages).await;
            drop(slot);
        }
        .instrument(span),
    );
    response
}

/// A message of the client.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    Ping {},
    Pong {},
    Subscribe {
        id: String,
        payload: Box<async_graphql::Request>,
    },
    Complete {
        id: String,
    },
}

/// The writer's side of the connection: a bounded queue, drained to the socket by one task.
#[derive(Clone)]
struct Sender {
    queue: mpsc::Sender<String>,
    timeout: std::time::Duration,
    /// Asks the connection to close (a slow consumer).
    closing: mpsc::Sender<(u16, String)>,
}

impl Sender {
    /// Queues a message; a client that leaves the queue full past the send timeout is closed.
    async fn send(&self, message: Value) -> bool {
        self.send_text(message.to_string()).await
    }

    /// Queues a message already written; as [`Self::send`].
    async fn send_text(&self, message: String) -> bool {
        // Without a timer while there is room, as there is but for a slow client.
        let message = match self.queue.try_send(message) {
            Ok(()) => return true,
            Err(mpsc::error::TrySendError::Closed(_)) => return false,
            Err(mpsc::error::TrySendError::Full(message)) => message,
        };
        match self.queue.send_timeout(message, self.timeout).await {
            Ok(()) => true,
            Err(mpsc::error::SendTimeoutError::Timeout(_)) => {
                let reason = "SLOW_CONSUMER: messages were left unread; reconnect and resume \
                              from the last cursor received";
                let _ = self
                    .closing
                    .try_send((close::SLOW_CONSUMER, reason.to_owned()));
                false
            }
            Err(mpsc::error::SendTimeoutError::Closed(_)) => false,
        }
    }
}

/// One WebSocket connection.
struct Connection {
    state: Arc<HttpState>,
    /// The `Authorization` header of the upgrade request, if any.
    header: Option<String>,
    /// The client's address (the rate limit's key for anonymous callers).
    address: String,
    /// The caller and its credential, once acknowledged.
    caller: Option<(Viewer, Option<String>)>,
    running: HashMap<String, tokio::task::JoinHandle<()>>,
}

fn error_payload(err: &AppError) -> Value {
    let mut extensions = json!({ "code": err.code().as_str() });
    if let AppError::RateLimited { retry_after_secs } = err {
        extensions["retryAfter"] = json!(retry_after_secs);
    }
    if let AppError::BadUserInput {
        field: Some(field), ..
    } = err
    {
        extensions["field"] = json!(field);
    }
    json!([{ "message": err.message(), "extensions": extensions }])
}

/// The credential of a `connection_init` payload: `Authorization` (any case), or the same in
/// `headers`.
fn credential_of(payload: Option<&Value>) -> Option<String> {
    let payload = payload?.as_object()?;
    let find = |map: &serde_json::Map<String, Value>| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
            .map(|(_, v)| v.as_str().unwrap_or("\u{0}").to_owned())
    };
    find(payload).or_else(|| payload.get("headers")?.as_object().and_then(find))
}

impl Connection {
    fn new(state: Arc<HttpState>, header: Option<String>, address: String) -> Self {
        Self {
            state,
            header,
            address,
            caller: None,
            running: HashMap::new(),
        }
    }

    fn settings(&self) -> &crate::config::SubscriptionSettings {
        &self.state.subscriptions
    }

    /// The rate limit's key of `viewer` on this connection.
    fn rate_key(&self, viewer: &Viewer) -> String {
        http::rate_key_of(viewer, || self.address.clone())
    }

    async fn serve(
        mut self,
        mut session: actix_ws::Session,
        mut messages: actix_ws::AggregatedMessageStream,
    ) {
        let settings = self.settings().clone();
        let (queue, mut outgoing) = mpsc::channel::<String>(settings.subscription_buffer as usize);
        let (closing, mut close_asked) = mpsc::channel::<(u16, String)>(1);
        let sender = Sender {
            queue,
            timeout: settings.send_timeout(),
            closing,
        };
        // The writer: drains the queue to the socket.
        let mut writer_session = session.clone();
        let writer = actix_web::rt::spawn(async move {
            while let Some(text) = outgoing.recv().await {
                if writer_session.text(text).await.is_err() {
                    return;
                }
            }
        });
        let init_deadline = tokio::time::sleep(settings.init_timeout());
        tokio::pin!(init_deadline);
        let mut keepalive = tokio::time::interval(settings.keepalive());
        keepalive.reset();
        let mut recheck = tokio::time::interval(settings.recheck());
        recheck.reset();
        let closed: Option<(u16, String)> = loop {
            tokio::select! {
                message = messages.next() => {
                    let Some(Ok(message)) = message else { break None };
                    match message {
                        actix_ws::AggregatedMessage::Text(text) => {
                            if let Some(close) = self.on_text(&text, &sender).await {
                                break Some(close);
                            }
                        }
                        actix_ws::AggregatedMessage::Binary(_) => {
                            break Some((close::BAD_MESSAGE, "messages are JSON text".to_owned()));
                        }
                        actix_ws::AggregatedMessage::Ping(bytes) => {
                            let _ = session.pong(&bytes).await;
                        }
                        actix_ws::AggregatedMessage::Pong(_) => {}
                        actix_ws::AggregatedMessage::Close(_) => break None,
                    }
                }
                () = &mut init_deadline, if self.caller.is_none() => {
                    break Some((close::INIT_TIMEOUT, "connection initialisation timeout".to_owned()));
                }
                _ = keepalive.tick(), if self.caller.is_some() => {
                    if !sender.send(json!({ "type": "ping" })).await {
                        break close_asked.try_recv().ok();
                    }
                }
                _ = recheck.tick(), if self.caller.is_some() => {
                    if let Some(close) = self.recheck().await {
                        break Some(close);
                    }
                }
                asked = close_asked.recv() => break asked,
            }
        };
        for (_, task) in self.running.drain() {
            task.abort();
        }
        if let Some((code, reason)) = closed {
            tracing::info!(code, reason = %reason, "closing a WebSocket connection");
            // The close goes out even when the queue is full.
            drop(sender);
            writer.abort();
            let _ = session
                .close(Some(CloseReason {
                    code: CloseCode::Other(code),
                    description: Some(reason),
                }))
                .await;
        } else {
            drop(sender);
            let _ = writer.await;
            let _ = session.close(None).await;
        }
    }

    /// Handles one text message; a close when the connection must end.
    async fn on_text(&mut self, text: &str, sender: &Sender) -> Option<(u16, String)> {
        let message: ClientMessage = match serde_json::from_str(text) {
            Ok(message) => message,
            Err(err) => {
                return Some((
                    close::BAD_MESSAGE,
                    format!("not a {PROTOCOL} message: {err}"),
                ))
            }
        };
        match message {
            ClientMessage::ConnectionInit { payload } => {
                if self.caller.is_some() {
                    return Some((
                        close::TOO_MANY_REQUESTS,
                        "too many initialisation requests".to_owned(),
                    ));
                }
                let credential = credential_of(payload.as_ref()).or_else(|| self.header.clone());
                match self.admit(credential).await {
                    Ok(()) => {
                        sender.send(json!({ "type": "connection_ack" })).await;
                        None
                    }
                    Err(err) => Some(init_refusal(&err)),
                }
            }
            ClientMessage::Ping {} => {
                sender.send(json!({ "type": "pong" })).await;
                None
            }
            ClientMessage::Pong {} => None,
            ClientMessage::Subscribe { id, payload } => {
                if self.caller.is_none() {
                    return Some((close::UNAUTHENTICATED, "Unauthorized".to_owned()));
                }
                self.running.retain(|_, task| !task.is_finished());
                if self.running.contains_key(&id) {
                    return Some((
                        close::DUPLICATE_ID,
                        format!("Subscriber for {id} already exists"),
                    ));
                }
                match self.start(&id, *payload, sender).await {
                    Ok(task) => {
                        self.running.insert(id, task);
                    }
                    Err(err) => {
                        sender
                            .send(json!({ "id": id, "type": "error", "payload": error_payload(&err) }))
                            .await;
                    }
                }
                None
            }
            ClientMessage::Complete { id } => {
                if let Some(task) = self.running.remove(&id) {
                    task.abort();
                }
                None
            }
        }
    }

    /// Authenticates the connection and takes one operation from the caller's rate limit.
    async fn admit(&mut self, credential: Option<String>) -> Result<(), AppError> {
        let address = || self.address.clone();
        let viewer = http::admit_credential(
            &self.state,
            credential.as_deref(),
            address,
            1,
            http::over_burst(1),
        )
        .await?;
        self.caller = Some((viewer, credential));
        Ok(())
    }

    /// Checks the credential again: a close when it no longer holds or reads differently.
    async fn recheck(&mut self) -> Option<(u16, String)> {
        let (viewer, credential) = self.caller.as_ref()?;
        match self
            .state
            .authenticator
            .authenticate(&self.state.db, credential.as_deref())
            .await
        {
            Ok(now) if now.reads_as(viewer) => None,
            Ok(_) => Some((
                close::ACCESS_CHANGED,
                "FORBIDDEN: the caller's access changed; reconnect and resume from the last cursor"
                    .to_owned(),
            )),
            Err(AppError::Internal(err)) => {
                // The database could not answer: the check is tried again at the next turn.
                tracing::warn!(error = ?err, "could not check a connection's credential again");
                None
            }
            Err(err) => Some((
                close::UNAUTHENTICATED,
                format!("UNAUTHENTICATED: {}", err.message()),
            )),
        }
    }

    /// Admits and starts one subscription; its task sends its events.
    async fn start(
        &mut self,
        id: &str,
        request: async_graphql::Request,
        sender: &Sender,
    ) -> Result<tokio::task::JoinHandle<()>, AppError> {
        let Some((viewer, _)) = self.caller.clone() else {
            return Err(AppError::Unauthenticated(
                "the connection is not initialised".into(),
            ));
        };
        let key = self.rate_key(&viewer);
        http::take_operations(&self.state, &key, 1).await?;
        let most = self.settings().subscription_max_per_caller;
        let counted = self.state.open_subscriptions.open(&key, most).ok_or_else(|| {
            AppError::refused(
                ErrorCode::RateLimited,
                format!("a caller may hold {most} subscriptions open at once on this server; complete one first"),
            )
        })?;
        let subscriber = Subscriber {
            viewer,
            rate_key: key,
            sender: sender.clone(),
            id: id.to_owned(),
            id_json: Value::from(id).to_string(),
        };
        let state = self.state.clone();
        let span = tracing::info_span!("subscription", id = %id);
        Ok(tokio::spawn(
            async move {
                let _counted = counted;
                state
                    .feeds
                    .clone()
                    .serve(state.clone(), request, subscriber)
                    .await;
            }
            .instrument(span),
        ))
    }
}

/// Where a subscription's messages go: one subscription of one connection.
pub(crate) struct Subscriber {
    viewer: Viewer,
    /// The caller's rate-limit key.
    rate_key: String,
    sender: Sender,
    id: String,
    /// `id` as JSON, written once.
    id_json: String,
}

impl Subscriber {
    /// Logs what the event read under this caller's name, then queues it; whether the
    /// subscription goes on.
    async fn deliver(&self, api: &ApiContext, event: &Event) -> bool {
        guard::record_for(api, &self.viewer, &event.reads, &event.denials).await;
        self.sender.send_text(event.frame(&self.id_json)).await && !event.ends()
    }

    /// Ends the subscription with `err` before it ran.
    async fn refuse(&self, err: &AppError) {
        self.sender
            .send(json!({ "id": self.id, "type": "error", "payload": error_payload(err) }))
            .await;
    }
}

/// One message of a subscription's stream, written once and sent to each of its subscribers
/// (one, or all those of a shared feed), with what it read and was denied, which each logs
/// under its own name before sending it.
#[derive(Debug)]
pub(crate) struct Event {
    message: Message,
    /// The number of the change the event shows (`None`: not a change, such as an error).
    seq: Option<i64>,
    reads: Vec<Read>,
    denials: Vec<Denial>,
}

#[derive(Debug)]
enum Message {
    /// The JSON of a result.
    Next(String),
    /// The JSON of a list of errors: the subscription ends.
    Error(String),
    /// The stream ended.
    Complete,
}

impl Event {
    fn ends(&self) -> bool {
        !matches!(self.message, Message::Next(_))
    }

    /// The event as a message of the subscription whose id is `id` (as JSON).
    fn frame(&self, id: &str) -> String {
        match &self.message {
            Message::Next(payload) => {
                format!(r#"{{"id":{id},"type":"next","payload":{payload}}}"#)
            }
            Message::Error(errors) => {
                format!(r#"{{"id":{id},"type":"error","payload":{errors}}}"#)
            }
            Message::Complete => format!(r#"{{"id":{id},"type":"complete"}}"#),
        }
    }

    fn error(errors: String, reads: Vec<Read>, denials: Vec<Denial>) -> Self {
        Self {
            message: Message::Error(errors),
            seq: None,
            reads,
            denials,
        }
    }

    #[cfg(test)]
    fn change(payload: String, seq: i64) -> Self {
        Self {
            message: Message::Next(payload),
            seq: Some(seq),
            reads: Vec::new(),
            denials: Vec::new(),
        }
    }
}

/// Where a stream's events go.
enum Sink<'a> {
    /// Every subscriber of a shared feed.
    Feed(&'a feeds::Feed),
    /// One subscriber.
    Subscriber(&'a Subscriber, &'a ApiContext),
}

impl Sink<'_> {
    /// Hands `event` on; whether anyone still wants the events.
    async fn emit(&self, event: Arc<Event>) -> bool {
        match self {
            Self::Feed(feed) => feed.publish(event),
            Self::Subscriber(subscriber, api) => subscriber.deliver(api, &event).await,
        }
    }
}

/// A subscription's stream, run with the state of the subscriber it was opened for, its events
/// admitted by `gate` and numbered by `position`.
struct Run {
    stream: futures_util::stream::BoxStream<'static, async_graphql::Response>,
    gate: Arc<EventGate>,
    context: RequestState,
    position: Arc<FeedPosition>,
}

impl Run {
    fn open(
        state: &HttpState,
        subscriber: &Subscriber,
        request: async_graphql::Request,
        position: Arc<FeedPosition>,
    ) -> Self {
        let gate = Arc::new(EventGate::new(
            state.executions.clone(),
            state.timeouts.execution(),
        ));
        let context = http::request_state(state, &subscriber.rate_key, subscriber.viewer.clone())
            .with_events(gate.clone())
            .with_feed(position.clone());
        let stream = state
            .schema
            .execute_stream(http::for_schema(state, request, &context));
        Self {
            stream,
            gate,
            context,
            position,
        }
    }

    /// Runs the stream, handing each of its messages to `sink` until it ends, fails or no one
    /// wants them.
    async fn produce(self, sink: Sink<'_>) {
        let Self {
            mut stream,
            gate,
            context,
            position,
        } = self;
        let mut first = true;
        let mut last = position.last();
        loop {
            let next = tokio::select! {
                next = stream.next() => next,
                () = gate.expired() => {
                    gate.leave();
                    let err = AppError::refused(
                        ErrorCode::ExecutionTimeout,
                        format!("an event took longer than {} ms to read and resolve", gate.limit().as_millis()),
                    );
                    // What it read before the limit is logged, as for a request that times out.
                    let errors = error_payload(&err).to_string();
                    sink.emit(Arc::new(Event::error(errors, context.take_reads(), Vec::new()))).await;
                    return;
                }
            };
            gate.leave();
            let Some(mut response) = next else {
                sink.emit(Arc::new(Event {
                    message: Message::Complete,
                    seq: None,
                    reads: Vec::new(),
                    denials: Vec::new(),
                }))
                .await;
                return;
            };
            let reads = context.take_reads();
            let denials = guard::denials(&response);
            // Refused before it ran (parse, validation, budget, a bad argument): an `error` message.
            if first && response.data == async_graphql::Value::Null && !response.errors.is_empty() {
                let errors =
                    serde_json::to_string(&response.errors).unwrap_or_else(|_| "[]".into());
                sink.emit(Arc::new(Event::error(errors, reads, denials)))
                    .await;
                return;
            }
            first = false;
            let now = position.last();
            let seq = (now != last).then_some(now);
            last = now;
            response.extensions.clear();
            let payload = serde_json::to_string(&response).unwrap_or_else(|_| "{}".into());
            let event = Event {
                message: Message::Next(payload),
                seq,
                reads,
                denials,
            };
            if !sink.emit(Arc::new(event)).await {
                return;
            }
        }
    }
}

/// Serves a subscription on its own stream, from after the change `resume` when given (a
/// subscriber that left a shared feed), until it ends.
async fn alone(
    state: &Arc<HttpState>,
    request: async_graphql::Request,
    subscriber: &Subscriber,
    resume: Option<i64>,
) {
    let position = Arc::new(resume.map_or_else(FeedPosition::default, FeedPosition::resuming));
    Run::open(state, subscriber, request, position)
        .produce(Sink::Subscriber(subscriber, &state.api))
        .await;
}

/// How a refused `connection_init` closes the connection.
fn init_refusal(err: &AppError) -> (u16, String) {
    match err {
        AppError::RateLimited { retry_after_secs } => (
            close::TOO_MANY_REQUESTS,
            format!("RATE_LIMITED: retry after {retry_after_secs} s"),
        ),
        AppError::Internal(cause) => {
            tracing::error!(error = ?cause, "could not initialise a WebSocket connection");
            (
                1011,
                "INTERNAL: the server could not check the credential".to_owned(),
            )
        }
        other => (
            close::UNAUTHENTICATED,
            format!("UNAUTHENTICATED: {}", other.message()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credential_is_read_from_the_payload_or_its_headers() {
        let direct = json!({ "Authorization": "Bearer a" });
        let lower = json!({ "authorization": "Bearer b" });
        let nested = json!({ "headers": { "Authorization": "Bearer c" } });
        assert_eq!(credential_of(Some(&direct)).as_deref(), Some("Bearer a"));
        assert_eq!(credential_of(Some(&lower)).as_deref(), Some("Bearer b"));
        assert_eq!(credential_of(Some(&nested)).as_deref(), Some("Bearer c"));
        assert_eq!(credential_of(Some(&json!({}))), None);
        assert_eq!(credential_of(None), None);
        // A credential that is not text is refused, never taken as absent (anonymous).
        assert_eq!(
            credential_of(Some(&json!({ "Authorization": 5 }))).as_deref(),
            Some("\u{0}")
        );
    }

    #[test]
    fn an_event_written_once_is_each_subscribers_own_message() {
        let id = Value::from("a \"quoted\" id").to_string();
        let next = Event::change(r#"{"data":{"mapChanged":{"cursor":"c"}}}"#.to_owned(), 7);
        let message: Value = serde_json::from_str(&next.frame(&id)).expect("JSON");
        assert_eq!(
            message,
            json!({ "id": "a \"quoted\" id", "type": "next", "payload": { "data": { "mapChanged": { "cursor": "c" } } } })
        );
        assert!(!next.ends());
        let error = Event::error(r#"[{"message":"m"}]"#.to_owned(), Vec::new(), Vec::new());
        let message: Value = serde_json::from_str(&error.frame(&id)).expect("JSON");
        assert_eq!(message["type"], "error");
        assert_eq!(message["payload"], json!([{ "message": "m" }]));
        assert!(error.ends());
    }

    #[test]
    fn a_caller_holds_at_most_its_share_of_subscriptions() {
        let open = Arc::new(OpenSubscriptions::default());
        let first = open.open("token:a", 2);
        let second = open.open("token:a", 2);
        assert!(first.is_some() && second.is_some());
        assert!(open.open("token:a", 2).is_none());
        assert!(
            open.open("token:b", 2).is_some(),
            "each caller has its own share"
        );
        drop(first);
        assert!(
            open.open("token:a", 2).is_some(),
            "a closed one frees its place"
        );
    }
}
