//! Kiosque's corpus pipeline: documents in, site data out. Each document is analysed (cleaned,
//! its language, title, date and mentions found) in parallel; the mentions of all of them are
//! linked into entities at once; then articles get their ids, summaries and bodies (in
//! parallel) and their order. `kiosque build`, `kiosque extract`, the benchmarks and the browser
//! tests' harness all go through [`analyze`] then [`assemble`] (the site) or [`locate_all`] (the
//! mentions in the input texts), which link alike, so what `extract` reports is what a built
//! site shows. No I/O: reading inputs, progress and messages are the caller's.

pub mod analyses;
mod article;
mod copies;
mod ids;
mod origin;
pub mod search;
pub mod timings;

use std::collections::{BTreeMap, HashMap};

use kiosque_extract::analysis::{self, Analysis, Found, Place};
use kiosque_extract::clean::Role;
use kiosque_extract::link::{self, Occurrence};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::normalize::Normalized;
use kiosque_extract::source::{Document, Meta, Warning};
use kiosque_model::search::DocTerms;
use kiosque_model::{
    ArticleBody, ArticleSummary, Entity, EntityId, Label, SCHEMA_VERSION, SiteIndex,
};
use rayon::prelude::*;

pub use article::{into_block, to_block};
pub use copies::{Copy, SameText, kept_once, once_each, same_texts};
pub use ids::{IdClash, article_ids};
pub use origin::Origin;

/// A document to analyse, with where it came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from: what decides which of two copies is kept, and what messages name.
    pub origin: Origin,
    /// The name of the file it is alone in (not a line of a JSON Lines file), without extension:
    /// the article's id when its title is derived.
    pub file_stem: Option<String>,
    /// The document.
    pub document: Document,
}

/// An analysed article and what its input said about it: the per-article work's output, one
/// record of an analyses file (see [`analyses`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Analyzed {
    /// The input document's key ([`analyses::key`]). First: analyses files find it there.
    pub key: String,
    /// Where it came from: what decides which of two copies is kept, and what messages name.
    pub origin: Origin,
    /// The name of the file it is alone in, without extension.
    pub file_stem: Option<String>,
    /// The input's metadata.
    pub meta: Meta,
    /// What reading the input ignored or changed (reported where the input is read; not kept
    /// in analyses files).
    #[serde(skip)]
    pub warnings: Vec<Warning>,
    /// A fingerprint of the input's text ([`kiosque_model::stamp::for_ids`]): what tells apart
    /// articles that would have one id.
    pub digest: String,
    /// The analysis.
    pub analysis: Analysis,
    /// The article's search terms ([`search::terms_of`] its analysis).
    #[serde(default)]
    pub terms: DocTerms,
    /// Its parts' texts, when the analysis was read from a compact record without them (the
    /// parts' `text` then empty: see [`analyses::Entry::decode_deferred`]); [`assemble_kept`]
    /// puts them back only for the bodies it makes.
    #[serde(skip)]
    pub texts: Option<analyses::Texts>,
}

impl Analyzed {
    /// Its parts' texts put back, if they were left out ([`Analyzed::texts`]).
    pub fn fill_texts(&mut self) {
        if let Some(texts) = self.texts.take() {
            texts.fill(&mut self.analysis.cleaned.parts);
        }
    }
}

/// The whole site data: the index and one body per article (same order as the index), written
/// as data contract 2 ([`kiosque_model::parts`]).
#[derive(Debug, Clone)]
pub struct Site {
    /// Every summary and entity: written as `site.json`, `summaries/` and `entities/`.
    pub index: SiteIndex,
    /// The articles' bodies: written, grouped by id, as `bodies/<bucket>.json`.
    pub bodies: Vec<ArticleBody>,
    /// Articles whose id clashed with another's, for warnings.
    pub clashes: Vec<IdClash>,
    /// The search index: `search/` files, named by `index.search`.
    pub search: kiosque_model::search::Built,
    /// Each article's built key ([`Kept`]), in index order: what a next build needs to take
    /// the articles' `body_hash` from this one.
    pub built: Vec<String>,
    /// The bodies not made yet, by position in the index (see [`Site::body`]).
    pending: Vec<Option<article::Pending>>,
    /// The entities' ids in the linker's order: what a pending body's mentions point into.
    linked_ids: Vec<EntityId>,
}

