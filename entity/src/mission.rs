//! `missions`: a peacekeeping operation or special political mission.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{MissionKind, Sensitivity};

/// A peacekeeping operation or special political mission: what it is over its whole life. What
/// its mandates change (protection of civilians, Chapter VII, ...) is in `mission_mandates`, its
/// former names in `mission_names`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "missions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub acronym: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    pub kind: MissionKind,
    pub lead_department_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub country_code: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
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
        belongs_to = "super::organization::Entity",
        from = "Column::LeadDepartmentId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    LeadDepartment,
    #[sea_orm(has_many = "super::mission_name::Entity")]
    MissionNames,
    #[sea_orm(has_many = "super::mission_mandate::Entity")]
    MissionMandates,
    #[sea_orm(has_many = "super::component::Entity")]
    Components,
    #[sea_orm(has_many = "super::post::Entity")]
    Posts,
    #[sea_orm(has_many = "super::mandated_task::Entity")]
    MandatedTasks,
    #[sea_orm(has_many = "super::forum::Entity")]
    Forums,
    #[sea_orm(has_many = "super::decision_right::Entity")]
    DecisionRights,
    #[sea_orm(has_many = "super::document::Entity")]
    Documents,
}

impl Related<super::mission_name::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MissionNames.def()
    }
}

impl Related<super::mission_mandate::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MissionMandates.def()
    }
}

impl Related<super::component::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Components.def()
    }
}

impl Related<super::post::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Posts.def()
    }
}

impl Related<super::mandated_task::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MandatedTasks.def()
    }
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forums.def()
    }
}

impl Related<super::decision_right::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DecisionRights.def()
    }
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Documents.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
