//! coordmap's server: HTTP, authentication, the response cache, the read log's writer,
//! settings, metrics, traces and the CLI, on top of the schema (`coordmap-schema`).
//!
//! Layers, outside in:
//! - [`http`] mounts routes; [`startup`] builds the server; [`cli`] parses the command line.
//! - [`auth`] turns a request's credential into the caller; [`response_cache`] serves answers
//!   again while the map has not changed.
//! - [`graphql`], [`services`], [`transfer`], [`seed`], [`error`]: the schema crate.

pub mod assets;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod download;
pub mod explorer;
pub mod forwarded;
pub mod graphiql;
pub mod http;
pub mod metrics;
pub mod observe;
pub mod response_cache;
pub mod startup;
pub mod startup_error;
pub mod subscriptions;
pub mod telemetry;

/// The schema and everything below it live in `coordmap-schema` (no HTTP server); the pure
/// domain logic in `coordmap-domain` (no database). Re-exported so `crate::services::...` and
/// the like name them from here too.
pub use coordmap_schema::{domain, error, graphql, grouped, seed, services, transfer};
