//! Records named by an argument: by opaque ID, or by the natural key people use (a mission's
//! acronym, current or former; an organisation's, cluster's or decision area's code). Every
//! analysis argument that names a record is resolved here, so each accepts the same things and
//! answers the same errors:
//!
//! - blank: BAD_USER_INPUT naming the argument and what it accepts;
//! - an ID of another kind of record: BAD_USER_INPUT naming both kinds;
//! - anything else that is not an ID, where the kind has no natural key: BAD_USER_INPUT;
//! - an ID or key naming no record, or one above the caller's clearance: NOT_FOUND, worded the
//!   same for both (the message never repeats what was asked, so a hidden record and an unknown
//!   one answer alike).
//!
//! Global IDs cannot be mistaken for keys: an ID is base64 holding lower-case letters, and keys
//! are upper-case letters, digits, `-` and `_` (matched case-insensitively).

use entity::{cluster, component, decision_area, forum, mission, organization, post};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::access::Viewer;
use super::crud;
use super::record::{Record, RecordKind};
use crate::domain::analysis::Member;
use crate::error::{AppError, AppResult};

/// How an argument names a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A global ID, decoded: the kind it names and the key.
    Id(RecordKind, Uuid),
    /// Anything else, as given: a natural key to look up.
    Key(String),
}

/// A kind of record an argument may name, and its natural key where it has one.
#[async_trait::async_trait]
pub trait Named: Record {
    /// What the natural key is called in messages (`acronym`, `code`); `None` when the kind is
    /// named by ID only.
    const KEY: Option<&'static str>;

    /// The visible record with this natural key (trimmed, any case), archived ones included.
    async fn find_by_key<C: ConnectionTrait>(
        db: &C,
        viewer: &Viewer,
        key: &str,
    ) -> AppResult<Option<Self::Model>>;
}

/// The error for an ID of the wrong kind, worded once for every argument.
pub fn wrong_kind(field: &str, expected: &str, actual: RecordKind) -> AppError {
    AppError::invalid(
        field,
        format!(
            "`{field}` must identify a record of type {expected}, but identifies one of type {}",
            actual.name()
        ),
    )
}

/// What an argument naming a record of `E` accepts, for messages: `ID or acronym`.
fn accepted<E: Named>() -> String {
    match E::KEY {
        Some(key) => format!("ID or {key}"),
        None => "ID".to_owned(),
    }
}

/// NOT_FOUND for a record of `E` that does not exist or that the caller may not see.
pub fn not_found<E: Named>() -> AppError {
    AppError::NotFound(format!(
        "no {} has this {}",
        E::KIND.noun(),
        accepted::<E>()
    ))
}

/// The visible record of `E` that `reference` names; `field` is the argument, for errors.
pub async fn resolve<E: Named, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    field: &str,
    reference: &Reference,
) -> AppResult<E::Model> {
    let found = match reference {
        Reference::Id(kind, id) if *kind == E::KIND => crud::find::<E, C>(db, viewer, *id).await?,
        Reference::Id(kind, _) => return Err(wrong_kind(field, E::KIND.name(), *kind)),
        Reference::Key(key) if key.trim().is_empty() => {
            return Err(AppError::invalid(
                field,
                format!(
                    "`{field}` is empty: give the {}'s {}",
                    E::KIND.noun(),
                    accepted::<E>()
                ),
            ))
        }
        Reference::Key(key) => match E::KEY {
            Some(_) => E::find_by_key(db, viewer, key).await?,
            None => {
                return Err(AppError::invalid(
                    field,
                    format!("`{field}` is not a valid ID"),
                ))
            }
        },
    };
    found.ok_or_else(not_found::<E>)
}

/// [`resolve`] for an optional argument.
pub async fn resolve_optional<E: Named, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    field: &str,
    reference: Option<&Reference>,
) -> AppResult<Option<E::Model>> {
    match reference {
        Some(reference) => resolve::<E, C>(db, viewer, field, reference)
            .await
            .map(Some),
        None => Ok(None),
    }
}

/// An actor that sits in forums (an organisation, a component or a post), named by its ID or,
/// for an organisation, by its code.
pub async fn resolve_member<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    field: &str,
    reference: &Reference,
) -> AppResult<Member> {
    Ok(match reference {
        Reference::Id(RecordKind::Component, _) => Member::Component(
            resolve::<component::Entity, C>(db, viewer, field, reference)
                .await?
                .id,
        ),
        Reference::Id(RecordKind::Post, _) => Member::Post(
            resolve::<post::Entity, C>(db, viewer, field, reference)
                .await?
                .id,
        ),
        Reference::Id(RecordKind::Organization, _) | Reference::Key(_) => Member::Organization(
            resolve::<organization::Entity, C>(db, viewer, field, reference)
                .await?
                .id,
        ),
        Reference::Id(other, _) => {
            return Err(AppError::invalid(
                field,
                format!(
                    "`{field}` must identify an organisation, a component or a post, but identifies a {}",
                    other.noun()
                ),
            ))
        }
    })
}

/// Kinds with a natural key, and the lookup that finds it.
macro_rules! by_key {
    ($($module:ident: $key:literal => $find:path),+ $(,)?) => {$(
        #[async_trait::async_trait]
        impl Named for $module::Entity {
            const KEY: Option<&'static str> = Some($key);

            async fn find_by_key<C: ConnectionTrait>(
                db: &C,
                viewer: &Viewer,
                key: &str,
            ) -> AppResult<Option<$module::Model>> {
                $find(db, viewer, key).await
            }
        }
    )+};
}

by_key!(
    // The current acronym, or a former one (MONUC finds MONUSCO).
    mission: "acronym" => super::mission::find_by_acronym,
    organization: "code" => super::organization::find_by_code,
    cluster: "code" => super::cluster::find_by_code,
    decision_area: "code" => super::decision::find_area_by_code,
);

/// Kinds named by ID only: titles and names are not unique.
macro_rules! by_id_only {
    ($($module:ident),+) => {$(
        #[async_trait::async_trait]
        impl Named for $module::Entity {
            const KEY: Option<&'static str> = None;

            async fn find_by_key<C: ConnectionTrait>(
                _db: &C,
                _viewer: &Viewer,
                _key: &str,
            ) -> AppResult<Option<$module::Model>> {
                Ok(None)
            }
        }
    )+};
}

by_id_only!(post, component, forum);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_an_argument_accepts() {
        assert_eq!(
            not_found::<mission::Entity>().message(),
            "no mission has this ID or acronym"
        );
        assert_eq!(
            not_found::<decision_area::Entity>().message(),
            "no decision area has this ID or code"
        );
        assert_eq!(not_found::<post::Entity>().message(), "no post has this ID");
        assert_eq!(
            wrong_kind("mission", "Mission", RecordKind::Organization).message(),
            "`mission` must identify a record of type Mission, but identifies one of type Organization"
        );
    }
}
