//! A mission's mandates over time: the attributes each one gives the mission, which one is in
//! force on a date, what changed from one to the next, and where a new one may be recorded.
//!
//! A mission's mandates do not overlap. A new mandate starts on a date inside the mission's
//! period and ends the one in force that day; it runs until the next recorded mandate, or the end
//! of the one it ends, unless an end is given.

use crate::enums::RiskEnvironment;
use chrono::NaiveDate;
use serde::Serialize;

use super::validity::Validity;

/// What a mandate says about a mission (and how the mission is set up under it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Attributes {
    pub poc_mandate: bool,
    pub poc_first_priority: bool,
    pub chapter_vii: bool,
    pub human_rights_mandate: bool,
    pub supports_host_government: bool,
    pub offensive_operations: bool,
    pub integrated_presence: bool,
    pub risk_environment: Option<RiskEnvironment>,
}

/// One attribute that differs between two mandates, by its API name, with both values as text
/// (`true`, `false`, `HIGH`, or `null` for no risk environment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub attribute: &'static str,
    pub before: String,
    pub after: String,
}

fn risk_name(risk: Option<RiskEnvironment>) -> String {
    match risk {
        None => "null",
        Some(RiskEnvironment::Low) => "LOW",
        Some(RiskEnvironment::Medium) => "MEDIUM",
        Some(RiskEnvironment::High) => "HIGH",
        Some(RiskEnvironment::VeryHigh) => "VERY_HIGH",
    }
    .to_owned()
}

impl Attributes {
    /// The yes/no attributes by their API names, in the order the API lists them.
    pub fn flags(&self) -> [(&'static str, bool); 7] {
        [
            ("pocMandate", self.poc_mandate),
            ("pocFirstPriority", self.poc_first_priority),
            ("chapterVii", self.chapter_vii),
            ("humanRightsMandate", self.human_rights_mandate),
            ("supportsHostGovernment", self.supports_host_government),
            ("offensiveOperations", self.offensive_operations),
            ("integratedPresence", self.integrated_presence),
        ]
    }

    /// The attributes that differ from `self` to `after`, in the order the API lists them.
    pub fn differences(&self, after: &Attributes) -> Vec<Difference> {
        let mut out: Vec<Difference> = self
            .flags()
            .into_iter()
            .zip(after.flags())
            .filter(|((_, before), (_, now))| before != now)
            .map(|((attribute, before), (_, now))| Difference {
                attribute,
                before: before.to_string(),
                after: now.to_string(),
            })
            .collect();
        if self.risk_environment != after.risk_environment {
            out.push(Difference {
                attribute: "riskEnvironment",
                before: risk_name(self.risk_environment),
                after: risk_name(after.risk_environment),
            });
        }
        out
    }
}

/// Changes to [`Attributes`]: `None` keeps a value, `Some(None)` clears the risk environment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttributePatch {
    pub poc_mandate: Option<bool>,
    pub poc_first_priority: Option<bool>,
    pub chapter_vii: Option<bool>,
    pub human_rights_mandate: Option<bool>,
    pub supports_host_government: Option<bool>,
    pub offensive_operations: Option<bool>,
    pub integrated_presence: Option<bool>,
    pub risk_environment: Option<Option<RiskEnvironment>>,
}

impl From<Attributes> for AttributePatch {
    /// Sets every attribute.
    fn from(a: Attributes) -> Self {
        Self {
            poc_mandate: Some(a.poc_mandate),
            poc_first_priority: Some(a.poc_first_priority),
            chapter_vii: Some(a.chapter_vii),
            human_rights_mandate: Some(a.human_rights_mandate),
            supports_host_government: Some(a.supports_host_government),
            offensive_operations: Some(a.offensive_operations),
            integrated_presence: Some(a.integrated_presence),
            risk_environment: Some(a.risk_environment),
        }
    }
}

