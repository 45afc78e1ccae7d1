//! Organisations, geographic areas, documents, citations and mandated tasks through mutations.

use serde_json::{json, Value};

use crate::helpers::{assert_refused, TestApp};
use crate::in_process;

const CREATE_ORG: &str = r#"mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id code name kind parent { code } version }
}"#;
const CREATE_AREA: &str = r#"mutation($input: CreateGeographicAreaInput!) {
  createGeographicArea(input: $input) { id name level code parent { name } }
}"#;
const UPDATE_AREA: &str = r#"mutation($input: UpdateGeographicAreaInput!) {
  updateGeographicArea(input: $input) { id version parent { name } }
}"#;
const CREATE_DOC: &str = r#"mutation($input: DocumentFields!) {
  createDocument(input: $input) { id title kind symbol issuedOn version }
}"#;
const CITE: &str = r#"mutation($input: CiteSourceInput!) {
  citeSource(input: $input) { id recordType locator illustrative document { title } }
}"#;
const CREATE_TASK: &str = r#"mutation($input: CreateMandatedTaskInput!) {
  createMandatedTask(input: $input) { id title category pocTier mission { acronym } }
}"#;

async fn org(app: &TestApp, code: &str, parent: Option<&Value>) -> Value {
    let mut input = json!({ "code": code, "name": format!("{code} name"), "kind": "UN_AGENCY" });
    if let Some(parent) = parent {
        input["parentId"] = parent.clone();
    }
    app.data(CREATE_ORG, json!({ "input": input })).await["createOrganization"].clone()
}

async fn mission(app: &TestApp) -> Value {
    app.data(
        r#"mutation { createMission(input: { acronym: "UNMIS", name: "UN Mission in the Sudan", kind: PEACEKEEPING, validFrom: "2005-03-24" }) { id } }"#,
        json!({}),
    )
    .await["createMission"]["id"]
    .clone()
}

in_process!(
    organisations_nest_and_cannot_become_their_own_ancestor,
    |app| async move {
        let un = org(&app, "UN", None).await;
        let ocha = org(&app, "ocha", Some(&un["id"])).await;
        assert_eq!(ocha["code"], "OCHA");
        assert_eq!(ocha["parent"]["code"], "UN");
        let children = app
            .data(
                "{ organization(code: \"UN\") { children { code } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            children["organization"]["children"],
            json!([{ "code": "OCHA" }])
        );
        assert_refused(&app, r#"mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }"#, &[
        (json!({ "input": { "id": un["id"], "version": 1, "parentId": ocha["id"] } }), "BAD_USER_INPUT", "input.parentId",
            "`input.parentId` would make the organization its own ancestor (cycle of 2 organization records)"),
        (json!({ "input": { "id": un["id"], "version": 1, "parentId": un["id"] } }), "BAD_USER_INPUT", "input.parentId",
            "`input.parentId` would make the organization its own ancestor (cycle of 1 organization records)"),
    ]).await;
        assert_refused(&app, CREATE_ORG, &[
        (json!({ "input": { "code": "unhcr!", "name": "x", "kind": "UN_AGENCY" } }), "BAD_USER_INPUT", "input.code",
            "`input.code` must be 1 to 32 letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `unhcr!`"),
        (json!({ "input": { "code": "ocha", "name": "again", "kind": "UN_AGENCY" } }), "BAD_USER_INPUT", "input.code",
            "`input.code` OCHA is already used by another organization"),
        (json!({ "input": { "code": "ICRC", "name": "", "kind": "RED_CROSS_MOVEMENT" } }), "BAD_USER_INPUT", "input.name",
            "`input.name` must not be empty"),
    ]).await;
    }
);

in_process!(
    geographic_areas_form_a_tree_listed_by_level,
    |app| async move {
        let country = app
        .data(CREATE_AREA, json!({ "input": { "name": "Sudan", "level": "COUNTRY", "code": "SDN", "countryCode": "SDN" } }))
        .await["createGeographicArea"]
        .clone();
        let darfur = app
        .data(CREATE_AREA, json!({ "input": { "name": "North Darfur", "level": "STATE", "code": "SD02", "countryCode": "SDN", "parentId": country["id"] } }))
        .await["createGeographicArea"]
        .clone();
        assert_eq!(darfur["parent"]["name"], "Sudan");
        let states = app
            .data(
                "{ geographicAreas(filter: { levels: [STATE] }) { totalCount nodes { name } } }",
                json!({}),
            )
            .await;
        assert_eq!(states["geographicAreas"]["totalCount"], 1);
        assert_refused(&app, UPDATE_AREA, &[
        (json!({ "input": { "id": country["id"], "version": 1, "parentId": darfur["id"] } }), "BAD_USER_INPUT", "input.parentId",
            "`input.parentId` would make the geographic area its own ancestor (cycle of 2 geographic area records)"),
        (json!({ "input": { "id": darfur["id"], "version": 1, "code": "sdn" } }), "BAD_USER_INPUT", "input.code",
            "`input.code` SDN is already used by another geographic area"),
    ]).await;
        let moved = app
            .data(
                UPDATE_AREA,
                json!({ "input": { "id": darfur["id"], "version": 1, "parentId": null } }),
            )
            .await["updateGeographicArea"]
            .clone();
        assert_eq!(moved["parent"], Value::Null);
        assert_eq!(moved["version"], 2);
    }
);

