//! Importing a JSON document or HXL sheets, in one transaction: every row or none.
//!
//! The input is read on a blocking thread and handed over one row at a time through a bounded
//! channel, so neither the file nor its rows are ever held whole. Rows are checked on their own
//! first ([`super::rows`]), then in batches against the database inside the transaction
//! (references, matches), and written in batches with their audit entries. Once a table is
//! loaded, the checks across rows run over the whole table ([`super::checks`]). Any problem
//! rolls everything back; a dry run rolls back too, after counting what it would have done.
//!
//! Records are matched by natural key where the domain has one (mission acronym, organisation,
//! cluster, decision area and geographic area codes; in sheets also names within a mission),
//! by id otherwise, so importing the same input twice changes nothing the second time.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::Value;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::hxl::{HxlReader, HxlRow, Layout, Sheet};
use super::json::{self, JsonEvent, Stop};
use super::keys;
use super::report::{ImportReport, Outcome, Problem};
use super::rows::{self, only_ends, same_content, Row, RowError};
use super::run::{Incoming, Origin, TableRun, BATCH};
use super::sheets::{self, SheetRun, Step};
use super::store::{self, dispatch};
use super::tables::{self, TableSpec};
use super::verify;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::audit;
use crate::services::record::RecordKind;

/// Problems collected before the import stops reading.
const MAX_PROBLEMS: usize = 100;
/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 10_000;
/// Rows in flight between the reading thread and the writer.
const CHANNEL: usize = 1_024;

/// Told how many rows of a file (or table) have been read so far.
pub type Progress = Arc<dyn Fn(&str, u64) + Send + Sync>;

/// How to run an import.
#[derive(Clone, Default)]
pub struct ImportOptions {
    /// Count what the import would do, then roll back.
    pub dry_run: bool,
    pub progress: Option<Progress>,
}

impl std::fmt::Debug for ImportOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions")
            .field("dry_run", &self.dry_run)
            .finish()
    }
}

/// One sheet to import.
pub struct SheetInput {
    /// The name messages use.
    pub file: String,
    /// The sheet the file is named after; `None` recognises it by its hashtags.
    pub sheet: Option<&'static Sheet>,
    pub input: Box<dyn Read + Send>,
}

impl std::fmt::Debug for SheetInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetInput")
            .field("file", &self.file)
            .finish()
    }
}

/// What to import.
pub enum Source {
    /// A JSON document.
    Json {
        file: String,
        input: Box<dyn Read + Send>,
    },
    /// Sheets, imported in the given order (see [`super::hxl::SHEETS`] for the order that
    /// satisfies their references).
    Sheets(Vec<SheetInput>),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Json { file, .. } => f.debug_struct("Json").field("file", file).finish(),
            Self::Sheets(sheets) => f.debug_tuple("Sheets").field(sheets).finish(),
        }
    }
}

/// Imports `source` as `viewer`, in one transaction. Problems with the input come back in the
/// report (and nothing is written); an `Err` is a failure of the server.
pub async fn import(
    db: &DatabaseConnection,
    viewer: &Viewer,
    source: Source,
    options: ImportOptions,
) -> AppResult<ImportReport> {
    let tx = db.begin().await?;
    crate::services::data_version::bump(&tx).await?;
    if tx.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // The import looks rows up by key, 500 at a time, in tables it is filling inside this
        // transaction: their statistics say they are empty, and PostgreSQL would plan each
        // lookup as a scan of the whole table (tested each row against 500 keys), so the
        // import would slow down with every batch. Index lookups keep each batch constant.
        tx.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await?;
    }
    let mut engine = Engine::new(&tx, viewer, options.progress.clone());
    engine.report.dry_run = options.dry_run;
    let outcome = match source {
        Source::Json { file, input } => engine.json(file, input).await,
        Source::Sheets(sheets) => {
            let mut outcome = Ok(());
            for sheet in sheets {
                outcome = engine.sheet(sheet).await;
                if outcome.is_err() || !engine.report.problems.is_empty() {
                    break;
                }
            }
            outcome
        }
    };
    let report = engine.report;
    match outcome {
        Ok(()) if report.problems.is_empty() && !options.dry_run => tx.commit().await?,
        Ok(()) => tx.rollback().await?,
        Err(err) => {
            tx.rollback().await?;
            return Err(err);
        }
    }
    Ok(report)
}