impl AttributePatch {
    /// `base` with the changes applied.
    pub fn apply(&self, base: Attributes) -> Attributes {
        Attributes {
            poc_mandate: self.poc_mandate.unwrap_or(base.poc_mandate),
            poc_first_priority: self.poc_first_priority.unwrap_or(base.poc_first_priority),
            chapter_vii: self.chapter_vii.unwrap_or(base.chapter_vii),
            human_rights_mandate: self
                .human_rights_mandate
                .unwrap_or(base.human_rights_mandate),
            supports_host_government: self
                .supports_host_government
                .unwrap_or(base.supports_host_government),
            offensive_operations: self
                .offensive_operations
                .unwrap_or(base.offensive_operations),
            integrated_presence: self.integrated_presence.unwrap_or(base.integrated_presence),
            risk_environment: self.risk_environment.unwrap_or(base.risk_environment),
        }
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The item in force on `date`: the one holding then; otherwise the latest one that started
/// before (the mission closed, or no mandate was recorded for the days in between); `None` when
/// every item starts after `date`.
pub fn in_force<T>(items: &[T], period: impl Fn(&T) -> Validity, date: NaiveDate) -> Option<&T> {
    items
        .iter()
        .filter(|item| period(item).from <= date)
        .max_by_key(|item| {
            let p = period(item);
            (p.contains(date), p.from)
        })
}

/// Where a new mandate goes among the recorded ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The recorded mandate in force on the new one's first day, which ends that day.
    pub ends: Option<usize>,
    /// The new mandate's end.
    pub to: Option<NaiveDate>,
}

/// Why a new mandate cannot go where it was asked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementError {
    /// It would start before the mission started.
    BeforeMission { start: NaiveDate },
    /// It would start on or after the day the mission ended.
    AfterMission { end: NaiveDate },
    /// Its end is not after its start.
    EndsBeforeStart,
    /// Its end is after the mission's.
    EndsAfterMission { end: NaiveDate },
    /// A recorded mandate (index) starts on the same day.
    SameStart { other: usize },
    /// It would overlap a recorded mandate (index) that starts later.
    Overlaps { other: usize },
}

