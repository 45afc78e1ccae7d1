//! Posts and the hats they carry: the list, and the writes with their rules (a post belongs to a
//! mission or an organisation, its component to its mission; a hat is not carried twice at once).

use chrono::NaiveDate;
use entity::{
    assignment, component, enums, geographic_area, mission, organization, post, post_hat,
};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select, Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::validate::Fields;
use super::{validate, write};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// Filters of the post list.
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    pub mission_id: Option<Uuid>,
    pub component_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    /// Only posts carrying this hat on `hat_and_vacancy_on`.
    pub hat: Option<enums::Hat>,
    /// Text matched (case-insensitively) against the title.
    pub search: Option<String>,
    /// Only posts that existed on this date.
    pub as_of: Option<NaiveDate>,
    /// `Some(true)`: only posts nobody holds on `hat_and_vacancy_on`; `Some(false)`: only held ones.
    pub vacant: Option<bool>,
    /// The date the hat and vacancy filters are read on.
    pub hat_and_vacancy_on: NaiveDate,
    pub include_archived: bool,
}

/// Orderings of the post list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostOrder {
    TitleAsc,
    TitleDesc,
    ValidFromAsc,
    ValidFromDesc,
}

impl PostOrder {
    pub fn ordering(self) -> Ordering<post::Column> {
        let (name, column, descending) = match self {
            Self::TitleAsc => ("TITLE_ASC", post::Column::Title, false),
            Self::TitleDesc => ("TITLE_DESC", post::Column::Title, true),
            Self::ValidFromAsc => ("VALID_FROM_ASC", post::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", post::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible posts matching `filter`. Hats and assignments the caller may not see do not
/// count: what it cannot see does not exist for it.
impl Listing for PostFilter {
    type Entity = post::Entity;

    fn select(&self, viewer: &Viewer) -> Select<post::Entity> {
        let mut select = crud::searched::<post::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.as_of,
            },
            self.search.as_deref(),
            &[post::Column::Title],
        );
        if let Some(mission) = self.mission_id {
            select = select.filter(crud::refers_to::<entity::mission::Entity>(
                viewer,
                post::Column::MissionId,
                mission,
            ));
        }
        if let Some(component) = self.component_id {
            select = select.filter(crud::refers_to::<entity::component::Entity>(
                viewer,
                post::Column::ComponentId,
                component,
            ));
        }
        if let Some(organization) = self.organization_id {
            select = select.filter(crud::refers_to::<entity::organization::Entity>(
                viewer,
                post::Column::OrganizationId,
                organization,
            ));
        }
        let on = ListScope {
            include_archived: false,
            as_of: Some(self.hat_and_vacancy_on),
        };
        if let Some(hat) = self.hat {
            let carrying = crud::select::<post_hat::Entity>(viewer, on)
                .filter(post_hat::Column::Hat.eq(hat))
                .select_only()
                .column(post_hat::Column::PostId)
                .into_query();
            select = select.filter(post::Column::Id.in_subquery(carrying));
        }
        if let Some(vacant) = self.vacant {
            let held = crud::select::<assignment::Entity>(viewer, on)
                .select_only()
                .column(assignment::Column::PostId)
                .into_query();
            select = if vacant {
                select.filter(post::Column::Id.not_in_subquery(held))
            } else {
                select.filter(post::Column::Id.in_subquery(held))
            };
        }
        select
    }
}

/// A new post as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewPost {
    pub mission_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    pub component_id: Option<Uuid>,
    pub title: String,
    pub is_component_head: bool,
    pub geographic_area_id: Option<Uuid>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a post: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct PostPatch {
    pub mission_id: Option<Option<Uuid>>,
    pub organization_id: Option<Option<Uuid>>,
    pub component_id: Option<Option<Uuid>>,
    pub title: Option<String>,
    pub is_component_head: Option<bool>,
    pub geographic_area_id: Option<Option<Uuid>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Where a post sits and when, as it would be after a create or an update.
struct Placement {
    id: Option<Uuid>,
    /// The post as it was, on update: references it keeps are not checked again, so a post
    /// of a since-archived mission or component can still be edited.
    before: Option<post::Model>,
    mission_id: Option<Uuid>,
    organization_id: Option<Uuid>,
    component_id: Option<Uuid>,
    is_component_head: bool,
    validity: Validity,
}

/// A post belongs to a mission or an organisation.
pub fn owner_rule(
    fields: Fields,
    mission_id: Option<Uuid>,
    organization_id: Option<Uuid>,
) -> AppResult<()> {
    if mission_id.is_none() && organization_id.is_none() {
        let (mission, organization) = (fields.name("mission_id"), fields.name("organization_id"));
        return Err(AppError::invalid(
            &mission,
            format!("a post belongs to a mission or an organization: give `{mission}` or `{organization}`"),
        ));
    }
    Ok(())
}

/// A post's component is a component of the post's mission, and only a post in a component
/// heads it.
pub fn component_rule(
    fields: Fields,
    mission_id: Option<Uuid>,
    component: Option<&component::Model>,
    is_component_head: bool,
) -> AppResult<()> {
    let field = fields.name("component_id");
    match component {
        Some(_) if mission_id.is_none() => Err(AppError::invalid(
            &field,
            format!(
                "`{field}` must be a component of the post's mission, and the post has no mission: give `{}`",
                fields.name("mission_id")
            ),
        )),
        Some(component) if mission_id != Some(component.mission_id) => Err(AppError::invalid(
            &field,
            format!(
                "`{field}` must be a component of the post's mission; {} belongs to another mission",
                component.name
            ),
        )),
        None if is_component_head => Err(AppError::invalid(
            fields.name("is_component_head"),
            format!("a post can head a component only if it sits in one: give `{field}`"),
        )),
        _ => Ok(()),
    }
}

/// A component has one head at a time, so `headPost` names one post: `others` are the other
/// live head posts of the component.
pub fn head_rule<'m>(
    fields: Fields,
    component: &component::Model,
    validity: Validity,
    others: impl IntoIterator<Item = &'m post::Model>,
) -> AppResult<()> {
    for other in others {
        if Validity::new(other.valid_from, other.valid_to).overlaps(&validity) {
            let field = fields.name("is_component_head");
            return Err(AppError::invalid(
                &field,
                format!(
                    "`{field}` is refused: {} already has a head post {}; a component has one head at a time",
                    component.name,
                    describe_period(other.valid_from, other.valid_to)
                ),
            ));
        }
    }
    Ok(())
}

/// The rules of a post's placement, checked on the state the write would leave.
async fn check_placement<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    p: &Placement,
) -> AppResult<()> {
    owner_rule(Fields::Input, p.mission_id, p.organization_id)?;
    let before = p.before.as_ref();
    if let Some(mission) = p.mission_id {
        if before.is_none_or(|b| b.mission_id != Some(mission)) {
            validate::reference::<mission::Entity, _>(db, viewer, "input.missionId", mission)
                .await?;
        }
    }
    if let Some(org) = p.organization_id {
        if before.is_none_or(|b| b.organization_id != Some(org)) {
            validate::reference::<organization::Entity, _>(db, viewer, "input.organizationId", org)
                .await?;
        }
    }
    let component = match p.component_id {
        Some(component_id) if before.is_some_and(|b| b.component_id == Some(component_id)) => Some(
            component::Entity::find_by_id(component_id)
                .one(db)
                .await?
                .ok_or_else(|| {
                    AppError::internal(anyhow::anyhow!("post refers to a missing component"))
                })?,
        ),
        Some(component_id) => Some(
            validate::reference::<component::Entity, _>(
                db,
                viewer,
                "input.componentId",
                component_id,
            )
            .await?,
        ),
        None => None,
    };
    component_rule(
        Fields::Input,
        p.mission_id,
        component.as_ref(),
        p.is_component_head,
    )?;
    match component {
        Some(component) if p.is_component_head => check_single_head(db, p, &component).await,
        _ => Ok(()),
    }
}

/// A component has one head at a time, so `headPost` names one post.
async fn check_single_head<C: ConnectionTrait>(
    db: &C,
    p: &Placement,
    component: &component::Model,
) -> AppResult<()> {
    let mut heads = post::Entity::find()
        .filter(post::Column::ComponentId.eq(component.id))
        .filter(post::Column::IsComponentHead.eq(true))
        .filter(post::Column::ArchivedAt.is_null())
        .order_by_asc(post::Column::Id);
    if let Some(id) = p.id {
        heads = heads.filter(post::Column::Id.ne(id));
    }
    head_rule(Fields::Input, component, p.validity, &heads.all(db).await?)
}

/// `from 2010-07-01` or `from 2010-07-01 to 2012-01-01`.
pub fn describe_period(from: NaiveDate, to: Option<NaiveDate>) -> String {
    match to {
        Some(to) => format!("from {from} to {to}"),
        None => format!("from {from}"),
    }
}

/// Hats and assignments of the post must stay within its validity.
async fn check_contents_within<C: ConnectionTrait>(
    db: &C,
    post_id: Uuid,
    validity: Validity,
) -> AppResult<()> {
    let hats = post_hat::Entity::find()
        .filter(post_hat::Column::PostId.eq(post_id))
        .order_by_asc(post_hat::Column::Id)
        .all(db)
        .await?;
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::PostId.eq(post_id))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    contents_rule(Fields::Input, validity, &hats, &assignments)
}

