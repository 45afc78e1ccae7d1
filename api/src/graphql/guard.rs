//! The schema extension that enforces each caller's query budget before a query runs, reports
//! the cost of every query in `extensions.cost`, and writes denials and reads of confidential
//! records to the audit log when the request ends.

use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextValidation,
};
use async_graphql::{Response, ServerError, ValidationResult, Value};
use sea_orm::DatabaseConnection;

use super::context::{ApiContext, RequestState};
use crate::error::AppError;
use crate::services::audit;
use crate::services::read_log::ReadLog;

/// Installs [`Guard`] on the schema.
pub struct GuardFactory;

impl ExtensionFactory for GuardFactory {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Guard::default())
    }
}

/// Per-request state of the extension.
#[derive(Default)]
pub struct Guard {
    cost: Mutex<Option<(usize, usize)>>,
}

fn cost_value(depth: usize, complexity: usize, state: &RequestState) -> Value {
    let mut map = async_graphql::indexmap::IndexMap::new();
    map.insert(
        async_graphql::Name::new("complexity"),
        Value::from(complexity as u64),
    );
    map.insert(async_graphql::Name::new("depth"), Value::from(depth as u64));
    map.insert(
        async_graphql::Name::new("maxComplexity"),
        Value::from(state.budget.max_complexity as u64),
    );
    map.insert(
        async_graphql::Name::new("maxDepth"),
        Value::from(state.budget.max_depth as u64),
    );
    Value::Object(map)
}

fn over_budget(message: String, cost: Value) -> ServerError {
    let err: async_graphql::Error = AppError::bad_input(message).into();
    let mut server = err.into_server_error(async_graphql::Pos::default());
    if let Some(ext) = server.extensions.as_mut() {
        ext.set("cost", cost);
    }
    server
}

#[async_trait::async_trait]
impl Extension for Guard {
    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next.run(ctx).await?;
        let Some(state) = ctx.data_opt::<RequestState>() else {
            return Ok(result);
        };
        if let Ok(mut cost) = self.cost.lock() {
            *cost = Some((result.depth, result.complexity));
        }
        let budget = state.budget;
        let who = state.viewer.role.name();
        let cost = cost_value(result.depth, result.complexity, state);
        if result.depth > budget.max_depth {
            return Err(vec![over_budget(
                format!(
                    "the query is {} levels deep; {who} callers may send at most {} levels",
                    result.depth, budget.max_depth
                ),
                cost,
            )]);
        }
        if result.complexity > budget.max_complexity {
            return Err(vec![over_budget(
                format!(
                    "the query costs {}; {who} callers may spend at most {} per query",
                    result.complexity, budget.max_complexity
                ),
                cost,
            )]);
        }
        Ok(result)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let (Some(state), Some(api)) =
            (ctx.data_opt::<RequestState>(), ctx.data_opt::<ApiContext>())
        else {
            return response;
        };
        let cost = self.cost.lock().ok().and_then(|c| *c);
        if let Some((depth, complexity)) = cost {
            response
                .extensions
                .insert("cost".into(), cost_value(depth, complexity, state));
        }
        record(&api.db, &api.read_log, state, &response).await;
        response
    }
}

/// Writes the request's denials and confidential reads to the audit log. A failure here is
/// logged: the caller already has its answer, and losing it would not make the log complete.
async fn record(
    db: &DatabaseConnection,
    read_log: &ReadLog,
    state: &RequestState,
    response: &Response,
) {
    let reads = state
        .sensitive_reads
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    if let Err(err) = read_log.append(&state.viewer, &reads).await {
        tracing::error!(error = ?err, "could not log confidential reads");
    }
    for error in &response.errors {
        let forbidden = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .is_some_and(|c| *c == Value::from("FORBIDDEN"));
        if !forbidden {
            continue;
        }
        let path: Vec<String> = error
            .path
            .iter()
            .map(|p| match p {
                async_graphql::PathSegment::Field(name) => name.clone(),
                async_graphql::PathSegment::Index(i) => i.to_string(),
            })
            .collect();
        let entry = audit::Entry {
            operation: "denied",
            kind: None,
            record_id: None,
            before: None,
            after: Some(serde_json::json!({ "path": path.join("."), "message": error.message })),
        };
        if let Err(err) = audit::append(db, &state.viewer, entry).await {
            tracing::error!(error = ?err, "could not log a denial");
        }
    }
}
