//! The analysis queries ("who decides what"): each plan below loads what its answer needs,
//! through the caller's visibility, and hands it to the pure functions of
//! [`crate::domain::analysis`].
//!
//! Loads are bounded. Every statement reads one table, narrowed by mission (or by the ids the
//! previous statements found), by validity and by what the caller may see; rows hanging from a
//! mission's posts, components or forums are read with a sub-select rather than one statement per
//! parent. So the number of statements of an answer is fixed by its plan (plus one per level of
//! the reporting-line walks, themselves bounded by the longest chain an answer shows). `whoDecides`
//! goes further and never reads a mission as a whole: only the rights of the area, their holders,
//! the chairs of the forums among them and the line reporting chains above the deciders.

mod load;
pub mod records;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entity::enums::{Capacity, ReportingLineKind, RightKind};
use entity::{
    area_of_responsibility as aor, assignment, cluster, component, decision_area, decision_right,
    document, forum, forum_link, forum_membership, lead_agency, mandated_task, mission,
    organization, person, post, post_hat, reporting_line, source_citation,
};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait};
use uuid::Uuid;

use self::load::{ids_of, Loader, Period};
pub use self::records::{holder_of, member_of, mission_of, LoadStats, Records};
use crate::domain::analysis::bridges::{Bridge, CommonForum};
use crate::domain::analysis::chains::ReportingChains;
use crate::domain::analysis::cut::{cut, Capped};
use crate::domain::analysis::decisions::WhoDecides;
use crate::domain::analysis::diff::StructuralChanges;
use crate::domain::analysis::gaps::Gap;
use crate::domain::analysis::graph::{EdgeKind, GraphLimits, StakeholderGraph};
use crate::domain::analysis::integration::IntegrationProfile;
use crate::domain::analysis::{self, Holder, LineSource, Member};
use crate::domain::validity::{DateBasis, EffectiveDate, Validity};
use crate::error::{AppError, AppResult};
use crate::services::access::Viewer;
use crate::services::reference::{self, Reference};
use crate::services::validate;

/// An answer, the records it rests on and the date it holds on.
pub struct Analysis<T> {
    pub records: Records,
    pub answer: T,
    /// The date the answer holds on, and why that one.
    pub on: EffectiveDate,
    /// The record the answer is about, as its argument named it (the mission; the post of a
    /// reporting chain); `None` when it is about no single record.
    pub subject: Option<Uuid>,
}

/// The date asked for (`asOf`), if any, and today: an analysis of a record that has ended
/// answers on the record's last day unless a date is asked (see [`EffectiveDate::choose`]).
#[derive(Debug, Clone, Copy)]
pub struct AsOf {
    pub asked: Option<NaiveDate>,
    pub today: NaiveDate,
}

impl AsOf {
    /// The date to answer on about a record that holds from `from` until `to`.
    fn within(self, from: NaiveDate, to: Option<NaiveDate>) -> EffectiveDate {
        EffectiveDate::choose(self.asked, self.today, Some(Validity::new(from, to)))
    }

    /// The date to answer on when no single record is asked about.
    fn plain(self) -> EffectiveDate {
        EffectiveDate::choose(self.asked, self.today, None)
    }
}

fn valid_on(from: NaiveDate, to: Option<NaiveDate>, date: NaiveDate) -> bool {
    Validity::new(from, to).contains(date)
}

