//! forum: types.

mod types;

pub use types::*;
