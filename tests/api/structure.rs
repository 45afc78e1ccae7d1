//! A mission's structure built through the mutations and read back through every relation.

use serde_json::{json, Value};

use crate::build::{Build, ComponentId, HatId, MissionId, OrganizationId, PersonId, PostId};
use crate::helpers::TestApp;
use crate::in_process;

/// Runs mutation `op` taking `input` of type `input_type` and returns `id` and `version` of
/// what it made.
pub async fn mutate(app: &TestApp, op: &str, input_type: &str, input: Value) -> Value {
    let query =
        format!("mutation($input: {input_type}!) {{ {op}(input: $input) {{ id version }} }}");
    app.data(&query, json!({ "input": input })).await[op].clone()
}

/// The records of the scenario.
pub struct Scenario {
    pub mission: MissionId,
    pub ohchr: OrganizationId,
    pub office_of_srsg: ComponentId,
    pub force: ComponentId,
    pub human_rights: ComponentId,
    pub monitoring_unit: ComponentId,
    pub child_protection: ComponentId,
    pub srsg: PostId,
    pub triple_hatted: PostId,
    pub dsrsg_political: PostId,
    pub head_of_human_rights: PostId,
    pub chief_child_protection: PostId,
    pub force_commander: PostId,
    pub high_commissioner: PostId,
    pub hc_hat: HatId,
    pub srsg_person: PersonId,
    pub acting_dsrsg_person: PersonId,
}

/// MONUSCO (from 2010-07-01, as is all its structure) with an SRSG (Head of Mission), a
/// triple-hatted DSRSG/RC/HC, a DSRSG Political with Human Rights and Child Protection reporting
/// to it, the Head of Human Rights also reporting functionally to the High Commissioner, and a
/// Force Commander under the SRSG's command.
pub async fn build_mission(app: &TestApp) -> Scenario {
    let b = Build::new(app);
    let mission = b
        .monusco()
        .from("2010-07-01")
        .poc()
        .chapter_vii()
        .human_rights()
        .await;
    let ohchr = b.agency("OHCHR").await;

    let component =
        |name, kind, specialty| b.component(&mission, name).kind(kind).specialty(specialty);
    let [office_of_srsg, force, human_rights] = b
        .all([
            component("Office of the SRSG", "CIVILIAN", "EXECUTIVE_OFFICE"),
            component("Force", "MILITARY", "FORCE"),
            component("UN Joint Human Rights Office", "CIVILIAN", "HUMAN_RIGHTS").acronym("UNJHRO"),
        ])
        .await;
    let [monitoring_unit, child_protection] = b
        .all([
            component(
                "Human Rights Monitoring Unit, Goma",
                "CIVILIAN",
                "HUMAN_RIGHTS",
            )
            .under(&human_rights)
            .level("FIELD"),
            component("Child Protection Section", "CIVILIAN", "CHILD_PROTECTION").acronym("CPS"),
        ])
        .await;

    let [srsg, triple_hatted, dsrsg_political, head_of_human_rights, chief_child_protection, force_commander, high_commissioner] =
        b.all([
            b.post(
                &office_of_srsg,
                "Special Representative of the Secretary-General",
            )
            .head(),
            b.post(
                &mission,
                "Deputy SRSG / Resident Coordinator / Humanitarian Coordinator",
            ),
            b.post(&mission, "Deputy SRSG (Political)"),
            b.post(&human_rights, "Director, Human Rights").head(),
            b.post(&child_protection, "Senior Child Protection Adviser")
                .head(),
            b.post(&force, "Force Commander").head(),
            b.post(&ohchr, "High Commissioner for Human Rights")
                .from("1994-04-05"),
        ])
        .await;

    let [_, _, _, _, hc_hat, ..] = b
        .all([
            b.hat(&srsg, "HEAD_OF_MISSION"),
            b.hat(&srsg, "SRSG"),
            b.hat(&triple_hatted, "DSRSG"),
            b.hat(&triple_hatted, "RESIDENT_COORDINATOR"),
            b.hat(&triple_hatted, "HUMANITARIAN_COORDINATOR"),
            b.hat(&dsrsg_political, "DSRSG_POLITICAL"),
            b.hat(&head_of_human_rights, "HEAD_OF_COMPONENT"),
            b.hat(&head_of_human_rights, "OHCHR_REPRESENTATIVE"),
            b.hat(&force_commander, "FORCE_COMMANDER"),
        ])
        .await;

    let [srsg_person, acting_dsrsg_person] = b
        .all([
            b.person("Amina Example")
                .email("amina.example@un.org")
                .phone("+243 81 555 0100"),
            b.person("Bruno Sample"),
        ])
        .await;
    b.all([
        b.assign(&srsg_person, &srsg),
        b.assign(&acting_dsrsg_person, &dsrsg_political)
            .acting()
            .from("2011-01-01"),
    ])
    .await;

    b.all([
        b.line(&head_of_human_rights, &dsrsg_political),
        b.line(&chief_child_protection, &dsrsg_political),
        b.line(&child_protection, &dsrsg_political),
        b.line(&head_of_human_rights, &high_commissioner)
            .kind("FUNCTIONAL"),
        b.line(&human_rights, &ohchr).kind("FUNCTIONAL"),
        b.line(&dsrsg_political, &srsg),
        b.line(&triple_hatted, &srsg),
        b.line(&force_commander, &srsg).kind("COMMAND"),
    ])
    .await;

    Scenario {
        mission,
        ohchr,
        office_of_srsg,
        force,
        human_rights,
        monitoring_unit,
        child_protection,
        srsg,
        triple_hatted,
        dsrsg_political,
        head_of_human_rights,
        chief_child_protection,
        force_commander,
        high_commissioner,
        hc_hat,
        srsg_person,
        acting_dsrsg_person,
    }
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = value
        .as_array()
        .unwrap_or_else(|| panic!("a list, got {value}"))
        .iter()
        .map(|v| {
            v[key]
                .as_str()
                .unwrap_or_else(|| panic!("{key} in {v}"))
                .to_owned()
        })
        .collect();
    out.sort();
    out
}

