//! Who may change what. Every write goes through [`check_write`] (from `services::write`), on the
//! record before and after the change, so no path can skip it.
//!
//! ADMIN may change everything. EDITOR may change records that belong to a mission or cluster in
//! its claims (directly, or through the post, component, forum or AoR they hang from); records
//! that belong to none (organisations, persons, places, decision areas, global rights) are for
//! administrators. Nobody may give a record a sensitivity above their own clearance. Every other
//! role writes nothing.

use std::collections::HashSet;

use entity::{area_of_responsibility as aor, component, document, forum, post};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::access::{sensitivity_name, Role, Viewer};
use super::record::{Record, RecordKind, RecordModel};
use crate::error::{AppError, AppResult};

/// The missions and clusters a record belongs to.
#[derive(Debug, Default)]
struct Owners {
    missions: HashSet<Uuid>,
    clusters: HashSet<Uuid>,
}

fn uuid_field(value: &serde_json::Value, key: &str) -> Option<Uuid> {
    value.get(key)?.as_str()?.parse().ok()
}

async fn owners_of_post<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    owners: &mut Owners,
) -> AppResult<()> {
    if let Some(p) = post::Entity::find_by_id(id).one(db).await? {
        owners.missions.extend(p.mission_id);
    }
    Ok(())
}

async fn owners_of_component<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    owners: &mut Owners,
) -> AppResult<()> {
    if let Some(c) = component::Entity::find_by_id(id).one(db).await? {
        owners.missions.insert(c.mission_id);
    }
    Ok(())
}

async fn owners_of_aor<C: ConnectionTrait>(db: &C, id: Uuid, owners: &mut Owners) -> AppResult<()> {
    if let Some(a) = aor::Entity::find_by_id(id).one(db).await? {
        owners.clusters.insert(a.cluster_id);
    }
    Ok(())
}

async fn owners_of_forum<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    owners: &mut Owners,
) -> AppResult<()> {
    if let Some(f) = forum::Entity::find_by_id(id).one(db).await? {
        owners.missions.extend(f.mission_id);
        owners.clusters.extend(f.cluster_id);
        if let Some(a) = f.area_of_responsibility_id {
            owners_of_aor(db, a, owners).await?;
        }
    }
    Ok(())
}

/// Resolves the missions and clusters a record (as its JSON snapshot) belongs to.
async fn owners<C: ConnectionTrait>(
    db: &C,
    kind: RecordKind,
    record: &serde_json::Value,
) -> AppResult<Owners> {
    let mut owners = Owners::default();
    match kind {
        RecordKind::Mission => owners.missions.extend(uuid_field(record, "id")),
        RecordKind::Cluster => owners.clusters.extend(uuid_field(record, "id")),
        _ => {}
    }
    owners.missions.extend(uuid_field(record, "mission_id"));
    owners.clusters.extend(uuid_field(record, "cluster_id"));
    if let Some(id) = uuid_field(record, "area_of_responsibility_id") {
        owners_of_aor(db, id, &mut owners).await?;
    }
    for key in ["forum_id", "holder_forum_id"] {
        if let (Some(id), false) = (uuid_field(record, key), kind == RecordKind::Forum) {
            owners_of_forum(db, id, &mut owners).await?;
        }
    }
    if owners.missions.is_empty() && owners.clusters.is_empty() {
        for key in [
            "post_id",
            "from_post_id",
            "member_post_id",
            "holder_post_id",
        ] {
            if let Some(id) = uuid_field(record, key) {
                owners_of_post(db, id, &mut owners).await?;
            }
        }
        for key in [
            "from_component_id",
            "member_component_id",
            "holder_component_id",
            "component_id",
        ] {
            if let Some(id) = uuid_field(record, key) {
                owners_of_component(db, id, &mut owners).await?;
            }
        }
    }
    if kind == RecordKind::SourceCitation {
        if let Some(id) = uuid_field(record, "document_id") {
            if let Some(d) = document::Entity::find_by_id(id).one(db).await? {
                owners.missions.extend(d.mission_id);
            }
        }
    }
    Ok(owners)
}

/// Fails with FORBIDDEN unless the caller may write `model` (as it is before or after a change).
pub async fn check_write<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    model: &E::Model,
) -> AppResult<()> {
    let noun = E::KIND.noun();
    if model.sensitivity() > viewer.clearance() {
        return Err(AppError::Forbidden(format!(
            "your role may not write a {noun} more sensitive than {}",
            sensitivity_name(viewer.clearance())
        )));
    }
    match viewer.role {
        Role::Admin => Ok(()),
        Role::Editor => {
            let snapshot = serde_json::to_value(model).map_err(AppError::internal)?;
            let owners = owners(db, E::KIND, &snapshot).await?;
            let scope = viewer.edit_scope.as_deref();
            let in_scope = scope.is_some_and(|s| {
                owners.missions.iter().any(|m| s.missions.contains(m))
                    || owners.clusters.iter().any(|c| s.clusters.contains(c))
            });
            if in_scope {
                Ok(())
            } else if owners.missions.is_empty() && owners.clusters.is_empty() {
                Err(AppError::Forbidden(format!(
                    "only administrators may change a {noun} that belongs to no mission or cluster"
                )))
            } else {
                Err(AppError::Forbidden(format!(
                    "this {noun} belongs to a mission or cluster outside your editing scope"
                )))
            }
        }
        role => Err(AppError::Forbidden(format!(
            "the {} role may not change data",
            role.name()
        ))),
    }
}
