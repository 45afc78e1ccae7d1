//! Coordination forums: the list, creation, changes and archiving. The links between forums
//! and the memberships are in [`link`] and [`membership`].

pub mod link;
pub mod membership;

use chrono::NaiveDate;
use entity::{
    area_of_responsibility, cluster, enums, forum, geographic_area, mission, organization, post,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, QueryFilter, Select, Set};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::validate::Fields;
use super::{validate, write};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// Longest meeting frequency the table holds.
const MAX_MEETING_FREQUENCY: usize = 64;

/// Filters of the forum list.
#[derive(Debug, Clone, Default)]
pub struct ForumFilter {
    /// Text matched (case-insensitively) against name and acronym.
    pub search: Option<String>,
    pub mission_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
    pub kinds: Vec<enums::ForumKind>,
    pub levels: Vec<enums::ForumLevel>,
    pub open_to_external: Option<bool>,
    /// Only forums that existed on this date.
    pub as_of: Option<NaiveDate>,
    pub include_archived: bool,
}

/// Orderings of the forum list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForumOrder {
    NameAsc,
    ValidFromAsc,
    ValidFromDesc,
}

impl ForumOrder {
    pub fn ordering(self) -> Ordering<forum::Column> {
        let (name, column, descending) = match self {
            Self::NameAsc => ("NAME_ASC", forum::Column::Name, false),
            Self::ValidFromAsc => ("VALID_FROM_ASC", forum::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", forum::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible forums matching `filter`.
impl Listing for ForumFilter {
    type Entity = forum::Entity;

    fn select(&self, viewer: &Viewer) -> Select<forum::Entity> {
        let mut select = crud::searched::<forum::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.as_of,
            },
            self.search.as_deref(),
            &[forum::Column::Name, forum::Column::Acronym],
        );
        if let Some(id) = self.mission_id {
            select = select.filter(crud::refers_to::<entity::mission::Entity>(
                viewer,
                forum::Column::MissionId,
                id,
            ));
        }
        if let Some(id) = self.cluster_id {
            select = select.filter(crud::refers_to::<entity::cluster::Entity>(
                viewer,
                forum::Column::ClusterId,
                id,
            ));
        }
        if let Some(id) = self.area_of_responsibility_id {
            select = select.filter(crud::refers_to::<entity::area_of_responsibility::Entity>(
                viewer,
                forum::Column::AreaOfResponsibilityId,
                id,
            ));
        }
        if !self.kinds.is_empty() {
            select = select.filter(forum::Column::Kind.is_in(self.kinds.iter().copied()));
        }
        if !self.levels.is_empty() {
            select = select.filter(forum::Column::Level.is_in(self.levels.iter().copied()));
        }
        if let Some(open) = self.open_to_external {
            select = select.filter(forum::Column::OpenToExternal.eq(open));
        }
        select
    }
}

/// A new forum as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewForum {
    pub name: String,
    pub acronym: Option<String>,
    pub kind: enums::ForumKind,
    pub level: enums::ForumLevel,
    pub refs: ForumRefs,
    pub open_to_external: bool,
    pub standing: bool,
    pub meeting_frequency: Option<String>,
    pub purpose: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// The records a forum refers to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ForumRefs {
    pub mission_id: Option<Uuid>,
    pub cluster_id: Option<Uuid>,
    pub area_of_responsibility_id: Option<Uuid>,
    pub geographic_area_id: Option<Uuid>,
    pub established_by_post_id: Option<Uuid>,
    pub established_by_organization_id: Option<Uuid>,
}

impl ForumRefs {
    fn of(row: &forum::Model) -> Self {
        Self {
            mission_id: row.mission_id,
            cluster_id: row.cluster_id,
            area_of_responsibility_id: row.area_of_responsibility_id,
            geographic_area_id: row.geographic_area_id,
            established_by_post_id: row.established_by_post_id,
            established_by_organization_id: row.established_by_organization_id,
        }
    }
}

/// Changes to a forum: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct ForumPatch {
    pub name: Option<String>,
    pub acronym: Option<Option<String>>,
    pub kind: Option<enums::ForumKind>,
    pub level: Option<enums::ForumLevel>,
    pub mission_id: Option<Option<Uuid>>,
    pub cluster_id: Option<Option<Uuid>>,
    pub area_of_responsibility_id: Option<Option<Uuid>>,
    pub geographic_area_id: Option<Option<Uuid>>,
    pub established_by_post_id: Option<Option<Uuid>>,
    pub established_by_organization_id: Option<Option<Uuid>>,
    pub open_to_external: Option<bool>,
    pub standing: Option<bool>,
    pub meeting_frequency: Option<Option<String>>,
    pub purpose: Option<Option<String>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

fn acronym(value: Option<String>) -> AppResult<Option<String>> {
    value
        .filter(|a| !a.trim().is_empty())
        .map(|a| validate::acronym("input.acronym", &a))
        .transpose()
}

fn meeting_frequency(value: Option<String>) -> AppResult<Option<String>> {
    let field = "input.meetingFrequency";
    let value = validate::text(field, value)?;
    if value
        .as_ref()
        .is_some_and(|v| v.chars().count() > MAX_MEETING_FREQUENCY)
    {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must be at most {MAX_MEETING_FREQUENCY} characters"),
        ));
    }
    Ok(value)
}

