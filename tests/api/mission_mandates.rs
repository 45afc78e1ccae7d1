//! A mission's attributes over time: the demo's dated mandates read as of a date, the rename and
//! the attribute changes in `changesBetween`, recording and correcting a mandate (with the
//! exact error of each bad input), who may see a hidden mission's mandates, the IASC caution in
//! the governance gaps, and JSON documents of format 1 read into first mandates.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::both_backends;
use crate::clusters::gid;
use crate::helpers::{assert_refused, error_code, error_message, user_token, TestApp};
use coordmap_api::graphql::ids::NodeKind;

async fn demo(app: &TestApp) {
    coordmap_api::seed::load_demo(app.db())
        .await
        .expect("the demo dataset loads");
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

const AS_OF: &str = r#"query($acronym: String!, $asOf: Date) {
  mission(acronym: $acronym, asOf: $asOf) {
    id asOf acronym name currentAcronym
    pocMandate pocFirstPriority chapterVii humanRightsMandate supportsHostGovernment
    offensiveOperations integratedPresence riskEnvironment
    mandate { id resolution validFrom validTo }
    mandatedTasks { title }
  }
}"#;

async fn monuc_on(app: &TestApp, date: &str) -> Value {
    app.data(AS_OF, json!({ "acronym": "MONUC", "asOf": date }))
        .await["mission"]
        .clone()
}

both_backends!(
    monuc_is_monuc_in_2008_and_monusco_with_protection_first_in_2011,
    |app| async move {
        demo(&app).await;
        let in_2008 = monuc_on(&app, "2008-06-01").await;
        assert_eq!(in_2008["asOf"], "2008-06-01");
        assert_eq!(in_2008["acronym"], "MONUC");
        assert_eq!(
            in_2008["name"],
            "United Nations Organization Mission in the Democratic Republic of the Congo"
        );
        assert_eq!(in_2008["currentAcronym"], "MONUSCO");
        // The attributes of the mandate of SCR 1291 (2000), in force until SCR 1856.
        for (attribute, value) in [
            ("pocMandate", json!(true)),
            ("pocFirstPriority", json!(false)),
            ("chapterVii", json!(true)),
            ("humanRightsMandate", json!(true)),
            ("supportsHostGovernment", json!(false)),
            ("offensiveOperations", json!(false)),
            ("integratedPresence", json!(true)),
            ("riskEnvironment", json!("HIGH")),
        ] {
            assert_eq!(in_2008[attribute], value, "{attribute} in 2008");
        }
        assert_eq!(in_2008["mandate"]["resolution"], "S/RES/1291 (2000)");
        assert_eq!(in_2008["mandate"]["validTo"], "2008-12-22");
        // Relations follow the mission's date: the POC task of SCR 1906 is not there yet.
        assert!(
            !in_2008["mandatedTasks"]
                .to_string()
                .contains("first priority"),
            "{}",
            in_2008["mandatedTasks"]
        );

        let in_2011 = monuc_on(&app, "2011-01-01").await;
        assert_eq!(in_2011["acronym"], "MONUSCO");
        assert_eq!(in_2011["pocFirstPriority"], true);
        assert_eq!(in_2011["supportsHostGovernment"], true);
        assert_eq!(in_2011["offensiveOperations"], false);
        assert_eq!(in_2011["mandate"]["resolution"], "S/RES/1925 (2010)");
        assert!(in_2011["mandatedTasks"]
            .to_string()
            .contains("as the first priority"));

        // Without a date: today's mandate (the Intervention Brigade's, SCR 2098).
        let today = app.data(AS_OF, json!({ "acronym": "MONUSCO" })).await["mission"].clone();
        assert_eq!(today["acronym"], "MONUSCO");
        assert_eq!(today["offensiveOperations"], true);
        assert_eq!(today["mandate"]["resolution"], "S/RES/2098 (2013)");

        // A closed mission answers with its last mandate.
        let unmis = app
            .data(AS_OF, json!({ "acronym": "UNMIS", "asOf": "2015-01-01" }))
            .await["mission"]
            .clone();
        assert_eq!(unmis["mandate"]["resolution"], "S/RES/1590 (2005)");
        assert_eq!(unmis["riskEnvironment"], "HIGH");

        // Before the mission started there is no mission to read.
        let before = app
            .graphql(AS_OF, json!({ "acronym": "MONUC", "asOf": "1999-11-29" }))
            .await;
        assert_eq!(error_code(&before), "BAD_USER_INPUT");
        assert_eq!(
            error_message(&before),
            "`asOf` (1999-11-29) is before the mission started (1999-11-30)"
        );
        assert_eq!(before["errors"][0]["extensions"]["field"], "asOf");
    }
);

