//! The articles related to an article, for its page: those sharing its entities, each shared
//! entity weighted by its rarity (an IDF: `ln(articles / articles mentioning it)`), so that two
//! articles naming the same village are closer than two naming the same country.

use std::collections::HashMap;

use crate::entity::{Entity, Label};
use crate::index::Corpus;

/// An article related to another, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedArticle {
    /// Its position in [`Corpus::articles`].
    pub article: u32,
    /// The sum of the weights of the entities the two articles share.
    pub score: f64,
    /// The positions of the entities they share, rarest first (then by rank).
    pub shared: Vec<u32>,
}

/// The weight of an entity mentioned by `df` of `n` articles: 0 for one in every article.
pub fn rarity(df: usize, n: usize) -> f64 {
    if df == 0 || n == 0 {
        return 0.0;
    }
    (n as f64 / df as f64).ln().max(0.0)
}

/// At most `limit` articles that share entities with the article at `position`, the highest
/// sum of [`rarity`] of the shared entities first, then the most shared entities, then the
/// newest (the corpus's order). Dates are left out: two articles of the same day are not about
/// the same thing. So are entities every article mentions (weight 0) and the article itself.
pub fn related(corpus: &Corpus, position: u32, limit: usize) -> Vec<RelatedArticle> {
    let entities: Vec<(u32, &[u32])> = (corpus.mentioned_by(position).iter())
        .filter(|&&e| {
            corpus
                .entities()
                .get(e as usize)
                .is_some_and(|e| e.label != Label::Date)
        })
        .map(|&e| (e, corpus.postings(e)))
        .collect();
    // Rarest first: fewest articles, then the corpus's rank.
    let rarer = |a: u32, b: u32| {
        (corpus.postings(a).len(), corpus.rank(a)).cmp(&(corpus.postings(b).len(), corpus.rank(b)))
    };
    related_among(
        &entities,
        corpus.total_articles(),
        Some(position),
        limit,
        &rarer,
    )
}

/// [`related`] from the article's entities and the articles that list each, as the posting
/// files give them (numbers for positions: the article's page before the whole site is there).
/// `entities`: the article's entities in its own order (as its summary lists them), with their
/// articles (increasing); dates and entities of that article alone may be left out (they add
/// nothing to any other article). `articles`: how many the site has. The article itself is
/// among the answers (it shares every entity: only an article that shares them all, and is
/// newer, comes before it), so a caller that does not know its number asks for one more, leaves
/// it out by its id when it is there and the last answer when it is not. A [`RelatedArticle`]'s `shared`
/// are places in `entities`, rarest first: fewest articles, then most mentions, then name, then
/// id, the order [`related`] gives them (the entity table lists entities of as many articles and
/// mentions by id).
pub fn related_by_postings(
    entities: &[(Entity<String>, Vec<u32>)],
    articles: usize,
    limit: usize,
) -> Vec<RelatedArticle> {
    let listed: Vec<(u32, &[u32])> = (entities.iter().enumerate())
        .filter(|(_, (entity, _))| entity.label != Label::Date)
        .map(|(at, (_, numbers))| (at as u32, numbers.as_slice()))
        .collect();
    let rarer = |a: u32, b: u32| {
        let (x, y) = (&entities[a as usize], &entities[b as usize]);
        (x.1.len().cmp(&y.1.len()))
            .then(y.0.mentions.cmp(&x.0.mentions))
            .then_with(|| x.0.name.cmp(&y.0.name))
            .then_with(|| x.0.id.cmp(&y.0.id))
    };
    related_among(&listed, articles, None, limit, &rarer)
}

