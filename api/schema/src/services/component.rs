//! Components of a mission: the list, and the writes with their rules (same mission as the
//! parent, no cycle in the tree).

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{component, enums, geographic_area, mission};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Select, Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::{validate, write};
use crate::domain::cycles::cycle_through_new_edge;
use crate::error::{AppError, AppResult};

/// Filters of the component list.
#[derive(Debug, Clone, Default)]
pub struct ComponentFilter {
    pub mission_id: Option<Uuid>,
    pub kinds: Vec<enums::ComponentKind>,
    pub specialties: Vec<enums::ComponentSpecialty>,
    pub levels: Vec<enums::StructureLevel>,
    /// Only the direct children of this component.
    pub parent_id: Option<Uuid>,
    /// Text matched (case-insensitively) against name and acronym.
    pub search: Option<String>,
    /// Only components that existed on this date.
    pub as_of: Option<NaiveDate>,
    pub include_archived: bool,
}

/// Orderings of the component list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentOrder {
    NameAsc,
    NameDesc,
    ValidFromAsc,
    ValidFromDesc,
}

impl ComponentOrder {
    pub fn ordering(self) -> Ordering<component::Column> {
        let (name, column, descending) = match self {
            Self::NameAsc => ("NAME_ASC", component::Column::Name, false),
            Self::NameDesc => ("NAME_DESC", component::Column::Name, true),
            Self::ValidFromAsc => ("VALID_FROM_ASC", component::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", component::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible components matching `filter`.
impl Listing for ComponentFilter {
    type Entity = component::Entity;

    fn select(&self, viewer: &Viewer) -> Select<component::Entity> {
        let mut select = crud::searched::<component::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.as_of,
            },
            self.search.as_deref(),
            &[component::Column::Name, component::Column::Acronym],
        );
        if let Some(mission) = self.mission_id {
            select = select.filter(crud::refers_to::<entity::mission::Entity>(
                viewer,
                component::Column::MissionId,
                mission,
            ));
        }
        if let Some(parent) = self.parent_id {
            select = select.filter(crud::refers_to::<component::Entity>(
                viewer,
                component::Column::ParentId,
                parent,
            ));
        }
        if !self.kinds.is_empty() {
            select = select.filter(component::Column::Kind.is_in(self.kinds.iter().copied()));
        }
        if !self.specialties.is_empty() {
            select =
                select.filter(component::Column::Specialty.is_in(self.specialties.iter().copied()));
        }
        if !self.levels.is_empty() {
            select = select.filter(component::Column::Level.is_in(self.levels.iter().copied()));
        }
        select
    }
}

/// A new component as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewComponent {
    pub mission_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: enums::ComponentKind,
    pub specialty: Option<enums::ComponentSpecialty>,
    pub level: enums::StructureLevel,
    pub geographic_area_id: Option<Uuid>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a component: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct ComponentPatch {
    pub parent_id: Option<Option<Uuid>>,
    pub name: Option<String>,
    pub acronym: Option<Option<String>>,
    pub kind: Option<enums::ComponentKind>,
    pub specialty: Option<Option<enums::ComponentSpecialty>>,
    pub level: Option<enums::StructureLevel>,
    pub geographic_area_id: Option<Option<Uuid>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

fn optional_acronym(value: Option<String>) -> AppResult<Option<String>> {
    match value {
        Some(text) if !text.trim().is_empty() => {
            Ok(Some(validate::acronym("input.acronym", &text)?))
        }
        _ => Ok(None),
    }
}

/// The parent must be a live component of the same mission.
async fn check_parent<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission_id: Uuid,
    parent_id: Uuid,
) -> AppResult<component::Model> {
    let parent =
        validate::reference::<component::Entity, _>(db, viewer, "input.parentId", parent_id)
            .await?;
    if parent.mission_id != mission_id {
        return Err(AppError::invalid(
            "input.parentId",
            format!(
                "`input.parentId` must be a component of the same mission; {} belongs to another mission",
                parent.name
            ),
        ));
    }
    Ok(parent)
}

/// Refuses to put `id` under `parent_id` when `parent_id` already lies inside `id`: the tree
/// would loop. Every component of the mission counts, visible or not, so hidden rows cannot
/// hide a loop; the message names only what the caller may see.
async fn check_no_cycle<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission_id: Uuid,
    id: Uuid,
    parent_id: Uuid,
) -> AppResult<()> {
    let rows: Vec<(Uuid, Option<Uuid>)> = component::Entity::find()
        .select_only()
        .column(component::Column::Id)
        .column(component::Column::ParentId)
        .filter(component::Column::MissionId.eq(mission_id))
        .into_tuple()
        .all(db)
        .await?;
    let edges: Vec<(Uuid, Uuid)> = rows
        .into_iter()
        .filter(|(child, _)| *child != id)
        .filter_map(|(child, parent)| parent.map(|p| (child, p)))
        .collect();
    let Some(path) = cycle_through_new_edge(&edges, id, parent_id) else {
        return Ok(());
    };
    let names = visible_names(db, viewer, &path).await?;
    // The path runs parent → … → id → parent; each component is part of the next.
    let shown: Vec<String> = path
        .iter()
        .map(|n| {
            names
                .get(n)
                .cloned()
                .unwrap_or_else(|| "a component you cannot see".into())
        })
        .collect();
    Err(AppError::invalid(
        "input.parentId",
        format!(
            "`input.parentId` would make the component part of itself: {} (each is part of the next)",
            shown.join(" → ")
        ),
    ))
}

async fn visible_names<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, String>> {
    Ok(crud::find_many::<component::Entity, C>(db, viewer, ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

/// Creates a component.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewComponent,
) -> AppResult<component::Model> {
    let name = validate::name("input.name", &input.name)?;
    let acronym = optional_acronym(input.acronym)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::reference::<mission::Entity, _>(
                tx,
                &viewer,
                "input.missionId",
                input.mission_id,
            )
            .await?;
            if let Some(parent) = input.parent_id {
                check_parent(tx, &viewer, input.mission_id, parent).await?;
            }
            validate::optional_reference::<geographic_area::Entity, _>(
                tx,
                &viewer,
                "input.geographicAreaId",
                input.geographic_area_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = component::ActiveModel {
                id: Set(id),
                mission_id: Set(input.mission_id),
                parent_id: Set(input.parent_id),
                name: Set(name),
                acronym: Set(acronym),
                kind: Set(input.kind),
                specialty: Set(input.specialty),
                level: Set(input.level),
                geographic_area_id: Set(input.geographic_area_id),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<component::Entity, _>(tx, &viewer, "createComponent", row).await
        })
    })
    .await
}

/// Updates a component at the version the client read; moving it refuses another mission's
/// parent and any move that would loop the tree.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: ComponentPatch,
) -> AppResult<component::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let acronym = patch.acronym.clone().map(optional_acronym).transpose()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let before =
                write::load_for_update::<component::Entity, _>(tx, &viewer, id, version).await?;
            let from = patch.valid_from.unwrap_or(before.valid_from);
            let to = patch.valid_to.unwrap_or(before.valid_to);
            validate::validity(from, to, "input.validTo")?;
            if let Some(Some(parent)) = patch.parent_id {
                check_parent(tx, &viewer, before.mission_id, parent).await?;
                check_no_cycle(tx, &viewer, before.mission_id, id, parent).await?;
            }
            if let Some(Some(area)) = patch.geographic_area_id {
                validate::reference::<geographic_area::Entity, _>(
                    tx,
                    &viewer,
                    "input.geographicAreaId",
                    area,
                )
                .await?;
            }
            write::update::<component::Entity, _, _>(
                tx,
                &viewer,
                "updateComponent",
                id,
                version,
                |_, row| {
                    write::keep_or_set(&mut row.parent_id, patch.parent_id);
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.acronym, acronym);
                    write::keep_or_set(&mut row.kind, patch.kind);
                    write::keep_or_set(&mut row.specialty, patch.specialty);
                    write::keep_or_set(&mut row.level, patch.level);
                    write::keep_or_set(&mut row.geographic_area_id, patch.geographic_area_id);
                    row.valid_from = Set(from);
                    row.valid_to = Set(to);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
