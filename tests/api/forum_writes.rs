//! Forum mutations: forums, links and memberships, with what they refuse.

use chrono::Utc;
use coordmap_api::graphql::ids::{encode, NodeKind};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{json, Value};

use crate::fixtures::{
    insert_organization, insert_plain_area_of_responsibility, insert_plain_cluster,
};
use crate::forums::{monuc, mutate, ADD_MEMBERSHIP, CHANGE_CAPACITY, CREATE_FORUM, LINK_FORUM};
use crate::helpers::{assert_refused, TestApp};
use crate::in_process;

const UPDATE_FORUM: &str = r#"mutation($input: UpdateForumInput!) {
  updateForum(input: $input) { id name acronym meetingFrequency validTo version mission { acronym } }
}"#;

const END_LINK: &str = r#"mutation($input: EndInput!) {
  endForumLink(input: $input) { validTo version }
}"#;

fn unknown(kind: NodeKind) -> String {
    encode(kind, uuid::Uuid::now_v7()).0
}

/// An organisation that exists but is archived.
async fn archived_organization(app: &TestApp, code: &str) -> String {
    let org = insert_organization(app.db(), code, "Archived organisation").await;
    let mut row = org.clone().into_active_model();
    row.archived_at = Set(Some(Utc::now()));
    row.update(app.db()).await.expect("archive organisation");
    encode(NodeKind::Organization, org.id).0
}

async fn operations(app: &TestApp, id: &Value) -> Vec<String> {
    let log = app
        .data(
            "query($id: ID!) { auditLog(record: $id) { operation } }",
            json!({ "id": id }),
        )
        .await;
    log["auditLog"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["operation"].as_str().unwrap().to_owned())
        .collect()
}

in_process!(
    a_forum_is_created_updated_and_archived_with_its_audit_trail,
    |app| async move {
        let m = monuc(&app).await;
        let created = mutate(&app, CREATE_FORUM, json!({
            "name": "POC Working Group Goma", "acronym": "pocwg-goma", "kind": "POC_WORKING_GROUP",
            "level": "LOCAL", "missionId": m.mission.json(), "validFrom": "2009-02-01",
        })).await;
        assert_eq!(created["version"], 1);
        let id = created["id"].clone();
        let updated = mutate(
            &app,
            UPDATE_FORUM,
            json!({
                "id": id, "version": 1, "name": "POC Working Group North Kivu", "acronym": null,
                "meetingFrequency": "fortnightly", "missionId": null, "validTo": "2013-01-01",
            }),
        )
        .await;
        assert_eq!(
            updated,
            json!({ "id": id, "name": "POC Working Group North Kivu", "acronym": null, "meetingFrequency": "fortnightly",
                    "validTo": "2013-01-01", "version": 2, "mission": null })
        );
        let kept = mutate(
            &app,
            UPDATE_FORUM,
            json!({ "id": id, "version": 2, "missionId": m.mission.json() }),
        )
        .await;
        assert_eq!(
            kept["name"], "POC Working Group North Kivu",
            "omitted fields keep their value"
        );
        assert_eq!(kept["mission"]["acronym"], "MONUC");
        let archived = mutate(&app, "mutation($input: ArchiveInput!) { archiveForum(input: $input) { archivedAt version } }",
            json!({ "id": id, "version": 3 })).await;
        assert!(archived["archivedAt"].is_string());
        assert_eq!(archived["version"], 4);
        let listed = app
            .data(
                r#"{ forums(filter: { search: "kivu" }) { totalCount } }"#,
                json!({}),
            )
            .await;
        assert_eq!(
            listed["forums"]["totalCount"], 0,
            "archived forums leave default lists"
        );
        assert_eq!(
            operations(&app, &id).await,
            ["createForum", "updateForum", "updateForum", "archiveForum"]
        );
    }
);

