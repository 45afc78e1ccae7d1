//! Connecting to the database and applying migrations.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

use crate::config::{redact_url, DatabaseSettings};
use crate::startup_error::StartupError;

const URL_SETTING: &str = "database URL (--database-url / COORDMAP_DATABASE_URL)";

/// Which engine a URL selects, refusing anything else with a clear message.
pub fn backend_of(url: &str) -> Result<DbBackend, StartupError> {
    if url.starts_with("sqlite:") {
        Ok(DbBackend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(DbBackend::Postgres)
    } else {
        Err(StartupError::setting(
            URL_SETTING,
            format!(
                "`{}` is not supported; use sqlite://FILE?mode=rwc or postgres://USER@HOST:PORT/DB",
                redact_url(url)
            ),
        ))
    }
}

/// Opens a connection pool, whose statements are counted at `/metrics`.
pub async fn connect(settings: &DatabaseSettings) -> Result<DatabaseConnection, StartupError> {
    let url = settings.url.expose();
    let backend = backend_of(url)?;
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // A statement's span says its kind, not its text: a long `IN (...)` list would cost a
        // copy per statement, sampled or not.
        .record_stmt_in_spans(false);
    if backend == DbBackend::Sqlite {
        // WAL lets readers proceed while one writer commits; the busy timeout makes a second
        // writer wait instead of failing at once.
        options.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    }
    let mut db = Database::connect(options).await.map_err(|err| {
        StartupError::setting(
            URL_SETTING,
            format!(
                "cannot connect to {}: {}",
                redact_url(url),
                one_line(&err.to_string())
            ),
        )
    })?;
    // Every statement is counted by kind with its latency (`coordmap_db_statements_total`).
    db.set_metric_callback(|info| crate::metrics::statement(&info.statement.sql, info.elapsed));
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), StartupError> {
    Migrator::up(db, None).await.map_err(|err| {
        StartupError::Other(format!(
            "applying migrations failed: {}",
            one_line(&err.to_string())
        ))
    })
}

/// Whether every migration has been applied.
pub async fn is_migrated(db: &DatabaseConnection) -> bool {
    matches!(Migrator::get_pending_migrations(db).await, Ok(pending) if pending.is_empty())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
