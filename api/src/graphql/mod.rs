//! The GraphQL layer: types separate from the database models, thin resolvers that call
//! services, one module per domain area.

pub mod connection;
pub mod context;
pub mod enums;
pub mod ids;
pub mod mission;
pub mod node;
pub mod organization;
pub mod scalars;
pub mod schema;

pub use schema::{build_schema, sdl, AppSchema};
