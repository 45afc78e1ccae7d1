//! The version of the map: a number that grows with every committed change to a tracked table
//! (triggers of the `data_version` migration move it), read by the response cache.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::{AppError, AppResult};

/// The current version.
pub async fn current<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM data_version WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("data_version has no row")))?;
    Ok(row.try_get::<i64>("", "version")?)
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

/// Reads the version for many requests at once: requests queue their question, and one reader
/// per process answers everything queued with one statement, then the next queue. Each answer
/// comes from a statement that started after the request asked, so no request is told an
/// older version than the one committed when it arrived: sharing the statement costs no
/// freshness, and under load it saves a round trip to the database per request.
pub struct VersionReader {
    db: sea_orm::DatabaseConnection,
    sender: tokio::sync::mpsc::UnboundedSender<tokio::sync::oneshot::Sender<Result<i64, String>>>,
}

impl std::fmt::Debug for VersionReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VersionReader").finish_non_exhaustive()
    }
}

impl VersionReader {
    /// Starts the reader on the current Tokio runtime. Without a runtime (or once it stops),
    /// each request reads the version itself.
    pub fn start(db: sea_orm::DatabaseConnection) -> std::sync::Arc<Self> {
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<
            tokio::sync::oneshot::Sender<Result<i64, String>>,
        >();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let reader = db.clone();
            runtime.spawn(async move {
                let mut waiting = Vec::new();
                while receiver.recv_many(&mut waiting, 4_096).await > 0 {
                    let version = current(&reader)
                        .await
                        .map_err(|err| format!("could not read the version of the map: {err:?}"));
                    for asker in waiting.drain(..) {
                        let _ = asker.send(version.clone());
                    }
                }
            });
        }
        std::sync::Arc::new(Self { db, sender })
    }

    /// The current version, read after this call began.
    pub async fn current(&self) -> AppResult<i64> {
        let (asker, answer) = tokio::sync::oneshot::channel();
        if self.sender.send(asker).is_err() {
            return current(&self.db).await;
        }
        match answer.await {
            Ok(Ok(version)) => Ok(version),
            Ok(Err(message)) => Err(AppError::internal(anyhow::anyhow!(message))),
            Err(_) => current(&self.db).await,
        }
    }
}
