//! Decision areas and decision rights: lists, lookups, grants, delegations and their ends.

use chrono::NaiveDate;
use entity::enums::{self, RightKind};
use entity::{component, decision_area, decision_right, forum, mission, organization, post};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Select,
    Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::{validate, write};
use crate::domain::delegation::{self, kind_name, Delegator, Request, RightLink};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// Longest decision area code the table holds.
const MAX_CODE: usize = 64;

/// Filters of the decision area list.
#[derive(Debug, Clone, Default)]
pub struct DecisionAreaFilter {
    /// Text matched (case-insensitively) against code and name.
    pub search: Option<String>,
    pub include_archived: bool,
}

/// Orderings of the decision area list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionAreaOrder {
    CodeAsc,
    NameAsc,
    CreatedAtAsc,
    CreatedAtDesc,
}

impl DecisionAreaOrder {
    pub fn ordering(self) -> Ordering<decision_area::Column> {
        let (name, column, descending) = match self {
            Self::CodeAsc => ("CODE_ASC", decision_area::Column::Code, false),
            Self::NameAsc => ("NAME_ASC", decision_area::Column::Name, false),
            Self::CreatedAtAsc => ("CREATED_AT_ASC", decision_area::Column::CreatedAt, false),
            Self::CreatedAtDesc => ("CREATED_AT_DESC", decision_area::Column::CreatedAt, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible decision areas the filter selects.
impl Listing for DecisionAreaFilter {
    type Entity = decision_area::Entity;

    fn select(&self, viewer: &Viewer) -> Select<decision_area::Entity> {
        crud::searched::<decision_area::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: None,
            },
            self.search.as_deref(),
            &[decision_area::Column::Code, decision_area::Column::Name],
        )
    }
}

/// A decision area by its code (case-insensitive), archived ones included.
pub async fn find_area_by_code<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    code: &str,
) -> AppResult<Option<decision_area::Model>> {
    Ok(crud::select::<decision_area::Entity>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
    .filter(decision_area::Column::Code.eq(code.trim().to_uppercase()))
    .one(db)
    .await?)
}

// ---------------------------------------------------------------------------------------------
// Decision areas

/// A new decision area as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewDecisionArea {
    pub code: String,
    pub name: String,
    pub description: Option<String>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a decision area: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct DecisionAreaPatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Creates a decision area.
pub async fn create_area(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewDecisionArea,
) -> AppResult<decision_area::Model> {
    let code = validate::code("input.code", &input.code, MAX_CODE)?;
    let name = validate::name("input.name", &input.name)?;
    let description = validate::text("input.description", input.description)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let key = Some(write::UniqueKey {
                field: "input.code",
                value: code.clone(),
            });
            let (id, now) = write::new_ids();
            let row = decision_area::ActiveModel {
                id: Set(id),
                code: Set(code),
                name: Set(name),
                description: Set(description),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create_keyed::<decision_area::Entity, _>(
                tx,
                &viewer,
                "createDecisionArea",
                row,
                key,
            )
            .await
        })
    })
    .await
}

