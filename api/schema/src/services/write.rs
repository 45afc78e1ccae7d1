//! Writes shared by every table: create, versioned update, archive and end, each with its audit
//! entry. Call them inside the mutation's transaction.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, IntoActiveModel,
    QueryFilter, SqlErr, Value,
};
use uuid::Uuid;

use super::access::Viewer;
use super::audit::{self, snapshot, Entry};
use super::record::{Record, RecordModel};
use super::{authorize, crud};
use crate::error::{AppError, AppResult};

/// A fresh id and timestamp for a new row.
pub fn new_ids() -> (Uuid, chrono::DateTime<Utc>) {
    (Uuid::now_v7(), Utc::now())
}

/// Maps a constraint violation the validation did not catch (a race between two writers) to a
/// client error; anything else stays internal.
pub fn constraint_error(err: DbErr, kind: &str) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(format!(
            "another {kind} with the same key was written at the same time; retry"
        )),
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => AppError::Conflict(format!(
            "a record this {kind} refers to changed at the same time; retry"
        )),
        _ => AppError::internal(err),
    }
}

/// The unique key a write sets (a code), so that a record already holding it is the input's
/// fault: the unique constraint answers, with no check before the write to race with.
#[derive(Debug, Clone)]
pub struct UniqueKey {
    /// The input field that sets the key.
    pub field: &'static str,
    pub value: String,
}

/// [`constraint_error`], answering a clash on `key` as the input's fault.
fn keyed_constraint_error(err: DbErr, kind: &str, key: Option<&UniqueKey>) -> AppError {
    match (key, err.sql_err()) {
        (Some(key), Some(SqlErr::UniqueConstraintViolation(_))) => AppError::invalid(
            key.field,
            format!(
                "`{}` {} is already used by another {kind}",
                key.field, key.value
            ),
        ),
        _ => constraint_error(err, kind),
    }
}

/// Inserts a complete new row and logs it as `operation`.
pub async fn create<E, C>(
    db: &C,
    viewer: &Viewer,
    operation: &str,
    row: E::ActiveModel,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    create_keyed::<E, C>(db, viewer, operation, row, None).await
}

/// [`create`] of a row whose unique `key` another record may already hold.
pub async fn create_keyed<E, C>(
    db: &C,
    viewer: &Viewer,
    operation: &str,
    row: E::ActiveModel,
    key: Option<UniqueKey>,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let model = row
        .insert(db)
        .await
        .map_err(|e| keyed_constraint_error(e, &E::KIND.noun(), key.as_ref()))?;
    // Checked on the inserted row (inside the transaction), so the check sees exactly what
    // would be committed; a refusal rolls it back.
    authorize::check_write::<E, C>(db, viewer, &model).await?;
    audit::append(
        db,
        viewer,
        Entry {
            operation,
            kind: Some(E::KIND),
            record_id: Some(model.id()),
            before: None,
            after: Some(snapshot(&model)?),
        },
    )
    .await?;
    Ok(model)
}

/// Loads the visible row `id` and checks the version the client read.
pub async fn load_for_update<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    id: Uuid,
    expected_version: i32,
) -> AppResult<E::Model> {
    let current = crud::get::<E, C>(db, viewer, id).await?;
    if current.version() != expected_version {
        return Err(stale(E::KIND.noun(), expected_version, current.version()));
    }
    Ok(current)
}

fn stale(noun: String, expected: i32, current: i32) -> AppError {
    AppError::Conflict(format!(
        "the {noun} was changed by someone else: you sent version {expected}, the current version is {current}; read it again and retry"
    ))
}

