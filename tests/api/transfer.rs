//! Bulk import and export over HTTP and through the library: the JSON round trip is
//! byte-stable, the HXL sample sheets import and read back, importing twice changes nothing, a
//! dry run writes nothing, every malformed input is refused with its place, exports follow the
//! caller's clearance, and only administrators import.

use std::path::Path;
use std::sync::{Arc, Mutex};

use coordmap_api::graphql::ids::{decode_any, NodeKind};
use coordmap_api::services::access::Viewer;
use coordmap_api::transfer::files;
use coordmap_api::transfer::hxl::SHEETS;
use coordmap_api::transfer::import::{self, ImportOptions, SheetInput, Source};
use coordmap_api::transfer::report::ImportReport;
use coordmap_api::transfer::tables::TABLES;
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::build::{Build, ClusterId, ComponentId, MissionId};
use crate::clusters::gid;
use crate::helpers::{
    error_code, error_message, fingerprint, spawn_app, spawn_app_with, user_token, Backend, TestApp,
};

/// Declares a test that runs once per backend and hands it the backend, so it can spawn more
/// than one server (a fresh database to import into).
macro_rules! per_backend {
    ($name:ident, |$backend:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($backend: Backend) {
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                scenario(Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                if std::env::var(crate::helpers::POSTGRES_ENV).is_ok() {
                    scenario(Backend::Postgres).await;
                } else {
                    eprintln!("skipped: PostgreSQL variant not run");
                }
            }
        }
    };
}

const IMPORT: &str = r#"mutation($input: ImportDataInput!) {
  importData(input: $input) {
    succeeded dryRun
    tables { table created updated unchanged ended }
    totals { created updated unchanged ended }
    problems { file table row column message text }
  }
}"#;

const EXPORT: &str = r#"query($format: TransferFormat!, $mission: String) {
  exportData(format: $format, mission: $mission) { format files { name content } notes }
}"#;

/// What [`ground`] made that [`dataset`] builds on.
pub struct Ground {
    pub monuc: MissionId,
    pub human_rights: ComponentId,
    pub jmac: ComponentId,
    pub force: ComponentId,
    pub gpc: ClusterId,
    pub drc: ClusterId,
}

/// The records the sample sheets refer to but do not create: missions (MONUC renamed
/// MONUSCO), their components, clusters, an AoR and a province.
pub async fn ground(app: &TestApp) -> Ground {
    let b = Build::new(app);
    let monuc = b.monuc().poc().chapter_vii().await;
    b.rename(
        &monuc,
        "MONUSCO",
        "United Nations Organization Stabilization Mission in the DR Congo",
        "2010-07-01",
    )
    .await;
    b.mandate(&monuc)
        .from("2009-12-23")
        .set("resolution", "S/RES/1906 (2009)")
        .set("pocFirstPriority", true)
        .set("riskEnvironment", "HIGH")
        .await;
    b.mission("UNOCI")
        .named("United Nations Operation in Côte d'Ivoire")
        .country("CIV")
        .from("2004-04-04")
        .await;
    let y2000 = b.starting("2000-01-01");
    let component = |name, acronym, kind, specialty| {
        y2000
            .component(&monuc, name)
            .acronym(acronym)
            .kind(kind)
            .specialty(specialty)
    };
    let [human_rights, _, _, _, jmac, force, _] = b
        .all([
            component("Human Rights Division", "HRD", "CIVILIAN", "HUMAN_RIGHTS"),
            component("Civil Affairs Section", "CAS", "CIVILIAN", "CIVIL_AFFAIRS"),
            component(
                "Child Protection Section",
                "CPS",
                "CIVILIAN",
                "CHILD_PROTECTION",
            ),
            component(
                "Public Information Office",
                "PIO",
                "CIVILIAN",
                "PUBLIC_INFORMATION",
            ),
            component(
                "Joint Mission Analysis Cell",
                "JMAC",
                "JOINT",
                "JOINT_ANALYSIS",
            ),
            component("Force", "FORCE", "MILITARY", "FORCE"),
            component("UN Police", "UNPOL", "POLICE", "POLICE"),
        ])
        .await;
    let gpc = b.gpc().await;
    let drc = b
        .cluster("COD-PC", "Protection Cluster DRC")
        .parent(&gpc)
        .country("COD")
        .from("2006-01-01")
        .await;
    b.aor(&drc, "Child Protection", "CHILD_PROTECTION").await;
    b.geographic_area("North Kivu", "STATE")
        .code("CD61")
        .country("COD")
        .await;
    Ground {
        monuc,
        human_rights,
        jmac,
        force,
        gpc,
        drc,
    }
}

