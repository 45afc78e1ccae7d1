//! Reporting chains: from a post (or a component) upwards, one kind of line at a time.
//!
//! A chain follows lines of a single kind: a Head of Human Rights with a LINE superior (a DSRSG)
//! and a FUNCTIONAL one (OHCHR) has two chains. Several superiors of the same kind branch into
//! several chains. A chain ends at a post with no superior of its kind, at an organisation (UN HQ,
//! the Security Council) or where bad data closes a cycle; it never loops. Branching on dense
//! data can multiply chains, so the output is bounded and says when it was cut.

use std::collections::HashMap;

use crate::enums::ReportingLineKind;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::snapshot::{rank, LineSource, LineTarget, ReportingLine, Snapshot};
use crate::validity::Validity;

/// At most this many chains are returned for one start (one per kind of line and branch: real
/// posts have one or two superiors of a kind).
pub const MAX_CHAINS: usize = 16;
/// A chain longer than this is cut: a field post reaches the Security Council in fewer (field
/// officer, head of office, section chief, director, DSRSG, SRSG, Under-Secretary-General,
/// Secretary-General, Council).
pub const MAX_CHAIN_STEPS: usize = 12;
/// At most this many steps in all the chains of one answer.
pub const MAX_TOTAL_STEPS: usize = MAX_CHAINS * MAX_CHAIN_STEPS;

/// The chains from one start.
#[derive(Debug, Clone, Serialize)]
pub struct ReportingChains {
    pub start: LineSource,
    /// Ordered by kind (LINE, FUNCTIONAL, COMMAND, COORDINATION), then by the targets of the steps.
    pub chains: Vec<Chain>,
    /// Some chains were left out or cut because of the bounds above.
    pub truncated: bool,
}

/// One path upwards along lines of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    pub kind: ReportingLineKind,
    /// At least one step; each is a line valid on the date asked about.
    pub steps: Vec<ChainStep>,
    pub end: ChainEnd,
}

/// One reporting line taken.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChainStep {
    pub line_id: Uuid,
    pub from: LineSource,
    pub to: LineTarget,
    pub validity: Validity,
}

/// Why a chain stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChainEnd {
    /// The last post has no superior of this kind.
    Top { post: Uuid },
    /// The last line goes to an organisation (UN HQ, the Security Council, OHCHR).
    Organization { organization: Uuid },
    /// The last line goes back to a post already on the chain (bad data).
    Cycle { repeated: Uuid },
    /// The chain was cut at [`MAX_CHAIN_STEPS`].
    Truncated,
}

impl Chain {
    /// The posts the chain passes through above its start, in order.
    pub fn posts(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.steps.iter().filter_map(|s| match s.to {
            LineTarget::Post(p) => Some(p),
            LineTarget::Organization(_) => None,
        })
    }
}

/// The reporting chains from `start` upwards on `as_of`, for the given kinds (all kinds when
/// `kinds` is empty). Kinds for which the start has no superior yield no chain.
pub fn reporting_chains(
    start: LineSource,
    kinds: &[ReportingLineKind],
    as_of: NaiveDate,
    snapshot: &Snapshot,
) -> ReportingChains {
    let index = LineIndex::new(&snapshot.reporting_lines, as_of);
    index.chains(start, kinds)
}

/// The reporting lines valid on one date, grouped by where they start, each group sorted by
/// (kind, target, id) so that chains come out in a stable order. Built once per call and shared
/// by every walk of that call.
pub(crate) struct LineIndex<'a> {
    by_source: HashMap<LineSource, Vec<&'a ReportingLine>>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(lines: &'a [ReportingLine], as_of: NaiveDate) -> Self {
        let mut by_source: HashMap<LineSource, Vec<&'a ReportingLine>> = HashMap::new();
        for line in lines.iter().filter(|l| l.validity.contains(as_of)) {
            by_source.entry(line.from).or_default().push(line);
        }
        for group in by_source.values_mut() {
            group.sort_by_key(|l| (rank::line_kind(l.kind), l.to, l.id));
        }
        Self { by_source }
    }

    /// Lines of `kind` starting at `source`.
    fn lines_from(
        &self,
        source: LineSource,
        kind: ReportingLineKind,
    ) -> impl Iterator<Item = &'a ReportingLine> + '_ {
        self.by_source
            .get(&source)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(move |l| l.kind == kind)
    }

    /// All chains from `start` for `kinds` (all kinds when empty).
    pub(crate) fn chains(&self, start: LineSource, kinds: &[ReportingLineKind]) -> ReportingChains {
        let mut walk = Walk {
            index: self,
            chains: Vec::new(),
            steps_left: MAX_TOTAL_STEPS,
            truncated: false,
        };
        let mut path = Vec::new();
        // Posts already on the path; a chain is at most MAX_CHAIN_STEPS long, so a linear scan
        // beats hashing here.
        let mut on_path = Vec::new();
        if let LineSource::Post(p) = start {
            on_path.push(p);
        }
        for kind in rank::LINE_KINDS {
            if !kinds.is_empty() && !kinds.contains(&kind) {
                continue;
            }
            if walk.truncated {
                break;
            }
            walk.descend(kind, start, &mut path, &mut on_path);
        }
        ReportingChains {
            start,
            chains: walk.chains,
            truncated: walk.truncated,
        }
    }
}

