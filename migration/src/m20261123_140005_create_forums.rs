//! Coordination `forums`, the `forum_links` between them and `forum_memberships`.

use sea_orm_migration::prelude::*;

use crate::columns::{
    code, drop_tables, enumeration, exactly_one, flag, name, short, text, TableDef,
};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::{
    GeographicAreas, Organizations,
};
use crate::m20261123_140002_create_missions::Missions;
use crate::m20261123_140003_create_mission_structure::{Components, Posts};
use crate::m20261123_140004_create_clusters::{AreasOfResponsibility, Clusters};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Forums {
    Table,
    Name,
    Acronym,
    Kind,
    Level,
    MissionId,
    ClusterId,
    AreaOfResponsibilityId,
    GeographicAreaId,
    EstablishedByPostId,
    EstablishedByOrganizationId,
    OpenToExternal,
    Standing,
    MeetingFrequency,
    Purpose,
}

#[derive(DeriveIden)]
pub enum ForumLinks {
    Table,
    ForumId,
    TargetForumId,
    Kind,
}

#[derive(DeriveIden)]
pub enum ForumMemberships {
    Table,
    ForumId,
    MemberOrganizationId,
    MemberComponentId,
    MemberPostId,
    Capacity,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Forums::Table)
            .col(name(Forums::Name))
            .col(code(Forums::Acronym))
            .col(enumeration(Forums::Kind))
            .col(enumeration(Forums::Level))
            .fk(Forums::MissionId, Missions::Table, false)
            .fk(Forums::ClusterId, Clusters::Table, false)
            .fk(
                Forums::AreaOfResponsibilityId,
                AreasOfResponsibility::Table,
                false,
            )
            .fk(Forums::GeographicAreaId, GeographicAreas::Table, false)
            .fk(Forums::EstablishedByPostId, Posts::Table, false)
            .fk(
                Forums::EstablishedByOrganizationId,
                Organizations::Table,
                false,
            )
            .col(flag(Forums::OpenToExternal, false))
            .col(flag(Forums::Standing, true))
            .col(short(Forums::MeetingFrequency, 64))
            .col(text(Forums::Purpose))
            .validity()
            .archivable()
            .create(manager)
            .await?;

        TableDef::new(ForumLinks::Table)
            .fk(ForumLinks::ForumId, Forums::Table, true)
            .fk(ForumLinks::TargetForumId, Forums::Table, true)
            .col(enumeration(ForumLinks::Kind))
            .validity()
            .check(
                "not_self",
                Expr::col(ForumLinks::ForumId).ne(Expr::col(ForumLinks::TargetForumId)),
            )
            .create(manager)
            .await?;

        TableDef::new(ForumMemberships::Table)
            .fk(ForumMemberships::ForumId, Forums::Table, true)
            .fk(
                ForumMemberships::MemberOrganizationId,
                Organizations::Table,
                false,
            )
            .fk(
                ForumMemberships::MemberComponentId,
                Components::Table,
                false,
            )
            .fk(ForumMemberships::MemberPostId, Posts::Table, false)
            .col(enumeration(ForumMemberships::Capacity))
            .col(text(ForumMemberships::Note))
            .validity()
            .check(
                "one_member",
                exactly_one(idens![
                    ForumMemberships::MemberOrganizationId,
                    ForumMemberships::MemberComponentId,
                    ForumMemberships::MemberPostId
                ]),
            )
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                ForumMemberships::Table.into_iden(),
                ForumLinks::Table.into_iden(),
                Forums::Table.into_iden(),
            ],
        )
        .await
    }
}
