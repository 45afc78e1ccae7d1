//! Delegation of decision rights: what a delegation may be, and which delegations end when the
//! right they hang from ends.
//!
//! Kinds of right are ordered by strength, strongest first:
//!
//! `DECIDES > APPROVES > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED`
//!
//! Deciding carries the accountability; approving and endorsing are sign-offs on a decision taken
//! by another (approval binds, endorsement supports); recommending shapes the decision; executing
//! carries it out without shaping it; being consulted gives a voice but no part in the outcome;
//! being informed gives neither. A holder can hand on only what it has: a delegation is never
//! stronger than the right it comes from.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;

use crate::enums::RightKind;
use chrono::NaiveDate;

use super::validity::Validity;

/// Every kind of right, strongest first.
pub const STRENGTH_ORDER: [RightKind; 7] = [
    RightKind::Decides,
    RightKind::Approves,
    RightKind::Endorses,
    RightKind::Recommends,
    RightKind::Executes,
    RightKind::Consulted,
    RightKind::Informed,
];

/// The strength of a kind of right: higher is stronger.
pub fn strength(kind: RightKind) -> u8 {
    match kind {
        RightKind::Decides => 7,
        RightKind::Approves => 6,
        RightKind::Endorses => 5,
        RightKind::Recommends => 4,
        RightKind::Executes => 3,
        RightKind::Consulted => 2,
        RightKind::Informed => 1,
    }
}

/// The kind as clients write it (`DECIDES`).
pub fn kind_name(kind: RightKind) -> &'static str {
    match kind {
        RightKind::Decides => "DECIDES",
        RightKind::Approves => "APPROVES",
        RightKind::Endorses => "ENDORSES",
        RightKind::Recommends => "RECOMMENDS",
        RightKind::Executes => "EXECUTES",
        RightKind::Consulted => "CONSULTED",
        RightKind::Informed => "INFORMED",
    }
}

fn order_text() -> String {
    STRENGTH_ORDER
        .iter()
        .map(|k| kind_name(*k))
        .collect::<Vec<_>>()
        .join(" > ")
}

/// The right being delegated, as the rules need it.
#[derive(Debug, Clone)]
pub struct Delegator<'a> {
    /// How messages name the holder, e.g. `Head of Mission`.
    pub holder: &'a str,
    /// The decision area's code, e.g. `POC_STRATEGY`.
    pub area: &'a str,
    pub kind: RightKind,
    pub non_delegable: bool,
    pub validity: Validity,
}

/// What the client asked to delegate.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    /// `None`: the delegator's own kind.
    pub kind: Option<RightKind>,
    pub valid_from: NaiveDate,
    /// `None`: until the delegator's right ends (open-ended if it has no end).
    pub valid_to: Option<NaiveDate>,
}

/// A delegation the rules accept: its kind and period with the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delegation {
    pub kind: RightKind,
    pub validity: Validity,
}

/// Why a delegation is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelegationError {
    /// The right is marked non-delegable.
    NonDelegable {
        holder: String,
        kind: RightKind,
        area: String,
    },
    /// The delegated kind is stronger than the delegator's.
    Stronger {
        requested: RightKind,
        delegator: RightKind,
    },
    /// The period ends before it starts.
    EndsBeforeItStarts { from: NaiveDate, to: NaiveDate },
    /// The delegation would start before the delegator's right.
    StartsBeforeDelegator {
        from: NaiveDate,
        delegator_from: NaiveDate,
    },
    /// The delegation would start when the delegator's right has already ended.
    StartsAfterDelegatorEnds {
        from: NaiveDate,
        delegator_to: NaiveDate,
    },
    /// The delegation would end after the delegator's right.
    EndsAfterDelegator {
        to: NaiveDate,
        delegator_to: NaiveDate,
    },
}

