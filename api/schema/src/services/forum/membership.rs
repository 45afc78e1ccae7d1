//! Forum memberships: who sits in a forum, in which capacity, from when to when; and the
//! history of those changes.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{Capacity, Sensitivity};
use entity::{component, forum, forum_membership, organization, post};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ActiveEnum, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use uuid::Uuid;

use super::describe_period;
use crate::domain::analysis::cut::Capped;
use crate::domain::membership_history::{self, Change, Membership, Window};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::crud::{self, ListScope};
use crate::services::record::Record;
use crate::services::reference::{self, Reference};
use crate::services::{validate, write};

/// Who sits in a forum: an organisation, a mission component or a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Member {
    Organization(Uuid),
    Component(Uuid),
    Post(Uuid),
}

impl Member {
    /// The member given by exactly one of three optional inputs; the error names the fields.
    pub fn exactly_one(
        organization: Option<Uuid>,
        component: Option<Uuid>,
        post: Option<Uuid>,
    ) -> AppResult<Self> {
        let given: Vec<Self> = [
            organization.map(Self::Organization),
            component.map(Self::Component),
            post.map(Self::Post),
        ]
        .into_iter()
        .flatten()
        .collect();
        match given.as_slice() {
            [one] => Ok(*one),
            [] => Err(AppError::invalid(
                "input.memberOrganizationId",
                "give the member: one of `input.memberOrganizationId`, `input.memberComponentId` and `input.memberPostId`",
            )),
            [first, second, ..] => Err(AppError::invalid(
                second.field(),
                format!(
                    "give only one member: `{}` and `{}` are both set",
                    first.field(),
                    second.field()
                ),
            )),
        }
    }

    /// The member a membership row names.
    pub fn of(row: &forum_membership::Model) -> Option<Self> {
        row.member_organization_id
            .map(Self::Organization)
            .or(row.member_component_id.map(Self::Component))
            .or(row.member_post_id.map(Self::Post))
    }

    /// The input field that names this kind of member.
    pub fn field(self) -> &'static str {
        match self {
            Self::Organization(_) => "input.memberOrganizationId",
            Self::Component(_) => "input.memberComponentId",
            Self::Post(_) => "input.memberPostId",
        }
    }

    fn column(self) -> (forum_membership::Column, Uuid) {
        match self {
            Self::Organization(id) => (forum_membership::Column::MemberOrganizationId, id),
            Self::Component(id) => (forum_membership::Column::MemberComponentId, id),
            Self::Post(id) => (forum_membership::Column::MemberPostId, id),
        }
    }

    /// The values of the three member columns.
    fn columns(self) -> (Option<Uuid>, Option<Uuid>, Option<Uuid>) {
        match self {
            Self::Organization(id) => (Some(id), None, None),
            Self::Component(id) => (None, Some(id), None),
            Self::Post(id) => (None, None, Some(id)),
        }
    }

    /// Checks the member is a visible, unarchived record and returns how messages name it.
    async fn check<C: ConnectionTrait>(self, db: &C, viewer: &Viewer) -> AppResult<String> {
        let field = self.field();
        Ok(match self {
            Self::Organization(id) => {
                validate::reference::<organization::Entity, _>(db, viewer, field, id)
                    .await?
                    .code
            }
            Self::Component(id) => {
                validate::reference::<component::Entity, _>(db, viewer, field, id)
                    .await?
                    .name
            }
            Self::Post(id) => {
                validate::reference::<post::Entity, _>(db, viewer, field, id)
                    .await?
                    .title
            }
        })
    }
}

/// A capacity as clients write it, e.g. `OBSERVER`.
pub fn capacity_name(capacity: Capacity) -> String {
    capacity.to_value()
}

/// A new membership as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewMembership {
    pub forum_id: Uuid,
    pub member: Member,
    pub capacity: Capacity,
    pub note: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: Sensitivity,
}

/// The membership must fall within the forum's existence.
fn within_forum(forum: &forum::Model, period: &Validity) -> AppResult<()> {
    let lifetime = Validity::new(forum.valid_from, forum.valid_to);
    if period.within(&lifetime) {
        return Ok(());
    }
    if period.from < lifetime.from {
        return Err(AppError::invalid(
            "input.validFrom",
            format!(
                "`input.validFrom` ({}) is before {} was established ({})",
                period.from, forum.name, lifetime.from
            ),
        ));
    }
    let ended = lifetime.to.map(|d| d.to_string()).unwrap_or_default();
    Err(AppError::invalid(
        "input.validTo",
        format!(
            "{} ended on {ended}: `input.validTo` must be given and not after that day",
            forum.name
        ),
    ))
}

