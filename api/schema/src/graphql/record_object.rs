//! Declarative GraphQL record types: [`record_object!`] writes a record type's struct, its
//! `#[async_graphql::Object]` impl and what every record type has (`id`, `sources`, the common
//! fields of its kind), so a type is its declaration, a line per relation and the fields written
//! by hand.
//!
//! ```ignore
//! record_object! {
//!     /// A document: ... (the type's description, written once: on the struct and the impl)
//!     pub struct Document(entity::document) is core;
//!
//!     fields {
//!         /// Title.
//!         async fn title(&self) -> &str { &self.0.title }
//!     }
//!
//!     /// The mission it belongs to, if any.
//!     mission: one Mission(mission_id);
//!     /// Organisations that are part of this one.
//!     children: many Organization(organization::ParentId);
//!     /// The clusters under this one on `asOf` ...
//!     children: many Cluster(cluster::ParentId),
//!         as_of "The date to read the clusters on (...).",
//!         order |a, b| a.code.cmp(&b.code);
//! }
//! ```
//!
//! - `pub struct Name(entity::module) is KIND;` declares `Name(pub(crate) entity::module::Model)`.
//!   A type with more than its row declares its fields, the row first:
//!   `pub struct Mission { row: entity::mission, on: Option<NaiveDate> } is temporal, dated by hand;`
//!   (`From<Model>` leaves the others at their default).
//! - The kind says which common fields the type has and which date its relations read on:
//!
//!   | kind | fields | relations without `asOf` read on |
//!   |---|---|---|
//!   | `plain` | `RecordFields` (no `sources`) | today |
//!   | `core` | `RecordFields`, `ArchivalFields` | today |
//!   | `relationship` | `RecordFields`, `ValidityFields` | today |
//!   | `core_with_period` | `RecordFields`, `ArchivalFields`, `ValidityFields` | today |
//!   | `temporal` | all four, `DefaultAsOfFields` included | `defaultAsOf` |
//!
//!   `dated by hand` leaves [`RelationDate`] to the type (a mission read on a date reads its
//!   relations on that date).
//! - `name: one Type(column);` is a field returning the `Type` the row's `column` points at
//!   (null when absent or hidden), through the request's DataLoader.
//! - `name: many Type(module::Column)` is a list of the `Type` rows whose `Column` points at this
//!   record, charged as a relation (`cost::RELATION`). With `, as_of "argument description"` it
//!   takes an `asOf: Date` (default: [`RelationDate`]) and reads the rows valid on that date;
//!   `, cost bound` charges it as `bound` items instead (`cost::HATS_PER_POST`); `, order |a, b| ...` sorts the rows (a stable
//!   sort, on the order the loader returns).
//! - `name: many Type from load(args), as_of "argument description";` is a list that
//!   `load(ctx, id, date, args...)` reads, on the date as above.
//! - `fields { ... }` holds fields written by hand, copied into the impl as they are;
//!   `field(bound) { ... }` holds one hand-written list field, charged as `bound` items
//!   (`cost::list(bound, child_complexity)`): write its cost there, not in a `complexity`
//!   attribute (see below). The bound may name the field's arguments: a connection declares
//!   `field(cost::page_size(first, last))` (`DecisionArea.rights`).
//!
//! Fields keep the order they are declared in, between `id` (first) and `sources` and the common
//! fields (last), so introspection lists them as a hand-written impl would.
//!
//! Why a `macro_rules!` that writes the whole impl: `#[async_graphql::Object]` reads the impl's
//! tokens before macros inside it expand, so a relation macro called inside the impl would be
//! invisible to it; the declaration therefore emits the impl with everything in it. The common
//! fields stay flattened objects (`graphql/record_fields.rs`) as before, so the schema does not
//! change. Two details of how tokens reach the attribute macro shape the syntax:
//!
//! - Hand-written fields go inside `fields { }` as raw tokens rather than being matched as `fn`
//!   fragments: a `ty` fragment reaches the attribute macro wrapped in an invisible group, and
//!   async-graphql would no longer see a `Result` return type.
//! - A `complexity` expression names `child_complexity`, a variable async-graphql declares with
//!   the span of the `#[async_graphql::Object]` attribute; macro hygiene lets the expression see
//!   it only if both come from the same expansion. So the final step writes every `complexity`
//!   attribute itself, from the bound each field was declared with, and a string written in
//!   a `fields { }` block would not compile.

use async_graphql::Context;
use chrono::NaiveDate;
use sea_orm::EntityTrait;

