//! `documents` (strategies, CONOPS, ROE, protocols, resolutions, reports) and the
//! `source_citations` that tie any record to the document and paragraph stating it.

use sea_orm_migration::prelude::*;

use crate::columns::{
    drop_tables, enumeration, enumeration_null, flag, name, short, text, TableDef,
};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::Organizations;
use crate::m20261123_140002_create_missions::Missions;
use crate::m20261123_140003_create_mission_structure::Components;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Documents {
    Table,
    MissionId,
    Kind,
    Title,
    Symbol,
    IssuedOn,
    Coverage,
    DraftedByComponentId,
    DraftedByOrganizationId,
    Url,
}

#[derive(DeriveIden)]
pub enum SourceCitations {
    Table,
    RecordType,
    RecordId,
    DocumentId,
    Locator,
    Quote,
    Note,
    Illustrative,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Documents::Table)
            .fk(Documents::MissionId, Missions::Table, false)
            .col(enumeration(Documents::Kind))
            .col(name(Documents::Title))
            .col(short(Documents::Symbol, 64))
            .col(ColumnDef::new(Documents::IssuedOn).date().null())
            .col(enumeration_null(Documents::Coverage))
            .fk(Documents::DraftedByComponentId, Components::Table, false)
            .fk(
                Documents::DraftedByOrganizationId,
                Organizations::Table,
                false,
            )
            .col(text(Documents::Url))
            .archivable()
            .create(manager)
            .await?;

        TableDef::new(SourceCitations::Table)
            .col(short(SourceCitations::RecordType, 64).not_null())
            .col(ColumnDef::new(SourceCitations::RecordId).uuid().not_null())
            .fk(SourceCitations::DocumentId, Documents::Table, true)
            .col(short(SourceCitations::Locator, 64))
            .col(text(SourceCitations::Quote))
            .col(text(SourceCitations::Note))
            .col(flag(SourceCitations::Illustrative, false))
            .index(
                "record",
                idens![SourceCitations::RecordType, SourceCitations::RecordId],
            )
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                SourceCitations::Table.into_iden(),
                Documents::Table.into_iden(),
            ],
        )
        .await
    }
}
