//! GraphQL types of humanitarian clusters, their Areas of Responsibility and lead agencies.

use async_graphql::Context;

use crate::graphql::enums::{AorTheme, ClusterScope, ClusterSector, LeadRole};
use crate::graphql::forum::Forum;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::graphql::structure::Component;

use crate::graphql::relations;

/// A humanitarian coordination group for one sector, global (the Global Protection Cluster) or
/// in one country, or a cluster-like working group where no cluster is activated.
#[derive(Clone)]
pub struct Cluster(pub(crate) entity::cluster::Model);

/// A humanitarian coordination group for one sector, global (the Global Protection Cluster) or
/// in one country, or a cluster-like working group where no cluster is activated.
#[async_graphql::Object]
impl Cluster {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Cluster, self.0.id)
    }

    /// Short unique code, e.g. `GPC`, `PC-COD`.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Global or field.
    async fn scope(&self) -> ClusterScope {
        self.0.scope.into()
    }

    /// The humanitarian sector.
    async fn sector(&self) -> ClusterSector {
        self.0.sector.into()
    }

    /// Whether it is a cluster-like working group rather than an activated cluster.
    async fn is_cluster_like(&self) -> bool {
        self.0.is_cluster_like
    }

    /// ISO 3166-1 alpha-3 code of the country, for field clusters.
    async fn country_code(&self) -> Option<&str> {
        self.0.country_code.as_deref()
    }

    /// The global cluster a field cluster belongs to.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cluster>> {
        Ok(
            relations::one::<entity::cluster::Entity>(ctx, self.0.parent_id)
                .await?
                .map(Cluster),
        )
    }

    /// The clusters under this one on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): the field clusters of a global cluster, by code.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn children(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the clusters on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Cluster>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let mut rows = relations::many::<entity::cluster::Entity>(
            ctx,
            entity::cluster::Column::ParentId,
            self.0.id,
            Some(on),
        )
        .await?;
        rows.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(relations::wrap(rows, Cluster))
    }

    /// The cluster's Areas of Responsibility on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended), by name.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn areas_of_responsibility(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the AoRs on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<AreaOfResponsibility>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let mut rows = relations::many::<entity::area_of_responsibility::Entity>(
            ctx,
            entity::area_of_responsibility::Column::ClusterId,
            self.0.id,
            Some(on),
        )
        .await?;
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(relations::wrap(rows, AreaOfResponsibility))
    }

    /// Who leads and co-leads the cluster on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended): the LEAD first.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn lead_agencies(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the leads on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<LeadAgency>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::lead_agency::Entity>(
            ctx,
            entity::lead_agency::Column::ClusterId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(leads_first(rows), LeadAgency))
    }

    /// The cluster's coordination forums on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), by name.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the forums on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Forum>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let mut rows = relations::many::<entity::forum::Entity>(
            ctx,
            entity::forum::Column::ClusterId,
            self.0.id,
            Some(on),
        )
        .await?;
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(relations::wrap(rows, Forum))
    }

    /// The documents and paragraphs that state this record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::SOURCES, child_complexity)"
    )]
    async fn sources(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::graphql::document::SourceCitation>> {
        crate::graphql::record_fields::sources_of(ctx, self.0.id).await
    }

    #[graphql(flatten)]
    async fn record_fields(&self) -> crate::graphql::record_fields::RecordFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn archival_fields(&self) -> crate::graphql::record_fields::ArchivalFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn validity_fields(&self) -> crate::graphql::record_fields::ValidityFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn default_as_of_fields(&self) -> crate::graphql::record_fields::DefaultAsOfFields {
        (&self.0).into()
    }
}

/// A thematic Area of Responsibility of a Protection Cluster: Child Protection, Gender-Based
/// Violence, Mine Action, Housing Land and Property.
#[derive(Clone)]
pub struct AreaOfResponsibility(pub(crate) entity::area_of_responsibility::Model);

