//! The page renderer on any index and body the parser accepts: no panic, and no markup from the
//! data: the only elements are those the renderer writes, and no `<script` but the template's.
#![no_main]

use kiosque_cli::pages::html::{PageMeta, Template};
use kiosque_cli::pages::render;
use kiosque_model::ArticleBody;
use kiosque_model::index::{Corpus, parse_index};
use libfuzzer_sys::fuzz_target;

const TEMPLATE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title></head><body><div id=\"prerender\"></div><script type=\"module\">init();</script></body></html>";

fuzz_target!(|input: (&str, &str)| {
    let (index, body) = input;
    let Ok(index) = parse_index(index) else {
        return;
    };
    let corpus = Corpus::new(index);
    let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
    let body = serde_json::from_str::<ArticleBody>(body).ok();
    let mut pages = vec![render::home(&corpus, "Kiosque")];
    for summary in corpus.articles() {
        if let Some(body) = &body {
            pages.push(render::article(summary, body, &corpus));
        }
        let meta = PageMeta {
            title: summary.title.clone(),
            description: summary.excerpt.clone(),
            og_type: "article",
            published: summary.published.clone(),
            lang: summary.lang.clone(),
        };
        let page = template.render(&meta, &summary.title, "");
        assert_eq!(page.matches("<script").count(), 1, "a script from the data");
    }
    for entity in corpus.entities() {
        pages.push(render::entity(entity, &corpus));
    }
    for html in pages {
        assert!(!html.contains("<script"), "a script from the data");
        let mut rest = html.as_str();
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                ALLOWED.contains(&name.as_str()),
                "element <{name}> from the data"
            );
        }
    }
});

/// Every element the renderer writes.
const ALLOWED: &[&str] = &[
    "main",
    "h1",
    "h2",
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
];