/// The state of one import.
pub(super) struct Engine<'a> {
    pub tx: &'a DatabaseTransaction,
    pub viewer: &'a Viewer,
    pub report: ImportReport,
    /// Ids of the file that a natural key matched to another id in the database.
    remap: HashMap<Uuid, Uuid>,
    progress: Option<Progress>,
    pub now: DateTime<Utc>,
}

impl<'a> Engine<'a> {
    fn new(tx: &'a DatabaseTransaction, viewer: &'a Viewer, progress: Option<Progress>) -> Self {
        Self {
            tx,
            viewer,
            report: ImportReport::default(),
            remap: HashMap::new(),
            progress,
            now: Utc::now(),
        }
    }

    pub(super) fn fail(&mut self, problem: Problem) {
        if self.report.problems.len() < MAX_PROBLEMS {
            self.report.problems.push(problem);
        }
    }

    pub(super) fn full(&self) -> bool {
        self.report.problems.len() >= MAX_PROBLEMS
    }

    /// Runs the checks across the rows of a loaded table.
    async fn verify(&mut self, run: &TableRun) -> AppResult<()> {
        for problem in verify::table(self.tx, run).await? {
            self.fail(problem);
        }
        Ok(())
    }

    /// Reports the problems of a step of a sheet and writes the rows it made ready.
    async fn take(&mut self, run: &mut TableRun, step: Step) -> AppResult<()> {
        for problem in step.problems {
            self.fail(problem);
        }
        if step.ready.is_empty() {
            return Ok(());
        }
        self.apply(run, step.ready).await
    }

