//! Every HTTP request gets an id and is counted.
//!
//! The id is the client's `X-Request-Id` when it sends a usable one (1 to 128 characters of
//! letters, digits and `-_.:/`), otherwise a new UUID; it is returned in the response's
//! `X-Request-Id` and is a field of every log line written while the request is served, so a
//! partner's report of a failed request can be found in the logs. Each answer is counted in
//! `coordmap_http_requests_total` by route pattern and status, with its latency
//! (`crate::metrics`). `/metrics` renders every series for the holder of the metrics token.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, HttpResponse};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};
use tracing::Instrument;

use crate::error::AppError;
use crate::http::{self, HttpState, MediaType};

/// The request id header, in and out.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

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

/// The middleware: gives the request its id, serves it inside a span that carries it, returns
/// it, and counts the answer.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = request_id(req.headers().get(&REQUEST_ID));
    let started = Instant::now();
    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.call(req).instrument(span).await?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let route = response
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    crate::metrics::http_request(&route, response.status().as_u16(), started.elapsed());
    Ok(response)
}

/// Reads the gauges that describe a state now.
fn sample(db: &DatabaseConnection, cache_bytes: Option<u64>) {
    let (size, idle) = pool_sizes(db);
    ::metrics::gauge!("coordmap_db_pool_connections", "state" => "idle").set(f64::from(idle));
    ::metrics::gauge!("coordmap_db_pool_connections", "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
    if let Some(bytes) = cache_bytes {
        ::metrics::gauge!("coordmap_response_cache_bytes").set(bytes as f64);
    }
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
    sample(&state.db, state.cache.as_ref().map(|c| c.weight()));
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
