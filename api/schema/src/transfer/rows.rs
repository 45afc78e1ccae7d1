//! Rows as the transfer formats carry them: one JSON object per record, keyed by column name,
//! with the values as the entity serialises them (ids and dates as strings, enumerations as
//! their stored names). This module checks a row against its table before anything touches the
//! database: the columns, their types and lengths, the field rules of `services::validate`, the
//! validity period and the "exactly one of" groups.
//!
//! Pure: no database, no I/O.

use sea_orm::sea_query::{ColumnType, StringLen};
use sea_orm::{ColumnTrait, EntityTrait, Iterable};
use serde_json::{Map, Value};

use super::tables::{Rule, TableSpec, BOOKKEEPING};
use crate::services::record::RecordKind;
use crate::services::validate;

/// One record: column name → value.
pub type Row = Map<String, Value>;

/// A row refused: the column at fault (when one is) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: Option<String>,
    pub message: String,
}

impl RowError {
    pub fn at(column: &str, message: impl Into<String>) -> Self {
        Self {
            column: Some(column.to_owned()),
            message: message.into(),
        }
    }
}

/// The column names of `E`, in declaration order.
pub fn columns<E: EntityTrait>() -> Vec<&'static str> {
    use sea_orm::IdenStatic;
    E::Column::iter().map(|c| c.as_str()).collect()
}

/// The longest value a text column holds, where it is bounded.
fn max_chars<E: EntityTrait>(column: &str) -> Option<usize> {
    use sea_orm::IdenStatic;
    let col = E::Column::iter().find(|c| c.as_str() == column)?;
    match col.def().get_column_type() {
        ColumnType::String(StringLen::N(n)) | ColumnType::Char(Some(n)) => Some(*n as usize),
        _ => None,
    }
}

fn column_type<E: EntityTrait>(column: &str) -> Option<ColumnType> {
    use sea_orm::IdenStatic;
    E::Column::iter()
        .find(|c| c.as_str() == column)
        .map(|c| c.def().get_column_type().clone())
}

/// Applies a column's rule to its value, returning the normalised value.
fn apply_rule(column: &str, rule: Rule, value: &Value) -> Result<Value, RowError> {
    let text = match value {
        Value::Null => return Ok(Value::Null),
        Value::String(s) => s.clone(),
        // A wrong type is reported by the typed check that follows, with the column's type.
        _ => return Ok(value.clone()),
    };
    let refused = |err: crate::error::AppError| RowError::at(column, err.message());
    let out = match rule {
        Rule::Name => Some(validate::name(column, &text).map_err(refused)?),
        Rule::Text => validate::text(column, Some(text)).map_err(refused)?,
        Rule::Acronym if text.trim().is_empty() => None,
        Rule::Acronym => Some(validate::acronym(column, &text).map_err(refused)?),
        Rule::Code(_) if text.trim().is_empty() => None,
        Rule::Code(max) => Some(validate::code(column, &text, max).map_err(refused)?),
        Rule::Country if text.trim().is_empty() => None,
        Rule::Country => validate::country_code(column, Some(text)).map_err(refused)?,
    };
    Ok(out.map_or(Value::Null, Value::String))
}

/// A clearer message than the deserialiser's for the usual mistakes.
fn type_message(
    column: &str,
    kind: Option<&ColumnType>,
    value: Option<&Value>,
    inner: String,
) -> String {
    let shown = match value {
        Some(Value::String(s)) => format!("`{s}`"),
        Some(Value::Null) | None => "null".to_owned(),
        Some(other) => format!("`{other}`"),
    };
    match (kind, value) {
        (_, None | Some(Value::Null)) => format!("`{column}` must not be null"),
        (Some(ColumnType::Date), _) => {
            format!("`{column}`: {shown} is not a date; write it as YYYY-MM-DD")
        }
        (Some(ColumnType::Uuid), _) => format!("`{column}`: {shown} is not a UUID"),
        (Some(ColumnType::TimestampWithTimeZone | ColumnType::Timestamp), _) => format!(
            "`{column}`: {shown} is not a timestamp; write it as RFC 3339, e.g. 2024-05-01T12:00:00Z"
        ),
        (Some(ColumnType::Boolean), _) => format!("`{column}`: {shown} is not true or false"),
        _ => format!("`{column}`: {inner}"),
    }
}

