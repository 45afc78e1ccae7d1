//! The rows one analysis answer rests on, as loaded for one caller, and the [`Snapshot`] the pure
//! functions read, built from them.
//!
//! The rows are kept so that answers can hand the records themselves to the client (a post, a
//! forum, a right with all their fields) without loading them a second time. Only what the loader
//! put here exists for the answer: a record the caller may not see was never loaded, so it is
//! simply absent.

use std::collections::HashMap;

use entity::{
    area_of_responsibility, assignment, cluster, component, decision_area, decision_right,
    document, forum, forum_link, forum_membership, lead_agency, mandated_task, mission,
    mission_mandate, mission_name, organization, person, post, post_hat, reporting_line,
    source_citation,
};
use uuid::Uuid;

use crate::domain::analysis::snapshot as snap;
use crate::domain::analysis::Snapshot;
use crate::domain::validity::Validity;
use crate::services::record::RecordKind;

/// How much a load cost: statements sent and rows received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub queries: usize,
    pub rows: usize,
}

/// The visible rows loaded for one answer, by table and id.
#[derive(Debug, Default)]
pub struct Records {
    pub missions: HashMap<Uuid, mission::Model>,
    pub mission_mandates: HashMap<Uuid, mission_mandate::Model>,
    pub mission_names: HashMap<Uuid, mission_name::Model>,
    pub organizations: HashMap<Uuid, organization::Model>,
    pub components: HashMap<Uuid, component::Model>,
    pub posts: HashMap<Uuid, post::Model>,
    pub hats: HashMap<Uuid, post_hat::Model>,
    pub assignments: HashMap<Uuid, assignment::Model>,
    pub persons: HashMap<Uuid, person::Model>,
    pub reporting_lines: HashMap<Uuid, reporting_line::Model>,
    pub forums: HashMap<Uuid, forum::Model>,
    pub forum_links: HashMap<Uuid, forum_link::Model>,
    pub memberships: HashMap<Uuid, forum_membership::Model>,
    pub clusters: HashMap<Uuid, cluster::Model>,
    pub areas_of_responsibility: HashMap<Uuid, area_of_responsibility::Model>,
    pub lead_agencies: HashMap<Uuid, lead_agency::Model>,
    pub decision_areas: HashMap<Uuid, decision_area::Model>,
    pub rights: HashMap<Uuid, decision_right::Model>,
    pub mandated_tasks: HashMap<Uuid, mandated_task::Model>,
    pub citations: HashMap<Uuid, source_citation::Model>,
    pub documents: HashMap<Uuid, document::Model>,
    pub(super) stats: LoadStats,
}

/// A table's rows sit in one map of [`Records`].
pub trait Kept: Clone {
    fn id(&self) -> Uuid;
    fn map(records: &mut Records) -> &mut HashMap<Uuid, Self>;
    fn map_ref(records: &Records) -> &HashMap<Uuid, Self>;
}

macro_rules! kept {
    ($($module:ident => $field:ident),+ $(,)?) => {$(
        impl Kept for $module::Model {
            fn id(&self) -> Uuid {
                self.id
            }
            fn map(records: &mut Records) -> &mut HashMap<Uuid, Self> {
                &mut records.$field
            }
            fn map_ref(records: &Records) -> &HashMap<Uuid, Self> {
                &records.$field
            }
        }
    )+};
}

kept!(
    mission => missions,
    mission_mandate => mission_mandates,
    mission_name => mission_names,
    organization => organizations,
    component => components,
    post => posts,
    post_hat => hats,
    assignment => assignments,
    person => persons,
    reporting_line => reporting_lines,
    forum => forums,
    forum_link => forum_links,
    forum_membership => memberships,
    cluster => clusters,
    area_of_responsibility => areas_of_responsibility,
    lead_agency => lead_agencies,
    decision_area => decision_areas,
    decision_right => rights,
    mandated_task => mandated_tasks,
    source_citation => citations,
    document => documents,
);

fn validity(from: chrono::NaiveDate, to: Option<chrono::NaiveDate>) -> Validity {
    Validity::new(from, to)
}

