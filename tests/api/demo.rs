//! The demo dataset built from the seed documents: it loads on both databases, answers the
//! questions the seeds raise, cites a source for every record, loads only once, and shows
//! anonymous callers its PUBLIC records only. `coordmap seed --demo` and `coordmap serve --demo`
//! run it from the command line.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use coordmap_api::seed::{self, Outcome};
use sea_orm::{EntityTrait, QuerySelect};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::both_backends;
use crate::helpers::{fingerprint, spawn_app_with, Backend, TestApp};
use crate::serve_demo::coordmap;

async fn load(app: &TestApp) -> seed::Summary {
    match seed::load_demo(app.db())
        .await
        .expect("the demo dataset loads")
    {
        Outcome::Loaded(summary) => summary,
        Outcome::AlreadyLoaded => panic!("a fresh database cannot hold the demo dataset yet"),
    }
}

const MONUC: &str = r#"
query {
  mission(acronym: "MONUC") {
    id acronym name kind pocMandate pocFirstPriority integratedPresence
    leadDepartment { code }
    formerNames { acronym name validFrom validTo }
    sources { locator illustrative document { symbol } }
  }
}"#;

const MEMBER: &str =
    "member { __typename ... on Organization { code } ... on Component { name } ... on Post { title } }";

fn seats(memberships: &Value) -> BTreeSet<(String, String)> {
    memberships
        .as_array()
        .expect("memberships")
        .iter()
        .map(|m| {
            let member = &m["member"];
            let name = member["code"]
                .as_str()
                .or(member["name"].as_str())
                .or(member["title"].as_str())
                .expect("member name");
            (
                m["capacity"].as_str().expect("capacity").to_owned(),
                name.to_owned(),
            )
        })
        .collect()
}

fn set(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The rights on `code` in the mission `mission` (global defaults included), as
/// `KIND holder` lines.
async fn who(app: &TestApp, code: &str, mission: &str) -> Vec<String> {
    let data = app
        .data(
            r#"query($code: String!, $mission: ID) {
              decisionArea(code: $code) {
                rights(missionId: $mission, asOf: "2010-06-01") {
                  kind nonDelegable
                  holderPost { title } holderComponent { name } holderOrganization { code }
                  holderForum { name }
                }
              }
            }"#,
            json!({ "code": code, "mission": mission }),
        )
        .await;
    data["decisionArea"]["rights"]
        .as_array()
        .expect("rights")
        .iter()
        .map(|r| {
            let holder = r["holderPost"]["title"]
                .as_str()
                .or(r["holderComponent"]["name"].as_str())
                .or(r["holderOrganization"]["code"].as_str())
                .or(r["holderForum"]["name"].as_str())
                .expect("holder");
            format!("{} {holder}", r["kind"].as_str().expect("kind"))
        })
        .collect()
}

