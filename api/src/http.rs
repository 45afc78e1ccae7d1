//! HTTP routes: GraphQL, GraphiQL and the health probes.
//!
//! Each GraphQL request goes through, in order: the body size limit, authentication (a bad
//! credential is 401, never anonymous), the rate limit (429 with `Retry-After`), the response
//! cache (a read-only query answered before on the current version of the map, for the same
//! caller, is served from it), then the schema, whose guard enforces the caller's query budget.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::parser::types::OperationType;
use async_graphql::BatchRequest;
use futures_util::StreamExt;
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::auth::rate_limit::{self, Decision};
use crate::auth::Authenticator;
use crate::config::{GraphqlSettings, Introspection, TrafficSettings};
use crate::db;
use crate::error::AppError;
use crate::graphql::context::{Budget, RequestState};
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
    /// Permits to execute a GraphQL request (`traffic.max_concurrent_queries`), shared by every
    /// worker: under a burst, requests queue here in arrival order instead of all building
    /// their answers in memory at once.
    pub executions: Arc<tokio::sync::Semaphore>,
    /// Answers to read-only queries, served again while the map is unchanged; `None` when
    /// turned off.
    pub cache: Option<ResponseCache>,
    /// Where the confidential records an answer holds are logged (also for cached answers).
    pub read_log: Arc<ReadLog>,
    /// Reads the version of the map for the response cache, one statement for all requests
    /// waiting at once.
    pub versions: Arc<VersionReader>,
}

/// Mounts every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql_post))
        .route("/graphql", web::get().to(graphql_get))
        .configure(crate::graphiql::routes)
        .route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

/// A response carrying one GraphQL error, with the HTTP status that fits it.
fn error_response(status: actix_web::http::StatusCode, err: AppError) -> HttpResponse {
    let code = err.code().as_str();
    let mut extensions = json!({ "code": code });
    if let AppError::RateLimited { retry_after_secs } = &err {
        extensions["retryAfter"] = json!(retry_after_secs);
    }
    if let AppError::Internal(cause) = &err {
        tracing::error!(error = ?cause, "internal error before execution");
    }
    HttpResponse::build(status).json(json!({
        "data": null,
        "errors": [{ "message": err.message(), "extensions": extensions }],
    }))
}

