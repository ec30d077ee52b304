//! The app shell: the router and the page frame. What views share is in [`crate::site`]; what
//! the pages load is in their parent route ([`crate::routes::corpus`]).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::route_focus::RouteFocus;
use crate::components::states::NotFound;
use crate::language::{document_language, provide_language, use_messages};
use crate::routes::article::ArticlePage;
use crate::routes::corpus::CorpusRoute;
use crate::routes::entity::EntityPage;
use crate::routes::home::Home;
use crate::routes::try_it::TryPage;
use crate::selection::provide_selection;
use crate::site::provide_site;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_language(document_language());
    let site = provide_site();

    view! {
        <Router base=site.paths.base().to_owned()>
            <Frame />
        </Router>
    }
}

/// The page frame, under the router: what it provides is read by every page.
#[component]
fn Frame() -> impl IntoView {
    provide_selection();
    let not_found = use_messages().no_page_here;
    view! {
        <Header />
        <RouteFocus />
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound message=not_found.to_owned() /> }>
                <ParentRoute path=path!("") view=CorpusRoute>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/index.html") view=Home />
                    <Route path=path!("/article/:id") view=ArticlePage />
                    // The shell page `entity/?id=<id>` (`entity/index.html?id=<id>` takes the
                    // next route) shows the entities that have no page of their own.
                    <Route path=path!("/entity") view=EntityPage />
                    <Route path=path!("/entity/:id") view=EntityPage />
                    <Route path=path!("/try") view=TryPage />
                </ParentRoute>
            </Routes>
        </main>
    }
}