/// A post's period holds its hats and assignments: a change of the post's dates must not leave
/// one outside.
pub fn contents_rule(
    fields: Fields,
    validity: Validity,
    hats: &[post_hat::Model],
    assignments: &[assignment::Model],
) -> AppResult<()> {
    let field = |v: &Validity| {
        if v.from < validity.from {
            fields.name("valid_from")
        } else {
            fields.name("valid_to")
        }
    };
    for hat in hats {
        let v = Validity::new(hat.valid_from, hat.valid_to);
        if !v.is_empty() && !v.within(&validity) {
            let f = field(&v);
            return Err(AppError::invalid(
                &f,
                format!(
                    "`{f}` would leave the post's {} hat ({}) outside the post's own period; end the hat first",
                    hat.hat.to_value(),
                    describe_period(hat.valid_from, hat.valid_to)
                ),
            ));
        }
    }
    for a in assignments {
        let v = Validity::new(a.valid_from, a.valid_to);
        if !v.is_empty() && !v.within(&validity) {
            let f = field(&v);
            return Err(AppError::invalid(
                &f,
                format!(
                    "`{f}` would leave an assignment to the post ({}) outside the post's own period; end the assignment first",
                    describe_period(a.valid_from, a.valid_to)
                ),
            ));
        }
    }
    Ok(())
}

