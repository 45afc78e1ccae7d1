//! Mutations of clusters, Areas of Responsibility and lead agencies.

use async_graphql::{Context, Object};

use super::inputs::{
    CreateAreaOfResponsibilityInput, CreateClusterInput, SetLeadAgencyInput,
    UpdateAreaOfResponsibilityInput, UpdateClusterInput,
};
use super::types::{AreaOfResponsibility, Cluster, LeadAgency};
use crate::graphql::common_inputs::{archive, ArchiveInput, EndInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::ids::{self, NodeKind};
use crate::services::cluster as service;

#[derive(Default)]
pub struct ClusterMutation;

#[Object]
impl ClusterMutation {
    /// Creates a cluster. A parent, if given, must be a GLOBAL cluster.
    async fn create_cluster(
        &self,
        ctx: &Context<'_>,
        input: CreateClusterInput,
    ) -> async_graphql::Result<Cluster> {
        let new = input.into_service()?;
        let created = service::create_cluster(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(Cluster(created))
    }

    /// Updates a cluster.
    async fn update_cluster(
        &self,
        ctx: &Context<'_>,
        input: UpdateClusterInput,
    ) -> async_graphql::Result<Cluster> {
        let (id, version, changes) = input.into_service()?;
        let updated =
            service::update_cluster(&api(ctx)?.db, viewer(ctx)?, id, version, changes).await?;
        Ok(Cluster(updated))
    }

    /// Archives a cluster: it keeps its AoRs, leads and history but leaves default lists.
    async fn archive_cluster(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<Cluster> {
        Ok(Cluster(
            archive::<entity::cluster::Entity>(ctx, input).await?,
        ))
    }

    /// Creates an Area of Responsibility under a cluster.
    async fn create_area_of_responsibility(
        &self,
        ctx: &Context<'_>,
        input: CreateAreaOfResponsibilityInput,
    ) -> async_graphql::Result<AreaOfResponsibility> {
        let new = input.into_service()?;
        let created = service::create_area(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(AreaOfResponsibility(created))
    }

    /// Updates an Area of Responsibility.
    async fn update_area_of_responsibility(
        &self,
        ctx: &Context<'_>,
        input: UpdateAreaOfResponsibilityInput,
    ) -> async_graphql::Result<AreaOfResponsibility> {
        let (id, version, changes) = input.into_service()?;
        let updated =
            service::update_area(&api(ctx)?.db, viewer(ctx)?, id, version, changes).await?;
        Ok(AreaOfResponsibility(updated))
    }

    /// Archives an Area of Responsibility.
    async fn archive_area_of_responsibility(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<AreaOfResponsibility> {
        Ok(AreaOfResponsibility(
            archive::<entity::area_of_responsibility::Entity>(ctx, input).await?,
        ))
    }

    /// Sets who leads or co-leads a cluster or an AoR from a date. A cluster or AoR has at most
    /// one LEAD at a time (co-leads may be several), and the same leader is not set twice over
    /// overlapping periods.
    async fn set_lead_agency(
        &self,
        ctx: &Context<'_>,
        input: SetLeadAgencyInput,
    ) -> async_graphql::Result<LeadAgency> {
        let new = input.into_service()?;
        let created = service::set_lead_agency(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(LeadAgency(created))
    }

    /// Ends a lead on a date; it stays as history.
    async fn end_lead_agency(
        &self,
        ctx: &Context<'_>,
        input: EndInput,
    ) -> async_graphql::Result<LeadAgency> {
        let id = ids::decode(&input.id, NodeKind::LeadAgency, "input.id")?;
        let ended =
            service::end_lead_agency(&api(ctx)?.db, viewer(ctx)?, id, input.version, input.on.0)
                .await?;
        Ok(LeadAgency(ended))
    }
}
