//! People and their assignments to posts: the list, and the writes with their rules (contact
//! details have a shape; a post has one substantive holder at a time, within its own period).

use chrono::NaiveDate;
use entity::{assignment, enums, organization, person, post};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Select,
    Set,
};
use uuid::Uuid;

use super::access::Viewer;
use super::crud::{self, ListScope};
use super::pagination::{Listing, Ordering};
use super::post::{describe_period, within_post};
use super::{validate, write};
use crate::domain::validity::Validity;
use crate::error::{AppError, AppResult};

/// Filters of the person list.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    /// Text matched (case-insensitively) against the full name.
    pub search: Option<String>,
    pub organization_id: Option<Uuid>,
    pub include_archived: bool,
}

/// Orderings of the person list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonOrder {
    FullNameAsc,
    FullNameDesc,
    CreatedAtAsc,
    UpdatedAtDesc,
}

impl PersonOrder {
    pub fn ordering(self) -> Ordering<person::Column> {
        let (name, column, descending) = match self {
            Self::FullNameAsc => ("FULL_NAME_ASC", person::Column::FullName, false),
            Self::FullNameDesc => ("FULL_NAME_DESC", person::Column::FullName, true),
            Self::CreatedAtAsc => ("CREATED_AT_ASC", person::Column::CreatedAt, false),
            Self::UpdatedAtDesc => ("UPDATED_AT_DESC", person::Column::UpdatedAt, true),
        };
        Ordering {
            name,
            column,
            descending,
        }
    }
}

/// The visible persons matching `filter`. The search covers names only: contact details are
/// personal data and not a way to find people.
impl Listing for PersonFilter {
    type Entity = person::Entity;

    fn select(&self, viewer: &Viewer) -> Select<person::Entity> {
        let mut select = crud::searched::<person::Entity>(
            viewer,
            ListScope {
                include_archived: self.include_archived,
                as_of: None,
            },
            self.search.as_deref(),
            &[person::Column::FullName],
        );
        if let Some(org) = self.organization_id {
            select = select.filter(crud::refers_to::<entity::organization::Entity>(
                viewer,
                person::Column::OrganizationId,
                org,
            ));
        }
        select
    }
}

/// An e-mail address: one `@`, a local part, a domain with a dot, no spaces, at most 255
/// characters. Empty means none.
pub fn email(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let well_formed = match trimmed.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && !trimmed.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !well_formed || trimmed.chars().count() > validate::MAX_NAME {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must be an e-mail address such as name@un.org; got `{trimmed}`"),
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

/// A telephone number: digits with optional `+`, spaces, hyphens, dots and brackets, 4 to 64
/// characters. Empty means none.
pub fn phone(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    let ok = digits >= 4
        && trimmed.chars().count() <= 64
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')'));
    if !ok {
        return Err(AppError::invalid(
            field,
            format!(
                "`{field}` must be a telephone number of digits, spaces and `+-.()`, such as +243 81 555 0100; got `{trimmed}`"
            ),
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

/// A new person as submitted (unvalidated).
#[derive(Debug, Clone)]
pub struct NewPerson {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub organization_id: Option<Uuid>,
    pub sensitivity: enums::Sensitivity,
}

/// Changes to a person: `None` keeps a value, `Some(None)` clears a nullable one.
#[derive(Debug, Clone, Default)]
pub struct PersonPatch {
    pub full_name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub organization_id: Option<Option<Uuid>>,
    pub sensitivity: Option<enums::Sensitivity>,
}

/// Creates a person.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewPerson,
) -> AppResult<person::Model> {
    let full_name = validate::name("input.fullName", &input.full_name)?;
    let email = email("input.email", input.email)?;
    let phone = phone("input.phone", input.phone)?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::optional_reference::<organization::Entity, _>(
                tx,
                &viewer,
                "input.organizationId",
                input.organization_id,
            )
            .await?;
            let (id, now) = write::new_ids();
            let row = person::ActiveModel {
                id: Set(id),
                full_name: Set(full_name),
                email: Set(email),
                phone: Set(phone),
                organization_id: Set(input.organization_id),
                archived_at: Set(None),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<person::Entity, _>(tx, &viewer, "createPerson", row).await
        })
    })
    .await
}

