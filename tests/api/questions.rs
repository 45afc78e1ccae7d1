//! The README's "The ten questions, answered on the demo": each of the ten analysts' questions has
//! a query there. Every query runs anonymously against the demo dataset, within the anonymous
//! budget, and its answer holds the fact of the seed paragraph the README cites.

use std::collections::{BTreeMap, BTreeSet};

use coordmap_api::seed::{self, Outcome};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};

/// The heading of the README's section of the ten questions.
const SECTION: &str = "\n## The ten questions, answered on the demo\n";

/// The GraphQL blocks of the README's section of the ten questions: the id lookup of its
/// preface, then one query per numbered question, by number.
fn document() -> (String, BTreeMap<u32, String>) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = text
        .find(SECTION)
        .expect("the README's section of the ten questions")
        + SECTION.len();
    let section = &text[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let first_block = |section: &str| -> Option<String> {
        let start = section.find("```graphql\n")? + "```graphql\n".len();
        let end = start + section[start..].find("```")?;
        Some(section[start..end].to_owned())
    };
    let mut sections = section.split("\n### ");
    let preface = sections.next().expect("a preface");
    let lookup = first_block(preface).expect("the preface's id lookup");
    let questions = sections
        .map(|section| {
            let number: u32 = section
                .split('.')
                .next()
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("a numbered question: {section:.40}"));
            let query =
                first_block(section).unwrap_or_else(|| panic!("question {number} has a query"));
            (number, query)
        })
        .collect();
    (lookup, questions)
}

/// Runs `query` as an anonymous caller; it must answer without errors.
async fn anonymous(app: &TestApp, query: &str, variables: Value) -> Value {
    let body = app.graphql_as(None, query, variables).await;
    assert!(body.get("errors").is_none(), "{query}\n{body:#}");
    body["data"].clone()
}

fn strings<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|v| v[field].as_str().unwrap_or_default())
        .collect()
}

/// A post's title or an organisation's code.
fn name(value: &Value) -> &str {
    value["title"]
        .as_str()
        .or(value["code"].as_str())
        .or(value["name"].as_str())
        .unwrap_or_default()
}

const SRSG: &str = "Special Representative of the Secretary-General (Head of Mission)";
const UP: [&str; 3] = [
    "Under-Secretary-General for Peacekeeping Operations",
    "Secretary-General of the United Nations",
    "UNSC",
];