/// Creates a post.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewPost,
) -> AppResult<post::Model> {
    let title = validate::name("input.title", &input.title)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let placement = Placement {
                id: None,
                before: None,
                mission_id: input.mission_id,
                organization_id: input.organization_id,
                component_id: input.component_id,
                is_component_head: input.is_component_head,
                validity: Validity::new(input.valid_from, input.valid_to),
            };
            check_placement(tx, &viewer, &placement).await?;
            validate::optional_reference::<geographic_area::Entity, _>(
                tx,
                &viewer,
                "input.geographicAreaId",
                input.geographic_area_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = post::ActiveModel {
                id: Set(id),
                mission_id: Set(input.mission_id),
                organization_id: Set(input.organization_id),
                component_id: Set(input.component_id),
                title: Set(title),
                is_component_head: Set(input.is_component_head),
                geographic_area_id: Set(input.geographic_area_id),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<post::Entity, _>(tx, &viewer, "createPost", row).await
        })
    })
    .await
}

/// Updates a post at the version the client read. The placement rules are checked on the
/// post as it would be after the change.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: PostPatch,
) -> AppResult<post::Model> {
    let title = patch
        .title
        .as_deref()
        .map(|t| validate::name("input.title", t))
        .transpose()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let before =
                write::load_for_update::<post::Entity, _>(tx, &viewer, id, version).await?;
            let from = patch.valid_from.unwrap_or(before.valid_from);
            let to = patch.valid_to.unwrap_or(before.valid_to);
            validate::validity(from, to, "input.validTo")?;
            let placement = Placement {
                id: Some(id),
                before: Some(before.clone()),
                mission_id: patch.mission_id.unwrap_or(before.mission_id),
                organization_id: patch.organization_id.unwrap_or(before.organization_id),
                component_id: patch.component_id.unwrap_or(before.component_id),
                is_component_head: patch.is_component_head.unwrap_or(before.is_component_head),
                validity: Validity::new(from, to),
            };
            check_placement(tx, &viewer, &placement).await?;
            if (from, to) != (before.valid_from, before.valid_to) {
                check_contents_within(tx, id, placement.validity).await?;
            }
            if let Some(Some(area)) = patch.geographic_area_id {
                validate::reference::<geographic_area::Entity, _>(
                    tx,
                    &viewer,
                    "input.geographicAreaId",
                    area,
                )
                .await?;
            }
            write::update::<post::Entity, _, _>(tx, &viewer, "updatePost", id, version, |_, row| {
                row.mission_id = Set(placement.mission_id);
                row.organization_id = Set(placement.organization_id);
                row.component_id = Set(placement.component_id);
                row.is_component_head = Set(placement.is_component_head);
                write::keep_or_set(&mut row.title, title);
                write::keep_or_set(&mut row.geographic_area_id, patch.geographic_area_id);
                row.valid_from = Set(from);
                row.valid_to = Set(to);
                write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                Ok(())
            })
            .await
        })
    })
    .await
}