/// Applies `change` to the row `id` if it is still at `expected_version`, bumps the version and
/// logs the before and after as `operation`.
pub async fn update<E, C, F>(
    db: &C,
    viewer: &Viewer,
    operation: &str,
    id: Uuid,
    expected_version: i32,
    change: F,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
    F: FnOnce(&E::Model, &mut E::ActiveModel) -> AppResult<()>,
{
    update_keyed::<E, C, F>(db, viewer, operation, id, expected_version, None, change).await
}

/// [`update`] of a row whose unique `key` (if it changes) another record may already hold.
pub async fn update_keyed<E, C, F>(
    db: &C,
    viewer: &Viewer,
    operation: &str,
    id: Uuid,
    expected_version: i32,
    key: Option<UniqueKey>,
    change: F,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
    F: FnOnce(&E::Model, &mut E::ActiveModel) -> AppResult<()>,
{
    let before = load_for_update::<E, C>(db, viewer, id, expected_version).await?;
    authorize::check_write::<E, C>(db, viewer, &before).await?;
    let mut row: E::ActiveModel = before.clone().into_active_model();
    change(&before, &mut row)?;
    row.set(E::VERSION, Value::Int(Some(expected_version + 1)));
    row.set(E::UPDATED_AT, Utc::now().into());
    // The version in the WHERE clause closes the race between our read and this write.
    let result = E::update_many()
        .set(row)
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(expected_version))
        .exec(db)
        .await
        .map_err(|e| keyed_constraint_error(e, &E::KIND.noun(), key.as_ref()))?;
    if result.rows_affected == 0 {
        let current = crud::get::<E, C>(db, viewer, id).await?;
        return Err(stale(E::KIND.noun(), expected_version, current.version()));
    }
    let after = crud::get::<E, C>(db, viewer, id).await?;
    authorize::check_write::<E, C>(db, viewer, &after).await?;
    audit::append(
        db,
        viewer,
        Entry {
            operation,
            kind: Some(E::KIND),
            record_id: Some(id),
            before: Some(snapshot(&before)?),
            after: Some(snapshot(&after)?),
        },
    )
    .await?;
    Ok(after)
}

/// Archives a core record: it stays, with its history, but leaves default lists.
pub async fn archive<E, C>(
    db: &C,
    viewer: &Viewer,
    id: Uuid,
    expected_version: i32,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let Some(column) = E::ARCHIVED_AT else {
        return Err(AppError::bad_input(format!(
            "a {} is ended, not archived",
            E::KIND.noun()
        )));
    };
    let operation = format!("archive{}", E::KIND.name());
    update::<E, C, _>(
        db,
        viewer,
        &operation,
        id,
        expected_version,
        |before, row| {
            if before_archived::<E>(before) {
                return Err(AppError::invalid(
                    "id",
                    format!("the {} is already archived", E::KIND.noun()),
                ));
            }
            row.set(column, Some(Utc::now()).into());
            Ok(())
        },
    )
    .await
}

fn before_archived<E: Record>(model: &E::Model) -> bool {
    use sea_orm::ModelTrait;
    match E::ARCHIVED_AT {
        Some(column) => !matches!(model.get(column), Value::ChronoDateTimeUtc(None)),
        None => false,
    }
}

/// Ends a relationship on `on` (it no longer holds from that day): sets `valid_to`, deletes
/// nothing. `on` must not be before the start, and an ended relationship stays ended.
pub async fn end<E, C>(
    db: &C,
    viewer: &Viewer,
    operation: &str,
    id: Uuid,
    expected_version: i32,
    on: NaiveDate,
) -> AppResult<E::Model>
where
    E: Record,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let Some((from_col, to_col)) = E::VALIDITY else {
        return Err(AppError::bad_input(format!(
            "a {} has no validity to end",
            E::KIND.noun()
        )));
    };
    update::<E, C, _>(
        db,
        viewer,
        operation,
        id,
        expected_version,
        |before, row| {
            use sea_orm::ModelTrait;
            let from = match before.get(from_col) {
                Value::ChronoDate(Some(d)) => d,
                _ => {
                    return Err(AppError::internal(anyhow::anyhow!(
                        "valid_from is not a date"
                    )))
                }
            };
            if let Value::ChronoDate(Some(to)) = before.get(to_col) {
                if to <= on {
                    return Err(AppError::invalid(
                        "input.on",
                        format!("the {} already ended on {to}", E::KIND.noun()),
                    ));
                }
            }
            if on < from {
                return Err(AppError::invalid(
                    "input.on",
                    format!(
                        "`on` ({on}) must not be before the start of the {} ({from})",
                        E::KIND.noun()
                    ),
                ));
            }
            row.set(to_col, Some(on).into());
            Ok(())
        },
    )
    .await
}

/// The future a transaction body returns.
pub type TxFuture<'c, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = AppResult<T>> + Send + 'c>>;

/// Runs `body` in one transaction: committed if it succeeds, rolled back (nothing written) if
/// it fails at any point.
pub async fn in_transaction<T, F>(db: &sea_orm::DatabaseConnection, body: F) -> AppResult<T>
where
    F: for<'c> FnOnce(&'c sea_orm::DatabaseTransaction) -> TxFuture<'c, T>,
{
    use sea_orm::TransactionTrait;
    let tx = db.begin().await?;
    super::data_version::bump(&tx).await?;
    let out = body(&tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// Sets a column of an update to `value` when the client sent one; `None` keeps the current value.
pub fn keep_or_set<T>(slot: &mut sea_orm::ActiveValue<T>, value: Option<T>)
where
    T: Into<Value>,
{
    if let Some(v) = value {
        *slot = sea_orm::ActiveValue::Set(v);
    }
}