impl Site {
    /// The body of the article at `position` in the index. [`assemble_kept`] leaves unmade
    /// (an empty body with its id, in [`Site::bodies`]) the body of an article whose
    /// analysis came without its texts and whose `body_hash` the last build gave: made here,
    /// from its texts, only for the body files written again.
    pub fn body(&self, position: usize) -> Option<std::borrow::Cow<'_, ArticleBody>> {
        match self.pending.get(position) {
            Some(Some(pending)) => Some(std::borrow::Cow::Owned(pending.make(&self.linked_ids))),
            _ => self.bodies.get(position).map(std::borrow::Cow::Borrowed),
        }
    }

    /// How many bodies are left to [`Site::body`] (for tests and figures).
    pub fn pending_bodies(&self) -> usize {
        self.pending.iter().flatten().count()
    }
}

/// What a previous build made of articles, for [`assemble_kept`]: each article's `body_hash`
/// by its built key — an XXH3-128 of its analysis key, its id and the entity id of each of its
/// mentions, which are all its body is made of. An article whose built key is here does not
/// have its body serialised to be fingerprinted. Whoever keeps it between builds keeps it for
/// one kiosque executable only: the key does not say how bodies are made.
pub type Kept = HashMap<String, String>;

/// What a previous build made that the next may take rather than make again: each article's
/// `body_hash` ([`Kept`]) and the search index's base segment (taken where its articles are the
/// same: [`search::base_key`]). Whoever keeps it between builds keeps it for one kiosque
/// executable only, and checks the segment's files ([`kiosque_model::search::Segment::of_shards`]).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// Each body's fingerprint by the article's built key.
    pub bodies: Kept,
    /// The search index's base segment, with its key.
    pub search_base: Option<kiosque_model::search::Segment>,
}

/// A mention located in the input text, with the entity the site gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// First code point in the input document's text.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// What it is.
    pub label: Label,
    /// The entity, as in the site data; none for a date that could not be resolved (such a
    /// mention is not linked nor shown).
    pub entity: Option<EntityId>,
    /// For dates, the ISO value.
    pub value: Option<String>,
    /// Where in its part it is (text, embed author, attribution line).
    pub place: Place,
}

/// Analyses every document for the site, in parallel, taking the analysis of a document the
/// `cache` holds (same key) rather than making it again; calls `each` after each one (for
/// progress), with `true` when the analysis came from the cache. Documents are dropped as soon
/// as they are analysed, and so are the analyses' maps back to the input text (the site does
/// not need them: they are most of an analysis's size).
pub fn analyze(
    sources: Vec<Source>,
    knowledge: &Knowledge,
    cache: Option<&analyses::Cache<'_>>,
    each: impl Fn(bool) + Sync + Send,
) -> Vec<Analyzed> {
    analyze_lazily(sources, || knowledge, cache, each)
}

/// [`analyze`], asking for the knowledge only for a document the cache does not hold: a
/// rebuild whose documents are all in the cache does not wait for it to load.
pub fn analyze_lazily<'k>(
    sources: Vec<Source>,
    knowledge: impl Fn() -> &'k Knowledge + Sync + Send,
    cache: Option<&analyses::Cache<'_>>,
    each: impl Fn(bool) + Sync + Send,
) -> Vec<Analyzed> {
    sources
        .into_par_iter()
        .map(|source| {
            let key = analyses::key(&source.document);
            if let Some(kept) = cache.and_then(|c| c.get(&key)) {
                each(true);
                let texts = kept.texts;
                return Analyzed {
                    texts,
                    ..with_source(kept.analysis, kept.terms, key, source)
                };
            }
            let mut article = analyze_one(source, key, knowledge());
            article.terms = search::terms_of(&article.analysis);
            let cleaned = &mut article.analysis.cleaned;
            cleaned.doc = Normalized::default();
            cleaned.matching = Normalized::default();
            each(false);
            article
        })
        .collect()
}

/// Analyses one document, keeping everything but its search terms (only a site needs them:
/// [`analyze_lazily`] adds them, `locate_all` does not).
fn analyze_one(source: Source, key: String, knowledge: &Knowledge) -> Analyzed {
    let analysis = analysis::analyze(&source.document, knowledge);
    with_source(analysis, DocTerms::default(), key, source)
}

