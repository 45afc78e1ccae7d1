//! GraphQL types of missions.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use chrono::{DateTime, Utc};
use entity::{mission, mission_name};

use crate::graphql::context::api;
use crate::graphql::enums::{MissionKind, RiskEnvironment, Sensitivity};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::services;

/// A UN peacekeeping operation or special political mission. Missions keep their identity across
/// renames: MONUC became MONUSCO, and both acronyms find the same mission.
pub struct Mission(pub(crate) mission::Model);

#[Object]
impl Mission {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Mission, self.0.id)
    }

    /// Current acronym, e.g. `MONUSCO`.
    async fn acronym(&self) -> &str {
        &self.0.acronym
    }

    /// Current full name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Peacekeeping, special political or hybrid.
    async fn kind(&self) -> MissionKind {
        self.0.kind.into()
    }

    /// ISO 3166-1 alpha-3 code of the host country, e.g. `COD`.
    async fn country_code(&self) -> Option<&str> {
        self.0.country_code.as_deref()
    }

    /// Free-text description.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Whether the mandate includes protecting civilians under imminent threat of physical violence.
    async fn poc_mandate(&self) -> bool {
        self.0.poc_mandate
    }

    /// Whether the mandate makes protection of civilians the first priority.
    async fn poc_first_priority(&self) -> bool {
        self.0.poc_first_priority
    }

    /// Whether the mandate is given under Chapter VII of the UN Charter.
    async fn chapter_vii(&self) -> bool {
        self.0.chapter_vii
    }

    /// Whether the mandate includes human rights.
    async fn human_rights_mandate(&self) -> bool {
        self.0.human_rights_mandate
    }

    /// Whether the mission is mandated to support the host government.
    async fn supports_host_government(&self) -> bool {
        self.0.supports_host_government
    }

    /// Whether the mission conducts offensive operations.
    async fn offensive_operations(&self) -> bool {
        self.0.offensive_operations
    }

    /// Whether the mission and the UN Country Team form an integrated presence.
    async fn integrated_presence(&self) -> bool {
        self.0.integrated_presence
    }

    /// The risk of the environment the mission works in.
    async fn risk_environment(&self) -> Option<RiskEnvironment> {
        self.0.risk_environment.map(Into::into)
    }

    /// First day of the mandate.
    async fn valid_from(&self) -> Date {
        self.0.valid_from.into()
    }

    /// Day the mission closed (no longer active from that day), if it has.
    async fn valid_to(&self) -> Option<Date> {
        self.0.valid_to.map(Into::into)
    }

    /// The department leading the mission (DPKO for peacekeeping, DPA for political missions).
    async fn lead_department(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        let Some(id) = self.0.lead_department_id else {
            return Ok(None);
        };
        let db = &api(ctx)?.db;
        Ok(services::organization::find(db, id)
            .await?
            .map(Organization))
    }

    /// Names the mission had before, oldest first.
    async fn former_names(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MissionName>> {
        let db = &api(ctx)?.db;
        let names = services::mission::former_names(db, self.0.id).await?;
        Ok(names.into_iter().map(MissionName).collect())
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

/// A name a mission carried for a period.
pub struct MissionName(pub(crate) mission_name::Model);

#[Object]
impl MissionName {
    /// The acronym used in that period, e.g. `MONUC`.
    async fn acronym(&self) -> &str {
        &self.0.acronym
    }

    /// The full name used in that period.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// First day the name was used.
    async fn valid_from(&self) -> Date {
        self.0.valid_from.into()
    }

    /// First day the name was no longer used.
    async fn valid_to(&self) -> Option<Date> {
        self.0.valid_to.map(Into::into)
    }
}

/// Filters of the mission list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct MissionFilter {
    /// Case-insensitive text matched against acronym and name.
    pub search: Option<String>,
    /// Only missions of these kinds.
    pub kinds: Option<Vec<MissionKind>>,
    /// Only missions in this country (ISO 3166-1 alpha-3).
    pub country_code: Option<String>,
    /// Only missions whose mandate was running on this date.
    pub active_on: Option<Date>,
    /// Include archived missions (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<MissionFilter> for services::mission::MissionFilter {
    fn from(f: MissionFilter) -> Self {
        Self {
            search: f.search,
            kinds: f
                .kinds
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            country_code: f.country_code,
            active_on: f.active_on.map(Into::into),
            include_archived: f.include_archived,
        }
    }
}

/// Orderings of the mission list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissionOrder {
    /// By acronym, A to Z.
    #[default]
    AcronymAsc,
    /// By name, A to Z.
    NameAsc,
    /// Oldest mandate first.
    ValidFromAsc,
    /// Newest mandate first.
    ValidFromDesc,
}

impl From<MissionOrder> for services::mission::MissionOrder {
    fn from(o: MissionOrder) -> Self {
        match o {
            MissionOrder::AcronymAsc => Self::AcronymAsc,
            MissionOrder::NameAsc => Self::NameAsc,
            MissionOrder::ValidFromAsc => Self::ValidFromAsc,
            MissionOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}
