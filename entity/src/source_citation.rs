//! `source_citations`: a document and paragraph that states a record (`record_type` is the record's kind, as its GraphQL type is named, e.g. `Mission`; `record_id` its id).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::Sensitivity;

/// A document and paragraph that states a record (`record_type` is the record's kind, as its GraphQL type is named, e.g. `Mission`; `record_id` its id).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "source_citations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub record_type: String,
    pub record_id: Uuid,
    pub document_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub locator: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub quote: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
    pub illustrative: bool,
    pub sensitivity: Sensitivity,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Starts at 1, incremented by every update (optimistic concurrency).
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::document::Entity",
        from = "Column::DocumentId",
        to = "super::document::Column::Id",
        on_delete = "Restrict"
    )]
    Document,
}

impl Related<super::document::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Document.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
