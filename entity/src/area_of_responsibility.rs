//! `areas_of_responsibility`: a thematic sub-cluster of a Protection Cluster (CP, GBV, Mine Action, HLP).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{AorTheme, Sensitivity};

/// A thematic sub-cluster of a Protection Cluster (CP, GBV, Mine Action, HLP).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "areas_of_responsibility")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub cluster_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    pub theme: AorTheme,
    pub counterpart_component_id: Option<Uuid>,
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
        belongs_to = "super::cluster::Entity",
        from = "Column::ClusterId",
        to = "super::cluster::Column::Id",
        on_delete = "Restrict"
    )]
    Cluster,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::CounterpartComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    CounterpartComponent,
    #[sea_orm(has_many = "super::lead_agency::Entity")]
    LeadAgencies,
    #[sea_orm(has_many = "super::forum::Entity")]
    Forums,
}

impl Related<super::cluster::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Cluster.def()
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
