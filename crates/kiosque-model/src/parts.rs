//! Data contract 2: the site data in parts, so that a page fetches only what it shows.
//!
//! ```text
//! site.json                 first load: counts, the names of the parts, and the first screen
//!                           (the first page of cards, the entities they show, the top entities)
//! summaries/<hash>.json     article summaries in article order, SUMMARIES_PER_PAGE a page
//! entities/<hash>.json      the entity table in entity order, ENTITIES_PER_PART a part
//! bodies/<bucket>.json      article bodies grouped by a hash of their id, each with its summary
//!                           and the entities it mentions: an article page needs one file
//! cards/<hash>.json         the cards of a few articles (summaries with their chips' entities),
//!                           the pages cut from the oldest article: a search shows its results
//!                           with the pages of its first results, not the whole summary table
//! search/…                  the search index (see [`crate::search`])
//! postings/<bucket>.json    each entity's articles, grouped by a hash of its id: a filtered
//!                           view needs its entities' files and card pages, not the whole site
//! profiles/<bucket>.json    what an entity's page shows besides its articles (spellings,
//!                           company, timeline), for entities with a page of their own, grouped
//!                           as posting files are
//! ```
//!
//! Summaries and entity parts are named by a fingerprint of their bytes, so a browser may cache
//! them for good and a rebuild writes only those that changed; a body file's name is its bucket,
//! known from the article's id alone, so an article opened from a link fetches it at once, next to
//! `site.json`. `docs/data-format.md` describes the JSON; this module writes and reads it.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::article::{ArticleBody, ArticleSummary, ReadId};
use crate::cooccurrence::Links;
use crate::cores::{both, map_all};
use crate::entity::{Entity, EntityId, Label};
use crate::index::{IndexError, SchemaHeader, SiteIndex, UncheckedIndex, facet_key, places};
use crate::overview::Overview;
use crate::refine::ArticleFields;
use crate::schema::check_schema;
use crate::stamp;

mod cards;
mod postings;
mod profiles;
mod steps;
pub use cards::{
    CardChoice, CardLayout, CardPageSizes, MAX_CARD_PAGES, MIN_CARDS_PER_PAGE, cards_per_page,
};
pub use postings::{
    ENTITIES_PER_POSTING_FILE, EntityArticles, MAX_POSTING_FILES, PostingError, PostingFile,
    parse_postings, posting_file_of, posting_files_for, posting_path,
};
pub use profiles::{
    Companion, EntityProfile, EntityView, Profile, ProfileError, ProfileFile, Single, SingleFile,
    VIEW_FROM, View, ViewGroup, in_singles, known_singles, parse_profiles, parse_singles,
    profile_file_of, profile_path, profile_path_of, single_files_for, single_path,
};
pub use steps::{ListSteps, entities_in_steps, list_items, summaries_in_steps};

/// The whole site's corpus as the sidebar counts it (the views of [`profiles`]): each article's
/// id and entities, none of its text, which counting does not read (a copy of the summaries
/// took a tenth of a 100,000-article build's wall time longer); `links`, what `index`'s
/// articles and entities are to each other, as the parts found it (at 100,000 articles,
/// looking the articles' entities up by id again took 0.15 s of CPU).
fn counting_corpus(index: &SiteIndex, links: Links<'_>) -> crate::index::Corpus {
    let articles = (index.articles.iter())
        .map(|a| ArticleSummary::listing(a.id.clone(), a.entities.clone()))
        .collect();
    let index = SiteIndex {
        schema_version: index.schema_version.clone(),
        generator: String::new(),
        articles,
        entities: index.entities.clone(),
        search: None,
    };
    crate::index::Corpus::with_links(index, links.postings.to_vec(), links.mentioned.to_vec())
}

/// The summary pages of `articles`, whose entities `listed` gives as positions in the entity
/// table: each serialised and named on its own, on every core.
fn summary_pages(articles: &[ArticleSummary], listed: &[Vec<u32>]) -> Vec<(String, Vec<u8>)> {
    map_all(
        (articles.chunks(SUMMARIES_PER_PAGE))
            .zip(listed.chunks(SUMMARIES_PER_PAGE))
            .collect(),
        |(articles, listed)| {
            let page = SummaryPage {
                articles: (articles.iter())
                    .zip(listed)
                    .map(|(a, ids)| a.clone().with_entities(ids.clone()))
                    .collect(),
            };
            named("summaries", json_line(&page))
        },
    )
}

/// The parts of the entity table ([`ENTITIES_PER_PART`] entities each), each serialised and
/// named on its own, on every core.
fn entity_parts(entities: &[Entity]) -> Vec<(String, Vec<u8>)> {
    map_all(entities.chunks(ENTITIES_PER_PART).collect(), |entities| {
        let part = EntityPart {
            entities: entities.to_vec(),
        };
        named("entities", json_line(&part))
    })
}

/// The first-load file, relative to the data directory.
pub const SITE_FILE: &str = "site.json";
/// Cards on the first screen (the app's page of cards).
pub const FIRST_CARDS: usize = 30;
/// Chips a card shows: the entities of the first screen's cards that `site.json` carries.
pub const CARD_CHIPS: usize = 5;
/// Entities of each label on the first screen (the sidebar's first rows).
pub const TOP_ENTITIES: usize = 10;
/// Article summaries in a page.
pub const SUMMARIES_PER_PAGE: usize = 1000;
/// Entities in a part of the entity table.
pub const ENTITIES_PER_PART: usize = 5000;
/// Articles per body file, on average, when there are enough of them.
pub const ARTICLES_PER_BUCKET: usize = 32;
/// The layout of card pages, part of their names ([`card_stamp`]): change it whenever
/// what [`Parts::card_page`] writes changes, so that no build links a file written the old way.
const CARD_FILE_LAYOUT: &str =
    "cards: summaries with their chips; chips' entities by id, counts capped";
/// The layout of body files, part of their stamps ([`Parts::bucket_stamps`]): change it
/// whenever what [`Parts::bucket`] writes changes, so that no build links a file written the
/// old way.
const BODY_FILE_LAYOUT: &str =
    "bodies: summary and body by id; entities by id, counts capped; stamped by fields";
/// The highest `articles` and `mentions` an entity has in a body file (see `in_body_file`).
pub const BODY_FILE_COUNT_CAP: u32 = 2;
/// The most body files a site has.
pub const MAX_BUCKETS: u32 = 2048;

/// `site.json`. `E` (entity ids) is [`EntityId`]; as read, before [`crate::validate`] checks
/// them, `String`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct SiteFile<E = EntityId> {
    /// Data contract version, `MAJOR.MINOR` (see [`crate::SCHEMA_VERSION`]).
    pub schema_version: String,
    /// What wrote the data, e.g. `kiosque 0.1.0`.
    #[serde(default)]
    pub generator: String,
    /// How many articles the site has (in all its summary pages).
    pub articles: u32,
    /// How many entities the site has (in all its entity parts).
    pub entities: u32,
    /// The summary pages, in article order: paths relative to the data directory.
    pub summaries: Vec<String>,
    /// The parts of the entity table, in entity order: paths relative to the data directory.
    pub entity_parts: Vec<String>,
    /// How many body files there are ([`bucket_of`]).
    pub buckets: u32,
    /// How many entities of each label (in [`Label::ALL`] order) some article lists: the length
    /// of each sidebar group when every article is shown.
    #[serde(default)]
    pub labels: [u32; 4],
    /// The search index's meta file (see [`crate::search`]), if the site has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The card pages ([`CardPage`]), the oldest articles' first ([`CardLayout`]): paths
    /// relative to the data directory. Optional (schema 2.2, `card_pages`; 2.1's `cards`,
    /// numbered from the newest article, is ignored): without them, a search waits for the whole
    /// summary table.
    #[serde(default, rename = "card_pages", skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<String>,
    /// Articles in each card page of the older articles and in each of the newest's
    /// ([`CardLayout`]; schema 2.10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_page_sizes: Option<CardPageSizes>,
    /// Articles in each card page but the newest, every page the same size (schema 2.2 to 2.9,
    /// read as `card_page_sizes` of that size twice; never written since 2.10, so that a 2.9
    /// reader, which would look for the newest articles in the wrong pages, ignores the pages).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cards_per_page: u32,
    /// How many posting files there are ([`posting_file_of`]); optional (schema 2.4): without
    /// them, a filtered view waits for the whole summary table.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub posting_files: u32,
    /// A fingerprint of every posting file, which the app puts in their URLs (`?v=`): a
    /// rebuild that changes any of them changes it, so a browser never reads a stale one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postings: String,
    /// A fingerprint of every profile file ([`ProfileFile`], as many as posting files), which
    /// the app puts in their URLs (`?v=`); optional (schema 2.6): without them, an entity's
    /// page waits for the whole site for its company and timeline.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub profiles: String,
    /// A fingerprint of every file of the profiles of single-article entities
    /// ([`SingleFile`], [`single_files_for`]), which the app puts in their URLs (`?v=`);
    /// optional (schema 2.7): without them, the shell page waits for the whole site for an
    /// entity's spellings, company and timeline.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub singles: String,
    /// What the foot of the home page's sidebar shows of every article (schema 2.5; without
    /// it, the foot waits for the whole site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
    /// What the first screen of the home page shows.
    pub first: FirstScreen<E>,
}

impl<E> SiteFile<E> {
    /// How the card pages cut the site's articles; `None` when the site has none, or when its
    /// sizes or page count make no layout ([`CardLayout::new`]): its views then wait for the
    /// whole site rather than show articles from the wrong pages.
    pub fn card_layout(&self) -> Option<CardLayout> {
        let sizes = (self.card_page_sizes).or((self.cards_per_page > 0)
            .then_some(CardPageSizes(self.cards_per_page, self.cards_per_page)))?;
        CardLayout::new(self.articles as usize, sizes)
            .filter(|layout| !self.cards.is_empty() && layout.pages() == self.cards.len())
    }

    /// The fingerprint of the profile files of the entities with a page of their own when
    /// `own_page` ([`SiteFile::profiles`]), of single-article entities otherwise
    /// ([`SiteFile::singles`]).
    pub fn profiles_version(&self, own_page: bool) -> &str {
        if own_page {
            &self.profiles
        } else {
            &self.singles
        }
    }
}

/// The first screen of the home page: the first [`FIRST_CARDS`] articles (their `entities`
/// only those in `entities`), and the entities their cards show and the sidebar lists first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct FirstScreen<E = EntityId> {
    /// The first articles, newest first.
    pub articles: Vec<ArticleSummary<E>>,
    /// Their cards' entities and the [`TOP_ENTITIES`] of each label, in entity order.
    pub entities: Vec<Entity<E>>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `cards/<hash>.json`: the cards of a few articles (see [`CardLayout`]), in
