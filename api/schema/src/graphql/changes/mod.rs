//! The change feed: `changes`, committed changes to the map in commit order, resumable from a
//! cursor, as the caller may see them (`services::changes`).

pub mod live;

use async_graphql::connection::{Edge, EmptyFields, PageInfo};
use async_graphql::{Context, Enum, InputObject, Json, Object, ID};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::graphql::context::{api, viewer};
use crate::graphql::cost;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::node::{self, Node};
use crate::services::access::{Role, Viewer};
use crate::services::changes::{self as service, FieldChange, Filter};
use crate::services::record::{RecordKind, RecordModel};
use crate::services::reference;
use crate::services::validate::camel_case;

/// What a change did to its record.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ChangeOperation {
    /// The record was created.
    Created,
    /// Fields of the record changed.
    Updated,
    /// The record's period was ended (`validTo` set).
    Ended,
    /// The record was archived.
    Archived,
    /// An archived record was restored.
    Restored,
    /// The mission was renamed.
    Renamed,
}

impl From<service::Operation> for ChangeOperation {
    fn from(op: service::Operation) -> Self {
        match op {
            service::Operation::Created => Self::Created,
            service::Operation::Updated => Self::Updated,
            service::Operation::Ended => Self::Ended,
            service::Operation::Archived => Self::Archived,
            service::Operation::Restored => Self::Restored,
            service::Operation::Renamed => Self::Renamed,
        }
    }
}

/// A field a change set, with its value before and after as stored (snake_case column names
/// turned to camelCase). A field the caller may not read is left out.
pub struct ChangedField(FieldChange);

#[Object]
impl ChangedField {
    /// The field's name, e.g. `name`, `validTo`, `memberOrganizationId` (record IDs in values
    /// are raw UUIDs, as stored).
    async fn field(&self) -> String {
        camel_case(&self.0.column)
    }

    /// The value before the change (null for a creation or a field that was empty).
    async fn before(&self) -> Json<serde_json::Value> {
        Json(self.0.before.clone())
    }

    /// The value after the change.
    async fn after(&self) -> Json<serde_json::Value> {
        Json(self.0.after.clone())
    }
}

/// One committed change to a record of the map.
pub struct MapChange {
    entry: audit_entry::Model,
    /// Whether the caller may see who made it.
    shows_actor: bool,
}

impl MapChange {
    fn kind(&self) -> AppResult<RecordKind> {
        RecordKind::from_table(&self.entry.record_type).ok_or_else(|| {
            AppError::internal(anyhow::anyhow!(
                "a change names an unknown table {}",
                self.entry.record_type
            ))
        })
    }

    fn record_uuid(&self) -> AppResult<uuid::Uuid> {
        self.entry
            .record_id
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("a change names no record")))
    }
}

#[Object]
impl MapChange {
    /// The change's place in the feed: give it as `after` to read the changes that follow.
    async fn cursor(&self) -> String {
        encode_cursor(self.entry.change_seq.unwrap_or_default())
    }

    /// When the change was made.
    async fn occurred_at(&self) -> DateTime<Utc> {
        self.entry.occurred_at
    }

    /// What the change did.
    async fn operation(&self) -> ChangeOperation {
        service::operation(
            &self.entry.operation,
            self.entry.before.as_ref(),
            self.entry.after.as_ref(),
        )
        .into()
    }

    /// The write that made it: the mutation's name (`addForumMembership`), or `importData`.
    async fn operation_name(&self) -> &str {
        &self.entry.operation
    }

    /// The type of the record changed, e.g. `ForumMembership`.
    async fn record_type(&self) -> async_graphql::Result<&'static str> {
        Ok(self.kind()?.name())
    }

    /// The global ID of the record changed.
    async fn record_id(&self) -> async_graphql::Result<ID> {
        Ok(ids::encode(self.kind()?, self.record_uuid()?))
    }

    /// The record as it is now, when the caller may still read it; null otherwise.
    async fn record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        let id = ids::encode(self.kind()?, self.record_uuid()?);
        Ok(node::load(ctx, &id).await.ok())
    }

    /// The fields the change set, with their values before and after (every field set, for a
    /// creation), only those the caller may read.
    #[graphql(complexity = "cost::list(FIELDS, child_complexity)")]
    async fn fields(&self) -> Vec<ChangedField> {
        service::changed_fields(self.entry.before.as_ref(), self.entry.after.as_ref())
            .into_iter()
            .map(ChangedField)
            .collect()
    }

    /// Who made the change (`user:<subject>`, `token:<id>`, `system`): shown to ANALYST and
    /// ADMIN callers only, null for others.
    async fn actor(&self) -> Option<&str> {
        self.shows_actor.then_some(self.entry.actor.as_str())
    }
}

