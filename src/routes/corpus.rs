//! The parent route of every page that shows the site's data: it loads `site.json` once, shows
//! placeholders while it loads and the error with a retry if it fails, and provides the corpus
//! the pages in its outlet read ([`use_corpus`]): the first screen until the whole site is
//! loaded, then the whole site. Pages that need the whole site wait for it with
//! [`WholeCorpus`]; an article page provides the corpus of its body file to its own views.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::components::states::{ErrorView, LoadingCards};
use crate::data::SiteData;
use crate::language::use_messages;
use crate::site::use_site;

/// The corpus the views below read.
#[derive(Clone, Copy)]
pub struct CorpusContext(pub Signal<Arc<Corpus>>);

/// The loaded `site.json`, as the parent route provides it.
#[derive(Clone)]
struct LoadedSite(Arc<SiteData>);

/// The corpus as it is now (not tracked): for views made again when it changes, or that need
/// only what every corpus of the site agrees on (an entity's name, a card's chips).
pub fn use_corpus() -> Arc<Corpus> {
    expect_context::<CorpusContext>().0.get_untracked()
}

/// The corpus, tracked: for views that change when the whole site replaces the first screen.
pub fn use_corpus_signal() -> Signal<Arc<Corpus>> {
    expect_context::<CorpusContext>().0
}

/// `site.json`, for any view under [`CorpusRoute`].
pub fn use_site_data() -> Arc<SiteData> {
    expect_context::<LoadedSite>().0
}

/// `site.json`, when the view is under [`CorpusRoute`] (not in the native rendering of the
/// pages, which gives the views their corpus alone).
pub fn use_site_data_if_loaded() -> Option<Arc<SiteData>> {
    use_context::<LoadedSite>().map(|loaded| loaded.0)
}

/// Renders the child route once `site.json` is loaded; it stays loaded while the reader moves
/// between pages.
#[component]
pub fn CorpusRoute() -> impl IntoView {
    let loader = use_site().data;
    move || {
        match loader.site() {
        None => view! { <LoadingCards /> }.into_any(),
        Some(Ok(site)) => {
            let first = Arc::clone(&site.first);
            // The whole site once it is there; the first screen until then (and if it fails:
            // the views that need it say so).
            let corpus = Signal::derive(move || match loader.whole() {
                Some(Ok(whole)) => whole,
                _ => Arc::clone(&first),
            });
            provide_context(LoadedSite(site));
            view! {
                <Provider value=CorpusContext(corpus)>
                    <Outlet />
                </Provider>
            }
            .into_any()
        }
        Some(Err(error)) => view! {
            <ErrorView what=use_messages().what_site_data error retry=Callback::new(move |()| loader.retry()) />
        }
        .into_any(),
    }
    }
}

/// Renders `children` once the whole site is loaded (asking for it), with placeholders until
/// then and the error with a retry if it fails.
#[component]
pub fn WholeCorpus(children: ChildrenFn) -> impl IntoView {
    let loader = use_site().data;
    loader.want_whole();
    move || {
        match loader.whole() {
        None => view! { <LoadingCards /> }.into_any(),
        Some(Ok(_)) => children().into_any(),
        Some(Err(error)) => view! {
            <ErrorView what=use_messages().what_site_data error retry=Callback::new(move |()| loader.retry()) />
        }
        .into_any(),
    }
    }
}