/// Depth-first enumeration of the paths upwards, with the output budget.
struct Walk<'i, 'a> {
    index: &'i LineIndex<'a>,
    chains: Vec<Chain>,
    steps_left: usize,
    truncated: bool,
}

impl Walk<'_, '_> {
    fn descend(
        &mut self,
        kind: ReportingLineKind,
        node: LineSource,
        path: &mut Vec<ChainStep>,
        on_path: &mut Vec<Uuid>,
    ) {
        let mut has_superior = false;
        for line in self.index.lines_from(node, kind) {
            has_superior = true;
            if self.truncated {
                return;
            }
            if path.len() == MAX_CHAIN_STEPS {
                self.emit(kind, path, ChainEnd::Truncated);
                self.truncated = true;
                return;
            }
            path.push(ChainStep {
                line_id: line.id,
                from: line.from,
                to: line.to,
                validity: line.validity,
            });
            match line.to {
                LineTarget::Organization(organization) => {
                    self.emit(kind, path, ChainEnd::Organization { organization })
                }
                LineTarget::Post(repeated) if on_path.contains(&repeated) => {
                    self.emit(kind, path, ChainEnd::Cycle { repeated })
                }
                LineTarget::Post(post) => {
                    on_path.push(post);
                    self.descend(kind, LineSource::Post(post), path, on_path);
                    on_path.pop();
                }
            }
            path.pop();
        }
        // The start itself without a superior yields no chain: there is nothing to show.
        if let (false, LineSource::Post(post), false) = (has_superior, node, path.is_empty()) {
            self.emit(kind, path, ChainEnd::Top { post });
        }
    }

