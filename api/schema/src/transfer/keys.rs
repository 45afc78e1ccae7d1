//! Natural keys resolved to records: a mission by acronym (a former one too), an organisation,
//! cluster, decision area or geographic area by code, and, named within those, an area of
//! responsibility, a forum, a post or a component by name. One resolver for every input that
//! names records so: the sheets ([`super::drafts`] gives their keys) and the JSON import (which
//! matches its rows to records by natural key, [`holders`]; the demo dataset is such a document).
//!
//! A reference ([`Resolver::resolve`]) goes through the caller's visibility and skips archived
//! records; a failure is the message for the cell (or entry) that gave the key. Resolved keys are
//! remembered. A match ([`holders`]) finds the record that holds a row's own key, as stored.

use std::collections::HashMap;

use entity::{area_of_responsibility as aor, component, forum, geographic_area, post};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use super::rows::{self, Row};
use super::store::{self, dispatch};
use super::tables::TableSpec;
use crate::error::AppResult;
use crate::services::access::Viewer;
use crate::services::crud::{self, ListScope};
use crate::services::{cluster, decision, mission, organization};

/// The records of `spec`'s table that hold one of `keys` in the table's natural-key column,
/// by key: the id each row of an import takes, so importing the same input twice changes
/// nothing. The keys match as stored (exactly), archived records and records the importer
/// cannot see included: a row's key is the record's identity, not a reference to check.
pub async fn holders<C: ConnectionTrait>(
    db: &C,
    spec: &TableSpec,
    keys: &[String],
) -> AppResult<HashMap<String, Uuid>> {
    let Some(column) = spec.natural_key else {
        return Ok(HashMap::new());
    };
    let found: Vec<Row> =
        dispatch!(spec.name, E => store::by_column::<E, _>(db, column, keys).await)?;
    Ok(found
        .iter()
        .filter_map(|r| Some((r.get(column)?.as_str()?.to_owned(), rows::uuid(r, "id")?)))
        .collect())
}

/// The natural key a row of `spec`'s table gives itself, if the table has one and the row
/// gives it.
pub fn own_key<'r>(spec: &TableSpec, row: &'r Row) -> Option<&'r str> {
    row.get(spec.natural_key?).and_then(Value::as_str)
}

/// A record named by natural key, as an input gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A mission by acronym.
    Mission(String),
    /// An organisation by code.
    Organization(String),
    /// A cluster by code.
    Cluster(String),
    /// A geographic area by code.
    Area(String),
    /// A decision area by code.
    DecisionArea(String),
    /// An area of responsibility by name within its cluster (by code).
    Aor { cluster: String, name: String },
    /// A forum by name within its mission, or outside missions.
    Forum {
        mission: Option<String>,
        name: String,
    },
    /// A post by title within its mission or organisation.
    Post { owner: OwnerKey, title: String },
    /// A component by name or acronym within its mission.
    Component { mission: String, name: String },
}

/// Whose post a title names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OwnerKey {
    /// A mission, by acronym.
    Mission(String),
    /// An organisation (for a post outside missions), by code.
    Organization(String),
}

impl Key {
    pub fn mission(acronym: &str) -> Self {
        Self::Mission(acronym.to_owned())
    }

    pub fn organization(code: &str) -> Self {
        Self::Organization(code.to_owned())
    }

    pub fn cluster(code: &str) -> Self {
        Self::Cluster(code.to_owned())
    }

    pub fn area(code: &str) -> Self {
        Self::Area(code.to_owned())
    }

    pub fn decision_area(code: &str) -> Self {
        Self::DecisionArea(code.to_owned())
    }

    pub fn aor(cluster: &str, name: &str) -> Self {
        Self::Aor {
            cluster: cluster.to_owned(),
            name: name.to_owned(),
        }
    }

    pub fn forum(mission: Option<&str>, name: &str) -> Self {
        Self::Forum {
            mission: mission.map(str::to_owned),
            name: name.to_owned(),
        }
    }

    /// A post of a mission.
    pub fn mission_post(mission: &str, title: &str) -> Self {
        Self::Post {
            owner: OwnerKey::Mission(mission.to_owned()),
            title: title.to_owned(),
        }
    }

