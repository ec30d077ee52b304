//! Moves focus to the main content after a change of page, so keyboard and screen reader users
//! start reading the new page from its top, as after a full page load. The page is not scrolled
//! to `<main>`: the router has already scrolled to the top, and the site header stays in view.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::search_box::SEARCH_INPUT;
use crate::dom::{focus_by_id_without_scrolling, has_focus};

/// Watches the path; on each change after the first render, focuses `<main>` (unless the reader
/// is typing in the search box). Filter changes on
/// the home page change only the query, so focus stays on the control that was used.
#[component]
pub fn RouteFocus() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::watch(
        move || pathname.get(),
        move |_, previous, _| {
            // A search typed on another page shows the home page: the reader goes on typing.
            if previous.is_some() && !has_focus(SEARCH_INPUT) {
                request_animation_frame(|| focus_by_id_without_scrolling("main"));
            }
        },
        false,
    );
}
