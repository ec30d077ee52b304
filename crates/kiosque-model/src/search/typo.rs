//! Typo tolerance: how far a query word may be from an index term and still find it.
//!
//! The distance is Damerau–Levenshtein in its restricted form (optimal string alignment: one
//! insertion, deletion, substitution or swap of two neighbours counts 1), in characters of the
//! folded words. Words of fewer than five characters get no typo; five to eight, one; nine and
//! more, two. Typos are only looked for among the terms that start with the same two
//! characters as the query word: the index is split by term, and this keeps the parts a typo
//! needs few. A typo in the first two letters is not found ("Uoursk" does not find "Koursk").

/// How many typos a query word of `chars` characters may have.
pub fn allowed(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How many leading characters a typo never touches (the parts fetched for a typo are those
/// of the terms that share them).
pub const KEPT: usize = 2;

/// The distance between `query` and `term` (or, with `prefix`, the smallest distance between
/// `query` and a start of `term`) when it is at most `max`; `None` beyond.
pub fn within(query: &[char], term: &[char], max: usize, prefix: bool) -> Option<usize> {
    within_using(query, term, max, prefix, &mut Rows::default())
}

/// The rows of the table [`within_using`] fills, kept from one term to the next: a query
/// measured against thousands of terms allocates them once.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// [`within`] over any letters (characters, or the bytes of ASCII words), with its table in
/// `rows`.
pub(crate) fn within_using<T: PartialEq>(
    query: &[T],
    term: &[T],
    max: usize,
    prefix: bool,
    rows: &mut Rows,
) -> Option<usize> {
    let (n, m) = (query.len(), term.len());
    if !prefix && n.abs_diff(m) > max {
        return None;
    }
    if prefix && m + max < n {
        return None;
    }
    // A start of the term longer than the query and its typos is too far already: a prefix
    // is measured against the term's first `n + max` letters only.
    let (term, m) = if prefix && m > n + max {
        (&term[..n + max], n + max)
    } else {
        (term, m)
    };
    // Three rows of the optimal string alignment table: rows are query characters, columns
    // term characters.
    let Rows {
        before,
        previous,
        current,
    } = rows;
    before.clear();
    before.resize(m + 1, 0);
    previous.clear();
    previous.extend(0..=m);
    current.clear();
    current.resize(m + 1, 0);
    for i in 1..=n {
        current[0] = i;
        let mut best = current[0];
        for j in 1..=m {
            let cost = usize::from(query[i - 1] != term[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && query[i - 1] == term[j - 2] && query[i - 2] == term[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(before, previous);
        std::mem::swap(previous, current);
    }
    // `previous` holds the last row.
    let distance = if prefix {
        previous.iter().copied().min().unwrap_or(n)
    } else {
        previous[m]
    };
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str, max: usize, prefix: bool) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        within(&a, &b, max, prefix)
    }

    #[test]
    fn the_number_of_typos_grows_with_the_word() {
        let cases = [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (14, 2)];
        for (chars, typos) in cases {
            assert_eq!(allowed(chars), typos, "{chars} characters");
        }
    }

    #[test]
    fn damerau_levenshtein_distances() {
        let cases: &[(&str, &str, usize, Option<usize>)] = &[
            ("kourakove", "kourakhove", 2, Some(1)),
            ("koursk", "koursk", 1, Some(0)),
            ("kousrk", "koursk", 1, Some(1)),
            ("kurskk", "koursk", 1, None),
            ("zelenski", "zelensky", 1, Some(1)),
            ("zelenskyy", "zelensky", 1, Some(1)),
            ("poutine", "putin", 1, None),
            ("ukrainien", "ukrainienne", 2, Some(2)),
            ("ca", "ac", 1, Some(1)),
        ];
        for &(a, b, max, expected) in cases {
            assert_eq!(distance(a, b, max, false), expected, "{a} / {b}");
        }
    }

    proptest::proptest! {
        /// ASCII words are measured on their bytes, with rows kept from one term to the next:
        /// the same distances as on their characters.
        #[test]
        fn bytes_with_kept_rows_measure_as_characters(
            pairs in proptest::collection::vec(("[a-e]{0,9}", "[a-e]{0,12}", 0usize..3, proptest::bool::ANY), 1..20),
        ) {
            let mut rows = Rows::default();
            for (query, term, max, prefix) in &pairs {
                let bytes = within_using(query.as_bytes(), term.as_bytes(), *max, *prefix, &mut rows);
                proptest::prop_assert_eq!(bytes, distance(query, term, *max, *prefix), "{} / {}", query, term);
            }
        }

        /// A prefix's distance is the smallest of the distances to every start of the term.
        #[test]
        fn a_prefix_is_as_near_as_the_nearest_start_of_the_term(
            query in "[a-c]{0,7}", term in "[a-c]{0,14}", max in 0usize..3,
        ) {
            let nearest = (0..=term.len())
                .filter_map(|end| distance(&query, &term[..end], max, false))
                .min();
            proptest::prop_assert_eq!(distance(&query, &term, max, true), nearest, "{} / {}", query, term);
        }
    }

    #[test]
    fn a_prefix_is_measured_against_the_start_of_the_term() {
        assert_eq!(distance("kourako", "kourakhove", 1, true), Some(1));
        assert_eq!(distance("kourakh", "kourakhove", 1, true), Some(0));
        assert_eq!(distance("kouzzzz", "kourakhove", 1, true), None);
    }
}
