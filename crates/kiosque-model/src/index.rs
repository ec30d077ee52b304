//! The index file (`index.json`): loaded first, small, enough for the home page and the sidebar.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::article::ArticleSummary;
use crate::article_ids::ArticleIds;
use crate::entity::{Entity, EntityId, Label};
use crate::parts::{self, BodyBucket, EntityPart, SiteFile, SummaryPage};
use crate::refine::ArticleFields;
use crate::schema::{SchemaError, check_schema};
use crate::validate::{self, Checked};

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

impl IndexError {
    /// A file that is not valid site data: `file` (when named) and serde's message, with the
    /// control and bidi-control characters it quotes from the data written as `\u{…}` escapes,
    /// so that a hostile file cannot forge lines or reorder the words of the message a reader
    /// or a terminal is shown.
    pub fn malformed(file: Option<&str>, error: &serde_json::Error) -> IndexError {
        let message = crate::display::escape_controls(&error.to_string()).into_owned();
        IndexError::Malformed(match file {
            Some(file) => format!("{file}: {message}"),
            None => message,
        })
    }
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
            Err(IndexError::malformed(None, &error))
        }
    }
}

/// A [`SiteIndex`] with lookups by id, built once after loading.
///
/// Views refer to articles and entities by position (in [`Corpus::articles`] and
/// [`Corpus::entities`]): filtering and facet counts then work on numbers, not on ids.
#[derive(Debug, Clone)]
pub struct Corpus {
    index: SiteIndex,
    entity_pos: HashMap<EntityId, usize>,
    article_pos: ArticleIds,
    /// `postings[e]`: the positions of the articles that mention entity `e`, in article order,
    /// so an entity's articles are found without scanning every article.
    postings: Vec<Vec<u32>>,
    /// `mentioned[a]`: the positions of the entities article `a` mentions, each once, in the
    /// article's order (ids the entity table does not have are left out).
    mentioned: Vec<Vec<u32>>,
    /// `rank[e]`: entity `e`'s place among all entities by corpus mentions (most first), then
    /// name: the order of facets that have the same count.
    rank: Vec<u32>,
    /// `ranked[r]`: the entity of rank `r`.
    ranked: Vec<u32>,
    /// Per label (in [`Label::ALL`] order): its entities that some article mentions, by
    /// number of articles (most first), then rank: the sidebar when every article is shown.
    by_articles: [Vec<u32>; 4],
    /// Each article's number: its position in `index.json`, by which the posting files and card
    /// pages refer to it, and a search's hits (the search files count from the oldest:
    /// [`crate::search::Query::run`] translates); articles the contract check left out keep the
    /// numbers of the others right.
    numbers: Vec<u32>,
    /// For a corpus of a part of the site (the first screen, one body file): the whole site's
    /// counts. `None` for the whole site.
    site: Option<SiteTotals>,
    /// Per label: entities of the site not in this part (0 for the whole site).
    unlisted: [usize; 4],
    /// Each entity's names folded, made the first time the sidebar's entity finder needs them
    /// (not on load: most visits never use it), then kept.
    folded: OnceLock<FoldedNames>,
    /// What the languages, sources and timeline read of each article, made the first time they
    /// are counted, then kept.
    fields: OnceLock<ArticleFields>,
}

/// Every entity's name and aliases folded ([`crate::text::fold`]), each name followed by
/// [`Corpus::NAME_END`], in one string: a keystroke in the entity finder then folds only
/// the query, not every name of the site again.
#[derive(Debug, Clone, Default)]
struct FoldedNames {
    text: String,
    /// Where each entity's names end in `text`.
    ends: Vec<usize>,
}

impl FoldedNames {
    fn of(entities: &[Entity]) -> FoldedNames {
        let mut folded = FoldedNames::default();
        for entity in entities {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                crate::text::fold_into(&mut folded.text, name);
                folded.text.push(Corpus::NAME_END);
            }
            folded.ends.push(folded.text.len());
        }
        folded
    }

    /// The positions of the entities with a name that contains `needle`, in order, in one
    /// pass over every name: a match never spans two names when `needle` has no
    /// [`Corpus::NAME_END`].
    fn containing(&self, needle: &str) -> Vec<u32> {
        if needle.is_empty() {
            return (0..self.ends.len()).map(|e| e as u32).collect();
        }
        let mut chars = needle.chars();
        let one = chars.next().filter(|_| chars.as_str().is_empty());
        let mut found = Vec::new();
        let mut entity = 0usize;
        let mut from = 0;
        while let Some(rest) = self.text.get(from..) {
            // One letter: a byte search, far quicker than a search for a string.
            let Some(at) = (match one {
                Some(letter) => rest.find(letter),
                None => rest.find(needle),
            }) else {
                break;
            };
            while self.ends.get(entity).is_some_and(|&end| end <= from + at) {
                entity += 1;
            }
            let Some(&end) = self.ends.get(entity) else {
                break;
            };
            found.push(entity as u32);
            // The entity's other names are not searched.
            from = end;
            entity += 1;
        }
        found
    }
}

