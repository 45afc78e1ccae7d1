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
use crate::domain::analysis::Member;
use crate::error::AppError;
use crate::graphql::context::{api, as_of, viewer};
use crate::graphql::enums::ReportingLineKind;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::analysis as service;

#[derive(Default)]
pub struct AnalysisQuery;

/// An actor of `commonForums`: an organisation, a component or a post.
fn actor(id: &ID, field: &str) -> async_graphql::Result<Member> {
    let (kind, uuid) = ids::decode_any(id.as_str(), field)?;
    Ok(match kind {
        NodeKind::Organization => Member::Organization(uuid),
        NodeKind::Component => Member::Component(uuid),
        NodeKind::Post => Member::Post(uuid),
        other => {
            return Err(AppError::invalid(
                field,
                format!(
                    "`{field}` must identify an organisation, a component or a post, but identifies a {}",
                    other.noun()
                ),
            )
            .into())
        }
    })
}

#[Object]
impl AnalysisQuery {
    /// Who decides on a decision area in a mission: the holders grouped by kind of right, each
    /// with the path that explains why (direct grant, delegation chain with its dates, a forum's
    /// right exercised by its chair), who sits in the posts exercising it, the escalation chain
    /// above the decider and the sources that state the right. A joint decision (rights of one
    /// kind and scope sharing a `jointDecision` label) is one holder with its `parties`. The
    /// mission's own grants apply; where it has none for the area on the date, the global
    /// defaults do, and `applied` says which. NOT_FOUND for an unknown mission or area code.
    #[graphql(complexity = "child_complexity + 20")]
    async fn who_decides(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: ID,
        #[graphql(
            desc = "The decision area's code, e.g. `USE_OF_FORCE` or `POC_STRATEGY` (case-insensitive)."
        )]
        area: String,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<WhoDecides> {
        let mission = ids::decode(&mission, NodeKind::Mission, "mission")?;
        let on = self::as_of(ctx, as_of)?;
        let found = service::who_decides(&api(ctx)?.db, viewer(ctx)?, mission, &area, on).await?;
        Ok(WhoDecides {
            loaded: Loaded::new(found.records),
            answer: found.answer,
        })
    }

    /// The reporting chains from a post upwards: one per kind of line asked for and per branch
    /// (a Head of Human Rights with a LINE superior and a FUNCTIONAL one has two chains), up to
    /// the top of the mission and beyond (UN HQ) where the data has it. A cycle in the data is
    /// reported as such (`end: CYCLE`), never followed. NOT_FOUND for an unknown post.
    #[graphql(complexity = "child_complexity + 10")]
    async fn reporting_chain(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The post to start from.")] post: ID,
        #[graphql(desc = "The kinds of line to follow (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<ReportingChains> {
        let post = ids::decode(&post, NodeKind::Post, "post")?;
        let kinds: Vec<entity::enums::ReportingLineKind> = kinds
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let on = self::as_of(ctx, as_of)?;
        let found = service::reporting_chain(&api(ctx)?.db, viewer(ctx)?, post, &kinds, on).await?;
        Ok(ReportingChains {
            loaded: Loaded::new(found.records),
            post_id: post,
            as_of: on,
            answer: found.answer,
        })
    }

    /// How integrated a mission is: integrated presence, structural integration (a post wearing
    /// DSRSG, RC and HC hats), the DSRSG each protection-relevant component sits under, the
    /// humanitarian organisations in the mission's forums and in which capacity, and the IASC
    /// caution where structural integration meets a high-risk environment. NOT_FOUND for an
    /// unknown mission.
    #[graphql(complexity = "child_complexity + 20")]
    async fn integration_profile(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: ID,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<IntegrationProfile> {
        let mission = ids::decode(&mission, NodeKind::Mission, "mission")?;
        let on = self::as_of(ctx, as_of)?;
        let found = service::integration_profile(&api(ctx)?.db, viewer(ctx)?, mission, on).await?;
        Ok(IntegrationProfile {
            loaded: Loaded::new(found.records),
            answer: found.answer,
        })
    }

    /// The actors (organisations, components, posts) sitting both in the mission's forums and in
    /// cluster or AoR forums, with their capacity on each side, by actor. The cluster side is
    /// `cluster` and its AoRs when given, else the clusters of the mission's country and their
    /// AoRs (other countries' clusters and global ones are left out). NOT_FOUND for an unknown
    /// mission or cluster.
    #[graphql(complexity = "20 * child_complexity + 10")]
    async fn bridges(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: ID,
        #[graphql(desc = "Only this cluster's forums and its AoRs' forums on the cluster side.")]
        cluster: Option<ID>,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Bridge>> {
        let mission = ids::decode(&mission, NodeKind::Mission, "mission")?;
        let cluster = ids::decode_optional(cluster.as_ref(), NodeKind::Cluster, "cluster")?;
        let on = self::as_of(ctx, as_of)?;
        let found = service::bridges(&api(ctx)?.db, viewer(ctx)?, mission, cluster, on).await?;
        let loaded = Loaded::new(found.records);
        Ok(found
            .answer
            .into_iter()
            .map(|bridge| Bridge {
                loaded: loaded.clone(),
                bridge,
            })
            .collect())
    }

    /// The forums in which both actors sit on the date, with the seats of each, by forum.
    /// Actors are organisations, components or posts. NOT_FOUND for an unknown actor.
    #[graphql(complexity = "10 * child_complexity + 5")]
    async fn common_forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "An organisation, component or post.")] a: ID,
        #[graphql(desc = "Another organisation, component or post.")] b: ID,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<CommonForum>> {
        let a = actor(&a, "a")?;
        let b = actor(&b, "b")?;
        let on = self::as_of(ctx, as_of)?;
        let found = service::common_forums(&api(ctx)?.db, viewer(ctx)?, a, b, on).await?;
        let loaded = Loaded::new(found.records);
        Ok(found
            .answer
            .into_iter()
            .map(|common| CommonForum {
                loaded: loaded.clone(),
                common,
            })
            .collect())
    }

    /// What is missing or inconsistent in the mission's coordination structure: mandated tasks
    /// with no lead component, forums without a chair, clusters and AoRs without a lead agency,
    /// posts holding decision rights that are vacant (or whose holders were never recorded),
    /// decision areas with no decider or with several (a joint decision counts as one),
    /// delegations whose delegator no longer holds the right, seats of archived organisations.
    /// By severity, then code. NOT_FOUND for an unknown mission.
    #[graphql(complexity = "50 * child_complexity + 20")]
    async fn governance_gaps(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: ID,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<GovernanceGap>> {
        let mission = ids::decode(&mission, NodeKind::Mission, "mission")?;
        let on = self::as_of(ctx, as_of)?;
        let found = service::governance_gaps(&api(ctx)?.db, viewer(ctx)?, mission, on).await?;
        let loaded = Loaded::new(found.records);
        Ok(found
            .answer
            .into_iter()
            .map(|gap| GovernanceGap {
                loaded: loaded.clone(),
                gap,
            })
            .collect())
    }

    /// The stakeholder graph of a mission (with the clusters of its country), of the missions
    /// of a country (with the country's clusters), or of a mission with the clusters of another
    /// country: nodes and typed edges, and the same graph as Graphviz DOT and Mermaid text.
    /// Give `mission`, `country` or both.
    #[graphql(complexity = "child_complexity + 50")]
    async fn stakeholder_graph(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: Option<ID>,
        #[graphql(desc = "An ISO 3166-1 alpha-3 country code, e.g. `COD`.")] country: Option<
            String,
        >,
        #[graphql(desc = "The date to answer for (default today).")] as_of: Option<Date>,
        #[graphql(desc = "The kinds of edge to draw (default: every kind).")] include: Option<
            Vec<EdgeKind>,
        >,
    ) -> async_graphql::Result<StakeholderGraph> {
        let scope = service::GraphScope {
            mission: ids::decode_optional(mission.as_ref(), NodeKind::Mission, "mission")?,
            country,
        };
        let include: Vec<_> = include
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        let on = self::as_of(ctx, as_of)?;
        let found =
            service::stakeholder_graph(&api(ctx)?.db, viewer(ctx)?, scope, on, &include).await?;
        Ok(StakeholderGraph::new(
            Loaded::new(found.records),
            on,
            found.answer,
        ))
    }

    /// What changed in the mission's structure after `from` and up to `to`: components, posts,
    /// hats, reporting lines, forums, memberships and decision rights added or ended, in date
    /// order. BAD_USER_INPUT when `from` is after `to`; NOT_FOUND for an unknown mission.
    #[graphql(complexity = "child_complexity + 20")]
    async fn changes_between(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The mission.")] mission: ID,
        #[graphql(desc = "The first date compared.")] from: Date,
        #[graphql(desc = "The last date compared; not before `from`.")] to: Date,
    ) -> async_graphql::Result<StructuralChanges> {
        let mission = ids::decode(&mission, NodeKind::Mission, "mission")?;
        let found =
            service::changes_between(&api(ctx)?.db, viewer(ctx)?, mission, from.0, to.0).await?;
        Ok(StructuralChanges {
            loaded: Loaded::new(found.records),
            mission_id: mission,
            answer: found.answer,
        })
    }
}
