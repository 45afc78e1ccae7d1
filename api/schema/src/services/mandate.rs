//! Mandated tasks: what the Security Council tasked a mission with.

use chrono::NaiveDate;
use entity::{component, enums, mandated_task as task, mission};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::{validate, write};
use crate::error::{AppError, AppResult};

/// A mandated task as submitted (creation and full replacement alike).
#[derive(Debug, Clone)]
pub struct TaskFields {
    pub category: enums::MandatedTaskCategory,
    pub title: String,
    pub description: Option<String>,
    pub resolution: Option<String>,
    pub poc_tier: Option<i32>,
    pub lead_component_id: Option<Uuid>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

struct Clean {
    title: String,
    description: Option<String>,
    resolution: Option<String>,
    poc_tier: Option<i16>,
}

fn clean(fields: &TaskFields) -> AppResult<Clean> {
    let title = validate::name("input.title", &fields.title)?;
    let description = validate::text("input.description", fields.description.clone())?;
    let resolution = validate::resolution("input.resolution", fields.resolution.clone())?;
    let poc_tier = match fields.poc_tier {
        None => None,
        Some(tier @ 1..=3)
            if fields.category == enums::MandatedTaskCategory::ProtectionOfCivilians =>
        {
            Some(tier as i16)
        }
        Some(1..=3) => {
            return Err(AppError::invalid(
                "input.pocTier",
                "`input.pocTier` applies only to PROTECTION_OF_CIVILIANS tasks",
            ))
        }
        Some(other) => {
            return Err(AppError::invalid(
                "input.pocTier",
                format!("`input.pocTier` must be 1, 2 or 3; got {other}"),
            ))
        }
    };
    validate::validity(fields.valid_from, fields.valid_to, "input.validTo")?;
    Ok(Clean {
        title,
        description,
        resolution,
        poc_tier,
    })
}

async fn check_lead<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission_id: Uuid,
    lead: Option<Uuid>,
) -> AppResult<()> {
    let lead = validate::optional_reference::<component::Entity, _>(
        db,
        viewer,
        "input.leadComponentId",
        lead,
    )
    .await?;
    if lead.is_some_and(|c| c.mission_id != mission_id) {
        return Err(AppError::invalid(
            "input.leadComponentId",
            "`input.leadComponentId` must be a component of the task's mission",
        ));
    }
    Ok(())
}

/// Adds a mandated task to a mission.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mission_id: Uuid,
    fields: TaskFields,
) -> AppResult<task::Model> {
    let clean = clean(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::reference::<mission::Entity, _>(tx, &viewer, "input.missionId", mission_id)
                .await?;
            check_lead(tx, &viewer, mission_id, fields.lead_component_id).await?;
            let (id, now) = write::new_ids();
            let row = task::ActiveModel {
                id: Set(id),
                mission_id: Set(mission_id),
                category: Set(fields.category),
                title: Set(clean.title),
                description: Set(clean.description),
                resolution: Set(clean.resolution),
                poc_tier: Set(clean.poc_tier),
                lead_component_id: Set(fields.lead_component_id),
                valid_from: Set(fields.valid_from),
                valid_to: Set(fields.valid_to),
                archived_at: Set(None),
                sensitivity: Set(fields.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<task::Entity, _>(tx, &viewer, "createMandatedTask", row).await
        })
    })
    .await
}

/// Replaces a mandated task's fields at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    fields: TaskFields,
) -> AppResult<task::Model> {
    let clean = clean(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let current =
                write::load_for_update::<task::Entity, _>(tx, &viewer, id, version).await?;
            check_lead(tx, &viewer, current.mission_id, fields.lead_component_id).await?;
            write::update::<task::Entity, _, _>(
                tx,
                &viewer,
                "updateMandatedTask",
                id,
                version,
                |_, row| {
                    row.category = Set(fields.category);
                    row.title = Set(clean.title);
                    row.description = Set(clean.description);
                    row.resolution = Set(clean.resolution);
                    row.poc_tier = Set(clean.poc_tier);
                    row.lead_component_id = Set(fields.lead_component_id);
                    row.valid_from = Set(fields.valid_from);
                    row.valid_to = Set(fields.valid_to);
                    row.sensitivity = Set(fields.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
