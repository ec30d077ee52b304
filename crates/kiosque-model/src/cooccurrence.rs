//! The entities an entity most often appears with, for its page, ranked by how much more often
//! they appear together than chance would have it (Dunning's log-likelihood ratio), not by raw
//! counts: an entity in nearly every article ("France") meets every other one often, and says
//! nothing about any of them.

use std::cell::RefCell;

use crate::entity::{Entity, EntityId, Label};
use crate::index::Corpus;

/// An entity of at least this many articles lists only the entities it shares
/// [`MIN_SUPPORT`] articles with: one article in common is a coincidence for a frequent entity,
/// but all the evidence there can be for a rare one.
pub const SUPPORT_FROM: usize = 20;

/// The shared articles an entity of [`SUPPORT_FROM`] articles or more needs with another.
pub const MIN_SUPPORT: u32 = 2;

thread_local! {
    /// [`co_occurring`]'s counts by entity position: all zero between calls.
    static SHARED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Another entity, with the number of articles that mention both and how strongly they go
/// together.
#[derive(Debug, Clone, PartialEq)]
pub struct CoOccurrence<'a> {
    /// The other entity.
    pub entity: &'a Entity,
    /// Articles that mention both.
    pub shared: u32,
    /// Dunning's log-likelihood ratio (G²) of the two entities' articles: 0 when they meet as
    /// often as chance would have it, higher the more often than that.
    pub score: f64,
}

/// A co-occurrence's score weighted by how sure the extraction is of the other entity: the
/// whole score for a sure one, half for a medium one ([`crate::Confidence::weight`]).
pub fn weighted_score(c: &CoOccurrence<'_>) -> f64 {
    c.score * f64::from(c.entity.confidence().weight()) / 4.0
}

/// `x ln x`, with `0 ln 0 = 0`.
fn x_ln_x(x: f64) -> f64 {
    if x > 0.0 { x * x.ln() } else { 0.0 }
}

/// Dunning's log-likelihood ratio G² of a 2×2 table: `shared` articles mention both entities,
/// `a` and `b` articles mention each, `n` articles in all. Counts that do not add up (data not
/// checked) are clamped, never a panic.
pub fn log_likelihood(shared: u32, a: u32, b: u32, n: u32) -> f64 {
    let k11 = f64::from(shared);
    let k12 = f64::from(a.saturating_sub(shared));
    let k21 = f64::from(b.saturating_sub(shared));
    let k22 = f64::from(n.saturating_sub(a).saturating_sub(b.saturating_sub(shared)));
    let total = k11 + k12 + k21 + k22;
    let cells = x_ln_x(k11) + x_ln_x(k12) + x_ln_x(k21) + x_ln_x(k22);
    let rows = x_ln_x(k11 + k12) + x_ln_x(k21 + k22);
    let columns = x_ln_x(k11 + k21) + x_ln_x(k12 + k22);
    // Rounding can leave a hair below zero for independent entities.
    (2.0 * (cells - rows - columns + x_ln_x(total))).max(0.0)
}

/// Entities listed on an entity's page as appearing with it ([`company`]).
pub const COMPANY: usize = 12;

/// What co-occurrence reads of a site, by position: its entity table, each entity's articles
/// and each article's entities. The whole site's [`Corpus`] gives it ([`Corpus::links`]), and
/// so does the build, which writes what an entity's page shows before the whole site is loaded
/// (`profiles/`, [`crate::parts`]): one computation for both.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// The entity table.
    pub entities: &'a [Entity],
    /// Of each entity (by position), the positions of the articles that mention it, increasing.
    pub postings: &'a [Vec<u32>],
    /// Of each article (by position), the positions of the entities it mentions, each once.
    pub mentioned: &'a [Vec<u32>],
}

/// The entities mentioned in the same articles as `id`, strongest association first
/// ([`log_likelihood`] weighted by the other entity's confidence, [`weighted_score`]), then
/// most shared articles, then the more mentioned in the corpus, then by name. Left out: the
/// entity itself, ids the corpus does not know, entities the extraction is unsure of
/// ([`Entity::is_sure`]), entities that meet it less often than chance would have it (they are
/// associated, but with its absence), and, for an entity of [`SUPPORT_FROM`] articles or more,
/// those it shares fewer than [`MIN_SUPPORT`] articles with. Empty for an id the entity table
/// does not have.
pub fn co_occurring<'a>(corpus: &'a Corpus, id: &EntityId) -> Vec<CoOccurrence<'a>> {
    match corpus.entity_position(id) {
        Some(own) => corpus.links().co_occurring(own),
        None => Vec::new(),
    }
}