/// Updates a decision area at the version the client read.
pub async fn update_area(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: DecisionAreaPatch,
) -> AppResult<decision_area::Model> {
    let code = patch
        .code
        .as_deref()
        .map(|c| validate::code("input.code", c, MAX_CODE))
        .transpose()?;
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let description = match patch.description.clone() {
        Some(text) => Some(validate::text("input.description", text)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let key = code.clone().map(|value| write::UniqueKey {
                field: "input.code",
                value,
            });
            write::update_keyed::<decision_area::Entity, _, _>(
                tx,
                &viewer,
                "updateDecisionArea",
                id,
                version,
                key,
                |_, row| {
                    if let Some(v) = code {
                        row.code = Set(v);
                    }
                    if let Some(v) = name {
                        row.name = Set(v);
                    }
                    if let Some(v) = description {
                        row.description = Set(v);
                    }
                    if let Some(v) = patch.sensitivity {
                        row.sensitivity = Set(v);
                    }
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Holders

/// Who holds a right: exactly one of a post, a component, an organisation or a forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Post(Uuid),
    Component(Uuid),
    Organization(Uuid),
    Forum(Uuid),
}

/// The holder fields as submitted.
#[derive(Debug, Clone, Copy, Default)]
pub struct HolderInput {
    pub post: Option<Uuid>,
    pub component: Option<Uuid>,
    pub organization: Option<Uuid>,
    pub forum: Option<Uuid>,
}

impl HolderInput {
    /// Exactly one holder must be given.
    pub fn exactly_one(self) -> AppResult<Holder> {
        let given: Vec<Holder> = [
            self.post.map(Holder::Post),
            self.component.map(Holder::Component),
            self.organization.map(Holder::Organization),
            self.forum.map(Holder::Forum),
        ]
        .into_iter()
        .flatten()
        .collect();
        match given.as_slice() {
            [one] => Ok(*one),
            _ => Err(AppError::invalid(
                "input.holderPostId",
                format!(
                    "pass exactly one of `input.holderPostId`, `input.holderComponentId`, `input.holderOrganizationId` and `input.holderForumId`; got {}",
                    given.len()
                ),
            )),
        }
    }
}

impl Holder {
    fn field(self) -> &'static str {
        match self {
            Self::Post(_) => "input.holderPostId",
            Self::Component(_) => "input.holderComponentId",
            Self::Organization(_) => "input.holderOrganizationId",
            Self::Forum(_) => "input.holderForumId",
        }
    }

    fn of(row: &decision_right::Model) -> Option<Self> {
        row.holder_post_id
            .map(Self::Post)
            .or(row.holder_component_id.map(Self::Component))
            .or(row.holder_organization_id.map(Self::Organization))
            .or(row.holder_forum_id.map(Self::Forum))
    }

    fn condition(self) -> Condition {
        let c = Condition::all();
        match self {
            Self::Post(id) => c.add(decision_right::Column::HolderPostId.eq(id)),
            Self::Component(id) => c.add(decision_right::Column::HolderComponentId.eq(id)),
            Self::Organization(id) => c.add(decision_right::Column::HolderOrganizationId.eq(id)),
            Self::Forum(id) => c.add(decision_right::Column::HolderForumId.eq(id)),
        }
    }

    fn columns(self) -> [Option<Uuid>; 4] {
        match self {
            Self::Post(id) => [Some(id), None, None, None],
            Self::Component(id) => [None, Some(id), None, None],
            Self::Organization(id) => [None, None, Some(id), None],
            Self::Forum(id) => [None, None, None, Some(id)],
        }
    }
}

/// What the rules need to know of a holder.
struct HolderInfo {
    /// How messages name it: a post's title, a component's or forum's acronym or name, an
    /// organisation's code.
    name: String,
    /// The mission it belongs to, if any.
    mission_id: Option<Uuid>,
}

/// The visible, unarchived holder `holder` refers to.
async fn holder_reference<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    holder: Holder,
) -> AppResult<HolderInfo> {
    let field = holder.field();
    Ok(match holder {
        Holder::Post(id) => {
            let p = validate::reference::<post::Entity, _>(db, viewer, field, id).await?;
            HolderInfo {
                name: p.title,
                mission_id: p.mission_id,
            }
        }
        Holder::Component(id) => {
            let c = validate::reference::<component::Entity, _>(db, viewer, field, id).await?;
            HolderInfo {
                name: c.acronym.unwrap_or(c.name),
                mission_id: Some(c.mission_id),
            }
        }
        Holder::Organization(id) => {
            let o = validate::reference::<organization::Entity, _>(db, viewer, field, id).await?;
            HolderInfo {
                name: o.code,
                mission_id: None,
            }
        }
        Holder::Forum(id) => {
            let f = validate::reference::<forum::Entity, _>(db, viewer, field, id).await?;
            HolderInfo {
                name: f.acronym.unwrap_or(f.name),
                mission_id: f.mission_id,
            }
        }
    })
}

/// How messages name the holder of an existing right, whatever its state.
async fn holder_name<C: ConnectionTrait>(db: &C, row: &decision_right::Model) -> AppResult<String> {
    let name = match Holder::of(row) {
        Some(Holder::Post(id)) => post::Entity::find_by_id(id).one(db).await?.map(|p| p.title),
        Some(Holder::Component(id)) => component::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| c.acronym.unwrap_or(c.name)),
        Some(Holder::Organization(id)) => organization::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.code),
        Some(Holder::Forum(id)) => forum::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|f| f.acronym.unwrap_or(f.name)),
        None => None,
    };
    Ok(name.unwrap_or_else(|| "its holder".to_owned()))
}

