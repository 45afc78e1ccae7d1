//! `posts`: a position people hold, inside a mission or in an organisation (at least one of the two is set).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Sensitivity;

/// A position people hold, inside a mission or in an organisation (at least one of the two is set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub component_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: String,
    pub is_component_head: bool,
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
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    Organization,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::ComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    Component,
    #[sea_orm(
        belongs_to = "super::geographic_area::Entity",
        from = "Column::GeographicAreaId",
        to = "super::geographic_area::Column::Id",
        on_delete = "Restrict"
    )]
    GeographicArea,
    #[sea_orm(has_many = "super::post_hat::Entity")]
    PostHats,
    #[sea_orm(has_many = "super::assignment::Entity")]
    Assignments,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<super::component::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Component.def()
    }
}

impl Related<super::geographic_area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GeographicArea.def()
    }
}

impl Related<super::post_hat::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PostHats.def()
    }
}

impl Related<super::assignment::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Assignments.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
