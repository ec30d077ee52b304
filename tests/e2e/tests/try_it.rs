//! The Try it page (`/try/`): a reader pastes a text or gives a file, and the extraction of
//! `kiosque build`, compiled to WebAssembly and run in a Web Worker, shows it cleaned, with its
//! entities marked and linked to the site's pages. Run with the other browser tests (see
//! `browser.rs`); a bare `cargo test` skips them with a message.

use std::path::PathBuf;

use kiosque_e2e::{Browser, Site, ready, repo};
use kiosque_model::parts;
use kiosque_model::ui::Language;

/// Names of the seed's teasers of other articles (boilerplate): never shown, never marked.
const TEASERS: [&str; 5] = ["Xiaomi", "Robbie Williams", "PSG", "Pokémon", "Kolo Muani"];

/// The files of `stem` in the site's root (`count` of them), which only the Try it page asks for,
/// named by their content by `kiosque pages` (`<stem>-<hash>…`; Trunk's fixed names are gone),
/// so that hosts may cache them long: the page's own app (`kiosque-try`: wasm-bindgen's glue and
/// the wasm) and its worker (`kiosque-worker`: its loader, the glue and the wasm).
fn files_of(site: &Site, stem: &str, count: usize) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site.root())
        .expect("the site's root")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.starts_with(stem))
        .map(|name| format!("/{name}"))
        .collect();
    files.sort();
    assert_eq!(files.len(), count, "the files of {stem}: {files:?}");
    for file in &files {
        assert!(
            file.starts_with(&format!("/{stem}-")),
            "{file}: not named by its content"
        );
    }
    files
}

/// Asserts that no file of `files` was fetched so far: `page` did not load them.
fn assert_not_fetched(site: &Site, files: &[String], page: &str) {
    for file in files {
        assert_eq!(site.server().hits(file), 0, "{file} loaded by {page}");
    }
}

/// The demo article (the seed), as scraped.
fn seed() -> PathBuf {
    let demo = repo().join("demo");
    std::fs::read_dir(&demo)
        .expect("demo/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("000_"))
        })
        .expect("demo/000_*.txt")
}

/// Clicks Extract and waits for the result.
async fn extract(browser: &Browser) {
    browser.click("#try-extract").await;
    browser
        .wait_until(
            "the extraction's result",
            "return document.querySelectorAll('.try-result .article-body a.mention').length > 0;",
        )
        .await;
}

