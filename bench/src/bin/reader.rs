//! The reader at archive scale, measured in a real browser against issue 8's budgets: for each
//! size, generates a corpus (see `kiosque_bench::corpus`), builds its data with the release
//! `kiosque` into a copy of a release `dist/` and renders its pages, serves it with the
//! browser tests' plain static server (`kiosque_e2e::Server`) and drives headless Chromium:
//!
//! ```sh
//! source scripts/env.sh && trunk build --release            # makes dist/
//! cargo run --release -p kiosque-bench --bin reader                   # 1,000 and 10,000
//! cargo run --release -p kiosque-bench --bin reader -- 1k 10k 100k    # 100,000 takes minutes
//! ```
//!
//! Options: `--dist DIR` (a release build of the app, default `dist/`; given more than once,
//! each app is measured on the same data, one after the other, and the tables have a row per
//! app: a before/after in one run), `--kiosque PATH` (by default the workspace's is built with
//! `cargo build --release -p kiosque-cli`), `--work DIR` (corpora and sites; default a temporary
//! directory, removed afterwards unless `--keep`), `--words W1,W2` (the words typed into the
//! search box), `--profile DIR` (writes Chromium's CPU profile of the cached facet clicks, of
//! the keystrokes with fetches (the words typed the first time, the whole site still loading) and
//! of the cached keystrokes to `DIR/<app>-<size>-{facets,search-fetching,search}.cpuprofile`,
//! which Chromium's DevTools open, each keystroke marked by a call to `__kq_key_mark`; build the
//! app with `data-keep-debug` for function names), `--site DIR` (measures
//! a site assembled before and kept by `--keep`, as it is, with the app it holds: no data built,
//! no pages rendered; for trying a change of the app quickly, copy its files over the site's),
//! `--latency MS`, `--down KBIT`, `--up KBIT` (every request of the measured browser waits `MS`
//! more for its answer and bytes arrive at most at those rates, by Chromium's network emulation,
//! DevTools' `Network.emulateNetworkConditions`: the round trips a page pays, which localhost
//! hides; e.g. `--latency 150 --down 1600 --up 750`, DevTools' "Slow 4G"; the time budgets are
//! for localhost, so with these their verdicts read "n/a"; the server sends files uncompressed,
//! so under a limited rate each takes the time of its raw bytes).
//!
//! What it measures, in page JavaScript (`performance.now`, `MutationObserver`,
//! `requestAnimationFrame`, the Resource Timing API):
//! - the first load of the home page and of an article page opened directly, with the browser
//!   cache off: the time to the frame after the first card (home: `article.card`; article: its
//!   body) appears, median of 5 loads, and the bytes fetched before it (with data contract 2:
//!   `site.json` on the home page, `site.json` and the article's body file on its page; a file
//!   requested twice, such as a preload the app's fetch did not use, is listed), and, loaded in
//!   turn with it, the same page without the app (its scripts and preloads taken out, written
//!   beside the site's pages as `static-home/` and `static-article/`, removed afterwards): issue 9's "first card ≤
//!   1.2× a static page with the same cards"; and of a link to the home page filtered by the
//!   entity the most articles mention (`/?entity=…`), whose first card is the app's (data
//!   contract 2.4: `site.json`, the entity's posting file and a card page). The server sends
//!   files as they are, so each file's size is counted as brotli (quality 11) compresses it, as a
//!   host that serves precompressed files would send it;
//! - a click on a facet of the sidebar until the frame after the card list changed (10 facets,
//!   each clicked once with nothing cached, then again with its data cached);
//! - a visit of the home page left alone for a few seconds (cache off): the data it fetched and
//!   the app's wasm memory (since schema 2.5, `site.json` alone: the whole site waits for a
//!   view that needs it), and the same of the page of the entity of the most articles (since
//!   schema 2.6, `site.json`, its posting and profile files and a card page) and of the shell
//!   page of an entity of a single article (since schema 2.7, its posting file, its file of
//!   single-article entities, its article's card page and body file), and of a link filtered by
//!   that entity on a wide screen and on a phone's (360 px: the sidebar is a drawer, closed;
//!   since the forty-second session the whole site, which only the sidebar's counts need there,
//!   waits for the drawer to open);
//! - "Show more" clicked once on the home page and on that entity's page, as soon as the app
//!   shows it (cache off): the time to the frame after the next cards, the data fetched and the
//!   wasm memory then (before, the whole site; since the thirty-ninth session, card pages);
//! - the first card's article opened in the app from the home page, clicked as soon as the app
//!   shows it with nothing pointed at before (cache off): the time to the frame after its text,
//!   and the files fetched, data and the article page's wasm pieces (docs/wasm-split.md);
//! - the download of every article as JSON, then as CSV, on the home page once its download's
//!   button has loaded the whole site: the time until the file is made, the main thread's long
//!   tasks meanwhile and the app's wasm memory before and after (each file made, not saved);
//! - a word typed into the search box right after the home page's first card (nothing of the
//!   whole site cached) until the frame after its results, and the main
//!   thread's long tasks (50 ms or more: the Long Tasks API) after the first card, until then:
//!   how long a reader typing at once may wait for the page to answer;
//! - each keystroke of a word typed into the search box until the frame after the list changed
//!   (the first time, shards are fetched; the second time, they are cached), and the bytes the
//!   first word's search fetched: every search index file and card page from its first keystroke
//!   until the search has settled (none of its requests in flight or started for a while after
//!   the last keystroke; the app's `fetch` is watched for that), each with what the search box
//!   held when the app asked for it, apart from the whole site's parts that arrived meanwhile;
//! - the app's size: the wasm, JavaScript and CSS of `dist/`, brotli;
//! - the data files, in all and by directory of `data/` (`summaries/`, `entities/`, `bodies/`,
//!   `search/`), and the whole site's files and bytes (issue 9's budget at 10,000).
//!
//! Each figure is printed next to its budget with a verdict. 1 KB = 1,024 bytes, and brotli is
//! quality 11 with a 16 MB window, as in the `app_size` benchmark (which also gives gzip sizes).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kiosque_bench::corpus::{Options, Source};
use kiosque_bench::{is_app_piece, kb, median, on_first_load, thousands};
use kiosque_e2e::browser::WIDTHS;
use kiosque_e2e::{Browser, Server};
use serde_json::{Value, json};

/// Issue 8's budgets, in bytes and milliseconds.
const KB: usize = 1024;
const APP_BUDGET: usize = 100 * KB;
const FIRST_CARD_BUDGET: usize = 50 * KB;
const CACHED_BUDGET_MS: f64 = 16.0;
const FETCHING_BUDGET_MS: f64 = 100.0;
const DATA_FILES_BUDGET: usize = 5000;
/// Issue 9: the whole site at 10,000 articles, in files and bytes.
const SITE_FILES_BUDGET: usize = 20_000;
const SITE_BYTES_BUDGET: u64 = 250_000_000;
/// Issue 9: the first card at most this many times as late as on the same page without the app.
const STATIC_RATIO_BUDGET: f64 = 1.2;

/// The first search's budget at a size: 100 KB at 10,000 articles, 150 KB at 100,000; none
/// below 10,000 (the issue sets none).
fn first_search_budget(size: usize) -> Option<usize> {
    match size {
        s if s >= 100_000 => Some(150 * KB),
        s if s >= 10_000 => Some(100 * KB),
        _ => None,
    }
}

/// Loads of each page, for the median time to the first card.
const LOADS: usize = 11;
/// Facets clicked.
const CLICKS: usize = 10;

