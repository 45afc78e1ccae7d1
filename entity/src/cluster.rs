//! `clusters`: a humanitarian cluster, global or field, or a cluster-like working group.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ClusterScope, ClusterSector, Sensitivity};

/// A humanitarian cluster, global or field, or a cluster-like working group.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "clusters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    pub scope: ClusterScope,
    pub sector: ClusterSector,
    pub is_cluster_like: bool,
    pub parent_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub country_code: Option<String>,
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
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(has_many = "super::area_of_responsibility::Entity")]
    AreasOfResponsibility,
    #[sea_orm(has_many = "super::lead_agency::Entity")]
    LeadAgencies,
    #[sea_orm(has_many = "super::forum::Entity")]
    Forums,
}

impl Related<super::area_of_responsibility::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AreasOfResponsibility.def()
    }
}

impl Related<super::lead_agency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAgencies.def()
    }
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forums.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
