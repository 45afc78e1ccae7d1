//! Arguments of the organisation list: filters and orderings.

use async_graphql::{Enum, InputObject};

use async_graphql::ID;

use crate::graphql::enums::{GeographicLevel, OrganizationKind};
use crate::graphql::ids::{self, NodeKind};
use crate::services;

/// Filters of the organisation list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
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

/// Filters of the geographic area list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct GeographicAreaFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against name and code.
    pub search: Option<String>,
    /// Only areas of these levels.
    pub levels: Option<Vec<GeographicLevel>>,
    /// Only areas of this country (ISO 3166-1 alpha-3).
    pub country_code: Option<String>,
    /// Only areas directly in this one.
    pub parent_id: Option<ID>,
    /// Include archived areas (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl GeographicAreaFilter {
    pub fn into_service(self) -> async_graphql::Result<services::geography::AreaFilter> {
        Ok(services::geography::AreaFilter {
            search: self.search,
            levels: self
                .levels
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            country_code: self.country_code,
            parent_id: ids::decode_optional(
                self.parent_id.as_ref(),
                NodeKind::GeographicArea,
                "filter.parentId",
            )?,
            include_archived: self.include_archived,
        })
    }
}
