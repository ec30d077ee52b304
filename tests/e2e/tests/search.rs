//! Full-text search as a reader uses it, in a real headless Chromium against the built site on a
//! plain static server: typing in the header's search box, typos and accents, the query in the
//! URL (shared, reloaded, back and forward), combined with an entity filter, and the search index
//! fetched in parts.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`, after `trunk build --release`); they need
//! chromium and chromedriver. A bare `cargo test` skips them with a message.

use kiosque_e2e::{Browser, Site, ready, tiny_shards_site};

/// The search input: inside the search landmark, and not the sidebar's entity finder.
const INPUT: &str = "form[role='search'] input[type='search']";

#[tokio::test(flavor = "multi_thread")]
async fn searching_the_demo_finds_typos_and_prefixes_marks_them_and_keeps_the_query_in_the_url() {
    if !ready() {
        return;
    }
    search_the_demo(&Site::dist()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_that_needs_several_shards_fetches_them_all() {
    if !ready() {
        return;
    }
    let Some(root) = tiny_shards_site() else {
        return;
    };
    let site = Site::existing(root);
    let meta_path = site.read_json("site.json")["search"]
        .as_str()
        .expect("site.json names its search index")
        .to_owned();
    let shards = site.read_json(&meta_path)["shards"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(shards >= 10, "tiny shards: {shards}");
    search_the_demo(&site).await;
    let fetched = site.server().requested("/data/search/");
    assert!(
        fetched.len() >= 4,
        "the searches fetched the meta file and several shards: {fetched:?}"
    );
}

/// What a reader does with the search box on the demo site (the seed article).
async fn search_the_demo(site: &Site) {
    let seed = site.article_ids();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_cards("the demo's cards", &seed).await;

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
    browser
        .wait_for_cards("the seed found by a prefix", &seed)
        .await;

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
    browser
        .wait_for_cards("the seed found despite a typo", &seed)
        .await;
    browser
        .wait_until(
            "the count says what was searched",
            "return document.getElementById('results-count').textContent.includes('1 article pour');",
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
            "return document.querySelectorAll('article.card').length === 0 && document.querySelector('.empty')?.textContent.includes('Aucun article ne contient') && document.querySelector('.empty').textContent.includes('zzyzxq');",
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
    browser
        .wait_for_cards("a shared search with a filter", &seed)
        .await;
    assert_eq!(
        browser
            .eval_string(&format!(
                "return document.querySelector(\"{INPUT}\").value;"
            ))
            .await,
        "déclaré"
    );
    browser.open(&site.url("/?q=declare")).await;
    browser
        .wait_for_cards("a search without its accents", &seed)
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
