//! Clusters, their Areas of Responsibility and lead agencies: lists, lookups and writes.

use chrono::NaiveDate;
use entity::enums::{self, ClusterScope, LeadRole};
use entity::{area_of_responsibility as aor, cluster, component, lead_agency, organization};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Select, Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::validate::Fields;
use super::{validate, write};
use crate::domain::cycles::cycle_through_new_edge;
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// Longest cluster code the table holds.
const MAX_CODE: usize = 32;

/// Filters of the cluster list.
#[derive(Debug, Clone, Default)]
pub struct ClusterFilter {
    /// Text matched (case-insensitively) against code and name.
    pub search: Option<String>,
    pub scopes: Vec<enums::ClusterScope>,
    pub sectors: Vec<enums::ClusterSector>,
    pub country_code: Option<String>,
    /// Only clusters under this global cluster.
    pub parent_id: Option<Uuid>,
    /// Only clusters active on this date.
    pub as_of: Option<NaiveDate>,
    pub include_archived: bool,
}

/// Orderings of the cluster list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterOrder {
    CodeAsc,
    NameAsc,
    ValidFromAsc,
    ValidFromDesc,
}

impl ClusterOrder {
    pub fn ordering(self) -> Ordering<cluster::Column> {
        let (name, column, descending) = match self {
            Self::CodeAsc => ("CODE_ASC", cluster::Column::Code, false),
            Self::NameAsc => ("NAME_ASC", cluster::Column::Name, false),
            Self::ValidFromAsc => ("VALID_FROM_ASC", cluster::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", cluster::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible clusters matching `filter`.
impl Listing for ClusterFilter {
    type Entity = cluster::Entity;

    fn select(&self, viewer: &Viewer) -> Select<cluster::Entity> {
        let mut select = crud::searched::<cluster::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.as_of,
            },
            self.search.as_deref(),
            &[cluster::Column::Code, cluster::Column::Name],
        );
        if !self.scopes.is_empty() {
            select = select.filter(cluster::Column::Scope.is_in(self.scopes.iter().copied()));
        }
        if !self.sectors.is_empty() {
            select = select.filter(cluster::Column::Sector.is_in(self.sectors.iter().copied()));
        }
        if let Some(code) = &self.country_code {
            select = select.filter(cluster::Column::CountryCode.eq(code.trim().to_uppercase()));
        }
        if let Some(parent) = self.parent_id {
            select = select.filter(crud::refers_to::<cluster::Entity>(
                viewer,
                cluster::Column::ParentId,
                parent,
            ));
        }
        select
    }
}

/// A cluster by its code (case-insensitive), archived ones included.
pub async fn find_by_code<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    code: &str,
) -> AppResult<Option<cluster::Model>> {
    Ok(crud::select::<cluster::Entity>(
        viewer,
        ListScope {
            include_archived: true,
            as_of: None,
        },
    )
    .filter(cluster::Column::Code.eq(code.trim().to_uppercase()))
    .one(db)
    .await?)
}

/// Filters of the list of Areas of Responsibility.
#[derive(Debug, Clone, Default)]
pub struct AorFilter {
    pub cluster_id: Option<Uuid>,
    pub themes: Vec<enums::AorTheme>,
    /// Text matched (case-insensitively) against the name.
    pub search: Option<String>,
    /// Only AoRs active on this date.
    pub as_of: Option<NaiveDate>,
    pub include_archived: bool,
}

/// Orderings of the list of Areas of Responsibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AorOrder {
    NameAsc,
    ValidFromAsc,
    ValidFromDesc,
}

