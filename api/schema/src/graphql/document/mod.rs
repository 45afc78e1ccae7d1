//! Documents and the citations that tie records to them.

mod inputs;
mod mutation;
mod query;
mod types;

pub use mutation::DocumentMutation;
pub use query::DocumentQuery;
pub use types::{Document, SourceCitation};
