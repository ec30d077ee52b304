//! Full-text search in the browser: the search index's files are fetched as queries need them
//! (in parallel, each once per page load) and the query runs on them in plain Rust
//! ([`kiosque_model::search`]). Before the whole site is loaded, a search shows its first
//! results with the card pages that hold them ([`kiosque_model::parts::CardPage`]), fetched the
//! same way: it never waits for the whole summary table. It fetches the card pages of its first
//! screenful of results first ([`search_cards`]), and those of the next screenful only once that
//! one is shown, the reader has paused and nears the end of the list ([`more_cards`]): a reader
//! typing a word fetches no page for the prefixes typed past but their screenful's, nor for
//! results below the window. "Show more" on a view shown from card pages fetches the card pages
//! of its next results the same way.

#[cfg(feature = "ssr")]
use std::collections::HashMap;
use std::sync::Arc;

use kiosque_model::index::Corpus;
use kiosque_model::parts::{
    self, CardLayout, CardPage, EntityProfile, EntityView, PostingFile, ProfileFile, Single,
    SingleFile, SiteFile,
};
use kiosque_model::related::related_by_postings;
use kiosque_model::search::{Meta, Outcome, Query, Shard};
use kiosque_model::{ArticleSummary, Entity, EntityId};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data::{
    AppError, BodyRequest, Freshness, SiteData, fetch_text, load_article, log_problems, part_url,
};
use crate::paths::Paths;

mod kept;
use kept::{Asked, KeptFiles, Slot, gone, malformed};

/// How many cards a list under a section heading (an entity page's) shows at first and adds with
/// "show more" (a list of its own page shows `components::card::PAGE`): the page is about the
/// entity, and every entity page is pre-rendered with its first cards (`kiosque pages`: 10
/// rather than 30 took the entity pages of a 10,000-article site from 86 to 61 MB).
pub(crate) const NESTED_PAGE: usize = 10;

/// How many results a search shows from the card pages before the whole site is loaded: the
/// card list's first page (its first screenful first, the rest then: [`more_cards`]).
pub const FIRST_RESULTS: usize = 30;

/// The corpus of the card pages a search fetched, in which its [`Found::articles`] are
/// positions (compared by identity: each search makes its own).
#[derive(Debug, Clone)]
pub struct Cards(pub Arc<Corpus>);

impl PartialEq for Cards {
    fn eq(&self, other: &Cards) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a search found, in the corpus's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The articles found, best first (positions in the corpus, or in [`Found::cards`]).
    pub articles: Vec<u32>,
    /// How many articles it found in all: more than [`Found::articles`] when only the first
    /// results' cards were fetched.
    pub total: usize,
    /// The corpus of the first results' card pages, when the search ran before the whole site
    /// was loaded: [`Found::articles`] are positions in it.
    pub cards: Option<Cards>,
    /// The index terms that matched: what the cards mark.
    pub terms: Arc<[String]>,
    /// The query's words that matched nothing.
    pub unmatched: Vec<String>,
    /// Every result of a view shown from card pages, of which [`Found::articles`] are the first:
    /// what its next cards need ([`more_cards`]).
    pub listed: Option<Listed>,
}

impl Found {
    /// Whether some of its first `count` results are not shown yet, and [`more_cards`] can
    /// fetch their cards.
    pub fn has_more_before(&self, count: usize) -> bool {
        self.listed
            .as_ref()
            .is_some_and(|l| l.shown < l.numbers.len().min(count))
    }

    /// How many of its first results are shown: those whose card pages were fetched, or every
    /// one found over the whole site.
    pub fn shown_results(&self) -> usize {
        self.listed
            .as_ref()
            .map_or(self.articles.len(), |l| l.shown)
    }

    /// Whether it shows every result its card pages were fetched for (not when a page did not
    /// read: the whole site then shows them).
    pub fn is_whole_list(&self) -> bool {
        self.listed
            .as_ref()
            .is_none_or(|l| self.articles.len() >= l.shown)
    }
}

/// The results of a view shown from card pages: the first of them are shown (those whose card
/// pages are in), the next ones' pages are fetched when wanted ([`more_cards`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// Every result: article numbers, in the order shown (best first, or newest first).
    numbers: Arc<[u32]>,
    /// How many of them (the first) had their card pages fetched: those shown, unless a page
    /// did not read ([`Found::is_whole_list`]).
    shown: usize,
    /// The entities the view is filtered by ([`filter_cards`]).
    entities: Arc<[Entity<String>]>,
}

