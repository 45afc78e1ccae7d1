//! Arguments of the organisation list: filters and orderings.

use async_graphql::{Enum, InputObject};

use crate::graphql::enums::OrganizationKind;
use crate::services;

/// Filters of the organisation list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    /// Case-insensitive text matched against code and name.
    pub search: Option<String>,
    /// Only organisations of these kinds.
    pub kinds: Option<Vec<OrganizationKind>>,
    /// Include archived organisations (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<OrganizationFilter> for services::organization::OrganizationFilter {
    fn from(f: OrganizationFilter) -> Self {
        Self {
            search: f.search,
            kinds: f
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            include_archived: f.include_archived,
        }
    }
}

/// Orderings of the organisation list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganizationOrder {
    /// By code, A to Z.
    #[default]
    CodeAsc,
    /// By name, A to Z.
    NameAsc,
}

impl From<OrganizationOrder> for services::organization::OrganizationOrder {
    fn from(o: OrganizationOrder) -> Self {
        match o {
            OrganizationOrder::CodeAsc => Self::CodeAsc,
            OrganizationOrder::NameAsc => Self::NameAsc,
        }
    }
}
