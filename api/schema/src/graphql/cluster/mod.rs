//! Clusters, their Areas of Responsibility and lead agencies.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{
    AreaOfResponsibilityFilter, AreaOfResponsibilityOrder, ClusterFilter, ClusterOrder,
};
pub use mutation::ClusterMutation;
pub use query::ClusterQuery;
pub use types::*;
