//! Importing HXL sheets: each row's cells are parsed, its natural keys resolved to records
//! (mission acronym, organisation code, forum name within a mission, post title within a
//! mission...), and the row matched to the record it describes by the sheet's key. A matched
//! record keeps the values of the columns the sheet does not have; a present but empty cell
//! clears an optional value. The rows then go through the same checks and writes as JSON rows.

use std::collections::{HashMap, HashSet};

use entity::enums::{
    Capacity, ForumKind, ForumLevel, ForumLinkKind, LeadRole, OrganizationKind, ReportingLineKind,
    Sensitivity,
};
use entity::{area_of_responsibility as aor, component, forum, geographic_area, post};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ActiveEnum, ColumnTrait, Condition, Iterable, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use super::hxl::{self, HxlRow, Layout};
use super::import::{Engine, Incoming, Origin, TableRun, BATCH};
use super::report::Problem;
use super::rows::{self, Row, RowError};
use super::store::{self, dispatch, KeyPart};
use super::tables;
use super::verify;
use crate::error::{AppError, AppResult};
use crate::services::crud::{self, ListScope};
use crate::services::{cluster, mission, organization};

/// A sheet row parsed and resolved, waiting for its batch.
struct Draft {
    row_no: u64,
    /// The database columns the row sets.
    values: Vec<(&'static str, Value)>,
    /// For organisations: the parent's code, resolved when the batch is written (the parent may
    /// come later in the sheet).
    parent_code: Option<Option<String>>,
}

/// The import of one sheet.
pub(super) struct SheetRun {
    layout: Layout,
    run: TableRun,
    resolver: Resolver,
    drafts: Vec<Draft>,
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
            drafts: Vec::new(),
        })
    }

    fn held(&self) -> bool {
        self.layout.sheet.name == hxl::ORGANIZATIONS.name
    }
}

/// Takes one row of the sheet.
pub(super) async fn row(
    engine: &mut Engine<'_>,
    sheet: &mut SheetRun,
    row: HxlRow,
) -> AppResult<()> {
    engine.tick(&mut sheet.run);
    let draft = match parse(engine, sheet, &row).await? {
        Ok(draft) => draft,
        Err(problem) => {
            engine.fail(problem);
            return Ok(());
        }
    };
    let key = key_text(&key_of(sheet.run.spec.name, &partial(&draft)));
    if let Some(first) = sheet.run.keys.get(&key) {
        let problem = sheet.layout.row_problem(
            draft.row_no,
            format!(
                "the same row is given twice (first at row {first}): {}",
                describe_key(sheet)
            ),
        );
        engine.fail(problem);
        return Ok(());
    }
    sheet.run.keys.insert(key, draft.row_no);
    sheet.drafts.push(draft);
    if !sheet.held() && sheet.drafts.len() >= BATCH {
        flush(engine, sheet).await?;
    }
    Ok(())
}

/// Writes what is left and runs the checks across rows.
pub(super) async fn finish(engine: &mut Engine<'_>, sheet: &mut SheetRun) -> AppResult<()> {
    if sheet.held() {
        let ordered = parents_first(engine, sheet);
        // A row's parent must be written before the row's own batch is checked.
        let mut batch_codes: HashSet<String> = HashSet::new();
        for draft in ordered {
            let parent = draft
                .parent_code
                .clone()
                .flatten()
                .map(|c| c.to_uppercase());
            if parent.as_ref().is_some_and(|p| batch_codes.contains(p))
                || sheet.drafts.len() >= BATCH
            {
                flush(engine, sheet).await?;
                batch_codes.clear();
            }
            batch_codes.extend(code_of(&draft));
            sheet.drafts.push(draft);
        }
    }
    flush(engine, sheet).await?;
    verify::table(engine, &sheet.run).await
}

fn code_of(draft: &Draft) -> Option<String> {
    draft
        .values
        .iter()
        .find(|(c, _)| *c == "code")
        .and_then(|(_, v)| v.as_str())
        .map(str::to_uppercase)
}

