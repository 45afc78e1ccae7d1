//! What an export holds, decided without the database: the rows a caller may read (loaded by
//! [`super::export`]), trimmed so that nothing refers to a record left out, optionally narrowed
//! to one mission, then written as a JSON document or as HXL sheets.

use std::collections::{HashMap, HashSet};

use entity::enums::Sensitivity;
use serde_json::Value;
use uuid::Uuid;

use super::hxl::{self, Sheet};
use super::json::JsonWriter;
use super::rows::{self, Row};
use super::tables::{self, TableSpec, TABLES};
use crate::services::record::RecordKind;

/// Rows of every table, in load order, each table ordered by id.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub tables: Vec<(&'static TableSpec, Vec<Row>)>,
}

/// The sheets of an export and what they had to leave out.
#[derive(Debug, Clone, Default)]
pub struct Sheets {
    /// `(file name, CSV bytes)`, in import order.
    pub files: Vec<(String, Vec<u8>)>,
    /// One line per sheet that left rows out, saying why.
    pub notes: Vec<String>,
}

fn id(row: &Row) -> Option<Uuid> {
    rows::uuid(row, "id")
}

fn text(row: &Row, column: &str) -> Option<String> {
    row.get(column)?.as_str().map(str::to_owned)
}

fn archived(row: &Row) -> bool {
    row.get("archived_at").is_some_and(|v| !v.is_null())
}

/// The record a citation names, as `(table, id)`.
fn cited(row: &Row) -> Option<(&'static str, Uuid)> {
    let kind = RecordKind::from_name(row.get("record_type")?.as_str()?)?;
    Some((
        tables::table_of_kind(kind)?.name,
        rows::uuid(row, "record_id")?,
    ))
}

/// What deciding what an export leaves out needs of a row: its id, the ids it refers to (in
/// the order of [`TableSpec::references`]) and, for a citation, the record it cites. The export
/// keeps only these in memory while it decides, never the rows themselves.
#[derive(Debug, Clone)]
pub struct Skeleton {
    pub id: Uuid,
    refs: Box<[Option<Uuid>]>,
    cited: Option<(&'static str, Uuid)>,
}

impl Skeleton {
    /// The skeleton of a row of `spec`; `None` for a row without an id.
    pub fn of(spec: &TableSpec, row: &Row) -> Option<Self> {
        Some(Self {
            id: id(row)?,
            refs: spec
                .references
                .iter()
                .map(|(column, _)| rows::uuid(row, column))
                .collect(),
            cited: if spec.kind == RecordKind::SourceCitation {
                cited(row)
            } else {
                None
            },
        })
    }

    /// Whether every record this row refers to through its reference columns is kept (a
    /// citation's cited record is [`Self::cited`]).
    pub fn references_held(&self, spec: &TableSpec, kept: &Kept) -> bool {
        spec.references
            .iter()
            .zip(self.refs.iter())
            .all(|((_, target), r)| {
                r.is_none_or(|r| kept.get(target).is_some_and(|set| set.contains(&r)))
            })
    }

    /// The record a citation names, as `(table, id)`; `None` for other rows.
    pub fn cited(&self) -> Option<(&'static str, Uuid)> {
        self.cited
    }

    /// The id in reference column `column` of `spec`.
    fn get(&self, spec: &TableSpec, column: &str) -> Option<Uuid> {
        let at = spec.references.iter().position(|(c, _)| *c == column)?;
        self.refs[at]
    }
}

/// Ids of the records an export keeps, per table.
pub type Kept = HashMap<&'static str, HashSet<Uuid>>;

/// The skeletons of every table, in load order: what the export decides on.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub tables: Vec<(&'static TableSpec, Vec<Skeleton>)>,
}

impl Keys {
    /// The ids of every table.
    pub fn kept(&self) -> Kept {
        self.tables
            .iter()
            .map(|(spec, rows)| (spec.name, rows.iter().map(|r| r.id).collect()))
            .collect()
    }

    fn rows(&self, table: &str) -> &[Skeleton] {
        self.tables
            .iter()
            .find(|(spec, _)| spec.name == table)
            .map(|(_, rows)| rows.as_slice())
            .unwrap_or(&[])
    }

