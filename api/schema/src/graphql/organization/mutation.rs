//! Mutations of organisations and geographic areas.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};

use super::types::{GeographicArea, Organization};
use crate::graphql::common_inputs::{archive, patch, patch_id, ArchiveInput};
use crate::graphql::context::{api, viewer};
use crate::graphql::enums::{GeographicLevel, OrganizationKind, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::services::{geography, organization as service};

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// Unique code: letters, digits, `_` or `-`, e.g. `UNHCR`.
    pub code: String,
    /// Full name.
    pub name: String,
    /// What kind of actor it is.
    pub kind: OrganizationKind,
    /// The organisation it is part of.
    pub parent_id: Option<ID>,
    /// ISO 3166-1 alpha-3 code of its country, for national actors.
    pub country_code: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to an organisation; omitted fields keep their value, `null` clears. The code does
/// not change: it is the organisation's natural key.
#[derive(InputObject)]
pub struct UpdateOrganizationInput {
    /// The organisation's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Full name.
    pub name: Option<String>,
    /// Kind of actor.
    pub kind: Option<OrganizationKind>,
    /// Parent organisation.
    pub parent_id: MaybeUndefined<ID>,
    /// Country (ISO 3166-1 alpha-3).
    pub country_code: MaybeUndefined<String>,
    /// Description.
    pub description: MaybeUndefined<String>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

/// A new geographic area.
#[derive(InputObject)]
pub struct CreateGeographicAreaInput {
    /// Name.
    pub name: String,
    /// Country, region, state, sector or locality.
    pub level: GeographicLevel,
    /// Unique place code (p-code).
    pub code: Option<String>,
    /// Country (ISO 3166-1 alpha-3).
    pub country_code: Option<String>,
    /// The area it lies in.
    pub parent_id: Option<ID>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a geographic area; omitted fields keep their value, `null` clears.
#[derive(InputObject)]
pub struct UpdateGeographicAreaInput {
    /// The area's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Name.
    pub name: Option<String>,
    /// Level.
    pub level: Option<GeographicLevel>,
    /// Place code.
    pub code: MaybeUndefined<String>,
    /// Country.
    pub country_code: MaybeUndefined<String>,
    /// The area it lies in.
    pub parent_id: MaybeUndefined<ID>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    /// Creates an organisation.
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganizationInput,
    ) -> async_graphql::Result<Organization> {
        let new = service::NewOrganization {
            code: input.code,
            name: input.name,
            kind: input.kind.into(),
            parent_id: ids::decode_optional(
                input.parent_id.as_ref(),
                NodeKind::Organization,
                "input.parentId",
            )?,
            country_code: input.country_code,
            description: input.description,
            sensitivity: input.sensitivity.into(),
        };
        Ok(Organization(
            service::create(&api(ctx)?.db, viewer(ctx)?, new).await?,
        ))
    }

    /// Updates an organisation.
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganizationInput,
    ) -> async_graphql::Result<Organization> {
        let id = ids::decode(&input.id, NodeKind::Organization, "input.id")?;
        let changes = service::OrganizationPatch {
            name: input.name,
            kind: input.kind.map(Into::into),
            parent_id: patch_id(input.parent_id, NodeKind::Organization, "input.parentId")?,
            country_code: patch(input.country_code, |v| v),
            description: patch(input.description, |v| v),
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(Organization(
            service::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives an organisation: its memberships and leads stay in the history.
    async fn archive_organization(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<Organization> {
        Ok(Organization(
            archive::<entity::organization::Entity>(ctx, input).await?,
        ))
    }

    /// Creates a geographic area.
    async fn create_geographic_area(
        &self,
        ctx: &Context<'_>,
        input: CreateGeographicAreaInput,
    ) -> async_graphql::Result<GeographicArea> {
        let fields = geography::AreaFields {
            name: input.name,
            level: input.level.into(),
            code: input.code,
            country_code: input.country_code,
            parent_id: ids::decode_optional(
                input.parent_id.as_ref(),
                NodeKind::GeographicArea,
                "input.parentId",
            )?,
            sensitivity: input.sensitivity.into(),
        };
        Ok(GeographicArea(
            geography::create(&api(ctx)?.db, viewer(ctx)?, fields).await?,
        ))
    }

    /// Updates a geographic area.
    async fn update_geographic_area(
        &self,
        ctx: &Context<'_>,
        input: UpdateGeographicAreaInput,
    ) -> async_graphql::Result<GeographicArea> {
        let id = ids::decode(&input.id, NodeKind::GeographicArea, "input.id")?;
        let changes = geography::AreaPatch {
            name: input.name,
            level: input.level.map(Into::into),
            code: patch(input.code, |v| v),
            country_code: patch(input.country_code, |v| v),
            parent_id: patch_id(input.parent_id, NodeKind::GeographicArea, "input.parentId")?,
            sensitivity: input.sensitivity.map(Into::into),
        };
        Ok(GeographicArea(
            geography::update(&api(ctx)?.db, viewer(ctx)?, id, input.version, changes).await?,
        ))
    }

    /// Archives a geographic area.
    async fn archive_geographic_area(
        &self,
        ctx: &Context<'_>,
        input: ArchiveInput,
    ) -> async_graphql::Result<GeographicArea> {
        Ok(GeographicArea(
            archive::<entity::geographic_area::Entity>(ctx, input).await?,
        ))
    }
}
