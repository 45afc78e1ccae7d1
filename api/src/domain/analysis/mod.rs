//! Issue 5, "who decides what": pure analysis over a [`Snapshot`] of the records a caller may
//! see. No database, no GraphQL, no async: services fill the snapshot in a bounded number of
//! queries and resolvers map the answers. Every function takes the date it answers for and only
//! considers records valid on it (half-open intervals, see [`crate::domain::validity`]).

pub mod bridges;
pub mod chains;
pub mod decisions;
pub mod diff;
pub mod gaps;
pub mod graph;
pub mod integration;
pub mod snapshot;

#[cfg(test)]
mod fixture;

pub use snapshot::*;
