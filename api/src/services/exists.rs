//! Whether a record of any kind exists and is visible, for references that may point at any
//! table (source citations, audit entries).

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::access::Viewer;
use super::crud;
use super::record::RecordKind;
use crate::error::AppResult;

/// Whether the record `id` of `kind` exists and the caller may see it.
pub async fn record_exists<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: RecordKind,
    id: Uuid,
) -> AppResult<bool> {
    use entity::*;
    macro_rules! probe {
        ($module:ident) => {
            crud::find::<$module::Entity, C>(db, viewer, id)
                .await?
                .is_some()
        };
    }
    Ok(match kind {
        RecordKind::Mission => probe!(mission),
        RecordKind::MissionName => probe!(mission_name),
        RecordKind::MissionMandate => probe!(mission_mandate),
        RecordKind::Organization => probe!(organization),
        RecordKind::Component => probe!(component),
        RecordKind::Post => probe!(post),
        RecordKind::Person => probe!(person),
        RecordKind::Forum => probe!(forum),
        RecordKind::Cluster => probe!(cluster),
        RecordKind::AreaOfResponsibility => probe!(area_of_responsibility),
        RecordKind::GeographicArea => probe!(geographic_area),
        RecordKind::DecisionArea => probe!(decision_area),
        RecordKind::DecisionRight => probe!(decision_right),
        RecordKind::Document => probe!(document),
        RecordKind::MandatedTask => probe!(mandated_task),
        RecordKind::ForumMembership => probe!(forum_membership),
        RecordKind::ReportingLine => probe!(reporting_line),
        RecordKind::PostHat => probe!(post_hat),
        RecordKind::Assignment => probe!(assignment),
        RecordKind::LeadAgency => probe!(lead_agency),
        RecordKind::ForumLink => probe!(forum_link),
        RecordKind::SourceCitation => probe!(source_citation),
    })
}

/// `SELECT id FROM <table of kind> WHERE <visible to viewer>`, for conditions on rows that name
/// a record of any kind (audit entries).
pub fn visible_ids(viewer: &Viewer, kind: RecordKind) -> sea_orm::sea_query::SelectStatement {
    use entity::*;
    use sea_orm::{EntityTrait, QueryFilter, QuerySelect, QueryTrait};
    macro_rules! ids {
        ($module:ident) => {
            $module::Entity::find()
                .select_only()
                .column(<$module::Entity as super::record::Record>::ID)
                .filter(viewer.visible::<$module::Entity>())
                .into_query()
        };
    }
    match kind {
        RecordKind::Mission => ids!(mission),
        RecordKind::MissionName => ids!(mission_name),
        RecordKind::MissionMandate => ids!(mission_mandate),
        RecordKind::Organization => ids!(organization),
        RecordKind::Component => ids!(component),
        RecordKind::Post => ids!(post),
        RecordKind::Person => ids!(person),
        RecordKind::Forum => ids!(forum),
        RecordKind::Cluster => ids!(cluster),
        RecordKind::AreaOfResponsibility => ids!(area_of_responsibility),
        RecordKind::GeographicArea => ids!(geographic_area),
        RecordKind::DecisionArea => ids!(decision_area),
        RecordKind::DecisionRight => ids!(decision_right),
        RecordKind::Document => ids!(document),
        RecordKind::MandatedTask => ids!(mandated_task),
        RecordKind::ForumMembership => ids!(forum_membership),
        RecordKind::ReportingLine => ids!(reporting_line),
        RecordKind::PostHat => ids!(post_hat),
        RecordKind::Assignment => ids!(assignment),
        RecordKind::LeadAgency => ids!(lead_agency),
        RecordKind::ForumLink => ids!(forum_link),
        RecordKind::SourceCitation => ids!(source_citation),
    }
}
