//! Input validation. Each check names the input field at fault (`input.name`), so clients can
//! point at it; the messages say what is expected.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, ModelTrait, Value};
use uuid::Uuid;

use super::access::Viewer;
use super::crud;
use super::record::Record;
use crate::error::{AppError, AppResult};

/// How a rule names the field at fault: a mutation names its input (`input.missionId`), the
/// import names the database column (`mission_id`), which it then places in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    Input,
    Columns,
}

impl Fields {
    /// The name of the field that sets `column`.
    pub fn name(self, column: &str) -> String {
        match self {
            Self::Columns => column.to_owned(),
            Self::Input => format!("input.{}", camel_case(column)),
        }
    }
}

/// A column's name as a GraphQL field names it: `member_organization_id` is
/// `memberOrganizationId`.
pub fn camel_case(column: &str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

pub const MAX_NAME: usize = 255;
pub const MAX_TEXT: usize = 10_000;

/// A required human-readable name: trimmed, not empty, at most 255 characters.
pub fn name(field: &str, value: &str) -> AppResult<String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must not be empty"),
        ));
    }
    if trimmed.chars().count() > MAX_NAME {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must be at most {MAX_NAME} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Optional free text: trimmed, empty becomes none, at most 10,000 characters.
pub fn text(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let trimmed = value.trim();
    if trimmed.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must be at most {MAX_TEXT} characters"),
        ));
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// A Security Council resolution's symbol, e.g. `S/RES/1925 (2010)`: optional text of at most
/// 64 characters.
pub fn resolution(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let value = text(field, value)?;
    if value.as_ref().is_some_and(|r| r.chars().count() > 64) {
        return Err(AppError::invalid(
            field,
            format!("`{field}` must be at most 64 characters"),
        ));
    }
    Ok(value)
}

/// An acronym: 2 to 32 characters, upper-case letters, digits and hyphens, starting with a
/// letter (`MONUSCO`, `UNMISS`, `MINUSMA`). Lower case is accepted and upper-cased.
pub fn acronym(field: &str, value: &str) -> AppResult<String> {
    let upper = value.trim().to_uppercase();
    let ok = (2..=32).contains(&upper.chars().count())
        && upper.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && upper
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        return Err(AppError::invalid(
            field,
            format!(
                "`{field}` must be 2 to 32 letters, digits or hyphens starting with a letter, e.g. MONUSCO; got `{}`",
                value.trim()
            ),
        ));
    }
    Ok(upper)
}

/// A code (organisation, cluster, decision area): 1 to `max` upper-case letters, digits, `_` or
/// `-`, starting with a letter (`UNHCR`, `USE_OF_FORCE`).
pub fn code(field: &str, value: &str, max: usize) -> AppResult<String> {
    let upper = value.trim().to_uppercase();
    let ok = (1..=max).contains(&upper.chars().count())
        && upper.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && upper
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !ok {
        return Err(AppError::invalid(
            field,
            format!(
                "`{field}` must be 1 to {max} letters, digits, `_` or `-` starting with a letter, e.g. USE_OF_FORCE; got `{}`",
                value.trim()
            ),
        ));
    }
    Ok(upper)
}

/// An ISO 3166-1 alpha-3 country code (`COD`, `SSD`).
pub fn country_code(field: &str, value: Option<String>) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let upper = value.trim().to_uppercase();
    if upper.len() != 3 || !upper.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(AppError::invalid(
            field,
            format!(
                "`{field}` must be an ISO 3166-1 alpha-3 code such as COD; got `{}`",
                value.trim()
            ),
        ));
    }
    Ok(Some(upper))
}

/// `validFrom` must not be after `validTo`.
pub fn validity(from: NaiveDate, to: Option<NaiveDate>, to_field: &str) -> AppResult<()> {
    match to {
        Some(to) if to < from => Err(AppError::invalid(
            to_field,
            format!("`{to_field}` ({to}) must not be before validFrom ({from})"),
        )),
        _ => Ok(()),
    }
}

/// The visible, unarchived record of `E` that `id` (from input `field`) refers to.
pub async fn reference<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    field: &str,
    id: Uuid,
) -> AppResult<E::Model> {
    let noun = E::KIND.noun();
    let model = crud::find::<E, C>(db, viewer, id)
        .await?
        .ok_or_else(|| AppError::invalid(field, format!("`{field}` refers to no {noun}")))?;
    live_rule::<E>(field, &model)?;
    Ok(model)
}

/// A reference (from input `field`) is to a record that is not archived.
pub fn live_rule<E: Record>(field: &str, model: &E::Model) -> AppResult<()> {
    if let Some(column) = E::ARCHIVED_AT {
        if !matches!(model.get(column), Value::ChronoDateTimeUtc(None)) {
            return Err(AppError::invalid(
                field,
                format!("`{field}` refers to an archived {}", E::KIND.noun()),
            ));
        }
    }
    Ok(())
}

/// Like [`reference`] for an optional reference.
pub async fn optional_reference<E: Record, C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    field: &str,
    id: Option<Uuid>,
) -> AppResult<Option<E::Model>> {
    match id {
        Some(id) => Ok(Some(reference::<E, C>(db, viewer, field, id).await?)),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_as_the_input_or_as_the_column() {
        assert_eq!(
            Fields::Input.name("area_of_responsibility_id"),
            "input.areaOfResponsibilityId"
        );
        assert_eq!(Fields::Input.name("valid_to"), "input.validTo");
        assert_eq!(Fields::Columns.name("valid_to"), "valid_to");
    }

    #[test]
    fn names_are_trimmed_and_must_not_be_empty() {
        assert_eq!(name("input.name", "  MONUSCO ").unwrap(), "MONUSCO");
        assert_eq!(
            name("input.name", "   ").unwrap_err().message(),
            "`input.name` must not be empty"
        );
        let long = "x".repeat(256);
        assert_eq!(
            name("input.name", &long).unwrap_err().message(),
            "`input.name` must be at most 255 characters"
        );
    }

    #[test]
    fn acronyms_and_codes_have_a_shape() {
        assert_eq!(acronym("input.acronym", "monusco").unwrap(), "MONUSCO");
        for bad in ["", "M", "1UN", "UN MISS", "ÜNAMA", &"A".repeat(33)] {
            assert!(acronym("input.acronym", bad).is_err(), "{bad}");
        }
        assert_eq!(
            code("input.code", "use_of_force", 64).unwrap(),
            "USE_OF_FORCE"
        );
        assert!(code("input.code", "use of force", 64).is_err());
    }

    #[test]
    fn country_codes_are_alpha_3() {
        assert_eq!(
            country_code("c", Some("cod".into())).unwrap(),
            Some("COD".into())
        );
        assert_eq!(
            country_code("input.countryCode", Some("CD".into()))
                .unwrap_err()
                .message(),
            "`input.countryCode` must be an ISO 3166-1 alpha-3 code such as COD; got `CD`"
        );
    }

    #[test]
    fn validity_must_not_end_before_it_starts() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(validity(d("2010-01-01"), Some(d("2010-01-01")), "input.validTo").is_ok());
        assert_eq!(
            validity(d("2011-01-01"), Some(d("2010-01-01")), "input.validTo")
                .unwrap_err()
                .message(),
            "`input.validTo` (2010-01-01) must not be before validFrom (2011-01-01)"
        );
    }
}
