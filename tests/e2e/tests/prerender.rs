//! One renderer: the pre-rendered pages (`kiosque pages`) are the app's own components rendered
//! natively, so the app takes their place with no visible change. For the home page, an article
//! and an entity page of the demo, in a real headless Chromium: the pre-rendered page read with
//! JavaScript off (the page in a sandboxed frame without scripts) shows the same text as the
//! app's `<main>` once it has started; nothing moves between load and the app being ready
//! (layout shifts summed: 0); and with JavaScript off the page shows its content.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`); a bare `cargo test` skips them with a message.

use kiosque_e2e::{Browser, MORE_KOURSK, Site, koursk_inputs, ready};

/// The article that mentions Koursk and the most entities (the demo article).
fn demo_article(site: &Site) -> String {
    site.richest_article_mentioning("loc-kursk")
}

/// The pages compared: home, the demo article, Koursk's page.
fn pages(site: &Site) -> Vec<String> {
    vec![
        "/".to_owned(),
        format!("/article/{}/", demo_article(site)),
        "/entity/loc-kursk/".to_owned(),
    ]
}

/// Whitespace-normalised text.
fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Opens the page at `path` in a frame of the window's size that may not run scripts (id `no-js`),
/// and waits for its pre-rendered `<main>`.
async fn open_without_javascript(browser: &Browser, path: &str) {
    browser
        .client
        .execute(
            "const frame = document.createElement('iframe');
             frame.setAttribute('sandbox', 'allow-same-origin');
             frame.style.cssText = 'position:fixed;top:0;left:0;border:0;width:100%;height:100%';
             frame.id = 'no-js';
             frame.src = arguments[0];
             document.body.append(frame);",
            vec![serde_json::Value::from(path)],
        )
        .await
        .expect("frame added");
    browser
        .wait_until(
            "the page without JavaScript",
            "const d = document.getElementById('no-js')?.contentDocument;
             return d?.readyState === 'complete' && !!d.querySelector('#prerender main');",
        )
        .await;
}

/// The elements under a `<main>` (`main` in the script), in document order: tag, classes, and the
/// address of a link.
/// Elements of class `app-only` (an entity's timeline and export links, an article's related
/// articles: drawn by the app alone, at the end of the page, docs/rendering.md) are left out.
const STRUCTURE: &str = "return [...main.querySelectorAll('*')].filter(e => !e.closest('.app-only')).map(e => [e.localName, e.className, e.getAttribute('href') ?? ''].join(' ')).join('\\n');";

/// The text of the pre-rendered `<main>` of the page at `path` as a reader without JavaScript
/// sees it: the page loaded in a frame of the same size that may not run scripts.
async fn text_without_javascript(browser: &Browser, path: &str) -> String {
    without_javascript(browser, path).await.0
}

/// The text and [`STRUCTURE`] of the pre-rendered `<main>` of the page at `path` as a reader
/// without JavaScript gets it: the page loaded in a frame of the same size that may not run
/// scripts.
async fn without_javascript(browser: &Browser, path: &str) -> (String, String) {
    open_without_javascript(browser, path).await;
    let text = browser
        .eval_string(
            "const d = document.getElementById('no-js').contentDocument;
             const main = d.querySelector('#prerender main');
             // Shown, not hidden by the style until some script runs.
             if (main.getBoundingClientRect().height === 0) return 'NOT SHOWN';
             for (const card of main.querySelectorAll('.cards > li')) card.style.contentVisibility = 'visible';
             return main.innerText;",
        )
        .await;
    let structure = browser
        .eval_string(&format!(
            "const main = document.getElementById('no-js').contentDocument.querySelector('#prerender main'); {STRUCTURE}"
        ))
        .await;
    browser
        .client
        .execute("document.getElementById('no-js').remove();", vec![])
        .await
        .expect("frame removed");
    (text, structure)
}

