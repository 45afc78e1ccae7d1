//! Coordination forums, the links between them (reports to, subgroup of), their memberships
//! and the history of those memberships.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{ForumFilter, ForumOrder};
pub use mutation::ForumMutation;
pub use query::ForumQuery;
pub use types::*;
