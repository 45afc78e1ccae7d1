//! Exporting what a caller may read: every table through `crud::select` with the caller's
//! visibility, each row projected field by field like any other read (`services::projection`:
//! no contact details below INTERNAL), in one read transaction so the tables agree with each
//! other.
//!
//! The JSON document is streamed ([`write_json`]): a first pass reads, in pages, the tables
//! other rows refer to (missions, components, posts, persons, forums, organisations …) and keeps
//! only each row's id and references ([`Keys`]), enough to decide which of them are left out
//! (those referring to records out of sight, in turn); a second pass reads every table again in
//! pages and writes the rows kept straight to the output, deciding the rows nothing refers to
//! (memberships, reporting lines, hats, assignments, citations: most of a map) page by page as
//! they pass. Memory follows the number of records referred to (about a hundred bytes each),
//! not the size of the map; a mission's export holds every table's ids, since what belongs to
//! a mission depends on all of them. The HXL sheets need every row at hand to name what rows
//! refer to, so they are built from a [`Snapshot`].

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io::Write;
use std::pin::Pin;

use entity::enums::Sensitivity;
use sea_orm::{
    AccessMode, DatabaseConnection, DatabaseTransaction, DbBackend, IsolationLevel,
    TransactionTrait,
};
use uuid::Uuid;

use super::json::JsonWriter;
use super::rows::{self, Row};
use super::snapshot::{self, Kept, Keys, Skeleton, Snapshot};
use super::store::{self, dispatch};
use super::tables::{self, TableSpec, TABLES};
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::record::RecordKind;
use crate::services::{mission, projection};

/// An output the streamed export hands on what it wrote after each page: a file or a buffer
/// takes it as it comes; a network stream waits until the client has taken the page before,
/// so a slow reader slows the export instead of filling memory.
pub trait Drain: Write {
    fn drain(&mut self) -> impl Future<Output = std::io::Result<()>> + Send;
}

impl Drain for Vec<u8> {
    async fn drain(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<W: Write + Send> Drain for std::io::BufWriter<W> {
    async fn drain(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What an export counts against the caller's rate limit: one operation per table, as many as
/// the queries that would read a page of each.
pub const EXPORT_OPERATIONS: u32 = TABLES.len() as u32;

/// What a refused export is told to wait before asking again.
const EXPORT_RETRY_SECS: u64 = 5;

/// One of the process's export slots, or RATE_LIMITED when all are taken: an export is refused
/// rather than queued, since a waiting one would hold a request (and a query slot) idle.
pub fn slot(
    exports: &std::sync::Arc<tokio::sync::Semaphore>,
) -> AppResult<tokio::sync::OwnedSemaphorePermit> {
    exports
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::RateLimited {
            retry_after_secs: EXPORT_RETRY_SECS,
        })
}

/// Rows read per statement by the streamed export.
pub const PAGE: u64 = 2_000;

/// Why a streamed export stopped.
#[derive(Debug)]
pub enum ExportError {
    /// Reading the database, or an unknown mission (BAD_USER_INPUT).
    App(AppError),
    /// Writing the output.
    Write(std::io::Error),
}

impl From<AppError> for ExportError {
    fn from(err: AppError) -> Self {
        Self::App(err)
    }
}

impl From<sea_orm::DbErr> for ExportError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::App(err.into())
    }
}

impl From<ExportError> for AppError {
    fn from(err: ExportError) -> Self {
        match err {
            ExportError::App(err) => err,
            ExportError::Write(err) => AppError::internal(err),
        }
    }
}

/// A read-only transaction whose reads all see the same state of the database (SQLite's
/// transactions already do).
async fn read_transaction(db: &DatabaseConnection) -> AppResult<DatabaseTransaction> {
    Ok(match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => db.begin().await?,
    })
}