const MANDATES: &str = r#"query($acronym: String!) {
  mission(acronym: $acronym) {
    mandates {
      resolution validFrom validTo pocFirstPriority riskEnvironment
      sources { locator quote note illustrative document { symbol } }
    }
  }
}"#;

both_backends!(
    every_demo_mission_has_dated_mandates_with_a_risk_environment_and_their_sources,
    |app| async move {
        demo(&app).await;
        for acronym in [
            "MONUSCO", "UNMIS", "UNAMID", "UNOCI", "MINUSTAH", "UNAMA", "MINURCAT",
        ] {
            let mandates = app.data(MANDATES, json!({ "acronym": acronym })).await["mission"]
                ["mandates"]
                .as_array()
                .expect("mandates")
                .clone();
            assert!(!mandates.is_empty(), "{acronym} has mandates");
            for (i, m) in mandates.iter().enumerate() {
                assert!(m["resolution"].is_string(), "{acronym}: {m}");
                assert!(m["riskEnvironment"].is_string(), "{acronym}: {m}");
                let sources = m["sources"].as_array().expect("sources");
                assert!(!sources.is_empty(), "{acronym} {} cites", m["validFrom"]);
                // No seed rates a risk environment: every rating is marked illustrative.
                assert!(
                    sources.iter().any(|s| s["illustrative"] == true
                        && s["note"]
                            .as_str()
                            .is_some_and(|n| n.contains("illustrative"))),
                    "{acronym} {}: {sources:?}",
                    m["validFrom"]
                );
                // Each mandate ends where the next starts.
                if let Some(next) = mandates.get(i + 1) {
                    assert_eq!(m["validTo"], next["validFrom"], "{acronym}");
                }
            }
        }
        // SCR 1906 cites the paragraph that states it.
        let monusco = app.data(MANDATES, json!({ "acronym": "MONUSCO" })).await["mission"]
            ["mandates"]
            .clone();
        let scr_1906 = monusco
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["resolution"] == "S/RES/1906 (2009)")
            .expect("the SCR 1906 mandate");
        assert_eq!(scr_1906["validFrom"], "2009-12-23");
        assert_eq!(scr_1906["pocFirstPriority"], true);
        assert!(scr_1906["sources"].as_array().unwrap().iter().any(|s| {
            s["locator"] == "¶8"
                && s["illustrative"] == false
                && s["quote"].as_str().is_some_and(|q| {
                    q.contains("explicitly makes the protection of civilians the first priority")
                })
                && s["document"]["symbol"] == "004_13127277ac77d4df"
        }));
    }
);

const CHANGES: &str = r#"query($mission: ID!, $from: Date!, $to: Date!) {
  changesBetween(mission: $mission, from: $from, to: $to) {
    mission { acronym asOf }
    changes {
      date change recordKind attribute before after description
      record { __typename id }
      sources { illustrative note }
    }
  }
}"#;

