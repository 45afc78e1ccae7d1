//! Every analysis argument that names a record takes its ID or its natural key (a mission's
//! acronym, current or former; an organisation's, cluster's or decision area's code), through
//! one resolver: a table of inputs with the exact answer each gives, for an anonymous caller and
//! an administrator, on the demo dataset with a few records raised above anonymous clearance.
//! A hidden record's key or ID answers exactly as an unknown one.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::TestApp;
use crate::hidden::{gid, set_level};

/// What an input must give.
#[derive(Debug, Clone)]
enum Expect {
    /// An answer, equal to every other answer of the case in the same group.
    Found(&'static str),
    /// This error: code, `extensions.field` (empty: none) and message.
    Error(&'static str, &'static str, &'static str),
    /// Exactly the answer (data and errors) of the input with this label.
    SameAs(&'static str),
}

/// One input: a label, the value, and what it gives anonymously and as an administrator.
struct Input {
    label: &'static str,
    value: Value,
    anonymous: Expect,
    admin: Expect,
}

fn input(label: &'static str, value: Value, both: Expect) -> Input {
    Input {
        label,
        value,
        anonymous: both.clone(),
        admin: both,
    }
}

/// A record the anonymous caller may not see: unknown to it, found by an administrator.
fn hidden(label: &'static str, value: Value, like: &'static str, group: &'static str) -> Input {
    Input {
        label,
        value,
        anonymous: Expect::SameAs(like),
        admin: Expect::Found(group),
    }
}

/// The answer without its cost report.
fn answer(mut body: Value) -> Value {
    if let Some(extensions) = body.get_mut("extensions").and_then(Value::as_object_mut) {
        extensions.remove("cost");
    }
    body
}

/// Runs `query` (with the input as `$v`) for every input and caller, checking each answer.
async fn check(app: &TestApp, query: &str, inputs: &[Input]) {
    for (caller, authorization) in [("anonymous", None), ("ADMIN", Some(app.admin.as_str()))] {
        let mut answers: HashMap<&str, Value> = HashMap::new();
        let mut groups: HashMap<&str, (&str, Value)> = HashMap::new();
        for input in inputs {
            let body = answer(
                app.graphql_as(authorization, query, json!({ "v": input.value }))
                    .await,
            );
            let expect = if authorization.is_some() {
                &input.admin
            } else {
                &input.anonymous
            };
            let at = format!("{caller}, {} ({}): {query}", input.label, input.value);
            match expect {
                Expect::Found(group) => {
                    assert!(body.get("errors").is_none(), "{at}\n{body:#}");
                    assert!(body["data"].is_object(), "{at}\n{body:#}");
                    match groups.get(group) {
                        Some((first, same)) => {
                            assert_eq!(&body, same, "{at}: differs from {first}")
                        }
                        None => {
                            groups.insert(group, (input.label, body.clone()));
                        }
                    }
                }
                Expect::Error(code, field, message) => {
                    let error = &body["errors"][0];
                    assert_eq!(error["extensions"]["code"], *code, "{at}\n{body:#}");
                    assert_eq!(error["message"], *message, "{at}");
                    assert_eq!(
                        error["extensions"]["field"].as_str().unwrap_or(""),
                        *field,
                        "{at}"
                    );
                    assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{at}");
                }
                Expect::SameAs(label) => {
                    let like = answers
                        .get(label)
                        .unwrap_or_else(|| panic!("{at}: `{label}` comes first"));
                    assert_eq!(
                        &crate::helpers::without_request_ids(&body),
                        like,
                        "{at}: not answered as {label}"
                    );
                }
            }
            answers.insert(input.label, crate::helpers::without_request_ids(&body));
        }
    }
}

/// The global ID of the demo record `query` finds, as an administrator.
async fn id_of(app: &TestApp, query: &str) -> Value {
    let data = app.data(query, json!({})).await;
    let found = data
        .as_object()
        .and_then(|o| o.values().next())
        .expect("one root field");
    found["id"].clone()
}

/// An ID of `kind` that names nothing.
fn unknown(kind: &str) -> Value {
    json!(gid(kind, uuid::Uuid::now_v7()))
}

const NOT_A_MISSION: &str = "no mission has this ID or acronym";

/// The analyses taking a mission, each asked for something that says which mission it read.
const MISSION_ANALYSES: &[&str] = &[
    "query($v: ID!) { whoDecides(mission: $v, area: \"USE_OF_FORCE\", asOf: \"2009-06-01\") { mission { acronym } applied } }",
    "query($v: ID!) { integrationProfile(mission: $v, asOf: \"2009-06-01\") { mission { acronym } asOf } }",
    "query($v: ID!) { governanceGaps(mission: $v, asOf: \"2009-06-01\") { code message } }",
    "query($v: ID!) { bridges(mission: $v, asOf: \"2009-06-01\") { actor { __typename } } }",
    "query($v: ID) { stakeholderGraph(mission: $v, asOf: \"2009-06-01\") { nodes { label } } }",
    "query($v: ID!) { changesBetween(mission: $v, from: \"2009-01-01\", to: \"2011-01-01\") { mission { acronym } changes { description } } }",
];

both_backends!(
    every_analysis_takes_a_mission_by_id_or_acronym_and_a_hidden_one_answers_as_an_unknown_one,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        coordmap_api::seed::load_demo(app.db()).await.expect("demo");
        let monusco = id_of(&app, "{ mission(acronym: \"MONUSCO\") { id } }").await;
        let unama = id_of(&app, "{ mission(acronym: \"UNAMA\") { id } }").await;
        let unhcr = id_of(&app, "{ organization(code: \"UNHCR\") { id } }").await;
        set_level(
            app.db(),
            "Mission",
            crate::clusters::uuid_of(&unama),
            "INTERNAL",
        )
        .await;
        let inputs = vec![
            input("ID", monusco.clone(), Expect::Found("MONUSCO")),
            input("acronym", json!("MONUSCO"), Expect::Found("MONUSCO")),
            input("former acronym", json!("MONUC"), Expect::Found("MONUSCO")),
            input("lower case", json!("monuc"), Expect::Found("MONUSCO")),
            input("padded", json!("  MONUC "), Expect::Found("MONUSCO")),
            input("unknown acronym", json!("NOPE"), Expect::Error("NOT_FOUND", "", NOT_A_MISSION)),
            input("unknown ID", unknown("Mission"), Expect::Error("NOT_FOUND", "", NOT_A_MISSION)),
            hidden("hidden acronym", json!("UNAMA"), "unknown acronym", "UNAMA"),
            hidden("hidden acronym, lower case", json!("unama"), "unknown acronym", "UNAMA"),
            hidden("hidden ID", unama.clone(), "unknown ID", "UNAMA"),
            input(
                "empty",
                json!(""),
                Expect::Error(
                    "BAD_USER_INPUT",
                    "mission",
                    "`mission` is empty: give the mission's ID or acronym",
                ),
            ),
            input(
                "blank",
                json!("   "),
                Expect::Error(
                    "BAD_USER_INPUT",
                    "mission",
                    "`mission` is empty: give the mission's ID or acronym",
                ),
            ),
            input(
                "ID of another kind",
                unhcr.clone(),
                Expect::Error(
                    "BAD_USER_INPUT",
                    "mission",
                    "`mission` must identify a record of type Mission, but identifies one of type Organization",
                ),
            ),
        ];
        for query in MISSION_ANALYSES {
            check(&app, query, &inputs).await;
        }
        // The acronym reached the mission the ID names.
        let by_acronym = app.data(MISSION_ANALYSES[0], json!({ "v": "monuc" })).await;
        assert_eq!(by_acronym["whoDecides"]["mission"]["acronym"], "MONUSCO");
        assert_eq!(by_acronym["whoDecides"]["applied"], "MISSION");
    }
);

both_backends!(
    decision_areas_clusters_and_organisations_are_taken_by_id_or_code,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        coordmap_api::seed::load_demo(app.db()).await.expect("demo");
        let monusco = id_of(&app, "{ mission(acronym: \"MONUSCO\") { id } }").await;
        let force = id_of(&app, "{ decisionArea(code: \"USE_OF_FORCE\") { id } }").await;
        let escalation = id_of(&app, "{ decisionArea(code: \"ESCALATION\") { id } }").await;
        let drc = id_of(&app, "{ cluster(code: \"PC-DRC\") { id } }").await;
        let gpc = id_of(&app, "{ cluster(code: \"GPC\") { id } }").await;
        let ocha = id_of(&app, "{ organization(code: \"OCHA\") { id } }").await;
        let unhcr = id_of(&app, "{ organization(code: \"UNHCR\") { id } }").await;
        for (kind, id) in [
            ("DecisionArea", &escalation),
            ("Cluster", &gpc),
            ("Organization", &unhcr),
        ] {
            set_level(app.db(), kind, crate::clusters::uuid_of(id), "INTERNAL").await;
        }

        // A decision area: its code (the argument stays a String) or its ID.
        let area = "query($v: String!) { whoDecides(mission: \"MONUC\", area: $v, asOf: \"2009-06-01\") { area { code } groups { kind } } }";
        let no_area = "no decision area has this ID or code";
        check(
            &app,
            area,
            &[
                input("code", json!("USE_OF_FORCE"), Expect::Found("force")),
                input("lower case", json!("use_of_force"), Expect::Found("force")),
                input("ID", force.clone(), Expect::Found("force")),
                input("unknown code", json!("NO_SUCH_AREA"), Expect::Error("NOT_FOUND", "", no_area)),
                input("unknown ID", unknown("DecisionArea"), Expect::Error("NOT_FOUND", "", no_area)),
                hidden("hidden code", json!("ESCALATION"), "unknown code", "escalation"),
                hidden("hidden ID", escalation.clone(), "unknown ID", "escalation"),
                input(
                    "empty",
                    json!(""),
                    Expect::Error(
                        "BAD_USER_INPUT",
                        "area",
                        "`area` is empty: give the decision area's ID or code",
                    ),
                ),
                input(
                    "ID of another kind",
                    monusco.clone(),
                    Expect::Error(
                        "BAD_USER_INPUT",
                        "area",
                        "`area` must identify a record of type DecisionArea, but identifies one of type Mission",
                    ),
                ),
            ],
        )
        .await;

        // A cluster, in `bridges`.
        let cluster = "query($v: ID) { bridges(mission: \"MONUC\", cluster: $v, asOf: \"2009-06-01\") { actor { __typename } clusterSeats { forum { name } } } }";
        let no_cluster = "no cluster has this ID or code";
        check(
            &app,
            cluster,
            &[
                input("code", json!("PC-DRC"), Expect::Found("drc")),
                input("lower case", json!("pc-drc"), Expect::Found("drc")),
                input("ID", drc.clone(), Expect::Found("drc")),
                input("unknown code", json!("PC-NOWHERE"), Expect::Error("NOT_FOUND", "", no_cluster)),
                input("unknown ID", unknown("Cluster"), Expect::Error("NOT_FOUND", "", no_cluster)),
                hidden("hidden code", json!("GPC"), "unknown code", "gpc"),
                hidden("hidden ID", gpc.clone(), "unknown ID", "gpc"),
                input(
                    "empty",
                    json!(""),
                    Expect::Error(
                        "BAD_USER_INPUT",
                        "cluster",
                        "`cluster` is empty: give the cluster's ID or code",
                    ),
                ),
                input(
                    "ID of another kind",
                    ocha.clone(),
                    Expect::Error(
                        "BAD_USER_INPUT",
                        "cluster",
                        "`cluster` must identify a record of type Cluster, but identifies one of type Organization",
                    ),
                ),
            ],
        )
        .await;

        // An organisation, in `commonForums` (which also takes components and posts by ID) and
        // in `forumMembershipHistory`.
        let no_org = "no organization has this ID or code";
        let organisation_inputs = |field: &'static str, empty: &'static str| {
            vec![
                input("code", json!("OCHA"), Expect::Found("ocha")),
                input("lower case", json!("ocha"), Expect::Found("ocha")),
                input("ID", ocha.clone(), Expect::Found("ocha")),
                input(
                    "unknown code",
                    json!("NO-SUCH-ORG"),
                    Expect::Error("NOT_FOUND", "", no_org),
                ),
                input(
                    "unknown ID",
                    unknown("Organization"),
                    Expect::Error("NOT_FOUND", "", no_org),
                ),
                hidden("hidden code", json!("UNHCR"), "unknown code", "unhcr"),
                hidden("hidden ID", unhcr.clone(), "unknown ID", "unhcr"),
                input(
                    "empty",
                    json!(""),
                    Expect::Error("BAD_USER_INPUT", field, empty),
                ),
            ]
        };
        let mut common =
            organisation_inputs("a", "`a` is empty: give the organization's ID or code");
        common.push(input(
            "ID of another kind",
            monusco.clone(),
            Expect::Error(
                "BAD_USER_INPUT",
                "a",
                "`a` must identify an organisation, a component or a post, but identifies a mission",
            ),
        ));
        check(
            &app,
            "query($v: ID!) { commonForums(a: $v, b: \"OCHA\", asOf: \"2009-06-01\") { forum { name } } }",
            &common,
        )
        .await;
        let mut history = organisation_inputs(
            "organization",
            "`organization` is empty: give the organization's ID or code",
        );
        history.push(input(
            "ID of another kind",
            monusco.clone(),
            Expect::Error(
                "BAD_USER_INPUT",
                "organization",
                "`organization` must identify a record of type Organization, but identifies one of type Mission",
            ),
        ));
        check(
            &app,
            "query($v: ID) { forumMembershipHistory(organization: $v) { date change } }",
            &history,
        )
        .await;
        // OCHA by code sits where OCHA by ID sits.
        let by_code = app
            .data(
                "{ commonForums(a: \"ocha\", b: \"OCHA\", asOf: \"2009-06-01\") { forum { name } } }",
                json!({}),
            )
            .await;
        assert!(!by_code["commonForums"]
            .as_array()
            .expect("forums")
            .is_empty());
    }
);

both_backends!(
    a_post_is_taken_by_id_only,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        coordmap_api::seed::load_demo(app.db()).await.expect("demo");
        let monusco = id_of(&app, "{ mission(acronym: \"MONUSCO\") { id } }").await;
        let post = app
            .data(
                "{ mission(acronym: \"MONUC\") { posts(asOf: \"2009-06-01\") { id } } }",
                json!({}),
            )
            .await["mission"]["posts"][0]["id"]
            .clone();
        let chain = "query($v: ID!) { reportingChain(post: $v, asOf: \"2009-06-01\") { start { title } chains { end } } }";
        check(
            &app,
            chain,
            &[
                input("ID", post, Expect::Found("post")),
                input(
                    "a title",
                    json!("SRSG"),
                    Expect::Error("BAD_USER_INPUT", "post", "`post` is not a valid ID"),
                ),
                input(
                    "unknown ID",
                    unknown("Post"),
                    Expect::Error("NOT_FOUND", "", "no post has this ID"),
                ),
                input(
                    "empty",
                    json!(""),
                    Expect::Error("BAD_USER_INPUT", "post", "`post` is empty: give the post's ID"),
                ),
                input(
                    "ID of another kind",
                    monusco,
                    Expect::Error(
                        "BAD_USER_INPUT",
                        "post",
                        "`post` must identify a record of type Post, but identifies one of type Mission",
                    ),
                ),
            ],
        )
        .await;
    }
);
