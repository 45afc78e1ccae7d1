//! The deterministic generator: one ChaCha8 stream, consumed in a fixed order.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use entity::enums::{
    AorTheme, Capacity, ClusterScope, ClusterSector, ComponentKind, ComponentSpecialty, ForumKind,
    ForumLevel, ForumLinkKind, GeographicLevel, Hat, LeadRole, MandatedTaskCategory, MissionKind,
    OrganizationKind, ReportingLineKind, RightKind, RiskEnvironment, Sensitivity, StructureLevel,
};
use entity::{
    area_of_responsibility, assignment, cluster, component, decision_area, decision_right, forum,
    forum_link, forum_membership, geographic_area, lead_agency, mandated_task, mission,
    mission_mandate, mission_name, organization, person, post, post_hat, reporting_line,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use super::Dataset;

/// The last day of generated history: every period starts before it, and rows still open on it
/// are open-ended. Fixed (not today) so that the same seed gives the same data on any day.
pub const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(d) => d,
    None => panic!("2026-01-01 is a date"),
};

/// The acronym of the mission every dataset has: open, of average size, with a Force.
pub const TYPICAL_MISSION: &str = "SYN0000";

/// Per mission, on average (the issue's proportions at N=200 divided by 200).
const COMPONENTS_PER_MISSION: f64 = 100.0;
const POSTS_PER_MISSION: f64 = 262.0;

/// Generates the dataset of `missions` missions from `seed`.
pub fn generate(missions: u32, seed: u64) -> Dataset {
    let mut g = Gen::new(seed);
    let world = g.world(missions);
    for index in 0..missions {
        g.mission(&world, index);
    }
    g.d
}