in_process!(
    bad_forum_inputs_are_refused_and_change_nothing,
    |app| async move {
        let m = monuc(&app).await;
        let archived = archived_organization(&app, "OLDNGO").await;
        let cluster = insert_plain_cluster(app.db(), "PC-COD", "Protection Cluster DRC").await;
        let other =
            insert_plain_cluster(app.db(), "PC-SSD", "Protection Cluster South Sudan").await;
        let aor =
            insert_plain_area_of_responsibility(app.db(), other.id, "Child Protection AoR").await;
        let with = |patch: Value| {
            let mut input = json!({ "name": "POC Working Group", "kind": "POC_WORKING_GROUP", "level": "LOCAL", "validFrom": "2009-01-01" });
            for (k, v) in patch.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "input": input })
        };
        assert_refused(&app, CREATE_FORUM, &[
            (with(json!({ "name": " " })), "BAD_USER_INPUT", "input.name", "`input.name` must not be empty"),
            (with(json!({ "acronym": "P W" })), "BAD_USER_INPUT", "input.acronym",
                "`input.acronym` must be 2 to 32 letters, digits or hyphens starting with a letter, e.g. MONUSCO; got `P W`"),
            (with(json!({ "meetingFrequency": "x".repeat(65) })), "BAD_USER_INPUT", "input.meetingFrequency",
                "`input.meetingFrequency` must be at most 64 characters"),
            (with(json!({ "validTo": "2008-12-31" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2008-12-31) must not be before validFrom (2009-01-01)"),
            (with(json!({ "missionId": m.ocha.json() })), "BAD_USER_INPUT", "input.missionId",
                "`input.missionId` must identify a record of type Mission, but identifies one of type Organization"),
            (with(json!({ "missionId": unknown(NodeKind::Mission) })), "BAD_USER_INPUT", "input.missionId",
                "`input.missionId` refers to no mission"),
            (with(json!({ "clusterId": unknown(NodeKind::Cluster) })), "BAD_USER_INPUT", "input.clusterId",
                "`input.clusterId` refers to no cluster"),
            (with(json!({ "geographicAreaId": unknown(NodeKind::GeographicArea) })), "BAD_USER_INPUT", "input.geographicAreaId",
                "`input.geographicAreaId` refers to no geographic area"),
            (with(json!({ "establishedByPostId": unknown(NodeKind::Post) })), "BAD_USER_INPUT", "input.establishedByPostId",
                "`input.establishedByPostId` refers to no post"),
            (with(json!({ "establishedByOrganizationId": archived })), "BAD_USER_INPUT", "input.establishedByOrganizationId",
                "`input.establishedByOrganizationId` refers to an archived organization"),
            (with(json!({ "areaOfResponsibilityId": unknown(NodeKind::AreaOfResponsibility) })), "BAD_USER_INPUT",
                "input.areaOfResponsibilityId", "`input.areaOfResponsibilityId` refers to no area of responsibility"),
            (with(json!({ "clusterId": encode(NodeKind::Cluster, cluster.id).0, "areaOfResponsibilityId": encode(NodeKind::AreaOfResponsibility, aor.id).0 })),
                "BAD_USER_INPUT", "input.areaOfResponsibilityId",
                "the area of responsibility Child Protection AoR belongs to another cluster than `input.clusterId`"),
        ]).await;

        assert_refused(&app, UPDATE_FORUM, &[
            (json!({ "input": { "id": m.smg.json(), "version": 1, "name": "" } }), "BAD_USER_INPUT", "input.name",
                "`input.name` must not be empty"),
            (json!({ "input": { "id": m.smg.json(), "version": 1, "validTo": "2008-01-01" } }), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2008-01-01) must not be before validFrom (2009-01-01)"),
            (json!({ "input": { "id": m.smg.json(), "version": 1, "establishedByOrganizationId": archived } }), "BAD_USER_INPUT",
                "input.establishedByOrganizationId", "`input.establishedByOrganizationId` refers to an archived organization"),
            (json!({ "input": { "id": m.ocha.json(), "version": 1 } }), "BAD_USER_INPUT", "input.id",
                "`input.id` must identify a record of type Forum, but identifies one of type Organization"),
            (json!({ "input": { "id": unknown(NodeKind::Forum), "version": 1 } }), "NOT_FOUND", "", "no forum has this ID"),
        ]).await;
    }
);

in_process!(
    links_refuse_self_links_duplicates_and_cycles_naming_the_cycle,
    |app| async move {
        let m = monuc(&app).await;
        let crisis = mutate(&app, CREATE_FORUM, json!({
            "name": "Crisis Cell", "kind": "CRISIS_CELL", "level": "MISSION_HQ", "missionId": m.mission.json(), "validFrom": "2009-01-01",
        })).await;
        let crisis = crisis["id"].as_str().unwrap().to_owned();
        let crisis_reports = mutate(&app, LINK_FORUM, json!({
            "forumId": crisis, "targetForumId": m.early_warning.json(), "kind": "REPORTS_TO", "validFrom": "2009-06-01",
        })).await;
        let link = |forum: &str, target: &str, kind: &str, from: &str| json!({ "input": { "forumId": forum, "targetForumId": target, "kind": kind, "validFrom": from } });
        assert_refused(&app, LINK_FORUM, &[
            (link(m.smg.as_str(), m.smg.as_str(), "SUBGROUP_OF", "2009-01-01"), "BAD_USER_INPUT", "input.targetForumId",
                "`input.targetForumId` must be another forum than `input.forumId`: a forum cannot be linked to itself"),
            (link(m.early_warning.as_str(), m.smg.as_str(), "REPORTS_TO", "2012-01-01"), "BAD_USER_INPUT", "input.targetForumId",
                "Early Warning and Rapid Response Cell already reports to Senior Management Group on Protection from 2009-06-01 (open-ended); end that link first or choose a period that does not overlap it"),
            (link(m.smg.as_str(), &crisis, "REPORTS_TO", "2010-01-01"), "BAD_USER_INPUT", "input.targetForumId",
                "linking Senior Management Group on Protection to Crisis Cell would close a cycle of REPORTS_TO links: Senior Management Group on Protection → Crisis Cell → Early Warning and Rapid Response Cell → Senior Management Group on Protection"),
            (link(m.smg.as_str(), &unknown(NodeKind::Forum), "REPORTS_TO", "2010-01-01"), "BAD_USER_INPUT", "input.targetForumId",
                "`input.targetForumId` refers to no forum"),
            (link(m.ocha.as_str(), m.smg.as_str(), "REPORTS_TO", "2010-01-01"), "BAD_USER_INPUT", "input.forumId",
                "`input.forumId` must identify a record of type Forum, but identifies one of type Organization"),
            (json!({ "input": { "forumId": m.smg.json(), "targetForumId": crisis, "kind": "SUBGROUP_OF", "validFrom": "2010-01-01", "validTo": "2009-01-01" } }),
                "BAD_USER_INPUT", "input.validTo", "`input.validTo` (2009-01-01) must not be before validFrom (2010-01-01)"),
        ]).await;

        // Another kind is another graph; and a link that only closes the loop once the old link
        // has ended is no cycle.
        mutate(&app, LINK_FORUM, json!({ "forumId": m.smg.json(), "targetForumId": crisis, "kind": "SUBGROUP_OF", "validFrom": "2010-01-01" })).await;
        let ended = mutate(
            &app,
            END_LINK,
            json!({ "id": crisis_reports["id"], "version": 1, "on": "2011-01-01" }),
        )
        .await;
        assert_eq!(ended, json!({ "validTo": "2011-01-01", "version": 2 }));
        assert_refused(&app, LINK_FORUM, &[
            (link(m.smg.as_str(), &crisis, "REPORTS_TO", "2010-12-31"), "BAD_USER_INPUT", "input.targetForumId",
                "linking Senior Management Group on Protection to Crisis Cell would close a cycle of REPORTS_TO links: Senior Management Group on Protection → Crisis Cell → Early Warning and Rapid Response Cell → Senior Management Group on Protection"),
        ]).await;
        mutate(&app, LINK_FORUM, json!({ "forumId": m.smg.json(), "targetForumId": crisis, "kind": "REPORTS_TO", "validFrom": "2011-01-01" })).await;

        let read = app
            .data(
                r#"query($id: ID!) { node(id: $id) { ... on Forum {
                    reportsTo { name } subgroupOf { name }
                    before: reportsTo(asOf: "2010-12-31") { name }
                } } }"#,
                json!({ "id": m.smg.json() }),
            )
            .await;
        assert_eq!(
            read["node"]["reportsTo"],
            json!([{ "name": "Crisis Cell" }])
        );
        assert_eq!(
            read["node"]["subgroupOf"],
            json!([{ "name": "Crisis Cell" }])
        );
        assert_eq!(read["node"]["before"], json!([]));
        let crisis_read = app
            .data(r#"query($id: ID!) { node(id: $id) { ... on Forum { subgroups { acronym } reportingForums { acronym } reportsTo { acronym } } } }"#,
                json!({ "id": crisis }))
            .await;
        assert_eq!(
            crisis_read["node"],
            json!({ "subgroups": [{ "acronym": "SMG-P" }], "reportingForums": [{ "acronym": "SMG-P" }], "reportsTo": [] })
        );

        assert_refused(&app, END_LINK, &[
            (json!({ "input": { "id": crisis_reports["id"], "version": 1, "on": "2012-01-01" } }), "CONFLICT", "",
                "the forum link was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
            (json!({ "input": { "id": crisis_reports["id"], "version": 2, "on": "2012-01-01" } }), "BAD_USER_INPUT", "input.on",
                "the forum link already ended on 2011-01-01"),
        ]).await;
    }
);