    /// Leaves out rows that refer to a record not kept (one the caller may not read, or one
    /// left out in turn): a record that does not exist for the caller must not show through
    /// the references of others.
    pub fn drop_dangling(&mut self) {
        loop {
            let present = self.kept();
            let mut changed = false;
            for (spec, rows) in &mut self.tables {
                let before = rows.len();
                rows.retain(|row| {
                    let references_held = row.references_held(spec, &present);
                    let record_held = spec.kind != RecordKind::SourceCitation
                        || row.cited.is_some_and(|(table, r)| {
                            present.get(table).is_some_and(|set| set.contains(&r))
                        });
                    references_held && record_held
                });
                changed |= rows.len() != before;
            }
            if !changed {
                return;
            }
        }
    }

    /// Keeps what belongs to `mission` (its names, mandates, components, posts and their hats and
    /// holders, reporting lines from its posts and components, mandated tasks, forums with
    /// their links and memberships, rights, documents; the leads of the clusters its forums
    /// name and of its components), the records these refer to, however far, and the
    /// citations of everything kept with their documents.
    pub fn restrict_to_mission(&mut self, mission: Uuid) {
        let mut kept: Kept = HashMap::new();
        let is = |spec: &TableSpec, row: &Skeleton, column: &str, set: Option<&HashSet<Uuid>>| {
            row.get(spec, column)
                .is_some_and(|v| set.is_some_and(|s| s.contains(&v)))
        };
        let own: HashSet<Uuid> = HashSet::from([mission]);
        for (spec, rows) in &self.tables {
            let mut set = HashSet::new();
            for row in rows {
                let belongs = match spec.name {
                    "missions" => row.id == mission,
                    "mission_names" | "mission_mandates" | "components" | "posts"
                    | "mandated_tasks" | "forums" | "decision_rights" | "documents" => {
                        is(spec, row, "mission_id", Some(&own))
                    }
                    "post_hats" | "assignments" => is(spec, row, "post_id", kept.get("posts")),
                    "reporting_lines" => {
                        is(spec, row, "from_post_id", kept.get("posts"))
                            || is(spec, row, "from_component_id", kept.get("components"))
                    }
                    "forum_links" | "forum_memberships" => {
                        is(spec, row, "forum_id", kept.get("forums"))
                    }
                    _ => false,
                };
                if belongs {
                    set.insert(row.id);
                }
            }
            kept.insert(spec.name, set);
        }
        // Leads come before forums in load order: a second look once the forums are known.
        let forums_spec = tables::table("forums");
        let leads_spec = tables::table("lead_agencies");
        if let (Some(forums_spec), Some(leads_spec)) = (forums_spec, leads_spec) {
            let forums: Vec<&Skeleton> = self
                .rows("forums")
                .iter()
                .filter(|r| kept["forums"].contains(&r.id))
                .collect();
            let clusters: HashSet<Uuid> = forums
                .iter()
                .filter_map(|f| f.get(forums_spec, "cluster_id"))
                .collect();
            let aors: HashSet<Uuid> = forums
                .iter()
                .filter_map(|f| f.get(forums_spec, "area_of_responsibility_id"))
                .collect();
            let leads: HashSet<Uuid> = self
                .rows("lead_agencies")
                .iter()
                .filter(|l| {
                    is(leads_spec, l, "cluster_id", Some(&clusters))
                        || is(leads_spec, l, "area_of_responsibility_id", Some(&aors))
                        || is(leads_spec, l, "component_id", kept.get("components"))
                })
                .map(|l| l.id)
                .collect();
            kept.entry("lead_agencies").or_default().extend(leads);
        }
        self.close_over_references(&mut kept);
        for (spec, rows) in &mut self.tables {
            let set = kept.get(spec.name);
            rows.retain(|r| set.is_some_and(|s| s.contains(&r.id)));
        }
    }

