use serde_json::{json, Value};

use crate::both_backends;
use crate::fixtures::{insert_former_name, insert_mission, insert_organization};
use crate::helpers::{error_code, error_message, TestApp};

async fn five_missions(app: &TestApp) {
    for (acronym, name, from) in [
        (
            "UNAMA",
            "UN Assistance Mission in Afghanistan",
            "2002-03-28",
        ),
        (
            "MINUSTAH",
            "UN Stabilization Mission in Haiti",
            "2004-06-01",
        ),
        ("UNOCI", "UN Operation in Côte d'Ivoire", "2004-04-04"),
        ("UNAMID", "AU/UN Hybrid Operation in Darfur", "2007-07-31"),
        ("UNMIS", "UN Mission in the Sudan", "2005-03-24"),
    ] {
        insert_mission(app.db(), acronym, name, from).await;
    }
}

fn acronyms(page: &Value) -> Vec<String> {
    page["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["acronym"].as_str().expect("acronym").to_owned())
        .collect()
}

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String) {
  missions(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    nodes { acronym }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

both_backends!(a_fresh_database_has_no_missions, |app| async move {
    let data = app
        .data("{ missions(first: 5) { totalCount } }", json!({}))
        .await;
    assert_eq!(data["missions"]["totalCount"], 0);
});

both_backends!(
    pages_walk_forward_and_back_with_stable_cursors,
    |app| async move {
        five_missions(&app).await;
        let first = app.data(PAGE, json!({ "first": 2 })).await["missions"].clone();
        assert_eq!(first["totalCount"], 5);
        assert_eq!(acronyms(&first), ["MINUSTAH", "UNAMA"]);
        assert_eq!(first["pageInfo"]["hasNextPage"], true);
        assert_eq!(first["pageInfo"]["hasPreviousPage"], false);

        let second = app
            .data(
                PAGE,
                json!({ "first": 2, "after": first["pageInfo"]["endCursor"] }),
            )
            .await["missions"]
            .clone();
        assert_eq!(acronyms(&second), ["UNAMID", "UNMIS"]);
        assert_eq!(second["pageInfo"]["hasPreviousPage"], true);

        // A record added before the cursor does not shift the next page.
        insert_mission(app.db(), "AAA", "Added meanwhile", "2020-01-01").await;
        let third = app
            .data(
                PAGE,
                json!({ "first": 2, "after": second["pageInfo"]["endCursor"] }),
            )
            .await["missions"]
            .clone();
        assert_eq!(acronyms(&third), ["UNOCI"]);
        assert_eq!(third["pageInfo"]["hasNextPage"], false);

        let back = app
            .data(
                PAGE,
                json!({ "last": 2, "before": third["pageInfo"]["startCursor"] }),
            )
            .await["missions"]
            .clone();
        assert_eq!(acronyms(&back), ["UNAMID", "UNMIS"]);
        assert_eq!(back["pageInfo"]["hasPreviousPage"], true);
        assert_eq!(back["pageInfo"]["hasNextPage"], true);

        let tail = app.data(PAGE, json!({ "last": 2 })).await["missions"].clone();
        assert_eq!(acronyms(&tail), ["UNMIS", "UNOCI"]);

        let empty = app.data(PAGE, json!({ "first": 0 })).await["missions"].clone();
        assert_eq!(acronyms(&empty), Vec::<String>::new());
        assert_eq!(empty["totalCount"], 6);
    }
);

both_backends!(
    bad_paging_arguments_are_refused_with_their_reason,
    |app| async move {
        let cases = [
            (
                json!({ "first": 101 }),
                "`first` must be at most 100 (the maximum page size); got 101",
            ),
            (json!({ "last": -1 }), "`last` must not be negative"),
            (
                json!({ "first": 1, "last": 1 }),
                "pass either `first` or `last`, not both",
            ),
            (
                json!({ "first": 1, "after": "not-a-cursor" }),
                "`after` is not a valid cursor",
            ),
        ];
        for (variables, message) in cases {
            let body = app.graphql(PAGE, variables.clone()).await;
            assert_eq!(error_code(&body), "BAD_USER_INPUT", "{variables}");
            assert_eq!(error_message(&body), message, "{variables}");
            assert!(body["data"].is_null(), "no data with an error: {body}");
        }
    }
);

both_backends!(
    a_mission_is_found_by_current_or_former_acronym,
    |app| async move {
        let monusco = insert_mission(
            app.db(),
            "MONUSCO",
            "UN Organization Stabilization Mission in the DRC",
            "1999-11-30",
        )
        .await;
        insert_former_name(app.db(), monusco.id, "MONUC", "1999-11-30", "2010-07-01").await;
        let query = "query($a: String) { mission(acronym: $a) { acronym formerNames { acronym validTo } } }";
        for asked in ["MONUSCO", "monuc", " MONUC "] {
            let data = app.data(query, json!({ "a": asked })).await;
            assert_eq!(data["mission"]["acronym"], "MONUSCO", "asked {asked}");
            assert_eq!(data["mission"]["formerNames"][0]["acronym"], "MONUC");
            assert_eq!(data["mission"]["formerNames"][0]["validTo"], "2010-07-01");
        }
        let missing = app.graphql(query, json!({ "a": "UNKNOWN" })).await;
        assert_eq!(error_code(&missing), "NOT_FOUND");
        let both = app
            .graphql(
                r#"{ mission(acronym: "MONUC", id: "x") { acronym } }"#,
                json!({}),
            )
            .await;
        assert_eq!(error_code(&both), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&both),
            "pass exactly one of `id` and `acronym`"
        );
    }
);

both_backends!(a_node_round_trips_through_its_global_id, |app| async move {
    insert_mission(app.db(), "UNMIS", "UN Mission in the Sudan", "2005-03-24").await;
    let data = app
        .data("{ missions(first: 1) { nodes { id } } }", json!({}))
        .await;
    let id = data["missions"]["nodes"][0]["id"].clone();
    let node = app
        .data(
            "query($id: ID!) { node(id: $id) { id ... on Mission { acronym } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(node["node"]["acronym"], "UNMIS");
    for bogus in [
        "garbage",
        "TWlzc2lvbjpub3QtYS11dWlk",
        "TWlzc2lvbjowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA",
    ] {
        let body = app
            .graphql(
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": bogus }),
            )
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND", "{bogus}");
        assert_eq!(error_message(&body), "no record has this ID");
    }
});

both_backends!(
    search_matches_acronym_and_name_case_insensitively,
    |app| async move {
        five_missions(&app).await;
        let query =
            r#"query($s: String) { missions(filter: { search: $s }) { nodes { acronym } } }"#;
        let data = app.data(query, json!({ "s": "darfur" })).await;
        assert_eq!(acronyms(&data["missions"]), ["UNAMID"]);
        let data = app.data(query, json!({ "s": "unam" })).await;
        assert_eq!(acronyms(&data["missions"]), ["UNAMA", "UNAMID"]);
        let data = app.data(query, json!({ "s": "100%" })).await;
        assert_eq!(acronyms(&data["missions"]), Vec::<String>::new());
    }
);

both_backends!(
    organizations_are_listed_and_found_by_code,
    |app| async move {
        insert_organization(app.db(), "UNHCR", "UN Refugee Agency").await;
        insert_organization(
            app.db(),
            "OCHA",
            "Office for the Coordination of Humanitarian Affairs",
        )
        .await;
        let data = app
        .data("{ organizations { totalCount nodes { code } } organization(code: \"unhcr\") { name } }", json!({}))
        .await;
        assert_eq!(data["organizations"]["totalCount"], 2);
        assert_eq!(data["organizations"]["nodes"][0]["code"], "OCHA");
        assert_eq!(data["organization"]["name"], "UN Refugee Agency");
        let missing = app
            .graphql("{ organization(code: \"NOPE\") { name } }", json!({}))
            .await;
        assert_eq!(error_code(&missing), "NOT_FOUND");
        assert_eq!(error_message(&missing), "no organization has code `NOPE`");
    }
);

both_backends!(
    queries_work_over_get_but_mutations_do_not,
    |app| async move {
        let ok = app
            .get("/graphql?query=%7Bmissions%7BtotalCount%7D%7D")
            .await;
        assert_eq!(ok.status(), 200);
        let body: Value = ok.json().await.expect("JSON");
        assert_eq!(body["data"]["missions"]["totalCount"], 0);
        let refused = app.get("/graphql?query=mutation%7Bx%7D").await;
        let body: Value = refused.json().await.expect("JSON");
        assert_eq!(error_code(&body), "METHOD_NOT_ALLOWED");
        assert_eq!(
            error_message(&body),
            "mutations must be sent with POST, not GET"
        );
    }
);
