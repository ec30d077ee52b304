//! The index file (`index.json`): loaded first, small, enough for the home page and the sidebar.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::entity::{Entity, EntityId};
use crate::schema::{SchemaError, check_schema};

/// The contents of `index.json`.
///
/// `E` (entity ids) is [`EntityId`]; as read ([`parse_index`]), before [`crate::validate`]
/// checks it, `String`: one invalid id then costs only its item, not the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct SiteIndex<E = EntityId> {
    /// Data contract version, `MAJOR.MINOR` (see [`crate::SCHEMA_VERSION`]).
    pub schema_version: String,
    /// What wrote the data, e.g. `kiosque 0.1.0`.
    #[serde(default)]
    pub generator: String,
    /// Every article, newest first (undated articles last).
    pub articles: Vec<ArticleSummary<E>>,
    /// Every entity, most mentioned first.
    pub entities: Vec<Entity<E>>,
    /// The search index's meta file, relative to the data directory
    /// (`search/meta-<hash>.json`, see [`crate::search`]); none in data without a search index.
    /// Since schema 1.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

/// Just the version field of `index.json`, to explain a file that does not parse.
#[derive(Debug, Clone, Deserialize)]
pub struct SchemaHeader {
    /// Data contract version.
    pub schema_version: String,
}

/// Why `index.json` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// The data is of a schema version this build cannot read.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// The file is not valid site data.
    #[error("not valid site data: {0}")]
    Malformed(String),
}

/// `index.json` as read, its ids not checked yet: what [`crate::validate::index`] checks.
pub type UncheckedIndex = SiteIndex<String>;

impl From<SiteIndex> for UncheckedIndex {
    fn from(index: SiteIndex) -> Self {
        let SiteIndex {
            schema_version,
            generator,
            articles,
            entities,
            search,
        } = index;
        SiteIndex {
            schema_version,
            generator,
            articles: articles
                .into_iter()
                .map(|a| {
                    let ids = a.entities.iter().map(|e| e.as_str().to_owned()).collect();
                    a.with_entities(ids)
                })
                .collect(),
            entities: entities
                .into_iter()
                .map(|e| {
                    let id = String::from(e.id.clone());
                    e.with_id(id)
                })
                .collect(),
            search,
        }
    }
}

/// Parses `index.json` and checks its schema version; its ids are checked by
/// [`crate::validate::index`]. A file that does not parse but says it is of another major
/// version is reported as such, not as corrupt: a future version may have changed its shape.
pub fn parse_index(text: &str) -> Result<UncheckedIndex, IndexError> {
    match serde_json::from_str::<UncheckedIndex>(text) {
        Ok(index) => {
            check_schema(&index.schema_version)?;
            Ok(index)
        }
        Err(error) => {
            if let Ok(header) = serde_json::from_str::<SchemaHeader>(text) {
                check_schema(&header.schema_version)?;
            }
            Err(IndexError::Malformed(error.to_string()))
        }
    }
}

/// A [`SiteIndex`] with lookups by id, built once after loading.
#[derive(Debug, Clone)]
pub struct Corpus {
    index: SiteIndex,
    entity_pos: HashMap<EntityId, usize>,
    article_pos: HashMap<String, usize>,
    /// `postings[e]`: the positions of the articles that mention entity `e`, in article order,
    /// so an entity's articles are found without scanning every article.
    postings: Vec<Vec<u32>>,
    /// Each article's number: its position in `index.json`, by which the search index refers to
    /// it (articles the contract check left out keep the numbers of the others right).
    numbers: Vec<u32>,
}

impl Corpus {
    /// Wraps an index, building its lookup tables.
    pub fn new(index: SiteIndex) -> Self {
        let numbers = (0..index.articles.len())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect();
        Corpus::numbered(index, numbers)
    }