impl DelegationError {
    /// The input field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Self::NonDelegable { .. } => "input.fromRightId",
            Self::Stronger { .. } => "input.kind",
            Self::StartsBeforeDelegator { .. } | Self::StartsAfterDelegatorEnds { .. } => {
                "input.validFrom"
            }
            Self::EndsBeforeItStarts { .. } | Self::EndsAfterDelegator { .. } => "input.validTo",
        }
    }

    /// What the client reads.
    pub fn message(&self) -> String {
        match self {
            Self::NonDelegable { holder, kind, area } => format!(
                "the right of {holder} to {} on {area} is non-delegable",
                kind_name(*kind)
            ),
            Self::Stronger {
                requested,
                delegator,
            } => format!(
                "a right to {} cannot be delegated as {}, which is stronger ({})",
                kind_name(*delegator),
                kind_name(*requested),
                order_text()
            ),
            Self::EndsBeforeItStarts { from, to } => format!(
                "`input.validTo` ({to}) must not be before validFrom ({from})"
            ),
            Self::StartsBeforeDelegator {
                from,
                delegator_from,
            } => format!(
                "`input.validFrom` ({from}) is before the delegated right starts ({delegator_from}): a delegation cannot start before the right it comes from"
            ),
            Self::StartsAfterDelegatorEnds { from, delegator_to } => format!(
                "`input.validFrom` ({from}) is not before the delegated right ends ({delegator_to}): a delegation cannot outlive the right it comes from"
            ),
            Self::EndsAfterDelegator { to, delegator_to } => format!(
                "`input.validTo` ({to}) is after the delegated right ends ({delegator_to}): a delegation cannot outlive the right it comes from"
            ),
        }
    }
}

/// Checks a delegation of `delegator` as `request` asks, and fills in its defaults: the
/// delegator's kind, and the delegator's end when no end is given.
///
/// Refused: a non-delegable right; a kind stronger than the delegator's; a period that is
/// inverted, starts before the delegator's right, starts once it has ended, or ends after it.
pub fn check_delegation(
    delegator: &Delegator<'_>,
    request: Request,
) -> Result<Delegation, DelegationError> {
    if delegator.non_delegable {
        return Err(DelegationError::NonDelegable {
            holder: delegator.holder.to_owned(),
            kind: delegator.kind,
            area: delegator.area.to_owned(),
        });
    }
    let kind = request.kind.unwrap_or(delegator.kind);
    if strength(kind) > strength(delegator.kind) {
        return Err(DelegationError::Stronger {
            requested: kind,
            delegator: delegator.kind,
        });
    }
    let from = request.valid_from;
    if let Some(to) = request.valid_to {
        if to < from {
            return Err(DelegationError::EndsBeforeItStarts { from, to });
        }
    }
    let outer = delegator.validity;
    if from < outer.from {
        return Err(DelegationError::StartsBeforeDelegator {
            from,
            delegator_from: outer.from,
        });
    }
    if let Some(delegator_to) = outer.to {
        if from >= delegator_to {
            return Err(DelegationError::StartsAfterDelegatorEnds { from, delegator_to });
        }
        if let Some(to) = request.valid_to {
            if to > delegator_to {
                return Err(DelegationError::EndsAfterDelegator { to, delegator_to });
            }
        }
    }
    Ok(Delegation {
        kind,
        validity: Validity::new(from, request.valid_to.or(outer.to)),
    })
}

/// A right and the right it was delegated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RightLink<N> {
    pub id: N,
    pub delegated_from: Option<N>,
    pub validity: Validity,
}

/// A delegation to end, and its new `valid_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending<N> {
    pub id: N,
    pub valid_to: NaiveDate,
}

