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

/// Applies every pending migration, holding the setup lock ([`exclusively`]).
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), StartupError> {
    exclusively(db, async || apply_migrations(db).await).await
}

/// Applies every pending migration. Only inside [`exclusively`]: two processes applying the
/// same migration at once would both try to create its tables.
///
/// A database that a newer release has migrated further holds migrations this program does
/// not know. It serves on it unchanged (docs/OPERATIONS.md: a release's migrations only
/// expand what the release before it uses), so a replica of the old release that restarts
/// during a rolling upgrade starts again instead of refusing the database.
pub async fn apply_migrations(db: &DatabaseConnection) -> Result<(), StartupError> {
    let failed = |err: sea_orm::DbErr| {
        StartupError::Other(format!(
            "applying migrations failed: {}",
            one_line(&err.to_string())
        ))
    };
    let status = migration_status(db).await.map_err(failed)?;
    match (status.pending.is_empty(), status.newer.is_empty()) {
        (true, true) => Ok(()),
        (true, false) => {
            tracing::info!(
                newer = %status.newer.join(", "),
                "the database holds migrations of a newer release; serving on it as it is"
            );
            Ok(())
        }
        (false, true) => Migrator::up(db, None).await.map_err(failed),
        (false, false) => Err(StartupError::Other(format!(
            "the database holds migrations this program does not know ({}) but lacks some of \
             its own ({}): run the newer release, or restore a backup taken before it",
            status.newer.join(", "),
            status.pending.join(", ")
        ))),
    }
}

/// Where a database stands against the migrations this program knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationStatus {
    /// Known and applied, in order.
    pub applied: Vec<String>,
    /// Known and not applied, in order.
    pub pending: Vec<String>,
    /// Applied but unknown to this program: a newer release applied them.
    pub newer: Vec<String>,
}

/// Reads which migrations the database records (none before the first one ran).
pub async fn migration_status(db: &DatabaseConnection) -> Result<MigrationStatus, sea_orm::DbErr> {
    use migration::SchemaManager;
    use sea_orm::ConnectionTrait;
    let table = Migrator::migration_table_name().to_string();
    let recorded: std::collections::BTreeSet<String> =
        if SchemaManager::new(db).has_table(&table).await? {
            let select = migration::Query::select()
                .column(migration::Alias::new("version"))
                .from(migration::Alias::new(&table))
                .to_owned();
            db.query_all(&select)
                .await?
                .into_iter()
                .map(|row| row.try_get::<String>("", "version"))
                .collect::<Result<_, _>>()?
        } else {
            Default::default()
        };
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let (applied, pending) = known.iter().cloned().partition(|m| recorded.contains(m));
    let newer = recorded
        .into_iter()
        .filter(|m| !known.contains(m))
        .collect();
    Ok(MigrationStatus {
        applied,
        pending,
        newer,
    })
}

/// The key of the PostgreSQL advisory lock that [`exclusively`] holds: "coordmap" in ASCII.
/// Advisory locks belong to one database, so databases of one server do not wait on each other.
pub const SETUP_LOCK_KEY: i64 = 0x636f_6f72_646d_6170;

