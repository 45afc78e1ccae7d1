//! Writing a dataset: multi-row inserts in chunks, one transaction, then fresh planner statistics.

use std::time::{Duration, Instant};

use entity::prelude::*;
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
        ($entity:ty, $rows:ident) => {
            let started = Instant::now();
            insert::<$entity, _>(&txn, &data.$rows)
                .await
                .map_err(|source| LoadError::Insert {
                    table: stringify!($rows),
                    source,
                })?;
            progress(stringify!($rows), data.$rows.len(), started.elapsed());
        };
    }
    table!(Organization, organizations);
    table!(GeographicArea, geographic_areas);
    table!(Mission, missions);
    table!(MissionName, mission_names);
    table!(MissionMandate, mission_mandates);
    table!(Component, components);
    table!(Post, posts);
    table!(PostHat, post_hats);
    table!(Person, persons);
    table!(Assignment, assignments);
    table!(ReportingLine, reporting_lines);
    table!(MandatedTask, mandated_tasks);
    table!(Cluster, clusters);
    table!(AreaOfResponsibility, areas_of_responsibility);
    table!(LeadAgency, lead_agencies);
    table!(Forum, forums);
    table!(ForumLink, forum_links);
    table!(ForumMembership, forum_memberships);
    table!(DecisionArea, decision_areas);
    table!(DecisionRight, decision_rights);
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
