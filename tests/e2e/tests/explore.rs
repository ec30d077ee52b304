//! Exploring the archive, in a real headless Chromium: an entity's page ranks the entities it
//! goes with by association, shows its mentions over time (a chart with its text alternative)
//! and exports its articles as CSV and JSON; an article's page lists related articles with the
//! entities they share. Each is checked against what the model computes natively from the same
//! files, on the demo data with more articles about Koursk, and on the 10,000-article site when
//! `scripts/test` built it (`KIOSQUE_LARGE_SITE`). The home page's timeline and its language,
//! source and year groups filter the view as the model does, in the URL; the sidebar's entity
//! finder lists what the model finds after each keystroke.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`); a bare `cargo test` skips them with a message.

use std::path::PathBuf;

use kiosque_e2e::{Browser, Site, cards_are, koursk_inputs, large_site, ready};
use kiosque_model::cooccurrence::co_occurring;
use kiosque_model::export::{to_csv, to_json};
use kiosque_model::index::Corpus;
use kiosque_model::refine::refine;
use kiosque_model::related::related;
use kiosque_model::timeline::{Timeline, timeline};
use kiosque_model::ui::{Language, Noun};
use kiosque_model::{EntityId, Label, Selection};

/// The site's data as the model reads it, checked.
fn corpus_of(site: &Site) -> Corpus {
    kiosque_model::validate::corpus(site.read_all().0).value
}

/// The interface's language of the page shown (`<html lang>`).
async fn interface(browser: &Browser) -> Language {
    let lang = browser
        .eval_string("return document.documentElement.lang;")
        .await;
    Language::from_code(&lang).unwrap_or_else(|| panic!("not an interface language: {lang:?}"))
}

/// The texts of the elements matching `css`, as a JSON array read back.
async fn texts(browser: &Browser, css: &str) -> Vec<String> {
    let json = browser
        .eval_string(&format!(
            "return JSON.stringify(Array.from(document.querySelectorAll({css:?})).map(e => e.textContent));"
        ))
        .await;
    serde_json::from_str(&json).unwrap_or_default()
}

/// Has the browser save its downloads in a new directory, which it returns.
async fn save_downloads(browser: &Browser) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    browser
        .cdp(
            "Browser.setDownloadBehavior",
            serde_json::json!({ "behavior": "allow", "downloadPath": dir.path() }),
        )
        .await
        .expect("downloads allowed");
    dir
}

/// Follows the download link `css` as a reader would (a click), the browser saving downloads
/// in a new directory: the name of the file saved and its text. The file is made when the link
/// is followed, then the link's address is its Blob URL and the app follows it. A view that is
/// still settling may put a new link in the place of the one clicked (its address `#` again):
/// the click is then made again, on the new link, with a new directory, so that only a download
/// of the link as it stands is read.
async fn download(browser: &Browser, css: &str) -> (String, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let dir = save_downloads(browser).await;
        browser.click(css).await;
        let made = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut href = String::new();
        while std::time::Instant::now() < made {
            href = browser.attr(css, "href").await.unwrap_or_default();
            if href.starts_with("blob:") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if !href.starts_with("blob:") {
            assert!(
                attempts < 5 && std::time::Instant::now() < deadline,
                "a Blob URL after {attempts} clicks: {href}"
            );
            continue;
        }
        return saved_file(dir.path(), css, deadline).await;
    }
}

