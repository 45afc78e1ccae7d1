//! Arranging records directly in a test's database.

use chrono::{NaiveDate, Utc};
use entity::enums::{MissionKind, OrganizationKind, Sensitivity};
use entity::{mission, mission_name, organization};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use uuid::Uuid;

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
    mission::ActiveModel {
        id: Set(Uuid::now_v7()),
        acronym: Set(acronym.into()),
        name: Set(name.into()),
        kind: Set(MissionKind::Peacekeeping),
        lead_department_id: Set(None),
        country_code: Set(None),
        description: Set(None),
        poc_mandate: Set(true),
        poc_first_priority: Set(false),
        chapter_vii: Set(true),
        human_rights_mandate: Set(true),
        supports_host_government: Set(false),
        offensive_operations: Set(false),
        integrated_presence: Set(false),
        risk_environment: Set(None),
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
    .expect("insert mission")
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
