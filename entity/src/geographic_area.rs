//! `geographic_areas`: a place: country → state/province → sector → locality.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{GeographicLevel, Sensitivity};

/// A place: country → state/province → sector → locality.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "geographic_areas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    pub level: GeographicLevel,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub code: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub country_code: Option<String>,
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
    #[sea_orm(has_many = "super::component::Entity")]
    Components,
    #[sea_orm(has_many = "super::post::Entity")]
    Posts,
    #[sea_orm(has_many = "super::forum::Entity")]
    Forums,
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

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forums.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