/// Checks one row of `spec`'s table `E` and returns it normalised (values as the entity
/// serialises them, text trimmed and codes upper-cased), or the first problem found.
pub fn check<E>(spec: &TableSpec, value: Value) -> Result<Row, RowError>
where
    E: EntityTrait,
    E::Model: serde::de::DeserializeOwned + serde::Serialize,
{
    let Value::Object(mut row) = value else {
        return Err(RowError {
            column: None,
            message: "a row must be a JSON object of column → value".into(),
        });
    };
    let known = columns::<E>();
    if let Some(unknown) = row.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(RowError::at(
            unknown,
            format!("`{unknown}` is not a column of {}", spec.name),
        ));
    }
    if let Some(missing) = known.iter().find(|c| !row.contains_key(**c)) {
        return Err(RowError::at(
            missing,
            format!("the column `{missing}` is missing; give every column, null where empty"),
        ));
    }
    for (column, rule) in spec.rules {
        if let Some(value) = row.get(*column) {
            let normalised = apply_rule(column, *rule, value)?;
            row.insert((*column).to_owned(), normalised);
        }
    }
    for column in &known {
        if let (Some(max), Some(Value::String(s))) = (max_chars::<E>(column), row.get(*column)) {
            if s.chars().count() > max {
                return Err(RowError::at(
                    column,
                    format!("`{column}` must be at most {max} characters"),
                ));
            }
        }
    }
    let original = row.clone();
    let model: E::Model = serde_path_to_error::deserialize(Value::Object(row)).map_err(|err| {
        let column = err.path().to_string();
        let inner = err.inner().to_string();
        let kind = column_type::<E>(&column);
        let message = type_message(&column, kind.as_ref(), original.get(&column), inner);
        RowError {
            column: Some(column).filter(|c| c != "."),
            message,
        }
    })?;
    let Value::Object(row) = serde_json::to_value(&model).map_err(|err| RowError {
        column: None,
        message: format!("the row cannot be read back: {err}"),
    })?
    else {
        return Err(RowError {
            column: None,
            message: "the row is not an object".into(),
        });
    };
    check_rules(spec, &row)?;
    Ok(row)
}

/// The checks across columns: validity order, "exactly one" and "at least one" groups, and
/// the constraints the migrations state on single columns.
pub fn check_rules(spec: &TableSpec, row: &Row) -> Result<(), RowError> {
    if let (Some(from), Some(to)) = (date(row, "valid_from"), date(row, "valid_to")) {
        validate::validity(from, Some(to), "valid_to")
            .map_err(|err| RowError::at("valid_to", err.message()))?;
    }
    for group in spec.exactly_one {
        let set: Vec<&str> = group.iter().copied().filter(|c| is_set(row, c)).collect();
        match set.as_slice() {
            [_] => {}
            [] => {
                return Err(RowError::at(
                    group[0],
                    format!("set exactly one of {}; none is set", listed(group)),
                ))
            }
            [_, second, ..] => {
                return Err(RowError::at(
                    second,
                    format!(
                        "set exactly one of {}; {} are set",
                        listed(group),
                        listed(&set)
                    ),
                ))
            }
        }
    }
    for group in spec.at_least_one {
        if !group.iter().any(|c| is_set(row, c)) {
            return Err(RowError::at(
                group[0],
                format!("set at least one of {}", listed(group)),
            ));
        }
    }
    if let Some(tier) = row.get("poc_tier").and_then(Value::as_i64) {
        if !(1..=3).contains(&tier) {
            return Err(RowError::at(
                "poc_tier",
                format!("`poc_tier` must be 1, 2 or 3; got {tier}"),
            ));
        }
    }
    if spec.kind == RecordKind::ForumLink && row.get("forum_id") == row.get("target_forum_id") {
        return Err(RowError::at(
            "target_forum_id",
            "`target_forum_id` must be another forum than `forum_id`: a forum cannot be linked to itself",
        ));
    }
    if spec.kind == RecordKind::SourceCitation {
        let named = row.get("record_type").and_then(Value::as_str).unwrap_or("");
        if RecordKind::from_name(named).is_none() {
            return Err(RowError::at(
                "record_type",
                format!("`record_type` `{named}` names no kind of record (e.g. Mission, Forum)"),
            ));
        }
    }
    Ok(())
}

