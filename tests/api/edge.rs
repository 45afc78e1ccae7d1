//! The request edge: nothing a client sends can hold the server, and every refusal has a code
//! and the status the GraphQL over HTTP specification gives it.

use std::time::Duration;

use reqwest::header::{ACCEPT, ALLOW, CONTENT_TYPE};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::both_backends;
use crate::fixtures::insert_organization;
use crate::helpers::{error_code, spawn_app_with_pool, spawn_counting_app, Backend, TestApp};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// POSTs a body anonymously asking for `accept`; the status, content type and body.
async fn post(app: &TestApp, accept: Option<&str>, body: &Value) -> (u16, String, Value) {
    let mut request = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(body);
    if let Some(accept) = accept {
        request = request.header(ACCEPT, accept);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (
        status,
        content_type,
        response.json().await.expect("JSON body"),
    )
}

/// A document of `n` fragments on the query root, each spreading the next one twice, ending in
/// a field that reads the database.
fn fragment_bomb(n: usize) -> String {
    let mut text = String::from("query { ...F0 }\n");
    for i in 0..n {
        text.push_str(&format!(
            "fragment F{i} on QueryRoot {{ ...F{} ...F{} }}\n",
            i + 1,
            i + 1
        ));
    }
    text.push_str(&format!(
        "fragment F{n} on QueryRoot {{ missions {{ totalCount }} }}\n"
    ));
    text
}

/// Every location of every error is a real position.
fn assert_real_locations(body: &Value) {
    for error in body["errors"].as_array().into_iter().flatten() {
        for location in error["locations"].as_array().into_iter().flatten() {
            assert!(
                location["line"].as_u64() >= Some(1) && location["column"].as_u64() >= Some(1),
                "a location that is no position: {body}"
            );
        }
    }
}

/// A partner token of a new organisation `code`, at INTERNAL clearance.
async fn partner_token(app: &TestApp, code: &str) -> String {
    insert_organization(app.db(), code, code).await;
    let id = app
        .data(
            "query($c: String!) { organization(code: $c) { id } }",
            json!({ "c": code }),
        )
        .await["organization"]["id"]
        .clone();
    app.data(
        "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }",
        json!({ "i": { "name": "partner", "organizationId": id, "clearance": "INTERNAL", "expiresAt": "2099-01-01T00:00:00Z" } }),
    )
    .await["createApiToken"]["secret"]
    .as_str()
    .expect("a secret")
    .to_owned()
}

mod fragments {
    use super::*;

    async fn scenario(backend: Backend) {
        let Some((app, statements)) = spawn_counting_app(backend).await else {
            return;
        };
        for n in [23, 28, 60] {
            let before = statements.load(std::sync::atomic::Ordering::SeqCst);
            let body = json!({ "query": fragment_bomb(n) });
            let (status, _, answer) = post(&app, None, &body).await;
            assert_eq!(status, 401, "anonymous callers are refused here: {answer}");
            let response = app.post_as(Some(&app.admin), &body).await;
            assert_eq!(response.status().as_u16(), 200);
            let answer: Value = response.json().await.unwrap();
            assert_eq!(error_code(&answer), "QUERY_TOO_COMPLEX", "{answer}");
            assert!(answer.get("data").is_none(), "never executed: {answer}");
            let cost = &answer["errors"][0]["extensions"]["cost"];
            assert!(cost["complexity"].as_u64() > Some(250_000), "{cost}");
            assert_eq!(cost["maxComplexity"], 250_000);
            // Not one statement: no resolver ran (authentication of a user token and the
            // rate limit, off in tests, read nothing either).
            let after = statements.load(std::sync::atomic::Ordering::SeqCst);
            assert_eq!(
                after, before,
                "n={n}: the refused query reached the database"
            );
        }
        let health = app.get("/healthz").await;
        assert_eq!(health.status().as_u16(), 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        scenario(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        scenario(Backend::Postgres).await;
    }
}

/// Each bad request, the code it gets, and its status as `application/json` and as
/// `application/graphql-response+json`.
fn bad_requests() -> Vec<(&'static str, Value, &'static str, Option<&'static str>)> {
    vec![
        (
            "parse error",
            json!({ "query": "{ missions { " }),
            "GRAPHQL_PARSE_FAILED",
            None,
        ),
        (
            "unknown field",
            json!({ "query": "{ nope }" }),
            "GRAPHQL_VALIDATION_FAILED",
            None,
        ),
        (
            "fragment cycle",
            json!({ "query": "{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }" }),
            "GRAPHQL_VALIDATION_FAILED",
            None,
        ),
        (
            "literal of the wrong type",
            json!({ "query": "{ missions(first: \"ten\") { totalCount } }" }),
            "GRAPHQL_VALIDATION_FAILED",
            None,
        ),
        (
            "impossible date literal",
            json!({ "query": "{ missions(filter: { activeOn: \"2023-02-29\" }) { totalCount } }" }),
            "GRAPHQL_VALIDATION_FAILED",
            None,
        ),
        (
            "variable of the wrong type",
            json!({ "query": "query($n: Int) { missions(first: $n) { totalCount } }", "variables": { "n": "one" } }),
            "BAD_USER_INPUT",
            Some("n"),
        ),
        (
            "impossible date variable",
            json!({ "query": "query($d: Date) { missions(filter: { activeOn: $d }) { totalCount } }", "variables": { "d": "2023-02-29" } }),
            "BAD_USER_INPUT",
            Some("d"),
        ),
        (
            "version that is no number",
            json!({ "query": "mutation($i: UpdateOrganizationInput!) { updateOrganization(input: $i) { id } }",
                    "variables": { "i": { "id": "x", "version": "one" } } }),
            "BAD_USER_INPUT",
            Some("i.version"),
        ),
        (
            "missing required variable",
            json!({ "query": "query($n: Int!) { missions(first: $n) { totalCount } }" }),
            "BAD_USER_INPUT",
            Some("n"),
        ),
        (
            "NUL in a literal",
            json!({ "query": "{ mission(acronym: \"A\\u0000B\") { name } }" }),
            "BAD_USER_INPUT",
            Some("acronym"),
        ),
        (
            "NUL in a variable",
            json!({ "query": "query($s: String) { organizations(filter: { search: $s }) { totalCount } }", "variables": { "s": "UN\u{0}HCR" } }),
            "BAD_USER_INPUT",
            Some("s"),
        ),
        (
            "unknown operation",
            json!({ "query": "query A { __typename }", "operationName": "B" }),
            "GRAPHQL_VALIDATION_FAILED",
            None,
        ),
        (
            "too deep",
            json!({ "query": "{ missions { nodes { components { nodes { posts { nodes { component { mission { components { nodes { name } } } } } } } } } } }" }),
            "QUERY_TOO_COMPLEX",
            None,
        ),
    ]
}

both_backends!(
    bad_requests_have_codes_and_statuses,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        for (what, body, code, field) in bad_requests() {
            let (status, content_type, json_answer) = post(&app, None, &body).await;
            assert_eq!(
                status, 200,
                "{what}: application/json answers 200: {json_answer}"
            );
            assert!(
                content_type.starts_with("application/json"),
                "{what}: {content_type}"
            );
            let (status, content_type, answer) = post(&app, Some(GRAPHQL_RESPONSE), &body).await;
            assert_eq!(status, 400, "{what}: {answer}");
            assert!(
                content_type.starts_with(GRAPHQL_RESPONSE),
                "{what}: {content_type}"
            );
            for answer in [&json_answer, &answer] {
                assert_eq!(error_code(answer), code, "{what}: {answer}");
                assert!(
                    answer.get("data").is_none(),
                    "{what}: no data entry: {answer}"
                );
                assert_eq!(
                    answer["errors"][0]["extensions"]["field"].as_str(),
                    field,
                    "{what}: {answer}"
                );
                assert_real_locations(answer);
            }
        }
    }
);

both_backends!(
    success_and_execution_errors_keep_status_200,
    |app| async move {
        insert_organization(app.db(), "UNHCR", "UNHCR").await;
        for accept in [
            None,
            Some(GRAPHQL_RESPONSE),
            Some("application/json"),
            Some("*/*"),
        ] {
            let mut request = app
                .client
                .post(format!("{}/graphql", app.address))
                .header("Authorization", &app.admin)
                .json(&json!({ "query": "{ organizations { totalCount } }" }));
            if let Some(accept) = accept {
                request = request.header(ACCEPT, accept);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), 200, "{accept:?}");
            let expected = if accept == Some(GRAPHQL_RESPONSE) {
                GRAPHQL_RESPONSE
            } else {
                "application/json"
            };
            let content_type = response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(
                content_type.starts_with(expected),
                "{accept:?}: {content_type}"
            );
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["data"]["organizations"]["totalCount"], 1);
        }
        // An error while executing (an unknown id) is a field error: data is there, status 200.
        let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("Authorization", &app.admin)
        .header(ACCEPT, GRAPHQL_RESPONSE)
        .json(&json!({ "query": "{ node(id: \"T3JnYW5pemF0aW9uOjAxOTNjMmQ2LTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA==\") { id } }" }))
        .send()
        .await
        .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_code(&body), "NOT_FOUND", "{body}");
        assert!(body.get("data").is_some(), "{body}");
    }
);

