//! The database side of the transfer formats, written once for every table: rows in and out as
//! [`Row`]s, looked up by id or by a column, inserted in batches, updated, and read through the
//! caller's visibility. [`dispatch!`] picks the entity of a table by its name.

use std::collections::HashSet;

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;
use uuid::Uuid;

use super::rows::Row;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::authorize;
use crate::services::crud::{self, ListScope};
use crate::services::record::Record;

/// Runs `$body` with `$E` bound to the entity of the table named `$table`; an unknown name is
/// an internal error (every name comes from [`super::tables::TABLES`]). The tables are the
/// registry's ([`entity::for_each_record!`]), which calls back the second rule.
macro_rules! dispatch {
    ((@tables ($table:expr) $E:ident ($body:expr))
        $($module:ident $kind:ident $name:ident { $($column:tt)* })*) => {{
        let table: &str = $table;
        $(if table == stringify!($name) {
            type $E = entity::$module::Entity;
            $body
        } else)* {
            Err($crate::error::AppError::internal(anyhow::anyhow!(
                "no entity for the table {table}"
            )))
        }
    }};
    ($table:expr, $E:ident => $body:expr) => {
        entity::for_each_record!(dispatch(@tables ($table) $E ($body)))
    };
}
pub(crate) use dispatch;

/// What the generic functions below need of an entity.
pub trait Stored:
    Record<
    Model: serde::de::DeserializeOwned,
    ActiveModel: ActiveModelTrait<Entity = Self> + ActiveModelBehavior + Send,
>
{
}

impl<E> Stored for E
where
    E: Record,
    E::Model: serde::de::DeserializeOwned,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
}

/// A model as a row.
pub fn to_row<M: serde::Serialize>(model: &M) -> AppResult<Row> {
    match serde_json::to_value(model).map_err(AppError::internal)? {
        Value::Object(row) => Ok(row),
        _ => Err(AppError::internal(anyhow::anyhow!(
            "a model is not an object"
        ))),
    }
}

fn to_model<E: Stored>(row: &Row) -> AppResult<E::Model> {
    serde_json::from_value(Value::Object(row.clone())).map_err(AppError::internal)
}

fn column<E: EntityTrait>(name: &str) -> AppResult<E::Column> {
    name.parse()
        .map_err(|_| AppError::internal(anyhow::anyhow!("no column {name}")))
}

/// The rows with these ids, whoever may see them (integrity does not depend on clearance).
pub async fn by_ids<E: Stored, C: ConnectionTrait>(db: &C, ids: &[Uuid]) -> AppResult<Vec<Row>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    E::find()
        .filter(E::ID.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .iter()
        .map(to_row)
        .collect()
}

/// The rows whose text column `name` holds one of `values`.
pub async fn by_column<E: Stored, C: ConnectionTrait>(
    db: &C,
    name: &str,
    values: &[String],
) -> AppResult<Vec<Row>> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let col = column::<E>(name)?;
    E::find()
        .filter(col.is_in(values.iter().cloned()))
        .all(db)
        .await?
        .iter()
        .map(to_row)
        .collect()
}

/// Which of `ids` exist.
pub async fn existing_ids<E: Stored, C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let found: Vec<Uuid> = E::find()
        .select_only()
        .column(E::ID)
        .filter(E::ID.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(found.into_iter().collect())
}

/// Inserts complete rows in one statement.
pub async fn insert<E: Stored, C: ConnectionTrait>(db: &C, rows: &[Row]) -> AppResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let models = rows
        .iter()
        .map(|r| to_model::<E>(r).map(IntoActiveModel::into_active_model))
        .collect::<AppResult<Vec<E::ActiveModel>>>()?;
    E::insert_many(models).exec_without_returning(db).await?;
    Ok(())
}