/// The one file saved in `dir` once the browser has finished writing it: its name and text.
async fn saved_file(
    dir: &std::path::Path,
    css: &str,
    deadline: std::time::Instant,
) -> (String, String) {
    loop {
        let saved: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("the download directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        if let [file] = saved.as_slice()
            && !file.to_string_lossy().ends_with(".crdownload")
        {
            let text = std::fs::read_to_string(file).expect("the file saved");
            if !text.is_empty() {
                let name = file
                    .file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned();
                return (name, text);
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no file saved from {css}: {saved:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The entity page of `entity` (its own page): the company list, the timeline and both exports
/// are what the model computes from the site's data; none of them is in the pre-rendered page.
async fn check_entity_page(browser: &Browser, site: &Site, corpus: &Corpus, entity: &str) {
    let id = EntityId::new(entity).expect("a valid id");
    browser.open(&site.url(&format!("/entity/{entity}/"))).await;
    browser
        .wait_until(
            "the entity page's timeline",
            "return !!document.querySelector('#main .timeline svg[role=img] rect');",
        )
        .await;
    // Often mentioned with: by association, as the model ranks them.
    let company: Vec<String> = co_occurring(corpus, &id)
        .into_iter()
        .filter(|c| c.entity.label != Label::Date)
        .take(12)
        .map(|c| c.entity.name.clone())
        .collect();
    assert_eq!(
        texts(browser, "#main .entity-company a.entity-link bdi").await,
        company
    );
    // Mentions over time: one bar per period, a summary the chart is labelled by, a table.
    let positions = corpus.positions_mentioning(&id);
    let expected = timeline(
        positions
            .iter()
            .map(|&p| corpus.article_at(p).and_then(|a| a.published.as_deref())),
    );
    assert_eq!(
        browser.count("#main .timeline svg rect").await,
        expected.bins.len()
    );
    let language = interface(browser).await;
    // The list says how it is ranked: its counts alone would not explain its order.
    assert_eq!(
        texts(browser, "#main .entity-company .company-order").await,
        [language.messages().often_with_order]
    );
    assert_eq!(
        texts(browser, "#main .timeline-summary").await,
        [language.timeline_summary(&expected)]
    );
    let labelled_by = browser
        .attr("#main .timeline svg", "aria-labelledby")
        .await
        .unwrap_or_default();
    assert!(
        labelled_by.contains("entity-timeline-summary"),
        "{labelled_by}"
    );
    let counts: Vec<String> = expected
        .bins
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| language.number(b.count as usize))
        .collect();
    assert_eq!(texts(browser, "#main .timeline-table td").await, counts);
    // Export: the entity's articles, newest first, as the model writes them. The page is shown
    // from its files (schema 2.6): its download asks for the whole site first, by a button.
    browser.click("#main .export button.export-prepare").await;
    browser
        .wait_until(
            "the entity's export links",
            "return !!document.querySelector(\"#main .export a[download$='.csv']\");",
        )
        .await;
    let (file, csv) = download(browser, "#main .export a[download$='.csv']").await;
    assert_eq!(file, format!("kiosque-{entity}.csv"));
    assert_eq!(csv, format!("\u{feff}{}", to_csv(corpus, &positions)));
    assert_eq!(csv.matches("\r\n").count(), positions.len() + 1);
    let (file, json) = download(browser, "#main .export a[download$='.json']").await;
    assert_eq!(file, format!("kiosque-{entity}.json"));
    assert_eq!(json, to_json(corpus, &positions));
    // Drawn by the app: the static page carries none of it.
    let page = std::fs::read_to_string(site.root().join(format!("entity/{entity}/index.html")))
        .expect("the entity's pre-rendered page");
    for class in ["timeline", "export-link", "related-articles"] {
        assert!(!page.contains(class), "{class} in the pre-rendered page");
    }
}

/// A date's page and the sidebar's dates group name the day in the interface's language, from
/// its value, whatever the data's name says.
async fn check_date_names(browser: &Browser, site: &Site, corpus: &Corpus) {
    let date = (corpus.entities().iter())
        .filter(|e| e.label == Label::Date && e.value.as_deref().is_some_and(|v| v.len() == 10))
        .max_by_key(|e| e.articles)
        .expect("a dated day");
    // Its own page when two articles name it, else the shell page (as the app links it).
    let page = if date.articles > 1 {
        format!("/entity/{}/", date.id)
    } else {
        format!("/entity/?id={}", date.id)
    };
    browser.open(&site.url(&page)).await;
    browser
        .wait_until(
            "the date's page",
            "return document.documentElement.lang !== '' && !!document.querySelector('#entity-title');",
        )
        .await;
    let language = interface(browser).await;
    let name = language.entity_name(date).into_owned();
    let month = date
        .value
        .as_deref()
        .and_then(|v| v.get(5..7))
        .expect("a month");
    let month_name = language
        .month(month.parse().expect("a number"))
        .expect("a month's name");
    assert!(
        name.contains(month_name),
        "{name} names its month as {month_name}"
    );
    assert_eq!(
        texts(browser, "#main h1").await,
        std::slice::from_ref(&name)
    );
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "the sidebar's dates",
            &format!(
                "return !!document.querySelector('nav.sidebar button.facet[data-entity=\"{}\"]');",
                date.id
            ),
        )
        .await;
    assert_eq!(
        texts(
            browser,
            &format!("nav.sidebar button.facet[data-entity=\"{}\"] bdi", date.id)
        )
        .await,
        [name]
    );
}

/// A link that repeats `entity` (`?entity=a&entity=b`, as other tools write lists) filters by
/// every entity it names, as `entity=a,b` does.
async fn check_repeated_entity_parameters(browser: &Browser, site: &Site, corpus: &Corpus) {
    let ids: Vec<&str> = (corpus.entities().iter())
        .filter(|e| e.label != Label::Date)
        .take(2)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    browser
        .open(&site.url(&format!("/?entity={}&entity={}", ids[0], ids[1])))
        .await;
    browser
        .wait_until(
            "a pill for each entity of the link",
            "return document.querySelectorAll('.filter-bar .pills li').length === 2;",
        )
        .await;
    let mentioning = |id: &str| corpus.positions_mentioning(&EntityId::new(id).expect("an id"));
    let second = mentioning(ids[1]);
    let count = (mentioning(ids[0]).iter())
        .filter(|p| second.contains(p))
        .count();
    assert!(count > 0, "{ids:?} share an article");
    browser
        .wait_until(
            "the cards of both entities",
            &format!(
                "return document.querySelectorAll('#results article.card').length === {count};"
            ),
        )
        .await;
}

/// The related articles the model finds for article `id`: their page addresses and the names
/// of the entities each shares, rarest first (at most 4, as the page names them in `language`).
/// An article as related articles list it: its address, the shared entities named, its date.
type RelatedItem = (String, Vec<String>, Option<String>);

fn expected_related(corpus: &Corpus, id: &str, language: Language) -> Vec<RelatedItem> {
    let number = corpus.numbers_of([id])[0];
    let position = corpus.position_of_number(number).expect("the article");
    related(corpus, position, 5)
        .into_iter()
        .map(|r| {
            let article = corpus.article_at(r.article).expect("an article");
            let names = r
                .shared
                .iter()
                .take(4)
                .map(|&e| {
                    language
                        .entity_name(&corpus.entities()[e as usize])
                        .into_owned()
                })
                .collect();
            (
                format!("/article/{}/", article.id),
                names,
                article.published.clone(),
            )
        })
        .collect()
}

/// The related articles the page shows: link paths and the names given as the reason.
async fn shown_related(browser: &Browser) -> Vec<RelatedItem> {
    let json = browser
        .eval_string(
            "return JSON.stringify(Array.from(document.querySelectorAll('#main .related-articles li')).map(li => [new URL(li.querySelector('a').href).pathname, Array.from(li.querySelectorAll('.related-why bdi')).map(b => b.textContent), li.querySelector('.related-facts time')?.getAttribute('datetime') ?? null]));",
        )
        .await;
    serde_json::from_str(&json).unwrap_or_default()
}

/// From the entity page of `entity` (the whole site loaded), its first article's page lists the
/// related articles the model finds; opened directly, the page offers to find them, and finds
/// the same from the posting files and card pages, without the whole site.
async fn check_related(browser: &Browser, site: &Site, corpus: &Corpus, entity: &str) {
    browser.open(&site.url(&format!("/entity/{entity}/"))).await;
    // The page shows from its files (schema 2.6): the download's button loads the whole site.
    browser.click("#main .export button.export-prepare").await;
    browser
        .wait_until(
            "the whole site, its export links",
            "return !!document.querySelector(\"#main .export a[download$='.csv']\");",
        )
        .await;
    let first = browser
        .attr("#main .entity-articles article.card", "data-article-id")
        .await
        .expect("a card");
    let expected = expected_related(corpus, &first, interface(browser).await);
    assert!(!expected.is_empty(), "{first} has related articles");
    browser
        .click("#main .entity-articles article.card .card-title a")
        .await;
    browser
        .wait_until(
            "the related articles",
            "return document.querySelectorAll('#main .related-articles li').length > 0;",
        )
        .await;
    assert_eq!(shown_related(browser).await, expected);
    // Opened directly: nothing loaded beyond the article until asked.
    browser.open(&site.url(&format!("/article/{first}/"))).await;
    browser
        .wait_until(
            "the offer to find related articles",
            "return !!document.querySelector('#main button.related-load');",
        )
        .await;
    browser.click("#main button.related-load").await;
    check_related_from_parts(browser, &expected, "the related articles, asked for").await;
    // Before the app, a reader at the article's end sees the offer too: in the pre-rendered
    // file its button is hidden (without a script it would do nothing), the start script shows
    // it, and its press starts the app, which finds them.
    let file = std::fs::read_to_string(site.root().join(format!("article/{first}/index.html")))
        .expect("the article's pre-rendered page");
    let tag = (file
        .split("<button")
        .find(|t| t.contains("id=\"related-load\"")))
    .and_then(|t| t.split('>').next())
    .expect("the offer of related articles in the pre-rendered page");
    assert!(
        tag.contains(" hidden"),
        "hidden until the app can run: <button{tag}>"
    );
    browser
        .open_pre_rendered(&site.url(&format!("/article/{first}/")))
        .await;
    browser
        .wait_until(
            "the pre-rendered offer shown, the app not started",
            "const b = document.querySelector('#prerender button#related-load'); return !!b && b.offsetParent !== null;",
        )
        .await;
    browser.click("#prerender button#related-load").await;
    check_related_from_parts(
        browser,
        &expected,
        "the related articles, asked for before the app ran",
    )
    .await;
}

/// Once related articles were asked for on an article opened directly: they are `expected`,
/// the focus on their heading (the button went), found from the posting files of its entities
/// and the card pages of the answers, no summary page or entity part (the whole site) fetched.
async fn check_related_from_parts(browser: &Browser, expected: &[RelatedItem], what: &str) {
    browser
        .wait_until(
            what,
            "return !document.getElementById('prerender') && document.querySelectorAll('#main .related-articles li').length > 0;",
        )
        .await;
    assert_eq!(
        browser
            .eval_string("return document.activeElement.id;")
            .await,
        "related-articles-heading"
    );
    assert_eq!(shown_related(browser).await, expected);
    let fetched = browser
        .eval_string(
            "return performance.getEntriesByType('resource').map(r => new URL(r.name).pathname).filter(p => /^\\/data\\/(summaries|entities|postings|cards)\\//.test(p)).join(' ');",
        )
        .await;
    assert!(
        fetched.contains("/data/postings/") && fetched.contains("/data/cards/"),
        "the related articles from posting files and card pages: {fetched}"
    );
    assert!(
        !fetched.contains("/data/summaries/") && !fetched.contains("/data/entities/"),
        "no part of the whole site fetched for the related articles: {fetched}"
    );
}

/// The home page filtered by `entity` offers the view's articles as CSV and JSON, as the model
/// writes them; the unfiltered home page offers every article.
async fn check_home_export(browser: &Browser, site: &Site, corpus: &Corpus, entity: &str) {
    let id = EntityId::new(entity).expect("a valid id");
    browser.open(&site.url(&format!("/?entity={entity}"))).await;
    let link = "#results .export a[download$='.csv']";
    browser
        .wait_until(
            "the filtered view's export links",
            &format!("return !!document.querySelector(\"{link}\");"),
        )
        .await;
    let positions = corpus.positions_mentioning(&id);
    assert!(
        positions.len() < corpus.total_articles(),
        "a filter that leaves some out"
    );
    // The tab's title names the view.
    let language = interface(browser).await;
    let name = language
        .entity_name(corpus.entity(&id).expect("the entity"))
        .into_owned();
    browser
        .wait_until(
            "the view's title",
            // Each name bidi-isolated, then the view's part as a whole ([`full_title`]).
            &format!(
                "return document.title.startsWith('\\u2068\\u2068' + {name:?} + '\\u2069\\u2069 · ');"
            ),
        )
        .await;
    let (file, csv) = download(browser, link).await;
    // Named after the view.
    assert_eq!(file, format!("kiosque-{entity}.csv"));
    assert_eq!(csv, format!("\u{feff}{}", to_csv(corpus, &positions)));
    let (_, json) = download(browser, "#results .export a[download$='.json']").await;
    assert_eq!(json, to_json(corpus, &positions));
}

/// The file of every article of a large site is made a piece at a time: the page gets turns
/// while it is made (a timer set as the link is followed fires before the file is ready, where a
/// file made at once was ready before any timer), says it is preparing it, and the file
/// downloaded is whole, as the model writes it.
async fn check_every_article_exported_in_pieces(browser: &Browser, site: &Site, corpus: &Corpus) {
    browser.open(&site.url("/")).await;
    browser
        .click("#results .export button.export-prepare")
        .await;
    let link = "#results .export a[download$='.json']";
    browser
        .wait_until(
            "every article's export links",
            &format!("return !!document.querySelector({link:?});"),
        )
        .await;
    let dir = save_downloads(browser).await;
    browser
        .eval_string(&format!(
            "const link = document.querySelector({link:?});
             const seen = window.__kqExport = {{ turn: null, status: false }};
             new MutationObserver(() => {{
               if (document.querySelector('#results .export-status')?.textContent) seen.status = true;
             }}).observe(document.body, {{ subtree: true, childList: true, characterData: true }});
             link.click();
             setTimeout(() => {{ seen.turn = !link.getAttribute('href').startsWith('blob:'); }}, 0);
             return '';"
        ))
        .await;
    browser
        .wait_until(
            "the file made",
            &format!(
                "return document.querySelector({link:?}).getAttribute('href').startsWith('blob:') \
                 && window.__kqExport.turn !== null;"
            ),
        )
        .await;
    assert!(
        browser.eval_bool("return window.__kqExport.turn;").await,
        "the page had no turn while the file was made"
    );
    assert!(
        browser.eval_bool("return window.__kqExport.status;").await,
        "nothing said the file was being prepared"
    );
    browser
        .wait_until(
            "the status gone",
            "return !document.querySelector('#results .export-status').textContent;",
        )
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let (file, json) = saved_file(dir.path(), link, deadline).await;
    assert_eq!(file, "kiosque-articles.json");
    let all: Vec<u32> = (0..corpus.articles().len() as u32).collect();
    assert!(all.len() >= 10_000, "{} articles", all.len());
    assert!(
        json == to_json(corpus, &all),
        "the file is not every article's"
    );
}

/// From a filtered home page, an article page offers the articles shown before and after it
/// and following them walks the view in its order; an article opened directly offers none.
async fn check_previous_and_next(browser: &Browser, site: &Site, corpus: &Corpus, entity: &str) {
    let id = EntityId::new(entity).expect("a valid id");
    let ids = ids_at(corpus, &corpus.positions_mentioning(&id));
    assert!(ids.len() >= 3, "a view of three articles or more");
    browser.open(&site.url(&format!("/?entity={entity}"))).await;
    // Once the whole site is there (its export links say so), the list can be followed.
    browser
        .wait_until(
            "the filtered view, whole",
            "return !!document.querySelector(\"#results .export a[download$='.csv']\");",
        )
        .await;
    browser.walk_list_from_second_card(&ids).await;
    // Opened directly (a new visit), an article has no list to walk.
    browser
        .open(&site.url(&format!("/article/{}/", ids[1])))
        .await;
    browser
        .wait_until(
            "the article opened directly",
            "return !document.getElementById('prerender') && !!document.querySelector('#main .article-body');",
        )
        .await;
    assert_eq!(browser.count(".list-neighbours").await, 0);
}

/// The ids of the articles at `positions`, in order.
fn ids_at(corpus: &Corpus, positions: &[u32]) -> Vec<String> {
    positions
        .iter()
        .filter_map(|&p| corpus.article_at(p))
        .map(|a| a.id.clone())
        .collect()
}

/// Waits until the home page shows the view the model computes for `selection` over every
/// article: its count, its first cards in order, the URL's query as [`Selection::params`].
async fn wait_for_view(browser: &Browser, corpus: &Corpus, selection: &Selection, what: &str) {
    let all: Vec<u32> = (0..corpus.articles().len() as u32).collect();
    let visible = refine(corpus, &all, selection).visible;
    assert!(!visible.is_empty(), "{what}: a view with articles");
    let first: Vec<String> = ids_at(corpus, &visible).into_iter().take(30).collect();
    let count = interface(browser).await.count(visible.len(), Noun::Article);
    browser
        .wait_until(
            what,
            &format!(
                "return document.getElementById('results-count').textContent === {count:?} && {};",
                cards_are(&first)
            ),
        )
        .await;
    // The URL's parameters, decoded (a source such as "Wikinews (français)" is written
    // percent-encoded), hold the selection's.
    let url = browser.url().await;
    let pairs: Vec<(String, String)> = url::Url::parse(&url)
        .expect("the page's URL")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (key, value) in selection.params() {
        assert!(
            pairs.iter().any(|(k, v)| k == key && v == value),
            "{what}: {key}={value:?} not in {url}"
        );
    }
}

/// Presses Shift+Enter: a keyboard reader's Shift-click.
async fn shift_enter(browser: &Browser) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let (shift, enter) = (char::from(Key::Shift), char::from(Key::Enter));
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: enter })
        .then(KeyAction::Up { value: enter })
        .then(KeyAction::Up { value: shift });
    browser
        .client
        .perform_actions(actions)
        .await
        .expect("Shift+Enter pressed");
}

/// Clicks the timeline's bar `css` once the chart is scrolled to it, as a reader scrolls to a
/// bar before choosing it (WebDriver's own scrolling does not bring into view a bar that its
/// box has scrolled out sideways, in the sticky sidebar).
async fn click_bar(browser: &Browser, css: &str) {
    assert!(
        browser
            .eval_bool(&format!(
                "document.querySelector({css:?}).scrollIntoView({{block: 'center', inline: 'center'}}); return true;"
            ))
            .await
    );
    browser.click(css).await;
}

/// Opens the home page until its timeline's bars are drawn: their selector, and the chart the
/// model draws of the whole site.
async fn open_home_timeline(
    browser: &Browser,
    site: &Site,
    corpus: &Corpus,
) -> (&'static str, Timeline) {
    browser.open(&site.url("/")).await;
    let bars = "#home-timeline-bars button";
    browser
        .wait_until(
            "the home timeline",
            &format!("return document.querySelectorAll({bars:?}).length > 0;"),
        )
        .await;
    (
        bars,
        timeline(corpus.articles().iter().map(|a| a.published.as_deref())),
    )
}

/// The home page's timeline wider than its box: it opens on its newest bars, names the years
/// (or months) that begin under them, and a switch stands in for Shift: with it on, a second
/// bar chosen extends the period to it, as a phone reader needs.
async fn check_home_timeline_opening(browser: &Browser, site: &Site, corpus: &Corpus) {
    let (bars, chart) = open_home_timeline(browser, site, corpus).await;
    assert!(
        chart.bins.len() > 40,
        "{} bars: not wider than its box",
        chart.bins.len()
    );
    let scroll = "document.querySelector('#home-timeline-bars').closest('.timeline-scroll')";
    browser
        .wait_at_this_width(
            "the chart scrolled to its newest bars",
            &format!(
                "const s = {scroll}; return s.scrollWidth > s.clientWidth + 100 \
                 && s.scrollLeft > 0 && s.scrollLeft + s.clientWidth >= s.scrollWidth - 2;"
            ),
        )
        .await;
    // Under the bars: the names of the periods that begin, each under its bar.
    let language = interface(browser).await;
    let axis = texts(browser, "#home-timeline-bars ~ .timeline-axis span").await;
    assert_eq!(axis.len(), chart.bins.len());
    let begins = chart.ticks(1);
    let named: Vec<usize> = (0..axis.len()).filter(|&i| !axis[i].is_empty()).collect();
    assert!(named.len() >= 2, "{named:?}");
    for &i in &named {
        assert!(
            begins.contains(&i),
            "bar {i} ({}) begins no period",
            chart.bins[i].start
        );
        assert_eq!(axis[i], language.tick(chart.unit, &chart.bins[i].start));
    }
    // The newest bar with articles, then the switch, then the one before it with articles.
    let with_articles: Vec<usize> = (0..chart.bins.len())
        .filter(|&i| chart.bins[i].count > 0)
        .collect();
    let (&last, &before) = (with_articles.last().zip(with_articles.iter().rev().nth(1)))
        .expect("two bars with articles");
    let bar = |i: usize| format!("{bars}[data-from='{}']", chart.bins[i].from);
    assert_eq!(
        browser.count(".timeline-extend").await,
        0,
        "no switch before a period"
    );
    click_bar(browser, &bar(last)).await;
    let one =
        Selection::default().with_period(Some(&chart.bins[last].from), Some(&chart.bins[last].to));
    wait_for_view(browser, corpus, &one, "the newest bar's period").await;
    browser
        .wait_at_this_width(
            "the switch, once a period is chosen",
            "return !!document.querySelector('.timeline-extend[aria-pressed=false]');",
        )
        .await;
    browser.click(".timeline-extend").await;
    click_bar(browser, &bar(before)).await;
    let both = Selection::default()
        .with_period(Some(&chart.bins[before].from), Some(&chart.bins[last].to));
    wait_for_view(browser, corpus, &both, "the period extended by the switch").await;
    browser
        .wait_at_this_width(
            "the bars of the period pressed",
            &format!(
                "return document.querySelectorAll(\"{bars}[aria-pressed='true']\").length === {};",
                last - before + 1
            ),
        )
        .await;
    // On a phone the chart is in the drawer, laid out only when it opens: opened on a chosen
    // bar far from the newest, it shows that bar.
    let older = &chart.bins[with_articles[with_articles.len() / 3]];
    browser
        .open(&site.url(&format!("/?from={}&to={}", older.from, older.to)))
        .await;
    browser.resize(360).await;
    browser
        .wait_at_this_width(
            "the drawer's toggle",
            "const t = document.getElementById('drawer-toggle'); \
             return !!t && t.offsetWidth > 0 && !!document.querySelector('#home-timeline-bars button');",
        )
        .await;
    browser.click("#drawer-toggle").await;
    browser
        .wait_at_this_width(
            "the chosen bar in view in the opened drawer",
            &format!(
                "const s = document.querySelector('#home-timeline-bars').closest('.timeline-scroll'); \
                 const b = document.querySelector(\"{bars}[data-from='{}']\"); \
                 if (!s || !b || s.clientWidth === 0) return false; \
                 const r = b.getBoundingClientRect(), v = s.getBoundingClientRect(); \
                 return s.scrollLeft > 0 && r.left >= v.left && r.right <= v.right;",
                older.from
            ),
        )
        .await;
    browser.resize(1280).await;
}

/// The keyboard on the home page's chart and filters: the chart is one tab stop (its newest bar
/// with articles), whose arrow keys, Home and End move between its bars, the focus and the tab
/// stop together; removing a filter by its button leaves the focus on the filter that took its
/// place, or on the results once none is left ("clear all" too), never on the page's body.
async fn check_keyboard_on_chart_and_filters(browser: &Browser, site: &Site, corpus: &Corpus) {
    use fantoccini::key::Key;
    let (bars, chart) = open_home_timeline(browser, site, corpus).await;
    let newest = (0..chart.bins.len())
        .rev()
        .find(|&i| chart.bins[i].count > 0)
        .expect("a bar with articles");
    assert!(newest > 0, "one bar: nothing to move between");
    let stop = |i: usize| {
        format!(
            "const stops = document.querySelectorAll(\"{bars}[tabindex='0']\"); \
             return stops.length === 1 && stops[0].dataset.from === {:?} \
             && document.querySelectorAll(\"{bars}[tabindex='-1']\").length === {};",
            chart.bins[i].from,
            chart.bins.len() - 1
        )
    };
    browser
        .wait_at_this_width("one tab stop, the newest bar with articles", &stop(newest))
        .await;
    let focused = |i: usize| {
        format!(
            "return document.activeElement?.matches({bars:?}) && document.activeElement.dataset.from === {:?};",
            chart.bins[i].from
        )
    };
    assert!(
        browser
            .eval_bool(&format!(
                "document.querySelector(\"{bars}[tabindex='0']\").focus(); return true;"
            ))
            .await
    );
    browser.press(Key::Left).await;
    browser
        .wait_at_this_width("the bar before, by the left arrow", &focused(newest - 1))
        .await;
    browser
        .wait_at_this_width("the tab stop with it", &stop(newest - 1))
        .await;
    browser.press(Key::Home).await;
    browser
        .wait_at_this_width("the first bar, by Home", &focused(0))
        .await;
    browser.press(Key::End).await;
    let last = chart.bins.len() - 1;
    browser
        .wait_at_this_width("the last bar, by End", &focused(last))
        .await;
    browser.press(Key::Tab).await;
    assert!(
        !browser
            .eval_bool(&format!(
                "return !!document.activeElement?.matches({bars:?});"
            ))
            .await,
        "one Tab leaves the chart"
    );
    browser.press_shift_tab().await;
    browser
        .wait_at_this_width("Shift+Tab back on the bar left", &focused(last))
        .await;

    // Two filters: the last one's button removed, the focus on the one left; that one removed,
    // on the results; "clear all", on the results.
    let mut entities: Vec<&str> = (0u32..)
        .zip(corpus.entities())
        .filter(|&(p, e)| e.label != Label::Date && corpus.article_count(p) > 0)
        .map(|(_, e)| e.id.as_str())
        .take(2)
        .collect();
    entities.sort_unstable();
    let two = format!("/?entity={}&entity={}", entities[0], entities[1]);
    let pills = ".filter-bar .pill-remove";
    let focus_last_pill = format!(
        "const b = document.querySelectorAll({pills:?}); \
         if (b.length !== 2) return false; b[1].focus(); return document.activeElement === b[1];"
    );
    browser.open(&site.url(&two)).await;
    browser
        .wait_at_this_width(
            "two filters, the last one's button focused",
            &focus_last_pill,
        )
        .await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width(
            "one filter left, its button focused",
            &format!(
                "const b = document.querySelectorAll({pills:?}); \
                 return b.length === 1 && document.activeElement === b[0];"
            ),
        )
        .await;
    browser.press(Key::Enter).await;
    let on_results = format!(
        "return document.querySelectorAll({pills:?}).length === 0 \
         && document.activeElement?.id === 'results';"
    );
    browser
        .wait_at_this_width("no filter left, the focus on the results", &on_results)
        .await;
    browser.open(&site.url(&two)).await;
    browser
        .wait_at_this_width(
            "two filters, \"clear all\" focused",
            "const b = document.querySelector('.filter-bar .clear-all'); \
             if (!b) return false; b.focus(); return document.activeElement === b;",
        )
        .await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width("cleared, the focus on the results", &on_results)
        .await;
}

/// The home page's timeline: a bar keeps its period (in the URL, its bar pressed, the cards and
/// count the model's), Shift+Enter on another extends it, a reload and back/forward keep it,
/// the filter bar clears it; the export is the period's. Then a source and a language, with
/// the period: AND across groups.
async fn check_home_time_and_facets(browser: &Browser, site: &Site, corpus: &Corpus) {
    let (bars, chart) = open_home_timeline(browser, site, corpus).await;
    assert_eq!(browser.count(bars).await, chart.bins.len());
    // The busiest bar, then the next one with articles (either side).
    let busiest = (0..chart.bins.len())
        .max_by_key(|&i| chart.bins[i].count)
        .expect("a bar");
    let bin = &chart.bins[busiest];
    let bar = |from: &str| format!("{bars}[data-from='{from}']");
    click_bar(browser, &bar(&bin.from)).await;
    let period = Selection::default().with_period(Some(&bin.from), Some(&bin.to));
    wait_for_view(browser, corpus, &period, "the view of the busiest bar").await;
    // The foot of the sidebar (its groups, the chart) follows the list a frame later.
    browser
        .wait_at_this_width(
            "the busiest bar pressed",
            &format!(
                "return document.querySelector({:?}).getAttribute('aria-pressed') === 'true';",
                bar(&bin.from)
            ),
        )
        .await;
    // Every card of the period is dated within it.
    let (first, last) = bin.days();
    let all: Vec<u32> = (0..corpus.articles().len() as u32).collect();
    for p in refine(corpus, &all, &period).visible {
        let date = corpus.article_at(p).and_then(|a| a.published.clone());
        let day = date
            .as_deref()
            .and_then(|d| kiosque_model::timeline::period_days(d.get(..10).unwrap_or(d)));
        assert!(
            day.is_some_and(|(d, _)| first <= d && d <= last),
            "{date:?}"
        );
    }
    let (_, csv) = download(browser, "#results .export a[download$='.csv']").await;
    assert_eq!(
        csv,
        format!(
            "\u{feff}{}",
            to_csv(corpus, &refine(corpus, &all, &period).visible)
        )
    );
    let other = (0..chart.bins.len())
        .filter(|&i| i != busiest && chart.bins[i].count > 0)
        .min_by_key(|&i| i.abs_diff(busiest));
    let mut kept = period.clone();
    if let Some(other) = other {
        let (lo, hi) = (busiest.min(other), busiest.max(other));
        assert!(
            browser
                .eval_bool(&format!(
                    "document.querySelector({:?}).focus(); return true;",
                    bar(&chart.bins[other].from)
                ))
                .await
        );
        shift_enter(browser).await;
        kept =
            Selection::default().with_period(Some(&chart.bins[lo].from), Some(&chart.bins[hi].to));
        wait_for_view(browser, corpus, &kept, "the view of two bars (Shift+Enter)").await;
        browser
            .wait_at_this_width(
                "the two bars and those between pressed",
                &format!(
                    "return document.querySelectorAll(\"{bars}[aria-pressed='true']\").length === {};",
                    hi - lo + 1
                ),
            )
            .await;
    }
    // A reload and the history keep it.
    let url = browser.url().await;
    browser.open(&url).await;
    wait_for_view(browser, corpus, &kept, "the period after a reload").await;
    if kept != period {
        browser.back().await;
        wait_for_view(browser, corpus, &period, "the first bar's period, back").await;
        browser.forward().await;
        wait_for_view(browser, corpus, &kept, "the two bars' period, forward").await;
    }
    // The most common source of the period, then its most common language: AND.
    let refined = refine(corpus, &all, &kept);
    if let Some(source) = refined.sources.first() {
        browser
            .click(&format!(
                "nav.sidebar button[data-field='source'][data-value={:?}]",
                source.value
            ))
            .await;
        let with_source = kept.toggled_source(&source.value);
        wait_for_view(browser, corpus, &with_source, "the period and a source").await;
        let lang = refine(corpus, &all, &with_source)
            .langs
            .first()
            .map(|l| l.value.clone())
            .expect("a language");
        browser
            .click(&format!(
                "nav.sidebar button[data-field='lang'][data-value='{lang}']"
            ))
            .await;
        let with_lang = with_source.toggled_lang(&lang);
        wait_for_view(
            browser,
            corpus,
            &with_lang,
            "the period, a source, a language",
        )
        .await;
        // The language group counts over the period and the source.
        let language = interface(browser).await;
        let expected = refine(corpus, &all, &with_lang)
            .langs
            .iter()
            .find(|l| l.value == lang)
            .map(|l| language.number(l.count as usize))
            .expect("the language counted");
        browser
            .wait_at_this_width(
                "the language's count over the period and the source",
                &format!(
                    "return document.querySelector(\"nav.sidebar button[data-field='lang'][data-value='{lang}'] .count\").textContent === {expected:?};"
                ),
            )
            .await;
        // The period's chip removes the period only.
        browser.click(".filter-bar .pill-period .pill-remove").await;
        wait_for_view(browser, corpus, &with_lang.without_period(), "no period").await;
        assert!(!browser.url().await.contains("from="));
    }
    browser.click(".filter-bar .clear-all").await;
    wait_for_view(browser, corpus, &Selection::default(), "every article").await;
}

/// The languages, sources and period explain an empty list, and only an empty one: under the
/// cards of a language no message, for a language no article has (alone, or after a search
/// that found articles) the message and a way out.
async fn check_empty_only_when_empty(browser: &Browser, site: &Site, corpus: &Corpus) {
    let langs: Vec<String> = corpus
        .articles()
        .iter()
        .filter_map(|a| a.lang.as_deref().map(str::to_ascii_lowercase))
        .collect();
    let lang = langs.first().expect("an article with a language");
    browser.open(&site.url(&format!("/?lang={lang}"))).await;
    browser
        .wait_until(
            "the cards of a language, with the whole site's groups",
            "return document.querySelectorAll('article.card').length > 0 \
             && !!document.querySelector(\"nav.sidebar button[data-field='lang']\");",
        )
        .await;
    assert_eq!(
        browser.count("#results .empty").await,
        0,
        "a message under cards"
    );
    let absent = ["de", "es", "it", "nl", "pt", "ru"]
        .into_iter()
        .find(|l| !langs.iter().any(|have| have == l))
        .expect("a language no article has");
    // A word of an article's title, which the search finds.
    let word = corpus
        .articles()
        .iter()
        .flat_map(|a| a.title.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 6)
        .map(str::to_ascii_lowercase)
        .next()
        .expect("a title word");
    for query in [format!("lang={absent}"), format!("q={word}&lang={absent}")] {
        browser.open(&site.url(&format!("/?{query}"))).await;
        let reason = interface(browser).await.messages().no_article_field;
        browser
            .wait_until(
                &format!("the reason of an empty list ({query})"),
                &format!(
                    "const empty = document.querySelector('#results .empty'); \
                     return document.querySelectorAll('article.card').length === 0 \
                     && !!empty && empty.textContent.includes({reason:?}) \
                     && !!empty.querySelector('button.clear-all');"
                ),
            )
            .await;
    }
}

/// A value of the URL that is no date or language: shown, removable, no article matches it.
async fn check_invalid_period(browser: &Browser, site: &Site, corpus: &Corpus) {
    browser.open(&site.url("/?from=2024-13")).await;
    browser
        .wait_until(
            "the invalid bound shown",
            "return document.querySelectorAll('article.card').length === 0              && !!document.querySelector('.filter-bar .pill-unknown');",
        )
        .await;
    browser
        .click(".filter-bar .pill-unknown .pill-remove")
        .await;
    wait_for_view(
        browser,
        corpus,
        &Selection::default(),
        "the invalid bound removed",
    )
    .await;
}

/// The place most articles mention.
fn most_mentioned_place(corpus: &Corpus) -> &kiosque_model::Entity {
    corpus
        .entities()
        .iter()
        .filter(|e| e.label == Label::Place)
        .max_by_key(|e| corpus.positions_mentioning(&e.id).len())
        .expect("the site has places")
}

/// The sidebar's entity groups as the page lists them (not the home page's language, source and
/// year groups under them): per group shown, its heading's text, the entities of its
/// rows in order and whether it offers more; the message when no group is listed.
async fn shown_groups(browser: &Browser) -> (Vec<(String, Vec<String>, bool)>, Option<String>) {
    let json = browser
        .eval_string(
            "return JSON.stringify({ groups: Array.from(document.querySelectorAll('nav.sidebar section.facet-group:not(.app-only)')).map(s => [ \
                s.querySelector('.facet-heading').textContent, \
                Array.from(s.querySelectorAll('button.facet')).map(b => b.dataset.entity), \
                !!s.querySelector('button.show-more-facets') ]), \
              empty: (document.querySelector('nav.sidebar .facets-empty') || {}).textContent });",
        )
        .await;
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let groups = serde_json::from_value(value["groups"].clone()).unwrap_or_default();
    (groups, value["empty"].as_str().map(str::to_owned))
}

/// The entity finder as one types, one key at a time: after each keystroke, a deleted letter
/// and the text replaced, the sidebar lists what the model lists for that query over the home
/// page's articles: the same groups, headed by how many entities match, their first rows the
/// model's first in order, "show more" when there are more; a query nothing matches says so.
async fn check_entity_finder(browser: &Browser, site: &Site, corpus: &Corpus, word: &str) {
    use fantoccini::key::Key;
    use kiosque_model::facets::FacetCounts;
    use kiosque_model::sidebar::{EntityQuery, sidebar_groups};
    browser.open(&site.url("/")).await;
    // The whole site there (the chart of the view is drawn from it alone): typed on the first
    // screen, the finder lists the first screen's entities, which the model's list is not.
    browser
        .wait_until(
            "the home page with the whole site's sidebar",
            "return document.querySelectorAll('nav.sidebar button.facet').length > 0 \
             && !!document.querySelector('#home-timeline-bars button') \
             && !document.querySelector('[aria-busy=\"true\"]');",
        )
        .await;
    let language = interface(browser).await;
    let all: Vec<u32> = (0..corpus.articles().len() as u32).collect();
    let visible = refine(corpus, &all, &Selection::default()).visible;
    let counts = FacetCounts::new(corpus, &visible);
    let (backspace, control, release) = (
        char::from(Key::Backspace).to_string(),
        char::from(Key::Control),
        char::from(Key::Null),
    );
    let letters: Vec<char> = word.chars().collect();
    let typed = |n: usize| letters[..n].iter().collect::<String>();
    let mut steps: Vec<(String, String)> = (1..=letters.len())
        .map(|n| (letters[n - 1].to_string(), typed(n)))
        .collect();
    steps.push((backspace, typed(letters.len() - 1)));
    steps.push((format!("{control}a{release}trump"), "trump".to_owned()));
    steps.push((format!("{control}a{release}zqxw"), "zqxw".to_owned()));
    for (keys, query) in steps {
        browser.type_into("#entity-search", &keys).await;
        let expected = sidebar_groups(
            corpus,
            &counts,
            &Selection::default(),
            &EntityQuery::new(&query),
            |_| usize::MAX,
            Language::En,
        );
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let (shown, empty) = shown_groups(browser).await;
            let same = shown.len() == expected.len()
                && shown
                    .iter()
                    .zip(&expected)
                    .all(|((heading, ids, more), group)| {
                        let first: Vec<&str> = group.rows.iter().map(|r| r.id.as_str()).collect();
                        *heading
                            == language
                                .with_count(language.label_plural(group.label), group.matched)
                            && !ids.is_empty()
                            && first.get(..ids.len()).is_some_and(|f| f == ids.as_slice())
                            && *more == (ids.len() < group.matched)
                    })
                && (expected.is_empty() == empty.is_some());
            if same {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the finder's list for {query:?}: shown {shown:?} (empty: {empty:?}), the model's {:?}",
                expected
                    .iter()
                    .map(|g| (
                        g.label,
                        g.matched,
                        g.rows
                            .iter()
                            .take(12)
                            .map(|r| r.id.as_str())
                            .collect::<Vec<_>>()
                    ))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

/// Runs `check` in a fresh browser on the demo data with more articles about Koursk, then
/// requires a console without errors.
async fn on_demo(check: impl AsyncFnOnce(&Browser, &Site, &Corpus)) {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    check_in_browser(&site, check).await;
}

/// Runs `check` in a fresh browser on the 10,000-article site, when `scripts/test` built it.
async fn on_large_site(check: impl AsyncFnOnce(&Browser, &Site, &Corpus)) {
    if !ready() {
        return;
    }
    let Some(root) = large_site() else {
        return;
    };
    check_in_browser(&Site::existing(root), check).await;
}

async fn check_in_browser(site: &Site, check: impl AsyncFnOnce(&Browser, &Site, &Corpus)) {
    let corpus = corpus_of(site);
    let browser = Browser::new().await;
    check(&browser, site, &corpus).await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_entity_finder_lists_what_the_model_finds_as_one_types_deletes_and_replaces() {
    on_demo(async |browser, site, corpus| {
        check_entity_finder(browser, site, corpus, "kours").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_entity_finder_at_10000_articles() {
    on_large_site(async |browser, site, corpus| {
        // The start of the name of the place most articles mention: many entities share its
        // first letters, fewer each letter.
        let word: String = most_mentioned_place(corpus)
            .name
            .to_lowercase()
            .chars()
            .take(5)
            .collect();
        check_entity_finder(browser, site, corpus, &word).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_timeline_and_the_language_source_and_year_groups_filter_the_demo() {
    on_demo(async |browser, site, corpus| {
        check_home_time_and_facets(browser, site, corpus).await;
        check_keyboard_on_chart_and_filters(browser, site, corpus).await;
        check_invalid_period(browser, site, corpus).await;
        check_empty_only_when_empty(browser, site, corpus).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_timeline_and_groups_at_10000_articles() {
    on_large_site(async |browser, site, corpus| {
        check_home_timeline_opening(browser, site, corpus).await;
        check_home_time_and_facets(browser, site, corpus).await;
        check_keyboard_on_chart_and_filters(browser, site, corpus).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entity_page_shows_its_company_timeline_and_exports_and_articles_follow_the_view_on_the_demo()
 {
    on_demo(async |browser, site, corpus| {
        check_entity_page(browser, site, corpus, "loc-kursk").await;
        check_date_names(browser, site, corpus).await;
        check_repeated_entity_parameters(browser, site, corpus).await;
        check_related(browser, site, corpus, "loc-kursk").await;
        check_home_export(browser, site, corpus, "loc-kursk").await;
        check_previous_and_next(browser, site, corpus, "loc-kursk").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entity_page_and_related_articles_at_10000_articles() {
    on_large_site(async |browser, site, corpus| {
        // The place most articles mention: the longest timeline, export and company list.
        let entity = most_mentioned_place(corpus).id.as_str().to_owned();
        check_entity_page(browser, site, corpus, &entity).await;
        check_related(browser, site, corpus, &entity).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_file_of_every_article_at_10000_articles_is_made_while_the_page_answers() {
    on_large_site(check_every_article_exported_in_pieces).await;
}
