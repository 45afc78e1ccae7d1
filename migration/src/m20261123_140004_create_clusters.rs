//! The humanitarian side: `clusters`, `areas_of_responsibility` and their `lead_agencies`.

use sea_orm_migration::prelude::*;

use crate::columns::{code, drop_tables, enumeration, exactly_one, flag, name, TableDef};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::Organizations;
use crate::m20261123_140003_create_mission_structure::Components;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Clusters {
    Table,
    Code,
    Name,
    Scope,
    Sector,
    IsClusterLike,
    ParentId,
    CountryCode,
}

#[derive(DeriveIden)]
pub enum AreasOfResponsibility {
    Table,
    ClusterId,
    Name,
    Theme,
    CounterpartComponentId,
}

#[derive(DeriveIden)]
pub enum LeadAgencies {
    Table,
    ClusterId,
    AreaOfResponsibilityId,
    OrganizationId,
    ComponentId,
    Role,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(Clusters::Table)
            .col(code(Clusters::Code).not_null())
            .col(name(Clusters::Name))
            .col(enumeration(Clusters::Scope))
            .col(enumeration(Clusters::Sector))
            .col(flag(Clusters::IsClusterLike, false))
            .fk(Clusters::ParentId, Clusters::Table, false)
            .col(code(Clusters::CountryCode))
            .validity()
            .archivable()
            .unique("code", idens![Clusters::Code])
            .create(manager)
            .await?;

        TableDef::new(AreasOfResponsibility::Table)
            .fk(AreasOfResponsibility::ClusterId, Clusters::Table, true)
            .col(name(AreasOfResponsibility::Name))
            .col(enumeration(AreasOfResponsibility::Theme))
            .fk(
                AreasOfResponsibility::CounterpartComponentId,
                Components::Table,
                false,
            )
            .validity()
            .archivable()
            .create(manager)
            .await?;

        TableDef::new(LeadAgencies::Table)
            .fk(LeadAgencies::ClusterId, Clusters::Table, false)
            .fk(
                LeadAgencies::AreaOfResponsibilityId,
                AreasOfResponsibility::Table,
                false,
            )
            .fk(LeadAgencies::OrganizationId, Organizations::Table, false)
            .fk(LeadAgencies::ComponentId, Components::Table, false)
            .col(enumeration(LeadAgencies::Role))
            .validity()
            .check(
                "one_cluster_or_aor",
                exactly_one(idens![
                    LeadAgencies::ClusterId,
                    LeadAgencies::AreaOfResponsibilityId
                ]),
            )
            .check(
                "one_organization_or_component",
                exactly_one(idens![
                    LeadAgencies::OrganizationId,
                    LeadAgencies::ComponentId
                ]),
            )
            .create(manager)
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                LeadAgencies::Table.into_iden(),
                AreasOfResponsibility::Table.into_iden(),
                Clusters::Table.into_iden(),
            ],
        )
        .await
    }
}
