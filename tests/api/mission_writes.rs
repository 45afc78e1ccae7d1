use serde_json::{json, Value};

use crate::build::Build;
use crate::helpers::{assert_refused, error_code, error_message, TestApp};
use crate::in_process;

const CREATE: &str = r#"mutation($input: CreateMissionInput!) {
  createMission(input: $input) { id acronym name kind version validFrom leadDepartment { code } }
}"#;

const UPDATE: &str = r#"mutation($input: UpdateMissionInput!) {
  updateMission(input: $input) { id name countryCode version validTo }
}"#;

/// The input creating MONUC with a mandate to protect civilians.
fn monuc(app: &TestApp) -> Value {
    Build::new(app).monuc().poc().input()
}

async fn create(app: &TestApp, input: Value) -> Value {
    app.data(CREATE, json!({ "input": input })).await["createMission"].clone()
}

in_process!(
    a_mission_is_created_updated_renamed_and_archived,
    |app| async move {
        let dpko = Build::new(&app).agency("DPKO").await;
        let mut input = monuc(&app);
        input["leadDepartmentId"] = dpko.json();
        let created = create(&app, input).await;
        assert_eq!(created["acronym"], "MONUC");
        assert_eq!(created["version"], 1);
        assert_eq!(created["leadDepartment"]["code"], "DPKO");
        let id = created["id"].clone();

        let updated = app
        .data(UPDATE, json!({ "input": { "id": id, "version": 1, "countryCode": null, "name": "MONUC (corrected)" } }))
        .await["updateMission"]
        .clone();
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["countryCode"], Value::Null);
        assert_eq!(updated["name"], "MONUC (corrected)");

        let renamed = app
        .data(
            r#"mutation($input: RenameMissionInput!) { renameMission(input: $input) { acronym version formerNames { acronym validFrom validTo } } }"#,
            json!({ "input": { "id": id, "version": 2, "acronym": "MONUSCO", "name": "UN Organization Stabilization Mission in the DRC", "on": "2010-07-01" } }),
        )
        .await["renameMission"]
        .clone();
        assert_eq!(renamed["acronym"], "MONUSCO");
        assert_eq!(renamed["version"], 3);
        assert_eq!(
            renamed["formerNames"],
            json!([{ "acronym": "MONUC", "validFrom": "1999-11-30", "validTo": "2010-07-01" }])
        );
        let found = app
            .data(r#"{ mission(acronym: "monuc") { acronym } }"#, json!({}))
            .await;
        assert_eq!(found["mission"]["acronym"], "MONUSCO");

        let archived = app
        .data(
            "mutation($input: ArchiveInput!) { archiveMission(input: $input) { archivedAt version } }",
            json!({ "input": { "id": id, "version": 3 } }),
        )
        .await["archiveMission"]
        .clone();
        assert!(archived["archivedAt"].is_string());
        let listed = app.data("{ missions { totalCount } }", json!({})).await;
        assert_eq!(
            listed["missions"]["totalCount"], 0,
            "archived missions leave default lists"
        );
        let with_archived = app
            .data(
                "{ missions(filter: { includeArchived: true }) { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(with_archived["missions"]["totalCount"], 1);

        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation actor before after } }",
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
        assert_eq!(
            operations,
            [
                "createMission",
                "updateMission",
                "renameMission",
                "archiveMission"
            ]
        );
        assert_eq!(log[0]["before"], Value::Null);
        assert_eq!(log[1]["before"]["country_code"], "COD");
        assert_eq!(log[1]["after"]["country_code"], Value::Null);
    }
);

in_process!(
    bad_mission_inputs_are_refused_and_change_nothing,
    |app| async move {
        create(&app, monuc(&app)).await;
        Build::new(&app).agency("DPKO").await;
        let with = |patch: Value| {
            let mut input = json!({ "acronym": "UNMIS", "name": "UN Mission in the Sudan", "kind": "PEACEKEEPING", "validFrom": "2005-03-24" });
            for (k, v) in patch.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "input": input })
        };
        let org_as_mission = "TWlzc2lvbjowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA";
        assert_refused(&app, CREATE, &[
        (with(json!({ "name": "  " })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
        (with(json!({ "acronym": "U N" })), "BAD_USER_INPUT", "input.acronym",
            "`input.acronym` must be 2 to 32 letters, digits or hyphens starting with a letter, e.g. MONUSCO; got `U N`"),
        (with(json!({ "acronym": "monuc" })), "BAD_USER_INPUT", "input.acronym",
            "`input.acronym` MONUC is already used by another mission"),
        (with(json!({ "countryCode": "SD" })), "BAD_USER_INPUT", "input.countryCode",
            "`input.countryCode` must be an ISO 3166-1 alpha-3 code such as COD; got `SD`"),
        (with(json!({ "validTo": "2005-01-01" })), "BAD_USER_INPUT", "input.validTo",
            "`input.validTo` (2005-01-01) must not be before validFrom (2005-03-24)"),
        (with(json!({ "leadDepartmentId": org_as_mission })), "BAD_USER_INPUT", "input.leadDepartmentId",
            "`input.leadDepartmentId` must identify a record of type Organization, but identifies one of type Mission"),
        (with(json!({ "leadDepartmentId": "T3JnYW5pemF0aW9uOjAxOTNiNmU4LTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA" })),
            "BAD_USER_INPUT", "input.leadDepartmentId", "`input.leadDepartmentId` refers to no organization"),
    ]).await;
    }
);

in_process!(
    a_stale_version_is_a_conflict_and_changes_nothing,
    |app| async move {
        let created = create(&app, monuc(&app)).await;
        let id = created["id"].clone();
        app.data(
            UPDATE,
            json!({ "input": { "id": id, "version": 1, "name": "First edit" } }),
        )
        .await;
        assert_refused(&app, UPDATE, &[
        (json!({ "input": { "id": id, "version": 1, "name": "Second edit" } }), "CONFLICT", "",
            "the mission was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
        (json!({ "input": { "id": id, "version": 2, "validTo": "1990-01-01" } }), "BAD_USER_INPUT", "input.validTo",
            "`input.validTo` (1990-01-01) must not be before validFrom (1999-11-30)"),
    ]).await;
        let unknown = app
        .graphql(UPDATE, json!({ "input": { "id": "TWlzc2lvbjowMTkzYjZlOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA", "version": 1 } }))
        .await;
        assert_eq!(error_code(&unknown), "NOT_FOUND");
        assert_eq!(error_message(&unknown), "no mission has this ID");
    }
);
