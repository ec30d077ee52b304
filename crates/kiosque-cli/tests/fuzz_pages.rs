//! Fuzzing the page renderer (`kiosque pages`): every article, entity and home page rendered
//! from arbitrary data of the contract's shape, with hostile text in every field.
//!
//! The pages are parsed back with an HTML5 parser (html5ever, as a browser would) and checked:
//! no markup from the data (only the elements and attributes the renderer writes, one script:
//! the template's), every attribute quoted, links only to the site's own pages or to web
//! addresses, every text from the data shown as written, and every value that sits beside other
//! text bidi-isolated so that an unclosed U+202E cannot reverse what follows it.
//!
//! `cargo test` runs a few dozen cases per property; `scripts/fuzz` runs many more
//! (`PROPTEST_CASES`). Crashers it finds are kept below as named regression tests.

use std::collections::HashSet;
use std::sync::Arc;

use dom_query::{Document, NodeRef};
use kiosque_app::render::Rendering;
use kiosque_cli::commands::pages::entity_shell;
use kiosque_cli::pages::html::{self, PageMeta, SiteHead, Template, escape};
use kiosque_model::article::{
    ArticleBody, ArticleSummary, Block, BoilerplateBlock, EmbedBlock, Mention, Noise, RelatedBlock,
    TextBlock,
};
use kiosque_model::index::{Corpus, SiteIndex};
use kiosque_model::links::{has_own_page, safe_href};
use kiosque_model::parts;
use kiosque_model::{Entity, EntityId, Label, SCHEMA_VERSION};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set (as `scripts/fuzz` does), else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// The app's `index.html` as Trunk writes it: charset, title, a stylesheet, the pre-render slot
/// and the inline loader script.
const TEMPLATE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><link rel=\"stylesheet\" href=\"/style.css\"><base href=\"/\"></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/app.js'; init();</script></body></html>";

const LOADER: &str = "import init from '/app.js'; init();";

const SITE_NAME: &str = "Kiosque";

/// The base URL of the sites whose name is fuzzed.
const BASE_URL: &str = "https://news.example.org/kiosque/";

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Characters and pieces that try to escape their place: markup, quotes, entities, controls,
/// bidi overrides and isolates, joiners, line breaks.
const NASTY: &[&str] = &[
    "<",
    ">",
    "&",
    "\"",
    "'",
    "`",
    "=",
    "/",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</p>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&lt;",
    "&#60;",
    "\" onmouseover=\"x",
    "' x='",
    "javascript:alert(1)",
    "\0",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{ad}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202a}",
    "\u{202b}",
    "\u{202d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{2028}",
    "\u{feff}",
    "\u{fffd}",
    "e\u{301}",
    "👨\u{200d}👩\u{200d}👧",
    "عربي",
    "Koursk",
];

fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>().prop_map(String::from),
            3 => prop::sample::select(NASTY).prop_map(str::to_owned),
            5 => prop::char::range('a', 'z').prop_map(String::from),
            2 => Just(" ".to_owned()),
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

/// Ids as the renderer may be given them: valid ones, and ones that try to leave their path.
fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z0-9][a-z0-9-]{0,12}",
        1 => nasty_text(6),
        1 => prop::sample::select(&["../x", "javascript:alert(1)", "a\"b", "//evil.example", ""][..])
            .prop_map(str::to_owned),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,8}\\.example/[a-z0-9/?=&]{0,12}",
        prop::sample::select(
            &[
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "https://www.example.com@evil.example/",
                "https://evil.example\\.www.example.com/",
                "https://x.example/\"><script>alert(1)</script>",
                "pic.twitter.com/x",
                "//evil.example/",
                "/article/x/",
                "https://",
            ][..],
        )
        .prop_map(str::to_owned),
        nasty_text(10),
    ]
}

/// Fingerprints of a body: well-formed ones, and text that tries to leave the attribute.
fn body_hash() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9a-f]{16}", nasty_text(20)]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (1900u32..2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        nasty_text(10),
    ]
}

