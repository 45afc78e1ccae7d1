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
use crate::helpers::{fingerprint, spawn_app_with, user_token, Backend, TestApp};
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
                rights(missionId: $mission, asOf: "2010-06-01") { nodes {
                  kind nonDelegable
                  holderPost { title } holderComponent { name } holderOrganization { code }
                  holderForum { name }
                } }
              }
            }"#,
            json!({ "code": code, "mission": mission }),
        )
        .await;
    data["decisionArea"]["rights"]["nodes"]
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
                // The strategy's implementation, delegated through the DSRSGs [002 G ¶17].
                "DECIDES Special Representative of the Secretary-General (Head of Mission)",
                "ENDORSES Special Representative of the Secretary-General (Head of Mission)",
                "ENDORSES UN Country Team (DRC)",
                "EXECUTES Deputy Special Representative of the Secretary-General (Rule of Law)",
                "EXECUTES Deputy Special Representative of the Secretary-General, Resident Coordinator and Humanitarian Coordinator",
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
        // The document is in the export's canonical form and the import loses nothing:
        // exporting what it loaded gives back its bytes.
        let exported = coordmap_api::transfer::export::snapshot(
            db,
            &coordmap_api::services::access::Viewer::system(),
            None,
            "mission",
        )
        .await
        .expect("snapshot")
        .to_json()
        .expect("JSON");
        let exported = String::from_utf8(exported).expect("UTF-8");
        if let Some((line, (ours, theirs))) = exported
            .lines()
            .zip(seed::DEMO_DOCUMENT.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!(
                "line {} of the export differs from api/schema/data/demo.json:\n{ours}\n{theirs}",
                line + 1
            );
        }
        assert_eq!(
            exported,
            seed::DEMO_DOCUMENT,
            "the export ends as the document"
        );
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
            (source_citation) => {};
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
        // Every record table of the registry; citations are the sources themselves.
        macro_rules! records {
            (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
                $(check!($module);)*
            };
        }
        entity::for_each_record!(records);
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
            "the database already holds organizations UNHCR but not the demo dataset's marker document \"coordmap demo dataset\": load the demo dataset into an empty database"
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
        decisionArea(code: "ARMED_GROUP_ENGAGEMENT") { code rights(missionId: $mission, asOf: "2010-06-01") { nodes { kind sensitivity } } }
    }"#;
    let hidden = anonymous(ENGAGEMENT, json!({ "mission": monusco })).await;
    assert_eq!(hidden["decisionArea"]["code"], "ARMED_GROUP_ENGAGEMENT");
    assert_eq!(hidden["decisionArea"]["rights"]["nodes"], json!([]));
    let shown = app.data(ENGAGEMENT, json!({ "mission": monusco })).await;
    assert_eq!(
        shown["decisionArea"]["rights"]["nodes"],
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

// ---------------------------------------------------------------------------------------------
// Chains to the Security Council, escalation, bridges, joint decisions and gaps

/// The id of a demo mission, found by acronym.
async fn mission_id(app: &TestApp, acronym: &str) -> String {
    app.data(
        "query($a: String!) { mission(acronym: $a) { id } }",
        json!({ "a": acronym }),
    )
    .await["mission"]["id"]
        .as_str()
        .expect("mission id")
        .to_owned()
}

/// The id of the post of `acronym` titled `title` on 2010-06-01.
async fn post_id(app: &TestApp, acronym: &str, title: &str) -> String {
    let data = app
        .data(
            r#"query($a: String!) { mission(acronym: $a) { posts(asOf: "2010-06-01") { id title } } }"#,
            json!({ "a": acronym }),
        )
        .await;
    data["mission"]["posts"]
        .as_array()
        .expect("posts")
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("{acronym} has no post {title}"))["id"]
        .as_str()
        .expect("post id")
        .to_owned()
}

const TARGET: &str = "to { __typename ... on Post { title } ... on Organization { code } }";

