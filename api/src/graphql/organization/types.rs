//! GraphQL types of organisations.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use chrono::{DateTime, Utc};
use entity::organization;

use crate::graphql::context::api;
use crate::graphql::enums::{OrganizationKind, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::services;

/// An actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, a
/// non-state armed group, the Security Council.
pub struct Organization(pub(crate) organization::Model);

#[Object]
impl Organization {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Organization, self.0.id)
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
        let Some(id) = self.0.parent_id else {
            return Ok(None);
        };
        let db = &api(ctx)?.db;
        Ok(services::organization::find(db, id)
            .await?
            .map(Organization))
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.0.sensitivity.into()
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the record was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// Version for optimistic concurrency: pass it back with an update.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was archived, if it was.
    async fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.0.archived_at
    }
}

/// Filters of the organisation list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    /// Case-insensitive text matched against code and name.
    pub search: Option<String>,
    /// Only organisations of these kinds.
    pub kinds: Option<Vec<OrganizationKind>>,
    /// Include archived organisations (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<OrganizationFilter> for services::organization::OrganizationFilter {
    fn from(f: OrganizationFilter) -> Self {
        Self {
            search: f.search,
            kinds: f
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            include_archived: f.include_archived,
        }
    }
}

/// Orderings of the organisation list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganizationOrder {
    /// By code, A to Z.
    #[default]
    CodeAsc,
    /// By name, A to Z.
    NameAsc,
}

impl From<OrganizationOrder> for services::organization::OrganizationOrder {
    fn from(o: OrganizationOrder) -> Self {
        match o {
            OrganizationOrder::CodeAsc => Self::CodeAsc,
            OrganizationOrder::NameAsc => Self::NameAsc,
        }
    }
}
