//! The site when its data is served badly or changes under the reader: missing, cut in the
//! middle, of another schema, malformed, slow, or rebuilt since the last visit. The reader gets
//! a message that says what went wrong and, where trying again can help, a Retry button that
//! works once the data is back; a slow answer shows a loading state, then the content; a
//! rebuilt site shows its new text, never a cached old body next to a fresh index.
//!
//! Run by `scripts/test` with `KIOSQUE_E2E=1`, like `browser.rs`.

use std::path::PathBuf;

use kiosque_e2e::server::Fault;
use kiosque_e2e::{Browser, Site, cards_are, entity_part, ready, repo};

const SITE: &str = "/data/site.json";

/// Waits for the error view and returns its text.
async fn error_text(browser: &Browser, what: &str) -> String {
    browser
        .wait_until(
            what,
            "return !!document.querySelector('.error[role=alert]');",
        )
        .await;
    browser
        .client
        .execute(
            "return document.querySelector('.error[role=alert]').innerText;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn site_bytes(site: &Site) -> Vec<u8> {
    std::fs::read(site.root().join("data/site.json")).expect("the site's site.json")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_cut_or_malformed_site_json_is_explained_and_retry_loads_it_once_it_is_back() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let good = site_bytes(&site);
    let browser = Browser::new().await;
    let cases: [(&str, Fault, &[&str]); 4] = [
        (
            "missing",
            Fault::Status(404),
            &[SITE, "HTTP 404", "introuvable"],
        ),
        (
            "cut in transfer",
            Fault::Cut,
            &["Impossible de joindre", SITE],
        ),
        (
            "truncated file",
            Fault::Body(good[..good.len() / 2].to_vec()),
            &[
                SITE,
                "n’est pas un fichier de données du site valide",
                "tronqué",
            ],
        ),
        (
            "an HTML page instead",
            Fault::Body(b"<!DOCTYPE html><h1>Welcome to nginx!</h1>".to_vec()),
            &[SITE, "n’est pas un fichier de données du site valide"],
        ),
    ];
    for (name, fault, expected) in cases {
        site.server().set(SITE, fault);
        browser.open(&site.url("/")).await;
        let text = error_text(&browser, &format!("the error for a site.json {name}")).await;
        assert!(
            text.contains("Impossible de charger les données du site"),
            "{name}: {text}"
        );
        for part in expected {
            assert!(text.contains(part), "{name}: {part:?} not in {text:?}");
        }
        assert_eq!(browser.count("article.card").await, 0, "{name}");
        browser
            .screenshot(&format!("site-json-{}", name.replace(' ', "-")))
            .await;

        // Still broken: Retry asks again and says so again.
        let asked = site.server().hits(SITE);
        browser.click(".error button.retry").await;
        site.server().wait_for_hits(SITE, asked + 1);
        error_text(&browser, &format!("the error again for a site.json {name}")).await;

        // Back: Retry loads it.
        site.server().clear(SITE);
        browser.click(".error button.retry").await;
        browser
            .wait_until(
                &format!("cards after a retry ({name})"),
                "return document.querySelectorAll('article.card').length > 0 && !document.querySelector('.error');",
            )
            .await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn data_of_another_major_version_asks_for_a_rebuild_and_offers_no_useless_retry() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let good = String::from_utf8(site_bytes(&site)).expect("UTF-8 site.json");
    let version =
        serde_json::from_str::<serde_json::Value>(&good).expect("valid index")["schema_version"]
            .as_str()
            .expect("a schema version")
            .to_owned();
    let future = good.replacen(
        &format!("\"schema_version\":\"{version}\""),
        "\"schema_version\":\"3.0\"",
        1,
    );
    assert_ne!(future, good, "site.json names its schema version");
    site.server().set(SITE, Fault::Body(future.into_bytes()));
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    let text = error_text(&browser, "the version message").await;
    assert!(text.contains("Ce site doit être reconstruit"), "{text}");
    assert!(text.contains("3.0"), "the data's version is named: {text}");
    let major = version.split('.').next().unwrap_or_default();
    assert!(
        text.contains(&format!("{major}.")),
        "the app's version is named: {text}"
    );
    assert_eq!(browser.count(".error button.retry").await, 0);
    browser.screenshot("site-schema-3").await;

    // Once the publisher rebuilds, the page loads.
    site.server().clear(SITE);
    browser.client.refresh().await.expect("reload");
    browser.wait_for_app().await;
    browser.wait_for_any_card("cards after the rebuild").await;
    browser.close().await;
}

/// The demo article and the two fixtures: three article bodies, one per fault, so that no
/// fault is hidden by a body the browser has cached.
fn fixture_inputs() -> Vec<PathBuf> {
    vec![repo().join("demo"), repo().join("tests/e2e/fixtures")]
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_malformed_or_cut_article_body_is_explained_under_its_title_and_retry_loads_it() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&fixture_inputs());
    let ids = site.article_ids();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let cases: [(&str, Fault, &[&str]); 3] = [
        ("missing", Fault::Status(404), &["HTTP 404"]),
        (
            "malformed",
            Fault::Body(br#"{"id": "x", "blocks": [{"kind": "paragraph", "te"#.to_vec()),
            &["n’est pas un fichier de données du site valide"],
        ),
        ("cut in transfer", Fault::Cut, &["Impossible de joindre"]),
    ];
    let browser = Browser::new().await;
    for ((name, fault, expected), id) in cases.into_iter().zip(&ids) {
        let body = site.body_path(id);
        let title = site.index_json()["articles"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["id"] == id.as_str()))
            .and_then(|a| a["title"].as_str().map(str::to_owned))
            .expect("a title");
        site.server().set(&body, fault);
        browser.open(&site.url(&format!("/article/{id}/"))).await;
        let text = error_text(&browser, &format!("the error for a body {name}")).await;
        assert!(
            text.contains("Impossible de charger le texte de cet article") && text.contains(&body),
            "{name}: {text}"
        );
        for part in expected {
            assert!(text.contains(part), "{name}: {part:?} not in {text:?}");
        }
        // The rest of the page is there: the title, the way home.
        let page = browser.text().await;
        assert!(page.contains(&title), "{name}: the title is shown: {page}");
        assert!(page.contains("Tous les articles"), "{name}");
        browser
            .screenshot(&format!("body-{}", name.replace(' ', "-")))
            .await;

        site.server().clear(&body);
        browser.click(".error button.retry").await;
        browser
            .wait_until(
                &format!("the body after a retry ({name})"),
                "return document.querySelectorAll('.article-body p').length > 0 && !document.querySelector('.error');",
            )
            .await;
    }
    browser.close().await;
}

/// An article page opened directly asks for its body file at once, beside `site.json`, rather
/// than a round trip after it (its pre-rendered page names the file): with `site.json` held,
/// the body file is requested; once `site.json` arrives, the file fetched meanwhile is the one
/// shown, fetched once, and nothing else of the site data is fetched.
#[tokio::test(flavor = "multi_thread")]
async fn an_article_opened_directly_fetches_site_json_and_its_body_file_only_at_once() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    let id = site.article_ids().into_iter().next().expect("an article");
    let body = site.body_path(&id);
    site.server().set(SITE, Fault::Hold);
    browser
        .client
        .goto(&site.url(&format!("/article/{id}/")))
        .await
        .expect("navigation");
    browser.start_app().await;
    site.server().wait_for_hits(SITE, 1);
    site.server().wait_for_hits(&body, 1);
    site.server().clear(SITE);
    browser
        .wait_until(
            "the body",
            "return document.querySelectorAll('.article-body a.mention').length > 0
               && !document.querySelector('.loading');",
        )
        .await;
    assert_eq!(
        site.server().hits(&body),
        1,
        "the body file fetched while site.json loaded is the one shown"
    );
    assert_eq!(
        site.server().requested("/data/"),
        [body, SITE.to_owned()],
        "an article page needs site.json and its body file only"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// The home page's first screen needs `site.json` alone: with every summary page held back,
/// the first cards, the sidebar's counts and the number of articles are shown, and nothing more
/// is asked for; a facet clicked then filters from the entity's posting file and card page, asks
/// for the rest, and counts once the pages arrive.
#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_shows_its_first_cards_from_site_json_alone_and_filters_once_the_rest_arrives()
 {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&fixture_inputs());
    let index = site.index_json();
    let pages: Vec<String> = site
        .parts()
        .into_iter()
        .filter(|p| p.starts_with("summaries/"))
        .map(|p| format!("/data/{p}"))
        .collect();
    assert!(!pages.is_empty());
    site.server().set_each(&pages, &Fault::Hold);
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "the first cards and the count from site.json",
            "return document.querySelectorAll('article.card').length === 3
               && document.getElementById('results-count')?.innerText === '3 articles'
               && document.querySelectorAll('nav.sidebar button.facet').length > 0;",
        )
        .await;
    // A reader who only looks asks for nothing more.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    for page in &pages {
        assert_eq!(
            site.server().hits(page),
            0,
            "{page} asked for by the first screen"
        );
    }
    let first_cards = browser.card_ids().await;
    browser.screenshot("first-screen").await;

    // A facet clicked before the rest arrives: the view waits for it, then filters.
    let entity = browser
        .eval_string(
            "return [...document.querySelectorAll('nav.sidebar button.facet')]
               .find(b => b.querySelector('.count').innerText === '1')?.dataset.entity ?? '';",
        )
        .await;
    let mentioning: Vec<&str> = index["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter(|a| {
            a["entities"]
                .as_array()
                .is_some_and(|e| e.iter().any(|e| e == entity.as_str()))
        })
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(mentioning.len(), 1, "{entity}: {mentioning:?}");
    browser
        .click(&format!("nav.sidebar button.facet[data-entity='{entity}']"))
        .await;
    // It is shown from the entity's posting file and card page, the summary pages still held,
    // the sidebar saying its counts are not the view's yet.
    let filtered = "return document.querySelectorAll('article.card').length === 1
               && document.getElementById('results-count')?.innerText === '1 article'";
    browser
        .wait_until(
            "the filtered view before the rest",
            &format!("{filtered} && !!document.querySelector(\"nav.sidebar[aria-busy='true']\");"),
        )
        .await;
    assert_eq!(browser.card_ids().await, mentioning);
    // The view asked for the rest (its counts), which has not arrived.
    for page in &pages {
        site.server().wait_for_hits(page, 1);
    }
    site.server().clear_each(&pages);
    browser
        .wait_until(
            "the filtered view and its counts once the rest arrives",
            &format!("{filtered} && !document.querySelector(\"nav.sidebar[aria-busy='true']\");"),
        )
        .await;
    assert_eq!(browser.card_ids().await, mentioning);

    assert!(first_cards.iter().any(|id| id == mentioning[0]));
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_answer_shows_a_loading_state_then_the_content() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;

    // site.json is slow: the pre-rendered page stays on screen, then the app takes its place.
    site.server().set(SITE, Fault::Hold);
    browser.open_pre_rendered(&site.url("/")).await;
    browser.start_app().await;
    site.server().wait_for_hits(SITE, 1);
    browser
        .wait_until(
            "the pre-rendered page while site.json loads",
            "const p = document.getElementById('prerender');
             return !!p && p.getClientRects().length > 0
               && p.querySelectorAll('article.card').length > 0
               && !document.querySelector('.error') && !document.querySelector('#main article.card');",
        )
        .await;
    browser.screenshot("slow-site-json").await;
    site.server().clear(SITE);
    browser.wait_for_app().await;
    browser.wait_for_any_card("the cards").await;

    // An article body is slow: placeholders under the title, then the text.
    let id = browser.card_ids().await.into_iter().next().expect("a card");
    let body = site.body_path(&id);
    site.server().set(&body, Fault::Hold);
    browser.click("article.card .card-title a").await;
    site.server().wait_for_hits(&body, 1);
    browser
        .wait_until(
            "placeholders while the body loads",
            "const l = document.querySelector('.article-page .loading[aria-busy=true]');
             return !!l && l.getClientRects().length > 0
               && l.textContent.includes('Chargement de l’article')
               && !!document.getElementById('article-title');",
        )
        .await;
    browser.screenshot("slow-body").await;
    site.server().clear(&body);
    browser
        .wait_until(
            "the body",
            "return document.querySelectorAll('.article-body a.mention').length > 0
               && !document.querySelector('.loading');",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Dates every file under `dir` back by two days, as if the site had been built then: browsers
/// then keep its files fresh for hours by heuristic (a tenth of their age), as static hosts
/// without `Cache-Control` let them.
fn age(dir: &std::path::Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 24 * 3600);
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            age(&path);
        } else {
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(then))
                .expect("set the modification time");
        }
    }
}