both_backends!(http_methods_and_media_types, |app| async move {
    let url = format!("{}/graphql", app.address);
    // A mutation over GET: 405, only POST allowed.
    let response = app
        .client
        .get(&url)
        .header("Authorization", &app.admin)
        .query(&[(
            "query",
            "mutation { archiveOrganization(input: { id: \"x\", version: 1 }) { id } }",
        )])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()[ALLOW], "POST");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "METHOD_NOT_ALLOWED");
    // A query over GET answers.
    let response = app
        .client
        .get(&url)
        .header("Authorization", &app.admin)
        .header(ACCEPT, GRAPHQL_RESPONSE)
        .query(&[("query", "{ __typename }")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["__typename"], "QueryRoot");
    // Other methods: 405 with what is allowed.
    let response = app.client.put(&url).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()[ALLOW], "GET, POST");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "METHOD_NOT_ALLOWED");
    // A body that is not JSON, or not declared as JSON.
    let cases: [(Option<&str>, &str, u16, &str); 4] = [
        (
            None,
            "{\"query\":\"{ __typename }\"}",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (
            Some("text/plain"),
            "{\"query\":\"{ __typename }\"}",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
        (Some("application/json"), "{\"query\": ", 400, "BAD_REQUEST"),
        (
            Some("application/json; charset=utf-8"),
            "[1, 2]",
            400,
            "BAD_REQUEST",
        ),
    ];
    for (content_type, body, status, code) in cases {
        let mut request = app
            .client
            .post(&url)
            .header("Authorization", &app.admin)
            .body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(
            response.status().as_u16(),
            status,
            "{content_type:?} {body}"
        );
        let answer: Value = response.json().await.unwrap();
        assert_eq!(
            error_code(&answer),
            code,
            "{content_type:?} {body}: {answer}"
        );
    }
    // A client that accepts neither JSON type.
    let response = app
        .client
        .post(&url)
        .header(ACCEPT, "text/html")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 406);
    // A batch still answers each of its operations, refused ones without data.
    let response = app
        .post_as(
            Some(&app.admin),
            &json!([{ "query": "{ __typename }" }, { "query": "{ nope }" }]),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let answers: Value = response.json().await.unwrap();
    assert_eq!(answers[0]["data"]["__typename"], "QueryRoot");
    assert_eq!(error_code(&answers[1]), "GRAPHQL_VALIDATION_FAILED");
    assert!(answers[1].get("data").is_none(), "{answers}");
});

