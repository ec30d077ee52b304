//! The home page: article cards filtered by the entities and the search in the URL, and the
//! entity sidebar counting over them.

use std::sync::Arc;

use kiosque_model::Selection;
use kiosque_model::display::count_noun;
use kiosque_model::display::quote_search;
use kiosque_model::explain::{explain_empty, no_search_match};
use kiosque_model::facets::{FacetCounts, matching};
use kiosque_model::home::selection_title;
use leptos::prelude::*;

use crate::components::card::CardList;
use crate::components::filter_bar::FilterBar;
use crate::components::prerender::ReleasePrerender;
use crate::components::sidebar::{DRAWER_TOGGLE, Drawer, Sidebar, drawer_label};
use crate::data::AppError;
use crate::dom::focus_by_id;
use crate::routes::corpus::use_corpus;
use crate::search::{Found, search};
use crate::selection::{use_selection, use_show_selection};
use crate::site::use_site;
use crate::title::use_title;

/// Why the list is empty, with a way out.
#[component]
fn EmptyResult(selection: Memo<Selection>, searched: Memo<Searched>) -> impl IntoView {
    let corpus = use_corpus();
    let show = use_show_selection();
    move || {
        let current = selection.get();
        let message = match searched.get() {
            Searched::Found(found) if found.articles.is_empty() => Some(no_search_match(
                current.search(),
                &found.unmatched,
                current.filters_entities(),
            )),
            Searched::Found(_) | Searched::Failed(_) | Searched::Searching => None,
            Searched::Off => explain_empty(&corpus, &current).map(|reason| reason.message()),
        }?;
        let show = show.clone();
        Some(view! {
            <div class="empty">
                <p>{message}</p>
                {(!current.is_empty())
                    .then(|| {
                        view! {
                            <button type="button" class="clear-all" on:click=move |_| show(&Selection::default())>
                                "Clear the search and filters"
                            </button>
                        }
                    })}
            </div>
        })
    }
}

/// Where the search of the current view is.
#[derive(Debug, Clone, PartialEq)]
enum Searched {
    /// No search (nothing searchable typed, or a site without a search index): the entity
    /// filter alone decides.
    Off,
    /// The search index is being fetched.
    Searching,
    /// The search ran.
    Found(Found),
    /// The search index could not be read.
    Failed(AppError),
}

/// Moves keyboard focus past the sidebar to the results (see the header's skip link for why
/// this is done by hand).
fn skip_to_results(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id("results");
}

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let corpus = use_corpus();
    let selection = use_selection();
    let site = use_site();
    let (paths, files) = (site.paths, site.search);
    // The articles that mention every selected entity, newest first (positions in the
    // corpus): the postings of the selected entities intersected, cheap enough to redo.
    let filtered = {
        let corpus = Arc::clone(&corpus);
        Memo::new(move |_| selection.with(|s| matching(&corpus, s)))
    };
    let outcome = {
        let corpus = Arc::clone(&corpus);
        LocalResource::new(move || {
            let (text, filtering) =
                selection.with(|s| (s.search_query().map(str::to_owned), s.filters_entities()));
            let within = filtering.then(|| filtered.with(|positions| corpus.numbers_at(positions)));
            let (files, paths, corpus) = (files, paths.clone(), Arc::clone(&corpus));
            async move {
                match text {
                    Some(text) => search(files, paths, corpus, text, within).await,
                    None => None,
                }
            }
        })
    };
    let searched = Memo::new(move |_| {
        if selection.with(|s| s.search_query().is_none()) {
            return Searched::Off;
        }
        match outcome.get() {
            None => Searched::Searching,
            Some(None) => Searched::Off,
            Some(Some(Ok(found))) => Searched::Found(found),
            Some(Some(Err(error))) => Searched::Failed(error),
        }
    });
    let visible = Memo::new(move |_| match searched.get() {
        Searched::Off => filtered.get(),
        Searched::Found(found) => found.articles,
        Searched::Searching | Searched::Failed(_) => Vec::new(),
    });
    let marks = Signal::derive(move || match searched.get() {
        Searched::Found(found) => found.terms,
        _ => Arc::from([]),
    });
    // Counted once for the sidebar and the drawer's label.
    let counts = {
        let corpus = Arc::clone(&corpus);
        Memo::new(move |_| visible.with(|positions| FacetCounts::new(&corpus, positions)))
    };
    let entity_total = Memo::new(move |_| counts.with(FacetCounts::distinct));
    let drawer = Drawer::new();
    provide_context(drawer);
    let title = {
        let corpus = Arc::clone(&corpus);
        move || selection.with(|s| selection_title(&corpus, s))
    };
    use_title(title);
    let status = move || match searched.get() {
        Searched::Searching => "Searching…".to_owned(),
        Searched::Failed(error) => format!("The search could not run. {error}"),
        Searched::Found(_) => format!(
            "{} for {}",
            count_noun(visible.with(Vec::len), "article", "articles"),
            selection.with(|s| quote_search(s.search()))
        ),
        Searched::Off => count_noun(visible.with(Vec::len), "article", "articles"),
    };

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
            <Sidebar counts selection drawer />
            <div class="results" id="results" tabindex="-1">
                <FilterBar />
                <p class="result-count" id="results-count" role="status">{status}</p>
                <CardList articles=Signal::from(visible) marks />
                <EmptyResult selection searched />
            </div>
        </div>
    }
}
