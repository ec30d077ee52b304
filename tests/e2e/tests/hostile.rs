//! A site built from hostile articles, as an attacker or a careless scraper would feed it:
//! 10,000-character words and URLs, a source name with an unclosed right-to-left override, a
//! link with `user@host`, markup and scripts in every field, then a 1 MB excerpt and bad mention
//! offsets written straight into the data. Every page, pre-rendered and in the app, must stay
//! within the screen at 360 and 1280 px, keep its facts in order, link nowhere misleading,
//! cap what the contract caps, show the text despite bad offsets, and run no script.
//!
//! Run by `scripts/test` with `KIOSQUE_E2E=1`, like `browser.rs`.

use std::path::Path;

use kiosque_e2e::server::Fault;
use kiosque_e2e::{Browser, Site, ready};
use serde_json::{Value, json};

const SITE: &str = "/data/site.json";

/// A word of 10,000 characters.
fn long_word() -> String {
    "Anticonstitutionnellement".repeat(400)
}

/// The hostile corpus, one JSON record per article.
fn hostile_records() -> Vec<Value> {
    let word = long_word();
    let url = format!("https://example.com/{}", "a".repeat(10_000));
    let before = "La Commission européenne a publié un règlement. Son nom : ";
    let start = before.chars().count();
    let userinfo = "Cet article renvoie vers une adresse qui se fait passer pour une autre : ";
    let userinfo_start = userinfo.chars().count();
    vec![
        json!({
            "id": "long-words",
            "title": format!("Un titre {}", "Donaudampfschifffahrt".repeat(20)),
            "published": "2025-01-06",
            "lang": "fr",
            "source_name": "Le Journal",
            "text": format!("{before}{word} reste le plus long.\n\nLe texte est à l'adresse {url} depuis lundi.\n\nLa réforme entre en vigueur en mars."),
            // An organisation whose name is the 10,000-character word: in the sidebar, on the
            // card, on the article and on its own page.
            "ents": [{"start": start, "end": start + word.chars().count(), "label": "ORG"}],
        }),
        json!({
            "id": "bidi-source",
            "title": "Le conseil municipal vote le budget",
            "published": "2025-01-07",
            "lang": "fr",
            "source_name": "Agence \u{202E}Presse",
            "text": "Le conseil municipal de Lyon a voté le budget mardi soir après un long débat.",
        }),
        json!({
            "id": "userinfo-url",
            "title": "Un lien qui trompe",
            "published": "2025-01-08",
            "lang": "fr",
            "source_name": "Le Journal",
            "source_url": "https://www.example.com@evil.example/",
            "text": format!("{userinfo}{word}."),
            // The long organisation again: mentioned by two articles, it has its own page.
            "ents": [{"start": userinfo_start, "end": userinfo_start + word.chars().count(), "label": "ORG"}],
        }),
        json!({
            "id": "bad-offsets",
            "title": "Une rencontre à Berlin",
            "published": "2025-01-09",
            "lang": "fr",
            "source_name": "Le Journal",
            "text": "Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
            "ents": [
                {"start": 0, "end": 15, "label": "PER"},
                {"start": 28, "end": 39, "label": "PER"},
                {"start": 42, "end": 48, "label": "LOC"},
            ],
        }),
        json!({
            "id": "huge-excerpt",
            "title": "Un article ordinaire",
            "published": "2025-01-10",
            "lang": "fr",
            "source_name": "Le Journal",
            "text": "Un article ordinaire dont le résumé sera remplacé par un très long texte.",
        }),
        json!({
            "id": "markup",
            "title": "<script>alert('title')</script><img src=x onerror=alert('title')>",
            "published": "2025-01-11",
            "lang": "fr",
            "source_name": "<b onmouseover=alert('source')>Source</b>",
            "source_url": "javascript:alert('url')",
            "text": "Texte <img src=x onerror=alert('text')> et <script>alert('text')</script> fin.\n\n<a href=\"javascript:alert('link')\">un lien</a>",
        }),
    ]
}

