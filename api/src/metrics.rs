//! What the process is doing, in the Prometheus text format at `/metrics`.
//!
//! Code records through the `metrics` facade (as it logs through `tracing`): HTTP requests by
//! route and status, GraphQL operations by name and outcome with their latency and cost, budget
//! refusals by caller role, the response cache's hits, misses and evictions, rate-limit
//! refusals, SQL statements by kind with their latency. Series that describe a state (the
//! connection pool, the response cache's size, the queues of the read log and the version
//! reader) are read when `/metrics` is scraped. The
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
//! API. Without the token the server installs no recorder, so recording costs nothing.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

/// GraphQL operations are recorded by the schema, which labels them (bounded) itself.
pub use crate::graphql::operation_metrics::{
    budget_refused, operation, operation_label, ANONYMOUS_OPERATION, MAX_OPERATION_NAMES,
    OTHER_OPERATION,
};

/// Bounds of the latency histograms, in seconds.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Bounds of the query cost histogram.
const COST_BUCKETS: &[f64] = &[
    10.0, 50.0, 100.0, 500.0, 1_000.0, 5_000.0, 10_000.0, 50_000.0, 250_000.0,
];

/// How often the samples recorded into histograms are folded into their buckets. The recorder
/// keeps each sample until then (or until a scrape renders them), so without this a server that
/// nobody scrapes would grow by a few bytes per request for as long as it runs.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The process's recorder, installed on first use, with the thread that keeps its memory bounded.
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
        let upkeep = handle.clone();
        let started = std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || loop {
                std::thread::sleep(UPKEEP_EVERY);
                upkeep.run_upkeep();
            });
        if let Err(err) = started {
            tracing::warn!(%err, "cannot start the metrics upkeep; histograms are folded only when /metrics is scraped");
        }
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
    metrics::describe_counter!(
        "coordmap_graphql_budget_refusals_total",
        "GraphQL operations refused as over the caller's budget (QUERY_TOO_COMPLEX), by caller role"
    );
    metrics::describe_counter!(
        "coordmap_response_cache_evictions_total",
        "Answers evicted from the response cache to make room for others"
    );
    metrics::describe_counter!(
        "coordmap_db_statements_total",
        "SQL statements executed, by kind (SELECT, INSERT, UPDATE, DELETE, other)"
    );
    metrics::describe_histogram!(
        "coordmap_db_statement_duration_seconds",
        metrics::Unit::Seconds,
        "Time to execute an SQL statement (waiting for a pooled connection included), by kind"
    );
    metrics::describe_gauge!(
        "coordmap_queue_depth",
        "Requests waiting on a shared worker, by queue (read_log: confidential reads to write; \
         version_reader: reads of the version of the map)"
    );
    metrics::describe_gauge!(
        "coordmap_subscriptions",
        "Subscriptions open over WebSocket, by how they are served (feed: through a stream \
         shared with subscribers asking the same; alone: on a stream of their own, after \
         falling behind their feed)"
    );
    metrics::describe_gauge!(
        "coordmap_subscription_feeds",
        "Streams of the change feed running for subscriptions: one per query, variables and \
         sight asked at once (subscribers asking the same share one)"
    );
    metrics::describe_gauge!("coordmap_build_info", "The running version (value 1)");
}

/// Installs the recorder, so series are kept from the first request on.
pub fn install() {
    handle();
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

/// An answer evicted from the response cache to make room for another.
pub fn cache_evicted() {
    metrics::counter!("coordmap_response_cache_evictions_total").increment(1);
}

/// A request refused because its caller's allowance was spent.
pub fn rate_limited() {
    metrics::counter!("coordmap_rate_limited_total").increment(1);
}

/// The kind of an SQL statement, its only label: its first keyword when that is SELECT, INSERT,
/// UPDATE or DELETE, otherwise `other` (never the text, which would make a series per query).
pub fn statement_kind(sql: &str) -> &'static str {
    let keyword = sql
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    ["SELECT", "INSERT", "UPDATE", "DELETE"]
        .into_iter()
        .find(|kind| keyword.eq_ignore_ascii_case(kind))
        .unwrap_or("other")
}

/// One SQL statement executed (the database connection's callback, `crate::db`).
pub fn statement(sql: &str, elapsed: Duration) {
    let kind = statement_kind(sql);
    metrics::counter!("coordmap_db_statements_total", "kind" => kind).increment(1);
    metrics::histogram!("coordmap_db_statement_duration_seconds", "kind" => kind)
        .record(elapsed.as_secs_f64());
}

/// The text of every series, as Prometheus scrapes it.
pub fn render() -> String {
    handle().render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_labelled_by_kind_never_by_text() {
        for (sql, kind) in [
            ("SELECT \"missions\".\"id\" FROM \"missions\"", "SELECT"),
            ("  select 1", "SELECT"),
            ("INSERT INTO audit_log VALUES ($1)", "INSERT"),
            ("update data_version SET version = version + 1", "UPDATE"),
            ("DELETE FROM api_tokens WHERE id = ?", "DELETE"),
            ("WITH x AS (SELECT 1) SELECT * FROM x", "other"),
            ("BEGIN", "other"),
            ("", "other"),
            ("SELECTED", "other"),
        ] {
            assert_eq!(statement_kind(sql), kind, "{sql}");
        }
    }
}
