//! The integration profile of a mission: whether the UN presence is integrated and whether
//! structurally (one post wearing the DSRSG, RC and HC hats at once), under which DSRSG each
//! protection-relevant component sits, which humanitarian organisations sit in the mission's
//! forums and how, and the IASC caution about structural integration in high-risk environments.
//! Every finding names the records it rests on, so an analyst can check it.

use std::collections::{HashMap, HashSet};

use crate::enums::{
    Capacity, ComponentSpecialty, ForumKind, Hat, OrganizationKind, ReportingLineKind,
    RiskEnvironment,
};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::chains::{Chain, LineIndex};
use super::snapshot::{
    component_heads, is_dsrsg, rank, Component, Forum, Lead, LineSource, LineTarget, Member, Post,
    Snapshot,
};

/// The component specialties the profile places under a DSRSG.
pub const PROTECTION_SPECIALTIES: [ComponentSpecialty; 5] = [
    ComponentSpecialty::HumanRights,
    ComponentSpecialty::ChildProtection,
    ComponentSpecialty::WomenProtection,
    ComponentSpecialty::CivilAffairs,
    ComponentSpecialty::ProtectionOfCivilians,
];

/// How many parent components are climbed at most when placing a component (nesting in real
/// missions is three or four levels; the bound guards against parent cycles in bad data).
pub const MAX_COMPONENT_DEPTH: usize = 16;

/// A value and the ids of the records it is based on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding<T> {
    pub value: T,
    pub based_on: Vec<Uuid>,
}

/// The integration profile of one mission on one date.
#[derive(Debug, Clone, Serialize)]
pub struct IntegrationProfile {
    pub mission_id: Uuid,
    pub as_of: NaiveDate,
    /// The flag of the mandate in force (mission + UN Country Team under one strategic
    /// framework).
    pub integrated_presence: Finding<bool>,
    /// Some post of the mission wears a DSRSG hat, the RC hat and the HC hat on the date; based
    /// on those posts and hats.
    pub structurally_integrated: Finding<bool>,
    pub triple_hatted_posts: Vec<Uuid>,
    pub risk_environment: Finding<Option<RiskEnvironment>>,
    /// Set when structural integration meets a HIGH or VERY_HIGH risk environment.
    pub caution: Option<Caution>,
    /// One entry per protection-relevant component valid on the date.
    pub components: Vec<ComponentPlacement>,
    /// Humanitarian organisations sitting in the mission's forums on the date.
    pub humanitarian_seats: Vec<HumanitarianSeat>,
}

/// The IASC caution, with why it is raised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Caution {
    pub message: String,
    pub based_on: Vec<Uuid>,
}

/// Where a protection-relevant component sits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentPlacement {
    pub component_id: Uuid,
    pub specialty: ComponentSpecialty,
    /// The DSRSG posts it sits under (one in sane data; several if its lines branch). Empty when
    /// no DSRSG is found above it: it then sits directly under the head of mission or nowhere.
    pub dsrsg_posts: Vec<Uuid>,
    pub via: Option<PlacementVia>,
    /// The enclosing component whose head or lines placed it, when not the component itself.
    pub through_component: Option<Uuid>,
    /// The component(s) climbed, head post, reporting lines and DSRSG hat the placement rests on.
    pub based_on: Vec<Uuid>,
}

/// Which record placed a component under a DSRSG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlacementVia {
    /// The component's head post itself wears a DSRSG hat.
    HeadPost,
    /// The head post's LINE chain reaches a DSRSG.
    HeadPostLine,
    /// The component's own LINE reporting line reaches a DSRSG.
    ComponentLine,
}

/// A humanitarian organisation's seat in a mission forum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HumanitarianSeat {
    pub organization_id: Uuid,
    pub organization_kind: OrganizationKind,
    pub forum_id: Uuid,
    pub membership_id: Uuid,
    pub capacity: Capacity,
    pub since: NaiveDate,
    pub basis: HumanitarianBasis,
    pub based_on: Vec<Uuid>,
}

/// Why an organisation counts as humanitarian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HumanitarianBasis {
    /// A UN agency, an NGO or a member of the Red Cross movement.
    OrganizationKind,
    /// It leads or co-leads a cluster or an AoR on the date.
    LeadsClusterOrAor { lead_id: Uuid },
    /// A UN Secretariat office (OCHA, OHCHR) sitting in a cluster, AoR or HCT forum on the date;
    /// DPKO and DPA, also Secretariat, do not sit there.
    SitsInHumanitarianForum { membership_id: Uuid },
}

