//! GraphQL types of a mission's structure: components, posts, hats, people, assignments and
//! reporting lines.

use async_graphql::Context;
use chrono::NaiveDate;
use futures_util::future::try_join_all;

use crate::graphql::context;
use crate::graphql::enums::{
    ComponentKind, ComponentSpecialty, Hat, ReportingLineKind, StructureLevel,
};
use crate::graphql::mission::Mission;
use crate::graphql::organization::{GeographicArea, Organization};
use crate::graphql::scalars::Date;

use crate::graphql::relations;

/// The reporting lines whose `column` points at `parent` on `on`, of the given kinds (all kinds
/// when `kinds` is absent or empty).
async fn reporting_lines(
    ctx: &Context<'_>,
    column: entity::reporting_line::Column,
    parent: uuid::Uuid,
    on: NaiveDate,
    kinds: Option<Vec<ReportingLineKind>>,
) -> async_graphql::Result<Vec<entity::reporting_line::Model>> {
    let rows =
        relations::many::<entity::reporting_line::Entity>(ctx, column, parent, Some(on)).await?;
    let kinds: Vec<entity::enums::ReportingLineKind> = kinds
        .unwrap_or_default()
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(rows
        .into_iter()
        .filter(|l| kinds.is_empty() || kinds.contains(&l.kind))
        .collect())
}

/// The person holding a post on a date: the substantive holder, else the acting one.
fn holder_of(assignments: &[entity::assignment::Model]) -> Option<uuid::Uuid> {
    assignments
        .iter()
        .find(|a| !a.acting)
        .or_else(|| assignments.first())
        .map(|a| a.person_id)
}

/// An organisational unit of a mission (division, section, unit), civilian, military, police,
/// support or joint.
#[derive(Clone)]
pub struct Component(pub(crate) entity::component::Model);

/// An organisational unit of a mission (division, section, unit), civilian, military, police,
/// support or joint.
#[async_graphql::Object]
impl Component {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Component, self.0.id)
    }

    /// The component's seats in forums on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), in every capacity.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn memberships(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the memberships on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<crate::graphql::forum::ForumMembership>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::forum_membership::Entity>(
            ctx,
            entity::forum_membership::Column::MemberComponentId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(
            rows,
            crate::graphql::forum::ForumMembership,
        ))
    }

    /// The decision rights the component holds on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended).
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
    ) -> async_graphql::Result<Vec<crate::graphql::decision::DecisionRight>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::HolderComponentId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(
            rows,
            crate::graphql::decision::DecisionRight,
        ))
    }

    /// Name, e.g. `Human Rights Division`.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Acronym, e.g. `JMAC`.
    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }

    /// Civilian, military, police, support or joint.
    async fn kind(&self) -> ComponentKind {
        self.0.kind.into()
    }

    /// What it works on.
    async fn specialty(&self) -> Option<ComponentSpecialty> {
        self.0.specialty.map(Into::into)
    }

    /// Mission HQ, regional or field level.
    async fn level(&self) -> StructureLevel {
        self.0.level.into()
    }

    /// The mission it belongs to.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, Some(self.0.mission_id))
                .await?
                .map(Mission::from),
        )
    }

    /// The component it is part of.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.parent_id)
                .await?
                .map(Component),
        )
    }

    /// Where it works.
    async fn geographic_area(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(
            relations::one::<entity::geographic_area::Entity>(ctx, self.0.geographic_area_id)
                .await?
                .map(GeographicArea),
        )
    }

    /// The components directly inside this one on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn children(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Component>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::component::Entity>(
            ctx,
            entity::component::Column::ParentId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Component))
    }

    /// The posts in this component on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended); posts of components inside it are not included.
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
            entity::post::Column::ComponentId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Post))
    }

    /// The post heading this component on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended): its post marked `isComponentHead`. Null when the component has no head on that
    /// date.
    async fn head_post(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<Post>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::post::Entity>(
            ctx,
            entity::post::Column::ComponentId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(rows.into_iter().find(|p| p.is_component_head).map(Post))
    }

    /// Reporting lines from this component as a whole on `asOf` (default `defaultAsOf`: today, or
    /// the last day once ended), of the given kinds (all kinds when omitted).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn reporting_lines(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the lines on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "Only lines of these kinds (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
    ) -> async_graphql::Result<Vec<ReportingLine>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = reporting_lines(
            ctx,
            entity::reporting_line::Column::FromComponentId,
            self.0.id,
            on,
            kinds,
        )
        .await?;
        Ok(relations::wrap(rows, ReportingLine))
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

/// A position a person holds (SRSG, DSRSG/RC/HC, Force Commander, Head of Human Rights), in a
/// mission or in an organisation (High Commissioner, Emergency Relief Coordinator).
#[derive(Clone)]
pub struct Post(pub(crate) entity::post::Model);