both_backends!(
    changes_between_2008_and_2012_list_the_rename_and_protection_first_on_their_days,
    |app| async move {
        demo(&app).await;
        let id = app.data(AS_OF, json!({ "acronym": "MONUC" })).await["mission"]["id"].clone();
        let answer = app
            .data(
                CHANGES,
                json!({ "mission": id, "from": "2008-01-01", "to": "2012-01-01" }),
            )
            .await["changesBetween"]
            .clone();
        assert_eq!(
            answer["mission"],
            json!({ "acronym": "MONUSCO", "asOf": "2012-01-01" })
        );
        let changes = answer["changes"].as_array().expect("changes");
        let changed: Vec<(&str, &str, &str, &str, &str)> = changes
            .iter()
            .filter(|c| c["change"] == "CHANGED")
            .map(|c| {
                (
                    c["date"].as_str().unwrap(),
                    c["recordKind"].as_str().unwrap(),
                    c["attribute"].as_str().unwrap(),
                    c["before"].as_str().unwrap(),
                    c["after"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("2008-12-22", "MISSION_MANDATE", "supportsHostGovernment", "false", "true"),
                ("2009-12-23", "MISSION_MANDATE", "pocFirstPriority", "false", "true"),
                ("2010-07-01", "MISSION_NAME", "acronym", "MONUC", "MONUSCO"),
                (
                    "2010-07-01",
                    "MISSION_NAME",
                    "name",
                    "United Nations Organization Mission in the Democratic Republic of the Congo",
                    "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"
                ),
            ]
        );
        let rename = changes
            .iter()
            .find(|c| c["attribute"] == "acronym")
            .unwrap();
        assert_eq!(rename["record"]["__typename"], "MissionName");
        assert_eq!(
            rename["description"],
            "The mission's acronym changed from \u{201c}MONUC\u{201d} to \u{201c}MONUSCO\u{201d}"
        );
        let priority = changes
            .iter()
            .find(|c| c["attribute"] == "pocFirstPriority")
            .unwrap();
        assert_eq!(priority["record"]["__typename"], "MissionMandate");
        assert_eq!(
            priority["description"],
            "pocFirstPriority changed from false to true under S/RES/1906 (2009)"
        );
        // Each new mandate is listed on its day, and the dates no source states say so.
        let added: Vec<&str> = changes
            .iter()
            .filter(|c| c["change"] == "ADDED" && c["recordKind"] == "MISSION_MANDATE")
            .map(|c| c["date"].as_str().unwrap())
            .collect();
        assert_eq!(added, ["2008-12-22", "2009-12-23", "2010-07-01"]);
        let described = changes
            .iter()
            .filter(|c| c["date"] == "2009-01-01")
            .collect::<Vec<_>>();
        assert!(!described.is_empty());
        for c in described {
            assert!(
                c["sources"].as_array().unwrap().iter().any(|s| {
                    s["illustrative"] == true && s["note"].as_str().is_some_and(|n| !n.is_empty())
                }),
                "{c}"
            );
        }
        // The dates are in order.
        let dates: Vec<&str> = changes
            .iter()
            .map(|c| c["date"].as_str().unwrap())
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    }
);

const RECORD: &str = r#"mutation($input: RecordMissionMandateInput!) {
  recordMissionMandate(input: $input) {
    id resolution validFrom validTo pocMandate pocFirstPriority chapterVii riskEnvironment version
    mission { acronym asOf }
  }
}"#;

const CREATE: &str = r#"mutation($input: CreateMissionInput!) {
  createMission(input: $input) { id mandates { id version validFrom validTo resolution } }
}"#;

/// A mission created with its first mandate, from 1999-11-30 to 2011-07-09.
async fn mission(app: &TestApp, acronym: &str) -> (Value, Value) {
    let created = app
        .data(
            CREATE,
            json!({ "input": {
                "acronym": acronym, "name": format!("{acronym} mission"), "kind": "PEACEKEEPING",
                "pocMandate": true, "chapterVii": true, "riskEnvironment": "MEDIUM",
                "resolution": "S/RES/1279 (1999)",
                "validFrom": "1999-11-30", "validTo": "2011-07-09",
            } }),
        )
        .await["createMission"]
        .clone();
    let first = created["mandates"][0].clone();
    assert_eq!(created["mandates"].as_array().unwrap().len(), 1);
    assert_eq!(first["validFrom"], "1999-11-30");
    assert_eq!(first["validTo"], "2011-07-09");
    assert_eq!(first["resolution"], "S/RES/1279 (1999)");
    (created["id"].clone(), first)
}

