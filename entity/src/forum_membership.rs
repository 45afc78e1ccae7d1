//! `forum_memberships`: who sits in a forum (exactly one of organisation, component, post) and in which capacity.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::{Capacity, Sensitivity};

/// Who sits in a forum (exactly one of organisation, component, post) and in which capacity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "forum_memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub forum_id: Uuid,
    pub member_organization_id: Option<Uuid>,
    pub member_component_id: Option<Uuid>,
    pub member_post_id: Option<Uuid>,
    pub capacity: Capacity,
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
        belongs_to = "super::forum::Entity",
        from = "Column::ForumId",
        to = "super::forum::Column::Id",
        on_delete = "Restrict"
    )]
    Forum,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::MemberOrganizationId",
        to = "super::organization::Column::Id",
        on_delete = "Restrict"
    )]
    MemberOrganization,
    #[sea_orm(
        belongs_to = "super::component::Entity",
        from = "Column::MemberComponentId",
        to = "super::component::Column::Id",
        on_delete = "Restrict"
    )]
    MemberComponent,
    #[sea_orm(
        belongs_to = "super::post::Entity",
        from = "Column::MemberPostId",
        to = "super::post::Column::Id",
        on_delete = "Restrict"
    )]
    MemberPost,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
