//! Documents and the source citations that tie any record to a document and paragraph.

use chrono::NaiveDate;
use entity::{component, document, enums, mission, organization, source_citation as citation};
use sea_orm::{ColumnTrait, DatabaseConnection, QueryFilter, Select, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::record::RecordKind;
use super::{validate, write};
use crate::error::{AppError, AppResult};

/// Filters of the document list.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub search: Option<String>,
    pub kinds: Vec<enums::DocumentKind>,
    pub mission_id: Option<Uuid>,
    pub include_archived: bool,
}

/// Orderings of the document list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentOrder {
    TitleAsc,
    CreatedAtDesc,
}

impl DocumentOrder {
    pub fn ordering(self) -> Ordering<document::Column> {
        match self {
            Self::TitleAsc => Ordering {
                name: "TITLE_ASC",
                column: document::Column::Title,
                descending: false,
            },
            Self::CreatedAtDesc => Ordering {
                name: "CREATED_AT_DESC",
                column: document::Column::CreatedAt,
                descending: true,
            },
        }
    }
}

/// The visible documents matching `filter`.
impl Listing for DocumentFilter {
    type Entity = document::Entity;

    fn select(&self, viewer: &Viewer) -> Select<document::Entity> {
        let mut select = crud::searched::<document::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: None,
            },
            self.search.as_deref(),
            &[document::Column::Title, document::Column::Symbol],
        );
        if !self.kinds.is_empty() {
            select = select.filter(document::Column::Kind.is_in(self.kinds.iter().copied()));
        }
        if let Some(mission) = self.mission_id {
            select = select.filter(crud::refers_to::<entity::mission::Entity>(
                viewer,
                document::Column::MissionId,
                mission,
            ));
        }
        select
    }
}

/// A document as submitted (creation and full replacement alike).
#[derive(Debug, Clone)]
pub struct DocumentFields {
    pub kind: enums::DocumentKind,
    pub title: String,
    pub symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub coverage: Option<enums::DocumentCoverage>,
    pub mission_id: Option<Uuid>,
    pub drafted_by_component_id: Option<Uuid>,
    pub drafted_by_organization_id: Option<Uuid>,
    pub url: Option<String>,
    pub sensitivity: enums::Sensitivity,
}

struct CleanDocument {
    title: String,
    symbol: Option<String>,
    url: Option<String>,
}

fn clean(fields: &DocumentFields) -> AppResult<CleanDocument> {
    let title = validate::name("input.title", &fields.title)?;
    let symbol = validate::text("input.symbol", fields.symbol.clone())?;
    if symbol.as_ref().is_some_and(|s| s.chars().count() > 64) {
        return Err(AppError::invalid(
            "input.symbol",
            "`input.symbol` must be at most 64 characters",
        ));
    }
    let url = validate::text("input.url", fields.url.clone())?;
    if let Some(url) = &url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(AppError::invalid(
                "input.url",
                format!("`input.url` must be an http(s) address; got `{url}`"),
            ));
        }
    }
    Ok(CleanDocument { title, symbol, url })
}

async fn check_references<C: sea_orm::ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    fields: &DocumentFields,
) -> AppResult<()> {
    let mission = validate::optional_reference::<mission::Entity, _>(
        db,
        viewer,
        "input.missionId",
        fields.mission_id,
    )
    .await?;
    let drafter = validate::optional_reference::<component::Entity, _>(
        db,
        viewer,
        "input.draftedByComponentId",
        fields.drafted_by_component_id,
    )
    .await?;
    validate::optional_reference::<organization::Entity, _>(
        db,
        viewer,
        "input.draftedByOrganizationId",
        fields.drafted_by_organization_id,
    )
    .await?;
    if let (Some(drafter), Some(mission)) = (&drafter, &mission) {
        if drafter.mission_id != mission.id {
            return Err(AppError::invalid(
                "input.draftedByComponentId",
                "`input.draftedByComponentId` must be a component of the document's mission",
            ));
        }
    }
    Ok(())
}

