//! Missions, their former names, their mandates over time and mandated tasks.

mod country_forums;
mod inputs;
mod mandate;
mod mutation;
mod query;
mod types;

pub use inputs::{MissionFilter, MissionOrder};
pub use mutation::MissionMutation;
pub use query::MissionQuery;
pub use types::{MandatedTask, Mission, MissionMandate, MissionName};
