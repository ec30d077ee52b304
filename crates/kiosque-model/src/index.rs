//! The index file (`index.json`): loaded first, small, enough for the home page and the sidebar.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::entity::{Entity, EntityId};

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

    /// The underlying index.
    pub fn index(&self) -> &SiteIndex {
        &self.index
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
