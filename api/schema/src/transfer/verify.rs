//! The checks across rows, run when a table has been loaded inside the import's transaction:
//! every row of the table counts, imported or already there, and the first imported row that
//! takes part in a problem is blamed. The rules are those of the mutations: no cycle of parents
//! or delegations, no cycle of reporting lines of one kind on any day, no cycle of forum links of
//! one kind, one seat per member and forum at a time, no identical relationship twice at once,
//! one LEAD per cluster or AoR at a time, a mission's mandates within its period and never two
//! at once. The rules of a single record (a post's placement, a hat or assignment within its
//! post, a GLOBAL cluster parent, a forum's AoR within its cluster) are the services' own
//! (`*_rule` functions), run here on every imported row with the columns as the fields.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{Capacity, ForumLinkKind, Hat, LeadRole, ReportingLineKind};
use entity::{
    area_of_responsibility, assignment, cluster, component, forum, forum_link, forum_membership,
    lead_agency, mission, mission_mandate, organization, post, post_hat, reporting_line,
};
use sea_orm::{
    ActiveEnum, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::checks::{first_cycle, first_overlap, Edge, Period};
use super::report::Problem;
use super::rows::{self, Row};
use super::run::TableRun;
use super::store::{self, dispatch};
use super::tables::TableSpec;
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};
use crate::services::post::describe_period;
use crate::services::record::Record;
use crate::services::validate::{self, Fields};
use crate::services::{cluster as clusters_rules, forum as forum_rules, post as post_rules};

/// The checks' reading of the transaction, and the problems they found.
struct Checks<'a> {
    tx: &'a DatabaseTransaction,
    problems: Vec<Problem>,
}

impl Checks<'_> {
    fn fail(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}

/// Runs the checks of `run`'s table, if it has any and the import touched it: the problems
/// found, in the import's transaction `tx`.
pub(super) async fn table(tx: &DatabaseTransaction, run: &TableRun) -> AppResult<Vec<Problem>> {
    let mut ctx = Checks {
        tx,
        problems: Vec::new(),
    };
    if run.rows.is_empty() {
        return Ok(ctx.problems);
    }
    if let Some(column) = run.spec.self_reference() {
        tree(&mut ctx, run, column).await?;
    }
    by_table(&mut ctx, run).await?;
    Ok(ctx.problems)
}

