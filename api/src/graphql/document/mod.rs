//! document: types.

mod types;

pub use types::*;
