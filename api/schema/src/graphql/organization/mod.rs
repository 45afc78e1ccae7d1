//! Organisations and geographic areas.

mod inputs;
mod mutation;
mod query;
mod types;

pub use inputs::{GeographicAreaFilter, OrganizationFilter, OrganizationOrder};
pub use mutation::OrganizationMutation;
pub use query::OrganizationQuery;
pub use types::{GeographicArea, Organization};
