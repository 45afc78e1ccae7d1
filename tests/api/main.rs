//! Tests of the API, on SQLite and (when configured) PostgreSQL: HTTP-level tests against a
//! spawned server (`both_backends!`) for what HTTP does, and schema-level tests (`in_process!`:
//! the schema executed in process with the request state HTTP would build) for resolver logic.
//!
//! Records are arranged through the mutations with the fixture builder ([`build`]), which names
//! only what a test cares about; [`fixtures`] writes rows straight into the database, past the
//! write rules, for the tests that need such rows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod build;
mod front_end;
mod helpers;

mod access;
mod analysis;
mod as_of;
mod balancer;
mod cache;
mod caps;
mod changes;
mod cli;
mod cluster_writes;
mod clusters;
mod concurrent_start;
mod decision_writes;
mod decisions;
mod demo;
mod docs;
mod edge;
mod explorer;
mod fixtures;
mod forum_writes;
mod forums;
mod fuzz;
mod graphiql;
mod health;
mod hidden;
mod metrics;
mod mission_mandates;
mod mission_writes;
mod missions;
mod proxies;
mod questions;
mod rate_limit;
mod read_log;
mod reference_writes;
mod references;
mod reverse_relations;
mod schema_file;
mod serve_demo;
mod shared_feeds;
mod statements;
mod structure;
mod structure_writes;
mod subscriptions;
mod synthetic;
mod traces;
mod transfer;
mod transfer_cli;
