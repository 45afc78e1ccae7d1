//! Arguments of document queries and mutations.

use async_graphql::{Enum, InputObject, ID};

use crate::graphql::enums::{DocumentCoverage, DocumentKind, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::document as service;

/// Filters of the document list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct DocumentFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against title and symbol.
    pub search: Option<String>,
    /// Only documents of these kinds.
    pub kinds: Option<Vec<DocumentKind>>,
    /// Only documents of this mission.
    pub mission_id: Option<ID>,
    /// Include archived documents (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl DocumentFilter {
    pub fn into_service(self) -> async_graphql::Result<service::DocumentFilter> {
        Ok(service::DocumentFilter {
            search: self.search,
            kinds: self
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "filter.missionId",
            )?,
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the document list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentOrder {
    /// By title, A to Z.
    #[default]
    TitleAsc,
    /// Most recently recorded first.
    CreatedAtDesc,
}

impl From<DocumentOrder> for service::DocumentOrder {
    fn from(o: DocumentOrder) -> Self {
        match o {
            DocumentOrder::TitleAsc => Self::TitleAsc,
            DocumentOrder::CreatedAtDesc => Self::CreatedAtDesc,
        }
    }
}

/// The fields of a document (all replaced on update).
#[derive(InputObject)]
pub struct DocumentFields {
    /// What kind of document it is.
    pub kind: DocumentKind,
    /// Title.
    pub title: String,
    /// Symbol or reference (at most 64 characters).
    pub symbol: Option<String>,
    /// Date of issue.
    pub issued_on: Option<Date>,
    /// For strategies: the mission only, or the whole UN system.
    pub coverage: Option<DocumentCoverage>,
    /// The mission it belongs to.
    pub mission_id: Option<ID>,
    /// The component that drafted it (of the same mission).
    pub drafted_by_component_id: Option<ID>,
    /// The organisation that drafted it.
    pub drafted_by_organization_id: Option<ID>,
    /// An http(s) address where it can be read.
    pub url: Option<String>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl DocumentFields {
    pub fn into_service(self) -> async_graphql::Result<service::DocumentFields> {
        Ok(service::DocumentFields {
            kind: self.kind.into(),
            title: self.title,
            symbol: self.symbol,
            issued_on: self.issued_on.map(|d| d.0),
            coverage: self.coverage.map(Into::into),
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "input.missionId",
            )?,
            drafted_by_component_id: ids::decode_optional(
                self.drafted_by_component_id.as_ref(),
                NodeKind::Component,
                "input.draftedByComponentId",
            )?,
            drafted_by_organization_id: ids::decode_optional(
                self.drafted_by_organization_id.as_ref(),
                NodeKind::Organization,
                "input.draftedByOrganizationId",
            )?,
            url: self.url,
            sensitivity: self.sensitivity.into(),
        })
    }
}

/// New values for every field of a document.
#[derive(InputObject)]
pub struct UpdateDocumentInput {
    /// The document's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    #[graphql(flatten)]
    pub fields: DocumentFields,
}

/// The fields of a citation (all replaced on update).
#[derive(InputObject)]
pub struct CitationFields {
    /// Where in the document, e.g. `¶59` or `§8.2.2` (at most 64 characters).
    pub locator: Option<String>,
    /// The words quoted.
    pub quote: Option<String>,
    /// A note, e.g. why the record is illustrative.
    pub note: Option<String>,
    /// The record is illustrative structure the document does not state.
    #[graphql(default)]
    pub illustrative: bool,
    /// Who may see the citation (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl From<CitationFields> for service::CitationFields {
    fn from(f: CitationFields) -> Self {
        Self {
            locator: f.locator,
            quote: f.quote,
            note: f.note,
            illustrative: f.illustrative,
            sensitivity: f.sensitivity.into(),
        }
    }
}

/// Cite a document as a source of any record.
#[derive(InputObject)]
pub struct CiteSourceInput {
    /// The global ID of the record the document states.
    pub record_id: ID,
    /// The document.
    pub document_id: ID,
    #[graphql(flatten)]
    pub fields: CitationFields,
}

/// New values for a citation.
#[derive(InputObject)]
pub struct UpdateSourceCitationInput {
    /// The citation's global ID.
    pub id: ID,
    /// The version the client read.
    pub version: i32,
    #[graphql(flatten)]
    pub fields: CitationFields,
}
