//! Parent links within one table (organisations, geographic areas, components, clusters):
//! setting a parent must not make a record its own ancestor.

use sea_orm::{ColumnTrait, ConnectionTrait, ModelTrait, QueryFilter, Value};
use uuid::Uuid;

use super::record::Record;
use crate::error::{AppError, AppResult};

/// Deepest tree the walk follows; deeper (or looping) data is reported, never followed forever.
const MAX_DEPTH: usize = 256;

/// Fails with BAD_USER_INPUT on `field` when making `parent` the parent of `id` would close a
/// cycle. Walks up from `parent`, one lookup per level.
pub async fn ensure_no_cycle<E: Record, C: ConnectionTrait>(
    db: &C,
    parent_column: E::Column,
    id: Uuid,
    parent: Uuid,
    field: &str,
) -> AppResult<()> {
    let noun = E::KIND.noun();
    let mut path = vec![parent];
    let mut current = parent;
    for _ in 0..MAX_DEPTH {
        if current == id {
            return Err(AppError::invalid(
                field,
                format!(
                    "`{field}` would make the {noun} its own ancestor (cycle of {} {noun} records)",
                    path.len()
                ),
            ));
        }
        let row = E::find().filter(E::ID.eq(current)).one(db).await?;
        match row.map(|r| r.get(parent_column)) {
            Some(Value::Uuid(Some(next))) => {
                if path.contains(&next) {
                    // Existing bad data loops above the new parent without reaching `id`.
                    return Ok(());
                }
                path.push(next);
                current = next;
            }
            _ => return Ok(()),
        }
    }
    Err(AppError::invalid(
        field,
        format!("`{field}` is more than {MAX_DEPTH} levels deep"),
    ))
}
