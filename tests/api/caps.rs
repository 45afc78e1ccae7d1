//! No analysis list answers more items than the query was charged for (#14): each takes a
//! `first` (from 1 to its maximum, the default), holds the first that many in its order, says
//! when more existed, and its cost counts at least as many items as it can return. A decision
//! area's rights are a Relay connection charged by its page.
//!
//! One scenario, built through the mutations, has more of everything than the cuts on
//! 2011-06-01 and fewer on 2008-06-01 (or in a narrow window): the mission `CAPS` with 52
//! forums and no chair in any (a gap each), 21 organisations seated both in its forum `F00` and
//! in the cluster forum (21 bridges), `ORG00` and `ORG01` sharing 14 forums, and `ORG00` with a
//! seat in every forum for 2009 (102 changes of membership, and as many changes of the mission).
//! The stakeholder graph's 200 nodes come from the synthetic generator.

use serde_json::{json, Value};

use crate::build::{Build, ForumId, MissionId, OrganizationId};
use crate::helpers::{error_code, error_message, user_token, TestApp};
use crate::in_process;

const NOW: &str = "2011-06-01";
const EARLY: &str = "2008-06-01";

struct Caps {
    mission: MissionId,
    forums: [ForumId; 51],
    orgs: [OrganizationId; 21],
    area: String,
}

async fn build(app: &TestApp) -> Caps {
    let b = Build::new(app);
    let mission = b.mission("CAPS").country("COD").from("2008-01-01").await;
    let cluster = b
        .cluster("PC-CAPS", "Protection Cluster (caps)")
        .country("COD")
        .from("2008-01-01")
        .await;
    let cluster_forum = b
        .forum("Protection Cluster meeting", "PROTECTION_CLUSTER")
        .cluster(&cluster)
        .from("2008-01-01")
        .await;
    let early = b
        .forum("Early forum", "PROTECTION_WORKING_GROUP")
        .mission(&mission)
        .from("2008-01-01")
        .await;
    let forums: [ForumId; 51] = b
        .all(std::array::from_fn(|i| {
            b.forum(&format!("F{i:02}"), "PROTECTION_WORKING_GROUP")
                .mission(&mission)
                .from("2009-01-01")
        }))
        .await;
    let orgs: [OrganizationId; 21] = b
        .all(std::array::from_fn(|i| {
            b.organization(&format!("ORG{i:02}"), &format!("Organisation {i:02}"))
        }))
        .await;

    // 2008: ORG00 and ORG01 in the early forum and the cluster forum; the others in the cluster
    // forum only.
    let y2008 = b.starting("2008-01-01");
    let _: [_; 21] = b
        .all(std::array::from_fn(|i| {
            y2008.membership(&cluster_forum, &orgs[i])
        }))
        .await;
    b.all([
        y2008.membership(&early, &orgs[0]),
        y2008.membership(&early, &orgs[1]),
    ])
    .await;
    // 2009: ORG00 in every forum, for the year.
    let _: [_; 51] = b
        .all(std::array::from_fn(|i| {
            b.membership(&forums[i], &orgs[0])
                .from("2009-01-01")
                .to("2010-01-01")
        }))
        .await;
    // From mid-2010: every organisation in F00; ORG00 and ORG01 also in F01 to F11.
    let y2010 = b.starting("2010-06-01");
    let _: [_; 21] = b
        .all(std::array::from_fn(|i| {
            y2010.membership(&forums[0], &orgs[i])
        }))
        .await;
    let _: [_; 22] = b
        .all(std::array::from_fn(|i| {
            y2010.membership(&forums[1 + i / 2], &orgs[i % 2])
        }))
        .await;

    let area = b.decision_area("CAPS_AREA", "Capped area").await;
    let _: [_; 7] = b
        .all(std::array::from_fn(|i| {
            b.right(&area, &orgs[i], "CONSULTED")
                .mission(&mission)
                .from("2009-01-01")
        }))
        .await;
    Caps {
        mission,
        forums,
        orgs,
        area: "CAPS_AREA".to_owned(),
    }
}

/// The answer's `data`, failing on any error.
async fn data(app: &TestApp, query: &str, variables: Value) -> Value {
    app.data(query, variables).await
}

/// The items of a list in an answer.
fn items<'v>(list: &'v Value, what: &str) -> &'v Vec<Value> {
    list.as_array()
        .unwrap_or_else(|| panic!("{what}: not a list: {list:#}"))
}

