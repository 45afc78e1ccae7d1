//! `data_version`: one row whose `version` grows with every committed change to the map.
//!
//! Triggers on every table of the map (the record tables, `entity::registry::TABLES`, when this
//! migration was written: its list is frozen here, as migrations are) add one to it in the writing
//! transaction, whatever writes (a mutation, an import, the seed, an operator's SQL), so the
//! increase becomes visible exactly when the change does. API replicas compare it with the
//! version a cached answer was built on: an answer is served again only while no change has
//! committed since, on whichever replica the change was made. The access tables (tokens, their
//! missions, rate-limit buckets) and the audit log are not tracked: they change on reads, and
//! what they decide is checked on every request before any cached answer is used.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables of the map when this migration was written.
const TRACKED_TABLES: [&str; 21] = [
    "organizations",
    "geographic_areas",
    "missions",
    "mission_names",
    "components",
    "posts",
    "post_hats",
    "persons",
    "assignments",
    "reporting_lines",
    "mandated_tasks",
    "clusters",
    "areas_of_responsibility",
    "lead_agencies",
    "forums",
    "forum_links",
    "forum_memberships",
    "decision_areas",
    "decision_rights",
    "documents",
    "source_citations",
];

const BUMP: &str = "UPDATE data_version SET version = version + 1 WHERE id = 1";

/// The trigger names of `table` on SQLite (one per event: SQLite triggers fire per row and
/// take a single event).
fn sqlite_triggers(table: &str) -> [(String, &'static str); 3] {
    [
        (format!("{table}_data_version_insert"), "INSERT"),
        (format!("{table}_data_version_update"), "UPDATE"),
        (format!("{table}_data_version_delete"), "DELETE"),
    ]
}

/// Adds the triggers that move `data_version` on every change to `table` (a later migration
/// that adds a table to the map calls it too).
pub(crate) async fn track(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        // Once per statement, however many rows it writes.
        return db
            .execute_unprepared(&format!(
                "CREATE TRIGGER {table}_data_version \
                 AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
            ))
            .await
            .map(|_| ());
    }
    for (name, event) in sqlite_triggers(table) {
        db.execute_unprepared(&format!(
            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END"
        ))
        .await?;
    }
    Ok(())
}

/// Drops the triggers [`track`] added to `table`.
pub(crate) async fn untrack(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        return db
            .execute_unprepared(&format!(
                "DROP TRIGGER IF EXISTS {table}_data_version ON {table}"
            ))
            .await
            .map(|_| ());
    }
    for (name, _) in sqlite_triggers(table) {
        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}"))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE data_version (id integer NOT NULL PRIMARY KEY, version bigint NOT NULL, \
             CONSTRAINT \"ck-data_version-one_row\" CHECK (id = 1))",
        )
        .await?;
        db.execute_unprepared("INSERT INTO data_version (id, version) VALUES (1, 0)")
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN {BUMP}; RETURN NULL; END $$"
            ))
            .await?;
        }
        for table in TRACKED_TABLES {
            track(manager, table).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in TRACKED_TABLES {
            untrack(manager, table).await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS bump_data_version()")
                .await?;
        }
        db.execute_unprepared("DROP TABLE IF EXISTS data_version")
            .await?;
        Ok(())
    }
}