both_backends!(
    recording_a_mandate_ends_the_one_in_force_and_carries_the_rest_over,
    |app| async move {
        let (id, first) = mission(&app, "MONUC").await;
        let recorded = app
            .data(
                RECORD,
                json!({ "input": {
                    "missionId": id, "validFrom": "2009-12-23", "resolution": "S/RES/1906 (2009)",
                    "note": "Operative paragraph 5 (a).", "pocFirstPriority": true,
                    "riskEnvironment": "HIGH",
                } }),
            )
            .await["recordMissionMandate"]
            .clone();
        assert_eq!(recorded["validFrom"], "2009-12-23");
        assert_eq!(
            recorded["validTo"], "2011-07-09",
            "runs to the end of the one it ended"
        );
        assert_eq!(recorded["pocFirstPriority"], true);
        assert_eq!(recorded["pocMandate"], true, "carried over");
        assert_eq!(recorded["chapterVii"], true, "carried over");
        assert_eq!(recorded["riskEnvironment"], "HIGH");
        assert_eq!(recorded["version"], 1);
        assert_eq!(recorded["mission"]["asOf"], "2009-12-23");

        // One between them ends the first and runs to the second.
        let between = app
            .data(
                RECORD,
                json!({ "input": { "missionId": id, "validFrom": "2008-12-22",
                    "resolution": "S/RES/1856 (2008)", "supportsHostGovernment": true } }),
            )
            .await["recordMissionMandate"]
            .clone();
        assert_eq!(between["validTo"], "2009-12-23");
        assert_eq!(between["pocFirstPriority"], false);

        let all = app
            .data(
                "query($id: ID!) { node(id: $id) { ... on Mission { mandates { id validFrom validTo version } } } }",
                json!({ "id": id }),
            )
            .await["node"]["mandates"]
            .clone();
        let periods: Vec<(Value, Value)> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["validFrom"].clone(), m["validTo"].clone()))
            .collect();
        assert_eq!(
            periods,
            [
                (json!("1999-11-30"), json!("2008-12-22")),
                (json!("2008-12-22"), json!("2009-12-23")),
                (json!("2009-12-23"), json!("2011-07-09")),
            ]
        );
        assert_eq!(all[0]["id"], first["id"]);
        assert_eq!(all[0]["version"], 3, "ended twice");

        // The mission reads as of each date.
        let attributes = |date: &'static str| {
            let app = &app;
            let id = id.clone();
            async move {
                app.data(
                    "query($id: ID!, $asOf: Date) { mission(id: $id, asOf: $asOf) { pocFirstPriority supportsHostGovernment riskEnvironment } }",
                    json!({ "id": id, "asOf": date }),
                )
                .await["mission"]
                    .clone()
            }
        };
        assert_eq!(
            attributes("2005-01-01").await,
            json!({ "pocFirstPriority": false, "supportsHostGovernment": false, "riskEnvironment": "MEDIUM" })
        );
        assert_eq!(
            attributes("2009-06-01").await,
            json!({ "pocFirstPriority": false, "supportsHostGovernment": true, "riskEnvironment": "MEDIUM" })
        );
        assert_eq!(
            attributes("2010-06-01").await,
            json!({ "pocFirstPriority": true, "supportsHostGovernment": false, "riskEnvironment": "HIGH" })
        );

        // A correction changes a mandate in place.
        let corrected = app
            .data(
                "mutation($input: UpdateMissionMandateInput!) { updateMissionMandate(input: $input) { supportsHostGovernment resolution note version } }",
                json!({ "input": { "id": recorded["id"], "version": 1, "supportsHostGovernment": true, "note": null } }),
            )
            .await["updateMissionMandate"]
            .clone();
        assert_eq!(
            corrected,
            json!({ "supportsHostGovernment": true, "resolution": "S/RES/1906 (2009)", "note": null, "version": 2 })
        );

        // Audited: the recorded mandate, and the one it ended, under recordMissionMandate.
        let log = app
            .data(
                "query($id: ID!) { auditLog(record: $id) { operation before after } }",
                json!({ "id": first["id"] }),
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
                "recordMissionMandate",
                "recordMissionMandate"
            ]
        );
        assert_eq!(log[1]["before"]["valid_to"], "2011-07-09");
        assert_eq!(log[1]["after"]["valid_to"], "2009-12-23");
    }
);

