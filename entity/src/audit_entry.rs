//! `audit_log`: an entry of the append-only log of every change and every sensitive read.

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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
