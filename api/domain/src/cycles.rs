//! Cycle detection for parent/child structures (component trees, reporting lines of one kind,
//! forum reporting and subgroups).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Would adding the edge `from → to` close a cycle in the directed graph `edges`?
///
/// Returns the cycle as the path `to → … → from → to` when it would, so the error can name it.
/// Walks breadth-first from `to` looking for `from`; every node is visited once, so bad data
/// that already contains cycles cannot make it loop.
pub fn cycle_through_new_edge<N>(edges: &[(N, N)], from: N, to: N) -> Option<Vec<N>>
where
    N: Copy + Eq + Hash,
{
    if from == to {
        return Some(vec![from, to]);
    }
    let mut successors: HashMap<N, Vec<N>> = HashMap::new();
    for &(a, b) in edges {
        successors.entry(a).or_default().push(b);
    }
    let mut came_from: HashMap<N, N> = HashMap::new();
    let mut seen: HashSet<N> = HashSet::from([to]);
    let mut queue = std::collections::VecDeque::from([to]);
    while let Some(node) = queue.pop_front() {
        if node == from {
            let mut path = vec![from];
            let mut cur = from;
            while let Some(&prev) = came_from.get(&cur) {
                path.push(prev);
                cur = prev;
            }
            path.reverse();
            path.push(to);
            return Some(path);
        }
        for &next in successors.get(&node).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_self_loop_is_a_cycle() {
        assert_eq!(cycle_through_new_edge::<u8>(&[], 1, 1), Some(vec![1, 1]));
    }

    #[test]
    fn closing_a_chain_names_the_whole_cycle() {
        let edges = [(1, 2), (2, 3)];
        assert_eq!(cycle_through_new_edge(&edges, 3, 1), Some(vec![1, 2, 3, 1]));
        assert_eq!(cycle_through_new_edge(&edges, 1, 3), None);
    }

    #[test]
    fn existing_cycles_in_bad_data_do_not_loop() {
        let edges = [(1, 2), (2, 1), (3, 4)];
        assert_eq!(cycle_through_new_edge(&edges, 4, 1), None);
        assert!(cycle_through_new_edge(&edges, 2, 3).is_none());
    }

    proptest! {
        /// Edges that always point from a lower to a higher number form no cycle; adding one
        /// from higher to lower closes one exactly when the lower reaches the higher.
        #[test]
        fn agrees_with_reachability(raw in proptest::collection::vec((0u8..30, 0u8..30), 0..80), a in 0u8..30, b in 0u8..30) {
            let edges: Vec<(u8, u8)> = raw.into_iter().filter(|(x, y)| x < y).collect();
            let (low, high) = (a.min(b), a.max(b));
            prop_assume!(low != high);
            let reach = reachable(&edges, low, high);
            let found = cycle_through_new_edge(&edges, high, low);
            prop_assert_eq!(found.is_some(), reach);
            if let Some(path) = found {
                prop_assert_eq!(path.first(), Some(&low));
                prop_assert_eq!(path.last(), Some(&low));
                for w in path.windows(2).take(path.len() - 2) {
                    prop_assert!(edges.contains(&(w[0], w[1])));
                }
            }
        }
    }

    fn reachable(edges: &[(u8, u8)], from: u8, to: u8) -> bool {
        let mut stack = vec![from];
        let mut seen = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(edges.iter().filter(|(a, _)| *a == n).map(|(_, b)| *b));
            }
        }
        false
    }
}
