//! HTTP-level tests against a spawned server, on SQLite and (when configured) PostgreSQL.

mod helpers;

mod cli;
mod fixtures;
mod health;
mod mission_writes;
mod missions;
mod schema_file;