/// Checks the references that `new` sets and `old` did not (all of them on creation): each
/// must be a visible, unarchived record; an AoR must belong to the forum's cluster.
async fn check_refs<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    new: ForumRefs,
    old: ForumRefs,
) -> AppResult<()> {
    let changed = |n: Option<Uuid>, o: Option<Uuid>| n.filter(|_| n != o);
    validate::optional_reference::<mission::Entity, _>(
        db,
        viewer,
        "input.missionId",
        changed(new.mission_id, old.mission_id),
    )
    .await?;
    validate::optional_reference::<cluster::Entity, _>(
        db,
        viewer,
        "input.clusterId",
        changed(new.cluster_id, old.cluster_id),
    )
    .await?;
    validate::optional_reference::<geographic_area::Entity, _>(
        db,
        viewer,
        "input.geographicAreaId",
        changed(new.geographic_area_id, old.geographic_area_id),
    )
    .await?;
    validate::optional_reference::<post::Entity, _>(
        db,
        viewer,
        "input.establishedByPostId",
        changed(new.established_by_post_id, old.established_by_post_id),
    )
    .await?;
    validate::optional_reference::<organization::Entity, _>(
        db,
        viewer,
        "input.establishedByOrganizationId",
        changed(
            new.established_by_organization_id,
            old.established_by_organization_id,
        ),
    )
    .await?;
    let Some(aor_id) = new.area_of_responsibility_id else {
        return Ok(());
    };
    let aor_field = "input.areaOfResponsibilityId";
    let (aor, field) = if new.area_of_responsibility_id != old.area_of_responsibility_id {
        let aor =
            validate::reference::<area_of_responsibility::Entity, _>(db, viewer, aor_field, aor_id)
                .await?;
        (aor, aor_field)
    } else if new.cluster_id != old.cluster_id {
        // The AoR stays: the new cluster must be its cluster.
        match crud::find::<area_of_responsibility::Entity, _>(db, viewer, aor_id).await? {
            Some(aor) => (aor, "input.clusterId"),
            None => return Ok(()),
        }
    } else {
        return Ok(());
    };
    aor_rule(Fields::Input, field, new.cluster_id, &aor)
}

/// A forum's area of responsibility belongs to the forum's cluster, if it names one; `field`
/// is the one blamed.
pub fn aor_rule(
    fields: Fields,
    field: &str,
    cluster_id: Option<Uuid>,
    aor: &area_of_responsibility::Model,
) -> AppResult<()> {
    if cluster_id.is_some_and(|c| c != aor.cluster_id) {
        return Err(AppError::invalid(
            field,
            format!(
                "the area of responsibility {} belongs to another cluster than `{}`",
                aor.name,
                fields.name("cluster_id")
            ),
        ));
    }
    Ok(())
}

