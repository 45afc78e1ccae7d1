//! Arguments of the structure lists (filters and orderings) and of its mutations.

use async_graphql::{Enum, InputObject, MaybeUndefined, ID};
use chrono::NaiveDate;

use crate::error::AppResult;
use crate::graphql::enums::{
    ComponentKind, ComponentSpecialty, Hat, ReportingLineKind, Sensitivity, StructureLevel,
};
use crate::graphql::ids::{self, NodeKind};
use crate::graphql::scalars::Date;
use crate::services;

fn into_db<T: Into<U>, U>(values: Option<Vec<T>>) -> Vec<U> {
    values
        .unwrap_or_default()
        .into_iter()
        .map(Into::into)
        .collect()
}

/// Filters of the component list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct ComponentFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Only components of this mission.
    pub mission_id: Option<ID>,
    /// Only components of these kinds.
    pub kinds: Option<Vec<ComponentKind>>,
    /// Only components with these specialties.
    pub specialties: Option<Vec<ComponentSpecialty>>,
    /// Only components at these levels.
    pub levels: Option<Vec<StructureLevel>>,
    /// Only the components directly inside this one.
    pub parent_id: Option<ID>,
    /// Case-insensitive text matched against name and acronym.
    pub search: Option<String>,
    /// Only components that existed on this date (default: every period).
    pub as_of: Option<Date>,
    /// Include archived components (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl ComponentFilter {
    pub fn into_service(self) -> AppResult<services::component::ComponentFilter> {
        Ok(services::component::ComponentFilter {
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "filter.missionId",
            )?,
            kinds: into_db(self.kinds),
            specialties: into_db(self.specialties),
            levels: into_db(self.levels),
            parent_id: ids::decode_optional(
                self.parent_id.as_ref(),
                NodeKind::Component,
                "filter.parentId",
            )?,
            search: self.search,
            as_of: self.as_of.map(Into::into),
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the component list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ComponentOrder {
    /// By name, A to Z.
    #[default]
    NameAsc,
    /// By name, Z to A.
    NameDesc,
    /// Oldest first.
    ValidFromAsc,
    /// Newest first.
    ValidFromDesc,
}

impl From<ComponentOrder> for services::component::ComponentOrder {
    fn from(o: ComponentOrder) -> Self {
        match o {
            ComponentOrder::NameAsc => Self::NameAsc,
            ComponentOrder::NameDesc => Self::NameDesc,
            ComponentOrder::ValidFromAsc => Self::ValidFromAsc,
            ComponentOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}

/// Filters of the post list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct PostFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Only posts of this mission.
    pub mission_id: Option<ID>,
    /// Only posts in this component (not in components inside it).
    pub component_id: Option<ID>,
    /// Only posts of this organisation.
    pub organization_id: Option<ID>,
    /// Only posts carrying this hat on `asOf` (today when `asOf` is not given).
    pub hat: Option<Hat>,
    /// Case-insensitive text matched against the title.
    pub search: Option<String>,
    /// Only posts that existed on this date (default: every period). Also the date `hat` and
    /// `vacant` are read on.
    pub as_of: Option<Date>,
    /// True: only posts nobody holds (not even in an acting capacity) on `asOf` (today when
    /// `asOf` is not given); false: only posts someone holds then.
    pub vacant: Option<bool>,
    /// Include archived posts (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl PostFilter {
    pub fn into_service(self, today: NaiveDate) -> AppResult<services::post::PostFilter> {
        let as_of: Option<NaiveDate> = self.as_of.map(Into::into);
        Ok(services::post::PostFilter {
            mission_id: ids::decode_optional(
                self.mission_id.as_ref(),
                NodeKind::Mission,
                "filter.missionId",
            )?,
            component_id: ids::decode_optional(
                self.component_id.as_ref(),
                NodeKind::Component,
                "filter.componentId",
            )?,
            organization_id: ids::decode_optional(
                self.organization_id.as_ref(),
                NodeKind::Organization,
                "filter.organizationId",
            )?,
            hat: self.hat.map(Into::into),
            search: self.search,
            as_of,
            vacant: self.vacant,
            hat_and_vacancy_on: as_of.unwrap_or(today),
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the post list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum PostOrder {
    /// By title, A to Z.
    #[default]
    TitleAsc,
    /// By title, Z to A.
    TitleDesc,
    /// Oldest first.
    ValidFromAsc,
    /// Newest first.
    ValidFromDesc,
}

impl From<PostOrder> for services::post::PostOrder {
    fn from(o: PostOrder) -> Self {
        match o {
            PostOrder::TitleAsc => Self::TitleAsc,
            PostOrder::TitleDesc => Self::TitleDesc,
            PostOrder::ValidFromAsc => Self::ValidFromAsc,
            PostOrder::ValidFromDesc => Self::ValidFromDesc,
        }
    }
}

/// Filters of the person list; all given filters must hold.
#[derive(InputObject, Default)]
pub struct PersonFilter {
    /// Only records of these sensitivities (within what the caller may see).
    pub sensitivities: Option<Vec<crate::graphql::enums::Sensitivity>>,
    /// Case-insensitive text matched against the full name (contact details are not searched).
    pub search: Option<String>,
    /// Only people employed by this organisation.
    pub organization_id: Option<ID>,
    /// Include archived people (default false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl PersonFilter {
    pub fn into_service(self) -> AppResult<services::person::PersonFilter> {
        Ok(services::person::PersonFilter {
            search: self.search,
            organization_id: ids::decode_optional(
                self.organization_id.as_ref(),
                NodeKind::Organization,
                "filter.organizationId",
            )?,
            include_archived: self.include_archived,
        })
    }
}

/// Orderings of the person list.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum PersonOrder {
    /// By full name, A to Z.
    #[default]
    FullNameAsc,
    /// By full name, Z to A.
    FullNameDesc,
    /// First recorded first.
    CreatedAtAsc,
    /// Most recently changed first.
    UpdatedAtDesc,
}

impl From<PersonOrder> for services::person::PersonOrder {
    fn from(o: PersonOrder) -> Self {
        match o {
            PersonOrder::FullNameAsc => Self::FullNameAsc,
            PersonOrder::FullNameDesc => Self::FullNameDesc,
            PersonOrder::CreatedAtAsc => Self::CreatedAtAsc,
            PersonOrder::UpdatedAtDesc => Self::UpdatedAtDesc,
        }
    }
}

/// A new component of a mission.
#[derive(InputObject)]
pub struct CreateComponentInput {
    /// The mission it belongs to.
    pub mission_id: ID,
    /// The component it is part of: a live component of the same mission.
    pub parent_id: Option<ID>,
    /// Name, e.g. `Human Rights Division`.
    pub name: String,
    /// Acronym: 2 to 32 letters, digits or hyphens, e.g. `JMAC`.
    pub acronym: Option<String>,
    /// Civilian, military, police, support or joint.
    pub kind: ComponentKind,
    /// What it works on.
    pub specialty: Option<ComponentSpecialty>,
    /// Mission HQ, regional or field level (default HQ).
    #[graphql(default_with = "StructureLevel::Hq")]
    pub level: StructureLevel,
    /// Where it works.
    pub geographic_area_id: Option<ID>,
    /// First day it exists.
    pub valid_from: Date,
    /// First day it no longer exists, if known.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a component. Omitted fields keep their value; `null` clears a nullable field.
/// A component stays in its mission.
#[derive(InputObject)]
pub struct UpdateComponentInput {
    /// The component's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// The component it is part of (`null`: top level). Moving it inside itself or one of its
    /// own descendants is refused.
    pub parent_id: MaybeUndefined<ID>,
    /// Name.
    pub name: Option<String>,
    /// Acronym.
    pub acronym: MaybeUndefined<String>,
    /// Kind.
    pub kind: Option<ComponentKind>,
    /// Specialty.
    pub specialty: MaybeUndefined<ComponentSpecialty>,
    /// Level.
    pub level: Option<StructureLevel>,
    /// Where it works.
    pub geographic_area_id: MaybeUndefined<ID>,
    /// First day it exists.
    pub valid_from: Option<Date>,
    /// First day it no longer exists.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

/// A new post, in a mission or in an organisation (or both).
#[derive(InputObject)]
pub struct CreatePostInput {
    /// The mission it belongs to; this or `organizationId` is required.
    pub mission_id: Option<ID>,
    /// The organisation it belongs to (OHCHR's High Commissioner, OCHA's ERC); this or
    /// `missionId` is required.
    pub organization_id: Option<ID>,
    /// The component it sits in: a component of the post's mission.
    pub component_id: Option<ID>,
    /// Title, e.g. `Deputy SRSG / Resident and Humanitarian Coordinator`.
    pub title: String,
    /// Whether it heads its component (one head per component at a time; default false).
    #[graphql(default)]
    pub is_component_head: bool,
    /// Where it is based.
    pub geographic_area_id: Option<ID>,
    /// First day it exists.
    pub valid_from: Date,
    /// First day it no longer exists, if known.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a post. Omitted fields keep their value; `null` clears a nullable field. The
/// result must still belong to a mission or an organisation, and its hats and assignments
/// must stay within its period.
#[derive(InputObject)]
pub struct UpdatePostInput {
    /// The post's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// The mission it belongs to.
    pub mission_id: MaybeUndefined<ID>,
    /// The organisation it belongs to.
    pub organization_id: MaybeUndefined<ID>,
    /// The component it sits in.
    pub component_id: MaybeUndefined<ID>,
    /// Title.
    pub title: Option<String>,
    /// Whether it heads its component.
    pub is_component_head: Option<bool>,
    /// Where it is based.
    pub geographic_area_id: MaybeUndefined<ID>,
    /// First day it exists.
    pub valid_from: Option<Date>,
    /// First day it no longer exists.
    pub valid_to: MaybeUndefined<Date>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

/// Put a hat on a post from a date.
#[derive(InputObject)]
pub struct AddPostHatInput {
    /// The post.
    pub post_id: ID,
    /// The role. A post cannot carry the same hat twice over overlapping periods.
    pub hat: Hat,
    /// First day the post carries it; within the post's period.
    pub valid_from: Date,
    /// First day it no longer carries it, if known; within the post's period.
    pub valid_to: Option<Date>,
    /// Who may see it (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// A new person.
#[derive(InputObject)]
pub struct CreatePersonInput {
    /// Full name.
    pub full_name: String,
    /// E-mail address (personal data).
    pub email: Option<String>,
    /// Telephone number (personal data): digits, spaces and `+-.()`.
    pub phone: Option<String>,
    /// The organisation employing the person.
    pub organization_id: Option<ID>,
    /// Who may see the person (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Changes to a person. Omitted fields keep their value; `null` clears a nullable field.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// The person's global ID.
    pub id: ID,
    /// The version the client read; a stale version is refused with CONFLICT.
    pub version: i32,
    /// Full name.
    pub full_name: Option<String>,
    /// E-mail address (personal data).
    pub email: MaybeUndefined<String>,
    /// Telephone number (personal data).
    pub phone: MaybeUndefined<String>,
    /// The organisation employing the person.
    pub organization_id: MaybeUndefined<ID>,
    /// Who may see the person.
    pub sensitivity: Option<Sensitivity>,
}

/// Assign a person to a post from a date.
#[derive(InputObject)]
pub struct AssignPersonInput {
    /// The person.
    pub person_id: ID,
    /// The post. It has at most one substantive (non-acting) holder at a time.
    pub post_id: ID,
    /// Whether the person only acts in the post (default false). Acting assignments may
    /// overlap a substantive one.
    #[graphql(default)]
    pub acting: bool,
    /// First day in the post; within the post's period.
    pub valid_from: Date,
    /// First day no longer in the post, if known; within the post's period.
    pub valid_to: Option<Date>,
    /// Who may see the assignment (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}

/// Set a reporting line from a post or a component to a post or an organisation.
#[derive(InputObject)]
pub struct SetReportingLineInput {
    /// The reporting post; give exactly one of `fromPostId` and `fromComponentId`.
    pub from_post_id: Option<ID>,
    /// The reporting component; give exactly one of `fromPostId` and `fromComponentId`.
    pub from_component_id: Option<ID>,
    /// The post reported to; give exactly one of `toPostId` and `toOrganizationId`.
    pub to_post_id: Option<ID>,
    /// The organisation reported to; give exactly one of `toPostId` and `toOrganizationId`.
    pub to_organization_id: Option<ID>,
    /// Line, functional, command or coordination. Lines of one kind must not form a cycle.
    pub kind: ReportingLineKind,
    /// Free-text note.
    pub note: Option<String>,
    /// First day the line holds.
    pub valid_from: Date,
    /// First day it no longer holds, if known.
    pub valid_to: Option<Date>,
    /// Who may see the line (default PUBLIC).
    #[graphql(default_with = "Sensitivity::Public")]
    pub sensitivity: Sensitivity,
}