    /// The lookups over `index`, whose articles have these numbers (increasing: see
    /// [`Corpus::by_number`]).
    pub(crate) fn numbered(index: SiteIndex, numbers: Vec<u32>) -> Self {
        let entity_pos: HashMap<EntityId, usize> = index
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let article_pos = index
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); index.entities.len()];
        for (a, article) in index.articles.iter().enumerate() {
            for id in &article.entities {
                if let Some(list) = entity_pos.get(id).map(|&e| &mut postings[e])
                    && list.last() != Some(&(a as u32))
                {
                    list.push(a as u32);
                }
            }
        }
        Corpus {
            index,
            entity_pos,
            article_pos,
            postings,
            numbers,
        }
    }

    /// The article whose number (position in `index.json`) is `number`, if it was kept.
    pub fn by_number(&self, number: u32) -> Option<&ArticleSummary> {
        self.numbers
            .binary_search(&number)
            .ok()
            .and_then(|i| self.index.articles.get(i))
    }

    /// The numbers of `articles` (ids not in the corpus are skipped), sorted.
    pub fn numbers_of<'a>(&self, articles: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        let mut numbers: Vec<u32> = articles
            .into_iter()
            .filter_map(|id| self.article_pos.get(id))
            .filter_map(|&i| self.numbers.get(i).copied())
            .collect();
        numbers.sort_unstable();
        numbers
    }

    /// The search index's meta file (relative to the data directory), when the site has one
    /// and names it as kiosque does (`search/meta-<hash>.json`).
    pub fn search_index(&self) -> Option<&str> {
        self.index
            .search
            .as_deref()
            .filter(|path| crate::search::is_meta_path(path))
    }

    /// All articles, newest first.
    pub fn articles(&self) -> &[ArticleSummary] {
        &self.index.articles
    }

    /// All entities, most mentioned first.
    pub fn entities(&self) -> &[Entity] {
        &self.index.entities
    }

    /// The entity with this id, if the corpus has it.
    pub fn entity(&self, id: &EntityId) -> Option<&Entity> {
        self.entity_named(id.as_str())
    }

    /// The entity whose id is `id` as written (data not checked yet), if the corpus has it.
    pub fn entity_named(&self, id: &str) -> Option<&Entity> {
        self.entity_pos.get(id).map(|&i| &self.index.entities[i])
    }

    /// The article with this id, if the corpus has it.
    pub fn article(&self, id: &str) -> Option<&ArticleSummary> {
        self.article_pos.get(id).map(|&i| &self.index.articles[i])
    }

    /// The articles that mention the entity, newest first.
    pub fn articles_mentioning<'a>(
        &'a self,
        id: &'a EntityId,
    ) -> impl Iterator<Item = &'a ArticleSummary> + 'a {
        // Through the postings for an entity of the table; an id that is not in it (data the
        // validator has not checked) is looked for the slow way, with the same result.
        let (listed, unknown) = match self.entity_pos.get(id) {
            Some(&e) => (self.postings[e].as_slice(), None),
            None => (&[][..], Some(self.index.articles.iter())),
        };
        listed
            .iter()
            .map(|&a| &self.index.articles[a as usize])
            .chain(
                unknown
                    .into_iter()
                    .flatten()
                    .filter(move |a| a.mentions(id)),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entity_s_articles_come_from_its_postings_in_article_order() {
        // Read with checked ids but not checked against each other (as no reader does): the
        // article listing an entity the table does not have keeps it.
        let index: SiteIndex = serde_json::from_str(
            r#"{"schema_version": "1.1", "articles": [
                {"id": "a", "title": "A", "excerpt": "", "words": 1, "entities": ["loc-x", "per-y", "loc-x"]},
                {"id": "b", "title": "B", "excerpt": "", "words": 1, "entities": ["per-y"]},
                {"id": "c", "title": "C", "excerpt": "", "words": 1, "entities": ["loc-x", "org-ghost"]}
            ], "entities": [
                {"id": "loc-x", "label": "LOC", "name": "X", "articles": 2, "mentions": 2},
                {"id": "per-y", "label": "PER", "name": "Y", "articles": 2, "mentions": 2}
            ]}"#,
        )
        .expect("valid");
        let corpus = Corpus::new(index);
        let ids = |id: &str| {
            let id = EntityId::new(id).expect("a valid id");
            corpus
                .articles_mentioning(&id)
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("loc-x"), ["a", "c"]);
        assert_eq!(ids("per-y"), ["a", "b"]);
        assert_eq!(ids("org-ghost"), ["c"]);
        assert!(ids("per-nobody").is_empty());
    }

    #[test]
    fn a_future_major_version_is_named_even_when_its_shape_changed() {
        let err =
            parse_index(r#"{"schema_version": "2.0", "documents": {}}"#).expect_err("refused");
        assert!(
            matches!(
                err,
                IndexError::Schema(SchemaError::UnsupportedMajor { .. })
            ),
            "{err}"
        );
        let err = parse_index(r#"{"schema_version": "2.0", "articles": [], "entities": []}"#)
            .expect_err("refused");
        assert!(matches!(err, IndexError::Schema(_)));
    }

    #[test]
    fn the_search_index_is_named_only_by_a_meta_file_name() {
        let with = |search: &str| {
            let text = format!(
                r#"{{"schema_version": "1.2", "articles": [], "entities": [], "search": {search:?}}}"#
            );
            crate::validate::corpus(parse_index(&text).expect("valid")).value
        };
        assert_eq!(
            with("search/meta-00ff.json").search_index(),
            Some("search/meta-00ff.json")
        );
        assert_eq!(with("../../secret.json").search_index(), None);
        let without = parse_index(r#"{"schema_version": "1.1", "articles": [], "entities": []}"#)
            .expect("data without a search index is read");
        assert_eq!(crate::validate::corpus(without).value.search_index(), None);
    }

    #[test]
    fn corrupt_and_valid_files() {
        assert!(matches!(
            parse_index(r#"{"schema_version": "1.0", "articles": ["#),
            Err(IndexError::Malformed(_))
        ));
        let index = parse_index(r#"{"schema_version": "1.4", "articles": [], "entities": []}"#)
            .expect("minor versions are read");
        assert_eq!(index.schema_version, "1.4");
    }
}