/// What an entity's page lists as appearing with `id`: the first [`COMPANY`] of
/// [`co_occurring`] that are not dates.
pub fn company<'a>(corpus: &'a Corpus, id: &EntityId) -> Vec<CoOccurrence<'a>> {
    match corpus.entity_position(id) {
        Some(own) => corpus.links().company(own),
        None => Vec::new(),
    }
}

impl<'a> Links<'a> {
    /// [`company`] of the entity at position `own`: the first [`COMPANY`] in [`ranking`]'s order
    /// kept as they come, not every entity sorted (the build asks for every entity's, and a
    /// frequent entity meets thousands).
    pub fn company(self, own: u32) -> Vec<CoOccurrence<'a>> {
        let mut first: Vec<CoOccurrence<'a>> = Vec::with_capacity(COMPANY + 1);
        for c in self.candidates(own, |e| e.label != Label::Date) {
            keep_first(&mut first, c, COMPANY, ranking);
        }
        first
    }

    /// [`company`] of every entity that only the article at position `article` mentions, made
    /// once for them all: a head of the article's other entities in [`ranking`]'s order, each
    /// with its position, of which [`single_company`] takes an entity's company. An entity of one
    /// article shares that one with each other entity of it, so its ranking depends only on the
    /// others (their scores, counts, names and ids): the same for each of them, but that none
    /// lists itself (most entities of a site are in one article, several in each).
    pub fn article_company(self, article: u32) -> Vec<(u32, CoOccurrence<'a>)> {
        let mut others: Vec<u32> = (self.mentioned.get(article as usize))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&other| (other as usize) < self.entities.len())
            .collect();
        others.sort_unstable();
        let n = u32::try_from(self.mentioned.len()).unwrap_or(u32::MAX);
        let mut first: Vec<(u32, CoOccurrence<'a>)> = Vec::with_capacity(COMPANY + 2);
        for run in others.chunk_by(|x, y| x == y) {
            let (other, shared) = (run[0], u32::try_from(run.len()).unwrap_or(u32::MAX));
            let b = self
                .postings
                .get(other as usize)
                .map_or(0, |p| u32::try_from(p.len()).unwrap_or(u32::MAX));
            // As [`Links::candidates`] has it for an entity of one article (`a` = 1, no
            // support needed).
            if u64::from(shared) * u64::from(n) < u64::from(b) {
                continue;
            }
            let entity = &self.entities[other as usize];
            if !entity.is_sure() || entity.label == Label::Date {
                continue;
            }
            let c = CoOccurrence {
                entity,
                shared,
                score: log_likelihood(shared, 1, b, n),
            };
            // One more than a company: an entity of the article may leave its own place.
            keep_first(&mut first, (other, c), COMPANY + 1, |x, y| {
                ranking(&x.1, &y.1)
            });
        }
        first
    }

    /// [`co_occurring`] of the entity at position `own`.
    pub fn co_occurring(self, own: u32) -> Vec<CoOccurrence<'a>> {
        let mut out: Vec<_> = self.candidates(own, |_| true).collect();
        crate::order::sort_by(&mut out, ranking);
        out
    }

    /// What [`co_occurring`] lists of the entity at position `own`, of the entities `listed`
    /// keeps, in no order.
    fn candidates(
        self,
        own: u32,
        listed: impl Fn(&Entity) -> bool + 'a,
    ) -> impl Iterator<Item = CoOccurrence<'a>> {
        let articles = (self.postings.get(own as usize)).map_or(&[][..], Vec::as_slice);
        // Counted by entity position in one array per thread, zero again once read: no
        // hashing, and no allocation per call (every entity page of a site asks).
        let shared: Vec<(u32, u32)> = SHARED.with_borrow_mut(|counts| {
            if counts.len() < self.entities.len() {
                counts.resize(self.entities.len(), 0);
            }
            let mut seen = Vec::new();
            for &article in articles {
                let others = self
                    .mentioned
                    .get(article as usize)
                    .map_or(&[][..], Vec::as_slice);
                for &other in others {
                    if other == own {
                        continue;
                    }
                    if let Some(count) = counts.get_mut(other as usize) {
                        if *count == 0 {
                            seen.push(other);
                        }
                        *count += 1;
                    }
                }
            }
            seen.into_iter()
                .filter_map(|other| Some((other, std::mem::take(counts.get_mut(other as usize)?))))
                .collect()
        });
        let n = u32::try_from(self.mentioned.len()).unwrap_or(u32::MAX);
        let a = u32::try_from(articles.len()).unwrap_or(u32::MAX);
        let support = if articles.len() >= SUPPORT_FROM {
            MIN_SUPPORT
        } else {
            1
        };
        shared
            .into_iter()
            .filter(move |&(_, shared)| shared >= support)
            .filter_map(move |(other, shared)| {
                let b = self
                    .postings
                    .get(other as usize)
                    .map_or(0, |p| u32::try_from(p.len()).unwrap_or(u32::MAX));
                // Together at least as often as chance: shared / a >= b / n (checked before the
                // entity is read: most of a frequent entity's company is not).
                if u64::from(shared) * u64::from(n) < u64::from(a) * u64::from(b) {
                    return None;
                }
                let entity = self.entities.get(other as usize)?;
                (entity.is_sure() && listed(entity)).then(|| CoOccurrence {
                    entity,
                    shared,
                    score: log_likelihood(shared, a, b, n),
                })
            })
    }
}

