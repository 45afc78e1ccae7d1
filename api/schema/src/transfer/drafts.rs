//! One sheet row read into a draft: the database columns it sets, and the natural keys (mission
//! acronym, organisation code, forum name within a mission, post title within a mission...) it
//! names records by, still unresolved. The engine resolves them ([`super::keys`]) and matches the
//! row to its record ([`super::sheets`]).
//!
//! Only the columns the sheet has are set: a matched record keeps the others, and a present but
//! empty cell clears an optional value. Pure: no database.

use entity::enums::{
    Capacity, ForumKind, ForumLevel, ForumLinkKind, LeadRole, OrganizationKind, ReportingLineKind,
    Sensitivity,
};
use sea_orm::{ActiveEnum, Iterable};
use serde_json::Value;

use super::hxl::{self, HxlRow, Layout};
use super::keys::{Key, OwnerKey};
use super::report::Problem;

/// A natural key of a row, in the cell that gives it.
#[derive(Debug, Clone)]
pub struct KeyCell {
    /// The sheet column a failure to resolve the key is blamed on.
    pub cell: &'static str,
    /// The database column the record's id fills; `None`: the key only names a record other keys
    /// are named within (a post's mission), resolved first so its failure is placed at its cell.
    pub column: Option<&'static str>,
    /// `None`: the cell is empty, and the column is cleared.
    pub key: Option<Key>,
}

