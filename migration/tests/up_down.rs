//! Runs every migration up, down and up again, on a fresh SQLite file and, when
//! `COORDMAP_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database; checks that the tables
//! appear and disappear, and that the constraints the schema promises are enforced.

use migration::{Migrator, MigratorTrait, SchemaManager, TABLES};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr};

async fn assert_tables(db: &DatabaseConnection, present: bool) -> Result<(), DbErr> {
    let manager = SchemaManager::new(db);
    for table in TABLES {
        assert_eq!(
            manager.has_table(table).await?,
            present,
            "table {table} should {}exist",
            if present { "" } else { "not " }
        );
    }
    Ok(())
}

async fn ok(db: &DatabaseConnection, sql: &str) -> Result<(), DbErr> {
    db.execute_unprepared(sql).await?;
    Ok(())
}

/// Runs a statement that must be refused by one of the constraints whose error message contains
/// one of `reasons` (PostgreSQL names the constraint; SQLite names checks but not unique indexes
/// or foreign keys).
async fn refused(db: &DatabaseConnection, sql: &str, reasons: &[&str]) {
    match db.execute_unprepared(sql).await {
        Ok(_) => panic!("statement should have been refused: {sql}"),
        Err(err) => {
            let message = err.to_string();
            assert!(
                reasons.iter().any(|reason| message.contains(reason)),
                "refused for another reason than {reasons:?}: {message}"
            );
        }
    }
}

const STAMPS: &str = "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'";
const ORG: &str = "00000000-0000-7000-8000-000000000001";
const MISSION: &str = "00000000-0000-7000-8000-000000000002";
const COMPONENT: &str = "00000000-0000-7000-8000-000000000003";
const POST: &str = "00000000-0000-7000-8000-000000000004";
const FORUM: &str = "00000000-0000-7000-8000-000000000005";