impl AorOrder {
    pub fn ordering(self) -> Ordering<aor::Column> {
        let (name, column, descending) = match self {
            Self::NameAsc => ("NAME_ASC", aor::Column::Name, false),
            Self::ValidFromAsc => ("VALID_FROM_ASC", aor::Column::ValidFrom, false),
            Self::ValidFromDesc => ("VALID_FROM_DESC", aor::Column::ValidFrom, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible Areas of Responsibility matching `filter`.
impl Listing for AorFilter {
    type Entity = aor::Entity;

    fn select(&self, viewer: &Viewer) -> Select<aor::Entity> {
        let mut select = crud::searched::<aor::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: self.as_of,
            },
            self.search.as_deref(),
            &[aor::Column::Name],
        );
        if let Some(cluster) = self.cluster_id {
            select = select.filter(crud::refers_to::<cluster::Entity>(
                viewer,
                aor::Column::ClusterId,
                cluster,
            ));
        }
        if !self.themes.is_empty() {
            select = select.filter(aor::Column::Theme.is_in(self.themes.iter().copied()));
        }
        select
    }
}

// ---------------------------------------------------------------------------------------------
// Clusters

/// A new cluster as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewCluster {
    pub code: String,
    pub name: String,
    pub scope: ClusterScope,
    pub sector: enums::ClusterSector,
    pub is_cluster_like: bool,
    pub parent_id: Option<Uuid>,
    pub country_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a cluster: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct ClusterPatch {
    pub code: Option<String>,
    pub name: Option<String>,
    pub scope: Option<ClusterScope>,
    pub sector: Option<enums::ClusterSector>,
    pub is_cluster_like: Option<bool>,
    pub parent_id: Option<Option<Uuid>>,
    pub country_code: Option<Option<String>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// A parent must be a global cluster: field clusters hang under the global cluster of their
/// sector, and nothing hangs under a field cluster.
async fn check_parent<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    parent_id: Uuid,
) -> AppResult<cluster::Model> {
    let parent =
        validate::reference::<cluster::Entity, _>(db, viewer, "input.parentId", parent_id).await?;
    parent_rule(Fields::Input, &parent)?;
    Ok(parent)
}

/// A parent is a GLOBAL cluster.
pub fn parent_rule(fields: Fields, parent: &cluster::Model) -> AppResult<()> {
    if parent.scope != ClusterScope::Global {
        let field = fields.name("parent_id");
        return Err(AppError::invalid(
            &field,
            format!(
                "`{field}` refers to {}, a FIELD cluster: a parent must be a GLOBAL cluster",
                parent.code
            ),
        ));
    }
    Ok(())
}

/// A cluster that others hang under stays GLOBAL: `children` are their codes.
pub fn scope_rule(fields: Fields, scope: ClusterScope, children: &[&str]) -> AppResult<()> {
    if scope == ClusterScope::Field && !children.is_empty() {
        let field = fields.name("scope");
        return Err(AppError::invalid(
            &field,
            format!(
                "`{field}` cannot become FIELD: clusters hang under this one ({}), and a parent must be GLOBAL",
                children.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Refuses a parent that sits, directly or not, under the cluster itself.
async fn check_no_cycle<C: ConnectionTrait>(db: &C, id: Uuid, parent_id: Uuid) -> AppResult<()> {
    let all = cluster::Entity::find().all(db).await?;
    let edges: Vec<(Uuid, Uuid)> = all
        .iter()
        .filter(|c| c.id != id)
        .filter_map(|c| c.parent_id.map(|p| (c.id, p)))
        .collect();
    if let Some(path) = cycle_through_new_edge(&edges, id, parent_id) {
        let code = |node: &Uuid| {
            all.iter()
                .find(|c| c.id == *node)
                .map_or_else(|| node.to_string(), |c| c.code.clone())
        };
        let names: Vec<String> = path.iter().map(code).collect();
        return Err(AppError::invalid(
            "input.parentId",
            format!(
                "`input.parentId` would make a cycle of clusters: {}",
                names.join(" → ")
            ),
        ));
    }
    Ok(())
}

/// Creates a cluster.
pub async fn create_cluster(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewCluster,
) -> AppResult<cluster::Model> {
    let code = validate::code("input.code", &input.code, MAX_CODE)?;
    let name = validate::name("input.name", &input.name)?;
    let country_code = validate::country_code("input.countryCode", input.country_code)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let key = Some(write::UniqueKey {
                field: "input.code",
                value: code.clone(),
            });
            if let Some(parent) = input.parent_id {
                check_parent(tx, &viewer, parent).await?;
            }
            let (id, now) = write::new_ids();
            let row = cluster::ActiveModel {
                id: Set(id),
                code: Set(code),
                name: Set(name),
                scope: Set(input.scope),
                sector: Set(input.sector),
                is_cluster_like: Set(input.is_cluster_like),
                parent_id: Set(input.parent_id),
                country_code: Set(country_code),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create_keyed::<cluster::Entity, _>(tx, &viewer, "createCluster", row, key).await
        })
    })
    .await
}

/// Updates a cluster at the version the client read.
pub async fn update_cluster(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: ClusterPatch,
) -> AppResult<cluster::Model> {
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
    let country_code = match patch.country_code.clone() {
        Some(code) => Some(validate::country_code("input.countryCode", code)?),
        None => None,
    };
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let before =
                write::load_for_update::<cluster::Entity, _>(tx, &viewer, id, version).await?;
            if let Some(Some(parent)) = patch.parent_id {
                check_parent(tx, &viewer, parent).await?;
                check_no_cycle(tx, id, parent).await?;
            }
            if patch.scope == Some(ClusterScope::Field) && before.scope == ClusterScope::Global {
                let children = cluster::Entity::find()
                    .filter(cluster::Column::ParentId.eq(id))
                    .filter(cluster::Column::ArchivedAt.is_null())
                    .all(tx)
                    .await?;
                let codes: Vec<&str> = children.iter().map(|c| c.code.as_str()).collect();
                scope_rule(Fields::Input, ClusterScope::Field, &codes)?;
            }
            let key = code.clone().map(|value| write::UniqueKey {
                field: "input.code",
                value,
            });
            write::update_keyed::<cluster::Entity, _, _>(
                tx,
                &viewer,
                "updateCluster",
                id,
                version,
                key,
                |before, row| {
                    let from = patch.valid_from.unwrap_or(before.valid_from);
                    let to = patch.valid_to.unwrap_or(before.valid_to);
                    validate::validity(from, to, "input.validTo")?;
                    write::keep_or_set(&mut row.code, code);
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.scope, patch.scope);
                    write::keep_or_set(&mut row.sector, patch.sector);
                    write::keep_or_set(&mut row.is_cluster_like, patch.is_cluster_like);
                    write::keep_or_set(&mut row.parent_id, patch.parent_id);
                    write::keep_or_set(&mut row.country_code, country_code);
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

// ---------------------------------------------------------------------------------------------
// Areas of Responsibility

/// A new Area of Responsibility as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewAor {
    pub cluster_id: Uuid,
    pub name: String,
    pub theme: enums::AorTheme,
    pub counterpart_component_id: Option<Uuid>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to an Area of Responsibility: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct AorPatch {
    pub cluster_id: Option<Uuid>,
    pub name: Option<String>,
    pub theme: Option<enums::AorTheme>,
    pub counterpart_component_id: Option<Option<Uuid>>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Creates an Area of Responsibility under a cluster.
pub async fn create_area(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewAor,
) -> AppResult<aor::Model> {
    let name = validate::name("input.name", &input.name)?;
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::reference::<cluster::Entity, _>(
                tx,
                &viewer,
                "input.clusterId",
                input.cluster_id,
            )
            .await?;
            validate::optional_reference::<component::Entity, _>(
                tx,
                &viewer,
                "input.counterpartComponentId",
                input.counterpart_component_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = aor::ActiveModel {
                id: Set(id),
                cluster_id: Set(input.cluster_id),
                name: Set(name),
                theme: Set(input.theme),
                counterpart_component_id: Set(input.counterpart_component_id),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<aor::Entity, _>(tx, &viewer, "createAreaOfResponsibility", row).await
        })
    })
    .await
}

/// Updates an Area of Responsibility at the version the client read.
pub async fn update_area(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: AorPatch,
) -> AppResult<aor::Model> {
    let name = patch
        .name
        .as_deref()
        .map(|n| validate::name("input.name", n))
        .transpose()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if let Some(cluster_id) = patch.cluster_id {
                validate::reference::<cluster::Entity, _>(
                    tx,
                    &viewer,
                    "input.clusterId",
                    cluster_id,
                )
                .await?;
            }
            if let Some(Some(component_id)) = patch.counterpart_component_id {
                validate::reference::<component::Entity, _>(
                    tx,
                    &viewer,
                    "input.counterpartComponentId",
                    component_id,
                )
                .await?;
            }
            write::update::<aor::Entity, _, _>(
                tx,
                &viewer,
                "updateAreaOfResponsibility",
                id,
                version,
                |before, row| {
                    let from = patch.valid_from.unwrap_or(before.valid_from);
                    let to = patch.valid_to.unwrap_or(before.valid_to);
                    validate::validity(from, to, "input.validTo")?;
                    write::keep_or_set(&mut row.cluster_id, patch.cluster_id);
                    write::keep_or_set(&mut row.name, name);
                    write::keep_or_set(&mut row.theme, patch.theme);
                    write::keep_or_set(
                        &mut row.counterpart_component_id,
                        patch.counterpart_component_id,
                    );
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

// ---------------------------------------------------------------------------------------------
// Lead agencies

/// What is led: a cluster or an Area of Responsibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Led {
    Cluster(Uuid),
    Area(Uuid),
}

/// Who leads: an organisation or a mission component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leader {
    Organization(Uuid),
    Component(Uuid),
}

impl Led {
    /// Exactly one of a cluster and an AoR.
    pub fn exactly_one(cluster: Option<Uuid>, area: Option<Uuid>) -> AppResult<Self> {
        match (cluster, area) {
            (Some(c), None) => Ok(Self::Cluster(c)),
            (None, Some(a)) => Ok(Self::Area(a)),
            _ => Err(AppError::invalid(
                "input.clusterId",
                "pass exactly one of `input.clusterId` and `input.areaOfResponsibilityId`",
            )),
        }
    }
}

impl Leader {
    /// Exactly one of an organisation and a component.
    pub fn exactly_one(organization: Option<Uuid>, component: Option<Uuid>) -> AppResult<Self> {
        match (organization, component) {
            (Some(o), None) => Ok(Self::Organization(o)),
            (None, Some(c)) => Ok(Self::Component(c)),
            _ => Err(AppError::invalid(
                "input.organizationId",
                "pass exactly one of `input.organizationId` and `input.componentId`",
            )),
        }
    }

    fn field(self) -> &'static str {
        match self {
            Self::Organization(_) => "input.organizationId",
            Self::Component(_) => "input.componentId",
        }
    }

    fn matches(self, row: &lead_agency::Model) -> bool {
        match self {
            Self::Organization(id) => row.organization_id == Some(id),
            Self::Component(id) => row.component_id == Some(id),
        }
    }
}

/// A lead agency to set (unvalidated).
#[derive(Debug, Clone)]
pub struct NewLeadAgency {
    pub led: Led,
    pub leader: Leader,
    pub role: LeadRole,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// How messages name a lead: `UNHCR`, or a component's acronym or name.
async fn leader_name<C: ConnectionTrait>(db: &C, row: &lead_agency::Model) -> AppResult<String> {
    if let Some(id) = row.organization_id {
        if let Some(org) = organization::Entity::find_by_id(id).one(db).await? {
            return Ok(org.code);
        }
    }
    if let Some(id) = row.component_id {
        if let Some(c) = component::Entity::find_by_id(id).one(db).await? {
            return Ok(c.acronym.unwrap_or(c.name));
        }
    }
    Ok("another lead".to_owned())
}

/// Sets who leads or co-leads a cluster or AoR over a period. A cluster or AoR has at most one
/// LEAD at a time (co-leads may be several), and the same leader is not set twice over
/// overlapping periods.
pub async fn set_lead_agency(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewLeadAgency,
) -> AppResult<lead_agency::Model> {
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            let (cluster_id, area_id, led_name) = match input.led {
                Led::Cluster(id) => {
                    let c = validate::reference::<cluster::Entity, _>(
                        tx,
                        &viewer,
                        "input.clusterId",
                        id,
                    )
                    .await?;
                    (Some(id), None, c.code)
                }
                Led::Area(id) => {
                    let a = validate::reference::<aor::Entity, _>(
                        tx,
                        &viewer,
                        "input.areaOfResponsibilityId",
                        id,
                    )
                    .await?;
                    (None, Some(id), a.name)
                }
            };
            let (organization_id, component_id, name) = match input.leader {
                Leader::Organization(id) => {
                    let o = validate::reference::<organization::Entity, _>(
                        tx,
                        &viewer,
                        "input.organizationId",
                        id,
                    )
                    .await?;
                    (Some(id), None, o.code)
                }
                Leader::Component(id) => {
                    let c = validate::reference::<component::Entity, _>(
                        tx,
                        &viewer,
                        "input.componentId",
                        id,
                    )
                    .await?;
                    (None, Some(id), c.acronym.unwrap_or(c.name))
                }
            };
            let period = Validity::new(input.valid_from, input.valid_to);
            let existing = lead_agency::Entity::find()
                .filter(match input.led {
                    Led::Cluster(id) => lead_agency::Column::ClusterId.eq(id),
                    Led::Area(id) => lead_agency::Column::AreaOfResponsibilityId.eq(id),
                })
                .all(tx)
                .await?;
            let overlapping = existing
                .iter()
                .filter(|row| Validity::new(row.valid_from, row.valid_to).overlaps(&period));
            for row in overlapping {
                if input.leader.matches(row) {
                    let field = input.leader.field();
                    return Err(AppError::invalid(
                        field,
                        format!(
                            "`{field}` {name} already leads {led_name} over an overlapping period (from {})",
                            row.valid_from
                        ),
                    ));
                }
                if input.role == LeadRole::Lead && row.role == LeadRole::Lead {
                    let current = leader_name(tx, row).await?;
                    return Err(AppError::invalid(
                        "input.role",
                        format!(
                            "{led_name} already has a LEAD ({current}, from {}) over an overlapping period; set this one as CO_LEAD or end the current lead first",
                            row.valid_from
                        ),
                    ));
                }
            }
            let (id, now) = write::new_ids();
            let row = lead_agency::ActiveModel {
                id: Set(id),
                cluster_id: Set(cluster_id),
                area_of_responsibility_id: Set(area_id),
                organization_id: Set(organization_id),
                component_id: Set(component_id),
                role: Set(input.role),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<lead_agency::Entity, _>(tx, &viewer, "setLeadAgency", row).await
        })
    })
    .await
}

/// Ends a lead on a date; the row stays as history.
pub async fn end_lead_agency(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<lead_agency::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<lead_agency::Entity, _>(tx, &viewer, "endLeadAgency", id, version, on)
                .await
        })
    })
    .await
}
