//! Kiosque's reader: a client-side Leptos app that renders the site data (`data/index.json` and
//! `data/articles/*.json`) written by `kiosque build`. Pages are thin views over the pure logic
//! of `kiosque-model`.

mod app;
mod components;
mod data;
mod dom;
mod paths;
mod routes;
mod selection;
mod title;

pub use app::App;
pub use data::AppError;
pub use paths::Paths;

/// Starts the app: drops the pre-rendered page (shown to readers without JavaScript) and mounts
/// the live one in its place.
pub fn start() {
    dom::remove_by_id("prerender");
    leptos::mount::mount_to_body(App);
}
