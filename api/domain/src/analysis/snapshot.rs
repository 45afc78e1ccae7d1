//! The in-memory records the analysis functions work on.
//!
//! A service fills a [`Snapshot`] from the database with the records of one mission (or one
//! country) that the caller may see, and hands it to the pure functions of this module. Rows that
//! belong to a parent (a post's hats and assignments, a forum's links, a cluster's lead agencies,
//! a right's source citations) are nested in it; relationships that connect two records
//! (reporting lines, memberships, rights) are flat lists. The snapshot keeps every period of
//! every record: the functions pick what holds on the date they are asked about.

use std::collections::HashMap;

use crate::enums::{
    AorTheme, Capacity, ClusterScope, ComponentKind, ComponentSpecialty, ForumKind, ForumLevel,
    ForumLinkKind, Hat, LeadRole, MandatedTaskCategory, OrganizationKind, ReportingLineKind,
    RightKind,
};
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::mandates::{in_force, Attributes};
use crate::validity::Validity;

/// Everything the analysis functions may look at, already filtered by the caller's visibility.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub missions: Vec<Mission>,
    pub organizations: Vec<Organization>,
    pub components: Vec<Component>,
    pub posts: Vec<Post>,
    pub reporting_lines: Vec<ReportingLine>,
    pub forums: Vec<Forum>,
    pub memberships: Vec<Membership>,
    pub clusters: Vec<Cluster>,
    pub areas_of_responsibility: Vec<AreaOfResponsibility>,
    pub decision_areas: Vec<DecisionArea>,
    pub rights: Vec<DecisionRight>,
    pub mandated_tasks: Vec<MandatedTask>,
}

/// A mission, with its mandates and former names over time.
#[derive(Debug, Clone)]
pub struct Mission {
    pub id: Uuid,
    /// The current acronym and name.
    pub acronym: String,
    pub name: String,
    /// Oldest first; they do not overlap.
    pub mandates: Vec<Mandate>,
    /// The names it had before the current one, oldest first.
    pub former_names: Vec<FormerName>,
    /// ISO 3166-1 alpha-3 code of the host country; bridges look at this country's clusters.
    pub country_code: Option<String>,
}

impl Mission {
    /// The mandate in force on `date` (the last one after the mission closed).
    pub fn mandate_on(&self, date: NaiveDate) -> Option<&Mandate> {
        in_force(&self.mandates, |m| m.validity, date)
    }

    /// The acronym the mission had on `date`.
    pub fn acronym_on(&self, date: NaiveDate) -> &str {
        self.former_names
            .iter()
            .find(|n| n.validity.contains(date))
            .map_or(self.acronym.as_str(), |n| n.acronym.as_str())
    }
}

/// One mandate of a mission: what it says over its period, and the resolution that set it.
#[derive(Debug, Clone)]
pub struct Mandate {
    pub id: Uuid,
    pub attributes: Attributes,
    pub resolution: Option<String>,
    pub validity: Validity,
}

/// A name a mission carried before its current one.
#[derive(Debug, Clone)]
pub struct FormerName {
    pub id: Uuid,
    pub acronym: String,
    pub name: String,
    pub validity: Validity,
}

/// An actor outside the mission structure.
#[derive(Debug, Clone)]
pub struct Organization {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub kind: OrganizationKind,
    /// Archived organisations stay in the snapshot so that memberships still naming them show up
    /// as gaps.
    pub archived: bool,
}

/// An organisational unit of a mission.
#[derive(Debug, Clone)]
pub struct Component {
    pub id: Uuid,
    pub mission_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub kind: ComponentKind,
    pub specialty: Option<ComponentSpecialty>,
    pub validity: Validity,
}

/// A position, in a mission or in an organisation, with its hats and who held it when.
#[derive(Debug, Clone)]
pub struct Post {
    pub id: Uuid,
    pub title: String,
    pub mission_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub component_id: Option<Uuid>,
    pub is_component_head: bool,
    pub validity: Validity,
    pub hats: Vec<PostHat>,
    pub assignments: Vec<Assignment>,
}

/// One role a post carries during a period.
#[derive(Debug, Clone)]
pub struct PostHat {
    pub id: Uuid,
    pub hat: Hat,
    pub validity: Validity,
}

/// A person holding a post during a period. A snapshot may hold a post's assignments of every
/// period (the governance gaps tell a recorded vacancy from a post whose holders were never
/// recorded) or only those of the date asked about.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub id: Uuid,
    pub person_id: Uuid,
    pub acting: bool,
    pub validity: Validity,
}

/// Where a reporting line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LineSource {
    Post(Uuid),
    Component(Uuid),
}

/// Where a reporting line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LineTarget {
    Post(Uuid),
    Organization(Uuid),
}

/// A typed reporting line.
#[derive(Debug, Clone)]
pub struct ReportingLine {
    pub id: Uuid,
    pub from: LineSource,
    pub to: LineTarget,
    pub kind: ReportingLineKind,
    pub validity: Validity,
}