/// The ranking both share: `entities` (a key and the articles that list it, in the article's
/// order, so that the weights add up in one order and the scores are equal to the last bit),
/// `itself` left out, `rarer` ordering the shared keys.
fn related_among(
    entities: &[(u32, &[u32])],
    articles: usize,
    itself: Option<u32>,
    limit: usize,
    rarer: &dyn Fn(u32, u32) -> std::cmp::Ordering,
) -> Vec<RelatedArticle> {
    let mut found: HashMap<u32, RelatedArticle> = HashMap::new();
    for &(entity, postings) in entities {
        let weight = rarity(postings.len(), articles);
        if weight <= 0.0 {
            continue;
        }
        for &other in postings {
            if Some(other) == itself {
                continue;
            }
            let entry = found.entry(other).or_insert_with(|| RelatedArticle {
                article: other,
                score: 0.0,
                shared: Vec::new(),
            });
            entry.score += weight;
            entry.shared.push(entity);
        }
    }
    let order = |a: &RelatedArticle, b: &RelatedArticle| {
        b.score
            .total_cmp(&a.score)
            .then(b.shared.len().cmp(&a.shared.len()))
            .then(a.article.cmp(&b.article))
    };
    // Articles sharing a common entity can be a large part of the corpus: the first `limit`
    // (a short list) kept in order in one pass over them, with no sort or selection routine
    // (each is one more copy in the app's wasm, docs/app-size.md). The order is total (no two
    // articles tie), so these are the first `limit` of the sorted list.
    let mut out: Vec<RelatedArticle> = Vec::with_capacity(limit.saturating_add(1));
    for candidate in found.into_values() {
        let at = out.partition_point(|kept| order(kept, &candidate).is_lt());
        if at < limit {
            out.insert(at, candidate);
            out.truncate(limit);
        }
    }
    for r in &mut out {
        crate::order::sort_by(&mut r.shared, |&a, &b| rarer(a, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleSummary;
    use crate::entity::{EntityId, Label};
    use crate::testing::{article, corpus, entity};

    fn ids(corpus: &Corpus, related: &[RelatedArticle]) -> Vec<(String, Vec<String>)> {
        related
            .iter()
            .map(|r| {
                let article = corpus.article_at(r.article).expect("an article");
                let shared = r
                    .shared
                    .iter()
                    .map(|&e| corpus.entities()[e as usize].id.as_str().to_owned())
                    .collect();
                (article.id.clone(), shared)
            })
            .collect()
    }

    fn sample() -> Corpus {
        corpus(
            vec![
                article(
                    "a",
                    &["loc-france", "loc-koursk", "loc-sudja", "date-2025-01-06"],
                ),
                // Shares France and Koursk: two common entities.
                article("b", &["loc-france", "loc-koursk", "date-2025-01-06"]),
                // Shares only Sudja, mentioned nowhere else: rarer than France and Koursk.
                article("c", &["loc-france", "loc-sudja"]),
                // Shares only France (in every article: no weight) and the date.
                article("d", &["loc-france", "date-2025-01-06"]),
                article("e", &["loc-france", "loc-koursk"]),
                article("f", &["loc-france", "loc-koursk"]),
            ],
            vec![
                entity("loc-france", Label::Place, 60),
                entity("loc-koursk", Label::Place, 40),
                entity("loc-sudja", Label::Place, 2),
                entity("date-2025-01-06", Label::Date, 3),
            ],
        )
    }

    #[test]
    fn rare_shared_entities_weigh_more_than_common_ones() {
        let corpus = sample();
        let a = corpus.article("a").map(|_| 0).expect("article a");
        let got = ids(&corpus, &related(&corpus, a, 10));
        // Sudja (2 of 6 articles: ln 3 = 1.10) beats Koursk (4 of 6: ln 1.5 = 0.41); France
        // weighs nothing; the shared date does not count; d shares nothing else.
        assert_eq!(
            got,
            [
                ("c".to_owned(), vec!["loc-sudja".to_owned()]),
                ("b".to_owned(), vec!["loc-koursk".to_owned()]),
                ("e".to_owned(), vec!["loc-koursk".to_owned()]),
                ("f".to_owned(), vec!["loc-koursk".to_owned()]),
            ]
        );
        // A shorter list is the start of the longer one, for every length.
        for limit in 0..=5 {
            assert_eq!(
                ids(&corpus, &related(&corpus, a, limit)),
                got[..limit.min(got.len())],
                "limit {limit}"
            );
        }
    }

    #[test]
    fn more_shared_entities_rank_higher_and_are_listed_rarest_first() {
        let corpus = corpus(
            vec![
                article("a", &["per-x", "loc-y", "org-z"]),
                article("b", &["per-x", "loc-y", "org-z"]),
                article("c", &["per-x"]),
                article("d", &["org-z"]),
                article("e", &[]),
            ],
            vec![
                entity("per-x", Label::Person, 3),
                entity("loc-y", Label::Place, 2),
                entity("org-z", Label::Organisation, 2),
            ],
        );
        let got = ids(&corpus, &related(&corpus, 0, 10));
        assert_eq!(got[0].0, "b");
        // Y in 2 articles, X and Z in 3: Y first; X before Z by rank (more mentions).
        assert_eq!(got[0].1, ["loc-y", "per-x", "org-z"]);
        // c and d share one entity of the same weight: the newer (first listed) first.
        assert_eq!(got[1].0, "c");
        assert_eq!(got[2].0, "d");
    }

    #[test]
    fn an_article_with_no_entities_or_an_unknown_position_has_none() {
        assert!(related(&sample(), 99, 5).is_empty());
        let lonely = corpus(
            vec![article("a", &["loc-x"]), article("b", &[])],
            vec![entity("loc-x", Label::Place, 1)],
        );
        assert!(related(&lonely, 0, 5).is_empty());
        assert!(related(&lonely, 1, 5).is_empty());
    }

    /// A site's entity table as the builder writes it: by articles (most first), then
    /// mentions, then id; each entity's `articles` counted from `articles`.
    fn site(articles: Vec<ArticleSummary>, mut entities: Vec<Entity>) -> Corpus {
        for e in &mut entities {
            e.articles = (articles.iter())
                .filter(|a| a.entities.contains(&e.id))
                .count() as u32;
        }
        entities.sort_by(|a, b| {
            (b.articles.cmp(&a.articles))
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.id.cmp(&b.id))
        });
        corpus(articles, entities)
    }

    /// What the article page reads of article `position`'s entities: each as its posting file
    /// has it (id as a string, whole counts) with the articles that list it, in the article's
    /// order, those of that article alone left out.
    fn from_postings(corpus: &Corpus, position: u32) -> Vec<(Entity<String>, Vec<u32>)> {
        (corpus.mentioned_by(position).iter())
            .map(|&e| (&corpus.entities()[e as usize], corpus.postings(e)))
            .filter(|(_, postings)| postings.len() > 1)
            .map(|(e, postings)| {
                let entity = Entity {
                    id: e.id.as_str().to_owned(),
                    label: e.label,
                    name: e.name.clone(),
                    aliases: Vec::new(),
                    articles: e.articles,
                    mentions: e.mentions,
                    value: e.value.clone(),
                    confidence: e.confidence,
                };
                (entity, postings.to_vec())
            })
            .collect()
    }

    #[test]
    fn the_posting_lists_alone_give_the_same_related_articles_as_the_whole_site() {
        // Sites of many shapes: entities of one name (ties broken by mentions, then id), of as
        // many mentions, dates, entities of one article, articles of none.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        for round in 0..40 {
            let kinds = [
                Label::Person,
                Label::Place,
                Label::Organisation,
                Label::Date,
            ];
            let entities: Vec<Entity> = (0..24)
                .map(|i| {
                    let label = kinds[next(4) as usize];
                    let mut e = entity(
                        &format!("{}-e{i}", label.id_prefix()),
                        label,
                        1 + next(4) as u32,
                    );
                    e.name = format!("name {}", next(6));
                    e
                })
                .collect();
            let articles: Vec<ArticleSummary> = (0..40)
                .map(|a| {
                    let mut listed: Vec<&str> = Vec::new();
                    for _ in 0..next(7) {
                        let id = entities[next(24) as usize].id.as_str();
                        if !listed.contains(&id) {
                            listed.push(id);
                        }
                    }
                    // An entity in every article (it weighs nothing), on some sites.
                    if round % 4 == 0 && !listed.contains(&entities[0].id.as_str()) {
                        listed.push(entities[0].id.as_str());
                    }
                    article(&format!("a{a}"), &listed)
                })
                .collect();
            let corpus = site(articles, entities);
            let n = corpus.total_articles();
            for position in 0..n as u32 {
                let expected = related(&corpus, position, 5);
                let listed = from_postings(&corpus, position);
                let mut got = related_by_postings(&listed, n, 6);
                // The article itself, first unless others share as much: left out.
                match got.iter().position(|r| r.article == position) {
                    Some(at) => {
                        got.remove(at);
                    }
                    None => got.truncate(5),
                }
                got.truncate(5);
                for r in &mut got {
                    for e in &mut r.shared {
                        let id = &listed[*e as usize].0.id;
                        let id = EntityId::new(id).expect("a valid id");
                        *e = corpus.entity_position(&id).expect("in the table");
                    }
                }
                assert_eq!(got, expected, "article {position}");
                // The scores to the last bit: the weights added in the same order.
                for (g, e) in got.iter().zip(&expected) {
                    assert_eq!(g.score.to_bits(), e.score.to_bits());
                }
            }
        }
    }

    #[test]
    fn rarity_is_zero_for_an_entity_everywhere_and_never_a_panic() {
        assert_eq!(rarity(10, 10), 0.0);
        assert_eq!(rarity(0, 10), 0.0);
        assert_eq!(rarity(1, 0), 0.0);
        assert!(rarity(1, 10) > rarity(2, 10));
    }
}