both_backends!(
    the_demo_dataset_answers_the_questions_the_seeds_raise,
    |app| async move {
        let summary = load(&app).await;
        assert_eq!(
            summary.records[&coordmap_api::services::record::RecordKind::Mission],
            7
        );

        // MONUC is found by its former acronym and is MONUSCO today.
        let monuc = app.data(MONUC, json!({})).await["mission"].clone();
        assert_eq!(monuc["acronym"], "MONUSCO");
        assert_eq!(
            monuc["name"],
            "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"
        );
        assert_eq!(monuc["kind"], "PEACEKEEPING");
        assert_eq!(monuc["pocFirstPriority"], true);
        assert_eq!(monuc["integratedPresence"], true);
        assert_eq!(monuc["leadDepartment"]["code"], "DPKO");
        assert_eq!(
            monuc["formerNames"],
            json!([{
                "acronym": "MONUC",
                "name": "United Nations Organization Mission in the Democratic Republic of the Congo",
                "validFrom": "1999-11-30",
                "validTo": "2010-07-01"
            }])
        );
        let cited: Vec<(&str, &str)> = monuc["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| {
                (
                    s["document"]["symbol"].as_str().expect("symbol"),
                    s["locator"].as_str().expect("locator"),
                )
            })
            .collect();
        assert!(cited.contains(&("004_13127277ac77d4df", "¶8")), "{cited:?}");
        let monusco = monuc["id"].as_str().expect("id").to_owned();

        // Every mission the seeds discuss is there.
        let missions = app
            .data("{ missions(first: 20) { nodes { acronym } } }", json!({}))
            .await;
        let acronyms: Vec<&str> = missions["missions"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|m| m["acronym"].as_str().expect("acronym"))
            .collect();
        assert_eq!(
            acronyms,
            ["MINURCAT", "MINUSTAH", "MONUSCO", "UNAMA", "UNAMID", "UNMIS", "UNOCI"]
        );

        // The Early Warning and Rapid Response Cell: its members, the public information office
        // present without membership, and the Senior Management Group it reports to.
        let cell = app
            .data(
                &format!(
                    r#"query($mission: ID) {{
                      forums(filter: {{ missionId: $mission, search: "Early Warning" }}) {{
                        nodes {{
                          name kind level
                          establishedByPost {{ title }}
                          reportsTo(asOf: "2010-01-01") {{ name }}
                          memberships(asOf: "2010-01-01") {{ capacity {MEMBER} }}
                        }}
                      }}
                    }}"#
                ),
                json!({ "mission": monusco }),
            )
            .await["forums"]["nodes"][0]
            .clone();
        assert_eq!(cell["name"], "Early Warning and Rapid Response Cell");
        assert_eq!(cell["kind"], "EARLY_WARNING_CELL");
        assert_eq!(
            cell["establishedByPost"]["title"],
            "Deputy Special Representative of the Secretary-General (Rule of Law)"
        );
        assert_eq!(
            cell["reportsTo"],
            json!([{ "name": "Senior Management Group on POC" }])
        );
        assert_eq!(
            seats(&cell["memberships"]),
            set(&[
                ("MEMBER", "Force (military component)"),
                ("MEMBER", "Police component"),
                ("MEMBER", "Human Rights Division"),
                ("MEMBER", "Civil Affairs Section"),
                ("MEMBER", "Child Protection Section"),
                ("MEMBER", "Joint Mission Analysis Cell"),
                ("PRESENT_WITHOUT_MEMBERSHIP", "Public Information Office"),
            ])
        );

        // The ICRC observes the OCHA protection network in Côte d'Ivoire, from its start.
        let icrc = |as_of: &'static str| {
            let app = &app;
            async move {
                app.data(
                    r#"query($asOf: Date) {
                      organization(code: "ICRC") {
                        memberships(asOf: $asOf) {
                          capacity note forum { name establishedByOrganization { code } }
                        }
                      }
                    }"#,
                    json!({ "asOf": as_of }),
                )
                .await["organization"]["memberships"]
                    .clone()
            }
        };
        assert_eq!(
            icrc("2006-01-01").await,
            json!([{
                "capacity": "OBSERVER",
                "note": "In its customary observer role.",
                "forum": {
                    "name": "Protection network (Côte d'Ivoire)",
                    "establishedByOrganization": { "code": "OCHA" }
                }
            }])
        );
        assert_eq!(icrc("2005-05-31").await, json!([]));

        // Who drafted each POC strategy [003 §8.2.1].
        let strategies = app
            .data(
                r#"{ documents(first: 20, filter: { kinds: [POC_STRATEGY] }) {
                    nodes { coverage mission { acronym } draftedByComponent { name mission { acronym } } }
                } }"#,
                json!({}),
            )
            .await;
        let drafted: BTreeMap<String, (String, Value)> = strategies["documents"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|d| {
                let drafter = &d["draftedByComponent"];
                assert_eq!(
                    drafter["mission"], d["mission"],
                    "drafted inside its mission"
                );
                (
                    d["mission"]["acronym"]
                        .as_str()
                        .expect("mission")
                        .to_owned(),
                    (
                        drafter["name"].as_str().expect("drafter").to_owned(),
                        d["coverage"].clone(),
                    ),
                )
            })
            .collect();
        let expected: BTreeMap<String, (String, Value)> = [
            ("MINUSTAH", "Human Rights Section", Value::Null),
            ("MONUSCO", "Civil Affairs Section", json!("SYSTEM_WIDE")),
            (
                "UNAMID",
                "Humanitarian Liaison Section",
                json!("MISSION_ONLY"),
            ),
            (
                "UNMIS",
                "Protection of Civilians Section",
                json!("MISSION_ONLY"),
            ),
            ("UNOCI", "Human Rights Division", json!("MISSION_ONLY")),
        ]
        .into_iter()
        .map(|(m, c, v)| (m.to_owned(), (c.to_owned(), v)))
        .collect();
        assert_eq!(drafted, expected);

        // Who decides what, as the seeds state it.
        assert_eq!(
            who(&app, "POC_STRATEGY", &monusco).await,
            [
                "DECIDES Special Representative of the Secretary-General (Head of Mission)",
                "ENDORSES Special Representative of the Secretary-General (Head of Mission)",
                "ENDORSES UN Country Team (DRC)",
                "CONSULTED Protection Cluster (DRC, national)",
                "CONSULTED GOV-COD",
                "CONSULTED DPKO",
                "INFORMED Protection Cluster (DRC, national)",
            ]
        );
        assert_eq!(
            who(&app, "EARLY_WARNING_RESPONSE", &monusco).await,
            [
                "DECIDES Special Representative of the Secretary-General (Head of Mission)",
                "RECOMMENDS Early Warning and Rapid Response Cell",
                "INFORMED Senior Management Group on POC",
            ]
        );
        let force = who(&app, "USE_OF_FORCE", &monusco).await;
        assert!(
            force.contains(&"DECIDES Force Commander".to_owned()),
            "{force:?}"
        );
        assert!(force.contains(&"DECIDES UNSC".to_owned()), "{force:?}");
        let codes = app
            .data("{ decisionAreas(first: 50) { nodes { code } } }", json!({}))
            .await;
        let codes: HashSet<&str> = codes["decisionAreas"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|a| a["code"].as_str().expect("code"))
            .collect();
        for code in [
            "POC_STRATEGY",
            "POC_STRATEGY_DRAFTING",
            "USE_OF_FORCE",
            "MILITARY_ASSETS",
            "ASSET_PRIORITISATION",
            "EARLY_WARNING_RESPONSE",
            "CLUSTER_LEAD_DESIGNATION",
            "INFORMATION_SHARING",
            "ESCALATION",
        ] {
            assert!(codes.contains(code), "{code} is missing");
        }

        // The Global Protection Cluster is led by UNHCR and has the four AoRs and more.
        let gpc = app
            .data(
                r#"{ cluster(code: "GPC") {
                    scope leadAgencies(asOf: "2010-06-01") { role organization { code } }
                    areasOfResponsibility(asOf: "2010-06-01") { theme }
                } }"#,
                json!({}),
            )
            .await["cluster"]
            .clone();
        assert_eq!(gpc["scope"], "GLOBAL");
        assert_eq!(
            gpc["leadAgencies"],
            json!([{ "role": "LEAD", "organization": { "code": "UNHCR" } }])
        );
        let themes: HashSet<&str> = gpc["areasOfResponsibility"]
            .as_array()
            .expect("aors")
            .iter()
            .map(|a| a["theme"].as_str().expect("theme"))
            .collect();
        for theme in [
            "CHILD_PROTECTION",
            "GENDER_BASED_VIOLENCE",
            "MINE_ACTION",
            "HOUSING_LAND_PROPERTY",
        ] {
            assert!(themes.contains(theme), "{theme} is missing");
        }
    }
);

