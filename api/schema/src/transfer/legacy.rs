//! Documents of format 1, written before missions had dated mandates: a mission's row carried
//! its mandate attributes. Read today, each mission row gives those columns up and they become the
//! mission's first mandate, over the mission's whole period, with the id
//! [`migration::first_mandate_id`] gives: the id the database migration gave the same mission's
//! first mandate, so importing an old document twice, or into the database it was exported from
//! once upgraded, changes nothing.
//!
//! Pure: no database, no I/O.

use serde_json::{Map, Value};
use uuid::Uuid;

/// The columns a format 1 mission row has that a format 2 one moves to its first mandate.
pub const MANDATE_COLUMNS: [&str; 8] = [
    "poc_mandate",
    "poc_first_priority",
    "chapter_vii",
    "human_rights_mandate",
    "supports_host_government",
    "offensive_operations",
    "integrated_presence",
    "risk_environment",
];

/// The columns the first mandate takes from its mission as they are.
const SHARED_COLUMNS: [&str; 5] = [
    "valid_from",
    "valid_to",
    "sensitivity",
    "created_at",
    "updated_at",
];

/// Splits a format 1 mission row into a format 2 mission row and the mission's first mandate.
/// A row that is not an object, or has no readable id, is left whole (its checks will say what
/// is wrong with it).
pub fn split_mission(row: Value) -> (Value, Option<Value>) {
    let Value::Object(mut mission) = row else {
        return (row, None);
    };
    let Some(id) = mission
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
    else {
        return (Value::Object(mission), None);
    };
    let mut mandate = Map::new();
    mandate.insert(
        "id".into(),
        Value::String(migration::first_mandate_id(id).to_string()),
    );
    mandate.insert("mission_id".into(), Value::String(id.to_string()));
    for column in MANDATE_COLUMNS {
        let default = if column == "risk_environment" {
            Value::Null
        } else {
            Value::Bool(false)
        };
        mandate.insert(column.into(), mission.remove(column).unwrap_or(default));
    }
    for column in SHARED_COLUMNS {
        mandate.insert(
            column.into(),
            mission.get(column).cloned().unwrap_or(Value::Null),
        );
    }
    mandate.insert("resolution".into(), Value::Null);
    mandate.insert("note".into(), Value::Null);
    mandate.insert("version".into(), Value::from(1));
    (Value::Object(mission), Some(Value::Object(mandate)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_format_1_mission_gives_its_attributes_to_its_first_mandate() {
        let id = "01937b2e-0000-7000-8000-000000000001";
        let row = json!({
            "id": id, "acronym": "MONUSCO", "poc_mandate": true, "poc_first_priority": true,
            "chapter_vii": true, "human_rights_mandate": true, "supports_host_government": true,
            "offensive_operations": false, "integrated_presence": true, "risk_environment": "HIGH",
            "valid_from": "1999-11-30", "valid_to": null, "sensitivity": "PUBLIC",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z", "version": 3,
        });
        let (mission, mandate) = split_mission(row);
        for column in MANDATE_COLUMNS {
            assert!(
                mission.get(column).is_none(),
                "{column} left on the mission"
            );
        }
        assert_eq!(mission["version"], 3);
        let mandate = mandate.unwrap();
        let expected_id = migration::first_mandate_id(Uuid::parse_str(id).unwrap());
        assert_eq!(mandate["id"], expected_id.to_string());
        assert_ne!(mandate["id"], mission["id"]);
        assert_eq!(mandate["mission_id"], id);
        assert_eq!(mandate["poc_first_priority"], true);
        assert_eq!(mandate["risk_environment"], "HIGH");
        assert_eq!(mandate["valid_from"], "1999-11-30");
        assert_eq!(mandate["valid_to"], Value::Null);
        assert_eq!(mandate["updated_at"], "2026-01-02T00:00:00Z");
        assert_eq!(mandate["version"], 1);
        assert_eq!(mandate["resolution"], Value::Null);
        // The same mission always gives the same first mandate.
        let (_, again) = split_mission(json!({"id": id}));
        assert_eq!(again.unwrap()["id"], expected_id.to_string());
    }

    #[test]
    fn a_row_without_an_id_is_left_whole() {
        let row = json!({"acronym": "X", "poc_mandate": true});
        assert_eq!(split_mission(row.clone()), (row, None));
        assert_eq!(split_mission(json!([1])), (json!([1]), None));
    }
}
