//! The entities an entity most often appears with, for its page.

use std::collections::HashMap;

use crate::entity::{Entity, EntityId};
use crate::index::Corpus;

/// Another entity, with the number of articles that mention both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoOccurrence<'a> {
    /// The other entity.
    pub entity: &'a Entity,
    /// Articles that mention both.
    pub shared: u32,
}

/// The entities mentioned in the same articles as `id`: most shared articles first, then the
/// more mentioned in the corpus, then by name. The entity itself and ids the corpus does not know
/// are left out.
pub fn co_occurring<'a>(corpus: &'a Corpus, id: &EntityId) -> Vec<CoOccurrence<'a>> {
    let mut shared: HashMap<&EntityId, u32> = HashMap::new();
    for article in corpus.articles_mentioning(id) {
        for other in &article.entities {
            if other != id {
                *shared.entry(other).or_default() += 1;
            }
        }
    }
    let mut out: Vec<CoOccurrence<'a>> = shared
        .into_iter()
        .filter_map(|(other, shared)| {
            corpus
                .entity(other)
                .map(|entity| CoOccurrence { entity, shared })
        })
        .collect();
    // A total order (ids are unique): an unstable sort gives the same list, with less code.
    out.sort_unstable_by(|a, b| {
        b.shared
            .cmp(&a.shared)
            .then(b.entity.mentions.cmp(&a.entity.mentions))
            .then_with(|| a.entity.name.cmp(&b.entity.name))
            .then_with(|| a.entity.id.cmp(&b.entity.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;
    use crate::testing::{article, corpus, entity};

    #[test]
    fn counts_shared_articles_and_ranks_by_them() {
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
        let got: Vec<(&str, u32)> =
            co_occurring(&corpus, &EntityId::new("loc-koursk").expect("a valid id"))
                .iter()
                .map(|c| (c.entity.id.as_str(), c.shared))
                .collect();
        // Trump and OTAN share two articles each: Trump is more mentioned. ONU never meets
        // Koursk; loc-ghost is not in the entity table.
        assert_eq!(got, [("per-trump", 2), ("org-otan", 2)]);
    }

    #[test]
    fn an_unknown_or_lonely_entity_has_no_company() {
        let corpus = corpus(
            vec![article("a", &["loc-koursk"])],
            vec![entity("loc-koursk", Label::Place, 1)],
        );
        assert!(
            co_occurring(&corpus, &EntityId::new("loc-koursk").expect("a valid id")).is_empty()
        );
        assert!(
            co_occurring(&corpus, &EntityId::new("loc-nowhere").expect("a valid id")).is_empty()
        );
    }
}
