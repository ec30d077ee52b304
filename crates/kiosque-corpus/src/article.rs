//! One article of the site data: its summary (for the index) and its body.

use kiosque_extract::analysis::{Analysis, Found, Place};
use kiosque_extract::clean::{Part, Role};
use kiosque_extract::link::LinkedEntity;
use kiosque_model::article::{BoilerplateBlock, EmbedBlock, RelatedBlock, TextBlock};
use kiosque_model::{ArticleBody, ArticleSummary, Block, EntityId, Label, Mention};

use crate::{Analyzed, linkable};

/// An article's built key ([`crate::Kept`]): an XXH3-128 ([`crate::analyses::checksum`]) of its analysis key, its id
/// and the span and entity id of each of its found mentions (`found` after its lone names were
/// settled, which depends on the corpus; `entity_of`, indices into `entity_ids`; none for one
/// not linked) — all its body is made of. Each field after its length, all in one buffer.
pub(crate) fn built_key(
    key: &str,
    id: &str,
    (found, entity_of): (&[Found], &[usize]),
    entity_ids: &[EntityId],
) -> String {
    let mut fields: Vec<u8> = Vec::with_capacity(128 + 48 * entity_of.len());
    let mut field = |bytes: &[u8]| {
        fields.extend((bytes.len() as u64).to_le_bytes());
        fields.extend(bytes);
    };
    field(key.as_bytes());
    field(id.as_bytes());
    field(&(entity_of.len() as u64).to_le_bytes());
    for (found, &e) in found.iter().zip(entity_of) {
        let mut span = [0u8; 8];
        span[..4].copy_from_slice(&found.start.to_le_bytes());
        span[4..].copy_from_slice(&found.end.to_le_bytes());
        field(&span);
        match entity_ids.get(e) {
            Some(entity) => field(entity.as_str().as_bytes()),
            None => field(b"-"),
        }
    }
    crate::analyses::checksum(&fields)
}

/// An article's publication date as its summary gives it (`YYYY-MM-DD`).
pub(crate) fn published(analysis: &Analysis) -> Option<String> {
    analysis.published.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The summary and body of one article, taking its parts' texts rather than copying them.
/// `entity_of[f]` is the entity (an index into `entity_ids` and `entities`) of found mention `f`.
/// `body_hash`, when given, is the body's fingerprint, kept from a build that made the same
/// body ([`built_key`]): it is not made again, and the body of an article whose analysis
/// came without its texts ([`Analyzed::texts`]) is left [`Body::Pending`].
pub(crate) fn build_article(
    id: String,
    article: Analyzed,
    (entity_of, entity_ids, entities): (&[usize], &[EntityId], &[LinkedEntity]),
    body_hash: Option<String>,
) -> (ArticleSummary, Body) {
    let Analyzed {
        meta,
        mut analysis,
        texts,
        ..
    } = article;
    let entities_listed = ranked(&analysis.found, entity_of, entity_ids, entities);
    let (body, body_hash) = match (body_hash, texts) {
        (Some(hash), Some(texts)) => {
            let pending = Pending {
                id: id.clone(),
                parts: std::mem::take(&mut analysis.cleaned.parts),
                found: std::mem::take(&mut analysis.found),
                entity_of: entity_of.to_vec(),
                texts,
            };
            (Body::Pending(pending), hash)
        }
        (hash, texts) => {
            let mut parts = std::mem::take(&mut analysis.cleaned.parts);
            if let Some(texts) = texts {
                texts.fill(&mut parts);
            }
            let body = body_of(id.clone(), parts, &analysis.found, entity_of, entity_ids);
            let hash = hash.unwrap_or_else(|| kiosque_model::stamp::of_body(&body));
            (Body::Made(body), hash)
        }
    };
    let published = published(&analysis);
    let summary = ArticleSummary {
        id,
        title: analysis.title,
        title_derived: analysis.title_derived,
        published,
        published_inferred: analysis.published_inferred,
        source: meta.source,
        url: meta.url,
        license: meta.license,
        lang: analysis.lang,
        excerpt: analysis.excerpt,
        words: analysis.words,
        entities: entities_listed,
        body_hash: Some(body_hash),
    };
    (summary, body)
}

/// An article's body: made, or left to be made when a body file that holds it is written
/// ([`crate::Site::body`]).
#[derive(Debug, Clone)]
pub(crate) enum Body {
    Made(ArticleBody),
    Pending(Pending),
}

/// What an article's body is made of, its parts' texts still bytes of its analysis's record.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    id: String,
    /// The parts, their texts empty (in `texts`).
    parts: Vec<Part>,
    found: Vec<Found>,
    entity_of: Vec<usize>,
    texts: crate::analyses::Texts,
}

