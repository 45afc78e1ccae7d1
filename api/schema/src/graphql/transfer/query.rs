//! The export query.

use async_graphql::{Context, Object};
use entity::enums::Sensitivity;
use uuid::Uuid;

use super::inputs::TransferFormat;
use super::types::{ExportedData, ExportedFile};
use crate::error::AppError;
use crate::graphql::context::{api, request, viewer};
use crate::services::record::{RecordKind, RecordModel};
use crate::transfer::export;

/// A record read by an export, for the audit of confidential reads.
struct Read {
    id: Uuid,
    sensitivity: Sensitivity,
}

impl RecordModel for Read {
    fn id(&self) -> Uuid {
        self.id
    }
    fn sensitivity(&self) -> Sensitivity {
        self.sensitivity
    }
    fn version(&self) -> i32 {
        0
    }
}

/// The declared cost of an export: a full page (100) of each table, so that one export fits an
/// anonymous caller's budget (5,000) but two in one query do not.
pub const EXPORT_COST: usize = export::EXPORT_OPERATIONS as usize * 100;

fn text(bytes: Vec<u8>) -> Result<String, AppError> {
    String::from_utf8(bytes).map_err(AppError::internal)
}

#[derive(Default)]
pub struct TransferQuery;

#[Object]
impl TransferQuery {
    /// Everything the caller may read, as a JSON document or HXL sheets: records above the
    /// caller's clearance are left out, and so are records that refer to them, and fields the
    /// caller may not read (contact details below INTERNAL) are null. It costs as much as a full
    /// page of every table (`EXPORT_COST`, against the caller's query budget) and counts as one
    /// operation per table (22) against the caller's rate limit, and a process builds at most
    /// `COORDMAP_MAX_CONCURRENT_EXPORTS` at once: beyond, RATE_LIMITED. The answer is built
    /// whole, as any GraphQL answer is; `GET /export` streams the same JSON document instead.
    #[graphql(complexity = "EXPORT_COST + child_complexity")]
    async fn export_data(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The format of the files.")] format: TransferFormat,
        #[graphql(
            desc = "Only what belongs to this mission (current or former acronym) and the records it refers to."
        )]
        mission: Option<String>,
    ) -> async_graphql::Result<ExportedData> {
        let viewer = viewer(ctx)?;
        // The request was admitted as one operation; an export counts as one per table.
        request(ctx)?
            .take_operations(export::EXPORT_OPERATIONS - 1)
            .await?;
        // Refused rather than queued: a waiting export would hold one of the process's query
        // slots and starve cheaper requests.
        let _permit = export::slot(&api(ctx)?.exports)?;
        let db = &api(ctx)?.db;
        let mut reads: std::collections::BTreeMap<RecordKind, Vec<Read>> = Default::default();
        let mut note = |kind: RecordKind, id: Uuid, sensitivity: Sensitivity| {
            if sensitivity >= Sensitivity::Confidential {
                reads
                    .entry(kind)
                    .or_default()
                    .push(Read { id, sensitivity });
            }
        };
        let (files, notes) = match format {
            TransferFormat::Json => {
                let bytes = export::write_json(
                    db,
                    viewer,
                    mission.as_deref(),
                    "mission",
                    Vec::new(),
                    &mut note,
                )
                .await
                .map_err(AppError::from)?;
                (
                    vec![ExportedFile {
                        name: "coordmap.json".into(),
                        content: text(bytes)?,
                    }],
                    Vec::new(),
                )
            }
            TransferFormat::Hxl => {
                let snapshot = export::snapshot(db, viewer, mission.as_deref(), "mission").await?;
                for (kind, id, sensitivity) in snapshot.records() {
                    note(kind, id, sensitivity);
                }
                let sheets = snapshot.to_sheets().map_err(AppError::internal)?;
                let files = sheets
                    .files
                    .into_iter()
                    .map(|(name, bytes)| {
                        Ok(ExportedFile {
                            name,
                            content: text(bytes)?,
                        })
                    })
                    .collect::<Result<Vec<_>, AppError>>()?;
                (files, sheets.notes)
            }
        };
        let state = request(ctx)?;
        for (kind, rows) in &reads {
            state.note_reads(*kind, rows);
        }
        Ok(ExportedData {
            format,
            files,
            notes,
        })
    }
}
