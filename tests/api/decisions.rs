use coordmap_api::graphql::ids::NodeKind;
use entity::enums::ForumKind;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::clusters::{gid, mutate};
use crate::fixtures::{
    insert_mission, insert_mission_forum, insert_mission_post, insert_organization, ForumHome,
};
use crate::helpers::{assert_refused, error_code, error_message, TestApp};
use crate::in_process;

pub const CREATE_AREA: &str = r#"mutation($input: CreateDecisionAreaInput!) {
  createDecisionArea(input: $input) { id code version }
}"#;

pub const GRANT: &str = r#"mutation($input: GrantDecisionRightInput!) {
  grantDecisionRight(input: $input) { id kind version validFrom validTo nonDelegable }
}"#;

pub const DELEGATE: &str = r#"mutation($input: DelegateDecisionRightInput!) {
  delegateDecisionRight(input: $input) {
    id kind scope version validFrom validTo nonDelegable
    delegatedFrom { id }
    area { code }
    mission { acronym }
  }
}"#;

pub const END_RIGHT: &str = r#"mutation($input: EndInput!) {
  endDecisionRight(input: $input) { id validTo version }
}"#;

/// The records of the decision scenario, by global ID.
pub struct Decisions {
    pub monusco: Value,
    pub dpko: Value,
    pub hom: Value,
    pub dsrsg: Value,
    pub force_commander: Value,
    pub sector_commander: Value,
    pub battalion_commander: Value,
    pub unct: Value,
    pub poc_strategy: Value,
    pub use_of_force: Value,
    pub hom_decides: Value,
    pub unct_endorses: Value,
    pub fc_decides: Value,
}

