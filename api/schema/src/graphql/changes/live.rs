//! The live change feed: subscriptions that stream the changes of `changes` as they commit
//! (served over WebSocket by the HTTP layer, `api/src/subscriptions/`).
//!
//! A subscription is a reader of the feed that waits: it reads the changes after its cursor
//! through its caller's view (`services::changes::page`, the query's own reader), hands them
//! out one by one, and when it has read everything, waits for the number of the last committed
//! change to pass what it had seen (`services::change_signal`). The cursor is the feed's, so a
//! client that reconnects with the last cursor it received gets every change after it, in
//! commit order, exactly once, whichever replica it reaches and whatever restarted meanwhile.

use std::collections::VecDeque;
use std::sync::Arc;

use async_graphql::{Context, Subscription, ID};
use entity::audit_entry;
use futures_util::Stream;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::{decode_cursor, find, resolve_filter, shows_actor, ChangeFilter, MapChange};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::graphql::context::{api, request, EventGate, FeedPosition, FeedStart};
use crate::services::access::Viewer;
use crate::services::change_signal::Waiter;
use crate::services::changes::{self as service, Filter};
use crate::services::data_version;
use crate::services::record::RecordKind;

/// Changes read from the database at once by one subscription.
const PAGE: u64 = 100;

/// Which records' changes a subscription keeps beyond its filter (a decision area is named in
/// the row of a right, not in the log's columns).
type Keep = Box<dyn Fn(&audit_entry::Model) -> bool + Send + Sync>;

#[derive(Default)]
pub struct ChangesSubscription;

#[Subscription]
impl ChangesSubscription {
    /// The changes of `changes` as they commit, oldest first: with `after`, first every change
    /// since that cursor (nothing missed while away, across restarts and replicas), then each
    /// new one; without it, the changes committed from now on. Each change is shown as
    /// `changes` shows it to the caller: only changes of records it may see, only fields it may
    /// read, `actor` to ANALYST and ADMIN callers only. Served over WebSocket at `/graphql`
    /// (`graphql-transport-ws`).
    async fn map_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which changes to stream.")] filter: Option<ChangeFilter>,
        #[graphql(desc = "Start after this cursor (a `cursor` received before).")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<MapChange>>> {
        let (db, viewer) = caller(ctx)?;
        let filter = resolve_filter(&db, &viewer, filter.unwrap_or_default()).await?;
        Ok(follow(ctx, filter, after, None).await?)
    }

    /// Seats of forums as they change (created, updated, ended, archived): of one forum, one
    /// organisation's seats everywhere, or every forum of one mission. Give exactly one of
    /// `forum`, `organization` and `mission`. For HQ keeping membership current across missions;
    /// the same changes and visibility as `mapChanged`.
    async fn membership_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The forum whose seats to follow.")] forum: Option<ID>,
        #[graphql(desc = "The organisation (ID or code) whose seats to follow.")]
        organization: Option<String>,
        #[graphql(desc = "The mission (ID or acronym) whose forums' seats to follow.")]
        mission: Option<String>,
        #[graphql(desc = "Start after this cursor (a `cursor` received before).")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<MapChange>>> {
        let named = [forum.is_some(), organization.is_some(), mission.is_some()];
        if named.iter().filter(|n| **n).count() != 1 {
            return Err(AppError::invalid(
                "forum",
                "give exactly one of `forum`, `organization` and `mission`",
            )
            .into());
        }
        let (db, viewer) = caller(ctx)?;
        let filter = Filter {
            kinds: Some(vec![RecordKind::ForumMembership]),
            missions: match mission {
                Some(mission) => Some(vec![
                    find::<entity::mission::Entity>(&db, &viewer, "mission", &mission).await?,
                ]),
                None => None,
            },
            forum: match forum {
                Some(forum) => Some(
                    find::<entity::forum::Entity>(&db, &viewer, "forum", forum.as_str()).await?,
                ),
                None => None,
            },
            organization: match organization {
                Some(organization) => Some(
                    find::<entity::organization::Entity>(
                        &db,
                        &viewer,
                        "organization",
                        &organization,
                    )
                    .await?,
                ),
                None => None,
            },
            ..Filter::default()
        };
        Ok(follow(ctx, filter, after, None).await?)
    }

    /// Decision rights of one mission as they change (granted, changed, ended), of every
    /// decision area or of one. The same changes and visibility as `mapChanged`.
    async fn decision_rights_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission (ID or acronym).")] mission: String,
        #[graphql(desc = "Only rights over this decision area (ID or code).")] area: Option<String>,
        #[graphql(desc = "Start after this cursor (a `cursor` received before).")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<MapChange>>> {
        let (db, viewer) = caller(ctx)?;
        let filter = Filter {
            kinds: Some(vec![RecordKind::DecisionRight]),
            missions: Some(vec![
                find::<entity::mission::Entity>(&db, &viewer, "mission", &mission).await?,
            ]),
            ..Filter::default()
        };
        let keep: Option<Keep> = match area {
            Some(area) => {
                let area =
                    find::<entity::decision_area::Entity>(&db, &viewer, "area", &area).await?;
                Some(Box::new(move |entry| names_area(entry, area)))
            }
            None => None,
        };
        Ok(follow(ctx, filter, after, keep).await?)
    }
}

