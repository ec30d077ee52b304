//! Filtering articles by selected entities, and the sidebar's facet counts over the result.
//!
//! Articles and entities are referred to by position in the corpus (see [`Corpus`]): a view is
//! the positions of its articles, counts are indexed by entity position, facets are sorted as
//! integers, and the view of every article uses counts and an order computed once. A facet
//! click then costs the postings of the selected entities and the entities of the visible
//! articles, not a pass over every article and entity by id.

use crate::article::ArticleSummary;
use crate::entity::{Entity, Label};
use crate::index::{Corpus, facet_key};
use crate::selection::Selection;

/// The positions of the articles that mention every selected entity, in index order (newest
/// first): the selected entities' postings intersected, the shortest first.
pub fn matching(corpus: &Corpus, selection: &Selection) -> Vec<u32> {
    // A part that is not an id names no entity: no article mentions it.
    if !selection.not_ids().is_empty() {
        return Vec::new();
    }
    let lists: Vec<Vec<u32>> = selection
        .entities()
        .iter()
        .map(|id| corpus.positions_mentioning(id))
        .collect();
    let Some(shortest) = (0..lists.len()).min_by_key(|&i| lists[i].len()) else {
        return (0..corpus.articles().len() as u32).collect();
    };
    lists[shortest]
        .iter()
        .copied()
        .filter(|a| lists.iter().all(|list| list.binary_search(a).is_ok()))
        .collect()
}

/// The articles that mention every selected entity, in index order (newest first).
pub fn filter<'a>(corpus: &'a Corpus, selection: &Selection) -> Vec<&'a ArticleSummary> {
    matching(corpus, selection)
        .into_iter()
        .filter_map(|p| corpus.article_at(p))
        .collect()
}

/// How many of the visible articles mention each entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// By entity position; `None` when every article is visible (the corpus's own counts,
    /// computed once, then hold).
    counts: Option<Vec<u32>>,
    /// The positions of the entities with a count, in no particular order (empty when every
    /// article is visible).
    present: Vec<u32>,
    /// How many entities have a count.
    distinct: usize,
}

impl FacetCounts {
    /// The counts over the articles at `visible` (positions, each once).
    pub fn new(corpus: &Corpus, visible: &[u32]) -> FacetCounts {
        let everything = visible.len() == corpus.articles().len();
        if everything {
            return FacetCounts {
                counts: None,
                present: Vec::new(),
                distinct: corpus.total_entities(),
            };
        }
        let mut counts = vec![0u32; corpus.entities().len()];
        let mut present = Vec::new();
        for &article in visible {
            for &e in corpus.mentioned_by(article) {
                let count = &mut counts[e as usize];
                if *count == 0 {
                    present.push(e);
                }
                *count += 1;
            }
        }
        FacetCounts {
            counts: Some(counts),
            distinct: present.len(),
            present,
        }
    }

    /// The visible articles that mention the entity at position `entity`.
    pub fn count(&self, corpus: &Corpus, entity: u32) -> u32 {
        match &self.counts {
            Some(counts) => counts.get(entity as usize).copied().unwrap_or(0),
            None => corpus.article_count(entity),
        }
    }

    /// How many distinct entities the visible articles mention: the size of the sidebar.
    pub fn distinct(&self) -> usize {
        self.distinct
    }
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
    /// The first entries: selected entities first, then by count (descending), corpus mentions
    /// (descending), and name.
    pub facets: Vec<Facet<'a>>,
    /// The entries of the group in all, listed or not.
    pub matched: usize,
}