/// What a part of the site knows of the whole: its counts, from `site.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteTotals {
    /// Articles in the site.
    pub articles: u32,
    /// Entities of each label (in [`Label::ALL`] order) that some article lists.
    pub labels: [u32; 4],
}

impl SiteTotals {
    /// The counts `site.json` gives.
    pub fn of<E>(site: &SiteFile<E>) -> SiteTotals {
        SiteTotals {
            articles: site.articles,
            labels: site.labels,
        }
    }
}

/// The index of `label` in [`Label::ALL`].
pub(crate) fn label_slot(label: Label) -> usize {
    Label::ALL.iter().position(|&l| l == label).unwrap_or(0)
}

/// The lookups of a [`Corpus`] by id and by position.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    /// Each entity's position, by id.
    pub(crate) entity_pos: HashMap<EntityId, usize>,
    /// Each article's position, by id.
    pub(crate) article_pos: ArticleIds,
    /// See [`Corpus`]'s field.
    pub(crate) postings: Vec<Vec<u32>>,
    /// See [`Corpus`]'s field.
    pub(crate) mentioned: Vec<Vec<u32>>,
}

impl Lookups {
    /// The lookups of `index`, its articles' entities found by id.
    fn of(index: &SiteIndex) -> Lookups {
        let entity_pos: HashMap<EntityId, usize> = index
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let article_pos = ArticleIds::of(&index.articles);
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); index.entities.len()];
        let mut mentioned: Vec<Vec<u32>> = Vec::with_capacity(index.articles.len());
        for (a, article) in index.articles.iter().enumerate() {
            let mut entities = Vec::with_capacity(article.entities.len());
            for id in &article.entities {
                if let Some(&e) = entity_pos.get(id) {
                    mention(&mut postings, &mut entities, a as u32, e as u32);
                }
            }
            mentioned.push(entities);
        }
        Lookups {
            entity_pos,
            article_pos,
            postings,
            mentioned,
        }
    }
}

/// Notes that article `a` (the last noted so far) mentions entity `e`, once.
pub(crate) fn mention(postings: &mut [Vec<u32>], mentioned: &mut Vec<u32>, a: u32, e: u32) {
    if let Some(list) = postings.get_mut(e as usize)
        && list.last() != Some(&a)
    {
        list.push(a);
        mentioned.push(e);
    }
}

impl Corpus {
    /// Ends each name in [`Corpus::folded_names`]: a query with it may match across names.
    pub const NAME_END: char = '\n';

    /// Wraps an index, building its lookup tables.
    pub fn new(index: SiteIndex) -> Self {
        let numbers = (0..index.articles.len())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect();
        Corpus::numbered(index, numbers, None)
    }

    /// [`Corpus::new`], with each entity's articles and each article's entities (as
    /// [`Corpus::links`] gives them) already found by whoever made `index`: its articles'
    /// entities are not looked up by id again (the build's parts make them for the whole site).
    pub(crate) fn with_links(
        index: SiteIndex,
        postings: Vec<Vec<u32>>,
        mentioned: Vec<Vec<u32>>,
    ) -> Self {
        let numbers = (0..index.articles.len())
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect();
        let lookups = Lookups {
            entity_pos: (index.entities.iter().enumerate())
                .map(|(i, e)| (e.id.clone(), i))
                .collect(),
            article_pos: ArticleIds::of(&index.articles),
            postings,
            mentioned,
        };
        let ranked = ranked(&index.entities);
        Corpus::with_lookups(index, numbers, None, lookups, ranked)
    }

    /// The home page's first screen, from `site.json` alone: its cards, and the sidebar's first
    /// rows with the site's counts ([`Entity::articles`]), checked like any index.
    pub fn first_screen(site: &SiteFile<String>) -> Checked<Corpus> {
        validate::part(parts::first_index(site), SiteTotals::of(site))
    }

