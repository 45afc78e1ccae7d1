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
        post_id: Set(subjects.post),
        component_id: Set(subjects.component),
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
///
/// The list is paged by `since` and cannot say where a scan stopped, so it reads on past the
/// bound of one scan ([`MAX_SCANNED`]) until `limit` entries are kept or the log ends.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    record_id: Option<Uuid>,
    since: Option<DateTime<Utc>>,
    limit: u64,
) -> AppResult<Vec<audit_entry::Model>> {
    let mut out = Vec::new();
    let mut from = None;
    loop {
        let scan = read_visible(
            viewer,
            limit - out.len() as u64,
            |entry| (entry.occurred_at, entry.id),
            from,
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
        .await?;
        out.extend(scan.entries);
        if !scan.more || out.len() as u64 >= limit {
            return Ok(out);
        }
        from = scan.last;
    }
}

/// The most entries one scan of the log reads ([`read_visible`]), whatever it keeps: a page of
/// entries mostly hidden from the caller stops there, short, rather than read the whole log.
pub const MAX_SCANNED: u64 = 5_000;

/// What one scan of the log kept, and where it stopped.
#[derive(Debug)]
pub struct Scan<K> {
    /// The entries kept, as the caller may read them, in the log's order.
    pub entries: Vec<audit_entry::Model>,
    /// The key of the last entry read, kept or not (`None` when none was read): a scan
    /// resuming after it reads on where this one stopped.
    pub last: Option<K>,
    /// Whether entries may follow: the scan stopped because it had kept `wanted` entries or
    /// read [`MAX_SCANNED`], not because the log ended.
    pub more: bool,
}

/// Reads the log in batches, each batch (`batch(last)`) starting after the key (`key`) of the
/// last entry read (after `from` for the first), and keeps the entries `viewer` may read
/// ([`as_read_by`]), until `wanted` are kept, a batch comes back shorter than `wanted` (the end
/// of the log) or [`MAX_SCANNED`] entries have been read. Entries the caller may not read cost
/// reading, never a place in the answer; a scan cut short by the bound answers fewer entries
/// with `more` set and the key of the last entry it read, so a reader paging on from there
/// neither reads an entry twice nor skips one.
pub(crate) async fn read_visible<K: Clone, Fut>(
    viewer: &Viewer,
    wanted: u64,
    key: impl Fn(&audit_entry::Model) -> K,
    from: Option<K>,
    mut batch: impl FnMut(Option<K>) -> Fut,
) -> AppResult<Scan<K>>
where
    Fut: std::future::Future<Output = AppResult<Vec<audit_entry::Model>>>,
{
    let mut scan = Scan {
        entries: Vec::new(),
        last: from,
        more: true,
    };
    let mut scanned = 0u64;
    loop {
        let entries = batch(scan.last.clone()).await?;
        let complete = (entries.len() as u64) < wanted;
        let count = entries.len();
        for (i, entry) in entries.into_iter().enumerate() {
            scanned += 1;
            scan.last = Some(key(&entry));
            if let Some(entry) = as_read_by(viewer, entry) {
                scan.entries.push(entry);
                if scan.entries.len() as u64 == wanted {
                    return Ok(scan);
                }
            }
            if scanned == MAX_SCANNED {
                scan.more = !(complete && i + 1 == count);
                return Ok(scan);
            }
        }
        if complete {
            scan.more = false;
            return Ok(scan);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::services::access::Role;
    use serde_json::json;

    fn read_entry(after: Option<serde_json::Value>) -> audit_entry::Model {
        audit_entry::Model {
            after,
            ..entry(READ, RecordKind::Person)
        }
    }

    /// An entry of `operation` about a record of `kind`, by an administrator, with nothing else
    /// set (tests fill in what they need).
    pub(crate) fn entry(operation: &str, kind: RecordKind) -> audit_entry::Model {
        audit_entry::Model {
            id: Uuid::nil(),
            occurred_at: Utc::now(),
            actor: "user:admin".into(),
            actor_kind: "ADMIN".into(),
            operation: operation.into(),
            record_type: kind.table().into(),
            record_id: Some(Uuid::nil()),
            before: None,
            after: None,
            request_id: None,
            change_seq: None,
            mission_id: None,
            forum_id: None,
            organization_id: None,
            cluster_id: None,
            post_id: None,
            component_id: None,
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

    /// The `seq`th change of a forum at `level`.
    fn change(seq: i64, level: &str) -> audit_entry::Model {
        audit_entry::Model {
            operation: "updateForum".into(),
            record_type: RecordKind::Forum.table().into(),
            after: Some(json!({ "sensitivity": level })),
            change_seq: Some(seq),
            ..read_entry(None)
        }
    }

    #[tokio::test]
    async fn a_scan_stops_at_its_bound_and_paging_on_reaches_every_visible_entry_once() {
        let mut viewer = Viewer::system();
        viewer.role = Role::Viewer;
        // Twice the bound and some of entries the viewer may not read, then three it may,
        // one of them among more hidden ones.
        let hidden = 2 * MAX_SCANNED + 7;
        let mut log: Vec<audit_entry::Model> = (1..=hidden as i64)
            .map(|seq| change(seq, "CONFIDENTIAL"))
            .collect();
        let visible = [hidden as i64 + 1, hidden as i64 + 3, hidden as i64 + 6];
        for seq in hidden as i64 + 1..=hidden as i64 + 6 {
            let level = if visible.contains(&seq) {
                "PUBLIC"
            } else {
                "STRICTLY_CONFIDENTIAL"
            };
            log.push(change(seq, level));
        }
        let wanted = 2;
        let read = std::cell::Cell::new(0u64);
        let mut pages = Vec::new();
        let mut from = None;
        loop {
            let before = read.get();
            let scan = read_visible(
                &viewer,
                wanted,
                |entry| entry.change_seq.unwrap_or_default(),
                from,
                |last| {
                    let batch: Vec<_> = log
                        .iter()
                        .filter(|e| e.change_seq > last)
                        .take(wanted as usize)
                        .cloned()
                        .collect();
                    read.set(read.get() + batch.len() as u64);
                    async move { Ok(batch) }
                },
            )
            .await
            .expect("scan");
            assert!(
                read.get() - before <= MAX_SCANNED + wanted,
                "a scan reads past its bound"
            );
            let seqs: Vec<i64> = scan.entries.iter().filter_map(|e| e.change_seq).collect();
            pages.push((seqs, scan.more));
            if !scan.more {
                break;
            }
            assert!(scan.last > from, "a scan with more to read moves on");
            from = scan.last;
        }
        // Two pages hold nothing but say more follows; then the visible entries, each once.
        assert_eq!(pages[0], (vec![], true));
        assert_eq!(pages[1], (vec![], true));
        let kept: Vec<i64> = pages.iter().flat_map(|(seqs, _)| seqs.clone()).collect();
        assert_eq!(kept, visible);
        assert!(pages.iter().all(|(seqs, _)| seqs.len() as u64 <= wanted));
    }
}
