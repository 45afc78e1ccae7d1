//! `missions` and `mission_names` (former names, so identity survives renames).

use sea_orm_migration::prelude::*;

use crate::columns::{
    code, drop_tables, enumeration, enumeration_null, flag, name, text, TableDef,
};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::Organizations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum Missions {
    Table,
    Acronym,
    Name,
    Kind,
    LeadDepartmentId,
    CountryCode,
    Description,
    PocMandate,
    PocFirstPriority,
    ChapterVii,
    HumanRightsMandate,
    SupportsHostGovernment,
    OffensiveOperations,
    IntegratedPresence,
    RiskEnvironment,
}

#[derive(DeriveIden)]
pub enum MissionNames {
    Table,
    MissionId,
    Acronym,
    Name,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Missions::Table)
            .col(code(Missions::Acronym).not_null())
            .col(name(Missions::Name))
            .col(enumeration(Missions::Kind))
            .fk(Missions::LeadDepartmentId, Organizations::Table, false)
            .col(code(Missions::CountryCode))
            .col(text(Missions::Description))
            .col(flag(Missions::PocMandate, false))
            .col(flag(Missions::PocFirstPriority, false))
            .col(flag(Missions::ChapterVii, false))
            .col(flag(Missions::HumanRightsMandate, false))
            .col(flag(Missions::SupportsHostGovernment, false))
            .col(flag(Missions::OffensiveOperations, false))
            .col(flag(Missions::IntegratedPresence, false))
            .col(enumeration_null(Missions::RiskEnvironment))
            .validity()
            .archivable()
            .unique("acronym", idens![Missions::Acronym])
            .create(manager)
            .await?;

        TableDef::new(MissionNames::Table)
            .fk(MissionNames::MissionId, Missions::Table, true)
            .col(code(MissionNames::Acronym).not_null())
            .col(name(MissionNames::Name))
            .validity()
            .index("acronym", idens![MissionNames::Acronym])
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![MissionNames::Table.into_iden(), Missions::Table.into_iden()],
        )
        .await
    }
}
