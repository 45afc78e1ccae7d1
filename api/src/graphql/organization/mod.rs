//! Organisations: types and root queries.

mod query;
mod types;

pub use query::OrganizationQuery;
pub use types::{Organization, OrganizationFilter, OrganizationOrder};