/// Blocks of every kind with any text and mentions (in or out of bounds, known or not).
fn blocks(entity_ids: Vec<String>) -> impl Strategy<Value = Vec<Block>> {
    let mention =
        (0u32..40, 0u32..40, prop::sample::select(entity_ids)).prop_map(|(start, len, entity)| {
            Mention {
                start,
                end: start.saturating_add(len),
                entity: EntityId::new(entity).expect("a valid id"),
            }
        });
    let block = (
        0u8..6,
        nasty_text(40),
        prop::collection::vec(mention, 0..4),
        (
            prop::option::of(nasty_text(10)),
            prop::option::of(nasty_text(8)),
            prop::option::of(date()),
            prop::option::of(url()),
        ),
    )
        .prop_map(
            |(kind, text, mentions, (author, handle, date, url))| match kind {
                0 => Block::Heading(TextBlock { text, mentions }),
                1 => Block::Paragraph(TextBlock { text, mentions }),
                2 => Block::Embed(EmbedBlock {
                    platform: "tweet".into(),
                    text,
                    author,
                    handle,
                    date,
                    url,
                    mentions,
                    ..EmbedBlock::default()
                }),
                3 => Block::Related(RelatedBlock {
                    label: "A lire aussi".into(),
                    text,
                    url,
                    mentions,
                }),
                4 => Block::Boilerplate(BoilerplateBlock {
                    reason: Noise::Teaser,
                    text,
                }),
                _ => Block::Unknown,
            },
        );
    prop::collection::vec(block, 0..6)
}

/// A corpus of the contract's shape, hostile text everywhere, and one body per article.
fn site() -> impl Strategy<Value = (Corpus, Vec<ArticleBody>)> {
    (
        // Entity ids are valid by type (`EntityId`); article ids may be anything.
        prop::collection::vec("[a-z0-9][a-z0-9-]{0,12}", 1..5),
        prop::collection::vec(any_id(), 1..4),
    )
        .prop_flat_map(|(entity_ids, article_ids)| {
            let entities = prop::collection::vec(
                (
                    prop::sample::select(&Label::ALL[..]),
                    nasty_text(20),
                    prop::collection::vec(nasty_text(10), 0..3),
                    any::<u32>(),
                ),
                entity_ids.len(),
            );
            let summaries = prop::collection::vec(
                (
                    (
                        nasty_text(30),
                        any::<bool>(),
                        prop::option::of(date()),
                        any::<bool>(),
                    ),
                    (
                        prop::option::of(nasty_text(15)),
                        prop::option::of(url()),
                        prop::option::of(prop_oneof![
                            prop::sample::select(&["fr", "en", "ar", "fa"][..])
                                .prop_map(str::to_owned),
                            nasty_text(4),
                        ]),
                        nasty_text(60),
                        any::<u32>(),
                        prop::collection::vec(prop::sample::select(entity_ids.clone()), 0..4),
                        prop::option::of(body_hash()),
                    ),
                ),
                article_ids.len(),
            );
            let bodies = prop::collection::vec(blocks(entity_ids.clone()), article_ids.len());
            (
                Just(entity_ids),
                Just(article_ids),
                entities,
                summaries,
                bodies,
            )
        })
        .prop_map(|(entity_ids, article_ids, entities, summaries, bodies)| {
            let entities = entity_ids
                .into_iter()
                .zip(entities)
                .map(|(id, (label, name, aliases, n))| Entity {
                    id: EntityId::new(id).expect("a valid id"),
                    label,
                    name,
                    aliases,
                    articles: n % 1000,
                    mentions: n,
                    value: None,
                    confidence: None,
                })
                .collect();
            let articles = article_ids
                .iter()
                .zip(summaries)
                .map(
                    |(
                        id,
                        (
                            (title, derived, published, inferred),
                            (source, url, lang, excerpt, words, ents, body_hash),
                        ),
                    )| {
                        ArticleSummary {
                            id: id.clone(),
                            title,
                            title_derived: derived,
                            published,
                            published_inferred: inferred,
                            source,
                            url,
                            license: None,
                            lang,
                            excerpt,
                            words,
                            entities: ents
                                .into_iter()
                                .map(|e| EntityId::new(e).expect("a valid id"))
                                .collect(),
                            body_hash,
                        }
                    },
                )
                .collect();
            let bodies = article_ids
                .into_iter()
                .zip(bodies)
                .map(|(id, blocks)| ArticleBody { id, blocks })
                .collect();
            let corpus = Corpus::new(SiteIndex {
                schema_version: SCHEMA_VERSION.into(),
                generator: String::new(),
                search: None,
                articles,
                entities,
            });
            (corpus, bodies)
        })
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// Every element a page may have: the template's and the renderer's.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "link",
    "base",
    "script",
    "div",
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
    "noscript",
    // The app's own markup (its components render the pages).
    "header",
    "nav",
    "button",
    "input",
    "label",
    "h3",
    "form",
];

