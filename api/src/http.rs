//! HTTP routes: GraphQL, GraphiQL, the map explorer, the streamed export (`download.rs`) and the health probes.
//!
//! GraphQL follows the GraphQL over HTTP specification. The answer's media type is chosen by
//! `Accept`: `application/graphql-response+json` (then a request refused before execution —
//! unparsable, invalid, over budget, bad variables — is HTTP 400 with no `data`) or
//! `application/json` (then such a request is 200, as older clients expect). POST takes
//! `application/json` bodies (a single request or a batch); GET takes queries only (a mutation
//! is 405 with `Allow: POST`); other methods are 405.
//!
//! Each GraphQL request goes through, in order (docs/ARCHITECTURE.md, "Admission"): the header
//! and body time limits and the body size limit, authentication (a bad credential is 401, never
//! anonymous), the rate limit (429 with `Retry-After`), the response cache (a read-only query
//! answered before on the current version of the map, for the same caller, is served from it:
//! it was admitted when it was built), then, under the execution time limit (past it the query
//! is cancelled: `EXECUTION_TIMEOUT`), the wait for an execution permit and the schema, whose
//! guard parses, measures and budgets the query before validation (`graphql/guard.rs`).
//! The async-graphql actix integration is not used for this: its responder answers 200 in every
//! case and its extractor reads multipart uploads without our limits; the request types and
//! parsers are async-graphql's own.

use std::sync::Arc;

use actix_web::http::{header, Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::parser::types::OperationType;
use async_graphql::BatchRequest;
use futures_util::StreamExt;
use sea_orm::DatabaseConnection;
use serde_json::json;
use tracing::Instrument;

use crate::auth::rate_limit::{Decision, RateLimiter};
use crate::auth::Authenticator;
use crate::config::{
    GraphqlSettings, Introspection, SubscriptionSettings, TimeoutSettings, TrafficSettings,
};
use crate::db;
use crate::error::{AppError, ErrorCode};
use crate::graphql::context::{Allowance, ApiContext, Budget, RequestState};
use crate::graphql::AppSchema;
use crate::response_cache::{self, ResponseCache};
use crate::services::access::Viewer;
use crate::services::data_version::VersionReader;
use crate::services::read_log::ReadLog;

/// What the GraphQL routes need, shared by every worker.
pub struct HttpState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    pub authenticator: Arc<Authenticator>,
    pub graphql: GraphqlSettings,
    pub traffic: TrafficSettings,
    pub timeouts: TimeoutSettings,
    /// Allowances of operations per caller, in memory or in Redis; never in the database.
    pub limiter: Arc<RateLimiter>,
    /// Permits to build an export (`graphql.max_concurrent_exports`), shared by `exportData`
    /// and `GET /export`.
    pub exports: Arc<tokio::sync::Semaphore>,
    /// Permits to execute a GraphQL request (`traffic.max_concurrent_queries`), shared by every
    /// worker: under a burst, requests queue here in arrival order instead of all building
    /// their answers in memory at once.
    pub executions: Arc<tokio::sync::Semaphore>,
    /// Answers to read-only queries, served again while the map is unchanged; `None` when
    /// turned off.
    pub cache: Option<ResponseCache>,
    /// Where the confidential records an answer holds are logged (also for cached answers).
    pub read_log: Arc<ReadLog>,
    /// The load balancers whose `X-Forwarded-For` names the client (`crate::forwarded`).
    pub trusted_proxies: crate::config::TrustedProxies,
    /// The bearer token that may read `/metrics`; `None`: not served.
    pub metrics_token: Option<crate::config::Secret>,
    /// Reads the version of the map for the response cache, one statement for all requests
    /// waiting at once.
    pub versions: Arc<VersionReader>,
    /// What the schema was built with (a subscription's events log their reads through it).
    pub api: ApiContext,
    /// Bounds of the WebSocket transport (`crate::subscriptions`).
    pub subscriptions: SubscriptionSettings,
    /// Places for WebSocket connections (`subscription_max_connections`).
    pub connections: Arc<tokio::sync::Semaphore>,
    /// Open subscriptions per caller on this process.
    pub open_subscriptions: Arc<crate::subscriptions::OpenSubscriptions>,
    /// The streams subscribers asking the same share (`crate::subscriptions::Feeds`).
    pub feeds: Arc<crate::subscriptions::Feeds>,
}

