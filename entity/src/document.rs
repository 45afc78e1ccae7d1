//! `documents`: a POC strategy, ISF, CONOPS, ROE, protocol, or a source document.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{DocumentCoverage, DocumentKind, Sensitivity};

/// A POC strategy, ISF, CONOPS, ROE, protocol, or a source document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub mission_id: Option<Uuid>,
    pub kind: DocumentKind,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub title: String,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub symbol: Option<String>,
    pub issued_on: Option<Date>,
    pub coverage: Option<DocumentCoverage>,
    pub drafted_by_component_id: Option<Uuid>,
    pub drafted_by_organization_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub url: Option<String>,
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
        belongs_to = "super::component::Entity",
        from = "Column::DraftedByComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    DraftedByComponent,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::DraftedByOrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    DraftedByOrganization,
    #[sea_orm(has_many = "super::source_citation::Entity")]
    SourceCitations,
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl Related<super::source_citation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SourceCitations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
