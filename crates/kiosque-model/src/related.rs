//! The articles related to an article, for its page: those sharing its entities, each shared
//! entity weighted by its rarity (an IDF: `ln(articles / articles mentioning it)`), so that two
//! articles naming the same village are closer than two naming the same country.

use std::collections::HashMap;

use crate::entity::Label;
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
    let n = corpus.total_articles();
    let mut found: HashMap<u32, RelatedArticle> = HashMap::new();
    for &entity in corpus.mentioned_by(position) {
        if corpus
            .entities()
            .get(entity as usize)
            .is_none_or(|e| e.label == Label::Date)
        {
            continue;
        }
        let postings = corpus.postings(entity);
        let weight = rarity(postings.len(), n);
        if weight <= 0.0 {
            continue;
        }
        for &other in postings {
            if other == position {
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
        // Rarest first: fewest articles, then the corpus's rank.
        crate::order::sort_by_key(&mut r.shared, |&e| {
            (corpus.postings(e).len(), corpus.rank(e))
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
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

    #[test]
    fn rarity_is_zero_for_an_entity_everywhere_and_never_a_panic() {
        assert_eq!(rarity(10, 10), 0.0);
        assert_eq!(rarity(0, 10), 0.0);
        assert_eq!(rarity(1, 0), 0.0);
        assert!(rarity(1, 10) > rarity(2, 10));
    }
}
