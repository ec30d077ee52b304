//! Kiosque's reader: a client-side Leptos app that renders the site data written by `kiosque
//! build` (`data/site.json` first, then its parts as pages need them). Pages are thin views over
//! the pure logic of `kiosque-model`.

// The native rendering's (`ssr`) view types nest deeper than the compiler's default allows.
#![recursion_limit = "256"]

mod app;
mod components;
mod data;
mod dom;
mod language;
mod latest;
mod paths;
mod pieces;
#[cfg(feature = "ssr")]
pub mod render;
mod routes;
mod search;
mod selection;
mod site;
mod title;

pub use app::App;
pub use data::AppError;
pub use paths::Paths;
pub use pieces::{
    PageLoad, PagePreload, PieceError, SplitPages, article_page, entity_page, split_pages,
};
pub use routes::try_it::TryApp;

/// Starts the app: mounts it, and keeps the pre-rendered page (shown to readers without
/// JavaScript) on screen in its place until the app has data to show.
#[cfg(feature = "csr")]
pub fn start() {
    mount(App);
}

/// Starts the Try it page's own app (`src/bin/kiosque-try.rs`, loaded by `try/index.html`
/// only), as [`start`] does the reader's.
#[cfg(feature = "csr")]
pub fn start_try() {
    mount(routes::try_it::TryApp);
}

/// Mounts `app` in place of the pre-rendered page, which stays on screen until it has data.
#[cfg(feature = "csr")]
fn mount<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    leptos::mount::mount_to_body(app);
    components::prerender::hand_over();
}