/// The text of the article body on screen, once there is one (or an error).
async fn body_text(browser: &Browser, what: &str) -> String {
    browser
        .wait_until(
            what,
            "return document.querySelectorAll('.article-body p').length > 0 || !!document.querySelector('.error');",
        )
        .await;
    browser
        .client
        .execute(
            "return document.querySelector('.article-body')?.innerText ?? document.querySelector('.error').innerText;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Asserts that `text` (an article body on screen) is the rebuilt one, not the old one that a
/// cache could serve; `why` says what it would mean otherwise.
fn assert_new_text(text: &str, why: &str) {
    assert!(
        text.contains("Seconde version") && !text.contains("Première version"),
        "{why}: {text:?}"
    );
}

/// The one article of the rebuild tests, with `text`.
fn changing_record(text: &str) -> String {
    serde_json::json!({
        "id": "changing",
        "title": "Le conseil municipal vote le budget",
        "published": "2025-01-06",
        "lang": "fr",
        "text": text,
    })
    .to_string()
}

const OLD: &str = "Première version : le conseil municipal de Lyon a voté le budget mardi soir.";
const NEW: &str = "Seconde version : le conseil municipal de Lyon a rejeté le budget mardi soir.";

#[tokio::test(flavor = "multi_thread")]
async fn after_a_rebuild_an_article_read_before_shows_its_new_text_not_the_cached_one() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("changing.jsonl");
    let record = changing_record;
    let (old, new) = (OLD, NEW);
    std::fs::write(&input, record(old)).expect("write v1");
    let site = Site::with_inputs(std::slice::from_ref(&input));
    age(&site.root().join("data"));
    let browser = Browser::new().await;
    browser.open(&site.url("/article/changing/")).await;
    assert!(
        body_text(&browser, "the first text")
            .await
            .contains("Première version")
    );

    // The publisher rebuilds the site; the reader comes back.
    std::fs::write(&input, record(new)).expect("write v2");
    site.rebuild(std::slice::from_ref(&input));
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "the card with the new excerpt",
            "return document.querySelector('article.card .card-excerpt')?.innerText.includes('Seconde version');",
        )
        .await;
    browser.click("article.card .card-title a").await;
    let text = body_text(&browser, "the body after following the card").await;
    assert_new_text(
        &text,
        "the card shows the new excerpt, the article an old cached body",
    );
    browser.open(&site.url("/article/changing/")).await;
    let text = body_text(&browser, "the body opened directly").await;
    assert_new_text(
        &text,
        "the article opened directly shows an old cached body",
    );
    browser.close().await;
}

