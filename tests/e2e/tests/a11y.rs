//! For everyone, in a real headless Chromium against the built site on a plain static server:
//! axe-core (WCAG 2.0, 2.1 A and AA, 2.2 AA) finds nothing on the home page, a search, a
//! filtered view, an article, an entity page and the Try it page with a result, in light and
//! dark mode, at a desktop's and a phone's width; the reader's path from the home page to an
//! entity page and back with the keyboard alone (Tab, Enter, Escape), a focus ring on every
//! stop; on a phone the sidebar is a drawer the keyboard opens and closes and no page scrolls
//! sideways; with reduced motion nothing moves; a live region says the number of results when
//! it changes.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`); they need chromium, chromedriver and axe-core
//! (`scripts/setup --test` installs it in `.tools/`; without it the axe test is skipped with a
//! message, and fails in CI). A bare `cargo test` skips them with a message.

use std::path::PathBuf;

use fantoccini::key::Key;
use kiosque_e2e::a11y::axe_source;
use kiosque_e2e::browser::WIDTHS;
use kiosque_e2e::server::Fault;
use kiosque_e2e::{Browser, Site, large_site, ready, repo};

/// The demo article and two more that mention Koursk (it has a page of its own) and Kyiv.
fn inputs() -> Vec<PathBuf> {
    vec![repo().join("demo"), repo().join("tests/e2e/fixtures")]
}

/// A page checked, with what shows it is drawn: its address and a script true once it is.
struct Page {
    name: &'static str,
    path: String,
    ready: &'static str,
}

/// Cards shown and the sidebar's facets drawn, nothing still loading (the home page: its first
/// screen, from `site.json`).
const HOME_READY: &str = "return document.querySelectorAll('article.card').length > 0 \
    && document.querySelectorAll('nav.sidebar button.facet').length > 0 \
    && !document.querySelector('[aria-busy=\"true\"]');";

/// The `from` and `to` of the month of the newest article that mentions `entity`.
fn month_of(site: &Site, entity: &str) -> String {
    let corpus = kiosque_model::validate::corpus(site.read_all().0).value;
    let id = kiosque_model::EntityId::new(entity).expect("a valid id");
    let month = corpus
        .positions_mentioning(&id)
        .first()
        .and_then(|&p| corpus.article_at(p))
        .and_then(|a| a.published.as_deref()?.get(..7).map(str::to_owned))
        .expect("a dated article mentioning the entity");
    format!("from={month}&to={month}")
}

/// The pages of the issue on a site: home, a search, a filtered view, the same within a month
/// (a time range), the article that mentions `entity` with the most entities, and `entity`'s
/// page.
fn pages(site: &Site, search: &str, entity: &str) -> Vec<Page> {
    let article = site.richest_article_mentioning(entity);
    vec![
        Page {
            name: "home",
            path: "/".to_owned(),
            ready: HOME_READY,
        },
        Page {
            name: "search",
            path: format!("/?q={search}"),
            ready: HOME_READY,
        },
        Page {
            name: "filtered",
            path: format!("/?entity={entity}"),
            ready: "return document.querySelectorAll('article.card').length > 0 \
                && document.querySelector(\"button.facet[aria-pressed='true']\") !== null \
                && !document.querySelector('[aria-busy=\"true\"]');",
        },
        Page {
            name: "time range",
            path: format!("/?entity={entity}&{}", month_of(site, entity)),
            ready: "return document.querySelectorAll('article.card').length > 0 \
                && document.querySelector(\"#home-timeline-bars button[aria-pressed='true']\") !== null \
                && !document.querySelector('[aria-busy=\"true\"]');",
        },
        Page {
            name: "article",
            path: format!("/article/{article}/"),
            ready: "return document.querySelectorAll('.article-body a.mention').length > 0 \
                && !document.querySelector('[aria-busy=\"true\"]');",
        },
        Page {
            name: "entity",
            path: format!("/entity/{entity}/"),
            ready: "return !!document.querySelector('.entity-page h1') \
                && document.querySelectorAll('.entity-articles article.card').length > 0 \
                && !document.querySelector('[aria-busy=\"true\"]');",
        },
        Page {
            name: "try",
            path: "/try/".to_owned(),
            ready: TRY_READY,
        },
    ]
}

