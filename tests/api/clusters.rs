use coordmap_api::graphql::ids::{decode_any, encode, NodeKind};
use entity::enums::{ComponentKind, ForumKind};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::fixtures::{
    insert_mission_component, insert_mission_forum, insert_organization, ForumHome,
};
use crate::helpers::{error_code, error_message, TestApp};
use crate::in_process;

pub fn gid(kind: NodeKind, id: Uuid) -> Value {
    json!(encode(kind, id).0)
}

/// The raw key behind a global ID, to arrange rows that hang from records made over the API.
pub fn uuid_of(id: &Value) -> Uuid {
    decode_any(id.as_str().expect("ID"), "id")
        .expect("global ID")
        .1
}

pub const CREATE_CLUSTER: &str = r#"mutation($input: CreateClusterInput!) {
  createCluster(input: $input) { id code version }
}"#;

pub const CREATE_AOR: &str = r#"mutation($input: CreateAreaOfResponsibilityInput!) {
  createAreaOfResponsibility(input: $input) { id name version }
}"#;

pub const SET_LEAD: &str = r#"mutation($input: SetLeadAgencyInput!) {
  setLeadAgency(input: $input) { id role version validFrom validTo }
}"#;

/// The records of the protection scenario, by global ID.
pub struct Protection {
    pub mission: Uuid,
    pub unhcr: Value,
    pub unicef: Value,
    pub unfpa: Value,
    pub unmas: Value,
    pub human_rights: Value,
    pub gpc: Value,
    pub pc_cod: Value,
    pub child_protection: Value,
    pub gbv: Value,
    pub mine_action: Value,
    pub hlp: Value,
    pub unmas_lead: Value,
}

pub async fn mutate(app: &TestApp, query: &str, input: Value) -> Value {
    let data = app.data(query, json!({ "input": input })).await;
    data.as_object()
        .and_then(|o| o.values().next())
        .cloned()
        .expect("mutation result")
}