const POST: &str = r#"query($id: ID!, $on: Date, $kinds: [ReportingLineKind!]) {
  node(id: $id) { ... on Post {
    title isComponentHead
    mission { acronym }
    organization { code }
    component { name }
    hats(asOf: $on) { hat validFrom validTo post { title } }
    holder(asOf: $on) { fullName }
    assignments(asOf: $on) { acting person { fullName } post { title } }
    reportingLinesUp(asOf: $on, kinds: $kinds) { kind fromPost { title } toPost { title } toOrganization { code } }
    reportingLinesDown(asOf: $on, kinds: $kinds) { kind fromPost { title } fromComponent { name } toPost { title } }
    superiors(asOf: $on, kinds: $kinds) { title }
  } }
}"#;

async fn post(app: &TestApp, id: &PostId, on: Option<&str>, kinds: Option<Value>) -> Value {
    app.data(POST, json!({ "id": id.json(), "on": on, "kinds": kinds }))
        .await["node"]
        .clone()
}

in_process!(
    a_mission_structure_reads_back_through_every_relation,
    |app| async move {
        let s = build_mission(&app).await;

        // The mission's tree: top-level components, and Human Rights with its field unit.
        let tree = app
            .data(
                r#"query($m: ID!) { components(filter: { missionId: $m }) { totalCount nodes {
                    name acronym kind specialty level mission { acronym } parent { name }
                    children { name level } headPost { title } posts { title }
                    reportingLines { kind toPost { title } toOrganization { code } }
                } } }"#,
                json!({ "m": s.mission.json() }),
            )
            .await["components"]
            .clone();
        assert_eq!(tree["totalCount"], 5);
        let nodes = tree["nodes"].as_array().unwrap();
        let find = |name: &str| {
            nodes
                .iter()
                .find(|n| n["name"] == name)
                .unwrap_or_else(|| panic!("{name}"))
                .clone()
        };
        let hr = find("UN Joint Human Rights Office");
        assert_eq!(hr["acronym"], "UNJHRO");
        assert_eq!(hr["specialty"], "HUMAN_RIGHTS");
        assert_eq!(hr["mission"]["acronym"], "MONUSCO");
        assert_eq!(hr["parent"], Value::Null);
        assert_eq!(
            hr["children"],
            json!([{ "name": "Human Rights Monitoring Unit, Goma", "level": "FIELD" }])
        );
        assert_eq!(hr["headPost"]["title"], "Director, Human Rights");
        assert_eq!(hr["posts"], json!([{ "title": "Director, Human Rights" }]));
        assert_eq!(
            hr["reportingLines"],
            json!([{ "kind": "FUNCTIONAL", "toPost": null, "toOrganization": { "code": "OHCHR" } }])
        );
        let unit = find("Human Rights Monitoring Unit, Goma");
        assert_eq!(unit["parent"]["name"], "UN Joint Human Rights Office");
        assert_eq!(unit["headPost"], Value::Null);
        let cps = find("Child Protection Section");
        assert_eq!(cps["headPost"]["title"], "Senior Child Protection Adviser");
        assert_eq!(
            cps["reportingLines"],
            json!([{ "kind": "LINE", "toPost": { "title": "Deputy SRSG (Political)" }, "toOrganization": null }])
        );

        // The same relations before the structure existed, and on its first day.
        let dated = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Component {
                    before: children(asOf: "2010-06-30") { name } first: children(asOf: "2010-07-01") { name }
                    noHead: headPost(asOf: "2010-06-30") { title } noPosts: posts(asOf: "2010-06-30") { title }
                    noLines: reportingLines(asOf: "2010-06-30") { kind }
                    lines: reportingLines(asOf: "2010-07-01", kinds: [LINE]) { kind }
                } } }"#,
                json!({ "id": s.human_rights.json() }),
            )
            .await["node"]
            .clone();
        assert_eq!(
            dated,
            json!({ "before": [], "first": [{ "name": "Human Rights Monitoring Unit, Goma" }],
                    "noHead": null, "noPosts": [], "noLines": [], "lines": [] })
        );

        // The SRSG: two hats, a holder, and everyone reporting to the post by kind.
        let srsg = post(&app, &s.srsg, None, None).await;
        assert_eq!(strings(&srsg["hats"], "hat"), ["HEAD_OF_MISSION", "SRSG"]);
        assert_eq!(srsg["holder"]["fullName"], "Amina Example");
        assert_eq!(srsg["component"]["name"], "Office of the SRSG");
        assert_eq!(srsg["superiors"], json!([]));
        let down: Vec<(String, String)> = {
            let mut v: Vec<(String, String)> = srsg["reportingLinesDown"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    (
                        l["kind"].as_str().unwrap().to_owned(),
                        l["fromPost"]["title"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            down,
            [
                ("COMMAND".to_owned(), "Force Commander".to_owned()),
                ("LINE".to_owned(), "Deputy SRSG (Political)".to_owned()),
                (
                    "LINE".to_owned(),
                    "Deputy SRSG / Resident Coordinator / Humanitarian Coordinator".to_owned()
                ),
            ]
        );
        let command = post(&app, &s.srsg, None, Some(json!(["COMMAND"]))).await;
        assert_eq!(strings(&command["reportingLinesDown"], "kind"), ["COMMAND"]);
        let fc = post(&app, &s.force_commander, None, None).await;
        assert_eq!(
            fc["superiors"],
            json!([{ "title": "Special Representative of the Secretary-General" }])
        );
        assert_eq!(fc["reportingLinesUp"][0]["kind"], "COMMAND");

        // The DSRSG Political: Human Rights and Child Protection report to it (LINE), and only
        // an acting holder.
        let political = post(&app, &s.dsrsg_political, None, Some(json!(["LINE"]))).await;
        assert_eq!(political["holder"]["fullName"], "Bruno Sample");
        assert_eq!(political["assignments"][0]["acting"], true);
        let reporting: Vec<String> = {
            let mut v: Vec<String> = political["reportingLinesDown"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    l["fromPost"]["title"]
                        .as_str()
                        .or(l["fromComponent"]["name"].as_str())
                        .unwrap()
                        .to_owned()
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            reporting,
            [
                "Child Protection Section",
                "Director, Human Rights",
                "Senior Child Protection Adviser"
            ]
        );
        assert_eq!(
            political["superiors"],
            json!([{ "title": "Special Representative of the Secretary-General" }])
        );

        // The Head of Human Rights: LINE to the DSRSG Political, FUNCTIONAL to the High
        // Commissioner, a post of OHCHR outside the mission.
        let hr_head = post(&app, &s.head_of_human_rights, None, None).await;
        assert_eq!(
            strings(&hr_head["superiors"], "title"),
            [
                "Deputy SRSG (Political)",
                "High Commissioner for Human Rights"
            ]
        );
        assert_eq!(
            strings(&hr_head["hats"], "hat"),
            ["HEAD_OF_COMPONENT", "OHCHR_REPRESENTATIVE"]
        );
        assert_eq!(hr_head["holder"], Value::Null);
        let functional = post(
            &app,
            &s.head_of_human_rights,
            None,
            Some(json!(["FUNCTIONAL"])),
        )
        .await;
        assert_eq!(
            functional["superiors"],
            json!([{ "title": "High Commissioner for Human Rights" }])
        );
        let hc = post(&app, &s.high_commissioner, None, None).await;
        assert_eq!(hc["organization"]["code"], "OHCHR");
        assert_eq!(hc["mission"], Value::Null);
        assert_eq!(
            hc["reportingLinesDown"],
            json!([{ "kind": "FUNCTIONAL", "fromPost": { "title": "Director, Human Rights" }, "fromComponent": null, "toPost": { "title": "High Commissioner for Human Rights" } }])
        );

        // The person side of an assignment, with contact details.
        let person = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Person { fullName email phone assignments { acting post { title } } } } }"#,
                json!({ "id": s.srsg_person.json() }),
            )
            .await["node"]
            .clone();
        assert_eq!(person["email"], "amina.example@un.org");
        assert_eq!(person["phone"], "+243 81 555 0100");
        assert_eq!(
            person["assignments"],
            json!([{ "acting": false, "post": { "title": "Special Representative of the Secretary-General" } }])
        );
        let _ = (&s.ohchr, &s.force, &s.monitoring_unit, &s.office_of_srsg);
    }
);

