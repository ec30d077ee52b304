//! Why a filtered view is empty, in words a reader can act on.

use crate::display::{isolate, quote_id};
use crate::entity::{Entity, EntityId};
use crate::facets::filter;
use crate::index::Corpus;
use crate::selection::Selection;

/// The reason a view shows no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmptyReason<'a> {
    /// The corpus has no articles at all.
    NoArticles,
    /// Some ids in the URL are not entities of this corpus (a stale or mistyped link).
    Unknown(Vec<&'a str>),
    /// The selected entities exist, but no article mentions all of them.
    NoneMentionsAll(Vec<&'a Entity>),
}

impl EmptyReason<'_> {
    /// A sentence saying why: `‘loc-x’ is not in this corpus`, `No article mentions both Koursk
    /// and Xiaomi`. Ids and names are bidi-isolated ([`isolate`]) and ids shortened
    /// ([`quote_id`]): they come from the URL and the data.
    pub fn message(&self) -> String {
        match self {
            EmptyReason::NoArticles => "This corpus has no articles yet.".to_owned(),
            EmptyReason::Unknown(ids) => {
                let quoted: Vec<String> = ids.iter().map(|id| quote_id(id)).collect();
                let verb = if ids.len() == 1 { "is" } else { "are" };
                format!("{} {verb} not in this corpus.", join_and(&quoted))
            }
            EmptyReason::NoneMentionsAll(entities) => {
                let names: Vec<String> = entities.iter().map(|e| isolate(&e.name)).collect();
                match names.as_slice() {
                    [one] => format!("No article mentions {one}."),
                    [a, b] => format!("No article mentions both {a} and {b}."),
                    _ => format!("No article mentions all of {}.", join_and(&names)),
                }
            }
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why `selection` shows nothing, or `None` when it shows at least one article.
pub fn explain_empty<'a>(corpus: &'a Corpus, selection: &'a Selection) -> Option<EmptyReason<'a>> {
    if corpus.articles().is_empty() {
        return Some(EmptyReason::NoArticles);
    }
    let unknown: Vec<&str> = selection
        .entities()
        .iter()
        .filter(|id| corpus.entity(id).is_none())
        .map(EntityId::as_str)
        .chain(selection.not_ids().iter().map(String::as_str))
        .collect();
    if !unknown.is_empty() {
        return Some(EmptyReason::Unknown(unknown));
    }
    if !filter(corpus, selection).is_empty() {
        return None;
    }
    let entities = selection
        .entities()
        .iter()
        .filter_map(|id| corpus.entity(id))
        .collect();
    Some(EmptyReason::NoneMentionsAll(entities))
}

/// Why a search shows nothing: the words that no article contains, or that no article (among
/// those the entity filter keeps, when `filtered`) contains them all.
pub fn no_search_match(search: &str, unmatched: &[String], filtered: bool) -> String {
    if !unmatched.is_empty() {
        let quoted: Vec<String> = unmatched
            .iter()
            .map(|w| crate::display::quote_search(w))
            .collect();
        return format!("No article contains {}.", join_and(&quoted));
    }
    let quoted = crate::display::quote_search(search);
    if filtered {
        format!("No article with the selected entities matches {quoted}.")
    } else {
        format!("No article contains all the words of {quoted}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
    use crate::testing::{article, corpus, entity};

    fn sample() -> Corpus {
        let mut koursk = entity("loc-koursk", Label::Place, 3);
        koursk.name = "Koursk".into();
        let mut xiaomi = entity("org-xiaomi", Label::Organisation, 1);
        xiaomi.name = "Xiaomi".into();
        let mut otan = entity("org-otan", Label::Organisation, 1);
        otan.name = "OTAN".into();
        corpus(
            vec![
                article("a", &["loc-koursk"]),
                article("b", &["org-xiaomi"]),
                article("c", &["org-otan"]),
            ],
            vec![koursk, xiaomi, otan],
        )
    }

    #[test]
    fn a_search_without_result_says_which_words_are_missing() {
        let strip = |s: String| s.replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(
            strip(no_search_match("koursk zzz", &["zzz".into()], false)),
            "No article contains “zzz”."
        );
        assert_eq!(
            strip(no_search_match("koursk xiaomi", &[], false)),
            "No article contains all the words of “koursk xiaomi”."
        );
        assert_eq!(
            strip(no_search_match("koursk", &[], true)),
            "No article with the selected entities matches “koursk”."
        );
    }

    /// The message without its bidi isolation marks.
    fn message(corpus: &Corpus, query: &str) -> Option<String> {
        let selection = Selection::from_query(query);
        explain_empty(corpus, &selection).map(|r| r.message().replace(['\u{2068}', '\u{2069}'], ""))
    }

    #[test]
    fn ids_from_the_url_cannot_reverse_the_sentence() {
        let selection = Selection::from_query("loc-\u{202e}x");
        let message = explain_empty(&sample(), &selection)
            .expect("unknown")
            .message();
        assert_eq!(
            message,
            "‘\u{2068}loc-\u{202e}x\u{2069}’ is not in this corpus."
        );
    }

    #[test]
    fn a_non_empty_view_needs_no_explanation() {
        assert_eq!(message(&sample(), "loc-koursk"), None);
        assert_eq!(message(&sample(), ""), None);
    }

    #[test]
    fn entities_that_never_meet_are_named() {
        let corpus = sample();
        assert_eq!(
            message(&corpus, "loc-koursk,org-xiaomi").as_deref(),
            Some("No article mentions both Koursk and Xiaomi.")
        );
        assert_eq!(
            message(&corpus, "loc-koursk,org-xiaomi,org-otan").as_deref(),
            Some("No article mentions all of Koursk, Xiaomi and OTAN.")
        );
    }

    #[test]
    fn unknown_ids_are_quoted_first() {
        let corpus = sample();
        assert_eq!(
            message(&corpus, "loc-koursk,loc-x").as_deref(),
            Some("‘loc-x’ is not in this corpus.")
        );
        assert_eq!(
            message(&corpus, "loc-x,loc-y").as_deref(),
            Some("‘loc-x’ and ‘loc-y’ are not in this corpus.")
        );
    }

    #[test]
    fn an_empty_corpus_says_so() {
        let empty = corpus(vec![], vec![]);
        assert_eq!(
            message(&empty, "").as_deref(),
            Some("This corpus has no articles yet.")
        );
    }
}
