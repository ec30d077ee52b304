//! Loading the site data (data contract 2, [`kiosque_model::parts`]): `site.json` first, which
//! is enough for the home page's first screen; the whole site (every summary page and entity
//! part) when a view needs it; an article's body file for its page. Failures are typed values
//! that the views show with a way forward.

use std::cell::RefCell;
use std::sync::Arc;

use kiosque_model::index::{Corpus, IndexError};
use kiosque_model::notices::{LoadProblem, load_problem, schema_mismatch};
use kiosque_model::parts::{
    self, BodyBucket, EntityPart, SiteFile, SummaryPage, bucket_of, bucket_path,
};
use kiosque_model::ui::Language;
use kiosque_model::validate::whole::EntityTable;
use kiosque_model::validate::{self, Problem};
use kiosque_model::{ArticleBody, ArticleSummary, SchemaError};
use thiserror::Error;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

use crate::paths::Paths;

/// Why data could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppError {
    /// The request did not get an answer (offline, server down, blocked).
    #[error(
        "{}",
        load_problem(Language::En, url, LoadProblem::Unreachable(message))
    )]
    Network {
        /// What was requested.
        url: String,
        /// The browser's reason.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{}", load_problem(Language::En, url, LoadProblem::Status(*status)))]
    Status {
        /// What was requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The file is not valid JSON of the expected shape.
    #[error("{}", load_problem(Language::En, url, LoadProblem::Malformed(message)))]
    Malformed {
        /// What was requested.
        url: String,
        /// serde's message, with line and column.
        message: String,
    },
    /// The data is of a schema version this app cannot read.
    #[error("This site's data cannot be read: {0}.")]
    Schema(#[from] SchemaError),
}

impl AppError {
    /// What went wrong, for the reader, in the interface's language (`Display` is the English
    /// one, for the console).
    pub fn message(&self, language: Language) -> String {
        match self {
            AppError::Network { url, message } => {
                load_problem(language, url, LoadProblem::Unreachable(message))
            }
            AppError::Status { url, status } => {
                load_problem(language, url, LoadProblem::Status(*status))
            }
            AppError::Malformed { url, message } => {
                load_problem(language, url, LoadProblem::Malformed(message))
            }
            AppError::Schema(error) => schema_mismatch(language, error),
        }
    }
}

/// How much to trust the browser's cached copy of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Use the cache as the server allows: content-named parts, body files (named by the
    /// article's fingerprint), search files.
    Cached,
    /// Ignore the cache: for `site.json`, which changes whenever the site is rebuilt (a stale
    /// copy names parts a rebuild removed), for a body file found stale, and for
    /// retries, where the cached copy may be the broken one. Revalidating is not enough: servers
    /// that compare modification times in whole seconds (Python's `http.server`) answer "not
    /// modified" for a file replaced within the same second.
    Reload,
}

/// A request the browser has sent: its URL and the answer to come. Requests started one after
/// the other run at the same time; their answers are then read in any order.
pub(crate) struct Started {
    url: String,
    answer: JsFuture,
}

/// Sends a request for `url` at once, with the browser's own `fetch` (an HTTP client library
/// costs the app bytes for nothing here: see `docs/app-size.md`), or takes the one the app's
/// start script already sent for it ([`handed_over`]).
pub(crate) fn start(url: &str, freshness: Freshness) -> Started {
    let promise = match web_sys::window() {
        Some(window) => handed_over(&window, url, freshness).unwrap_or_else(|| {
            let init = RequestInit::new();
            if freshness == Freshness::Reload {
                init.set_cache(RequestCache::Reload);
            }
            window.fetch_with_str_and_init(url, &init)
        }),
        None => js_sys::Promise::reject(&JsValue::from_str("no window")),
    };
    Started {
        url: url.to_owned(),
        answer: JsFuture::from(promise),
    }
}

/// The requests the app's start script sent before the app was there, so that their round trip
/// runs beside the app's own files (`crates/kiosque-cli/src/pages/start.js`): `site.json`, which
/// every page reads first, and the files a pre-rendered control pressed names (`data-prefetch`:
/// a facet's posting file). `window.kiosqueStarted` maps each URL, as the app asks for it, to
/// `{answer, reload}` (`reload`: sent ignoring the cache). A request is taken once, so a retry
/// asks again; one sent with the cache does not answer a request that must ignore it.
fn handed_over(
    window: &web_sys::Window,
    url: &str,
    freshness: Freshness,
) -> Option<js_sys::Promise> {
    let started = js_sys::Reflect::get(window, &JsValue::from_str("kiosqueStarted"))
        .ok()
        .filter(JsValue::is_object)?;
    let key = JsValue::from_str(url);
    let request = js_sys::Reflect::get(&started, &key)
        .ok()
        .filter(JsValue::is_object)?;
    let field = |name: &str| js_sys::Reflect::get(&request, &JsValue::from_str(name)).ok();
    let reload = field("reload").is_some_and(|r| r.is_truthy());
    if freshness == Freshness::Reload && !reload {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(started.unchecked_ref::<js_sys::Object>(), &key);
    field("answer")?.dyn_into::<js_sys::Promise>().ok()
}

impl Started {
    /// The answer's text.
    pub(crate) async fn text(self) -> Result<String, AppError> {
        let Started { url, answer } = self;
        let network = |error: JsValue| AppError::Network {
            url: url.clone(),
            message: js_message(&error),
        };
        let response: Response = answer.await.map_err(network)?.unchecked_into();
        if !response.ok() {
            return Err(AppError::Status {
                url: url.clone(),
                status: response.status(),
            });
        }
        // The bytes, copied into the app's memory as they are, then read as UTF-8 there: a
        // `text()` answer is decoded into a JavaScript string, then encoded again into the
        // app's memory, two passes over the whole file on the main thread (a profile of a
        // keystroke while the whole site loads had them at 17 ms of each summary page).
        let bytes = JsFuture::from(response.array_buffer().map_err(network)?)
            .await
            .map_err(network)?;
        Ok(utf8_text(js_sys::Uint8Array::new(&bytes).to_vec()))
    }
}

/// The text of a file's bytes as `Response.text()` reads it: UTF-8 without its byte order mark,
/// what is not UTF-8 replaced by U+FFFD.
fn utf8_text(bytes: Vec<u8>) -> String {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// Fetches a URL and returns its text.
pub(crate) async fn fetch_text(url: &str, freshness: Freshness) -> Result<String, AppError> {
    start(url, freshness).text().await
}

/// The browser's reason for a failed request, as `TypeError: Failed to fetch`.
fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => error
            .as_string()
            .unwrap_or_else(|| "the request failed".to_owned()),
    }
}

/// How many of a file's problems the console lists (a broken file can have thousands).
const PROBLEMS_LOGGED: usize = 20;

/// Tells the publisher, in the browser's console, what the data contract check changed: the
/// reader sees the data as safely as it can be shown, the publisher can see why.
pub(crate) fn log_problems(url: &str, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    leptos::logging::warn!(
        "{url}: {} problem(s) with the site data; shown without what breaks the contract:",
        problems.len()
    );
    for problem in problems.iter().take(PROBLEMS_LOGGED) {
        leptos::logging::warn!("  {problem}");
    }
}

/// An error of the model's readers as the app's, naming the file at `url`.
fn read_error(url: &str, error: IndexError) -> AppError {
    match error {
        IndexError::Schema(error) => AppError::Schema(error),
        IndexError::Malformed(message) => AppError::Malformed {
            url: url.to_owned(),
            message,
        },
    }
}

/// `site.json` as read, and the home page's first screen made of it.
#[derive(Debug)]
pub struct SiteData {
    /// `site.json`: the names of the parts, the counts.
    pub file: SiteFile<String>,
    /// The first screen ([`Corpus::first_screen`]).
    pub first: Arc<Corpus>,
}

/// Parses `site.json` (see [`kiosque_model::parts::parse_site`]), naming the URL when the file
/// is not valid site data, and checks its first screen against the contract.
pub fn parse_site(url: &str, text: &str) -> Result<SiteData, AppError> {
    let file = parts::parse_site(text).map_err(|e| read_error(url, e))?;
    let checked = Corpus::first_screen(&file);
    log_problems(url, &checked.problems);
    Ok(SiteData {
        file,
        first: Arc::new(checked.value),
    })
}

/// Loads `site.json`, always from the server (see [`Freshness::Reload`]). When there is none,
/// data of contract 1 (`index.json`, which this app cannot read) is said as such: its version
/// and the app's, not a missing file.
pub async fn load_site(paths: Paths) -> Result<Arc<SiteData>, AppError> {
    let url = paths.site_json();
    let text = match start(&url, Freshness::Reload).text().await {
        Err(AppError::Status { status: 404, .. }) => {
            let old = fetch_text(&paths.data_file(OLD_INDEX), Freshness::Reload).await;
            if let Some(error) = old.ok().as_deref().and_then(older_contract) {
                return Err(AppError::Schema(error));
            }
            return Err(AppError::Status { url, status: 404 });
        }
        answer => answer?,
    };
    parse_site(&url, &text).map(Arc::new)
}

/// The whole-site file of data contract 1, written instead of `site.json`.
const OLD_INDEX: &str = "index.json";

/// Why `text`, read in place of a missing `site.json`, cannot be read: the schema version it
/// names, if it names one this app does not read.
fn older_contract(text: &str) -> Option<SchemaError> {
    match parts::parse_site(text) {
        Err(IndexError::Schema(error)) => Some(error),
        _ => None,
    }
}

/// The URL of a part `site.json` names, if it is of a part's form (`<dir>/<hex>.json`).
pub(crate) fn part_url(paths: &Paths, file: &str, dir: &str) -> Result<String, AppError> {
    if parts::is_part_path(file, dir) {
        Ok(paths.data_file(file))
    } else {
        Err(AppError::Malformed {
            url: paths.site_json(),
            message: format!("it names {file:?}, which is not a part of the site data"),
        })
    }
}

/// The URLs of the parts `files` of the site data, each checked to be of a part's form.
fn part_urls(paths: &Paths, files: &[String], dir: &str) -> Result<Vec<String>, AppError> {
    files
        .iter()
        .map(|file| part_url(paths, file, dir))
        .collect()
}

/// The most requests for the whole site's parts in flight at once. A browser opens at most six
/// connections to a host over HTTP/1.1: two are left for what the reader asks meanwhile (a
/// search's index files and card pages, an article's body), which would otherwise wait behind
/// the whole site.
const PARTS_IN_FLIGHT: usize = 4;

/// Requests for parts (content-named: the cached copy, when there is one, is the right one),
/// sent in order, at most [`PARTS_IN_FLIGHT`] at a time: each answer read lets the next one go.
struct PartRequests {
    waiting: std::collections::VecDeque<String>,
    sent: std::collections::VecDeque<Started>,
}

impl PartRequests {
    fn new(urls: Vec<String>) -> PartRequests {
        let mut requests = PartRequests {
            waiting: urls.into(),
            sent: std::collections::VecDeque::new(),
        };
        requests.fill();
        requests
    }

    fn fill(&mut self) {
        while self.sent.len() < PARTS_IN_FLIGHT {
            let Some(url) = self.waiting.pop_front() else {
                return;
            };
            self.sent.push_back(start(&url, Freshness::Cached));
        }
    }

    /// The next request in order (its answer to come), once the one before it was read: its
    /// place in flight goes to the next one waiting.
    fn next(&mut self) -> Option<Started> {
        self.fill();
        self.sent.pop_front()
    }
}

/// The longest the app works on the whole site before it lets the browser handle input and
/// draw, in milliseconds: a keystroke during the load is answered within a frame or so.
const SLICE_MS: f64 = 8.0;

/// Paces a long piece of work on the main thread: [`Pace::breathe`] between its steps gives
/// the browser a turn once the work has run for [`SLICE_MS`].
pub(crate) struct Pace {
    /// When the work last gave the browser a turn (`Date.now()`).
    since: f64,
    /// The urgent work ([`urgent`]) the work waited for until it timed out: not waited for
    /// again.
    waited_out: u64,
}

impl Pace {
    pub(crate) fn new() -> Pace {
        Pace {
            since: js_sys::Date::now(),
            waited_out: 0,
        }
    }

    /// Gives the browser a turn (input, rendering, other tasks) if the work has run long
    /// enough since the last one, and waits while the reader's own work is under way
    /// ([`urgent`]).
    pub(crate) async fn breathe(&mut self) {
        let urgent = urgent_episode(self.waited_out).is_some();
        if !urgent && js_sys::Date::now() - self.since < SLICE_MS {
            return;
        }
        self.waited_out = after_urgent(self.waited_out).await;
        next_task().await;
        self.since = js_sys::Date::now();
    }
}

/// Resolves in a task of its own: an answer already received would otherwise be read in the
/// same task, without the browser ever getting a turn. The task is a message posted to the
/// page itself ([`Turns`]), not `setTimeout(0)`, which browsers delay by at least 4 ms once
/// timers are nested five deep (the HTML standard's clamping), as a long piece of work's turns
/// are: a turn after each 8 ms of work cost it half as much time again.
async fn next_task() {
    let (sender, turn) = futures::channel::oneshot::channel();
    if TURNS.with(|turns| turns.borrow_mut().ask(sender)).is_err() {
        return sleep(0).await;
    }
    let _ = turn.await;
}

/// A channel whose messages the page posts to itself, one for each turn waited for: a message
/// is a task of its own, run as soon as the browser has handled what came before it.
struct Turns {
    channel: Option<(web_sys::MessageChannel, Closure<dyn FnMut()>)>,
    waiting: std::collections::VecDeque<futures::channel::oneshot::Sender<()>>,
}

impl Turns {
    /// Posts a message for `sender`, which is answered when it arrives; `Err` without a
    /// channel (a browser without `MessageChannel`).
    fn ask(&mut self, sender: futures::channel::oneshot::Sender<()>) -> Result<(), JsValue> {
        if self.channel.is_none() {
            let channel = web_sys::MessageChannel::new()?;
            let arrived = Closure::<dyn FnMut()>::new(|| {
                let next = TURNS.with(|turns| turns.borrow_mut().waiting.pop_front());
                if let Some(next) = next {
                    let _ = next.send(());
                }
            });
            channel
                .port1()
                .set_onmessage(Some(arrived.as_ref().unchecked_ref()));
            self.channel = Some((channel, arrived));
        }
        let Some((channel, _)) = &self.channel else {
            return Err(JsValue::NULL);
        };
        channel.port2().post_message(&JsValue::NULL)?;
        self.waiting.push_back(sender);
        Ok(())
    }
}

thread_local! {
    static TURNS: RefCell<Turns> = const {
        RefCell::new(Turns {
            channel: None,
            waiting: std::collections::VecDeque::new(),
        })
    };
}

/// Articles checked and added to the whole site between two looks at the clock.
const ARTICLES_A_STEP: usize = 128;

/// Items of a part's list parsed between two looks at the clock ([`Pace::breathe`]).
const ITEMS_A_STEP: usize = 32;

/// Reads the answer to `request` and parses its list a few items at a time
/// ([`parts::ListSteps`]), giving the browser a turn whenever the work has run long.
async fn read_part<T: serde::de::DeserializeOwned>(
    request: Started,
    steps: for<'t> fn(&'t str, &'t str) -> parts::ListSteps<'t, T>,
    pace: &mut Pace,
) -> Result<Vec<T>, AppError> {
    let url = request.url.clone();
    // Its body is not read (copied into the app's memory) while a search waits either.
    pace.breathe().await;
    let text = request.text().await?;
    pace.breathe().await;
    let mut reading = steps(&url, &text);
    while !reading
        .step(ITEMS_A_STEP)
        .map_err(|e| read_error(&url, e))?
    {
        pace.breathe().await;
    }
    let items = reading.finish();
    pace.breathe().await;
    Ok(items)
}

/// The reader's own work under way (a keystroke's search: [`urgent`]), for the whole site's
/// loading to wait on: plain bookkeeping, `W` what wakes a waiting load.
struct UrgentWork<W> {
    /// How many guards ([`Urgent`]) live.
    count: usize,
    /// Counts the times `count` left zero: the work under way as one episode, so that a load
    /// whose wait for it timed out does not wait for it again.
    episode: u64,
    /// What wakes the waiting loads once `count` is back to zero.
    waiting: Vec<W>,
}

impl<W> UrgentWork<W> {
    const fn new() -> Self {
        UrgentWork {
            count: 0,
            episode: 0,
            waiting: Vec::new(),
        }
    }

    fn begin(&mut self) {
        if self.count == 0 {
            self.episode += 1;
        }
        self.count += 1;
    }

    /// One piece of work done: what to wake when none is left.
    fn end(&mut self) -> Vec<W> {
        self.count = self.count.saturating_sub(1);
        if self.count == 0 {
            std::mem::take(&mut self.waiting)
        } else {
            Vec::new()
        }
    }

    /// The episode of the work under way, unless none is or it is the one `waited_out`.
    fn pending(&self, waited_out: u64) -> Option<u64> {
        (self.count > 0 && self.episode != waited_out).then_some(self.episode)
    }
}

thread_local! {
    static URGENT: RefCell<UrgentWork<futures::channel::oneshot::Sender<()>>> =
        const { RefCell::new(UrgentWork::new()) };
}

/// Work the reader waits for (a keystroke's search): while the guard lives, the whole site's
/// loading starts no new step ([`Pace::breathe`]), so that the answers the search waits for are
/// read as they arrive, not after a summary page.
#[must_use]
pub(crate) struct Urgent(());

/// Marks work the reader waits for, until the guard is dropped.
pub(crate) fn urgent() -> Urgent {
    URGENT.with(|u| u.borrow_mut().begin());
    Urgent(())
}

impl Drop for Urgent {
    fn drop(&mut self) {
        for waiter in URGENT.with(|u| u.borrow_mut().end()) {
            let _ = waiter.send(());
        }
    }
}

/// The longest the whole site's loading waits for the reader's own work (a server that
/// answers a search slowly must not hold the whole site back for as long), in milliseconds.
const URGENT_WAIT_MS: i32 = 1000;

/// The urgent work under way that a load has not waited out yet: its episode.
fn urgent_episode(waited_out: u64) -> Option<u64> {
    URGENT.with(|u| u.borrow().pending(waited_out))
}

/// Waits until no urgent work is under way, or [`URGENT_WAIT_MS`]: at once when none is, or
/// when the work under way is the one `waited_out` names (a wait for it timed out already).
/// Returns the episode waited out by a timeout, if one was.
async fn after_urgent(waited_out: u64) -> u64 {
    let Some(episode) = urgent_episode(waited_out) else {
        return waited_out;
    };
    let (sender, done) = futures::channel::oneshot::channel();
    URGENT.with(|u| u.borrow_mut().waiting.push(sender));
    let limit = sleep(URGENT_WAIT_MS);
    futures::pin_mut!(limit);
    match futures::future::select(done, limit).await {
        futures::future::Either::Left(_) => waited_out,
        futures::future::Either::Right(_) => episode,
    }
}

/// Resolves after `ms` milliseconds (`setTimeout`).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .ok()
        });
        if queued.is_none() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Loads the whole site: every entity part and summary page `site.json` names, requested in