/// article order: their summaries, whose `entities` are only their chips (the first
/// [`CARD_CHIPS`] that are not dates), and those entities as a body file has them (see
/// `in_body_file`: no aliases, counts capped), by id. The shape of the first screen.
pub type CardPage<E = EntityId> = FirstScreen<E>;

/// `summaries/<hash>.json`: summaries whose `entities` are positions in the entity table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    /// The articles, in article order.
    pub articles: Vec<ArticleSummary<u32>>,
}

/// `entities/<hash>.json`: a part of the entity table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct EntityPart<E = EntityId> {
    /// The entities, in entity order.
    pub entities: Vec<Entity<E>>,
}

/// `bodies/<bucket>.json`: the bodies of the articles whose id falls in the bucket, each with
/// its summary, and the entities they mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct BodyBucket<E = EntityId> {
    /// The articles, by id.
    pub articles: Vec<BucketArticle<E>>,
    /// Every entity the articles list, by id, as an article page needs them (no aliases,
    /// counts capped at [`BODY_FILE_COUNT_CAP`]: see [`Parts::bucket`]).
    pub entities: Vec<Entity<E>>,
}

/// One article of a [`BodyBucket`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct BucketArticle<E = EntityId> {
    /// Its summary, as in the summary pages (with entity ids).
    pub summary: ArticleSummary<E>,
    /// Its body.
    pub body: ArticleBody<E>,
}

/// How many body files a site of `articles` articles has: a power of two (so that a growing
/// site regroups its bodies only when it doubles), about [`ARTICLES_PER_BUCKET`] articles each,
/// at most [`MAX_BUCKETS`].
pub fn buckets_for(articles: usize) -> u32 {
    files_for(articles, ARTICLES_PER_BUCKET, MAX_BUCKETS)
}

/// How many files `items` take at about `per_file` a file: a power of two, at most `cap` (a
/// power of two), so that a growing site regroups them only when it doubles.
fn files_for(items: usize, per_file: usize, cap: u32) -> u32 {
    let wanted = items.div_ceil(per_file).max(1);
    u32::try_from(wanted.next_power_of_two())
        .unwrap_or(cap)
        .min(cap)
}

/// The body file of article `id` among `buckets` (a power of two; anything else counts as the
/// power of two below it): FNV-1a of the id.
pub fn bucket_of(id: &str, buckets: u32) -> u32 {
    let mask = match buckets {
        0 | 1 => 0,
        n => (1u32 << (31 - n.leading_zeros())) - 1,
    };
    (stamp::hash64(id.as_bytes()) as u32) & mask
}

/// The path of body file `bucket` among `buckets`: `bodies/` and the bucket in hex, as many
/// digits as the largest bucket has.
pub fn bucket_path(bucket: u32, buckets: u32) -> String {
    numbered_path("bodies", bucket, buckets)
}

/// `dir/` and file `file` of `files` in hex, with as many digits as the largest has.
fn numbered_path(dir: &str, file: u32, files: u32) -> String {
    let digits = (files.saturating_sub(1).max(1).ilog2() / 4 + 1) as usize;
    format!("{dir}/{file:0digits$x}.json")
}