/// A holder that belongs to a mission can hold rights only in that mission.
async fn check_holder_mission<C: ConnectionTrait>(
    db: &C,
    holder: Holder,
    info: &HolderInfo,
    right_mission: Option<Uuid>,
) -> AppResult<()> {
    let Some(own) = info.mission_id else {
        return Ok(());
    };
    if right_mission == Some(own) {
        return Ok(());
    }
    let field = holder.field();
    let acronym = mission::Entity::find_by_id(own)
        .one(db)
        .await?
        .map_or_else(|| "another mission".to_owned(), |m| m.acronym);
    Err(AppError::invalid(
        field,
        match right_mission {
            None => format!(
                "`{field}` {} belongs to {acronym}: a right it holds is granted in that mission, not as a global default",
                info.name
            ),
            Some(_) => format!(
                "`{field}` {} belongs to {acronym}, not to the mission of the right",
                info.name
            ),
        },
    ))
}

/// The same holder cannot hold the same kind of right on the same area, mission and scope twice
/// over overlapping periods.
#[allow(clippy::too_many_arguments)]
async fn ensure_not_held<C: ConnectionTrait>(
    db: &C,
    area: &decision_area::Model,
    mission_id: Option<Uuid>,
    holder: Holder,
    holder_name: &str,
    kind: RightKind,
    scope: &Option<String>,
    period: Validity,
) -> AppResult<()> {
    let mission = match mission_id {
        Some(id) => decision_right::Column::MissionId.eq(id),
        None => decision_right::Column::MissionId.is_null(),
    };
    let rows = decision_right::Entity::find()
        .filter(decision_right::Column::DecisionAreaId.eq(area.id))
        .filter(mission)
        .filter(holder.condition())
        .filter(decision_right::Column::Kind.eq(kind))
        .all(db)
        .await?;
    let clash = rows
        .iter()
        .find(|r| &r.scope == scope && Validity::new(r.valid_from, r.valid_to).overlaps(&period));
    if let Some(row) = clash {
        let field = holder.field();
        return Err(AppError::invalid(
            field,
            format!(
                "`{field}` {holder_name} already has the right to {} on {} over an overlapping period (from {})",
                kind_name(kind),
                area.code,
                row.valid_from
            ),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Grants

/// A right to grant (unvalidated).
#[derive(Debug, Clone)]
pub struct NewRight {
    pub decision_area_id: Uuid,
    /// `None`: a global default, applying wherever a mission has no right of its own.
    pub mission_id: Option<Uuid>,
    pub holder: Holder,
    pub kind: RightKind,
    pub scope: Option<String>,
    pub non_delegable: bool,
    /// The joint decision the right is part of (see [`JOINT_DECISION_FIELD`]).
    pub joint_decision: Option<String>,
    pub note: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// The input field naming a joint decision: rights of one area and mission with the same kind,
/// scope and label are one decision their holders take together. A label is a code, like a
/// decision area's (`COUNTRY_LEAD_AGREEMENT`).
pub const JOINT_DECISION_FIELD: &str = "input.jointDecision";

/// What a new row of `decision_rights` says beyond its holder, kind and scope.
struct RightExtras {
    delegated_from_id: Option<Uuid>,
    non_delegable: bool,
    joint_decision: Option<String>,
    note: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn right_row(
    area_id: Uuid,
    mission_id: Option<Uuid>,
    holder: Holder,
    kind: RightKind,
    scope: Option<String>,
    extras: RightExtras,
    period: Validity,
    sensitivity: enums::Sensitivity,
) -> decision_right::ActiveModel {
    let (id, now) = write::new_ids();
    let [post, component, organization, forum] = holder.columns();
    decision_right::ActiveModel {
        id: Set(id),
        decision_area_id: Set(area_id),
        mission_id: Set(mission_id),
        holder_post_id: Set(post),
        holder_component_id: Set(component),
        holder_organization_id: Set(organization),
        holder_forum_id: Set(forum),
        kind: Set(kind),
        scope: Set(scope),
        delegated_from_id: Set(extras.delegated_from_id),
        non_delegable: Set(extras.non_delegable),
        joint_decision: Set(extras.joint_decision),
        note: Set(extras.note),
        valid_from: Set(period.from),
        valid_to: Set(period.to),
        sensitivity: Set(sensitivity),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
}

/// Grants a right over a decision area, in a mission or as a global default.
pub async fn grant_right(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewRight,
) -> AppResult<decision_right::Model> {
    let scope = validate::text("input.scope", input.scope)?;
    let note = validate::text("input.note", input.note)?;
    let joint_decision = validate::text(JOINT_DECISION_FIELD, input.joint_decision)?
        .map(|label| validate::code(JOINT_DECISION_FIELD, &label, MAX_CODE))
        .transpose()?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let area = validate::reference::<decision_area::Entity, _>(
                tx,
                &viewer,
                "input.decisionAreaId",
                input.decision_area_id,
            )
            .await?;
            validate::optional_reference::<mission::Entity, _>(
                tx,
                &viewer,
                "input.missionId",
                input.mission_id,
            )
            .await?;
            let info = holder_reference(tx, &viewer, input.holder).await?;
            check_holder_mission(tx, input.holder, &info, input.mission_id).await?;
            let period = Validity::new(input.valid_from, input.valid_to);
            ensure_not_held(
                tx,
                &area,
                input.mission_id,
                input.holder,
                &info.name,
                input.kind,
                &scope,
                period,
            )
            .await?;
            let row = right_row(
                area.id,
                input.mission_id,
                input.holder,
                input.kind,
                scope,
                RightExtras {
                    delegated_from_id: None,
                    non_delegable: input.non_delegable,
                    joint_decision,
                    note,
                },
                period,
                input.sensitivity,
            );
            write::create::<decision_right::Entity, _>(tx, &viewer, "grantDecisionRight", row).await
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Delegations

/// A delegation to make (unvalidated).
#[derive(Debug, Clone)]
pub struct NewDelegation {
    pub from_right_id: Uuid,
    pub holder: Holder,
    /// `None`: the delegator's kind.
    pub kind: Option<RightKind>,
    /// `None`: the delegator's scope.
    pub scope: Option<String>,
    pub non_delegable: bool,
    pub note: Option<String>,
    pub valid_from: NaiveDate,
    /// `None`: until the delegator's right ends.
    pub valid_to: Option<NaiveDate>,
    /// `None`: the delegator's sensitivity.
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Delegates a right to another holder, in the same area and mission, under the rules of
/// [`delegation::check_delegation`].
pub async fn delegate_right(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewDelegation,
) -> AppResult<decision_right::Model> {
    let scope = validate::text("input.scope", input.scope)?;
    let note = validate::text("input.note", input.note)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let from = validate::reference::<decision_right::Entity, _>(
                tx,
                &viewer,
                "input.fromRightId",
                input.from_right_id,
            )
            .await?;
            let area =
                crud::get::<decision_area::Entity, _>(tx, &viewer, from.decision_area_id).await?;
            if area.archived_at.is_some() {
                return Err(AppError::invalid(
                    "input.fromRightId",
                    format!(
                        "`input.fromRightId` is a right on {}, an archived decision area",
                        area.code
                    ),
                ));
            }
            let delegator_name = holder_name(tx, &from).await?;
            let accepted = delegation::check_delegation(
                &Delegator {
                    holder: &delegator_name,
                    area: &area.code,
                    kind: from.kind,
                    non_delegable: from.non_delegable,
                    validity: Validity::new(from.valid_from, from.valid_to),
                },
                Request {
                    kind: input.kind,
                    valid_from: input.valid_from,
                    valid_to: input.valid_to,
                },
            )
            .map_err(|e| AppError::invalid(e.field(), e.message()))?;
            let info = holder_reference(tx, &viewer, input.holder).await?;
            if Holder::of(&from) == Some(input.holder) {
                let field = input.holder.field();
                return Err(AppError::invalid(
                    field,
                    format!(
                        "`{field}` {} already holds the right being delegated",
                        info.name
                    ),
                ));
            }
            check_holder_mission(tx, input.holder, &info, from.mission_id).await?;
            let scope = scope.or(from.scope.clone());
            ensure_not_held(
                tx,
                &area,
                from.mission_id,
                input.holder,
                &info.name,
                accepted.kind,
                &scope,
                accepted.validity,
            )
            .await?;
            let row = right_row(
                area.id,
                from.mission_id,
                input.holder,
                accepted.kind,
                scope,
                RightExtras {
                    delegated_from_id: Some(from.id),
                    non_delegable: input.non_delegable,
                    // A delegate holds the right on its own, not as a party to the joint decision.
                    joint_decision: None,
                    note,
                },
                accepted.validity,
                input.sensitivity.unwrap_or(from.sensitivity),
            );
            write::create::<decision_right::Entity, _>(tx, &viewer, "delegateDecisionRight", row)
                .await
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Ends

/// Ends a right on `on`, and with it, on the same day, every delegation hanging from it,
/// transitively (see [`delegation::delegations_to_end`]). Nothing is deleted; each change is an
/// audit entry.
pub async fn end_right(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<decision_right::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let right =
                write::load_for_update::<decision_right::Entity, _>(tx, &viewer, id, version)
                    .await?;
            // Delegations share the area and mission of the right they come from.
            let mission = match right.mission_id {
                Some(m) => decision_right::Column::MissionId.eq(m),
                None => decision_right::Column::MissionId.is_null(),
            };
            let family = decision_right::Entity::find()
                .filter(decision_right::Column::DecisionAreaId.eq(right.decision_area_id))
                .filter(mission)
                .all(tx)
                .await?;
            let links: Vec<RightLink<Uuid>> = family
                .iter()
                .map(|r| RightLink {
                    id: r.id,
                    delegated_from: r.delegated_from_id,
                    validity: Validity::new(r.valid_from, r.valid_to),
                })
                .collect();
            let endings = delegation::delegations_to_end(&links, id, on);
            // A delegation the caller may not see must not outlive the right either; refuse
            // rather than end the right and leave it standing.
            let hidden = endings.iter().any(|e| {
                family
                    .iter()
                    .any(|r| r.id == e.id && !viewer.can_see(r.sensitivity))
            });
            if hidden {
                return Err(AppError::Forbidden(
                    "ending this right would end delegations you are not cleared to see; ask someone who is".into(),
                ));
            }
            let ended = write::end::<decision_right::Entity, _>(
                tx,
                &viewer,
                "endDecisionRight",
                id,
                version,
                on,
            )
            .await?;
            for ending in endings {
                let Some(current) = family.iter().find(|r| r.id == ending.id) else {
                    continue;
                };
                write::update::<decision_right::Entity, _, _>(
                    tx,
                    &viewer,
                    "endDecisionRight",
                    ending.id,
                    current.version,
                    |_, row| {
                        row.valid_to = Set(Some(ending.valid_to));
                        Ok(())
                    },
                )
                .await?;
            }
            Ok(ended)
        })
    })
    .await
}
