//! Root queries of the analysis: who decides what, reporting chains, integration profile,
//! bridges and common forums, governance gaps, stakeholder graph, structural changes.

use async_graphql::{Context, Object, ID};

use super::bridges::{Bridge, CommonForum};
use super::chains::ReportingChains;
use super::changes::StructuralChanges;
use super::decisions::WhoDecides;
use super::gaps::GovernanceGap;
use super::graph::{EdgeKind, StakeholderGraph};
use super::integration::IntegrationProfile;
use super::loaded::Loaded;
use crate::domain::analysis::cut::Capped;
use crate::domain::analysis::graph::GraphLimits;
use crate::graphql::as_of::{self, EffectiveDate};
use crate::graphql::context::{api, viewer};
use crate::graphql::cost;
use crate::graphql::enums::ReportingLineKind;
use crate::graphql::ids;
use crate::graphql::scalars::Date;
use crate::services::analysis as service;
use crate::services::record::RecordKind;

#[derive(Default)]
pub struct AnalysisQuery;

/// The items of a list answer about a mission, each with the records and the date it rests on,
/// and whether the answer was cut.
fn each<T, U>(
    found: service::Analysis<Capped<T>>,
    item: impl Fn(Loaded, EffectiveDate, T, bool) -> U,
) -> Vec<U> {
    let loaded = Loaded::new(found.records);
    let effective = EffectiveDate::new(found.on, RecordKind::Mission);
    let truncated = found.answer.truncated;
    found
        .answer
        .items
        .into_iter()
        .map(|answer| item(loaded.clone(), effective, answer, truncated))
        .collect()
}