/// Mounts every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/graphql")
            .route(web::post().to(graphql_post))
            .route(web::get().to(graphql_get))
            .default_service(web::to(graphql_other_method)),
    )
    .configure(crate::graphiql::routes)
    .configure(crate::explorer::routes)
    .configure(crate::download::routes)
    .configure(crate::observe::routes)
    .route("/healthz", web::get().to(healthz))
    .route("/readyz", web::get().to(readyz));
}

/// The media type of a GraphQL answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `application/json`: every well-formed request is answered 200.
    Json,
    /// `application/graphql-response+json`: statuses follow what happened.
    GraphqlResponse,
}

impl MediaType {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::GraphqlResponse => "application/graphql-response+json",
        }
    }
}

/// Chooses the answer's media type from an `Accept` header; `None` when the client accepts
/// neither. Without the header, or with `*/*` only, the answer is `application/json`; when
/// both are accepted equally, `application/graphql-response+json`.
pub fn negotiate(accept: Option<&str>) -> Option<MediaType> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(MediaType::Json);
    };
    // For each of our types: (specificity of the most specific matching range, its q).
    let mut best = [(0u8, 0f32); 2];
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0)
            .clamp(0.0, 1.0);
        for (i, ours) in ["application/graphql-response+json", "application/json"]
            .iter()
            .enumerate()
        {
            let specificity = if media == *ours {
                3
            } else if media == "application/*" {
                2
            } else if media == "*/*" {
                1
            } else {
                continue;
            };
            if specificity > best[i].0 {
                best[i] = (specificity, q);
            }
        }
    }
    let [(graphql_specific, graphql_q), (_, json_q)] = best;
    if graphql_q <= 0.0 && json_q <= 0.0 {
        return None;
    }
    if graphql_q > json_q || (graphql_q == json_q && graphql_specific == 3) {
        Some(MediaType::GraphqlResponse)
    } else {
        Some(MediaType::Json)
    }
}

fn media_of(req: &HttpRequest) -> Option<MediaType> {
    negotiate(
        req.headers()
            .get(header::ACCEPT)
            .and_then(|h| h.to_str().ok()),
    )
}

/// The HTTP status of an error answered before execution.
fn status_of(err: &AppError, media: MediaType) -> StatusCode {
    match err {
        AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Forbidden(_) if media == MediaType::GraphqlResponse => StatusCode::FORBIDDEN,
        // A batch larger than the rate limit's burst: it could never pass.
        AppError::BadUserInput { .. } => StatusCode::BAD_REQUEST,
        AppError::Refused { code, .. } => match code {
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            ErrorCode::ExecutionTimeout => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        },
        _ if media == MediaType::GraphqlResponse => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    }
}

