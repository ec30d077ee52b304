//! The app shell: the router and the page frame, around the reader's pages here and around the
//! Try it page in its own wasm ([`crate::routes::try_it::TryApp`]). What views share is in
//! [`crate::site`]; what the pages load is in their parent route ([`crate::routes::corpus`]).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, path};

use crate::components::header::Header;
use crate::components::route_focus::RouteFocus;
use crate::components::states::NotFound;
use crate::language::{document_language, provide_language, use_messages};
use crate::pieces::{ArticleRoute, EntityRoute};
use crate::routes::corpus::CorpusRoute;
use crate::routes::home::Home;
use crate::selection::provide_selection;
use crate::site::provide_site;

/// The whole app: the reader's pages. The Try it page is not among them: it is a wasm of its own
/// (`src/bin/kiosque-try.rs`), loaded by `try/index.html` only, so this app does not carry it.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Shell>
            <ReaderRoutes />
        </Shell>
    }
}

/// The router and the page frame around `children` (the routes): what every page shares.
#[component]
pub(crate) fn Shell(children: Children) -> impl IntoView {
    provide_language(document_language());
    let site = provide_site();

    view! {
        <Router base=site.paths.base().to_owned()>
            <Frame>{children()}</Frame>
        </Router>
    }
}

/// The page frame, under the router: what it provides is read by every page.
#[component]
fn Frame(children: Children) -> impl IntoView {
    provide_selection();
    view! {
        <Header />
        <RouteFocus />
        <main id="main" tabindex="-1">
            {children()}
        </main>
    }
}

/// What an address no route takes shows.
pub(crate) fn not_found() -> impl IntoView {
    let message = use_messages().no_page_here;
    view! { <NotFound message=message.to_owned() /> }
}

/// The reader's pages.
#[component]
fn ReaderRoutes() -> impl IntoView {
    view! {
        <Routes fallback=not_found>
            <ParentRoute path=path!("") view=CorpusRoute>
                <Route path=path!("/") view=Home />
                <Route path=path!("/index.html") view=Home />
                // The article and entity pages are wasm pieces of their own, loaded the first
                // time one is shown (docs/wasm-split.md): the home page's first load does not
                // carry them.
                <Route path=path!("/article/:id") view={Lazy::<ArticleRoute>::new()} />
                // The shell page `entity/?id=<id>` (`entity/index.html?id=<id>` takes the
                // next route) shows the entities that have no page of their own.
                <Route path=path!("/entity") view={Lazy::<EntityRoute>::new()} />
                <Route path=path!("/entity/:id") view={Lazy::<EntityRoute>::new()} />
            </ParentRoute>
        </Routes>
    }
}