/// The names of the steps' targets (a post's title, an organisation's code).
fn targets(steps: &Value) -> Vec<String> {
    steps
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            let to = &s["to"];
            to["title"]
                .as_str()
                .or(to["code"].as_str())
                .expect("target")
                .to_owned()
        })
        .collect()
}

const SRSG: &str = "Special Representative of the Secretary-General (Head of Mission)";
const HEADQUARTERS: [&str; 3] = [
    "Under-Secretary-General for Peacekeeping Operations",
    "Secretary-General of the United Nations",
    "UNSC",
];

/// The LINE chains from a post, as the names of their targets.
async fn line_chains(app: &TestApp, post: &str) -> Vec<Vec<String>> {
    let data = app
        .data(
            &format!(
                r#"query($p: ID!) {{ reportingChain(post: $p, kinds: [LINE], asOf: "2010-06-01") {{
                    chains {{ kind end steps {{ {TARGET} }} }}
                }} }}"#
            ),
            json!({ "p": post }),
        )
        .await;
    data["reportingChain"]["chains"]
        .as_array()
        .expect("chains")
        .iter()
        .map(|c| {
            assert_eq!(c["kind"], "LINE");
            targets(&c["steps"])
        })
        .collect()
}

async fn chains_and_escalation_scenario(app: &TestApp) {
    // A field post, a JMAC post, a civil affairs post: each LINE chain runs through the Head of
    // Mission and UN Headquarters to the Security Council [004 ¶12; 002 template J ¶29].
    for (title, below_srsg) in [
        ("Head of Office, North Kivu", vec![]),
        (
            "Information Analyst",
            vec!["Chief, Joint Mission Analysis Cell", "Chief of Staff"],
        ),
        (
            "Civil Affairs Coordinator",
            vec![
                "Chief, Civil Affairs Section",
                "Deputy Special Representative of the Secretary-General, Resident Coordinator and Humanitarian Coordinator",
            ],
        ),
        (
            "Director, Human Rights Division",
            vec!["Deputy Special Representative of the Secretary-General (Rule of Law)"],
        ),
    ] {
        let post = post_id(app, "MONUC", title).await;
        let mut expected: Vec<String> = below_srsg.iter().map(|s| s.to_string()).collect();
        expected.push(SRSG.to_owned());
        expected.extend(HEADQUARTERS.iter().map(|s| s.to_string()));
        assert_eq!(line_chains(app, &post).await, vec![expected], "{title}");
    }

    // The Director of Human Rights also has a functional line to the High Commissioner.
    let director = post_id(app, "MONUC", "Director, Human Rights Division").await;
    let data = app
        .data(
            &format!(
                r#"query($p: ID!) {{ reportingChain(post: $p, kinds: [FUNCTIONAL], asOf: "2010-06-01") {{
                    chains {{ steps {{ {TARGET} }} }}
                }} }}"#
            ),
            json!({ "p": director }),
        )
        .await;
    assert_eq!(
        targets(&data["reportingChain"]["chains"][0]["steps"]),
        ["United Nations High Commissioner for Human Rights"]
    );

    // Escalation: the Force Commander's decision on the use of force escalates through the
    // Head of Mission to Headquarters and the Council; MONUC's Head of Mission decides to
    // raise a crisis, Headquarters and the Council are informed [004 ¶12].
    let monusco = mission_id(app, "MONUC").await;
    let escalation = |area: &'static str| {
        let monusco = monusco.clone();
        async move {
            app.data(
                &format!(
                    r#"query($m: ID!, $area: String!) {{ whoDecides(mission: $m, area: $area, asOf: "2010-06-01") {{
                        groups {{ kind holders {{
                            holder {{ ... on Post {{ title }} ... on Organization {{ code }} }}
                            escalation {{ end steps {{ {TARGET} }} }}
                        }} }}
                    }} }}"#
                ),
                json!({ "m": monusco, "area": area }),
            )
            .await["whoDecides"]["groups"]
                .clone()
        }
    };
    let force = escalation("USE_OF_FORCE").await;
    let fc = force[0]["holders"]
        .as_array()
        .expect("deciders")
        .iter()
        .find(|h| h["holder"]["title"] == "Force Commander")
        .expect("the Force Commander decides")
        .clone();
    let mut up = vec![SRSG.to_owned()];
    up.extend(HEADQUARTERS.iter().map(|s| s.to_string()));
    assert_eq!(targets(&fc["escalation"][0]["steps"]), up);
    assert_eq!(fc["escalation"][0]["end"], "ORGANIZATION");

    let raise = escalation("ESCALATION").await;
    assert_eq!(raise[0]["kind"], "DECIDES");
    let srsg = raise[0]["holders"]
        .as_array()
        .expect("deciders")
        .iter()
        .find(|h| h["holder"]["title"] == SRSG)
        .expect("the Head of Mission decides to raise concerns")
        .clone();
    assert_eq!(targets(&srsg["escalation"][0]["steps"]), HEADQUARTERS);
    let informed: Vec<&str> = raise
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["kind"] == "INFORMED")
        .flat_map(|g| g["holders"].as_array().expect("holders"))
        .map(|h| h["holder"]["code"].as_str().expect("code"))
        .collect();
    assert_eq!(informed, ["DPKO", "UNSC"]);
}

