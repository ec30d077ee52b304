//! The home page: article cards filtered by the entities in the URL, and the entity sidebar.

use std::sync::Arc;

use kiosque_model::Selection;
use kiosque_model::display::count_noun;
use kiosque_model::explain::explain_empty;
use kiosque_model::facets::filter;
use kiosque_model::home::{distinct_entities, selection_title};
use kiosque_model::index::Corpus;
use leptos::prelude::*;

use crate::components::card::CardList;
use crate::components::filter_bar::FilterBar;
use crate::components::prerender::ReleasePrerender;
use crate::components::sidebar::{DRAWER_TOGGLE, Drawer, Sidebar, drawer_label};
use crate::components::with_corpus::WithCorpus;
use crate::dom::focus_by_id;
use crate::selection::{use_selection, use_show_selection};
use crate::title::use_title;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! { <WithCorpus render=|corpus| view! { <HomeView corpus /> } /> }
}

/// Why the list is empty, with a way out.
#[component]
fn EmptyResult(corpus: Arc<Corpus>, selection: Memo<Selection>) -> impl IntoView {
    let show = use_show_selection();
    move || {
        let current = selection.get();
        let message = explain_empty(&corpus, &current).map(|reason| reason.message())?;
        let show = show.clone();
        Some(view! {
            <div class="empty">
                <p>{message}</p>
                {(!current.is_empty())
                    .then(|| {
                        view! {
                            <button type="button" class="clear-all" on:click=move |_| show(&Selection::default())>
                                "Clear all filters"
                            </button>
                        }
                    })}
            </div>
        })
    }
}

/// Moves keyboard focus past the sidebar to the results (see the header's skip link for why
/// this is done by hand).
fn skip_to_results(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id("results");
}

#[component]
fn HomeView(corpus: Arc<Corpus>) -> impl IntoView {
    let selection = use_selection();
    let visible = {
        let corpus = Arc::clone(&corpus);
        Memo::new(move |_| {
            selection.with(|s| {
                filter(&corpus, s)
                    .iter()
                    .map(|a| a.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let entity_total = {
        let corpus = Arc::clone(&corpus);
        Memo::new(move |_| {
            visible.with(|ids| distinct_entities(ids.iter().filter_map(|id| corpus.article(id))))
        })
    };
    let drawer = Drawer::new();
    provide_context(drawer);
    let title = {
        let corpus = Arc::clone(&corpus);
        move || selection.with(|s| selection_title(&corpus, s))
    };
    use_title(title);
    let status = move || count_noun(visible.with(Vec::len), "article", "articles");

    view! {
        <ReleasePrerender />
        <div class="home">
            <h1 class="home-heading">"Articles"</h1>
            // The sidebar comes first, as on screen; this link lets keyboard users past it.
            <a class="skip-results" href="#results" on:click=skip_to_results>"Skip to articles"</a>
            <button
                type="button"
                class="drawer-toggle"
                id=DRAWER_TOGGLE
                aria-controls="sidebar"
                aria-expanded=move || drawer.is_open().to_string()
                on:click=move |_| drawer.toggle()
                on:keydown=move |ev| drawer.on_keydown(&ev)
            >
                {move || drawer_label(entity_total.get())}
            </button>
            <Sidebar corpus=Arc::clone(&corpus) visible selection drawer />
            <div class="results" id="results" tabindex="-1">
                <FilterBar corpus=Arc::clone(&corpus) />
                <p class="result-count" id="results-count" role="status">{status}</p>
                <CardList ids=Signal::from(visible) corpus=Arc::clone(&corpus) />
                <EmptyResult corpus selection />
            </div>
        </div>
    }
}