fn sorted(ids: impl IntoIterator<Item = Uuid>) -> Vec<Uuid> {
    ids.into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn mission_or_global(mission_id: Uuid) -> Condition {
    Condition::any()
        .add(decision_right::Column::MissionId.eq(mission_id))
        .add(decision_right::Column::MissionId.is_null())
}

// ---------------------------------------------------------------------------------------------
// Who decides

/// Who holds which right over the decision area `area` in `mission` (each named by ID or
/// natural key) on the date of `as_of`.
///
/// Loads the area's rights in the mission and its global defaults (every period: a delegation's
/// path names the rights above it even once they lapsed), their holders, the chair seats of the
/// forums among them, the heads of the components among them, who sits in the posts exercising
/// them, the LINE reporting chains above the deciders and the citations of the rights. Nothing
/// else of the mission is read, however large it is.
pub async fn who_decides<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission: &Reference,
    area: &Reference,
    as_of: AsOf,
) -> AppResult<Analysis<WhoDecides>> {
    let mut load = Loader::new(db, viewer);
    let mission = load.resolve::<mission::Entity>("mission", mission).await?;
    let area = load.resolve::<decision_area::Entity>("area", area).await?;
    let on = as_of.within(mission.valid_from, mission.valid_to);
    let (mission_id, as_of) = (mission.id, on.date);

    let rights = load
        .rows::<decision_right::Entity>(
            Period::Any,
            Condition::all()
                .add(decision_right::Column::DecisionAreaId.eq(area.id))
                .add(mission_or_global(mission_id)),
        )
        .await?;
    let holders: Vec<Holder> = rights.iter().filter_map(holder_of).collect();
    let valid: Vec<(&decision_right::Model, Holder)> = rights
        .iter()
        .filter(|r| valid_on(r.valid_from, r.valid_to, as_of))
        .filter_map(|r| Some((r, holder_of(r)?)))
        .collect();

    // Forums exercise their rights through their chairs on the date.
    let holder_forums = sorted(valid.iter().filter_map(|(_, h)| match h {
        Holder::Forum(f) => Some(*f),
        _ => None,
    }));
    let chairs = load
        .where_in::<forum_membership::Entity>(
            Period::On(as_of),
            forum_membership::Column::ForumId,
            &holder_forums,
            Condition::all().add(
                forum_membership::Column::Capacity.is_in([Capacity::Chair, Capacity::CoChair]),
            ),
        )
        .await?;
    let chair_members: Vec<Member> = chairs.iter().filter_map(member_of).collect();

    load.by_ids::<forum::Entity>(holders.iter().filter_map(|h| match h {
        Holder::Forum(f) => Some(*f),
        _ => None,
    }))
    .await?;
    let components = sorted(
        holders
            .iter()
            .filter_map(|h| match h {
                Holder::Component(c) => Some(*c),
                _ => None,
            })
            .chain(chair_members.iter().filter_map(|m| match m {
                Member::Component(c) => Some(*c),
                _ => None,
            })),
    );
    load.by_ids::<component::Entity>(components.iter().copied())
        .await?;
    load.by_ids::<post::Entity>(
        holders
            .iter()
            .filter_map(|h| match h {
                Holder::Post(p) => Some(*p),
                _ => None,
            })
            .chain(chair_members.iter().filter_map(|m| match m {
                Member::Post(p) => Some(*p),
                _ => None,
            })),
    )
    .await?;
    let heads = load
        .where_in::<post::Entity>(
            Period::On(as_of),
            post::Column::ComponentId,
            &components,
            Condition::all().add(post::Column::IsComponentHead.eq(true)),
        )
        .await?;

    // The posts exercising each right valid on the date, as the pure resolver will find them;
    // deciders' ones start the escalation walk.
    let heads_of = |component: Uuid| -> Vec<Uuid> {
        heads
            .iter()
            .filter(|p| p.component_id == Some(component))
            .map(|p| p.id)
            .collect()
    };
    let mut exercising: BTreeSet<Uuid> = BTreeSet::new();
    let mut escalating_posts: BTreeSet<Uuid> = BTreeSet::new();
    let mut escalating_components: BTreeSet<Uuid> = BTreeSet::new();
    for (right, holder) in &valid {
        let mut posts: Vec<Uuid> = Vec::new();
        let mut headless: Option<Uuid> = None;
        match holder {
            Holder::Post(p) => posts.push(*p),
            Holder::Component(c) => {
                posts = heads_of(*c);
                if posts.is_empty() {
                    headless = Some(*c);
                }
            }
            Holder::Organization(_) => {}
            Holder::Forum(f) => {
                for seat in chairs.iter().filter(|m| m.forum_id == *f) {
                    match member_of(seat) {
                        Some(Member::Post(p)) => posts.push(p),
                        Some(Member::Component(c)) => posts.extend(heads_of(c)),
                        Some(Member::Organization(_)) | None => {}
                    }
                }
            }
        }
        if right.kind == RightKind::Decides {
            escalating_posts.extend(&posts);
            escalating_components.extend(headless);
        }
        exercising.extend(posts);
    }
    load.lines_upward(
        &sorted(escalating_posts),
        &sorted(escalating_components),
        &[ReportingLineKind::Line],
        as_of,
    )
    .await?;
    let line_posts = sorted(
        load.records
            .reporting_lines
            .values()
            .filter_map(|l| l.to_post_id),
    );
    load.by_ids::<post::Entity>(line_posts).await?;

    let exercising = sorted(exercising);
    // Every period, so that a vacancy on the date is told from a post whose holders were never
    // recorded.
    let occupants = load
        .where_in::<assignment::Entity>(
            Period::Any,
            assignment::Column::PostId,
            &exercising,
            Condition::all(),
        )
        .await?;
    load.by_ids::<person::Entity>(
        occupants
            .iter()
            .filter(|a| valid_on(a.valid_from, a.valid_to, as_of))
            .map(|a| a.person_id),
    )
    .await?;

    let organizations = holders
        .iter()
        .filter_map(|h| match h {
            Holder::Organization(o) => Some(*o),
            _ => None,
        })
        .chain(chair_members.iter().filter_map(|m| match m {
            Member::Organization(o) => Some(*o),
            _ => None,
        }))
        .chain(
            load.records
                .reporting_lines
                .values()
                .filter_map(|l| l.to_organization_id),
        )
        .collect::<Vec<_>>();
    load.by_ids::<organization::Entity>(organizations).await?;

    let right_ids = sorted(rights.iter().map(|r| r.id));
    let citations = load
        .where_in::<source_citation::Entity>(
            Period::Any,
            source_citation::Column::RecordId,
            &right_ids,
            Condition::all(),
        )
        .await?;
    load.by_ids::<document::Entity>(citations.iter().map(|c| c.document_id))
        .await?;

    let records = load.finish();
    let answer = analysis::who_decides(&area.code, mission_id, as_of, &records.snapshot());
    Ok(Analysis {
        records,
        answer,
        on,
        subject: Some(mission_id),
    })
}

