//! Filtering articles by selected entities, and the sidebar's facet counts over the result.
//!
//! Articles and entities are referred to by position in the corpus (see [`Corpus`]): a view is
//! the positions of its articles, counts are indexed by entity position, facets are sorted as
//! integers, and the view of every article uses counts and an order computed once. A facet
//! click then costs the postings of the selected entities and the entities of the visible
//! articles, not a pass over every article and entity by id.

use crate::article::ArticleSummary;
use crate::entity::{Entity, Label};
use crate::index::{Corpus, facet_key, label_slot, tiered};
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
    intersect(&lists).unwrap_or_else(|| (0..corpus.articles().len() as u32).collect())
}

/// The numbers in every one of `lists` (each increasing), increasing: the shortest list's
/// numbers found in the others. `None` when there is no list.
pub fn intersect(lists: &[Vec<u32>]) -> Option<Vec<u32>> {
    let shortest = (0..lists.len()).min_by_key(|&i| lists[i].len())?;
    Some(
        lists[shortest]
            .iter()
            .copied()
            .filter(|a| lists.iter().all(|list| list.binary_search(a).is_ok()))
            .collect(),
    )
}

/// The articles that mention every selected entity, in index order (newest first).
pub fn filter<'a>(corpus: &'a Corpus, selection: &Selection) -> Vec<&'a ArticleSummary> {
    matching(corpus, selection)
        .into_iter()
        .filter_map(|p| corpus.article_at(p))
        .collect()
}

/// How many of the visible articles mention each entity.
///
/// Equal when the counts are (the articles counted may differ).
#[derive(Debug, Clone)]
pub struct FacetCounts {
    /// By entity position; `None` when every article is visible (the corpus's own counts,
    /// computed once, then hold).
    counts: Option<Vec<u32>>,
    /// The positions of the entities with a count, in no particular order (empty when every
    /// article is visible).
    present: Vec<u32>,
    /// How many entities have a count.
    distinct: usize,
    /// The articles counted, for [`FacetCounts::after`]: over the whole site only.
    counted: Option<Counted>,
}

/// The articles a [`FacetCounts`] counted, and the corpus they are in.
#[derive(Debug, Clone)]
struct Counted {
    corpus: CorpusTag,
    /// One bit per article position; `None` for every article.
    bits: Option<Vec<u64>>,
}

/// Tells corpora apart: counts made over one are never carried over to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CorpusTag {
    articles: usize,
    entities: usize,
    address: usize,
}

impl CorpusTag {
    /// The tag of a whole site (a part of the site is never carried over from).
    fn of(corpus: &Corpus) -> Option<CorpusTag> {
        corpus.is_whole().then(|| CorpusTag {
            articles: corpus.articles().len(),
            entities: corpus.entities().len(),
            address: corpus.articles().as_ptr().addr(),
        })
    }
}

/// The articles at `positions` as one bit each, over `articles` articles.
fn bits_of(positions: &[u32], articles: usize) -> Vec<u64> {
    let mut bits = vec![0u64; articles.div_ceil(64)];
    for &p in positions {
        if let Some(word) = bits.get_mut(p as usize / 64) {
            *word |= 1 << (p % 64);
        }
    }
    bits
}

fn has_bit(bits: &[u64], position: u32) -> bool {
    bits.get(position as usize / 64)
        .is_some_and(|word| word & (1 << (position % 64)) != 0)
}

impl PartialEq for FacetCounts {
    fn eq(&self, other: &FacetCounts) -> bool {
        self.distinct == other.distinct && self.counts == other.counts
    }
}

impl Eq for FacetCounts {}

impl FacetCounts {
    /// The counts over the articles at `visible` (positions, each once).
    pub fn new(corpus: &Corpus, visible: &[u32]) -> FacetCounts {
        FacetCounts::counted_in(corpus, visible, Vec::new())
    }

