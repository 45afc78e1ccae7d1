//! coordmap's API: the HTTP server, the GraphQL schema, the services behind it and the CLI.
//!
//! Layers, outside in:
//! - [`http`] mounts routes; [`startup`] builds the server; [`cli`] parses the command line.
//! - [`graphql`] holds the schema: GraphQL types separate from the database models, thin
//!   resolvers that parse input and call services.
//! - [`services`] hold the SQL, each function taking `&impl ConnectionTrait`.
//! - [`error`] is the one error type, mapped to `extensions.code`.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod download;
pub mod error;
pub mod graphiql;
pub mod graphql;
pub mod grouped;
pub mod http;
pub mod metrics;
pub mod observe;
pub mod response_cache;
pub mod seed;
pub mod services;
pub mod startup;
pub mod startup_error;
pub mod telemetry;
pub mod transfer;

/// The pure domain logic lives in its own crate (no database); `crate::domain::...` names it.
pub use coordmap_domain as domain;
