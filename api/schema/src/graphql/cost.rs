//! What each list field is charged for in a query's cost: the one list of them.
//!
//! A field costs 1 plus what is selected under it. A list multiplies what is selected under it
//! by the number of items it can return:
//!
//! - a connection by its page, `first` or `last` (50 when neither is given) — [`page`];
//! - a relation or an answer whose size has a real bound, by that bound — either a fact of the
//!   model that the write rules keep (a post carries each hat at most once at a time) or a cut
//!   the answer makes and says it made (`truncated`, `escalationTruncated`, a chain ending
//!   `TRUNCATED`); the cut uses the same constant, so the field never returns more than it is
//!   charged for;
//! - an analysis list cut at a size its caller chooses (`first`, from 1 to the list's maximum,
//!   the maximum when not given), by that size — [`capped`]; the answer is cut there after it is
//!   sorted and says so in a `…Truncated` field;
//! - a list inside an analysis answer (a bridge's seats, a holder's path, a finding's records),
//!   by its bound: it is cut there and says so in a `…Truncated` field beside it;
//! - an open relation (a mission's forums, a forum's seats, a record's sources), which the model
//!   does not bound, by an estimate of its size, named here as such.
//!
//! The resolvers name these constants in their `complexity` attributes, and the record types in
//! their `record_object!` declarations (`cost BOUND`, which the macro turns into the attribute),
//! so changing a bound here changes what the field is charged for, and a domain bound changes
//! with its cut.

use crate::domain::analysis::{chains, decisions, graph};
use async_graphql::{Context, Value};

use crate::error::{AppError, AppResult};

// ---- Real bounds: facts of the model -----------------------------------------------------------

/// `Post.hats`: a post carries each hat at most once on a date (`addPostHat` refuses a second
/// one over an overlapping period), so at most one of each of the 16 values of `Hat`.
pub const HATS_PER_POST: usize = 16;

/// `WhoDecides.groups`: one group per kind of right that has holders, at most the 7 kinds.
pub const RIGHT_KINDS: usize = decisions::RIGHT_KINDS.len();

// ---- Real bounds: cuts the answers make and report ---------------------------------------------

/// `ReportingChains.chains`: at most this many chains from one start (`truncated` says when
/// more were left out).
pub const CHAINS: usize = chains::MAX_CHAINS;

/// `ReportingChain.steps`: a chain longer than this ends `TRUNCATED`.
pub const CHAIN_STEPS: usize = chains::MAX_CHAIN_STEPS;

/// `RightHolder.escalation`: at most this many escalation chains per holder
/// (`escalationTruncated` says when more were left out).
pub const ESCALATION_CHAINS: usize = decisions::MAX_ESCALATION_CHAINS;

/// `RightGroup.holders` and `WhoDecides.holders`: at most this many holders in a whole answer
/// (`truncated` says when more were left out). The groups share them, so the groups are
/// charged as a [`partition`] of them.
pub const HOLDERS: usize = decisions::MAX_HOLDERS;

// ---- Real bounds: cuts at a size the caller chooses (`first`) --------------------------------

/// A list cut at the `first` its caller gives: from 1 to `max`, `default` when none is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub default: usize,
    pub max: usize,
}

impl Cap {
    /// A cut whose default is its maximum.
    pub const fn upto(max: usize) -> Self {
        Self { default: max, max }
    }
}

/// `forumMembershipHistory`: changes of memberships over a period (`changesTruncated`).
pub const MEMBERSHIP_CHANGES: Cap = Cap::upto(100);

/// `StructuralChanges.changes`: changes of a mission between two dates (`truncated`).
pub const CHANGES: Cap = Cap::upto(100);

/// `changes`: a page of the change feed, resumed from its last cursor.
pub const CHANGE_FEED: Cap = Cap {
    default: 50,
    max: 100,
};

/// `governanceGaps`: the gaps of a mission (`gapsTruncated`).
pub const GAPS: Cap = Cap::upto(50);

/// `bridges`: the actors sitting on both sides (`bridgesTruncated`).
pub const BRIDGES: Cap = Cap::upto(20);

/// `commonForums`: the forums two actors share (`forumsTruncated`).
pub const COMMON_FORUMS: Cap = Cap::upto(10);

/// `StakeholderGraph.nodes` (`nodesTruncated`): a typical mission's map unless the caller asks
/// for more, up to a large mission's.
pub const GRAPH_NODES: Cap = Cap {
    default: graph::DEFAULT_NODES,
    max: graph::MAX_NODES,
};