both_backends!(
    update_mission_corrects_the_mandate_in_force_and_moves_the_ends_with_the_mission,
    |app| async move {
        let (id, _) = mission(&app, "UNMIS").await;
        app.data(
            RECORD,
            json!({ "input": { "missionId": id, "validFrom": "2005-03-24", "riskEnvironment": "HIGH" } }),
        )
        .await;
        // The mission closed in 2011: its last mandate is the one in force today.
        let updated = app
            .data(
                "mutation($input: UpdateMissionInput!) { updateMission(input: $input) { version validTo offensiveOperations mandates { validFrom validTo offensiveOperations } } }",
                json!({ "input": { "id": id, "version": 1, "offensiveOperations": true, "validTo": "2011-07-10" } }),
            )
            .await["updateMission"]
            .clone();
        assert_eq!(updated["version"], 2);
        assert_eq!(updated["offensiveOperations"], true);
        assert_eq!(
            updated["mandates"],
            json!([
                { "validFrom": "1999-11-30", "validTo": "2005-03-24", "offensiveOperations": false },
                { "validFrom": "2005-03-24", "validTo": "2011-07-10", "offensiveOperations": true },
            ])
        );
        // A mission cannot close before its last mandate began.
        let refused = app
            .graphql(
                "mutation($input: UpdateMissionInput!) { updateMission(input: $input) { version } }",
                json!({ "input": { "id": id, "version": 2, "validTo": "2005-01-01" } }),
            )
            .await;
        assert_eq!(error_code(&refused), "BAD_USER_INPUT");
        assert_eq!(refused["errors"][0]["extensions"]["field"], "input.validTo");
        assert_eq!(
            error_message(&refused),
            "the mission would end on 2005-01-01, before its mandate from 2005-03-24 to 2011-07-10 began"
        );
    }
);

both_backends!(
    bad_mandates_are_refused_with_the_field_and_code_that_say_why,
    |app| async move {
        let (id, _) = mission(&app, "MONUC").await;
        app.data(
            RECORD,
            json!({ "input": { "missionId": id, "validFrom": "2009-12-23", "resolution": "S/RES/1906 (2009)" } }),
        )
        .await;
        let unknown = gid(NodeKind::Mission, Uuid::now_v7());
        let input = |fields: Value| {
            let mut input = json!({ "missionId": id, "validFrom": "2005-01-01" });
            for (k, v) in fields.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "input": input })
        };
        assert_refused(
            &app,
            RECORD,
            &[
                (
                    input(json!({ "validTo": "2010-01-01" })),
                    "BAD_USER_INPUT",
                    "input.validTo",
                    "the mandate would overlap the recorded mandate from 2009-12-23 to 2011-07-09 (S/RES/1906 (2009)): end it on or before 2009-12-23, or leave `input.validTo` out",
                ),
                (
                    input(json!({ "validFrom": "2009-12-23" })),
                    "BAD_USER_INPUT",
                    "input.validFrom",
                    "a mandate of the mission already starts on 2009-12-23: from 2009-12-23 to 2011-07-09 (S/RES/1906 (2009)); correct it with updateMissionMandate",
                ),
                (
                    input(json!({ "validFrom": "1999-01-01" })),
                    "BAD_USER_INPUT",
                    "input.validFrom",
                    "`input.validFrom` (1999-01-01) is before the mission started (1999-11-30)",
                ),
                (
                    input(json!({ "validFrom": "2011-07-09" })),
                    "BAD_USER_INPUT",
                    "input.validFrom",
                    "`input.validFrom` (2011-07-09) is not before the mission ended (2011-07-09)",
                ),
                (
                    input(json!({ "validTo": "2004-01-01" })),
                    "BAD_USER_INPUT",
                    "input.validTo",
                    "`input.validTo` must be after `input.validFrom` (2005-01-01)",
                ),
                (
                    input(json!({ "missionId": unknown })),
                    "BAD_USER_INPUT",
                    "input.missionId",
                    "`input.missionId` refers to no mission",
                ),
                (
                    input(json!({ "resolution": "S".repeat(65) })),
                    "BAD_USER_INPUT",
                    "input.resolution",
                    "`input.resolution` must be at most 64 characters",
                ),
            ],
        )
        .await;

        // Who may record: administrators and the mission's editors; nobody else.
        let valid = input(json!({}));
        let mandates = || async {
            app.data(
                "query($id: ID!) { node(id: $id) { ... on Mission { mandates { id version validFrom validTo } } } }",
                json!({ "id": id }),
            )
            .await["node"]["mandates"]
                .clone()
        };
        for (token, message) in [
            (
                user_token("a", "ANALYST", &[], &[]),
                "the ANALYST role may not change data",
            ),
            (
                user_token("e", "EDITOR", &["UNMIS"], &[]),
                "this mission mandate belongs to a mission or cluster outside your editing scope",
            ),
        ] {
            let before = mandates().await;
            let body = app
                .graphql_as(Some(&bearer(&token)), RECORD, valid.clone())
                .await;
            assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
            assert_eq!(error_message(&body), message);
            assert_eq!(mandates().await, before, "nothing written");
        }
        let editor = bearer(&user_token("e", "EDITOR", &["MONUC"], &[]));
        let body = app.graphql_as(Some(&editor), RECORD, valid).await;
        assert!(body.get("errors").is_none(), "{body}");
        assert_eq!(
            body["data"]["recordMissionMandate"]["validTo"],
            "2009-12-23"
        );
    }
);

