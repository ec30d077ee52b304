//! Where things live: the site's base path (it may be served under a sub-path) and the URLs of
//! pages and data files under it.

use kiosque_model::links::has_own_page;
use kiosque_model::{Entity, EntityId, Selection};

/// The site's base path and the URLs built on it. Every internal link ends with a slash because
/// each page is a real `…/index.html` file on the static host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paths {
    /// `""` at a domain root, `/kiosque` under a sub-path; never ends with `/`.
    base: String,
}

impl Paths {
    /// The paths for a document whose base URI (`document.baseURI`, set by Trunk's
    /// `<base href>`) is `uri`: its directory is the site root.
    pub fn from_base_uri(uri: &str) -> Paths {
        let path = url_path(uri);
        // The directory of the base: `/kiosque/index.html` → `/kiosque`.
        let dir = path.rfind('/').map_or("", |slash| &path[..slash]);
        Paths {
            base: dir.trim_end_matches('/').to_owned(),
        }
    }

    /// The base path for the router: `""` or `/kiosque`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The home page, with the search, the entity filter, the languages, sources and period in
    /// the query when there are some (`?q=…&entity=…&lang=…&source=…&from=…&to=…`).
    pub fn home(&self, selection: &Selection) -> String {
        let mut params = selection
            .params()
            .into_iter()
            .map(|(key, value)| format!("{key}={}", encode(value, "")))
            .collect::<Vec<_>>();
        if let Some(entities) = selection.to_query() {
            // After the search, as it always was.
            let at = usize::from(selection.search_query().is_some());
            params.insert(
                at,
                format!("{}={}", Selection::QUERY_KEY, encode(&entities, ",")),
            );
        }
        if params.is_empty() {
            format!("{}/", self.base)
        } else {
            format!("{}/?{}", self.base, params.join("&"))
        }
    }

    /// Whether `pathname` is the home page's (the router's `/` and `/index.html` under the base).
    pub fn is_home(&self, pathname: &str) -> bool {
        pathname
            .strip_prefix(self.base.as_str())
            .is_some_and(|rest| matches!(rest, "" | "/" | "/index.html"))
    }

    /// An article's page.
    pub fn article(&self, id: &str) -> String {
        format!("{}/article/{}/", self.base, encode(id, ""))
    }

    /// An entity's page: its own page `entity/<id>/` when it has one ([`has_own_page`]: two
    /// articles or more mention it, as `kiosque pages` writes them), else the one shell page
    /// that reads the id from its query, `entity/?id=<id>`. Either opens directly on a plain
    /// static server.
    pub fn entity(&self, entity: &Entity) -> String {
        if has_own_page(entity) {
            self.entity_page(&entity.id)
        } else {
            format!(
                "{}/entity/?id={}",
                self.base,
                encode(entity.id.as_str(), "")
            )
        }
    }

    /// The own page of entity `id` (`entity/<id>/`), for an entity known to have one.
    pub fn entity_page(&self, id: &EntityId) -> String {
        format!("{}/entity/{}/", self.base, encode(id.as_str(), ""))
    }

    /// `site.json`, loaded first.
    pub fn site_json(&self) -> String {
        self.data_file(kiosque_model::parts::SITE_FILE)
    }

    /// A file of the site data, by its path relative to the data directory (as `site.json`
    /// names the search index's files).
    pub fn data_file(&self, relative: &str) -> String {
        format!("{}/data/{}", self.base, encode(relative, "/"))
    }

    /// The id of the article whose page is at `path` (a location's path: `<base>/article/<id>/`),
    /// as [`Paths::article`] writes it; none for any other page, or an id it would have encoded.
    pub fn article_at(&self, path: &str) -> Option<String> {
        let id = path
            .strip_prefix(self.base.as_str())?
            .strip_prefix("/article/")?;
        let id = id.strip_suffix('/').unwrap_or(id);
        (!id.is_empty() && encode(id, "") == id).then(|| id.to_owned())
    }

