//! Drops `rate_limit_buckets`: the rate limiter keeps its allowances in the process's memory, or
//! in Redis when replicas share them, and never writes to the database on a request. `down`
//! creates the table again exactly as `m20261123_150001_create_access_tables` did (empty: the
//! buckets it held were only ever a minute's worth of traffic).

use sea_orm_migration::prelude::*;

use crate::m20261123_150001_create_access_tables::{create_rate_limit_buckets, RateLimitBuckets};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RateLimitBuckets::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_rate_limit_buckets(manager).await
    }
}