/// Where a mandate from `from` (to `to`, when given) goes in a mission of period `mission` whose
/// mandates are `recorded`.
pub fn place(
    mission: Validity,
    recorded: &[Validity],
    from: NaiveDate,
    to: Option<NaiveDate>,
) -> Result<Placement, PlacementError> {
    if from < mission.from {
        return Err(PlacementError::BeforeMission {
            start: mission.from,
        });
    }
    if let Some(end) = mission.to.filter(|end| from >= *end) {
        return Err(PlacementError::AfterMission { end });
    }
    if to.is_some_and(|to| to <= from) {
        return Err(PlacementError::EndsBeforeStart);
    }
    if let (Some(to), Some(end)) = (to, mission.to) {
        if to > end {
            return Err(PlacementError::EndsAfterMission { end });
        }
    }
    if let Some(other) = recorded.iter().position(|r| r.from == from) {
        return Err(PlacementError::SameStart { other });
    }
    let ends = recorded
        .iter()
        .position(|r| r.from < from && r.to.is_none_or(|t| from < t));
    let next = recorded
        .iter()
        .enumerate()
        .filter(|(_, r)| r.from > from)
        .min_by_key(|(_, r)| r.from);
    let to = match to {
        Some(to) => {
            if let Some((other, _)) = next.filter(|(_, r)| r.from < to) {
                return Err(PlacementError::Overlaps { other });
            }
            Some(to)
        }
        None => match (ends, next) {
            (_, Some((_, r))) => Some(r.from),
            (Some(i), None) => recorded[i].to,
            (None, None) => mission.to,
        },
    };
    Ok(Placement { ends, to })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn v(from: NaiveDate, to: Option<NaiveDate>) -> Validity {
        Validity::new(from, to)
    }

    /// MONUC: 1999-11-30 to now, a mandate from its start and one from SCR 1906.
    fn monuc() -> (Validity, Vec<Validity>) {
        (
            v(d(1999, 11, 30), None),
            vec![
                v(d(1999, 11, 30), Some(d(2009, 12, 23))),
                v(d(2009, 12, 23), None),
            ],
        )
    }

    #[test]
    fn the_mandate_in_force_is_the_one_holding_or_the_latest_before() {
        let (_, recorded) = monuc();
        let at = |date| in_force(&recorded, |r| *r, date).map(|r| r.from);
        assert_eq!(at(d(2008, 6, 1)), Some(d(1999, 11, 30)));
        assert_eq!(at(d(2009, 12, 23)), Some(d(2009, 12, 23)));
        assert_eq!(at(d(1999, 11, 29)), None);
        let closed = [v(d(2005, 3, 24), Some(d(2011, 7, 9)))];
        assert_eq!(
            in_force(&closed, |r| *r, d(2015, 1, 1)).map(|r| r.from),
            Some(d(2005, 3, 24)),
            "a closed mission keeps its last mandate"
        );
    }

    #[test]
    fn differences_name_the_attributes_that_changed() {
        let before = Attributes {
            poc_mandate: true,
            ..Attributes::default()
        };
        let after = Attributes {
            poc_mandate: true,
            poc_first_priority: true,
            risk_environment: Some(RiskEnvironment::High),
            ..Attributes::default()
        };
        assert_eq!(
            before.differences(&after),
            vec![
                Difference {
                    attribute: "pocFirstPriority",
                    before: "false".into(),
                    after: "true".into()
                },
                Difference {
                    attribute: "riskEnvironment",
                    before: "null".into(),
                    after: "HIGH".into()
                },
            ]
        );
        assert!(after.differences(&after).is_empty());
    }

    #[test]
    fn a_new_mandate_ends_the_one_in_force_and_runs_to_the_next() {
        let (mission, recorded) = monuc();
        // SCR 1925 ends the SCR 1906 mandate and runs on.
        assert_eq!(
            place(mission, &recorded, d(2010, 7, 1), None),
            Ok(Placement {
                ends: Some(1),
                to: None
            })
        );
        // SCR 1856 falls inside the first mandate: it ends it and runs to SCR 1906.
        assert_eq!(
            place(mission, &recorded, d(2008, 12, 22), None),
            Ok(Placement {
                ends: Some(0),
                to: Some(d(2009, 12, 23))
            })
        );
    }

    #[test]
    fn bad_placements_say_why() {
        let (mission, recorded) = monuc();
        let closed = v(d(1999, 11, 30), Some(d(2020, 1, 1)));
        let cases = [
            (
                place(mission, &recorded, d(1999, 1, 1), None),
                PlacementError::BeforeMission {
                    start: d(1999, 11, 30),
                },
            ),
            (
                place(closed, &recorded, d(2020, 1, 1), None),
                PlacementError::AfterMission { end: d(2020, 1, 1) },
            ),
            (
                place(mission, &recorded, d(2005, 1, 1), Some(d(2005, 1, 1))),
                PlacementError::EndsBeforeStart,
            ),
            (
                place(closed, &recorded, d(2015, 1, 1), Some(d(2021, 1, 1))),
                PlacementError::EndsAfterMission { end: d(2020, 1, 1) },
            ),
            (
                place(mission, &recorded, d(2009, 12, 23), None),
                PlacementError::SameStart { other: 1 },
            ),
            (
                place(mission, &recorded, d(2005, 1, 1), Some(d(2011, 1, 1))),
                PlacementError::Overlaps { other: 1 },
            ),
        ];
        for (got, expected) in cases {
            assert_eq!(got, Err(expected));
        }
    }

    proptest! {
        /// Recording mandates one after another, in any order, never leaves two that overlap,
        /// and never one outside the mission.
        #[test]
        fn recorded_mandates_never_overlap(
            starts in proptest::collection::vec((0i64..400, proptest::option::of(1i64..100)), 1..12),
            closed in proptest::option::of(300i64..500),
        ) {
            let day = |n: i64| d(2000, 1, 1) + chrono::Duration::days(n);
            let mission = v(day(0), closed.map(day));
            let mut recorded = vec![v(day(0), mission.to)];
            for (start, length) in starts {
                let from = day(start);
                let to = length.map(|l| day(start + l));
                if let Ok(p) = place(mission, &recorded, from, to) {
                    if let Some(i) = p.ends {
                        recorded[i].to = Some(from);
                    }
                    recorded.push(v(from, p.to));
                }
            }
            for (i, a) in recorded.iter().enumerate() {
                prop_assert!(a.within(&mission), "{a:?} outside {mission:?}");
                for b in &recorded[i + 1..] {
                    prop_assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
                }
            }
        }
    }
}