async fn bridges_and_joint_decisions_scenario(app: &TestApp) {
    // Bridges stay in the mission's country: UNHCR chairs clusters in the DRC and in Côte
    // d'Ivoire, and bridges each mission to its own country's cluster only.
    for (acronym, country, cluster_forum) in [
        ("UNOCI", "CIV", "IDP Protection Cluster (Côte d'Ivoire)"),
        ("MONUC", "COD", "Protection Cluster (DRC, national)"),
    ] {
        let mission = mission_id(app, acronym).await;
        let bridges = app
            .data(
                r#"query($m: ID!) { bridges(mission: $m, asOf: "2010-06-01") {
                    actor { ... on Organization { code } ... on Component { name } }
                    clusterSeats { capacity forum { name cluster { countryCode } } }
                } }"#,
                json!({ "m": mission }),
            )
            .await["bridges"]
            .clone();
        let bridges = bridges.as_array().expect("bridges");
        assert!(!bridges.is_empty(), "{acronym} has bridges");
        for bridge in bridges {
            for seat in bridge["clusterSeats"].as_array().expect("seats") {
                assert_eq!(
                    seat["forum"]["cluster"]["countryCode"], country,
                    "{acronym}: {seat}"
                );
            }
        }
        let unhcr = bridges
            .iter()
            .find(|b| b["actor"]["code"] == "UNHCR")
            .expect("UNHCR bridges the mission and the cluster");
        assert!(unhcr["clusterSeats"]
            .as_array()
            .expect("seats")
            .iter()
            .any(|s| s["capacity"] == "CHAIR" && s["forum"]["name"] == cluster_forum));
    }

    // The country's cluster lead is one agreement of three agencies under the HC/RC [001 fn4].
    for acronym in ["UNOCI", "MONUC"] {
        let mission = mission_id(app, acronym).await;
        let answer = app
            .data(
                r#"query($m: ID!) {
                    whoDecides(mission: $m, area: "CLUSTER_LEAD_DESIGNATION", asOf: "2010-06-01") {
                        holders(kind: DECIDES) {
                            scope jointDecision
                            parties { holder { ... on Organization { code } } right { jointDecision } }
                            sources { locator }
                        }
                    }
                    governanceGaps(mission: $m, asOf: "2010-06-01") { code records { __typename } }
                }"#,
                json!({ "m": mission }),
            )
            .await;
        let joint: Vec<&Value> = answer["whoDecides"]["holders"]
            .as_array()
            .expect("deciders")
            .iter()
            .filter(|h| !h["jointDecision"].is_null())
            .collect();
        assert_eq!(joint.len(), 1, "{acronym}: one joint decision");
        let joint = joint[0];
        assert_eq!(joint["jointDecision"], "COUNTRY_LEAD_AGREEMENT");
        let parties: BTreeSet<&str> = joint["parties"]
            .as_array()
            .expect("parties")
            .iter()
            .map(|p| {
                assert_eq!(p["right"]["jointDecision"], "COUNTRY_LEAD_AGREEMENT");
                p["holder"]["code"].as_str().expect("party")
            })
            .collect();
        assert_eq!(parties, BTreeSet::from(["OHCHR", "UNHCR", "UNICEF"]));
        assert!(joint["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .any(|s| s["locator"] == "fn4"));
        // No agency decides on its own on the country scope.
        assert!(answer["whoDecides"]["holders"]
            .as_array()
            .expect("deciders")
            .iter()
            .all(|h| h["parties"].as_array().is_some_and(|p| !p.is_empty())
                || h["scope"] != joint["scope"]));
        assert!(
            !answer["governanceGaps"]
                .as_array()
                .expect("gaps")
                .iter()
                .any(|g| g["code"] == "AREA_WITH_SEVERAL_DECIDERS"),
            "{acronym}: {:#}",
            answer["governanceGaps"]
        );
    }
}

