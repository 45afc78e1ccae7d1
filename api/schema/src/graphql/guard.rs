//! The schema extension that admits a query before it runs and reports what it cost.
//!
//! In order, before anything walks the query's expanded tree: the text is parsed (a failure is
//! `GRAPHQL_PARSE_FAILED`); string literals are checked for the NUL character; the document is
//! measured with fragments expanded but each measured once ([`super::shape`]), so a kilobyte of
//! fragments spreading each other is refused in microseconds instead of expanding to millions
//! of fields; the measure is held against the caller's budget (depth, and fields as a floor of
//! the cost) and introspection against its own bounds (`QUERY_TOO_COMPLEX`, with
//! `extensions.cost`); variables are coerced against their declared types (`BAD_USER_INPUT`
//! naming the variable). Then async-graphql validates the bounded document
//! (`GRAPHQL_VALIDATION_FAILED`) and computes its cost, which is held against the budget again.
//! Every error leaves with a code and with real positions (or none). After execution the
//! extension reports the cost in `extensions.cost` and writes denials and reads of confidential
//! records to the audit log. It also counts the operation (`operation_metrics`; a refusal over
//! budget by the caller's role), logs an answer with an error, and runs the operation in its
//! span (`super::trace`), with a span per resolver when the request's trace is recorded.

use std::any::TypeId;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextPrepareRequest,
    NextRequest, NextResolve, NextValidation, ResolveInfo,
};
use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use async_graphql::{
    ErrorExtensionValues, Pos, Request, Response, ServerError, ServerResult, ValidationResult,
    Value, Variables,
};
use tracing::Instrument;

use super::context::{ApiContext, Budget, RequestState};
use super::shape::{self, Shape, ShapeError, INTROSPECTION_MAX_DEPTH, INTROSPECTION_MAX_LISTS};
use super::trace::OperationTrace;
use super::variables;
use crate::error::ErrorCode;
use crate::graphql::operation_metrics;
use crate::services::access::Viewer;
use crate::services::audit;
use crate::services::read_log::Read;

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
    /// The document's measure, taken before validation.
    shape: Mutex<Option<Shape>>,
    /// Depth and cost of the admitted query.
    cost: Mutex<Option<(usize, u64)>>,
    /// Whether execution started (errors before it are request errors).
    executed: AtomicBool,
    /// The name of the operation asked for, for the metrics.
    operation: Mutex<Option<String>>,
    /// The role of the caller, for the count of refusals over budget.
    role: Mutex<Option<&'static str>>,
    /// The operation's span, and its resolvers' when the trace is recorded.
    trace: OperationTrace,
    /// Whether the operation is a mutation (subscriptions are told when it ends).
    writes: AtomicBool,
}

/// The cost object of `extensions.cost`.
fn cost_value(depth: usize, complexity: u64, budget: Budget) -> Value {
    let mut map = async_graphql::indexmap::IndexMap::new();
    map.insert(
        async_graphql::Name::new("complexity"),
        Value::from(complexity),
    );
    map.insert(async_graphql::Name::new("depth"), Value::from(depth as u64));
    map.insert(
        async_graphql::Name::new("maxComplexity"),
        Value::from(budget.max_complexity as u64),
    );
    map.insert(
        async_graphql::Name::new("maxDepth"),
        Value::from(budget.max_depth as u64),
    );
    Value::Object(map)
}

/// An error with its code, at a real position of the query (or none).
fn coded(message: impl Into<String>, code: ErrorCode, pos: Option<Pos>) -> ServerError {
    let mut error = ServerError::new(message, pos.filter(|p| p.line > 0));
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", code.as_str());
    error.extensions = Some(extensions);
    error
}

fn has_code(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .is_some_and(|e| e.get("code").is_some())
}

