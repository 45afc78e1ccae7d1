//! What the transfer formats know of each table: the order tables load in (every reference
//! points to a table loaded earlier, or to the same table), the natural key records are matched
//! by, the references each row holds, and the checks a row must pass beyond its column types.
//!
//! Each table's rules are its entity's [`Transferred::SPEC`]; the registry of record tables
//! ([`entity::for_each_record!`]) gives their order, [`TABLES`]. Pure data: no database, no I/O.
//! The access tables and the audit log are not part of the transfer formats (tokens are secrets;
//! the log records what happened here, not a fact to carry elsewhere).

use crate::services::record::{Record, RecordKind};

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
    /// The table of `kind`, with no natural key, references, checks or rules: what a table's
    /// [`Transferred::SPEC`] leaves unsaid.
    pub const fn of(kind: RecordKind) -> Self {
        Self {
            name: kind.table(),
            kind,
            natural_key: None,
            references: &[],
            exactly_one: &[],
            at_least_one: &[],
            rules: &[],
        }
    }

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

impl Transferred for entity::organization::Entity {
    const SPEC: TableSpec = TableSpec {
        natural_key: Some("code"),
        references: &[("parent_id", "organizations")],
        rules: &[
            ("code", Rule::Code(32)),
            ("name", Rule::Name),
            ("country_code", Rule::Country),
            ("description", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::geographic_area::Entity {
    const SPEC: TableSpec = TableSpec {
        natural_key: Some("code"),
        references: &[("parent_id", "geographic_areas")],
        rules: &[
            ("name", Rule::Name),
            ("code", Rule::Code(32)),
            ("country_code", Rule::Country),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::mission::Entity {
    const SPEC: TableSpec = TableSpec {
        natural_key: Some("acronym"),
        references: &[("lead_department_id", "organizations")],
        rules: &[
            ("acronym", Rule::Acronym),
            ("name", Rule::Name),
            ("country_code", Rule::Country),
            ("description", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::mission_name::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("mission_id", "missions")],
        rules: &[("acronym", Rule::Acronym), ("name", Rule::Name)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::mission_mandate::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("mission_id", "missions")],
        rules: &[("resolution", Rule::Text), ("note", Rule::Text)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::component::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("mission_id", "missions"),
            ("parent_id", "components"),
            ("geographic_area_id", "geographic_areas"),
        ],
        rules: &[("name", Rule::Name), ("acronym", Rule::Acronym)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::post::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("mission_id", "missions"),
            ("organization_id", "organizations"),
            ("component_id", "components"),
            ("geographic_area_id", "geographic_areas"),
        ],
        at_least_one: &[&["mission_id", "organization_id"]],
        rules: &[("title", Rule::Name)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::post_hat::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("post_id", "posts")],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::person::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("organization_id", "organizations")],
        rules: &[
            ("full_name", Rule::Name),
            ("email", Rule::Text),
            ("phone", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::assignment::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("person_id", "persons"), ("post_id", "posts")],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::reporting_line::Entity {
    const SPEC: TableSpec = TableSpec {
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
        rules: &[("note", Rule::Text)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::mandated_task::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("mission_id", "missions"),
            ("lead_component_id", "components"),
        ],
        rules: &[
            ("title", Rule::Name),
            ("description", Rule::Text),
            ("resolution", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::cluster::Entity {
    const SPEC: TableSpec = TableSpec {
        natural_key: Some("code"),
        references: &[("parent_id", "clusters")],
        rules: &[
            ("code", Rule::Code(32)),
            ("name", Rule::Name),
            ("country_code", Rule::Country),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::area_of_responsibility::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("cluster_id", "clusters"),
            ("counterpart_component_id", "components"),
        ],
        rules: &[("name", Rule::Name)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::lead_agency::Entity {
    const SPEC: TableSpec = TableSpec {
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
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::forum::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("mission_id", "missions"),
            ("cluster_id", "clusters"),
            ("area_of_responsibility_id", "areas_of_responsibility"),
            ("geographic_area_id", "geographic_areas"),
            ("established_by_post_id", "posts"),
            ("established_by_organization_id", "organizations"),
        ],
        rules: &[
            ("name", Rule::Name),
            ("acronym", Rule::Acronym),
            ("meeting_frequency", Rule::Text),
            ("purpose", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::forum_link::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("forum_id", "forums"), ("target_forum_id", "forums")],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::forum_membership::Entity {
    const SPEC: TableSpec = TableSpec {
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
        rules: &[("note", Rule::Text)],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::decision_area::Entity {
    const SPEC: TableSpec = TableSpec {
        natural_key: Some("code"),
        rules: &[
            ("code", Rule::Code(64)),
            ("name", Rule::Name),
            ("description", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::decision_right::Entity {
    const SPEC: TableSpec = TableSpec {
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
        rules: &[
            ("scope", Rule::Text),
            ("joint_decision", Rule::Code(64)),
            ("note", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::document::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[
            ("mission_id", "missions"),
            ("drafted_by_component_id", "components"),
            ("drafted_by_organization_id", "organizations"),
        ],
        rules: &[
            ("title", Rule::Name),
            ("symbol", Rule::Text),
            ("url", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

impl Transferred for entity::source_citation::Entity {
    const SPEC: TableSpec = TableSpec {
        references: &[("document_id", "documents")],
        rules: &[
            ("locator", Rule::Text),
            ("quote", Rule::Text),
            ("note", Rule::Text),
        ],
        ..TableSpec::of(Self::KIND)
    };
}

/// What the formats know of the table of a kind of record. Implemented once per table of the
/// registry ([`entity::for_each_record!`]), which lists them in [`TABLES`].
pub trait Transferred: Record {
    const SPEC: TableSpec;
}

macro_rules! tables {
    (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
        /// Every table of the formats, in load order (the registry's): each reference points to
        /// an earlier table or to its own (citations name their record by kind and id, and come
        /// last).
        pub const TABLES: [&TableSpec; RecordKind::ALL.len()] =
            [$(&<entity::$module::Entity as Transferred>::SPEC),*];
    };
}
entity::for_each_record!(tables);

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
        let spec = |name| table(name).unwrap();
        assert_eq!(spec("organizations").self_reference(), Some("parent_id"));
        assert_eq!(
            spec("decision_rights").self_reference(),
            Some("delegated_from_id")
        );
        assert_eq!(spec("forum_memberships").self_reference(), None);
        assert_eq!(
            spec("forums").target_of("established_by_post_id"),
            Some("posts")
        );
    }
}