    /// An article page's corpus, from one body file: its articles and the entities they list.
    pub fn of_bucket(site: &SiteFile<String>, bucket: &BodyBucket<String>) -> Checked<Corpus> {
        validate::part(parts::bucket_index(site, bucket), SiteTotals::of(site))
    }

    /// The cards of the card pages read: `pages` are each page's number in `site.json`'s
    /// `cards` and the page; `more`, entities the view needs besides the cards' chips. Its articles keep their numbers ([`Corpus::by_number`]), so a
    /// search's hits are found in it.
    pub fn of_cards(
        site: &SiteFile<String>,
        pages: &[(usize, &parts::CardPage<String>)],
        more: &[Entity<String>],
    ) -> Checked<Corpus> {
        let mut pages = pages.to_vec();
        crate::order::sort_by_key(&mut pages, |(page, _)| *page);
        pages.dedup_by_key(|(page, _)| *page);
        let (index, numbers) = parts::cards_index(site, &pages, more);
        validate::part_numbered(index, &numbers, SiteTotals::of(site))
    }

    /// The whole site, from every summary page and entity part (in `site.json`'s order):
    /// [`validate::whole`] at once (a reader that yields between parts uses it part by part).
    pub fn whole(
        site: &SiteFile<String>,
        pages: Vec<SummaryPage>,
        parts: Vec<EntityPart<String>>,
    ) -> Checked<Corpus> {
        let mut table = validate::whole::EntityTable::new(site);
        for part in parts {
            table.add(part);
        }
        let mut assembly = table.into_assembly();
        for page in pages {
            assembly.add(page);
        }
        assembly.finish()
    }

    /// The lookups over `index`, whose articles have these numbers (increasing: see
    /// [`Corpus::by_number`]); `site` for a part of the site (see [`Corpus::is_whole`]).
    pub(crate) fn numbered(index: SiteIndex, numbers: Vec<u32>, site: Option<SiteTotals>) -> Self {
        let lookups = Lookups::of(&index);
        let ranked = ranked(&index.entities);
        Corpus::with_lookups(index, numbers, site, lookups, ranked)
    }