async fn by_table(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    match run.spec.name {
        "clusters" => clusters(ctx, run).await,
        "posts" => posts(ctx, run).await,
        "assignments" => within_posts(ctx, run).await,
        "forums" => forums(ctx, run).await,
        "reporting_lines" => reporting_lines(ctx, run).await,
        "forum_links" => forum_links(ctx, run).await,
        "forum_memberships" => memberships(ctx, run).await,
        "lead_agencies" => lead_agencies(ctx, run).await,
        "post_hats" => {
            within_posts(ctx, run).await?;
            if ctx.problems.is_empty() {
                hats(ctx, run).await?;
            }
            Ok(())
        }
        "mission_mandates" => mandates(ctx, run).await,
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
    ctx: &Checks<'_>,
    table: &'static str,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, String>> {
    let found: Vec<Row> = dispatch!(table, E => store::by_ids::<E, _>(ctx.tx, ids).await)?;
    Ok(found
        .iter()
        .filter_map(|r| Some((rows::uuid(r, "id")?, label(r))))
        .collect())
}

async fn one_label(ctx: &Checks<'_>, table: &'static str, id: Uuid) -> AppResult<String> {
    Ok(labels(ctx, table, &[id])
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

async fn tree(ctx: &mut Checks<'_>, run: &TableRun, column: &'static str) -> AppResult<()> {
    let table = run.spec.name;
    let links: Vec<(Uuid, Uuid)> =
        dispatch!(table, E => store::links::<E, _>(ctx.tx, column).await)?;
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
    let names = labels(ctx, table, &cycle.path).await?;
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
    ctx.fail(problem);
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

async fn reporting_lines(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
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
        .all(ctx.tx)
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
            (Some(p), _) => one_label(ctx, "posts", p).await?,
            (None, Some(c)) => one_label(ctx, "components", c).await?,
            _ => String::new(),
        };
        let to = match (line.3, line.4) {
            (Some(p), _) => one_label(ctx, "posts", p).await?,
            (None, Some(o)) => one_label(ctx, "organizations", o).await?,
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
        ctx.fail(problem);
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
            let names = labels(ctx, "posts", &cycle.path).await?;
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
        ctx.fail(problem);
    }
    Ok(())
}

fn link_verb(kind: ForumLinkKind) -> &'static str {
    match kind {
        ForumLinkKind::ReportsTo => "reports to",
        ForumLinkKind::SubgroupOf => "is a subgroup of",
    }
}

async fn forum_links(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
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
        .all(ctx.tx)
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
        let names = labels(ctx, "forums", &[link.1, link.2]).await?;
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
        ctx.fail(problem);
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
            let names = labels(ctx, "forums", &cycle.path).await?;
            let problem = run.origin.problem(
                run.spec,
                edges[cycle.edge].row.unwrap_or_default(),
                Some("target_forum_id"),
                format!(
                    "the link would close a cycle of {kind} links: {}",
                    named(&cycle.path, &names)
                ),
            );
            ctx.fail(problem);
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

async fn memberships(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
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
        .all(ctx.tx)
        .await?;
    let periods: Vec<Period<_>> = seats
        .iter()
        .map(|s| Period {
            key: (s.1, s.2, s.3, s.4),
            validity: Validity::new(s.6, s.7),
            row: run.rows.get(&s.0).copied(),
        })
        .collect();
    if let Some(problem) = outside_forum(ctx, run, &seats).await? {
        ctx.fail(problem);
        return Ok(());
    }
    let Some((i, j)) = first_overlap(&periods) else {
        return Ok(());
    };
    let (seat, other) = (&seats[i], &seats[j]);
    let member = match (seat.2, seat.3, seat.4) {
        (Some(o), _, _) => one_label(ctx, "organizations", o).await?,
        (None, Some(c), _) => one_label(ctx, "components", c).await?,
        (None, None, Some(p)) => one_label(ctx, "posts", p).await?,
        _ => String::new(),
    };
    let forum = one_label(ctx, "forums", seat.1).await?;
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
    ctx.fail(problem);
    Ok(())
}

/// The first imported seat (by row) outside the life of its forum: a member cannot sit in a
/// forum before it was established or after it ended.
async fn outside_forum(
    ctx: &Checks<'_>,
    run: &TableRun,
    seats: &[SeatTuple],
) -> AppResult<Option<Problem>> {
    use forum::Column as C;
    let forums: HashMap<Uuid, (String, Validity)> = forum::Entity::find()
        .select_only()
        .columns([C::Id, C::Name, C::ValidFrom, C::ValidTo])
        .into_tuple::<(Uuid, String, NaiveDate, Option<NaiveDate>)>()
        .all(ctx.tx)
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

async fn lead_agencies(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
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
        .all(ctx.tx)
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
            leader_label(ctx, lead).await?,
            led_label(ctx, lead).await?,
            describe_period(other.6, other.7),
            place(run, other.0)
        );
        let problem = run.origin.problem(
            run.spec,
            twice[i].row.unwrap_or_default(),
            Some("valid_from"),
            message,
        );
        ctx.fail(problem);
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
            led_label(ctx, lead).await?,
            leader_label(ctx, other).await?,
            describe_period(other.6, other.7),
            place(run, other.0)
        );
        let problem = run.origin.problem(
            run.spec,
            single[i].row.unwrap_or_default(),
            Some("role"),
            message,
        );
        ctx.fail(problem);
    }
    Ok(())
}

async fn led_label(ctx: &Checks<'_>, lead: &LeadTuple) -> AppResult<String> {
    match (lead.1, lead.2) {
        (Some(c), _) => one_label(ctx, "clusters", c).await,
        (None, Some(a)) => one_label(ctx, "areas_of_responsibility", a).await,
        _ => Ok(String::new()),
    }
}

async fn leader_label(ctx: &Checks<'_>, lead: &LeadTuple) -> AppResult<String> {
    match (lead.3, lead.4) {
        (Some(o), _) => one_label(ctx, "organizations", o).await,
        (None, Some(c)) => one_label(ctx, "components", c).await,
        _ => Ok(String::new()),
    }
}

async fn hats(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    use post_hat::Column as C;
    let hats: Vec<(Uuid, Uuid, Hat, NaiveDate, Option<NaiveDate>)> = post_hat::Entity::find()
        .select_only()
        .columns([C::Id, C::PostId, C::Hat, C::ValidFrom, C::ValidTo])
        .into_tuple()
        .all(ctx.tx)
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
        let post = one_label(ctx, "posts", hat.1).await?;
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
        ctx.fail(problem);
    }
    Ok(())
}

/// A mandate: id, mission, period.
type MandateTuple = (Uuid, Uuid, NaiveDate, Option<NaiveDate>);

