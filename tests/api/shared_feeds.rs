//! Subscribers asking the same share one stream of the feed (`api/src/subscriptions/feeds.rs`):
//! callers with the same sight share it and are each logged for their own reads, callers who
//! may see differently do not; a subscriber joining a running feed gets exactly what it asked
//! for (everything after its cursor, or from when it asked); one that falls behind reads on
//! alone, missing nothing and getting nothing twice.

use serde_json::{json, Value};

use crate::both_backends;
use crate::build::Build;
use crate::helpers::{user_token, TestApp};
use crate::metrics::{scrape, value_of, TOKEN};
use crate::subscriptions::{bearer, import, last_cursor, organisations, Client, PATIENCE};
use coordmap_api::config::Secret;

const FORUMS: &str = r#"subscription($after: String) {
  mapChanged(after: $after, filter: { recordTypes: ["Forum"] }) { cursor recordId record { id } }
}"#;

const ORGANISATIONS: &str = r#"subscription($after: String) {
  mapChanged(after: $after, filter: { recordTypes: ["Organization"] }) { cursor recordId fields { field after } }
}"#;

/// Waits until the process serves `feeds` feeds, `shared` subscriptions through them and
/// `alone` on their own (as `/metrics` shows them); panics with the last values otherwise.
async fn wait_for_sizes(app: &TestApp, feeds: f64, shared: f64, alone: f64) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let text = scrape(app, Some(&format!("Bearer {TOKEN}")))
            .await
            .text()
            .await
            .expect("metrics");
        let now = [
            value_of(&text, "coordmap_subscription_feeds "),
            value_of(&text, "coordmap_subscriptions{served=\"feed\"}"),
            value_of(&text, "coordmap_subscriptions{served=\"alone\"}"),
        ];
        if now == [Some(feeds), Some(shared), Some(alone)] {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "expected {feeds} feeds, {shared} shared and {alone} alone; /metrics shows {now:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn create_organisation(app: &TestApp, code: &str) -> Value {
    app.data(
        "mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }",
        json!({ "i": { "code": code, "name": code, "kind": "INTERNATIONAL_NGO" } }),
    )
    .await["createOrganization"]["id"]
        .clone()
}

/// The record of the next change subscription `id` receives.
async fn next_record(client: &mut Client, id: &str) -> Value {
    client.event(id).await["mapChanged"]["recordId"].clone()
}

both_backends!(
    callers_who_may_see_the_same_share_a_feed_and_are_each_logged_for_their_reads,
    settings = |s| s.auth.metrics_token = Some(Secret(TOKEN.into())),
    |app| async move {
        let b = Build::new(&app);
        let monuc = b.monuc().await;
        let start = last_cursor(&app).await;
        let variables = json!({ "after": start });
        // Two administrators, each with a token of its own, and a viewer.
        let mut one = Client::connect(
            &app.address,
            Some(&bearer(&user_token("hq-one", "ADMIN", &[], &[]))),
        )
        .await;
        let mut two = Client::connect(
            &app.address,
            Some(&bearer(&user_token("hq-two", "ADMIN", &[], &[]))),
        )
        .await;
        let mut viewer = Client::connect(
            &app.address,
            Some(&bearer(&user_token("reader", "VIEWER", &[], &[]))),
        )
        .await;
        one.subscribe("1", FORUMS, variables.clone()).await;
        two.subscribe("2", FORUMS, variables.clone()).await;
        viewer.subscribe("v", FORUMS, variables).await;
        // The administrators share one feed; the viewer, who may see less, has its own.
        wait_for_sizes(&app, 2.0, 3.0, 0.0).await;

        let confidential = b
            .forum("Protection of civilians cell", "CRISIS_CELL")
            .mission(&monuc)
            .sensitivity("CONFIDENTIAL")
            .await;
        let public = b
            .forum("Protection Working Group", "PROTECTION_WORKING_GROUP")
            .mission(&monuc)
            .await;
        for (client, id) in [(&mut one, "1"), (&mut two, "2")] {
            let first = client.event(id).await["mapChanged"].clone();
            assert_eq!(first["recordId"], confidential.json());
            assert_eq!(first["record"]["id"], confidential.json());
            assert_eq!(next_record(client, id).await, public.json());
        }
        assert_eq!(next_record(&mut viewer, "v").await, public.json());

        // Each administrator's read of the confidential forum is logged under its own name.
        app.flush_reads().await;
        let log = app
            .data(
                "query($r: ID) { auditLog(record: $r) { actor operation } }",
                json!({ "r": confidential.json() }),
            )
            .await;
        let mut readers: Vec<&str> = log["auditLog"]
            .as_array()
            .expect("entries")
            .iter()
            .filter(|e| e["operation"] == "read")
            .filter_map(|e| e["actor"].as_str())
            .collect();
        readers.sort_unstable();
        assert_eq!(readers, ["user:hq-one", "user:hq-two"], "{log}");

        // One leaves; the feed serves the other. The last to leave ends it.
        one.send(json!({ "id": "1", "type": "complete" })).await;
        wait_for_sizes(&app, 2.0, 2.0, 0.0).await;
        two.send(json!({ "id": "2", "type": "complete" })).await;
        viewer.send(json!({ "id": "v", "type": "complete" })).await;
        wait_for_sizes(&app, 0.0, 0.0, 0.0).await;
    }
);