// ---------------------------------------------------------------------------------------------
// Reporting chains

/// The reporting chains from `post` upwards on the date of `as_of` (a post that ended: its last
/// day), for `kinds` (every kind when empty): the post, then the lines above it one level per
/// statement, then the posts and organisations they reach.
pub async fn reporting_chain<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    post: &Reference,
    kinds: &[ReportingLineKind],
    as_of: AsOf,
) -> AppResult<Analysis<ReportingChains>> {
    let mut load = Loader::new(db, viewer);
    let post = load.resolve::<post::Entity>("post", post).await?;
    let on = as_of.within(post.valid_from, post.valid_to);
    load.lines_upward(&[post.id], &[], kinds, on.date).await?;
    load_line_ends(&mut load).await?;
    let records = load.finish();
    let answer = analysis::reporting_chains(
        LineSource::Post(post.id),
        kinds,
        on.date,
        &records.snapshot(),
    );
    Ok(Analysis {
        records,
        answer,
        on,
        subject: Some(post.id),
    })
}

/// The posts and organisations the loaded reporting lines point at.
async fn load_line_ends<C: ConnectionTrait>(load: &mut Loader<'_, C>) -> AppResult<()> {
    let lines = &load.records.reporting_lines;
    let posts = sorted(lines.values().filter_map(|l| l.to_post_id));
    let organizations = sorted(lines.values().filter_map(|l| l.to_organization_id));
    load.by_ids::<post::Entity>(posts).await?;
    load.by_ids::<organization::Entity>(organizations).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Integration profile

/// The integration profile of `mission` on the date of `as_of`: the mission's posts with their
/// hats, its components, the LINE reporting lines out of them, its forums and who sits in them;
/// for the organisations sitting there, their other seats and the clusters and AoRs they lead.
pub async fn integration_profile<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission: &Reference,
    as_of: AsOf,
) -> AppResult<Analysis<IntegrationProfile>> {
    let mut load = Loader::new(db, viewer);
    let mission = load.resolve::<mission::Entity>("mission", mission).await?;
    let effective = as_of.within(mission.valid_from, mission.valid_to);
    let (mission_id, as_of) = (mission.id, effective.date);
    let on = Period::On(as_of);
    load.mission_history(mission_id).await?;
    let of_mission = MissionRows::new(viewer, mission_id, on);
    load.rows::<component::Entity>(on, of_mission.components())
        .await?;
    load.rows::<post::Entity>(on, of_mission.posts()).await?;
    load.rows::<post_hat::Entity>(on, of_mission.hats()).await?;
    load.rows::<reporting_line::Entity>(
        on,
        of_mission
            .lines()
            .add(reporting_line::Column::Kind.eq(ReportingLineKind::Line)),
    )
    .await?;
    load.rows::<forum::Entity>(on, of_mission.forums()).await?;
    let seats = load
        .rows::<forum_membership::Entity>(on, of_mission.memberships())
        .await?;
    let organizations = sorted(seats.iter().filter_map(|m| m.member_organization_id));
    load.by_ids::<organization::Entity>(organizations.iter().copied())
        .await?;
    // Whether an organisation counts as humanitarian may rest on its seats elsewhere (OCHA in
    // the Protection Cluster) or on a cluster or AoR it leads.
    let elsewhere = load
        .where_in::<forum_membership::Entity>(
            on,
            forum_membership::Column::MemberOrganizationId,
            &organizations,
            Condition::all(),
        )
        .await?;
    load.by_ids::<forum::Entity>(elsewhere.iter().map(|m| m.forum_id))
        .await?;
    let leads = load
        .where_in::<lead_agency::Entity>(
            on,
            lead_agency::Column::OrganizationId,
            &organizations,
            Condition::all(),
        )
        .await?;
    load.by_ids::<cluster::Entity>(leads.iter().filter_map(|l| l.cluster_id))
        .await?;
    load.by_ids::<aor::Entity>(leads.iter().filter_map(|l| l.area_of_responsibility_id))
        .await?;
    let records = load.finish();
    let answer = analysis::integration_profile(mission_id, as_of, &records.snapshot());
    Ok(Analysis {
        records,
        answer,
        on: effective,
        subject: Some(mission_id),
    })
}

