//! Who decides what: resolving the holders of a decision area in a mission, with the path that
//! explains each of them. The rules on delegations themselves (what may be delegated, the order of
//! kinds by strength, which delegations end with a right) live in [`crate::delegation`],
//! shared with the write side.
//!
//! Precedence: a mission's own grants for an area replace the global defaults (rights without a
//! mission) for that area as a whole; the defaults apply only where the mission has no grant of
//! its own on the date, and the answer says which applied.
//!
//! Joint decisions: rights of one kind and scope that carry the same `joint_decision` label are
//! one decision their holders take together (the three core protection agencies agreeing on the
//! country's cluster lead [001 fn4]). The answer lists such a decision once, with its parties,
//! and the governance gaps count it as one decider.

use std::collections::{HashMap, HashSet};

use crate::enums::{Capacity, ReportingLineKind, RightKind};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::chains::{Chain, LineIndex};
use super::snapshot::{
    component_heads, rank, DecisionRight, Holder, LineSource, Member, Membership, Post, Snapshot,
    Source,
};
use crate::validity::Validity;

/// A delegation chain longer than this is not followed further (real ones are two or three deep).
pub const MAX_DELEGATION_DEPTH: usize = 32;

/// At most this many holders in one answer, all kinds of right together (in the order of
/// [`RIGHT_KINDS`]); the answer says when more were left out.
pub const MAX_HOLDERS: usize = 20;

/// At most this many escalation chains per holder (a post with one LINE superior has one; a
/// forum with a chair and a co-chair, two); the holder says when more were left out.
pub const MAX_ESCALATION_CHAINS: usize = 2;

/// The kinds of right in the order answers list them (the RACI reading order; for the order by
/// strength see [`crate::delegation::STRENGTH_ORDER`]).
pub const RIGHT_KINDS: [RightKind; 7] = [
    RightKind::Decides,
    RightKind::Approves,
    RightKind::Endorses,
    RightKind::Recommends,
    RightKind::Consulted,
    RightKind::Informed,
    RightKind::Executes,
];

/// Which grants an answer is based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AppliedScope {
    /// The mission's own grants.
    Mission,
    /// The global defaults: the mission has no grant for the area on the date.
    Global,
    /// Neither the mission nor the defaults grant anything for the area on the date.
    NoGrant,
}

/// The answer to "who decides on this area in this mission on this date".
#[derive(Debug, Clone, Serialize)]
pub struct WhoDecides {
    pub area_code: String,
    /// `None` when no decision area has this code.
    pub area_id: Option<Uuid>,
    pub mission_id: Uuid,
    pub as_of: NaiveDate,
    pub applied: AppliedScope,
    /// One group per kind of right that has holders, in the order of [`RIGHT_KINDS`].
    pub groups: Vec<RightGroup>,
    /// Holders beyond [`MAX_HOLDERS`] were left out.
    pub truncated: bool,
}

/// The holders of one kind of right.
#[derive(Debug, Clone, Serialize)]
pub struct RightGroup {
    pub kind: RightKind,
    pub holders: Vec<ResolvedHolder>,
}

/// One holder of a right, with why it holds it and where it escalates.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedHolder {
    pub right_id: Uuid,
    pub holder: Holder,
    pub scope: Option<String>,
    pub non_delegable: bool,
    pub validity: Validity,
    /// From the root grant down to this right, then the chairs exercising a forum's right.
    pub path: Vec<PathStep>,
    /// A right this one was delegated from no longer holds on the date (see the gaps).
    pub delegator_lapsed: bool,
    /// The posts that exercise the right and who sits in them on the date.
    pub exercised_by: Vec<Occupancy>,
    /// For DECIDES only: the LINE chains above the posts exercising the right.
    pub escalation: Vec<Chain>,
    pub escalation_truncated: bool,
    pub sources: Vec<Source>,
    /// The label of the joint decision the right is part of, if any.
    pub joint_decision: Option<String>,
    /// For a right that is part of a joint decision: every party the snapshot holds, this
    /// holder's right first. The other fields then cover them all: `exercised_by`, `escalation`
    /// and `sources` of every party, `delegator_lapsed` if any party's delegator lapsed. Empty
    /// for a right held alone.
    pub parties: Vec<JointParty>,
}

/// One party to a joint decision: a right and its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JointParty {
    pub right_id: Uuid,
    pub holder: Holder,
    pub validity: Validity,
}