/// The search index's files fetched so far, kept for the page's life (their names change when
/// the site is rebuilt, so a kept file is never stale); part of the site context
/// ([`crate::site::Site::search`]).
#[derive(Clone, Copy)]
pub struct SearchFiles {
    /// The meta file: one request for every search, however many are waiting for it.
    meta: StoredValue<Slot<Arc<Meta>, AppError>>,
    /// Shards, by path.
    shards: KeptFiles<Shard>,
    /// Card pages, by path.
    cards: KeptFiles<CardPage<String>>,
    /// Posting files, by URL (with the version of the site's posting files).
    postings: KeptFiles<PostingFile<String>>,
    /// Profile files, by URL (with the version of the site's profile files).
    profiles: KeptFiles<ProfileFile<String>>,
    /// Files of single-article entities' profiles, by URL (with their version).
    singles: KeptFiles<SingleFile>,
}

impl SearchFiles {
    /// Nothing fetched yet.
    pub fn new() -> Self {
        SearchFiles {
            meta: StoredValue::new(Slot::Empty),
            shards: KeptFiles::new(),
            cards: KeptFiles::new(),
            postings: KeptFiles::new(),
            profiles: KeptFiles::new(),
            singles: KeptFiles::new(),
        }
    }

    /// Those of the card pages `pages` (numbers in `site.json`'s `cards`) that are kept.
    fn kept_cards(&self, site: &SiteData, pages: &[usize]) -> Vec<usize> {
        pages
            .iter()
            .copied()
            .filter(|&p| site.file.cards.get(p).is_some_and(|f| self.cards.has(f)))
            .collect()
    }

    /// The card pages `pages` (numbers in `site.json`'s `cards`), fetched in parallel where not
    /// kept yet: each with its number.
    async fn cards(
        &self,
        paths: &Paths,
        site: &SiteData,
        pages: &[usize],
    ) -> Result<Vec<(usize, Arc<CardPage<String>>)>, AppError> {
        let named: Vec<(usize, &String)> = pages
            .iter()
            .filter_map(|&p| Some((p, site.file.cards.get(p)?)))
            .collect();
        let files: Vec<String> = named.iter().map(|(_, f)| (*f).clone()).collect();
        let fetched = (self.cards)
            .fetch(
                &files,
                |file| part_url(paths, file, "cards"),
                Freshness::Cached,
                parts::parse_cards,
            )
            .await?;
        Ok(named.iter().map(|(p, _)| *p).zip(fetched).collect())
    }

    /// Of each of `ids`, the articles that list it (numbers, increasing) and its entity, from
    /// their posting files, each fetched once (several ids may share one) where not kept yet,
    /// or, for an id its posting file does not list, from its file of single-article entities
    /// (schema 2.10: posting files leave those out; the shell page asks for that file beside
    /// the posting file, and the answer under way is shared); `None` for an id no article lists.
    async fn entity_articles(
        &self,
        paths: &Paths,
        site: &SiteData,
        ids: &[EntityId],
        singles: &[EntityId],
    ) -> Result<Vec<Option<(Entity<String>, Vec<u32>)>>, AppError> {
        // An entity known to be of a single article (schema 2.10: its posting file leaves it
        // out) is looked up in its file of single-article entities first: one round trip.
        let mut each: Vec<Option<(Entity<String>, Vec<u32>)>> = vec![None; ids.len()];
        for (at, id) in ids
            .iter()
            .enumerate()
            .filter(|(_, id)| singles.contains(id))
        {
            each[at] = self.single_articles(paths, site, id).await?;
        }
        let postings = PostingFiles::of(&site.file);
        let wanted: Vec<(usize, String)> = (each.iter().enumerate())
            .filter(|(_, found)| found.is_none())
            .map(|(at, _)| (at, postings.url(paths, &ids[at])))
            .collect();
        let urls: Vec<String> = wanted.iter().map(|(_, url)| url.clone()).collect();
        // Ids that share a file wait for the same request.
        let files = (self.postings)
            .fetch(
                &urls,
                |url| Ok(url.to_owned()),
                postings.freshness(),
                parts::parse_postings,
            )
            .await?;
        for ((at, url), file) in wanted.into_iter().zip(files) {
            let id = &ids[at];
            let found = file
                .articles_of(&url, id.as_str(), site.file.articles)
                .map_err(|e| malformed(&url, &e))?;
            each[at] = match found {
                Some(found) => Some((found.entity.clone(), found.numbers)),
                None if singles.contains(id) => None,
                None => self.single_articles(paths, site, id).await?,
            };
        }
        Ok(each)
    }

