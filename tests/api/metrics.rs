//! `/metrics`: served only to the holder of the metrics token, in the Prometheus text format,
//! with the series of what the process answered; and every answer carries a request id.

use coordmap_api::config::Secret;
use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::{error_code, TestApp};

pub(crate) const TOKEN: &str = "metrics-token-for-the-tests-0123456789";

pub(crate) async fn scrape(app: &TestApp, authorization: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/metrics", app.address));
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    request.send().await.expect("request sent")
}

/// The value of the series whose line starts with `series` (name and labels as rendered).
pub(crate) fn value_of(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(series))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

both_backends!(metrics_are_not_served_without_a_token, |app| async move {
    let response = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.expect("JSON error");
    assert_eq!(error_code(&body), "NOT_FOUND");
});

both_backends!(
    metrics_show_what_the_process_answered_to_the_holder_of_the_token,
    settings = |s| {
        s.auth.metrics_token = Some(Secret(TOKEN.into()));
        // A budget an administrator's query can exceed.
        s.graphql.max_complexity = 100;
    },
    |app| async move {
        for authorization in [None, Some("Bearer wrong"), Some(TOKEN)] {
            let response = scrape(&app, authorization).await;
            assert_eq!(response.status(), 401, "{authorization:?}");
            let body: Value = response.json().await.expect("JSON error");
            assert_eq!(error_code(&body), "UNAUTHENTICATED");
        }
        let bearer = format!("Bearer {TOKEN}");
        let before = scrape(&app, Some(&bearer))
            .await
            .text()
            .await
            .expect("text");
        let ok = "coordmap_graphql_operations_total{operation=\"MetricsProbe\",outcome=\"OK\"}";
        let refused = "coordmap_graphql_operations_total{operation=\"MetricsBroken\",outcome=\"GRAPHQL_VALIDATION_FAILED\"}";
        let count = |text: &str, series: &str| value_of(text, series).unwrap_or(0.0);
        for _ in 0..3 {
            let body = app
                .graphql("query MetricsProbe { __typename }", json!({}))
                .await;
            assert!(body.get("errors").is_none(), "{body}");
        }
        let body = app
            .graphql("query MetricsBroken { noSuchField }", json!({}))
            .await;
        assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED");
        let over_budget = "coordmap_graphql_budget_refusals_total{role=\"ADMIN\"}";
        let body = app
            .graphql(
                "{ missions(first: 100) { edges { node { id acronym name } } } }",
                json!({}),
            )
            .await;
        assert_eq!(error_code(&body), "QUERY_TOO_COMPLEX");

        let response = scrape(&app, Some(&bearer)).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        let after = response.text().await.expect("text");
        // Other tests of this process add to the same series: compare before and after.
        assert!(count(&after, ok) - count(&before, ok) >= 3.0, "{after}");
        assert!(
            count(&after, refused) - count(&before, refused) >= 1.0,
            "{after}"
        );
        assert!(
            count(&after, over_budget) - count(&before, over_budget) >= 1.0,
            "{after}"
        );
        // The operations ran SQL: each statement is counted by kind, with its latency.
        let selects = "coordmap_db_statements_total{kind=\"SELECT\"}";
        assert!(count(&after, selects) > count(&before, selects), "{after}");
        for series in [
            "coordmap_http_requests_total{route=\"/graphql\",status=\"200\"}",
            "coordmap_graphql_operation_duration_seconds_bucket{operation=\"MetricsProbe\"",
            "coordmap_graphql_cost_bucket",
            "coordmap_db_pool_connections{state=\"idle\"}",
            "coordmap_db_pool_connections{state=\"in_use\"}",
            "coordmap_db_statement_duration_seconds_bucket{kind=\"SELECT\"",
            "coordmap_response_cache_total{outcome=\"miss\"}",
            "coordmap_queue_depth{queue=\"read_log\"}",
            "coordmap_queue_depth{queue=\"version_reader\"}",
            "coordmap_build_info{version=",
        ] {
            assert!(
                after.lines().any(|l| l.starts_with(series)),
                "{series} in {after}"
            );
        }
        // Labels are bounded: no SQL text, no statement kind outside the five.
        for line in after.lines().filter(|l| l.contains("kind=")) {
            assert!(
                ["SELECT", "INSERT", "UPDATE", "DELETE", "other"]
                    .iter()
                    .any(|k| line.contains(&format!("kind=\"{k}\""))),
                "{line}"
            );
        }
        assert!(after.contains("# HELP coordmap_graphql_operations_total"));
    }
);

both_backends!(
    every_answer_carries_a_request_id_the_client_may_choose,
    |app| async move {
        let chosen = app
            .client
            .get(format!("{}/healthz", app.address))
            .header("X-Request-Id", "partner-7:ticket/42")
            .send()
            .await
            .expect("request sent");
        assert_eq!(chosen.headers()["x-request-id"], "partner-7:ticket/42");
        for bad in [
            None,
            Some("two words"),
            Some("x".repeat(200).leak() as &str),
        ] {
            let mut request = app.client.get(format!("{}/healthz", app.address));
            if let Some(bad) = bad {
                request = request.header("X-Request-Id", bad);
            }
            let made = request.send().await.expect("request sent");
            let id = made.headers()["x-request-id"].to_str().unwrap().to_owned();
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{bad:?} → {id}");
        }
        let refused = app.graphql("{ noSuchField }", json!({})).await;
        assert_eq!(error_code(&refused), "GRAPHQL_VALIDATION_FAILED");
    }
);

both_backends!(
    answers_pushed_out_of_a_full_response_cache_are_counted,
    settings = |s| {
        s.auth.metrics_token = Some(Secret(TOKEN.into()));
        s.traffic.response_cache_mb = 1;
    },
    |app| async move {
        let bearer = format!("Bearer {TOKEN}");
        let evictions = |text: &str| value_of(text, "coordmap_response_cache_evictions_total");
        let text = scrape(&app, Some(&bearer))
            .await
            .text()
            .await
            .expect("text");
        // Other tests of this process may have evicted answers already (or none yet).
        let before = evictions(&text).unwrap_or(0.0);
        // About 100 kB each (under the eighth of the cache an entry may take), each under its
        // own key: twenty of them do not fit in one megabyte.
        for n in 0..20 {
            let query = format!(
                "query Schema{n} {{ __schema {{ types {{ name description fields {{ name description }} }} }} }}"
            );
            let body = app.graphql(&query, json!({})).await;
            assert!(body.get("errors").is_none(), "{body}");
        }
        let text = scrape(&app, Some(&bearer))
            .await
            .text()
            .await
            .expect("text");
        let after = evictions(&text).expect("evictions");
        assert!(after > before, "{before} → {after}");
    }
);
