//! What is decided (`decision_areas`, rows rather than an enumeration, so users can add areas) and
//! who holds which right over it (`decision_rights`).

use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, enumeration, exactly_one, flag, name, short, text, TableDef};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::Organizations;
use crate::m20261123_140002_create_missions::Missions;
use crate::m20261123_140003_create_mission_structure::{Components, Posts};
use crate::m20261123_140005_create_forums::Forums;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum DecisionAreas {
    Table,
    Code,
    Name,
    Description,
}

#[derive(DeriveIden)]
pub enum DecisionRights {
    Table,
    DecisionAreaId,
    MissionId,
    HolderPostId,
    HolderComponentId,
    HolderOrganizationId,
    HolderForumId,
    Kind,
    Scope,
    DelegatedFromId,
    NonDelegable,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(DecisionAreas::Table)
            .col(short(DecisionAreas::Code, 64).not_null())
            .col(name(DecisionAreas::Name))
            .col(text(DecisionAreas::Description))
            .archivable()
            .unique("code", idens![DecisionAreas::Code])
            .create(manager)
            .await?;

        TableDef::new(DecisionRights::Table)
            .fk(DecisionRights::DecisionAreaId, DecisionAreas::Table, true)
            .fk(DecisionRights::MissionId, Missions::Table, false)
            .fk(DecisionRights::HolderPostId, Posts::Table, false)
            .fk(DecisionRights::HolderComponentId, Components::Table, false)
            .fk(
                DecisionRights::HolderOrganizationId,
                Organizations::Table,
                false,
            )
            .fk(DecisionRights::HolderForumId, Forums::Table, false)
            .col(enumeration(DecisionRights::Kind))
            .col(text(DecisionRights::Scope))
            .fk(
                DecisionRights::DelegatedFromId,
                DecisionRights::Table,
                false,
            )
            .col(flag(DecisionRights::NonDelegable, false))
            .col(text(DecisionRights::Note))
            .validity()
            .check(
                "one_holder",
                exactly_one(idens![
                    DecisionRights::HolderPostId,
                    DecisionRights::HolderComponentId,
                    DecisionRights::HolderOrganizationId,
                    DecisionRights::HolderForumId
                ]),
            )
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                DecisionRights::Table.into_iden(),
                DecisionAreas::Table.into_iden(),
            ],
        )
        .await
    }
}