/// Creates a forum.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewForum,
) -> AppResult<forum::Model> {
    let name = validate::name("input.name", &input.name)?;
    let acronym = acronym(input.acronym)?;
    let meeting_frequency = meeting_frequency(input.meeting_frequency)?;
    let purpose = validate::text("input.purpose", input.purpose)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let refs = input.refs;
            check_refs(tx, &viewer, refs, ForumRefs::default()).await?;
            let (id, now) = write::new_ids();
            let row = forum::ActiveModel {
                id: Set(id),
                name: Set(name),
                acronym: Set(acronym),
                kind: Set(input.kind),
                level: Set(input.level),
                mission_id: Set(refs.mission_id),
                cluster_id: Set(refs.cluster_id),
                area_of_responsibility_id: Set(refs.area_of_responsibility_id),
                geographic_area_id: Set(refs.geographic_area_id),
                established_by_post_id: Set(refs.established_by_post_id),
                established_by_organization_id: Set(refs.established_by_organization_id),
                open_to_external: Set(input.open_to_external),
                standing: Set(input.standing),
                meeting_frequency: Set(meeting_frequency),
                purpose: Set(purpose),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<forum::Entity, _>(tx, &viewer, "createForum", row).await
        })
    })
    .await
}

/// Updates a forum at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: ForumPatch,
) -> AppResult<forum::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let acronym = patch.acronym.clone().map(acronym).transpose()?;
    let meeting_frequency = patch
        .meeting_frequency
        .clone()
        .map(meeting_frequency)
        .transpose()?;
    let purpose = patch
        .purpose
        .clone()
        .map(|p| validate::text("input.purpose", p))
        .transpose()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let before =
                write::load_for_update::<forum::Entity, _>(tx, &viewer, id, version).await?;
            let old = ForumRefs::of(&before);
            let new = ForumRefs {
                mission_id: patch.mission_id.unwrap_or(old.mission_id),
                cluster_id: patch.cluster_id.unwrap_or(old.cluster_id),
                area_of_responsibility_id: patch
                    .area_of_responsibility_id
                    .unwrap_or(old.area_of_responsibility_id),
                geographic_area_id: patch.geographic_area_id.unwrap_or(old.geographic_area_id),
                established_by_post_id: patch
                    .established_by_post_id
                    .unwrap_or(old.established_by_post_id),
                established_by_organization_id: patch
                    .established_by_organization_id
                    .unwrap_or(old.established_by_organization_id),
            };
            check_refs(tx, &viewer, new, old).await?;
            let from = patch.valid_from.unwrap_or(before.valid_from);
            let to = patch.valid_to.unwrap_or(before.valid_to);
            validate::validity(from, to, "input.validTo")?;
            write::update::<forum::Entity, _, _>(
                tx,
                &viewer,
                "updateForum",
                id,
                version,
                |_, row| {
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.acronym, acronym);
                    write::keep_or_set(&mut row.kind, patch.kind);
                    write::keep_or_set(&mut row.level, patch.level);
                    row.mission_id = Set(new.mission_id);
                    row.cluster_id = Set(new.cluster_id);
                    row.area_of_responsibility_id = Set(new.area_of_responsibility_id);
                    row.geographic_area_id = Set(new.geographic_area_id);
                    row.established_by_post_id = Set(new.established_by_post_id);
                    row.established_by_organization_id = Set(new.established_by_organization_id);
                    write::keep_or_set(&mut row.open_to_external, patch.open_to_external);
                    write::keep_or_set(&mut row.standing, patch.standing);
                    write::keep_or_set(&mut row.meeting_frequency, meeting_frequency);
                    write::keep_or_set(&mut row.purpose, purpose);
                    row.valid_from = Set(from);
                    row.valid_to = Set(to);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}

/// A period in messages: `from 2010-01-01 to 2011-01-01`, or `from 2010-01-01 (open-ended)`.
pub(crate) fn describe_period(period: &Validity) -> String {
    match period.to {
        Some(to) => format!("from {} to {to}", period.from),
        None => format!("from {} (open-ended)", period.from),
    }
}
