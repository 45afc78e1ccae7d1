//! Organisations and geographic areas.

mod inputs;
mod query;
mod types;

pub use inputs::{OrganizationFilter, OrganizationOrder};
pub use query::OrganizationQuery;
pub use types::{GeographicArea, Organization};
