//! What every stored record has in common, so reads, writes, visibility and audit can be written
//! once for all tables.

use entity::enums::Sensitivity;
use sea_orm::{EntityTrait, FromQueryResult, IntoActiveModel};
use serde::Serialize;
use uuid::Uuid;

/// The kinds of record, as named in global IDs and in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Mission,
    MissionName,
    MissionMandate,
    Organization,
    Component,
    Post,
    Person,
    Forum,
    Cluster,
    AreaOfResponsibility,
    GeographicArea,
    DecisionArea,
    DecisionRight,
    Document,
    MandatedTask,
    ForumMembership,
    ReportingLine,
    PostHat,
    Assignment,
    LeadAgency,
    ForumLink,
    SourceCitation,
}

impl RecordKind {
    pub const ALL: [RecordKind; 22] = [
        Self::Mission,
        Self::MissionName,
        Self::MissionMandate,
        Self::Organization,
        Self::Component,
        Self::Post,
        Self::Person,
        Self::Forum,
        Self::Cluster,
        Self::AreaOfResponsibility,
        Self::GeographicArea,
        Self::DecisionArea,
        Self::DecisionRight,
        Self::Document,
        Self::MandatedTask,
        Self::ForumMembership,
        Self::ReportingLine,
        Self::PostHat,
        Self::Assignment,
        Self::LeadAgency,
        Self::ForumLink,
        Self::SourceCitation,
    ];

