//! GraphQL types of a mission's structure: components, posts, hats, people, assignments and
//! reporting lines.

use async_graphql::Context;
use futures_util::future::try_join_all;

use crate::graphql::cost;
use crate::graphql::decision::DecisionRight;
use crate::graphql::enums::{
    ComponentKind, ComponentSpecialty, Hat, ReportingLineKind, StructureLevel,
};
use crate::graphql::forum::ForumMembership;
use crate::graphql::mission::Mission;
use crate::graphql::organization::{GeographicArea, Organization};
use crate::graphql::record_object::record_object;
use crate::graphql::scalars::Date;

use crate::graphql::relations;

/// The reporting lines whose `column` points at `record`, on the date its relations are read on
/// (`as_of::within`), of the given kinds (all kinds when `kinds` is absent or empty).
async fn reporting_lines<M>(
    ctx: &Context<'_>,
    record: &M,
    as_of: Option<Date>,
    column: entity::reporting_line::Column,
    kinds: Option<Vec<ReportingLineKind>>,
) -> async_graphql::Result<Vec<entity::reporting_line::Model>>
where
    M: crate::services::record::RecordModel,
    for<'m> &'m M: Into<crate::graphql::record_fields::ValidityFields>,
{
    let on = crate::graphql::as_of::within(ctx, as_of, record)?;
    let rows =
        relations::many::<entity::reporting_line::Entity>(ctx, column, record.id(), Some(on))
            .await?;
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

record_object! {
    /// An organisational unit of a mission (division, section, unit), civilian, military, police,
    /// support or joint.
    pub struct Component(entity::component) is temporal;

    /// The component's seats in forums on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), in every capacity.
    memberships: many ForumMembership(forum_membership::MemberComponentId),
        as_of "The date to read the memberships on (default `defaultAsOf`: today, or the last day once ended).";

    /// The decision rights the component holds on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended).
    decision_rights: many DecisionRight(decision_right::HolderComponentId),
        as_of "The date to read the rights on (default `defaultAsOf`: today, or the last day once ended).";

    fields {
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
    }

    /// The mission it belongs to.
    mission: one Mission(mission_id);
    /// The component it is part of.
    parent: one Component(parent_id);
    /// Where it works.
    geographic_area: one GeographicArea(geographic_area_id);

    /// The components directly inside this one on `asOf` (default `defaultAsOf`: today, or the last
    /// day once ended).
    children: many Component(component::ParentId),
        as_of "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended).";

    /// The posts in this component on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended); posts of components inside it are not included.
    posts: many Post(post::ComponentId),
        as_of "The date to read the structure on (default `defaultAsOf`: today, or the last day once ended).";

    fields {
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
    }

    field(cost::RELATION) {
        /// Reporting lines from this component as a whole on `asOf` (default `defaultAsOf`: today, or
        /// the last day once ended), of the given kinds (all kinds when omitted).
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
            let rows =
                reporting_lines(ctx, &self.0, as_of, entity::reporting_line::Column::FromComponentId, kinds).await?;
            Ok(relations::wrap(rows, ReportingLine))
        }
    }
}