/// The query GraphiQL and code generators send (graphql-js `getIntrospectionQuery`).
const INTROSPECTION: &str = include_str!("../fixtures/introspection.graphql");

both_backends!(
    every_caller_may_introspect,
    settings = |s| s.auth.allow_anonymous = true,
    |app| async move {
        let body = json!({ "query": INTROSPECTION });
        let (status, _, answer) = post(&app, Some(GRAPHQL_RESPONSE), &body).await;
        assert_eq!(
            status,
            200,
            "{}",
            &answer.to_string()[..300.min(answer.to_string().len())]
        );
        assert!(answer.get("errors").is_none());
        assert_eq!(answer["data"]["__schema"]["queryType"]["name"], "QueryRoot");
        assert!(
            answer["data"]["__schema"]["types"]
                .as_array()
                .unwrap()
                .len()
                > 100
        );
        // A partner token, whose data budget is as small as an anonymous caller's.
        let token = partner_token(&app, "UNHCR").await;
        let answer = app
            .graphql_as(Some(&format!("Bearer {token}")), INTROSPECTION, json!({}))
            .await;
        assert!(answer.get("errors").is_none(), "{}", answer["errors"]);
        // Introspection that multiplies schema lists into each other is refused.
        let nested =
            "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        let (status, _, answer) =
            post(&app, Some(GRAPHQL_RESPONSE), &json!({ "query": nested })).await;
        assert_eq!(status, 400);
        assert_eq!(error_code(&answer), "QUERY_TOO_COMPLEX", "{answer}");
    }
);