in_process!(
    ending_the_hc_hat_changes_the_hats_read_as_of_a_date,
    |app| async move {
        let s = build_mission(&app).await;
        let hat = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on PostHat { version } } }",
                json!({ "id": s.hc_hat.json() }),
            )
            .await["node"]["version"]
            .clone();
        let ended = app
            .data(
                "mutation($input: EndInput!) { endPostHat(input: $input) { hat validTo version } }",
                json!({ "input": { "id": s.hc_hat.json(), "version": hat, "on": "2012-01-01" } }),
            )
            .await["endPostHat"]
            .clone();
        assert_eq!(
            ended,
            json!({ "hat": "HUMANITARIAN_COORDINATOR", "validTo": "2012-01-01", "version": 2 })
        );

        let before = post(&app, &s.triple_hatted, Some("2011-12-31"), None).await;
        assert_eq!(
            strings(&before["hats"], "hat"),
            ["DSRSG", "HUMANITARIAN_COORDINATOR", "RESIDENT_COORDINATOR"]
        );
        let hc = before["hats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["hat"] == "HUMANITARIAN_COORDINATOR")
            .unwrap()
            .clone();
        assert_eq!(hc["validTo"], "2012-01-01");
        assert_eq!(
            hc["post"]["title"],
            "Deputy SRSG / Resident Coordinator / Humanitarian Coordinator"
        );
        for on in [Some("2012-01-01"), None] {
            let after = post(&app, &s.triple_hatted, on, None).await;
            assert_eq!(
                strings(&after["hats"], "hat"),
                ["DSRSG", "RESIDENT_COORDINATOR"],
                "on {on:?}"
            );
        }
        // Before the mission began, nothing held.
        let early = post(&app, &s.triple_hatted, Some("2010-06-30"), None).await;
        assert_eq!(early["hats"], json!([]));
        assert_eq!(early["superiors"], json!([]));

        // The posts list by hat follows the same dates.
        let query = r#"query($on: Date) { posts(filter: { hat: HUMANITARIAN_COORDINATOR, asOf: $on }) { nodes { title } } }"#;
        let then = app.data(query, json!({ "on": "2011-06-01" })).await;
        assert_eq!(
            strings(&then["posts"]["nodes"], "title"),
            ["Deputy SRSG / Resident Coordinator / Humanitarian Coordinator"]
        );
        let now = app.data(query, json!({ "on": null })).await;
        assert_eq!(now["posts"]["nodes"], json!([]));

        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation before after } }",
                json!({ "id": s.hc_hat.json() }),
            )
            .await["auditLog"]
            .clone();
        assert_eq!(log[0]["operation"], "addPostHat");
        assert_eq!(log[1]["operation"], "endPostHat");
        assert_eq!(log[1]["before"]["valid_to"], Value::Null);
        assert_eq!(log[1]["after"]["valid_to"], "2012-01-01");
    }
);

