//! Reading missions.

use chrono::NaiveDate;
use entity::{enums, mission, mission_name, organization};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Select,
    Set,
};

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use uuid::Uuid;

use super::mission_mandate::{self, MandateText};
use super::{authorize, validate, write};
use crate::domain::mandates::{AttributePatch, Attributes};
use crate::error::{AppError, AppResult};

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
    pub fn ordering(self) -> Ordering<mission::Column> {
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
}

/// The visible missions matching `filter`.
impl Listing for MissionFilter {
    type Entity = mission::Entity;

    fn select(&self, viewer: &Viewer) -> Select<mission::Entity> {
        let mut select = crud::searched::<mission::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.active_on,
            },
            self.search.as_deref(),
            &[mission::Column::Acronym, mission::Column::Name],
        );
        if !self.kinds.is_empty() {
            select = select.filter(mission::Column::Kind.is_in(self.kinds.iter().copied()));
        }
        if let Some(code) = &self.country_code {
            select = select.filter(mission::Column::CountryCode.eq(code.to_uppercase()));
        }
        select
    }
}

/// Finds a mission by its current acronym or any former one (MONUC finds MONUSCO).
pub async fn find_by_acronym<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    acronym: &str,
) -> AppResult<Option<mission::Model>> {
    let acronym = acronym.trim().to_uppercase();
    if let Some(found) = crud::select::<mission::Entity>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
    .filter(mission::Column::Acronym.eq(acronym.as_str()))
    .one(db)
    .await?
    {
        return Ok(Some(found));
    }
    let former = crud::select::<mission_name::Entity>(viewer, ListScope::default())
        .filter(mission_name::Column::Acronym.eq(acronym.as_str()))
        .order_by_desc(mission_name::Column::ValidFrom)
        .one(db)
        .await?;
    match former {
        Some(name) => crud::find::<mission::Entity, C>(db, viewer, name.mission_id).await,
        None => Ok(None),
    }
}

/// A new mission as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewMission {
    pub acronym: String,
    pub name: String,
    pub kind: enums::MissionKind,
    pub country_code: Option<String>,
    pub description: Option<String>,
    /// The attributes of its first mandate, which runs over the mission's whole period.
    pub attributes: Attributes,
    /// The resolution that set the first mandate, and a note on it.
    pub mandate: MandateText,
    pub lead_department_id: Option<Uuid>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a mission: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct MissionPatch {
    pub name: Option<String>,
    pub kind: Option<enums::MissionKind>,
    pub country_code: Option<Option<String>>,
    pub description: Option<Option<String>>,
    /// Corrections to the mandate in force (see [`update`]).
    pub attributes: AttributePatch,
    pub lead_department_id: Option<Option<Uuid>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

impl MissionPatch {
    /// Whether it changes the mission's own row (not only its mandate).
    fn changes_mission(&self) -> bool {
        self.name.is_some()
            || self.kind.is_some()
            || self.country_code.is_some()
            || self.description.is_some()
            || self.lead_department_id.is_some()
            || self.valid_from.is_some()
            || self.valid_to.is_some()
            || self.sensitivity.is_some()
    }
}

/// Refuses an acronym that any other mission uses now or used before: a lookup by acronym must
/// name one mission.
async fn ensure_acronym_free<C: ConnectionTrait>(
    db: &C,
    acronym: &str,
    field: &str,
    except: Option<Uuid>,
) -> AppResult<()> {
    let mut current = mission::Entity::find().filter(mission::Column::Acronym.eq(acronym));
    let mut former = mission_name::Entity::find().filter(mission_name::Column::Acronym.eq(acronym));
    if let Some(id) = except {
        current = current.filter(mission::Column::Id.ne(id));
        former = former.filter(mission_name::Column::MissionId.ne(id));
    }
    if current.one(db).await?.is_some() || former.one(db).await?.is_some() {
        return Err(AppError::invalid(
            field,
            format!("`{field}` {acronym} is already used by another mission"),
        ));
    }
    Ok(())
}

/// Creates a mission.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewMission,
) -> AppResult<mission::Model> {
    let acronym = validate::acronym("input.acronym", &input.acronym)?;
    let name = validate::name("input.name", &input.name)?;
    let country_code = validate::country_code("input.countryCode", input.country_code)?;
    let description = validate::text("input.description", input.description)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let mandate = input.mandate.validated()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            ensure_acronym_free(tx, &acronym, "input.acronym", None).await?;
            validate::optional_reference::<organization::Entity, _>(
                tx,
                &viewer,
                "input.leadDepartmentId",
                input.lead_department_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = mission::ActiveModel {
                id: Set(id),
                acronym: Set(acronym),
                name: Set(name),
                kind: Set(input.kind),
                lead_department_id: Set(input.lead_department_id),
                country_code: Set(country_code),
                description: Set(description),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            let created =
                write::create::<mission::Entity, _>(tx, &viewer, "createMission", row).await?;
            mission_mandate::create_first(
                tx,
                &viewer,
                "createMission",
                &created,
                input.attributes,
                mandate,
            )
            .await?;
            Ok(created)
        })
    })
    .await
}

