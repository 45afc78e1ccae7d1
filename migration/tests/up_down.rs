//! Runs every migration up, down and up again, on a fresh SQLite file and, when
//! `COORDMAP_TEST_POSTGRES_URL` is set, on a fresh PostgreSQL database; checks that the tables
//! appear and disappear, and that the constraints the schema promises are enforced.

use migration::{Migrator, MigratorTrait, SchemaManager, DROPPED_TABLES, UNTRACKED_TABLES};
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr, Statement};

/// The tables whose changes move `data_version` forward: the record tables of the registry.
fn tracked_tables() -> impl Iterator<Item = &'static str> {
    entity::registry::TABLES.iter().copied()
}

/// Every table the migrations leave: the record tables, then the others.
fn tables() -> impl Iterator<Item = &'static str> {
    tracked_tables().chain(UNTRACKED_TABLES.iter().copied())
}

async fn assert_tables(db: &DatabaseConnection, present: bool) -> Result<(), DbErr> {
    let manager = SchemaManager::new(db);
    for table in tables() {
        assert_eq!(
            manager.has_table(table).await?,
            present,
            "table {table} should {}exist",
            if present { "" } else { "not " }
        );
    }
    for table in DROPPED_TABLES {
        assert!(
            !manager.has_table(table).await?,
            "table {table} was dropped"
        );
    }
    Ok(())
}

/// The demo's JWT secret is one row at most.
async fn assert_demo_secret_is_one_row(db: &DatabaseConnection) -> Result<(), DbErr> {
    let secret = |id: u32| {
        format!(
            "INSERT INTO demo_jwt_secrets (id, secret, created_at) \
             VALUES ({id}, 'a-secret', '2026-12-07T00:00:00Z')"
        )
    };
    ok(db, &secret(1)).await?;
    refused(
        db,
        &secret(1),
        &["duplicate key", "UNIQUE constraint failed"],
    )
    .await;
    refused(
        db,
        &secret(2),
        &["ck-demo_jwt_secrets-one_row", "CHECK constraint failed"],
    )
    .await;
    ok(db, "DELETE FROM demo_jwt_secrets").await
}

/// How many migrations come down to undo `name` and every migration after it.
fn steps_to_undo(name: &str) -> u32 {
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let position = names
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no migration {name} among {names:?}"));
    u32::try_from(names.len() - position).expect("a handful of migrations")
}

/// The migration dropping the rate limiter's table comes down and gives the table back as it
/// was: its columns, and its unique bucket key; then goes up again.
async fn assert_rate_limit_buckets_come_back(db: &DatabaseConnection) -> Result<(), DbErr> {
    let manager = SchemaManager::new(db);
    Migrator::down(
        db,
        Some(steps_to_undo("m20261207_044500_drop_rate_limit_buckets")),
    )
    .await?;
    assert!(manager.has_table("rate_limit_buckets").await?);
    let bucket = |n: u32| {
        format!(
            "INSERT INTO rate_limit_buckets (id, bucket_key, tokens, refilled_at, allowed) \
             VALUES ({}, 'user:a', 59.5, 1765000000.25, true)",
            id(n)
        )
    };
    ok(db, &bucket(900)).await?;
    refused(
        db,
        &bucket(901),
        &[
            "uq-rate_limit_buckets-bucket_key",
            "UNIQUE constraint failed: rate_limit_buckets.bucket_key",
        ],
    )
    .await;
    refused(
        db,
        &format!(
            "INSERT INTO rate_limit_buckets (id, bucket_key, tokens, refilled_at, allowed) \
             VALUES ({}, 'user:b', NULL, 1.0, true)",
            id(902)
        ),
        &[
            "null value in column \"tokens\"",
            "NOT NULL constraint failed",
        ],
    )
    .await;
    Migrator::up(db, None).await?;
    assert!(!manager.has_table("rate_limit_buckets").await?);
    Ok(())
}

async fn one_row(db: &DatabaseConnection, sql: &str) -> Result<sea_orm::QueryResult, DbErr> {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no row: {sql}")))
}

