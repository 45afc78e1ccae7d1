//! The change feed: the audit log's entries about changes to records, numbered in commit order
//! (`audit_log.change_seq`), read as a caller may see them.
//!
//! Numbering: a change entry takes its number from `data_version.change_seq` with one
//! `UPDATE … RETURNING`, which holds the row's lock until the writing transaction ends. Two
//! transactions that both number changes are therefore serialised from the first number to the
//! commit, so numbers are handed out in commit order: once a reader sees number `n`, no
//! transaction can still commit a number below `n`, and a reader resuming after `n` misses
//! nothing. Numbers of a rolled-back transaction are never reused, so the feed has gaps, never
//! late arrivals. (docs/ARCHITECTURE.md, "The change feed".)

use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::sea_query::{self, Alias, Expr, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde_json::Value;
use uuid::Uuid;

use super::access::Viewer;
use super::audit::{self, Entry};
use super::record::{Record, RecordKind};
use crate::error::{AppError, AppResult};

/// Whether an audit entry records a change to a record (and so belongs to the feed): entries
/// about a record kind other than reads. Token entries and denials name no kind.
pub fn is_change(entry: &Entry<'_>) -> bool {
    entry.kind.is_some() && entry.operation != audit::READ
}

/// Takes `count` numbers of the feed; answers the first. Call it inside the transaction of the
/// changes it numbers: the row lock it takes is held until that transaction ends.
pub async fn number<C: ConnectionTrait>(db: &C, count: usize) -> AppResult<i64> {
    let count = i64::try_from(count).map_err(AppError::internal)?;
    let update = format!(
        "UPDATE data_version SET change_seq = change_seq + {count} WHERE id = 1 \
         RETURNING change_seq"
    );
    // On PostgreSQL the same statement tells every listening process, at commit, the number of
    // the transaction's last change (`change_signal`): a number, never the change.
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => format!(
            "WITH numbered AS ({update}) SELECT change_seq, \
             pg_notify('{}', change_seq::text) FROM numbered",
            super::change_signal::CHANNEL
        ),
        _ => update,
    };
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("data_version has no row")))?;
    let last: i64 = row.try_get("", "change_seq")?;
    Ok(last - count + 1)
}

/// The records a change concerns, for the feed's filters: the record itself when it is of
/// that kind, otherwise the one its row names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subjects {
    pub mission: Option<Uuid>,
    pub forum: Option<Uuid>,
    pub organization: Option<Uuid>,
    pub cluster: Option<Uuid>,
    /// The post the row names, for rows that reach their mission through it (a hat, an
    /// assignment, a reporting line: the post it runs from, else the one it runs to).
    pub post: Option<Uuid>,
    /// The component the row names (a lead agency, a seat, a reporting line from a component).
    pub component: Option<Uuid>,
}

/// The columns of a row naming the forum, the post and the component a record belongs to, in
/// the order the first one set is taken ([`subjects`]; [`placed`] reads the same).
const FORUM_COLUMNS: [&str; 2] = ["forum_id", "holder_forum_id"];
const POST_COLUMNS: [&str; 6] = [
    "post_id",
    "holder_post_id",
    "member_post_id",
    "established_by_post_id",
    "from_post_id",
    "to_post_id",
];
const COMPONENT_COLUMNS: [&str; 7] = [
    "component_id",
    "holder_component_id",
    "member_component_id",
    "from_component_id",
    "counterpart_component_id",
    "lead_component_id",
    "drafted_by_component_id",
];

/// [`Subjects`] of a change to a record of `kind` whose row is `snapshot` (after the change, or
/// before it when there is no after).
pub fn subjects(kind: RecordKind, id: Option<Uuid>, snapshot: Option<&Value>) -> Subjects {
    let column = |names: &[&str]| {
        names.iter().find_map(|name| {
            snapshot
                .and_then(|s| s.get(*name))
                .and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok())
        })
    };
    let own = |of: RecordKind| if kind == of { id } else { None };
    Subjects {
        mission: own(RecordKind::Mission).or_else(|| column(&["mission_id"])),
        forum: own(RecordKind::Forum).or_else(|| column(&FORUM_COLUMNS)),
        organization: own(RecordKind::Organization).or_else(|| {
            column(&[
                "organization_id",
                "member_organization_id",
                "holder_organization_id",
            ])
        }),
        cluster: own(RecordKind::Cluster).or_else(|| column(&["cluster_id"])),
        post: column(&POST_COLUMNS),
        component: column(&COMPONENT_COLUMNS),
    }
}