/// Every attribute a page may have.
const ATTRIBUTES: &[&str] = &[
    "charset",
    "http-equiv",
    "content",
    "name",
    "property",
    "rel",
    "href",
    "type",
    "id",
    "lang",
    "class",
    "title",
    "datetime",
    "dir",
    "as",
    "crossorigin",
    "data-kiosque-body",
    // The app's own markup (its components render the pages).
    "aria-labelledby",
    "aria-label",
    "aria-hidden",
    "aria-controls",
    "aria-expanded",
    "aria-pressed",
    "aria-current",
    "aria-live",
    "role",
    "tabindex",
    "data-entity",
    "data-article-id",
    "cite",
    "for",
    "autocomplete",
    "spellcheck",
    "placeholder",
    "hidden",
    "action",
    "method",
    "value",
];

/// Attributes the app writes without a value (booleans); also in [`ATTRIBUTES`].
const BARE_ATTRIBUTES: &[&str] = &["hidden"];

/// Elements that end a bidi paragraph or isolate what is inside them.
const CONTAINERS: &[&str] = &[
    "bdi",
    "title",
    "h1",
    "h2",
    "p",
    "li",
    "blockquote",
    "figcaption",
    "div",
    "main",
    "section",
    "article",
    "header",
    "nav",
    "h3",
    "form",
    "ol",
    "ul",
    "figure",
    "body",
];

/// What an HTML parser makes of text in the body: CR LF and CR become LF, NUL is dropped.
fn as_parsed(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "")
}

/// What an HTML parser makes of text in an attribute or a `<title>`: NUL becomes U+FFFD.
fn in_attribute(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\0', "\u{fffd}")
}

/// Text as a page shows it with its line breaks left out (the renderer writes them as `<br>`).
fn flat(text: &str) -> String {
    as_parsed(text).replace('\n', "")
}

/// Checks the markup of a page as written: every tag is `<name attr="value" …>` with every
/// value double-quoted and free of `<`, `>` and `"`; comments and the doctype are ours.
fn check_tags(html: &str) -> Result<(), TestCaseError> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with('!') {
            continue;
        }
        let close = rest.find('>');
        prop_assert!(close.is_some(), "a tag is never closed");
        let tag = &rest[..close.unwrap_or_default()];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        prop_assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "tag {:?} is not one the renderer writes",
            tag
        );
        let mut attrs = &tag[name_end..];
        while let Some(after_space) = attrs.strip_prefix(' ') {
            // The app's boolean attributes, written bare.
            if let Some(bare) = BARE_ATTRIBUTES.iter().find_map(|a| {
                after_space
                    .strip_prefix(a)
                    .filter(|r| r.is_empty() || r.starts_with(' '))
            }) {
                attrs = bare;
                continue;
            }
            let Some(eq) = after_space.find("=\"") else {
                prop_assert!(false, "attribute without a quoted value in <{}>", tag);
                break;
            };
            let attr = &after_space[..eq];
            prop_assert!(
                !attr.is_empty() && attr.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "attribute {:?} in <{}>",
                attr,
                tag
            );
            let value = &after_space[eq + 2..];
            let Some(end) = value.find('"') else {
                prop_assert!(false, "unterminated attribute value in <{}>", tag);
                break;
            };
            attrs = &value[end + 1..];
        }
        prop_assert!(attrs.is_empty(), "junk {:?} in <{}>", attrs, tag);
        rest = &rest[close.unwrap_or_default()..];
    }
    Ok(())
}