/// Evaluated in every page before its own scripts: notes the frame after the first card (or an
/// article's body) appears, and the resources fully fetched by then.
const PROBE: &str = r#"
(() => {
  if (window.__kq) return;
  performance.setResourceTimingBufferSize(100000);
  const SELECTOR = 'article.card, article.article-page .article-body';
  window.__kq = { first: null, tasks: [] };
  // Whether the results are still being answered: marked busy by the app (by apps before the
  // forty-eighth session, only said in their count line, in either interface language).
  const LOADING = /^(Searching|Recherche|Loading articles|Chargement des articles)…/;
  window.__kq.busy = () => {
    const r = document.getElementById('results');
    const count = document.getElementById('results-count');
    return !r || r.matches('[aria-busy="true"]') || r.querySelector('[aria-busy="true"]') !== null
      || (count !== null && LOADING.test(count.textContent));
  };
  // Main-thread tasks of 50 ms or more (the Long Tasks API): what keeps a keystroke waiting.
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__kq.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  // The app's wasm memory, from Trunk's start event (its exports): it only grows, so its size
  // at the end of a page's life is the most the app's heap has held.
  addEventListener('TrunkApplicationStarted', e => {
    const wasm = e.detail && e.detail.wasm;
    if (wasm && wasm.memory) window.__kq.memory = wasm.memory;
  });
  // A link to a filtered view: its first card is the app's, not the unfiltered home page's
  // that the page pre-renders.
  const filtered = location.search.includes('entity=');
  const shown = () => Array.from(document.querySelectorAll(SELECTOR))
    .some(e => !(filtered && e.closest('#prerender')));
  const look = () => {
    if (window.__kq.first || !shown()) return false;
    const seen = performance.now();
    window.__kq.first = { seen };
    requestAnimationFrame(() => {
      window.__kq.first = {
        seen,
        frame: performance.now(),
        resources: performance.getEntriesByType('resource')
          .filter(e => e.responseEnd <= seen)
          .map(e => e.name),
      };
    });
    return true;
  };
  const observer = new MutationObserver(() => { if (look()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
  // The search's own requests (the search index's files, card pages): each with what the
  // search box held when it was made, how many are in flight (until their body is read) and
  // when the last one started or ended, for waiting until a search has settled.
  const k = window.__kq;
  k.requests = [];
  k.pending = 0;
  k.lastSearch = 0;
  const fetch0 = window.fetch;
  window.fetch = function (input) {
    const url = typeof input === 'string' ? input : (input && input.url) || String(input);
    if (!/\/data\/(search|cards)\//.test(url)) return fetch0.apply(this, arguments);
    const box = document.getElementById('site-search');
    k.requests.push([new URL(url, location.href).href, box ? box.value : null]);
    k.pending += 1;
    k.lastSearch = performance.now();
    const end = () => { k.pending -= 1; k.lastSearch = performance.now(); };
    return fetch0.apply(this, arguments).then(
      r => { r.clone().arrayBuffer().then(end, end); return r; },
      e => { end(); throw e; });
  };
})();
"#;

/// Waits until the search has settled: none of its requests (search index, card pages) in
/// flight, none started or ended for `quiet` ms (and `quiet` ms at least from now), and the
/// results not loading; answers the milliseconds waited, or `{error}` after `limit` ms.
const SETTLE: &str = r#"
const { quiet, limit } = arguments[0];
const done = arguments[arguments.length - 1];
const k = window.__kq;
const t0 = performance.now();
const last = () => Math.max(t0, k.lastSearch, ...performance.getEntriesByType('resource')
  .filter(e => /\/data\/(search|cards)\//.test(e.name)).map(e => e.responseEnd));
const tick = () => {
  const now = performance.now();
  if (k.pending === 0 && !k.busy() && now - last() >= quiet) return done({ ms: now - t0 });
  if (now - t0 > limit) return done({ error: `not settled after ${limit} ms (${k.pending} in flight)` });
  setTimeout(tick, 50);
};
tick();
"#;

/// How long the search's requests must have been quiet for it to count as settled.
const SETTLE_QUIET_MS: u64 = 700;

/// Reads what [`PROBE`] noted, or null while the first card has not been drawn.
const FIRST: &str = "const f = window.__kq && window.__kq.first; \
    return f && f.resources ? { frame: f.frame, resources: f.resources, page: location.href } : null;";

/// The long tasks (50 ms or more) that ended after the first card was drawn: the longest, how
/// many and their total, in milliseconds.
const LONG_TASKS: &str = "const k = window.__kq; const since = k && k.first ? k.first.seen : 0; \
    const tasks = k ? k.tasks.filter(t => t[0] + t[1] > since).map(t => t[1]) : []; \
    return { longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length, \
             total: tasks.reduce((a, b) => a + b, 0) };";

/// Does one action (`{kind: 'facet', entity}` clicks a facet of the sidebar; `{kind: 'type',
/// value}` sets the search box's value as a keystroke does) and answers, on the first frame
/// after the results changed and are no longer loading, the milliseconds since the action (to
/// that frame, and to the change in the document) and the resources fetched meanwhile; `{error}`
/// if nothing changed within 5 s.
const ACT: &str = r#"
const action = arguments[0];
const done = arguments[arguments.length - 1];
const results = () => document.getElementById('results');
const signature = () => {
  const r = results();
  if (!r) return '';
  const ids = Array.from(r.querySelectorAll('article.card')).map(c => c.dataset.articleId);
  const marks = Array.from(r.querySelectorAll('mark')).map(m => m.textContent);
  return r.textContent + '|' + ids.join(',') + '|' + marks.join(',');
};
const before = signature();
const mark = performance.getEntriesByType('resource').length;
let t0 = 0;
let finished = false;
let timer = 0;
const finish = (result) => {
  if (finished) return;
  finished = true;
  observer.disconnect();
  clearTimeout(timer);
  done(result);
};
const observer = new MutationObserver(() => {
  if (window.__kq.busy() || signature() === before) return;
  observer.disconnect();
  const dom = performance.now() - t0;
  requestAnimationFrame(() => {
    const ms = performance.now() - t0;
    const fetched = performance.getEntriesByType('resource').slice(mark).map(e => e.name);
    finish({ ms, dom, fetched });
  });
});
const wait = action.timeout || 5000;
timer = setTimeout(() => finish({ error: `the list did not change within ${wait} ms` }), wait);
// The list's aria-busy going is a change too: a view answered with the list it had (a search
// typed on whose results are the same).
observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
if (action.kind === 'facet') {
  const button = document.querySelector(
    `nav.sidebar button.facet[data-entity="${CSS.escape(action.entity)}"]`);
  if (!button) { finish({ error: 'no facet ' + action.entity }); return; }
  t0 = performance.now();
  button.click();
} else {
  const input = document.getElementById('site-search');
  if (!input) { finish({ error: 'no search box' }); return; }
  // A mark in a CPU profile (`--profile`): a function of its own, named after the keystroke.
  window.__kq_key_mark = window.__kq_key_mark || function __kq_key_mark() {
    const t = performance.now(); while (performance.now() - t < 0.3) {}
  };
  window.__kq_key_mark();
  t0 = performance.now();
  input.value = action.value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
"#;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reader: {e:#}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    sizes: Vec<usize>,
    dists: Vec<PathBuf>,
    kiosque: Option<PathBuf>,
    work: Option<PathBuf>,
    keep: bool,
    words: Vec<String>,
    profile: Option<PathBuf>,
    /// A site assembled before (kept by `--keep`), measured as it is: no data built, no pages.
    site: Option<PathBuf>,
    /// The network emulated, when not localhost's.
    network: Option<Network>,
}

/// A network slower than localhost, emulated by Chromium for every request of the browser.
#[derive(Clone, Copy, Debug, Default)]
struct Network {
    /// Added to each request's answer, in milliseconds.
    latency_ms: f64,
    /// The highest rates, in kilobits per second; `None`: not limited.
    down_kbit: Option<f64>,
    up_kbit: Option<f64>,
}

impl Network {
    /// DevTools' `Network.emulateNetworkConditions` parameters (rates in bytes per second, -1 for
    /// none).
    fn conditions(&self) -> Value {
        let rate = |kbit: Option<f64>| kbit.map_or(-1.0, |k| k * 1000.0 / 8.0);
        json!({
            "offline": false,
            "latency": self.latency_ms,
            "downloadThroughput": rate(self.down_kbit),
            "uploadThroughput": rate(self.up_kbit),
        })
    }

    /// "latency 150 ms, 1,600 kbit/s down, 750 kbit/s up".
    fn describe(&self) -> String {
        let rate = |kbit: Option<f64>, way: &str| {
            kbit.map_or_else(
                || format!("unlimited {way}"),
                |k| format!("{} kbit/s {way}", thousands(k.round() as usize)),
            )
        };
        format!(
            "latency {} ms, {}, {}",
            self.latency_ms,
            rate(self.down_kbit, "down"),
            rate(self.up_kbit, "up")
        )
    }
}

const USAGE: &str = "usage: reader [SIZE…] [--dist DIR]… [--kiosque PATH] [--work DIR] [--keep] \
    [--words W1,W2] [--profile DIR] [--site DIR] [--latency MS] [--down KBIT] [--up KBIT]  (sizes default to 1k 10k; --dist defaults to dist/, which \
    `trunk build --release` makes; several --dist are measured on the same data)";

fn parse_args() -> anyhow::Result<Args> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut parsed = Args {
        sizes: Vec::new(),
        dists: Vec::new(),
        kiosque: None,
        work: None,
        keep: false,
        words: vec!["election".to_owned(), "gouvernement".to_owned()],
        profile: None,
        site: None,
        network: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--dist" => parsed.dists.push(PathBuf::from(value()?)),
            "--profile" => parsed.profile = Some(PathBuf::from(value()?)),
            "--kiosque" => parsed.kiosque = Some(PathBuf::from(value()?)),
            "--work" => parsed.work = Some(PathBuf::from(value()?)),
            "--keep" => parsed.keep = true,
            "--site" => parsed.site = Some(PathBuf::from(value()?)),
            "--latency" | "--down" | "--up" => {
                let text = value()?;
                let number: f64 = match text.parse() {
                    Ok(n) if n >= 0.0 && f64::is_finite(n) => n,
                    _ => bail!(
                        "{arg} needs a number of {}, not {text:?}",
                        if arg == "--latency" {
                            "milliseconds"
                        } else {
                            "kilobits per second"
                        }
                    ),
                };
                let network = parsed.network.get_or_insert_with(Network::default);
                match arg.as_str() {
                    "--latency" => network.latency_ms = number,
                    "--down" => network.down_kbit = Some(number),
                    _ => network.up_kbit = Some(number),
                }
            }
            "--words" => {
                parsed.words = value()?
                    .split(',')
                    .map(|w| w.trim().to_owned())
                    .filter(|w| !w.is_empty())
                    .collect();
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            size if size.starts_with(|c: char| c.is_ascii_digit()) => {
                parsed.sizes.push(kiosque_bench::count(size)?);
            }
            other => bail!("unknown argument {other}; {USAGE}"),
        }
    }
    if parsed.sizes.is_empty() {
        parsed.sizes = vec![1000, 10_000];
    }
    if parsed.dists.is_empty() {
        parsed.dists.push(root.join("dist"));
    }
    if parsed.words.is_empty() {
        bail!("--words needs at least one word");
    }
    Ok(parsed)
}

/// What was measured on one site.
struct Measured {
    size: usize,
    /// The app measured (its `--dist` directory's name), when there are several.
    app: Option<String>,
    data_files: usize,
    data_bytes: u64,
    /// Files and bytes of the whole site as it would be deployed (the app, its pages, data).
    site_files: (usize, u64),
    /// Files and bytes of each entry of `data/` (a directory's counted whole), by name.
    data_dirs: Vec<(String, usize, u64)>,
    home: FirstLoad,
    article: FirstLoad,
    /// A link to the home page filtered by the entity of the most articles (no static page: the
    /// pre-rendered home page shows every article).
    filtered: FirstLoad,
    /// A visit of the home page left alone for [`IDLE`] after its first card (cache off): the
    /// data files fetched (brotli bytes) and the app's wasm memory then.
    idle: Visit,
    /// The same of the page of the entity of the most articles (its own page, pre-rendered;
    /// since schema 2.6 shown from its posting and profile files).
    entity_idle: Visit,
    /// The same of the shell page of an entity of a single article, with some company
    /// ([`single_article_entity`]).
    shell_idle: Visit,
    /// The same of the link filtered by the entity of the most articles, on a wide screen and
    /// on a phone's (`WIDTHS[1]`, 360 px: the sidebar is a drawer).
    filtered_idle: [Visit; 2],
    /// "Show more" clicked once on the home page and on that entity's page, as soon as the app
    /// shows it (cache off): see [`AfterClick`].
    show_more: [Option<AfterClick>; 2],
    /// The first card's article opened from the home page in the app (cache off, its pieces
    /// fetched on the click): see [`article_from_card`].
    article_from_card: Option<AfterClick>,
    /// The related articles of the first card's article, its page opened directly (cache off):
    /// see [`RELATED`].
    related_direct: Option<AfterClick>,
    /// The facet of the entity of the most articles clicked on the pre-rendered home page,
    /// the app fetched and started on that click (cache off): see [`facet_on_first_use`].
    facet_on_first_use: Option<AfterClick>,
    /// The download of every article as JSON, then as CSV (see [`Download`]).
    downloads: [Result<Download, String>; 2],
    /// Facet clicks.
    clicks: Vec<Timed>,
    /// Search keystrokes.
    keys: Vec<Timed>,
    /// Keystrokes after which the list did not change (not timed).
    keys_unchanged: usize,
    /// The files fetched from the first word's first keystroke until its search settled (see
    /// [`SETTLE`]), but for the whole site's parts: what the search asked for (search index,
    /// card pages), in the order they arrived.
    first_search: Vec<SearchFile>,
    /// Milliseconds from the frame after the first word's last keystroke until its search had
    /// settled, or why it did not.
    first_search_settled: Result<f64, String>,
    /// The parts of the whole site (summary pages, entity parts) that arrived meanwhile: a
    /// search asks for them once its first results are shown (its counts, "Show more").
    first_search_whole: Vec<(String, usize)>,
    /// A word typed right after the first card, to its results.
    right_after: Result<Timed, String>,
    /// The word typed.
    word: String,
    /// The long tasks after the first card until then: the longest, how many, their total.
    long_tasks: (f64, usize, f64),
    /// The app's wasm memory in bytes at the end (the whole site loaded, every click and
    /// keystroke done), or why it could not be read.
    memory: Result<u64, String>,
}

impl Measured {
    /// The first cell of its rows: the number of articles, and the app when there are several.
    fn row(&self) -> String {
        match &self.app {
            Some(app) => format!("{} `{app}`", thousands(self.size)),
            None => thousands(self.size),
        }
    }
}

/// A file the first search fetched.
struct SearchFile {
    /// Its path on the server.
    path: String,
    /// Its size, brotli.
    size: usize,
    /// What it is (see [`kind_of`]).
    kind: &'static str,
    /// What the search box held when the app asked for it (none if the app's fetch was not
    /// seen: not a request of the search).
    query: Option<String>,
}

/// What a file of the site data is, by its path.
fn kind_of(path: &str) -> &'static str {
    if path.contains("/data/search/meta-") {
        "search meta"
    } else if path.contains("/data/search/") {
        "search shard"
    } else if path.contains("/data/cards/") {
        "card page"
    } else if path.contains("/data/summaries/") {
        "summary page"
    } else if path.contains("/data/entities/") {
        "entity part"
    } else if path.contains("/data/bodies/") {
        "body file"
    } else {
        "other"
    }
}

/// The first search's files in short: by kind (how many, their size), then by what the search
/// box held when the app asked for them (shorter queries first): "\"el\": 2 search shards (3.1
/// KB, 0.8 KB), 4 card pages (12.0 KB)".
fn search_summary(files: &[SearchFile]) -> String {
    fn by_kind<'a>(files: impl Iterator<Item = &'a SearchFile>, each: bool) -> String {
        let mut kinds: Vec<(&str, Vec<usize>)> = Vec::new();
        for f in files {
            match kinds.iter_mut().find(|k| k.0 == f.kind) {
                Some(k) => k.1.push(f.size),
                None => kinds.push((f.kind, vec![f.size])),
            }
        }
        let parts: Vec<String> = kinds
            .iter()
            .map(|(kind, sizes)| {
                let total = kb(sizes.iter().sum());
                let plural = if sizes.len() == 1 { "" } else { "s" };
                if each && sizes.len() > 1 {
                    let each: Vec<String> = sizes.iter().map(|&b| kb(b)).collect();
                    format!(
                        "{} {kind}{plural} ({total}: {})",
                        sizes.len(),
                        each.join(", ")
                    )
                } else {
                    format!("{} {kind}{plural} ({total})", sizes.len())
                }
            })
            .collect();
        parts.join(", ")
    }
    let total: usize = files.iter().map(|f| f.size).sum();
    let mut queries: Vec<Option<&str>> = Vec::new();
    for f in files {
        if !queries.contains(&f.query.as_deref()) {
            queries.push(f.query.as_deref());
        }
    }
    queries.sort_by_key(|q| q.map_or(usize::MAX, str::len));
    let per_query: Vec<String> = queries
        .iter()
        .map(|q| {
            let mine = files.iter().filter(|f| f.query.as_deref() == *q);
            let label = q.map_or("not the search's own request".to_owned(), |q| {
                format!("{q:?}")
            });
            format!("{label}: {}", by_kind(mine, true))
        })
        .collect();
    format!(
        "{} in {} files: {}; asked for at {}",
        kb(total),
        files.len(),
        by_kind(files.iter(), false),
        per_query.join("; ")
    )
}

/// One timed action.
struct Timed {
    /// Milliseconds to the frame after the list changed.
    ms: f64,
    /// Milliseconds to the change in the document (the app's own work; the rest is style,
    /// layout and waiting for the frame).
    dom: f64,
    /// Whether anything was fetched meanwhile.
    fetched: bool,
}

/// The loads of one page with the cache off.
#[derive(Default)]
struct FirstLoad {
    /// Milliseconds from navigation to the frame after the first card, per load.
    times: Vec<f64>,
    /// The same for the same page without the app (its scripts and preloads taken out): the
    /// static page that issue 9 compares with, loaded in turn with the app's.
    static_times: Vec<f64>,
    /// The files fetched before the first card on the first load (the page itself first),
    /// with their brotli sizes.
    files: Vec<(String, usize)>,
    /// Files requested more than once before the first card on the first load (a preload the
    /// app's fetch did not use is fetched twice).
    repeated: Vec<String>,
}

impl FirstLoad {
    fn data(&self) -> usize {
        self.files
            .iter()
            .filter(|(p, _)| p.starts_with("/data/"))
            .map(|(_, b)| b)
            .sum()
    }

    fn total(&self) -> usize {
        self.files.iter().map(|(_, b)| b).sum()
    }

    fn largest_data(&self) -> Option<&(String, usize)> {
        self.files
            .iter()
            .filter(|(p, _)| p.starts_with("/data/"))
            .max_by_key(|(_, b)| *b)
    }
}

fn run() -> anyhow::Result<()> {
    let args = parse_args()?;
    let source = match Source::load() {
        Ok(s) => s,
        Err(e) => {
            println!("reader: skipped: {e:#}");
            return Ok(());
        }
    };
    for dist in &args.dists {
        if !dist.join("index.html").is_file() {
            bail!(
                "no app at {} (make one with `source scripts/env.sh && trunk build --release`, or pass --dist DIR)",
                dist.display()
            );
        }
    }
    if kiosque_e2e::which("chromedriver").is_none() {
        bail!("chromedriver is missing (apt-get install chromium chromium-driver)");
    }
    let kiosque = match &args.kiosque {
        Some(path) => path.clone(),
        // A site measured as it is needs no CLI.
        None if args.site.is_some() => PathBuf::new(),
        None => kiosque_bench::build_kiosque("reader")?,
    };
    let work = args.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("kiosque-reader-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
    if let Some(dir) = &args.profile {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }

    let mut sizes = Brotli::default();
    let several = args.dists.len() > 1;
    let mut apps = Vec::new();
    // With `--site`, the app measured is the one in the site.
    let app_dirs = args.site.as_slice();
    let app_dirs = if app_dirs.is_empty() {
        &args.dists
    } else {
        app_dirs
    };
    for dist in app_dirs {
        apps.push((app_name(dist), app_files(dist, &mut sizes)?));
    }
    let runtime = tokio::runtime::Runtime::new().context("a tokio runtime")?;
    let mut measured = Vec::new();
    if let Some(site) = &args.site {
        measured.push(measure_site(&runtime, site, &args, &mut sizes)?);
        report(&apps, &measured, args.network.as_ref());
        return Ok(());
    }
    for &size in &args.sizes {
        let data = build_data(&source, &kiosque, &work, size)?;
        for (dist, (name, _)) in args.dists.iter().zip(&apps) {
            let site = if several {
                work.join(format!("site-{size}-{name}"))
            } else {
                work.join(format!("site-{size}"))
            };
            assemble_site(&kiosque, dist, &data, &site)?;
            let started = Instant::now();
            let mut m = measure_served(&runtime, &site, size, name, &args, &mut sizes)?;
            m.app = several.then(|| name.clone());
            eprintln!(
                "reader: measured {size} articles with {name} in {:.0}s",
                started.elapsed().as_secs_f64()
            );
            measured.push(m);
            if !args.keep {
                let _ = std::fs::remove_dir_all(&site);
            }
        }
        if !args.keep {
            let _ = std::fs::remove_dir_all(&data);
        }
    }
    if !args.keep && args.work.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }
    report(&apps, &measured, args.network.as_ref());
    Ok(())
}

/// Measures a site assembled before (`--site`), as it is: its size is `site.json`'s count.
fn measure_site(
    runtime: &tokio::runtime::Runtime,
    site: &Path,
    args: &Args,
    sizes: &mut Brotli,
) -> anyhow::Result<Measured> {
    let file = site.join("data").join(kiosque_model::parts::SITE_FILE);
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let size = kiosque_model::parts::parse_site(&text)?.articles as usize;
    let name = app_name(site);
    let mut m = measure_served(runtime, site, size, &name, args, sizes)?;
    m.app = Some(name);
    Ok(m)
}

/// Serves `site` with the plain static server and measures it, with a CPU profile named after
/// the app and the size when `--profile` asks for one.
fn measure_served(
    runtime: &tokio::runtime::Runtime,
    site: &Path,
    size: usize,
    name: &str,
    args: &Args,
    sizes: &mut Brotli,
) -> anyhow::Result<Measured> {
    let server = Server::start(site);
    let profile = args
        .profile
        .as_ref()
        .map(|dir| dir.join(format!("{name}-{size}")));
    runtime.block_on(measure(
        &server,
        site,
        size,
        &args.words,
        sizes,
        profile.as_deref(),
        args.network,
    ))
}

/// The name of an app: its directory's.
fn app_name(dist: &Path) -> String {
    dist.file_name()
        .map_or_else(|| "dist".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Writes a corpus of `size` articles and builds its data with the release CLI into
/// `work/data-<size>`, as `scripts/test` does for the browser tests' large site; returns it.
fn build_data(
    source: &Source,
    kiosque: &Path,
    work: &Path,
    size: usize,
) -> anyhow::Result<PathBuf> {
    let corpus = work.join(format!("corpus-{size}"));
    let data = work.join(format!("data-{size}"));
    let _ = std::fs::remove_dir_all(&corpus);
    let _ = std::fs::remove_dir_all(&data);
    let started = Instant::now();
    source.write_dir(size, 1000, Options::default(), &corpus)?;
    kiosque_run(
        kiosque,
        &[
            "build".as_ref(),
            corpus.as_os_str(),
            "--out".as_ref(),
            data.as_os_str(),
            "--quiet".as_ref(),
            "--no-cache".as_ref(),
        ],
    )?;
    let _ = std::fs::remove_dir_all(&corpus);
    eprintln!(
        "reader: built the {size}-article data in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    Ok(data)
}

/// A copy of the app `dist` with `data` in place of its own and its pages rendered.
fn assemble_site(kiosque: &Path, dist: &Path, data: &Path, site: &Path) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(site);
    kiosque_e2e::copy_dir(dist, site);
    for generated in ["data", "article", "entity"] {
        let _ = std::fs::remove_dir_all(site.join(generated));
    }
    kiosque_e2e::copy_dir(data, &site.join("data"));
    kiosque_run(
        kiosque,
        &[
            "pages".as_ref(),
            "--dist".as_ref(),
            site.as_os_str(),
            "--quiet".as_ref(),
        ],
    )
}

fn kiosque_run(kiosque: &Path, args: &[&std::ffi::OsStr]) -> anyhow::Result<()> {
    let status = Command::new(kiosque)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {}", kiosque.display()))?;
    if !status.success() {
        bail!("kiosque {:?} failed", args);
    }
    Ok(())
}

/// Brotli sizes of files, computed once each.
#[derive(Default)]
struct Brotli(HashMap<PathBuf, usize>);

impl Brotli {
    fn size(&mut self, file: &Path) -> anyhow::Result<usize> {
        if let Some(&size) = self.0.get(file) {
            return Ok(size);
        }
        let bytes =
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let size = kiosque_bench::brotli_size(&bytes)?;
        self.0.insert(file.to_owned(), size);
        Ok(size)
    }
}

/// The app's files in `dist` (wasm, JavaScript, CSS; not the Try it page's worker) with their
/// raw and brotli sizes.
fn app_files(dist: &Path, sizes: &mut Brotli) -> anyhow::Result<Vec<(String, u64, usize)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist).with_context(|| format!("{}", dist.display()))? {
        let path = entry?.path();
        let app = path
            .extension()
            .is_some_and(|e| e == "wasm" || e == "js" || e == "css");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_file() && app && !kiosque_bench::is_try_page_file(&name) {
            let raw = std::fs::metadata(&path)?.len();
            files.push((name, raw, sizes.size(&path)?));
        }
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.2));
    Ok(files)
}

/// The file under `site` that the URL `url` of the server names (its path, `index.html` for a
/// directory).
fn file_of(site: &Path, url: &str) -> Option<(String, PathBuf)> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &after_scheme[after_scheme.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or_default().to_owned();
    let mut file = site.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." {
            return None;
        }
        file.push(segment);
    }
    if path.ends_with('/') {
        file.push("index.html");
    }
    Some((path, file))
}