/// Creates a document.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    fields: DocumentFields,
) -> AppResult<document::Model> {
    let clean = clean(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            check_references(tx, &viewer, &fields).await?;
            let (id, now) = write::new_ids();
            let row = document::ActiveModel {
                id: Set(id),
                mission_id: Set(fields.mission_id),
                kind: Set(fields.kind),
                title: Set(clean.title),
                symbol: Set(clean.symbol),
                issued_on: Set(fields.issued_on),
                coverage: Set(fields.coverage),
                drafted_by_component_id: Set(fields.drafted_by_component_id),
                drafted_by_organization_id: Set(fields.drafted_by_organization_id),
                url: Set(clean.url),
                archived_at: Set(None),
                sensitivity: Set(fields.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<document::Entity, _>(tx, &viewer, "createDocument", row).await
        })
    })
    .await
}

/// Replaces a document's fields at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    fields: DocumentFields,
) -> AppResult<document::Model> {
    let clean = clean(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            check_references(tx, &viewer, &fields).await?;
            write::update::<document::Entity, _, _>(
                tx,
                &viewer,
                "updateDocument",
                id,
                version,
                |_, row| {
                    row.mission_id = Set(fields.mission_id);
                    row.kind = Set(fields.kind);
                    row.title = Set(clean.title);
                    row.symbol = Set(clean.symbol);
                    row.issued_on = Set(fields.issued_on);
                    row.coverage = Set(fields.coverage);
                    row.drafted_by_component_id = Set(fields.drafted_by_component_id);
                    row.drafted_by_organization_id = Set(fields.drafted_by_organization_id);
                    row.url = Set(clean.url);
                    row.sensitivity = Set(fields.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}

/// A citation as submitted.
#[derive(Debug, Clone)]
pub struct CitationFields {
    pub locator: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub illustrative: bool,
    pub sensitivity: enums::Sensitivity,
}

fn clean_citation(
    fields: &CitationFields,
) -> AppResult<(Option<String>, Option<String>, Option<String>)> {
    let locator = validate::text("input.locator", fields.locator.clone())?;
    if locator.as_ref().is_some_and(|l| l.chars().count() > 64) {
        return Err(AppError::invalid(
            "input.locator",
            "`input.locator` must be at most 64 characters",
        ));
    }
    Ok((
        locator,
        validate::text("input.quote", fields.quote.clone())?,
        validate::text("input.note", fields.note.clone())?,
    ))
}

/// Cites `document_id` as a source of the record `record_id` of kind `kind`; the record must
/// exist and be visible to the caller.
pub async fn cite(
    db: &DatabaseConnection,
    viewer: &Viewer,
    kind: RecordKind,
    record_id: Uuid,
    document_id: Uuid,
    fields: CitationFields,
) -> AppResult<citation::Model> {
    let (locator, quote, note) = clean_citation(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if !super::exists::record_exists(tx, &viewer, kind, record_id).await? {
                return Err(AppError::invalid(
                    "input.recordId",
                    "`input.recordId` refers to no record",
                ));
            }
            validate::reference::<document::Entity, _>(
                tx,
                &viewer,
                "input.documentId",
                document_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = citation::ActiveModel {
                id: Set(id),
                record_type: Set(kind.name().to_owned()),
                record_id: Set(record_id),
                document_id: Set(document_id),
                locator: Set(locator),
                quote: Set(quote),
                note: Set(note),
                illustrative: Set(fields.illustrative),
                sensitivity: Set(fields.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<citation::Entity, _>(tx, &viewer, "citeSource", row).await
        })
    })
    .await
}

/// Corrects a citation's locator, quote, note or flag.
pub async fn update_citation(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    fields: CitationFields,
) -> AppResult<citation::Model> {
    let (locator, quote, note) = clean_citation(&fields)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::update::<citation::Entity, _, _>(
                tx,
                &viewer,
                "updateSourceCitation",
                id,
                version,
                |_, row| {
                    row.locator = Set(locator);
                    row.quote = Set(quote);
                    row.note = Set(note);
                    row.illustrative = Set(fields.illustrative);
                    row.sensitivity = Set(fields.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}