/// The most fields a change of any record sets: the widest table's columns (a forum's 22) less
/// the bookkeeping ones (a test checks it against the registry).
const FIELDS: usize = 18;

const CURSOR_PREFIX: &str = "change:";

fn encode_cursor(seq: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{seq}"))
}

fn decode_cursor(cursor: &str) -> AppResult<i64> {
    let invalid = || AppError::invalid("after", "`after` is not a valid cursor of `changes`");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    text.strip_prefix(CURSOR_PREFIX)
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .ok_or_else(invalid)
}

/// Which changes to read; every condition given must hold.
#[derive(InputObject, Default)]
pub struct ChangeFilter {
    /// Changes of these missions (IDs or acronyms, current or former): the missions
    /// themselves, the records naming them, the seats and links of their forums, and the
    /// records naming one of their posts or components (hats, assignments, reporting lines,
    /// lead roles), and the source citations of any of these records or from their documents.
    pub missions: Option<Vec<String>>,
    /// Changes of records of these types (`Forum`, `ForumMembership`, ...).
    pub record_types: Option<Vec<String>>,
    /// Changes of this forum or of records naming it (its seats, its links, rights it holds).
    pub forum: Option<ID>,
    /// Changes of this organisation (ID or code) or of records naming it (its seats, its
    /// rights, what it leads).
    pub organization: Option<String>,
    /// Changes of this cluster (ID or code) or of records naming it.
    pub cluster: Option<String>,
    /// Changes made at or after this moment.
    pub since: Option<DateTime<Utc>>,
    /// Changes made before this moment.
    pub until: Option<DateTime<Utc>>,
}

/// The most missions one filter names.
const MAX_MISSIONS: usize = 50;

/// The record `reference` (an ID, or a code or acronym) names, as `viewer` may see it: a hidden
/// one is NOT_FOUND like an unknown one; `field` names the argument in errors.
pub(crate) async fn find<E: reference::Named>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    field: &str,
    reference: &str,
) -> AppResult<Uuid> {
    let found = reference::resolve::<E, _>(db, viewer, field, &ids::reference(reference)).await?;
    Ok(found.id())
}

/// The filter as the service takes it: every named record looked up as the caller may see it
/// (a hidden one answers NOT_FOUND like an unknown one).
pub async fn resolve_filter(
    db: &DatabaseConnection,
    viewer: &Viewer,
    filter: ChangeFilter,
) -> AppResult<Filter> {
    let mut out = Filter::default();
    if let Some(missions) = filter.missions {
        if missions.is_empty() || missions.len() > MAX_MISSIONS {
            return Err(AppError::invalid(
                "filter.missions",
                format!(
                    "`filter.missions` must name from 1 to {MAX_MISSIONS} missions; got {}",
                    missions.len()
                ),
            ));
        }
        let mut ids = Vec::with_capacity(missions.len());
        for mission in &missions {
            ids.push(
                find::<entity::mission::Entity>(db, viewer, "filter.missions", mission).await?,
            );
        }
        out.missions = Some(ids);
    }
    if let Some(types) = filter.record_types {
        if types.is_empty() {
            return Err(AppError::invalid(
                "filter.recordTypes",
                "`filter.recordTypes` must name at least one type",
            ));
        }
        let mut kinds = Vec::with_capacity(types.len());
        for name in &types {
            let kind = NodeKind::from_name(name).ok_or_else(|| {
                AppError::invalid(
                    "filter.recordTypes",
                    format!(
                        "`filter.recordTypes`: {name} is not a record type; the types are {}",
                        RecordKind::ALL.map(RecordKind::name).join(", ")
                    ),
                )
            })?;
            kinds.push(kind);
        }
        out.kinds = Some(kinds);
    }
    if let Some(forum) = filter.forum {
        out.forum =
            Some(find::<entity::forum::Entity>(db, viewer, "filter.forum", forum.as_str()).await?);
    }
    if let Some(organization) = filter.organization {
        out.organization = Some(
            find::<entity::organization::Entity>(db, viewer, "filter.organization", &organization)
                .await?,
        );
    }
    if let Some(cluster) = filter.cluster {
        out.cluster =
            Some(find::<entity::cluster::Entity>(db, viewer, "filter.cluster", &cluster).await?);
    }
    if let (Some(since), Some(until)) = (filter.since, filter.until) {
        if until <= since {
            return Err(AppError::invalid(
                "filter.until",
                "`filter.until` must be after `filter.since`",
            ));
        }
    }
    out.since = filter.since;
    out.until = filter.until;
    Ok(out)
}

