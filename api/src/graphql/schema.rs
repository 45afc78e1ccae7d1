//! Builds the schema once; every HTTP worker shares it.

use async_graphql::{EmptySubscription, MergedObject, Schema, SchemaBuilder};

use super::audit::AuditQuery;
use super::context::ApiContext;
use super::mission::{MissionMutation, MissionQuery};
use super::node::NodeQuery;
use super::organization::OrganizationQuery;
use super::structure::{StructureMutation, StructureQuery};
use crate::config::GraphqlSettings;

/// Every root query, merged from the domain areas.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    NodeQuery,
    MissionQuery,
    OrganizationQuery,
    AuditQuery,
    StructureQuery,
);

/// Every mutation, merged from the domain areas.
#[derive(MergedObject, Default)]
pub struct MutationRoot(MissionMutation, StructureMutation);

pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema without data: enough to print the SDL.
pub fn schema_builder(
    limits: &GraphqlSettings,
) -> SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription> {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .limit_depth(limits.max_depth)
    .limit_complexity(limits.max_complexity)
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