/// order, [`PARTS_IN_FLIGHT`] at a time, then each checked and added as it is read ([`validate::whole`]), the entity table
/// first, with turns for the browser between them ([`Pace`]): typing or clicking while the
/// site loads is answered at once.
pub async fn load_whole(paths: Paths, site: Arc<SiteData>) -> Result<Arc<Corpus>, AppError> {
    let file = &site.file;
    let entities = part_urls(&paths, &file.entity_parts, "entities")?;
    let pages = part_urls(&paths, &file.summaries, "summaries")?;
    let (entity_count, page_count) = (entities.len(), pages.len());
    let mut requests = PartRequests::new(entities.into_iter().chain(pages).collect());
    let mut pace = Pace::new();
    let mut table = EntityTable::new(file);
    for _ in 0..entity_count {
        if let Some(request) = requests.next() {
            let entities = read_part(request, parts::entities_in_steps, &mut pace).await?;
            table.add(EntityPart { entities });
        }
    }
    pace.breathe().await;
    let mut assembly = table.into_assembly();
    for _ in 0..page_count {
        if let Some(request) = requests.next() {
            let mut articles = read_part(request, parts::summaries_in_steps, &mut pace).await?;
            // Added a few at a time too: each article is checked on its own, in order.
            while !articles.is_empty() {
                let rest = articles.split_off(articles.len().min(ARTICLES_A_STEP));
                assembly.add(SummaryPage { articles });
                articles = rest;
                pace.breathe().await;
            }
        }
    }
    pace.breathe().await;
    let checked = assembly.finish();
    log_problems(&paths.site_json(), &checked.problems);
    Ok(Arc::new(checked.value))
}