/// MONUSCO's posts and forums, the POC_STRATEGY and USE_OF_FORCE areas, and the rights the
/// seeds state: the Head of Mission decides the POC strategy (not delegable), the UNCT endorses
/// it, the Protection Cluster is consulted and informed; the Force Commander decides on the use
/// of force; DPKO is informed of it wherever a mission says nothing else.
pub async fn build_decisions(app: &TestApp) -> Decisions {
    let db = app.db();
    let mission = insert_mission(
        db,
        "MONUSCO",
        "UN Organization Stabilization Mission in the DRC",
        "1999-11-30",
    )
    .await;
    let dpko = insert_organization(db, "DPKO", "Department of Peacekeeping Operations").await;
    let post = |title: &'static str| insert_mission_post(db, mission.id, None, title);
    let hom = post("Head of Mission (SRSG)").await;
    let dsrsg = post("DSRSG Political").await;
    let fc = post("Force Commander").await;
    let sector = post("Commander, Sector North Kivu").await;
    let battalion = post("Commander, Battalion Goma").await;
    let unct = insert_mission_forum(
        db,
        ForumHome::default(),
        "UN Country Team",
        Some("UNCT"),
        ForumKind::UnCountryTeam,
        "2000-01-01",
    )
    .await;
    let cluster_forum = insert_mission_forum(
        db,
        ForumHome::default(),
        "Protection Cluster DRC",
        Some("PC-DRC"),
        ForumKind::ProtectionCluster,
        "2006-01-01",
    )
    .await;

    let poc_strategy = mutate(
        app,
        CREATE_AREA,
        json!({ "code": "poc_strategy", "name": "Protection of civilians strategy",
                "description": "Drafting, endorsement and review of the mission-wide POC strategy" }),
    )
    .await["id"]
        .clone();
    let use_of_force = mutate(
        app,
        CREATE_AREA,
        json!({ "code": "USE_OF_FORCE", "name": "Use of force to protect civilians" }),
    )
    .await["id"]
        .clone();

    let monusco = gid(NodeKind::Mission, mission.id);
    let grant = |area: &Value, holder: (&str, Value), kind: &str, extra: Value| {
        let mut input = json!({ "decisionAreaId": area, "missionId": monusco, "kind": kind,
                                "validFrom": "2010-07-01" });
        input[holder.0] = holder.1;
        for (k, v) in extra.as_object().expect("extra") {
            input[k] = v.clone();
        }
        input
    };
    let hom_id = gid(NodeKind::Post, hom.id);
    let unct_id = gid(NodeKind::Forum, unct.id);
    let cluster_id = gid(NodeKind::Forum, cluster_forum.id);
    let fc_id = gid(NodeKind::Post, fc.id);
    let hom_decides = mutate(
        app,
        GRANT,
        grant(
            &poc_strategy,
            ("holderPostId", hom_id.clone()),
            "DECIDES",
            json!({ "nonDelegable": true, "note": "accountable; signs off" }),
        ),
    )
    .await;
    assert_eq!(hom_decides["nonDelegable"], true);
    let unct_endorses = mutate(
        app,
        GRANT,
        grant(
            &poc_strategy,
            ("holderForumId", unct_id),
            "ENDORSES",
            json!({}),
        ),
    )
    .await;
    for kind in ["CONSULTED", "INFORMED"] {
        mutate(
            app,
            GRANT,
            grant(
                &poc_strategy,
                ("holderForumId", cluster_id.clone()),
                kind,
                json!({}),
            ),
        )
        .await;
    }
    let fc_decides = mutate(
        app,
        GRANT,
        grant(
            &use_of_force,
            ("holderPostId", fc_id),
            "DECIDES",
            json!({ "scope": "consistent with the rules of engagement" }),
        ),
    )
    .await;
    let dpko_id = gid(NodeKind::Organization, dpko.id);
    mutate(
        app,
        GRANT,
        json!({ "decisionAreaId": use_of_force, "holderOrganizationId": dpko_id, "kind": "INFORMED",
                "validFrom": "2000-01-01" }),
    )
    .await;

    Decisions {
        monusco,
        dpko: dpko_id,
        hom: hom_id,
        dsrsg: gid(NodeKind::Post, dsrsg.id),
        force_commander: gid(NodeKind::Post, fc.id),
        sector_commander: gid(NodeKind::Post, sector.id),
        battalion_commander: gid(NodeKind::Post, battalion.id),
        unct: gid(NodeKind::Forum, unct.id),
        poc_strategy,
        use_of_force,
        hom_decides: hom_decides["id"].clone(),
        unct_endorses: unct_endorses["id"].clone(),
        fc_decides: fc_decides["id"].clone(),
    }
}

const RIGHTS: &str = r#"query($code: String!, $mission: ID, $asOf: Date, $global: Boolean! = true) {
  decisionArea(code: $code) {
    code
    rights(missionId: $mission, asOf: $asOf, includeGlobal: $global) {
      id kind scope nonDelegable validFrom validTo
      holderPost { title }
      holderForum { acronym }
      holderOrganization { code }
      holderComponent { name }
      mission { acronym }
      area { code }
      delegatedFrom { holderPost { title } }
      delegations(asOf: $asOf) { kind holderPost { title } delegations(asOf: $asOf) { kind holderPost { title } } }
    }
  }
}"#;

/// `KIND holder` for each right, in the order given.
fn who(rights: &Value) -> Vec<String> {
    rights
        .as_array()
        .expect("rights")
        .iter()
        .map(|r| {
            let holder = r["holderPost"]["title"]
                .as_str()
                .or(r["holderForum"]["acronym"].as_str())
                .or(r["holderOrganization"]["code"].as_str())
                .or(r["holderComponent"]["name"].as_str())
                .unwrap_or("?");
            format!("{} {holder}", r["kind"].as_str().unwrap_or("?"))
        })
        .collect()
}

async fn rights(app: &TestApp, code: &str, variables: Value) -> Value {
    let mut vars = variables;
    vars["code"] = json!(code);
    app.data(RIGHTS, vars).await["decisionArea"]["rights"].clone()
}