/// A body file that a cache between browser and host serves stale (it ignores the URL's
/// query): its entry for the article has another fingerprint than the app knows, so it is
/// fetched once more from the server, and the reader sees the new text, after following a
/// card and on the article's page opened directly.
#[tokio::test(flavor = "multi_thread")]
async fn a_body_file_served_stale_is_fetched_again_from_the_server() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("changing.jsonl");
    std::fs::write(&input, changing_record(OLD)).expect("write v1");
    let site = Site::with_inputs(std::slice::from_ref(&input));
    let body = site.body_path("changing");
    let stale = std::fs::read(site.root().join(body.trim_start_matches('/'))).expect("v1 body");
    std::fs::write(&input, changing_record(NEW)).expect("write v2");
    site.rebuild(std::slice::from_ref(&input));
    site.server().set(&body, Fault::Stale(stale));

    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.click("article.card .card-title a").await;
    let text = body_text(&browser, "the body after following the card").await;
    assert_new_text(&text, "a stale body file is shown");
    assert_eq!(site.server().hits(&body), 2, "fetched once more, once");
    browser.close().await;

    // Opened directly: the page's link names the body file with the new fingerprint.
    let browser = Browser::new().await;
    browser.open(&site.url("/article/changing/")).await;
    let text = body_text(&browser, "the body opened directly").await;
    assert_new_text(
        &text,
        "a stale body file is shown on the page opened directly",
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// The home page with no filter, when the whole site fails to load (a summary page answers
/// 500) once the reader asks for it (the download of every article): the first screen's cards
/// stay, but the failure is said, naming the file, with a Retry that loads the rest once the
/// page is back (before, nothing was said and "Show more" and the sidebar silently worked on the
/// first screen only), and the timeline of every article, from `site.json`, stays.
#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_says_when_the_whole_site_fails_to_load_even_without_a_filter() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let page = site
        .parts()
        .into_iter()
        .find(|p| p.starts_with("summaries/"))
        .map(|p| format!("/data/{p}"))
        .expect("a summary page");
    site.server().set(&page, Fault::Status(500));
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    // The first screen asks for nothing more; the download of every article asks for the rest.
    browser.click("button.export-prepare").await;
    let text = error_text(&browser, "the error for the whole site").await;
    assert!(
        text.contains("Impossible de charger les articles") && text.contains(&page),
        "the failed file is named: {text}"
    );
    assert!(
        text.contains("HTTP 500") && text.contains("erreur du serveur"),
        "{text}"
    );
    let count = browser
        .eval_string("return document.getElementById('results-count')?.innerText ?? '';")
        .await;
    assert!(count.contains("n’ont pas pu être chargés"), "{count}");
    assert!(
        browser.count("article.card").await > 0,
        "the first cards stay"
    );
    // The chart of every article over time came with site.json: it stays.
    assert!(
        browser.count("#home-timeline-bars button").await > 0,
        "the timeline of every article"
    );
    browser.screenshot("home-whole-failed").await;

    site.server().clear(&page);
    browser.click(".error button.retry").await;
    browser
        .wait_until(
            "the articles after a retry",
            "return !document.querySelector('.error')
               && /^[0-9]+ articles?$/.test(document.getElementById('results-count')?.innerText ?? '');",
        )
        .await;
    browser.close().await;
}