/// An analysis (and its search terms) with what the input says of its document.
fn with_source(analysis: Analysis, terms: DocTerms, key: String, source: Source) -> Analyzed {
    let Source {
        origin,
        file_stem,
        document,
    } = source;
    Analyzed {
        key,
        origin,
        file_stem,
        digest: kiosque_model::stamp::for_ids(&document.text),
        meta: document.meta,
        warnings: document.warnings,
        analysis,
        terms,
        texts: None,
    }
}

/// Documents in, site data out: [`analyze`] then [`assemble`], entities named in the
/// language of most articles.
pub fn build(sources: Vec<Source>, knowledge: &Knowledge) -> Site {
    let articles = analyze(sources, knowledge, None, |_| {});
    assemble(articles, knowledge, None)
}

/// Whether a mention becomes (part of) an entity: not a date that could not be resolved
/// ("yesterday" in an undated article would otherwise join every other undated "yesterday").
pub(crate) fn linkable(found: &Found) -> bool {
    found.label != Label::Date || found.date.is_some()
}

/// Makes each lone name ([`Found::lone`]) a mention of what the corpus names by it (a person
/// whose full name ends with it, or a word the corpus types alone), or leaves it out: after
/// this, every mention of `articles` is typed. Depends on every article, as linking does.
pub fn settle_lone_names(articles: &mut [Analyzed]) {
    let typed = articles
        .par_iter()
        .flat_map_iter(|a| &a.analysis.found)
        // A lone name is no known name (the knowledge would have typed it): only the unknown
        // names typed elsewhere can say what it is.
        .filter(|found| !found.lone && found.entry.is_none())
        .map(|found| (found.label, found.confidence, found.text.as_str()));
    let names = link::LoneNames::new(typed);
    articles.par_iter_mut().for_each(|article| {
        article.analysis.found.retain_mut(|found| {
            if !found.lone {
                return true;
            }
            found.lone = false;
            names
                .label(&found.text)
                .map(|label| found.label = label)
                .is_some()
        });
    });
}

/// How much a mention counts when naming its entity, by where it is.
fn weight(role: &Role) -> f32 {
    match role {
        Role::Heading | Role::Paragraph => 1.0,
        _ => 0.5,
    }
}

/// What the linker links: each article's linkable mentions, in order, one run after the other,
/// weighted by their part (`articles` in the canonical order, their lone names settled: see
/// [`settle_lone_names`]).
pub fn occurrences(articles: &[Analyzed]) -> Vec<Occurrence<'_>> {
    // On every core; collected in order.
    articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(a, article)| {
            let analysis = &article.analysis;
            analysis
                .found
                .iter()
                .filter(|found| linkable(found))
                .map(move |found| Occurrence {
                    doc: a,
                    label: found.label,
                    text: &found.text,
                    entry: found.entry,
                    date: found.date,
                    weight: weight(&analysis.cleaned.parts[found.part].role),
                    confidence: found.confidence,
                })
        })
        .collect()
}

/// The corpus linked: every linkable mention's entity.
struct Linking {
    /// The entities, sorted by id.
    entities: Vec<link::LinkedEntity>,
    /// Their ids, in the same order.
    ids: Vec<EntityId>,
    /// `of[a][f]`: the entity of mention `f` of article `a` (`usize::MAX`: not linked, see
    /// [`linkable`]).
    of: Vec<Vec<usize>>,
}