/// The mandates migration moves mission attributes into `mission_mandates` and back: coming down,
/// each mission takes the attributes of its latest mandate; going up, each mission gets a first
/// mandate with them, over its whole period, with the id `first_mandate_id` gives.
async fn assert_mandates_move(db: &DatabaseConnection) -> Result<(), DbErr> {
    let mandate =
        "id, mission_id, poc_mandate, offensive_operations, risk_environment, valid_from, valid_to";
    for (n, offensive, from, to) in [
        (80, false, "'2010-07-01'", "'2013-03-28'"),
        (81, true, "'2013-03-28'", "NULL"),
    ] {
        let values = format!(
            "{}, {MISSION}, true, {offensive}, 'HIGH', {from}, {to}",
            id(n)
        );
        ok(db, &insert("mission_mandates", mandate, &values)).await?;
    }
    // Two mandates of one mission cannot start on the same day.
    refused(
        db,
        &insert(
            "mission_mandates",
            mandate,
            &format!(
                "{}, {MISSION}, true, true, NULL, '2013-03-28', NULL",
                id(82)
            ),
        ),
        &[
            "uq-mission_mandates-mission_id-valid_from",
            "UNIQUE constraint failed: mission_mandates.mission_id, mission_mandates.valid_from",
        ],
    )
    .await;

    Migrator::down(
        db,
        Some(steps_to_undo("m20261207_131500_create_mission_mandates")),
    )
    .await?;
    let manager = SchemaManager::new(db);
    assert!(!manager.has_table("mission_mandates").await?);
    let sql = format!(
        "SELECT poc_mandate, offensive_operations, chapter_vii, risk_environment FROM missions WHERE id = {MISSION}"
    );
    let back = one_row(db, &sql).await?;
    assert!(back.try_get::<bool>("", "poc_mandate")?);
    assert!(
        back.try_get::<bool>("", "offensive_operations")?,
        "the latest mandate's value"
    );
    assert!(!back.try_get::<bool>("", "chapter_vii")?);
    assert_eq!(
        back.try_get::<Option<String>>("", "risk_environment")?,
        Some("HIGH".to_owned())
    );

    Migrator::up(db, None).await?;
    let sql = format!(
        "SELECT id, offensive_operations, risk_environment, valid_from FROM mission_mandates WHERE mission_id = {MISSION}"
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    assert_eq!(rows.len(), 1, "one first mandate per mission");
    let first = &rows[0];
    let mission = uuid::Uuid::parse_str(MISSION.trim_matches('\'')).expect("a UUID");
    assert_eq!(
        first.try_get::<uuid::Uuid>("", "id")?,
        migration::first_mandate_id(mission)
    );
    assert!(first.try_get::<bool>("", "offensive_operations")?);
    assert_eq!(
        first.try_get::<Option<String>>("", "risk_environment")?,
        Some("HIGH".to_owned())
    );
    refused(
        db,
        &format!("SELECT poc_mandate FROM missions WHERE id = {MISSION}"),
        &["poc_mandate"],
    )
    .await;
    Ok(())
}

/// `decision_rights.joint_decision` is there after `up`, takes a label, and is gone after its
/// migration's `down`; then comes back.
async fn assert_joint_decision_comes_and_goes(db: &DatabaseConnection) -> Result<(), DbErr> {
    let manager = SchemaManager::new(db);
    assert!(
        manager
            .has_column("decision_rights", "joint_decision")
            .await?
    );
    Migrator::down(
        db,
        Some(steps_to_undo(
            "m20261207_210000_add_joint_decision_to_decision_rights",
        )),
    )
    .await?;
    assert!(manager.has_table("decision_rights").await?);
    assert!(
        !manager
            .has_column("decision_rights", "joint_decision")
            .await?
    );
    Migrator::up(db, None).await?;
    assert!(
        manager
            .has_column("decision_rights", "joint_decision")
            .await?
    );
    Ok(())
}

/// The record types of the audit entries `ids`, in order.
async fn record_types(db: &DatabaseConnection, ids: &[u32]) -> Result<Vec<String>, DbErr> {
    let mut out = Vec::new();
    for n in ids {
        let row = one_row(
            db,
            &format!("SELECT record_type FROM audit_log WHERE id = {}", id(*n)),
        )
        .await?;
        out.push(row.try_get("", "record_type")?);
    }
    Ok(out)
}

/// The audit log's `record_type` names tables after its migration's `up` and GraphQL types
/// after its `down`; entries about no record, and values it does not know, stay as they are.
async fn assert_audit_log_names_tables(db: &DatabaseConnection) -> Result<(), DbErr> {
    let migration = "m20261208_100000_audit_log_names_tables";
    Migrator::down(db, Some(steps_to_undo(migration))).await?;
    let entries = [
        (81, "Mission"),
        (82, "AreaOfResponsibility"),
        (83, "SourceCitation"),
        (84, ""),
        (85, "something_else"),
    ];
    for (n, record_type) in entries {
        ok(
            db,
            &format!(
                "INSERT INTO audit_log \
                 (id, occurred_at, actor, actor_kind, operation, record_type, record_id) \
                 VALUES ({}, '2026-01-01T00:00:00Z', 'admin', 'USER', 'update', \
                 '{record_type}', {MISSION})",
                id(n)
            ),
        )
        .await?;
    }
    let ids = entries.map(|(n, _)| n);
    let tables = [
        "missions",
        "areas_of_responsibility",
        "source_citations",
        "",
        "something_else",
    ];
    Migrator::up(db, None).await?;
    assert_eq!(record_types(db, &ids).await?, tables);
    Migrator::down(db, Some(steps_to_undo(migration))).await?;
    assert_eq!(
        record_types(db, &ids).await?,
        entries.map(|(_, record_type)| record_type)
    );
    Migrator::up(db, None).await?;
    assert_eq!(record_types(db, &ids).await?, tables);
    let listed: Vec<String> = ids.iter().map(|n| id(*n)).collect();
    ok(
        db,
        &format!("DELETE FROM audit_log WHERE id IN ({})", listed.join(", ")),
    )
    .await
}

/// `post_id` and `component_id` of audit entry `n`.
async fn posts_named(
    db: &DatabaseConnection,
    n: u32,
) -> Result<(Option<uuid::Uuid>, Option<uuid::Uuid>), DbErr> {
    let row = one_row(
        db,
        &format!(
            "SELECT post_id, component_id FROM audit_log WHERE id = {}",
            id(n)
        ),
    )
    .await?;
    Ok((
        row.try_get("", "post_id")?,
        row.try_get("", "component_id")?,
    ))
}

/// The migration naming posts in the audit log fills `post_id` and `component_id` of the
/// entries already in the change feed from the row each records (`after`, else `before`), and
/// leaves entries outside the feed and rows naming neither alone.
async fn assert_audit_log_names_posts(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::down(
        db,
        Some(steps_to_undo("m20261210_100000_audit_log_names_posts")),
    )
    .await?;
    let post = uuid::Uuid::parse_str(POST.trim_matches('\'')).expect("a UUID");
    let component = uuid::Uuid::parse_str(COMPONENT.trim_matches('\'')).expect("a UUID");
    let bare = |v: &str| v.trim_matches('\'').to_owned();
    let entries = [
        // A hat: its post, from `after`.
        (
            91,
            Some(1001),
            "post_hats",
            "NULL".to_owned(),
            format!(r#"'{{"post_id": "{}", "hat": "SRSG"}}'"#, bare(POST)),
        ),
        // A reporting line ended and gone: from `before`, a component to a post.
        (
            92,
            Some(1002),
            "reporting_lines",
            format!(
                r#"'{{"from_component_id": "{}", "to_post_id": "{}"}}'"#,
                bare(COMPONENT),
                bare(POST)
            ),
            "NULL".to_owned(),
        ),
        // A mission: neither.
        (
            93,
            Some(1003),
            "missions",
            "NULL".to_owned(),
            r#"'{"name": "M"}'"#.to_owned(),
        ),
        // A read, outside the feed.
        (
            94,
            None,
            "post_hats",
            "NULL".to_owned(),
            format!(r#"'{{"post_id": "{}"}}'"#, bare(POST)),
        ),
    ];
    for (n, seq, table, before, after) in &entries {
        let seq = seq.map_or("NULL".to_owned(), |s: i64| s.to_string());
        ok(
            db,
            &format!(
                "INSERT INTO audit_log (id, occurred_at, actor, actor_kind, operation, \
                 record_type, record_id, before, after, change_seq) \
                 VALUES ({}, '2026-01-01T00:00:00Z', 'admin', 'USER', 'update', '{table}', \
                 {MISSION}, {before}, {after}, {seq})",
                id(*n)
            ),
        )
        .await?;
    }
    Migrator::up(db, None).await?;
    assert_eq!(posts_named(db, 91).await?, (Some(post), None));
    assert_eq!(posts_named(db, 92).await?, (Some(post), Some(component)));
    assert_eq!(posts_named(db, 93).await?, (None, None));
    assert_eq!(posts_named(db, 94).await?, (None, None));
    let listed: Vec<String> = entries.iter().map(|(n, ..)| id(*n)).collect();
    ok(
        db,
        &format!("DELETE FROM audit_log WHERE id IN ({})", listed.join(", ")),
    )
    .await
}

async fn ok(db: &DatabaseConnection, sql: &str) -> Result<(), DbErr> {
    db.execute_unprepared(sql).await?;
    Ok(())
}

/// Runs a statement that must be refused by a constraint whose error message contains one of
/// `reasons` (PostgreSQL names the constraint; SQLite names checks but not unique indexes or
/// foreign keys).
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

/// `INSERT` of an audit entry `n` about the mission, with `after` as an SQL literal.
fn audit_insert(n: u32, operation: &str, after: &str) -> String {
    format!(
        "INSERT INTO audit_log \
         (id, occurred_at, actor, actor_kind, operation, record_type, record_id, before, after) \
         VALUES ({}, '2026-01-01T00:00:00Z', 'admin', 'USER', '{operation}', 'missions', {MISSION}, \
         NULL, {after})",
        id(n)
    )
}

/// `INSERT` of a record with its required timestamps.
fn insert(table: &str, columns: &str, values: &str) -> String {
    format!(
        "INSERT INTO {table} ({columns}, created_at, updated_at) \
         VALUES ({values}, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
    )
}

const ORG: &str = "'00000000-0000-7000-8000-000000000001'";
const MISSION: &str = "'00000000-0000-7000-8000-000000000002'";
const COMPONENT: &str = "'00000000-0000-7000-8000-000000000003'";
const POST: &str = "'00000000-0000-7000-8000-000000000004'";
const FORUM: &str = "'00000000-0000-7000-8000-000000000005'";
const AREA: &str = "'00000000-0000-7000-8000-000000000006'";
const MISSING: &str = "'00000000-0000-7000-8000-0000000000ee'";

fn id(n: u32) -> String {
    format!("'00000000-0000-7000-8000-{n:012}'")
}

/// The constraints of `docs/DATA_MODEL.md`: validity ranges, unique codes, foreign keys and the
/// exactly-one checks of polymorphic references.
async fn assert_constraints(db: &DatabaseConnection) -> Result<(), DbErr> {
    let org = "id, code, name, kind";
    ok(
        db,
        &insert(
            "organizations",
            org,
            &format!("{ORG}, 'DPO', 'DPO', 'UN_SECRETARIAT'"),
        ),
    )
    .await?;
    refused(
        db,
        &insert(
            "organizations",
            org,
            &format!("{}, 'DPO', 'Duplicate', 'OTHER'", id(100)),
        ),
        &[
            "uq-organizations-code",
            "UNIQUE constraint failed: organizations.code",
        ],
    )
    .await;

    // valid_to before valid_from is refused; valid_to = valid_from (an empty interval) is allowed.
    let mission = "id, acronym, name, kind, lead_department_id, valid_from, valid_to";
    refused(
        db,
        &insert(
            "missions",
            mission,
            &format!("{MISSION}, 'MONUSCO', 'MONUSCO', 'PEACEKEEPING', {ORG}, '2010-07-01', '2010-06-30'"),
        ),
        &["ck-missions-valid_range"],
    )
    .await;
    ok(
        db,
        &insert(
            "missions",
            mission,
            &format!("{MISSION}, 'MONUSCO', 'MONUSCO', 'PEACEKEEPING', {ORG}, '2010-07-01', NULL"),
        ),
    )
    .await?;
    let name = "id, mission_id, acronym, name, valid_from, valid_to";
    ok(
        db,
        &insert(
            "mission_names",
            name,
            &format!(
                "{}, {MISSION}, 'MONUC', 'MONUC', '1999-11-30', '1999-11-30'",
                id(10)
            ),
        ),
    )
    .await?;
    // A foreign key to a missing row is refused.
    refused(
        db,
        &insert(
            "mission_names",
            name,
            &format!("{}, {MISSING}, 'X', 'X', '2000-01-01', NULL", id(11)),
        ),
        &[
            "fk-mission_names-mission_id",
            "FOREIGN KEY constraint failed",
        ],
    )
    .await;

    ok(
        db,
        &insert(
            "geographic_areas",
            "id, name, level, code",
            &format!("{AREA}, 'Ituri', 'STATE', 'CD54'"),
        ),
    )
    .await?;
    ok(
        db,
        &insert(
            "components",
            "id, mission_id, name, kind, level, geographic_area_id, valid_from",
            &format!("{COMPONENT}, {MISSION}, 'Human Rights Office', 'CIVILIAN', 'HQ', {AREA}, '2010-07-01'"),
        ),
    )
    .await?;
    // A post belongs to a mission or an organisation.
    refused(
        db,
        &insert(
            "posts",
            "id, title, valid_from",
            &format!("{POST}, 'SRSG', '2010-07-01'"),
        ),
        &["ck-posts-mission_or_organization"],
    )
    .await;
    ok(
        db,
        &insert(
            "posts",
            "id, mission_id, title, valid_from",
            &format!("{POST}, {MISSION}, 'SRSG', '2010-07-01'"),
        ),
    )
    .await?;

    // Exactly one "from" and exactly one "to".
    let line =
        "id, from_post_id, from_component_id, to_post_id, to_organization_id, kind, valid_from";
    refused(
        db,
        &insert(
            "reporting_lines",
            line,
            &format!(
                "{}, {POST}, {COMPONENT}, NULL, {ORG}, 'LINE', '2010-07-01'",
                id(20)
            ),
        ),
        &["ck-reporting_lines-one_from"],
    )
    .await;
    refused(
        db,
        &insert(
            "reporting_lines",
            line,
            &format!(
                "{}, NULL, {COMPONENT}, NULL, NULL, 'LINE', '2010-07-01'",
                id(20)
            ),
        ),
        &["ck-reporting_lines-one_to"],
    )
    .await;
    ok(
        db,
        &insert(
            "reporting_lines",
            line,
            &format!(
                "{}, NULL, {COMPONENT}, {POST}, NULL, 'LINE', '2010-07-01'",
                id(20)
            ),
        ),
    )
    .await?;

    // poc_tier is 1, 2 or 3 (or unset).
    let task = "id, mission_id, category, title, poc_tier, valid_from";
    for (tier, accepted) in [("0", false), ("4", false), ("2", true), ("NULL", true)] {
        let n = if tier == "NULL" { 31 } else { 30 };
        let sql = insert(
            "mandated_tasks",
            task,
            &format!(
                "{}, {MISSION}, 'PROTECTION_OF_CIVILIANS', 'POC', {tier}, '2010-07-01'",
                id(n)
            ),
        );
        if accepted {
            ok(db, &sql).await?;
        } else {
            refused(db, &sql, &["ck-mandated_tasks-poc_tier"]).await;
        }
    }

    // A forum cannot link to itself; a membership has exactly one member.
    ok(
        db,
        &insert(
            "forums",
            "id, name, kind, level, mission_id, valid_from",
            &format!(
                "{FORUM}, 'SMG', 'SENIOR_MANAGEMENT_GROUP', 'MISSION_HQ', {MISSION}, '2010-07-01'"
            ),
        ),
    )
    .await?;
    refused(
        db,
        &insert(
            "forum_links",
            "id, forum_id, target_forum_id, kind, valid_from",
            &format!("{}, {FORUM}, {FORUM}, 'REPORTS_TO', '2010-07-01'", id(40)),
        ),
        &["ck-forum_links-not_self"],
    )
    .await;
    let membership = "id, forum_id, member_organization_id, member_post_id, capacity, valid_from";
    refused(
        db,
        &insert(
            "forum_memberships",
            membership,
            &format!("{}, {FORUM}, {ORG}, {POST}, 'MEMBER', '2010-07-01'", id(50)),
        ),
        &["ck-forum_memberships-one_member"],
    )
    .await;
    ok(
        db,
        &insert(
            "forum_memberships",
            membership,
            &format!("{}, {FORUM}, NULL, {POST}, 'CHAIR', '2010-07-01'", id(50)),
        ),
    )
    .await?;

    // A decision right has exactly one holder.
    ok(
        db,
        &insert(
            "decision_areas",
            "id, code, name",
            &format!("{}, 'USE_OF_FORCE', 'Use of force'", id(60)),
        ),
    )
    .await?;
    let right = "id, decision_area_id, mission_id, holder_forum_id, kind, valid_from";
    refused(
        db,
        &insert(
            "decision_rights",
            right,
            &format!(
                "{}, {}, {MISSION}, NULL, 'DECIDES', '2010-07-01'",
                id(61),
                id(60)
            ),
        ),
        &["ck-decision_rights-one_holder"],
    )
    .await;
    ok(
        db,
        &insert(
            "decision_rights",
            right,
            &format!(
                "{}, {}, {MISSION}, {FORUM}, 'DECIDES', '2010-07-01'",
                id(61),
                id(60)
            ),
        ),
    )
    .await?;

    // The audit log (no common columns) takes JSON documents.
    ok(
        db,
        &audit_insert(70, "CREATE", "'{\"acronym\": \"MONUSCO\"}'"),
    )
    .await?;
    Ok(())
}

async fn data_version(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM data_version WHERE id = 1",
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("data_version has no row".into()))?;
    row.try_get("", "version")
}

/// Every table of the map, and only those, has a `data_version` trigger.
async fn assert_tracking(db: &DatabaseConnection) -> Result<(), DbErr> {
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            "SELECT DISTINCT event_object_table AS name FROM information_schema.triggers \
             WHERE trigger_name LIKE '%_data_version'"
        }
        _ => {
            "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' \
              AND name LIKE '%_data_version_%'"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut triggered: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "name"))
        .collect::<Result<_, _>>()?;
    triggered.sort_unstable();
    let mut tracked: Vec<String> = tracked_tables().map(str::to_owned).collect();
    tracked.sort_unstable();
    assert_eq!(triggered, tracked, "the tables with data_version triggers");
    Ok(())
}

