//! Reading missions.

use chrono::NaiveDate;
use entity::{enums, mission, mission_name};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
};
use uuid::Uuid;

use super::conditions::{active_on, text_matches};
use super::pagination::{self, Ordering, Page, PageRequest};
use crate::error::AppResult;

/// Filters of the mission list.
#[derive(Debug, Clone, Default)]
pub struct MissionFilter {
    /// Text matched (case-insensitively) against acronym and name.
    pub search: Option<String>,
    pub kinds: Vec<enums::MissionKind>,
    pub country_code: Option<String>,
    /// Only missions whose mandate was running on this date.
    pub active_on: Option<NaiveDate>,
    pub include_archived: bool,
}

/// Orderings of the mission list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissionOrder {
    AcronymAsc,
    NameAsc,
    ValidFromAsc,
    ValidFromDesc,
}

impl MissionOrder {
    fn ordering(self) -> Ordering<mission::Column> {
        let (name, column, descending) = match self {
            Self::AcronymAsc => ("ACRONYM_ASC", mission::Column::Acronym, false),
            Self::NameAsc => ("NAME_ASC", mission::Column::Name, false),
            Self::ValidFromAsc => ("VALID_FROM_ASC", mission::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", mission::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }

    pub fn name(self) -> &'static str {
        self.ordering().name
    }
}

fn filtered(filter: &MissionFilter) -> Select<mission::Entity> {
    let mut select = mission::Entity::find();
    if !filter.include_archived {
        select = select.filter(mission::Column::ArchivedAt.is_null());
    }
    if let Some(text) = filter.search.as_deref().filter(|t| !t.trim().is_empty()) {
        select = select.filter(
            Condition::any()
                .add(text_matches(mission::Column::Acronym, text.trim()))
                .add(text_matches(mission::Column::Name, text.trim())),
        );
    }
    if !filter.kinds.is_empty() {
        select = select.filter(mission::Column::Kind.is_in(filter.kinds.iter().copied()));
    }
    if let Some(code) = &filter.country_code {
        select = select.filter(mission::Column::CountryCode.eq(code.to_uppercase()));
    }
    if let Some(date) = filter.active_on {
        select = select.filter(active_on(
            mission::Column::ValidFrom,
            mission::Column::ValidTo,
            date,
        ));
    }
    select
}

/// One page of missions.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &MissionFilter,
    order: MissionOrder,
    page: &PageRequest,
) -> AppResult<Page<mission::Model>> {
    pagination::fetch_page(
        db,
        filtered(filter),
        order.ordering(),
        mission::Column::Id,
        page,
    )
    .await
}

/// How many missions match `filter`.
pub async fn count<C: ConnectionTrait>(db: &C, filter: &MissionFilter) -> AppResult<u64> {
    pagination::count(db, filtered(filter)).await
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Option<mission::Model>> {
    Ok(mission::Entity::find_by_id(id).one(db).await?)
}

/// Finds a mission by its current acronym or any former one (MONUC finds MONUSCO).
pub async fn find_by_acronym<C: ConnectionTrait>(
    db: &C,
    acronym: &str,
) -> AppResult<Option<mission::Model>> {
    let acronym = acronym.trim().to_uppercase();
    if let Some(found) = mission::Entity::find()
        .filter(mission::Column::Acronym.eq(acronym.as_str()))
        .one(db)
        .await?
    {
        return Ok(Some(found));
    }
    let former = mission_name::Entity::find()
        .filter(mission_name::Column::Acronym.eq(acronym.as_str()))
        .order_by_desc(mission_name::Column::ValidFrom)
        .one(db)
        .await?;
    match former {
        Some(name) => find(db, name.mission_id).await,
        None => Ok(None),
    }
}

/// The former names of a mission, oldest first.
pub async fn former_names<C: ConnectionTrait>(
    db: &C,
    mission_id: Uuid,
) -> AppResult<Vec<mission_name::Model>> {
    Ok(mission_name::Entity::find()
        .filter(mission_name::Column::MissionId.eq(mission_id))
        .order_by_asc(mission_name::Column::ValidFrom)
        .all(db)
        .await?)
}
