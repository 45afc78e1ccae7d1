//! What a caller may read of a record it may see, field by field. Seeing a record is decided by
//! [`Viewer::visible`]; some fields need more (contact details of persons need INTERNAL
//! clearance). This is the one place that says which: the GraphQL types refuse such a field at
//! its path, and every other way out of the API (exports, the audit log's `before`/`after`)
//! passes rows through [`project`], so the two cannot drift.

use entity::enums::Sensitivity;
use serde_json::{Map, Value};

use super::access::Viewer;
use super::record::RecordKind;
use crate::error::{AppError, AppResult};

/// A group of fields that need more than seeing their record.
struct Guarded {
    kind: RecordKind,
    /// Column names, as in rows and audit snapshots.
    columns: &'static [&'static str],
    /// Whether `viewer` may read them.
    readable: fn(&Viewer) -> bool,
    /// Why not, in the FORBIDDEN error.
    refusal: &'static str,
}

/// Contact details are personal data: INTERNAL clearance, never a partner token.
fn may_read_contact_details(viewer: &Viewer) -> bool {
    viewer.partner.is_none() && viewer.clearance() >= Sensitivity::Internal
}

const GUARDED: &[Guarded] = &[Guarded {
    kind: RecordKind::Person,
    columns: &["email", "phone"],
    readable: may_read_contact_details,
    refusal: "contact details need INTERNAL clearance",
}];

fn guard_of(kind: RecordKind, column: &str) -> Option<&'static Guarded> {
    GUARDED
        .iter()
        .find(|g| g.kind == kind && g.columns.contains(&column))
}

/// Fails with FORBIDDEN when `viewer` may not read `column` of a record of `kind` it sees.
pub fn check_field(viewer: &Viewer, kind: RecordKind, column: &str) -> AppResult<()> {
    match guard_of(kind, column) {
        Some(guard) if !(guard.readable)(viewer) => Err(AppError::Forbidden(guard.refusal.into())),
        _ => Ok(()),
    }
}

/// Sets to null every column of `row` (a record of `kind`) that `viewer` may not read.
pub fn project(viewer: &Viewer, kind: RecordKind, row: &mut Map<String, Value>) {
    for guard in GUARDED.iter().filter(|g| g.kind == kind) {
        if (guard.readable)(viewer) {
            continue;
        }
        for column in guard.columns {
            if let Some(value) = row.get_mut(*column) {
                *value = Value::Null;
            }
        }
    }
}

/// [`project`] on a JSON value, when it is an object (audit snapshots).
pub fn project_value(viewer: &Viewer, kind: RecordKind, value: &mut Value) {
    if let Value::Object(row) = value {
        project(viewer, kind, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::access::Role;
    use serde_json::json;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            actor: "t".into(),
            role,
            partner: None,
            edit_scope: None,
        }
    }

    #[test]
    fn contact_details_are_withheld_below_internal() {
        let row = json!({"full_name": "A", "email": "a@example.org", "phone": "+1 555"});
        let mut anonymous = row.clone();
        project_value(&viewer(Role::Anonymous), RecordKind::Person, &mut anonymous);
        assert_eq!(
            anonymous,
            json!({"full_name": "A", "email": null, "phone": null})
        );
        let mut analyst = row.clone();
        project_value(&viewer(Role::Viewer), RecordKind::Person, &mut analyst);
        assert_eq!(analyst, row);
        assert!(check_field(&viewer(Role::Anonymous), RecordKind::Person, "email").is_err());
        assert!(check_field(&viewer(Role::Viewer), RecordKind::Person, "phone").is_ok());
        assert!(check_field(&viewer(Role::Anonymous), RecordKind::Person, "full_name").is_ok());
    }

    #[test]
    fn other_kinds_keep_columns_of_the_same_name() {
        let mut row = json!({"email": "desk@example.org"});
        project_value(&viewer(Role::Anonymous), RecordKind::Organization, &mut row);
        assert_eq!(row, json!({"email": "desk@example.org"}));
    }
}
