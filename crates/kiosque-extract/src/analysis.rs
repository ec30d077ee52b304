//! One article from input to typed blocks, metadata and entity mentions (before corpus linking).

use chrono::NaiveDate;
use kiosque_model::text::shorten;
use kiosque_model::{Confidence, Label};

use crate::clean::{Cleaned, MatchingText, Part, Role};
use crate::dates::{DateExpr, DateValue, find_dates, infer_publication_date};
use crate::lang;
use crate::ner::knowledge::Knowledge;
use crate::ner::{self, author_name_span};
use crate::normalize::{Normalized, normalize_str};
use crate::source::{Document, ImportedEntity};

/// Where in its part a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// In the part's text.
    Text,
    /// The author of an embedded post.
    Author,
    /// The date line of an embedded post.
    Attribution,
}

/// An entity mention of the article, before linking.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Index of the part in [`Cleaned::parts`].
    pub part: usize,
    /// First code point, in the displayed document.
    pub start: u32,
    /// One past the last code point, in the displayed document.
    pub end: u32,
    /// Where in the part it is.
    pub place: Place,
    /// What it is.
    pub label: Label,
    /// As matched: the displayed text less its invisible characters, with plain spaces.
    pub text: String,
    /// The gazetteer entry, if known.
    pub entry: Option<u32>,
    /// For dates, the value resolved against the publication date.
    pub date: Option<DateValue>,
    /// How sure its label is, from the evidence recognition found (see
    /// [`ner::Recognized::confidence`]); sure when not said (another tool's entities).
    #[serde(default)]
    pub confidence: Confidence,
    /// A lone name nothing in the article types ([`ner::Recognized::lone`]): a person's
    /// mention only if the corpus names someone by it, else none (`kiosque_corpus` decides
    /// before linking).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lone: bool,
}

/// An analysed article.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    /// The typed parts.
    pub cleaned: Cleaned,
    /// The title: given, found as the first line, or derived from the first sentence.
    pub title: String,
    /// Whether the title was derived from the text.
    pub title_derived: bool,
    /// The publication date: given, from a dateline, or inferred.
    pub published: Option<NaiveDate>,
    /// Whether the date was inferred from the text.
    pub published_inferred: bool,
    /// The language code: given or detected.
    pub lang: Option<String>,
    /// The mentions, in document order.
    pub found: Vec<Found>,
    /// The start of the body, for cards.
    pub excerpt: String,
    /// Number of words in the body.
    pub words: u32,
}

/// Longest excerpt, in characters.
pub const EXCERPT_CHARS: usize = 220;
/// Longest derived title, in characters.
pub const TITLE_CHARS: usize = 110;

/// Analyses one article.
pub fn analyze(doc: &Document, knowledge: &Knowledge) -> Analysis {
    let cleaned = doc.clean();
    // Language, words and entities are read on the matching view of each part; offsets found
    // there are mapped back to the displayed text.
    let matching: Vec<MatchingText<'_>> = cleaned
        .parts
        .iter()
        .map(|p| cleaned.matching_text(p))
        .collect();
    let joined = |keep: &dyn Fn(&Part) -> bool| -> String {
        cleaned
            .parts
            .iter()
            .zip(&matching)
            .filter(|(p, _)| keep(p))
            .map(|(_, m)| m.text.as_ref())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let body_text = joined(&|p| matches!(p.role, Role::Heading | Role::Paragraph));
    // A page without body (a listing) still has a language: detect it on everything.
    let lang = doc
        .meta
        .lang
        .clone()
        .or_else(|| lang::detect(&body_text))
        .or_else(|| lang::detect(&joined(&|_| true)));

    // All the article's texts at once, so that names are typed consistently across them; or
    // the entities another tool found, when the input brings them.
    let article: Vec<(usize, &Part)> = cleaned
        .parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_article())
        .collect();
    let mentions = match &doc.imported {
        Some(imported) => imported_mentions(&cleaned, &article, imported),
        None => {
            let texts: Vec<&str> = article
                .iter()
                .map(|&(i, _)| matching[i].text.as_ref())
                .collect();
            let found = ner::recognize_all(&texts, knowledge);
            found
                .into_iter()
                .zip(&article)
                .map(|(mentions, &(i, _))| displayed_mentions(mentions, &matching[i]))
                .collect()
        }
    };
    let mut found: Vec<(Found, Option<DateExpr>)> = Vec::new();
    for ((index, part), mentions) in article.into_iter().zip(mentions) {
        find_in_part(&cleaned.doc, index, part, mentions, &mut found);
    }

    let (published, published_inferred) = match (doc.meta.published, cleaned.dateline) {
        (Some(d), _) | (None, Some(d)) => (Some(d), false),
        (None, None) => {
            let exprs: Vec<DateExpr> = found.iter().filter_map(|(_, e)| *e).collect();
            let inferred = infer_publication_date(&exprs);
            (inferred, inferred.is_some())
        }
    };
    let found = found
        .into_iter()
        .map(|(mut f, expr)| {
            f.date = expr.and_then(|e| e.resolve(published));
            f
        })
        .collect();

    let (title, title_derived) = match (&doc.meta.title, &cleaned.title_line) {
        (Some(t), _) | (None, Some(t)) => (t.clone(), false),
        (None, None) => (derive_title(&cleaned), true),
    };
    let excerpt = excerpt(&cleaned);
    let words = body_text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u32;
    Analysis {
        cleaned,
        title,
        title_derived,
        published,
        published_inferred,
        lang,
        found,
        excerpt,
        words,
    }
}

