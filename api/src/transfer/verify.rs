//! The checks across rows, run when a table has been loaded inside the import's transaction:
//! every row of the table counts, imported or already there, and the first imported row that
//! takes part in a problem is blamed. The rules are those of the mutations: no cycle of parents
//! or delegations, no cycle of reporting lines of one kind on any day, no cycle of forum links of
//! one kind, one seat per member and forum at a time, no identical relationship twice at once,
//! one LEAD per cluster or AoR at a time, a mission's mandates within its period and never two
//! at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{Capacity, ForumLinkKind, Hat, LeadRole, ReportingLineKind};
use entity::{
    forum, forum_link, forum_membership, lead_agency, mission, mission_mandate, post_hat,
    reporting_line,
};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::checks::{first_cycle, first_overlap, Edge, Period};
use super::import::{Engine, TableRun};
use super::rows::{self, Row};
use super::store::{self, dispatch};
use crate::domain::validity::Validity;
use crate::error::AppResult;
use crate::services::post::describe_period;

/// Runs the checks of `run`'s table, if it has any and the import touched it.
pub(super) async fn table(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    if run.rows.is_empty() {
        return Ok(());
    }
    if let Some(column) = run.spec.self_reference() {
        tree(engine, run, column).await?;
    }
    match run.spec.name {
        "reporting_lines" => reporting_lines(engine, run).await,
        "forum_links" => forum_links(engine, run).await,
        "forum_memberships" => memberships(engine, run).await,
        "lead_agencies" => lead_agencies(engine, run).await,
        "post_hats" => hats(engine, run).await,
        "mission_mandates" => mandates(engine, run).await,
        _ => Ok(()),
    }
}

