//! Writing a dataset: multi-row inserts in chunks, one transaction, then fresh planner statistics.

use std::time::{Duration, Instant};

use entity::prelude::{Mission, Organization};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Insert,
    IntoActiveModel, Iterable, PaginatorTrait, TransactionTrait,
};

use super::Dataset;

/// Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS: usize = 30_000;

/// Why a dataset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the database already holds {organizations} organisation(s) and {missions} mission(s); seed --synthetic needs an empty database")]
    NotEmpty { organizations: u64, missions: u64 },
    #[error("loading {table} failed: {source}")]
    Insert {
        table: &'static str,
        #[source]
        source: DbErr,
    },
    #[error("database error: {0}")]
    Db(#[from] DbErr),
}

/// Inserts every row of `data` into an empty, migrated database in one transaction, telling
/// `progress` how long each table took, then refreshes the planner's statistics.
pub async fn load(
    db: &DatabaseConnection,
    data: &Dataset,
    mut progress: impl FnMut(&'static str, usize, Duration),
) -> Result<(), LoadError> {
    let organizations = Organization::find().count(db).await?;
    let missions = Mission::find().count(db).await?;
    if organizations > 0 || missions > 0 {
        return Err(LoadError::NotEmpty {
            organizations,
            missions,
        });
    }
    let txn = db.begin().await?;
    macro_rules! table {
        // Generated data has no documents and so no citations.
        (document, $rows:ident) => {};
        (source_citation, $rows:ident) => {};
        ($module:ident, $rows:ident) => {
            let started = Instant::now();
            insert::<entity::$module::Entity, _>(&txn, &data.$rows)
                .await
                .map_err(|source| LoadError::Insert {
                    table: stringify!($rows),
                    source,
                })?;
            progress(stringify!($rows), data.$rows.len(), started.elapsed());
        };
    }
    // Every table of the registry, in its (load) order.
    macro_rules! tables {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            $(table!($module, $table);)*
        };
    }
    entity::for_each_record!(tables);
    let started = Instant::now();
    txn.commit().await?;
    progress("commit", 0, started.elapsed());
    // Plans chosen on empty-table statistics would scan; a bulk load is when they go stale.
    let started = Instant::now();
    db.execute_unprepared("ANALYZE").await?;
    progress("analyze", 0, started.elapsed());
    Ok(())
}

async fn insert<E, C>(db: &C, rows: &[E::Model]) -> Result<(), DbErr>
where
    E: EntityTrait,
    E::Model: Clone + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let columns = E::Column::iter().count().max(1);
    let chunk = (MAX_PARAMS / columns).max(1);
    for part in rows.chunks(chunk) {
        Insert::<E::ActiveModel>::many(part.iter().cloned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
