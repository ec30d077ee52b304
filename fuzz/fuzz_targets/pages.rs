//! The pages `kiosque pages` writes, rendered by the app's own components (`kiosque_app::render`)
//! from any body file the parser accepts (its articles and entities also make the home page's
//! first screen): no panic, and no markup from the data: the only elements are those the app
//! writes, and no `<script` but the template's.
#![no_main]

use std::sync::Arc;

use kiosque_app::render::Rendering;
use kiosque_cli::pages::html::{PageMeta, SiteHead, Template};
use kiosque_model::index::Corpus;
use kiosque_model::parts;
use kiosque_model::validate;
use libfuzzer_sys::fuzz_target;

const TEMPLATE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title></head><body><div id=\"prerender\"></div><script type=\"module\">init();</script></body></html>";

fuzz_target!(|text: &str| {
    let Ok(bucket) = parts::parse_bucket("bodies/0.json", text) else {
        return;
    };
    // A site whose first screen is the body file's articles and entities.
    let summaries: Vec<_> = bucket.articles.iter().map(|a| &a.summary).collect();
    let site = serde_json::json!({
        "schema_version": "2.0", "articles": summaries.len(), "entities": bucket.entities.len(),
        "summaries": [], "entity_parts": [], "buckets": 1, "labels": [0, 0, 0, 0],
        "first": {"articles": summaries, "entities": bucket.entities},
    });
    let Ok(site) = parts::parse_site(&site.to_string()) else {
        return;
    };
    let first = Arc::new(Corpus::first_screen(&site).value);
    let rendering = Rendering::new("/", "Kiosque", Arc::clone(&first));
    let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
    let mut pages = vec![rendering.home(), rendering.not_found()];
    for entity in first.entities() {
        pages.push(rendering.entity(Arc::clone(&first), entity));
    }
    let corpus = Arc::new(Corpus::of_bucket(&site, &bucket).value);
    for article in bucket.articles {
        let id = article.summary.id.clone();
        let Some(summary) = corpus.article(&id).cloned() else {
            continue;
        };
        let body = validate::body(article.body, &id, &corpus).value;
        pages.push(rendering.article(Arc::clone(&corpus), summary.clone(), Arc::new(body)));
        let meta = PageMeta {
            title: summary.title.clone(),
            description: summary.excerpt.clone(),
            og_type: "article",
            published: summary.published.clone(),
            ..PageMeta::default()
        };
        let page = template.render(&meta, &SiteHead::named("Kiosque"), "");
        assert_eq!(page.matches("<script").count(), 1, "a script from the data");
    }
    for html in pages {
        assert!(!html.contains("<script"), "a script from the data");
        let mut rest = html.as_str();
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            // Comments and Leptos's `<!>` placeholders.
            if rest.starts_with('!') {
                continue;
            }
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                ALLOWED.contains(&name.as_str()),
                "element <{name}> from the data"
            );
        }
    }
});

/// Every element the app's pages are made of (as in `crates/kiosque-cli/tests/fuzz_pages.rs`).
const ALLOWED: &[&str] = &[
    "header",
    "nav",
    "main",
    "h1",
    "h2",
    "h3",
    "p",
    "a",
    "ol",
    "ul",
    "li",
    "article",
    "time",
    "br",
    "section",
    "figure",
    "blockquote",
    "figcaption",
    "bdi",
    "span",
    "div",
    "button",
    "input",
    "label",
    "form",
    "noscript",
];
