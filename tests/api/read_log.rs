//! The log of confidential reads: one entry per caller, record and hour, counting the answers.

use chrono::{DateTime, Utc};
use coordmap_api::services::read_log::window_of;
use entity::enums::Sensitivity;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::both_backends;
use crate::fixtures::{insert_mission, set_mission_sensitivity};
use crate::helpers::{user_token, TestApp};

const MISSIONS: &str = "{ missions(first: 50) { nodes { acronym } } }";
const LOG: &str = "query($r: ID) { auditLog(record: $r) { occurredAt actor actorRole operation recordType after reads readWindow } }";

/// The number of hours (read windows) from the one starting at `started` to now: the entries a
/// caller's reads of one record since then make.
pub fn hours_since(started: DateTime<Utc>) -> usize {
    let now = window_of(Utc::now());
    usize::try_from((now - started).num_hours()).expect("time goes forward") + 1
}

/// The global ID of mission `acronym`.
async fn global_id(app: &TestApp, acronym: &str) -> String {
    app.data(
        "query($a: String!) { mission(acronym: $a) { id } }",
        json!({ "a": acronym }),
    )
    .await["mission"]["id"]
        .as_str()
        .expect("an ID")
        .to_owned()
}

/// Sends `MISSIONS` as `authorization` and checks it answered.
async fn read_missions(app: &TestApp, authorization: &str) {
    let body = app
        .graphql_as(Some(authorization), MISSIONS, json!({}))
        .await;
    assert!(body["errors"].is_null(), "{body}");
}

/// The `read` entries of `record` in the audit log as `authorization` reads it.
async fn reads_shown(app: &TestApp, authorization: &str, record: &str) -> Vec<Value> {
    app.flush_reads().await;
    let body = app
        .graphql_as(Some(authorization), LOG, json!({ "r": record }))
        .await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["auditLog"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["operation"] == "read")
        .cloned()
        .collect()
}

/// Each entry of `entries` is a count of its hour: the window starts the hour of its first read.
fn assert_windows(entries: &[Value]) {
    for entry in entries {
        let first: DateTime<Utc> = entry["occurredAt"]
            .as_str()
            .expect("a moment")
            .parse()
            .expect("a moment");
        let window: DateTime<Utc> = entry["readWindow"]
            .as_str()
            .expect("a window")
            .parse()
            .expect("a moment");
        assert_eq!(window, window_of(first), "{entry}");
        assert_eq!(entry["after"]["reads"], entry["reads"], "{entry}");
    }
}

/// Writes an entry by `user:old` about mission `id`, past the log's writer.
async fn insert_entry(
    app: &TestApp,
    id: Uuid,
    operation: &str,
    at: DateTime<Utc>,
    after: Option<Value>,
    count: Option<(DateTime<Utc>, i64)>,
) {
    entity::audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(at),
        actor: Set("user:old".into()),
        actor_kind: Set("ADMIN".into()),
        operation: Set(operation.into()),
        record_type: Set("missions".into()),
        record_id: Set(Some(id)),
        before: Set(None),
        after: Set(after),
        request_id: Set(None),
        change_seq: Set(None),
        mission_id: Set(None),
        forum_id: Set(None),
        organization_id: Set(None),
        cluster_id: Set(None),
        read_window: Set(count.map(|(window, _)| window)),
        reads: Set(count.map(|(_, reads)| reads)),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("an entry");
}

fn total(entries: &[Value]) -> i64 {
    entries
        .iter()
        .map(|e| e["reads"].as_i64().expect("a count"))
        .sum()
}

