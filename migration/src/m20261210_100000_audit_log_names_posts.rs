//! The change feed's `missions` filter reaches records that name their mission only through a
//! post or a component (a post's hats and assignments, reporting lines, a component leading a
//! cluster): `audit_log.post_id` and `audit_log.component_id` hold the post and the component a
//! change's row names, and the filter matches the posts and components of the missions asked
//! for (docs/ARCHITECTURE.md, "The change feed").
//!
//! `up` adds the columns and fills them for the entries already in the feed (numbered) from the
//! row each one records (`after`, or `before` when the record is gone), with the columns as
//! `changes::subjects` read them when this migration was written, frozen here. `down` drops them.

use sea_orm::{JsonValue, Statement};
use sea_orm_migration::prelude::*;
use uuid::Uuid;

use crate::columns::{add_column, drop_column};
use crate::m20261123_140008_create_audit_log::AuditLog;

#[derive(DeriveIden)]
enum Added {
    PostId,
    ComponentId,
}

/// The columns naming a post, then a component, in the order the first one set is taken.
const POST_COLUMNS: [&str; 6] = [
    "post_id",
    "holder_post_id",
    "member_post_id",
    "established_by_post_id",
    "from_post_id",
    "to_post_id",
];
const COMPONENT_COLUMNS: [&str; 7] = [
    "component_id",
    "holder_component_id",
    "member_component_id",
    "from_component_id",
    "counterpart_component_id",
    "lead_component_id",
    "drafted_by_component_id",
];

/// Entries read and written back per statement.
const BATCH: u64 = 500;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn first_set(snapshot: Option<&JsonValue>, columns: &[&str]) -> Option<Uuid> {
    columns.iter().find_map(|column| {
        snapshot
            .and_then(|s| s.get(*column))
            .and_then(JsonValue::as_str)
            .and_then(|s| Uuid::parse_str(s).ok())
    })
}

/// Fills `post_id` and `component_id` of the numbered entries, in batches by number.
async fn backfill(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let mut from = 0i64;
    loop {
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT id, change_seq, before, after FROM audit_log \
                     WHERE change_seq > {from} ORDER BY change_seq LIMIT {BATCH}"
                ),
            ))
            .await?;
        let count = rows.len() as u64;
        for row in rows {
            from = row.try_get("", "change_seq")?;
            let before: Option<JsonValue> = row.try_get("", "before")?;
            let after: Option<JsonValue> = row.try_get("", "after")?;
            let snapshot = after.as_ref().or(before.as_ref());
            let post = first_set(snapshot, &POST_COLUMNS);
            let component = first_set(snapshot, &COMPONENT_COLUMNS);
            if post.is_none() && component.is_none() {
                continue;
            }
            manager
                .exec_stmt(
                    Query::update()
                        .table(AuditLog::Table)
                        .value(Added::PostId, post)
                        .value(Added::ComponentId, component)
                        .and_where(Expr::col(Alias::new("change_seq")).eq(from))
                        .to_owned(),
                )
                .await?;
        }
        if count < BATCH {
            return Ok(());
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Added::PostId, Added::ComponentId] {
            add_column(
                manager,
                AuditLog::Table,
                ColumnDef::new(column).uuid().null().to_owned(),
            )
            .await?;
        }
        backfill(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Added::PostId, Added::ComponentId] {
            drop_column(manager, AuditLog::Table, column).await?;
        }
        Ok(())
    }
}
