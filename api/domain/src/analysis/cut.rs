//! Cutting a sorted answer at the size it was charged for.
//!
//! An analysis answer is charged, before it runs, for at most a number of items (the `first`
//! its caller gave, else the list's maximum). The answer is cut at that size after it is
//! sorted, so the same records give the same items, and it says that it was cut: a list never
//! holds more than it was charged for, and never drops items without saying so.

/// The first `limit` items of a sorted list, and whether more existed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capped<T> {
    pub items: Vec<T>,
    /// Items beyond `limit` were left out.
    pub truncated: bool,
}

impl<T> Capped<T> {
    /// Keeps the first `limit` items of `items` (already in their final order).
    pub fn new(mut items: Vec<T>, limit: usize) -> Self {
        let truncated = cut(&mut items, limit);
        Self { items, truncated }
    }
}

/// Cuts `items` (already in their final order) to their first `limit`; true when some were
/// left out.
pub fn cut<T>(items: &mut Vec<T>, limit: usize) -> bool {
    let truncated = items.len() > limit;
    items.truncate(limit);
    truncated
}

/// The first `limit` items of `items`, and whether more existed.
pub fn first<T>(items: &[T], limit: usize) -> (&[T], bool) {
    if items.len() > limit {
        (&items[..limit], true)
    } else {
        (items, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_list_keeps_its_first_items_and_says_it_was_cut() {
        let capped = Capped::new(vec![1, 2, 3, 4, 5], 3);
        assert_eq!(capped.items, vec![1, 2, 3]);
        assert!(capped.truncated);
        assert_eq!(first(&[1, 2, 3, 4], 2), (&[1, 2][..], true));
    }

    #[test]
    fn a_list_at_or_under_the_limit_is_kept_whole() {
        for (items, limit) in [(vec![1, 2, 3], 3), (vec![1, 2], 3), (vec![], 1)] {
            let capped = Capped::new(items.clone(), limit);
            assert_eq!(capped.items, items);
            assert!(!capped.truncated);
            assert_eq!(first(&items, limit), (&items[..], false));
        }
    }

    #[test]
    fn a_limit_of_zero_keeps_nothing() {
        let mut items = vec!['a'];
        assert!(cut(&mut items, 0));
        assert!(items.is_empty());
    }
}
