//! `decision_areas`: what is decided (`USE_OF_FORCE`, `POC_STRATEGY`, ...); rows, so users can add areas.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Sensitivity;

/// What is decided (`USE_OF_FORCE`, `POC_STRATEGY`, ...); rows, so users can add areas.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "decision_areas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
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
    #[sea_orm(has_many = "super::decision_right::Entity")]
    DecisionRights,
}

impl Related<super::decision_right::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DecisionRights.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