both_backends!(
    a_caller_reading_a_record_in_many_answers_leaves_one_entry_per_hour_counting_them,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        let other = insert_mission(app.db(), "OTHER", "Other mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        let secret_id = global_id(&app, "SECRET").await;
        let analyst = format!("Bearer {}", user_token("ana", "ANALYST", &[], &[]));
        const ANSWERS: i64 = 7;
        let started = window_of(Utc::now());
        // The administrator's answers after the first are served from the cache.
        for _ in 0..ANSWERS {
            read_missions(&app, &app.admin).await;
        }
        read_missions(&app, &analyst).await;
        let entries = reads_shown(&app, &app.admin, &secret_id).await;
        let hours = hours_since(started);
        let by = |actor: &str| -> Vec<Value> {
            entries
                .iter()
                .filter(|e| e["actor"] == actor)
                .cloned()
                .collect()
        };
        let admin = by("user:admin");
        assert_eq!(admin.len(), hours, "{entries:#?}");
        assert_eq!(total(&admin), ANSWERS, "{entries:#?}");
        assert_windows(&entries);
        assert_eq!(admin[0]["actorRole"], "ADMIN");
        assert_eq!(admin[0]["recordType"], "Mission");
        assert_eq!(admin[0]["after"]["sensitivity"], "CONFIDENTIAL");
        // Another caller's reads are its own entry.
        let ana = by("user:ana");
        assert_eq!(ana.len(), 1, "{entries:#?}");
        assert_eq!(ana[0]["reads"], 1);
        // Another record (OTHER is PUBLIC: never logged) has none; made confidential, its own.
        assert!(
            reads_shown(&app, &app.admin, &global_id(&app, "OTHER").await)
                .await
                .is_empty()
        );
        set_mission_sensitivity(app.db(), other.id, Sensitivity::Confidential).await;
        read_missions(&app, &app.admin).await;
        let other_reads = reads_shown(&app, &app.admin, &global_id(&app, "OTHER").await).await;
        assert_eq!(other_reads.len(), 1, "{other_reads:#?}");
        assert_eq!(other_reads[0]["reads"], 1);
        assert_eq!(
            total(&reads_shown(&app, &app.admin, &secret_id).await),
            ANSWERS + 2
        );
    }
);

both_backends!(
    two_replicas_reading_the_same_record_share_the_entry_of_the_hour,
    |app| async move {
        let mission = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), mission.id, Sensitivity::Confidential).await;
        let secret = global_id(&app, "SECRET").await;
        let replica = app.replica().await;
        let started = window_of(Utc::now());
        for _ in 0..3 {
            read_missions(&app, &app.admin).await;
            let body = app.graphql_at(&replica, MISSIONS, json!({})).await;
            assert!(body["errors"].is_null(), "{body}");
        }
        // The replica's tallied counts are written by its flusher (every few seconds): wait
        // for them, with a bound far beyond it.
        let mut entries = reads_shown(&app, &app.admin, &secret).await;
        for _ in 0..300 {
            if total(&entries) == 6 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            entries = reads_shown(&app, &app.admin, &secret).await;
        }
        assert_eq!(total(&entries), 6, "{entries:#?}");
        assert_eq!(entries.len(), hours_since(started), "{entries:#?}");
    }
);

both_backends!(
    a_read_at_a_higher_level_raises_the_entry_out_of_a_lower_readers_sight,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        let secret_id = global_id(&app, "SECRET").await;
        let analyst = format!("Bearer {}", user_token("ana", "ANALYST", &[], &[]));
        let viewer = format!("Bearer {}", user_token("vera", "VIEWER", &[], &[]));
        let started = window_of(Utc::now());
        read_missions(&app, &app.admin).await;
        read_missions(&app, &app.admin).await;
        let seen = reads_shown(&app, &analyst, &secret_id).await;
        assert_eq!(
            total(&seen),
            2,
            "an analyst may read CONFIDENTIAL reads: {seen:#?}"
        );
        // Raised for a while, read, and lowered again: the hour's entry says STRICTLY_CONFIDENTIAL.
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::StrictlyConfidential).await;
        read_missions(&app, &app.admin).await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        read_missions(&app, &app.admin).await;
        let entries = reads_shown(&app, &app.admin, &secret_id).await;
        assert_eq!(total(&entries), 4, "{entries:#?}");
        assert_eq!(entries.len(), hours_since(started), "{entries:#?}");
        let last = entries.last().expect("an entry");
        assert_eq!(
            last["after"]["sensitivity"], "STRICTLY_CONFIDENTIAL",
            "{last}"
        );
        // The analyst no longer sees the entry (nor, within one hour, any of the record's reads).
        let seen = reads_shown(&app, &analyst, &secret_id).await;
        assert!(
            seen.iter().all(|e| e["readWindow"] != last["readWindow"]),
            "{seen:#?}"
        );
        // A viewer reads no audit log, nor these fields.
        let body = app
            .graphql_as(Some(&viewer), LOG, json!({ "r": secret_id }))
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{body}"
        );
        assert!(
            body["data"].is_null() || body["data"]["auditLog"].is_null(),
            "{body}"
        );
    }
);