    pub fn component(mission: &str, name: &str) -> Self {
        Self::Component {
            mission: mission.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// Whose post a title names, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Mission(Uuid),
    Organization(Uuid),
}

/// The records a bare code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Coded {
    Organization,
    Cluster,
    DecisionArea,
}

/// A resolution: the record's id, or the message saying why the key names none.
pub type Resolved = Result<Uuid, String>;

/// Natural keys resolved to ids, remembered for the rest of the input.
#[derive(Default)]
pub struct Resolver {
    missions: HashMap<String, (Uuid, String)>,
    /// Organisations, clusters and decision areas, by code.
    codes: HashMap<(Coded, String), Uuid>,
    areas: HashMap<String, Uuid>,
    aors: HashMap<(Uuid, String), Uuid>,
    forums: HashMap<(Option<Uuid>, String), Uuid>,
    posts: HashMap<(Owner, String), Uuid>,
    components: HashMap<(Uuid, String), Uuid>,
}

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
) -> Resolved {
    match found.as_slice() {
        [one] => Ok(id(one)),
        [] => Err(none),
        more => Err(many(more.len())),
    }
}

/// The one record (of `found`) named `name` in `place` (`in MONUSCO`), or why not: `what` is
/// the record's noun, its plural and the verb naming it (`("post", "posts", "titled")`), and
/// `hint` says how to tell records of the same name apart.
fn named_in(
    found: Vec<Uuid>,
    (one, many, verb): (&str, &str, &str),
    name: &str,
    place: &str,
    hint: &str,
) -> Resolved {
    one_of(
        found,
        |id| *id,
        format!("no {one} is {verb} {name} {place}"),
        |n| format!("{n} {many} are {verb} {name} {place}{hint}"),
    )
}

/// How to tell apart records a sheet names by name.
const RENAME: &str = "; rename one so the sheet can tell them apart";

/// Remembers a successful resolution of `key`.
fn remember<K: std::hash::Hash + Eq>(
    cache: &mut HashMap<K, Uuid>,
    key: K,
    result: Resolved,
) -> Resolved {
    if let Ok(id) = result {
        cache.insert(key, id);
    }
    result
}

/// Returns the message of a failed resolution from the enclosing function.
macro_rules! or_fail {
    ($resolved:expr) => {
        match $resolved {
            Ok(id) => id,
            Err(message) => return Ok(Err(message)),
        }
    };
}

