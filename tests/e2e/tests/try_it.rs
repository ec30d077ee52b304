//! The Try it page (`/try/`): a reader pastes a text or gives a file, and the extraction of
//! `kiosque build`, compiled to WebAssembly and run in a Web Worker, shows it cleaned, with its
//! entities marked and linked to the site's pages. Run with the other browser tests (see
//! `browser.rs`); a bare `cargo test` skips them with a message.

use std::path::PathBuf;

use kiosque_e2e::{Browser, Site, ready, repo};
use kiosque_model::parts;

/// Names of the seed's teasers of other articles (boilerplate): never shown, never marked.
const TEASERS: [&str; 5] = ["Xiaomi", "Robbie Williams", "PSG", "Pokémon", "Kolo Muani"];

/// The worker's files in the site's root, which only the Try it page asks for: its loader,
/// wasm-bindgen's glue and the wasm, named by their content by `kiosque pages`
/// (`kiosque-worker-<hash>…`; Trunk's fixed names are gone), so that hosts may cache them long.
fn worker_files(site: &Site) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site.root())
        .expect("the site's root")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.starts_with("kiosque-worker"))
        .map(|name| format!("/{name}"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the worker's files: {files:?}");
    for file in &files {
        assert!(
            file.starts_with("/kiosque-worker-"),
            "{file}: not named by its content"
        );
    }
    files
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
    browser.open(&site.url("/")).await;
    browser.wait_for_any_card("cards").await;
    let worker_files = worker_files(&site);
    for file in &worker_files {
        assert_eq!(
            site.server().hits(file),
            0,
            "{file} loaded by the home page"
        );
    }
    // The header leads there.
    let href = browser
        .attr(".site-header a.try-link", "href")
        .await
        .unwrap_or_default();
    assert!(href.ends_with("/try/"), "{href}");

    browser.open(&site.url("/try/")).await;
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
    for file in &worker_files {
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
    assert!(
        status.starts_with("Extracted in your browser in ") && status.contains(" ms: "),
        "{status}"
    );
    browser.assert_fits("the Try it page").await;
    browser.screenshot("try-it").await;
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
