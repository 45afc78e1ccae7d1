//! `mandated_tasks`: a task the Security Council gave a mission.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{MandatedTaskCategory, Sensitivity};

/// A task the Security Council gave a mission.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mandated_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Uuid,
    pub category: MandatedTaskCategory,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub resolution: Option<String>,
    pub poc_tier: Option<i16>,
    pub lead_component_id: Option<Uuid>,
    /// First day of validity.
    pub valid_from: Date,
    /// First day the row no longer holds (half-open interval); `None` = still valid.
    pub valid_to: Option<Date>,
    /// Set when archived (core records are archived, never deleted).
    pub archived_at: Option<DateTimeUtc>,
    pub sensitivity: Sensitivity,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Starts at 1, incremented by every update (optimistic concurrency).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::mission::Entity",
        from = "Column::MissionId",
        to = "super::mission::Column::Id",
        on_delete = "Restrict"
    )]
    Mission,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::LeadComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    LeadComponent,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