/// Loads the whole site as [`load_whole`] does; when a part `site.json` named answers 404 (the
/// site was rebuilt since `site.json` was read, and the rebuild removed the parts it named),
/// loads `site.json` again and, once, the parts it names now. The new `site.json`, when it was
/// read, comes back with the whole site; when it still names the missing part, the 404 is the
/// answer.
pub async fn load_whole_current(
    paths: Paths,
    site: Arc<SiteData>,
) -> (Option<Arc<SiteData>>, Result<Arc<Corpus>, AppError>) {
    let whole = load_whole(paths.clone(), site.clone()).await;
    let Err(AppError::Status { url, status: 404 }) = &whole else {
        return (None, whole);
    };
    let named = |site: &SiteData| {
        site.file
            .summaries
            .iter()
            .chain(&site.file.entity_parts)
            .any(|file| paths.data_file(file) == *url)
    };
    if !named(&site) {
        return (None, whole);
    }
    let fresh = match load_site(paths.clone()).await {
        Ok(fresh) => fresh,
        Err(error) => return (None, Err(error)),
    };
    if named(&fresh) {
        return (Some(fresh), whole);
    }
    let whole = load_whole(paths.clone(), fresh.clone()).await;
    (Some(fresh), whole)
}

/// What an article page needs to load its body.
#[derive(Debug, Clone)]
pub struct BodyRequest {
    /// The article's id.
    pub id: String,
    /// Its body's fingerprint as the app knows it (from the summaries or the page's link to its
    /// body file): an older one in the body file is a stale copy.
    pub body_hash: Option<String>,
    /// Where the site data is.
    pub paths: Paths,
    /// `site.json`.
    pub site: Arc<SiteData>,
}