/// The nearest ancestor of `node` (itself excluded) that contains bidi text.
fn container<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.ancestors_it(None)
        .find(|a| a.node_name().is_some_and(|n| CONTAINERS.contains(&&*n)))
}

/// Checks a rendered page as a browser reads it.
fn check_page(html: &str, ids: &Ids, data_texts: &HashSet<String>) -> Result<(), TestCaseError> {
    check_tags(html)?;
    let dom = Document::from(html);
    let scripts = dom.select("script");
    prop_assert_eq!(scripts.length(), 1, "a script element from the data");
    prop_assert_eq!(&*scripts.text(), LOADER, "the loader script changed");
    for node in dom.select("*").nodes() {
        let name = node.node_name().unwrap_or_default();
        prop_assert!(
            ELEMENTS.contains(&&*name),
            "element <{}> from the data",
            name
        );
        for attr in node.attrs() {
            let attr_name = &*attr.name.local;
            prop_assert!(
                ATTRIBUTES.contains(&attr_name),
                "attribute {:?} on <{}> from the data",
                attr_name,
                name
            );
            if attr_name == "href" {
                check_href(&attr.value, &name, ids)?;
            }
        }
    }
    // Text from the data that could reorder what follows it is shut in: in a <bdi>, or the
    // whole of its block (a title, a paragraph: the data's own text).
    for node in dom.select("#prerender *").nodes() {
        for text in node.children().into_iter().filter(NodeRef::is_text) {
            let t = text.text();
            if !t
                .chars()
                .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2068}'))
            {
                continue;
            }
            let Some(block) = container(&text) else {
                prop_assert!(false, "text outside any block: {:?}", t);
                continue;
            };
            let block_name = block.node_name().unwrap_or_default();
            if &*block_name == "bdi" {
                continue;
            }
            let whole = block.text();
            prop_assert!(
                data_texts.contains(&flat(&whole)),
                "{:?} is beside other text in <{}> without a <bdi>: {:?}",
                t,
                block_name,
                whole
            );
        }
    }
    Ok(())
}

/// The ids a page may link to, as an HTML parser reads them in an attribute.
struct Ids {
    articles: HashSet<String>,
    /// Entities with a page of their own (`entity/<id>/`).
    entities: HashSet<String>,
    /// Entities shown by the shell page (`entity/?id=<id>`).
    shell_entities: HashSet<String>,
}

/// One segment of a path as the app writes it (the id percent-encoded: no `/`, `?` or `#`
/// left), decoded; `None` for anything else.
fn path_segment(segment: &str) -> Option<String> {
    if segment.contains(['/', '?', '#']) {
        return None;
    }
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(String::from)
}