/// The sum of the layout shifts since the page loaded (none from input).
async fn layout_shift(browser: &Browser) -> f64 {
    let value = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             let sum = 0;
             new PerformanceObserver(list => {
               for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
             }).observe({ type: 'layout-shift', buffered: true });
             // The buffered entries are delivered in a task after observe().
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(sum), 50)));",
            vec![],
        )
        .await
        .expect("layout shifts");
    value.as_f64().expect("a number")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pre_rendered_page_is_the_apps_page_text_for_text_and_nothing_moves() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    let browser = Browser::new().await;
    for path in pages(&site) {
        browser.open(&site.url(&path)).await;
        let shift = layout_shift(&browser).await;
        assert!(
            shift == 0.0,
            "{path}: the layout shifted by {shift} while the app took the page's place"
        );
        let app = normalised(
            &browser
                // Cards far below the window are skipped by `innerText` until laid out (the
                // style's `content-visibility: auto`): all of them are read, in both.
                .eval_string("const main = document.getElementById('main'); for (const card of main.querySelectorAll('.cards > li')) card.style.contentVisibility = 'visible'; for (const e of main.querySelectorAll('.app-only')) e.style.display = 'none'; const text = main.innerText; for (const e of main.querySelectorAll('.app-only')) e.style.display = ''; return text;")
                .await,
        );
        let app_structure = browser
            .eval_string(&format!(
                "const main = document.getElementById('main'); {STRUCTURE}"
            ))
            .await;
        let (pre, pre_structure) = without_javascript(&browser, &path).await;
        let pre = normalised(&pre);
        assert!(
            !pre.is_empty() && pre != "NOT SHOWN",
            "{path}: no content without JavaScript"
        );
        assert_eq!(
            pre, app,
            "{path}: the pre-rendered <main> and the app's differ"
        );
        assert_eq!(
            pre_structure, app_structure,
            "{path}: the pre-rendered <main> and the app's have different elements"
        );
        if path.starts_with("/entity/") {
            // Koursk's page shows its first cards and says how many more there are, before
            // and after the app starts (the pre-rendered page is not the whole list).
            let cards = pre_structure.matches("article card").count();
            assert!(
                (1..MORE_KOURSK).contains(&cards),
                "{path}: {cards} cards at first"
            );
            assert!(pre.contains("pas encore affichés"), "{path}: {pre}");
        }
    }
    // The frame without scripts says it blocked the page's scripts: that is what it is for.
    let errors: Vec<String> = browser
        .console_errors()
        .await
        .into_iter()
        .filter(|e| !e.contains("the document's frame is sandboxed"))
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_javascript_an_article_page_shows_its_text_and_links() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    let article = demo_article(&site);
    // The file as a static server sends it: the article's text and its entity links, with no
    // script needed.
    let html = std::fs::read_to_string(
        site.root()
            .join("article")
            .join(&article)
            .join("index.html"),
    )
    .expect("the article page");
    assert!(html.contains("Kourakhove"), "the body text is in the page");
    assert!(
        html.contains("href=\"/entity/loc-kursk/\""),
        "entity links lead to the entity pages"
    );
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    let path = format!("/article/{article}/");
    let text = text_without_javascript(&browser, &path).await;
    assert!(text.contains("Kourakhove"), "{text}");
    assert!(text.contains("Dans cet article"), "{text}");
    // Its skip link, followed without JavaScript, leads to its content, not to the home page
    // (which a bare `#…` resolves to against the `<base href>`).
    open_without_javascript(&browser, &path).await;
    browser
        .client
        .execute(
            "document.getElementById('no-js').contentDocument.querySelector('#prerender a.skip-link').click();",
            vec![],
        )
        .await
        .expect("skip link followed");
    browser
        .wait_until(
            "the skip link followed",
            "const w = document.getElementById('no-js').contentWindow;
             return w.location.hash !== '' && w.document.readyState === 'complete';",
        )
        .await;
    let (at, target) = (
        browser
            .eval_string("return document.getElementById('no-js').contentWindow.location.pathname;")
            .await,
        browser
            .eval_string("const w = document.getElementById('no-js').contentWindow; return w.document.getElementById(w.location.hash.slice(1))?.closest('#prerender main') ? 'main' : 'none';")
            .await,
    );
    assert_eq!((at.as_str(), target.as_str()), (path.as_str(), "main"));
    browser.close().await;
}

