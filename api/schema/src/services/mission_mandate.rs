//! A mission's mandates: the attributes each mandate gives the mission over one period. Recording
//! a new mandate ends the one in force on its first day; correcting one changes its attributes in
//! place; the mission's own writes (creation, a change of its period, `updateMission`'s
//! attributes) keep its mandates in step with it. Every write goes through `services::write`:
//! validated, authorised on the mission, audited.

use chrono::NaiveDate;
use entity::enums::Sensitivity;
use entity::{mission, mission_mandate as mandate};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::post::describe_period;
use super::{validate, write};
use crate::domain::mandates::{self, AttributePatch, Attributes, PlacementError};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// The attributes a mandate row gives.
pub fn attributes_of(m: &mandate::Model) -> Attributes {
    Attributes {
        poc_mandate: m.poc_mandate,
        poc_first_priority: m.poc_first_priority,
        chapter_vii: m.chapter_vii,
        human_rights_mandate: m.human_rights_mandate,
        supports_host_government: m.supports_host_government,
        offensive_operations: m.offensive_operations,
        integrated_presence: m.integrated_presence,
        risk_environment: m.risk_environment,
    }
}

fn set_attributes(row: &mut mandate::ActiveModel, a: Attributes) {
    row.poc_mandate = Set(a.poc_mandate);
    row.poc_first_priority = Set(a.poc_first_priority);
    row.chapter_vii = Set(a.chapter_vii);
    row.human_rights_mandate = Set(a.human_rights_mandate);
    row.supports_host_government = Set(a.supports_host_government);
    row.offensive_operations = Set(a.offensive_operations);
    row.integrated_presence = Set(a.integrated_presence);
    row.risk_environment = Set(a.risk_environment);
}

fn period(m: &mandate::Model) -> Validity {
    Validity::new(m.valid_from, m.valid_to)
}

/// Where a mandate comes from: the Security Council resolution that set it, and a note.
#[derive(Debug, Clone, Default)]
pub struct MandateText {
    pub resolution: Option<String>,
    pub note: Option<String>,
}

impl MandateText {
    /// The text checked and trimmed (`input.resolution`, `input.note`).
    pub fn validated(self) -> AppResult<Self> {
        Ok(Self {
            resolution: validate::resolution("input.resolution", self.resolution)?,
            note: validate::text("input.note", self.note)?,
        })
    }
}

/// A new mandate as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewMandate {
    pub mission_id: Uuid,
    pub valid_from: NaiveDate,
    /// `None`: until the next recorded mandate, or the end of the one it ends.
    pub valid_to: Option<NaiveDate>,
    /// What changes from the mandate in force on `valid_from`; the rest carries over.
    pub changes: AttributePatch,
    pub text: MandateText,
    /// `None`: the mission's own.
    pub sensitivity: Option<Sensitivity>,
}

/// Corrections to a recorded mandate: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct MandatePatch {
    pub changes: AttributePatch,
    pub resolution: Option<Option<String>>,
    pub note: Option<Option<String>>,
    pub sensitivity: Option<Sensitivity>,
}

/// Every mandate of a mission, whoever may see them, oldest first (for the writes, which must
/// keep all of them consistent).
async fn all_of<C: ConnectionTrait>(db: &C, mission_id: Uuid) -> AppResult<Vec<mandate::Model>> {
    let mut rows = mandate::Entity::find()
        .filter(mandate::Column::MissionId.eq(mission_id))
        .all(db)
        .await?;
    rows.sort_by_key(|m| m.valid_from);
    Ok(rows)
}

fn resolution_label(m: &mandate::Model) -> String {
    match &m.resolution {
        Some(r) => format!("{} ({r})", describe_period(m.valid_from, m.valid_to)),
        None => describe_period(m.valid_from, m.valid_to),
    }
}

fn placement_error(err: PlacementError, recorded: &[mandate::Model], from: NaiveDate) -> AppError {
    match err {
        PlacementError::BeforeMission { start } => AppError::invalid(
            "input.validFrom",
            format!("`input.validFrom` ({from}) is before the mission started ({start})"),
        ),
        PlacementError::AfterMission { end } => AppError::invalid(
            "input.validFrom",
            format!("`input.validFrom` ({from}) is not before the mission ended ({end})"),
        ),
        PlacementError::EndsBeforeStart => AppError::invalid(
            "input.validTo",
            format!("`input.validTo` must be after `input.validFrom` ({from})"),
        ),
        PlacementError::EndsAfterMission { end } => AppError::invalid(
            "input.validTo",
            format!("`input.validTo` must not be after the mission ended ({end})"),
        ),
        PlacementError::SameStart { other } => AppError::invalid(
            "input.validFrom",
            format!(
                "a mandate of the mission already starts on {from}: {}; correct it with updateMissionMandate",
                resolution_label(&recorded[other])
            ),
        ),
        PlacementError::Overlaps { other } => AppError::invalid(
            "input.validTo",
            format!(
                "the mandate would overlap the recorded mandate {}: end it on or before {}, or leave `input.validTo` out",
                resolution_label(&recorded[other]),
                recorded[other].valid_from
            ),
        ),
    }
}

