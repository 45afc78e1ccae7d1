//! Missions: types and root queries.

mod query;
mod types;

pub use query::MissionQuery;
pub use types::{Mission, MissionFilter, MissionName, MissionOrder};