/// The Global Protection Cluster (GLOBAL, led by UNHCR) and the Protection Cluster in the DRC
/// under it, with its four Areas of Responsibility, built through the mutations.
pub async fn build_protection(app: &TestApp) -> Protection {
    let db = app.db();
    let mut orgs = Vec::new();
    for (code, name) in [
        ("UNHCR", "Office of the UN High Commissioner for Refugees"),
        ("UNICEF", "United Nations Children's Fund"),
        ("UNFPA", "United Nations Population Fund"),
        ("UNMAS", "United Nations Mine Action Service"),
    ] {
        let org = insert_organization(db, code, name).await;
        orgs.push(gid(NodeKind::Organization, org.id));
    }
    let [unhcr, unicef, unfpa, unmas] = <[Value; 4]>::try_from(orgs).expect("four agencies");
    let mission = mutate(
        app,
        r#"mutation($input: CreateMissionInput!) { createMission(input: $input) { id } }"#,
        json!({ "acronym": "MONUSCO", "name": "UN Organization Stabilization Mission in the DRC",
                "kind": "PEACEKEEPING", "countryCode": "COD", "validFrom": "1999-11-30" }),
    )
    .await;
    let mission = uuid_of(&mission["id"]);
    let jhro = insert_mission_component(
        db,
        mission,
        "UN Joint Human Rights Office",
        Some("UNJHRO"),
        ComponentKind::Civilian,
    )
    .await;
    let cps = insert_mission_component(
        db,
        mission,
        "Child Protection Section",
        Some("CPS"),
        ComponentKind::Civilian,
    )
    .await;
    let human_rights = gid(NodeKind::Component, jhro.id);

    let gpc = mutate(
        app,
        CREATE_CLUSTER,
        json!({ "code": "GPC", "name": "Global Protection Cluster", "scope": "GLOBAL",
                "sector": "PROTECTION", "validFrom": "2005-12-01" }),
    )
    .await["id"]
        .clone();
    mutate(
        app,
        SET_LEAD,
        json!({ "clusterId": gpc, "organizationId": unhcr, "role": "LEAD", "validFrom": "2005-12-01" }),
    )
    .await;
    let pc_cod = mutate(
        app,
        CREATE_CLUSTER,
        json!({ "code": "pc-cod", "name": "Protection Cluster DRC", "scope": "FIELD",
                "sector": "PROTECTION", "parentId": gpc, "countryCode": "cod", "validFrom": "2006-01-01" }),
    )
    .await["id"]
        .clone();
    mutate(
        app,
        SET_LEAD,
        json!({ "clusterId": pc_cod, "organizationId": unhcr, "validFrom": "2006-01-01" }),
    )
    .await;
    mutate(
        app,
        SET_LEAD,
        json!({ "clusterId": pc_cod, "componentId": human_rights, "role": "CO_LEAD",
                "validFrom": "2006-01-01", "validTo": "2012-01-01" }),
    )
    .await;

    let aor = |name: &str, theme: &str, from: &str| json!({ "clusterId": pc_cod, "name": name, "theme": theme, "validFrom": from });
    let mut cp_input = aor("Child Protection AoR", "CHILD_PROTECTION", "2006-01-01");
    cp_input["counterpartComponentId"] = gid(NodeKind::Component, cps.id);
    let child_protection = mutate(app, CREATE_AOR, cp_input).await["id"].clone();
    let gbv = mutate(
        app,
        CREATE_AOR,
        aor(
            "Gender-Based Violence AoR",
            "GENDER_BASED_VIOLENCE",
            "2006-01-01",
        ),
    )
    .await["id"]
        .clone();
    let mine_action = mutate(
        app,
        CREATE_AOR,
        aor("Mine Action AoR", "MINE_ACTION", "2006-01-01"),
    )
    .await["id"]
        .clone();
    let hlp = mutate(
        app,
        CREATE_AOR,
        aor(
            "Housing, Land and Property AoR",
            "HOUSING_LAND_PROPERTY",
            "2010-01-01",
        ),
    )
    .await["id"]
        .clone();
    for (area, lead) in [(&child_protection, &unicef), (&gbv, &unfpa)] {
        mutate(
            app,
            SET_LEAD,
            json!({ "areaOfResponsibilityId": area, "organizationId": lead, "validFrom": "2006-01-01" }),
        )
        .await;
    }
    let unmas_lead = mutate(
        app,
        SET_LEAD,
        json!({ "areaOfResponsibilityId": mine_action, "organizationId": unmas, "validFrom": "2006-01-01" }),
    )
    .await;

    insert_mission_forum(
        db,
        ForumHome {
            cluster_id: Some(uuid_of(&pc_cod)),
            ..ForumHome::default()
        },
        "Protection Cluster DRC (national meeting)",
        Some("PC-DRC"),
        ForumKind::ProtectionCluster,
        "2006-01-01",
    )
    .await;
    insert_mission_forum(
        db,
        ForumHome {
            area_of_responsibility_id: Some(uuid_of(&child_protection)),
            ..ForumHome::default()
        },
        "Child Protection AoR coordination meeting",
        None,
        ForumKind::AorCoordination,
        "2006-01-01",
    )
    .await;

    Protection {
        mission,
        unhcr,
        unicef,
        unfpa,
        unmas,
        human_rights,
        gpc,
        pc_cod,
        child_protection,
        gbv,
        mine_action,
        hlp,
        unmas_lead,
    }
}

const READ_CLUSTER: &str = r#"query($code: String!, $asOf: Date) {
  cluster(code: $code) {
    code name scope sector countryCode isClusterLike
    parent { code }
    children(asOf: $asOf) { code countryCode }
    leadAgencies(asOf: $asOf) {
      role validFrom validTo
      organization { code }
      component { acronym }
      cluster { code }
      areaOfResponsibility { name }
    }
    forums(asOf: $asOf) { name kind cluster { code } }
    areasOfResponsibility(asOf: $asOf) {
      name theme
      cluster { code }
      counterpartComponent { name }
      leadAgencies(asOf: $asOf) { role organization { code } areaOfResponsibility { theme } }
      forums(asOf: $asOf) { name areaOfResponsibility { theme } }
    }
  }
}"#;