/// Runs `work` (migrating, loading a dataset) while no other process does the same on this
/// database, so processes started at once (replicas, `serve --demo` beside `seed --demo`) apply
/// each migration and load each dataset once: the first to take the lock does the work, the
/// others wait, then find nothing left to do.
///
/// - PostgreSQL: the session-level advisory lock [`SETUP_LOCK_KEY`], taken on one connection
///   detached from the pool and held until `work` ends; the work itself runs on the pool. A
///   process that dies holding it closes that connection, which releases it.
/// - SQLite: an exclusive lock (`flock`) on the file `DATABASE.setup-lock` beside the database
///   file, released when `work` ends or the process dies. Not on the database file itself: closing
///   any descriptor of that file drops the POSIX locks SQLite holds on it in this process. An
///   in-memory database belongs to one process and takes no lock.
///
/// The lock is not reentrant: `work` must not call a function that takes it ([`migrate_up`]);
/// it calls [`apply_migrations`] instead.
pub async fn exclusively<T, E>(
    db: &DatabaseConnection,
    work: impl AsyncFnOnce() -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StartupError>,
{
    let lock = SetupLock::acquire(db).await?;
    let outcome = work().await;
    let released = lock.release().await;
    let value = outcome?;
    released?;
    Ok(value)
}

/// What [`exclusively`] holds while its work runs.
enum SetupLock {
    Postgres(sea_orm::sqlx::PgConnection),
    Sqlite(std::fs::File),
    /// An in-memory SQLite database: no other process can open it.
    Private,
}

fn lock_failed(what: &str, err: impl std::fmt::Display) -> StartupError {
    StartupError::Other(format!(
        "cannot {what} the database's setup lock: {}",
        one_line(&err.to_string())
    ))
}

const WAITING: &str = "another process is migrating or loading data into this database; waiting \
                       for it to finish";

impl SetupLock {
    async fn acquire(db: &DatabaseConnection) -> Result<Self, StartupError> {
        match db.get_database_backend() {
            DbBackend::Postgres => Self::postgres(db).await,
            _ => Self::sqlite(db).await,
        }
    }

    async fn postgres(db: &DatabaseConnection) -> Result<Self, StartupError> {
        use sea_orm::sqlx;
        let mut conn = db
            .get_postgres_connection_pool()
            .acquire()
            .await
            .map_err(|err| lock_failed("take", err))?
            // Out of the pool: the lock lives as long as this session, which nothing else uses.
            .detach();
        let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(SETUP_LOCK_KEY)
            .fetch_one(&mut conn)
            .await
            .map_err(|err| lock_failed("take", err))?;
        if !taken {
            tracing::info!("{WAITING}");
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(SETUP_LOCK_KEY)
                .execute(&mut conn)
                .await
                .map_err(|err| lock_failed("take", err))?;
        }
        Ok(Self::Postgres(conn))
    }

    async fn sqlite(db: &DatabaseConnection) -> Result<Self, StartupError> {
        use sea_orm::ConnectionTrait;
        // The path SQLite opened (absolute); empty for an in-memory database.
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                DbBackend::Sqlite,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            ))
            .await
            .map_err(|err| lock_failed("find", err))?;
        let file: String = match row {
            Some(row) => row
                .try_get("", "file")
                .map_err(|err| lock_failed("find", err))?,
            None => String::new(),
        };
        if file.is_empty() {
            return Ok(Self::Private);
        }
        let path = format!("{file}.setup-lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|err| lock_failed(&format!("open {path} for"), err))?;
        match lock.try_lock() {
            Ok(()) => Ok(Self::Sqlite(lock)),
            Err(std::fs::TryLockError::WouldBlock) => {
                tracing::info!("{WAITING}");
                tokio::task::spawn_blocking(move || lock.lock().map(|()| lock))
                    .await
                    .map_err(|err| lock_failed("take", err))?
                    .map(Self::Sqlite)
                    .map_err(|err| lock_failed("take", err))
            }
            Err(std::fs::TryLockError::Error(err)) => Err(lock_failed("take", err)),
        }
    }

    async fn release(self) -> Result<(), StartupError> {
        match self {
            Self::Postgres(mut conn) => {
                use sea_orm::sqlx::{self, Connection as _};
                sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(SETUP_LOCK_KEY)
                    .execute(&mut conn)
                    .await
                    .map_err(|err| lock_failed("release", err))?;
                // Closing the session would release it too; this says goodbye to the server.
                conn.close()
                    .await
                    .map_err(|err| lock_failed("release", err))
            }
            Self::Sqlite(file) => file.unlock().map_err(|err| lock_failed("release", err)),
            Self::Private => Ok(()),
        }
    }
}

/// Whether every migration this program knows has been applied (migrations of a newer release
/// may be there too: see [`apply_migrations`]).
pub async fn is_migrated(db: &DatabaseConnection) -> bool {
    matches!(migration_status(db).await, Ok(status) if status.pending.is_empty())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