/// Mentions found on a part's matching view, with offsets in the part's displayed text.
fn displayed_mentions(
    mentions: Vec<ner::Recognized>,
    matching: &MatchingText<'_>,
) -> Vec<ner::Recognized> {
    mentions
        .into_iter()
        .map(|m| {
            let (start, end) = matching.displayed(m.start, m.end);
            ner::Recognized { start, end, ..m }
        })
        .collect()
}

/// Entities from another tool, placed in the article's parts. Spans in boilerplate, across two
/// parts, or of labels Kiosque does not use (MISC, NORP…) are left out.
fn imported_mentions(
    cleaned: &Cleaned,
    article: &[(usize, &Part)],
    imported: &[ImportedEntity],
) -> Vec<Vec<ner::Recognized>> {
    let mut out: Vec<Vec<ner::Recognized>> = vec![Vec::new(); article.len()];
    for e in imported {
        let Some(label) = Label::from_code(&e.label.to_uppercase()) else {
            continue;
        };
        let start = cleaned.doc.normalized_of(e.start as u32);
        let end = cleaned.doc.normalized_of(e.end as u32);
        let Some(slot) = article.iter().position(|(_, p)| {
            let span = p.text_span();
            span.start <= start && end <= span.end
        }) else {
            continue;
        };
        let base = article[slot].1.text_span().start;
        let (s, e_) = ((start - base) as usize, (end - base) as usize);
        let shown: String = article[slot]
            .1
            .text
            .chars()
            .skip(s)
            .take(e_.saturating_sub(s))
            .collect();
        let text = normalize_str(&shown);
        let date = (label == Label::Date)
            .then(|| find_dates(&text).into_iter().next().map(|d| d.expr))
            .flatten();
        out[slot].push(ner::Recognized {
            start: s,
            end: e_,
            label,
            text,
            date,
            entry: None,
            // What the other tool found, as sure as it says.
            confidence: Confidence::High,
            lone: false,
        });
    }
    out
}

/// The mentions of one part, with the embed's author and date.
fn find_in_part(
    doc: &Normalized,
    index: usize,
    part: &Part,
    mentions: Vec<ner::Recognized>,
    out: &mut Vec<(Found, Option<DateExpr>)>,
) {
    let base = part.text_span().start;
    for m in mentions {
        out.push((
            Found {
                part: index,
                start: base + m.start as u32,
                end: base + m.end as u32,
                place: Place::Text,
                label: m.label,
                text: m.text,
                entry: m.entry,
                date: None,
                confidence: m.confidence,
                lone: m.lone,
            },
            m.date,
        ));
    }
    let Role::Embed(embed) = &part.role else {
        return;
    };
    // The author's name is read on its matching view too.
    let author = embed.author.as_deref().map(|a| Normalized::new(a, 0));
    if let (Some(author), Some(span)) = (&author, embed.author_span)
        && let Some((s, e)) = author_name_span(&author.text)
    {
        let (first, last) = (author.original(s as u32), author.original_end(e as u32));
        out.push((
            Found {
                part: index,
                start: span.start + first,
                end: span.start + last.max(first),
                place: Place::Author,
                label: Label::Person,
                text: author.slice(s as u32, e as u32).to_owned(),
                entry: None,
                date: None,
                // A person by where it is written, not by what it says.
                confidence: Confidence::Medium,
                lone: false,
            },
            None,
        ));
    }
    if let (Some(date), Some(span)) = (embed.date, embed.date_span) {
        out.push((
            Found {
                part: index,
                start: span.start,
                end: span.end,
                place: Place::Attribution,
                label: Label::Date,
                text: normalize_str(doc.slice(span.start, span.end)),
                entry: None,
                date: None,
                confidence: Confidence::High,
                lone: false,
            },
            Some(DateExpr::Full(date)),
        ));
    }
}