/// An article, loaded from its body file.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The body file's articles and the entities they list ([`Corpus::of_bucket`]).
    pub corpus: Arc<Corpus>,
    /// The article's summary.
    pub summary: ArticleSummary,
    /// Its body, checked.
    pub body: Arc<ArticleBody>,
}

thread_local! {
    /// The body file of the article the app was opened on, requested beside `site.json`: the
    /// article's id and the request.
    static PREFETCHED: RefCell<Option<(String, Started)>> = const { RefCell::new(None) };
}

/// Sends the request for the body file of article `id` at `url` at once, for a page opened on
/// that article (the URL its pre-rendered page names, which the browser may be fetching
/// already): otherwise it is asked for only once `site.json` has said how many body files there
/// are, one round trip after the other. [`load_article`] uses it.
pub fn prefetch_article(id: String, url: &str) {
    let request = start(url, Freshness::Cached);
    PREFETCHED.with(|p| *p.borrow_mut() = Some((id, request)));
}

/// The prefetched text of article `id`'s body file, once: none if none was requested for it or
/// the request failed.
async fn prefetched(id: &str) -> Option<String> {
    let request = PREFETCHED.with(|p| {
        let mut p = p.borrow_mut();
        match &*p {
            Some((prefetched, _)) if prefetched == id => p.take().map(|(_, r)| r),
            _ => None,
        }
    })?;
    request.text().await.ok()
}

