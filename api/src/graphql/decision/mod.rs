//! decision: types.

mod types;

pub use types::*;