/// Organisation rows ordered so a parent named in the sheet comes before its children; rows
/// whose parents loop among themselves are refused.
fn parents_first(engine: &mut Engine<'_>, sheet: &mut SheetRun) -> Vec<Draft> {
    let drafts = std::mem::take(&mut sheet.drafts);
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
    if let Some(first) = waiting.iter().min_by_key(|d| d.row_no) {
        let mut loop_rows: Vec<u64> = waiting.iter().map(|d| d.row_no).collect();
        loop_rows.sort();
        let problem = sheet.layout.problem(
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
        );
        engine.fail(problem);
    }
    ordered
}

fn partial(draft: &Draft) -> Row {
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
fn new_row(engine: &Engine<'_>, table: &'static str) -> AppResult<Row> {
    let columns: Vec<&'static str> =
        dispatch!(table, E => Ok::<_, AppError>(rows::columns::<E>()))?;
    let mut row: Row = columns
        .into_iter()
        .map(|c| (c.to_owned(), Value::Null))
        .collect();
    let now = serde_json::to_value(engine.now).map_err(AppError::internal)?;
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

/// Matches a batch of drafts to their records, completes and checks them, and writes them.
async fn flush(engine: &mut Engine<'_>, sheet: &mut SheetRun) -> AppResult<()> {
    let drafts = std::mem::take(&mut sheet.drafts);
    if drafts.is_empty() {
        return Ok(());
    }
    let spec = sheet.run.spec;
    let mut ready: Vec<(Draft, Row)> = Vec::with_capacity(drafts.len());
    for mut draft in drafts {
        if let Some(parent) = draft.parent_code.take() {
            let value = match parent {
                None => Value::Null,
                Some(code) => match sheet.resolver.organization(engine, &code).await? {
                    Ok(id) => Value::String(id.to_string()),
                    Err(message) => {
                        engine.fail(sheet.layout.problem(draft.row_no, "parent", message));
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
    let found: Vec<Row> =
        dispatch!(spec.name, E => store::matching::<E, _>(engine.tx, &keys).await)?;
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
    let mut incoming = Vec::with_capacity(ready.len());
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
            engine.fail(problem);
            continue;
        }
        let existing = matches.first().cloned();
        let mut row = match &existing {
            Some(old) => old.clone(),
            None => new_row(engine, spec.name)?,
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
                engine.fail(problem);
                continue;
            }
        };
        if let Some(id) = rows::uuid(&row, "id") {
            sheet.run.rows.insert(id, draft.row_no);
        }
        incoming.push(Incoming {
            row_no: draft.row_no,
            row,
            existing,
        });
    }
    engine.apply(&mut sheet.run, incoming).await
}

/// The cells of one row, with the problems they cause placed at their column.
struct Cells<'r> {
    layout: &'r Layout,
    row: &'r HxlRow,
}

impl Cells<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.row.get(self.layout, key)
    }

    fn has(&self, key: &str) -> bool {
        self.layout.has(key)
    }

    fn problem(&self, key: &str, message: impl Into<String>) -> Problem {
        self.layout.problem(self.row.row, key, message)
    }

    fn required(&self, key: &str) -> Result<&str, Problem> {
        self.get(key)
            .ok_or_else(|| self.problem(key, "a value is required"))
    }

    fn text(&self, key: &str) -> Value {
        self.get(key).map_or(Value::Null, Value::from)
    }

    fn date(&self, key: &str) -> Result<Value, Problem> {
        match self.get(key) {
            None => Ok(Value::Null),
            Some(text) => hxl::parse_date(text)
                .map(|d| Value::String(d.to_string()))
                .map_err(|m| self.problem(key, m)),
        }
    }

    fn flag(&self, key: &str) -> Result<Option<Value>, Problem> {
        match self.get(key) {
            None => Ok(None),
            Some(text) => hxl::parse_bool(text)
                .map(|b| Some(Value::Bool(b)))
                .map_err(|m| self.problem(key, m)),
        }
    }

    fn choice<E: ActiveEnum<Value = String> + Iterable>(
        &self,
        key: &str,
    ) -> Result<Option<Value>, Problem> {
        match self.get(key) {
            None => Ok(None),
            Some(text) => hxl::parse_enum::<E>(text)
                .map(|v| Some(Value::String(v.to_value())))
                .map_err(|m| self.problem(key, m)),
        }
    }
}

/// Collects the values of a row: only the columns the sheet has.
struct Values<'c, 'r> {
    cells: &'c Cells<'r>,
    out: Vec<(&'static str, Value)>,
}

impl Values<'_, '_> {
    /// Sets `column` from the cell `key` when the sheet has the column.
    fn set(&mut self, key: &str, column: &'static str, value: Value) {
        if self.cells.has(key) {
            self.out.push((column, value));
        }
    }

    /// Sets `column` whatever the sheet has: the value is part of the row's key.
    fn always(&mut self, column: &'static str, value: Value) {
        self.out.push((column, value));
    }

    /// Sets a column that always has a value, when the cell is not empty.
    fn set_some(&mut self, column: &'static str, value: Option<Value>) {
        if let Some(value) = value {
            self.out.push((column, value));
        }
    }

    fn period(&mut self) -> Result<(), Problem> {
        let cells = self.cells;
        self.always("valid_from", cells.date("start")?);
        if cells.get("start").is_none() {
            return Err(cells.problem("start", "a value is required"));
        }
        let end = cells.date("end")?;
        if let (Some(start), Some(until)) = (cells.get("start"), end.as_str()) {
            if until < start {
                return Err(cells.problem(
                    "end",
                    format!("the end ({until}) must not be before the start ({start})"),
                ));
            }
        }
        self.set("end", "valid_to", end);
        let sensitivity = cells.choice::<Sensitivity>("sensitivity")?;
        self.set_some("sensitivity", sensitivity);
        Ok(())
    }
}

fn id_value(id: Option<Uuid>) -> Value {
    id.map_or(Value::Null, |id| Value::String(id.to_string()))
}

/// Parses and resolves one row; `Ok(Err(problem))` is a problem with the row.
async fn parse(
    engine: &Engine<'_>,
    sheet: &mut SheetRun,
    row: &HxlRow,
) -> AppResult<Result<Draft, Problem>> {
    let layout = sheet.layout.clone();
    let cells = Cells {
        layout: &layout,
        row,
    };
    let resolver = &mut sheet.resolver;
    let mut values = Values {
        cells: &cells,
        out: Vec::new(),
    };
    macro_rules! attempt {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(problem) => return Ok(Err(problem)),
            }
        };
    }
    macro_rules! resolve {
        ($key:expr, $lookup:expr) => {
            match $lookup {
                Ok(id) => id,
                Err(message) => return Ok(Err(cells.problem($key, message))),
            }
        };
    }
    for column in layout.sheet.columns.iter().filter(|c| c.required) {
        attempt!(cells.required(column.key));
    }
    let mut parent_code = None;
    match layout.sheet.name {
        "organizations" => {
            let code = cells.get("code").map(|c| c.to_uppercase());
            values.always("code", code.map_or(Value::Null, Value::from));
            values.set("name", "name", cells.text("name"));
            let kind = attempt!(cells.choice::<OrganizationKind>("kind"));
            values.set_some("kind", kind);
            if cells.has("parent") {
                parent_code = Some(cells.get("parent").map(str::to_owned));
            }
            values.set("country", "country_code", cells.text("country"));
            values.set("description", "description", cells.text("description"));
            let sensitivity = attempt!(cells.choice::<Sensitivity>("sensitivity"));
            values.set_some("sensitivity", sensitivity);
        }
        "posts" => {
            let mission = match cells.get("mission") {
                Some(acronym) => Some(resolve!(
                    "mission",
                    resolver.mission(engine, acronym).await?
                )),
                None => None,
            };
            let organization = match cells.get("organization") {
                Some(code) => Some(resolve!(
                    "organization",
                    resolver.organization(engine, code).await?
                )),
                None => None,
            };
            if mission.is_none() && organization.is_none() {
                return Ok(Err(cells.problem(
                    "mission",
                    "give the mission the post belongs to, or the organisation for a post outside missions",
                )));
            }
            values.always("mission_id", id_value(mission));
            if cells.has("organization") || mission.is_none() {
                values.always("organization_id", id_value(organization));
            }
            values.always("title", cells.text("title"));
            let component = match (cells.get("component"), mission) {
                (None, _) => None,
                (Some(_), None) => {
                    return Ok(Err(cells.problem(
                        "component",
                        "a component belongs to a mission: give the mission",
                    )))
                }
                (Some(name), Some(m)) => Some(resolve!(
                    "component",
                    resolver.component(engine, m, name).await?
                )),
            };
            values.set("component", "component_id", id_value(component));
            let head = attempt!(cells.flag("head"));
            values.set_some("is_component_head", head);
            let area = match cells.get("area") {
                Some(code) => Some(resolve!("area", resolver.area(engine, code).await?)),
                None => None,
            };
            values.set("area", "geographic_area_id", id_value(area));
            attempt!(values.period());
        }
        "reporting_lines" => {
            let acronym = attempt!(cells.required("mission"));
            let m = resolve!("mission", resolver.mission(engine, acronym).await?);
            let from_post = match cells.get("from_post") {
                Some(title) => Some(resolve!(
                    "from_post",
                    resolver.post(engine, Owner::Mission(m), title).await?
                )),
                None => None,
            };
            let from_component = match cells.get("from_component") {
                Some(name) => Some(resolve!(
                    "from_component",
                    resolver.component(engine, m, name).await?
                )),
                None => None,
            };
            let to_organization = match cells.get("to_organization") {
                Some(code) => Some(resolve!(
                    "to_organization",
                    resolver.organization(engine, code).await?
                )),
                None => None,
            };
            let to_post = match (cells.get("to_post"), to_organization) {
                (None, _) => None,
                (Some(title), Some(org)) => Some(resolve!(
                    "to_post",
                    resolver
                        .post(engine, Owner::Organization(org), title)
                        .await?
                )),
                (Some(title), None) => Some(resolve!(
                    "to_post",
                    resolver.post(engine, Owner::Mission(m), title).await?
                )),
            };
            match (from_post, from_component) {
                (Some(_), Some(_)) => {
                    return Ok(Err(cells.problem(
                        "from_component",
                        "a line starts from a post or a component, not both",
                    )))
                }
                (None, None) => {
                    return Ok(Err(cells.problem(
                        "from_post",
                        "give where the line starts: a post or a component",
                    )))
                }
                _ => {}
            }
            if to_post.is_none() && to_organization.is_none() {
                return Ok(Err(cells.problem(
                    "to_post",
                    "give where the line goes: a post, or an organisation",
                )));
            }
            values.always("from_post_id", id_value(from_post));
            values.always("from_component_id", id_value(from_component));
            values.always("to_post_id", id_value(to_post));
            // A post named with an organisation is that organisation's post: the line goes to
            // the post, not to the organisation.
            values.always(
                "to_organization_id",
                id_value(to_organization.filter(|_| to_post.is_none())),
            );
            let kind = attempt!(cells.choice::<ReportingLineKind>("kind"));
            values.always("kind", kind.unwrap_or(Value::Null));
            values.set("note", "note", cells.text("note"));
            attempt!(values.period());
        }
        "forums" => {
            let mission = match cells.get("mission") {
                Some(acronym) => Some(resolve!(
                    "mission",
                    resolver.mission(engine, acronym).await?
                )),
                None => None,
            };
            values.always("mission_id", id_value(mission));
            values.always("name", cells.text("name"));
            values.set("acronym", "acronym", cells.text("acronym"));
            let kind = attempt!(cells.choice::<ForumKind>("kind"));
            values.set_some("kind", kind);
            let level = attempt!(cells.choice::<ForumLevel>("level"));
            values.set_some("level", level);
            let cluster = match cells.get("cluster") {
                Some(code) => Some(resolve!("cluster", resolver.cluster(engine, code).await?)),
                None => None,
            };
            values.set("cluster", "cluster_id", id_value(cluster));
            let area_of_responsibility =
                match (cells.get("aor"), cluster) {
                    (None, _) => None,
                    (Some(_), None) => return Ok(Err(cells.problem(
                        "aor",
                        "an area of responsibility is named within its cluster: give the cluster",
                    ))),
                    (Some(name), Some(c)) => {
                        Some(resolve!("aor", resolver.aor(engine, c, name).await?))
                    }
                };
            values.set(
                "aor",
                "area_of_responsibility_id",
                id_value(area_of_responsibility),
            );
            let area = match cells.get("area") {
                Some(code) => Some(resolve!("area", resolver.area(engine, code).await?)),
                None => None,
            };
            values.set("area", "geographic_area_id", id_value(area));
            let by_post = match (cells.get("established_by_post"), mission) {
                (None, _) => None,
                (Some(_), None) => {
                    return Ok(Err(cells.problem(
                        "established_by_post",
                        "a post is named within its mission: give the mission",
                    )))
                }
                (Some(title), Some(m)) => Some(resolve!(
                    "established_by_post",
                    resolver.post(engine, Owner::Mission(m), title).await?
                )),
            };
            values.set(
                "established_by_post",
                "established_by_post_id",
                id_value(by_post),
            );
            let by_organization = match cells.get("established_by_organization") {
                Some(code) => Some(resolve!(
                    "established_by_organization",
                    resolver.organization(engine, code).await?
                )),
                None => None,
            };
            values.set(
                "established_by_organization",
                "established_by_organization_id",
                id_value(by_organization),
            );
            let open = attempt!(cells.flag("open"));
            values.set_some("open_to_external", open);
            let standing = attempt!(cells.flag("standing"));
            values.set_some("standing", standing);
            values.set("frequency", "meeting_frequency", cells.text("frequency"));
            values.set("purpose", "purpose", cells.text("purpose"));
            attempt!(values.period());
        }
        "forum_links" => {
            let mission = match cells.get("mission") {
                Some(acronym) => Some(resolve!(
                    "mission",
                    resolver.mission(engine, acronym).await?
                )),
                None => None,
            };
            let forum_name = attempt!(cells.required("forum"));
            let forum = resolve!("forum", resolver.forum(engine, mission, forum_name).await?);
            let target_mission = match cells.get("target_mission") {
                Some(acronym) => Some(resolve!(
                    "target_mission",
                    resolver.mission(engine, acronym).await?
                )),
                None => mission,
            };
            let target_name = attempt!(cells.required("target"));
            let target = resolve!(
                "target",
                resolver.forum(engine, target_mission, target_name).await?
            );
            values.always("forum_id", id_value(Some(forum)));
            values.always("target_forum_id", id_value(Some(target)));
            let kind = attempt!(cells.choice::<ForumLinkKind>("kind"));
            values.always("kind", kind.unwrap_or(Value::Null));
            attempt!(values.period());
        }
        "forum_memberships" => {
            let mission = match cells.get("mission") {
                Some(acronym) => Some(resolve!(
                    "mission",
                    resolver.mission(engine, acronym).await?
                )),
                None => None,
            };
            let forum_name = attempt!(cells.required("forum"));
            let forum = resolve!("forum", resolver.forum(engine, mission, forum_name).await?);
            let organization = match cells.get("member_organization") {
                Some(code) => Some(resolve!(
                    "member_organization",
                    resolver.organization(engine, code).await?
                )),
                None => None,
            };
            let in_mission = |key: &str| {
                mission.ok_or_else(|| {
                    cells.problem(key, "components and posts are named within the forum's mission: give the mission")
                })
            };
            let component = match cells.get("member_component") {
                Some(name) => {
                    let m = attempt!(in_mission("member_component"));
                    Some(resolve!(
                        "member_component",
                        resolver.component(engine, m, name).await?
                    ))
                }
                None => None,
            };
            let post = match cells.get("member_post") {
                Some(title) => {
                    let m = attempt!(in_mission("member_post"));
                    Some(resolve!(
                        "member_post",
                        resolver.post(engine, Owner::Mission(m), title).await?
                    ))
                }
                None => None,
            };
            let given = [
                ("member_organization", organization),
                ("member_component", component),
                ("member_post", post),
            ];
            let set: Vec<&str> = given
                .iter()
                .filter(|(_, id)| id.is_some())
                .map(|(k, _)| *k)
                .collect();
            match set.as_slice() {
                [_] => {}
                [] => {
                    return Ok(Err(cells.problem(
                        "member_organization",
                        "give the member: an organisation, a component or a post",
                    )))
                }
                [_, second, ..] => {
                    return Ok(Err(cells.problem(
                        second,
                        "give one member per row: an organisation, a component or a post",
                    )))
                }
            }
            values.always("forum_id", id_value(Some(forum)));
            values.always("member_organization_id", id_value(organization));
            values.always("member_component_id", id_value(component));
            values.always("member_post_id", id_value(post));
            let capacity = attempt!(cells.choice::<Capacity>("capacity"));
            values.set_some("capacity", capacity);
            values.set("note", "note", cells.text("note"));
            attempt!(values.period());
        }
        "lead_agencies" => {
            let code = attempt!(cells.required("cluster"));
            let cluster = resolve!("cluster", resolver.cluster(engine, code).await?);
            let area_of_responsibility = match cells.get("aor") {
                Some(name) => Some(resolve!("aor", resolver.aor(engine, cluster, name).await?)),
                None => None,
            };
            let organization = match cells.get("organization") {
                Some(code) => Some(resolve!(
                    "organization",
                    resolver.organization(engine, code).await?
                )),
                None => None,
            };
            let component = match (cells.get("component"), cells.get("mission")) {
                (None, _) => None,
                (Some(_), None) => {
                    return Ok(Err(cells.problem(
                        "component",
                        "a component is named within its mission: give the mission",
                    )))
                }
                (Some(name), Some(acronym)) => {
                    let m = resolve!("mission", resolver.mission(engine, acronym).await?);
                    Some(resolve!(
                        "component",
                        resolver.component(engine, m, name).await?
                    ))
                }
            };
            match (organization, component) {
                (Some(_), Some(_)) => {
                    return Ok(Err(cells.problem(
                        "component",
                        "a lead is an organisation or a component, not both",
                    )))
                }
                (None, None) => {
                    return Ok(Err(cells.problem(
                        "organization",
                        "give the lead: an organisation, or a mission component",
                    )))
                }
                _ => {}
            }
            // An AoR's lead leads the AoR, not its cluster.
            values.always(
                "cluster_id",
                id_value(Some(cluster).filter(|_| area_of_responsibility.is_none())),
            );
            values.always(
                "area_of_responsibility_id",
                id_value(area_of_responsibility),
            );
            values.always("organization_id", id_value(organization));
            values.always("component_id", id_value(component));
            let role = attempt!(cells.choice::<LeadRole>("role"));
            values.set_some("role", role);
            attempt!(values.period());
        }
        other => {
            return Err(AppError::internal(anyhow::anyhow!(
                "no reader for the sheet {other}"
            )))
        }
    }
    Ok(Ok(Draft {
        row_no: row.row,
        values: values.out,
        parent_code,
    }))
}

