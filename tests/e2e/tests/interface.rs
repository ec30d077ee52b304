//! The interface's language (`kiosque_model::ui`): French or English, chosen by the site's
//! `[site] language` setting, else the language of most of its articles; dates and numbers
//! written as that language writes them; `lang` on article text in another language.
//!
//! Run by `scripts/test` (with `KIOSQUE_E2E=1`, after `trunk build --release`).

use kiosque_e2e::{Browser, Site, koursk_inputs, ready};
use kiosque_model::ui::Language;

/// What the page says its language is, the header's search label, and the first card's date.
async fn interface(browser: &Browser) -> (String, String, String) {
    let lang = browser
        .eval_string("return document.documentElement.lang;")
        .await;
    let label = browser
        .eval_string("return document.querySelector(\"form[role='search'] label\").textContent;")
        .await;
    let date = browser
        .eval_string("return document.querySelector('#main article.card time')?.textContent ?? '';")
        .await;
    (lang, label, date)
}

/// The title of the English article of the Koursk inputs (tests/e2e/fixtures/kyiv-energy.txt).
const ENGLISH_TITLE: &str = "Kyiv prepares for a cold week";

/// The `lang` of the title link and the excerpt of the card titled `title` (empty when none),
/// separated by a space.
async fn card_langs(browser: &Browser, title: &str) -> String {
    browser
        .eval_string(&format!(
            "const card = Array.from(document.querySelectorAll('#main article.card')) \
               .find(c => c.querySelector('.card-title a').textContent === {title:?}); \
             return (card.querySelector('.card-title a').getAttribute('lang') ?? '') + ' ' \
               + (card.querySelector('.card-excerpt').getAttribute('lang') ?? '');"
        ))
        .await
}

/// The pre-rendered page (no script) and the app both say `language` and speak it: the
/// header's search label, a card's date with a month named in it.
async fn check_without_and_with_the_app(site: &Site, language: Language) {
    let (lang, label) = (language.code(), language.messages().search_label);
    let html = std::fs::read_to_string(site.root().join("index.html")).expect("index.html");
    assert!(
        html.contains(&format!("<html lang=\"{lang}\"")),
        "the pre-rendered home page says {lang}"
    );
    assert!(
        html.contains(label),
        "the pre-rendered header speaks {lang}"
    );
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_app().await;
    browser.wait_for_any_card("the home page's cards").await;
    let (page_lang, page_label, date) = interface(&browser).await;
    assert_eq!(page_lang, lang);
    assert_eq!(page_label, label);
    assert!(
        (1..=12).any(|m| language.month(m).is_some_and(|name| date.contains(name))),
        "a card's date in {lang}: {date:?}"
    );
    browser.assert_no_console_errors().await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_french_demo_has_a_french_interface() {
    if !ready() {
        return;
    }
    check_without_and_with_the_app(&Site::dist(), Language::Fr).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_site_set_to_english_has_an_english_interface_and_marks_french_text() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = Site::published(
        &koursk_inputs(dir.path()),
        "/",
        Some("[site]\nlanguage = \"en\"\n"),
    );
    check_without_and_with_the_app(&site, Language::En).await;
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_any_card("the home page's cards").await;
    // French titles in an English interface say so.
    assert_eq!(card_langs(&browser, "Koursk, jour 1").await, "fr fr");
    let status = browser
        .eval_string("return document.getElementById('results-count').textContent;")
        .await;
    assert!(status.ends_with(" articles"), "{status}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_english_card_in_a_french_interface_says_it_is_english() {
    if !ready() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    // Mostly French, with one English article (tests/e2e/fixtures/kyiv-energy.txt).
    let site = Site::with_inputs(&koursk_inputs(dir.path()));
    let browser = Browser::new().await;
    browser.open(&site.url("/")).await;
    browser.wait_for_app().await;
    browser.wait_for_any_card("the home page's cards").await;
    assert_eq!(
        browser
            .eval_string("return document.documentElement.lang;")
            .await,
        "fr"
    );
    // The English card's title and excerpt say they are English; a French card needs no
    // `lang`: the page's is its own.
    assert_eq!(card_langs(&browser, ENGLISH_TITLE).await, "en en");
    assert_eq!(
        card_langs(&browser, "Nouvelle offensive près de Koursk").await,
        " "
    );
    // The English article's page: its title and text say so.
    let href = browser
        .eval_string(&format!(
            "return Array.from(document.querySelectorAll('#main article.card .card-title a')).find(a => a.textContent === {ENGLISH_TITLE:?}).getAttribute('href');"
        ))
        .await;
    browser
        .open(&site.url(&format!("/{}", href.trim_start_matches('/'))))
        .await;
    browser
        .wait_until(
            "the English article's text",
            "return !document.getElementById('prerender') && !!document.querySelector('#main .article-body');",
        )
        .await;
    assert_eq!(
        browser.attr("#article-title", "lang").await.as_deref(),
        Some("en")
    );
    assert_eq!(
        browser.attr("#main .article-body", "lang").await.as_deref(),
        Some("en")
    );
    // The interface around it is French.
    let back = browser
        .eval_string("return document.querySelector('#main .back a').textContent;")
        .await;
    assert_eq!(back, "← Tous les articles");
    browser.assert_no_console_errors().await;
    browser.close().await;
}
