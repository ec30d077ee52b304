//! Full-text search as a reader uses it, in a real headless Chromium against the built site on a
//! plain static server: typing in the header's search box, typos and accents, the query in the
//! URL (shared, reloaded, back and forward), combined with an entity filter, and the search index
//! fetched in parts: its meta file once, from the first letter typed.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`, after `trunk build --release`); they need
//! chromium and chromedriver. A bare `cargo test` skips them with a message.

use std::time::Duration;

use kiosque_e2e::server::Fault;
use kiosque_e2e::{Browser, Site, ready, tiny_shards_site};
use kiosque_model::search::Meta;

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
    let Some((site, _)) = tiny_shards() else {
        return;
    };
    search_the_demo(&site).await;
    let fetched = site.server().requested("/data/search/");
    assert!(
        fetched.len() >= 4,
        "the searches fetched the meta file and several shards: {fetched:?}"
    );
}

/// The demo site with tiny search shards (`None` when the browser tests do not run or the site
/// was not built, each with a message) and its shards as the server is asked for them
/// (`/data/search/….json`): ten or more.
fn tiny_shards() -> Option<(Site, Vec<String>)> {
    if !ready() {
        return None;
    }
    let site = Site::existing(tiny_shards_site()?);
    let meta = meta_path(&site);
    let text = site
        .read_json(meta.trim_start_matches("/data/"))
        .to_string();
    let shards: Vec<String> = (Meta::parse(&text).expect("the meta file reads"))
        .shard_files()
        .map(|shard| format!("/data/{shard}"))
        .collect();
    assert!(shards.len() >= 10, "tiny shards: {shards:?}");
    Some((site, shards))
}

/// The home page's state in the address and on the page: the search in the URL, whether the
/// Koursk filter is in it, the box's text and whether Koursk's facet is pressed, all as given.
fn view_is(q: Option<&str>, kursk: bool) -> String {
    let q_check = match q {
        Some(q) => format!("p.get('q') === '{q}' && box === '{q}'"),
        None => "!p.has('q') && box === ''".to_owned(),
    };
    format!(
        "const p = new URLSearchParams(location.search); \
         const box = document.querySelector(\"{INPUT}\")?.value; \
         const pressed = document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') === 'true'; \
         return {q_check} && p.getAll('entity').includes('loc-kursk') === {kursk} && pressed === {kursk};"
    )
}

// Each keystroke and click on the home page has its place in the history, however fast they
// come: the first letter of a search makes an entry and the next ones replace it, a click right
// after typing makes its own; back, forward, reload, an article and back, and a link to the
// same unfiltered page keep the address and the view together (guards a change that would let
// the list answer before the router's navigation, issue 8's 16 ms).
#[tokio::test(flavor = "multi_thread")]
async fn typing_and_clicking_without_pause_keep_the_address_and_the_history_of_each_change() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let (browser, seed) = home(&site).await;

    // Typed, and back at once: the search is left whole, and forward brings it back.
    browser.type_into(INPUT, "trum").await;
    browser.back().await;
    browser
        .wait_until("back at once leaves the search", &view_is(None, false))
        .await;
    browser.wait_for_cards("every card again", &seed).await;
    browser.forward().await;
    browser
        .wait_until("forward to the search", &view_is(Some("trum"), false))
        .await;
    browser.wait_until("Trump marked", TRUMP_MARKED).await;

    // After back and forward (the router read the address again), more letters: still one
    // history entry for the search, and the address holds what was typed.
    browser.type_into(INPUT, "p").await;
    browser
        .wait_until(
            "the longer search in the URL",
            &view_is(Some("trump"), false),
        )
        .await;

    // Opening the address again (as a reload does) restores it.
    let address = browser.url().await;
    browser.open(&address).await;
    browser
        .wait_until("the search after a reload", &view_is(Some("trump"), false))
        .await;
    browser
        .wait_until("Trump marked after a reload", TRUMP_MARKED)
        .await;

    // Typed, then a facet clicked at once: two history entries, in that order.
    type_over(&browser, "Kourakove").await;
    browser.click("button.facet[data-entity='loc-kursk']").await;
    browser
        .wait_until(
            "the search and the filter",
            &view_is(Some("Kourakove"), true),
        )
        .await;
    browser
        .wait_for_cards("the seed, searched and filtered", &seed)
        .await;
    browser.back().await;
    browser
        .wait_until(
            "back to the search alone",
            &view_is(Some("Kourakove"), false),
        )
        .await;
    browser.back().await;
    browser
        .wait_until("back to the view before the search", &view_is(None, false))
        .await;
    browser.wait_for_cards("every card", &seed).await;
    browser.forward().await;
    browser.forward().await;
    browser
        .wait_until("forward twice", &view_is(Some("Kourakove"), true))
        .await;

    // An article opened from that view, then back: the view again.
    browser.click("article.card .card-title a").await;
    browser
        .wait_until(
            "the article's page",
            "return location.pathname.includes('/article/');",
        )
        .await;
    browser.back().await;
    browser
        .wait_until("back to the view", &view_is(Some("Kourakove"), true))
        .await;
    browser.wait_for_cards("the seed again", &seed).await;

    // Typed on a freshly opened home page, then the site's name (a link to that same unfiltered
    // page): the search is cleared, and back brings it back.
    browser.open(&site.url("/")).await;
    browser.wait_for_cards("every card", &seed).await;
    browser.type_into(INPUT, "trum").await;
    browser.wait_until("Trump marked", TRUMP_MARKED).await;
    browser.click("a.brand").await;
    browser
        .wait_until("the home page without the search", &view_is(None, false))
        .await;
    browser.back().await;
    browser
        .wait_until("back to the search", &view_is(Some("trum"), false))
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Types `text` over what the search box holds (its text selected first), as a reader
/// replacing a search does.
async fn type_over(browser: &Browser, text: &str) {
    browser
        .eval_bool(&format!(
            "document.querySelector(\"{INPUT}\").select(); return true;"
        ))
        .await;
    browser.type_into(INPUT, text).await;
}