/// The first sentence of the body, shortened on a word boundary when long.
fn derive_title(cleaned: &Cleaned) -> String {
    // Without a body (a listing page), the page's first line is the best there is.
    let first = cleaned
        .body()
        .find(|p| p.role == Role::Paragraph)
        .or_else(|| cleaned.body().next())
        .or_else(|| cleaned.parts.first());
    let Some(first) = first else {
        return "Untitled article".to_owned();
    };
    let text = first.text.trim();
    let sentence_end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' ') && i > 20)
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    let sentence = &text[..sentence_end];
    if sentence.chars().count() <= TITLE_CHARS {
        return sentence.to_owned();
    }
    // A long sentence is cut at a clause boundary rather than inside a name: "…avant
    // l’investiture de Donald Trump…", not "…de Donald…".
    let clause = sentence
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, ',' | ';' | ':')
                && (50..=TITLE_CHARS + 20).contains(&sentence[..i].chars().count())
        })
        .map(|(i, _)| i)
        .next_back();
    match clause {
        Some(i) => format!("{}…", sentence[..i].trim_end()),
        None => shorten(sentence, TITLE_CHARS),
    }
}

/// The first body paragraphs, shortened to [`EXCERPT_CHARS`].
fn excerpt(cleaned: &Cleaned) -> String {
    let body: Vec<&str> = cleaned
        .parts
        .iter()
        .filter(|p| p.role == Role::Paragraph)
        .map(|p| p.text.as_str())
        .take(3)
        .collect();
    shorten(&body.join(" "), EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::knowledge::Sources;
    use crate::source::parse_text;

    const SEED: &str = include_str!("../../../demo/000_a6c409483e480484.txt");

    #[test]
    fn the_seed_gets_a_derived_title_an_inferred_date_and_french() {
        let doc = parse_text(SEED, crate::clean::Format::Text).expect("seed parses");
        let a = analyze(&doc, &Knowledge::from_sources(&Sources::default()));
        assert!(a.title_derived);
        // Cut at a clause boundary, not inside "Donald Trump".
        assert_eq!(
            a.title,
            "Les deux camps essayent de gagner du terrain et de consolider leurs positions avant l’investiture de Donald Trump…"
        );
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2025, 1, 6));
        assert!(a.published_inferred);
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert!(a.excerpt.starts_with("Les deux camps"));
        assert!(!a.excerpt.contains("Xiaomi"));
        // The tweet author is a person; the teasers contribute nothing.
        assert!(
            a.found
                .iter()
                .any(|f| f.place == Place::Author && f.text == "SILVANO TROTTA")
        );
        assert!(
            !a.found
                .iter()
                .any(|f| f.text.contains("Xiaomi") || f.text.contains("PSG"))
        );
        let lundi = a.found.iter().find(|f| f.text == "lundi").expect("lundi");
        assert_eq!(lundi.date.map(|d| d.iso()).as_deref(), Some("2025-01-06"));
    }

    #[test]
    fn excerpts_and_derived_titles_keep_to_the_contract_even_without_spaces() {
        // One 400-letter word: no space to cut at. The contract caps an excerpt at 220
        // characters, the ellipsis included (`kiosque_model::validate`).
        let text = format!("{}\n\n{} fin.", "b".repeat(300), "a".repeat(400));
        let doc = parse_text(&text, crate::clean::Format::Text).expect("parses");
        let a = analyze(&doc, &Knowledge::from_sources(&Sources::default()));
        assert!(a.excerpt.ends_with('…'), "{}", a.excerpt);
        assert_eq!(a.excerpt.chars().count(), EXCERPT_CHARS);
        assert!(a.title.chars().count() <= TITLE_CHARS, "{}", a.title);
    }
}
