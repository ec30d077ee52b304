//! The lazily loaded pages (docs/wasm-split.md): the article and entity pages' routes, whose
//! views are wasm pieces of their own in the browser, and the loading of a page's piece when a
//! reader shows an intent to open such a page.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use crate::routes::article::ArticlePage;
use crate::routes::entity::EntityPage;

// In the browser the article and entity pages are
// wasm pieces of their own, fetched the first time one is shown: their split points
// (`wasm_split`, leptos's re-export of wasm_split_helpers) are in the `kiosque-app` bin
// (src/main.rs), which registers them with [`split_pages`] before mounting the app. Not here in
// the library: a split point is an exported (`no_mangle`) function, which every wasm linking the
// library would keep, the Try it page's too (+300 KB raw). Not leptos's `#[lazy_route]` either: a
// piece that fails to load (offline, a deploy replaced it) panics there and the whole app stops;
// the split points here are `fallible`, and a failure shows the app's error state. Natively
// (`kiosque pages` renders pages without the router; the tests) the pages are plain views.

/// A wasm piece that did not load (the loader logs the browser's reason to the console).
#[derive(Debug, Clone, Copy)]
pub struct PieceError;

impl From<leptos::wasm_split::SplitLoaderError> for PieceError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PieceError
    }
}

/// A split point's call: loads the page's piece (the first time), then makes its view.
pub type PageLoad = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, PieceError>>>>;

/// A split point's preload: loads the page's piece without showing it; whether it loaded.
pub type PagePreload = fn() -> Pin<Box<dyn Future<Output = bool>>>;

/// The split points of the lazily loaded pages, registered by the `kiosque-app` bin.
#[derive(Clone, Copy)]
pub struct SplitPages {
    /// `/article/:id`: [`article_page`] in its piece.
    pub article: PageLoad,
    /// `/entity` and `/entity/:id`: [`entity_page`] in its piece.
    pub entity: PageLoad,
    /// The article page's piece, loaded ahead when a reader points at or focuses a link to an
    /// article ([`preload_on_intent`]).
    pub preload_article: PagePreload,
    /// The same for the entity pages.
    pub preload_entity: PagePreload,
}

#[cfg_attr(not(target_family = "wasm"), allow(dead_code))]
static SPLIT_PAGES: OnceLock<SplitPages> = OnceLock::new();

/// Registers the pages' split points; called once, before the app mounts (a second call is
/// ignored).
pub fn split_pages(pages: SplitPages) {
    if SPLIT_PAGES.set(pages).is_ok() {
        #[cfg(target_family = "wasm")]
        preload_on_intent(pages);
    }
}

/// How long a preload that failed waits before the next intent tries again, in milliseconds (a
/// click still loads the page at once).
#[cfg(target_family = "wasm")]
const PRELOAD_RETRY_MS: f64 = 15_000.0;

/// How long the pointer stays on a link before it counts as an intent: a pointer crossing the
/// page over links on its way asks for nothing (instant.page waits 65 ms too).
#[cfg(target_family = "wasm")]
const HOVER_INTENT: std::time::Duration = std::time::Duration::from_millis(65);

