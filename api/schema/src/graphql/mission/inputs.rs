//! Arguments of the mission list: filters and orderings.

use async_graphql::{Enum, InputObject};

use crate::graphql::enums::MissionKind;
use crate::graphql::scalars::Date;
use crate::services;

/// Filters of the mission list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct MissionFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against acronym and name.
    pub search: Option<String>,
    /// Only missions of these kinds.
    pub kinds: Option<Vec<MissionKind>>,
    /// Only missions in this country (ISO 3166-1 alpha-3).
    pub country_code: Option<String>,
    /// Only missions whose mandate was running on this date.
    pub active_on: Option<Date>,
    /// Include archived missions (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<MissionFilter> for services::mission::MissionFilter {
    fn from(f: MissionFilter) -> Self {
        Self {
            search: f.search,
            kinds: f
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            country_code: f.country_code,
            active_on: f.active_on.map(Into::into),
            include_archived: f.include_archived,
        }
    }
}

/// Orderings of the mission list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissionOrder {
    /// By acronym, A to Z.
    #[default]
    AcronymAsc,
    /// By name, A to Z.
    NameAsc,
    /// Oldest mandate first.
    ValidFromAsc,
    /// Newest mandate first.
    ValidFromDesc,
}

impl From<MissionOrder> for services::mission::MissionOrder {
    fn from(o: MissionOrder) -> Self {
        match o {
            MissionOrder::AcronymAsc => Self::AcronymAsc,
            MissionOrder::NameAsc => Self::NameAsc,
            MissionOrder::ValidFromAsc => Self::ValidFromAsc,
            MissionOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}