/// The Try it page with a result: gives it a text and asks for its extraction once the app is
/// there (the script is run until true), true once the article with its mentions is drawn.
const TRY_READY: &str = "const t = document.getElementById('try-text'); \
    const go = document.getElementById('try-extract'); \
    if (!t || !go || document.getElementById('prerender')) return false; \
    if (!t.value) { \
        t.value = 'Donald Trump a rencontré Volodymyr Zelensky à Kyiv, en Ukraine, le 3 mars 2025.'; \
        t.dispatchEvent(new Event('input', {bubbles: true})); \
    } \
    if (!go.dataset.asked) { go.dataset.asked = 'yes'; go.click(); } \
    return document.querySelectorAll('.try-result .article-body a.mention').length > 0 \
        && !document.querySelector('[aria-busy=\"true\"]');";

/// Runs axe on each page in light and dark mode at each of [`WIDTHS`] (with the drawer open at a
/// phone's width on the home pages); returns what it found, one line per page, scheme, width
/// and violation.
async fn axe_sweep(site: &Site, pages: &[Page], axe: &str) -> Vec<String> {
    let browser = Browser::new().await;
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        browser
            .emulate_media(&[("prefers-color-scheme", scheme)])
            .await;
        for page in pages {
            browser.open(&site.url(&page.path)).await;
            browser
                .wait_until(&format!("the {} page", page.name), page.ready)
                .await;
            // An article opened directly offers its related articles on demand: shown, checked.
            if browser.count("button.related-load").await > 0 {
                browser.click("button.related-load").await;
                browser
                    .wait_until(
                        "the related articles",
                        "return !document.querySelector('button.related-load, .related-section [role=status]');",
                    )
                    .await;
            }
            assert!(
                browser
                    .eval_bool(&format!(
                        "return matchMedia('(prefers-color-scheme: {scheme})').matches;"
                    ))
                    .await,
                "the page sees the {scheme} colour scheme"
            );
            for width in WIDTHS {
                browser.resize(width).await;
                // Cards off screen are sized by an estimate until drawn (and overlap their
                // neighbours meanwhile): axe checks them as a reader sees them, drawn.
                browser.scroll_through().await;
                // What a disclosure holds (a chart's table) is checked open.
                assert!(
                    browser
                        .eval_bool("document.querySelectorAll('details').forEach(d => { d.open = true; }); return true;")
                        .await
                );
                let mut states = vec![("", browser.axe_violations(axe).await)];
                if browser.eval_bool(DRAWER_SHOWN).await {
                    browser.click("#drawer-toggle").await;
                    browser
                        .wait_until(
                            "the drawer open",
                            "return !!document.querySelector('nav.sidebar.open button.facet');",
                        )
                        .await;
                    // The wait checked the layout at every width: back to this one.
                    browser.resize(width).await;
                    states.push((" drawer open", browser.axe_violations(axe).await));
                    browser.click("#drawer-toggle").await;
                }
                for (state, violations) in states {
                    found.extend(
                        violations
                            .into_iter()
                            .map(|v| format!("{} ({scheme}, {width} px{state}): {v}", page.name)),
                    );
                }
                let _ = browser
                    .screenshot(&format!("a11y-{}-{scheme}-{width}", page.name))
                    .await;
            }
            browser.resize(WIDTHS[0]).await;
        }
    }
    browser.close().await;
    found
}

