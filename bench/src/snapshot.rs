//! A dataset as the analysis functions see it, for benchmarking them without a database.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::Dataset;
use coordmap_api::services::analysis::mission_of;
use coordmap_domain::analysis::snapshot as s;
use coordmap_domain::validity::Validity;

/// The [`s::Snapshot`] of one mission (by acronym), or of every mission with `None`: its
/// structure, forums, memberships and rights, plus every organisation, cluster and AoR and the
/// global default rights, the way a service would load them for an administrator.
pub fn snapshot(data: &Dataset, mission: Option<&str>) -> s::Snapshot {
    let missions: HashSet<Uuid> = data
        .missions
        .iter()
        .filter(|m| mission.is_none_or(|a| m.acronym == a))
        .map(|m| m.id)
        .collect();
    let in_scope = |id: Option<Uuid>| id.is_some_and(|id| missions.contains(&id));

    let mut hats: HashMap<Uuid, Vec<s::PostHat>> = HashMap::new();
    for h in &data.post_hats {
        hats.entry(h.post_id).or_default().push(s::PostHat {
            id: h.id,
            hat: h.hat,
            validity: Validity::new(h.valid_from, h.valid_to),
        });
    }
    let mut assignments: HashMap<Uuid, Vec<s::Assignment>> = HashMap::new();
    for a in &data.assignments {
        assignments
            .entry(a.post_id)
            .or_default()
            .push(s::Assignment {
                id: a.id,
                person_id: a.person_id,
                acting: a.acting,
                validity: Validity::new(a.valid_from, a.valid_to),
            });
    }
    let components: Vec<s::Component> = data
        .components
        .iter()
        .filter(|c| missions.contains(&c.mission_id))
        .map(|c| s::Component {
            id: c.id,
            mission_id: c.mission_id,
            parent_id: c.parent_id,
            name: c.name.clone(),
            kind: c.kind,
            specialty: c.specialty,
            validity: Validity::new(c.valid_from, c.valid_to),
        })
        .collect();
    let component_ids: HashSet<Uuid> = components.iter().map(|c| c.id).collect();
    // Posts of organisations stay in: chains end there.
    let posts: Vec<s::Post> = data
        .posts
        .iter()
        .filter(|p| p.mission_id.is_none() || in_scope(p.mission_id))
        .map(|p| s::Post {
            id: p.id,
            title: p.title.clone(),
            mission_id: p.mission_id,
            organization_id: p.organization_id,
            component_id: p.component_id,
            is_component_head: p.is_component_head,
            validity: Validity::new(p.valid_from, p.valid_to),
            hats: hats.remove(&p.id).unwrap_or_default(),
            assignments: assignments.remove(&p.id).unwrap_or_default(),
        })
        .collect();
    let post_ids: HashSet<Uuid> = posts.iter().map(|p| p.id).collect();
    let reporting_lines = data
        .reporting_lines
        .iter()
        .filter_map(|l| {
            let from = match (l.from_post_id, l.from_component_id) {
                (Some(p), _) if post_ids.contains(&p) => s::LineSource::Post(p),
                (_, Some(c)) if component_ids.contains(&c) => s::LineSource::Component(c),
                _ => return None,
            };
            let to = match (l.to_post_id, l.to_organization_id) {
                (Some(p), _) => s::LineTarget::Post(p),
                (_, Some(o)) => s::LineTarget::Organization(o),
                _ => return None,
            };
            Some(s::ReportingLine {
                id: l.id,
                from,
                to,
                kind: l.kind,
                validity: Validity::new(l.valid_from, l.valid_to),
            })
        })
        .collect();
    let mut links: HashMap<Uuid, Vec<s::ForumLink>> = HashMap::new();
    for l in &data.forum_links {
        links.entry(l.forum_id).or_default().push(s::ForumLink {
            id: l.id,
            target_forum_id: l.target_forum_id,
            kind: l.kind,
            validity: Validity::new(l.valid_from, l.valid_to),
        });
    }
    let forums: Vec<s::Forum> = data
        .forums
        .iter()
        .filter(|f| in_scope(f.mission_id))
        .map(|f| s::Forum {
            id: f.id,
            name: f.name.clone(),
            kind: f.kind,
            level: f.level,
            mission_id: f.mission_id,
            cluster_id: f.cluster_id,
            area_of_responsibility_id: f.area_of_responsibility_id,
            validity: Validity::new(f.valid_from, f.valid_to),
            links: links.remove(&f.id).unwrap_or_default(),
        })
        .collect();
    let forum_ids: HashSet<Uuid> = forums.iter().map(|f| f.id).collect();
    let memberships = data
        .forum_memberships
        .iter()
        .filter(|m| forum_ids.contains(&m.forum_id))
        .filter_map(|m| {
            let member = match (
                m.member_organization_id,
                m.member_component_id,
                m.member_post_id,
            ) {
                (Some(o), _, _) => s::Member::Organization(o),
                (_, Some(c), _) => s::Member::Component(c),
                (_, _, Some(p)) => s::Member::Post(p),
                _ => return None,
            };
            Some(s::Membership {
                id: m.id,
                forum_id: m.forum_id,
                member,
                capacity: m.capacity,
                validity: Validity::new(m.valid_from, m.valid_to),
            })
        })
        .collect();
    let mut leads: HashMap<Uuid, Vec<s::LeadAgency>> = HashMap::new();
    for l in &data.lead_agencies {
        let Some(owner) = l.cluster_id.or(l.area_of_responsibility_id) else {
            continue;
        };
        let lead = match (l.organization_id, l.component_id) {
            (Some(o), _) => s::Lead::Organization(o),
            (_, Some(c)) => s::Lead::Component(c),
            _ => continue,
        };
        leads.entry(owner).or_default().push(s::LeadAgency {
            id: l.id,
            lead,
            role: l.role,
            validity: Validity::new(l.valid_from, l.valid_to),
        });
    }
    s::Snapshot {
        missions: data
            .missions
            .iter()
            .filter(|m| missions.contains(&m.id))
            .map(|m| mission_of(m, &data.mission_mandates, &data.mission_names))
            .collect(),
        organizations: data
            .organizations
            .iter()
            .map(|o| s::Organization {
                id: o.id,
                code: o.code.clone(),
                name: o.name.clone(),
                kind: o.kind,
                archived: o.archived_at.is_some(),
            })
            .collect(),
        components,
        posts,
        reporting_lines,
        forums,
        memberships,
        clusters: data
            .clusters
            .iter()
            .map(|c| s::Cluster {
                id: c.id,
                code: c.code.clone(),
                name: c.name.clone(),
                scope: c.scope,
                country_code: c.country_code.clone(),
                validity: Validity::new(c.valid_from, c.valid_to),
                leads: leads.get(&c.id).cloned().unwrap_or_default(),
            })
            .collect(),
        areas_of_responsibility: data
            .areas_of_responsibility
            .iter()
            .map(|a| s::AreaOfResponsibility {
                id: a.id,
                cluster_id: a.cluster_id,
                name: a.name.clone(),
                theme: a.theme,
                counterpart_component_id: a.counterpart_component_id,
                validity: Validity::new(a.valid_from, a.valid_to),
                leads: leads.get(&a.id).cloned().unwrap_or_default(),
            })
            .collect(),
        decision_areas: data
            .decision_areas
            .iter()
            .map(|a| s::DecisionArea {
                id: a.id,
                code: a.code.clone(),
                name: a.name.clone(),
            })
            .collect(),
        rights: data
            .decision_rights
            .iter()
            .filter(|r| r.mission_id.is_none() || in_scope(r.mission_id))
            .map(|r| s::DecisionRight {
                id: r.id,
                area_id: r.decision_area_id,
                mission_id: r.mission_id,
                holder: match (
                    r.holder_post_id,
                    r.holder_component_id,
                    r.holder_organization_id,
                    r.holder_forum_id,
                ) {
                    (Some(p), ..) => s::Holder::Post(p),
                    (_, Some(c), ..) => s::Holder::Component(c),
                    (_, _, Some(o), _) => s::Holder::Organization(o),
                    (.., Some(f)) => s::Holder::Forum(f),
                    _ => s::Holder::Organization(Uuid::nil()),
                },
                kind: r.kind,
                scope: r.scope.clone(),
                delegated_from: r.delegated_from_id,
                non_delegable: r.non_delegable,
                joint_decision: r.joint_decision.clone(),
                validity: Validity::new(r.valid_from, r.valid_to),
                sources: Vec::new(),
            })
            .collect(),
        mandated_tasks: data
            .mandated_tasks
            .iter()
            .filter(|t| missions.contains(&t.mission_id))
            .map(|t| s::MandatedTask {
                id: t.id,
                mission_id: t.mission_id,
                category: t.category,
                title: t.title.clone(),
                lead_component_id: t.lead_component_id,
                validity: Validity::new(t.valid_from, t.valid_to),
            })
            .collect(),
    }
}
