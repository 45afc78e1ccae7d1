//! No record exists above the caller's clearance, on every path: for every role, a record it may
//! not see answers exactly as an unknown one does — in filters and arguments (the whole schema,
//! walked from introspection), in exports (field by field, contact details included) and in the
//! audit log. Runs on the demo dataset, with chosen records raised above each caller's clearance.

use base64::Engine as _;
use coordmap_api::services::record::RecordKind;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{error_code, spawn_app_with, user_token, Backend, TestApp};

/// Declares a test run on SQLite and on PostgreSQL with anonymous reads allowed.
macro_rules! open_backends {
    ($name:ident, |$app:ident| $body:expr) => {
        $crate::backends_test!($name, spawn = super::spawn, |$app| $body);
    };
}

async fn spawn(backend: Backend) -> Option<TestApp> {
    // The walk of the schema asks every field with a wide selection: budgets are not at test.
    let app = spawn_app_with(backend, |s| {
        s.auth.allow_anonymous = true;
        s.graphql.restricted_max_complexity = s.graphql.max_complexity;
    })
    .await?;
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("demo loads");
    Some(app)
}

/// A global ID, as the API writes it.
pub(crate) fn gid(kind: &str, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// An ID of `kind` that names nothing.
pub(crate) fn unknown(kind: &str) -> String {
    gid(kind, Uuid::now_v7())
}

/// The kinds of record (GraphQL type names) and their tables, from the registry.
fn kinds() -> impl Iterator<Item = (&'static str, &'static str)> {
    RecordKind::ALL.into_iter().map(|k| (k.name(), k.table()))
}

fn table_of(kind: &str) -> &'static str {
    RecordKind::from_name(kind)
        .map(RecordKind::table)
        .unwrap_or_else(|| panic!("no table for {kind}"))
}

/// The records of a kind most referred to by others (`(referring table, column)`), so that
/// hiding them leaves visible records that name them; the first by id where nothing refers.
const REFERRED: &[(&str, &[(&str, &str)])] = &[
    (
        "Mission",
        &[("components", "mission_id"), ("forums", "mission_id")],
    ),
    ("Component", &[("posts", "component_id")]),
    ("Post", &[("reporting_lines", "from_post_id")]),
    (
        "Organization",
        &[
            ("posts", "organization_id"),
            ("forum_memberships", "member_organization_id"),
            ("persons", "organization_id"),
        ],
    ),
    ("Forum", &[("forum_memberships", "forum_id")]),
    ("Cluster", &[("areas_of_responsibility", "cluster_id")]),
    (
        "AreaOfResponsibility",
        &[("forums", "area_of_responsibility_id")],
    ),
    ("GeographicArea", &[("geographic_areas", "parent_id")]),
    ("DecisionArea", &[("decision_rights", "decision_area_id")]),
];

async fn one_uuid(db: &DatabaseConnection, sql: String) -> Option<Uuid> {
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    let row = db.query_one_raw(stmt).await.expect("query")?;
    row.try_get_by_index::<Uuid>(0).ok()
}

