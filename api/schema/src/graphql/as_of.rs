//! Which date an answer holds on. `asOf` when it is given; otherwise today, except for a record
//! that has ended (a closed mission, a forum that was wound up): its relations, and the
//! analyses of it, answer on its last day, so a closed mission shows its last structure rather
//! than none. Answers say which date they used and why ([`EffectiveDate`]).

use async_graphql::{Context, Enum, Object};
use chrono::NaiveDate;

use super::context::request;
use super::record_fields::ValidityFields;
use super::scalars::Date;
use crate::domain::validity::{self, DateBasis, Validity};
use crate::error::AppResult;
use crate::services::analysis::AsOf;
use crate::services::record::RecordKind;

/// Why an answer holds on its date.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AsOfReason {
    /// The date given as `asOf`.
    Asked,
    /// No date was given and the record lasts (or the answer is about no single record): today.
    Today,
    /// No date was given and the record has ended: its last day (the day before `endedOn`).
    LastDay,
}

/// The date an answer holds on, and why that one.
#[derive(Clone, Copy)]
pub struct EffectiveDate {
    on: validity::EffectiveDate,
    /// What the answer is about, for the explanation (`mission`).
    about: RecordKind,
}

impl EffectiveDate {
    pub fn new(on: validity::EffectiveDate, about: RecordKind) -> Self {
        Self { on, about }
    }

    /// The date, for the answers that show it as `asOf` too.
    pub fn on(&self) -> NaiveDate {
        self.on.date
    }
}

/// The date an answer holds on, and why that one: the date asked (`asOf`); otherwise today,
/// except for a record that has ended (a closed mission), whose relations and analyses answer
/// on its last day.
#[Object]
impl EffectiveDate {
    /// The date the answer holds on.
    async fn date(&self) -> Date {
        self.on.date.into()
    }

    /// Why this date.
    async fn reason(&self) -> AsOfReason {
        match self.on.basis {
            DateBasis::Asked => AsOfReason::Asked,
            DateBasis::Today => AsOfReason::Today,
            DateBasis::LastDay { .. } => AsOfReason::LastDay,
        }
    }

    /// For LAST_DAY: the day the record ended (the first day it no longer held).
    async fn ended_on(&self) -> Option<Date> {
        match self.on.basis {
            DateBasis::LastDay { ended } => Some(ended.into()),
            _ => None,
        }
    }

    /// The reason in words, e.g. `the mission closed on 2011-07-09: answered as of its last
    /// day, 2011-07-08; give asOf for another date`.
    async fn explanation(&self) -> String {
        let date = self.on.date;
        match self.on.basis {
            DateBasis::Asked => format!("answered as of {date}, the date asked"),
            DateBasis::Today => format!("answered as of today, {date}; give asOf for another date"),
            DateBasis::LastDay { ended } => {
                let verb = if self.about == RecordKind::Mission {
                    "closed"
                } else {
                    "ended"
                };
                format!(
                    "the {} {verb} on {ended}: answered as of its last day, {date}; give asOf for another date",
                    self.about.noun()
                )
            }
        }
    }
}

/// The date asked for and today, as the analyses take them.
pub fn asked(ctx: &Context<'_>, as_of: Option<Date>) -> AppResult<AsOf> {
    Ok(AsOf {
        asked: as_of.map(|d| d.0),
        today: request(ctx)?.today,
    })
}

/// The date a relation of a record that holds over a period is read on: `asOf`; otherwise
/// today while the record lasts, and its last day once it has ended.
pub fn within(
    ctx: &Context<'_>,
    as_of: Option<Date>,
    period: impl Into<ValidityFields>,
) -> AppResult<NaiveDate> {
    Ok(choose(ctx, as_of, period)?.date)
}

fn choose(
    ctx: &Context<'_>,
    as_of: Option<Date>,
    period: impl Into<ValidityFields>,
) -> AppResult<validity::EffectiveDate> {
    let period = period.into();
    Ok(validity::EffectiveDate::choose(
        as_of.map(|d| d.0),
        request(ctx)?.today,
        Some(Validity::new(period.valid_from, period.valid_to)),
    ))
}

/// The date a record's relations are read on when asked without `asOf`, and why.
pub fn of_record(
    ctx: &Context<'_>,
    kind: RecordKind,
    period: impl Into<ValidityFields>,
) -> AppResult<EffectiveDate> {
    Ok(EffectiveDate::new(choose(ctx, None, period)?, kind))
}
