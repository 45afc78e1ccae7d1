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

    proptest! {
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
