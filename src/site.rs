//! The site context every view reads: where things are, the site data loaded so far
//! (`site.json`, then the whole site when a view asks for it) and the search index's files
//! kept so far. Provided once by the app shell ([`provide_site`]), read with [`use_site`]; it
//! depends on no component, so any component can import it.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::data::{AppError, SiteData, load_site, load_whole_current, prefetch_article};
use crate::paths::{Paths, url_path};
use crate::search::SearchFiles;

/// The site's name when its pages do not give one.
const DEFAULT_SITE_NAME: &str = "Kiosque";

/// What a load has given: nothing yet, the data, or why not.
type Loading<T> = RwSignal<Option<Result<Arc<T>, AppError>>>;

/// The site data, each file loaded at most once per attempt for all pages: `site.json` from
/// the start, the whole site (every summary page and entity part) once a view asks for it
/// ([`SiteLoader::want_whole`]), after `site.json`.
#[derive(Clone, Copy)]
pub struct SiteLoader {
    paths: StoredValue<Paths>,
    site: Loading<SiteData>,
    whole: Loading<Corpus>,
    /// Whether a view has asked for the whole site.
    wanted: RwSignal<bool>,
    /// Whether the whole site is being loaded (or was).
    started: RwSignal<bool>,
}

impl SiteLoader {
    /// Starts loading `site.json`, and the whole site once asked for and `site.json` is there.
    fn new(paths: Paths) -> Self {
        let loader = SiteLoader {
            paths: StoredValue::new(paths),
            site: RwSignal::new(None),
            whole: RwSignal::new(None),
            wanted: RwSignal::new(false),
            started: RwSignal::new(false),
        };
        loader.load_site();
        Effect::new(move |_| {
            if !loader.wanted.get() || loader.started.get() {
                return;
            }
            let Some(Ok(site)) = loader.site.get() else {
                return;
            };
            loader.started.set(true);
            let paths = loader.paths.get_value();
            spawn_local(async move {
                // A rebuild since `site.json` was read: the new one, and the parts it names.
                let (fresh, whole) = load_whole_current(paths, site).await;
                if let Some(fresh) = fresh {
                    loader.site.set(Some(Ok(fresh)));
                }
                loader.whole.set(Some(whole));
            });
        });
        loader
    }

    /// A loader that loads nothing: the native rendering of the pages ([`crate::render`])
    /// gives each view its data through the corpus context.
    #[cfg(feature = "ssr")]
    pub(crate) fn loaded(paths: Paths) -> Self {
        SiteLoader {
            paths: StoredValue::new(paths),
            site: RwSignal::new(None),
            whole: RwSignal::new(None),
            wanted: RwSignal::new(false),
            started: RwSignal::new(true),
        }
    }

    fn load_site(self) {
        let paths = self.paths.get_value();
        spawn_local(async move {
            let site = load_site(paths).await;
            self.site.set(Some(site));
        });
    }

    /// `site.json` and its first screen, once loaded (tracked).
    pub fn site(self) -> Option<Result<Arc<SiteData>, AppError>> {
        self.site.get()
    }

    /// The whole site, once loaded (tracked); [`SiteLoader::want_whole`] asks for it.
    pub fn whole(self) -> Option<Result<Arc<Corpus>, AppError>> {
        self.whole.get()
    }

    /// Asks for the whole site: loaded as soon as `site.json` is.
    pub fn want_whole(self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }

    /// What a fetch of the site's files gave a view shown before the whole site: its value, or,
    /// when it failed, `None`, the error logged and the whole site asked for, which answers in
    /// its place.
    pub fn or_whole<T>(self, fetched: Result<T, AppError>) -> Option<T> {
        match fetched {
            Ok(value) => Some(value),
            Err(error) => {
                leptos::logging::warn!("{error}");
                self.want_whole();
                None
            }
        }
    }

    /// Whether a view has asked for the whole site (tracked).
    pub fn is_wanted(self) -> bool {
        self.wanted.get()
    }