/// Data written before schema 2.5 (a `site.json` without `overview`), or whose overview does
/// not read: the first screen cannot show the languages, sources, years and timeline of every
/// article, so the home page loads the whole site at once, unasked, and shows them from it.
#[tokio::test(flavor = "multi_thread")]
async fn without_an_overview_that_reads_the_home_page_loads_the_whole_site_for_its_foot() {
    if !ready() {
        return;
    }
    for broken in [None, Some("2024-03-05")] {
        let site = Site::with_inputs(&fixture_inputs());
        site.edit_data(|path, value| {
            if path != "site.json" {
                return;
            }
            match broken {
                // A timeline starting on a day its unit does not begin on.
                Some(start) => value["overview"]["timeline"]["start"] = start.into(),
                None => {
                    value.as_object_mut().expect("an object").remove("overview");
                }
            }
        });
        let page = site
            .parts()
            .into_iter()
            .find(|p| p.starts_with("summaries/"))
            .map(|p| format!("/data/{p}"))
            .expect("a summary page");
        let browser = Browser::new().await;
        browser.open(&site.url("/")).await;
        browser
            .wait_until(
                &format!("the years and the timeline from the whole site ({broken:?})"),
                "return document.querySelectorAll(\"nav.sidebar button[data-field='year']\").length > 0
                   && document.querySelectorAll('#home-timeline-bars button').length > 0;",
            )
            .await;
        assert!(site.server().hits(&page) > 0, "{page} not loaded");
        browser.assert_no_console_errors().await;
        browser.close().await;
    }
}