/// One step of the explanation of why a holder holds a right.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PathStep {
    /// The root of the path: a right granted to its holder directly.
    DirectGrant {
        right_id: Uuid,
        holder: Holder,
        kind: RightKind,
        validity: Validity,
    },
    /// A right delegated from the right of the previous step. `delegated_from` is `None` when the
    /// delegating right is not in the snapshot (not visible to the caller): the path then starts
    /// here without naming it.
    Delegation {
        right_id: Uuid,
        delegated_from: Option<Uuid>,
        holder: Holder,
        kind: RightKind,
        validity: Validity,
    },
    /// A forum's right exercised by whoever chairs (or co-chairs) the forum on the date.
    ExercisedByChair {
        forum_id: Uuid,
        membership_id: Uuid,
        chair: Member,
        capacity: Capacity,
        validity: Validity,
    },
}

/// A post exercising a right and the people assigned to it on the date (none when vacant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occupancy {
    pub post_id: Uuid,
    pub occupants: Vec<Occupant>,
    /// Some holder of the post is recorded, on the date or another: without one, an empty
    /// `occupants` means the holder is unknown rather than that the post is vacant. Needs the
    /// post's assignments of every period in the snapshot.
    pub holder_recorded: bool,
}

/// A person in a post on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Occupant {
    pub assignment_id: Uuid,
    pub person_id: Uuid,
    pub acting: bool,
}

/// Who holds which right over the decision area `area_code` in mission `mission_id` on `as_of`.
pub fn who_decides(
    area_code: &str,
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> WhoDecides {
    let mut answer = WhoDecides {
        area_code: area_code.to_owned(),
        area_id: None,
        mission_id,
        as_of,
        applied: AppliedScope::NoGrant,
        groups: Vec::new(),
        truncated: false,
    };
    let Some(area) = snapshot.decision_areas.iter().find(|a| a.code == area_code) else {
        return answer;
    };
    answer.area_id = Some(area.id);
    let candidates: Vec<&DecisionRight> = snapshot
        .rights
        .iter()
        .filter(|r| r.area_id == area.id)
        .collect();
    let (applied, mut rights) = applicable_rights(&candidates, mission_id, as_of);
    answer.applied = applied;
    if rights.is_empty() {
        return answer;
    }
    rights.sort_by(|a, b| {
        (a.scope.is_some(), &a.scope, a.holder, a.id).cmp(&(
            b.scope.is_some(),
            &b.scope,
            b.holder,
            b.id,
        ))
    });
    let resolver = Resolver::new(snapshot, as_of, &rights);
    let mut left = MAX_HOLDERS;
    for kind in RIGHT_KINDS {
        let of_kind: Vec<&DecisionRight> =
            rights.iter().copied().filter(|r| r.kind == kind).collect();
        let decided = decisions(&of_kind);
        answer.truncated |= decided.len() > left;
        let holders: Vec<ResolvedHolder> = decided
            .iter()
            .take(left)
            .map(|decision| resolver.resolve_decision(decision))
            .collect();
        left -= holders.len();
        if !holders.is_empty() {
            answer.groups.push(RightGroup { kind, holders });
        }
    }
    answer
}

/// What makes rights one joint decision: the same kind, scope and label, scope and label compared
/// ignoring case and surrounding blanks. `None` for a right held alone.
pub(crate) fn joint_key(right: &DecisionRight) -> Option<(u8, String, String)> {
    let label = right.joint_decision.as_deref()?.trim();
    (!label.is_empty()).then(|| {
        (
            crate::delegation::strength(right.kind),
            right.scope.as_deref().unwrap_or("").trim().to_lowercase(),
            label.to_lowercase(),
        )
    })
}

/// A right held alone, or the rights of one joint decision.
struct Decision<'a> {
    first: &'a DecisionRight,
    others: Vec<&'a DecisionRight>,
}

/// `rights` (of one area, mission and date) as decisions, in the order of their first right: a
/// right held alone is a decision of its own, the rights of one joint decision are one.
fn decisions<'a>(rights: &[&'a DecisionRight]) -> Vec<Decision<'a>> {
    let mut out: Vec<Decision<'a>> = Vec::new();
    let mut joint: HashMap<(u8, String, String), usize> = HashMap::new();
    for &right in rights {
        let key = joint_key(right);
        if let Some(decision) = key
            .as_ref()
            .and_then(|k| joint.get(k))
            .and_then(|&at| out.get_mut(at))
        {
            decision.others.push(right);
            continue;
        }
        if let Some(key) = key {
            joint.insert(key, out.len());
        }
        out.push(Decision {
            first: right,
            others: Vec::new(),
        });
    }
    out
}

