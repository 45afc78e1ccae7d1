//! A synthetic stakeholder map for benchmarks, in a crate of its own (`publish = false`) so its
//! generator and `rand` stay out of the server: `cargo run -p coordmap-bench --release -- seed
//! --missions N --seed S` loads it (see `src/main.rs`), and `bench/analysis.rs` runs the
//! criterion benchmarks on it.
//!
//! [`generate`] builds the whole dataset in memory from a seeded ChaCha8 generator, so the same
//! `(missions, seed)` always gives the same rows, ids included (UUID v7 whose timestamps and
//! random bits come from the generator). Proportions per mission follow the target at
//! N=200: about 100 components, 250 posts, 500 reporting lines, 50 forums, 1,000 forum
//! memberships and 25 decision rights with delegation chains, with several years of history
//! (ended lines, memberships, rights, temporary forums, closed missions) and a spread of
//! sensitivities. Missions vary in size around that average; mission `SYN0000` is always open
//! and of average size, so benchmarks have a typical mission to read.
//!
//! [`load`] writes the dataset with multi-row inserts in chunks inside one transaction. It skips
//! the per-row validation of the services (that is what makes it fast), so the generator itself
//! keeps every rule the services enforce: references point at earlier rows, periods nest inside
//! the periods of what they refer to, reporting lines always point at an earlier post (no cycle),
//! forum links form a tree, a seat's periods never overlap, delegations stay within their
//! delegator's period and strength.

mod generate;
mod load;
mod snapshot;
pub mod subscribers;

use std::fmt;

use entity::{
    area_of_responsibility, assignment, cluster, component, decision_area, decision_right, forum,
    forum_link, forum_membership, geographic_area, lead_agency, mandated_task, mission,
    mission_mandate, mission_name, organization, person, post, post_hat, reporting_line,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use generate::{generate, ANCHOR, TYPICAL_MISSION};
pub use load::{load, LoadError};
pub use snapshot::snapshot;

/// Every row of a synthetic dataset, one vector per table, in an order that satisfies the
/// foreign keys when inserted table by table, row by row.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub organizations: Vec<organization::Model>,
    pub geographic_areas: Vec<geographic_area::Model>,
    pub missions: Vec<mission::Model>,
    pub mission_names: Vec<mission_name::Model>,
    pub mission_mandates: Vec<mission_mandate::Model>,
    pub components: Vec<component::Model>,
    pub posts: Vec<post::Model>,
    pub post_hats: Vec<post_hat::Model>,
    pub persons: Vec<person::Model>,
    pub assignments: Vec<assignment::Model>,
    pub reporting_lines: Vec<reporting_line::Model>,
    pub mandated_tasks: Vec<mandated_task::Model>,
    pub clusters: Vec<cluster::Model>,
    pub areas_of_responsibility: Vec<area_of_responsibility::Model>,
    pub lead_agencies: Vec<lead_agency::Model>,
    pub forums: Vec<forum::Model>,
    pub forum_links: Vec<forum_link::Model>,
    pub forum_memberships: Vec<forum_membership::Model>,
    pub decision_areas: Vec<decision_area::Model>,
    pub decision_rights: Vec<decision_right::Model>,
}

/// How many rows each table of a dataset holds, in insertion order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, usize)>);

impl Counts {
    /// The count of one table (0 for an unknown name).
    pub fn of(&self, table: &str) -> usize {
        self.0
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }

    /// Rows in every table.
    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (table, n) in &self.0 {
            writeln!(f, "{table:>24} {n:>9}")?;
        }
        write!(f, "{:>24} {:>9}", "total", self.total())
    }
}

impl Dataset {
    /// Rows per table.
    pub fn counts(&self) -> Counts {
        Counts(vec![
            ("organizations", self.organizations.len()),
            ("geographic_areas", self.geographic_areas.len()),
            ("missions", self.missions.len()),
            ("mission_names", self.mission_names.len()),
            ("mission_mandates", self.mission_mandates.len()),
            ("components", self.components.len()),
            ("posts", self.posts.len()),
            ("post_hats", self.post_hats.len()),
            ("persons", self.persons.len()),
            ("assignments", self.assignments.len()),
            ("reporting_lines", self.reporting_lines.len()),
            ("mandated_tasks", self.mandated_tasks.len()),
            ("clusters", self.clusters.len()),
            (
                "areas_of_responsibility",
                self.areas_of_responsibility.len(),
            ),
            ("lead_agencies", self.lead_agencies.len()),
            ("forums", self.forums.len()),
            ("forum_links", self.forum_links.len()),
            ("forum_memberships", self.forum_memberships.len()),
            ("decision_areas", self.decision_areas.len()),
            ("decision_rights", self.decision_rights.len()),
        ])
    }

    /// SHA-256 (hex) over every row of every table, in order: equal fingerprints mean equal data.
    pub fn fingerprint(&self) -> String {
        fn feed<T: Serialize>(hasher: &mut Sha256, table: &str, rows: &[T]) {
            hasher.update(table.as_bytes());
            for row in rows {
                // Serialising a model (plain strings, ids, dates, enums) cannot fail.
                if let Ok(bytes) = serde_json::to_vec(row) {
                    hasher.update(&bytes);
                }
            }
        }
        let mut h = Sha256::new();
        feed(&mut h, "organizations", &self.organizations);
        feed(&mut h, "geographic_areas", &self.geographic_areas);
        feed(&mut h, "missions", &self.missions);
        feed(&mut h, "mission_names", &self.mission_names);
        feed(&mut h, "mission_mandates", &self.mission_mandates);
        feed(&mut h, "components", &self.components);
        feed(&mut h, "posts", &self.posts);
        feed(&mut h, "post_hats", &self.post_hats);
        feed(&mut h, "persons", &self.persons);
        feed(&mut h, "assignments", &self.assignments);
        feed(&mut h, "reporting_lines", &self.reporting_lines);
        feed(&mut h, "mandated_tasks", &self.mandated_tasks);
        feed(&mut h, "clusters", &self.clusters);
        feed(
            &mut h,
            "areas_of_responsibility",
            &self.areas_of_responsibility,
        );
        feed(&mut h, "lead_agencies", &self.lead_agencies);
        feed(&mut h, "forums", &self.forums);
        feed(&mut h, "forum_links", &self.forum_links);
        feed(&mut h, "forum_memberships", &self.forum_memberships);
        feed(&mut h, "decision_areas", &self.decision_areas);
        feed(&mut h, "decision_rights", &self.decision_rights);
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests;
