//! Entity links and publishing settings, in a real headless Chromium on a plain static server
//! (no rewrite rules, no fallback page): an entity of two articles or more has its own page
//! `entity/<id>/`, every other one is shown by the one shell page `entity/?id=<id>`; both open
//! directly, reload and can be shared, at a domain root and under a sub-path (`/kiosque/`); the
//! site's name from `kiosque.toml` is the header's and the titles', as text.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`); a bare `cargo test` skips them with a message.

use std::collections::HashMap;
use std::path::PathBuf;

use kiosque_e2e::{Browser, Site, ready, repo};

/// The demo article and two more that mention Koursk: Koursk has its own page, most entities of
/// the demo article are mentioned by it alone.
fn inputs() -> Vec<PathBuf> {
    vec![repo().join("demo"), repo().join("tests/e2e/fixtures")]
}

/// A site's entities: id → (name, articles that mention it).
fn entities(site: &Site) -> HashMap<String, (String, u32)> {
    site.read_all()
        .0
        .entities
        .into_iter()
        .map(|e| (e.id, (e.name, e.articles)))
        .collect()
}

/// The article that mentions Koursk and the most entities (the demo article).
fn demo_article(site: &Site) -> String {
    site.richest_article_mentioning("loc-kursk")
}

/// The page's title and the header's site name, as the reader sees them.
async fn title_and_brand(browser: &Browser) -> (String, String, usize) {
    let title = browser.eval_string("return document.title;").await;
    let brand = browser
        .eval_string("return document.querySelector('header a.brand')?.innerText ?? '';")
        .await;
    // Markup in the name is shown as text, never made into elements.
    let elements = browser.count("header a.brand *").await;
    (title, brand, elements)
}

/// Waits for the entity page of `name`.
async fn wait_for_entity_page(browser: &Browser, name: &str) {
    browser
        .wait_until(
            "the entity page",
            &format!(
                "return document.querySelector('h1#entity-title')?.innerText === {name:?} && !document.getElementById('prerender');"
            ),
        )
        .await;
}

