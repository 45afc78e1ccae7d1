//! A mission's structure: components, posts and their hats, persons and their assignments,
//! reporting lines.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{
    ComponentFilter, ComponentOrder, PersonFilter, PersonOrder, PostFilter, PostOrder,
};
pub use mutation::StructureMutation;
pub use query::StructureQuery;
pub use types::*;