/// Whose post a title names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Mission(Uuid),
    Organization(Uuid),
}

/// Natural keys resolved to ids, remembered for the rest of the import. Every lookup goes
/// through the caller's visibility and skips archived records; a failure is the message for
/// the cell.
#[derive(Default)]
struct Resolver {
    missions: HashMap<String, (Uuid, String)>,
    organizations: HashMap<String, Uuid>,
    clusters: HashMap<String, Uuid>,
    areas: HashMap<String, Uuid>,
    aors: HashMap<(Uuid, String), Uuid>,
    forums: HashMap<(Option<Uuid>, String), Uuid>,
    posts: HashMap<(Owner, String), Uuid>,
    components: HashMap<(Uuid, String), Uuid>,
}

type Lookup = AppResult<Result<Uuid, String>>;

/// `lower(column) = lower(text)`, or the exact text (SQLite lowers ASCII only).
fn same_text<C: ColumnTrait>(column: C, text: &str) -> Condition {
    Condition::any()
        .add(column.eq(text))
        .add(Expr::expr(Func::lower(Expr::col(column.as_column_ref()))).eq(text.to_lowercase()))
}

fn live() -> ListScope {
    ListScope {
        include_archived: false,
        as_of: None,
    }
}

fn one_of<M>(
    found: Vec<M>,
    id: impl Fn(&M) -> Uuid,
    none: String,
    many: impl Fn(usize) -> String,
) -> Result<Uuid, String> {
    match found.as_slice() {
        [one] => Ok(id(one)),
        [] => Err(none),
        more => Err(many(more.len())),
    }
}

