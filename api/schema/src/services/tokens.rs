//! Partner API tokens: `cm_` followed by 32 random bytes (base64url). Only the SHA-256 of the
//! secret is stored, so a leaked database does not leak usable tokens.

use std::collections::HashSet;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chrono::{DateTime, Utc};
use entity::enums::Sensitivity;
use entity::{api_token, api_token_mission, organization};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::{audit, validate, write};

pub const PREFIX: &str = "cm_";

/// A token as listed: never its secret.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub token: api_token::Model,
    pub missions: Vec<Uuid>,
}

/// A new token's details.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub organization_id: Uuid,
    pub clearance: Sensitivity,
    pub mission_ids: Vec<Uuid>,
    pub expires_at: DateTime<Utc>,
}

/// The hex SHA-256 of a secret.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn generate_secret() -> AppResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::internal(anyhow::anyhow!("no randomness: {e}")))?;
    Ok(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// Creates a token and returns it with its secret, which is not stored and cannot be shown again.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    new: NewToken,
) -> AppResult<(TokenInfo, String)> {
    let name = validate::name("input.name", &new.name)?;
    if !matches!(new.clearance, Sensitivity::Public | Sensitivity::Internal) {
        return Err(AppError::invalid(
            "input.clearance",
            "`input.clearance` of a partner token must be PUBLIC or INTERNAL",
        ));
    }
    if new.expires_at <= Utc::now() {
        return Err(AppError::invalid(
            "input.expiresAt",
            "`input.expiresAt` must be in the future",
        ));
    }
    let secret = generate_secret()?;
    let viewer = viewer.clone();
    let secret_hash = hash(&secret);
    let prefix: String = secret.chars().take(10).collect();
    let info = write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::reference::<organization::Entity, _>(
                tx,
                &viewer,
                "input.organizationId",
                new.organization_id,
            )
            .await?;
            for (i, mission) in new.mission_ids.iter().enumerate() {
                validate::reference::<entity::mission::Entity, _>(
                    tx,
                    &viewer,
                    &format!("input.missionIds[{i}]"),
                    *mission,
                )
                .await?;
            }
            let id = Uuid::now_v7();
            let token = api_token::ActiveModel {
                id: Set(id),
                name: Set(name),
                prefix: Set(prefix),
                secret_hash: Set(secret_hash),
                organization_id: Set(new.organization_id),
                clearance: Set(new.clearance),
                expires_at: Set(new.expires_at),
                revoked_at: Set(None),
                last_used_at: Set(None),
                created_at: Set(Utc::now()),
                created_by: Set(viewer.actor.clone()),
            }
            .insert(tx)
            .await?;
            let missions: Vec<Uuid> = new
                .mission_ids
                .iter()
                .copied()
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            for mission in &missions {
                api_token_mission::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    token_id: Set(id),
                    mission_id: Set(*mission),
                }
                .insert(tx)
                .await?;
            }
            audit::append(
                tx,
                &viewer,
                audit::Entry {
                    operation: "createApiToken",
                    kind: None,
                    record_id: Some(id),
                    before: None,
                    after: Some(audit::snapshot(&redacted(&token))?),
                },
            )
            .await?;
            Ok(TokenInfo { token, missions })
        })
    })
    .await?;
    Ok((info, secret))
}

/// The token as logged: without its hash.
fn redacted(token: &api_token::Model) -> api_token::Model {
    api_token::Model {
        secret_hash: "***".into(),
        ..token.clone()
    }
}

async fn missions_of<C: ConnectionTrait>(
    db: &C,
    token_ids: &[Uuid],
) -> AppResult<Vec<api_token_mission::Model>> {
    Ok(api_token_mission::Entity::find()
        .filter(api_token_mission::Column::TokenId.is_in(token_ids.iter().copied()))
        .all(db)
        .await?)
}

/// Every token, newest first.
pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<TokenInfo>> {
    let tokens = api_token::Entity::find()
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = tokens.iter().map(|t| t.id).collect();
    let scopes = missions_of(db, &ids).await?;
    Ok(tokens
        .into_iter()
        .map(|token| {
            let missions = scopes
                .iter()
                .filter(|m| m.token_id == token.id)
                .map(|m| m.mission_id)
                .collect();
            TokenInfo { token, missions }
        })
        .collect())
}

/// Revokes a token; revoking twice is refused.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<TokenInfo> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let token = api_token::Entity::find_by_id(id)
                .one(tx)
                .await?
                .ok_or_else(|| AppError::NotFound("no API token has this ID".into()))?;
            if token.revoked_at.is_some() {
                return Err(AppError::invalid("id", "the API token is already revoked"));
            }
            let mut row: api_token::ActiveModel = token.clone().into();
            row.revoked_at = Set(Some(Utc::now()));
            let revoked = row.update(tx).await?;
            audit::append(
                tx,
                &viewer,
                audit::Entry {
                    operation: "revokeApiToken",
                    kind: None,
                    record_id: Some(id),
                    before: Some(audit::snapshot(&redacted(&token))?),
                    after: Some(audit::snapshot(&redacted(&revoked))?),
                },
            )
            .await?;
            let missions = missions_of(tx, &[id])
                .await?
                .into_iter()
                .map(|m| m.mission_id)
                .collect();
            Ok(TokenInfo {
                token: revoked,
                missions,
            })
        })
    })
    .await
}

/// The live token a secret belongs to, with its mission scope; UNAUTHENTICATED otherwise.
pub async fn authenticate<C: ConnectionTrait>(db: &C, secret: &str) -> AppResult<TokenInfo> {
    let token = api_token::Entity::find()
        .filter(api_token::Column::SecretHash.eq(hash(secret)))
        .one(db)
        .await?
        .ok_or_else(|| AppError::Unauthenticated("the API token is not known".into()))?;
    let now = Utc::now();
    if token.revoked_at.is_some() {
        return Err(AppError::Unauthenticated(
            "the API token has been revoked".into(),
        ));
    }
    if token.expires_at <= now {
        return Err(AppError::Unauthenticated(
            "the API token has expired".into(),
        ));
    }
    // Recorded at most once a minute, so a busy integration does not write on every request.
    if token
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    let missions = missions_of(db, &[token.id])
        .await?
        .into_iter()
        .map(|m| m.mission_id)
        .collect();
    Ok(TokenInfo { token, missions })
}