/// The constraints of `docs/DATA_MODEL.md`: validity ranges, unique codes, foreign keys and the
/// exactly-one checks of polymorphic references.
async fn assert_constraints(db: &DatabaseConnection) -> Result<(), DbErr> {
    ok(
        db,
        &format!(
            "INSERT INTO organizations (id, code, name, kind, created_at, updated_at) \
         VALUES ('{ORG}', 'DPO', 'Department of Peace Operations', 'UN_SECRETARIAT', {STAMPS})"
        ),
    )
    .await?;
    refused(
        db,
        &format!(
            "INSERT INTO organizations (id, code, name, kind, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-0000000000ff', 'DPO', 'Duplicate', 'OTHER', {STAMPS})"
        ),
        &[
            "uq-organizations-code",
            "UNIQUE constraint failed: organizations.code",
        ],
    )
    .await;

    // valid_to before valid_from is refused; valid_to = valid_from (empty interval) is allowed.
    refused(db, &format!(
        "INSERT INTO missions (id, acronym, name, kind, valid_from, valid_to, created_at, updated_at) \
         VALUES ('{MISSION}', 'MONUSCO', 'MONUSCO', 'PEACEKEEPING', '2010-07-01', '2010-06-30', {STAMPS})"
    ),
        &["ck-missions-valid_range"],
    )
    .await;
    ok(db, &format!(
        "INSERT INTO missions (id, acronym, name, kind, lead_department_id, valid_from, created_at, updated_at) \
         VALUES ('{MISSION}', 'MONUSCO', 'MONUSCO', 'PEACEKEEPING', '{ORG}', '2010-07-01', {STAMPS})"
    ))
    .await?;
    ok(db, &format!(
        "INSERT INTO mission_names (id, mission_id, acronym, name, valid_from, valid_to, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000010', '{MISSION}', 'MONUC', 'MONUC', '1999-11-30', '1999-11-30', {STAMPS})"
    ))
    .await?;
    // A foreign key to a missing row is refused.
    refused(db, &format!(
        "INSERT INTO mission_names (id, mission_id, acronym, name, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000011', '00000000-0000-7000-8000-0000000000ee', 'X', 'X', '2000-01-01', {STAMPS})"
    ),
        &["fk-mission_names-mission_id", "FOREIGN KEY constraint failed"],
    )
    .await;

    ok(db, &format!(
        "INSERT INTO components (id, mission_id, name, kind, level, valid_from, created_at, updated_at) \
         VALUES ('{COMPONENT}', '{MISSION}', 'Human Rights Office', 'CIVILIAN', 'HQ', '2010-07-01', {STAMPS})"
    ))
    .await?;
    // A post belongs to a mission or an organisation.
    refused(
        db,
        &format!(
            "INSERT INTO posts (id, title, valid_from, created_at, updated_at) \
         VALUES ('{POST}', 'SRSG', '2010-07-01', {STAMPS})"
        ),
        &["ck-posts-mission_or_organization"],
    )
    .await;
    ok(
        db,
        &format!(
            "INSERT INTO posts (id, mission_id, title, valid_from, created_at, updated_at) \
         VALUES ('{POST}', '{MISSION}', 'SRSG', '2010-07-01', {STAMPS})"
        ),
    )
    .await?;

    // Exactly one "from" and exactly one "to".
    refused(db, &format!(
        "INSERT INTO reporting_lines (id, from_post_id, from_component_id, to_organization_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000020', '{POST}', '{COMPONENT}', '{ORG}', 'LINE', '2010-07-01', {STAMPS})"
    ),
        &["ck-reporting_lines-one_from"],
    )
    .await;
    refused(db, &format!(
        "INSERT INTO reporting_lines (id, from_component_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000020', '{COMPONENT}', 'LINE', '2010-07-01', {STAMPS})"
    ),
        &["ck-reporting_lines-one_to"],
    )
    .await;
    ok(db, &format!(
        "INSERT INTO reporting_lines (id, from_component_id, to_post_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000020', '{COMPONENT}', '{POST}', 'LINE', '2010-07-01', {STAMPS})"
    ))
    .await?;

    // poc_tier is 1, 2 or 3 (or unset).
    refused(db, &format!(
        "INSERT INTO mandated_tasks (id, mission_id, category, title, poc_tier, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000030', '{MISSION}', 'PROTECTION_OF_CIVILIANS', 'POC', 4, '2010-07-01', {STAMPS})"
    ),
        &["ck-mandated_tasks-poc_tier"],
    )
    .await;
    ok(db, &format!(
        "INSERT INTO mandated_tasks (id, mission_id, category, title, poc_tier, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000030', '{MISSION}', 'PROTECTION_OF_CIVILIANS', 'POC', 2, '2010-07-01', {STAMPS})"
    ))
    .await?;

    // A forum cannot link to itself; a membership has exactly one member.
    ok(db, &format!(
        "INSERT INTO forums (id, name, kind, level, mission_id, valid_from, created_at, updated_at) \
         VALUES ('{FORUM}', 'Senior Management Group', 'SENIOR_MANAGEMENT_GROUP', 'MISSION_HQ', '{MISSION}', '2010-07-01', {STAMPS})"
    ))
    .await?;
    refused(db, &format!(
        "INSERT INTO forum_links (id, forum_id, target_forum_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000040', '{FORUM}', '{FORUM}', 'REPORTS_TO', '2010-07-01', {STAMPS})"
    ),
        &["ck-forum_links-not_self"],
    )
    .await;
    refused(db, &format!(
        "INSERT INTO forum_memberships (id, forum_id, member_organization_id, member_post_id, capacity, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000050', '{FORUM}', '{ORG}', '{POST}', 'MEMBER', '2010-07-01', {STAMPS})"
    ),
        &["ck-forum_memberships-one_member"],
    )
    .await;
    ok(db, &format!(
        "INSERT INTO forum_memberships (id, forum_id, member_post_id, capacity, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000050', '{FORUM}', '{POST}', 'CHAIR', '2010-07-01', {STAMPS})"
    ))
    .await?;

    // A decision right has exactly one holder.
    ok(
        db,
        &format!(
            "INSERT INTO decision_areas (id, code, name, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000060', 'USE_OF_FORCE', 'Use of force', {STAMPS})"
        ),
    )
    .await?;
    refused(db, &format!(
        "INSERT INTO decision_rights (id, decision_area_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000060', 'DECIDES', '2010-07-01', {STAMPS})"
    ),
        &["ck-decision_rights-one_holder"],
    )
    .await;
    ok(db, &format!(
        "INSERT INTO decision_rights (id, decision_area_id, mission_id, holder_forum_id, kind, valid_from, created_at, updated_at) \
         VALUES ('00000000-0000-7000-8000-000000000061', '00000000-0000-7000-8000-000000000060', '{MISSION}', '{FORUM}', 'DECIDES', '2010-07-01', {STAMPS})"
    ))
    .await?;

    // The audit log takes JSON documents.
    ok(db,
        "INSERT INTO audit_log (id, occurred_at, actor, actor_kind, operation, record_type, record_id, before, after) \
         VALUES ('00000000-0000-7000-8000-000000000070', '2026-01-01T00:00:00Z', 'admin', 'USER', 'CREATE', 'missions', \
         '00000000-0000-7000-8000-000000000002', NULL, '{\"acronym\": \"MONUSCO\"}')",
    )
    .await?;
    Ok(())
}

/// up, (check), down, (check), up, (check).
async fn cycle(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    assert_tables(db, true).await?;
    assert!(Migrator::get_pending_migrations(db).await?.is_empty());
    Migrator::status(db).await?;
    assert_constraints(db).await?;

    Migrator::down(db, None).await?;
    assert_tables(db, false).await?;
    assert_eq!(
        Migrator::get_pending_migrations(db).await?.len(),
        Migrator::migrations().len()
    );

    Migrator::up(db, None).await?;
    assert_tables(db, true).await?;
    assert!(Migrator::get_pending_migrations(db).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn up_down_up_sqlite() -> Result<(), DbErr> {
    let dir = tempfile::tempdir().map_err(|e| DbErr::Custom(e.to_string()))?;
    let path = dir.path().join("coordmap.db");
    let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display())).await?;
    cycle(&db).await?;
    db.close().await
}

/// Replaces the database name (the path) of a PostgreSQL URL, keeping any query string.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{database}", &base[..host_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[tokio::test]
async fn up_down_up_postgres() -> Result<(), DbErr> {
    let Ok(url) = std::env::var("COORDMAP_TEST_POSTGRES_URL") else {
        println!("skipped: COORDMAP_TEST_POSTGRES_URL not set");
        return Ok(());
    };
    let name = format!("coordmap_mig_{}", uuid::Uuid::now_v7().simple());
    let admin = Database::connect(url.as_str()).await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;

    let result = async {
        let db = Database::connect(with_database(&url, &name)).await?;
        let result = cycle(&db).await;
        db.close().await?;
        result
    }
    .await;

    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await?;
    admin.close().await?;
    result
}