/// A position a person holds (SRSG, DSRSG/RC/HC, Force Commander, Head of Human Rights), in a
/// mission or in an organisation (High Commissioner, Emergency Relief Coordinator).
#[async_graphql::Object]
impl Post {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Post, self.0.id)
    }

    /// The post's seats in forums on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), in every capacity.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn memberships(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the memberships on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<crate::graphql::forum::ForumMembership>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::forum_membership::Entity>(
            ctx,
            entity::forum_membership::Column::MemberPostId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(
            rows,
            crate::graphql::forum::ForumMembership,
        ))
    }

    /// The decision rights the post holds on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended).
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
    ) -> async_graphql::Result<Vec<crate::graphql::decision::DecisionRight>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::decision_right::Entity>(
            ctx,
            entity::decision_right::Column::HolderPostId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(
            rows,
            crate::graphql::decision::DecisionRight,
        ))
    }

    /// Title of the post.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Whether the post heads its component.
    async fn is_component_head(&self) -> bool {
        self.0.is_component_head
    }

    /// The mission it belongs to, if any.
    async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
        Ok(
            relations::one::<entity::mission::Entity>(ctx, self.0.mission_id)
                .await?
                .map(Mission::from),
        )
    }

    /// The organisation it belongs to, for posts outside missions.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.organization_id)
                .await?
                .map(Organization),
        )
    }

    /// The component it sits in.
    async fn component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.component_id)
                .await?
                .map(Component),
        )
    }

    /// Where it is based.
    async fn geographic_area(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<GeographicArea>> {
        Ok(
            relations::one::<entity::geographic_area::Entity>(ctx, self.0.geographic_area_id)
                .await?
                .map(GeographicArea),
        )
    }

    /// The roles the post carries on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): a triple-hatted DSRSG/RC/HC post has three.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::HATS_PER_POST, child_complexity)"
    )]
    async fn hats(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the hats on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<PostHat>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::post_hat::Entity>(
            ctx,
            entity::post_hat::Column::PostId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, PostHat))
    }

    /// The people assigned to the post on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), substantive and acting.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn assignments(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the assignments on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<Assignment>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::assignment::Entity>(
            ctx,
            entity::assignment::Column::PostId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Assignment))
    }

    /// Who holds the post on `asOf` (default `defaultAsOf`: today, or the last day once ended): the
    /// substantive holder, or the person acting in it when there is none. Null when the post is
    /// vacant.
    async fn holder(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the holder on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
    ) -> async_graphql::Result<Option<Person>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = relations::many::<entity::assignment::Entity>(
            ctx,
            entity::assignment::Column::PostId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(
            relations::one::<entity::person::Entity>(ctx, holder_of(&rows))
                .await?
                .map(Person),
        )
    }

    /// Reporting lines from this post upwards on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended), of the given kinds (all kinds when omitted).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn reporting_lines_up(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the lines on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "Only lines of these kinds (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
    ) -> async_graphql::Result<Vec<ReportingLine>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = reporting_lines(
            ctx,
            entity::reporting_line::Column::FromPostId,
            self.0.id,
            on,
            kinds,
        )
        .await?;
        Ok(relations::wrap(rows, ReportingLine))
    }

    /// Reporting lines to this post from posts and components on `asOf` (default `defaultAsOf`:
    /// today, or the last day once ended), of the given kinds (all kinds when omitted).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn reporting_lines_down(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the lines on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "Only lines of these kinds (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
    ) -> async_graphql::Result<Vec<ReportingLine>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let rows = reporting_lines(
            ctx,
            entity::reporting_line::Column::ToPostId,
            self.0.id,
            on,
            kinds,
        )
        .await?;
        Ok(relations::wrap(rows, ReportingLine))
    }

    /// The posts this post reports to on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended) through lines of the given kinds (all kinds when omitted), each once. Lines to
    /// organisations are in `reportingLinesUp`.
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn superiors(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The date to read the lines on (default `defaultAsOf`: today, or the last day once ended)."
        )]
        as_of: Option<Date>,
        #[graphql(desc = "Only lines of these kinds (default: every kind).")] kinds: Option<
            Vec<ReportingLineKind>,
        >,
    ) -> async_graphql::Result<Vec<Post>> {
        let on = crate::graphql::as_of::within(ctx, as_of, &self.0)?;
        let lines = reporting_lines(
            ctx,
            entity::reporting_line::Column::FromPostId,
            self.0.id,
            on,
            kinds,
        )
        .await?;
        let mut targets: Vec<uuid::Uuid> = Vec::new();
        for id in lines.iter().filter_map(|l| l.to_post_id) {
            if !targets.contains(&id) {
                targets.push(id);
            }
        }
        // Loaded together, so the loader batches them into one query.
        let posts = try_join_all(
            targets
                .into_iter()
                .map(|id| relations::one::<entity::post::Entity>(ctx, Some(id))),
        )
        .await?;
        Ok(posts.into_iter().flatten().map(Post).collect())
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

/// A role a post carries over a period (one post can be DSRSG, RC and HC at once).
#[derive(Clone)]
pub struct PostHat(pub(crate) entity::post_hat::Model);

/// A role a post carries over a period (one post can be DSRSG, RC and HC at once).
#[async_graphql::Object]
impl PostHat {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::PostHat, self.0.id)
    }

    /// The role.
    async fn hat(&self) -> Hat {
        self.0.hat.into()
    }

    /// The post carrying it.
    async fn post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(
            relations::one::<entity::post::Entity>(ctx, Some(self.0.post_id))
                .await?
                .map(Post),
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

/// A person who holds posts. Contact details (`email`, `phone`) are personal data.
#[derive(Clone)]
pub struct Person(pub(crate) entity::person::Model);

/// A person who holds posts. Contact details (`email`, `phone`) are personal data.
#[async_graphql::Object]
impl Person {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Person, self.0.id)
    }

    /// Full name.
    async fn full_name(&self) -> &str {
        &self.0.full_name
    }

    /// E-mail address. Personal data: readable with INTERNAL clearance (VIEWER and above, not
    /// partners or anonymous callers); others get null and a FORBIDDEN error at this path.
    async fn email(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        contact_detail(ctx, "email")?;
        Ok(self.0.email.as_deref())
    }

    /// Telephone number. Personal data: readable with INTERNAL clearance (VIEWER and above, not
    /// partners or anonymous callers); others get null and a FORBIDDEN error at this path.
    async fn phone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        contact_detail(ctx, "phone")?;
        Ok(self.0.phone.as_deref())
    }

    /// The posts the person holds or acts in on `asOf` (default today).
    #[graphql(
        complexity = "crate::graphql::cost::list(crate::graphql::cost::RELATION, child_complexity)"
    )]
    async fn assignments(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The date to read the assignments on (default today).")] as_of: Option<
            Date,
        >,
    ) -> async_graphql::Result<Vec<Assignment>> {
        let on = context::as_of(ctx, as_of)?;
        let rows = relations::many::<entity::assignment::Entity>(
            ctx,
            entity::assignment::Column::PersonId,
            self.0.id,
            Some(on),
        )
        .await?;
        Ok(relations::wrap(rows, Assignment))
    }

    /// The organisation employing the person.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.organization_id)
                .await?
                .map(Organization),
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
}