/// A sheet row parsed, its natural keys unresolved.
#[derive(Debug, Clone)]
pub struct Draft {
    pub row_no: u64,
    /// The database columns the row sets.
    pub values: Vec<(&'static str, Value)>,
    /// The references it makes, resolved in this order.
    pub keys: Vec<KeyCell>,
    /// For organisations: the parent's code, resolved when the batch is written (the parent may
    /// come later in the sheet). `Some(None)`: the sheet clears the parent.
    pub parent_code: Option<Option<String>>,
}

/// Reads one row of a sheet of `layout`; a problem with the row is its place and message.
pub fn parse(layout: &Layout, row: &HxlRow) -> Result<Draft, Problem> {
    let cells = Cells { layout, row };
    for column in layout.sheet.columns.iter().filter(|c| c.required) {
        cells.required(column.key)?;
    }
    let mut draft = Draft {
        row_no: row.row,
        values: Vec::new(),
        keys: Vec::new(),
        parent_code: None,
    };
    let mut out = Values {
        cells: &cells,
        draft: &mut draft,
    };
    match layout.sheet.name {
        "organizations" => organization(&mut out)?,
        "posts" => post(&mut out)?,
        "reporting_lines" => reporting_line(&mut out)?,
        "forums" => forum(&mut out)?,
        "forum_links" => forum_link(&mut out)?,
        "forum_memberships" => membership(&mut out)?,
        "lead_agencies" => lead_agency(&mut out)?,
        other => {
            return Err(cells.problem(
                layout.sheet.columns.first().map_or("", |c| c.key),
                format!("no reader for the sheet {other}"),
            ))
        }
    }
    Ok(draft)
}

fn organization(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let code = cells.get("code").map(str::to_uppercase);
    out.always("code", code.map_or(Value::Null, Value::from));
    out.set("name", "name", cells.text("name"));
    out.set_some("kind", cells.choice::<OrganizationKind>("kind")?);
    if cells.has("parent") {
        out.draft.parent_code = Some(cells.get("parent").map(str::to_owned));
    }
    out.set("country", "country_code", cells.text("country"));
    out.set("description", "description", cells.text("description"));
    out.set_some("sensitivity", cells.choice::<Sensitivity>("sensitivity")?);
    Ok(())
}

fn post(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let mission = cells.get("mission");
    out.key("mission", Some("mission_id"), mission.map(Key::mission));
    let organization = cells.get("organization");
    if cells.has("organization") || mission.is_none() {
        out.key(
            "organization",
            Some("organization_id"),
            organization.map(Key::organization),
        );
    }
    if mission.is_none() && organization.is_none() {
        return Err(cells.problem(
            "mission",
            "give the mission the post belongs to, or the organisation for a post outside missions",
        ));
    }
    out.always("title", cells.text("title"));
    let component = cells.within(
        "component",
        mission,
        "a component belongs to a mission: give the mission",
        Key::component,
    )?;
    out.key_if_present("component", "component_id", component);
    out.set_some("is_component_head", cells.flag("head")?);
    out.key_if_present(
        "area",
        "geographic_area_id",
        cells.get("area").map(Key::area),
    );
    out.period()
}

fn reporting_line(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let mission = cells.required("mission")?;
    out.key("mission", None, Some(Key::mission(mission)));
    let from_post = cells.get("from_post");
    let from_component = cells.get("from_component");
    let to_organization = cells.get("to_organization");
    let to_post = cells.get("to_post");
    out.key(
        "from_post",
        Some("from_post_id"),
        from_post.map(|t| Key::mission_post(mission, t)),
    );
    out.key(
        "from_component",
        Some("from_component_id"),
        from_component.map(|n| Key::component(mission, n)),
    );
    // A post named with an organisation is that organisation's post: the line goes to the
    // post, not to the organisation.
    let to_organization_column = to_post.is_none().then_some("to_organization_id");
    out.key(
        "to_organization",
        to_organization_column,
        to_organization.map(Key::organization),
    );
    if to_organization_column.is_none() {
        out.always("to_organization_id", Value::Null);
    }
    let to_post_key = to_post.map(|title| match to_organization {
        Some(code) => Key::Post {
            owner: OwnerKey::Organization(code.to_owned()),
            title: title.to_owned(),
        },
        None => Key::mission_post(mission, title),
    });
    out.key("to_post", Some("to_post_id"), to_post_key);
    cells.either(
        ("from_post", from_post.is_some()),
        ("from_component", from_component.is_some()),
        "give where the line starts: a post or a component",
        "a line starts from a post or a component, not both",
    )?;
    if to_post.is_none() && to_organization.is_none() {
        return Err(cells.problem(
            "to_post",
            "give where the line goes: a post, or an organisation",
        ));
    }
    out.always(
        "kind",
        cells
            .choice::<ReportingLineKind>("kind")?
            .unwrap_or(Value::Null),
    );
    out.set("note", "note", cells.text("note"));
    out.period()
}

fn forum(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let mission = cells.get("mission");
    out.key("mission", Some("mission_id"), mission.map(Key::mission));
    out.always("name", cells.text("name"));
    out.set("acronym", "acronym", cells.text("acronym"));
    out.set_some("kind", cells.choice::<ForumKind>("kind")?);
    out.set_some("level", cells.choice::<ForumLevel>("level")?);
    let cluster = cells.get("cluster");
    out.key_if_present("cluster", "cluster_id", cluster.map(Key::cluster));
    let aor = cells.within(
        "aor",
        cluster,
        "an area of responsibility is named within its cluster: give the cluster",
        Key::aor,
    )?;
    out.key_if_present("aor", "area_of_responsibility_id", aor);
    out.key_if_present(
        "area",
        "geographic_area_id",
        cells.get("area").map(Key::area),
    );
    let by_post = cells.within(
        "established_by_post",
        mission,
        "a post is named within its mission: give the mission",
        Key::mission_post,
    )?;
    out.key_if_present("established_by_post", "established_by_post_id", by_post);
    out.key_if_present(
        "established_by_organization",
        "established_by_organization_id",
        cells
            .get("established_by_organization")
            .map(Key::organization),
    );
    out.set_some("open_to_external", cells.flag("open")?);
    out.set_some("standing", cells.flag("standing")?);
    out.set("frequency", "meeting_frequency", cells.text("frequency"));
    out.set("purpose", "purpose", cells.text("purpose"));
    out.period()
}

fn forum_link(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let mission = out.forum()?;
    let target_mission = cells.get("target_mission");
    if let Some(acronym) = target_mission {
        out.key("target_mission", None, Some(Key::mission(acronym)));
    }
    let target = Key::forum(target_mission.or(mission), cells.required("target")?);
    out.key("target", Some("target_forum_id"), Some(target));
    out.always(
        "kind",
        cells
            .choice::<ForumLinkKind>("kind")?
            .unwrap_or(Value::Null),
    );
    out.period()
}

fn membership(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let mission = out.forum()?;
    let missing = "components and posts are named within the forum's mission: give the mission";
    let organization = cells.get("member_organization");
    let component = cells.within("member_component", mission, missing, Key::component)?;
    let post = cells.within("member_post", mission, missing, Key::mission_post)?;
    let given: Vec<&str> = [
        ("member_organization", organization.is_some()),
        ("member_component", component.is_some()),
        ("member_post", post.is_some()),
    ]
    .iter()
    .filter(|(_, set)| *set)
    .map(|(k, _)| *k)
    .collect();
    match given.as_slice() {
        [_] => {}
        [] => {
            return Err(cells.problem(
                "member_organization",
                "give the member: an organisation, a component or a post",
            ))
        }
        [_, second, ..] => {
            return Err(cells.problem(
                second,
                "give one member per row: an organisation, a component or a post",
            ))
        }
    }
    out.key(
        "member_organization",
        Some("member_organization_id"),
        organization.map(Key::organization),
    );
    out.key("member_component", Some("member_component_id"), component);
    out.key("member_post", Some("member_post_id"), post);
    out.set_some("capacity", cells.choice::<Capacity>("capacity")?);
    out.set("note", "note", cells.text("note"));
    out.period()
}

fn lead_agency(out: &mut Values<'_, '_>) -> Result<(), Problem> {
    let cells = out.cells;
    let cluster = cells.required("cluster")?;
    let aor = cells.get("aor");
    // An AoR's lead leads the AoR, not its cluster.
    out.key(
        "cluster",
        aor.is_none().then_some("cluster_id"),
        Some(Key::cluster(cluster)),
    );
    if aor.is_some() {
        out.always("cluster_id", Value::Null);
    }
    out.key(
        "aor",
        Some("area_of_responsibility_id"),
        aor.map(|name| Key::aor(cluster, name)),
    );
    let organization = cells.get("organization");
    out.key(
        "organization",
        Some("organization_id"),
        organization.map(Key::organization),
    );
    let mission = cells.get("mission");
    let component = cells.within(
        "component",
        mission,
        "a component is named within its mission: give the mission",
        Key::component,
    )?;
    if let (Some(acronym), Some(_)) = (mission, &component) {
        out.key("mission", None, Some(Key::mission(acronym)));
    }
    cells.either(
        ("organization", organization.is_some()),
        ("component", component.is_some()),
        "give the lead: an organisation, or a mission component",
        "a lead is an organisation or a component, not both",
    )?;
    out.key("component", Some("component_id"), component);
    out.set_some("role", cells.choice::<LeadRole>("role")?);
    out.period()
}

/// The cells of one row, with the problems they cause placed at their column.
struct Cells<'r> {
    layout: &'r Layout,
    row: &'r HxlRow,
}

