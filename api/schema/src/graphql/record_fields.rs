//! The fields every record type shares, defined once and flattened into each type with
//! `#[graphql(flatten)]`: what every record has (`sensitivity`, `createdAt`, `updatedAt`,
//! `version`), what core records have (`archivedAt`) and what records that hold over a
//! period have (`validFrom`, `validTo`). `record_object!` (`graphql/record_object.rs`) reads
//! them from each table's rows and flattens the ones of the record's kind into its type.
//!
//! A flattened type must not refer to other record types: async-graphql builds a flattened
//! type's fields while registering the types it refers to, and a cycle back to the flattening
//! type would leave it without them. That is why `sources` (which returns citations, which refer
//! to documents, which refer to missions...) is a plain field on each type (written by
//! `record_object!`), calling [`sources_of`].

use async_graphql::{Context, Object};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::Sensitivity as DbSensitivity;
use uuid::Uuid;

use super::as_of::EffectiveDate;
use super::document::SourceCitation;
use super::enums::Sensitivity;
use super::relations;
use super::scalars::Date;
use crate::services::record::RecordKind;

/// Fields every record has.
pub struct RecordFields {
    pub id: Uuid,
    pub sensitivity: DbSensitivity,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

#[Object]
impl RecordFields {
    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.sensitivity.into()
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// When the record was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }

    /// Version for optimistic concurrency: send it back with an update.
    async fn version(&self) -> i32 {
        self.version
    }
}

/// The citations of the record `id`.
pub async fn sources_of(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Vec<SourceCitation>> {
    let rows = relations::many::<entity::source_citation::Entity>(
        ctx,
        entity::source_citation::Column::RecordId,
        id,
        None,
    )
    .await?;
    Ok(relations::wrap(rows, SourceCitation))
}

/// Fields of core records, which are archived rather than deleted.
pub struct ArchivalFields {
    pub archived_at: Option<DateTime<Utc>>,
}

#[Object]
impl ArchivalFields {
    /// When the record was archived, if it was. Archived records keep their history but leave
    /// default lists.
    async fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.archived_at
    }
}

/// Fields of records that hold over a period (half-open: from `validFrom`, until `validTo`).
#[derive(Clone, Copy)]
pub struct ValidityFields {
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[Object]
impl ValidityFields {
    /// First day on which this holds.
    async fn valid_from(&self) -> Date {
        self.valid_from.into()
    }

    /// First day on which this no longer holds; null while it still does.
    async fn valid_to(&self) -> Option<Date> {
        self.valid_to.map(Into::into)
    }
}

/// The field of records that hold over a period and have relations read on a date (missions,
/// components, posts, clusters, AoRs, forums).
pub struct DefaultAsOfFields {
    pub kind: RecordKind,
    pub period: ValidityFields,
}

#[Object]
impl DefaultAsOfFields {
    /// The date this record's relations (and the analyses of it) are read on when asked without
    /// `asOf`, and why: today while it lasts, its last day once it has ended (a closed mission
    /// shows its last structure, not an empty one).
    async fn default_as_of(&self, ctx: &Context<'_>) -> async_graphql::Result<EffectiveDate> {
        Ok(super::as_of::of_record(ctx, self.kind, self.period)?)
    }
}