/// Whether `path` is of the form of a part's name (`<dir>/<hex>.json`), safe to put in a URL.
pub fn is_part_path(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(|p| p.strip_suffix(".json"))
        .is_some_and(|hex| {
            !hex.is_empty() && hex.len() <= 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// The site data as files: `site.json`, the content-named parts, and the body files, which are
/// made when they are written ([`Parts::bucket`]).
#[derive(Debug)]
pub struct Parts<'a> {
    index: &'a SiteIndex,
    bodies: &'a [ArticleBody],
    /// `site.json`, with its final newline.
    pub site: Vec<u8>,
    /// Summary pages and entity parts: each path and bytes (with a final newline).
    pub named: Vec<(String, Vec<u8>)>,
    /// The card pages: each path (named by a stamp of what it shows, `card_stamp`)
    /// and its articles' positions; their bytes are made when asked ([`Parts::card_page`]): a
    /// rebuild keeps most of them as they are, unread and unmade.
    pub cards: Vec<(String, (usize, usize))>,
    /// What a file shows of each article ([`summary_stamp`]), by position.
    summary_stamps: Vec<[u8; 8]>,
    /// What a file shows of each entity ([`entity_stamp`]), by position in the table.
    entity_stamps: Vec<[u8; 8]>,
    /// The posting files ([`PostingFile`]): each path (named by its bucket, not its content)
    /// and bytes.
    pub postings: Vec<(String, Vec<u8>)>,
    /// The profile files ([`ProfileFile`]), then the files of single-article entities' profiles
    /// ([`SingleFile`]): each path (named by its bucket) and bytes.
    pub profiles: Vec<(String, Vec<u8>)>,
    /// The articles of each body file (positions in the index), by bucket.
    pub buckets: Vec<Vec<u32>>,
    /// Of each article (by position in the index), the ranks by id ([`Parts::by_id`]) of the
    /// entities it lists that are in the table, in its order: found once, not once a file.
    listed_ranks: Vec<Vec<u32>>,
    /// The positions of the entities in the table, by id.
    by_id: Vec<u32>,
}

/// Compact JSON with a final newline. Serialising plain data does not fail.
fn json_line<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    json_into(&mut bytes, value);
    bytes.push(b'\n');
    bytes
}

/// `value`'s JSON added to `bytes`. The site data's types serialise without error (no map has
/// keys that are not strings): should one fail, it writes nothing, and the contract check of
/// any reader says what is missing.
fn json_into<T: Serialize>(bytes: &mut Vec<u8>, value: &T) {
    let start = bytes.len();
    if serde_json::to_writer(&mut *bytes, value).is_err() {
        bytes.truncate(start);
    }
}

/// A fingerprint of files that readers fetch by a name that does not change (posting and
/// profile files): any change of any of them changes it, and the app puts it in their URLs.
fn fingerprint(written: &[(String, Vec<u8>)]) -> String {
    let mut all = Vec::with_capacity(written.len() * 17);
    for (_, bytes) in written {
        all.extend(stamp::of_file(bytes).bytes());
        all.push(b'\n');
    }
    stamp::of_file(&all)
}

/// The positions `by_id` (entities in the order of their ids) that `keep` keeps, grouped by
/// their ids' bucket among `files` ([`bucket_of`]), each group in the order of their ids: the
/// entities of each posting or profile file.
fn by_bucket(
    entities: &[Entity],
    by_id: &[u32],
    files: u32,
    keep: impl Fn(u32) -> bool,
) -> Vec<Vec<u32>> {
    let mut grouped: Vec<Vec<u32>> = vec![Vec::new(); files as usize];
    for &p in by_id {
        if keep(p) {
            let id = entities[p as usize].id.as_str();
            grouped[bucket_of(id, files) as usize].push(p);
        }
    }
    grouped
}

/// `entity` as posting files list it: without its spellings.
fn without_spellings(entity: &Entity) -> Entity {
    Entity {
        id: entity.id.clone(),
        label: entity.label,
        name: entity.name.clone(),
        aliases: Vec::new(),
        articles: entity.articles,
        mentions: entity.mentions,
        value: entity.value.clone(),
        confidence: entity.confidence,
    }
}

/// `dir/<fingerprint>.json` for these bytes.
fn named(dir: &str, bytes: Vec<u8>) -> (String, Vec<u8>) {
    (format!("{dir}/{}.json", stamp::of_file(&bytes)), bytes)
}

impl<'a> Parts<'a> {
    /// Cuts `index` and its `bodies` (one per article, in index order) into parts.
    pub fn new(index: &'a SiteIndex, bodies: &'a [ArticleBody]) -> Parts<'a> {
        let position: HashMap<&EntityId, u32> = (0u32..)
            .zip(&index.entities)
            .map(|(p, e)| (&e.id, p))
            .collect();
        // Each article's entities, as positions in the table: looked up once, on every core.
        let listed: Vec<Vec<u32>> = map_all(
            index.articles.chunks(SUMMARIES_PER_PAGE).collect(),
            |articles| {
                (articles.iter())
                    .map(|a| {
                        (a.entities.iter())
                            .filter_map(|id| position.get(id).copied())
                            .collect::<Vec<u32>>()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .into_iter()
        .flatten()
        .collect();
        // The entities by id, and each one's rank in that order: a body file lists its
        // entities by id, and ranks sort faster than ids; posting files list them by id too.
        let mut by_id: Vec<u32> = (0..index.entities.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| {
            index.entities[a as usize]
                .id
                .cmp(&index.entities[b as usize].id)
        });
        // Each entity's articles, and each article's entities once, as the whole site's
        // corpus has them: what posting files list, and what co-occurrence counts.
        let mut of_entity: Vec<Vec<u32>> = vec![Vec::new(); index.entities.len()];
        let mut mentioned: Vec<Vec<u32>> = Vec::with_capacity(listed.len());
        for (a, entities) in (0u32..).zip(&listed) {
            let mut once = Vec::with_capacity(entities.len());
            for &e in entities {
                crate::index::mention(&mut of_entity, &mut once, a, e);
            }
            mentioned.push(once);
        }
        let posting_count = posting_files_for(index.entities.len());
        // The whole site's corpus for the views of the entities of many articles (none on a
        // small site): the sidebar's own counting, the same as the app's. Made (ids cloned and
        // mapped, one core) beside the summary pages and posting files (every core).
        let viewed = (of_entity.iter()).any(|a| a.len() >= profiles::VIEW_FROM as usize);
        let links = Links {
            entities: &index.entities,
            postings: &of_entity,
            mentioned: &mentioned,
        };
        let ((whole, fields), (pages, (postings, postings_version))) = both(
            || {
                let whole = viewed.then(|| counting_corpus(index, links));
                (whole, ArticleFields::of(&index.articles))
            },
            || {
                both(
                    || summary_pages(&index.articles, &listed),
                    || postings::posting_files(index, &of_entity, &by_id, posting_count),
                )
            },
        );
        // The profiles (and the whole site's corpus dropped) beside the single-article
        // entities' files, the entity parts and the card pages: each on every core, the tail
        // of one beside the others.
        let layout = CardLayout::for_site(index.articles.len());
        let (
            ((mut profiles, profiles_version), (singles, singles_version)),
            (entity_files, (summary_stamps, entity_stamps)),
        ) = both(
            || {
                both(
                    || {
                        let made = profiles::profile_files(
                            links,
                            &fields,
                            &by_id,
                            posting_count,
                            whole.as_ref(),
                        );
                        drop(whole);
                        made
                    },
                    || profiles::single_files(links, &index.articles, &by_id, posting_count),
                )
            },
            || {
                both(
                    || entity_parts(&index.entities),
                    || {
                        both(
                            || map_all(index.articles.iter().collect(), summary_stamp),
                            || map_all(index.entities.iter().collect(), entity_stamp),
                        )
                    },
                )
            },
        );
        profiles.extend(singles);
        let rank = places(&by_id);
        let listed_ranks: Vec<Vec<u32>> = listed
            .into_iter()
            .map(|mut ps| {
                for p in &mut ps {
                    *p = rank[*p as usize];
                }
                ps
            })
            .collect();
        let buckets = buckets_for(index.articles.len());
        let mut grouped = vec![Vec::new(); buckets as usize];
        for (p, article) in (0u32..).zip(&index.articles) {
            grouped[bucket_of(&article.id, buckets) as usize].push(p);
        }
        for group in &mut grouped {
            group.sort_by(|&a, &b| {
                index.articles[a as usize]
                    .id
                    .cmp(&index.articles[b as usize].id)
            });
        }
        let cards: Vec<(String, (usize, usize))> = (layout.ranges().into_iter())
            .map(|range| {
                let stamp = card_stamp(
                    index,
                    (&listed_ranks, &by_id),
                    (&summary_stamps, &entity_stamps),
                    range,
                );
                (format!("cards/{stamp:016x}.json"), range)
            })
            .collect();
        let site = SiteFile {
            schema_version: index.schema_version.clone(),
            generator: index.generator.clone(),
            articles: index.articles.len() as u32,
            entities: index.entities.len() as u32,
            summaries: pages.iter().map(|(p, _)| p.clone()).collect(),
            entity_parts: entity_files.iter().map(|(p, _)| p.clone()).collect(),
            buckets,
            labels: Label::ALL.map(|label| {
                index
                    .entities
                    .iter()
                    .filter(|e| e.label == label && e.articles > 0)
                    .count() as u32
            }),
            search: index.search.clone(),
            cards: cards.iter().map(|(p, _)| p.clone()).collect(),
            card_page_sizes: (!cards.is_empty()).then(|| layout.sizes()),
            cards_per_page: 0,
            posting_files: posting_count,
            postings: postings_version,
            profiles: profiles_version,
            singles: singles_version,
            overview: Some(Overview::of(&fields)),
            first: first_screen(index, (&listed_ranks, &by_id)),
        };
        Parts {
            index,
            bodies,
            site: json_line(&site),
            named: pages.into_iter().chain(entity_files).collect(),
            cards,
            summary_stamps,
            entity_stamps,
            postings,
            profiles,
            buckets: grouped,
            listed_ranks,
            by_id,
        }
    }

    /// The bytes of card page `page` (with a final newline; see [`Parts::cards`]): its
    /// articles, each with its chips, and the chips' entities by id (as a body file: entity
    /// order changes whenever other articles change the counts).
    pub fn card_page(&self, page: usize) -> Vec<u8> {
        let Some(&(_, (first, end))) = self.cards.get(page) else {
            return Vec::new();
        };
        let ranks = (self.listed_ranks.as_slice(), self.by_id.as_slice());
        let mut shown: Vec<u32> = Vec::new();
        let articles: Vec<ArticleSummary> = (first..end)
            .filter_map(|a| {
                let chips: Vec<u32> = chips_of(self.index, ranks, a).collect();
                shown.extend(&chips);
                let ids = chips
                    .iter()
                    .map(|&p| self.index.entities[p as usize].id.clone())
                    .collect();
                Some(self.index.articles.get(a)?.clone().with_entities(ids))
            })
            .collect();
        shown.sort_unstable_by(|&a, &b| {
            self.index.entities[a as usize]
                .id
                .cmp(&self.index.entities[b as usize].id)
        });
        shown.dedup();
        json_line(&CardPage {
            articles,
            entities: shown
                .iter()
                .map(|&p| in_body_file(&self.index.entities[p as usize]))
                .collect(),
        })
    }

    /// Every card page: its path and bytes, made now (for writers and tests that want them all).
    pub fn card_files(&self) -> impl Iterator<Item = (&str, Vec<u8>)> + '_ {
        (0..self.cards.len()).map(|page| (self.cards[page].0.as_str(), self.card_page(page)))
    }

    /// The path of body file `bucket`.
    pub fn bucket_path(&self, bucket: usize) -> String {
        bucket_path(bucket as u32, self.buckets.len() as u32)
    }

    /// The bytes of body file `bucket` (with a final newline), serialised from the site data
    /// as it is (no copy of the bodies).
    pub fn bucket(&self, bucket: usize) -> Vec<u8> {
        self.bucket_with(bucket, |p| self.bodies.get(p))
    }

    /// A fingerprint of what each body file ([`Parts::bucket`]) holds, by bucket, made without
    /// serialising anything: each body stands for itself by its summary's `body_hash`, each
    /// summary and entity by the fields the file shows of it ([`summary_stamp`],
    /// [`entity_stamp`]), each entity once: for a writer to tell a body file it wrote before is
    /// unchanged, or holds the same articles ([`BucketStamp::same_articles`]). None for a
    /// bucket with an article without `body_hash`.
    pub fn bucket_stamps(&self) -> Vec<Option<BucketStamp>> {
        let entities = &self.entity_stamps;
        map_all(self.buckets.iter().collect(), |positions: &Vec<u32>| {
            // What wrote the file and in which layout, in both halves: a kiosque that writes
            // body files otherwise never takes an older one, or its articles, for its own.
            let mut header = Vec::with_capacity(256);
            header.extend(self.index.schema_version.as_bytes());
            header.extend(self.index.generator.as_bytes());
            header.extend(BODY_FILE_LAYOUT.as_bytes());
            let mut articles = header.clone();
            for &p in positions {
                let summary = self.index.articles.get(p as usize)?;
                summary.body_hash.as_ref()?;
                articles.extend(self.summary_stamps.get(p as usize)?);
            }
            let mut listed = header;
            listed.push(b'|');
            for p in self.listed(positions) {
                listed.extend(entities[p as usize]);
            }
            Some(BucketStamp {
                articles: stamp::fingerprint64(&articles),
                entities: stamp::fingerprint64(&listed),
            })
        })
    }

    /// The positions of the entities the articles at `positions` list, by id: not in entity
    /// order, which changes whenever other articles change the counts.
    fn listed(&self, positions: &[u32]) -> Vec<u32> {
        let mut ranks: Vec<u32> = positions
            .iter()
            .filter_map(|&p| self.listed_ranks.get(p as usize))
            .flatten()
            .copied()
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        ranks.into_iter().map(|r| self.by_id[r as usize]).collect()
    }

    /// Body file `bucket`, each article's body given by `body` (from its position): for a
    /// writer whose bodies are not all made beforehand.
    pub fn bucket_with<B: Serialize>(
        &self,
        bucket: usize,
        body: impl Fn(usize) -> Option<B>,
    ) -> Vec<u8> {
        /// An entry of [`BodyBucket`], borrowed.
        #[derive(Serialize)]
        struct OutArticle<'a, B> {
            summary: &'a ArticleSummary,
            body: B,
        }
        let positions = self.bucket_positions(bucket);
        let articles: Vec<OutArticle<'_, B>> = positions
            .iter()
            .filter_map(|&p| {
                Some(OutArticle {
                    summary: self.index.articles.get(p as usize)?,
                    body: body(p as usize)?,
                })
            })
            .collect();
        // `{"articles":[…],"entities":[…]}`, as serde writes a struct of the two, in two
        // halves, so that the second can be put after the first half of a file written before.
        let mut bytes = b"{\"articles\":".to_vec();
        json_into(&mut bytes, &articles);
        bytes.push(b',');
        bytes.extend(self.bucket_entities(bucket));
        bytes
    }

    /// Body file `bucket` made from `old`, the bytes of the body file of this bucket that a
    /// build wrote with the same articles (the same [`BucketStamp::same_articles`]), which it
    /// keeps up to its entity table: only the entity table is made again (an entity those
    /// articles mention was renamed, or got a page of its own), no article is serialised.
    /// None if `old` has no entity table. `old` must be a whole body file as written: the writer
    /// knows it by its record of what it wrote.
    pub fn bucket_from(&self, bucket: usize, old: &[u8]) -> Option<Vec<u8>> {
        // The last `,"entities":[` is the file's own: entities have no `entities` field, and
        // in a string serde escapes the quotes.
        const KEY: &[u8] = b",\"entities\":[";
        let at = old.windows(KEY.len()).rposition(|w| w == KEY)?;
        let mut bytes = Vec::with_capacity(old.len());
        bytes.extend(&old[..=at]);
        bytes.extend(self.bucket_entities(bucket));
        Some(bytes)
    }

    /// The articles' positions in body file `bucket`.
    fn bucket_positions(&self, bucket: usize) -> &[u32] {
        self.buckets.get(bucket).map_or(&[][..], Vec::as_slice)
    }

    /// The end of body file `bucket`: `"entities":[…]}` and the final newline.
    fn bucket_entities(&self, bucket: usize) -> Vec<u8> {
        let entities: Vec<Entity> = self
            .listed(self.bucket_positions(bucket))
            .into_iter()
            .map(|p| in_body_file(&self.index.entities[p as usize]))
            .collect();
        let mut bytes = b"\"entities\":".to_vec();
        json_into(&mut bytes, &entities);
        bytes.extend(b"}\n");
        bytes
    }
}

/// What a body file holds, fingerprinted ([`Parts::bucket_stamps`]) in two halves: its articles
/// (summaries and bodies), and its entity table, which changes without them when other articles
/// rename an entity they mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BucketStamp {
    articles: u64,
    entities: u64,
}

impl BucketStamp {
    /// The stamp as a writer keeps it: 32 hex digits, the articles' half first.
    pub fn key(&self) -> String {
        format!("{:016x}{:016x}", self.articles, self.entities)
    }

    /// Whether `key`, a [`BucketStamp::key`] kept from an earlier build, is of a body file with
    /// these articles: one that holds the same bytes up to its entity table.
    pub fn same_articles(&self, key: &str) -> bool {
        key.len() == 32 && key.get(..16) == Some(format!("{:016x}", self.articles).as_str())
    }
}

/// Most entities an article mentions are mentioned by others too, whose changes change their
/// counts and spellings: a body file holds of each entity only what an article page shows and
/// what does not change with other articles (id, type, name, date value), and whether more than
/// one article mentions it (`articles` and `mentions` capped at [`BODY_FILE_COUNT_CAP`], which
/// tells whether the entity has a page of its own: [`crate::links::has_own_page`]). So adding
/// articles to a site rewrites the body files they go in, not every one.
fn in_body_file(entity: &Entity) -> Entity {
    Entity {
        id: entity.id.clone(),
        label: entity.label,
        name: entity.name.clone(),
        aliases: Vec::new(),
        articles: entity.articles.min(BODY_FILE_COUNT_CAP),
        mentions: entity.mentions.min(BODY_FILE_COUNT_CAP),
        value: entity.value.clone(),
        confidence: entity.confidence,
    }
}

/// The fields of a stamp ([`Parts::bucket_stamps`]), each fed with its length or a tag, so that
/// no two values feed the same bytes.
#[derive(Default)]
struct Fields(Vec<u8>);

impl Fields {
    fn text(&mut self, text: &str) {
        self.0.extend((text.len() as u64).to_le_bytes());
        self.0.extend(text.as_bytes());
    }

    fn maybe(&mut self, text: Option<&str>) {
        match text {
            Some(text) => {
                self.0.push(1);
                self.text(text);
            }
            None => self.0.push(0),
        }
    }

    fn number(&mut self, n: u32) {
        self.0.extend(n.to_le_bytes());
    }

    fn flag(&mut self, flag: bool) {
        self.0.push(u8::from(flag));
    }

    fn hash(&self) -> [u8; 8] {
        stamp::fingerprint64(&self.0).to_le_bytes()
    }
}

/// What a body file shows of a summary, hashed: every field (a field added to
/// [`ArticleSummary`] does not compile here until it is stamped too).
fn summary_stamp(summary: &ArticleSummary) -> [u8; 8] {
    let ArticleSummary {
        id,
        title,
        title_derived,
        published,
        published_inferred,
        source,
        url,
        license,
        lang,
        excerpt,
        words,
        entities,
        body_hash,
    } = summary;
    let mut fields = Fields::default();
    fields.text(id);
    fields.text(title);
    fields.flag(*title_derived);
    fields.maybe(published.as_deref());
    fields.flag(*published_inferred);
    fields.maybe(source.as_deref());
    fields.maybe(url.as_deref());
    fields.maybe(license.as_deref());
    fields.maybe(lang.as_deref());
    fields.text(excerpt);
    fields.number(*words);
    fields.number(entities.len() as u32);
    for entity in entities {
        fields.text(entity.as_str());
    }
    fields.maybe(body_hash.as_deref());
    fields.hash()
}

/// What a body file shows of an entity ([`in_body_file`]), hashed (a field added to [`Entity`]
/// does not compile here until it is stamped too, or said not shown).
fn entity_stamp(entity: &Entity) -> [u8; 8] {
    let Entity {
        id,
        label,
        name,
        aliases: _,
        articles,
        mentions,
        value,
        confidence,
    } = entity;
    let mut fields = Fields::default();
    fields.text(id.as_str());
    fields.text(label.code());
    fields.text(name);
    fields.number((*articles).min(BODY_FILE_COUNT_CAP));
    fields.number((*mentions).min(BODY_FILE_COUNT_CAP));
    fields.maybe(value.as_deref());
    fields.maybe(confidence.map(|c| c.code()));
    fields.hash()
}

/// The positions of the entities a card of the article at position `a` shows as chips: its
/// first [`CARD_CHIPS`] entities of the table that are not dates, from its entities' ranks by
/// id (`listed_ranks`) and the positions by rank (`by_id`).
fn chips_of<'a>(
    index: &'a SiteIndex,
    (listed_ranks, by_id): (&'a [Vec<u32>], &'a [u32]),
    a: usize,
) -> impl Iterator<Item = u32> + 'a {
    listed_ranks
        .get(a)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(|&rank| by_id.get(rank as usize).copied())
        .filter(|&p| index.entities[p as usize].label != Label::Date)
        .take(CARD_CHIPS)
}