/// Writes the page at `url` without the app (every `<script>` and every preload link taken
/// out: what is left is a static page with the same text, styles and cards) beside the site's
/// pages, at `/static-<name>/`, and answers its URL. The page's links are under its `<base>`,
/// so they resolve as from the page itself.
fn static_copy(site: &Path, url: &str, name: &str) -> anyhow::Result<String> {
    let (_, file) = file_of(site, url).with_context(|| format!("no file for {url}"))?;
    let page =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let dir = site.join(format!("static-{name}"));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::write(dir.join("index.html"), without_app(&page))
        .with_context(|| format!("writing {}", dir.display()))?;
    let origin = &url[..url.find("://").map_or(0, |i| i + 3)];
    let host = url[origin.len()..].split('/').next().unwrap_or_default();
    Ok(format!("{origin}{host}/static-{name}/"))
}

/// Removes what [`static_copy`] wrote: the site is left as it was (`--site` measures a site
/// the reader keeps).
fn remove_static_copy(site: &Path, name: &str) {
    let dir = site.join(format!("static-{name}"));
    if let Err(e) = std::fs::remove_dir_all(&dir) {
        eprintln!("reader: could not remove {}: {e}", dir.display());
    }
}

/// `page` without its `<script>` elements and its `rel="preload"`/`"modulepreload"` links.
fn without_app(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = if rest.starts_with("<script") {
            rest.find("</script>").map(|i| i + "</script>".len())
        } else if rest.starts_with("<link")
            && let Some(close) = rest.find('>')
            && (rest[..close].contains("rel=\"preload\"")
                || rest[..close].contains("rel=\"modulepreload\""))
        {
            Some(close + 1)
        } else {
            None
        };
        match end {
            Some(end) => rest = &rest[end..],
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The files of `urls` (deduplicated, in order) with their brotli sizes.
fn files_of(site: &Path, urls: &[String], sizes: &mut Brotli) -> Vec<(String, usize)> {
    let mut seen = std::collections::HashSet::new();
    let mut files = Vec::new();
    for url in urls {
        let Some((path, file)) = file_of(site, url) else {
            continue;
        };
        if seen.insert(path.clone())
            && let Ok(size) = sizes.size(&file)
        {
            files.push((path, size));
        }
    }
    files
}

/// Whether a file of the site data is a part of the whole site (a summary page, an entity
/// part), which the home page asks for when it opens.
fn of_whole_site(path: &str) -> bool {
    path.contains("/data/summaries/") || path.contains("/data/entities/")
}

async fn measure(
    server: &Server,
    site: &Path,
    size: usize,
    words: &[String],
    sizes: &mut Brotli,
    profile: Option<&Path>,
    network: Option<Network>,
) -> anyhow::Result<Measured> {
    let (data_files, data_bytes) = count_files(&site.join("data"))?;
    let site_files = count_files(site)?;
    let data_dirs = count_entries(&site.join("data"))?;
    let browser = Browser::new().await;
    let cdp = |command: &'static str, params: Value| {
        let browser = &browser;
        async move {
            browser
                .cdp(command, params)
                .await
                .with_context(|| format!("DevTools {command}"))
        }
    };
    cdp("Network.enable", json!({})).await?;
    if let Some(network) = network {
        cdp("Network.emulateNetworkConditions", network.conditions()).await?;
    }
    cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": PROBE }),
    )
    .await?;
    let home_url = format!("http://127.0.0.1:{}/", server.port());

    // First loads, nothing cached.
    cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
    let home = first_loads(&browser, site, &home_url, Some("home"), sizes).await?;
    let article_url = browser
        .client
        .execute(
            "const a = document.querySelector('article.card a[href]'); return a ? a.href : null;",
            vec![],
        )
        .await
        .context("reading a card's link")?
        .as_str()
        .map(str::to_owned)
        .context("no link in the first card")?;
    let article = first_loads(&browser, site, &article_url, Some("article"), sizes).await?;
    let filtered_url = format!("{home_url}?entity={}", most_mentioned(site)?);
    let filtered = first_loads(&browser, site, &filtered_url, None, sizes).await?;
    let idle = idle_visit(&browser, site, &home_url, sizes).await?;
    let entity_url = format!("{home_url}entity/{}/", most_mentioned(site)?);
    let entity_idle = idle_visit(&browser, site, &entity_url, sizes).await?;
    let shell_url = format!("{home_url}entity/?id={}", single_article_entity(site)?);
    let shell_idle = idle_visit(&browser, site, &shell_url, sizes).await?;
    let wide_idle = idle_visit(&browser, site, &filtered_url, sizes).await?;
    browser.resize(WIDTHS[1]).await;
    let phone_idle = idle_visit(&browser, site, &filtered_url, sizes).await;
    browser.resize(WIDTHS[0]).await;
    let filtered_idle = [wide_idle, phone_idle?];
    let show_more = [
        show_more(&browser, site, &home_url, "#results", 2 * PAGE, sizes).await?,
        show_more(
            &browser,
            site,
            &entity_url,
            "#main .entity-articles",
            2 * NESTED_PAGE,
            sizes,
        )
        .await?,
    ];
    let article_from_card = article_from_card(&browser, site, &home_url, sizes).await?;
    let related_direct = after_click(&browser, site, &article_url, &RELATED, sizes).await?;
    let facet_on_first_use =
        facet_on_first_use(&browser, site, &home_url, &most_mentioned(site)?, sizes).await?;
    let downloads = downloads(&browser, &home_url).await?;

    // A word typed right after the first card, while the whole site loads.
    cdp(
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": false }),
    )
    .await?;
    first_load_then_app(&browser, &home_url).await?;
    let typed = json!({ "kind": "type", "value": words[0], "timeout": 60_000 });
    let right_after = act(&browser, &typed).await?.map(|(timed, _)| timed);
    let tasks = browser
        .client
        .execute(LONG_TASKS, vec![])
        .await
        .context("reading the long tasks")?;
    let long_tasks = (
        tasks["longest"].as_f64().unwrap_or(0.0),
        tasks["count"].as_u64().unwrap_or(0) as usize,
        tasks["total"].as_f64().unwrap_or(0.0),
    );

    // Facet clicks: each facet once with nothing of it cached, then again.
    first_load_then_app(&browser, &home_url).await?;
    let facets: Vec<String> = serde_json::from_value(
        browser
            .client
            .execute(
                "return Array.from(document.querySelectorAll('nav.sidebar button.facet[data-entity]'))
                   .filter(b => b.offsetParent !== null).map(b => b.dataset.entity);",
                vec![],
            )
            .await
            .context("listing the facets")?,
    )
    .context("facet ids")?;
    let facets: Vec<String> = facets.into_iter().take(CLICKS).collect();
    if facets.is_empty() {
        bail!("no facet in the sidebar at {home_url}");
    }
    let mut clicks = Vec::new();
    for pass in 0..2 {
        if pass == 1 {
            start_profile(&browser, profile).await?;
        }
        for entity in &facets {
            let action = json!({ "kind": "facet", "entity": entity });
            match act(&browser, &action).await? {
                Ok((timed, _)) => clicks.push(timed),
                Err(e) => eprintln!("reader: {size}: facet {entity}: {e}"),
            }
            // Unselects it: back to the whole list.
            if let Err(e) = act(&browser, &action).await? {
                eprintln!("reader: {size}: unselecting facet {entity}: {e}");
            }
        }
    }
    stop_profile(&browser, profile, "facets").await?;

    // Search: each word typed key by key with nothing of the search cached, then again.
    first_load_then_app(&browser, &home_url).await?;
    let mut keys = Vec::new();
    let mut keys_unchanged = 0;
    let mut first_search = Vec::new();
    let mut first_search_settled = Err("not measured".to_owned());
    let mut first_search_whole = Vec::new();
    let mut first_word_done = false;
    for pass in 0..2 {
        start_profile(&browser, profile).await?;
        for word in words {
            // The resources and the search's requests so far: the first search's are those after.
            let marks = if first_word_done {
                None
            } else {
                Some(
                    browser
                        .client
                        .execute(
                            "return [performance.getEntriesByType('resource').length, \
                             window.__kq.requests.length];",
                            vec![],
                        )
                        .await
                        .context("reading the resources so far")?,
                )
            };
            let typed: Vec<char> = word.chars().collect();
            for n in 1..=typed.len() {
                let value: String = typed[..n].iter().collect();
                match act(&browser, &json!({ "kind": "type", "value": value })).await? {
                    Ok((timed, fetched)) => {
                        // Each keystroke, for seeing where the fetches' time goes.
                        eprintln!(
                            "reader: {size}: pass {pass}, {value:?}: {:.1} ms (in the document at {:.1}), {} fetched: {}",
                            timed.ms,
                            timed.dom,
                            fetched.len(),
                            fetched
                                .iter()
                                .map(|url| url.rsplit('/').next().unwrap_or(url))
                                .collect::<Vec<_>>()
                                .join(" ")
                        );
                        keys.push(timed);
                    }
                    Err(_) => keys_unchanged += 1,
                }
            }
            if let Some(marks) = marks {
                first_word_done = true;
                let settle = json!({ "quiet": SETTLE_QUIET_MS, "limit": 60_000 });
                let settled = browser
                    .client
                    .execute_async(SETTLE, vec![settle])
                    .await
                    .context("waiting for the search to settle")?;
                first_search_settled = match settled["error"].as_str() {
                    Some(e) => Err(e.to_owned()),
                    None => Ok(settled["ms"].as_f64().unwrap_or(f64::NAN)),
                };
                let script = "const [r, q] = arguments[0]; return { \
                    urls: performance.getEntriesByType('resource').slice(r).map(e => e.name), \
                    requests: window.__kq.requests.slice(q) };";
                let after = browser
                    .client
                    .execute(script, vec![marks])
                    .await
                    .context("reading the first search's files")?;
                let urls: Vec<String> = serde_json::from_value(after["urls"].clone())
                    .context("the resources' names")?;
                let requests: Vec<(String, Option<String>)> =
                    serde_json::from_value(after["requests"].clone())
                        .context("the search's requests")?;
                let mut asked: HashMap<String, Option<String>> = HashMap::new();
                for (url, query) in requests {
                    if let Some((path, _)) = file_of(site, &url) {
                        asked.entry(path).or_insert(query);
                    }
                }
                for (path, bytes) in files_of(site, &urls, sizes) {
                    if of_whole_site(&path) {
                        first_search_whole.push((path, bytes));
                    } else {
                        first_search.push(SearchFile {
                            kind: kind_of(&path),
                            query: asked.get(&path).cloned().flatten(),
                            path,
                            size: bytes,
                        });
                    }
                }
                eprintln!(
                    "reader: {size}: the first search ({word:?}) settled {} after its last keystroke: {}",
                    match &first_search_settled {
                        Ok(ms) => format!("{ms:.0} ms"),
                        Err(e) => e.clone(),
                    },
                    search_summary(&first_search)
                );
            }
            // Clears the box: back to the whole list.
            let _ = act(&browser, &json!({ "kind": "type", "value": "" })).await?;
        }
        let what = if pass == 0 {
            "search-fetching"
        } else {
            "search"
        };
        stop_profile(&browser, profile, what).await?;
    }
    let memory = browser
        .client
        .execute(
            "return window.__kq.memory ? window.__kq.memory.buffer.byteLength : null;",
            vec![],
        )
        .await
        .context("reading the app's memory")?
        .as_u64()
        .ok_or_else(|| "no TrunkApplicationStarted event with the app's memory".to_owned());
    browser.close().await;
    Ok(Measured {
        size,
        app: None,
        data_files,
        data_bytes,
        site_files,
        data_dirs,
        home,
        article,
        filtered,
        idle,
        entity_idle,
        shell_idle,
        filtered_idle,
        show_more,
        article_from_card,
        related_direct,
        facet_on_first_use,
        downloads,
        clicks,
        keys,
        keys_unchanged,
        first_search,
        first_search_settled,
        first_search_whole,
        right_after,
        word: words[0].clone(),
        long_tasks,
        memory,
    })
}