in_process!(
    a_member_sits_once_in_a_forum_at_a_time_and_is_exactly_one_record,
    |app| async move {
        let m = monuc(&app).await;
        let archived = archived_organization(&app, "OLDNGO").await;
        let seat = |patch: Value| {
            let mut input =
                json!({ "forumId": m.smg.json(), "capacity": "MEMBER", "validFrom": "2012-01-01" });
            for (k, v) in patch.as_object().unwrap() {
                input[k] = v.clone();
            }
            json!({ "input": input })
        };
        assert_refused(&app, ADD_MEMBERSHIP, &[
            (seat(json!({})), "BAD_USER_INPUT", "input.memberOrganizationId",
                "give the member: one of `input.memberOrganizationId`, `input.memberComponentId` and `input.memberPostId`"),
            (seat(json!({ "memberOrganizationId": m.ocha.json(), "memberPostId": m.srsg.json() })), "BAD_USER_INPUT", "input.memberPostId",
                "give only one member: `input.memberOrganizationId` and `input.memberPostId` are both set"),
            (seat(json!({ "memberOrganizationId": m.srsg.json() })), "BAD_USER_INPUT", "input.memberOrganizationId",
                "`input.memberOrganizationId` must identify a record of type Organization, but identifies one of type Post"),
            (seat(json!({ "memberComponentId": unknown(NodeKind::Component) })), "BAD_USER_INPUT", "input.memberComponentId",
                "`input.memberComponentId` refers to no component"),
            (seat(json!({ "memberOrganizationId": archived })), "BAD_USER_INPUT", "input.memberOrganizationId",
                "`input.memberOrganizationId` refers to an archived organization"),
            (seat(json!({ "memberOrganizationId": m.ocha.json(), "forumId": unknown(NodeKind::Forum) })), "BAD_USER_INPUT", "input.forumId",
                "`input.forumId` refers to no forum"),
            (seat(json!({ "memberOrganizationId": m.unhcr.json() })), "BAD_USER_INPUT", "input.memberOrganizationId",
                "UNHCR already sits in Senior Management Group on Protection as OBSERVER from 2009-01-01 (open-ended); change its capacity with changeMemberCapacity or end that membership first"),
            (seat(json!({ "memberOrganizationId": m.ocha.json(), "validFrom": "2009-02-01", "validTo": "2009-06-01" })), "BAD_USER_INPUT", "input.memberOrganizationId",
                "OCHA already sits in Senior Management Group on Protection as OBSERVER from 2009-03-01 to 2010-01-01; change its capacity with changeMemberCapacity or end that membership first"),
            (seat(json!({ "memberPostId": m.srsg.json(), "capacity": "CO_CHAIR" })), "BAD_USER_INPUT", "input.memberPostId",
                "Special Representative of the Secretary-General already sits in Senior Management Group on Protection as CHAIR from 2009-01-01 (open-ended); change its capacity with changeMemberCapacity or end that membership first"),
            (seat(json!({ "memberOrganizationId": m.ocha.json(), "validFrom": "2008-06-01", "validTo": "2009-01-01" })), "BAD_USER_INPUT", "input.validFrom",
                "`input.validFrom` (2008-06-01) is before Senior Management Group on Protection was established (2009-01-01)"),
            (seat(json!({ "memberOrganizationId": m.ocha.json(), "validTo": "2011-01-01" })), "BAD_USER_INPUT", "input.validTo",
                "`input.validTo` (2011-01-01) must not be before validFrom (2012-01-01)"),
        ]).await;

        // Back to back with the observer seat is no overlap: OCHA was a liaison first.
        mutate(
            &app,
            ADD_MEMBERSHIP,
            json!({
                "forumId": m.smg.json(), "memberOrganizationId": m.ocha.json(), "capacity": "LIAISON",
                "validFrom": "2009-01-01", "validTo": "2009-03-01",
            }),
        )
        .await;
        let history = app
            .data(
                "query($o: ID) { forumMembershipHistory(organization: $o) { date change capacity previousCapacity } }",
                json!({ "o": m.ocha.json() }),
            )
            .await;
        assert_eq!(
            history["forumMembershipHistory"],
            json!([
                { "date": "2009-01-01", "change": "JOINED", "capacity": "LIAISON", "previousCapacity": null },
                { "date": "2009-03-01", "change": "CAPACITY_CHANGED", "capacity": "OBSERVER", "previousCapacity": "LIAISON" },
                { "date": "2010-01-01", "change": "CAPACITY_CHANGED", "capacity": "MEMBER", "previousCapacity": "OBSERVER" },
            ])
        );
    }
);

