//! GraphQL types of missions, their former names and mandated tasks.

use async_graphql::Context;

use crate::domain::mandates::{self, Attributes};
use crate::domain::validity::Validity;
use crate::graphql::cluster::Cluster;
use crate::graphql::cost;
use crate::graphql::decision::DecisionRight;
use crate::graphql::document::Document;
use crate::graphql::enums::{MandatedTaskCategory, MissionKind, RiskEnvironment};
use crate::graphql::forum::Forum;
use crate::graphql::loaders::ParentKey;
use crate::graphql::organization::Organization;
use crate::graphql::record_object::{record_object, RelationDate};
use crate::graphql::scalars::Date;
use crate::services::mission_mandate;
use chrono::NaiveDate;

pub use super::mandate::MissionMandate;
use crate::graphql::structure::{Component, Post};

use crate::graphql::relations;

record_object! {
    /// A UN peacekeeping operation or special political mission. Missions keep their identity across
    /// renames: MONUC became MONUSCO, and both acronyms find the same mission. What its mandates
    /// change (protection of civilians, Chapter VII, integration, risk environment) is read from the
    /// mandate in force on the mission's date (`asOf`); `mandates` lists them all.
    pub struct Mission {
        row: entity::mission,
        /// The date the mission is read on (`mission(asOf:)`, or the date of an analysis); `None`:
        /// today.
        on: Option<NaiveDate>,
    } is temporal, dated by hand;

    fields {
        /// The date this mission is read on: the `asOf` given to `mission` (or the date of the
        /// analysis it comes from), otherwise today. Its mandate attributes are those of that date,
        /// and so are its relations unless they are given their own `asOf`; given a date, so are
        /// its acronym and name.
        async fn as_of(&self, ctx: &Context<'_>) -> async_graphql::Result<Date> {
            Ok(self.date(ctx)?.into())
        }

        /// The current acronym, e.g. `MONUSCO`; read with `asOf`, the acronym in use on that date
        /// (`MONUC` in 2008).
        async fn acronym(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
            Ok(match self.former_name_on_date(ctx).await? {
                Some(former) => former.acronym,
                None => self.row.acronym.clone(),
            })
        }

        /// The current full name; read with `asOf`, the name in use on that date.
        async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
            Ok(match self.former_name_on_date(ctx).await? {
                Some(former) => former.name,
                None => self.row.name.clone(),
            })
        }

        /// The current acronym, whatever date the mission is read on.
        async fn current_acronym(&self) -> &str {
            &self.row.acronym
        }

        /// Peacekeeping, special political or hybrid.
        async fn kind(&self) -> MissionKind {
            self.row.kind.into()
        }

        /// ISO 3166-1 alpha-3 code of the host country, e.g. `COD`.
        async fn country_code(&self) -> Option<&str> {
            self.row.country_code.as_deref()
        }

        /// Free-text description.
        async fn description(&self) -> Option<&str> {
            self.row.description.as_deref()
        }

        /// Whether the mandate in force includes protecting civilians under imminent threat of
        /// physical violence.
        async fn poc_mandate(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.poc_mandate)
        }

        /// Whether the mandate in force makes protection of civilians the first priority.
        async fn poc_first_priority(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.poc_first_priority)
        }

        /// Whether the mandate in force is given under Chapter VII of the UN Charter.
        async fn chapter_vii(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.chapter_vii)
        }

        /// Whether the mandate in force includes human rights.
        async fn human_rights_mandate(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.human_rights_mandate)
        }

        /// Whether the mandate in force has the mission support the host government.
        async fn supports_host_government(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.supports_host_government)
        }

        /// Whether the mandate in force has the mission conduct offensive operations.
        async fn offensive_operations(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.offensive_operations)
        }

        /// Whether the mission and the UN Country Team form an integrated presence under the
        /// mandate in force.
        async fn integrated_presence(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(self.attributes(ctx).await?.integrated_presence)
        }

        /// The risk of the environment the mission works in, under the mandate in force.
        async fn risk_environment(
            &self,
            ctx: &Context<'_>,
        ) -> async_graphql::Result<Option<RiskEnvironment>> {
            Ok(self.attributes(ctx).await?.risk_environment.map(Into::into))
        }

        /// The mandate in force on `asOf` (default: the mission's date): the last one after the
        /// mission closed, the first one before it started; null when none is recorded or visible.
        async fn mandate(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "The date to read the mandate on (default: the mission's date).")]
            as_of: Option<Date>,
        ) -> async_graphql::Result<Option<MissionMandate>> {
            let date = self.relation_date(ctx, as_of)?;
            Ok(self.mandate_on(ctx, date).await?.map(MissionMandate))
        }
    }

    field(10) {
        /// Every mandate of the mission, oldest first: what each said and the resolution that set
        /// it. They do not overlap; each new one ended the one before.
        async fn mandates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MissionMandate>> {
            Ok(relations::wrap(
                self.mandate_rows(ctx).await?,
                MissionMandate,
            ))
        }
    }

    /// The department leading the mission (DPKO for peacekeeping, DPA for political missions).
    lead_department: one Organization(lead_department_id);

    /// Names the mission had before, oldest first.
    former_names: many MissionName(mission_name::MissionId),
        order |a, b| a.valid_from.cmp(&b.valid_from);

    field(cost::RELATION) {
        /// The mission's components on `asOf` (default: the mission's date). With `topLevelOnly`,
        /// only those with no parent: walk `children` from there to draw the tree.
        async fn components(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the structure on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended)."
            )]
            as_of: Option<Date>,
            #[graphql(desc = "Only components with no parent component.", default)]
            top_level_only: bool,
        ) -> async_graphql::Result<Vec<Component>> {
            let on = self.relation_date(ctx, as_of)?;
            let rows = relations::many::<entity::component::Entity>(
                ctx,
                entity::component::Column::MissionId,
                self.row.id,
                Some(on),
            )
            .await?;
            let rows = rows
                .into_iter()
                .filter(|c| !top_level_only || c.parent_id.is_none())
                .collect();
            Ok(relations::wrap(rows, Component))
        }
    }

    /// The mission's posts on `asOf` (default: the mission's date).
    posts: many Post(post::MissionId),
        as_of "The date to read the structure on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended).";

    field(cost::RELATION) {
        /// The mission's coordination forums on `asOf` (default: the mission's date): the forums it
        /// runs, then, unless `ownOnly`, the forums of no mission in its country in which one of its
        /// components or posts sits on the date (the UN Country Team, the Protection Cluster, the
        /// OCHA protection network in Côte d'Ivoire). `forum.mission` tells the two apart: it is
        /// null for the second kind.
        async fn forums(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the forums on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended)."
            )]
            as_of: Option<Date>,
            #[graphql(
                desc = "Only the forums the mission runs, not the country's forums its components or posts sit in (default false).",
                default
            )]
            own_only: bool,
        ) -> async_graphql::Result<Vec<Forum>> {
            let on = self.relation_date(ctx, as_of)?;
            let mut rows = relations::many::<entity::forum::Entity>(
                ctx,
                entity::forum::Column::MissionId,
                self.row.id,
                Some(on),
            )
            .await?;
            if !own_only {
                rows.extend(super::country_forums::seated_forums(ctx, &self.row, on).await?);
            }
            Ok(relations::wrap(rows, Forum))
        }
    }

    /// The tasks mandated on `asOf` (default: the mission's date).
    mandated_tasks: many MandatedTask(mandated_task::MissionId),
        as_of "The date to read the mandate on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended).";

    /// The mission's documents (strategies, CONOPS, protocols).
    documents: many Document(document::MissionId);

    field(cost::RELATION) {
        /// Field clusters working alongside the mission (same country) on `asOf` (default: the
        /// mission's date).
        async fn clusters(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "The date to read the clusters on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended)."
            )]
            as_of: Option<Date>,
        ) -> async_graphql::Result<Vec<Cluster>> {
            let Some(country) = self.row.country_code.clone() else {
                return Ok(Vec::new());
            };
            let on = self.relation_date(ctx, as_of)?;
            let rows = relations::by_key::<entity::cluster::Entity>(
                ctx,
                entity::cluster::Column::CountryCode,
                ParentKey::Text(country),
                Some(on),
            )
            .await?;
            Ok(relations::wrap(rows, Cluster))
        }
    }

    /// Decision rights granted in the mission on `asOf` (default: the mission's date); global
    /// defaults are not included.
    decision_rights: many DecisionRight(decision_right::MissionId),
        as_of "The date to read the rights on (default: the mission's date: the `asOf` it was read on, else `defaultAsOf`, today or its last day once ended).";
}