/// Raises a mission above what anonymous callers may see; its mandates stay PUBLIC.
async fn hide_mission(app: &TestApp, id: Uuid) {
    entity::mission::Entity::update_many()
        .set(entity::mission::ActiveModel {
            sensitivity: Set(entity::enums::Sensitivity::Confidential),
            ..Default::default()
        })
        .filter(entity::mission::Column::Id.eq(id))
        .exec(app.db())
        .await
        .expect("hidden");
}

both_backends!(
    a_hidden_missions_mandates_are_not_visible_to_anonymous,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        demo(&app).await;
        let unmis = app.data(MANDATES, json!({ "acronym": "UNMIS" })).await;
        assert_eq!(unmis["mission"]["mandates"].as_array().unwrap().len(), 1);
        let found = app
            .data(
                "{ mission(acronym: \"UNMIS\") { id mandates { id sensitivity } } }",
                json!({}),
            )
            .await["mission"]
            .clone();
        let mandate = found["mandates"][0]["id"].clone();
        assert_eq!(found["mandates"][0]["sensitivity"], "PUBLIC");
        let node = "query($id: ID!) { node(id: $id) { id } }";
        let seen = app.graphql_as(None, node, json!({ "id": mandate })).await;
        assert_eq!(
            seen["data"]["node"]["id"], mandate,
            "visible while the mission is"
        );

        let uuid = crate::clusters::uuid_of(&found["id"]);
        hide_mission(&app, uuid).await;
        let hidden = app.graphql_as(None, node, json!({ "id": mandate })).await;
        let missing = app
            .graphql_as(
                None,
                node,
                json!({ "id": gid(NodeKind::MissionMandate, Uuid::now_v7()) }),
            )
            .await;
        assert_eq!(error_code(&hidden), "NOT_FOUND");
        assert_eq!(
            hidden["errors"][0]["message"],
            missing["errors"][0]["message"]
        );
        // Nor do they travel in an export.
        let export = app
            .graphql_as(
                None,
                "{ exportData(format: JSON) { files { content } } }",
                json!({}),
            )
            .await;
        let content = export["data"]["exportData"]["files"][0]["content"]
            .as_str()
            .expect("a document");
        let document: Value = serde_json::from_str(content).expect("JSON");
        let exported = document["tables"]["mission_mandates"].as_array().unwrap();
        assert!(!exported.is_empty());
        assert!(
            exported
                .iter()
                .all(|m| m["mission_id"] != json!(uuid.to_string())),
            "no mandate of the hidden mission"
        );
        // An administrator still sees them.
        let admin = app.graphql(node, json!({ "id": mandate })).await;
        assert_eq!(admin["data"]["node"]["id"], mandate);
    }
);

const GAPS: &str = r#"query($mission: ID!, $asOf: Date) {
  governanceGaps(mission: $mission, asOf: $asOf) { code severity message records { __typename id } }
  integrationProfile(mission: $mission, asOf: $asOf) {
    structurallyIntegrated { value } riskEnvironment { value basedOn { __typename } }
    caution { message }
  }
}"#;

