//! The shapes the demo dataset is written in: plain data with string keys, resolved to ids by
//! the loader. Each record carries the seed paragraphs it comes from.

use entity::enums::{
    AorTheme, Capacity, ClusterScope, ClusterSector, ComponentKind, ComponentSpecialty,
    DocumentCoverage, DocumentKind, ForumKind, ForumLevel, ForumLinkKind, GeographicLevel, Hat,
    LeadRole, MandatedTaskCategory, MissionKind, OrganizationKind, ReportingLineKind, RightKind,
    Sensitivity, StructureLevel,
};

use crate::domain::mandates::Attributes;

/// The seed files in `../shared/seeds/`, cited by their prefix (`002 ¶17`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SeedFile {
    S000,
    S001,
    S002,
    S003,
    S004,
}

impl SeedFile {
    pub const ALL: [SeedFile; 5] = [Self::S000, Self::S001, Self::S002, Self::S003, Self::S004];

    /// The prefix the seeds are cited by.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::S000 => "000",
            Self::S001 => "001",
            Self::S002 => "002",
            Self::S003 => "003",
            Self::S004 => "004",
        }
    }
}

/// Where a record is stated: a seed file, a locator in it (`¶59`, `§8.7.1`, `fn4`,
/// `template G ¶17`), and optionally the words quoted and a note. `illustrative` marks structure
/// the seed does not state, so no reader takes it for a fact.
#[derive(Debug, Clone, Copy)]
pub struct Src {
    pub file: SeedFile,
    pub at: &'static str,
    pub quote: Option<&'static str>,
    pub note: Option<&'static str>,
    pub illustrative: bool,
}

/// The record is stated at `at`.
pub const fn cite(file: SeedFile, at: &'static str) -> Src {
    Src {
        file,
        at,
        quote: None,
        note: None,
        illustrative: false,
    }
}

/// The record is stated at `at`, in these words.
pub const fn quote(file: SeedFile, at: &'static str, words: &'static str) -> Src {
    Src {
        file,
        at,
        quote: Some(words),
        note: None,
        illustrative: false,
    }
}

/// The record follows from `at`, as the note explains.
pub const fn noted(file: SeedFile, at: &'static str, note: &'static str) -> Src {
    Src {
        file,
        at,
        quote: None,
        note: Some(note),
        illustrative: false,
    }
}

/// Structure `at` motivates but does not state; the note says what is illustrative.
pub const fn illustrative(file: SeedFile, at: &'static str, note: &'static str) -> Src {
    Src {
        file,
        at,
        quote: None,
        note: Some(note),
        illustrative: true,
    }
}