/// A mission's mandates lie within its period and never overlap.
async fn mandates(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    use mission_mandate::Column as C;
    let rows: Vec<MandateTuple> = mission_mandate::Entity::find()
        .select_only()
        .columns([C::Id, C::MissionId, C::ValidFrom, C::ValidTo])
        .into_tuple()
        .all(ctx.tx)
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
        .all(ctx.tx)
        .await?
        .into_iter()
        .map(|(id, from, to)| (id, (from, to)))
        .collect();
    for (row, mandate) in &imported {
        let Some(&(from, to)) = periods.get(&mandate.1) else {
            continue;
        };
        if !Validity::new(mandate.2, mandate.3).within(&Validity::new(from, to)) {
            let label = one_label(ctx, "missions", mandate.1).await?;
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
            ctx.fail(problem);
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
        let label = one_label(ctx, "missions", mandate.1).await?;
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
        ctx.fail(problem);
    }
    Ok(())
}

/// Fails the import with a rule's refusal of the row `row`, at the column it names; an error
/// that is not a refusal of the input stops the import.
fn refuse(ctx: &mut Checks<'_>, run: &TableRun, row: u64, err: AppError) -> AppResult<()> {
    match err {
        AppError::BadUserInput { field, message } => {
            let problem = run.origin.problem(run.spec, row, field.as_deref(), message);
            ctx.fail(problem);
            Ok(())
        }
        other => Err(other),
    }
}

/// The imported rows of a table, in row order: `(row, model)`.
fn imported<'m, M>(run: &TableRun, models: &'m [M], id: impl Fn(&M) -> Uuid) -> Vec<(u64, &'m M)> {
    let mut out: Vec<(u64, &M)> = models
        .iter()
        .filter_map(|m| Some((*run.rows.get(&id(m))?, m)))
        .collect();
    out.sort_by_key(|(row, _)| *row);
    out
}

/// A cluster's parent is GLOBAL; a cluster others hang under stays GLOBAL.
async fn clusters(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    let all = cluster::Entity::find().all(ctx.tx).await?;
    let by_id: HashMap<Uuid, &cluster::Model> = all.iter().map(|c| (c.id, c)).collect();
    for (row, c) in imported(run, &all, |c| c.id) {
        if let Some(parent) = c.parent_id.and_then(|p| by_id.get(&p)) {
            if let Err(err) = clusters_rules::parent_rule(Fields::Columns, parent) {
                return refuse(ctx, run, row, err);
            }
        }
        // Imported children answer for their parent themselves, as a mutation creating them
        // would; the scope is blamed for those already in the database.
        let children: Vec<&str> = all
            .iter()
            .filter(|k| k.parent_id == Some(c.id) && k.archived_at.is_none())
            .filter(|k| !run.rows.contains_key(&k.id))
            .map(|k| k.code.as_str())
            .collect();
        if let Err(err) = clusters_rules::scope_rule(Fields::Columns, c.scope, &children) {
            return refuse(ctx, run, row, err);
        }
    }
    Ok(())
}

/// The reference columns of `spec`'s table whose records must not be archived when a row sets
/// them (the checks below run the mutations' [`validate::live_rule`] on them).
pub(super) fn live_references(spec: &TableSpec) -> &'static [&'static str] {
    match spec.name {
        "posts" => &["mission_id", "organization_id"],
        _ => &[],
    }
}

/// Archived records of `E`, by id (`id` reads it): few, where the import may refer to many.
async fn archived<E: Record>(
    ctx: &Checks<'_>,
    id: fn(&E::Model) -> Uuid,
) -> AppResult<HashMap<Uuid, E::Model>> {
    let Some(column) = E::ARCHIVED_AT else {
        return Ok(HashMap::new());
    };
    Ok(E::find()
        .filter(column.is_not_null())
        .all(ctx.tx)
        .await?
        .into_iter()
        .map(|m| (id(&m), m))
        .collect())
}

/// A live post names a live mission and organisation, as a mutation setting them requires;
/// a reference the row kept from the post it updates is not checked again, and an archived post
/// is history: it may name what was archived with it.
fn live_owner(
    run: &TableRun,
    p: &post::Model,
    missions: &HashMap<Uuid, mission::Model>,
    organizations: &HashMap<Uuid, organization::Model>,
) -> AppResult<()> {
    if p.archived_at.is_some() {
        return Ok(());
    }
    let set = |column: &'static str| !run.kept.contains(&(p.id, column));
    if let Some(m) = p.mission_id.and_then(|m| missions.get(&m)) {
        if set("mission_id") {
            validate::live_rule::<mission::Entity>("mission_id", m)?;
        }
    }
    if let Some(o) = p.organization_id.and_then(|o| organizations.get(&o)) {
        if set("organization_id") {
            validate::live_rule::<organization::Entity>("organization_id", o)?;
        }
    }
    Ok(())
}

