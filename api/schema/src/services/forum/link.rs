//! Links between forums: one reports to, or is a subgroup of, another over a period.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{enums::ForumLinkKind, enums::Sensitivity, forum, forum_link};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::describe_period;
use crate::domain::cycles::cycle_through_new_edge;
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::{crud, validate, write};

/// A new link as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewLink {
    pub forum_id: Uuid,
    pub target_forum_id: Uuid,
    pub kind: ForumLinkKind,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: Sensitivity,
}

fn verb(kind: ForumLinkKind) -> &'static str {
    match kind {
        ForumLinkKind::ReportsTo => "reports to",
        ForumLinkKind::SubgroupOf => "is a subgroup of",
    }
}

fn kind_name(kind: ForumLinkKind) -> &'static str {
    match kind {
        ForumLinkKind::ReportsTo => "REPORTS_TO",
        ForumLinkKind::SubgroupOf => "SUBGROUP_OF",
    }
}

/// Links of `kind` that hold on at least one day of `period`, whoever may see them: integrity
/// does not depend on the caller's clearance.
async fn overlapping<C: ConnectionTrait>(
    db: &C,
    kind: ForumLinkKind,
    period: Validity,
) -> AppResult<Vec<forum_link::Model>> {
    let mut select = forum_link::Entity::find()
        .filter(forum_link::Column::Kind.eq(kind))
        .filter(
            Condition::any()
                .add(forum_link::Column::ValidTo.is_null())
                .add(forum_link::Column::ValidTo.gt(period.from)),
        );
    if let Some(to) = period.to {
        select = select.filter(forum_link::Column::ValidFrom.lt(to));
    }
    let rows = select.all(db).await?;
    Ok(rows
        .into_iter()
        .filter(|l| Validity::new(l.valid_from, l.valid_to).overlaps(&period))
        .collect())
}

/// Names of forums for messages; forums the caller may not see stay unnamed.
async fn names<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, String>> {
    Ok(crud::find_many::<forum::Entity, _>(db, viewer, ids)
        .await?
        .into_iter()
        .map(|f| (f.id, f.name))
        .collect())
}

/// Links a forum to another. Refused: a link to itself, a link identical to one that holds
/// over an overlapping period, and a link closing a cycle among the links of the same kind
/// that overlap its period (the message names the cycle).
pub async fn link(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewLink,
) -> AppResult<forum_link::Model> {
    let target_field = "input.targetForumId";
    if input.forum_id == input.target_forum_id {
        return Err(AppError::invalid(
            target_field,
            format!(
                "`{target_field}` must be another forum than `input.forumId`: a forum cannot be linked to itself"
            ),
        ));
    }
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let source =
                validate::reference::<forum::Entity, _>(tx, &viewer, "input.forumId", input.forum_id)
                    .await?;
            let target = validate::reference::<forum::Entity, _>(
                tx,
                &viewer,
                target_field,
                input.target_forum_id,
            )
            .await?;
            let period = Validity::new(input.valid_from, input.valid_to);
            let links = overlapping(tx, input.kind, period).await?;
            if let Some(same) = links
                .iter()
                .find(|l| l.forum_id == source.id && l.target_forum_id == target.id)
            {
                return Err(AppError::invalid(
                    target_field,
                    format!(
                        "{} already {} {} {}; end that link first or choose a period that does not overlap it",
                        source.name,
                        verb(input.kind),
                        target.name,
                        describe_period(&Validity::new(same.valid_from, same.valid_to)),
                    ),
                ));
            }
            let edges: Vec<(Uuid, Uuid)> =
                links.iter().map(|l| (l.forum_id, l.target_forum_id)).collect();
            if let Some(path) = cycle_through_new_edge(&edges, source.id, target.id) {
                // The path runs target → … → source → target; tell it from the new link's source.
                let cycle: Vec<Uuid> = std::iter::once(source.id)
                    .chain(path[..path.len() - 1].iter().copied())
                    .collect();
                let named = names(tx, &viewer, &cycle).await?;
                let shown: Vec<&str> = cycle
                    .iter()
                    .map(|id| named.get(id).map_or("(a forum you cannot see)", String::as_str))
                    .collect();
                return Err(AppError::invalid(
                    target_field,
                    format!(
                        "linking {} to {} would close a cycle of {} links: {}",
                        source.name,
                        target.name,
                        kind_name(input.kind),
                        shown.join(" → "),
                    ),
                ));
            }
            let (id, now) = write::new_ids();
            let row = forum_link::ActiveModel {
                id: Set(id),
                forum_id: Set(source.id),
                target_forum_id: Set(target.id),
                kind: Set(input.kind),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<forum_link::Entity, _>(tx, &viewer, "linkForum", row).await
        })
    })
    .await
}

/// Ends a link on `on`: from that day the forum no longer reports to (or belongs to) the target.
pub async fn end(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<forum_link::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<forum_link::Entity, _>(tx, &viewer, "endForumLink", id, version, on).await
        })
    })
    .await
}