    /// [`Corpus::numbered`] with its lookups and [`ranked`] already made (as
    /// [`crate::validate::whole`] makes them while the parts are read).
    pub(crate) fn with_lookups(
        index: SiteIndex,
        numbers: Vec<u32>,
        site: Option<SiteTotals>,
        lookups: Lookups,
        ranked: Vec<u32>,
    ) -> Self {
        let Lookups {
            entity_pos,
            article_pos,
            postings,
            mentioned,
        } = lookups;
        let rank = places(&ranked);
        // A part of the site counts an entity's articles as the site does (the build writes
        // `Entity::articles`); the whole site counts its postings.
        let count = |e: usize| match site {
            Some(_) => index.entities[e].articles,
            None => postings[e].len() as u32,
        };
        let mut by_articles: [Vec<u32>; 4] = Default::default();
        let mut keys: Vec<u64> = Vec::new();
        for (slot, list) in by_articles.iter_mut().enumerate() {
            keys.clear();
            keys.extend(
                index
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|&(e, x)| label_slot(x.label) == slot && count(e) > 0)
                    .map(|(e, x)| facet_key(x, count(e), rank[e])),
            );
            keys.sort_unstable();
            list.extend(keys.iter().map(|&k| ranked[key_rank(k)]));
        }
        let unlisted = match site {
            Some(site) => std::array::from_fn(|slot| {
                (site.labels[slot] as usize).saturating_sub(by_articles[slot].len())
            }),
            None => [0; 4],
        };
        Corpus {
            index,
            entity_pos,
            article_pos,
            postings,
            mentioned,
            rank,
            ranked,
            by_articles,
            numbers,
            site,
            unlisted,
            folded: OnceLock::new(),
            fields: OnceLock::new(),
        }
    }

    /// Whether this is the whole site, not a part of it (the first screen, one body file):
    /// filters, searches and entity pages need the whole.
    pub fn is_whole(&self) -> bool {
        self.site.is_none()
    }

    /// How many articles the site has (all of them, for a part of the site).
    pub fn total_articles(&self) -> usize {
        match self.site {
            Some(site) => site.articles as usize,
            None => self.index.articles.len(),
        }
    }

    /// How many entities some article of the site mentions: the sidebar's size when every
    /// article is shown.
    pub fn total_entities(&self) -> usize {
        match self.site {
            Some(site) => site.labels.iter().map(|&n| n as usize).sum(),
            None => self.by_articles.iter().map(Vec::len).sum(),
        }
    }

    /// How many articles of the site mention the entity at position `entity`.
    pub fn article_count(&self, entity: u32) -> u32 {
        match self.site {
            Some(_) => self
                .index
                .entities
                .get(entity as usize)
                .map_or(0, |e| e.articles),
            None => self.postings(entity).len() as u32,
        }
    }

    /// How many entities of `label` the site has beyond [`Corpus::by_articles`]: none for the
    /// whole site.
    pub fn unlisted(&self, label: Label) -> usize {
        self.unlisted[label_slot(label)]
    }

    /// The entity whose [`facet_key`] is `key`.
    pub(crate) fn entity_of_key(&self, key: u64) -> u32 {
        self.ranked.get(key_rank(key)).copied().unwrap_or(0)
    }

    /// Each article's day, year, language and source as numbers ([`ArticleFields`]): read the
    /// first time they are asked for, then kept for the corpus's life.
    pub fn article_fields(&self) -> &ArticleFields {
        self.fields
            .get_or_init(|| ArticleFields::of(&self.index.articles))
    }

    /// The name and aliases of the entity at position `entity` folded ([`crate::text::fold`]),
    /// each followed by [`Corpus::NAME_END`]; folded the first time they are asked for, every
    /// entity at once, then kept for the corpus's life.
    pub fn folded_names(&self, entity: u32) -> Option<&str> {
        let names = self.folded();
        let e = entity as usize;
        let start = match e {
            0 => 0,
            _ => *names.ends.get(e - 1)?,
        };
        names.text.get(start..*names.ends.get(e)?)
    }

    /// The positions of the entities whose [`Corpus::folded_names`] contain `needle` (folded,
    /// without [`Corpus::NAME_END`]), in order: one pass over every name, what the entity
    /// finder's first keystroke asks.
    pub fn entities_named_with(&self, needle: &str) -> Vec<u32> {
        self.folded().containing(needle)
    }

    fn folded(&self) -> &FoldedNames {
        self.folded
            .get_or_init(|| FoldedNames::of(&self.index.entities))
    }

    /// The position of the entity with this id in [`Corpus::entities`], if the corpus has it.
    pub fn entity_position(&self, id: &EntityId) -> Option<u32> {
        self.entity_pos.get(id).map(|&e| e as u32)
    }

    /// The article at `position` in [`Corpus::articles`].
    pub fn article_at(&self, position: u32) -> Option<&ArticleSummary> {
        self.index.articles.get(position as usize)
    }

    /// The positions of the entities the article at `position` mentions, each once.
    pub fn mentioned_by(&self, position: u32) -> &[u32] {
        self.mentioned
            .get(position as usize)
            .map_or(&[][..], Vec::as_slice)
    }

    /// What co-occurrence reads of the corpus ([`crate::cooccurrence`]): meaningful for the
    /// whole site, whose postings are every article of each entity.
    pub fn links(&self) -> crate::cooccurrence::Links<'_> {
        crate::cooccurrence::Links {
            entities: &self.index.entities,
            postings: &self.postings,
            mentioned: &self.mentioned,
        }
    }

    /// The positions of the articles that mention the entity at position `entity`, in order.
    pub fn postings(&self, entity: u32) -> &[u32] {
        self.postings
            .get(entity as usize)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The place of the entity at `entity` among all entities by corpus mentions (most first),
    /// then name.
    pub fn rank(&self, entity: u32) -> u32 {
        self.rank.get(entity as usize).copied().unwrap_or(u32::MAX)
    }

    /// The entities of `label` that some article mentions, as the sidebar lists them: those
    /// the extraction is sure of first, by number of articles weighted by confidence (most
    /// first), then [`Corpus::rank`].
    pub fn by_articles(&self, label: Label) -> &[u32] {
        &self.by_articles[label_slot(label)]
    }

    /// The positions of the articles that mention the entity, in order: its postings, or, for
    /// an id the entity table does not have (data not checked), the articles that list it.
    pub fn positions_mentioning(&self, id: &EntityId) -> Vec<u32> {
        match self.entity_pos.get(id) {
            Some(&e) => self.postings[e].clone(),
            None => (0u32..)
                .zip(&self.index.articles)
                .filter(|(_, a)| a.mentions(id))
                .map(|(p, _)| p)
                .collect(),
        }
    }

    /// The numbers (see [`Corpus::by_number`]) of the articles at `positions`; sorted when the
    /// positions are.
    pub fn numbers_at(&self, positions: &[u32]) -> Vec<u32> {
        positions
            .iter()
            .filter_map(|&p| self.numbers.get(p as usize).copied())
            .collect()
    }

    /// The position of the article whose number is `number`, if it was kept: the number itself
    /// when no article before it was left out (every hit of a search asks, so that case is
    /// one read), else found by a binary search.
    pub fn position_of_number(&self, number: u32) -> Option<u32> {
        if self.numbers.get(number as usize) == Some(&number) {
            return Some(number);
        }
        self.numbers.binary_search(&number).ok().map(|p| p as u32)
    }

    /// The article whose number (position in `index.json`) is `number`, if it was kept.
    pub fn by_number(&self, number: u32) -> Option<&ArticleSummary> {
        self.position_of_number(number)
            .and_then(|p| self.article_at(p))
    }

    /// The numbers of `articles` (ids not in the corpus are skipped), sorted.
    pub fn numbers_of<'a>(&self, articles: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        let mut numbers: Vec<u32> = articles
            .into_iter()
            .filter_map(|id| self.article_position(id))
            .filter_map(|i| self.numbers.get(i as usize).copied())
            .collect();
        crate::order::sort_by_key(&mut numbers, |&number| number);
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

    /// The position of the article with this id, if the corpus has it.
    pub fn article_position(&self, id: &str) -> Option<u32> {
        self.article_pos.get(&self.index.articles, id)
    }

    /// The article with this id, if the corpus has it.
    pub fn article(&self, id: &str) -> Option<&ArticleSummary> {
        self.article_at(self.article_position(id)?)
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

/// Each item's place in `order` (a list of every position `0..order.len()` once): `places[p]`
/// is where `p` stands in it.
pub(crate) fn places(order: &[u32]) -> Vec<u32> {
    let mut places = vec![0u32; order.len()];
    for (place, &p) in (0u32..).zip(order) {
        places[p as usize] = place;
    }
    places
}

/// The positions of `entities` by mentions (most first), then name; entities equal in both
/// keep their order.
pub(crate) fn ranked(entities: &[Entity]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entities.len() as u32).collect();
    sort_ranked(entities, &mut order);
    order
}

/// Sorts positions in `entities` in the order of [`ranked`] (one sort for every caller: each
/// instance of a sort costs the app's wasm bytes).
pub(crate) fn sort_ranked(entities: &[Entity], order: &mut [u32]) {
    order.sort_unstable_by(|&a, &b| rank_order(entities, a, b));
}

/// The order of [`ranked`]: the entity at `a` before the one at `b` when it has more mentions,
/// or as many and its name comes first, or both and it comes first in the table.
pub(crate) fn rank_order(entities: &[Entity], a: u32, b: u32) -> std::cmp::Ordering {
    let (x, y) = (&entities[a as usize], &entities[b as usize]);
    y.mentions
        .cmp(&x.mentions)
        .then_with(|| x.name.cmp(&y.name))
        .then(a.cmp(&b))
}

/// The order of facets as one number, smallest first: the entities the extraction is sure of
/// before the others ([`Entity::is_sure`]), then by count (most first: the number a row
/// shows, so that a list reads in order), then rank. Facets are sorted by it with one plain
/// integer sort. Its two highest bits are left for a tier ([`tiered`]).
pub(crate) fn facet_key(entity: &Entity, count: u32, rank: u32) -> u64 {
    const MAX: u64 = (1 << 29) - 1;
    let unsure = u64::from(!entity.is_sure()) << 61;
    unsure | ((MAX - u64::from(count).min(MAX)) << 32) | u64::from(rank)
}

/// A [`facet_key`] placed in a tier (0 to 3, lower first) before every other of its order: how
/// well an entity's names hold the entity finder's text.
pub(crate) fn tiered(key: u64, tier: u8) -> u64 {
    key | (u64::from(tier.min(3)) << 62)
}

/// The rank in a [`facet_key`].
fn key_rank(key: u64) -> usize {
    (key & u64::from(u32::MAX)) as usize
}

/// Whether the articles at `prefix` (positions in `prefix_of`) are the first of those at
/// `list` (positions in `list_of`), in order: the same positions of the same corpus, or the
/// same articles (by id) of another (a list shown from card pages, then from more of them or
/// from the whole site, which place the same articles elsewhere).
pub fn begins_with(list_of: &Corpus, list: &[u32], prefix_of: &Corpus, prefix: &[u32]) -> bool {
    if std::ptr::eq(list_of, prefix_of) {
        return list.starts_with(prefix);
    }
    list.len() >= prefix.len()
        && prefix.iter().zip(list).all(|(&p, &l)| {
            match (prefix_of.article_at(p), list_of.article_at(l)) {
                (Some(a), Some(b)) => a.id == b.id,
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{article, corpus};

    #[test]
    fn a_list_begins_with_the_same_articles_wherever_its_corpus_places_them() {
        let small = corpus(vec![article("b", &[]), article("d", &[])], vec![]);
        let large = corpus(
            vec![
                article("a", &[]),
                article("b", &[]),
                article("c", &[]),
                article("d", &[]),
            ],
            vec![],
        );
        // b, d in the small corpus are 1, 3 in the large one.
        assert!(begins_with(&large, &[1, 3, 2], &small, &[0, 1]));
        assert!(!begins_with(&large, &[1, 2, 3], &small, &[0, 1]));
        assert!(!begins_with(&large, &[1], &small, &[0, 1]), "shorter");
        assert!(
            !begins_with(&large, &[1, 9], &small, &[0, 1]),
            "past the corpus"
        );
        // The same corpus: by position.
        assert!(begins_with(&large, &[0, 1, 2], &large, &[0, 1]));
        assert!(!begins_with(&large, &[1, 0], &large, &[0, 1]));
        assert!(begins_with(&large, &[], &small, &[]));
    }

    #[test]
    fn a_malformed_file_s_message_escapes_the_controls_it_quotes_from_the_data() {
        let text = "{\"schema_version\": \"2.0\", \"articles\": [], \"entities\": [{\"id\": \"x\", \"label\": \"\u{202e}PER\\nerror: forged\", \"name\": \"x\"}]}";
        for error in [
            parse_index(text).expect_err("refused"),
            crate::parts::parse_entities("entities/a.json", text).expect_err("refused"),
        ] {
            let message = error.to_string();
            assert!(
                message.contains("\\u{202e}PER\\nerror: forged"),
                "{message}"
            );
            assert!(
                !message.chars().any(|c| c.is_control() || c == '\u{202e}'),
                "{message}"
            );
        }
    }

    #[test]
    fn an_entity_s_articles_come_from_its_postings_in_article_order() {
        // Read with checked ids but not checked against each other (as no reader does): the
        // article listing an entity the table does not have keeps it.
        let index: SiteIndex = serde_json::from_str(
            r#"{"schema_version": "2.1", "articles": [
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
            parse_index(r#"{"schema_version": "3.0", "documents": {}}"#).expect_err("refused");
        assert!(
            matches!(
                err,
                IndexError::Schema(SchemaError::UnsupportedMajor { .. })
            ),
            "{err}"
        );
        let err = parse_index(r#"{"schema_version": "3.0", "articles": [], "entities": []}"#)
            .expect_err("refused");
        assert!(matches!(err, IndexError::Schema(_)));
    }

    #[test]
    fn the_search_index_is_named_only_by_a_meta_file_name() {
        let with = |search: &str| {
            let text = format!(
                r#"{{"schema_version": "2.2", "articles": [], "entities": [], "search": {search:?}}}"#
            );
            crate::validate::corpus(parse_index(&text).expect("valid")).value
        };
        assert_eq!(
            with("search/meta-00ff.json").search_index(),
            Some("search/meta-00ff.json")
        );
        assert_eq!(with("../../secret.json").search_index(), None);
        let without = parse_index(r#"{"schema_version": "2.1", "articles": [], "entities": []}"#)
            .expect("data without a search index is read");
        assert_eq!(crate::validate::corpus(without).value.search_index(), None);
    }

    #[test]
    fn corrupt_and_valid_files() {
        assert!(matches!(
            parse_index(r#"{"schema_version": "2.0", "articles": ["#),
            Err(IndexError::Malformed(_))
        ));
        let index = parse_index(r#"{"schema_version": "2.4", "articles": [], "entities": []}"#)
            .expect("minor versions are read");
        assert_eq!(index.schema_version, "2.4");
    }
}