    /// The GraphQL type name, also used as `record_type` in the audit log and in citations.
    pub fn name(self) -> &'static str {
        match self {
            Self::Mission => "Mission",
            Self::MissionName => "MissionName",
            Self::MissionMandate => "MissionMandate",
            Self::Organization => "Organization",
            Self::Component => "Component",
            Self::Post => "Post",
            Self::Person => "Person",
            Self::Forum => "Forum",
            Self::Cluster => "Cluster",
            Self::AreaOfResponsibility => "AreaOfResponsibility",
            Self::GeographicArea => "GeographicArea",
            Self::DecisionArea => "DecisionArea",
            Self::DecisionRight => "DecisionRight",
            Self::Document => "Document",
            Self::MandatedTask => "MandatedTask",
            Self::ForumMembership => "ForumMembership",
            Self::ReportingLine => "ReportingLine",
            Self::PostHat => "PostHat",
            Self::Assignment => "Assignment",
            Self::LeadAgency => "LeadAgency",
            Self::ForumLink => "ForumLink",
            Self::SourceCitation => "SourceCitation",
        }
    }

    /// Lower-case words for messages: `area of responsibility`.
    pub fn noun(self) -> String {
        let mut out = String::new();
        for (i, c) in self.name().chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The columns every record has, named once per table.
pub trait Record:
    EntityTrait<
    Model: RecordModel + FromQueryResult + Serialize + IntoActiveModel<Self::ActiveModel> + Sync,
>
{
    const KIND: RecordKind;
    const ID: Self::Column;
    const SENSITIVITY: Self::Column;
    const VERSION: Self::Column;
    const UPDATED_AT: Self::Column;
    /// `archived_at` on core records; relationships are ended, not archived.
    const ARCHIVED_AT: Option<Self::Column>;
    /// `(valid_from, valid_to)` on records that hold over a period.
    const VALIDITY: Option<(Self::Column, Self::Column)>;
    /// The column naming the mission a record belongs to, where it has one directly.
    const MISSION: Option<Self::Column>;
}

/// Reading the common fields of a loaded row.
pub trait RecordModel {
    fn id(&self) -> Uuid;
    fn sensitivity(&self) -> Sensitivity;
    fn version(&self) -> i32;
}

macro_rules! record {
    ($module:ident, $kind:ident, archived: $archived:expr, validity: $validity:expr, mission: $mission:expr) => {
        impl Record for $module::Entity {
            const KIND: RecordKind = RecordKind::$kind;
            const ID: Self::Column = $module::Column::Id;
            const SENSITIVITY: Self::Column = $module::Column::Sensitivity;
            const VERSION: Self::Column = $module::Column::Version;
            const UPDATED_AT: Self::Column = $module::Column::UpdatedAt;
            const ARCHIVED_AT: Option<Self::Column> = $archived;
            const VALIDITY: Option<(Self::Column, Self::Column)> = $validity;
            const MISSION: Option<Self::Column> = $mission;
        }

        impl RecordModel for $module::Model {
            fn id(&self) -> Uuid {
                self.id
            }
            fn sensitivity(&self) -> Sensitivity {
                self.sensitivity
            }
            fn version(&self) -> i32 {
                self.version
            }
        }
    };
}

use entity::{
    area_of_responsibility, area_of_responsibility as aor, assignment, cluster, component,
    decision_area, decision_right, document, forum, forum_link, forum_membership, geographic_area,
    lead_agency, mandated_task, mission, mission_mandate, mission_name, organization, person, post,
    post_hat, reporting_line, source_citation,
};

record!(mission, Mission,
    archived: Some(mission::Column::ArchivedAt),
    validity: Some((mission::Column::ValidFrom, mission::Column::ValidTo)),
    mission: Some(mission::Column::Id));
record!(mission_name, MissionName,
    archived: None,
    validity: Some((mission_name::Column::ValidFrom, mission_name::Column::ValidTo)),
    mission: Some(mission_name::Column::MissionId));
record!(mission_mandate, MissionMandate,
    archived: None,
    validity: Some((mission_mandate::Column::ValidFrom, mission_mandate::Column::ValidTo)),
    mission: Some(mission_mandate::Column::MissionId));
record!(organization, Organization,
    archived: Some(organization::Column::ArchivedAt),
    validity: None,
    mission: None);
record!(geographic_area, GeographicArea,
    archived: Some(geographic_area::Column::ArchivedAt),
    validity: None,
    mission: None);
record!(component, Component,
    archived: Some(component::Column::ArchivedAt),
    validity: Some((component::Column::ValidFrom, component::Column::ValidTo)),
    mission: Some(component::Column::MissionId));
record!(post, Post,
    archived: Some(post::Column::ArchivedAt),
    validity: Some((post::Column::ValidFrom, post::Column::ValidTo)),
    mission: Some(post::Column::MissionId));
record!(post_hat, PostHat,
    archived: None,
    validity: Some((post_hat::Column::ValidFrom, post_hat::Column::ValidTo)),
    mission: None);
record!(person, Person,
    archived: Some(person::Column::ArchivedAt),
    validity: None,
    mission: None);
record!(assignment, Assignment,
    archived: None,
    validity: Some((assignment::Column::ValidFrom, assignment::Column::ValidTo)),
    mission: None);
record!(reporting_line, ReportingLine,
    archived: None,
    validity: Some((reporting_line::Column::ValidFrom, reporting_line::Column::ValidTo)),
    mission: None);
record!(mandated_task, MandatedTask,
    archived: Some(mandated_task::Column::ArchivedAt),
    validity: Some((mandated_task::Column::ValidFrom, mandated_task::Column::ValidTo)),
    mission: Some(mandated_task::Column::MissionId));
record!(cluster, Cluster,
    archived: Some(cluster::Column::ArchivedAt),
    validity: Some((cluster::Column::ValidFrom, cluster::Column::ValidTo)),
    mission: None);
record!(area_of_responsibility, AreaOfResponsibility,
    archived: Some(aor::Column::ArchivedAt),
    validity: Some((aor::Column::ValidFrom, aor::Column::ValidTo)),
    mission: None);
record!(lead_agency, LeadAgency,
    archived: None,
    validity: Some((lead_agency::Column::ValidFrom, lead_agency::Column::ValidTo)),
    mission: None);
record!(forum, Forum,
    archived: Some(forum::Column::ArchivedAt),
    validity: Some((forum::Column::ValidFrom, forum::Column::ValidTo)),
    mission: Some(forum::Column::MissionId));
record!(forum_link, ForumLink,
    archived: None,
    validity: Some((forum_link::Column::ValidFrom, forum_link::Column::ValidTo)),
    mission: None);
record!(forum_membership, ForumMembership,
    archived: None,
    validity: Some((forum_membership::Column::ValidFrom, forum_membership::Column::ValidTo)),
    mission: None);
record!(decision_area, DecisionArea,
    archived: Some(decision_area::Column::ArchivedAt),
    validity: None,
    mission: None);
record!(decision_right, DecisionRight,
    archived: None,
    validity: Some((decision_right::Column::ValidFrom, decision_right::Column::ValidTo)),
    mission: Some(decision_right::Column::MissionId));
record!(document, Document,
    archived: Some(document::Column::ArchivedAt),
    validity: None,
    mission: Some(document::Column::MissionId));
record!(source_citation, SourceCitation,
    archived: None,
    validity: None,
    mission: None);

#[cfg(test)]
mod tests {
    use super::RecordKind;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(
            RecordKind::AreaOfResponsibility.noun(),
            "area of responsibility"
        );
    }
}