impl RelationDate for Mission {
    /// A relation field's own `asOf`, else the mission's date — the `asOf` the mission was read
    /// on, else `defaultAsOf` (today while it lasts, its last day once it has ended).
    fn relation_date(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<NaiveDate> {
        Ok(crate::graphql::as_of::within(
            ctx,
            as_of.or(self.on.map(Into::into)),
            &self.row,
        )?)
    }
}

impl Mission {
    /// The mission as it was on `date`: its name, its mandate and, unless a field says
    /// otherwise, its relations on that date.
    pub fn on(row: entity::mission::Model, date: NaiveDate) -> Self {
        Self {
            row,
            on: Some(date),
        }
    }

    /// The date the mission is read on: the `asOf` it was read with, else `defaultAsOf`.
    fn date(&self, ctx: &Context<'_>) -> async_graphql::Result<NaiveDate> {
        Ok(crate::graphql::as_of::within(
            ctx,
            self.on.map(Into::into),
            &self.row,
        )?)
    }

    /// Every mandate of the mission the caller may see, oldest first.
    async fn mandate_rows(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<entity::mission_mandate::Model>> {
        let mut rows = relations::many::<entity::mission_mandate::Entity>(
            ctx,
            entity::mission_mandate::Column::MissionId,
            self.row.id,
            None,
        )
        .await?;
        rows.sort_by_key(|m| m.valid_from);
        Ok(rows)
    }

    /// The mandate in force on `date` (the last one after the mission closed; the first one
    /// before it started).
    async fn mandate_on(
        &self,
        ctx: &Context<'_>,
        date: NaiveDate,
    ) -> async_graphql::Result<Option<entity::mission_mandate::Model>> {
        let rows = self.mandate_rows(ctx).await?;
        let found = mandates::in_force(&rows, |m| Validity::new(m.valid_from, m.valid_to), date)
            .or(rows.first())
            .cloned();
        Ok(found)
    }

    /// What the mandate in force on the mission's date says (all false when none is recorded).
    async fn attributes(&self, ctx: &Context<'_>) -> async_graphql::Result<Attributes> {
        let date = self.date(ctx)?;
        Ok(self
            .mandate_on(ctx, date)
            .await?
            .as_ref()
            .map(mission_mandate::attributes_of)
            .unwrap_or_default())
    }

    /// The former name in use on the date the mission was read on (`asOf`), if it was not the
    /// current one; none when it is read without a date.
    async fn former_name_on_date(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<entity::mission_name::Model>> {
        let Some(date) = self.on else {
            return Ok(None);
        };
        let rows = relations::many::<entity::mission_name::Entity>(
            ctx,
            entity::mission_name::Column::MissionId,
            self.row.id,
            Some(date),
        )
        .await?;
        Ok(rows.into_iter().max_by_key(|n| n.valid_from))
    }
}

record_object! {
    /// A name a mission carried for a period (MONUC, 1999–2010).
    pub struct MissionName(entity::mission_name) is relationship;

    fields {
        /// The acronym used in that period, e.g. `MONUC`.
        async fn acronym(&self) -> &str {
            &self.0.acronym
        }

        /// The full name used in that period.
        async fn name(&self) -> &str {
            &self.0.name
        }
    }

    /// The mission that carried the name.
    mission: one Mission(mission_id);
}

record_object! {
    /// A task the Security Council gave a mission (protection of civilians, human rights, DDR, ...).
    pub struct MandatedTask(entity::mandated_task) is core_with_period;

    fields {
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
    }

    /// The mission given the task.
    mission: one Mission(mission_id);
    /// The component leading the task; null is a governance gap.
    lead_component: one Component(lead_component_id);
}
