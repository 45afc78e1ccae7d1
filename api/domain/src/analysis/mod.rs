//! Issue 5, "who decides what": pure analysis over a [`Snapshot`] of the records a caller may
//! see. No database, no GraphQL, no async: services fill the snapshot in a bounded number of
//! queries and resolvers map the answers. Every function takes the date it answers for and only
//! considers records valid on it (half-open intervals, see [`crate::validity`]), builds
//! the indexes it needs once per call, and bounds the size of what it returns.
//!
//! - [`chains`]: reporting chains upwards, per kind, with cycle detection.
//! - [`decisions`]: who decides on an area, with the path explaining each holder (the delegation
//!   rules it relies on are in [`crate::delegation`]).
//! - [`integration`]: structural integration, DSRSG placement, humanitarian seats, IASC caution.
//! - [`bridges`](mod@bridges): actors sitting in both mission and cluster forums; forums two actors share.
//! - [`gaps`]: governance gaps with code, severity, records and a sentence.
//! - [`graph`]: the stakeholder graph and its DOT and Mermaid renderings.
//! - [`diff`]: structural changes between two dates.
//! - [`cut`]: cutting a sorted answer at the size it was charged for, saying so.

pub mod bridges;
pub mod chains;
pub mod cut;
pub mod decisions;
pub mod diff;
pub mod gaps;
pub mod graph;
pub mod integration;
pub mod snapshot;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod scale;

pub use bridges::{bridges, common_forums};
pub use chains::reporting_chains;
pub use decisions::who_decides;
pub use diff::changes_between;
pub use gaps::governance_gaps;
pub use graph::stakeholder_graph;
pub use integration::integration_profile;
pub use snapshot::*;
