//! Who is calling: anonymous callers (when allowed), users with a JWT from the organisation's
//! identity provider, and partners with an API token. A missing credential is anonymous; a
//! malformed, expired, revoked or wrongly signed one is UNAUTHENTICATED, never anonymous.

pub mod demo_secret;
pub mod jwt;
pub mod rate_limit;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::Utc;
use entity::{cluster, forum, forum_membership, lead_agency, mission, mission_name};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use self::jwt::JwtVerifier;
use crate::config::AuthSettings;
use crate::error::{AppError, AppResult};
use crate::services::access::{EditScope, PartnerScope, Role, Viewer};
use crate::services::conditions::active_on;
use crate::services::tokens;
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
                editor_scope(db, &claims.missions, &claims.clusters).await?,
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
    let org = info.token.organization_id;
    let today = Utc::now().date_naive();
    let forums: HashSet<Uuid> = forum_membership::Entity::find()
        .select_only()
        .column(forum_membership::Column::ForumId)
        .filter(forum_membership::Column::MemberOrganizationId.eq(org))
        .filter(active_on(
            forum_membership::Column::ValidFrom,
            forum_membership::Column::ValidTo,
            today,
        ))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let leads = lead_agency::Entity::find()
        .filter(lead_agency::Column::OrganizationId.eq(org))
        .filter(active_on(
            lead_agency::Column::ValidFrom,
            lead_agency::Column::ValidTo,
            today,
        ))
        .all(db)
        .await?;
    // Clusters and AoRs the organisation leads, or whose forums it sits in.
    let forum_rows = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forums.iter().copied()))
        .all(db)
        .await?;
    let mut clusters: HashSet<Uuid> = leads.iter().filter_map(|l| l.cluster_id).collect();
    clusters.extend(forum_rows.iter().filter_map(|f| f.cluster_id));
    let mut aors: HashSet<Uuid> = leads
        .iter()
        .filter_map(|l| l.area_of_responsibility_id)
        .collect();
    aors.extend(
        forum_rows
            .iter()
            .filter_map(|f| f.area_of_responsibility_id),
    );
    let missions = (!info.missions.is_empty()).then(|| info.missions.iter().copied().collect());
    Ok(Viewer {
        actor: format!("token:{}", info.token.id),
        role: Role::Partner,
        partner: Some(Arc::new(PartnerScope {
            organization_id: org,
            clearance: info.token.clearance,
            forums,
            clusters,
            areas_of_responsibility: aors,
            missions,
        })),
        edit_scope: None,
    })
}

/// The missions (by current or former acronym) and clusters (by code) an editor's claims name.
async fn editor_scope<C: ConnectionTrait>(
    db: &C,
    missions: &[String],
    clusters: &[String],
) -> AppResult<EditScope> {
    let acronyms: Vec<String> = missions.iter().map(|m| m.trim().to_uppercase()).collect();
    let codes: Vec<String> = clusters.iter().map(|c| c.trim().to_uppercase()).collect();
    let mut mission_ids: HashSet<Uuid> = mission::Entity::find()
        .select_only()
        .column(mission::Column::Id)
        .filter(mission::Column::Acronym.is_in(acronyms.clone()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    mission_ids.extend(
        mission_name::Entity::find()
            .select_only()
            .column(mission_name::Column::MissionId)
            .filter(mission_name::Column::Acronym.is_in(acronyms))
            .into_tuple::<Uuid>()
            .all(db)
            .await?,
    );
    let cluster_ids = cluster::Entity::find()
        .select_only()
        .column(cluster::Column::Id)
        .filter(cluster::Column::Code.is_in(codes))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(EditScope {
        missions: mission_ids,
        clusters: cluster_ids,
    })
}
