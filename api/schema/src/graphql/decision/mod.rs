//! Decision areas and decision rights, with delegation.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{DecisionAreaFilter, DecisionAreaOrder};
pub use mutation::DecisionMutation;
pub use query::DecisionQuery;
pub use types::*;