/// How messages name a record: its code, title, name or acronym.
fn label(row: &Row) -> String {
    ["code", "title", "name", "full_name", "acronym"]
        .iter()
        .find_map(|c| row.get(*c)?.as_str().map(str::to_owned))
        .or_else(|| row.get("id")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Labels of records of `table`.
async fn labels(
    engine: &Engine<'_>,
    table: &'static str,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, String>> {
    let found: Vec<Row> = dispatch!(table, E => store::by_ids::<E, _>(engine.tx, ids).await)?;
    Ok(found
        .iter()
        .filter_map(|r| Some((rows::uuid(r, "id")?, label(r))))
        .collect())
}

async fn one_label(engine: &Engine<'_>, table: &'static str, id: Uuid) -> AppResult<String> {
    Ok(labels(engine, table, &[id])
        .await?
        .remove(&id)
        .unwrap_or_else(|| id.to_string()))
}

fn named(path: &[Uuid], names: &HashMap<Uuid, String>) -> String {
    path.iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| id.to_string()))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Where the other record of a clash comes from.
fn place(run: &TableRun, id: Uuid) -> String {
    match run.rows.get(&id) {
        Some(row) => format!("row {row}"),
        None => "already in the database".to_owned(),
    }
}

fn forever() -> Validity {
    Validity::new(NaiveDate::MIN, None)
}

async fn tree(engine: &mut Engine<'_>, run: &TableRun, column: &'static str) -> AppResult<()> {
    let table = run.spec.name;
    let links: Vec<(Uuid, Uuid)> =
        dispatch!(table, E => store::links::<E, _>(engine.tx, column).await)?;
    let edges: Vec<Edge<Uuid>> = links
        .iter()
        .map(|&(from, to)| Edge {
            from,
            to,
            validity: forever(),
            row: run.rows.get(&from).copied(),
        })
        .collect();
    let Some(cycle) = first_cycle(&edges, false) else {
        return Ok(());
    };
    let names = labels(engine, table, &cycle.path).await?;
    let row = edges[cycle.edge].row.unwrap_or_default();
    let problem = run.origin.problem(
        run.spec,
        row,
        Some(column),
        format!(
            "`{column}` would close a cycle: {} (each arrow points to its {column})",
            named(&cycle.path, &names)
        ),
    );
    engine.fail(problem);
    Ok(())
}

type LineTuple = (
    Uuid,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    ReportingLineKind,
    NaiveDate,
    Option<NaiveDate>,
);

async fn reporting_lines(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use reporting_line::Column as C;
    let lines: Vec<LineTuple> = reporting_line::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::FromPostId,
            C::FromComponentId,
            C::ToPostId,
            C::ToOrganizationId,
            C::Kind,
            C::ValidFrom,
            C::ValidTo,
        ])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let row_of = |id: &Uuid| run.rows.get(id).copied();
    // Identical lines (same ends and kind) over overlapping periods.
    let periods: Vec<Period<_>> = lines
        .iter()
        .map(|l| Period {
            key: (l.1, l.2, l.3, l.4, l.5.to_value()),
            validity: Validity::new(l.6, l.7),
            row: row_of(&l.0),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&periods) {
        let (line, other) = (&lines[i], &lines[j]);
        let from = match (line.1, line.2) {
            (Some(p), _) => one_label(engine, "posts", p).await?,
            (None, Some(c)) => one_label(engine, "components", c).await?,
            _ => String::new(),
        };
        let to = match (line.3, line.4) {
            (Some(p), _) => one_label(engine, "posts", p).await?,
            (None, Some(o)) => one_label(engine, "organizations", o).await?,
            _ => String::new(),
        };
        let problem = run.origin.problem(
            run.spec,
            periods[i].row.unwrap_or_default(),
            Some("valid_from"),
            format!(
                "an identical {} reporting line from {from} to {to} already holds {} ({}); end it first or choose dates that do not overlap",
                line.5.to_value(),
                describe_period(other.6, other.7),
                place(run, other.0)
            ),
        );
        engine.fail(problem);
        return Ok(());
    }
    // Loops among post-to-post lines of one kind on some day.
    let mut by_kind: HashMap<String, Vec<Edge<Uuid>>> = HashMap::new();
    for l in &lines {
        if let (Some(from), Some(to)) = (l.1, l.3) {
            by_kind.entry(l.5.to_value()).or_default().push(Edge {
                from,
                to,
                validity: Validity::new(l.6, l.7),
                row: row_of(&l.0),
            });
        }
    }
    let mut kinds: Vec<&String> = by_kind.keys().collect();
    kinds.sort();
    let mut worst: Option<(u64, String)> = None;
    for kind in kinds {
        let edges = &by_kind[kind];
        if let Some(cycle) = first_cycle(edges, true) {
            let row = edges[cycle.edge].row.unwrap_or_default();
            if worst.as_ref().is_some_and(|(r, _)| *r <= row) {
                continue;
            }
            let names = labels(engine, "posts", &cycle.path).await?;
            let day = cycle.on.map(|d| format!(" on {d}")).unwrap_or_default();
            worst = Some((
                row,
                format!(
                    "the line would close a cycle of {kind} reporting lines{day}: {} (each reports to the next)",
                    named(&cycle.path, &names)
                ),
            ));
        }
    }
    if let Some((row, message)) = worst {
        let problem = run
            .origin
            .problem(run.spec, row, Some("to_post_id"), message);
        engine.fail(problem);
    }
    Ok(())
}

fn link_verb(kind: ForumLinkKind) -> &'static str {
    match kind {
        ForumLinkKind::ReportsTo => "reports to",
        ForumLinkKind::SubgroupOf => "is a subgroup of",
    }
}

