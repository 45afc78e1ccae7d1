//! Governance gaps: what is missing or inconsistent in the coordination structure of a mission on
//! a date, each with a code, a severity, the records involved and a sentence a person can act on.
//!
//! Scope: the mission's own records, plus the records of no mission that the service put in the
//! snapshot (the country's cluster and AoR forums, global default rights). Records of other
//! missions are left alone.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::enums::{Capacity, LeadRole, RightKind};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::decisions::{applicable_rights, joint_key, AppliedScope, MAX_DELEGATION_DEPTH};
use super::integration::integration_risk;
use super::snapshot::{DecisionRight, Holder, LeadAgency, Member, Names, Snapshot};
use crate::delegation::{kind_name, strength};

/// What kind of gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GapCode {
    /// A mandated task without a lead component (or whose lead component no longer exists).
    MandatedTaskWithoutLead,
    /// A forum with no chair or co-chair.
    ForumWithoutChair,
    /// A cluster with no lead or co-lead agency.
    ClusterWithoutLead,
    /// An AoR with no lead or co-lead agency.
    AorWithoutLead,
    /// A post that holds decision rights and is vacant on the date: holders of it are recorded
    /// for other periods, none for this one.
    VacantPostHoldsRight,
    /// A post that holds decision rights and of which no holder is recorded at all: who holds it
    /// is unknown, which is not the same as vacant.
    PostHolderNotRecorded,
    /// A decision area nobody decides, even after falling back to the global defaults.
    AreaWithoutDecider,
    /// More than one independent decider for one area and scope.
    AreaWithSeveralDeciders,
    /// A delegation hanging from a right that no longer holds.
    DelegatorLacksRight,
    /// A membership naming an archived organisation.
    ArchivedOrganizationMember,
    /// Structural integration (a triple-hatted DSRSG/RC/HC) in a HIGH or VERY_HIGH risk
    /// environment, where the IASC urges caution.
    StructuralIntegrationInHighRisk,
    /// A structurally integrated mission whose mandate records no risk environment: whether
    /// the IASC caution applies cannot be told.
    RiskEnvironmentNotRecorded,
}

/// How urgently a gap needs attention; sorts from HIGH to LOW.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    High,
    Medium,
    Low,
}

/// One gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub code: GapCode,
    pub severity: Severity,
    /// The records involved, the one to fix first.
    pub records: Vec<Uuid>,
    pub message: String,
}