/// Holds every connection of the server's pool until dropped: the database "stops answering".
async fn hold_pool(pool: &DatabaseConnection, size: u32) -> Vec<sea_orm::DatabaseTransaction> {
    let mut held = Vec::new();
    for _ in 0..size {
        held.push(pool.begin().await.expect("a pooled connection"));
    }
    held
}

mod timeouts {
    use super::*;

    async fn scenario(backend: Backend) {
        let Some((app, pool)) = spawn_app_with_pool(backend, |s| {
            // Short enough to keep the test quick, long enough that a busy machine still sends
            // and answers ordinary requests within them.
            s.timeouts.execution_timeout_ms = 1_500;
            s.timeouts.ready_timeout_ms = 500;
            s.timeouts.body_timeout_ms = 2_000;
            s.timeouts.header_timeout_ms = 2_000;
            s.traffic.max_concurrent_queries = 1;
        })
        .await
        else {
            return;
        };
        assert_eq!(app.get("/readyz").await.status().as_u16(), 200);
        let held = hold_pool(
            &pool,
            coordmap_api::config::DatabaseSettings::new("").max_connections,
        )
        .await;
        // Readiness says 503 instead of waiting for the database.
        let response = app.get("/readyz").await;
        assert_eq!(response.status().as_u16(), 503);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["reason"], "database did not answer in time");
        // A query that cannot get its rows is cancelled with a code, twice in a row: the one
        // execution permit was given back the first time.
        for _ in 0..2 {
            let response = app
                .post_as(
                    Some(&app.admin),
                    &json!({ "query": "{ organizations { totalCount } }" }),
                )
                .await;
            assert_eq!(response.status().as_u16(), 503);
            let body: Value = response.json().await.unwrap();
            assert_eq!(error_code(&body), "EXECUTION_TIMEOUT", "{body}");
        }
        drop(held);
        let body = app
            .graphql("{ organizations { totalCount } }", json!({}))
            .await;
        assert_eq!(body["data"]["organizations"]["totalCount"], 0, "{body}");
        assert_eq!(app.get("/readyz").await.status().as_u16(), 200);

        // Half-sent requests are answered 408 or closed, not held open.
        let address = app.address.trim_start_matches("http://").to_owned();
        let partial: [&[u8]; 2] = [
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":",
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Ty",
        ];
        for bytes in partial {
            let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
            stream.write_all(bytes).await.unwrap();
            let mut answer = Vec::new();
            // Generous: this bounds the test, it does not measure the server.
            let read =
                tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
                    .await
                    .expect("the server closes a half-sent request");
            assert!(read.is_ok());
            let text = String::from_utf8_lossy(&answer);
            assert!(
                text.is_empty() || text.starts_with("HTTP/1.1 408"),
                "a half-sent request got: {text}"
            );
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_sqlite() {
        scenario(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres() {
        scenario(Backend::Postgres).await;
    }
}