/// Whether `viewer` may see who made a change.
pub fn shows_actor(viewer: &Viewer) -> bool {
    matches!(viewer.role, Role::Admin | Role::Analyst)
}

/// A page of the feed as a Relay connection whose `endCursor` is where the next page starts:
/// the last change of the page, or past the last entry read when hidden entries made the page
/// short (`services::changes::Page::end`), which no edge carries.
pub struct MapChangeConnection {
    edges: Vec<Edge<String, MapChange, EmptyFields>>,
    page_info: PageInfo,
}

#[Object]
impl MapChangeConnection {
    /// A list of edges.
    async fn edges(&self) -> &[Edge<String, MapChange, EmptyFields>] {
        &self.edges
    }

    /// A list of nodes.
    async fn nodes(&self) -> Vec<&MapChange> {
        self.edges.iter().map(|edge| &edge.node).collect()
    }

    /// Information to aid in pagination.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
}

#[derive(Default)]
pub struct ChangesQuery;

#[Object]
impl ChangesQuery {
    /// Committed changes to the map, oldest first, in the order they were committed: give the
    /// page's `pageInfo.endCursor` as `after` to resume, and nothing committed since is skipped
    /// or repeated.
    /// Anyone may read it, and each caller reads only changes of records it may see now and
    /// could see before and after the change (a record raised above its clearance drops out of
    /// its feed, its earlier changes included); `fields` hold only what it may read, and `actor`
    /// shows to ANALYST and ADMIN callers only. Changes made before the feed existed are not in it.
    /// A page reads at most 5,000 entries of the log: when changes the caller may not see fill
    /// them, the page holds fewer changes than `first` (possibly none) with `hasNextPage` true,
    /// and `endCursor` points past the last entry read, beyond the last edge.
    #[graphql(complexity = "cost::capped(first, cost::CHANGE_FEED, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which changes to read.")] filter: Option<ChangeFilter>,
        #[graphql(desc = "How many changes (1 to 100; 50 by default).")] first: Option<i32>,
        #[graphql(desc = "Only changes after this cursor (a `cursor` read before).")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<MapChangeConnection> {
        let limit = cost::first(first, cost::CHANGE_FEED)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let db = &api(ctx)?.db;
        let viewer = viewer(ctx)?;
        let filter = resolve_filter(db, viewer, filter.unwrap_or_default()).await?;
        let page = service::page(db, viewer, &filter, after, limit as u64).await?;
        let shows_actor = shows_actor(viewer);
        let edges: Vec<_> = page
            .changes
            .into_iter()
            .map(|entry| {
                let cursor = encode_cursor(entry.change_seq.unwrap_or_default());
                Edge::new(cursor, MapChange { entry, shows_actor })
            })
            .collect();
        let page_info = PageInfo {
            has_previous_page: after.is_some(),
            has_next_page: page.has_next_page,
            start_cursor: edges.first().map(|edge| edge.cursor.clone()),
            end_cursor: page.end.map(encode_cursor),
        };
        Ok(MapChangeConnection { edges, page_info })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_others_are_refused() {
        assert_eq!(decode_cursor(&encode_cursor(42)).ok(), Some(42));
        for bad in ["", "!!", "Y2hhbmdlOg", "Y2hhbmdlOi0x"] {
            let err = decode_cursor(bad).expect_err(bad);
            assert_eq!(err.message(), "`after` is not a valid cursor of `changes`");
        }
        assert_eq!(camel_case("member_organization_id"), "memberOrganizationId");
    }

    #[test]
    fn no_change_sets_more_fields_than_it_is_charged_for() {
        use sea_orm::Iterable;
        macro_rules! widest {
            (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
                [$(entity::$module::Column::iter().count()),*].into_iter().max().unwrap_or(0)
            };
        }
        let widest: usize = entity::for_each_record!(widest);
        assert_eq!(widest - service::BOOKKEEPING.len(), FIELDS);
    }
}