/// Records a new mandate of a mission: the mandate in force on its first day ends that day.
pub async fn record(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewMandate,
) -> AppResult<mandate::Model> {
    let text = input.text.clone().validated()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let mission = validate::reference::<mission::Entity, _>(
                tx,
                &viewer,
                "input.missionId",
                input.mission_id,
            )
            .await?;
            let recorded = all_of(tx, mission.id).await?;
            let periods: Vec<Validity> = recorded.iter().map(period).collect();
            let placement = mandates::place(
                Validity::new(mission.valid_from, mission.valid_to),
                &periods,
                input.valid_from,
                input.valid_to,
            )
            .map_err(|e| placement_error(e, &recorded, input.valid_from))?;
            let base = mandates::in_force(&recorded, period, input.valid_from);
            let attributes = input
                .changes
                .apply(base.map(attributes_of).unwrap_or_default());
            if let Some(ended) = placement.ends.map(|i| &recorded[i]) {
                write::update::<mandate::Entity, _, _>(
                    tx,
                    &viewer,
                    "recordMissionMandate",
                    ended.id,
                    ended.version,
                    |_, row| {
                        row.valid_to = Set(Some(input.valid_from));
                        Ok(())
                    },
                )
                .await?;
            }
            let row = new_row(
                mission.id,
                attributes,
                text,
                Validity::new(input.valid_from, placement.to),
                input.sensitivity.unwrap_or(mission.sensitivity),
            );
            write::create::<mandate::Entity, _>(tx, &viewer, "recordMissionMandate", row).await
        })
    })
    .await
}

fn new_row(
    mission_id: Uuid,
    attributes: Attributes,
    text: MandateText,
    period: Validity,
    sensitivity: Sensitivity,
) -> mandate::ActiveModel {
    let (id, now) = write::new_ids();
    let mut row = mandate::ActiveModel {
        id: Set(id),
        mission_id: Set(mission_id),
        resolution: Set(text.resolution),
        note: Set(text.note),
        valid_from: Set(period.from),
        valid_to: Set(period.to),
        sensitivity: Set(sensitivity),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    set_attributes(&mut row, attributes);
    row
}

/// Corrects a recorded mandate at the version the client read (its period stays: a new mandate
/// is recorded with [`record`]).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: MandatePatch,
) -> AppResult<mandate::Model> {
    let resolution = match patch.resolution.clone() {
        Some(r) => Some(validate::resolution("input.resolution", r)?),
        None => None,
    };
    let note = match patch.note.clone() {
        Some(n) => Some(validate::text("input.note", n)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::update::<mandate::Entity, _, _>(
                tx,
                &viewer,
                "updateMissionMandate",
                id,
                version,
                |before, row| {
                    set_attributes(row, patch.changes.apply(attributes_of(before)));
                    write::keep_or_set(&mut row.resolution, resolution);
                    write::keep_or_set(&mut row.note, note);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}

/// The first mandate of a new mission, over its whole period.
pub(crate) async fn create_first<C: ConnectionTrait>(
    tx: &C,
    viewer: &Viewer,
    operation: &str,
    mission: &mission::Model,
    attributes: Attributes,
    text: MandateText,
) -> AppResult<mandate::Model> {
    let row = new_row(
        mission.id,
        attributes,
        text,
        Validity::new(mission.valid_from, mission.valid_to),
        mission.sensitivity,
    );
    write::create::<mandate::Entity, _>(tx, viewer, operation, row).await
}

/// Applies `changes` to the mandate in force on `on` (the latest one when the mission closed
/// before; the first when it starts after); a mission with no mandate gets its first one.
pub(crate) async fn correct_in_force<C: ConnectionTrait>(
    tx: &C,
    viewer: &Viewer,
    operation: &str,
    mission: &mission::Model,
    on: NaiveDate,
    changes: AttributePatch,
) -> AppResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let recorded = all_of(tx, mission.id).await?;
    let Some(current) = mandates::in_force(&recorded, period, on).or(recorded.first()) else {
        let attributes = changes.apply(Attributes::default());
        create_first(
            tx,
            viewer,
            operation,
            mission,
            attributes,
            MandateText::default(),
        )
        .await?;
        return Ok(());
    };
    write::update::<mandate::Entity, _, _>(
        tx,
        viewer,
        operation,
        current.id,
        current.version,
        |before, row| {
            set_attributes(row, changes.apply(attributes_of(before)));
            Ok(())
        },
    )
    .await?;
    Ok(())
}

/// Keeps the mandates inside the mission's period after it changed: the first starts with the
/// mission, the last ends with it. A change that would leave a recorded mandate outside the
/// mission is refused.
pub(crate) async fn follow_period<C: ConnectionTrait>(
    tx: &C,
    viewer: &Viewer,
    operation: &str,
    mission: &mission::Model,
) -> AppResult<()> {
    let recorded = all_of(tx, mission.id).await?;
    let (Some(first), Some(last)) = (recorded.first(), recorded.last()) else {
        return Ok(());
    };
    if let Some(second) = recorded
        .get(1)
        .filter(|m| m.valid_from <= mission.valid_from)
    {
        return Err(AppError::invalid(
            "input.validFrom",
            format!(
                "the mission would start on {}, on or after its mandate {} began: a mission starts with its first mandate",
                mission.valid_from,
                resolution_label(second)
            ),
        ));
    }
    if let Some(end) = mission.valid_to.filter(|end| *end <= last.valid_from) {
        return Err(AppError::invalid(
            "input.validTo",
            format!(
                "the mission would end on {end}, before its mandate {} began",
                resolution_label(last)
            ),
        ));
    }
    let wanted = if first.id == last.id {
        vec![(first, mission.valid_from, mission.valid_to)]
    } else {
        vec![
            (first, mission.valid_from, first.valid_to),
            (last, last.valid_from, mission.valid_to),
        ]
    };
    for (m, from, to) in wanted {
        if (m.valid_from, m.valid_to) == (from, to) {
            continue;
        }
        write::update::<mandate::Entity, _, _>(tx, viewer, operation, m.id, m.version, |_, row| {
            row.valid_from = Set(from);
            row.valid_to = Set(to);
            Ok(())
        })
        .await?;
    }
    Ok(())
}
