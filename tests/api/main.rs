//! HTTP-level tests against a spawned server, on SQLite and (when configured) PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod cli;
mod cluster_writes;
mod clusters;
mod decision_writes;
mod decisions;
mod fixtures;
mod forum_writes;
mod forums;
mod health;
mod mission_writes;
mod missions;
mod reference_writes;
mod schema_file;
mod structure;
mod structure_writes;
mod synthetic;
