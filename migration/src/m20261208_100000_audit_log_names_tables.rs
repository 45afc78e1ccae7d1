//! The audit log names the table of the record an entry concerns (`record_type` =
//! `areas_of_responsibility`), no longer its GraphQL type (`AreaOfResponsibility`): the log is
//! the store's, and the API maps a table to its type where it shows an entry. `up` rewrites the
//! existing entries; `down` gives them their type names back. Entries about no record (an empty
//! `record_type`) and any other value are left as they are.
//!
//! The pairs are those of the record tables when this migration was written, frozen here as
//! migrations are (the registry, `entity::registry`, may grow; this rewrite may not).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(GraphQL type, table)` of every kind of record when this migration was written.
const TYPES_AND_TABLES: [(&str, &str); 22] = [
    ("Organization", "organizations"),
    ("GeographicArea", "geographic_areas"),
    ("Mission", "missions"),
    ("MissionName", "mission_names"),
    ("MissionMandate", "mission_mandates"),
    ("Component", "components"),
    ("Post", "posts"),
    ("PostHat", "post_hats"),
    ("Person", "persons"),
    ("Assignment", "assignments"),
    ("ReportingLine", "reporting_lines"),
    ("MandatedTask", "mandated_tasks"),
    ("Cluster", "clusters"),
    ("AreaOfResponsibility", "areas_of_responsibility"),
    ("LeadAgency", "lead_agencies"),
    ("Forum", "forums"),
    ("ForumLink", "forum_links"),
    ("ForumMembership", "forum_memberships"),
    ("DecisionArea", "decision_areas"),
    ("DecisionRight", "decision_rights"),
    ("Document", "documents"),
    ("SourceCitation", "source_citations"),
];

/// One statement rewriting every `record_type` found among `pairs` as `(from, to)`: a single pass
/// over the log whatever its size, the same SQL on SQLite and PostgreSQL.
fn rewrite(pairs: impl Iterator<Item = (&'static str, &'static str)>) -> String {
    let mut cases = String::new();
    let mut from_values = Vec::new();
    for (from, to) in pairs {
        cases.push_str(&format!(" WHEN '{from}' THEN '{to}'"));
        from_values.push(format!("'{from}'"));
    }
    format!(
        "UPDATE audit_log SET record_type = CASE record_type{cases} ELSE record_type END \
         WHERE record_type IN ({})",
        from_values.join(", ")
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = rewrite(TYPES_AND_TABLES.into_iter());
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = rewrite(TYPES_AND_TABLES.into_iter().map(|(ty, table)| (table, ty)));
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }
}
