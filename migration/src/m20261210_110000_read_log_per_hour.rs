//! The log of confidential reads kept per caller, record and hour.
//!
//! - `audit_log.read_window`: on a `read` entry, the start of the hour (UTC) it counts the reads
//!   of; null on every other entry, and on reads logged before this migration.
//! - `audit_log.reads`: on such an entry, how many answers to the caller held the record in that
//!   hour; the writer adds to it (`INSERT … ON CONFLICT … DO UPDATE SET reads = reads + …`).
//! - `ux-audit_log-read`: one entry per caller (`actor`, `actor_kind`), record and hour. Entries
//!   without a window (every entry but the new reads) never collide: NULLs are distinct in a
//!   unique index on SQLite and PostgreSQL alike.
//!
//! Reads logged before this migration keep their count in `after.reads` (absent for one) and are
//! read as before. `down` drops the index and the columns again.

use sea_orm_migration::prelude::*;

use crate::columns::{add_column, drop_column};
use crate::m20261123_140008_create_audit_log::AuditLog;

#[derive(DeriveIden)]
enum Added {
    ReadWindow,
    Reads,
}

const INDEX: &str = "ux-audit_log-read";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_column(
            manager,
            AuditLog::Table,
            ColumnDef::new(Added::ReadWindow)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        )
        .await?;
        add_column(
            manager,
            AuditLog::Table,
            ColumnDef::new(Added::Reads).big_integer().null().to_owned(),
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(AuditLog::Table)
                    .col(AuditLog::Actor)
                    .col(AuditLog::ActorKind)
                    .col(AuditLog::RecordType)
                    .col(AuditLog::RecordId)
                    .col(Added::ReadWindow)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(AuditLog::Table).to_owned())
            .await?;
        drop_column(manager, AuditLog::Table, Added::ReadWindow).await?;
        drop_column(manager, AuditLog::Table, Added::Reads).await
    }
}