in_process!(
    who_decides_on_the_poc_strategy_and_that_it_is_not_delegated,
    |app| async move {
        let d = build_decisions(&app).await;
        let poc = rights(&app, "poc_strategy", json!({ "mission": d.monusco })).await;
        assert_eq!(
            who(&poc),
            [
                "DECIDES Head of Mission (SRSG)",
                "ENDORSES UNCT",
                "CONSULTED PC-DRC",
                "INFORMED PC-DRC"
            ]
        );
        assert_eq!(poc[0]["nonDelegable"], true);
        assert_eq!(poc[0]["mission"]["acronym"], "MONUSCO");
        assert_eq!(poc[0]["area"]["code"], "POC_STRATEGY");
        assert_eq!(poc[1]["nonDelegable"], false);

        // "The HOM is accountable for the POC strategy; this should not be delegated to a DSRSG."
        assert_refused(&app, DELEGATE, &[(
            json!({ "input": { "fromRightId": d.hom_decides, "holderPostId": d.dsrsg, "validFrom": "2011-01-01" } }),
            "BAD_USER_INPUT",
            "input.fromRightId",
            "the right of Head of Mission (SRSG) to DECIDES on POC_STRATEGY is non-delegable",
        )])
        .await;

        // Before the rights were granted nobody held any.
        let before = rights(
            &app,
            "POC_STRATEGY",
            json!({ "mission": d.monusco, "asOf": "2010-06-30" }),
        )
        .await;
        assert_eq!(before, json!([]));
        let missing = app
            .graphql(r#"{ decisionArea(code: "nope") { code } }"#, json!({}))
            .await;
        assert_eq!(error_code(&missing), "NOT_FOUND");
        assert_eq!(error_message(&missing), "no decision area has code `nope`");
        let _ = (&d.unct, &d.unct_endorses, &d.poc_strategy, &d.hom, &d.dpko);
    }
);

in_process!(
    a_delegated_use_of_force_ends_with_the_force_commanders_right,
    |app| async move {
        let d = build_decisions(&app).await;
        let sector = app
            .data(
                DELEGATE,
                json!({ "input": { "fromRightId": d.fc_decides, "holderPostId": d.sector_commander,
                                   "validFrom": "2013-01-01", "note": "during Operation Amani Kamilifu" } }),
            )
            .await["delegateDecisionRight"]
            .clone();
        assert_eq!(sector["kind"], "DECIDES", "the delegator's kind by default");
        assert_eq!(sector["scope"], "consistent with the rules of engagement");
        assert_eq!(sector["validTo"], Value::Null);
        assert_eq!(sector["delegatedFrom"]["id"], d.fc_decides);
        assert_eq!(sector["area"]["code"], "USE_OF_FORCE");
        assert_eq!(sector["mission"]["acronym"], "MONUSCO");
        let battalion = app
            .data(
                DELEGATE,
                json!({ "input": { "fromRightId": sector["id"], "holderPostId": d.battalion_commander,
                                   "kind": "EXECUTES", "validFrom": "2013-06-01" } }),
            )
            .await["delegateDecisionRight"]
            .clone();
        assert_eq!(battalion["kind"], "EXECUTES");

        let mission = json!({ "mission": d.monusco, "asOf": "2013-07-01" });
        let in_2013 = rights(&app, "USE_OF_FORCE", mission.clone()).await;
        assert_eq!(
            who(&in_2013),
            [
                "DECIDES Force Commander",
                "DECIDES Commander, Sector North Kivu",
                "EXECUTES Commander, Battalion Goma",
                "INFORMED DPKO"
            ]
        );
        assert_eq!(in_2013[3]["mission"], Value::Null, "a global default");
        assert_eq!(
            in_2013[0]["delegations"],
            json!([{ "kind": "DECIDES", "holderPost": { "title": "Commander, Sector North Kivu" },
                     "delegations": [{ "kind": "EXECUTES", "holderPost": { "title": "Commander, Battalion Goma" } }] }])
        );
        assert_eq!(
            in_2013[1]["delegatedFrom"]["holderPost"]["title"],
            "Force Commander"
        );
        let mut without_global = mission.clone();
        without_global["global"] = json!(false);
        assert_eq!(
            who(&rights(&app, "USE_OF_FORCE", without_global).await).len(),
            3
        );
        let in_2012 = rights(
            &app,
            "USE_OF_FORCE",
            json!({ "mission": d.monusco, "asOf": "2012-06-01" }),
        )
        .await;
        assert_eq!(who(&in_2012), ["DECIDES Force Commander", "INFORMED DPKO"]);
        assert_eq!(in_2012[0]["delegations"], json!([]));

        // The Force Commander's right ends; the delegations hanging from it end the same day.
        let ended = app
            .data(
                END_RIGHT,
                json!({ "input": { "id": d.fc_decides, "version": 1, "on": "2014-06-01" } }),
            )
            .await["endDecisionRight"]
            .clone();
        assert_eq!(ended["validTo"], "2014-06-01");
        assert_eq!(ended["version"], 2);

        let now = rights(&app, "USE_OF_FORCE", json!({ "mission": d.monusco })).await;
        assert_eq!(
            who(&now),
            ["INFORMED DPKO"],
            "only the global default still holds"
        );
        let last_day = rights(
            &app,
            "USE_OF_FORCE",
            json!({ "mission": d.monusco, "asOf": "2014-05-31" }),
        )
        .await;
        assert_eq!(who(&last_day).len(), 4);
        let ends: Vec<&Value> = last_day.as_array().unwrap()[..3]
            .iter()
            .map(|r| &r["validTo"])
            .collect();
        assert_eq!(ends, [&json!("2014-06-01"); 3]);

        // Nothing was deleted, and each end is in the audit log.
        let stored = entity::decision_right::Entity::find()
            .count(app.db())
            .await
            .unwrap();
        assert_eq!(stored, 8);
        for (id, created_by) in [
            (&sector["id"], "delegateDecisionRight"),
            (&battalion["id"], "delegateDecisionRight"),
            (&d.fc_decides, "grantDecisionRight"),
        ] {
            let log = app
                .data(
                    "query($id: ID!) { auditLog(record: $id) { operation before after } }",
                    json!({ "id": id }),
                )
                .await["auditLog"]
                .clone();
            let operations: Vec<&str> = log
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["operation"].as_str().unwrap())
                .collect();
            assert_eq!(operations, [created_by, "endDecisionRight"]);
            assert_eq!(log[1]["before"]["valid_to"], Value::Null);
            assert_eq!(log[1]["after"]["valid_to"], "2014-06-01");
        }

        // The mission's own view (global defaults excluded) agrees.
        let by_mission = app
            .data(
                r#"query($asOf: Date) { mission(acronym: "MONUSCO") { decisionRights(asOf: $asOf) { kind } } }"#,
                json!({ "asOf": "2014-05-31" }),
            )
            .await;
        assert_eq!(
            by_mission["mission"]["decisionRights"]
                .as_array()
                .unwrap()
                .len(),
            7
        );
        let _ = (&d.force_commander, &d.dpko, &d.use_of_force);
    }
);