/// Builds the hostile site: the records through `kiosque build` and `kiosque pages`, then the
/// faults no build writes, straight into the data.
fn hostile_site(dir: &Path) -> Site {
    let input = dir.join("hostile.jsonl");
    let lines: Vec<String> = hostile_records().iter().map(Value::to_string).collect();
    std::fs::write(&input, lines.join("\n")).expect("write the corpus");
    let site = Site::with_inputs(&[input]);

    // A 1 MB excerpt (the contract caps excerpts at 220 characters), wherever the summary is
    // (site.json's first screen, its summary page, its body file); a negative and a huge
    // mention offset next to a good mention in a body.
    let (mut excerpts, mut bodies) = (0, 0);
    site.edit_data(|_, data| {
        let summaries: Vec<&mut Value> = match data.get_mut("first") {
            Some(first) => first["articles"]
                .as_array_mut()
                .into_iter()
                .flatten()
                .collect(),
            None => data
                .get_mut("articles")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
                .map(|a| match a.get("summary").is_some() {
                    true => &mut a["summary"],
                    false => a,
                })
                .collect(),
        };
        for summary in summaries.into_iter().filter(|s| s["id"] == "huge-excerpt") {
            summary["excerpt"] = Value::String("mot ".repeat(256 * 1024));
            excerpts += 1;
        }
        let Some(articles) = data.get_mut("articles").and_then(Value::as_array_mut) else {
            return;
        };
        for article in articles
            .iter_mut()
            .filter(|a| a["summary"]["id"] == "bad-offsets")
        {
            let mentions = article["body"]["blocks"]
                .as_array_mut()
                .and_then(|b| b.iter_mut().find(|b| b["kind"] == "paragraph"))
                .and_then(|b| b["mentions"].as_array_mut())
                .expect("a paragraph with mentions");
            assert_eq!(mentions.len(), 3, "{mentions:?}");
            mentions[0]["start"] = json!(-5);
            mentions[2]["end"] = json!(1_000_000_000_000_u64);
            bodies += 1;
        }
    });
    assert_eq!(
        (excerpts, bodies),
        (3, 1),
        "the summary thrice, the body once"
    );
    site
}

/// The id of the organisation named by the long word.
fn long_entity_id(site: &Site) -> String {
    site.index_json()["entities"]
        .as_array()
        .and_then(|e| {
            e.iter()
                .find(|e| e["name"].as_str().is_some_and(|n| n.len() >= 10_000))
        })
        .and_then(|e| e["id"].as_str().map(str::to_owned))
        .expect("an entity named by the long word")
}

