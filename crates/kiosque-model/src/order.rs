//! One sort routine for the short lists the app orders (a page's counts, related articles,
//! co-occurring entities, card pages): each call of the standard library's sorts with its own
//! item type or comparison is a copy of the whole routine in the app's wasm (2–4 KB each;
//! `docs/app-size.md`), where these sort the items' positions with one copy for all of them.
//! Lists long enough for the extra indirection to matter (the search's hits, the facets' keys)
//! keep the standard sorts.

use std::cmp::Ordering;

/// Sorts `items` by `order`; items that compare equal keep their order (a stable sort).
pub fn sort_by<T>(items: &mut Vec<T>, order: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let positions = positions_by(items, order);
    let mut taken: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        positions
            .into_iter()
            .filter_map(|p| taken.get_mut(p).and_then(Option::take)),
    );
}

/// Sorts `items` by the key `key` gives each, in increasing order; items of equal keys keep
/// their order (a stable sort).
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions of `items` in the order `order` gives them; items that compare equal keep
/// their order (a stable sort).
pub fn positions_by<T>(items: &[T], order: impl Fn(&T, &T) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut positions, &|a, b| order(&items[a], &items[b]));
    positions
}

/// Sorts plain numbers (card pages' numbers, positions) in increasing order, with the same
/// routine.
pub fn sort_numbers(numbers: &mut [usize]) {
    sort_positions(numbers, &|_, _| Ordering::Equal);
}

/// The sort: positions by `order`, then by position, which makes it stable. Not inlined, so
/// that every caller shares it.
#[inline(never)]
fn sort_positions(positions: &mut [usize], order: &dyn Fn(usize, usize) -> Ordering) {
    positions.sort_unstable_by(|&a, &b| order(a, b).then(a.cmp(&b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_standard_stable_sort(
            items in proptest::collection::vec((0u8..6, 0u16..1000), 0..200),
        ) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|&(key, _)| key);
            proptest::prop_assert_eq!(&ours, &std_sorted);

            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.1.cmp(&a.1));
            let mut std_sorted = items;
            std_sorted.sort_by_key(|item| std::cmp::Reverse(item.1));
            proptest::prop_assert_eq!(ours, std_sorted);
        }
    }

    proptest::proptest! {
        /// Numbers in increasing order, as the standard sort leaves them; positions as the
        /// standard stable sort of their items.
        #[test]
        fn sorts_numbers_and_positions_as_the_standard_sorts(
            items in proptest::collection::vec(0usize..50, 0..200),
        ) {
            let mut ours = items.clone();
            sort_numbers(&mut ours);
            let mut std_sorted = items.clone();
            std_sorted.sort_unstable();
            proptest::prop_assert_eq!(ours, std_sorted);

            let mut std_positions: Vec<usize> = (0..items.len()).collect();
            std_positions.sort_by_key(|&p| items[p] / 3);
            proptest::prop_assert_eq!(positions_by(&items, |a, b| (a / 3).cmp(&(b / 3))), std_positions);
        }
    }

    #[test]
    fn items_that_are_not_copies_are_moved_in_order() {
        let mut words: Vec<String> = ["pear", "fig", "apple", "kiwi", "date"]
            .map(str::to_owned)
            .to_vec();
        sort_by_key(&mut words, String::len);
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "apple"]);
    }
}
