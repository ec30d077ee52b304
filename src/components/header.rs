//! The site header: a skip link, the site name linking home, the Try it page's link, and the
//! search box.

use kiosque_model::Selection;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::prerender::PRERENDERED_MAIN;
use crate::components::search_box::SearchBox;
use crate::dom::focus_by_id;
use crate::language::use_messages;
use crate::site::use_site;

/// Moves keyboard focus to the main content. Done by hand because the page's `<base href>` would
/// resolve a plain `#main` link against the site root instead of the current page (and the
/// link's address is the pre-rendered page's `<main>`, for readers without JavaScript).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id("main");
}

/// The banner at the top of every page.
#[component]
pub fn Header() -> impl IntoView {
    let site = use_site();
    let home = site.paths.home(&Selection::default());
    // The Try it page (`routes::try_it`): a wasm of its own, so the link loads the page from the
    // host (`rel="external"`: Leptos's router leaves the click to the browser).
    let try_it = format!("{}/try/", site.paths.base());
    let on_try = {
        let try_it = try_it.clone();
        move || (use_location().pathname.get() == try_it).then_some("page")
    };
    // The publisher's name, as text.
    let name = site.name.to_string();
    // Without JavaScript (a pre-rendered page), the link is followed: to this page's own address.
    let pathname = use_location().pathname;
    let skip = move || format!("{}#{PRERENDERED_MAIN}", pathname.get());
    let words = use_messages();
    view! {
        <a class="skip-link" href=skip on:click=skip_to_main>{words.skip_to_content}</a>
        <header class="site-header">
            <A href=home exact=true attr:class="brand">{name}</A>
            <p class="tagline">{words.tagline}</p>
            <a href=try_it rel="external" class="try-link" aria-current=on_try>{words.try_it}</a>
            <SearchBox />
        </header>
    }
}
