//! `record_object!` declares the GraphQL type of a table: a wrapper around the row (GraphQL
//! types never derive from the database models) whose `#[Object]` impl gets the type's own
//! fields plus the fields every record has (`id`, `sensitivity`, `createdAt`, `updatedAt`,
//! `version`, `sources`) and, by variant, `archivedAt` and/or `validFrom`/`validTo`.
//!
//! Variants: `core` (archived, no validity), `temporal` (archived and valid over a period),
//! `relationship` (valid over a period, ended rather than archived), `plain` (neither).

macro_rules! record_object {
    (@impl [$(#[$meta:meta])*] $name:ident, $kind:ident, [$($extra:tt)*], [$($body:tt)*]) => {
        // The impl carries the docs too: async-graphql takes the type's description from it.
        $(#[$meta])*
        #[async_graphql::Object]
        impl $name {
            /// Opaque global ID.
            pub async fn id(&self) -> async_graphql::ID {
                $crate::graphql::ids::encode($crate::services::record::RecordKind::$kind, self.0.id)
            }

            $($body)*

            $($extra)*

            /// Who may see this record.
            async fn sensitivity(&self) -> $crate::graphql::enums::Sensitivity {
                self.0.sensitivity.into()
            }

            /// When the record was created.
            async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.0.created_at
            }

            /// When the record was last changed.
            async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
                self.0.updated_at
            }

            /// Version for optimistic concurrency: send it back with an update.
            async fn version(&self) -> i32 {
                self.0.version
            }

            /// The documents and paragraphs that state this record.
            async fn sources(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Vec<$crate::graphql::document::SourceCitation>> {
                let rows = $crate::graphql::relations::many::<entity::source_citation::Entity>(
                    ctx,
                    entity::source_citation::Column::RecordId,
                    self.0.id,
                    None,
                )
                .await?;
                Ok($crate::graphql::relations::wrap(rows, $crate::graphql::document::SourceCitation))
            }
        }
    };

    ($(#[$meta:meta])* $variant:ident $name:ident($module:ident): $kind:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name(pub(crate) entity::$module::Model);

        record_object!(@variant [$(#[$meta])*] $variant $name, $kind, [$($body)*]);
    };

    (@variant [$(#[$meta:meta])*] core $name:ident, $kind:ident, [$($body:tt)*]) => {
        record_object!(@impl [$(#[$meta])*] $name, $kind, [
            /// When the record was archived, if it was. Archived records keep their history but
            /// leave default lists.
            async fn archived_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.archived_at
            }
        ], [$($body)*]);
    };

    (@variant [$(#[$meta:meta])*] temporal $name:ident, $kind:ident, [$($body:tt)*]) => {
        record_object!(@impl [$(#[$meta])*] $name, $kind, [
            /// When the record was archived, if it was. Archived records keep their history but
            /// leave default lists.
            async fn archived_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
                self.0.archived_at
            }

            /// First day on which this exists.
            async fn valid_from(&self) -> $crate::graphql::scalars::Date {
                self.0.valid_from.into()
            }

            /// First day on which this no longer exists; null while it does.
            async fn valid_to(&self) -> Option<$crate::graphql::scalars::Date> {
                self.0.valid_to.map(Into::into)
            }
        ], [$($body)*]);
    };

    (@variant [$(#[$meta:meta])*] relationship $name:ident, $kind:ident, [$($body:tt)*]) => {
        record_object!(@impl [$(#[$meta])*] $name, $kind, [
            /// First day on which this holds.
            async fn valid_from(&self) -> $crate::graphql::scalars::Date {
                self.0.valid_from.into()
            }

            /// First day on which this no longer holds; null while it still does.
            async fn valid_to(&self) -> Option<$crate::graphql::scalars::Date> {
                self.0.valid_to.map(Into::into)
            }
        ], [$($body)*]);
    };

    (@variant [$(#[$meta:meta])*] plain $name:ident, $kind:ident, [$($body:tt)*]) => {
        record_object!(@impl [$(#[$meta])*] $name, $kind, [], [$($body)*]);
    };
}