/// A response carrying one GraphQL error (no `data`: nothing was executed), with the ids of
/// the request, and logged.
pub(crate) fn error_response(media: MediaType, err: AppError) -> HttpResponse {
    let code = err.code().as_str();
    let mut extensions = json!({ "code": code });
    if let AppError::RateLimited { retry_after_secs } = &err {
        extensions["retryAfter"] = json!(retry_after_secs);
    }
    if let Some(ids) = crate::observe::current() {
        extensions["traceId"] = json!(ids.trace_id());
        extensions["requestId"] = json!(&*ids.request_id);
    }
    if let AppError::Internal(cause) = &err {
        tracing::error!(error = ?cause, "internal error before execution");
    } else {
        tracing::info!(code, "request refused before execution");
    }
    let mut response = HttpResponse::build(status_of(&err, media));
    response.content_type(media.content_type());
    match &err {
        AppError::RateLimited { retry_after_secs } => {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        AppError::Refused {
            code: ErrorCode::MethodNotAllowed,
            ..
        } => {
            response.insert_header((header::ALLOW, "GET, POST"));
        }
        _ => {}
    }
    response.body(
        json!({ "errors": [{ "message": err.message(), "extensions": extensions }] }).to_string(),
    )
}

fn refused(code: ErrorCode, message: impl Into<String>) -> AppError {
    AppError::refused(code, message)
}

/// Reads the body up to the configured size, within the configured time.
async fn read_body(
    mut payload: web::Payload,
    limit: usize,
    timeouts: &TimeoutSettings,
) -> Result<web::BytesMut, AppError> {
    let read = async {
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| {
                refused(ErrorCode::BadRequest, "the request body could not be read")
            })?;
            if body.len() + chunk.len() > limit {
                return Err(refused(
                    ErrorCode::PayloadTooLarge,
                    format!("the request body is larger than the limit of {limit} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    tokio::time::timeout(timeouts.body(), read)
        .await
        .unwrap_or_else(|_| {
            Err(refused(
                ErrorCode::RequestTimeout,
                format!(
                    "the request body did not arrive within {} ms",
                    timeouts.body_timeout_ms
                ),
            ))
        })
}

/// Authenticates and rate-limits a request of `operations` GraphQL operations; the caller, or
/// the error that refuses it.
async fn admit(
    state: &HttpState,
    req: &HttpRequest,
    operations: usize,
) -> Result<Viewer, AppError> {
    let cost = u32::try_from(operations).unwrap_or(u32::MAX);
    admit_for(state, req, cost, |burst| {
        AppError::bad_input(format!(
            "the batch holds {operations} operations; at most {burst} are allowed at once"
        ))
    })
    .await
}

/// Authenticates and takes `cost` operations from the caller's rate limit; `over_burst` says
/// why a cost above the burst can never pass.
pub(crate) async fn admit_for(
    state: &HttpState,
    req: &HttpRequest,
    cost: u32,
    over_burst: impl FnOnce(u32) -> AppError,
) -> Result<Viewer, AppError> {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|h| h.to_str().unwrap_or("\u{0}"));
    admit_credential(
        state,
        header,
        || client_address(state, req),
        cost,
        over_burst,
    )
    .await
}

/// Authenticates `authorization` (the value of an `Authorization` header, or none) and takes
/// `cost` operations from the caller's rate limit (an anonymous caller's is its client's
/// `address`): a request's admission, and a WebSocket's at `connection_init`.
pub(crate) async fn admit_credential(
    state: &HttpState,
    authorization: Option<&str>,
    address: impl FnOnce() -> String,
    cost: u32,
    over_burst: impl FnOnce(u32) -> AppError,
) -> Result<Viewer, AppError> {
    let viewer = state
        .authenticator
        .authenticate(&state.db, authorization)
        .instrument(tracing::info_span!("authenticate"))
        .await?;
    take(
        &state.limiter,
        &rate_key_of(&viewer, address),
        cost,
        over_burst,
    )
    .instrument(tracing::info_span!("rate limit", operations = cost))
    .await?;
    Ok(viewer)
}

/// Whose allowance a request spends: its token's or user's, or its client's address's when
/// anonymous (behind a trusted proxy, the address its `X-Forwarded-For` names:
/// `crate::forwarded`).
fn rate_key(state: &HttpState, viewer: &Viewer, req: &HttpRequest) -> String {
    rate_key_of(viewer, || client_address(state, req))
}

/// The client's address (behind a trusted proxy, the one its `X-Forwarded-For` names).
pub(crate) fn client_address(state: &HttpState, req: &HttpRequest) -> String {
    crate::forwarded::client_of(req, &state.trusted_proxies)
        .map(|ip| ip.to_string())
        .unwrap_or_default()
}

/// Whose allowance `viewer` spends from the client at `address` (read only for an anonymous
/// caller).
pub(crate) fn rate_key_of(viewer: &Viewer, address: impl FnOnce() -> String) -> String {
    match viewer.role {
        crate::services::access::Role::Anonymous => format!("ip:{}", address()),
        _ => viewer.actor.clone(),
    }
}

/// Takes `cost` operations from the allowance under `key` (a WebSocket's subscribes).
pub(crate) async fn take_operations(
    state: &HttpState,
    key: &str,
    cost: u32,
) -> Result<(), AppError> {
    take(&state.limiter, key, cost, over_burst(cost)).await
}

/// Why `cost` operations taken at once can never pass a burst.
pub(crate) fn over_burst(cost: u32) -> impl FnOnce(u32) -> AppError {
    move |burst| {
        AppError::bad_input(format!(
            "this counts as {cost} operations; at most {burst} are allowed at once"
        ))
    }
}

/// Takes `cost` operations from the allowance under `key`; `over_burst` says why a cost larger
/// than the burst can never pass.
async fn take(
    limiter: &RateLimiter,
    key: &str,
    cost: u32,
    over_burst: impl FnOnce(u32) -> AppError,
) -> Result<(), AppError> {
    match limiter.check(key, cost).await {
        Decision::Allowed => Ok(()),
        Decision::Limited { retry_after_secs } => {
            crate::metrics::rate_limited();
            Err(AppError::RateLimited { retry_after_secs })
        }
        Decision::OverBurst { burst } => Err(over_burst(burst)),
    }
}

/// One caller's allowance, charged by fields that cost more than one operation.
struct CallerAllowance {
    limiter: Arc<RateLimiter>,
    key: String,
}

impl Allowance for CallerAllowance {
    fn take(&self, operations: u32) -> futures_util::future::BoxFuture<'_, Result<(), AppError>> {
        Box::pin(take(&self.limiter, &self.key, operations, move |burst| {
            AppError::bad_input(format!(
                "this counts as {operations} more operations; at most {burst} are allowed at once"
            ))
        }))
    }
}

fn request_state_of(state: &HttpState, req: &HttpRequest, viewer: Viewer) -> RequestState {
    let key = rate_key(state, &viewer, req);
    request_state(state, &key, viewer)
}

/// The state of a request of `viewer`, whose allowance is under `key`.
pub(crate) fn request_state(state: &HttpState, key: &str, viewer: Viewer) -> RequestState {
    let budget = Budget::for_viewer(&state.graphql, &viewer);
    let allowance = CallerAllowance {
        limiter: state.limiter.clone(),
        key: key.to_owned(),
    };
    let traced = crate::observe::current().is_some_and(|ids| ids.sampled());
    RequestState::new(state.db.clone(), viewer, budget)
        .with_allowance(Arc::new(allowance))
        .with_traced(traced)
}

/// Adds the ids of the request being served to each error (`extensions.traceId`,
/// `extensions.requestId`), so the request a caller reports can be found in the logs and the
/// traces.
fn stamp(errors: &mut [async_graphql::ServerError]) {
    if errors.is_empty() {
        return;
    }
    let Some(ids) = crate::observe::current() else {
        return;
    };
    let trace_id = ids.trace_id();
    for error in errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        extensions.set("traceId", trace_id.as_str());
        extensions.set("requestId", &*ids.request_id);
    }
}

/// Waits for a permit to execute (`traffic.max_concurrent_queries`).
async fn execution_permit(state: &HttpState) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
    state
        .executions
        .acquire()
        .instrument(tracing::info_span!("execution permit"))
        .await
        .map_err(|_| closed())
}

/// One operation ready for the schema, with the state that tells whether it ran.
fn prepare(
    state: &HttpState,
    request: async_graphql::Request,
    context: &RequestState,
) -> (async_graphql::Request, RequestState) {
    let operation = context.for_operation();
    (for_schema(state, request, &operation), operation)
}

/// `request` with its state, as the schema runs it (introspection off for anonymous callers
/// when only authenticated ones may introspect).
pub(crate) fn for_schema(
    state: &HttpState,
    request: async_graphql::Request,
    context: &RequestState,
) -> async_graphql::Request {
    let request = request.data(context.clone());
    let anonymous = context.viewer.role == crate::services::access::Role::Anonymous;
    if anonymous && state.graphql.introspection == Introspection::Authenticated {
        request.disable_introspection()
    } else {
        request
    }
}

/// The body of one answer: as async-graphql writes it, except that an operation refused before
/// execution has no `data` entry (it never ran).
pub fn answer_body(response: &async_graphql::Response, executed: bool) -> serde_json::Value {
    let mut body = serde_json::to_value(response).unwrap_or_else(|err| {
        tracing::error!(error = %err, "could not serialise an answer");
        json!({ "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }] })
    });
    if !executed && response.is_err() {
        if let Some(object) = body.as_object_mut() {
            object.remove("data");
        }
    }
    body
}

fn respond(media: MediaType, status: StatusCode, body: Bytes) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(media.content_type())
        .body(body)
}

fn timed_out(state: &HttpState) -> AppError {
    refused(
        ErrorCode::ExecutionTimeout,
        format!(
            "the query ran longer than {} ms and was cancelled",
            state.timeouts.execution_timeout_ms
        ),
    )
}

/// The request's confidential reads, logged even when its execution was cut short.
async fn log_reads(state: &HttpState, context: &RequestState) {
    state
        .read_log
        .record(&context.viewer, &context.reads())
        .await;
}

/// Checks the media types of a POST: an `application/json` body, an answer the client accepts.
fn post_media(req: &HttpRequest) -> Result<MediaType, (MediaType, AppError)> {
    let media = media_of(req).ok_or_else(|| {
        (
            MediaType::Json,
            refused(
                ErrorCode::NotAcceptable,
                "the endpoint answers in application/graphql-response+json or application/json",
            ),
        )
    })?;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" {
        let given = if content_type.is_empty() {
            "no Content-Type".to_owned()
        } else {
            format!("Content-Type {content_type}")
        };
        return Err((
            media,
            refused(
                ErrorCode::UnsupportedMediaType,
                format!("GraphQL requests are sent as application/json, not with {given}"),
            ),
        ));
    }
    Ok(media)
}

async fn graphql_post(
    state: web::Data<HttpState>,
    req: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    let media = match post_media(&req) {
        Ok(media) => media,
        Err((media, err)) => return error_response(media, err),
    };
    let body = match read_body(payload, state.traffic.max_body_bytes, &state.timeouts).await {
        Ok(body) => body,
        Err(err) => return error_response(media, err),
    };
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(err) => {
            return error_response(
                media,
                refused(
                    ErrorCode::BadRequest,
                    format!("the body is not a GraphQL request in JSON: {err}"),
                ),
            )
        }
    };
    let operations = match &batch {
        BatchRequest::Single(_) => 1,
        BatchRequest::Batch(requests) => requests.len(),
    };
    if operations == 0 {
        return error_response(
            media,
            refused(ErrorCode::BadRequest, "a batch holds at least one request"),
        );
    }
    let viewer = match admit(&state, &req, operations).await {
        Ok(viewer) => viewer,
        Err(err) => return error_response(media, err),
    };
    let requests: Vec<&async_graphql::Request> = match &batch {
        BatchRequest::Single(request) => vec![request],
        BatchRequest::Batch(requests) => requests.iter().collect(),
    };
    if let Some(err) = refuse_introspection(&state, &viewer, &requests) {
        return error_response(media, err);
    }
    let context = request_state_of(&state, &req, viewer);
    let requests = match batch {
        BatchRequest::Single(request) => {
            return execute_one(&state, media, request, &context).await
        }
        BatchRequest::Batch(requests) => requests,
    };
    let prepared: Vec<_> = requests
        .into_iter()
        .map(|r| prepare(&state, r, &context))
        .collect();
    let run = async {
        let _permit = execution_permit(&state).await?;
        let mut answers = Vec::with_capacity(prepared.len());
        for (request, operation) in prepared {
            let mut response = state.schema.execute(request).await;
            stamp(&mut response.errors);
            answers.push(answer_body(&response, operation.was_executed()));
        }
        Ok(answers)
    };
    match tokio::time::timeout(state.timeouts.execution(), run).await {
        Ok(Ok(answers)) => respond(
            media,
            StatusCode::OK,
            Bytes::from(serde_json::Value::Array(answers).to_string()),
        ),
        Ok(Err(err)) => error_response(media, err),
        Err(_) => {
            log_reads(&state, &context).await;
            error_response(media, timed_out(&state))
        }
    }
}