    /// Whether `path` (a location's path) is an entity's page: its own, `<base>/entity/<id>/`,
    /// or the shell page `<base>/entity/` that reads the id from its query ([`Paths::entity`]).
    pub fn is_entity_page(&self, path: &str) -> bool {
        path.strip_prefix(self.base.as_str())
            .and_then(|rest| rest.strip_prefix("/entity"))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The data file `file` named for what it is, not for its content (a body file
    /// `bodies/<bucket>.json`, a posting file `postings/<bucket>.json`), with the fingerprint of
    /// its content in the query when it is known (`?v=<fingerprint>`: an article's `body_hash`,
    /// `site.json`'s `postings`): a rebuilt file has a new URL, so no cache can serve the old
    /// one. `kiosque pages` writes the same URL for a body file in an article's page, for the
    /// browser to fetch it as the page loads.
    pub fn versioned_file(&self, file: &str, version: Option<&str>) -> String {
        let file = self.data_file(file);
        match version {
            Some(hash) => format!("{file}?v={}", encode(hash, "")),
            None => file,
        }
    }
}

/// The path of a URL (`https://x.org/a/b?q#f` → `/a/b`; the text itself, less its query and
/// fragment, when it has no scheme).
pub fn url_path(uri: &str) -> &str {
    let without_fragment = uri.split(['#', '?']).next().unwrap_or_default();
    match without_fragment.find("://") {
        Some(scheme_end) => {
            let rest = &without_fragment[scheme_end + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => without_fragment,
    }
}

/// Percent-encodes everything but unreserved URL characters and those in `keep`. Ids are slugs,
/// so this only guards against unexpected data.
fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-_.~".contains(c) || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiosque_model::EntityId;

    #[test]
    fn the_base_is_the_directory_of_the_base_uri() {
        assert_eq!(Paths::from_base_uri("http://localhost:8080/").base(), "");
        assert_eq!(Paths::from_base_uri("http://localhost:8080").base(), "");
        assert_eq!(
            Paths::from_base_uri("https://x.github.io/kiosque/").base(),
            "/kiosque"
        );
        assert_eq!(
            Paths::from_base_uri("https://x.org/a/b/index.html?q#f").base(),
            "/a/b"
        );
    }

    #[test]
    fn the_home_page_is_its_path_under_the_base_only() {
        let root = Paths::from_base_uri("http://h/");
        let sub = Paths::from_base_uri("http://h/kiosque/");
        for home in ["/", "/index.html", ""] {
            assert!(root.is_home(home), "{home:?}");
        }
        for home in ["/kiosque", "/kiosque/", "/kiosque/index.html"] {
            assert!(sub.is_home(home), "{home:?}");
        }
        for other in ["/article/a-1/", "/entity/", "/try/", "/index.htm"] {
            assert!(!root.is_home(other), "{other:?}");
        }
        assert!(!sub.is_home("/"));
        assert!(!sub.is_home("/kiosque/article/a-1/"));
    }

    #[test]
    fn links_carry_the_base_and_a_trailing_slash() {
        let root = Paths::from_base_uri("http://h/");
        let sub = Paths::from_base_uri("http://h/kiosque/");
        assert_eq!(root.home(&Selection::default()), "/");
        assert_eq!(sub.home(&Selection::default()), "/kiosque/");
        assert_eq!(
            sub.home(&Selection::from_query("loc-koursk,per-trump")),
            "/kiosque/?entity=loc-koursk,per-trump"
        );
        assert_eq!(
            sub.home(&Selection::from_params("loc-koursk", "défense aérienne")),
            "/kiosque/?q=d%C3%A9fense%20a%C3%A9rienne&entity=loc-koursk"
        );
        assert_eq!(
            root.home(&Selection::from_params("", "a&b=c")),
            "/?q=a%26b%3Dc"
        );
        assert_eq!(
            root.home(
                &Selection::from_params("loc-koursk", "kiev")
                    .with_param("lang", "fr")
                    .with_param("source", "Le Monde, Paris & co")
                    .with_period(Some("2024-03"), Some("2024-05"))
            ),
            "/?q=kiev&entity=loc-koursk&lang=fr&source=Le%20Monde%2C%20Paris%20%26%20co\
             &from=2024-03&to=2024-05"
        );
        assert_eq!(
            sub.data_file("search/meta-00ff.json"),
            "/kiosque/data/search/meta-00ff.json"
        );
        assert_eq!(sub.article("a-b"), "/kiosque/article/a-b/");
        assert_eq!(sub.site_json(), "/kiosque/data/site.json");
        assert_eq!(
            root.versioned_file("bodies/0a.json", None),
            "/data/bodies/0a.json"
        );
        assert_eq!(
            sub.versioned_file("bodies/0a.json", Some("00ff")),
            "/kiosque/data/bodies/0a.json?v=00ff"
        );
    }

    #[test]
    fn an_entity_of_two_articles_has_its_own_page_and_the_others_the_shell_page() {
        let root = Paths::from_base_uri("http://h/");
        let sub = Paths::from_base_uri("http://h/kiosque/");
        let entity = |articles| Entity {
            id: EntityId::new("loc-koursk").expect("a valid id"),
            label: kiosque_model::Label::Place,
            name: "Koursk".into(),
            aliases: vec![],
            articles,
            mentions: 3,
            value: None,
            confidence: None,
        };
        assert_eq!(root.entity(&entity(2)), "/entity/loc-koursk/");
        assert_eq!(sub.entity(&entity(40)), "/kiosque/entity/loc-koursk/");
        assert_eq!(root.entity(&entity(1)), "/entity/?id=loc-koursk");
        assert_eq!(sub.entity(&entity(1)), "/kiosque/entity/?id=loc-koursk");
        // No article at all (data that says so): no page of its own either.
        assert_eq!(root.entity(&entity(0)), "/entity/?id=loc-koursk");
    }

    #[test]
    fn an_article_page_is_known_by_its_path() {
        let root = Paths::from_base_uri("http://h/");
        let sub = Paths::from_base_uri("http://h/kiosque/");
        assert_eq!(root.article_at("/article/a-b/").as_deref(), Some("a-b"));
        assert_eq!(root.article_at("/article/a-b").as_deref(), Some("a-b"));
        assert_eq!(sub.article_at(&sub.article("x-1")).as_deref(), Some("x-1"));
        for other in [
            "/",
            "/article/",
            "/entity/loc-x/",
            "/kiosque/article/a/",
            "/article/a%20b/",
            "/article/a/b/",
        ] {
            assert_eq!(root.article_at(other), None, "{other}");
        }
        assert_eq!(sub.article_at("/article/a/"), None);
        assert_eq!(
            root.article_at(url_path("http://h:8080/article/a-b/?q=x#top"))
                .as_deref(),
            Some("a-b")
        );
    }

    #[test]
    fn an_entity_page_is_known_by_its_path() {
        let root = Paths::from_base_uri("http://h/");
        let sub = Paths::from_base_uri("http://h/kiosque/");
        for paths in [&root, &sub] {
            let base = paths.base();
            for page in ["/entity/loc-kursk/", "/entity/", "/entity"] {
                assert!(
                    paths.is_entity_page(&format!("{base}{page}")),
                    "{base}{page}"
                );
            }
            for other in ["/", "/article/a/", "/entityx/", "/identity/x/", "/try/"] {
                assert!(
                    !paths.is_entity_page(&format!("{base}{other}")),
                    "{base}{other}"
                );
            }
        }
        assert!(!sub.is_entity_page("/entity/loc-kursk/"));
        assert!(!root.is_entity_page("/kiosque/entity/x/"));
    }
}
