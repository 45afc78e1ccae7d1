//! `audit_log`: the append-only log of every change and every sensitive read. It is not a record
//! itself, so it has none of the common columns.

use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, enumeration, json, name, short, TableDef};
use crate::idens;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    OccurredAt,
    Actor,
    ActorKind,
    Operation,
    RecordType,
    RecordId,
    Before,
    After,
    RequestId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(AuditLog::Table)
            .without_common_columns()
            .col(
                ColumnDef::new(AuditLog::OccurredAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(name(AuditLog::Actor))
            .col(enumeration(AuditLog::ActorKind))
            .col(enumeration(AuditLog::Operation))
            .col(short(AuditLog::RecordType, 64).not_null())
            .col(ColumnDef::new(AuditLog::RecordId).uuid().null())
            .col(json(AuditLog::Before))
            .col(json(AuditLog::After))
            .col(short(AuditLog::RequestId, 64))
            .index("record", idens![AuditLog::RecordId, AuditLog::OccurredAt])
            .index("occurred_at", idens![AuditLog::OccurredAt])
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![AuditLog::Table.into_iden()]).await
    }
}