/// The id of the mission with this current or former acronym; an unknown one is
/// BAD_USER_INPUT on `field`.
async fn mission_id(
    tx: &DatabaseTransaction,
    viewer: &Viewer,
    acronym: Option<&str>,
    field: &str,
) -> AppResult<Option<Uuid>> {
    let Some(acronym) = acronym else {
        return Ok(None);
    };
    let found = mission::find_by_acronym(tx, viewer, acronym).await?;
    let mission = found.ok_or_else(|| {
        AppError::invalid(
            field,
            format!(
                "no mission has the acronym {}",
                acronym.trim().to_uppercase()
            ),
        )
    })?;
    Ok(Some(mission.id))
}

/// The rows of one table that a caller may read, projected, in pages in id order (keyset: a
/// page costs the same however far into the table).
struct Pages {
    spec: &'static TableSpec,
    size: u64,
    after: Option<Uuid>,
    done: bool,
}

impl Pages {
    fn new(spec: &'static TableSpec, size: u64) -> Self {
        Self {
            spec,
            size: size.max(1),
            after: None,
            done: false,
        }
    }

    /// The next page; `None` once the table is read.
    async fn next(
        &mut self,
        tx: &DatabaseTransaction,
        viewer: &Viewer,
    ) -> AppResult<Option<Vec<Row>>> {
        if self.done {
            return Ok(None);
        }
        let (after, size) = (self.after, self.size);
        let mut rows = dispatch!(self.spec.name, E => store::visible_page::<E, _>(tx, viewer, after, size).await)?;
        self.after = rows.last().and_then(|row| rows::uuid(row, "id"));
        self.done = (rows.len() as u64) < self.size || self.after.is_none();
        if rows.is_empty() {
            return Ok(None);
        }
        for row in &mut rows {
            projection::project(viewer, self.spec.kind, row);
        }
        Ok(Some(rows))
    }
}

/// How deep a chain of citations citing citations is followed before the last is taken as
/// left out (the write path never makes one; an import could).
const CITED_DEPTH: u8 = 4;

/// The ids among `rows` (of a table no reference column names, decided as it streams) that an
/// export keeps: every record a row refers to is in `kept`, and a citation's cited record is
/// kept too — looked up, and decided the same way, when it is itself such a row.
fn streamed_kept<'a>(
    tx: &'a DatabaseTransaction,
    viewer: &'a Viewer,
    spec: &'static TableSpec,
    rows: &'a [Row],
    kept: &'a Kept,
    depth: u8,
) -> Pin<Box<dyn Future<Output = AppResult<HashSet<Uuid>>> + Send + 'a>> {
    Box::pin(async move {
        let skeletons: Vec<Skeleton> = rows
            .iter()
            .filter_map(|row| Skeleton::of(spec, row))
            .filter(|row| row.references_held(spec, kept))
            .collect();
        let mut looked_up: HashMap<&'static str, Vec<Uuid>> = HashMap::new();
        for (table, id) in skeletons.iter().filter_map(Skeleton::cited) {
            if !kept.contains_key(table) {
                looked_up.entry(table).or_default().push(id);
            }
        }
        let mut cited_kept: Kept = HashMap::new();
        for (table, ids) in looked_up {
            let (Some(cited_spec), Some(depth)) = (tables::table(table), depth.checked_sub(1))
            else {
                continue;
            };
            let cited_rows =
                dispatch!(table, E => store::visible_by_ids::<E, _>(tx, viewer, &ids).await)?;
            let held = streamed_kept(tx, viewer, cited_spec, &cited_rows, kept, depth).await?;
            cited_kept.insert(table, held);
        }
        let holds = |(table, id): (&str, Uuid)| {
            [kept, &cited_kept]
                .iter()
                .any(|sets| sets.get(table).is_some_and(|set| set.contains(&id)))
        };
        Ok(skeletons
            .iter()
            .filter(|row| spec.kind != RecordKind::SourceCitation || row.cited().is_some_and(holds))
            .map(|row| row.id)
            .collect())
    })
}

