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
