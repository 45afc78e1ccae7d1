//! GraphQL types of organisations and geographic areas.

use crate::graphql::cluster::LeadAgency;
use crate::graphql::decision::DecisionRight;
use crate::graphql::enums::{GeographicLevel, OrganizationKind};
use crate::graphql::forum::ForumMembership;
use crate::graphql::record_object::record_object;
use crate::graphql::structure::Post;

record_object! {
    /// An actor outside the mission structure: a UN entity, an NGO, the ICRC, a government, a
    /// non-state armed group, the Security Council.
    pub struct Organization(entity::organization) is core;

    /// The decision rights the organization holds on `asOf` (default today).
    decision_rights: many DecisionRight(decision_right::HolderOrganizationId),
        as_of "The date to read the rights on (default today).";
    /// Posts of the organisation (outside missions: the High Commissioner, the ERC) on `asOf`
    /// (default today).
    posts: many Post(post::OrganizationId),
        as_of "The date to read the posts on (default today).";

    fields {
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
    }

    /// The organisation this one is part of (e.g. OCHA within the UN Secretariat).
    parent: one Organization(parent_id);
    /// The organisation's seats in forums on `asOf` (default today), in every capacity.
    memberships: many ForumMembership(forum_membership::MemberOrganizationId),
        as_of "The date to read the memberships on (default today).";
    /// The clusters and AoRs the organisation leads or co-leads on `asOf` (default today).
    leads: many LeadAgency(lead_agency::OrganizationId),
        as_of "The date to read the leads on (default today).";
    /// Organisations that are part of this one.
    children: many Organization(organization::ParentId);
}

record_object! {
    /// A place where forums and field offices work: country, state or province, sector, locality.
    pub struct GeographicArea(entity::geographic_area) is core;

    fields {
        /// Name of the area.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// Country, region, state, sector or locality.
        async fn level(&self) -> GeographicLevel {
            self.0.level.into()
        }

        /// Unique place code (p-code), if any.
        async fn code(&self) -> Option<&str> {
            self.0.code.as_deref()
        }

        /// ISO 3166-1 alpha-3 code of the country.
        async fn country_code(&self) -> Option<&str> {
            self.0.country_code.as_deref()
        }
    }

    /// The area this one lies in.
    parent: one GeographicArea(parent_id);
    /// The areas that lie directly in this one.
    children: many GeographicArea(geographic_area::ParentId);
}