/// A stamp of what the card page of the articles at positions `first..end` shows (what wrote
/// it and in which layout, then each article's [`summary_stamp`] and the [`entity_stamp`] of
/// each of its chips, in order): its name, made without making the page, the same for the same
/// page whatever else changed in the site.
fn card_stamp(
    index: &SiteIndex,
    ranks: (&[Vec<u32>], &[u32]),
    (summaries, entities): (&[[u8; 8]], &[[u8; 8]]),
    (first, end): (usize, usize),
) -> u64 {
    let mut fields = Fields::default();
    fields.text(&index.schema_version);
    fields.text(&index.generator);
    fields.text(CARD_FILE_LAYOUT);
    for a in first..end {
        fields
            .0
            .extend(summaries.get(a).copied().unwrap_or_default());
        let chips: Vec<u32> = chips_of(index, ranks, a).collect();
        fields.number(chips.len() as u32);
        for p in chips {
            fields
                .0
                .extend(entities.get(p as usize).copied().unwrap_or_default());
        }
    }
    stamp::fingerprint64(&fields.0)
}

/// The first screen of `index` (see [`FirstScreen`]).
fn first_screen(index: &SiteIndex, ranks: (&[Vec<u32>], &[u32])) -> FirstScreen {
    let articles = &index.articles[..index.articles.len().min(FIRST_CARDS)];
    let mut wanted: HashSet<u32> = HashSet::new();
    for a in 0..articles.len() {
        wanted.extend(chips_of(index, ranks, a));
    }
    // The sidebar's order ([`facet_key`] over the whole site's counts).
    let rank = places(&crate::index::ranked(&index.entities));
    for label in Label::ALL {
        let mut of_label: Vec<u32> = (0u32..)
            .zip(&index.entities)
            .filter(|(_, e)| e.label == label && e.articles > 0)
            .map(|(p, _)| p)
            .collect();
        of_label.sort_unstable_by_key(|&p| {
            let e = &index.entities[p as usize];
            facet_key(e, e.articles, rank[p as usize])
        });
        wanted.extend(of_label.into_iter().take(TOP_ENTITIES));
    }
    let mut kept: Vec<u32> = wanted.into_iter().collect();
    kept.sort_unstable();
    let entities: Vec<Entity> = kept
        .iter()
        .map(|&p| index.entities[p as usize].clone())
        .collect();
    let known: HashSet<&EntityId> = entities.iter().map(|e| &e.id).collect();
    FirstScreen {
        articles: articles
            .iter()
            .map(|a| {
                let ids = a
                    .entities
                    .iter()
                    .filter(|id| known.contains(id))
                    .cloned()
                    .collect();
                a.clone().with_entities(ids)
            })
            .collect(),
        entities,
    }
}

/// Parses a file of the site data, naming it when it is not of the expected shape.
fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, IndexError> {
    serde_json::from_str(text).map_err(|e| IndexError::malformed(Some(file), &e))
}

/// Parses a card page ([`CardPage`]).
pub fn parse_cards(file: &str, text: &str) -> Result<CardPage<String>, IndexError> {
    parse(file, text)
}

/// The card pages read, as one index (in article order, each page once) and each of its
/// articles' number (position across the summary pages, [`CardLayout::place`]): `pages` are each
/// page's number in `site.json`'s `card_pages` and the page; `more`, entities of the view that
/// the pages' chips may not have (a filtered view's, from their posting files).
pub fn cards_index<'a>(
    site: &SiteFile<String>,
    pages: &[(usize, &'a CardPage<String>)],
    more: &'a [Entity<String>],
) -> (UncheckedIndex, Vec<u32>) {
    let layout = site.card_layout();
    let mut numbered: Vec<(u32, &ArticleSummary<String>)> = Vec::new();
    let mut entities: Vec<Entity<String>> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Entities from posting files first: they have their counts, the pages' are capped.
    for entity in more {
        if seen.insert(&entity.id) {
            entities.push(entity.clone());
        }
    }
    for (page, cards) in pages {
        // A page past the site, or its articles past their range, are not numbered: the site's
        // check then finds fewer articles than `site.json` says.
        let (first, end) = (layout.and_then(|l| l.range(*page))).unwrap_or((0, 0));
        for (number, article) in (first..end).zip(&cards.articles) {
            numbered.push((u32::try_from(number).unwrap_or(u32::MAX), article));
        }
        for entity in &cards.entities {
            if seen.insert(&entity.id) {
                entities.push(entity.clone());
            }
        }
    }
    // In article order, whatever the pages' order.
    crate::order::sort_by_key(&mut numbered, |(number, _)| *number);
    let index = SiteIndex {
        schema_version: site.schema_version.clone(),
        generator: site.generator.clone(),
        articles: numbered.iter().map(|(_, a)| (*a).clone()).collect(),
        entities,
        search: site.search.clone(),
    };
    (index, numbered.iter().map(|(n, _)| *n).collect())
}

/// Parses `site.json` and checks its schema version. A file that does not parse but says it is
/// of another major version is reported as such: a future version may have changed its shape.
pub fn parse_site(text: &str) -> Result<SiteFile<String>, IndexError> {
    match serde_json::from_str::<SiteFile<String>>(text) {
        Ok(site) => {
            check_schema(&site.schema_version)?;
            Ok(site)
        }
        Err(error) => {
            if let Ok(header) = serde_json::from_str::<SchemaHeader>(text) {
                check_schema(&header.schema_version)?;
            }
            Err(IndexError::malformed(Some(SITE_FILE), &error))
        }
    }
}

/// Parses a summary page (`file` names it in errors).
pub fn parse_summaries(file: &str, text: &str) -> Result<SummaryPage, IndexError> {
    parse(file, text)
}

/// Parses a part of the entity table.
pub fn parse_entities(file: &str, text: &str) -> Result<EntityPart<String>, IndexError> {
    parse(file, text)
}

/// Parses a body file.
pub fn parse_bucket(file: &str, text: &str) -> Result<BodyBucket<String>, IndexError> {
    parse(file, text)
}

/// The first screen as an index of its own: what the home page shows before the other parts
/// arrive ([`crate::index::Corpus::first_screen`] adds the site's counts).
pub fn first_index(site: &SiteFile<String>) -> UncheckedIndex {
    SiteIndex {
        schema_version: site.schema_version.clone(),
        generator: site.generator.clone(),
        articles: site.first.articles.clone(),
        entities: site.first.entities.clone(),
        search: site.search.clone(),
    }
}

/// The index of the article pages and entity parts read (in `site.json`'s order). A position
/// outside the entity table becomes `#<position>`, an id that [`crate::validate`] refuses with
/// a problem, like any bad id.
pub fn assemble(
    site: &SiteFile<String>,
    pages: Vec<SummaryPage>,
    parts: Vec<EntityPart<String>>,
) -> UncheckedIndex {
    let entities: Vec<Entity<String>> = parts.into_iter().flat_map(|p| p.entities).collect();
    let articles = pages
        .into_iter()
        .flat_map(|p| p.articles)
        .map(|a| {
            let ids = a
                .entities
                .iter()
                .map(|&p| match entities.get(p as usize) {
                    Some(e) => e.id.clone(),
                    None => format!("#{p}"),
                })
                .collect();
            a.with_entities(ids)
        })
        .collect();
    SiteIndex {
        schema_version: site.schema_version.clone(),
        generator: site.generator.clone(),
        articles,
        entities,
        search: site.search.clone(),
    }
}

/// The index made of one body file: its articles' summaries and the entities they list (for
/// an article page opened before the other parts arrive).
pub fn bucket_index(site: &SiteFile<String>, bucket: &BodyBucket<String>) -> UncheckedIndex {
    SiteIndex {
        schema_version: site.schema_version.clone(),
        generator: site.generator.clone(),
        articles: bucket.articles.iter().map(|a| a.summary.clone()).collect(),
        entities: bucket.entities.clone(),
        search: site.search.clone(),
    }
}

/// Why site data in parts could not be read whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError<E: std::error::Error + 'static> {
    /// A file could not be read.
    #[error("cannot read {file}: {source}")]
    Read {
        /// The file, relative to the data directory.
        file: String,
        /// Why.
        source: E,
    },
    /// A file is not valid site data.
    #[error(transparent)]
    Invalid(#[from] IndexError),
    /// `site.json` names a part that is not of a part's form.
    #[error("{SITE_FILE} names {0:?}, which is not a part of the site data")]
    BadPart(String),
}

/// The whole site, as read from its files with `read` (a path relative to the data directory
/// to its text): the index, and every body file's articles in bucket order. For tools that
/// read a built site (tests, benchmarks); the app fetches parts as it needs them, and a tool
/// that wants one body file at a time uses [`read_index`] and [`read_bucket`].
pub fn read_all<E: std::error::Error + 'static>(
    read: impl Fn(&str) -> Result<String, E>,
) -> Result<(UncheckedIndex, Vec<BucketArticle<String>>), ReadError<E>> {
    let (site, index) = read_index(&read)?;
    let mut bodies = Vec::new();
    for bucket in 0..site.buckets.min(MAX_BUCKETS) {
        bodies.extend(read_bucket(&read, &site, bucket)?.articles);
    }
    Ok((index, bodies))
}

