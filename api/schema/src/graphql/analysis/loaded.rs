//! The records of one analysis answer, shared by every object of the answer, and their wrapping
//! into the GraphQL types of the other areas. Answers hand out the rows the service loaded (no
//! second read); a record that was not loaded (unknown, or not visible to the caller) is absent.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::{Context, Union};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::analysis::cut::Capped;

use crate::domain::analysis::{Holder, LineSource, LineTarget, Member};
use crate::error::AppError;
use crate::graphql::cluster::{AreaOfResponsibility, Cluster, LeadAgency};
use crate::graphql::context::request;
use crate::graphql::decision::{DecisionArea, DecisionRight};
use crate::graphql::document::{Document, SourceCitation};
use crate::graphql::forum::{Forum, ForumLink, ForumMember, ForumMembership};
use crate::graphql::mission::{MandatedTask, Mission, MissionMandate, MissionName};
use crate::graphql::node::Node;
use crate::graphql::organization::Organization;
use crate::graphql::structure::{Assignment, Component, Person, Post, PostHat, ReportingLine};
use crate::services::analysis::records::Kept;
use crate::services::analysis::Records;
use crate::services::record::{RecordKind, RecordModel};

/// Who holds a decision right: a post, a component, an organisation or a forum (whose right its
/// chair exercises).
#[derive(Union, Clone)]
pub enum DecisionHolder {
    /// A post.
    Post(Post),
    /// A mission component (its head exercises the right).
    Component(Component),
    /// An organisation.
    Organization(Organization),
    /// A forum (its chair exercises the right).
    Forum(Forum),
}

/// Where a reporting line starts: a post or a component.
#[derive(Union, Clone)]
pub enum ReportingSource {
    /// A post.
    Post(Post),
    /// A component.
    Component(Component),
}

/// Where a reporting line ends: a post, or an organisation (UN HQ, the Security Council).
#[derive(Union, Clone)]
pub enum ReportingTarget {
    /// A post.
    Post(Post),
    /// An organisation.
    Organization(Organization),
}

/// The records of one answer.
#[derive(Clone)]
pub struct Loaded(Arc<Records>);

type Found<T> = async_graphql::Result<Option<T>>;

impl Loaded {
    pub fn new(records: Records) -> Self {
        Self(Arc::new(records))
    }

    pub fn records(&self) -> &Records {
        &self.0
    }

    /// The row `id` of one table, wrapped; reads of confidential rows are noted for the audit
    /// log, as relation fields do.
    fn wrap<M, T>(
        ctx: &Context<'_>,
        kind: RecordKind,
        rows: &HashMap<Uuid, M>,
        id: Uuid,
        wrap: fn(M) -> T,
    ) -> Found<T>
    where
        M: RecordModel + Clone,
    {
        let Some(row) = rows.get(&id) else {
            return Ok(None);
        };
        request(ctx)?.note_reads(kind, std::slice::from_ref(row));
        Ok(Some(wrap(row.clone())))
    }

