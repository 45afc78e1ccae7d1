//! HTTP routes: GraphQL, GraphiQL and the health probes.

use actix_web::{web, HttpResponse};
use async_graphql::http::GraphiQLSource;
use async_graphql::parser::types::OperationType;
use async_graphql_actix_web::{GraphQLBatchRequest, GraphQLRequest, GraphQLResponse};
use sea_orm::DatabaseConnection;
use serde_json::json;

use crate::db;
use crate::error::AppError;
use crate::graphql::context::RequestState;
use crate::graphql::AppSchema;
use crate::services::access::Viewer;

/// Mounts every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql_post))
        .route("/graphql", web::get().to(graphql_get))
        .route("/graphiql", web::get().to(graphiql))
        .route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz));
}

async fn graphql_post(
    schema: web::Data<AppSchema>,
    db: web::Data<DatabaseConnection>,
    request: GraphQLBatchRequest,
) -> GraphQLResponse {
    let state = RequestState::new(db.get_ref().clone(), Viewer::system());
    schema
        .execute_batch(request.into_inner().data(state))
        .await
        .into()
}

/// Queries over GET (cacheable, linkable). Mutations are refused: a GET must not change data.
async fn graphql_get(
    schema: web::Data<AppSchema>,
    db: web::Data<DatabaseConnection>,
    request: GraphQLRequest,
) -> GraphQLResponse {
    let state = RequestState::new(db.get_ref().clone(), Viewer::system());
    let request = request.into_inner().data(state);
    if is_mutation(&request) {
        let err = AppError::bad_input("mutations must be sent with POST, not GET");
        let response = async_graphql::Response::from_errors(vec![
            async_graphql::Error::from(err).into_server_error(async_graphql::Pos::default())
        ]);
        return response.into();
    }
    schema.execute(request).await.into()
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

async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .title("coordmap")
                .finish(),
        )
}

/// Liveness: the process answers.
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Readiness: the database answers and every migration is applied.
async fn readyz(db: web::Data<DatabaseConnection>) -> HttpResponse {
    if let Err(err) = db.ping().await {
        tracing::warn!(error = %err, "readiness: database unreachable");
        return HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "reason": "database unreachable" }));
    }
    if !db::is_migrated(&db).await {
        return HttpResponse::ServiceUnavailable()
            .json(json!({ "status": "unavailable", "reason": "migrations pending" }));
    }
    HttpResponse::Ok().json(json!({ "status": "ready" }))
}