/// An open tab after a rebuild: its `site.json` names summary pages the rebuild removed; when
/// the whole site is then loaded, the missing page makes the app read `site.json` again and
/// load the pages it names now, and the reader sees the new site, not an error that Retry
/// cannot clear.
#[tokio::test(flavor = "multi_thread")]
async fn a_tab_opened_before_a_rebuild_loads_the_rebuilt_site_instead_of_the_removed_parts() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("changing.jsonl");
    std::fs::write(&input, changing_record(OLD)).expect("write v1");
    let site = Site::with_inputs(std::slice::from_ref(&input));
    let old: Vec<String> = site.parts();
    let held: Vec<String> = old.iter().map(|p| format!("/data/{p}")).collect();
    site.server().set_each(&held, &Fault::Hold);
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    // The reader asks for the whole site (the download of every article).
    browser.click("button.export-prepare").await;
    for part in &held {
        site.server().wait_for_hits(part, 1);
    }
    // The publisher rebuilds while the tab waits for the old parts.
    std::fs::write(&input, changing_record(NEW)).expect("write v2");
    site.rebuild(std::slice::from_ref(&input));
    let removed: Vec<&String> = old.iter().filter(|p| !site.parts().contains(p)).collect();
    assert!(!removed.is_empty(), "the rebuild renames a summary page");
    for part in &removed {
        let _ = std::fs::remove_file(site.root().join("data").join(part));
    }
    let asked = site.server().hits(SITE);
    site.server().clear_each(&held);
    browser
        .wait_until(
            "the rebuilt site",
            "return document.querySelector('article.card .card-excerpt')?.innerText.includes('Seconde version')
               && document.getElementById('results-count')?.innerText === '1 article'
               && !document.querySelector('.error');",
        )
        .await;
    assert_eq!(
        site.server().hits(SITE),
        asked + 1,
        "site.json read again, once"
    );
    browser.close().await;
}

/// An article not among the first cards, opened directly on a page without a link to its body
/// file (the app's own `index.html`, as `trunk serve` gives it): the app knows no fingerprint
/// for its body, so the body file is fetched bypassing the cache, and a cache that serves an
/// old copy shows nothing old.
#[tokio::test(flavor = "multi_thread")]
async fn an_article_opened_without_a_known_fingerprint_fetches_its_body_file_fresh() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("many.jsonl");
    // 31 newer articles, then the changing one, oldest: not on the first screen.
    let records = |text: &str| {
        let mut lines: Vec<String> = (0..31)
            .map(|n| {
                serde_json::json!({
                    "id": format!("other-{n:02}"),
                    "title": format!("Autre article {n}"),
                    "published": format!("2025-02-{:02}", n % 28 + 1),
                    "lang": "fr",
                    "text": format!("Un autre texte, le numéro {n}, sur la ville de Lyon."),
                })
                .to_string()
            })
            .collect();
        lines.push(changing_record(text));
        lines.join("\n")
    };
    std::fs::write(&input, records(OLD)).expect("write v1");
    let site = Site::with_inputs(std::slice::from_ref(&input));
    let body = site.body_path("changing");
    let stale = std::fs::read(site.root().join(body.trim_start_matches('/'))).expect("v1 body");
    std::fs::write(&input, records(NEW)).expect("write v2");
    site.rebuild(std::slice::from_ref(&input));
    let first = site.read_json("site.json")["first"]["articles"].clone();
    assert!(
        first
            .as_array()
            .is_some_and(|a| a.len() == 30 && a.iter().all(|a| a["id"] != "changing")),
        "the article is not on the first screen"
    );
    // The app's shell instead of the article's pre-rendered page.
    std::fs::copy(
        site.root().join("index.html"),
        site.root().join("article/changing/index.html"),
    )
    .expect("the shell as the article's page");
    site.server().set(&body, Fault::Stale(stale));

    let browser = Browser::new().await;
    browser.open(&site.url("/article/changing/")).await;
    let text = body_text(&browser, "the body opened directly").await;
    assert_new_text(&text, "an old cached body is shown");
    browser.close().await;
}