/// A hat to put on a post (unvalidated).
#[derive(Debug, Clone)]
pub struct NewPostHat {
    pub post_id: Uuid,
    pub hat: enums::Hat,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Puts a hat on a post, within the post's validity, unless the post already carries that hat
/// over an overlapping period.
pub async fn add_hat(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewPostHat,
) -> AppResult<post_hat::Model> {
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let post =
                validate::reference::<post::Entity, _>(tx, &viewer, "input.postId", input.post_id)
                    .await?;
            let period = Validity::new(input.valid_from, input.valid_to);
            within_post(&post, period)?;
            let same = post_hat::Entity::find()
                .filter(post_hat::Column::PostId.eq(input.post_id))
                .filter(post_hat::Column::Hat.eq(input.hat))
                .order_by_asc(post_hat::Column::Id)
                .all(tx)
                .await?;
            if let Some(other) = same
                .iter()
                .find(|h| Validity::new(h.valid_from, h.valid_to).overlaps(&period))
            {
                return Err(AppError::invalid(
                    "input.hat",
                    format!(
                        "`input.hat` {} is already carried by this post {}; end that hat first or choose dates that do not overlap",
                        input.hat.to_value(),
                        describe_period(other.valid_from, other.valid_to)
                    ),
                ));
            }
            let (id, now) = write::new_ids();
            let row = post_hat::ActiveModel {
                id: Set(id),
                post_id: Set(input.post_id),
                hat: Set(input.hat),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<post_hat::Entity, _>(tx, &viewer, "addPostHat", row).await
        })
    })
    .await
}

/// Refuses a relationship of a post that would hold outside the post's own period.
pub fn within_post(post: &post::Model, period: Validity) -> AppResult<()> {
    within_post_rule(Fields::Input, post, period)
}

/// [`within_post`], naming the fields as `fields` does.
pub fn within_post_rule(fields: Fields, post: &post::Model, period: Validity) -> AppResult<()> {
    let outer = Validity::new(post.valid_from, post.valid_to);
    if period.within(&outer) {
        return Ok(());
    }
    let field = if period.from < outer.from {
        fields.name("valid_from")
    } else {
        fields.name("valid_to")
    };
    Err(AppError::invalid(
        &field,
        format!(
            "`{field}` falls outside the period of the post {} ({})",
            post.title,
            describe_period(post.valid_from, post.valid_to)
        ),
    ))
}

/// Ends a hat on a date.
pub async fn end_hat(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<post_hat::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<post_hat::Entity, _>(tx, &viewer, "endPostHat", id, version, on).await
        })
    })
    .await
}
