//! The index file (`index.json`): loaded first, small, enough for the home page and the sidebar.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::entity::{Entity, EntityId};
use crate::schema::{SchemaError, check_schema};

/// The contents of `index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteIndex {
    /// Data contract version, `MAJOR.MINOR` (see [`crate::SCHEMA_VERSION`]).
    pub schema_version: String,
    /// What wrote the data, e.g. `kiosque 0.1.0`.
    #[serde(default)]
    pub generator: String,
    /// Every article, newest first (undated articles last).
    pub articles: Vec<ArticleSummary>,
    /// Every entity, most mentioned first.
    pub entities: Vec<Entity>,
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

/// Parses `index.json` and checks its schema version. A file that does not parse but says it is
/// of another major version is reported as such, not as corrupt: a future version may have
/// changed its shape.
pub fn parse_index(text: &str) -> Result<SiteIndex, IndexError> {
    match serde_json::from_str::<SiteIndex>(text) {
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
}

impl Corpus {
    /// Wraps an index, building its lookup tables.
    pub fn new(index: SiteIndex) -> Self {
        let entity_pos = index
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
        Corpus {
            index,
            entity_pos,
            article_pos,
        }
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
        self.index.articles.iter().filter(move |a| a.mentions(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
