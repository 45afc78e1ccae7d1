//! structure: types.

mod types;

pub use types::*;
