//! The append-only audit log: every change, every denial and every read of confidential records
//! (reads counted per caller, record and hour: the one kind of entry that changes once written,
//! its `reads` growing; `services::read_log`).

use chrono::{DateTime, Utc};
use entity::audit_entry;
use entity::enums::Sensitivity;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use uuid::Uuid;

use super::access::Viewer;
use super::record::RecordKind;
use super::{changes, exists, projection};
use crate::error::{AppError, AppResult};

/// The operation of the entries of confidential reads (`services::read_log`).
pub const READ: &str = "read";

/// One audit entry to write. The log names a record by its table (`record_type`, e.g.
/// `areas_of_responsibility`) and id; the API shows the kind's type name
/// (`graphql::audit`).
#[derive(Debug)]
pub struct Entry<'a> {
    pub operation: &'a str,
    pub kind: Option<RecordKind>,
    pub record_id: Option<Uuid>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A record as it goes into the log.
pub fn snapshot<T: Serialize>(record: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(record).map_err(AppError::internal)
}

/// Appends an entry; call it inside the transaction of the change it describes. An entry about
/// a change to a record takes the next number of the change feed (`services::changes`).
pub async fn append<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    entry: Entry<'_>,
) -> AppResult<()> {
    let seq = if changes::is_change(&entry) {
        Some(changes::number(db, 1).await?)
    } else {
        None
    };
    row(viewer, Utc::now(), entry, seq).insert(db).await?;
    Ok(())
}

/// The row of `entry`, numbered `seq` in the change feed.
fn row(
    viewer: &Viewer,
    now: DateTime<Utc>,
    entry: Entry<'_>,
    seq: Option<i64>,
) -> audit_entry::ActiveModel {
    row_of(&viewer.actor, viewer.role.name(), now, entry, seq)
}

/// The row of `entry` by `actor` in the role `role` (`Role::name`), numbered `seq` in the change
/// feed. Counted reads set their window and count on it (`services::read_log`).
pub(super) fn row_of(
    actor: &str,
    role: &str,
    now: DateTime<Utc>,
    entry: Entry<'_>,
    seq: Option<i64>,
) -> audit_entry::ActiveModel {
    let subjects = match (seq, entry.kind) {
        (Some(_), Some(kind)) => changes::subjects(
            kind,
            entry.record_id,
            entry.after.as_ref().or(entry.before.as_ref()),
        ),
        _ => changes::Subjects::default(),
    };
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(now),
        actor: Set(actor.to_owned()),
        actor_kind: Set(role.to_owned()),
        operation: Set(entry.operation.to_owned()),
        record_type: Set(entry.kind.map(|k| k.table().to_owned()).unwrap_or_default()),
        record_id: Set(entry.record_id),
        before: Set(entry.before),
        after: Set(entry.after),
        request_id: Set(None),
        change_seq: Set(seq),
        mission_id: Set(subjects.mission),
        forum_id: Set(subjects.forum),
        organization_id: Set(subjects.organization),
        cluster_id: Set(subjects.cluster),
        read_window: Set(None),
        reads: Set(None),
    }
}

