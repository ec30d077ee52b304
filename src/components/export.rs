//! Download links for a list of articles as CSV and JSON ([`kiosque_model::export`]): the file
//! is made in the browser when a link is followed, from the loaded site, and handed to the
//! browser as a Blob URL.

use std::sync::Arc;

use kiosque_model::export::{to_csv, to_json};
use kiosque_model::index::Corpus;
use leptos::html::A;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, Url};

use crate::language::use_messages;

/// The links to download the articles at `articles` (positions in `corpus`) as
/// `<file>.csv` and `<file>.json`. Not in the pre-rendered pages: only the app can make the
/// files.
#[component]
pub fn ExportLinks(
    corpus: Arc<Corpus>,
    articles: Signal<Vec<u32>>,
    #[prop(into)] file: Signal<String>,
) -> impl IntoView {
    if cfg!(feature = "ssr") {
        return None::<AnyView>;
    }
    let csv = corpus.clone();
    Some(view! {
        <p class="export app-only">
            {use_messages().download_these}
            " "
            <ExportLink
                file=Signal::derive(move || format!("{}.csv", file.get()))
                media="text/csv;charset=utf-8"
                // A byte order mark first: spreadsheets then read the file as UTF-8.
                make=Callback::new(move |()| format!("\u{feff}{}", to_csv(&csv, &articles.get_untracked())))
                text="CSV"
            />
            " · "
            <ExportLink
                file=Signal::derive(move || format!("{}.json", file.get()))
                media="application/json"
                make=Callback::new(move |()| to_json(&corpus, &articles.get_untracked()))
                text="JSON"
            />
        </p>
    }
    .into_any())
}

/// A list's download before the whole site is there (the home page's first screen, an entity's
/// page shown from its files): a button that asks for the whole site, whose links then take its
/// place; "Loading articles…" once the button asked for it (nothing when something else did:
/// what asked says so).
#[component]
pub fn PrepareExport() -> impl IntoView {
    let loader = crate::site::use_site().data;
    let words = use_messages();
    let pressed = RwSignal::new(false);
    move || {
        let shown = match (loader.is_wanted(), pressed.get()) {
            (false, _) => view! {
                <button
                    type="button"
                    class="export-prepare"
                    on:click=move |_| {
                        pressed.set(true);
                        loader.want_whole();
                    }
                >
                    {words.prepare_download}
                </button>
            }
            .into_any(),
            (true, true) => {
                view! { <span role="status">{words.loading_articles}</span> }.into_any()
            }
            (true, false) => ().into_any(),
        };
        view! { <p class="export app-only">{shown}</p> }
    }
}

/// A link that downloads what `make` gives as `file`: its address is set to a new Blob URL
/// when it is followed (the last one is let go then, and when the link goes).
#[component]
fn ExportLink(
    file: Signal<String>,
    media: &'static str,
    make: Callback<(), String>,
    text: &'static str,
) -> impl IntoView {
    let link = NodeRef::<A>::new();
    let last = StoredValue::new_local(None::<String>);
    let revoke = move || {
        if let Some(Some(url)) = last.try_update_value(Option::take) {
            let _ = Url::revoke_object_url(&url);
        }
    };
    on_cleanup(revoke);
    let on_click = move |_| {
        revoke();
        let Some(link) = link.get_untracked() else {
            return;
        };
        let options = BlobPropertyBag::new();
        options.set_type(media);
        let parts = js_sys::Array::of1(&JsValue::from_str(&make.run(())));
        let url = Blob::new_with_str_sequence_and_options(&parts, &options)
            .and_then(|blob| Url::create_object_url_with_blob(&blob));
        if let Ok(url) = url {
            let _ = link.set_attribute("href", &url);
            last.set_value(Some(url));
        }
    };
    view! {
        <a node_ref=link class="export-link" href="#" download=file on:click=on_click>{text}</a>
    }
}
