//! The registry of record tables: every table of the map named once, in load order (each table
//! refers only to tables before it, or to itself; citations name their record by kind and id and
//! come last). Everything that needs "every table" — the record kinds, the `Node` lookup, the
//! existence probes, the import and export tables, the test dumps — is generated from
//! [`for_each_record!`](crate::for_each_record), so a new table is one line here.
//!
//! The access tables (`api_tokens`, `api_token_missions`, `demo_jwt_secrets`), the audit log and
//! `data_version` are not records: they have no sensitivity, version or validity, and no
//! transfer format carries them.

/// Calls `$callback! { ($($args)*) <entries> }` with one entry per record table, in load order:
///
/// ```text
/// module Kind table { archived: <column or _>, validity: <(from, to) or _>, mission: <column or _> }
/// ```
///
/// - `module`: the entity module (`entity::module::Entity`);
/// - `Kind`: the kind of record, also the GraphQL type's name;
/// - `table`: the table's name in the database and in the transfer formats (as an identifier:
///   `stringify!(table)` is the text);
/// - `archived`: the `archived_at` column of core records (relationships end, they are not
///   archived); `validity`: the `(valid_from, valid_to)` columns of records that hold over a
///   period; `mission`: the column naming the mission a record belongs to, where it names one
///   directly. `_` where a table has none. Callbacks that do not need them match
///   `{ $($column:tt)* }`.
///
/// The arguments in parentheses are handed to the callback unchanged, first, so that it can take
/// what it generates code around (an expression to dispatch, a body to repeat).
///
/// ```
/// macro_rules! tables {
///     (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
///         [$(stringify!($table)),*]
///     };
/// }
/// let tables = entity::for_each_record!(tables);
/// assert_eq!(tables[0], "organizations");
/// assert_eq!(tables.len(), 22);
/// ```
#[macro_export]
macro_rules! for_each_record {
    ($callback:ident $(($($args:tt)*))?) => {
        $callback! {
            ($($($args)*)?)
            organization Organization organizations
                { archived: ArchivedAt, validity: _, mission: _ }
            geographic_area GeographicArea geographic_areas
                { archived: ArchivedAt, validity: _, mission: _ }
            mission Mission missions
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: Id }
            mission_name MissionName mission_names
                { archived: _, validity: (ValidFrom, ValidTo), mission: MissionId }
            mission_mandate MissionMandate mission_mandates
                { archived: _, validity: (ValidFrom, ValidTo), mission: MissionId }
            component Component components
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: MissionId }
            post Post posts
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: MissionId }
            post_hat PostHat post_hats
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            person Person persons
                { archived: ArchivedAt, validity: _, mission: _ }
            assignment Assignment assignments
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            reporting_line ReportingLine reporting_lines
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            mandated_task MandatedTask mandated_tasks
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: MissionId }
            cluster Cluster clusters
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: _ }
            area_of_responsibility AreaOfResponsibility areas_of_responsibility
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: _ }
            lead_agency LeadAgency lead_agencies
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            forum Forum forums
                { archived: ArchivedAt, validity: (ValidFrom, ValidTo), mission: MissionId }
            forum_link ForumLink forum_links
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            forum_membership ForumMembership forum_memberships
                { archived: _, validity: (ValidFrom, ValidTo), mission: _ }
            decision_area DecisionArea decision_areas
                { archived: ArchivedAt, validity: _, mission: _ }
            decision_right DecisionRight decision_rights
                { archived: _, validity: (ValidFrom, ValidTo), mission: MissionId }
            document Document documents
                { archived: ArchivedAt, validity: _, mission: MissionId }
            source_citation SourceCitation source_citations
                { archived: _, validity: _, mission: _ }
        }
    };
}

macro_rules! table_names {
    (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
        /// The names of the record tables, in load order.
        pub const TABLES: &[&str] = &[$(stringify!($table)),*];

        #[cfg(test)]
        mod names_match_entities {
            use sea_orm::EntityName;

            /// The registry's name of each table is the one its entity queries.
            #[test]
            fn every_registered_table_is_its_entitys() {
                $(
                    assert_eq!(
                        crate::$module::Entity.table_name(),
                        stringify!($table),
                        "entity {}", stringify!($module)
                    );
                )*
            }
        }
    };
}
crate::for_each_record!(table_names);
