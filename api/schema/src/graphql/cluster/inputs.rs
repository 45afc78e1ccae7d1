//! Arguments of the cluster lists (filters, orderings) and the inputs of their mutations.

use async_graphql::{Enum, InputObject, MaybeUndefined, ID};

use crate::graphql::enums::{AorTheme, ClusterScope, ClusterSector, LeadRole, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services::cluster as service;

/// Filters of the cluster list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct ClusterFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Only clusters of these scopes.
    pub scopes: Option<Vec<ClusterScope>>,
    /// Only clusters of these sectors.
    pub sectors: Option<Vec<ClusterSector>>,
    /// Only clusters in this country (ISO 3166-1 alpha-3).
    pub country_code: Option<String>,
    /// Only the clusters under this global cluster.
    pub parent_id: Option<ID>,
    /// Case-insensitive text matched against code and name.
    pub search: Option<String>,
    /// Only clusters active on this date. Without it, clusters of every period are listed.
    pub as_of: Option<Date>,
    /// Include archived clusters (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl ClusterFilter {
    pub fn into_service(self) -> async_graphql::Result<service::ClusterFilter> {
        Ok(service::ClusterFilter {
            search: self.search,
            scopes: self
                .scopes
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            sectors: self
                .sectors
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            country_code: self.country_code,
            parent_id: ids::decode_optional(
                self.parent_id.as_ref(),
                NodeKind::Cluster,
                "filter.parentId",
            )?,
            as_of: self.as_of.map(Into::into),
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the cluster list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClusterOrder {
    /// By code, A to Z.
    #[default]
    CodeAsc,
    /// By name, A to Z.
    NameAsc,
    /// Oldest first.
    ValidFromAsc,
    /// Newest first.
    ValidFromDesc,
}

impl From<ClusterOrder> for service::ClusterOrder {
    fn from(o: ClusterOrder) -> Self {
        match o {
            ClusterOrder::CodeAsc => Self::CodeAsc,
            ClusterOrder::NameAsc => Self::NameAsc,
            ClusterOrder::ValidFromAsc => Self::ValidFromAsc,
            ClusterOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}

/// Filters of the list of Areas of Responsibility; all given filters must hold.
#[derive(InputObject, Default)]
pub struct AreaOfResponsibilityFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Only the AoRs of this cluster.
    pub cluster_id: Option<ID>,
    /// Only AoRs of these themes.
    pub themes: Option<Vec<AorTheme>>,
    /// Case-insensitive text matched against the name.
    pub search: Option<String>,
    /// Only AoRs active on this date. Without it, AoRs of every period are listed.
    pub as_of: Option<Date>,
    /// Include archived AoRs (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl AreaOfResponsibilityFilter {
    pub fn into_service(self) -> async_graphql::Result<service::AorFilter> {
        Ok(service::AorFilter {
            cluster_id: ids::decode_optional(
                self.cluster_id.as_ref(),
                NodeKind::Cluster,
                "filter.clusterId",
            )?,
            themes: self
                .themes
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            search: self.search,
            as_of: self.as_of.map(Into::into),
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the list of Areas of Responsibility.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum AreaOfResponsibilityOrder {
    /// By name, A to Z.
    #[default]
    NameAsc,
    /// Oldest first.
    ValidFromAsc,
    /// Newest first.
    ValidFromDesc,
}

impl From<AreaOfResponsibilityOrder> for service::AorOrder {
    fn from(o: AreaOfResponsibilityOrder) -> Self {
        match o {
            AreaOfResponsibilityOrder::NameAsc => Self::NameAsc,
            AreaOfResponsibilityOrder::ValidFromAsc => Self::ValidFromAsc,
            AreaOfResponsibilityOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}

/// A new cluster.
#[derive(InputObject)]
pub struct CreateClusterInput {
    /// Unique code: 1 to 32 letters, digits, `_` or `-` starting with a letter, e.g. `PC-COD`.
    pub code: String,
    /// Full name, e.g. `Protection Cluster DRC`.
    pub name: String,
    /// Global or field.
    pub scope: ClusterScope,
    /// The humanitarian sector.
    pub sector: ClusterSector,
    /// Whether it is a cluster-like working group where no cluster is activated.
    #[graphql(default)]
    pub is_cluster_like: bool,
    /// The global cluster it belongs to; it must be a GLOBAL cluster.
    pub parent_id: Option<ID>,
    /// ISO 3166-1 alpha-3 code of the country, for field clusters.
    pub country_code: Option<String>,
    /// First day it exists.
    pub valid_from: Date,
    /// Day it was deactivated, if it was.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl CreateClusterInput {
    pub fn into_service(self) -> async_graphql::Result<service::NewCluster> {
        Ok(service::NewCluster {
            parent_id: ids::decode_optional(
                self.parent_id.as_ref(),
                NodeKind::Cluster,
                "input.parentId",
            )?,
            code: self.code,
            name: self.name,
            scope: self.scope.into(),
            sector: self.sector.into(),
            is_cluster_like: self.is_cluster_like,
            country_code: self.country_code,
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.into(),
        })
    }
}

/// Changes to a cluster. Omitted fields keep their value; `null` clears a nullable field.
#[derive(InputObject)]
pub struct UpdateClusterInput {
    /// The cluster's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Unique code.
    pub code: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Global or field. A cluster with clusters under it stays GLOBAL.
    pub scope: Option<ClusterScope>,
    /// The humanitarian sector.
    pub sector: Option<ClusterSector>,
    /// Whether it is a cluster-like working group.
    pub is_cluster_like: Option<bool>,
    /// The global cluster it belongs to; it must be GLOBAL and not under this cluster.
    pub parent_id: MaybeUndefined<ID>,
    /// Country (ISO 3166-1 alpha-3).
    pub country_code: MaybeUndefined<String>,
    /// First day it exists.
    pub valid_from: Option<Date>,
    /// Day it was deactivated.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

impl UpdateClusterInput {
    pub fn into_service(self) -> async_graphql::Result<(uuid::Uuid, i32, service::ClusterPatch)> {
        use crate::graphql::common_inputs::{patch, patch_id};
        let id = ids::decode(&self.id, NodeKind::Cluster, "input.id")?;
        let changes = service::ClusterPatch {
            code: self.code,
            name: self.name,
            scope: self.scope.map(Into::into),
            sector: self.sector.map(Into::into),
            is_cluster_like: self.is_cluster_like,
            parent_id: patch_id(self.parent_id, NodeKind::Cluster, "input.parentId")?,
            country_code: patch(self.country_code, |v| v),
            valid_from: self.valid_from.map(|d| d.0),
            valid_to: patch(self.valid_to, |d| d.0),
            sensitivity: self.sensitivity.map(Into::into),
        };
        Ok((id, self.version, changes))
    }
}

/// A new Area of Responsibility.
#[derive(InputObject)]
pub struct CreateAreaOfResponsibilityInput {
    /// The cluster it belongs to.
    pub cluster_id: ID,
    /// Name, e.g. `Child Protection AoR`.
    pub name: String,
    /// Its theme.
    pub theme: AorTheme,
    /// The mission component that is its counterpart, e.g. the Child Protection Section.
    pub counterpart_component_id: Option<ID>,
    /// First day it exists.
    pub valid_from: Date,
    /// Day it was closed, if it was.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl CreateAreaOfResponsibilityInput {
    pub fn into_service(self) -> async_graphql::Result<service::NewAor> {
        Ok(service::NewAor {
            cluster_id: ids::decode(&self.cluster_id, NodeKind::Cluster, "input.clusterId")?,
            counterpart_component_id: ids::decode_optional(
                self.counterpart_component_id.as_ref(),
                NodeKind::Component,
                "input.counterpartComponentId",
            )?,
            name: self.name,
            theme: self.theme.into(),
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.into(),
        })
    }
}

/// Changes to an Area of Responsibility. Omitted fields keep their value; `null` clears a
/// nullable field.
#[derive(InputObject)]
pub struct UpdateAreaOfResponsibilityInput {
    /// The AoR's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// The cluster it belongs to.
    pub cluster_id: Option<ID>,
    /// Name.
    pub name: Option<String>,
    /// Theme.
    pub theme: Option<AorTheme>,
    /// The counterpart mission component.
    pub counterpart_component_id: MaybeUndefined<ID>,
    /// First day it exists.
    pub valid_from: Option<Date>,
    /// Day it was closed.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

impl UpdateAreaOfResponsibilityInput {
    pub fn into_service(self) -> async_graphql::Result<(uuid::Uuid, i32, service::AorPatch)> {
        use crate::graphql::common_inputs::{patch, patch_id};
        let id = ids::decode(&self.id, NodeKind::AreaOfResponsibility, "input.id")?;
        let changes = service::AorPatch {
            cluster_id: ids::decode_optional(
                self.cluster_id.as_ref(),
                NodeKind::Cluster,
                "input.clusterId",
            )?,
            name: self.name,
            theme: self.theme.map(Into::into),
            counterpart_component_id: patch_id(
                self.counterpart_component_id,
                NodeKind::Component,
                "input.counterpartComponentId",
            )?,
            valid_from: self.valid_from.map(|d| d.0),
            valid_to: patch(self.valid_to, |d| d.0),
            sensitivity: self.sensitivity.map(Into::into),
        };
        Ok((id, self.version, changes))
    }
}

/// Who leads or co-leads a cluster or an AoR, from when. Give exactly one of `clusterId` and
/// `areaOfResponsibilityId`, and exactly one of `organizationId` and `componentId`.
#[derive(InputObject)]
pub struct SetLeadAgencyInput {
    /// The cluster led.
    pub cluster_id: Option<ID>,
    /// The AoR led.
    pub area_of_responsibility_id: Option<ID>,
    /// The leading organisation, e.g. UNHCR.
    pub organization_id: Option<ID>,
    /// The leading mission component, e.g. a Human Rights Component co-leading.
    pub component_id: Option<ID>,
    /// LEAD (at most one at a time) or CO_LEAD (default LEAD).
    #[graphql(default_with = "LeadRole::Lead")]
    pub role: LeadRole,
    /// First day of the lead.
    pub valid_from: Date,
    /// Day the lead ends, if known.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

impl SetLeadAgencyInput {
    pub fn into_service(self) -> async_graphql::Result<service::NewLeadAgency> {
        let cluster = ids::decode_optional(
            self.cluster_id.as_ref(),
            NodeKind::Cluster,
            "input.clusterId",
        )?;
        let area = ids::decode_optional(
            self.area_of_responsibility_id.as_ref(),
            NodeKind::AreaOfResponsibility,
            "input.areaOfResponsibilityId",
        )?;
        let organization = ids::decode_optional(
            self.organization_id.as_ref(),
            NodeKind::Organization,
            "input.organizationId",
        )?;
        let component = ids::decode_optional(
            self.component_id.as_ref(),
            NodeKind::Component,
            "input.componentId",
        )?;
        Ok(service::NewLeadAgency {
            led: service::Led::exactly_one(cluster, area)?,
            leader: service::Leader::exactly_one(organization, component)?,
            role: self.role.into(),
            valid_from: self.valid_from.0,
            valid_to: self.valid_to.map(|d| d.0),
            sensitivity: self.sensitivity.into(),
        })
    }
}
