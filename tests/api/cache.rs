//! The response cache: an answer is served again only to the same caller, on the same version of
//! the map, and never hides a change made anywhere (another replica, plain SQL); confidential
//! reads are logged on every answer; only reads of the map are cached.

use std::sync::atomic::Ordering;

use entity::enums::Sensitivity;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::both_backends;
use crate::fixtures::{insert_mission, set_mission_sensitivity};
use crate::read_log::hours_since;
use coordmap_api::services::read_log::window_of;

use crate::helpers::{spawn_counting_app, spawn_counting_app_with, user_token, Backend, TestApp};

const MISSIONS: &str = "{ missions(first: 50) { nodes { acronym name } } }";

fn acronyms(body: &Value) -> Vec<String> {
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["missions"]["nodes"]
        .as_array()
        .expect("a list of missions")
        .iter()
        .map(|m| {
            format!(
                "{}={}",
                m["acronym"].as_str().unwrap(),
                m["name"].as_str().unwrap()
            )
        })
        .collect()
}

/// The mission's global ID and version.
async fn mission_id(app: &TestApp, acronym: &str) -> (String, i64) {
    let mission = app
        .data(
            "query($a: String!) { mission(acronym: $a) { id version } }",
            json!({ "a": acronym }),
        )
        .await["mission"]
        .clone();
    (
        mission["id"].as_str().expect("the mission's id").to_owned(),
        mission["version"].as_i64().expect("the mission's version"),
    )
}

/// The `read` entries of record `id`.
async fn read_entries(app: &TestApp, id: Uuid) -> Vec<entity::audit_entry::Model> {
    entity::audit_entry::Entity::find()
        .filter(entity::audit_entry::Column::Operation.eq("read"))
        .filter(entity::audit_entry::Column::RecordId.eq(id))
        .all(app.db())
        .await
        .expect("read entries")
}

/// How many answers held record `id`, as the log counts them.
async fn audited_reads(app: &TestApp, id: Uuid) -> i64 {
    app.answers_read(Condition::all().add(entity::audit_entry::Column::RecordId.eq(id)))
        .await
}

both_backends!(
    a_write_through_the_api_is_seen_by_the_next_read,
    |app| async move {
        insert_mission(app.db(), "ALPHA", "Alpha mission", "2010-01-01").await;
        let first = acronyms(&app.graphql(MISSIONS, json!({})).await);
        assert_eq!(first, ["ALPHA=Alpha mission"]);
        assert_eq!(acronyms(&app.graphql(MISSIONS, json!({})).await), first);

        let (id, version) = mission_id(&app, "ALPHA").await;
        let updated = app
            .graphql(
                "mutation($i: UpdateMissionInput!) { updateMission(input: $i) { name } }",
                json!({ "i": { "id": id, "version": version, "name": "Alpha renamed" } }),
            )
            .await;
        assert!(updated["errors"].is_null(), "{updated}");
        assert_eq!(
            acronyms(&app.graphql(MISSIONS, json!({})).await),
            ["ALPHA=Alpha renamed"]
        );
    }
);

both_backends!(
    a_change_made_through_another_replica_or_in_sql_is_seen_at_once,
    |app| async move {
        insert_mission(app.db(), "ALPHA", "Alpha mission", "2010-01-01").await;
        assert_eq!(
            acronyms(&app.graphql(MISSIONS, json!({})).await),
            ["ALPHA=Alpha mission"]
        );

        // Another replica of the API, in front of the same database, takes a write.
        let replica = app.replica().await;
        let (id, version) = mission_id(&app, "ALPHA").await;
        let updated = app
            .graphql_at(
                &replica,
                "mutation($i: UpdateMissionInput!) { updateMission(input: $i) { name } }",
                json!({ "i": { "id": id, "version": version, "name": "Renamed on the replica" } }),
            )
            .await;
        assert!(updated["errors"].is_null(), "{updated}");
        assert_eq!(
            acronyms(&app.graphql(MISSIONS, json!({})).await),
            ["ALPHA=Renamed on the replica"]
        );

        // An operator's SQL, outside any replica.
        app.db()
            .execute_unprepared(
                "UPDATE missions SET name = 'Renamed in SQL' WHERE acronym = 'ALPHA'",
            )
            .await
            .expect("updated");
        assert_eq!(
            acronyms(&app.graphql(MISSIONS, json!({})).await),
            ["ALPHA=Renamed in SQL"]
        );
        insert_mission(app.db(), "BRAVO", "Bravo mission", "2012-01-01").await;
        assert_eq!(
            acronyms(&app.graphql(MISSIONS, json!({})).await),
            ["ALPHA=Renamed in SQL", "BRAVO=Bravo mission"]
        );
    }
);

both_backends!(
    a_cached_answer_is_never_served_to_another_caller,
    |app| async move {
        insert_mission(app.db(), "OPEN", "Open mission", "2010-01-01").await;
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;

        // The administrator's answer, cached, holds the confidential mission...
        let admin = acronyms(&app.graphql(MISSIONS, json!({})).await);
        assert_eq!(admin, ["OPEN=Open mission", "SECRET=Secret mission"]);
        assert_eq!(acronyms(&app.graphql(MISSIONS, json!({})).await), admin);

        // ...and a viewer (INTERNAL clearance) sending the very same query never gets it,
        // nor does another administrator's answer leak into a viewer's on the next call.
        let viewer = format!("Bearer {}", user_token("vera", "VIEWER", &[], &[]));
        for _ in 0..2 {
            assert_eq!(
                acronyms(&app.graphql_as(Some(&viewer), MISSIONS, json!({})).await),
                ["OPEN=Open mission"]
            );
        }
        let analyst = format!("Bearer {}", user_token("ana", "ANALYST", &[], &[]));
        assert_eq!(
            acronyms(&app.graphql_as(Some(&analyst), MISSIONS, json!({})).await),
            admin,
            "an analyst has CONFIDENTIAL clearance"
        );
    }
);