    /// [`FacetCounts::new`], counted in `buffer` (empty, or as [`FacetCounts::into_buffer`]
    /// gives it back: one zero per entity), so that counting many views one after the other
    /// (the build's view of each entity) zeroes only the entities each view counted, not a
    /// count for every entity of the site each time.
    pub fn counted_in(corpus: &Corpus, visible: &[u32], mut buffer: Vec<u32>) -> FacetCounts {
        let everything = visible.len() == corpus.articles().len();
        let counted = CorpusTag::of(corpus).map(|tag| Counted {
            corpus: tag,
            bits: (!everything).then(|| bits_of(visible, corpus.articles().len())),
        });
        if everything {
            return FacetCounts {
                counts: None,
                present: Vec::new(),
                distinct: corpus.total_entities(),
                counted,
            };
        }
        debug_assert!(buffer.iter().all(|&count| count == 0), "a used buffer");
        if buffer.len() != corpus.entities().len() {
            buffer = vec![0u32; corpus.entities().len()];
        }
        let mut counts = buffer;
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
            counted,
        }
    }

    /// The counts over the articles at `visible` (positions, each once), the same as
    /// [`FacetCounts::new`]'s, from the `previous` counts of the same corpus when that is
    /// cheaper: a keystroke that narrows a search, or a list of most of the site, counts the
    /// articles that came and went rather than every article shown.
    pub fn after(previous: Option<&FacetCounts>, corpus: &Corpus, visible: &[u32]) -> FacetCounts {
        let articles = corpus.articles().len();
        let tag = CorpusTag::of(corpus);
        let previous = previous
            .and_then(|p| p.counted.as_ref().map(|c| (p, c)))
            .filter(|(_, c)| tag.is_some_and(|tag| tag == c.corpus));
        let Some((previous, counted)) = previous.filter(|_| visible.len() < articles) else {
            return FacetCounts::new(corpus, visible);
        };
        let bits = bits_of(visible, articles);
        let came: Vec<u32> = match &counted.bits {
            Some(before) => visible
                .iter()
                .copied()
                .filter(|&p| !has_bit(before, p))
                .collect(),
            None => Vec::new(),
        };
        // The articles that went, a word of bits at a time: shown before (every article, or
        // the bits), not now. Counted before they are listed (a click from every article makes
        // most of the site go: then the view is counted afresh).
        let gone_in = |i: usize, now: u64| {
            let before = counted
                .bits
                .as_ref()
                .map_or(u64::MAX, |b| b.get(i).copied().unwrap_or(0));
            before & !now
        };
        let going: usize = (0..)
            .zip(&bits)
            .map(|(i, &now)| gone_in(i, now).count_ones() as usize)
            .sum();
        // Carrying over copies the counts (a few bytes an entity) and walks the entities shown
        // before: worth it when far fewer articles changed than are shown.
        let overhead = corpus.entities().len() / 64;
        if came.len() + going + overhead >= visible.len() {
            return FacetCounts::new(corpus, visible);
        }
        let mut went: Vec<u32> = Vec::with_capacity(going);
        for (i, &now) in (0..).zip(&bits) {
            let mut gone = gone_in(i, now);
            while gone != 0 {
                let position = i as u32 * 64 + gone.trailing_zeros();
                if (position as usize) < articles {
                    went.push(position);
                }
                gone &= gone - 1;
            }
        }
        let (mut counts, mut present) = match &previous.counts {
            Some(counts) => (counts.clone(), previous.present.clone()),
            None => {
                let counts: Vec<u32> = (0..corpus.entities().len() as u32)
                    .map(|e| corpus.article_count(e))
                    .collect();
                let present: Vec<u32> = (0u32..)
                    .zip(&counts)
                    .filter(|(_, c)| **c > 0)
                    .map(|(e, _)| e)
                    .collect();
                (counts, present)
            }
        };
        for &article in &came {
            for &e in corpus.mentioned_by(article) {
                let count = &mut counts[e as usize];
                if *count == 0 {
                    present.push(e);
                }
                *count += 1;
            }
        }
        for &article in &went {
            for &e in corpus.mentioned_by(article) {
                let count = &mut counts[e as usize];
                *count = count.saturating_sub(1);
            }
        }
        present.retain(|&e| counts[e as usize] > 0);
        FacetCounts {
            counts: Some(counts),
            distinct: present.len(),
            present,
            counted: Some(Counted {
                corpus: counted.corpus,
                bits: Some(bits),
            }),
        }
    }

    /// The counts' memory, every count set back to zero, for [`FacetCounts::counted_in`]
    /// (empty when every article was visible).
    pub fn into_buffer(self) -> Vec<u32> {
        let mut counts = self.counts.unwrap_or_default();
        for &e in &self.present {
            if let Some(count) = counts.get_mut(e as usize) {
                *count = 0;
            }
        }
        counts
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
    /// The best tier of its listed entries (see [`facet_groups`]; 0 when every entity is kept).
    pub tier: u8,
}