impl<'r> Cells<'r> {
    fn get(&self, key: &str) -> Option<&'r str> {
        self.row.get(self.layout, key)
    }

    fn has(&self, key: &str) -> bool {
        self.layout.has(key)
    }

    fn problem(&self, key: &str, message: impl Into<String>) -> Problem {
        self.layout.problem(self.row.row, key, message)
    }

    /// The key in cell `key` of a record named within the record of another cell (`outer`):
    /// none if the cell is empty, a problem saying `missing` if `outer` is.
    fn within(
        &self,
        key: &str,
        outer: Option<&str>,
        missing: &str,
        named: impl FnOnce(&str, &str) -> Key,
    ) -> Result<Option<Key>, Problem> {
        match (self.get(key), outer) {
            (None, _) => Ok(None),
            (Some(_), None) => Err(self.problem(key, missing)),
            (Some(value), Some(outer)) => Ok(Some(named(outer, value))),
        }
    }

    /// Exactly one of two cells is given: `neither` is placed at the first, `both` at the second.
    fn either(
        &self,
        (first, first_given): (&str, bool),
        (second, second_given): (&str, bool),
        neither: &str,
        both: &str,
    ) -> Result<(), Problem> {
        match (first_given, second_given) {
            (true, true) => Err(self.problem(second, both)),
            (false, false) => Err(self.problem(first, neither)),
            _ => Ok(()),
        }
    }

    fn required(&self, key: &str) -> Result<&'r str, Problem> {
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

/// Collects what a row sets: only the columns the sheet has.
struct Values<'c, 'r> {
    cells: &'c Cells<'r>,
    draft: &'c mut Draft,
}

impl<'r> Values<'_, 'r> {
    /// Sets `column` from the cell `key` when the sheet has the column.
    fn set(&mut self, key: &str, column: &'static str, value: Value) {
        if self.cells.has(key) {
            self.always(column, value);
        }
    }

    /// Sets `column` whatever the sheet has: the value is part of the row's key.
    fn always(&mut self, column: &'static str, value: Value) {
        self.draft.values.push((column, value));
    }

    /// Sets a column that always has a value, when the cell is not empty.
    fn set_some(&mut self, column: &'static str, value: Option<Value>) {
        if let Some(value) = value {
            self.always(column, value);
        }
    }

    /// A natural key given in `cell`, filling `column` once resolved.
    fn key(&mut self, cell: &'static str, column: Option<&'static str>, key: Option<Key>) {
        self.draft.keys.push(KeyCell { cell, column, key });
    }

    /// [`Self::key`], when the sheet has the cell.
    fn key_if_present(&mut self, cell: &'static str, column: &'static str, key: Option<Key>) {
        if self.cells.has(cell) {
            self.key(cell, Some(column), key);
        }
    }

    /// The forum a row is about, named within its mission if the row gives one: the mission.
    fn forum(&mut self) -> Result<Option<&'r str>, Problem> {
        let cells = self.cells;
        let mission = cells.get("mission");
        if let Some(acronym) = mission {
            self.key("mission", None, Some(Key::mission(acronym)));
        }
        let forum = Key::forum(mission, cells.required("forum")?);
        self.key("forum", Some("forum_id"), Some(forum));
        Ok(mission)
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
        self.set_some("sensitivity", cells.choice::<Sensitivity>("sensitivity")?);
        Ok(())
    }
}
