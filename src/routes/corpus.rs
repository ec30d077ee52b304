//! The parent route of every page that shows the site's data: it loads the site index once,
//! shows placeholders while it loads and the error with a retry if it fails, and provides the
//! loaded index to the page in its outlet ([`use_corpus`]).

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::components::states::{ErrorView, LoadingCards};
use crate::site::use_site;

/// The loaded site index, as the parent route provides it.
#[derive(Clone)]
struct Loaded(Arc<Corpus>);

/// The site index, for any view under [`CorpusRoute`].
pub fn use_corpus() -> Arc<Corpus> {
    expect_context::<Loaded>().0
}

/// Renders the child route once the site index is loaded; the index stays loaded while the
/// reader moves between its pages.
#[component]
pub fn CorpusRoute() -> impl IntoView {
    let loader = use_site().corpus;
    let corpus = loader.resource;
    view! {
        <Suspense fallback=|| view! { <LoadingCards /> }>
            {move || Suspend::new(async move {
                match corpus.await {
                    Ok(corpus) => view! {
                        <Provider value=Loaded(corpus)>
                            <Outlet />
                        </Provider>
                    }
                    .into_any(),
                    Err(error) => view! {
                        <ErrorView
                            what="the site data"
                            error
                            retry=Callback::new(move |()| loader.retry())
                        />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
