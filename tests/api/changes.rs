//! The change feed (`changes`): commit order, resumption, filters, bad input, and each caller's
//! view (VIEWER, partner token, anonymous; actors for ANALYST and ADMIN only).

use serde_json::{json, Value};

use crate::build::{kind, Build, ForumId, Id, MissionId, OrganizationId};
use crate::helpers::{assert_refused, user_token, TestApp};
use crate::hidden::{answer, unknown};
use crate::{both_backends, in_process};

const CHANGES: &str = r#"query($filter: ChangeFilter, $first: Int, $after: String) {
  changes(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      cursor operation operationName recordType recordId actor
      record { id }
      fields { field before after }
    } }
  }
}"#;

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The changes `caller` reads (an administrator when `None`), up to 50 after `after`.
async fn feed_as(
    app: &TestApp,
    caller: Option<&str>,
    filter: Value,
    after: Option<&str>,
) -> Vec<Value> {
    let variables = json!({ "filter": filter, "first": 50, "after": after });
    let body = match caller {
        Some(caller) => app.graphql_as(Some(caller), CHANGES, variables).await,
        None => app.graphql(CHANGES, variables).await,
    };
    assert!(body.get("errors").is_none(), "{body:#}");
    body["data"]["changes"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

async fn feed(app: &TestApp, filter: Value) -> Vec<Value> {
    feed_as(app, None, filter, None).await
}

/// `(recordType, operation)` of each change.
fn summary(changes: &[Value]) -> Vec<(String, String)> {
    changes
        .iter()
        .map(|c| {
            (
                c["recordType"].as_str().unwrap().to_owned(),
                c["operation"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn about<'v>(changes: &'v [Value], id: &Value) -> Vec<&'v Value> {
    changes.iter().filter(|c| c["recordId"] == *id).collect()
}

in_process!(
    the_feed_lists_changes_in_commit_order_and_resumes_after_a_cursor,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let ngo = b.organization("NGO", "An NGO").await;
        let forum = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;
        let seat = b.membership(&forum, &ngo).await;
        b.update(&forum, json!({ "name": "Protection WG" })).await;
        b.end(&seat, "2012-01-01").await;

        let all = feed(&app, json!(null)).await;
        let forum_changes = about(&all, &forum.json());
        assert_eq!(
            summary(&forum_changes.into_iter().cloned().collect::<Vec<_>>()),
            [
                ("Forum".to_owned(), "CREATED".to_owned()),
                ("Forum".to_owned(), "UPDATED".to_owned())
            ]
        );
        let seat_changes: Vec<Value> = about(&all, &seat.json()).into_iter().cloned().collect();
        assert_eq!(
            summary(&seat_changes),
            [
                ("ForumMembership".to_owned(), "CREATED".to_owned()),
                ("ForumMembership".to_owned(), "ENDED".to_owned())
            ]
        );
        let ended = &seat_changes[1];
        assert_eq!(ended["operationName"], "endForumMembership");
        assert_eq!(
            ended["fields"],
            json!([{ "field": "validTo", "before": null, "after": "2012-01-01" }])
        );
        assert_eq!(ended["record"]["id"], seat.json());
        assert!(ended["actor"].as_str().unwrap().starts_with("user:"));
        let renamed = all
            .iter()
            .find(|c| c["recordId"] == forum.json() && c["operation"] == "UPDATED")
            .unwrap();
        assert!(renamed["fields"]
            .as_array()
            .unwrap()
            .contains(&json!({ "field": "name", "before": "Protection Working Group", "after": "Protection WG" })));

        // Commit order: the seat's creation comes after the forum's, its end after the update.
        let position = |id: &Value, op: &str| {
            all.iter()
                .position(|c| c["recordId"] == *id && c["operation"] == op)
                .unwrap()
        };
        assert!(position(&forum.json(), "CREATED") < position(&seat.json(), "CREATED"));
        assert!(position(&forum.json(), "UPDATED") < position(&seat.json(), "ENDED"));

        // Paging: pages of 2 joined are the whole feed, each change once.
        let mut paged = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let body = app
                .graphql(CHANGES, json!({ "first": 2, "after": after }))
                .await;
            let connection = &body["data"]["changes"];
            let edges = connection["edges"].as_array().unwrap();
            assert!(edges.len() <= 2, "{body}");
            for edge in edges {
                assert_eq!(edge["cursor"], edge["node"]["cursor"]);
                paged.push(edge["node"].clone());
            }
            if connection["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = edges.last().unwrap()["cursor"].as_str().map(str::to_owned);
        }
        assert_eq!(paged, all);

        // After the last cursor: nothing, until the next change, which comes alone.
        let last = all.last().unwrap()["cursor"].as_str().unwrap().to_owned();
        assert!(feed_as(&app, None, json!(null), Some(&last))
            .await
            .is_empty());
        b.update(&ngo, json!({ "name": "An NGO, renamed" })).await;
        let next = feed_as(&app, None, json!(null), Some(&last)).await;
        assert_eq!(
            summary(&next),
            [("Organization".to_owned(), "UPDATED".to_owned())]
        );
    }
);

in_process!(
    the_feed_is_filtered_by_mission_type_forum_organisation_and_date,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let other = b.mission("UNMIS").from("2005-03-24").await;
        let ngo = b.organization("NGO", "An NGO").await;
        let agency = b.agency("UNHCR").await;
        let pwg = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;
        let elsewhere = b
            .forum("Protection Steering Group", "PROTECTION_WORKING_GROUP")
            .mission(&other)
            .await;
        let seat = b.membership(&pwg, &ngo).await;
        let other_seat = b.membership(&elsewhere, &agency).await;

        let ids = |changes: Vec<Value>| -> Vec<Value> {
            let mut ids: Vec<Value> = changes.into_iter().map(|c| c["recordId"].clone()).collect();
            ids.dedup();
            ids
        };
        // A mission by acronym: the mission, its forum, and the seat in its forum.
        let of_monuc = ids(feed(&app, json!({ "missions": ["monuc"] })).await);
        assert!(of_monuc.contains(&monuc.json()));
        assert!(of_monuc.contains(&pwg.json()));
        assert!(of_monuc.contains(&seat.json()));
        assert!(!of_monuc.contains(&elsewhere.json()));
        assert!(!of_monuc.contains(&other_seat.json()));
        // Types.
        let seats = feed(&app, json!({ "recordTypes": ["ForumMembership"] })).await;
        assert_eq!(ids(seats), [seat.json(), other_seat.json()]);
        // A forum by ID: the forum and its seats.
        let of_forum = ids(feed(&app, json!({ "forum": elsewhere.json() })).await);
        assert_eq!(of_forum, [elsewhere.json(), other_seat.json()]);
        // An organisation by code: the organisation and its seats.
        let of_ngo = ids(feed(&app, json!({ "organization": "NGO" })).await);
        assert_eq!(of_ngo, [ngo.json(), seat.json()]);
        // Dates.
        let future = feed(&app, json!({ "since": "2999-01-01T00:00:00Z" })).await;
        assert!(future.is_empty());
        let past = feed(&app, json!({ "until": "2000-01-01T00:00:00Z" })).await;
        assert!(past.is_empty());
        let now = feed(&app, json!({ "since": "2000-01-01T00:00:00Z" })).await;
        assert!(now.len() >= 7, "{now:?}");
    }
);

in_process!(
    a_mission_filter_catches_records_that_reach_their_mission_through_a_post_or_component,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let other = b.mission("UNMIS").from("2005-03-24").await;
        let division = b.component(&monuc, "Civil Affairs Division").await;
        let srsg = b.post(&monuc, "SRSG").await;
        let chief = b.post(&division, "Chief of Civil Affairs").await;
        let person = b.person("Jane Doe").await;
        let hat = b.hat(&srsg, "SRSG").await;
        let assignment = b.assign(&person, &srsg).await;
        let line = b.line(&chief, &srsg).await;
        let from_division = b.line(&division, &srsg).kind("FUNCTIONAL").await;
        let cluster = b
            .cluster("PC-COD", "Protection Cluster DRC")
            .from("2006-01-01")
            .await;
        let lead = b.lead(&cluster, &division).await;
        b.end(&hat, "2010-06-30").await;
        b.end(&assignment, "2010-06-30").await;
        b.end(&line, "2010-06-30").await;

        let records = |changes: Vec<Value>| -> Vec<(Value, String)> {
            changes
                .into_iter()
                .map(|c| {
                    (
                        c["recordId"].clone(),
                        c["operation"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let of_monuc = records(feed(&app, json!({ "missions": [monuc.json()] })).await);
        let of_other = records(feed(&app, json!({ "missions": [other.json()] })).await);
        for (id, operations) in [
            (hat.json(), &["CREATED", "ENDED"][..]),
            (assignment.json(), &["CREATED", "ENDED"][..]),
            (line.json(), &["CREATED", "ENDED"][..]),
            (from_division.json(), &["CREATED"][..]),
            (lead.json(), &["CREATED"][..]),
        ] {
            let found: Vec<&str> = of_monuc
                .iter()
                .filter(|(record, _)| *record == id)
                .map(|(_, op)| op.as_str())
                .collect();
            assert_eq!(found, operations, "{id} in MONUC's feed: {of_monuc:?}");
            assert!(
                of_other.iter().all(|(record, _)| *record != id),
                "{id} in UNMIS's feed: {of_other:?}"
            );
        }
        // The person names no mission, nor does the cluster.
        assert!(of_monuc.iter().all(|(record, _)| *record != person.json()));
        assert!(of_monuc.iter().all(|(record, _)| *record != cluster.json()));
    }
);

/// MONUC and UNMIS, an NGO, and a public protection forum in each.
struct TwoMissions {
    monuc: MissionId,
    other: MissionId,
    ngo: OrganizationId,
    here: ForumId,
    there: ForumId,
}

async fn two_missions(b: &Build<'_>) -> TwoMissions {
    let monuc = b.monuc().await;
    let other = b.mission("UNMIS").from("2005-03-24").await;
    let ngo = b.organization("NGO", "An NGO").await;
    let here = b
        .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
        .mission(&monuc)
        .await;
    let there = b
        .forum("Protection Steering Group", "PROTECTION_WORKING_GROUP")
        .mission(&other)
        .await;
    TwoMissions {
        monuc,
        other,
        ngo,
        here,
        there,
    }
}

in_process!(
    a_mission_filter_catches_citations_of_its_records_and_from_its_documents,
    |app| async move {
        let b = Build::new(&app);
        let TwoMissions {
            monuc,
            ngo,
            here: forum,
            there,
            ..
        } = two_missions(&b).await;
        let seat = b.membership(&forum, &ngo).await;
        let srsg = b.post(&monuc, "SRSG").await;
        let hat = b.hat(&srsg, "SRSG").await;
        let secret = b
            .forum("Contact group", "CRISIS_CELL")
            .mission(&monuc)
            .confidential()
            .await;
        let report = b
            .document("Report of the Secretary-General", "REPORT")
            .await;
        let strategy = b
            .document("MONUC protection strategy", "GUIDANCE")
            .set("missionId", monuc.json())
            .await;
        // Of the mission, of records in it (directly, through a forum, through a post), from
        // its document; of a record of no mission in a document of none; of a record of the
        // other mission; of a confidential forum of the mission (the citation public).
        let of_mission = b.cite(&monuc, &report, "¶1").await;
        let of_forum = b.cite(&forum, &report, "¶2").await;
        let of_seat = b.cite(&seat, &report, "¶3").await;
        let of_hat = b.cite(&hat, &report, "¶4").await;
        let in_strategy = b.cite(&ngo, &strategy, "¶5").await;
        let of_ngo = b.cite(&ngo, &report, "¶6").await;
        let of_there = b.cite(&there, &report, "¶7").await;
        let of_secret = b.cite(&secret, &report, "¶8").await;
        b.update(&of_forum, json!({ "locator": "¶2(a)" })).await;

        let citations = |changes: Vec<Value>| -> Vec<(Value, String)> {
            changes
                .into_iter()
                .filter(|c| c["recordType"] == "SourceCitation")
                .map(|c| {
                    (
                        c["recordId"].clone(),
                        c["operation"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let created = |citation: &Id<kind::SourceCitation>| (citation.json(), "CREATED".to_owned());
        let of_monuc = citations(feed(&app, json!({ "missions": [monuc.json()] })).await);
        assert_eq!(
            of_monuc,
            [
                created(&of_mission),
                created(&of_forum),
                created(&of_seat),
                created(&of_hat),
                created(&in_strategy),
                created(&of_secret),
                (of_forum.json(), "UPDATED".to_owned()),
            ]
        );
        let of_unmis = citations(feed(&app, json!({ "missions": ["UNMIS"] })).await);
        assert_eq!(of_unmis, [created(&of_there)]);
        let everything = citations(feed(&app, json!(null)).await);
        assert!(everything.contains(&created(&of_ngo)), "{everything:?}");

        // A caller never learns of a record it may not see through a citation of it: a
        // viewer's feed leaves out the public citation of the confidential forum, filtered by
        // the mission or not, as an analyst's keeps it; a partner token scoped to MONUC reads
        // no citation of a record of UNMIS.
        let viewer = bearer(&user_token("vic", "VIEWER", &[], &[]));
        let analyst = bearer(&user_token("ann", "ANALYST", &[], &[]));
        let token = partner_token(&app, &ngo.json(), json!([monuc.json()])).await;
        for filter in [json!(null), json!({ "missions": ["MONUC"] })] {
            let by_viewer = citations(feed_as(&app, Some(&viewer), filter.clone(), None).await);
            assert!(!by_viewer.contains(&created(&of_secret)), "{by_viewer:?}");
            assert!(by_viewer.contains(&created(&of_forum)), "{by_viewer:?}");
            let by_analyst = citations(feed_as(&app, Some(&analyst), filter.clone(), None).await);
            assert!(by_analyst.contains(&created(&of_secret)), "{by_analyst:?}");
            let by_partner = citations(feed_as(&app, Some(&token), filter, None).await);
            assert!(!by_partner.contains(&created(&of_there)), "{by_partner:?}");
            assert!(!by_partner.contains(&created(&of_secret)), "{by_partner:?}");
            assert!(by_partner.contains(&created(&of_hat)), "{by_partner:?}");
        }
    }
);

in_process!(
    bad_input_to_the_feed_is_refused_with_its_code,
    |app| async move {
        let b = Build::new(&app);
        b.monuc().await;
        let types =
            "Organization, GeographicArea, Mission, MissionName, MissionMandate, Component, \
                 Post, PostHat, Person, Assignment, ReportingLine, MandatedTask, Cluster, \
                 AreaOfResponsibility, LeadAgency, Forum, ForumLink, ForumMembership, \
                 DecisionArea, DecisionRight, Document, SourceCitation";
        let bad_type =
            format!("`filter.recordTypes`: Nope is not a record type; the types are {types}");
        assert_refused(
        &app,
        CHANGES,
        &[
            (json!({ "first": 0 }), "BAD_USER_INPUT", "first", "`first` must be from 1 to 100; got 0"),
            (json!({ "first": 101 }), "BAD_USER_INPUT", "first", "`first` must be from 1 to 100; got 101"),
            (json!({ "after": "nope" }), "BAD_USER_INPUT", "after", "`after` is not a valid cursor of `changes`"),
            // A cursor of another list.
            (json!({ "after": "eyJvIjoiTkFNRV9BU0MifQ" }), "BAD_USER_INPUT", "after", "`after` is not a valid cursor of `changes`"),
            (json!({ "filter": { "missions": [] } }), "BAD_USER_INPUT", "filter.missions", "`filter.missions` must name from 1 to 50 missions; got 0"),
            (json!({ "filter": { "missions": ["NOPE"] } }), "NOT_FOUND", "", "no mission has this ID or acronym"),
            (json!({ "filter": { "missions": [" "] } }), "BAD_USER_INPUT", "filter.missions", "`filter.missions` is empty: give the mission's ID or acronym"),
            (json!({ "filter": { "recordTypes": [] } }), "BAD_USER_INPUT", "filter.recordTypes", "`filter.recordTypes` must name at least one type"),
            (json!({ "filter": { "recordTypes": ["Nope"] } }), "BAD_USER_INPUT", "filter.recordTypes", bad_type.as_str()),
            (json!({ "filter": { "forum": "MONUC" } }), "BAD_USER_INPUT", "filter.forum", "`filter.forum` is not a valid ID"),
            (json!({ "filter": { "organization": "NOPE" } }), "NOT_FOUND", "", "no organization has this ID or code"),
            (json!({ "filter": { "cluster": "NOPE" } }), "NOT_FOUND", "", "no cluster has this ID or code"),
            (json!({ "filter": { "since": "2020-01-02T00:00:00Z", "until": "2020-01-01T00:00:00Z" } }), "BAD_USER_INPUT", "filter.until", "`filter.until` must be after `filter.since`"),
        ],
    )
    .await;
    }
);

in_process!(
    a_viewer_never_sees_a_confidential_change,
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let ngo = b.organization("NGO", "An NGO").await;
        let secret = b
            .forum("Contact group", "CRISIS_CELL")
            .mission(&monuc)
            .confidential()
            .await;
        let secret_seat = b.membership(&secret, &ngo).confidential().await;
        let open = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;
        let person = b.person("Jane Doe").set("email", "jane@example.org").await;
        let viewer = bearer(&user_token("vic", "VIEWER", &[], &[]));
        let analyst = bearer(&user_token("ann", "ANALYST", &[], &[]));

        let seen = feed_as(&app, Some(&viewer), json!(null), None).await;
        assert!(about(&seen, &secret.json()).is_empty());
        assert!(about(&seen, &secret_seat.json()).is_empty());
        assert_eq!(about(&seen, &open.json()).len(), 1);
        // Only ANALYST and ADMIN see who made a change.
        assert!(seen.iter().all(|c| c["actor"].is_null()));
        let by_analyst = feed_as(&app, Some(&analyst), json!(null), None).await;
        assert_eq!(about(&by_analyst, &secret.json()).len(), 1);
        assert!(by_analyst.iter().all(|c| c["actor"].is_string()));
        // Filtering by a hidden forum, organisation or cluster (by ID or code) answers like an
        // unknown one.
        let secret_org = b
            .organization("SECRET", "A confidential NGO")
            .confidential()
            .await;
        let secret_cluster = b
            .cluster("SECRET-C", "A confidential cluster")
            .from("2006-01-01")
            .confidential()
            .await;
        for (filter, hidden, missing) in [
            ("forum", secret.json(), json!(unknown("Forum"))),
            (
                "organization",
                secret_org.json(),
                json!(unknown("Organization")),
            ),
            ("organization", json!("SECRET"), json!("NO-SUCH-CODE")),
            ("cluster", secret_cluster.json(), json!(unknown("Cluster"))),
            ("cluster", json!("SECRET-C"), json!("NO-SUCH-CODE")),
        ] {
            assert_hidden_is_unknown(
                &app,
                &viewer,
                json!({ filter: hidden }),
                json!({ filter: missing }),
            )
            .await;
        }

        // A record raised above the viewer's clearance leaves its feed, its earlier changes too.
        b.update(&open, json!({ "sensitivity": "CONFIDENTIAL" }))
            .await;
        let seen = feed_as(&app, Some(&viewer), json!(null), None).await;
        assert!(about(&seen, &open.json()).is_empty(), "{seen:?}");
        let by_analyst = feed_as(&app, Some(&analyst), json!(null), None).await;
        assert_eq!(about(&by_analyst, &open.json()).len(), 2);

        // Contact details are projected away for a partner: not a changed field.
        let partner = partner_token(&app, &ngo.json(), json!([])).await;
        let by_partner = feed_as(&app, Some(&partner), json!(null), None).await;
        let created = about(&by_partner, &person.json());
        assert_eq!(created.len(), 1);
        let fields: Vec<&str> = created[0]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&"fullName"), "{fields:?}");
        assert!(!fields.contains(&"email"), "{fields:?}");
        let by_analyst = feed_as(&app, Some(&analyst), json!(null), None).await;
        assert!(about(&by_analyst, &person.json())[0]["fields"]
            .to_string()
            .contains("jane@example.org"));
    }
);

/// `caller`'s answer to the feed filtered by `hidden` (naming a record it may not see) is the
/// whole answer (errors with their message, path and extensions, and data) to `missing`
/// (naming a record that does not exist), and that answer is an error.
async fn assert_hidden_is_unknown(app: &TestApp, caller: &str, hidden: Value, missing: Value) {
    let ask = |filter: Value| async move {
        answer(
            app.graphql_as(Some(caller), CHANGES, json!({ "filter": filter }))
                .await,
        )
    };
    let seen = ask(hidden.clone()).await;
    let unknown = ask(missing).await;
    assert_eq!(seen, unknown, "{hidden}");
    assert_eq!(
        seen["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{seen:#}"
    );
}

/// A partner token for `organization`, limited to `missions`.
pub(crate) async fn partner_token(app: &TestApp, organization: &Value, missions: Value) -> String {
    let body = app
        .data(
            "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }",
            json!({ "i": { "name": "partner", "organizationId": organization, "clearance": "INTERNAL",
                           "expiresAt": "2099-01-01T00:00:00Z", "missionIds": missions } }),
        )
        .await;
    bearer(body["createApiToken"]["secret"].as_str().unwrap())
}

in_process!(
    a_partner_sees_only_the_changes_its_token_may_read,
    |app| async move {
        let b = Build::new(&app);
        let TwoMissions {
            monuc,
            other,
            ngo,
            here,
            there,
        } = two_missions(&b).await;
        let internal = b
            .forum("Coordination cell", "CRISIS_CELL")
            .mission(&monuc)
            .sensitivity("INTERNAL")
            .await;
        let token = partner_token(&app, &ngo.json(), json!([monuc.json()])).await;
        let seen = feed_as(&app, Some(&token), json!(null), None).await;
        assert_eq!(about(&seen, &here.json()).len(), 1);
        assert!(about(&seen, &there.json()).is_empty());
        assert!(about(&seen, &other.json()).is_empty());
        assert!(about(&seen, &internal.json()).is_empty());
        assert!(seen.iter().all(|c| c["actor"].is_null()));
        // The other mission, named in a filter by ID or acronym (alone or with a mission it
        // may see), is unknown to it.
        for (hidden, missing) in [
            (json!([other.json()]), json!([unknown("Mission")])),
            (json!(["UNMIS"]), json!(["NO-SUCH-ACRONYM"])),
            (
                json!(["MONUC", "UNMIS"]),
                json!(["MONUC", "NO-SUCH-ACRONYM"]),
            ),
        ] {
            assert_hidden_is_unknown(
                &app,
                &token,
                json!({ "missions": hidden }),
                json!({ "missions": missing }),
            )
            .await;
        }
    }
);

const IMPORT: &str = r#"mutation($input: ImportDataInput!) {
  importData(input: $input) { succeeded problems { message } }
}"#;

both_backends!(
    changes_made_by_an_import_are_in_the_feed,
    |app| async move {
        let before = feed(&app, json!(null)).await;
        let last = before
            .last()
            .map(|c| c["cursor"].as_str().unwrap().to_owned());
        let document = json!({
        "format_version": 2,
        "tables": {
            "organizations": [{
                "id": "01937b2e-0000-7000-8000-0000000000ab", "code": "ICRC",
                "name": "International Committee of the Red Cross", "kind": "RED_CROSS_MOVEMENT",
                "parent_id": null, "country_code": null, "description": null,
                "archived_at": null, "sensitivity": "PUBLIC",
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "version": 1
            }]
        }
    })
    .to_string();
        let imported = app
        .data(
            IMPORT,
            json!({ "input": { "format": "JSON", "content": document, "fileName": "icrc.json" } }),
        )
        .await;
        assert_eq!(imported["importData"]["succeeded"], true, "{imported}");
        let after = feed_as(&app, None, json!(null), last.as_deref()).await;
        assert_eq!(
            summary(&after),
            [("Organization".to_owned(), "CREATED".to_owned())]
        );
        assert_eq!(after[0]["operationName"], "importData");
        assert!(after[0]["fields"].to_string().contains("ICRC"));
    }
);

both_backends!(
    a_reader_following_concurrent_writers_misses_no_change,
    |app| async move {
        const WRITERS: usize = 4;
        const EACH: usize = 6;
        let create =
            "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }";
        let writer = |w: usize| {
            let app = &app;
            async move {
                for n in 0..EACH {
                    let input = json!({ "code": format!("ORG-{w}-{n}"), "name": format!("Org {w} {n}"), "kind": "INTERNATIONAL_NGO" });
                    app.data(create, json!({ "i": input })).await;
                }
            }
        };
        let done = std::sync::atomic::AtomicBool::new(false);
        let reader = async {
            let mut seen: Vec<Value> = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let page = feed_as(&app, None, json!(null), cursor.as_deref()).await;
                if let Some(last) = page.last() {
                    cursor = last["cursor"].as_str().map(str::to_owned);
                }
                seen.extend(page);
                if finished {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        };
        let writing = async {
            tokio::join!(writer(0), writer(1), writer(2), writer(3));
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        };
        let (seen, ()) = tokio::join!(reader, writing);
        let all = feed(&app, json!(null)).await;
        assert_eq!(all.len(), WRITERS * EACH);
        assert_eq!(seen, all, "the follower saw every change once, in order");
    }
);

in_process!(
    a_page_scans_a_bounded_part_of_the_log_and_paging_on_from_its_end_cursor_misses_nothing,
    |app| async move {
        use coordmap_api::services::{audit::MAX_SCANNED, changes};
        use sea_orm::{EntityTrait, Set, TransactionTrait};

        let b = Build::new(&app);
        let ngo = b.organization("NGO", "An NGO").await;
        // The organisation's history: many changes while it was CONFIDENTIAL (written here as
        // the writes would have logged them), then lowered to PUBLIC and renamed.
        let hidden = 2 * MAX_SCANNED + 3;
        let txn = app.db().begin().await.unwrap();
        let first = changes::number(&txn, hidden as usize).await.unwrap();
        let snapshot = json!({ "id": ngo.uuid(), "code": "NGO", "sensitivity": "CONFIDENTIAL" });
        let rows: Vec<entity::audit_entry::ActiveModel> = (0..hidden as i64)
            .map(|n| entity::audit_entry::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                occurred_at: Set(chrono::Utc::now()),
                actor: Set("system".into()),
                actor_kind: Set("ADMIN".into()),
                operation: Set("updateOrganization".into()),
                record_type: Set("organizations".into()),
                record_id: Set(Some(ngo.uuid())),
                before: Set(Some(snapshot.clone())),
                after: Set(Some(snapshot.clone())),
                request_id: Set(None),
                change_seq: Set(Some(first + n)),
                mission_id: Set(None),
                forum_id: Set(None),
                organization_id: Set(Some(ngo.uuid())),
                cluster_id: Set(None),
                post_id: Set(None),
                component_id: Set(None),
                ..Default::default()
            })
            .collect();
        for chunk in rows.chunks(500) {
            entity::audit_entry::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
        b.update(&ngo, json!({ "name": "An NGO, renamed" })).await;

        // A viewer reads one change a page: the creation, then a page cut short by the bound
        // (empty, with more to read), then the renaming, each once.
        let viewer = bearer(&user_token("vic", "VIEWER", &[], &[]));
        let mut pages = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let body = app
                .graphql_as(
                    Some(&viewer),
                    CHANGES,
                    json!({ "first": 1, "after": after }),
                )
                .await;
            assert!(body.get("errors").is_none(), "{body:#}");
            let connection = &body["data"]["changes"];
            let names: Vec<String> = connection["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["operationName"].as_str().unwrap().to_owned())
                .collect();
            let end = connection["pageInfo"]["endCursor"]
                .as_str()
                .map(str::to_owned);
            let more = connection["pageInfo"]["hasNextPage"] == true;
            pages.push((names, more));
            if !more {
                break;
            }
            assert!(
                end.is_some() && end != after,
                "a page with more to read moves on"
            );
            after = end;
        }
        let expected: Vec<(Vec<String>, bool)> = vec![
            (vec!["createOrganization".into()], true),
            (vec![], true),
            (vec!["updateOrganization".into()], false),
        ];
        assert_eq!(pages, expected);
        // An administrator sees every change.
        let all = app
            .data(
                CHANGES,
                json!({ "first": 100, "filter": { "organization": "NGO" } }),
            )
            .await;
        assert_eq!(all["changes"]["edges"].as_array().unwrap().len(), 100);
    }
);