/// Writes the JSON document of what `viewer` may read (narrowed to one mission, by its current
/// or a former acronym, when asked) to `out`, table by table and row by row, and hands every
/// record written to `written` as `(kind, id, sensitivity)` (for the audit of confidential
/// reads). The bytes are those of [`Snapshot::to_json`] of [`snapshot`] for the same data and
/// caller. An unknown mission is BAD_USER_INPUT on `field`, before anything is written.
pub async fn write_json<W, F>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mission_acronym: Option<&str>,
    field: &str,
    out: W,
    written: F,
) -> Result<W, ExportError>
where
    W: Drain + Send,
    F: FnMut(RecordKind, Uuid, Sensitivity) + Send,
{
    write_json_in_pages(db, viewer, mission_acronym, field, out, written, PAGE).await
}

/// [`write_json`] reading `page` rows per statement (at least one).
pub async fn write_json_in_pages<W, F>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mission_acronym: Option<&str>,
    field: &str,
    out: W,
    mut written: F,
    page: u64,
) -> Result<W, ExportError>
where
    W: Drain + Send,
    F: FnMut(RecordKind, Uuid, Sensitivity) + Send,
{
    let tx = read_transaction(db).await?;
    let mission = mission_id(&tx, viewer, mission_acronym, field).await?;
    // The first pass holds the ids and references of the tables other rows refer to; rows no
    // reference column names (memberships, reporting lines, hats, assignments, citations …),
    // most of a map, are decided as they stream. What belongs to a mission depends on those
    // rows too, so a mission's export holds every table's.
    let mut keys = Keys::default();
    for spec in TABLES {
        if mission.is_none() && !tables::is_referenced(spec) {
            continue;
        }
        let mut skeletons = Vec::new();
        let mut pages = Pages::new(spec, page);
        while let Some(rows) = pages.next(&tx, viewer).await? {
            skeletons.extend(rows.iter().filter_map(|row| Skeleton::of(spec, row)));
        }
        skeletons.shrink_to_fit();
        keys.tables.push((spec, skeletons));
    }
    keys.drop_dangling();
    if let Some(mission) = mission {
        keys.restrict_to_mission(mission);
    }
    let kept = keys.kept();
    drop(keys);
    let mut writer = JsonWriter::begin(out).map_err(ExportError::Write)?;
    for spec in TABLES {
        writer.begin_table(spec).map_err(ExportError::Write)?;
        let mut pages = Pages::new(spec, page);
        while let Some(rows) = pages.next(&tx, viewer).await? {
            let streamed = match kept.get(spec.name) {
                Some(_) => None,
                None => Some(streamed_kept(&tx, viewer, spec, &rows, &kept, CITED_DEPTH).await?),
            };
            let Some(set) = kept.get(spec.name).or(streamed.as_ref()) else {
                continue;
            };
            for row in &rows {
                let Some(id) = rows::uuid(row, "id") else {
                    continue;
                };
                if set.contains(&id) {
                    writer.row(row).map_err(ExportError::Write)?;
                    written(spec.kind, id, snapshot::sensitivity(row));
                }
            }
            writer.output().drain().await.map_err(ExportError::Write)?;
        }
        writer.end_table().map_err(ExportError::Write)?;
    }
    tx.rollback().await?;
    let mut out = writer.finish().map_err(ExportError::Write)?;
    out.drain().await.map_err(ExportError::Write)?;
    Ok(out)
}

/// The rows `viewer` may read, narrowed to one mission (by its current or a former acronym)
/// when asked, held whole (the HXL sheets need them). An unknown mission is BAD_USER_INPUT on
/// `field`.
pub async fn snapshot(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mission_acronym: Option<&str>,
    field: &str,
) -> AppResult<Snapshot> {
    let tx = read_transaction(db).await?;
    let mission = mission_id(&tx, viewer, mission_acronym, field).await?;
    let mut snapshot = Snapshot::default();
    for spec in TABLES {
        let mut rows = dispatch!(spec.name, E => store::visible::<E, _>(&tx, viewer).await)?;
        for row in &mut rows {
            projection::project(viewer, spec.kind, row);
        }
        snapshot.tables.push((spec, rows));
    }
    tx.rollback().await?;
    snapshot.drop_dangling();
    if let Some(mission) = mission {
        snapshot.restrict_to_mission(mission);
    }
    Ok(snapshot)
}