both_backends!(
    confidential_records_are_logged_on_every_answer_cached_or_not,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        let started = window_of(chrono::Utc::now());
        for expected in 1..=3 {
            let body = app.graphql(MISSIONS, json!({})).await;
            assert_eq!(acronyms(&body), ["SECRET=Secret mission"]);
            // The first answer's read is in the log before the answer leaves; the later ones,
            // served from the cache, are counted on the same entry (one per hour).
            let hours = hours_since(started);
            assert_eq!(read_entries(&app, secret.id).await.len(), hours);
            assert_eq!(audited_reads(&app, secret.id).await, expected);
        }
    }
);

both_backends!(
    the_audit_log_is_never_served_from_the_cache,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        let log = "query($r: ID) { auditLog(record: $r) { operation } }";
        let (id, _) = mission_id(&app, "SECRET").await;
        let entries = |body: &Value| {
            assert!(body["errors"].is_null(), "{body}");
            body["data"]["auditLog"].as_array().expect("entries").len()
        };
        // Reading the mission adds an entry each time; the log shows every one.
        let before = entries(&app.graphql(log, json!({ "r": id })).await);
        app.graphql(MISSIONS, json!({})).await;
        let after = entries(&app.graphql(log, json!({ "r": id })).await);
        assert_eq!(after, before + 1);
    }
);

/// Statements one request sends.
async fn statements(
    app: &TestApp,
    counter: &std::sync::atomic::AtomicUsize,
    query: &str,
    variables: Value,
) -> (usize, Value) {
    let before = counter.load(Ordering::SeqCst);
    let body = app.graphql(query, variables).await;
    (counter.load(Ordering::SeqCst) - before, body)
}

async fn hits_and_misses(backend: Backend) {
    let Some((app, counter)) = spawn_counting_app(backend).await else {
        return;
    };
    insert_mission(app.db(), "ALPHA", "Alpha mission", "2010-01-01").await;
    let (first, body) = statements(&app, &counter, MISSIONS, json!({})).await;
    acronyms(&body);
    assert!(
        first >= 2,
        "a miss reads the version and runs the query: {first}"
    );
    // A hit: the version of the map, nothing else.
    let (second, again) = statements(&app, &counter, MISSIONS, json!({})).await;
    assert_eq!(again, body);
    assert_eq!(second, 1, "a hit reads only the version of the map");
    // Other variables are another answer.
    let by_acronym = "query($a: String!) { mission(acronym: $a) { name } }";
    let (other, _) = statements(&app, &counter, by_acronym, json!({ "a": "ALPHA" })).await;
    assert!(other >= 2);
    let (other_again, _) = statements(&app, &counter, by_acronym, json!({ "a": "ALPHA" })).await;
    assert_eq!(other_again, 1);
    let (third, _) = statements(&app, &counter, by_acronym, json!({ "a": "BRAVO" })).await;
    assert!(third >= 2);

    // An answer with an error is built again each time.
    let (id, _) = mission_id(&app, "ALPHA").await;
    let failing =
        "query($m: ID!) { whoDecides(mission: $m, area: \"NO_SUCH_AREA\") { __typename } }";
    for _ in 0..2 {
        let (count, body) = statements(&app, &counter, failing, json!({ "m": id })).await;
        assert!(!body["errors"].is_null(), "{body}");
        assert!(count >= 2, "an error is not cached: {count} statements");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hit_reads_only_the_version_of_the_map_on_sqlite() {
    hits_and_misses(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hit_reads_only_the_version_of_the_map_on_postgres() {
    hits_and_misses(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_cache_off_every_request_runs_the_query() {
    let (app, counter) = spawn_counting_app_with(Backend::Sqlite, |s| {
        s.traffic.response_cache_mb = 0;
    })
    .await
    .expect("SQLite always runs");
    insert_mission(app.db(), "ALPHA", "Alpha mission", "2010-01-01").await;
    let (first, body) = statements(&app, &counter, MISSIONS, json!({})).await;
    let (second, again) = statements(&app, &counter, MISSIONS, json!({})).await;
    assert_eq!(acronyms(&body), ["ALPHA=Alpha mission"]);
    assert_eq!(again, body);
    assert!(first >= 1);
    assert_eq!(
        first, second,
        "without the cache, both requests run the query"
    );
}

both_backends!(
    concurrent_answers_are_all_counted_in_the_log_of_confidential_reads,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        const ANSWERS: i64 = 24;
        let started = window_of(chrono::Utc::now());
        let mut requests = Vec::new();
        for _ in 0..ANSWERS {
            let client = app.client.clone();
            let url = format!("{}/graphql", app.address);
            let admin = app.admin.clone();
            requests.push(tokio::spawn(async move {
                client
                    .post(url)
                    .header("Authorization", admin)
                    .json(&json!({ "query": MISSIONS }))
                    .send()
                    .await
                    .expect("sent")
                    .json::<Value>()
                    .await
                    .expect("JSON")
            }));
        }
        for request in requests {
            assert_eq!(
                acronyms(&request.await.expect("answered")),
                ["SECRET=Secret mission"]
            );
        }
        // The answers of one hour share an entry that says how many they were.
        assert_eq!(audited_reads(&app, secret.id).await, ANSWERS);
        let entries = read_entries(&app, secret.id).await;
        assert_eq!(entries.len(), hours_since(started), "{entries:?}");
        for entry in &entries {
            let after = entry.after.as_ref().expect("the level read at");
            assert_eq!(after["sensitivity"], "CONFIDENTIAL", "{after}");
            assert_eq!(entry.actor, "user:admin");
        }
    }
);