fn leads(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("leads")
        .iter()
        .map(|l| {
            let who = l["organization"]["code"]
                .as_str()
                .or(l["component"]["acronym"].as_str())
                .unwrap_or("?");
            format!("{} {who}", l["role"].as_str().unwrap_or("?"))
        })
        .collect()
}

fn names(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|n| n[field].as_str().expect("text").to_owned())
        .collect()
}

in_process!(
    the_protection_cluster_and_its_areas_of_responsibility_read_back_through_every_relation,
    |app| async move {
        let p = build_protection(&app).await;
        let _ = (
            &p.unicef,
            &p.unfpa,
            &p.unmas,
            &p.human_rights,
            &p.gbv,
            &p.hlp,
        );

        let gpc = app.data(READ_CLUSTER, json!({ "code": "gpc" })).await["cluster"].clone();
        assert_eq!(gpc["scope"], "GLOBAL");
        assert_eq!(gpc["parent"], Value::Null);
        assert_eq!(
            gpc["children"],
            json!([{ "code": "PC-COD", "countryCode": "COD" }])
        );
        assert_eq!(leads(&gpc["leadAgencies"]), ["LEAD UNHCR"]);
        assert_eq!(gpc["leadAgencies"][0]["cluster"]["code"], "GPC");
        assert_eq!(gpc["areasOfResponsibility"], json!([]));

        let today = app.data(READ_CLUSTER, json!({ "code": "PC-COD" })).await["cluster"].clone();
        assert_eq!(today["parent"]["code"], "GPC");
        assert_eq!(today["scope"], "FIELD");
        assert_eq!(
            leads(&today["leadAgencies"]),
            ["LEAD UNHCR"],
            "the co-lead ended in 2012"
        );
        assert_eq!(
            names(&today["forums"], "name"),
            ["Protection Cluster DRC (national meeting)"]
        );
        assert_eq!(today["forums"][0]["cluster"]["code"], "PC-COD");
        let aors = &today["areasOfResponsibility"];
        assert_eq!(
            names(aors, "name"),
            [
                "Child Protection AoR",
                "Gender-Based Violence AoR",
                "Housing, Land and Property AoR",
                "Mine Action AoR"
            ]
        );
        let lead_of = |i: usize| leads(&aors[i]["leadAgencies"]);
        assert_eq!(lead_of(0), ["LEAD UNICEF"]);
        assert_eq!(lead_of(1), ["LEAD UNFPA"]);
        assert_eq!(lead_of(2), Vec::<String>::new(), "HLP has no lead: a gap");
        assert_eq!(lead_of(3), ["LEAD UNMAS"]);
        assert_eq!(
            aors[0]["leadAgencies"][0]["areaOfResponsibility"]["theme"],
            "CHILD_PROTECTION"
        );
        assert_eq!(
            aors[0]["counterpartComponent"]["name"],
            "Child Protection Section"
        );
        assert_eq!(aors[0]["cluster"]["code"], "PC-COD");
        assert_eq!(
            aors[0]["forums"],
            json!([{ "name": "Child Protection AoR coordination meeting",
                     "areaOfResponsibility": { "theme": "CHILD_PROTECTION" } }])
        );

        // In 2008 the Human Rights Office co-led the cluster and HLP did not exist yet.
        let in_2008 = app
            .data(
                READ_CLUSTER,
                json!({ "code": "PC-COD", "asOf": "2008-06-01" }),
            )
            .await["cluster"]
            .clone();
        assert_eq!(
            leads(&in_2008["leadAgencies"]),
            ["LEAD UNHCR", "CO_LEAD UNJHRO"]
        );
        assert_eq!(
            names(&in_2008["areasOfResponsibility"], "theme"),
            ["CHILD_PROTECTION", "GENDER_BASED_VIOLENCE", "MINE_ACTION"]
        );
        // Before the cluster approach nothing held.
        let in_2004 = app
            .data(READ_CLUSTER, json!({ "code": "GPC", "asOf": "2004-01-01" }))
            .await["cluster"]
            .clone();
        assert_eq!(in_2004["children"], json!([]));
        assert_eq!(in_2004["leadAgencies"], json!([]));

        // UNMAS hands over the Mine Action AoR: the lead ends, its history stays.
        let ended = app
            .data(
                r#"mutation($input: EndInput!) { endLeadAgency(input: $input) { validTo version } }"#,
                json!({ "input": { "id": p.unmas_lead["id"], "version": 1, "on": "2015-01-01" } }),
            )
            .await["endLeadAgency"]
            .clone();
        assert_eq!(ended, json!({ "validTo": "2015-01-01", "version": 2 }));
        let mine = r#"query($asOf: Date) { areasOfResponsibility(filter: { themes: [MINE_ACTION] }) {
            nodes { leadAgencies(asOf: $asOf) { organization { code } } } } }"#;
        let now = app.data(mine, json!({})).await;
        assert_eq!(
            now["areasOfResponsibility"]["nodes"][0]["leadAgencies"],
            json!([])
        );
        let before = app.data(mine, json!({ "asOf": "2014-12-31" })).await;
        assert_eq!(
            before["areasOfResponsibility"]["nodes"][0]["leadAgencies"],
            json!([{ "organization": { "code": "UNMAS" } }])
        );
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation } }",
                json!({ "id": p.unmas_lead["id"] }),
            )
            .await;
        assert_eq!(
            log["auditLog"],
            json!([{ "operation": "setLeadAgency" }, { "operation": "endLeadAgency" }])
        );

        // The mission in the same country sees the field cluster working alongside it.
        let alongside = app
            .data(
                r#"{ mission(acronym: "MONUSCO") { clusters { code } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            alongside["mission"]["clusters"],
            json!([{ "code": "PC-COD" }])
        );
        assert!(!p.mission.is_nil());
    }
);

