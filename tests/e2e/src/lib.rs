//! The browser-test harness, shared by the tests in `tests/` and the reader benchmark
//! (`kiosque-bench --bin reader`): a copy of the built `dist/` with chosen data, served by a
//! plain static file server that can also serve chosen paths with faults ([`server`]), and a
//! headless Chromium driven through chromedriver ([`browser`]), which checks every page it
//! waits for at a phone's and a desktop's width.

pub mod a11y;
pub mod browser;
pub mod server;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kiosque_cli::pages::settings::Settings;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_model::index::UncheckedIndex;
use kiosque_model::parts::{BucketArticle, CardLayout, SITE_FILE, bucket_of, bucket_path};

pub use browser::{Browser, CARD_IDS, cards_are, cards_are_first_of};
pub use server::Server;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Articles about Koursk that [`koursk_inputs`] writes, one a day in February 2025: more than an
/// entity page shows at first, so Koursk's page has a "Show more" and a timeline of its own.
pub const MORE_KOURSK: usize = 12;

/// The demo, the browser tests' fixtures (two more articles that mention Koursk) and
/// [`MORE_KOURSK`] articles about Koursk written in `dir`.
pub fn koursk_inputs(dir: &Path) -> Vec<PathBuf> {
    for n in 1..=MORE_KOURSK {
        std::fs::write(
            dir.join(format!("koursk-{n}.txt")),
            format!(
                "---\ntitle: Koursk, jour {n}\ndate: 2025-02-{n:02}\nsource: Kiosque test fixture\nlang: fr\n---\nLe jour {n}, les combats se poursuivent dans la région de Koursk, selon l’état-major.\nIl y a eu {n} attaques au nord de la ville de Koursk.\n"
            ),
        )
        .expect("an article written");
    }
    vec![
        repo().join("demo"),
        repo().join("tests/e2e/fixtures"),
        dir.to_owned(),
    ]
}

/// The built site under test: `$KIOSQUE_DIST` when set (a build of one's own, beside others'),
/// else the repository's `dist/`.
pub fn dist() -> PathBuf {
    std::env::var_os("KIOSQUE_DIST")
        .filter(|d| !d.is_empty())
        .map_or_else(|| repo().join("dist"), PathBuf::from)
}

/// Whether the browser tests run: only with `KIOSQUE_E2E=1` (set by `scripts/test`), and then
/// every piece they need must be there.
pub fn ready() -> bool {
    // Opt-in: a bare `cargo test` may find a stale dist/ and would start several browsers at
    // once; `scripts/test` builds dist/ first and runs these one at a time.
    if std::env::var("KIOSQUE_E2E").is_ok_and(|v| v == "1") {
        let missing: Vec<String> = [
            (!dist().join("index.html").is_file())
                .then(|| "dist/ (run `trunk build --release`)".to_owned()),
            which("chromedriver")
                .is_none()
                .then(|| "chromedriver (apt-get install chromium-driver)".to_owned()),
        ]
        .into_iter()
        .flatten()
        .collect();
        assert!(
            missing.is_empty(),
            "browser tests need {}",
            missing.join(", ")
        );
        return true;
    }
    eprintln!(
        "skipped: browser tests run with KIOSQUE_E2E=1 against a fresh dist/; `scripts/test` does both"
    );
    false
}

/// The path of `program` found on `$PATH`.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_string_lossy()
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
}

