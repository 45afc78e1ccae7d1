//! The scopes a credential grants, read from the map: what a partner token's organisation
//! takes part in on a date, and which missions and clusters an editor's claims name. The
//! server's authentication turns a credential into a caller with them; the SQL is here.

use std::collections::HashSet;

use chrono::NaiveDate;
use entity::{cluster, forum, forum_membership, lead_agency, mission, mission_name};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::access::{EditScope, PartnerScope};
use super::conditions::active_on;
use super::tokens::TokenInfo;
use crate::error::AppResult;

/// What the organisation of a partner token (`info`) sees on `today`: the forums it sits in,
/// the clusters and AoRs it leads or whose forums it sits in, and the token's missions.
pub async fn partner_scope<C: ConnectionTrait>(
    db: &C,
    info: &TokenInfo,
    today: NaiveDate,
) -> AppResult<PartnerScope> {
    let org = info.token.organization_id;
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
    Ok(PartnerScope {
        organization_id: org,
        clearance: info.token.clearance,
        forums,
        clusters,
        areas_of_responsibility: aors,
        missions,
    })
}

/// The missions (by current or former acronym) and clusters (by code) an editor's claims name.
pub async fn editor_scope<C: ConnectionTrait>(
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
