//! Every query on a mission with thousands of posts: answers stay bounded and come back fast
//! (the indexes are built once per call, nothing is quadratic in the number of posts).

use std::time::Instant;

use crate::enums::{Capacity, ComponentKind, Hat, ReportingLineKind, RightKind};

use super::fixture::{self, MISSION};
use super::graph::{ALL_EDGE_KINDS, MAX_EDGES, MAX_NODES};
use super::snapshot::*;
use super::*;
use crate::validity::Validity;

const POSTS: u128 = 5_000;

fn large_mission() -> Snapshot {
    let mut snap = fixture::mission();
    let v = fixture::since(2008, 1, 1);
    for c in 0..POSTS / 10 {
        snap.components.push(Component {
            id: fixture::id(1_000_000 + c),
            mission_id: MISSION,
            parent_id: (c > 0).then(|| fixture::id(1_000_000 + (c - 1) / 3)),
            name: format!("Section {c}"),
            kind: ComponentKind::Civilian,
            specialty: Some(crate::enums::ComponentSpecialty::HumanRights),
            validity: v,
        });
    }
    for p in 0..POSTS {
        let id = fixture::id(2_000_000 + p);
        snap.posts.push(Post {
            id,
            title: format!("Officer {p}"),
            mission_id: Some(MISSION),
            organization_id: None,
            component_id: Some(fixture::id(1_000_000 + p / 10)),
            is_component_head: p % 10 == 0,
            validity: v,
            hats: vec![PostHat {
                id: fixture::id(3_000_000 + p),
                hat: if p % 97 == 0 {
                    Hat::DsrsgPolitical
                } else {
                    Hat::Other
                },
                validity: v,
            }],
            assignments: if p % 2 == 0 {
                vec![Assignment {
                    id: fixture::id(4_000_000 + p),
                    person_id: fixture::id(5_000_000 + p),
                    acting: false,
                    validity: v,
                }]
            } else {
                Vec::new()
            },
        });
        if p > 0 {
            // A wide tree, plus a second superior for every seventh post so chains branch.
            snap.reporting_lines.push(fixture::line(
                6_000_000 + p,
                id,
                fixture::id(2_000_000 + (p - 1) / 4),
                ReportingLineKind::Line,
                v,
            ));
            if p % 7 == 0 {
                snap.reporting_lines.push(fixture::line(
                    7_000_000 + p,
                    id,
                    fixture::id(2_000_000 + (p - 1) / 5),
                    ReportingLineKind::Line,
                    v,
                ));
            }
        }
        snap.memberships.push(fixture::seat(
            fixture::id(8_000_000 + p),
            [fixture::SMG, fixture::POC_WG][(p % 2) as usize],
            Member::Post(id),
            Capacity::Member,
        ));
        if p % 5 == 0 {
            snap.memberships.push(fixture::seat(
                fixture::id(8_500_000 + p),
                fixture::PC_FORUM,
                Member::Post(id),
                Capacity::Observer,
            ));
        }
        if p % 3 == 0 {
            snap.rights.push(DecisionRight {
                delegated_from: (p > 3).then(|| fixture::id(9_000_000 + p - 3)),
                validity: Validity::new(fixture::day(2009, 1, 1), None),
                ..fixture::right(
                    fixture::id(9_000_000 + p),
                    fixture::USE_OF_FORCE,
                    Some(MISSION),
                    Holder::Post(id),
                    RightKind::Decides,
                )
            });
        }
    }
    snap
}

#[test]
fn a_mission_with_thousands_of_posts_answers_every_query_within_bounds() {
    let snap = large_mission();
    let as_of = fixture::day(2012, 3, 1);
    let started = Instant::now();

    let chains = reporting_chains(
        LineSource::Post(fixture::id(2_000_000 + POSTS - 1)),
        &[],
        as_of,
        &snap,
    );
    assert!(!chains.chains.is_empty() && chains.chains.len() <= chains::MAX_CHAINS);

    let answer = who_decides("USE_OF_FORCE", MISSION, as_of, &snap);
    let deciders = &answer.groups[0];
    assert_eq!(deciders.kind, RightKind::Decides);
    // Over a thousand deciders: the answer holds its bound and says it was cut.
    assert_eq!(deciders.holders.len(), decisions::MAX_HOLDERS);
    assert!(answer.truncated);
    assert!(deciders
        .holders
        .iter()
        .all(|h| h.escalation.len() <= decisions::MAX_ESCALATION_CHAINS));
    // Delegation paths are followed to their bound, never further.
    assert!(deciders
        .holders
        .iter()
        .all(|h| h.path.len() <= decisions::MAX_DELEGATION_DEPTH + 2));

    let profile = integration_profile(MISSION, as_of, &snap);
    assert!(profile.components.len() > 400);
    assert!(profile
        .components
        .iter()
        .filter(|c| c.component_id.as_u128() >= 1_000_000)
        .all(|c| !c.dsrsg_posts.is_empty()));

    let gaps = governance_gaps(MISSION, as_of, &snap);
    assert!(gaps
        .iter()
        .any(|g| g.code == gaps::GapCode::VacantPostHoldsRight));

    let graph = stakeholder_graph(as_of, &ALL_EDGE_KINDS, &snap);
    assert!(graph.nodes_truncated);
    assert_eq!(graph.nodes.len(), MAX_NODES);
    assert!(graph.edges.len() <= MAX_EDGES);
    assert!(graph.to_dot().len() > graph.to_mermaid().len() / 2);

    let changes = changes_between(fixture::day(2008, 6, 1), fixture::day(2012, 1, 1), &snap);
    assert!(changes.changes.len() > 1_000 && !changes.truncated);

    assert_eq!(
        bridges(MISSION, None, as_of, &snap).len(),
        4 + (POSTS / 5) as usize
    );

    // Generous: debug builds on a busy CI machine; quadratic code would take minutes.
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}