/// Loads a page's piece as soon as the reader shows an intent to open such a page: the pointer
/// on a link to it for [`HOVER_INTENT`], a finger on it, the keyboard's focus on it. The piece is then there, or on
/// its way, at the click, and the first load still carries none of it. A preload that failed is
/// tried again at an intent after [`PRELOAD_RETRY_MS`]; once both pieces are there, the
/// listeners go.
#[cfg(target_family = "wasm")]
fn preload_on_intent(pages: SplitPages) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::JsCast;

    use crate::paths::Paths;

    /// One piece's preload: whether it loaded, and when an intent may ask for it again.
    #[derive(Default)]
    struct Asked {
        loaded: Cell<bool>,
        not_before: Cell<f64>,
    }
    let asked: Rc<[Asked; 2]> = Rc::default();
    let listeners: Rc<RefCell<Vec<WindowListenerHandle>>> = Rc::default();
    let intent = {
        let listeners = Rc::clone(&listeners);
        move |event: web_sys::Event| {
            let Some((link, page)) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("a[href]").ok().flatten())
                .and_then(|link| {
                    // The link's address against the page's `<base href>`: the site's own
                    // article and entity pages only, as [`Paths`] knows them.
                    let href = link.get_attribute("href")?;
                    let base = document().base_uri().ok()??;
                    let url = web_sys::Url::new_with_base(&href, &base).ok()?;
                    if url.origin() != web_sys::Url::new(&base).ok()?.origin() {
                        return None;
                    }
                    let paths = Paths::from_base_uri(&base);
                    let path = url.pathname();
                    let page = if paths.article_at(&path).is_some() {
                        (0, pages.preload_article)
                    } else if paths.is_entity_page(&path) {
                        (1, pages.preload_entity)
                    } else {
                        return None;
                    };
                    Some((link, page))
                })
            else {
                return;
            };
            let (slot, preload) = page;
            let go = {
                let (asked, listeners) = (Rc::clone(&asked), Rc::clone(&listeners));
                move || {
                    let now = js_sys::Date::now();
                    if asked[slot].loaded.get() || now < asked[slot].not_before.get() {
                        return;
                    }
                    asked[slot].not_before.set(f64::INFINITY);
                    leptos::task::spawn_local(async move {
                        if !preload().await {
                            asked[slot]
                                .not_before
                                .set(js_sys::Date::now() + PRELOAD_RETRY_MS);
                            return;
                        }
                        asked[slot].loaded.set(true);
                        if asked.iter().all(|a| a.loaded.get()) {
                            for listener in listeners.borrow_mut().drain(..) {
                                listener.remove();
                            }
                        }
                    });
                }
            };
            if event.type_() == "pointerover" {
                // Still on the link a moment later: an intent.
                set_timeout(
                    move || {
                        if link.matches(":hover").unwrap_or(false) {
                            go();
                        }
                    },
                    HOVER_INTENT,
                );
            } else {
                go();
            }
        }
    };
    let handles = ["pointerover", "touchstart", "focusin"]
        .map(|name| window_event_listener_untyped(name, intent.clone()));
    listeners.borrow_mut().extend(handles);
}

/// The article page's view: what its split point returns.
pub fn article_page() -> AnyView {
    view! { <ArticlePage /> }.into_any()
}

/// The entity page's view: what its split point returns.
pub fn entity_page() -> AnyView {
    view! { <EntityPage /> }.into_any()
}

/// A lazily loaded page's view in the browser: its piece's, or the error state when the piece did
/// not load or the bin registered no split points. The view itself is never named here, or its
/// code would stay in the main wasm (natively the routes call it: [`ArticleRoute`]).
#[cfg(target_family = "wasm")]
async fn load_page(name: &str, load: fn(&SplitPages) -> PageLoad) -> AnyView {
    match SPLIT_PAGES.get() {
        Some(pages) => load(pages)().await.unwrap_or_else(|_| piece_failed(name)),
        None => piece_failed(name),
    }
}

/// What a page whose piece did not load shows: the app's error state, whose Retry reloads the
/// page (the piece is fetched again; after a deploy, the new one).
#[cfg(target_family = "wasm")]
fn piece_failed(page: &str) -> AnyView {
    use crate::components::states::ErrorView;
    use crate::data::AppError;
    use crate::language::use_messages;

    // The piece, as its file's name begins (`split_article_page-<hash>.wasm`: the loader logs
    // the address and the browser's reason to the console), and the loader's reason, in English
    // like the browser's reasons for the data files.
    let error = AppError::Network {
        url: format!("split_{page}_page"),
        message: "failed to load split module".to_owned(),
    };
    let retry = Callback::new(|()| {
        let _ = window().location().reload();
    });
    view! { <ErrorView what=use_messages().what_page_code error retry /> }.into_any()
}

/// `/article/:id`: [`ArticlePage`], in its own wasm piece.
pub(crate) struct ArticleRoute;

impl LazyRoute for ArticleRoute {
    fn data() -> Self {
        ArticleRoute
    }

    async fn view(_: Self) -> AnyView {
        #[cfg(target_family = "wasm")]
        return load_page("article", |pages| pages.article).await;
        #[cfg(not(target_family = "wasm"))]
        article_page()
    }
}

/// `/entity` and `/entity/:id`: [`EntityPage`], in its own wasm piece.
pub(crate) struct EntityRoute;

impl LazyRoute for EntityRoute {
    fn data() -> Self {
        EntityRoute
    }

    async fn view(_: Self) -> AnyView {
        #[cfg(target_family = "wasm")]
        return load_page("entity", |pages| pages.entity).await;
        #[cfg(not(target_family = "wasm"))]
        entity_page()
    }
}
