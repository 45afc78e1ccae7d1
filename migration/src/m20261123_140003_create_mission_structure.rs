//! The structure of a mission and the people in it: `components`, `posts`, `post_hats`,
//! `persons`, `assignments`, `reporting_lines`, and what the mission is tasked with:
//! `mandated_tasks`.

use sea_orm_migration::prelude::*;

use crate::columns::{
    at_least_one, code, drop_tables, enumeration, enumeration_null, exactly_one, flag, name, short,
    text, TableDef,
};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::{
    GeographicAreas, Organizations,
};
use crate::m20261123_140002_create_missions::Missions;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Components {
    Table,
    MissionId,
    ParentId,
    Name,
    Acronym,
    Kind,
    Specialty,
    Level,
    GeographicAreaId,
}

#[derive(DeriveIden)]
pub enum Posts {
    Table,
    MissionId,
    OrganizationId,
    ComponentId,
    Title,
    IsComponentHead,
    GeographicAreaId,
}

#[derive(DeriveIden)]
pub enum PostHats {
    Table,
    PostId,
    Hat,
}

#[derive(DeriveIden)]
pub enum Persons {
    Table,
    FullName,
    Email,
    Phone,
    OrganizationId,
}

#[derive(DeriveIden)]
pub enum Assignments {
    Table,
    PersonId,
    PostId,
    Acting,
}

#[derive(DeriveIden)]
pub enum ReportingLines {
    Table,
    FromPostId,
    FromComponentId,
    ToPostId,
    ToOrganizationId,
    Kind,
    Note,
}

#[derive(DeriveIden)]
pub enum MandatedTasks {
    Table,
    MissionId,
    Category,
    Title,
    Description,
    Resolution,
    PocTier,
    LeadComponentId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Components::Table)
            .fk(Components::MissionId, Missions::Table, true)
            .fk(Components::ParentId, Components::Table, false)
            .col(name(Components::Name))
            .col(code(Components::Acronym))
            .col(enumeration(Components::Kind))
            .col(enumeration_null(Components::Specialty))
            .col(enumeration(Components::Level))
            .fk(Components::GeographicAreaId, GeographicAreas::Table, false)
            .validity()
            .archivable()
            .create(manager)
            .await?;

        TableDef::new(Posts::Table)
            .fk(Posts::MissionId, Missions::Table, false)
            .fk(Posts::OrganizationId, Organizations::Table, false)
            .fk(Posts::ComponentId, Components::Table, false)
            .col(name(Posts::Title))
            .col(flag(Posts::IsComponentHead, false))
            .fk(Posts::GeographicAreaId, GeographicAreas::Table, false)
            .validity()
            .archivable()
            .check(
                "mission_or_organization",
                at_least_one(idens![Posts::MissionId, Posts::OrganizationId]),
            )
            .create(manager)
            .await?;

        TableDef::new(PostHats::Table)
            .fk(PostHats::PostId, Posts::Table, true)
            .col(enumeration(PostHats::Hat))
            .validity()
            .create(manager)
            .await?;

        TableDef::new(Persons::Table)
            .col(name(Persons::FullName))
            .col(short(Persons::Email, 255))
            .col(short(Persons::Phone, 64))
            .fk(Persons::OrganizationId, Organizations::Table, false)
            .archivable()
            .create(manager)
            .await?;

        TableDef::new(Assignments::Table)
            .fk(Assignments::PersonId, Persons::Table, true)
            .fk(Assignments::PostId, Posts::Table, true)
            .col(flag(Assignments::Acting, false))
            .validity()
            .create(manager)
            .await?;

        TableDef::new(ReportingLines::Table)
            .fk(ReportingLines::FromPostId, Posts::Table, false)
            .fk(ReportingLines::FromComponentId, Components::Table, false)
            .fk(ReportingLines::ToPostId, Posts::Table, false)
            .fk(
                ReportingLines::ToOrganizationId,
                Organizations::Table,
                false,
            )
            .col(enumeration(ReportingLines::Kind))
            .col(text(ReportingLines::Note))
            .validity()
            .check(
                "one_from",
                exactly_one(idens![
                    ReportingLines::FromPostId,
                    ReportingLines::FromComponentId
                ]),
            )
            .check(
                "one_to",
                exactly_one(idens![
                    ReportingLines::ToPostId,
                    ReportingLines::ToOrganizationId
                ]),
            )
            .create(manager)
            .await?;

        TableDef::new(MandatedTasks::Table)
            .fk(MandatedTasks::MissionId, Missions::Table, true)
            .col(enumeration(MandatedTasks::Category))
            .col(name(MandatedTasks::Title))
            .col(text(MandatedTasks::Description))
            .col(short(MandatedTasks::Resolution, 64))
            .col(
                ColumnDef::new(MandatedTasks::PocTier)
                    .small_integer()
                    .null(),
            )
            .fk(MandatedTasks::LeadComponentId, Components::Table, false)
            .validity()
            .archivable()
            .check(
                "poc_tier",
                Expr::col(MandatedTasks::PocTier)
                    .is_null()
                    .or(Expr::col(MandatedTasks::PocTier).between(1, 3)),
            )
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                MandatedTasks::Table.into_iden(),
                ReportingLines::Table.into_iden(),
                Assignments::Table.into_iden(),
                Persons::Table.into_iden(),
                PostHats::Table.into_iden(),
                Posts::Table.into_iden(),
                Components::Table.into_iden(),
            ],
        )
        .await
    }
}
