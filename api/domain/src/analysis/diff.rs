//! What changed in a mission between two dates: its name and the attributes of its mandate, and
//! its structure (components, posts, hats, reporting lines, forums, memberships, decision rights,
//! mandated tasks) added or ended.
//!
//! With half-open validity, a record whose `valid_from` falls in `(from, to]` was ADDED on that
//! date and one whose `valid_to` falls there ENDED on that date: the answer for `to` differs from
//! the answer for `from` by exactly these changes. A new mandate is ADDED, and each attribute it
//! changes from the one it ended is CHANGED, with both values; a rename CHANGES the acronym (and
//! the name) on the day the former name ended.

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use super::snapshot::{enum_name, LineSource, LineTarget, Mission, Names, Snapshot};
use crate::mandates::Difference;
use crate::validity::Validity;

/// At most this many changes are returned; the answer says when more happened.
pub const MAX_CHANGES: usize = 5_000;

/// Whether a record started or stopped holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChangeKind {
    /// Listed first on a date: a handover reads "the old one ended, the new one started".
    Ended,
    Added,
    /// An attribute of the mission (its acronym, name or a mandate attribute) took a new value.
    Changed,
}

/// Which kind of record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecordKind {
    /// A former name of the mission (the change is the rename that ended it).
    MissionName,
    /// A mandate of the mission.
    MissionMandate,
    MandatedTask,
    Component,
    Post,
    Hat,
    ReportingLine,
    Forum,
    Membership,
    DecisionRight,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub date: NaiveDate,
    pub change: ChangeKind,
    pub record_kind: RecordKind,
    pub record_id: Uuid,
    /// The records it connects: the post a hat is on, a line's ends, a membership's forum and
    /// member, a right's area and holder.
    pub related: Vec<Uuid>,
    pub description: String,
    /// For CHANGED: which attribute, by its API name (`acronym`, `pocFirstPriority`), and its
    /// values before and after.
    pub attribute: Option<Difference>,
}

/// The changes between two dates, in date order (ended before added on one date, then by kind of
/// record and id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StructuralChanges {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub changes: Vec<Change>,
    /// More than [`MAX_CHANGES`] happened; the earliest are listed.
    pub truncated: bool,
}

/// The structural changes of the snapshot in `(from, to]`; none when `to <= from`.
pub fn changes_between(from: NaiveDate, to: NaiveDate, snapshot: &Snapshot) -> StructuralChanges {
    let mut changes = Vec::new();
    if from < to {
        let names = Names::new(snapshot);
        let mut collect = Collector {
            from,
            to,
            changes: &mut changes,
        };
        for m in &snapshot.missions {
            collect.mission(m);
        }
        for t in &snapshot.mandated_tasks {
            collect.record(
                RecordKind::MandatedTask,
                t.id,
                &t.validity,
                Vec::new,
                |what| format!("Mandated task \u{201c}{}\u{201d} {what}", t.title),
            );
        }
        for c in &snapshot.components {
            collect.record(RecordKind::Component, c.id, &c.validity, Vec::new, |what| {
                format!("Component \u{201c}{}\u{201d} {what}", c.name)
            });
        }
        for p in &snapshot.posts {
            collect.record(RecordKind::Post, p.id, &p.validity, Vec::new, |what| {
                format!("Post \u{201c}{}\u{201d} {what}", p.title)
            });
            for h in &p.hats {
                collect.record(
                    RecordKind::Hat,
                    h.id,
                    &h.validity,
                    || vec![p.id],
                    |what| {
                        format!(
                            "Hat {} {what} on post \u{201c}{}\u{201d}",
                            enum_name(h.hat),
                            p.title
                        )
                    },
                );
            }
        }
        for l in &snapshot.reporting_lines {
            let (from_id, from_name) = match l.from {
                LineSource::Post(id) => (id, names.post(id)),
                LineSource::Component(id) => (id, names.component(id)),
            };
            let (to_id, to_name) = match l.to {
                LineTarget::Post(id) => (id, names.post(id)),
                LineTarget::Organization(id) => (id, names.organization(id)),
            };
            collect.record(
                RecordKind::ReportingLine,
                l.id,
                &l.validity,
                || vec![from_id, to_id],
                |what| {
                    format!(
                        "{} reporting line from \u{201c}{from_name}\u{201d} to \u{201c}{to_name}\u{201d} {what}",
                        enum_name(l.kind)
                    )
                },
            );
        }
        for f in &snapshot.forums {
            collect.record(RecordKind::Forum, f.id, &f.validity, Vec::new, |what| {
                format!("Forum \u{201c}{}\u{201d} {what}", f.name)
            });
        }
        for m in &snapshot.memberships {
            collect.record(
                RecordKind::Membership,
                m.id,
                &m.validity,
                || vec![m.forum_id, m.member.id()],
                |what| {
                    format!(
                        "Seat of \u{201c}{}\u{201d} in \u{201c}{}\u{201d} as {} {what}",
                        names.member(m.member),
                        names.forum(m.forum_id),
                        enum_name(m.capacity)
                    )
                },
            );
        }
        for r in &snapshot.rights {
            let scope = r
                .scope
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            collect.record(
                RecordKind::DecisionRight,
                r.id,
                &r.validity,
                || vec![r.area_id, r.holder.id()],
                |what| {
                    format!(
                        "{} right of \u{201c}{}\u{201d} on {}{scope} {what}",
                        enum_name(r.kind),
                        names.holder(r.holder),
                        names.area(r.area_id)
                    )
                },
            );
        }
    }
    changes.sort_by(|a, b| {
        (a.date, a.change, a.record_kind, a.record_id).cmp(&(
            b.date,
            b.change,
            b.record_kind,
            b.record_id,
        ))
    });
    let truncated = changes.len() > MAX_CHANGES;
    changes.truncate(MAX_CHANGES);
    StructuralChanges {
        from,
        to,
        changes,
        truncated,
    }
}

