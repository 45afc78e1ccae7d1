//! One table being imported: where its rows come from (to name the place of a problem) and
//! what the import has done with it so far. Shared by the engine ([`super::import`]), the sheets
//! ([`super::sheets`]) and the checks across rows ([`super::verify`]).

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::hxl::Layout;
use super::report::Problem;
use super::rows::Row;
use super::tables::TableSpec;

/// Rows written per statement.
pub const BATCH: usize = 500;

/// Where the rows of a table come from, to name the place of a problem.
#[derive(Debug, Clone)]
pub enum Origin {
    Json { file: String },
    Sheet(Layout),
}

impl Origin {
    /// A problem at `row`, in the cell of database column `column` where there is one.
    pub fn problem(
        &self,
        table: &TableSpec,
        row: u64,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        match self {
            Self::Json { file } => Problem {
                file: file.clone(),
                table: Some(table.name.to_owned()),
                row: Some(row),
                column: column.map(str::to_owned),
                message: message.into(),
            },
            Self::Sheet(layout) => {
                let key = column.and_then(|c| {
                    layout
                        .sheet
                        .columns
                        .iter()
                        .find(|sc| sc.column == c && layout.has(sc.key))
                        .map(|sc| sc.key)
                });
                match (key, column) {
                    // The place names the cell already; the database column means nothing there.
                    (Some(key), Some(column)) => {
                        let message = message.into().replace(&format!("`{column}`"), "the value");
                        layout.problem(row, key, message)
                    }
                    _ => layout.row_problem(row, message),
                }
            }
        }
    }

    /// What progress reports call the input.
    pub fn label(&self, table: &TableSpec) -> String {
        match self {
            Self::Json { file } => format!("{file} ({})", table.name),
            Self::Sheet(layout) => layout.file.clone(),
        }
    }
}

/// The rows of one table being imported.
pub struct TableRun {
    pub spec: &'static TableSpec,
    pub origin: Origin,
    /// Every record this import wrote or matched in the table, with the row that named it.
    pub rows: HashMap<Uuid, u64>,
    /// Natural keys (JSON) or sheet keys already given, with their row.
    pub keys: HashMap<String, u64>,
    /// References (record, column) that a row kept from the record it updates, among those the
    /// checks want live ([`super::verify::live_references`]): like a mutation, the import checks
    /// again only the references it sets.
    pub kept: HashSet<(Uuid, &'static str)>,
    /// Rows waiting for the next batch (or, for tables referring to themselves, for the end).
    pub pending: Vec<(u64, Row)>,
    /// Rows read so far, for progress reports.
    pub read: u64,
}

impl TableRun {
    pub fn new(spec: &'static TableSpec, origin: Origin) -> Self {
        Self {
            spec,
            origin,
            rows: HashMap::new(),
            keys: HashMap::new(),
            kept: HashSet::new(),
            pending: Vec::new(),
            read: 0,
        }
    }
}

/// A checked row and the record it matches, ready to be written.
pub struct Incoming {
    pub row_no: u64,
    pub row: Row,
    pub existing: Option<Row>,
}
