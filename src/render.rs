//! The app's pages rendered to HTML natively (feature `ssr`), for `kiosque pages`: the same
//! components the browser mounts, given data already read instead of loading it, through the
//! same contexts ([`Site`], the loaded `site.json`, [`CorpusContext`]). What each function returns
//! is the content of the app's `<main>` for that page, as the app shows it once it has its data;
//! text and attributes are escaped by Leptos.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use kiosque_model::parts::SiteFile;
use kiosque_model::{ArticleBody, ArticleSummary};
use leptos::prelude::*;

use crate::app::NOT_FOUND_MESSAGE;
use crate::components::states::NotFound;
use crate::data::{LoadedArticle, SiteData};
use crate::paths::Paths;
use crate::routes::article::{ArticleFrame, ArticleRest};
use crate::routes::corpus::{CorpusContext, LoadedSite};
use crate::search::SearchFiles;
use crate::site::{Site, SiteLoader};

/// What every page of a site is rendered with: where the site is, its name and `site.json`.
#[derive(Clone)]
pub struct Rendering {
    paths: Paths,
    name: Arc<str>,
    site: Arc<SiteData>,
}

impl Rendering {
    /// The rendering of the site whose pages' `<base href>` is `base_href` (a path, or a whole
    /// address), named `name`, with `site.json` as read (`file`).
    pub fn new(base_href: &str, name: &str, file: SiteFile<String>) -> Rendering {
        // The first screen as the app makes it; the command warns of what the check changes.
        let first = Arc::new(Corpus::first_screen(&file).value);
        Rendering {
            paths: Paths::from_base_uri(base_href),
            name: name.into(),
            site: Arc::new(SiteData { file, first }),
        }
    }

    /// Renders `view` with the contexts the app's pages read: the site, `site.json` and
    /// `corpus` as the corpus views read.
    fn render<V: IntoView + 'static>(
        &self,
        corpus: Arc<Corpus>,
        view: impl FnOnce() -> V,
    ) -> String {
        let owner = Owner::new();
        let html = owner.with(|| {
            provide_context(Site {
                paths: self.paths.clone(),
                name: Arc::clone(&self.name),
                data: SiteLoader::loaded(self.paths.clone(), Arc::clone(&self.site)),
                search: SearchFiles::new(),
                opened_on: None,
            });
            provide_context(LoadedSite(Arc::clone(&self.site)));
            provide_context(CorpusContext(Signal::stored(corpus)));
            view().into_view().to_html()
        });
        owner.cleanup();
        html
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
        self.render(corpus, move || {
            view! {
                <ArticleFrame summary>
                    <ArticleRest article />
                </ArticleFrame>
            }
        })
    }

    /// The page of an address the site does not have.
    pub fn not_found(&self) -> String {
        let first = Arc::clone(&self.site.first);
        self.render(first, || {
            view! { <NotFound message=NOT_FOUND_MESSAGE.to_owned() /> }
        })
    }
}