/// The values of a map in id order, so that snapshots (and so answers) do not depend on the
/// order rows came back in.
fn sorted<T>(map: &HashMap<Uuid, T>) -> Vec<&T> {
    let mut keys: Vec<&Uuid> = map.keys().collect();
    keys.sort();
    keys.into_iter().filter_map(|k| map.get(k)).collect()
}

impl Records {
    /// What loading these records cost.
    pub fn stats(&self) -> LoadStats {
        self.stats
    }

    /// Which table a loaded record comes from; `None` when it was not loaded (unknown, or not
    /// visible to the caller). Ids are UUIDs, unique across tables.
    pub fn kind_of(&self, id: Uuid) -> Option<RecordKind> {
        let records = self;
        macro_rules! loaded {
            // Never loaded by an analysis.
            (geographic_area) => {
                false
            };
            ($module:ident) => {
                <$module::Model as Kept>::map_ref(records).contains_key(&id)
            };
        }
        macro_rules! find {
            (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
                $(if loaded!($module) {
                    return Some(RecordKind::$kind);
                })*
            };
        }
        entity::for_each_record!(find);
        None
    }

    /// The citations of a record, by document title then locator.
    pub fn citations_of(&self, record_id: Uuid) -> Vec<&source_citation::Model> {
        let mut found: Vec<&source_citation::Model> = sorted(&self.citations)
            .into_iter()
            .filter(|c| c.record_id == record_id)
            .collect();
        found.sort_by(|a, b| {
            let title = |c: &source_citation::Model| {
                self.documents
                    .get(&c.document_id)
                    .map(|d| d.title.clone())
                    .unwrap_or_default()
            };
            (title(a), &a.locator, a.id).cmp(&(title(b), &b.locator, b.id))
        });
        found
    }