/// Updates a person at the version the client read.
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    patch: PersonPatch,
) -> AppResult<person::Model> {
    let full_name = patch
        .full_name
        .as_deref()
        .map(|n| validate::name("input.fullName", n))
        .transpose()?;
    let new_email = patch
        .email
        .clone()
        .map(|e| email("input.email", e))
        .transpose()?;
    let new_phone = patch
        .phone
        .clone()
        .map(|p| phone("input.phone", p))
        .transpose()?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            if let Some(Some(org)) = patch.organization_id {
                validate::reference::<organization::Entity, _>(
                    tx,
                    &viewer,
                    "input.organizationId",
                    org,
                )
                .await?;
            }
            write::update::<person::Entity, _, _>(
                tx,
                &viewer,
                "updatePerson",
                id,
                version,
                |_, row| {
                    write::keep_or_set(&mut row.full_name, full_name);
                    write::keep_or_set(&mut row.email, new_email);
                    write::keep_or_set(&mut row.phone, new_phone);
                    write::keep_or_set(&mut row.organization_id, patch.organization_id);
                    write::keep_or_set(&mut row.sensitivity, patch.sensitivity);
                    Ok(())
                },
            )
            .await
        })
    })
    .await
}

/// An assignment of a person to a post (unvalidated).
#[derive(Debug, Clone)]
pub struct NewAssignment {
    pub person_id: Uuid,
    pub post_id: Uuid,
    pub acting: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub sensitivity: enums::Sensitivity,
}

/// Assigns a person to a post within the post's period. A post has at most one substantive
/// (non-acting) holder at a time, and a person holds a post once at a time.
pub async fn assign(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: NewAssignment,
) -> AppResult<assignment::Model> {
    validate::validity(input.valid_from, input.valid_to, "input.validTo")?;
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            validate::reference::<person::Entity, _>(
                tx,
                &viewer,
                "input.personId",
                input.person_id,
            )
            .await?;
            let post =
                validate::reference::<post::Entity, _>(tx, &viewer, "input.postId", input.post_id)
                    .await?;
            let period = Validity::new(input.valid_from, input.valid_to);
            within_post(&post, period)?;
            check_holders(tx, &viewer, &input, &post, period).await?;
            let (id, now) = write::new_ids();
            let row = assignment::ActiveModel {
                id: Set(id),
                person_id: Set(input.person_id),
                post_id: Set(input.post_id),
                acting: Set(input.acting),
                valid_from: Set(input.valid_from),
                valid_to: Set(input.valid_to),
                sensitivity: Set(input.sensitivity),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            };
            write::create::<assignment::Entity, _>(tx, &viewer, "assignPerson", row).await
        })
    })
    .await
}

async fn check_holders<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    input: &NewAssignment,
    post: &post::Model,
    period: Validity,
) -> AppResult<()> {
    let overlapping: Vec<assignment::Model> = assignment::Entity::find()
        .filter(assignment::Column::PostId.eq(input.post_id))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| Validity::new(a.valid_from, a.valid_to).overlaps(&period))
        .collect();
    if let Some(same) = overlapping.iter().find(|a| a.person_id == input.person_id) {
        return Err(AppError::invalid(
            "input.personId",
            format!(
                "`input.personId` already holds this post ({}) {}; end that assignment first or choose dates that do not overlap",
                post.title,
                describe_period(same.valid_from, same.valid_to)
            ),
        ));
    }
    if input.acting {
        return Ok(());
    }
    if let Some(holder) = overlapping.iter().find(|a| !a.acting) {
        let name = crud::find::<person::Entity, C>(db, viewer, holder.person_id)
            .await?
            .map(|p| p.full_name)
            .unwrap_or_else(|| "someone you cannot see".into());
        return Err(AppError::invalid(
            "input.postId",
            format!(
                "`input.postId` ({}) already has a holder, {name}, {}; end that assignment first or assign as acting",
                post.title,
                describe_period(holder.valid_from, holder.valid_to)
            ),
        ));
    }
    Ok(())
}

/// Ends an assignment on a date.
pub async fn end_assignment(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    version: i32,
    on: NaiveDate,
) -> AppResult<assignment::Model> {
    let viewer = viewer.clone();
    write::in_transaction(db, move |tx| {
        Box::pin(async move {
            write::end::<assignment::Entity, _>(tx, &viewer, "endAssignment", id, version, on).await
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_have_a_shape() {
        assert_eq!(
            email("e", Some(" jane.doe@un.org ".into())).unwrap(),
            Some("jane.doe@un.org".into())
        );
        assert_eq!(email("e", Some("  ".into())).unwrap(), None);
        for bad in [
            "jane",
            "@un.org",
            "jane@un",
            "jane@@un.org",
            "jane doe@un.org",
            "jane@.org",
            "jane@un..org",
        ] {
            assert!(email("e", Some(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn phone_numbers_are_digits_and_separators() {
        assert_eq!(
            phone("p", Some("+243 (81) 555-0100".into())).unwrap(),
            Some("+243 (81) 555-0100".into())
        );
        for bad in ["12", "call me", "+243 81 555 0100 ext. 4"] {
            assert!(phone("p", Some(bad.into())).is_err(), "{bad}");
        }
    }
}