/// The governance gaps of `mission_id` on `as_of`, by severity, then code, then records.
pub fn governance_gaps(mission_id: Uuid, as_of: NaiveDate, snapshot: &Snapshot) -> Vec<Gap> {
    let names = Names::new(snapshot);
    let in_scope = |m: Option<Uuid>| m.is_none_or(|m| m == mission_id);
    let mut gaps = Vec::new();

    mandated_tasks(mission_id, as_of, snapshot, &mut gaps);

    // Forums without a chair.
    let mut chaired: HashSet<Uuid> = HashSet::new();
    for m in &snapshot.memberships {
        if matches!(m.capacity, Capacity::Chair | Capacity::CoChair) && m.validity.contains(as_of) {
            chaired.insert(m.forum_id);
        }
    }
    for f in snapshot.forums.iter().filter(|f| {
        in_scope(f.mission_id) && f.validity.contains(as_of) && !chaired.contains(&f.id)
    }) {
        gaps.push(Gap {
            code: GapCode::ForumWithoutChair,
            severity: Severity::Medium,
            records: vec![f.id],
            message: format!(
                "Forum \u{201c}{}\u{201d} has no chair or co-chair on {as_of}: record who convenes it.",
                f.name
            ),
        });
    }

    // Clusters and AoRs without a lead. A cluster without a lead has no provider of last resort,
    // hence HIGH; an AoR without one still has its cluster's lead to fall back on.
    let led = |leads: &[LeadAgency]| {
        leads.iter().any(|l| {
            matches!(l.role, LeadRole::Lead | LeadRole::CoLead) && l.validity.contains(as_of)
        })
    };
    for c in snapshot
        .clusters
        .iter()
        .filter(|c| c.validity.contains(as_of) && !led(&c.leads))
    {
        gaps.push(Gap {
            code: GapCode::ClusterWithoutLead,
            severity: Severity::High,
            records: vec![c.id],
            message: format!(
                "Cluster \u{201c}{}\u{201d} has no lead agency on {as_of}: agree one among the agencies under the HC.",
                c.name
            ),
        });
    }
    for a in snapshot
        .areas_of_responsibility
        .iter()
        .filter(|a| a.validity.contains(as_of) && !led(&a.leads))
    {
        gaps.push(Gap {
            code: GapCode::AorWithoutLead,
            severity: Severity::Medium,
            records: vec![a.id, a.cluster_id],
            message: format!(
                "Area of responsibility \u{201c}{}\u{201d} has no lead agency on {as_of}: record who leads it.",
                a.name
            ),
        });
    }

    let rights_by_id: HashMap<Uuid, &DecisionRight> =
        snapshot.rights.iter().map(|r| (r.id, r)).collect();
    vacant_posts(mission_id, as_of, snapshot, &names, &mut gaps);
    deciders(mission_id, as_of, snapshot, &rights_by_id, &mut gaps);

    // Delegations whose delegator no longer holds the right.
    for r in snapshot
        .rights
        .iter()
        .filter(|r| in_scope(r.mission_id) && r.validity.contains(as_of))
    {
        let Some(parent) = r.delegated_from.and_then(|p| rights_by_id.get(&p)) else {
            continue;
        };
        if parent.validity.contains(as_of) {
            continue;
        }
        gaps.push(Gap {
            code: GapCode::DelegatorLacksRight,
            severity: Severity::High,
            records: vec![r.id, parent.id],
            message: format!(
                "{} holds {} on {} by delegation from {}, whose right no longer holds on {as_of}: \
                 end the delegation or grant the right directly.",
                names.holder(r.holder),
                kind_name(r.kind),
                names.area(r.area_id),
                names.holder(parent.holder),
            ),
        });
    }

    integration(mission_id, as_of, snapshot, &mut gaps);

    // Memberships of archived organisations.
    let archived: HashSet<Uuid> = snapshot
        .organizations
        .iter()
        .filter(|o| o.archived)
        .map(|o| o.id)
        .collect();
    if !archived.is_empty() {
        let forum_scope: HashMap<Uuid, Option<Uuid>> = snapshot
            .forums
            .iter()
            .map(|f| (f.id, f.mission_id))
            .collect();
        for m in snapshot
            .memberships
            .iter()
            .filter(|m| m.validity.contains(as_of))
        {
            let Member::Organization(o) = m.member else {
                continue;
            };
            if !archived.contains(&o) || !forum_scope.get(&m.forum_id).is_some_and(|&s| in_scope(s))
            {
                continue;
            }
            gaps.push(Gap {
                code: GapCode::ArchivedOrganizationMember,
                severity: Severity::Low,
                records: vec![m.id, o, m.forum_id],
                message: format!(
                    "{} is archived but still sits in \u{201c}{}\u{201d} on {as_of}: end the membership.",
                    names.organization(o),
                    names.forum(m.forum_id),
                ),
            });
        }
    }

    gaps.sort_by(|a, b| (a.severity, a.code, &a.records).cmp(&(b.severity, b.code, &b.records)));
    gaps
}

fn mandated_tasks(mission_id: Uuid, as_of: NaiveDate, snapshot: &Snapshot, gaps: &mut Vec<Gap>) {
    let components: HashMap<Uuid, _> = snapshot.components.iter().map(|c| (c.id, c)).collect();
    for t in snapshot
        .mandated_tasks
        .iter()
        .filter(|t| t.mission_id == mission_id && t.validity.contains(as_of))
    {
        match t.lead_component_id {
            None => gaps.push(Gap {
                code: GapCode::MandatedTaskWithoutLead,
                severity: Severity::High,
                records: vec![t.id],
                message: format!(
                    "Mandated task \u{201c}{}\u{201d} has no lead component: assign one so that someone is accountable for it.",
                    t.title
                ),
            }),
            // A lead that is not in the snapshot may just be invisible to the caller: only a
            // lead known to have ended is a gap.
            Some(c) => {
                if let Some(component) = components.get(&c).filter(|c| !c.validity.contains(as_of)) {
                    gaps.push(Gap {
                        code: GapCode::MandatedTaskWithoutLead,
                        severity: Severity::High,
                        records: vec![t.id, c],
                        message: format!(
                            "Mandated task \u{201c}{}\u{201d} is led by \u{201c}{}\u{201d}, which does not exist on {as_of}: assign a current lead component.",
                            t.title, component.name
                        ),
                    });
                }
            }
        }
    }
}