/// A thematic Area of Responsibility of a Protection Cluster: Child Protection, Gender-Based
/// Violence, Mine Action, Housing Land and Property.
#[async_graphql::Object]
impl AreaOfResponsibility {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(
            crate::services::record::RecordKind::AreaOfResponsibility,
            self.0.id,
        )
    }

    /// Name of the AoR.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Its theme.
    async fn theme(&self) -> AorTheme {
        self.0.theme.into()
    }

    /// The cluster it belongs to.
    async fn cluster(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cluster>> {
        Ok(
            relations::one::<entity::cluster::Entity>(ctx, Some(self.0.cluster_id))
                .await?
                .map(Cluster),
        )
    }

    /// The mission component that is its counterpart.
    async fn counterpart_component(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.counterpart_component_id)
                .await?
                .map(Component),
        )
    }

    /// Who leads and co-leads the AoR on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): the LEAD first.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn lead_agencies(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the leads on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<LeadAgency>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::lead_agency::Entity>(
            ctx,
            entity::lead_agency::Column::AreaOfResponsibilityId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(leads_first(rows), LeadAgency))
    }

    /// The AoR's coordination forums on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), by name.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the forums on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Forum>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let mut rows = relations::many::<entity::forum::Entity>(
            ctx,
            entity::forum::Column::AreaOfResponsibilityId,
            self.0.id,
            Some(on),
        )
        .await?;
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(relations::wrap(rows, Forum))
    }

    /// The documents and paragraphs that state this record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::SOURCES, child_complexity)"
    )]
    async fn sources(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::graphql::document::SourceCitation>> {
        crate::graphql::record_fields::sources_of(ctx, self.0.id).await
    }

    #[graphql(flatten)]
    async fn record_fields(&self) -> crate::graphql::record_fields::RecordFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn archival_fields(&self) -> crate::graphql::record_fields::ArchivalFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn validity_fields(&self) -> crate::graphql::record_fields::ValidityFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn default_as_of_fields(&self) -> crate::graphql::record_fields::DefaultAsOfFields {
        (&self.0).into()
    }
}

/// An organisation or component leading or co-leading a cluster or AoR over a period.
#[derive(Clone)]
pub struct LeadAgency(pub(crate) entity::lead_agency::Model);

/// An organisation or component leading or co-leading a cluster or AoR over a period.
#[async_graphql::Object]
impl LeadAgency {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::LeadAgency, self.0.id)
    }

    /// Lead or co-lead.
    async fn role(&self) -> LeadRole {
        self.0.role.into()
    }

    /// The cluster led (or null when an AoR is led).
    async fn cluster(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Cluster>> {
        Ok(
            relations::one::<entity::cluster::Entity>(ctx, self.0.cluster_id)
                .await?
                .map(Cluster),
        )
    }

    /// The AoR led (or null when a cluster is led).
    async fn area_of_responsibility(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<AreaOfResponsibility>> {
        Ok(relations::one::<entity::area_of_responsibility::Entity>(
            ctx,
            self.0.area_of_responsibility_id,
        )
        .await?
        .map(AreaOfResponsibility))
    }

    /// The leading organisation (or null when a component leads).
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.organization_id)
                .await?
                .map(Organization),
        )
    }

    /// The leading mission component (or null when an organisation leads).
    async fn component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.component_id)
                .await?
                .map(Component),
        )
    }

    /// The documents and paragraphs that state this record.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::SOURCES, child_complexity)"
    )]
    async fn sources(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<crate::graphql::document::SourceCitation>> {
        crate::graphql::record_fields::sources_of(ctx, self.0.id).await
    }

    #[graphql(flatten)]
    async fn record_fields(&self) -> crate::graphql::record_fields::RecordFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn validity_fields(&self) -> crate::graphql::record_fields::ValidityFields {
        (&self.0).into()
    }
}

/// The LEAD before co-leads, then the longest-standing first.
fn leads_first(mut rows: Vec<entity::lead_agency::Model>) -> Vec<entity::lead_agency::Model> {
    rows.sort_by_key(|l| (l.role != entity::enums::LeadRole::Lead, l.valid_from, l.id));
    rows
}
