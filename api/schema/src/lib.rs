//! coordmap's GraphQL schema and what it stands on, with no HTTP server (the `coordmap-api`
//! crate serves it).
//!
//! Layers, outside in:
//! - [`graphql`] holds the schema: GraphQL types separate from the database models, thin
//!   resolvers that parse input and call services.
//! - [`transfer`] (import and export) and [`seed`] (the demo dataset) write through the services.
//! - [`services`] hold the SQL, each function taking `&impl ConnectionTrait`.
//! - [`error`] is the one error type, mapped to `extensions.code`.

pub mod error;
pub mod graphql;
pub mod grouped;
pub mod seed;
pub mod services;
pub mod transfer;

/// The pure domain logic lives in its own crate (no database); `crate::domain::...` names it.
pub use coordmap_domain as domain;