/// Whether a mission is integrated, structurally or not, and in which risk environment, on one
/// date: the part of the profile the governance gaps read too.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntegrationRisk {
    /// The flag of the mandate in force (mission + UN Country Team under one strategic
    /// framework); based on that mandate (on the mission when none is recorded).
    pub integrated_presence: Finding<bool>,
    /// Some post of the mission wears a DSRSG hat, the RC hat and the HC hat on the date; based
    /// on those posts and hats.
    pub structurally_integrated: Finding<bool>,
    pub triple_hatted_posts: Vec<Uuid>,
    /// The risk environment of the mandate in force.
    pub risk_environment: Finding<Option<RiskEnvironment>>,
    /// Set when structural integration meets a HIGH or VERY_HIGH risk environment.
    pub caution: Option<Caution>,
}

/// Integration and risk of `mission_id` on `as_of`.
pub fn integration_risk(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> IntegrationRisk {
    let mission = snapshot.missions.iter().find(|m| m.id == mission_id);
    let mandate = mission.and_then(|m| m.mandate_on(as_of));
    let basis = match (mandate, mission) {
        (Some(mandate), _) => vec![mandate.id],
        (None, Some(mission)) => vec![mission.id],
        (None, None) => Vec::new(),
    };
    let integrated_presence = Finding {
        value: mandate.is_some_and(|m| m.attributes.integrated_presence),
        based_on: basis.clone(),
    };
    let risk_environment = Finding {
        value: mandate.and_then(|m| m.attributes.risk_environment),
        based_on: basis,
    };
    let (triple_hatted_posts, structural_basis) = triple_hatted(mission_id, as_of, snapshot);
    let structurally_integrated = Finding {
        value: !triple_hatted_posts.is_empty(),
        based_on: structural_basis,
    };
    let caution = caution(&structurally_integrated, &risk_environment);
    IntegrationRisk {
        integrated_presence,
        structurally_integrated,
        triple_hatted_posts,
        risk_environment,
        caution,
    }
}

/// The integration profile of `mission_id` on `as_of`.
pub fn integration_profile(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> IntegrationProfile {
    let IntegrationRisk {
        integrated_presence,
        structurally_integrated,
        triple_hatted_posts,
        risk_environment,
        caution,
    } = integration_risk(mission_id, as_of, snapshot);
    IntegrationProfile {
        mission_id,
        as_of,
        integrated_presence,
        structurally_integrated,
        triple_hatted_posts,
        risk_environment,
        caution,
        components: place_components(mission_id, as_of, snapshot),
        humanitarian_seats: humanitarian_seats(mission_id, as_of, snapshot),
    }
}

/// The mission's posts wearing a DSRSG, the RC and the HC hat on `as_of`, and the posts and hats
/// that show it.
fn triple_hatted(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> (Vec<Uuid>, Vec<Uuid>) {
    let mut posts = Vec::new();
    let mut basis = Vec::new();
    for post in snapshot
        .posts
        .iter()
        .filter(|p| p.mission_id == Some(mission_id) && p.validity.contains(as_of))
    {
        if let Some(hats) = triple_hats(post, as_of) {
            posts.push(post.id);
            basis.push(post.id);
            basis.extend(hats);
        }
    }
    (posts, basis)
}

/// The IASC caution, when structural integration meets a HIGH or VERY_HIGH risk environment.
fn caution(structural: &Finding<bool>, risk: &Finding<Option<RiskEnvironment>>) -> Option<Caution> {
    let level = match (structural.value, risk.value) {
        (true, Some(RiskEnvironment::VeryHigh)) => "VERY_HIGH",
        (true, Some(RiskEnvironment::High)) => "HIGH",
        _ => return None,
    };
    let mut based_on = risk.based_on.clone();
    based_on.extend(&structural.based_on);
    Some(Caution {
        message: format!(
            "Structural integration (one post wearing the DSRSG, RC and HC hats) in a {level} \
             risk environment: the IASC urges caution, as it can make humanitarian actors \
             appear aligned with the mission and compromise their neutrality, \
             impartiality and independence."
        ),
        based_on,
    })
}

/// The hat ids that make `post` triple-hatted on `as_of`, if it is.
fn triple_hats(post: &Post, as_of: NaiveDate) -> Option<Vec<Uuid>> {
    let mut dsrsg = None;
    let mut rc = None;
    let mut hc = None;
    for h in post.hats_on(as_of) {
        match h.hat {
            hat if is_dsrsg(hat) => dsrsg = dsrsg.or(Some(h.id)),
            Hat::ResidentCoordinator => rc = rc.or(Some(h.id)),
            Hat::HumanitarianCoordinator => hc = hc.or(Some(h.id)),
            _ => {}
        }
    }
    Some(vec![dsrsg?, rc?, hc?])
}

/// Places every protection-relevant component of the mission valid on `as_of`.
fn place_components(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> Vec<ComponentPlacement> {
    let components: HashMap<Uuid, &Component> =
        snapshot.components.iter().map(|c| (c.id, c)).collect();
    let placer = Placer {
        as_of,
        components: &components,
        posts: snapshot.posts.iter().map(|p| (p.id, p)).collect(),
        heads: component_heads(&snapshot.posts, as_of),
        lines: LineIndex::new(&snapshot.reporting_lines, as_of),
    };
    let mut out: Vec<ComponentPlacement> = snapshot
        .components
        .iter()
        .filter(|c| c.mission_id == mission_id && c.validity.contains(as_of))
        .filter_map(|c| {
            let specialty = c.specialty.filter(|s| PROTECTION_SPECIALTIES.contains(s))?;
            Some(placer.place(c.id, specialty))
        })
        .collect();
    out.sort_by_key(|p| p.component_id);
    out
}

struct Placer<'a> {
    as_of: NaiveDate,
    components: &'a HashMap<Uuid, &'a Component>,
    posts: HashMap<Uuid, &'a Post>,
    heads: HashMap<Uuid, Vec<&'a Post>>,
    lines: LineIndex<'a>,
}

impl Placer<'_> {
    fn wears_dsrsg(&self, post: Uuid) -> Option<Uuid> {
        self.posts
            .get(&post)?
            .hats_on(self.as_of)
            .find(|h| is_dsrsg(h.hat))
            .map(|h| h.id)
    }

    /// Climbs from the component through its parents; at each level tries the head post, then
    /// the head post's LINE chain, then the component's own LINE lines, and stops at the first
    /// level where one of them reaches a DSRSG.
    fn place(&self, component_id: Uuid, specialty: ComponentSpecialty) -> ComponentPlacement {
        let mut placement = ComponentPlacement {
            component_id,
            specialty,
            dsrsg_posts: Vec::new(),
            via: None,
            through_component: None,
            based_on: vec![component_id],
        };
        let mut seen = HashSet::new();
        let mut current = Some(component_id);
        while let Some(level) = current {
            if seen.len() == MAX_COMPONENT_DEPTH || !seen.insert(level) {
                break;
            }
            if level != component_id {
                placement.based_on.push(level);
            }
            if let Some((via, dsrsg_posts, basis)) = self.place_level(level) {
                placement.dsrsg_posts = dsrsg_posts;
                placement.via = Some(via);
                placement.through_component = (level != component_id).then_some(level);
                placement.based_on.extend(basis);
                return placement;
            }
            current = self.components.get(&level).and_then(|c| c.parent_id);
        }
        // Not placed: only the component itself is the basis of "no DSRSG above it".
        placement.based_on.truncate(1);
        placement
    }

    fn place_level(&self, component: Uuid) -> Option<(PlacementVia, Vec<Uuid>, Vec<Uuid>)> {
        let heads = self.heads.get(&component).map(Vec::as_slice).unwrap_or(&[]);
        for head in heads {
            if let Some(hat) = self.wears_dsrsg(head.id) {
                return Some((PlacementVia::HeadPost, vec![head.id], vec![head.id, hat]));
            }
        }
        let mut found = Found::default();
        for head in heads {
            let chains = self
                .lines
                .chains(LineSource::Post(head.id), &[ReportingLineKind::Line]);
            if self.scan(&chains.chains, &mut found) {
                found.basis.insert(0, head.id);
            }
        }
        if !found.posts.is_empty() {
            return Some((PlacementVia::HeadPostLine, found.posts, found.basis));
        }
        let chains = self
            .lines
            .chains(LineSource::Component(component), &[ReportingLineKind::Line]);
        self.scan(&chains.chains, &mut found);
        (!found.posts.is_empty()).then_some((PlacementVia::ComponentLine, found.posts, found.basis))
    }

    /// Adds the first DSRSG on each chain, with the lines walked to reach it and its hat.
    /// Returns whether any chain reached one.
    fn scan(&self, chains: &[Chain], found: &mut Found) -> bool {
        let mut any = false;
        for chain in chains {
            for (i, step) in chain.steps.iter().enumerate() {
                let LineTarget::Post(post) = step.to else {
                    continue;
                };
                if let Some(hat) = self.wears_dsrsg(post) {
                    any = true;
                    if !found.posts.contains(&post) {
                        found.posts.push(post);
                    }
                    for s in &chain.steps[..=i] {
                        if !found.basis.contains(&s.line_id) {
                            found.basis.push(s.line_id);
                        }
                    }
                    if !found.basis.contains(&hat) {
                        found.basis.push(hat);
                    }
                    break;
                }
            }
        }
        any
    }
}

#[derive(Default)]
struct Found {
    posts: Vec<Uuid>,
    basis: Vec<Uuid>,
}

fn humanitarian_kind(kind: OrganizationKind) -> bool {
    matches!(
        kind,
        OrganizationKind::UnAgency
            | OrganizationKind::InternationalNgo
            | OrganizationKind::NationalNgo
            | OrganizationKind::RedCrossMovement
    )
}

/// A cluster, AoR or Humanitarian Country Team forum.
fn humanitarian_forum(forum: &Forum) -> bool {
    forum.cluster_id.is_some()
        || forum.area_of_responsibility_id.is_some()
        || matches!(
            forum.kind,
            ForumKind::ProtectionCluster
                | ForumKind::AorCoordination
                | ForumKind::HumanitarianCountryTeam
        )
}

fn humanitarian_seats(
    mission_id: Uuid,
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> Vec<HumanitarianSeat> {
    let forums: HashMap<Uuid, &Forum> = snapshot
        .forums
        .iter()
        .filter(|f| f.validity.contains(as_of))
        .map(|f| (f.id, f))
        .collect();
    let organizations: HashMap<Uuid, _> =
        snapshot.organizations.iter().map(|o| (o.id, o)).collect();
    // The first lead role (by id) each organisation holds on the date.
    let mut leads: HashMap<Uuid, Uuid> = HashMap::new();
    let all_leads = snapshot
        .clusters
        .iter()
        .filter(|c| c.validity.contains(as_of))
        .flat_map(|c| &c.leads)
        .chain(
            snapshot
                .areas_of_responsibility
                .iter()
                .filter(|a| a.validity.contains(as_of))
                .flat_map(|a| &a.leads),
        );
    for lead in all_leads.filter(|l| l.validity.contains(as_of)) {
        if let Lead::Organization(o) = lead.lead {
            let entry = leads.entry(o).or_insert(lead.id);
            *entry = (*entry).min(lead.id);
        }
    }
    let mut humanitarian_forum_seats: HashMap<Uuid, Uuid> = HashMap::new();
    for m in snapshot
        .memberships
        .iter()
        .filter(|m| m.validity.contains(as_of))
    {
        if let (Member::Organization(o), Some(true)) = (
            m.member,
            forums.get(&m.forum_id).map(|f| humanitarian_forum(f)),
        ) {
            let entry = humanitarian_forum_seats.entry(o).or_insert(m.id);
            *entry = (*entry).min(m.id);
        }
    }

    let mut out = Vec::new();
    for m in snapshot
        .memberships
        .iter()
        .filter(|m| m.validity.contains(as_of))
    {
        let Member::Organization(o) = m.member else {
            continue;
        };
        if forums.get(&m.forum_id).map(|f| f.mission_id) != Some(Some(mission_id)) {
            continue;
        }
        let Some(org) = organizations.get(&o) else {
            continue;
        };
        let basis = if humanitarian_kind(org.kind) {
            HumanitarianBasis::OrganizationKind
        } else if let Some(&lead_id) = leads.get(&o) {
            HumanitarianBasis::LeadsClusterOrAor { lead_id }
        } else if let (OrganizationKind::UnSecretariat, Some(&membership_id)) =
            (org.kind, humanitarian_forum_seats.get(&o))
        {
            HumanitarianBasis::SitsInHumanitarianForum { membership_id }
        } else {
            continue;
        };
        let mut based_on = vec![m.id, o];
        match basis {
            HumanitarianBasis::OrganizationKind => {}
            HumanitarianBasis::LeadsClusterOrAor { lead_id: id }
            | HumanitarianBasis::SitsInHumanitarianForum { membership_id: id } => based_on.push(id),
        }
        out.push(HumanitarianSeat {
            organization_id: o,
            organization_kind: org.kind,
            forum_id: m.forum_id,
            membership_id: m.id,
            capacity: m.capacity,
            since: m.validity.from,
            basis,
            based_on,
        });
    }
    out.sort_by_key(|s| {
        (
            s.forum_id,
            rank::capacity(s.capacity),
            s.organization_id,
            s.membership_id,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};

    #[test]
    fn a_triple_hatted_dsrsg_rc_hc_makes_the_mission_structurally_integrated() {
        let snap = fixture::mission();
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        assert_eq!(
            p.integrated_presence,
            Finding {
                value: true,
                based_on: vec![MANDATE_1906]
            }
        );
        assert!(p.structurally_integrated.value);
        assert_eq!(p.triple_hatted_posts, vec![DSRSG_RC_HC]);
        assert_eq!(
            p.structurally_integrated.based_on,
            vec![DSRSG_RC_HC, fixture::id(183), fixture::id(184), HAT_HC]
        );
    }

    #[test]
    fn ending_the_hc_hat_changes_structural_integration_from_that_date_on_but_not_before() {
        let mut snap = fixture::mission();
        let end = fixture::day(2014, 1, 1);
        for post in &mut snap.posts {
            for hat in &mut post.hats {
                if hat.id == HAT_HC {
                    hat.validity.to = Some(end);
                }
            }
        }
        let before = integration_profile(MISSION, fixture::day(2013, 12, 31), &snap);
        assert!(before.structurally_integrated.value);
        assert!(before.caution.is_some());
        let on = integration_profile(MISSION, end, &snap);
        assert!(!on.structurally_integrated.value);
        assert!(on.structurally_integrated.based_on.is_empty());
        assert!(on.caution.is_none());
        let after = integration_profile(MISSION, fixture::day(2015, 6, 1), &snap);
        assert!(!after.structurally_integrated.value);
    }

    #[test]
    fn hats_on_different_posts_do_not_make_structural_integration() {
        let mut snap = fixture::mission();
        for post in &mut snap.posts {
            if post.id == DSRSG_RC_HC {
                post.hats.retain(|h| h.hat != Hat::HumanitarianCoordinator);
            }
            if post.id == DSRSG_POL {
                post.hats.push(crate::analysis::PostHat {
                    id: fixture::id(999),
                    hat: Hat::HumanitarianCoordinator,
                    validity: fixture::always(),
                });
            }
        }
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        assert!(!p.structurally_integrated.value);
    }

    #[test]
    fn the_iasc_caution_needs_both_structural_integration_and_high_risk() {
        let mut snap = fixture::mission();
        let as_of = fixture::day(2012, 3, 1);
        let caution = integration_profile(MISSION, as_of, &snap).caution.unwrap();
        assert!(caution.message.contains("HIGH risk environment"));
        assert!(caution.based_on.contains(&MANDATE_1906) && caution.based_on.contains(&HAT_HC));

        let risk = |snap: &mut Snapshot, level| {
            snap.missions[0].mandates[1].attributes.risk_environment = level;
        };
        risk(&mut snap, Some(RiskEnvironment::VeryHigh));
        assert!(integration_profile(MISSION, as_of, &snap).caution.is_some());
        risk(&mut snap, Some(RiskEnvironment::Medium));
        assert!(integration_profile(MISSION, as_of, &snap).caution.is_none());
        risk(&mut snap, None);
        assert!(integration_profile(MISSION, as_of, &snap).caution.is_none());
    }

    #[test]
    fn integration_and_risk_are_read_from_the_mandate_in_force() {
        let mut snap = fixture::mission();
        // Before SCR 1906 the first mandate holds: integrated, HIGH, based on it.
        let before = integration_profile(MISSION, fixture::day(2009, 6, 1), &snap);
        assert_eq!(before.integrated_presence.based_on, vec![MANDATE_1291]);
        snap.missions[0].mandates[0].attributes.integrated_presence = false;
        snap.missions[0].mandates[0].attributes.risk_environment = None;
        let before = integration_profile(MISSION, fixture::day(2009, 6, 1), &snap);
        assert!(!before.integrated_presence.value);
        assert_eq!(before.risk_environment.value, None);
        assert!(before.caution.is_none());
        let after = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        assert!(after.integrated_presence.value);
        assert_eq!(after.integrated_presence.based_on, vec![MANDATE_1906]);
        assert_eq!(after.risk_environment.value, Some(RiskEnvironment::High));
    }

    fn placement(p: &IntegrationProfile, component: Uuid) -> &ComponentPlacement {
        p.components
            .iter()
            .find(|c| c.component_id == component)
            .unwrap()
    }

    #[test]
    fn protection_components_are_placed_under_their_dsrsg_with_the_records_used() {
        let snap = fixture::mission();
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        let placed: Vec<Uuid> = p.components.iter().map(|c| c.component_id).collect();
        assert_eq!(
            placed,
            vec![
                HUMAN_RIGHTS,
                CHILD_PROTECTION,
                CIVIL_AFFAIRS,
                WOMEN_PROTECTION_UNIT,
                POC_UNIT
            ]
        );

        let hr = placement(&p, HUMAN_RIGHTS);
        assert_eq!(hr.dsrsg_posts, vec![DSRSG_POL]);
        assert_eq!(hr.via, Some(PlacementVia::HeadPostLine));
        assert_eq!(
            hr.based_on,
            vec![
                HUMAN_RIGHTS,
                HEAD_HR,
                LINE_HEAD_HR_TO_DSRSG_POL,
                fixture::id(182)
            ]
        );

        // The Child Protection section's head has no line; the section's own line places it.
        let cp = placement(&p, CHILD_PROTECTION);
        assert_eq!(cp.dsrsg_posts, vec![DSRSG_POL]);
        assert_eq!(cp.via, Some(PlacementVia::ComponentLine));

        let ca = placement(&p, CIVIL_AFFAIRS);
        assert_eq!(ca.dsrsg_posts, vec![DSRSG_RC_HC]);
        assert!(ca.based_on.contains(&LINE_HEAD_CA_TO_DSRSG_RC_HC));

        // The Women Protection Advisers sit in Human Rights and inherit its placement.
        let wpa = placement(&p, WOMEN_PROTECTION_UNIT);
        assert_eq!(wpa.dsrsg_posts, vec![DSRSG_POL]);
        assert_eq!(wpa.through_component, Some(HUMAN_RIGHTS));
        assert_eq!(wpa.based_on[..2], [WOMEN_PROTECTION_UNIT, HUMAN_RIGHTS]);

        // The POC unit reports straight to the SRSG: under no DSRSG.
        let poc = placement(&p, POC_UNIT);
        assert!(poc.dsrsg_posts.is_empty());
        assert_eq!(poc.via, None);
        assert_eq!(poc.based_on, vec![POC_UNIT]);
    }

    #[test]
    fn placement_follows_the_lines_valid_on_the_date() {
        let snap = fixture::mission();
        // The Chief of Civil Affairs reports to the DSRSG/RC/HC only from 2010.
        let p = integration_profile(MISSION, fixture::day(2009, 6, 1), &snap);
        assert!(placement(&p, CIVIL_AFFAIRS).dsrsg_posts.is_empty());
    }

    #[test]
    fn a_parent_cycle_in_bad_data_does_not_loop() {
        let mut snap = fixture::mission();
        for c in &mut snap.components {
            if c.id == HUMAN_RIGHTS {
                c.parent_id = Some(WOMEN_PROTECTION_UNIT);
            }
        }
        snap.posts.retain(|p| p.id != HEAD_HR);
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        assert!(placement(&p, WOMEN_PROTECTION_UNIT).dsrsg_posts.is_empty());
    }

    #[test]
    fn humanitarian_organisations_in_mission_forums_are_listed_with_their_capacity_and_basis() {
        let snap = fixture::mission();
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        let seats: Vec<(Uuid, Uuid, Capacity)> = p
            .humanitarian_seats
            .iter()
            .map(|s| (s.forum_id, s.organization_id, s.capacity))
            .collect();
        assert_eq!(
            seats,
            vec![
                (SMG, UNHCR, Capacity::Observer),
                (SMG, OCHA, Capacity::Observer),
                (POC_WG, LOCAL_NGO, Capacity::Member),
                (POC_WG, ICRC, Capacity::Observer),
            ]
        );
        let unhcr = &p.humanitarian_seats[0];
        assert_eq!(unhcr.basis, HumanitarianBasis::OrganizationKind);
        assert_eq!(unhcr.based_on, vec![SMG_UNHCR_SEAT, UNHCR]);
        // OCHA is part of the Secretariat; it counts because it sits in the Protection Cluster.
        let ocha = &p.humanitarian_seats[1];
        assert!(matches!(
            ocha.basis,
            HumanitarianBasis::SitsInHumanitarianForum { .. }
        ));
        assert_eq!(ocha.membership_id, SMG_OCHA_SEAT);
    }

    #[test]
    fn a_secretariat_office_leading_a_cluster_counts_as_humanitarian() {
        let mut snap = fixture::mission();
        snap.memberships
            .retain(|m| m.member != Member::Organization(OCHA) || m.forum_id == SMG);
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        assert!(p
            .humanitarian_seats
            .iter()
            .all(|s| s.organization_id != OCHA));
        snap.areas_of_responsibility[1]
            .leads
            .push(crate::analysis::LeadAgency {
                id: fixture::id(998),
                lead: Lead::Organization(OCHA),
                role: crate::enums::LeadRole::CoLead,
                validity: fixture::always(),
            });
        let p = integration_profile(MISSION, fixture::day(2012, 3, 1), &snap);
        let ocha = p
            .humanitarian_seats
            .iter()
            .find(|s| s.organization_id == OCHA)
            .unwrap();
        assert_eq!(
            ocha.basis,
            HumanitarianBasis::LeadsClusterOrAor {
                lead_id: fixture::id(998)
            }
        );
    }

    proptest::proptest! {
        /// Posts with many hats over overlapping periods: the mission is structurally integrated
        /// on a date exactly when one post wears a DSRSG hat, the RC hat and the HC hat on it,
        /// and the finding cites only that post's hats valid on the date.
        #[test]
        fn structural_integration_matches_a_naive_check(
            raw in proptest::collection::vec((0u128..4, 0usize..6, 0i64..40, proptest::option::of(0i64..40)), 0..60),
            day in 0i64..80,
        ) {
            let choices = [
                Hat::Dsrsg,
                Hat::DsrsgPolitical,
                Hat::DsrsgRuleOfLaw,
                Hat::ResidentCoordinator,
                Hat::HumanitarianCoordinator,
                Hat::ForceCommander,
            ];
            let mut snap = fixture::mission();
            snap.posts = (0..4u128)
                .map(|p| crate::analysis::Post {
                    id: fixture::id(7000 + p),
                    title: format!("post {p}"),
                    mission_id: Some(MISSION),
                    organization_id: None,
                    component_id: None,
                    is_component_head: false,
                    validity: fixture::always(),
                    hats: raw
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| h.0 == p)
                        .map(|(i, &(_, hat, start, len))| crate::analysis::PostHat {
                            id: fixture::id(8000 + i as u128),
                            hat: choices[hat],
                            validity: crate::validity::Validity::new(
                                fixture::offset(start),
                                len.map(|l| fixture::offset(start + l)),
                            ),
                        })
                        .collect(),
                    assignments: Vec::new(),
                })
                .collect();
            let as_of = fixture::offset(day);
            let got = integration_profile(MISSION, as_of, &snap);
            let naive: Vec<Uuid> = snap
                .posts
                .iter()
                .filter(|p| {
                    let on = |want: &dyn Fn(Hat) -> bool| {
                        p.hats.iter().any(|h| want(h.hat) && h.validity.contains(as_of))
                    };
                    on(&is_dsrsg)
                        && on(&|h| h == Hat::ResidentCoordinator)
                        && on(&|h| h == Hat::HumanitarianCoordinator)
                })
                .map(|p| p.id)
                .collect();
            proptest::prop_assert_eq!(&got.triple_hatted_posts, &naive);
            proptest::prop_assert_eq!(got.structurally_integrated.value, !naive.is_empty());
            proptest::prop_assert_eq!(got.caution.is_some(), !naive.is_empty());
            for id in &got.structurally_integrated.based_on {
                let is_post = naive.contains(id);
                let valid_hat = snap.posts.iter().any(|p| {
                    naive.contains(&p.id)
                        && p.hats.iter().any(|h| h.id == *id && h.validity.contains(as_of))
                });
                proptest::prop_assert!(is_post || valid_hat);
            }
        }
    }
}