/// Adds a member to a forum. Refused: an unknown or archived forum or member, and a second
/// membership of the same member in the same forum over an overlapping period, whatever its
/// capacity (a change of capacity goes through [`change_capacity`]).
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewMembership,
) -> AppResult<forum_membership::Model> {
    let note = validate::text("input.note", input.note)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let forum =
                validate::reference::<forum::Entity, _>(tx, &viewer, "input.forumId", input.forum_id)
                    .await?;
            let member_name = input.member.check(tx, &viewer).await?;
            let period = Validity::new(input.valid_from, input.valid_to);
            within_forum(&forum, &period)?;
            // Every row counts, whoever may see it: one seat per member and forum at a time.
            let (column, member_id) = input.member.column();
            let existing = forum_membership::Entity::find()
                .filter(forum_membership::Column::ForumId.eq(forum.id))
                .filter(column.eq(member_id))
                .order_by_asc(forum_membership::Column::ValidFrom)
                .all(tx)
                .await?;
            if let Some(seat) = existing
                .iter()
                .find(|m| Validity::new(m.valid_from, m.valid_to).overlaps(&period))
            {
                return Err(AppError::invalid(
                    input.member.field(),
                    format!(
                        "{member_name} already sits in {} as {} {}; change its capacity with changeMemberCapacity or end that membership first",
                        forum.name,
                        capacity_name(seat.capacity),
                        describe_period(&Validity::new(seat.valid_from, seat.valid_to)),
                    ),
                ));
            }
            let (id, now) = write::new_ids();
            let (by_organization, by_component, by_post) = input.member.columns();
            let row = forum_membership::ActiveModel {
                id: Set(id),
                forum_id: Set(forum.id),
                member_organization_id: Set(by_organization),
                member_component_id: Set(by_component),
                member_post_id: Set(by_post),
                capacity: Set(input.capacity),
                note: Set(note),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<forum_membership::Entity, _>(tx, &viewer, "addForumMembership", row)
                .await
        })
    })
    .await
}

/// Ends a membership on `on`: from that day the member no longer sits in the forum.
pub async fn end(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<forum_membership::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<forum_membership::Entity, _>(
                tx,
                &viewer,
                "endForumMembership",
                id,
                version,
                on,
            )
            .await
        })
    })
    .await
}

/// Changes a member's capacity from `on`: the membership ends that day and a new one in the new
/// capacity starts the same day (until the old one's planned end, if it had one), in one
/// transaction. Returns the new membership.
pub async fn change_capacity(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    capacity: Capacity,
    on: NaiveDate,
) -> AppResult<forum_membership::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let old =
                write::load_for_update::<forum_membership::Entity, _>(tx, &viewer, id, version)
                    .await?;
            if old.capacity == capacity {
                return Err(AppError::invalid(
                    "input.capacity",
                    format!(
                        "the member already sits as {}; give another capacity",
                        capacity_name(capacity)
                    ),
                ));
            }
            let period = Validity::new(old.valid_from, old.valid_to);
            if !period.contains(on) {
                return Err(AppError::invalid(
                    "input.on",
                    format!(
                        "`input.on` ({on}) must fall within the membership, which holds {}",
                        describe_period(&period)
                    ),
                ));
            }
            write::end::<forum_membership::Entity, _>(
                tx,
                &viewer,
                "changeMemberCapacity",
                id,
                version,
                on,
            )
            .await?;
            let (new_id, now) = write::new_ids();
            let row = forum_membership::ActiveModel {
                id: Set(new_id),
                forum_id: Set(old.forum_id),
                member_organization_id: Set(old.member_organization_id),
                member_component_id: Set(old.member_component_id),
                member_post_id: Set(old.member_post_id),
                capacity: Set(capacity),
                note: Set(old.note.clone()),
                valid_from: Set(on),
                valid_to: Set(old.valid_to),
                sensitivity: Set(old.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<forum_membership::Entity, _>(tx, &viewer, "changeMemberCapacity", row)
                .await
        })
    })
    .await
}

/// Whose membership history to read.
#[derive(Debug, Clone, Default)]
pub struct HistoryQuery {
    /// Memberships of this organisation (by ID or code).
    pub organization: Option<Reference>,
    /// Memberships in this forum (by ID).
    pub forum: Option<Reference>,
    /// First day to report on (included).
    pub from: Option<NaiveDate>,
    /// Last day to report on (included).
    pub to: Option<NaiveDate>,
}