/// What a hostile page must not hold, one line per problem: an element or handler made from
/// the data's markup, a link that hides its host behind `user@`, a link that is not a web
/// address, and, when `arguments[0]` selects meta lines, one that names the source
/// "Agence <U+202E>Presse" and lays out a word after it right to left (the unclosed override
/// has leaked out of the source's field).
const SAFETY: &str = r#"
const problems = [];
for (const e of document.querySelectorAll('[onerror], [onmouseover], img[src=x], main b, #prerender b')) {
  problems.push(`markup from the data became an element: ${e.outerHTML.slice(0, 80)}`);
}
for (const a of document.querySelectorAll('a[href]')) {
  const url = new URL(a.href, location.href);
  if (url.username || url.password) {
    problems.push(`a link shows one host and leads to another: ${url.href}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`a link that is not a web address: ${a.href.slice(0, 80)}`);
  }
}
const selector = arguments[0];
if (selector) {
  const metas = [...document.querySelectorAll(selector)].filter(m => m.textContent.includes('Presse'));
  if (!metas.length) problems.push(`no meta line (${selector}) names the source`);
  for (const meta of metas) {
    for (const word of ['français', 'lecture']) {
      const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
      let found = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.data.indexOf(word);
        if (i < 0) continue;
        found = true;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const first = range.getBoundingClientRect().left;
        range.setStart(node, i + word.length - 1);
        range.setEnd(node, i + word.length);
        const last = range.getBoundingClientRect().left;
        if (!(first < last)) {
          problems.push(`“${word}” is laid out right to left in ${JSON.stringify(meta.textContent)}`);
        }
      }
      if (!found) problems.push(`no “${word}” in ${JSON.stringify(meta.textContent)}`);
    }
  }
}
return problems;
"#;

/// What is wrong with the page as it is now: a dialog opened by a script, and what [`SAFETY`]
/// finds (`meta` selects the meta lines to check for the bidi source, where it is shown).
async fn unsafe_things(browser: &Browser, meta: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    if let Ok(text) = browser.client.get_alert_text().await {
        problems.push(format!("a script opened a dialog: {text:?}"));
    }
    let found = browser
        .client
        .execute(SAFETY, vec![json!(meta)])
        .await
        .ok()
        .and_then(|v| serde_json::from_value::<Vec<String>>(v).ok())
        .unwrap_or_else(|| vec!["the check could not run".to_owned()]);
    problems.extend(found);
    problems
}

async fn assert_safe(browser: &Browser, page: &str, meta: Option<&str>) {
    let problems = unsafe_things(browser, meta).await;
    assert!(problems.is_empty(), "{page}: {}", problems.join("; "));
}

/// The checks above must be able to fail: a page with each fault is caught.
#[tokio::test(flavor = "multi_thread")]
async fn the_checks_see_overflow_spoofing_and_markup() {
    if !ready() {
        return;
    }
    let browser = Browser::new().await;
    let page = "<!DOCTYPE html><main><p class=meta>mar. 7 janvier 2025 · Agence &#x202E;Presse · français · 1 min de lecture</p>\
        <a href='https://www.example.com@evil.example/'>Original article</a> <a href='javascript:void(0)'>here</a>\
        <b>bold</b><p>A long word: <span>Donaudampfschifffahrtsgesellschaftskapitänsmütze</span></p></main>";
    let url = format!(
        "data:text/html;charset=utf-8,{}",
        page.replace('%', "%25").replace('#', "%23")
    );
    browser.client.goto(&url).await.expect("navigation");
    let problems = unsafe_things(&browser, Some("p.meta")).await.join("\n");
    for expected in [
        "“français” is laid out right to left",
        "“lecture” is laid out right to left",
        "a link shows one host and leads to another: https://www.example.com@evil.example/",
        "a link that is not a web address: javascript:",
        "markup from the data became an element: <b>",
    ] {
        assert!(
            problems.contains(expected),
            "{expected:?} not in {problems}"
        );
    }
    // The word fits on a desktop, not on a phone.
    let overflows = browser.overflows("self-test").await;
    assert_eq!(overflows.len(), 1, "{overflows:?}");
    assert!(
        overflows[0].starts_with("at 360 px: the page is") && overflows[0].contains("span"),
        "{overflows:?}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_articles_stay_on_screen_in_order_and_inert_on_every_page() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = hostile_site(dir.path());
    let entity = long_entity_id(&site);
    let long_filter = format!("/?entity=per-{}", "x".repeat(10_000));
    // Each article, and whether it is the one whose meta line names the bidi source.
    let articles = [
        ("long-words", false),
        ("bidi-source", true),
        ("userinfo-url", false),
        ("bad-offsets", false),
        ("huge-excerpt", false),
        ("markup", false),
    ];
    let browser = Browser::new().await;

    // The pre-rendered pages, as readers see them while the app loads (and without
    // JavaScript): the index is held back until they are checked, so the app does not take
    // their place.
    let mut pages: Vec<(String, Option<&str>)> = vec![("/".to_owned(), Some("#prerender .meta"))];
    pages.extend(articles.iter().map(|(id, bidi)| {
        (
            format!("/article/{id}/"),
            bidi.then_some("#prerender .meta"),
        )
    }));
    pages.push((format!("/entity/{entity}/"), None));
    for (page, meta) in &pages {
        site.server().set(SITE, Fault::Hold);
        let hits = site.server().hits(SITE);
        browser
            .client
            .goto(&site.url(page))
            .await
            .expect("navigation");
        browser.start_app().await;
        site.server().wait_for_hits(SITE, hits + 1);
        browser
            .wait_until(
                &format!("the pre-rendered {page}"),
                "const p = document.getElementById('prerender');
                 return !!p && p.getClientRects().length > 0;",
            )
            .await;
        assert_safe(&browser, &format!("pre-rendered {page}"), *meta).await;
        // One held request at a time: the browser has few connections per host.
        site.server().clear(SITE);
    }
    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "pre-rendered pages: {errors:?}");

    // The app.
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "six cards",
            "return document.querySelectorAll('article.card').length === 6;",
        )
        .await;
    assert_safe(&browser, "home", Some("article.card .meta")).await;
    let excerpt = browser
        .client
        .execute(
            "return document.querySelector(\"article.card[data-article-id='huge-excerpt'] .card-excerpt\").textContent;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("the huge-excerpt card's excerpt");
    assert!(
        excerpt.chars().count() <= 221 && excerpt.starts_with("mot mot"),
        "a {} character excerpt is shown",
        excerpt.chars().count()
    );
    let page = browser.text().await;
    assert!(
        page.contains("<script>alert('title')</script>"),
        "markup is shown as text"
    );
    browser.screenshot("hostile-home").await;

    // The sidebar's drawer on a phone, with the long organisation in it.
    browser.resize(360).await;
    browser.click(".drawer-toggle").await;
    browser
        .wait_until(
            "the drawer open",
            "return !!document.querySelector('.sidebar.open');",
        )
        .await;

    for (id, bidi) in articles {
        browser.open(&site.url(&format!("/article/{id}/"))).await;
        browser
            .wait_until(
                &format!("the body of {id}"),
                "return document.querySelectorAll('.article-body p').length > 0 || !!document.querySelector('.error');",
            )
            .await;
        assert_eq!(
            browser.count(".error").await,
            0,
            "article {id}: {}",
            browser.text().await
        );
        assert_safe(
            &browser,
            &format!("article {id}"),
            bidi.then_some(".article-header .meta"),
        )
        .await;
    }
    // The article with bad offsets: all its text, its good mention linked, no error.
    browser.open(&site.url("/article/bad-offsets/")).await;
    browser
        .wait_until(
            "the body despite bad offsets",
            "return document.querySelectorAll('.article-body p').length > 0 || !!document.querySelector('.error');",
        )
        .await;
    let body = browser
        .client
        .execute(
            "return [document.querySelector('.article-body')?.innerText ?? '', [...document.querySelectorAll('.article-body a.mention')].map(a => a.innerText), document.querySelector('.error')?.innerText ?? ''];",
            vec![],
        )
        .await
        .expect("a script runs");
    assert_eq!(
        body,
        json!([
            "Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
            ["Olaf Scholz"],
            ""
        ]),
        "text, highlighted mentions, error"
    );
    browser.screenshot("hostile-bad-offsets").await;

    browser.open(&site.url("/article/long-words/")).await;
    browser.screenshot("hostile-long-words").await;
    browser.open(&site.url(&format!("/entity/{entity}/"))).await;
    browser
        .wait_for_any_card("the long organisation's page")
        .await;
    browser.open(&site.url(&long_filter)).await;
    browser
        .wait_until(
            "the long filter explained",
            "return document.body.innerText.includes('xxxxxxxxxx');",
        )
        .await;
    assert_safe(&browser, "a long filter", None).await;
    browser.screenshot("hostile-long-filter").await;

    let errors = browser.console_errors().await;
    assert!(errors.is_empty(), "{errors:?}");
    browser.close().await;
}
