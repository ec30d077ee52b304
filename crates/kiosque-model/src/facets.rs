//! Filtering articles by selected entities, and the sidebar's facet counts over the result.

use std::collections::HashMap;

use crate::article::ArticleSummary;
use crate::entity::{Entity, EntityId, Label};
use crate::index::Corpus;
use crate::selection::Selection;

/// The articles that mention every selected entity, in index order (newest first).
pub fn filter<'a>(corpus: &'a Corpus, selection: &Selection) -> Vec<&'a ArticleSummary> {
    // A part that is not an id names no entity: no article mentions it.
    if !selection.not_ids().is_empty() {
        return Vec::new();
    }
    corpus
        .articles()
        .iter()
        .filter(|a| selection.entities().iter().all(|id| a.mentions(id)))
        .collect()
}

/// One entity in the sidebar, with the number of visible articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// Visible articles that mention it.
    pub count: u32,
    /// Whether the reader selected it.
    pub selected: bool,
}

/// The sidebar entries of one label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetGroup<'a> {
    /// People, places, organisations or dates.
    pub label: Label,
    /// Selected entities first, then by count (descending), corpus mentions, and name.
    pub facets: Vec<Facet<'a>>,
}

/// Facet counts over `visible`, grouped by label in [`Label::ALL`] order; empty groups omitted.
pub fn facet_groups<'a>(
    corpus: &'a Corpus,
    visible: &[&ArticleSummary],
    selection: &Selection,
) -> Vec<FacetGroup<'a>> {
    let mut counts: HashMap<&EntityId, u32> = HashMap::new();
    for article in visible {
        for id in &article.entities {
            *counts.entry(id).or_default() += 1;
        }
    }
    Label::ALL
        .iter()
        .filter_map(|&label| {
            let mut facets: Vec<Facet<'a>> = corpus
                .entities()
                .iter()
                .filter(|e| e.label == label)
                .filter_map(|entity| {
                    let count = counts.get(&entity.id).copied().unwrap_or(0);
                    let selected = selection.contains(&entity.id);
                    (count > 0 || selected).then_some(Facet {
                        entity,
                        count,
                        selected,
                    })
                })
                .collect();
            facets.sort_by(|a, b| {
                b.selected
                    .cmp(&a.selected)
                    .then(b.count.cmp(&a.count))
                    .then(b.entity.mentions.cmp(&a.entity.mentions))
                    .then_with(|| a.entity.name.cmp(&b.entity.name))
            });
            (!facets.is_empty()).then_some(FacetGroup { label, facets })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, article, entity};

    fn corpus() -> Corpus {
        testing::corpus(
            vec![
                article("a", &["loc-koursk", "per-trump"]),
                article("b", &["loc-koursk"]),
                article("c", &["per-trump", "org-otan"]),
            ],
            vec![
                entity("loc-koursk", Label::Place, 5),
                entity("per-trump", Label::Person, 9),
                entity("org-otan", Label::Organisation, 1),
            ],
        )
    }

    #[test]
    fn selected_entities_combine_with_and() {
        let corpus = corpus();
        let ids = |s: &Selection| -> Vec<String> {
            filter(&corpus, s).iter().map(|a| a.id.clone()).collect()
        };
        assert_eq!(ids(&Selection::default()), ["a", "b", "c"]);
        assert_eq!(ids(&Selection::from_query("loc-koursk")), ["a", "b"]);
        assert_eq!(ids(&Selection::from_query("loc-koursk,per-trump")), ["a"]);
        assert!(ids(&Selection::from_query("loc-nowhere")).is_empty());
    }

    #[test]
    fn facet_counts_follow_the_visible_articles() {
        let corpus = corpus();
        let selection = Selection::from_query("loc-koursk");
        let visible = filter(&corpus, &selection);
        let groups = facet_groups(&corpus, &visible, &selection);
        let labels: Vec<Label> = groups.iter().map(|g| g.label).collect();
        // ORG drops out: the only article mentioning it is filtered away.
        assert_eq!(labels, [Label::Person, Label::Place]);
        assert_eq!(groups[0].facets[0].count, 1);
        assert_eq!(groups[1].facets[0].count, 2);
        assert!(groups[1].facets[0].selected);
    }
}
