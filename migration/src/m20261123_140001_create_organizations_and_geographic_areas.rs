//! `organizations` and `geographic_areas`: the actors outside the mission structure and the
//! places everything else is located in.

use sea_orm_migration::prelude::*;

use crate::columns::{code, drop_tables, enumeration, name, text, TableDef};
use crate::idens;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Organizations {
    Table,
    Code,
    Name,
    Kind,
    ParentId,
    CountryCode,
    Description,
}

#[derive(DeriveIden)]
pub enum GeographicAreas {
    Table,
    ParentId,
    Name,
    Level,
    Code,
    CountryCode,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Organizations::Table)
            .col(code(Organizations::Code).not_null())
            .col(name(Organizations::Name))
            .col(enumeration(Organizations::Kind))
            .fk(Organizations::ParentId, Organizations::Table, false)
            .col(code(Organizations::CountryCode))
            .col(text(Organizations::Description))
            .archivable()
            .unique("code", idens![Organizations::Code])
            .create(manager)
            .await?;

        TableDef::new(GeographicAreas::Table)
            .fk(GeographicAreas::ParentId, GeographicAreas::Table, false)
            .col(name(GeographicAreas::Name))
            .col(enumeration(GeographicAreas::Level))
            .col(code(GeographicAreas::Code))
            .col(code(GeographicAreas::CountryCode))
            .archivable()
            .unique("code", idens![GeographicAreas::Code])
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                GeographicAreas::Table.into_iden(),
                Organizations::Table.into_iden(),
            ],
        )
        .await
    }
}