    /// Loads again what failed: `site.json`, or the whole site.
    pub fn retry(self) {
        if matches!(self.site.get_untracked(), Some(Err(_))) {
            self.site.set(None);
            self.load_site();
        }
        if matches!(self.whole.get_untracked(), Some(Err(_))) {
            self.whole.set(None);
            self.started.set(false);
        }
    }
}

/// What every view needs: where things are, the site data's loader and the search files.
#[derive(Clone)]
pub struct Site {
    /// The base path and URL builders.
    pub paths: Paths,
    /// The site's name, shown in the header and in page titles: what its pages give as
    /// `<meta name="application-name">` (from `kiosque.toml`), as text.
    pub name: Arc<str>,
    /// The site data's loader (pages read the loaded corpus with
    /// [`crate::routes::corpus::use_corpus`]).
    pub data: SiteLoader,
    /// The search index's files fetched so far.
    pub search: SearchFiles,
    /// The article the app was opened on and its body fingerprint, as its pre-rendered page's
    /// link to its body file says (`?v=`): what the app knows of it before any summary.
    pub opened_on: Option<(String, String)>,
}

/// The base URI of the document (from Trunk's `<base href>`), or `/` outside a browser.
fn document_base_uri() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".to_owned())
}

/// The body file that the pre-rendered page of an article names
/// (`<link rel="preload" … data-kiosque-body>`, which the browser is already fetching).
fn preloaded_body() -> Option<String> {
    document()
        .query_selector("link[data-kiosque-body]")
        .ok()
        .flatten()?
        .get_attribute("href")
}

/// The site's name that the page gives (`<meta name="application-name" content>`, which
/// `kiosque pages` writes from its settings).
fn application_name() -> Option<String> {
    document()
        .query_selector("meta[name='application-name']")
        .ok()
        .flatten()?
        .get_attribute("content")
}

/// The site's name from the page's `application-name`: as given, or the default name when it
/// is missing or blank.
fn site_name(application_name: Option<String>) -> Arc<str> {
    match application_name {
        Some(name) if !name.trim().is_empty() => name.into(),
        _ => DEFAULT_SITE_NAME.into(),
    }
}

/// Provides the site context for the document's base URI, and returns it.
pub fn provide_site() -> Site {
    let paths = Paths::from_base_uri(&document_base_uri());
    // A page opened on an article: its body file is fetched beside `site.json`, not after it,
    // when the page says which it is.
    let mut opened_on = None;
    if let Some(id) = document()
        .url()
        .ok()
        .and_then(|url| paths.article_at(url_path(&url)))
        && let Some(url) = preloaded_body()
    {
        opened_on = body_hash_of(&url).map(|hash| (id.clone(), hash));
        prefetch_article(id, &url);
    }
    let site = Site {
        name: site_name(application_name()),
        data: SiteLoader::new(paths.clone()),
        paths,
        search: SearchFiles::new(),
        opened_on,
    };
    provide_context(site.clone());
    site
}

/// The site context provided by [`provide_site`].
pub fn use_site() -> Site {
    expect_context::<Site>()
}

/// The body fingerprint in the URL of a body file (`?v=`), if it has a well-formed one.
fn body_hash_of(url: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("v="))
        .filter(|hash| kiosque_model::stamp::is_well_formed(hash))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_name_is_the_pages_application_name_or_kiosque() {
        assert_eq!(
            &*site_name(Some("Les Nouvelles <b>&amp;</b>".to_owned())),
            "Les Nouvelles <b>&amp;</b>"
        );
        assert_eq!(&*site_name(None), "Kiosque");
        assert_eq!(&*site_name(Some(" \n".to_owned())), "Kiosque");
    }

    #[test]
    fn the_fingerprint_of_a_body_file_is_read_from_its_url() {
        assert_eq!(
            body_hash_of("data/bodies/1f.json?v=80dd48fa1d50e5fb").as_deref(),
            Some("80dd48fa1d50e5fb")
        );
        assert_eq!(body_hash_of("data/bodies/1f.json"), None);
        assert_eq!(body_hash_of("data/bodies/1f.json?v=<script>"), None);
    }
}
