//! The app shell: the site context, the router and the page frame.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::route_focus::RouteFocus;
use crate::components::states::NotFound;
use crate::data::{AppError, load_corpus};
use crate::paths::Paths;
use crate::routes::{article::ArticlePage, entity::EntityPage, home::Home};
use crate::search::SearchFiles;

/// The name shown in the header and in page titles.
pub const SITE_NAME: &str = "Kiosque";

/// The site index, loaded once for all pages, and a way to load it again.
#[derive(Clone, Copy)]
pub struct CorpusLoader {
    /// The loaded (or failed) index.
    pub resource: LocalResource<Result<Arc<Corpus>, AppError>>,
    attempts: RwSignal<u32>,
}

impl CorpusLoader {
    /// Starts loading the index at `url`.
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

/// What every view needs: where things are, and the site index.
#[derive(Clone)]
pub struct Site {
    /// The base path and URL builders.
    pub paths: Paths,
    /// The index.
    pub corpus: CorpusLoader,
}

/// The site context provided by [`App`].
pub fn use_site() -> Site {
    expect_context::<Site>()
}

/// The base URI of the document (from Trunk's `<base href>`), or `/` outside a browser.
fn document_base_uri() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".to_owned())
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let paths = Paths::from_base_uri(&document_base_uri());
    provide_context(Site {
        paths: paths.clone(),
        corpus: CorpusLoader::new(paths.index_json()),
    });
    provide_context(SearchFiles::new());

    view! {
        <Router base=paths.base().to_owned()>
            <Header />
            <RouteFocus />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound message="There is no page at this address.".to_owned() /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/index.html") view=Home />
                    <Route path=path!("/article/:id") view=ArticlePage />
                    <Route path=path!("/entity/:id") view=EntityPage />
                </Routes>
            </main>
        </Router>
    }
}