in_process!(
    the_holder_is_the_substantive_one_and_the_acting_one_only_without_it,
    |app| async move {
        let s = build_mission(&app).await;
        let holder = |on: &'static str| {
            let app = &app;
            let id = s.dsrsg_political.clone();
            async move { post(app, &id, Some(on), None).await["holder"].clone() }
        };
        assert_eq!(holder("2010-12-31").await, Value::Null);
        assert_eq!(holder("2011-06-01").await["fullName"], "Bruno Sample");
        let substantive = mutate(
            &app,
            "createPerson",
            "CreatePersonInput",
            json!({ "fullName": "Chantal Placeholder" }),
        )
        .await;
        mutate(
            &app,
            "assignPerson",
            "AssignPersonInput",
            json!({ "personId": substantive["id"], "postId": s.dsrsg_political.json(), "validFrom": "2012-03-01" }),
        )
        .await;
        assert_eq!(holder("2011-06-01").await["fullName"], "Bruno Sample");
        assert_eq!(
            holder("2012-03-01").await["fullName"],
            "Chantal Placeholder"
        );
        let both = post(&app, &s.dsrsg_political, Some("2012-03-01"), None).await;
        assert_eq!(both["assignments"].as_array().unwrap().len(), 2);

        // Vacancy on a date: the Force Commander's post has never been filled.
        let vacant = app
            .data(
                r#"query($on: Date) { posts(filter: { vacant: true, asOf: $on, missionId: null }) { nodes { title } } }"#,
                json!({ "on": "2011-06-01" }),
            )
            .await;
        let titles = strings(&vacant["posts"]["nodes"], "title");
        assert!(titles.contains(&"Force Commander".to_owned()));
        assert!(!titles.contains(&"Deputy SRSG (Political)".to_owned()));
        assert!(!titles.contains(&"Special Representative of the Secretary-General".to_owned()));
        let held = app
            .data(
                r#"{ posts(filter: { vacant: false, asOf: "2011-06-01" }) { nodes { title } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            strings(&held["posts"]["nodes"], "title"),
            [
                "Deputy SRSG (Political)",
                "Special Representative of the Secretary-General"
            ]
        );
        let _ = &s.acting_dsrsg_person;
    }
);

