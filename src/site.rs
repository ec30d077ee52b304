//! The site context every view reads: where things are, the loader of the site index and the
//! search index's files kept so far. Provided once by the app shell ([`provide_site`]), read
//! with [`use_site`]; it depends on no component, so any component can import it.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::prelude::*;

use crate::data::{AppError, load_corpus, prefetch_article};
use crate::paths::{Paths, url_path};
use crate::search::SearchFiles;

/// The name shown in the header and in page titles.
pub const SITE_NAME: &str = "Kiosque";

/// The site index, loaded at most once per attempt for all pages, and a way to load it again.
/// Nothing is fetched until a view reads [`CorpusLoader::resource`].
#[derive(Clone, Copy)]
pub struct CorpusLoader {
    /// The loaded (or failed) index.
    pub resource: LocalResource<Result<Arc<Corpus>, AppError>>,
    attempts: RwSignal<u32>,
}

impl CorpusLoader {
    /// Loads the index at `url` when first read.
    fn new(url: String) -> Self {
        let attempts = RwSignal::new(0u32);
        let resource = LocalResource::new(move || {
            attempts.track();
            load_corpus(url.clone())
        });
        CorpusLoader { resource, attempts }
    }

    /// Loads the index again.
    pub fn retry(&self) {
        self.attempts.update(|n| *n += 1);
    }
}

/// What every view needs: where things are, the site index's loader and the search files.
#[derive(Clone)]
pub struct Site {
    /// The base path and URL builders.
    pub paths: Paths,
    /// The site index's loader (pages read the loaded index with
    /// [`crate::routes::corpus::use_corpus`]).
    pub corpus: CorpusLoader,
    /// The search index's files fetched so far.
    pub search: SearchFiles,
}

/// The base URI of the document (from Trunk's `<base href>`), or `/` outside a browser.
fn document_base_uri() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".to_owned())
}

/// Provides the site context for the document's base URI, and returns it.
pub fn provide_site() -> Site {
    let paths = Paths::from_base_uri(&document_base_uri());
    // A page opened on an article: its body is fetched with the index, not after it.
    if let Some(id) = document()
        .url()
        .ok()
        .and_then(|url| paths.article_at(url_path(&url)))
    {
        let url = paths.article_json(&id, None);
        prefetch_article(id, url);
    }
    let site = Site {
        corpus: CorpusLoader::new(paths.index_json()),
        paths,
        search: SearchFiles::new(),
    };
    provide_context(site.clone());
    site
}

/// The site context provided by [`provide_site`].
pub fn use_site() -> Site {
    expect_context::<Site>()
}