/// `StakeholderGraph.edges` (`edgesTruncated`).
pub const GRAPH_EDGES: Cap = Cap {
    default: graph::DEFAULT_EDGES,
    max: graph::MAX_EDGES,
};

// ---- Real bounds: lists inside analysis answers, cut at these and reported --------------------
// Each is cut at its bound when it runs (`domain::analysis::cut`) and has a `…Truncated` field
// beside it saying more existed.

/// `RightHolder.path`: the delegations from the root grant, then the chairs of a forum
/// (`pathTruncated`).
pub const PATH_STEPS: usize = 5;

/// `RightHolder.exercisedBy`: the posts exercising a right (a holder post, a component's heads,
/// a forum's chairs) (`exercisedByTruncated`).
pub const EXERCISING_POSTS: usize = 3;

/// `PostOccupancy.occupants`: the people in a post on a date (a substantive and an acting one)
/// (`occupantsTruncated`).
pub const OCCUPANTS: usize = 2;

/// `RightHolder.sources`: the citations of a right (`sourcesTruncated`).
pub const RIGHT_SOURCES: usize = 3;

/// `StructuralChange.related`: the records a change names besides its own
/// (`relatedTruncated`).
pub const CHANGE_RELATED: usize = 2;

/// `GovernanceGap.records`: the records a gap names (`recordsTruncated`).
pub const GAP_RECORDS: usize = 3;

/// `Bridge.missionSeats` and `Bridge.clusterSeats`: one actor's seats on one side
/// (`missionSeatsTruncated`, `clusterSeatsTruncated`).
pub const BRIDGE_SEATS: usize = 5;

/// `CommonForum.aSeats` and `CommonForum.bSeats`: one actor's seats in one forum
/// (`aSeatsTruncated`, `bSeatsTruncated`).
pub const COMMON_SEATS: usize = 3;

/// `IntegrationProfile.components`: the protection-relevant components of a mission
/// (`componentsTruncated`).
pub const PLACEMENTS: usize = 10;

/// `IntegrationProfile.humanitarianSeats`: humanitarian organisations' seats in the mission's
/// forums (`humanitarianSeatsTruncated`).
pub const HUMANITARIAN_SEATS: usize = 20;

/// `IntegrationProfile.tripleHattedPosts` and `ComponentPlacement.dsrsgPosts`
/// (`tripleHattedPostsTruncated`, `dsrsgPostsTruncated`).
pub const DSRSG_POSTS: usize = 2;

/// `basedOn` of the integration findings: the records a finding rests on
/// (`basedOnTruncated`).
pub const BASED_ON: usize = 5;

// ---- Estimates: open relations and text ----------------------------------------------------

/// An open relation of a record (a mission's forums, a forum's seats, a component's posts, an
/// organisation's memberships, ...): charged as this many rows.
pub const RELATION: usize = 10;

/// `sources` of any record: the citations stating it.
pub const SOURCES: usize = 5;

/// `StakeholderGraph.dot` and `.mermaid`: the graph written out as text (of at most
/// [`GRAPH_NODES`] nodes and [`GRAPH_EDGES`] edges).
pub const GRAPH_TEXT: usize = 500;

// ---- How a list is charged -----------------------------------------------------------------

/// A list of at most `bound` items, each costing `child`: `bound × child + 1`.
pub fn list(bound: usize, child: usize) -> usize {
    bound.saturating_mul(child).saturating_add(1)
}

/// A connection: its page (`first` or `last`; 50 when neither is given) times what each edge
/// selects, plus 1.
pub fn page(first: Option<i32>, last: Option<i32>, child: usize) -> usize {
    list(page_size(first, last), child)
}

/// The page of a connection: `first` or `last`, 50 when neither is given. A record type's
/// connection declares it as its bound (`field(cost::page_size(first, last))`).
pub fn page_size(first: Option<i32>, last: Option<i32>) -> usize {
    first.or(last).unwrap_or(50).max(0) as usize
}

/// A list cut at the `first` its caller gave (from 1 to the cap's `max`; its `default` when
/// not given), each item costing `child`. A `first` out of range is refused when the field runs
/// ([`first`]); it is charged as `max` until then.
pub fn capped(first: Option<i32>, cap: Cap, child: usize) -> usize {
    let size = match first {
        None => cap.default,
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| (1..=cap.max).contains(n))
            .unwrap_or(cap.max),
    };
    list(size, child)
}