/// The gap of each post of `mission` that holds a right, on `on`: post title → (code, severity).
async fn post_gaps(app: &TestApp, mission: &str, on: &str) -> BTreeMap<String, (String, String)> {
    let data = app
        .data(
            r#"query($m: ID!, $on: Date) { governanceGaps(mission: $m, asOf: $on) {
                code severity records { __typename ... on Post { title } }
            } }"#,
            json!({ "m": mission, "on": on }),
        )
        .await;
    data["governanceGaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .filter(|g| g["records"][0]["__typename"] == "Post")
        .map(|g| {
            (
                g["records"][0]["title"].as_str().expect("title").to_owned(),
                (
                    g["code"].as_str().expect("code").to_owned(),
                    g["severity"].as_str().expect("severity").to_owned(),
                ),
            )
        })
        .collect()
}

/// Records an illustrative holder of `acronym`'s Force Commander post from 2008 until
/// 2010-01-01, person and assignment at `sensitivity`.
async fn record_force_commander_until_2010(app: &TestApp, acronym: &str, sensitivity: &str) {
    let commander = post_id(app, acronym, "Force Commander").await;
    let person = app
        .data(
            r#"mutation($s: Sensitivity!) { createPerson(input: { fullName: "Force Commander (illustrative)", sensitivity: $s }) { id } }"#,
            json!({ "s": sensitivity }),
        )
        .await["createPerson"]["id"]
        .clone();
    app.data(
        r#"mutation($person: ID!, $post: ID!, $s: Sensitivity!) {
            assignPerson(input: { personId: $person, postId: $post, validFrom: "2008-01-01", validTo: "2010-01-01", sensitivity: $s }) { id }
        }"#,
        json!({ "person": person, "post": commander, "s": sensitivity }),
    )
    .await;
}

async fn vacancy_scenario(app: &TestApp) {
    let monusco = mission_id(app, "MONUC").await;
    let unknown = || ("POST_HOLDER_NOT_RECORDED".to_owned(), "LOW".to_owned());
    // The demo records no holders: posts holding rights are gaps in the records, not vacancies.
    let before = post_gaps(app, &monusco, "2010-06-01").await;
    assert_eq!(before.get("Force Commander"), Some(&unknown()));
    assert_eq!(before.get(SRSG), Some(&unknown()));
    assert!(
        before.values().all(|g| *g == unknown()),
        "no vacancy is recorded: {before:?}"
    );

    // A Force Commander recorded until 2010-01-01: vacant from then on, a HIGH gap (the post
    // decides on the use of force); while held, no gap.
    record_force_commander_until_2010(app, "MONUC", "PUBLIC").await;
    let after = post_gaps(app, &monusco, "2010-06-01").await;
    assert_eq!(
        after.get("Force Commander"),
        Some(&("VACANT_POST_HOLDS_RIGHT".to_owned(), "HIGH".to_owned()))
    );
    assert_eq!(after.get(SRSG), Some(&unknown()), "other posts unchanged");
    let held = post_gaps(app, &monusco, "2009-06-01").await;
    assert_eq!(held.get("Force Commander"), None);

    // whoDecides tells the two apart as well.
    let occupancy = app
        .data(
            r#"query($m: ID!) { whoDecides(mission: $m, area: "USE_OF_FORCE", asOf: "2010-06-01") {
                holders(kind: DECIDES) { exercisedBy { post { title } vacant holderRecorded } }
            } }"#,
            json!({ "m": monusco }),
        )
        .await;
    let by_post: BTreeMap<String, (bool, bool)> = occupancy["whoDecides"]["holders"]
        .as_array()
        .expect("holders")
        .iter()
        .flat_map(|h| h["exercisedBy"].as_array().expect("posts").clone())
        .map(|o| {
            (
                o["post"]["title"].as_str().expect("title").to_owned(),
                (
                    o["vacant"].as_bool().expect("vacant"),
                    o["holderRecorded"].as_bool().expect("recorded"),
                ),
            )
        })
        .collect();
    assert_eq!(by_post.get("Force Commander"), Some(&(true, true)));
    assert_eq!(
        by_post.get("Police Commissioner (Head of Police Component)"),
        Some(&(true, false))
    );
}

