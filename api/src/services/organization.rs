//! Reading organisations.

use entity::{enums, organization};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

use super::conditions::text_matches;
use super::pagination::{self, Ordering, Page, PageRequest};
use crate::error::AppResult;

/// Filters of the organisation list.
#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    /// Text matched (case-insensitively) against code and name.
    pub search: Option<String>,
    pub kinds: Vec<enums::OrganizationKind>,
    pub include_archived: bool,
}

/// Orderings of the organisation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganizationOrder {
    CodeAsc,
    NameAsc,
}

impl OrganizationOrder {
    fn ordering(self) -> Ordering<organization::Column> {
        match self {
            Self::CodeAsc => Ordering {
                name: "CODE_ASC",
                column: organization::Column::Code,
                descending: false,
            },
            Self::NameAsc => Ordering {
                name: "NAME_ASC",
                column: organization::Column::Name,
                descending: false,
            },
        }
    }

    pub fn name(self) -> &'static str {
        self.ordering().name
    }
}

fn filtered(filter: &OrganizationFilter) -> Select<organization::Entity> {
    let mut select = organization::Entity::find();
    if !filter.include_archived {
        select = select.filter(organization::Column::ArchivedAt.is_null());
    }
    if let Some(text) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        select = select.filter(
            Condition::any()
                .add(text_matches(organization::Column::Code, text))
                .add(text_matches(organization::Column::Name, text)),
        );
    }
    if !filter.kinds.is_empty() {
        select = select.filter(organization::Column::Kind.is_in(filter.kinds.iter().copied()));
    }
    select
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &OrganizationFilter,
    order: OrganizationOrder,
    page: &PageRequest,
) -> AppResult<Page<organization::Model>> {
    pagination::fetch_page(
        db,
        filtered(filter),
        order.ordering(),
        organization::Column::Id,
        page,
    )
    .await
}

pub async fn count<C: ConnectionTrait>(db: &C, filter: &OrganizationFilter) -> AppResult<u64> {
    pagination::count(db, filtered(filter)).await
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find_by_id(id).one(db).await?)
}

pub async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    code: &str,
) -> AppResult<Option<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Code.eq(code.trim().to_uppercase()))
        .one(db)
        .await?)
}

/// Several organisations by id, in no particular order (for batch loading).
pub async fn find_many<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> AppResult<Vec<organization::Model>> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}
