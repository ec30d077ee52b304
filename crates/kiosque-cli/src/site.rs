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
    /// A fingerprint of the input's text ([`kiosque_model::stamp::of_text`]): what tells apart
    /// articles that would have one id.
    pub digest: String,
    /// The analysis.
    pub analysis: Analysis,
}

/// Two articles that would have had one id: the later gets the id with a suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdClash {
    /// The id both would have had.
    pub id: String,
    /// The article that keeps it.
    pub kept: String,
    /// The other article.
    pub other: String,
    /// The id the other article gets.
    pub given: String,
}

impl std::fmt::Display for IdClash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "id {:?} is used by both {} and {}: {} gets {:?} (of articles with one id, the oldest keeps it; the others get a suffix from their text, whatever the input order)",
            self.id, self.kept, self.other, self.other, self.given
        )
    }
}

/// The whole site data: the index and one body per article (same order as the index).
#[derive(Debug, Clone)]
pub struct Site {
    /// `index.json`.
    pub index: SiteIndex,
    /// `articles/<id>.json`.
    pub bodies: Vec<ArticleBody>,
    /// Articles whose id clashed with another's, for warnings.
    pub clashes: Vec<IdClash>,
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

    let (ids, clashes) = article_ids(articles);
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
        clashes,
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

/// Stable, unique, URL-safe article ids that do not depend on the input order: the given id,
/// else the title's slug (or the file's name when the title was derived). Of articles with the
/// same id, the oldest keeps it (undated ones come last, then by text); each other one gets a
/// suffix made from its text, so its permalink stays the same when inputs are added, removed
/// or reordered.
pub fn article_ids(articles: &[Analyzed]) -> (Vec<String>, Vec<IdClash>) {
    let mut ids: Vec<String> = articles.iter().map(base_id).collect();
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (a, id) in ids.iter().enumerate() {
        groups.entry(id.clone()).or_default().push(a);
    }
    let mut used: HashSet<String> = groups.keys().cloned().collect();
    let mut clashes = Vec::new();
    for (id, mut members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        members.sort_by(|&x, &y| {
            let (a, b) = (&articles[x], &articles[y]);
            let (da, db) = (a.analysis.published, b.analysis.published);
            db.is_some()
                .cmp(&da.is_some())
                .then(da.cmp(&db))
                .then_with(|| a.digest.cmp(&b.digest))
                .then_with(|| whole_digest(a).cmp(&whole_digest(b)))
                .then_with(|| a.origin.cmp(&b.origin))
        });
        let kept = &articles[members[0]];
        for &other in &members[1..] {
            let article = &articles[other];
            let whole = whole_digest(article);
            let given = [&article.digest, &whole]
                .into_iter()
                .map(|digest| format!("{id}-{}", &digest[..8.min(digest.len())]))
                .chain((2..).map(|n| format!("{id}-{}-{n}", &whole[..8.min(whole.len())])))
                .find(|candidate| !used.contains(candidate))
                .unwrap_or_default();
            used.insert(given.clone());
            ids[other] = given.clone();
            clashes.push(IdClash {
                id: id.clone(),
                kept: kept.origin.clone(),
                other: article.origin.clone(),
                given,
            });
        }
    }
    (ids, clashes)
}

/// The id an article asks for: its given id, else the title's slug; but a title derived from
/// the text changes when derivation improves, so then the file's name, which does not.
fn base_id(a: &Analyzed) -> String {
    let from_file = a.file_stem.as_deref().filter(|_| a.analysis.title_derived);
    let base = a
        .meta
        .id
        .as_deref()
        .or(from_file)
        .map(|id| slugify(id, 100))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slugify(&a.analysis.title, 60));
    if base.is_empty() {
        "article".to_owned()
    } else {
        base
    }
}

/// A fingerprint of the text and what the article says about itself: tells apart two
/// articles with the same text (a story republished under another title or date).
fn whole_digest(a: &Analyzed) -> String {
    let m = &a.meta;
    let published = a
        .analysis
        .published
        .map(|d| d.to_string())
        .unwrap_or_default();
    let fields = [
        a.digest.as_str(),
        a.analysis.title.as_str(),
        published.as_str(),
        m.source.as_deref().unwrap_or_default(),
        m.url.as_deref().unwrap_or_default(),
        m.lang.as_deref().unwrap_or_default(),
        m.license.as_deref().unwrap_or_default(),
    ];
    kiosque_model::stamp::of_text(&fields.join("\u{1f}"))
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