/// A person holding a post over a period.
#[derive(Clone)]
pub struct Assignment(pub(crate) entity::assignment::Model);

/// A person holding a post over a period.
#[async_graphql::Object]
impl Assignment {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(crate::services::record::RecordKind::Assignment, self.0.id)
    }

    /// Whether the person only acts in the post.
    async fn acting(&self) -> bool {
        self.0.acting
    }

    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        Ok(
            relations::one::<entity::person::Entity>(ctx, Some(self.0.person_id))
                .await?
                .map(Person),
        )
    }

    /// The post.
    async fn post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(
            relations::one::<entity::post::Entity>(ctx, Some(self.0.post_id))
                .await?
                .map(Post),
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

/// A typed reporting line from a post or component to a post or an organisation.
#[derive(Clone)]
pub struct ReportingLine(pub(crate) entity::reporting_line::Model);

/// A typed reporting line from a post or component to a post or an organisation.
#[async_graphql::Object]
impl ReportingLine {
    /// Opaque global ID.
    pub async fn id(&self) -> async_graphql::ID {
        crate::graphql::ids::encode(
            crate::services::record::RecordKind::ReportingLine,
            self.0.id,
        )
    }

    /// Line, functional, command or coordination.
    async fn kind(&self) -> ReportingLineKind {
        self.0.kind.into()
    }

    /// Free-text note.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The reporting post (or null when a component reports).
    #[allow(clippy::wrong_self_convention)]
    async fn from_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(
            relations::one::<entity::post::Entity>(ctx, self.0.from_post_id)
                .await?
                .map(Post),
        )
    }

    /// The reporting component (or null when a post reports).
    #[allow(clippy::wrong_self_convention)]
    async fn from_component(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Component>> {
        Ok(
            relations::one::<entity::component::Entity>(ctx, self.0.from_component_id)
                .await?
                .map(Component),
        )
    }

    /// The post reported to (or null when reporting to an organisation).
    async fn to_post(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Post>> {
        Ok(
            relations::one::<entity::post::Entity>(ctx, self.0.to_post_id)
                .await?
                .map(Post),
        )
    }

    /// The organisation reported to (UN HQ, the Security Council), or null.
    async fn to_organization(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Organization>> {
        Ok(
            relations::one::<entity::organization::Entity>(ctx, self.0.to_organization_id)
                .await?
                .map(Organization),
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

/// Contact details need INTERNAL clearance, whatever the person's own sensitivity.
fn contact_detail(ctx: &Context<'_>, column: &str) -> async_graphql::Result<()> {
    let viewer = crate::graphql::context::viewer(ctx)?;
    crate::services::projection::check_field(
        viewer,
        crate::services::record::RecordKind::Person,
        column,
    )?;
    Ok(())
}