/// Conditions selecting a mission's rows and the rows hanging from them, through sub-selects.
struct MissionRows<'v> {
    viewer: &'v Viewer,
    missions: Vec<Uuid>,
    period: Period,
}

impl<'v> MissionRows<'v> {
    fn new(viewer: &'v Viewer, mission: Uuid, period: Period) -> Self {
        Self::of(viewer, vec![mission], period)
    }

    fn of(viewer: &'v Viewer, missions: Vec<Uuid>, period: Period) -> Self {
        Self {
            viewer,
            missions,
            period,
        }
    }

    fn components(&self) -> Condition {
        Condition::all().add(component::Column::MissionId.is_in(self.missions.clone()))
    }

    fn posts(&self) -> Condition {
        Condition::all().add(post::Column::MissionId.is_in(self.missions.clone()))
    }

    fn forums(&self) -> Condition {
        Condition::all().add(forum::Column::MissionId.is_in(self.missions.clone()))
    }

    fn hats(&self) -> Condition {
        Condition::all().add(post_hat::Column::PostId.in_subquery(ids_of::<post::Entity>(
            self.viewer,
            self.period,
            self.posts(),
        )))
    }

    /// Lines starting at one of the mission's posts or components.
    fn lines(&self) -> Condition {
        Condition::all().add(
            Condition::any()
                .add(
                    reporting_line::Column::FromPostId.in_subquery(ids_of::<post::Entity>(
                        self.viewer,
                        self.period,
                        self.posts(),
                    )),
                )
                .add(
                    reporting_line::Column::FromComponentId.in_subquery(
                        ids_of::<component::Entity>(self.viewer, self.period, self.components()),
                    ),
                ),
        )
    }