in_process!(
    cluster_and_aor_lists_filter_by_scope_sector_country_parent_text_and_date,
    |app| async move {
        let p = build_protection(&app).await;
        let codes = |data: &Value| -> Vec<String> { names(&data["clusters"]["nodes"], "code") };
        let q = r#"query($filter: ClusterFilter) { clusters(filter: $filter) { totalCount nodes { code } } }"#;
        let cases = [
            (json!({}), vec!["GPC", "PC-COD"]),
            (json!({ "scopes": ["GLOBAL"] }), vec!["GPC"]),
            (json!({ "sectors": ["HEALTH"] }), vec![]),
            (json!({ "countryCode": "cod" }), vec!["PC-COD"]),
            (json!({ "parentId": p.gpc }), vec!["PC-COD"]),
            (json!({ "search": "global" }), vec!["GPC"]),
            (json!({ "search": "pc-" }), vec!["PC-COD"]),
            (json!({ "asOf": "2005-12-31" }), vec!["GPC"]),
        ];
        for (filter, expected) in cases {
            let data = app.data(q, json!({ "filter": filter })).await;
            assert_eq!(codes(&data), expected, "filter {filter}");
        }
        let by_name = app
            .data(
                "{ clusters(orderBy: VALID_FROM_DESC) { nodes { code } } }",
                json!({}),
            )
            .await;
        assert_eq!(codes(&by_name), ["PC-COD", "GPC"]);

        let aq = r#"query($filter: AreaOfResponsibilityFilter) {
            areasOfResponsibility(filter: $filter) { totalCount nodes { name } } }"#;
        let aor_names = |data: &Value| names(&data["areasOfResponsibility"]["nodes"], "name");
        let cases = [
            (json!({ "clusterId": p.pc_cod }), 4),
            (json!({ "clusterId": p.gpc }), 0),
            (
                json!({ "themes": ["GENDER_BASED_VIOLENCE", "MINE_ACTION"] }),
                2,
            ),
            (json!({ "search": "HOUSING" }), 1),
            (json!({ "asOf": "2009-12-31" }), 3),
        ];
        for (filter, expected) in cases {
            let data = app.data(aq, json!({ "filter": filter })).await;
            assert_eq!(
                data["areasOfResponsibility"]["totalCount"], expected,
                "filter {filter}"
            );
        }
        let gbv = app
            .data(
                aq,
                json!({ "filter": { "themes": ["GENDER_BASED_VIOLENCE"] } }),
            )
            .await;
        assert_eq!(aor_names(&gbv), ["Gender-Based Violence AoR"]);

        // Archiving takes a record out of the default lists, not out of history.
        app.data(
            "mutation($input: ArchiveInput!) { archiveAreaOfResponsibility(input: $input) { archivedAt } }",
            json!({ "input": { "id": p.hlp, "version": 1 } }),
        )
        .await;
        let live = app.data(aq, json!({ "filter": {} })).await;
        assert_eq!(live["areasOfResponsibility"]["totalCount"], 3);
        let all = app
            .data(aq, json!({ "filter": { "includeArchived": true } }))
            .await;
        assert_eq!(all["areasOfResponsibility"]["totalCount"], 4);
        let wrong = app
            .graphql(q, json!({ "filter": { "parentId": p.unhcr } }))
            .await;
        assert_eq!(error_code(&wrong), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&wrong),
            "`filter.parentId` must identify a record of type Cluster, but identifies one of type Organization"
        );
    }
);