/// The record of `kind` the tests hide.
async fn chosen(db: &DatabaseConnection, kind: &str) -> Uuid {
    let referring = REFERRED
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, r)| *r)
        .unwrap_or(&[]);
    if !referring.is_empty() {
        let union = referring
            .iter()
            .map(|(t, c)| format!("SELECT {c} AS target FROM {t} WHERE {c} IS NOT NULL"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let sql = format!(
            "SELECT target FROM ({union}) refs GROUP BY target ORDER BY count(*) DESC, target LIMIT 1"
        );
        if let Some(id) = one_uuid(db, sql).await {
            return id;
        }
    }
    one_uuid(
        db,
        format!("SELECT id FROM {} ORDER BY id LIMIT 1", table_of(kind)),
    )
    .await
    .unwrap_or_else(|| panic!("the demo has no {kind}"))
}

pub(crate) async fn set_level(db: &DatabaseConnection, kind: &str, id: Uuid, level: &str) {
    let stmt = Query::update()
        .table(Alias::new(table_of(kind)))
        .value(Alias::new("sensitivity"), level)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    db.execute(&stmt).await.expect("update sensitivity");
}

/// One caller of the sweep, and the lowest level it may not read (for partner tokens at INTERNAL:
/// CONFIDENTIAL, as the INTERNAL records of their organisation's forums are theirs to read).
struct Caller {
    name: &'static str,
    authorization: Option<String>,
    hidden_level: &'static str,
}

async fn partner(app: &TestApp, clearance: &str, missions: &[Value]) -> String {
    let org = app
        .data("{ organization(code: \"OCHA\") { id } }", json!({}))
        .await["organization"]["id"]
        .clone();
    let secret = app
        .data(
            "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }",
            json!({ "i": {
                "name": format!("partner {clearance} {}", missions.len()),
                "organizationId": org,
                "clearance": clearance,
                "missionIds": missions,
                "expiresAt": "2099-01-01T00:00:00Z",
            } }),
        )
        .await["createApiToken"]["secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    format!("Bearer {secret}")
}

/// Anonymous, VIEWER, partner tokens at PUBLIC and INTERNAL with and without a mission scope,
/// ANALYST and EDITOR.
async fn callers(app: &TestApp) -> Vec<Caller> {
    let monuc = app
        .data("{ mission(acronym: \"MONUC\") { id } }", json!({}))
        .await["mission"]["id"]
        .clone();
    let bearer = |role: &str, missions: &[&str]| {
        Some(format!(
            "Bearer {}",
            user_token(&role.to_lowercase(), role, missions, &[])
        ))
    };
    vec![
        Caller {
            name: "anonymous",
            authorization: None,
            hidden_level: "INTERNAL",
        },
        Caller {
            name: "VIEWER",
            authorization: bearer("VIEWER", &[]),
            hidden_level: "CONFIDENTIAL",
        },
        Caller {
            name: "PARTNER at PUBLIC",
            authorization: Some(partner(app, "PUBLIC", &[]).await),
            hidden_level: "INTERNAL",
        },
        Caller {
            name: "PARTNER at INTERNAL",
            authorization: Some(partner(app, "INTERNAL", &[]).await),
            hidden_level: "CONFIDENTIAL",
        },
        Caller {
            name: "PARTNER at INTERNAL scoped to MONUC",
            authorization: Some(partner(app, "INTERNAL", std::slice::from_ref(&monuc)).await),
            hidden_level: "CONFIDENTIAL",
        },
        Caller {
            name: "ANALYST",
            authorization: bearer("ANALYST", &[]),
            hidden_level: "STRICTLY_CONFIDENTIAL",
        },
        Caller {
            name: "EDITOR",
            authorization: bearer("EDITOR", &["MONUC"]),
            hidden_level: "STRICTLY_CONFIDENTIAL",
        },
    ]
}

/// The answer without its cost report (the same query costs the same; kept out of diffs).
pub(crate) fn answer(mut body: Value) -> Value {
    if let Some(ext) = body.get_mut("extensions").and_then(Value::as_object_mut) {
        ext.remove("cost");
        if ext.is_empty() {
            body.as_object_mut().map(|b| b.remove("extensions"));
        }
    }
    body
}

async fn ask(app: &TestApp, caller: &Caller, query: &str, variables: Value) -> Value {
    answer(
        app.graphql_as(caller.authorization.as_deref(), query, variables)
            .await,
    )
}

// ---- 1. Filters and arguments naming a hidden parent ----------------------------------------

/// Filters naming a hidden parent with visible children, as `(kind of the parent, query)`.
const FILTERS: &[(&str, &str)] = &[
    (
        "Component",
        "query($id: ID) { posts(filter: { componentId: $id }) { totalCount nodes { id } } }",
    ),
    (
        "Mission",
        "query($id: ID) { components(filter: { missionId: $id }) { totalCount nodes { id } } }",
    ),
    (
        "Mission",
        "query($id: ID) { forums(filter: { missionId: $id }) { totalCount nodes { id } } }",
    ),
    (
        "Cluster",
        "query($id: ID) { areasOfResponsibility(filter: { clusterId: $id }) { totalCount nodes { id } } }",
    ),
];

open_backends!(
    a_filter_by_a_hidden_parent_answers_as_an_unknown_one_for_every_role,
    |app| async move {
        let callers = callers(&app).await;
        for (kind, query) in FILTERS {
            let parent = chosen(app.db(), kind).await;
            let hidden = gid(kind, parent);
            // The parent's children stay visible: as an administrator, it has some.
            let field = query
                .split('{')
                .nth(1)
                .and_then(|s| s.split('(').next())
                .map(str::trim)
                .expect("root field");
            for caller in &callers {
                set_level(app.db(), kind, parent, caller.hidden_level).await;
                let all = app.data(query, json!({ "id": hidden })).await;
                assert!(
                    all[field]["totalCount"].as_u64().unwrap_or(0) > 0,
                    "{query}: the parent has no children to leak"
                );
                let seen = ask(&app, caller, query, json!({ "id": hidden })).await;
                let missing = ask(&app, caller, query, json!({ "id": unknown(kind) })).await;
                assert_eq!(
                    seen, missing,
                    "{}: {query} with a hidden {kind}",
                    caller.name
                );
                assert_eq!(seen["data"][field]["totalCount"], 0, "{}", caller.name);
            }
            set_level(app.db(), kind, parent, "PUBLIC").await;
        }
    }
);

// ---- 2. Exports hold what the caller reads field by field ----------------------------------

const EXPORT: &str = "{ exportData(format: JSON) { files { name content } } }";
const PERSONS: &str = "{ persons(first: 100) { nodes { id fullName email phone } } }";

async fn export_document(app: &TestApp, caller: &Caller) -> Value {
    let body = ask(app, caller, EXPORT, json!({})).await;
    assert!(body.get("errors").is_none(), "{}: {body:#}", caller.name);
    let content = body["data"]["exportData"]["files"][0]["content"]
        .as_str()
        .expect("content");
    serde_json::from_str(content).expect("JSON document")
}

async fn create_person(app: &TestApp, name: &str, level: &str) -> Value {
    app.data(
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }",
        json!({ "i": {
            "fullName": name,
            "email": "j.doe@example.org",
            "phone": "+243 81 555 0100",
            "sensitivity": level,
        } }),
    )
    .await["createPerson"]
        .clone()
}

open_backends!(
    an_export_holds_what_the_caller_reads_field_by_field_and_nothing_hidden,
    |app| async move {
        create_person(&app, "Jane Public", "PUBLIC").await;
        let callers = callers(&app).await;
        for caller in &callers {
            // Field by field: every person exported as `persons` answers it, a withheld
            // contact detail (FORBIDDEN at its path) null in the export.
            let read = ask(&app, caller, PERSONS, json!({})).await;
            let withheld: Vec<String> = read["errors"]
                .as_array()
                .map(|errors| {
                    errors
                        .iter()
                        .map(|e| {
                            assert_eq!(e["extensions"]["code"], "FORBIDDEN", "{e}");
                            let path = e["path"].as_array().expect("path");
                            let node = path[2].as_u64().expect("index") as usize;
                            format!("{node}.{}", path[3].as_str().expect("field"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let nodes = read["data"]["persons"]["nodes"].as_array().expect("nodes");
            let document = export_document(&app, caller).await;
            let exported = document["tables"]["persons"].as_array().expect("persons");
            assert_eq!(exported.len(), nodes.len(), "{}", caller.name);
            assert!(!nodes.is_empty(), "{}", caller.name);
            for (i, node) in nodes.iter().enumerate() {
                let row = exported
                    .iter()
                    .find(|r| {
                        gid("Person", r["id"].as_str().unwrap().parse().unwrap()) == node["id"]
                    })
                    .unwrap_or_else(|| panic!("{}: {node} not exported", caller.name));
                assert_eq!(row["full_name"], node["fullName"], "{}", caller.name);
                for (field, column) in [("email", "email"), ("phone", "phone")] {
                    let readable = !withheld.contains(&format!("{i}.{field}"));
                    let expected = if readable { &node[field] } else { &Value::Null };
                    assert_eq!(&row[column], expected, "{}: {field}", caller.name);
                }
            }
            let contact = matches!(caller.name, "VIEWER" | "ANALYST" | "EDITOR");
            assert_eq!(withheld.is_empty(), contact, "{}", caller.name);
        }
        // A record above the caller's clearance changes nothing in its export: as if it did
        // not exist.
        for caller in &callers {
            let before = export_document(&app, caller).await;
            let person = create_person(&app, "Hidden Person", caller.hidden_level).await;
            let after = export_document(&app, caller).await;
            assert_eq!(before, after, "{}", caller.name);
            app.data(
                "mutation($i: ArchiveInput!) { archivePerson(input: $i) { id } }",
                json!({ "i": { "id": person["id"], "version": person["version"] } }),
            )
            .await;
        }
    }
);

// ---- 3. The audit log shows only what the reader may see -----------------------------------

const LOG_OF: &str = "query($id: ID) { auditLog(record: $id) { occurredAt actor actorRole operation recordType recordId before after } }";
const LOG: &str =
    "{ auditLog { occurredAt actor actorRole operation recordType recordId before after } }";

open_backends!(
    the_audit_log_leaves_out_entries_about_records_the_reader_may_not_see,
    |app| async move {
        let callers = callers(&app).await;
        let component = chosen(app.db(), "Component").await;
        let hidden = gid("Component", component);
        assert!(
            !app.data(LOG_OF, json!({ "id": hidden })).await["auditLog"]
                .as_array()
                .expect("entries")
                .is_empty(),
            "the demo's component has entries"
        );
        for caller in &callers {
            set_level(app.db(), "Component", component, caller.hidden_level).await;
            let seen = ask(&app, caller, LOG_OF, json!({ "id": hidden })).await;
            let missing = ask(&app, caller, LOG_OF, json!({ "id": unknown("Component") })).await;
            assert_eq!(
                crate::helpers::without_request_ids(&seen),
                crate::helpers::without_request_ids(&missing),
                "{}",
                caller.name
            );
            if caller.name == "ANALYST" {
                assert_eq!(seen["data"]["auditLog"], json!([]));
                let all = ask(&app, caller, LOG, json!({})).await;
                let entries = all["data"]["auditLog"].as_array().expect("entries");
                assert!(entries.iter().all(|e| e["recordId"] != hidden.as_str()));
                assert!(!entries.is_empty());
            } else {
                assert_eq!(error_code(&seen), "FORBIDDEN", "{}", caller.name);
            }
        }
        set_level(app.db(), "Component", component, "PUBLIC").await;

        // A record that was above the reader's clearance when an entry was written stays out of
        // the reader's log, even once lowered: the entry shows what it was then. So do the reads
        // of it made then.
        let analyst = callers
            .iter()
            .find(|c| c.name == "ANALYST")
            .expect("analyst");
        let before = ask(&app, analyst, LOG, json!({})).await;
        let person = create_person(&app, "Once Secret", "STRICTLY_CONFIDENTIAL").await;
        // An administrator reads it while it is strictly confidential: the read is logged.
        let read = "query($id: ID!) { node(id: $id) { ... on Person { fullName } } }";
        let seen = app.data(read, json!({ "id": person["id"] })).await;
        assert_eq!(seen["node"]["fullName"], "Once Secret");
        let reads = app.data(LOG_OF, json!({ "id": person["id"] })).await;
        let reads: Vec<&Value> = reads["auditLog"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["operation"] == "read")
            .collect();
        assert_eq!(reads.len(), 1, "{reads:?}");
        assert_eq!(reads[0]["after"]["sensitivity"], "STRICTLY_CONFIDENTIAL");
        assert_eq!(ask(&app, analyst, LOG, json!({})).await, before);
        let lowered = app
            .data(
                "mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { id version } }",
                json!({ "i": { "id": person["id"], "version": person["version"], "sensitivity": "PUBLIC" } }),
            )
            .await;
        assert_eq!(ask(&app, analyst, LOG, json!({})).await, before);
        let of_person = ask(&app, analyst, LOG_OF, json!({ "id": person["id"] })).await;
        assert_eq!(of_person["data"]["auditLog"], json!([]));
        // Changes made once it is PUBLIC are in the log.
        app.data(
            "mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { id } }",
            json!({ "i": { "id": person["id"], "version": lowered["updatePerson"]["version"], "fullName": "Now Public" } }),
        )
        .await;
        let of_person = ask(&app, analyst, LOG_OF, json!({ "id": person["id"] })).await;
        let entries = of_person["data"]["auditLog"].as_array().expect("entries");
        assert_eq!(entries.len(), 1, "{of_person:#}");
        assert_eq!(entries[0]["operation"], "updatePerson");
        assert_eq!(entries[0]["after"]["full_name"], "Now Public");
        assert_eq!(entries[0]["after"]["email"], "j.doe@example.org");
    }
);
/// The kinds of record an argument may also name by natural key, and the key's column.
const NATURAL_KEYS: &[(&str, &str)] = &[
    ("Mission", "acronym"),
    ("Organization", "code"),
    ("Cluster", "code"),
    ("DecisionArea", "code"),
];

/// The natural key of the record `id` of `kind`.
async fn key_of(db: &DatabaseConnection, kind: &str, column: &str, id: Uuid) -> String {
    let select = Query::select()
        .column(Alias::new(column))
        .from(Alias::new(table_of(kind)))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let stmt = db.get_database_backend().build(&select);
    let row = db
        .query_one_raw(stmt)
        .await
        .expect("query")
        .expect("the record");
    row.try_get_by_index::<String>(0).expect("a key")
}

/// The natural key of a visible (PUBLIC) record of `kind` other than `not`.
async fn visible_key(
    db: &DatabaseConnection,
    kind: &str,
    column: &str,
    not: Uuid,
) -> Option<String> {
    Some(key_of(db, kind, column, visible_one(db, kind, not).await?).await)
}

/// Every other record of `kind` the tests keep visible (PUBLIC), for required arguments.
async fn visible_one(db: &DatabaseConnection, kind: &str, not: Uuid) -> Option<Uuid> {
    let sql = format!(
        "SELECT id FROM {} WHERE sensitivity = 'PUBLIC' ORDER BY id",
        table_of(kind)
    );
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    db.query_all_raw(stmt)
        .await
        .expect("query")
        .into_iter()
        .filter_map(|r| r.try_get_by_index::<Uuid>(0).ok())
        .find(|id| *id != not)
}

// ---- 4. Every ID argument and filter field of the schema ------------------------------------

const INTROSPECTION: &str = r#"{ __schema { queryType { name } types { name kind
  interfaces { name }
  enumValues { name }
  inputFields { name type { ...T } }
  fields { name type { ...T } args { name type { ...T } } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// Values for required arguments that are not IDs, where a placeholder would be refused before
/// the ID is looked at.
const REQUIRED: &[(&str, &str, &str)] = &[
    ("whoDecides", "area", "\"USE_OF_FORCE\""),
    ("changesBetween", "from", "\"2000-01-01\""),
    ("changesBetween", "to", "\"2030-01-01\""),
];

/// `(non-null, list, named type)` of an introspected type reference.
fn unwrap_type(t: &Value) -> (bool, bool, String) {
    let non_null = t["kind"] == "NON_NULL";
    let mut t = if non_null { &t["ofType"] } else { t };
    let list = t["kind"] == "LIST";
    while t["kind"] == "LIST" || t["kind"] == "NON_NULL" {
        t = &t["ofType"];
    }
    (
        non_null,
        list,
        t["name"].as_str().unwrap_or_default().to_owned(),
    )
}

/// An ID argument or an ID field of an input argument.
#[derive(Clone, Debug)]
struct Slot {
    /// The type holding the field (`QueryRoot` or a Node type).
    owner: String,
    field: String,
    argument: String,
    input_field: Option<String>,
    list: bool,
}

impl Slot {
    /// The name errors give it: `mission`, `filter.componentId`.
    fn name(&self) -> String {
        match &self.input_field {
            Some(f) => format!("{}.{f}", self.argument),
            None => self.argument.clone(),
        }
    }
}

struct Schema {
    types: Vec<Value>,
    query: String,
}

impl Schema {
    fn of(&self, name: &str) -> &Value {
        self.types
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    }

    fn slots(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for t in &self.types {
            let name = t["name"].as_str().unwrap_or_default();
            let is_node = t["interfaces"]
                .as_array()
                .is_some_and(|i| i.iter().any(|i| i["name"] == "Node"));
            if t["kind"] != "OBJECT" || (name != self.query && !is_node) {
                continue;
            }
            for field in t["fields"].as_array().into_iter().flatten() {
                for arg in field["args"].as_array().into_iter().flatten() {
                    let (_, list, named) = unwrap_type(&arg["type"]);
                    let slot = |input_field: Option<String>, list: bool| Slot {
                        owner: name.to_owned(),
                        field: field["name"].as_str().unwrap().to_owned(),
                        argument: arg["name"].as_str().unwrap().to_owned(),
                        input_field,
                        list,
                    };
                    if named == "ID" {
                        out.push(slot(None, list));
                    } else if self.of(&named)["kind"] == "INPUT_OBJECT" {
                        for f in self.of(&named)["inputFields"]
                            .as_array()
                            .into_iter()
                            .flatten()
                        {
                            let (_, list, inner) = unwrap_type(&f["type"]);
                            if inner == "ID" {
                                out.push(slot(Some(f["name"].as_str().unwrap().to_owned()), list));
                            }
                        }
                    }
                }
            }
        }
        out
    }

    fn field(&self, owner: &str, field: &str) -> &Value {
        self.of(owner)["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == field))
            .expect("field")
    }

    /// Every field of `type_name` without required arguments: scalars, and the scalars of
    /// objects one level down (`__typename` for unions and interfaces).
    fn selection(&self, type_name: &str, depth: usize) -> String {
        let t = self.of(type_name);
        match t["kind"].as_str() {
            Some("SCALAR" | "ENUM") => return String::new(),
            Some("UNION" | "INTERFACE") => return "{ __typename }".into(),
            _ => {}
        }
        let mut parts = vec!["__typename".to_owned()];
        for f in t["fields"].as_array().into_iter().flatten() {
            if f["args"].as_array().is_some_and(|a| !a.is_empty()) {
                continue;
            }
            let (_, _, named) = unwrap_type(&f["type"]);
            let kind = self.of(&named)["kind"].as_str().unwrap_or_default();
            let name = f["name"].as_str().unwrap();
            match kind {
                "SCALAR" | "ENUM" => parts.push(name.to_owned()),
                _ if depth > 0 => {
                    parts.push(format!("{name} {}", self.selection(&named, depth - 1)))
                }
                _ => {}
            }
        }
        format!("{{ {} }}", parts.join(" "))
    }
}

/// The query asking `slot` with `value` (and `others` for the other required IDs).
fn query_for(
    schema: &Schema,
    slot: &Slot,
    value: &str,
    others: &dyn Fn(&str) -> String,
    node: Option<&str>,
) -> String {
    let field = schema.field(&slot.owner, &slot.field);
    let wrap = |v: &str, list: bool| {
        if list {
            format!("[\"{v}\"]")
        } else {
            format!("\"{v}\"")
        }
    };
    let mut args = Vec::new();
    for arg in field["args"].as_array().into_iter().flatten() {
        let name = arg["name"].as_str().unwrap();
        let (required, list, named) = unwrap_type(&arg["type"]);
        if name == slot.argument {
            match &slot.input_field {
                None => args.push(format!("{name}: {}", wrap(value, slot.list))),
                Some(f) => args.push(format!("{name}: {{ {f}: {} }}", wrap(value, slot.list))),
            }
            continue;
        }
        if !required || arg["defaultValue"].is_string() {
            continue;
        }
        let given = REQUIRED
            .iter()
            .find(|(f, a, _)| *f == slot.field && *a == name)
            .map(|(_, _, v)| (*v).to_owned());
        let value = match (given, named.as_str()) {
            (Some(v), _) => v,
            (None, "ID") => wrap(&others(name), list),
            (None, "String") => "\"x\"".into(),
            (None, "Date") => "\"2020-01-01\"".into(),
            (None, "Int") => "1".into(),
            (None, "Boolean") => "false".into(),
            (None, other) => schema.of(other)["enumValues"][0]["name"]
                .as_str()
                .unwrap_or_else(|| panic!("no value for {}.{name}", slot.field))
                .to_owned(),
        };
        args.push(format!("{name}: {value}"));
    }
    let (_, _, returns) = unwrap_type(&field["type"]);
    let call = format!(
        "{}({}) {}",
        slot.field,
        args.join(", "),
        schema.selection(&returns, 1)
    );
    match node {
        None => format!("{{ {call} }}"),
        Some(id) => format!(
            "{{ node(id: \"{id}\") {{ ... on {} {{ {call} }} }} }}",
            slot.owner
        ),
    }
}

/// The kinds an ID slot accepts, read from the errors an ID of the wrong kind gets.
fn kind_named(body: &Value, slot: &Slot) -> Option<String> {
    let prefix = format!("`{}` must identify a record of type ", slot.name());
    body["errors"].as_array()?.iter().find_map(|e| {
        e["message"]
            .as_str()?
            .strip_prefix(&prefix)?
            .split(',')
            .next()
            .map(str::to_owned)
    })
}

open_backends!(
    every_id_argument_of_the_schema_answers_a_hidden_record_as_an_unknown_one,
    |app| async move {
        let schema = app.data(INTROSPECTION, json!({})).await;
        let schema = Schema {
            types: schema["__schema"]["types"]
                .as_array()
                .expect("types")
                .clone(),
            query: schema["__schema"]["queryType"]["name"]
                .as_str()
                .unwrap()
                .to_owned(),
        };
        let slots = schema.slots();
        for expected in [
            "filter.componentId",
            "filter.missionId",
            "mission",
            "record",
            "a",
        ] {
            assert!(
                slots.iter().any(|s| s.name() == expected),
                "{expected} is walked: {slots:?}"
            );
        }
        let mut hidden = Vec::new();
        let mut visible = std::collections::HashMap::new();
        create_person(&app, "Jane Public", "PUBLIC").await;
        create_person(&app, "John Public", "PUBLIC").await;
        for (kind, table) in kinds() {
            let any = format!("SELECT id FROM {table} LIMIT 1");
            if one_uuid(app.db(), any).await.is_none() {
                continue; // the demo has none of this kind
            }
            let id = chosen(app.db(), kind).await;
            hidden.push((kind, id));
            if let Some(v) = visible_one(app.db(), kind, id).await {
                visible.insert(kind, gid(kind, v));
            }
        }
        let visible_of = |kind: &str| {
            visible
                .get(kind)
                .cloned()
                .unwrap_or_else(|| panic!("the demo has a visible {kind}"))
        };
        // The kinds each slot accepts, asked as an administrator.
        let admin = Caller {
            name: "ADMIN",
            authorization: Some(app.admin.clone()),
            hidden_level: "",
        };
        let mut accepted = Vec::new();
        for slot in &slots {
            let node = (slot.owner != schema.query).then(|| visible_of(&slot.owner));
            let probe = |kind: &str| {
                let others = |_: &str| unknown(kind);
                query_for(&schema, slot, &unknown(kind), &others, node.as_deref())
            };
            let first = ask(&app, &admin, &probe("Mission"), json!({})).await;
            let kinds: Vec<&str> = match kind_named(&first, slot) {
                Some(kind) => vec![
                    hidden
                        .iter()
                        .find(|(k, _)| *k == kind)
                        .unwrap_or_else(|| panic!("the demo has a {kind}"))
                        .0,
                ],
                None => {
                    let second = ask(&app, &admin, &probe("Organization"), json!({})).await;
                    match kind_named(&second, slot) {
                        Some(_) => vec!["Mission"],
                        None => hidden.iter().map(|(k, _)| *k).collect(),
                    }
                }
            };
            accepted.push((slot, node, kinds));
        }
        // Slots that take a natural key too (a mission's acronym, an organisation's code...):
        // those where the key of a visible record finds it. Other required IDs name a visible
        // mission for a `mission` argument, else a visible organisation.
        let visible_by_name = |name: &str| {
            visible_of(if name == "mission" {
                "Mission"
            } else {
                "Organization"
            })
        };
        let mut keyed = Vec::new();
        for (slot, node, kinds) in &accepted {
            for kind in kinds {
                let Some((_, column)) = NATURAL_KEYS.iter().find(|(k, _)| k == kind) else {
                    continue;
                };
                let id = hidden.iter().find(|(k, _)| k == kind).expect("hidden").1;
                let Some(key) = visible_key(app.db(), kind, column, id).await else {
                    continue;
                };
                let probe = query_for(&schema, slot, &key, &visible_by_name, node.as_deref());
                let body = ask(&app, &admin, &probe, json!({})).await;
                let refused = body["errors"].as_array().is_some_and(|errors| {
                    errors.iter().any(|e| {
                        matches!(
                            e["extensions"]["code"].as_str(),
                            Some("BAD_USER_INPUT" | "NOT_FOUND")
                        )
                    })
                });
                if !refused {
                    keyed.push((slot, node, *kind, *column));
                }
            }
        }
        for expected in ["mission", "cluster", "a", "organization"] {
            assert!(
                keyed.iter().any(|(s, ..)| s.name() == expected),
                "{expected} takes a natural key"
            );
        }
        let mut compared = 0;
        for caller in callers(&app).await {
            for (kind, id) in &hidden {
                set_level(app.db(), kind, *id, caller.hidden_level).await;
            }
            for (slot, node, kinds) in &accepted {
                for kind in kinds {
                    let id = hidden.iter().find(|(k, _)| k == kind).expect("hidden").1;
                    // Other required IDs name a visible record of the same kind where there is
                    // one (commonForums' `b`), else a visible organisation.
                    let other = visible
                        .get(kind)
                        .cloned()
                        .unwrap_or_else(|| visible_of("Organization"));
                    let others = |_: &str| other.clone();
                    let seen = query_for(&schema, slot, &gid(kind, id), &others, node.as_deref());
                    let missing =
                        query_for(&schema, slot, &unknown(kind), &others, node.as_deref());
                    let seen_answer = ask(&app, &caller, &seen, json!({})).await;
                    let missing_answer = ask(&app, &caller, &missing, json!({})).await;
                    // Within the caller's budget: the answer is the field's, not a refusal.
                    let message = crate::helpers::error_message(&missing_answer);
                    assert!(
                        !message.contains("callers may"),
                        "{}: {missing}: {message}",
                        caller.name
                    );
                    compared += 1;
                    assert_eq!(
                        crate::helpers::without_request_ids(&seen_answer),
                        crate::helpers::without_request_ids(&missing_answer),
                        "{}: {}.{} given a hidden {kind}\n{seen}",
                        caller.name,
                        slot.owner,
                        slot.name()
                    );
                }
            }
            // A hidden record's natural key answers as a key that names nothing.
            for (slot, node, kind, column) in &keyed {
                let id = hidden.iter().find(|(k, _)| k == kind).expect("hidden").1;
                let key = key_of(app.db(), kind, column, id).await;
                let seen = query_for(&schema, slot, &key, &visible_by_name, node.as_deref());
                let missing = query_for(
                    &schema,
                    slot,
                    "NO-SUCH-KEY",
                    &visible_by_name,
                    node.as_deref(),
                );
                let seen_answer = ask(&app, &caller, &seen, json!({})).await;
                let missing_answer = ask(&app, &caller, &missing, json!({})).await;
                compared += 1;
                assert_eq!(
                    crate::helpers::without_request_ids(&seen_answer),
                    crate::helpers::without_request_ids(&missing_answer),
                    "{}: {}.{} given the {column} of a hidden {kind}\n{seen}",
                    caller.name,
                    slot.owner,
                    slot.name()
                );
            }
        }
        assert!(compared > 7 * slots.len(), "{compared} comparisons");
    }
);

// ---- 5. An export counts against the caller's budget ----------------------------------------

mod an_export_counts_against_the_query_budget {
    use super::*;

    const TWICE: &str = "{ a: exportData(format: JSON) { format } b: exportData(format: JSON) { format } c: exportData(format: HXL) { format } }";

    async fn scenario(app: TestApp) {
        let once = app
            .graphql_as(None, "{ exportData(format: JSON) { format } }", json!({}))
            .await;
        assert_eq!(once["data"]["exportData"]["format"], "JSON", "{once:#}");
        // A full page (100) of every table, and the field it asks for.
        let cost = coordmap_api::transfer::tables::TABLES.len() * 100 + 1;
        assert_eq!(once["extensions"]["cost"]["complexity"], cost);
        let thrice = app.graphql_as(None, TWICE, json!({})).await;
        assert_eq!(error_code(&thrice), "QUERY_TOO_COMPLEX", "{thrice:#}");
        assert_eq!(
            crate::helpers::error_message(&thrice),
            format!(
                "the query costs {}; ANONYMOUS callers may spend at most 5000 per query",
                3 * cost
            )
        );
        assert_eq!(thrice["data"], Value::Null);
    }

    async fn spawn(backend: Backend) -> Option<TestApp> {
        spawn_app_with(backend, |s| s.auth.allow_anonymous = true).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        scenario(spawn(Backend::Sqlite).await.expect("SQLite always runs")).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        if let Some(app) = spawn(Backend::Postgres).await {
            scenario(app).await;
        }
    }
}
