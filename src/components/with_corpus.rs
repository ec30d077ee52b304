//! The gate every page goes through: placeholders while the index loads, the error with a retry
//! if it fails, the page once it is there.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::states::{ErrorView, LoadingCards};

/// Renders `render` with the loaded corpus.
#[component]
pub fn WithCorpus<F, V>(render: F) -> impl IntoView
where
    F: Fn(Arc<Corpus>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let loader = use_site().corpus;
    let corpus = loader.resource;
    let render = Arc::new(render);
    view! {
        <Suspense fallback=|| view! { <LoadingCards /> }>
            {move || {
                let render = Arc::clone(&render);
                Suspend::new(async move {
                    match corpus.await {
                        Ok(corpus) => render(corpus).into_any(),
                        Err(error) => {
                            view! {
                                <ErrorView
                                    what="the site data"
                                    error
                                    retry=Callback::new(move |()| loader.retry())
                                />
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
