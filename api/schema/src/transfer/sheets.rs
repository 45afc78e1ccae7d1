//! Importing HXL sheets, the engine's side: each row is read into a draft ([`super::drafts`]),
//! its natural keys resolved ([`super::keys`]), and the row matched to the record it describes
//! by the sheet's key. A matched record keeps the values of the columns the sheet does not have;
//! a present but empty cell clears an optional value. The rows then go back to the engine as
//! [`Incoming`] rows, for the same checks and writes as JSON rows.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;
use serde_json::Value;
use uuid::Uuid;

use super::drafts::{self, Draft};
use super::hxl::{self, HxlRow, Layout};
use super::keys::{Key, Resolver};
use super::report::Problem;
use super::rows::{self, Row, RowError};
use super::run::{Incoming, Origin, TableRun, BATCH};
use super::store::{self, dispatch, KeyPart};
use super::tables;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;

/// What a sheet reads the database with.
pub(super) struct Context<'a> {
    pub tx: &'a DatabaseTransaction,
    pub viewer: &'a Viewer,
    /// The time new and changed records are stamped with.
    pub now: DateTime<Utc>,
}

/// What a step of a sheet leaves for the engine: problems to report, rows ready to write.
#[derive(Default)]
pub(super) struct Step {
    pub problems: Vec<Problem>,
    pub ready: Vec<Incoming>,
}

/// A sheet row with its natural keys resolved, waiting for its batch.
pub(super) struct Filled {
    row_no: u64,
    /// The database columns the row sets.
    values: Vec<(&'static str, Value)>,
    /// For organisations: the parent's code, resolved when the batch is written.
    parent_code: Option<Option<String>>,
}

/// The import of one sheet.
pub(super) struct SheetRun {
    layout: Layout,
    pub run: TableRun,
    resolver: Resolver,
    filled: Vec<Filled>,
}

impl SheetRun {
    pub(super) fn new(layout: Layout) -> AppResult<Self> {
        let spec = tables::table(layout.sheet.name).ok_or_else(|| {
            AppError::internal(anyhow::anyhow!(
                "no table for the sheet {}",
                layout.sheet.name
            ))
        })?;
        Ok(Self {
            run: TableRun::new(spec, Origin::Sheet(layout.clone())),
            layout,
            resolver: Resolver::default(),
            filled: Vec::new(),
        })
    }