fn check_href(href: &str, element: &str, ids: &Ids) -> Result<(), TestCaseError> {
    if element == "link" {
        // The template's stylesheet, or an article's body file.
        let body_file = href
            .strip_prefix("data/bodies/")
            .and_then(|rest| rest.split_once(".json"))
            .is_some_and(|(bucket, query)| {
                is_hex(bucket, 1..=8)
                    && (query.is_empty() || query.strip_prefix("?v=").is_some_and(is_fingerprint))
            });
        // Or, with a base URL, the page's canonical address and the feed.
        let site = href.starts_with(BASE_URL);
        prop_assert!(
            href == "/style.css" || body_file || site,
            "link to {:?}",
            href
        );
        return Ok(());
    }
    if element == "base" {
        prop_assert_eq!(href, "/");
        return Ok(());
    }
    // The app's links are absolute under the site's base path (`/` here); the skip link is a
    // page's own address with its pre-rendered `<main>`'s id.
    let href = href.strip_suffix("#content").unwrap_or(href);
    let internal = href == "/"
        || href == "#results"
        // The shell page of the entities without a page, and the page of unknown addresses.
        || href == "/entity/"
        || href == "/404.html"
        // The Try it page, linked from every page's header.
        || href == "/try/"
        || href
            .strip_prefix("/?entity=")
            .is_some_and(|id| ids.entities.contains(id) || ids.shell_entities.contains(id))
        || href
            .strip_prefix("/article/")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(path_segment)
            .is_some_and(|id| ids.articles.contains(&in_attribute(&id)))
        || href
            .strip_prefix("/entity/")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(path_segment)
            .is_some_and(|id| ids.entities.contains(&in_attribute(&id)))
        || href
            .strip_prefix("/entity/?id=")
            .is_some_and(|id| ids.shell_entities.contains(id));
    if !internal {
        prop_assert!(
            safe_href(href).as_deref() == Some(href)
                && (href.to_ascii_lowercase().starts_with("https://")
                    || href.to_ascii_lowercase().starts_with("http://")),
            "link to {:?} is neither a page of the site nor a web address",
            href
        );
    }
    Ok(())
}

