//! The app's pages rendered to HTML natively (feature `ssr`), for `kiosque pages`: the same
//! components the browser mounts, given data already read instead of loading it, through the
//! same contexts ([`Site`], [`CorpusContext`], the router's at the page's address). What each
//! function returns is the page as the app shows it once it has its data: the app's header, then
//! a `<main>` with what the app's `<main>` holds for that page, so that the app can take the
//! pre-rendered page's place with nothing moving. Text and attributes are escaped by Leptos.

use std::sync::Arc;

use kiosque_model::Entity;
use kiosque_model::index::Corpus;
use kiosque_model::parts::SiteFile;
use kiosque_model::ui::Language;
use kiosque_model::{ArticleBody, ArticleSummary};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use crate::components::header::Header;
use crate::components::prerender::PRERENDERED_MAIN;
use crate::components::states::NotFound;
use crate::data::LoadedArticle;
use crate::language::provide_language;
use crate::paths::Paths;
use crate::routes::article::{ArticleFrame, ArticleRest};
use crate::routes::corpus::CorpusContext;
pub use crate::routes::entity::EntityShown;
use crate::routes::entity::EntityView;
use crate::routes::home::Home;
use crate::search::FacetFiles;
use crate::search::SearchFiles;
use crate::selection::provide_selection;
use crate::site::{Site, SiteLoader};

/// `html` without the empty comments (`<!>`) Leptos writes between text nodes and where a view
/// is empty: they are markers for hydration, which the pages do not use (the app replaces the
/// pre-rendered page), and a reader never sees them. Leptos escapes every `<` of text and
/// attributes, so `<!>` is never content.
fn without_markers(html: String) -> String {
    html.replace("<!>", "")
}

/// What every page of a site is rendered with: where the site is, its name and the home page's
/// first screen.
#[derive(Clone)]
pub struct Rendering {
    paths: Paths,
    name: Arc<str>,
    first: Arc<Corpus>,
    language: Language,
    facet_files: Option<FacetFiles>,
}

impl Rendering {
    /// The rendering of the site whose pages' `<base href>` is `base_href` (a path, or a whole
    /// address), named `name`, whose home page first shows `first` (what the app makes of
    /// `site.json`: [`Corpus::first_screen`]), in English ([`Rendering::in_language`]).
    pub fn new(base_href: &str, name: &str, first: Arc<Corpus>) -> Rendering {
        Rendering {
            paths: Paths::from_base_uri(base_href),
            name: name.into(),
            first,
            language: Language::En,
            facet_files: None,
        }
    }

    /// The same rendering of site `site`, whose articles `whole` has (the whole site), with its
    /// facets naming the files the view filtered by their entity starts from, for the app's
    /// start script ([`FacetFiles`]: when the site's views start from posting files).
    pub fn with_facet_files(self, site: &SiteFile<String>, whole: &Corpus) -> Rendering {
        let shown = self.first.entities().iter().map(|e| &e.id);
        let search = self.first.search_index();
        let facet_files = FacetFiles::of_site(site, &self.paths, whole, shown, search);
        Rendering {
            facet_files,
            ..self
        }
    }

    /// The same rendering with the interface in `language`.
    pub fn in_language(self, language: Language) -> Rendering {
        Rendering { language, ..self }
    }

    /// Renders `view` with the contexts the app's pages read: the site (its data already
    /// there: nothing is loaded), `corpus` as the corpus views read, and a router at the home
    /// page's address.
    fn render<V: IntoView + 'static>(
        &self,
        path: &str,
        corpus: Arc<Corpus>,
        view: impl FnOnce() -> V + Send + 'static,
    ) -> String {
        let owner = Owner::new();
        let html = owner.with(|| {
            provide_language(self.language);
            provide_context(Site {
                paths: self.paths.clone(),
                name: Arc::clone(&self.name),
                data: SiteLoader::loaded(self.paths.clone()),
                search: SearchFiles::new(),
                opened_on: None,
            });
            provide_context(CorpusContext(Signal::stored(corpus)));
            if let Some(files) = self.facet_files.clone() {
                provide_context(files);
            }
            // Under a router at the page's address, as in the app (links, the selection of the
            // URL: none, the address has no query).
            provide_context(RequestUrl::new(path));
            let base = self.paths.base().to_owned();
            view! {
                <Router base>
                    {provide_selection();
                    view! {
                        <Header />
                        <main id=PRERENDERED_MAIN>{view()}</main>
                    }}
                </Router>
            }
            .to_html()
        });
        owner.cleanup();
        without_markers(html)
    }

    /// An article page as the app shows it opened on the article: its header, text and
    /// entities, over `corpus`, the corpus of its body file ([`Corpus::of_bucket`]), which has
    /// `summary`; `body` is checked against it.
    pub fn article(
        &self,
        corpus: Arc<Corpus>,
        summary: ArticleSummary,
        body: Arc<ArticleBody>,
    ) -> String {
        let article = LoadedArticle {
            corpus: Arc::clone(&corpus),
            summary: summary.clone(),
            body,
        };
        let path = self.paths.article(&summary.id);
        self.render(&path, corpus, move || {
            view! {
                <ArticleFrame summary>
                    <ArticleRest article />
                </ArticleFrame>
            }
        })
    }

    /// What entity `entity`'s page shows of `whole`, the whole site: made once for the page
    /// ([`Rendering::entity`]) and its key ([`Rendering::entity_made_of`]).
    pub fn entity_shown(&self, whole: &Corpus, entity: &Entity) -> EntityShown {
        EntityShown::of(whole, entity.clone())
    }

    /// An entity's page as the app shows it, over `whole`, the whole site.
    pub fn entity(&self, whole: Arc<Corpus>, shown: EntityShown) -> String {
        let path = self.paths.entity(shown.entity());
        self.render(&path, whole, move || view! { <EntityView shown /> })
    }

    /// What an entity's page ([`Rendering::entity`]) shows of `whole`, as bytes that change
    /// whenever the page would (besides what every page shares: the site, its settings, this
    /// executable).
    pub fn entity_made_of(&self, whole: &Corpus, shown: &EntityShown) -> Vec<u8> {
        shown.made_of(whole)
    }

    /// The home page as the app first shows it, from `site.json` alone: the first cards and
    /// the sidebar's first rows, with no search or filter.
    pub fn home(&self) -> String {
        let path = self.paths.home(&Default::default());
        self.render(&path, Arc::clone(&self.first), || view! { <Home /> })
    }

    /// The page of an address the site does not have.
    pub fn not_found(&self) -> String {
        let path = format!("{}/404.html", self.paths.base());
        let message = self.language.messages().no_page_here.to_owned();
        self.render(&path, Arc::clone(&self.first), move || {
            view! { <NotFound message /> }
        })
    }
}
