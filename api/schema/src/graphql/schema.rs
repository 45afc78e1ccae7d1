//! Builds the schema once; every HTTP worker shares it.

use async_graphql::{MergedObject, MergedSubscription, Schema, SchemaBuilder};

use super::access::{AccessMutation, AccessQuery};
use super::analysis::AnalysisQuery;
use super::audit::AuditQuery;
use super::changes::live::ChangesSubscription;
use super::changes::ChangesQuery;
use super::cluster::{ClusterMutation, ClusterQuery};
use super::context::ApiContext;
use super::decision::{DecisionMutation, DecisionQuery};
use super::document::{DocumentMutation, DocumentQuery};
use super::forum::{ForumMutation, ForumQuery};
use super::guard::GuardFactory;
use super::mission::{MissionMutation, MissionQuery};
use super::node::NodeQuery;
use super::organization::{OrganizationMutation, OrganizationQuery};
use super::structure::{StructureMutation, StructureQuery};
use super::transfer::{TransferMutation, TransferQuery};
use crate::graphql::settings::GraphqlSettings;

/// Every root query, merged from the domain areas.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    NodeQuery,
    MissionQuery,
    OrganizationQuery,
    AuditQuery,
    ChangesQuery,
    DocumentQuery,
    ClusterQuery,
    DecisionQuery,
    ForumQuery,
    StructureQuery,
    AccessQuery,
    AnalysisQuery,
    TransferQuery,
);

/// Every mutation, merged from the domain areas.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    MissionMutation,
    OrganizationMutation,
    DocumentMutation,
    ClusterMutation,
    DecisionMutation,
    ForumMutation,
    StructureMutation,
    AccessMutation,
    TransferMutation,
);

/// Every subscription (served over WebSocket: `api/src/subscriptions/`).
#[derive(MergedSubscription, Default)]
pub struct SubscriptionRoot(ChangesSubscription);

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// The schema without data: enough to print the SDL.
pub fn schema_builder(
    limits: &GraphqlSettings,
) -> SchemaBuilder<QueryRoot, MutationRoot, SubscriptionRoot> {
    // Depth and complexity are enforced per caller by the guard, with messages that state the
    // limit and the cost; the schema itself only bounds the recursion of the analysis.
    let ceiling = limits.max_depth.max(limits.restricted_max_depth).max(32);
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    .limit_recursive_depth(ceiling)
    .extension(GuardFactory)
}

/// The schema the server runs.
pub fn build_schema(context: ApiContext) -> AppSchema {
    schema_builder(&context.limits.clone())
        .data(context)
        .finish()
}

/// The SDL as checked in at `schema.graphql`: types, fields, arguments and enum values sorted,
/// so the file diffs cleanly.
pub fn sdl() -> String {
    let options = async_graphql::SDLExportOptions::new()
        .sorted_fields()
        .sorted_arguments()
        .sorted_enum_items();
    schema_builder(&GraphqlSettings::default())
        .finish()
        .sdl_with_options(options)
}