    /// Seats in the mission's forums.
    fn memberships(&self) -> Condition {
        Condition::all().add(forum_membership::Column::ForumId.in_subquery(
            ids_of::<forum::Entity>(self.viewer, self.period, self.forums()),
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Bridges and common forums

/// The actors sitting on `as_of` both in forums of `mission` (by ID or acronym) and in cluster or AoR forums (of
/// `cluster` and its AoRs when given, else of the mission's country): the mission's forums and
/// their seats, then every seat of the actors found there, the forums of those seats, the AoRs
/// they belong to and the clusters of both. The first `limit` bridges, by actor.
pub async fn bridges<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission: &Reference,
    cluster: Option<&Reference>,
    as_of: AsOf,
    limit: usize,
) -> AppResult<Analysis<Capped<Bridge>>> {
    let mut load = Loader::new(db, viewer);
    let mission = load.resolve::<mission::Entity>("mission", mission).await?;
    let cluster_id = match cluster {
        Some(cluster) => Some(
            load.resolve::<cluster::Entity>("cluster", cluster)
                .await?
                .id,
        ),
        None => None,
    };
    let effective = as_of.within(mission.valid_from, mission.valid_to);
    let (mission_id, as_of) = (mission.id, effective.date);
    let on = Period::On(as_of);
    let of_mission = MissionRows::new(viewer, mission_id, on);
    load.rows::<forum::Entity>(on, of_mission.forums()).await?;
    let seats = load
        .rows::<forum_membership::Entity>(on, of_mission.memberships())
        .await?;
    let actors: Vec<Member> = seats.iter().filter_map(member_of).collect();
    let (organizations, components, posts) = split_members(&actors);
    let everywhere = load
        .where_any_in::<forum_membership::Entity>(
            on,
            &[
                (
                    forum_membership::Column::MemberOrganizationId,
                    organizations.as_slice(),
                ),
                (
                    forum_membership::Column::MemberComponentId,
                    components.as_slice(),
                ),
                (forum_membership::Column::MemberPostId, posts.as_slice()),
            ],
            Condition::all(),
        )
        .await?;
    let forums = load
        .by_ids::<forum::Entity>(everywhere.iter().map(|m| m.forum_id))
        .await?;
    let aors = load
        .by_ids::<aor::Entity>(forums.iter().filter_map(|f| f.area_of_responsibility_id))
        .await?;
    // The clusters of those forums, whose country decides whether they count.
    load.by_ids::<cluster::Entity>(
        forums
            .iter()
            .filter_map(|f| f.cluster_id)
            .chain(aors.iter().map(|a| a.cluster_id)),
    )
    .await?;
    load_members(&mut load, &actors).await?;
    let records = load.finish();
    let answer = Capped::new(
        analysis::bridges(mission_id, cluster_id, as_of, &records.snapshot()),
        limit,
    );
    Ok(Analysis {
        records,
        answer,
        on: effective,
        subject: Some(mission_id),
    })
}

/// The forums in which both `a` and `b` (organisations by ID or code, components or posts by
/// ID) sit on the date of `as_of` (today unless asked): the two actors, their seats, the
/// forums. The first `limit` forums, in the answer's order.
pub async fn common_forums<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    a: &Reference,
    b: &Reference,
    as_of: AsOf,
    limit: usize,
) -> AppResult<Analysis<Capped<CommonForum>>> {
    let a = reference::resolve_member(db, viewer, "a", a).await?;
    let b = reference::resolve_member(db, viewer, "b", b).await?;
    let effective = as_of.plain();
    let as_of = effective.date;
    let mut load = Loader::new(db, viewer);
    let on = Period::On(as_of);
    load_members(&mut load, &[a, b]).await?;
    let (organizations, components, posts) = split_members(&[a, b]);
    let seats = load
        .where_any_in::<forum_membership::Entity>(
            on,
            &[
                (
                    forum_membership::Column::MemberOrganizationId,
                    organizations.as_slice(),
                ),
                (
                    forum_membership::Column::MemberComponentId,
                    components.as_slice(),
                ),
                (forum_membership::Column::MemberPostId, posts.as_slice()),
            ],
            Condition::all(),
        )
        .await?;
    load.by_ids::<forum::Entity>(seats.iter().map(|m| m.forum_id))
        .await?;
    let records = load.finish();
    let answer = Capped::new(
        analysis::common_forums(a, b, as_of, &records.snapshot()),
        limit,
    );
    Ok(Analysis {
        records,
        answer,
        on: effective,
        subject: None,
    })
}

fn split_members(members: &[Member]) -> (Vec<Uuid>, Vec<Uuid>, Vec<Uuid>) {
    let pick = |f: fn(&Member) -> Option<Uuid>| sorted(members.iter().filter_map(f));
    (
        pick(|m| match m {
            Member::Organization(id) => Some(*id),
            _ => None,
        }),
        pick(|m| match m {
            Member::Component(id) => Some(*id),
            _ => None,
        }),
        pick(|m| match m {
            Member::Post(id) => Some(*id),
            _ => None,
        }),
    )
}

/// The records of forum members not loaded yet.
async fn load_members<C: ConnectionTrait>(
    load: &mut Loader<'_, C>,
    members: &[Member],
) -> AppResult<()> {
    let (organizations, components, posts) = split_members(members);
    load.by_ids::<organization::Entity>(organizations).await?;
    load.by_ids::<component::Entity>(components).await?;
    load.by_ids::<post::Entity>(posts).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Governance gaps

/// The governance gaps of `mission` on the date of `as_of`. Read: the clusters of the mission's country
/// with their AoRs and lead agencies; the rights of the mission and the global defaults valid on
/// the date, and the rights the delegations among them hang from; every decision area; the
/// mission's forums, the country's cluster and AoR forums and the forums holding rights, with
/// their seats; the mission's mandated tasks; the components leading them; the posts holding
/// rights and who sat in them in any period; the organisations named. The first `limit` gaps,
/// by severity, then code.
pub async fn governance_gaps<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission: &Reference,
    as_of: AsOf,
    limit: usize,
) -> AppResult<Analysis<Capped<Gap>>> {
    let mut load = Loader::new(db, viewer);
    let mission = load.resolve::<mission::Entity>("mission", mission).await?;
    let effective = as_of.within(mission.valid_from, mission.valid_to);
    let (mission_id, as_of) = (mission.id, effective.date);
    let on = Period::On(as_of);
    load.mission_history(mission_id).await?;
    // Whether it is structurally integrated: its posts and their hats on the date.
    let of_mission = MissionRows::new(viewer, mission_id, on);
    load.rows::<post::Entity>(on, of_mission.posts()).await?;
    load.rows::<post_hat::Entity>(on, of_mission.hats()).await?;
    let (clusters, aors) =
        load_country_clusters(&mut load, mission.country_code.as_deref(), on).await?;

    let rights = load
        .rows::<decision_right::Entity>(on, mission_or_global(mission_id))
        .await?;
    load.by_ids::<decision_right::Entity>(rights.iter().filter_map(|r| r.delegated_from_id))
        .await?;
    load.rows::<decision_area::Entity>(Period::Any, Condition::all())
        .await?;
    let holders: Vec<Holder> = load.records.rights.values().filter_map(holder_of).collect();
    let holder_forums = sorted(holders.iter().filter_map(|h| match h {
        Holder::Forum(f) => Some(*f),
        _ => None,
    }));

    let forums = load
        .where_any_in::<forum::Entity>(
            on,
            &[
                (forum::Column::MissionId, &[mission_id][..]),
                (forum::Column::ClusterId, clusters.as_slice()),
                (forum::Column::AreaOfResponsibilityId, aors.as_slice()),
                (forum::Column::Id, holder_forums.as_slice()),
            ],
            Condition::all(),
        )
        .await?;
    let forum_ids = sorted(forums.iter().map(|f| f.id));
    let seats = load
        .where_in::<forum_membership::Entity>(
            on,
            forum_membership::Column::ForumId,
            &forum_ids,
            Condition::all(),
        )
        .await?;

    let tasks = load
        .rows::<mandated_task::Entity>(
            on,
            Condition::all().add(mandated_task::Column::MissionId.eq(mission_id)),
        )
        .await?;
    load.by_ids::<component::Entity>(tasks.iter().filter_map(|t| t.lead_component_id).chain(
        holders.iter().filter_map(|h| match h {
            Holder::Component(c) => Some(*c),
            _ => None,
        }),
    ))
    .await?;
    let holder_posts = sorted(holders.iter().filter_map(|h| match h {
        Holder::Post(p) => Some(*p),
        _ => None,
    }));
    load.by_ids::<post::Entity>(holder_posts.iter().copied())
        .await?;
    // Every period: a post held before or after the date is vacant on it, one never held by a
    // recorded person has no holder recorded (see the gaps).
    load.where_in::<assignment::Entity>(
        Period::Any,
        assignment::Column::PostId,
        &holder_posts,
        Condition::all(),
    )
    .await?;
    let organizations: Vec<Uuid> = seats
        .iter()
        .filter_map(|m| m.member_organization_id)
        .chain(
            load.records
                .lead_agencies
                .values()
                .filter_map(|l| l.organization_id),
        )
        .chain(holders.iter().filter_map(|h| match h {
            Holder::Organization(o) => Some(*o),
            _ => None,
        }))
        .collect();
    load.by_ids::<organization::Entity>(organizations).await?;

    let records = load.finish();
    let answer = Capped::new(
        analysis::governance_gaps(mission_id, as_of, &records.snapshot()),
        limit,
    );
    Ok(Analysis {
        records,
        answer,
        on: effective,
        subject: Some(mission_id),
    })
}

/// The clusters of a country valid in `period`, their AoRs and the lead agencies of both; the
/// ids of the clusters and AoRs.
async fn load_country_clusters<C: ConnectionTrait>(
    load: &mut Loader<'_, C>,
    country: Option<&str>,
    period: Period,
) -> AppResult<(Vec<Uuid>, Vec<Uuid>)> {
    let Some(country) = country else {
        return Ok((Vec::new(), Vec::new()));
    };
    let clusters = load
        .rows::<cluster::Entity>(
            period,
            Condition::all().add(cluster::Column::CountryCode.eq(country)),
        )
        .await?;
    let clusters = sorted(clusters.iter().map(|c| c.id));
    let aors = load
        .where_in::<aor::Entity>(period, aor::Column::ClusterId, &clusters, Condition::all())
        .await?;
    let aors = sorted(aors.iter().map(|a| a.id));
    load.where_any_in::<lead_agency::Entity>(
        period,
        &[
            (lead_agency::Column::ClusterId, clusters.as_slice()),
            (lead_agency::Column::AreaOfResponsibilityId, aors.as_slice()),
        ],
        Condition::all(),
    )
    .await?;
    Ok((clusters, aors))
}

// ---------------------------------------------------------------------------------------------
// Stakeholder graph

/// Whose graph: one mission, the missions of a country, or both (the mission with the clusters
/// of the given country).
#[derive(Debug, Clone, Default)]
pub struct GraphScope {
    /// The mission, by ID or acronym.
    pub mission: Option<Reference>,
    /// An ISO 3166-1 alpha-3 code, unvalidated.
    pub country: Option<String>,
}

/// The stakeholder graph on the date of `as_of` (a mission that closed: its last day) with the
/// edge kinds in `include` (all when empty). Read: the missions in scope, their components, posts and forums, the clusters and AoRs of the country
/// and their forums; then, per edge kind asked for, the reporting lines, forum links, seats, lead
/// agencies or rights, and the records at their far ends. The graph is cut at `limits`.
pub async fn stakeholder_graph<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    scope: GraphScope,
    as_of: AsOf,
    include: &[EdgeKind],
    limits: GraphLimits,
) -> AppResult<Analysis<StakeholderGraph>> {
    let country = validate::country_code("country", scope.country)?;
    let mut load = Loader::new(db, viewer);
    let mission = match &scope.mission {
        Some(mission) => Some(load.resolve::<mission::Entity>("mission", mission).await?),
        None => None,
    };
    let effective = match &mission {
        Some(mission) => as_of.within(mission.valid_from, mission.valid_to),
        None => as_of.plain(),
    };
    let as_of = effective.date;
    let on = Period::On(as_of);
    let scope_mission = mission.as_ref().map(|m| m.id);
    let (missions, country) = match (mission, country) {
        (Some(mission), country) => (vec![mission.id], country.or(mission.country_code)),
        (None, Some(country)) => {
            let missions = load
                .rows::<mission::Entity>(
                    on,
                    Condition::all().add(mission::Column::CountryCode.eq(country.clone())),
                )
                .await?;
            (sorted(missions.iter().map(|m| m.id)), Some(country))
        }
        (None, None) => {
            return Err(AppError::bad_input(
                "give `mission`, `country` or both: the graph of which missions?",
            ))
        }
    };
    let wanted = |kind: EdgeKind| include.is_empty() || include.contains(&kind);

    let of_missions = MissionRows::of(viewer, missions.clone(), on);
    if !missions.is_empty() {
        load.rows::<component::Entity>(on, of_missions.components())
            .await?;
        load.rows::<post::Entity>(on, of_missions.posts()).await?;
    }
    let (clusters, aors) = load_country_clusters(&mut load, country.as_deref(), on).await?;
    let forums = load
        .where_any_in::<forum::Entity>(
            on,
            &[
                (forum::Column::MissionId, missions.as_slice()),
                (forum::Column::ClusterId, clusters.as_slice()),
                (forum::Column::AreaOfResponsibilityId, aors.as_slice()),
            ],
            Condition::all(),
        )
        .await?;
    let forum_ids = sorted(forums.iter().map(|f| f.id));

    if wanted(EdgeKind::ReportsTo) && !missions.is_empty() {
        load.rows::<reporting_line::Entity>(on, of_missions.lines())
            .await?;
        load_line_ends(&mut load).await?;
    }
    if wanted(EdgeKind::ReportsTo) || wanted(EdgeKind::SubgroupOf) {
        load.where_in::<forum_link::Entity>(
            on,
            forum_link::Column::ForumId,
            &forum_ids,
            Condition::all(),
        )
        .await?;
    }
    if wanted(EdgeKind::MemberOf) || wanted(EdgeKind::Chairs) {
        let seats = load
            .where_in::<forum_membership::Entity>(
                on,
                forum_membership::Column::ForumId,
                &forum_ids,
                Condition::all(),
            )
            .await?;
        let members: Vec<Member> = seats.iter().filter_map(member_of).collect();
        load_members(&mut load, &members).await?;
    }
    if wanted(EdgeKind::Leads) {
        let leaders: Vec<Member> = load
            .records
            .lead_agencies
            .values()
            .filter_map(|l| match (l.organization_id, l.component_id) {
                (Some(o), _) => Some(Member::Organization(o)),
                (None, Some(c)) => Some(Member::Component(c)),
                (None, None) => None,
            })
            .collect();
        load_members(&mut load, &leaders).await?;
    }
    if wanted(EdgeKind::HoldsRight) && !missions.is_empty() {
        let rights = load
            .rows::<decision_right::Entity>(
                on,
                Condition::all().add(decision_right::Column::MissionId.is_in(missions.clone())),
            )
            .await?;
        load.by_ids::<decision_area::Entity>(rights.iter().map(|r| r.decision_area_id))
            .await?;
        let holders: Vec<Holder> = rights.iter().filter_map(holder_of).collect();
        load.by_ids::<forum::Entity>(holders.iter().filter_map(|h| match h {
            Holder::Forum(f) => Some(*f),
            _ => None,
        }))
        .await?;
        let members: Vec<Member> = holders
            .iter()
            .filter_map(|h| match h {
                Holder::Post(p) => Some(Member::Post(*p)),
                Holder::Component(c) => Some(Member::Component(*c)),
                Holder::Organization(o) => Some(Member::Organization(*o)),
                Holder::Forum(_) => None,
            })
            .collect();
        load_members(&mut load, &members).await?;
    }
    let records = load.finish();
    let answer =
        analysis::graph::stakeholder_graph_within(as_of, include, &records.snapshot(), limits);
    Ok(Analysis {
        records,
        answer,
        on: effective,
        subject: scope_mission,
    })
}

// ---------------------------------------------------------------------------------------------
// Changes between two dates

/// What changed in `mission` (by ID or acronym) in `(from, to]`: the mission with its mandates and former names;
/// its components, posts, hats, reporting lines out of it, forums, seats in them, rights and
/// mandated tasks whose period touches the window, and the records their descriptions name;
/// then the citations of what changed. Refused when `from` is after `to`. The first `limit`
/// changes, in date order.
pub async fn changes_between<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    mission: &Reference,
    from: NaiveDate,
    to: NaiveDate,
    limit: usize,
) -> AppResult<Analysis<StructuralChanges>> {
    if from > to {
        return Err(AppError::invalid(
            "to",
            format!("`to` ({to}) is before `from` ({from}): give the earlier date first"),
        ));
    }
    let mut load = Loader::new(db, viewer);
    let mission_id = load
        .resolve::<mission::Entity>("mission", mission)
        .await?
        .id;
    load.mission_history(mission_id).await?;
    let window = Period::Overlapping { from, to };
    let of_mission = MissionRows::new(viewer, mission_id, Period::Any);
    let mut own: BTreeSet<Uuid> = BTreeSet::new();
    macro_rules! own {
        ($entity:ty, $filter:expr) => {
            own.extend(
                load.rows::<$entity>(window, $filter)
                    .await?
                    .iter()
                    .map(|r| r.id),
            )
        };
    }
    own!(component::Entity, of_mission.components());
    own!(post::Entity, of_mission.posts());
    own!(post_hat::Entity, of_mission.hats());
    own!(reporting_line::Entity, of_mission.lines());
    own!(forum::Entity, of_mission.forums());
    own!(forum_membership::Entity, of_mission.memberships());
    own!(
        decision_right::Entity,
        Condition::all().add(decision_right::Column::MissionId.eq(mission_id))
    );
    own!(
        mandated_task::Entity,
        Condition::all().add(mandated_task::Column::MissionId.eq(mission_id))
    );
    own.extend(load.records.mission_mandates.keys().copied());
    own.extend(load.records.mission_names.keys().copied());

    // Records the descriptions name: the far ends of lines, the members of forums, the holders
    // and areas of rights.
    load_line_ends(&mut load).await?;
    let members: Vec<Member> = load
        .records
        .memberships
        .values()
        .filter_map(member_of)
        .chain(
            load.records
                .rights
                .values()
                .filter_map(holder_of)
                .filter_map(|h| match h {
                    Holder::Post(p) => Some(Member::Post(p)),
                    Holder::Component(c) => Some(Member::Component(c)),
                    Holder::Organization(o) => Some(Member::Organization(o)),
                    Holder::Forum(_) => None,
                }),
        )
        .collect();
    load_members(&mut load, &members).await?;
    let holder_forums: Vec<Uuid> = load
        .records
        .rights
        .values()
        .filter_map(|r| r.holder_forum_id)
        .collect();
    load.by_ids::<forum::Entity>(holder_forums).await?;
    let areas: Vec<Uuid> = load
        .records
        .rights
        .values()
        .map(|r| r.decision_area_id)
        .collect();
    load.by_ids::<decision_area::Entity>(areas).await?;
    let posts: Vec<Uuid> = load.records.hats.values().map(|h| h.post_id).collect();
    load.by_ids::<post::Entity>(posts).await?;

    let mut answer = analysis::changes_between(from, to, &load.records.snapshot());
    // Records loaded only to be named are not the mission's: their own changes are not listed.
    answer.changes.retain(|c| own.contains(&c.record_id));
    answer.truncated |= cut(&mut answer.changes, limit);
    // The sources of what changed, so each change shows whether its date is stated or
    // illustrative.
    let changed = sorted(answer.changes.iter().map(|c| c.record_id));
    let citations = load
        .where_in::<source_citation::Entity>(
            Period::Any,
            source_citation::Column::RecordId,
            &changed,
            Condition::all(),
        )
        .await?;
    load.by_ids::<document::Entity>(citations.iter().map(|c| c.document_id))
        .await?;
    let records = load.finish();
    Ok(Analysis {
        records,
        answer,
        on: EffectiveDate {
            date: to,
            basis: DateBasis::Asked,
        },
        subject: Some(mission_id),
    })
}
