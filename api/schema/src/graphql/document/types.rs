//! GraphQL types of documents and the citations that tie records to them.

use crate::graphql::enums::{DocumentCoverage, DocumentKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::record_object::record_object;
use crate::graphql::scalars::Date;
use crate::graphql::structure::Component;

record_object! {
    /// A document: a POC strategy, an Integrated Strategic Framework, rules of engagement, an
    /// information-sharing protocol, or one of the source documents records cite.
    pub struct Document(entity::document) is core;

    fields {
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
    }

    /// The mission it belongs to, if any.
    mission: one Mission(mission_id);
    /// The component that drafted it.
    drafted_by_component: one Component(drafted_by_component_id);
    /// The organisation that drafted it.
    drafted_by_organization: one Organization(drafted_by_organization_id);
}

record_object! {
    /// A document and paragraph that state a record.
    pub struct SourceCitation(entity::source_citation) is plain;

    fields {
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
    }

    /// The document.
    document: one Document(document_id);
}
