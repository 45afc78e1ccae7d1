//! `organizations`: an actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, an armed group, the Security Council.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{OrganizationKind, Sensitivity};

/// An actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, an armed group, the Security Council.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    pub kind: OrganizationKind,
    pub parent_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub country_code: Option<String>,
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
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(has_many = "super::post::Entity")]
    Posts,
    #[sea_orm(has_many = "super::person::Entity")]
    Persons,
    #[sea_orm(has_many = "super::lead_agency::Entity")]
    LeadAgencies,
}

impl Related<super::post::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Posts.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Persons.def()
    }
}

impl Related<super::lead_agency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadAgencies.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