fn closed() -> AppError {
    AppError::internal(anyhow::anyhow!("the execution permits are closed"))
}

/// Executes one GraphQL request within the execution time limit: past it, whatever the request
/// was waiting for (the version of the map, a permit, the database) or running is cancelled.
async fn execute_one(
    state: &HttpState,
    media: MediaType,
    request: async_graphql::Request,
    context: &RequestState,
) -> HttpResponse {
    let (request, operation) = prepare(state, request, context);
    let run = serve_one(state, media, request, &operation);
    match tokio::time::timeout(state.timeouts.execution(), run).await {
        Ok(response) => response,
        Err(_) => {
            log_reads(state, &operation).await;
            error_response(media, timed_out(state))
        }
    }
}

/// Answers one prepared request, through the response cache when its answer may be cached.
async fn serve_one(
    state: &HttpState,
    media: MediaType,
    request: async_graphql::Request,
    operation: &RequestState,
) -> HttpResponse {
    let started = std::time::Instant::now();
    let cached = match &state.cache {
        Some(cache) => match cache.key(&operation.viewer, operation.today, &request) {
            Some(key) => {
                let lookup = tracing::info_span!("response cache lookup", hit = false);
                let version = state.versions.current().instrument(lookup.clone()).await;
                match version {
                    Ok(version) => {
                        let entry = cache.get(&key, version);
                        crate::metrics::cache_lookup(entry.is_some());
                        lookup.record("hit", entry.is_some());
                        Some((cache, key, version, entry))
                    }
                    Err(err) => {
                        // The answer can still be built; it is just not cached.
                        tracing::warn!(error = ?err, "could not read the version of the map");
                        None
                    }
                }
            }
            None => None,
        },
        None => None,
    };
    if let Some((_, _, _, Some(entry))) = &cached {
        crate::metrics::operation(entry.operation.as_deref(), "OK", started.elapsed(), None);
        state.read_log.record(&operation.viewer, &entry.reads).await;
        return respond(media, StatusCode::OK, entry.body.clone());
    }
    let _permit = match execution_permit(state).await {
        Ok(permit) => permit,
        Err(err) => return error_response(media, err),
    };
    let mut response = state.schema.execute(request).await;
    stamp(&mut response.errors);
    if !operation.was_executed() && response.is_err() {
        let status = match media {
            MediaType::Json => StatusCode::OK,
            MediaType::GraphqlResponse => StatusCode::BAD_REQUEST,
        };
        let body = answer_body(&response, false).to_string();
        return respond(media, status, Bytes::from(body));
    }
    let body = match serde_json::to_vec(&response) {
        Ok(body) => Bytes::from(body),
        Err(err) => return error_response(media, AppError::internal(err)),
    };
    if let Some((cache, key, version, _)) = cached {
        if response.is_ok() {
            let reads = operation.reads();
            cache.put(
                key,
                response_cache::Entry {
                    version,
                    body: body.clone(),
                    reads,
                    operation: operation
                        .operation_name
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .clone(),
                },
            );
        }
    }
    respond(media, StatusCode::OK, body)
}

