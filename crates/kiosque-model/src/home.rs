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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
    use crate::testing::{corpus, entity};

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
