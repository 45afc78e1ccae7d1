//! The GraphQL type of a mission's mandate: the attributes it gives the mission over one period.

use async_graphql::Context;

use super::types::Mission;
use crate::graphql::enums::RiskEnvironment;
use crate::graphql::record_object::record_object;
use crate::graphql::relations;

record_object! {
    /// One mandate of a mission: what it says (protection of civilians, Chapter VII, ...) and how
    /// the mission is set up under it (integrated presence, risk environment), from `validFrom` until
    /// `validTo`, with the Security Council resolution that set it. A mission's mandates do not
    /// overlap: each new one ended the one before. Seen by whoever may see both the mandate and its
    /// mission.
    pub struct MissionMandate(entity::mission_mandate) is relationship;

    fields {
        /// The mission, as it was on the mandate's first day.
        async fn mission(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Mission>> {
            Ok(
                relations::one::<entity::mission::Entity>(ctx, Some(self.0.mission_id))
                    .await?
                    .map(|m| Mission::on(m, self.0.valid_from)),
            )
        }

        /// The Security Council resolution that set the mandate, e.g. `S/RES/1906 (2009)`.
        async fn resolution(&self) -> Option<&str> {
            self.0.resolution.as_deref()
        }

        /// A note on the mandate.
        async fn note(&self) -> Option<&str> {
            self.0.note.as_deref()
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
    }
}
