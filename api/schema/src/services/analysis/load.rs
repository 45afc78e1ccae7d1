//! The statements an analysis load is made of. Each method sends one statement for one table
//! (an id list longer than [`MAX_IDS_PER_QUERY`] is split), always through the caller's
//! visibility, and keeps what it read in [`Records`]. The plans in the parent module chain them:
//! the number of statements of an answer is fixed by its plan, never by the number of rows.

use std::collections::HashSet;

use chrono::NaiveDate;
use entity::enums::ReportingLineKind;
use entity::{mission_mandate, mission_name, reporting_line};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};
use uuid::Uuid;

use super::records::{Kept, Records};
use crate::domain::analysis::chains::MAX_CHAIN_STEPS;
use crate::error::AppResult;
use crate::services::access::Viewer;
use crate::services::crud::{self, ListScope};
use crate::services::record::Record;
use crate::services::reference::{self, Named, Reference};

/// Ids sent in one `IN (...)` list at most; longer lists are split, so that no statement runs
/// into the bind-parameter limits of SQLite or PostgreSQL.
pub const MAX_IDS_PER_QUERY: usize = 2_000;

/// Which periods of the rows of a time-bound table to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Rows valid on this date.
    On(NaiveDate),
    /// Rows valid on at least one day from `from` to `to`, both included.
    Overlapping { from: NaiveDate, to: NaiveDate },
    /// Every period.
    Any,
}

/// The visible, unarchived rows of `E` in `period`.
pub fn select<E: Record>(viewer: &Viewer, period: Period) -> Select<E> {
    let as_of = match period {
        Period::On(date) => Some(date),
        Period::Overlapping { .. } | Period::Any => None,
    };
    let mut select = crud::select::<E>(
        viewer,
        ListScope {
            include_archived: false,
            as_of,
        },
    );
    if let (Period::Overlapping { from, to }, Some((valid_from, valid_to))) = (period, E::VALIDITY)
    {
        select = select.filter(valid_from.lte(to)).filter(
            Condition::any()
                .add(valid_to.is_null())
                .add(valid_to.gt(from)),
        );
    }
    select
}

/// `SELECT id` of the rows [`select`] gives, narrowed by `filter`: a sub-select, so that rows
/// hanging from a large set (the hats of a mission's posts) are read in one statement without
/// sending the set's ids.
pub fn ids_of<E: Record>(viewer: &Viewer, period: Period, filter: Condition) -> SelectStatement {
    select::<E>(viewer, period)
        .filter(filter)
        .select_only()
        .column(E::ID)
        .into_query()
}

/// Loads rows into [`Records`] for one caller and counts what it costs.
pub struct Loader<'a, C> {
    db: &'a C,
    viewer: &'a Viewer,
    pub records: Records,
}

impl<'a, C: ConnectionTrait> Loader<'a, C> {
    pub fn new(db: &'a C, viewer: &'a Viewer) -> Self {
        Self {
            db,
            viewer,
            records: Records::default(),
        }
    }

    /// The rows of `E` in `period` matching `filter`, kept and returned.
    pub async fn rows<E>(&mut self, period: Period, filter: Condition) -> AppResult<Vec<E::Model>>
    where
        E: Record,
        E::Model: Kept,
    {
        let rows = select::<E>(self.viewer, period)
            .filter(filter)
            .order_by_asc(E::ID)
            .all(self.db)
            .await?;
        self.keep(&rows);
        Ok(rows)
    }

    /// The visible rows of `E` with these ids that are not loaded yet (archived ones and every
    /// period included: a record an answer points at is shown, as a relation field would).
    /// Returns the rows it loaded; no statement when there is nothing to load.
    pub async fn by_ids<E>(
        &mut self,
        ids: impl IntoIterator<Item = Uuid>,
    ) -> AppResult<Vec<E::Model>>
    where
        E: Record,
        E::Model: Kept,
    {
        let loaded = E::Model::map_ref(&self.records);
        let mut seen = HashSet::new();
        let mut wanted: Vec<Uuid> = ids
            .into_iter()
            .filter(|id| !loaded.contains_key(id) && seen.insert(*id))
            .collect();
        wanted.sort();
        let mut out = Vec::new();
        for chunk in wanted.chunks(MAX_IDS_PER_QUERY) {
            let rows = crud::find_many::<E, _>(self.db, self.viewer, chunk).await?;
            self.keep(&rows);
            out.extend(rows);
        }
        Ok(out)
    }

    /// The rows of `E` in `period` matching `extra` whose `column` is one of `ids`; see
    /// [`Loader::where_any_in`].
    pub async fn where_in<E>(
        &mut self,
        period: Period,
        column: E::Column,
        ids: &[Uuid],
        extra: Condition,
    ) -> AppResult<Vec<E::Model>>
    where
        E: Record,
        E::Model: Kept,
    {
        self.where_any_in::<E>(period, &[(column, ids)], extra)
            .await
    }

