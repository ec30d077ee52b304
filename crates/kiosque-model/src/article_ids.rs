//! The articles of a corpus found by id without a copy of their ids: a hash table of their
//! positions, each id hashed again from the article when the table grows. A table of ids
//! (`HashMap<String, usize>`) held every article's id twice, about 8 MB of the app's memory
//! at 100,000 articles.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use crate::article::ArticleSummary;

/// Positions in a list of articles, by id. Each method is given the list, which only grows
/// (an article is never moved or changed once its position is in the table).
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleIds {
    table: HashTable<u32>,
    hasher: RandomState,
}

impl ArticleIds {
    /// An empty table with room for `articles` if the memory is there.
    pub(crate) fn with_capacity(articles: usize) -> ArticleIds {
        let mut table = HashTable::new();
        // Nothing is in it to hash again.
        let _ = table.try_reserve(articles, |_: &u32| 0);
        ArticleIds {
            table,
            hasher: RandomState::new(),
        }
    }

    /// The table of `articles`: the first of each id.
    pub(crate) fn of<E>(articles: &[ArticleSummary<E>]) -> ArticleIds {
        let mut ids = ArticleIds::with_capacity(articles.len());
        for at in 0..articles.len() as u32 {
            if ids.get(articles, &articles[at as usize].id).is_none() {
                ids.insert(articles, at);
            }
        }
        ids
    }

    /// The position of the article `id` in `articles`.
    pub(crate) fn get<E>(&self, articles: &[ArticleSummary<E>], id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        let found = self.table.find(hash, |&at| {
            articles.get(at as usize).is_some_and(|a| a.id == id)
        });
        found.copied()
    }

    /// Adds the article at `at` in `articles`, whose id the table does not have.
    pub(crate) fn insert<E>(&mut self, articles: &[ArticleSummary<E>], at: u32) {
        let Some(article) = articles.get(at as usize) else {
            return;
        };
        let ArticleIds { table, hasher } = self;
        let id_hash =
            |at: &u32| hasher.hash_one(articles.get(*at as usize).map_or("", |a| a.id.as_str()));
        let hash = hasher.hash_one(article.id.as_str());
        table.insert_unique(hash, at, id_hash);
    }

    /// How many articles it has.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;

    #[test]
    fn articles_are_found_by_id_as_the_table_grows_the_first_of_each_id() {
        let mut articles: Vec<ArticleSummary> = Vec::new();
        let mut ids = ArticleIds::with_capacity(2);
        for n in 0..2_000u32 {
            articles.push(article(&format!("a-{n}"), &[]));
            assert_eq!(ids.get(&articles, &format!("a-{n}")), None);
            ids.insert(&articles, n);
        }
        for n in 0..2_000u32 {
            assert_eq!(ids.get(&articles, &format!("a-{n}")), Some(n));
        }
        assert_eq!(ids.get(&articles, "a-2000"), None);
        assert_eq!(ids.get(&articles, ""), None);
        // The first of a repeated id.
        articles.push(article("a-7", &[]));
        let ids = ArticleIds::of(&articles);
        assert_eq!(ids.get(&articles, "a-7"), Some(7));
        assert_eq!(ids.len(), 2_000);
    }
}
