//! HTTP-level tests against a spawned server, on SQLite and (when configured) PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod cli;
mod fixtures;
mod health;
mod mission_writes;
mod missions;
mod schema_file;
mod structure;
mod structure_writes;