/// Reads the body up to the configured limit.
async fn read_body(mut payload: web::Payload, limit: usize) -> Result<web::BytesMut, HttpResponse> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| {
            error_response(
                actix_web::http::StatusCode::BAD_REQUEST,
                AppError::bad_input("the request body could not be read"),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(error_response(
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                AppError::bad_input(format!(
                    "the request body is larger than the limit of {limit} bytes"
                )),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Authenticates and rate-limits; the caller, or the response that refuses it.
async fn admit(
    state: &HttpState,
    req: &HttpRequest,
    operations: usize,
) -> Result<Viewer, HttpResponse> {
    let header = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|h| h.to_str().unwrap_or("\u{0}"));
    let viewer = state
        .authenticator
        .authenticate(&state.db, header)
        .await
        .map_err(|err| {
            let status = match err {
                AppError::Unauthenticated(_) => actix_web::http::StatusCode::UNAUTHORIZED,
                _ => actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
            };
            error_response(status, err)
        })?;
    let key = match viewer.role {
        crate::services::access::Role::Anonymous => {
            format!(
                "ip:{}",
                req.peer_addr()
                    .map(|a| a.ip().to_string())
                    .unwrap_or_default()
            )
        }
        _ => viewer.actor.clone(),
    };
    let cost = u32::try_from(operations).unwrap_or(u32::MAX);
    match rate_limit::take(&state.db, &state.traffic, &key, cost).await {
        Ok(Decision::Allowed) => Ok(viewer),
        Ok(Decision::Limited { retry_after_secs }) => {
            let mut response = error_response(
                actix_web::http::StatusCode::TOO_MANY_REQUESTS,
                AppError::RateLimited { retry_after_secs },
            );
            if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Err(response)
        }
        Err(err) => Err(error_response(
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
            err,
        )),
    }
}

fn request_state(state: &HttpState, viewer: Viewer) -> RequestState {
    let budget = if viewer.is_restricted() {
        Budget {
            max_depth: state.graphql.restricted_max_depth,
            max_complexity: state.graphql.restricted_max_complexity,
        }
    } else {
        Budget {
            max_depth: state.graphql.max_depth,
            max_complexity: state.graphql.max_complexity,
        }
    };
    RequestState::new(state.db.clone(), viewer, budget)
}

fn prepare(
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

async fn graphql_post(
    state: web::Data<HttpState>,
    req: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    let body = match read_body(payload, state.traffic.max_body_bytes).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(batch) => batch,
        Err(err) => {
            return error_response(
                actix_web::http::StatusCode::BAD_REQUEST,
                AppError::bad_input(format!("the body is not a GraphQL request in JSON: {err}")),
            )
        }
    };
    let operations = match &batch {
        BatchRequest::Single(_) => 1,
        BatchRequest::Batch(requests) => requests.len(),
    };
    let viewer = match admit(&state, &req, operations).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let requests: Vec<&async_graphql::Request> = match &batch {
        BatchRequest::Single(request) => vec![request],
        BatchRequest::Batch(requests) => requests.iter().collect(),
    };
    if let Some(refused) = refuse_introspection(&state, &viewer, &requests) {
        return refused;
    }
    let context = request_state(&state, viewer);
    let requests = match batch {
        BatchRequest::Single(request) => return execute_one(&state, request, &context).await,
        BatchRequest::Batch(requests) => requests,
    };
    let batch = BatchRequest::Batch(
        requests
            .into_iter()
            .map(|r| prepare(&state, r, &context))
            .collect(),
    );
    let Ok(_permit) = state.executions.acquire().await else {
        return closed();
    };
    let response = state.schema.execute_batch(batch).await;
    HttpResponse::Ok().json(response)
}

fn closed() -> HttpResponse {
    error_response(
        actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
        AppError::internal(anyhow::anyhow!("the execution permits are closed")),
    )
}

fn json_body(body: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .body(body)
}

/// Executes one GraphQL request, through the response cache when its answer may be cached.
async fn execute_one(
    state: &HttpState,
    request: async_graphql::Request,
    context: &RequestState,
) -> HttpResponse {
    let cached = match &state.cache {
        Some(cache) => match cache.key(&context.viewer, context.today, &request) {
            Some(key) => match state.versions.current().await {
                Ok(version) => Some((cache, key, version)),
                Err(err) => {
                    // The answer can still be built; it is just not cached.
                    tracing::warn!(error = ?err, "could not read the version of the map");
                    None
                }
            },
            None => None,
        },
        None => None,
    };
    if let Some((cache, key, version)) = &cached {
        if let Some(entry) = cache.get(key, *version) {
            if let Err(err) = state.read_log.append(&context.viewer, &entry.reads).await {
                tracing::error!(error = ?err, "could not log confidential reads");
            }
            return json_body(entry.body.clone());
        }
    }
    let Ok(_permit) = state.executions.acquire().await else {
        return closed();
    };
    let response = state.schema.execute(prepare(state, request, context)).await;
    let body = match serde_json::to_vec(&response) {
        Ok(body) => Bytes::from(body),
        Err(err) => {
            return error_response(
                actix_web::http::StatusCode::INTERNAL_SERVER_ERROR,
                AppError::internal(err),
            )
        }
    };
    if let Some((cache, key, version)) = cached {
        if response.is_ok() {
            let reads = context
                .sensitive_reads
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            cache.put(
                key,
                response_cache::Entry {
                    version,
                    body: body.clone(),
                    reads,
                },
            );
        }
    }
    json_body(body)
}

/// Queries over GET (cacheable, linkable). Mutations are refused: a GET must not change data.
async fn graphql_get(state: web::Data<HttpState>, req: HttpRequest) -> HttpResponse {
    let request = match async_graphql::http::parse_query_string(req.query_string()) {
        Ok(request) => request,
        Err(err) => {
            return error_response(
                actix_web::http::StatusCode::BAD_REQUEST,
                AppError::bad_input(format!("the query string is not a GraphQL request: {err}")),
            )
        }
    };
    if is_mutation(&request) {
        return error_response(
            actix_web::http::StatusCode::METHOD_NOT_ALLOWED,
            AppError::bad_input("mutations must be sent with POST, not GET"),
        );
    }
    let viewer = match admit(&state, &req, 1).await {
        Ok(viewer) => viewer,
        Err(response) => return response,
    };
    let context = request_state(&state, viewer);
    execute_one(&state, request, &context).await
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

/// Readiness: the database answers and every migration is applied.
async fn readyz(state: web::Data<HttpState>) -> HttpResponse {
    if let Err(err) = state.db.ping().await {
        tracing::warn!(error = %err, "readiness: database unreachable");
        return HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "reason": "database unreachable" }));
    }
    if !db::is_migrated(&state.db).await {
        return HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "reason": "migrations pending" }));
    }
    HttpResponse::Ok().json(json!({ "status": "ready" }))
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
) -> Option<HttpResponse> {
    let anonymous = viewer.role == crate::services::access::Role::Anonymous;
    let reserved = state.graphql.introspection == Introspection::Authenticated;
    if anonymous && reserved && requests.iter().any(|r| introspects(r)) {
        return Some(error_response(
            actix_web::http::StatusCode::OK,
            AppError::Forbidden("introspection is available to authenticated callers only".into()),
        ));
    }
    None
}