both_backends!(
    demo_chains_reach_the_security_council_and_escalation_goes_through_headquarters,
    |app| async move {
        load(&app).await;
        chains_and_escalation_scenario(&app).await;
    }
);

both_backends!(
    demo_bridges_stay_in_the_country_and_the_cluster_lead_is_one_joint_decision,
    |app| async move {
        load(&app).await;
        bridges_and_joint_decisions_scenario(&app).await;
    }
);

both_backends!(
    demo_gaps_tell_a_post_with_no_recorded_holder_from_a_recorded_vacancy,
    |app| async move {
        load(&app).await;
        vacancy_scenario(&app).await;
    }
);

/// A request as `role`, whose clearance decides what it sees.
async fn data_as(app: &TestApp, role: &str, query: &str, variables: Value) -> Value {
    let token = format!("Bearer {}", user_token(role, role, &[], &[]));
    let body = app.graphql_as(Some(&token), query, variables).await;
    assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
    body["data"].clone()
}

async fn hidden_records_scenario(app: &TestApp) {
    let unoci = mission_id(app, "UNOCI").await;
    let structure = app
        .data(
            r#"query($m: ID!) { node(id: $m) { ... on Mission {
                components(asOf: "2010-06-01") { id name }
                forums(asOf: "2010-06-01") { name geographicArea { id } }
            } } }"#,
            json!({ "m": unoci }),
        )
        .await["node"]
        .clone();
    let division = structure["components"]
        .as_array()
        .expect("components")
        .iter()
        .find(|c| c["name"] == "Human Rights Division")
        .expect("UNOCI's Human Rights Division")["id"]
        .clone();
    let country = structure["forums"]
        .as_array()
        .expect("forums")
        .iter()
        .find(|f| f["name"] == "Protection network (Côte d'Ivoire)")
        .expect("the OCHA network is among UNOCI's forums")["geographicArea"]["id"]
        .clone();

    // A country forum the division sits in through a CONFIDENTIAL seat, and a CONFIDENTIAL
    // forum it sits in.
    for (name, forum_sensitivity) in [
        ("Contact group (Côte d'Ivoire)", "PUBLIC"),
        ("Confidential contact group (Côte d'Ivoire)", "CONFIDENTIAL"),
    ] {
        let forum = app
            .data(
                r#"mutation($name: String!, $area: ID!, $s: Sensitivity!) {
                    createForum(input: { name: $name, kind: OTHER, level: MISSION_HQ, geographicAreaId: $area, validFrom: "2008-01-01", sensitivity: $s }) { id }
                }"#,
                json!({ "name": name, "area": country, "s": forum_sensitivity }),
            )
            .await["createForum"]["id"]
            .clone();
        app.data(
            r#"mutation($f: ID!, $c: ID!) {
                addForumMembership(input: { forumId: $f, memberComponentId: $c, capacity: MEMBER, validFrom: "2008-01-01", sensitivity: CONFIDENTIAL }) { id }
            }"#,
            json!({ "f": forum, "c": division }),
        )
        .await;
    }

    // A fourth party to the joint decision on the cluster lead, CONFIDENTIAL.
    let area = app
        .data(
            r#"{ decisionArea(code: "CLUSTER_LEAD_DESIGNATION") { id } organization(code: "UNFPA") { id } }"#,
            json!({}),
        )
        .await;
    app.data(
        r#"mutation($area: ID!, $org: ID!) {
            grantDecisionRight(input: {
                decisionAreaId: $area, holderOrganizationId: $org, kind: DECIDES,
                scope: "the country-level lead, agreed among UNHCR, UNICEF and OHCHR under the HC/RC's overall leadership",
                jointDecision: "country_lead_agreement", validFrom: "2006-01-01", sensitivity: CONFIDENTIAL
            }) { jointDecision }
        }"#,
        json!({ "area": area["decisionArea"]["id"], "org": area["organization"]["id"] }),
    )
    .await;

    // UNOCI's Force Commander held until 2010, through a CONFIDENTIAL assignment.
    record_force_commander_until_2010(app, "UNOCI", "CONFIDENTIAL").await;

    const QUERY: &str = r#"query($m: ID!) {
        node(id: $m) { ... on Mission { forums(asOf: "2010-06-01") { name } } }
        whoDecides(mission: $m, area: "CLUSTER_LEAD_DESIGNATION", asOf: "2010-06-01") {
            holders(kind: DECIDES) { parties { holder { ... on Organization { code } } } }
        }
        governanceGaps(mission: $m, asOf: "2010-06-01") { code records { ... on Post { title } } }
    }"#;
    let seen = |data: &Value| -> (Vec<String>, BTreeSet<String>, Option<String>) {
        let forums = data["node"]["forums"]
            .as_array()
            .expect("forums")
            .iter()
            .map(|f| f["name"].as_str().expect("name").to_owned())
            .collect();
        let parties = data["whoDecides"]["holders"]
            .as_array()
            .expect("holders")
            .iter()
            .flat_map(|h| h["parties"].as_array().expect("parties").clone())
            .map(|p| p["holder"]["code"].as_str().expect("code").to_owned())
            .collect();
        let commander = data["governanceGaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .find(|g| g["records"][0]["title"] == "Force Commander")
            .map(|g| g["code"].as_str().expect("code").to_owned());
        (forums, parties, commander)
    };

    let (forums, parties, commander) =
        seen(&data_as(app, "ANALYST", QUERY, json!({ "m": unoci })).await);
    assert_eq!(
        forums,
        [
            "POC Working Group (UNOCI)",
            "Protection network (Côte d'Ivoire)",
            "Contact group (Côte d'Ivoire)",
            "Confidential contact group (Côte d'Ivoire)",
        ]
    );
    assert_eq!(
        parties,
        BTreeSet::from(["OHCHR", "UNFPA", "UNHCR", "UNICEF"].map(String::from))
    );
    assert_eq!(commander.as_deref(), Some("VACANT_POST_HOLDS_RIGHT"));

    // A viewer (cleared for INTERNAL) sees neither the hidden seat nor the hidden forum, nor the
    // hidden party, nor the hidden holder: the post answers as one whose holder was never
    // recorded.
    let (forums, parties, commander) =
        seen(&data_as(app, "VIEWER", QUERY, json!({ "m": unoci })).await);
    assert_eq!(
        forums,
        [
            "POC Working Group (UNOCI)",
            "Protection network (Côte d'Ivoire)"
        ]
    );
    assert_eq!(
        parties,
        BTreeSet::from(["OHCHR", "UNHCR", "UNICEF"].map(String::from))
    );
    assert_eq!(commander.as_deref(), Some("POST_HOLDER_NOT_RECORDED"));
}

both_backends!(
    demo_forums_parties_and_holders_hidden_from_a_caller_answer_as_absent,
    |app| async move {
        load(&app).await;
        hidden_records_scenario(&app).await;
    }
);