/// True when the drawer's toggle is shown (a phone's width on the home page).
const DRAWER_SHOWN: &str = "const t = document.getElementById('drawer-toggle'); \
    return !!t && getComputedStyle(t).display !== 'none';";

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_on_the_readers_pages_in_light_and_dark_mode_on_a_desktop_and_a_phone() {
    if !ready() {
        return;
    }
    let Some(axe) = axe_source() else {
        return;
    };
    let site = Site::with_inputs(&inputs());
    let found = axe_sweep(&site, &pages(&site, "koursk", "loc-kursk"), &axe).await;
    assert!(
        found.is_empty(),
        "axe-core found {} violations:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The same in English (`[site] language = "en"`): the interface's other language, with the
/// articles' French text marked as such, breaks no rule either.
#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_in_the_english_interface_either() {
    if !ready() {
        return;
    }
    let Some(axe) = axe_source() else {
        return;
    };
    let site = Site::published(&inputs(), "/", Some("[site]\nlanguage = \"en\"\n"));
    let found = axe_sweep(&site, &pages(&site, "koursk", "loc-kursk"), &axe).await;
    assert!(
        found.is_empty(),
        "axe-core found {} violations in English:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// A rule that fails only in one colour scheme is found in that scheme and not the other: the
/// emulated preference reaches the page's styles and axe's contrast check, and axe-core's
/// results are read (a broken page is not reported clean).
#[tokio::test(flavor = "multi_thread")]
async fn axe_sees_the_colour_scheme_it_checks_and_reports_what_breaks() {
    if !ready() {
        return;
    }
    let Some(axe) = axe_source() else {
        return;
    };
    let site = Site::dist();
    let browser = Browser::new().await;
    // Dark grey text on the page's own background: readable in light mode, not in dark mode.
    let add = "const p = document.createElement('p'); p.id = 'probe'; p.textContent = 'A probe'; \
        p.style.color = '#3a3a3a'; document.querySelector('main').prepend(p); return true;";
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        browser
            .emulate_media(&[("prefers-color-scheme", scheme)])
            .await;
        browser.open(&site.url("/")).await;
        browser.wait_until("the home page", HOME_READY).await;
        assert!(browser.axe_violations(&axe).await.is_empty());
        assert!(browser.eval_bool(add).await);
        found.push(browser.axe_violations(&axe).await);
    }
    assert!(found[0].is_empty(), "light: {:?}", found[0]);
    assert!(
        found[1]
            .iter()
            .any(|v| v.starts_with("color-contrast") && v.contains("#probe")),
        "dark: {:?}",
        found[1]
    );
    browser.close().await;
}

/// True when the element matching `css` has the focus.
fn has_focus(css: &str) -> String {
    format!(
        "return !!document.activeElement && document.activeElement.matches({});",
        serde_json::json!(css)
    )
}

/// From the home page, with Tab, Enter and Escape only (typing the search aside): search,
/// filter by an entity, open an article, follow a mention to its entity page, and come back
/// home; every stop of the focus shows a ring. At a phone's width the filter is chosen in the
/// sidebar's drawer, which Enter opens and Escape closes, the focus going back to its toggle.
async fn keyboard_journey(site: &Site, width: u32) {
    let browser = Browser::new().await;
    browser.resize(width).await;
    browser.client.goto(&site.url("/")).await.expect("home");
    browser
        .wait_at_this_width("the home page", HOME_READY)
        .await;

    // The first stop is the skip link, shown when focused.
    browser.tab_to("a.skip-link", 1).await;
    browser.tab_to("#site-search", 3).await;
    browser.type_keys("koursk").await;
    browser
        .wait_at_this_width(
            "the search's two articles",
            "return new URLSearchParams(location.search).get('q') === 'koursk' \
                && document.querySelectorAll('article.card').length === 2;",
        )
        .await;

    let kyiv = "button.facet[data-entity='loc-kyiv']";
    if width < 800 {
        // The sidebar is a drawer under its toggle.
        assert!(
            !browser
                .eval_bool(&format!(
                    "return !!document.querySelector(\"{kyiv}\")?.offsetParent;"
                ))
                .await,
            "the drawer starts closed"
        );
        browser.tab_to("#drawer-toggle", 5).await;
        browser.press(Key::Enter).await;
        browser
            .wait_at_this_width("the drawer open", &format!("return document.getElementById('drawer-toggle').getAttribute('aria-expanded') === 'true' && !!document.querySelector(\"{kyiv}\")?.offsetParent;"))
            .await;
        // Escape closes it and the focus goes back to the toggle.
        browser.tab_to("#entity-search", 3).await;
        browser.press(Key::Escape).await;
        browser
            .wait_at_this_width(
                "the drawer closed by Escape",
                "return document.getElementById('drawer-toggle').getAttribute('aria-expanded') === 'false' \
                    && document.activeElement?.id === 'drawer-toggle';",
            )
            .await;
        browser.assert_focus_ring("after Escape").await;
        browser.press(Key::Enter).await;
        browser
            .wait_at_this_width(
                "the drawer open again",
                &format!("return !!document.querySelector(\"{kyiv}\")?.offsetParent;"),
            )
            .await;
    }
    browser.tab_to(kyiv, 40).await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width(
            "the filter by Kyiv",
            "return new URLSearchParams(location.search).get('entity') === 'loc-kyiv' \
                && document.querySelectorAll('article.card').length === 1;",
        )
        .await;
    if width < 800 {
        // Choosing an entity closes the drawer; the focus is on its toggle.
        browser
            .wait_at_this_width(
                "the drawer closed on choosing",
                "return document.getElementById('drawer-toggle').getAttribute('aria-expanded') === 'false' \
                    && document.activeElement?.id === 'drawer-toggle';",
            )
            .await;
    } else {
        // The focus moves back to the chosen facet once the redrawn list is painted (a frame
        // after the list of cards may already show the filter).
        browser
            .wait_at_this_width(
                "the focus on the facet chosen",
                &has_focus("button.facet[data-entity='loc-kyiv'][aria-pressed='true']"),
            )
            .await;
    }
    browser.assert_focus_ring("after choosing Kyiv").await;

    browser
        .tab_to(
            "article.card[data-article-id='nouvelle-offensive-pres-de-koursk'] .card-title a",
            80,
        )
        .await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width(
            "the article",
            "return location.pathname.startsWith('/article/nouvelle-offensive-pres-de-koursk') \
                && document.querySelectorAll('.article-body a.mention').length > 0 \
                && document.activeElement?.id === 'main';",
        )
        .await;

    // From the top of the new page, the first Tab goes into it, not back to the header.
    browser.tab_to("a.mention[href*='loc-kursk']", 30).await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width(
            "Koursk's page",
            "return location.pathname.startsWith('/entity/loc-kursk') \
                && document.querySelector('.entity-page h1')?.textContent === 'Koursk' \
                && document.activeElement?.id === 'main';",
        )
        .await;

    // The way back leads to the list the reader came from: filtered by Kyiv.
    browser.tab_to(".entity-page .back a", 3).await;
    browser.press(Key::Enter).await;
    browser
        .wait_at_this_width(
            "home again, filtered as it was",
            "return location.pathname === '/' \
                && new URLSearchParams(location.search).get('entity') === 'loc-kyiv' \
                && document.querySelectorAll('article.card').length === 1 \
                && document.activeElement?.id === 'main';",
        )
        .await;
    browser.tab_to("a, button, input", 1).await;
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_keyboard_alone_searches_filters_opens_an_article_follows_a_mention_and_comes_back() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&inputs());
    for width in WIDTHS {
        keyboard_journey(&site, width).await;
    }
}

/// What moves on the page: elements (and their `::before` and `::after`) with a transition or
/// an animation of some duration, and the animations running; one line each, at most eight.
const MOVING: &str = r#"
const moving = document.getAnimations().map(a => `running: ${a.animationName || a.constructor.name} on ${a.effect?.target?.className}`);
for (const el of document.querySelectorAll('*')) {
  for (const pseudo of [null, '::before', '::after']) {
    const s = getComputedStyle(el, pseudo);
    const long = (d) => d.split(',').some(t => parseFloat(t) > 0);
    if (long(s.transitionDuration) && s.transitionProperty !== 'none') {
      moving.push(`transition ${s.transitionProperty} ${s.transitionDuration} on ${el.tagName}.${el.className}${pseudo || ''}`);
    }
    if (s.animationName !== 'none' && long(s.animationDuration)) {
      moving.push(`animation ${s.animationName} on ${el.tagName}.${el.className}${pseudo || ''}`);
    }
  }
}
return moving.slice(0, 8);
"#;

/// What moves on the page now ([`MOVING`]).
async fn moving(browser: &Browser) -> Vec<String> {
    let value = browser
        .client
        .execute(MOVING, vec![])
        .await
        .expect("the motion check runs");
    serde_json::from_value(value).expect("strings")
}

/// Opens the home page with the site's body file held, goes to the article `id` by its card,
/// and returns what moves while its text loads (placeholder lines); then lets the body through.
async fn motion_while_an_article_loads(site: &Site, browser: &Browser, id: &str) -> Vec<String> {
    let body = site.body_path(id);
    site.server().set(&body, Fault::Hold);
    browser.open(&site.url("/")).await;
    browser.wait_until("the home page", HOME_READY).await;
    browser
        .click(&format!(
            "article.card[data-article-id='{id}'] .card-title a"
        ))
        .await;
    browser
        .wait_until(
            "the article's placeholder lines",
            "return document.querySelectorAll('.article-page .skeleton-line').length > 0;",
        )
        .await;
    let found = moving(browser).await;
    site.server().clear(&body);
    browser
        .wait_until(
            "the article's text",
            "return document.querySelectorAll('.article-body a.mention').length > 0;",
        )
        .await;
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn with_reduced_motion_nothing_moves_and_at_a_phones_width_nothing_scrolls_sideways() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&inputs());
    let id = site.richest_article_mentioning("loc-kursk");

    // By default the placeholder lines pulse: what the check below looks for is there.
    let browser = Browser::new().await;
    let moved = motion_while_an_article_loads(&site, &browser, &id).await;
    assert!(!moved.is_empty(), "the placeholder lines pulse by default");
    browser.close().await;

    let browser = Browser::new().await;
    browser
        .emulate_media(&[("prefers-reduced-motion", "reduce")])
        .await;
    let moved = motion_while_an_article_loads(&site, &browser, &id).await;
    assert!(moved.is_empty(), "with reduced motion: {moved:?}");

    for page in pages(&site, "koursk", "loc-kursk") {
        browser.open(&site.url(&page.path)).await;
        browser.wait_until(page.name, page.ready).await;
        let moved = moving(&browser).await;
        assert!(
            moved.is_empty(),
            "{} with reduced motion: {moved:?}",
            page.name
        );
        // A phone: the page is no wider than the screen, the drawer open or not.
        browser.resize(360).await;
        // Measured as loaded (the drawer closed), then with the drawer open when the page has one.
        let drawer = browser.eval_bool(DRAWER_SHOWN).await;
        for state in ["as loaded", "with the drawer open"] {
            if state != "as loaded" {
                if !drawer {
                    break;
                }
                browser.click("#drawer-toggle").await;
                browser
                    .wait_at_this_width(
                        "the drawer open",
                        "return document.getElementById('drawer-toggle').getAttribute('aria-expanded') === 'true';",
                    )
                    .await;
            }
            let (scroll, inner) = (
                browser
                    .eval_string("return String(document.scrollingElement.scrollWidth);")
                    .await,
                browser
                    .eval_string("return String(window.innerWidth);")
                    .await,
            );
            let (scroll, inner): (u32, u32) = (
                scroll.parse().expect("a width"),
                inner.parse().expect("a width"),
            );
            assert!(
                scroll <= inner,
                "{} {state} at 360 px scrolls sideways: {scroll} px of content in {inner} px",
                page.name
            );
        }
        browser.resize(WIDTHS[0]).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_live_region_announces_the_number_of_results_as_it_changes() {
    if !ready() {
        return;
    }
    let site = Site::with_inputs(&inputs());
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_until("the home page", HOME_READY).await;
    // A screen reader announces the changes of a live region that is already on the page: the
    // same element must hold each new count (marked here to tell it from a new one).
    let region = "const r = document.getElementById('results-count'); \
        return !!r && (r.getAttribute('role') === 'status' || ['polite', 'assertive'].includes(r.getAttribute('aria-live')));";
    assert!(
        browser.eval_bool(region).await,
        "the result count is a live region"
    );
    assert!(
        browser
            .eval_bool("document.getElementById('results-count').dataset.probe = 'same'; return document.getElementById('results-count').textContent === '3 articles';")
            .await,
        "it says {:?}",
        browser.eval_string("return document.getElementById('results-count').textContent;").await
    );
    let says = |text: &str| {
        format!(
            "const r = document.getElementById('results-count'); \
             return r?.dataset.probe === 'same' && r.textContent.startsWith({});",
            serde_json::json!(text)
        )
    };
    // The skip link, the brand, the Try it link, then the search.
    browser.tab_to("#site-search", 4).await;
    browser.type_keys("koursk").await;
    browser
        .wait_until("2 articles said", &says("2 articles pour"))
        .await;
    browser
        .tab_to("button.facet[data-entity='loc-kyiv']", 40)
        .await;
    browser.press(Key::Enter).await;
    browser
        .wait_until("1 article said", &says("1 article pour"))
        .await;
    // A search that finds nothing (the words typed replace the search's).
    assert!(
        browser
            .eval_bool("const i = document.getElementById('site-search'); i.focus(); i.select(); return true;")
            .await
    );
    browser.type_keys("zzzzz").await;
    browser
        .wait_until("0 articles said", &says("0 article pour"))
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_on_the_readers_pages_of_an_archive_sized_site() {
    if !ready() {
        return;
    }
    let Some(root) = large_site() else {
        return;
    };
    let Some(axe) = axe_source() else {
        return;
    };
    let site = Site::existing(root);
    // The place in the most articles (a page of its own, a long sidebar), searched by its name.
    let place = site
        .read_all()
        .0
        .entities
        .into_iter()
        .filter(|e| e.id.starts_with("loc-"))
        .max_by_key(|e| e.articles)
        .expect("the site has places");
    let search = place
        .name
        .split_whitespace()
        .next()
        .expect("a name")
        .to_lowercase();
    let pages = pages(&site, &search, &place.id);
    let found = axe_sweep(&site, &pages, &axe).await;
    assert!(
        found.is_empty(),
        "axe-core found {} violations at 10,000 articles:\n{}",
        found.len(),
        found.join("\n")
    );
}