/// What a change did, told from the row before and after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Created,
    Updated,
    Ended,
    Archived,
    Restored,
    Renamed,
}

fn is_set(snapshot: Option<&Value>, column: &str) -> bool {
    snapshot
        .and_then(|s| s.get(column))
        .is_some_and(|v| !v.is_null())
}

/// The operation of a change named `name` (the mutation, or `importData`) from `before` to
/// `after`: a new row is CREATED; a mission renamed is RENAMED; `archived_at` set is ARCHIVED,
/// cleared RESTORED; `valid_to` set or moved is ENDED; anything else UPDATED.
pub fn operation(name: &str, before: Option<&Value>, after: Option<&Value>) -> Operation {
    if before.is_none() {
        return Operation::Created;
    }
    if name.starts_with("rename") {
        return Operation::Renamed;
    }
    match (is_set(before, "archived_at"), is_set(after, "archived_at")) {
        (false, true) => return Operation::Archived,
        (true, false) => return Operation::Restored,
        _ => {}
    }
    let ended = before.and_then(|b| b.get("valid_to")) != after.and_then(|a| a.get("valid_to"))
        && is_set(after, "valid_to");
    if ended {
        Operation::Ended
    } else {
        Operation::Updated
    }
}

/// Columns every write moves, left out of the changed fields.
pub const BOOKKEEPING: [&str; 4] = ["id", "version", "created_at", "updated_at"];

/// One field a change set: its column and the values before and after (null where absent).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub column: String,
    pub before: Value,
    pub after: Value,
}

/// The columns whose values differ between `before` and `after` (every column set by a
/// creation), in column order, bookkeeping columns left out. Call it on projected snapshots, so
/// a field the caller may not read never shows (it is null on both sides).
pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before = before.and_then(Value::as_object).unwrap_or(&empty);
    let after = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut columns: Vec<&String> = before.keys().chain(after.keys()).collect();
    columns.sort();
    columns.dedup();
    columns
        .into_iter()
        .filter(|c| !BOOKKEEPING.contains(&c.as_str()))
        .filter_map(|column| {
            let old = before.get(column).cloned().unwrap_or(Value::Null);
            let new = after.get(column).cloned().unwrap_or(Value::Null);
            (old != new).then(|| FieldChange {
                column: column.clone(),
                before: old,
                after: new,
            })
        })
        .collect()
}

/// The ids of the rows of `E` (forums, posts, components: tables with a `mission_id`) in one of
/// `missions`.
fn within<E: EntityTrait + Default>(missions: &[Uuid]) -> SelectStatement {
    Query::select()
        .column(Alias::new("id"))
        .from(E::default())
        .and_where(sea_query::ExprTrait::is_in(
            Expr::col(Alias::new("mission_id")),
            missions.iter().copied(),
        ))
        .to_owned()
}

/// The ids of the records of `E` in one of `missions` as the feed places their changes: by
/// their mission, or by the first forum, post and component their row names (the columns
/// [`subjects`] reads); `None` for a kind whose rows name none of these.
fn placed<E: Record + Default>(missions: &[Uuid]) -> Option<SelectStatement> {
    let first_named = |names: &[&str]| -> Option<Expr> {
        let mut columns: Vec<Expr> = names
            .iter()
            .filter_map(|name| name.parse::<E::Column>().ok())
            .map(Expr::col)
            .collect();
        match columns.len() {
            0 => None,
            1 => columns.pop(),
            _ => Some(Expr::from(Func::coalesce(columns))),
        }
    };
    let mut placed = Condition::any();
    if let Some(mission) = E::MISSION {
        placed = placed.add(mission.is_in(missions.iter().copied()));
    }
    for (names, parents) in [
        (
            &FORUM_COLUMNS[..],
            within::<entity::forum::Entity>(missions),
        ),
        (&POST_COLUMNS[..], within::<entity::post::Entity>(missions)),
        (
            &COMPONENT_COLUMNS[..],
            within::<entity::component::Entity>(missions),
        ),
    ] {
        if let Some(column) = first_named(names) {
            placed = placed.add(sea_query::ExprTrait::in_subquery(column, parents));
        }
    }
    (!placed.is_empty()).then(|| {
        Query::select()
            .column(E::ID)
            .from(E::default())
            .cond_where(placed)
            .to_owned()
    })
}

