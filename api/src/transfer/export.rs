//! Exporting what a caller may read: every table through `crud::select` with the caller's
//! visibility, each row projected field by field like any other read (`services::projection`:
//! no contact details below INTERNAL), in one read transaction so the tables agree with each
//! other.
//!
//! The JSON document is streamed ([`write_json`]): a first pass reads every table in pages and
//! keeps only each row's id and references ([`Keys`]), enough to decide what is left out
//! (rows referring to records out of sight, what does not belong to the mission asked for); a
//! second pass reads the tables again in pages and writes the rows kept straight to the output.
//! Memory follows the number of rows (about a hundred bytes each), not their size. The HXL sheets
//! need every row at hand to name what rows refer to, so they are built from a [`Snapshot`].

use std::io::Write;

use entity::enums::Sensitivity;
use sea_orm::{
    AccessMode, DatabaseConnection, DatabaseTransaction, DbBackend, IsolationLevel,
    TransactionTrait,
};
use uuid::Uuid;

use super::json::JsonWriter;
use super::rows::Row;
use super::snapshot::{self, Keys, Skeleton, Snapshot};
use super::store::{self, dispatch};
use super::tables::{TableSpec, TABLES};
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::record::RecordKind;
use crate::services::{mission, projection};

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

/// Reads every row of `spec` that `viewer` may read, projected, page by page in id order,
/// handing each page to `each`.
async fn pages<F>(
    tx: &DatabaseTransaction,
    viewer: &Viewer,
    spec: &'static TableSpec,
    page: u64,
    mut each: F,
) -> Result<(), ExportError>
where
    F: FnMut(Vec<Row>) -> Result<(), ExportError>,
{
    let mut after = None;
    loop {
        let mut rows =
            dispatch!(spec.name, E => store::visible_page::<E, _>(tx, viewer, after, page).await)?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = crate::transfer::rows::uuid(last, "id");
        let full = rows.len() as u64 == page;
        for row in &mut rows {
            projection::project(viewer, spec.kind, row);
        }
        each(rows)?;
        if !full || after.is_none() {
            return Ok(());
        }
    }
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
    W: Write,
    F: FnMut(RecordKind, Uuid, Sensitivity),
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
    W: Write,
    F: FnMut(RecordKind, Uuid, Sensitivity),
{
    let page = page.max(1);
    let tx = read_transaction(db).await?;
    let mission = mission_id(&tx, viewer, mission_acronym, field).await?;
    let mut keys = Keys::default();
    for spec in TABLES {
        let mut skeletons = Vec::new();
        pages(&tx, viewer, spec, page, |rows| {
            skeletons.extend(rows.iter().filter_map(|row| Skeleton::of(spec, row)));
            Ok(())
        })
        .await?;
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
        let Some(set) = kept.get(spec.name) else {
            continue;
        };
        writer.begin_table(spec).map_err(ExportError::Write)?;
        pages(&tx, viewer, spec, page, |rows| {
            for row in &rows {
                let Some(id) = crate::transfer::rows::uuid(row, "id") else {
                    continue;
                };
                if set.contains(&id) {
                    writer.row(row).map_err(ExportError::Write)?;
                    written(spec.kind, id, snapshot::sensitivity(row));
                }
            }
            Ok(())
        })
        .await?;
        writer.end_table().map_err(ExportError::Write)?;
    }
    tx.rollback().await?;
    writer.finish().map_err(ExportError::Write)
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