impl Pending {
    /// The body, its mentions' entities given by their positions in `entity_ids`.
    pub(crate) fn make(&self, entity_ids: &[EntityId]) -> ArticleBody {
        let mut parts = self.parts.clone();
        self.texts.fill(&mut parts);
        body_of(
            self.id.clone(),
            parts,
            &self.found,
            &self.entity_of,
            entity_ids,
        )
    }

    /// What stands for the body until it is made: its id, no block.
    pub(crate) fn placeholder(&self) -> ArticleBody {
        ArticleBody {
            id: self.id.clone(),
            blocks: Vec::new(),
        }
    }
}

/// The entities an article lists, most mentioned first (dates last), then first mentioned.
fn ranked(
    found: &[Found],
    entity_of: &[usize],
    entity_ids: &[EntityId],
    entities: &[LinkedEntity],
) -> Vec<EntityId> {
    // Salience: (entity, first position) of each mention, then per entity its mentions.
    let mut seen: Vec<(usize, u32)> = found
        .iter()
        .zip(entity_of)
        .filter(|(found, _)| linkable(found))
        .map(|(found, &entity)| (entity, found.start))
        .collect();
    seen.sort_unstable();
    // (entity, mentions, first).
    let mut ranked: Vec<(usize, u32, u32)> = Vec::with_capacity(seen.len());
    // Sorted by entity then position: a run's first is its first mention.
    ranked.extend(
        seen.chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run.len() as u32, run[0].1)),
    );
    ranked.sort_unstable_by(|a, b| {
        let is_date = |e: usize| entities[e].label == Label::Date;
        is_date(a.0)
            .cmp(&is_date(b.0))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    ranked
        .into_iter()
        .map(|(e, _, _)| entity_ids[e].clone())
        .collect()
}

/// An article's body from its parts (texts taken, not copied) and found mentions.
fn body_of(
    id: String,
    parts: Vec<Part>,
    found: &[Found],
    entity_of: &[usize],
    entity_ids: &[EntityId],
) -> ArticleBody {
    // Each part's mentions, in vectors of the right size.
    let mut counts = vec![0usize; parts.len()];
    for found in found {
        if found.place == Place::Text && linkable(found) {
            counts[found.part] += 1;
        }
    }
    let mut mentions_by_part: Vec<Vec<Mention>> =
        counts.into_iter().map(Vec::with_capacity).collect();
    let mut authors: Vec<Option<EntityId>> = vec![None; parts.len()];
    for (f, found) in found.iter().enumerate() {
        if !linkable(found) {
            continue;
        }
        let entity = entity_of[f];
        match found.place {
            Place::Text => {
                let base = parts[found.part].text_span().start;
                mentions_by_part[found.part].push(Mention {
                    start: found.start - base,
                    end: found.end - base,
                    entity: entity_ids[entity].clone(),
                });
            }
            Place::Author => {
                authors[found.part] = Some(entity_ids[entity].clone());
            }
            Place::Attribution => {}
        }
    }
    let blocks = parts
        .into_iter()
        .zip(mentions_by_part)
        .zip(authors)
        .map(|((part, mentions), author)| into_block(part, mentions, author))
        .collect();
    ArticleBody { id, blocks }
}

/// `items` in `order` (a permutation of their indices).
pub(crate) fn in_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// The data contract's block for a cleaned part, with its mentions and embed author.
pub fn to_block(part: &Part, mentions: Vec<Mention>, author_entity: Option<EntityId>) -> Block {
    into_block(part.clone(), mentions, author_entity)
}

/// [`to_block`], taking the part's text rather than copying it.
pub fn into_block(part: Part, mentions: Vec<Mention>, author_entity: Option<EntityId>) -> Block {
    let text = part.text;
    match part.role {
        Role::Heading => Block::Heading(TextBlock { text, mentions }),
        Role::Paragraph => Block::Paragraph(TextBlock { text, mentions }),
        Role::Embed(e) => Block::Embed(EmbedBlock {
            platform: e.platform,
            text,
            author: e.author,
            handle: e.handle,
            date: e.date.map(|d| d.format("%Y-%m-%d").to_string()),
            media_link: e.media_link,
            url: e.url,
            author_entity,
            mentions,
        }),
        Role::Related { label, url } => Block::Related(RelatedBlock {
            label,
            text,
            url,
            mentions,
        }),
        Role::Boilerplate(reason) => Block::Boilerplate(BoilerplateBlock { reason, text }),
    }
}
