//! The GraphQL layer: types separate from the database models, thin resolvers that call
//! services, one module per domain area.

pub mod access;
pub mod analysis;
pub mod as_of;
pub mod audit;
pub mod changes;
pub mod cluster;
pub mod common_inputs;
pub mod connection;
pub mod context;
pub mod cost;
pub mod decision;
pub mod document;
pub mod enums;
pub mod forum;
pub mod guard;
pub mod ids;
pub mod loaders;
pub mod mission;
pub mod node;
pub mod operation_metrics;
pub mod organization;
pub mod record_fields;
pub mod record_object;
pub mod relations;
pub mod scalars;
pub mod schema;
pub mod settings;
pub mod shape;
pub mod structure;
pub mod trace;
pub mod transfer;
pub mod variables;

pub use schema::{build_schema, sdl, AppSchema};