/// A post's placement (live owner, component of its mission, one head per component) and its
/// hats and assignments within its period.
async fn posts(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    let all = post::Entity::find().all(ctx.tx).await?;
    let rows = imported(run, &all, |p| p.id);
    let archived_missions = archived::<mission::Entity>(ctx, |m| m.id).await?;
    let archived_organizations = archived::<organization::Entity>(ctx, |o| o.id).await?;
    // Whole tables, as the other checks here read them: a list of every imported id would
    // outgrow the parameters a statement may have.
    let components: HashMap<Uuid, component::Model> = component::Entity::find()
        .all(ctx.tx)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut hats: HashMap<Uuid, Vec<post_hat::Model>> = HashMap::new();
    for hat in post_hat::Entity::find().all(ctx.tx).await? {
        hats.entry(hat.post_id).or_default().push(hat);
    }
    let mut held: HashMap<Uuid, Vec<assignment::Model>> = HashMap::new();
    for a in assignment::Entity::find().all(ctx.tx).await? {
        held.entry(a.post_id).or_default().push(a);
    }
    let mut heads: HashMap<Uuid, Vec<&post::Model>> = HashMap::new();
    for p in &all {
        if let (Some(c), true, None) = (p.component_id, p.is_component_head, p.archived_at) {
            heads.entry(c).or_default().push(p);
        }
    }
    for (row, p) in rows {
        let component = p.component_id.and_then(|c| components.get(&c));
        let validity = Validity::new(p.valid_from, p.valid_to);
        let mut checked = post_rules::owner_rule(Fields::Columns, p.mission_id, p.organization_id)
            .and_then(|()| live_owner(run, p, &archived_missions, &archived_organizations))
            .and_then(|()| {
                post_rules::component_rule(
                    Fields::Columns,
                    p.mission_id,
                    component,
                    p.is_component_head,
                )
            });
        if let (Ok(()), Some(component), true, None) =
            (&checked, component, p.is_component_head, p.archived_at)
        {
            let others = heads
                .get(&component.id)
                .into_iter()
                .flatten()
                .filter(|o| o.id != p.id)
                .copied();
            checked = post_rules::head_rule(Fields::Columns, component, validity, others);
        }
        let checked = checked.and_then(|()| {
            post_rules::contents_rule(
                Fields::Columns,
                validity,
                hats.get(&p.id).map_or(&[], Vec::as_slice),
                held.get(&p.id).map_or(&[], Vec::as_slice),
            )
        });
        if let Err(err) = checked {
            return refuse(ctx, run, row, err);
        }
    }
    Ok(())
}

/// Hats and assignments hold within their post's period.
async fn within_posts(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    let periods: Vec<(Uuid, Uuid, NaiveDate, Option<NaiveDate>)> = if run.spec.name == "post_hats" {
        use post_hat::Column as C;
        post_hat::Entity::find()
            .select_only()
            .columns([C::Id, C::PostId, C::ValidFrom, C::ValidTo])
            .into_tuple()
            .all(ctx.tx)
            .await?
    } else {
        use assignment::Column as C;
        assignment::Entity::find()
            .select_only()
            .columns([C::Id, C::PostId, C::ValidFrom, C::ValidTo])
            .into_tuple()
            .all(ctx.tx)
            .await?
    };
    let rows = imported(run, &periods, |p| p.0);
    let posts: HashMap<Uuid, post::Model> = post::Entity::find()
        .all(ctx.tx)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for (row, &(_, post_id, from, to)) in rows {
        let period = Validity::new(from, to);
        let Some(post) = posts.get(&post_id).filter(|_| !period.is_empty()) else {
            continue;
        };
        if let Err(err) = post_rules::within_post_rule(Fields::Columns, post, period) {
            return refuse(ctx, run, row, err);
        }
    }
    Ok(())
}

/// A forum's area of responsibility belongs to the forum's cluster.
async fn forums(ctx: &mut Checks<'_>, run: &TableRun) -> AppResult<()> {
    use forum::Column as C;
    let all: Vec<(Uuid, Option<Uuid>, Option<Uuid>)> = forum::Entity::find()
        .select_only()
        .columns([C::Id, C::ClusterId, C::AreaOfResponsibilityId])
        .filter(C::AreaOfResponsibilityId.is_not_null())
        .into_tuple()
        .all(ctx.tx)
        .await?;
    let rows = imported(run, &all, |f| f.0);
    let aors: HashMap<Uuid, area_of_responsibility::Model> = area_of_responsibility::Entity::find()
        .all(ctx.tx)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    for (row, &(_, cluster_id, aor_id)) in rows {
        let Some(aor) = aor_id.and_then(|a| aors.get(&a)) else {
            continue;
        };
        let field = Fields::Columns.name("area_of_responsibility_id");
        if let Err(err) = forum_rules::aor_rule(Fields::Columns, &field, cluster_id, aor) {
            return refuse(ctx, run, row, err);
        }
    }
    Ok(())
}