/// Queries over GET (cacheable, linkable). Mutations are refused: a GET must not change data.
async fn graphql_get(
    state: web::Data<HttpState>,
    req: HttpRequest,
    body: web::Payload,
) -> HttpResponse {
    if crate::subscriptions::is_upgrade(&req) {
        return crate::subscriptions::upgrade(state, req, body).await;
    }
    let Some(media) = media_of(&req) else {
        return error_response(
            MediaType::Json,
            refused(
                ErrorCode::NotAcceptable,
                "the endpoint answers in application/graphql-response+json or application/json",
            ),
        );
    };
    let request = match async_graphql::http::parse_query_string(req.query_string()) {
        Ok(request) => request,
        Err(err) => {
            return error_response(
                media,
                refused(
                    ErrorCode::BadRequest,
                    format!("the query string is not a GraphQL request: {err}"),
                ),
            )
        }
    };
    if is_mutation(&request) {
        let mut response = error_response(
            media,
            refused(
                ErrorCode::MethodNotAllowed,
                "mutations must be sent with POST, not GET",
            ),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
        return response;
    }
    let viewer = match admit(&state, &req, 1).await {
        Ok(viewer) => viewer,
        Err(err) => return error_response(media, err),
    };
    if let Some(err) = refuse_introspection(&state, &viewer, &[&request]) {
        return error_response(media, err);
    }
    let context = request_state_of(&state, &req, viewer);
    execute_one(&state, media, request, &context).await
}

/// Any other method on `/graphql`.
async fn graphql_other_method(req: HttpRequest) -> HttpResponse {
    let media = media_of(&req).unwrap_or(MediaType::Json);
    if req.method() == Method::OPTIONS {
        return HttpResponse::NoContent()
            .insert_header((header::ALLOW, "GET, POST"))
            .finish();
    }
    error_response(
        media,
        refused(
            ErrorCode::MethodNotAllowed,
            format!("{} is not supported here; use GET or POST", req.method()),
        ),
    )
}

fn is_mutation(request: &async_graphql::Request) -> bool {
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false; // the schema reports the syntax error
    };
    document.operations.iter().any(|(name, op)| {
        let selected = match (&request.operation_name, name) {
            (Some(wanted), Some(name)) => wanted.as_str() == name.as_str(),
            _ => true,
        };
        selected && op.node.ty == OperationType::Mutation
    })
}

