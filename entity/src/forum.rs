//! `forums`: a coordination forum.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ForumKind, ForumLevel, Sensitivity};

/// A coordination forum.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "forums")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub acronym: Option<String>,
    pub kind: ForumKind,
    pub level: ForumLevel,
    pub mission_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
    pub geographic_area_id: Option<Uuid>,
    pub established_by_post_id: Option<Uuid>,
    pub established_by_organization_id: Option<Uuid>,
    pub open_to_external: bool,
    pub standing: bool,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub meeting_frequency: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub purpose: Option<String>,
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
        belongs_to = "super::cluster::Entity",
        from = "Column::ClusterId",
        to = "super::cluster::Column::Id",
        on_delete = "Restrict"
    )]
    Cluster,
    #[sea_orm(
        belongs_to = "super::area_of_responsibility::Entity",
        from = "Column::AreaOfResponsibilityId",
        to = "super::area_of_responsibility::Column::Id",
        on_delete = "Restrict"
    )]
    AreaOfResponsibility,
    #[sea_orm(
        belongs_to = "super::geographic_area::Entity",
        from = "Column::GeographicAreaId",
        to = "super::geographic_area::Column::Id",
        on_delete = "Restrict"
    )]
    GeographicArea,
    #[sea_orm(
        belongs_to = "super::post::Entity",
        from = "Column::EstablishedByPostId",
        to = "super::post::Column::Id",
        on_delete = "Restrict"
    )]
    EstablishedByPost,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::EstablishedByOrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    EstablishedByOrganization,
    #[sea_orm(has_many = "super::forum_link::Entity")]
    ForumLinks,
    #[sea_orm(has_many = "super::forum_membership::Entity")]
    ForumMemberships,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl Related<super::cluster::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Cluster.def()
    }
}

impl Related<super::area_of_responsibility::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AreaOfResponsibility.def()
    }
}

impl Related<super::geographic_area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GeographicArea.def()
    }
}

impl Related<super::forum_link::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumLinks.def()
    }
}

impl Related<super::forum_membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumMemberships.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
