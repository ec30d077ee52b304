//! The site's search box, in the header of every page: a search landmark whose query lives in
//! the URL (`?q=`), searched as the reader types. It is also a plain form (GET to the home page
//! with the same parameters), so that a page rendered ahead of the app can carry it.
//!
//! The first letter typed starts fetching the search index's meta file, which every search
//! needs before its shards: a word of one letter is never searched, so the file gets a
//! keystroke's head start: the first search waits only for what is left of that request
//! (every search shares it: [`crate::search::SearchFiles`]), then its shards and cards. Not on
//! focus: keyboard readers pass through the header's box on every page, and a reader who clicks
//! into it may not type; at the first letter the screen is a search (the file is 2,704 bytes
//! brotli at 10,000 articles, 17,741 at 100,000).

use kiosque_model::Selection;
use leptos::prelude::*;

use crate::dom::focus_by_id;
use crate::language::use_messages;
use crate::selection::{use_search_as_you_type, use_selection};
use crate::site::use_site;

/// The id of the search input (the route focus leaves it alone while the reader types).
pub const SEARCH_INPUT: &str = "site-search";

/// The search form.
#[component]
pub fn SearchBox() -> impl IntoView {
    let site = use_site();
    let (paths, files, loader) = (site.paths, site.search, site.data);
    let selection = use_selection();
    let search = use_search_as_you_type();
    let on_input = {
        let search = search.clone();
        let paths = paths.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            // Once `site.json` is there (which names the file); each search asks again.
            if !value.trim().is_empty()
                && let Some(Ok(site)) = untrack(|| loader.site())
            {
                files.prefetch_meta(&paths, &site);
            }
            search(value);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The results are already there: take the reader to them.
        focus_by_id("results");
    };
    // Without the app, the form keeps the entity filter.
    let entities = move || selection.with(|s| s.to_query());
    // The search index's meta file, which the app's start script asks for beside the app when
    // the reader types into the pre-rendered home page's box (or a link asks for a search):
    // only there, and only `kiosque pages` provides it (`FacetFiles`).
    #[cfg(feature = "ssr")]
    let prefetch = {
        let home = paths.is_home(
            &leptos_router::hooks::use_location()
                .pathname
                .get_untracked(),
        );
        let files = use_context::<crate::search::FacetFiles>();
        (home.then_some(files).flatten()).and_then(|f| f.search_meta().map(str::to_owned))
    };
    #[cfg(not(feature = "ssr"))]
    let prefetch = None::<String>;
    let words = use_messages();
    view! {
        <form
            class="site-search"
            role="search"
            method="get"
            action=paths.home(&Selection::default())
            on:submit=on_submit
        >
            <label for=SEARCH_INPUT>{words.search_label}</label>
            <input
                id=SEARCH_INPUT
                type="search"
                name=Selection::SEARCH_KEY
                autocomplete="off"
                spellcheck="false"
                placeholder=words.search_placeholder
                prop:value=move || selection.with(|s| s.search().to_owned())
                on:input=on_input
                data-prefetch=prefetch
            />
            {move || {
                entities()
                    .map(|value| {
                        view! { <input type="hidden" name=Selection::QUERY_KEY value=value /> }
                    })
            }}
            <button type="submit">{words.search_button}</button>
        </form>
    }
}