/// The tier in which `keep` lists an entity (0 to 3, lower first), or `None` when it leaves
/// the entity out.
pub type Keep<'k> = &'k dyn Fn(u32) -> Option<u8>;

/// The sidebar over `counts`, grouped by label in [`Label::ALL`] order, groups with no entry
/// left out. A group's entries are its entities that `keep` accepts (by position; all when
/// `None`) among those the visible articles mention and those selected; only the first
/// `limit(label)` are listed (sorted: by the tier `keep` gives, then as the sidebar orders
/// them), the others are counted. On the first screen, the entities the corpus does not list
/// ([`Corpus::unlisted`]) are counted only when every entity is kept: they cannot be checked
/// against a search.
pub fn facet_groups<'a>(
    corpus: &'a Corpus,
    counts: &FacetCounts,
    selection: &Selection,
    keep: Option<Keep<'_>>,
    limit: impl Fn(Label) -> usize,
) -> Vec<FacetGroup<'a>> {
    let entities = corpus.entities();
    let selected: Vec<u32> = selection
        .entities()
        .iter()
        .filter_map(|id| corpus.entity_position(id))
        .collect();
    let is_selected = |e: u32| selected.contains(&e);
    let tier = |e: u32| keep.map_or(Some(0), |keep| keep(e));
    let kept = |e: u32| tier(e).is_some();
    // Sorts like the sidebar: by tier, then sure entities first, count weighted by confidence
    // (descending), then rank (corpus mentions, then name).
    let key = |e: u32| {
        let key = facet_key(
            &entities[e as usize],
            counts.count(corpus, e),
            corpus.rank(e),
        );
        tiered(key, tier(e).unwrap_or(0))
    };
    let facet = |e: u32| Facet {
        entity: &entities[e as usize],
        count: counts.count(corpus, e),
        selected: is_selected(e),
    };
    let slot_of = |e: u32| entities.get(e as usize).map(|x| label_slot(x.label));
    // Over the whole site, with no entity finder's text, a group's first rows are found by
    // walking the site's order (`by_articles`) and stopping early (see `first_counted`): only
    // how many entities each group has is counted over every entity the view mentions.
    let walk = corpus.is_whole() && keep.is_none();
    // The counted entities' keys by label (or only how many there are), in one pass over them.
    let mut counted: [Vec<u64>; 4] = Default::default();
    let mut per_slot = [0usize; 4];
    if counts.counts.is_some() {
        for &e in &counts.present {
            if let Some(slot) = slot_of(e)
                && !is_selected(e)
                && kept(e)
            {
                if walk {
                    per_slot[slot] += 1;
                } else {
                    counted[slot].push(key(e));
                }
            }
        }
    }
    Label::ALL
        .iter()
        .filter_map(|&label| {
            let slot = label_slot(label);
            let of_label = |e: u32| slot_of(e) == Some(slot);
            let mut keys: Vec<u64> = selected
                .iter()
                .copied()
                .filter(|&e| of_label(e) && kept(e))
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
                None if keep.is_none() => {
                    let listed = corpus.by_articles(label);
                    first.extend(
                        listed
                            .iter()
                            .copied()
                            .filter(|&e| !is_selected(e))
                            .take(wanted),
                    );
                    // Every listed entity matches: counted, not walked (the selected ones
                    // listed are counted above).
                    let selected_listed = selected
                        .iter()
                        .filter(|&&e| of_label(e) && corpus.article_count(e) > 0)
                        .count();
                    matched +=
                        listed.len().saturating_sub(selected_listed) + corpus.unlisted(label);
                }
                None => {
                    // The site's order within each tier: the first `wanted` of each kept.
                    let mut tiers: [Vec<u32>; 4] = Default::default();
                    for &e in corpus.by_articles(label) {
                        if is_selected(e) {
                            continue;
                        }
                        let Some(t) = tier(e) else { continue };
                        let listed = &mut tiers[usize::from(t.min(3))];
                        if listed.len() < wanted {
                            listed.push(e);
                        }
                        matched += 1;
                    }
                    first.extend(tiers.into_iter().flatten().take(wanted));
                }
                Some(_) if walk => {
                    matched += per_slot[slot];
                    let listed = corpus.by_articles(label);
                    let site_key = |e: u32| {
                        facet_key(
                            &entities[e as usize],
                            corpus.article_count(e),
                            corpus.rank(e),
                        )
                    };
                    let counted = |e: u32| !is_selected(e) && counts.count(corpus, e) > 0;
                    let keys = first_counted(listed, wanted, counted, key, site_key);
                    first.extend(keys.iter().map(|&k| corpus.entity_of_key(k)));
                }
                Some(_) => {
                    let mut keys = std::mem::take(&mut counted[slot]);
                    matched += keys.len();
                    // The first `wanted` picked in linear time, then only those sorted.
                    if wanted < keys.len() {
                        keys.select_nth_unstable(wanted);
                        keys.truncate(wanted);
                    }
                    keys.sort_unstable();
                    first.extend(keys.iter().map(|&k| corpus.entity_of_key(k)));
                }
            }
            first.truncate(limit);
            (matched > 0).then(|| FacetGroup {
                label,
                tier: first.iter().filter_map(|&e| tier(e)).min().unwrap_or(0),
                facets: first.into_iter().map(facet).collect(),
                matched,
            })
        })
        .collect()
}

