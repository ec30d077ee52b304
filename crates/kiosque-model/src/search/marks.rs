//! Marking the matched terms in a text (a card's title or excerpt, an article's paragraphs).

use std::ops::Range;

use super::terms::{folded_words, words};

/// The byte ranges in `text` of the words whose folded form is one of `terms` (the terms an
/// [`super::Outcome`] matched): sorted, apart, on character boundaries.
pub fn marks(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    // A search's terms come sorted (an `Outcome`'s are): looked up by halves, with no set to
    // build, whose sort would be one more copy of the sort routine in the app's wasm
    // (docs/app-size.md); terms in any other order are looked up one by one.
    let sorted = terms.is_sorted();
    let contains = |word: &str| match sorted {
        true => terms.binary_search_by(|t| t.as_str().cmp(word)).is_ok(),
        false => terms.iter().any(|t| t == word),
    };
    words(text)
        .filter(|(_, folded)| contains(folded) || folded_words(folded).any(contains))
        .map(|(range, _)| range)
        .collect()
}
