//! Reporting lines: setting one with its rules (one source, one target, no duplicate, no cycle
//! among lines of the same kind) and ending it.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use entity::{component, enums, organization, post, reporting_line};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud;
use super::post::describe_period;
use super::{validate, write};
use crate::domain::cycles::cycle_through_new_edge;
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// A reporting line as submitted (unvalidated): the `from` and `to` pairs must each have
/// exactly one side set.
#[derive(Debug, Clone)]
pub struct NewReportingLine {
    pub from_post_id: Option<Uuid>,
    pub from_component_id: Option<Uuid>,
    pub to_post_id: Option<Uuid>,
    pub to_organization_id: Option<Uuid>,
    pub kind: enums::ReportingLineKind,
    pub note: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Post(Uuid),
    Component(Uuid),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Post(Uuid),
    Organization(Uuid),
}

/// Which one of a pair of exclusive references was given.
enum Side {
    First(Uuid),
    Second(Uuid),
}

fn exactly_one(first: Option<Uuid>, second: Option<Uuid>, names: (&str, &str)) -> AppResult<Side> {
    let (a, b) = names;
    match (first, second) {
        (Some(id), None) => Ok(Side::First(id)),
        (None, Some(id)) => Ok(Side::Second(id)),
        (None, None) => Err(AppError::invalid(
            a,
            format!("give exactly one of `{a}` and `{b}`; got neither"),
        )),
        (Some(_), Some(_)) => Err(AppError::invalid(
            a,
            format!("give exactly one of `{a}` and `{b}`; got both"),
        )),
    }
}

/// Sets a reporting line.
pub async fn set(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewReportingLine,
) -> AppResult<reporting_line::Model> {
    let from = match exactly_one(
        input.from_post_id,
        input.from_component_id,
        ("input.fromPostId", "input.fromComponentId"),
    )? {
        Side::First(id) => Source::Post(id),
        Side::Second(id) => Source::Component(id),
    };
    let to = match exactly_one(
        input.to_post_id,
        input.to_organization_id,
        ("input.toPostId", "input.toOrganizationId"),
    )? {
        Side::First(id) => Target::Post(id),
        Side::Second(id) => Target::Organization(id),
    };
    let note = validate::text("input.note", input.note)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let from_name = match from {
                Source::Post(id) => {
                    validate::reference::<post::Entity, _>(tx, &viewer, "input.fromPostId", id)
                        .await?
                        .title
                }
                Source::Component(id) => {
                    validate::reference::<component::Entity, _>(
                        tx,
                        &viewer,
                        "input.fromComponentId",
                        id,
                    )
                    .await?
                    .name
                }
            };
            let (to_field, to_name) = match to {
                Target::Post(id) => (
                    "input.toPostId",
                    validate::reference::<post::Entity, _>(tx, &viewer, "input.toPostId", id)
                        .await?
                        .title,
                ),
                Target::Organization(id) => (
                    "input.toOrganizationId",
                    validate::reference::<organization::Entity, _>(
                        tx,
                        &viewer,
                        "input.toOrganizationId",
                        id,
                    )
                    .await?
                    .code,
                ),
            };
            let period = Validity::new(input.valid_from, input.valid_to);
            let same_kind = reporting_line::Entity::find()
                .filter(reporting_line::Column::Kind.eq(input.kind))
                .order_by_asc(reporting_line::Column::Id)
                .all(tx)
                .await?;
            let overlapping: Vec<&reporting_line::Model> = same_kind
                .iter()
                .filter(|l| Validity::new(l.valid_from, l.valid_to).overlaps(&period))
                .collect();
            if let Some(twin) = overlapping.iter().find(|l| ends_of(l) == Some((from, to))) {
                return Err(AppError::invalid(
                    to_field,
                    format!(
                        "an identical {} reporting line from {from_name} to {to_name} already holds {}; end it first or choose dates that do not overlap",
                        input.kind.to_value(),
                        describe_period(twin.valid_from, twin.valid_to)
                    ),
                ));
            }
            if let (Source::Post(a), Target::Post(b)) = (from, to) {
                check_no_cycle(tx, &viewer, input.kind, period, &overlapping, a, b).await?;
            }
            let (id, now) = write::new_ids();
            let row = reporting_line::ActiveModel {
                id: Set(id),
                from_post_id: Set(input.from_post_id),
                from_component_id: Set(input.from_component_id),
                to_post_id: Set(input.to_post_id),
                to_organization_id: Set(input.to_organization_id),
                kind: Set(input.kind),
                note: Set(note),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<reporting_line::Entity, _>(tx, &viewer, "setReportingLine", row).await
        })
    })
    .await
}

