//! Reading organisations.

use entity::{enums, organization};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, Select};

use super::access::Viewer;
use super::conditions::text_matches;
use super::crud::{self, ListScope};
use super::pagination::Ordering;
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
    pub fn ordering(self) -> Ordering<organization::Column> {
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
}

/// The visible organisations matching `filter`.
pub fn select(viewer: &Viewer, filter: &OrganizationFilter) -> Select<organization::Entity> {
    let mut select = crud::select::<organization::Entity>(
        viewer,
        ListScope {
            include_archived: filter.include_archived,
            as_of: None,
        },
    );
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

pub async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    code: &str,
) -> AppResult<Option<organization::Model>> {
    Ok(crud::select::<organization::Entity>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
    .filter(organization::Column::Code.eq(code.trim().to_uppercase()))
    .one(db)
    .await?)
}