/// One change in the membership history, with the rows involved.
#[derive(Debug, Clone)]
pub struct MembershipChange {
    pub date: NaiveDate,
    pub change: Change,
    /// The membership that starts (joined, capacity changed) or ends (left).
    pub membership: forum_membership::Model,
    /// For a capacity change, the membership that ended that day.
    pub previous_membership: Option<forum_membership::Model>,
    pub capacity: Capacity,
    pub previous_capacity: Option<Capacity>,
}

/// The ids of the visible rows of `E` (archived included: history outlives archiving).
fn visible_ids<E: Record>(viewer: &Viewer) -> SelectStatement {
    crud::select::<E>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
    .select_only()
    .column(E::ID)
    .into_query()
}

/// What changed in the memberships of an organisation and/or in a forum between two dates:
/// one query loads the visible memberships touching the period (of visible members), a second
/// keeps those in visible forums, and [`membership_history::history`] reads the changes from
/// them. The first `limit` changes, in date order.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    query: HistoryQuery,
    limit: usize,
) -> AppResult<Capped<MembershipChange>> {
    if query.organization.is_none() && query.forum.is_none() {
        return Err(AppError::bad_input(
            "pass `organization`, `forum` or both: the history of every membership everywhere is not offered",
        ));
    }
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(AppError::invalid(
                "to",
                format!("`to` ({to}) must not be before `from` ({from})"),
            ));
        }
    }
    let organization = reference::resolve_optional::<organization::Entity, _>(
        db,
        viewer,
        "organization",
        query.organization.as_ref(),
    )
    .await?
    .map(|o| o.id);
    let forum =
        reference::resolve_optional::<forum::Entity, _>(db, viewer, "forum", query.forum.as_ref())
            .await?
            .map(|f| f.id);
    let window = Window {
        from: query.from,
        to: query.to,
    };
    let mut select = crud::select::<forum_membership::Entity>(viewer, ListScope::default());
    select = match organization {
        // The organisation was found visible above, so its seats need no other member check:
        // subqueries over every visible post and component would make PostgreSQL scan them.
        Some(id) => select.filter(forum_membership::Column::MemberOrganizationId.eq(id)),
        None => select.filter(
            Condition::any()
                .add(
                    forum_membership::Column::MemberOrganizationId.in_subquery(visible_ids::<
                        organization::Entity,
                    >(
                        viewer
                    )),
                )
                .add(
                    forum_membership::Column::MemberComponentId.in_subquery(visible_ids::<
                        component::Entity,
                    >(
                        viewer
                    )),
                )
                .add(
                    forum_membership::Column::MemberPostId
                        .in_subquery(visible_ids::<post::Entity>(viewer)),
                ),
        ),
    };
    if let Some(id) = forum {
        select = select.filter(forum_membership::Column::ForumId.eq(id));
    }
    // The same test as `Window::touches`, so both rows of a change on the window's edge load.
    if let Some(to) = window.to {
        select = select.filter(forum_membership::Column::ValidFrom.lte(to));
    }
    if let Some(from) = window.from {
        select = select.filter(
            Condition::any()
                .add(forum_membership::Column::ValidTo.is_null())
                .add(forum_membership::Column::ValidTo.gte(from)),
        );
    }
    let mut rows = select.all(db).await?;
    if forum.is_none() {
        // Only seats in visible forums, checked by primary key on the forums found: a
        // subquery over every visible forum would make PostgreSQL scan them all.
        let forum_ids: Vec<Uuid> = rows
            .iter()
            .map(|m| m.forum_id)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let visible: std::collections::HashSet<Uuid> =
            crud::find_many::<forum::Entity, _>(db, viewer, &forum_ids)
                .await?
                .into_iter()
                .map(|f| f.id)
                .collect();
        rows.retain(|m| visible.contains(&m.forum_id));
    }
    let periods: Vec<Membership<Uuid, (Uuid, Option<Member>), Capacity>> = rows
        .iter()
        .map(|m| Membership {
            id: m.id,
            seat: (m.forum_id, Member::of(m)),
            capacity: m.capacity,
            validity: Validity::new(m.valid_from, m.valid_to),
        })
        .collect();
    let events = Capped::new(membership_history::history(&periods, window), limit);
    let by_id: HashMap<Uuid, &forum_membership::Model> = rows.iter().map(|m| (m.id, m)).collect();
    let row = |id: Uuid| {
        by_id.get(&id).map(|m| (*m).clone()).ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("history names membership {id}, not loaded"))
        })
    };
    let items = events
        .items
        .into_iter()
        .map(|e| {
            Ok(MembershipChange {
                date: e.date,
                change: e.change,
                membership: row(e.membership)?,
                previous_membership: e.previous_membership.map(row).transpose()?,
                capacity: e.capacity,
                previous_capacity: e.previous_capacity,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(Capped {
        items,
        truncated: events.truncated,
    })
}
