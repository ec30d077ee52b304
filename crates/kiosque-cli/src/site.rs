//! Assembling the site data: linking the analysed articles' entities across the corpus and
//! writing them out as the data contract's types.

use std::collections::{BTreeMap, HashMap, HashSet};

use kiosque_extract::analysis::{Analysis, Found, Place};
use kiosque_extract::clean::{Part, Role};
use kiosque_extract::link::{self, Occurrence};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::slug::slugify;
use kiosque_extract::source::Meta;
use kiosque_model::article::{BoilerplateBlock, EmbedBlock, RelatedBlock, TextBlock};
use kiosque_model::{
    ArticleBody, ArticleSummary, Block, Entity, EntityId, Label, Mention, SCHEMA_VERSION, SiteIndex,
};

/// An analysed article and what its input said about it.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// Where it came from (`path` or `path:line`), for messages.
    pub origin: String,
    /// The name of the file it is alone in (not a line of a JSON Lines file), without extension.
    pub file_stem: Option<String>,
    /// The input's metadata.
    pub meta: Meta,
    /// The analysis.
    pub analysis: Analysis,
}

/// The whole site data: the index and one body per article (same order as the index).
#[derive(Debug, Clone)]
pub struct Site {
    /// `index.json`.
    pub index: SiteIndex,
    /// `articles/<id>.json`.
    pub bodies: Vec<ArticleBody>,
}

/// Whether a mention becomes (part of) an entity: not a date that could not be resolved
/// ("yesterday" in an undated article would otherwise join every other undated "yesterday").
fn linkable(found: &Found) -> bool {
    found.label != Label::Date || found.date.is_some()
}

/// How much a mention counts when naming its entity, by where it is.
fn weight(role: &Role) -> f32 {
    match role {
        Role::Heading | Role::Paragraph => 1.0,
        _ => 0.5,
    }
}

/// Builds the site data from analysed articles (in input order).
pub fn assemble(articles: &[Analyzed], knowledge: &Knowledge) -> Site {
    // Link every mention of every article at once.
    let mut occurrences = Vec::new();
    let mut owner: Vec<(usize, usize)> = Vec::new(); // (article, found index)
    for (a, article) in articles.iter().enumerate() {
        for (f, found) in article.analysis.found.iter().enumerate() {
            if !linkable(found) {
                continue;
            }
            let role = &article.analysis.cleaned.parts[found.part].role;
            occurrences.push(Occurrence {
                doc: a,
                label: found.label,
                text: found.text.clone(),
                entry: found.entry,
                date: found.date,
                weight: weight(role),
            });
            owner.push((a, f));
        }
    }
    let lang = majority_language(articles);
    let linked = link::link(&occurrences, knowledge, &lang);
    let mut entity_of: Vec<Vec<usize>> = articles
        .iter()
        .map(|a| vec![0; a.analysis.found.len()])
        .collect();
    for (i, &(a, f)) in owner.iter().enumerate() {
        entity_of[a][f] = linked.of[i];
    }

    let ids = article_ids(articles);
    let mut summaries = Vec::with_capacity(articles.len());
    let mut bodies = Vec::with_capacity(articles.len());
    for (a, article) in articles.iter().enumerate() {
        let entity_ids: Vec<EntityId> = linked
            .entities
            .iter()
            .map(|e| EntityId(e.id.clone()))
            .collect();
        let (summary, body) = build_article(
            &ids[a],
            article,
            &entity_of[a],
            &entity_ids,
            &linked.entities,
        );
        summaries.push(summary);
        bodies.push(body);
    }

    // Newest first, undated last; then by title and id for a stable order.
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&summaries[x], &summaries[y]);
        b.published
            .is_some()
            .cmp(&a.published.is_some())
            .then_with(|| b.published.cmp(&a.published))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    let summaries: Vec<ArticleSummary> = order.iter().map(|&i| summaries[i].clone()).collect();
    let bodies: Vec<ArticleBody> = order.iter().map(|&i| bodies[i].clone()).collect();

    let mut entities: Vec<Entity> = linked
        .entities
        .iter()
        .map(|e| Entity {
            id: EntityId(e.id.clone()),
            label: e.label,
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            articles: e.documents,
            mentions: e.mentions,
            value: e.value.clone(),
        })
        .collect();
    entities.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.id.cmp(&b.id))
    });

    Site {
        index: SiteIndex {
            schema_version: SCHEMA_VERSION.to_owned(),
            generator: format!("kiosque {}", env!("CARGO_PKG_VERSION")),
            articles: summaries,
            entities,
        },
        bodies,
    }
}

