//! A headless Chromium driven through chromedriver, with the checks every page gets: each state
//! a test waits for is also laid out at a phone's and a desktop's width and must not overflow
//! sideways ([`Browser::assert_fits`]).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::{repo, wait_for_port};

/// The widths every page is checked at, in CSS pixels: a small phone and a desktop. The first
/// is the window's width between checks.
pub const WIDTHS: [u32; 2] = [1280, 360];

/// The window's height.
const HEIGHT: u32 = 900;

/// Brings the element matching `arguments[0]` into view (only if it is not: `nearest`) and
/// answers once its place has not changed between two animation frames.
const STAND_STILL: &str = r#"
const [css, done] = arguments;
const element = document.querySelector(css);
if (!element) { done(false); return; }
element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
let last = null;
const check = () => {
  const r = element.getBoundingClientRect();
  const now = `${r.top},${r.left},${r.width},${r.height}`;
  if (now === last) { done(true); } else { last = now; requestAnimationFrame(check); }
};
requestAnimationFrame(check);
"#;

/// What overflows the viewport sideways: the page itself, or any element that reaches past the
/// right edge or is wider than the viewport, except inside an element that clips or scrolls its
/// own content (that element is checked itself); and a type marker wrapped to a line of its
/// own, apart from the name it marks. Returns one line per problem, at most eight.
const OVERFLOW: &str = r#"
const root = document.documentElement;
const width = root.clientWidth;
const problems = [];
if (root.scrollWidth > width) {
  problems.push(`the page is ${root.scrollWidth} px wide in a ${width} px viewport`);
}
const clipped = (el) => {
  for (let p = el.parentElement; p && p !== document.body && p !== root; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true;
  }
  return false;
};
const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  const right = r.right + window.scrollX;
  if ((right > width + 1 || r.width > width + 1) && !clipped(el)) {
    const text = (el.textContent || '').trim().slice(0, 40);
    problems.push(`${name(el)} (${Math.round(r.width)} px wide, right edge at ${Math.round(right)} px): ${JSON.stringify(text)}`);
    if (problems.length >= 8) break;
  }
}
// A mention's or entity link's type marker (generated after its last letter) never wraps to a
// line of its own: the last line of the element must hold its last letter.
for (const el of document.body.querySelectorAll('.mention, .marked')) {
  const rects = el.getClientRects();
  if (rects.length < 2 || problems.length >= 8) continue;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let last = null;
  while (walker.nextNode()) if (walker.currentNode.data.trim()) last = walker.currentNode;
  if (!last) continue;
  const end = last.data.trimEnd().length;
  const range = document.createRange();
  range.setStart(last, end - 1);
  range.setEnd(last, end);
  if (range.getBoundingClientRect().bottom <= rects[rects.length - 1].top + 1) {
    problems.push(`the type marker of ${name(el)} wraps alone: ${JSON.stringify(el.textContent.trim().slice(0, 40))}`);
  }
}
return problems;
"#;

/// A child process killed when dropped.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A JavaScript expression: the ids of the article cards shown, in order.
pub const CARD_IDS: &str =
    "Array.from(document.querySelectorAll('article.card')).map(c => c.dataset.articleId)";

/// A JavaScript condition: the cards shown are exactly `ids`, in order.
pub fn cards_are(ids: &[String]) -> String {
    let expected = serde_json::to_string(ids).expect("ids serialise");
    format!("JSON.stringify({CARD_IDS}) === {expected:?}")
}

/// A JavaScript condition: the cards shown are the first of `ids`, in order, at least
/// `at_least` of them (all of `ids` when there are fewer): a first screenful of a list.
pub fn cards_are_first_of(ids: &[String], at_least: usize) -> String {
    let expected = serde_json::to_string(ids).expect("ids serialise");
    format!(
        "(() => {{ const shown = {CARD_IDS}; const expected = {expected}; \
           return shown.length >= Math.min({at_least}, expected.length) \
             && shown.every((id, i) => id === expected[i]); }})()"
    )
}

/// A headless Chromium session; quits when dropped.
pub struct Browser {
    pub client: Client,
    _driver: Guard,
    _profile: tempfile::TempDir,
}

