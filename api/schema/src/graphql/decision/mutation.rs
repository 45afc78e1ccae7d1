//! Mutations of decision areas and decision rights.

use async_graphql::{Context, Object};

use super::inputs::{
    CreateDecisionAreaInput, DelegateDecisionRightInput, GrantDecisionRightInput,
    UpdateDecisionAreaInput,
};
use super::types::{DecisionArea, DecisionRight};
use crate::graphql::common_inputs::{archive, ArchiveInput, EndInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::decision as service;

#[derive(Default)]
pub struct DecisionMutation;

#[Object]
impl DecisionMutation {
    /// Creates a decision area.
    async fn create_decision_area(
        &self,
        ctx: &Context<'_>,
        input: CreateDecisionAreaInput,
    ) -> async_graphql::Result<DecisionArea> {
        let created = service::create_area(&api(ctx)?.db, viewer(ctx)?, input.into()).await?;
        Ok(DecisionArea(created))
    }

    /// Updates a decision area.
    async fn update_decision_area(
        &self,
        ctx: &Context<'_>,
        input: UpdateDecisionAreaInput,
    ) -> async_graphql::Result<DecisionArea> {
        let (id, version, changes) = input.into_service()?;
        let updated =
            service::update_area(&api(ctx)?.db, viewer(ctx)?, id, version, changes).await?;
        Ok(DecisionArea(updated))
    }

    /// Archives a decision area; its rights stay as history.
    async fn archive_decision_area(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<DecisionArea> {
        Ok(DecisionArea(
            archive::<entity::decision_area::Entity>(ctx, input).await?,
        ))
    }

    /// Grants a right over a decision area to a post, component, organisation or forum, in a
    /// mission or as a global default.
    async fn grant_decision_right(
        &self,
        ctx: &Context<'_>,
        input: GrantDecisionRightInput,
    ) -> async_graphql::Result<DecisionRight> {
        let new = input.into_service()?;
        let granted = service::grant_right(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(DecisionRight(granted))
    }

    /// Ends a right on a date. Every delegation hanging from it, transitively, ends on the same
    /// date (one that would only start later ends on its start: it never held). Nothing is
    /// deleted, and each change is in the audit log.
    async fn end_decision_right(
        &self,
        ctx: &Context<'_>,
        input: EndInput,
    ) -> async_graphql::Result<DecisionRight> {
        let id = ids::decode(&input.id, NodeKind::DecisionRight, "input.id")?;
        let ended =
            service::end_right(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0).await?;
        Ok(DecisionRight(ended))
    }

    /// Delegates a right to another holder, in the same decision area and mission.
    async fn delegate_decision_right(
        &self,
        ctx: &Context<'_>,
        input: DelegateDecisionRightInput,
    ) -> async_graphql::Result<DecisionRight> {
        let new = input.into_service()?;
        let delegated = service::delegate_right(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(DecisionRight(delegated))
    }
}
