//! Each entity's articles, in files of their own (schema 2.4): `postings/<bucket>.json`.
//!
//! A filtered view (`/?entity=…`) or an entity page needs the articles that list an entity and
//! their cards, not the whole summary table, which holds them too (5.8 MB brotli at 100,000
//! articles). An entity's file is known from its id alone, as an article's body file is
//! ([`super::bucket_of`]), so a shared link needs `site.json`, one small file per entity, and the
//! card pages of its first results.

use serde::{Deserialize, Serialize};

use super::{bucket_of, files_for, json_line, numbered_path, parse};
use crate::entity::{Entity, EntityId};
use crate::index::{IndexError, SiteIndex};

/// About how many entities a posting file holds, when there are enough of them.
pub const ENTITIES_PER_POSTING_FILE: usize = 1000;
/// The most posting files a site has: 256 keeps a 100,000-article site under 5,000 files.
pub const MAX_POSTING_FILES: u32 = 256;

/// How many posting files a site of `entities` entities has: a power of two (so that a growing
/// site regroups them only when its entity table doubles), about
/// [`ENTITIES_PER_POSTING_FILE`] entities each, at most [`MAX_POSTING_FILES`].
pub fn posting_files_for(entities: usize) -> u32 {
    files_for(entities, ENTITIES_PER_POSTING_FILE, MAX_POSTING_FILES)
}

/// The path of posting file `file` among `files`: `postings/` and the file's number in hex, as
/// many digits as the largest has (as body files are named).
pub fn posting_path(file: u32, files: u32) -> String {
    numbered_path("postings", file, files)
}

/// The posting file of entity `id` among `files` and its path.
pub fn posting_file_of(id: &str, files: u32) -> (u32, String) {
    let file = bucket_of(id, files);
    (file, posting_path(file, files))
}

/// `postings/<bucket>.json`: the entities of one bucket ([`posting_file_of`]) that some article
/// lists (since schema 2.10 but those of a single article without a page of their own, which
/// [`super::SingleFile`] holds), by id, as the entity table has them but without their spellings, and of each the
/// articles that list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct PostingFile<E = EntityId> {
    /// The entities, in the order of their ids.
    pub entities: Vec<Entity<E>>,
    /// Of each entity (same order), the numbers of the articles that list it (their positions
    /// across the summary pages, 0 for the newest), increasing, each written as its distance
    /// from the one before (the first as it is): short numbers, small files.
    pub articles: Vec<Vec<u32>>,
}

/// Why a posting file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostingError {
    /// Its lists do not match its entities.
    #[error("{file}: {entities} entities but {lists} lists of articles")]
    Lengths {
        file: String,
        entities: usize,
        lists: usize,
    },
    /// An entity's articles go past the site's, or do not increase.
    #[error("{file}: the articles of {id} are not numbers of the site's {articles} articles")]
    Numbers {
        file: String,
        id: String,
        articles: u32,
    },
}

/// An entity of a posting file and the numbers of the articles that list it (increasing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityArticles<'a> {
    pub entity: &'a Entity<String>,
    pub numbers: Vec<u32>,
}

impl PostingFile<String> {
    /// The numbers of the articles that list `id` (increasing), `Ok(None)` when the file does
    /// not have it (no article lists it), an error when its list is not one of the site's
    /// `articles` articles. `file` names the file in the error.
    pub fn articles_of(
        &self,
        file: &str,
        id: &str,
        articles: u32,
    ) -> Result<Option<EntityArticles<'_>>, PostingError> {
        if self.entities.len() != self.articles.len() {
            return Err(PostingError::Lengths {
                file: file.to_owned(),
                entities: self.entities.len(),
                lists: self.articles.len(),
            });
        }
        let Ok(at) = self.entities.binary_search_by(|e| e.id.as_str().cmp(id)) else {
            return Ok(None);
        };
        let mut numbers = Vec::with_capacity(self.articles[at].len());
        let mut last: Option<u32> = None;
        for &gap in &self.articles[at] {
            let next = match last {
                None => Some(gap),
                Some(last) if gap > 0 => last.checked_add(gap),
                Some(_) => None,
            };
            match next {
                Some(n) if n < articles => {
                    numbers.push(n);
                    last = Some(n);
                }
                _ => {
                    return Err(PostingError::Numbers {
                        file: file.to_owned(),
                        id: id.to_owned(),
                        articles,
                    });
                }
            }
        }
        Ok(Some(EntityArticles {
            entity: &self.entities[at],
            numbers,
        }))
    }
}