    /// Adds to `kept` every record a kept row refers to, and the citations of kept records.
    fn close_over_references(&self, kept: &mut Kept) {
        loop {
            let mut added: Vec<(&'static str, Uuid)> = Vec::new();
            for (spec, rows) in &self.tables {
                let Some(set) = kept.get(spec.name) else {
                    continue;
                };
                for row in rows {
                    if spec.kind == RecordKind::SourceCitation {
                        let record_kept = row
                            .cited
                            .is_some_and(|(t, r)| kept.get(t).is_some_and(|s| s.contains(&r)));
                        if record_kept && !set.contains(&row.id) {
                            added.push((spec.name, row.id));
                        }
                    }
                    if !set.contains(&row.id) {
                        continue;
                    }
                    for ((_, target), r) in spec.references.iter().zip(row.refs.iter()) {
                        if let Some(r) = r {
                            if !kept.get(target).is_some_and(|s| s.contains(r)) {
                                added.push((target, *r));
                            }
                        }
                    }
                }
            }
            if added.is_empty() {
                return;
            }
            for (table, r) in added {
                kept.entry(table).or_default().insert(r);
            }
        }
    }
}

/// The sensitivity of a row (public when it has none), for the audit of confidential reads.
pub fn sensitivity(row: &Row) -> Sensitivity {
    row.get("sensitivity")
        .cloned()
        .and_then(|v| serde_json::from_value::<Sensitivity>(v).ok())
        .unwrap_or(Sensitivity::Public)
}

impl Snapshot {
    fn keys(&self) -> Keys {
        Keys {
            tables: self
                .tables
                .iter()
                .map(|(spec, rows)| {
                    (
                        *spec,
                        rows.iter().filter_map(|r| Skeleton::of(spec, r)).collect(),
                    )
                })
                .collect(),
        }
    }

    /// Keeps the rows whose ids `kept` holds.
    fn retain(&mut self, kept: &Kept) {
        for (spec, rows) in &mut self.tables {
            let set = kept.get(spec.name);
            rows.retain(|r| id(r).is_some_and(|i| set.is_some_and(|s| s.contains(&i))));
        }
    }

    /// [`Keys::drop_dangling`] on the rows.
    pub fn drop_dangling(&mut self) {
        let mut keys = self.keys();
        keys.drop_dangling();
        self.retain(&keys.kept());
    }

    /// [`Keys::restrict_to_mission`] on the rows.
    pub fn restrict_to_mission(&mut self, mission: Uuid) {
        let mut keys = self.keys();
        keys.restrict_to_mission(mission);
        self.retain(&keys.kept());
    }

    /// The rows of a table.
    pub fn rows(&self, table: &str) -> &[Row] {
        self.tables
            .iter()
            .find(|(spec, _)| spec.name == table)
            .map(|(_, rows)| rows.as_slice())
            .unwrap_or(&[])
    }

    /// Every row as `(kind, id, sensitivity)`, for the audit of confidential reads.
    pub fn records(&self) -> Vec<(RecordKind, Uuid, Sensitivity)> {
        let mut out = Vec::new();
        for (spec, rows) in &self.tables {
            for row in rows {
                let level = sensitivity(row);
                if let Some(row_id) = id(row) {
                    out.push((spec.kind, row_id, level));
                }
            }
        }
        out
    }

    /// The JSON document: every table in load order, rows by id, keys sorted.
    pub fn to_json(&self) -> std::io::Result<Vec<u8>> {
        let mut writer = JsonWriter::begin(Vec::new())?;
        for spec in TABLES {
            writer.table(spec, self.rows(spec.name))?;
        }
        writer.finish()
    }