/// Every entity link of the page now shown, checked against the data: an entity's own page
/// when two articles mention it, the shell page otherwise. Returns how many there are.
async fn check_entity_links(
    browser: &Browser,
    entities: &HashMap<String, (String, u32)>,
    base: &str,
) -> usize {
    let hrefs: Vec<String> = browser
        .client
        .execute(
            "return Array.from(document.querySelectorAll('main a[href*=\"/entity/\"]')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .expect("the page's links");
    let entity_root = format!("{base}entity/");
    for href in &hrefs {
        let rest = href
            .strip_prefix(&entity_root)
            .unwrap_or_else(|| panic!("{href} is not under {entity_root}"));
        let (id, own_page) = match rest.strip_prefix("?id=") {
            Some(id) => (id, false),
            None => (rest.strip_suffix('/').unwrap_or("?"), true),
        };
        let (_, articles) = entities
            .get(id)
            .unwrap_or_else(|| panic!("{href}: no entity {id}"));
        assert_eq!(
            own_page,
            *articles >= 2,
            "{href}: {id} is mentioned by {articles} articles"
        );
    }
    hrefs.len()
}

/// The core of both tests: on the site published at `base`, the article's links follow the
/// rule; a one-article entity opens by its shell link (clicked, reloaded, opened directly), a
/// two-article one by its own page; a missing or unknown id is not found.
async fn entity_links_open(site: &Site, browser: &Browser, base: &str, site_name: &str) {
    let entities = entities(site);
    let (kursk_name, kursk_articles) = entities["loc-kursk"].clone();
    assert!(
        kursk_articles >= 2,
        "Koursk is in {kursk_articles} articles"
    );
    let article = demo_article(site);

    browser
        .open(&site.url(&format!("{base}article/{article}/")))
        .await;
    browser
        .wait_until(
            "the article's mentions",
            "return document.querySelectorAll('.article-body a.mention').length > 0;",
        )
        .await;
    // The mentions in the text, the entities under it and the post's author.
    let links = check_entity_links(browser, &entities, base).await;
    assert!(links >= 20, "only {links} entity links");
    let kursk = browser
        .attr(
            ".article-body a.mention[href$='/entity/loc-kursk/']",
            "href",
        )
        .await;
    assert_eq!(kursk, Some(format!("{base}entity/loc-kursk/")));
    // A one-article entity mentioned in the text: a person or place, not a date.
    let mentioned: Vec<String> = browser
        .client
        .execute(
            // A mention names its entity in its address: `entity/<id>/` or `entity/?id=<id>`.
            "return Array.from(document.querySelectorAll('.article-body a.mention')).map(a => { const u = new URL(a.href); return u.searchParams.get('id') ?? u.pathname.split('/').filter(Boolean).pop(); });",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .expect("the mentions");
    let single = mentioned
        .into_iter()
        .find(|id| !id.starts_with("date-") && entities.get(id).is_some_and(|(_, n)| *n == 1))
        .expect("the demo article mentions an entity no other article does");
    let single_name = entities[&single].0.clone();

    // Followed from the article, then reloaded (what a reader sharing it gets): the same page.
    browser
        .click(&format!(".article-body a.mention[href$='?id={single}']"))
        .await;
    wait_for_entity_page(browser, &single_name).await;
    assert!(
        browser
            .url()
            .await
            .ends_with(&format!("{base}entity/?id={single}")),
        "{}",
        browser.url().await
    );
    browser.client.refresh().await.expect("reload");
    browser.wait_for_app().await;
    wait_for_entity_page(browser, &single_name).await;
    browser
        .screenshot(&format!("entity-shell{}", base.replace('/', "-")))
        .await;
    let (title, brand, elements) = title_and_brand(browser).await;
    assert_eq!(
        title,
        format!("\u{2068}{single_name}\u{2069} · {site_name}")
    );
    assert_eq!((brand.as_str(), elements), (site_name, 0));
    // Its articles are listed, and its own links stay under the base.
    assert!(browser.count("section.entity-articles article.card").await >= 1);
    assert_eq!(
        browser.attr("p.back a", "href").await.as_deref(),
        Some(base)
    );

    // Opened directly in a fresh page load by its shell link, and by the shell's file name.
    for shell in ["", "index.html"] {
        browser
            .open(&site.url(&format!("{base}entity/{shell}?id={single}")))
            .await;
        wait_for_entity_page(browser, &single_name).await;
    }

    // An entity of two articles: its own page, opened directly and reloaded.
    browser
        .open(&site.url(&format!("{base}entity/loc-kursk/")))
        .await;
    wait_for_entity_page(browser, &kursk_name).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_for_app().await;
    wait_for_entity_page(browser, &kursk_name).await;
    let (title, brand, _) = title_and_brand(browser).await;
    assert_eq!(title, format!("\u{2068}{kursk_name}\u{2069} · {site_name}"));
    assert_eq!(brand, site_name);

    // The shell page without an id, with an id that is no id, or one the site does not have.
    for (query, says) in [
        ("", "pas d’entité à cette adresse"),
        ("?id=Not%20An%20Id", "pas d’entité à cette adresse"),
        ("?id=loc-nowhere", "loc-nowhere"),
    ] {
        browser
            .open(&site.url(&format!("{base}entity/{query}")))
            .await;
        browser
            .wait_until(
                "the not-found view",
                &format!(
                    "return !!document.querySelector('.not-found') && document.body.innerText.includes({says:?});"
                ),
            )
            .await;
        assert_eq!(browser.count("h1#entity-title").await, 0, "{query}");
    }

    // The home page's title is the site's name alone.
    browser.open(&site.url(base)).await;
    browser
        .wait_until(
            "cards",
            "return document.querySelectorAll('article.card').length === 3;",
        )
        .await;
    let (title, brand, _) = title_and_brand(browser).await;
    assert_eq!((title.as_str(), brand.as_str()), (site_name, site_name));
    browser.assert_no_console_errors().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_the_domain_root_every_entity_link_opens_directly_on_a_plain_static_server() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&inputs());
    let browser = Browser::new().await;
    entity_links_open(&site, &browser, "/", "Kiosque").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_sub_path_entity_links_open_directly_and_the_site_has_its_kiosque_toml_name() {
    if !ready() {
        return;
    }
    // A name with markup in it: shown as written, never as HTML.
    let name = "Les Nouvelles <b>du soir</b> & Cie";
    let config = format!(
        "[site]\nname = {name:?}\nbase_url = \"https://news.example.org/kiosque/\"\nlanguage = \"fr\"\n"
    );
    let site = Site::published(&inputs(), "/kiosque/", Some(&config));
    // The pages say the name as kiosque pages writes it; the app reads it from there.
    let shell = std::fs::read_to_string(site.root().join("entity/index.html")).expect("the shell");
    assert!(
        shell.contains(
            "<meta name=\"application-name\" content=\"Les Nouvelles &lt;b&gt;du soir&lt;/b&gt; &amp; Cie\">"
        ),
        "{shell}"
    );
    let browser = Browser::new().await;
    entity_links_open(&site, &browser, "/kiosque/", name).await;
    browser.close().await;
}