in_process!(cluster_and_aor_lists_page_with_cursors, |app| async move {
    build_protection(&app).await;
    let q = r#"query($after: String) { clusters(first: 1, after: $after) {
            nodes { code } pageInfo { hasNextPage endCursor } } }"#;
    let first = app.data(q, json!({})).await["clusters"].clone();
    assert_eq!(first["nodes"], json!([{ "code": "GPC" }]));
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let second = app
        .data(q, json!({ "after": first["pageInfo"]["endCursor"] }))
        .await["clusters"]
        .clone();
    assert_eq!(second["nodes"], json!([{ "code": "PC-COD" }]));
    assert_eq!(second["pageInfo"]["hasNextPage"], false);

    let aq = r#"query($before: String) { areasOfResponsibility(last: 2, before: $before) {
            nodes { name } pageInfo { hasPreviousPage startCursor } } }"#;
    let tail = app.data(aq, json!({})).await["areasOfResponsibility"].clone();
    assert_eq!(
        names(&tail["nodes"], "name"),
        ["Housing, Land and Property AoR", "Mine Action AoR"]
    );
    let head = app
        .data(aq, json!({ "before": tail["pageInfo"]["startCursor"] }))
        .await["areasOfResponsibility"]
        .clone();
    assert_eq!(
        names(&head["nodes"], "name"),
        ["Child Protection AoR", "Gender-Based Violence AoR"]
    );
    assert_eq!(head["pageInfo"]["hasPreviousPage"], false);
    let mismatched = app
            .graphql(
                r#"query($after: String) { clusters(first: 1, after: $after, orderBy: NAME_ASC) { nodes { code } } }"#,
                json!({ "after": first["pageInfo"]["endCursor"] }),
            )
            .await;
    assert_eq!(error_code(&mismatched), "BAD_USER_INPUT");
});

in_process!(
    an_unknown_cluster_code_is_not_found_and_named,
    |app| async move {
        let body = app
            .graphql(r#"{ cluster(code: " nope ") { code } }"#, json!({}))
            .await;
        assert_eq!(error_code(&body), "NOT_FOUND");
        assert_eq!(error_message(&body), "no cluster has code `nope`");
    }
);
