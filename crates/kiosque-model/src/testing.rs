//! Small builders for the tests of this crate.

use crate::article::ArticleSummary;
use crate::entity::{Entity, EntityId, Label};
use crate::index::{Corpus, SiteIndex};

/// An entity with its name equal to its id.
pub fn entity(id: &str, label: Label, mentions: u32) -> Entity {
    Entity {
        id: EntityId::new(id).expect("a valid id"),
        label,
        name: id.to_owned(),
        aliases: vec![],
        articles: 1,
        mentions,
        value: None,
        confidence: None,
    }
}

/// An article mentioning `entities`, in that order.
pub fn article(id: &str, entities: &[&str]) -> ArticleSummary {
    let entities = (entities.iter())
        .map(|&e| EntityId::new(e).expect("a valid id"))
        .collect();
    ArticleSummary {
        title: id.to_owned(),
        words: 1,
        ..ArticleSummary::listing(id.to_owned(), entities)
    }
}

/// A corpus of these articles and entities.
pub fn corpus(articles: Vec<ArticleSummary>, entities: Vec<Entity>) -> Corpus {
    Corpus::new(SiteIndex {
        schema_version: "1.0".into(),
        generator: String::new(),
        search: None,
        articles,
        entities,
    })
}
