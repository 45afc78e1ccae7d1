//! Arranging records directly in a test's database, past the mutations and their rules: for
//! tests of what such rows do (an import can write them) or that must not depend on the write
//! path. A scenario built through the API uses the fixture builder (`crate::build`).

use chrono::{NaiveDate, Utc};
use entity::enums::{MissionKind, OrganizationKind, Sensitivity};
use entity::{mission, mission_mandate, mission_name, organization};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Sets mission `id`'s sensitivity, past the write rules.
pub async fn set_mission_sensitivity(db: &DatabaseConnection, id: Uuid, level: Sensitivity) {
    mission::Entity::update_many()
        .set(mission::ActiveModel {
            sensitivity: Set(level),
            ..Default::default()
        })
        .filter(mission::Column::Id.eq(id))
        .exec(db)
        .await
        .expect("sensitivity set");
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub async fn insert_mission(
    db: &DatabaseConnection,
    acronym: &str,
    name: &str,
    from: &str,
) -> mission::Model {
    let now = Utc::now();
    let mission = mission::ActiveModel {
        id: Set(Uuid::now_v7()),
        acronym: Set(acronym.into()),
        name: Set(name.into()),
        kind: Set(MissionKind::Peacekeeping),
        lead_department_id: Set(None),
        country_code: Set(None),
        description: Set(None),
        valid_from: Set(date(from)),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert mission");
    // Its first mandate, as `createMission` gives one: POC under Chapter VII, human rights.
    mission_mandate::ActiveModel {
        id: Set(migration::first_mandate_id(mission.id)),
        mission_id: Set(mission.id),
        poc_mandate: Set(true),
        poc_first_priority: Set(false),
        chapter_vii: Set(true),
        human_rights_mandate: Set(true),
        supports_host_government: Set(false),
        offensive_operations: Set(false),
        integrated_presence: Set(false),
        risk_environment: Set(None),
        resolution: Set(None),
        note: Set(None),
        valid_from: Set(mission.valid_from),
        valid_to: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert first mandate");
    mission
}

pub async fn insert_former_name(
    db: &DatabaseConnection,
    mission_id: Uuid,
    acronym: &str,
    from: &str,
    to: &str,
) {
    let now = Utc::now();
    mission_name::ActiveModel {
        id: Set(Uuid::now_v7()),
        mission_id: Set(mission_id),
        acronym: Set(acronym.into()),
        name: Set(format!("{acronym} (former name)")),
        valid_from: Set(date(from)),
        valid_to: Set(Some(date(to))),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert mission name");
}

pub async fn insert_organization(
    db: &DatabaseConnection,
    code: &str,
    name: &str,
) -> organization::Model {
    let now = Utc::now();
    organization::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(code.into()),
        name: Set(name.into()),
        kind: Set(OrganizationKind::UnAgency),
        parent_id: Set(None),
        country_code: Set(None),
        description: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert organization")
}

/// A component of `mission_id`, for tests that need one before the structure mutations exist.
pub async fn insert_mission_component(
    db: &DatabaseConnection,
    mission_id: Uuid,
    name: &str,
    acronym: Option<&str>,
    kind: entity::enums::ComponentKind,
) -> entity::component::Model {
    let now = Utc::now();
    entity::component::ActiveModel {
        id: Set(Uuid::now_v7()),
        mission_id: Set(mission_id),
        parent_id: Set(None),
        name: Set(name.into()),
        acronym: Set(acronym.map(Into::into)),
        kind: Set(kind),
        specialty: Set(None),
        level: Set(entity::enums::StructureLevel::Hq),
        geographic_area_id: Set(None),
        valid_from: Set(date("2000-01-01")),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert component")
}

/// A post of `mission_id`, optionally in a component.
pub async fn insert_mission_post(
    db: &DatabaseConnection,
    mission_id: Uuid,
    component_id: Option<Uuid>,
    title: &str,
) -> entity::post::Model {
    let now = Utc::now();
    entity::post::ActiveModel {
        id: Set(Uuid::now_v7()),
        mission_id: Set(Some(mission_id)),
        organization_id: Set(None),
        component_id: Set(component_id),
        title: Set(title.into()),
        is_component_head: Set(false),
        geographic_area_id: Set(None),
        valid_from: Set(date("2000-01-01")),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert post")
}

/// Where a forum belongs: a mission, a cluster and/or an AoR.
#[derive(Debug, Clone, Copy, Default)]
pub struct ForumHome {
    pub mission_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
}

/// A standing forum, valid from `from`.
pub async fn insert_mission_forum(
    db: &DatabaseConnection,
    home: ForumHome,
    name: &str,
    acronym: Option<&str>,
    kind: entity::enums::ForumKind,
    from: &str,
) -> entity::forum::Model {
    let now = Utc::now();
    entity::forum::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name.into()),
        acronym: Set(acronym.map(Into::into)),
        kind: Set(kind),
        level: Set(entity::enums::ForumLevel::MissionHq),
        mission_id: Set(home.mission_id),
        cluster_id: Set(home.cluster_id),
        area_of_responsibility_id: Set(home.area_of_responsibility_id),
        geographic_area_id: Set(None),
        established_by_post_id: Set(None),
        established_by_organization_id: Set(None),
        open_to_external: Set(true),
        standing: Set(true),
        meeting_frequency: Set(None),
        purpose: Set(None),
        valid_from: Set(date(from)),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert forum")
}

pub async fn insert_plain_cluster(
    db: &DatabaseConnection,
    code: &str,
    name: &str,
) -> entity::cluster::Model {
    let now = Utc::now();
    entity::cluster::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(code.into()),
        name: Set(name.into()),
        scope: Set(entity::enums::ClusterScope::Field),
        sector: Set(entity::enums::ClusterSector::Protection),
        is_cluster_like: Set(false),
        parent_id: Set(None),
        country_code: Set(None),
        valid_from: Set(date("2006-01-01")),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert cluster")
}

pub async fn insert_plain_area_of_responsibility(
    db: &DatabaseConnection,
    cluster_id: Uuid,
    name: &str,
) -> entity::area_of_responsibility::Model {
    let now = Utc::now();
    entity::area_of_responsibility::ActiveModel {
        id: Set(Uuid::now_v7()),
        cluster_id: Set(cluster_id),
        name: Set(name.into()),
        theme: Set(entity::enums::AorTheme::ChildProtection),
        counterpart_component_id: Set(None),
        valid_from: Set(date("2006-01-01")),
        valid_to: Set(None),
        archived_at: Set(None),
        sensitivity: Set(Sensitivity::Public),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("insert area of responsibility")
}