/// `site.json` and the index of its summary pages and entity parts, as read with `read` (see
/// [`read_all`]).
pub fn read_index<E: std::error::Error + 'static>(
    read: impl Fn(&str) -> Result<String, E>,
) -> Result<(SiteFile<String>, UncheckedIndex), ReadError<E>> {
    let text = |file: &str| read_file(&read, file);
    let site = parse_site(&text(SITE_FILE)?)?;
    let mut pages = Vec::with_capacity(site.summaries.len());
    for file in &site.summaries {
        if !is_part_path(file, "summaries") {
            return Err(ReadError::BadPart(file.clone()));
        }
        pages.push(parse_summaries(file, &text(file)?)?);
    }
    let mut parts = Vec::with_capacity(site.entity_parts.len());
    for file in &site.entity_parts {
        if !is_part_path(file, "entities") {
            return Err(ReadError::BadPart(file.clone()));
        }
        parts.push(parse_entities(file, &text(file)?)?);
    }
    let index = assemble(&site, pages, parts);
    Ok((site, index))
}

/// Body file `bucket` of `site` (its path is [`bucket_path`]), as read with `read`.
pub fn read_bucket<E: std::error::Error + 'static>(
    read: impl Fn(&str) -> Result<String, E>,
    site: &SiteFile<String>,
    bucket: u32,
) -> Result<BodyBucket<String>, ReadError<E>> {
    let file = bucket_path(bucket, site.buckets);
    Ok(parse_bucket(&file, &read_file(&read, &file)?)?)
}

