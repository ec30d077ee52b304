//! Why a filtered view is empty: the reason, which [`crate::ui::Language::empty_reason`] says
//! in words a reader can act on.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
    use crate::testing::{article, corpus, entity};
    use crate::ui::Language;

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

    /// The message without its bidi isolation marks.
    fn message(corpus: &Corpus, query: &str) -> Option<String> {
        let selection = Selection::from_query(query);
        explain_empty(corpus, &selection).map(|r| {
            Language::En
                .empty_reason(&r)
                .replace(['\u{2068}', '\u{2069}'], "")
        })
    }

    #[test]
    fn ids_from_the_url_cannot_reverse_the_sentence() {
        let selection = Selection::from_query("loc-\u{202e}x");
        let message =
            Language::En.empty_reason(&explain_empty(&sample(), &selection).expect("unknown"));
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