/// The ids of the citations in one of `missions`: those from a document of one of them, and
/// those of a record in one of them ([`placed`]).
fn cited_within(missions: &[Uuid]) -> SelectStatement {
    use entity::source_citation::{Column, Entity};
    macro_rules! kinds {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            [$((RecordKind::$kind, placed::<entity::$module::Entity>(missions))),*]
        };
    }
    let mut reached = Condition::any()
        .add(Column::DocumentId.in_subquery(within::<entity::document::Entity>(missions)));
    for (kind, records) in entity::for_each_record!(kinds) {
        if let Some(records) = records {
            reached = reached.add(
                Condition::all()
                    .add(Column::RecordType.eq(kind.name()))
                    .add(Column::RecordId.in_subquery(records)),
            );
        }
    }
    Query::select()
        .column(Column::Id)
        .from(Entity)
        .cond_where(reached)
        .to_owned()
}

/// What the feed is narrowed to; every list is "any of", the fields "all of".
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub missions: Option<Vec<Uuid>>,
    pub kinds: Option<Vec<RecordKind>>,
    pub forum: Option<Uuid>,
    pub organization: Option<Uuid>,
    pub cluster: Option<Uuid>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

impl Filter {
    fn condition(&self) -> Condition {
        use audit_entry::Column;
        let mut cond = Condition::all().add(Column::ChangeSeq.is_not_null());
        if let Some(missions) = &self.missions {
            // A change of a row naming a forum (a seat, a link), a post (a hat, an assignment,
            // a reporting line) or a component (a lead agency) belongs to its mission; a change
            // of a citation, to the mission of its document and of the record it cites.
            cond = cond.add(
                Condition::any()
                    .add(Column::MissionId.is_in(missions.iter().copied()))
                    .add(Column::ForumId.in_subquery(within::<entity::forum::Entity>(missions)))
                    .add(Column::PostId.in_subquery(within::<entity::post::Entity>(missions)))
                    .add(
                        Column::ComponentId
                            .in_subquery(within::<entity::component::Entity>(missions)),
                    )
                    .add(
                        Condition::all()
                            .add(Column::RecordType.eq(RecordKind::SourceCitation.table()))
                            .add(Column::RecordId.in_subquery(cited_within(missions))),
                    ),
            );
        }
        if let Some(kinds) = &self.kinds {
            cond = cond.add(Column::RecordType.is_in(kinds.iter().map(|k| k.table())));
        }
        if let Some(forum) = self.forum {
            cond = cond.add(Column::ForumId.eq(forum));
        }
        if let Some(organization) = self.organization {
            cond = cond.add(Column::OrganizationId.eq(organization));
        }
        if let Some(cluster) = self.cluster {
            cond = cond.add(Column::ClusterId.eq(cluster));
        }
        if let Some(since) = self.since {
            cond = cond.add(Column::OccurredAt.gte(since));
        }
        if let Some(until) = self.until {
            cond = cond.add(Column::OccurredAt.lt(until));
        }
        cond
    }
}

/// A page of the feed: the changes, whether more follow, and where the next page starts.
#[derive(Debug)]
pub struct Page {
    pub changes: Vec<audit_entry::Model>,
    pub has_next_page: bool,
    /// The number to read on after: the last change of the page when it is full, otherwise the
    /// last entry read, shown or not (`None` when none was read and no `after` was given).
    pub end: Option<i64>,
}

