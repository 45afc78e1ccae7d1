use coordmap_api::graphql::ids::NodeKind;
use serde_json::{json, Value};

use crate::clusters::{gid, mutate};
use crate::decisions::{build_decisions, CREATE_AREA, DELEGATE, END_RIGHT, GRANT};
use crate::fixtures::{insert_mission, insert_mission_post};
use crate::helpers::{assert_refused, error_code, error_message};
use crate::in_process;

const UPDATE_AREA: &str = r#"mutation($input: UpdateDecisionAreaInput!) {
  updateDecisionArea(input: $input) { id code description version }
}"#;

fn unknown(kind: NodeKind) -> Value {
    gid(
        kind,
        uuid::Uuid::from_u128(0x0193b6e8_0000_7000_8000_000000000000),
    )
}

fn merged(base: &Value, patch: Value) -> Value {
    let mut input = base.clone();
    for (k, v) in patch.as_object().expect("patch") {
        if v.is_null() {
            input.as_object_mut().expect("input").remove(k);
        } else {
            input[k] = v.clone();
        }
    }
    json!({ "input": input })
}

in_process!(
    bad_decision_area_inputs_are_refused_and_change_nothing,
    |app| async move {
        let created = mutate(
            &app,
            CREATE_AREA,
            json!({ "code": "USE_OF_FORCE", "name": "Use of force", "description": "Authority to use force" }),
        )
        .await;
        let other = mutate(
            &app,
            CREATE_AREA,
            json!({ "code": "MILITARY_ASSETS", "name": "Use of mission military assets" }),
        )
        .await;
        let long = "X".repeat(65);
        let base = json!({ "code": "POC_STRATEGY", "name": "POC strategy" });
        assert_refused(&app, CREATE_AREA, &[
            (merged(&base, json!({ "code": "use of force" })), "BAD_USER_INPUT", "input.code",
                "`input.code` must be 1 to 64 letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `use of force`"),
            (merged(&base, json!({ "code": long })), "BAD_USER_INPUT", "input.code",
                &format!("`input.code` must be 1 to 64 letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `{long}`")),
            (merged(&base, json!({ "code": "use_of_force" })), "BAD_USER_INPUT", "input.code",
                "`input.code` USE_OF_FORCE is already used by another decision area"),
            (merged(&base, json!({ "name": "\t" })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
        ]).await;

        let updated = app
            .data(
                UPDATE_AREA,
                json!({ "input": { "id": created["id"], "version": 1, "description": null } }),
            )
            .await["updateDecisionArea"]
            .clone();
        assert_eq!(updated["description"], Value::Null);
        assert_eq!(updated["version"], 2);
        assert_refused(&app, UPDATE_AREA, &[
            (json!({ "input": { "id": created["id"], "version": 1, "name": "Stale" } }), "CONFLICT", "",
                "the decision area was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
            (json!({ "input": { "id": other["id"], "version": 1, "code": "Use_Of_Force" } }), "BAD_USER_INPUT", "input.code",
                "`input.code` USE_OF_FORCE is already used by another decision area"),
            (json!({ "input": { "id": unknown(NodeKind::DecisionArea), "version": 1 } }), "NOT_FOUND", "",
                "no decision area has this ID"),
        ]).await;
        let archive =
            "mutation($input: ArchiveInput!) { archiveDecisionArea(input: $input) { version } }";
        app.data(
            archive,
            json!({ "input": { "id": other["id"], "version": 1 } }),
        )
        .await;
        assert_refused(
            &app,
            archive,
            &[(
                json!({ "input": { "id": other["id"], "version": 2 } }),
                "BAD_USER_INPUT",
                "id",
                "the decision area is already archived",
            )],
        )
        .await;
    }
);

in_process!(
    bad_grants_are_refused_and_change_nothing,
    |app| async move {
        let d = build_decisions(&app).await;
        let unmiss = insert_mission(
            app.db(),
            "UNMISS",
            "UN Mission in South Sudan",
            "2011-07-09",
        )
        .await;
        let unmiss_hom =
            insert_mission_post(app.db(), unmiss.id, None, "Head of Mission (UNMISS)").await;
        let archived = mutate(
            &app,
            CREATE_AREA,
            json!({ "code": "ESCALATION", "name": "Escalation to UN HQ" }),
        )
        .await;
        app.data(
            "mutation($input: ArchiveInput!) { archiveDecisionArea(input: $input) { version } }",
            json!({ "input": { "id": archived["id"], "version": 1 } }),
        )
        .await;
        let base = json!({ "decisionAreaId": d.poc_strategy.json(), "missionId": d.monusco.json(), "holderPostId": d.dsrsg.json(),
                           "kind": "RECOMMENDS", "validFrom": "2010-07-01" });
        let with = |patch: Value| merged(&base, patch);
        let holders = "pass exactly one of `input.holderPostId`, `input.holderComponentId`, `input.holderOrganizationId` and `input.holderForumId`";
        assert_refused(&app, GRANT, &[
            (with(json!({ "holderPostId": null })), "BAD_USER_INPUT", "input.holderPostId", &format!("{holders}; got 0")),
            (with(json!({ "holderForumId": d.unct.json() })), "BAD_USER_INPUT", "input.holderPostId", &format!("{holders}; got 2")),
            (with(json!({ "decisionAreaId": unknown(NodeKind::DecisionArea) })), "BAD_USER_INPUT", "input.decisionAreaId",
                "`input.decisionAreaId` refers to no decision area"),
            (with(json!({ "decisionAreaId": archived["id"] })), "BAD_USER_INPUT", "input.decisionAreaId",
                "`input.decisionAreaId` refers to an archived decision area"),
            (with(json!({ "missionId": d.poc_strategy.json() })), "BAD_USER_INPUT", "input.missionId",
                "`input.missionId` must identify a record of type Mission, but identifies one of type DecisionArea"),
            (with(json!({ "holderPostId": unknown(NodeKind::Post) })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` refers to no post"),
            (with(json!({ "holderPostId": gid(NodeKind::Post, unmiss_hom.id) })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` Head of Mission (UNMISS) belongs to UNMISS, not to the mission of the right"),
            (with(json!({ "missionId": null })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` DSRSG Political belongs to MONUSCO: a right it holds is granted in that mission, not as a global default"),
            (with(json!({ "validTo": "2010-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2010-01-01) must not be before validFrom (2010-07-01)"),
            (with(json!({ "scope": "x".repeat(10_001) })), "BAD_USER_INPUT", "input.scope",
                "`input.scope` must be at most 10000 characters"),
            (with(json!({ "holderPostId": d.hom.json(), "kind": "DECIDES", "validFrom": "2015-01-01" })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` Head of Mission (SRSG) already has the right to DECIDES on POC_STRATEGY over an overlapping period (from 2010-07-01)"),
        ]).await;
        // The same holder may hold the same kind again once the first grant has ended.
        let ended_early = mutate(
            &app,
            GRANT,
            merged(&base, json!({ "validTo": "2012-01-01" }))["input"].clone(),
        )
        .await;
        let later = mutate(
            &app,
            GRANT,
            merged(&base, json!({ "validFrom": "2012-01-01" }))["input"].clone(),
        )
        .await;
        assert_eq!(ended_early["validTo"], "2012-01-01");
        assert_eq!(later["validTo"], Value::Null);
        let _ = d.monusco.uuid();
    }
);

in_process!(
    delegations_that_break_the_rules_are_refused_with_their_reason,
    |app| async move {
        let d = build_decisions(&app).await;
        let police =
            insert_mission_post(app.db(), d.monusco.uuid(), None, "Police Commissioner").await;
        let fpu = mutate(
            &app,
            GRANT,
            json!({ "decisionAreaId": d.use_of_force.json(), "missionId": d.monusco.json(), "holderPostId": gid(NodeKind::Post, police.id),
                    "kind": "DECIDES", "scope": "formed police units", "validFrom": "2010-07-01", "validTo": "2012-07-01" }),
        )
        .await;
        let first = app
            .data(
                DELEGATE,
                json!({ "input": { "fromRightId": d.fc_decides.json(), "holderPostId": d.sector_commander.json(), "validFrom": "2013-01-01" } }),
            )
            .await["delegateDecisionRight"]
            .clone();
        let to_sector = |from: &Value, patch: Value| {
            merged(
                &json!({ "fromRightId": from, "holderPostId": d.sector_commander.json(), "validFrom": "2011-01-01" }),
                patch,
            )
        };
        assert_refused(&app, DELEGATE, &[
            (to_sector(&d.hom_decides.json(), json!({})), "BAD_USER_INPUT", "input.fromRightId",
                "the right of Head of Mission (SRSG) to DECIDES on POC_STRATEGY is non-delegable"),
            (to_sector(&d.unct_endorses.json(), json!({ "kind": "DECIDES" })), "BAD_USER_INPUT", "input.kind",
                "a right to ENDORSES cannot be delegated as DECIDES, which is stronger (DECIDES > APPROVES > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED)"),
            (to_sector(&d.fc_decides.json(), json!({ "validFrom": "2010-01-01" })), "BAD_USER_INPUT", "input.validFrom",
                "`input.validFrom` (2010-01-01) is before the delegated right starts (2010-07-01): a delegation cannot start before the right it comes from"),
            (to_sector(&fpu["id"], json!({ "validTo": "2013-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2013-01-01) is after the delegated right ends (2012-07-01): a delegation cannot outlive the right it comes from"),
            (to_sector(&fpu["id"], json!({ "validFrom": "2012-07-01" })), "BAD_USER_INPUT", "input.validFrom",
                "`input.validFrom` (2012-07-01) is not before the delegated right ends (2012-07-01): a delegation cannot outlive the right it comes from"),
            (to_sector(&d.fc_decides.json(), json!({ "validFrom": "2012-01-01", "validTo": "2011-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2011-01-01) must not be before validFrom (2012-01-01)"),
            (to_sector(&d.fc_decides.json(), json!({ "holderPostId": d.force_commander.json() })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` Force Commander already holds the right being delegated"),
            (to_sector(&d.fc_decides.json(), json!({ "validFrom": "2014-01-01" })), "BAD_USER_INPUT", "input.holderPostId",
                "`input.holderPostId` Commander, Sector North Kivu already has the right to DECIDES on USE_OF_FORCE over an overlapping period (from 2013-01-01)"),
            (to_sector(&unknown(NodeKind::DecisionRight), json!({})), "BAD_USER_INPUT", "input.fromRightId",
                "`input.fromRightId` refers to no decision right"),
            (to_sector(&d.poc_strategy.json(), json!({})), "BAD_USER_INPUT", "input.fromRightId",
                "`input.fromRightId` must identify a record of type DecisionRight, but identifies one of type DecisionArea"),
        ]).await;
        // By default a delegation keeps the delegator's scope and ends with its right.
        let weaker = app
            .data(
                DELEGATE,
                json!({ "input": { "fromRightId": fpu["id"], "holderPostId": d.sector_commander.json(),
                                   "kind": "RECOMMENDS", "validFrom": "2011-01-01" } }),
            )
            .await["delegateDecisionRight"]
            .clone();
        assert_eq!(weaker["scope"], "formed police units");
        assert_eq!(weaker["validTo"], "2012-07-01");
        assert_eq!(weaker["kind"], "RECOMMENDS");

        assert_refused(&app, END_RIGHT, &[
            (json!({ "input": { "id": d.fc_decides.json(), "version": 1, "on": "2010-01-01" } }), "BAD_USER_INPUT", "input.on",
                "`on` (2010-01-01) must not be before the start of the decision right (2010-07-01)"),
            (json!({ "input": { "id": d.fc_decides.json(), "version": 3, "on": "2014-01-01" } }), "CONFLICT", "",
                "the decision right was changed by someone else: you sent version 3, the current version is 1; read it again and retry"),
            (json!({ "input": { "id": fpu["id"], "version": 1, "on": "2013-01-01" } }), "BAD_USER_INPUT", "input.on",
                "the decision right already ended on 2012-07-01"),
            (json!({ "input": { "id": d.dpko.json(), "version": 1, "on": "2013-01-01" } }), "BAD_USER_INPUT", "input.id",
                "`input.id` must identify a record of type DecisionRight, but identifies one of type Organization"),
        ]).await;

        // Ending a right earlier than a delegation starts leaves that delegation an empty period.
        let ended = app
            .data(
                END_RIGHT,
                json!({ "input": { "id": d.fc_decides.json(), "version": 1, "on": "2012-01-01" } }),
            )
            .await["endDecisionRight"]
            .clone();
        assert_eq!(ended["validTo"], "2012-01-01");
        let node = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on DecisionRight { validFrom validTo version } } }",
                json!({ "id": first["id"] }),
            )
            .await;
        assert_eq!(
            node["node"],
            json!({ "validFrom": "2013-01-01", "validTo": "2013-01-01", "version": 2 })
        );
        let unknown_right = app
            .graphql(
                END_RIGHT,
                json!({ "input": { "id": unknown(NodeKind::DecisionRight), "version": 1, "on": "2013-01-01" } }),
            )
            .await;
        assert_eq!(error_code(&unknown_right), "NOT_FOUND");
        assert_eq!(
            error_message(&unknown_right),
            "no decision right has this ID"
        );
    }
);
