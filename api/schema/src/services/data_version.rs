//! The version of the map: a number that grows with every committed change to a tracked table
//! (triggers of the `data_version` migration move it), read by the response cache.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::{AppError, AppResult};
use crate::grouped::Grouped;

/// The current version.
pub async fn current<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    read(db, "version").await
}

/// The number of the last committed change of the feed (`changes::number` moves it).
pub async fn last_change<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    read(db, "change_seq").await
}

/// One counter of the single `data_version` row.
async fn read<C: ConnectionTrait>(db: &C, column: &str) -> AppResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT {column} FROM data_version WHERE id = 1"),
        ))
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("data_version has no row")))?;
    Ok(row.try_get::<i64>("", column)?)
}

/// Moves the version forward inside a write transaction. The write services call it first, so
/// concurrent writers queue on this one row in the order they started, before they lock
/// anything else (the triggers move it again on each write, at no further lock).
pub async fn bump<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE data_version SET version = version + 1 WHERE id = 1",
    ))
    .await?;
    Ok(())
}

/// Reads the version for many requests at once: one reader per process answers every request
/// waiting with one statement, then the next group. Each answer comes from a statement that
/// started after the request asked, so no request is told an older version than the one
/// committed when it arrived: sharing the statement costs no freshness, and under load it saves
/// a round trip to the database per request.
#[derive(Debug)]
pub struct VersionReader {
    reader: Grouped<(), i64>,
}

impl VersionReader {
    /// Starts the reader on the current Tokio runtime.
    pub fn start(db: sea_orm::DatabaseConnection) -> std::sync::Arc<Self> {
        let reader = Grouped::start(4_096, move |_: Vec<()>| {
            let db = db.clone();
            async move {
                current(&db)
                    .await
                    .map_err(|err| format!("could not read the version of the map: {err:?}"))
            }
        });
        std::sync::Arc::new(Self { reader })
    }

    /// Requests waiting for a version (queued, or in the statement being read).
    pub fn pending(&self) -> usize {
        self.reader.pending()
    }

    /// The current version, read after this call began.
    pub async fn current(&self) -> AppResult<i64> {
        self.reader
            .submit(())
            .await
            .map_err(|message| AppError::internal(anyhow::anyhow!(message)))
    }
}
