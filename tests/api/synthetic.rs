//! The synthetic dataset: it loads on both backends (foreign keys and checks hold), the API
//! answers the benchmark's queries over it with what was generated (the `coordmap-bench seed`
//! command is tested in `bench/tests/seed.rs`).

use std::process::Command;

use chrono::NaiveDate;
use coordmap_bench::{self as synthetic, TYPICAL_MISSION};
use serde_json::json;

use crate::both_backends;

const DASHBOARD: &str = include_str!("../../bench/queries/dashboard.graphql");
const MISSIONS_PAGE: &str = include_str!("../../bench/queries/missions_page.graphql");
const MEMBERSHIP_HISTORY: &str = include_str!("../../bench/queries/membership_history.graphql");

fn current(from: NaiveDate, to: Option<NaiveDate>, today: NaiveDate) -> bool {
    from <= today && to.is_none_or(|to| today < to)
}

both_backends!(
    a_synthetic_dataset_loads_and_the_benchmark_queries_read_it_back,
    |app| async move {
        let data = synthetic::generate(2, 11);
        synthetic::load(app.db(), &data, |_, _, _| {})
            .await
            .expect("the dataset loads");

        // The page of missions counts both.
        let page = app.data(MISSIONS_PAGE, json!({})).await;
        assert_eq!(page["missions"]["totalCount"], 2);
        assert_eq!(page["missions"]["edges"].as_array().unwrap().len(), 2);

        // The dashboard shows today's structure and forums of the typical mission, each post
        // with its lines up and each forum with its seats, exactly as generated.
        let today = chrono::Utc::now().date_naive();
        let mission = data
            .missions
            .iter()
            .find(|m| m.acronym == TYPICAL_MISSION)
            .unwrap();
        let components: Vec<_> = data
            .components
            .iter()
            .filter(|c| c.mission_id == mission.id && current(c.valid_from, c.valid_to, today))
            .collect();
        let forums: Vec<_> = data
            .forums
            .iter()
            .filter(|f| {
                f.mission_id == Some(mission.id) && current(f.valid_from, f.valid_to, today)
            })
            .collect();
        let seats = data
            .forum_memberships
            .iter()
            .filter(|m| {
                forums.iter().any(|f| f.id == m.forum_id)
                    && current(m.valid_from, m.valid_to, today)
            })
            .count();
        let posts: Vec<_> = data
            .posts
            .iter()
            .filter(|p| {
                p.mission_id == Some(mission.id) && current(p.valid_from, p.valid_to, today)
            })
            .collect();
        let lines = data
            .reporting_lines
            .iter()
            .filter(|l| {
                l.from_post_id
                    .is_some_and(|p| posts.iter().any(|x| x.id == p))
                    && current(l.valid_from, l.valid_to, today)
            })
            .count();

        let body = app
            .data(DASHBOARD, json!({ "acronym": TYPICAL_MISSION }))
            .await;
        let m = &body["mission"];
        let got_components = m["components"].as_array().unwrap();
        assert_eq!(got_components.len(), components.len());
        let got_posts: Vec<&serde_json::Value> = got_components
            .iter()
            .flat_map(|c| c["posts"].as_array().unwrap())
            .collect();
        assert_eq!(got_posts.len(), posts.len());
        let got_lines: usize = got_posts
            .iter()
            .map(|p| p["reportingLinesUp"].as_array().unwrap().len())
            .sum();
        assert_eq!(got_lines, lines);
        let got_forums = m["forums"].as_array().unwrap();
        assert_eq!(got_forums.len(), forums.len());
        let got_seats: usize = got_forums
            .iter()
            .map(|f| f["memberships"].as_array().unwrap().len())
            .sum();
        assert_eq!(got_seats, seats);
        assert!(got_components.len() > 50 && got_seats > 300, "{m:#}");

        // The membership history of an NGO over five years: every event lies in the window.
        let nrc = app
            .data(r#"{ organization(code: "NRC") { id } }"#, json!({}))
            .await["organization"]["id"]
            .clone();
        let history = app
            .data(
                MEMBERSHIP_HISTORY,
                json!({ "organization": nrc, "from": "2021-01-01", "to": "2025-12-31" }),
            )
            .await;
        let events = history["forumMembershipHistory"].as_array().unwrap();
        assert!(!events.is_empty());
        assert!(events.iter().all(|e| {
            let date = e["date"].as_str().unwrap();
            ("2021-01-01"..="2025-12-31").contains(&date)
        }));
    }
);

/// The server's binary no longer carries the generator; `coordmap seed` says where it went.
/// (`coordmap-bench seed` itself is tested in `bench/tests/seed.rs`.)
#[test]
fn seed_without_demo_points_to_the_bench_crate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let nothing = Command::new(env!("CARGO_BIN_EXE_coordmap"))
        .args(["--database-url", &url, "seed"])
        .env("RUST_LOG", "off")
        .output()
        .expect("run coordmap");
    assert!(!nothing.status.success());
    assert_eq!(
        String::from_utf8_lossy(&nothing.stderr).trim(),
        "error: nothing to seed: pass --demo (the synthetic dataset of the benchmarks is seeded by \
         `cargo run -p coordmap-bench --release -- seed`)"
    );
}