/// The rights of one area (`candidates`, any scope and date) that apply to `mission_id` on
/// `as_of`: the mission's own if it has any valid then, else the global defaults.
pub(crate) fn applicable_rights<'a>(
    candidates: &[&'a DecisionRight],
    mission_id: Uuid,
    as_of: NaiveDate,
) -> (AppliedScope, Vec<&'a DecisionRight>) {
    let valid = |scope: Option<Uuid>| -> Vec<&'a DecisionRight> {
        candidates
            .iter()
            .copied()
            .filter(|r| r.mission_id == scope && r.validity.contains(as_of))
            .collect()
    };
    let mission = valid(Some(mission_id));
    if !mission.is_empty() {
        return (AppliedScope::Mission, mission);
    }
    let global = valid(None);
    if !global.is_empty() {
        return (AppliedScope::Global, global);
    }
    (AppliedScope::NoGrant, Vec::new())
}

/// The indexes one `who_decides` call needs, built once.
struct Resolver<'a> {
    as_of: NaiveDate,
    rights_by_id: HashMap<Uuid, &'a DecisionRight>,
    posts: HashMap<Uuid, &'a Post>,
    /// Component → its head posts valid on the date.
    heads: HashMap<Uuid, Vec<&'a Post>>,
    /// Forum → its chair and co-chair seats valid on the date, chairs first; only for the forums
    /// that hold one of the rights being resolved.
    chairs: HashMap<Uuid, Vec<&'a Membership>>,
    lines: LineIndex<'a>,
}

