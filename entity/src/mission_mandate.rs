//! `mission_mandates`: the attributes a mission's mandate gives it over one period (protection of
//! civilians, Chapter VII, ...), with the resolution that set them.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{RiskEnvironment, Sensitivity};

/// The attributes a mission's mandate gives it over one period. A mission's mandates do not
/// overlap: each new one ends the one before.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mission_mandates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Uuid,
    pub poc_mandate: bool,
    pub poc_first_priority: bool,
    pub chapter_vii: bool,
    pub human_rights_mandate: bool,
    pub supports_host_government: bool,
    pub offensive_operations: bool,
    pub integrated_presence: bool,
    pub risk_environment: Option<RiskEnvironment>,
    /// The Security Council resolution that set the mandate, e.g. `S/RES/1906 (2009)`.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub resolution: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
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
