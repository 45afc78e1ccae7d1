//! The generator is deterministic, keeps the rules the services enforce, and has the issue's
//! proportions.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use entity::enums::Sensitivity;
use uuid::Uuid;

use super::*;
use coordmap_domain::delegation::strength;
use coordmap_domain::validity::Validity;

fn v(from: NaiveDate, to: Option<NaiveDate>) -> Validity {
    Validity::new(from, to)
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let a = generate(3, 42);
    let b = generate(3, 42);
    let c = generate(3, 43);
    assert_eq!(a.counts(), b.counts());
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
    assert_eq!(a.missions[0].acronym, TYPICAL_MISSION);
    // Ids are UUID v7, in creation order.
    assert!(a.organizations.iter().all(|o| o.id.get_version_num() == 7));
    assert!(a.components.windows(2).all(|w| w[0].id < w[1].id));
}

#[test]
fn every_period_nests_in_what_it_refers_to_and_nothing_overlaps_or_cycles() {
    let d = generate(20, 7);
    let mut ids = HashSet::new();
    macro_rules! unique {
        ($($t:ident),*) => { $(for r in &d.$t { assert!(ids.insert(r.id), "duplicate id in {}", stringify!($t)); })* };
    }
    unique!(
        organizations,
        geographic_areas,
        missions,
        mission_names,
        mission_mandates,
        components,
        posts,
        post_hats,
        persons,
        assignments,
        reporting_lines,
        mandated_tasks,
        clusters,
        areas_of_responsibility,
        lead_agencies,
        forums,
        forum_links,
        forum_memberships,
        decision_areas,
        decision_rights
    );

    let missions: HashMap<Uuid, Validity> = d
        .missions
        .iter()
        .map(|m| (m.id, v(m.valid_from, m.valid_to)))
        .collect();
    let mut components: HashMap<Uuid, Validity> = HashMap::new();
    for c in &d.components {
        let span = v(c.valid_from, c.valid_to);
        assert!(!span.is_empty(), "component {} is empty", c.name);
        assert!(span.within(&missions[&c.mission_id]), "{}", c.name);
        if let Some(p) = c.parent_id {
            assert!(
                span.within(&components[&p]),
                "{} outlives its parent",
                c.name
            );
        }
        components.insert(c.id, span);
    }
    let mut posts: HashMap<Uuid, Validity> = HashMap::new();
    for p in &d.posts {
        let span = v(p.valid_from, p.valid_to);
        assert!(p.mission_id.is_some() || p.organization_id.is_some());
        if let Some(c) = p.component_id {
            assert!(
                span.within(&components[&c]),
                "{} outlives its component",
                p.title
            );
        }
        posts.insert(p.id, span);
    }
    for h in &d.post_hats {
        assert!(v(h.valid_from, h.valid_to).within(&posts[&h.post_id]));
    }
    let mut holders: HashMap<Uuid, Vec<Validity>> = HashMap::new();
    for a in &d.assignments {
        let span = v(a.valid_from, a.valid_to);
        assert!(span.within(&posts[&a.post_id]));
        let seats = holders.entry(a.post_id).or_default();
        assert!(
            seats.iter().all(|s| !s.overlaps(&span)),
            "two holders at once"
        );
        seats.push(span);
    }

    // Reporting lines: inside both ends, no duplicate over overlapping periods, no cycle.
    type LineKey = (Option<Uuid>, Option<Uuid>, Option<Uuid>, String);
    let mut lines: HashMap<LineKey, Vec<Validity>> = HashMap::new();
    let mut up: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for l in &d.reporting_lines {
        let span = v(l.valid_from, l.valid_to);
        assert!(!span.is_empty());
        assert_eq!(
            l.from_post_id.is_some() as u8 + l.from_component_id.is_some() as u8,
            1
        );
        assert_eq!(
            l.to_post_id.is_some() as u8 + l.to_organization_id.is_some() as u8,
            1
        );
        if let Some(p) = l.from_post_id {
            assert!(span.within(&posts[&p]));
        }
        if let Some(c) = l.from_component_id {
            assert!(span.within(&components[&c]));
        }
        if let Some(p) = l.to_post_id {
            assert!(span.within(&posts[&p]), "a line outlives its superior");
        }
        let key = (
            l.from_post_id.or(l.from_component_id),
            l.to_post_id,
            l.to_organization_id,
            format!("{:?}", l.kind),
        );
        let same = lines.entry(key).or_default();
        assert!(same.iter().all(|s| !s.overlaps(&span)), "duplicate line");
        same.push(span);
        if let (Some(from), Some(to)) = (l.from_post_id, l.to_post_id) {
            up.entry(from).or_default().push(to);
        }
    }
    assert_acyclic(&up, "reporting lines");

    // Forums, links, memberships.
    let mut forums: HashMap<Uuid, Validity> = HashMap::new();
    for f in &d.forums {
        let span = v(f.valid_from, f.valid_to);
        if let Some(m) = f.mission_id {
            assert!(span.within(&missions[&m]), "{}", f.name);
        }
        forums.insert(f.id, span);
    }
    let mut links: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for l in &d.forum_links {
        let span = v(l.valid_from, l.valid_to);
        assert_ne!(l.forum_id, l.target_forum_id);
        assert!(span.within(&forums[&l.forum_id]) && span.within(&forums[&l.target_forum_id]));
        links.entry(l.forum_id).or_default().push(l.target_forum_id);
    }
    assert_acyclic(&links, "forum links");
    let mut seats: HashMap<(Uuid, Uuid), Vec<Validity>> = HashMap::new();
    for m in &d.forum_memberships {
        let span = v(m.valid_from, m.valid_to);
        assert!(!span.is_empty());
        assert!(
            span.within(&forums[&m.forum_id]),
            "a seat outlives its forum"
        );
        let member = match (
            m.member_organization_id,
            m.member_component_id,
            m.member_post_id,
        ) {
            (Some(o), None, None) => o,
            (None, Some(c), None) => {
                assert!(span.within(&components[&c]));
                c
            }
            (None, None, Some(p)) => {
                assert!(span.within(&posts[&p]));
                p
            }
            _ => panic!("a membership needs exactly one member"),
        };
        let periods = seats.entry((m.forum_id, member)).or_default();
        assert!(
            periods.iter().all(|s| !s.overlaps(&span)),
            "two overlapping seats of one member in one forum"
        );
        periods.push(span);
    }

    // Rights: inside their holder; delegations within their delegator, never stronger, never
    // from a non-delegable right.
    let rights: HashMap<Uuid, &entity::decision_right::Model> =
        d.decision_rights.iter().map(|r| (r.id, r)).collect();
    for r in &d.decision_rights {
        let span = v(r.valid_from, r.valid_to);
        if let Some(p) = r.holder_post_id {
            assert!(span.within(&posts[&p]));
        }
        if let Some(f) = r.holder_forum_id {
            assert!(span.within(&forums[&f]));
        }
        if let Some(parent) = r.delegated_from_id {
            let parent = rights[&parent];
            assert!(!parent.non_delegable);
            assert!(strength(r.kind) <= strength(parent.kind));
            assert!(span.within(&v(parent.valid_from, parent.valid_to)));
            assert_eq!(parent.decision_area_id, r.decision_area_id);
        }
    }
    let delegations = d
        .decision_rights
        .iter()
        .filter(|r| r.delegated_from_id.is_some())
        .count();
    assert!(delegations > 0);
}