/// The size a capped list is cut at: `first` when it is from 1 to the cap's `max`, its
/// `default` when not given; BAD_USER_INPUT naming the argument and the range otherwise.
pub fn first(first: Option<i32>, cap: Cap) -> AppResult<usize> {
    match first {
        None => Ok(cap.default),
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|n| (1..=cap.max).contains(n))
            .ok_or_else(|| {
                AppError::invalid(
                    "first",
                    format!("`first` must be from 1 to {}; got {n}", cap.max),
                )
            }),
    }
}

/// The size to cut the list `field` of this field's answer at, before the answer is built: the
/// largest `first` (checked by [`first`]) among the selections of `field` in the query (it may
/// be selected twice, under aliases), the cap's `default` when none gives one or it is not
/// selected. Each
/// selection is charged for its own `first`, and one asking fewer items than another cuts its
/// copy further when it runs.
pub fn selected_first(ctx: &Context<'_>, field: &str, cap: Cap) -> AppResult<usize> {
    let mut size: Option<usize> = None;
    for selection in ctx.look_ahead().field(field).selection_fields() {
        let arguments = selection
            .arguments()
            .map_err(|e| AppError::bad_input(e.message))?;
        let asked = arguments
            .iter()
            .find(|(name, _)| name.as_str() == "first")
            .and_then(|(_, value)| match value {
                Value::Number(n) => n.as_i64(),
                _ => None,
            })
            .map(|n| i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX }));
        let asked = first(asked, cap)?;
        size = Some(size.map_or(asked, |s| s.max(asked)));
    }
    Ok(size.unwrap_or(cap.default))
}

/// A list of at most `parts` groups that share one bounded list between them (each item in one
/// group: the holders of a `whoDecides` answer by kind of right): the shared list is charged
/// once, by its own bound in `child`, and each group's own two fields (its key and the field
/// of the list) once per group.
pub fn partition(parts: usize, child: usize) -> usize {
    parts.saturating_mul(2).saturating_add(child)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::Iterable;

    #[test]
    fn the_domain_bounds_are_the_counts_of_their_enumerations() {
        assert_eq!(HATS_PER_POST, entity::enums::Hat::iter().count());
        assert_eq!(RIGHT_KINDS, entity::enums::RightKind::iter().count());
    }

    #[test]
    fn lists_multiply_and_saturate() {
        assert_eq!(list(10, 3), 31);
        assert_eq!(page(Some(5), None, 3), 16);
        assert_eq!(page(None, Some(7), 1), 8);
        assert_eq!(page(None, None, 1), 51);
        assert_eq!(page(Some(-3), None, 9), 1);
        assert_eq!(list(usize::MAX, 2), usize::MAX);
        assert_eq!(partition(7, 100), 114);
    }

    const TWENTY: Cap = Cap::upto(20);

    #[test]
    fn a_capped_list_is_charged_for_the_first_asked_and_refuses_one_out_of_range() {
        assert_eq!(capped(None, TWENTY, 3), 61);
        assert_eq!(capped(Some(5), TWENTY, 3), 16);
        assert_eq!(capped(Some(20), TWENTY, 3), 61);
        // Out of range: refused when the field runs, never charged less than the maximum.
        for bad in [0, -1, 21, i32::MIN, i32::MAX] {
            assert_eq!(capped(Some(bad), TWENTY, 3), 61);
            let err = first(Some(bad), TWENTY).unwrap_err();
            assert!(
                matches!(&err, AppError::BadUserInput { field: Some(f), message }
                    if f == "first" && *message == format!("`first` must be from 1 to 20; got {bad}")),
                "{err:?}"
            );
        }
        assert_eq!(first(None, TWENTY).unwrap(), 20);
        assert_eq!(first(Some(1), TWENTY).unwrap(), 1);
        assert_eq!(first(Some(20), TWENTY).unwrap(), 20);
    }

    #[test]
    fn a_cap_with_a_smaller_default_charges_and_cuts_at_it_unless_asked_for_more() {
        let cap = Cap {
            default: 200,
            max: 2_000,
        };
        assert_eq!(capped(None, cap, 1), 201);
        assert_eq!(first(None, cap).unwrap(), 200);
        assert_eq!(capped(Some(1_500), cap, 1), 1_501);
        assert_eq!(first(Some(2_000), cap).unwrap(), 2_000);
        assert_eq!(capped(Some(2_001), cap, 1), 2_001);
        assert!(first(Some(2_001), cap).is_err());
        assert_eq!(GRAPH_NODES.default, 200);
        assert_eq!(GRAPH_EDGES.default, 500);
    }
}
