//! Reporting chains: the answer of `reportingChain`, and the escalation chains of `whoDecides`.

use async_graphql::{Context, Enum, Object};

use super::loaded::{Loaded, ReportingSource, ReportingTarget};
use crate::domain::analysis::chains::{self as pure, ChainEnd as PureEnd, ChainStep};
use crate::domain::analysis::{LineSource, LineTarget};
use crate::graphql::as_of::EffectiveDate;
use crate::graphql::enums::ReportingLineKind;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Post, ReportingLine};

/// The reporting chains from a post upwards.
pub struct ReportingChains {
    pub(super) effective: EffectiveDate,
    pub(super) loaded: Loaded,
    pub(super) answer: pure::ReportingChains,
}

/// The reporting chains from a post upwards on a date: one per kind of line and per branch
/// (a post with a LINE and a FUNCTIONAL superior has two chains).
#[Object]
impl ReportingChains {
    /// The post the chains start from.
    async fn start(&self, ctx: &Context<'_>) -> async_graphql::Result<Post> {
        let post = match self.answer.start {
            LineSource::Post(id) => self.loaded.post(ctx, id),
            LineSource::Component(_) => Ok(None),
        };
        Loaded::required(post, "post")
    }

    /// The date the chains hold on.
    async fn as_of(&self) -> Date {
        self.effective.on().into()
    }

    /// The date the chains hold on and why: the `asOf` given, today, or the post's last day
    /// when it has ended (with its mission) and no date was given.
    async fn effective_date(&self) -> &EffectiveDate {
        &self.effective
    }

    /// The chains, by kind (LINE, FUNCTIONAL, COMMAND, COORDINATION), then by the targets of
    /// their steps. Kinds for which the post has no superior yield no chain.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::CHAINS, child_complexity)"
    )]
    async fn chains(&self) -> Vec<ReportingChain> {
        self.answer
            .chains
            .iter()
            .map(|c| ReportingChain::new(&self.loaded, c))
            .collect()
    }

    /// Some chains were left out or cut to keep the answer bounded.
    async fn truncated(&self) -> bool {
        self.answer.truncated
    }
}

/// Why a chain stops.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ChainEnd {
    /// The last post has no superior of the chain's kind.
    Top,
    /// The last line goes to an organisation (UN HQ, the Security Council, OHCHR).
    Organization,
    /// The last line goes back to a post already on the chain: the data has a cycle, reported
    /// rather than followed.
    Cycle,
    /// The chain was cut at its maximum length.
    Truncated,
}

/// One path upwards along reporting lines of one kind.
pub struct ReportingChain {
    loaded: Loaded,
    chain: pure::Chain,
}

impl ReportingChain {
    pub(super) fn new(loaded: &Loaded, chain: &pure::Chain) -> Self {
        Self {
            loaded: loaded.clone(),
            chain: chain.clone(),
        }
    }
}

/// One path upwards along reporting lines of one kind, as a list of steps.
#[Object]
impl ReportingChain {
    /// The kind of every line of the chain.
    async fn kind(&self) -> ReportingLineKind {
        self.chain.kind.into()
    }

    /// The lines taken, from the start upwards; at least one.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::CHAIN_STEPS, child_complexity)"
    )]
    async fn steps(&self) -> Vec<ReportingChainStep> {
        self.chain
            .steps
            .iter()
            .map(|s| ReportingChainStep {
                loaded: self.loaded.clone(),
                step: *s,
            })
            .collect()
    }

    /// Why the chain stops.
    async fn end(&self) -> ChainEnd {
        match self.chain.end {
            PureEnd::Top { .. } => ChainEnd::Top,
            PureEnd::Organization { .. } => ChainEnd::Organization,
            PureEnd::Cycle { .. } => ChainEnd::Cycle,
            PureEnd::Truncated => ChainEnd::Truncated,
        }
    }

    /// Where the chain ends: the top post, the organisation, or for a CYCLE the post met again.
    async fn top(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ReportingTarget>> {
        let target = match self.chain.end {
            PureEnd::Top { post } | PureEnd::Cycle { repeated: post } => LineTarget::Post(post),
            PureEnd::Organization { organization } => LineTarget::Organization(organization),
            PureEnd::Truncated => match self.chain.steps.last() {
                Some(step) => step.to,
                None => return Ok(None),
            },
        };
        self.loaded.line_target(ctx, target)
    }

    /// For a CYCLE, the post the last line goes back to.
    async fn repeated_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        match self.chain.end {
            PureEnd::Cycle { repeated } => self.loaded.post(ctx, repeated),
            _ => Ok(None),
        }
    }
}

/// One reporting line taken.
pub struct ReportingChainStep {
    loaded: Loaded,
    step: ChainStep,
}

/// One reporting line taken on the way up.
#[Object]
impl ReportingChainStep {
    /// The reporting line.
    async fn line(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ReportingLine>> {
        self.loaded.reporting_line(ctx, self.step.line_id)
    }

    /// Who reports.
    async fn from(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ReportingSource>> {
        self.loaded.line_source(ctx, self.step.from)
    }

    /// To whom; null when the caller may not see the superior.
    async fn to(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<ReportingTarget>> {
        self.loaded.line_target(ctx, self.step.to)
    }

    /// First day the line holds.
    async fn valid_from(&self) -> Date {
        self.step.validity.from.into()
    }

    /// First day the line no longer holds; null while it does.
    async fn valid_to(&self) -> Option<Date> {
        self.step.validity.to.map(Into::into)
    }
}
