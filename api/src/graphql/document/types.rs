//! GraphQL types of documents and the citations that tie records to them.

use async_graphql::Context;

use crate::graphql::enums::{DocumentCoverage, DocumentKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::graphql::structure::Component;

use crate::graphql::relations;

/// A document: a POC strategy, an Integrated Strategic Framework, rules of engagement, an
/// information-sharing protocol, or one of the source documents records cite.
#[derive(Clone)]
pub struct Document(pub(crate) entity::document::Model);

/// A document: a POC strategy, an Integrated Strategic Framework, rules of engagement, an
/// information-sharing protocol, or one of the source documents records cite.
#[async_graphql::Object]
impl Document {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Document, self.0.id)
    }

    /// What kind of document it is.
    async fn kind(&self) -> DocumentKind {
        self.0.kind.into()
    }

    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Document symbol or reference, e.g. `S/RES/1925 (2010)`.
    async fn symbol(&self) -> Option<&str> {
        self.0.symbol.as_deref()
    }

    /// Date of issue.
    async fn issued_on(&self) -> Option<Date> {
        self.0.issued_on.map(Into::into)
    }

    /// For strategies: the mission only, or the whole UN system.
    async fn coverage(&self) -> Option<DocumentCoverage> {
        self.0.coverage.map(Into::into)
    }

    /// Where to read it.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The mission it belongs to, if any.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, self.0.mission_id)
                .await?
                .map(Mission::from),
        )
    }

    /// The component that drafted it.
    async fn drafted_by_component(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.drafted_by_component_id)
                .await?
                .map(Component),
        )
    }

    /// The organisation that drafted it.
    async fn drafted_by_organization(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.drafted_by_organization_id)
                .await?
                .map(Organization),
        )
    }

    /// The documents and paragraphs that state this record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::SOURCES, child_complexity)"
    )]
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SourceCitation>> {
        crate::graphql::record_fields::sources_of(ctx, self.0.id).await
    }

    #[graphql(flatten)]
    async fn record_fields(&self) -> crate::graphql::record_fields::RecordFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn archival_fields(&self) -> crate::graphql::record_fields::ArchivalFields {
        (&self.0).into()
    }
}

/// A document and paragraph that state a record.
#[derive(Clone)]
pub struct SourceCitation(pub(crate) entity::source_citation::Model);

/// A document and paragraph that state a record.
#[async_graphql::Object]
impl SourceCitation {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(
            crate::services::record::RecordKind::SourceCitation,
            self.0.id,
        )
    }

    /// The type of the record cited for, e.g. `Forum`.
    async fn record_type(&self) -> &str {
        &self.0.record_type
    }

    /// Where in the document, e.g. `¶59` or `§8.2.2`.
    async fn locator(&self) -> Option<&str> {
        self.0.locator.as_deref()
    }

    /// The words quoted.
    async fn quote(&self) -> Option<&str> {
        self.0.quote.as_deref()
    }

    /// A note, e.g. why a record is illustrative.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// Whether the record is illustrative structure the source does not state.
    async fn illustrative(&self) -> bool {
        self.0.illustrative
    }

    /// The document.
    async fn document(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Document>> {
        Ok(
            relations::one::<entity::document::Entity>(ctx, Some(self.0.document_id))
                .await?
                .map(Document),
        )
    }

    #[graphql(flatten)]
    async fn record_fields(&self) -> crate::graphql::record_fields::RecordFields {
        (&self.0).into()
    }
}