    /// The pure view of the records, for the functions of [`crate::domain::analysis`].
    pub fn snapshot(&self) -> Snapshot {
        let mut hats: HashMap<Uuid, Vec<snap::PostHat>> = HashMap::new();
        for h in sorted(&self.hats) {
            hats.entry(h.post_id).or_default().push(snap::PostHat {
                id: h.id,
                hat: h.hat,
                validity: validity(h.valid_from, h.valid_to),
            });
        }
        let mut assignments: HashMap<Uuid, Vec<snap::Assignment>> = HashMap::new();
        for a in sorted(&self.assignments) {
            assignments
                .entry(a.post_id)
                .or_default()
                .push(snap::Assignment {
                    id: a.id,
                    person_id: a.person_id,
                    acting: a.acting,
                    validity: validity(a.valid_from, a.valid_to),
                });
        }
        let mut links: HashMap<Uuid, Vec<snap::ForumLink>> = HashMap::new();
        for l in sorted(&self.forum_links) {
            links.entry(l.forum_id).or_default().push(snap::ForumLink {
                id: l.id,
                target_forum_id: l.target_forum_id,
                kind: l.kind,
                validity: validity(l.valid_from, l.valid_to),
            });
        }
        let mut cluster_leads: HashMap<Uuid, Vec<snap::LeadAgency>> = HashMap::new();
        let mut aor_leads: HashMap<Uuid, Vec<snap::LeadAgency>> = HashMap::new();
        for l in sorted(&self.lead_agencies) {
            let lead = match (l.organization_id, l.component_id) {
                (Some(o), _) => snap::Lead::Organization(o),
                (None, Some(c)) => snap::Lead::Component(c),
                (None, None) => continue,
            };
            let row = snap::LeadAgency {
                id: l.id,
                lead,
                role: l.role,
                validity: validity(l.valid_from, l.valid_to),
            };
            match (l.cluster_id, l.area_of_responsibility_id) {
                (Some(c), _) => cluster_leads.entry(c).or_default().push(row),
                (None, Some(a)) => aor_leads.entry(a).or_default().push(row),
                (None, None) => {}
            }
        }
        let mut sources: HashMap<Uuid, Vec<snap::Source>> = HashMap::new();
        for c in self.citations.values() {
            if let Some(doc) = self.documents.get(&c.document_id) {
                sources.entry(c.record_id).or_default().push(snap::Source {
                    document_id: doc.id,
                    title: doc.title.clone(),
                    locator: c.locator.clone(),
                });
            }
        }
        for list in sources.values_mut() {
            list.sort_by(|a, b| (&a.title, &a.locator).cmp(&(&b.title, &b.locator)));
        }

        Snapshot {
            missions: sorted(&self.missions)
                .into_iter()
                .map(|m| {
                    mission_of(
                        m,
                        self.mission_mandates.values(),
                        self.mission_names.values(),
                    )
                })
                .collect(),
            organizations: sorted(&self.organizations)
                .into_iter()
                .map(|o| snap::Organization {
                    id: o.id,
                    code: o.code.clone(),
                    name: o.name.clone(),
                    kind: o.kind,
                    archived: o.archived_at.is_some(),
                })
                .collect(),
            components: sorted(&self.components)
                .into_iter()
                .map(|c| snap::Component {
                    id: c.id,
                    mission_id: c.mission_id,
                    parent_id: c.parent_id,
                    name: c.name.clone(),
                    kind: c.kind,
                    specialty: c.specialty,
                    validity: validity(c.valid_from, c.valid_to),
                })
                .collect(),
            posts: sorted(&self.posts)
                .into_iter()
                .map(|p| snap::Post {
                    id: p.id,
                    title: p.title.clone(),
                    mission_id: p.mission_id,
                    organization_id: p.organization_id,
                    component_id: p.component_id,
                    is_component_head: p.is_component_head,
                    validity: validity(p.valid_from, p.valid_to),
                    hats: hats.remove(&p.id).unwrap_or_default(),
                    assignments: assignments.remove(&p.id).unwrap_or_default(),
                })
                .collect(),
            reporting_lines: sorted(&self.reporting_lines)
                .into_iter()
                .filter_map(|l| {
                    let from = match (l.from_post_id, l.from_component_id) {
                        (Some(p), _) => snap::LineSource::Post(p),
                        (None, Some(c)) => snap::LineSource::Component(c),
                        (None, None) => return None,
                    };
                    let to = match (l.to_post_id, l.to_organization_id) {
                        (Some(p), _) => snap::LineTarget::Post(p),
                        (None, Some(o)) => snap::LineTarget::Organization(o),
                        (None, None) => return None,
                    };
                    Some(snap::ReportingLine {
                        id: l.id,
                        from,
                        to,
                        kind: l.kind,
                        validity: validity(l.valid_from, l.valid_to),
                    })
                })
                .collect(),
            forums: sorted(&self.forums)
                .into_iter()
                .map(|f| snap::Forum {
                    id: f.id,
                    name: f.name.clone(),
                    kind: f.kind,
                    level: f.level,
                    mission_id: f.mission_id,
                    cluster_id: f.cluster_id,
                    area_of_responsibility_id: f.area_of_responsibility_id,
                    validity: validity(f.valid_from, f.valid_to),
                    links: links.remove(&f.id).unwrap_or_default(),
                })
                .collect(),
            memberships: sorted(&self.memberships)
                .into_iter()
                .filter_map(|m| {
                    Some(snap::Membership {
                        id: m.id,
                        forum_id: m.forum_id,
                        member: member_of(m)?,
                        capacity: m.capacity,
                        validity: validity(m.valid_from, m.valid_to),
                    })
                })
                .collect(),
            clusters: sorted(&self.clusters)
                .into_iter()
                .map(|c| snap::Cluster {
                    id: c.id,
                    code: c.code.clone(),
                    name: c.name.clone(),
                    scope: c.scope,
                    country_code: c.country_code.clone(),
                    validity: validity(c.valid_from, c.valid_to),
                    leads: cluster_leads.remove(&c.id).unwrap_or_default(),
                })
                .collect(),
            areas_of_responsibility: sorted(&self.areas_of_responsibility)
                .into_iter()
                .map(|a| snap::AreaOfResponsibility {
                    id: a.id,
                    cluster_id: a.cluster_id,
                    name: a.name.clone(),
                    theme: a.theme,
                    counterpart_component_id: a.counterpart_component_id,
                    validity: validity(a.valid_from, a.valid_to),
                    leads: aor_leads.remove(&a.id).unwrap_or_default(),
                })
                .collect(),
            decision_areas: sorted(&self.decision_areas)
                .into_iter()
                .map(|a| snap::DecisionArea {
                    id: a.id,
                    code: a.code.clone(),
                    name: a.name.clone(),
                })
                .collect(),
            rights: sorted(&self.rights)
                .into_iter()
                .filter_map(|r| {
                    Some(snap::DecisionRight {
                        id: r.id,
                        area_id: r.decision_area_id,
                        mission_id: r.mission_id,
                        holder: holder_of(r)?,
                        kind: r.kind,
                        scope: r.scope.clone(),
                        delegated_from: r.delegated_from_id,
                        non_delegable: r.non_delegable,
                        joint_decision: r.joint_decision.clone(),
                        validity: validity(r.valid_from, r.valid_to),
                        sources: sources.remove(&r.id).unwrap_or_default(),
                    })
                })
                .collect(),
            mandated_tasks: sorted(&self.mandated_tasks)
                .into_iter()
                .map(|t| snap::MandatedTask {
                    id: t.id,
                    mission_id: t.mission_id,
                    category: t.category,
                    title: t.title.clone(),
                    lead_component_id: t.lead_component_id,
                    validity: validity(t.valid_from, t.valid_to),
                })
                .collect(),
        }
    }
}

