//! What the process is doing, in the Prometheus text format at `/metrics`.
//!
//! Code records through the `metrics` facade (as it logs through `tracing`): HTTP requests by
//! route and status, GraphQL operations by name and outcome with their latency and cost, the
//! response cache's hits and misses, rate-limit refusals. Gauges that describe a state (the
//! connection pool, the response cache's size) are read when `/metrics` is scraped. The
//! recorder is the process's, installed once; every series is per process, so a deployment of
//! several replicas is summed by the scraper, and nothing here is state a replica depends on.
//!
//! Labels stay bounded: routes are the registered patterns; operation names are the first
//! [`MAX_OPERATION_NAMES`] a process sees (well-behaved clients name a handful), and any other
//! name counts under `other` — a client sending a new name with every request cannot grow the
//! series. Outcomes are error codes (a closed list) or `OK`.
//!
//! `/metrics` (`crate::observe`) is served only when `COORDMAP_METRICS_TOKEN` is set, to callers
//! that send it as a bearer token: operation names and volumes are not for every caller of the
//! API.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// Distinct operation names a process labels series with; any other counts under `other`.
pub const MAX_OPERATION_NAMES: usize = 200;

/// The label of operations without a name.
pub const ANONYMOUS_OPERATION: &str = "anonymous";

/// The label of names beyond [`MAX_OPERATION_NAMES`].
pub const OTHER_OPERATION: &str = "other";

/// Bounds of the latency histograms, in seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Bounds of the query cost histogram.
const COST_BUCKETS: &[f64] = &[
    10.0, 50.0, 100.0, 500.0, 1_000.0, 5_000.0, 10_000.0, 50_000.0, 250_000.0,
];

/// The process's recorder, installed on first use.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Suffix("_seconds".into()),
                LATENCY_BUCKETS,
            )
            .and_then(|b| {
                b.set_buckets_for_metric(
                    metrics_exporter_prometheus::Matcher::Full("coordmap_graphql_cost".into()),
                    COST_BUCKETS,
                )
            })
            .expect("the buckets are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder installed first (a test harness, an embedding program) keeps its
        // place; this one then renders what it was given, which is nothing.
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("a metrics recorder was already installed; /metrics will be empty");
        }
        describe();
        handle
    })
}

fn describe() {
    metrics::describe_counter!(
        "coordmap_http_requests_total",
        "HTTP requests answered, by route and status"
    );
    metrics::describe_histogram!(
        "coordmap_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "Time to answer an HTTP request (to its first byte for a streamed download), by route"
    );
    metrics::describe_counter!(
        "coordmap_graphql_operations_total",
        "GraphQL operations, by operation name and outcome (an error code, or OK)"
    );
    metrics::describe_histogram!(
        "coordmap_graphql_operation_duration_seconds",
        metrics::Unit::Seconds,
        "Time from parsing a GraphQL operation to its answer, by operation name"
    );
    metrics::describe_histogram!(
        "coordmap_graphql_cost",
        "Declared cost of each GraphQL operation that was measured"
    );
    metrics::describe_counter!(
        "coordmap_response_cache_total",
        "Read-only queries looked up in the response cache, by outcome (hit, miss)"
    );
    metrics::describe_counter!(
        "coordmap_rate_limited_total",
        "Requests refused because the caller's allowance was spent"
    );
    metrics::describe_gauge!(
        "coordmap_db_pool_connections",
        "Database connections of the process's pool, by state (idle, in_use)"
    );
    metrics::describe_gauge!(
        "coordmap_response_cache_bytes",
        "Bytes the response cache holds"
    );
    metrics::describe_gauge!("coordmap_build_info", "The running version (value 1)");
}

/// Installs the recorder, so series are kept from the first request on.
pub fn install() {
    handle();
}

/// The operation names a process has labelled series with.
fn names() -> &'static Mutex<HashSet<String>> {
    static NAMES: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    NAMES.get_or_init(|| Mutex::new(HashSet::new()))
}

/// The label for an operation named `name`: the name, `anonymous`, or `other` once the process
/// has seen [`MAX_OPERATION_NAMES`] others.
pub fn operation_label(name: Option<&str>) -> String {
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return ANONYMOUS_OPERATION.to_owned();
    };
    let mut seen = names().lock().unwrap_or_else(|p| p.into_inner());
    if seen.contains(name) {
        return name.to_owned();
    }
    if seen.len() < MAX_OPERATION_NAMES {
        seen.insert(name.to_owned());
        return name.to_owned();
    }
    OTHER_OPERATION.to_owned()
}

/// One GraphQL operation answered: its name, outcome (`OK` or the first error's code), how
/// long it took and, when it was measured, its declared cost.
pub fn operation(name: Option<&str>, outcome: &str, elapsed: Duration, cost: Option<u64>) {
    let name = operation_label(name);
    metrics::counter!("coordmap_graphql_operations_total", "operation" => name.clone(), "outcome" => outcome.to_owned())
        .increment(1);
    metrics::histogram!("coordmap_graphql_operation_duration_seconds", "operation" => name)
        .record(elapsed.as_secs_f64());
    if let Some(cost) = cost {
        metrics::histogram!("coordmap_graphql_cost").record(cost as f64);
    }
}

/// One HTTP request answered.
pub fn http_request(route: &str, status: u16, elapsed: Duration) {
    metrics::counter!("coordmap_http_requests_total", "route" => route.to_owned(), "status" => status.to_string())
        .increment(1);
    metrics::histogram!("coordmap_http_request_duration_seconds", "route" => route.to_owned())
        .record(elapsed.as_secs_f64());
}

/// A read-only query looked up in the response cache.
pub fn cache_lookup(hit: bool) {
    let outcome = if hit { "hit" } else { "miss" };
    metrics::counter!("coordmap_response_cache_total", "outcome" => outcome).increment(1);
}

/// A request refused because its caller's allowance was spent.
pub fn rate_limited() {
    metrics::counter!("coordmap_rate_limited_total").increment(1);
}

/// The text of every series, as Prometheus scrapes it.
pub fn render() -> String {
    handle().render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_bounded() {
        assert_eq!(operation_label(None), ANONYMOUS_OPERATION);
        assert_eq!(operation_label(Some("")), ANONYMOUS_OPERATION);
        let first = operation_label(Some("Dashboard"));
        assert_eq!(first, "Dashboard");
        for n in 0..(2 * MAX_OPERATION_NAMES) {
            let label = operation_label(Some(&format!("Generated{n}")));
            assert!(label == format!("Generated{n}") || label == OTHER_OPERATION);
        }
        let seen = names().lock().unwrap().len();
        assert_eq!(seen, MAX_OPERATION_NAMES);
        // A name seen before the bound keeps its label.
        assert_eq!(operation_label(Some("Dashboard")), "Dashboard");
        assert_eq!(operation_label(Some("Unseen")), OTHER_OPERATION);
    }
}