impl<'a> Resolver<'a> {
    fn new(snapshot: &'a Snapshot, as_of: NaiveDate, rights: &[&'a DecisionRight]) -> Self {
        let rights_by_id = snapshot.rights.iter().map(|r| (r.id, r)).collect();
        let posts = snapshot.posts.iter().map(|p| (p.id, p)).collect();
        let heads = component_heads(&snapshot.posts, as_of);
        let holder_forums: HashSet<Uuid> = rights
            .iter()
            .filter_map(|r| match r.holder {
                Holder::Forum(f) => Some(f),
                _ => None,
            })
            .collect();
        let mut chairs: HashMap<Uuid, Vec<&Membership>> = HashMap::new();
        if !holder_forums.is_empty() {
            for m in &snapshot.memberships {
                if holder_forums.contains(&m.forum_id)
                    && matches!(m.capacity, Capacity::Chair | Capacity::CoChair)
                    && m.validity.contains(as_of)
                {
                    chairs.entry(m.forum_id).or_default().push(m);
                }
            }
            for seats in chairs.values_mut() {
                seats.sort_by_key(|m| (rank::capacity(m.capacity), m.member, m.id));
            }
        }
        Self {
            as_of,
            rights_by_id,
            posts,
            heads,
            chairs,
            lines: LineIndex::new(&snapshot.reporting_lines, as_of),
        }
    }

    /// One decision: a right held alone, or the parties of a joint decision merged into the
    /// first party's entry.
    fn resolve_decision(&self, joint: &Decision<'_>) -> ResolvedHolder {
        let mut decision = self.resolve(joint.first);
        if joint.first.joint_decision.is_none() {
            return decision;
        }
        decision.parties = std::iter::once(joint.first)
            .chain(joint.others.iter().copied())
            .map(|r| JointParty {
                right_id: r.id,
                holder: r.holder,
                validity: r.validity,
            })
            .collect();
        for other in &joint.others {
            let party = self.resolve(other);
            decision.delegator_lapsed |= party.delegator_lapsed;
            for occupancy in party.exercised_by {
                if !decision
                    .exercised_by
                    .iter()
                    .any(|o| o.post_id == occupancy.post_id)
                {
                    decision.exercised_by.push(occupancy);
                }
            }
            decision.escalation.extend(party.escalation);
            decision.escalation_truncated |= party.escalation_truncated;
            for source in party.sources {
                if !decision.sources.contains(&source) {
                    decision.sources.push(source);
                }
            }
        }
        decision
    }

    fn resolve(&self, right: &DecisionRight) -> ResolvedHolder {
        let (mut path, delegator_lapsed) = self.delegation_path(right);
        let mut exercising: Vec<Uuid> = Vec::new();
        match right.holder {
            Holder::Post(p) => exercising.push(p),
            Holder::Component(c) => exercising.extend(self.head_posts(c)),
            Holder::Organization(_) => {}
            Holder::Forum(f) => {
                for seat in self.chairs.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
                    path.push(PathStep::ExercisedByChair {
                        forum_id: f,
                        membership_id: seat.id,
                        chair: seat.member,
                        capacity: seat.capacity,
                        validity: seat.validity,
                    });
                    match seat.member {
                        Member::Post(p) => exercising.push(p),
                        Member::Component(c) => exercising.extend(self.head_posts(c)),
                        Member::Organization(_) => {}
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        exercising.retain(|p| seen.insert(*p));

        let mut escalation = Vec::new();
        let mut escalation_truncated = false;
        if right.kind == RightKind::Decides {
            let mut starts: Vec<LineSource> =
                exercising.iter().map(|&p| LineSource::Post(p)).collect();
            // A component without a head post on the date may still have a line of its own.
            if let (true, Holder::Component(c)) = (starts.is_empty(), right.holder) {
                starts.push(LineSource::Component(c));
            }
            for start in starts {
                let found = self.lines.chains(start, &[ReportingLineKind::Line]);
                escalation_truncated |= found.truncated;
                escalation.extend(found.chains);
            }
            escalation_truncated |= escalation.len() > MAX_ESCALATION_CHAINS;
            escalation.truncate(MAX_ESCALATION_CHAINS);
        }

        ResolvedHolder {
            right_id: right.id,
            holder: right.holder,
            scope: right.scope.clone(),
            non_delegable: right.non_delegable,
            validity: right.validity,
            path,
            delegator_lapsed,
            exercised_by: exercising.iter().map(|&p| self.occupancy(p)).collect(),
            escalation,
            escalation_truncated,
            sources: right.sources.clone(),
            joint_decision: right.joint_decision.clone(),
            parties: Vec::new(),
        }
    }

    /// The path from the root grant down to `right`, and whether any right above it has lapsed
    /// on the date. Bad data (a delegation cycle, an endless chain) stops the walk instead of
    /// looping; the path then starts with a delegation step.
    fn delegation_path(&self, right: &'a DecisionRight) -> (Vec<PathStep>, bool) {
        let mut lineage: Vec<&DecisionRight> = vec![right];
        let mut lapsed = false;
        let mut seen: HashSet<Uuid> = HashSet::from([right.id]);
        let mut current = right;
        while let Some(parent_id) = current.delegated_from {
            if lineage.len() > MAX_DELEGATION_DEPTH || !seen.insert(parent_id) {
                break;
            }
            let Some(&parent) = self.rights_by_id.get(&parent_id) else {
                break;
            };
            lapsed |= !parent.validity.contains(self.as_of);
            lineage.push(parent);
            current = parent;
        }
        let path = lineage
            .iter()
            .rev()
            .map(|r| match r.delegated_from {
                None => PathStep::DirectGrant {
                    right_id: r.id,
                    holder: r.holder,
                    kind: r.kind,
                    validity: r.validity,
                },
                Some(from) => PathStep::Delegation {
                    right_id: r.id,
                    delegated_from: self.rights_by_id.contains_key(&from).then_some(from),
                    holder: r.holder,
                    kind: r.kind,
                    validity: r.validity,
                },
            })
            .collect();
        (path, lapsed)
    }

    fn head_posts(&self, component: Uuid) -> impl Iterator<Item = Uuid> + '_ {
        self.heads
            .get(&component)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|p| p.id)
    }

    fn occupancy(&self, post_id: Uuid) -> Occupancy {
        let post = self.posts.get(&post_id);
        let occupants = post
            .map(|p| {
                p.assignments_on(self.as_of)
                    .map(|a| Occupant {
                        assignment_id: a.id,
                        person_id: a.person_id,
                        acting: a.acting,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Occupancy {
            post_id,
            occupants,
            holder_recorded: post.is_some_and(|p| !p.assignments.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::chains::ChainEnd;
    use crate::analysis::fixture::{self, *};
    use crate::analysis::snapshot::LineTarget;

    fn group(answer: &WhoDecides, kind: RightKind) -> &[ResolvedHolder] {
        answer
            .groups
            .iter()
            .find(|g| g.kind == kind)
            .map(|g| g.holders.as_slice())
            .unwrap_or(&[])
    }

    fn holders(answer: &WhoDecides, kind: RightKind) -> Vec<Holder> {
        group(answer, kind).iter().map(|h| h.holder).collect()
    }

    /// The three core protection agencies agree on the country's cluster lead under the HC
    /// [001 fn4]: three rights with one joint decision label.
    fn with_cluster_lead_agreement(label: Option<&str>) -> Snapshot {
        let mut snap = fixture::mission();
        fixture::add_cluster_lead_agreement(&mut snap, label);
        snap
    }

    #[test]
    fn the_parties_of_a_joint_decision_are_one_holder_with_its_parties() {
        let as_of = fixture::day(2012, 3, 1);
        let snap = with_cluster_lead_agreement(Some("COUNTRY_LEAD_AGREEMENT"));
        let answer = who_decides("CLUSTER_LEAD_AGENCY", MISSION, as_of, &snap);
        let deciders = group(&answer, RightKind::Decides);
        assert_eq!(deciders.len(), 1, "one joint decision");
        let joint = &deciders[0];
        assert_eq!(
            joint.joint_decision.as_deref(),
            Some("COUNTRY_LEAD_AGREEMENT")
        );
        // Parties come in the answer's order of holders; the first stands for the decision.
        assert_eq!(joint.holder, Holder::Organization(OHCHR));
        assert_eq!(
            joint.parties.iter().map(|p| p.holder).collect::<Vec<_>>(),
            vec![
                Holder::Organization(OHCHR),
                Holder::Organization(UNHCR),
                Holder::Organization(UNICEF),
            ]
        );
        assert_eq!(
            joint.parties.iter().map(|p| p.right_id).collect::<Vec<_>>(),
            vec![fixture::id(9103), fixture::id(9101), fixture::id(9102)]
        );
        assert_eq!(joint.sources.len(), 3, "the sources of every party");

        // Without the label, the same rights are three independent deciders.
        let apart = with_cluster_lead_agreement(None);
        let answer = who_decides("CLUSTER_LEAD_AGENCY", MISSION, as_of, &apart);
        let deciders = group(&answer, RightKind::Decides);
        assert_eq!(deciders.len(), 3);
        assert!(deciders
            .iter()
            .all(|d| d.parties.is_empty() && d.joint_decision.is_none()));
    }

    #[test]
    fn a_label_joins_only_rights_of_the_same_kind_and_scope() {
        let as_of = fixture::day(2012, 3, 1);
        let mut snap = with_cluster_lead_agreement(Some("agreement"));
        for r in &mut snap.rights {
            if r.id == fixture::id(9103) {
                r.scope = Some("another scope".to_owned());
            }
        }
        // Same label, written otherwise: still the same decision.
        for r in &mut snap.rights {
            if r.id == fixture::id(9102) {
                r.joint_decision = Some(" AGREEMENT ".to_owned());
            }
        }
        let answer = who_decides("CLUSTER_LEAD_AGENCY", MISSION, as_of, &snap);
        let deciders = group(&answer, RightKind::Decides);
        assert_eq!(deciders.len(), 2);
        assert_eq!(deciders[0].holder, Holder::Organization(OHCHR));
        assert_eq!(deciders[0].parties.len(), 1, "alone in its scope");
        assert_eq!(
            deciders[1]
                .parties
                .iter()
                .map(|p| p.holder)
                .collect::<Vec<_>>(),
            vec![Holder::Organization(UNHCR), Holder::Organization(UNICEF)]
        );
    }

    #[test]
    fn use_of_force_the_force_commander_decides_and_escalates_to_the_srsg_and_un_hq() {
        let snap = fixture::mission();
        let answer = who_decides("USE_OF_FORCE", MISSION, fixture::day(2012, 3, 1), &snap);
        assert_eq!(answer.applied, AppliedScope::Mission);
        assert_eq!(answer.area_id, Some(USE_OF_FORCE));
        let deciders = group(&answer, RightKind::Decides);
        // The global default (DPKO) is not listed: the mission has grants of its own.
        assert_eq!(
            holders(&answer, RightKind::Decides),
            vec![
                Holder::Post(FORCE_COMMANDER),
                Holder::Post(SECTOR_COMMANDER),
                Holder::Post(POLICE_COMMISSIONER),
            ]
        );
        let fc = &deciders[0];
        assert_eq!(fc.path.len(), 1);
        assert!(
            matches!(fc.path[0], PathStep::DirectGrant { right_id, .. } if right_id == FC_DECIDES_FORCE)
        );
        assert_eq!(fc.sources[0].locator.as_deref(), Some("G ¶17"));
        assert_eq!(fc.exercised_by[0].post_id, FORCE_COMMANDER);
        assert_eq!(fc.exercised_by[0].occupants[0].person_id, fixture::id(1033));
        assert_eq!(fc.escalation.len(), 1);
        let up: Vec<LineTarget> = fc.escalation[0].steps.iter().map(|s| s.to).collect();
        assert_eq!(
            up,
            vec![LineTarget::Post(SRSG), LineTarget::Organization(DPKO)]
        );
        assert_eq!(
            fc.escalation[0].end,
            ChainEnd::Organization { organization: DPKO }
        );
        let police = &deciders[2];
        assert_eq!(police.scope.as_deref(), Some("police units"));
        assert_eq!(
            holders(&answer, RightKind::Informed),
            vec![Holder::Post(SRSG)]
        );
        // Informed holders have no escalation: only deciders escalate.
        assert!(group(&answer, RightKind::Informed)[0].escalation.is_empty());
    }

    #[test]
    fn a_delegated_right_shows_the_delegation_chain_with_its_dates() {
        let snap = fixture::mission();
        let answer = who_decides("USE_OF_FORCE", MISSION, fixture::day(2012, 3, 1), &snap);
        let sector = &group(&answer, RightKind::Decides)[1];
        assert_eq!(sector.right_id, SECTOR_DECIDES_FORCE);
        assert_eq!(
            sector.path,
            vec![
                PathStep::DirectGrant {
                    right_id: FC_DECIDES_FORCE,
                    holder: Holder::Post(FORCE_COMMANDER),
                    kind: RightKind::Decides,
                    validity: fixture::since(2008, 1, 1),
                },
                PathStep::Delegation {
                    right_id: SECTOR_DECIDES_FORCE,
                    delegated_from: Some(FC_DECIDES_FORCE),
                    holder: Holder::Post(SECTOR_COMMANDER),
                    kind: RightKind::Decides,
                    validity: fixture::since(2011, 1, 1),
                },
            ]
        );
        assert!(!sector.delegator_lapsed);
        // The post is vacant: listed, with nobody in it, though a holder is recorded before.
        assert!(sector.exercised_by[0].occupants.is_empty());
        assert!(sector.exercised_by[0].holder_recorded);

        let before = who_decides("USE_OF_FORCE", MISSION, fixture::day(2010, 12, 31), &snap);
        assert!(!holders(&before, RightKind::Decides).contains(&Holder::Post(SECTOR_COMMANDER)));
    }

    #[test]
    fn a_lapsed_or_invisible_delegator_is_flagged_not_hidden() {
        let mut snap = fixture::mission();
        let fc = snap
            .rights
            .iter_mut()
            .find(|r| r.id == FC_DECIDES_FORCE)
            .unwrap();
        fc.validity.to = Some(fixture::day(2013, 1, 1));
        let answer = who_decides("USE_OF_FORCE", MISSION, fixture::day(2013, 6, 1), &snap);
        let sector = group(&answer, RightKind::Decides)
            .iter()
            .find(|h| h.right_id == SECTOR_DECIDES_FORCE)
            .unwrap();
        assert!(sector.delegator_lapsed);
        assert_eq!(sector.path.len(), 2);

        snap.rights.retain(|r| r.id != FC_DECIDES_FORCE);
        let answer = who_decides("USE_OF_FORCE", MISSION, fixture::day(2012, 6, 1), &snap);
        let sector = group(&answer, RightKind::Decides)
            .iter()
            .find(|h| h.right_id == SECTOR_DECIDES_FORCE)
            .unwrap();
        assert!(matches!(
            sector.path.as_slice(),
            [PathStep::Delegation {
                delegated_from: None,
                ..
            }]
        ));
    }

    #[test]
    fn poc_strategy_head_of_mission_decides_endorses_with_the_unct_and_the_cluster_is_consulted_and_informed(
    ) {
        let snap = fixture::mission();
        let answer = who_decides("POC_STRATEGY", MISSION, fixture::day(2012, 3, 1), &snap);
        assert_eq!(
            holders(&answer, RightKind::Decides),
            vec![Holder::Post(SRSG), Holder::Forum(SMG)]
        );
        let hom = &group(&answer, RightKind::Decides)[0];
        assert!(hom.non_delegable);
        assert_eq!(hom.sources.len(), 2);
        assert_eq!(
            holders(&answer, RightKind::Endorses),
            vec![Holder::Post(SRSG), Holder::Forum(UNCT)]
        );
        assert_eq!(
            holders(&answer, RightKind::Consulted),
            vec![Holder::Forum(PC_FORUM)]
        );
        assert_eq!(
            holders(&answer, RightKind::Informed),
            vec![Holder::Forum(PC_FORUM)]
        );
        let kinds: Vec<RightKind> = answer.groups.iter().map(|g| g.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RightKind::Decides,
                RightKind::Endorses,
                RightKind::Consulted,
                RightKind::Informed
            ]
        );
    }

    #[test]
    fn a_forums_right_is_exercised_by_its_chair() {
        let snap = fixture::mission();
        let answer = who_decides("POC_STRATEGY", MISSION, fixture::day(2012, 3, 1), &snap);
        // Senior mission leadership designates the drafting office; the SRSG chairs the SMG.
        let smg = &group(&answer, RightKind::Decides)[1];
        assert_eq!(
            smg.scope.as_deref(),
            Some("designation of the drafting office")
        );
        assert!(matches!(
            smg.path[1],
            PathStep::ExercisedByChair { forum_id, membership_id, chair: Member::Post(p), capacity: Capacity::Chair, .. }
                if forum_id == SMG && membership_id == SMG_CHAIR_SEAT && p == SRSG
        ));
        assert_eq!(smg.exercised_by[0].post_id, SRSG);
        assert_eq!(
            smg.escalation[0].end,
            ChainEnd::Organization { organization: DPKO }
        );
        // The UNCT is chaired by the triple-hatted DSRSG/RC/HC.
        let unct = &group(&answer, RightKind::Endorses)[1];
        assert_eq!(unct.exercised_by[0].post_id, DSRSG_RC_HC);
        // The cluster is chaired by an agency: no mission post exercises its right.
        let cluster = &group(&answer, RightKind::Consulted)[0];
        assert!(cluster.exercised_by.is_empty());
        assert!(matches!(
            cluster.path[1],
            PathStep::ExercisedByChair { chair: Member::Organization(o), .. } if o == UNHCR
        ));
    }

    #[test]
    fn early_warning_the_cell_recommends_and_the_senior_management_group_is_informed() {
        let snap = fixture::mission();
        let answer = who_decides("EARLY_WARNING", MISSION, fixture::day(2012, 3, 1), &snap);
        assert_eq!(
            holders(&answer, RightKind::Recommends),
            vec![Holder::Forum(EWRRC)]
        );
        assert_eq!(
            holders(&answer, RightKind::Informed),
            vec![Holder::Forum(SMG)]
        );
        assert!(holders(&answer, RightKind::Decides).is_empty());
        // The cell has no chair: its right has no one exercising it.
        assert!(group(&answer, RightKind::Recommends)[0]
            .exercised_by
            .is_empty());
    }

    #[test]
    fn without_a_mission_grant_the_global_default_applies_and_the_answer_says_so() {
        let snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        let assets = who_decides("MILITARY_ASSETS", MISSION, as_of, &snap);
        assert_eq!(assets.applied, AppliedScope::Global);
        assert_eq!(
            holders(&assets, RightKind::Decides),
            vec![Holder::Organization(DPKO)]
        );

        let none = who_decides("CLUSTER_LEAD_AGENCY", MISSION, as_of, &snap);
        assert_eq!(none.applied, AppliedScope::NoGrant);
        assert!(none.groups.is_empty());

        let unknown = who_decides("NO_SUCH_AREA", MISSION, as_of, &snap);
        assert_eq!(unknown.area_id, None);
        assert_eq!(unknown.applied, AppliedScope::NoGrant);

        // Before the mission's grants start, the global default applies.
        let early = who_decides("USE_OF_FORCE", MISSION, fixture::day(2007, 6, 1), &snap);
        assert_eq!(early.applied, AppliedScope::NoGrant);
        let mut snap = snap;
        for r in &mut snap.rights {
            if r.id == DPKO_DECIDES_FORCE_GLOBAL {
                r.validity = fixture::always();
            }
        }
        let early = who_decides("USE_OF_FORCE", MISSION, fixture::day(2007, 6, 1), &snap);
        assert_eq!(early.applied, AppliedScope::Global);
    }
}
