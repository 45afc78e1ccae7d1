//! Which date an answer holds on when no `asOf` is given: today, except for a record that has
//! ended. A closed mission's relations, and the analyses of it, answer on its last day and say
//! so; an explicit `asOf` still wins; an open mission still answers today.

use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::in_process;

/// UNMIS closed on 9 July 2011 (the first day it no longer held).
const CLOSED: &str = "UNMIS";
const ENDED_ON: &str = "2011-07-09";
const LAST_DAY: &str = "2011-07-08";

const STRUCTURE: &str = r#"query($m: String!, $on: Date) {
  mission(acronym: $m) {
    defaultAsOf { date reason endedOn explanation }
    forums(asOf: $on) { name memberships { capacity member { __typename } } }
    components(asOf: $on) { name posts { title } }
    posts(asOf: $on) { title }
  }
}"#;

async fn structure(app: &TestApp, mission: &str, on: Option<&str>) -> Value {
    app.data(STRUCTURE, json!({ "m": mission, "on": on })).await["mission"].clone()
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect()
}

in_process!(
    a_closed_mission_answers_on_its_last_day_unless_a_date_is_asked,
    |app| async move {
        coordmap_api::seed::load_demo(app.db()).await.expect("demo");
        let default = structure(&app, CLOSED, None).await;
        assert_eq!(
            default["defaultAsOf"],
            json!({
                "date": LAST_DAY,
                "reason": "LAST_DAY",
                "endedOn": ENDED_ON,
                "explanation": "the mission closed on 2011-07-09: answered as of its last day, 2011-07-08; give asOf for another date",
            })
        );
        assert!(!names(&default["forums"]).is_empty(), "{default:#}");
        assert!(!names(&default["components"]).is_empty(), "{default:#}");
        // The forums of the closed mission ended with it: their seats too answer on their
        // last day.
        assert!(
            default["forums"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| !f["memberships"].as_array().unwrap().is_empty()),
            "{default:#}"
        );
        let on_last_day = structure(&app, CLOSED, Some(LAST_DAY)).await;
        for relation in ["forums", "components", "posts"] {
            assert_eq!(default[relation], on_last_day[relation], "{relation}");
        }
        // A date asked after the closure is answered as asked: nothing held then.
        let after = structure(&app, CLOSED, Some("2012-01-01")).await;
        for relation in ["forums", "components", "posts"] {
            assert_eq!(after[relation], json!([]), "{relation}");
        }
    }
);

in_process!(an_open_mission_still_answers_today, |app| async move {
    coordmap_api::seed::load_demo(app.db()).await.expect("demo");
    let today = chrono::Utc::now().date_naive().to_string();
    let default = structure(&app, "MONUC", None).await;
    assert_eq!(default["defaultAsOf"]["reason"], "TODAY");
    assert_eq!(default["defaultAsOf"]["date"], today.as_str());
    assert_eq!(default["defaultAsOf"]["endedOn"], Value::Null);
    let on_today = structure(&app, "MONUC", Some(&today)).await;
    assert!(!names(&default["forums"]).is_empty());
    for relation in ["forums", "components", "posts"] {
        assert_eq!(default[relation], on_today[relation], "{relation}");
    }
});

/// The analyses of a mission, each with its `effectiveDate` and what it found.
const ANALYSES: &str = r#"query($m: ID!, $on: Date) {
  integrationProfile(mission: $m, asOf: $on) {
    asOf effectiveDate { date reason endedOn }
    components { component { name } }
  }
  whoDecides(mission: $m, area: "POC_STRATEGY", asOf: $on) {
    asOf effectiveDate { date reason } applied
    groups { kind holders { holder { __typename } } }
  }
  governanceGaps(mission: $m, asOf: $on) { code effectiveDate { date reason } }
  stakeholderGraph(mission: $m, asOf: $on) { asOf effectiveDate { date reason } nodes { label } }
}"#;

/// The answers without their date basis, which differs between a date asked and a default.
fn without_basis(mut value: Value) -> Value {
    match &mut value {
        Value::Object(map) => {
            map.remove("effectiveDate");
            for v in map.values_mut() {
                *v = without_basis(v.take());
            }
        }
        Value::Array(items) => {
            for v in items.iter_mut() {
                *v = without_basis(v.take());
            }
        }
        _ => {}
    }
    value
}

in_process!(
    the_analyses_of_a_closed_mission_answer_on_its_last_day_and_say_so,
    |app| async move {
        coordmap_api::seed::load_demo(app.db()).await.expect("demo");
        let default = app.data(ANALYSES, json!({ "m": CLOSED })).await;
        let asked = app
            .data(ANALYSES, json!({ "m": CLOSED, "on": LAST_DAY }))
            .await;
        let profile = &default["integrationProfile"];
        assert_eq!(profile["asOf"], LAST_DAY);
        assert_eq!(
            profile["effectiveDate"],
            json!({ "date": LAST_DAY, "reason": "LAST_DAY", "endedOn": ENDED_ON })
        );
        assert!(!profile["components"].as_array().unwrap().is_empty());
        assert_eq!(default["whoDecides"]["asOf"], LAST_DAY);
        assert_eq!(default["whoDecides"]["effectiveDate"]["reason"], "LAST_DAY");
        assert_eq!(default["stakeholderGraph"]["asOf"], LAST_DAY);
        assert_eq!(
            default["stakeholderGraph"]["effectiveDate"]["reason"],
            "LAST_DAY"
        );
        assert!(!default["stakeholderGraph"]["nodes"]
            .as_array()
            .unwrap()
            .is_empty());
        for gap in default["governanceGaps"].as_array().unwrap() {
            assert_eq!(
                gap["effectiveDate"],
                json!({ "date": LAST_DAY, "reason": "LAST_DAY" })
            );
        }
        assert_eq!(
            asked["integrationProfile"]["effectiveDate"]["reason"],
            "ASKED"
        );
        assert_eq!(asked["whoDecides"]["effectiveDate"]["reason"], "ASKED");
        // The same answer as asked for the last day.
        assert_eq!(without_basis(default), without_basis(asked));

        // After the closure, as asked: nothing held.
        let after = app
            .data(ANALYSES, json!({ "m": CLOSED, "on": "2012-01-01" }))
            .await;
        assert_eq!(after["integrationProfile"]["components"], json!([]));
        assert_eq!(after["whoDecides"]["effectiveDate"]["reason"], "ASKED");

        // An open mission: today.
        let open = app.data(ANALYSES, json!({ "m": "MONUSCO" })).await;
        let today = chrono::Utc::now().date_naive().to_string();
        assert_eq!(
            open["integrationProfile"]["effectiveDate"],
            json!({ "date": today, "reason": "TODAY", "endedOn": null })
        );
    }
);