/// The accessible name of the first element `css` selects, as Chromium computes it for screen
/// readers (DevTools' accessibility tree).
async fn accessible_name(browser: &Browser, css: &str) -> String {
    let document = browser
        .cdp("DOM.getDocument", serde_json::json!({ "depth": 0 }))
        .await
        .expect("the document");
    let node = browser
        .cdp(
            "DOM.querySelector",
            serde_json::json!({ "nodeId": document["root"]["nodeId"], "selector": css }),
        )
        .await
        .expect("the element");
    let tree = browser
        .cdp(
            "Accessibility.getPartialAXTree",
            serde_json::json!({ "nodeId": node["nodeId"], "fetchRelatives": false }),
        )
        .await
        .expect("its accessibility node");
    tree["nodes"][0]["name"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mention_is_read_out_with_its_type_and_the_entity_it_spells_otherwise() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    let browser = Browser::new().await;
    browser
        .open(&site.url(&format!("/article/{}/", demo_article(&site))))
        .await;
    browser
        .wait_until(
            "the app's article",
            "return !document.getElementById('prerender') && document.querySelectorAll('#main .article-body a.mention').length > 0;",
        )
        .await;
    // Named as written: the type comes from the style's marker, not from a label on every
    // mention of every pre-rendered page.
    let koursk = "#main .article-body a.mention[href$='/entity/loc-kursk/']";
    assert_eq!(browser.attr(koursk, "aria-label").await, None);
    assert_eq!(accessible_name(&browser, koursk).await, "Koursk (lieu)");
    // Spelled otherwise: the label names the entity too.
    let donbass = "#main .article-body a.mention[href$='=loc-donbas'][aria-label]";
    assert_eq!(
        accessible_name(&browser, donbass).await,
        "Dombass (lieu\u{a0}: Donbass)"
    );
    let day = "#main .article-body a.mention.mention-date";
    let name = accessible_name(&browser, day).await;
    assert!(name.contains(" (date\u{a0}: "), "{name}");
    // The entities often mentioned with Koursk on its page: each link says its entity's type.
    browser.open(&site.url("/entity/loc-kursk/")).await;
    browser
        .wait_until(
            "the app's entity page",
            "return !document.getElementById('prerender') && !!document.querySelector('#main .entity-company a.entity-link');",
        )
        .await;
    let name = accessible_name(&browser, "#main .entity-company a.entity-loc").await;
    assert!(name.starts_with("Moscou (lieu)"), "{name}");
    browser.assert_no_console_errors().await;
    browser.close().await;
}

/// A home page opened with a view in its address (here an entity filter) pre-renders every
/// article: its list and counts are hidden until the app shows the view's, so that a shared
/// link never shows the wrong articles first; without a view they show at once. The page's one
/// inline script that says so runs under the site's Content-Security-Policy.
#[tokio::test(flavor = "multi_thread")]
async fn a_link_to_a_view_does_not_show_every_article_before_the_view() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    let browser = Browser::new().await;
    // How the style shows a pre-rendered results column in this page: a stand-in is added once
    // the app has removed the page's own.
    let probe = "const p = document.createElement('div'); p.id = 'prerender'; \
                 p.innerHTML = '<div class=\"results\">x</div><nav class=\"sidebar\">y</nav>'; \
                 document.body.prepend(p); \
                 const shown = [...p.children].map(e => getComputedStyle(e).visibility).join(' '); \
                 p.remove(); return shown;";
    for (path, expected) in [
        ("/?entity=loc-kursk", "hidden hidden"),
        ("/?q=koursk", "hidden hidden"),
        ("/", "visible visible"),
        ("/entity/?id=loc-kursk", "visible visible"),
    ] {
        browser.open(&site.url(path)).await;
        browser.wait_for_app().await;
        assert_eq!(browser.eval_string(probe).await, expected, "{path}");
    }
    browser.assert_no_console_errors().await;
    browser.close().await;
}