/// The data files a visit fetched (brotli bytes) and the app's wasm memory then.
type Visit = (Vec<(String, usize)>, Option<u64>);

/// How long [`idle_visit`] leaves a page alone.
const IDLE: Duration = Duration::from_secs(8);

/// Visits `url` (the home page, an entity's page; cache off) and leaves it alone for [`IDLE`]
/// after its first card: what a reader who only looks at its first screen costs the network and
/// the device (the data files fetched by then, brotli, and the app's wasm memory).
async fn idle_visit(
    browser: &Browser,
    site: &Path,
    url: &str,
    sizes: &mut Brotli,
) -> anyhow::Result<Visit> {
    browser
        .cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await
        .context("DevTools Network.setCacheDisabled")?;
    first_load(browser, url).await?;
    tokio::time::sleep(IDLE).await;
    data_fetched_since(browser, site, 0, sizes, Counted::Data).await
}

/// The data files the page fetched after its first `resources` requests (brotli sizes), and
/// the app's wasm memory now.
async fn data_fetched_since(
    browser: &Browser,
    site: &Path,
    resources: usize,
    sizes: &mut Brotli,
    counted: Counted,
) -> anyhow::Result<Visit> {
    let seen = browser
        .client
        .execute(
            "return { urls: performance.getEntriesByType('resource').map(e => e.name),
                      memory: window.__kq.memory ? window.__kq.memory.buffer.byteLength : null };",
            vec![],
        )
        .await
        .context("reading what the page fetched")?;
    let urls: Vec<String> =
        serde_json::from_value(seen["urls"].clone()).context("resource URLs")?;
    let data: Vec<String> = (urls.into_iter().skip(resources))
        .filter(|u| match counted {
            Counted::All => true,
            Counted::Data => u.contains("/data/"),
            Counted::DataAndPieces => {
                u.contains("/data/") || is_app_piece(u.rsplit('/').next().unwrap_or_default())
            }
        })
        .collect();
    Ok((files_of(site, &data, sizes), seen["memory"].as_u64()))
}

