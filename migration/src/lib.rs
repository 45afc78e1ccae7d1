//! Schema migrations of coordmap. The same migrations run on SQLite and PostgreSQL; the tables
//! they create are described in `docs/DATA_MODEL.md`.
//!
//! ```no_run
//! # async fn run(db: &migration::sea_orm::DatabaseConnection) -> Result<(), migration::DbErr> {
//! use migration::{Migrator, MigratorTrait};
//! Migrator::up(db, None).await?;
//! # Ok(())
//! # }
//! ```

pub use sea_orm_migration::prelude::*;

pub mod columns;

mod m20261123_140001_create_organizations_and_geographic_areas;
mod m20261123_140002_create_missions;
mod m20261123_140003_create_mission_structure;
mod m20261123_140004_create_clusters;
mod m20261123_140005_create_forums;
mod m20261123_140006_create_decision_rights;
mod m20261123_140007_create_documents;
mod m20261123_140008_create_audit_log;
mod m20261123_150001_create_access_tables;
mod m20261206_000001_create_data_version;
mod m20261207_044500_drop_rate_limit_buckets;
mod m20261207_131500_create_mission_mandates;
mod m20261207_210000_add_joint_decision_to_decision_rights;
mod m20261207_300000_create_demo_jwt_secret;
mod m20261208_100000_audit_log_names_tables;
mod m20261209_100000_add_change_feed;
mod m20261210_100000_audit_log_names_posts;
mod m20261210_110000_read_log_per_hour;

pub use m20261207_131500_create_mission_mandates::first_mandate_id;

/// Tables an earlier migration created and a later one dropped: present only while the
/// migrations are partly applied.
pub const DROPPED_TABLES: &[&str] = &["rate_limit_buckets"];

/// The tables the migrations leave besides the record tables (which the registry,
/// `entity::registry::TABLES`, names): they are not records, and their changes do not move
/// `data_version` forward (they change when the map is read: the audit log, the access tables;
/// and `data_version` itself). Every record table is tracked: a migration that adds one adds its
/// trigger too (the migration tests check that every record table has one, and the API's tests
/// that the record tables are exactly the registry's).
pub const UNTRACKED_TABLES: &[&str] = &[
    "audit_log",
    "api_tokens",
    "api_token_missions",
    "data_version",
    "demo_jwt_secrets",
];

/// The migrations of coordmap, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_140001_create_organizations_and_geographic_areas::Migration),
            Box::new(m20261123_140002_create_missions::Migration),
            Box::new(m20261123_140003_create_mission_structure::Migration),
            Box::new(m20261123_140004_create_clusters::Migration),
            Box::new(m20261123_140005_create_forums::Migration),
            Box::new(m20261123_140006_create_decision_rights::Migration),
            Box::new(m20261123_140007_create_documents::Migration),
            Box::new(m20261123_140008_create_audit_log::Migration),
            Box::new(m20261123_150001_create_access_tables::Migration),
            Box::new(m20261206_000001_create_data_version::Migration),
            Box::new(m20261207_044500_drop_rate_limit_buckets::Migration),
            Box::new(m20261207_131500_create_mission_mandates::Migration),
            Box::new(m20261207_210000_add_joint_decision_to_decision_rights::Migration),
            Box::new(m20261207_300000_create_demo_jwt_secret::Migration),
            Box::new(m20261208_100000_audit_log_names_tables::Migration),
            Box::new(m20261209_100000_add_change_feed::Migration),
            Box::new(m20261210_100000_audit_log_names_posts::Migration),
            Box::new(m20261210_110000_read_log_per_hour::Migration),
        ]
    }
}