    fn emit(&mut self, kind: ReportingLineKind, path: &[ChainStep], end: ChainEnd) {
        if self.chains.len() == MAX_CHAINS || self.steps_left < path.len() {
            self.truncated = true;
            return;
        }
        self.steps_left -= path.len();
        self.chains.push(Chain {
            kind,
            steps: path.to_vec(),
            end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};
    use proptest::prelude::*;

    fn targets(chain: &Chain) -> Vec<LineTarget> {
        chain.steps.iter().map(|s| s.to).collect()
    }

    #[test]
    fn the_head_of_human_rights_has_a_line_chain_and_a_functional_chain() {
        let snap = fixture::mission();
        let got = reporting_chains(
            LineSource::Post(HEAD_HR),
            &[],
            fixture::day(2012, 1, 1),
            &snap,
        );
        assert!(!got.truncated);
        assert_eq!(got.chains.len(), 2);
        let line = &got.chains[0];
        assert_eq!(line.kind, ReportingLineKind::Line);
        assert_eq!(
            targets(line),
            vec![
                LineTarget::Post(DSRSG_POL),
                LineTarget::Post(SRSG),
                LineTarget::Organization(DPKO)
            ]
        );
        assert_eq!(line.end, ChainEnd::Organization { organization: DPKO });
        let functional = &got.chains[1];
        assert_eq!(functional.kind, ReportingLineKind::Functional);
        assert_eq!(targets(functional), vec![LineTarget::Organization(OHCHR)]);
    }

    #[test]
    fn asking_for_one_kind_gives_only_that_kind() {
        let snap = fixture::mission();
        let got = reporting_chains(
            LineSource::Post(HEAD_HR),
            &[ReportingLineKind::Functional],
            fixture::day(2012, 1, 1),
            &snap,
        );
        assert_eq!(got.chains.len(), 1);
        assert_eq!(got.chains[0].kind, ReportingLineKind::Functional);
    }

    #[test]
    fn a_post_without_superior_has_no_chain_and_the_top_post_ends_chains() {
        let snap = fixture::mission();
        let mut no_org_line = snap.clone();
        no_org_line
            .reporting_lines
            .retain(|l| l.to != LineTarget::Organization(DPKO));
        let as_of = fixture::day(2012, 1, 1);
        assert!(
            reporting_chains(LineSource::Post(SRSG), &[], as_of, &no_org_line)
                .chains
                .is_empty()
        );
        let got = reporting_chains(LineSource::Post(FORCE_COMMANDER), &[], as_of, &no_org_line);
        assert_eq!(got.chains.len(), 1);
        assert_eq!(got.chains[0].end, ChainEnd::Top { post: SRSG });
    }

    #[test]
    fn lines_not_yet_valid_are_not_followed() {
        let snap = fixture::mission();
        // The Head of Civil Affairs reports to the DSRSG/RC/HC from 2010 on only.
        let before = reporting_chains(
            LineSource::Post(HEAD_CA),
            &[ReportingLineKind::Line],
            fixture::day(2009, 6, 1),
            &snap,
        );
        assert!(before.chains.is_empty());
        let after = reporting_chains(
            LineSource::Post(HEAD_CA),
            &[ReportingLineKind::Line],
            fixture::day(2010, 6, 1),
            &snap,
        );
        assert_eq!(after.chains[0].steps[0].to, LineTarget::Post(DSRSG_RC_HC));
    }

    #[test]
    fn two_superiors_of_one_kind_branch_and_a_cycle_is_reported() {
        let a = fixture::id(9001);
        let b = fixture::id(9002);
        let c = fixture::id(9003);
        let mut snap = Snapshot::default();
        let v = fixture::always();
        snap.reporting_lines = vec![
            fixture::line(9101, a, b, ReportingLineKind::Line, v),
            fixture::line(9102, a, c, ReportingLineKind::Line, v),
            fixture::line(9103, b, a, ReportingLineKind::Line, v),
        ];
        let got = reporting_chains(LineSource::Post(a), &[], fixture::day(2012, 1, 1), &snap);
        assert_eq!(got.chains.len(), 2);
        assert_eq!(got.chains[0].end, ChainEnd::Cycle { repeated: a });
        assert_eq!(got.chains[0].steps.len(), 2);
        assert_eq!(got.chains[1].end, ChainEnd::Top { post: c });
    }

    #[test]
    fn a_component_line_starts_a_chain() {
        let snap = fixture::mission();
        let got = reporting_chains(
            LineSource::Component(WOMEN_PROTECTION_UNIT),
            &[],
            fixture::day(2012, 1, 1),
            &snap,
        );
        // The unit has no line of its own; it sits under Human Rights by nesting only.
        assert!(got.chains.is_empty());
        let got = reporting_chains(
            LineSource::Component(CHILD_PROTECTION),
            &[],
            fixture::day(2012, 1, 1),
            &snap,
        );
        assert_eq!(
            got.chains[0].steps[0].from,
            LineSource::Component(CHILD_PROTECTION)
        );
        assert_eq!(got.chains[0].steps[0].to, LineTarget::Post(DSRSG_POL));
    }

    #[test]
    fn a_very_long_chain_is_cut_and_says_so() {
        let mut snap = Snapshot::default();
        let n = (MAX_CHAIN_STEPS + 10) as u128;
        for i in 0..n {
            snap.reporting_lines.push(fixture::line(
                100_000 + i,
                fixture::id(i),
                fixture::id(i + 1),
                ReportingLineKind::Line,
                fixture::always(),
            ));
        }
        let got = reporting_chains(
            LineSource::Post(fixture::id(0)),
            &[],
            fixture::day(2012, 1, 1),
            &snap,
        );
        assert!(got.truncated);
        assert_eq!(got.chains.len(), 1);
        assert_eq!(got.chains[0].steps.len(), MAX_CHAIN_STEPS);
        assert_eq!(got.chains[0].end, ChainEnd::Truncated);
    }

    #[test]
    fn a_dense_lattice_is_bounded() {
        // Every node reports to both nodes of the next layer: 2^20 paths upwards.
        let mut snap = Snapshot::default();
        let mut n = 0;
        for layer in 0..20u128 {
            for i in 0..2u128 {
                for j in 0..2u128 {
                    n += 1;
                    snap.reporting_lines.push(fixture::line(
                        200_000 + n,
                        fixture::id(layer * 2 + i),
                        fixture::id((layer + 1) * 2 + j),
                        ReportingLineKind::Line,
                        fixture::always(),
                    ));
                }
            }
        }
        let got = reporting_chains(
            LineSource::Post(fixture::id(0)),
            &[],
            fixture::day(2012, 1, 1),
            &snap,
        );
        assert!(got.truncated);
        assert!(got.chains.len() <= MAX_CHAINS);
    }

    proptest! {
        /// A straight chain of any length, optionally closed back onto itself, ends where the
        /// data ends: at the top, at the repeated post, or cut at the bound.
        #[test]
        fn long_chains_end_where_the_data_ends(len in 1u128..120, back in proptest::option::of(0u128..120)) {
            let mut snap = Snapshot::default();
            for i in 0..len {
                snap.reporting_lines.push(fixture::line(100_000 + i, fixture::id(i), fixture::id(i + 1), ReportingLineKind::Line, fixture::always()));
            }
            let back = back.filter(|b| *b <= len);
            if let Some(b) = back {
                snap.reporting_lines.push(fixture::line(300_000, fixture::id(len), fixture::id(b), ReportingLineKind::Line, fixture::always()));
            }
            let got = reporting_chains(LineSource::Post(fixture::id(0)), &[], fixture::day(2012, 1, 1), &snap);
            prop_assert_eq!(got.chains.len(), 1);
            let chain = &got.chains[0];
            let steps = len as usize + usize::from(back.is_some());
            if steps > MAX_CHAIN_STEPS {
                prop_assert!(got.truncated);
                prop_assert_eq!(chain.end, ChainEnd::Truncated);
                prop_assert_eq!(chain.steps.len(), MAX_CHAIN_STEPS);
            } else {
                prop_assert!(!got.truncated);
                prop_assert_eq!(chain.steps.len(), steps);
                match back {
                    Some(b) => prop_assert_eq!(chain.end, ChainEnd::Cycle { repeated: fixture::id(b) }),
                    None => prop_assert_eq!(chain.end, ChainEnd::Top { post: fixture::id(len) }),
                }
            }
        }

        /// Random line graphs with cycles, branches and overlapping periods: the walk ends, stays
        /// within its bounds, every step is a real line valid on the date and continues from where
        /// the previous one ended, and only a cycle end repeats a post.
        #[test]
        fn chains_terminate_are_bounded_and_follow_real_valid_lines(
            raw in proptest::collection::vec((0u8..12, 0u8..13, 0u8..4, 0i64..40, proptest::option::of(0i64..40)), 0..80),
            start in 0u8..12,
            day in 0i64..80,
        ) {
            let snap = fixture::random_lines(&raw);
            let as_of = fixture::offset(day);
            let got = reporting_chains(LineSource::Post(fixture::id(start.into())), &[], as_of, &snap);
            prop_assert!(got.chains.len() <= MAX_CHAINS);
            prop_assert!(got.chains.iter().map(|c| c.steps.len()).sum::<usize>() <= MAX_TOTAL_STEPS);
            for chain in &got.chains {
                prop_assert!(!chain.steps.is_empty() && chain.steps.len() <= MAX_CHAIN_STEPS);
                prop_assert_eq!(chain.steps[0].from, LineSource::Post(fixture::id(start.into())));
                for w in chain.steps.windows(2) {
                    prop_assert_eq!(LineSource::Post(match w[0].to { LineTarget::Post(p) => p, LineTarget::Organization(o) => o }), w[1].from);
                }
                for step in &chain.steps {
                    let line = snap.reporting_lines.iter().find(|l| l.id == step.line_id);
                    prop_assert!(line.is_some());
                    let line = line.unwrap();
                    prop_assert!(line.validity.contains(as_of));
                    prop_assert_eq!(line.kind, chain.kind);
                    prop_assert_eq!((line.from, line.to), (step.from, step.to));
                }
                // Only a cycle end may repeat a post, and it repeats one already on the chain.
                let posts: Vec<Uuid> = chain.posts().collect();
                let (body, closing) = match chain.end {
                    ChainEnd::Cycle { repeated } => {
                        let (last, body) = posts.split_last().unwrap();
                        prop_assert_eq!(*last, repeated);
                        (body, Some(repeated))
                    }
                    _ => (&posts[..], None),
                };
                let mut seen: Vec<Uuid> = vec![fixture::id(start.into())];
                for p in body {
                    prop_assert!(!seen.contains(p));
                    seen.push(*p);
                }
                if let Some(repeated) = closing {
                    prop_assert!(seen.contains(&repeated));
                }
                if let ChainEnd::Top { post } = chain.end {
                    prop_assert_eq!(posts.last(), Some(&post));
                    prop_assert!(!snap.reporting_lines.iter().any(|l| l.from == LineSource::Post(post) && l.kind == chain.kind && l.validity.contains(as_of)));
                }
            }
        }
    }
}