    /// Organisations are held to the end of the sheet, so parents can be written first.
    fn held(&self) -> bool {
        self.layout.sheet.name == hxl::ORGANIZATIONS.name
    }
}

/// Takes one row of the sheet: the batch it completes, if it does.
pub(super) async fn row(cx: &Context<'_>, sheet: &mut SheetRun, row: HxlRow) -> AppResult<Step> {
    let draft = match drafts::parse(&sheet.layout, &row) {
        Ok(draft) => draft,
        Err(problem) => return Ok(failed(problem)),
    };
    let filled = match resolve(cx, sheet, draft).await? {
        Ok(filled) => filled,
        Err(problem) => return Ok(failed(problem)),
    };
    let key = key_text(&key_of(sheet.run.spec.name, &partial(&filled)));
    if let Some(first) = sheet.run.keys.get(&key) {
        return Ok(failed(sheet.layout.row_problem(
            filled.row_no,
            format!(
                "the same row is given twice (first at row {first}): {}",
                describe_key(sheet)
            ),
        )));
    }
    sheet.run.keys.insert(key, filled.row_no);
    sheet.filled.push(filled);
    if !sheet.held() && sheet.filled.len() >= BATCH {
        let batch = std::mem::take(&mut sheet.filled);
        return flush(cx, sheet, batch).await;
    }
    Ok(Step::default())
}

fn failed(problem: Problem) -> Step {
    Step {
        problems: vec![problem],
        ready: Vec::new(),
    }
}

/// Resolves a draft's natural keys; a key that names no record is a problem at its cell.
async fn resolve(
    cx: &Context<'_>,
    sheet: &mut SheetRun,
    draft: Draft,
) -> AppResult<Result<Filled, Problem>> {
    let Draft {
        row_no,
        mut values,
        keys,
        parent_code,
    } = draft;
    for cell in keys {
        let id = match &cell.key {
            None => None,
            Some(key) => match sheet.resolver.resolve(cx.tx, cx.viewer, key).await? {
                Ok(id) => Some(id),
                Err(message) => return Ok(Err(sheet.layout.problem(row_no, cell.cell, message))),
            },
        };
        if let Some(column) = cell.column {
            values.push((
                column,
                id.map_or(Value::Null, |id| Value::String(id.to_string())),
            ));
        }
    }
    Ok(Ok(Filled {
        row_no,
        values,
        parent_code,
    }))
}

/// What is left of the sheet, in the batches it is written in: organisations ordered so a
/// parent named in the sheet is written before its children's batch is checked. Rows whose
/// parents loop among themselves are refused.
pub(super) fn remaining(sheet: &mut SheetRun) -> (Vec<Vec<Filled>>, Option<Problem>) {
    let rest = std::mem::take(&mut sheet.filled);
    if !sheet.held() {
        return (vec![rest], None);
    }
    let (ordered, problem) = parents_first(&sheet.layout, rest);
    let mut batches: Vec<Vec<Filled>> = Vec::new();
    let mut batch: Vec<Filled> = Vec::new();
    let mut batch_codes: HashSet<String> = HashSet::new();
    for filled in ordered {
        let parent = filled
            .parent_code
            .clone()
            .flatten()
            .map(|c| c.to_uppercase());
        if parent.as_ref().is_some_and(|p| batch_codes.contains(p)) || batch.len() >= BATCH {
            batches.push(std::mem::take(&mut batch));
            batch_codes.clear();
        }
        batch_codes.extend(code_of(&filled));
        batch.push(filled);
    }
    batches.push(batch);
    (batches, problem)
}

fn code_of(draft: &Filled) -> Option<String> {
    draft
        .values
        .iter()
        .find(|(c, _)| *c == "code")
        .and_then(|(_, v)| v.as_str())
        .map(str::to_uppercase)
}

/// Organisation rows ordered so a parent named in the sheet comes before its children; rows
/// whose parents loop among themselves are refused.
fn parents_first(layout: &Layout, drafts: Vec<Filled>) -> (Vec<Filled>, Option<Problem>) {
    let codes: HashSet<String> = drafts.iter().filter_map(code_of).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut ordered = Vec::with_capacity(drafts.len());
    let mut waiting = drafts;
    loop {
        let before = waiting.len();
        let mut still = Vec::new();
        for draft in waiting {
            let parent = draft
                .parent_code
                .clone()
                .flatten()
                .map(|c| c.to_uppercase());
            let ready = parent.is_none_or(|p| !codes.contains(&p) || placed.contains(&p));
            if ready {
                placed.extend(code_of(&draft));
                ordered.push(draft);
            } else {
                still.push(draft);
            }
        }
        waiting = still;
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }
    let problem = waiting.iter().min_by_key(|d| d.row_no).map(|first| {
        let mut loop_rows: Vec<u64> = waiting.iter().map(|d| d.row_no).collect();
        loop_rows.sort();
        layout.problem(
            first.row_no,
            "parent",
            format!(
                "the parent organisations of rows {} name each other in a cycle",
                loop_rows
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    });
    (ordered, problem)
}

fn partial(draft: &Filled) -> Row {
    draft
        .values
        .iter()
        .map(|(c, v)| ((*c).to_owned(), v.clone()))
        .collect()
}

/// The columns that identify the record a row of `table` describes.
fn key_of(table: &str, row: &Row) -> Vec<KeyPart> {
    let part = |column: &'static str, any_case: bool| KeyPart {
        column,
        value: row.get(column).cloned().unwrap_or(Value::Null),
        any_case,
    };
    match table {
        "organizations" => vec![part("code", false)],
        "posts" if row.get("mission_id").is_some_and(|v| !v.is_null()) => {
            vec![part("mission_id", false), part("title", true)]
        }
        "posts" => vec![part("organization_id", false), part("title", true)],
        "forums" => vec![part("mission_id", false), part("name", true)],
        "reporting_lines" => vec![
            part("from_post_id", false),
            part("from_component_id", false),
            part("to_post_id", false),
            part("to_organization_id", false),
            part("kind", false),
            part("valid_from", false),
        ],
        "forum_links" => vec![
            part("forum_id", false),
            part("target_forum_id", false),
            part("kind", false),
            part("valid_from", false),
        ],
        "forum_memberships" => vec![
            part("forum_id", false),
            part("member_organization_id", false),
            part("member_component_id", false),
            part("member_post_id", false),
            part("valid_from", false),
        ],
        "lead_agencies" => vec![
            part("cluster_id", false),
            part("area_of_responsibility_id", false),
            part("organization_id", false),
            part("component_id", false),
            part("valid_from", false),
        ],
        _ => vec![part("id", false)],
    }
}

fn key_text(parts: &[KeyPart]) -> String {
    parts
        .iter()
        .map(|p| match (&p.value, p.any_case) {
            (Value::String(s), true) => s.to_lowercase(),
            (Value::String(s), false) => s.clone(),
            (other, _) => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn describe_key(sheet: &SheetRun) -> String {
    match sheet.layout.sheet.name {
        "organizations" => "one row per organisation code".into(),
        "posts" => "one row per post title within a mission or organisation".into(),
        "forums" => "one row per forum name within a mission".into(),
        "reporting_lines" => "one row per line (from, to, kind) and start date".into(),
        "forum_links" => "one row per link (forum, kind, target) and start date".into(),
        "forum_memberships" => "one row per forum, member and start date".into(),
        _ => "one row per cluster or AoR, lead and start date".into(),
    }
}

/// A new record of `table`: every column empty but the bookkeeping and the defaults of the
/// mutations (PUBLIC, standing forums).
fn new_row(cx: &Context<'_>, table: &'static str) -> AppResult<Row> {
    let columns: Vec<&'static str> =
        dispatch!(table, E => Ok::<_, AppError>(rows::columns::<E>()))?;
    let mut row: Row = columns
        .into_iter()
        .map(|c| (c.to_owned(), Value::Null))
        .collect();
    let now = serde_json::to_value(cx.now).map_err(AppError::internal)?;
    row.insert("id".into(), Value::String(Uuid::now_v7().to_string()));
    row.insert("created_at".into(), now.clone());
    row.insert("updated_at".into(), now);
    row.insert("version".into(), Value::from(1));
    row.insert("sensitivity".into(), Value::from("PUBLIC"));
    match table {
        "posts" => {
            row.insert("is_component_head".into(), Value::Bool(false));
        }
        "forums" => {
            row.insert("open_to_external".into(), Value::Bool(false));
            row.insert("standing".into(), Value::Bool(true));
        }
        _ => {}
    }
    Ok(row)
}

/// Matches a batch of rows to their records and completes and checks them: the rows ready to
/// be written.
pub(super) async fn flush(
    cx: &Context<'_>,
    sheet: &mut SheetRun,
    drafts: Vec<Filled>,
) -> AppResult<Step> {
    let mut step = Step::default();
    if drafts.is_empty() {
        return Ok(step);
    }
    let spec = sheet.run.spec;
    let mut ready: Vec<(Filled, Row)> = Vec::with_capacity(drafts.len());
    for mut draft in drafts {
        if let Some(parent) = draft.parent_code.take() {
            let value = match parent {
                None => Value::Null,
                Some(code) => match sheet
                    .resolver
                    .resolve(cx.tx, cx.viewer, &Key::Organization(code))
                    .await?
                {
                    Ok(id) => Value::String(id.to_string()),
                    Err(message) => {
                        let problem = sheet.layout.problem(draft.row_no, "parent", message);
                        step.problems.push(problem);
                        continue;
                    }
                },
            };
            draft.values.push(("parent_id", value));
        }
        let partial = partial(&draft);
        ready.push((draft, partial));
    }
    let keys: Vec<Vec<KeyPart>> = ready.iter().map(|(_, p)| key_of(spec.name, p)).collect();
    let found: Vec<Row> = dispatch!(spec.name, E => store::matching::<E, _>(cx.tx, &keys).await)?;
    let mut by_key: HashMap<String, Vec<Row>> = HashMap::new();
    for row in found {
        // Archived posts and forums are history: a sheet row describes a live one.
        if row.get("archived_at").is_some_and(|v| !v.is_null()) {
            continue;
        }
        by_key
            .entry(key_text(&key_of(spec.name, &row)))
            .or_default()
            .push(row);
    }
    for (draft, partial) in ready {
        let key = key_text(&key_of(spec.name, &partial));
        let matches = by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        if matches.len() > 1 {
            let problem = sheet.layout.row_problem(
                draft.row_no,
                format!(
                    "{} records already fit this row ({}); the sheet cannot tell which one it means",
                    matches.len(),
                    describe_key(sheet)
                ),
            );
            step.problems.push(problem);
            continue;
        }
        let existing = matches.first().cloned();
        let mut row = match &existing {
            Some(old) => old.clone(),
            None => new_row(cx, spec.name)?,
        };
        for (column, value) in draft.values {
            row.insert(column.to_owned(), value);
        }
        let checked: Result<Row, RowError> = dispatch!(spec.name, E => Ok::<_, AppError>(rows::check::<E>(spec, Value::Object(row))))?;
        let row = match checked {
            Ok(row) => row,
            Err(err) => {
                let problem = sheet.run.origin.problem(
                    spec,
                    draft.row_no,
                    err.column.as_deref(),
                    err.message,
                );
                step.problems.push(problem);
                continue;
            }
        };
        if let Some(id) = rows::uuid(&row, "id") {
            sheet.run.rows.insert(id, draft.row_no);
        }
        step.ready.push(Incoming {
            row_no: draft.row_no,
            row,
            existing,
        });
    }
    Ok(step)
}
