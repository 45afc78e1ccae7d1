//! The spans of a GraphQL operation, as `tracing` spans (the server turns them into
//! OpenTelemetry spans when it exports any; this crate knows nothing of the exporter):
//!
//! - one span per operation, `graphql.operation`, named after the operation (`query Dashboard`)
//!   with its type, its cost once measured and its outcome (the first error's code, or `OK`);
//! - when the request's trace is recorded ([`RequestState::traced`]), one span per field that
//!   resolves to an object or a list of them, at most [`MAX_RESOLVER_SPANS`] per operation.
//!   Fields of scalars and enums only copy a value already loaded: tracing them would cost more
//!   than they do and bury the fields that load. Introspection is not traced.
//!
//! The guard (`graphql/guard.rs`) holds an [`OperationTrace`] per operation and calls it from
//! its hooks, so a field of an untraced request costs one check, not one more extension.
//! async-graphql's own `Tracing` extension is not used: it traces every field of every request
//! whether or not the trace is recorded, has no bound, and records the query text with the
//! values of its variables.
//!
//! [`RequestState::traced`]: super::context::RequestState::traced

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use async_graphql::extensions::{ExtensionContext, NextResolve, ResolveInfo};
use async_graphql::parser::types::OperationType;
use async_graphql::registry::MetaTypeName;
use async_graphql::{QueryPathSegment, ServerResult, Value};
use tracing::field::Empty;
use tracing::Instrument;

/// The most resolver spans one operation records; the fields beyond run untraced.
pub const MAX_RESOLVER_SPANS: usize = 200;

/// The longest operation name a span is named with (a name is the client's choice).
const MAX_NAME_LEN: usize = 100;

/// The spans of one operation.
#[derive(Debug)]
pub struct OperationTrace {
    span: tracing::Span,
    /// Whether the request's trace is recorded: only then are resolvers traced.
    traced: AtomicBool,
    /// Resolver spans this operation may still record.
    resolver_spans_left: AtomicUsize,
}

impl Default for OperationTrace {
    /// The operation's span, a child of the span current when the operation starts (the
    /// server's request span).
    fn default() -> Self {
        Self {
            span: tracing::info_span!(
                "graphql.operation",
                otel.name = "graphql",
                otel.status_code = Empty,
                graphql.operation.name = Empty,
                graphql.operation.type = Empty,
                graphql.cost = Empty,
                graphql.outcome = Empty,
            ),
            traced: AtomicBool::new(false),
            resolver_spans_left: AtomicUsize::new(MAX_RESOLVER_SPANS),
        }
    }
}

impl OperationTrace {
    /// The operation's span, which its execution runs in.
    pub fn span(&self) -> &tracing::Span {
        &self.span
    }

    /// Names the span after the operation asked for, once the document is parsed.
    pub fn named(&self, name: Option<&str>, kind: Option<OperationType>) {
        let kind = kind.map_or_else(|| "graphql".to_owned(), |k| k.to_string());
        if let Some(name) = name {
            let name: String = name.chars().take(MAX_NAME_LEN).collect();
            self.span
                .record("otel.name", format!("{kind} {name}"))
                .record("graphql.operation.name", name);
        } else {
            self.span.record("otel.name", kind.as_str());
        }
        self.span.record("graphql.operation.type", kind);
    }

    /// Records the operation's declared cost.
    pub fn costed(&self, complexity: u64) {
        self.span.record("graphql.cost", complexity);
    }

    /// Records how the operation was answered: `OK`, or the first error's code (an internal
    /// error marks the span as failed).
    pub fn answered(&self, outcome: &str) {
        self.span.record("graphql.outcome", outcome);
        if outcome == crate::error::ErrorCode::Internal.as_str() {
            self.span.record("otel.status_code", "ERROR");
        }
    }

    /// Execution starts; `traced` says whether the request's trace is recorded.
    pub fn executing(&self, traced: bool) {
        self.traced.store(traced, Ordering::Relaxed);
    }

    /// Resolves one field, in a span of its own when it is traced.
    pub async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if !self.traced.load(Ordering::Relaxed) || !self.traces(ctx, &info) {
            return next.run(ctx, info).await;
        }
        let span = tracing::info_span!(
            "graphql.resolve",
            otel.name = %format_args!("{}.{}", info.parent_type, info.name),
            graphql.field.path = %info.path_node,
            graphql.field.type = %info.return_type,
        );
        next.run(ctx, info).instrument(span).await
    }

    /// Whether `info` gets a span: a field of objects (not each item of its list: the field's
    /// span covers them), outside introspection, within the bound.
    fn traces(&self, ctx: &ExtensionContext<'_>, info: &ResolveInfo<'_>) -> bool {
        if info.is_for_introspection || matches!(info.path_node.segment, QueryPathSegment::Index(_))
        {
            return false;
        }
        let leaf = ctx
            .schema_env
            .registry
            .types
            .get(MetaTypeName::concrete_typename(info.return_type))
            .is_none_or(|ty| ty.is_leaf());
        !leaf
            && self
                .resolver_spans_left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    left.checked_sub(1)
                })
                .is_ok()
    }
}