/// The text of `file`, read with `read`; an error names it.
fn read_file<E: std::error::Error + 'static>(
    read: impl Fn(&str) -> Result<String, E>,
    file: &str,
) -> Result<String, ReadError<E>> {
    read(file).map_err(|source| ReadError::Read {
        file: file.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, TextBlock};
    use crate::facets::FacetCounts;
    use crate::selection::Selection;
    use crate::sidebar::{EntityQuery, sidebar_groups};
    use crate::ui::Language;

    fn entity(id: &str, label: Label, articles: u32) -> Entity {
        serde_json::from_value(serde_json::json!({
            "id": id, "label": label.code(), "name": id, "articles": articles, "mentions": articles
        }))
        .expect("entity")
    }

    fn sample(articles: usize) -> (SiteIndex, Vec<ArticleBody>) {
        sample_with(articles, 40)
    }

    /// `articles` articles listing 8 of `count` entities each.
    fn sample_with(articles: usize, count: usize) -> (SiteIndex, Vec<ArticleBody>) {
        let entities: Vec<Entity> = (0..count)
            .map(|e| {
                let label = Label::ALL[e % 4];
                entity(
                    &format!("{}-e{e}", label.id_prefix()),
                    label,
                    (count - e) as u32,
                )
            })
            .collect();
        let summaries: Vec<ArticleSummary> = (0..articles)
            .map(|a| {
                let ids: Vec<EntityId> = (0..8).map(|k| entities[(a + k * 3) % count].id.clone()).collect();
                serde_json::from_value::<ArticleSummary>(serde_json::json!({
                    "id": format!("a{a:05}"), "title": format!("Article {a}"), "excerpt": "x", "words": 1,
                }))
                .expect("summary")
                .with_entities(ids)
            })
            .collect();
        let bodies = summaries
            .iter()
            .map(|s| ArticleBody {
                id: s.id.clone(),
                blocks: vec![Block::Paragraph(TextBlock {
                    text: format!("Body of {}", s.id),
                    mentions: Vec::new(),
                })],
            })
            .collect();
        let index = SiteIndex {
            schema_version: crate::SCHEMA_VERSION.to_owned(),
            generator: "test".to_owned(),
            articles: summaries,
            entities,
            search: None,
        };
        (index, bodies)
    }

    /// Every file of `parts`, by path.
    fn files(parts: &Parts<'_>) -> HashMap<String, String> {
        let mut files: HashMap<String, String> = (parts.named.iter())
            .map(|(p, b)| (p.clone(), b.clone()))
            .chain(parts.card_files().map(|(p, b)| (p.to_owned(), b)))
            .map(|(p, b)| (p, String::from_utf8(b).expect("utf-8")))
            .collect();
        files.insert(
            SITE_FILE.to_owned(),
            String::from_utf8(parts.site.clone()).expect("utf-8"),
        );
        for b in 0..parts.buckets.len() {
            files.insert(
                parts.bucket_path(b),
                String::from_utf8(parts.bucket(b)).expect("utf-8"),
            );
        }
        files
    }

    #[test]
    fn a_site_read_from_its_parts_is_the_site_written() {
        for size in [0, 1, 29, 30, 31, 999, 1000, 2500] {
            let (index, bodies) = sample(size);
            let parts = Parts::new(&index, &bodies);
            let files = files(&parts);
            let (read, mut read_bodies) = read_all(|f: &str| {
                files
                    .get(f)
                    .cloned()
                    .ok_or_else(|| std::io::Error::other(f.to_owned()))
            })
            .expect("readable");
            assert_eq!(read, UncheckedIndex::from(index.clone()), "{size} articles");
            read_bodies.sort_by(|a, b| a.body.id.cmp(&b.body.id));
            let bodies: Vec<ArticleBody<String>> = bodies.into_iter().map(Into::into).collect();
            assert_eq!(
                read_bodies.into_iter().map(|a| a.body).collect::<Vec<_>>(),
                bodies,
                "{size} articles"
            );
        }
    }

    #[test]
    fn each_entity_s_posting_file_lists_the_articles_that_list_it() {
        for (articles, count) in [(0, 40), (1, 40), (2500, 40), (3000, 2500), (200, 5000)] {
            let (mut index, bodies) = sample_with(articles, count);
            // Counts as a build gives them: with 5,000 entities for 200 articles, many have one.
            let whole = crate::index::Corpus::new(index.clone());
            for entity in &mut index.entities {
                entity.articles = whole.positions_mentioning(&entity.id).len() as u32;
            }
            let parts = Parts::new(&index, &bodies);
            let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
            assert_eq!(site.posting_files, posting_files_for(count));
            assert!(stamp::is_well_formed(&site.postings), "{}", site.postings);
            assert_eq!(parts.postings.len(), site.posting_files as usize);
            let files: HashMap<&str, PostingFile<String>> = parts
                .postings
                .iter()
                .map(|(path, bytes)| {
                    let text = std::str::from_utf8(bytes).expect("utf-8");
                    (path.as_str(), parse_postings(path, text).expect("parses"))
                })
                .collect();
            let singles: HashMap<&str, SingleFile> = (parts.profiles.iter())
                .filter(|(path, _)| path.starts_with("singles/"))
                .map(|(path, bytes)| {
                    let text = std::str::from_utf8(bytes).expect("utf-8");
                    (path.as_str(), parse_singles(path, text).expect("parses"))
                })
                .collect();
            let mut in_singles = 0;
            for entity in &index.entities {
                let expected: Vec<u32> = (0u32..)
                    .zip(&index.articles)
                    .filter(|(_, a)| a.entities.contains(&entity.id))
                    .map(|(n, _)| n)
                    .collect();
                let id = entity.id.as_str();
                let (_, path) = posting_file_of(id, site.posting_files);
                let posted = files[path.as_str()]
                    .articles_of(&path, id, site.articles)
                    .expect("well formed");
                // An entity of a single article and no page of its own is in its file of
                // single-article entities instead (schema 2.10), and only there.
                let single_path = profile_path_of(id, site.posting_files, false);
                let single = singles[single_path.as_str()]
                    .articles_of(&single_path, id, site.articles)
                    .expect("well formed");
                let alone = expected.len() == 1 && !crate::links::has_own_page(entity);
                assert_eq!(single.is_some(), alone, "{id}: in its singles file");
                assert!(!alone || posted.is_none(), "{id}: in its posting file too");
                in_singles += usize::from(alone);
                match posted.or(single) {
                    Some(found) => {
                        assert_eq!(found.numbers, expected, "{id}");
                        assert_eq!(found.entity.name, entity.name);
                        assert_eq!(found.entity.articles, entity.articles);
                        assert!(found.entity.aliases.is_empty(), "{id}: no spellings");
                    }
                    None => assert!(expected.is_empty(), "{id} missing"),
                }
            }
            if articles == 200 {
                assert!(
                    in_singles > 0,
                    "the sample has entities of a single article"
                );
            }
        }
        // Another article changes the fingerprint the app puts in the files' URLs.
        let (one, bodies) = sample_with(100, 40);
        let (two, more) = sample_with(101, 40);
        assert_ne!(
            parse_site(std::str::from_utf8(&Parts::new(&one, &bodies).site).expect("utf-8"))
                .expect("site")
                .postings,
            parse_site(std::str::from_utf8(&Parts::new(&two, &more).site).expect("utf-8"))
                .expect("site")
                .postings
        );
    }

    #[test]
    fn each_listed_entity_has_a_profile_with_what_the_whole_site_gives_its_page() {
        for (articles, count) in [(0, 40), (1, 40), (600, 40), (900, 2500)] {
            let (mut index, bodies) = sample_with(articles, count);
            for (a, article) in index.articles.iter_mut().enumerate() {
                // Dated over two years, some not at all.
                article.published = (a % 7 != 3)
                    .then(|| format!("{}-{:02}-{:02}", 2023 + a % 2, 1 + a % 12, 1 + a % 28));
            }
            index.entities[0].aliases = vec!["E zero".to_owned(), "E-0".to_owned()];
            // An entity of the first article alone, with spellings.
            let mut only = crate::testing::entity("per-only", Label::Person, 1);
            only.aliases = vec!["Only One".to_owned()];
            if let Some(first) = index.articles.first_mut() {
                let mut ids = first.entities.clone();
                ids[1] = only.id.clone();
                *first = first.clone().with_entities(ids);
            }
            index.entities.push(only);
            // Counts as a build gives them.
            let whole = crate::index::Corpus::new(index.clone());
            for entity in &mut index.entities {
                entity.articles = whole.positions_mentioning(&entity.id).len() as u32;
            }
            let parts = Parts::new(&index, &bodies);
            let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
            assert!(stamp::is_well_formed(&site.profiles), "{}", site.profiles);
            assert!(stamp::is_well_formed(&site.singles), "{}", site.singles);
            let singles = single_files_for(site.posting_files) as usize;
            assert_eq!(parts.profiles.len(), site.posting_files as usize + singles);
            let text = |bytes: &[u8]| std::str::from_utf8(bytes).expect("utf-8").to_owned();
            let (own_files, single_files) = parts.profiles.split_at(site.posting_files as usize);
            let own_files: HashMap<&str, ProfileFile<String>> = (own_files.iter())
                .map(|(path, bytes)| {
                    (
                        path.as_str(),
                        parse_profiles(path, &text(bytes)).expect("parses"),
                    )
                })
                .collect();
            let single_files: HashMap<&str, SingleFile> = (single_files.iter())
                .map(|(path, bytes)| {
                    (
                        path.as_str(),
                        parse_singles(path, &text(bytes)).expect("parses"),
                    )
                })
                .collect();
            let corpus = crate::index::Corpus::new(index.clone());
            let mut profiles = [0, 0];
            let mut views = 0;
            for entity in &index.entities {
                let own = crate::links::has_own_page(entity);
                let id = entity.id.as_str();
                let in_own = {
                    let path = profile_path_of(id, site.posting_files, true);
                    own_files[path.as_str()]
                        .profile_of(&path, &entity.id)
                        .expect("well formed")
                };
                let in_singles = {
                    let path = profile_path_of(id, site.posting_files, false);
                    single_files[path.as_str()].single_of(&entity.id)
                };
                let positions = corpus.positions_mentioning(&entity.id);
                if positions.is_empty() {
                    assert!(in_own.is_none() && in_singles.is_none(), "{id}");
                    continue;
                }
                // In the files of its kind of page only; a single article's from its body file.
                let found = if own {
                    assert_eq!(in_singles, None, "{id}");
                    in_own
                } else {
                    assert_eq!(in_own, None, "{id}");
                    let single = in_singles.unwrap_or_else(|| panic!("{id} is not in singles"));
                    let article = &corpus.articles()[positions[0] as usize].id;
                    let bucket = bucket_of(article, site.buckets) as usize;
                    let path = parts.bucket_path(bucket);
                    let file =
                        parse_bucket(&path, &text(&parts.bucket(bucket))).expect("a body file");
                    let body = crate::index::Corpus::of_bucket(&site, &file).value;
                    let at = body.article_position(article).expect("its article");
                    let posted = Entity {
                        aliases: Vec::new(),
                        ..entity.clone()
                    };
                    single.profile(posted, &body, at)
                };
                let found = found.unwrap_or_else(|| panic!("{} has no profile", entity.id));
                profiles[usize::from(own)] += 1;
                assert_eq!(found.entity.aliases, entity.aliases);
                assert_eq!(found.entity.name, entity.name);
                let company: Vec<(&str, u32)> = found
                    .company
                    .iter()
                    .map(|(e, shared)| (e.id.as_str(), *shared))
                    .collect();
                let expected: Vec<(&str, u32)> = crate::cooccurrence::company(&corpus, &entity.id)
                    .iter()
                    .map(|c| (c.entity.id.as_str(), c.shared))
                    .collect();
                assert_eq!(company, expected, "{}", entity.id);
                assert_eq!(
                    found.timeline,
                    crate::timeline::timeline_at(&corpus, &positions),
                    "{}",
                    entity.id
                );
                // The view of its articles: the sidebar the whole site gives a link filtered
                // by it, in either language, and the foot's languages, sources, years and
                // timeline; only for entities of many articles.
                let view = if own {
                    let path = profile_path_of(id, site.posting_files, true);
                    own_files[path.as_str()]
                        .view_of(&path, &entity.id)
                        .expect("well formed")
                } else {
                    None
                };
                assert_eq!(
                    view.is_some(),
                    positions.len() >= VIEW_FROM as usize,
                    "{id}: {} articles",
                    positions.len()
                );
                let Some(view) = view else { continue };
                views += 1;
                let selection = Selection::from_params(id, "");
                let counts = FacetCounts::new(&corpus, &positions);
                for language in [Language::Fr, Language::En] {
                    let expected = sidebar_groups(
                        &corpus,
                        &counts,
                        &selection,
                        &EntityQuery::new(""),
                        |_| TOP_ENTITIES,
                        language,
                    );
                    assert_eq!(view.sidebar(&entity.id, language), expected, "{id}");
                }
                assert_eq!(view.distinct, counts.distinct(), "{id}");
                let refined = crate::refine::refine(&corpus, &positions, &selection);
                let pairs = |counts: &[crate::refine::FieldCount]| -> Vec<(String, u32)> {
                    counts.iter().map(|f| (f.value.clone(), f.count)).collect()
                };
                assert_eq!(view.overview.langs, pairs(&refined.langs), "{id}");
                assert_eq!(view.overview.sources, pairs(&refined.sources), "{id}");
                assert_eq!(view.overview.years, pairs(&refined.years), "{id}");
                assert_eq!(
                    view.overview.timeline(),
                    Some(crate::timeline::timeline_at(&corpus, &refined.any_period)),
                    "{id}"
                );
            }
            // Of single-article entities, and of entities with a page of their own.
            let expected = [articles > 0, articles > 1];
            assert_eq!(profiles.map(|n| n > 0), expected, "{articles} articles");
            // Views checked on every site with an entity of enough articles (600 has some).
            let many = (index.entities.iter())
                .filter(|e| e.articles >= VIEW_FROM)
                .count();
            assert_eq!(views, many, "{articles} articles");
            assert!(articles != 600 || views > 0, "no view checked");
        }
    }

    #[test]
    fn parts_are_named_by_their_content_and_pages_hold_a_thousand_articles() {
        let (index, bodies) = sample(2500);
        let parts = Parts::new(&index, &bodies);
        let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        assert_eq!(site.summaries.len(), 3);
        assert_eq!((site.articles, site.entities), (2500, 40));
        for (path, bytes) in &parts.named {
            let text = std::str::from_utf8(bytes).expect("utf-8");
            assert!(
                path.ends_with(&format!("/{}.json", stamp::of_text(text))),
                "{path}"
            );
            assert!(
                is_part_path(path, path.split('/').next().expect("dir")),
                "{path}"
            );
        }
        let first = parse_summaries("p", std::str::from_utf8(&parts.named[0].1).expect("utf-8"))
            .expect("page");
        assert_eq!(first.articles.len(), SUMMARIES_PER_PAGE);
        // Another article changes its page's name and no other's.
        let (mut other, bodies) = sample(2500);
        other.articles[1500].title = "Changed".to_owned();
        let changed = Parts::new(&other, &bodies);
        let names = |parts: &Parts<'_>| -> Vec<String> {
            (parts.named.iter().map(|(path, _)| path.clone()))
                .chain(parts.cards.iter().map(|(path, _)| path.clone()))
                .collect()
        };
        let (before, after) = (names(&parts), names(&changed));
        let differ: Vec<(&str, bool)> = (before.iter().zip(&after))
            .map(|(a, b)| (a.split('/').next().unwrap_or(""), a != b))
            .collect();
        let of = |dir: &str| -> Vec<bool> {
            differ
                .iter()
                .filter(|(d, _)| *d == dir)
                .map(|(_, x)| *x)
                .collect()
        };
        assert_eq!(of("summaries"), [false, true, false]);
        assert_eq!(of("entities"), [false]);
        // Its card page and no other.
        let cards = of("cards");
        let layout = CardLayout::for_site(2500);
        assert_eq!(cards.len(), layout.pages());
        let place = layout.place(1500).expect("a card page");
        assert_eq!(cards.iter().positions_true(), vec![place.0]);
    }

    #[test]
    fn a_card_page_is_named_by_what_it_shows_so_its_name_changes_whenever_its_bytes_do() {
        let (index, bodies) = sample(600);
        let parts = Parts::new(&index, &bodies);
        for (page, (path, _)) in parts.cards.iter().enumerate() {
            assert!(is_part_path(path, "cards"), "{path}");
            let bytes = parts.card_page(page);
            parse_cards(path, std::str::from_utf8(&bytes).expect("utf-8")).expect("a card page");
        }
        /// The entity of article 42's first chip (its first entity that is not a date).
        fn chip(i: &SiteIndex) -> (usize, EntityId) {
            let id = (i.articles[42].entities.iter())
                .find(|id| !id.as_str().starts_with("date-"))
                .expect("a chip")
                .clone();
            let at = i.entities.iter().position(|e| e.id == id).expect("listed");
            (at, id)
        }
        // What a card shows of an article and of its chips' entities, changed one at a time,
        // and whether that changes what some page holds (a count past the cap of 2 does not).
        type Change = fn(&mut SiteIndex);
        let changes: [(&str, Change, bool); 7] = [
            ("a title", |i| i.articles[300].title.push('!'), true),
            ("an excerpt", |i| i.articles[10].excerpt.push('!'), true),
            (
                "a date",
                |i| i.articles[599].published = Some("2024-05-01".to_owned()),
                true,
            ),
            (
                "a chip's name",
                |i| {
                    let (at, _) = chip(i);
                    i.entities[at].name.push('!');
                },
                true,
            ),
            (
                "a chip's count past the cap",
                |i| {
                    let (at, _) = chip(i);
                    i.entities[at].articles += 1;
                },
                false,
            ),
            (
                "a chip taken away",
                |i| {
                    let (_, id) = chip(i);
                    i.articles[42].entities.retain(|e| *e != id);
                },
                true,
            ),
            ("nothing", |_| {}, false),
        ];
        for (what, change, shown) in changes {
            let (mut other, bodies) = sample(600);
            change(&mut other);
            let changed = Parts::new(&other, &bodies);
            assert_eq!(changed.cards.len(), parts.cards.len());
            let mut rewritten = 0;
            for page in 0..parts.cards.len() {
                let same_bytes = parts.card_page(page) == changed.card_page(page);
                let same_name = parts.cards[page].0 == changed.cards[page].0;
                // Never the same name for other bytes (a rebuild would keep a stale page); here
                // no other name either, as every change is of what a card shows (an article's
                // entities past its chips, which a card does not show, rename its page too).
                assert_eq!(same_name, same_bytes, "{what}: page {page}");
                rewritten += usize::from(!same_bytes);
            }
            assert_eq!(rewritten > 0, shown, "{what}: {rewritten} page(s) changed");
        }
    }

    trait PositionsTrue {
        fn positions_true(self) -> Vec<usize>;
    }

    impl<'a, I: Iterator<Item = &'a bool>> PositionsTrue for I {
        fn positions_true(self) -> Vec<usize> {
            self.enumerate()
                .filter(|(_, b)| **b)
                .map(|(i, _)| i)
                .collect()
        }
    }

    #[test]
    fn card_pages_hold_each_article_once_with_its_chips_and_a_search_finds_it_by_number() {
        assert_eq!(cards_per_page(1), 16);
        assert_eq!(cards_per_page(10_000), 16);
        assert_eq!(cards_per_page(10_100), 16);
        assert_eq!(cards_per_page(16_001), 32);
        assert_eq!(cards_per_page(100_000), 128);
        assert_eq!(cards_per_page(101_000), 128);
        assert_eq!(cards_per_page(128_001), 256);
        for size in [0, 1, 15, 16, 17, 95] {
            let (index, bodies) = sample(size);
            let parts = Parts::new(&index, &bodies);
            let files = files(&parts);
            let site = parse_site(&files[SITE_FILE]).expect("site");
            assert_eq!(site.cards.len(), size.div_ceil(16), "{size}");
            let layout = site.card_layout();
            assert_eq!(site.cards_per_page, 0, "never written since 2.10");
            assert_eq!(
                site.card_page_sizes,
                (size > 0).then_some(CardPageSizes(16, 16))
            );
            let per_page = 16;
            let pages: Vec<CardPage<String>> = site
                .cards
                .iter()
                .map(|c| {
                    assert!(is_part_path(c, "cards"), "{c}");
                    parse_cards(c, &files[c]).expect("card page")
                })
                .collect();
            // The oldest articles' page first, the newest's (the one with fewer) last.
            if let Some(newest) = pages.last() {
                assert_eq!(newest.articles.len(), size - (pages.len() - 1) * per_page);
            }
            // Every article, in article order, each with its chips and nothing else.
            let read: Vec<&ArticleSummary<String>> =
                pages.iter().rev().flat_map(|p| &p.articles).collect();
            assert_eq!(read.len(), size);
            for (card, article) in read.iter().zip(&index.articles) {
                assert_eq!(card.id, article.id);
                let chips: Vec<&str> = article
                    .entities
                    .iter()
                    .filter(|id| !id.as_str().starts_with("date-"))
                    .take(CARD_CHIPS)
                    .map(EntityId::as_str)
                    .collect();
                assert_eq!(card.entities, chips);
            }
            for page in &pages {
                let ids: Vec<&str> = page.entities.iter().map(|e| e.id.as_str()).collect();
                let mut sorted = ids.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(ids, sorted, "by id, each once");
                for card in &page.articles {
                    assert!(card.entities.iter().all(|e| ids.contains(&e.as_str())));
                }
            }
            // Two pages read, out of order: each article found by its number.
            if pages.len() >= 2 {
                let last = pages.len() - 1;
                let read = [(last, &pages[last]), (0, &pages[0])];
                let corpus = crate::index::Corpus::of_cards(&site, &read, &[]).value;
                assert!(!corpus.is_whole());
                assert_eq!(corpus.total_articles(), size);
                let in_first = per_page;
                let in_last = size - last * per_page;
                for number in (0..in_last).chain(size - in_first..size) {
                    let (page, place) = (layout.and_then(|l| l.place(number))).expect("placed");
                    assert!(page == last || page == 0, "{number}");
                    assert_eq!(pages[page].articles[place].id, index.articles[number].id);
                    let found = corpus.by_number(number as u32).expect("kept");
                    assert_eq!(found.id, index.articles[number].id);
                    assert_eq!(
                        crate::article_view::card_chips(&corpus, found, CARD_CHIPS, &[]).len(),
                        CARD_CHIPS
                    );
                }
                assert!(corpus.by_number(in_last as u32).is_none() || last == 1);
            }
        }
    }

    #[test]
    fn past_16_000_articles_the_newest_are_in_card_pages_of_16() {
        // 16,401 articles: older pages of 32, and the newest 49 (32 ≤ 49 < 64) in pages of 16.
        let (index, bodies) = sample(16_401);
        let parts = Parts::new(&index, &bodies);
        let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        assert_eq!(site.card_page_sizes, Some(CardPageSizes(32, 16)));
        let layout = site.card_layout().expect("card pages");
        assert_eq!(site.cards.len(), 511 + 4);
        let read = |page: usize| {
            parse_cards(
                "c",
                std::str::from_utf8(&parts.card_page(page)).expect("utf-8"),
            )
            .expect("card page")
        };
        for (page, size) in [(0, 32), (510, 32), (511, 16), (513, 16), (514, 1)] {
            assert_eq!(read(page).articles.len(), size, "page {page}");
        }
        for number in [0, 1, 16, 17, 48, 49, 80, 81, 16_400] {
            let (page, place) = layout.place(number).expect("placed");
            assert_eq!(
                read(page).articles[place].id,
                index.articles[number].id,
                "{number}"
            );
        }
    }

    #[test]
    fn card_pages_of_schema_2_9_are_read_as_pages_of_one_size() {
        let (index, bodies) = sample(40);
        let parts = Parts::new(&index, &bodies);
        let mut site: serde_json::Value = serde_json::from_slice(&parts.site).expect("json");
        let object = site.as_object_mut().expect("an object");
        object.remove("card_page_sizes").expect("written by 2.10");
        object.insert("cards_per_page".into(), 16.into());
        let old = parse_site(&site.to_string()).expect("site");
        let layout = old.card_layout().expect("2.9's card pages are read");
        assert_eq!(layout.sizes(), CardPageSizes(16, 16));
        assert_eq!(layout.place(39), Some((0, 15)));
        assert_eq!(layout.place(0), Some((2, 0)));
        // Sizes that make no layout, or a page count other than the layout's: no card pages
        // (the views wait for the whole site) rather than articles looked for in the wrong page.
        let with = |edit: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
            let mut site: serde_json::Value = serde_json::from_slice(&parts.site).expect("json");
            edit(site.as_object_mut().expect("an object"));
            parse_site(&site.to_string()).expect("site").card_layout()
        };
        assert!(with(&|_| ()).is_some());
        assert_eq!(
            with(&|s| drop(s.insert("card_page_sizes".into(), serde_json::json!([16, 32])))),
            None
        );
        assert_eq!(
            with(&|s| drop(s.insert("card_page_sizes".into(), serde_json::json!([0, 0])))),
            None
        );
        assert_eq!(
            with(&|s| drop(s.insert("articles".into(), 60.into()))),
            None
        );
        assert_eq!(with(&|s| drop(s.remove("card_page_sizes"))), None);
    }

    #[test]
    fn adding_newer_articles_keeps_the_older_card_pages_and_their_names() {
        let (index, bodies) = sample(200);
        let before =
            parse_site(std::str::from_utf8(&Parts::new(&index, &bodies).site).expect("utf-8"))
                .expect("site");
        // 37 newer articles (before the others in article order), the same entities.
        let (mut grown, _) = sample(237);
        for (a, article) in grown.articles.iter_mut().take(37).enumerate() {
            article.id = format!("new-{a:03}");
        }
        grown.articles[37..].clone_from_slice(&index.articles);
        let grown_bodies: Vec<ArticleBody> = grown
            .articles
            .iter()
            .map(|a| ArticleBody {
                id: a.id.clone(),
                blocks: Vec::new(),
            })
            .collect();
        let parts = Parts::new(&grown, &grown_bodies);
        let after = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        assert_eq!(after.card_page_sizes, before.card_page_sizes);
        let layout = after.card_layout().expect("card pages");
        assert_eq!(after.cards.len(), 237usize.div_ceil(16));
        // Every page but the newest (200 = 12 × 16 + 8) is the same file; the newest and the
        // new pages are not.
        let kept = before.cards.len() - 1;
        assert_eq!(after.cards[..kept], before.cards[..kept]);
        assert!(!before.cards.contains(&after.cards[kept]));
        // Each article is still where the layout says, in the new pages too.
        let files = files(&parts);
        for number in [0, 36, 37, 40, 236] {
            let (page, place) = layout.place(number).expect("placed");
            let cards = parse_cards("c", &files[&after.cards[page]]).expect("card page");
            assert_eq!(
                cards.articles[place].id, grown.articles[number].id,
                "{number}"
            );
        }
    }

    #[test]
    fn the_first_screen_has_the_first_cards_their_chips_and_the_top_of_each_label() {
        let (index, bodies) = sample(100);
        let parts = Parts::new(&index, &bodies);
        let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        assert_eq!(site.first.articles.len(), FIRST_CARDS);
        let ids: HashSet<&str> = site.first.entities.iter().map(|e| e.id.as_str()).collect();
        for (shown, article) in site.first.articles.iter().zip(&index.articles) {
            assert_eq!(shown.id, article.id);
            let chips: Vec<&str> = article
                .entities
                .iter()
                .filter(|id| !id.as_str().starts_with("date-"))
                .take(CARD_CHIPS)
                .map(EntityId::as_str)
                .collect();
            assert!(chips.iter().all(|c| ids.contains(c)), "{chips:?}");
            assert!(shown.entities.iter().all(|e| ids.contains(e.as_str())));
        }
        assert_eq!(site.labels, [10, 10, 10, 10]);
        for label in Label::ALL {
            let mut of_label: Vec<&Entity> =
                index.entities.iter().filter(|e| e.label == label).collect();
            of_label.sort_by_key(|e| std::cmp::Reverse(e.articles));
            for e in of_label.iter().take(TOP_ENTITIES) {
                assert!(ids.contains(e.id.as_str()), "{}", e.id);
            }
        }
    }

    #[test]
    fn the_first_screens_top_entities_break_ties_as_the_sidebar_does() {
        let (mut index, bodies) = sample(3);
        // Twelve people mentioned by as many articles: by mentions, then name, as `Corpus` ranks.
        index.entities = (0..12)
            .rev()
            .map(|n| {
                let mut e = entity(&format!("per-p{n:02}"), Label::Person, 5);
                e.name = format!("P{n:02}");
                e.mentions = if n == 11 { 9 } else { 5 };
                e
            })
            .collect();
        for article in &mut index.articles {
            article.entities.clear();
        }
        let parts = Parts::new(&index, &bodies);
        let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        let mut top: Vec<&str> = site.first.entities.iter().map(|e| e.id.as_str()).collect();
        top.sort_unstable();
        let mut wanted = vec!["per-p11"];
        wanted.extend(["per-p00", "per-p01", "per-p02", "per-p03", "per-p04"]);
        wanted.extend(["per-p05", "per-p06", "per-p07", "per-p08"]);
        wanted.sort_unstable();
        assert_eq!(top, wanted);
        assert_eq!(site.labels, [12, 0, 0, 0]);
    }

    #[test]
    fn bodies_are_grouped_by_id_in_a_power_of_two_of_files() {
        assert_eq!(buckets_for(0), 1);
        assert_eq!(buckets_for(32), 1);
        assert_eq!(buckets_for(33), 2);
        assert_eq!(buckets_for(10_000), 512);
        assert_eq!(buckets_for(100_000), MAX_BUCKETS);
        assert_eq!(bucket_path(5, 512), "bodies/005.json");
        assert_eq!(bucket_path(0, 1), "bodies/0.json");
        assert_eq!(bucket_path(255, 256), "bodies/ff.json");
        let (index, bodies) = sample(1000);
        let parts = Parts::new(&index, &bodies);
        assert_eq!(parts.buckets.len(), 32);
        for (b, positions) in parts.buckets.iter().enumerate() {
            let bucket = parse_bucket("b", std::str::from_utf8(&parts.bucket(b)).expect("utf-8"))
                .expect("bucket");
            assert_eq!(bucket.articles.len(), positions.len());
            for article in &bucket.articles {
                assert_eq!(bucket_of(&article.body.id, 32) as usize, b);
                assert_eq!(article.summary.id, article.body.id);
                for id in &article.summary.entities {
                    assert!(bucket.entities.iter().any(|e| &e.id == id), "{id}");
                }
            }
        }
        let sizes: Vec<usize> = parts.buckets.iter().map(Vec::len).collect();
        assert!(sizes.iter().all(|&n| (10..=60).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn a_bucket_stamp_changes_with_what_its_file_holds_and_only_then() {
        let (mut index, bodies) = sample(100);
        for (summary, body) in index.articles.iter_mut().zip(&bodies) {
            summary.body_hash = Some(stamp::of_body(body));
        }
        let parts = Parts::new(&index, &bodies);
        let stamps = parts.bucket_stamps();
        assert!(stamps.iter().all(Option::is_some));
        // One body changed (and so its fingerprint): its bucket's stamp only.
        let (mut other, mut changed_bodies) = (index.clone(), bodies.clone());
        changed_bodies[7].blocks.clear();
        other.articles[7].body_hash = Some(stamp::of_body(&changed_bodies[7]));
        let changed = Parts::new(&other, &changed_bodies);
        let bucket = bucket_of(&index.articles[7].id, parts.buckets.len() as u32) as usize;
        for (b, (stamp, now)) in stamps.iter().zip(changed.bucket_stamps()).enumerate() {
            assert_eq!(now != *stamp, b == bucket, "bucket {b}");
            let (stamp, now) = (stamp.expect("stamped"), now.expect("stamped"));
            assert_eq!(now.same_articles(&stamp.key()), b != bucket, "bucket {b}");
        }
        // A much-mentioned entity mentioned once more, its spellings grown: no body file changes
        // (they say only that more than one article mentions it).
        let mut counted = index.clone();
        counted.entities[0].articles += 1;
        counted.entities[0].mentions += 3;
        counted.entities[0]
            .aliases
            .push("Another spelling".to_owned());
        let recounted = Parts::new(&counted, &bodies);
        assert_eq!(recounted.bucket_stamps(), stamps);
        for b in 0..parts.buckets.len() {
            assert_eq!(parts.bucket(b), recounted.bucket(b), "bucket {b}");
        }
        // An entity of one article now in two (it gets a page of its own), or renamed: the
        // stamp and the bytes of every bucket listing it change, and only theirs.
        for change in [
            (|e: &mut Entity| e.articles = 2) as fn(&mut Entity),
            |e: &mut Entity| e.name = "Renamed".to_owned(),
        ] {
            let mut changed = index.clone();
            let one = changed
                .entities
                .iter_mut()
                .find(|e| e.articles == 1)
                .expect("an entity of one article");
            change(one);
            let changed = Parts::new(&changed, &bodies);
            let mut listing = 0;
            for (b, (stamp, now)) in stamps.iter().zip(changed.bucket_stamps()).enumerate() {
                let lists = parts.bucket(b) != changed.bucket(b);
                listing += usize::from(lists);
                assert_eq!(now != *stamp, lists, "bucket {b}");
                // Its articles are the same: the new file is the old one with the new table.
                let now = now.expect("stamped");
                assert!(
                    now.same_articles(&stamp.expect("stamped").key()),
                    "bucket {b}"
                );
                assert_eq!(
                    changed.bucket_from(b, &parts.bucket(b)),
                    Some(changed.bucket(b)),
                    "bucket {b}"
                );
            }
            assert!(listing > 0, "{listing}");
        }
        // Any field a body file shows of a summary, changed: its bucket's stamp changes with
        // its bytes (the stamp is made from the fields, not from the bytes).
        for change in [
            (|s: &mut ArticleSummary| s.title.push('!')) as fn(&mut ArticleSummary),
            |s| s.excerpt = format!("{}…", s.excerpt),
            |s| s.title_derived = !s.title_derived,
            |s| s.published = Some("1999-12-31".to_owned()),
            |s| s.published_inferred = !s.published_inferred,
            |s| s.source = Some("Wikinews".to_owned()),
            |s| s.url = Some("https://example.org/".to_owned()),
            |s| s.license = Some("CC-BY".to_owned()),
            |s| s.lang = Some("de".to_owned()),
            |s| s.words += 1,
            |s| s.entities.reverse(),
        ] {
            let mut changed = index.clone();
            change(&mut changed.articles[7]);
            let changed = Parts::new(&changed, &bodies);
            for (b, (stamp, now)) in stamps.iter().zip(changed.bucket_stamps()).enumerate() {
                let differs = parts.bucket(b) != changed.bucket(b);
                assert_eq!(now != *stamp, differs, "bucket {b}");
                assert_eq!(differs, b == bucket, "bucket {b}");
                let (stamp, now) = (stamp.expect("stamped"), now.expect("stamped"));
                assert_eq!(now.same_articles(&stamp.key()), !differs, "bucket {b}");
            }
        }
        // Without a body fingerprint, no stamp.
        let (unstamped, bodies) = sample(3);
        assert_eq!(Parts::new(&unstamped, &bodies).bucket_stamps(), [None]);
    }

    #[test]
    fn a_body_file_is_made_from_an_earlier_one_where_it_has_an_entity_table() {
        let (mut index, bodies) = sample(40);
        for (summary, body) in index.articles.iter_mut().zip(&bodies) {
            summary.body_hash = Some(stamp::of_body(body));
        }
        let parts = Parts::new(&index, &bodies);
        let file = parts.bucket(0);
        assert_eq!(parts.bucket_from(0, &file), Some(file.clone()));
        // Not a body file: nothing is made from it.
        assert_eq!(parts.bucket_from(0, b"{}\n"), None);
        assert_eq!(parts.bucket_from(0, b""), None);
        // A stamp kept by an earlier build is read by its articles' half only, whole.
        let stamp = parts.bucket_stamps()[0].expect("stamped");
        assert!(stamp.same_articles(&stamp.key()));
        assert!(!stamp.same_articles(&stamp.key()[..16]));
        assert!(!stamp.same_articles(""));
    }

    #[test]
    fn a_position_outside_the_entity_table_becomes_an_id_the_check_refuses() {
        let (index, bodies) = sample(3);
        let parts = Parts::new(&index, &bodies);
        let site = parse_site(std::str::from_utf8(&parts.site).expect("utf-8")).expect("site");
        let mut page = parse_summaries("p", std::str::from_utf8(&parts.named[0].1).expect("utf-8"))
            .expect("page");
        page.articles[0].entities.push(4000);
        let entities = parse_entities("e", std::str::from_utf8(&parts.named[1].1).expect("utf-8"))
            .expect("part");
        let read = assemble(&site, vec![page], vec![entities]);
        assert_eq!(
            read.articles[0].entities.last().map(String::as_str),
            Some("#4000")
        );
        let checked = crate::validate::index(read);
        assert!(!checked.problems.is_empty());
        assert!(
            checked.value.articles[0]
                .entities
                .iter()
                .all(|e| e.as_str() != "#4000")
        );
    }

    #[test]
    fn another_major_version_is_named_as_such() {
        let error = parse_site(r#"{"schema_version": "3.0", "anything": 1}"#).expect_err("v3");
        assert!(matches!(error, IndexError::Schema(_)), "{error:?}");
        let error = parse_site(r#"{"schema_version": "2.0", "articles": "x"}"#).expect_err("bad");
        assert!(error.to_string().contains(SITE_FILE), "{error}");
    }
}
