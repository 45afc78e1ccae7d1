//! What the transfer formats know of each table: the order tables load in (every reference
//! points to a table loaded earlier, or to the same table), the natural key records are matched
//! by, the references each row holds, and the checks a row must pass beyond its column types.
//!
//! Pure data: no database, no I/O. The access tables and the audit log are not part of the
//! transfer formats (tokens are secrets; the log records what happened here, not a fact to carry
//! elsewhere).

use crate::services::record::RecordKind;

/// How a text column is checked and normalised, with the functions of `services::validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A required name: trimmed, not empty, at most 255 characters.
    Name,
    /// Optional free text: trimmed, empty becomes null.
    Text,
    /// A mission or unit acronym (`MONUSCO`); empty becomes null where the column is nullable.
    Acronym,
    /// A code (`UNHCR`, `USE_OF_FORCE`) of at most this many characters.
    Code(usize),
    /// An ISO 3166-1 alpha-3 country code.
    Country,
}

/// One table of the transfer formats.
#[derive(Debug)]
pub struct TableSpec {
    /// The table's name in the database and in the JSON document.
    pub name: &'static str,
    pub kind: RecordKind,
    /// The column records are matched by on import, where the domain has one; otherwise by id.
    pub natural_key: Option<&'static str>,
    /// Columns holding the id of a row of another (or the same) table.
    pub references: &'static [(&'static str, &'static str)],
    /// Groups of columns of which exactly one must be set.
    pub exactly_one: &'static [&'static [&'static str]],
    /// Groups of columns of which at least one must be set.
    pub at_least_one: &'static [&'static [&'static str]],
    /// Text columns and how they are checked.
    pub rules: &'static [(&'static str, Rule)],
}

impl TableSpec {
    /// The column referring to a row of the same table (a parent or a delegation), if any.
    pub fn self_reference(&self) -> Option<&'static str> {
        self.references
            .iter()
            .find(|(_, target)| *target == self.name)
            .map(|(column, _)| *column)
    }

    /// The table a reference column points to.
    pub fn target_of(&self, column: &str) -> Option<&'static str> {
        self.references
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, target)| *target)
    }
}

const ORGANIZATIONS: TableSpec = TableSpec {
    name: "organizations",
    kind: RecordKind::Organization,
    natural_key: Some("code"),
    references: &[("parent_id", "organizations")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("code", Rule::Code(32)),
        ("name", Rule::Name),
        ("country_code", Rule::Country),
        ("description", Rule::Text),
    ],
};

const GEOGRAPHIC_AREAS: TableSpec = TableSpec {
    name: "geographic_areas",
    kind: RecordKind::GeographicArea,
    natural_key: Some("code"),
    references: &[("parent_id", "geographic_areas")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("name", Rule::Name),
        ("code", Rule::Code(32)),
        ("country_code", Rule::Country),
    ],
};

const MISSIONS: TableSpec = TableSpec {
    name: "missions",
    kind: RecordKind::Mission,
    natural_key: Some("acronym"),
    references: &[("lead_department_id", "organizations")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("acronym", Rule::Acronym),
        ("name", Rule::Name),
        ("country_code", Rule::Country),
        ("description", Rule::Text),
    ],
};