/// Replaces every column of the row with its id.
pub async fn update<E: Stored, C: ConnectionTrait>(db: &C, row: &Row) -> AppResult<()> {
    let model = to_model::<E>(row)?;
    let id = crate::services::record::RecordModel::id(&model);
    let active = model.into_active_model().reset_all();
    E::update_many()
        .set(active)
        .filter(E::ID.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Fails with FORBIDDEN unless the caller may write the row.
pub async fn check_write<E: Stored, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    row: &Row,
) -> AppResult<()> {
    let model = to_model::<E>(row)?;
    authorize::check_write::<E, C>(db, viewer, &model).await
}

/// `(id, value)` of every row whose reference column `name` is set.
pub async fn links<E: Stored, C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> AppResult<Vec<(Uuid, Uuid)>> {
    let col = column::<E>(name)?;
    Ok(E::find()
        .select_only()
        .column(E::ID)
        .column(col)
        .filter(col.is_not_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// Every row the caller may read, archived ones included: the statement the readers below
/// narrow.
fn readable<E: Stored>(viewer: &Viewer) -> sea_orm::Select<E> {
    crud::select::<E>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
}

async fn rows_of<E: Stored, C: ConnectionTrait>(
    db: &C,
    select: sea_orm::Select<E>,
) -> AppResult<Vec<Row>> {
    select.all(db).await?.iter().map(to_row).collect()
}

/// Every row the caller may read, archived ones included, ordered by id.
pub async fn visible<E: Stored, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
) -> AppResult<Vec<Row>> {
    rows_of(db, readable::<E>(viewer).order_by_asc(E::ID)).await
}

/// The rows with these ids that the caller may read, archived ones included.
pub async fn visible_by_ids<E: Stored, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<Row>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let select = readable::<E>(viewer).filter(E::ID.is_in(ids.iter().copied()));
    rows_of(db, select).await
}

/// One page of the rows the caller may read, archived ones included: at most `limit` rows
/// whose id comes after `after`, ordered by id (keyset paging, so a table is read in pages of
/// the same cost however far into it).
pub async fn visible_page<E: Stored, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    after: Option<Uuid>,
    limit: u64,
) -> AppResult<Vec<Row>> {
    let mut select = readable::<E>(viewer);
    if let Some(after) = after {
        select = select.filter(E::ID.gt(after));
    }
    rows_of(db, select.order_by_asc(E::ID).limit(limit)).await
}

/// One column of a match key: its name, the value (JSON, as in a row), and whether text
/// compares without regard to case.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPart {
    pub column: &'static str,
    pub value: Value,
    pub any_case: bool,
}

/// The value of a row's cell in the type of its column.
fn sql_value<E: EntityTrait>(col: E::Column, value: &Value) -> AppResult<sea_orm::Value> {
    use sea_orm::sea_query::ColumnType;
    let bad = || AppError::internal(anyhow::anyhow!("a key value does not fit its column"));
    let text = match value {
        Value::String(s) => s.as_str(),
        Value::Bool(b) => return Ok((*b).into()),
        _ => return Err(bad()),
    };
    Ok(match col.def().get_column_type() {
        ColumnType::Uuid => text.parse::<Uuid>().map_err(|_| bad())?.into(),
        ColumnType::Date => text.parse::<chrono::NaiveDate>().map_err(|_| bad())?.into(),
        _ => text.to_owned().into(),
    })
}

/// Rows that may match one of `keys`, each key a conjunction of column values (a null value
/// matching a null column): a superset found through the indexed columns, one `IN` list per
/// column, which the caller narrows to the exact keys. A disjunction of one conjunction per key
/// would be exact, but SQLite answers it by scanning the whole table for every batch.
pub async fn matching<E: Stored, C: ConnectionTrait>(
    db: &C,
    keys: &[Vec<KeyPart>],
) -> AppResult<Vec<Row>> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::Condition;
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut columns: Vec<(&'static str, bool)> = Vec::new();
    for part in keys.iter().flatten() {
        if !columns.iter().any(|(c, _)| *c == part.column) {
            columns.push((part.column, part.any_case));
        }
    }
    let mut all = Condition::all();
    for (name, any_case) in columns {
        // A column some keys leave out cannot narrow the search for those keys.
        if !keys.iter().all(|key| key.iter().any(|p| p.column == name)) {
            continue;
        }
        let col = column::<E>(name)?;
        let values: Vec<&Value> = keys
            .iter()
            .flat_map(|key| key.iter().filter(|p| p.column == name).map(|p| &p.value))
            .collect();
        let mut either = Condition::any();
        if values.iter().any(|v| Value::is_null(v)) {
            either = either.add(col.is_null());
        }
        let given: Vec<&Value> = values.into_iter().filter(|v| !Value::is_null(v)).collect();
        if !given.is_empty() {
            if any_case {
                // SQLite lowers ASCII only: the exact texts match too.
                let exact: Vec<String> = given
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_owned)
                    .collect();
                let lowered: Vec<String> = exact.iter().map(|t| t.to_lowercase()).collect();
                either = either
                    .add(col.is_in(exact))
                    .add(Expr::expr(Func::lower(Expr::col(col.as_column_ref()))).is_in(lowered));
            } else {
                let typed = given
                    .iter()
                    .map(|v| sql_value::<E>(col, v))
                    .collect::<AppResult<Vec<_>>>()?;
                either = either.add(col.is_in(typed));
            }
        }
        all = all.add(either);
    }
    E::find()
        .filter(all)
        .order_by_asc(E::ID)
        .all(db)
        .await?
        .iter()
        .map(to_row)
        .collect()
}