record_object! {
    /// A position a person holds (SRSG, DSRSG/RC/HC, Force Commander, Head of Human Rights), in a
    /// mission or in an organisation (High Commissioner, Emergency Relief Coordinator).
    pub struct Post(entity::post) is temporal;

    /// The post's seats in forums on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended), in every capacity.
    memberships: many ForumMembership(forum_membership::MemberPostId),
        as_of "The date to read the memberships on (default `defaultAsOf`: today, or the last day once ended).";

    /// The decision rights the post holds on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended).
    decision_rights: many DecisionRight(decision_right::HolderPostId),
        as_of "The date to read the rights on (default `defaultAsOf`: today, or the last day once ended).";

    fields {
        /// Title of the post.
        async fn title(&self) -> &str {
            &self.0.title
        }

        /// Whether the post heads its component.
        async fn is_component_head(&self) -> bool {
            self.0.is_component_head
        }
    }

    /// The mission it belongs to, if any.
    mission: one Mission(mission_id);
    /// The organisation it belongs to, for posts outside missions.
    organization: one Organization(organization_id);
    /// The component it sits in.
    component: one Component(component_id);
    /// Where it is based.
    geographic_area: one GeographicArea(geographic_area_id);

    /// The roles the post carries on `asOf` (default `defaultAsOf`: today, or the last day once
    /// ended): a triple-hatted DSRSG/RC/HC post has three.
    hats: many PostHat(post_hat::PostId),
        as_of "The date to read the hats on (default `defaultAsOf`: today, or the last day once ended).",
        cost cost::HATS_PER_POST;

    /// The people assigned to the post on `asOf` (default `defaultAsOf`: today, or the last day
    /// once ended), substantive and acting.
    assignments: many Assignment(assignment::PostId),
        as_of "The date to read the assignments on (default `defaultAsOf`: today, or the last day once ended).";

    fields {
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
    }

    field(cost::RELATION) {
        /// Reporting lines from this post upwards on `asOf` (default `defaultAsOf`: today, or the last
        /// day once ended), of the given kinds (all kinds when omitted).
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
            let rows =
                reporting_lines(ctx, &self.0, as_of, entity::reporting_line::Column::FromPostId, kinds).await?;
            Ok(relations::wrap(rows, ReportingLine))
        }
    }

    field(cost::RELATION) {
        /// Reporting lines to this post from posts and components on `asOf` (default `defaultAsOf`:
        /// today, or the last day once ended), of the given kinds (all kinds when omitted).
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
            let rows =
                reporting_lines(ctx, &self.0, as_of, entity::reporting_line::Column::ToPostId, kinds).await?;
            Ok(relations::wrap(rows, ReportingLine))
        }
    }

    field(cost::RELATION) {
        /// The posts this post reports to on `asOf` (default `defaultAsOf`: today, or the last day once
        /// ended) through lines of the given kinds (all kinds when omitted), each once. Lines to
        /// organisations are in `reportingLinesUp`.
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
            let lines =
                reporting_lines(ctx, &self.0, as_of, entity::reporting_line::Column::FromPostId, kinds).await?;
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
    }
}

record_object! {
    /// A role a post carries over a period (one post can be DSRSG, RC and HC at once).
    pub struct PostHat(entity::post_hat) is relationship;

    fields {
        /// The role.
        async fn hat(&self) -> Hat {
            self.0.hat.into()
        }
    }

    /// The post carrying it.
    post: one Post(post_id);
}

record_object! {
    /// A person who holds posts. Contact details (`email`, `phone`) are personal data.
    pub struct Person(entity::person) is core;

    fields {
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
    }

    /// The posts the person holds or acts in on `asOf` (default today).
    assignments: many Assignment(assignment::PersonId),
        as_of "The date to read the assignments on (default today).";
    /// The organisation employing the person.
    organization: one Organization(organization_id);
}

record_object! {
    /// A person holding a post over a period.
    pub struct Assignment(entity::assignment) is relationship;

    fields {
        /// Whether the person only acts in the post.
        async fn acting(&self) -> bool {
            self.0.acting
        }
    }

    /// The person.
    person: one Person(person_id);
    /// The post.
    post: one Post(post_id);
}

record_object! {
    /// A typed reporting line from a post or component to a post or an organisation.
    pub struct ReportingLine(entity::reporting_line) is relationship;

    fields {
        /// Line, functional, command or coordination.
        async fn kind(&self) -> ReportingLineKind {
            self.0.kind.into()
        }

        /// Free-text note.
        async fn note(&self) -> Option<&str> {
            self.0.note.as_deref()
        }
    }

    /// The reporting post (or null when a component reports).
    #[allow(clippy::wrong_self_convention)]
    from_post: one Post(from_post_id);
    /// The reporting component (or null when a post reports).
    #[allow(clippy::wrong_self_convention)]
    from_component: one Component(from_component_id);
    /// The post reported to (or null when reporting to an organisation).
    to_post: one Post(to_post_id);
    /// The organisation reported to (UN HQ, the Security Council), or null.
    to_organization: one Organization(to_organization_id);
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
