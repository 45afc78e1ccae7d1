//! GraphQL types of missions, their former names and mandated tasks.

use async_graphql::Context;

use crate::graphql::cluster::Cluster;
use crate::graphql::decision::DecisionRight;
use crate::graphql::document::Document;
use crate::graphql::enums::{MandatedTaskCategory, MissionKind, RiskEnvironment};
use crate::graphql::forum::Forum;
use crate::graphql::loaders::ParentKey;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

/// A UN peacekeeping operation or special political mission. Missions keep their identity across
/// renames: MONUC became MONUSCO, and both acronyms find the same mission.
#[derive(Clone)]
pub struct Mission(pub(crate) entity::mission::Model);

/// A UN peacekeeping operation or special political mission. Missions keep their identity across
/// renames: MONUC became MONUSCO, and both acronyms find the same mission.
#[async_graphql::Object]
impl Mission {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Mission, self.0.id)
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

    /// Whether the mandate includes protecting civilians under imminent threat of physical
    /// violence.
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

    /// The department leading the mission (DPKO for peacekeeping, DPA for political missions).
    async fn lead_department(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.lead_department_id)
                .await?
                .map(Organization),
        )
    }

    /// Names the mission had before, oldest first.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn former_names(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MissionName>> {
        let mut rows = relations::many::<entity::mission_name::Entity>(
            ctx,
            entity::mission_name::Column::MissionId,
            self.0.id,
            None,
        )
        .await?;
        rows.sort_by_key(|n| n.valid_from);
        Ok(relations::wrap(rows, MissionName))
    }

    /// The mission's components on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended). With `topLevelOnly`, only those with no parent: walk `children` from there to draw
    /// the tree.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn components(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "Only components with no parent component.", default)]
        top_level_only: bool,
    ) -> async_graphql::Result<Vec<Component>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::component::Entity>(
            ctx,
            entity::component::Column::MissionId,
            self.0.id,
            Some(on),
        )
        .await?;
        let rows = rows
            .into_iter()
            .filter(|c| !top_level_only || c.parent_id.is_none())
            .collect();
        Ok(relations::wrap(rows, Component))
    }

    /// The mission's posts on `asOf` (default `defaultAsOf`: today, or the last day once ended).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn posts(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Post>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::post::Entity>(
            ctx,
            entity::post::Column::MissionId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Post))
    }

    /// The mission's coordination forums on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended).
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
        let rows = relations::many::<entity::forum::Entity>(
            ctx,
            entity::forum::Column::MissionId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Forum))
    }

    /// The tasks mandated on `asOf` (default `defaultAsOf`: today, or the last day once ended).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn mandated_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the mandate on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<MandatedTask>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::mandated_task::Entity>(
            ctx,
            entity::mandated_task::Column::MissionId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, MandatedTask))
    }

    /// The mission's documents (strategies, CONOPS, protocols).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn documents(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Document>> {
        let rows = relations::many::<entity::document::Entity>(
            ctx,
            entity::document::Column::MissionId,
            self.0.id,
            None,
        )
        .await?;
        Ok(relations::wrap(rows, Document))
    }

    /// Field clusters working alongside the mission (same country) on `asOf` (default
    /// `defaultAsOf`: today, or the last day once ended).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn clusters(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the clusters on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Cluster>> {
        let Some(country) = self.0.country_code.clone() else {
            return Ok(Vec::new());
        };
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::by_key::<entity::cluster::Entity>(
            ctx,
            entity::cluster::Column::CountryCode,
            ParentKey::Text(country),
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Cluster))
    }

    /// Decision rights granted in the mission on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended); global defaults are not included.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn decision_rights(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the rights on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<DecisionRight>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::MissionId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, DecisionRight))
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

/// A name a mission carried for a period (MONUC, 1999–2010).
#[derive(Clone)]
pub struct MissionName(pub(crate) entity::mission_name::Model);

/// A name a mission carried for a period (MONUC, 1999–2010).
#[async_graphql::Object]
impl MissionName {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::MissionName, self.0.id)
    }

    /// The acronym used in that period, e.g. `MONUC`.
    async fn acronym(&self) -> &str {
        &self.0.acronym
    }

    /// The full name used in that period.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The mission that carried the name.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, Some(self.0.mission_id))
                .await?
                .map(Mission),
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

/// A task the Security Council gave a mission (protection of civilians, human rights, DDR, ...).
#[derive(Clone)]
pub struct MandatedTask(pub(crate) entity::mandated_task::Model);

/// A task the Security Council gave a mission (protection of civilians, human rights, DDR, ...).
#[async_graphql::Object]
impl MandatedTask {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::MandatedTask, self.0.id)
    }

    /// What kind of task it is.
    async fn category(&self) -> MandatedTaskCategory {
        self.0.category.into()
    }

    /// Short title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// What the mandate says.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The resolution that gives it, e.g. `S/RES/1925 (2010)`.
    async fn resolution(&self) -> Option<&str> {
        self.0.resolution.as_deref()
    }

    /// For protection of civilians: tier 1 (political process), 2 (physical violence) or 3
    /// (protective environment).
    async fn poc_tier(&self) -> Option<i32> {
        self.0.poc_tier.map(i32::from)
    }

    /// The mission given the task.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, Some(self.0.mission_id))
                .await?
                .map(Mission),
        )
    }

    /// The component leading the task; null is a governance gap.
    async fn lead_component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.lead_component_id)
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
    async fn archival_fields(&self) -> crate::graphql::record_fields::ArchivalFields {
        (&self.0).into()
    }

    #[graphql(flatten)]
    async fn validity_fields(&self) -> crate::graphql::record_fields::ValidityFields {
        (&self.0).into()
    }
}
