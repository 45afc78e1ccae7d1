//! Datasets loaded into a database: the demo dataset built from the source documents in
//! `../shared/seeds/` (`coordmap seed --demo`, `coordmap serve --demo`).
//!
//! Loading goes through the services as [`Viewer::system`], so every validation rule of the API
//! applies and every write lands in the audit log. Each service call commits on its own; the
//! marker document is written last, so its presence means the whole dataset is in. A second
//! load finds the marker and changes nothing.

pub mod demo;
mod loader;
pub mod spec;

use std::collections::BTreeMap;
use std::fmt;

use entity::enums::DocumentKind;
use entity::{cluster, decision_area, document, mission, mission_name, organization};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::services::record::RecordKind;

#[cfg(doc)]
use crate::services::access::Viewer;

/// Title of the document that marks the demo dataset as loaded.
pub const DEMO_MARKER_TITLE: &str = "coordmap demo dataset";
const DEMO_MARKER_SYMBOL: &str = "coordmap-demo";

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
    /// Writing one record failed: the dataset breaks a rule, or the database failed.
    #[error("cannot load {what}: {}", .cause.operator_message())]
    Record { what: String, cause: AppError },
}

impl SeedError {
    /// Wraps the failure to write `what`.
    fn at(what: String) -> impl FnOnce(AppError) -> SeedError {
        move |cause| SeedError::Record { what, cause }
    }

    /// A dataset that contradicts itself (an unknown key, a malformed date).
    fn broken(message: String) -> Self {
        Self::Record {
            what: "the dataset".to_owned(),
            cause: AppError::internal(anyhow::anyhow!(message)),
        }
    }
}

fn db_error(err: sea_orm::DbErr) -> SeedError {
    SeedError::Record {
        what: "the demo dataset".to_owned(),
        cause: err.into(),
    }
}

/// Whether the demo dataset's marker document is there.
pub async fn demo_is_loaded(db: &DatabaseConnection) -> Result<bool, SeedError> {
    Ok(document::Entity::find()
        .filter(document::Column::Title.eq(DEMO_MARKER_TITLE))
        .filter(document::Column::Kind.eq(DocumentKind::Other))
        .one(db)
        .await
        .map_err(db_error)?
        .is_some())
}

/// The natural keys of the demo dataset already taken in the database, as `missions UNMIS` or
/// `organizations UNHCR, OCHA`.
async fn taken_keys(db: &DatabaseConnection) -> Result<Vec<String>, SeedError> {
    let mut acronyms: Vec<&str> = demo::missions::MISSIONS.iter().map(|m| m.acronym).collect();
    acronyms.extend(
        demo::missions::MISSIONS
            .iter()
            .filter_map(|m| m.rename.map(|r| r.acronym)),
    );
    let mut missions: Vec<String> = mission::Entity::find()
        .filter(mission::Column::Acronym.is_in(acronyms.clone()))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|m| m.acronym)
        .collect();
    missions.extend(
        mission_name::Entity::find()
            .filter(mission_name::Column::Acronym.is_in(acronyms))
            .all(db)
            .await
            .map_err(db_error)?
            .into_iter()
            .map(|m| m.acronym),
    );
    let organizations: Vec<String> = organization::Entity::find()
        .filter(
            organization::Column::Code
                .is_in(demo::organizations::ORGANIZATIONS.iter().map(|o| o.code)),
        )
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|o| o.code)
        .collect();
    let clusters: Vec<String> = cluster::Entity::find()
        .filter(cluster::Column::Code.is_in(demo::clusters::CLUSTERS.iter().map(|c| c.code)))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|c| c.code)
        .collect();
    let areas: Vec<String> = decision_area::Entity::find()
        .filter(decision_area::Column::Code.is_in(demo::decisions::AREAS.iter().map(|a| a.code)))
        .all(db)
        .await
        .map_err(db_error)?
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
/// with the dataset's natural keys but not its marker (someone else's data, or an interrupted
/// load): nothing is written then.
pub async fn load_demo(db: &DatabaseConnection) -> Result<Outcome, SeedError> {
    if demo_is_loaded(db).await? {
        return Ok(Outcome::AlreadyLoaded);
    }
    let taken = taken_keys(db).await?;
    if !taken.is_empty() {
        return Err(SeedError::Occupied(format!(
            "the database already holds {} but not the demo dataset's marker document \"{DEMO_MARKER_TITLE}\": load the demo dataset into an empty database (an interrupted load leaves such records behind; start again from a fresh one)",
            taken.join("; ")
        )));
    }
    let mut load = loader::Loader::new(db);
    load.organizations(demo::organizations::ORGANIZATIONS)
        .await?;
    load.sources(demo::sources::SOURCES, demo::organizations::ORGANIZATIONS)
        .await?;
    load.places(demo::places::PLACES).await?;
    load.missions(demo::missions::MISSIONS).await?;
    load.components(demo::missions::COMPONENTS).await?;
    load.components(demo::reporting::COMPONENTS).await?;
    load.posts(demo::missions::POSTS).await?;
    load.posts(demo::reporting::POSTS).await?;
    load.lines(demo::missions::LINES).await?;
    load.lines(demo::reporting::LINES).await?;
    load.tasks(demo::missions::TASKS).await?;
    load.clusters(demo::clusters::CLUSTERS).await?;
    load.aors(demo::clusters::AORS).await?;
    load.leads(demo::clusters::LEADS).await?;
    load.forums(demo::forums::FORUMS).await?;
    load.links(demo::forums::LINKS).await?;
    load.seats(demo::forums::SEATS).await?;
    load.decision_areas(demo::decisions::AREAS).await?;
    load.rights(demo::decisions::RIGHTS).await?;
    load.documents(demo::documents::DOCUMENTS).await?;
    load.marker(DEMO_MARKER_TITLE, DEMO_MARKER_SYMBOL).await?;
    Ok(Outcome::Loaded(load.summary()))
}

#[cfg(test)]
mod tests;