/// Puts `item` among `first`, the first `keep` items met so far in the order `rank` gives,
/// after those it equals (as a stable sort would keep it), or leaves it out: the head of a
/// ranking kept as candidates come, not every candidate sorted.
fn keep_first<T>(
    first: &mut Vec<T>,
    item: T,
    keep: usize,
    rank: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    if first.len() == keep && first.last().is_some_and(|last| rank(&item, last).is_ge()) {
        return;
    }
    let at = first.partition_point(|kept| rank(kept, &item).is_le());
    first.insert(at, item);
    first.truncate(keep);
}

/// The company of the entity at position `own`, which only the article whose
/// [`Links::article_company`] is `head` mentions: [`Links::company`]'s, made without counting
/// (or what the caller made of each of those, `T`).
pub fn single_company<T>(head: &[(u32, T)], own: u32) -> impl Iterator<Item = &T> {
    (head.iter())
        .filter(move |(other, _)| *other != own)
        .map(|(_, c)| c)
        .take(COMPANY)
}

/// [`co_occurring`]'s order: strongest association first, then most shared articles, then the
/// more mentioned in the corpus, then by name and id (a total order: ids are unique).
fn ranking(x: &CoOccurrence<'_>, y: &CoOccurrence<'_>) -> std::cmp::Ordering {
    weighted_score(y)
        .total_cmp(&weighted_score(x))
        .then(y.shared.cmp(&x.shared))
        .then(y.entity.mentions.cmp(&x.entity.mentions))
        .then_with(|| x.entity.name.cmp(&y.entity.name))
        .then_with(|| x.entity.id.cmp(&y.entity.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Confidence;
    use crate::testing::{article, corpus, entity};

    fn id(id: &str) -> EntityId {
        EntityId::new(id).expect("a valid id")
    }

    fn ranked(corpus: &Corpus, of: &str) -> Vec<(String, u32)> {
        co_occurring(corpus, &id(of))
            .iter()
            .map(|c| (c.entity.id.as_str().to_owned(), c.shared))
            .collect()
    }

    #[test]
    fn counts_shared_articles_and_leaves_out_who_meets_it_less_than_chance() {
        let corpus = corpus(
            vec![
                article("a", &["loc-koursk", "per-trump", "org-otan"]),
                article("b", &["loc-koursk", "per-trump", "loc-ghost"]),
                article("c", &["loc-koursk", "org-otan"]),
                article("d", &["per-trump", "org-onu"]),
            ],
            vec![
                entity("loc-koursk", Label::Place, 5),
                entity("per-trump", Label::Person, 9),
                entity("org-otan", Label::Organisation, 3),
                entity("org-onu", Label::Organisation, 1),
            ],
        );
        // OTAN is in 2 of the 4 articles, both with Koursk (chance: 1.5). Trump shares as many
        // but is in 3 of 4 (chance: 2.25): less often with Koursk than without. ONU never meets
        // Koursk; loc-ghost is not in the entity table.
        assert_eq!(ranked(&corpus, "loc-koursk"), [("org-otan".to_owned(), 2)]);
    }

    #[test]
    fn an_entity_in_every_article_does_not_top_the_list() {
        // 30 articles, all about France; Koursk in 10 of them, Zelensky in 5 of those and
        // nowhere else, Moscou in 3 of them and 2 others.
        let mut articles = Vec::new();
        for n in 0..30 {
            let mut entities = vec!["loc-france"];
            if n < 10 {
                entities.push("loc-koursk");
            }
            if n < 5 {
                entities.push("per-zelensky");
            }
            if (5..8).contains(&n) || (20..22).contains(&n) {
                entities.push("loc-moscou");
            }
            articles.push(article(&format!("a{n}"), &entities));
        }
        let corpus = corpus(
            articles,
            vec![
                entity("loc-france", Label::Place, 90),
                entity("loc-koursk", Label::Place, 20),
                entity("per-zelensky", Label::Person, 5),
                entity("loc-moscou", Label::Place, 5),
            ],
        );
        // Raw counts would put France (10 shared) first: it meets Koursk exactly as often as
        // chance would have it (score 0), so it comes last.
        assert_eq!(
            ranked(&corpus, "loc-koursk"),
            [
                ("per-zelensky".to_owned(), 5),
                ("loc-moscou".to_owned(), 3),
                ("loc-france".to_owned(), 10),
            ]
        );
        let scores: Vec<f64> = co_occurring(&corpus, &id("loc-koursk"))
            .iter()
            .map(|c| c.score)
            .collect();
        assert!(scores[0] > scores[1] && scores[1] > 0.0, "{scores:?}");
        assert!(scores[2].abs() < 1e-9, "{scores:?}");
    }

    #[test]
    fn a_frequent_entity_needs_two_shared_articles_a_rare_one_needs_one() {
        // Koursk in `size` articles; Belgorod in one of them only.
        let of = |size: usize| {
            let articles = (0..size + 5)
                .map(|n| match n {
                    0 => article("a0", &["loc-koursk", "loc-belgorod", "loc-donbas"]),
                    1 => article("a1", &["loc-koursk", "loc-donbas"]),
                    n if n < size => article(&format!("a{n}"), &["loc-koursk"]),
                    n => article(&format!("a{n}"), &["loc-kyiv"]),
                })
                .collect();
            corpus(
                articles,
                vec![
                    entity("loc-koursk", Label::Place, 40),
                    entity("loc-belgorod", Label::Place, 1),
                    entity("loc-donbas", Label::Place, 2),
                    entity("loc-kyiv", Label::Place, 5),
                ],
            )
        };
        let names = |corpus: &Corpus| -> Vec<String> {
            ranked(corpus, "loc-koursk")
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        assert_eq!(names(&of(SUPPORT_FROM - 1)), ["loc-donbas", "loc-belgorod"]);
        assert_eq!(names(&of(SUPPORT_FROM)), ["loc-donbas"]);
    }

    #[test]
    fn the_log_likelihood_ratio_is_zero_at_independence_and_grows_with_evidence() {
        // 2 of 4 and 2 of 4, meeting once: exactly chance.
        assert!(log_likelihood(1, 2, 2, 4).abs() < 1e-9);
        // Always together: the more articles, the surer.
        assert!(log_likelihood(4, 4, 4, 100) > log_likelihood(2, 2, 2, 100));
        assert!(log_likelihood(2, 2, 2, 100) > 0.0);
        // Counts that do not add up give a number, not a panic.
        assert!(log_likelihood(9, 2, 3, 4).is_finite());
    }

    #[test]
    fn in_a_corpus_of_one_article_every_entity_is_listed_by_mentions() {
        // Nothing to tell apart: each meets the others as chance would have it.
        let corpus = corpus(
            vec![article("a", &["loc-koursk", "per-trump", "org-otan"])],
            vec![
                entity("loc-koursk", Label::Place, 5),
                entity("per-trump", Label::Person, 9),
                entity("org-otan", Label::Organisation, 3),
            ],
        );
        assert_eq!(
            ranked(&corpus, "loc-koursk"),
            [("per-trump".to_owned(), 1), ("org-otan".to_owned(), 1)]
        );
    }

    #[test]
    fn an_unsure_entity_is_left_out_and_a_medium_one_ranks_below_a_sure_one() {
        // Zelensky and "Harry Potter" each in the same 3 of Koursk's 3 articles, Kyiv too;
        // another 3 articles for chance.
        let mut articles = Vec::new();
        for n in 0..6 {
            let entities: &[&str] = if n < 3 {
                &["loc-koursk", "per-zelensky", "per-harry-potter", "loc-kyiv"]
            } else {
                &["loc-paris"]
            };
            articles.push(article(&format!("a{n}"), entities));
        }
        let mut potter = entity("per-harry-potter", Label::Person, 9);
        potter.confidence = Some(Confidence::Low);
        let mut zelensky = entity("per-zelensky", Label::Person, 9);
        zelensky.confidence = Some(Confidence::Medium);
        let mut kyiv = entity("loc-kyiv", Label::Place, 3);
        kyiv.confidence = Some(Confidence::High);
        let corpus = corpus(
            articles,
            vec![
                entity("loc-koursk", Label::Place, 5),
                zelensky,
                potter,
                kyiv,
                entity("loc-paris", Label::Place, 3),
            ],
        );
        // Without confidences, Zelensky (more mentions) came before Kyiv; Harry Potter was
        // listed too.
        assert_eq!(
            ranked(&corpus, "loc-koursk"),
            [("loc-kyiv".to_owned(), 3), ("per-zelensky".to_owned(), 3)]
        );
    }

    #[test]
    fn an_unknown_or_lonely_entity_has_no_company() {
        let corpus = corpus(
            vec![article("a", &["loc-koursk"])],
            vec![entity("loc-koursk", Label::Place, 1)],
        );
        assert!(co_occurring(&corpus, &id("loc-koursk")).is_empty());
        assert!(co_occurring(&corpus, &id("loc-nowhere")).is_empty());
    }

    #[test]
    fn each_entity_of_a_long_article_alone_lists_a_full_company_of_the_others() {
        // 20 entities that only this article mentions, and another article for chance: each
        // lists 12 of the other 19, the first of them too (the head it shares leaves it out).
        let ids: Vec<String> = (0..20).map(|e| format!("loc-{e:02}")).collect();
        let listed: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut entities: Vec<Entity> = (ids.iter().enumerate())
            .map(|(e, id)| entity(id, Label::Place, 40 - e as u32))
            .collect();
        entities.push(entity("loc-paris", Label::Place, 1));
        let corpus = corpus(
            vec![article("a", &listed), article("b", &["loc-paris"])],
            entities,
        );
        let links = corpus.links();
        let head = links.article_company(0);
        for of in &ids {
            let own = corpus.entity_position(&id(of)).expect("in the table");
            let made: Vec<&str> = single_company(&head, own)
                .map(|c| c.entity.id.as_str())
                .collect();
            let expected: Vec<&str> = listed
                .iter()
                .copied()
                .filter(|e| e != of)
                .take(12)
                .collect();
            assert_eq!(made, expected, "{of}");
            let counted: Vec<CoOccurrence> = single_company(&head, own).cloned().collect();
            assert_eq!(counted, company(&corpus, &id(of)), "{of}");
        }
    }

    proptest::proptest! {
        /// An entity's page lists the first [`COMPANY`] entities of its full ranking that are
        /// not dates, whatever the corpus: many entities met as often (ties broken by name),
        /// dates among them, frequent and rare entities.
        #[test]
        fn the_company_is_the_head_of_the_full_ranking_without_dates(
            articles in proptest::collection::vec(
                proptest::collection::btree_set(0usize..40, 0..20), 1..80),
            mentions in proptest::collection::vec(1u32..4, 40),
            sure in proptest::collection::vec(0usize..4, 40),
        ) {
            let ids: Vec<String> = (0..40)
                .map(|e| if e % 7 == 0 { format!("date-{e}") } else { format!("loc-{e}") })
                .collect();
            let confidences =
                [None, Some(Confidence::Low), Some(Confidence::Medium), Some(Confidence::High)];
            let entities = (0..40)
                .map(|e| {
                    let label = if e % 7 == 0 { Label::Date } else { Label::Place };
                    Entity {
                        // Names shared by several entities: ties go to the id.
                        name: format!("n{}", e % 3),
                        confidence: confidences[sure[e]],
                        ..entity(&ids[e], label, mentions[e])
                    }
                })
                .collect();
            let articles = (articles.iter().enumerate())
                .map(|(i, listed)| {
                    let listed: Vec<&str> = listed.iter().map(|&e| ids[e].as_str()).collect();
                    article(&format!("a{i}"), &listed)
                })
                .collect();
            let corpus = corpus(articles, entities);
            for of in &ids {
                let mut expected = co_occurring(&corpus, &id(of));
                expected.retain(|c| c.entity.label != Label::Date);
                expected.truncate(COMPANY);
                proptest::prop_assert_eq!(company(&corpus, &id(of)), expected);
            }
            // An entity of one article: its company made from the article's, as the build
            // makes it for each (many share an article here, dates and unsure ones among them).
            let links = corpus.links();
            for (own, articles) in links.postings.iter().enumerate() {
                if let [article] = articles[..] {
                    let head = links.article_company(article);
                    let made: Vec<_> = single_company(&head, own as u32).cloned().collect();
                    proptest::prop_assert_eq!(made, links.company(own as u32));
                }
            }
        }
    }
}