/// Links every mention of every article at once, naming known entities in `names` (a language
/// code: the site's interface language) where the built-in knowledge has a name in it, else in
/// the language of most articles.
fn link_corpus(articles: &[Analyzed], knowledge: &Knowledge, names: Option<&str>) -> Linking {
    let occurrences = occurrences(articles);
    let lang = names.map_or_else(|| majority_language(articles), str::to_owned);
    let linked = link::link(&occurrences, knowledge, &lang);
    // Where each article's run of the occurrences starts (they are in article order), the
    // last one's end after them.
    let starts: Vec<usize> = (0..=articles.len())
        .into_par_iter()
        .map(|a| occurrences.partition_point(|occ| occ.doc < a))
        .collect();
    drop(occurrences);
    // Each article's entities from its run of the occurrences, on every core.
    let (of, ids) = rayon::join(
        || {
            articles
                .par_iter()
                .zip(starts.par_windows(2))
                .map(|(a, run)| {
                    let mut entity_of = linked
                        .of
                        .get(run[0]..run[1])
                        .expect("the linker gives each occurrence its entity")
                        .iter();
                    a.analysis
                        .found
                        .iter()
                        .map(|found| match linkable(found) {
                            true => entity_of.next().copied().unwrap_or(usize::MAX),
                            false => usize::MAX,
                        })
                        .collect()
                })
                .collect()
        },
        || {
            linked
                .entities
                .par_iter()
                // Slugs of folded ASCII and dashes after a label prefix (`kiosque_extract::slug`).
                .map(|e| {
                    EntityId::new(e.id.as_str()).expect("the linker makes ids of a-z, 0-9 and -")
                })
                .collect()
        },
    );
    Linking {
        entities: linked.entities,
        ids,
        of,
    }
}

/// Per document (in input order), its mentions in text order with offsets into its text and
/// the entities [`build`] gives them: what `kiosque extract` prints. The documents are analysed
/// in parallel and linked as [`assemble`] links them.
pub fn locate_all(sources: Vec<Source>, knowledge: &Knowledge) -> Vec<Vec<Located>> {
    let articles: Vec<Analyzed> = sources
        .into_par_iter()
        .map(|source| {
            let key = analyses::key(&source.document);
            let mut article = analyze_one(source, key, knowledge);
            article.analysis.cleaned.matching = Normalized::default();
            article
        })
        .collect();
    // Linked in the order `assemble` links in; given back in input order.
    let mut indexed: Vec<(usize, Analyzed)> = articles.into_iter().enumerate().collect();
    indexed.par_sort_unstable_by(|(_, a), (_, b)| canonical(a, b));
    let (order, mut sorted): (Vec<usize>, Vec<Analyzed>) = indexed.into_iter().unzip();
    settle_lone_names(&mut sorted);
    let linking = link_corpus(&sorted, knowledge, None);
    let located: Vec<Vec<Located>> = sorted
        .par_iter()
        .zip(&linking.of)
        .map(|(article, of)| locate(&article.analysis, of, &linking.ids))
        .collect();
    let mut in_input_order: Vec<Vec<Located>> = vec![Vec::new(); located.len()];
    for (located, &i) in located.into_iter().zip(&order) {
        in_input_order[i] = located;
    }
    in_input_order
}

/// The one order articles are linked in: by key (what analysis read of them), then by origin.
fn canonical(a: &Analyzed, b: &Analyzed) -> std::cmp::Ordering {
    a.key.cmp(&b.key).then_with(|| a.origin.cmp(&b.origin))
}

/// The site's order of `articles` (their indices), whose ids are `ids`: newest first, undated
/// last; then by title and id, then as given. The fields compared are those the articles'
/// summaries are made of ([`article::published`], the analysis's title), so that the order is
/// known before linking.
fn site_order(articles: &[Analyzed], ids: &[String]) -> Vec<usize> {
    let published: Vec<Option<String>> = articles
        .par_iter()
        .map(|a| article::published(&a.analysis))
        .collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.par_sort_unstable_by(|&x, &y| {
        let (a, b) = (&published[x], &published[y]);
        b.is_some()
            .cmp(&a.is_some())
            .then_with(|| b.cmp(a))
            .then_with(|| articles[x].analysis.title.cmp(&articles[y].analysis.title))
            .then_with(|| ids[x].cmp(&ids[y]))
            .then(x.cmp(&y))
    });
    order
}

/// An article's summary and its body, made or left to [`Site::body`].
type Pair = (ArticleSummary, article::Body);

/// Builds the site data from analysed articles (in any order), consuming them. Known entities
/// are named in the language `names` (the site's interface language) where the built-in
/// knowledge has a name in it; `None`: in the language of most articles.
pub fn assemble(articles: Vec<Analyzed>, knowledge: &Knowledge, names: Option<&str>) -> Site {
    assemble_kept(articles, knowledge, Previous::default(), names)
}

