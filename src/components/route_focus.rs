//! Moves focus to the main content after a change of page, so keyboard and screen reader users
//! start reading the new page from its top, as after a full page load. The page is not scrolled
//! to `<main>`: the router has already scrolled to the top, and the site header stays in view.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::dom::focus_by_id_without_scrolling;

/// Watches the path; on each change after the first render, focuses `<main>`. Filter changes on
/// the home page change only the query, so focus stays on the control that was used.
#[component]
pub fn RouteFocus() -> impl IntoView {
    let pathname = use_location().pathname;
    Effect::watch(
        move || pathname.get(),
        move |_, previous, _| {
            if previous.is_some() {
                request_animation_frame(|| focus_by_id_without_scrolling("main"));
            }
        },
        false,
    );
}
