use coordmap_api::graphql::ids::NodeKind;
use serde_json::{json, Value};

use crate::clusters::{build_protection, gid, mutate, CREATE_AOR, CREATE_CLUSTER, SET_LEAD};
use crate::helpers::{assert_refused, error_code, error_message};
use crate::in_process;

const UPDATE_CLUSTER: &str = r#"mutation($input: UpdateClusterInput!) {
  updateCluster(input: $input) { id code name version parent { code } }
}"#;

const UPDATE_AOR: &str = r#"mutation($input: UpdateAreaOfResponsibilityInput!) {
  updateAreaOfResponsibility(input: $input) { id name version }
}"#;

const ARCHIVE_CLUSTER: &str = r#"mutation($input: ArchiveInput!) {
  archiveCluster(input: $input) { archivedAt version }
}"#;

const END_LEAD: &str = r#"mutation($input: EndInput!) {
  endLeadAgency(input: $input) { validTo version }
}"#;

/// An ID of the right shape for `kind` that names no record.
fn unknown(kind: NodeKind) -> Value {
    gid(
        kind,
        uuid::Uuid::from_u128(0x0193b6e8_0000_7000_8000_000000000000),
    )
}

fn merged(base: Value, patch: Value) -> Value {
    let mut input = base;
    for (k, v) in patch.as_object().expect("patch") {
        input[k] = v.clone();
    }
    json!({ "input": input })
}

