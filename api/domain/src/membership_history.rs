//! What changed in forum memberships over a period: who joined, who left, whose capacity
//! changed. HQ tracks forum membership across missions with this.
//!
//! A change of capacity is stored as one membership ending on the day the next one of the same
//! member in the same forum starts (history stays queryable row by row). Reading the rows back
//! as LEFT + JOINED would misreport it as a departure, so a seat's end and start on the same day
//! are read together: a different capacity is one CAPACITY_CHANGED, the same capacity is no
//! change at all (the seat simply continued).

use std::collections::HashMap;
use std::hash::Hash;

use chrono::NaiveDate;

use super::validity::Validity;

/// One membership as the history needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership<I, S, C> {
    /// The membership's own key.
    pub id: I,
    /// Who sits where (the forum and the member): memberships of one seat follow one another.
    pub seat: S,
    pub capacity: C,
    pub validity: Validity,
}

/// What happened to a seat on a date. Declared in the order events of one day are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A membership ended and no other of the same seat started that day.
    Left,
    /// A membership ended and another of the same seat started that day in another capacity.
    CapacityChanged,
    /// A membership started and no other of the same seat ended that day.
    Joined,
}

/// One change, naming the memberships involved by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<I, C> {
    pub date: NaiveDate,
    pub change: Change,
    /// The membership that starts (JOINED, CAPACITY_CHANGED) or ends (LEFT).
    pub membership: I,
    /// For CAPACITY_CHANGED, the membership that ended that day.
    pub previous_membership: Option<I>,
    /// The capacity after the change; for LEFT, the capacity the member left.
    pub capacity: C,
    /// For CAPACITY_CHANGED, the capacity before.
    pub previous_capacity: Option<C>,
}

/// The dates to report on, both ends included; `None` leaves that side open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Window {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }

    /// Whether a membership can produce an event in the window: it starts before the window
    /// ends and does not end before the window starts. The SQL that loads the memberships uses
    /// the same test, so that both rows of a capacity change on a day in the window are loaded.
    pub fn touches(&self, validity: &Validity) -> bool {
        self.to.is_none_or(|to| validity.from <= to)
            && match (self.from, validity.to) {
                (Some(from), Some(end)) => from <= end,
                _ => true,
            }
    }
}

/// The changes in `memberships` dated within `window`, by date, then LEFT, CAPACITY_CHANGED,
/// JOINED, then membership key.
///
/// Memberships that never held (ended the day they started) are ignored. The function is total:
/// overlapping rows of one seat (data written around the API) are paired in key order rather
/// than refused, and every membership appears in at most one event as starting and at most one
/// as ending.
pub fn history<I, S, C>(memberships: &[Membership<I, S, C>], window: Window) -> Vec<Event<I, C>>
where
    I: Copy + Ord,
    S: Eq + Hash,
    C: Copy + Eq,
{
    type Day<'a, S> = (&'a S, NaiveDate);
    let mut starts: HashMap<Day<'_, S>, Vec<usize>> = HashMap::new();
    let mut ends: HashMap<Day<'_, S>, Vec<usize>> = HashMap::new();
    for (i, m) in memberships.iter().enumerate() {
        if m.validity.is_empty() {
            continue;
        }
        starts
            .entry((&m.seat, m.validity.from))
            .or_default()
            .push(i);
        if let Some(to) = m.validity.to {
            ends.entry((&m.seat, to)).or_default().push(i);
        }
    }
    let by_key = |list: &mut Vec<usize>| list.sort_by_key(|&i| memberships[i].id);

    let mut events = Vec::new();
    for ((seat, date), mut ended) in ends {
        if !window.contains(date) {
            continue;
        }
        by_key(&mut ended);
        let mut started = starts.remove(&(seat, date)).unwrap_or_default();
        by_key(&mut started);
        // A seat continuing in the same capacity is no change; pair those first so that a
        // genuine change is not hidden behind them.
        ended.retain(|&e| {
            let same = started
                .iter()
                .position(|&s| memberships[s].capacity == memberships[e].capacity);
            match same {
                Some(pos) => {
                    started.remove(pos);
                    false
                }
                None => true,
            }
        });
        let mut started = started.into_iter();
        for e in ended {
            let old = &memberships[e];
            match started.next() {
                Some(s) => {
                    let new = &memberships[s];
                    events.push(Event {
                        date,
                        change: Change::CapacityChanged,
                        membership: new.id,
                        previous_membership: Some(old.id),
                        capacity: new.capacity,
                        previous_capacity: Some(old.capacity),
                    });
                }
                None => events.push(Event {
                    date,
                    change: Change::Left,
                    membership: old.id,
                    previous_membership: None,
                    capacity: old.capacity,
                    previous_capacity: None,
                }),
            }
        }
        for s in started {
            events.push(joined(&memberships[s], date));
        }
    }
    for ((_, date), started) in starts {
        if window.contains(date) {
            events.extend(started.into_iter().map(|s| joined(&memberships[s], date)));
        }
    }
    events.sort_by_key(|e| (e.date, e.change, e.membership));
    events
}

