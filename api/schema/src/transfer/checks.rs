//! Checks across rows, run once a table is loaded: cycles (parent trees, delegations, reporting
//! lines, forum links) and overlapping duplicates (a member sitting twice in a forum at once).
//! They look at every row of the table, imported or already there, and blame the first imported
//! row (in file order) that takes part, so the message points at something the user can fix.
//!
//! Pure: the rows come in as plain values. Cycles are found with
//! [`crate::domain::cycles::cycle_through_new_edge`], the same test the mutations use.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;

use crate::domain::cycles::cycle_through_new_edge;
use crate::domain::validity::Validity;

/// A directed edge holding over a period; `row` is its place in the file when it was imported.
#[derive(Debug, Clone)]
pub struct Edge<N> {
    pub from: N,
    pub to: N,
    pub validity: Validity,
    pub row: Option<u64>,
}

/// A cycle an imported edge closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle<N> {
    /// Index of the imported edge blamed for it.
    pub edge: usize,
    /// The nodes from the edge's source round to it again: `from → to → … → from`.
    pub path: Vec<N>,
    /// The day the edges in force close the loop, when time matters.
    pub on: Option<NaiveDate>,
}

/// Whether the edges, all taken together, contain a cycle.
fn has_any_cycle<N: Copy + Eq + Hash>(edges: &[(N, N)]) -> bool {
    let mut successors: HashMap<N, Vec<N>> = HashMap::new();
    for &(a, b) in edges {
        successors.entry(a).or_default().push(b);
    }
    // Iterative depth-first search with three colours: on the stack = grey.
    let mut done: HashSet<N> = HashSet::new();
    let mut grey: HashSet<N> = HashSet::new();
    for &(start, _) in edges {
        if done.contains(&start) {
            continue;
        }
        let mut stack: Vec<(N, usize)> = vec![(start, 0)];
        grey.insert(start);
        while let Some((node, next)) = stack.last().copied() {
            let children = successors.get(&node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&child) = children.get(next) {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                if grey.contains(&child) {
                    return true;
                }
                if !done.contains(&child) {
                    grey.insert(child);
                    stack.push((child, 0));
                }
            } else {
                grey.remove(&node);
                done.insert(node);
                stack.pop();
            }
        }
    }
    false
}

/// The first imported edge (by row) that closes a cycle with the other edges overlapping its
/// period. With `per_day`, the loop must hold on a single day (reporting lines change over
/// time, and two lines that never hold together make no loop).
pub fn first_cycle<N: Copy + Eq + Hash>(edges: &[Edge<N>], per_day: bool) -> Option<Cycle<N>> {
    let pairs: Vec<(N, N)> = edges.iter().map(|e| (e.from, e.to)).collect();
    if !has_any_cycle(&pairs) {
        return None;
    }
    let mut imported: Vec<(u64, usize)> = edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.row.map(|r| (r, i)))
        .collect();
    imported.sort();
    for (_, i) in imported {
        let edge = &edges[i];
        let others: Vec<&Edge<N>> = edges
            .iter()
            .enumerate()
            .filter(|(j, e)| *j != i && e.validity.overlaps(&edge.validity))
            .map(|(_, e)| e)
            .collect();
        let all: Vec<(N, N)> = others.iter().map(|e| (e.from, e.to)).collect();
        let Some(path) = cycle_through_new_edge(&all, edge.from, edge.to) else {
            continue;
        };
        if !per_day {
            return Some(Cycle {
                edge: i,
                path: round_trip(edge.from, &path),
                on: None,
            });
        }
        // The edges in force change only where one starts or ends, so those days cover all.
        let mut days = BTreeSet::from([edge.validity.from]);
        for other in &others {
            for day in [Some(other.validity.from), other.validity.to]
                .into_iter()
                .flatten()
            {
                if edge.validity.contains(day) {
                    days.insert(day);
                }
            }
        }
        for day in days {
            let in_force: Vec<(N, N)> = others
                .iter()
                .filter(|e| e.validity.contains(day))
                .map(|e| (e.from, e.to))
                .collect();
            if let Some(path) = cycle_through_new_edge(&in_force, edge.from, edge.to) {
                return Some(Cycle {
                    edge: i,
                    path: round_trip(edge.from, &path),
                    on: Some(day),
                });
            }
        }
    }
    None
}

/// `cycle_through_new_edge` gives `to → … → from → to`; told from the edge's source instead.
fn round_trip<N: Copy>(from: N, path: &[N]) -> Vec<N> {
    let mut cycle = vec![from];
    cycle.extend(&path[..path.len().saturating_sub(1)]);
    cycle
}