/// The flag `field` of a list's items, the same on each; `None` for an empty list.
fn flag(list: &[Value], field: &str) -> Option<bool> {
    let flags: Vec<bool> = list
        .iter()
        .map(|i| i[field].as_bool().expect("a flag"))
        .collect();
    assert!(
        flags.windows(2).all(|w| w[0] == w[1]),
        "{field} differs between the items of one answer"
    );
    flags.first().copied()
}

/// A root list cut by its `first`: more than `max` items exist with `more`, fewer with
/// `fewer`; the flag `field` on each item says whether the answer was cut.
async fn check_root_list(
    app: &TestApp,
    query: &str,
    root: &str,
    field: &str,
    max: usize,
    more: Value,
    fewer: Value,
) {
    let with = |vars: &Value, first: Option<usize>| {
        let mut vars = vars.clone();
        if let Some(first) = first {
            vars["first"] = json!(first);
        }
        vars
    };
    let all = data(app, query, with(&more, None)).await;
    let list = items(&all[root], root);
    assert_eq!(list.len(), max, "{root}: the default cut");
    assert_eq!(flag(list, field), Some(true), "{root}: {field}");

    let asked = data(app, query, with(&more, Some(max))).await;
    assert_eq!(asked, all, "{root}: first = the maximum is the default");

    let three = data(app, query, with(&more, Some(3))).await;
    let three = items(&three[root], root);
    assert_eq!(three.len(), 3, "{root}: first: 3");
    assert_eq!(flag(three, field), Some(true));
    assert_eq!(three[..], list[..3], "{root}: the same order, cut sooner");

    let few = data(app, query, with(&fewer, None)).await;
    let few = items(&few[root], root);
    assert!(
        !few.is_empty() && few.len() < max,
        "{root}: {} items",
        few.len()
    );
    assert_eq!(flag(few, field), Some(false), "{root}: nothing was cut");
}

const GAPS: &str = r#"query($mission: ID!, $asOf: Date, $first: Int) {
  governanceGaps(mission: $mission, asOf: $asOf, first: $first) { code severity message gapsTruncated }
}"#;

const BRIDGES: &str = r#"query($mission: ID!, $asOf: Date, $first: Int) {
  bridges(mission: $mission, asOf: $asOf, first: $first) {
    actor { ... on Organization { code } } bridgesTruncated
  }
}"#;

const COMMON: &str = r#"query($a: ID!, $b: ID!, $asOf: Date, $first: Int) {
  commonForums(a: $a, b: $b, asOf: $asOf, first: $first) { forum { name } forumsTruncated }
}"#;

const HISTORY: &str = r#"query($organization: ID!, $first: Int) {
  forumMembershipHistory(organization: $organization, first: $first) {
    date change forum { name } changesTruncated
  }
}"#;

const CHANGES: &str = r#"query($mission: ID!, $from: Date!, $to: Date!, $first: Int) {
  changesBetween(mission: $mission, from: $from, to: $to) {
    changes(first: $first) { date change recordKind }
    truncated
  }
}"#;

in_process!(
    each_root_analysis_list_holds_at_most_its_first_and_says_when_it_was_cut,
    |app| async move {
        let c = build(&app).await;
        let m = c.mission.json();
        check_root_list(
            &app,
            GAPS,
            "governanceGaps",
            "gapsTruncated",
            50,
            json!({ "mission": m, "asOf": NOW }),
            json!({ "mission": m, "asOf": EARLY }),
        )
        .await;
        check_root_list(
            &app,
            BRIDGES,
            "bridges",
            "bridgesTruncated",
            20,
            json!({ "mission": m, "asOf": NOW }),
            json!({ "mission": m, "asOf": EARLY }),
        )
        .await;
        let (a, b) = (c.orgs[0].json(), c.orgs[1].json());
        check_root_list(
            &app,
            COMMON,
            "commonForums",
            "forumsTruncated",
            10,
            json!({ "a": a, "b": b, "asOf": NOW }),
            json!({ "a": a, "b": b, "asOf": EARLY }),
        )
        .await;
        check_root_list(
            &app,
            HISTORY,
            "forumMembershipHistory",
            "changesTruncated",
            100,
            json!({ "organization": a }),
            json!({ "organization": b }),
        )
        .await;

        // The earliest changes of the membership history are kept: ORG00's seats of 2008
        // first.
        let history = data(&app, HISTORY, json!({ "organization": a, "first": 2 })).await;
        let dates: Vec<&str> = items(&history["forumMembershipHistory"], "history")
            .iter()
            .map(|c| c["date"].as_str().unwrap())
            .collect();
        assert_eq!(dates, ["2008-01-01", "2008-01-01"]);
    }
);