/// Parses a posting file (`file` names it in errors).
pub fn parse_postings(file: &str, text: &str) -> Result<PostingFile<String>, IndexError> {
    parse(file, text)
}

/// The posting files of `index`, whose entities are listed by the articles `of_entity` says
/// (by entity position, increasing), among `files` ([`posting_files_for`]); `by_id`, the
/// entities' positions in the order of their ids. Each file's path and bytes, and a fingerprint
/// of them all, which the app puts in their URLs (`?v=`): any change of any of them changes it.
pub(super) fn posting_files(
    index: &SiteIndex,
    of_entity: &[Vec<u32>],
    by_id: &[u32],
    files: u32,
) -> (Vec<(String, Vec<u8>)>, String) {
    // Each file's entities, in the order of their ids: those some article lists, but those of
    // a single article without a page of their own, which the files of single-article
    // entities hold (schema 2.10: they were most of a file's entities, and most of its bytes).
    let grouped = super::by_bucket(&index.entities, by_id, files, |p| {
        !of_entity[p as usize].is_empty()
            && super::profiles::single_article(&index.entities, of_entity, p).is_none()
    });
    let written: Vec<(String, Vec<u8>)> = crate::cores::map_all(
        grouped.into_iter().enumerate().collect(),
        |(file, members): (usize, Vec<u32>)| {
            let posting = PostingFile {
                entities: members
                    .iter()
                    .map(|&p| super::without_spellings(&index.entities[p as usize]))
                    .collect(),
                articles: members
                    .iter()
                    .map(|&p| gaps(&of_entity[p as usize]))
                    .collect(),
            };
            (posting_path(file as u32, files), json_line(&posting))
        },
    );
    let version = super::fingerprint(&written);
    (written, version)
}

/// `numbers` (increasing) as the first and each one's distance from the one before.
fn gaps(numbers: &[u32]) -> Vec<u32> {
    let mut last = None;
    numbers
        .iter()
        .map(|&n| {
            let gap = last.map_or(n, |last| n - last);
            last = Some(n);
            gap
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_of_files_grows_by_doubling_and_stops_at_its_cap() {
        assert_eq!(posting_files_for(0), 1);
        assert_eq!(posting_files_for(1000), 1);
        assert_eq!(posting_files_for(1001), 2);
        assert_eq!(posting_files_for(27_862), 32);
        assert_eq!(posting_files_for(198_524), 256);
        assert_eq!(posting_files_for(10_000_000), MAX_POSTING_FILES);
        assert_eq!(posting_path(0, 1), "postings/0.json");
        assert_eq!(posting_path(31, 32), "postings/1f.json");
        assert_eq!(posting_path(5, 256), "postings/05.json");
    }

    fn file(ids: &[&str], lists: Vec<Vec<u32>>) -> PostingFile<String> {
        let entities = ids
            .iter()
            .map(|id| {
                serde_json::from_value(serde_json::json!({
                    "id": id, "label": "PER", "name": id, "articles": 1, "mentions": 1
                }))
                .expect("entity")
            })
            .collect();
        PostingFile {
            entities,
            articles: lists,
        }
    }

    #[test]
    fn an_entity_s_articles_are_read_back_from_their_gaps() {
        let posting = file(
            &["loc-kursk", "per-a"],
            vec![gaps(&[0, 3, 4, 90]), gaps(&[7])],
        );
        assert_eq!(posting.articles[0], vec![0, 3, 1, 86]);
        let found = posting
            .articles_of("f", "loc-kursk", 100)
            .expect("well formed")
            .expect("there");
        assert_eq!(found.entity.id, "loc-kursk");
        assert_eq!(found.numbers, vec![0, 3, 4, 90]);
        assert_eq!(posting.articles_of("f", "per-b", 100), Ok(None));
        // Past the site's articles, or not increasing: an error naming the file and entity.
        let past = posting.articles_of("postings/3.json", "loc-kursk", 90);
        assert!(
            past.as_ref()
                .is_err_and(|e| e.to_string().contains("postings/3.json")
                    && e.to_string().contains("loc-kursk")),
            "{past:?}"
        );
        let still = file(&["per-a"], vec![vec![4, 0]]);
        assert!(still.articles_of("f", "per-a", 100).is_err());
        let short = file(&["per-a"], vec![]);
        assert!(matches!(
            short.articles_of("f", "per-a", 100),
            Err(PostingError::Lengths { .. })
        ));
    }
}