/// A period of something identified by `key` (a member's seat in a forum, a line between two
/// posts); `row` as in [`Edge`].
#[derive(Debug, Clone)]
pub struct Period<K> {
    pub key: K,
    pub validity: Validity,
    pub row: Option<u64>,
}

/// The first imported period (by row) found sharing at least one day with another period of
/// the same key: `(imported, other)` indices. Each group is swept once in start order, every
/// period compared with the earlier one reaching furthest, so large tables stay linear.
pub fn first_overlap<K: Ord>(periods: &[Period<K>]) -> Option<(usize, usize)> {
    let mut groups: BTreeMap<&K, Vec<usize>> = BTreeMap::new();
    for (i, p) in periods.iter().enumerate() {
        if !p.validity.is_empty() {
            groups.entry(&p.key).or_default().push(i);
        }
    }
    let mut best: Option<(u64, usize, usize)> = None;
    for members in groups.values_mut() {
        if members.len() < 2 || !members.iter().any(|&i| periods[i].row.is_some()) {
            continue;
        }
        members.sort_by_key(|&i| (periods[i].validity.from, i));
        // The earlier period whose end is furthest (none = open-ended).
        let mut reach: Option<usize> = None;
        for &i in members.iter() {
            if let Some(j) = reach {
                if periods[i].validity.overlaps(&periods[j].validity) {
                    // Of two imported rows the later one is the duplicate; a row already in
                    // the database is never to blame.
                    let blamed = match (periods[i].row, periods[j].row) {
                        (None, None) => None,
                        (Some(_), None) => Some((i, j)),
                        (None, Some(_)) => Some((j, i)),
                        (Some(x), Some(y)) if x >= y => Some((i, j)),
                        (Some(_), Some(_)) => Some((j, i)),
                    };
                    if let Some((b, o)) = blamed {
                        let row = periods[b].row.unwrap_or(u64::MAX);
                        if best.is_none_or(|(r, _, _)| row < r) {
                            best = Some((row, b, o));
                        }
                    }
                }
                let further = match (periods[i].validity.to, periods[j].validity.to) {
                    (_, None) => false,
                    (None, Some(_)) => true,
                    (Some(a), Some(b)) => a > b,
                };
                if further {
                    reach = Some(i);
                }
            } else {
                reach = Some(i);
            }
        }
    }
    best.map(|(_, i, j)| (i, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap()
    }

    fn edge(from: u8, to: u8, years: (i32, Option<i32>), row: Option<u64>) -> Edge<u8> {
        Edge {
            from,
            to,
            validity: Validity::new(d(years.0), years.1.map(d)),
            row,
        }
    }

    #[test]
    fn no_cycle_no_blame() {
        let edges = [
            edge(1, 2, (2010, None), Some(3)),
            edge(2, 3, (2010, None), None),
        ];
        assert_eq!(first_cycle(&edges, true), None);
    }

    #[test]
    fn the_first_imported_edge_on_the_loop_is_blamed() {
        let edges = [
            edge(1, 2, (2010, None), None),
            edge(2, 3, (2010, None), Some(9)),
            edge(3, 1, (2010, None), Some(4)),
        ];
        let cycle = first_cycle(&edges, false).unwrap();
        assert_eq!(cycle.edge, 2);
        assert_eq!(cycle.path, vec![3, 1, 2, 3]);
    }

    #[test]
    fn lines_that_never_hold_together_make_no_loop() {
        let edges = [
            edge(1, 2, (2010, Some(2012)), None),
            edge(2, 1, (2012, None), Some(2)),
        ];
        assert_eq!(first_cycle(&edges, true), None);
        let edges = [
            edge(1, 2, (2010, Some(2013)), None),
            edge(2, 1, (2012, None), Some(2)),
        ];
        assert_eq!(first_cycle(&edges, true).unwrap().on, Some(d(2012)));
    }

    #[test]
    fn overlaps_are_found_within_a_key_only() {
        let p = |key: &'static str, from: i32, to: Option<i32>, row: Option<u64>| Period {
            key,
            validity: Validity::new(d(from), to.map(d)),
            row,
        };
        let periods = [
            p("icrc@pc", 2009, None, None),
            p("icrc@smg", 2009, None, Some(2)),
            p("icrc@pc", 2012, None, Some(5)),
            p("unhcr@pc", 2009, Some(2011), Some(3)),
            p("unhcr@pc", 2011, None, Some(4)),
        ];
        assert_eq!(first_overlap(&periods), Some((2, 0)));
        assert_eq!(first_overlap(&periods[3..]), None);
        let twice = [p("x", 2009, None, Some(7)), p("x", 2010, None, Some(8))];
        assert_eq!(
            first_overlap(&twice),
            Some((1, 0)),
            "blamed on the later row"
        );
    }
}