/// Posts of the mission, valid but held by nobody on the date, that hold rights then; one gap per
/// post. A post with holders recorded for other periods is vacant on the date: HIGH when one of
/// the rights is DECIDES, else MEDIUM. A post of which no holder is recorded at all is a gap in
/// the records, not a known vacancy: LOW. The snapshot must hold the assignments of every period
/// of these posts for the two to be told apart.
fn vacant_posts(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
    names: &Names<'_>,
    gaps: &mut Vec<Gap>,
) {
    let mut held: BTreeMap<Uuid, Vec<&DecisionRight>> = BTreeMap::new();
    for r in snapshot
        .rights
        .iter()
        .filter(|r| r.validity.contains(as_of))
    {
        if let Holder::Post(p) = r.holder {
            held.entry(p).or_default().push(r);
        }
    }
    if held.is_empty() {
        return;
    }
    for post in snapshot.posts.iter().filter(|p| {
        p.mission_id == Some(mission_id)
            && p.validity.contains(as_of)
            && p.assignments_on(as_of).next().is_none()
    }) {
        let Some(rights) = held.get(&post.id) else {
            continue;
        };
        // Global defaults held by a mission post count; another mission's grants do not.
        let rights: Vec<&&DecisionRight> = rights
            .iter()
            .filter(|r| r.mission_id.is_none_or(|m| m == mission_id))
            .collect();
        if rights.is_empty() {
            continue;
        }
        let strongest = rights.iter().map(|r| strength(r.kind)).max().unwrap_or(0);
        let listed = rights
            .iter()
            .map(|r| format!("{} on {}", kind_name(r.kind), names.area(r.area_id)))
            .collect::<Vec<String>>()
            .join(", ");
        let mut records = vec![post.id];
        records.extend(rights.iter().map(|r| r.id));
        gaps.push(if post.assignments.is_empty() {
            Gap {
                code: GapCode::PostHolderNotRecorded,
                severity: Severity::Low,
                records,
                message: format!(
                    "No holder of post \u{201c}{}\u{201d} is recorded (no assignment in any period), and it holds {listed}: record who holds it, or that it is vacant.",
                    post.title,
                ),
            }
        } else {
            Gap {
                code: GapCode::VacantPostHoldsRight,
                severity: if strongest >= strength(RightKind::Decides) {
                    Severity::High
                } else {
                    Severity::Medium
                },
                records,
                message: format!(
                    "Post \u{201c}{}\u{201d} is vacant on {as_of} but holds {listed}: fill the post or reassign the right.",
                    post.title,
                ),
            }
        });
    }
}

/// Structural integration where the risk environment calls for caution, or is not recorded.
fn integration(mission_id: Uuid, as_of: NaiveDate, snapshot: &Snapshot, gaps: &mut Vec<Gap>) {
    let risk = integration_risk(mission_id, as_of, snapshot);
    if let Some(caution) = risk.caution {
        gaps.push(Gap {
            code: GapCode::StructuralIntegrationInHighRisk,
            severity: Severity::Medium,
            records: caution.based_on,
            message: format!(
                "{} Review the arrangement with the humanitarian country team (IASC, \
                 UN integration and humanitarian space, 2013).",
                caution.message
            ),
        });
    } else if risk.structurally_integrated.value && risk.risk_environment.value.is_none() {
        let mut records = risk.structurally_integrated.based_on;
        records.extend(risk.risk_environment.based_on);
        gaps.push(Gap {
            code: GapCode::RiskEnvironmentNotRecorded,
            severity: Severity::Low,
            records,
            message: format!(
                "The mission is structurally integrated on {as_of} but its mandate records no \
                 risk environment: record it, so the IASC caution about structural integration \
                 in high-risk environments can be checked."
            ),
        });
    }
}

/// Who decides, once delegations are traced back: a right at the root of its delegations, or a
/// joint decision (its label, lower-case) taken together by several rights.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Decider {
    Right(Uuid),
    Joint(String),
}