impl Resolver {
    async fn mission(&mut self, engine: &Engine<'_>, acronym: &str) -> Lookup {
        let key = acronym.trim().to_uppercase();
        if let Some((id, _)) = self.missions.get(&key) {
            return Ok(Ok(*id));
        }
        let Some(found) = mission::find_by_acronym(engine.tx, engine.viewer, &key).await? else {
            return Ok(Err(format!("no mission has the acronym {key}")));
        };
        if found.archived_at.is_some() {
            return Ok(Err(format!("the mission {key} is archived")));
        }
        self.missions.insert(key, (found.id, found.acronym.clone()));
        Ok(Ok(found.id))
    }

    fn mission_name(&self, id: Uuid) -> String {
        self.missions
            .values()
            .find(|(m, _)| *m == id)
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| id.to_string())
    }

    async fn organization(&mut self, engine: &Engine<'_>, code: &str) -> Lookup {
        let key = code.trim().to_uppercase();
        if let Some(id) = self.organizations.get(&key) {
            return Ok(Ok(*id));
        }
        let Some(found) = organization::find_by_code(engine.tx, engine.viewer, &key).await? else {
            return Ok(Err(format!("no organisation has the code {key}")));
        };
        if found.archived_at.is_some() {
            return Ok(Err(format!("the organisation {key} is archived")));
        }
        self.organizations.insert(key, found.id);
        Ok(Ok(found.id))
    }

    async fn cluster(&mut self, engine: &Engine<'_>, code: &str) -> Lookup {
        let key = code.trim().to_uppercase();
        if let Some(id) = self.clusters.get(&key) {
            return Ok(Ok(*id));
        }
        let Some(found) = cluster::find_by_code(engine.tx, engine.viewer, &key).await? else {
            return Ok(Err(format!("no cluster has the code {key}")));
        };
        if found.archived_at.is_some() {
            return Ok(Err(format!("the cluster {key} is archived")));
        }
        self.clusters.insert(key, found.id);
        Ok(Ok(found.id))
    }

    async fn area(&mut self, engine: &Engine<'_>, code: &str) -> Lookup {
        let key = code.trim().to_uppercase();
        if let Some(id) = self.areas.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<geographic_area::Entity>(engine.viewer, live())
            .filter(geographic_area::Column::Code.eq(key.as_str()))
            .all(engine.tx)
            .await?;
        let result = one_of(
            found,
            |a| a.id,
            format!("no geographic area has the code {key}"),
            |n| format!("{n} geographic areas have the code {key}"),
        );
        if let Ok(id) = result {
            self.areas.insert(key, id);
        }
        Ok(result)
    }

    async fn aor(&mut self, engine: &Engine<'_>, cluster: Uuid, name: &str) -> Lookup {
        let key = (cluster, name.trim().to_lowercase());
        if let Some(id) = self.aors.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<aor::Entity>(engine.viewer, live())
            .filter(aor::Column::ClusterId.eq(cluster))
            .filter(same_text(aor::Column::Name, name.trim()))
            .all(engine.tx)
            .await?;
        let result = one_of(
            found,
            |a| a.id,
            format!(
                "no area of responsibility is named {} in this cluster",
                name.trim()
            ),
            |n| {
                format!(
                    "{n} areas of responsibility are named {} in this cluster",
                    name.trim()
                )
            },
        );
        if let Ok(id) = result {
            self.aors.insert(key, id);
        }
        Ok(result)
    }

    async fn forum(&mut self, engine: &Engine<'_>, mission: Option<Uuid>, name: &str) -> Lookup {
        let key = (mission, name.trim().to_lowercase());
        if let Some(id) = self.forums.get(&key) {
            return Ok(Ok(*id));
        }
        let mut select = crud::select::<forum::Entity>(engine.viewer, live())
            .filter(same_text(forum::Column::Name, name.trim()));
        select = match mission {
            Some(m) => select.filter(forum::Column::MissionId.eq(m)),
            None => select.filter(forum::Column::MissionId.is_null()),
        };
        let found = select.all(engine.tx).await?;
        let place = match mission {
            Some(m) => format!("in {}", self.mission_name(m)),
            None => "outside missions (give the mission if it has one)".to_owned(),
        };
        let result = one_of(
            found,
            |f| f.id,
            format!("no forum is named {} {place}", name.trim()),
            |n| {
                format!(
                    "{n} forums are named {} {place}; rename one so the sheet can tell them apart",
                    name.trim()
                )
            },
        );
        if let Ok(id) = result {
            self.forums.insert(key, id);
        }
        Ok(result)
    }

    async fn post(&mut self, engine: &Engine<'_>, owner: Owner, title: &str) -> Lookup {
        let key = (owner, title.trim().to_lowercase());
        if let Some(id) = self.posts.get(&key) {
            return Ok(Ok(*id));
        }
        let select = crud::select::<post::Entity>(engine.viewer, live())
            .filter(same_text(post::Column::Title, title.trim()));
        let (select, place) = match owner {
            Owner::Mission(m) => (
                select.filter(post::Column::MissionId.eq(m)),
                format!("in {}", self.mission_name(m)),
            ),
            Owner::Organization(o) => (
                select
                    .filter(post::Column::OrganizationId.eq(o))
                    .filter(post::Column::MissionId.is_null()),
                "in that organisation".to_owned(),
            ),
        };
        let found = select.all(engine.tx).await?;
        let result = one_of(
            found,
            |p| p.id,
            format!("no post is titled {} {place}", title.trim()),
            |n| {
                format!(
                    "{n} posts are titled {} {place}; rename one so the sheet can tell them apart",
                    title.trim()
                )
            },
        );
        if let Ok(id) = result {
            self.posts.insert(key, id);
        }
        Ok(result)
    }

    async fn component(&mut self, engine: &Engine<'_>, mission: Uuid, name: &str) -> Lookup {
        let key = (mission, name.trim().to_lowercase());
        if let Some(id) = self.components.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<component::Entity>(engine.viewer, live())
            .filter(component::Column::MissionId.eq(mission))
            .filter(
                Condition::any()
                    .add(same_text(component::Column::Name, name.trim()))
                    .add(same_text(component::Column::Acronym, name.trim())),
            )
            .all(engine.tx)
            .await?;
        let place = self.mission_name(mission);
        let result = one_of(
            found,
            |c| c.id,
            format!("no component is named {} in {place}", name.trim()),
            |n| {
                format!(
                    "{n} components are named {} in {place}; use the acronym or rename one",
                    name.trim()
                )
            },
        );
        if let Ok(id) = result {
            self.components.insert(key, id);
        }
        Ok(result)
    }
}