/// The type classes of the marked mentions whose text is `text`.
async fn marks_of(browser: &Browser, text: &str) -> Vec<String> {
    let script = format!(
        "return JSON.stringify(Array.from(document.querySelectorAll('.try-result a.mention')).filter(a => a.textContent === {text:?}).map(a => a.className));"
    );
    serde_json::from_str(&browser.eval_string(&script).await).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_seed_is_cleaned_in_the_browser_with_its_entities_marked_and_linked() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    // The reader's pages load the reader's app, not the Try it page's nor its worker: the
    // page is a wasm of its own.
    let reader_app = files_of(&site, "kiosque-app", 2);
    let try_files = [
        files_of(&site, "kiosque-try", 2),
        files_of(&site, "kiosque-worker", 3),
    ]
    .concat();
    let article = site.article_ids().into_iter().next().expect("an article");
    browser
        .open(&site.url(&format!("/article/{article}/")))
        .await;
    browser.open(&site.url("/")).await;
    browser.wait_for_any_card("cards").await;
    assert_not_fetched(&site, &try_files, "the home page or an article page");
    for file in &reader_app {
        assert!(
            site.server().hits(file) > 0,
            "{file}: the reader's app was not loaded"
        );
    }
    // The header leads there: the page is loaded from the host, and works.
    let href = browser
        .attr(".site-header a.try-link", "href")
        .await
        .unwrap_or_default();
    assert!(href.ends_with("/try/"), "{href}");
    browser.click(".site-header a.try-link").await;
    browser
        .wait_until(
            "the Try it page from the header's link",
            "return location.pathname.endsWith('/try/') && !!document.getElementById('try-text') && !document.getElementById('prerender');",
        )
        .await;
    // What this page asked for, from the host or the browser's cache: the Try it page's app.
    let loaded = browser
        .eval_string(
            "return performance.getEntriesByType('resource').map(r => new URL(r.name).pathname).join(' ');",
        )
        .await;
    for file in &try_files[..2] {
        assert!(
            loaded.contains(file.as_str()),
            "{file} not loaded: {loaded}"
        );
    }
    assert!(
        !loaded.contains("/kiosque-app"),
        "the reader's app loaded by the Try it page: {loaded}"
    );
    let text = std::fs::read_to_string(seed()).expect("the seed");
    // Pasted: the text arrives at once, with one input event.
    browser
        .client
        .execute(
            "const t = document.getElementById('try-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::Value::String(text)],
        )
        .await
        .expect("the text pasted");
    extract(&browser).await;
    for file in &try_files {
        assert!(site.server().hits(file) > 0, "{file} was not loaded");
    }
    // Nothing of the text went to the server (other origins are closed by the CSP).
    let requested = site.server().requested("/");
    assert!(
        !requested
            .iter()
            .any(|r| r.contains("Kourakhove") || r.contains("Podoliaka")),
        "{requested:?}"
    );

    assert!(
        marks_of(&browser, "Kourakhove")
            .await
            .iter()
            .all(|c| c.contains("mention-loc"))
    );
    assert!(
        !marks_of(&browser, "Kourakhove").await.is_empty(),
        "Kourakhove is not marked"
    );
    for person in ["Donald Trump", "Youri Podoliaka"] {
        let marks = marks_of(&browser, person).await;
        assert!(
            !marks.is_empty() && marks.iter().all(|c| c.contains("mention-per")),
            "{person}: {marks:?}"
        );
    }
    let page = browser.text().await;
    for teaser in TEASERS {
        assert!(!page.contains(teaser), "teaser text {teaser:?} is shown");
    }
    let marked = browser
        .eval_string(
            "return Array.from(document.querySelectorAll('.try-result a.mention')).map(a => a.textContent).join('|');",
        )
        .await;
    for teaser in TEASERS {
        assert!(
            !marked.contains(teaser),
            "teaser {teaser:?} is marked: {marked}"
        );
    }
    // The site has the seed's entities: marks link to their pages (Koursk has the shell page).
    let koursk = browser
        .attr(".try-result a.mention[href$='?id=loc-kursk']", "href")
        .await
        .unwrap_or_default();
    assert!(koursk.ends_with("/entity/?id=loc-kursk"), "{koursk}");
    let status = browser
        .eval_string("return document.getElementById('try-status').textContent;")
        .await;
    // In the page's language: the model's sentence up to its number.
    let language = Language::from_code(
        &browser
            .eval_string("return document.documentElement.lang;")
            .await,
    )
    .unwrap_or(Language::En);
    let sentence = language.try_summary(0.0, 0, 0);
    let before_the_time = &sentence[..sentence.find('0').expect("a time")];
    assert!(
        status.starts_with(before_the_time) && status.contains("ms"),
        "{status}"
    );
    browser.assert_fits("the Try it page").await;
    browser.screenshot("try-it").await;
    browser.assert_no_console_errors().await;
    // The header's links lead back to the reader's pages, which this page's app does not have:
    // the reader's app loads there.
    browser.click(".site-header a.brand").await;
    browser
        .wait_for_any_card("the home page from the Try it page")
        .await;
    assert!(
        !browser.url().await.contains("/try"),
        "{}",
        browser.url().await
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_worker_makes_of_the_seed_file_exactly_what_kiosque_build_makes_of_it() {
    if !ready() {
        return;
    }
    let seed = seed().canonicalize().expect("the seed's path");
    // The site built by the CLI from the seed file alone, and served.
    let site = Site::with_inputs(std::slice::from_ref(&seed));
    let browser = Browser::new().await;
    browser.open(&site.url("/try/")).await;
    browser
        .client
        .find(fantoccini::Locator::Css("#try-file"))
        .await
        .expect("the file input")
        .send_keys(&seed.to_string_lossy())
        .await
        .expect("the file given");
    browser
        .wait_until(
            "the file's text",
            "return document.getElementById('try-text').value.length > 1000;",
        )
        .await;
    extract(&browser).await;
    let json = browser
        .eval_string("return document.getElementById('try-json').textContent;")
        .await;
    // The page shows the article's body file as the worker made it: the one `kiosque build`
    // wrote, with the same summary, body and entities.
    let from_worker = parts::parse_bucket("the worker's body file", &json).expect("a body file");
    let bodies = site.root().join("data/bodies");
    let files: Vec<PathBuf> = std::fs::read_dir(&bodies)
        .expect("data/bodies")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let built = std::fs::read_to_string(&files[0]).expect("the built body file");
    let from_build = parts::parse_bucket("the built body file", &built).expect("a body file");
    assert_eq!(from_worker, from_build);
    assert_eq!(from_worker.articles.len(), 1);
    assert!(!from_worker.entities.is_empty());
    browser.assert_no_console_errors().await;
    browser.close().await;
}