fn assert_acyclic(edges: &HashMap<Uuid, Vec<Uuid>>, what: &str) {
    // Iterative three-colour depth-first search.
    let mut state: HashMap<Uuid, u8> = HashMap::new();
    for &start in edges.keys() {
        if state.contains_key(&start) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state.insert(start, 1);
        while let Some((node, next)) = stack.pop() {
            let targets = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if next < targets.len() {
                stack.push((node, next + 1));
                let t = targets[next];
                match state.get(&t) {
                    Some(1) => panic!("{what} form a cycle through {t}"),
                    Some(_) => {}
                    None => {
                        state.insert(t, 1);
                        stack.push((t, 0));
                    }
                }
            } else {
                state.insert(node, 2);
            }
        }
    }
}

#[test]
fn two_hundred_missions_have_the_proportions_of_the_issue() {
    let d = generate(200, 1);
    let c = d.counts();
    let near = |table: &str, target: usize| {
        let n = c.of(table);
        assert!(
            n * 100 >= target * 85 && n * 100 <= target * 115,
            "{table}: {n}, expected about {target}\n{c}"
        );
    };
    near("components", 20_000);
    near("posts", 50_000);
    near("reporting_lines", 100_000);
    near("forums", 10_000);
    near("forum_memberships", 200_000);
    near("decision_rights", 5_000);
    // History and a spread of sensitivities.
    let ended = |rows: usize, ended: usize| ended * 10 >= rows;
    assert!(ended(
        d.forum_memberships.len(),
        d.forum_memberships
            .iter()
            .filter(|m| m.valid_to.is_some())
            .count()
    ));
    assert!(ended(
        d.reporting_lines.len(),
        d.reporting_lines
            .iter()
            .filter(|l| l.valid_to.is_some())
            .count()
    ));
    assert!(d.missions.iter().any(|m| m.valid_to.is_some()));
    let earliest = d.forum_memberships.iter().map(|m| m.valid_from).min();
    assert!(earliest.is_some_and(|e| (ANCHOR - e).num_days() > 5 * 365));
    for level in [
        Sensitivity::Public,
        Sensitivity::Internal,
        Sensitivity::Confidential,
        Sensitivity::StrictlyConfidential,
    ] {
        assert!(d.forum_memberships.iter().any(|m| m.sensitivity == level));
    }
}

#[test]
fn the_typical_mission_makes_a_snapshot_the_analysis_functions_answer_on() {
    use coordmap_domain::analysis::graph::{stakeholder_graph_within, GraphLimits};
    use coordmap_domain::analysis::{reporting_chains, who_decides, LineSource};
    let d = generate(2, 3);
    let snap = snapshot(&d, Some(TYPICAL_MISSION));
    assert_eq!(snap.missions.len(), 1);
    let mission = snap.missions[0].id;
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let answer = who_decides("USE_OF_FORCE", mission, as_of, &snap);
    assert!(!answer.groups.is_empty());
    let deepest = snap
        .posts
        .iter()
        .rfind(|p| p.mission_id == Some(mission) && p.validity.contains(as_of))
        .unwrap();
    let chains = reporting_chains(LineSource::Post(deepest.id), &[], as_of, &snap);
    assert!(!chains.chains.is_empty());
    let whole = GraphLimits {
        nodes: usize::MAX,
        edges: usize::MAX,
    };
    let graph = stakeholder_graph_within(as_of, &[], &snap, whole);
    assert!(graph.nodes.len() > 300);
}