in_process!(
    the_changes_of_a_mission_hold_at_most_their_first_and_say_when_more_happened,
    |app| async move {
        let c = build(&app).await;
        let wide = json!({ "mission": c.mission.json(), "from": EARLY, "to": NOW });
        let all = data(&app, CHANGES, wide.clone()).await;
        assert_eq!(
            items(&all["changesBetween"]["changes"], "changes").len(),
            100
        );
        assert_eq!(all["changesBetween"]["truncated"], true);

        let mut three = wide.clone();
        three["first"] = json!(3);
        let three = data(&app, CHANGES, three).await;
        let cut = items(&three["changesBetween"]["changes"], "changes");
        assert_eq!(
            cut[..],
            items(&all["changesBetween"]["changes"], "changes")[..3]
        );
        assert_eq!(three["changesBetween"]["truncated"], true);

        // Mid-2010: the seats taken on 2010-06-01, 43 of them.
        let narrow =
            json!({ "mission": c.mission.json(), "from": "2010-05-01", "to": "2010-07-01" });
        let few = data(&app, CHANGES, narrow).await;
        assert_eq!(
            items(&few["changesBetween"]["changes"], "changes").len(),
            43
        );
        assert_eq!(few["changesBetween"]["truncated"], false);

        // Selected twice: the answer is cut at the larger `first`, and each copy at its own.
        let twice = r#"query($mission: ID!) {
          changesBetween(mission: $mission, from: "2008-06-01", to: "2011-06-01") {
            a: changes(first: 5) { date } b: changes(first: 40) { date } truncated
          }
        }"#;
        let twice = data(&app, twice, json!({ "mission": c.mission.json() })).await;
        assert_eq!(items(&twice["changesBetween"]["a"], "a").len(), 5);
        assert_eq!(items(&twice["changesBetween"]["b"], "b").len(), 40);
        assert_eq!(twice["changesBetween"]["truncated"], true);
    }
);

const GRAPH: &str = r#"query($mission: ID!, $asOf: Date, $nodes: Int, $edges: Int) {
  stakeholderGraph(mission: $mission, asOf: $asOf) {
    nodes(first: $nodes) { id kind }
    edges(first: $edges) { from to kind }
    nodesTruncated edgesTruncated truncated
    dot
  }
}"#;

in_process!(
    the_stakeholder_graph_keeps_its_first_nodes_and_the_edges_between_them,
    |app| async move {
        let c = build(&app).await;
        let m = c.mission.json();
        let whole = data(&app, GRAPH, json!({ "mission": m, "asOf": NOW })).await;
        let g = &whole["stakeholderGraph"];
        let (nodes, edges) = (items(&g["nodes"], "nodes"), items(&g["edges"], "edges"));
        assert!(
            nodes.len() > 60 && nodes.len() < 200,
            "{} nodes",
            nodes.len()
        );
        assert!(
            edges.len() > 60 && edges.len() < 500,
            "{} edges",
            edges.len()
        );
        assert_eq!(
            (&g["nodesTruncated"], &g["edgesTruncated"], &g["truncated"]),
            (&json!(false), &json!(false), &json!(false))
        );

        let cut = data(
            &app,
            GRAPH,
            json!({ "mission": m, "asOf": NOW, "nodes": 30 }),
        )
        .await;
        let g = &cut["stakeholderGraph"];
        let kept = items(&g["nodes"], "nodes");
        assert_eq!(kept[..], nodes[..30]);
        assert_eq!(g["nodesTruncated"], true);
        assert_eq!(g["truncated"], true);
        let ids: Vec<&Value> = kept.iter().map(|n| &n["id"]).collect();
        let between: Vec<&Value> = edges
            .iter()
            .filter(|e| ids.contains(&&e["from"]) && ids.contains(&&e["to"]))
            .collect();
        let kept_edges = items(&g["edges"], "edges");
        assert_eq!(kept_edges.iter().collect::<Vec<_>>(), between);
        assert_eq!(g["edgesTruncated"], between.len() < edges.len());
        // The text shows the cut graph: one line per node and edge, and the frame.
        let lines = g["dot"].as_str().unwrap().lines().count();
        assert_eq!(lines, 30 + kept_edges.len() + 4);

        let cut = data(
            &app,
            GRAPH,
            json!({ "mission": m, "asOf": NOW, "edges": 7 }),
        )
        .await;
        let g = &cut["stakeholderGraph"];
        assert_eq!(items(&g["nodes"], "nodes"), nodes);
        assert_eq!(items(&g["edges"], "edges")[..], edges[..7]);
        assert_eq!(
            (&g["nodesTruncated"], &g["edgesTruncated"]),
            (&json!(false), &json!(true))
        );
    }
);

