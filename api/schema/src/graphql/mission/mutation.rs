//! Mutations of missions.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};

use super::types::{MandatedTask, Mission, MissionMandate};
use crate::domain::mandates::{AttributePatch, Attributes};
use crate::graphql::common_inputs::{archive, patch, patch_id, ArchiveInput};
use crate::graphql::context::{api, request, viewer};
use crate::graphql::enums::{MandatedTaskCategory, MissionKind, RiskEnvironment, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::mandate;
use crate::services::mission as service;
use crate::services::mission_mandate::{self, MandateText};

/// A new mission. Its mandate attributes (`pocMandate` ... `riskEnvironment`, `resolution`) make
/// its first mandate, over the mission's whole period; later mandates are recorded with
/// `recordMissionMandate`.
#[derive(InputObject)]
pub struct CreateMissionInput {
    /// Acronym: 2 to 32 letters, digits or hyphens, e.g. `MONUSCO`. Unique across current and
    /// former acronyms.
    pub acronym: String,
    /// Full name.
    pub name: String,
    /// Peacekeeping, special political or hybrid.
    pub kind: MissionKind,
    /// ISO 3166-1 alpha-3 code of the host country.
    pub country_code: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
    /// Whether the mandate includes protection of civilians.
    #[graphql(default)]
    pub poc_mandate: bool,
    /// Whether protection of civilians is the first priority.
    #[graphql(default)]
    pub poc_first_priority: bool,
    /// Whether the mandate is under Chapter VII.
    #[graphql(default)]
    pub chapter_vii: bool,
    /// Whether the mandate includes human rights.
    #[graphql(default)]
    pub human_rights_mandate: bool,
    /// Whether the mission is mandated to support the host government.
    #[graphql(default)]
    pub supports_host_government: bool,
    /// Whether the mission conducts offensive operations.
    #[graphql(default)]
    pub offensive_operations: bool,
    /// Whether mission and UN Country Team form an integrated presence.
    #[graphql(default)]
    pub integrated_presence: bool,
    /// The risk of the environment.
    pub risk_environment: Option<RiskEnvironment>,
    /// The Security Council resolution that set the first mandate, e.g. `S/RES/1279 (1999)`.
    pub resolution: Option<String>,
    /// The lead department (an organisation's ID), e.g. DPKO.
    pub lead_department_id: Option<ID>,
    /// First day of the mandate.
    pub valid_from: Date,
    /// Day the mission closed, if it has.
    pub valid_to: Option<Date>,
    /// Who may see the mission (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a mission. Omitted fields keep their value; `null` clears a nullable field.
/// The acronym changes through `renameMission`, which keeps the old one as a former name. The
/// mandate attributes (`pocMandate` ... `riskEnvironment`) correct the mandate in force today
/// (the last one of a closed mission); a new mandate is recorded with `recordMissionMandate`.
/// A new `validFrom` or `validTo` moves the start of the first mandate or the end of the last.
#[derive(InputObject)]
pub struct UpdateMissionInput {
    /// The mission's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Full name.
    pub name: Option<String>,
    /// Kind of mission.
    pub kind: Option<MissionKind>,
    /// Host country (ISO 3166-1 alpha-3).
    pub country_code: MaybeUndefined<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// Corrections to the mandate in force today.
    #[graphql(flatten)]
    pub attributes: MandateAttributesInput,
    /// Lead department (an organisation's ID).
    pub lead_department_id: MaybeUndefined<ID>,
    /// First day of the mandate.
    pub valid_from: Option<Date>,
    /// Day the mission closed.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see the mission.
    pub sensitivity: Option<Sensitivity>,
}

/// Rename a mission on a date (MONUC became MONUSCO on 2010-07-01).
#[derive(InputObject)]
pub struct RenameMissionInput {
    /// The mission's global ID.
    pub id: ID,
    /// The version the client read.
    pub version: i32,
    /// The new acronym.
    pub acronym: String,
    /// The new full name.
    pub name: String,
    /// The first day of the new name.
    pub on: Date,
}

/// A new mandated task.
#[derive(InputObject)]
pub struct CreateMandatedTaskInput {
    /// The mission given the task.
    pub mission_id: ID,
    #[graphql(flatten)]
    pub fields: MandatedTaskFields,
}

/// New values for every field of a mandated task (a task stays with its mission).
#[derive(InputObject)]
pub struct UpdateMandatedTaskInput {
    /// The task's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    #[graphql(flatten)]
    pub fields: MandatedTaskFields,
}

/// The fields of a mandated task.
#[derive(InputObject)]
pub struct MandatedTaskFields {
    /// What kind of task it is.
    pub category: MandatedTaskCategory,
    /// Short title.
    pub title: String,
    /// What the mandate says.
    pub description: Option<String>,
    /// The resolution that gives it, e.g. `S/RES/1925 (2010)`.
    pub resolution: Option<String>,
    /// For protection of civilians: tier 1, 2 or 3.
    pub poc_tier: Option<i32>,
    /// The component leading the task (of the same mission).
    pub lead_component_id: Option<ID>,
    /// First day of the task.
    pub valid_from: Date,
    /// First day the task no longer holds.
    pub valid_to: Option<Date>,
    /// Who may see the task (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl MandatedTaskFields {
    fn fields(self) -> async_graphql::Result<mandate::TaskFields> {
        Ok(mandate::TaskFields {
            category: self.category.into(),
            title: self.title,
            description: self.description,
            resolution: self.resolution,
            poc_tier: self.poc_tier,
            lead_component_id: ids::decode_optional(
                self.lead_component_id.as_ref(),
                NodeKind::Component,
                "input.leadComponentId",
            )?,
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.into(),
        })
    }
}

/// The mandate attributes a new or corrected mandate gives; omitted ones are carried over (from
/// the mandate in force on `validFrom` when recording one, from the mandate itself when
/// correcting it), `null` clears the risk environment.
#[derive(InputObject, Default)]
pub struct MandateAttributesInput {
    /// Whether the mandate includes protection of civilians.
    pub poc_mandate: Option<bool>,
    /// Whether protection of civilians is the first priority.
    pub poc_first_priority: Option<bool>,
    /// Whether the mandate is under Chapter VII.
    pub chapter_vii: Option<bool>,
    /// Whether the mandate includes human rights.
    pub human_rights_mandate: Option<bool>,
    /// Whether the mission is mandated to support the host government.
    pub supports_host_government: Option<bool>,
    /// Whether the mission conducts offensive operations.
    pub offensive_operations: Option<bool>,
    /// Whether mission and UN Country Team form an integrated presence.
    pub integrated_presence: Option<bool>,
    /// The risk of the environment.
    pub risk_environment: MaybeUndefined<RiskEnvironment>,
}

impl MandateAttributesInput {
    fn patch(self) -> AttributePatch {
        AttributePatch {
            poc_mandate: self.poc_mandate,
            poc_first_priority: self.poc_first_priority,
            chapter_vii: self.chapter_vii,
            human_rights_mandate: self.human_rights_mandate,
            supports_host_government: self.supports_host_government,
            offensive_operations: self.offensive_operations,
            integrated_presence: self.integrated_presence,
            risk_environment: patch(self.risk_environment, Into::into),
        }
    }
}

/// A new mandate of a mission (a Security Council resolution that changes what the mission is
/// mandated to do). It starts on `validFrom` and ends the mandate in force that day.
#[derive(InputObject)]
pub struct RecordMissionMandateInput {
    /// The mission's global ID.
    pub mission_id: ID,
    /// The mandate's first day: inside the mission's period, not a day another mandate of the
    /// mission starts on.
    pub valid_from: Date,
    /// The first day it no longer holds; omitted, it runs until the next recorded mandate (or
    /// the end of the one it ends). It must not run into a later recorded mandate.
    pub valid_to: Option<Date>,
    /// What the mandate says; omitted attributes carry over from the mandate in force on
    /// `validFrom`.
    #[graphql(flatten)]
    pub attributes: MandateAttributesInput,
    /// The Security Council resolution, e.g. `S/RES/1906 (2009)` (at most 64 characters).
    pub resolution: Option<String>,
    /// A note on the mandate.
    pub note: Option<String>,
    /// Who may see the mandate (default: the mission's sensitivity). A caller who may not see
    /// the mission sees none of its mandates.
    pub sensitivity: Option<Sensitivity>,
}

/// Corrections to a recorded mandate (its period stays; a new mandate is recorded with
/// `recordMissionMandate`). Omitted fields keep their value; `null` clears a nullable one.
#[derive(InputObject)]
pub struct UpdateMissionMandateInput {
    /// The mandate's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Corrected attributes.
    #[graphql(flatten)]
    pub attributes: MandateAttributesInput,
    /// The Security Council resolution.
    pub resolution: MaybeUndefined<String>,
    /// A note on the mandate.
    pub note: MaybeUndefined<String>,
    /// Who may see the mandate.
    pub sensitivity: Option<Sensitivity>,
}

#[derive(Default)]
pub struct MissionMutation;

#[Object]
impl MissionMutation {
    /// Creates a mission.
    async fn create_mission(
        &self,
        ctx: &Context<'_>,
        input: CreateMissionInput,
    ) -> async_graphql::Result<Mission> {
        let lead = ids::decode_optional(
            input.lead_department_id.as_ref(),
            NodeKind::Organization,
            "input.leadDepartmentId",
        )?;
        let new = service::NewMission {
            acronym: input.acronym,
            name: input.name,
            kind: input.kind.into(),
            country_code: input.country_code,
            description: input.description,
            attributes: Attributes {
                poc_mandate: input.poc_mandate,
                poc_first_priority: input.poc_first_priority,
                chapter_vii: input.chapter_vii,
                human_rights_mandate: input.human_rights_mandate,
                supports_host_government: input.supports_host_government,
                offensive_operations: input.offensive_operations,
                integrated_presence: input.integrated_presence,
                risk_environment: input.risk_environment.map(Into::into),
            },
            mandate: MandateText {
                resolution: input.resolution,
                note: None,
            },
            lead_department_id: lead,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            sensitivity: input.sensitivity.into(),
        };
        Ok(Mission::from(
            service::create(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Updates a mission.
    async fn update_mission(
        &self,
        ctx: &Context<'_>,
        input: UpdateMissionInput,
    ) -> async_graphql::Result<Mission> {
        let id = ids::decode(&input.id, NodeKind::Mission, "input.id")?;
        let changes = service::MissionPatch {
            name: input.name,
            kind: input.kind.map(Into::into),
            country_code: patch(input.country_code, |v| v),
            description: patch(input.description, |v| v),
            attributes: input.attributes.patch(),
            lead_department_id: patch_id(
                input.lead_department_id,
                NodeKind::Organization,
                "input.leadDepartmentId",
            )?,
            valid_from: input.valid_from.map(|d| d.0),
            valid_to: patch(input.valid_to, |d| d.0),
            sensitivity: input.sensitivity.map(Into::into),
        };
        let today = request(ctx)?.today;
        Ok(Mission::from(
            service::update(
                &api(ctx)?.db,
                viewer(ctx)?,
                id,
                input.version,
                changes,
                today,
            )
            .await?,
        ))
    }

    /// Renames a mission on a date, keeping the old acronym and name as a former name, so both
    /// acronyms keep finding it.
    async fn rename_mission(
        &self,
        ctx: &Context<'_>,
        input: RenameMissionInput,
    ) -> async_graphql::Result<Mission> {
        let id = ids::decode(&input.id, NodeKind::Mission, "input.id")?;
        let db = &api(ctx)?.db;
        let renamed = service::rename(
            db,
            viewer(ctx)?,
            id,
            input.version,
            &input.acronym,
            &input.name,
            input.on.0,
        )
        .await?;
        Ok(Mission::from(renamed))
    }

    /// Archives a mission: it keeps its history and structure but leaves default lists.
    async fn archive_mission(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<Mission> {
        Ok(Mission::from(
            archive::<entity::mission::Entity>(ctx, input).await?,
        ))
    }

    /// Records a new mandate of a mission: it starts on `validFrom` and ends the mandate in
    /// force that day (editors of the mission and administrators; FORBIDDEN otherwise). The
    /// mission must exist and be visible, `validFrom` must fall inside its period and on no day
    /// another of its mandates starts, and the new mandate must not run into a later one
    /// (BAD_USER_INPUT naming the field otherwise). Audited as `recordMissionMandate`, with the
    /// mandate it ended.
    async fn record_mission_mandate(
        &self,
        ctx: &Context<'_>,
        input: RecordMissionMandateInput,
    ) -> async_graphql::Result<MissionMandate> {
        let mission = ids::decode(&input.mission_id, NodeKind::Mission, "input.missionId")?;
        let new = mission_mandate::NewMandate {
            mission_id: mission,
            valid_from: input.valid_from.0,
            valid_to: input.valid_to.map(|d| d.0),
            changes: input.attributes.patch(),
            text: MandateText {
                resolution: input.resolution,
                note: input.note,
            },
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(MissionMandate(
            mission_mandate::record(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Corrects a recorded mandate in place (its attributes, resolution, note, sensitivity).
    async fn update_mission_mandate(
        &self,
        ctx: &Context<'_>,
        input: UpdateMissionMandateInput,
    ) -> async_graphql::Result<MissionMandate> {
        let id = ids::decode(&input.id, NodeKind::MissionMandate, "input.id")?;
        let changes = mission_mandate::MandatePatch {
            changes: input.attributes.patch(),
            resolution: patch(input.resolution, |v| v),
            note: patch(input.note, |v| v),
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(MissionMandate(
            mission_mandate::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes)
                .await?,
        ))
    }

    /// Adds a mandated task to a mission.
    async fn create_mandated_task(
        &self,
        ctx: &Context<'_>,
        input: CreateMandatedTaskInput,
    ) -> async_graphql::Result<MandatedTask> {
        let mission = ids::decode(&input.mission_id, NodeKind::Mission, "input.missionId")?;
        let fields = input.fields.fields()?;
        Ok(MandatedTask(
            mandate::create(&api(ctx)?.db, viewer(ctx)?, mission, fields).await?,
        ))
    }

    /// Replaces the fields of a mandated task (its mission stays).
    async fn update_mandated_task(
        &self,
        ctx: &Context<'_>,
        input: UpdateMandatedTaskInput,
    ) -> async_graphql::Result<MandatedTask> {
        let id = ids::decode(&input.id, NodeKind::MandatedTask, "input.id")?;
        let fields = input.fields.fields()?;
        Ok(MandatedTask(
            mandate::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, fields).await?,
        ))
    }

    /// Archives a mandated task.
    async fn archive_mandated_task(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<MandatedTask> {
        Ok(MandatedTask(
            archive::<entity::mandated_task::Entity>(ctx, input).await?,
        ))
    }
}