/// This app over data of contract 1 (an `index.json`, no `site.json`), as after updating the
/// app without rebuilding the data: the version message, naming both versions, not a missing
/// file.
#[tokio::test(flavor = "multi_thread")]
async fn data_of_contract_1_without_site_json_asks_for_a_rebuild() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    site.server().set(SITE, Fault::Status(404));
    site.server().set(
        "/data/index.json",
        Fault::Body(br#"{"schema_version": "1.2", "articles": [], "entities": []}"#.to_vec()),
    );
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    let text = error_text(&browser, "the version message").await;
    assert!(text.contains("Ce site doit être reconstruit"), "{text}");
    assert!(
        text.contains("1.2") && text.contains("2.x"),
        "both versions are named: {text}"
    );
    assert!(!text.contains("HTTP 404"), "{text}");
    assert_eq!(browser.count(".error button.retry").await, 0);

    // Without an index.json either, the missing site.json is said as before.
    site.server().set("/data/index.json", Fault::Status(404));
    browser.open(&site.url("/")).await;
    let text = error_text(&browser, "the missing site.json").await;
    assert!(text.contains(SITE) && text.contains("HTTP 404"), "{text}");
    browser.close().await;
}

/// A file of the site data served as it is, then failing in each way a reader must survive:
/// missing, cut in transfer, `malformed` (bytes that do not parse), and `wrong` (its name, and
/// JSON that parses but does not fit the site). Each case's name, and its fault (none when
/// served).
fn served_or_failing(
    malformed: &[u8],
    (wrong, json): (&'static str, &serde_json::Value),
) -> [(&'static str, Option<Fault>); 5] {
    [
        ("served", None),
        ("missing", Some(Fault::Status(404))),
        ("cut in transfer", Some(Fault::Cut)),
        ("malformed", Some(Fault::Body(malformed.to_vec()))),
        (
            wrong,
            Some(Fault::Body(serde_json::to_vec(json).expect("JSON"))),
        ),
    ]
}

/// An entity's page fetches its profile file beside its posting file and shows the whole page
/// from them (the entities it appears with, a button for the download), the whole site held
/// back: an entity's own page from the profile files (schema 2.6), the shell page of an entity
/// of a single article from theirs (`singles/`, schema 2.7) and its article's body file. A
/// profile file that is missing, cut, malformed or whose company names an entity it does not
/// have shows nothing wrong and no error: the page asks for the whole site, which shows the
/// same entities with it.
#[tokio::test(flavor = "multi_thread")]
async fn an_entity_page_whose_profile_file_fails_is_shown_from_the_whole_site() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&fixture_inputs());
    let posting_files = site.read_json("site.json")["posting_files"]
        .as_u64()
        .expect("site.json names its posting files") as u32;
    let whole = site.hold_whole_site();
    let entity_part = entity_part(&whole).clone();
    let browser = Browser::new().await;
    for own_page in [true, false] {
        let (files, path_of): (u32, fn(u32, u32) -> String) = if own_page {
            (posting_files, kiosque_model::parts::profile_path)
        } else {
            let files = kiosque_model::parts::single_files_for(posting_files);
            (files, kiosque_model::parts::single_path)
        };
        // An entity whose page lists others with it, and its file with that list naming
        // entities the file (or, of a single article, the article) does not have.
        let (entity, path, company, wrong) = (0..files)
            .find_map(|file| {
                let path = path_of(file, files);
                let mut profiles = site.read_json(&path);
                if own_page {
                    let listed = profiles["profiles"]
                        .as_array()?
                        .iter()
                        .position(|p| p["company"].as_array().is_some_and(|c| !c.is_empty()))?;
                    let id = profiles["entities"][listed]["id"].as_str()?.to_owned();
                    let company = profiles["profiles"][listed]["company"].as_array()?.len();
                    profiles["profiles"][listed]["company"] = serde_json::json!([[999, 1]]);
                    Some((id, path, company, profiles))
                } else {
                    let listed = profiles["entities"]
                        .as_array()?
                        .iter()
                        .position(|e| e[1].as_array().is_some_and(|c| !c.is_empty()))?;
                    let id = profiles["entities"][listed][0].as_str()?.to_owned();
                    let company = profiles["entities"][listed][1].as_array()?.len();
                    profiles["entities"][listed][1] = serde_json::json!([999]);
                    Some((id, path, company, profiles))
                }
            })
            .expect("an entity with company");
        let url = if own_page {
            format!("/entity/{entity}/")
        } else {
            format!("/entity/?id={entity}")
        };
        let profile = format!("/data/{path}");
        let shown = format!(
            "return !document.getElementById('prerender') \
               && document.querySelectorAll('#main .entity-company li').length === {company}"
        );
        let cases = served_or_failing(
            br#"{"entities": [{"id": 3}], "profiles": [["#,
            ("naming an entity it does not have", &wrong),
        );
        for (name, fault) in cases {
            site.hold_whole_site();
            // Each case asks the server: nothing the last one fetched is taken from the cache.
            browser.clear_cache().await;
            let (before, asked_before) = (
                site.server().hits(&profile),
                site.server().hits(&entity_part),
            );
            let failing = fault.is_some();
            match fault {
                Some(fault) => site.server().set(&profile, fault),
                None => site.server().clear(&profile),
            }
            // Not `open`: the pre-rendered page stays until the page has its profile, or the
            // whole site.
            (browser.client)
                .goto(&site.url(&url))
                .await
                .expect("navigation");
            browser.start_app().await;
            site.server().wait_for_hits(&profile, before + 1);
            if failing {
                // Asked for, failed: the page asks for the whole site (an entity's own page keeps
                // its pre-rendered page).
                site.server().wait_for_hits(&entity_part, asked_before + 1);
            } else {
                browser
                    .wait_until(
                        &format!("{url} from its files"),
                        &format!(
                            "{shown} && !!document.querySelector('#main button.export-prepare');"
                        ),
                    )
                    .await;
                assert_eq!(
                    site.server().hits(&entity_part),
                    asked_before,
                    "{url} {name}"
                );
            }
            site.server().clear_each(&whole);
            if failing {
                browser
                    .wait_until(
                        &format!("{url} over the whole site, its profile file {name}"),
                        &format!("{shown} && !!document.querySelector('#main a.export-link');"),
                    )
                    .await;
            }
            assert_eq!(browser.count(".error").await, 0, "{url} {name}");
        }
        site.server().clear(&profile);
    }
    browser.close().await;
}