both_backends!(
    every_demo_record_cites_a_source_and_a_second_load_changes_nothing,
    |app| async move {
        load(&app).await;
        let db = app.db();
        let cited_records: HashSet<Uuid> = entity::source_citation::Entity::find()
            .select_only()
            .column(entity::source_citation::Column::RecordId)
            .into_tuple::<Uuid>()
            .all(db)
            .await
            .expect("cited records")
            .into_iter()
            .collect();
        assert!(!cited_records.is_empty());
        let mut uncited = Vec::new();
        let mut total = 0;
        macro_rules! check {
            ($($module:ident),+ $(,)?) => {$(
                let ids: Vec<Uuid> = entity::$module::Entity::find()
                    .select_only()
                    .column(entity::$module::Column::Id)
                    .into_tuple()
                    .all(db)
                    .await
                    .expect("ids");
                for id in ids {
                    total += 1;
                    if !cited_records.contains(&id) {
                        uncited.push(format!("{} {id}", stringify!($module)));
                    }
                }
            )+};
        }
        check!(
            organization,
            geographic_area,
            mission,
            mission_name,
            component,
            post,
            post_hat,
            person,
            assignment,
            reporting_line,
            mandated_task,
            cluster,
            area_of_responsibility,
            lead_agency,
            forum,
            forum_link,
            forum_membership,
            decision_area,
            decision_right,
            document,
        );
        assert!(total > 300, "only {total} records");
        assert!(uncited.is_empty(), "records without a source: {uncited:?}");

        // Illustrative citations say why.
        let unexplained = entity::source_citation::Entity::find()
            .all(db)
            .await
            .expect("citations")
            .into_iter()
            .filter(|c| c.illustrative && c.note.is_none())
            .count();
        assert_eq!(unexplained, 0);

        let before = fingerprint(db).await;
        assert!(matches!(
            seed::load_demo(db).await.expect("second load"),
            Outcome::AlreadyLoaded
        ));
        assert_eq!(
            fingerprint(db).await,
            before,
            "a second load writes nothing"
        );
    }
);

both_backends!(
    the_demo_dataset_refuses_a_database_holding_its_records_without_its_marker,
    |app| async move {
        app.data(
            r#"mutation { createOrganization(input: { code: "UNHCR", name: "UNHCR", kind: UN_AGENCY }) { id } }"#,
            json!({}),
        )
        .await;
        let before = fingerprint(app.db()).await;
        let err = seed::load_demo(app.db()).await.expect_err("refused");
        assert_eq!(
            err.to_string(),
            "the database already holds organizations UNHCR but not the demo dataset's marker document \"coordmap demo dataset\": load the demo dataset into an empty database (an interrupted load leaves such records behind; start again from a fresh one)"
        );
        assert_eq!(fingerprint(app.db()).await, before, "nothing written");
    }
);

