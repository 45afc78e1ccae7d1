//! Forums read back through every relation, the forum list, and the membership history.

use serde_json::{json, Value};

use crate::build::{Build, ForumId, MissionId, OrganizationId, PostId};
use crate::helpers::{error_code, error_message, TestApp};
use crate::in_process;

pub const CREATE_FORUM: &str = r#"mutation($input: CreateForumInput!) {
  createForum(input: $input) { id name version }
}"#;

pub const LINK_FORUM: &str = r#"mutation($input: LinkForumInput!) {
  linkForum(input: $input) { id kind version validFrom validTo }
}"#;

pub const ADD_MEMBERSHIP: &str = r#"mutation($input: AddForumMembershipInput!) {
  addForumMembership(input: $input) { id capacity version validFrom validTo }
}"#;

pub const CHANGE_CAPACITY: &str = r#"mutation($input: ChangeMemberCapacityInput!) {
  changeMemberCapacity(input: $input) { id capacity version validFrom validTo }
}"#;

/// Runs a mutation that must succeed and returns its payload.
pub async fn mutate(app: &TestApp, mutation: &str, input: Value) -> Value {
    let data = app.data(mutation, json!({ "input": input })).await;
    data.as_object()
        .and_then(|o| o.values().next())
        .cloned()
        .expect("mutation payload")
}

/// The records of the MONUC scenario.
pub struct Monuc {
    pub mission: MissionId,
    pub srsg: PostId,
    pub unhcr: OrganizationId,
    pub ocha: OrganizationId,
    pub smg: ForumId,
    pub early_warning: ForumId,
    /// OCHA's seat as a member, as `changeMemberCapacity` answered it.
    pub ocha_membership: Value,
}

/// MONUC's Senior Management Group on POC (mission HQ level), chaired by the SRSG, with the
/// Protection Cluster lead agency (UNHCR) and OCHA as observers; its Early Warning and Rapid
/// Response Cell reports to it, with the Public Information Office present without membership.
/// OCHA becomes a member on 2010-01-01.
pub async fn monuc(app: &TestApp) -> Monuc {
    let b = Build::new(app);
    let mission = b
        .mission("MONUC")
        .named("UN Organization Mission in the DRC")
        .from("1999-11-30")
        .poc()
        .chapter_vii()
        .human_rights()
        .await;
    let srsg = b.post(&mission, SRSG).await;
    let public_information = b
        .component(&mission, "Public Information Office")
        .specialty("PUBLIC_INFORMATION")
        .await;
    let [unhcr, ocha] = b
        .all([
            b.agency("UNHCR").named("UN Refugee Agency"),
            b.agency("OCHA"),
        ])
        .await;
    let [smg, early_warning] = b
        .all([
            b.forum(
                "Senior Management Group on Protection",
                "SENIOR_MANAGEMENT_GROUP",
            )
            .acronym("SMG-P")
            .mission(&mission)
            .established_by(&srsg)
            .meets("weekly")
            .purpose("Mission-wide protection of civilians decisions")
            .from("2009-01-01"),
            b.forum(
                "Early Warning and Rapid Response Cell",
                "EARLY_WARNING_CELL",
            )
            .acronym("EWRRC")
            .mission(&mission)
            .open()
            .from("2009-06-01"),
        ])
        .await;
    b.link(&early_warning, &smg).await;
    let [_, _, ocha_observer, _] = b
        .all([
            b.membership(&smg, &srsg).capacity("CHAIR"),
            b.membership(&smg, &unhcr)
                .capacity("OBSERVER")
                .note("Protection Cluster lead agency"),
            b.membership(&smg, &ocha)
                .capacity("OBSERVER")
                .from("2009-03-01"),
            b.membership(&early_warning, &public_information)
                .capacity("PRESENT_WITHOUT_MEMBERSHIP"),
        ])
        .await;
    let ocha_member = mutate(
        app,
        CHANGE_CAPACITY,
        json!({
            "id": ocha_observer.json(), "version": 1, "capacity": "MEMBER", "on": "2010-01-01",
        }),
    )
    .await;
    assert_eq!(
        ocha_member,
        json!({ "id": ocha_member["id"], "capacity": "MEMBER", "version": 1, "validFrom": "2010-01-01", "validTo": null })
    );
    Monuc {
        mission,
        srsg,
        unhcr,
        ocha,
        smg,
        early_warning,
        ocha_membership: ocha_member,
    }
}

const MEMBER: &str = "member { __typename ... on Organization { code } ... on Component { name } ... on Post { title } }";

