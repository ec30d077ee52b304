//! The hand-over from the pre-rendered page (`#prerender`, written into each HTML file by
//! `kiosque pages`) to the app. The page stays on screen while the app loads its data, so the
//! reader does not see it replaced by placeholders and then by the same content; the app takes
//! its place once it has something real to show: content, not-found or an error.

use leptos::prelude::*;

use crate::dom;

/// The pre-rendered page's id.
const PRERENDER: &str = "prerender";

/// The id of the pre-rendered page's `<main>`, where the skip link leads without JavaScript
/// (the app's own `<main>` is `main`, and focused by script; both are in the document until
/// the pre-rendered page is removed, so they have different ids).
pub const PRERENDERED_MAIN: &str = "content";

/// Called once the app is mounted: the pre-rendered page stays where it is, before the app's
/// elements, which the style hides while it is there, and the reader goes on using it: the app
/// is started on the reader's first use of a control (docs/wasm-split.md, "The app on first
/// use"), and the start script carries what the reader does meanwhile (clicks, text typed, the
/// focus) over to the app's page when this one is removed. It is the app's own header and
/// `<main>` rendered by `kiosque pages`, so when it is removed the app's take its place with
/// nothing moving. An empty one (no pre-rendered page) is removed at once.
#[cfg(feature = "csr")]
pub fn hand_over() {
    dom::remove_if_empty(PRERENDER);
}

/// Whether the pre-rendered page is still there (always false outside a browser).
pub fn is_shown() -> bool {
    cfg!(feature = "csr") && dom::exists(PRERENDER)
}

/// Removes the pre-rendered page once the view that renders this has been mounted. Every view
/// that shows data, not-found or an error renders one.
#[component]
pub fn ReleasePrerender() -> impl IntoView {
    Effect::new(|_| dom::remove_by_id(PRERENDER));
}
