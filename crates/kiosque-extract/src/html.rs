//! Saved web pages: main-content extraction (rs-trafilatura) and page metadata (`<title>`,
//! OpenGraph, `article:published_time`, JSON-LD `NewsArticle`, which rs-trafilatura merges),
//! turned into a [`Document`] whose text then goes through the same cleaning as plain text.

use std::borrow::Cow;
use std::sync::LazyLock;

use chrono::Datelike;
use kiosque_model::text::fold;

use crate::clean::Format;
use crate::source::{Document, Meta, SourceError, language};

/// `<plaintext>` (obsolete) makes everything after it text. The extractor serialises the page and
/// parses it again, so after this tag the page's own markup, scripts included, would come back as
/// article text. No news page needs it: the tag is dropped and what follows stays markup.
static PLAINTEXT: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)</?plaintext\b[^>]*>").unwrap_or_else(|e| panic!("pattern: {e}"))
});

fn without_plaintext(html: &str) -> Cow<'_, str> {
    PLAINTEXT.replace_all(html, "")
}

/// Reads a saved HTML page. `url` is the page's address when known (it helps extraction).
pub fn parse_html(html: &str, url: Option<&str>) -> Result<Document, SourceError> {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(&without_plaintext(html), &options)
        .map_err(|e| SourceError::Html(e.to_string()))?;
    let text = decode_entities(&result.content_text);
    if text.trim().is_empty() {
        return Err(SourceError::Html(
            "no main content found in the page".to_owned(),
        ));
    }
    let m = &result.metadata;
    // Without an article, extractors fall back to repeating the title: that is no article.
    if let Some(title) = m
        .title
        .as_deref()
        .map(fold)
        .filter(|t| !t.trim().is_empty())
    {
        let rest = fold(&text).replace(title.trim(), "");
        if rest.split_whitespace().count() < 3 {
            return Err(SourceError::Html(
                "no article text in the page, only its title".to_owned(),
            ));
        }
    }
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(|s| {
                decode_entities(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
    };
    let mut warnings = Vec::new();
    let meta = Meta {
        id: None,
        title: full_title(&text, clean(&m.title)),
        // Pages sometimes carry placeholder dates (0001-01-01): keep plausible ones only.
        published: m
            .date
            .map(|d| d.date_naive())
            .filter(|d| (1800..=2200).contains(&d.year())),
        source: clean(&m.sitename).or_else(|| clean(&m.hostname)),
        url: clean(&m.url).or_else(|| url.map(str::to_owned)),
        lang: m
            .language
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .and_then(|l| language("lang", l, &mut warnings)),
        license: None,
        description: clean(&m.description),
    };
    Ok(Document {
        text,
        format: Format::Text,
        meta,
        imported: None,
        warnings,
    })
}

/// Metadata titles lose a leading part before " : " or " - " (taken for a site name); when the
/// page's first line is the title with that part ("États-Unis : Lancement réussi…"), keep it whole.
fn full_title(text: &str, title: Option<String>) -> Option<String> {
    let title = title?;
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let (f, t) = (fold(first), fold(&title));
    let longer = f.len() > t.len() && f.ends_with(&t) && first.chars().count() <= 200;
    Some(if longer { first.to_owned() } else { title })
}

/// Decodes the character references that survive extraction (`&#039;`, `&amp;`, `&nbsp;`).
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_entities("L&#039;Ukraine &amp; la Russie&nbsp;: &#x2014; &bogus; AT&T"),
            "L'Ukraine & la Russie\u{a0}: \u{2014} &bogus; AT&T"
        );
    }

    #[test]
    fn a_news_page_gives_its_body_and_metadata() {
        let html = r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
            <title>Koursk : l&#039;offensive reprend - Le Journal</title>
            <meta property="og:title" content="Koursk : l'offensive reprend">
            <meta property="og:site_name" content="Le Journal">
            <meta property="article:published_time" content="2025-01-06T08:00:00Z">
            </head><body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
            <article><h1>Koursk : l'offensive reprend</h1>
            <p>Les forces ukrainiennes ont relancé lundi une offensive dans la région russe de Koursk, selon des blogueurs militaires russes qui suivent les combats au quotidien.</p>
            <p>Le ministère russe de la Défense affirme avoir repoussé les premières attaques près d'une autoroute menant à la capitale régionale, sans donner de bilan précis.</p>
            <p>Kiev n'a pas commenté ces informations, mais plusieurs sources évoquent des combats intenses depuis deux jours dans ce secteur stratégique du front.</p>
            </article><footer>© Le Journal 2025 — Mentions légales — Contact</footer></body></html>"#;
        let doc = parse_html(html, Some("https://example.org/koursk")).expect("a page");
        assert!(doc.text.contains("région russe de Koursk"));
        assert!(!doc.text.contains("Mentions légales"));
        assert_eq!(
            doc.meta.published,
            chrono::NaiveDate::from_ymd_opt(2025, 1, 6)
        );
        assert_eq!(doc.meta.source.as_deref(), Some("Le Journal"));
        assert!(
            doc.meta
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Koursk : l'offensive reprend"))
        );
    }

    #[test]
    fn a_plaintext_tag_never_turns_the_page_s_markup_into_article_text() {
        // Found by scripts/fuzz (fuzz_formats): the page's script came back as article text.
        let page = "<p>Un article de plusieurs mots ici.</p><table><script>var sentinel = 1;</script><PLAINTEXT>";
        let text = parse_html(page, None).map(|d| d.text).unwrap_or_default();
        assert!(
            !text.contains("sentinel") && !text.contains('<'),
            "{text:?}"
        );
        // A page with nothing else may be refused; if it is read, it is not its markup.
        if let Ok(doc) = parse_html("<table><script>var sentinel = 1;</script><plaintext>", None) {
            assert!(
                !doc.text.contains("sentinel") && !doc.text.contains('<'),
                "{doc:?}"
            );
        }
    }

    #[test]
    fn a_page_without_content_is_an_error() {
        assert!(parse_html("<html><body></body></html>", None).is_err());
        let title_only =
            "<html><head><title>Une page vide</title></head><body><nav>Accueil</nav></body></html>";
        assert!(parse_html(title_only, None).is_err());
    }
}