in_process!(
    root_lists_filter_by_mission_kind_specialty_level_text_and_date,
    |app| async move {
        let s = build_mission(&app).await;
        let names = |query: &'static str, vars: Value| {
            let app = &app;
            async move {
                let data = app.data(query, vars).await;
                let list = data.as_object().unwrap().values().next().unwrap().clone();
                let key = if query.contains("title") {
                    "title"
                } else if query.contains("fullName") {
                    "fullName"
                } else {
                    "name"
                };
                strings(&list["nodes"], key)
            }
        };
        assert_eq!(
            names(
                r#"{ components(filter: { specialties: [HUMAN_RIGHTS, CHILD_PROTECTION], levels: [HQ] }) { nodes { name } } }"#,
                json!({})
            )
            .await,
            ["Child Protection Section", "UN Joint Human Rights Office"]
        );
        assert_eq!(
            names(
                r#"{ components(filter: { kinds: [MILITARY] }) { nodes { name } } }"#,
                json!({})
            )
            .await,
            ["Force"]
        );
        assert_eq!(
            names(
                r#"query($p: ID) { components(filter: { parentId: $p }) { nodes { name } } }"#,
                json!({ "p": s.human_rights.json() })
            )
            .await,
            ["Human Rights Monitoring Unit, Goma"]
        );
        assert_eq!(
            names(
                r#"{ components(filter: { search: "unjhro" }) { nodes { name } } }"#,
                json!({})
            )
            .await,
            ["UN Joint Human Rights Office"]
        );
        assert_eq!(
            names(
                r#"{ components(filter: { asOf: "2010-06-30" }) { nodes { name } } }"#,
                json!({})
            )
            .await,
            Vec::<String>::new()
        );
        assert_eq!(
            names(
                r#"query($c: ID) { posts(filter: { componentId: $c }) { nodes { title } } }"#,
                json!({ "c": s.child_protection.json() })
            )
            .await,
            ["Senior Child Protection Adviser"]
        );
        assert_eq!(
            names(
                r#"query($o: ID) { posts(filter: { organizationId: $o }) { nodes { title } } }"#,
                json!({ "o": s.ohchr.json() })
            )
            .await,
            ["High Commissioner for Human Rights"]
        );
        assert_eq!(
            names(
                r#"query($m: ID) { posts(filter: { missionId: $m, search: "deputy" }) { nodes { title } } }"#,
                json!({ "m": s.mission.json() })
            )
            .await,
            [
                "Deputy SRSG (Political)",
                "Deputy SRSG / Resident Coordinator / Humanitarian Coordinator"
            ]
        );
        assert_eq!(
            names(
                r#"{ posts(filter: { hat: FORCE_COMMANDER }) { nodes { title } } }"#,
                json!({})
            )
            .await,
            ["Force Commander"]
        );
        assert_eq!(
            names(
                r#"{ persons(filter: { search: "AMINA" }) { nodes { fullName } } }"#,
                json!({})
            )
            .await,
            ["Amina Example"]
        );
        // Contact details are not a search key.
        assert_eq!(
            names(
                r#"{ persons(filter: { search: "un.org" }) { nodes { fullName } } }"#,
                json!({})
            )
            .await,
            Vec::<String>::new()
        );
        let ordered = app
            .data(
                "{ posts(orderBy: TITLE_DESC, first: 2) { nodes { title } } components(orderBy: VALID_FROM_DESC, first: 1) { nodes { name } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            ordered["posts"]["nodes"],
            json!([{ "title": "Special Representative of the Secretary-General" }, { "title": "Senior Child Protection Adviser" }])
        );
        // Equal dates fall back to the creation order (UUID v7), newest first.
        assert_eq!(
            ordered["components"]["nodes"],
            json!([{ "name": "Child Protection Section" }])
        );
        let bad = app
            .graphql(
                "query($m: ID) { components(filter: { missionId: $m }) { totalCount } }",
                json!({ "m": s.srsg.json() }),
            )
            .await;
        assert_eq!(crate::helpers::error_code(&bad), "BAD_USER_INPUT");
        assert_eq!(
            crate::helpers::error_message(&bad),
            "`filter.missionId` must identify a record of type Mission, but identifies one of type Post"
        );
        let _ = (&s.chief_child_protection, &s.monitoring_unit);
    }
);

