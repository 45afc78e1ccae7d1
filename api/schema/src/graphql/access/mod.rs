//! Partner API tokens, administered over GraphQL. Only ADMIN may list, create or revoke them.

use async_graphql::{Context, InputObject, Object, ID};
use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::graphql::context::{api, viewer};
use crate::graphql::enums::Sensitivity;
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::mission::Mission;
use crate::graphql::organization::Organization;
use crate::graphql::relations;
use crate::services::access::Role;
use crate::services::tokens::{self, TokenInfo};

/// Fails with FORBIDDEN unless the caller is an administrator.
pub fn require_admin(ctx: &Context<'_>) -> async_graphql::Result<()> {
    if viewer(ctx)?.role != Role::Admin {
        return Err(AppError::Forbidden("only administrators manage API tokens".into()).into());
    }
    Ok(())
}

/// A partner API token (never its secret).
pub struct ApiToken(TokenInfo);

#[Object]
impl ApiToken {
    /// The token's ID (use it to revoke the token).
    async fn id(&self) -> ID {
        ID(self.0.token.id.to_string())
    }

    /// A name to recognise it by.
    async fn name(&self) -> &str {
        &self.0.token.name
    }

    /// The first characters of the secret.
    async fn prefix(&self) -> &str {
        &self.0.token.prefix
    }

    /// The organisation the token speaks for.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        let org =
            relations::one::<entity::organization::Entity>(ctx, Some(self.0.token.organization_id))
                .await?;
        Ok(org.map(Organization))
    }

    /// The most sensitive level it may read (PUBLIC, or INTERNAL within its organisation's forums,
    /// clusters and AoRs).
    async fn clearance(&self) -> Sensitivity {
        self.0.token.clearance.into()
    }

    /// The missions it is limited to; empty: every mission.
    async fn missions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Mission>> {
        let mut out = Vec::new();
        for id in &self.0.missions {
            if let Some(m) = relations::one::<entity::mission::Entity>(ctx, Some(*id)).await? {
                out.push(Mission::from(m));
            }
        }
        Ok(out)
    }

    /// When it stops working.
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.token.expires_at
    }

    /// When it was revoked, if it was.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.token.revoked_at
    }

    /// When it was last used (recorded at most once a minute).
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.token.last_used_at
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.token.created_at
    }

    /// Who created it.
    async fn created_by(&self) -> &str {
        &self.0.token.created_by
    }
}

/// A token just created, with its secret: shown this once, never stored.
pub struct CreatedApiToken {
    token: ApiToken,
    secret: String,
}

#[Object]
impl CreatedApiToken {
    /// The token.
    async fn token(&self) -> &ApiToken {
        &self.token
    }

    /// The secret to send as `Authorization: Bearer <secret>`. It cannot be shown again.
    async fn secret(&self) -> &str {
        &self.secret
    }
}

/// A new partner token.
#[derive(InputObject)]
pub struct CreateApiTokenInput {
    /// A name to recognise it by.
    pub name: String,
    /// The organisation it speaks for.
    pub organization_id: ID,
    /// PUBLIC, or INTERNAL (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub clearance: Sensitivity,
    /// Missions to limit it to (none: every mission).
    #[graphql(default)]
    pub mission_ids: Vec<ID>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct AccessQuery;

#[Object]
impl AccessQuery {
    /// Every partner token, newest first (ADMIN only).
    async fn api_tokens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApiToken>> {
        require_admin(ctx)?;
        Ok(tokens::list(&api(ctx)?.db)
            .await?
            .into_iter()
            .map(ApiToken)
            .collect())
    }
}

#[derive(Default)]
pub struct AccessMutation;

#[Object]
impl AccessMutation {
    /// Creates a partner token (ADMIN only). The secret is in the answer and nowhere else.
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: CreateApiTokenInput,
    ) -> async_graphql::Result<CreatedApiToken> {
        require_admin(ctx)?;
        let organization_id = ids::decode(
            &input.organization_id,
            NodeKind::Organization,
            "input.organizationId",
        )?;
        let mission_ids = input
            .mission_ids
            .iter()
            .enumerate()
            .map(|(i, id)| ids::decode(id, NodeKind::Mission, &format!("input.missionIds[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let new = tokens::NewToken {
            name: input.name,
            organization_id,
            clearance: input.clearance.into(),
            mission_ids,
            expires_at: input.expires_at,
        };
        let (info, secret) = tokens::create(&api(ctx)?.db, viewer(ctx)?, new).await?;
        Ok(CreatedApiToken {
            token: ApiToken(info),
            secret,
        })
    }

    /// Revokes a partner token at once (ADMIN only).
    async fn revoke_api_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's ID.")] id: ID,
    ) -> async_graphql::Result<ApiToken> {
        require_admin(ctx)?;
        let uuid = id
            .parse::<uuid::Uuid>()
            .map_err(|_| AppError::invalid("id", "`id` is not a token ID"))?;
        Ok(ApiToken(
            tokens::revoke(&api(ctx)?.db, viewer(ctx)?, uuid).await?,
        ))
    }
}
