//! Geographic areas: lists and writes.

use entity::{enums, geographic_area as area};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, Select, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::{tree, validate, write};
use crate::error::AppResult;

/// Filters of the geographic area list.
#[derive(Debug, Clone, Default)]
pub struct AreaFilter {
    pub search: Option<String>,
    pub levels: Vec<enums::GeographicLevel>,
    pub country_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub include_archived: bool,
}

/// The only ordering: by name.
pub fn ordering() -> Ordering<area::Column> {
    Ordering {
        name: "NAME_ASC",
        column: area::Column::Name,
        descending: false,
    }
}

/// The visible areas matching `filter`.
impl Listing for AreaFilter {
    type Entity = area::Entity;

    fn select(&self, viewer: &Viewer) -> Select<area::Entity> {
        let mut select = crud::searched::<area::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: None,
            },
            self.search.as_deref(),
            &[area::Column::Name, area::Column::Code],
        );
        if !self.levels.is_empty() {
            select = select.filter(area::Column::Level.is_in(self.levels.iter().copied()));
        }
        if let Some(code) = &self.country_code {
            select = select.filter(area::Column::CountryCode.eq(code.trim().to_uppercase()));
        }
        if let Some(parent) = self.parent_id {
            select = select.filter(crud::refers_to::<area::Entity>(
                viewer,
                area::Column::ParentId,
                parent,
            ));
        }
        select
    }
}

/// A new or changed geographic area as submitted.
#[derive(Debug, Clone)]
pub struct AreaFields {
    pub name: String,
    pub level: enums::GeographicLevel,
    pub code: Option<String>,
    pub country_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub sensitivity: enums::Sensitivity,
}

fn clean(fields: &AreaFields) -> AppResult<(String, Option<String>, Option<String>)> {
    let name = validate::name("input.name", &fields.name)?;
    let code = fields
        .code
        .as_deref()
        .map(|c| validate::code("input.code", c, 32))
        .transpose()?;
    let country = validate::country_code("input.countryCode", fields.country_code.clone())?;
    Ok((name, code, country))
}

/// Creates a geographic area.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    fields: AreaFields,
) -> AppResult<area::Model> {
    let (name, code, country_code) = clean(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let key = code.clone().map(|value| write::UniqueKey {
                field: "input.code",
                value,
            });
            validate::optional_reference::<area::Entity, _>(
                tx,
                &viewer,
                "input.parentId",
                fields.parent_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = area::ActiveModel {
                id: Set(id),
                parent_id: Set(fields.parent_id),
                name: Set(name),
                level: Set(fields.level),
                code: Set(code),
                country_code: Set(country_code),
                archived_at: Set(None),
                sensitivity: Set(fields.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create_keyed::<area::Entity, _>(tx, &viewer, "createGeographicArea", row, key)
                .await
        })
    })
    .await
}

/// Changes to a geographic area: `None` keeps, `Some(None)` clears.
#[derive(Debug, Clone, Default)]
pub struct AreaPatch {
    pub name: Option<String>,
    pub level: Option<enums::GeographicLevel>,
    pub code: Option<Option<String>>,
    pub country_code: Option<Option<String>>,
    pub parent_id: Option<Option<Uuid>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Updates a geographic area at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: AreaPatch,
) -> AppResult<area::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let code = match &patch.code {
        Some(Some(c)) => Some(Some(validate::code("input.code", c, 32)?)),
        Some(None) => Some(None),
        None => None,
    };
    let country_code = match patch.country_code.clone() {
        Some(c) => Some(validate::country_code("input.countryCode", c)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if let Some(Some(parent)) = patch.parent_id {
                validate::reference::<area::Entity, _>(tx, &viewer, "input.parentId", parent)
                    .await?;
                tree::ensure_no_cycle::<area::Entity, _>(
                    tx,
                    area::Column::ParentId,
                    id,
                    parent,
                    "input.parentId",
                )
                .await?;
            }
            let key = code.clone().flatten().map(|value| write::UniqueKey {
                field: "input.code",
                value,
            });
            write::update_keyed::<area::Entity, _, _>(
                tx,
                &viewer,
                "updateGeographicArea",
                id,
                version,
                key,
                |_, row| {
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.level, patch.level);
                    write::keep_or_set(&mut row.code, code);
                    write::keep_or_set(&mut row.country_code, country_code);
                    write::keep_or_set(&mut row.parent_id, patch.parent_id);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