/// Gives `code` to each error that has none.
fn with_code(mut errors: Vec<ServerError>, code: ErrorCode) -> Vec<ServerError> {
    for error in &mut errors {
        if !has_code(error) {
            error
                .extensions
                .get_or_insert_with(ErrorExtensionValues::default)
                .set("code", code.as_str());
        }
    }
    errors
}

fn too_complex(message: String, depth: usize, complexity: u64, budget: Budget) -> ServerError {
    let mut error = coded(message, ErrorCode::QueryTooComplex, None);
    if let Some(extensions) = error.extensions.as_mut() {
        extensions.set("cost", cost_value(depth, complexity, budget));
    }
    error
}

fn bad_input(invalid: variables::Invalid) -> ServerError {
    let mut error = coded(invalid.message, ErrorCode::BadUserInput, None);
    if let Some(extensions) = error.extensions.as_mut() {
        extensions.set("field", invalid.field);
    }
    error
}

/// The request's state, read from the request before the schema attaches it.
fn request_state(request: &Request) -> Option<&RequestState> {
    request
        .data
        .get(&TypeId::of::<RequestState>())
        .and_then(|data| data.downcast_ref::<RequestState>())
}

/// Holds a measured document against the introspection bounds and the caller's budget.
fn admit(shape: Shape, state: Option<&RequestState>) -> ServerResult<()> {
    let budget = state.map(|s| s.budget);
    let cost = |message: String| match budget {
        Some(budget) => too_complex(message, shape.depth, shape.fields, budget),
        None => coded(message, ErrorCode::QueryTooComplex, None),
    };
    if shape.introspection_depth > INTROSPECTION_MAX_DEPTH {
        return Err(cost(format!(
            "the introspection query is {} levels deep; at most {INTROSPECTION_MAX_DEPTH} are answered",
            shape.introspection_depth
        )));
    }
    if shape.introspection_lists > INTROSPECTION_MAX_LISTS {
        return Err(cost(format!(
            "the introspection query nests {} lists; at most {INTROSPECTION_MAX_LISTS} are answered \
             (types, their fields, their arguments)",
            shape.introspection_lists
        )));
    }
    let (Some(state), Some(budget)) = (state, budget) else {
        return Ok(());
    };
    let who = state.viewer.role.name();
    if shape.depth > budget.max_depth {
        return Err(cost(format!(
            "the query is {} levels deep; {who} callers may send at most {} levels",
            shape.depth, budget.max_depth
        )));
    }
    if shape.fields > budget.max_complexity as u64 {
        return Err(cost(format!(
            "the query expands to {} fields, so it costs at least as much; {who} callers may \
             spend at most {} per query",
            shape.fields, budget.max_complexity
        )));
    }
    Ok(())
}

/// Everything checked on the document before validation.
fn inspect(
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
    registry: &async_graphql::registry::Registry,
    state: Option<&RequestState>,
) -> ServerResult<Shape> {
    variables::check_literals(document).map_err(bad_input)?;
    let shape = shape::measure(document).map_err(|err| {
        let ShapeError::FragmentCycle { pos, .. } = &err;
        coded(
            err.to_string(),
            ErrorCode::GraphqlValidationFailed,
            Some(*pos),
        )
    })?;
    admit(shape, state)?;
    if let Some(operation) = variables::selected_operation(document, operation_name) {
        variables::check_variables(registry, &operation.node.variable_definitions, variables)
            .map_err(bad_input)?;
    }
    Ok(shape)
}

