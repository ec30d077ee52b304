//! Marking the matched terms in a text (a card's title or excerpt, an article's paragraphs).

use std::collections::BTreeSet;
use std::ops::Range;

use super::terms::{folded_words, words};

/// The byte ranges in `text` of the words whose folded form is one of `terms` (the terms an
/// [`super::Outcome`] matched): sorted, apart, on character boundaries.
pub fn marks(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() {
        return Vec::new();
    }
    let terms: BTreeSet<&str> = terms.iter().map(String::as_str).collect();
    words(text)
        .filter(|(_, folded)| {
            terms.contains(folded.as_str()) || folded_words(folded).any(|w| terms.contains(w))
        })
        .map(|(range, _)| range)
        .collect()
}