/// The `wanted` smallest view keys (`key`, sorted) of the entities of `listed` that `counted`
/// accepts, `listed` being in the order of `site_key` (the whole site's [`facet_key`]s, which
/// are never above the view's: an entity has no more articles in a view than in the site). The
/// walk stops at the first entity whose site key is above the `wanted`-th key found: no entity
/// after it can come before those found. A view of many articles has the site's order, or
/// nearly, in its first rows: a few dozen entities are walked, not the tens of thousands it
/// mentions.
fn first_counted(
    listed: &[u32],
    wanted: usize,
    counted: impl Fn(u32) -> bool,
    key: impl Fn(u32) -> u64,
    site_key: impl Fn(u32) -> u64,
) -> Vec<u64> {
    // The best keys found so far, sorted: short (a group's rows).
    let mut best: Vec<u64> = Vec::with_capacity(wanted + 1);
    if wanted == 0 {
        return best;
    }
    for &e in listed {
        if best.len() == wanted && best.last().is_some_and(|&last| site_key(e) > last) {
            break;
        }
        if !counted(e) {
            continue;
        }
        let k = key(e);
        if best.len() == wanted && best.last().is_some_and(|&last| k >= last) {
            continue;
        }
        let at = best.partition_point(|&b| b < k);
        best.insert(at, k);
        best.truncate(wanted);
    }
    best
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::entity::{Confidence, EntityId};
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
            Some(&|e: u32| {
                corpus.entities()[e as usize]
                    .id
                    .as_str()
                    .contains('k')
                    .then_some(0)
            }),
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
            let keep = |e: u32| {
                let name = corpus.entities()[e as usize].name.to_lowercase();
                name.contains(query).then_some(0)
            };
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

    /// The sidebar's groups over `counts`, as lines of text.
    fn listed(corpus: &Corpus, counts: &FacetCounts, limit: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for g in facet_groups(corpus, counts, &Selection::default(), None, |_| limit) {
            lines.push(format!("{:?}: {} matched", g.label, g.matched));
            for f in &g.facets {
                lines.push(format!("{:?}: {} {}", g.label, f.entity.id, f.count));
            }
        }
        lines
    }

    #[test]
    fn counts_carried_over_from_the_previous_view_are_those_counted_afresh() {
        let corpus = generated(
            &[
                vec![0, 1, 2],
                vec![1, 2],
                vec![2, 3],
                vec![3],
                vec![0, 4],
                vec![],
            ],
            5,
        );
        let every: Vec<u32> = (0..6).collect();
        // Every article, then most of them (carried over from every article), then fewer (from
        // the previous view), then some that came back, then every article again.
        let views: [&[u32]; 5] = [
            &every,
            &[0, 1, 2, 3, 4],
            &[0, 1, 2, 3],
            &[0, 2, 3, 4, 5],
            &every,
        ];
        let mut previous: Option<FacetCounts> = None;
        for view in views {
            let carried = FacetCounts::after(previous.as_ref(), &corpus, view);
            let fresh = FacetCounts::new(&corpus, view);
            assert_eq!(carried, fresh, "over {view:?}");
            assert_eq!(
                listed(&corpus, &carried, 10),
                listed(&corpus, &fresh, 10),
                "over {view:?}"
            );
            previous = Some(carried);
        }
        // Counts of another corpus are not carried over.
        let other = generated(&[vec![0], vec![1], vec![2], vec![3], vec![4], vec![0]], 5);
        let carried = FacetCounts::after(previous.as_ref(), &other, &[0, 1, 2, 3, 4]);
        assert_eq!(carried, FacetCounts::new(&other, &[0, 1, 2, 3, 4]));
    }

    proptest! {
        #[test]
        fn counts_carried_over_view_after_view_are_those_counted_afresh(
            articles in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 1..40),
            entities in 1usize..30,
            first in prop::collection::vec(any::<bool>(), 40),
            flips in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 1..6),
            limit in 0usize..8,
        ) {
            let corpus = generated(&articles, entities);
            let n = articles.len();
            let mut shown: Vec<bool> = first[..n].to_vec();
            let mut previous: Option<FacetCounts> = None;
            for step in &flips {
                for &f in step {
                    let at = usize::from(f) % n;
                    shown[at] = !shown[at];
                }
                let view: Vec<u32> = (0u32..).zip(&shown).filter(|(_, s)| **s).map(|(p, _)| p).collect();
                let carried = FacetCounts::after(previous.as_ref(), &corpus, &view);
                let fresh = FacetCounts::new(&corpus, &view);
                prop_assert_eq!(&carried, &fresh);
                prop_assert_eq!(listed(&corpus, &carried, limit), listed(&corpus, &fresh, limit));
                previous = Some(carried);
            }
        }

        #[test]
        fn first_rows_found_by_the_site_s_order_are_those_of_every_counted_entity_sorted(
            articles in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..6), 1..60),
            entities in 1usize..30,
            confidences in prop::collection::vec(0u8..3, 30),
            shown in prop::collection::vec(any::<bool>(), 60),
            selected in prop::collection::vec(any::<u8>(), 0..2),
            limit in 0usize..8,
        ) {
            let mut corpus = generated(&articles, entities);
            // Unsure entities rank by a weighted count, after the sure ones.
            let levels = [Confidence::Low, Confidence::Medium, Confidence::High];
            let table: Vec<Entity> = corpus
                .entities()
                .iter()
                .zip(&confidences)
                .map(|(e, &c)| Entity { confidence: Some(levels[usize::from(c)]), ..e.clone() })
                .collect();
            let kept: Vec<ArticleSummary> = corpus.articles().to_vec();
            corpus = testing::corpus(kept, table);
            let view: Vec<u32> = (0u32..)
                .zip(&shown[..articles.len()])
                .filter(|(_, s)| **s)
                .map(|(p, _)| p)
                .collect();
            let query: Vec<String> = selected
                .iter()
                .map(|&e| format!("e-{}", usize::from(e) % entities))
                .collect();
            let selection = Selection::from_query(&query.join(","));
            let counts = FacetCounts::new(&corpus, &view);
            // Each group as text: its label, its rows (id, count, selected) and its matches.
            let rows = |groups: Vec<FacetGroup<'_>>| -> Vec<String> {
                groups
                    .into_iter()
                    .map(|g| {
                        let facets: Vec<(String, u32, bool)> = g
                            .facets
                            .iter()
                            .map(|f| (f.entity.id.to_string(), f.count, f.selected))
                            .collect();
                        format!("{:?} {facets:?} {}", g.label, g.matched)
                    })
                    .collect()
            };
            // Every entity kept: every counted entity's key sorted, as before the walk.
            let every = |_: u32| Some(0);
            let walked = rows(facet_groups(&corpus, &counts, &selection, None, |_| limit));
            let sorted = rows(facet_groups(&corpus, &counts, &selection, Some(&every), |_| limit));
            prop_assert_eq!(walked, sorted);
        }

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