    /// Like `wrap`, for records every answer of its kind has loaded (the mission asked about):
    /// missing means a bug, not a hidden record.
    pub fn required<T>(found: Found<T>, what: &str) -> async_graphql::Result<T> {
        found?.ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("analysis answer without its {what}")).into()
        })
    }

    pub fn mission(&self, ctx: &Context<'_>, id: Uuid) -> Found<Mission> {
        Self::wrap(
            ctx,
            RecordKind::Mission,
            &self.0.missions,
            id,
            Mission::from,
        )
    }

    /// The mission as it was on `date` (its name and mandate then).
    pub fn mission_on(&self, ctx: &Context<'_>, id: Uuid, date: NaiveDate) -> Found<Mission> {
        Ok(self.mission(ctx, id)?.map(|m| Mission::on(m.row, date)))
    }

    pub fn organization(&self, ctx: &Context<'_>, id: Uuid) -> Found<Organization> {
        Self::wrap(
            ctx,
            RecordKind::Organization,
            &self.0.organizations,
            id,
            Organization,
        )
    }

    pub fn component(&self, ctx: &Context<'_>, id: Uuid) -> Found<Component> {
        Self::wrap(
            ctx,
            RecordKind::Component,
            &self.0.components,
            id,
            Component,
        )
    }

    pub fn post(&self, ctx: &Context<'_>, id: Uuid) -> Found<Post> {
        Self::wrap(ctx, RecordKind::Post, &self.0.posts, id, Post)
    }

    pub fn posts(&self, ctx: &Context<'_>, ids: &[Uuid]) -> async_graphql::Result<Vec<Post>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.post(ctx, *id)?);
        }
        Ok(out)
    }

    pub fn assignment(&self, ctx: &Context<'_>, id: Uuid) -> Found<Assignment> {
        Self::wrap(
            ctx,
            RecordKind::Assignment,
            &self.0.assignments,
            id,
            Assignment,
        )
    }

    pub fn person(&self, ctx: &Context<'_>, id: Uuid) -> Found<Person> {
        Self::wrap(ctx, RecordKind::Person, &self.0.persons, id, Person)
    }

    pub fn reporting_line(&self, ctx: &Context<'_>, id: Uuid) -> Found<ReportingLine> {
        Self::wrap(
            ctx,
            RecordKind::ReportingLine,
            &self.0.reporting_lines,
            id,
            ReportingLine,
        )
    }

    pub fn forum(&self, ctx: &Context<'_>, id: Uuid) -> Found<Forum> {
        Self::wrap(ctx, RecordKind::Forum, &self.0.forums, id, Forum)
    }

    pub fn membership(&self, ctx: &Context<'_>, id: Uuid) -> Found<ForumMembership> {
        Self::wrap(
            ctx,
            RecordKind::ForumMembership,
            &self.0.memberships,
            id,
            ForumMembership,
        )
    }

    pub fn decision_area(&self, ctx: &Context<'_>, id: Uuid) -> Found<DecisionArea> {
        Self::wrap(
            ctx,
            RecordKind::DecisionArea,
            &self.0.decision_areas,
            id,
            DecisionArea,
        )
    }

    pub fn right(&self, ctx: &Context<'_>, id: Uuid) -> Found<DecisionRight> {
        Self::wrap(
            ctx,
            RecordKind::DecisionRight,
            &self.0.rights,
            id,
            DecisionRight,
        )
    }

    /// The citations of a record the answer loaded, by document title then locator.
    pub fn citations(
        &self,
        ctx: &Context<'_>,
        record_id: Uuid,
    ) -> async_graphql::Result<Vec<SourceCitation>> {
        let rows: Vec<_> = self
            .0
            .citations_of(record_id)
            .into_iter()
            .cloned()
            .collect();
        request(ctx)?.note_reads(RecordKind::SourceCitation, &rows);
        Ok(rows.into_iter().map(SourceCitation).collect())
    }

    pub fn member(&self, ctx: &Context<'_>, member: Member) -> Found<ForumMember> {
        Ok(match member {
            Member::Organization(id) => self.organization(ctx, id)?.map(ForumMember::Organization),
            Member::Component(id) => self.component(ctx, id)?.map(ForumMember::Component),
            Member::Post(id) => self.post(ctx, id)?.map(ForumMember::Post),
        })
    }

    pub fn holder(&self, ctx: &Context<'_>, holder: Holder) -> Found<DecisionHolder> {
        Ok(match holder {
            Holder::Post(id) => self.post(ctx, id)?.map(DecisionHolder::Post),
            Holder::Component(id) => self.component(ctx, id)?.map(DecisionHolder::Component),
            Holder::Organization(id) => self
                .organization(ctx, id)?
                .map(DecisionHolder::Organization),
            Holder::Forum(id) => self.forum(ctx, id)?.map(DecisionHolder::Forum),
        })
    }

    pub fn line_source(&self, ctx: &Context<'_>, source: LineSource) -> Found<ReportingSource> {
        Ok(match source {
            LineSource::Post(id) => self.post(ctx, id)?.map(ReportingSource::Post),
            LineSource::Component(id) => self.component(ctx, id)?.map(ReportingSource::Component),
        })
    }

    pub fn line_target(&self, ctx: &Context<'_>, target: LineTarget) -> Found<ReportingTarget> {
        Ok(match target {
            LineTarget::Post(id) => self.post(ctx, id)?.map(ReportingTarget::Post),
            LineTarget::Organization(id) => self
                .organization(ctx, id)?
                .map(ReportingTarget::Organization),
        })
    }

    /// Any loaded record, as a `Node`.
    pub fn node(&self, ctx: &Context<'_>, id: Uuid) -> Found<Node> {
        let r = &self.0;
        macro_rules! node {
            // Never loaded by an analysis.
            (geographic_area, $kind:ident) => {
                None
            };
            (mission, $kind:ident) => {
                Self::wrap(ctx, RecordKind::Mission, &r.missions, id, Mission::from)?
                    .map(Node::Mission)
            };
            ($module:ident, $kind:ident) => {
                Self::wrap(
                    ctx,
                    RecordKind::$kind,
                    <entity::$module::Model as Kept>::map_ref(r),
                    id,
                    $kind,
                )?
                .map(Node::$kind)
            };
        }
        macro_rules! nodes {
            (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
                match r.kind_of(id) {
                    None => None,
                    $(Some(RecordKind::$kind) => node!($module, $kind),)*
                }
            };
        }
        Ok(entity::for_each_record!(nodes))
    }

    /// The first `max` of the records `ids` names that the caller may see, and whether more
    /// existed: hidden records take no place and do not count.
    pub fn nodes_upto(
        &self,
        ctx: &Context<'_>,
        ids: &[Uuid],
        max: usize,
    ) -> async_graphql::Result<Capped<Node>> {
        Ok(Capped::new(self.nodes(ctx, ids)?, max))
    }

    /// The loaded records among `ids` that the caller may see, in order, as `Node`s.
    pub fn nodes(&self, ctx: &Context<'_>, ids: &[Uuid]) -> async_graphql::Result<Vec<Node>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.node(ctx, *id)?);
        }
        Ok(out)
    }
}