/// [`assemble`], taking from `previous` the `body_hash` of each article whose built key is
/// there and the search index's base segment where its articles are the same, rather than
/// making them again (see [`Previous`]).
pub fn assemble_kept(
    mut articles: Vec<Analyzed>,
    knowledge: &Knowledge,
    previous: Previous,
    names: Option<&str>,
) -> Site {
    let Previous {
        bodies: kept,
        search_base,
    } = previous;
    // Linking depends on the order it meets mentions in: it meets them in one order whatever
    // the order of the inputs (or of the shards of a sharded build).
    articles.par_sort_unstable_by(canonical);
    let (ids, clashes) = article_ids(&articles);
    let order = site_order(&articles, &ids);
    timings::end("articles sorted, their ids and order");
    let terms: Vec<DocTerms> = articles
        .iter_mut()
        .map(|article| std::mem::take(&mut article.terms))
        .collect();
    // The search index numbers articles from the oldest.
    let oldest: Vec<usize> = order.iter().rev().copied().collect();
    let base_key = search::base_key(oldest.iter().map(|&a| articles[a].key.as_str()));
    // Linking is mostly serial: the search index, which needs the site's order and no entity,
    // is built meanwhile on the other cores.
    let (linking, search) = rayon::join(
        || {
            settle_lone_names(&mut articles);
            link_corpus(&articles, knowledge, names)
        },
        || search::index(article::in_order(terms, &oldest), base_key, search_base),
    );
    timings::end("entities linked (the newest search segment beside)");
    drop(oldest);
    let pairs: Vec<(Pair, String)> = articles
        .into_par_iter()
        .zip(ids)
        .zip(linking.of)
        .map(|((article, id), of)| {
            let built = article::built_key(
                &article.key,
                &id,
                (&article.analysis.found, &of),
                &linking.ids,
            );
            let body_hash = kept.get(&built).cloned();
            let pair = article::build_article(
                id,
                article,
                (&of, &linking.ids, &linking.entities),
                body_hash,
            );
            (pair, built)
        })
        .collect();
    timings::end("each article's summary and body");
    let (pairs, built): (Vec<Pair>, Vec<String>) =
        article::in_order(pairs, &order).into_iter().unzip();
    let (summaries, bodies): (Vec<ArticleSummary>, Vec<article::Body>) = pairs.into_iter().unzip();
    let (bodies, pending): (Vec<ArticleBody>, Vec<Option<article::Pending>>) = bodies
        .into_iter()
        .map(|body| match body {
            article::Body::Made(body) => (body, None),
            article::Body::Pending(pending) => (pending.placeholder(), Some(pending)),
        })
        .unzip();
    let linked_ids = match pending.iter().any(Option::is_some) {
        true => linking.ids.clone(),
        false => Vec::new(),
    };

    let entities: Vec<Entity> = linking
        .entities
        .into_iter()
        .zip(linking.ids)
        .map(|(e, id)| Entity {
            id,
            label: e.label,
            name: e.name,
            aliases: e.aliases,
            articles: e.documents,
            mentions: e.mentions,
            value: e.value,
            confidence: Some(e.confidence),
        })
        .collect();
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.par_sort_unstable_by(|&x, &y| {
        let (a, b) = (&entities[x], &entities[y]);
        b.articles
            .cmp(&a.articles)
            .then(b.mentions.cmp(&a.mentions))
            .then_with(|| a.id.cmp(&b.id))
            .then(x.cmp(&y))
    });
    let entities = article::in_order(entities, &order);

    timings::end("entities sorted");
    Site {
        index: SiteIndex {
            schema_version: SCHEMA_VERSION.to_owned(),
            generator: format!("kiosque {}", env!("CARGO_PKG_VERSION")),
            articles: summaries,
            entities,
            search: Some(search.meta_path.clone()),
        },
        bodies,
        clashes,
        search,
        built,
        pending,
        linked_ids,
    }
}

/// An article's mentions with offsets into its input text, in text order.
fn locate(analysis: &Analysis, entity_of: &[usize], entity_ids: &[EntityId]) -> Vec<Located> {
    let doc = &analysis.cleaned.doc;
    let mut located: Vec<Located> = analysis
        .found
        .iter()
        .zip(entity_of)
        .map(|(found, &e)| {
            let start = doc.original(found.start);
            Located {
                start,
                end: doc.original_end(found.end).max(start),
                label: found.label,
                entity: entity_ids.get(e).cloned(),
                value: found.date.map(|d| d.iso()),
                place: found.place,
            }
        })
        .collect();
    located.sort_by_key(|l| (l.start, l.end));
    located
}

