//! Bulk import (administrators) and export (anyone, of what they may read).

mod inputs;
mod mutation;
mod query;
mod types;

pub use mutation::TransferMutation;
pub use query::TransferQuery;
