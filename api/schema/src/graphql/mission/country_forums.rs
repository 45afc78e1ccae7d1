//! The forums a mission sits in without running them: forums of no mission, in the mission's
//! country, in which one of its components or posts sits on the date. The country's UN Country
//! Team and Protection Cluster, or the OCHA protection network in Côte d'Ivoire with UNOCI's Human
//! Rights Division in it [004 ¶48], are part of the mission's coordination picture though no
//! mission runs them. `Mission.forums` lists them beside the mission's own.
//!
//! A forum's country is its geographic area's, else its cluster's (or its AoR's cluster's); a
//! forum with neither (a global forum) is not in any mission's country.

use async_graphql::Context;
use chrono::NaiveDate;
use entity::{area_of_responsibility as aor, cluster, component, forum, forum_membership};
use entity::{geographic_area, mission, post};
use uuid::Uuid;

use crate::domain::validity::Validity;
use crate::graphql::relations;

/// The forums of no mission in `mission`'s country in which one of its components or posts sits
/// on `on`, ordered by id. Every read goes through the caller's visibility: a seat, forum, area
/// or cluster the caller may not see counts as absent.
pub(super) async fn seated_forums(
    ctx: &Context<'_>,
    mission: &mission::Model,
    on: NaiveDate,
) -> async_graphql::Result<Vec<forum::Model>> {
    let Some(country) = mission.country_code.as_deref() else {
        return Ok(Vec::new());
    };
    let components = relations::many::<component::Entity>(
        ctx,
        component::Column::MissionId,
        mission.id,
        Some(on),
    )
    .await?;
    let posts =
        relations::many::<post::Entity>(ctx, post::Column::MissionId, mission.id, Some(on)).await?;
    let mut seats = relations::many_of::<forum_membership::Entity>(
        ctx,
        forum_membership::Column::MemberComponentId,
        components.iter().map(|c| c.id),
        Some(on),
    )
    .await?;
    seats.extend(
        relations::many_of::<forum_membership::Entity>(
            ctx,
            forum_membership::Column::MemberPostId,
            posts.iter().map(|p| p.id),
            Some(on),
        )
        .await?,
    );
    let forums: Vec<forum::Model> =
        relations::by_ids::<forum::Entity>(ctx, seats.iter().map(|m| m.forum_id))
            .await?
            .into_iter()
            .filter(|f| {
                f.mission_id.is_none()
                    && f.archived_at.is_none()
                    && Validity::new(f.valid_from, f.valid_to).contains(on)
            })
            .collect();

    let areas = relations::by_ids::<geographic_area::Entity>(
        ctx,
        forums.iter().filter_map(|f| f.geographic_area_id),
    )
    .await?;
    let aors = relations::by_ids::<aor::Entity>(
        ctx,
        forums.iter().filter_map(|f| f.area_of_responsibility_id),
    )
    .await?;
    let clusters = relations::by_ids::<cluster::Entity>(
        ctx,
        forums
            .iter()
            .filter_map(|f| f.cluster_id)
            .chain(aors.iter().map(|a| a.cluster_id)),
    )
    .await?;
    let area_country = |id: Uuid| {
        areas
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.country_code.as_deref())
    };
    let cluster_country = |id: Uuid| {
        clusters
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.country_code.as_deref())
    };
    let aor_cluster = |id: Uuid| aors.iter().find(|a| a.id == id).map(|a| a.cluster_id);
    Ok(forums
        .into_iter()
        .filter(|f| {
            let of_forum = f
                .geographic_area_id
                .and_then(area_country)
                .or_else(|| f.cluster_id.and_then(cluster_country))
                .or_else(|| {
                    f.area_of_responsibility_id
                        .and_then(aor_cluster)
                        .and_then(cluster_country)
                });
            of_forum == Some(country)
        })
        .collect())
}