/// The sidebar over `counts`, grouped by label in [`Label::ALL`] order, groups with no entry
/// left out. A group's entries are its entities that `keep` accepts (all when `None`) among
/// those the visible articles mention and those selected; only the first `limit(label)` are
/// listed (sorted), the others are counted. On the first screen, the entities the corpus does
/// not list ([`Corpus::unlisted`]) are counted only when every entity is kept: they cannot be
/// checked against a search.
pub fn facet_groups<'a>(
    corpus: &'a Corpus,
    counts: &FacetCounts,
    selection: &Selection,
    keep: Option<&dyn Fn(&Entity) -> bool>,
    limit: impl Fn(Label) -> usize,
) -> Vec<FacetGroup<'a>> {
    let entities = corpus.entities();
    let selected: Vec<u32> = selection
        .entities()
        .iter()
        .filter_map(|id| corpus.entity_position(id))
        .collect();
    let is_selected = |e: u32| selected.contains(&e);
    // Sorts like the sidebar: sure entities first, count weighted by confidence (descending),
    // then rank (corpus mentions, then name).
    let key = |e: u32| {
        facet_key(
            &entities[e as usize],
            counts.count(corpus, e),
            corpus.rank(e),
        )
    };
    let facet = |e: u32| Facet {
        entity: &entities[e as usize],
        count: counts.count(corpus, e),
        selected: is_selected(e),
    };
    Label::ALL
        .iter()
        .filter_map(|&label| {
            let of_label = |e: &u32| entities.get(*e as usize).is_some_and(|x| x.label == label);
            let kept = |e: &u32| keep.is_none_or(|keep| keep(&entities[*e as usize]));
            let mut keys: Vec<u64> = selected
                .iter()
                .copied()
                .filter(|e| of_label(e) && kept(e))
                .map(key)
                .collect();
            keys.sort_unstable();
            let mut first: Vec<u32> = keys.iter().map(|&k| corpus.entity_of_key(k)).collect();
            let limit = limit(label);
            let mut matched = first.len();
            let wanted = limit.saturating_sub(first.len());
            match &counts.counts {
                // Every article visible: the corpus's order is the sidebar's (for a part of the
                // site, its first rows, and the others counted).
                None => {
                    for &e in corpus.by_articles(label) {
                        if is_selected(e) || !kept(&e) {
                            continue;
                        }
                        if matched < limit {
                            first.push(e);
                        }
                        matched += 1;
                    }
                    if keep.is_none() {
                        matched += corpus.unlisted(label);
                    }
                }
                Some(_) => {
                    keys.clear();
                    keys.extend(
                        counts
                            .present
                            .iter()
                            .copied()
                            .filter(|e| of_label(e) && !is_selected(*e) && kept(e))
                            .map(key),
                    );
                    matched += keys.len();
                    // One integer sort (a partial one would add its own code to the app).
                    keys.sort_unstable();
                    first.extend(keys.iter().take(wanted).map(|&k| corpus.entity_of_key(k)));
                }
            }
            first.truncate(limit);
            (matched > 0).then(|| FacetGroup {
                label,
                facets: first.into_iter().map(facet).collect(),
                matched,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::entity::EntityId;
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

    fn groups<'a>(corpus: &'a Corpus, selection: &Selection, limit: usize) -> Vec<FacetGroup<'a>> {
        let visible = matching(corpus, selection);
        let counts = FacetCounts::new(corpus, &visible);
        facet_groups(corpus, &counts, selection, None, |_| limit)
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
        assert!(ids(&Selection::from_query("loc-koursk,LOC-X")).is_empty());
        assert_eq!(
            matching(&corpus, &Selection::from_query("per-trump")),
            [0, 2]
        );
    }

    #[test]
    fn facet_counts_follow_the_visible_articles() {
        let corpus = corpus();
        let selection = Selection::from_query("loc-koursk");
        let groups = groups(&corpus, &selection, 10);
        let labels: Vec<Label> = groups.iter().map(|g| g.label).collect();
        // ORG drops out: the only article mentioning it is filtered away.
        assert_eq!(labels, [Label::Person, Label::Place]);
        assert_eq!(groups[0].facets[0].count, 1);
        assert_eq!(groups[1].facets[0].count, 2);
        assert!(groups[1].facets[0].selected);
    }

    #[test]
    fn a_selected_entity_no_visible_article_mentions_is_listed_first_with_no_count() {
        let corpus = corpus();
        // No article mentions both: nothing is visible, both stay listed to be unselected.
        let selection = Selection::from_query("org-otan,loc-koursk");
        let groups = groups(&corpus, &selection, 10);
        let listed: Vec<(&str, u32, bool)> = groups
            .iter()
            .flat_map(|g| &g.facets)
            .map(|f| (f.entity.id.as_str(), f.count, f.selected))
            .collect();
        assert_eq!(listed, [("loc-koursk", 0, true), ("org-otan", 0, true)]);
    }

    #[test]
    fn a_group_lists_its_first_entries_and_counts_the_others() {
        let corpus = corpus();
        let whole = groups(&corpus, &Selection::default(), 1);
        assert_eq!(whole.len(), 3);
        assert!(whole.iter().all(|g| g.facets.len() == 1 && g.matched == 1));
        let counts = FacetCounts::new(&corpus, &[0, 1, 2]);
        assert_eq!(counts.distinct(), 3);
        let only_k = facet_groups(
            &corpus,
            &counts,
            &Selection::default(),
            Some(&|e: &Entity| e.id.as_str().contains('k')),
            |_| 0,
        );
        // Listed or not, the matches are counted.
        assert_eq!(only_k.len(), 1);
        assert_eq!(only_k[0].matched, 1);
        assert!(only_k[0].facets.is_empty());
    }

    #[test]
    fn on_the_first_screen_a_search_counts_only_the_listed_entities_it_matches() {
        // site.json lists one place of the site's five: the four others are counted when
        // nothing is searched, never as matches of a search, which cannot check them.
        let site = crate::parts::parse_site(
            r#"{"schema_version": "2.0", "articles": 9, "entities": 5, "summaries": [],
                "entity_parts": [], "buckets": 1, "labels": [0, 5, 0, 0],
                "first": {"articles": [{"id": "a", "title": "T", "excerpt": "", "words": 1,
                                        "entities": ["loc-koursk"]}],
                          "entities": [{"id": "loc-koursk", "label": "LOC", "name": "Koursk",
                                        "articles": 3, "mentions": 3}]}}"#,
        )
        .expect("a valid site.json");
        let corpus = Corpus::first_screen(&site).value;
        assert!(!corpus.is_whole());
        let visible = matching(&corpus, &Selection::default());
        let counts = FacetCounts::new(&corpus, &visible);
        let all = facet_groups(&corpus, &counts, &Selection::default(), None, |_| 10);
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].facets.len(), all[0].matched), (1, 5));
        for (query, matched) in [("kour", 1), ("zzz", 0)] {
            let keep = |e: &Entity| e.name.to_lowercase().contains(query);
            let found = facet_groups(&corpus, &counts, &Selection::default(), Some(&keep), |_| 10);
            let found: usize = found.iter().map(|g| g.matched).sum();
            assert_eq!(found, matched, "matches of {query:?}");
        }
    }

    #[test]
    fn an_article_counts_once_for_an_entity_it_lists_twice() {
        let corpus = testing::corpus(
            vec![
                article("a", &["loc-koursk", "loc-koursk"]),
                article("b", &["per-trump"]),
            ],
            vec![
                entity("loc-koursk", Label::Place, 2),
                entity("per-trump", Label::Person, 1),
            ],
        );
        for visible in [vec![0, 1], vec![0]] {
            let counts = FacetCounts::new(&corpus, &visible);
            let koursk = corpus
                .entity_position(&EntityId::new("loc-koursk").expect("an id"))
                .expect("in the corpus");
            assert_eq!(counts.count(&corpus, koursk), 1, "over {visible:?}");
        }
    }

    /// The sidebar as it was computed before it was made fast: every entity counted by id over
    /// every visible article, every group sorted whole.
    fn reference<'a>(
        corpus: &'a Corpus,
        selection: &Selection,
        limit: usize,
    ) -> Vec<(Label, Vec<Facet<'a>>, usize)> {
        let visible: Vec<&ArticleSummary> = corpus
            .articles()
            .iter()
            .filter(|_| selection.not_ids().is_empty())
            .filter(|a| selection.entities().iter().all(|id| a.mentions(id)))
            .collect();
        let mut counts: HashMap<&EntityId, u32> = HashMap::new();
        for article in &visible {
            let mut ids: Vec<&EntityId> = article.entities.iter().collect();
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
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
                let matched = facets.len();
                facets.truncate(limit);
                (matched > 0).then_some((label, facets, matched))
            })
            .collect()
    }

    /// A corpus of `articles` (each the entity numbers it mentions) over `entities` entities
    /// with few distinct mention counts and names, so that ties are common.
    fn generated(articles: &[Vec<u8>], entities: usize) -> Corpus {
        let labels = Label::ALL;
        let table: Vec<Entity> = (0..entities)
            .map(|e| {
                let mut x = entity(&format!("e-{e}"), labels[e % 4], (e % 3) as u32);
                x.name = format!("n{}", e % 5);
                x
            })
            .collect();
        let articles = articles
            .iter()
            .enumerate()
            .map(|(a, ids)| {
                let ids: Vec<String> = ids
                    .iter()
                    .map(|&e| format!("e-{}", usize::from(e) % entities))
                    .collect();
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                article(&format!("a{a}"), &ids)
            })
            .collect();
        testing::corpus(articles, table)
    }

    proptest! {
        #[test]
        fn the_sidebar_is_the_one_of_a_whole_sort_by_id(
            articles in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 0..40),
            entities in 1usize..30,
            selected in prop::collection::vec(any::<u8>(), 0..3),
            limit in 0usize..8,
        ) {
            let corpus = generated(&articles, entities);
            let query: Vec<String> = selected
                .iter()
                .map(|&e| format!("e-{}", usize::from(e) % (entities + 2)))
                .collect();
            let selection = Selection::from_query(&query.join(","));
            let expected = reference(&corpus, &selection, limit);
            let got: Vec<(Label, Vec<Facet<'_>>, usize)> = groups(&corpus, &selection, limit)
                .into_iter()
                .map(|g| (g.label, g.facets, g.matched))
                .collect();
            prop_assert_eq!(got, expected);
            let visible = matching(&corpus, &selection);
            let distinct = FacetCounts::new(&corpus, &visible).distinct();
            let mut ids: Vec<&EntityId> = visible
                .iter()
                .filter_map(|&p| corpus.article_at(p))
                .flat_map(|a| &a.entities)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(distinct, ids.len());
        }
    }
}
