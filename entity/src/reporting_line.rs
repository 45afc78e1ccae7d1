//! `reporting_lines`: a typed reporting line from a post or a component to a post or an organisation (exactly one of each pair is set).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{ReportingLineKind, Sensitivity};

/// A typed reporting line from a post or a component to a post or an organisation (exactly one of each pair is set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "reporting_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub from_post_id: Option<Uuid>,
    pub from_component_id: Option<Uuid>,
    pub to_post_id: Option<Uuid>,
    pub to_organization_id: Option<Uuid>,
    pub kind: ReportingLineKind,
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
        belongs_to = "super::post::Entity",
        from = "Column::FromPostId",
        to = "super::post::Column::Id",
        on_delete = "Restrict"
    )]
    FromPost,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::FromComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    FromComponent,
    #[sea_orm(
        belongs_to = "super::post::Entity",
        from = "Column::ToPostId",
        to = "super::post::Column::Id",
        on_delete = "Restrict"
    )]
    ToPost,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::ToOrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    ToOrganization,
}

impl ActiveModelBehavior for ActiveModel {}
