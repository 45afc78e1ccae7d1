//! The series of GraphQL operations, recorded through the `metrics` facade (the server's
//! recorder renders them at `/metrics`): by operation name and outcome, with latency and cost,
//! and the refusals over budget by caller role.
//!
//! Labels stay bounded: operation names are the first [`MAX_OPERATION_NAMES`] a process sees
//! (well-behaved clients name a handful), and any other name counts under `other` — a client
//! sending a new name with every request cannot grow the series. Outcomes are error codes (a
//! closed list) or `OK`.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// Distinct operation names a process labels series with; any other counts under `other`.
pub const MAX_OPERATION_NAMES: usize = 200;

/// The label of operations without a name.
pub const ANONYMOUS_OPERATION: &str = "anonymous";

/// The label of names beyond [`MAX_OPERATION_NAMES`].
pub const OTHER_OPERATION: &str = "other";

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

/// An operation refused as over the budget of its caller, whose role (a closed list) labels it.
pub fn budget_refused(role: &str) {
    metrics::counter!("coordmap_graphql_budget_refusals_total", "role" => role.to_owned())
        .increment(1);
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
        let seen = names().lock().expect("names").len();
        assert_eq!(seen, MAX_OPERATION_NAMES);
        // A name seen before the bound keeps its label.
        assert_eq!(operation_label(Some("Dashboard")), "Dashboard");
        assert_eq!(operation_label(Some("Unseen")), OTHER_OPERATION);
    }
}