    /// The HXL sheets. Rows that sheets cannot express (they refer to archived records, or to a
    /// record that a natural key cannot name from where the row stands) are left out and
    /// counted in the notes; the JSON export has them.
    pub fn to_sheets(&self) -> std::io::Result<Sheets> {
        let names = Names::of(self);
        let mut out = Sheets::default();
        for sheet in hxl::SHEETS {
            let mut left_out = 0;
            let mut lines = Vec::new();
            for row in self.rows(sheet.name) {
                match names.render(sheet, row) {
                    Some(cells) => lines.push(cells),
                    None => left_out += 1,
                }
            }
            if left_out > 0 {
                out.notes.push(format!(
                    "{}: {left_out} row{} left out: {} to archived records or to records a sheet cannot name from there; the JSON export has {}",
                    sheet.file_name(),
                    if left_out == 1 { "" } else { "s" },
                    if left_out == 1 { "it refers" } else { "they refer" },
                    if left_out == 1 { "it" } else { "them" },
                ));
            }
            let bytes = hxl::write_sheet(Vec::new(), sheet, lines)?;
            out.files.push((sheet.file_name(), bytes));
        }
        Ok(out)
    }
}

/// Natural keys of the records sheets refer to.
struct Names<'s> {
    missions: HashMap<Uuid, &'s Row>,
    organizations: HashMap<Uuid, &'s Row>,
    posts: HashMap<Uuid, &'s Row>,
    components: HashMap<Uuid, &'s Row>,
    forums: HashMap<Uuid, &'s Row>,
    clusters: HashMap<Uuid, &'s Row>,
    aors: HashMap<Uuid, &'s Row>,
    areas: HashMap<Uuid, &'s Row>,
}

fn index(rows: &[Row]) -> HashMap<Uuid, &Row> {
    rows.iter()
        .filter(|r| !archived(r))
        .filter_map(|r| Some((id(r)?, r)))
        .collect()
}

fn yes_no(row: &Row, column: &str) -> Option<String> {
    row.get(column)
        .and_then(Value::as_bool)
        .map(|b| if b { "yes" } else { "no" }.to_owned())
}

/// A reference cell: `Ok(None)` for no reference, `Err` when the reference cannot be written.
type Named = Result<Option<String>, ()>;

impl<'s> Names<'s> {
    fn of(snapshot: &'s Snapshot) -> Self {
        Self {
            missions: index(snapshot.rows("missions")),
            organizations: index(snapshot.rows("organizations")),
            posts: index(snapshot.rows("posts")),
            components: index(snapshot.rows("components")),
            forums: index(snapshot.rows("forums")),
            clusters: index(snapshot.rows("clusters")),
            aors: index(snapshot.rows("areas_of_responsibility")),
            areas: index(snapshot.rows("geographic_areas")),
        }
    }

    fn lookup(map: &HashMap<Uuid, &'s Row>, row: &Row, column: &str, key: &str) -> Named {
        match rows::uuid(row, column) {
            None => Ok(None),
            Some(r) => map
                .get(&r)
                .and_then(|target| text(target, key))
                .map(Some)
                .ok_or(()),
        }
    }

    fn mission(&self, row: &Row, column: &str) -> Named {
        Self::lookup(&self.missions, row, column, "acronym")
    }

    fn organization(&self, row: &Row, column: &str) -> Named {
        Self::lookup(&self.organizations, row, column, "code")
    }

    fn cluster(&self, row: &Row, column: &str) -> Named {
        Self::lookup(&self.clusters, row, column, "code")
    }

    fn area(&self, row: &Row, column: &str) -> Named {
        Self::lookup(&self.areas, row, column, "code")
    }

    /// A post, component or forum named within `mission` (it must belong to that mission).
    fn within(
        map: &HashMap<Uuid, &'s Row>,
        row: &Row,
        column: &str,
        key: &str,
        mission: Option<Uuid>,
    ) -> Named {
        match rows::uuid(row, column) {
            None => Ok(None),
            Some(r) => {
                let target = map.get(&r).ok_or(())?;
                if rows::uuid(target, "mission_id") != mission {
                    return Err(());
                }
                text(target, key).map(Some).ok_or(())
            }
        }
    }

