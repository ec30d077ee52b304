//! The reader on an archive-sized site: 10,000 articles generated from `../shared` (names
//! respelled per copy, as `kiosque-bench`'s corpus generator writes them), built and given its
//! pages by `scripts/test` before these run (`KIOSQUE_LARGE_SITE`). Counts, paging, search
//! results (prefix, typo, combined with an entity filter) and facet counts in the browser are
//! checked against what the model computes natively from the same files.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`); skipped with a message without the site.

use std::collections::HashMap;
use std::path::Path;

use kiosque_e2e::server::Fault;
use kiosque_e2e::{Browser, Site, cards_are, cards_are_first_of, entity_part, large_site, ready};
use kiosque_model::entity::Label;
use kiosque_model::parts::{CardLayout, VIEW_FROM};
use kiosque_model::search::{Meta, Query, Shard};
use kiosque_model::ui::{Language, Noun};
use serde_json::Value;

/// The search input.
const INPUT: &str = "form[role='search'] input[type='search']";

/// Cards the home page paints at first and adds with "show more".
const PAGE: usize = 30;

/// Cards on the first page of an entity's articles (the app's `NESTED_PAGE`).
const NESTED_PAGE: usize = 10;

/// The generated large site, served, and its data, when the browser tests run and the site is
/// there (each says why it skips otherwise).
fn large_data() -> Option<(Site, Data)> {
    if !ready() {
        return None;
    }
    let root = large_site()?;
    let data = Data::read(&root);
    Some((Site::existing(root), data))
}

/// The built site's data, read natively.
struct Data {
    root: std::path::PathBuf,
    index: Value,
}

impl Data {
    /// The site's interface language, as `kiosque pages` wrote it in `<html lang>`.
    fn language(&self) -> Language {
        let page = std::fs::read_to_string(self.root.join("index.html")).expect("index.html");
        let code = page
            .split_once("<html lang=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(code, _)| code.to_owned())
            .expect("<html lang> in index.html");
        Language::from_code(&code).expect("an interface language")
    }

    fn read(root: &Path) -> Data {
        let data = root.join("data");
        let (index, _) =
            kiosque_model::parts::read_all(|file: &str| std::fs::read_to_string(data.join(file)))
                .expect("the site's data reads");
        Data {
            root: root.to_owned(),
            index: serde_json::to_value(index).expect("an index serialises"),
        }
    }

    /// How the sidebar ranks an entity counted `count` times: entities the extraction is sure
    /// of first (`Entity::is_sure`: not `low`), then by the count shown.
    fn rank(&self, id: &str, count: usize) -> (bool, usize) {
        let confidence = self.index["entities"]
            .as_array()
            .and_then(|all| all.iter().find(|e| e["id"] == id))
            .and_then(|e| e["confidence"].as_str());
        (confidence != Some("low"), count)
    }

    fn articles(&self) -> &[Value] {
        self.index["articles"].as_array().expect("articles")
    }

    fn id(&self, number: u32) -> String {
        self.articles()[number as usize]["id"]
            .as_str()
            .expect("an id")
            .to_owned()
    }

    /// Every article's id, in the site's order (an article's number is its position).
    fn ids(&self) -> Vec<String> {
        (0..self.articles().len() as u32)
            .map(|n| self.id(n))
            .collect()
    }

    /// How many articles mention each entity, by id: one pass over the articles (asking
    /// [`Data::mentioning`] of every entity reads them all once per entity).
    fn article_counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for article in self.articles() {
            for id in article["entities"].as_array().into_iter().flatten() {
                *counts
                    .entry(id.as_str().unwrap_or_default().to_owned())
                    .or_default() += 1;
            }
        }
        counts
    }

    /// The entity of `label` most articles mention among those of fewer than
    /// [`VIEW_FROM`] articles: its view's sidebar is not in its profile file, only the whole site
    /// gives it.
    fn most_mentioned_without_view(&self, label: &str) -> &Value {
        let counts = self.article_counts();
        let count = |e: &Value| counts.get(e["id"].as_str().unwrap_or_default()).copied();
        self.index["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["label"] == label && count(e) < Some(VIEW_FROM as usize))
            .max_by_key(|e| count(e))
            .unwrap_or_else(|| panic!("an entity of label {label} of few articles"))
    }

    /// The entity of `label` most articles mention.
    fn most_mentioned(&self, label: &str) -> &Value {
        let counts = self.article_counts();
        self.index["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["label"] == label)
            .max_by_key(|e| counts.get(e["id"].as_str().unwrap_or_default()))
            .unwrap_or_else(|| panic!("an entity of label {label}"))
    }

    /// The numbers of the articles that mention `entity`.
    fn mentioning(&self, entity: &str) -> Vec<u32> {
        (0u32..)
            .zip(self.articles())
            .filter(|(_, a)| {
                a["entities"]
                    .as_array()
                    .is_some_and(|ids| ids.iter().any(|id| id == entity))
            })
            .map(|(n, _)| n)
            .collect()
    }

    /// What the model finds for `text` (among `within`), by id, best first, and the shard files
    /// the query needs (paths under the site root).
    fn search(&self, text: &str, within: Option<&[u32]>) -> (Vec<String>, Vec<String>) {
        let data = self.root.join("data");
        let read = |relative: &str| {
            std::fs::read_to_string(data.join(relative))
                .unwrap_or_else(|e| panic!("{relative}: {e}"))
        };
        let meta_path = self.index["search"]
            .as_str()
            .expect("site.json names its search index");
        let meta = Meta::parse(&read(meta_path)).expect("the meta file reads");
        let query = Query::parse(text);
        let files = query.shard_files(&meta);
        let shards: Vec<Shard> = files
            .iter()
            .map(|f| Shard::parse(&read(f)).expect("a shard reads"))
            .collect();
        let shards: Vec<&Shard> = shards.iter().collect();
        let outcome = query.run(meta.articles(), &shards, within);
        (
            outcome.hits.iter().map(|h| self.id(h.article)).collect(),
            files.iter().map(|f| format!("/data/{f}")).collect(),
        )
    }

    /// A word of five letters or more in the most titles (not too common, so the search
    /// narrows the list down).
    fn common_title_word(&self) -> String {
        self.title_words().swap_remove(0)
    }

    /// The words of six letters or more in the titles of fewer than a quarter of the articles,
    /// the most common first.
    fn title_words(&self) -> Vec<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for a in self.articles() {
            let title = a["title"].as_str().unwrap_or_default().to_lowercase();
            let mut words: Vec<&str> = title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()))
                .collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                *counts.entry(w.to_owned()).or_default() += 1;
            }
        }
        let total = self.articles().len();
        let mut words: Vec<(String, usize)> =
            counts.into_iter().filter(|(_, n)| *n < total / 4).collect();
        words.sort_unstable_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
        assert!(!words.is_empty(), "a title word");
        words.into_iter().map(|(w, _)| w).collect()
    }

    /// The article numbered as each of `ids`.
    fn numbers(&self, ids: &[String]) -> Vec<usize> {
        let by_id: HashMap<&str, usize> = self
            .articles()
            .iter()
            .enumerate()
            .filter_map(|(n, a)| Some((a["id"].as_str()?, n)))
            .collect();
        ids.iter()
            .map(|id| *by_id.get(id.as_str()).expect("a result of the site"))
            .collect()
    }
}

/// Waits until the cards shown are the first page of `ids`.
async fn wait_for_first(browser: &Browser, what: &str, ids: &[String]) {
    browser
        .wait_for_cards(what, &ids[..ids.len().min(PAGE)])
        .await;
}

/// The list of cards, whose end a search shown from card pages grows from.
const LIST: &str = "#results ol.cards";

/// Waits for the first page of `ids` (at most [`PAGE`]) to be shown, the reader reading down
/// ([`read_down_to`]).
async fn read_down_to_first(browser: &Browser, what: &str, ids: &[String]) {
    read_down_to(browser, what, &ids[..ids.len().min(PAGE)]).await;
}

/// Waits for the cards shown to be `ids`, scrolling the end of the list into view meanwhile: a
/// search shown from card pages, before the whole site, grows a screenful at a time as the
/// reader nears the end of its list, its first page and each page "Show more" asks for.
async fn read_down_to(browser: &Browser, what: &str, ids: &[String]) {
    read_down_until(browser, what, &cards_are(ids)).await;
}

/// Waits for `shown` (a JavaScript condition on the cards) to hold, scrolling the end of the
/// list into view meanwhile, as a reader reading down does.
async fn read_down_until(browser: &Browser, what: &str, shown: &str) {
    browser
        .wait_until(
            what,
            &format!(
                "const shown = {shown}; \
                 if (!shown) document.querySelector(\"{LIST}\")?.scrollIntoView({{ block: 'end' }}); \
                 return shown;"
            ),
        )
        .await;
}

/// The site's most common title word searched on the home page opened from `site.json`, the
/// whole site held (its parts given, to be let go): the search runs from card pages. Gives the
/// browser, the word and its results (ids, best first).
async fn search_before_the_whole_site(
    site: &Site,
    data: &Data,
) -> (Browser, Vec<String>, String, Vec<String>) {
    let parts = site.hold_whole_site();
    let browser = Browser::new().await;
    open_home_from_site_json(&browser, site, data).await;
    let word = data.common_title_word();
    let (found, _) = data.search(&word, None);
    browser.type_into(INPUT, &word).await;
    (browser, parts, word, found)
}

