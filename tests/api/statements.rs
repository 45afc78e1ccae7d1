//! The statements a request executes are bounded by the depth of its query, not by the size of
//! its result: every relation goes through a DataLoader with one query per batch.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::Utc;
use entity::enums::{ComponentKind, ReportingLineKind, Sensitivity};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;
use uuid::Uuid;

use crate::fixtures::{date, insert_mission, insert_mission_component, insert_mission_post};
use crate::helpers::{spawn_counting_app, Backend, TestApp};

const NESTED: &str = "{ missions(first: 10) { nodes { acronym components { name posts { title reportingLinesUp { kind toPost { title } } } } } } }";

async fn line(app: &TestApp, from: Uuid, to: Uuid) {
    let now = Utc::now();
    entity::reporting_line::ActiveModel {
        id: Set(Uuid::now_v7()),
        from_post_id: Set(Some(from)),
        from_component_id: Set(None),
        to_post_id: Set(Some(to)),
        to_organization_id: Set(None),
        kind: Set(ReportingLineKind::Line),
        note: Set(None),
        valid_from: Set(date("2000-01-01")),
        valid_to: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(app.db())
    .await
    .unwrap();
}

/// `missions` missions, each with `components` components of `posts` posts; every post reports
/// to the first post of its mission.
async fn build(
    app: &TestApp,
    prefix: &str,
    missions: usize,
    components: usize,
    posts: usize,
) -> usize {
    let mut rows = 0;
    for m in 0..missions {
        let mission =
            insert_mission(app.db(), &format!("{prefix}M{m}"), "Mission", "2000-01-01").await;
        let mut head = None;
        for c in 0..components {
            let component = insert_mission_component(
                app.db(),
                mission.id,
                &format!("C{c}"),
                None,
                ComponentKind::Civilian,
            )
            .await;
            for p in 0..posts {
                let post = insert_mission_post(
                    app.db(),
                    mission.id,
                    Some(component.id),
                    &format!("P{c}.{p}"),
                )
                .await;
                match head {
                    None => head = Some(post.id),
                    Some(top) => line(app, post.id, top).await,
                }
                rows += 2;
            }
            rows += 1;
        }
        rows += 1;
    }
    rows
}

async fn statements_for(app: &TestApp, counter: &Arc<AtomicUsize>) -> usize {
    let before = counter.load(Ordering::SeqCst);
    let body = app.graphql(NESTED, json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
    counter.load(Ordering::SeqCst) - before
}

async fn scenario(backend: Backend) {
    let Some((app, counter)) = spawn_counting_app(backend).await else {
        return;
    };
    build(&app, "S", 1, 1, 2).await;
    let small = statements_for(&app, &counter).await;
    let rows = build(&app, "L", 4, 6, 8).await;
    assert!(rows > 300, "a dataset of hundreds of rows, got {rows}");
    let large = statements_for(&app, &counter).await;
    assert_eq!(
        small, large,
        "statements must not grow with the number of rows"
    );
    // missions + count-free page, components, posts, lines, target posts: one query per level.
    assert!(
        large <= 6,
        "a four-level query runs at most 6 statements, ran {large}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_queries_run_a_bounded_number_of_statements_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_queries_run_a_bounded_number_of_statements_on_postgres() {
    scenario(Backend::Postgres).await;
}
