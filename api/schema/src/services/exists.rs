//! Whether a record of any kind exists and is visible, for references that may point at any
//! table (source citations, audit entries).

use sea_orm::sea_query::{Alias, Expr, ExprTrait, SelectStatement};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::access::Viewer;
use super::crud;
use super::record::RecordKind;
use crate::error::AppResult;

/// Whether the record `id` of `kind` exists and the caller may see it.
pub async fn record_exists<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    kind: RecordKind,
    id: Uuid,
) -> AppResult<bool> {
    macro_rules! probe {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            match kind {
                $(RecordKind::$kind => crud::find::<entity::$module::Entity, C>(db, viewer, id)
                    .await?
                    .is_some(),)*
            }
        };
    }
    Ok(entity::for_each_record!(probe))
}

/// `SELECT id FROM <table of kind> WHERE <visible to viewer>`, for conditions on rows that name
/// a record of any kind (audit entries). A citation is visible when it and the record it cites
/// are, so that an entry about a citation never tells of a record the caller may not see.
pub fn visible_ids(viewer: &Viewer, kind: RecordKind) -> SelectStatement {
    let mut ids = visible_rows(viewer, kind);
    if kind == RecordKind::SourceCitation {
        use entity::source_citation::Column;
        use sea_orm::{ColumnTrait, Condition};
        let cited = RecordKind::ALL
            .into_iter()
            .filter(|cited| *cited != RecordKind::SourceCitation)
            .fold(Condition::any(), |cond, cited| {
                // Correlated, one index lookup per citation: an `IN (visible ids)` would read
                // every visible row of the cited table as soon as one citation is checked.
                let mut probe = visible_rows(viewer, cited);
                probe.and_where(Expr::col((Alias::new(cited.table()), Alias::new("id"))).eq(
                    Expr::col((entity::source_citation::Entity, Column::RecordId)),
                ));
                cond.add(
                    Condition::all()
                        .add(Column::RecordType.eq(cited.name()))
                        .add(Expr::exists(probe)),
                )
            });
        ids.cond_where(cited);
    }
    ids
}

/// `SELECT id FROM <table of kind> WHERE <visible to viewer>` (`Viewer::visible`).
fn visible_rows(viewer: &Viewer, kind: RecordKind) -> SelectStatement {
    use sea_orm::{EntityTrait, QueryFilter, QuerySelect, QueryTrait};
    macro_rules! ids {
        (() $($module:ident $kind:ident $table:ident { $($column:tt)* })*) => {
            match kind {
                $(RecordKind::$kind => entity::$module::Entity::find()
                    .select_only()
                    .column(<entity::$module::Entity as super::record::Record>::ID)
                    .filter(viewer.visible::<entity::$module::Entity>())
                    .into_query(),)*
            }
        };
    }
    entity::for_each_record!(ids)
}