/// Areas with no DECIDES holder, or with several independent ones for one scope. A delegation
/// does not add a decider: every DECIDES right is traced up its delegations (within the rights
/// that apply) to its root, and roots are counted; the parties of one joint decision count as
/// one decider.
fn deciders(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
    rights_by_id: &HashMap<Uuid, &DecisionRight>,
    gaps: &mut Vec<Gap>,
) {
    let mut by_area: HashMap<Uuid, Vec<&DecisionRight>> = HashMap::new();
    for r in &snapshot.rights {
        by_area.entry(r.area_id).or_default().push(r);
    }
    let acronym = snapshot
        .missions
        .iter()
        .find(|m| m.id == mission_id)
        .map_or("the mission", |m| m.acronym_on(as_of));
    for area in &snapshot.decision_areas {
        let candidates = by_area.get(&area.id).map(Vec::as_slice).unwrap_or(&[]);
        let (applied, rights) = applicable_rights(candidates, mission_id, as_of);
        let applying: HashSet<Uuid> = rights.iter().map(|r| r.id).collect();
        // Scope → deciders → the root rights behind each, with scopes compared ignoring case
        // and surrounding blanks.
        let mut roots: BTreeMap<String, BTreeMap<Decider, BTreeSet<Uuid>>> = BTreeMap::new();
        for r in rights.iter().filter(|r| r.kind == RightKind::Decides) {
            let root = root_of(r, &applying, rights_by_id);
            let decider = match rights_by_id.get(&root).and_then(|rr| joint_key(rr)) {
                Some((_, _, label)) => Decider::Joint(label),
                None => Decider::Right(root),
            };
            let scope = r.scope.as_deref().unwrap_or("").trim().to_lowercase();
            roots
                .entry(scope)
                .or_default()
                .entry(decider)
                .or_default()
                .insert(root);
        }
        if roots.is_empty() {
            let basis = match applied {
                AppliedScope::Mission => "the mission's own grants name no decider",
                AppliedScope::Global => {
                    "the mission has no grant of its own and the global defaults name no decider"
                }
                AppliedScope::NoGrant => {
                    "neither the mission nor the global defaults grant any right on it"
                }
            };
            gaps.push(Gap {
                code: GapCode::AreaWithoutDecider,
                severity: Severity::High,
                records: vec![area.id],
                message: format!(
                    "Nobody decides on {} in {acronym} on {as_of}: {basis}. Grant a DECIDES right.",
                    area.code
                ),
            });
        }
        for (scope, deciding) in roots {
            if deciding.len() < 2 {
                continue;
            }
            let mut records = vec![area.id];
            records.extend(deciding.values().flatten());
            gaps.push(Gap {
                code: GapCode::AreaWithSeveralDeciders,
                severity: Severity::Medium,
                records,
                message: format!(
                    "{} independent DECIDES rights on {}{} in {acronym} on {as_of}: keep one decider per area and scope.",
                    deciding.len(),
                    area.code,
                    if scope.is_empty() { String::new() } else { format!(" (scope \u{201c}{scope}\u{201d})") },
                ),
            });
        }
    }
}

