//! Every HTTP request gets a request id and a trace id, a server span, and is counted.
//!
//! The request id is the client's `X-Request-Id` when it sends a usable one (1 to 128
//! characters of letters, digits and `-_.:/`), otherwise a new UUID. The trace id is the one of
//! the client's W3C `traceparent` when it sends a valid one (the request continues its trace),
//! otherwise a new one; the server span gets an id of its own. Both ids are fields of the
//! server span, so of every log line written while the request is served, and are returned in
//! `X-Request-Id` and `traceparent` (the server span as the parent), and in every GraphQL error
//! (`extensions.requestId`, `extensions.traceId`): a partner's report of a failed request can
//! be found in the logs and in the traces. The ids are made whether or not spans are exported
//! (`crate::telemetry`); when they are, the server span carries the route, the status and the
//! request id. The server span also names the client's address (`client.address`: the peer,
//! or behind a trusted proxy the client its `X-Forwarded-For` names, `crate::forwarded`), the
//! address anonymous callers are rate limited by. Each answer is counted in
//! `coordmap_http_requests_total` by route pattern and status, with its latency
//! (`crate::metrics`). `/metrics` renders every series for the holder of the metrics token.

use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::{SpanContext, TraceContextExt, TraceFlags, TraceId};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::{IdGenerator, RandomIdGenerator};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;

use crate::error::AppError;
use crate::http::{self, HttpState, MediaType};

/// The request id header, in and out.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The W3C trace context header, in and out.
pub const TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");

/// The longest request id taken from a client.
const MAX_ID_LEN: usize = 128;

/// The client's request id when usable, else a new one.
pub fn request_id(given: Option<&HeaderValue>) -> String {
    given
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|id| {
            !id.is_empty()
                && id.len() <= MAX_ID_LEN
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'))
        })
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned)
}

/// The ids a request is found by: in the logs, its errors and the traces.
#[derive(Debug, Clone)]
pub struct Correlation {
    /// `X-Request-Id`.
    pub request_id: Arc<str>,
    /// The server span: the trace it belongs to, its own id and whether the trace is recorded.
    pub span: SpanContext,
}

impl Correlation {
    /// The trace id, 32 lower-case hexadecimal digits.
    pub fn trace_id(&self) -> String {
        self.span.trace_id().to_string()
    }

    /// Whether the trace is recorded and exported (sampled, with a collector configured).
    pub fn sampled(&self) -> bool {
        self.span.is_sampled()
    }

    /// The `traceparent` header naming the server span.
    pub fn traceparent(&self) -> Option<HeaderValue> {
        let context = opentelemetry::Context::new().with_remote_span_context(self.span.clone());
        let mut header = Traceparent(None);
        TraceContextPropagator::new().inject_context(&context, &mut header);
        header.0.and_then(|v| HeaderValue::from_str(&v).ok())
    }
}

tokio::task_local! {
    static CORRELATION: Correlation;
}

/// The ids of the request being served, if any (in the task serving it).
pub fn current() -> Option<Correlation> {
    CORRELATION.try_with(Clone::clone).ok()
}

/// A request's headers, read by the trace context propagator.
struct Headers<'a>(&'a HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(HeaderName::as_str).collect()
    }
}

/// The `traceparent` the propagator writes.
struct Traceparent(Option<String>);

impl Injector for Traceparent {
    fn set(&mut self, key: &str, value: String) {
        if key == TRACEPARENT.as_str() {
            self.0 = Some(value);
        }
    }
}

/// The client's trace context, when its `traceparent` is valid (otherwise an invalid context).
fn remote_context(headers: &HeaderMap) -> (opentelemetry::Context, SpanContext) {
    let parent = TraceContextPropagator::new().extract(&Headers(headers));
    let remote = parent.span().span_context().clone();
    (parent, remote)
}

/// The context of `span`, the server span of a request whose client sent the `remote` trace
/// context (`parent`): the client's trace continued when it is valid, otherwise a new trace.
/// When the span is recorded its own context; otherwise ids made here (the trace id `fresh`
/// for a new trace), the trace not recorded.
fn server_context(
    span: &tracing::Span,
    parent: opentelemetry::Context,
    remote: &SpanContext,
    fresh: TraceId,
) -> SpanContext {
    if remote.is_valid() {
        // Fails when the span is not recorded: the ids are then made below.
        let _ = span.set_parent(parent);
    }
    let recorded = span.context().span().span_context().clone();
    if recorded.is_valid() {
        return recorded;
    }
    let trace_id = if remote.is_valid() {
        remote.trace_id()
    } else {
        fresh
    };
    SpanContext::new(
        trace_id,
        RandomIdGenerator::default().new_span_id(),
        TraceFlags::default(),
        false,
        remote.trace_state().clone(),
    )
}

/// The server span of a request, under `target`: [`crate::telemetry::TRACED_REQUEST`] when
/// its trace is recorded, this module's otherwise (the two differ only in their target).
macro_rules! request_span {
    ($target:expr, $req:expr, $route:expr, $id:expr) => {
        tracing::info_span!(
            target: $target,
            "request",
            otel.name = %format_args!("{} {}", $req.method(), $route),
            otel.kind = "server",
            otel.status_code = tracing::field::Empty,
            http.request.method = %$req.method(),
            http.route = %$route,
            url.path = %$req.path(),
            client.address = tracing::field::Empty,
            http.response.status_code = tracing::field::Empty,
            request_id = %$id,
            trace_id = tracing::field::Empty,
        )
    };
}

