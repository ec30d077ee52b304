//! Static renderings of the app's pages, for readers without JavaScript, search engines and link
//! previews. Links are relative to the page's `<base href>`, so they work under any sub-path.
//! Class names start with `pr-`: they style the page but are not the app's own elements.
//! As in the app, every value from the data shown beside others is in a `<bdi>`, and a link to
//! another site is followed by the host it leads to.

use kiosque_model::display::{count_noun, format_date, language_name};
use kiosque_model::highlight::segments;
use kiosque_model::index::Corpus;
use kiosque_model::links::{display_host, has_own_page, safe_href};
use kiosque_model::stamp;
use kiosque_model::{ArticleBody, ArticleSummary, Block, Entity, Mention};

use super::html::escape;

/// How many cards the home page pre-renders (the app renders the rest).
pub const HOME_CARDS: usize = 50;

/// How many articles an entity page lists (newest first; the app pages the rest).
pub const ENTITY_CARDS: usize = 30;

fn article_href(id: &str) -> String {
    format!("article/{}/", escape(id))
}

/// The address of an entity's page: its own (`entity/<id>/`) when it has one, else the shell
/// page that reads the id from the query (`entity/?id=<id>`). Escaped.
pub fn entity_href(entity: &Entity) -> String {
    let id = escape(entity.id.as_str());
    if has_own_page(entity) {
        format!("entity/{id}/")
    } else {
        format!("entity/?id={id}")
    }
}

/// The address of an article's body file `file` (`bodies/<bucket>.json`, relative to the data
/// directory) as the app fetches it, relative to the page's `<base href>`: with the body's
/// fingerprint in the query when it has one (a rebuilt body has a new address), as
/// `data/bodies/<bucket>.json?v=<body_hash>`. Not escaped.
pub fn body_file(file: &str, body_hash: Option<&str>) -> String {
    match body_hash.filter(|hash| stamp::is_well_formed(hash)) {
        Some(hash) => format!("data/{file}?v={hash}"),
        None => format!("data/{file}"),
    }
}

/// Text from the data, escaped and bidi-isolated from what is around it.
fn bdi(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// "Mon 6 January 2025 · Source · French · 2 min read", as the app writes it.
fn meta_line(a: &ArticleSummary) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = &a.published {
        let hint = if a.published_inferred {
            " (inferred)"
        } else {
            ""
        };
        let shown = format_date(d).unwrap_or_else(|| d.clone());
        parts.push(format!(
            "<time datetime=\"{}\">{}</time>{hint}",
            escape(d),
            bdi(&shown)
        ));
    }
    if let Some(s) = &a.source {
        parts.push(bdi(s));
    }
    if let Some(l) = &a.lang {
        parts.push(bdi(&language_name(l)));
    }
    parts.push(format!("{} min read", a.reading_minutes()));
    parts.join(" · ")
}

/// A link to an address from the data, only if it is a web address (never `javascript:`, never
/// with user information), followed by the host it leads to; `None` for any other address.
fn external_link(url: &str, text: &str) -> Option<String> {
    let href = safe_href(url)?;
    let host = display_host(url)
        .map(|host| format!(" <span class=\"pr-host\">({})</span>", bdi(&host)))
        .unwrap_or_default();
    Some(format!(
        "<a href=\"{}\" rel=\"external noopener\">{}</a>{host}",
        escape(&href),
        bdi(text)
    ))
}

fn card(a: &ArticleSummary) -> String {
    format!(
        "<li><article class=\"pr-card\"><h2><a href=\"{}\">{}</a></h2><p class=\"pr-meta\">{}</p><p>{}</p></article></li>",
        article_href(&a.id),
        escape(&a.title),
        meta_line(a),
        escape(&a.excerpt)
    )
}

fn cards<'a>(articles: impl Iterator<Item = &'a ArticleSummary>) -> String {
    let items: String = articles.map(card).collect();
    format!("<ol class=\"pr-cards\">{items}</ol>")
}

/// The home page: the newest articles.
pub fn home(corpus: &Corpus, site_name: &str) -> String {
    let n = corpus.articles().len();
    format!(
        "<main class=\"pr-page\"><h1>{}</h1><p>{}</p>{}</main>",
        escape(site_name),
        count_noun(n, "article", "articles"),
        cards(corpus.articles().iter().take(HOME_CARDS))
    )
}

/// The way back to the list of articles (relative to the page's `<base href>`).
const HOME_LINK: &str = "<p><a href=\"./\">← All articles</a></p>";