/// Parses a body file and finds article `id` in it: the file, and where the article is.
fn parse_bucket(
    url: &str,
    text: &str,
    id: &str,
) -> Result<(BodyBucket<String>, Option<usize>), AppError> {
    let bucket = parts::parse_bucket(url, text).map_err(|e| read_error(url, e))?;
    let found = bucket.articles.iter().position(|a| a.summary.id == id);
    Ok((bucket, found))
}

/// Loads article `id` from its body file; `retry`, or a fingerprint the app does not know,
/// bypasses the browser's cache. A body file
/// that does not have the article, or has it with another fingerprint than the app knows (a
/// cache that ignores the URL's query served an old one), is fetched once more from the server.
/// `None` when the site has no such article.
pub async fn load_article(
    request: BodyRequest,
    retry: bool,
) -> Result<Option<LoadedArticle>, AppError> {
    let BodyRequest {
        id,
        body_hash,
        paths,
        site,
    } = request;
    let file = bucket_path(bucket_of(&id, site.file.buckets), site.file.buckets);
    let url = paths.versioned_file(&file, body_hash.as_deref());
    // Without a known fingerprint the URL has no `?v=`: a cached copy may be of an older site.
    let reload = retry || body_hash.is_none();
    let (text, from_server) = match prefetched(&id).await.filter(|_| !retry) {
        Some(text) => (text, false),
        None => {
            let freshness = if reload {
                Freshness::Reload
            } else {
                Freshness::Cached
            };
            (fetch_text(&url, freshness).await?, reload)
        }
    };
    let (mut bucket, mut found) = parse_bucket(&url, &text, &id)?;
    let stale = |bucket: &BodyBucket<String>, found: Option<usize>| match found {
        Some(at) => body_hash
            .as_ref()
            .is_some_and(|hash| bucket.articles[at].summary.body_hash.as_ref() != Some(hash)),
        None => true,
    };
    if !from_server && stale(&bucket, found) {
        (bucket, found) = parse_bucket(&url, &fetch_text(&url, Freshness::Reload).await?, &id)?;
    }
    let Some(at) = found else {
        return Ok(None);
    };
    let checked = Corpus::of_bucket(&site.file, &bucket);
    log_problems(&url, &checked.problems);
    let corpus = checked.value;
    let Some(summary) = corpus.article(&id).cloned() else {
        // The contract check left it out (its id is not valid).
        return Ok(None);
    };
    let body = bucket.articles.swap_remove(at).body;
    let checked = validate::body(body, &id, &corpus);
    log_problems(&url, &checked.problems);
    Ok(Some(LoadedArticle {
        corpus: Arc::new(corpus),
        summary,
        body: Arc::new(checked.value),
    }))
}

