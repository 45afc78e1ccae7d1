//! cluster: types.

mod types;

pub use types::*;
