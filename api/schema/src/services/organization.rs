//! Organisations: lists, lookups and writes.

use entity::{enums, organization};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Select, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::{tree, validate, write};
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
impl Listing for OrganizationFilter {
    type Entity = organization::Entity;

    fn select(&self, viewer: &Viewer) -> Select<organization::Entity> {
        let mut select = crud::searched::<organization::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: None,
            },
            self.search.as_deref(),
            &[organization::Column::Code, organization::Column::Name],
        );
        if !self.kinds.is_empty() {
            select = select.filter(organization::Column::Kind.is_in(self.kinds.iter().copied()));
        }
        select
    }
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

/// A new organisation as submitted.
#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub code: String,
    pub name: String,
    pub kind: enums::OrganizationKind,
    pub parent_id: Option<Uuid>,
    pub country_code: Option<String>,
    pub description: Option<String>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to an organisation: `None` keeps, `Some(None)` clears.
#[derive(Debug, Clone, Default)]
pub struct OrganizationPatch {
    pub name: Option<String>,
    pub kind: Option<enums::OrganizationKind>,
    pub parent_id: Option<Option<Uuid>>,
    pub country_code: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Creates an organisation.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewOrganization,
) -> AppResult<organization::Model> {
    let code = validate::code("input.code", &input.code, 32)?;
    let name = validate::name("input.name", &input.name)?;
    let country_code = validate::country_code("input.countryCode", input.country_code)?;
    let description = validate::text("input.description", input.description)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let key = Some(write::UniqueKey {
                field: "input.code",
                value: code.clone(),
            });
            validate::optional_reference::<organization::Entity, _>(
                tx,
                &viewer,
                "input.parentId",
                input.parent_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = organization::ActiveModel {
                id: Set(id),
                code: Set(code),
                name: Set(name),
                kind: Set(input.kind),
                parent_id: Set(input.parent_id),
                country_code: Set(country_code),
                description: Set(description),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create_keyed::<organization::Entity, _>(
                tx,
                &viewer,
                "createOrganization",
                row,
                key,
            )
            .await
        })
    })
    .await
}

/// Updates an organisation at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: OrganizationPatch,
) -> AppResult<organization::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let country_code = match patch.country_code {
        Some(code) => Some(validate::country_code("input.countryCode", code)?),
        None => None,
    };
    let description = match patch.description {
        Some(text) => Some(validate::text("input.description", text)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if let Some(Some(parent)) = patch.parent_id {
                validate::reference::<organization::Entity, _>(
                    tx,
                    &viewer,
                    "input.parentId",
                    parent,
                )
                .await?;
                tree::ensure_no_cycle::<organization::Entity, _>(
                    tx,
                    organization::Column::ParentId,
                    id,
                    parent,
                    "input.parentId",
                )
                .await?;
            }
            write::update::<organization::Entity, _, _>(
                tx,
                &viewer,
                "updateOrganization",
                id,
                version,
                |_, row| {
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.kind, patch.kind);
                    write::keep_or_set(&mut row.parent_id, patch.parent_id);
                    write::keep_or_set(&mut row.country_code, country_code);
                    write::keep_or_set(&mut row.description, description);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