/// Opens the home page and waits for its first cards, which `site.json` alone gives (the whole
/// site may be held).
async fn open_home_from_site_json(browser: &Browser, site: &Site, data: &Data) {
    browser.open(&site.url("/")).await;
    let first: Vec<String> = (0..PAGE as u32).map(|n| data.id(n)).collect();
    browser
        .wait_for_cards("the first cards from site.json alone", &first)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_archive_sized_site_pages_searches_and_counts_as_the_model_does() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let all = data.ids();
    assert!(all.len() >= 10_000, "{} articles", all.len());
    let browser = Browser::new().await;

    // The home page: the newest articles, a page at a time, and the count of them all.
    browser.open(&site.url("/")).await;
    wait_for_first(&browser, "the first page of cards", &all).await;
    browser
        .wait_until(
            "the count of every article",
            &format!(
                "return document.getElementById('results-count').textContent === {};",
                js(&data.language().count(all.len(), Noun::Article))
            ),
        )
        .await;
    browser.click("button.show-more").await;
    browser
        .wait_until(
            "a second page of cards",
            &format!(
                "return document.querySelectorAll('article.card').length === {};",
                2 * PAGE
            ),
        )
        .await;
    assert_eq!(browser.card_ids().await, all[..2 * PAGE]);

    // A search: the same articles in the same order as the model finds them, fetching only the
    // shards the query needs.
    let word = data.common_title_word();
    let (expected, shards) = data.search(&word, None);
    assert!(!expected.is_empty(), "{word:?} finds articles");
    browser.type_into(INPUT, &word).await;
    wait_for_first(&browser, &format!("the results for {word:?}"), &expected).await;
    browser
        .wait_until(
            "the count of results",
            &format!(
                "return document.getElementById('results-count').textContent.startsWith({});",
                js(&data.language().count(expected.len(), Noun::Article))
            ),
        )
        .await;
    let fetched = site.server().requested("/data/search/");
    let meta = format!("/data/{}", data.index["search"].as_str().expect("search"));
    let unexpected: Vec<&String> = fetched
        .iter()
        .filter(|p| **p != meta && !shards.contains(p))
        .collect();
    assert!(
        unexpected.is_empty(),
        "fetched shards the query does not need: {unexpected:?}"
    );
    browser.screenshot("large-search").await;

    // A typo in a word of five letters or more finds what the model finds for it.
    let chars: Vec<char> = word.chars().collect();
    let typo: String = chars[..2].iter().chain(&chars[3..]).collect();
    let (expected_typo, _) = data.search(&typo, None);
    assert!(
        !expected_typo.is_empty(),
        "{typo:?} (for {word:?}) finds articles"
    );
    browser.open(&site.url(&format!("/?q={typo}"))).await;
    wait_for_first(
        &browser,
        &format!("the results for the typo {typo:?}"),
        &expected_typo,
    )
    .await;

    // Combined with an entity filter (AND): the model's results among that entity's articles,
    // and the entity's facet counts the articles of the view.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let position: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    for id in &expected {
        for entity in data.articles()[position[id.as_str()]]["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            *counts.entry(entity).or_default() += 1;
        }
    }
    let (entity, in_view) = counts
        .into_iter()
        .filter(|(_, n)| *n < expected.len())
        .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
        .expect("an entity some of the results mention");
    let within = data.mentioning(entity);
    let (expected_both, _) = data.search(&word, Some(&within));
    assert_eq!(expected_both.len(), in_view);
    browser
        .open(&site.url(&format!("/?q={word}&entity={entity}")))
        .await;
    wait_for_first(
        &browser,
        "the search among an entity's articles",
        &expected_both,
    )
    .await;
    browser
        .wait_until(
            "the entity's facet counting the view",
            &format!(
                "return document.querySelector(\"nav.sidebar button.facet[data-entity='{entity}'] .count\")?.textContent === {};",
                js(&data.language().number(in_view))
            ),
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// `text` as a JavaScript string literal (counts hold no-break spaces in French).
fn js(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// The facets of a group as shown: (entity id, count), in order.
const FACETS: &str = "return Array.from(document.querySelectorAll(\
    `nav.sidebar section[aria-labelledby='facets-${arguments[0]}'] button.facet`))\
    .map(b => [b.dataset.entity, Number(b.querySelector('.count').textContent.replace(/\\s/g, ''))]);";

async fn facets(browser: &Browser, group: &str) -> Vec<(String, usize)> {
    let value = browser
        .client
        .execute(FACETS, vec![Value::from(group)])
        .await
        .expect("the facets read");
    serde_json::from_value(value).expect("pairs of id and count")
}

/// How many of `articles` (numbers) mention each entity.
fn counts_over(data: &Data, articles: &[u32]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for &n in articles {
        let mut ids: Vec<&str> = data.articles()[n as usize]["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            *counts.entry(id.to_owned()).or_default() += 1;
        }
    }
    counts
}

/// Asserts that every facet of `group` shown counts what `expected` says, most first.
async fn assert_facets(
    browser: &Browser,
    data: &Data,
    group: &str,
    rows: usize,
    expected: &HashMap<String, usize>,
) {
    let shown = facets(browser, group).await;
    assert_eq!(shown.len(), rows, "{group}: {shown:?}");
    for (id, count) in &shown {
        assert_eq!(Some(count), expected.get(id), "{group}: the count of {id}");
    }
    assert!(
        shown
            .windows(2)
            .all(|w| data.rank(&w[0].0, w[0].1) >= data.rank(&w[1].0, w[1].1)),
        "{group}: sure entities first, then by the count shown: {shown:?}"
    );
}

/// The link of article `id`'s card.
fn card_link(id: &str) -> String {
    format!("article.card[data-article-id='{id}'] .card-title a")
}

/// Opens article `id` from its card, scrolled into view first (a reader's click), and waits for
/// its page.
async fn open_from_card(browser: &Browser, id: &str) {
    let link = card_link(id);
    browser
        .eval_bool(&format!(
            "document.querySelector(\"{link}\").scrollIntoView(); return true;"
        ))
        .await;
    browser.click(&link).await;
    browser
        .wait_until(
            "the article opened from its card",
            &format!(
                "return location.pathname.endsWith('/article/{id}/') && !!document.querySelector('#main .article-body');"
            ),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_scale_coming_back_from_an_article_shows_the_cards_the_reader_had_opened() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let all = data.ids();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    wait_for_first(&browser, "the first page of cards", &all).await;
    let cards =
        |n: usize| format!("return document.querySelectorAll('article.card').length === {n};");
    for shown in [2 * PAGE, 3 * PAGE] {
        browser.click("#results button.show-more").await;
        browser
            .wait_until("one more page of cards", &cards(shown))
            .await;
    }
    // The 81st card, far below the first page: opened, then back with the browser (which puts
    // the page back where it was once the cards are there).
    let opened = &all[80];
    let link = card_link(opened);
    open_from_card(&browser, opened).await;
    browser.back().await;
    browser
        .wait_until("the three pages of cards again, back", &cards(3 * PAGE))
        .await;
    assert_eq!(browser.card_ids().await, all[..3 * PAGE]);
    // The same by the page's way back.
    open_from_card(&browser, opened).await;
    browser.click("#main p.back a").await;
    // At this width only: the layout check lays the page out at every width, and the
    // browser's scroll anchoring then leaves the page where the narrow layouts put it (Chromium
    // 156), which is no place a reader coming back is shown.
    browser
        .wait_at_this_width(
            "the three pages of cards again, by the way back",
            &cards(3 * PAGE),
        )
        .await;
    browser
        .wait_until(
            "the opened article's card in view, its link focused",
            &format!(
                "const link = document.querySelector(\"{link}\"); const r = link.getBoundingClientRect(); \
                 return document.activeElement === link && r.top >= 0 && r.bottom <= innerHeight;"
            ),
        )
        .await;
    // The header's link home after another card opened: a list reached by a link, not come
    // back to (the browser's back of earlier is forgotten), so no card takes the focus.
    let other = &all[81];
    open_from_card(&browser, other).await;
    browser.click("header a.brand").await;
    browser
        .wait_until("the home page by its link", &cards(3 * PAGE))
        .await;
    // Long enough for a card to be focused if it were: it is looked for from the next frame.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(
        !browser
            .eval_bool("return !!document.activeElement?.closest('article.card');")
            .await,
        "a card took the focus after a link home"
    );
    // Another view starts at one page, and coming back to it keeps one.
    let word = data.common_title_word();
    browser.type_into(INPUT, &word).await;
    browser
        .wait_until(
            "one page of results",
            &format!("return location.search.includes('q=') && document.querySelectorAll('article.card').length <= {PAGE};"),
        )
        .await;
}

/// A filtered view and an entity's page keep what the reader opened too: coming back from an
/// article (the browser's back, or the page's way back) shows the cards they had opened, the
/// article's card focused; an article opened from an entity's page goes back to that page and
/// walks its list.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_filtered_view_and_an_entity_page_keep_the_cards_opened_and_lead_back() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let words = data.language().messages();
    // The entity most articles mention (not a date).
    let entity = data.index["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["label"] != "DATE")
        .max_by_key(|e| e["articles"].as_u64())
        .and_then(|e| e["id"].as_str())
        .expect("an entity")
        .to_owned();
    assert!(data.mentioning(&entity).len() > 2 * PAGE, "{entity}");
    let browser = Browser::new().await;
    let browser = &browser;
    let cards =
        |n: usize| format!("return document.querySelectorAll('article.card').length === {n};");
    let open_card = |n: usize| async move {
        let ids = browser.card_ids().await;
        let opened = ids[n].clone();
        open_from_card(browser, &opened).await;
        let link = card_link(&opened);
        (ids, opened, link)
    };
    let focused = |link: &str| {
        format!(
            "const link = document.querySelector(\"{link}\"); const r = link && link.getBoundingClientRect(); \
             return !!link && document.activeElement === link && r.top >= 0 && r.bottom <= innerHeight;"
        )
    };

    // The home page filtered by the entity: two pages of cards, the 41st opened.
    browser.open(&site.url(&format!("/?entity={entity}"))).await;
    browser.wait_until("one page of cards", &cards(PAGE)).await;
    browser.click("#results button.show-more").await;
    browser
        .wait_until("two pages of cards", &cards(2 * PAGE))
        .await;
    let (before, _, link) = open_card(40).await;
    browser.back().await;
    browser
        .wait_until("the two pages of cards again, back", &cards(2 * PAGE))
        .await;
    assert_eq!(browser.card_ids().await, before);
    browser
        .wait_until("the opened article's card focused, back", &focused(&link))
        .await;
    // By the way back: "Back to the list".
    browser.click(&link).await;
    browser
        .wait_until(
            "the way back to the list",
            &format!(
                "const a = document.querySelector('#main p.back a'); return !!a && a.textContent === {:?};",
                words.back_to_list
            ),
        )
        .await;
    browser.click("#main p.back a").await;
    browser
        .wait_at_this_width("the two pages of cards, by the way back", &cards(2 * PAGE))
        .await;
    browser
        .wait_until(
            "the opened article's card focused, by the way back",
            &focused(&link),
        )
        .await;

    // The entity's page: three pages of its cards, the 21st opened.
    browser.open(&site.url(&format!("/entity/{entity}/"))).await;
    browser
        .wait_until("the entity's first cards", &cards(NESTED_PAGE))
        .await;
    for shown in [20, 30] {
        browser
            .click("#main .entity-articles button.show-more")
            .await;
        browser
            .wait_until("one more page of its cards", &cards(shown))
            .await;
    }
    let name = browser
        .eval_string("return document.querySelector('#entity-title').textContent;")
        .await;
    let (before, opened, link) = open_card(20).await;
    // Its way back names the entity; its previous article is the card before it.
    let back = format!("{} {name}", words.back_to_articles_mentioning);
    browser
        .wait_until(
            "the way back to the entity's page, and the previous article of its list",
            &format!(
                "const a = document.querySelector('#main p.back a'); \
                 const prev = document.querySelector('nav.list-neighbours a[rel=prev]'); \
                 return !!a && a.textContent === {back:?} && a.getAttribute('href').endsWith('/entity/{entity}/') \
                 && !!prev && prev.getAttribute('href').endsWith('/article/{}/');",
                before[19]
            ),
        )
        .await;
    browser.click("#main p.back a").await;
    browser
        .wait_at_this_width("the three pages of its cards, by the way back", &cards(30))
        .await;
    assert_eq!(browser.card_ids().await, before);
    browser
        .wait_until(
            "the opened article's card focused on the entity's page",
            &focused(&link),
        )
        .await;
    // And by the browser's back.
    browser.click(&link).await;
    browser
        .wait_until(
            "the article again",
            &format!("return location.pathname.endsWith('/article/{opened}/');"),
        )
        .await;
    browser.back().await;
    browser
        .wait_until("the three pages of its cards, back", &cards(30))
        .await;
    browser
        .wait_until("its card focused, back", &focused(&link))
        .await;
    browser.assert_no_console_errors().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_scale_long_facet_groups_show_more_and_card_pages_keep_the_counts_of_the_view() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let everything: Vec<u32> = (0..data.articles().len() as u32).collect();
    let whole = counts_over(&data, &everything);
    let people = whole.keys().filter(|id| id.starts_with("per-")).count();
    assert!(
        people > 70,
        "{people} people: a group longer than two pages"
    );
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "the people's group",
            "return document.querySelectorAll(\"section[aria-labelledby='facets-per'] button.facet\").length > 0;",
        )
        .await;
    // Ten people at first, the most mentioned, each counting every article; the heading counts
    // them all.
    let heading = browser
        .eval_string("return document.getElementById('facets-per').textContent;")
        .await;
    let language = data.language();
    assert_eq!(
        heading,
        language.with_count(language.label_plural(Label::Person), people)
    );
    assert_facets(&browser, &data, "per", 10, &whole).await;

    // "Show 50 more", twice, then "Show fewer".
    browser
        .click("nav.sidebar button.show-more-facets[data-group='per']")
        .await;
    browser
        .wait_until(
            "sixty people",
            "return document.querySelectorAll(\"section[aria-labelledby='facets-per'] button.facet\").length === 60;",
        )
        .await;
    assert_facets(&browser, &data, "per", 60, &whole).await;
    let more = browser
        .eval_string("return document.querySelector(\"nav.sidebar button.show-more-facets[data-group='per']\").textContent;")
        .await;
    assert_eq!(more, language.show_more((people - 60).min(50)));
    browser
        .click("nav.sidebar button.show-more-facets[data-group='per']")
        .await;
    browser
        .wait_until(
            "more people",
            &format!(
                "return document.querySelectorAll(\"section[aria-labelledby='facets-per'] button.facet\").length === {};",
                people.min(110)
            ),
        )
        .await;

    // A person of the second page selected: their articles, a page of cards at a time; the
    // sidebar counts the whole view, before and after another page of cards.
    let (person, _) = facets(&browser, "per").await[12].clone();
    let theirs = data.mentioning(&person);
    assert!(
        theirs.len() > PAGE,
        "{person}: more than a page of articles"
    );
    let in_view = counts_over(&data, &theirs);
    let ids: Vec<String> = theirs.iter().map(|&n| data.id(n)).collect();
    browser
        .click(&format!("nav.sidebar button.facet[data-entity='{person}']"))
        .await;
    wait_for_first(&browser, "the person's first page of cards", &ids).await;
    browser
        .wait_until(
            "the count of the person's articles",
            &format!(
                "return document.getElementById('results-count').textContent === {};",
                js(&data.language().count(ids.len(), Noun::Article))
            ),
        )
        .await;
    let rows = facets(&browser, "per").await.len();
    let selected = facets(&browser, "per").await[0].clone();
    assert_eq!(
        selected,
        (person.clone(), ids.len()),
        "the selected person first"
    );
    assert_facets(&browser, &data, "per", rows, &in_view).await;
    assert_facets(&browser, &data, "loc", 10, &in_view).await;
    browser.click("button.show-more").await;
    browser
        .wait_until(
            "a second page of the person's cards",
            &format!(
                "return document.querySelectorAll('article.card').length === {};",
                ids.len().min(2 * PAGE)
            ),
        )
        .await;
    assert_eq!(browser.card_ids().await, ids[..ids.len().min(2 * PAGE)]);
    assert_facets(&browser, &data, "per", rows, &in_view).await;
    assert_facets(&browser, &data, "loc", 10, &in_view).await;

    // "Show fewer": ten people again, the selected one first.
    browser
        .click("nav.sidebar section[aria-labelledby='facets-per'] button.show-more-facets:last-of-type")
        .await;
    browser
        .wait_until(
            "ten people again",
            "return document.querySelectorAll(\"section[aria-labelledby='facets-per'] button.facet\").length === 10;",
        )
        .await;
    assert_eq!(facets(&browser, "per").await[0].0, person);
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Presses the download's button of the list in `list`, which asks for the whole site (held:
/// `parts`), lets the whole site come once its entity table is asked for, and waits for the
/// download's links.
async fn download_over_the_whole_site(
    browser: &Browser,
    site: &Site,
    parts: &[String],
    list: &str,
) {
    browser
        .click(&format!("{list} button.export-prepare"))
        .await;
    site.server().wait_for_hits(entity_part(parts), 1);
    site.server().clear_each(parts);
    browser
        .wait_until(
            "the download's links, over the whole site",
            &format!("return !!document.querySelector('{list} a.export-link');"),
        )
        .await;
}

/// What the home page shows that must not change when the whole site replaces the first
/// screen: the count and the sidebar (names, counts, "Show N more", the languages, sources and
/// years, the timeline's bars).
const SHOWN: &str = "const bars = [...document.querySelectorAll('#home-timeline-bars button')] \
      .map(b => b.getAttribute('aria-label')).join('|'); \
    return document.getElementById('results-count')?.innerText + '\\n' \
      + document.querySelector('nav.sidebar')?.innerText + '\\n' + bars;";

/// The years of the site's articles, newest first, with their articles: what the sidebar's year
/// group lists of every article.
fn years(data: &Data) -> Vec<(String, usize)> {
    let mut years: HashMap<String, usize> = HashMap::new();
    for article in data.articles() {
        if let Some(year) = article["published"].as_str().and_then(|d| d.get(..4)) {
            *years.entry(year.to_owned()).or_default() += 1;
        }
    }
    let mut years: Vec<(String, usize)> = years.into_iter().collect();
    years.sort_by(|a, b| b.0.cmp(&a.0));
    years
}

#[tokio::test(flavor = "multi_thread")]
async fn at_scale_the_first_screen_shows_from_site_json_and_the_whole_site_changes_nothing_on_it() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let total = data.articles().len();
    let parts = site.hold_whole_site();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    let first: Vec<String> = (0..2 * PAGE as u32).map(|n| data.id(n)).collect();
    browser
        .wait_for_cards("the first cards from site.json alone", &first[..PAGE])
        .await;
    browser
        .wait_until(
            "the site's count and the sidebar",
            &format!(
                "return document.getElementById('results-count')?.innerText === {}
                   && document.querySelectorAll('nav.sidebar button.show-more-facets').length > 0;",
                js(&data.language().count(total, Noun::Article))
            ),
        )
        .await;
    // The foot of the sidebar too, from site.json: the years of every article, newest first,
    // with their counts, and the timeline.
    let language = data.language();
    let years: Vec<String> = (years(&data).into_iter().take(8))
        .map(|(year, n)| format!("{year}:{}", language.number(n)))
        .collect();
    browser
        .wait_until(
            "the years of every article and the timeline, from site.json",
            &format!(
                "return Array.from(document.querySelectorAll(\"nav.sidebar button[data-field='year']\"))
                   .slice(0, 8).map(b => b.dataset.value + ':' + b.querySelector('.count').innerText)
                   .join(',') === {}
                   && document.querySelectorAll('#home-timeline-bars button').length > 0;",
                js(&years.join(","))
            ),
        )
        .await;
    // A reader who only looks asks for nothing more.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let asked: Vec<&String> = (parts.iter())
        .filter(|p| site.server().hits(p) > 0)
        .collect();
    assert!(asked.is_empty(), "the first screen asked for {asked:?}");
    let before = browser.eval_string(SHOWN).await;
    browser.screenshot("scale-first-screen").await;
    // The cards must stay the same elements.
    browser
        .eval_string(
            "document.querySelectorAll('article.card').forEach(c => c.kiosqueFirst = true);
             return '';",
        )
        .await;
    // "Show more": the next cards come from the card pages of the newest articles (held a
    // moment: the page says they are loading), not from the whole site, the focus on the first
    // of them.
    let card_pages: Vec<String> = site.card_page_paths();
    site.server().set_each(&card_pages, &Fault::Hold);
    browser.click("button.show-more").await;
    browser
        .wait_until(
            "the cards said to be loading",
            &format!(
                "return document.querySelector('p.cards-loading')?.innerText === {};",
                js(language.messages().loading_articles)
            ),
        )
        .await;
    site.server().clear_each(&card_pages);
    browser.wait_for_cards("the next cards", &first).await;
    browser
        .wait_for_focused_card("the focus on the first new card", &first[PAGE])
        .await;
    let newest = card_pages.len() - 1;
    assert!(
        site.server().hits(&card_pages[newest]) > 0,
        "the newest card page not asked for"
    );
    assert!(
        site.server().hits(&card_pages[0]) == 0,
        "the oldest card page asked for"
    );
    let asked: Vec<&String> = (parts.iter())
        .filter(|p| site.server().hits(p) > 0)
        .collect();
    assert!(asked.is_empty(), "\"Show more\" asked for {asked:?}");
    assert_eq!(browser.eval_string(SHOWN).await, before, "the view changed");
    let first_kept = format!(
        "return Array.from(document.querySelectorAll('article.card')).slice(0, {PAGE})
           .every(c => c.kiosqueFirst);"
    );
    assert!(
        browser.eval_bool(&first_kept).await,
        "the first cards were drawn again"
    );
    // The download of every article asks for the whole site, the entity table first (the
    // summary pages are read against it; a browser sends six requests to a host at a time: the
    // others wait for those held): once it is there, nothing shown changes.
    download_over_the_whole_site(&browser, &site, &parts, "#results").await;
    browser.wait_for_cards("the same cards", &first).await;
    assert_eq!(browser.eval_string(SHOWN).await, before, "the view changed");
    assert!(
        browser.eval_bool(&first_kept).await,
        "the first cards were drawn again"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A reader who opens an article from the first screen of every article walks the first cards
/// with its previous and next, whether the card's link was a page load (the pre-rendered home
/// page) or the app's, and nothing of the whole site is asked for, on the home page or the
/// article's; nor after "Show more", from the first new card back to the last first one. The
/// same from the first cards of an entity's pre-rendered page, whose way back it offers.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_an_article_opened_from_a_list_s_first_screen_has_its_neighbours_without_the_whole_site()
 {
    let Some((site, data)) = large_data() else {
        return;
    };
    let parts = site.hold_whole_site();
    let browser = Browser::new().await;
    let first: Vec<String> = (0..PAGE as u32).map(|n| data.id(n)).collect();
    // On the pre-rendered home page, before its app has started: a card's link loads the
    // article's page, whose app starts at once and follows the list the article was opened
    // from.
    let walk_pre_rendered = |path: String, ids: Vec<String>| {
        let (browser, url) = (&browser, site.url(&path));
        async move {
            browser.open_pre_rendered(&url).await;
            browser
                .wait_for_cards(&format!("the pre-rendered first cards of {path}"), &ids)
                .await;
            assert!(
                browser.waits_for_use().await,
                "{path}: the app started before any use"
            );
            browser.walk_list_from_second_card(&ids).await;
        }
    };
    walk_pre_rendered("/".to_owned(), first.clone()).await;
    // From an entity's pre-rendered page: its first cards, its newest articles.
    let place = data.most_mentioned("LOC");
    let name = place["name"].as_str().expect("a name").to_owned();
    let place = place["id"].as_str().expect("an id").to_owned();
    let its_first: Vec<String> = (data.mentioning(&place).into_iter())
        .take(NESTED_PAGE)
        .map(|n| data.id(n))
        .collect();
    walk_pre_rendered(format!("/entity/{place}/"), its_first).await;
    let back = format!(
        "{} {name}",
        data.language().messages().back_to_articles_mentioning
    );
    browser
        .wait_until(
            "the way back to the entity's page, named after it",
            &format!(
                "const a = document.querySelector('#main p.back a'); \
                 return !!a && a.textContent === {back:?} && a.getAttribute('href').endsWith('/entity/{place}/');"
            ),
        )
        .await;
    browser
        .eval_bool("document.querySelector('nav.list-neighbours').scrollIntoView({block: 'center'}); return true;")
        .await;
    browser
        .screenshot("at-scale-article-from-an-entity-page")
        .await;
    // The same in the app.
    browser.open(&site.url("/")).await;
    browser
        .wait_for_cards("the first cards from site.json", &first)
        .await;
    browser.walk_list_from_second_card(&first).await;
    browser.open(&site.url("/")).await;
    browser
        .wait_for_cards("the first cards from site.json", &first)
        .await;
    browser.click("button.show-more").await;
    let two_pages: Vec<String> = (0..2 * PAGE as u32).map(|n| data.id(n)).collect();
    browser
        .wait_for_cards("the next cards from card pages", &two_pages)
        .await;
    browser
        .walk_list_from_second_card(&two_pages[PAGE - 1..])
        .await;
    let asked: Vec<&String> = (parts.iter())
        .filter(|p| site.server().hits(p) > 0)
        .collect();
    assert!(asked.is_empty(), "the whole site asked for: {asked:?}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Cards a changed list draws in the frame of the change (the home page's `FIRST_FRAME_CARDS`).
const FIRST_FRAME_CARDS: usize = 8;

#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_facet_click_draws_a_screenful_of_cards_at_once_and_the_rest_of_the_page_next() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "the first page of cards and the people's group",
            &format!(
                "return document.querySelectorAll('article.card').length === {PAGE} \
                 && document.querySelector(\"section[aria-labelledby='facets-per'] button.facet\") !== null;"
            ),
        )
        .await;
    // The whole site first (the download of every article asks for it): the click is then
    // answered from it, not from the entity's posting file and card pages.
    browser.click("button.export-prepare").await;
    browser
        .wait_until(
            "the whole site",
            "return !!document.querySelector(\"#results .export a[download$='.csv']\");",
        )
        .await;
    let entity = browser
        .eval_string(
            "return document.querySelector(\"section[aria-labelledby='facets-per'] button.facet\").dataset.entity;",
        )
        .await;
    let expected: Vec<String> = data
        .mentioning(&entity)
        .into_iter()
        .map(|n| data.id(n))
        .collect();
    assert!(
        expected.len() > PAGE,
        "{entity} is in more than a page of articles"
    );
    // Notes the number of cards, the "Show more" button's text and the count line (a live
    // region: what a screen reader announces) at each frame once the list starts with the
    // entity's first article.
    browser
        .client
        .execute(
            "const first = arguments[0]; window.kiosqueFrames = []; \
             const tick = () => { \
               const cards = document.querySelectorAll('article.card'); \
               const more = document.querySelector('#results button.show-more'); \
               if (cards.length && cards[0].dataset.articleId === first) \
                 window.kiosqueFrames.push([cards.length, more ? more.textContent : '', \
                   document.getElementById('results-count').textContent]); \
               if (window.kiosqueFrames.length < 3) requestAnimationFrame(tick); \
             }; \
             requestAnimationFrame(tick);",
            vec![Value::String(expected[0].clone())],
        )
        .await
        .expect("watching the frames");
    browser
        .click(&format!("nav.sidebar button.facet[data-entity='{entity}']"))
        .await;
    wait_for_first(&browser, "the entity's first page of cards", &expected).await;
    browser
        .wait_until(
            "three frames noted",
            "return window.kiosqueFrames.length >= 3;",
        )
        .await;
    let frames = browser
        .client
        .execute("return window.kiosqueFrames;", vec![])
        .await
        .expect("reading the frames");
    let frames: Vec<(usize, String, String)> =
        serde_json::from_value(frames).expect("card counts, buttons and count lines");
    let count = data.language().results(expected.len(), None);
    assert_eq!(
        frames[0],
        (FIRST_FRAME_CARDS, String::new(), count.clone()),
        "the frame of the click draws a screenful of cards, not the whole page, and no \
         'Show more' counted from them; the count line says how many articles the view has, \
         not how many cards that frame draws: {frames:?}"
    );
    let left = expected.len() - PAGE;
    let more = data.language().show_more_cards(left.min(PAGE), left);
    assert_eq!(
        frames.last(),
        Some(&(PAGE, more.clone(), count)),
        "then the whole page, and 'Show more' for the rest: {frames:?}"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// The sidebar's note while the counts of a search shown from its card pages load.
const COUNTS_PENDING: &str = "nav.sidebar[aria-busy='true'] .facets-pending";

#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_search_shows_its_first_results_before_the_whole_site_and_counts_them_after() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let layout = site.card_layout();
    // The whole site is held back: the search must not wait for it.
    let (browser, parts, word, expected) = search_before_the_whole_site(&site, &data).await;
    assert!(expected.len() > PAGE, "{word}: {} results", expected.len());
    read_down_to_first(
        &browser,
        "the first results, the whole site held, the reader reading down",
        &expected,
    )
    .await;
    browser
        .wait_until(
            "the count of all the results, and the sidebar saying its counts are not the search's",
            &format!(
                "return document.getElementById('results-count')?.innerText.startsWith({})
                   && !!document.querySelector(\"{COUNTS_PENDING}\");",
                js(&data.language().count(expected.len(), Noun::Article))
            ),
        )
        .await;
    // The card pages of the first results (every part of the whole site is held: none answered).
    let number = |id: &String| {
        (0u32..)
            .zip(data.articles())
            .find(|(_, a)| a["id"].as_str() == Some(id.as_str()))
            .map(|(n, _)| n as usize)
            .expect("a result of the site")
    };
    let mut pages: Vec<usize> = expected[..PAGE]
        .iter()
        .map(|id| layout.place(number(id)).expect("a result's card page").0)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    // Each keystroke's search may have fetched its own (the word was typed a key at a time).
    let cards: Vec<String> = site.card_page_paths();
    let fetched = site.server().requested("/data/cards/");
    for page in &pages {
        assert!(
            fetched.contains(&cards[*page]),
            "{} not fetched",
            cards[*page]
        );
    }
    assert!(fetched.len() <= 4 * PAGE, "{} card pages", fetched.len());
    browser.screenshot("scale-search-before-whole").await;
    // "Show more" shows its next results from their card pages too, the focus on the first.
    let before_more = site.server().requested("/data/cards/");
    browser.click("#results button.show-more").await;
    let two_pages = &expected[..expected.len().min(2 * PAGE)];
    browser
        .wait_for_focused_card("the focus on the first new card", &expected[PAGE])
        .await;
    // Its next screenful only, until the reader reads down: the card pages of the results after
    // it are not asked for.
    if expected.len() > PAGE + SEARCH_SCREEN {
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert_eq!(
            browser.card_ids().await,
            expected[..PAGE + SEARCH_SCREEN],
            "the first page and the next screenful shown"
        );
        let page_of = |id: &String| layout.place(number(id)).expect("a result's card page").0;
        let needed: Vec<usize> = expected[..PAGE + SEARCH_SCREEN]
            .iter()
            .map(page_of)
            .collect();
        let fetched = site.server().requested("/data/cards/");
        for id in &expected[PAGE + SEARCH_SCREEN..two_pages.len()] {
            let page = page_of(id);
            assert!(
                needed.contains(&page)
                    || before_more.contains(&cards[page])
                    || !fetched.contains(&cards[page]),
                "{} (the card page of a result below the next screenful) fetched",
                cards[page]
            );
        }
    }
    read_down_to(
        &browser,
        "the next results, the whole site held, the reader reading down",
        two_pages,
    )
    .await;
    // An article opened from them has its previous among them; back, the same results.
    open_from_card(&browser, &expected[PAGE]).await;
    browser
        .wait_until(
            "the previous result of the list shown from card pages",
            &format!(
                "return !!document.querySelector(\"nav.list-neighbours a[rel=prev][href$='/article/{}/']\");",
                expected[PAGE - 1]
            ),
        )
        .await;
    browser.back().await;
    browser
        .wait_for_cards("the two pages of results again, back", two_pages)
        .await;
    // The whole site arrives: the same results, as many, and the counts of the search.
    site.server().clear_each(&parts);
    browser
        .wait_until(
            "the sidebar's counts of the search",
            &format!("return !document.querySelector(\"{COUNTS_PENDING}\") && !document.querySelector(\"nav.sidebar[aria-busy='true']\");"),
        )
        .await;
    browser
        .wait_for_cards("the same results over the whole site", two_pages)
        .await;
    browser
        .wait_until(
            "\"Show more\" with the whole site",
            "return !!document.querySelector('button.show-more');",
        )
        .await;
    let numbers: Vec<u32> = expected.iter().map(|id| number(id) as u32).collect();
    let counts = counts_over(&data, &numbers);
    let rows = facets(&browser, "per").await.len();
    assert!(rows > 0, "people counted over the search");
    assert_facets(&browser, &data, "per", rows, &counts).await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A shared link to a view filtered by entities (`/?entity=…`, with or without a search) shows
/// its first articles and their count before the whole site is loaded: from its entities'
/// posting files and the card pages of its first results, the whole site held back. The
/// filter's name is shown, the sidebar says its counts are not the view's yet (but for one
/// entity of many articles, whose profile file has them), and once the whole site is there the
/// same articles stay, counted. The whole site is asked for only once the first articles are
/// shown: its first parts would compete with their files.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_shared_link_to_a_filtered_view_shows_its_first_articles_before_the_whole_site()
{
    let Some((site, data)) = large_data() else {
        return;
    };
    // The person most articles mention (more than a page of them), and a title word some of
    // them share with a second person.
    let entities = data.index["entities"].as_array().expect("entities");
    let person = data.most_mentioned("PER");
    let (id, name) = (
        person["id"].as_str().expect("an id"),
        person["name"].as_str().expect("a name"),
    );
    let theirs = data.mentioning(id);
    assert!(theirs.len() > PAGE, "{id}: {} articles", theirs.len());
    let other = entities
        .iter()
        .filter(|e| e["label"] == "PER" && e["id"] != id)
        .map(|e| e["id"].as_str().unwrap_or_default())
        .find(|other| {
            let both = data
                .mentioning(other)
                .iter()
                .filter(|n| theirs.contains(n))
                .count();
            both > PAGE && both < theirs.len()
        })
        .expect("a second person with more than a page of articles in common");
    let both: Vec<u32> = data
        .mentioning(other)
        .into_iter()
        .filter(|n| theirs.contains(n))
        .collect();
    let word = data
        .title_words()
        .into_iter()
        .find(|w| !data.search(w, Some(&theirs)).0.is_empty())
        .expect("a title word among the person's articles");
    let (searched, _) = data.search(&word, Some(&theirs));
    let ids = |numbers: &[u32]| -> Vec<String> { numbers.iter().map(|&n| data.id(n)).collect() };
    let language = data.language();
    let parts = site.hold_whole_site();
    let browser = Browser::new().await;
    // The whole site is asked for once the first articles are painted, not beside the files
    // they wait for: their card pages held, none of its parts is asked for.
    let card_pages: Vec<String> = site.card_page_paths();
    site.server().set_each(&card_pages, &Fault::Hold);
    let asked = |paths: &[String]| paths.iter().any(|p| site.server().hits(p) > 0);
    // Two people: only the whole site has their view's counts.
    browser
        .open(&site.url(&format!("/?entity={id},{other}")))
        .await;
    let waited = std::time::Instant::now();
    while !asked(&card_pages) {
        assert!(
            waited.elapsed().as_secs() < 15,
            "no card page asked for by /?entity={id},{other}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let early: Vec<&String> = parts.iter().filter(|p| site.server().hits(p) > 0).collect();
    assert!(
        early.is_empty(),
        "asked for while the first articles wait for their card pages: {early:?}"
    );
    site.server().clear_each(&card_pages);
    browser
        .wait_until(
            "the first articles of two people, their card pages released",
            &format!(
                "return {};",
                cards_are_first_of(&ids(&both)[..both.len().min(PAGE)], 8)
            ),
        )
        .await;
    while !asked(&parts) {
        assert!(
            waited.elapsed().as_secs() < 30,
            "the whole site not asked for once the first articles were shown"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    for (url, expected, what) in [
        (format!("/?entity={id}"), ids(&theirs), "one person"),
        (format!("/?entity={id},{other}"), ids(&both), "two people"),
        (
            format!("/?entity={id}&q={word}"),
            searched.clone(),
            "a person and a word",
        ),
    ] {
        browser.open(&site.url(&url)).await;
        // Its first screenful, and any of its first page on the same card pages.
        browser
            .wait_until(
                &format!("the first articles of {what}, the whole site held"),
                &format!(
                    "return {};",
                    cards_are_first_of(&expected[..expected.len().min(PAGE)], 8)
                ),
            )
            .await;
        // One person of many articles: the sidebar from their profile file.
        let pending = what != "one person";
        browser
            .wait_until(
                &format!("the count of {what}, its filter named, the sidebar pending: {pending}"),
                &format!(
                    "return document.getElementById('results-count')?.innerText.startsWith({}) \
                       && document.querySelector('ul.pills')?.innerText.includes({}) \
                       && !!document.querySelector(\"{COUNTS_PENDING}\") === {pending};",
                    js(&language.count(expected.len(), Noun::Article)),
                    js(name),
                ),
            )
            .await;
        let title = browser.eval_string("return document.title;").await;
        assert!(
            title.contains(name),
            "{what}: the tab's title {title:?} names {name}"
        );
        // The rest of its first page comes from card pages too, once the reader pauses (with a
        // word, a screenful at a time as the reader reads down the list), and so do the next
        // ones ("Show more").
        read_down_to_first(&browser, &format!("the first page of {what}"), &expected).await;
        assert_eq!(
            browser.count("button.show-more").await,
            usize::from(expected.len() > PAGE),
            "{what}"
        );
        if expected.len() > PAGE {
            browser.click("#results button.show-more").await;
            read_down_to(
                &browser,
                &format!("the next articles of {what}, the whole site held"),
                &expected[..expected.len().min(2 * PAGE)],
            )
            .await;
        }
    }
    let postings = site.server().requested("/data/postings/");
    assert!(!postings.is_empty(), "no posting file fetched");
    assert!(postings.len() <= 2, "{postings:?}");
    // The whole site arrives: the same articles, "Show more", and the sidebar's counts.
    site.server().clear_each(&parts);
    browser
        .wait_until(
            "the sidebar's counts of the view",
            &format!("return !document.querySelector(\"{COUNTS_PENDING}\") && !document.querySelector(\"nav.sidebar[aria-busy='true']\");"),
        )
        .await;
    browser
        .wait_for_cards(
            "the same articles over the whole site",
            &searched[..searched.len().min(2 * PAGE)],
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// On a phone, where the sidebar is a drawer, a shared link to a filtered view (a person of
/// fewer than [`VIEW_FROM`] articles, whose profile file has no view) shows its
/// articles from their files and asks for no part of the whole site while the drawer is closed:
/// the sidebar's counts, which only the whole site gives, are not on screen, and the drawer's
/// label gives no count until they are the view's (it gave the site's). Opening the drawer asks
/// for the whole site, says the counts are loading, then shows the view's: the person's own row
/// counts their articles and the label the entities of those articles; the download's button,
/// offered before, has become the view's links. (On a wide screen the
/// sidebar is shown and the whole site is asked for once the articles are painted:
/// `at_scale_a_shared_link_to_a_filtered_view_shows_its_first_articles_before_the_whole_site`.)
#[tokio::test]
async fn at_scale_a_shared_link_on_a_phone_asks_for_the_whole_site_once_the_drawer_opens() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let person = data.most_mentioned_without_view("PER");
    let id = person["id"].as_str().expect("an id");
    let theirs = data.mentioning(id);
    let expected: Vec<String> = theirs.iter().map(|&n| data.id(n)).collect();
    let mut entities: Vec<&str> = theirs
        .iter()
        .flat_map(|&n| {
            data.articles()[n as usize]["entities"]
                .as_array()
                .into_iter()
                .flatten()
        })
        .filter_map(Value::as_str)
        .collect();
    entities.sort_unstable();
    entities.dedup();
    let language = data.language();
    let words = language.messages();
    let parts: Vec<String> = site.parts().iter().map(|p| format!("/data/{p}")).collect();
    let asked = || {
        parts
            .iter()
            .filter(|p| site.server().hits(p) > 0)
            .cloned()
            .collect::<Vec<_>>()
    };
    let browser = Browser::new().await;
    browser.resize(360).await;
    browser
        .open_at_this_width(&site.url(&format!("/?entity={id}")))
        .await;
    browser
        .wait_at_this_width(
            "the person's first articles on a phone",
            &format!(
                "return {};",
                cards_are_first_of(&expected[..expected.len().min(PAGE)], 8)
            ),
        )
        .await;
    browser
        .wait_at_this_width(
            "the drawer closed, its label without a count",
            &format!(
                "const t = document.getElementById('drawer-toggle'); \
                 return t?.getAttribute('aria-expanded') === 'false' && t.innerText.trim() === {} \
                   && !!document.querySelector(\"{COUNTS_PENDING}\");",
                js(words.entities)
            ),
        )
        .await;
    // Past the pause after which the rest of the first page comes (from card pages).
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        asked(),
        Vec::<String>::new(),
        "asked for on a phone with the drawer closed"
    );
    // The download is offered: its button asks for the whole site, as the first screen's does.
    assert_eq!(
        browser.count("#results button.export-prepare").await,
        1,
        "the download's button"
    );
    browser.click("#drawer-toggle").await;
    browser
        .wait_at_this_width(
            "the view's counts in the opened drawer",
            &format!(
                "return !document.querySelector(\"{COUNTS_PENDING}\") \
                   && !document.querySelector(\"nav.sidebar[aria-busy='true']\") \
                   && document.querySelector(\"nav.sidebar button.facet[data-entity='{id}']\")?.innerText.includes({}) \
                   && document.getElementById('drawer-toggle').innerText.trim() === {};",
                js(&language.number(theirs.len())),
                js(&language.with_count(words.entities, entities.len())),
            ),
        )
        .await;
    assert_eq!(
        asked().len(),
        parts.len(),
        "the whole site, once the drawer opened"
    );
    browser
        .wait_at_this_width(
            "the view's download links",
            "return !!document.querySelector(\"#results .export a[download$='.csv']\");",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A shared link to the articles of one entity of many articles (`/?entity=…`, nothing else
/// chosen) shows its whole sidebar from the entity's profile file, without the whole site: each
/// group's first rows with the view's counts (the person's own row first, counting their
/// articles), the drawer's label counting the view's entities, the view's languages and
/// timeline; no part of the whole site is asked for while the reader reads, on a wide screen or
/// on a phone with the drawer opened (the profile file is fetched once the sidebar is on screen,
/// as the whole site is for other views). Asking for more (a group's next rows) says the counts are
/// loading, asks for the whole site and shows its rows, counted the same. A profile file that
/// does not read leaves the counts to the whole site.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_shared_link_to_one_entity_shows_its_sidebar_from_its_profile_file() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let person = data.most_mentioned("PER");
    let id = person["id"].as_str().expect("an id");
    let theirs = data.mentioning(id);
    assert!(theirs.len() >= VIEW_FROM as usize, "{id}: {}", theirs.len());
    let expected: Vec<String> = theirs.iter().map(|&n| data.id(n)).collect();
    let in_view = counts_over(&data, &theirs);
    let language = data.language();
    let words = language.messages();
    let rows = |prefix: &str| {
        (in_view.keys())
            .filter(|e| e.starts_with(prefix))
            .count()
            .min(10)
    };
    let parts = site.hold_whole_site();
    let asked = || parts.iter().filter(|p| site.server().hits(p) > 0).count();
    for width in [1280, 360] {
        let profile_hits = || {
            (site.server().requested("/data/profiles/").iter())
                .map(|p| site.server().hits(p))
                .sum::<usize>()
        };
        let profiles_before = profile_hits();
        let browser = Browser::new().await;
        browser.resize(width).await;
        browser
            .open_at_this_width(&site.url(&format!("/?entity={id}")))
            .await;
        browser
            .wait_at_this_width(
                &format!("the person's first articles at {width} px"),
                &format!(
                    "return {};",
                    cards_are_first_of(&expected[..expected.len().min(PAGE)], 8)
                ),
            )
            .await;
        if width < 800 {
            // The drawer closed: not even the profile file.
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            assert_eq!(
                profile_hits(),
                profiles_before,
                "a profile file fetched, the drawer closed"
            );
            browser.click("#drawer-toggle").await;
        }
        browser
            .wait_at_this_width(
                &format!("the view's sidebar at {width} px, from the profile file"),
                &format!(
                    "return !document.querySelector(\"{COUNTS_PENDING}\") \
                       && !document.querySelector(\"nav.sidebar[aria-busy='true']\") \
                       && document.querySelector(\"nav.sidebar button.facet[data-entity='{id}']\")?.innerText.includes({}) \
                       && document.getElementById('drawer-toggle').textContent.trim() === {} \
                       && document.querySelectorAll('#home-timeline-bars button').length > 0;",
                    js(&language.number(theirs.len())),
                    js(&language.with_count(words.entities, in_view.len())),
                ),
            )
            .await;
        for group in ["per", "loc", "org"] {
            assert_facets(&browser, &data, group, rows(group), &in_view).await;
        }
        let own = facets(&browser, "per").await;
        assert_eq!(own.first(), Some(&(id.to_owned(), theirs.len())), "{own:?}");
        // Read for a while: nothing of the whole site.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        assert_eq!(
            asked(),
            0,
            "parts of the whole site asked for at {width} px"
        );
        browser.assert_no_console_errors().await;
        browser.close().await;
    }
    let profiles = site.server().requested("/data/profiles/");
    assert_eq!(profiles.len(), 1, "{profiles:?}");
    // A group's next rows: the whole site.
    let browser = Browser::new().await;
    browser.open(&site.url(&format!("/?entity={id}"))).await;
    browser
        .wait_until(
            "the view's sidebar from the profile file",
            &format!(
                "return !document.querySelector(\"{COUNTS_PENDING}\") \
                   && !!document.querySelector(\"nav.sidebar button.facet[data-entity='{id}']\");"
            ),
        )
        .await;
    browser
        .click("nav.sidebar button.show-more-facets[data-group='loc']")
        .await;
    browser
        .wait_until(
            "the counts said to be loading",
            &format!("return !!document.querySelector(\"{COUNTS_PENDING}\");"),
        )
        .await;
    assert!(
        asked() > 0,
        "the whole site not asked for by the group's next rows"
    );
    site.server().clear_each(&parts);
    let places = (in_view.keys()).filter(|e| e.starts_with("loc-")).count();
    browser
        .wait_until(
            "the next places, over the whole site",
            &format!(
                "return !document.querySelector(\"{COUNTS_PENDING}\") \
                   && document.querySelectorAll(\"section[aria-labelledby='facets-loc'] button.facet\").length === {};",
                places.min(60)
            ),
        )
        .await;
    assert_facets(&browser, &data, "loc", places.min(60), &in_view).await;
    browser.assert_no_console_errors().await;
    browser.close().await;

    // Its profile file malformed: nothing wrong is shown, and the whole site counts the view.
    let posting_files = site.read_json("site.json")["posting_files"]
        .as_u64()
        .expect("posting files") as u32;
    let profile = format!(
        "/data/{}",
        kiosque_model::parts::profile_path_of(id, posting_files, true)
    );
    let parts = site.hold_whole_site();
    let hits = || parts.iter().map(|p| site.server().hits(p)).sum::<usize>();
    let before = hits();
    site.server().set(
        &profile,
        Fault::Body(br#"{"entities": [{"id": 3}"#.to_vec()),
    );
    let browser = Browser::new().await;
    browser.open(&site.url(&format!("/?entity={id}"))).await;
    // (Entity parts first: held, they keep the summary pages back.)
    let waited = std::time::Instant::now();
    while hits() == before {
        assert!(
            waited.elapsed().as_secs() < 30,
            "the whole site not asked for, the profile file malformed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser
        .wait_until(
            "the counts said to be loading, the profile file malformed",
            &format!("return !!document.querySelector(\"{COUNTS_PENDING}\");"),
        )
        .await;
    site.server().clear_each(&parts);
    browser
        .wait_until(
            "the view's counts over the whole site",
            &format!(
                "return !document.querySelector(\"{COUNTS_PENDING}\") \
                   && document.querySelector(\"nav.sidebar button.facet[data-entity='{id}']\")?.innerText.includes({});",
                js(&language.number(theirs.len())),
            ),
        )
        .await;
    assert_facets(&browser, &data, "per", rows("per"), &in_view).await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// An entity's page opened before the whole site is loaded shows from its files. One of many
/// articles, opened at its own address (pre-rendered): the whole page from its posting file, its
/// profile file and the card pages of its newest articles (its spellings, the entities it
/// appears with, its timeline, those articles, a button for the download), and nothing more is
/// asked for while the reader reads it; "Show more" says the articles are loading and shows the
/// next ones from their card pages, the focus on the first new card, still without the whole
/// site; the download asks for it, and the page over the whole site is the same. An entity of
/// a single article (no page of its own: the shell page `entity/?id=` shows it), with spellings
/// and company: the whole page from its posting file, the file of single-article entities'
/// profiles and its card page, nothing more while the reader reads it, and the same page over
/// the whole site once the download asks for it.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_an_entity_page_shows_from_its_files_and_asks_for_the_whole_site_only_to_download()
{
    let Some((site, data)) = large_data() else {
        return;
    };
    let many = data.most_mentioned("LOC");
    let id = many["id"].as_str().expect("an id");
    let numbers = data.mentioning(id);
    assert!(numbers.len() > 20, "{id}: {} articles", numbers.len());
    let newest: Vec<String> = numbers.iter().take(20).map(|&n| data.id(n)).collect();
    let parts = site.hold_whole_site();
    let asked = || -> Vec<String> {
        (parts.iter())
            .filter(|p| site.server().hits(p) > 0)
            .cloned()
            .collect()
    };
    let browser = Browser::new().await;
    browser.open(&site.url(&format!("/entity/{id}/"))).await;
    // What the page shows that only a view of the whole site gave before: the app's own page
    // (the pre-rendered one gone), its company, its timeline and the download's button.
    const PAGE_SHOWN: &str = "return !document.getElementById('prerender') \
        && !!document.querySelector('#main .entity-company li') \
        && document.querySelectorAll('#main svg.timeline-chart rect').length > 0 \
        && !!document.querySelector('#main .entity-articles button.export-prepare')";
    browser
        .wait_until(
            &format!("{id}'s whole page from its files, the whole site held"),
            &format!("{PAGE_SHOWN} && {};", cards_are(&newest[..10])),
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(asked().is_empty(), "{id}'s page asked for {:?}", asked());
    assert_eq!(site.server().requested("/data/profiles/").len(), 1);
    let stats = browser
        .eval_string("return document.querySelector('#main .entity-stats').innerText;")
        .await;
    let count = data.language().count(numbers.len(), Noun::Article);
    assert!(
        stats.contains(&count),
        "{id}: {stats:?} does not say {count:?}"
    );
    // What the whole site shows the same: the head (spellings included), the company and the
    // timeline.
    const SAME: &str = "return ['#main .entity-header', '#main .entity-company', '#main section.timeline'] \
        .map(s => document.querySelector(s)?.innerText ?? '') \
        .concat([document.querySelector('#main svg.timeline-chart')?.outerHTML ?? '']) \
        .join('\\n---\\n');";
    let early = browser.eval_string(SAME).await;
    browser.screenshot("scale-entity-early").await;
    // "Show more": its next articles from their card pages (held a moment: the page says they
    // are loading), the focus on the first new one, and still nothing of the whole site.
    let card_pages: Vec<String> = site.card_page_paths();
    site.server().set_each(&card_pages, &Fault::Hold);
    browser
        .click("#main .entity-articles button.show-more")
        .await;
    browser
        .wait_until(
            "its articles said to be loading",
            "return !!document.querySelector('#main .entity-articles p.cards-loading');",
        )
        .await;
    site.server().clear_each(&card_pages);
    browser
        .wait_until(
            "its next articles from their card pages, the whole site held",
            &format!("{PAGE_SHOWN} && {};", cards_are(&newest)),
        )
        .await;
    browser
        .wait_for_focused_card("the focus on the first new card", &newest[10])
        .await;
    assert!(
        asked().is_empty(),
        "{id}'s next articles asked for {:?}",
        asked()
    );
    assert_eq!(browser.eval_string(SAME).await, early, "{id}");
    // An article opened from them has its previous among them; back, the same cards.
    open_from_card(&browser, &newest[19]).await;
    browser
        .wait_until(
            "the previous article of the list shown from card pages",
            &format!(
                "return !!document.querySelector(\"nav.list-neighbours a[rel=prev][href$='/article/{}/']\");",
                newest[18]
            ),
        )
        .await;
    browser.back().await;
    browser
        .wait_until(
            "the two pages of its cards, back",
            &format!("{PAGE_SHOWN} && {};", cards_are(&newest)),
        )
        .await;
    assert!(asked().is_empty(), "{id}'s page asked for {:?}", asked());
    // The download asks for the whole site; the page over it is the same, with as many cards.
    let list = "#main .entity-articles";
    download_over_the_whole_site(&browser, &site, &parts, list).await;
    browser
        .wait_for_cards(
            "the page over the whole site, with the same articles",
            &newest,
        )
        .await;
    assert_eq!(browser.eval_string(SAME).await, early, "{id}");
    browser.assert_no_console_errors().await;
    browser.close().await;

    // An entity of a single article, with spellings and company.
    let lone = single_article_entity(&site, &data);
    let lone_id = lone["id"].as_str().expect("an id");
    let parts = site.hold_whole_site();
    let hits =
        |parts: &[String]| -> Vec<usize> { parts.iter().map(|p| site.server().hits(p)).collect() };
    let before = hits(&parts);
    let profiles = site.server().requested("/data/profiles/");
    let browser = Browser::new().await;
    browser
        .open(&site.url(&format!("/entity/?id={lone_id}")))
        .await;
    let only = [data.id(data.mentioning(lone_id)[0])];
    browser
        .wait_until(
            &format!("{lone_id}'s whole page from its files, the whole site held"),
            &format!(
                "{PAGE_SHOWN} && document.getElementById('entity-title')?.innerText === {} && {};",
                js(lone["name"].as_str().expect("a name")),
                cards_are(&only),
            ),
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(
        hits(&parts),
        before,
        "{lone_id}'s page asked for the whole site"
    );
    assert_eq!(site.server().requested("/data/singles/").len(), 1);
    assert_eq!(site.server().requested("/data/profiles/"), profiles);
    let header = browser
        .eval_string("return document.querySelector('#main .entity-header').innerText;")
        .await;
    for spelling in lone["aliases"].as_array().expect("spellings") {
        let spelling = spelling.as_str().expect("a spelling");
        assert!(header.contains(spelling), "{header:?} lacks {spelling:?}");
    }
    let early = browser.eval_string(SAME).await;
    download_over_the_whole_site(&browser, &site, &parts, list).await;
    browser
        .wait_for_cards("its page over the whole site, with its article", &only)
        .await;
    assert_eq!(browser.eval_string(SAME).await, early, "{lone_id}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// An entity of the large site that a single article lists, with spellings and some company on
/// its page, as the file of single-article entities' profiles that holds it has it.
fn single_article_entity(site: &Site, data: &Data) -> Value {
    let posting_files = site.read_json("site.json")["posting_files"]
        .as_u64()
        .expect("posting files") as u32;
    let mut files: HashMap<String, Value> = HashMap::new();
    for entity in data.index["entities"].as_array().expect("entities") {
        let id = entity["id"].as_str().expect("an id");
        let spelled = entity["aliases"].as_array().is_some_and(|a| !a.is_empty());
        if entity["label"] != "PER" || !spelled || data.mentioning(id).len() != 1 {
            continue;
        }
        let path = kiosque_model::parts::profile_path_of(id, posting_files, false);
        let file = files
            .entry(path.clone())
            .or_insert_with(|| site.read_json(&path));
        let listed = file["entities"].as_array().expect("entities");
        let single = listed.iter().find(|e| e[0] == id);
        let single = single.unwrap_or_else(|| panic!("{path} lacks {id}"));
        assert_eq!(single[2], entity["aliases"], "{id}");
        if single[1].as_array().is_some_and(|c| !c.is_empty()) {
            return entity.clone();
        }
    }
    panic!("no person of a single article with spellings and company");
}

/// "Show more" whose card pages fail (missing, here) on the home page's first screen and on an
/// entity's page shown from its files: the next cards come from the whole site, asked for
/// then, and no error is shown.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_show_more_whose_card_pages_fail_shows_the_next_cards_from_the_whole_site() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let card_pages: Vec<String> = site.card_page_paths();
    let place = data.most_mentioned("LOC");
    let id = place["id"].as_str().expect("an id");
    let theirs: Vec<String> = data
        .mentioning(id)
        .iter()
        .take(20)
        .map(|&n| data.id(n))
        .collect();
    let home: Vec<String> = (0..2 * PAGE as u32).map(|n| data.id(n)).collect();
    let browser = Browser::new().await;
    for (url, list, first, next) in [
        ("/".to_owned(), "#results", &home[..PAGE], &home),
        (
            format!("/entity/{id}/"),
            "#main .entity-articles",
            &theirs[..10],
            &theirs,
        ),
    ] {
        site.server().clear_each(&card_pages);
        browser.open(&site.url(&url)).await;
        browser
            .wait_until(
                &format!("{url}: its first cards, shown by the app"),
                &format!(
                    "return !document.getElementById('prerender') && {};",
                    cards_are(first)
                ),
            )
            .await;
        site.server().set_each(&card_pages, &Fault::Status(404));
        browser.click(&format!("{list} button.show-more")).await;
        browser
            .wait_until(
                &format!("{url}: its next cards, from the whole site"),
                &format!("return {};", cards_are(next)),
            )
            .await;
        assert_eq!(browser.count(".error").await, 0, "{url}");
    }
    site.server().clear_each(&card_pages);
    browser.close().await;
}

/// Before the whole site is loaded, a reader goes from an entity's page to its newest article and
/// on to another entity the article names, then back twice, all within the app: each entity page
/// shows its own entity and newest articles (the answer for the other is never shown for it).
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_entity_pages_visited_in_turn_before_the_whole_site_each_show_their_own() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let entities = data.index["entities"].as_array().expect("entities");
    let named = |id: &str| -> String {
        entities
            .iter()
            .find(|e| e["id"] == id)
            .and_then(|e| e["name"].as_str())
            .unwrap_or_else(|| panic!("{id} in the site"))
            .to_owned()
    };
    let newest = |id: &str| -> Vec<String> {
        data.mentioning(id)
            .iter()
            .take(10)
            .map(|&n| data.id(n))
            .collect()
    };
    let place = data.most_mentioned("LOC")["id"]
        .as_str()
        .expect("a place's id");
    let shows = |id: &str| {
        format!(
            "return document.getElementById('entity-title')?.innerText === {} && {};",
            js(&named(id)),
            cards_are(&newest(id))
        )
    };
    let parts = site.hold_whole_site();
    let browser = Browser::new().await;
    browser
        .open(&site.url(&format!("/entity/?id={place}")))
        .await;
    browser
        .wait_until(
            &format!("{place}'s page, the whole site held"),
            &shows(place),
        )
        .await;
    // Its newest article, from its card; then another entity the article names.
    browser.click("article.card .card-title a").await;
    browser
        .wait_until(
            "the article's body",
            "return !!document.querySelector('.article-body a[href*=\"entity/\"]');",
        )
        .await;
    let other_href = browser
        .eval_string(&format!(
            "const link = Array.from(document.querySelectorAll('.article-body a[href*=\"entity/\"]')) \
               .find(a => !a.getAttribute('href').includes({place:?})); \
             if (!link) return ''; \
             link.setAttribute('data-next-entity', ''); \
             return link.getAttribute('href');"
        ))
        .await;
    assert!(
        !other_href.is_empty(),
        "the article names no entity but {place}"
    );
    let other = other_href
        .trim_end_matches('/')
        .rsplit(['/', '='])
        .next()
        .expect("an id in the link")
        .to_owned();
    browser.click("[data-next-entity]").await;
    browser
        .wait_until(
            &format!("{other}'s page, reached in the app, the whole site held"),
            &shows(&other),
        )
        .await;
    browser.back().await;
    browser.back().await;
    browser
        .wait_until(&format!("{place}'s page again, back"), &shows(place))
        .await;
    browser.assert_no_console_errors().await;
    site.server().clear_each(&parts);
    browser.close().await;
}

/// Requests for the whole site's parts the app keeps in flight at once (its `PARTS_IN_FLIGHT`).
const PARTS_IN_FLIGHT: usize = 4;

/// A keystroke's search goes first: while it waits for its files, the whole site's parts that
/// arrive are not read (no next part is asked for), and once it is answered the whole site
/// loads on. The search's card pages are held, then the whole site's parts released: the app
/// asks for no part beyond the first ones while the search waits (it reads one part in slices
/// and asks for the next once it has read one).
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_the_whole_site_waits_while_a_keystroke_s_search_waits_for_its_files() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let card_paths: Vec<String> = site.card_page_paths();
    let parts = site.hold_whole_site();
    assert!(parts.len() > PARTS_IN_FLIGHT, "{} parts", parts.len());
    site.server().set_each(&card_paths, &Fault::Hold);
    // The parts the app asked for, as its `fetch` calls say (the browser sends no more than six
    // requests at a time to the server, here all held).
    let browser = Browser::new().await;
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": "window.__asked = []; const f = window.fetch; \
                window.fetch = function (input) { \
                  window.__asked.push(new URL(String(input), location.href).pathname); \
                  return f.apply(this, arguments); };" }),
        )
        .await
        .expect("a script before the page's");
    let parts_js = serde_json::to_string(&parts).expect("paths");
    let requested_parts = || {
        let browser = &browser;
        let script = format!(
            "const parts = {parts_js}; \
             return String(new Set(window.__asked.filter(p => parts.includes(p))).size);"
        );
        async move {
            browser
                .eval_string(&script)
                .await
                .parse::<usize>()
                .expect("a count")
        }
    };
    open_home_from_site_json(&browser, &site, &data).await;
    let word = data.common_title_word();
    let (expected, _) = data.search(&word, None);
    browser.type_into(INPUT, &word).await;
    // The search has its hits and waits for its card pages.
    let mut waited = 0;
    while site.server().requested("/data/cards/").is_empty() {
        assert!(waited < 200, "no card page asked for after 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(
        requested_parts().await,
        PARTS_IN_FLIGHT,
        "the first parts asked for"
    );
    site.server().clear_each(&parts);
    // Long enough for the app to read a part and ask for the next (tens of milliseconds),
    // shorter than it waits for a search at most (a second).
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(
        requested_parts().await,
        PARTS_IN_FLIGHT,
        "a part read while the search waited for its card pages"
    );
    site.server().clear_each(&card_paths);
    wait_for_first(&browser, "the search's first results", &expected).await;
    // The whole site loads on: the search's counts come with it.
    browser
        .wait_until(
            "the sidebar's counts of the search, over the whole site",
            &format!("return !document.querySelector(\"{COUNTS_PENDING}\") && !!document.querySelector('button.show-more');"),
        )
        .await;
    assert_eq!(requested_parts().await, parts.len());
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// The card pages (numbers in `site.json`'s `card_pages`) of the articles numbered `numbers`.
fn card_pages_of(numbers: &[usize], layout: CardLayout) -> Vec<usize> {
    let mut pages: Vec<usize> = numbers
        .iter()
        .map(|&n| layout.place(n).expect("a result's card page").0)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// A word, one of its prefixes and what they find, for the test below.
struct Typed {
    word: String,
    prefix: String,
    /// The word's results (ids, best first) and their numbers.
    found: Vec<String>,
    numbers: Vec<usize>,
    prefix_found: Vec<String>,
    /// The card pages of the word's first screenful, and those of the rest of its first page
    /// that neither its screenful's nor the prefix's screenful's pages hold.
    screen: Vec<usize>,
    rest: Vec<usize>,
    /// The card pages of the prefix's first page that the word's first page does not need.
    prefix_rest: Vec<usize>,
}

/// Results whose card pages a search fetches before it shows (the home page's `SEARCH_SCREEN`),
/// and then at a time as the reader nears the end of its list.
const SEARCH_SCREEN: usize = 4;

/// A search shown before the whole site is loaded fetches the card pages of its first screenful
/// of results (the home page's `SEARCH_SCREEN`), shows them with the count of all its
/// results, and fetches those of its next screenful only once the reader nears the end of the
/// list (a window 900 px tall shows three cards): the list then grows by a screenful, its cards,
/// the count and the focus staying as they were. A prefix typed past (the next letter typed as
/// soon as its first results showed) fetches the pages of its screenful only.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_search_fetches_the_card_pages_of_its_first_screenful_then_of_the_next_as_the_reader_nears_the_end()
 {
    let Some((site, data)) = large_data() else {
        return;
    };
    let layout = site.card_layout();
    let card_paths: Vec<String> = site.card_page_paths();
    let pages = |numbers: &[usize]| card_pages_of(numbers, layout);
    let without = |a: Vec<usize>, b: &[usize]| -> Vec<usize> {
        a.into_iter().filter(|p| !b.contains(p)).collect()
    };
    // A word with more than a page of results, the rest of its first page on other card pages
    // than its screenful's, and a prefix of it whose first page needs pages the word's does not.
    let typed = data
        .title_words()
        .into_iter()
        .take(40)
        .find_map(|word| {
            let (found, _) = data.search(&word, None);
            if found.len() <= PAGE {
                return None;
            }
            let numbers = data.numbers(&found);
            let screen = pages(&numbers[..SEARCH_SCREEN]);
            let first_page = pages(&numbers[..PAGE]);
            (3..word.len() - 1).find_map(|letters| {
                let prefix = word[..letters].to_owned();
                let (prefix_found, _) = data.search(&prefix, None);
                if prefix_found.len() <= PAGE || prefix_found[0] == found[0] {
                    return None;
                }
                let prefix_numbers = data.numbers(&prefix_found);
                let prefix_screen = pages(&prefix_numbers[..SEARCH_SCREEN]);
                let prefix_rest = without(
                    without(pages(&prefix_numbers[..PAGE]), &prefix_screen),
                    &first_page,
                );
                let rest = without(without(first_page.clone(), &screen), &prefix_screen);
                (!rest.is_empty() && !prefix_rest.is_empty()).then(|| Typed {
                    word: word.clone(),
                    prefix,
                    found: found.clone(),
                    numbers: numbers.clone(),
                    prefix_found,
                    screen: screen.clone(),
                    rest,
                    prefix_rest,
                })
            })
        })
        .expect(
            "a word and a prefix whose first pages need other card pages than their screenful's",
        );
    // The word's results shown before the rest of its first page is there: up to the first on
    // a page of the rest.
    let shown = typed.numbers[..PAGE]
        .iter()
        .position(|n| typed.rest.contains(&pages(&[*n])[0]))
        .expect("a result on a page of the rest");
    assert!(shown >= SEARCH_SCREEN);
    // The whole site is held back (the search runs from card pages), and the rest's pages too.
    site.hold_whole_site();
    for page in &typed.rest {
        site.server().set(&card_paths[*page], Fault::Hold);
    }
    let browser = Browser::new().await;
    open_home_from_site_json(&browser, &site, &data).await;
    let count = |found: &[String]| js(&data.language().count(found.len(), Noun::Article));
    // The prefix is typed; the word's next letters as soon as its first results are in the
    // document (before they are painted: no reader is that fast, but no pause either).
    browser
        .client
        .execute(
            &format!(
                "const [prefix, word, first] = arguments; \
                 const input = document.querySelector(\"{INPUT}\"); \
                 const type = text => {{ input.value = text; \
                   input.dispatchEvent(new Event('input', {{ bubbles: true }})); }}; \
                 const observer = new MutationObserver(() => {{ \
                   const card = document.querySelector('article.card'); \
                   const status = document.getElementById('results-count')?.innerText ?? ''; \
                   if (card?.dataset.articleId === first && status.startsWith({})) {{ \
                     observer.disconnect(); window.kiosquePrefixShown = true; type(word); \
                   }} \
                 }}); \
                 observer.observe(document.body, {{ subtree: true, childList: true, characterData: true }}); \
                 type(prefix);",
                count(&typed.prefix_found)
            ),
            vec![
                Value::String(typed.prefix.clone()),
                Value::String(typed.word.clone()),
                Value::String(typed.prefix_found[0].clone()),
            ],
        )
        .await
        .expect("typing");
    browser
        .wait_until(
            "the word's first results and the count of all of them, without \"Show more\"",
            &format!(
                "return window.kiosquePrefixShown === true \
                   && {} \
                   && document.getElementById('results-count')?.innerText.startsWith({}) \
                   && !document.querySelector('button.show-more');",
                cards_are(&typed.found[..shown]),
                count(&typed.found),
            ),
        )
        .await;
    // Painted, the reader paused, the list's end more than a quarter of the window below it:
    // nothing more is asked for.
    let asked = || site.server().requested("/data/cards/");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let beyond = browser
        .eval_bool(&format!(
            "return document.querySelector(\"{LIST}\").getBoundingClientRect().bottom \
               > 1.25 * window.innerHeight;"
        ))
        .await;
    assert!(
        beyond,
        "the first results' list ends more than a quarter of the window below it"
    );
    let fetched = asked();
    assert!(
        typed
            .rest
            .iter()
            .all(|p| !fetched.contains(&card_paths[*p])),
        "a card page of the rest of the first page {:?} asked for before the reader scrolled: \
         {fetched:?}",
        typed.rest
    );
    assert!(
        typed
            .screen
            .iter()
            .all(|p| fetched.contains(&card_paths[*p])),
        "the word's screenful's card pages {:?} fetched: {fetched:?}",
        typed.screen
    );
    assert_eq!(
        browser.card_ids().await,
        typed.found[..shown],
        "the word's first results shown"
    );
    // The next screenful: its results' pages that are not there yet (held), and the rest.
    let grown = (shown + SEARCH_SCREEN).min(PAGE);
    let next: Vec<usize> = pages(&typed.numbers[..grown])
        .into_iter()
        .filter(|p| typed.rest.contains(p))
        .collect();
    let later = without(typed.rest.clone(), &next);
    // The reader moves to the second card and scrolls to the end of the list; the cards shown
    // are noted, and each frame's count of cards and of results.
    browser
        .client
        .execute(
            &format!(
                "document.querySelector('ol.cards > li:nth-child(2) .card-title a').focus(); \
                 window.kiosqueCards = Array.from(document.querySelectorAll('article.card')); \
                 window.kiosqueFrames = []; \
                 const tick = () => {{ \
                   window.kiosqueFrames.push([document.querySelectorAll('article.card').length, \
                     document.getElementById('results-count').innerText, \
                     !!document.querySelector('button.show-more')]); \
                   if (window.kiosqueFrames.length < 600) requestAnimationFrame(tick); \
                 }}; \
                 requestAnimationFrame(tick); \
                 document.querySelector(\"{LIST}\").scrollIntoView({{ block: 'end' }});"
            ),
            vec![],
        )
        .await
        .expect("noting the cards, scrolling");
    // The next screenful's pages are asked for (held).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !next.iter().any(|p| asked().contains(&card_paths[*p])) {
        assert!(
            std::time::Instant::now() < deadline,
            "a card page of the next screenful {next:?} asked for: {:?}",
            asked()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        browser.card_ids().await,
        typed.found[..shown],
        "the word's first results stay while the next load"
    );
    for page in &next {
        site.server().clear(&card_paths[*page]);
    }
    browser
        .wait_for_cards("the word's next screenful", &typed.found[..grown])
        .await;
    let kept = browser
        .eval_bool(
            "return window.kiosqueCards.every((card, i) => document.querySelectorAll('article.card')[i] === card) \
               && document.activeElement === document.querySelector('ol.cards > li:nth-child(2) .card-title a') \
               && window.kiosqueCards[1].contains(document.activeElement);",
        )
        .await;
    assert!(
        kept,
        "the cards shown first are the same elements, the second's link still focused"
    );
    let frames: Vec<(usize, String, bool)> = serde_json::from_value(
        browser
            .client
            .execute("return window.kiosqueFrames;", vec![])
            .await
            .expect("reading the frames"),
    )
    .expect("frames");
    let status = &frames[0].1;
    assert!(
        frames
            .iter()
            .all(|(cards, text, more)| ((*cards == shown && !more)
                || (*cards == grown && *more == (grown == PAGE && typed.found.len() > PAGE)))
                && text == status),
        "the list grows by a screenful in one frame, the count as it was, \"Show more\" with \
         the whole first page only: {frames:?}"
    );
    // Its end now a screenful below the window: the pages of the rest stay unasked.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let fetched = asked();
    for page in &later {
        assert!(
            !fetched.contains(&card_paths[*page]),
            "{} (a page of the results after the next screenful) fetched: {fetched:?}",
            card_paths[*page]
        );
    }
    // The prefix typed past fetched the pages of its screenful, not those of its first page.
    let fetched = asked();
    for page in &typed.prefix_rest {
        assert!(
            !fetched.contains(&card_paths[*page]),
            "{} (a page of the rest of the prefix {:?}'s first page) fetched: {fetched:?}",
            card_paths[*page],
            typed.prefix
        );
    }
    browser
        .screenshot("scale-search-first-screenful-then-next")
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A keystroke over a long list (more than 5,000 articles: the home page counts the sidebar's
/// entities once such a list is painted) leaves the sidebar counting the list it shows, letter
/// after letter, as a click does.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_keystroke_over_a_long_list_counts_the_sidebar_once_the_list_is_painted() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let all = data.ids();
    let number: HashMap<&str, u32> = (0u32..).zip(&all).map(|(n, id)| (id.as_str(), n)).collect();
    // The year the most articles name (their texts give dates): a list of thousands.
    let (word, found) = (2000..2030)
        .map(|year| {
            let word = year.to_string();
            let (found, _) = data.search(&word, None);
            (word, found)
        })
        .max_by_key(|(_, found)| found.len())
        .expect("years");
    assert!(
        found.len() > 5000,
        "{word:?} finds {} articles",
        found.len()
    );
    let numbers: Vec<u32> = found.iter().map(|id| number[id.as_str()]).collect();
    let in_view = counts_over(&data, &numbers);
    let people: serde_json::Map<String, Value> = in_view
        .iter()
        .filter(|(id, _)| id.starts_with("per-"))
        .map(|(id, n)| (id.clone(), Value::from(*n)))
        .collect();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    wait_for_first(&browser, "the first page of cards", &all).await;
    browser.type_into(INPUT, &word).await;
    wait_for_first(&browser, &format!("the results for {word:?}"), &found).await;
    browser
        .wait_until(
            "the people's group counting the results",
            &format!(
                "const expected = {};
                 const shown = Array.from(document.querySelectorAll(\
                   \"section[aria-labelledby='facets-per'] button.facet\"));
                 return shown.length === 10 && shown.every(b =>
                   expected[b.dataset.entity] === Number(b.querySelector('.count').textContent.replace(/\\s/g, '')));",
                Value::Object(people)
            ),
        )
        .await;
    assert_facets(&browser, &data, "per", 10, &in_view).await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Files and bytes of every file under `dir`, as a host counts them.
fn files_and_bytes(dir: &Path) -> (u64, u64) {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir).expect("a readable site directory") {
        let entry = entry.expect("a directory entry");
        let kind = entry.file_type().expect("a file type");
        if kind.is_dir() {
            let (files, bytes) = files_and_bytes(&entry.path());
            total = (total.0 + files, total.1 + bytes);
        } else {
            total = (
                total.0 + 1,
                total.1 + entry.metadata().expect("metadata").len(),
            );
        }
    }
    total
}

/// The whole 10,000-article site (the app, the Try it page, every pre-rendered page and the
/// data) fits the common static hosts, as issue 9 set it: at most 20,000 files (Cloudflare Pages'
/// free plan) and 250 MB. Not a browser test: it runs whenever the site was built.
#[test]
fn the_10000_article_site_fits_common_static_hosts() {
    let Some(root) = large_site() else { return };
    let (files, bytes) = files_and_bytes(&root);
    let mb = bytes as f64 / 1e6;
    eprintln!("{}: {files} files, {mb:.1} MB", root.display());
    assert!(files <= 20_000, "{files} files: more than 20,000");
    assert!(bytes <= 250_000_000, "{mb:.1} MB: more than 250 MB");
}

/// A chip of an entity of a single article, clicked on a card that a search showed from its card
/// page before the whole site is there, filters from that entity's file of single-article
/// entities alone: the card page's record says the entity is of one article, whose posting file
/// does not list it (schema 2.10), so the app asks for no posting file (it used to ask for it
/// first, then, not finding the entity there, for the singles file: a round trip more).
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_a_chip_of_a_single_article_entity_filters_from_its_singles_file_alone() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let (browser, _, _, found) = search_before_the_whole_site(&site, &data).await;
    read_down_to_first(&browser, "the search's first page from card pages", &found).await;
    let chips: Vec<String> = serde_json::from_value(
        browser
            .client
            .execute(
                "return Array.from(document.querySelectorAll('article.card button.chip')).map(b => b.dataset.entity);",
                vec![],
            )
            .await
            .expect("reading the chips"),
    )
    .expect("chips");
    let lone = (chips.iter())
        .find(|id| data.mentioning(id).len() == 1)
        .expect("a chip of a single-article entity on the search's first cards")
        .clone();
    let before = site.server().requested("/data/postings/");
    let singles = site.server().requested("/data/singles/");
    browser
        .click(&format!("article.card button.chip[data-entity='{lone}']"))
        .await;
    let only = [data.id(data.mentioning(&lone)[0])];
    browser
        .wait_until(
            &format!("the view of {lone} and the word: its one article, the whole site held"),
            &format!(
                "return location.search.includes('entity={lone}') && {};",
                cards_are(&only)
            ),
        )
        .await;
    assert_eq!(
        site.server().requested("/data/postings/"),
        before,
        "a posting file asked for the view of {lone}, of a single article"
    );
    assert_eq!(
        site.server().requested("/data/singles/").len(),
        singles.len() + 1,
        "{lone}'s file of single-article entities asked for"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// Coming back (the browser's back) to a search shown from card pages that the reader had read
/// down shows at once as many of its cards as the reader had shown, the card of the article
/// opened focused: its list grows a screenful at a time only as the reader nears its end, and
/// the card come back to is further down than its first screenful.
#[tokio::test(flavor = "multi_thread")]
async fn at_scale_coming_back_to_a_search_read_down_shows_the_cards_the_reader_had_shown() {
    let Some((site, data)) = large_data() else {
        return;
    };
    let (browser, _, word, found) = search_before_the_whole_site(&site, &data).await;
    assert!(found.len() > PAGE, "{word}: {} results", found.len());
    // Read down to at least three screenfuls.
    let read = 3 * SEARCH_SCREEN;
    read_down_until(
        &browser,
        "the results read down to three screenfuls",
        &cards_are_first_of(&found[..PAGE], read),
    )
    .await;
    let shown = browser.card_ids().await.len();
    let opened = &found[read - 1];
    open_from_card(&browser, opened).await;
    browser.back().await;
    browser
        .wait_for_focused_card("the card come back to, focused", opened)
        .await;
    browser
        .wait_until(
            "as many cards as the reader had shown",
            &format!("return {};", cards_are_first_of(&found[..PAGE], shown)),
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
