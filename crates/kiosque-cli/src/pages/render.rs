//! Static renderings of the app's pages, for readers without JavaScript, search engines and link
//! previews. Links are relative to the page's `<base href>`, so they work under any sub-path.
//! Class names start with `pr-`: they style the page but are not the app's own elements.

use kiosque_model::display::{count_noun, format_date, language_name};
use kiosque_model::highlight::segments;
use kiosque_model::index::Corpus;
use kiosque_model::links::safe_href;
use kiosque_model::{ArticleBody, ArticleSummary, Block, Entity, Mention};

use super::html::escape;

/// How many cards the home page pre-renders (the app renders the rest).
pub const HOME_CARDS: usize = 50;

fn article_href(id: &str) -> String {
    format!("article/{}/", escape(id))
}

fn entity_href(id: &str) -> String {
    format!("entity/{}/", escape(id))
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
            escape(&shown)
        ));
    }
    if let Some(s) = &a.source {
        parts.push(escape(s));
    }
    if let Some(l) = &a.lang {
        parts.push(escape(&language_name(l)));
    }
    parts.push(format!("{} min read", a.reading_minutes()));
    parts.join(" · ")
}

/// A link to an address from the data, only if it is a web address (never `javascript:`).
fn external_link(url: &str, text: &str) -> String {
    match safe_href(url) {
        Some(href) => format!(
            "<a href=\"{}\" rel=\"external noopener\">{}</a>",
            escape(&href),
            escape(text)
        ),
        None => escape(text),
    }
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

/// Text with each mention as a link to its entity.
fn linked_text(text: &str, mentions: &[Mention], corpus: &Corpus) -> String {
    segments(text, mentions)
        .iter()
        .map(|s| match s.mention {
            Some(m) => {
                let label = corpus
                    .entity(&m.entity)
                    .map_or("entity", |e| e.label.singular());
                format!(
                    "<a class=\"pr-mention\" href=\"{}\" title=\"{}\">{}</a>",
                    entity_href(m.entity.as_str()),
                    escape(label),
                    escape(s.text)
                )
            }
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
                    .map(|s| escape(&s))
                    .collect();
                out.push_str(&format!(
                    "<figure class=\"pr-embed\"><blockquote>{}</blockquote><figcaption>— {}</figcaption></figure>",
                    linked_text(&e.text, &e.mentions, corpus),
                    by.join(" · ")
                ));
            }
            Block::Related(r) => related.push(match &r.url {
                Some(url) => format!("<li>{}</li>", external_link(url, &r.text)),
                None => format!("<li>{}</li>", escape(&r.text)),
            }),
            Block::Boilerplate(_) | Block::Unknown => {}
        }
    }
    if !related.is_empty() {
        out.push_str(&format!(
            "<section><h2>Read also</h2><ul>{}</ul></section>",
            related.concat()
        ));
    }
    if let Some(url) = &summary.url {
        out.push_str(&format!(
            "<p>{}</p>",
            external_link(url, "Original article")
        ));
    }
    let entities: String = summary
        .entities
        .iter()
        .filter_map(|id| corpus.entity(id))
        .map(|e| {
            format!(
                "<li><a href=\"{}\">{}</a> ({})</li>",
                entity_href(e.id.as_str()),
                escape(&e.name),
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
        format!(
            "<p>Also written: {}</p>",
            escape(&entity.aliases.join(", "))
        )
    };
    format!(
        "<main class=\"pr-page\">{HOME_LINK}<h1>{}</h1><p class=\"pr-meta\">{} · mentioned in {}</p>{aliases}{}</main>",
        escape(&entity.name),
        entity.label.singular(),
        count_noun(entity.articles as usize, "article", "articles"),
        cards(corpus.articles_mentioning(&entity.id))
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
            articles: vec![summary],
            entities: vec![Entity {
                id: EntityId::from("loc-koursk"),
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
                        entity: EntityId::from("loc-koursk"),
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
        assert!(html.contains("<p>À <a class=\"pr-mention\" href=\"entity/loc-koursk/\" title=\"Place\">Koursk</a> &lt;b&gt;</p>"));
        assert!(!html.contains("Xiaomi"));
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(external_link("javascript:alert(1)", "x").starts_with('x'));
        assert!(
            external_link("https://example.org/a?b=1&c", "x")
                .contains("href=\"https://example.org/a?b=1&amp;c\"")
        );
    }

    #[test]
    fn entity_and_home_pages_list_articles_with_relative_links() {
        let corpus = corpus();
        let page = entity(&corpus.entities()[0], &corpus);
        assert!(page.contains("Also written: Kursk"));
        assert!(page.contains("href=\"article/a-1/\""));
        assert!(home(&corpus, "Kiosque").contains("1 article<"));
    }
}
