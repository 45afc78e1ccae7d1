//! No record exists above the caller's clearance, on every path: for every role, a record it may
//! not see answers exactly as an unknown one does — in filters and arguments (the whole schema,
//! walked from introspection), in exports (field by field, contact details included) and in the
//! audit log. Runs on the demo dataset, with chosen records raised above each caller's clearance.

use base64::Engine as _;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{spawn_app_with, user_token, Backend, TestApp};

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
