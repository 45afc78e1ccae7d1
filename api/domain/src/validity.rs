//! Half-open validity intervals `[from, to)`.

use chrono::NaiveDate;
use serde::Serialize;

/// A period during which a relationship holds; `to` is the first day it no longer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Validity {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Validity {
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Self {
        Self { from, to }
    }

    /// Whether it holds on `date`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }

    /// Whether the period holds on no day at all (ended the day it started).
    pub fn is_empty(&self) -> bool {
        self.to.is_some_and(|to| to <= self.from)
    }

    /// Whether two periods share at least one day.
    pub fn overlaps(&self, other: &Validity) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        let starts_before_other_ends = other.to.is_none_or(|to| self.from < to);
        let other_starts_before_self_ends = self.to.is_none_or(|to| other.from < to);
        starts_before_other_ends && other_starts_before_self_ends
    }

    /// Whether `self` lies entirely within `outer`.
    pub fn within(&self, outer: &Validity) -> bool {
        let starts_inside = outer.from <= self.from;
        let ends_inside = match (self.to, outer.to) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(inner), Some(outer)) => inner <= outer,
        };
        starts_inside && ends_inside
    }
}

/// Why an answer holds on the date it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateBasis {
    /// The caller gave the date (`asOf`).
    Asked,
    /// No date was given and the record lasts (or has no period): today.
    Today,
    /// No date was given and the record ended on `ended` (the first day it no longer held):
    /// its last day.
    LastDay { ended: NaiveDate },
}

/// The date an answer holds on, and why that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EffectiveDate {
    pub date: NaiveDate,
    pub basis: DateBasis,
}

impl EffectiveDate {
    /// The date to answer on about a record that holds over `period` (`None`: a record without
    /// one): `asked` when given; otherwise today while the record lasts, and its last day once
    /// it has ended, so that a closed mission shows its last structure rather than none.
    pub fn choose(asked: Option<NaiveDate>, today: NaiveDate, period: Option<Validity>) -> Self {
        if let Some(date) = asked {
            return Self {
                date,
                basis: DateBasis::Asked,
            };
        }
        match period.and_then(|p| p.to.map(|to| (p.from, to))) {
            Some((from, ended)) if ended <= today => Self {
                // An empty period (ended the day it started) has no last day: its first one.
                date: ended.pred_opt().unwrap_or(ended).max(from),
                basis: DateBasis::LastDay { ended },
            },
            _ => Self {
                date: today,
                basis: DateBasis::Today,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(days: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Duration::days(days)
    }

    #[test]
    fn the_end_date_is_exclusive() {
        let v = Validity::new(d(0), Some(d(10)));
        assert!(v.contains(d(0)));
        assert!(v.contains(d(9)));
        assert!(!v.contains(d(10)));
        assert!(!v.contains(d(-1)));
        assert!(Validity::new(d(0), None).contains(d(100_000)));
    }

    #[test]
    fn a_record_that_ended_answers_on_its_last_day_unless_a_date_is_asked() {
        let today = d(100);
        let closed = Some(Validity::new(d(0), Some(d(40))));
        let last = EffectiveDate::choose(None, today, closed);
        assert_eq!(last.date, d(39));
        assert_eq!(last.basis, DateBasis::LastDay { ended: d(40) });
        let asked = EffectiveDate::choose(Some(d(70)), today, closed);
        assert_eq!((asked.date, asked.basis), (d(70), DateBasis::Asked));
        for open in [
            None,
            Some(Validity::new(d(0), None)),
            Some(Validity::new(d(0), Some(d(101)))),
        ] {
            let now = EffectiveDate::choose(None, today, open);
            assert_eq!((now.date, now.basis), (today, DateBasis::Today), "{open:?}");
        }
        // Ending today: today is already past its last day.
        let ends_today = EffectiveDate::choose(None, today, Some(Validity::new(d(0), Some(today))));
        assert_eq!(ends_today.date, d(99));
        let empty = EffectiveDate::choose(None, today, Some(Validity::new(d(5), Some(d(5)))));
        assert_eq!(empty.date, d(5));
    }

    proptest! {
        /// Without a date asked, the answer's date is a day the record held, whenever it held
        /// on any day up to today.
        #[test]
        fn the_chosen_date_is_a_day_the_record_held(from in 0i64..50, length in proptest::option::of(1i64..80), today in 0i64..120) {
            let period = Validity::new(d(from), length.map(|l| d(from + l)));
            let chosen = EffectiveDate::choose(None, d(today), Some(period));
            prop_assert!(chosen.date <= d(today));
            if period.contains(d(today)) || period.to.is_some_and(|to| to <= d(today)) {
                prop_assert!(period.contains(chosen.date), "{period:?} {chosen:?}");
            }
        }

        #[test]
        fn overlap_means_a_shared_day(a in 0i64..50, la in proptest::option::of(0i64..20), b in 0i64..50, lb in proptest::option::of(0i64..20)) {
            let x = Validity::new(d(a), la.map(|l| d(a + l)));
            let y = Validity::new(d(b), lb.map(|l| d(b + l)));
            let shared = (0..120).any(|day| x.contains(d(day)) && y.contains(d(day)));
            prop_assert_eq!(x.overlaps(&y), shared);
            prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
        }

        #[test]
        fn within_means_every_day_is_covered(a in 0i64..50, la in proptest::option::of(0i64..20), b in 0i64..50, lb in proptest::option::of(0i64..20)) {
            let inner = Validity::new(d(a), la.map(|l| d(a + l)));
            let outer = Validity::new(d(b), lb.map(|l| d(b + l)));
            if inner.within(&outer) {
                prop_assert!((0..120).all(|day| !inner.contains(d(day)) || outer.contains(d(day))));
            }
        }
    }
}