both_backends!(
    a_subscriber_joining_a_running_feed_gets_exactly_what_it_asked_for,
    settings = |s| s.auth.metrics_token = Some(Secret(TOKEN.into())),
    |app| async move {
        // After a cursor: a late subscriber asking the same is first given what the feed sent.
        let start = last_cursor(&app).await;
        let mut early = Client::connect(&app.address, Some(&app.admin)).await;
        early
            .subscribe("e", ORGANISATIONS, json!({ "after": start }))
            .await;
        let first = create_organisation(&app, "JOIN-1").await;
        let second = create_organisation(&app, "JOIN-2").await;
        assert_eq!(next_record(&mut early, "e").await, first);
        assert_eq!(next_record(&mut early, "e").await, second);
        let mut late = Client::connect(&app.address, Some(&app.admin)).await;
        late.subscribe("l", ORGANISATIONS, json!({ "after": start }))
            .await;
        wait_for_sizes(&app, 1.0, 2.0, 0.0).await;
        assert_eq!(next_record(&mut late, "l").await, first);
        assert_eq!(next_record(&mut late, "l").await, second);
        let third = create_organisation(&app, "JOIN-3").await;
        for (client, id) in [(&mut early, "e"), (&mut late, "l")] {
            assert_eq!(next_record(client, id).await, third, "each change once");
        }

        // From now: a subscriber joining a running feed is not given what came before it asked.
        let mut now = Client::connect(&app.address, Some(&app.admin)).await;
        now.subscribe("n", ORGANISATIONS, json!({})).await;
        // Changes until the subscription shows one: from then on it is live.
        for n in 0.. {
            let made = create_organisation(&app, &format!("NOW-{n}")).await;
            for (client, id) in [(&mut early, "e"), (&mut late, "l")] {
                assert_eq!(next_record(client, id).await, made);
            }
            let message =
                tokio::time::timeout(std::time::Duration::from_millis(500), now.message()).await;
            if let Ok(message) = message {
                assert_eq!(
                    message["payload"]["data"]["mapChanged"]["recordId"], made,
                    "{message}"
                );
                break;
            }
            assert!(n < 20, "a subscription from now never went live");
        }
        let mut joined = Client::connect(&app.address, Some(&app.admin)).await;
        joined.subscribe("j", ORGANISATIONS, json!({})).await;
        wait_for_sizes(&app, 2.0, 4.0, 0.0).await;
        let after_join = create_organisation(&app, "AFTER-JOIN").await;
        assert_eq!(
            next_record(&mut joined, "j").await,
            after_join,
            "the first change it is given is one made after it asked"
        );
        for (client, id) in [(&mut now, "n"), (&mut early, "e"), (&mut late, "l")] {
            assert_eq!(
                next_record(client, id).await,
                after_join,
                "each change once"
            );
        }
        let last = create_organisation(&app, "LAST").await;
        for (client, id) in [
            (&mut joined, "j"),
            (&mut now, "n"),
            (&mut early, "e"),
            (&mut late, "l"),
        ] {
            assert_eq!(next_record(client, id).await, last, "each change once");
        }
    }
);

both_backends!(
    a_subscriber_behind_its_feed_reads_on_alone_and_misses_nothing,
    settings = |s| {
        s.auth.metrics_token = Some(Secret(TOKEN.into()));
        // Not closed as a slow consumer: behind, and reading on.
        s.subscriptions.subscription_send_timeout_ms = 60_000;
        s.subscriptions.subscription_feed_backlog = 16;
        s.traffic.max_body_bytes = 16 << 20;
    },
    |app| async move {
        // Far more changes than the feed keeps, and more bytes than the network buffers hold,
        // so the feed runs ahead of a client that pauses.
        let count = 1_000;
        let start = last_cursor(&app).await;
        let mut slow = Client::with_small_buffer(&app.address, &app.admin).await;
        slow.subscribe("s", ORGANISATIONS, json!({ "after": start }))
            .await;
        let mut fast = Client::connect(&app.address, Some(&app.admin)).await;
        fast.subscribe("f", ORGANISATIONS, json!({ "after": start }))
            .await;
        wait_for_sizes(&app, 1.0, 2.0, 0.0).await;
        import(&app, organisations("BEHIND", count, 6_000)).await;
        let mut received = Vec::with_capacity(count);
        while received.len() < count {
            received.push(fast.event("f").await["mapChanged"]["cursor"].clone());
        }
        // The slow one, read only now, is given every change, once, in order.
        let mut slowly = Vec::with_capacity(count);
        while slowly.len() < count {
            slowly.push(slow.event("s").await["mapChanged"]["cursor"].clone());
        }
        assert_eq!(slowly, received);
        // It fell behind its feed and reads on alone.
        let text = scrape(&app, Some(&format!("Bearer {TOKEN}")))
            .await
            .text()
            .await
            .expect("metrics");
        assert!(
            value_of(&text, "coordmap_subscriptions{served=\"alone\"}").unwrap_or(0.0) >= 1.0,
            "{text}"
        );
        // Live changes reach both, once.
        let made = create_organisation(&app, "AFTER-BURST").await;
        assert_eq!(next_record(&mut fast, "f").await, made);
        assert_eq!(next_record(&mut slow, "s").await, made);
    }
);
