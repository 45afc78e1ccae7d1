//! Access control: partner API tokens (only a hash of each secret is stored), the missions a
//! token is limited to, and the token buckets of the rate limiter (kept in the database so that
//! every API replica shares them; dropped by `m20261207_044500_drop_rate_limit_buckets` when the
//! limiter moved to memory or Redis).

use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, enumeration, name, short, TableDef};
use crate::idens;
use crate::m20261123_140001_create_organizations_and_geographic_areas::Organizations;
use crate::m20261123_140002_create_missions::Missions;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum ApiTokens {
    Table,
    Name,
    Prefix,
    SecretHash,
    OrganizationId,
    Clearance,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
pub enum ApiTokenMissions {
    Table,
    TokenId,
    MissionId,
}

#[derive(DeriveIden)]
pub enum RateLimitBuckets {
    Table,
    BucketKey,
    Tokens,
    RefilledAt,
    Allowed,
}

/// The rate limiter's table as this migration creates it; also used by the `down` of the
/// migration that drops it, so the table comes back exactly.
pub async fn create_rate_limit_buckets(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    TableDef::new(RateLimitBuckets::Table)
        .without_common_columns()
        .col(name(RateLimitBuckets::BucketKey))
        .col(ColumnDef::new(RateLimitBuckets::Tokens).double().not_null())
        .col(
            ColumnDef::new(RateLimitBuckets::RefilledAt)
                .double()
                .not_null(),
        )
        .col(
            ColumnDef::new(RateLimitBuckets::Allowed)
                .boolean()
                .not_null(),
        )
        .unique("bucket_key", idens![RateLimitBuckets::BucketKey])
        .create(manager)
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        TableDef::new(ApiTokens::Table)
            .without_common_columns()
            .col(name(ApiTokens::Name))
            .col(short(ApiTokens::Prefix, 16).not_null())
            .col(short(ApiTokens::SecretHash, 64).not_null())
            .fk(ApiTokens::OrganizationId, Organizations::Table, true)
            .col(enumeration(ApiTokens::Clearance))
            .col(
                ColumnDef::new(ApiTokens::ExpiresAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(
                ColumnDef::new(ApiTokens::RevokedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(
                ColumnDef::new(ApiTokens::LastUsedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(
                ColumnDef::new(ApiTokens::CreatedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(name(ApiTokens::CreatedBy))
            .unique("secret_hash", idens![ApiTokens::SecretHash])
            .create(manager)
            .await?;
        TableDef::new(ApiTokenMissions::Table)
            .without_common_columns()
            .fk(ApiTokenMissions::TokenId, ApiTokens::Table, true)
            .fk(ApiTokenMissions::MissionId, Missions::Table, true)
            .unique(
                "token_id-mission_id",
                idens![ApiTokenMissions::TokenId, ApiTokenMissions::MissionId],
            )
            .create(manager)
            .await?;
        create_rate_limit_buckets(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                RateLimitBuckets::Table.into_iden(),
                ApiTokenMissions::Table.into_iden(),
                ApiTokens::Table.into_iden(),
            ],
        )
        .await
    }
}