in_process!(
    a_large_stakeholder_graph_is_cut_at_200_nodes_unless_more_are_asked_for,
    |app| async move {
        let dataset = coordmap_bench::generate(1, 7);
        coordmap_bench::load(app.db(), &dataset, |_, _, _| {})
            .await
            .expect("the dataset loads");
        let mission = &dataset.missions[0];
        let query = r#"query($mission: ID!, $edges: Int) {
          stakeholderGraph(mission: $mission) {
            nodes { id } edges(first: $edges) { from to } nodesTruncated edgesTruncated
          }
        }"#;
        let vars = |edges: Option<i32>| json!({ "mission": mission.acronym, "edges": edges });
        let body = app.graphql(query, vars(None)).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        let g = &body["data"]["stakeholderGraph"];
        assert_eq!(items(&g["nodes"], "nodes").len(), 200);
        assert_eq!(g["nodesTruncated"], true);
        let edges = items(&g["edges"], "edges");
        assert!(
            edges.len() > 10 && edges.len() <= 500,
            "{} edges",
            edges.len()
        );
        let cost = body["extensions"]["cost"]["complexity"].as_u64().unwrap();
        assert!(cost >= 200 + 500, "cost {cost}");

        let g = data(&app, query, vars(Some(10))).await;
        let g = &g["stakeholderGraph"];
        assert_eq!(items(&g["edges"], "edges")[..], edges[..10]);
        assert_eq!(g["edgesTruncated"], true);

        // A dashboard drawing the whole mission asks for more, and pays for it.
        let whole = r#"query($mission: ID!) {
          stakeholderGraph(mission: $mission) {
            nodes(first: 2000) { id } edges(first: 5000) { from } nodesTruncated edgesTruncated
          }
        }"#;
        let body = app
            .graphql(whole, json!({ "mission": mission.acronym }))
            .await;
        assert!(body.get("errors").is_none(), "{body:#}");
        let g = &body["data"]["stakeholderGraph"];
        let nodes = items(&g["nodes"], "nodes").len();
        assert!(nodes > 200, "{nodes} nodes");
        assert_eq!(
            (&g["nodesTruncated"], &g["edgesTruncated"]),
            (&json!(false), &json!(false))
        );
        let cost = body["extensions"]["cost"]["complexity"].as_u64().unwrap();
        assert!(cost >= 2_000 + 5_000, "cost {cost}");
    }
);

/// Each capped list, with `first` as a variable: the size it is cut at when `first` is not
/// given, and the largest `first` it takes.
const CAPPED: &[(&str, &str, &str, usize, usize)] = &[
    ("governanceGaps", GAPS, "mission", 50, 50),
    ("bridges", BRIDGES, "mission", 20, 20),
    ("commonForums", COMMON, "pair", 10, 10),
    ("forumMembershipHistory", HISTORY, "organization", 100, 100),
    ("changesBetween", CHANGES, "window", 100, 100),
    ("stakeholderGraph.nodes", GRAPH_NODES, "mission", 200, 2_000),
    ("stakeholderGraph.edges", GRAPH_EDGES, "mission", 500, 5_000),
];

const GRAPH_NODES: &str = r#"query($mission: ID!, $first: Int) {
  stakeholderGraph(mission: $mission, asOf: "2011-06-01") { nodes(first: $first) { id } }
}"#;

const GRAPH_EDGES: &str = r#"query($mission: ID!, $first: Int) {
  stakeholderGraph(mission: $mission, asOf: "2011-06-01") { edges(first: $first) { from } }
}"#;