/// A mission with its mandates and former names (those among the rows given that are its own),
/// each oldest first.
pub fn mission_of<'r>(
    m: &mission::Model,
    mandates: impl IntoIterator<Item = &'r mission_mandate::Model>,
    names: impl IntoIterator<Item = &'r mission_name::Model>,
) -> snap::Mission {
    let mut mandates: Vec<snap::Mandate> = mandates
        .into_iter()
        .filter(|v| v.mission_id == m.id)
        .map(|v| snap::Mandate {
            id: v.id,
            attributes: crate::services::mission_mandate::attributes_of(v),
            resolution: v.resolution.clone(),
            validity: validity(v.valid_from, v.valid_to),
        })
        .collect();
    mandates.sort_by_key(|v| (v.validity.from, v.id));
    let mut former_names: Vec<snap::FormerName> = names
        .into_iter()
        .filter(|n| n.mission_id == m.id)
        .map(|n| snap::FormerName {
            id: n.id,
            acronym: n.acronym.clone(),
            name: n.name.clone(),
            validity: validity(n.valid_from, n.valid_to),
        })
        .collect();
    former_names.sort_by_key(|n| (n.validity.from, n.id));
    snap::Mission {
        id: m.id,
        acronym: m.acronym.clone(),
        name: m.name.clone(),
        country_code: m.country_code.clone(),
        mandates,
        former_names,
    }
}

/// Who sits in a forum by a membership row; `None` for a row naming no member (the table's
/// check constraint forbids it).
pub fn member_of(m: &forum_membership::Model) -> Option<snap::Member> {
    match (
        m.member_organization_id,
        m.member_component_id,
        m.member_post_id,
    ) {
        (Some(o), _, _) => Some(snap::Member::Organization(o)),
        (None, Some(c), _) => Some(snap::Member::Component(c)),
        (None, None, Some(p)) => Some(snap::Member::Post(p)),
        (None, None, None) => None,
    }
}

/// Who holds a right by its row; `None` for a row naming no holder (forbidden by a check).
pub fn holder_of(r: &decision_right::Model) -> Option<snap::Holder> {
    match (
        r.holder_post_id,
        r.holder_component_id,
        r.holder_organization_id,
        r.holder_forum_id,
    ) {
        (Some(p), _, _, _) => Some(snap::Holder::Post(p)),
        (None, Some(c), _, _) => Some(snap::Holder::Component(c)),
        (None, None, Some(o), _) => Some(snap::Holder::Organization(o)),
        (None, None, None, Some(f)) => Some(snap::Holder::Forum(f)),
        (None, None, None, None) => None,
    }
}