in_process!(
    archived_structure_leaves_default_lists_but_keeps_its_history,
    |app| async move {
        let s = build_mission(&app).await;
        let version = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Component { version } } }",
                json!({ "id": s.monitoring_unit.json() }),
            )
            .await["node"]["version"]
            .clone();
        let archived = app
            .data(
                "mutation($input: ArchiveInput!) { archiveComponent(input: $input) { archivedAt version } }",
                json!({ "input": { "id": s.monitoring_unit.json(), "version": version } }),
            )
            .await["archiveComponent"]
            .clone();
        assert!(archived["archivedAt"].is_string());
        let tree = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Component { children { name } } }
                    components(filter: { includeArchived: true, levels: [FIELD] }) { totalCount }
                    field: components(filter: { levels: [FIELD] }) { totalCount } }"#,
                json!({ "id": s.human_rights.json() }),
            )
            .await;
        assert_eq!(tree["node"]["children"], json!([]));
        assert_eq!(tree["components"]["totalCount"], 1);
        assert_eq!(tree["field"]["totalCount"], 0);

        let archived_person = app
            .data(
                "mutation($input: ArchiveInput!) { archivePerson(input: $input) { archivedAt } }",
                json!({ "input": { "id": s.srsg_person.json(), "version": 1 } }),
            )
            .await["archivePerson"]
            .clone();
        assert!(archived_person["archivedAt"].is_string());
        let people = app
            .data(
                r#"{ persons { nodes { fullName } } all: persons(filter: { includeArchived: true }) { totalCount } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            people["persons"]["nodes"],
            json!([{ "fullName": "Bruno Sample" }])
        );
        assert_eq!(people["all"]["totalCount"], 2);
        // The assignment is history: the post still names who held it.
        let srsg = post(&app, &s.srsg, Some("2011-01-01"), None).await;
        assert_eq!(srsg["holder"]["fullName"], "Amina Example");
    }
);
