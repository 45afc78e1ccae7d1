//! The change feed: committed changes to the map numbered in commit order.
//!
//! - `data_version.change_seq`: the last number given to a change. A write takes it with
//!   `UPDATE data_version SET change_seq = change_seq + n … RETURNING change_seq`, which locks the
//!   one row until the write's transaction ends, so a transaction that numbers its changes later
//!   also commits later: a reader that has seen number `n` can never later see a smaller one
//!   appear (docs/ARCHITECTURE.md, "The change feed").
//! - `audit_log.change_seq`: the entry's number in the feed, set on entries that record a change
//!   to a record (null on reads, denials and token entries), unique.
//! - `audit_log.mission_id`, `forum_id`, `organization_id`, `cluster_id`: the records a change
//!   concerns (the record itself or the ones it names), for the feed's filters.
//!
//! Entries written before this migration are not numbered: the feed starts here. `down` drops
//! the columns and the index again.

use sea_orm_migration::prelude::*;

use crate::columns::{add_column as add, drop_column as drop};
use crate::m20261123_140008_create_audit_log::AuditLog;

#[derive(DeriveIden)]
enum DataVersion {
    Table,
}

#[derive(DeriveIden)]
enum Added {
    ChangeSeq,
    MissionId,
    ForumId,
    OrganizationId,
    ClusterId,
}

const INDEX: &str = "ux-audit_log-change_seq";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(
            manager,
            DataVersion::Table,
            ColumnDef::new(Added::ChangeSeq)
                .big_integer()
                .not_null()
                .default(0)
                .to_owned(),
        )
        .await?;
        add(
            manager,
            AuditLog::Table,
            ColumnDef::new(Added::ChangeSeq)
                .big_integer()
                .null()
                .to_owned(),
        )
        .await?;
        for column in [
            Added::MissionId,
            Added::ForumId,
            Added::OrganizationId,
            Added::ClusterId,
        ] {
            add(
                manager,
                AuditLog::Table,
                ColumnDef::new(column).uuid().null().to_owned(),
            )
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(AuditLog::Table)
                    .col(Added::ChangeSeq)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(AuditLog::Table).to_owned())
            .await?;
        for column in [
            Added::ChangeSeq,
            Added::MissionId,
            Added::ForumId,
            Added::OrganizationId,
            Added::ClusterId,
        ] {
            drop(manager, AuditLog::Table, column).await?;
        }
        drop(manager, DataVersion::Table, Added::ChangeSeq).await
    }
}
