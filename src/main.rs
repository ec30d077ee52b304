//! The browser entry point: report panics to the console, register the split points of the pages
//! loaded on demand, then start the app. Built with the `csr` feature (Trunk passes it); without it
//! (a native build of the workspace) it does nothing.

fn main() {
    #[cfg(feature = "csr")]
    {
        console_error_panic_hook::set_once();
        kiosque_app::split_pages(pieces::PAGES);
        kiosque_app::start();
    }
}

/// The split points: each function's code, and what only it uses, goes to a wasm piece of its own
/// (scripts/bin/wasm-bindgen splits the wasm; docs/wasm-split.md), fetched on its first call.
/// Here in the bin, not in the library, so that the Try it page's wasm does not carry the pages
/// (a split point is an exported function). `fallible`: a piece that does not load is an error
/// the app shows, not a panic.
#[cfg(feature = "csr")]
mod pieces {
    use kiosque_app::{PieceError, SplitPages};
    use leptos::prelude::AnyView;
    use leptos::wasm_split::wasm_split;

    pub(crate) const PAGES: SplitPages = SplitPages {
        article: || Box::pin(article()),
        entity: || Box::pin(entity()),
        preload_article: || Box::pin(async { preload_article().await.is_ok() }),
        preload_entity: || Box::pin(async { preload_entity().await.is_ok() }),
    };

    #[wasm_split(
        article_page,
        fallible,
        preload(preload_article),
        wasm_split_path = ::leptos::wasm_split
    )]
    fn article() -> Result<AnyView, PieceError> {
        Ok(kiosque_app::article_page())
    }

    #[wasm_split(
        entity_page,
        fallible,
        preload(preload_entity),
        wasm_split_path = ::leptos::wasm_split
    )]
    fn entity() -> Result<AnyView, PieceError> {
        Ok(kiosque_app::entity_page())
    }
}