/// Imports one sheet's text through `importData`.
async fn import_sheet(app: &TestApp, name: &str, content: &str, dry_run: bool) -> Value {
    let body = app
        .graphql(
            IMPORT,
            json!({ "input": { "format": "HXL", "content": content, "fileName": name, "dryRun": dry_run } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["importData"].clone()
}

/// Imports every sample sheet, in the order their references need.
async fn import_samples(app: &TestApp) -> Vec<Value> {
    let mut payloads = Vec::new();
    for sheet in SHEETS {
        let name = sheet.file_name();
        let content = std::fs::read_to_string(Path::new("tests/fixtures/hxl").join(&name))
            .expect("sample sheet");
        let payload = import_sheet(app, &name, &content, false).await;
        assert_eq!(payload["succeeded"], true, "{name}: {payload:#}");
        payloads.push(payload);
    }
    payloads
}

fn totals(payload: &Value) -> (i64, i64, i64, i64) {
    let t = &payload["totals"];
    (
        t["created"].as_i64().unwrap(),
        t["updated"].as_i64().unwrap(),
        t["unchanged"].as_i64().unwrap(),
        t["ended"].as_i64().unwrap(),
    )
}

async fn export_json_as(app: &TestApp, authorization: &str, mission: Option<&str>) -> String {
    let body = app
        .graphql_as(
            Some(authorization),
            EXPORT,
            json!({ "format": "JSON", "mission": mission }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["exportData"]["files"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn export_json(app: &TestApp) -> String {
    export_json_as(app, &app.admin.clone(), None).await
}

async fn import_json(app: &TestApp, content: &str, dry_run: bool) -> Value {
    let body = app
        .graphql(
            IMPORT,
            json!({ "input": { "format": "JSON", "content": content, "fileName": "coordmap.json", "dryRun": dry_run } }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["importData"].clone()
}

/// A dataset touching every table, built through the mutations.
async fn dataset(app: &TestApp) {
    let g = ground(app).await;
    let b = Build::new(app);
    let un = b
        .organization("UN", "United Nations Secretariat")
        .kind("UN_SECRETARIAT")
        .await;
    let [dpko, ohchr, unhcr, icrc, ocha] = b
        .all([
            b.agency("DPKO").parent(&un),
            b.agency("OHCHR").parent(&un),
            b.agency("UNHCR").named("UN Refugee Agency"),
            b.agency("ICRC"),
            b.agency("OCHA").parent(&un),
        ])
        .await;
    b.update(&g.monuc, json!({ "leadDepartmentId": dpko.json() }))
        .await;

    let y2005 = b.starting("2005-01-01");
    let office = y2005
        .component(&g.monuc, "Office of the DSRSG Rule of Law")
        .await;
    let [srsg, dsrsg, director, hc] = b
        .all([
            y2005.post(&g.monuc, "SRSG"),
            y2005.post(&office, "DSRSG Rule of Law").head(),
            y2005
                .post(&g.human_rights, "Director of Human Rights")
                .head(),
            b.post(&ohchr, "High Commissioner for Human Rights")
                .from("1994-04-05"),
        ])
        .await;
    b.all([
        b.hat(&srsg, "HEAD_OF_MISSION"),
        b.hat(&srsg, "SRSG"),
        b.hat(&dsrsg, "DSRSG_RULE_OF_LAW"),
    ])
    .await;
    let person = b
        .person("A. Example")
        .email("srsg@example.org")
        .confidential()
        .await;
    b.assign(&person, &srsg).from("2007-01-01").await;
    let y2006 = b.starting("2006-01-01");
    b.all([
        y2006.line(&dsrsg, &srsg),
        y2006.line(&director, &dsrsg),
        y2006.line(&director, &hc).kind("FUNCTIONAL"),
        y2006
            .line(&g.jmac, &srsg)
            .note("Joint analysis for the head of mission"),
    ])
    .await;
    b.task(
        &g.monuc,
        "PROTECTION_OF_CIVILIANS",
        "Protect civilians under imminent threat",
    )
    .poc_tier(2)
    .resolution("S/RES/1291 (2000)")
    .lead(&g.human_rights)
    .from("2000-02-24")
    .await;
    b.all([
        b.lead(&g.gpc, &unhcr),
        b.lead(&g.drc, &g.human_rights).role("CO_LEAD"),
    ])
    .await;

    let [smg, cell, secret] = b
        .all([
            b.forum("Senior Management Group", "SENIOR_MANAGEMENT_GROUP")
                .acronym("SMG")
                .mission(&g.monuc)
                .established_by(&srsg),
            b.forum(
                "Early Warning and Rapid Response Cell",
                "EARLY_WARNING_CELL",
            )
            .acronym("EWRRC")
            .mission(&g.monuc)
            .meets("regularly")
            .from("2008-01-01"),
            b.forum("Contacts with armed groups", "OTHER")
                .level("LOCAL")
                .mission(&g.monuc)
                .from("2009-01-01")
                .confidential(),
        ])
        .await;
    b.link(&cell, &smg).await;
    let [.., ended] = b
        .all([
            b.membership(&smg, &icrc)
                .capacity("OBSERVER")
                .from("2006-01-01"),
            b.membership(&cell, &dsrsg).capacity("CHAIR"),
            b.membership(&cell, &g.force),
            b.membership(&secret, &g.jmac),
            b.membership(&smg, &ocha)
                .capacity("OBSERVER")
                .from("2006-01-01"),
        ])
        .await;
    b.end(&ended, "2011-01-01").await;
    let area = b
        .decision_area("USE_OF_FORCE", "Use of force to protect civilians")
        .await;
    let right = b.right(&area, &srsg, "DECIDES").mission(&g.monuc).await;
    b.delegate(&right, &g.force)
        .kind("EXECUTES")
        .from("2006-01-01")
        .await;
    let document = b
        .document(
            "Lessons Learned Note on the Protection of Civilians",
            "REPORT",
        )
        .await;
    b.cite(&cell, &document, "¶59")
        .quote("reports to the Senior Management Group")
        .await;
}

per_backend!(
    a_json_export_imported_into_an_empty_database_exports_the_same_bytes,
    |backend| async move {
        let source = spawn_app(backend).await.expect("server");
        dataset(&source).await;
        let exported = export_json(&source).await;
        let document: Value = serde_json::from_str(&exported).unwrap();
        assert_eq!(document["format_version"], 2);
        let rows: usize = document["tables"]
            .as_object()
            .unwrap()
            .values()
            .map(|t| t.as_array().unwrap().len())
            .sum();
        assert!(
            document["tables"]["persons"][0]["email"] == "srsg@example.org",
            "every column, sensitive ones too"
        );
        assert_eq!(document["tables"]["mission_names"][0]["acronym"], "MONUC");

        let target = spawn_app(backend).await.expect("server");
        let empty = fingerprint(target.db()).await;
        let dry = import_json(&target, &exported, true).await;
        assert_eq!(dry["succeeded"], true, "{dry:#}");
        assert_eq!(dry["dryRun"], true);
        assert_eq!(totals(&dry), (rows as i64, 0, 0, 0));
        assert_eq!(
            fingerprint(target.db()).await,
            empty,
            "a dry run writes nothing"
        );

        let first = import_json(&target, &exported, false).await;
        assert_eq!(totals(&first), (rows as i64, 0, 0, 0), "{first:#}");
        let forums = first["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["table"] == "forums")
            .unwrap();
        assert_eq!(forums["created"], 3);
        assert_eq!(
            export_json(&target).await,
            exported,
            "byte-identical after the round trip"
        );

        let loaded = fingerprint(target.db()).await;
        let second = import_json(&target, &exported, false).await;
        assert_eq!(totals(&second), (0, 0, rows as i64, 0), "{second:#}");
        assert_eq!(
            fingerprint(target.db()).await,
            loaded,
            "importing twice changes nothing"
        );

        let renamed = target
            .data("{ mission(acronym: \"MONUC\") { acronym } }", json!({}))
            .await;
        assert_eq!(renamed["mission"]["acronym"], "MONUSCO");
    }
);

per_backend!(
    the_streamed_export_writes_the_bytes_of_the_whole_snapshot_for_every_caller,
    |backend| async move {
        use coordmap_api::services::access::Role;
        use coordmap_api::transfer::export;
        let app = spawn_app(backend).await.expect("server");
        dataset(&app).await;
        // PUBLIC citations of records out of some callers' sight: of the confidential forum (a
        // table other rows refer to, held while deciding) and of a membership of it (a row
        // decided as it streams, looked up when a citation names it).
        let everything = export::snapshot(app.db(), &Viewer::system(), None, "mission")
            .await
            .expect("snapshot")
            .to_json()
            .expect("JSON");
        let everything: Value = serde_json::from_slice(&everything).unwrap();
        let row_of = |table: &str, column: &str, value: &Value| -> Uuid {
            let rows = everything["tables"][table].as_array().expect("table");
            let row = rows.iter().find(|r| &r[column] == value).expect("row");
            row["id"].as_str().unwrap().parse().unwrap()
        };
        let secret = row_of("forums", "sensitivity", &json!("CONFIDENTIAL"));
        let membership = row_of("forum_memberships", "forum_id", &json!(secret.to_string()));
        let document = row_of("documents", "kind", &json!("REPORT"));
        for (kind, id) in [
            (NodeKind::Forum, secret),
            (NodeKind::ForumMembership, membership),
        ] {
            app.data(
                "mutation($input: CiteSourceInput!) { citeSource(input: $input) { id } }",
                json!({ "input": {
                    "documentId": gid(NodeKind::Document, document), "recordId": gid(kind, id),
                    "locator": "¶1",
                } }),
            )
            .await;
        }
        let as_role = |role: Role| Viewer {
            actor: "user:reader".into(),
            role,
            partner: None,
            edit_scope: None,
        };
        let callers = [
            Viewer::system(),
            as_role(Role::Analyst),
            as_role(Role::Viewer),
            as_role(Role::Anonymous),
        ];
        for viewer in &callers {
            for mission in [None, Some("MONUC"), Some("UNOCI")] {
                let whole = export::snapshot(app.db(), viewer, mission, "mission")
                    .await
                    .expect("snapshot")
                    .to_json()
                    .expect("JSON");
                let mut confidential = 0;
                // Pages of 1 and 2 rows cross page boundaries in every table.
                for page in [1, 2, export::PAGE] {
                    let streamed = export::write_json_in_pages(
                        app.db(),
                        viewer,
                        mission,
                        "mission",
                        Vec::new(),
                        |_, _, sensitivity| {
                            if sensitivity >= entity::enums::Sensitivity::Confidential {
                                confidential += 1;
                            }
                        },
                        page,
                    )
                    .await
                    .expect("streamed export");
                    assert_eq!(
                        String::from_utf8(streamed).unwrap(),
                        String::from_utf8(whole.clone()).unwrap(),
                        "{:?}, mission {mission:?}, pages of {page}",
                        viewer.role
                    );
                }
                let citations = serde_json::from_slice::<Value>(&whole).unwrap()["tables"]
                    ["source_citations"]
                    .as_array()
                    .expect("citations")
                    .len();
                match (viewer.role, mission) {
                    (Role::Anonymous | Role::Viewer, None) => assert_eq!(citations, 1),
                    (Role::Admin | Role::Analyst, None) => assert_eq!(citations, 3),
                    _ => {}
                }
                match (viewer.role, mission) {
                    (Role::Anonymous, _) => {
                        assert_eq!(
                            confidential, 0,
                            "an anonymous caller reads nothing confidential"
                        )
                    }
                    (Role::Admin, None) => assert!(confidential > 0, "the system reads everything"),
                    _ => {}
                }
            }
        }
        let system = Viewer::system();
        let unknown = export::write_json(
            app.db(),
            &system,
            Some("MINURSO"),
            "mission",
            Vec::new(),
            |_, _, _| {},
        )
        .await
        .map(|_| ())
        .map_err(coordmap_api::error::AppError::from)
        .unwrap_err();
        assert!(
            matches!(
                &unknown,
                coordmap_api::error::AppError::BadUserInput { field: Some(field), message }
                    if field == "mission" && message == "no mission has the acronym MINURSO"
            ),
            "{unknown:?}"
        );
    }
);

per_backend!(
    a_document_matches_records_by_natural_key_and_reports_changes_and_endings,
    |backend| async move {
        let source = spawn_app(backend).await.expect("server");
        dataset(&source).await;
        let exported = export_json(&source).await;
        let target = spawn_app(backend).await.expect("server");
        // The same organisation, created on its own, has another id than in the document.
        Build::new(&target).agency("ICRC").await;
        let payload = import_json(&target, &exported, false).await;
        assert_eq!(payload["succeeded"], true, "{payload:#}");
        let organizations = &payload["tables"][0];
        assert_eq!(organizations["table"], "organizations");
        assert_eq!(
            (
                organizations["created"].as_i64(),
                organizations["unchanged"].as_i64()
            ),
            (Some(5), Some(1))
        );
        let icrc = target
            .data("{ organization(code: \"ICRC\") { memberships(asOf: \"2010-01-01\") { capacity forum { name } } } }", json!({}))
            .await;
        assert_eq!(
            icrc["organization"]["memberships"],
            json!([{ "capacity": "OBSERVER", "forum": { "name": "Senior Management Group" } }]),
            "references to the document's ICRC lead to the one already there"
        );

        // End the ICRC's seat and rename a forum in the document: one ending, one update.
        let mut document: Value = serde_json::from_str(&exported).unwrap();
        let tables = document["tables"].as_object_mut().unwrap();
        let icrc_id = tables["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["code"] == "ICRC")
            .unwrap()["id"]
            .clone();
        for seat in tables
            .get_mut("forum_memberships")
            .unwrap()
            .as_array_mut()
            .unwrap()
        {
            if seat["member_organization_id"] == icrc_id {
                seat["valid_to"] = json!("2012-01-01");
            }
        }
        for forum in tables.get_mut("forums").unwrap().as_array_mut().unwrap() {
            if forum["name"] == "Senior Management Group" {
                forum["meeting_frequency"] = json!("weekly");
            }
        }
        // serde_json sorts keys; the document must keep its tables in load order.
        let tables: Vec<String> = TABLES
            .iter()
            .map(|t| format!("\"{}\":{}", t.name, document["tables"][t.name]))
            .collect();
        let edited = format!(
            "{{\"format_version\":2,\"tables\":{{{}}}}}",
            tables.join(",")
        );
        let changed = import_json(&target, &edited, false).await;
        let row = |t: &str| {
            changed["tables"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["table"] == t)
                .unwrap()
                .clone()
        };
        assert_eq!(row("forum_memberships")["ended"], 1, "{changed:#}");
        assert_eq!(row("forums")["updated"], 1);
        assert_eq!(totals(&changed).0, 0);
        let log = target
            .data("{ auditLog { operation recordType } }", json!({}))
            .await;
        let imports = log["auditLog"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["operation"] == "importData")
            .count();
        assert!(
            imports > 30,
            "every write of an import is in the audit log ({imports})"
        );
    }
);

/// Rows created per table by the sample sheets.
fn created_per_sheet(payloads: &[Value]) -> Vec<(String, i64)> {
    payloads
        .iter()
        .flat_map(|p| p["tables"].as_array().unwrap().clone())
        .map(|t| {
            (
                t["table"].as_str().unwrap().to_owned(),
                t["created"].as_i64().unwrap(),
            )
        })
        .collect()
}

per_backend!(
    the_hxl_sample_sheets_import_read_back_and_import_again_unchanged,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        ground(&app).await;
        let first = import_samples(&app).await;
        assert_eq!(
            created_per_sheet(&first),
            [
                ("organizations", 6),
                ("posts", 5),
                ("reporting_lines", 4),
                ("forums", 7),
                ("forum_links", 3),
                ("forum_memberships", 16),
                ("lead_agencies", 4),
            ]
            .map(|(t, n)| (t.to_owned(), n))
        );

        let cell = app
            .data(
                r#"{ forums(filter: { search: "Early Warning" }) { edges { node {
                    name acronym meetingFrequency mission { acronym } establishedByPost { title }
                    reportsTo(asOf: "2009-01-01") { name }
                    memberships(asOf: "2009-01-01") { capacity note member {
                      __typename ... on Component { name } ... on Post { title } ... on Organization { code } } }
                } } } }"#,
                json!({}),
            )
            .await;
        let node = &cell["forums"]["edges"][0]["node"];
        assert_eq!(
            node["mission"]["acronym"], "MONUSCO",
            "MONUC in the sheet is MONUSCO's former name"
        );
        assert_eq!(node["establishedByPost"]["title"], "DSRSG Rule of Law");
        assert_eq!(
            node["reportsTo"],
            json!([{ "name": "Senior Management Group" }])
        );
        let mut seats: Vec<(String, String)> = node["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let who = &m["member"];
                let name = who["name"]
                    .as_str()
                    .or(who["title"].as_str())
                    .or(who["code"].as_str())
                    .unwrap();
                (name.to_owned(), m["capacity"].as_str().unwrap().to_owned())
            })
            .collect();
        seats.sort();
        assert_eq!(
            seats,
            [
                ("Child Protection Section", "MEMBER"),
                ("Civil Affairs Section", "MEMBER"),
                ("DSRSG Rule of Law", "CHAIR"),
                ("Force", "MEMBER"),
                ("Human Rights Division", "MEMBER"),
                ("Joint Mission Analysis Cell", "MEMBER"),
                ("Public Information Office", "PRESENT_WITHOUT_MEMBERSHIP"),
                ("UN Police", "MEMBER"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let icrc = app
            .data(r#"{ organization(code: "icrc") { parent { code } countryCode memberships(asOf: "2006-01-01") { capacity note forum { name subgroups(asOf: "2007-01-01") { name } } } } }"#, json!({}))
            .await;
        assert_eq!(
            icrc["organization"]["memberships"],
            json!([{ "capacity": "OBSERVER", "note": "Customary observer role [004 ¶48]",
                     "forum": { "name": "Protection Network (Côte d'Ivoire)",
                                "subgroups": [{ "name": "Child Protection Forum (Côte d'Ivoire)" }, { "name": "IDP Protection Cluster (Côte d'Ivoire)" }] } }])
        );
        let ocha = app
            .data(
                r#"{ organization(code: "OCHA") { parent { code } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            ocha["organization"]["parent"]["code"], "UN",
            "a parent later in the sheet is found"
        );
        let director = app
            .data(
                r#"{ posts(filter: { search: "Director of Human Rights" }) { edges { node {
                isComponentHead component { acronym }
                superiors(asOf: "2006-01-01") { title } } } } }"#,
                json!({}),
            )
            .await;
        let node = &director["posts"]["edges"][0]["node"];
        assert_eq!(node["isComponentHead"], true);
        assert_eq!(node["component"]["acronym"], "HRD");
        let leads = app
            .data(r#"{ cluster(code: "COD-PC") { leadAgencies(asOf: "2007-01-01") { role } areasOfResponsibility { forums { name } } } }"#, json!({}))
            .await;
        assert_eq!(
            leads["cluster"]["leadAgencies"].as_array().unwrap().len(),
            2
        );
        assert_eq!(
            leads["cluster"]["areasOfResponsibility"][0]["forums"],
            json!([{ "name": "DRC Child Protection AoR" }])
        );

        // The same sheets again change nothing.
        let before = fingerprint(app.db()).await;
        for payload in import_samples(&app).await {
            let (created, updated, _, ended) = totals(&payload);
            assert_eq!((created, updated, ended), (0, 0, 0), "{payload:#}");
        }
        assert_eq!(fingerprint(app.db()).await, before);

        // The exported sheets import back unchanged, too.
        let body = app.graphql(EXPORT, json!({ "format": "HXL" })).await;
        let export = &body["data"]["exportData"];
        assert_eq!(export["notes"], json!([]), "{body:#}");
        let files = export["files"].as_array().unwrap();
        assert_eq!(files.len(), 7);
        assert!(files[5]["content"].as_str().unwrap().starts_with(
            "Mission,Forum,Member organisation,Member component,Member post,Capacity,Note,Start,End,Sensitivity\n#org+mission+code,#x_forum+name,#org+code+member,#x_component+name+member,#x_post+title+member,#x_capacity,#description,#date+start,#date+end,#meta+sensitivity\n"
        ));
        for file in files {
            let payload = import_sheet(
                &app,
                file["name"].as_str().unwrap(),
                file["content"].as_str().unwrap(),
                false,
            )
            .await;
            let (created, updated, _, ended) = totals(&payload);
            assert_eq!(
                (created, updated, ended),
                (0, 0, 0),
                "{}: {payload:#}",
                file["name"]
            );
        }
        assert_eq!(fingerprint(app.db()).await, before);

        // An end date on a seat ends it; a changed capacity updates it; a dry run writes neither.
        let sheet = std::fs::read_to_string("tests/fixtures/hxl/forum_memberships.csv").unwrap();
        let edited = sheet
            .replace(
                "ICRC,,,OBSERVER,Customary observer role [004 ¶48],2005-06-01,,",
                "ICRC,,,OBSERVER,Customary observer role [004 ¶48],2005-06-01,2013-07-01,",
            )
            .replace(
                "UNICEF,,,MEMBER,,2005-06-01",
                "UNICEF,,,CO_CHAIR,,2005-06-01",
            );
        let dry = import_sheet(&app, "forum_memberships.csv", &edited, true).await;
        assert_eq!(totals(&dry), (0, 1, 14, 1));
        assert_eq!(
            fingerprint(app.db()).await,
            before,
            "a dry run writes nothing"
        );
        let applied = import_sheet(&app, "forum_memberships.csv", &edited, false).await;
        assert_eq!(totals(&applied), (0, 1, 14, 1));
        let icrc = app
            .data(r#"{ organization(code: "ICRC") { memberships(asOf: "2014-01-01") { capacity } } }"#, json!({}))
            .await;
        assert_eq!(icrc["organization"]["memberships"], json!([]));
    }
);

/// Imports a file the way the command line does, as the system.
async fn import_path(app: &TestApp, path: &str) -> ImportReport {
    let source = files::source(Path::new(path)).expect("readable input");
    import_as_system(app, source).await
}

async fn import_as_system(app: &TestApp, source: Source) -> ImportReport {
    import::import(
        app.db(),
        &Viewer::system(),
        source,
        ImportOptions::default(),
    )
    .await
    .expect("the import runs")
}

per_backend!(
    every_malformed_input_is_refused_with_its_file_row_and_column_and_nothing_is_written,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        ground(&app).await;
        import_samples(&app).await;
        let d = "tests/fixtures/malformed";
        let cases: Vec<(String, String)> = [
            ("organizations_latin1.csv", "row 3, column B: the text is not valid UTF-8; save the sheet as \"CSV UTF-8\""),
            ("forums_utf16.csv", "the file is not UTF-8 (it looks like UTF-16, \"Unicode text\"); save it as UTF-8"),
            ("no_hashtags.csv", "no HXL hashtag row in the first 2 rows: add a row of hashtags (e.g. #org+code) under the headers"),
            ("missing_column/forum_memberships.csv", "row 2: the required column #x_capacity (Capacity) is missing from the hashtag row"),
            ("unknown_reference/forum_memberships.csv", "row 4, column C (#org+code+member): no organisation has the code UNHRC"),
            ("duplicate_row/forum_memberships.csv", "row 4: the same row is given twice (first at row 3): one row per forum, member and start date"),
            ("outside_forum/forum_memberships.csv", "row 3, column E (#date+start): the membership starts on 2004-01-01, before Senior Management Group was established (2005-01-01)"),
            ("bad_date/posts.csv", "row 3, column C (#date+start): `2005-02-30` is not a date; write it as YYYY-MM-DD"),
            ("bad_enum/forums.csv", "row 3, column C (#x_forum+type): `EARLY_WARNING` is not one of SENIOR_MANAGEMENT_GROUP, POC_WORKING_GROUP, PROTECTION_CLUSTER, AOR_COORDINATION, PROTECTION_WORKING_GROUP, EARLY_WARNING_CELL, CRISIS_CELL, JOINT_OPERATIONS_CENTRE, JOINT_PROTECTION_TEAM, HUMANITARIAN_COUNTRY_TEAM, UN_COUNTRY_TEAM, SENIOR_PLANNING_GROUP, CIVIL_MILITARY_COORDINATION, PROTECTION_NETWORK, STEERING_GROUP, OTHER"),
            ("too_long/organizations.csv", "row 3, column B (#org+name): the value must be at most 255 characters"),
            ("cycle/reporting_lines.csv", "row 3, column C (#x_post+title+to): the line would close a cycle of LINE reporting lines on 2010-01-01: SRSG → Director of Human Rights → DSRSG Rule of Law → SRSG (each reports to the next)"),
            ("cycle/forum_links.csv", "row 3, column D (#x_forum+name+target): the link would close a cycle of REPORTS_TO links: Senior Management Group → Early Warning and Rapid Response Cell → Senior Management Group"),
            ("bad_version.json", "line 2, column 22: `format_version` 3 is not supported; this coordmap reads versions 1 and 2"),
            ("syntax.json", "line 6, column 7: expected `,` or `}`"),
            ("unknown_reference.json", "table forum_memberships row 1, column forum_id: `forum_id` refers to no forum with the id 0190b7a4-0000-7000-8000-0000000000ff, neither in the file nor in the database"),
            ("duplicate_code.json", "table organizations row 2, column code: the code CDJP is given twice (first at row 1)"),
            ("bad_enum.json", "table forum_memberships row 1, column capacity: `capacity`: unknown variant `WATCHER`, expected one of `CHAIR`, `CO_CHAIR`, `SECRETARIAT`, `MEMBER`, `OBSERVER`, `PRESENT_WITHOUT_MEMBERSHIP`, `LIAISON`"),
            ("parent_cycle.json", "table organizations row 1, column parent_id: `parent_id` closes a cycle among the rows: row 1 → row 2 → row 1 (each names the next as its parent_id)"),
            // The rules of the mutations, which the import once skipped.
            ("field_parent.json", "table clusters row 2, column parent_id: `parent_id` refers to TST-FIELD, a FIELD cluster: a parent must be a GLOBAL cluster"),
            ("field_with_children.json", "table clusters row 1, column scope: `scope` cannot become FIELD: clusters hang under this one (COD-PC), and a parent must be GLOBAL"),
            ("aor_cluster.json", "table forums row 1, column area_of_responsibility_id: the area of responsibility Housing, Land and Property belongs to another cluster than `cluster_id`"),
            ("post_component.json", "table posts row 1, column component_id: `component_id` must be a component of the post's mission; Civil Affairs B belongs to another mission"),
            ("post_archived_mission.json", "table posts row 1, column mission_id: `mission_id` refers to an archived mission"),
            ("post_archived_organization.json", "table posts row 1, column organization_id: `organization_id` refers to an archived organization"),
            ("post_head.json", "table posts row 1, column is_component_head: a post can head a component only if it sits in one: give `component_id`"),
            ("second_head/posts.csv", "row 3, column E (#x_post+head): the value is refused: Human Rights Division already has a head post from 2000-01-01; a component has one head at a time"),
            ("hat_outside_post.json", "table post_hats row 1, column valid_from: `valid_from` falls outside the period of the post Deputy Head (from 2001-01-01)"),
            ("assignment_outside_post.json", "table assignments row 1, column valid_to: `valid_to` falls outside the period of the post Deputy Head (from 2001-01-01 to 2002-01-01)"),
        ]
        .into_iter()
        .map(|(file, message)| {
            let path = format!("{d}/{file}");
            let separator = if message.starts_with("row ") || message.starts_with("table ") { ", " } else { ": " };
            (path.clone(), format!("{path}{separator}{message}"))
        })
        .collect();
        for (path, expected) in cases {
            let before = fingerprint(app.db()).await;
            let report = import_path(&app, &path).await;
            let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
            assert_eq!(problems, [expected], "{path}");
            assert!(!report.succeeded());
            assert_eq!(
                fingerprint(app.db()).await,
                before,
                "nothing may change for {path}"
            );
        }
    }
);

/// Imports a JSON document given as text, as the system.
async fn import_text(app: &TestApp, document: Value) -> ImportReport {
    let source = Source::Json {
        file: "document.json".to_owned(),
        input: Box::new(std::io::Cursor::new(document.to_string().into_bytes())),
    };
    import_as_system(app, source).await
}

per_backend!(
    a_post_keeps_the_archived_mission_it_names_but_none_is_given_one,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        let fixture: Value = serde_json::from_str(
            &std::fs::read_to_string("tests/fixtures/malformed/post_archived_mission.json")
                .unwrap(),
        )
        .unwrap();
        let mut live = fixture.clone();
        live["tables"]["missions"][0]["archived_at"] = Value::Null;
        let report = import_text(&app, live.clone()).await;
        assert!(report.succeeded(), "{report}");
        // The mission is archived after the post was placed in it (as `archiveMission` does).
        app.db()
            .execute_unprepared(
                "UPDATE missions SET archived_at = CURRENT_TIMESTAMP WHERE acronym = 'TSTC'",
            )
            .await
            .unwrap();
        // An update that keeps the mission is not checked again, as through the API.
        let mut renamed =
            json!({ "format_version": 2, "tables": { "posts": live["tables"]["posts"].clone() } });
        renamed["tables"]["posts"][0]["title"] = json!("Head of Field Office");
        let report = import_text(&app, renamed.clone()).await;
        assert!(report.succeeded(), "{report}");
        assert_eq!(report.of("posts").updated, 1);
        // A new post may not be placed in it.
        let mut another = renamed;
        another["tables"]["posts"][0]["id"] = json!("0190b7a4-0000-7000-8000-000000000155");
        let report = import_text(&app, another).await;
        let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            ["document.json, table posts row 1, column mission_id: `mission_id` refers to an archived mission"]
        );
    }
);

per_backend!(
    problems_come_back_in_the_payload_and_nothing_is_written,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        ground(&app).await;
        import_samples(&app).await;
        let before = fingerprint(app.db()).await;
        let content = std::fs::read_to_string(
            "tests/fixtures/malformed/unknown_reference/forum_memberships.csv",
        )
        .unwrap();
        let payload = import_sheet(&app, "memberships.csv", &content, false).await;
        assert_eq!(payload["succeeded"], false);
        assert_eq!(
            payload["problems"],
            json!([{ "file": "memberships.csv", "table": null, "row": 4, "column": "C (#org+code+member)",
                     "message": "no organisation has the code UNHRC",
                     "text": "memberships.csv, row 4, column C (#org+code+member): no organisation has the code UNHRC" }]),
            "the sheet is recognised by its hashtags"
        );
        assert_eq!(fingerprint(app.db()).await, before);
    }
);

per_backend!(only_administrators_may_import, |backend| async move {
    let app = spawn_app(backend).await.expect("server");
    ground(&app).await;
    let before = fingerprint(app.db()).await;
    let content = std::fs::read_to_string("tests/fixtures/hxl/organizations.csv").unwrap();
    for (role, missions) in [
        ("EDITOR", &["MONUSCO"][..]),
        ("ANALYST", &[][..]),
        ("VIEWER", &[][..]),
    ] {
        let token = format!("Bearer {}", user_token("someone", role, missions, &[]));
        let body = app
            .graphql_as(
                Some(&token),
                IMPORT,
                json!({ "input": { "format": "HXL", "content": content } }),
            )
            .await;
        assert_eq!(error_code(&body), "FORBIDDEN", "{role}: {body}");
        assert_eq!(error_message(&body), "only administrators may import data");
    }
    let after = fingerprint(app.db()).await;
    let without_denials = |f: &str| {
        f.lines()
            .filter(|l| !l.starts_with("audit_entry"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        without_denials(&after),
        without_denials(&before),
        "nothing but the denials is written"
    );
});

fn uuid_of(id: &str) -> String {
    decode_any(id, "id").expect("global ID").1.to_string()
}

per_backend!(
    a_viewer_export_holds_only_what_a_viewer_may_read,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        dataset(&app).await;
        let secret = app
            .data(
                r#"{ forums(filter: { search: "armed groups" }) { edges { node { id } } } }"#,
                json!({}),
            )
            .await;
        let secret_id = uuid_of(secret["forums"]["edges"][0]["node"]["id"].as_str().unwrap());

        let admin: Value = serde_json::from_str(&export_json(&app).await).unwrap();
        let ids = |doc: &Value, table: &str| -> Vec<String> {
            doc["tables"][table]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect()
        };
        assert!(ids(&admin, "forums").contains(&secret_id));
        assert_eq!(admin["tables"]["persons"].as_array().unwrap().len(), 1);

        let viewer = format!("Bearer {}", user_token("reader", "VIEWER", &[], &[]));
        let seen: Value = serde_json::from_str(&export_json_as(&app, &viewer, None).await).unwrap();
        assert!(
            !ids(&seen, "forums").contains(&secret_id),
            "the CONFIDENTIAL forum is absent"
        );
        assert_eq!(ids(&seen, "forums").len(), 2);
        assert!(
            seen["tables"]["forum_memberships"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["forum_id"] != secret_id),
            "and so are the seats in it"
        );
        assert_eq!(
            seen["tables"]["persons"],
            json!([]),
            "the CONFIDENTIAL person is absent"
        );
        assert_eq!(
            seen["tables"]["assignments"],
            json!([]),
            "and the assignment naming them"
        );
        assert!(!serde_json::to_string(&seen)
            .unwrap()
            .contains("srsg@example.org"));

        let sheets = app
            .graphql_as(Some(&viewer), EXPORT, json!({ "format": "HXL" }))
            .await;
        let text = sheets["data"]["exportData"]["files"].to_string();
        assert!(text.contains("Early Warning and Rapid Response Cell"));
        assert!(!text.contains("Contacts with armed groups"));

        let mission: Value =
            serde_json::from_str(&export_json_as(&app, &viewer, Some("monuc")).await).unwrap();
        let acronyms: Vec<&str> = mission["tables"]["missions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["acronym"].as_str().unwrap())
            .collect();
        assert_eq!(
            acronyms,
            ["MONUSCO"],
            "one mission, found by its former acronym"
        );
        let unknown = app
            .graphql_as(
                Some(&viewer),
                EXPORT,
                json!({ "format": "JSON", "mission": "MINURSO" }),
            )
            .await;
        assert_eq!(error_code(&unknown), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&unknown),
            "no mission has the acronym MINURSO"
        );
    }
);

/// A generated sheet of `rows` memberships, produced as it is read.
struct Generated {
    next: u64,
    rows: u64,
    pending: Vec<u8>,
}

impl std::io::Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.next == 0 {
                self.pending = b"Mission,Forum,Member organisation,Capacity,Start,End\n#org+mission+code,#x_forum+name,#org+code+member,#x_capacity,#date+start,#date+end\n".to_vec();
            } else if self.next <= self.rows {
                // One seat a day, one after the other: every row is a distinct, valid seat.
                let day = chrono::NaiveDate::from_ymd_opt(2005, 1, 1).unwrap()
                    + chrono::Duration::days(self.next as i64);
                let end = day + chrono::Duration::days(1);
                self.pending = format!("MONUC,Senior Management Group,ICRC,OBSERVER,{day},{end}\n")
                    .into_bytes();
            } else {
                return Ok(0);
            }
            self.next += 1;
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

per_backend!(
    a_large_sheet_streams_in_batches_and_reports_progress,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        ground(&app).await;
        import_samples(&app).await;
        let seen: Arc<Mutex<Vec<u64>>> = Arc::default();
        let progress = seen.clone();
        let options = ImportOptions {
            dry_run: false,
            progress: Some(Arc::new(move |_: &str, rows: u64| {
                progress.lock().unwrap().push(rows);
            })),
        };
        let source = Source::Sheets(vec![SheetInput {
            file: "generated.csv".into(),
            sheet: None,
            input: Box::new(Generated {
                next: 0,
                rows: 20_000,
                pending: Vec::new(),
            }),
        }]);
        let report = import::import(app.db(), &Viewer::system(), source, options)
            .await
            .unwrap();
        assert!(report.succeeded(), "{report}");
        assert_eq!(report.of("forum_memberships").created, 20_000);
        assert_eq!(*seen.lock().unwrap(), [10_000, 20_000]);
        let history = app
            .data(r#"{ organization(code: "ICRC") { memberships(asOf: "2030-06-01") { validFrom validTo forum { name } } } }"#, json!({}))
            .await;
        assert_eq!(
            history["organization"]["memberships"],
            json!([
                { "validFrom": "2005-06-01", "validTo": null, "forum": { "name": "Protection Network (Côte d'Ivoire)" } },
                { "validFrom": "2030-06-01", "validTo": "2030-06-02", "forum": { "name": "Senior Management Group" } },
            ])
        );
    }
);

// ---- GET /export: the streamed document -----------------------------------------------------

async fn download(app: &TestApp, authorization: Option<&str>, query: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/export{query}", app.address));
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    request.send().await.expect("request sent")
}

per_backend!(
    get_export_streams_the_document_export_data_answers_for_each_caller,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        dataset(&app).await;
        let viewer = format!("Bearer {}", user_token("vera", "VIEWER", &[], &[]));
        let admin = app.admin.clone();
        let reads = || app.answers_read(sea_orm::Condition::all());
        for authorization in [&admin, &viewer] {
            for (query, mission, name) in [
                ("", None, "coordmap.json"),
                (
                    "?format=json&mission=monuc",
                    Some("MONUC"),
                    "coordmap-MONUC.json",
                ),
            ] {
                let before = reads().await;
                let response = download(&app, Some(authorization), query).await;
                assert_eq!(response.status(), 200);
                let headers = response.headers().clone();
                assert_eq!(headers["content-type"], "application/json");
                assert_eq!(
                    headers["content-disposition"],
                    format!("attachment; filename=\"{name}\"").as_str()
                );
                assert_eq!(headers["cache-control"], "no-store");
                let streamed = response.text().await.expect("body");
                let answered = export_json_as(&app, authorization, mission).await;
                assert_eq!(streamed, answered, "{authorization} {query}");
                let document: Value = serde_json::from_str(&streamed).expect("JSON");
                let persons = document["tables"]["persons"].as_array().expect("persons");
                // The confidential person is the administrator's alone, and its read is logged.
                if authorization == &admin {
                    assert_eq!(persons.len(), 1);
                    assert!(reads().await > before, "the download's reads are logged");
                } else {
                    assert!(persons.is_empty(), "{persons:?}");
                }
            }
        }
    }
);

per_backend!(
    get_export_refuses_bad_requests_with_a_code,
    |backend| async move {
        let app = spawn_app(backend).await.expect("server");
        dataset(&app).await;
        let admin = app.admin.clone();
        let cases: &[(&str, Option<&str>, u16, &str, &str)] = &[
            (
                "?format=hxl",
                Some(&admin),
                400,
                "BAD_USER_INPUT",
                "`format` is `json`, not `hxl`; HXL sheets are several files: ask `exportData(format: HXL)`",
            ),
            (
                "?mission=MINURSO",
                Some(&admin),
                400,
                "BAD_USER_INPUT",
                "no mission has the acronym MINURSO",
            ),
            (
                "?colour=red",
                Some(&admin),
                400,
                "BAD_REQUEST",
                "the query string is not one `/export` takes (unknown field `colour`, expected `format` or `mission`): `format=json` and `mission=ACRONYM`",
            ),
            (
                "",
                Some("Bearer not-a-token"),
                401,
                "UNAUTHENTICATED",
                "",
            ),
        ];
        for (query, authorization, status, code, message) in cases {
            let response = download(&app, *authorization, query).await;
            assert_eq!(response.status(), *status, "{query}");
            let body: Value = response.json().await.expect("JSON error");
            assert_eq!(error_code(&body), *code, "{query}: {body}");
            if !message.is_empty() {
                assert_eq!(error_message(&body), *message, "{query}");
            }
            assert!(body.get("data").is_none());
        }
        let posted = app
            .client
            .post(format!("{}/export", app.address))
            .header("Authorization", &admin)
            .send()
            .await
            .expect("request sent");
        assert_eq!(posted.status(), 405);
        assert_eq!(posted.headers()["allow"], "GET");
        let body: Value = posted.json().await.expect("JSON error");
        assert_eq!(error_code(&body), "METHOD_NOT_ALLOWED");
    }
);

per_backend!(
    an_export_counts_one_operation_per_table_against_the_rate_limit,
    |backend| async move {
        let app = spawn_app_with(backend, |settings| {
            settings.traffic.rate_limit_per_minute = 1;
            settings.traffic.rate_limit_burst = 2 * TABLES.len() as u32;
        })
        .await
        .expect("server");
        let admin = app.admin.clone();
        // One exportData (its operation and one per table beyond it) and one download spend
        // the allowance exactly; the next operation of any kind waits.
        let answered = app
            .graphql_as(Some(&admin), EXPORT, json!({ "format": "JSON" }))
            .await;
        assert!(answered.get("errors").is_none(), "{answered:#}");
        assert_eq!(download(&app, Some(&admin), "").await.status(), 200);
        let refused = download(&app, Some(&admin), "").await;
        assert_eq!(refused.status(), 429);
        assert!(refused.headers().contains_key("retry-after"));
        let body: Value = refused.json().await.expect("JSON error");
        assert_eq!(error_code(&body), "RATE_LIMITED");
        let query = app
            .graphql_as(Some(&admin), "{ __typename }", json!({}))
            .await;
        assert_eq!(error_code(&query), "RATE_LIMITED", "{query:#}");
    }
);

per_backend!(
    an_export_asked_for_while_every_slot_is_taken_is_refused_at_once,
    |backend| async move {
        use coordmap_api::config::GraphqlSettings;
        use coordmap_api::graphql::context::{ApiContext, Budget, RequestState};
        use coordmap_api::services::read_log::ReadLog;
        let app = spawn_app(backend).await.expect("server");
        dataset(&app).await;
        let exports = Arc::new(tokio::sync::Semaphore::new(1));
        let schema = coordmap_api::graphql::schema::build_schema(ApiContext {
            db: app.db().clone(),
            limits: GraphqlSettings::default(),
            read_log: ReadLog::start(app.db().clone()),
            exports: exports.clone(),
            changes: coordmap_api::services::change_signal::ChangeSignal::start(
                app.db().clone(),
                std::time::Duration::from_secs(1),
            ),
        });
        let ask = || async {
            let state = RequestState::new(
                app.db().clone(),
                Viewer::system(),
                Budget {
                    max_depth: 15,
                    max_complexity: 250_000,
                },
            );
            let request = async_graphql::Request::new(EXPORT)
                .variables(async_graphql::Variables::from_json(
                    json!({ "format": "JSON" }),
                ))
                .data(state);
            serde_json::to_value(schema.execute(request).await).expect("JSON")
        };
        let answered = ask().await;
        assert!(answered.get("errors").is_none(), "{answered:#}");
        let taken = exports.clone().try_acquire_owned().expect("the only slot");
        let refused = ask().await;
        assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused:#}");
        assert_eq!(refused["errors"][0]["extensions"]["retryAfter"], 5);
        drop(taken);
        assert!(ask().await.get("errors").is_none());
    }
);