fn majority_language(articles: &[Analyzed]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in articles {
        if let Some(l) = &a.analysis.lang {
            *counts.entry(l.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(l, n)| (n, std::cmp::Reverse(l)))
        .map_or_else(|| "en".to_owned(), |(l, _)| l.to_owned())
}

/// Stable, unique, URL-safe article ids: the given id or the title's slug, numbered on clashes
/// in input order.
pub fn article_ids(articles: &[Analyzed]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    articles
        .iter()
        .map(|a| {
            // A given id, else the title's slug; but a title derived from the text changes when
            // derivation improves, so then the file's name, which does not.
            let from_file = a.file_stem.as_deref().filter(|_| a.analysis.title_derived);
            let base = a
                .meta
                .id
                .as_deref()
                .or(from_file)
                .map(|id| slugify(id, 100))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| slugify(&a.analysis.title, 60));
            let base = if base.is_empty() {
                "article".to_owned()
            } else {
                base
            };
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

fn build_article(
    id: &str,
    article: &Analyzed,
    entity_of: &[usize],
    entity_ids: &[EntityId],
    entities: &[link::LinkedEntity],
) -> (ArticleSummary, ArticleBody) {
    let analysis = &article.analysis;
    let parts = &analysis.cleaned.parts;
    let mut mentions_by_part: HashMap<usize, Vec<Mention>> = HashMap::new();
    let mut authors: HashMap<usize, EntityId> = HashMap::new();
    // Salience: mentions in the article, then first position.
    let mut salience: HashMap<usize, (u32, u32)> = HashMap::new();
    for (f, found) in analysis.found.iter().enumerate() {
        if !linkable(found) {
            continue;
        }
        let entity = entity_of[f];
        let s = salience.entry(entity).or_insert((0, found.start));
        s.0 += 1;
        match found.place {
            Place::Text => {
                let base = parts[found.part].text_span().start;
                mentions_by_part
                    .entry(found.part)
                    .or_default()
                    .push(Mention {
                        start: found.start - base,
                        end: found.end - base,
                        entity: entity_ids[entity].clone(),
                    });
            }
            Place::Author => {
                authors.insert(found.part, entity_ids[entity].clone());
            }
            Place::Attribution => {}
        }
    }
    let blocks = parts
        .iter()
        .enumerate()
        .map(|(p, part)| {
            to_block(
                part,
                mentions_by_part.remove(&p).unwrap_or_default(),
                authors.remove(&p),
            )
        })
        .collect();

    let mut ranked: Vec<(usize, (u32, u32))> = salience.into_iter().collect();
    ranked.sort_by(|a, b| {
        let is_date = |e: usize| entities[e].label == Label::Date;
        is_date(a.0)
            .cmp(&is_date(b.0))
            .then(b.1.0.cmp(&a.1.0))
            .then(a.1.1.cmp(&b.1.1))
    });
    let meta = &article.meta;
    let body = ArticleBody {
        id: id.to_owned(),
        blocks,
    };
    let summary = ArticleSummary {
        id: id.to_owned(),
        title: analysis.title.clone(),
        title_derived: analysis.title_derived,
        published: analysis.published.map(|d| d.format("%Y-%m-%d").to_string()),
        published_inferred: analysis.published_inferred,
        source: meta.source.clone(),
        url: meta.url.clone(),
        license: meta.license.clone(),
        lang: analysis.lang.clone(),
        excerpt: analysis.excerpt.clone(),
        words: analysis.words,
        entities: ranked
            .into_iter()
            .map(|(e, _)| entity_ids[e].clone())
            .collect(),
        body_hash: Some(kiosque_model::stamp::of_body(&body)),
    };
    (summary, body)
}

/// The data contract's block for a cleaned part, with its mentions and embed author.
pub fn to_block(part: &Part, mentions: Vec<Mention>, author_entity: Option<EntityId>) -> Block {
    match &part.role {
        Role::Heading => Block::Heading(TextBlock {
            text: part.text.clone(),
            mentions,
        }),
        Role::Paragraph => Block::Paragraph(TextBlock {
            text: part.text.clone(),
            mentions,
        }),
        Role::Embed(e) => Block::Embed(EmbedBlock {
            platform: e.platform.clone(),
            text: part.text.clone(),
            author: e.author.clone(),
            handle: e.handle.clone(),
            date: e.date.map(|d| d.format("%Y-%m-%d").to_string()),
            media_link: e.media_link.clone(),
            url: e.url.clone(),
            author_entity,
            mentions,
        }),
        Role::Related { label, url } => Block::Related(RelatedBlock {
            label: label.clone(),
            text: part.text.clone(),
            url: url.clone(),
            mentions,
        }),
        Role::Boilerplate(reason) => Block::Boilerplate(BoilerplateBlock {
            reason: *reason,
            text: part.text.clone(),
        }),
    }
}