/// A link to a view filtered by an entity fetches that entity's posting file (schema 2.4) and
/// shows its articles from it and their card pages, the whole site held back; a posting file
/// that is missing, cut, malformed or whose numbers are not the site's shows nothing wrong and no
/// error: the view waits for the whole site, which holds the same articles, and shows them.
#[tokio::test(flavor = "multi_thread")]
async fn a_filtered_view_whose_posting_file_fails_is_shown_from_the_whole_site() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&fixture_inputs());
    let (index, _) = site.read_all();
    // An entity that some but not all articles list.
    let (entity, expected) = index
        .entities
        .iter()
        .find_map(|e| {
            let ids: Vec<String> = index
                .articles
                .iter()
                .filter(|a| a.entities.contains(&e.id))
                .map(|a| a.id.clone())
                .collect();
            (!ids.is_empty() && ids.len() < index.articles.len()).then(|| (e.id.clone(), ids))
        })
        .expect("an entity of some articles");
    let files = site.read_json("site.json")["posting_files"]
        .as_u64()
        .expect("site.json names its posting files") as u32;
    let (_, path) = kiosque_model::parts::posting_file_of(&entity, files);
    let posting = format!("/data/{path}");
    let mut numbers_not_the_site_s = site.read_json(&path);
    let at = numbers_not_the_site_s["entities"]
        .as_array()
        .and_then(|all| all.iter().position(|e| e["id"] == entity.as_str()))
        .expect("the entity in its posting file");
    numbers_not_the_site_s["articles"][at] = serde_json::json!([5, 0]);
    let whole = site.hold_whole_site();
    let browser = Browser::new().await;
    let cases = served_or_failing(
        br#"{"entities": [{"id": 3}], "articles": [[-1"#,
        ("with numbers not the site's", &numbers_not_the_site_s),
    );
    for (name, fault) in cases {
        site.hold_whole_site();
        // Each case asks the server: neither the posting file as the last case had it nor the
        // whole site it loaded is taken from the cache (a cached whole site shows the articles
        // before the view could be seen waiting for it).
        browser.clear_cache().await;
        let before = site.server().hits(&posting);
        let failing = fault.is_some();
        match fault {
            Some(fault) => site.server().set(&posting, fault),
            None => site.server().clear(&posting),
        }
        browser.open(&site.url(&format!("/?entity={entity}"))).await;
        let shown = format!("return {};", cards_are(&expected));
        if failing {
            // Asked for, failed: the view waits for the whole site, saying it loads.
            site.server().wait_for_hits(&posting, before + 1);
            browser
                .wait_until(
                    &format!("the view waiting for the whole site, its posting file {name}"),
                    "return document.getElementById('results-count')?.innerText.startsWith('Chargement')
                       && document.querySelectorAll('article.card').length === 0;",
                )
                .await;
        } else {
            browser
                .wait_until("the entity's articles from its posting file", &shown)
                .await;
        }
        site.server().clear_each(&whole);
        browser
            .wait_until(
                &format!("the entity's articles, its posting file {name}"),
                &shown,
            )
            .await;
        assert!(
            site.server().hits(&posting) > before,
            "{name}: the posting file was not asked for"
        );
        assert_eq!(browser.count(".error").await, 0, "{name}");
    }
    browser.close().await;
}

