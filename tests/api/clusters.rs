use coordmap_api::graphql::ids::{decode_any, encode, NodeKind};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::build::{AorId, Build, ClusterId, ComponentId, LeadId, MissionId, OrganizationId};
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

/// The records of the protection scenario.
pub struct Protection {
    pub mission: MissionId,
    pub unhcr: OrganizationId,
    pub unicef: OrganizationId,
    pub unfpa: OrganizationId,
    pub unmas: OrganizationId,
    pub human_rights: ComponentId,
    pub gpc: ClusterId,
    pub pc_cod: ClusterId,
    pub child_protection: AorId,
    pub gbv: AorId,
    pub mine_action: AorId,
    pub hlp: AorId,
    pub unmas_lead: LeadId,
}

pub async fn mutate(app: &TestApp, query: &str, input: Value) -> Value {
    let data = app.data(query, json!({ "input": input })).await;
    data.as_object()
        .and_then(|o| o.values().next())
        .cloned()
        .expect("mutation result")
}

/// The Global Protection Cluster (GLOBAL, led by UNHCR) and the Protection Cluster in the DRC
/// under it (co-led by MONUSCO's Human Rights Office until 2012), with its four Areas of
/// Responsibility (Housing, Land and Property from 2010, without a lead) and the forums of the
/// cluster and of its Child Protection AoR.
pub async fn build_protection(app: &TestApp) -> Protection {
    let b = Build::new(app);
    let [unhcr, unicef, unfpa, unmas] = b
        .all(["UNHCR", "UNICEF", "UNFPA", "UNMAS"].map(|code| b.agency(code)))
        .await;
    let mission = b.monusco().country("COD").await;
    let y2000 = b.starting("2000-01-01");
    let [human_rights, cps] = b
        .all([
            y2000
                .component(&mission, "UN Joint Human Rights Office")
                .acronym("UNJHRO"),
            y2000
                .component(&mission, "Child Protection Section")
                .acronym("CPS"),
        ])
        .await;

    let gpc = b.gpc().await;
    b.lead(&gpc, &unhcr).await;
    // Code and country in lower case: the mutation keeps them upper case.
    let pc_cod = b
        .cluster("pc-cod", "Protection Cluster DRC")
        .parent(&gpc)
        .country("cod")
        .from("2006-01-01")
        .await;
    b.all([
        b.lead(&pc_cod, &unhcr),
        b.lead(&pc_cod, &human_rights)
            .role("CO_LEAD")
            .to("2012-01-01"),
    ])
    .await;

    let [child_protection, gbv, mine_action, hlp] = b
        .all([
            b.aor(&pc_cod, "Child Protection AoR", "CHILD_PROTECTION")
                .counterpart(&cps),
            b.aor(
                &pc_cod,
                "Gender-Based Violence AoR",
                "GENDER_BASED_VIOLENCE",
            ),
            b.aor(&pc_cod, "Mine Action AoR", "MINE_ACTION"),
            b.aor(
                &pc_cod,
                "Housing, Land and Property AoR",
                "HOUSING_LAND_PROPERTY",
            )
            .from("2010-01-01"),
        ])
        .await;
    let [_, _, unmas_lead] = b
        .all([
            b.lead(&child_protection, &unicef),
            b.lead(&gbv, &unfpa),
            b.lead(&mine_action, &unmas),
        ])
        .await;

    b.all([
        b.forum(
            "Protection Cluster DRC (national meeting)",
            "PROTECTION_CLUSTER",
        )
        .acronym("PC-DRC")
        .cluster(&pc_cod)
        .open(),
        b.forum(
            "Child Protection AoR coordination meeting",
            "AOR_COORDINATION",
        )
        .aor(&child_protection)
        .open(),
    ])
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
                json!({ "input": { "id": p.unmas_lead.json(), "version": 1, "on": "2015-01-01" } }),
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
                json!({ "id": p.unmas_lead.json() }),
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
        assert!(!p.mission.uuid().is_nil());
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
            (json!({ "parentId": p.gpc.json() }), vec!["PC-COD"]),
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
            (json!({ "clusterId": p.pc_cod.json() }), 4),
            (json!({ "clusterId": p.gpc.json() }), 0),
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
            json!({ "input": { "id": p.hlp.json(), "version": 1 } }),
        )
        .await;
        let live = app.data(aq, json!({ "filter": {} })).await;
        assert_eq!(live["areasOfResponsibility"]["totalCount"], 3);
        let all = app
            .data(aq, json!({ "filter": { "includeArchived": true } }))
            .await;
        assert_eq!(all["areasOfResponsibility"]["totalCount"], 4);
        let wrong = app
            .graphql(q, json!({ "filter": { "parentId": p.unhcr.json() } }))
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