in_process!(any_record_can_cite_its_source_document, |app| async move {
    let mission_id = mission(&app).await;
    let doc = app
        .data(CREATE_DOC, json!({ "input": { "kind": "GUIDANCE", "title": "Lessons Learned Note on POC", "issuedOn": "2015-01-01" } }))
        .await["createDocument"]
        .clone();
    let cited = app
        .data(CITE, json!({ "input": { "recordId": mission_id, "documentId": doc["id"], "locator": "¶59", "illustrative": false } }))
        .await["citeSource"]
        .clone();
    assert_eq!(cited["recordType"], "Mission");
    assert_eq!(cited["document"]["title"], "Lessons Learned Note on POC");
    let read = app
        .data("query($id: ID!) { node(id: $id) { ... on Mission { sources { locator document { title } } } } }", json!({ "id": mission_id }))
        .await;
    assert_eq!(
        read["node"]["sources"],
        json!([{ "locator": "¶59", "document": { "title": "Lessons Learned Note on POC" } }])
    );
    let missing_record = "TWlzc2lvbjowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA";
    assert_refused(&app, CITE, &[
        (json!({ "input": { "recordId": missing_record, "documentId": doc["id"] } }), "BAD_USER_INPUT", "input.recordId",
            "`input.recordId` refers to no record"),
        (json!({ "input": { "recordId": mission_id, "documentId": mission_id } }), "BAD_USER_INPUT", "input.documentId",
            "`input.documentId` must identify a record of type Document, but identifies one of type Mission"),
        (json!({ "input": { "recordId": mission_id, "documentId": doc["id"], "locator": "x".repeat(65) } }), "BAD_USER_INPUT", "input.locator",
            "`input.locator` must be at most 64 characters"),
    ]).await;
    assert_refused(
        &app,
        CREATE_DOC,
        &[(
            json!({ "input": { "kind": "SOP", "title": "SOP", "url": "ftp://x" } }),
            "BAD_USER_INPUT",
            "input.url",
            "`input.url` must be an http(s) address; got `ftp://x`",
        )],
    )
    .await;
});

in_process!(
    mandated_tasks_belong_to_a_mission_with_poc_tiers,
    |app| async move {
        let mission_id = mission(&app).await;
        let task = app
        .data(CREATE_TASK, json!({ "input": { "missionId": mission_id, "category": "PROTECTION_OF_CIVILIANS", "title": "Protect civilians", "pocTier": 2, "validFrom": "2005-03-24" } }))
        .await["createMandatedTask"]
        .clone();
        assert_eq!(task["pocTier"], 2);
        assert_eq!(task["mission"]["acronym"], "UNMIS");
        let read = app
        .data("query($id: ID!) { mission(id: $id) { mandatedTasks(asOf: \"2006-01-01\") { title } early: mandatedTasks(asOf: \"2004-01-01\") { title } } }", json!({ "id": mission_id }))
        .await;
        assert_eq!(
            read["mission"]["mandatedTasks"],
            json!([{ "title": "Protect civilians" }])
        );
        assert_eq!(read["mission"]["early"], json!([]));
        let base = |patch: Value| {
            let mut input = json!({ "missionId": mission_id, "category": "HUMAN_RIGHTS", "title": "Monitor", "validFrom": "2005-03-24" });
            for (k, v) in patch.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "input": input })
        };
        assert_refused(
            &app,
            CREATE_TASK,
            &[
                (
                    base(json!({ "pocTier": 1 })),
                    "BAD_USER_INPUT",
                    "input.pocTier",
                    "`input.pocTier` applies only to PROTECTION_OF_CIVILIANS tasks",
                ),
                (
                    base(json!({ "category": "PROTECTION_OF_CIVILIANS", "pocTier": 4 })),
                    "BAD_USER_INPUT",
                    "input.pocTier",
                    "`input.pocTier` must be 1, 2 or 3; got 4",
                ),
                (
                    base(json!({ "title": " " })),
                    "BAD_USER_INPUT",
                    "input.title",
                    "`input.title` must not be empty",
                ),
                (
                    base(json!({ "validTo": "2001-01-01" })),
                    "BAD_USER_INPUT",
                    "input.validTo",
                    "`input.validTo` (2001-01-01) must not be before validFrom (2005-03-24)",
                ),
            ],
        )
        .await;
    }
);
