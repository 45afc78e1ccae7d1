//! Trace ids and spans: every answer names its trace (`traceparent`, and `extensions.traceId`
//! with `extensions.requestId` in every error), continuing the client's trace when it sends a
//! valid `traceparent`; the log line of a failed request carries the same ids; and with a
//! collector configured, the spans of a request reach it over OTLP/HTTP.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as Any;
use opentelemetry_proto::tonic::trace::v1::{span::SpanKind, Span};
use prost::Message;
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::{error_code, TestApp};
use crate::serve_demo::DemoServer;

/// A client's trace context: trace `4bf9…4736`, its span `00f0…02b7`, sampled.
const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT: &str = "00f067aa0ba902b7";

fn traceparent(trace: &str, parent: &str, flags: &str) -> String {
    format!("00-{trace}-{parent}-{flags}")
}

/// `(trace id, span id, flags)` of a `traceparent` header.
fn parts(response: &reqwest::Response) -> (String, String, String) {
    let header = response.headers()["traceparent"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    let parts: Vec<&str> = header.split('-').collect();
    assert_eq!(parts.len(), 4, "{header}");
    assert_eq!(parts[0], "00", "{header}");
    assert_eq!(parts[1].len(), 32, "{header}");
    assert_eq!(parts[2].len(), 16, "{header}");
    (parts[1].into(), parts[2].into(), parts[3].into())
}

/// Posts `query` to the server at `base` with these headers; the answer and its `traceparent`.
async fn post_to(
    base: &str,
    headers: &[(&str, &str)],
    query: &str,
) -> (reqwest::Response, (String, String, String)) {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request sent");
    let ids = parts(&response);
    (response, ids)
}

/// [`post_to`] the app, as an administrator.
async fn post(
    app: &TestApp,
    headers: &[(&str, &str)],
    query: &str,
) -> (reqwest::Response, (String, String, String)) {
    let headers: Vec<(&str, &str)> = [("Authorization", app.admin.as_str())]
        .into_iter()
        .chain(headers.iter().copied())
        .collect();
    post_to(&app.address, &headers, query).await
}

both_backends!(
    a_client_trace_is_continued_and_every_error_names_the_request,
    |app| async move {
        let given = traceparent(TRACE, PARENT, "01");
        let (response, (trace, span, _)) = post(
            &app,
            &[
                ("traceparent", &given),
                ("X-Request-Id", "partner-9:case/1"),
            ],
            "query Broken { noSuchField }",
        )
        .await;
        assert_eq!(trace, TRACE, "the client's trace goes on");
        assert_ne!(span, PARENT, "the server's span is a child of the client's");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED");
        let extensions = &body["errors"][0]["extensions"];
        assert_eq!(extensions["traceId"], TRACE, "{body}");
        assert_eq!(extensions["requestId"], "partner-9:case/1", "{body}");

        // Without a usable traceparent, each request starts a trace of its own, named in its
        // errors as in its header.
        let mut seen = Vec::new();
        for given in [
            None,
            Some(traceparent(&"0".repeat(32), PARENT, "01")),
            Some(traceparent(&TRACE.to_uppercase(), PARENT, "01")),
            Some("not a trace context".to_owned()),
        ] {
            let headers: Vec<(&str, &str)> = given
                .iter()
                .map(|value| ("traceparent", value.as_str()))
                .collect();
            let (response, (trace, _, _)) = post(&app, &headers, "{ noSuchField }").await;
            let body: Value = response.json().await.expect("JSON");
            assert_ne!(trace, TRACE, "{given:?}");
            assert_ne!(trace, "0".repeat(32), "{given:?}");
            assert_eq!(body["errors"][0]["extensions"]["traceId"], trace.as_str());
            assert!(!seen.contains(&trace), "a new trace per request");
            seen.push(trace);
        }

        // A request refused before the schema ran names its request too.
        let refused = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("Authorization", "Bearer not-a-token")
            .header("traceparent", &given)
            .json(&json!({ "query": "{ __typename }" }))
            .send()
            .await
            .expect("request sent");
        assert_eq!(refused.status(), 401);
        let request_id = refused.headers()["x-request-id"]
            .to_str()
            .expect("ASCII")
            .to_owned();
        let (trace, _, _) = parts(&refused);
        assert_eq!(trace, TRACE);
        let body: Value = refused.json().await.expect("JSON");
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
        assert_eq!(body["errors"][0]["extensions"]["traceId"], TRACE);
        assert_eq!(
            body["errors"][0]["extensions"]["requestId"],
            request_id.as_str()
        );

        // Every answer names its trace, GraphQL or not.
        let health = app.get("/healthz").await;
        assert!(health.status().is_success());
        parts(&health);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_line_of_a_failed_request_carries_the_ids_its_errors_give() {
    let server = DemoServer::start();
    for (authorization, query, code) in [
        (
            None,
            "query Broken { noSuchField }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            Some("Bearer not-a-token"),
            "{ __typename }",
            "UNAUTHENTICATED",
        ),
    ] {
        let mut request = reqwest::Client::new()
            .post(format!("{}/graphql", server.base))
            .json(&json!({ "query": query }));
        if let Some(authorization) = authorization {
            request = request.header("Authorization", authorization);
        }
        let (body, line) = server.refused_and_logged(request, code).await;
        let request_id = body["errors"][0]["extensions"]["requestId"]
            .as_str()
            .expect("a request id");
        assert!(line.contains(request_id), "{line}");
        assert!(line.contains(code), "{line}");
    }
}

/// The posts a collector received: path and body.
type Posts = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A stand-in for an OpenTelemetry collector: takes every POST, keeps its path and body.
struct Collector {
    url: String,
    received: Posts,
}

impl Collector {
    fn start() -> Self {
        let received = Posts::default();
        let kept = received.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let server = actix_web::HttpServer::new(move || {
            let kept = kept.clone();
            actix_web::App::new()
                .app_data(actix_web::web::PayloadConfig::new(64 << 20))
                .default_service(actix_web::web::to(
                    move |req: actix_web::HttpRequest, body: actix_web::web::Bytes| {
                        let kept = kept.clone();
                        async move {
                            kept.lock()
                                .expect("received")
                                .push((req.path().to_owned(), body.to_vec()));
                            actix_web::HttpResponse::Ok()
                                .content_type("application/x-protobuf")
                                .finish()
                        }
                    },
                ))
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        tokio::spawn(server);
        Self {
            url: format!("http://127.0.0.1:{port}"),
            received,
        }
    }

    /// The spans received so far, with the path each batch was posted to.
    fn spans(&self) -> Vec<(String, Span)> {
        let received = self.received.lock().expect("received");
        received
            .iter()
            .flat_map(|(path, body)| {
                let request =
                    ExportTraceServiceRequest::decode(body.as_slice()).expect("OTLP protobuf");
                request
                    .resource_spans
                    .into_iter()
                    .flat_map(|r| r.scope_spans)
                    .flat_map(|s| s.spans)
                    .map(|span| (path.clone(), span))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The spans of trace `trace` once one named `last` has arrived (it closes last).
    async fn trace(&self, trace: &str, last: &str) -> Vec<Span> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let spans: Vec<Span> = self
                .spans()
                .into_iter()
                .map(|(path, span)| {
                    assert_eq!(path, "/v1/traces");
                    span
                })
                .filter(|span| hex(&span.trace_id) == trace)
                .collect();
            if spans.iter().any(|span| span.name == last) {
                return spans;
            }
            assert!(
                Instant::now() < deadline,
                "the collector never got the span {last} of {trace}: {:#?}",
                spans.iter().map(|s| &s.name).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The value of attribute `key` of `span`, as text.
fn attribute(span: &Span, key: &str) -> Option<String> {
    let value = span
        .attributes
        .iter()
        .find(|a| a.key == key)?
        .value
        .as_ref()?;
    match value.value.as_ref()? {
        Any::StringValue(s) => Some(s.clone()),
        Any::IntValue(i) => Some(i.to_string()),
        Any::BoolValue(b) => Some(b.to_string()),
        other => Some(format!("{other:?}")),
    }
}

fn named<'a>(spans: &'a [Span], name: &str) -> &'a Span {
    spans.iter().find(|s| s.name == name).unwrap_or_else(|| {
        panic!(
            "no span {name} among {:?}",
            spans.iter().map(|s| &s.name).collect::<Vec<_>>()
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spans_of_a_request_reach_the_collector() {
    let collector = Collector::start();
    let server = DemoServer::start_with(&[
        ("COORDMAP_OTLP_ENDPOINT", &collector.url),
        ("COORDMAP_TRACE_SAMPLE_RATIO", "1"),
        ("OTEL_BSP_SCHEDULE_DELAY", "100"),
    ]);
    // A client that decided not to record its trace: the server follows (parent-based).
    let unsampled = "0af7651916cd43dd8448eb211c80319c";
    let (_, (_, _, flags)) = post_to(
        &server.base,
        &[("traceparent", &traceparent(unsampled, PARENT, "00"))],
        "query Unsampled { missions(first: 1) { totalCount } }",
    )
    .await;
    assert_eq!(flags, "00");
    // Then one the server samples (ratio 1), and one continuing a sampled client trace.
    let (response, (trace, server_span, flags)) = post_to(
        &server.base,
        &[("X-Request-Id", "traced-1")],
        "query Traced { missions(first: 2) { edges { node { acronym forums { name } } } } }",
    )
    .await;
    assert_eq!(flags, "01", "sampled");
    let body: Value = response.json().await.expect("JSON");
    assert!(body.get("errors").is_none(), "{body}");
    let (_, (continued, _, _)) = post_to(
        &server.base,
        &[("traceparent", &traceparent(TRACE, PARENT, "01"))],
        "{ __typename }",
    )
    .await;
    assert_eq!(continued, TRACE);

    let spans = collector.trace(&trace, "POST /graphql").await;
    let request = named(&spans, "POST /graphql");
    assert_eq!(hex(&request.span_id), server_span);
    assert_eq!(request.kind, SpanKind::Server as i32);
    assert!(request.parent_span_id.is_empty(), "a new trace starts here");
    assert_eq!(
        attribute(request, "http.route").as_deref(),
        Some("/graphql")
    );
    assert_eq!(
        attribute(request, "http.response.status_code").as_deref(),
        Some("200")
    );
    assert_eq!(
        attribute(request, "request_id").as_deref(),
        Some("traced-1")
    );
    assert_eq!(
        attribute(request, "client.address").as_deref(),
        Some("127.0.0.1")
    );
    // Admission, under the request.
    for name in [
        "authenticate",
        "rate limit",
        "response cache lookup",
        "execution permit",
    ] {
        let span = named(&spans, name);
        assert_eq!(hex(&span.parent_span_id), server_span, "{name}");
    }
    // The operation, with its cost, and its resolvers of objects below it.
    let operation = named(&spans, "query Traced");
    assert_eq!(hex(&operation.parent_span_id), server_span);
    assert!(attribute(operation, "graphql.cost")
        .and_then(|c| c.parse::<u64>().ok())
        .is_some_and(|c| c > 0));
    assert_eq!(
        attribute(operation, "graphql.outcome").as_deref(),
        Some("OK")
    );
    let missions = named(&spans, "QueryRoot.missions");
    assert_eq!(missions.parent_span_id, operation.span_id);
    assert!(
        !spans.iter().any(|s| s.name == "Mission.acronym"),
        "fields of scalars get no span"
    );
    // Each SQL statement, by kind and never by text.
    let statements: Vec<&Span> = spans
        .iter()
        .filter(|s| attribute(s, "db.operation").is_some())
        .collect();
    assert!(!statements.is_empty(), "statement spans");
    assert!(statements
        .iter()
        .all(|s| attribute(s, "db.statement").is_none()));

    // The client's sampled trace goes on in the server: its request span is the client
    // span's child.
    let spans = collector.trace(TRACE, "POST /graphql").await;
    assert_eq!(hex(&named(&spans, "POST /graphql").parent_span_id), PARENT);
    // The unsampled one was never recorded, though it was answered first.
    assert!(collector
        .spans()
        .iter()
        .all(|(_, span)| hex(&span.trace_id) != unsampled));
}

#[tokio::test]
async fn at_ratio_zero_only_the_traces_clients_record_are_exported() {
    let collector = Collector::start();
    let server = DemoServer::start_with(&[
        ("COORDMAP_OTLP_ENDPOINT", &collector.url),
        ("COORDMAP_TRACE_SAMPLE_RATIO", "0"),
        ("OTEL_BSP_SCHEDULE_DELAY", "100"),
    ]);
    // New traces, the server's to decide: none recorded, though they read the database and
    // one fails.
    let mut unrecorded = Vec::new();
    for query in [
        "query First { missions(first: 2) { edges { node { acronym forums { name } } } } }",
        "query Failing { mission(acronym: \"NOPE\") { name } }",
    ] {
        let (_, (trace, _, flags)) = post_to(&server.base, &[], query).await;
        assert_eq!(flags, "00", "{query}");
        unrecorded.push(trace);
    }
    // A trace the client records is, whole: admission, operation and statements.
    let (_, (continued, _, flags)) = post_to(
        &server.base,
        &[("traceparent", &traceparent(TRACE, PARENT, "01"))],
        "query Continued { missions(first: 1) { edges { node { acronym } } } }",
    )
    .await;
    assert_eq!((continued.as_str(), flags.as_str()), (TRACE, "01"));
    let spans = collector.trace(TRACE, "POST /graphql").await;
    for name in ["authenticate", "query Continued", "QueryRoot.missions"] {
        named(&spans, name);
    }
    assert!(spans.iter().any(|s| attribute(s, "db.operation").is_some()));
    // Nothing else reached the collector: no span of the unrecorded requests, and no
    // statement of a shared worker as a trace of its own.
    let others: Vec<(String, String)> = collector
        .spans()
        .into_iter()
        .filter(|(_, span)| hex(&span.trace_id) != TRACE)
        .map(|(_, span)| (hex(&span.trace_id), span.name))
        .collect();
    assert!(others.is_empty(), "{others:?} (unrecorded: {unrecorded:?})");
}
