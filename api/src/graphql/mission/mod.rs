//! Missions, their former names and mandated tasks.

mod country_forums;
mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{MissionFilter, MissionOrder};
pub use mutation::MissionMutation;
pub use query::MissionQuery;
pub use types::{MandatedTask, Mission, MissionName};
