//! GraphQL types of organisations and geographic areas.

use async_graphql::Context;

use crate::graphql::cluster::LeadAgency;
use crate::graphql::context;
use crate::graphql::enums::{GeographicLevel, OrganizationKind};
use crate::graphql::forum::ForumMembership;
use crate::graphql::scalars::Date;

use crate::graphql::relations;

/// An actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, a
/// non-state armed group, the Security Council.
#[derive(Clone)]
pub struct Organization(pub(crate) entity::organization::Model);

/// An actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, a
/// non-state armed group, the Security Council.
#[async_graphql::Object]
impl Organization {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Organization, self.0.id)
    }

    /// The decision rights the organization holds on `asOf` (default today).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn decision_rights(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the rights on (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<crate::graphql::decision::DecisionRight>> {
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::HolderOrganizationId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(
            rows,
            crate::graphql::decision::DecisionRight,
        ))
    }

    /// Posts of the organisation (outside missions: the High Commissioner, the ERC) on `asOf`
    /// (default today).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the posts on (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<crate::graphql::structure::Post>> {
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::post::Entity>(
            ctx,
            entity::post::Column::OrganizationId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, crate::graphql::structure::Post))
    }

    /// Short unique code, e.g. `UNHCR`.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What kind of actor it is.
    async fn kind(&self) -> OrganizationKind {
        self.0.kind.into()
    }

    /// ISO 3166-1 alpha-3 code of the country it belongs to, for national actors.
    async fn country_code(&self) -> Option<&str> {
        self.0.country_code.as_deref()
    }

    /// Free-text description.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The organisation this one is part of (e.g. OCHA within the UN Secretariat).
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.parent_id)
                .await?
                .map(Organization),
        )
    }

    /// The organisation's seats in forums on `asOf` (default today), in every capacity.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn memberships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the memberships on (default today).")] as_of: Option<
            Date,
        >,
    ) -> async_graphql::Result<Vec<ForumMembership>> {
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::forum_membership::Entity>(
            ctx,
            entity::forum_membership::Column::MemberOrganizationId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, ForumMembership))
    }

    /// The clusters and AoRs the organisation leads or co-leads on `asOf` (default today).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn leads(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the leads on (default today).")] as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<LeadAgency>> {
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::lead_agency::Entity>(
            ctx,
            entity::lead_agency::Column::OrganizationId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, LeadAgency))
    }

    /// Organisations that are part of this one.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        let rows = relations::many::<entity::organization::Entity>(
            ctx,
            entity::organization::Column::ParentId,
            self.0.id,
            None,
        )
        .await?;
        Ok(relations::wrap(rows, Organization))
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
}

/// A place where forums and field offices work: country, state or province, sector, locality.
#[derive(Clone)]
pub struct GeographicArea(pub(crate) entity::geographic_area::Model);

/// A place where forums and field offices work: country, state or province, sector, locality.
#[async_graphql::Object]
impl GeographicArea {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(
            crate::services::record::RecordKind::GeographicArea,
            self.0.id,
        )
    }

    /// Name of the area.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Country, region, state, sector or locality.
    async fn level(&self) -> GeographicLevel {
        self.0.level.into()
    }

    /// Unique place code (p-code), if any.
    async fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// ISO 3166-1 alpha-3 code of the country.
    async fn country_code(&self) -> Option<&str> {
        self.0.country_code.as_deref()
    }

    /// The area this one lies in.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(
            relations::one::<entity::geographic_area::Entity>(ctx, self.0.parent_id)
                .await?
                .map(GeographicArea),
        )
    }

    /// The areas that lie directly in this one.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GeographicArea>> {
        let rows = relations::many::<entity::geographic_area::Entity>(
            ctx,
            entity::geographic_area::Column::ParentId,
            self.0.id,
            None,
        )
        .await?;
        Ok(relations::wrap(rows, GeographicArea))
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
}
