//! What every stored record has in common, so reads, writes, visibility and audit can be written
//! once for all tables.

use entity::enums::Sensitivity;
use sea_orm::{EntityTrait, FromQueryResult, IntoActiveModel};
use serde::Serialize;
use uuid::Uuid;

/// The columns of one table that a registry entry names: `_` for none, a column, or a pair.
macro_rules! columns {
    ($module:ident, _) => {
        None
    };
    ($module:ident, ($from:ident, $to:ident)) => {
        Some((entity::$module::Column::$from, entity::$module::Column::$to))
    };
    ($module:ident, $column:ident) => {
        Some(entity::$module::Column::$column)
    };
}

/// [`RecordKind`] and the [`Record`] implementations, from the registry of record tables.
macro_rules! records {
    (() $($module:ident $kind:ident $table:ident
        { archived: $archived:tt, validity: $validity:tt, mission: $mission:tt })*) => {
        /// The kinds of record, one per table of the registry and in its (load) order. The name
        /// of a kind (`AreaOfResponsibility`) is its GraphQL type's and is written in global IDs
        /// and citations; the audit log names the table ([`RecordKind::table`]).
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            strum::IntoStaticStr,
            strum::EnumString
        )]
        pub enum RecordKind {
            $($kind),*
        }

        impl RecordKind {
            /// Every kind, in the registry's (load) order.
            pub const ALL: [RecordKind; entity::registry::TABLES.len()] = [$(Self::$kind),*];

            /// The table holding records of this kind.
            pub const fn table(self) -> &'static str {
                match self {
                    $(Self::$kind => stringify!($table)),*
                }
            }

            /// The kind whose records a table holds.
            pub fn from_table(table: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|k| k.table() == table)
            }
        }

        $(
            impl Record for entity::$module::Entity {
                const KIND: RecordKind = RecordKind::$kind;
                const ID: Self::Column = entity::$module::Column::Id;
                const SENSITIVITY: Self::Column = entity::$module::Column::Sensitivity;
                const VERSION: Self::Column = entity::$module::Column::Version;
                const UPDATED_AT: Self::Column = entity::$module::Column::UpdatedAt;
                const ARCHIVED_AT: Option<Self::Column> = columns!($module, $archived);
                const VALIDITY: Option<(Self::Column, Self::Column)> =
                    columns!($module, $validity);
                const MISSION: Option<Self::Column> = columns!($module, $mission);
            }

            impl RecordModel for entity::$module::Model {
                fn id(&self) -> Uuid {
                    self.id
                }
                fn sensitivity(&self) -> Sensitivity {
                    self.sensitivity
                }
                fn version(&self) -> i32 {
                    self.version
                }
            }
        )*
    };
}
entity::for_each_record!(records);

impl RecordKind {
    /// The GraphQL type name, also used as `record_type` in citations.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Lower-case words for messages: `area of responsibility`.
    pub fn noun(self) -> String {
        let mut out = String::new();
        for (i, c) in self.name().chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    /// The kind named `name` (a GraphQL type name).
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }
}

/// The columns every record has, named once per table.
pub trait Record:
    EntityTrait<
    Model: RecordModel + FromQueryResult + Serialize + IntoActiveModel<Self::ActiveModel> + Sync,
>
{
    const KIND: RecordKind;
    const ID: Self::Column;
    const SENSITIVITY: Self::Column;
    const VERSION: Self::Column;
    const UPDATED_AT: Self::Column;
    /// `archived_at` on core records; relationships are ended, not archived.
    const ARCHIVED_AT: Option<Self::Column>;
    /// `(valid_from, valid_to)` on records that hold over a period.
    const VALIDITY: Option<(Self::Column, Self::Column)>;
    /// The column naming the mission a record belongs to, where it has one directly.
    const MISSION: Option<Self::Column>;
}

/// Reading the common fields of a loaded row.
pub trait RecordModel {
    fn id(&self) -> Uuid;
    fn sensitivity(&self) -> Sensitivity;
    fn version(&self) -> i32;
}

#[cfg(test)]
mod tests {
    use super::RecordKind;
    use migration::{Migrator, MigratorTrait};
    use sea_orm::{ConnectOptions, ConnectionTrait, Database, Statement};

    /// The migrations leave exactly the registry's record tables, besides the tables that are
    /// not records (the audit log, the access tables, `data_version`) and the migrations' own.
    #[tokio::test]
    async fn the_registry_names_every_record_table_of_the_migrations() {
        let mut options = ConnectOptions::new("sqlite::memory:");
        options.max_connections(1).min_connections(1);
        let db = Database::connect(options).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            ))
            .await
            .unwrap();
        let mut in_schema: Vec<String> = rows
            .iter()
            .map(|row| row.try_get::<String>("", "name").unwrap())
            .filter(|name| {
                name != "seaql_migrations" && !migration::UNTRACKED_TABLES.contains(&name.as_str())
            })
            .collect();
        in_schema.sort_unstable();
        let mut registered: Vec<&str> = entity::registry::TABLES.to_vec();
        registered.sort_unstable();
        assert_eq!(in_schema, registered);
        let kinds: Vec<&str> = RecordKind::ALL.iter().map(|k| k.table()).collect();
        assert_eq!(kinds, entity::registry::TABLES);
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::from_name(kind.name()), Some(kind));
            assert_eq!(RecordKind::from_table(kind.table()), Some(kind));
        }
        assert_eq!(RecordKind::from_name("areas_of_responsibility"), None);
        assert_eq!(RecordKind::from_table("AreaOfResponsibility"), None);
        assert_eq!(
            RecordKind::AreaOfResponsibility.table(),
            "areas_of_responsibility"
        );
        assert_eq!(
            RecordKind::AreaOfResponsibility.noun(),
            "area of responsibility"
        );
    }
}
