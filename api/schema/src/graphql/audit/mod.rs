//! The audit log: who changed what, when, with the record before and after.

use async_graphql::{Context, Json, Object, ID};
use chrono::{DateTime, Utc};
use entity::audit_entry;

use crate::error::AppError;
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::access::Role;
use crate::services::audit;

/// Entries returned by one `auditLog` call at most.
const MAX_ENTRIES: u64 = 1_000;

/// One entry of the append-only audit log.
pub struct AuditEntry(audit_entry::Model);

#[Object]
impl AuditEntry {
    /// When it happened; for a `read`, the first read of its hour (`readWindow`).
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.0.occurred_at
    }

    /// Who did it: `user:<subject>`, `token:<id>`, `anonymous` or `system`.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// The caller's role at the time.
    async fn actor_role(&self) -> &str {
        &self.0.actor_kind
    }

    /// What was done: the mutation's name, `read` for a read of a confidential record, or
    /// `denied` for a refused write.
    async fn operation(&self) -> &str {
        &self.0.operation
    }

    /// The type of the record, e.g. `Mission`.
    async fn record_type(&self) -> &str {
        // The log names the table; the API, the type.
        match NodeKind::from_table(&self.0.record_type) {
            Some(kind) => kind.name(),
            None => &self.0.record_type,
        }
    }

    /// The global ID of the record, when the entry concerns one.
    async fn record_id(&self) -> Option<ID> {
        let kind = NodeKind::from_table(&self.0.record_type)?;
        Some(ids::encode(kind, self.0.record_id?))
    }

    /// The record before the change (null for a creation), as stored, less the fields the
    /// caller may not read (set to null).
    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.0.before.clone().map(Json)
    }

    /// The record after the change, as stored, less the fields the caller may not read. For a
    /// `read`: `{"sensitivity": level, "reads": n}`, the highest level the record was read at and
    /// how many answers held it (as `reads`; `"reads"` is absent on entries of one answer logged
    /// before reads were counted per hour).
    async fn after(&self) -> Option<Json<serde_json::Value>> {
        let mut after = self.0.after.clone();
        if let (Some(serde_json::Value::Object(fields)), Some(reads)) = (&mut after, self.0.reads) {
            fields.insert("reads".into(), reads.into());
        }
        after.map(Json)
    }

    /// For a `read`: how many answers to this caller held the record, in the hour from
    /// `readWindow` (or, on entries logged before reads were counted per hour, in the answers
    /// logged together). Null for other operations. Shown with the entry (to ANALYST and ADMIN).
    async fn reads(&self) -> Option<i64> {
        if self.0.operation != audit::READ {
            return None;
        }
        Some(self.0.reads.unwrap_or_else(|| {
            self.0
                .after
                .as_ref()
                .and_then(|after| after.get("reads"))
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(1)
        }))
    }

    /// For a `read`: the start of the hour (UTC) whose reads the entry counts; the log keeps one
    /// entry per caller, record and hour. Null for other operations and for reads logged before
    /// reads were counted per hour. Shown with the entry (to ANALYST and ADMIN).
    async fn read_window(&self) -> Option<DateTime<Utc>> {
        self.0.read_window
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, oldest first (ANALYST and ADMIN only): of one record (any global ID) or of
    /// everything, optionally since a moment. At most 1,000 entries per call; page with `since`.
    /// Entries about a record above the caller's clearance, at the time of the entry or now, are
    /// left out (a hidden record's ID answers like an unknown one), and `before`/`after` hold
    /// only the fields the caller may read.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only entries about this record.")] record: Option<ID>,
        #[graphql(desc = "Only entries at or after this moment.")] since: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<Vec<AuditEntry>> {
        let viewer = viewer(ctx)?;
        if !matches!(viewer.role, Role::Admin | Role::Analyst) {
            return Err(AppError::Forbidden(
                "only analysts and administrators read the audit log".into(),
            )
            .into());
        }
        let record_id = match record {
            Some(id) => Some(
                ids::decode_any(id.as_str(), "record")
                    .map_err(|_| AppError::invalid("record", "`record` is not a valid ID"))?
                    .1,
            ),
            None => None,
        };
        let rows = audit::list(&api(ctx)?.db, viewer, record_id, since, MAX_ENTRIES).await?;
        Ok(rows.into_iter().map(AuditEntry).collect())
    }
}