/// True once the app has started: it removes the pre-rendered page when it mounts.
const APP_STARTED: &str =
    "return document.readyState === 'complete' && !document.getElementById('prerender');";

/// True when the page has loaded and waits for the reader's first use of a control to start
/// the app (docs/wasm-split.md, "The app on first use"): it shows a pre-rendered page (with its
/// `<main>`) and its address asks for no view.
const WAITS_FOR_USE: &str = "const page = document.getElementById('prerender'); \
     return document.readyState === 'complete' && !!page && !!page.querySelector('main') \
       && !document.documentElement.classList.contains('kiosque-view');";

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
                    "--disable-dev-shm-usage", format!("--window-size={},{HEIGHT}", WIDTHS[0]),
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

    /// Opens `url` and waits for the app to have replaced the pre-rendered page, at the
    /// window's width as it is ([`Browser::open`] checks the layout at every width, which
    /// leaves the window at its usual width): for a page that must load as on a phone.
    pub async fn open_at_this_width(&self, url: &str) {
        self.client.goto(url).await.expect("navigation");
        self.started().await;
    }

    /// Starts the app as a reader would ([`Browser::start_app`]) and waits until it has
    /// replaced the pre-rendered page, at the window's width as it is.
    pub async fn started(&self) {
        self.start_app().await;
        self.poll("the app to start", APP_STARTED).await;
    }

    /// Waits until the app has started: it removes the pre-rendered page when it mounts. A
    /// page that waits for the reader's first use of a control is started as a reader would:
    /// by pointing at its search box.
    pub async fn wait_for_app(&self) {
        self.start_app().await;
        self.wait_until("the app to start", APP_STARTED).await;
    }

    /// Opens `url` as a reader's browser does, its app not started (a pre-rendered page waits
    /// for the reader's first use of a control), and returns once the page has loaded.
    pub async fn open_pre_rendered(&self, url: &str) {
        self.client.goto(url).await.expect("navigation");
        self.poll(
            "the page to load",
            "return document.readyState === 'complete';",
        )
        .await;
    }

    /// The address of the app's wasm, which the page's start script fetches (`data-wasm`).
    pub async fn app_wasm(&self) -> String {
        self.attr("script[data-wasm]", "data-wasm")
            .await
            .expect("the start script names the app's wasm")
    }

    /// Whether the page shows its pre-rendered content and waits for a first use of a control
    /// to start the app.
    pub async fn waits_for_use(&self) -> bool {
        self.eval_bool(WAITS_FOR_USE).await
    }

    /// Starts the app of a page that waits for the reader's first use of a control, as a
    /// reader would: the pointer onto the search box (the start script counts it once it has
    /// stayed there 65 ms), then away in the page's corner. Returns once the app is asked for,
    /// not once it has started: see [`Browser::wait_for_app`].
    pub async fn start_app(&self) {
        self.poll(
            "the page to load",
            "return document.readyState === 'complete';",
        )
        .await;
        if !self.waits_for_use().await {
            return;
        }
        self.point_at("#site-search").await;
        tokio::time::sleep(Duration::from_millis(150)).await;
        self.point_away().await;
    }

    /// Moves the pointer onto the middle of the first line of the first element matching
    /// `css` (from the page's corner, so that the pointer enters it even if it was there).
    pub async fn point_at(&self, css: &str) {
        self.point_away().await;
        let (x, y) = self.middle_of(css).await;
        self.move_pointer(x, y).await;
    }

    /// The middle of the first line of the first element matching `css`, in the viewport.
    pub async fn middle_of(&self, css: &str) -> (f64, f64) {
        let at = self
            .eval_string(&format!(
                "const r = document.querySelector({css:?})?.getClientRects()[0]; \
                 return r ? `${{r.left + r.width / 2}},${{r.top + r.height / 2}}` : '';"
            ))
            .await;
        let (x, y) = at
            .split_once(',')
            .unwrap_or_else(|| panic!("no element {css} to point at"));
        (x.parse().expect("x"), y.parse().expect("y"))
    }

    /// Presses the mouse's main button at `(x, y)` (the pointer there), without releasing it.
    pub async fn press_at(&self, (x, y): (f64, f64)) {
        self.move_pointer(x, y).await;
        self.mouse_button("mousePressed", x, y).await;
    }

    /// Releases the mouse's main button at `(x, y)`, the pointer moved there first.
    pub async fn release_at(&self, (x, y): (f64, f64)) {
        self.move_pointer(x, y).await;
        self.mouse_button("mouseReleased", x, y).await;
    }

    async fn mouse_button(&self, kind: &str, x: f64, y: f64) {
        self.cdp(
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": u8::from(kind == "mousePressed"), "clickCount": 1 }),
        )
        .await
        .unwrap_or_else(|e| panic!("the mouse's {kind}: {e}"));
    }

    /// Moves the pointer to the page's corner, where nothing reacts to it.
    pub async fn point_away(&self) {
        self.move_pointer(1.0, 1.0).await;
    }

    async fn move_pointer(&self, x: f64, y: f64) {
        self.cdp(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseMoved", "x": x, "y": y }),
        )
        .await
        .expect("the pointer moved");
    }

    /// Waits until the page shows at least one article card (`what` names the wait in the
    /// timeout's message).
    pub async fn wait_for_any_card(&self, what: &str) {
        self.wait_until(
            what,
            "return document.querySelectorAll('article.card').length > 0;",
        )
        .await;
    }

    /// Clicks the first element matching a CSS selector, as a reader would: once it is in view
    /// and has stood still for a frame. (A click computed while the page still moved, e.g. just
    /// after [`Browser::assert_fits`] laid it out at every width, can land beside the element:
    /// a "show more" button half below the window once took no click.)
    pub async fn click(&self, css: &str) {
        self.client
            .execute_async(STAND_STILL, vec![serde_json::json!(css)])
            .await
            .unwrap_or_else(|e| panic!("no element {css} standing still: {e}"));
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Types `text` into the first element matching a CSS selector, as a reader would (one
    /// key at a time, each firing its input event).
    pub async fn type_into(&self, css: &str, text: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Runs `script` (a function body) and reads its result as a string ("" on error).
    pub async fn eval_string(&self, script: &str) -> String {
        self.client
            .execute(script, vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Goes back in the history.
    pub async fn back(&self) {
        self.client.back().await.expect("history back");
    }

    /// Goes forward in the history.
    pub async fn forward(&self) {
        self.client.forward().await.expect("history forward");
    }

    /// An attribute of the first element matching a CSS selector.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let element = self.client.find(Locator::Css(css)).await.ok()?;
        element.attr(name).await.ok().flatten()
    }

    /// The ids of the article cards shown, in order.
    pub async fn card_ids(&self) -> Vec<String> {
        self.client
            .execute(&format!("return {CARD_IDS};"), vec![])
            .await
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    /// From the list of cards shown (`ids`, in order, at least three), opens the second card's
    /// article: its previous and next are the first and third; following next opens the third,
    /// whose previous is the second (and next the fourth, when there is one).
    pub async fn walk_list_from_second_card(&self, ids: &[String]) {
        let link = |rel: &str, id: &str| {
            format!(
                "(document.querySelector('.list-neighbours a[rel={rel}]')?.getAttribute('href') ?? '').endsWith('/article/{id}/')"
            )
        };
        self.click(&format!(
            "article.card[data-article-id='{}'] .card-title a",
            ids[1]
        ))
        .await;
        self.wait_until(
            "the second article between the first and the third",
            &format!(
                "return {} && {};",
                link("prev", &ids[0]),
                link("next", &ids[2])
            ),
        )
        .await;
        self.click(".list-neighbours a[rel=next]").await;
        let next = ids.get(3).map_or("true".to_owned(), |id| link("next", id));
        self.wait_until(
            "the third article, after the second",
            &format!(
                "return location.pathname.endsWith('/article/{}/') && {} && {next};",
                ids[2],
                link("prev", &ids[1])
            ),
        )
        .await;
    }

    /// Waits until the keyboard focus is in the card of article `id`.
    pub async fn wait_for_focused_card(&self, what: &str, id: &str) {
        self.wait_until(
            what,
            &format!(
                "return document.activeElement?.closest('article.card')?.dataset.articleId === '{id}';"
            ),
        )
        .await;
    }

    /// Waits until the cards shown are exactly `ids`, in order.
    pub async fn wait_for_cards(&self, what: &str, ids: &[String]) {
        self.wait_until(what, &format!("return {};", cards_are(ids)))
            .await;
    }

    /// Asserts that nothing was logged to the console as an error so far.
    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:?}");
    }

    /// Waits up to 15 s for `script` (a JavaScript function body returning a boolean) to be
    /// true, then checks that the page fits at every width ([`Browser::assert_fits`]).
    pub async fn wait_until(&self, what: &str, script: &str) {
        self.poll(what, script).await;
        self.assert_fits(what).await;
    }

    /// Waits up to 15 s for `script` to be true, at the window's width as it is: no layout check
    /// (which lays the page out at every width), for a test that must stay at a phone's width,
    /// e.g. with the focus on a control only shown there.
    pub async fn wait_at_this_width(&self, what: &str, script: &str) {
        self.poll(what, script).await;
    }

    /// Waits up to 15 s for `script` to be true.
    async fn poll(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.eval_bool(script).await {
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

    /// Runs `script` (a function body) and reads its result as a boolean, false on error.
    pub async fn eval_bool(&self, script: &str) -> bool {
        self.client
            .execute(script, vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// Asserts that the page as it is now does not overflow sideways at any of [`WIDTHS`]
    /// (see [`Browser::overflows`]); a screenshot of each failing width is saved.
    pub async fn assert_fits(&self, what: &str) {
        let failures = self.overflows(what).await;
        assert!(
            failures.is_empty(),
            "{what} ({}) overflows sideways {}",
            self.url().await,
            failures.join(" | ")
        );
    }

    /// What overflows sideways at each of [`WIDTHS`], one line per failing width: the document
    /// wider than the viewport, or an element reaching past its right edge (see [`OVERFLOW`]).
    /// Leaves the window at its usual width.
    pub async fn overflows(&self, what: &str) -> Vec<String> {
        let mut failures = Vec::new();
        for width in WIDTHS.into_iter().skip(1).chain([WIDTHS[0]]) {
            self.resize(width).await;
            let problems: Vec<String> = self
                .client
                .execute(OVERFLOW, vec![])
                .await
                .ok()
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_else(|| vec!["the layout check could not run".to_owned()]);
            if !problems.is_empty() {
                let name = format!("overflow-{width}-{}", what.replace(' ', "-"));
                let _ = self.screenshot(&name).await;
                failures.push(format!("at {width} px: {}", problems.join("; ")));
            }
        }
        failures
    }

    /// Sets the viewport to `width` CSS pixels and waits until the page has it.
    pub async fn resize(&self, width: u32) {
        self.client
            .set_window_size(width, HEIGHT)
            .await
            .expect("the window can be resized");
        self.poll(
            &format!("a {width} px wide viewport"),
            &format!("return window.innerWidth === {width};"),
        )
        .await;
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

    /// Runs a Chrome DevTools Protocol command (`Domain.method` with its parameters) in the
    /// page's DevTools session, through chromedriver, and returns its result.
    pub async fn cdp(
        &self,
        command: &str,
        params: Value,
    ) -> Result<Value, fantoccini::error::CmdError> {
        self.client
            .issue_cmd(Cdp {
                command: command.to_owned(),
                params,
            })
            .await
    }

    /// Empties the browser's HTTP cache, so that what the page fetches next is asked of the
    /// server: the test server sends no `Cache-Control`, and a file fetched a few seconds
    /// before may be served from the cache by heuristic, past a fault or a hold set since.
    pub async fn clear_cache(&self) {
        self.cdp("Network.clearBrowserCache", json!({}))
            .await
            .expect("DevTools Network.clearBrowserCache");
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

/// chromedriver's (non-standard) endpoint for a DevTools Protocol command.
#[derive(Debug)]
struct Cdp {
    command: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
