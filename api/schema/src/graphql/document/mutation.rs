//! Mutations of documents and source citations.

use async_graphql::{Context, Object};

use super::inputs::{
    CiteSourceInput, DocumentFields, UpdateDocumentInput, UpdateSourceCitationInput,
};
use super::types::{Document, SourceCitation};
use crate::error::AppError;
use crate::graphql::common_inputs::{archive, ArchiveInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::document as service;

#[derive(Default)]
pub struct DocumentMutation;

#[Object]
impl DocumentMutation {
    /// Records a document.
    async fn create_document(
        &self,
        ctx: &Context<'_>,
        input: DocumentFields,
    ) -> async_graphql::Result<Document> {
        let fields = input.into_service()?;
        Ok(Document(
            service::create(&api(ctx)?.db, viewer(ctx)?, fields).await?,
        ))
    }

    /// Replaces every field of a document.
    async fn update_document(
        &self,
        ctx: &Context<'_>,
        input: UpdateDocumentInput,
    ) -> async_graphql::Result<Document> {
        let id = ids::decode(&input.id, NodeKind::Document, "input.id")?;
        let fields = input.fields.into_service()?;
        Ok(Document(
            service::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, fields).await?,
        ))
    }

    /// Archives a document; citations of it stay.
    async fn archive_document(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<Document> {
        Ok(Document(
            archive::<entity::document::Entity>(ctx, input).await?,
        ))
    }

    /// Cites a document (and paragraph) as a source of any record.
    async fn cite_source(
        &self,
        ctx: &Context<'_>,
        input: CiteSourceInput,
    ) -> async_graphql::Result<SourceCitation> {
        let (kind, record_id) = ids::decode_any(input.record_id.as_str(), "input.recordId")?;
        if kind == NodeKind::SourceCitation {
            return Err(
                AppError::invalid("input.recordId", "a citation cannot cite a citation").into(),
            );
        }
        let document = ids::decode(&input.document_id, NodeKind::Document, "input.documentId")?;
        let cited = service::cite(
            &api(ctx)?.db,
            viewer(ctx)?,
            kind,
            record_id,
            document,
            input.fields.into(),
        )
        .await?;
        Ok(SourceCitation(cited))
    }

    /// Corrects a citation (locator, quote, note, illustrative flag, sensitivity).
    async fn update_source_citation(
        &self,
        ctx: &Context<'_>,
        input: UpdateSourceCitationInput,
    ) -> async_graphql::Result<SourceCitation> {
        let id = ids::decode(&input.id, NodeKind::SourceCitation, "input.id")?;
        let updated = service::update_citation(
            &api(ctx)?.db,
            viewer(ctx)?,
            id,
            input.version,
            input.fields.into(),
        )
        .await?;
        Ok(SourceCitation(updated))
    }
}
