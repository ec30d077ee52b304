//! What the home page says about the current view: its title (how many entities it shows is
//! [`crate::facets::FacetCounts::distinct`]).

use crate::display::{QUOTED_ID_CHARS, isolate};
use crate::index::Corpus;
use crate::selection::Selection;
use crate::text::shorten;
use crate::ui::Language;

/// The view's own title, in `language`: the selected entities' names joined by `+` (ids, as
/// written, for entities the corpus does not have), then the search quoted, the languages, the
/// sources and the period, each part after a ` · `; every name from the data bidi-isolated;
/// empty when nothing narrows the view.
pub fn selection_title(language: Language, corpus: &Corpus, selection: &Selection) -> String {
    let entities = selection
        .entities()
        .iter()
        .map(|id| {
            corpus.entity(id).map_or_else(
                || isolate(&shorten(id.as_str(), QUOTED_ID_CHARS)),
                |e| isolate(&language.entity_name(e)),
            )
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let search = selection.search_query().map(|q| language.quote_search(q));
    let langs = selection
        .langs()
        .iter()
        .map(|code| language.language_name(code))
        .collect::<Vec<_>>()
        .join(", ");
    let sources = selection
        .sources()
        .iter()
        .map(|source| isolate(source))
        .collect::<Vec<_>>()
        .join(", ");
    let (from, to) = selection.period_bounds();
    [
        Some(entities),
        search,
        Some(langs),
        Some(sources),
        language.period_between(from, to),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The articles before and after the article at `current` in `list`, the home page's view the
/// reader came from (positions, in the order shown): `None` when it is not in the list; either
/// side `None` at an end.
pub fn neighbours(list: &[u32], current: u32) -> Option<(Option<u32>, Option<u32>)> {
    let at = list.iter().position(|&p| p == current)?;
    let before = at.checked_sub(1).and_then(|i| list.get(i)).copied();
    Some((before, list.get(at + 1).copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
    use crate::testing::{corpus, entity};

    #[test]
    fn an_article_s_neighbours_are_those_shown_beside_it() {
        let list = [7, 3, 9];
        assert_eq!(neighbours(&list, 7), Some((None, Some(3))));
        assert_eq!(neighbours(&list, 3), Some((Some(7), Some(9))));
        assert_eq!(neighbours(&list, 9), Some((Some(3), None)));
        assert_eq!(neighbours(&[5], 5), Some((None, None)));
        // Not in the list the reader came from: no neighbours to offer.
        assert_eq!(neighbours(&list, 4), None);
        assert_eq!(neighbours(&[], 4), None);
    }

    #[test]
    fn the_title_names_the_selection() {
        let mut koursk = entity("loc-koursk", Label::Place, 1);
        koursk.name = "Koursk".into();
        let corpus = corpus(vec![], vec![koursk]);
        let title = |url: &[(&str, &str)], language: Language| {
            selection_title(language, &corpus, &Selection::from_url(url.iter().copied()))
        };
        assert_eq!(title(&[], Language::En), "");
        assert_eq!(
            title(&[("entity", "loc-koursk,loc-x")], Language::En),
            "\u{2068}Koursk\u{2069} + \u{2068}loc-x\u{2069}"
        );
        // The search, the languages, the sources and the period too, in the interface's words.
        let all = [
            ("q", "ukraine"),
            ("entity", "loc-koursk"),
            ("lang", "en"),
            ("source", "Wikinews"),
            ("from", "2019-01"),
            ("to", "2019-03"),
        ];
        assert_eq!(
            title(&all, Language::En),
            "\u{2068}Koursk\u{2069} · “\u{2068}ukraine\u{2069}” · English · \u{2068}Wikinews\u{2069} · January 2019 to March 2019"
        );
        let french = title(&all, Language::Fr);
        assert!(
            french.contains("«\u{a0}\u{2068}ukraine\u{2069}\u{a0}»") && french.contains("anglais"),
            "{french}"
        );
        assert_eq!(title(&[("q", "  ")], Language::En), "");
    }
}