/// A write to a tracked table moves the version forward; a write to the audit log does not.
async fn assert_version_moves(db: &DatabaseConnection) -> Result<(), DbErr> {
    let before = data_version(db).await?;
    ok(
        db,
        "UPDATE organizations SET name = 'Department of Peace Operations' WHERE code = 'DPO'",
    )
    .await?;
    let after_update = data_version(db).await?;
    assert!(
        after_update > before,
        "an update moves the version: {before} -> {after_update}"
    );
    ok(db, &audit_insert(71, "READ", "NULL")).await?;
    assert_eq!(
        data_version(db).await?,
        after_update,
        "the audit log is not tracked"
    );
    ok(
        db,
        &format!("DELETE FROM forum_links WHERE id = {}", id(40)),
    )
    .await?;
    ok(
        db,
        &format!("DELETE FROM forum_memberships WHERE id = {}", id(50)),
    )
    .await?;
    assert!(
        data_version(db).await? > after_update,
        "a delete moves the version"
    );
    Ok(())
}

/// up, (check), down, (check), up, (check).
async fn cycle(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await?;
    assert_tables(db, true).await?;
    assert!(Migrator::get_pending_migrations(db).await?.is_empty());
    Migrator::status(db).await?;
    assert_constraints(db).await?;
    assert_tracking(db).await?;
    assert_version_moves(db).await?;
    assert_mandates_move(db).await?;
    assert_rate_limit_buckets_come_back(db).await?;
    assert_joint_decision_comes_and_goes(db).await?;
    assert_demo_secret_is_one_row(db).await?;
    assert_audit_log_names_tables(db).await?;
    assert_audit_log_names_posts(db).await?;
    assert_tables(db, true).await?;

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