both_backends!(
    reads_logged_before_the_hourly_count_are_still_shown_with_theirs,
    |app| async move {
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        let secret_id = global_id(&app, "SECRET").await;
        for (after, n) in [
            (json!({ "sensitivity": "CONFIDENTIAL", "reads": 3 }), 3),
            (json!({ "sensitivity": "CONFIDENTIAL" }), 1),
        ] {
            insert_entry(&app, secret.id, "read", Utc::now(), Some(after), None).await;
            let entries = reads_shown(&app, &app.admin, &secret_id).await;
            let entry = entries.last().expect("the entry");
            assert_eq!(entry["reads"], n, "{entry}");
            assert!(entry["readWindow"].is_null(), "{entry}");
        }
        // Both are shown, and a new read of the same caller and hour still gets its own entry.
        read_missions(&app, &app.admin).await;
        let entries = reads_shown(&app, &app.admin, &secret_id).await;
        assert_eq!(entries.len(), 3, "{entries:#?}");
        assert_eq!(total(&entries), 5);
        // A change has no count nor window.
        let created = app
            .data(
                "mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }",
                json!({ "i": { "fullName": "Jane Doe", "sensitivity": "PUBLIC" } }),
            )
            .await;
        let log = app
            .data(LOG, json!({ "r": created["createPerson"]["id"] }))
            .await;
        let entries = log["auditLog"].as_array().expect("entries");
        assert_eq!(entries.len(), 1, "{log}");
        assert_eq!(entries[0]["operation"], "createPerson");
        assert!(entries[0]["reads"].is_null(), "{log}");
        assert!(entries[0]["readWindow"].is_null(), "{log}");
    }
);

both_backends!(
    a_full_tally_makes_every_read_wait_for_its_write,
    |app| async move {
        use coordmap_api::services::access::Viewer;
        use coordmap_api::services::read_log::{Read, ReadLog};
        use coordmap_api::services::record::RecordKind;
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        let read = Read {
            kind: RecordKind::Mission,
            id: secret.id,
            sensitivity: Sensitivity::Confidential,
        };
        let started = window_of(Utc::now());
        // A tally with room for nothing: each read is added to its entry before `append` returns,
        // with no flush.
        let log = ReadLog::start_with(app.db().clone(), 0);
        for _ in 0..3 {
            log.append(&Viewer::system(), &[read])
                .await
                .expect("logged");
        }
        let entries = entity::audit_entry::Entity::find()
            .filter(entity::audit_entry::Column::RecordId.eq(secret.id))
            .all(app.db())
            .await
            .expect("entries");
        assert_eq!(entries.len(), hours_since(started), "{entries:?}");
        let counted: i64 = entries.iter().map(|e| e.reads.expect("a count")).sum();
        assert_eq!(counted, 3);
        assert!(entries.iter().all(|e| e.actor == "system"));
    }
);

both_backends!(
    the_documented_statement_prunes_old_reads_only,
    |app| async move {
        use sea_orm::ConnectionTrait;
        let secret = insert_mission(app.db(), "SECRET", "Secret mission", "2010-01-01").await;
        set_mission_sensitivity(app.db(), secret.id, Sensitivity::Confidential).await;
        read_missions(&app, &app.admin).await;
        app.flush_reads().await;
        let old: DateTime<Utc> = "2025-11-30T23:59:00Z".parse().expect("a moment");
        for operation in ["read", "createMission"] {
            let count = (operation == "read").then(|| (window_of(old), 1));
            insert_entry(&app, secret.id, operation, old, None, count).await;
        }
        // docs/OPERATIONS.md, "Pruning the log of confidential reads".
        app.db()
            .execute_unprepared(
                "DELETE FROM audit_log WHERE operation = 'read' AND occurred_at < '2025-12-01'",
            )
            .await
            .expect("pruned");
        let left: Vec<(String, String)> = entity::audit_entry::Entity::find()
            .filter(entity::audit_entry::Column::RecordId.eq(secret.id))
            .all(app.db())
            .await
            .expect("entries")
            .into_iter()
            .map(|e| (e.actor, e.operation))
            .collect();
        assert_eq!(
            left.len(),
            2,
            "the old change and today's read are kept: {left:?}"
        );
        assert!(left.contains(&("user:old".into(), "createMission".into())));
        assert!(left.contains(&("user:admin".into(), "read".into())));
    }
);