fn variables(c: &Caps, args: &str, first: Option<i64>) -> Value {
    let mut vars = match args {
        "mission" => json!({ "mission": c.mission.json(), "asOf": NOW }),
        "pair" => json!({ "a": c.orgs[0].json(), "b": c.orgs[1].json(), "asOf": NOW }),
        "organization" => json!({ "organization": c.orgs[0].json() }),
        "window" => json!({ "mission": c.mission.json(), "from": EARLY, "to": NOW }),
        other => panic!("{other}"),
    };
    if let Some(first) = first {
        vars["first"] = json!(first);
    }
    vars
}

in_process!(
    a_first_out_of_range_is_refused_naming_the_argument_and_the_range,
    |app| async move {
        let c = build(&app).await;
        for (name, query, args, _, max) in CAPPED {
            let max = *max as i64;
            for bad in [0, -1, max + 1, i64::from(i32::MAX)] {
                let body = app.graphql(query, variables(&c, args, Some(bad))).await;
                assert_eq!(
                    error_code(&body),
                    "BAD_USER_INPUT",
                    "{name} {bad}: {body:#}"
                );
                assert_eq!(
                    error_message(&body),
                    format!("`first` must be from 1 to {max}; got {bad}"),
                    "{name} {bad}"
                );
                assert_eq!(body["errors"][0]["extensions"]["field"], "first", "{name}");
            }
        }
    }
);

in_process!(
    a_capped_list_costs_at_least_as_much_as_the_items_it_can_return,
    |app| async move {
        let c = build(&app).await;
        let cost = |body: &Value| body["extensions"]["cost"]["complexity"].as_u64().unwrap();
        for (name, query, args, default, max) in CAPPED {
            let full = app.graphql(query, variables(&c, args, None)).await;
            assert!(full.get("errors").is_none(), "{name}: {full:#}");
            assert!(
                cost(&full) >= *default as u64,
                "{name}: {} for {default}",
                cost(&full)
            );
            let most = app
                .graphql(query, variables(&c, args, Some(*max as i64)))
                .await;
            assert!(most.get("errors").is_none(), "{name}: {most:#}");
            assert!(
                cost(&most) >= *max as u64,
                "{name}: {} for {max}",
                cost(&most)
            );
            let four = app.graphql(query, variables(&c, args, Some(4))).await;
            assert!(four.get("errors").is_none(), "{name}: {four:#}");
            assert!(cost(&four) >= 4, "{name}");
            assert!(
                cost(&four) < cost(&full),
                "{name}: charged by the first given"
            );
        }
    }
);

const RIGHTS: &str = r#"query($code: String!, $first: Int, $after: String) {
  decisionArea(code: $code) {
    rights(asOf: "2011-06-01", first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { kind holderOrganization { code } } }
    }
  }
}"#;

in_process!(
    a_decision_areas_rights_page_through_a_connection_charged_by_its_page,
    |app| async move {
        let c = build(&app).await;
        let page = |first: i64, after: Option<String>| {
            let app = &app;
            let code = c.area.clone();
            async move {
                let body = app
                    .graphql(
                        RIGHTS,
                        json!({ "code": code, "first": first, "after": after }),
                    )
                    .await;
                assert!(body.get("errors").is_none(), "{body:#}");
                body
            }
        };
        let first = page(3, None).await;
        let rights = &first["data"]["decisionArea"]["rights"];
        assert_eq!(rights["totalCount"], 7);
        assert_eq!(items(&rights["edges"], "edges").len(), 3);
        assert_eq!(rights["pageInfo"]["hasNextPage"], true);
        assert_eq!(rights["pageInfo"]["hasPreviousPage"], false);
        let small = first["extensions"]["cost"]["complexity"].as_u64().unwrap();

        // Paging through gives every right once, oldest first among equals (by id here).
        let mut seen: Vec<String> = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let body = page(3, after.clone()).await;
            let rights = &body["data"]["decisionArea"]["rights"];
            for edge in items(&rights["edges"], "edges") {
                seen.push(
                    edge["node"]["holderOrganization"]["code"]
                        .as_str()
                        .unwrap()
                        .into(),
                );
            }
            if rights["pageInfo"]["hasNextPage"] != true {
                break;
            }
            after = rights["pageInfo"]["endCursor"].as_str().map(Into::into);
        }
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(seen.len(), 7);
        assert_eq!(sorted.len(), 7);

        let all = page(7, None).await;
        let large = all["extensions"]["cost"]["complexity"].as_u64().unwrap();
        assert!(large > small, "charged by the page: {small} then {large}");
        assert_eq!(
            all["data"]["decisionArea"]["rights"]["pageInfo"]["hasNextPage"],
            false
        );

        // A page larger than the maximum is refused as on every connection.
        let body = app
            .graphql(RIGHTS, json!({ "code": c.area, "first": 1000 }))
            .await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body:#}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "first");
    }
);

