//! Reusable query conditions: validity on a date, case-insensitive text match.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition};

/// Rows valid on `date`: `valid_from <= date` and (`valid_to` is null or `date < valid_to`).
pub fn active_on<C: ColumnTrait>(valid_from: C, valid_to: C, date: NaiveDate) -> Condition {
    Condition::all().add(valid_from.lte(date)).add(
        Condition::any()
            .add(valid_to.is_null())
            .add(valid_to.gt(date)),
    )
}

/// A case-insensitive "contains" condition on `column`.
pub fn text_matches<C: ColumnTrait>(column: C, text: &str) -> Condition {
    Condition::all().add(
        Expr::expr(Func::lower(Expr::col(column.as_column_ref())))
            .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
    )
}

/// A `LIKE` pattern matching `text` anywhere, case-insensitively once both sides are lowered;
/// `%`, `_` and the escape character in the user's text match literally.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_in_user_text_are_escaped() {
        assert_eq!(contains_pattern("Mon"), "%mon%");
        assert_eq!(contains_pattern("100%_a\\"), "%100\\%\\_a\\\\%");
    }
}