/// Text with each mention as a link to its entity; mentions of entities the index does not have
/// stay plain, as in the app (there is no page to link to).
fn linked_text(text: &str, mentions: &[Mention], corpus: &Corpus) -> String {
    segments(text, mentions)
        .iter()
        .map(|s| match s.mention.and_then(|m| corpus.entity(&m.entity)) {
            Some(entity) => format!(
                "<a class=\"pr-mention\" href=\"{}\" title=\"{}\">{}</a>",
                entity_href(entity),
                escape(entity.label.singular()),
                escape(s.text)
            ),
            None => escape(s.text).replace('\n', "<br>"),
        })
        .collect()
}

/// An article page.
pub fn article(summary: &ArticleSummary, body: &ArticleBody, corpus: &Corpus) -> String {
    let mut out = format!(
        "<main class=\"pr-page\">{HOME_LINK}<article><h1>{}</h1><p class=\"pr-meta\">{}</p>",
        escape(&summary.title),
        meta_line(summary)
    );
    let mut related = Vec::new();
    for block in &body.blocks {
        match block {
            Block::Heading(b) => out.push_str(&format!(
                "<h2>{}</h2>",
                linked_text(&b.text, &b.mentions, corpus)
            )),
            Block::Paragraph(b) => out.push_str(&format!(
                "<p>{}</p>",
                linked_text(&b.text, &b.mentions, corpus)
            )),
            Block::Embed(e) => {
                let by: Vec<String> = [e.author.clone(), e.handle.clone(), e.date.clone()]
                    .into_iter()
                    .flatten()
                    .map(|s| bdi(&s))
                    .collect();
                out.push_str(&format!(
                    "<figure class=\"pr-embed\"><blockquote>{}</blockquote><figcaption>— {}</figcaption></figure>",
                    linked_text(&e.text, &e.mentions, corpus),
                    by.join(" · ")
                ));
            }
            Block::Related(r) => related.push(format!(
                "<li>{}</li>",
                r.url
                    .as_deref()
                    .and_then(|url| external_link(url, &r.text))
                    .unwrap_or_else(|| bdi(&r.text))
            )),
            Block::Boilerplate(_) | Block::Unknown => {}
        }
    }
    if !related.is_empty() {
        out.push_str(&format!(
            "<section><h2>Read also</h2><ul>{}</ul></section>",
            related.concat()
        ));
    }
    if let Some(link) = summary
        .url
        .as_deref()
        .and_then(|url| external_link(url, "Original article"))
    {
        out.push_str(&format!("<p>{link}</p>"));
    }
    let entities: String = summary
        .entities
        .iter()
        .filter_map(|id| corpus.entity(id))
        .map(|e| {
            format!(
                "<li><a href=\"{}\">{}</a> ({})</li>",
                entity_href(e),
                bdi(&e.name),
                e.label.singular()
            )
        })
        .collect();
    out.push_str(&format!(
        "<section><h2>In this article</h2><ul>{entities}</ul></section></article></main>"
    ));
    out
}

/// An entity page.
pub fn entity(entity: &Entity, corpus: &Corpus) -> String {
    let aliases = if entity.aliases.is_empty() {
        String::new()
    } else {
        let spellings: Vec<String> = entity.aliases.iter().map(|a| bdi(a)).collect();
        format!("<p>Also written: {}</p>", spellings.join(", "))
    };
    format!(
        "<main class=\"pr-page\">{HOME_LINK}<h1>{}</h1><p class=\"pr-meta\">{} · mentioned in {}</p>{aliases}{}{}</main>",
        escape(&entity.name),
        entity.label.singular(),
        count_noun(entity.articles as usize, "article", "articles"),
        cards(corpus.articles_mentioning(&entity.id).take(ENTITY_CARDS)),
        match corpus
            .articles_mentioning(&entity.id)
            .count()
            .saturating_sub(ENTITY_CARDS)
        {
            0 => String::new(),
            more => format!("<p class=\"pr-more\">and {more} more</p>"),
        }
    )
}

/// The one page that shows every entity without a page of its own (`entity/?id=<id>`): the
/// app reads the id; without JavaScript, the site's name and a way back.
pub fn entity_shell(site_name: &str) -> String {
    format!(
        "<main class=\"pr-page\">{HOME_LINK}<h1>{}</h1><noscript><p>This page lists the articles that mention a person, place, organisation or date: it needs JavaScript.</p></noscript></main>",
        escape(site_name)
    )
}