async fn scenario(app: TestApp) {
    match seed::load_demo(app.db()).await.expect("the demo loads") {
        Outcome::Loaded(_) => {}
        Outcome::AlreadyLoaded => panic!("a fresh database"),
    }
    let (lookup, questions) = document();
    assert_eq!(
        questions.keys().copied().collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    let found = anonymous(&app, &lookup, json!({})).await;
    let mission = found["mission"]["id"].clone();
    let post = |title: &str| {
        found["mission"]["posts"]
            .as_array()
            .expect("posts")
            .iter()
            .find(|p| p["title"] == title)
            .unwrap_or_else(|| panic!("no post {title}"))["id"]
            .clone()
    };
    let vars = json!({ "mission": mission, "post": post("Head of Office, North Kivu") });
    let ask = |n: u32| {
        let query = questions[&n].clone();
        let app = &app;
        let vars = vars.clone();
        async move {
            // Only the variables the query declares.
            let declared: serde_json::Map<String, Value> = vars
                .as_object()
                .expect("variables")
                .iter()
                .filter(|(k, _)| query.contains(&format!("${k}:")))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            anonymous(app, &query, Value::Object(declared)).await
        }
    };

    // 1. The Head of Mission decides, not delegable; implementation is delegated through the
    //    DSRSGs; the cluster is consulted and informed; decisions escalate to the Council.
    let a = ask(1).await["whoDecides"].clone();
    let group = |kind: &str| -> Vec<Value> {
        a["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["kind"] == kind)
            .map(|g| g["holders"].as_array().expect("holders").clone())
            .unwrap_or_default()
    };
    assert!(group("DECIDES")
        .iter()
        .all(|h| h["holder"]["title"] == SRSG));
    let delegated = group("EXECUTES");
    assert_eq!(delegated.len(), 2);
    for h in &delegated {
        let path = strings(&h["path"], "explanation");
        assert!(
            path[1].starts_with(&format!(
                "Delegated by {SRSG}: Deputy Special Representative"
            )),
            "{path:?}"
        );
    }
    for kind in ["CONSULTED", "INFORMED"] {
        assert!(group(kind)
            .iter()
            .any(|h| h["holder"]["name"] == "Protection Cluster (DRC, national)"));
    }
    for decision in a["escalation"].as_array().expect("escalation") {
        let steps: Vec<&str> = decision["escalation"][0]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| name(&s["to"]))
            .collect();
        assert_eq!(steps, UP);
    }

    // 2. From the field office to the Security Council.
    let a = ask(2).await["reportingChain"].clone();
    assert_eq!(a["start"]["title"], "Head of Office, North Kivu");
    assert_eq!(a["chains"].as_array().expect("chains").len(), 1);
    let chain = &a["chains"][0];
    assert_eq!(
        (&chain["kind"], &chain["end"]),
        (&json!("LINE"), &json!("ORGANIZATION"))
    );
    let steps: Vec<&str> = chain["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| name(&s["to"]))
        .collect();
    assert_eq!(steps, [SRSG, UP[0], UP[1], UP[2]]);

    // 3. Human rights and child protection under the DSRSG Rule of Law, civil affairs under the
    //    DSRSG/RC/HC.
    let a = ask(3).await;
    let placed: BTreeMap<&str, Vec<&str>> = a["integrationProfile"]["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| {
            (
                c["component"]["name"].as_str().expect("name"),
                strings(&c["dsrsgPosts"], "title"),
            )
        })
        .collect();
    let rol = "Deputy Special Representative of the Secretary-General (Rule of Law)";
    assert_eq!(placed["Human Rights Division"], [rol]);
    assert_eq!(placed["Child Protection Section"], [rol]);
    assert_eq!(
        placed["Civil Affairs Section"],
        ["Deputy Special Representative of the Secretary-General, Resident Coordinator and Humanitarian Coordinator"]
    );

    // 4. Structurally integrated through the triple-hatted DSRSG/RC/HC.
    let a = ask(4).await["integrationProfile"].clone();
    assert_eq!(a["structurallyIntegrated"]["value"], true);
    let hats: BTreeSet<&str> = strings(&a["tripleHattedPosts"][0]["hats"], "hat")
        .into_iter()
        .collect();
    assert_eq!(
        hats,
        BTreeSet::from(["DSRSG", "RESIDENT_COORDINATOR", "HUMANITARIAN_COORDINATOR"])
    );

    // 5. Forums at each level; the cell reports to the Senior Management Group.
    let a = ask(5).await;
    let forums = a["mission"]["forums"].as_array().expect("forums");
    let by_name = |n: &str| {
        forums
            .iter()
            .find(|f| f["name"] == n)
            .unwrap_or_else(|| panic!("no forum {n}"))
    };
    let cell = by_name("Early Warning and Rapid Response Cell");
    assert_eq!(
        strings(&cell["reportsTo"], "name"),
        ["Senior Management Group on POC"]
    );
    assert_eq!(cell["chair"], Value::Null);
    assert_eq!(
        by_name("Joint Protection Teams")["chair"]["member"]["name"],
        "Civil Affairs Section"
    );
    assert_eq!(
        by_name("Protection Cluster (DRC, national)")["mission"],
        Value::Null
    );
    let levels: BTreeSet<&str> = strings(&a["mission"]["forums"], "level")
        .into_iter()
        .collect();
    assert!(levels.is_superset(&BTreeSet::from(["MISSION_HQ", "REGIONAL", "LOCAL"])));

    // 6. The ICRC observes the network in Côte d'Ivoire from June 2005.
    let a = ask(6).await;
    assert_eq!(a["organization"]["before"], json!([]));
    assert_eq!(a["organization"]["after"][0]["capacity"], "OBSERVER");
    assert_eq!(a["organization"]["after"][0]["validFrom"], "2005-06-01");
    assert!(a["unhcr"]["memberships"]
        .as_array()
        .expect("seats")
        .iter()
        .any(|m| m["capacity"] == "CHAIR"
            && m["forum"]["name"] == "IDP Protection Cluster (Côte d'Ivoire)"
            && m["validFrom"] == "2006-04-01"));

    // 7. The cluster lead and OCHA observe the mission's POC forum; UNHCR bridges it to the DRC
    //    cluster, and only to the DRC's.
    let a = ask(7).await;
    for agency in ["ocha", "unhcr"] {
        assert!(a[agency]["memberships"]
            .as_array()
            .expect("seats")
            .iter()
            .any(|m| m["capacity"] == "OBSERVER"
                && m["forum"]["name"] == "Senior Management Group on POC"));
    }
    let unhcr = a["bridges"]
        .as_array()
        .expect("bridges")
        .iter()
        .find(|b| b["actor"]["code"] == "UNHCR")
        .expect("UNHCR bridges");
    let cluster_side: Vec<&str> = unhcr["clusterSeats"]
        .as_array()
        .expect("seats")
        .iter()
        .map(|s| s["forum"]["name"].as_str().expect("forum"))
        .collect();
    assert_eq!(
        cluster_side,
        [
            "Protection Cluster (DRC, national)",
            "Protection Cluster (North Kivu)"
        ]
    );

    // 8. The DRC cluster's four AoRs, their leads and counterparts.
    let a = ask(8).await["cluster"].clone();
    let aors: BTreeMap<&str, (&str, &str)> = a["areasOfResponsibility"]
        .as_array()
        .expect("aors")
        .iter()
        .map(|r| {
            (
                r["theme"].as_str().expect("theme"),
                (
                    r["leadAgencies"][0]["organization"]["code"]
                        .as_str()
                        .expect("lead"),
                    r["counterpartComponent"]["name"].as_str().unwrap_or("-"),
                ),
            )
        })
        .collect();
    assert_eq!(
        aors["CHILD_PROTECTION"],
        ("UNICEF", "Child Protection Section")
    );
    assert_eq!(
        aors["GENDER_BASED_VIOLENCE"],
        ("UNFPA", "Human Rights Division")
    );
    assert_eq!(aors.len(), 4);

    // 9. The chairless cell, and posts whose holders are not recorded (not called vacant).
    let a = ask(9).await;
    let gaps = a["governanceGaps"].as_array().expect("gaps");
    assert!(gaps.iter().any(|g| g["code"] == "FORUM_WITHOUT_CHAIR"
        && g["message"]
            .as_str()
            .is_some_and(|m| m.contains("Early Warning and Rapid Response Cell"))));
    assert!(gaps.iter().any(|g| g["code"] == "POST_HOLDER_NOT_RECORDED"
        && g["severity"] == "LOW"
        && g["message"]
            .as_str()
            .is_some_and(|m| m.contains("Force Commander"))));
    assert!(!gaps.iter().any(|g| g["code"] == "VACANT_POST_HOLDS_RIGHT"));

    // 10. The network's subgroups appear in March and April 2006.
    let a = ask(10).await;
    assert_eq!(
        strings(&a["in2005"]["forums"], "name"),
        ["Protection network (Côte d'Ivoire)"]
    );
    assert_eq!(a["in2005"]["forums"][0]["subgroups"], json!([]));
    assert_eq!(
        strings(&a["in2006"]["forums"][0]["subgroups"], "validFrom"),
        ["2006-03-01", "2006-04-01"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_question_of_the_document_is_answered_on_the_demo_on_sqlite() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.auth.allow_anonymous = true)
        .await
        .expect("SQLite always runs");
    scenario(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_question_of_the_document_is_answered_on_the_demo_on_postgres() {
    if let Some(app) = spawn_app_with(Backend::Postgres, |s| s.auth.allow_anonymous = true).await {
        scenario(app).await;
    }
}
