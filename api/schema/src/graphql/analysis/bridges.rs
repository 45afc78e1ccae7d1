//! The answers of `bridges` and `commonForums`.

use async_graphql::{Context, Object};

use super::loaded::Loaded;
use crate::domain::analysis::bridges::{self as pure, Seat};
use crate::domain::analysis::cut;
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::cost;
use crate::graphql::enums::Capacity;
use crate::graphql::forum::{Forum, ForumMember, ForumMembership};
use crate::graphql::scalars::Date;

fn seats(loaded: &Loaded, seats: &[Seat]) -> Vec<ForumSeat> {
    seats
        .iter()
        .map(|s| ForumSeat {
            loaded: loaded.clone(),
            seat: *s,
        })
        .collect()
}

/// An actor sitting both in mission forums and in cluster or AoR forums.
pub struct Bridge {
    pub(super) effective: EffectiveDate,
    pub(super) loaded: Loaded,
    pub(super) bridge: pure::Bridge,
    pub(super) truncated: bool,
}

/// An actor (organisation, component or post) sitting on the date both in forums of the mission
/// and in cluster or AoR forums, with its seats on each side.
#[Object]
impl Bridge {
    /// The date the bridges hold on and why (the same for every bridge of an answer): the
    /// `asOf` given, today, or the mission's last day when it has closed and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// The actor; null when the caller may not see it.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ForumMember>> {
        self.loaded.member(ctx, self.bridge.actor)
    }

    /// Its seats in the mission's forums.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BRIDGE_SEATS, child_complexity)"
    )]
    async fn mission_seats(&self) -> Vec<ForumSeat> {
        seats(
            &self.loaded,
            cut::first(&self.bridge.mission_seats, cost::BRIDGE_SEATS).0,
        )
    }

    /// More seats in the mission's forums existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn mission_seats_truncated(&self) -> bool {
        self.bridge.mission_seats.len() > cost::BRIDGE_SEATS
    }

    /// Its seats in cluster and AoR forums.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::BRIDGE_SEATS, child_complexity)"
    )]
    async fn cluster_seats(&self) -> Vec<ForumSeat> {
        seats(
            &self.loaded,
            cut::first(&self.bridge.cluster_seats, cost::BRIDGE_SEATS).0,
        )
    }

    /// More seats in cluster and AoR forums existed than the 5 listed (the list is cut at 5, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn cluster_seats_truncated(&self) -> bool {
        self.bridge.cluster_seats.len() > cost::BRIDGE_SEATS
    }

    /// More bridges existed than the answer lists: it holds the first `first` of them by actor
    /// (20 when `first` is not given). The same for every bridge of an answer. Seen by whoever
    /// may ask for the bridges.
    async fn bridges_truncated(&self) -> bool {
        self.truncated
    }
}

/// A forum two actors share.
pub struct CommonForum {
    pub(super) loaded: Loaded,
    pub(super) common: pure::CommonForum,
    pub(super) truncated: bool,
}

/// A forum in which both actors sit on the date, with the seats of each.
#[Object]
impl CommonForum {
    /// The forum.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        self.loaded.forum(ctx, self.common.forum_id)
    }

    /// The seats of `a`.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::COMMON_SEATS, child_complexity)"
    )]
    async fn a_seats(&self) -> Vec<ForumSeat> {
        seats(
            &self.loaded,
            cut::first(&self.common.a_seats, cost::COMMON_SEATS).0,
        )
    }

    /// More seats of `a` existed than the 3 listed (the list is cut at 3, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn a_seats_truncated(&self) -> bool {
        self.common.a_seats.len() > cost::COMMON_SEATS
    }

    /// The seats of `b`.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::COMMON_SEATS, child_complexity)"
    )]
    async fn b_seats(&self) -> Vec<ForumSeat> {
        seats(
            &self.loaded,
            cut::first(&self.common.b_seats, cost::COMMON_SEATS).0,
        )
    }

    /// More seats of `b` existed than the 3 listed (the list is cut at 3, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn b_seats_truncated(&self) -> bool {
        self.common.b_seats.len() > cost::COMMON_SEATS
    }

    /// More common forums existed than the answer lists: it holds the first `first` of them
    /// (10 when `first` is not given). The same for every forum of an answer. Seen by whoever
    /// may ask for the common forums.
    async fn forums_truncated(&self) -> bool {
        self.truncated
    }
}

/// A seat in one forum.
pub struct ForumSeat {
    loaded: Loaded,
    seat: Seat,
}

/// A seat in one forum: where, in which capacity, since when.
#[Object]
impl ForumSeat {
    /// The forum.
    async fn forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        self.loaded.forum(ctx, self.seat.forum_id)
    }

    /// The membership.
    async fn membership(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<ForumMembership>> {
        self.loaded.membership(ctx, self.seat.membership_id)
    }

    /// The capacity (chair, member, observer, ...).
    async fn capacity(&self) -> Capacity {
        self.seat.capacity.into()
    }

    /// Since when the actor sits there in this capacity.
    async fn since(&self) -> Date {
        self.seat.since.into()
    }
}
