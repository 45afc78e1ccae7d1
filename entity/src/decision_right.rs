//! `decision_rights`: a right over a decision area: holder (exactly one of post, component, organisation, forum) × kind × scope; `mission_id` null = global default.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{RightKind, Sensitivity};

/// A right over a decision area: holder (exactly one of post, component, organisation, forum) × kind × scope; `mission_id` null = global default.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "decision_rights")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub decision_area_id: Uuid,
    pub mission_id: Option<Uuid>,
    pub holder_post_id: Option<Uuid>,
    pub holder_component_id: Option<Uuid>,
    pub holder_organization_id: Option<Uuid>,
    pub holder_forum_id: Option<Uuid>,
    pub kind: RightKind,
    #[sea_orm(column_type = "Text")]
    pub scope: Option<String>,
    pub delegated_from_id: Option<Uuid>,
    pub non_delegable: bool,
    /// Names a decision taken together: rights of one area and mission (or global defaults) with
    /// the same kind, scope and label are one joint decision of their holders.
    pub joint_decision: Option<String>,
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
        belongs_to = "super::decision_area::Entity",
        from = "Column::DecisionAreaId",
        to = "super::decision_area::Column::Id",
        on_delete = "Restrict"
    )]
    DecisionArea,
    #[sea_orm(
        belongs_to = "super::mission::Entity",
        from = "Column::MissionId",
        to = "super::mission::Column::Id",
        on_delete = "Restrict"
    )]
    Mission,
    #[sea_orm(
        belongs_to = "super::post::Entity",
        from = "Column::HolderPostId",
        to = "super::post::Column::Id",
        on_delete = "Restrict"
    )]
    HolderPost,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::HolderComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    HolderComponent,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::HolderOrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    HolderOrganization,
    #[sea_orm(
        belongs_to = "super::forum::Entity",
        from = "Column::HolderForumId",
        to = "super::forum::Column::Id",
        on_delete = "Restrict"
    )]
    HolderForum,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::DelegatedFromId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    DelegatedFrom,
}

impl Related<super::decision_area::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DecisionArea.def()
    }
}

impl Related<super::mission::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Mission.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
