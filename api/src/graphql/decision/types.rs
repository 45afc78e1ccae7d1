//! GraphQL types of decision areas and decision rights.

use async_graphql::{Context, ID};

use crate::domain::delegation::strength;
use crate::graphql::context;
use crate::graphql::enums::RightKind;
use crate::graphql::forum::Forum;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

/// Something that gets decided: `USE_OF_FORCE`, `POC_STRATEGY`, `EARLY_WARNING_RESPONSE`... Users
/// add areas.
#[derive(Clone)]
pub struct DecisionArea(pub(crate) entity::decision_area::Model);

/// Something that gets decided: `USE_OF_FORCE`, `POC_STRATEGY`, `EARLY_WARNING_RESPONSE`... Users
/// add areas.
#[async_graphql::Object]
impl DecisionArea {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::DecisionArea, self.0.id)
    }

    /// Unique code, e.g. `USE_OF_FORCE`.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// Human-readable name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What falls under it.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The rights over this area on `asOf` (default today), strongest first (DECIDES > APPROVES
    /// > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED), delegations included. With
    /// `missionId`, the rights granted in that mission; without it, those of every mission.
    /// Global defaults are included unless `includeGlobal` is false.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn rights(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the rights in this mission (plus global defaults).")]
        mission_id: Option<ID>,
        #[graphql(desc = "The date to read the rights on (default today).")] as_of: Option<Date>,
        #[graphql(
            desc = "Include the global defaults (rights with no mission).",
            default = true
        )]
        include_global: bool,
    ) -> async_graphql::Result<Vec<DecisionRight>> {
        // A mission the caller may not see names no rights, as an unknown one.
        let mission =
            match ids::decode_optional(mission_id.as_ref(), NodeKind::Mission, "missionId")? {
                Some(id) => Some(
                    crate::services::crud::visible_id::<entity::mission::Entity, _>(
                        &crate::graphql::context::api(ctx)?.db,
                        crate::graphql::context::viewer(ctx)?,
                        id,
                    )
                    .await?,
                ),
                None => None,
            };
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::DecisionAreaId,
            self.0.id,
            Some(on),
        )
        .await?;
        let mut rows: Vec<_> = rows
            .into_iter()
            .filter(|r| match (r.mission_id, mission) {
                (None, _) => include_global,
                (Some(_), None) => true,
                (Some(own), Some(asked)) => asked == Some(own),
            })
            .collect();
        rows.sort_by_key(|r| (std::cmp::Reverse(strength(r.kind)), r.valid_from, r.id));
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
}

/// A right over a decision area: who (a post, component, organisation or forum) decides,
/// approves, endorses, recommends, is consulted, informed or executes, in which mission (or as a
/// global default) and scope.
#[derive(Clone)]
pub struct DecisionRight(pub(crate) entity::decision_right::Model);

/// A right over a decision area: who (a post, component, organisation or forum) decides,
/// approves, endorses, recommends, is consulted, informed or executes, in which mission (or as a
/// global default) and scope.
#[async_graphql::Object]
impl DecisionRight {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(
            crate::services::record::RecordKind::DecisionRight,
            self.0.id,
        )
    }

    /// The kind of right.
    async fn kind(&self) -> RightKind {
        self.0.kind.into()
    }

    /// Narrows the right, e.g. `police units`.
    async fn scope(&self) -> Option<&str> {
        self.0.scope.as_deref()
    }

    /// Whether the right must not be delegated.
    async fn non_delegable(&self) -> bool {
        self.0.non_delegable
    }

    /// The joint decision the right is part of, e.g. `COUNTRY_LEAD_AGREEMENT`: the rights of
    /// one decision area and mission (or the global defaults) with the same kind, scope and
    /// joint decision are one decision their holders take together; `whoDecides` reports them as
    /// one holder with its `parties`. Null for a right held alone.
    async fn joint_decision(&self) -> Option<&str> {
        self.0.joint_decision.as_deref()
    }

    /// Free-text note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The decision area.
    async fn area(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DecisionArea>> {
        Ok(
            relations::one::<entity::decision_area::Entity>(ctx, Some(self.0.decision_area_id))
                .await?
                .map(DecisionArea),
        )
    }

    /// The mission the right applies in; null for a global default.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, self.0.mission_id)
                .await?
                .map(Mission::from),
        )
    }

    /// The holder, when a post.
    async fn holder_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(
            relations::one::<entity::post::Entity>(ctx, self.0.holder_post_id)
                .await?
                .map(Post),
        )
    }

    /// The holder, when a component.
    async fn holder_component(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.holder_component_id)
                .await?
                .map(Component),
        )
    }

    /// The holder, when an organisation.
    async fn holder_organization(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.holder_organization_id)
                .await?
                .map(Organization),
        )
    }

    /// The holder, when a forum (exercised by its chair).
    async fn holder_forum(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        Ok(
            relations::one::<entity::forum::Entity>(ctx, self.0.holder_forum_id)
                .await?
                .map(Forum),
        )
    }

    /// The right this one was delegated from.
    async fn delegated_from(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<DecisionRight>> {
        Ok(
            relations::one::<entity::decision_right::Entity>(ctx, self.0.delegated_from_id)
                .await?
                .map(DecisionRight),
        )
    }

    /// The rights delegated from this one on `asOf` (default today), oldest first.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn delegations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the delegations on (default today).")] as_of: Option<
            Date,
        >,
    ) -> async_graphql::Result<Vec<DecisionRight>> {
        let on = context::as_of(ctx, as_of)?;
        let mut rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::DelegatedFromId,
            self.0.id,
            Some(on),
        )
        .await?;
        rows.sort_by_key(|r| (r.valid_from, r.id));
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
    async fn validity_fields(&self) -> crate::graphql::record_fields::ValidityFields {
        (&self.0).into()
    }
}