/// The cards of the home page's and an entity page's lists, and what "Show more" adds.
const PAGE: usize = 30;
const NESTED_PAGE: usize = 10;

/// A click on a page opened with the cache off: the time from the click to the frame after what
/// it shows appears, and the files fetched from the click until 2 s after it (brotli: see
/// [`Counted`]) with the app's wasm memory then.
struct AfterClick {
    ms: f64,
    files: Vec<(String, usize)>,
    memory: Option<u64>,
}

/// The files an [`AfterClick`] counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counted {
    /// The data's.
    Data,
    /// The data's and the app's wasm pieces (docs/wasm-split.md).
    DataAndPieces,
    /// Every file: the app's too.
    All,
}

/// What [`after_click`] clicks and waits for.
struct Click<'a> {
    /// A CSS selector.
    button: &'a str,
    /// A script expression, true once the click's result is shown.
    done: &'a str,
    /// What is waited for, in messages.
    what: &'a str,
    counted: Counted,
    /// Clicked on the pre-rendered page before the app is asked for (the app then starts on
    /// that first use), instead of once the app has taken the page over.
    before_app: bool,
}

/// "Show more" of the list in `list` on `url`, clicked as soon as the app shows it, until
/// `cards` cards are there ([`after_click`]).
async fn show_more(
    browser: &Browser,
    site: &Path,
    url: &str,
    list: &str,
    cards: usize,
    sizes: &mut Brotli,
) -> anyhow::Result<Option<AfterClick>> {
    let done = format!("document.querySelectorAll('{list} article.card').length >= {cards}");
    let what = format!("{cards} cards");
    let button = format!("{list} button.show-more");
    let click = Click {
        button: &button,
        done: &done,
        what: &what,
        counted: Counted::Data,
        before_app: false,
    };
    after_click(browser, site, url, &click, sizes).await
}

/// The first card's article on the home page `url`, its title's link clicked as soon as the app
/// shows it, nothing pointed at before (so the article page's wasm pieces are fetched on the
/// click: docs/wasm-split.md), until the article's text is there ([`after_click`]).
async fn article_from_card(
    browser: &Browser,
    site: &Path,
    url: &str,
    sizes: &mut Brotli,
) -> anyhow::Result<Option<AfterClick>> {
    let click = Click {
        button: "#results article.card .card-title a",
        done: "!!document.querySelector('.article-page .article-body')",
        what: "the article",
        counted: Counted::DataAndPieces,
        before_app: false,
    };
    after_click(browser, site, url, &click, sizes).await
}

/// The related articles of an article page opened directly: its "Find related articles"
/// button clicked as soon as the app shows it, until they (or the message that there are none)
/// are there ([`after_click`]: the data fetched for them).
const RELATED: Click<'static> = Click {
    button: "#main button.related-load",
    done: "!document.querySelector('#main button.related-load, #main .related-section [role=status]')",
    what: "the related articles",
    counted: Counted::Data,
    before_app: false,
};

/// The facet of `entity` clicked on the pre-rendered home page `url` (the app not asked for
/// yet: it is fetched and started on that click, which it then applies), until the app shows
/// the filtered list ([`after_click`], every file counted).
async fn facet_on_first_use(
    browser: &Browser,
    site: &Path,
    url: &str,
    entity: &str,
    sizes: &mut Brotli,
) -> anyhow::Result<Option<AfterClick>> {
    let button = format!("nav.sidebar button.facet[data-entity=\\'{entity}\\']");
    let done = format!(
        "!document.getElementById('prerender') && location.search.includes('entity={entity}') \
         && document.querySelector(\"button.facet[data-entity='{entity}']\")?.getAttribute('aria-pressed') === 'true' \
         && !window.__kq.busy() && document.querySelector('#results article.card') !== null"
    );
    let click = Click {
        button: &button,
        done: &done,
        what: "the filtered list",
        counted: Counted::All,
        before_app: true,
    };
    after_click(browser, site, url, &click, sizes).await
}

