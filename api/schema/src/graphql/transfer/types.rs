//! What the import and export return.

use async_graphql::SimpleObject;

use super::inputs::TransferFormat;
use crate::transfer::report::{Counts, ImportReport, Problem};

fn int(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// What an import did to the rows of one table (or of all).
#[derive(SimpleObject)]
pub struct ImportCounts {
    /// The table, e.g. `forum_memberships`; `null` for the totals.
    pub table: Option<String>,
    /// Rows that created a record.
    pub created: i32,
    /// Rows that changed a record.
    pub updated: i32,
    /// Rows that matched a record exactly.
    pub unchanged: i32,
    /// Rows whose only change is an end date on a period that had none (or a later one).
    pub ended: i32,
}

impl ImportCounts {
    fn of(table: Option<String>, c: Counts) -> Self {
        Self {
            table,
            created: int(c.created),
            updated: int(c.updated),
            unchanged: int(c.unchanged),
            ended: int(c.ended),
        }
    }
}

/// Why an input was refused, and where.
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// The file, as named in the input.
    pub file: String,
    /// For JSON documents, the table of the row.
    pub table: Option<String>,
    /// The row: the spreadsheet row for a sheet (headers included), the position within its
    /// table for a JSON document.
    pub row: Option<i32>,
    /// The column: `C (#org+code+member)` in a sheet, the column name in a JSON row.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
    /// The whole message, file, row and column included, as the command line prints it.
    pub text: String,
}

impl From<Problem> for ImportProblem {
    fn from(p: Problem) -> Self {
        Self {
            text: p.to_string(),
            file: p.file,
            table: p.table,
            row: p.row.map(int),
            column: p.column,
            message: p.message,
        }
    }
}

/// The outcome of an import.
#[derive(SimpleObject)]
pub struct ImportDataPayload {
    /// Whether the input was accepted: written, or on a dry run, writable. When false, nothing
    /// was written and `problems` says why.
    pub succeeded: bool,
    /// Whether this was a dry run (nothing written either way).
    pub dry_run: bool,
    /// Counts per table, in load order.
    pub tables: Vec<ImportCounts>,
    /// Counts over every table.
    pub totals: ImportCounts,
    /// Problems with the input (at most 100), each naming its file, row and column.
    pub problems: Vec<ImportProblem>,
}

impl From<ImportReport> for ImportDataPayload {
    fn from(report: ImportReport) -> Self {
        Self {
            succeeded: report.succeeded(),
            dry_run: report.dry_run,
            totals: ImportCounts::of(None, report.totals()),
            tables: report
                .tables
                .values()
                .map(|(name, c)| ImportCounts::of(Some(name.clone()), *c))
                .collect(),
            problems: report
                .problems
                .into_iter()
                .map(ImportProblem::from)
                .collect(),
        }
    }
}

/// One file of an export.
#[derive(SimpleObject)]
pub struct ExportedFile {
    /// Its name, e.g. `coordmap.json` or `forum_memberships.csv`.
    pub name: String,
    /// Its content.
    pub content: String,
}

/// An export of what the caller may read.
#[derive(SimpleObject)]
pub struct ExportedData {
    /// The format of the files.
    pub format: TransferFormat,
    /// The JSON document, or one CSV file per sheet in import order.
    pub files: Vec<ExportedFile>,
    /// What the sheets had to leave out, one line per sheet (always empty for JSON).
    pub notes: Vec<String>,
}