#[Object]
impl AnalysisQuery {
    /// Who decides on a decision area in a mission: the holders grouped by kind of right, each
    /// with the path that explains why (direct grant, delegation chain with its dates, a forum's
    /// right exercised by its chair), who sits in the posts exercising it, the escalation chain
    /// above the decider and the sources that state the right. A joint decision (rights of one
    /// kind and scope sharing a `jointDecision` label) is one holder with its `parties`. The
    /// mission's own grants apply; where it has none for the area on the date, the global
    /// defaults do, and `applied` says which. NOT_FOUND for an unknown (or hidden) mission or
    /// decision area.
    #[graphql(complexity = "child_complexity + 20")]
    async fn who_decides(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: ID,
        #[graphql(
            desc = "The decision area: its code in any case, e.g. `USE_OF_FORCE` or `POC_STRATEGY`, or its ID."
        )]
        area: String,
        #[graphql(
            desc = "The date to answer for. Default: today, or the mission's last day once it has closed (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<WhoDecides> {
        let found = service::who_decides(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&mission),
            &ids::reference(&area),
            as_of::asked(ctx, as_of)?,
        )
        .await?;
        Ok(WhoDecides {
            effective: EffectiveDate::new(found.on, RecordKind::Mission),
            loaded: Loaded::new(found.records),
            answer: found.answer,
        })
    }

    /// The reporting chains from a post upwards: one per kind of line asked for and per branch
    /// (a Head of Human Rights with a LINE superior and a FUNCTIONAL one has two chains), up to
    /// the top of the mission and beyond (UN HQ) where the data has it. A cycle in the data is
    /// reported as such (`end: CYCLE`), never followed. NOT_FOUND for an unknown (or hidden)
    /// post.
    #[graphql(complexity = "child_complexity + 10")]
    async fn reporting_chain(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The post to start from, by its ID (post titles are not unique).")]
        post: ID,
        #[graphql(desc = "The kinds of line to follow (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
        #[graphql(
            desc = "The date to answer for. Default: today, or the post's last day once it has ended (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<ReportingChains> {
        let kinds: Vec<entity::enums::ReportingLineKind> = kinds
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let found = service::reporting_chain(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&post),
            &kinds,
            as_of::asked(ctx, as_of)?,
        )
        .await?;
        Ok(ReportingChains {
            effective: EffectiveDate::new(found.on, RecordKind::Post),
            loaded: Loaded::new(found.records),
            answer: found.answer,
        })
    }

    /// How integrated a mission is: integrated presence, structural integration (a post wearing
    /// DSRSG, RC and HC hats), the DSRSG each protection-relevant component sits under, the
    /// humanitarian organisations in the mission's forums and in which capacity, and the IASC
    /// caution where structural integration meets a high-risk environment. NOT_FOUND for an
    /// unknown (or hidden) mission.
    #[graphql(complexity = "child_complexity + 20")]
    async fn integration_profile(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: ID,
        #[graphql(
            desc = "The date to answer for. Default: today, or the mission's last day once it has closed (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<IntegrationProfile> {
        let found = service::integration_profile(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&mission),
            as_of::asked(ctx, as_of)?,
        )
        .await?;
        Ok(IntegrationProfile {
            effective: EffectiveDate::new(found.on, RecordKind::Mission),
            loaded: Loaded::new(found.records),
            answer: found.answer,
        })
    }

    /// The actors (organisations, components, posts) sitting both in the mission's forums and in
    /// cluster or AoR forums, with their capacity on each side, by actor. The cluster side is
    /// `cluster` and its AoRs when given, else the clusters of the mission's country and their
    /// AoRs (other countries' clusters and global ones are left out). The first `first`
    /// bridges by actor; `bridgesTruncated` on each says when more existed. NOT_FOUND for an
    /// unknown (or hidden) mission or cluster.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::BRIDGES, child_complexity) + 10"
    )]
    async fn bridges(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: ID,
        #[graphql(
            desc = "Only this cluster's forums and its AoRs' forums on the cluster side: its code in any case (e.g. `COD-PC`) or its ID."
        )]
        cluster: Option<ID>,
        #[graphql(
            desc = "The date to answer for. Default: today, or the mission's last day once it has closed (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
        #[graphql(
            desc = "How many bridges to return, from 1 to 20 (default 20): the first `first` by actor. The query is charged for this many bridges."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<Bridge>> {
        let limit = cost::first(first, cost::BRIDGES)?;
        let found = service::bridges(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&mission),
            ids::reference_optional(cluster.as_ref()).as_ref(),
            as_of::asked(ctx, as_of)?,
            limit,
        )
        .await?;
        Ok(each(found, |loaded, effective, bridge, truncated| Bridge {
            loaded,
            effective,
            bridge,
            truncated,
        }))
    }

    /// The forums in which both actors sit on the date, with the seats of each, by forum.
    /// Actors are organisations, components or posts. The first `first` forums;
    /// `forumsTruncated` on each says when more existed. NOT_FOUND for an unknown (or hidden)
    /// actor.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::COMMON_FORUMS, child_complexity) + 5"
    )]
    async fn common_forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "An organisation (its ID, or its code in any case, e.g. `UNHCR`), a component or a post (their IDs)."
        )]
        a: ID,
        #[graphql(desc = "Another organisation, component or post, given as `a` is.")] b: ID,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
        #[graphql(
            desc = "How many forums to return, from 1 to 10 (default 10): the first `first` in the answer's order. The query is charged for this many forums."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<CommonForum>> {
        let limit = cost::first(first, cost::COMMON_FORUMS)?;
        let found = service::common_forums(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&a),
            &ids::reference(&b),
            as_of::asked(ctx, as_of)?,
            limit,
        )
        .await?;
        Ok(each(found, |loaded, _, common, truncated| CommonForum {
            loaded,
            common,
            truncated,
        }))
    }

    /// What is missing or inconsistent in the mission's coordination structure: mandated tasks
    /// with no lead component, forums without a chair, clusters and AoRs without a lead agency,
    /// posts holding decision rights that are vacant (or whose holders were never recorded),
    /// decision areas with no decider or with several (a joint decision counts as one),
    /// delegations whose delegator no longer holds the right, seats of archived organisations.
    /// By severity, then code: the first `first` gaps; `gapsTruncated` on each says when more
    /// existed. NOT_FOUND for an unknown (or hidden) mission.
    #[graphql(
        complexity = "crate::graphql::cost::capped(first, crate::graphql::cost::GAPS, child_complexity) + 20"
    )]
    async fn governance_gaps(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: ID,
        #[graphql(
            desc = "The date to answer for. Default: today, or the mission's last day once it has closed (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
        #[graphql(
            desc = "How many gaps to return, from 1 to 50 (default 50): the first `first` by severity, then code. The query is charged for this many gaps."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<GovernanceGap>> {
        let limit = cost::first(first, cost::GAPS)?;
        let found = service::governance_gaps(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&mission),
            as_of::asked(ctx, as_of)?,
            limit,
        )
        .await?;
        Ok(each(found, |loaded, effective, gap, truncated| {
            GovernanceGap {
                loaded,
                effective,
                gap,
                truncated,
            }
        }))
    }

    /// The stakeholder graph of a mission (with the clusters of its country), of the missions
    /// of a country (with the country's clusters), or of a mission with the clusters of another
    /// country: nodes and typed edges, and the same graph as Graphviz DOT and Mermaid text.
    /// Give `mission`, `country` or both. The graph is cut at the `first` of its `nodes` and
    /// `edges` (200 nodes and 500 edges unless more are asked for, up to 2,000 and 5,000), and
    /// says so in `nodesTruncated` and `edgesTruncated`.
    #[graphql(complexity = "child_complexity + 50")]
    async fn stakeholder_graph(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: Option<ID>,
        #[graphql(desc = "An ISO 3166-1 alpha-3 country code, e.g. `COD`.")] country: Option<
            String,
        >,
        #[graphql(
            desc = "The date to answer for. Default: today, or the last day of `mission` once it has closed (`effectiveDate` says which)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "The kinds of edge to draw (default: every kind).")] include: Option<
            Vec<EdgeKind>,
        >,
    ) -> async_graphql::Result<StakeholderGraph> {
        let scope = service::GraphScope {
            mission: ids::reference_optional(mission.as_ref()),
            country,
        };
        let include: Vec<_> = include
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let limits = GraphLimits {
            nodes: cost::selected_first(ctx, "nodes", cost::GRAPH_NODES)?,
            edges: cost::selected_first(ctx, "edges", cost::GRAPH_EDGES)?,
        };
        let found = service::stakeholder_graph(
            &api(ctx)?.db,
            viewer(ctx)?,
            scope,
            as_of::asked(ctx, as_of)?,
            &include,
            limits,
        )
        .await?;
        Ok(StakeholderGraph::new(
            Loaded::new(found.records),
            EffectiveDate::new(found.on, RecordKind::Mission),
            found.answer,
        ))
    }

    /// What changed in the mission's structure after `from` and up to `to`: components, posts,
    /// hats, reporting lines, forums, memberships and decision rights added or ended, in date
    /// order: the earliest, up to the `first` of `changes` (100 at most; `truncated` says when
    /// more happened). BAD_USER_INPUT when `from` is after `to`; NOT_FOUND for an unknown (or
    /// hidden) mission.
    #[graphql(complexity = "child_complexity + 20")]
    async fn changes_between(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The mission: its ID, or its acronym, current or former, in any case (`MONUC` finds MONUSCO)."
        )]
        mission: ID,
        #[graphql(desc = "The first date compared.")] from: Date,
        #[graphql(desc = "The last date compared; not before `from`.")] to: Date,
    ) -> async_graphql::Result<StructuralChanges> {
        let limit = cost::selected_first(ctx, "changes", cost::CHANGES)?;
        let found = service::changes_between(
            &api(ctx)?.db,
            viewer(ctx)?,
            &ids::reference(&mission),
            from.0,
            to.0,
            limit,
        )
        .await?;
        Ok(StructuralChanges {
            loaded: Loaded::new(found.records),
            mission_id: found.subject.unwrap_or_default(),
            answer: found.answer,
        })
    }
}