/// Waits up to 20 s for something to listen on `port` of 127.0.0.1; panics naming `what` if
/// nothing does.
pub fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The archive-sized site that `scripts/test` builds before the browser tests (10,000 articles
/// generated from `../shared`, with its pages): `$KIOSQUE_LARGE_SITE`. None, with a message
/// saying why, when it was not built.
pub fn large_site() -> Option<PathBuf> {
    prebuilt_site(
        "KIOSQUE_LARGE_SITE",
        "no archive-sized site (scripts/test builds one from ../shared)",
    )
}

/// The demo site built with tiny search shards (`KIOSQUE_SEARCH_SHARD_BYTES`), so that a search
/// needs several shards: `$KIOSQUE_TINY_SHARDS_SITE`, built by `scripts/test`. None, with a
/// message, when it was not built.
pub fn tiny_shards_site() -> Option<PathBuf> {
    prebuilt_site(
        "KIOSQUE_TINY_SHARDS_SITE",
        "no demo site with tiny search shards (scripts/test builds one)",
    )
}

/// A site built before the tests, named by the environment variable `var`.
fn prebuilt_site(var: &str, missing: &str) -> Option<PathBuf> {
    match std::env::var_os(var).filter(|p| !p.is_empty()) {
        Some(path) if Path::new(&path).join("data/site.json").is_file() => Some(path.into()),
        Some(path) => panic!("{var}={} has no data/site.json", Path::new(&path).display()),
        None => {
            eprintln!("skipped: {missing} and sets {var}");
            None
        }
    }
}

/// A built site with its own data, served on a free port.
pub struct Site {
    // Declared first: the server stops before its files are removed.
    server: Server,
    root: PathBuf,
    /// The publishing settings its pages are rendered with.
    settings: Settings,
    /// The copy this site owns, if any (none for [`Site::existing`]).
    _dir: Option<tempfile::TempDir>,
}

impl Site {
    /// The repository's `dist/` with data built from `inputs` (and its pages rendered).
    pub fn with_inputs(inputs: &[PathBuf]) -> Site {
        Site::published(inputs, "/", None)
    }

    /// The repository's `dist/` with data built from `inputs`, published at `public_url` (`/`
    /// or a sub-path such as `/kiosque/`: the dist's `index.html` is made as `trunk build
    /// --public-url` makes it, and the server serves the site there) with the settings of the
    /// `kiosque.toml` text `config` (as `kiosque pages --config` reads them; the default
    /// settings without one).
    pub fn published(inputs: &[PathBuf], public_url: &str, config: Option<&str>) -> Site {
        assert!(
            public_url.starts_with('/') && public_url.ends_with('/'),
            "a public URL is a path from / to /: {public_url}"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let served = dir.path().join("site");
        let root = served.join(public_url.trim_matches('/'));
        copy_dir(&dist(), &root);
        // Drop the demo data and pages; `rebuild` writes those of these inputs.
        let _ = std::fs::remove_dir_all(root.join("article"));
        let _ = std::fs::remove_dir_all(root.join("entity"));
        std::fs::remove_dir_all(root.join("data")).expect("dist has data/");
        let index = root.join("index.html");
        let html = std::fs::read_to_string(&index).expect("dist/index.html");
        std::fs::write(&index, with_public_url(&html, &root, public_url)).expect("index.html");
        let settings = match config {
            Some(text) => {
                let file = dir.path().join("kiosque.toml");
                std::fs::write(&file, text).expect("kiosque.toml");
                Settings::read(&file).unwrap_or_else(|e| panic!("{e}"))
            }
            None => Settings::default(),
        };
        let site = Site {
            server: Server::start(&served),
            root,
            settings,
            _dir: Some(dir),
        };
        site.rebuild(inputs);
        site
    }

    /// The repository's `dist/` exactly as built.
    pub fn dist() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&dist(), &root);
        Site {
            server: Server::start(&root),
            root,
            settings: Settings::default(),
            _dir: Some(dir),
        }
    }

    /// A site built elsewhere (by `scripts/test`: see [`large_site`]), served as it is: tests
    /// must not change it.
    pub fn existing(root: PathBuf) -> Site {
        let server = Server::start(&root);
        Site {
            server,
            root,
            settings: Settings::default(),
            _dir: None,
        }
    }

    /// Builds the data of `inputs` into the site, replacing its data, and renders its pages, as
    /// a publisher does with `kiosque build … --out dist/data` and `kiosque pages`.
    pub fn rebuild(&self, inputs: &[PathBuf]) {
        let options = kiosque_cli::commands::build::BuildOptions {
            inputs: inputs.to_vec(),
            out: self.root.join("data"),
            strict: true,
            quiet: true,
            all_messages: false,
            max_article_size: kiosque_cli::input::DEFAULT_MAX_ARTICLE_SIZE,
            cache: kiosque_cli::commands::build::CacheChoice::Off,
            names: self.settings.language.clone(),
        };
        kiosque_cli::commands::build::run(&options, Knowledge::builtin).expect("data builds");
        self.render_pages();
    }

    /// Renders the static pages from the site's data (`kiosque pages`, with the site's
    /// settings).
    pub fn render_pages(&self) {
        kiosque_cli::commands::pages::run_with(&self.root, &self.settings, None, true)
            .expect("pages render");
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.server.port())
    }

    /// The site's files, to break them on purpose.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The address of the reader app's wasm piece whose name starts with `prefix`
    /// (`split_article_page-`, `chunk_`: they are named by their content, docs/wasm-split.md),
    /// if the build has one.
    fn app_piece(&self, prefix: &str) -> Option<String> {
        std::fs::read_dir(&self.root)
            .ok()?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find(|name| name.starts_with(prefix) && name.ends_with(".wasm"))
            .map(|name| format!("/{name}"))
    }

    /// The addresses of the reader app's pieces: the article page's, the chunk shared with the
    /// entity pages, the entity pages'. `None` when the build has none, said on stderr; under
    /// `CI` that fails the test: CI's build has them.
    pub fn app_pieces(&self) -> Option<[String; 3]> {
        let pieces = [
            self.app_piece("split_article_page-"),
            self.app_piece("chunk_"),
            self.app_piece("split_entity_page-"),
        ];
        if pieces.iter().any(Option::is_none) {
            assert!(
                std::env::var_os("CI").is_none(),
                "{}: the build has no wasm pieces (docs/wasm-split.md)",
                self.root.display()
            );
            eprintln!("skipped: the build has no wasm pieces");
            return None;
        }
        Some(pieces.map(Option::unwrap_or_default))
    }

    /// The server, to serve paths with faults.
    pub fn server(&self) -> &Server {
        &self.server
    }

    /// The site's data read whole ([`kiosque_model::parts::read_all`]): every article and
    /// entity as one index (newest first), and every article's body with its summary.
    pub fn read_all(&self) -> (UncheckedIndex, Vec<BucketArticle<String>>) {
        let data = self.root.join("data");
        kiosque_model::parts::read_all(|file: &str| std::fs::read_to_string(data.join(file)))
            .unwrap_or_else(|e| panic!("the site's data in {}: {e}", data.display()))
    }

    /// The article that mentions `entity` with the most entities of its own (on the demo data
    /// and Koursk, the demo article).
    pub fn richest_article_mentioning(&self, entity: &str) -> String {
        self.read_all()
            .0
            .articles
            .into_iter()
            .filter(|a| a.entities.iter().any(|e| e == entity))
            .max_by_key(|a| a.entities.len())
            .map(|a| a.id)
            .unwrap_or_else(|| panic!("no article mentions {entity}"))
    }

    /// The site's articles and entities as one index, in JSON: `{"articles": […],
    /// "entities": […], "search": …}` (what v1's `index.json` held).
    pub fn index_json(&self) -> serde_json::Value {
        serde_json::to_value(self.read_all().0).expect("an index serialises")
    }

    /// The ids of the site's articles, in the order of its index (newest first).
    pub fn article_ids(&self) -> Vec<String> {
        self.read_all()
            .0
            .articles
            .into_iter()
            .map(|a| a.id)
            .collect()
    }

    /// The URL path of the body file that holds article `id` (`/data/bodies/<b>.json`).
    pub fn body_path(&self, id: &str) -> String {
        let buckets = self.read_json(SITE_FILE)["buckets"]
            .as_u64()
            .and_then(|b| u32::try_from(b).ok())
            .expect("site.json says how many body files there are");
        format!("/data/{}", bucket_path(bucket_of(id, buckets), buckets))
    }

    /// Holds back every part of the whole site (summary pages, entity parts) until released:
    /// the paths held (from the server's root), for the server's `clear`.
    pub fn hold_whole_site(&self) -> Vec<String> {
        let parts: Vec<String> = self.parts().iter().map(|p| format!("/data/{p}")).collect();
        self.server().set_each(&parts, &server::Fault::Hold);
        parts
    }

    /// The paths (relative to `data/`) of the site's summary pages and entity parts, as
    /// `site.json` names them.
    pub fn parts(&self) -> Vec<String> {
        let site = self.read_json(SITE_FILE);
        ["summaries", "entity_parts"]
            .iter()
            .flat_map(|key| site[key].as_array().cloned().unwrap_or_default())
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect()
    }

    /// The paths (relative to `data/`) of the site's card pages, in `site.json`'s order (the
    /// oldest articles' page first).
    pub fn card_pages(&self) -> Vec<String> {
        self.read_json(SITE_FILE)["card_pages"]
            .as_array()
            .expect("site.json names its card pages")
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect()
    }

    /// How the site's card pages cut its articles, as `site.json` says.
    pub fn card_layout(&self) -> CardLayout {
        let site = self.read_json(SITE_FILE);
        (serde_json::from_value::<kiosque_model::parts::SiteFile<String>>(site).ok())
            .and_then(|site| site.card_layout())
            .expect("site.json has card pages")
    }

    /// The card pages as the server is asked for them (`/data/cards/…`), in `site.json`'s
    /// order.
    pub fn card_page_paths(&self) -> Vec<String> {
        self.card_pages()
            .iter()
            .map(|p| format!("/data/{p}"))
            .collect()
    }

    /// Changes the site's data files in place: `edit` gets each JSON file's path (relative to
    /// `data/`: `site.json`, summary pages, entity parts, body files) and its value; those it
    /// changes are written back, under the same name.
    pub fn edit_data(&self, mut edit: impl FnMut(&str, &mut serde_json::Value)) {
        let mut files = vec![SITE_FILE.to_owned()];
        files.extend(self.parts());
        let bodies = std::fs::read_dir(self.root.join("data/bodies")).expect("bodies/");
        files.extend(
            bodies.map(|e| format!("bodies/{}", e.expect("entry").file_name().to_string_lossy())),
        );
        for file in files {
            let before = self.read_json(&file);
            let mut value = before.clone();
            edit(&file, &mut value);
            if value != before {
                self.write_json(&file, &value);
            }
        }
    }

    /// The site's data file `path` (relative to `data/`), parsed.
    pub fn read_json(&self, path: &str) -> serde_json::Value {
        let file = self.root.join("data").join(path);
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// Replaces the site's data file `path` (relative to `data/`).
    pub fn write_json(&self, path: &str, value: &serde_json::Value) {
        let file = self.root.join("data").join(path);
        std::fs::write(&file, value.to_string())
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    }
}

/// The `index.html` of the dist in `root`, built with the public URL `/`, as Trunk builds it
/// with `--public-url public_url`: its `<base href>` and its links to the app's files at the
/// dist's root start with `public_url`. (Trunk's loader script changes with them: `kiosque
/// pages` writes the Content-Security-Policy for the script the page has.)
fn with_public_url(html: &str, root: &Path, public_url: &str) -> String {
    let mut html = html.replace("<base href=\"/\"", &format!("<base href=\"{public_url}\""));
    for entry in std::fs::read_dir(root).expect("the dist") {
        let entry = entry.expect("entry");
        if entry.path().is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            for quote in ['"', '\''] {
                html = html.replace(
                    &format!("{quote}/{name}"),
                    &format!("{quote}{public_url}{name}"),
                );
            }
        }
    }
    html
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The first of the whole site's parts (paths as [`Site::hold_whole_site`] gives them) the app
/// asks for: an entity part (the summary pages are read against the entity table).
pub fn entity_part(parts: &[String]) -> &String {
    parts
        .iter()
        .find(|p| p.starts_with("/data/entities/"))
        .expect("an entity part")
}
