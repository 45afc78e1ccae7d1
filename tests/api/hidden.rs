//! No record exists above the caller's clearance, on every path: for every role, a record it may
//! not see answers exactly as an unknown one does — in filters and arguments (the whole schema,
//! walked from introspection), in exports (field by field, contact details included) and in the
//! audit log. Runs on the demo dataset, with chosen records raised above each caller's clearance.

use base64::Engine as _;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{error_code, spawn_app_with, user_token, Backend, TestApp};

/// Declares a test run on SQLite and on PostgreSQL with anonymous reads allowed.
macro_rules! open_backends {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: $crate::helpers::TestApp) {
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app = super::spawn(Backend::Sqlite)
                    .await
                    .expect("SQLite always runs");
                scenario(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if let Some(app) = super::spawn(Backend::Postgres).await {
                    scenario(app).await;
                }
            }
        }
    };
}

async fn spawn(backend: Backend) -> Option<TestApp> {
    let app = spawn_app_with(backend, |s| s.auth.allow_anonymous = true).await?;
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("demo loads");
    Some(app)
}

/// A global ID, as the API writes it.
fn gid(kind: &str, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}

/// An ID of `kind` that names nothing.
fn unknown(kind: &str) -> String {
    gid(kind, Uuid::now_v7())
}

/// The kinds of record and their tables.
const KINDS: &[(&str, &str)] = &[
    ("Mission", "missions"),
    ("MissionName", "mission_names"),
    ("Organization", "organizations"),
    ("Component", "components"),
    ("Post", "posts"),
    ("Person", "persons"),
    ("Forum", "forums"),
    ("Cluster", "clusters"),
    ("AreaOfResponsibility", "areas_of_responsibility"),
    ("GeographicArea", "geographic_areas"),
    ("DecisionArea", "decision_areas"),
    ("DecisionRight", "decision_rights"),
    ("Document", "documents"),
    ("MandatedTask", "mandated_tasks"),
    ("ForumMembership", "forum_memberships"),
    ("ReportingLine", "reporting_lines"),
    ("PostHat", "post_hats"),
    ("Assignment", "assignments"),
    ("LeadAgency", "lead_agencies"),
    ("ForumLink", "forum_links"),
    ("SourceCitation", "source_citations"),
];

fn table_of(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, t)| *t)
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

async fn set_level(db: &DatabaseConnection, kind: &str, id: Uuid, level: &str) {
    let stmt = Query::update()
        .table(Alias::new(table_of(kind)))
        .value(Alias::new("sensitivity"), level)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    db.execute(&stmt).await.expect("update sensitivity");
}

/// One caller of the sweep, and the lowest level it may not read.
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
            hidden_level: "INTERNAL",
        },
        Caller {
            name: "PARTNER at INTERNAL scoped to MONUC",
            authorization: Some(partner(app, "INTERNAL", std::slice::from_ref(&monuc)).await),
            hidden_level: "INTERNAL",
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
fn answer(mut body: Value) -> Value {
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
            let contact = caller.hidden_level != "INTERNAL";
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
            assert_eq!(seen, missing, "{}", caller.name);
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
        // the reader's log, even once lowered: the entry shows what it was then.
        let analyst = callers
            .iter()
            .find(|c| c.name == "ANALYST")
            .expect("analyst");
        let before = ask(&app, analyst, LOG, json!({})).await;
        let person = create_person(&app, "Once Secret", "STRICTLY_CONFIDENTIAL").await;
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