/// Whether a change of a decision right concerns `area` (before or after it).
fn names_area(entry: &audit_entry::Model, area: Uuid) -> bool {
    let area = area.to_string();
    [entry.before.as_ref(), entry.after.as_ref()]
        .into_iter()
        .flatten()
        .any(|row| row.get("decision_area_id").and_then(|v| v.as_str()) == Some(area.as_str()))
}

fn caller(ctx: &Context<'_>) -> AppResult<(DatabaseConnection, Viewer)> {
    Ok((api(ctx)?.db.clone(), request(ctx)?.viewer.clone()))
}

/// One subscription's place in the feed.
struct Follower {
    db: DatabaseConnection,
    viewer: Viewer,
    filter: Filter,
    keep: Option<Keep>,
    gate: Arc<EventGate>,
    waiter: Waiter,
    /// The number of the last change read (or skipped).
    cursor: i64,
    /// The last committed number known when the feed was last read.
    seen: i64,
    /// Changes read and not yet handed out.
    buffer: VecDeque<audit_entry::Model>,
    /// Whether the last read left changes to read.
    more: bool,
    shows_actor: bool,
    /// Where the transport learns the number of each change handed out.
    position: Option<Arc<FeedPosition>>,
    /// Set after an error: the stream ends.
    done: bool,
}

impl Follower {
    /// The next change for the caller, waiting for one when it has read them all.
    async fn next(&mut self) -> AppResult<MapChange> {
        loop {
            while let Some(entry) = self.buffer.pop_front() {
                if self.keep.as_ref().is_some_and(|keep| !keep(&entry)) {
                    continue;
                }
                self.gate.enter().await?;
                if let (Some(position), Some(seq)) = (&self.position, entry.change_seq) {
                    position.handed(seq);
                }
                return Ok(MapChange {
                    entry,
                    shows_actor: self.shows_actor,
                });
            }
            if self.more {
                self.seen = self.seen.max(self.waiter.known());
            } else {
                self.gate.leave();
                self.seen = self.waiter.past(self.seen).await;
            }
            self.gate.enter().await?;
            let page = service::page(
                &self.db,
                &self.viewer,
                &self.filter,
                Some(self.cursor),
                PAGE,
            )
            .await?;
            // Past the entries read, shown or not: a page that scanned only hidden ones still
            // moves on.
            if let Some(end) = page.end {
                self.cursor = end;
            }
            self.more = page.has_next_page;
            self.buffer.extend(page.changes);
        }
    }
}

/// The stream of a subscription to `filter` from `after` (or from now).
async fn follow(
    ctx: &Context<'_>,
    filter: Filter,
    after: Option<String>,
    keep: Option<Keep>,
) -> AppResult<impl Stream<Item = async_graphql::Result<MapChange>>> {
    let api = api(ctx)?;
    let state = request(ctx)?;
    let gate = state.events.clone().ok_or_else(|| {
        AppError::refused(
            ErrorCode::BadRequest,
            "subscriptions are served over WebSocket at /graphql (graphql-transport-ws)",
        )
    })?;
    let position = state.feed.clone();
    let start = match (position.as_ref().and_then(|p| p.resume()), after.as_deref()) {
        (Some(after), _) => FeedStart {
            from_now: false,
            after,
        },
        (None, Some(cursor)) => FeedStart {
            from_now: false,
            after: decode_cursor(cursor)?,
        },
        (None, None) => FeedStart {
            from_now: true,
            after: data_version::last_change(&api.db).await?,
        },
    };
    if let Some(position) = &position {
        position.started(start);
    }
    let cursor = start.after;
    let mut waiter = api.changes.waiter();
    // The signal is read again now, so the first wait starts from a fresh number.
    api.changes.poke();
    let follower = Follower {
        db: api.db.clone(),
        shows_actor: shows_actor(&state.viewer),
        viewer: state.viewer.clone(),
        filter,
        keep,
        gate,
        seen: waiter.known(),
        waiter,
        cursor,
        buffer: VecDeque::new(),
        more: true,
        position,
        done: false,
    };
    Ok(futures_util::stream::unfold(
        follower,
        |mut follower| async move {
            if follower.done {
                return None;
            }
            let next = follower.next().await;
            if next.is_err() {
                follower.done = true;
            }
            Some((next.map_err(async_graphql::Error::from), follower))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_right_names_its_area_before_or_after_the_change() {
        let area = Uuid::now_v7();
        let other = Uuid::now_v7();
        let entry = |before: Option<serde_json::Value>, after: Option<serde_json::Value>| {
            audit_entry::Model {
                before,
                after,
                ..crate::services::audit::tests::entry(
                    "updateDecisionRight",
                    RecordKind::DecisionRight,
                )
            }
        };
        let on = |id: Uuid| Some(json!({ "decision_area_id": id.to_string() }));
        assert!(names_area(&entry(None, on(area)), area));
        assert!(names_area(&entry(on(area), on(other)), area));
        assert!(!names_area(&entry(on(other), on(other)), area));
        assert!(!names_area(&entry(None, None), area));
    }
}
