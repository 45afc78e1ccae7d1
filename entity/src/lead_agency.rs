//! `lead_agencies`: who leads or co-leads a cluster or an AoR (exactly one of each pair is set).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{LeadRole, Sensitivity};

/// Who leads or co-leads a cluster or an AoR (exactly one of each pair is set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "lead_agencies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub component_id: Option<Uuid>,
    pub role: LeadRole,
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

impl ActiveModelBehavior for ActiveModel {}
