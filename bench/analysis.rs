//! Criterion benchmarks of the pure analysis functions on synthetic shapes built in memory:
//! reporting chains, decision resolution (`who_decides`) and graph building, on the typical
//! mission of a dataset and on the whole dataset. Run with `cargo bench -p coordmap-bench`;
//! see docs/BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use coordmap_bench::{generate, snapshot, TYPICAL_MISSION};
use coordmap_domain::analysis::{
    graph::ALL_EDGE_KINDS, reporting_chains, stakeholder_graph, who_decides, LineSource, Snapshot,
};
use criterion::{criterion_group, criterion_main, Criterion};
use uuid::Uuid;

/// Missions of the whole-dataset shape: large enough that indexes matter, small enough to
/// build in a second.
const MISSIONS: u32 = 40;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default()
}

struct Shapes {
    mission: Snapshot,
    mission_id: Uuid,
    all: Snapshot,
    deepest_post: Uuid,
}

fn shapes() -> Shapes {
    let data = generate(MISSIONS, 1);
    let mission = snapshot(&data, Some(TYPICAL_MISSION));
    let mission_id = mission.missions[0].id;
    // The last staff post of a field unit: the longest chain of the mission.
    let deepest_post = mission
        .posts
        .iter()
        .rfind(|p| {
            p.mission_id == Some(mission_id) && p.validity.contains(as_of()) && !p.is_component_head
        })
        .map(|p| p.id)
        .unwrap_or_default();
    Shapes {
        all: snapshot(&data, None),
        mission,
        mission_id,
        deepest_post,
    }
}

fn analysis(c: &mut Criterion) {
    let s = shapes();
    let day = as_of();

    let mut chains = c.benchmark_group("reporting_chains");
    chains.bench_function("typical mission, field post, every kind", |b| {
        b.iter(|| {
            reporting_chains(
                LineSource::Post(black_box(s.deepest_post)),
                &[],
                day,
                &s.mission,
            )
        })
    });
    chains.bench_function("whole dataset, field post, every kind", |b| {
        b.iter(|| {
            reporting_chains(
                LineSource::Post(black_box(s.deepest_post)),
                &[],
                day,
                &s.all,
            )
        })
    });
    chains.finish();

    let mut decides = c.benchmark_group("who_decides");
    for area in ["USE_OF_FORCE", "POC_STRATEGY", "EARLY_WARNING_RESPONSE"] {
        decides.bench_function(format!("typical mission, {area}"), |b| {
            b.iter(|| who_decides(black_box(area), s.mission_id, day, &s.mission))
        });
    }
    decides.bench_function("whole dataset, USE_OF_FORCE", |b| {
        b.iter(|| who_decides(black_box("USE_OF_FORCE"), s.mission_id, day, &s.all))
    });
    decides.finish();

    let mut graph = c.benchmark_group("stakeholder_graph");
    graph.sample_size(20);
    graph.bench_function("typical mission, every edge kind", |b| {
        b.iter(|| stakeholder_graph(black_box(day), &ALL_EDGE_KINDS, &s.mission))
    });
    graph.bench_function("whole dataset, every edge kind (bounded)", |b| {
        b.iter(|| stakeholder_graph(black_box(day), &ALL_EDGE_KINDS, &s.all))
    });
    graph.bench_function("typical mission, rendered as DOT", |b| {
        b.iter(|| stakeholder_graph(black_box(day), &ALL_EDGE_KINDS, &s.mission).to_dot())
    });
    graph.finish();

    let mut build = c.benchmark_group("snapshot");
    build.sample_size(10);
    let data = generate(MISSIONS, 1);
    build.bench_function("typical mission from the dataset", |b| {
        b.iter(|| snapshot(black_box(&data), Some(TYPICAL_MISSION)))
    });
    build.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