async fn forum_links(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use forum_link::Column as C;
    let links: Vec<(
        Uuid,
        Uuid,
        Uuid,
        ForumLinkKind,
        NaiveDate,
        Option<NaiveDate>,
    )> = forum_link::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::ForumId,
            C::TargetForumId,
            C::Kind,
            C::ValidFrom,
            C::ValidTo,
        ])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let row_of = |id: &Uuid| run.rows.get(id).copied();
    let periods: Vec<Period<(Uuid, Uuid, String)>> = links
        .iter()
        .map(|l| Period {
            key: (l.1, l.2, l.3.to_value()),
            validity: Validity::new(l.4, l.5),
            row: row_of(&l.0),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&periods) {
        let (link, other) = (&links[i], &links[j]);
        let names = labels(engine, "forums", &[link.1, link.2]).await?;
        let problem = run.origin.problem(
            run.spec,
            periods[i].row.unwrap_or_default(),
            Some("valid_from"),
            format!(
                "{} already {} {} {} ({}); end that link first or choose a period that does not overlap it",
                names.get(&link.1).cloned().unwrap_or_default(),
                link_verb(link.3),
                names.get(&link.2).cloned().unwrap_or_default(),
                describe_period(other.4, other.5),
                place(run, other.0)
            ),
        );
        engine.fail(problem);
        return Ok(());
    }
    let mut by_kind: HashMap<String, Vec<Edge<Uuid>>> = HashMap::new();
    for l in &links {
        by_kind.entry(l.3.to_value()).or_default().push(Edge {
            from: l.1,
            to: l.2,
            validity: Validity::new(l.4, l.5),
            row: row_of(&l.0),
        });
    }
    let mut kinds: Vec<&String> = by_kind.keys().collect();
    kinds.sort();
    for kind in kinds {
        let edges = &by_kind[kind];
        if let Some(cycle) = first_cycle(edges, false) {
            let names = labels(engine, "forums", &cycle.path).await?;
            let problem = run.origin.problem(
                run.spec,
                edges[cycle.edge].row.unwrap_or_default(),
                Some("target_forum_id"),
                format!(
                    "the link would close a cycle of {kind} links: {}",
                    named(&cycle.path, &names)
                ),
            );
            engine.fail(problem);
            return Ok(());
        }
    }
    Ok(())
}

type SeatTuple = (
    Uuid,
    Uuid,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    Capacity,
    NaiveDate,
    Option<NaiveDate>,
);

async fn memberships(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use forum_membership::Column as C;
    let seats: Vec<SeatTuple> = forum_membership::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::ForumId,
            C::MemberOrganizationId,
            C::MemberComponentId,
            C::MemberPostId,
            C::Capacity,
            C::ValidFrom,
            C::ValidTo,
        ])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let periods: Vec<Period<_>> = seats
        .iter()
        .map(|s| Period {
            key: (s.1, s.2, s.3, s.4),
            validity: Validity::new(s.6, s.7),
            row: run.rows.get(&s.0).copied(),
        })
        .collect();
    if let Some(problem) = outside_forum(engine, run, &seats).await? {
        engine.fail(problem);
        return Ok(());
    }
    let Some((i, j)) = first_overlap(&periods) else {
        return Ok(());
    };
    let (seat, other) = (&seats[i], &seats[j]);
    let member = match (seat.2, seat.3, seat.4) {
        (Some(o), _, _) => one_label(engine, "organizations", o).await?,
        (None, Some(c), _) => one_label(engine, "components", c).await?,
        (None, None, Some(p)) => one_label(engine, "posts", p).await?,
        _ => String::new(),
    };
    let forum = one_label(engine, "forums", seat.1).await?;
    let problem = run.origin.problem(
        run.spec,
        periods[i].row.unwrap_or_default(),
        Some("valid_from"),
        format!(
            "{member} already sits in {forum} as {} {} ({}): one seat per member and forum at a time; end that membership first or choose dates that do not overlap",
            other.5.to_value(),
            describe_period(other.6, other.7),
            place(run, other.0)
        ),
    );
    engine.fail(problem);
    Ok(())
}

