//! Full-text search in the browser: the search index's files are fetched as queries need them
//! (in parallel, each once per page load) and the query runs on them in plain Rust
//! ([`kiosque_model::search`]). Before the whole site is loaded, a search shows its first
//! results with the card pages that hold them ([`kiosque_model::parts::CardPage`]), fetched the
//! same way: it never waits for the whole summary table.

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::join_all;
use kiosque_model::index::Corpus;
use kiosque_model::parts::{self, CardPage};
use kiosque_model::search::{Meta, Outcome, Query, SearchDataError, Shard};
use leptos::prelude::*;

use crate::data::{AppError, Freshness, SiteData, fetch_text, log_problems, part_url};
use crate::paths::Paths;

/// How many results a search shows from the card pages before the whole site is loaded: the
/// card list's first page.
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
}

/// The search index's files fetched so far, kept for the page's life (their names change when
/// the site is rebuilt, so a kept file is never stale); part of the site context
/// ([`crate::site::Site::search`]).
#[derive(Clone, Copy)]
pub struct SearchFiles {
    meta: StoredValue<Option<Arc<Meta>>>,
    shards: StoredValue<HashMap<String, Arc<Shard>>>,
    /// Card pages, by path.
    cards: StoredValue<HashMap<String, Arc<CardPage<String>>>>,
}

impl SearchFiles {
    /// Nothing fetched yet.
    pub fn new() -> Self {
        SearchFiles {
            meta: StoredValue::new(None),
            shards: StoredValue::new(HashMap::new()),
            cards: StoredValue::new(HashMap::new()),
        }
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
        let missing: Vec<&String> = self.cards.with_value(|kept| {
            named
                .iter()
                .map(|(_, f)| *f)
                .filter(|f| !kept.contains_key(*f))
                .collect()
        });
        let fetched = join_all(missing.into_iter().map(|file| async move {
            let url = part_url(paths, file, "cards")?;
            let text = fetch_text(&url, Freshness::Cached).await?;
            let page = parts::parse_cards(&url, &text).map_err(|e| AppError::Malformed {
                url: url.clone(),
                message: e.to_string(),
            })?;
            Ok::<_, AppError>((file.clone(), Arc::new(page)))
        }))
        .await;
        let mut new = Vec::with_capacity(fetched.len());
        for result in fetched {
            new.push(result?);
        }
        self.cards.update_value(|kept| kept.extend(new));
        Ok(self.cards.with_value(|kept| {
            named
                .iter()
                .filter_map(|(p, f)| Some((*p, kept.get(*f).cloned()?)))
                .collect()
        }))
    }

    /// The meta file at `path` (relative to the data directory).
    async fn meta(&self, paths: &Paths, path: &str) -> Result<Arc<Meta>, AppError> {
        if let Some(meta) = self.meta.get_value() {
            return Ok(meta);
        }
        let url = paths.data_file(path);
        let text = fetch_text(&url, Freshness::Cached).await?;
        let meta = Arc::new(Meta::parse(&text).map_err(|e| malformed(&url, &e))?);
        self.meta.set_value(Some(Arc::clone(&meta)));
        Ok(meta)
    }

    /// The shards at `files`, fetched in parallel where not kept yet.
    async fn shards(&self, paths: &Paths, files: &[&str]) -> Result<Vec<Arc<Shard>>, AppError> {
        let missing: Vec<String> = self.shards.with_value(|kept| {
            files
                .iter()
                .filter(|f| !kept.contains_key(**f))
                .map(|f| (*f).to_owned())
                .collect()
        });
        let fetched = join_all(missing.into_iter().map(|file| async move {
            let url = paths.data_file(&file);
            let text = fetch_text(&url, Freshness::Cached).await?;
            let shard = Shard::parse(&text).map_err(|e| malformed(&url, &e))?;
            Ok::<_, AppError>((file, Arc::new(shard)))
        }))
        .await;
        let mut new = Vec::with_capacity(fetched.len());
        for result in fetched {
            new.push(result?);
        }
        self.shards.update_value(|kept| kept.extend(new));
        Ok(self
            .shards
            .with_value(|kept| files.iter().filter_map(|f| kept.get(*f).cloned()).collect()))
    }
}

impl Default for SearchFiles {
    fn default() -> Self {
        SearchFiles::new()
    }
}

fn malformed(url: &str, error: &SearchDataError) -> AppError {
    AppError::Malformed {
        url: url.to_owned(),
        message: error.to_string(),
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
                }
            }),
    )
}

/// Whether a search of the site can show its results before the whole site is loaded: it has
/// a search index and card pages.
pub fn has_cards(site: &SiteData) -> bool {
    site.first.search_index().is_some()
        && !site.file.cards.is_empty()
        && site.file.cards_per_page > 0
}

/// Runs `text` over the whole site without loading it: the search index says which articles
/// match, and the card pages of the first [`FIRST_RESULTS`] give their cards. `None` as
/// [`search`], and when `wanted` says, once the hits are known, that the answer is no longer
/// wanted (the reader typed on): its card pages are not fetched.
pub async fn search_cards(
    files: SearchFiles,
    paths: Paths,
    site: Arc<SiteData>,
    text: String,
    wanted: impl Fn() -> bool,
) -> Option<Result<Found, AppError>> {
    let query = Query::parse(&text);
    if query.is_empty() || !has_cards(&site) {
        return None;
    }
    let meta_path = site.first.search_index()?.to_owned();
    cards_found(files, &paths, &site, &query, &meta_path, wanted)
        .await
        .transpose()
}

async fn cards_found(
    files: SearchFiles,
    paths: &Paths,
    site: &SiteData,
    query: &Query,
    meta_path: &str,
    wanted: impl Fn() -> bool,
) -> Result<Option<Found>, AppError> {
    let outcome = hits(files, paths, query, meta_path, None).await?;
    if !wanted() {
        return Ok(None);
    }
    let first = &outcome.hits[..outcome.hits.len().min(FIRST_RESULTS)];
    let (articles, per_page) = (
        site.file.articles as usize,
        site.file.cards_per_page as usize,
    );
    let mut pages: Vec<usize> = first
        .iter()
        .filter_map(|hit| Some(parts::card_place(hit.article as usize, articles, per_page)?.0))
        .collect();
    kiosque_model::order::sort_by_key(&mut pages, |&page| page);
    pages.dedup();
    let fetched = files.cards(paths, site, &pages).await?;
    let read: Vec<(usize, &CardPage<String>)> = fetched
        .iter()
        .map(|(p, page)| (*p, page.as_ref()))
        .collect();
    let checked = Corpus::of_cards(&site.file, &read);
    log_problems(&paths.site_json(), &checked.problems);
    let corpus = checked.value;
    Ok(Some(Found {
        articles: first
            .iter()
            .filter_map(|hit| corpus.position_of_number(hit.article))
            .collect(),
        total: outcome.hits.len(),
        cards: Some(Cards(Arc::new(corpus))),
        terms: outcome.terms.into(),
        unmatched: outcome.unmatched,
    }))
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
    Ok(query.run(&shards, within))
}