in_process!(decision_areas_list_search_and_page, |app| async move {
    let d = build_decisions(&app).await;
    mutate(
        &app,
        CREATE_AREA,
        json!({ "code": "EARLY_WARNING_RESPONSE", "name": "Response to early warnings" }),
    )
    .await;
    let q = r#"query($after: String, $filter: DecisionAreaFilter, $order: DecisionAreaOrder! = CODE_ASC) {
        decisionAreas(first: 2, after: $after, filter: $filter, orderBy: $order) {
            totalCount nodes { code } pageInfo { hasNextPage endCursor } } }"#;
    let codes = |data: &Value| -> Vec<String> {
        data["decisionAreas"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let first = app.data(q, json!({})).await;
    assert_eq!(codes(&first), ["EARLY_WARNING_RESPONSE", "POC_STRATEGY"]);
    assert_eq!(first["decisionAreas"]["totalCount"], 3);
    let second = app
        .data(
            q,
            json!({ "after": first["decisionAreas"]["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(codes(&second), ["USE_OF_FORCE"]);
    assert_eq!(second["decisionAreas"]["pageInfo"]["hasNextPage"], false);
    let newest = app.data(q, json!({ "order": "CREATED_AT_DESC" })).await;
    assert_eq!(codes(&newest), ["EARLY_WARNING_RESPONSE", "USE_OF_FORCE"]);
    let found = app
        .data(q, json!({ "filter": { "search": "civilians" } }))
        .await;
    assert_eq!(codes(&found), ["POC_STRATEGY", "USE_OF_FORCE"]);
    app.data(
        "mutation($input: ArchiveInput!) { archiveDecisionArea(input: $input) { archivedAt } }",
        json!({ "input": { "id": d.use_of_force, "version": 1 } }),
    )
    .await;
    let live = app.data(q, json!({})).await;
    assert_eq!(live["decisionAreas"]["totalCount"], 2);
    let all = app
        .data(q, json!({ "filter": { "includeArchived": true } }))
        .await;
    assert_eq!(all["decisionAreas"]["totalCount"], 3);
    let archived = app
        .data(
            r#"{ decisionArea(code: "use_of_force") { archivedAt } }"#,
            json!({}),
        )
        .await;
    assert!(archived["decisionArea"]["archivedAt"].is_string());
});

in_process!(
    a_joint_decision_label_is_a_code_and_is_kept_upper_case,
    |app| async move {
        let d = build_decisions(&app).await;
        let input = |label: &str| {
            json!({ "input": {
                "decisionAreaId": d.use_of_force, "missionId": d.monusco,
                "holderPostId": d.dsrsg, "kind": "CONSULTED", "validFrom": "2011-01-01",
                "jointDecision": label,
            } })
        };
        let message = |got: &str| {
            format!("`input.jointDecision` must be 1 to 64 letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `{got}`")
        };
        let long = "A".repeat(65);
        assert_refused(
            &app,
            GRANT,
            &[
                (
                    input("two words"),
                    "BAD_USER_INPUT",
                    "input.jointDecision",
                    &message("two words"),
                ),
                (
                    input("9LIVES"),
                    "BAD_USER_INPUT",
                    "input.jointDecision",
                    &message("9LIVES"),
                ),
                (
                    input("accord!"),
                    "BAD_USER_INPUT",
                    "input.jointDecision",
                    &message("accord!"),
                ),
                (
                    input(&long),
                    "BAD_USER_INPUT",
                    "input.jointDecision",
                    &message(&long),
                ),
            ],
        )
        .await;

        let granted = app
            .data(
                r#"mutation($input: GrantDecisionRightInput!) { grantDecisionRight(input: $input) { jointDecision } }"#,
                input("  force_consultation "),
            )
            .await;
        assert_eq!(
            granted["grantDecisionRight"]["jointDecision"],
            "FORCE_CONSULTATION"
        );
        // A blank label is no label.
        let blank = app
            .data(
                r#"mutation($input: GrantDecisionRightInput!) { grantDecisionRight(input: $input) { jointDecision } }"#,
                json!({ "input": {
                    "decisionAreaId": d.use_of_force, "missionId": d.monusco,
                    "holderPostId": d.hom, "kind": "CONSULTED", "validFrom": "2011-01-01",
                    "jointDecision": "   ",
                } }),
            )
            .await;
        assert_eq!(blank["grantDecisionRight"]["jointDecision"], Value::Null);
    }
);