use super::scalars::Date;
use crate::services::record::Record;

/// A GraphQL record type: the table it shows and how it is built from a row.
pub trait RecordObject: From<<Self::Entity as EntityTrait>::Model> {
    /// The table.
    type Entity: Record;
}

/// The date a record's relation fields read on when given no `asOf`.
pub trait RelationDate {
    /// `as_of` when given; otherwise the record's default (today, or `defaultAsOf` for records
    /// that hold over a period).
    fn relation_date(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<NaiveDate>;
}

/// Declares a GraphQL record type; see the module documentation.
macro_rules! record_object {
    // ---- Entry: a type that is its row ------------------------------------------------------
    (
        $(#[$($doc:tt)*])*
        $vis:vis struct $name:ident(entity::$module:ident) is $kind:ident $(, $dated:ident by hand)?;
        $($body:tt)*
    ) => {
        $(#[$($doc)*])*
        #[derive(Clone)]
        $vis struct $name(pub(crate) entity::$module::Model);

        impl From<entity::$module::Model> for $name {
            fn from(row: entity::$module::Model) -> Self {
                Self(row)
            }
        }

        $crate::graphql::record_object::record_object!(
            @kind $kind { $(#[$($doc)*])* $name $module 0 $($dated)? } $($body)*
        );
    };

    // ---- Entry: a type with fields besides its row -------------------------------------------
    (
        $(#[$($doc:tt)*])*
        $vis:vis struct $name:ident {
            $(#[$($row_doc:tt)*])*
            row: entity::$module:ident,
            $($(#[$($field_doc:tt)*])* $field:ident: $field_ty:ty),* $(,)?
        } is $kind:ident $(, $dated:ident by hand)?;
        $($body:tt)*
    ) => {
        $(#[$($doc)*])*
        #[derive(Clone)]
        $vis struct $name {
            $(#[$($row_doc)*])*
            pub(crate) row: entity::$module::Model,
            $($(#[$($field_doc)*])* pub(crate) $field: $field_ty,)*
        }

        impl From<entity::$module::Model> for $name {
            fn from(row: entity::$module::Model) -> Self {
                Self { row, $($field: Default::default(),)* }
            }
        }

        $crate::graphql::record_object::record_object!(
            @kind $kind { $(#[$($doc)*])* $name $module row $($dated)? } $($body)*
        );
    };

    // ---- The kinds: relation date, `sources` or not, and the flattened common fields --------
    (@kind plain $($rest:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @build today [] [record_fields RecordFields] $($rest)*
        );
    };
    (@kind core $($rest:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @build today [sources] [record_fields RecordFields archival_fields ArchivalFields]
            $($rest)*
        );
    };
    (@kind relationship $($rest:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @build today [sources] [record_fields RecordFields validity_fields ValidityFields]
            $($rest)*
        );
    };
    (@kind core_with_period $($rest:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @build today [sources] [
                record_fields RecordFields archival_fields ArchivalFields
                validity_fields ValidityFields
            ] $($rest)*
        );
    };
    (@kind temporal $($rest:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @build within [sources] [
                record_fields RecordFields archival_fields ArchivalFields
                validity_fields ValidityFields default_as_of_fields DefaultAsOfFields
            ] $($rest)*
        );
    };

    (
        @build $dates:ident [$($sources:ident)?] [$($group:ident $group_ty:ident)*]
        { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt $($dated:ident)? }
        $($body:tt)*
    ) => {
        impl $crate::graphql::record_object::RecordObject for $name {
            type Entity = entity::$module::Entity;
        }

        $($crate::graphql::record_object::record_object!(@from $group_ty $module);)*

        $crate::graphql::record_object::record_object!(@dates $dates $($dated)? $name $row);

        $crate::graphql::record_object::record_object!(
            @tail [] [$($sources)? $($group $group_ty)*]
            { $(#[$($doc)*])* $name $module $row }
            $($body)*
        );
    };

    // ---- The common fields, read from the row ------------------------------------------------
    (@from RecordFields $module:ident) => {
        impl From<&entity::$module::Model> for $crate::graphql::record_fields::RecordFields {
            fn from(m: &entity::$module::Model) -> Self {
                Self {
                    id: m.id,
                    sensitivity: m.sensitivity,
                    created_at: m.created_at,
                    updated_at: m.updated_at,
                    version: m.version,
                }
            }
        }
    };
    (@from ArchivalFields $module:ident) => {
        impl From<&entity::$module::Model> for $crate::graphql::record_fields::ArchivalFields {
            fn from(m: &entity::$module::Model) -> Self {
                Self { archived_at: m.archived_at }
            }
        }
    };
    (@from ValidityFields $module:ident) => {
        impl From<&entity::$module::Model> for $crate::graphql::record_fields::ValidityFields {
            fn from(m: &entity::$module::Model) -> Self {
                Self {
                    valid_from: m.valid_from,
                    valid_to: m.valid_to,
                }
            }
        }
    };
    (@from DefaultAsOfFields $module:ident) => {
        impl From<&entity::$module::Model> for $crate::graphql::record_fields::DefaultAsOfFields {
            fn from(m: &entity::$module::Model) -> Self {
                Self {
                    kind: <entity::$module::Entity as $crate::services::record::Record>::KIND,
                    period: m.into(),
                }
            }
        }
    };

    // ---- The date relations read on ----------------------------------------------------------
    (@dates $dates:ident dated $name:ident $row:tt) => {};
    (@dates today $name:ident $row:tt) => {
        impl $crate::graphql::record_object::RelationDate for $name {
            fn relation_date(
                &self,
                ctx: &async_graphql::Context<'_>,
                as_of: Option<$crate::graphql::scalars::Date>,
            ) -> async_graphql::Result<chrono::NaiveDate> {
                Ok($crate::graphql::context::as_of(ctx, as_of)?)
            }
        }
    };
    (@dates within $name:ident $row:tt) => {
        impl $crate::graphql::record_object::RelationDate for $name {
            fn relation_date(
                &self,
                ctx: &async_graphql::Context<'_>,
                as_of: Option<$crate::graphql::scalars::Date>,
            ) -> async_graphql::Result<chrono::NaiveDate> {
                Ok($crate::graphql::as_of::within(ctx, as_of, &self.$row)?)
            }
        }
    };

    // ---- The fields every record type ends with: `sources`, then the flattened ones ----------
    //
    // Each field is collected as `([cost] [tokens])`: the bound its list is charged for, if it
    // is a list, and the field. The final arm writes the `complexity` attributes itself: the
    // attribute's expression names `child_complexity`, a variable async-graphql declares with
    // the span of the `#[async_graphql::Object]` attribute, so the two must come from the same
    // expansion.
    (
        @tail [$($tail:tt)*] [sources $($groups:tt)*]
        { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt }
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @tail [
                $($tail)*
                ([crate::graphql::cost::SOURCES] [
                    /// The documents and paragraphs that state this record.
                    async fn sources(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                    ) -> async_graphql::Result<Vec<crate::graphql::document::SourceCitation>> {
                        $crate::graphql::record_fields::sources_of(ctx, self.$row.id).await
                    }
                ])
            ] [$($groups)*]
            { $(#[$($doc)*])* $name $module $row }
            $($body)*
        );
    };
    (
        @tail [$($tail:tt)*] [$group:ident $group_ty:ident $($groups:tt)*]
        { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt }
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @tail [
                $($tail)*
                ([] [
                    #[graphql(flatten)]
                    async fn $group(&self) -> crate::graphql::record_fields::$group_ty {
                        (&self.$row).into()
                    }
                ])
            ] [$($groups)*]
            { $(#[$($doc)*])* $name $module $row }
            $($body)*
        );
    };
    (@tail [$($tail:tt)*] [] $head:tt $($body:tt)*) => {
        $crate::graphql::record_object::record_object!(@fields $head [] [$($tail)*] $($body)*);
    };

    // ---- The declared fields, in order -------------------------------------------------------
    (@fields $head:tt [$($fields:tt)*] $tail:tt fields { $($own:tt)* } $($body:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @fields $head [$($fields)* ([] [$($own)*])] $tail $($body)*
        );
    };
    (@fields $head:tt [$($fields:tt)*] $tail:tt field($cost:expr) { $($own:tt)* } $($body:tt)*) => {
        $crate::graphql::record_object::record_object!(
            @fields $head [$($fields)* ([$cost] [$($own)*])] $tail $($body)*
        );
    };
    (
        @fields { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt } [$($fields:tt)*] $tail:tt
        $(#[$($attr:tt)*])* $field:ident: one $ty:ident($column:ident);
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @fields { $(#[$($doc)*])* $name $module $row } [
                $($fields)*
                ([] [
                    $(#[$($attr)*])*
                    async fn $field(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                    ) -> async_graphql::Result<Option<$ty>> {
                        $crate::graphql::relations::one_as::<$ty>(ctx, self.$row.$column).await
                    }
                ])
            ] $tail $($body)*
        );
    };
    (
        @fields { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt } [$($fields:tt)*] $tail:tt
        $(#[$($attr:tt)*])* $field:ident: many $ty:ident($child:ident::$column:ident),
            as_of $as_of:literal, cost $cost:expr $(, order $order:expr)?;
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @fields { $(#[$($doc)*])* $name $module $row } [
                $($fields)*
                ([$cost] [
                    $(#[$($attr)*])*
                    async fn $field(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                        #[graphql(desc = $as_of)] as_of: Option<crate::graphql::scalars::Date>,
                    ) -> async_graphql::Result<Vec<$ty>> {
                        let on = $crate::graphql::record_object::RelationDate::relation_date(
                            self, ctx, as_of,
                        )?;
                        let rows = $crate::graphql::relations::many::<entity::$child::Entity>(
                            ctx,
                            entity::$child::Column::$column,
                            self.$row.id,
                            Some(on),
                        )
                        .await?;
                        $(let rows = $crate::graphql::relations::sorted(rows, $order);)?
                        Ok($crate::graphql::relations::wrap(rows, $ty::from))
                    }
                ])
            ] $tail $($body)*
        );
    };
    (
        @fields { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt } [$($fields:tt)*] $tail:tt
        $(#[$($attr:tt)*])* $field:ident: many $ty:ident from $load:ident($($arg:expr),*),
            as_of $as_of:literal;
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @fields { $(#[$($doc)*])* $name $module $row } [
                $($fields)*
                ([crate::graphql::cost::RELATION] [
                    $(#[$($attr)*])*
                    async fn $field(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                        #[graphql(desc = $as_of)] as_of: Option<crate::graphql::scalars::Date>,
                    ) -> async_graphql::Result<Vec<$ty>> {
                        let on = $crate::graphql::record_object::RelationDate::relation_date(
                            self, ctx, as_of,
                        )?;
                        $load(ctx, self.$row.id, on $(, $arg)*).await
                    }
                ])
            ] $tail $($body)*
        );
    };
    (
        @fields $head:tt [$($fields:tt)*] $tail:tt
        $(#[$($attr:tt)*])* $field:ident: many $ty:ident($child:ident::$column:ident),
            as_of $as_of:literal $(, order $order:expr)?;
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @fields $head [$($fields)*] $tail
            $(#[$($attr)*])* $field: many $ty($child::$column),
                as_of $as_of, cost crate::graphql::cost::RELATION $(, order $order)?;
            $($body)*
        );
    };
    (
        @fields { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt } [$($fields:tt)*] $tail:tt
        $(#[$($attr:tt)*])* $field:ident: many $ty:ident($child:ident::$column:ident)
            $(, order $order:expr)?;
        $($body:tt)*
    ) => {
        $crate::graphql::record_object::record_object!(
            @fields { $(#[$($doc)*])* $name $module $row } [
                $($fields)*
                ([crate::graphql::cost::RELATION] [
                    $(#[$($attr)*])*
                    async fn $field(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                    ) -> async_graphql::Result<Vec<$ty>> {
                        let rows = $crate::graphql::relations::many::<entity::$child::Entity>(
                            ctx,
                            entity::$child::Column::$column,
                            self.$row.id,
                            None,
                        )
                        .await?;
                        $(let rows = $crate::graphql::relations::sorted(rows, $order);)?
                        Ok($crate::graphql::relations::wrap(rows, $ty::from))
                    }
                ])
            ] $tail $($body)*
        );
    };

    // ---- Everything read: the impl ------------------------------------------------------------
    (
        @fields { $(#[$($doc:tt)*])* $name:ident $module:ident $row:tt }
        [$(([$($cost:expr)?] [$($field:tt)*]))*]
        [$(([$($tail_cost:expr)?] [$($tail:tt)*]))*]
    ) => {
        $(#[$($doc)*])*
        #[async_graphql::Object]
        impl $name {
            /// Opaque global ID.
            pub async fn id(&self) -> async_graphql::ID {
                $crate::graphql::ids::encode(
                    <entity::$module::Entity as $crate::services::record::Record>::KIND,
                    self.$row.id,
                )
            }

            $(
                $(#[graphql(complexity = crate::graphql::cost::list($cost, child_complexity))])?
                $($field)*
            )*

            $(
                $(#[graphql(complexity = crate::graphql::cost::list($tail_cost, child_complexity))])?
                $($tail)*
            )*
        }
    };
}

pub(crate) use record_object;