/// A coordination forum with its links to other forums.
#[derive(Debug, Clone)]
pub struct Forum {
    pub id: Uuid,
    pub name: String,
    pub kind: ForumKind,
    pub level: ForumLevel,
    pub mission_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
    pub validity: Validity,
    pub links: Vec<ForumLink>,
}

/// This forum reports to, or is a subgroup of, another forum.
#[derive(Debug, Clone)]
pub struct ForumLink {
    pub id: Uuid,
    pub target_forum_id: Uuid,
    pub kind: ForumLinkKind,
    pub validity: Validity,
}

/// Who sits in a forum: an organisation, a component or a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Member {
    Organization(Uuid),
    Component(Uuid),
    Post(Uuid),
}

impl Member {
    pub fn id(&self) -> Uuid {
        match *self {
            Member::Organization(id) | Member::Component(id) | Member::Post(id) => id,
        }
    }
}

/// A seat in a forum, in a capacity, during a period.
#[derive(Debug, Clone)]
pub struct Membership {
    pub id: Uuid,
    pub forum_id: Uuid,
    pub member: Member,
    pub capacity: Capacity,
    pub validity: Validity,
}

/// Who leads or co-leads a cluster or an AoR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Lead {
    Organization(Uuid),
    Component(Uuid),
}

/// A lead (or co-lead) agency of a cluster or an AoR during a period.
#[derive(Debug, Clone)]
pub struct LeadAgency {
    pub id: Uuid,
    pub lead: Lead,
    pub role: LeadRole,
    pub validity: Validity,
}

/// A humanitarian cluster (or cluster-like working group) with its lead agencies.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub scope: ClusterScope,
    /// The country of a field cluster; `None` for a global one.
    pub country_code: Option<String>,
    pub validity: Validity,
    pub leads: Vec<LeadAgency>,
}

/// A thematic sub-cluster of a Protection Cluster with its lead agencies.
#[derive(Debug, Clone)]
pub struct AreaOfResponsibility {
    pub id: Uuid,
    pub cluster_id: Uuid,
    pub name: String,
    pub theme: AorTheme,
    pub counterpart_component_id: Option<Uuid>,
    pub validity: Validity,
    pub leads: Vec<LeadAgency>,
}

/// What is decided (`USE_OF_FORCE`, `POC_STRATEGY`, ...).
#[derive(Debug, Clone)]
pub struct DecisionArea {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// Who holds a decision right: a post, a component, an organisation or a forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Holder {
    Post(Uuid),
    Component(Uuid),
    Organization(Uuid),
    Forum(Uuid),
}

impl Holder {
    pub fn id(&self) -> Uuid {
        match *self {
            Holder::Post(id)
            | Holder::Component(id)
            | Holder::Organization(id)
            | Holder::Forum(id) => id,
        }
    }
}

/// A document and the paragraph in it that states a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub document_id: Uuid,
    pub title: String,
    /// Where in the document, e.g. `¶59` or `§8.2.2`.
    pub locator: Option<String>,
}

/// Decision area × holder × kind of right × scope, during a period.
#[derive(Debug, Clone)]
pub struct DecisionRight {
    pub id: Uuid,
    pub area_id: Uuid,
    /// `None` for a global default that applies where a mission has no grant of its own.
    pub mission_id: Option<Uuid>,
    pub holder: Holder,
    pub kind: RightKind,
    /// Narrows the right (e.g. "police units"); one decider per area and scope.
    pub scope: Option<String>,
    pub delegated_from: Option<Uuid>,
    pub non_delegable: bool,
    /// The joint decision the right is part of: rights of one area and mission with the same
    /// kind, scope and label are one decision their holders take together.
    pub joint_decision: Option<String>,
    pub validity: Validity,
    pub sources: Vec<Source>,
}

/// What the Security Council tasked a mission with, and which component leads it.
#[derive(Debug, Clone)]
pub struct MandatedTask {
    pub id: Uuid,
    pub mission_id: Uuid,
    pub category: MandatedTaskCategory,
    pub title: String,
    pub lead_component_id: Option<Uuid>,
    pub validity: Validity,
}

/// The DSRSG hats: any of them makes a post a deputy head of mission.
pub fn is_dsrsg(hat: Hat) -> bool {
    matches!(hat, Hat::Dsrsg | Hat::DsrsgPolitical | Hat::DsrsgRuleOfLaw)
}

impl Post {
    /// The hats this post wears on `as_of`.
    pub fn hats_on(&self, as_of: NaiveDate) -> impl Iterator<Item = &PostHat> + '_ {
        self.hats.iter().filter(move |h| h.validity.contains(as_of))
    }

    /// Whether the post wears `hat` on `as_of`.
    pub fn wears(&self, hat: Hat, as_of: NaiveDate) -> bool {
        self.hats_on(as_of).any(|h| h.hat == hat)
    }

    /// The assignments that hold on `as_of` (usually one; an acting holder may overlap).
    pub fn assignments_on(&self, as_of: NaiveDate) -> impl Iterator<Item = &Assignment> + '_ {
        self.assignments
            .iter()
            .filter(move |a| a.validity.contains(as_of))
    }
}