    fn sheet_context(&self) -> sheets::Context<'a> {
        sheets::Context {
            tx: self.tx,
            viewer: self.viewer,
            now: self.now,
        }
    }

    pub(super) fn tick(&self, run: &mut TableRun) {
        run.read += 1;
        if run.read.is_multiple_of(PROGRESS_EVERY) {
            if let Some(progress) = &self.progress {
                progress(&run.origin.label(run.spec), run.read);
            }
        }
    }

    // ---- JSON ------------------------------------------------------------------------------

    async fn json(&mut self, file: String, input: Box<dyn Read + Send>) -> AppResult<()> {
        let (sender, mut receiver) = mpsc::channel::<Result<JsonEvent, Problem>>(CHANNEL);
        let name = file.clone();
        let reader = tokio::task::spawn_blocking(move || {
            let errors = sender.clone();
            let result = json::read(&name, input, |event| {
                sender.blocking_send(Ok(event)).map_err(|_| Stop)
            });
            if let Err(problem) = result {
                let _ = errors.blocking_send(Err(problem));
            }
        });
        let origin = Origin::Json { file };
        let mut run: Option<TableRun> = None;
        let mut outcome = Ok(());
        while let Some(message) = receiver.recv().await {
            let step = match message {
                Err(problem) => {
                    self.fail(problem);
                    Ok(())
                }
                Ok(JsonEvent::Row {
                    table,
                    index,
                    value,
                }) => {
                    let current = run.get_or_insert_with(|| TableRun::new(table, origin.clone()));
                    self.json_row(current, index, value).await
                }
                Ok(JsonEvent::TableEnd { table }) => {
                    let mut current = run
                        .take()
                        .unwrap_or_else(|| TableRun::new(table, origin.clone()));
                    self.end_json_table(&mut current).await
                }
            };
            if let Err(err) = step {
                outcome = Err(err);
                break;
            }
            if self.full() {
                break;
            }
        }
        drop(receiver);
        reader.await.map_err(AppError::internal)?;
        outcome
    }

    async fn json_row(&mut self, run: &mut TableRun, index: u64, value: Value) -> AppResult<()> {
        self.tick(run);
        let spec = run.spec;
        let checked: Result<Row, RowError> =
            dispatch!(spec.name, E => Ok(rows::check::<E>(spec, value)))?;
        match checked {
            Ok(row) => run.pending.push((index, row)),
            Err(err) => {
                let problem = run
                    .origin
                    .problem(spec, index, err.column.as_deref(), err.message);
                self.fail(problem);
            }
        }
        if spec.self_reference().is_none() && run.pending.len() >= BATCH {
            let batch = std::mem::take(&mut run.pending);
            self.json_batch(run, batch).await?;
        }
        Ok(())
    }

    async fn end_json_table(&mut self, run: &mut TableRun) -> AppResult<()> {
        let rest = std::mem::take(&mut run.pending);
        if run.spec.self_reference().is_none() {
            self.json_batch(run, rest).await?;
        } else {
            // Parents before children: the rows were held to the end of the table.
            let mut rest = self.natural_keys(run, rest).await?;
            for (_, row) in &mut rest {
                self.remap_references(run.spec, row);
            }
            for batch in self.parents_first(run, rest).chunks(BATCH) {
                self.complete(run, batch.to_vec()).await?;
            }
        }
        self.verify(run).await
    }

    async fn json_batch(&mut self, run: &mut TableRun, batch: Vec<(u64, Row)>) -> AppResult<()> {
        let mut batch = self.natural_keys(run, batch).await?;
        for (_, row) in &mut batch {
            self.remap_references(run.spec, row);
        }
        self.complete(run, batch).await
    }

    /// Matches rows by natural key ([`keys::holders`]): a row whose key a record already has
    /// takes that record's id, and references to the row's own id are redirected to it.
    async fn natural_keys(
        &mut self,
        run: &mut TableRun,
        batch: Vec<(u64, Row)>,
    ) -> AppResult<Vec<(u64, Row)>> {
        let spec = run.spec;
        let Some(column) = spec.natural_key else {
            return Ok(batch);
        };
        let mut kept = Vec::with_capacity(batch.len());
        let mut given = Vec::new();
        for (index, row) in batch {
            let Some(key) = keys::own_key(spec, &row).map(str::to_owned) else {
                kept.push((index, row));
                continue;
            };
            if let Some(first) = run.keys.get(&key) {
                let problem = run.origin.problem(
                    spec,
                    index,
                    Some(column),
                    format!("the {column} {key} is given twice (first at row {first})"),
                );
                self.fail(problem);
                continue;
            }
            run.keys.insert(key.clone(), index);
            given.push(key);
            kept.push((index, row));
        }
        let by_key = keys::holders(self.tx, spec, &given).await?;
        for (_, row) in &mut kept {
            let key = keys::own_key(spec, row).unwrap_or_default();
            let (Some(&existing), Some(own)) = (by_key.get(key), rows::uuid(row, "id")) else {
                continue;
            };
            if existing != own {
                self.remap.insert(own, existing);
                row.insert("id".into(), Value::String(existing.to_string()));
            }
        }
        Ok(kept)
    }

    fn remap_references(&self, spec: &TableSpec, row: &mut Row) {
        if self.remap.is_empty() {
            return;
        }
        let mut columns: Vec<&str> = spec.references.iter().map(|(c, _)| *c).collect();
        if spec.kind == RecordKind::SourceCitation {
            columns.push("record_id");
        }
        for column in columns {
            if let Some(target) = rows::uuid(row, column).and_then(|id| self.remap.get(&id)) {
                row.insert(column.to_owned(), Value::String(target.to_string()));
            }
        }
    }

    /// Orders rows of a table that refers to itself so each parent comes before its children;
    /// rows caught in a loop among themselves are refused.
    fn parents_first(&mut self, run: &TableRun, rows: Vec<(u64, Row)>) -> Vec<(u64, Row)> {
        let Some(column) = run.spec.self_reference() else {
            return rows;
        };
        let ids: HashSet<Uuid> = rows
            .iter()
            .filter_map(|(_, r)| rows::uuid(r, "id"))
            .collect();
        let mut placed: HashSet<Uuid> = HashSet::new();
        let mut ordered = Vec::with_capacity(rows.len());
        let mut waiting = rows;
        loop {
            let before = waiting.len();
            let mut still = Vec::new();
            for (index, row) in waiting {
                let ready = match rows::uuid(&row, column) {
                    Some(parent) => !ids.contains(&parent) || placed.contains(&parent),
                    None => true,
                };
                if ready {
                    placed.extend(rows::uuid(&row, "id"));
                    ordered.push((index, row));
                } else {
                    still.push((index, row));
                }
            }
            waiting = still;
            if waiting.is_empty() || waiting.len() == before {
                break;
            }
        }
        if !waiting.is_empty() {
            let edges: Vec<super::checks::Edge<Uuid>> = waiting
                .iter()
                .filter_map(|(index, row)| {
                    Some(super::checks::Edge {
                        from: rows::uuid(row, "id")?,
                        to: rows::uuid(row, column)?,
                        validity: crate::domain::validity::Validity::new(
                            chrono::NaiveDate::MIN,
                            None,
                        ),
                        row: Some(*index),
                    })
                })
                .collect();
            let row_of: HashMap<Uuid, u64> = waiting
                .iter()
                .filter_map(|(i, r)| Some((rows::uuid(r, "id")?, *i)))
                .collect();
            if let Some(cycle) = super::checks::first_cycle(&edges, false) {
                let rows_named: Vec<String> = cycle
                    .path
                    .iter()
                    .map(|id| {
                        row_of
                            .get(id)
                            .map_or(id.to_string(), |r| format!("row {r}"))
                    })
                    .collect();
                let problem = run.origin.problem(
                    run.spec,
                    edges[cycle.edge].row.unwrap_or_default(),
                    Some(column),
                    format!(
                        "`{column}` closes a cycle among the rows: {} (each names the next as its {column})",
                        rows_named.join(" → ")
                    ),
                );
                self.fail(problem);
            }
        }
        ordered
    }

    /// Checks a batch against the database (duplicates, references) and writes it.
    async fn complete(&mut self, run: &mut TableRun, batch: Vec<(u64, Row)>) -> AppResult<()> {
        let spec = run.spec;
        let mut unique = Vec::with_capacity(batch.len());
        for (index, row) in batch {
            let Some(id) = rows::uuid(&row, "id") else {
                continue;
            };
            if let Some(first) = run.rows.get(&id) {
                let problem = run.origin.problem(
                    spec,
                    index,
                    Some("id"),
                    format!("the record {id} is given twice (first at row {first})"),
                );
                self.fail(problem);
                continue;
            }
            run.rows.insert(id, index);
            unique.push((id, index, row));
        }
        let ids: Vec<Uuid> = unique.iter().map(|(id, _, _)| *id).collect();
        let found: Vec<Row> =
            dispatch!(spec.name, E => store::by_ids::<E, _>(self.tx, &ids).await)?;
        let mut existing: HashMap<Uuid, Row> = found
            .into_iter()
            .filter_map(|r| Some((rows::uuid(&r, "id")?, r)))
            .collect();
        let batch_ids: HashSet<Uuid> = ids.iter().copied().collect();
        let missing = self.missing_references(spec, &unique, &batch_ids).await?;
        let mut incoming = Vec::with_capacity(unique.len());
        for (id, index, row) in unique {
            if let Some((column, message)) = missing.get(&index) {
                let problem = run
                    .origin
                    .problem(spec, index, Some(column), message.clone());
                self.fail(problem);
                continue;
            }
            incoming.push(Incoming {
                row_no: index,
                row,
                existing: existing.remove(&id),
            });
        }
        self.apply(run, incoming).await
    }

    /// The first unknown reference of each row: `row → (column, message)`.
    async fn missing_references(
        &self,
        spec: &TableSpec,
        rows_in: &[(Uuid, u64, Row)],
        batch_ids: &HashSet<Uuid>,
    ) -> AppResult<HashMap<u64, (String, String)>> {
        // (table, column) → ids referenced
        let mut wanted: HashMap<&'static str, HashSet<Uuid>> = HashMap::new();
        let mut refs: Vec<(u64, String, &'static str, Uuid)> = Vec::new();
        for (_, index, row) in rows_in {
            for (column, target) in spec.references {
                if let Some(id) = rows::uuid(row, column) {
                    wanted.entry(target).or_default().insert(id);
                    refs.push((*index, (*column).to_owned(), target, id));
                }
            }
            if spec.kind == RecordKind::SourceCitation {
                let kind = row
                    .get("record_type")
                    .and_then(Value::as_str)
                    .and_then(RecordKind::from_name)
                    .and_then(tables::table_of_kind);
                if let (Some(target), Some(id)) = (kind, rows::uuid(row, "record_id")) {
                    wanted.entry(target.name).or_default().insert(id);
                    refs.push((*index, "record_id".to_owned(), target.name, id));
                }
            }
        }
        let mut present: HashMap<&'static str, HashSet<Uuid>> = HashMap::new();
        for (target, ids) in wanted {
            let ids: Vec<Uuid> = ids.into_iter().collect();
            let mut found: HashSet<Uuid> =
                dispatch!(target, E => store::existing_ids::<E, _>(self.tx, &ids).await)?;
            if target == spec.name {
                found.extend(ids.iter().filter(|id| batch_ids.contains(id)));
            }
            present.insert(target, found);
        }
        let mut missing = HashMap::new();
        for (index, column, target, id) in refs {
            if missing.contains_key(&index) || present.get(target).is_some_and(|s| s.contains(&id))
            {
                continue;
            }
            let noun = tables::table(target).map_or(target.to_owned(), |t| t.kind.noun());
            missing.insert(
                index,
                (
                    column.clone(),
                    format!(
                        "`{column}` refers to no {noun} with the id {id}, neither in the file nor in the database"
                    ),
                ),
            );
        }
        Ok(missing)
    }

    /// Writes a batch of checked rows: creates, updates and ends, each with its audit entry;
    /// rows that match their record exactly change nothing.
    pub(super) async fn apply(
        &mut self,
        run: &mut TableRun,
        batch: Vec<Incoming>,
    ) -> AppResult<()> {
        let spec = run.spec;
        let position = tables::position(spec.name).unwrap_or(usize::MAX);
        let mut creates: Vec<Row> = Vec::new();
        let mut entries: Vec<(Option<Value>, Row, Uuid)> = Vec::new();
        for Incoming {
            row_no,
            mut row,
            existing,
        } in batch
        {
            if let (Some(old), Some(id)) = (&existing, rows::uuid(&row, "id")) {
                for &column in verify::live_references(spec) {
                    if old.get(column) == row.get(column) {
                        run.kept.insert((id, column));
                    }
                }
            }
            let outcome = match &existing {
                None => Outcome::Created,
                Some(old) if same_content(old, &row) => Outcome::Unchanged,
                Some(old) if only_ends(old, &row) => Outcome::Ended,
                Some(_) => Outcome::Updated,
            };
            if outcome == Outcome::Unchanged {
                self.report.count(position, spec.name, outcome);
                continue;
            }
            if let Some(old) = &existing {
                let version = old.get("version").and_then(Value::as_i64).unwrap_or(0) + 1;
                row.insert("version".into(), Value::from(version));
                row.insert(
                    "created_at".into(),
                    old.get("created_at").cloned().unwrap_or(Value::Null),
                );
                row.insert(
                    "updated_at".into(),
                    serde_json::to_value(self.now).map_err(AppError::internal)?,
                );
            }
            let allowed = dispatch!(spec.name, E => store::check_write::<E, _>(self.tx, self.viewer, &row).await);
            match allowed {
                Ok(()) => {}
                Err(err @ AppError::Forbidden(_)) => {
                    let problem = run.origin.problem(spec, row_no, None, err.message());
                    self.fail(problem);
                    continue;
                }
                Err(err) => return Err(err),
            }
            let id = rows::uuid(&row, "id").unwrap_or_default();
            if existing.is_some() {
                dispatch!(spec.name, E => store::update::<E, _>(self.tx, &row).await)?;
            } else {
                creates.push(row.clone());
            }
            entries.push((existing.map(Value::Object), row, id));
            self.report.count(position, spec.name, outcome);
        }
        dispatch!(spec.name, E => store::insert::<E, _>(self.tx, &creates).await)?;
        let entries: Vec<audit::Entry<'_>> = entries
            .into_iter()
            .map(|(before, after, id)| audit::Entry {
                operation: "importData",
                kind: Some(spec.kind),
                record_id: Some(id),
                before,
                after: Some(Value::Object(after)),
            })
            .collect();
        audit::append_many(self.tx, self.viewer, entries).await
    }

    // ---- Sheets ----------------------------------------------------------------------------

    async fn sheet(&mut self, input: SheetInput) -> AppResult<()> {
        enum Message {
            Opened(Layout),
            Row(HxlRow),
            Problem(Problem),
        }
        let (sender, mut receiver) = mpsc::channel::<Message>(CHANNEL);
        let SheetInput { file, sheet, input } = input;
        let reader = tokio::task::spawn_blocking(move || {
            let reader = match HxlReader::open(&file, input, sheet) {
                Ok(reader) => reader,
                Err(problem) => {
                    let _ = sender.blocking_send(Message::Problem(problem));
                    return;
                }
            };
            if sender
                .blocking_send(Message::Opened(reader.layout().clone()))
                .is_err()
            {
                return;
            }
            for row in reader {
                let message = match row {
                    Ok(row) => Message::Row(row),
                    Err(problem) => Message::Problem(problem),
                };
                if sender.blocking_send(message).is_err() {
                    return;
                }
            }
        });
        let mut sheet_run: Option<SheetRun> = None;
        let mut outcome = Ok(());
        while let Some(message) = receiver.recv().await {
            let step = match message {
                Message::Problem(problem) => {
                    self.fail(problem);
                    Ok(())
                }
                Message::Opened(layout) => SheetRun::new(layout).map(|run| {
                    sheet_run = Some(run);
                }),
                Message::Row(row) => match sheet_run.as_mut() {
                    Some(sheet) => {
                        self.tick(&mut sheet.run);
                        match sheets::row(&self.sheet_context(), sheet, row).await {
                            Ok(step) => self.take(&mut sheet.run, step).await,
                            Err(err) => Err(err),
                        }
                    }
                    None => Ok(()),
                },
            };
            if let Err(err) = step {
                outcome = Err(err);
                break;
            }
            if self.full() {
                break;
            }
        }
        drop(receiver);
        reader.await.map_err(AppError::internal)?;
        outcome?;
        match sheet_run {
            Some(mut sheet) if !self.full() => self.finish_sheet(&mut sheet).await,
            _ => Ok(()),
        }
    }

    /// Writes what is left of a sheet, batch by batch, and runs the checks across its rows.
    async fn finish_sheet(&mut self, sheet: &mut SheetRun) -> AppResult<()> {
        let (batches, problem) = sheets::remaining(sheet);
        if let Some(problem) = problem {
            self.fail(problem);
        }
        for batch in batches {
            let step = sheets::flush(&self.sheet_context(), sheet, batch).await?;
            self.take(&mut sheet.run, step).await?;
        }
        self.verify(&sheet.run).await
    }
}
