//! `mission_mandates`: the attributes mandates change (protection of civilians and whether it is
//! the first priority, Chapter VII, human rights, support to the host government, offensive
//! operations, integrated presence, risk environment), one row per period, with the Security
//! Council resolution that set them. They leave `missions`, which keeps what a mission is
//! (acronym, name, kind, country, lead department, its period).
//!
//! Existing missions keep their attributes: each gets a first mandate holding today's values
//! over the mission's whole period, with the id [`first_mandate_id`] gives. `down` puts the
//! attributes of each mission's latest mandate back on the mission and drops the table.

use sea_orm::Statement;
use sea_orm_migration::prelude::*;
use uuid::Uuid;

use crate::columns::{drop_tables, enumeration_null, flag, short, text, Common, TableDef};
use crate::idens;
use crate::m20261123_140002_create_missions::Missions;
use crate::m20261206_000001_create_data_version::{track, untrack};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum MissionMandates {
    Table,
    MissionId,
    PocMandate,
    PocFirstPriority,
    ChapterVii,
    HumanRightsMandate,
    SupportsHostGovernment,
    OffensiveOperations,
    IntegratedPresence,
    RiskEnvironment,
    Resolution,
    Note,
}

/// The yes/no attributes, as columns of `missions` (before) and `mission_mandates` (after).
const FLAGS: [(Missions, MissionMandates); 7] = [
    (Missions::PocMandate, MissionMandates::PocMandate),
    (
        Missions::PocFirstPriority,
        MissionMandates::PocFirstPriority,
    ),
    (Missions::ChapterVii, MissionMandates::ChapterVii),
    (
        Missions::HumanRightsMandate,
        MissionMandates::HumanRightsMandate,
    ),
    (
        Missions::SupportsHostGovernment,
        MissionMandates::SupportsHostGovernment,
    ),
    (
        Missions::OffensiveOperations,
        MissionMandates::OffensiveOperations,
    ),
    (
        Missions::IntegratedPresence,
        MissionMandates::IntegratedPresence,
    ),
];

/// The id of the first mandate made for a mission that had its attributes on its own row (by
/// this migration, or by an import of a format 1 document): derived from the mission's id, so
/// that the same mission always gets the same first mandate and importing an old document twice
/// changes nothing the second time.
pub fn first_mandate_id(mission: Uuid) -> Uuid {
    const SALT: &[u8; 16] = b"mission mandate1";
    let mut bytes = *mission.as_bytes();
    for (byte, salt) in bytes.iter_mut().zip(SALT) {
        *byte ^= salt;
    }
    uuid::Builder::from_bytes(bytes)
        .with_variant(uuid::Variant::RFC4122)
        .with_version(uuid::Version::Custom)
        .into_uuid()
}

fn missions_column(column: Missions) -> ColumnDef {
    match column {
        Missions::RiskEnvironment => enumeration_null(column),
        _ => flag(column, false),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = TableDef::new(MissionMandates::Table).fk(
            MissionMandates::MissionId,
            Missions::Table,
            true,
        );
        for (_, column) in FLAGS {
            table = table.col(flag(column, false));
        }
        table
            .col(enumeration_null(MissionMandates::RiskEnvironment))
            .col(short(MissionMandates::Resolution, 64))
            .col(text(MissionMandates::Note))
            .validity()
            .unique(
                "mission_id-valid_from",
                idens![MissionMandates::MissionId, Common::ValidFrom],
            )
            .create(manager)
            .await?;
        track(manager, "mission_mandates").await?;

        // Each mission's attributes become its first mandate, over the mission's whole period.
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let ids = db
            .query_all_raw(Statement::from_string(backend, "SELECT id FROM missions"))
            .await?;
        for row in ids {
            let (mission, stored) = uuid_of(&row)?;
            let mut select = Query::select();
            select
                .expr(Expr::val(first_mandate_id(mission)))
                .column(Common::Id);
            let mut columns = vec![
                Common::Id.into_iden(),
                MissionMandates::MissionId.into_iden(),
            ];
            for (from, to) in FLAGS {
                select.column(from);
                columns.push(to.into_iden());
            }
            select.column(Missions::RiskEnvironment);
            columns.push(MissionMandates::RiskEnvironment.into_iden());
            for common in [
                Common::ValidFrom,
                Common::ValidTo,
                Common::Sensitivity,
                Common::CreatedAt,
                Common::UpdatedAt,
            ] {
                select.column(common);
                columns.push(common.into_iden());
            }
            select
                .from(Missions::Table)
                .and_where(Expr::col(Common::Id).eq(stored));
            let insert = Query::insert()
                .into_table(MissionMandates::Table)
                .columns(columns)
                .select_from(select)
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            manager.exec_stmt(insert).await?;
        }

        for (column, _) in FLAGS {
            drop_column(manager, column).await?;
        }
        drop_column(manager, Missions::RiskEnvironment).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns: Vec<(Missions, MissionMandates)> = FLAGS
            .into_iter()
            .chain([(Missions::RiskEnvironment, MissionMandates::RiskEnvironment)])
            .collect();
        for (column, from) in columns {
            let nullable = matches!(column, Missions::RiskEnvironment);
            manager
                .alter_table(
                    Table::alter()
                        .table(Missions::Table)
                        .add_column(missions_column(column))
                        .to_owned(),
                )
                .await?;
            // The latest mandate's value (the mission's own default when it has none).
            let latest = Query::select()
                .column(from)
                .from(MissionMandates::Table)
                .and_where(
                    Expr::col((MissionMandates::Table, MissionMandates::MissionId))
                        .equals((Missions::Table, Common::Id)),
                )
                .order_by(Common::ValidFrom, Order::Desc)
                .limit(1)
                .to_owned();
            let value: Expr = if nullable {
                Expr::SubQuery(None, Box::new(latest.into_sub_query_statement()))
            } else {
                Func::coalesce([
                    Expr::SubQuery(None, Box::new(latest.into_sub_query_statement())),
                    Expr::val(false),
                ])
                .into()
            };
            manager
                .exec_stmt(
                    Query::update()
                        .table(Missions::Table)
                        .value(column, value)
                        .to_owned(),
                )
                .await?;
        }
        untrack(manager, "mission_mandates").await?;
        drop_tables(manager, vec![MissionMandates::Table.into_iden()]).await
    }
}

/// The mission id of a row, and the value it is stored as: a UUID (as the application writes
/// it), or its text (as an operator's SQL on SQLite may have written it).
fn uuid_of(row: &sea_orm::QueryResult) -> Result<(Uuid, sea_orm::Value), DbErr> {
    if let Ok(id) = row.try_get::<Uuid>("", "id") {
        return Ok((id, id.into()));
    }
    let text: String = row.try_get("", "id")?;
    let id =
        Uuid::parse_str(&text).map_err(|e| DbErr::Custom(format!("mission id `{text}`: {e}")))?;
    Ok((id, text.into()))
}

/// `ALTER TABLE missions DROP COLUMN ...` (SQLite has dropped columns since 3.35).
async fn drop_column(manager: &SchemaManager<'_>, column: Missions) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE missions DROP COLUMN {}",
            column.into_iden()
        ))
        .await
        .map(|_| ())
}
