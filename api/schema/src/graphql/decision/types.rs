//! GraphQL types of decision areas and decision rights.

use async_graphql::{Context, ID};

use crate::domain::delegation::strength;
use crate::graphql::connection::{page_args, paginate_loaded, CountedConnection};
use crate::graphql::context;
use crate::graphql::cost;
use crate::graphql::enums::RightKind;
use crate::graphql::forum::Forum;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::record_object::record_object;
use crate::graphql::scalars::Date;
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

record_object! {
    /// Something that gets decided: `USE_OF_FORCE`, `POC_STRATEGY`, `EARLY_WARNING_RESPONSE`... Users
    /// add areas.
    pub struct DecisionArea(entity::decision_area) is core;

    fields {
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
    }

    field(cost::page_size(first, last)) {
        /// The rights over this area on `asOf` (default today), strongest first (DECIDES > APPROVES
        /// > ENDORSES > RECOMMENDS > EXECUTES > CONSULTED > INFORMED), then oldest first,
        /// delegations included, as a Relay connection (`totalCount` counts them all). With
        /// `missionId`, the rights granted in that mission; without it, those of every mission.
        /// Global defaults are included unless `includeGlobal` is false. Rights the caller may
        /// not see are left out, as everywhere.
        #[allow(clippy::too_many_arguments)]
        async fn rights(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only the rights in this mission (plus global defaults).")]
            mission_id: Option<ID>,
            #[graphql(desc = "The date to read the rights on (default today).")] as_of: Option<
                Date,
            >,
            #[graphql(
                desc = "Include the global defaults (rights with no mission).",
                default = true
            )]
            include_global: bool,
            #[graphql(desc = "Return the first n rights after `after`.")] first: Option<i32>,
            #[graphql(desc = "Cursor: start after this edge.")] after: Option<String>,
            #[graphql(desc = "Return the last n rights before `before`.")] last: Option<i32>,
            #[graphql(desc = "Cursor: end before this edge.")] before: Option<String>,
        ) -> async_graphql::Result<CountedConnection<DecisionRight>> {
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
            let rows: Vec<_> = rows
                .into_iter()
                .filter(|r| match (r.mission_id, mission) {
                    (None, _) => include_global,
                    (Some(_), None) => true,
                    (Some(own), Some(asked)) => asked == Some(own),
                })
                .collect();
            paginate_loaded(
                ctx,
                page_args(first, after, last, before),
                rows,
                "STRENGTH_DESC",
                strongest_first,
                DecisionRight,
            )
        }
    }
}

/// A right's place among the rights of its area: strongest first, then oldest, then by id, as
/// a text that sorts in that order (the strength's complement, then the ISO date).
fn strongest_first(right: &entity::decision_right::Model) -> (String, uuid::Uuid) {
    let weaker = u8::MAX - strength(right.kind);
    (format!("{weaker:03}|{}", right.valid_from), right.id)
}

record_object! {
    /// A right over a decision area: who (a post, component, organisation or forum) decides,
    /// approves, endorses, recommends, is consulted, informed or executes, in which mission (or as a
    /// global default) and scope.
    pub struct DecisionRight(entity::decision_right) is relationship;

    fields {
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
    }

    /// The decision area.
    area: one DecisionArea(decision_area_id);
    /// The mission the right applies in; null for a global default.
    mission: one Mission(mission_id);
    /// The holder, when a post.
    holder_post: one Post(holder_post_id);
    /// The holder, when a component.
    holder_component: one Component(holder_component_id);
    /// The holder, when an organisation.
    holder_organization: one Organization(holder_organization_id);
    /// The holder, when a forum (exercised by its chair).
    holder_forum: one Forum(holder_forum_id);
    /// The right this one was delegated from.
    delegated_from: one DecisionRight(delegated_from_id);
    /// The rights delegated from this one on `asOf` (default today), oldest first.
    delegations: many DecisionRight(decision_right::DelegatedFromId),
        as_of "The date to read the delegations on (default today).",
        order |a, b| (a.valid_from, a.id).cmp(&(b.valid_from, b.id));
}