fn seats(memberships: &Value) -> Vec<(String, String)> {
    memberships
        .as_array()
        .expect("memberships")
        .iter()
        .map(|m| {
            let member = &m["member"];
            let who = member["code"]
                .as_str()
                .or(member["name"].as_str())
                .or(member["title"].as_str())
                .expect("member named");
            (who.to_owned(), m["capacity"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

const SRSG: &str = "Special Representative of the Secretary-General";

in_process!(
    the_senior_management_group_on_poc_reads_back_through_every_relation,
    |app| async move {
        let m = monuc(&app).await;
        let query = format!(
            r#"query($smg: ID!, $ewc: ID!) {{
  smg: node(id: $smg) {{ ... on Forum {{
    name acronym kind level openToExternal standing meetingFrequency validFrom
    mission {{ acronym }}
    establishedByPost {{ title }}
    chair {{ capacity {MEMBER} }}
    memberships {{ capacity note {MEMBER} }}
    before: memberships(asOf: "2009-12-31") {{ capacity {MEMBER} }}
    early: memberships(asOf: "2009-02-01") {{ capacity {MEMBER} }}
    observers: memberships(capacities: [OBSERVER]) {{ capacity {MEMBER} }}
    reportingForums {{ name }}
    reportingBefore: reportingForums(asOf: "2009-05-31") {{ name }}
    reportsTo {{ name }}
    subgroups {{ name }}
    links {{ kind forum {{ acronym }} target {{ acronym }} validFrom validTo }}
  }} }}
  ewc: node(id: $ewc) {{ ... on Forum {{
    name openToExternal
    chair {{ capacity }}
    memberships {{ capacity {MEMBER} }}
    reportsTo {{ acronym }}
    subgroupOf {{ acronym }}
    links {{ kind forum {{ acronym }} target {{ acronym }} }}
  }} }}
}}"#
        );
        let data = app
            .data(
                &query,
                json!({ "smg": m.smg.json(), "ewc": m.early_warning.json() }),
            )
            .await;
        let smg = &data["smg"];
        assert_eq!(smg["name"], "Senior Management Group on Protection");
        assert_eq!(smg["acronym"], "SMG-P");
        assert_eq!(smg["kind"], "SENIOR_MANAGEMENT_GROUP");
        assert_eq!(smg["level"], "MISSION_HQ");
        assert_eq!(smg["openToExternal"], false);
        assert_eq!(smg["standing"], true);
        assert_eq!(smg["meetingFrequency"], "weekly");
        assert_eq!(smg["mission"]["acronym"], "MONUC");
        assert_eq!(smg["establishedByPost"]["title"], SRSG);
        assert_eq!(smg["chair"]["capacity"], "CHAIR");
        assert_eq!(
            smg["chair"]["member"],
            json!({ "__typename": "Post", "title": SRSG })
        );
        assert_eq!(
            seats(&smg["memberships"]),
            pairs(&[(SRSG, "CHAIR"), ("OCHA", "MEMBER"), ("UNHCR", "OBSERVER")]),
            "today: the chair first, then members, then observers"
        );
        assert_eq!(
            smg["memberships"][2]["note"],
            "Protection Cluster lead agency"
        );
        assert_eq!(
            seats(&smg["before"]),
            pairs(&[(SRSG, "CHAIR"), ("UNHCR", "OBSERVER"), ("OCHA", "OBSERVER")]),
            "the day before OCHA became a member"
        );
        assert_eq!(
            seats(&smg["early"]),
            pairs(&[(SRSG, "CHAIR"), ("UNHCR", "OBSERVER")]),
            "before OCHA joined"
        );
        assert_eq!(seats(&smg["observers"]), pairs(&[("UNHCR", "OBSERVER")]));
        assert_eq!(
            smg["reportingForums"],
            json!([{ "name": "Early Warning and Rapid Response Cell" }])
        );
        assert_eq!(smg["reportingBefore"], json!([]));
        assert_eq!(smg["reportsTo"], json!([]));
        assert_eq!(smg["subgroups"], json!([]));
        assert_eq!(
            smg["links"],
            json!([{ "kind": "REPORTS_TO", "forum": { "acronym": "EWRRC" }, "target": { "acronym": "SMG-P" }, "validFrom": "2009-06-01", "validTo": null }])
        );

        let ewc = &data["ewc"];
        assert_eq!(ewc["openToExternal"], true);
        assert_eq!(ewc["chair"], Value::Null, "the cell has no chair");
        assert_eq!(
            ewc["memberships"],
            json!([{ "capacity": "PRESENT_WITHOUT_MEMBERSHIP", "member": { "__typename": "Component", "name": "Public Information Office" } }])
        );
        assert_eq!(ewc["reportsTo"], json!([{ "acronym": "SMG-P" }]));
        assert_eq!(ewc["subgroupOf"], json!([]));
        assert_eq!(
            ewc["links"],
            json!([{ "kind": "REPORTS_TO", "forum": { "acronym": "EWRRC" }, "target": { "acronym": "SMG-P" } }])
        );

        // The other direction: the organisation's seats, and the membership back to its forum.
        let ocha = app
            .data(
                r#"{ organization(code: "OCHA") {
                  now: memberships { capacity forum { acronym } }
                  then: memberships(asOf: "2009-06-01") { capacity forum { acronym } }
                } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            ocha["organization"]["now"],
            json!([{ "capacity": "MEMBER", "forum": { "acronym": "SMG-P" } }])
        );
        assert_eq!(
            ocha["organization"]["then"],
            json!([{ "capacity": "OBSERVER", "forum": { "acronym": "SMG-P" } }])
        );

        let mission = app
            .data(
                r#"{ mission(acronym: "MONUC") { forums { acronym } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            mission["mission"]["forums"],
            json!([{ "acronym": "SMG-P" }, { "acronym": "EWRRC" }])
        );
    }
);

const HISTORY: &str = r#"query($organization: ID, $forum: ID, $from: Date, $to: Date) {
  forumMembershipHistory(organization: $organization, forum: $forum, from: $from, to: $to) {
    date change capacity previousCapacity
    forum { acronym }
    member { ... on Organization { code } ... on Component { name } ... on Post { title } }
    membership { capacity validFrom validTo }
    previousMembership { capacity validFrom validTo }
  }
}"#;

fn story(history: &Value) -> Vec<String> {
    history
        .as_array()
        .expect("history")
        .iter()
        .map(|e| {
            let member = &e["member"];
            let who = member["code"]
                .as_str()
                .or(member["name"].as_str())
                .or(member["title"].as_str())
                .unwrap_or("?");
            let previous = e["previousCapacity"]
                .as_str()
                .map(|p| format!(" from {p}"))
                .unwrap_or_default();
            format!(
                "{} {} {} {} as {}{previous}",
                e["date"].as_str().unwrap(),
                e["forum"]["acronym"].as_str().unwrap(),
                who,
                e["change"].as_str().unwrap(),
                e["capacity"].as_str().unwrap(),
            )
        })
        .collect()
}

in_process!(
    hq_sees_ocha_join_as_observer_then_become_a_member,
    |app| async move {
        let m = monuc(&app).await;
        let ocha = app
            .data(HISTORY, json!({ "organization": m.ocha.json() }))
            .await["forumMembershipHistory"]
            .clone();
        assert_eq!(
            story(&ocha),
            [
                "2009-03-01 SMG-P OCHA JOINED as OBSERVER",
                "2010-01-01 SMG-P OCHA CAPACITY_CHANGED as MEMBER from OBSERVER",
            ]
        );
        assert_eq!(
            ocha[1]["membership"],
            json!({ "capacity": "MEMBER", "validFrom": "2010-01-01", "validTo": null })
        );
        assert_eq!(
            ocha[1]["previousMembership"],
            json!({ "capacity": "OBSERVER", "validFrom": "2009-03-01", "validTo": "2010-01-01" })
        );
        assert_eq!(ocha[0]["previousMembership"], Value::Null);

        let smg = app.data(HISTORY, json!({ "forum": m.smg.json() })).await
            ["forumMembershipHistory"]
            .clone();
        assert_eq!(
            story(&smg),
            [
                format!("2009-01-01 SMG-P {SRSG} JOINED as CHAIR"),
                "2009-01-01 SMG-P UNHCR JOINED as OBSERVER".to_owned(),
                "2009-03-01 SMG-P OCHA JOINED as OBSERVER".to_owned(),
                "2010-01-01 SMG-P OCHA CAPACITY_CHANGED as MEMBER from OBSERVER".to_owned(),
            ]
        );

        // Both ends of the window are included; the change on its first day is still one event.
        let window = app
            .data(
                HISTORY,
                json!({ "forum": m.smg.json(), "from": "2009-03-01", "to": "2009-12-31" }),
            )
            .await;
        assert_eq!(
            story(&window["forumMembershipHistory"]),
            ["2009-03-01 SMG-P OCHA JOINED as OBSERVER"]
        );
        let change_day = app
            .data(HISTORY, json!({ "organization": m.ocha.json(), "forum": m.smg.json(), "from": "2010-01-01", "to": "2010-01-01" }))
            .await;
        assert_eq!(
            story(&change_day["forumMembershipHistory"]),
            ["2010-01-01 SMG-P OCHA CAPACITY_CHANGED as MEMBER from OBSERVER"]
        );

        // UNHCR leaves the group: a departure, not a change of capacity.
        let unhcr_seat = app
            .data(
                r#"{ organization(code: "UNHCR") { memberships { id version } } }"#,
                json!({}),
            )
            .await["organization"]["memberships"][0]
            .clone();
        mutate(
            &app,
            r#"mutation($input: EndInput!) { endForumMembership(input: $input) { validTo } }"#,
            json!({ "id": unhcr_seat["id"], "version": unhcr_seat["version"], "on": "2011-07-01" }),
        )
        .await;
        let unhcr = app
            .data(
                HISTORY,
                json!({ "organization": m.unhcr.json(), "from": "2010-01-01" }),
            )
            .await;
        assert_eq!(
            story(&unhcr["forumMembershipHistory"]),
            ["2011-07-01 SMG-P UNHCR LEFT as OBSERVER"]
        );

        let cell = app
            .data(HISTORY, json!({ "forum": m.early_warning.json() }))
            .await;
        assert_eq!(
            story(&cell["forumMembershipHistory"]),
            ["2009-06-01 EWRRC Public Information Office JOINED as PRESENT_WITHOUT_MEMBERSHIP"]
        );
    }
);

in_process!(
    the_membership_history_needs_an_organization_or_a_forum_and_an_ordered_period,
    |app| async move {
        let m = monuc(&app).await;
        let cases = [
            (json!({}), "BAD_USER_INPUT", "",
                "pass `organization`, `forum` or both: the history of every membership everywhere is not offered"),
            (json!({ "forum": m.smg.json(), "from": "2010-01-02", "to": "2010-01-01" }), "BAD_USER_INPUT", "to",
                "`to` (2010-01-01) must not be before `from` (2010-01-02)"),
            (json!({ "organization": m.smg.json() }), "BAD_USER_INPUT", "organization",
                "`organization` must identify a record of type Organization, but identifies one of type Forum"),
            (json!({ "forum": m.ocha.json() }), "BAD_USER_INPUT", "forum",
                "`forum` must identify a record of type Forum, but identifies one of type Organization"),
            (json!({ "organization": "T3JnYW5pemF0aW9uOjAxOTNiNmU4LTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA" }), "NOT_FOUND", "",
                "no organization has this ID or code"),
            (json!({ "organization": "NO-SUCH-ORG" }), "NOT_FOUND", "",
                "no organization has this ID or code"),
        ];
        for (variables, code, field, message) in cases {
            let body = app.graphql(HISTORY, variables.clone()).await;
            assert_eq!(error_code(&body), code, "{variables}: {body}");
            assert_eq!(error_message(&body), message, "{variables}");
            assert_eq!(
                body["errors"][0]["extensions"]["field"]
                    .as_str()
                    .unwrap_or(""),
                field,
                "{variables}"
            );
        }
    }
);

const LIST: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $filter: ForumFilter, $orderBy: ForumOrder = NAME_ASC) {
  forums(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { acronym }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

fn acronyms(data: &Value) -> Vec<String> {
    data["forums"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["acronym"].as_str().unwrap_or("-").to_owned())
        .collect()
}

in_process!(forums_are_filtered_ordered_and_paged, |app| async move {
    let m = monuc(&app).await;
    let b = Build::new(&app);
    let cluster = b
        .cluster("PC-COD", "Protection Cluster DRC")
        .from("2006-01-01")
        .await;
    let aor = b
        .aor(&cluster, "Child Protection AoR", "CHILD_PROTECTION")
        .await;
    let (cluster_id, aor_id) = (cluster.json(), aor.json());
    mutate(&app, CREATE_FORUM, json!({
            "name": "Protection Cluster meeting", "acronym": "PC", "kind": "PROTECTION_CLUSTER",
            "level": "MISSION_HQ", "clusterId": cluster_id, "openToExternal": true, "validFrom": "2006-03-01",
        })).await;
    mutate(
        &app,
        CREATE_FORUM,
        json!({
            "name": "Child Protection working group", "acronym": "CPWG", "kind": "AOR_COORDINATION",
            "level": "REGIONAL", "clusterId": cluster_id, "areaOfResponsibilityId": aor_id,
            "validFrom": "2007-01-01", "validTo": "2012-01-01",
        }),
    )
    .await;
    let jpt = mutate(&app, CREATE_FORUM, json!({
            "name": "Joint Protection Team Beni", "acronym": "JPT-BENI", "kind": "JOINT_PROTECTION_TEAM",
            "level": "LOCAL", "missionId": m.mission.json(), "standing": false, "validFrom": "2008-05-01",
        })).await;
    mutate(
        &app,
        "mutation($input: ArchiveInput!) { archiveForum(input: $input) { archivedAt } }",
        json!({ "id": jpt["id"], "version": 1 }),
    )
    .await;

    let list = |filter: Value, order: &str| {
        let app = &app;
        let order = order.to_owned();
        async move {
            acronyms(
                &app.data(LIST, json!({ "filter": filter, "orderBy": order }))
                    .await,
            )
        }
    };
    assert_eq!(
        list(json!({}), "NAME_ASC").await,
        ["CPWG", "EWRRC", "PC", "SMG-P"]
    );
    assert_eq!(
        list(json!({ "includeArchived": true }), "VALID_FROM_ASC").await,
        ["PC", "CPWG", "JPT-BENI", "SMG-P", "EWRRC"]
    );
    assert_eq!(
        list(json!({}), "VALID_FROM_DESC").await,
        ["EWRRC", "SMG-P", "CPWG", "PC"]
    );
    assert_eq!(
        list(json!({ "missionId": m.mission.json() }), "NAME_ASC").await,
        ["EWRRC", "SMG-P"]
    );
    assert_eq!(
        list(json!({ "clusterId": cluster_id }), "NAME_ASC").await,
        ["CPWG", "PC"]
    );
    assert_eq!(
        list(json!({ "areaOfResponsibilityId": aor_id }), "NAME_ASC").await,
        ["CPWG"]
    );
    assert_eq!(
        list(
            json!({ "kinds": ["EARLY_WARNING_CELL", "PROTECTION_CLUSTER"] }),
            "NAME_ASC"
        )
        .await,
        ["EWRRC", "PC"]
    );
    assert_eq!(
        list(
            json!({ "levels": ["REGIONAL", "LOCAL"], "includeArchived": true }),
            "NAME_ASC"
        )
        .await,
        ["CPWG", "JPT-BENI"]
    );
    assert_eq!(
        list(json!({ "openToExternal": true }), "NAME_ASC").await,
        ["EWRRC", "PC"]
    );
    assert_eq!(
        list(json!({ "openToExternal": false }), "NAME_ASC").await,
        ["CPWG", "SMG-P"]
    );
    assert_eq!(
        list(json!({ "search": "smg" }), "NAME_ASC").await,
        ["SMG-P"]
    );
    assert_eq!(
        list(json!({ "search": "PROTECTION" }), "NAME_ASC").await,
        ["CPWG", "PC", "SMG-P"]
    );
    assert_eq!(
        list(json!({ "asOf": "2009-02-01" }), "NAME_ASC").await,
        ["CPWG", "PC", "SMG-P"]
    );
    assert_eq!(
        list(json!({ "asOf": "2012-01-01" }), "NAME_ASC").await,
        ["EWRRC", "PC", "SMG-P"]
    );

    // Paging: forward, back from the last page, and a cursor of another ordering.
    let page = |vars: Value| {
        let app = &app;
        async move { app.data(LIST, vars).await }
    };
    let first = page(json!({ "first": 3 })).await;
    assert_eq!(acronyms(&first), ["CPWG", "EWRRC", "PC"]);
    assert_eq!(first["forums"]["totalCount"], 4);
    assert_eq!(first["forums"]["pageInfo"]["hasNextPage"], true);
    let second =
        page(json!({ "first": 3, "after": first["forums"]["pageInfo"]["endCursor"] })).await;
    assert_eq!(acronyms(&second), ["SMG-P"]);
    assert_eq!(second["forums"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["forums"]["pageInfo"]["hasPreviousPage"], true);
    let back =
        page(json!({ "last": 2, "before": second["forums"]["pageInfo"]["startCursor"] })).await;
    assert_eq!(acronyms(&back), ["EWRRC", "PC"]);
    assert_eq!(back["forums"]["pageInfo"]["hasPreviousPage"], true);
    let wrong = app
            .graphql(LIST, json!({ "first": 3, "after": first["forums"]["pageInfo"]["endCursor"], "orderBy": "VALID_FROM_ASC" }))
            .await;
    assert_eq!(error_code(&wrong), "BAD_USER_INPUT");
    assert_eq!(
            error_message(&wrong),
            "`after` is a cursor for ordering NAME_ASC, not VALID_FROM_ASC; restart paging from the first page"
        );
    let bad_filter = app
        .graphql(LIST, json!({ "filter": { "missionId": m.ocha.json() } }))
        .await;
    assert_eq!(error_code(&bad_filter), "BAD_USER_INPUT");
    assert_eq!(
        bad_filter["errors"][0]["extensions"]["field"],
        "filter.missionId"
    );
});
