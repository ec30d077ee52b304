//! Download links for a list of articles as CSV and JSON ([`kiosque_model::export`]): the file
//! is made in the browser when a link is followed, from the loaded site, a few hundred
//! articles at a time with turns for the browser between them, and handed to the browser as a
//! Blob URL.

use std::sync::Arc;

use kiosque_model::export::{Export, Format};
use kiosque_model::index::Corpus;
use leptos::html::A;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{Blob, BlobPropertyBag, Url};

use crate::data::Pace;
use crate::language::use_messages;

/// Articles written into the file between two looks at the clock ([`Pace::breathe`]): a few
/// milliseconds of work (JSON takes about 20 µs an article).
const ARTICLES_A_PIECE: usize = 256;

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
    let words = use_messages();
    let preparing = RwSignal::new(false);
    let csv = corpus.clone();
    Some(
        view! {
            <p class="export app-only">
                {words.download_these}
                " "
                <ExportLink
                    file=Signal::derive(move || format!("{}.csv", file.get()))
                    corpus=csv
                    articles
                    format=Format::Csv
                    text="CSV"
                    preparing
                />
                " · "
                <ExportLink
                    file=Signal::derive(move || format!("{}.json", file.get()))
                    corpus
                    articles
                    format=Format::Json
                    text="JSON"
                    preparing
                />
                // Always there, its text changing: a live region added with its text is not read
                // out by every screen reader.
                " "
                <span class="export-status" role="status">
                    {move || if preparing.get() { words.preparing_file } else { "" }}
                </span>
            </p>
        }
        .into_any(),
    )
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

/// Pieces of a file made into a Blob at a time: the file's Blob is then made of these Blobs,
/// which the browser does without copying them again (one Blob of every piece of a
/// 190 MB file took 150 ms).
const PIECES_A_BLOB: u32 = 16;

/// The file of the articles at `positions` in `format`, made a piece at a time with turns for
/// the browser between pieces ([`Pace`]); `None` when the browser could not make it, or when
/// `preparing` went (the link is gone: the file is not wanted any more).
async fn make_file(
    corpus: &Corpus,
    positions: &[u32],
    format: Format,
    preparing: RwSignal<bool>,
) -> Option<Blob> {
    let blobs = js_sys::Array::new();
    let mut pieces = js_sys::Array::new();
    if format == Format::Csv {
        // A byte order mark first: spreadsheets then read the file as UTF-8.
        pieces.push(&js_sys::Uint8Array::from("\u{feff}".as_bytes()));
    }
    let mut export = Export::new(format);
    let mut pace = Pace::new();
    loop {
        let piece = export.next_chunk(corpus, positions, ARTICLES_A_PIECE);
        if let Some(piece) = &piece {
            // As bytes: strings would be encoded again when the Blob is made, in one long
            // task (0.9 s for 190 MB).
            pieces.push(&js_sys::Uint8Array::from(piece.as_bytes()));
        }
        if pieces.length() >= PIECES_A_BLOB || (piece.is_none() && pieces.length() > 0) {
            let blob = Blob::new_with_u8_array_sequence(&pieces).ok()?;
            blobs.push(&blob);
            pieces = js_sys::Array::new();
        }
        if piece.is_none() {
            break;
        }
        pace.breathe().await;
        preparing.try_get_untracked()?;
    }
    let options = BlobPropertyBag::new();
    options.set_type(match format {
        Format::Csv => "text/csv;charset=utf-8",
        Format::Json => "application/json",
    });
    Blob::new_with_blob_sequence_and_options(&blobs, &options).ok()
}

/// A link that downloads the articles at `articles` in `format` as `file`. Followed, it makes
/// the file a piece at a time, giving the browser a turn between pieces (the page answers
/// while an archive's file is made), and `preparing` says so; then its address is set to the
/// file's new Blob URL and it is followed again, which the browser downloads. The last URL is
/// let go when it is followed anew, and when the link goes.
#[component]
fn ExportLink(
    file: Signal<String>,
    corpus: Arc<Corpus>,
    articles: Signal<Vec<u32>>,
    format: Format,
    text: &'static str,
    /// Whether a file of the list is being made (one at a time).
    preparing: RwSignal<bool>,
) -> impl IntoView {
    let link = NodeRef::<A>::new();
    let last = StoredValue::new_local(None::<String>);
    // The file was made and the link's address set: the next click is the browser's to follow.
    let ready = StoredValue::new(false);
    // The last file let go, and the link's address with it.
    let revoke = move || {
        if let Some(Some(url)) = last.try_update_value(Option::take) {
            let _ = Url::revoke_object_url(&url);
            if let Some(Some(link)) = link.try_get_untracked() {
                let _ = link.set_attribute("href", "#");
            }
        }
    };
    on_cleanup(revoke);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ready.try_update_value(std::mem::take) == Some(true) {
            return;
        }
        ev.prevent_default();
        if preparing.get_untracked() {
            return;
        }
        revoke();
        preparing.set(true);
        let corpus = Arc::clone(&corpus);
        // The list and its name as they are now: the page answers while the file is made, and
        // the reader may change the view meanwhile (the file is still the one asked for).
        let positions = articles.get_untracked();
        let name = file.get_untracked();
        spawn_local(async move {
            let made = make_file(&corpus, &positions, format, preparing).await;
            let _ = preparing.try_set(false);
            let (Some(made), Some(Some(link))) = (made, link.try_get_untracked()) else {
                return;
            };
            let Ok(url) = Url::create_object_url_with_blob(&made) else {
                return;
            };
            let _ = link.set_attribute("download", &name);
            let _ = link.set_attribute("href", &url);
            last.set_value(Some(url));
            ready.set_value(true);
            link.click();
        });
    };
    view! {
        <a
            node_ref=link
            class="export-link"
            href="#"
            download=file
            aria-disabled=move || preparing.get().then_some("true")
            on:click=on_click
        >
            {text}
        </a>
    }
}