/// The page for unknown addresses.
pub fn not_found() -> String {
    "<main class=\"pr-page\"><h1>Page not found</h1><p><a href=\"./\">Back to the articles</a></p></main>".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiosque_model::article::{BoilerplateBlock, Noise, TextBlock};
    use kiosque_model::{EntityId, Label, SiteIndex};

    fn corpus() -> Corpus {
        let summary: ArticleSummary = serde_json::from_str(
            r#"{"id": "a-1", "title": "<Koursk>", "excerpt": "x", "words": 10, "published": "2025-01-06", "entities": ["loc-koursk"]}"#,
        )
        .expect("summary");
        Corpus::new(SiteIndex {
            schema_version: "1.0".into(),
            generator: String::new(),
            search: None,
            articles: vec![summary],
            entities: vec![Entity {
                id: EntityId::new("loc-koursk").expect("a valid id"),
                label: Label::Place,
                name: "Koursk".into(),
                aliases: vec!["Kursk".into()],
                articles: 1,
                mentions: 1,
                value: None,
            }],
        })
    }

    #[test]
    fn article_text_is_escaped_linked_and_boilerplate_left_out() {
        let corpus = corpus();
        let body = ArticleBody {
            id: "a-1".into(),
            blocks: vec![
                Block::Paragraph(TextBlock {
                    text: "À Koursk <b>".into(),
                    mentions: vec![Mention {
                        start: 2,
                        end: 8,
                        entity: EntityId::new("loc-koursk").expect("a valid id"),
                    }],
                }),
                Block::Boilerplate(BoilerplateBlock {
                    reason: Noise::Teaser,
                    text: "Xiaomi…".into(),
                }),
            ],
        };
        let html = article(&corpus.articles()[0], &body, &corpus);
        assert!(html.contains("<h1>&lt;Koursk&gt;</h1>"));
        assert!(html.contains("<p>À <a class=\"pr-mention\" href=\"entity/?id=loc-koursk\" title=\"Place\">Koursk</a> &lt;b&gt;</p>"));
        assert!(!html.contains("Xiaomi"));
    }

    #[test]
    fn only_web_addresses_become_links_and_show_where_they_lead() {
        assert_eq!(external_link("javascript:alert(1)", "x"), None);
        let link = external_link("https://Example.org/a?b=1&c", "x").expect("a web address");
        assert!(
            link.contains("href=\"https://Example.org/a?b=1&amp;c\""),
            "{link}"
        );
        assert!(
            link.ends_with("<span class=\"pr-host\">(<bdi>example.org</bdi>)</span>"),
            "{link}"
        );
    }

    #[test]
    fn a_link_that_names_one_host_and_leads_to_another_is_not_made() {
        let corpus = corpus();
        let mut summary = corpus.articles()[0].clone();
        summary.url = Some("https://www.example.com@evil.example/".into());
        let body = ArticleBody {
            id: "a-1".into(),
            blocks: vec![Block::Related(kiosque_model::RelatedBlock {
                label: "Read more".into(),
                text: "Le Monde".into(),
                url: Some("https://www.lemonde.fr@evil.example/".into()),
                mentions: vec![],
            })],
        };
        let html = article(&summary, &body, &corpus);
        assert!(!html.contains("evil.example"), "{html}");
        assert!(!html.contains("Original article"), "{html}");
        assert!(html.contains("<li><bdi>Le Monde</bdi></li>"), "{html}");
    }

    #[test]
    fn values_beside_others_are_bidi_isolated() {
        let corpus = corpus();
        let mut summary = corpus.articles()[0].clone();
        summary.source = Some("\u{202e}Evil Source".into());
        summary.lang = Some("fr".into());
        let meta = meta_line(&summary);
        assert!(
            meta.contains("<bdi>\u{202e}Evil Source</bdi> · <bdi>French</bdi> · 1 min read"),
            "{meta}"
        );
        assert!(entity(&corpus.entities()[0], &corpus).contains("Also written: <bdi>Kursk</bdi>"));
    }

    #[test]
    fn mentions_of_unknown_entities_and_bad_offsets_stay_plain() {
        let corpus = corpus();
        let body = ArticleBody {
            id: "a-1".into(),
            blocks: vec![Block::Paragraph(TextBlock {
                text: "Koursk et Kyiv".into(),
                mentions: vec![
                    Mention {
                        start: 10,
                        end: 14,
                        entity: EntityId::new("loc-kyiv").expect("a valid id"),
                    },
                    Mention {
                        start: 0,
                        end: Mention::INVALID_OFFSET,
                        entity: EntityId::new("loc-koursk").expect("a valid id"),
                    },
                ],
            })],
        };
        let html = article(&corpus.articles()[0], &body, &corpus);
        assert!(html.contains("<p>Koursk et Kyiv</p>"), "{html}");
    }

    #[test]
    fn entity_and_home_pages_list_articles_with_relative_links() {
        let corpus = corpus();
        let page = entity(&corpus.entities()[0], &corpus);
        assert!(page.contains("Also written: <bdi>Kursk</bdi>"));
        assert!(page.contains("href=\"article/a-1/\""));
        assert!(home(&corpus, "Kiosque").contains("1 article<"));
    }
}
