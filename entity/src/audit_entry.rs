//! `audit_log`: an entry of the append-only log of every change and every sensitive read (a
//! read's entry counts the reads of its caller, record and hour: its `reads` grows).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An entry of the append-only log of every change and every sensitive read.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub occurred_at: DateTimeUtc,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub actor: String,
    #[sea_orm(column_type = "String(StringLen::N(40))")]
    pub actor_kind: String,
    #[sea_orm(column_type = "String(StringLen::N(40))")]
    pub operation: String,
    /// The table of the record the entry concerns (`areas_of_responsibility`); empty for none.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub record_type: String,
    pub record_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub before: Option<Json>,
    #[sea_orm(column_type = "JsonBinary")]
    pub after: Option<Json>,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub request_id: Option<String>,
    /// The entry's number in the change feed, in commit order; set on changes to records only.
    pub change_seq: Option<i64>,
    /// The mission the change concerns (the record itself, or the mission it names).
    pub mission_id: Option<Uuid>,
    /// The forum the change concerns (the record itself, or the forum it names).
    pub forum_id: Option<Uuid>,
    /// The organisation the change concerns (the record itself, or the organisation it names).
    pub organization_id: Option<Uuid>,
    /// The cluster the change concerns (the record itself, or the cluster it names).
    pub cluster_id: Option<Uuid>,
    /// The post the change's row names (a hat's, an assignment's, a reporting line's), which
    /// places it in the post's mission.
    pub post_id: Option<Uuid>,
    /// The component the change's row names (a lead agency's, a seat's), which places it in the
    /// component's mission.
    pub component_id: Option<Uuid>,
    /// On a `read`: the start of the hour (UTC) whose reads the entry counts; null on other
    /// entries and on reads logged before reads were kept per hour.
    pub read_window: Option<DateTimeUtc>,
    /// On a `read` with a `read_window`: how many answers to the caller held the record in it.
    pub reads: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
