//! The demo dataset (`coordmap seed --demo`, `coordmap serve --demo`): a JSON document in the
//! import format (docs/IMPORT_EXPORT.md), `api/schema/data/demo.json`, built from the source
//! documents the domain is read from, each record citing the paragraphs that state it.
//!
//! Loading it is an import as [`Viewer::system`]: the same transaction, natural-key resolver,
//! checks and record rules as any `coordmap import`, and an `importData` entry in the audit log
//! for every record. The document holds its own marker (the document titled
//! [`DEMO_MARKER_TITLE`]); the import writes every row or none, so the marker's presence means the
//! whole dataset is in, and a second load finds it and changes nothing. docs/DEMO.md says how to
//! change the dataset.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Cursor;

use entity::enums::DocumentKind;
use entity::{cluster, decision_area, document, mission, mission_name, organization};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Deserialize;

use crate::error::AppError;
use crate::services::access::Viewer;
use crate::services::record::RecordKind;
use crate::transfer::import::{import, ImportOptions, Source};

/// The demo dataset, as the import reads it.
pub const DEMO_DOCUMENT: &str = include_str!("../../data/demo.json");
/// The name the import's messages give the document.
const DEMO_FILE: &str = "demo.json";

/// Title of the document that marks the demo dataset as loaded.
pub const DEMO_MARKER_TITLE: &str = "coordmap demo dataset";

/// What a load did.
#[derive(Debug)]
pub enum Outcome {
    /// The dataset was already there; nothing was written.
    AlreadyLoaded,
    Loaded(Summary),
}

/// How many records of each kind a load wrote, and how many source citations.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub records: BTreeMap<RecordKind, usize>,
    pub citations: usize,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.records.values().sum()
    }
}

fn plural(noun: &str, count: usize) -> String {
    if count == 1 {
        return noun.to_owned();
    }
    if let Some(rest) = noun.strip_prefix("area of") {
        return format!("areas of{rest}");
    }
    match noun.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{noun}s"),
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .records
            .iter()
            .map(|(kind, n)| format!("{n} {}", plural(&kind.noun(), *n)))
            .collect();
        write!(
            f,
            "{} records ({}) with {} source citations",
            self.total(),
            parts.join(", "),
            self.citations
        )
    }
}

/// Why a load failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The database already holds records the dataset would create, without its marker.
    #[error("{0}")]
    Occupied(String),
    /// The import refused the document: it breaks a rule of the current schema.
    #[error("the demo document does not import: {}", .0.join("; "))]
    Refused(Vec<String>),
    /// The database failed.
    #[error("cannot load the demo dataset: {}", .0.operator_message())]
    Database(AppError),
}

impl From<AppError> for SeedError {
    fn from(err: AppError) -> Self {
        Self::Database(err)
    }
}

impl From<sea_orm::DbErr> for SeedError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::Database(err.into())
    }
}

/// Whether the demo dataset's marker document is there.
pub async fn demo_is_loaded(db: &DatabaseConnection) -> Result<bool, SeedError> {
    Ok(document::Entity::find()
        .filter(document::Column::Title.eq(DEMO_MARKER_TITLE))
        .filter(document::Column::Kind.eq(DocumentKind::Other))
        .one(db)
        .await?
        .is_some())
}

/// The natural keys of the document: what must not be in the database already.
#[derive(Deserialize)]
struct Keys {
    tables: KeyTables,
}

#[derive(Deserialize)]
struct KeyTables {
    missions: Vec<Acronym>,
    mission_names: Vec<Acronym>,
    organizations: Vec<Code>,
    clusters: Vec<Code>,
    decision_areas: Vec<Code>,
}

#[derive(Deserialize)]
struct Acronym {
    acronym: String,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

/// The natural keys of the demo dataset already taken in the database, as `missions UNMIS` or
/// `organizations UNHCR, OCHA`.
async fn taken_keys(db: &DatabaseConnection) -> Result<Vec<String>, SeedError> {
    let keys: Keys = serde_json::from_str(DEMO_DOCUMENT)
        .map_err(|err| SeedError::Refused(vec![format!("{DEMO_FILE}: {err}")]))?;
    let t = keys.tables;
    let acronyms: Vec<String> = t
        .missions
        .into_iter()
        .chain(t.mission_names)
        .map(|m| m.acronym)
        .collect();
    let codes = |rows: Vec<Code>| rows.into_iter().map(|r| r.code).collect::<Vec<_>>();
    let mut missions: Vec<String> = mission::Entity::find()
        .filter(mission::Column::Acronym.is_in(acronyms.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.acronym)
        .collect();
    missions.extend(
        mission_name::Entity::find()
            .filter(mission_name::Column::Acronym.is_in(acronyms))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.acronym),
    );
    let organizations: Vec<String> = organization::Entity::find()
        .filter(organization::Column::Code.is_in(codes(t.organizations)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.code)
        .collect();
    let clusters: Vec<String> = cluster::Entity::find()
        .filter(cluster::Column::Code.is_in(codes(t.clusters)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let areas: Vec<String> = decision_area::Entity::find()
        .filter(decision_area::Column::Code.is_in(codes(t.decision_areas)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.code)
        .collect();
    Ok([
        ("missions", missions),
        ("organizations", organizations),
        ("clusters", clusters),
        ("decision areas", areas),
    ]
    .into_iter()
    .filter(|(_, keys)| !keys.is_empty())
    .map(|(what, mut keys)| {
        keys.sort();
        keys.dedup();
        format!("{what} {}", keys.join(", "))
    })
    .collect())
}

/// Loads the demo dataset unless it is already loaded. Refuses a database that holds records
/// with the dataset's natural keys but not its marker (someone else's data, which the import
/// would otherwise update in place): nothing is written then.
pub async fn load_demo(db: &DatabaseConnection) -> Result<Outcome, SeedError> {
    if demo_is_loaded(db).await? {
        return Ok(Outcome::AlreadyLoaded);
    }
    let taken = taken_keys(db).await?;
    if !taken.is_empty() {
        return Err(SeedError::Occupied(format!(
            "the database already holds {} but not the demo dataset's marker document \"{DEMO_MARKER_TITLE}\": load the demo dataset into an empty database",
            taken.join("; ")
        )));
    }
    let source = Source::Json {
        file: DEMO_FILE.to_owned(),
        input: Box::new(Cursor::new(DEMO_DOCUMENT.as_bytes())),
    };
    let report = import(db, &Viewer::system(), source, ImportOptions::default()).await?;
    if !report.succeeded() {
        return Err(SeedError::Refused(
            report.problems.iter().map(ToString::to_string).collect(),
        ));
    }
    let mut summary = Summary::default();
    for (table, counts) in report.tables.values() {
        let written = usize::try_from(counts.created).unwrap_or(usize::MAX);
        match RecordKind::from_table(table) {
            Some(RecordKind::SourceCitation) => summary.citations += written,
            Some(kind) if written > 0 => {
                summary.records.insert(kind, written);
            }
            _ => {}
        }
    }
    Ok(Outcome::Loaded(summary))
}

#[cfg(test)]
mod tests;
