//! User tokens (JWT). The algorithm is pinned by configuration; `exp` is required; `nbf`, `iss`
//! and `aud` are checked when configured, with a small leeway.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::{AuthSettings, JwtAlgorithm};
use crate::error::AppError;
use crate::services::access::Role;
use crate::startup_error::StartupError;

/// The claims coordmap reads from a user token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Who the user is.
    pub sub: String,
    /// Expiry, seconds since the epoch (required).
    pub exp: i64,
    /// Not valid before, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// Issued at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// Audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// Roles: `ADMIN`, `EDITOR`, `ANALYST`, `VIEWER` (the most powerful applies).
    #[serde(default)]
    pub roles: Vec<String>,
    /// For editors: the acronyms of the missions they may edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missions: Vec<String>,
    /// For editors: the codes of the clusters they may edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<String>,
}

impl Claims {
    /// The most powerful known role the token carries.
    pub fn role(&self) -> Result<Role, AppError> {
        let rank = |r: Role| match r {
            Role::Admin => 4,
            Role::Editor => 3,
            Role::Analyst => 2,
            Role::Viewer => 1,
            Role::Partner | Role::Anonymous => 0,
        };
        self.roles
            .iter()
            .filter_map(|r| match r.trim().to_uppercase().as_str() {
                "ADMIN" => Some(Role::Admin),
                "EDITOR" => Some(Role::Editor),
                "ANALYST" => Some(Role::Analyst),
                "VIEWER" => Some(Role::Viewer),
                _ => None,
            })
            .max_by_key(|r| rank(*r))
            .ok_or_else(|| {
                AppError::Unauthenticated(
                    "the token carries no role this API knows (ADMIN, EDITOR, ANALYST or VIEWER)"
                        .into(),
                )
            })
    }
}

/// Verifies user tokens.
pub struct JwtVerifier {
    key: DecodingKey,
    validation: Validation,
}

const SECRET_SETTING: &str = "JWT secret (--jwt-secret / COORDMAP_JWT_SECRET)";
const KEY_SETTING: &str = "JWT public key (--jwt-public-key-file / COORDMAP_JWT_PUBLIC_KEY_FILE)";
const ALG_SETTING: &str = "JWT algorithm (--jwt-algorithm / COORDMAP_JWT_ALGORITHM)";

impl JwtVerifier {
    /// The verifier the settings describe, or `None` when user tokens are not configured.
    pub fn from_settings(settings: &AuthSettings) -> Result<Option<Self>, StartupError> {
        let algorithm = match (
            &settings.jwt_secret,
            &settings.jwt_public_key_file,
            settings.jwt_algorithm,
        ) {
            (None, None, None) => return Ok(None),
            (Some(_), Some(_), _) => {
                return Err(StartupError::setting(
                    SECRET_SETTING,
                    "set either a JWT secret or a public key file, not both",
                ))
            }
            (Some(_), None, None | Some(JwtAlgorithm::Hs256)) => JwtAlgorithm::Hs256,
            (Some(_), None, Some(_)) => {
                return Err(StartupError::setting(
                    ALG_SETTING,
                    "a shared secret only signs HS256 tokens",
                ))
            }
            (None, Some(_), Some(JwtAlgorithm::Rs256)) => JwtAlgorithm::Rs256,
            (None, Some(_), Some(JwtAlgorithm::EdDsa)) => JwtAlgorithm::EdDsa,
            (None, Some(_), _) => {
                return Err(StartupError::setting(
                    ALG_SETTING,
                    "a public key file needs RS256 or EdDSA",
                ))
            }
            (None, None, Some(_)) => {
                return Err(StartupError::setting(
                    ALG_SETTING,
                    "needs a JWT secret or a public key file",
                ))
            }
        };
        let key = match algorithm {
            JwtAlgorithm::Hs256 => {
                let secret = settings
                    .jwt_secret
                    .as_ref()
                    .map(|s| s.expose().as_bytes())
                    .unwrap_or_default();
                if secret.len() < 32 {
                    return Err(StartupError::setting(
                        SECRET_SETTING,
                        "must be at least 32 bytes long",
                    ));
                }
                DecodingKey::from_secret(secret)
            }
            JwtAlgorithm::Rs256 | JwtAlgorithm::EdDsa => {
                let path = settings
                    .jwt_public_key_file
                    .as_deref()
                    .unwrap_or(std::path::Path::new(""));
                let pem = std::fs::read(path).map_err(|e| {
                    StartupError::setting(
                        KEY_SETTING,
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?;
                let parsed = if algorithm == JwtAlgorithm::Rs256 {
                    DecodingKey::from_rsa_pem(&pem)
                } else {
                    DecodingKey::from_ed_pem(&pem)
                };
                parsed.map_err(|e| {
                    StartupError::setting(
                        KEY_SETTING,
                        format!("{} is not a usable PEM key: {e}", path.display()),
                    )
                })?
            }
        };
        let mut validation = Validation::new(to_jwt(algorithm));
        validation.leeway = settings.jwt_leeway_secs;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "sub"]);
        match &settings.jwt_issuer {
            Some(iss) => validation.set_issuer(&[iss]),
            None => validation.iss = None,
        }
        match &settings.jwt_audience {
            Some(aud) => validation.set_audience(&[aud]),
            None => validation.validate_aud = false,
        }
        Ok(Some(Self { key, validation }))
    }

    /// The claims of a valid token; anything else is UNAUTHENTICATED with the reason.
    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        jsonwebtoken::decode::<Claims>(token, &self.key, &self.validation)
            .map(|data| data.claims)
            .map_err(|err| {
                let reason = match err.kind() {
                    ErrorKind::ExpiredSignature => "the token has expired",
                    ErrorKind::ImmatureSignature => "the token is not valid yet",
                    ErrorKind::InvalidIssuer => {
                        "the token was issued by an issuer this API does not trust"
                    }
                    ErrorKind::InvalidAudience => "the token is meant for another audience",
                    ErrorKind::InvalidAlgorithm => {
                        "the token is signed with an algorithm this API does not accept"
                    }
                    ErrorKind::InvalidSignature => "the token's signature is invalid",
                    ErrorKind::MissingRequiredClaim(_) => {
                        "the token lacks a required claim (exp, sub)"
                    }
                    _ => "the token is malformed",
                };
                AppError::Unauthenticated(reason.into())
            })
    }
}

fn to_jwt(algorithm: JwtAlgorithm) -> Algorithm {
    match algorithm {
        JwtAlgorithm::Hs256 => Algorithm::HS256,
        JwtAlgorithm::Rs256 => Algorithm::RS256,
        JwtAlgorithm::EdDsa => Algorithm::EdDSA,
    }
}

/// Signs a development HS256 token (`coordmap token issue-jwt`).
pub fn issue_hs256(secret: &str, claims: &Claims) -> Result<String, String> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .map_err(|e| format!("cannot sign the token: {e}"))
}