/// Up to `limit` changes after number `after` (from the start when `None`), oldest first,
/// matching `filter`, as `viewer` may read them: a change of a record the caller may not see
/// now, or could not have seen before or after the change, does not exist for it (the same rule
/// as `auditLog`), and `before`/`after` hold only the fields it may read. A page reads at most
/// [`audit::MAX_SCANNED`] entries: when those hold fewer than `limit` the caller may see, it
/// comes back short (even empty) with `has_next_page` set and `end` past the last entry read.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    filter: &Filter,
    after: Option<i64>,
    limit: u64,
) -> AppResult<Page> {
    // One more than asked tells whether a next page exists.
    let wanted = limit + 1;
    let scan = audit::read_visible(
        viewer,
        wanted,
        |entry| entry.change_seq.unwrap_or_default(),
        after,
        |last| {
            let select = audit_entry::Entity::find()
                .filter(filter.condition())
                .filter(audit::readable_now(viewer))
                .filter(audit_entry::Column::ChangeSeq.gt(last.unwrap_or(0)))
                .order_by_asc(audit_entry::Column::ChangeSeq)
                .limit(wanted);
            async move { Ok(select.all(db).await?) }
        },
    )
    .await?;
    let mut changes = scan.entries;
    if changes.len() as u64 == wanted {
        changes.pop();
        let end = changes.last().and_then(|c| c.change_seq);
        return Ok(Page {
            changes,
            has_next_page: true,
            end,
        });
    }
    Ok(Page {
        changes,
        has_next_page: scan.more,
        end: scan.last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_operation_is_told_from_the_rows() {
        let row = json!({ "archived_at": null, "valid_to": null, "name": "a" });
        let archived = json!({ "archived_at": "2026-01-01T00:00:00Z", "valid_to": null });
        let ended = json!({ "archived_at": null, "valid_to": "2026-01-01" });
        let renamed = json!({ "archived_at": null, "valid_to": null, "name": "b" });
        assert_eq!(
            operation("createForum", None, Some(&row)),
            Operation::Created
        );
        assert_eq!(
            operation("importData", None, Some(&row)),
            Operation::Created
        );
        assert_eq!(
            operation("archiveForum", Some(&row), Some(&archived)),
            Operation::Archived
        );
        assert_eq!(
            operation("importData", Some(&archived), Some(&row)),
            Operation::Restored
        );
        assert_eq!(
            operation("endForumMembership", Some(&row), Some(&ended)),
            Operation::Ended
        );
        assert_eq!(
            operation("renameMission", Some(&row), Some(&renamed)),
            Operation::Renamed
        );
        assert_eq!(
            operation("updateForum", Some(&row), Some(&renamed)),
            Operation::Updated
        );
        assert_eq!(
            operation("importData", Some(&ended), Some(&row)),
            Operation::Updated
        );
    }

    #[test]
    fn changed_fields_leave_out_bookkeeping_and_equal_values() {
        let before = json!({ "id": "x", "version": 1, "updated_at": "a", "name": "A", "note": null, "code": "C" });
        let after = json!({ "id": "x", "version": 2, "updated_at": "b", "name": "B", "note": "n", "code": "C" });
        let fields = changed_fields(Some(&before), Some(&after));
        let columns: Vec<&str> = fields.iter().map(|f| f.column.as_str()).collect();
        assert_eq!(columns, ["name", "note"]);
        assert_eq!(fields[0].before, json!("A"));
        assert_eq!(fields[1].after, json!("n"));
        let created = changed_fields(None, Some(&after));
        assert_eq!(created.len(), 3);
        assert!(created.iter().all(|f| f.before.is_null()));
    }

    #[test]
    fn subjects_are_the_record_or_the_records_it_names() {
        let forum = Uuid::now_v7();
        let org = Uuid::now_v7();
        let seat =
            json!({ "forum_id": forum.to_string(), "member_organization_id": org.to_string() });
        let s = subjects(RecordKind::ForumMembership, Some(Uuid::nil()), Some(&seat));
        assert_eq!(s.forum, Some(forum));
        assert_eq!(s.organization, Some(org));
        assert_eq!(s.mission, None);
        let own = subjects(
            RecordKind::Forum,
            Some(forum),
            Some(&json!({ "mission_id": null })),
        );
        assert_eq!(own.forum, Some(forum));
        assert_eq!(own.mission, None);
        // Rows reaching their mission through a post or a component name them.
        let (post, component) = (Uuid::now_v7(), Uuid::now_v7());
        let hat = json!({ "post_id": post.to_string(), "hat": "SRSG" });
        let s = subjects(RecordKind::PostHat, Some(Uuid::nil()), Some(&hat));
        assert_eq!((s.post, s.component), (Some(post), None));
        let line = json!({ "from_component_id": component.to_string(),
                           "to_post_id": post.to_string(), "from_post_id": null });
        let s = subjects(RecordKind::ReportingLine, Some(Uuid::nil()), Some(&line));
        assert_eq!((s.post, s.component), (Some(post), Some(component)));
    }
}
