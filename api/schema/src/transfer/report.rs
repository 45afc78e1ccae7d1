//! What an import did (or would do, on a dry run), and why it refused a file.

use std::collections::BTreeMap;
use std::fmt;

/// What happened to one input row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new record.
    Created,
    /// An existing record whose values changed.
    Updated,
    /// An existing record the row already matched exactly.
    Unchanged,
    /// An existing period whose only change is an end date: it no longer holds from that day.
    Ended,
}

/// How many rows of one table had each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub ended: u64,
}

impl Counts {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Ended => self.ended += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.ended
    }

    /// Whether the rows change anything.
    pub fn writes(&self) -> bool {
        self.created + self.updated + self.ended > 0
    }

    fn plus(self, other: Counts) -> Counts {
        Counts {
            created: self.created + other.created,
            updated: self.updated + other.updated,
            unchanged: self.unchanged + other.unchanged,
            ended: self.ended + other.ended,
        }
    }
}

/// Where a problem is: the file, and within it the row and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user named it (`forum_memberships.csv`, `coordmap.json`).
    pub file: String,
    /// For JSON documents, the table the row belongs to.
    pub table: Option<String>,
    /// For sheets, the spreadsheet row (1 = the first line, header rows included); for JSON,
    /// the position of the row within its table (1 = the first).
    pub row: Option<u64>,
    /// The column: `C (#org+code+member)` in a sheet, `forum_id` in a JSON row.
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            table: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match (&self.table, self.row) {
            (Some(table), Some(row)) => write!(f, ", table {table} row {row}")?,
            (Some(table), None) => write!(f, ", table {table}")?,
            (None, Some(row)) => write!(f, ", row {row}")?,
            (None, None) => {}
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The result of an import: the counts per table, in load order, or the problems that stopped
/// it (in which case nothing was written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Whether this was a dry run: nothing was written either way.
    pub dry_run: bool,
    /// Counts per table, keyed by the table's position in the load order.
    pub tables: BTreeMap<usize, (String, Counts)>,
    /// Problems found; non-empty means the import was refused and rolled back.
    pub problems: Vec<Problem>,
}

impl ImportReport {
    pub fn count(&mut self, position: usize, table: &str, outcome: Outcome) {
        self.tables
            .entry(position)
            .or_insert_with(|| (table.to_owned(), Counts::default()))
            .1
            .add(outcome);
    }

    /// The counts of every table together.
    pub fn totals(&self) -> Counts {
        self.tables
            .values()
            .fold(Counts::default(), |sum, (_, c)| sum.plus(*c))
    }

    /// Whether the import went through (or, on a dry run, would have).
    pub fn succeeded(&self) -> bool {
        self.problems.is_empty()
    }

    /// The counts of one table (zero when it had no rows).
    pub fn of(&self, table: &str) -> Counts {
        self.tables
            .values()
            .find(|(name, _)| name == table)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.problems.is_empty() {
            writeln!(
                f,
                "import refused, nothing was written ({} problem{}):",
                self.problems.len(),
                if self.problems.len() == 1 { "" } else { "s" }
            )?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
            return Ok(());
        }
        let verb = if self.dry_run {
            "dry run, nothing was written; the import would give"
        } else {
            "imported"
        };
        writeln!(f, "{verb}:")?;
        writeln!(
            f,
            "  {:<26} {:>9} {:>9} {:>9} {:>9}",
            "table", "created", "updated", "unchanged", "ended"
        )?;
        for (name, c) in self.tables.values() {
            writeln!(
                f,
                "  {name:<26} {:>9} {:>9} {:>9} {:>9}",
                c.created, c.updated, c.unchanged, c.ended
            )?;
        }
        let t = self.totals();
        writeln!(
            f,
            "  {:<26} {:>9} {:>9} {:>9} {:>9}",
            "total", t.created, t.updated, t.unchanged, t.ended
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_the_file_row_and_column() {
        let sheet = Problem {
            file: "forum_memberships.csv".into(),
            table: None,
            row: Some(7),
            column: Some("C (#org+code+member)".into()),
            message: "no organisation has the code UNHRC".into(),
        };
        assert_eq!(
            sheet.to_string(),
            "forum_memberships.csv, row 7, column C (#org+code+member): no organisation has the code UNHRC"
        );
        let json = Problem {
            file: "coordmap.json".into(),
            table: Some("forums".into()),
            row: Some(3),
            column: Some("name".into()),
            message: "`name` must not be empty".into(),
        };
        assert_eq!(
            json.to_string(),
            "coordmap.json, table forums row 3, column name: `name` must not be empty"
        );
        assert_eq!(
            Problem::file("x.csv", "not UTF-8").to_string(),
            "x.csv: not UTF-8"
        );
    }

    #[test]
    fn counts_add_up_per_table_and_in_total() {
        let mut report = ImportReport::default();
        report.count(0, "organizations", Outcome::Created);
        report.count(0, "organizations", Outcome::Unchanged);
        report.count(16, "forum_memberships", Outcome::Ended);
        assert_eq!(report.of("organizations").total(), 2);
        assert_eq!(report.totals().ended, 1);
        assert!(report.totals().writes());
        assert!(report.succeeded());
    }
}