/// Opens `url` (cache off), clicks `click.button` (as soon as the app has taken over the page,
/// or on the pre-rendered page) and waits until `click.done` holds; `None` when the page never
/// shows the button or what is waited for (said on stderr).
async fn after_click(
    browser: &Browser,
    site: &Path,
    url: &str,
    click: &Click<'_>,
    sizes: &mut Brotli,
) -> anyhow::Result<Option<AfterClick>> {
    let Click {
        button,
        done,
        what,
        counted,
        before_app,
    } = *click;
    browser
        .cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await
        .context("DevTools Network.setCacheDisabled")?;
    if before_app {
        first_load(browser, url).await?;
    } else {
        first_load_then_app(browser, url).await?;
    }
    let clickable = if before_app {
        "!document.getElementById('prerender') || !button"
    } else {
        "document.getElementById('prerender') || !button"
    };
    let click = format!(
        "const button = document.querySelector('{button}');
         if ({clickable}) return null;
         const resources = performance.getEntriesByType('resource').length;
         const t0 = performance.now();
         window.__kq_more = null;
         const done = () => {done};
         const observer = new MutationObserver(() => {{
           if (done()) {{
             observer.disconnect();
             requestAnimationFrame(() => {{ window.__kq_more = performance.now() - t0; }});
           }}
         }});
         observer.observe(document.body, {{ childList: true, subtree: true, attributes: true }});
         button.click();
         return resources;"
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let resources = loop {
        let clicked = browser.client.execute(&click, vec![]).await;
        if let Some(resources) = clicked
            .with_context(|| format!("clicking {button}"))?
            .as_u64()
        {
            break resources as usize;
        }
        if Instant::now() > deadline {
            eprintln!("{url}: no {button} to click after 30 s");
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let ms = loop {
        let value = browser
            .client
            .execute("return window.__kq_more;", vec![])
            .await
            .context("reading the click's time")?;
        if let Some(ms) = value.as_f64() {
            break ms;
        }
        if Instant::now() > deadline {
            eprintln!("{url}: {what} not shown 60 s after clicking {button}");
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (files, memory) = data_fetched_since(browser, site, resources, sizes, counted).await?;
    Ok(Some(AfterClick { ms, files, memory }))
}

/// The rows of a table of [`AfterClick`]s, one per measured site: `shown` and `files` head the
/// time's and the files' columns.
fn after_click_rows(
    measured: &[Measured],
    shown: &str,
    files: &str,
    of: impl Fn(&Measured) -> Option<&AfterClick>,
) {
    println!("| articles | {shown} | {files} | {files}, brotli | wasm memory |");
    println!("|---|---:|---:|---:|---:|");
    for m in measured {
        let Some(clicked) = of(m) else {
            println!("| {} | not shown | | | |", m.row());
            continue;
        };
        let bytes: usize = clicked.files.iter().map(|(_, b)| b).sum();
        let memory = clicked
            .memory
            .map_or_else(|| "–".to_owned(), |m| format!("{:.1} MB", m as f64 / 1e6));
        println!(
            "| {} | {:.0} ms | {} | {} | {memory} |",
            m.row(),
            clicked.ms,
            clicked.files.len(),
            kb(bytes)
        );
    }
}

/// The download of every article, its link clicked on the home page once the whole site is
/// there: the time until the file is made (the link's address a Blob URL), the main thread's
/// tasks of 50 ms or more meanwhile (the longest and how many), and the app's wasm memory
/// before and after.
struct Download {
    ms: f64,
    longest: f64,
    tasks: usize,
    before: Option<u64>,
    after: Option<u64>,
}

/// Opens the home page, presses its download's button (which loads the whole site) and follows
/// its JSON link, then its CSV link, each file made but not saved (downloads denied): see
/// [`Download`].
async fn downloads(
    browser: &Browser,
    home_url: &str,
) -> anyhow::Result<[Result<Download, String>; 2]> {
    browser
        .cdp("Browser.setDownloadBehavior", json!({ "behavior": "deny" }))
        .await
        .context("DevTools Browser.setDownloadBehavior")?;
    let made = follow_download_links(browser, home_url).await;
    browser
        .cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "default" }),
        )
        .await
        .context("DevTools Browser.setDownloadBehavior")?;
    Ok(made.unwrap_or_else(|e| {
        let failed = || Err(format!("{e:#}"));
        [failed(), failed()]
    }))
}

/// [`downloads`], downloads denied.
async fn follow_download_links(
    browser: &Browser,
    home_url: &str,
) -> anyhow::Result<[Result<Download, String>; 2]> {
    first_load_then_app(browser, home_url).await?;
    let links = "#results .export a.export-link";
    let press = format!(
        "const button = document.querySelector('#results button.export-prepare');
         if (button) button.click();
         return !!document.querySelector('{links}');"
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let shown = browser.client.execute(&press, vec![]).await;
        if shown.context("pressing the download's button")? == Value::Bool(true) {
            break;
        }
        if Instant::now() > deadline {
            let missing = || Err("no download links after 120 s".to_owned());
            return Ok([missing(), missing()]);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The whole site's last work settled.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut made = Vec::new();
    for format in ["json", "csv"] {
        made.push(download(browser, &format!("{links}[download$='.{format}']")).await?);
    }
    let mut made = made.into_iter();
    let mut next = || {
        made.next()
            .unwrap_or_else(|| Err("not measured".to_owned()))
    };
    Ok([next(), next()])
}

/// Follows the download link `link` (see [`downloads`]).
async fn download(browser: &Browser, link: &str) -> anyhow::Result<Result<Download, String>> {
    let memory = "window.__kq.memory ? window.__kq.memory.buffer.byteLength : null";
    let click = format!(
        "const link = document.querySelector(\"{link}\");
         if (!link) return null;
         const before = {memory};
         window.__kq_download = null;
         const t0 = performance.now();
         link.click();
         const look = () => {{
           if ((link.getAttribute('href') || '').startsWith('blob:')) {{
             window.__kq_download = {{ ms: performance.now() - t0, t0, before }};
           }} else {{
             setTimeout(look, 10);
           }}
         }};
         look();
         return true;"
    );
    let clicked = browser.client.execute(&click, vec![]).await;
    if clicked.context("following a download link")?.is_null() {
        return Ok(Err(format!("no {link}")));
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    let made = loop {
        let made = (browser.client)
            .execute("return window.__kq_download;", vec![])
            .await
            .context("reading the download's time")?;
        if !made.is_null() {
            break made;
        }
        if Instant::now() > deadline {
            return Ok(Err("no file 120 s after the click".to_owned()));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    // The app follows the link once more after the file is made: a turn for it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = (browser.client)
        .execute(
            &format!(
                "const since = window.__kq_download.t0;
                 const tasks = window.__kq.tasks.filter(t => t[0] + t[1] >= since).map(t => t[1]);
                 return {{ tasks, memory: {memory} }};"
            ),
            vec![],
        )
        .await
        .context("reading the download's tasks")?;
    let tasks: Vec<f64> = serde_json::from_value(after["tasks"].clone()).unwrap_or_default();
    Ok(Ok(Download {
        ms: made["ms"].as_f64().unwrap_or(f64::NAN),
        longest: tasks.iter().copied().fold(0.0, f64::max),
        tasks: tasks.len(),
        before: made["before"].as_u64(),
        after: after["memory"].as_u64(),
    }))
}

/// [`LOADS`] first loads of `url` (cache off), each followed, when `static_name` names one, by
/// a load of the same page without the app (written beside the site's pages under that name,
/// removed afterwards); the files of the first load.
async fn first_loads(
    browser: &Browser,
    site: &Path,
    url: &str,
    static_name: Option<&str>,
    sizes: &mut Brotli,
) -> anyhow::Result<FirstLoad> {
    let mut load = FirstLoad::default();
    let static_url = match static_name {
        Some(name) => Some(static_copy(site, url, name)?),
        None => None,
    };
    for i in 0..LOADS {
        let (ms, urls) = first_load(browser, url).await?;
        load.times.push(ms);
        if i == 0 {
            load.files = files_of(site, &urls, sizes);
            load.repeated = repeated(&urls);
        }
        if let Some(static_url) = &static_url {
            load.static_times
                .push(first_load(browser, static_url).await?.0);
        }
    }
    if let Some(name) = static_name {
        remove_static_copy(site, name);
    }
    Ok(load)
}

/// The id of the entity that is not a date that most articles of the site at `site` mention, of
/// those its first screen has.
fn most_mentioned(site: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(site.join("data").join(kiosque_model::parts::SITE_FILE))?;
    let file = kiosque_model::parts::parse_site(&text)?;
    file.first
        .entities
        .iter()
        .filter(|e| e.label != kiosque_model::Label::Date)
        .max_by_key(|e| e.articles)
        .map(|e| e.id.clone())
        .context("no entity on the first screen")
}

/// The id of an entity that a single article of the site at `site` lists, with some company
/// on its page: the first such of the first file of single-article entities' profiles
/// (schema 2.7; its page is the shell page).
fn single_article_entity(site: &Path) -> anyhow::Result<String> {
    let data = site.join("data");
    let text = std::fs::read_to_string(data.join(kiosque_model::parts::SITE_FILE))?;
    let file = kiosque_model::parts::parse_site(&text)?;
    let files = kiosque_model::parts::single_files_for(file.posting_files);
    let path = kiosque_model::parts::single_path(0, files);
    let text = std::fs::read_to_string(data.join(&path)).with_context(|| path.clone())?;
    let singles = kiosque_model::parts::parse_singles(&path, &text)?;
    (singles.entities.iter())
        .find(|(_, company, _)| !company.is_empty())
        .map(|(id, _, _)| id.clone())
        .context("no entity of a single article with company")
}

/// Starts Chromium's CPU profiler, when a profile is asked for.
async fn start_profile(browser: &Browser, profile: Option<&Path>) -> anyhow::Result<()> {
    if profile.is_none() {
        return Ok(());
    }
    for (command, params) in [
        ("Profiler.enable", json!({})),
        ("Profiler.setSamplingInterval", json!({ "interval": 100 })),
        ("Profiler.start", json!({})),
    ] {
        browser
            .cdp(command, params)
            .await
            .with_context(|| format!("DevTools {command}"))?;
    }
    Ok(())
}

/// Stops the profiler and writes its profile to `<profile>-<what>.cpuprofile`.
async fn stop_profile(browser: &Browser, profile: Option<&Path>, what: &str) -> anyhow::Result<()> {
    let Some(profile) = profile else {
        return Ok(());
    };
    let stopped = browser
        .cdp("Profiler.stop", json!({}))
        .await
        .context("DevTools Profiler.stop")?;
    let mut file = profile.as_os_str().to_owned();
    file.push(format!("-{what}.cpuprofile"));
    std::fs::write(&file, stopped["profile"].to_string())
        .with_context(|| format!("cannot write {}", file.to_string_lossy()))?;
    Ok(())
}

/// Opens `url` and waits for the frame after its first card: the milliseconds since the
/// navigation started and the URLs fetched before it (the page's own first).
async fn first_load(browser: &Browser, url: &str) -> anyhow::Result<(f64, Vec<String>)> {
    // A blank page first, and a moment for the last page's work to end (an app still reading
    // the whole site would slow the page measured next).
    browser
        .client
        .goto("about:blank")
        .await
        .context("opening about:blank")?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    browser
        .cdp("Network.clearBrowserCache", json!({}))
        .await
        .context("DevTools Network.clearBrowserCache")?;
    browser
        .client
        .goto(url)
        .await
        .with_context(|| format!("opening {url}"))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let first = browser
            .client
            .execute(FIRST, vec![])
            .await
            .context("reading the probe")?;
        if !first.is_null() {
            let ms = first["frame"].as_f64().context("a frame time")?;
            let mut urls = vec![first["page"].as_str().unwrap_or(url).to_owned()];
            urls.extend(
                first["resources"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|u| u.as_str().map(str::to_owned)),
            );
            return Ok((ms, urls));
        }
        if Instant::now() > deadline {
            bail!("no card at {url} after 120 s");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// [`first_load`], then the app started as a reader would (the pointer on the search box: the
/// pages start it on the first use of a control, docs/wasm-split.md) and the page left to it:
/// for the measures of what the app does.
async fn first_load_then_app(browser: &Browser, url: &str) -> anyhow::Result<(f64, Vec<String>)> {
    let loaded = first_load(browser, url).await?;
    browser.started().await;
    Ok(loaded)
}

/// Runs [`ACT`]: Ok(Ok((times, URLs fetched))) or Ok(Err(why nothing changed)).
async fn act(
    browser: &Browser,
    action: &Value,
) -> anyhow::Result<Result<(Timed, Vec<String>), String>> {
    let answer = browser
        .client
        .execute_async(ACT, vec![action.clone()])
        .await
        .with_context(|| format!("running {action}"))?;
    if let Some(error) = answer["error"].as_str() {
        return Ok(Err(error.to_owned()));
    }
    let ms = answer["ms"].as_f64().context("a time")?;
    let dom = answer["dom"].as_f64().context("a time")?;
    let fetched: Vec<String> = answer["fetched"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str().map(str::to_owned))
        .collect();
    let timed = Timed {
        ms,
        dom,
        fetched: !fetched.is_empty(),
    };
    Ok(Ok((timed, fetched)))
}

/// The number of files under `dir` and their total size.
fn count_files(dir: &Path) -> anyhow::Result<(usize, u64)> {
    let mut count = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            let (c, b) = count_files(&entry.path())?;
            count += c;
            bytes += b;
        } else {
            count += 1;
            bytes += entry.metadata()?.len();
        }
    }
    Ok((count, bytes))
}

/// Files and bytes of each entry of `dir`, by name (`summaries/` for a directory, counted
/// whole), in name order.
fn count_entries(dir: &Path) -> anyhow::Result<Vec<(String, usize, u64)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            let (count, bytes) = count_files(&entry.path())?;
            entries.push((format!("{name}/"), count, bytes));
        } else {
            entries.push((name, 1, entry.metadata()?.len()));
        }
    }
    entries.sort();
    Ok(entries)
}

/// The paths (query left out) that `urls` names more than once, in order.
fn repeated(urls: &[String]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for url in urls {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let n = seen.entry(path).or_default();
        *n += 1;
        if *n == 2 {
            out.push(path.to_owned());
        }
    }
    out
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

/// A median of timed actions against its budget, "12.3 ms (n = 10; in the document at 9.8
/// ms)", and a verdict.
fn timed(
    values: &[Timed],
    fetched: bool,
    budget: f64,
    network: Option<&Network>,
) -> (String, &'static str) {
    let chosen: Vec<&Timed> = values.iter().filter(|t| t.fetched == fetched).collect();
    let to_frame = median(chosen.iter().map(|t| t.ms));
    let to_dom = median(chosen.iter().map(|t| t.dom));
    match (to_frame, to_dom) {
        (Some(m), Some(d)) => (
            format!(
                "{m:.1} ms (n = {}; in the document at {d:.1} ms)",
                chosen.len()
            ),
            if network.is_some() {
                "n/a (budget on localhost)"
            } else {
                verdict(m <= budget)
            },
        ),
        _ => ("none".to_owned(), "n/a"),
    }
}

/// Each app (its name, its files with raw and brotli sizes), and what was measured.
type Apps = [(String, Vec<(String, u64, usize)>)];

fn report(apps: &Apps, measured: &[Measured], network: Option<&Network>) {
    let served = network.map_or_else(
        || "on localhost".to_owned(),
        |n| {
            format!(
                "on localhost with a slower network emulated ({}; the time budgets are for localhost)",
                n.describe()
            )
        },
    );
    println!(
        "\nThe reader at archive scale, headless Chromium {served} (1 KB = 1,024 bytes, brotli quality 11)\n"
    );

    for (name, app) in apps {
        // The first load: the start script and the CSS (the app comes on the reader's first use
        // of a control; its wasm pieces when an article or entity page is first needed).
        let names = || app.iter().map(|f| f.0.as_str());
        let first = || app.iter().filter(|f| on_first_load(&f.0, names()));
        let on_use: Vec<_> = (app.iter())
            .filter(|f| !is_app_piece(&f.0) && !on_first_load(&f.0, names()))
            .collect();
        let total: usize = first().map(|f| f.2).sum();
        let which = if apps.len() > 1 {
            format!(" `{name}`")
        } else {
            String::new()
        };
        println!(
            "App{which} (wasm + JS + CSS), brotli 11: budget ≤ {}\n",
            kb(APP_BUDGET)
        );
        println!("| file | raw | brotli |");
        println!("|---|---:|---:|");
        for (name, raw, brotli) in app {
            println!("| {name} | {} | {} |", kb(*raw as usize), kb(*brotli));
        }
        let pieces: Vec<_> = app.iter().filter(|f| is_app_piece(&f.0)).collect();
        println!(
            "| **first load** | {} | **{}**: {} |",
            kb(first().map(|f| f.1 as usize).sum()),
            kb(total),
            verdict(total <= APP_BUDGET)
        );
        if !on_use.is_empty() {
            println!(
                "| the app, on the reader's first use of a control | {} | {} |",
                kb(on_use.iter().map(|f| f.1 as usize).sum()),
                kb(on_use.iter().map(|f| f.2).sum())
            );
        }
        if !pieces.is_empty() {
            println!(
                "| the pieces, when an article or entity page is first needed | {} | {} |",
                kb(pieces.iter().map(|f| f.1 as usize).sum()),
                kb(pieces.iter().map(|f| f.2).sum())
            );
        }
        println!();
    }

    println!(
        "First load, cache off: data (brotli) fetched before the first card, budget ≤ {} at 10k and 100k; time to the first card, median of {LOADS} loads, next to the same page without the app (its scripts and preloads taken out; loaded in turn with it), budget ≤ {STATIC_RATIO_BUDGET}×\n",
        kb(FIRST_CARD_BUDGET)
    );
    println!(
        "| articles | page | data before first card | largest data file | all bytes (page, app, data) | verdict | time to first card | static page | ratio | verdict |"
    );
    println!("|---:|---|---:|---|---:|---|---:|---:|---:|---|");
    for m in measured {
        for (page, load) in [
            ("home", &m.home),
            ("article", &m.article),
            ("filtered link", &m.filtered),
        ] {
            let largest = load
                .largest_data()
                .map_or("none".to_owned(), |(p, b)| format!("{p} ({})", kb(*b)));
            let applies = m.size >= 10_000;
            let time = median(load.times.iter().copied()).unwrap_or(f64::NAN);
            let static_time = median(load.static_times.iter().copied()).unwrap_or(f64::NAN);
            let ratio = time / static_time;
            let (static_time, ratio, ratio_verdict) = if load.static_times.is_empty() {
                ("none".to_owned(), "n/a".to_owned(), "n/a (no static page)")
            } else {
                (
                    format!("{static_time:.0} ms"),
                    format!("{ratio:.2}×"),
                    verdict(ratio <= STATIC_RATIO_BUDGET),
                )
            };
            println!(
                "| {} | {page} | {} | {largest} | {} | {} | {time:.0} ms | {static_time} | {ratio} | {ratio_verdict} |",
                m.row(),
                kb(load.data()),
                kb(load.total()),
                if applies {
                    verdict(load.data() <= FIRST_CARD_BUDGET)
                } else {
                    "n/a (budget at 10k and 100k)"
                },
            );
        }
    }

    println!(
        "\nFacet click → updated list (next frame), median of {CLICKS} facets: budget ≤ {CACHED_BUDGET_MS} ms cached, ≤ {FETCHING_BUDGET_MS} ms with fetches\n"
    );
    println!("| articles | with fetches | verdict | cached | verdict |");
    println!("|---:|---:|---|---:|---|");
    for m in measured {
        let (fetching, v1) = timed(&m.clicks, true, FETCHING_BUDGET_MS, network);
        let (cached, v2) = timed(&m.clicks, false, CACHED_BUDGET_MS, network);
        println!("| {} | {fetching} | {v1} | {cached} | {v2} |", m.row());
    }

    println!(
        "\nSearch keystroke → updated list (next frame), median over the keystrokes: budget ≤ {CACHED_BUDGET_MS} ms with shards cached, ≤ {FETCHING_BUDGET_MS} ms with fetches; data (brotli) the first search adds: every file fetched from the first keystroke of `{}` (typed a key at a time, each key once the list answered the previous one) until the search had settled (none of its requests in flight, none started or ended for {SETTLE_QUIET_MS} ms after the last key's results, the list not loading): the search index's files (meta, shards) and card pages, for every keystroke, wanted or not: budget ≤ 100 KB at 10k, ≤ 150 KB at 100k; beside it, the parts of the whole site (summary pages, entity parts: asked for by the home page when it opened) that arrived meanwhile\n",
        measured.first().map_or("", |m| m.word.as_str())
    );
    println!(
        "| articles | with fetches | verdict | cached | verdict | keystrokes without change | first search adds | files | verdict | whole site meanwhile |"
    );
    println!("|---:|---:|---|---:|---|---:|---:|---:|---|---:|");
    for m in measured {
        let (fetching, v1) = timed(&m.keys, true, FETCHING_BUDGET_MS, network);
        let (cached, v2) = timed(&m.keys, false, CACHED_BUDGET_MS, network);
        let added: usize = m.first_search.iter().map(|f| f.size).sum();
        let v3 = first_search_budget(m.size)
            .map_or("n/a (budget at 10k and 100k)", |b| verdict(added <= b));
        let whole: usize = m.first_search_whole.iter().map(|(_, b)| b).sum();
        println!(
            "| {} | {fetching} | {v1} | {cached} | {v2} | {} | {} | {} | {v3} | {}, {} files |",
            m.row(),
            m.keys_unchanged,
            kb(added),
            m.first_search.len(),
            kb(whole),
            m.first_search_whole.len()
        );
    }

    println!(
        "\nRight after the home page's first card, the whole site loading: the word `{}` typed at once → its results (next frame), and the main thread's tasks of 50 ms or more after the first card until then (Long Tasks API)\n",
        measured.first().map_or("", |m| m.word.as_str())
    );
    println!("| articles | typed → results | longest task | tasks ≥ 50 ms | their total |");
    println!("|---:|---:|---:|---:|---:|");
    for m in measured {
        let typed = match &m.right_after {
            Ok(t) => format!("{:.0} ms", t.ms),
            Err(e) => e.clone(),
        };
        let (longest, count, total) = m.long_tasks;
        let longest = if count == 0 {
            "none ≥ 50 ms".to_owned()
        } else {
            format!("{longest:.0} ms")
        };
        println!(
            "| {} | {typed} | {longest} | {count} | {total:.0} ms |",
            m.row()
        );
    }

    for (page, idle) in [
        (
            "A home page visit",
            (|m: &Measured| &m.idle) as fn(&Measured) -> &_,
        ),
        (
            "A visit of the page of the entity of the most articles",
            |m| &m.entity_idle,
        ),
        (
            "A visit of the shell page of an entity of a single article",
            |m| &m.shell_idle,
        ),
        (
            "A link filtered by the entity of the most articles, on a wide screen,",
            |m| &m.filtered_idle[0],
        ),
        (
            "The same link on a phone (360 px wide, the sidebar a closed drawer),",
            |m| &m.filtered_idle[1],
        ),
    ] {
        println!(
            "\n{page} left alone for {} s after its first card (cache off, nothing clicked): the data it fetched, brotli, and the app's wasm memory then\n",
            IDLE.as_secs()
        );
        println!("| articles | data files | data, brotli | wasm memory |");
        println!("|---|---:|---:|---:|");
        for m in measured {
            let (files, memory) = idle(m);
            let bytes: usize = files.iter().map(|(_, b)| b).sum();
            let memory =
                memory.map_or_else(|| "–".to_owned(), |m| format!("{:.1} MB", m as f64 / 1e6));
            println!(
                "| {} | {} | {} | {memory} |",
                m.row(),
                files.len(),
                kb(bytes)
            );
        }
    }
    for (i, page) in [
        "the home page",
        "the page of the entity of the most articles",
    ]
    .iter()
    .enumerate()
    {
        println!(
            "\n\"Show more\" clicked once on {page} as soon as the app shows it (cache off): the time to the frame after the next cards, the data fetched from the click until 2 s after them, brotli, and the app's wasm memory then\n"
        );
        after_click_rows(measured, "next cards", "data files", |m| {
            m.show_more[i].as_ref()
        });
    }
    println!(
        "\nThe first card's article opened in the app from the home page, its link clicked as soon as the app shows it, nothing pointed at before (cache off: the article page's wasm pieces are fetched on the click): the time to the frame after the article's text, the files fetched from the click until 2 s after it (data and pieces), brotli, and the app's wasm memory then\n"
    );
    after_click_rows(measured, "article shown", "files", |m| {
        m.article_from_card.as_ref()
    });
    println!(
        "\nThe related articles of that article, its page opened directly and its \"Find related articles\" button clicked as soon as the app shows it (cache off): the time to the frame after them, the data fetched from the click until 2 s after them (the posting files of its entities and the card pages of the answers; the whole site before the sixtieth session), brotli, and the app's wasm memory then\n"
    );
    after_click_rows(measured, "related articles", "data files", |m| {
        m.related_direct.as_ref()
    });
    println!(
        "\nThe facet of the entity of the most articles clicked on the pre-rendered home page, the app not asked for before (cache off: the app is fetched and started on the click, which it then applies; docs/wasm-split.md, \"The app on first use\"): the time to the frame after the filtered list, the files fetched from the click until 2 s after it (the app's and the data), brotli, and the app's wasm memory then\n"
    );
    after_click_rows(measured, "filtered list", "files", |m| {
        m.facet_on_first_use.as_ref()
    });
    for (i, format) in ["JSON", "CSV"].iter().enumerate() {
        println!(
            "\nThe download of every article as {format}, its link followed on the home page once the whole site is there: the time until the file is made, the main thread's tasks of 50 ms or more meanwhile (budget: none), and the app's wasm memory before and after\n"
        );
        println!("| articles | file made | longest task | tasks ≥ 50 ms | wasm memory | verdict |");
        println!("|---|---:|---:|---:|---:|---|");
        for m in measured {
            let made = match &m.downloads[i] {
                Ok(made) => made,
                Err(e) => {
                    println!("| {} | {e} | | | | |", m.row());
                    continue;
                }
            };
            let mb = |m: Option<u64>| {
                m.map_or_else(|| "–".to_owned(), |m| format!("{:.1} MB", m as f64 / 1e6))
            };
            let longest = if made.tasks == 0 {
                "none ≥ 50 ms".to_owned()
            } else {
                format!("{:.0} ms", made.longest)
            };
            println!(
                "| {} | {:.0} ms | {longest} | {} | {} → {} | {} |",
                m.row(),
                made.ms,
                made.tasks,
                mb(made.before),
                mb(made.after),
                verdict(made.tasks == 0)
            );
        }
    }
    println!(
        "\nThe app's memory (its wasm heap, which only grows) at the end of the run: the whole site loaded, every click and keystroke done\n"
    );
    println!("| articles | wasm memory |");
    println!("|---:|---:|");
    for m in measured {
        let memory = match &m.memory {
            Ok(bytes) => format!("{:.1} MB", *bytes as f64 / 1e6),
            Err(e) => e.clone(),
        };
        println!("| {} | {memory} |", m.row());
    }

    println!("\nData files: budget ≤ {DATA_FILES_BUDGET} at 100k\n");
    println!("| articles | files in data/ | raw size | verdict |");
    println!("|---:|---:|---:|---|");
    for m in measured {
        println!(
            "| {} | {} | {:.1} MB | {} |",
            m.row(),
            thousands(m.data_files),
            m.data_bytes as f64 / 1e6,
            if m.size >= 100_000 {
                verdict(m.data_files <= DATA_FILES_BUDGET)
            } else {
                "n/a (budget at 100k)"
            }
        );
    }

    println!(
        "\nThe whole site (the app, its pages, its data; bytes of the files): budget ≤ {} files and ≤ {} MB at 10k (issue 9)\n",
        thousands(SITE_FILES_BUDGET),
        SITE_BYTES_BUDGET / 1_000_000
    );
    println!("| articles | files | size | verdict |");
    println!("|---:|---:|---:|---|");
    for m in measured {
        let (files, bytes) = m.site_files;
        println!(
            "| {} | {} | {:.1} MB | {} |",
            m.row(),
            thousands(files),
            bytes as f64 / 1e6,
            if m.size >= 10_000 && m.size < 100_000 {
                verdict(files <= SITE_FILES_BUDGET && bytes <= SITE_BYTES_BUDGET)
            } else {
                "n/a (budget at 10k)"
            }
        );
    }

    println!("\nData files by directory (files, raw size):\n");
    for m in measured {
        let dirs: Vec<String> = m
            .data_dirs
            .iter()
            .map(|(name, n, bytes)| {
                format!("{name} {} ({:.1} MB)", thousands(*n), *bytes as f64 / 1e6)
            })
            .collect();
        println!("- {}: {}", m.row(), dirs.join(", "));
    }

    println!("\nWhat the first loads and the first search fetched (brotli):\n");
    for m in measured {
        let first_search: Vec<(String, usize)> = m
            .first_search
            .iter()
            .map(|f| {
                let asked = f
                    .query
                    .as_ref()
                    .map_or(String::new(), |q| format!(" at {q:?}"));
                (format!("{} ({}{asked})", f.path, f.kind), f.size)
            })
            .collect();
        for (what, files) in [
            ("home", &m.home.files),
            ("article", &m.article.files),
            ("filtered link", &m.filtered.files),
            ("first search", &first_search),
            (
                "whole site while the first word was typed",
                &m.first_search_whole,
            ),
        ] {
            let list: Vec<String> = files
                .iter()
                .map(|(p, b)| format!("{p} {}", kb(*b)))
                .collect();
            println!("- {} {what}: {}", m.row(), list.join(", "));
        }
        let settled = match &m.first_search_settled {
            Ok(ms) => format!("settled {ms:.0} ms after the frame of its last keystroke"),
            Err(e) => e.clone(),
        };
        println!(
            "- {} first search, in short ({settled}): {}",
            m.row(),
            search_summary(&m.first_search)
        );
        for (what, load) in [
            ("home", &m.home),
            ("article", &m.article),
            ("filtered link", &m.filtered),
        ] {
            if !load.repeated.is_empty() {
                println!(
                    "- {} {what}: fetched twice before the first card: {}",
                    m.row(),
                    load.repeated.join(", ")
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_app;

    #[test]
    fn the_static_page_keeps_the_text_and_styles_and_loses_the_app() {
        let page = concat!(
            r#"<head><script type="module">import init from '/a.js';</script>"#,
            r#"<link rel="stylesheet" href="/m.css"><link rel="modulepreload" href="/a.js">"#,
            r#"<link rel="preload" href="/a.wasm" as="fetch"></head>"#,
            r#"<body><main><article class="card">a < b</article></main></body>"#
        );
        assert_eq!(
            without_app(page),
            concat!(
                r#"<head><link rel="stylesheet" href="/m.css"></head>"#,
                r#"<body><main><article class="card">a < b</article></main></body>"#
            )
        );
    }
}
