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

/// The entities under short names: `Mission`, `Organization`, ... (each record table's under
/// its kind's name, from the registry), and `AuditEntry`.
pub mod prelude {
    pub use super::audit_entry::Entity as AuditEntry;

    macro_rules! prelude {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            $(pub use super::$module::Entity as $kind;)*
        };
    }
    crate::for_each_record!(prelude);
}