struct Collector<'c> {
    from: NaiveDate,
    to: NaiveDate,
    changes: &'c mut Vec<Change>,
}

impl Collector<'_> {
    fn within(&self, date: NaiveDate) -> bool {
        self.from < date && date <= self.to
    }

    /// The renames and mandates of a mission in the window.
    fn mission(&mut self, mission: &Mission) {
        for (i, former) in mission.former_names.iter().enumerate() {
            let Some(date) = former.validity.to.filter(|d| self.within(*d)) else {
                continue;
            };
            let next = mission.former_names[i + 1..]
                .iter()
                .find(|n| n.validity.from == date);
            let (acronym, name) =
                next.map_or((&mission.acronym, &mission.name), |n| (&n.acronym, &n.name));
            for (attribute, before, after) in [
                ("acronym", &former.acronym, acronym),
                ("name", &former.name, name),
            ] {
                if before != after {
                    self.changed(
                        date,
                        RecordKind::MissionName,
                        former.id,
                        vec![mission.id],
                        format!("The mission's {attribute} changed from \u{201c}{before}\u{201d} to \u{201c}{after}\u{201d}"),
                        Difference {
                            attribute,
                            before: before.clone(),
                            after: after.clone(),
                        },
                    );
                }
            }
        }
        for (i, mandate) in mission.mandates.iter().enumerate() {
            let label = mandate.resolution.as_deref().map_or_else(
                || "A mandate".to_owned(),
                |r| format!("The mandate under {r}"),
            );
            let start = mandate.validity.from;
            let previous = mission
                .mandates
                .iter()
                .find(|p| p.validity.to == Some(start));
            if self.within(start) {
                self.changes.push(Change {
                    date: start,
                    change: ChangeKind::Added,
                    record_kind: RecordKind::MissionMandate,
                    record_id: mandate.id,
                    related: previous.map(|p| p.id).into_iter().collect(),
                    description: format!("{label} took effect"),
                    attribute: None,
                });
                for difference in previous
                    .map(|p| p.attributes.differences(&mandate.attributes))
                    .unwrap_or_default()
                {
                    let description = format!(
                        "{} changed from {} to {} under {}",
                        difference.attribute,
                        difference.before,
                        difference.after,
                        mandate.resolution.as_deref().unwrap_or("a new mandate")
                    );
                    self.changed(
                        start,
                        RecordKind::MissionMandate,
                        mandate.id,
                        vec![mission.id],
                        description,
                        difference,
                    );
                }
            }
            // An end no other mandate follows: the mission closed, or nothing was recorded next.
            let succeeded = |end: NaiveDate| {
                mission
                    .mandates
                    .iter()
                    .enumerate()
                    .any(|(j, n)| j != i && n.validity.from == end)
            };
            if let Some(end) = mandate
                .validity
                .to
                .filter(|end| self.within(*end) && !succeeded(*end))
            {
                self.changes.push(Change {
                    date: end,
                    change: ChangeKind::Ended,
                    record_kind: RecordKind::MissionMandate,
                    record_id: mandate.id,
                    related: vec![mission.id],
                    description: format!("{label} ended"),
                    attribute: None,
                });
            }
        }
    }

    fn changed(
        &mut self,
        date: NaiveDate,
        record_kind: RecordKind,
        record_id: Uuid,
        related: Vec<Uuid>,
        description: String,
        difference: Difference,
    ) {
        self.changes.push(Change {
            date,
            change: ChangeKind::Changed,
            record_kind,
            record_id,
            related,
            description,
            attribute: Some(difference),
        });
    }

    /// Adds the changes of one record; `related` and `describe` run only when there is one, so
    /// the thousands of unchanged records cost no allocation.
    fn record(
        &mut self,
        record_kind: RecordKind,
        record_id: Uuid,
        validity: &Validity,
        related: impl Fn() -> Vec<Uuid>,
        describe: impl Fn(&str) -> String,
    ) {
        let events = [
            (Some(validity.from), ChangeKind::Added, "added"),
            (validity.to, ChangeKind::Ended, "ended"),
        ];
        for (date, change, what) in events {
            if let Some(date) = date.filter(|d| self.within(*d)) {
                self.changes.push(Change {
                    date,
                    change,
                    record_kind,
                    record_id,
                    related: related(),
                    description: describe(what),
                    attribute: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::{self, *};
    use proptest::prelude::*;

    fn with_hc_hat_ending(end: NaiveDate) -> Snapshot {
        let mut snap = fixture::mission();
        for post in &mut snap.posts {
            for hat in &mut post.hats {
                if hat.id == HAT_HC {
                    hat.validity.to = Some(end);
                }
            }
        }
        snap
    }

    #[test]
    fn ending_the_hc_hat_is_a_change_on_its_end_date() {
        let end = fixture::day(2014, 1, 1);
        let snap = with_hc_hat_ending(end);
        let got = changes_between(fixture::day(2013, 6, 1), fixture::day(2014, 6, 1), &snap);
        assert_eq!(
            got.changes,
            vec![Change {
                date: end,
                change: ChangeKind::Ended,
                record_kind: RecordKind::Hat,
                record_id: HAT_HC,
                related: vec![DSRSG_RC_HC],
                description:
                    "Hat HUMANITARIAN_COORDINATOR ended on post \u{201c}DSRSG/RC/HC\u{201d}"
                        .to_owned(),
                attribute: None,
            }]
        );
        assert!(!got.truncated);
    }

    #[test]
    fn the_window_excludes_its_start_and_includes_its_end() {
        let snap = fixture::mission();
        let day = fixture::day;
        let line_added = |from, to| {
            changes_between(from, to, &snap)
                .changes
                .iter()
                .any(|c| c.record_id == LINE_HEAD_CA_TO_DSRSG_RC_HC)
        };
        assert!(line_added(day(2009, 12, 31), day(2010, 1, 1)));
        assert!(!line_added(day(2010, 1, 1), day(2010, 12, 31)));
        assert!(changes_between(day(2012, 1, 1), day(2012, 1, 1), &snap)
            .changes
            .is_empty());
        assert!(changes_between(day(2013, 1, 1), day(2012, 1, 1), &snap)
            .changes
            .is_empty());
    }

    #[test]
    fn changes_come_in_date_order_with_ended_before_added() {
        let mut snap = with_hc_hat_ending(fixture::day(2014, 1, 1));
        // A new HC hat on another post the same day: the handover reads ended, then added.
        for post in &mut snap.posts {
            if post.id == DSRSG_POL {
                post.hats.push(crate::analysis::PostHat {
                    id: fixture::id(5),
                    hat: crate::enums::Hat::HumanitarianCoordinator,
                    validity: fixture::since(2014, 1, 1),
                });
            }
        }
        let got = changes_between(fixture::day(2007, 1, 1), fixture::day(2015, 1, 1), &snap);
        let dates: Vec<NaiveDate> = got.changes.iter().map(|c| c.date).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        let handover: Vec<(ChangeKind, Uuid)> = got
            .changes
            .iter()
            .filter(|c| c.date == fixture::day(2014, 1, 1))
            .map(|c| (c.change, c.record_id))
            .collect();
        assert_eq!(
            handover,
            vec![
                (ChangeKind::Ended, HAT_HC),
                (ChangeKind::Added, fixture::id(5))
            ]
        );
        let sector = got
            .changes
            .iter()
            .find(|c| c.record_id == SECTOR_DECIDES_FORCE)
            .unwrap();
        assert_eq!(sector.date, fixture::day(2011, 1, 1));
        assert_eq!(sector.related, vec![USE_OF_FORCE, SECTOR_COMMANDER]);
        assert_eq!(
            sector.description,
            "DECIDES right of \u{201c}Sector North Commander\u{201d} on USE_OF_FORCE added"
        );
        let seat = got
            .changes
            .iter()
            .find(|c| c.record_id == SMG_UNHCR_SEAT)
            .unwrap();
        assert_eq!(
            seat.description,
            "Seat of \u{201c}UNHCR\u{201d} in \u{201c}Senior Management Group on POC\u{201d} as OBSERVER added"
        );
    }

    #[test]
    fn a_rename_and_a_new_mandate_are_changes_with_both_values() {
        let snap = fixture::mission();
        let got = changes_between(fixture::day(2008, 1, 1), fixture::day(2012, 1, 1), &snap);
        let of_mission: Vec<(NaiveDate, ChangeKind, RecordKind, Option<&Difference>)> = got
            .changes
            .iter()
            .filter(|c| {
                matches!(
                    c.record_kind,
                    RecordKind::MissionName | RecordKind::MissionMandate
                )
            })
            .map(|c| (c.date, c.change, c.record_kind, c.attribute.as_ref()))
            .collect();
        let diff = |attribute, before: &str, after: &str| Difference {
            attribute,
            before: before.to_owned(),
            after: after.to_owned(),
        };
        let priority = diff("pocFirstPriority", "false", "true");
        let acronym = diff("acronym", "MONUC", "MONUSCO");
        let name = diff(
            "name",
            "United Nations Organization Mission in the DRC",
            "United Nations Organization Stabilization Mission in the DRC",
        );
        let scr_1906 = fixture::day(2009, 12, 23);
        let renamed = fixture::day(2010, 7, 1);
        assert_eq!(
            of_mission,
            vec![
                (
                    scr_1906,
                    ChangeKind::Added,
                    RecordKind::MissionMandate,
                    None
                ),
                (
                    scr_1906,
                    ChangeKind::Changed,
                    RecordKind::MissionMandate,
                    Some(&priority)
                ),
                (
                    renamed,
                    ChangeKind::Changed,
                    RecordKind::MissionName,
                    Some(&acronym)
                ),
                (
                    renamed,
                    ChangeKind::Changed,
                    RecordKind::MissionName,
                    Some(&name)
                ),
            ]
        );
        let change = got
            .changes
            .iter()
            .find(|c| c.attribute.as_ref() == Some(&priority))
            .unwrap();
        assert_eq!(change.record_id, MANDATE_1906);
        assert_eq!(
            change.description,
            "pocFirstPriority changed from false to true under S/RES/1906 (2009)"
        );
        let added = got
            .changes
            .iter()
            .find(|c| c.record_id == MANDATE_1906 && c.change == ChangeKind::Added)
            .unwrap();
        assert_eq!(added.related, vec![MANDATE_1291]);
        assert_eq!(
            added.description,
            "The mandate under S/RES/1906 (2009) took effect"
        );
        // Outside the window, nothing of either.
        assert!(
            changes_between(fixture::day(2010, 7, 1), fixture::day(2012, 1, 1), &snap)
                .changes
                .iter()
                .all(|c| c.record_kind != RecordKind::MissionName
                    && c.record_kind != RecordKind::MissionMandate)
        );
    }

    #[test]
    fn a_mandate_no_other_follows_ends() {
        let mut snap = fixture::mission();
        snap.missions[0].mandates[1].validity.to = Some(fixture::day(2011, 7, 9));
        let got = changes_between(fixture::day(2011, 1, 1), fixture::day(2012, 1, 1), &snap);
        let ended: Vec<(NaiveDate, ChangeKind, Uuid)> = got
            .changes
            .iter()
            .filter(|c| c.record_kind == RecordKind::MissionMandate)
            .map(|c| (c.date, c.change, c.record_id))
            .collect();
        assert_eq!(
            ended,
            vec![(fixture::day(2011, 7, 9), ChangeKind::Ended, MANDATE_1906)]
        );
    }

    proptest! {
        /// On random lines with overlapping periods: every change lies in the window, matches
        /// its record's dates, the order is by (date, kind, record), and nothing is missed.
        #[test]
        fn changes_are_exactly_the_starts_and_ends_in_the_window(
            raw in proptest::collection::vec((0u8..12, 0u8..13, 0u8..4, 0i64..40, proptest::option::of(0i64..40)), 0..60),
            a in 0i64..80,
            b in 0i64..80,
        ) {
            let snap = fixture::random_lines(&raw);
            let (from, to) = (fixture::offset(a), fixture::offset(b));
            let got = changes_between(from, to, &snap);
            let mut expected = 0;
            for l in &snap.reporting_lines {
                let inside = |d: NaiveDate| from < d && d <= to;
                expected += usize::from(inside(l.validity.from));
                expected += usize::from(l.validity.to.is_some_and(inside));
            }
            prop_assert_eq!(got.changes.len(), expected);
            for c in &got.changes {
                prop_assert!(from < c.date && c.date <= to);
                let line = snap.reporting_lines.iter().find(|l| l.id == c.record_id).unwrap();
                match c.change {
                    ChangeKind::Added => prop_assert_eq!(line.validity.from, c.date),
                    ChangeKind::Ended => prop_assert_eq!(line.validity.to, Some(c.date)),
                    ChangeKind::Changed => prop_assert!(false, "a line does not change: {c:?}"),
                }
            }
            for w in got.changes.windows(2) {
                prop_assert!((w[0].date, w[0].change, w[0].record_kind, w[0].record_id) < (w[1].date, w[1].change, w[1].record_kind, w[1].record_id));
            }
        }
    }
}