/// When a record holds. Periods the seeds do not state get an illustrative citation from the
/// loader, saying so.
#[derive(Debug, Clone, Copy)]
pub enum When {
    /// Over the whole period of what it belongs to (its mission, forum, post, cluster).
    Parent,
    /// From 1 January 2009 (the seeds describe 2009–2010) to the end of what it belongs to.
    Described,
    /// From this date (`YYYY-MM-DD`, supported by the record's citations) to the end of what it
    /// belongs to.
    From(&'static str),
    /// Over these dates.
    Between(&'static str, &'static str),
}

/// One of the five seed documents.
#[derive(Debug, Clone, Copy)]
pub struct SourceDoc {
    pub file: SeedFile,
    /// The file name without `.txt`, kept as the document's reference.
    pub stem: &'static str,
    pub kind: DocumentKind,
    pub title: &'static str,
    pub drafted_by: Option<&'static str>,
    pub url: Option<&'static str>,
    /// Where the seeds themselves name the document (its own title, or another seed's list).
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Org {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: OrganizationKind,
    pub parent: Option<&'static str>,
    pub country: Option<&'static str>,
    pub description: Option<&'static str>,
    pub src: &'static [Src],
}

pub const ORG: Org = Org {
    code: "",
    name: "",
    kind: OrganizationKind::Other,
    parent: None,
    country: None,
    description: None,
    src: &[],
};

#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub key: &'static str,
    pub name: &'static str,
    pub level: GeographicLevel,
    pub country: &'static str,
    pub parent: Option<&'static str>,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Mission {
    /// The acronym it is created with (MONUC), and its key.
    pub acronym: &'static str,
    pub name: &'static str,
    pub kind: MissionKind,
    pub country: &'static str,
    /// Code of the lead department.
    pub lead: &'static str,
    pub description: Option<&'static str>,
    pub from: &'static str,
    pub to: Option<&'static str>,
    pub rename: Option<Rename>,
    /// Its mandates, oldest first: the first starts with the mission, each later one ends the
    /// one before.
    pub mandates: &'static [Mandate],
    pub src: &'static [Src],
}

/// One mandate of a mission: what it says from its first day, and the resolution that set it.
#[derive(Debug, Clone, Copy)]
pub struct Mandate {
    pub from: &'static str,
    pub resolution: Option<&'static str>,
    pub attributes: Attributes,
    pub note: Option<&'static str>,
    pub src: &'static [Src],
}

/// A later name; the earlier one becomes a former name.
#[derive(Debug, Clone, Copy)]
pub struct Rename {
    pub acronym: &'static str,
    pub name: &'static str,
    pub on: &'static str,
    /// Sources of the former-name record.
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Component {
    pub key: &'static str,
    pub mission: &'static str,
    pub parent: Option<&'static str>,
    pub name: &'static str,
    pub acronym: Option<&'static str>,
    pub kind: ComponentKind,
    pub specialty: Option<ComponentSpecialty>,
    pub level: StructureLevel,
    pub place: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

pub const COMPONENT: Component = Component {
    key: "",
    mission: "",
    parent: None,
    name: "",
    acronym: None,
    kind: ComponentKind::Civilian,
    specialty: None,
    level: StructureLevel::Hq,
    place: None,
    when: When::Parent,
    src: &[],
};

/// What a post belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Of {
    Mission(&'static str),
    Org(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Post {
    pub key: &'static str,
    pub of: Of,
    pub component: Option<&'static str>,
    pub title: &'static str,
    pub head: bool,
    pub hats: &'static [Hat],
    pub when: When,
    pub src: &'static [Src],
}

pub const POST: Post = Post {
    key: "",
    of: Of::Mission(""),
    component: None,
    title: "",
    head: false,
    hats: &[],
    when: When::Parent,
    src: &[],
};

#[derive(Debug, Clone, Copy)]
pub enum LineFrom {
    Post(&'static str),
    Component(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub enum LineTo {
    Post(&'static str),
    Org(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub from: LineFrom,
    pub to: LineTo,
    pub kind: ReportingLineKind,
    pub note: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Task {
    pub mission: &'static str,
    pub category: MandatedTaskCategory,
    pub title: &'static str,
    pub description: Option<&'static str>,
    pub resolution: Option<&'static str>,
    pub tier: Option<i32>,
    pub lead: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Cluster {
    pub code: &'static str,
    pub name: &'static str,
    pub scope: ClusterScope,
    pub sector: ClusterSector,
    pub cluster_like: bool,
    pub parent: Option<&'static str>,
    pub country: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct Aor {
    pub key: &'static str,
    pub cluster: &'static str,
    pub name: &'static str,
    pub theme: AorTheme,
    pub counterpart: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub enum LedRef {
    Cluster(&'static str),
    Aor(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub enum LeaderRef {
    Org(&'static str),
    Component(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Lead {
    pub led: LedRef,
    pub leader: LeaderRef,
    pub role: LeadRole,
    pub when: When,
    pub src: &'static [Src],
}

/// Who established a forum or drafted a document.
#[derive(Debug, Clone, Copy)]
pub enum By {
    Post(&'static str),
    Component(&'static str),
    Org(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Forum {
    pub key: &'static str,
    pub name: &'static str,
    pub acronym: Option<&'static str>,
    pub kind: ForumKind,
    pub level: ForumLevel,
    pub mission: Option<&'static str>,
    pub cluster: Option<&'static str>,
    pub aor: Option<&'static str>,
    pub place: Option<&'static str>,
    pub established_by: Option<By>,
    pub open: bool,
    pub standing: bool,
    pub frequency: Option<&'static str>,
    pub purpose: Option<&'static str>,
    pub when: When,
    pub sensitivity: Sensitivity,
    pub src: &'static [Src],
}

pub const FORUM: Forum = Forum {
    key: "",
    name: "",
    acronym: None,
    kind: ForumKind::Other,
    level: ForumLevel::MissionHq,
    mission: None,
    cluster: None,
    aor: None,
    place: None,
    established_by: None,
    open: false,
    standing: true,
    frequency: None,
    purpose: None,
    when: When::Described,
    sensitivity: Sensitivity::Public,
    src: &[],
};

#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub from: &'static str,
    pub to: &'static str,
    pub kind: ForumLinkKind,
    pub when: When,
    pub src: &'static [Src],
}

/// A forum member.
#[derive(Debug, Clone, Copy)]
pub enum MemberRef {
    Org(&'static str),
    Component(&'static str),
    Post(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Seat {
    pub forum: &'static str,
    pub member: MemberRef,
    pub capacity: Capacity,
    pub note: Option<&'static str>,
    pub when: When,
    pub src: &'static [Src],
}

#[derive(Debug, Clone, Copy)]
pub struct DecisionArea {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub src: &'static [Src],
}

/// Who holds a right.
#[derive(Debug, Clone, Copy)]
pub enum HolderRef {
    Post(&'static str),
    Component(&'static str),
    Org(&'static str),
    Forum(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Right {
    pub area: &'static str,
    /// `None`: a global default.
    pub mission: Option<&'static str>,
    pub holder: HolderRef,
    pub kind: RightKind,
    pub scope: Option<&'static str>,
    pub non_delegable: bool,
    /// The joint decision the right is part of: rights of one area and mission with the same
    /// kind, scope and label are one decision their holders take together.
    pub joint: Option<&'static str>,
    /// A key other rights name in `delegated_from`.
    pub key: Option<&'static str>,
    /// The key of the right this one is delegated from (listed before it), in the same area and
    /// mission; `None` for a right granted directly.
    pub delegated_from: Option<&'static str>,
    pub note: Option<&'static str>,
    pub when: When,
    pub sensitivity: Sensitivity,
    pub src: &'static [Src],
}

pub const RIGHT: Right = Right {
    area: "",
    mission: None,
    holder: HolderRef::Org(""),
    kind: RightKind::Decides,
    scope: None,
    non_delegable: false,
    joint: None,
    key: None,
    delegated_from: None,
    note: None,
    when: When::Described,
    sensitivity: Sensitivity::Public,
    src: &[],
};

#[derive(Debug, Clone, Copy)]
pub struct Doc {
    pub key: &'static str,
    pub kind: DocumentKind,
    pub title: &'static str,
    pub symbol: Option<&'static str>,
    pub coverage: Option<DocumentCoverage>,
    pub mission: Option<&'static str>,
    pub drafted_by: Option<By>,
    pub sensitivity: Sensitivity,
    pub src: &'static [Src],
}

pub const DOC: Doc = Doc {
    key: "",
    kind: DocumentKind::Other,
    title: "",
    symbol: None,
    coverage: None,
    mission: None,
    drafted_by: None,
    sensitivity: Sensitivity::Public,
    src: &[],
};