async fn anonymous_scenario(app: TestApp) {
    load(&app).await;
    let anonymous = |query: &'static str, variables: Value| {
        let app = &app;
        async move {
            let body = app.graphql_as(None, query, variables).await;
            assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
            body["data"].clone()
        }
    };

    // PUBLIC records: the missions and MONUSCO's forums.
    let monuc = anonymous(
        r#"{ mission(acronym: "MONUC") { id acronym forums { name } } }"#,
        json!({}),
    )
    .await;
    assert_eq!(monuc["mission"]["acronym"], "MONUSCO");
    assert!(!monuc["mission"]["forums"]
        .as_array()
        .expect("forums")
        .is_empty());
    let monusco = monuc["mission"]["id"].clone();

    // INTERNAL: engagement with armed groups; CONFIDENTIAL: the case-level protocol.
    const ENGAGEMENT: &str = r#"query($mission: ID) {
        decisionArea(code: "ARMED_GROUP_ENGAGEMENT") { code rights(missionId: $mission, asOf: "2010-06-01") { kind sensitivity } }
    }"#;
    let hidden = anonymous(ENGAGEMENT, json!({ "mission": monusco })).await;
    assert_eq!(hidden["decisionArea"]["code"], "ARMED_GROUP_ENGAGEMENT");
    assert_eq!(hidden["decisionArea"]["rights"], json!([]));
    let shown = app.data(ENGAGEMENT, json!({ "mission": monusco })).await;
    assert_eq!(
        shown["decisionArea"]["rights"],
        json!([
            { "kind": "DECIDES", "sensitivity": "INTERNAL" },
            { "kind": "EXECUTES", "sensitivity": "INTERNAL" }
        ])
    );

    const PROTOCOL: &str = r#"{ documents(filter: { kinds: [INFORMATION_SHARING_PROTOCOL] }) { totalCount nodes { sensitivity } } }"#;
    assert_eq!(
        anonymous(PROTOCOL, json!({})).await["documents"]["totalCount"],
        0
    );
    assert_eq!(
        app.data(PROTOCOL, json!({})).await["documents"],
        json!({ "totalCount": 1, "nodes": [{ "sensitivity": "CONFIDENTIAL" }] })
    );

    // An INTERNAL forum is not among UNMIS's forums for an anonymous caller.
    const UNMIS: &str =
        r#"{ mission(acronym: "UNMIS") { forums(asOf: "2010-01-01") { name sensitivity } } }"#;
    let public: Vec<String> = anonymous(UNMIS, json!({})).await["mission"]["forums"]
        .as_array()
        .expect("forums")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_owned())
        .collect();
    assert!(
        !public.contains(&"Crisis Coordination Center".to_owned()),
        "{public:?}"
    );
    assert!(
        public.contains(&"Protection Steering Group".to_owned()),
        "{public:?}"
    );
    let all = app.data(UNMIS, json!({})).await;
    assert!(all["mission"]["forums"]
        .as_array()
        .expect("forums")
        .iter()
        .any(|f| f["name"] == "Crisis Coordination Center" && f["sensitivity"] == "INTERNAL"));
}

mod anonymous_callers_see_public_demo_records_and_not_internal_ones {
    use super::*;

    async fn spawn(backend: Backend) -> Option<TestApp> {
        spawn_app_with(backend, |settings| settings.auth.allow_anonymous = true).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        let app = spawn(Backend::Sqlite).await.expect("SQLite always runs");
        anonymous_scenario(app).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        if let Some(app) = spawn(Backend::Postgres).await {
            anonymous_scenario(app).await;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn seed_demo_loads_the_dataset_once_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let first = coordmap(&["--database-url", &url, "seed", "--demo"])
        .output()
        .expect("run");
    assert!(first.status.success(), "{first:?}");
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(
        said.starts_with("loaded the demo dataset: ") && said.contains("7 missions"),
        "{said}"
    );
    let second = coordmap(&["--database-url", &url, "seed", "--demo"])
        .output()
        .expect("run");
    assert!(second.status.success(), "{second:?}");
    assert_eq!(
        String::from_utf8_lossy(&second.stdout),
        "the demo dataset is already loaded; nothing changed\n"
    );

    let bare = coordmap(&["--database-url", &url, "seed"])
        .output()
        .expect("run");
    assert!(!bare.status.success());
    assert!(String::from_utf8_lossy(&bare.stderr).contains("--demo"));
    let help = coordmap(&["seed", "--help"]).output().expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("--demo") && help.contains("demo dataset"),
        "{help}"
    );
}
