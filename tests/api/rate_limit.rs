//! The rate limiter over HTTP: 429 with `Retry-After` and `RATE_LIMITED`, batches counted per
//! operation, no statement on the read path (a request is answered while another connection
//! holds SQLite's write lock), and limits shared through Redis by several replicas, falling
//! back to the process when Redis does not answer.
//!
//! The Redis tests read `COORDMAP_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379`) and say they
//! are skipped without it; each uses a key prefix of its own.

use std::str::FromStr;
use std::time::Duration;

use coordmap_api::config::{Secret, ServeSettings};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{json, Value};

use crate::helpers::{
    error_code, error_message, spawn_app_with, spawn_recording_app_with, user_token, Backend,
    TestApp,
};

pub const REDIS_ENV: &str = "COORDMAP_TEST_REDIS_URL";

const QUERY: &str = "{ missions { totalCount } }";

fn one() -> Value {
    json!({ "query": QUERY })
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// A burst of `burst` operations, then one a minute.
fn limits(settings: &mut ServeSettings, burst: u32) {
    settings.traffic.rate_limit_per_minute = 1;
    settings.traffic.rate_limit_burst = burst;
}

/// Asserts a 429 refusal: status, `Retry-After`, code, message and `extensions.retryAfter`.
async fn assert_limited(response: reqwest::Response, retry_after: u64) {
    assert_eq!(response.status(), 429);
    let header: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(header, retry_after);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "RATE_LIMITED", "{body}");
    assert_eq!(
        error_message(&body),
        format!("rate limit exceeded; retry after {retry_after} s")
    );
    assert_eq!(body["errors"][0]["extensions"]["retryAfter"], retry_after);
    assert!(body["data"].is_null());
}

async fn status(app: &TestApp, address: &str, authorization: &str) -> u16 {
    app.client
        .post(format!("{address}/graphql"))
        .header("Authorization", authorization)
        .json(&one())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn over_the_limit(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |s| {
        limits(s, 5);
        s.auth.allow_anonymous = true;
    })
    .await
    else {
        return;
    };
    // A batch of three takes three of the five operations.
    let batch = json!([one(), one(), one()]);
    let response = app.post_as(Some(&app.admin), &batch).await;
    assert_eq!(response.status(), 200);
    let answers: Value = response.json().await.unwrap();
    assert_eq!(answers.as_array().map(Vec::len), Some(3), "{answers}");
    for _ in 0..2 {
        assert_eq!(app.post_as(Some(&app.admin), &one()).await.status(), 200);
    }
    // The sixth operation waits for one to come back: one minute.
    assert_limited(app.post_as(Some(&app.admin), &one()).await, 60).await;
    // GET counts too.
    let get = app
        .client
        .get(format!("{}/graphql?query={QUERY}", app.address))
        .header("Authorization", &app.admin)
        .send()
        .await
        .unwrap();
    assert_limited(get, 60).await;

    // Another caller has an allowance of its own; a batch of two when one operation is left is
    // refused whole (it waits a minute for the missing one) and takes nothing.
    let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
    assert_eq!(
        app.post_as(Some(&viewer), &json!([one(), one(), one(), one()]))
            .await
            .status(),
        200
    );
    assert_limited(app.post_as(Some(&viewer), &json!([one(), one()])).await, 60).await;
    assert_eq!(app.post_as(Some(&viewer), &one()).await.status(), 200);

    // A batch larger than the burst could never pass: it is bad input, not a wait.
    let anonymous = app
        .post_as(None, &json!([one(), one(), one(), one(), one(), one()]))
        .await;
    assert_eq!(anonymous.status(), 400);
    let body: Value = anonymous.json().await.unwrap();
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(
        error_message(&body),
        "the batch holds 6 operations; at most 5 are allowed at once"
    );
    // Anonymous callers are limited by address, and the refused batch took nothing.
    for _ in 0..5 {
        assert_eq!(app.post_as(None, &one()).await.status(), 200);
    }
    assert_limited(app.post_as(None, &one()).await, 60).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_limit_is_429_with_retry_after_and_batches_count_per_operation_on_sqlite() {
    over_the_limit(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_limit_is_429_with_retry_after_and_batches_count_per_operation_on_postgres() {
    over_the_limit(Backend::Postgres).await;
}

/// An import holds SQLite's write lock for a long time: reads, rate-limited, are still answered
/// at once (the limiter used to write a bucket row, waited ten seconds and failed with 500).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_answered_while_another_connection_holds_the_sqlite_write_lock() {
    let app = spawn_app_with(Backend::Sqlite, |s| limits(s, 50))
        .await
        .unwrap();
    let import = app.db().begin().await.unwrap();
    import
        .execute_unprepared(
            "INSERT INTO organizations (id, code, name, kind, sensitivity, created_at, updated_at, version) \
             VALUES ('00000000-0000-7000-8000-000000000001', 'IMPORT', 'Being imported', 'OTHER', \
             'PUBLIC', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)",
        )
        .await
        .unwrap();
    // The lock is held: another writer that does not wait is refused.
    let options = SqliteConnectOptions::from_str(app.database_url())
        .unwrap()
        .busy_timeout(Duration::ZERO);
    let mut writer = SqliteConnection::connect_with(&options).await.unwrap();
    let refused = sqlx::query("UPDATE data_version SET version = version WHERE id = 1")
        .execute(&mut writer)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("database is locked"),
        "{refused}"
    );
    let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
    for authorization in [&app.admin, &viewer] {
        let response = app.post_as(Some(authorization), &one()).await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["data"]["missions"]["totalCount"], 0, "{body}");
    }
    import.rollback().await.unwrap();
}