/// The topmost right above `right` along its delegations that still applies.
fn root_of(
    right: &DecisionRight,
    applying: &HashSet<Uuid>,
    rights_by_id: &HashMap<Uuid, &DecisionRight>,
) -> Uuid {
    let mut current = right;
    for _ in 0..MAX_DELEGATION_DEPTH {
        match current
            .delegated_from
            .filter(|p| applying.contains(p) && *p != right.id)
            .and_then(|p| rights_by_id.get(&p))
        {
            Some(parent) => current = parent,
            None => break,
        }
    }
    current.id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};

    fn codes(gaps: &[Gap]) -> Vec<(GapCode, Vec<Uuid>)> {
        gaps.iter().map(|g| (g.code, g.records.clone())).collect()
    }

    #[test]
    fn the_fixture_mission_has_the_gaps_the_seeds_suggest() {
        let snap = fixture::mission();
        let gaps = governance_gaps(MISSION, fixture::day(2012, 3, 1), &snap);
        let caution = integration_risk(MISSION, fixture::day(2012, 3, 1), &snap)
            .caution
            .unwrap()
            .based_on;
        assert_eq!(caution[0], MANDATE_1906);
        assert!(caution.contains(&DSRSG_RC_HC) && caution.contains(&HAT_HC));
        assert_eq!(
            codes(&gaps),
            vec![
                (GapCode::MandatedTaskWithoutLead, vec![TASK_MINE_ACTION]),
                (
                    GapCode::VacantPostHoldsRight,
                    vec![SECTOR_COMMANDER, SECTOR_DECIDES_FORCE]
                ),
                (GapCode::AreaWithoutDecider, vec![EARLY_WARNING]),
                (GapCode::AreaWithoutDecider, vec![CLUSTER_LEAD_AGENCY]),
                (GapCode::ForumWithoutChair, vec![EWRRC]),
                (GapCode::AorWithoutLead, vec![GBV_AOR, PROTECTION_CLUSTER]),
                (GapCode::StructuralIntegrationInHighRisk, caution),
                (
                    GapCode::ArchivedOrganizationMember,
                    vec![PC_OLD_NGO_SEAT, OLD_NGO, PC_FORUM]
                ),
            ]
        );
        let severities: Vec<Severity> = gaps.iter().map(|g| g.severity).collect();
        assert!(severities.windows(2).all(|w| w[0] <= w[1]));
        let vacant = &gaps[1];
        assert_eq!(
            vacant.message,
            "Post \u{201c}Sector North Commander\u{201d} is vacant on 2012-03-01 but holds DECIDES on USE_OF_FORCE: fill the post or reassign the right."
        );
        assert!(gaps[3]
            .message
            .contains("neither the mission nor the global defaults"));
        // MILITARY_ASSETS is decided by the global default: no gap.
        assert!(!gaps.iter().any(|g| g.records.contains(&MILITARY_ASSETS)));
    }

    #[test]
    fn structural_integration_is_a_gap_in_a_high_risk_environment_or_an_unrecorded_one() {
        let mut snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        let found = |snap: &Snapshot| -> Vec<GapCode> {
            governance_gaps(MISSION, as_of, snap)
                .into_iter()
                .map(|g| g.code)
                .filter(|c| {
                    matches!(
                        c,
                        GapCode::StructuralIntegrationInHighRisk
                            | GapCode::RiskEnvironmentNotRecorded
                    )
                })
                .collect()
        };
        assert_eq!(found(&snap), vec![GapCode::StructuralIntegrationInHighRisk]);
        let high = governance_gaps(MISSION, as_of, &snap)
            .into_iter()
            .find(|g| g.code == GapCode::StructuralIntegrationInHighRisk)
            .unwrap();
        assert_eq!(high.severity, Severity::Medium);
        assert!(
            high.message.contains("HIGH risk environment"),
            "{}",
            high.message
        );
        snap.missions[0].mandates[1].attributes.risk_environment =
            Some(crate::enums::RiskEnvironment::Medium);
        assert!(found(&snap).is_empty());
        snap.missions[0].mandates[1].attributes.risk_environment = None;
        assert_eq!(found(&snap), vec![GapCode::RiskEnvironmentNotRecorded]);
        // Before the HC hat is worn by the DSRSG there is no structural integration to check.
        assert!(governance_gaps(MISSION, fixture::day(1999, 1, 1), &snap)
            .iter()
            .all(|g| g.code != GapCode::RiskEnvironmentNotRecorded));
    }

    #[test]
    fn a_post_whose_holders_were_never_recorded_is_not_called_vacant() {
        let mut snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        for p in &mut snap.posts {
            if p.id == SECTOR_COMMANDER {
                p.assignments.clear();
            }
        }
        let gaps = governance_gaps(MISSION, as_of, &snap);
        assert!(!gaps.iter().any(|g| g.code == GapCode::VacantPostHoldsRight));
        let unknown: Vec<&Gap> = gaps
            .iter()
            .filter(|g| g.code == GapCode::PostHolderNotRecorded)
            .collect();
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].severity, Severity::Low);
        assert_eq!(
            unknown[0].records,
            vec![SECTOR_COMMANDER, SECTOR_DECIDES_FORCE]
        );
        assert_eq!(
            unknown[0].message,
            "No holder of post \u{201c}Sector North Commander\u{201d} is recorded (no assignment in any period), and it holds DECIDES on USE_OF_FORCE: record who holds it, or that it is vacant."
        );

        // While its one holder sat in it, the post was neither vacant nor unknown.
        let held = governance_gaps(MISSION, fixture::day(2011, 5, 1), &fixture::mission());
        assert!(!held
            .iter()
            .any(|g| g.records.first() == Some(&SECTOR_COMMANDER)
                && matches!(
                    g.code,
                    GapCode::VacantPostHoldsRight | GapCode::PostHolderNotRecorded
                )));
    }

    #[test]
    fn gap_codes_serialise_in_screaming_snake_case() {
        let json = serde_json::to_value(GapCode::VacantPostHoldsRight).unwrap();
        assert_eq!(json, serde_json::json!("VACANT_POST_HOLDS_RIGHT"));
        assert_eq!(
            serde_json::to_value(Severity::High).unwrap(),
            serde_json::json!("HIGH")
        );
    }

    #[test]
    fn a_delegation_is_not_a_second_decider_but_an_independent_grant_is() {
        let mut snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        assert!(!governance_gaps(MISSION, as_of, &snap)
            .iter()
            .any(|g| g.code == GapCode::AreaWithSeveralDeciders));
        snap.rights.push(fixture::right(
            fixture::id(777),
            USE_OF_FORCE,
            Some(MISSION),
            Holder::Post(DSRSG_POL),
            RightKind::Decides,
        ));
        let gaps = governance_gaps(MISSION, as_of, &snap);
        let several: Vec<_> = gaps
            .iter()
            .filter(|g| g.code == GapCode::AreaWithSeveralDeciders)
            .collect();
        assert_eq!(several.len(), 1);
        assert_eq!(
            several[0].records,
            vec![USE_OF_FORCE, FC_DECIDES_FORCE, fixture::id(777)]
        );
        // The police units scope has its own single decider.
        assert!(!several[0].message.contains("police"));
    }

    #[test]
    fn the_parties_of_a_joint_decision_count_as_one_decider() {
        let as_of = fixture::day(2012, 3, 1);
        let mut snap = fixture::mission();
        fixture::add_cluster_lead_agreement(&mut snap, Some("COUNTRY_LEAD_AGREEMENT"));
        let gaps = governance_gaps(MISSION, as_of, &snap);
        assert!(
            !gaps
                .iter()
                .any(|g| g.records.first() == Some(&CLUSTER_LEAD_AGENCY)),
            "one joint decider, no gap: {gaps:?}"
        );

        // Apart, they are three deciders; a joint decision beside a sole decider, two.
        for r in &mut snap.rights {
            if r.id == fixture::id(9103) {
                r.joint_decision = None;
            }
        }
        let gaps = governance_gaps(MISSION, as_of, &snap);
        let several: Vec<&Gap> = gaps
            .iter()
            .filter(|g| g.code == GapCode::AreaWithSeveralDeciders)
            .collect();
        assert_eq!(several.len(), 1);
        assert!(
            several[0].message.starts_with("2 independent"),
            "{}",
            several[0].message
        );
        assert_eq!(
            several[0].records,
            vec![
                CLUSTER_LEAD_AGENCY,
                fixture::id(9103),
                fixture::id(9101),
                fixture::id(9102)
            ]
        );
    }

    #[test]
    fn a_delegation_whose_delegator_ended_is_a_gap_from_that_date() {
        let mut snap = fixture::mission();
        for r in &mut snap.rights {
            if r.id == FC_DECIDES_FORCE {
                r.validity.to = Some(fixture::day(2013, 1, 1));
            }
        }
        let has = |d| {
            governance_gaps(MISSION, d, &snap).iter().any(|g| {
                g.code == GapCode::DelegatorLacksRight
                    && g.records == vec![SECTOR_DECIDES_FORCE, FC_DECIDES_FORCE]
            })
        };
        assert!(!has(fixture::day(2012, 12, 31)));
        assert!(has(fixture::day(2013, 1, 1)));
    }

    #[test]
    fn forums_clusters_and_tasks_are_checked_on_the_date() {
        let mut snap = fixture::mission();
        for m in &mut snap.memberships {
            if m.id == SMG_CHAIR_SEAT {
                m.validity.to = Some(fixture::day(2012, 1, 1));
            }
        }
        snap.clusters[0].leads[0].validity.to = Some(fixture::day(2012, 1, 1));
        for c in &mut snap.components {
            if c.id == POC_UNIT {
                c.validity.to = Some(fixture::day(2012, 1, 1));
            }
        }
        let before = codes(&governance_gaps(MISSION, fixture::day(2011, 12, 31), &snap));
        let after = codes(&governance_gaps(MISSION, fixture::day(2012, 1, 1), &snap));
        assert!(!before.contains(&(GapCode::ForumWithoutChair, vec![SMG])));
        assert!(after.contains(&(GapCode::ForumWithoutChair, vec![SMG])));
        assert!(after.contains(&(GapCode::ClusterWithoutLead, vec![PROTECTION_CLUSTER])));
        assert!(after.contains(&(
            GapCode::MandatedTaskWithoutLead,
            vec![fixture::id(170), POC_UNIT]
        )));
        assert!(!before
            .iter()
            .any(|(c, _)| *c == GapCode::ClusterWithoutLead));
    }

    #[test]
    fn other_missions_records_are_left_alone() {
        let mut snap = fixture::mission();
        let other = fixture::id(4444);
        for f in &mut snap.forums {
            if f.id == EWRRC {
                f.mission_id = Some(other);
            }
        }
        let gaps = governance_gaps(MISSION, fixture::day(2012, 3, 1), &snap);
        assert!(!gaps.iter().any(|g| g.records.contains(&EWRRC)));
    }
}
