//! The browser-test harness: a copy of the built `dist/` with chosen data, served by a plain
//! static file server (Python's `http.server`: no rewrites, no SPA fallback), and a headless
//! Chromium driven through chromedriver.
#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use kiosque_extract::ner::knowledge::Knowledge;
use serde_json::{Value, json};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether the browser tests run: only with `KIOSQUE_E2E=1` (set by `scripts/test`), and then
/// every piece they need must be there.
pub fn ready() -> bool {
    // Opt-in: a bare `cargo test` may find a stale dist/ and would start several browsers at
    // once; `scripts/test` builds dist/ first and runs these one at a time.
    if std::env::var("KIOSQUE_E2E").is_ok_and(|v| v == "1") {
        let missing: Vec<String> = [
            (!repo().join("dist/index.html").is_file())
                .then(|| "dist/ (run `trunk build --release`)".to_owned()),
            which("chromedriver")
                .is_none()
                .then(|| "chromedriver (apt-get install chromium-driver)".to_owned()),
            which("python3").is_none().then(|| "python3".to_owned()),
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

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_string_lossy()
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A built site with its own data, served on a free port.
pub struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    _server: Guard,
    port: u16,
}

impl Site {
    /// The repository's `dist/` with data built from `inputs` (and its pages rendered).
    pub fn with_inputs(inputs: &[PathBuf]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&repo().join("dist"), &root);
        let options = kiosque_cli::commands::build::BuildOptions {
            inputs: inputs.to_vec(),
            out: root.join("data"),
            strict: true,
            quiet: true,
            max_article_size: kiosque_cli::input::DEFAULT_MAX_ARTICLE_SIZE,
        };
        // Drop the demo pages, then build the data and pages for these inputs.
        let _ = std::fs::remove_dir_all(root.join("article"));
        let _ = std::fs::remove_dir_all(root.join("entity"));
        std::fs::remove_dir_all(root.join("data")).expect("dist has data/");
        kiosque_cli::commands::build::run(&options, Knowledge::builtin()).expect("data builds");
        kiosque_cli::commands::pages::run(&root, "Kiosque").expect("pages render");
        Site::serve(dir, root)
    }

    /// The repository's `dist/` exactly as built.
    pub fn dist() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&repo().join("dist"), &root);
        Site::serve(dir, root)
    }

    fn serve(dir: tempfile::TempDir, root: PathBuf) -> Site {
        let port = free_port();
        let child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                "--bind",
                "127.0.0.1",
                &port.to_string(),
                "--directory",
            ])
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m http.server starts");
        let server = Guard(child);
        wait_for_port(port, "the static server");
        Site {
            _dir: dir,
            root,
            _server: server,
            port,
        }
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The site's files, to break them on purpose.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

fn copy_dir(from: &Path, to: &Path) {
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

/// A headless Chromium session; quits when dropped.
pub struct Browser {
    pub client: Client,
    _driver: Guard,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A fresh browser: new profile, nothing cached.
    pub async fn new() -> Browser {
        let port = free_port();
        let driver = Guard(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_for_port(port, "chromedriver");
        let profile = tempfile::tempdir().expect("profile dir");
        let chromium = [
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ]
        .into_iter()
        .find(|p| Path::new(p).is_file())
        .expect("a Chromium binary");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(caps) = caps else {
            unreachable!("a JSON object")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Browser {
            client,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Opens `url` and waits for the app to have replaced the pre-rendered page.
    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("navigation");
        self.wait_for_app().await;
    }

    /// Waits until the app has started: it removes the pre-rendered page when it mounts.
    pub async fn wait_for_app(&self) {
        self.wait_until(
            "the app to start",
            "return document.readyState === 'complete' && !document.getElementById('prerender');",
        )
        .await;
    }

    /// Clicks the first element matching a CSS selector.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// An attribute of the first element matching a CSS selector.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.attr(name).await.ok().flatten()
    }

    /// The ids of the article cards shown, in order.
    pub async fn card_ids(&self) -> Vec<String> {
        self.client
            .execute(
                "return Array.from(document.querySelectorAll('article.card')).map(c => c.dataset.articleId);",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    /// Waits up to 15 s for `script` (a JavaScript function body returning a boolean) to be true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let ok = self
                .client
                .execute(script, vec![])
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if ok {
                return;
            }
            if Instant::now() > deadline {
                let _ = self
                    .screenshot(&format!("timeout-{}", what.replace(' ', "-")))
                    .await;
                panic!(
                    "timed out waiting for {what} (url: {:?})",
                    self.client.current_url().await.map(|u| u.to_string())
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The number of elements matching a CSS selector.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.client
            .execute("return document.body.innerText;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// Console errors and uncaught exceptions logged so far (chromedriver's browser log).
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .unwrap_or(Value::Array(vec![]));
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| e["level"] == "SEVERE")
                    .filter_map(|e| e["message"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a screenshot under `tests/e2e/artifacts/NAME.png` for people to look at.
    pub async fn screenshot(&self, name: &str) -> Option<PathBuf> {
        let png = self.client.screenshot().await.ok()?;
        let dir = repo().join("tests/e2e/artifacts");
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).ok()?;
        Some(path)
    }

    /// Ends the session.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// chromedriver's (non-standard) endpoint for the browser console log.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type": "browser"}"#.to_owned()),
        )
    }
}
