//! Who is calling: anonymous callers (when allowed), users with a JWT from the organisation's
//! identity provider, and partners with an API token. A missing credential is anonymous; a
//! malformed, expired, revoked or wrongly signed one is UNAUTHENTICATED, never anonymous.

pub mod demo_secret;
pub mod jwt;
pub mod rate_limit;

use std::sync::Arc;

use chrono::Utc;
use sea_orm::ConnectionTrait;

use self::jwt::JwtVerifier;
use crate::config::AuthSettings;
use crate::error::{AppError, AppResult};
use crate::services::access::{Role, Viewer};
use crate::services::{scopes, tokens};
use crate::startup_error::StartupError;

/// Turns an `Authorization` header into a [`Viewer`].
pub struct Authenticator {
    jwt: Option<JwtVerifier>,
    allow_anonymous: bool,
}

impl Authenticator {
    pub fn from_settings(settings: &AuthSettings) -> Result<Self, StartupError> {
        Ok(Self {
            jwt: JwtVerifier::from_settings(settings)?,
            allow_anonymous: settings.allow_anonymous,
        })
    }

    /// The caller of a request with this `Authorization` header (if any).
    pub async fn authenticate<C: ConnectionTrait>(
        &self,
        db: &C,
        header: Option<&str>,
    ) -> AppResult<Viewer> {
        let Some(header) = header else {
            if self.allow_anonymous {
                return Ok(Viewer::anonymous());
            }
            return Err(AppError::Unauthenticated(
                "authentication required: send `Authorization: Bearer <token>`".into(),
            ));
        };
        let credential = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                AppError::Unauthenticated(
                    "malformed Authorization header; expected `Bearer <token>`".into(),
                )
            })?;
        if credential.starts_with(tokens::PREFIX) {
            return partner(db, credential).await;
        }
        let verifier = self.jwt.as_ref().ok_or_else(|| {
            AppError::Unauthenticated("this API accepts no user tokens; use an API token".into())
        })?;
        let claims = verifier.verify(credential)?;
        let role = claims.role()?;
        let edit_scope = if role == Role::Editor {
            Some(Arc::new(
                scopes::editor_scope(db, &claims.missions, &claims.clusters).await?,
            ))
        } else {
            None
        };
        Ok(Viewer {
            actor: format!("user:{}", claims.sub),
            role,
            partner: None,
            edit_scope,
        })
    }
}

async fn partner<C: ConnectionTrait>(db: &C, secret: &str) -> AppResult<Viewer> {
    let info = tokens::authenticate(db, secret).await?;
    let scope = scopes::partner_scope(db, &info, Utc::now().date_naive()).await?;
    Ok(Viewer {
        actor: format!("token:{}", info.token.id),
        role: Role::Partner,
        partner: Some(Arc::new(scope)),
        edit_scope: None,
    })
}