/// The search index's meta file as the server sees it requested: `/data/search/meta-….json`.
fn meta_path(site: &Site) -> String {
    let meta = site.read_json("site.json")["search"]
        .as_str()
        .expect("site.json names its search index")
        .to_owned();
    format!("/data/{meta}")
}

/// How many times the page fetched the meta file (the Resource Timing API lists every fetch,
/// answered from the browser's cache or not).
const META_FETCHES: &str = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/data/search/meta-')).length;";

/// A card's title marks "Trump", a word the search matched.
const TRUMP_MARKED: &str = "return Array.from(document.querySelectorAll('article.card .card-title mark')).some(m => m.textContent === 'Trump');";

/// A browser on the demo's home page, its cards shown, and the demo's article ids.
async fn home(site: &Site) -> (Browser, Vec<String>) {
    let seed = site.article_ids();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_cards("the demo's cards", &seed).await;
    (browser, seed)
}

/// The search for `trum` shown: "Trump" marked in the demo's title, its article (`seed`) found.
async fn found_trum(browser: &Browser, seed: &[String]) {
    browser
        .wait_until("Trump marked in the title", TRUMP_MARKED)
        .await;
    browser
        .wait_for_cards("the seed found by a prefix", seed)
        .await;
}

/// The count above the cards says the search failed.
const SEARCH_FAILED: &str = "const c = document.getElementById('results-count'); return !!c && (c.textContent.includes('pas pu se faire') || c.textContent.includes('could not run'));";

