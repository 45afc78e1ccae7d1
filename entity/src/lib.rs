//! SeaORM entities of coordmap: one module per table (named after the singular of the table),
//! plus the shared enumerations. The tables are created by the `migration` crate and described in
//! `docs/DATA_MODEL.md`. The record tables among them are listed once, in [`registry`], and
//! [`for_each_record!`] generates from that list whatever needs every table.

pub mod enums;
pub mod registry;

pub mod api_token;
pub mod api_token_mission;
pub mod area_of_responsibility;
pub mod assignment;
pub mod audit_entry;
pub mod cluster;
pub mod component;
pub mod decision_area;
pub mod decision_right;
pub mod document;
pub mod forum;
pub mod forum_link;
pub mod forum_membership;
pub mod geographic_area;
pub mod lead_agency;
pub mod mandated_task;
pub mod mission;
pub mod mission_mandate;
pub mod mission_name;
pub mod organization;
pub mod person;
pub mod post;
pub mod post_hat;
pub mod reporting_line;
pub mod source_citation;

/// The entities under short names: `Mission`, `Organization`, ...
pub mod prelude {
    pub use super::area_of_responsibility::Entity as AreaOfResponsibility;
    pub use super::assignment::Entity as Assignment;
    pub use super::audit_entry::Entity as AuditEntry;
    pub use super::cluster::Entity as Cluster;
    pub use super::component::Entity as Component;
    pub use super::decision_area::Entity as DecisionArea;
    pub use super::decision_right::Entity as DecisionRight;
    pub use super::document::Entity as Document;
    pub use super::forum::Entity as Forum;
    pub use super::forum_link::Entity as ForumLink;
    pub use super::forum_membership::Entity as ForumMembership;
    pub use super::geographic_area::Entity as GeographicArea;
    pub use super::lead_agency::Entity as LeadAgency;
    pub use super::mandated_task::Entity as MandatedTask;
    pub use super::mission::Entity as Mission;
    pub use super::mission_mandate::Entity as MissionMandate;
    pub use super::mission_name::Entity as MissionName;
    pub use super::organization::Entity as Organization;
    pub use super::person::Entity as Person;
    pub use super::post::Entity as Post;
    pub use super::post_hat::Entity as PostHat;
    pub use super::reporting_line::Entity as ReportingLine;
    pub use super::source_citation::Entity as SourceCitation;
}
