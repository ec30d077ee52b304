//! What a reader does, in a real headless Chromium against the built site on a plain static
//! server: see the cards, filter by an entity, share the link, open an article directly.
//!
//! Data served with faults is in `faults.rs`, hostile data and rebuilt sites in `hostile.rs`.
//! Every page these tests wait for is also checked for sideways overflow at 360 and 1280 px
//! (`kiosque_e2e::browser`).
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`, after `trunk build --release`); they need
//! chromium and chromedriver. A bare `cargo test` skips them with a message.

use std::path::PathBuf;

use kiosque_e2e::{Browser, Site, ready, repo};

const TEASERS: [&str; 5] = ["Xiaomi", "Robbie Williams", "PSG", "Pokémon", "Kolo Muani"];

/// The demo data as built: the seed article.
fn seed_article_id() -> String {
    let site = std::fs::read_to_string(kiosque_e2e::dist().join("data/site.json"))
        .expect("dist/data/site.json");
    let site: serde_json::Value = serde_json::from_str(&site).expect("valid site.json");
    site["first"]["articles"][0]["id"]
        .as_str()
        .expect("an article id")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_site_shows_cards_filters_by_koursk_leads_back_to_it_from_an_article_and_the_link_reopens_it()
 {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_any_card("cards").await;
    assert_eq!(browser.card_ids().await, [seed_article_id()]);
    assert!(browser.count("nav.sidebar button.facet").await >= 8);
    browser.screenshot("home").await;

    browser.click("button.facet[data-entity='loc-kursk']").await;
    browser
        .wait_until(
            "the filter in the URL",
            "return location.search.includes('entity=loc-kursk');",
        )
        .await;
    browser
        .wait_until(
            "Koursk to be pressed",
            "return document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') === 'true';",
        )
        .await;
    let shared = browser.url().await;

    // An article opened from the filtered view leads back to that view, not to every article.
    let words = kiosque_model::ui::Language::Fr.messages();
    browser.click(".card-title a").await;
    browser
        .wait_until(
            "the article page's way back to the list",
            &format!(
                "return document.querySelector('.article-page .back a')?.textContent === {:?};",
                words.back_to_list
            ),
        )
        .await;
    let back = browser
        .attr(".article-page .back a", "href")
        .await
        .unwrap_or_default();
    assert!(back.contains("entity=loc-kursk"), "{back}");
    // A mention followed to its entity's page, then the browser's back: the article still
    // leads back to the filtered view (the entity page's list is not the one it was opened
    // from).
    browser.click(".article-body a.mention.mention-per").await;
    browser
        .wait_until(
            "the person's page",
            "return location.pathname.startsWith('/entity/') && !!document.querySelector('.entity-page h1') \
             && document.querySelectorAll('.entity-articles article.card').length > 0;",
        )
        .await;
    browser.back().await;
    browser
        .wait_until(
            "the article again, its way back still to the filtered view",
            &format!(
                "const a = document.querySelector('.article-page .back a'); \
                 return location.pathname.startsWith('/article/') && !!a && a.textContent === {:?} \
                 && a.getAttribute('href').includes('entity=loc-kursk');",
                words.back_to_list
            ),
        )
        .await;
    browser.click(".article-page .back a").await;
    browser
        .wait_until(
            "the filtered view again",
            "return location.search.includes('entity=loc-kursk') && document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') === 'true';",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;

    // The link, opened by a colleague in a fresh browser, shows the same view.
    let colleague = Browser::new().await;
    colleague.open(&shared).await;
    colleague.wait_for_any_card("cards").await;
    assert_eq!(
        colleague
            .attr("button.facet[data-entity='loc-kursk']", "aria-pressed")
            .await
            .as_deref(),
        Some("true")
    );
    assert_eq!(colleague.card_ids().await, [seed_article_id()]);
    colleague.screenshot("home-filtered").await;
    colleague.assert_no_console_errors().await;
    colleague.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_article_link_opened_directly_shows_highlighted_mentions_the_tweet_and_no_teasers() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    let id = seed_article_id();
    browser.open(&site.url(&format!("/article/{id}/"))).await;
    browser
        .wait_until(
            "the article body",
            "return document.querySelectorAll('.article-body a.mention').length > 0;",
        )
        .await;
    let mentions = browser.count(".article-body a.mention").await;
    assert!(mentions >= 20, "only {mentions} highlighted mentions");
    assert!(browser.count(".article-body a.mention.mention-per").await >= 2);
    assert!(browser.count(".article-body a.mention.mention-loc").await >= 10);
    let href = browser
        .attr(".article-body a.mention[href$='?id=loc-kursk']", "href")
        .await
        .unwrap_or_default();
    // Koursk is in this article alone: the shell page shows it (no page of its own).
    assert!(href.ends_with("/entity/?id=loc-kursk"), "{href}");
    let text = browser.text().await;
    assert!(text.contains("Kourakhove"));
    for teaser in TEASERS {
        assert!(!text.contains(teaser), "teaser text {teaser:?} is shown");
    }
    assert_eq!(browser.count("figure.embed").await, 1);
    let tweet = browser
        .client
        .execute(
            "return document.querySelector('figure.embed').innerText;",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    assert!(
        tweet.contains("@silvano_trotta") && tweet.contains("drapeaux ukrainiens"),
        "{tweet}"
    );
    assert_eq!(browser.count("section.related li").await, 2);
    browser.screenshot("article").await;

    // Following a mention opens the entity's page.
    browser
        .click(".article-body a.mention[href$='?id=loc-kursk']")
        .await;
    browser.wait_until("the entity page", "return location.pathname.endsWith('/entity/') && location.search === '?id=loc-kursk' && document.querySelector('h1#entity-title')?.innerText === 'Koursk';").await;
    browser.screenshot("entity").await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A card's entity chip filters the home page by its entity; an entity page's cards have no
/// chips (the page lists the entities mentioned with its own).
#[tokio::test(flavor = "multi_thread")]
async fn a_card_s_chip_filters_by_its_entity_and_entity_pages_list_cards_without_chips() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "a card's chips",
            "return document.querySelectorAll('article.card button.chip').length > 0;",
        )
        .await;
    let id = browser
        .attr("article.card button.chip", "data-entity")
        .await
        .expect("a chip names its entity");
    browser.click("article.card button.chip").await;
    browser
        .wait_until(
            "the chip's entity in the URL",
            &format!("return location.search.includes('entity={id}');"),
        )
        .await;
    browser
        .wait_until(
            "the chip pressed",
            &format!("return document.querySelector(\"article.card button.chip[data-entity='{id}']\")?.getAttribute('aria-pressed') === 'true';"),
        )
        .await;
    browser.open(&site.url(&format!("/entity/?id={id}"))).await;
    browser
        .wait_until(
            "the entity page's cards",
            "return document.querySelectorAll('.entity-articles article.card').length > 0;",
        )
        .await;
    assert_eq!(browser.count("article.card button.chip").await, 0);
    browser.assert_no_console_errors().await;
    browser.close().await;
}

fn fixture_inputs() -> Vec<PathBuf> {
    vec![repo().join("demo"), repo().join("tests/e2e/fixtures")]
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_combine_with_and_and_counts_follow_the_view() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&fixture_inputs());
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser
        .wait_until(
            "three cards",
            "return document.querySelectorAll('article.card').length === 3;",
        )
        .await;
    browser.click("button.facet[data-entity='loc-kursk']").await;
    browser
        .wait_until(
            "two cards",
            "return document.querySelectorAll('article.card').length === 2;",
        )
        .await;
    let ids = browser.card_ids().await;
    assert!(ids.iter().all(|id| !id.contains("kyiv")), "{ids:?}");
    browser.click("button.facet[data-entity='loc-kyiv']").await;
    browser
        .wait_until(
            "one card",
            "return document.querySelectorAll('article.card').length === 1;",
        )
        .await;
    assert!(browser.url().await.contains("loc-kursk"));
    assert!(browser.url().await.contains("loc-kyiv"));
    let count = browser
        .client
        .execute("return document.querySelector(\"button.facet[data-entity='loc-kursk'] .count\").innerText;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned));
    assert_eq!(count.as_deref(), Some("1"));
    browser.screenshot("home-and-filter").await;
    // Back goes to the previous view.
    browser.client.back().await.expect("back");
    browser
        .wait_until(
            "two cards again",
            "return document.querySelectorAll('article.card').length === 2;",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_and_not_found_states_explain_themselves() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let browser = Browser::new().await;

    browser.open(&site.url("/?entity=loc-nowhere")).await;
    browser
        .wait_until(
            "an empty result",
            "return document.body.innerText.includes('loc-nowhere');",
        )
        .await;
    assert_eq!(browser.count("article.card").await, 0);

    // A page whose article is no longer in the data.
    let stale = site.root().join("article/no-such-article");
    std::fs::create_dir_all(&stale).expect("mkdir");
    std::fs::copy(site.root().join("404.html"), stale.join("index.html")).expect("copy");
    browser.open(&site.url("/article/no-such-article/")).await;
    browser
        .wait_until(
            "the not-found view",
            "return !!document.querySelector('.not-found');",
        )
        .await;
    browser.screenshot("not-found").await;

    // A link to an entity's own page that the site no longer has (its entity now in a single
    // article: its page is the shell's), answered with the not-found page as static hosts do:
    // that page starts the app at once, which knows the address, without waiting for a use.
    let stale = site.root().join("entity/loc-kursk");
    std::fs::create_dir_all(&stale).expect("mkdir");
    std::fs::copy(site.root().join("404.html"), stale.join("index.html")).expect("copy");
    browser
        .open_pre_rendered(&site.url("/entity/loc-kursk/"))
        .await;
    browser
        .wait_until(
            "the entity's page from the not-found page",
            "return !document.getElementById('prerender') && !!document.querySelector('h1#entity-title');",
        )
        .await;
    std::fs::remove_dir_all(&stale).expect("rm");

    browser.close().await;
}

/// The console check above must be able to fail: a page that logs an error is caught.
#[tokio::test(flavor = "multi_thread")]
async fn the_console_check_sees_errors() {
    if !ready() {
        return;
    }
    let browser = Browser::new().await;
    browser
        .client
        .goto("data:text/html,<script>console.error('boom'); missingFunction();</script>")
        .await
        .expect("navigation");
    let errors = browser.console_errors().await;
    assert!(errors.iter().any(|e| e.contains("boom")), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("missingFunction")),
        "{errors:?}"
    );
    browser.close().await;
}

/// The article and entity pages are wasm pieces loaded on demand (docs/wasm-split.md): the home
/// page's first load fetches none of them, and the pointer resting on an article's link (or the
/// keyboard's focus on a mention's link) fetches that page's pieces before the click.
#[tokio::test(flavor = "multi_thread")]
async fn a_page_s_wasm_piece_is_fetched_when_a_link_to_it_is_pointed_at_not_before() {
    if !ready() {
        return;
    }
    let site = Site::dist();
    let Some([article, shared, entity]) = site.app_pieces() else {
        return;
    };
    let fetched = |piece: &str| {
        format!(
            "return performance.getEntriesByType('resource').some(e => new URL(e.name).pathname === {piece:?});"
        )
    };
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_any_card("cards").await;
    for piece in [&article, &shared, &entity] {
        assert!(
            !browser.eval_bool(&fetched(piece)).await,
            "{piece} is fetched by the home page's first load"
        );
    }
    // The pointer moved onto the first card's title link (the middle of its first line), and
    // left there.
    browser.point_at(".card-title a").await;

    for piece in [&article, &shared] {
        browser
            .wait_until(&format!("{piece} fetched on pointing"), &fetched(piece))
            .await;
    }
    assert!(
        !browser.eval_bool(&fetched(&entity)).await,
        "pointing at an article's link fetched the entity page's piece"
    );
    // The pointer away in the page's corner, and the link clicked from the page: no pointer
    // rests on the article's links once it is shown.
    browser.point_away().await;
    browser
        .eval_bool("document.querySelector('.card-title a').click(); return true;")
        .await;
    browser
        .wait_until(
            "the article",
            "return !!document.querySelector('.article-page #article-title');",
        )
        .await;
    assert!(
        !browser.eval_bool(&fetched(&entity)).await,
        "the article page fetched the entity page's piece before a link to it was focused"
    );
    // A mention's link to its entity's page, focused from the keyboard.
    assert!(
        browser
            .eval_bool(
                "const a = document.querySelector('.article-page a[href*=\"entity/\"]'); if (a) a.focus(); return !!a && document.activeElement === a;",
            )
            .await,
        "no link to an entity's page to focus in the article"
    );
    browser
        .wait_until(&format!("{entity} fetched on focus"), &fetched(&entity))
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A press on a pre-rendered button starts the app, which may take the page's place before the
/// button is released (a click lasts 80 ms or more): the release on the app's button is the
/// click the reader meant, applied; a press dragged away and released elsewhere is none.
#[tokio::test(flavor = "multi_thread")]
async fn a_press_held_while_the_app_takes_the_page_s_place_clicks_where_it_is_released() {
    if !ready() {
        return;
    }
    use kiosque_e2e::server::Fault;
    let site = Site::dist();
    let facet = "button.facet[data-entity='loc-kursk']";
    let pressed = format!(
        "return location.search.includes('entity=loc-kursk') && document.querySelector(\"{facet}\")?.getAttribute('aria-pressed') === 'true';"
    );
    let browser = Browser::new().await;
    let wasm = {
        browser.open_pre_rendered(&site.url("/")).await;
        browser.app_wasm().await
    };
    // Released elsewhere; released on it; and clicked once, then pressed again and held, as a
    // reader does when nothing seems to happen (the same wish, not its undoing).
    for round in ["dragged away", "held", "clicked, then held"] {
        let drag_away = round == "dragged away";
        browser.clear_cache().await;
        browser.open_pre_rendered(&site.url("/")).await;
        browser.wait_for_any_card("the pre-rendered cards").await;
        browser.point_away().await;
        let asked = site.server().hits(&wasm);
        // The app held back until the button is down, so that it takes the page's place while
        // the button is still held.
        site.server().set(&wasm, Fault::Hold);
        let at = browser.middle_of(facet).await;
        if round == "clicked, then held" {
            browser.press_at(at).await;
            browser.release_at(at).await;
        }
        browser.press_at(at).await;
        site.server().wait_for_hits(&wasm, asked + 1);
        site.server().clear(&wasm);
        browser
            .wait_at_this_width(
                "the app's page in the pre-rendered page's place",
                "return !document.getElementById('prerender');",
            )
            .await;
        let release = if drag_away {
            browser.middle_of("#results-count").await
        } else {
            browser.middle_of(facet).await
        };
        browser.release_at(release).await;
        if drag_away {
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            assert!(
                !browser.eval_bool(&pressed).await,
                "a press dragged off the button and released elsewhere was taken for a click"
            );
        } else {
            browser
                .wait_at_this_width(
                    "the facet pressed while the app started to be applied",
                    &pressed,
                )
                .await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            assert!(
                browser.eval_bool(&pressed).await,
                "the facet pressed while the app started was clicked twice ({round})"
            );
        }
    }
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A page whose app's wasm the server holds, and the search index's meta file (`meta`) asked
/// for `meta_asked` times before that page, once since: the start script's request.
#[derive(Clone, Copy)]
struct Held<'a> {
    site: &'a Site,
    wasm: &'a str,
    meta: &'a str,
    meta_asked: usize,
}

impl<'a> Held<'a> {
    /// `path` opened afresh (the browser's cache cleared), the app held again: the `Held` of that
    /// visit (the meta file's requests so far) and how many times the app's wasm was asked for
    /// before it.
    async fn reopen(&self, browser: &Browser, path: &str) -> (Held<'a>, usize) {
        browser.clear_cache().await;
        let server = self.site.server();
        let (asked, meta_asked) = (server.hits(self.wasm), server.hits(self.meta));
        server.set(self.wasm, kiosque_e2e::server::Fault::Hold);
        browser.open_pre_rendered(&self.site.url(path)).await;
        let held = Held {
            meta_asked,
            ..*self
        };
        (held, asked)
    }

    /// Lets the app come, waits until `shown` (the search answered), and checks that the app
    /// took the start script's request for the meta file instead of asking again.
    async fn release_until_searched(self, browser: &Browser, what: &str, shown: &str) {
        self.site.server().clear(self.wasm);
        browser.wait_until(what, shown).await;
        assert_eq!(
            self.site.server().hits(self.meta),
            self.meta_asked + 1,
            "the app asked for the search index's meta file again instead of taking the request sent beside it ({what})"
        );
    }
}

/// Every page is pre-rendered and read without the app: the app's wasm and glue are fetched when
/// the reader first reaches for a control (docs/wasm-split.md, "The app on first use"), not
/// while the reader reads or points at a link; what the reader did on the pre-rendered page
/// until the app takes its place is carried over: a facet clicked is applied, a search typed is
/// searched, with the focus and the text in the app's search box. (The app's wasm is held by
/// the server until the reader has acted: a slow network.)
#[tokio::test(flavor = "multi_thread")]
async fn the_app_starts_on_the_first_use_of_a_control_and_carries_over_what_the_reader_did() {
    if !ready() {
        return;
    }
    use kiosque_e2e::server::Fault;
    let site = Site::dist();
    let fetched_app = "return performance.getEntriesByType('resource').some(e => /kiosque-app-[0-9a-f]+(_bg\\.wasm|\\.js)$/.test(new URL(e.name).pathname));";
    let browser = Browser::new().await;
    browser.open_pre_rendered(&site.url("/")).await;
    browser.wait_for_any_card("the pre-rendered cards").await;
    assert!(
        browser.waits_for_use().await,
        "the home page does not wait for a first use"
    );
    let wasm = browser.app_wasm().await;
    // Reading, scrolling and pointing at an article's link fetch no app.
    browser.point_at(".card-title a").await;
    browser
        .eval_bool("window.scrollTo(0, document.body.scrollHeight); return true;")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(
        !browser.eval_bool(fetched_app).await,
        "the app was fetched before any control was used"
    );
    assert_eq!(site.server().hits(&wasm), 0, "the app's wasm was asked for");

    // A facet clicked on the pre-rendered page while the app loads, and clicked again, as a
    // reader does when nothing seems to happen: applied once it is there, not undone.
    let facet = "button.facet[data-entity='loc-kursk']";
    let loader = browser
        .attr("script[data-loader]", "data-loader")
        .await
        .expect("the start script names the pieces' loader");
    // The file that says the facet's articles, which the view filtered by it starts from: for
    // Koursk, of the demo's one article, its file of single-article entities rather than its
    // posting file, which does not list it (schema 2.10); then the card pages of that view's
    // first articles.
    let prefetch = browser
        .attr(facet, "data-prefetch")
        .await
        .expect("the facet names the file of its articles");
    let mut named = prefetch
        .split(' ')
        .map(|url| url.split('?').next().unwrap_or_default());
    let single = named.next().unwrap_or_default().to_owned();
    let cards: Vec<String> = named.map(str::to_owned).collect();
    assert!(single.starts_with("/data/singles/"), "{prefetch}");
    assert!(
        !cards.is_empty() && cards.iter().all(|c| c.starts_with("/data/cards/")),
        "the facet names the card pages of its first articles: {prefetch}"
    );
    site.server().set(&wasm, Fault::Hold);
    browser.click(facet).await;
    site.server().wait_for_hits(&wasm, 1);
    // The site data's first file, the pieces' loader (which the app's glue imports), the
    // facet's file of single-article entities and its first card pages are asked for beside
    // the app, not once the app is there.
    site.server().wait_for_hits("/data/site.json", 1);
    site.server().wait_for_hits(&loader, 1);
    site.server().wait_for_hits(&single, 1);
    for card in &cards {
        site.server().wait_for_hits(card, 1);
    }
    browser.click(facet).await;
    assert!(
        browser.waits_for_use().await,
        "the pre-rendered page left before the app was there"
    );
    // The app starts at the facet's view (its address given at once, one history entry), so
    // that the first page it draws is that view, not every article and then the click's.
    assert!(
        browser
            .eval_bool("return location.search === '?entity=loc-kursk' && !!document.getElementById('prerender');")
            .await,
        "the facet's view was not the address the app starts at"
    );
    let entries = browser.eval_string("return String(history.length);").await;
    browser
        .eval_bool(
            "window.__kqFirstPage = null;              const first = new MutationObserver(() => {                if (document.getElementById('prerender')) return;                first.disconnect();                window.__kqFirstPage = location.search + ' ' + (document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') ?? 'no facet');              });              first.observe(document.body, { childList: true, subtree: true }); return true;",
        )
        .await;
    site.server().clear(&wasm);
    // At this width only: the layout check of `wait_until` lays the page out at a phone's width,
    // where the sidebar is a closed drawer, and the focus leaves the hidden facet.
    browser
        .wait_at_this_width(
            "the facet clicked before the app started to be applied",
            "return !document.getElementById('prerender') && location.search.includes('entity=loc-kursk') && document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') === 'true';",
        )
        .await;
    let focused = browser
        .eval_string("return document.activeElement?.outerHTML.slice(0, 100) ?? 'nothing';")
        .await;
    assert!(
        focused.starts_with("<button class=\"facet\"")
            && focused.contains("data-entity=\"loc-kursk\""),
        "the focus the click gave the facet was not carried over to the app's facet: {focused}"
    );
    assert_eq!(
        browser.eval_string("return window.__kqFirstPage;").await,
        "?entity=loc-kursk true",
        "the app's first page was not the view of the facet clicked before it started"
    );
    assert_eq!(
        browser.eval_string("return String(history.length);").await,
        entries,
        "the app made another history entry for the facet's view"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        browser
            .eval_bool("return location.search.includes('entity=loc-kursk');")
            .await,
        "the facet clicked twice before the app started was undone"
    );
    let first_files = [
        ("/data/site.json", "site.json"),
        (
            single.as_str(),
            "the facet's file of single-article entities",
        ),
        (loader.as_str(), "the pieces' loader"),
    ];
    let card_files = cards
        .iter()
        .map(|c| (c.as_str(), "a card page of its first articles"));
    for (path, what) in first_files.into_iter().chain(card_files) {
        assert_eq!(
            site.server().hits(path),
            1,
            "the app asked for {what} again instead of taking the request sent beside it"
        );
    }
    // The app knows Koursk is of a single article (the first screen says so): it never asked
    // for a posting file, which does not list it.
    assert_eq!(
        site.server().requested("/data/postings/"),
        Vec::<String>::new(),
        "a posting file asked for a view of a single-article entity"
    );
    // Back leaves the facet's view for the page it was clicked on, as after the app's own click.
    browser.back().await;
    browser
        .wait_until(
            "back to every article",
            "return location.search === '' && document.querySelector(\"button.facet[data-entity='loc-kursk']\")?.getAttribute('aria-pressed') === 'false' && document.querySelectorAll('article.card').length > 0;",
        )
        .await;

    // A facet clicked once the app has started but before it shows its page (its site data
    // held): carried over all the same, applied.
    browser.clear_cache().await;
    browser.open_pre_rendered(&site.url("/")).await;
    browser.wait_for_any_card("the pre-rendered cards").await;
    site.server().set("/data/site.json", Fault::Hold);
    browser.start_app().await;
    browser
        .wait_until(
            "the app started, its site data held",
            "return !!window.wasmBindings && !!document.getElementById('prerender');",
        )
        .await;
    browser.click(facet).await;
    site.server().clear("/data/site.json");
    browser
        .wait_until(
            "the facet clicked while the app waited for its data to be applied",
            &format!("return !document.getElementById('prerender') && location.search.includes('entity=loc-kursk') && document.querySelector(\"{facet}\")?.getAttribute('aria-pressed') === 'true';"),
        )
        .await;

    // A link to the facet's view (shared, opened directly): the app starts at once, and the
    // file of the facet's articles (Koursk's file of single-article entities) and its first card
    // pages are asked for beside it, not once `site.json` is there (held here); the app takes
    // those requests.
    browser.clear_cache().await;
    let single_asked = site.server().hits(&single);
    let cards_asked: Vec<usize> = cards.iter().map(|c| site.server().hits(c)).collect();
    site.server().set("/data/site.json", Fault::Hold);
    browser
        .open_pre_rendered(&site.url("/?entity=loc-kursk"))
        .await;
    site.server().wait_for_hits(&single, single_asked + 1);
    for (card, asked) in cards.iter().zip(&cards_asked) {
        site.server().wait_for_hits(card, asked + 1);
    }
    site.server().clear("/data/site.json");
    browser
        .wait_until(
            "the linked view of the facet to be shown",
            &format!("return !document.getElementById('prerender') && document.querySelector(\"{facet}\")?.getAttribute('aria-pressed') === 'true' && document.querySelectorAll('article.card').length > 0;"),
        )
        .await;
    assert_eq!(
        site.server().hits(&single),
        single_asked + 1,
        "the app asked for the linked facet's file of single-article entities again instead of taking the request sent beside it"
    );
    for (card, asked) in cards.iter().zip(&cards_asked) {
        assert_eq!(
            site.server().hits(card),
            asked + 1,
            "the app asked for {card} again instead of taking the request sent beside it"
        );
    }

    // A search typed into the pre-rendered page's search box while the app loads: searched
    // once it is there, the reader's text and focus in the app's search box.
    browser.clear_cache().await;
    browser.open_pre_rendered(&site.url("/")).await;
    browser.wait_for_any_card("the pre-rendered cards").await;
    let asked = site.server().hits(&wasm);
    // The search index's meta file, which a search needs first: named by the home page's search
    // box, asked for beside the app when the box is pressed, and taken by the app's search.
    let meta = {
        let data = std::fs::read_to_string(site.root().join("data/site.json")).expect("site.json");
        let data: serde_json::Value = serde_json::from_str(&data).expect("site.json is JSON");
        format!(
            "/data/{}",
            data["search"]
                .as_str()
                .expect("the site names its search index")
        )
    };
    let meta_asked = site.server().hits(&meta);
    site.server().set(&wasm, Fault::Hold);
    browser.click("#site-search").await;
    site.server().wait_for_hits(&wasm, asked + 1);
    site.server().wait_for_hits(&meta, meta_asked + 1);
    browser.type_keys("koursk").await;
    assert!(
        browser
            .eval_bool("return !!document.getElementById('prerender') && document.activeElement?.value === 'koursk';")
            .await,
        "the text was not typed into the pre-rendered page's search box"
    );
    let held = Held {
        site: &site,
        wasm: &wasm,
        meta: &meta,
        meta_asked,
    };
    held.release_until_searched(
        &browser,
        "the search typed before the app started to be searched",
        "return !document.getElementById('prerender') && location.search.includes('q=koursk') && document.activeElement?.id === 'site-search' && document.activeElement.value === 'koursk' && document.querySelectorAll('article.card').length > 0;",
    )
    .await;
    // An article page's search box does not name the meta file: the first letter typed asks for
    // it once `site.json`, which names it, has come (the app held meanwhile).
    let (on_article, asked) = held
        .reopen(&browser, &format!("/article/{}/", seed_article_id()))
        .await;
    browser.click("#site-search").await;
    site.server().wait_for_hits(&wasm, asked + 1);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        site.server().hits(&meta),
        on_article.meta_asked,
        "an article page's search box asked for the meta file before a letter was typed"
    );
    browser.type_keys("koursk").await;
    site.server()
        .wait_for_hits(&meta, on_article.meta_asked + 1);
    on_article
        .release_until_searched(
            &browser,
            "the search typed on an article page to be searched",
            "return !document.getElementById('prerender') && location.search.includes('q=koursk') && document.querySelectorAll('article.card').length > 0;",
        )
        .await;

    // A link to a search: the meta file asked for beside the app too (the app held), and taken.
    let (linked, asked) = held.reopen(&browser, "/?q=koursk").await;
    site.server().wait_for_hits(&wasm, asked + 1);
    site.server().wait_for_hits(&meta, linked.meta_asked + 1);
    linked
        .release_until_searched(
            &browser,
            "the linked search to be searched",
            "return !document.getElementById('prerender') && document.querySelectorAll('article.card').length > 0;",
        )
        .await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}