fn listed(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_set(row: &Row, column: &str) -> bool {
    row.get(column).is_some_and(|v| !v.is_null())
}

/// A date column's value.
pub fn date(row: &Row, column: &str) -> Option<chrono::NaiveDate> {
    row.get(column)?.as_str()?.parse().ok()
}

/// A UUID column's value.
pub fn uuid(row: &Row, column: &str) -> Option<uuid::Uuid> {
    row.get(column)?.as_str()?.parse().ok()
}

/// Whether two versions of a record hold the same facts (bookkeeping columns aside).
pub fn same_content(a: &Row, b: &Row) -> bool {
    let facts = |row: &Row| {
        row.iter()
            .filter(|(k, _)| !BOOKKEEPING.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    facts(a) == facts(b)
}

/// Whether `new` differs from `old` only by an end date that `old` did not have, or had later:
/// the period is being ended.
pub fn only_ends(old: &Row, new: &Row) -> bool {
    let ended = match (date(old, "valid_to"), date(new, "valid_to")) {
        (None, Some(_)) => true,
        (Some(before), Some(after)) => after < before,
        _ => false,
    };
    if !ended {
        return false;
    }
    let mut old = old.clone();
    old.insert(
        "valid_to".into(),
        new.get("valid_to").cloned().unwrap_or(Value::Null),
    );
    same_content(&old, new)
}

/// A row written with its keys sorted, on one line: the same record always gives the same bytes.
pub fn canonical(row: &Row) -> String {
    let sorted: std::collections::BTreeMap<&String, &Value> = row.iter().collect();
    serde_json::to_string(&sorted).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::tables;
    use serde_json::json;

    fn membership() -> Value {
        json!({
            "id": "0190b7a4-0000-7000-8000-000000000001",
            "forum_id": "0190b7a4-0000-7000-8000-000000000002",
            "member_organization_id": "0190b7a4-0000-7000-8000-000000000003",
            "member_component_id": null,
            "member_post_id": null,
            "capacity": "OBSERVER",
            "note": "  customary observer role ",
            "valid_from": "2009-01-01",
            "valid_to": null,
            "sensitivity": "PUBLIC",
            "created_at": "2024-05-01T12:00:00Z",
            "updated_at": "2024-05-01T12:00:00Z",
            "version": 1
        })
    }

    fn spec(name: &str) -> &'static TableSpec {
        tables::table(name).unwrap()
    }

    fn refused(value: Value) -> RowError {
        check::<entity::forum_membership::Entity>(spec("forum_memberships"), value).unwrap_err()
    }

    #[test]
    fn a_good_row_comes_back_normalised() {
        let row =
            check::<entity::forum_membership::Entity>(spec("forum_memberships"), membership())
                .unwrap();
        assert_eq!(row["note"], json!("customary observer role"));
        assert_eq!(row["capacity"], json!("OBSERVER"));
    }

    #[test]
    fn each_mistake_names_its_column() {
        let mut v = membership();
        v["capacity"] = json!("WATCHER");
        let err = refused(v);
        assert_eq!(err.column.as_deref(), Some("capacity"));
        assert!(err
            .message
            .starts_with("`capacity`: unknown variant `WATCHER`, expected one of"));

        let mut v = membership();
        v["valid_from"] = json!("2009-13-01");
        assert_eq!(
            refused(v),
            RowError::at(
                "valid_from",
                "`valid_from`: `2009-13-01` is not a date; write it as YYYY-MM-DD"
            )
        );

        let mut v = membership();
        v["valid_to"] = json!("2008-01-01");
        assert_eq!(
            refused(v),
            RowError::at(
                "valid_to",
                "`valid_to` (2008-01-01) must not be before validFrom (2009-01-01)"
            )
        );

        let mut v = membership();
        v["member_post_id"] = json!("0190b7a4-0000-7000-8000-000000000009");
        assert_eq!(
            refused(v),
            RowError::at(
                "member_post_id",
                "set exactly one of `member_organization_id`, `member_component_id`, `member_post_id`; `member_organization_id`, `member_post_id` are set"
            )
        );

        let mut v = membership();
        v.as_object_mut().unwrap().remove("note");
        assert_eq!(
            refused(v),
            RowError::at(
                "note",
                "the column `note` is missing; give every column, null where empty"
            )
        );

        let mut v = membership();
        v["colour"] = json!("blue");
        assert_eq!(
            refused(v),
            RowError::at("colour", "`colour` is not a column of forum_memberships")
        );

        let mut v = membership();
        v["forum_id"] = Value::Null;
        assert_eq!(
            refused(v),
            RowError::at("forum_id", "`forum_id` must not be null")
        );
    }

    #[test]
    fn lengths_follow_the_columns() {
        let org = json!({
            "id": "0190b7a4-0000-7000-8000-000000000001",
            "code": "UNHCR",
            "name": "x".repeat(256),
            "kind": "UN_AGENCY",
            "parent_id": null,
            "country_code": null,
            "description": null,
            "archived_at": null,
            "sensitivity": "PUBLIC",
            "created_at": "2024-05-01T12:00:00Z",
            "updated_at": "2024-05-01T12:00:00Z",
            "version": 1
        });
        let err = check::<entity::organization::Entity>(spec("organizations"), org).unwrap_err();
        assert_eq!(
            err,
            RowError::at("name", "`name` must be at most 255 characters")
        );
    }

    #[test]
    fn an_end_date_alone_is_an_ending() {
        let old =
            check::<entity::forum_membership::Entity>(spec("forum_memberships"), membership())
                .unwrap();
        let mut new = old.clone();
        new.insert("valid_to".into(), json!("2012-01-01"));
        assert!(only_ends(&old, &new));
        new.insert("capacity".into(), json!("MEMBER"));
        assert!(!only_ends(&old, &new));
        assert!(!same_content(&old, &new));
        let mut touched = old.clone();
        touched.insert("version".into(), json!(7));
        assert!(same_content(&old, &touched));
    }
}
