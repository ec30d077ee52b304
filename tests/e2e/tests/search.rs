//! Full-text search as a reader uses it, in a real headless Chromium against the built site on a
//! plain static server: typing in the header's search box, typos and accents, the query in the
//! URL (shared, reloaded, back and forward), combined with an entity filter, and the search index
//! fetched in parts.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`, after `trunk build --release`); they need
//! chromium and chromedriver. A bare `cargo test` skips them with a message.

use kiosque_e2e::{Browser, Site, ready};

/// The search input: inside the search landmark, and not the sidebar's entity finder.
const INPUT: &str = "form[role='search'] input[type='search']";

/// Waits until the cards shown are exactly `ids`.
async fn wait_for_cards(browser: &Browser, what: &str, ids: &[String]) {
    let expected = serde_json::to_string(ids).expect("ids serialise");
    browser
        .wait_until(
            what,
            &format!(
                "return JSON.stringify(Array.from(document.querySelectorAll('article.card')).map(c => c.dataset.articleId)) === {expected:?};"
            ),
        )
        .await;
}

/// The ids of the demo site's articles (the seed article).
fn demo_ids(site: &Site) -> Vec<String> {
    site.read_json("index.json")["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn searching_the_demo_finds_typos_and_prefixes_marks_them_and_keeps_the_query_in_the_url() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let seed = demo_ids(&site);
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    wait_for_cards(&browser, "the demo's cards", &seed).await;

    // One search landmark, apart from the sidebar's entity finder.
    assert!(
        browser
            .eval_bool(&format!(
                "const i = document.querySelector(\"{INPUT}\"); return !!i && !i.closest('nav.sidebar') && document.querySelectorAll(\"[role='search']\").length === 1;"
            ))
            .await,
        "one search landmark holding the search box, outside the sidebar"
    );

    // A prefix of a title word finds the article and marks the word in its title.
    browser.type_into(INPUT, "trum").await;
    browser
        .wait_until(
            "the search in the URL",
            "return new URLSearchParams(location.search).get('q') === 'trum';",
        )
        .await;
    browser
        .wait_until(
            "Trump marked in the title",
            "return Array.from(document.querySelectorAll('article.card .card-title mark')).some(m => m.textContent === 'Trump');",
        )
        .await;
    wait_for_cards(&browser, "the seed found by a prefix", &seed).await;

    // A word of the body with a typo ("Kourakove" for Kourakhove) still finds it.
    browser
        .eval_bool(&format!(
            "document.querySelector(\"{INPUT}\").select(); return true;"
        ))
        .await;
    browser.type_into(INPUT, "Kourakove").await;
    browser
        .wait_until(
            "the typo in the URL",
            "return new URLSearchParams(location.search).get('q') === 'Kourakove';",
        )
        .await;
    wait_for_cards(&browser, "the seed found despite a typo", &seed).await;
    browser
        .wait_until(
            "the count says what was searched",
            "return document.getElementById('results-count').textContent.includes('1 article for');",
        )
        .await;
    assert_eq!(
        browser.count(".filter-bar").await,
        0,
        "a search alone is not an entity filter"
    );
    browser.screenshot("search-typo").await;

    // A word no article has: no card, and a message naming the word.
    browser
        .eval_bool(&format!(
            "document.querySelector(\"{INPUT}\").select(); return true;"
        ))
        .await;
    browser.type_into(INPUT, "zzyzxq").await;
    browser
        .wait_until(
            "the message for a word no article has",
            "return document.querySelectorAll('article.card').length === 0 && document.querySelector('.empty')?.textContent.includes('No article contains') && document.querySelector('.empty').textContent.includes('zzyzxq');",
        )
        .await;

    // Typing replaced the history entry of the search: back leaves the search altogether, and
    // forward brings it back, box included.
    browser.back().await;
    browser
        .wait_until(
            "back to the view before the search",
            &format!(
                "return !new URLSearchParams(location.search).has('q') && document.querySelector(\"{INPUT}\").value === '' && document.querySelectorAll('article.card').length === {};",
                seed.len()
            ),
        )
        .await;
    browser.forward().await;
    browser
        .wait_until(
            "forward to the search",
            &format!(
                "return document.querySelector(\"{INPUT}\").value === 'zzyzxq' && document.querySelectorAll('article.card').length === 0;"
            ),
        )
        .await;

    // A shared link with a search and a filter opens on the same view; accents do not matter.
    let shared = site.url("/?q=d%C3%A9clar%C3%A9&entity=loc-kursk");
    browser.open(&shared).await;
    wait_for_cards(&browser, "a shared search with a filter", &seed).await;
    assert_eq!(
        browser
            .eval_string(&format!(
                "return document.querySelector(\"{INPUT}\").value;"
            ))
            .await,
        "déclaré"
    );
    browser.open(&site.url("/?q=declare")).await;
    wait_for_cards(&browser, "a search without its accents", &seed).await;
    assert!(
        browser.console_errors().await.is_empty(),
        "{:?}",
        browser.console_errors().await
    );
    browser.close().await;
}
