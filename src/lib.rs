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
mod paths;
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

/// Starts the app: mounts it, and keeps the pre-rendered page (shown to readers without
/// JavaScript) on screen in its place until the app has data to show.
#[cfg(feature = "csr")]
pub fn start() {
    leptos::mount::mount_to_body(App);
    components::prerender::hand_over();
}