#[cfg(test)]
mod tests {
    //! What the model's parsers decide is tested in `kiosque_model`; these check that their
    //! errors reach the reader with the URL.

    use super::*;

    const URL: &str = "/data/site.json";

    /// A `site.json` whose first screen has `articles` and `entities` (JSON arrays).
    fn site(version: &str, articles: &str, entities: &str) -> String {
        format!(
            r#"{{"schema_version": "{version}", "articles": 40, "entities": 7, "summaries": [], "entity_parts": [],
                "buckets": 1, "first": {{"articles": {articles}, "entities": {entities}}}}}"#
        )
    }

    #[test]
    fn site_json_becomes_the_first_screen_with_the_site_s_counts() {
        let data = parse_site(URL, &site("2.0", "[]", "[]")).expect("valid");
        assert!(data.first.articles().is_empty());
        assert_eq!(data.first.total_articles(), 40);
        assert!(!data.first.is_whole());
    }

    #[test]
    fn a_malformed_file_is_named_by_its_url_with_serdes_message() {
        let err =
            parse_site(URL, r#"{"schema_version": "2.0", "articles": ["#).expect_err("truncated");
        assert!(matches!(err, AppError::Malformed { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains(URL) && message.contains("line 1"),
            "{message}"
        );
    }

    #[test]
    fn a_huge_excerpt_is_cut_when_site_json_is_read() {
        let excerpt = "x".repeat(1_000_000);
        let data = parse_site(
            URL,
            &site(
                "2.0",
                &format!(r#"[{{"id": "a", "title": "T", "excerpt": "{excerpt}", "words": 1}}]"#),
                "[]",
            ),
        )
        .expect("valid");
        assert_eq!(data.first.articles()[0].excerpt.chars().count(), 220);
    }

    #[test]
    fn another_major_version_is_a_schema_error() {
        for text in [
            r#"{"schema_version": "3.0", "documents": {}}"#,
            r#"{"schema_version": "1.2", "articles": [], "entities": []}"#,
        ] {
            let err = parse_site(URL, text).expect_err("another major");
            assert!(matches!(err, AppError::Schema(_)), "{err:?}");
        }
    }

    #[test]
    fn an_index_json_of_contract_1_is_a_schema_error_naming_both_versions() {
        let error = older_contract(r#"{"schema_version": "1.2", "articles": [], "entities": []}"#)
            .expect("contract 1 is refused");
        let message = AppError::Schema(error).to_string();
        assert!(
            message.contains("1.2") && message.contains("2.x"),
            "{message}"
        );
        for not_old in ["<!DOCTYPE html><h1>404</h1>", r#"{"articles": []}"#] {
            assert_eq!(older_contract(not_old), None, "{not_old}");
        }
    }

    #[test]
    fn the_load_waits_for_urgent_work_until_none_is_left_and_once_per_episode() {
        let mut work = UrgentWork::<&str>::new();
        assert_eq!(work.pending(0), None, "nothing under way");
        work.begin();
        work.begin();
        let episode = work.pending(0).expect("two searches under way");
        work.waiting.push("load");
        assert!(work.end().is_empty(), "one search still under way");
        assert_eq!(work.pending(0), Some(episode));
        assert_eq!(work.end(), ["load"], "the last one wakes the load");
        assert_eq!(work.pending(0), None);
        // A wait that timed out: the same work is not waited for again, the next is.
        work.begin();
        let long = work.pending(0).expect("a slow search");
        assert_eq!(work.pending(long), None, "waited out");
        work.begin();
        assert_eq!(
            work.pending(long),
            None,
            "a keystroke more: the same episode"
        );
        work.end();
        work.end();
        work.begin();
        assert!(
            work.pending(long).is_some_and(|e| e != long),
            "a new search"
        );
    }

    #[test]
    fn a_file_s_bytes_read_as_response_text_does() {
        assert_eq!(
            utf8_text("\u{feff}{\"a\": \"é\"}".as_bytes().to_vec()),
            "{\"a\": \"é\"}"
        );
        assert_eq!(utf8_text(vec![b'a', 0xff, b'b']), "a\u{fffd}b");
        assert_eq!(
            utf8_text(b"x\xef\xbb\xbfy".to_vec()),
            "x\u{feff}y",
            "only a leading mark goes"
        );
    }

    #[test]
    fn a_part_that_is_not_of_a_part_s_form_is_refused_naming_site_json() {
        let paths = Paths::from_base_uri("http://h/");
        assert_eq!(
            part_url(&paths, "summaries/00ff.json", "summaries").as_deref(),
            Ok("/data/summaries/00ff.json")
        );
        for bad in ["../secret.json", "summaries/x.json", "entities/00.json"] {
            let err = part_url(&paths, bad, "summaries").expect_err(bad);
            assert!(err.to_string().contains("/data/site.json"), "{err}");
        }
    }
}
