//! The answer of `changesBetween`.

use async_graphql::{Context, Enum, Object};

use super::loaded::Loaded;
use crate::domain::analysis::cut;
use crate::domain::analysis::diff::{
    self as pure, ChangeKind as PureChange, RecordKind as PureRecord,
};
use crate::graphql::cost;
use crate::graphql::mission::Mission;
use crate::graphql::node::Node;
use crate::graphql::scalars::Date;

/// Whether a record started or stopped holding.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum StructuralChangeKind {
    /// It stopped holding on the date (listed before what started on the same date).
    Ended,
    /// It started holding on the date.
    Added,
    /// An attribute of the mission (its acronym, its name, an attribute of its mandate) took a
    /// new value on the date: `attribute`, `before` and `after` say which and how.
    Changed,
}

/// Which kind of record changed.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ChangedRecordKind {
    /// A former name of the mission: the rename that ended it.
    MissionName,
    /// A mandate of the mission.
    MissionMandate,
    /// A mandated task.
    MandatedTask,
    /// A component.
    Component,
    /// A post.
    Post,
    /// A hat a post wears.
    Hat,
    /// A reporting line.
    ReportingLine,
    /// A forum.
    Forum,
    /// A seat in a forum.
    Membership,
    /// A decision right.
    DecisionRight,
}

/// What changed in a mission's structure between two dates.
pub struct StructuralChanges {
    pub(super) loaded: Loaded,
    pub(super) mission_id: uuid::Uuid,
    pub(super) answer: pure::StructuralChanges,
}

/// What changed in a mission after `from` and up to `to` (included): its renames and the
/// attributes its new mandates changed, and components, posts, hats, reporting lines, forums,
/// memberships, decision rights and mandated tasks added or ended, in date order. The mission
/// on `to` is the mission on `from` with these changes applied.
#[Object]
impl StructuralChanges {
    /// The mission.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Mission> {
        Loaded::required(
            self.loaded.mission_on(ctx, self.mission_id, self.answer.to),
            "mission",
        )
    }

    /// The first date compared (changes on it are not listed: they are part of its structure).
    async fn from(&self) -> Date {
        self.answer.from.into()
    }

    /// The last date compared (changes on it are listed).
    async fn to(&self) -> Date {
        self.answer.to.into()
    }

    /// The changes, by date; on one date, what ended before what was added: the earliest
    /// `first` of them (`truncated` says when more happened). Seen by whoever may ask for the
    /// changes.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::CHANGES, child_complexity)"
    )]
    async fn changes(
        &self,
        #[graphql(
            desc = "How many changes to return, from 1 to 100 (default 100): the earliest `first`. The query is charged for this many changes."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<StructuralChange>> {
        let size = cost::first(first, cost::CHANGES)?;
        Ok(cut::first(&self.answer.changes, size)
            .0
            .iter()
            .map(|c| StructuralChange {
                loaded: self.loaded.clone(),
                change: c.clone(),
            })
            .collect())
    }

    /// More changes happened than the answer lists: it holds the earliest, as many as the
    /// `first` of `changes` (the largest one, when the query selects `changes` twice; 100 when
    /// not given).
    async fn truncated(&self) -> bool {
        self.answer.truncated
    }
}

/// One change.
pub struct StructuralChange {
    loaded: Loaded,
    change: pure::Change,
}

/// One record added or ended on a date.
#[Object]
impl StructuralChange {
    /// The date: the record's first day (ADDED) or its first day without it (ENDED).
    async fn date(&self) -> Date {
        self.change.date.into()
    }

    /// Added or ended.
    async fn change(&self) -> StructuralChangeKind {
        match self.change.change {
            PureChange::Added => StructuralChangeKind::Added,
            PureChange::Ended => StructuralChangeKind::Ended,
            PureChange::Changed => StructuralChangeKind::Changed,
        }
    }

    /// Which kind of record.
    async fn record_kind(&self) -> ChangedRecordKind {
        match self.change.record_kind {
            PureRecord::MissionName => ChangedRecordKind::MissionName,
            PureRecord::MissionMandate => ChangedRecordKind::MissionMandate,
            PureRecord::MandatedTask => ChangedRecordKind::MandatedTask,
            PureRecord::Component => ChangedRecordKind::Component,
            PureRecord::Post => ChangedRecordKind::Post,
            PureRecord::Hat => ChangedRecordKind::Hat,
            PureRecord::ReportingLine => ChangedRecordKind::ReportingLine,
            PureRecord::Forum => ChangedRecordKind::Forum,
            PureRecord::Membership => ChangedRecordKind::Membership,
            PureRecord::DecisionRight => ChangedRecordKind::DecisionRight,
        }
    }

    /// The record.
    async fn record(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        self.loaded.node(ctx, self.change.record_id)
    }

    /// The records it connects: the post a hat is on, a line's ends, a seat's forum and member,
    /// a right's area and holder (those the caller may see).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::CHANGE_RELATED, child_complexity)"
    )]
    async fn related(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Node>> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.change.related, cost::CHANGE_RELATED)?
            .items)
    }

    /// More related records existed than the 2 listed (the list is cut at 2, which the query is
    /// charged for). Seen by whoever may see this answer.
    async fn related_truncated(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self
            .loaded
            .nodes_upto(ctx, &self.change.related, cost::CHANGE_RELATED)?
            .truncated)
    }

    /// The change in words.
    async fn description(&self) -> &str {
        &self.change.description
    }

    /// For CHANGED: the attribute, by its API name (`acronym`, `name`, `pocFirstPriority`,
    /// `riskEnvironment`, ...).
    async fn attribute(&self) -> Option<&str> {
        self.change.attribute.as_ref().map(|d| d.attribute)
    }

    /// For CHANGED: the value before (`MONUC`, `false`, `HIGH`, `null`).
    async fn before(&self) -> Option<&str> {
        self.change.attribute.as_ref().map(|d| d.before.as_str())
    }

    /// For CHANGED: the value after.
    async fn after(&self) -> Option<&str> {
        self.change.attribute.as_ref().map(|d| d.after.as_str())
    }

    /// The sources of the changed record (those the caller may see): where its dates come
    /// from, and whether they are marked illustrative.
    #[graphql(complexity = "5 * child_complexity")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::graphql::document::SourceCitation>> {
        self.loaded.citations(ctx, self.change.record_id)
    }
}