    /// The rows of `E` in `period` matching `extra` where any of the columns is one of its ids:
    /// one statement, split only when the lists together hold more than [`MAX_IDS_PER_QUERY`]
    /// ids; none when every list is empty.
    pub async fn where_any_in<E>(
        &mut self,
        period: Period,
        lists: &[(E::Column, &[Uuid])],
        extra: Condition,
    ) -> AppResult<Vec<E::Model>>
    where
        E: Record,
        E::Model: Kept,
    {
        let pairs: Vec<(usize, Uuid)> = lists
            .iter()
            .enumerate()
            .flat_map(|(i, (_, ids))| ids.iter().map(move |id| (i, *id)))
            .collect();
        let mut out = Vec::new();
        for chunk in pairs.chunks(MAX_IDS_PER_QUERY) {
            let mut any = Condition::any();
            for (i, (column, _)) in lists.iter().enumerate() {
                let ids: Vec<Uuid> = chunk
                    .iter()
                    .filter(|(list, _)| *list == i)
                    .map(|(_, id)| *id)
                    .collect();
                if !ids.is_empty() {
                    any = any.add(column.is_in(ids));
                }
            }
            let filter = extra.clone().add(any);
            out.extend(self.rows::<E>(period, filter).await?);
        }
        Ok(out)
    }

    /// The reporting lines of `kinds` (every kind when empty) valid on `as_of` above the given
    /// posts and components, walked upwards one level per statement. The walk stops when a level
    /// brings no new post, or after one level more than the longest chain an answer shows, so
    /// that bad data (a cycle, an endless chain) costs a bounded number of statements.
    pub async fn lines_upward(
        &mut self,
        posts: &[Uuid],
        components: &[Uuid],
        kinds: &[ReportingLineKind],
        as_of: NaiveDate,
    ) -> AppResult<()> {
        let mut seen: HashSet<Uuid> = posts.iter().copied().collect();
        let mut frontier_posts: Vec<Uuid> = seen.iter().copied().collect();
        frontier_posts.sort();
        let mut frontier_components: Vec<Uuid> = components.to_vec();
        let mut kind_filter = Condition::all();
        if !kinds.is_empty() {
            kind_filter =
                kind_filter.add(reporting_line::Column::Kind.is_in(kinds.iter().copied()));
        }
        for _ in 0..=MAX_CHAIN_STEPS {
            if frontier_posts.is_empty() && frontier_components.is_empty() {
                break;
            }
            let lines = self
                .where_any_in::<reporting_line::Entity>(
                    Period::On(as_of),
                    &[
                        (
                            reporting_line::Column::FromPostId,
                            frontier_posts.as_slice(),
                        ),
                        (
                            reporting_line::Column::FromComponentId,
                            frontier_components.as_slice(),
                        ),
                    ],
                    kind_filter.clone(),
                )
                .await?;
            frontier_components.clear();
            frontier_posts = lines
                .iter()
                .filter_map(|l| l.to_post_id)
                .filter(|p| seen.insert(*p))
                .collect();
            frontier_posts.sort();
        }
        Ok(())
    }

    /// The record an argument names (by ID or natural key, see [`reference::resolve`]), kept;
    /// `field` is the argument, for errors.
    pub async fn resolve<E>(&mut self, field: &str, reference: &Reference) -> AppResult<E::Model>
    where
        E: Named,
        E::Model: Kept,
    {
        let row = reference::resolve::<E, _>(self.db, self.viewer, field, reference).await?;
        self.keep(std::slice::from_ref(&row));
        Ok(row)
    }

    /// The mandates and former names (every period) of the mission `id`, kept.
    pub async fn mission_history(&mut self, id: Uuid) -> AppResult<()> {
        self.rows::<mission_mandate::Entity>(
            Period::Any,
            Condition::all().add(mission_mandate::Column::MissionId.eq(id)),
        )
        .await?;
        self.rows::<mission_name::Entity>(
            Period::Any,
            Condition::all().add(mission_name::Column::MissionId.eq(id)),
        )
        .await?;
        Ok(())
    }

    /// Keeps rows read by a statement made elsewhere (a lookup by natural key).
    pub fn keep<M: Kept>(&mut self, rows: &[M]) {
        self.records.stats.queries += 1;
        self.records.stats.rows += rows.len();
        let map = M::map(&mut self.records);
        for row in rows {
            map.insert(row.id(), row.clone());
        }
    }

    pub fn finish(self) -> Records {
        self.records
    }
}