/// The first imported seat (by row) outside the life of its forum: a member cannot sit in a
/// forum before it was established or after it ended.
async fn outside_forum(
    engine: &Engine<'_>,
    run: &TableRun,
    seats: &[SeatTuple],
) -> AppResult<Option<super::report::Problem>> {
    use forum::Column as C;
    let forums: HashMap<Uuid, (String, Validity)> = forum::Entity::find()
        .select_only()
        .columns([C::Id, C::Name, C::ValidFrom, C::ValidTo])
        .into_tuple::<(Uuid, String, NaiveDate, Option<NaiveDate>)>()
        .all(engine.tx)
        .await?
        .into_iter()
        .map(|(id, name, from, to)| (id, (name, Validity::new(from, to))))
        .collect();
    let mut first: Option<(u64, &SeatTuple)> = None;
    for seat in seats {
        let Some(row) = run.rows.get(&seat.0).copied() else {
            continue;
        };
        let period = Validity::new(seat.6, seat.7);
        let outside = forums
            .get(&seat.1)
            .is_some_and(|(_, life)| !period.is_empty() && !period.within(life));
        if outside && first.is_none_or(|(r, _)| row < r) {
            first = Some((row, seat));
        }
    }
    let Some((row, seat)) = first else {
        return Ok(None);
    };
    let Some((name, life)) = forums.get(&seat.1) else {
        return Ok(None);
    };
    let problem = if seat.6 < life.from {
        run.origin.problem(
            run.spec,
            row,
            Some("valid_from"),
            format!(
                "the membership starts on {}, before {name} was established ({})",
                seat.6, life.from
            ),
        )
    } else {
        let ended = life.to.map(|d| d.to_string()).unwrap_or_default();
        run.origin.problem(
            run.spec,
            row,
            Some("valid_to"),
            format!("{name} ended on {ended}: the membership must end by then"),
        )
    };
    Ok(Some(problem))
}

type LeadTuple = (
    Uuid,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    LeadRole,
    NaiveDate,
    Option<NaiveDate>,
);