/// The delegations to end when the right `ended` ends on `on`: every right delegated from it,
/// transitively, that would still hold on `on` or later. Each ends on `on`, or, if it starts
/// later, on its own start (an empty period: it never held). Rights that already end by then
/// are left alone; `ended` itself is not in the result. Parents come before their delegations.
///
/// Every right is visited once, so bad data with cycles cannot make it loop.
pub fn delegations_to_end<N>(rights: &[RightLink<N>], ended: N, on: NaiveDate) -> Vec<Ending<N>>
where
    N: Copy + Eq + Hash,
{
    let mut delegated: HashMap<N, Vec<&RightLink<N>>> = HashMap::new();
    for right in rights {
        if let Some(parent) = right.delegated_from {
            delegated.entry(parent).or_default().push(right);
        }
    }
    let mut out = Vec::new();
    let mut seen: HashSet<N> = HashSet::from([ended]);
    let mut queue = VecDeque::from([ended]);
    while let Some(parent) = queue.pop_front() {
        for right in delegated.get(&parent).map(Vec::as_slice).unwrap_or(&[]) {
            if !seen.insert(right.id) {
                continue;
            }
            queue.push_back(right.id);
            let end = on.max(right.validity.from);
            if right.validity.to.is_none_or(|to| to > end) {
                out.push(Ending {
                    id: right.id,
                    valid_to: end,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(days: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Duration::days(days)
    }

    fn force_commander(validity: Validity) -> Delegator<'static> {
        Delegator {
            holder: "Force Commander",
            area: "USE_OF_FORCE",
            kind: RightKind::Decides,
            non_delegable: false,
            validity,
        }
    }

    fn ask(kind: Option<RightKind>, from: i64, to: Option<i64>) -> Request {
        Request {
            kind,
            valid_from: d(from),
            valid_to: to.map(d),
        }
    }

    #[test]
    fn the_order_of_kinds_is_strongest_first() {
        let strengths: Vec<u8> = STRENGTH_ORDER.iter().map(|k| strength(*k)).collect();
        assert!(strengths.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(
            order_text(),
            "DECIDES > APPROVES > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED"
        );
    }

    #[test]
    fn a_non_delegable_right_is_refused_with_its_holder_kind_and_area() {
        let hom = Delegator {
            holder: "Head of Mission",
            area: "POC_STRATEGY",
            kind: RightKind::Decides,
            non_delegable: true,
            validity: Validity::new(d(0), None),
        };
        let err = check_delegation(&hom, ask(None, 10, None)).unwrap_err();
        assert_eq!(err.field(), "input.fromRightId");
        assert_eq!(
            err.message(),
            "the right of Head of Mission to DECIDES on POC_STRATEGY is non-delegable"
        );
    }

    #[test]
    fn defaults_are_the_delegators_kind_and_end() {
        let fc = force_commander(Validity::new(d(0), Some(d(100))));
        assert_eq!(
            check_delegation(&fc, ask(None, 10, None)),
            Ok(Delegation {
                kind: RightKind::Decides,
                validity: Validity::new(d(10), Some(d(100))),
            })
        );
        let open = force_commander(Validity::new(d(0), None));
        assert_eq!(
            check_delegation(&open, ask(Some(RightKind::Executes), 10, None))
                .unwrap()
                .validity,
            Validity::new(d(10), None)
        );
    }

    #[test]
    fn a_stronger_kind_is_refused() {
        let mut endorser = force_commander(Validity::new(d(0), None));
        endorser.kind = RightKind::Endorses;
        let err = check_delegation(&endorser, ask(Some(RightKind::Approves), 1, None)).unwrap_err();
        assert_eq!(err.field(), "input.kind");
        assert_eq!(
            err.message(),
            "a right to ENDORSES cannot be delegated as APPROVES, which is stronger (DECIDES > APPROVES > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED)"
        );
        assert!(check_delegation(&endorser, ask(Some(RightKind::Endorses), 1, None)).is_ok());
        assert!(check_delegation(&endorser, ask(Some(RightKind::Informed), 1, None)).is_ok());
    }

    #[test]
    fn a_delegation_cannot_outlive_its_right() {
        let fc = force_commander(Validity::new(d(10), Some(d(100))));
        let cases = [
            (ask(None, 5, None), "input.validFrom"),
            (ask(None, 100, None), "input.validFrom"),
            (ask(None, 20, Some(101)), "input.validTo"),
            (ask(None, 20, Some(19)), "input.validTo"),
        ];
        for (request, field) in cases {
            let err = check_delegation(&fc, request).unwrap_err();
            assert_eq!(err.field(), field, "{request:?}");
        }
        assert_eq!(
            check_delegation(&fc, ask(None, 5, None)).unwrap_err().message(),
            "`input.validFrom` (2010-01-06) is before the delegated right starts (2010-01-11): a delegation cannot start before the right it comes from"
        );
        assert_eq!(
            check_delegation(&fc, ask(None, 20, Some(101))).unwrap_err().message(),
            "`input.validTo` (2010-04-12) is after the delegated right ends (2010-04-11): a delegation cannot outlive the right it comes from"
        );
        assert!(check_delegation(&fc, ask(None, 10, Some(100))).is_ok());
    }

    fn link(id: u32, from: Option<u32>, start: i64, end: Option<i64>) -> RightLink<u32> {
        RightLink {
            id,
            delegated_from: from,
            validity: Validity::new(d(start), end.map(d)),
        }
    }

    #[test]
    fn ending_a_right_ends_its_delegations_transitively() {
        let rights = [
            link(1, None, 0, None),
            link(2, Some(1), 10, None),
            link(3, Some(2), 20, Some(200)),
            link(4, Some(1), 5, Some(30)),
            link(5, Some(1), 80, Some(90)),
            link(6, None, 0, None),
            link(7, Some(6), 0, None),
        ];
        assert_eq!(
            delegations_to_end(&rights, 1, d(50)),
            vec![
                Ending {
                    id: 2,
                    valid_to: d(50)
                },
                Ending {
                    id: 5,
                    valid_to: d(80)
                },
                Ending {
                    id: 3,
                    valid_to: d(50)
                },
            ]
        );
        assert_eq!(delegations_to_end(&rights, 3, d(50)), vec![]);
    }

    #[test]
    fn cycles_in_bad_data_do_not_loop() {
        let rights = [link(1, Some(2), 0, None), link(2, Some(1), 0, None)];
        assert_eq!(
            delegations_to_end(&rights, 1, d(5)),
            vec![Ending {
                id: 2,
                valid_to: d(5)
            }]
        );
    }

    fn kind_strategy() -> impl Strategy<Value = RightKind> {
        (0usize..7).prop_map(|i| STRENGTH_ORDER[i])
    }

    fn period() -> impl Strategy<Value = Validity> {
        (0i64..60, proptest::option::of(0i64..40))
            .prop_map(|(from, len)| Validity::new(d(from), len.map(|l| d(from + l))))
    }

    /// Random delegation forests: each right hangs from an earlier one, or from none.
    fn forest() -> impl Strategy<Value = Vec<RightLink<usize>>> {
        proptest::collection::vec((proptest::option::of(0usize..1000), period()), 1..30).prop_map(
            |raw| {
                raw.into_iter()
                    .enumerate()
                    .map(|(i, (parent, validity))| RightLink {
                        id: i,
                        delegated_from: parent.filter(|_| i > 0).map(|p| p % i.max(1)),
                        validity,
                    })
                    .collect()
            },
        )
    }

    fn descends_from(rights: &[RightLink<usize>], id: usize, root: usize) -> bool {
        let mut cur = rights[id].delegated_from;
        while let Some(p) = cur {
            if p == root {
                return true;
            }
            cur = rights[p].delegated_from;
        }
        false
    }

    proptest! {
        #[test]
        fn an_accepted_delegation_lies_within_its_right_and_is_no_stronger(
            kind in kind_strategy(),
            requested in proptest::option::of(kind_strategy()),
            outer in period(),
            from in 0i64..120,
            len in proptest::option::of(0i64..60),
            non_delegable in any::<bool>(),
        ) {
            let delegator = Delegator { holder: "X", area: "A", kind, non_delegable, validity: outer };
            let result = check_delegation(&delegator, ask(requested, from, len.map(|l| from + l)));
            if non_delegable {
                let refused_as_non_delegable = matches!(result, Err(DelegationError::NonDelegable { .. }));
                prop_assert!(refused_as_non_delegable);
            }
            if let Ok(delegation) = result {
                prop_assert!(!non_delegable);
                prop_assert!(strength(delegation.kind) <= strength(kind));
                prop_assert!(delegation.validity.within(&outer));
                prop_assert!(!delegation.validity.is_empty() || delegation.validity.to == Some(delegation.validity.from));
                prop_assert!(delegation.validity.from < outer.to.unwrap_or(NaiveDate::MAX));
            }
        }

        #[test]
        fn after_the_end_no_delegation_of_the_right_holds(
            rights in forest(),
            root_pick in 0usize..1000,
            on in 0i64..120,
        ) {
            let root = root_pick % rights.len();
            let on = d(on);
            let endings = delegations_to_end(&rights, root, on);
            let ended: HashMap<usize, NaiveDate> = endings.iter().map(|e| (e.id, e.valid_to)).collect();
            prop_assert_eq!(ended.len(), endings.len(), "no right is ended twice");
            prop_assert!(!ended.contains_key(&root));
            for right in &rights {
                let below = descends_from(&rights, right.id, root);
                match ended.get(&right.id) {
                    Some(&to) => {
                        prop_assert!(below, "only delegations of the right are ended");
                        prop_assert!(to >= right.validity.from, "an end never precedes the start");
                        prop_assert!(right.validity.to.is_none_or(|old| to < old), "ends only move earlier");
                        let after = Validity::new(right.validity.from, Some(to));
                        prop_assert!((0..200).all(|day| d(day) < on || !after.contains(d(day))));
                    }
                    None if below => {
                        prop_assert!((0..200).all(|day| d(day) < on || !right.validity.contains(d(day))));
                    }
                    None => {}
                }
            }
        }
    }

    /// The rights of the seeds as delegators: the Head of Mission's non-delegable accountability
    /// for the POC strategy and endorsement of it, the Force Commander's authority over the use
    /// of force (open-ended, and bounded to 2010-2011).
    mod seeds {
        use super::*;

        fn day(y: i32, m: u32, d: u32) -> NaiveDate {
            NaiveDate::from_ymd_opt(y, m, d).unwrap()
        }

        fn right(
            holder: &'static str,
            area: &'static str,
            kind: RightKind,
            non_delegable: bool,
            validity: Validity,
        ) -> Delegator<'static> {
            Delegator {
                holder,
                area,
                kind,
                non_delegable,
                validity,
            }
        }

        #[test]
        fn the_documented_order_ranks_every_kind_below_the_previous_one() {
            let order = [
                RightKind::Decides,
                RightKind::Approves,
                RightKind::Endorses,
                RightKind::Recommends,
                RightKind::Executes,
                RightKind::Consulted,
                RightKind::Informed,
            ];
            assert_eq!(order, STRENGTH_ORDER);
            for w in order.windows(2) {
                assert!(strength(w[0]) > strength(w[1]), "{:?} > {:?}", w[0], w[1]);
            }
        }

        #[test]
        fn delegation_rules_refuse_with_a_reason() {
            let since_2008 = Validity::new(day(2008, 1, 1), None);
            let poc = right(
                "Head of Mission",
                "POC_STRATEGY",
                RightKind::Decides,
                true,
                since_2008,
            );
            let endorses = right(
                "Head of Mission",
                "POC_STRATEGY",
                RightKind::Endorses,
                false,
                since_2008,
            );
            let fc = right(
                "Force Commander",
                "USE_OF_FORCE",
                RightKind::Decides,
                false,
                since_2008,
            );
            let bounded = Delegator {
                validity: Validity::new(day(2010, 1, 1), Some(day(2012, 1, 1))),
                ..fc.clone()
            };
            let ask = |kind: RightKind, from: NaiveDate, to: Option<NaiveDate>| Request {
                kind: Some(kind),
                valid_from: from,
                valid_to: to,
            };
            let d = day;
            // Expected: the end of the accepted delegation, or the field and a phrase of the
            // reason.
            type Expected = Result<Option<NaiveDate>, (&'static str, &'static str)>;
            let cases: Vec<(&Delegator<'_>, Request, Expected)> = vec![
                (
                    &poc,
                    ask(RightKind::Decides, d(2012, 1, 1), None),
                    Err(("input.fromRightId", "non-delegable")),
                ),
                (
                    &poc,
                    ask(RightKind::Informed, d(2012, 1, 1), None),
                    Err(("input.fromRightId", "non-delegable")),
                ),
                (
                    &endorses,
                    ask(RightKind::Decides, d(2012, 1, 1), None),
                    Err((
                        "input.kind",
                        "ENDORSES cannot be delegated as DECIDES, which is stronger",
                    )),
                ),
                (
                    &endorses,
                    ask(RightKind::Approves, d(2012, 1, 1), None),
                    Err((
                        "input.kind",
                        "ENDORSES cannot be delegated as APPROVES, which is stronger",
                    )),
                ),
                (
                    &endorses,
                    ask(RightKind::Recommends, d(2012, 1, 1), None),
                    Ok(None),
                ),
                (&fc, ask(RightKind::Decides, d(2012, 1, 1), None), Ok(None)),
                (&fc, ask(RightKind::Executes, d(2012, 1, 1), None), Ok(None)),
                (
                    &fc,
                    ask(RightKind::Decides, d(2007, 1, 1), None),
                    Err((
                        "input.validFrom",
                        "cannot start before the right it comes from",
                    )),
                ),
                (
                    &bounded,
                    ask(RightKind::Decides, d(2010, 6, 1), Some(d(2012, 1, 1))),
                    Ok(Some(d(2012, 1, 1))),
                ),
                (
                    &bounded,
                    ask(RightKind::Decides, d(2010, 6, 1), Some(d(2012, 1, 2))),
                    Err(("input.validTo", "cannot outlive")),
                ),
                // No end asked of a bounded right: the delegation ends with it, never after.
                (
                    &bounded,
                    ask(RightKind::Decides, d(2010, 6, 1), None),
                    Ok(Some(d(2012, 1, 1))),
                ),
                (
                    &bounded,
                    ask(RightKind::Decides, d(2009, 12, 31), Some(d(2011, 1, 1))),
                    Err((
                        "input.validFrom",
                        "cannot start before the right it comes from",
                    )),
                ),
            ];
            for (delegator, request, expected) in cases {
                let got = check_delegation(delegator, request);
                match expected {
                    Ok(to) => {
                        let accepted =
                            got.unwrap_or_else(|e| panic!("{request:?} refused: {}", e.message()));
                        assert_eq!(accepted.validity.to, to, "{request:?}");
                        assert!(accepted.validity.within(&delegator.validity));
                    }
                    Err((field, text)) => {
                        let err = got.expect_err("should be refused");
                        assert_eq!(err.field(), field, "{request:?}");
                        assert!(
                            err.message().contains(text),
                            "{:?} should mention {text:?}",
                            err.message()
                        );
                    }
                }
            }
        }

        fn delegated(n: u128, from: Option<u128>, to: Option<NaiveDate>) -> RightLink<u128> {
            RightLink {
                id: n,
                delegated_from: from,
                validity: Validity::new(day(2010, 1, 1), to),
            }
        }

        fn ids(endings: &[Ending<u128>]) -> Vec<u128> {
            endings.iter().map(|e| e.id).collect()
        }

        #[test]
        fn ending_a_right_ends_the_delegations_hanging_from_it_transitively() {
            let end = day(2012, 1, 1);
            let rights = vec![
                delegated(1, None, None),
                delegated(2, Some(1), None),
                delegated(3, Some(2), Some(day(2013, 1, 1))),
                // Already ended before the end date: left alone, but its open child is caught.
                delegated(4, Some(1), Some(day(2011, 1, 1))),
                delegated(5, Some(4), None),
                // Ends exactly on the end date: nothing to do.
                delegated(6, Some(1), Some(end)),
                // Unrelated.
                delegated(7, None, None),
                delegated(8, Some(7), None),
            ];
            let endings = delegations_to_end(&rights, 1, end);
            assert_eq!(ids(&endings), vec![2, 3, 5]);
            assert!(endings.iter().all(|e| e.valid_to == end));
            assert!(delegations_to_end(&rights, 8, end).is_empty());
            // A cycle in bad data does not loop and never returns the ended right itself.
            let cyclic = vec![delegated(1, Some(2), None), delegated(2, Some(1), None)];
            assert_eq!(ids(&delegations_to_end(&cyclic, 1, end)), vec![2]);
        }

        proptest! {
            /// On random delegation forests (with cycles and overlapping periods), the rights to
            /// end are closed under hanging-from: a delegation reaching past the end date and
            /// hanging from the ended right or from a returned one is returned; nothing else is;
            /// no duplicates.
            #[test]
            fn delegations_to_end_is_closed_under_hanging_from(
                raw in proptest::collection::vec((proptest::option::of(0u128..30), proptest::option::of(0i64..60)), 1..30),
                ended in 0u128..30,
                end_day in 0i64..60,
            ) {
                let rights: Vec<RightLink<u128>> = raw.iter().enumerate().map(|(i, &(parent, len))| RightLink {
                    id: i as u128,
                    delegated_from: parent,
                    validity: Validity::new(d(0), len.map(d)),
                }).collect();
                let end = d(end_day);
                let got = ids(&delegations_to_end(&rights, ended, end));
                let set: HashSet<u128> = got.iter().copied().collect();
                prop_assert_eq!(set.len(), got.len());
                prop_assert!(!set.contains(&ended));
                // Descendants of the ended right, computed naively.
                let mut below: HashSet<u128> = HashSet::new();
                let mut frontier = vec![ended];
                while let Some(p) = frontier.pop() {
                    for r in rights.iter().filter(|r| r.delegated_from == Some(p)) {
                        if r.id != ended && below.insert(r.id) {
                            frontier.push(r.id);
                        }
                    }
                }
                for r in &rights {
                    let reaches_past = r.validity.to.is_none_or(|t| t > end);
                    let expected = below.contains(&r.id) && reaches_past;
                    prop_assert_eq!(set.contains(&r.id), expected);
                    let hangs = r.delegated_from.is_some_and(|p| p == ended || set.contains(&p));
                    if hangs && reaches_past && r.id != ended {
                        prop_assert!(set.contains(&r.id));
                    }
                }
            }
        }
    }
}
