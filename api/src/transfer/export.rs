//! Exporting what a caller may read: every table through `crud::select` with the caller's
//! visibility, each row projected field by field like any other read (`services::projection`:
//! no contact details below INTERNAL), in one read transaction so the tables agree with each
//! other, then trimmed and written by [`Snapshot`].

use sea_orm::{DatabaseConnection, TransactionTrait};

use super::snapshot::Snapshot;
use super::store::{self, dispatch};
use super::tables::TABLES;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::{mission, projection};

/// The rows `viewer` may read, narrowed to one mission (by its current or a former acronym)
/// when asked. An unknown mission is BAD_USER_INPUT on `field`.
pub async fn snapshot(
    db: &DatabaseConnection,
    viewer: &Viewer,
    mission_acronym: Option<&str>,
    field: &str,
) -> AppResult<Snapshot> {
    let tx = db.begin().await?;
    let mission = match mission_acronym {
        Some(acronym) => Some(
            mission::find_by_acronym(&tx, viewer, acronym)
                .await?
                .ok_or_else(|| {
                    AppError::invalid(
                        field,
                        format!(
                            "no mission has the acronym {}",
                            acronym.trim().to_uppercase()
                        ),
                    )
                })?
                .id,
        ),
        None => None,
    };
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
