//! `demo_jwt_secrets`: the secret `serve --demo` signs and verifies user tokens with when no JWT
//! secret or public key is configured, created at random on the demo's first start, so that
//! `token issue-jwt` run against the same database signs tokens that demo server accepts. One
//! row at most. A server started without `--demo` never reads it; it is an access table, not
//! part of the map (no `data_version` trigger, never exported).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE demo_jwt_secrets (id integer NOT NULL PRIMARY KEY, \
                 secret text NOT NULL, created_at timestamp with time zone NOT NULL, \
                 CONSTRAINT \"ck-demo_jwt_secrets-one_row\" CHECK (id = 1))",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE demo_jwt_secrets")
            .await?;
        Ok(())
    }
}