/// Whether a statement may write: anything but a plain read.
fn writes(sql: &str) -> bool {
    let sql = sql.trim_start().to_uppercase();
    !(sql.starts_with("SELECT") || (sql.starts_with("WITH") && !sql.contains("INSERT")))
}

async fn reads_write_nothing(backend: Backend) {
    let Some((app, recorded)) = spawn_recording_app_with(backend, |s| limits(s, 50)).await else {
        return;
    };
    // A user, and a partner token that was used a moment ago (its use is recorded at most
    // once a minute: not on this request).
    crate::fixtures::insert_organization(app.db(), "NGO", "An NGO").await;
    let org = app
        .data("{ organization(code: \"NGO\") { id } }", json!({}))
        .await["organization"]["id"]
        .clone();
    let secret = app
        .data(
            "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }",
            json!({ "i": { "name": "partner", "organizationId": org, "clearance": "PUBLIC", "expiresAt": "2099-01-01T00:00:00Z" } }),
        )
        .await["createApiToken"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let partner = bearer(&secret);
    assert_eq!(status(&app, &app.address, &partner).await, 200);
    let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
    for authorization in [&viewer, &partner, &app.admin] {
        recorded.lock().unwrap().clear();
        let body = app.graphql_as(Some(authorization), QUERY, json!({})).await;
        assert_eq!(body["data"]["missions"]["totalCount"], 0, "{body}");
        let statements = recorded.lock().unwrap().clone();
        assert!(!statements.is_empty(), "the read was recorded");
        let written: Vec<&String> = statements.iter().filter(|sql| writes(sql)).collect();
        assert!(
            written.is_empty(),
            "a plain query writes nothing: {written:#?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_query_writes_nothing_on_sqlite() {
    reads_write_nothing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_query_writes_nothing_on_postgres() {
    reads_write_nothing(Backend::Postgres).await;
}

fn redis_url() -> Option<String> {
    let url = std::env::var(REDIS_ENV).ok();
    if url.is_none() {
        eprintln!("skipped: {REDIS_ENV} is not set, Redis variant not run");
    }
    url
}

fn unique_prefix() -> String {
    format!("coordmap-test:{}:", uuid::Uuid::now_v7().simple())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_sharing_redis_share_one_allowance() {
    let Some(url) = redis_url() else {
        return;
    };
    let prefix = unique_prefix();
    let app = spawn_app_with(Backend::Sqlite, |s| {
        limits(s, 3);
        s.traffic.rate_limit_redis_url = Some(Secret::from(url.clone()));
        s.traffic.rate_limit_redis_prefix = prefix.clone();
        // A loaded test machine must not make a replica decide alone.
        s.traffic.rate_limit_redis_timeout_ms = 5_000;
    })
    .await
    .unwrap();
    let replica = app.replica().await;
    let admin = app.admin.clone();
    // Three operations across the two replicas: each alone would allow three.
    assert_eq!(status(&app, &app.address, &admin).await, 200);
    assert_eq!(status(&app, &replica, &admin).await, 200);
    assert_eq!(status(&app, &app.address, &admin).await, 200);
    let refused = app
        .client
        .post(format!("{replica}/graphql"))
        .header("Authorization", &admin)
        .json(&one())
        .send()
        .await
        .unwrap();
    assert_limited(refused, 60).await;
    assert_eq!(status(&app, &app.address, &admin).await, 429);
    // Another caller, on either replica, has its own allowance.
    let viewer = bearer(&user_token("viewer", "VIEWER", &[], &[]));
    assert_eq!(status(&app, &replica, &viewer).await, 200);
    // The allowance lives in Redis under the prefix, with an expiry.
    let client = redis::Client::open(url.as_str()).unwrap();
    let mut connection = client.get_multiplexed_async_connection().await.unwrap();
    let key = format!("{prefix}user:admin");
    let ttl: i64 = redis::cmd("PTTL")
        .arg(&key)
        .query_async(&mut connection)
        .await
        .unwrap();
    assert!((1..=180_000).contains(&ttl), "{key} expires: {ttl}");
    let _: () = redis::cmd("DEL")
        .arg(&key)
        .arg(format!("{prefix}user:viewer"))
        .query_async(&mut connection)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_redis_leaves_requests_answered_and_limited_in_process() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let app = spawn_app_with(Backend::Sqlite, |s| {
        limits(s, 2);
        s.traffic.rate_limit_redis_url = Some(Secret::from(format!("redis://127.0.0.1:{port}/0")));
        s.traffic.rate_limit_redis_prefix = unique_prefix();
    })
    .await
    .unwrap();
    for _ in 0..2 {
        let response = app.post_as(Some(&app.admin), &one()).await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["data"]["missions"]["totalCount"], 0, "{body}");
    }
    assert_limited(app.post_as(Some(&app.admin), &one()).await, 60).await;
}