/// Statements the server sent for each dashboard of a mission, on SQLite.
async fn dashboard_statements(acronyms: &[&str]) -> Vec<(usize, usize)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use coordmap_api::config::{Secret, ServeSettings};
    use coordmap_api::startup::Application;

    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    let mut db = coordmap_api::db::connect(&coordmap_api::config::DatabaseSettings::new(url))
        .await
        .expect("connect");
    coordmap_api::db::migrate_up(&db).await.expect("migrate");
    let data = synthetic::generate(2, 11);
    synthetic::load(&db, &data, |_, _, _| {})
        .await
        .expect("load");
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    // Reads only: an administrator's confidential reads are written to the read log by a
    // writer of its own, in batches that may fall inside a request or the next one.
    db.set_metric_callback(move |info| {
        if coordmap_api::metrics::statement_kind(&info.statement.sql) == "SELECT" {
            counter.fetch_add(1, Ordering::SeqCst);
        }
        if std::env::var_os("SHOW_SQL").is_some() {
            eprintln!("SQL {}", info.statement.sql);
        }
    });
    let mut settings = ServeSettings::on("127.0.0.1:0".parse().expect("loopback"));
    settings.workers = Some(2);
    settings.auth.jwt_secret = Some(Secret(crate::helpers::JWT_SECRET.into()));
    settings.traffic.rate_limit_per_minute = 0;
    // What is counted is the execution of the query, not an answer served from the cache.
    settings.traffic.response_cache_mb = 0;
    let app = Application::build_with(db, &settings).expect("server");
    let address = format!("http://127.0.0.1:{}/graphql", app.port());
    tokio::spawn(app.run_until_stopped());
    let token = format!(
        "Bearer {}",
        crate::helpers::user_token("admin", "ADMIN", &[], &[])
    );
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for acronym in acronyms {
        let before = statements.load(Ordering::SeqCst);
        let body: serde_json::Value = client
            .post(&address)
            .header("Authorization", &token)
            .json(&json!({ "query": DASHBOARD, "variables": { "acronym": acronym } }))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("JSON");
        assert!(body.get("errors").is_none(), "{body:#}");
        let m = &body["data"]["mission"];
        let nodes = m["components"].as_array().unwrap().len()
            + m["components"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["posts"].as_array().unwrap().len())
                .sum::<usize>()
            + m["forums"].as_array().unwrap().len();
        out.push((nodes, statements.load(Ordering::SeqCst) - before));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dashboard_sends_as_many_statements_for_a_small_mission_as_for_a_large_one() {
    let runs = dashboard_statements(&["SYN0000", "SYN0001", "SYN0000"]).await;
    assert_ne!(
        runs[0].0, runs[1].0,
        "the two missions differ in size: {runs:?}"
    );
    // The query has 12 relation fields (mission, components, parent, posts, lines up, their
    // target post and organisation, forums, memberships and the three kinds of member): one
    // statement each. A DataLoader batch can split when keys arrive a moment apart, so allow
    // twice that; a statement per row would be hundreds.
    for (nodes, statements) in &runs {
        assert!(*nodes > 300, "{runs:?}");
        assert!(*statements <= 24, "{runs:?}");
    }
}