/// The article and entity pages are wasm pieces loaded on demand (docs/wasm-split.md): one that
/// does not load is explained like a data file, not a dead app, and Retry loads it once it is back.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_wasm_piece_does_not_load_is_explained_and_retry_loads_it() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let Some([article, shared, entity]) = site.app_pieces() else {
        return;
    };
    let browser = Browser::new().await;
    for piece in [article.as_str(), shared.as_str()] {
        // What the last round loaded is not in the browser's cache: the fault is seen.
        browser.clear_cache().await;
        site.server().set(piece, Fault::Status(404));
        // In the app: home, then a card's article.
        browser.open(&site.url("/")).await;
        browser.wait_for_any_card("cards").await;
        browser.click(".card-title a").await;
        let text = error_text(&browser, &format!("the error for a missing {piece}")).await;
        assert!(
            text.contains("Impossible de charger cette page"),
            "{piece}: {text}"
        );
        assert!(text.contains("split_article_page"), "{piece}: {text}");
        // The rest of the app still works: the header's link home shows the cards.
        browser.click("header a.brand").await;
        browser.wait_for_any_card("cards after the error").await;
        // Back: Retry (a reload of the article's address) shows the article.
        browser.back().await;
        error_text(&browser, &format!("the error again for a missing {piece}")).await;
        site.server().clear(piece);
        browser.click(".error button.retry").await;
        // Retry reloads the article's address: its pre-rendered page, then the app with the
        // piece that failed.
        browser.wait_for_app().await;
        browser
            .wait_until(
                &format!("the article after a retry ({piece})"),
                "return !!document.querySelector('.article-page #article-title') && !document.querySelector('.error');",
            )
            .await;
    }
    // An entity page opened directly.
    browser.clear_cache().await;
    site.server().set(&entity, Fault::Status(404));
    browser.open(&site.url("/entity/?id=loc-kursk")).await;
    let text = error_text(&browser, "the error for a missing entity piece").await;
    assert!(text.contains("split_entity_page"), "{text}");
    site.server().clear(&entity);
    browser.close().await;
}

/// In a browser without WebAssembly, a link to a view (a search) shows the page as it is: its
/// own list, not hidden for an app that cannot come, and no app fetched.
#[tokio::test(flavor = "multi_thread")]
async fn without_webassembly_a_link_to_a_view_shows_the_page_s_own_list() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "delete globalThis.WebAssembly;" }),
        )
        .await
        .expect("DevTools Page.addScriptToEvaluateOnNewDocument");
    browser.open_pre_rendered(&site.url("/?q=koursk")).await;
    browser
        .wait_until(
            "the pre-rendered list shown without WebAssembly",
            "const list = document.querySelector('#prerender .results'); \
             return typeof WebAssembly === 'undefined' && !!list \
               && getComputedStyle(list).visibility === 'visible' \
               && document.querySelectorAll('#prerender article.card').length > 0;",
        )
        .await;
    let wasm = browser.app_wasm().await;
    browser.click("#site-search").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(site.server().hits(&wasm), 0, "the app's wasm was asked for");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// An app that cannot start (its wasm missing after a deploy, or a browser that refuses it)
/// leaves the pre-rendered page as it is: a search typed into its search box and submitted goes
/// to the home page's search address as the form does without the app, not swallowed; there,
/// where the app would show the search's results, the page's own list is shown, not hidden.
#[tokio::test(flavor = "multi_thread")]
async fn without_its_app_a_page_s_search_form_still_submits() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    browser.open_pre_rendered(&site.url("/")).await;
    browser.wait_for_any_card("the pre-rendered cards").await;
    let wasm = browser.app_wasm().await;
    site.server().set(&wasm, Fault::Status(404));
    browser.click("#site-search").await;
    site.server().wait_for_hits(&wasm, 1);
    browser.type_keys("koursk").await;
    browser.press(fantoccini::key::Key::Enter).await;
    browser
        .wait_until(
            "the search form submitted without the app",
            "return location.search === '?q=koursk';",
        )
        .await;
    // An address asking for a view the app cannot show: the page's list, as it is, not hidden.
    browser
        .wait_until(
            "the pre-rendered list shown without the app",
            "const list = document.querySelector('#prerender .results'); \
             return !!list && getComputedStyle(list).visibility === 'visible' \
               && document.querySelectorAll('#prerender article.card').length > 0;",
        )
        .await;

    // A facet clicked on the home page gives the app its view's address to start at: with no
    // app coming, the address goes back to the page's own, which shows every article.
    browser.clear_cache().await;
    browser.open_pre_rendered(&site.url("/")).await;
    browser.wait_for_any_card("the pre-rendered cards").await;
    let asked = site.server().hits(&wasm);
    browser.click("button.facet[data-entity='loc-kursk']").await;
    site.server().wait_for_hits(&wasm, asked + 1);
    browser
        .wait_until(
            "the page's own address back once the app could not start",
            "return location.search === '' && !!document.getElementById('prerender') \
               && document.querySelectorAll('#prerender article.card').length > 0;",
        )
        .await;
    browser.close().await;
}