#[tokio::test(flavor = "multi_thread")]
async fn the_first_letter_typed_fetches_the_search_meta_once_for_every_keystroke_after_it() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let meta = meta_path(&site);
    let (browser, seed) = home(&site).await;
    assert_eq!(
        site.server().hits(&meta),
        0,
        "nothing typed: no search index"
    );

    // A slow server: the keystrokes after the first letter come while the file is on its way.
    site.server().set(&meta, Fault::Hold);
    // One letter is not a search (words of one letter are not searched), but a search is
    // coming: its meta file is asked for now, a keystroke ahead.
    browser.type_into(INPUT, "t").await;
    site.server().wait_for_hits(&meta, 1);
    // "tr", "tru" and "trum" each search, and each needs the meta file: they wait for the
    // request under way rather than each sending its own.
    browser.type_into(INPUT, "rum").await;
    browser
        .wait_until(
            "the search in the URL",
            "return new URLSearchParams(location.search).get('q') === 'trum';",
        )
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        site.server().hits(&meta),
        1,
        "one request for the meta file while it was on its way"
    );
    // Meanwhile the list is said to be busy (`aria-busy`, for screen readers and tools that
    // wait for it), and no longer once the results are there (below).
    assert!(
        browser
            .eval_bool(
                "return document.getElementById('results')?.getAttribute('aria-busy') === 'true';"
            )
            .await,
        "the results were not marked busy while their search was on its way"
    );
    // Chromium holds a request for a URL already on its way until the first one's answer is
    // cached (the server saw 2 requests for 3 fetches before this change): the page's own count
    // of its fetches, once the file is there, is what tells.
    site.server().clear(&meta);
    found_trum(&browser, &seed).await;
    browser
        .wait_until(
            "the results no longer marked busy once found",
            "return !document.getElementById('results').hasAttribute('aria-busy');",
        )
        .await;
    let fetches = browser
        .eval_string(&format!("return String((() => {{ {META_FETCHES} }})());"))
        .await;
    assert_eq!(fetches, "1", "the page fetched the meta file once");
    assert_eq!(site.server().hits(&meta), 1);
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A search shard on its way is fetched once for every keystroke that needs it: a reader typing
/// a word a key at a time on a slow server asks for the same shards at each letter (each prefix's
/// terms are in them), and each search waits for the request under way rather than sending its
/// own (before the fifty-seventh session the page fetched and parsed a shard once per keystroke
/// until its first answer came).
#[tokio::test(flavor = "multi_thread")]
async fn a_search_shard_on_its_way_is_fetched_once_for_every_keystroke_that_needs_it() {
    let Some((site, shards)) = tiny_shards() else {
        return;
    };
    let (browser, seed) = home(&site).await;
    site.server().set_each(&shards, &Fault::Hold);
    let asked = || {
        (shards.iter())
            .filter(|s| site.server().hits(s) > 0)
            .count()
    };
    // "tr", then "tru" and "trum", each once the search before it has asked for its shards.
    browser.type_into(INPUT, "tr").await;
    for (next, q) in [(Some("u"), "tr"), (Some("m"), "tru"), (None, "trum")] {
        browser
            .wait_until(
                &format!("{q} in the URL"),
                &format!("return new URLSearchParams(location.search).get('q') === '{q}';"),
            )
            .await;
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        while asked() == 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "{q}: no shard asked for"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        if let Some(next) = next {
            browser.type_into(INPUT, next).await;
        }
    }
    for shard in &shards {
        site.server().clear(shard);
    }
    found_trum(&browser, &seed).await;
    // The page's own count of its fetches (Chromium holds a request for a URL already on its way
    // until the first one's answer is cached: the server sees fewer).
    let fetches = browser
        .eval_string(
            "return JSON.stringify(performance.getEntriesByType('resource')
               .map(e => new URL(e.name).pathname)
               .filter(p => p.startsWith('/data/search/') && !p.includes('/meta-')));",
        )
        .await;
    let fetches: Vec<String> = serde_json::from_str(&fetches).expect("a list");
    assert!(!fetches.is_empty(), "no shard fetched");
    let mut once = fetches.clone();
    once.sort_unstable();
    once.dedup();
    assert_eq!(
        fetches.len(),
        once.len(),
        "a shard fetched more than once: {fetches:?}"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_meta_file_fails_the_searches_waiting_for_it_and_the_next_one_fetches_it_again() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let meta = meta_path(&site);
    let (browser, seed) = home(&site).await;

    // The first letter's request fails, with no search waiting for it yet.
    site.server().set(&meta, Fault::Status(503));
    browser.type_into(INPUT, "t").await;
    site.server().wait_for_hits(&meta, 1);
    browser
        .wait_until(
            "the failed answer arrived",
            &format!("return (() => {{ {META_FETCHES} }})() >= 1;"),
        )
        .await;
    // The failure is not kept: the searches ask again, and say that they could not run.
    browser.type_into(INPUT, "rum").await;
    browser.wait_until("the search failed", SEARCH_FAILED).await;
    assert!(
        site.server().hits(&meta) >= 2,
        "the searches asked for the meta file again after the first letter's request failed"
    );

    // The server is back: the next keystroke searches, and finds.
    site.server().clear(&meta);
    browser.type_into(INPUT, "p").await;
    browser
        .wait_until("Trump marked in the title", TRUMP_MARKED)
        .await;
    browser
        .wait_for_cards("the seed found once the server is back", &seed)
        .await;
    assert!(
        !browser.eval_bool(SEARCH_FAILED).await,
        "the count no longer says the search failed"
    );
    browser.close().await;
}

/// What a reader does with the search box on the demo site (the seed article).
async fn search_the_demo(site: &Site) {
    let (browser, seed) = home(site).await;

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
    found_trum(&browser, &seed).await;

    // A word of the body with a typo ("Kourakove" for Kourakhove) still finds it.
    type_over(&browser, "Kourakove").await;
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

    // A stopword is said to be left out, not silently dropped: "le Kourakove" finds what
    // "Kourakove" finds, and the count says "le" was not searched for.
    type_over(&browser, "le Kourakove").await;
    browser
        .wait_until(
            "the stopword said to be left out",
            "const c = document.getElementById('results-count').textContent; \
             return c.includes('1 article pour') && c.includes('le\u{2069}\u{a0}» n’est pas cherché');",
        )
        .await;
    browser
        .wait_for_cards("the seed found without its stopword", &seed)
        .await;

    // A word no article has: no card, and a message naming the word.
    type_over(&browser, "zzyzxq").await;
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
    // The article opened from the results marks the words the search matched in its text,
    // and only those.
    browser.click("article.card a[href*='/article/']").await;
    browser
        .wait_at_this_width(
            "the searched words marked in the article's text",
            "const marks = Array.from(document.querySelectorAll('.article-body mark')); \
             const fold = (t) => t.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase(); \
             return marks.length > 0 && marks.every((m) => fold(m.textContent).startsWith('declar'));",
        )
        .await;
    // And in its title, when the search matched a word of it.
    browser.open(&site.url("/?q=terrain")).await;
    browser
        .wait_for_cards("a search for a word of the title", &seed)
        .await;
    browser.click("article.card a[href*='/article/']").await;
    browser
        .wait_at_this_width(
            "the searched word marked in the article's title",
            "const marks = Array.from(document.querySelectorAll('#article-title mark')); \
             return marks.length === 1 && marks[0].textContent === 'terrain' \
                 && document.getElementById('article-title').textContent.startsWith('Les deux camps');",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