const MISSION_NAMES: TableSpec = TableSpec {
    name: "mission_names",
    kind: RecordKind::MissionName,
    natural_key: None,
    references: &[("mission_id", "missions")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[("acronym", Rule::Acronym), ("name", Rule::Name)],
};

const MISSION_MANDATES: TableSpec = TableSpec {
    name: "mission_mandates",
    kind: RecordKind::MissionMandate,
    natural_key: None,
    references: &[("mission_id", "missions")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[("resolution", Rule::Text), ("note", Rule::Text)],
};

const COMPONENTS: TableSpec = TableSpec {
    name: "components",
    kind: RecordKind::Component,
    natural_key: None,
    references: &[
        ("mission_id", "missions"),
        ("parent_id", "components"),
        ("geographic_area_id", "geographic_areas"),
    ],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[("name", Rule::Name), ("acronym", Rule::Acronym)],
};

const POSTS: TableSpec = TableSpec {
    name: "posts",
    kind: RecordKind::Post,
    natural_key: None,
    references: &[
        ("mission_id", "missions"),
        ("organization_id", "organizations"),
        ("component_id", "components"),
        ("geographic_area_id", "geographic_areas"),
    ],
    exactly_one: &[],
    at_least_one: &[&["mission_id", "organization_id"]],
    rules: &[("title", Rule::Name)],
};

const POST_HATS: TableSpec = TableSpec {
    name: "post_hats",
    kind: RecordKind::PostHat,
    natural_key: None,
    references: &[("post_id", "posts")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[],
};

const PERSONS: TableSpec = TableSpec {
    name: "persons",
    kind: RecordKind::Person,
    natural_key: None,
    references: &[("organization_id", "organizations")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("full_name", Rule::Name),
        ("email", Rule::Text),
        ("phone", Rule::Text),
    ],
};

const ASSIGNMENTS: TableSpec = TableSpec {
    name: "assignments",
    kind: RecordKind::Assignment,
    natural_key: None,
    references: &[("person_id", "persons"), ("post_id", "posts")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[],
};

const REPORTING_LINES: TableSpec = TableSpec {
    name: "reporting_lines",
    kind: RecordKind::ReportingLine,
    natural_key: None,
    references: &[
        ("from_post_id", "posts"),
        ("from_component_id", "components"),
        ("to_post_id", "posts"),
        ("to_organization_id", "organizations"),
    ],
    exactly_one: &[
        &["from_post_id", "from_component_id"],
        &["to_post_id", "to_organization_id"],
    ],
    at_least_one: &[],
    rules: &[("note", Rule::Text)],
};

const MANDATED_TASKS: TableSpec = TableSpec {
    name: "mandated_tasks",
    kind: RecordKind::MandatedTask,
    natural_key: None,
    references: &[
        ("mission_id", "missions"),
        ("lead_component_id", "components"),
    ],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("title", Rule::Name),
        ("description", Rule::Text),
        ("resolution", Rule::Text),
    ],
};

const CLUSTERS: TableSpec = TableSpec {
    name: "clusters",
    kind: RecordKind::Cluster,
    natural_key: Some("code"),
    references: &[("parent_id", "clusters")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("code", Rule::Code(32)),
        ("name", Rule::Name),
        ("country_code", Rule::Country),
    ],
};

const AREAS_OF_RESPONSIBILITY: TableSpec = TableSpec {
    name: "areas_of_responsibility",
    kind: RecordKind::AreaOfResponsibility,
    natural_key: None,
    references: &[
        ("cluster_id", "clusters"),
        ("counterpart_component_id", "components"),
    ],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[("name", Rule::Name)],
};

const LEAD_AGENCIES: TableSpec = TableSpec {
    name: "lead_agencies",
    kind: RecordKind::LeadAgency,
    natural_key: None,
    references: &[
        ("cluster_id", "clusters"),
        ("area_of_responsibility_id", "areas_of_responsibility"),
        ("organization_id", "organizations"),
        ("component_id", "components"),
    ],
    exactly_one: &[
        &["cluster_id", "area_of_responsibility_id"],
        &["organization_id", "component_id"],
    ],
    at_least_one: &[],
    rules: &[],
};

const FORUMS: TableSpec = TableSpec {
    name: "forums",
    kind: RecordKind::Forum,
    natural_key: None,
    references: &[
        ("mission_id", "missions"),
        ("cluster_id", "clusters"),
        ("area_of_responsibility_id", "areas_of_responsibility"),
        ("geographic_area_id", "geographic_areas"),
        ("established_by_post_id", "posts"),
        ("established_by_organization_id", "organizations"),
    ],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("name", Rule::Name),
        ("acronym", Rule::Acronym),
        ("meeting_frequency", Rule::Text),
        ("purpose", Rule::Text),
    ],
};

const FORUM_LINKS: TableSpec = TableSpec {
    name: "forum_links",
    kind: RecordKind::ForumLink,
    natural_key: None,
    references: &[("forum_id", "forums"), ("target_forum_id", "forums")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[],
};

const FORUM_MEMBERSHIPS: TableSpec = TableSpec {
    name: "forum_memberships",
    kind: RecordKind::ForumMembership,
    natural_key: None,
    references: &[
        ("forum_id", "forums"),
        ("member_organization_id", "organizations"),
        ("member_component_id", "components"),
        ("member_post_id", "posts"),
    ],
    exactly_one: &[&[
        "member_organization_id",
        "member_component_id",
        "member_post_id",
    ]],
    at_least_one: &[],
    rules: &[("note", Rule::Text)],
};

const DECISION_AREAS: TableSpec = TableSpec {
    name: "decision_areas",
    kind: RecordKind::DecisionArea,
    natural_key: Some("code"),
    references: &[],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("code", Rule::Code(64)),
        ("name", Rule::Name),
        ("description", Rule::Text),
    ],
};

const DECISION_RIGHTS: TableSpec = TableSpec {
    name: "decision_rights",
    kind: RecordKind::DecisionRight,
    natural_key: None,
    references: &[
        ("decision_area_id", "decision_areas"),
        ("mission_id", "missions"),
        ("holder_post_id", "posts"),
        ("holder_component_id", "components"),
        ("holder_organization_id", "organizations"),
        ("holder_forum_id", "forums"),
        ("delegated_from_id", "decision_rights"),
    ],
    exactly_one: &[&[
        "holder_post_id",
        "holder_component_id",
        "holder_organization_id",
        "holder_forum_id",
    ]],
    at_least_one: &[],
    rules: &[
        ("scope", Rule::Text),
        ("joint_decision", Rule::Code(64)),
        ("note", Rule::Text),
    ],
};

const DOCUMENTS: TableSpec = TableSpec {
    name: "documents",
    kind: RecordKind::Document,
    natural_key: None,
    references: &[
        ("mission_id", "missions"),
        ("drafted_by_component_id", "components"),
        ("drafted_by_organization_id", "organizations"),
    ],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("title", Rule::Name),
        ("symbol", Rule::Text),
        ("url", Rule::Text),
    ],
};

const SOURCE_CITATIONS: TableSpec = TableSpec {
    name: "source_citations",
    kind: RecordKind::SourceCitation,
    natural_key: None,
    references: &[("document_id", "documents")],
    exactly_one: &[],
    at_least_one: &[],
    rules: &[
        ("locator", Rule::Text),
        ("quote", Rule::Text),
        ("note", Rule::Text),
    ],
};

/// Every table of the formats, in load order: each reference points to an earlier table or to
/// its own (citations name their record by kind and id, and come last).
pub const TABLES: [&TableSpec; 22] = [
    &ORGANIZATIONS,
    &GEOGRAPHIC_AREAS,
    &MISSIONS,
    &MISSION_NAMES,
    &MISSION_MANDATES,
    &COMPONENTS,
    &POSTS,
    &POST_HATS,
    &PERSONS,
    &ASSIGNMENTS,
    &REPORTING_LINES,
    &MANDATED_TASKS,
    &CLUSTERS,
    &AREAS_OF_RESPONSIBILITY,
    &LEAD_AGENCIES,
    &FORUMS,
    &FORUM_LINKS,
    &FORUM_MEMBERSHIPS,
    &DECISION_AREAS,
    &DECISION_RIGHTS,
    &DOCUMENTS,
    &SOURCE_CITATIONS,
];

/// The table named `name`.
pub fn table(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().copied().find(|t| t.name == name)
}

/// Whether a reference column of some table names rows of `spec` (a citation's cited record
/// aside): the tables whose ids decide what other rows an export may keep.
pub fn is_referenced(spec: &TableSpec) -> bool {
    TABLES
        .iter()
        .any(|t| t.references.iter().any(|(_, target)| *target == spec.name))
}

/// The position of a table in the load order.
pub fn position(name: &str) -> Option<usize> {
    TABLES.iter().position(|t| t.name == name)
}

/// The table holding records of `kind`.
pub fn table_of_kind(kind: RecordKind) -> Option<&'static TableSpec> {
    TABLES.iter().copied().find(|t| t.kind == kind)
}

/// The columns of the common machinery that an import sets itself on a change.
pub const BOOKKEEPING: [&str; 3] = ["created_at", "updated_at", "version"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_points_to_an_earlier_table_or_its_own() {
        for (i, spec) in TABLES.iter().enumerate() {
            for (column, target) in spec.references {
                let at = position(target).unwrap_or(usize::MAX);
                assert!(at <= i, "{}.{column} → {target}", spec.name);
            }
        }
    }

    #[test]
    fn every_record_kind_has_one_table() {
        for kind in RecordKind::ALL {
            assert_eq!(
                TABLES.iter().filter(|t| t.kind == kind).count(),
                1,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn self_references_are_found() {
        assert_eq!(ORGANIZATIONS.self_reference(), Some("parent_id"));
        assert_eq!(DECISION_RIGHTS.self_reference(), Some("delegated_from_id"));
        assert_eq!(FORUM_MEMBERSHIPS.self_reference(), None);
        assert_eq!(FORUMS.target_of("established_by_post_id"), Some("posts"));
    }
}
