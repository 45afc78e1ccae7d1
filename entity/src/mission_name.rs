//! `mission_names`: a former name of a mission (MONUC before MONUSCO), valid over the period it was used.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Sensitivity;

/// A former name of a mission (MONUC before MONUSCO), valid over the period it was used.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mission_names")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub acronym: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    /// First day of validity.
    pub valid_from: Date,
    /// First day the row no longer holds (half-open interval); `None` = still valid.
    pub valid_to: Option<Date>,
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
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
