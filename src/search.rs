//! Full-text search in the browser: the search index's files are fetched as queries need them
//! (in parallel, each once per page load) and the query runs on them in plain Rust
//! ([`kiosque_model::search`]).

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::join_all;
use kiosque_model::index::Corpus;
use kiosque_model::search::{Meta, Query, SearchDataError, Shard};
use leptos::prelude::*;

use crate::data::{AppError, Freshness, fetch_text};
use crate::paths::Paths;

/// What a search found, in the corpus's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The articles found, best first (positions in the corpus).
    pub articles: Vec<u32>,
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
}

impl SearchFiles {
    /// Nothing fetched yet.
    pub fn new() -> Self {
        SearchFiles {
            meta: StoredValue::new(None),
            shards: StoredValue::new(HashMap::new()),
        }
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
        run(
            files,
            &paths,
            &corpus,
            &query,
            &meta_path,
            within.as_deref(),
        )
        .await,
    )
}

async fn run(
    files: SearchFiles,
    paths: &Paths,
    corpus: &Corpus,
    query: &Query,
    meta_path: &str,
    within: Option<&[u32]>,
) -> Result<Found, AppError> {
    let meta = files.meta(paths, meta_path).await?;
    let needed = query.shard_files(&meta);
    let shards = files.shards(paths, &needed).await?;
    let shards: Vec<&Shard> = shards.iter().map(AsRef::as_ref).collect();
    let outcome = query.run(&shards, within);
    Ok(Found {
        articles: outcome
            .hits
            .iter()
            .filter_map(|hit| corpus.position_of_number(hit.article))
            .collect(),
        terms: outcome.terms.into(),
        unmatched: outcome.unmatched,
    })
}
