//! What the home page says about the current view: its title (how many entities it shows is
//! [`crate::facets::FacetCounts::distinct`]).

use crate::display::{QUOTED_ID_CHARS, isolate};
use crate::index::Corpus;
use crate::selection::Selection;
use crate::text::shorten;

/// The view's own title: the selected entities' names joined by `+` (ids, as written, for
/// entities the corpus does not have), each bidi-isolated; empty when nothing is selected.
pub fn selection_title(corpus: &Corpus, selection: &Selection) -> String {
    selection
        .entities()
        .iter()
        .map(|id| {
            corpus.entity(id).map_or_else(
                || isolate(&shorten(id.as_str(), QUOTED_ID_CHARS)),
                |e| isolate(&e.name),
            )
        })
        .collect::<Vec<_>>()
        .join(" + ")
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
        assert_eq!(selection_title(&corpus, &Selection::default()), "");
        assert_eq!(
            selection_title(&corpus, &Selection::from_query("loc-koursk,loc-x")),
            "\u{2068}Koursk\u{2069} + \u{2068}loc-x\u{2069}"
        );
    }
}