/// The language most articles are in (ties: the first by code), English when none is known:
/// the linker's choice of names.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source {
            origin: Origin::new(std::path::Path::new(name), None),
            file_stem: Some(name.to_owned()),
            document: Document {
                text: text.to_owned(),
                meta: Meta {
                    lang: Some("fr".to_owned()),
                    ..Meta::default()
                },
                ..Document::default()
            },
        }
    }

    fn sources() -> Vec<Source> {
        vec![
            source(
                "a",
                "Kiev sous les bombes\n\nLa  Russie a frappé Kiev lundi, a déclaré Volodymyr Zelensky.",
            ),
            source(
                "b",
                "Trump et Poutine\n\nDonald Trump a parlé à Vladimir Poutine de l’Ukraine.",
            ),
        ]
    }

    #[test]
    fn the_site_does_not_depend_on_the_input_order() {
        let knowledge = Knowledge::builtin();
        let forward = build(sources(), knowledge);
        let backward = build(sources().into_iter().rev().collect(), knowledge);
        assert_eq!(forward.index, backward.index);
        assert_eq!(forward.bodies, backward.bodies);
        assert!(!forward.index.entities.is_empty());
    }

    /// The analyses of `articles` as the cache of `kiosque build` keeps them (compact).
    fn compact_file(articles: &[Analyzed]) -> Vec<u8> {
        let mut writer = analyses::Writer::with_encoding(Vec::new(), analyses::Encoding::Compact)
            .expect("in memory");
        for article in articles {
            writer
                .line(&analyses::encode_compact(article))
                .expect("in memory");
        }
        writer.finish().expect("in memory")
    }

    #[test]
    fn a_rebuild_from_the_cache_makes_the_bodies_it_left_pending_as_a_clean_build_does() {
        let knowledge = Knowledge::builtin();
        let first = analyze(sources(), knowledge, None, |_| {});
        let file = compact_file(&first);
        let clean = assemble(first, knowledge, None);
        let kept: Kept = clean
            .built
            .iter()
            .zip(&clean.index.articles)
            .map(|(key, a)| (key.clone(), a.body_hash.clone().expect("a fingerprint")))
            .collect();

        let entries = analyses::parse(&file).expect("a sound file");
        let cache = analyses::Cache::new(entries);
        let again = analyze(sources(), knowledge, Some(&cache), |hit| assert!(hit));
        assert!(
            again
                .iter()
                .all(|a| a.texts.is_some()
                    && a.analysis.cleaned.parts.iter().all(|p| p.text.is_empty())),
            "the cache's analyses come without their texts"
        );
        // Written again (a cache rewritten), a record without its texts is the record it was.
        assert_eq!(compact_file(&again), file);

        let previous = Previous {
            bodies: kept,
            search_base: None,
        };
        let rebuilt = assemble_kept(again, knowledge, previous, None);
        assert_eq!(rebuilt.index, clean.index);
        assert_eq!(
            rebuilt.pending_bodies(),
            clean.bodies.len(),
            "none made yet"
        );
        for (p, body) in clean.bodies.iter().enumerate() {
            assert_eq!(rebuilt.body(p).as_deref(), Some(body));
            assert!(!body.blocks.is_empty());
        }

        // Without what the last build made, every body is made (its fingerprint needs it).
        let cache = analyses::Cache::new(analyses::parse(&file).expect("a sound file"));
        let again = analyze(sources(), knowledge, Some(&cache), |_| {});
        let fresh = assemble_kept(again, knowledge, Previous::default(), None);
        assert_eq!(fresh.pending_bodies(), 0);
        assert_eq!(fresh.bodies, clean.bodies);
        assert_eq!(fresh.index, clean.index);
    }

    #[test]
    fn located_mentions_read_in_the_input_text_and_carry_the_site_ids() {
        let knowledge = Knowledge::builtin();
        let texts: Vec<Vec<char>> = sources()
            .iter()
            .map(|s| s.document.text.chars().collect())
            .collect();
        let site = build(sources(), knowledge);
        let located = locate_all(sources(), knowledge);
        let ids: Vec<&EntityId> = site.index.entities.iter().map(|e| &e.id).collect();
        assert_eq!(located.len(), 2);
        let russie = located[0]
            .iter()
            .find(|l| {
                l.label == Label::Place
                    && texts[0][l.start as usize..l.end as usize]
                        .iter()
                        .collect::<String>()
                        == "Russie"
            })
            .expect("Russie is located in the input text");
        assert!(ids.contains(&russie.entity.as_ref().expect("linked")));
        for (located, text) in located.iter().zip(&texts) {
            for l in located {
                assert!(l.start < l.end && l.end as usize <= text.len(), "{l:?}");
            }
        }
    }

    #[test]
    fn a_lone_name_is_what_the_corpus_names_by_it_or_no_mention() {
        let knowledge = Knowledge::builtin();
        let full = source(
            "full",
            "Au Kremlin\n\nLe président russe Vladimir Poutine a reçu lundi son homologue.",
        );
        let lone = || {
            vec![
                source(
                    "lone",
                    "Sommet annulé\n\nLa rencontre entre Poutine et Kowalczyk a été annulée mardi.",
                ),
                source("from", "Exode\n\nLes habitants de Soudja ont fui."),
                source("alone", "Sous le feu\n\nSoudja reste sous le feu."),
                source("at", "Front\n\nLes combats continuent à Soudja."),
            ]
        };
        let town = source(
            "town",
            "Front\n\nLes combats continuent dans la ville de Soudja.",
        );
        // (text, entity) of each mention of an article, dates left out.
        let mentions = |sources: Vec<Source>| -> Vec<Vec<(String, String)>> {
            let texts: Vec<Vec<char>> = sources
                .iter()
                .map(|s| s.document.text.chars().collect())
                .collect();
            locate_all(sources, knowledge)
                .into_iter()
                .zip(texts)
                .map(|(located, text)| {
                    located
                        .into_iter()
                        .filter(|l| l.label != Label::Date)
                        .map(|l| {
                            let said = text[l.start as usize..l.end as usize].iter().collect();
                            (said, l.entity.map(|e| e.to_string()).unwrap_or_default())
                        })
                        .collect()
                })
                .collect()
        };
        let pair = |text: &str, entity: &str| (text.to_owned(), entity.to_owned());
        let with_full = mentions([vec![full, town], lone()].concat());
        // "Poutine" alone is the person the corpus names in full elsewhere; "Kowalczyk", which
        // nothing in the corpus names, is no mention; "Soudja" at the start of a sentence is
        // the place the corpus types with evidence ("la ville de Soudja").
        assert_eq!(with_full[2], [pair("Poutine", "per-vladimir-poutine")]);
        assert_eq!(with_full[4], [pair("Soudja", "loc-soudja")]);
        // Without the article that names him in full, "Poutine" alone says nothing; nor does
        // "Soudja" where the corpus only guesses it a place from prepositions, twice.
        let without = mentions(lone());
        assert_eq!(without[0], []);
        assert_eq!(without[2], []);
        assert_eq!(
            without[1],
            [pair("Soudja", "loc-soudja")],
            "a guess, kept as such"
        );
    }

    #[test]
    fn known_entities_are_named_in_the_language_asked_for_else_the_articles() {
        let knowledge = Knowledge::builtin();
        let sources = || {
            vec![source(
                "a",
                "Riyad\n\nL’Arabie saoudite a reçu lundi le président, a déclaré le ministre. \
                 L’Arabie saoudite veut la paix.",
            )]
        };
        let name = |names: Option<&str>| -> Vec<String> {
            let articles = analyze(sources(), knowledge, None, |_| {});
            let site = assemble(articles, knowledge, names);
            site.index
                .entities
                .iter()
                .filter(|e| e.id.as_str().contains("arabi"))
                .map(|e| e.name.to_string())
                .collect()
        };
        assert_eq!(
            name(None),
            ["Arabie saoudite"],
            "a French corpus, by default"
        );
        assert_eq!(name(Some("fr")), ["Arabie saoudite"]);
        assert_eq!(name(Some("en")), ["Saudi Arabia"], "an English interface");
    }
}
