use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

use crate::build::{AreaId, Build, ForumId, MissionId, OrganizationId, PostId, RightId};
use crate::clusters::mutate;
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

/// The records of the decision scenario.
pub struct Decisions {
    pub monusco: MissionId,
    pub dpko: OrganizationId,
    pub hom: PostId,
    pub dsrsg: PostId,
    pub force_commander: PostId,
    pub sector_commander: PostId,
    pub battalion_commander: PostId,
    pub unct: ForumId,
    pub poc_strategy: AreaId,
    pub use_of_force: AreaId,
    pub hom_decides: RightId,
    pub unct_endorses: RightId,
    pub fc_decides: RightId,
}

/// MONUSCO's posts and forums, the POC_STRATEGY and USE_OF_FORCE areas, and the rights the
/// seeds state: the Head of Mission decides the POC strategy (not delegable), the UNCT endorses
/// it, the Protection Cluster is consulted and informed; the Force Commander decides on the use
/// of force; DPKO is informed of it wherever a mission says nothing else.
pub async fn build_decisions(app: &TestApp) -> Decisions {
    let b = Build::new(app);
    let monusco = b.monusco().poc().chapter_vii().human_rights().await;
    let dpko = b.agency("DPKO").await;
    let y2000 = b.starting("2000-01-01");
    let [hom, dsrsg, force_commander, sector_commander, battalion_commander] = b
        .all(
            [
                "Head of Mission (SRSG)",
                "DSRSG Political",
                "Force Commander",
                "Commander, Sector North Kivu",
                "Commander, Battalion Goma",
            ]
            .map(|title| y2000.post(&monusco, title)),
        )
        .await;
    let [unct, cluster_forum] = b
        .all([
            b.forum("UN Country Team", "UN_COUNTRY_TEAM")
                .acronym("UNCT")
                .open()
                .from("2000-01-01"),
            b.forum("Protection Cluster DRC", "PROTECTION_CLUSTER")
                .acronym("PC-DRC")
                .open()
                .from("2006-01-01"),
        ])
        .await;

    // The code in lower case: the mutation keeps it upper case.
    let [poc_strategy, use_of_force] = b
        .all([
            b.decision_area("poc_strategy", "Protection of civilians strategy")
                .description("Drafting, endorsement and review of the mission-wide POC strategy"),
            b.decision_area("USE_OF_FORCE", "Use of force to protect civilians"),
        ])
        .await;

    let granted = b.starting("2010-07-01");
    let [hom_decides, unct_endorses, _, _, fc_decides, _] = b
        .all([
            granted
                .right(&poc_strategy, &hom, "DECIDES")
                .mission(&monusco)
                .non_delegable()
                .note("accountable; signs off"),
            granted
                .right(&poc_strategy, &unct, "ENDORSES")
                .mission(&monusco),
            granted
                .right(&poc_strategy, &cluster_forum, "CONSULTED")
                .mission(&monusco),
            granted
                .right(&poc_strategy, &cluster_forum, "INFORMED")
                .mission(&monusco),
            granted
                .right(&use_of_force, &force_commander, "DECIDES")
                .mission(&monusco)
                .scope("consistent with the rules of engagement"),
            b.right(&use_of_force, &dpko, "INFORMED").from("2000-01-01"),
        ])
        .await;

    Decisions {
        monusco,
        dpko,
        hom,
        dsrsg,
        force_commander,
        sector_commander,
        battalion_commander,
        unct,
        poc_strategy,
        use_of_force,
        hom_decides,
        unct_endorses,
        fc_decides,
    }
}

const RIGHTS: &str = r#"query($code: String!, $mission: ID, $asOf: Date, $global: Boolean! = true) {
  decisionArea(code: $code) {
    code
    rights(missionId: $mission, asOf: $asOf, includeGlobal: $global) { nodes {
      id kind scope nonDelegable validFrom validTo
      holderPost { title }
      holderForum { acronym }
      holderOrganization { code }
      holderComponent { name }
      mission { acronym }
      area { code }
      delegatedFrom { holderPost { title } }
      delegations(asOf: $asOf) { kind holderPost { title } delegations(asOf: $asOf) { kind holderPost { title } } }
    } }
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
    app.data(RIGHTS, vars).await["decisionArea"]["rights"]["nodes"].clone()
}

in_process!(
    who_decides_on_the_poc_strategy_and_that_it_is_not_delegated,
    |app| async move {
        let d = build_decisions(&app).await;
        let poc = rights(&app, "poc_strategy", json!({ "mission": d.monusco.json() })).await;
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
            json!({ "input": { "fromRightId": d.hom_decides.json(), "holderPostId": d.dsrsg.json(), "validFrom": "2011-01-01" } }),
            "BAD_USER_INPUT",
            "input.fromRightId",
            "the right of Head of Mission (SRSG) to DECIDES on POC_STRATEGY is non-delegable",
        )])
        .await;

        // Before the rights were granted nobody held any.
        let before = rights(
            &app,
            "POC_STRATEGY",
            json!({ "mission": d.monusco.json(), "asOf": "2010-06-30" }),
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
                json!({ "input": { "fromRightId": d.fc_decides.json(), "holderPostId": d.sector_commander.json(),
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
                json!({ "input": { "fromRightId": sector["id"], "holderPostId": d.battalion_commander.json(),
                                   "kind": "EXECUTES", "validFrom": "2013-06-01" } }),
            )
            .await["delegateDecisionRight"]
            .clone();
        assert_eq!(battalion["kind"], "EXECUTES");

        let mission = json!({ "mission": d.monusco.json(), "asOf": "2013-07-01" });
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
            json!({ "mission": d.monusco.json(), "asOf": "2012-06-01" }),
        )
        .await;
        assert_eq!(who(&in_2012), ["DECIDES Force Commander", "INFORMED DPKO"]);
        assert_eq!(in_2012[0]["delegations"], json!([]));

        // The Force Commander's right ends; the delegations hanging from it end the same day.
        let ended = app
            .data(
                END_RIGHT,
                json!({ "input": { "id": d.fc_decides.json(), "version": 1, "on": "2014-06-01" } }),
            )
            .await["endDecisionRight"]
            .clone();
        assert_eq!(ended["validTo"], "2014-06-01");
        assert_eq!(ended["version"], 2);

        let now = rights(&app, "USE_OF_FORCE", json!({ "mission": d.monusco.json() })).await;
        assert_eq!(
            who(&now),
            ["INFORMED DPKO"],
            "only the global default still holds"
        );
        let last_day = rights(
            &app,
            "USE_OF_FORCE",
            json!({ "mission": d.monusco.json(), "asOf": "2014-05-31" }),
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
            (&d.fc_decides.json(), "grantDecisionRight"),
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
        json!({ "input": { "id": d.use_of_force.json(), "version": 1 } }),
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
                "decisionAreaId": d.use_of_force.json(), "missionId": d.monusco.json(),
                "holderPostId": d.dsrsg.json(), "kind": "CONSULTED", "validFrom": "2011-01-01",
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
                    "decisionAreaId": d.use_of_force.json(), "missionId": d.monusco.json(),
                    "holderPostId": d.hom.json(), "kind": "CONSULTED", "validFrom": "2011-01-01",
                    "jointDecision": "   ",
                } }),
            )
            .await;
        assert_eq!(blank["grantDecisionRight"]["jointDecision"], Value::Null);
    }
);