async fn lead_agencies(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use lead_agency::Column as C;
    let leads: Vec<LeadTuple> = lead_agency::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::ClusterId,
            C::AreaOfResponsibilityId,
            C::OrganizationId,
            C::ComponentId,
            C::Role,
            C::ValidFrom,
            C::ValidTo,
        ])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let twice: Vec<Period<_>> = leads
        .iter()
        .map(|l| Period {
            key: (l.1, l.2, l.3, l.4),
            validity: Validity::new(l.6, l.7),
            row: run.rows.get(&l.0).copied(),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&twice) {
        let (lead, other) = (&leads[i], &leads[j]);
        let message = format!(
            "{} already leads {} {} ({}); end that lead first or choose dates that do not overlap",
            leader_label(engine, lead).await?,
            led_label(engine, lead).await?,
            describe_period(other.6, other.7),
            place(run, other.0)
        );
        let problem = run.origin.problem(
            run.spec,
            twice[i].row.unwrap_or_default(),
            Some("valid_from"),
            message,
        );
        engine.fail(problem);
        return Ok(());
    }
    let heads: Vec<usize> = (0..leads.len())
        .filter(|&i| leads[i].5 == LeadRole::Lead)
        .collect();
    let single: Vec<Period<(Option<Uuid>, Option<Uuid>)>> = heads
        .iter()
        .map(|&i| Period {
            key: (leads[i].1, leads[i].2),
            validity: Validity::new(leads[i].6, leads[i].7),
            row: run.rows.get(&leads[i].0).copied(),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&single) {
        let (lead, other) = (&leads[heads[i]], &leads[heads[j]]);
        let message = format!(
            "{} already has a LEAD ({}, {}, {}) over an overlapping period; set this one as CO_LEAD or end the current lead first",
            led_label(engine, lead).await?,
            leader_label(engine, other).await?,
            describe_period(other.6, other.7),
            place(run, other.0)
        );
        let problem = run.origin.problem(
            run.spec,
            single[i].row.unwrap_or_default(),
            Some("role"),
            message,
        );
        engine.fail(problem);
    }
    Ok(())
}

async fn led_label(engine: &Engine<'_>, lead: &LeadTuple) -> AppResult<String> {
    match (lead.1, lead.2) {
        (Some(c), _) => one_label(engine, "clusters", c).await,
        (None, Some(a)) => one_label(engine, "areas_of_responsibility", a).await,
        _ => Ok(String::new()),
    }
}

async fn leader_label(engine: &Engine<'_>, lead: &LeadTuple) -> AppResult<String> {
    match (lead.3, lead.4) {
        (Some(o), _) => one_label(engine, "organizations", o).await,
        (None, Some(c)) => one_label(engine, "components", c).await,
        _ => Ok(String::new()),
    }
}

async fn hats(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use post_hat::Column as C;
    let hats: Vec<(Uuid, Uuid, Hat, NaiveDate, Option<NaiveDate>)> = post_hat::Entity::find()
        .select_only()
        .columns([C::Id, C::PostId, C::Hat, C::ValidFrom, C::ValidTo])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let periods: Vec<Period<(Uuid, String)>> = hats
        .iter()
        .map(|h| Period {
            key: (h.1, h.2.to_value()),
            validity: Validity::new(h.3, h.4),
            row: run.rows.get(&h.0).copied(),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&periods) {
        let (hat, other) = (&hats[i], &hats[j]);
        let post = one_label(engine, "posts", hat.1).await?;
        let problem = run.origin.problem(
            run.spec,
            periods[i].row.unwrap_or_default(),
            Some("valid_from"),
            format!(
                "the post {post} already carries the {} hat {} ({})",
                hat.2.to_value(),
                describe_period(other.3, other.4),
                place(run, other.0)
            ),
        );
        engine.fail(problem);
    }
    Ok(())
}

/// A mandate: id, mission, period.
type MandateTuple = (Uuid, Uuid, NaiveDate, Option<NaiveDate>);

/// A mission's mandates lie within its period and never overlap.
async fn mandates(engine: &mut Engine<'_>, run: &TableRun) -> AppResult<()> {
    use mission_mandate::Column as C;
    let rows: Vec<MandateTuple> = mission_mandate::Entity::find()
        .select_only()
        .columns([C::Id, C::MissionId, C::ValidFrom, C::ValidTo])
        .into_tuple()
        .all(engine.tx)
        .await?;
    let mut imported: Vec<(u64, &MandateTuple)> = rows
        .iter()
        .filter_map(|r| Some((*run.rows.get(&r.0)?, r)))
        .collect();
    imported.sort_by_key(|(row, _)| *row);
    let missions: Vec<Uuid> = imported.iter().map(|(_, r)| r.1).collect();
    let periods: HashMap<Uuid, (NaiveDate, Option<NaiveDate>)> = mission::Entity::find()
        .select_only()
        .columns([
            mission::Column::Id,
            mission::Column::ValidFrom,
            mission::Column::ValidTo,
        ])
        .filter(mission::Column::Id.is_in(missions))
        .into_tuple::<(Uuid, NaiveDate, Option<NaiveDate>)>()
        .all(engine.tx)
        .await?
        .into_iter()
        .map(|(id, from, to)| (id, (from, to)))
        .collect();
    for (row, mandate) in &imported {
        let Some(&(from, to)) = periods.get(&mandate.1) else {
            continue;
        };
        if !Validity::new(mandate.2, mandate.3).within(&Validity::new(from, to)) {
            let label = one_label(engine, "missions", mandate.1).await?;
            let problem = run.origin.problem(
                run.spec,
                *row,
                Some("valid_from"),
                format!(
                    "the mandate {} lies outside the period of the mission {label} ({})",
                    describe_period(mandate.2, mandate.3),
                    describe_period(from, to)
                ),
            );
            engine.fail(problem);
            return Ok(());
        }
    }
    let spans: Vec<Period<Uuid>> = rows
        .iter()
        .map(|r| Period {
            key: r.1,
            validity: Validity::new(r.2, r.3),
            row: run.rows.get(&r.0).copied(),
        })
        .collect();
    if let Some((i, j)) = first_overlap(&spans) {
        let (mandate, other) = (&rows[i], &rows[j]);
        let label = one_label(engine, "missions", mandate.1).await?;
        let problem = run.origin.problem(
            run.spec,
            spans[i].row.unwrap_or_default(),
            Some("valid_from"),
            format!(
                "the mission {label} already has a mandate {} ({}): a mission's mandates must not overlap",
                describe_period(other.2, other.3),
                place(run, other.0)
            ),
        );
        engine.fail(problem);
    }
    Ok(())
}