/// The middleware: gives the request its ids, serves it inside its server span, returns the
/// ids, and counts the answer.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = request_id(req.headers().get(&REQUEST_ID));
    let started = Instant::now();
    // The route is the registered pattern (bounded), known from the path before routing.
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    // The client: the peer, or behind a trusted proxy the address `X-Forwarded-For` names, as
    // the rate limiter sees it (`crate::forwarded`).
    let client = req
        .app_data::<web::Data<HttpState>>()
        .and_then(|state| crate::forwarded::client_of(req.request(), &state.trusted_proxies));
    // Whether the trace is recorded is decided here, once: the spans of a request that is not
    // recorded never reach the exporter (`crate::telemetry`).
    let (parent, remote) = remote_context(req.headers());
    let fresh = RandomIdGenerator::default().new_trace_id();
    let span = if crate::telemetry::samples(&remote, fresh) {
        request_span!(crate::telemetry::TRACED_REQUEST, req, route, id)
    } else {
        request_span!(module_path!(), req, route, id)
    };
    if let Some(client) = client {
        span.record("client.address", tracing::field::display(client));
    }
    let correlation = Correlation {
        request_id: id.into(),
        span: server_context(&span, parent, &remote, fresh),
    };
    span.record(
        "trace_id",
        tracing::field::display(correlation.span.trace_id()),
    );
    let served = CORRELATION.scope(correlation.clone(), next.call(req).instrument(span.clone()));
    let mut response = served.await?;
    let status = response.status();
    span.record("http.response.status_code", status.as_u16());
    if status.is_server_error() {
        span.record("otel.status_code", "ERROR");
    }
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&correlation.request_id) {
        headers.insert(REQUEST_ID, value);
    }
    if let Some(value) = correlation.traceparent() {
        headers.insert(TRACEPARENT, value);
    }
    crate::metrics::http_request(&route, status.as_u16(), started.elapsed());
    Ok(response)
}

/// Reads the series that describe a state now.
fn sample(state: &HttpState) {
    let (size, idle) = pool_sizes(&state.db);
    ::metrics::gauge!("coordmap_db_pool_connections", "state" => "idle").set(f64::from(idle));
    ::metrics::gauge!("coordmap_db_pool_connections", "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
    if let Some(cache) = &state.cache {
        ::metrics::gauge!("coordmap_response_cache_bytes").set(cache.weight() as f64);
    }
    ::metrics::gauge!("coordmap_queue_depth", "queue" => "read_log")
        .set(state.read_log.pending() as f64);
    ::metrics::gauge!("coordmap_queue_depth", "queue" => "version_reader")
        .set(state.versions.pending() as f64);
    let (feeds, shared) = state.feeds.sizes();
    let open = state.open_subscriptions.total();
    ::metrics::gauge!("coordmap_subscription_feeds").set(feeds as f64);
    ::metrics::gauge!("coordmap_subscriptions", "served" => "feed").set(shared as f64);
    ::metrics::gauge!("coordmap_subscriptions", "served" => "alone")
        .set(open.saturating_sub(shared) as f64);
    ::metrics::gauge!("coordmap_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}

/// `(open, idle)` connections of the pool.
fn pool_sizes(db: &DatabaseConnection) -> (u32, u32) {
    match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle() as u32)
        }
        sea_orm::DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle() as u32)
        }
        _ => (0, 0),
    }
}

/// Whether `authorization` carries the metrics token (compared as digests, in constant time
/// with respect to the token's content).
fn authorized(expected: &str, authorization: Option<&str>) -> bool {
    let Some(given) = authorization.and_then(|h| h.strip_prefix("Bearer ")) else {
        return false;
    };
    let digest = |s: &str| Sha256::digest(s.as_bytes());
    digest(given.trim()) == digest(expected)
}

/// Mounts `/metrics`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/metrics", web::get().to(scrape));
}

async fn scrape(state: web::Data<HttpState>, req: HttpRequest) -> HttpResponse {
    let Some(token) = &state.metrics_token else {
        let mut response = http::error_response(
            MediaType::Json,
            AppError::NotFound("metrics are not served: set COORDMAP_METRICS_TOKEN".into()),
        );
        *response.status_mut() = actix_web::http::StatusCode::NOT_FOUND;
        return response;
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok());
    if !authorized(token.expose(), given) {
        return http::error_response(
            MediaType::Json,
            AppError::Unauthenticated(
                "`/metrics` needs the metrics token as a bearer token".into(),
            ),
        );
    }
    sample(&state);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(crate::metrics::render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_metrics_token_reads_the_metrics() {
        assert!(authorized("s3cret-token", Some("Bearer s3cret-token")));
        assert!(!authorized("s3cret-token", Some("Bearer s3cret-toke")));
        assert!(!authorized("s3cret-token", Some("s3cret-token")));
        assert!(!authorized("s3cret-token", None));
    }

    #[test]
    fn a_usable_client_id_is_kept_and_any_other_replaced() {
        let keep = HeaderValue::from_static("partner-42:req/7.a_b");
        assert_eq!(request_id(Some(&keep)), "partner-42:req/7.a_b");
        let long = HeaderValue::from_str(&"x".repeat(MAX_ID_LEN + 1)).unwrap();
        for bad in [
            HeaderValue::from_static(""),
            HeaderValue::from_static("has space"),
            HeaderValue::from_static("semi;colon"),
            long,
        ] {
            let made = request_id(Some(&bad));
            assert!(uuid::Uuid::parse_str(&made).is_ok(), "{bad:?} → {made}");
        }
        assert!(uuid::Uuid::parse_str(&request_id(None)).is_ok());
    }
}