fn joined<I: Copy, S, C: Copy>(m: &Membership<I, S, C>, date: NaiveDate) -> Event<I, C> {
    Event {
        date,
        change: Change::Joined,
        membership: m.id,
        previous_membership: None,
        capacity: m.capacity,
        previous_capacity: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, HashSet};

    fn d(days: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Duration::days(days)
    }

    fn m(
        id: u32,
        seat: &'static str,
        capacity: char,
        from: i64,
        to: Option<i64>,
    ) -> Membership<u32, &'static str, char> {
        Membership {
            id,
            seat,
            capacity,
            validity: Validity::new(d(from), to.map(d)),
        }
    }

    fn summary(events: &[Event<u32, char>]) -> Vec<(i64, Change, u32, char, Option<char>)> {
        events
            .iter()
            .map(|e| {
                (
                    (e.date - d(0)).num_days(),
                    e.change,
                    e.membership,
                    e.capacity,
                    e.previous_capacity,
                )
            })
            .collect()
    }

    #[test]
    fn an_observer_who_becomes_a_member_joined_then_changed_capacity() {
        let rows = [m(1, "ocha", 'O', 0, Some(30)), m(2, "ocha", 'M', 30, None)];
        let events = history(&rows, Window::default());
        assert_eq!(
            summary(&events),
            [
                (0, Change::Joined, 1, 'O', None),
                (30, Change::CapacityChanged, 2, 'M', Some('O')),
            ]
        );
        assert_eq!(events[1].previous_membership, Some(1));
    }

    #[test]
    fn a_gap_between_memberships_is_a_departure_and_a_return() {
        let rows = [
            m(1, "unhcr", 'O', 0, Some(10)),
            m(2, "unhcr", 'M', 11, Some(20)),
        ];
        assert_eq!(
            summary(&history(&rows, Window::default())),
            [
                (0, Change::Joined, 1, 'O', None),
                (10, Change::Left, 1, 'O', None),
                (11, Change::Joined, 2, 'M', None),
                (20, Change::Left, 2, 'M', None),
            ]
        );
    }

    #[test]
    fn continuing_in_the_same_capacity_is_no_change() {
        let rows = [m(1, "a", 'M', 0, Some(10)), m(2, "a", 'M', 10, None)];
        assert_eq!(
            summary(&history(&rows, Window::default())),
            [(0, Change::Joined, 1, 'M', None)]
        );
    }

    #[test]
    fn different_seats_on_the_same_day_are_not_paired() {
        let rows = [m(1, "a", 'O', 0, Some(10)), m(2, "b", 'M', 10, None)];
        assert_eq!(
            summary(&history(&rows, Window::default())),
            [
                (0, Change::Joined, 1, 'O', None),
                (10, Change::Left, 1, 'O', None),
                (10, Change::Joined, 2, 'M', None),
            ]
        );
    }

    #[test]
    fn a_membership_that_never_held_is_ignored() {
        // Its capacity was corrected on its first day: the member joined as a chair.
        let rows = [m(1, "a", 'O', 5, Some(5)), m(2, "a", 'C', 5, None)];
        assert_eq!(
            summary(&history(&rows, Window::default())),
            [(5, Change::Joined, 2, 'C', None)]
        );
    }

    #[test]
    fn the_window_includes_both_ends() {
        let rows = [m(1, "a", 'O', 0, Some(10)), m(2, "a", 'M', 10, Some(20))];
        let window = Window {
            from: Some(d(10)),
            to: Some(d(20)),
        };
        assert_eq!(
            summary(&history(&rows, window)),
            [
                (10, Change::CapacityChanged, 2, 'M', Some('O')),
                (20, Change::Left, 2, 'M', None),
            ]
        );
        let before = Window {
            from: None,
            to: Some(d(9)),
        };
        assert_eq!(
            summary(&history(&rows, before)),
            [(0, Change::Joined, 1, 'O', None)]
        );
    }

    #[test]
    fn touching_the_window_keeps_both_rows_of_a_change_on_its_first_day() {
        let window = Window {
            from: Some(d(10)),
            to: Some(d(20)),
        };
        assert!(window.touches(&Validity::new(d(0), Some(d(10)))));
        assert!(window.touches(&Validity::new(d(20), None)));
        assert!(!window.touches(&Validity::new(d(0), Some(d(9)))));
        assert!(!window.touches(&Validity::new(d(21), None)));
    }

    /// Per seat, consecutive memberships: gaps of 0 (back to back) or more days, capacities from
    /// a small set so that same-capacity continuations happen, the last maybe open-ended.
    fn seats() -> impl Strategy<Value = Vec<Membership<u32, u8, char>>> {
        let period = (0i64..4, 0i64..6, prop::sample::select(vec!['C', 'M', 'O']));
        let seat = (prop::collection::vec(period, 0..6), any::<bool>());
        prop::collection::vec(seat, 0..4).prop_map(|seats| {
            let mut rows = Vec::new();
            let mut id = 0u32;
            for (s, (periods, open_end)) in seats.into_iter().enumerate() {
                let mut day = 0i64;
                let count = periods.len();
                for (i, (gap, len, capacity)) in periods.into_iter().enumerate() {
                    let from = day + gap;
                    let to = from + len;
                    let open = open_end && i + 1 == count;
                    id += 1;
                    rows.push(Membership {
                        id,
                        seat: s as u8,
                        capacity,
                        validity: Validity::new(d(from), (!open).then(|| d(to))),
                    });
                    day = to;
                }
            }
            rows
        })
    }

    fn arbitrary_rows() -> impl Strategy<Value = Vec<Membership<u32, u8, char>>> {
        let row = (
            0u8..3,
            prop::sample::select(vec!['C', 'M', 'O']),
            0i64..30,
            prop::option::of(0i64..10),
        );
        prop::collection::vec(row, 0..20).prop_map(|rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, (seat, capacity, from, len))| Membership {
                    id: i as u32,
                    seat,
                    capacity,
                    validity: Validity::new(d(from), len.map(|l| d(from + l))),
                })
                .collect()
        })
    }

    proptest! {
        /// Replaying the events day by day gives, on every day, exactly the capacity each seat
        /// holds according to the memberships.
        #[test]
        fn replaying_the_events_rebuilds_every_seat_on_every_day(rows in seats()) {
            let events = history(&rows, Window::default());
            let by_id: HashMap<u32, &Membership<u32, u8, char>> = rows.iter().map(|m| (m.id, m)).collect();
            let mut state: BTreeMap<u8, char> = BTreeMap::new();
            let mut pending = events.iter().peekable();
            for day in 0..80 {
                while let Some(e) = pending.next_if(|e| e.date <= d(day)) {
                    let seat = by_id[&e.membership].seat;
                    match e.change {
                        Change::Left => { prop_assert_eq!(state.remove(&seat), Some(e.capacity)); }
                        Change::Joined => { prop_assert_eq!(state.insert(seat, e.capacity), None); }
                        Change::CapacityChanged => {
                            prop_assert_ne!(Some(e.capacity), e.previous_capacity);
                            prop_assert_eq!(state.insert(seat, e.capacity), e.previous_capacity);
                        }
                    }
                }
                let expected: BTreeMap<u8, char> = rows
                    .iter()
                    .filter(|m| m.validity.contains(d(day)))
                    .map(|m| (m.seat, m.capacity))
                    .collect();
                prop_assert_eq!(&state, &expected, "day {}", day);
            }
        }

        /// A window only cuts the full history: it neither adds, drops nor rewrites events
        /// dated inside it, provided the memberships touching the window are given.
        #[test]
        fn a_window_is_a_slice_of_the_whole_history(rows in seats(), a in 0i64..40, len in 0i64..40) {
            let window = Window { from: Some(d(a)), to: Some(d(a + len)) };
            let touching: Vec<_> = rows.iter().filter(|m| window.touches(&m.validity)).cloned().collect();
            let sliced: Vec<_> = history(&rows, Window::default())
                .into_iter()
                .filter(|e| window.contains(e.date))
                .collect();
            prop_assert_eq!(history(&touching, window), sliced);
        }

        /// On any data, even overlapping rows: events are in order and each membership starts
        /// and ends at most once.
        #[test]
        fn every_membership_starts_and_ends_at_most_once(rows in arbitrary_rows()) {
            let events = history(&rows, Window::default());
            let keys: Vec<_> = events.iter().map(|e| (e.date, e.change, e.membership)).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            prop_assert_eq!(keys, sorted);
            let mut started = HashSet::new();
            let mut ended = HashSet::new();
            for e in &events {
                match e.change {
                    Change::Joined => prop_assert!(started.insert(e.membership)),
                    Change::Left => prop_assert!(ended.insert(e.membership)),
                    Change::CapacityChanged => {
                        prop_assert!(started.insert(e.membership));
                        prop_assert!(ended.insert(e.previous_membership.unwrap()));
                    }
                }
            }
        }
    }
}
