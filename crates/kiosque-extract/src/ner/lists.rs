//! Typing an unknown name by the list it stands in: "avec le partenariat du Monde, de
//! Télérama, du Journal des Arts", "Google, Apple, Zorbacorp and Microsoft". A list of
//! organisations or of places holds more of the same; a list of people is left to the linker,
//! which types lone names from the corpus.

use super::*;

/// Words that may join two names of a list: a comma or a conjunction, then perhaps a
/// preposition and an article ("de la", "and the").
const GLUE: &[&str] = &[
    ",", "et", "and", "ou", "or", "de", "du", "des", "d'", "la", "le", "les", "l'", "the", "a",
    "au", "aux", "in",
];

/// Words that separate the items of a list.
const SEPARATORS: &[&str] = &[",", "et", "and", "ou", "or"];

/// Whether only a list's glue, with a separator, lies between tokens `last` and `first`.
fn joined(tokens: &[Token<'_>], last: usize, first: usize) -> bool {
    let between = &tokens[last + 1..first];
    (1..=4).contains(&between.len())
        && !tokens[first].after_newline
        && between
            .iter()
            .all(|t| !t.after_newline && contains(GLUE, folded(t)))
        && between.iter().any(|t| contains(SEPARATORS, folded(t)))
}

/// Gives the untyped candidates of a list of three names or more the label that most of its
/// typed names share (two at least, and three in four of them: a channel such as "France 5",
/// read as the country, does not break a list of media), when that is an organisation or a
/// place. The label is a guess from context (`Evidence::Weak`); a common word stays untyped
/// ("le Fond monétaire international", misspelt, is no organisation "Fond"). `candidates` are
/// in text order.
pub(super) fn type_by_list(
    tokens: &[Token<'_>],
    candidates: &mut [Candidate],
    knowledge: &Knowledge,
) {
    let mut start = 0;
    while start < candidates.len() {
        let mut end = start + 1;
        while end < candidates.len()
            && joined(tokens, candidates[end - 1].last, candidates[end].first)
        {
            end += 1;
        }
        let list = &mut candidates[start..end];
        let typed = list.iter().filter(|c| c.label.is_some()).count();
        let count = |label: Label| {
            list.iter()
                .filter(|c| c.label.is_some_and(|(l, _)| l == label))
                .count()
        };
        let label = [Label::Organisation, Label::Place]
            .into_iter()
            .find(|&label| count(label) >= 2 && 4 * count(label) >= 3 * typed);
        if list.len() >= 3
            && typed < list.len()
            && let Some(label) = label
        {
            for c in list.iter_mut().filter(|c| {
                c.label.is_none()
                    && !(c.first == c.last && knowledge.is_common_folded(&tokens[c.first].folded))
            }) {
                c.label = Some((label, Evidence::Weak));
            }
        }
        start = end;
    }
}