impl Resolver {
    /// The record `key` names, as `viewer` sees the database `db`.
    pub async fn resolve<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        key: &Key,
    ) -> AppResult<Resolved> {
        match key {
            Key::Mission(acronym) => self.mission(db, viewer, acronym).await,
            Key::Organization(code) => self.coded(db, viewer, Coded::Organization, code).await,
            Key::Cluster(code) => self.coded(db, viewer, Coded::Cluster, code).await,
            Key::Area(code) => self.area(db, viewer, code).await,
            Key::DecisionArea(code) => self.coded(db, viewer, Coded::DecisionArea, code).await,
            Key::Aor { cluster, name } => {
                let cluster = or_fail!(self.coded(db, viewer, Coded::Cluster, cluster).await?);
                self.aor(db, viewer, cluster, name).await
            }
            Key::Forum { mission, name } => {
                let mission = match mission {
                    Some(acronym) => Some(or_fail!(self.mission(db, viewer, acronym).await?)),
                    None => None,
                };
                self.forum(db, viewer, mission, name).await
            }
            Key::Post { owner, title } => {
                let owner = match owner {
                    OwnerKey::Mission(acronym) => {
                        Owner::Mission(or_fail!(self.mission(db, viewer, acronym).await?))
                    }
                    OwnerKey::Organization(code) => Owner::Organization(or_fail!(
                        self.coded(db, viewer, Coded::Organization, code).await?
                    )),
                };
                self.post(db, viewer, owner, title).await
            }
            Key::Component { mission, name } => {
                let mission = or_fail!(self.mission(db, viewer, mission).await?);
                self.component(db, viewer, mission, name).await
            }
        }
    }

    async fn mission<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        acronym: &str,
    ) -> AppResult<Resolved> {
        let key = acronym.trim().to_uppercase();
        if let Some((id, _)) = self.missions.get(&key) {
            return Ok(Ok(*id));
        }
        let Some(found) = mission::find_by_acronym(db, viewer, &key).await? else {
            return Ok(Err(format!("no mission has the acronym {key}")));
        };
        if found.archived_at.is_some() {
            return Ok(Err(format!("the mission {key} is archived")));
        }
        self.missions.insert(key, (found.id, found.acronym.clone()));
        Ok(Ok(found.id))
    }

    /// How messages name a resolved mission: its acronym.
    fn mission_name(&self, id: Uuid) -> String {
        self.missions
            .values()
            .find(|(m, _)| *m == id)
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The record of `kind` with `code`, unless there is none or it is archived.
    async fn coded<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        kind: Coded,
        code: &str,
    ) -> AppResult<Resolved> {
        let key = (kind, code.trim().to_uppercase());
        if let Some(id) = self.codes.get(&key) {
            return Ok(Ok(*id));
        }
        let code = key.1.as_str();
        let (found, noun) = match kind {
            Coded::Organization => (
                organization::find_by_code(db, viewer, code)
                    .await?
                    .map(|f| (f.id, f.archived_at.is_some())),
                "organisation",
            ),
            Coded::Cluster => (
                cluster::find_by_code(db, viewer, code)
                    .await?
                    .map(|f| (f.id, f.archived_at.is_some())),
                "cluster",
            ),
            Coded::DecisionArea => (
                decision::find_area_by_code(db, viewer, code)
                    .await?
                    .map(|f| (f.id, f.archived_at.is_some())),
                "decision area",
            ),
        };
        Ok(match found {
            None => Err(format!("no {noun} has the code {code}")),
            Some((_, true)) => Err(format!("the {noun} {code} is archived")),
            Some((id, false)) => {
                self.codes.insert(key, id);
                Ok(id)
            }
        })
    }

    async fn area<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        code: &str,
    ) -> AppResult<Resolved> {
        let key = code.trim().to_uppercase();
        if let Some(id) = self.areas.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<geographic_area::Entity>(viewer, live())
            .filter(geographic_area::Column::Code.eq(key.as_str()))
            .all(db)
            .await?;
        let result = one_of(
            found,
            |a| a.id,
            format!("no geographic area has the code {key}"),
            |n| format!("{n} geographic areas have the code {key}"),
        );
        Ok(remember(&mut self.areas, key, result))
    }

    async fn aor<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        cluster: Uuid,
        name: &str,
    ) -> AppResult<Resolved> {
        let name = name.trim();
        let key = (cluster, name.to_lowercase());
        if let Some(id) = self.aors.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<aor::Entity>(viewer, live())
            .filter(aor::Column::ClusterId.eq(cluster))
            .filter(same_text(aor::Column::Name, name))
            .all(db)
            .await?;
        let result = named_in(
            found.iter().map(|a| a.id).collect(),
            ("area of responsibility", "areas of responsibility", "named"),
            name,
            "in this cluster",
            "",
        );
        Ok(remember(&mut self.aors, key, result))
    }

    async fn forum<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        mission: Option<Uuid>,
        name: &str,
    ) -> AppResult<Resolved> {
        let name = name.trim();
        let key = (mission, name.to_lowercase());
        if let Some(id) = self.forums.get(&key) {
            return Ok(Ok(*id));
        }
        let select = crud::select::<forum::Entity>(viewer, live())
            .filter(same_text(forum::Column::Name, name));
        let select = match mission {
            Some(m) => select.filter(forum::Column::MissionId.eq(m)),
            None => select.filter(forum::Column::MissionId.is_null()),
        };
        let found = select.all(db).await?;
        let place = match mission {
            Some(m) => format!("in {}", self.mission_name(m)),
            None => "outside missions (give the mission if it has one)".to_owned(),
        };
        let result = named_in(
            found.iter().map(|f| f.id).collect(),
            ("forum", "forums", "named"),
            name,
            &place,
            RENAME,
        );
        Ok(remember(&mut self.forums, key, result))
    }

    async fn post<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        owner: Owner,
        title: &str,
    ) -> AppResult<Resolved> {
        let title = title.trim();
        let key = (owner, title.to_lowercase());
        if let Some(id) = self.posts.get(&key) {
            return Ok(Ok(*id));
        }
        let select = crud::select::<post::Entity>(viewer, live())
            .filter(same_text(post::Column::Title, title));
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
        let found = select.all(db).await?;
        let result = named_in(
            found.iter().map(|p| p.id).collect(),
            ("post", "posts", "titled"),
            title,
            &place,
            RENAME,
        );
        Ok(remember(&mut self.posts, key, result))
    }

    async fn component<C: ConnectionTrait>(
        &mut self,
        db: &C,
        viewer: &Viewer,
        mission: Uuid,
        name: &str,
    ) -> AppResult<Resolved> {
        let name = name.trim();
        let key = (mission, name.to_lowercase());
        if let Some(id) = self.components.get(&key) {
            return Ok(Ok(*id));
        }
        let found = crud::select::<component::Entity>(viewer, live())
            .filter(component::Column::MissionId.eq(mission))
            .filter(
                Condition::any()
                    .add(same_text(component::Column::Name, name))
                    .add(same_text(component::Column::Acronym, name)),
            )
            .all(db)
            .await?;
        let result = named_in(
            found.iter().map(|c| c.id).collect(),
            ("component", "components", "named"),
            name,
            &format!("in {}", self.mission_name(mission)),
            "; use the acronym or rename one",
        );
        Ok(remember(&mut self.components, key, result))
    }
}