/// Whether `text` is lowercase hex digits, as many as `len` allows.
/// Whether `text` may be a body's fingerprint in an address: 1 to 64 hex digits, either case
/// (what the data's readers accept; a fingerprint kiosque writes has 16, lowercase).
fn is_fingerprint(text: &str) -> bool {
    (1..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_hex(text: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Every text the data holds, as a browser shows it, for the bidi check.
fn data_texts(corpus: &Corpus, bodies: &[ArticleBody]) -> HashSet<String> {
    let mut texts = HashSet::new();
    for a in corpus.articles() {
        texts.insert(a.title.clone());
        texts.insert(a.excerpt.clone());
    }
    for e in corpus.entities() {
        texts.insert(e.name.clone());
    }
    for b in bodies.iter().flat_map(|b| &b.blocks) {
        texts.insert(b.text().to_owned());
    }
    texts.iter().map(|t| flat(t)).collect()
}

fn page(template: &Template, meta: &PageMeta, body: &str) -> String {
    template.render(meta, &SiteHead::named(SITE_NAME), body)
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn pages_of_any_data_carry_no_markup_from_it((corpus, bodies) in site(), buckets in 0u32..5000) {
        let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
        let ids = Ids {
            articles: corpus.articles().iter().map(|a| in_attribute(&a.id)).collect(),
            entities: corpus.entities().iter().filter(|e| has_own_page(e)).map(|e| in_attribute(e.id.as_str())).collect(),
            shell_entities: corpus.entities().iter().filter(|e| !has_own_page(e)).map(|e| in_attribute(e.id.as_str())).collect(),
        };
        let texts = data_texts(&corpus, &bodies);

        let whole = Arc::new(corpus.clone());
        let rendering = Rendering::new("/", SITE_NAME, Arc::clone(&whole));
        let home = page(&template, &PageMeta::default(), &rendering.home());
        check_page(&home, &ids, &texts)?;
        let dom = Document::from(home.as_str());
        // (Leptos writes an empty text as one space.)
        let titles: Vec<String> = dom.select(".card-title").iter().map(|h| h.text().trim().to_owned()).collect();
        // The app's first page of cards.
        let expected: Vec<String> = corpus.articles().iter().take(30).map(|a| as_parsed(&a.title).trim().to_owned()).collect();
        prop_assert_eq!(titles, expected, "card titles are shown as written");

        for (summary, body) in corpus.articles().iter().zip(&bodies) {
            let meta = PageMeta {
                title: format!("{} · {SITE_NAME}", summary.title),
                description: summary.excerpt.clone(),
                og_type: "article",
                published: summary.published.clone(),
                body_file: Some(html::body_file(
                    &parts::bucket_path(parts::bucket_of(&summary.id, buckets), buckets),
                    summary.body_hash.as_deref(),
                )),
                ..PageMeta::default()
            };
            let html = page(
                &template,
                &meta,
                &rendering.article(Arc::clone(&whole), summary.clone(), Arc::new(body.clone())),
            );
            check_page(&html, &ids, &texts)?;
            let dom = Document::from(html.as_str());
            // The body file is preloaded, with the fingerprint only when it is one.
            let preload = dom.select("link[data-kiosque-body]");
            prop_assert_eq!(preload.length(), 1);
            prop_assert_eq!(preload.attr("rel").map(|v| v.to_string()), Some("preload".to_owned()));
            let href = preload.attr("href").map(|v| v.to_string()).unwrap_or_default();
            let hash = summary.body_hash.as_deref().filter(|h| is_fingerprint(h));
            prop_assert_eq!(href.split_once("?v=").map(|(_, v)| v), hash, "{}", href);
            prop_assert_eq!(dom.select("#prerender h1").text().trim().to_owned(), as_parsed(&summary.title).trim().to_owned());
            prop_assert_eq!(
                dom.select("meta[property=\"og:description\"]").attr("content").map(|v| v.to_string()),
                Some(in_attribute(&summary.excerpt)),
                "the description is the excerpt, as written"
            );
            // Every paragraph's text is on the page, whole and in order.
            let shown: Vec<String> = dom
                .select("#prerender .article-body > p")
                .iter()
                .map(|p| flat(&p.text()))
                .collect();
            let paragraphs: Vec<String> = body
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Paragraph(_)))
                .map(|b| flat(b.text()))
                .collect();
            prop_assert!(
                shown.starts_with(&paragraphs),
                "paragraphs {:?} shown as {:?}",
                paragraphs,
                shown
            );
        }
        for entity in corpus.entities() {
            let html = page(&template, &PageMeta::default(), &rendering.entity(Arc::clone(&whole), rendering.entity_shown(&whole, entity)));
            check_page(&html, &ids, &texts)?;
        }
        check_page(&page(&template, &PageMeta::default(), &rendering.not_found()), &ids, &texts)?;
    }

    /// The site's name (from kiosque.toml) is text wherever it goes: the head's tags, the
    /// feed's title in the head, the entity shell page.
    #[test]
    fn the_site_name_is_text_everywhere(name in nasty_text(20)) {
        let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
        let site = SiteHead {
            name: name.clone(),
            language: "fr".into(),
            base_url: Some(BASE_URL.into()),
            feed: true,
        };
        let meta = PageMeta { title: name.clone(), path: Some(String::new()), ..PageMeta::default() };
        let html = template.render(&meta, &site, &entity_shell(&name, kiosque_model::ui::Language::Fr));
        let ids = Ids { articles: HashSet::new(), entities: HashSet::new(), shell_entities: HashSet::new() };
        check_page(&html, &ids, &HashSet::from([flat(&name)]))?;
        let dom = Document::from(html.as_str());
        prop_assert_eq!(
            dom.select("meta[name=\"application-name\"]").attr("content").map(|v| v.to_string()),
            Some(in_attribute(&name))
        );
        prop_assert_eq!(dom.select("link[rel=\"canonical\"]").attr("href").map(|v| v.to_string()), Some(BASE_URL.to_owned()));
        prop_assert_eq!(dom.select("html").attr("lang").map(|v| v.to_string()), Some("fr".to_owned()));
    }

    /// The head: title and preview tags hold any text, escaped, and nothing else.
    #[test]
    fn head_tags_hold_any_text(
        title in nasty_text(30),
        description in nasty_text(60),
        published in prop::option::of(date()),
    ) {
        let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
        let meta = PageMeta {
            title: title.clone(),
            description: description.clone(),
            og_type: "article",
            published,
            // A fingerprint that is not one is left out of the address.
            body_file: Some(html::body_file("bodies/0a.json", Some(&title))),
            ..PageMeta::default()
        };
        let body = format!("<main><p>{}</p></main>", escape(&description));
        let html = page(&template, &meta, &body);
        let ids = Ids { articles: HashSet::new(), entities: HashSet::new(), shell_entities: HashSet::new() };
        check_page(&html, &ids, &HashSet::from([flat(&description)]))?;
        let dom = Document::from(html.as_str());
        prop_assert_eq!(dom.select("title").text().to_string(), in_attribute(&title));
        prop_assert_eq!(
            dom.select("meta[property=\"og:description\"]").attr("content").map(|v| v.to_string()),
            Some(in_attribute(&description))
        );
        prop_assert_eq!(dom.select("#prerender").attr("lang"), None, "the site's header is not in the article's language");
        // `kiosque pages` run again on its own output writes the same page.
        let again = Template::new(html.clone()).expect("a rendered page is a template");
        prop_assert_eq!(page(&again, &meta, &body), html, "rendering twice changed the page");
    }
}

/// The checks above catch what they look for: a fuzzer whose oracle sees nothing finds nothing.
#[test]
fn the_page_checks_catch_markup_spoofing_and_bad_links() {
    let ids = Ids {
        articles: HashSet::from(["a".to_owned()]),
        entities: HashSet::from(["per-b".to_owned()]),
        shell_entities: HashSet::from(["per-c".to_owned()]),
    };
    let texts: HashSet<String> = HashSet::from(["Titre".to_owned()]);
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>K</title></head><body><div id=\"prerender\">{body}</div><script type=\"module\">{LOADER}</script></body></html>"
        )
    };
    assert!(
        check_page(
            &page("<p><a href=\"/article/a/\">Titre</a></p>"),
            &ids,
            &texts
        )
        .is_ok()
    );
    for bad in [
        "<p><script>alert(1)</script></p>",
        "<p><img src=x onerror=alert(1)></p>",
        "<p class=x>unquoted</p>",
        "<p title=\"a\" onclick=\"x\">handler</p>",
        "<p><a href=\"javascript:alert(1)\">x</a></p>",
        "<p><a href=\"https://www.example.com@evil.example/\">x</a></p>",
        "<p><a href=\"/article/b/\">unknown page</a></p>",
        // An entity linked to the page it does not have.
        "<p><a href=\"/entity/per-c/\">x</a></p>",
        "<p><a href=\"/entity/?id=per-b\">x</a></p>",
        "<p class=\"pr-meta\">\u{202e}source · 2 min read</p>",
    ] {
        assert!(
            check_page(&page(bad), &ids, &texts).is_err(),
            "{bad} passed"
        );
    }
}

/// Found by `head_tags_hold_any_text`: a title of "a" (one hex digit) used as the body's
/// fingerprint is one the reader accepts, so it stays in the preload's address.
#[test]
fn a_short_hex_fingerprint_stays_in_the_preload_address() {
    let template = Template::new(TEMPLATE.to_owned()).expect("the template is valid");
    let meta = PageMeta {
        title: "a".into(),
        og_type: "article",
        body_file: Some(html::body_file("bodies/0a.json", Some("a"))),
        ..PageMeta::default()
    };
    let html = page(&template, &meta, "<main></main>");
    let ids = Ids {
        articles: HashSet::new(),
        entities: HashSet::new(),
        shell_entities: HashSet::new(),
    };
    assert!(check_page(&html, &ids, &HashSet::new()).is_ok());
    assert!(html.contains("href=\"data/bodies/0a.json?v=a\""), "{html}");
}