/// Component → its head posts valid on `as_of`, in the order of `posts`.
pub(crate) fn component_heads(posts: &[Post], as_of: NaiveDate) -> HashMap<Uuid, Vec<&Post>> {
    let mut heads: HashMap<Uuid, Vec<&Post>> = HashMap::new();
    for post in posts {
        if let (true, Some(c), true) = (
            post.is_component_head,
            post.component_id,
            post.validity.contains(as_of),
        ) {
            heads.entry(c).or_default().push(post);
        }
    }
    heads
}

/// Canonical orders of the shared enums, used to sort output deterministically; the enums
/// themselves are not `Ord` because their database form is a string.
pub(crate) mod rank {
    use crate::enums::{Capacity, ReportingLineKind};

    pub(crate) const LINE_KINDS: [ReportingLineKind; 4] = [
        ReportingLineKind::Line,
        ReportingLineKind::Functional,
        ReportingLineKind::Command,
        ReportingLineKind::Coordination,
    ];

    pub(crate) fn line_kind(kind: ReportingLineKind) -> u8 {
        match kind {
            ReportingLineKind::Line => 0,
            ReportingLineKind::Functional => 1,
            ReportingLineKind::Command => 2,
            ReportingLineKind::Coordination => 3,
        }
    }

    /// Chairs first, then the other ways of sitting in a forum from most to least involved.
    pub(crate) fn capacity(capacity: Capacity) -> u8 {
        match capacity {
            Capacity::Chair => 0,
            Capacity::CoChair => 1,
            Capacity::Secretariat => 2,
            Capacity::Member => 3,
            Capacity::Liaison => 4,
            Capacity::Observer => 5,
            Capacity::PresentWithoutMembership => 6,
        }
    }
}

/// Display names of the records of a snapshot, for the sentences of gaps and changes. Records
/// missing from the snapshot get a generic name rather than an error: sentences are for people.
pub(crate) struct Names<'a> {
    posts: HashMap<Uuid, &'a str>,
    components: HashMap<Uuid, &'a str>,
    organizations: HashMap<Uuid, &'a str>,
    forums: HashMap<Uuid, &'a str>,
    areas: HashMap<Uuid, &'a str>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(snapshot: &'a Snapshot) -> Self {
        Self {
            posts: snapshot
                .posts
                .iter()
                .map(|p| (p.id, p.title.as_str()))
                .collect(),
            components: snapshot
                .components
                .iter()
                .map(|c| (c.id, c.name.as_str()))
                .collect(),
            organizations: snapshot
                .organizations
                .iter()
                .map(|o| (o.id, o.name.as_str()))
                .collect(),
            forums: snapshot
                .forums
                .iter()
                .map(|f| (f.id, f.name.as_str()))
                .collect(),
            areas: snapshot
                .decision_areas
                .iter()
                .map(|a| (a.id, a.code.as_str()))
                .collect(),
        }
    }

    fn get(map: &HashMap<Uuid, &'a str>, id: Uuid, fallback: &'static str) -> &'a str {
        map.get(&id).copied().unwrap_or(fallback)
    }

    pub(crate) fn post(&self, id: Uuid) -> &'a str {
        Self::get(&self.posts, id, "a post")
    }

    pub(crate) fn component(&self, id: Uuid) -> &'a str {
        Self::get(&self.components, id, "a component")
    }

    pub(crate) fn organization(&self, id: Uuid) -> &'a str {
        Self::get(&self.organizations, id, "an organisation")
    }

    pub(crate) fn forum(&self, id: Uuid) -> &'a str {
        Self::get(&self.forums, id, "a forum")
    }

    pub(crate) fn area(&self, id: Uuid) -> &'a str {
        Self::get(&self.areas, id, "a decision area")
    }

    pub(crate) fn member(&self, member: Member) -> &'a str {
        match member {
            Member::Organization(id) => self.organization(id),
            Member::Component(id) => self.component(id),
            Member::Post(id) => self.post(id),
        }
    }

    pub(crate) fn holder(&self, holder: Holder) -> &'a str {
        match holder {
            Holder::Post(id) => self.post(id),
            Holder::Component(id) => self.component(id),
            Holder::Organization(id) => self.organization(id),
            Holder::Forum(id) => self.forum(id),
        }
    }
}

/// The upper-case name of a shared enum value, as stored and as shown in GraphQL
/// (`HUMANITARIAN_COORDINATOR`, `CO_CHAIR`).
pub(crate) fn enum_name<E>(value: E) -> String
where
    E: Into<&'static str>,
{
    let name: &'static str = value.into();
    name.to_owned()
}