in_process!(
    a_capacity_change_is_refused_when_pointless_stale_or_outside_the_membership,
    |app| async move {
        let m = monuc(&app).await;
        let member = m.ocha_membership.clone();
        let unhcr = app
            .data(
                r#"{ organization(code: "UNHCR") { memberships { id } } }"#,
                json!({}),
            )
            .await["organization"]["memberships"][0]["id"]
            .clone();
        mutate(
            &app,
            "mutation($input: EndInput!) { endForumMembership(input: $input) { version } }",
            json!({ "id": unhcr, "version": 1, "on": "2011-07-01" }),
        )
        .await;
        let change = |id: &Value, version: i32, capacity: &str, on: &str| json!({ "input": { "id": id, "version": version, "capacity": capacity, "on": on } });
        assert_refused(&app, CHANGE_CAPACITY, &[
            (change(&member["id"], 1, "MEMBER", "2011-01-01"), "BAD_USER_INPUT", "input.capacity",
                "the member already sits as MEMBER; give another capacity"),
            (change(&member["id"], 1, "CO_CHAIR", "2009-12-31"), "BAD_USER_INPUT", "input.on",
                "`input.on` (2009-12-31) must fall within the membership, which holds from 2010-01-01 (open-ended)"),
            (change(&unhcr, 2, "MEMBER", "2011-07-01"), "BAD_USER_INPUT", "input.on",
                "`input.on` (2011-07-01) must fall within the membership, which holds from 2009-01-01 to 2011-07-01"),
            (change(&member["id"], 2, "CO_CHAIR", "2011-01-01"), "CONFLICT", "",
                "the forum membership was changed by someone else: you sent version 2, the current version is 1; read it again and retry"),
            (change(&json!(unknown(NodeKind::ForumMembership)), 1, "CO_CHAIR", "2011-01-01"), "NOT_FOUND", "",
                "no forum membership has this ID"),
            (change(&json!(m.smg.json()), 1, "CO_CHAIR", "2011-01-01"), "BAD_USER_INPUT", "input.id",
                "`input.id` must identify a record of type ForumMembership, but identifies one of type Forum"),
        ]).await;

        // A change inside an ended membership keeps its planned end.
        let promoted = mutate(
            &app,
            CHANGE_CAPACITY,
            json!({ "id": unhcr, "version": 2, "capacity": "MEMBER", "on": "2010-06-01" }),
        )
        .await;
        assert_eq!(promoted["validFrom"], "2010-06-01");
        assert_eq!(promoted["validTo"], "2011-07-01");
        let history = app
            .data(
                "query($o: ID) { forumMembershipHistory(organization: $o) { date change capacity } }",
                json!({ "o": m.unhcr.json() }),
            )
            .await;
        assert_eq!(
            history["forumMembershipHistory"],
            json!([
                { "date": "2009-01-01", "change": "JOINED", "capacity": "OBSERVER" },
                { "date": "2010-06-01", "change": "CAPACITY_CHANGED", "capacity": "MEMBER" },
                { "date": "2011-07-01", "change": "LEFT", "capacity": "MEMBER" },
            ])
        );
        assert_eq!(
            operations(&app, &unhcr).await,
            [
                "addForumMembership",
                "endForumMembership",
                "changeMemberCapacity"
            ]
        );
        assert_eq!(
            operations(&app, &promoted["id"]).await,
            ["changeMemberCapacity"]
        );
    }
);

in_process!(
    a_stale_forum_version_is_a_conflict_and_changes_nothing,
    |app| async move {
        let m = monuc(&app).await;
        mutate(
            &app,
            UPDATE_FORUM,
            json!({ "id": m.smg.json(), "version": 1, "meetingFrequency": "monthly" }),
        )
        .await;
        assert_refused(&app, UPDATE_FORUM, &[
            (json!({ "input": { "id": m.smg.json(), "version": 1, "name": "Second edit" } }), "CONFLICT", "",
                "the forum was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
        ]).await;
        assert_refused(&app, "mutation($input: ArchiveInput!) { archiveForum(input: $input) { version } }", &[
            (json!({ "input": { "id": m.smg.json(), "version": 1 } }), "CONFLICT", "",
                "the forum was changed by someone else: you sent version 1, the current version is 2; read it again and retry"),
        ]).await;
    }
);