fn ends_of(line: &reporting_line::Model) -> Option<(Source, Target)> {
    let from = match (line.from_post_id, line.from_component_id) {
        (Some(p), _) => Source::Post(p),
        (None, Some(c)) => Source::Component(c),
        (None, None) => return None,
    };
    let to = match (line.to_post_id, line.to_organization_id) {
        (Some(p), _) => Target::Post(p),
        (None, Some(o)) => Target::Organization(o),
        (None, None) => return None,
    };
    Some((from, to))
}

/// Refuses the line `from → to` if, on some day of its period, it would close a loop among the
/// post-to-post lines of its kind in force that day. Components only report and organisations
/// only receive, so a loop can run through posts alone. Every line counts, visible or not, so
/// hidden lines cannot hide a loop; the message names only the posts the caller may see.
async fn check_no_cycle<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: enums::ReportingLineKind,
    period: Validity,
    overlapping: &[&reporting_line::Model],
    from: Uuid,
    to: Uuid,
) -> AppResult<()> {
    let lines: Vec<(Validity, (Uuid, Uuid))> = overlapping
        .iter()
        .filter_map(|l| {
            let edge = (l.from_post_id?, l.to_post_id?);
            Some((Validity::new(l.valid_from, l.valid_to), edge))
        })
        .collect();
    let all: Vec<(Uuid, Uuid)> = lines.iter().map(|(_, e)| *e).collect();
    // Cheap test first: no loop with every overlapping line means none on any single day.
    if cycle_through_new_edge(&all, from, to).is_none() {
        return Ok(());
    }
    // The lines in force change only where one starts or ends, so those days cover all.
    let mut days = BTreeSet::from([period.from]);
    for (v, _) in &lines {
        for day in [Some(v.from), v.to].into_iter().flatten() {
            if period.contains(day) {
                days.insert(day);
            }
        }
    }
    for day in days {
        let edges: Vec<(Uuid, Uuid)> = lines
            .iter()
            .filter(|(v, _)| v.contains(day))
            .map(|(_, e)| *e)
            .collect();
        if let Some(path) = cycle_through_new_edge(&edges, from, to) {
            // The path runs to → … → from → to; shown from the new line's source.
            let mut cycle = vec![from];
            cycle.extend(&path[..path.len() - 1]);
            let names = visible_titles(db, viewer, &cycle).await?;
            let shown: Vec<String> = cycle
                .iter()
                .map(|id| {
                    names
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| "a post you cannot see".into())
                })
                .collect();
            return Err(AppError::invalid(
                "input.toPostId",
                format!(
                    "`input.toPostId` would close a cycle of {} reporting lines on {day}: {} (each reports to the next)",
                    kind.to_value(),
                    shown.join(" → ")
                ),
            ));
        }
    }
    Ok(())
}

async fn visible_titles<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, String>> {
    Ok(crud::find_many::<post::Entity, C>(db, viewer, ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect())
}

/// Ends a reporting line on a date.
pub async fn end(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<reporting_line::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<reporting_line::Entity, _>(
                tx,
                &viewer,
                "endReportingLine",
                id,
                version,
                on,
            )
            .await
        })
    })
    .await
}