// ---------------------------------------------------------------------------------------------
// Primitives

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl Span {
    fn open(from: NaiveDate) -> Self {
        Self { from, to: None }
    }

    fn end_or(&self, horizon: NaiveDate) -> NaiveDate {
        self.to.unwrap_or(horizon)
    }

    /// The days both spans cover, if any.
    fn and(&self, other: &Span) -> Option<Span> {
        let from = self.from.max(other.from);
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match to {
            Some(to) if to <= from => None,
            _ => Some(Span { from, to }),
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(ANCHOR)
}

fn plus(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(day)
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

struct Gen {
    rng: ChaCha8Rng,
    clock_ms: u64,
    stamp: DateTime<Utc>,
    d: Dataset,
}

impl Gen {
    fn new(seed: u64) -> Self {
        let stamp = ANCHOR.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            clock_ms: u64::try_from(stamp.timestamp_millis()).unwrap_or(0),
            stamp,
            d: Dataset::default(),
        }
    }

    /// A UUID v7 whose timestamp advances by a millisecond per id, so ids sort in creation order.
    fn id(&mut self) -> Uuid {
        self.clock_ms += 1;
        let bytes: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(self.clock_ms, &bytes).into_uuid()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    /// A whole number in `[lo, hi)` (`lo` when the range is empty).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..hi)
        }
    }

    fn count(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..hi)
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else {
            Some(items[self.rng.random_range(0..items.len())])
        }
    }

    /// A day in `[from, to)`; `from` when the range is empty.
    fn day(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        plus(from, self.range(0, days_between(from, to)))
    }

    /// Most rows are public, some internal, a few confidential or strictly confidential.
    fn sensitivity(&mut self) -> Sensitivity {
        match self.range(0, 100) {
            0..=74 => Sensitivity::Public,
            75..=91 => Sensitivity::Internal,
            92..=97 => Sensitivity::Confidential,
            _ => Sensitivity::StrictlyConfidential,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Global records: organisations, decision areas, global clusters, global defaults

const AGENCIES: &[(&str, &str, OrganizationKind)] = &[
    (
        "DPKO",
        "Department of Peacekeeping Operations",
        OrganizationKind::UnSecretariat,
    ),
    (
        "DPA",
        "Department of Political Affairs",
        OrganizationKind::UnSecretariat,
    ),
    (
        "DFS",
        "Department of Field Support",
        OrganizationKind::UnSecretariat,
    ),
    (
        "UNSC",
        "United Nations Security Council",
        OrganizationKind::UnIntergovernmentalBody,
    ),
    (
        "OHCHR",
        "Office of the High Commissioner for Human Rights",
        OrganizationKind::UnSecretariat,
    ),
    (
        "OCHA",
        "Office for the Coordination of Humanitarian Affairs",
        OrganizationKind::UnSecretariat,
    ),
    (
        "UNMAS",
        "United Nations Mine Action Service",
        OrganizationKind::UnSecretariat,
    ),
    (
        "UNHCR",
        "Office of the United Nations High Commissioner for Refugees",
        OrganizationKind::UnAgency,
    ),
    (
        "UNICEF",
        "United Nations Children's Fund",
        OrganizationKind::UnAgency,
    ),
    (
        "UNFPA",
        "United Nations Population Fund",
        OrganizationKind::UnAgency,
    ),
    ("WFP", "World Food Programme", OrganizationKind::UnAgency),
    (
        "WHO",
        "World Health Organization",
        OrganizationKind::UnAgency,
    ),
    (
        "UNDP",
        "United Nations Development Programme",
        OrganizationKind::UnAgency,
    ),
    (
        "IOM",
        "International Organization for Migration",
        OrganizationKind::UnAgency,
    ),
    ("UNWOMEN", "UN Women", OrganizationKind::UnAgency),
    (
        "FAO",
        "Food and Agriculture Organization",
        OrganizationKind::UnAgency,
    ),
    (
        "ICRC",
        "International Committee of the Red Cross",
        OrganizationKind::RedCrossMovement,
    ),
    (
        "IFRC",
        "International Federation of Red Cross and Red Crescent Societies",
        OrganizationKind::RedCrossMovement,
    ),
    (
        "NRC",
        "Norwegian Refugee Council",
        OrganizationKind::InternationalNgo,
    ),
    (
        "IRC",
        "International Rescue Committee",
        OrganizationKind::InternationalNgo,
    ),
    (
        "SCI",
        "Save the Children International",
        OrganizationKind::InternationalNgo,
    ),
    (
        "MSF",
        "Medecins Sans Frontieres",
        OrganizationKind::InternationalNgo,
    ),
    ("OXFAM", "Oxfam", OrganizationKind::InternationalNgo),
    (
        "AU",
        "African Union",
        OrganizationKind::RegionalOrganization,
    ),
];

/// Agencies that sit in humanitarian forums of every country.
const HUMANITARIAN_AGENCIES: &[&str] = &[
    "UNHCR", "UNICEF", "OCHA", "OHCHR", "UNFPA", "UNMAS", "WFP", "WHO", "UNDP", "IOM", "UNWOMEN",
    "FAO", "ICRC", "IFRC",
];

const DECISION_AREAS: &[(&str, &str)] = &[
    ("USE_OF_FORCE", "Use of force to protect civilians"),
    ("POC_STRATEGY", "Protection of civilians strategy"),
    (
        "MILITARY_ASSETS",
        "Use of mission military assets by humanitarians",
    ),
    ("EARLY_WARNING_RESPONSE", "Response to early warnings"),
    ("INFORMATION_SHARING", "Sharing of protection information"),
    ("AVIATION_PRIORITY", "Prioritisation of aviation assets"),
    ("CLUSTER_LEAD", "Cluster lead agency at country level"),
    (
        "ESCALATION",
        "Escalation to headquarters and the Security Council",
    ),
];

const GLOBAL_CLUSTERS: &[(&str, &str, ClusterSector, &str)] = &[
    (
        "GPC",
        "Global Protection Cluster",
        ClusterSector::Protection,
        "UNHCR",
    ),
    (
        "GFSC",
        "Global Food Security Cluster",
        ClusterSector::FoodSecurity,
        "WFP",
    ),
    ("GHC", "Global Health Cluster", ClusterSector::Health, "WHO"),
    (
        "GSC",
        "Global Shelter Cluster",
        ClusterSector::Shelter,
        "IFRC",
    ),
];

const FIRST_NAMES: &[&str] = &[
    "Amina", "Jean", "Fatou", "Pierre", "Grace", "Ahmed", "Maria", "Joseph", "Aisha", "David",
    "Chantal", "Omar", "Esther", "Ibrahim", "Claire", "Samuel", "Nadia", "Paul", "Hawa", "Lucas",
];
const LAST_NAMES: &[&str] = &[
    "Mbeki",
    "Dupont",
    "Diallo",
    "Okafor",
    "Haddad",
    "Silva",
    "Kamara",
    "Nguyen",
    "Traore",
    "Mensah",
    "Rossi",
    "Hassan",
    "Kowalski",
    "Banda",
    "Moreau",
    "Abebe",
    "Ortiz",
    "Sesay",
    "Lindqvist",
    "Tshibanda",
];

struct World {
    orgs: HashMap<&'static str, Uuid>,
    ingos: Vec<Uuid>,
    ohchr_high_commissioner: Uuid,
    erc: Uuid,
    areas: HashMap<&'static str, Uuid>,
    global_clusters: HashMap<ClusterSector, Uuid>,
}

impl World {
    fn org(&self, code: &str) -> Uuid {
        self.orgs.get(code).copied().unwrap_or_default()
    }
}

impl Gen {
    fn organization(
        &mut self,
        code: String,
        name: String,
        kind: OrganizationKind,
        country: Option<String>,
        sensitivity: Sensitivity,
    ) -> Uuid {
        let id = self.id();
        self.d.organizations.push(organization::Model {
            id,
            code,
            name,
            kind,
            parent_id: None,
            country_code: country,
            description: None,
            archived_at: None,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        id
    }

    fn org_post(&mut self, org: Uuid, title: &str) -> Uuid {
        let id = self.id();
        self.d.posts.push(post::Model {
            id,
            mission_id: None,
            organization_id: Some(org),
            component_id: None,
            title: title.into(),
            is_component_head: false,
            geographic_area_id: None,
            valid_from: date(2000, 1, 1),
            valid_to: None,
            archived_at: None,
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        id
    }

    fn world(&mut self, missions: u32) -> World {
        let mut orgs = HashMap::new();
        for &(code, name, kind) in AGENCIES {
            let id = self.organization(code.into(), name.into(), kind, None, Sensitivity::Public);
            orgs.insert(code, id);
        }
        // International NGOs scale with the number of countries; each country sees some of them.
        let ingo_count = (missions as usize / 2).clamp(10, 400);
        let mut ingos = vec![
            orgs["NRC"],
            orgs["IRC"],
            orgs["SCI"],
            orgs["MSF"],
            orgs["OXFAM"],
        ];
        for k in 0..ingo_count {
            let id = self.organization(
                format!("INGO{k:03}"),
                format!("International NGO {k:03}"),
                OrganizationKind::InternationalNgo,
                None,
                Sensitivity::Public,
            );
            ingos.push(id);
        }
        let ohchr_high_commissioner =
            self.org_post(orgs["OHCHR"], "High Commissioner for Human Rights");
        let erc = self.org_post(orgs["OCHA"], "Emergency Relief Coordinator");
        let mut areas = HashMap::new();
        for &(code, name) in DECISION_AREAS {
            let id = self.id();
            self.d.decision_areas.push(decision_area::Model {
                id,
                code: code.into(),
                name: name.into(),
                description: None,
                archived_at: None,
                sensitivity: Sensitivity::Public,
                created_at: self.stamp,
                updated_at: self.stamp,
                version: 1,
            });
            areas.insert(code, id);
        }
        let mut global_clusters = HashMap::new();
        for &(code, name, sector, lead) in GLOBAL_CLUSTERS {
            let id = self.id();
            let span = Span::open(date(2006, 1, 1));
            self.d.clusters.push(cluster::Model {
                id,
                code: code.into(),
                name: name.into(),
                scope: ClusterScope::Global,
                sector,
                is_cluster_like: false,
                parent_id: None,
                country_code: None,
                valid_from: span.from,
                valid_to: None,
                archived_at: None,
                sensitivity: Sensitivity::Public,
                created_at: self.stamp,
                updated_at: self.stamp,
                version: 1,
            });
            self.lead(
                Some(id),
                None,
                LeadParty::Org(orgs[lead]),
                LeadRole::Lead,
                span,
            );
            global_clusters.insert(sector, id);
        }
        // Global defaults: where a mission grants nothing of its own, escalation goes to the
        // Security Council on the department's recommendation.
        let escalation = areas["ESCALATION"];
        let since = Span::open(date(2005, 1, 1));
        self.right(
            escalation,
            None,
            Holder::Org(orgs["UNSC"]),
            RightKind::Decides,
            None,
            None,
            true,
            since,
        );
        self.right(
            escalation,
            None,
            Holder::Org(orgs["DPKO"]),
            RightKind::Recommends,
            None,
            None,
            false,
            since,
        );
        self.right(
            areas["CLUSTER_LEAD"],
            None,
            Holder::Org(orgs["UNHCR"]),
            RightKind::Decides,
            Some("protection cluster".into()),
            None,
            false,
            since,
        );
        World {
            orgs,
            ingos,
            ohchr_high_commissioner,
            erc,
            areas,
            global_clusters,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One mission

#[derive(Clone, Copy)]
enum Holder {
    Post(Uuid),
    Component(Uuid),
    Org(Uuid),
    Forum(Uuid),
}

#[derive(Clone, Copy)]
enum LeadParty {
    Org(Uuid),
    Component(Uuid),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seat {
    Org(Uuid),
    Component(usize),
    Post(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Osrsg,
    Force,
    Police,
    Support,
    HumanRights,
    ChildProtection,
    WomenProtection,
    Gender,
    CivilAffairs,
    PoliticalAffairs,
    RuleOfLaw,
    Ddr,
    MineAction,
    PublicInformation,
    HumanitarianLiaison,
    Poc,
    Joc,
    Jmac,
}

/// The divisions, sections and joint structures at mission HQ.
const HQ: &[(Key, &str, &str, ComponentKind, ComponentSpecialty)] = &[
    (
        Key::Osrsg,
        "Office of the SRSG",
        "OSRSG",
        ComponentKind::Civilian,
        ComponentSpecialty::ExecutiveOffice,
    ),
    (
        Key::Force,
        "Force Headquarters",
        "FHQ",
        ComponentKind::Military,
        ComponentSpecialty::Force,
    ),
    (
        Key::Police,
        "Police Component",
        "UNPOL",
        ComponentKind::Police,
        ComponentSpecialty::Police,
    ),
    (
        Key::Support,
        "Mission Support Division",
        "MSD",
        ComponentKind::Support,
        ComponentSpecialty::MissionSupport,
    ),
    (
        Key::HumanRights,
        "Human Rights Division",
        "HRD",
        ComponentKind::Civilian,
        ComponentSpecialty::HumanRights,
    ),
    (
        Key::ChildProtection,
        "Child Protection Section",
        "CPS",
        ComponentKind::Civilian,
        ComponentSpecialty::ChildProtection,
    ),
    (
        Key::WomenProtection,
        "Women Protection Advisers",
        "WPA",
        ComponentKind::Civilian,
        ComponentSpecialty::WomenProtection,
    ),
    (
        Key::Gender,
        "Gender Unit",
        "GU",
        ComponentKind::Civilian,
        ComponentSpecialty::Gender,
    ),
    (
        Key::CivilAffairs,
        "Civil Affairs Division",
        "CAD",
        ComponentKind::Civilian,
        ComponentSpecialty::CivilAffairs,
    ),
    (
        Key::PoliticalAffairs,
        "Political Affairs Division",
        "PAD",
        ComponentKind::Civilian,
        ComponentSpecialty::PoliticalAffairs,
    ),
    (
        Key::RuleOfLaw,
        "Rule of Law Section",
        "ROL",
        ComponentKind::Civilian,
        ComponentSpecialty::RuleOfLaw,
    ),
    (
        Key::Ddr,
        "DDR Section",
        "DDR",
        ComponentKind::Civilian,
        ComponentSpecialty::Ddr,
    ),
    (
        Key::MineAction,
        "Mine Action Service",
        "MAS",
        ComponentKind::Civilian,
        ComponentSpecialty::MineAction,
    ),
    (
        Key::PublicInformation,
        "Public Information Office",
        "PIO",
        ComponentKind::Civilian,
        ComponentSpecialty::PublicInformation,
    ),
    (
        Key::HumanitarianLiaison,
        "Humanitarian Liaison Section",
        "HLS",
        ComponentKind::Civilian,
        ComponentSpecialty::HumanitarianLiaison,
    ),
    (
        Key::Poc,
        "Protection of Civilians Unit",
        "POCU",
        ComponentKind::Civilian,
        ComponentSpecialty::ProtectionOfCivilians,
    ),
    (
        Key::Joc,
        "Joint Operations Centre",
        "JOC",
        ComponentKind::Joint,
        ComponentSpecialty::JointOperations,
    ),
    (
        Key::Jmac,
        "Joint Mission Analysis Centre",
        "JMAC",
        ComponentKind::Joint,
        ComponentSpecialty::JointAnalysis,
    ),
];

struct Comp {
    id: Uuid,
    acronym: String,
    kind: ComponentKind,
    specialty: Option<ComponentSpecialty>,
    level: StructureLevel,
    span: Span,
    parent: Option<usize>,
    head: Option<usize>,
    state: Option<usize>,
}

struct PostRef {
    id: Uuid,
    span: Span,
    component: usize,
}

struct ForumRef {
    id: Uuid,
    span: Span,
}

/// What is known of the mission being generated.
struct MissionDraft {
    id: Uuid,
    index: u32,
    acronym: String,
    kind: MissionKind,
    start: NaiveDate,
    /// The mission's last day + 1 when closed, else the anchor.
    horizon: NaiveDate,
    scale: f64,
    country: String,
    country_area: Uuid,
    states: Vec<(Uuid, String)>,
    /// (area, name, state index)
    sectors: Vec<(Uuid, String, usize)>,
    comps: Vec<Comp>,
    keys: HashMap<Key, usize>,
    posts: Vec<PostRef>,
    srsg: usize,
    cos: usize,
    dsrsg_political: usize,
    dsrsg_rule_of_law: Option<usize>,
    dsrsg_rc_hc: Option<usize>,
    lead_department: Uuid,
    protection_cluster: Uuid,
    aors: Vec<(Uuid, AorTheme)>,
    national_orgs: Vec<Uuid>,
    ingos: Vec<Uuid>,
    host_government: Uuid,
}

impl MissionDraft {
    fn comp(&self, key: Key) -> Option<usize> {
        self.keys.get(&key).copied()
    }

    fn head(&self, key: Key) -> Option<usize> {
        self.comp(key).and_then(|c| self.comps[c].head)
    }
}

/// Where the rows of one mission start in each table, to close them when the mission closes.
struct Marks {
    components: usize,
    posts: usize,
    post_hats: usize,
    assignments: usize,
    reporting_lines: usize,
    mandated_tasks: usize,
    forums: usize,
    forum_links: usize,
    forum_memberships: usize,
    decision_rights: usize,
}

impl Gen {
    fn marks(&self) -> Marks {
        Marks {
            components: self.d.components.len(),
            posts: self.d.posts.len(),
            post_hats: self.d.post_hats.len(),
            assignments: self.d.assignments.len(),
            reporting_lines: self.d.reporting_lines.len(),
            mandated_tasks: self.d.mandated_tasks.len(),
            forums: self.d.forums.len(),
            forum_links: self.d.forum_links.len(),
            forum_memberships: self.d.forum_memberships.len(),
            decision_rights: self.d.decision_rights.len(),
        }
    }

    /// Ends every still-open row of a closed mission on its last day.
    fn close(&mut self, marks: &Marks, end: NaiveDate) {
        macro_rules! close {
            ($table:ident) => {
                for row in &mut self.d.$table[marks.$table..] {
                    if row.valid_to.is_none() {
                        row.valid_to = Some(end);
                    }
                }
            };
        }
        close!(components);
        close!(posts);
        close!(post_hats);
        close!(assignments);
        close!(reporting_lines);
        close!(mandated_tasks);
        close!(forums);
        close!(forum_links);
        close!(forum_memberships);
        close!(decision_rights);
    }

    fn mission(&mut self, world: &World, index: u32) {
        let typical = index == 0;
        let scale = if typical {
            1.0
        } else {
            0.4 + 1.2 * self.rng.random::<f64>()
        };
        let kind = if typical {
            MissionKind::Peacekeeping
        } else {
            match self.range(0, 100) {
                0..=69 => MissionKind::Peacekeeping,
                70..=94 => MissionKind::SpecialPolitical,
                _ => MissionKind::Hybrid,
            }
        };
        let start = self.day(date(2004, 1, 1), date(2019, 1, 1));
        let closed = !typical && self.chance(0.1);
        let horizon = if closed {
            self.day(plus(start, 3 * 365), plus(ANCHOR, -60))
        } else {
            ANCHOR
        };
        let letters = index % 676;
        let country = format!(
            "X{}{}",
            char::from(b'A' + (letters / 26) as u8),
            char::from(b'A' + (letters % 26) as u8)
        );
        let acronym = format!("SYN{index:04}");
        let lead_department = if kind == MissionKind::SpecialPolitical {
            world.org("DPA")
        } else {
            world.org("DPKO")
        };
        let integrated = kind != MissionKind::Hybrid && self.chance(0.65);
        let id = self.id();
        let risk = [
            RiskEnvironment::Low,
            RiskEnvironment::Medium,
            RiskEnvironment::High,
            RiskEnvironment::VeryHigh,
        ][self.count(0, 4)];
        let pk = kind != MissionKind::SpecialPolitical;
        let flags = [
            pk || self.chance(0.3),
            pk && self.chance(0.5),
            pk && self.chance(0.8),
            self.chance(0.9),
            self.chance(0.6),
            pk && self.chance(0.1),
        ];
        self.d.missions.push(mission::Model {
            id,
            acronym: acronym.clone(),
            name: format!("United Nations Synthetic Mission {index:04}"),
            kind,
            lead_department_id: Some(lead_department),
            country_code: Some(country.clone()),
            description: None,
            valid_from: start,
            valid_to: closed.then_some(horizon),
            archived_at: None,
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        // One mandate over the mission's whole period (no draw of its own, so the rest of the
        // dataset is what it was before mandates had a table).
        self.d.mission_mandates.push(mission_mandate::Model {
            id: migration::first_mandate_id(id),
            mission_id: id,
            poc_mandate: flags[0],
            poc_first_priority: flags[1],
            chapter_vii: flags[2],
            human_rights_mandate: flags[3],
            supports_host_government: flags[4],
            offensive_operations: flags[5],
            integrated_presence: integrated,
            risk_environment: Some(risk),
            resolution: None,
            note: None,
            valid_from: start,
            valid_to: closed.then_some(horizon),
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        if !typical && self.chance(0.1) {
            let renamed = self.day(plus(start, 365), plus(horizon, -30));
            let name_id = self.id();
            self.d.mission_names.push(mission_name::Model {
                id: name_id,
                mission_id: id,
                acronym: format!("OLD{index:04}"),
                name: format!("United Nations Former Mission {index:04}"),
                valid_from: start,
                valid_to: Some(renamed),
                sensitivity: Sensitivity::Public,
                created_at: self.stamp,
                updated_at: self.stamp,
                version: 1,
            });
        }

        let marks = self.marks();
        let mut m = MissionDraft {
            id,
            index,
            acronym,
            kind,
            start,
            horizon,
            scale,
            country: country.clone(),
            country_area: Uuid::nil(),
            states: Vec::new(),
            sectors: Vec::new(),
            comps: Vec::new(),
            keys: HashMap::new(),
            posts: Vec::new(),
            srsg: 0,
            cos: 0,
            dsrsg_political: 0,
            dsrsg_rule_of_law: None,
            dsrsg_rc_hc: None,
            lead_department,
            protection_cluster: Uuid::nil(),
            aors: Vec::new(),
            national_orgs: Vec::new(),
            ingos: Vec::new(),
            host_government: Uuid::nil(),
        };
        self.geography(&mut m);
        self.national_organizations(world, &mut m);
        self.components(&mut m);
        self.posts(&mut m, integrated);
        self.people(&mut m);
        self.reporting_lines(world, &mut m);
        self.mandated_tasks(&mut m);
        self.clusters(world, &mut m);
        let forums = self.forums(world, &m);
        self.rights(world, &m, &forums);
        if closed {
            self.close(&marks, horizon);
        }
    }

    fn geography(&mut self, m: &mut MissionDraft) {
        let area = |g: &mut Gen, parent, name: String, level, code: String| {
            let id = g.id();
            g.d.geographic_areas.push(geographic_area::Model {
                id,
                parent_id: parent,
                name,
                level,
                code: Some(code),
                country_code: Some(m.country.clone()),
                archived_at: None,
                sensitivity: Sensitivity::Public,
                created_at: g.stamp,
                updated_at: g.stamp,
                version: 1,
            });
            id
        };
        let code = format!("G{:04}", m.index);
        let country = area(
            self,
            None,
            format!("Country {}", m.country),
            GeographicLevel::Country,
            code.clone(),
        );
        m.country_area = country;
        let states = self.count(3, 6);
        for s in 0..states {
            let name = format!("{} State {}", m.country, s + 1);
            let state = area(
                self,
                Some(country),
                name.clone(),
                GeographicLevel::State,
                format!("{code}{:02}", s + 1),
            );
            m.states.push((state, name.clone()));
            for k in 0..self.count(2, 4) {
                let sector = format!("{name} Sector {}", k + 1);
                let id = area(
                    self,
                    Some(state),
                    sector.clone(),
                    GeographicLevel::Sector,
                    format!("{code}{:02}{:02}", s + 1, k + 1),
                );
                m.sectors.push((id, sector, s));
            }
        }
    }

    fn national_organizations(&mut self, world: &World, m: &mut MissionDraft) {
        let c = m.country.clone();
        let a = m.acronym.clone();
        m.host_government = self.organization(
            format!("{a}-GOV"),
            format!("Government of {c}"),
            OrganizationKind::HostGovernment,
            Some(c.clone()),
            Sensitivity::Public,
        );
        let security = self.organization(
            format!("{a}-SEC"),
            format!("Armed Forces of {c}"),
            OrganizationKind::HostSecurityForce,
            Some(c.clone()),
            Sensitivity::Public,
        );
        m.national_orgs.push(security);
        for k in 0..6 {
            let id = self.organization(
                format!("{a}-NGO{k}"),
                format!("National NGO {k} of {c}"),
                OrganizationKind::NationalNgo,
                Some(c.clone()),
                Sensitivity::Public,
            );
            m.national_orgs.push(id);
        }
        for k in 0..2 {
            let id = self.organization(
                format!("{a}-CSO{k}"),
                format!("Community Protection Committee {k} of {c}"),
                OrganizationKind::CivilSociety,
                Some(c.clone()),
                Sensitivity::Internal,
            );
            m.national_orgs.push(id);
        }
        // Armed groups are known to some analysts only.
        for k in 0..2 {
            let sensitivity = if k == 0 {
                Sensitivity::Confidential
            } else {
                Sensitivity::StrictlyConfidential
            };
            self.organization(
                format!("{a}-NSAG{k}"),
                format!("Armed Group {k} of {c}"),
                OrganizationKind::NonStateArmedGroup,
                Some(c.clone()),
                sensitivity,
            );
        }
        // NRC and a few others work in most countries; the rest of the pool here and there.
        let mut ingos = Vec::new();
        for (k, &id) in world.ingos.iter().enumerate() {
            let p = if k < 5 {
                0.7
            } else {
                12.0 / world.ingos.len() as f64
            };
            if self.chance(p) {
                ingos.push(id);
            }
        }
        m.ingos = ingos;
    }

    #[allow(clippy::too_many_arguments)]
    fn component(
        &mut self,
        m: &mut MissionDraft,
        parent: Option<usize>,
        name: String,
        acronym: String,
        kind: ComponentKind,
        specialty: Option<ComponentSpecialty>,
        level: StructureLevel,
        state: Option<usize>,
        span: Span,
    ) -> usize {
        let id = self.id();
        let area = match (level, state) {
            (StructureLevel::Hq, _) | (_, None) => m.country_area,
            (StructureLevel::Regional, Some(s)) => m.states[s].0,
            (StructureLevel::Field, Some(s)) => {
                let sectors: Vec<Uuid> =
                    m.sectors.iter().filter(|x| x.2 == s).map(|x| x.0).collect();
                self.pick(&sectors).unwrap_or(m.states[s].0)
            }
        };
        let sensitivity = self.sensitivity();
        self.d.components.push(component::Model {
            id,
            mission_id: m.id,
            parent_id: parent.map(|p| m.comps[p].id),
            name,
            acronym: Some(acronym.chars().take(32).collect::<String>()),
            kind,
            specialty,
            level,
            geographic_area_id: Some(area),
            valid_from: span.from,
            valid_to: span.to,
            archived_at: None,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        m.comps.push(Comp {
            id,
            acronym,
            kind,
            specialty,
            level,
            span,
            parent,
            head: None,
            state,
        });
        m.comps.len() - 1
    }

    /// A start some time after `after`, early enough to leave a month before the horizon.
    fn start_after(&mut self, after: NaiveDate, horizon: NaiveDate, within_days: i64) -> NaiveDate {
        let latest = plus(horizon, -30).min(plus(after, within_days));
        if latest <= after {
            after
        } else {
            self.day(after, latest)
        }
    }

    /// A closed period inside `within` (bounded by `horizon`), if there is room for one.
    fn ended_span(&mut self, within: Span, horizon: NaiveDate) -> Option<Span> {
        let end = within.end_or(horizon);
        if days_between(within.from, end) < 120 {
            return None;
        }
        let from = self.day(within.from, plus(end, -90));
        let to = self.day(plus(from, 60), end);
        Some(Span {
            from,
            to: Some(to.max(plus(from, 1))),
        })
    }

    fn components(&mut self, m: &mut MissionDraft) {
        let h = m.horizon;
        let target = (COMPONENTS_PER_MISSION * m.scale).round() as usize;
        let pk = m.kind != MissionKind::SpecialPolitical;
        for &(key, name, acronym, kind, specialty) in HQ {
            let optional = match key {
                Key::Force | Key::Police => !pk,
                Key::Ddr | Key::MineAction | Key::WomenProtection => self.chance(0.25),
                _ => false,
            };
            if optional {
                continue;
            }
            let from = if key == Key::Osrsg {
                m.start
            } else {
                self.start_after(m.start, h, 120)
            };
            let c = self.component(
                m,
                None,
                name.into(),
                acronym.into(),
                kind,
                Some(specialty),
                StructureLevel::Hq,
                None,
                Span::open(from),
            );
            m.keys.insert(key, c);
        }
        // Regional offices with their field sections and field offices.
        let osrsg = m.comp(Key::Osrsg);
        for s in 0..m.states.len() {
            let from = self.start_after(m.start, h, 700);
            let state = m.states[s].1.clone();
            let office = self.component(
                m,
                osrsg,
                format!("Regional Office {state}"),
                format!("RO{}", s + 1),
                ComponentKind::Civilian,
                None,
                StructureLevel::Regional,
                Some(s),
                Span::open(from),
            );
            for (prefix, acronym, specialty) in [
                ("Human Rights", "HR", ComponentSpecialty::HumanRights),
                ("Civil Affairs", "CA", ComponentSpecialty::CivilAffairs),
                (
                    "Child Protection",
                    "CP",
                    ComponentSpecialty::ChildProtection,
                ),
            ] {
                let f = self.start_after(from, h, 365);
                self.component(
                    m,
                    Some(office),
                    format!("{prefix} {state}"),
                    format!("{acronym}{}", s + 1),
                    ComponentKind::Civilian,
                    Some(specialty),
                    StructureLevel::Regional,
                    Some(s),
                    Span::open(f),
                );
            }
            let sectors: Vec<String> = m
                .sectors
                .iter()
                .filter(|x| x.2 == s)
                .map(|x| x.1.clone())
                .collect();
            for (k, sector) in sectors.into_iter().enumerate() {
                let f = self.start_after(from, h, 900);
                self.component(
                    m,
                    Some(office),
                    format!("Field Office {sector}"),
                    format!("FO{}{}", s + 1, k + 1),
                    ComponentKind::Civilian,
                    Some(ComponentSpecialty::CivilAffairs),
                    StructureLevel::Field,
                    Some(s),
                    Span::open(f),
                );
            }
            if let Some(force) = m.comp(Key::Force) {
                let f = self.start_after(m.comps[force].span.from, h, 365);
                let sector_hq = self.component(
                    m,
                    Some(force),
                    format!("Sector HQ {state}"),
                    format!("SHQ{}", s + 1),
                    ComponentKind::Military,
                    Some(ComponentSpecialty::Force),
                    StructureLevel::Regional,
                    Some(s),
                    Span::open(f),
                );
                for b in 0..2 {
                    let fb = self.start_after(f, h, 365);
                    self.component(
                        m,
                        Some(sector_hq),
                        format!("Battalion {}-{}", s + 1, b + 1),
                        format!("BN{}{}", s + 1, b + 1),
                        ComponentKind::Military,
                        Some(ComponentSpecialty::Force),
                        StructureLevel::Field,
                        Some(s),
                        Span::open(fb),
                    );
                }
            }
        }
        // Units inside divisions until the mission has its share of current components.
        let current_target = target - target / 10;
        let mut unit = 0;
        while m.comps.len() < current_target {
            let parents: Vec<usize> = (0..m.comps.len())
                .filter(|&c| {
                    m.comps[c]
                        .parent
                        .is_none_or(|p| m.comps[p].parent.is_none())
                })
                .collect();
            let Some(parent) = self.pick(&parents) else {
                break;
            };
            unit += 1;
            let p = &m.comps[parent];
            let (name, acronym) = (
                format!("{} Unit {unit}", p.acronym),
                format!("{}-U{unit}", p.acronym),
            );
            let (kind, specialty, state, pfrom) = (p.kind, p.specialty, p.state, p.span.from);
            let level = if state.is_some() {
                StructureLevel::Field
            } else {
                StructureLevel::Hq
            };
            let from = self.start_after(pfrom, h, 1500);
            self.component(
                m,
                Some(parent),
                name,
                acronym,
                kind,
                specialty,
                level,
                state,
                Span::open(from),
            );
        }
        // Task forces that existed for a while: the structure's history.
        let current = m.comps.len();
        for k in 0..target.saturating_sub(current) {
            let Some(parent) = self.pick(&(0..current).collect::<Vec<_>>()) else {
                break;
            };
            let p = &m.comps[parent];
            let (acr, kind, specialty, state, level, pspan) = (
                p.acronym.clone(),
                p.kind,
                p.specialty,
                p.state,
                p.level,
                p.span,
            );
            let Some(span) = self.ended_span(pspan, h) else {
                continue;
            };
            self.component(
                m,
                Some(parent),
                format!("{acr} Task Force {}", k + 1),
                format!("{acr}-TF{}", k + 1),
                kind,
                specialty,
                level,
                state,
                span,
            );
        }
    }

    fn post(
        &mut self,
        m: &mut MissionDraft,
        component: usize,
        title: String,
        head: bool,
        span: Span,
    ) -> usize {
        let id = self.id();
        let sensitivity = self.sensitivity();
        let c = &m.comps[component];
        self.d.posts.push(post::Model {
            id,
            mission_id: Some(m.id),
            organization_id: None,
            component_id: Some(c.id),
            title,
            is_component_head: head,
            geographic_area_id: None,
            valid_from: span.from,
            valid_to: span.to,
            archived_at: None,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        m.posts.push(PostRef {
            id,
            span,
            component,
        });
        if head {
            m.comps[component].head = Some(m.posts.len() - 1);
        }
        m.posts.len() - 1
    }

    fn hat(&mut self, post: Uuid, hat: Hat, span: Span) {
        let id = self.id();
        self.d.post_hats.push(post_hat::Model {
            id,
            post_id: post,
            hat,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    fn posts(&mut self, m: &mut MissionDraft, integrated: bool) {
        let h = m.horizon;
        let osrsg = m.comp(Key::Osrsg).unwrap_or(0);
        let since = Span::open(m.start);
        // Leadership first: every other post reports, directly or not, to an earlier one.
        m.srsg = self.post(
            m,
            osrsg,
            "Special Representative of the Secretary-General".into(),
            true,
            since,
        );
        let srsg = m.posts[m.srsg].id;
        self.hat(srsg, Hat::Srsg, since);
        self.hat(srsg, Hat::HeadOfMission, since);
        m.dsrsg_political = self.post(m, osrsg, "DSRSG (Political)".into(), false, since);
        self.hat(m.posts[m.dsrsg_political].id, Hat::DsrsgPolitical, since);
        if self.chance(0.5) {
            let p = self.post(m, osrsg, "DSRSG (Rule of Law)".into(), false, since);
            self.hat(m.posts[p].id, Hat::DsrsgRuleOfLaw, since);
            m.dsrsg_rule_of_law = Some(p);
        }
        if integrated {
            let p = self.post(m, osrsg, "DSRSG/RC/HC".into(), false, since);
            let id = m.posts[p].id;
            self.hat(id, Hat::Dsrsg, since);
            // Structural integration often came later than the mission: the hats have history.
            let from = if self.chance(0.4) {
                self.start_after(m.start, h, 1500)
            } else {
                m.start
            };
            self.hat(id, Hat::ResidentCoordinator, Span::open(from));
            self.hat(id, Hat::HumanitarianCoordinator, Span::open(from));
            m.dsrsg_rc_hc = Some(p);
        }
        m.cos = self.post(m, osrsg, "Chief of Staff".into(), false, since);
        self.hat(m.posts[m.cos].id, Hat::ChiefOfStaff, since);

        let comps = m.comps.len();
        for c in 0..comps {
            if c == osrsg {
                continue;
            }
            let key = m.keys.iter().find(|(_, &v)| v == c).map(|(k, _)| *k);
            let comp = &m.comps[c];
            let (title, hat) = match key {
                Some(Key::Force) => ("Force Commander".to_owned(), Hat::ForceCommander),
                Some(Key::Police) => ("Police Commissioner".to_owned(), Hat::PoliceCommissioner),
                Some(Key::Support) => (
                    "Director of Mission Support".to_owned(),
                    Hat::DirectorMissionSupport,
                ),
                Some(Key::HumanRights) => (
                    "Director of Human Rights".to_owned(),
                    Hat::OhchrRepresentative,
                ),
                _ if comp.level == StructureLevel::Regional && comp.specialty.is_none() => (
                    format!("Head of Office {}", comp.acronym),
                    Hat::HeadOfOffice,
                ),
                _ => (format!("Chief, {}", comp.acronym), Hat::HeadOfComponent),
            };
            let span = comp.span;
            let p = self.post(m, c, title, true, span);
            self.hat(m.posts[p].id, hat, span);
        }
        // Staff, spread over the components; a few posts were abolished over the years.
        let leadership_and_heads = m.posts.len();
        let target = (POSTS_PER_MISSION * m.scale).round() as usize;
        for n in 0..target.saturating_sub(leadership_and_heads) {
            let c = self.count(0, comps);
            let comp = &m.comps[c];
            let title = format!("{} {}", officer_title(comp.kind, comp.specialty), n + 1);
            let cspan = comp.span;
            let from = self.start_after(cspan.from, cspan.end_or(h), 900);
            let mut span = Span { from, to: cspan.to };
            if span.to.is_none() && self.chance(0.08) {
                if let Some(ended) = self.ended_span(span, h) {
                    span = Span {
                        from: span.from,
                        to: ended.to,
                    };
                }
            }
            self.post(m, c, title, false, span);
        }
    }

    fn people(&mut self, m: &mut MissionDraft) {
        let h = m.horizon;
        for p in 0..m.posts.len() {
            let (post, span) = (m.posts[p].id, m.posts[p].span);
            if span.to.is_none() {
                if self.chance(0.75) {
                    let from = if self.chance(0.4) {
                        let from = self.start_after(span.from, h, 2500);
                        if from > span.from && self.chance(0.8) {
                            self.assign(
                                post,
                                Span {
                                    from: span.from,
                                    to: Some(from),
                                },
                            );
                        }
                        from
                    } else {
                        span.from
                    };
                    self.assign(post, Span::open(from));
                }
            } else if self.chance(0.7) {
                self.assign(post, span);
            }
        }
    }

    fn assign(&mut self, post: Uuid, span: Span) {
        let person = self.id();
        let first = self.pick(FIRST_NAMES).unwrap_or("Alex");
        let last = self.pick(LAST_NAMES).unwrap_or("Doe");
        let n = self.d.persons.len();
        let sensitivity = match self.range(0, 10) {
            0 => Sensitivity::Public,
            1..=6 => Sensitivity::Internal,
            _ => Sensitivity::Confidential,
        };
        let phone = self.chance(0.5).then(|| format!("+000 {n:09}"));
        self.d.persons.push(person::Model {
            id: person,
            full_name: format!("{first} {last}"),
            email: Some(format!("{}.{}{n}@example.org", first, last).to_lowercase()),
            phone,
            organization_id: None,
            archived_at: None,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        let id = self.id();
        let acting = self.chance(0.05);
        let sensitivity = self.sensitivity();
        self.d.assignments.push(assignment::Model {
            id,
            person_id: person,
            post_id: post,
            acting,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    fn line(&mut self, from: LineFrom, to: LineTo, kind: ReportingLineKind, span: Span) {
        let id = self.id();
        let sensitivity = self.sensitivity();
        let (from_post_id, from_component_id) = match from {
            LineFrom::Post(id) => (Some(id), None),
            LineFrom::Component(id) => (None, Some(id)),
        };
        let (to_post_id, to_organization_id) = match to {
            LineTo::Post(id) => (Some(id), None),
            LineTo::Org(id) => (None, Some(id)),
        };
        self.d.reporting_lines.push(reporting_line::Model {
            id,
            from_post_id,
            from_component_id,
            to_post_id,
            to_organization_id,
            kind,
            note: None,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    /// The post `p` reports to today, and an earlier superior it reported to before.
    fn superiors(&self, m: &MissionDraft, p: usize) -> (usize, Option<usize>, ReportingLineKind) {
        let comp = &m.comps[m.posts[p].component];
        let command = matches!(comp.kind, ComponentKind::Military | ComponentKind::Police);
        let kind = if command {
            ReportingLineKind::Command
        } else {
            ReportingLineKind::Line
        };
        let deputy = m.dsrsg_rule_of_law.unwrap_or(m.dsrsg_political);
        let humanitarian = m.dsrsg_rc_hc.unwrap_or(m.dsrsg_political);
        let is_head = comp.head == Some(p);
        if !is_head {
            // Staff report to their chief; before, some reported to the chief one level up.
            let head = comp.head.unwrap_or(m.srsg);
            let skip = comp
                .parent
                .and_then(|c| m.comps[c].head)
                .filter(|&s| s != head);
            return (head, skip, kind);
        }
        match comp.parent {
            Some(parent) => {
                let up = m.comps[parent].head.unwrap_or(m.srsg);
                let skip = m.comps[parent]
                    .parent
                    .and_then(|c| m.comps[c].head)
                    .or(Some(m.cos))
                    .filter(|&s| s != up);
                (up, skip, kind)
            }
            None => {
                let key = m.keys.iter().find(|(_, &v)| v == m.posts[p].component);
                let current = match key.map(|(k, _)| *k) {
                    Some(
                        Key::HumanRights
                        | Key::ChildProtection
                        | Key::WomenProtection
                        | Key::Gender
                        | Key::RuleOfLaw,
                    ) => deputy,
                    Some(Key::HumanitarianLiaison | Key::Poc) => humanitarian,
                    Some(
                        Key::CivilAffairs
                        | Key::PoliticalAffairs
                        | Key::PublicInformation
                        | Key::Ddr
                        | Key::MineAction,
                    ) => m.dsrsg_political,
                    Some(Key::Joc | Key::Jmac) => m.cos,
                    _ => m.srsg,
                };
                let earlier = [m.dsrsg_political, m.srsg, m.cos]
                    .into_iter()
                    .find(|&s| s != current);
                (current, earlier, ReportingLineKind::Line)
            }
        }
    }

    fn reporting_lines(&mut self, world: &World, m: &mut MissionDraft) {
        let h = m.horizon;
        let srsg = m.posts[m.srsg].clone_ref();
        self.line(
            LineFrom::Post(srsg.id),
            LineTo::Org(m.lead_department),
            ReportingLineKind::Line,
            srsg.span,
        );
        for p in 0..m.posts.len() {
            if p == m.srsg {
                continue;
            }
            let span = m.posts[p].span;
            let from = LineFrom::Post(m.posts[p].id);
            let (current, earlier, kind) = if p < m.cos + 1 && m.posts[p].component == m.srsg_comp()
            {
                (m.srsg, None, ReportingLineKind::Line)
            } else {
                self.superiors(m, p)
            };
            // Reorganisations: one or two earlier superiors, each for a while.
            let changes = match (earlier, self.range(0, 100)) {
                (None, _) | (_, 0..=34) => 0,
                (_, 35..=79) => 1,
                _ => 2,
            };
            let mut cuts = Vec::new();
            let mut after = span.from;
            for _ in 0..changes {
                let end = span.end_or(h);
                if days_between(after, end) < 200 {
                    break;
                }
                let cut = self.day(plus(after, 90), plus(end, -60));
                cuts.push(cut);
                after = cut;
            }
            let mut start = span.from;
            for (k, &cut) in cuts.iter().enumerate() {
                let superior = if (cuts.len() - k) % 2 == 1 {
                    earlier.unwrap_or(current)
                } else {
                    current
                };
                let to = LineTo::Post(m.posts[superior].id);
                self.line(
                    from,
                    to,
                    kind,
                    Span {
                        from: start,
                        to: Some(cut),
                    },
                );
                start = cut;
            }
            self.line(
                from,
                LineTo::Post(m.posts[current].id),
                kind,
                Span {
                    from: start,
                    to: span.to,
                },
            );
        }
        // Functional lines: human rights to OHCHR, the humanitarian coordinator to the ERC,
        // field specialists to their HQ chief.
        if let Some(hr) = m.head(Key::HumanRights) {
            let span = m.posts[hr].span;
            self.line(
                LineFrom::Post(m.posts[hr].id),
                LineTo::Post(world.ohchr_high_commissioner),
                ReportingLineKind::Functional,
                span,
            );
        }
        if let Some(hc) = m.dsrsg_rc_hc {
            self.line(
                LineFrom::Post(m.posts[hc].id),
                LineTo::Post(world.erc),
                ReportingLineKind::Functional,
                m.posts[hc].span,
            );
        }
        for c in 0..m.comps.len() {
            let comp = &m.comps[c];
            if comp.parent.is_none() || comp.level == StructureLevel::Hq {
                continue;
            }
            let hq = match comp.specialty {
                Some(ComponentSpecialty::HumanRights) => m.head(Key::HumanRights),
                Some(ComponentSpecialty::ChildProtection) => m.head(Key::ChildProtection),
                Some(ComponentSpecialty::CivilAffairs) => m.head(Key::CivilAffairs),
                _ => None,
            };
            if let (Some(hq), Some(head)) = (hq, comp.head) {
                if let Some(span) = m.posts[head].span.and(&m.posts[hq].span) {
                    self.line(
                        LineFrom::Post(m.posts[head].id),
                        LineTo::Post(m.posts[hq].id),
                        ReportingLineKind::Functional,
                        span,
                    );
                }
            }
        }
        // Coordination between staff and the chiefs of other components.
        let heads: Vec<usize> = m.comps.iter().filter_map(|c| c.head).collect();
        for p in 0..m.posts.len() {
            if m.comps[m.posts[p].component].head == Some(p) || !self.chance(0.3) {
                continue;
            }
            let Some(other) = self.pick(&heads) else {
                continue;
            };
            if other >= p || m.posts[other].component == m.posts[p].component {
                continue;
            }
            if let Some(span) = m.posts[p].span.and(&m.posts[other].span) {
                self.line(
                    LineFrom::Post(m.posts[p].id),
                    LineTo::Post(m.posts[other].id),
                    ReportingLineKind::Coordination,
                    span,
                );
            }
        }
        // Joint structures and regional offices coordinate as a whole.
        for c in 0..m.comps.len() {
            let comp = &m.comps[c];
            let target = match comp.specialty {
                Some(ComponentSpecialty::JointOperations | ComponentSpecialty::JointAnalysis) => {
                    Some(m.cos)
                }
                None if comp.level == StructureLevel::Regional => Some(m.srsg),
                _ => None,
            };
            if let Some(t) = target {
                if let Some(span) = comp.span.and(&m.posts[t].span) {
                    self.line(
                        LineFrom::Component(comp.id),
                        LineTo::Post(m.posts[t].id),
                        ReportingLineKind::Coordination,
                        span,
                    );
                }
            }
        }
    }

    fn mandated_tasks(&mut self, m: &mut MissionDraft) {
        let tasks: &[(MandatedTaskCategory, Option<Key>, Option<i16>)] = &[
            (
                MandatedTaskCategory::ProtectionOfCivilians,
                Some(Key::Poc),
                Some(2),
            ),
            (
                MandatedTaskCategory::ProtectionOfCivilians,
                Some(Key::PoliticalAffairs),
                Some(1),
            ),
            (
                MandatedTaskCategory::ProtectionOfCivilians,
                Some(Key::CivilAffairs),
                Some(3),
            ),
            (
                MandatedTaskCategory::HumanRights,
                Some(Key::HumanRights),
                None,
            ),
            (
                MandatedTaskCategory::ChildrenAndArmedConflict,
                Some(Key::ChildProtection),
                None,
            ),
            (
                MandatedTaskCategory::ConflictRelatedSexualViolence,
                Some(Key::WomenProtection),
                None,
            ),
            (
                MandatedTaskCategory::HumanitarianConditions,
                Some(Key::HumanitarianLiaison),
                None,
            ),
            (MandatedTaskCategory::Ddr, Some(Key::Ddr), None),
            (
                MandatedTaskCategory::MineAction,
                Some(Key::MineAction),
                None,
            ),
            (MandatedTaskCategory::RuleOfLaw, Some(Key::RuleOfLaw), None),
            (MandatedTaskCategory::ElectoralSupport, None, None),
        ];
        for (n, &(category, key, tier)) in tasks.iter().enumerate() {
            if n > 2 && self.chance(0.3) {
                continue;
            }
            let lead = key.and_then(|k| m.comp(k));
            let base = lead.map_or(Span::open(m.start), |c| m.comps[c].span);
            let mut span = base;
            if self.chance(0.2) {
                if let Some(ended) = self.ended_span(base, m.horizon) {
                    span = ended;
                }
            }
            let id = self.id();
            let year = span.from.format("%Y");
            self.d.mandated_tasks.push(mandated_task::Model {
                id,
                mission_id: m.id,
                category,
                title: format!("{} ({})", enum_label(category), m.acronym),
                description: None,
                resolution: Some(format!("S/RES/{} ({year})", 1_500 + m.index)),
                poc_tier: tier,
                lead_component_id: lead.map(|c| m.comps[c].id),
                valid_from: span.from,
                valid_to: span.to,
                archived_at: None,
                sensitivity: Sensitivity::Public,
                created_at: self.stamp,
                updated_at: self.stamp,
                version: 1,
            });
        }
    }

    fn lead(
        &mut self,
        cluster: Option<Uuid>,
        aor: Option<Uuid>,
        party: LeadParty,
        role: LeadRole,
        span: Span,
    ) {
        let id = self.id();
        let (organization_id, component_id) = match party {
            LeadParty::Org(id) => (Some(id), None),
            LeadParty::Component(id) => (None, Some(id)),
        };
        self.d.lead_agencies.push(lead_agency::Model {
            id,
            cluster_id: cluster,
            area_of_responsibility_id: aor,
            organization_id,
            component_id,
            role,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    fn clusters(&mut self, world: &World, m: &mut MissionDraft) {
        let since = Span::open(plus(m.start, -self.range(0, 700)));
        for (sector, code, name) in [
            (ClusterSector::Protection, "PC", "Protection Cluster"),
            (ClusterSector::FoodSecurity, "FSC", "Food Security Cluster"),
            (ClusterSector::Health, "HC", "Health Cluster"),
        ] {
            let id = self.id();
            self.d.clusters.push(cluster::Model {
                id,
                code: format!("{code}-{}", m.acronym),
                name: format!("{name} {}", m.country),
                scope: ClusterScope::Field,
                sector,
                is_cluster_like: false,
                parent_id: world.global_clusters.get(&sector).copied(),
                country_code: Some(m.country.clone()),
                valid_from: since.from,
                valid_to: None,
                archived_at: None,
                sensitivity: Sensitivity::Public,
                created_at: self.stamp,
                updated_at: self.stamp,
                version: 1,
            });
            let lead = match sector {
                ClusterSector::Protection => "UNHCR",
                ClusterSector::FoodSecurity => "WFP",
                _ => "WHO",
            };
            if sector == ClusterSector::Protection {
                m.protection_cluster = id;
                // Who leads changed in some countries: OHCHR first, UNHCR since.
                let mut current = since;
                if self.chance(0.15) {
                    if let Some(ended) = self.ended_span(since, ANCHOR) {
                        let first = Span {
                            from: since.from,
                            to: ended.to,
                        };
                        self.lead(
                            Some(id),
                            None,
                            LeadParty::Org(world.org("OHCHR")),
                            LeadRole::Lead,
                            first,
                        );
                        current = Span::open(ended.to.unwrap_or(since.from));
                    }
                }
                self.lead(
                    Some(id),
                    None,
                    LeadParty::Org(world.org(lead)),
                    LeadRole::Lead,
                    current,
                );
                let co = if self.chance(0.3) {
                    m.comp(Key::HumanRights)
                        .map(|c| (LeadParty::Component(m.comps[c].id), m.comps[c].span))
                } else {
                    None
                };
                let (party, span) = co.unwrap_or((LeadParty::Org(world.org("NRC")), since));
                self.lead(Some(id), None, party, LeadRole::CoLead, span);
            } else {
                self.lead(
                    Some(id),
                    None,
                    LeadParty::Org(world.org(lead)),
                    LeadRole::Lead,
                    since,
                );
            }
        }
        for (theme, name, counterpart, lead) in [
            (
                AorTheme::ChildProtection,
                "Child Protection AoR",
                Key::ChildProtection,
                "UNICEF",
            ),
            (
                AorTheme::GenderBasedViolence,
                "GBV AoR",
                Key::WomenProtection,
                "UNFPA",
            ),
            (
                AorTheme::MineAction,
                "Mine Action AoR",
                Key::MineAction,
                "UNMAS",
            ),
            (
                AorTheme::HousingLandProperty,
                "HLP AoR",
                Key::CivilAffairs,
                "NRC",
            ),
        ] {
            let id = self.id();
            let from = self.start_after(since.from, ANCHOR, 800);
            self.d
                .areas_of_responsibility
                .push(area_of_responsibility::Model {
                    id,
                    cluster_id: m.protection_cluster,
                    name: format!("{name} {}", m.country),
                    theme,
                    counterpart_component_id: m.comp(counterpart).map(|c| m.comps[c].id),
                    valid_from: from,
                    valid_to: None,
                    archived_at: None,
                    sensitivity: Sensitivity::Public,
                    created_at: self.stamp,
                    updated_at: self.stamp,
                    version: 1,
                });
            self.lead(
                None,
                Some(id),
                LeadParty::Org(world.org(lead)),
                LeadRole::Lead,
                Span::open(from),
            );
            m.aors.push((id, theme));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn forum(
        &mut self,
        m: &MissionDraft,
        name: String,
        acronym: Option<String>,
        kind: ForumKind,
        level: ForumLevel,
        links: (Option<Uuid>, Option<Uuid>, Option<Uuid>),
        established_by: Option<Uuid>,
        open: bool,
        span: Span,
    ) -> ForumRef {
        let id = self.id();
        let (cluster_id, area_of_responsibility_id, geographic_area_id) = links;
        let sensitivity = match self.range(0, 100) {
            0..=79 => Sensitivity::Public,
            80..=93 => Sensitivity::Internal,
            _ => Sensitivity::Confidential,
        };
        let standing = span.to.is_none() || !matches!(kind, ForumKind::JointProtectionTeam);
        let frequency = ["weekly", "fortnightly", "monthly", "as needed"][self.count(0, 4)];
        self.d.forums.push(forum::Model {
            id,
            name,
            acronym,
            kind,
            level,
            mission_id: Some(m.id),
            cluster_id,
            area_of_responsibility_id,
            geographic_area_id,
            established_by_post_id: established_by,
            established_by_organization_id: None,
            open_to_external: open,
            standing,
            meeting_frequency: Some(frequency.into()),
            purpose: None,
            valid_from: span.from,
            valid_to: span.to,
            archived_at: None,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        ForumRef { id, span }
    }

    fn link(&mut self, from: &ForumRef, to: &ForumRef, kind: ForumLinkKind) {
        let Some(span) = from.span.and(&to.span) else {
            return;
        };
        let id = self.id();
        self.d.forum_links.push(forum_link::Model {
            id,
            forum_id: from.id,
            target_forum_id: to.id,
            kind,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity: Sensitivity::Public,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    fn membership(
        &mut self,
        forum: Uuid,
        seat: (Option<Uuid>, Option<Uuid>, Option<Uuid>),
        capacity: Capacity,
        span: Span,
    ) {
        let id = self.id();
        let sensitivity = self.sensitivity();
        self.d.forum_memberships.push(forum_membership::Model {
            id,
            forum_id: forum,
            member_organization_id: seat.0,
            member_component_id: seat.1,
            member_post_id: seat.2,
            capacity,
            note: None,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
    }

    /// One seat in a forum: a single period, or a history (left, rejoined, changed capacity).
    fn seat(&mut self, m: &MissionDraft, forum: &ForumRef, seat: Seat, capacity: Capacity) {
        let (member, member_span) = match seat {
            Seat::Org(id) => ((Some(id), None, None), Span::open(m.start)),
            Seat::Component(c) => ((None, Some(m.comps[c].id), None), m.comps[c].span),
            Seat::Post(p) => ((None, None, Some(m.posts[p].id)), m.posts[p].span),
        };
        let Some(base) = forum.span.and(&member_span) else {
            return;
        };
        let h = m.horizon;
        let end = base.end_or(h);
        if end <= base.from {
            return;
        }
        let lead = matches!(capacity, Capacity::Chair | Capacity::CoChair);
        let start = if lead || days_between(base.from, end) < 240 {
            base.from
        } else {
            self.start_after(base.from, end, 700)
        };
        let room = days_between(start, end);
        let story = if room < 400 { 0 } else { self.range(0, 100) };
        match story {
            // Sat for a while and left.
            60..=74 => {
                let left = self.day(plus(start, 90), plus(end, -30));
                self.membership(
                    forum.id,
                    member,
                    capacity,
                    Span {
                        from: start,
                        to: Some(left),
                    },
                );
            }
            // Changed capacity: observer before becoming a member, or the other way round.
            75..=89 => {
                let cut = self.day(plus(start, 90), plus(end, -60));
                let before = match capacity {
                    Capacity::Member => Capacity::Observer,
                    Capacity::Observer => Capacity::Member,
                    Capacity::Chair | Capacity::CoChair => Capacity::Member,
                    _ => Capacity::Liaison,
                };
                self.membership(
                    forum.id,
                    member,
                    before,
                    Span {
                        from: start,
                        to: Some(cut),
                    },
                );
                self.membership(
                    forum.id,
                    member,
                    capacity,
                    Span {
                        from: cut,
                        to: base.to,
                    },
                );
            }
            // Left, then came back.
            90..=99 => {
                let left = self.day(plus(start, 60), plus(end, -200));
                let back = self.day(plus(left, 30), plus(end, -60));
                self.membership(
                    forum.id,
                    member,
                    capacity,
                    Span {
                        from: start,
                        to: Some(left),
                    },
                );
                self.membership(
                    forum.id,
                    member,
                    capacity,
                    Span {
                        from: back,
                        to: base.to,
                    },
                );
            }
            _ => self.membership(
                forum.id,
                member,
                capacity,
                Span {
                    from: start,
                    to: base.to,
                },
            ),
        }
    }

    /// `n` distinct seats drawn from `pool`, each in `capacity`.
    fn seats(
        &mut self,
        m: &MissionDraft,
        forum: &ForumRef,
        pool: &[Seat],
        taken: &mut Vec<Seat>,
        n: usize,
        capacity: Capacity,
    ) {
        let n = ((n as f64) * 1.25 * m.scale.sqrt()).round() as usize;
        let mut tries = 0;
        let mut placed = 0;
        while placed < n && tries < n * 4 {
            tries += 1;
            let Some(seat) = self.pick(pool) else { return };
            if taken.contains(&seat) {
                continue;
            }
            taken.push(seat);
            self.seat(m, forum, seat, capacity);
            placed += 1;
        }
    }

    fn forums(&mut self, world: &World, m: &MissionDraft) -> MissionForums {
        let h = m.horizon;
        let org = |code: &str| Seat::Org(world.org(code));
        let open_posts: Vec<Seat> = (0..m.posts.len())
            .filter(|&p| m.posts[p].span.to.is_none())
            .map(Seat::Post)
            .collect();
        let open_comps: Vec<Seat> = (0..m.comps.len())
            .filter(|&c| m.comps[c].span.to.is_none())
            .map(Seat::Component)
            .collect();
        let agencies: Vec<Seat> = HUMANITARIAN_AGENCIES.iter().map(|c| org(c)).collect();
        let mut humanitarian: Vec<Seat> = agencies.clone();
        humanitarian.extend(m.ingos.iter().map(|&id| Seat::Org(id)));
        humanitarian.extend(m.national_orgs.iter().map(|&id| Seat::Org(id)));
        let comp_seat = |m: &MissionDraft, key: Key| m.comp(key).map(Seat::Component);
        let head_seat = |m: &MissionDraft, key: Key| m.head(key).map(Seat::Post);
        let srsg_post = m.posts[m.srsg].id;
        let hq_from = |g: &mut Gen| g.start_after(m.start, h, 500);
        let acr = m.acronym.clone();
        let country_area = m.country_area;

        // Senior Management Group on POC, chaired by the SRSG, observed by UNHCR and OCHA.
        let span = Span::open(hq_from(self));
        let smg = self.forum(
            m,
            format!("Senior Management Group on POC {acr}"),
            Some("SMG-P".into()),
            ForumKind::SeniorManagementGroup,
            ForumLevel::MissionHq,
            (None, None, Some(country_area)),
            Some(srsg_post),
            false,
            span,
        );
        let mut taken = vec![Seat::Post(m.srsg)];
        self.seat(m, &smg, Seat::Post(m.srsg), Capacity::Chair);
        for leader in [
            Some(m.dsrsg_political),
            m.dsrsg_rule_of_law,
            m.dsrsg_rc_hc,
            Some(m.cos),
        ]
        .into_iter()
        .flatten()
        {
            taken.push(Seat::Post(leader));
            self.seat(m, &smg, Seat::Post(leader), Capacity::Member);
        }
        let chiefs: Vec<Seat> = HQ.iter().filter_map(|(k, ..)| head_seat(m, *k)).collect();
        self.seats(m, &smg, &chiefs, &mut taken, 8, Capacity::Member);
        for code in ["UNHCR", "OCHA"] {
            self.seat(m, &smg, org(code), Capacity::Observer);
        }

        // POC working group at HQ.
        let span = Span::open(self.start_after(smg.span.from, h, 300));
        let poc = self.forum(
            m,
            format!("POC Working Group {acr}"),
            Some("POC-WG".into()),
            ForumKind::PocWorkingGroup,
            ForumLevel::MissionHq,
            (None, None, Some(country_area)),
            Some(srsg_post),
            false,
            span,
        );
        self.link(&poc, &smg, ForumLinkKind::ReportsTo);
        let mut taken = Vec::new();
        let chair = head_seat(m, Key::Poc).unwrap_or(Seat::Post(m.dsrsg_political));
        taken.push(chair);
        self.seat(m, &poc, chair, Capacity::Chair);
        if let Some(sec) = comp_seat(m, Key::Poc) {
            taken.push(sec);
            self.seat(m, &poc, sec, Capacity::Secretariat);
        }
        self.seats(m, &poc, &open_comps, &mut taken, 12, Capacity::Member);
        self.seats(m, &poc, &open_posts, &mut taken, 8, Capacity::Member);
        for code in ["UNHCR", "OCHA", "ICRC"] {
            self.seat(m, &poc, org(code), Capacity::Observer);
        }

        // Early warning cell: recommends to the SMG; public information present, not a member.
        let span = Span::open(self.start_after(smg.span.from, h, 600));
        let ewc = self.forum(
            m,
            format!("Early Warning and Rapid Response Cell {acr}"),
            Some("EWRRC".into()),
            ForumKind::EarlyWarningCell,
            ForumLevel::MissionHq,
            (None, None, Some(country_area)),
            Some(srsg_post),
            false,
            span,
        );
        self.link(&ewc, &smg, ForumLinkKind::ReportsTo);
        let mut taken = Vec::new();
        if let Some(chair) = head_seat(m, Key::Jmac) {
            taken.push(chair);
            self.seat(m, &ewc, chair, Capacity::Chair);
        }
        if let Some(pio) = comp_seat(m, Key::PublicInformation) {
            taken.push(pio);
            self.seat(m, &ewc, pio, Capacity::PresentWithoutMembership);
        }
        self.seats(m, &ewc, &open_comps, &mut taken, 10, Capacity::Member);

        // Humanitarian Country Team and UN Country Team.
        let span = Span::open(hq_from(self));
        let hct = self.forum(
            m,
            format!("Humanitarian Country Team {}", m.country),
            Some("HCT".into()),
            ForumKind::HumanitarianCountryTeam,
            ForumLevel::MissionHq,
            (None, None, Some(country_area)),
            None,
            true,
            span,
        );
        let mut taken = Vec::new();
        let hc = m.dsrsg_rc_hc.map(Seat::Post).unwrap_or(org("OCHA"));
        taken.push(hc);
        self.seat(m, &hct, hc, Capacity::Chair);
        self.seats(m, &hct, &humanitarian, &mut taken, 24, Capacity::Member);
        let span = Span::open(hq_from(self));
        let unct = self.forum(
            m,
            format!("UN Country Team {}", m.country),
            Some("UNCT".into()),
            ForumKind::UnCountryTeam,
            ForumLevel::MissionHq,
            (None, None, Some(country_area)),
            None,
            false,
            span,
        );
        let mut taken = Vec::new();
        let rc = m.dsrsg_rc_hc.map(Seat::Post).unwrap_or(org("UNDP"));
        taken.push(rc);
        self.seat(m, &unct, rc, Capacity::Chair);
        self.seats(m, &unct, &agencies, &mut taken, 12, Capacity::Member);

        // The Protection Cluster and its AoRs.
        let span = Span::open(hq_from(self));
        let pc = self.forum(
            m,
            format!("Protection Cluster {}", m.country),
            Some("PC".into()),
            ForumKind::ProtectionCluster,
            ForumLevel::MissionHq,
            (Some(m.protection_cluster), None, Some(country_area)),
            None,
            true,
            span,
        );
        let mut taken = vec![org("UNHCR"), org("NRC")];
        self.seat(m, &pc, org("UNHCR"), Capacity::Chair);
        self.seat(m, &pc, org("NRC"), Capacity::CoChair);
        if let Some(hr) = comp_seat(m, Key::HumanRights) {
            taken.push(hr);
            self.seat(m, &pc, hr, Capacity::Member);
        }
        self.seats(m, &pc, &humanitarian, &mut taken, 30, Capacity::Member);
        let aors = m.aors.clone();
        for (aor, theme) in aors {
            let lead = match theme {
                AorTheme::ChildProtection => "UNICEF",
                AorTheme::GenderBasedViolence => "UNFPA",
                AorTheme::MineAction => "UNMAS",
                _ => "NRC",
            };
            let span = Span::open(self.start_after(pc.span.from, h, 600));
            let f = self.forum(
                m,
                format!("{} AoR coordination {}", enum_label(theme), m.country),
                None,
                ForumKind::AorCoordination,
                ForumLevel::MissionHq,
                (Some(m.protection_cluster), Some(aor), Some(country_area)),
                None,
                true,
                span,
            );
            self.link(&f, &pc, ForumLinkKind::SubgroupOf);
            let mut taken = vec![org(lead)];
            self.seat(m, &f, org(lead), Capacity::Chair);
            self.seats(m, &f, &humanitarian, &mut taken, 14, Capacity::Member);
        }

        // Crisis cell, senior planning group and civil-military coordination.
        for (name, acronym, kind, chair, pool, n) in [
            (
                "Crisis Management Cell",
                "CMC",
                ForumKind::CrisisCell,
                Seat::Post(m.cos),
                &open_comps,
                8,
            ),
            (
                "Senior Planning Group",
                "SPG",
                ForumKind::SeniorPlanningGroup,
                Seat::Post(m.cos),
                &chiefs,
                8,
            ),
            (
                "Civil-Military Coordination",
                "CMCOORD",
                ForumKind::CivilMilitaryCoordination,
                org("OCHA"),
                &humanitarian,
                14,
            ),
        ] {
            let span = Span::open(hq_from(self));
            let f = self.forum(
                m,
                format!("{name} {acr}"),
                Some(acronym.into()),
                kind,
                ForumLevel::MissionHq,
                (None, None, Some(country_area)),
                None,
                kind == ForumKind::CivilMilitaryCoordination,
                span,
            );
            let mut taken = vec![chair];
            self.seat(m, &f, chair, Capacity::Chair);
            self.seats(m, &f, pool, &mut taken, n, Capacity::Member);
            if kind == ForumKind::CivilMilitaryCoordination {
                if let Some(force) = comp_seat(m, Key::Force) {
                    self.seat(m, &f, force, Capacity::Member);
                }
            }
        }

        // Regional POC working groups and protection working groups, local working groups and
        // joint protection teams, the temporary ones of which carry most of the history.
        let mut regional_offices = Vec::new();
        for (s, comp) in m.comps.iter().enumerate() {
            if comp.level == StructureLevel::Regional && comp.specialty.is_none() {
                regional_offices.push(s);
            }
        }
        let mut heads_of_office = Vec::new();
        for office in regional_offices {
            let Some(state) = m.comps[office].state else {
                continue;
            };
            let (state_area, state_name) = m.states[state].clone();
            let local_posts: Vec<Seat> = (0..m.posts.len())
                .filter(|&p| {
                    m.posts[p].span.to.is_none()
                        && m.comps[m.posts[p].component].state == Some(state)
                })
                .map(Seat::Post)
                .collect();
            let local_comps: Vec<Seat> = (0..m.comps.len())
                .filter(|&c| m.comps[c].span.to.is_none() && m.comps[c].state == Some(state))
                .map(Seat::Component)
                .collect();
            let mut local_orgs: Vec<Seat> =
                m.national_orgs.iter().map(|&id| Seat::Org(id)).collect();
            local_orgs.extend(m.ingos.iter().take(6).map(|&id| Seat::Org(id)));
            let head = m.comps[office].head;
            heads_of_office.push((head, state));
            let span =
                Span::open(self.start_after(m.comps[office].span.from.max(poc.span.from), h, 400));
            let rpoc = self.forum(
                m,
                format!("POC Working Group {state_name}"),
                None,
                ForumKind::PocWorkingGroup,
                ForumLevel::Regional,
                (None, None, Some(state_area)),
                head.map(|p| m.posts[p].id),
                false,
                span,
            );
            self.link(&rpoc, &poc, ForumLinkKind::ReportsTo);
            let mut taken = Vec::new();
            if let Some(head) = head {
                taken.push(Seat::Post(head));
                self.seat(m, &rpoc, Seat::Post(head), Capacity::Chair);
            }
            self.seats(m, &rpoc, &local_comps, &mut taken, 8, Capacity::Member);
            self.seats(m, &rpoc, &local_posts, &mut taken, 6, Capacity::Member);
            self.seat(m, &rpoc, org("UNHCR"), Capacity::Observer);
            self.seat(m, &rpoc, org("OCHA"), Capacity::Observer);

            let span = Span::open(self.start_after(pc.span.from, h, 700));
            let pwg = self.forum(
                m,
                format!("Protection Working Group {state_name}"),
                None,
                ForumKind::ProtectionWorkingGroup,
                ForumLevel::Regional,
                (Some(m.protection_cluster), None, Some(state_area)),
                None,
                true,
                span,
            );
            self.link(&pwg, &pc, ForumLinkKind::SubgroupOf);
            let mut taken = vec![org("UNHCR")];
            self.seat(m, &pwg, org("UNHCR"), Capacity::Chair);
            self.seats(m, &pwg, &local_orgs, &mut taken, 10, Capacity::Member);
            self.seats(m, &pwg, &humanitarian, &mut taken, 8, Capacity::Member);
            self.seats(m, &pwg, &local_comps, &mut taken, 2, Capacity::Observer);

            let sectors: Vec<(Uuid, String)> = m
                .sectors
                .iter()
                .filter(|x| x.2 == state)
                .map(|x| (x.0, x.1.clone()))
                .collect();
            for (sector_area, sector_name) in sectors {
                let span = Span::open(self.start_after(rpoc.span.from, h, 700));
                let local = self.forum(
                    m,
                    format!("Local POC Working Group {sector_name}"),
                    None,
                    ForumKind::PocWorkingGroup,
                    ForumLevel::Local,
                    (None, None, Some(sector_area)),
                    head.map(|p| m.posts[p].id),
                    true,
                    span,
                );
                self.link(&local, &rpoc, ForumLinkKind::ReportsTo);
                let mut taken = Vec::new();
                self.seats(m, &local, &local_posts, &mut taken, 6, Capacity::Member);
                self.seats(m, &local, &local_orgs, &mut taken, 6, Capacity::Member);
                self.seats(m, &local, &local_comps, &mut taken, 2, Capacity::Member);
                // Joint protection teams deployed for a few weeks or months, year after year.
                let teams = (m.scale * 1.6).round() as usize;
                for t in 0..teams {
                    let Some(period) = self.ended_span(local.span, h) else {
                        continue;
                    };
                    let year = period.from.format("%Y");
                    let jpt = self.forum(
                        m,
                        format!("Joint Protection Team {sector_name} {year}-{}", t + 1),
                        Some("JPT".into()),
                        ForumKind::JointProtectionTeam,
                        ForumLevel::Local,
                        (None, None, Some(sector_area)),
                        None,
                        false,
                        period,
                    );
                    self.link(&jpt, &local, ForumLinkKind::ReportsTo);
                    let mut taken = Vec::new();
                    self.seats(m, &jpt, &local_posts, &mut taken, 5, Capacity::Member);
                    self.seats(m, &jpt, &local_comps, &mut taken, 2, Capacity::Member);
                    self.seats(m, &jpt, &local_orgs, &mut taken, 2, Capacity::Observer);
                }
            }
        }
        MissionForums {
            smg: smg.id,
            poc: poc.id,
            ewc: ewc.id,
            hct: hct.id,
            unct: unct.id,
            heads_of_office,
            span_smg: smg.span,
            span_ewc: ewc.span,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn right(
        &mut self,
        area: Uuid,
        mission: Option<Uuid>,
        holder: Holder,
        kind: RightKind,
        scope: Option<String>,
        delegated_from: Option<Uuid>,
        non_delegable: bool,
        span: Span,
    ) -> Uuid {
        let id = self.id();
        let (post, component, organization, forum) = match holder {
            Holder::Post(id) => (Some(id), None, None, None),
            Holder::Component(id) => (None, Some(id), None, None),
            Holder::Org(id) => (None, None, Some(id), None),
            Holder::Forum(id) => (None, None, None, Some(id)),
        };
        let sensitivity = match self.range(0, 10) {
            0..=6 => Sensitivity::Public,
            7..=8 => Sensitivity::Internal,
            _ => Sensitivity::Confidential,
        };
        self.d.decision_rights.push(decision_right::Model {
            id,
            decision_area_id: area,
            mission_id: mission,
            holder_post_id: post,
            holder_component_id: component,
            holder_organization_id: organization,
            holder_forum_id: forum,
            kind,
            scope,
            delegated_from_id: delegated_from,
            non_delegable,
            joint_decision: None,
            note: None,
            valid_from: span.from,
            valid_to: span.to,
            sensitivity,
            created_at: self.stamp,
            updated_at: self.stamp,
            version: 1,
        });
        id
    }

    /// A root right, sometimes preceded by the same right held by someone else; returns the
    /// current right and its period.
    #[allow(clippy::too_many_arguments)]
    fn root_right(
        &mut self,
        m: &MissionDraft,
        area: Uuid,
        holder: Holder,
        previous: Option<Holder>,
        kind: RightKind,
        scope: Option<String>,
        non_delegable: bool,
        span: Span,
    ) -> (Uuid, Span) {
        let mut current = span;
        if let Some(previous) = previous {
            if self.chance(0.25) {
                let end = span.end_or(m.horizon);
                if days_between(span.from, end) > 400 {
                    let cut = self.day(plus(span.from, 180), plus(end, -120));
                    self.right(
                        area,
                        Some(m.id),
                        previous,
                        kind,
                        scope.clone(),
                        None,
                        non_delegable,
                        Span {
                            from: span.from,
                            to: Some(cut),
                        },
                    );
                    current = Span {
                        from: cut,
                        to: span.to,
                    };
                }
            }
        }
        let id = self.right(
            area,
            Some(m.id),
            holder,
            kind,
            scope,
            None,
            non_delegable,
            current,
        );
        (id, current)
    }

    /// A delegation of `parent` (held over `parent_span`) that starts a little later.
    #[allow(clippy::too_many_arguments)]
    fn delegate(
        &mut self,
        m: &MissionDraft,
        area: Uuid,
        parent: (Uuid, Span),
        holder: Holder,
        holder_span: Span,
        kind: RightKind,
        scope: Option<String>,
    ) -> Option<(Uuid, Span)> {
        let within = parent.1.and(&holder_span)?;
        let from = self.start_after(within.from, within.end_or(m.horizon), 365);
        let span = Span {
            from,
            to: within.to,
        };
        if span.to.is_some_and(|to| to <= from) {
            return None;
        }
        let id = self.right(
            area,
            Some(m.id),
            holder,
            kind,
            scope,
            Some(parent.0),
            false,
            span,
        );
        Some((id, span))
    }

    fn rights(&mut self, world: &World, m: &MissionDraft, f: &MissionForums) {
        let area = |code: &str| world.areas.get(code).copied().unwrap_or_default();
        let post = |p: usize| Holder::Post(m.posts[p].id);
        let since = Span::open(m.start);

        // Use of force: the Force Commander decides, delegates to sector commanders and on to
        // battalions; the Police Commissioner decides for police units.
        if let Some(fc) = m.head(Key::Force) {
            let a = area("USE_OF_FORCE");
            let root = self.root_right(
                m,
                a,
                post(fc),
                None,
                RightKind::Decides,
                None,
                false,
                m.posts[fc].span,
            );
            let force = m.comp(Key::Force);
            for c in 0..m.comps.len() {
                if m.comps[c].parent != force || m.comps[c].span.to.is_some() {
                    continue;
                }
                let Some(head) = m.comps[c].head else {
                    continue;
                };
                let scope = Some(format!("sector {}", m.comps[c].acronym));
                let Some(sector) = self.delegate(
                    m,
                    a,
                    root,
                    post(head),
                    m.posts[head].span,
                    RightKind::Decides,
                    scope,
                ) else {
                    continue;
                };
                for b in 0..m.comps.len() {
                    if m.comps[b].parent != Some(c)
                        || m.comps[b].span.to.is_some()
                        || !self.chance(0.25)
                    {
                        continue;
                    }
                    let Some(bh) = m.comps[b].head else { continue };
                    let scope = Some(format!("battalion {}", m.comps[b].acronym));
                    self.delegate(
                        m,
                        a,
                        sector,
                        post(bh),
                        m.posts[bh].span,
                        RightKind::Executes,
                        scope,
                    );
                }
            }
            if let Some(pc) = m.head(Key::Police) {
                self.root_right(
                    m,
                    a,
                    post(pc),
                    None,
                    RightKind::Decides,
                    Some("police units".into()),
                    false,
                    m.posts[pc].span,
                );
            }
            self.right(
                a,
                Some(m.id),
                post(m.dsrsg_political),
                RightKind::Consulted,
                None,
                None,
                false,
                since,
            );
            self.right(
                a,
                Some(m.id),
                Holder::Forum(f.smg),
                RightKind::Informed,
                None,
                None,
                false,
                f.span_smg,
            );

            let assets = area("MILITARY_ASSETS");
            let root = self.root_right(
                m,
                assets,
                post(fc),
                Some(post(m.cos)),
                RightKind::Decides,
                None,
                false,
                m.posts[fc].span,
            );
            if let Some(dms) = m.head(Key::Support) {
                self.delegate(
                    m,
                    assets,
                    root,
                    post(dms),
                    m.posts[dms].span,
                    RightKind::Approves,
                    Some("aviation".into()),
                );
            }
            self.right(
                assets,
                Some(m.id),
                Holder::Org(world.org("OCHA")),
                RightKind::Consulted,
                None,
                None,
                false,
                since,
            );
        }

        // POC strategy: the Head of Mission decides and may not delegate; the working group
        // recommends, the UNCT endorses, the Protection Cluster is consulted, the HCT informed.
        let a = area("POC_STRATEGY");
        self.root_right(
            m,
            a,
            post(m.srsg),
            Some(post(m.dsrsg_political)),
            RightKind::Decides,
            None,
            true,
            since,
        );
        let fspan = |g: &Gen, id: Uuid| {
            g.d.forums
                .iter()
                .rev()
                .find(|x| x.id == id)
                .map(|x| Span {
                    from: x.valid_from,
                    to: x.valid_to,
                })
                .unwrap_or(since)
        };
        if let Some(unit) = m.comp(Key::Poc) {
            let span = m.comps[unit].span;
            self.right(
                a,
                Some(m.id),
                Holder::Component(m.comps[unit].id),
                RightKind::Consulted,
                Some("drafting".into()),
                None,
                false,
                span,
            );
        }
        let poc_span = fspan(self, f.poc);
        self.right(
            a,
            Some(m.id),
            Holder::Forum(f.poc),
            RightKind::Recommends,
            None,
            None,
            false,
            poc_span,
        );
        let unct_span = fspan(self, f.unct);
        self.right(
            a,
            Some(m.id),
            Holder::Forum(f.unct),
            RightKind::Endorses,
            None,
            None,
            false,
            unct_span,
        );
        self.right(
            a,
            Some(m.id),
            Holder::Org(world.org("UNHCR")),
            RightKind::Consulted,
            Some("protection cluster".into()),
            None,
            false,
            since,
        );
        let hct_span = fspan(self, f.hct);
        self.right(
            a,
            Some(m.id),
            Holder::Forum(f.hct),
            RightKind::Informed,
            None,
            None,
            false,
            hct_span,
        );

        // Early warning: the cell recommends, the SMG decides and delegates to heads of office.
        let a = area("EARLY_WARNING_RESPONSE");
        self.right(
            a,
            Some(m.id),
            Holder::Forum(f.ewc),
            RightKind::Recommends,
            None,
            None,
            false,
            f.span_ewc,
        );
        let root = self.root_right(
            m,
            a,
            Holder::Forum(f.smg),
            None,
            RightKind::Decides,
            None,
            false,
            f.span_smg,
        );
        for &(head, state) in &f.heads_of_office {
            let Some(head) = head.filter(|_| self.chance(0.5)) else {
                continue;
            };
            let scope = Some(format!("state {}", state + 1));
            self.delegate(
                m,
                a,
                root,
                post(head),
                m.posts[head].span,
                RightKind::Decides,
                scope,
            );
        }

        // Information sharing and aviation.
        if let Some(hr) = m.head(Key::HumanRights) {
            let a = area("INFORMATION_SHARING");
            self.root_right(
                m,
                a,
                post(hr),
                None,
                RightKind::Approves,
                None,
                false,
                m.posts[hr].span,
            );
            self.right(
                a,
                Some(m.id),
                Holder::Org(world.org("UNHCR")),
                RightKind::Consulted,
                None,
                None,
                false,
                since,
            );
        }
        if let Some(dms) = m.head(Key::Support) {
            let a = area("AVIATION_PRIORITY");
            self.root_right(
                m,
                a,
                post(dms),
                Some(post(m.cos)),
                RightKind::Decides,
                None,
                false,
                m.posts[dms].span,
            );
        }
    }
}

struct MissionForums {
    smg: Uuid,
    poc: Uuid,
    ewc: Uuid,
    hct: Uuid,
    unct: Uuid,
    heads_of_office: Vec<(Option<usize>, usize)>,
    span_smg: Span,
    span_ewc: Span,
}

#[derive(Clone, Copy)]
enum LineFrom {
    Post(Uuid),
    Component(Uuid),
}

#[derive(Clone, Copy)]
enum LineTo {
    Post(Uuid),
    Org(Uuid),
}

impl PostRef {
    fn clone_ref(&self) -> PostRef {
        PostRef {
            id: self.id,
            span: self.span,
            component: self.component,
        }
    }
}

impl MissionDraft {
    fn srsg_comp(&self) -> usize {
        self.posts[self.srsg].component
    }
}

fn officer_title(kind: ComponentKind, specialty: Option<ComponentSpecialty>) -> &'static str {
    match (kind, specialty) {
        (ComponentKind::Military, _) => "Military Staff Officer",
        (ComponentKind::Police, _) => "Police Adviser",
        (ComponentKind::Support, _) => "Support Officer",
        (_, Some(ComponentSpecialty::HumanRights)) => "Human Rights Officer",
        (_, Some(ComponentSpecialty::ChildProtection)) => "Child Protection Adviser",
        (_, Some(ComponentSpecialty::WomenProtection)) => "Women Protection Adviser",
        (_, Some(ComponentSpecialty::CivilAffairs)) => "Civil Affairs Officer",
        (_, Some(ComponentSpecialty::PoliticalAffairs)) => "Political Affairs Officer",
        (_, Some(ComponentSpecialty::ProtectionOfCivilians)) => "Protection of Civilians Officer",
        (_, Some(ComponentSpecialty::HumanitarianLiaison)) => "Humanitarian Affairs Officer",
        (_, Some(ComponentSpecialty::JointAnalysis)) => "Information Analyst",
        (_, Some(ComponentSpecialty::JointOperations)) => "Operations Officer",
        _ => "Officer",
    }
}

/// `PROTECTION_OF_CIVILIANS` → `Protection of civilians`.
fn enum_label<E: sea_orm::ActiveEnum<Value = String>>(value: E) -> String {
    let upper = value.to_value();
    let mut out = String::with_capacity(upper.len());
    for (i, word) in upper.split('_').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i == 0 {
            let mut chars = lower.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
            }
            out.push_str(chars.as_str());
        } else {
            out.push_str(&lower);
        }
    }
    out
}