    fn render(&self, sheet: &Sheet, row: &Row) -> Option<Vec<Option<String>>> {
        if archived(row) {
            return None;
        }
        let start = text(row, "valid_from");
        let end = text(row, "valid_to");
        let sensitivity = text(row, "sensitivity");
        let cells = match sheet.name {
            "organizations" => vec![
                text(row, "code"),
                text(row, "name"),
                text(row, "kind"),
                self.organization(row, "parent_id").ok()?,
                text(row, "country_code"),
                text(row, "description"),
                sensitivity,
            ],
            "posts" => {
                let mission = rows::uuid(row, "mission_id");
                vec![
                    self.mission(row, "mission_id").ok()?,
                    self.organization(row, "organization_id").ok()?,
                    text(row, "title"),
                    Self::within(&self.components, row, "component_id", "name", mission).ok()?,
                    yes_no(row, "is_component_head"),
                    self.area(row, "geographic_area_id").ok()?,
                    start,
                    end,
                    sensitivity,
                ]
            }
            "reporting_lines" => {
                let from_post = rows::uuid(row, "from_post_id").and_then(|p| self.posts.get(&p));
                let from_component =
                    rows::uuid(row, "from_component_id").and_then(|c| self.components.get(&c));
                let mission = from_post
                    .or(from_component)
                    .and_then(|r| rows::uuid(r, "mission_id"))?;
                let to_post = rows::uuid(row, "to_post_id").map(|p| self.posts.get(&p));
                let (to_post_title, to_organization) = match to_post {
                    None => (None, self.organization(row, "to_organization_id").ok()?),
                    Some(None) => return None,
                    Some(Some(target)) => match rows::uuid(target, "mission_id") {
                        Some(m) if m == mission => (text(target, "title"), None),
                        Some(_) => return None,
                        None => (
                            text(target, "title"),
                            Some(self.organization(target, "organization_id").ok()??),
                        ),
                    },
                };
                vec![
                    self.missions.get(&mission).and_then(|m| text(m, "acronym")),
                    Self::within(&self.posts, row, "from_post_id", "title", Some(mission)).ok()?,
                    Self::within(
                        &self.components,
                        row,
                        "from_component_id",
                        "name",
                        Some(mission),
                    )
                    .ok()?,
                    to_post_title,
                    to_organization,
                    text(row, "kind"),
                    text(row, "note"),
                    start,
                    end,
                    sensitivity,
                ]
            }
            "forums" => {
                let mission = rows::uuid(row, "mission_id");
                let aor = rows::uuid(row, "area_of_responsibility_id")
                    .map(|a| self.aors.get(&a).ok_or(()))
                    .transpose()
                    .ok()?;
                // The AoR is named within its cluster, which the Cluster column gives.
                let cluster = match (self.cluster(row, "cluster_id").ok()?, aor) {
                    (Some(code), _) => Some(code),
                    (None, Some(a)) => Some(self.cluster(a, "cluster_id").ok()??),
                    (None, None) => None,
                };
                vec![
                    self.mission(row, "mission_id").ok()?,
                    text(row, "name"),
                    text(row, "acronym"),
                    text(row, "kind"),
                    text(row, "level"),
                    cluster,
                    aor.and_then(|a| text(a, "name")),
                    self.area(row, "geographic_area_id").ok()?,
                    Self::within(&self.posts, row, "established_by_post_id", "title", mission)
                        .ok()?,
                    self.organization(row, "established_by_organization_id")
                        .ok()?,
                    yes_no(row, "open_to_external"),
                    yes_no(row, "standing"),
                    text(row, "meeting_frequency"),
                    text(row, "purpose"),
                    start,
                    end,
                    sensitivity,
                ]
            }
            "forum_links" => {
                let forum = self.forums.get(&rows::uuid(row, "forum_id")?)?;
                let target = self.forums.get(&rows::uuid(row, "target_forum_id")?)?;
                let mission = rows::uuid(forum, "mission_id");
                let target_mission = rows::uuid(target, "mission_id");
                let target_acronym = match (mission, target_mission) {
                    (a, b) if a == b => None,
                    // An empty target mission means "the forum's mission": a target outside
                    // missions cannot be named from a forum inside one.
                    (_, None) => return None,
                    (_, Some(m)) => Some(text(self.missions.get(&m)?, "acronym")?),
                };
                vec![
                    self.mission(forum, "mission_id").ok()?,
                    text(forum, "name"),
                    text(row, "kind"),
                    target_acronym,
                    text(target, "name"),
                    start,
                    end,
                    sensitivity,
                ]
            }
            "forum_memberships" => {
                let forum = self.forums.get(&rows::uuid(row, "forum_id")?)?;
                let mission = rows::uuid(forum, "mission_id");
                vec![
                    self.mission(forum, "mission_id").ok()?,
                    text(forum, "name"),
                    self.organization(row, "member_organization_id").ok()?,
                    Self::within(
                        &self.components,
                        row,
                        "member_component_id",
                        "name",
                        mission,
                    )
                    .ok()?,
                    Self::within(&self.posts, row, "member_post_id", "title", mission).ok()?,
                    text(row, "capacity"),
                    text(row, "note"),
                    start,
                    end,
                    sensitivity,
                ]
            }
            "lead_agencies" => {
                let aor = rows::uuid(row, "area_of_responsibility_id")
                    .map(|a| self.aors.get(&a).ok_or(()))
                    .transpose()
                    .ok()?;
                let cluster = match aor {
                    Some(a) => self.cluster(a, "cluster_id").ok()?,
                    None => self.cluster(row, "cluster_id").ok()?,
                };
                let component = rows::uuid(row, "component_id")
                    .map(|c| self.components.get(&c).ok_or(()))
                    .transpose()
                    .ok()?;
                let mission = match component {
                    Some(c) => Some(self.mission(c, "mission_id").ok()??),
                    None => None,
                };
                vec![
                    cluster,
                    aor.and_then(|a| text(a, "name")),
                    self.organization(row, "organization_id").ok()?,
                    mission,
                    component.and_then(|c| text(c, "name")),
                    text(row, "role"),
                    start,
                    end,
                    sensitivity,
                ]
            }
            _ => return None,
        };
        Some(cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(value: Value) -> Row {
        value.as_object().cloned().unwrap_or_default()
    }

    fn snapshot(rows_by_table: Vec<(&str, Vec<Value>)>) -> Snapshot {
        let mut given: HashMap<&str, Vec<Row>> = rows_by_table
            .into_iter()
            .map(|(t, rows)| (t, rows.into_iter().map(row).collect()))
            .collect();
        Snapshot {
            tables: TABLES
                .iter()
                .map(|spec| (*spec, given.remove(spec.name).unwrap_or_default()))
                .collect(),
        }
    }

    const M1: &str = "00000000-0000-7000-8000-000000000001";
    const M2: &str = "00000000-0000-7000-8000-000000000002";
    const F1: &str = "00000000-0000-7000-8000-000000000011";
    const F2: &str = "00000000-0000-7000-8000-000000000012";
    const ORG: &str = "00000000-0000-7000-8000-000000000021";
    const HIDDEN: &str = "00000000-0000-7000-8000-000000000099";

    fn sample() -> Snapshot {
        snapshot(vec![
            (
                "organizations",
                vec![json!({"id": ORG, "code": "ICRC", "parent_id": null})],
            ),
            (
                "missions",
                vec![
                    json!({"id": M1, "acronym": "MONUC", "lead_department_id": null}),
                    json!({"id": M2, "acronym": "UNMIS", "lead_department_id": null}),
                ],
            ),
            (
                "forums",
                vec![
                    json!({"id": F1, "name": "EWRRC", "mission_id": M1}),
                    json!({"id": F2, "name": "PSG", "mission_id": M2}),
                ],
            ),
            (
                "forum_memberships",
                vec![
                    json!({"id": "00000000-0000-7000-8000-000000000031", "forum_id": F1, "member_organization_id": ORG}),
                    json!({"id": "00000000-0000-7000-8000-000000000032", "forum_id": F2, "member_organization_id": null, "member_post_id": HIDDEN}),
                ],
            ),
        ])
    }

    #[test]
    fn rows_referring_to_records_out_of_sight_are_left_out() {
        let mut snap = sample();
        snap.drop_dangling();
        assert_eq!(snap.rows("forum_memberships").len(), 1);
        assert_eq!(snap.rows("forums").len(), 2);
    }

    #[test]
    fn a_mission_export_keeps_its_records_and_what_they_refer_to() {
        let mut snap = sample();
        snap.drop_dangling();
        snap.restrict_to_mission(M1.parse().unwrap());
        assert_eq!(snap.rows("missions").len(), 1);
        assert_eq!(
            text(&snap.rows("missions")[0], "acronym").as_deref(),
            Some("MONUC")
        );
        assert_eq!(snap.rows("forums").len(), 1);
        assert_eq!(snap.rows("forum_memberships").len(), 1);
        assert_eq!(snap.rows("organizations").len(), 1, "the member is kept");
    }
}
