//! `components`: an organisational unit of a mission, nested (division → section → unit).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ComponentKind, ComponentSpecialty, Sensitivity, StructureLevel};

/// An organisational unit of a mission, nested (division → section → unit).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "components")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Uuid,
    pub parent_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub acronym: Option<String>,
    pub kind: ComponentKind,
    pub specialty: Option<ComponentSpecialty>,
    pub level: StructureLevel,
    pub geographic_area_id: Option<Uuid>,
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
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(
        belongs_to = "super::geographic_area::Entity",
        from = "Column::GeographicAreaId",
        to = "super::geographic_area::Column::Id",
        on_delete = "Restrict"
    )]
    GeographicArea,
    #[sea_orm(has_many = "super::post::Entity")]
    Posts,
    #[sea_orm(has_many = "super::lead_agency::Entity")]
    LeadAgencies,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl Related<super::geographic_area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GeographicArea.def()
    }
}

impl Related<super::post::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Posts.def()
    }
}

impl Related<super::lead_agency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAgencies.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