both_backends!(
    a_structurally_integrated_mission_in_a_high_risk_environment_is_flagged,
    |app| async move {
        demo(&app).await;
        let id = app.data(AS_OF, json!({ "acronym": "MONUC" })).await["mission"]["id"].clone();
        let answer = app
            .data(GAPS, json!({ "mission": id, "asOf": "2010-01-01" }))
            .await;
        let profile = &answer["integrationProfile"];
        assert_eq!(profile["structurallyIntegrated"]["value"], true);
        assert_eq!(profile["riskEnvironment"]["value"], "HIGH");
        assert_eq!(
            profile["riskEnvironment"]["basedOn"],
            json!([{ "__typename": "MissionMandate" }])
        );
        assert!(profile["caution"]["message"]
            .as_str()
            .unwrap()
            .contains("IASC urges caution"));
        let gap = answer["governanceGaps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["code"] == "STRUCTURAL_INTEGRATION_IN_HIGH_RISK")
            .expect("the IASC caution as a gap")
            .clone();
        assert_eq!(gap["severity"], "MEDIUM");
        assert_eq!(gap["records"][0]["__typename"], "MissionMandate");
        assert!(gap["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["__typename"] == "PostHat"));

        // Recorded as MEDIUM risk, the caution goes.
        let mandate = app
            .data(
                "query($id: ID!) { mission(id: $id, asOf: \"2010-01-01\") { mandate { id version } } }",
                json!({ "id": id }),
            )
            .await["mission"]["mandate"]
            .clone();
        app.data(
            "mutation($input: UpdateMissionMandateInput!) { updateMissionMandate(input: $input) { id } }",
            json!({ "input": { "id": mandate["id"], "version": mandate["version"], "riskEnvironment": "MEDIUM" } }),
        )
        .await;
        let after = app
            .data(GAPS, json!({ "mission": id, "asOf": "2010-01-01" }))
            .await;
        assert_eq!(after["integrationProfile"]["caution"], Value::Null);
        assert!(!after["governanceGaps"]
            .to_string()
            .contains("STRUCTURAL_INTEGRATION_IN_HIGH_RISK"));
    }
);

const IMPORT: &str = r#"mutation($input: ImportDataInput!) {
  importData(input: $input) { succeeded totals { created updated unchanged } problems { message } }
}"#;

both_backends!(
    a_format_1_document_gives_each_mission_its_first_mandate_and_imports_twice_to_no_change,
    |app| async move {
        let mission = "01937b2e-0000-7000-8000-0000000000aa";
        let document = json!({
            "format_version": 1,
            "tables": {
                "missions": [{
                    "id": mission, "acronym": "UNOCI", "name": "United Nations Operation in Côte d'Ivoire",
                    "kind": "PEACEKEEPING", "lead_department_id": null, "country_code": "CIV",
                    "description": null, "poc_mandate": true, "poc_first_priority": false,
                    "chapter_vii": true, "human_rights_mandate": true,
                    "supports_host_government": false, "offensive_operations": false,
                    "integrated_presence": true, "risk_environment": "MEDIUM",
                    "valid_from": "2004-04-04", "valid_to": "2017-06-30", "archived_at": null,
                    "sensitivity": "PUBLIC", "created_at": "2026-01-01T00:00:00Z",
                    "updated_at": "2026-01-01T00:00:00Z", "version": 1
                }]
            }
        })
        .to_string();
        let import = |dry: bool| {
            let app = &app;
            let document = document.clone();
            async move {
                app.data(
                    IMPORT,
                    json!({ "input": { "format": "JSON", "content": document, "fileName": "old.json", "dryRun": dry } }),
                )
                .await["importData"]
                    .clone()
            }
        };
        let first = import(false).await;
        assert_eq!(first["succeeded"], true, "{first}");
        assert_eq!(
            first["totals"]["created"], 2,
            "the mission and its first mandate"
        );
        let read = app
            .data(
                "{ mission(acronym: \"UNOCI\") { riskEnvironment integratedPresence mandates { id validFrom validTo } } }",
                json!({}),
            )
            .await["mission"]
            .clone();
        assert_eq!(read["riskEnvironment"], "MEDIUM");
        assert_eq!(read["integratedPresence"], true);
        let expected = migration::first_mandate_id(Uuid::parse_str(mission).unwrap());
        assert_eq!(
            read["mandates"],
            json!([{
                "id": gid(NodeKind::MissionMandate, expected),
                "validFrom": "2004-04-04", "validTo": "2017-06-30"
            }])
        );
        let again = import(false).await;
        assert_eq!(again["succeeded"], true, "{again}");
        assert_eq!(
            again["totals"],
            json!({ "created": 0, "updated": 0, "unchanged": 2 })
        );
    }
);