/// Updates a mission at the version the client read. Its attributes correct the mandate in
/// force on `today` (the latest one for a closed mission); a new mandate is recorded with
/// `mission_mandate::record`. A change of the mission's period moves the start of its first
/// mandate and the end of its last.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: MissionPatch,
    today: NaiveDate,
) -> AppResult<mission::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let country_code = match patch.country_code.clone() {
        Some(code) => Some(validate::country_code("input.countryCode", code)?),
        None => None,
    };
    let description = match patch.description.clone() {
        Some(text) => Some(validate::text("input.description", text)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if let Some(Some(org)) = patch.lead_department_id {
                validate::reference::<organization::Entity, _>(
                    tx,
                    &viewer,
                    "input.leadDepartmentId",
                    org,
                )
                .await?;
            }
            let updated = if patch.changes_mission() {
                write::update::<mission::Entity, _, _>(
                    tx,
                    &viewer,
                    "updateMission",
                    id,
                    version,
                    |before, row| {
                        let from = patch.valid_from.unwrap_or(before.valid_from);
                        let to = patch.valid_to.unwrap_or(before.valid_to);
                        validate::validity(from, to, "input.validTo")?;
                        write::keep_or_set(&mut row.name, name);
                        write::keep_or_set(&mut row.kind, patch.kind);
                        write::keep_or_set(&mut row.country_code, country_code);
                        write::keep_or_set(&mut row.description, description);
                        write::keep_or_set(&mut row.lead_department_id, patch.lead_department_id);
                        row.valid_from = Set(from);
                        row.valid_to = Set(to);
                        write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                        Ok(())
                    },
                )
                .await?
            } else {
                let current =
                    write::load_for_update::<mission::Entity, _>(tx, &viewer, id, version).await?;
                authorize::check_write::<mission::Entity, _>(tx, &viewer, &current).await?;
                current
            };
            if patch.valid_from.is_some() || patch.valid_to.is_some() {
                mission_mandate::follow_period(tx, &viewer, "updateMission", &updated).await?;
            }
            mission_mandate::correct_in_force(
                tx,
                &viewer,
                "updateMission",
                &updated,
                today,
                patch.attributes,
            )
            .await?;
            Ok(updated)
        })
    })
    .await
}

/// Renames a mission on a date: the old acronym and name become a former name ending that day.
pub async fn rename(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    acronym: &str,
    name: &str,
    on: NaiveDate,
) -> AppResult<mission::Model> {
    let acronym = validate::acronym("input.acronym", acronym)?;
    let name = validate::name("input.name", name)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let before =
                write::load_for_update::<mission::Entity, _>(tx, &viewer, id, version).await?;
            if before.acronym == acronym && before.name == name {
                return Err(AppError::invalid(
                    "input.acronym",
                    "the mission already has this acronym and name",
                ));
            }
            if acronym != before.acronym {
                ensure_acronym_free(tx, &acronym, "input.acronym", Some(id)).await?;
            }
            let names = mission_name::Entity::find()
                .filter(mission_name::Column::MissionId.eq(id))
                .all(tx)
                .await?;
            let since = names
                .iter()
                .filter_map(|n| n.valid_to)
                .max()
                .unwrap_or(before.valid_from);
            if on <= since {
                return Err(AppError::invalid(
                    "input.on",
                    format!(
                        "`input.on` ({on}) must be after the current name took effect ({since})"
                    ),
                ));
            }
            let (name_id, now) = write::new_ids();
            let former = mission_name::ActiveModel {
                id: Set(name_id),
                mission_id: Set(id),
                acronym: Set(before.acronym.clone()),
                name: Set(before.name.clone()),
                valid_from: Set(since),
                valid_to: Set(Some(on)),
                sensitivity: Set(before.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<mission_name::Entity, _>(tx, &viewer, "renameMission", former).await?;
            write::update::<mission::Entity, _, _>(
                tx,
                &viewer,
                "renameMission",
                id,
                version,
                |_, row| {
                    row.acronym = Set(acronym);
                    row.name = Set(name);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