    /// The one article of `id` and its entity, from its file of single-article entities
    /// (schema 2.10), fetched once where not kept: `None` when the site has no such files or the
    /// file does not list it.
    async fn single_articles(
        &self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<(Entity<String>, Vec<u32>)>, AppError> {
        let Some((file, url)) = self.single_file(paths, site, id).await? else {
            return Ok(None);
        };
        let found = file
            .articles_of(&url, id.as_str(), site.file.articles)
            .map_err(|e| malformed(&url, &e))?;
        Ok(found.map(|found| (found.entity.clone(), found.numbers)))
    }

    /// What the page of `id` shows besides its articles (its spellings, company and timeline),
    /// from its profile file, fetched once where not kept: `Ok(None)` when the site has no
    /// profile files (schema 2.5 or older) or the entity has no page of its own.
    pub async fn entity_profile(
        self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<EntityProfile>, AppError> {
        let Some((file, url)) = self.profile_file(paths, site, id).await? else {
            return Ok(None);
        };
        file.profile_of(&url, id).map_err(|e| malformed(&url, &e))
    }

    /// The profile file of `id` (an entity with a page of its own) and its URL, fetched once
    /// where not kept; `None` when the site has no profile files (schema 2.5 or older).
    async fn profile_file(
        self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<(Arc<ProfileFile<String>>, String)>, AppError> {
        if !has_profiles(site, true) {
            return Ok(None);
        }
        let path = parts::profile_path_of(id.as_str(), site.file.posting_files, true);
        self.kept_file(
            self.profiles,
            paths,
            &path,
            &site.file.profiles,
            parts::parse_profiles,
        )
        .await
    }

    /// The home page's sidebar when its view is `id`'s articles alone, from its profile file
    /// (schema 2.8, entities of [`parts::VIEW_FROM`] articles or more), fetched once where not
    /// kept (the entity's page reads the same file): `Ok(None)` when the site or the file has
    /// no view of it.
    pub async fn entity_view(
        self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<EntityView>, AppError> {
        let Some((file, url)) = self.profile_file(paths, site, id).await? else {
            return Ok(None);
        };
        file.view_of(&url, id).map_err(|e| malformed(&url, &e))
    }

    /// What the file of single-article entities' profiles holds of `id` (the shell page's
    /// entity), fetched once where not kept: `Ok(None)` when the site has no such files
    /// (schema 2.6 or older) or the entity is not of a single article. [`single_profile`] makes
    /// the page's profile of it with its article's body file.
    pub async fn entity_single(
        self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<Single>, AppError> {
        let file = self.single_file(paths, site, id).await?;
        Ok(file.and_then(|(file, _)| file.single_of(id)))
    }

    /// The file of single-article entities that would hold `id` and its URL, fetched once where
    /// not kept; `None` when the site has no such files (schema 2.6 or older).
    async fn single_file(
        self,
        paths: &Paths,
        site: &SiteData,
        id: &EntityId,
    ) -> Result<Option<(Arc<SingleFile>, String)>, AppError> {
        if !has_profiles(site, false) {
            return Ok(None);
        }
        let path = parts::profile_path_of(id.as_str(), site.file.posting_files, false);
        self.kept_file(
            self.singles,
            paths,
            &path,
            &site.file.singles,
            parts::parse_singles,
        )
        .await
    }

    /// The file at `path` (a data file fetched by a URL with `version`), from `kept` or fetched
    /// and kept there, with that URL (what its errors name); `None` if it is not there even so.
    async fn kept_file<T: 'static + Send + Sync>(
        self,
        kept: KeptFiles<T>,
        paths: &Paths,
        path: &str,
        version: &str,
        parse: fn(&str, &str) -> Result<T, kiosque_model::index::IndexError>,
    ) -> Result<Option<(Arc<T>, String)>, AppError> {
        let url = paths.versioned_file(path, Some(version));
        let fetched = kept
            .fetch(
                std::slice::from_ref(&url),
                |url| Ok(url.to_owned()),
                Freshness::Cached,
                parse,
            )
            .await?;
        Ok(fetched.into_iter().next().map(|file| (file, url)))
    }

    /// Starts fetching the meta file of the site's search index, unless it is kept or under
    /// way: what a search needs before anything else. The search box asks for it at the first
    /// letter typed (see [`crate::components::search_box`]).
    pub fn prefetch_meta(self, paths: &Paths, site: &SiteData) {
        let Some(path) = site.first.search_index() else {
            return;
        };
        if self.meta.try_update_value(Slot::start).unwrap_or(false) {
            self.fetch_meta(paths.data_file(path));
        }
    }

    /// Fetches the meta file at `url` for every caller waiting for it, in a task of its own:
    /// a search that no longer waits (the reader typed on) does not cancel it.
    fn fetch_meta(self, url: String) {
        spawn_local(async move {
            // What the first searching keystroke waits for.
            let _urgent = crate::data::urgent();
            let result = match fetch_text(&url, Freshness::Cached).await {
                Ok(text) => Meta::parse(&text)
                    .map(Arc::new)
                    .map_err(|e| malformed(&url, &e)),
                Err(error) => Err(error),
            };
            // The page may be gone.
            let _ = self.meta.try_update_value(|slot| slot.finish(result));
        });
    }

    /// The meta file at `path` (relative to the data directory): kept, or the answer of the
    /// request under way (started if none is).
    async fn meta(self, paths: &Paths, path: &str) -> Result<Arc<Meta>, AppError> {
        let url = paths.data_file(path);
        match self.meta.try_update_value(Slot::ask) {
            None => Err(gone(&url)),
            Some(Asked::Kept(meta)) => Ok(meta),
            Some(Asked::Wait { answer, start }) => {
                if start {
                    self.fetch_meta(url.clone());
                }
                answer.await.unwrap_or_else(|_| Err(gone(&url)))
            }
        }
    }

    /// The shards at `files`, fetched in parallel where not kept yet.
    async fn shards(&self, paths: &Paths, files: &[String]) -> Result<Vec<Arc<Shard>>, AppError> {
        (self.shards)
            .fetch(
                files,
                |file| Ok(paths.data_file(file)),
                Freshness::Cached,
                |_, text| Shard::parse(text),
            )
            .await
    }
}

impl Default for SearchFiles {
    fn default() -> Self {
        SearchFiles::new()
    }
}

/// Runs `text` over the corpus, among `within` (sorted article numbers) when given. `None` when
/// the text has nothing to search for, or the site has no search index.
pub async fn search(
    files: SearchFiles,
    paths: Paths,
    corpus: Arc<Corpus>,
    text: String,
    within: Option<Vec<u32>>,
) -> Option<Result<Found, AppError>> {
    let query = Query::parse(&text);
    if query.is_empty() {
        return None;
    }
    let meta_path = corpus.search_index()?.to_owned();
    Some(
        hits(files, &paths, &query, &meta_path, within.as_deref())
            .await
            .map(|outcome| {
                let articles: Vec<u32> = outcome
                    .hits
                    .iter()
                    .filter_map(|hit| corpus.position_of_number(hit.article))
                    .collect();
                Found {
                    total: articles.len(),
                    articles,
                    cards: None,
                    terms: outcome.terms.into(),
                    unmatched: outcome.unmatched,
                    listed: None,
                }
            }),
    )
}

/// Whether the site has card pages: the first screen's next cards come from them
/// before the whole site is loaded ([`newest_cards`]).
pub fn has_card_pages(site: &SiteData) -> bool {
    card_pages_in(&site.file)
}

fn card_pages_in(site: &SiteFile<String>) -> bool {
    site.card_layout().is_some()
}

/// How the site's card pages cut its articles; for a site without them (whose views do not
/// read them: [`has_card_pages`]), a layout that places no article.
fn card_layout(site: &SiteData) -> CardLayout {
    site.file.card_layout().unwrap_or_default()
}

/// Whether a search of the site can show its results before the whole site is loaded: it has
/// a search index and card pages.
pub fn has_cards(site: &SiteData) -> bool {
    site.first.search_index().is_some() && has_card_pages(site)
}

/// Where a site's posting files are: what the URL of an entity's posting file needs of
/// `site.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingFiles {
    files: u32,
    /// Their fingerprint, when well formed (put in their URLs).
    version: Option<String>,
}

impl PostingFiles {
    /// The posting files of `site` (one at least: `posting_files` of 0 is read as 1, though
    /// [`has_postings`] is false then).
    pub fn of(site: &SiteFile<String>) -> PostingFiles {
        PostingFiles {
            files: site.posting_files.max(1),
            version: kiosque_model::stamp::is_well_formed(&site.postings)
                .then(|| site.postings.clone()),
        }
    }

    /// The URL of the posting file of `id`. It changes whenever any posting file does: a cached
    /// copy is then the right one, and files are kept by it, so a file of another build is
    /// never used.
    pub fn url(&self, paths: &Paths, id: &EntityId) -> String {
        let (_, path) = parts::posting_file_of(id.as_str(), self.files);
        paths.versioned_file(&path, self.version.as_deref())
    }

    /// How to fetch them: from the cache when their URLs carry their fingerprint.
    fn freshness(&self) -> Freshness {
        match self.version {
            Some(_) => Freshness::Cached,
            None => Freshness::Reload,
        }
    }
}

/// What each facet of a pre-rendered page names for the app's start script to fetch beside the
/// app when the reader presses it before the app is there (`data-prefetch`, URLs separated by
/// spaces; [`crate::data::start`] takes those requests): its entity's posting file, which the
/// view filtered by it starts from, or, for an entity of the home page's first screen of a
/// single article, its file of single-article entities instead (schema 2.10: its posting file
/// does not list it, and the app, which knows it is single, reads that file first); then, for
/// an entity of the first screen, the card pages of that view's first
/// [`FIRST_FRAME_CARDS`](crate::routes::home::FIRST_FRAME_CARDS) articles (newest first: what the app
/// asks for once it has read the posting file, a round trip later); and what the home page's
/// search box names, the search index's meta file, which a search reads first. A context only
/// `kiosque pages` provides (`render::Rendering::with_facet_files`): the app's own facets would
/// build the URLs again for every row at each click, for nothing.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone)]
pub struct FacetFiles {
    /// Where the site is.
    paths: Paths,
    postings: PostingFiles,
    /// What each entity of the first screen names.
    then: Arc<HashMap<EntityId, FirstScreenFiles>>,
    /// The URL of the search index's meta file, if the site has one.
    search: Option<String>,
}

/// What a facet of the first screen names, as URLs, beside its posting file (or, `single`, instead
/// of it).
#[cfg(feature = "ssr")]
#[derive(Debug)]
struct FirstScreenFiles {
    /// For an entity of a single article, its file of single-article entities, which the app
    /// reads instead of its posting file.
    single: Option<String>,
    /// The card pages of its view's first articles.
    cards: Vec<String>,
}

#[cfg(feature = "ssr")]
impl FacetFiles {
    /// Those of a site whose views filtered by entities start from its posting files
    /// ([`has_postings`]; `None` otherwise): the card pages of `shown`'s entities (the first
    /// screen's facets), whose articles `whole` (the whole site) says, and the files of those of
    /// a single article, and the search index's meta file `search` ([`Corpus::search_index`]).
    pub fn of_site<'a>(
        site: &SiteFile<String>,
        paths: &Paths,
        whole: &Corpus,
        shown: impl IntoIterator<Item = &'a EntityId>,
        search: Option<&str>,
    ) -> Option<FacetFiles> {
        if !postings_in(site) {
            return None;
        }
        let layout = site.card_layout()?;
        let singles = kiosque_model::stamp::is_well_formed(&site.singles);
        let then = shown
            .into_iter()
            .map(|id| {
                let positions = whole.positions_mentioning(id);
                let single = (whole.entity(id))
                    .filter(|entity| singles && parts::in_singles(entity, positions.len()))
                    .map(|_| {
                        let path = parts::profile_path_of(id.as_str(), site.posting_files, false);
                        paths.versioned_file(&path, Some(&site.singles))
                    });
                let numbers = whole.numbers_at(&positions);
                let screen = crate::routes::home::FIRST_FRAME_CARDS;
                let pages = layout.choose(&numbers, screen, screen);
                let cards = (pages.screen.iter())
                    .filter_map(|&p| part_url(paths, site.cards.get(p)?, "cards").ok());
                let cards = cards.collect();
                (id.clone(), FirstScreenFiles { single, cards })
            })
            .collect();
        Some(FacetFiles {
            paths: paths.clone(),
            postings: PostingFiles::of(site),
            then: Arc::new(then),
            search: search.map(|path| paths.data_file(path)),
        })
    }

    /// What the home page's search box names: the search index's meta file's URL, as the app
    /// asks for it ([`SearchFiles::prefetch_meta`]).
    pub fn search_meta(&self) -> Option<&str> {
        self.search.as_deref()
    }

    /// What the facet of entity `id` names: its posting file's URL, or, for an entity of the
    /// first screen of a single article, its file of single-article entities' (the app knows
    /// it is single from the first screen: [`parts::known_singles`]); then (for an entity of the first
    /// screen) its card pages'.
    pub fn of(&self, id: &EntityId) -> String {
        let (single, cards) = match self.then.get(id) {
            Some(named) => (named.single.clone(), named.cards.as_slice()),
            None => (None, &[][..]),
        };
        let first = single.unwrap_or_else(|| self.postings.url(&self.paths, id));
        let urls: Vec<&str> = [first.as_str()]
            .into_iter()
            .chain(cards.iter().map(String::as_str))
            .collect();
        urls.join(" ")
    }
}

/// Whether a view filtered by entities can show its first articles before the whole site is
/// loaded: the site has card pages and posting files (schema 2.4).
pub fn has_postings(site: &SiteData) -> bool {
    postings_in(&site.file)
}

fn postings_in(site: &SiteFile<String>) -> bool {
    card_pages_in(site) && site.posting_files > 0
}

/// Whether an entity's page can show what it shows besides its articles before the whole site
/// is loaded: the site has posting files and the profile files of its kind of page, named with
/// their fingerprint: of the entities with a page of their own when `own_page` (schema 2.6), of
/// single-article entities otherwise (the shell page's, schema 2.7).
pub fn has_profiles(site: &SiteData, own_page: bool) -> bool {
    has_postings(site) && kiosque_model::stamp::is_well_formed(site.file.profiles_version(own_page))
}

/// The profile of the shell page's entity `id`, of a single article, from what the file of
/// single-article entities holds of it (`single`) and that article's body file (fetched; the
/// browser keeps it for the article's page): `found` is the page's answer from its posting file
/// and its article's card page. `Ok(None)` when they do not have what `single` names (the whole
/// site then shows the page).
pub async fn single_profile(
    single: &Single,
    found: &Found,
    id: &EntityId,
    paths: Paths,
    site: Arc<SiteData>,
) -> Result<Option<EntityProfile>, AppError> {
    let Some(cards) = found.cards.as_ref().map(|c| Arc::clone(&c.0)) else {
        return Ok(None);
    };
    let (Some(entity), Some(summary)) = (
        cards.entity(id),
        found.articles.first().and_then(|&a| cards.article_at(a)),
    ) else {
        return Ok(None);
    };
    let request = BodyRequest {
        id: summary.id.clone(),
        body_hash: summary.body_hash.clone(),
        paths,
        site,
    };
    let Some(loaded) = load_article(request, false).await? else {
        return Ok(None);
    };
    let at = loaded.corpus.article_position(&summary.id);
    Ok(at.and_then(|at| single.profile(entity.clone(), &loaded.corpus, at)))
}

/// How much of a view shown from card pages comes at once: its first `results` articles, of
/// which the card pages of the first `screen` are fetched before it shows (the others'
/// with [`more_cards`]).
#[derive(Clone, Copy, Debug)]
pub struct FirstPage {
    pub results: usize,
    pub screen: usize,
}

/// Runs the view of `entities` (and of `text` among their articles, when given) over the whole
/// site without loading it: the entities' posting files say which articles list them all
/// (newest first), the search index ranks those when there is a text, and the card pages of the
/// first `page` give their cards (as [`search_cards`]); `Found::total` is how many there are.
/// The home page's view filtered by entities, and an entity's page (one entity, no text), before
/// the whole site is there. `None` when the site has no posting files, when the text has nothing
/// to search for, when an entity has no article (a stale link: the whole site says why), when
/// no article lists them all, and when `wanted` says the answer is no longer wanted. `singles`:
/// those of the entities known to be of a single article without a page of their own
/// ([`parts::known_singles`]), looked up in their file of single-article entities first.
pub async fn filter_cards(
    files: SearchFiles,
    paths: Paths,
    site: Arc<SiteData>,
    (entities, singles): (Vec<EntityId>, Vec<EntityId>),
    text: Option<String>,
    page: FirstPage,
    wanted: impl Fn() -> bool,
) -> Option<Result<Found, AppError>> {
    if entities.is_empty() || !has_postings(&site) {
        return None;
    }
    let query = text.map(|text| Query::parse(&text));
    if query.as_ref().is_some_and(Query::is_empty) {
        return None;
    }
    let run = async {
        let each = (files.entity_articles(&paths, &site, &entities, &singles)).await?;
        let mut lists = Vec::with_capacity(each.len());
        let mut found_entities = Vec::with_capacity(each.len());
        for found in each {
            let Some((entity, numbers)) = found else {
                return Ok(None);
            };
            found_entities.push(entity);
            lists.push(numbers);
        }
        let within = kiosque_model::facets::intersect(&lists).unwrap_or_default();
        if within.is_empty() {
            return Ok(None);
        }
        let outcome = match (&query, site.first.search_index()) {
            (Some(query), Some(meta_path)) => {
                Some(hits(files, &paths, query, meta_path, Some(&within)).await?)
            }
            (Some(_), None) => return Ok(None),
            (None, _) => None,
        };
        if !wanted() {
            return Ok(None);
        }
        let shown = match outcome {
            Some(outcome) => Shown::of(outcome, found_entities),
            // Every article of the entities, newest first.
            None => Shown {
                total: within.len(),
                all: within,
                terms: Vec::new(),
                unmatched: Vec::new(),
                entities: found_entities,
            },
        };
        found_on_cards(files, &paths, &site, shown, page)
            .await
            .map(Some)
    };
    run.await.transpose()
}

/// The first page of entity `id`'s articles (its newest, [`NESTED_PAGE`] of them) and their
/// cards, from its posting file and their card pages, as [`filter_cards`]: what the entity's page
/// shows first, before the whole site is there.
pub async fn entity_first_cards(
    files: SearchFiles,
    paths: Paths,
    site: Arc<SiteData>,
    id: EntityId,
) -> Option<Result<Found, AppError>> {
    let page = FirstPage {
        results: NESTED_PAGE,
        screen: NESTED_PAGE,
    };
    filter_cards(
        files,
        paths,
        site,
        (vec![id], Vec::new()),
        None,
        page,
        || true,
    )
    .await
}

/// The articles related to article `id` (at most `limit`, as [`kiosque_model::related`] ranks
/// them over the whole site), without loading it: the posting files of `entities` (the
/// article's, in its order, but dates and those of that article alone, which add nothing) say
/// which articles share them, and the card pages of the best give their cards; each answer with
/// the names of the entities it shares, rarest first. `None` when the site has no posting files
/// or card pages (the whole site answers then).
pub async fn related_cards(
    files: SearchFiles,
    paths: Paths,
    site: Arc<SiteData>,
    (id, entities): (String, Vec<EntityId>),
    limit: usize,
) -> Option<Result<Vec<(ArticleSummary, Vec<String>)>, AppError>> {
    if !has_postings(&site) || !has_card_pages(&site) {
        return None;
    }
    let run = async {
        let each = (files.entity_articles(&paths, &site, &entities, &[])).await?;
        let listed: Vec<(Entity<String>, Vec<u32>)> = each.into_iter().flatten().collect();
        // The article itself is among them (its number is not known here): one more asked for.
        let ranked = related_by_postings(&listed, site.file.articles as usize, limit + 1);
        let numbers: Vec<u32> = ranked.iter().map(|r| r.article).collect();
        let cards = cards_of(files, &paths, &site, &numbers, &[]).await?;
        let found = ranked.iter().filter_map(|r| {
            let article = cards.by_number(r.article).filter(|a| a.id != id)?;
            let names = (r.shared.iter())
                .filter_map(|&e| Some(listed.get(e as usize)?.0.name.clone()))
                .collect();
            Some((article.clone(), names))
        });
        Ok(found.take(limit).collect())
    };
    Some(run.await)
}

/// Runs `text` over the whole site without loading it: the search index says which articles
/// match, and the card pages of the first `screen` of them give their cards (those of the rest
/// of its first page of [`FIRST_RESULTS`] come with [`more_cards`]). `None` as
/// [`search`], and when `wanted` says, once the hits are known, that the answer is no longer
/// wanted (the reader typed on): no card page is fetched.
pub async fn search_cards(
    files: SearchFiles,
    paths: Paths,
    site: Arc<SiteData>,
    text: String,
    screen: usize,
    wanted: impl Fn() -> bool,
) -> Option<Result<Found, AppError>> {
    let query = Query::parse(&text);
    if query.is_empty() || !has_cards(&site) {
        return None;
    }
    let meta_path = site.first.search_index()?.to_owned();
    cards_found(files, &paths, &site, &query, &meta_path, screen, wanted)
        .await
        .transpose()
}

async fn cards_found(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    query: &Query,
    meta_path: &str,
    screen: usize,
    wanted: impl Fn() -> bool,
) -> Result<Option<Found>, AppError> {
    let outcome = hits(files, paths, query, meta_path, None).await?;
    if !wanted() {
        return Ok(None);
    }
    let page = FirstPage {
        results: FIRST_RESULTS,
        screen,
    };
    found_on_cards(files, paths, site, Shown::of(outcome, Vec::new()), page)
        .await
        .map(Some)
}

/// What a view shown from card pages found, before its cards are fetched.
struct Shown {
    /// Its results: article numbers, in the order shown.
    all: Vec<u32>,
    /// How many articles it found in all.
    total: usize,
    /// The index terms its search matched.
    terms: Vec<String>,
    /// Its search's words that matched nothing.
    unmatched: Vec<String>,
    /// The entities it is filtered by, from their posting files: the cards' chips may not
    /// have them.
    entities: Vec<Entity<String>>,
}

impl Shown {
    /// What a search found (its first page of hits, best first), filtered by `entities`.
    fn of(outcome: Outcome, entities: Vec<Entity<String>>) -> Shown {
        Shown {
            all: outcome.hits.iter().map(|hit| hit.article).collect(),
            total: outcome.hits.len(),
            terms: outcome.terms,
            unmatched: outcome.unmatched,
            entities,
        }
    }
}

/// `view` with the cards of its first `page.screen` results (and of any result of its first
/// `page.results` after them on a card page kept): their card pages fetched where not kept.
async fn found_on_cards(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    view: Shown,
    page: FirstPage,
) -> Result<Found, AppError> {
    let Shown {
        all,
        total,
        terms,
        unmatched,
        entities,
    } = view;
    let layout = card_layout(site);
    let first = &all[..all.len().min(page.results)];
    let choice = layout.choose(first, page.screen, first.len());
    // The screenful's pages, and those of the rest kept from an earlier search: the results on
    // them show at once.
    let mut have = choice.screen;
    have.extend(files.kept_cards(site, &choice.rest));
    kiosque_model::order::sort_numbers(&mut have);
    let fetched = files.cards(paths, site, &have).await?;
    let shown = layout.shown_with(first, |p| have.binary_search(&p).is_ok());
    let corpus = cards_corpus(paths, site, &fetched, &entities);
    Ok(Found {
        articles: positions(&corpus, &first[..shown]),
        total,
        cards: Some(Cards(Arc::new(corpus))),
        terms: terms.into(),
        unmatched,
        listed: Some(Listed {
            numbers: all.into(),
            shown,
            entities: entities.into(),
        }),
    })
}

/// `found`, a view shown from card pages, with its first `count` results (all, if it has
/// fewer): the card pages they are on fetched where not kept. `found` itself when it shows them
/// already, or is not shown from card pages.
pub async fn more_cards(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    found: Found,
    count: usize,
) -> Result<Found, AppError> {
    let Some(listed) = found
        .listed
        .clone()
        .filter(|_| found.has_more_before(count))
    else {
        return Ok(found);
    };
    let wanted = &listed.numbers[..listed.numbers.len().min(count)];
    let corpus = cards_of(files, paths, site, wanted, &listed.entities).await?;
    Ok(Found {
        articles: positions(&corpus, wanted),
        cards: Some(Cards(Arc::new(corpus))),
        listed: Some(Listed {
            shown: wanted.len(),
            ..listed
        }),
        ..found
    })
}

/// The corpus of the card pages of the site's newest `count` articles (all, if it has fewer),
/// fetched where not kept: the first screen's next cards ("Show more" before the whole site).
/// Its articles are numbered and placed as in the whole site, the newest first.
pub async fn newest_cards(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    count: usize,
) -> Result<Corpus, AppError> {
    let pages = card_layout(site).newest_pages(count);
    let fetched = files.cards(paths, site, &pages).await?;
    Ok(cards_corpus(paths, site, &fetched, &[]))
}

/// The positions in `corpus` of the articles numbered `numbers`, in their order (those it does
/// not have left out).
fn positions(corpus: &Corpus, numbers: &[u32]) -> Vec<u32> {
    numbers
        .iter()
        .filter_map(|&n| corpus.position_of_number(n))
        .collect()
}

/// The corpus of the card pages that hold the articles numbered `numbers` (fetched where not
/// kept), with `entities` besides their chips'.
async fn cards_of(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    numbers: &[u32],
    entities: &[Entity<String>],
) -> Result<Corpus, AppError> {
    let pages = card_layout(site)
        .choose(numbers, numbers.len(), numbers.len())
        .screen;
    let fetched = files.cards(paths, site, &pages).await?;
    Ok(cards_corpus(paths, site, &fetched, entities))
}

/// The corpus of the card pages `fetched` (with their numbers), its problems logged.
fn cards_corpus(
    paths: &Paths,
    site: &SiteData,
    fetched: &[(usize, Arc<CardPage<String>>)],
    entities: &[Entity<String>],
) -> Corpus {
    let read: Vec<(usize, &CardPage<String>)> = fetched
        .iter()
        .map(|(p, page)| (*p, page.as_ref()))
        .collect();
    let checked = Corpus::of_cards(&site.file, &read, entities);
    log_problems(&paths.site_json(), &checked.problems);
    checked.value
}

/// The query's hits: the meta file and the shards it needs, fetched where not kept yet.
async fn hits(
    files: SearchFiles,
    paths: &Paths,
    query: &Query,
    meta_path: &str,
    within: Option<&[u32]>,
) -> Result<Outcome, AppError> {
    let meta = files.meta(paths, meta_path).await?;
    let needed = query.shard_files(&meta);
    let shards = files.shards(paths, &needed).await?;
    let shards: Vec<&Shard> = shards.iter().map(AsRef::as_ref).collect();
    Ok(query.run(meta.articles(), &shards, within))
}