/// Appends several entries in one statement per batch (bulk imports write thousands); call it
/// inside the transaction of the changes they describe. Changes are numbered in the order given.
pub async fn append_many<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    entries: Vec<Entry<'_>>,
) -> AppResult<()> {
    // Fifteen columns per entry keep a batch of 500 well under the bound-value limits of SQLite
    // and PostgreSQL.
    const PER_STATEMENT: usize = 500;
    let now = Utc::now();
    let count = entries.iter().filter(|e| changes::is_change(e)).count();
    let mut next = if count > 0 {
        changes::number(db, count).await?
    } else {
        0
    };
    let mut rows: Vec<audit_entry::ActiveModel> = Vec::with_capacity(entries.len());
    for entry in entries {
        let seq = changes::is_change(&entry).then(|| {
            next += 1;
            next - 1
        });
        rows.push(row(viewer, now, entry, seq));
        if rows.len() == PER_STATEMENT {
            audit_entry::Entity::insert_many(std::mem::take(&mut rows))
                .exec_without_returning(db)
                .await?;
        }
    }
    if !rows.is_empty() {
        audit_entry::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Whether an entry may be shown to `viewer` as far as its own snapshots tell: the record's
/// sensitivity at the time of the entry (in `before` and `after`) within the caller's clearance.
/// Its sensitivity now is checked in SQL by [`list`].
fn readable_then(viewer: &Viewer, entry: &audit_entry::Model) -> bool {
    // A read is logged only for confidential records, with the level the record had then; reads
    // logged before the level was kept do not say it, so they stay with readers cleared for all.
    let level_unknown = entry
        .after
        .as_ref()
        .is_none_or(|after| after.get("sensitivity").is_none());
    if entry.operation == READ
        && level_unknown
        && !viewer.can_see(Sensitivity::StrictlyConfidential)
    {
        return false;
    }
    [&entry.before, &entry.after]
        .into_iter()
        .flatten()
        .filter_map(|snapshot| snapshot.get("sensitivity"))
        .all(|level| {
            serde_json::from_value::<Sensitivity>(level.clone())
                .is_ok_and(|level| viewer.can_see(level))
        })
}

/// `entry` as `viewer` may read it, if it may read it as far as the entry's own snapshots tell
/// ([`readable_then`]; its record's visibility now is for the SQL, [`readable_now`]): the
/// records in `before`/`after` projected like any other read (`projection::project`).
pub(crate) fn as_read_by(
    viewer: &Viewer,
    mut entry: audit_entry::Model,
) -> Option<audit_entry::Model> {
    if !readable_then(viewer, &entry) {
        return None;
    }
    if let Some(kind) = RecordKind::from_table(&entry.record_type) {
        for snapshot in [&mut entry.before, &mut entry.after].into_iter().flatten() {
            projection::project_value(viewer, kind, snapshot);
        }
    }
    Some(entry)
}

/// Entries about no record, or about one `viewer` may see now.
pub(crate) fn readable_now(viewer: &Viewer) -> Condition {
    let mut readable = Condition::any()
        .add(audit_entry::Column::RecordId.is_null())
        .add(audit_entry::Column::RecordType.is_not_in(RecordKind::ALL.map(RecordKind::table)));
    for kind in RecordKind::ALL {
        readable = readable.add(
            Condition::all()
                .add(audit_entry::Column::RecordType.eq(kind.table()))
                .add(audit_entry::Column::RecordId.in_subquery(exists::visible_ids(viewer, kind))),
        );
    }
    readable
}

/// The log of one record (or of everything), oldest first, optionally since a moment, as
/// `viewer` may read it: an entry about a record above its clearance, then or now, does not
/// exist for it (an entry about a hidden record reads as one about an unknown record), and the
/// records in `before`/`after` are projected like any other read (`projection::project`).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    record_id: Option<Uuid>,
    since: Option<DateTime<Utc>>,
    limit: u64,
) -> AppResult<Vec<audit_entry::Model>> {
    read_visible(
        viewer,
        limit,
        |entry| (entry.occurred_at, entry.id),
        |last| {
            let mut select = audit_entry::Entity::find().filter(readable_now(viewer));
            if let Some(id) = record_id {
                select = select.filter(audit_entry::Column::RecordId.eq(id));
            }
            if let Some(since) = since {
                select = select.filter(audit_entry::Column::OccurredAt.gte(since));
            }
            if let Some((at, id)) = last {
                select = select.filter(
                    Condition::any()
                        .add(audit_entry::Column::OccurredAt.gt(at))
                        .add(
                            Condition::all()
                                .add(audit_entry::Column::OccurredAt.eq(at))
                                .add(audit_entry::Column::Id.gt(id)),
                        ),
                );
            }
            let select = select
                .order_by_asc(audit_entry::Column::OccurredAt)
                .order_by_asc(audit_entry::Column::Id)
                .limit(limit);
            async move { Ok(select.all(db).await?) }
        },
    )
    .await
}

/// Reads the log in batches of `wanted` entries, each batch (`batch(last)`) starting after the
/// key (`key`) of the last entry read, and keeps the entries `viewer` may read
/// ([`as_read_by`]), until `wanted` are kept or a batch comes back short (the end of the log).
/// Entries the caller may not read cost reading, never a place in the answer.
pub(crate) async fn read_visible<K, Fut>(
    viewer: &Viewer,
    wanted: u64,
    key: impl Fn(&audit_entry::Model) -> K,
    mut batch: impl FnMut(Option<K>) -> Fut,
) -> AppResult<Vec<audit_entry::Model>>
where
    Fut: std::future::Future<Output = AppResult<Vec<audit_entry::Model>>>,
{
    let mut out = Vec::new();
    let mut last = None;
    loop {
        let entries = batch(last.take()).await?;
        let complete = (entries.len() as u64) < wanted;
        let mut next = None;
        for entry in entries {
            next = Some(key(&entry));
            let Some(entry) = as_read_by(viewer, entry) else {
                continue;
            };
            out.push(entry);
            if out.len() as u64 == wanted {
                return Ok(out);
            }
        }
        if complete {
            return Ok(out);
        }
        last = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::access::Role;
    use serde_json::json;

    fn read_entry(after: Option<serde_json::Value>) -> audit_entry::Model {
        audit_entry::Model {
            id: Uuid::nil(),
            occurred_at: Utc::now(),
            actor: "user:admin".into(),
            actor_kind: "ADMIN".into(),
            operation: READ.into(),
            record_type: RecordKind::Person.table().into(),
            record_id: Some(Uuid::nil()),
            before: None,
            after,
            request_id: None,
            change_seq: None,
            mission_id: None,
            forum_id: None,
            organization_id: None,
            cluster_id: None,
            read_window: None,
            reads: None,
        }
    }

    #[test]
    fn a_read_shows_to_readers_cleared_for_the_level_it_was_read_at() {
        let admin = Viewer::system();
        let mut analyst = Viewer::system();
        analyst.role = Role::Analyst;
        let confidential = read_entry(Some(json!({ "sensitivity": "CONFIDENTIAL" })));
        let strictly = read_entry(Some(
            json!({ "sensitivity": "STRICTLY_CONFIDENTIAL", "reads": 2 }),
        ));
        let unknown = read_entry(Some(json!({ "reads": 2 })));
        let bare = read_entry(None);
        assert!(readable_then(&analyst, &confidential));
        assert!(!readable_then(&analyst, &strictly));
        assert!(!readable_then(&analyst, &unknown));
        assert!(!readable_then(&analyst, &bare));
        for entry in [&confidential, &strictly, &unknown, &bare] {
            assert!(readable_then(&admin, entry));
        }
    }
}