/// Liveness: the process answers.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Readiness: the database answers and every migration is applied, within the ready timeout.
async fn readyz(state: web::Data<HttpState>) -> HttpResponse {
    let check = async {
        if let Err(err) = state.db.ping().await {
            tracing::warn!(error = %err, "readiness: database unreachable");
            return Err("database unreachable");
        }
        if !db::is_migrated(&state.db).await {
            return Err("migrations pending");
        }
        Ok(())
    };
    let outcome = tokio::time::timeout(state.timeouts.ready(), check)
        .await
        .unwrap_or_else(|_| {
            tracing::warn!(
                timeout_ms = state.timeouts.ready_timeout_ms,
                "readiness: the database did not answer in time"
            );
            Err("database did not answer in time")
        });
    match outcome {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ready" })),
        Err(reason) => HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "reason": reason })),
    }
}
/// Whether any operation of the request asks for `__schema` or `__type`.
fn introspects(request: &async_graphql::Request) -> bool {
    use async_graphql::parser::types::{Selection, SelectionSet};
    fn walk(set: &SelectionSet) -> bool {
        set.items.iter().any(|item| match &item.node {
            Selection::Field(field) => {
                let name = field.node.name.node.as_str();
                name == "__schema" || name == "__type" || walk(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => walk(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => false,
        })
    }
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    document
        .operations
        .iter()
        .any(|(_, op)| walk(&op.node.selection_set.node))
        || document
            .fragments
            .values()
            .any(|f| walk(&f.node.selection_set.node))
}

/// Refuses introspection by anonymous callers when it is reserved to signed-in ones.
fn refuse_introspection(
    state: &HttpState,
    viewer: &Viewer,
    requests: &[&async_graphql::Request],
) -> Option<AppError> {
    let anonymous = viewer.role == crate::services::access::Role::Anonymous;
    let reserved = state.graphql.introspection == Introspection::Authenticated;
    if anonymous && reserved && requests.iter().any(|r| introspects(r)) {
        return Some(AppError::Forbidden(
            "introspection is available to authenticated callers only".into(),
        ));
    }
    None
}