#[async_trait::async_trait]
impl Extension for Guard {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let started = std::time::Instant::now();
        let mut response = next.run(ctx).instrument(self.trace.span().clone()).await;
        let executed = self.executed.load(Ordering::Relaxed);
        for error in &mut response.errors {
            error.locations.retain(|pos| pos.line > 0 && pos.column > 0);
            if has_code(error) {
                continue;
            }
            let code = if !executed {
                // Refused after validation by the executor (unknown or ambiguous operation).
                ErrorCode::GraphqlValidationFailed
            } else if error.message.starts_with("Failed to parse")
                || error.message.starts_with("Invalid value")
            {
                ErrorCode::BadUserInput
            } else {
                tracing::error!(message = %error.message, "an error without a code");
                ErrorCode::Internal
            };
            error
                .extensions
                .get_or_insert_with(ErrorExtensionValues::default)
                .set("code", code.as_str());
        }
        let outcome = response
            .errors
            .first()
            .and_then(|e| e.extensions.as_ref())
            .and_then(|e| match e.get("code") {
                Some(Value::String(code)) => Some(code.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "OK".to_owned());
        let name = self.operation.lock().ok().and_then(|n| n.clone());
        let cost = self.cost.lock().ok().and_then(|c| c.map(|(_, cost)| cost));
        operation_metrics::operation(name.as_deref(), &outcome, started.elapsed(), cost);
        self.trace.answered(&outcome);
        if outcome != "OK" {
            if outcome == ErrorCode::QueryTooComplex.as_str() {
                let role = self.role.lock().ok().and_then(|r| *r);
                operation_metrics::budget_refused(role.unwrap_or("unknown"));
            }
            // One line per answer with an error, with the request's ids (its span's fields),
            // so the request a caller reports can be found. The operation's label is bounded.
            self.trace.span().in_scope(|| {
                tracing::info!(
                    operation = %operation_metrics::operation_label(name.as_deref()),
                    code = %outcome,
                    errors = response.errors.len(),
                    "GraphQL operation answered with an error"
                );
            });
        }
        response
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        self.trace.resolve(ctx, info, next).await
    }

    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if let (Some(state), Ok(mut role)) = (request_state(&request), self.role.lock()) {
            *role = Some(state.viewer.role.name());
        }
        let document = async_graphql::parser::parse_query(&request.query).map_err(|err| {
            let pos = err.positions().next();
            coded(err.to_string(), ErrorCode::GraphqlParseFailed, pos)
        })?;
        let shape = inspect(
            &document,
            request.operation_name.as_deref(),
            &request.variables,
            &ctx.schema_env.registry,
            request_state(&request),
        )?;
        if let Ok(mut measured) = self.shape.lock() {
            *measured = Some(shape);
        }
        let name = match (&document.operations, request.operation_name.as_deref()) {
            (_, Some(asked)) => Some(asked.to_owned()),
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
                ops.keys().next().map(|n| n.to_string())
            }
            _ => None,
        };
        let kind = variables::selected_operation(&document, name.as_deref()).map(|op| op.node.ty);
        transport_serves(kind, request_state(&request))?;
        self.writes
            .store(kind == Some(OperationType::Mutation), Ordering::Relaxed);
        self.trace.named(name.as_deref(), kind);
        if let Some(state) = request_state(&request) {
            *state
                .operation_name
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = name.clone();
        }
        if let Ok(mut operation) = self.operation.lock() {
            *operation = name;
        }
        request.set_parsed_query(document);
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        // The text was parsed and measured above; what is left here are async-graphql's own
        // nesting and directive limits.
        next.run(ctx, query, variables).await.map_err(|err| {
            with_code(vec![err], ErrorCode::QueryTooComplex)
                .pop()
                .unwrap_or_else(|| {
                    coded("the query is too complex", ErrorCode::QueryTooComplex, None)
                })
        })
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = next
            .run(ctx)
            .await
            .map_err(|errors| with_code(errors, ErrorCode::GraphqlValidationFailed))?;
        let depth = self
            .shape
            .lock()
            .ok()
            .and_then(|s| s.map(|s| s.depth))
            .unwrap_or(result.depth);
        let complexity = result.complexity as u64;
        if let Ok(mut cost) = self.cost.lock() {
            *cost = Some((depth, complexity));
        }
        self.trace.costed(complexity);
        let Some(state) = ctx.data_opt::<RequestState>() else {
            return Ok(result);
        };
        let budget = state.budget;
        if complexity > budget.max_complexity as u64 {
            let who = state.viewer.role.name();
            return Err(vec![too_complex(
                format!(
                    "the query costs {complexity}; {who} callers may spend at most {} per query",
                    budget.max_complexity
                ),
                depth,
                complexity,
                budget,
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
        self.executed.store(true, Ordering::Relaxed);
        self.trace
            .executing(ctx.data_opt::<RequestState>().is_some_and(|s| s.traced));
        let mut response = next.run(ctx, operation_name).await;
        let (Some(state), Some(api)) =
            (ctx.data_opt::<RequestState>(), ctx.data_opt::<ApiContext>())
        else {
            return response;
        };
        state.executed.store(true, Ordering::Relaxed);
        let cost = self.cost.lock().ok().and_then(|c| *c);
        if let Some((depth, complexity)) = cost {
            response
                .extensions
                .insert("cost".into(), cost_value(depth, complexity, state.budget));
        }
        record(api, state, state.reads(), &response).await;
        if self.writes.load(Ordering::Relaxed) {
            // Subscriptions of this process learn of the write now, not at the next poll.
            api.changes.poke();
        }
        response
    }
}

/// Subscriptions run over WebSocket only, and only subscriptions do (`api/src/subscriptions/`
/// gives their requests an event gate): anything else is refused with `BAD_REQUEST` before it
/// runs.
fn transport_serves(kind: Option<OperationType>, state: Option<&RequestState>) -> ServerResult<()> {
    let over_websocket = state.is_some_and(|s| s.events.is_some());
    match (kind, over_websocket) {
        (Some(OperationType::Subscription), false) => Err(coded(
            "subscriptions are served over WebSocket at /graphql, in the graphql-transport-ws \
             protocol",
            ErrorCode::BadRequest,
            None,
        )),
        (Some(OperationType::Query | OperationType::Mutation), true) => Err(coded(
            "only subscriptions run over WebSocket; send queries and mutations with POST /graphql",
            ErrorCode::BadRequest,
            None,
        )),
        _ => Ok(()),
    }
}

/// What a caller was refused in an answer (a `FORBIDDEN` error): where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub path: String,
    pub message: String,
}

/// The denials of `response`.
pub fn denials(response: &Response) -> Vec<Denial> {
    response
        .errors
        .iter()
        .filter(|error| {
            error
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .is_some_and(|c| *c == Value::from("FORBIDDEN"))
        })
        .map(|error| Denial {
            path: error
                .path
                .iter()
                .map(|p| match p {
                    async_graphql::PathSegment::Field(name) => name.clone(),
                    async_graphql::PathSegment::Index(i) => i.to_string(),
                })
                .collect::<Vec<_>>()
                .join("."),
            message: error.message.clone(),
        })
        .collect()
}

/// Writes the request's denials and confidential reads to the audit log.
async fn record(api: &ApiContext, state: &RequestState, reads: Vec<Read>, response: &Response) {
    record_for(api, &state.viewer, &reads, &denials(response)).await;
}

/// Writes what `viewer` read and was denied to the audit log: at the end of a request, and
/// before each event of a subscription is sent to it (the schema's execution hook runs once
/// per request, not per event). A failure here is logged: the caller already has its answer,
/// and losing it would not make the log complete.
pub async fn record_for(api: &ApiContext, viewer: &Viewer, reads: &[Read], denials: &[Denial]) {
    api.read_log.record(viewer, reads).await;
    for denial in denials {
        let entry = audit::Entry {
            operation: "denied",
            kind: None,
            record_id: None,
            before: None,
            after: Some(serde_json::json!({ "path": denial.path, "message": denial.message })),
        };
        if let Err(err) = audit::append(&api.db, viewer, entry).await {
            tracing::error!(error = ?err, "could not log a denial");
        }
    }
}