in_process!(
    a_list_inside_an_answer_is_cut_at_its_bound_and_says_so,
    |app| async move {
        let c = build(&app).await;
        let m = c.mission.json();
        // ORG00 sits in 13 of the mission's forums on 2011-06-01, ORG02 in one.
        let query = r#"query($mission: ID!) {
          bridges(mission: $mission, asOf: "2011-06-01", first: 3) {
            actor { ... on Organization { code } }
            missionSeats { forum { name } } missionSeatsTruncated
            clusterSeats { forum { name } } clusterSeatsTruncated
          }
        }"#;
        let body = app.graphql(query, json!({ "mission": m })).await;
        assert!(body.get("errors").is_none(), "{body:#}");
        let bridges = items(&body["data"]["bridges"], "bridges");
        let org = |code: &str| {
            bridges
                .iter()
                .find(|b| b["actor"]["code"] == code)
                .unwrap_or_else(|| panic!("{code}: {bridges:#?}"))
        };
        let org00 = org("ORG00");
        assert_eq!(items(&org00["missionSeats"], "seats").len(), 5);
        assert_eq!(org00["missionSeatsTruncated"], true);
        assert_eq!(items(&org00["clusterSeats"], "seats").len(), 1);
        assert_eq!(org00["clusterSeatsTruncated"], false);
        let org02 = org("ORG02");
        assert_eq!(items(&org02["missionSeats"], "seats").len(), 1);
        assert_eq!(org02["missionSeatsTruncated"], false);

        // The 21 organisations (UN agencies) in the mission's forums are humanitarian seats.
        let query = r#"query($mission: ID!, $asOf: Date!) {
          integrationProfile(mission: $mission, asOf: $asOf) {
            humanitarianSeats { organization { code } } humanitarianSeatsTruncated
          }
        }"#;
        let now = data(&app, query, json!({ "mission": m, "asOf": NOW })).await;
        let profile = &now["integrationProfile"];
        assert_eq!(items(&profile["humanitarianSeats"], "seats").len(), 20);
        assert_eq!(profile["humanitarianSeatsTruncated"], true);
        let early = data(&app, query, json!({ "mission": m, "asOf": EARLY })).await;
        let profile = &early["integrationProfile"];
        assert_eq!(items(&profile["humanitarianSeats"], "seats").len(), 2);
        assert_eq!(profile["humanitarianSeatsTruncated"], false);
    }
);

in_process!(
    a_record_the_caller_may_not_see_takes_no_place_in_a_cut_nor_in_its_flag,
    |app| async move {
        let c = build(&app).await;
        // F01 to F40 are CONFIDENTIAL: a VIEWER (clearance INTERNAL) sees 12 of the 52 forums
        // without a chair, and 3 of the 14 forums ORG00 and ORG01 share.
        for forum in &c.forums[1..=40] {
            crate::hidden::set_level(app.db(), "Forum", forum.uuid(), "CONFIDENTIAL").await;
        }
        let viewer = format!("Bearer {}", user_token("vera", "VIEWER", &[], &[]));
        let gaps = json!({ "mission": c.mission.json(), "asOf": NOW });
        let common = json!({ "a": c.orgs[0].json(), "b": c.orgs[1].json(), "asOf": NOW });
        for (query, root, field, vars, max) in [
            (GAPS, "governanceGaps", "gapsTruncated", gaps, 50),
            (COMMON, "commonForums", "forumsTruncated", common, 10),
        ] {
            let admin = data(&app, query, vars.clone()).await;
            let list = items(&admin[root], root);
            assert_eq!((list.len(), flag(list, field)), (max, Some(true)), "{root}");

            let body = app.graphql_as(Some(&viewer), query, vars).await;
            assert!(body.get("errors").is_none(), "{body:#}");
            let list = items(&body["data"][root], root);
            assert!(
                !list.is_empty() && list.len() < max,
                "{root}: {}",
                list.len()
            );
            assert_eq!(
                flag(list, field),
                Some(false),
                "{root}: a VIEWER's answer was not cut"
            );
        }
    }
);