in_process!(
    bad_cluster_inputs_are_refused_and_change_nothing,
    |app| async move {
        let p = build_protection(&app).await;
        let retired = mutate(
            &app,
            CREATE_CLUSTER,
            json!({ "code": "GPC-OLD", "name": "Retired global cluster", "scope": "GLOBAL",
                    "sector": "PROTECTION", "validFrom": "2005-01-01" }),
        )
        .await;
        app.data(
            ARCHIVE_CLUSTER,
            json!({ "input": { "id": retired["id"], "version": 1 } }),
        )
        .await;
        let base = json!({ "code": "PC-SSD", "name": "Protection Cluster South Sudan", "scope": "FIELD",
                           "sector": "PROTECTION", "countryCode": "SSD", "validFrom": "2011-07-09" });
        let with = |patch: Value| merged(base.clone(), patch);
        assert_refused(&app, CREATE_CLUSTER, &[
            (with(json!({ "name": " " })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
            (with(json!({ "code": "PC SSD" })), "BAD_USER_INPUT", "input.code",
                "`input.code` must be 1 to 32 letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `PC SSD`"),
            (with(json!({ "code": "gpc" })), "BAD_USER_INPUT", "input.code",
                "`input.code` GPC is already used by another cluster"),
            (with(json!({ "countryCode": "SS" })), "BAD_USER_INPUT", "input.countryCode",
                "`input.countryCode` must be an ISO 3166-1 alpha-3 code such as COD; got `SS`"),
            (with(json!({ "validTo": "2011-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2011-01-01) must not be before validFrom (2011-07-09)"),
            (with(json!({ "parentId": p.pc_cod.json() })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` refers to PC-COD, a FIELD cluster: a parent must be a GLOBAL cluster"),
            (with(json!({ "parentId": retired["id"] })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` refers to an archived cluster"),
            (with(json!({ "parentId": unknown(NodeKind::Cluster) })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` refers to no cluster"),
            (with(json!({ "parentId": p.unhcr.json() })), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` must identify a record of type Cluster, but identifies one of type Organization"),
        ]).await;
    }
);

in_process!(
    cluster_updates_keep_parents_global_and_refuse_cycles,
    |app| async move {
        let p = build_protection(&app).await;
        let umbrella = mutate(
            &app,
            CREATE_CLUSTER,
            json!({ "code": "GLOBAL-HUM", "name": "Global humanitarian clusters", "scope": "GLOBAL",
                    "sector": "OTHER", "validFrom": "2005-01-01" }),
        )
        .await["id"]
            .clone();
        let moved = app
            .data(
                UPDATE_CLUSTER,
                json!({ "input": { "id": p.gpc.json(), "version": 1, "parentId": umbrella } }),
            )
            .await["updateCluster"]
            .clone();
        assert_eq!(moved["parent"]["code"], "GLOBAL-HUM");
        assert_eq!(moved["version"], 2);
        assert_refused(&app, UPDATE_CLUSTER, &[
            (json!({ "input": { "id": umbrella, "version": 1, "parentId": p.gpc.json() } }), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` would make a cycle of clusters: GPC → GLOBAL-HUM → GPC"),
            (json!({ "input": { "id": umbrella, "version": 1, "parentId": umbrella } }), "BAD_USER_INPUT", "input.parentId",
                "`input.parentId` would make a cycle of clusters: GLOBAL-HUM → GLOBAL-HUM"),
            (json!({ "input": { "id": p.gpc.json(), "version": 2, "scope": "FIELD" } }), "BAD_USER_INPUT", "input.scope",
                "`input.scope` cannot become FIELD: clusters hang under this one (PC-COD), and a parent must be GLOBAL"),
            (json!({ "input": { "id": p.pc_cod.json(), "version": 1, "code": "GPC" } }), "BAD_USER_INPUT", "input.code",
                "`input.code` GPC is already used by another cluster"),
            (json!({ "input": { "id": p.pc_cod.json(), "version": 1, "validTo": "2000-01-01" } }), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2000-01-01) must not be before validFrom (2006-01-01)"),
            (json!({ "input": { "id": p.gpc.json(), "version": 1, "name": "Stale" } }), "CONFLICT", "",
                "the cluster was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
        ]).await;
        let cleared = app
            .data(
                UPDATE_CLUSTER,
                json!({ "input": { "id": p.gpc.json(), "version": 2, "parentId": null, "name": "Global Protection Cluster (GPC)" } }),
            )
            .await["updateCluster"]
            .clone();
        assert_eq!(cleared["parent"], Value::Null);
        assert_eq!(cleared["name"], "Global Protection Cluster (GPC)");
        let unknown_id = app
            .graphql(
                UPDATE_CLUSTER,
                json!({ "input": { "id": unknown(NodeKind::Cluster), "version": 1 } }),
            )
            .await;
        assert_eq!(error_code(&unknown_id), "NOT_FOUND");
        assert_eq!(error_message(&unknown_id), "no cluster has this ID");
    }
);

in_process!(
    bad_area_of_responsibility_inputs_are_refused_and_change_nothing,
    |app| async move {
        let p = build_protection(&app).await;
        let retired = mutate(
            &app,
            CREATE_CLUSTER,
            json!({ "code": "PC-OLD", "name": "Old cluster", "scope": "FIELD",
                    "sector": "PROTECTION", "validFrom": "2005-01-01" }),
        )
        .await["id"]
            .clone();
        app.data(
            ARCHIVE_CLUSTER,
            json!({ "input": { "id": retired, "version": 1 } }),
        )
        .await;
        let base = json!({ "clusterId": p.pc_cod.json(), "name": "Rule of Law AoR", "theme": "RULE_OF_LAW_JUSTICE",
                           "validFrom": "2012-01-01" });
        let with = |patch: Value| merged(base.clone(), patch);
        assert_refused(&app, CREATE_AOR, &[
            (with(json!({ "name": "" })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
            (with(json!({ "clusterId": retired })), "BAD_USER_INPUT", "input.clusterId",
                "`input.clusterId` refers to an archived cluster"),
            (with(json!({ "clusterId": unknown(NodeKind::Cluster) })), "BAD_USER_INPUT", "input.clusterId",
                "`input.clusterId` refers to no cluster"),
            (with(json!({ "counterpartComponentId": p.unicef.json() })), "BAD_USER_INPUT", "input.counterpartComponentId",
                "`input.counterpartComponentId` must identify a record of type Component, but identifies one of type Organization"),
            (with(json!({ "validTo": "2011-12-31" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2011-12-31) must not be before validFrom (2012-01-01)"),
        ]).await;
        let renamed = app
            .data(
                UPDATE_AOR,
                json!({ "input": { "id": p.gbv.json(), "version": 1, "name": "GBV AoR", "counterpartComponentId": null } }),
            )
            .await["updateAreaOfResponsibility"]
            .clone();
        assert_eq!(renamed["version"], 2);
        assert_refused(&app, UPDATE_AOR, &[
            (json!({ "input": { "id": p.gbv.json(), "version": 1, "name": "Again" } }), "CONFLICT", "",
                "the area of responsibility was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
            (json!({ "input": { "id": p.gbv.json(), "version": 2, "validTo": "2000-01-01" } }), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2000-01-01) must not be before validFrom (2006-01-01)"),
        ]).await;
    }
);

in_process!(
    a_cluster_or_aor_has_one_lead_at_a_time_and_any_number_of_co_leads,
    |app| async move {
        let p = build_protection(&app).await;
        assert_refused(&app, SET_LEAD, &[
            (json!({ "input": { "organizationId": p.unicef.json(), "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.clusterId",
                "pass exactly one of `input.clusterId` and `input.areaOfResponsibilityId`"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "areaOfResponsibilityId": p.gbv.json(), "organizationId": p.unicef.json(), "validFrom": "2010-01-01" } }),
                "BAD_USER_INPUT", "input.clusterId", "pass exactly one of `input.clusterId` and `input.areaOfResponsibilityId`"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "organizationId": p.unicef.json(), "componentId": p.human_rights.json(), "validFrom": "2010-01-01" } }),
                "BAD_USER_INPUT", "input.organizationId", "pass exactly one of `input.organizationId` and `input.componentId`"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "validFrom": "2010-01-01" } }),
                "BAD_USER_INPUT", "input.organizationId", "pass exactly one of `input.organizationId` and `input.componentId`"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "organizationId": p.unicef.json(), "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.role",
                "PC-COD already has a LEAD (UNHCR, from 2006-01-01) over an overlapping period; set this one as CO_LEAD or end the current lead first"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "organizationId": p.unhcr.json(), "role": "CO_LEAD", "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.organizationId",
                "`input.organizationId` UNHCR already leads PC-COD over an overlapping period (from 2006-01-01)"),
            (json!({ "input": { "clusterId": p.pc_cod.json(), "componentId": p.human_rights.json(), "role": "CO_LEAD", "validFrom": "2011-01-01" } }), "BAD_USER_INPUT", "input.componentId",
                "`input.componentId` UNJHRO already leads PC-COD over an overlapping period (from 2006-01-01)"),
            (json!({ "input": { "areaOfResponsibilityId": p.gbv.json(), "organizationId": p.unicef.json(), "validFrom": "2007-01-01" } }), "BAD_USER_INPUT", "input.role",
                "Gender-Based Violence AoR already has a LEAD (UNFPA, from 2006-01-01) over an overlapping period; set this one as CO_LEAD or end the current lead first"),
            (json!({ "input": { "areaOfResponsibilityId": p.gbv.json(), "organizationId": p.unicef.json(), "validFrom": "2007-01-01", "validTo": "2006-01-01" } }), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2006-01-01) must not be before validFrom (2007-01-01)"),
            (json!({ "input": { "clusterId": p.child_protection.json(), "organizationId": p.unicef.json(), "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.clusterId",
                "`input.clusterId` must identify a record of type Cluster, but identifies one of type AreaOfResponsibility"),
            (json!({ "input": { "clusterId": unknown(NodeKind::Cluster), "organizationId": p.unicef.json(), "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.clusterId",
                "`input.clusterId` refers to no cluster"),
            (json!({ "input": { "areaOfResponsibilityId": p.hlp.json(), "organizationId": unknown(NodeKind::Organization), "validFrom": "2010-01-01" } }), "BAD_USER_INPUT", "input.organizationId",
                "`input.organizationId` refers to no organization"),
        ]).await;

        // Co-leads may be several; a LEAD may follow another once the first has ended.
        for org in [p.unicef.json(), p.unfpa.json()] {
            mutate(
                &app,
                SET_LEAD,
                json!({ "clusterId": p.pc_cod.json(), "organizationId": org, "role": "CO_LEAD", "validFrom": "2013-01-01" }),
            )
            .await;
        }
        let gbv_lead = app
            .data(
                "{ areasOfResponsibility(filter: { themes: [GENDER_BASED_VIOLENCE] }) { nodes { leadAgencies { id version } } } }",
                json!({}),
            )
            .await["areasOfResponsibility"]["nodes"][0]["leadAgencies"][0]
            .clone();
        assert_refused(&app, END_LEAD, &[
            (json!({ "input": { "id": gbv_lead["id"], "version": 1, "on": "2005-01-01" } }), "BAD_USER_INPUT", "input.on",
                "`on` (2005-01-01) must not be before the start of the lead agency (2006-01-01)"),
            (json!({ "input": { "id": gbv_lead["id"], "version": 7, "on": "2016-01-01" } }), "CONFLICT", "",
                "the lead agency was changed by someone else: you sent version 7, the current version is 1; read it again and retry"),
        ]).await;
        app.data(
            END_LEAD,
            json!({ "input": { "id": gbv_lead["id"], "version": 1, "on": "2016-01-01" } }),
        )
        .await;
        let next = mutate(
            &app,
            SET_LEAD,
            json!({ "areaOfResponsibilityId": p.gbv.json(), "organizationId": p.unicef.json(), "validFrom": "2016-01-01" }),
        )
        .await;
        assert_eq!(next["role"], "LEAD");
        let read = app
            .data(
                r#"{ cluster(code: "PC-COD") { leadAgencies { role organization { code } component { acronym } }
                     areasOfResponsibility(asOf: "2016-01-01") { theme leadAgencies { organization { code } } } } }"#,
                json!({}),
            )
            .await["cluster"]
            .clone();
        assert_eq!(
            read["leadAgencies"],
            json!([
                { "role": "LEAD", "organization": { "code": "UNHCR" }, "component": null },
                { "role": "CO_LEAD", "organization": { "code": "UNICEF" }, "component": null },
                { "role": "CO_LEAD", "organization": { "code": "UNFPA" }, "component": null },
            ])
        );
        assert_eq!(
            read["areasOfResponsibility"][1],
            json!({ "theme": "GENDER_BASED_VIOLENCE", "leadAgencies": [{ "organization": { "code": "UNICEF" } }] })
        );
        assert!(!p.mine_action.uuid().is_nil());
    }
);
