//! Input formats: turning a file's contents into a [`Document`] (text plus metadata).
//!
//! Plain text and Markdown may start with YAML front matter (`title`, `date`, `source`, `url`,
//! `lang`, …); JSON records carry the same fields under the names of the Wikinews corpus
//! (`published`, `source_name`, `source_url`, …) or common alternatives.

use chrono::{Datelike as _, NaiveDate};
use serde_json::{Map, Value};
use thiserror::Error;
use yaml_rust2::{Yaml, YamlLoader};

use crate::clean::Format;
use crate::dates::{DateExpr, find_dates};
use crate::lang::{self, Given};

pub mod ents;

pub use ents::{SpanFault, SpanProblem};

/// What the input says about an article, before any inference.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// An id given by the input (JSON `id`, front matter `id` or `slug`).
    pub id: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// The publication or site.
    pub source: Option<String>,
    /// The original URL.
    pub url: Option<String>,
    /// The language code.
    pub lang: Option<String>,
    /// The licence of the text.
    pub license: Option<String>,
    /// A short description or summary given by the input.
    pub description: Option<String>,
}

/// One article as read from its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The text of the article (front matter removed).
    pub text: String,
    /// How the text is written.
    pub format: Format,
    /// What the input says about it.
    pub meta: Meta,
    /// Entities found by another tool (displaCy-style `ents`), used instead of Kiosque's own
    /// recognition when present: inside the text, sorted and disjoint.
    pub imported: Option<Vec<ImportedEntity>>,
    /// What the input gave that was ignored or changed while reading it.
    pub warnings: Vec<Warning>,
}

impl Document {
    /// Cleans the document: its typed parts, with its own title and format.
    pub fn clean(&self) -> crate::clean::Cleaned {
        crate::clean::clean(
            &self.text,
            &crate::clean::Options {
                format: self.format,
                title: self.meta.title.as_deref(),
            },
        )
    }
}

/// An entity span from another tool: code-point offsets into [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The tool's label (`PER`/`PERSON`, `LOC`/`GPE`/`FAC`, `ORG`, `DATE`, in any case).
    pub label: String,
}

/// Something an input gave that was not used as given. The article is still read; the
/// message says what was done instead. Values from the input are quoted with their control
/// characters escaped.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize, serde::Deserialize)]
pub enum Warning {
    /// A publication date that is not a date: ignored, as if none were given.
    #[error(
        "\"{field}\" is not a date: {} (expected a date such as 2025-01-06); ignored",
        ents::quoted(value)
    )]
    NotADate {
        /// The field (`published`, `date`…).
        field: String,
        /// Its value as given.
        value: String,
    },
    /// A language given by name or three-letter code, read as its ISO 639-1 code.
    #[error(
        "\"{field}\" is not an ISO 639-1 language code: {} is read as \"{code}\"",
        ents::quoted(value)
    )]
    LanguageReadAs {
        /// The field (`lang`…).
        field: String,
        /// Its value as given.
        value: String,
        /// The code used.
        code: String,
    },
    /// A language that is not one: ignored, the language is detected from the text.
    #[error(
        "\"{field}\" is not an ISO 639-1 language code (such as \"en\" or \"fr\"): {}; ignored, the language is detected from the text",
        ents::quoted(value)
    )]
    NotALanguage {
        /// The field (`lang`…).
        field: String,
        /// Its value as given.
        value: String,
    },
    /// `ents` is not a list: Kiosque's own recognition is used.
    #[error(
        "field \"ents\" must be a list of {{\"start\", \"end\", \"label\"}}, found {found}; Kiosque finds the entities itself"
    )]
    EntsNotAList {
        /// What it is instead.
        found: String,
    },
    /// An imported span left out or trimmed.
    #[error("{0}")]
    Span(SpanProblem),
    /// More span problems than are reported one by one.
    #[error("ents: {0} more spans of this record were left out or changed")]
    MoreSpans(usize),
    /// Imported spans with labels Kiosque does not use, by label: left out.
    #[error("ents: {} spans with labels Kiosque does not use were left out: {}; it uses PER/PERSON, LOC/GPE/FAC, ORG and DATE", .0.iter().map(|(_, n)| n).sum::<usize>(), .0.iter().map(|(l, n)| format!("{} ({n})", ents::quoted(l))).collect::<Vec<_>>().join(", "))]
    UnknownLabels(Vec<(String, usize)>),
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SourceError {
    /// The front matter is not valid YAML.
    #[error("front matter is not valid YAML: {0}")]
    FrontMatter(String),
    /// The front matter starts with `---` but never ends.
    #[error("front matter opened with `---` is never closed")]
    UnclosedFrontMatter,
    /// A JSON line or file is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// An HTML page has no extractable article.
    #[error("HTML page: {0}")]
    Html(String),
    /// A JSON record lacks the article text.
    #[error("record has no text (expected a non-empty \"text\", \"body\" or \"content\" field)")]
    NoText,
    /// A JSON value is not an object.
    #[error("expected a JSON object, found {0}")]
    NotAnObject(&'static str),
    /// A field has a value of the wrong type.
    #[error("field \"{field}\" must be {expected}, found {found}")]
    FieldType {
        /// The field.
        field: String,
        /// What it should be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
}

/// Reads plain text or Markdown, with optional front matter.
pub fn parse_text(content: &str, format: Format) -> Result<Document, SourceError> {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    let ((meta, warnings), text) = match split_front_matter(content)? {
        Some((yaml, body)) => (front_matter(yaml)?, body),
        None => ((Meta::default(), Vec::new()), content),
    };
    Ok(Document {
        text: text.to_owned(),
        format,
        meta,
        imported: None,
        warnings,
    })
}

/// Splits `---\nyaml\n---\nbody` into its two parts.
fn split_front_matter(content: &str) -> Result<Option<(&str, &str)>, SourceError> {
    let Some(rest) = content
        .strip_prefix("---\n")
        .or_else(|| content.strip_prefix("---\r\n"))
    else {
        return Ok(None);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body = &rest[offset + line.len()..];
            return Ok(Some((&rest[..offset], body)));
        }
        offset += line.len();
    }
    // A text that merely starts with a rule ("---") is text; one that starts like YAML
    // ("title: …") but never closes it is an error, not silently published as body.
    let first = rest
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let looks_like_yaml = first.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    if looks_like_yaml {
        Err(SourceError::UnclosedFrontMatter)
    } else {
        Ok(None)
    }
}

fn front_matter(yaml: &str) -> Result<(Meta, Vec<Warning>), SourceError> {
    let docs =
        YamlLoader::load_from_str(yaml).map_err(|e| SourceError::FrontMatter(e.to_string()))?;
    let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
        return Ok((Meta::default(), Vec::new()));
    };
    let mut fields = Map::new();
    for (k, v) in hash {
        let (Some(key), Some(value)) = (k.as_str(), yaml_scalar(&v)) else {
            continue;
        };
        fields.insert(key.to_owned(), Value::String(value));
    }
    meta_from_fields(&fields)
}

fn yaml_scalar(v: &Yaml) -> Option<String> {
    match v {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads one JSON record (one line of a `.jsonl` file, or an element of a `.json` array).
pub fn parse_record(value: Value) -> Result<Document, SourceError> {
    let Value::Object(fields) = value else {
        return Err(SourceError::NotAnObject(json_kind(&value)));
    };
    let (meta, mut warnings) = meta_from_fields(&fields)?;
    let text = text_field(&fields)?
        .filter(|t| !t.trim().is_empty())
        .ok_or(SourceError::NoText)?;
    let format = match first_string(&fields, &["format"])?.as_deref() {
        Some("markdown" | "md") => Format::Markdown,
        _ => Format::Text,
    };
    let imported = match fields.get("ents") {
        None | Some(Value::Null) => None,
        Some(list) => {
            let (imported, problems) = ents::read(list, &text);
            warnings.extend(problems);
            imported
        }
    };
    Ok(Document {
        text,
        format,
        meta,
        imported,
        warnings,
    })
}

/// Parses one line of JSON. Positions in messages are columns of the line.
pub fn parse_json_line(line: &str) -> Result<Document, SourceError> {
    parse_record(json_line(line)?)
}

/// The JSON value on one line of a JSON Lines file; its error names the column (serde_json
/// counts lines inside the text it is given: always line 1 of a line).
pub fn json_line(line: &str) -> Result<Value, SourceError> {
    serde_json::from_str(line).map_err(|e| {
        let message = e.to_string();
        let reason = message
            .rfind(" at line ")
            .map_or(message.as_str(), |at| &message[..at]);
        SourceError::Json(format!("{reason} at column {}", e.column()))
    })
}

/// What a JSON value is, for messages: "a string", "an array"…
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The article text: a string, never a number or anything else.
fn text_field(fields: &Map<String, Value>) -> Result<Option<String>, SourceError> {
    for name in ["text", "body", "content", "articleBody"] {
        match fields.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(other) => {
                return Err(SourceError::FieldType {
                    field: name.to_owned(),
                    expected: "a string",
                    found: json_kind(other),
                });
            }
        }
    }
    Ok(None)
}

/// The first of `names` present as a string (numbers are accepted and written out), with the
/// name it was found under.
fn named_string(
    fields: &Map<String, Value>,
    names: &[&'static str],
) -> Result<Option<(&'static str, String)>, SourceError> {
    for &name in names {
        match fields.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some((name, s.clone()))),
            Some(Value::Number(n)) => return Ok(Some((name, n.to_string()))),
            Some(other) => {
                return Err(SourceError::FieldType {
                    field: name.to_owned(),
                    expected: "a string",
                    found: json_kind(other),
                });
            }
        }
    }
    Ok(None)
}

/// The first of `names` present as a string (numbers are accepted and written out).
fn first_string(
    fields: &Map<String, Value>,
    names: &[&'static str],
) -> Result<Option<String>, SourceError> {
    Ok(named_string(fields, names)?.map(|(_, value)| value))
}

fn meta_from_fields(fields: &Map<String, Value>) -> Result<(Meta, Vec<Warning>), SourceError> {
    let non_empty = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let named = |names| -> Result<Option<(&'static str, String)>, SourceError> {
        Ok(named_string(fields, names)?
            .map(|(name, v)| (name, v.trim().to_owned()))
            .filter(|(_, v)| !v.is_empty()))
    };
    let mut warnings = Vec::new();
    let published = named(&[
        "published",
        "date",
        "datePublished",
        "published_at",
        "pubdate",
    ])?
    .and_then(|(field, value)| {
        let date = parse_date(&value);
        if date.is_none() {
            warnings.push(Warning::NotADate {
                field: field.to_owned(),
                value,
            });
        }
        date
    });
    let lang = named(&["lang", "language", "inLanguage"])?
        .and_then(|(field, value)| language(field, &value, &mut warnings));
    let meta = Meta {
        id: non_empty(first_string(fields, &["id", "slug"])?),
        title: non_empty(first_string(fields, &["title", "headline"])?),
        published,
        source: non_empty(first_string(
            fields,
            &["source_name", "source", "site", "publisher", "author"],
        )?),
        url: non_empty(first_string(
            fields,
            &["source_url", "url", "link", "authorLink"],
        )?),
        lang,
        license: non_empty(first_string(fields, &["license", "licence"])?),
        description: non_empty(first_string(
            fields,
            &["description", "summary", "shortDescription"],
        )?),
    };
    Ok((meta, warnings))
}

/// The ISO 639-1 code of a language an input gives (regions dropped: `fr-FR` is `fr`), or
/// `None` with a warning when it is not one; language names are read with a warning.
pub fn language(field: &str, value: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    match lang::read_given(value) {
        Given::Code(code) => Some(code),
        Given::ReadAs(code) => {
            warnings.push(Warning::LanguageReadAs {
                field: field.to_owned(),
                value: value.to_owned(),
                code: code.to_owned(),
            });
            Some(code.to_owned())
        }
        Given::Unknown => {
            warnings.push(Warning::NotALanguage {
                field: field.to_owned(),
                value: value.to_owned(),
            });
            None
        }
    }
}

/// Parses a date as metadata and scrapers write it:
/// - ISO 8601, with or without a time (`2025-01-06`, `2025-01-06T10:00:00Z`), also with `/` or
///   `.` between its numbers (`2025/01/06`) or none (`20250106`);
/// - RFC 2822, as feeds write it (`Mon, 06 Jan 2025 10:00:00 +0000`);
/// - day first with dots (`06.01.2025`, as in French and German); with slashes when only one
///   order of day and month is a date (`25/12/2025`, `12/25/2025`; `04/01/2025` is not read);
/// - Unix time in seconds or milliseconds (10 or 13 digits, as scrapers export it);
/// - in words (`6 janvier 2025`, `January 6, 2025`, `Monday, January 6, 2025`).
///
/// A date with a time is the day where it was written (its own offset); Unix time is a day in
/// UTC. Years outside 1800–2200 are no publication date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let plausible = |d: &NaiveDate| (1800..=2200).contains(&d.year());
    let head: String = text.chars().take(10).collect();
    let iso = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .into_iter()
        .find_map(|format| NaiveDate::parse_from_str(&head, format).ok());
    let date = iso
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| digits_only(text))
        .or_else(|| day_first(text))
        .or_else(|| {
            find_dates(text).into_iter().find_map(|m| match m.expr {
                DateExpr::Full(d) => Some(d),
                _ => None,
            })
        });
    date.filter(plausible)
}

/// `20250106`, or Unix time in seconds (10 digits) or milliseconds (13 digits).
fn digits_only(text: &str) -> Option<NaiveDate> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let unix = |seconds: i64| chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive());
    match text.len() {
        8 => NaiveDate::parse_from_str(text, "%Y%m%d").ok(),
        10 => unix(text.parse().ok()?),
        13 => unix(text.parse::<i64>().ok()? / 1000),
        _ => None,
    }
}

/// `06.01.2025` (day first), or `25/12/2025` and `12/25/2025`, where only one order of day and
/// month is a date; a time may follow after a space.
fn day_first(text: &str) -> Option<NaiveDate> {
    let date = text.split([' ', 'T']).next()?;
    let separator = if date.contains('.') { '.' } else { '/' };
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, year] = parts[..] else {
        return None;
    };
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (a, b) = (number(a)?, number(b)?);
    if year.len() != 4 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let ymd = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    if separator == '.' {
        return ymd(b, a);
    }
    match (ymd(b, a), ymd(a, b)) {
        (Some(d), None) | (None, Some(d)) => Some(d),
        (Some(d), Some(e)) if d == e => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_metadata_and_is_not_text() {
        let doc = parse_text(
            "---\ntitle: Russia withdraws from Chernobyl\ndate: 2022-03-31\nsource: 'Wikinews'\nlang: en\n---\n\nRussian troops began…",
            Format::Markdown,
        )
        .expect("valid");
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Russia withdraws from Chernobyl")
        );
        assert_eq!(doc.meta.published, NaiveDate::from_ymd_opt(2022, 3, 31));
        assert_eq!(doc.meta.source.as_deref(), Some("Wikinews"));
        assert_eq!(doc.meta.lang.as_deref(), Some("en"));
        assert_eq!(doc.text, "\nRussian troops began…");
    }

    #[test]
    fn a_text_starting_with_a_rule_is_text() {
        let doc = parse_text("---\nUn article qui commence par un filet.\n", Format::Text)
            .expect("valid");
        assert!(doc.text.contains("Un article qui commence"));
        assert_eq!(
            parse_text("---\ntitle: x\nbody", Format::Text),
            Err(SourceError::UnclosedFrontMatter)
        );
    }

    #[test]
    fn text_without_front_matter_is_all_text() {
        let doc = parse_text("Les deux camps…\n---\nsuite", Format::Text).expect("valid");
        assert_eq!(doc.meta, Meta::default());
        assert!(doc.text.starts_with("Les deux camps"));
    }

    #[test]
    fn broken_front_matter_is_an_error_that_says_why() {
        assert_eq!(
            parse_text("---\ntitle: x\n", Format::Text),
            Err(SourceError::UnclosedFrontMatter)
        );
        let err =
            parse_text("---\ntitle: [unclosed\n---\ntext", Format::Text).expect_err("bad yaml");
        assert!(
            err.to_string()
                .starts_with("front matter is not valid YAML"),
            "{err}"
        );
    }

    #[test]
    fn wikinews_records_are_read() {
        let doc = parse_json_line(
            r#"{"id": "en-1", "title": "T", "lang": "en", "published": "2019-01-04", "source_name": "Wikinews (English)", "source_url": "https://en.wikinews.org/wiki/T", "license": "CC BY 2.5", "text": "Body."}"#,
        )
        .expect("valid");
        assert_eq!(doc.meta.id.as_deref(), Some("en-1"));
        assert_eq!(doc.meta.source.as_deref(), Some("Wikinews (English)"));
        assert_eq!(doc.meta.license.as_deref(), Some("CC BY 2.5"));
        assert_eq!(doc.text, "Body.");
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        assert!(matches!(
            parse_json_line("{not json"),
            Err(SourceError::Json(_))
        ));
        assert_eq!(
            parse_json_line(r#"{"title": "x"}"#),
            Err(SourceError::NoText)
        );
        assert_eq!(
            parse_json_line("[1]"),
            Err(SourceError::NotAnObject("an array"))
        );
        let err = parse_json_line(r#"{"text": "x", "title": 3.5, "lang": ["fr"]}"#)
            .expect_err("a list is no language");
        assert_eq!(
            err.to_string(),
            "field \"lang\" must be a string, found an array"
        );
        // Positions are columns of the line: serde_json's "line 1" would mislead.
        assert_eq!(
            parse_json_line(r#"{"text": "x",, }"#).map_err(|e| e.to_string()),
            Err("invalid JSON: key must be a string at column 14".to_owned())
        );
    }

    #[test]
    fn displacy_records_bring_their_entities() {
        let doc = parse_json_line(
            r#"{"text": "Émile vit à Paris.", "ents": [{"start": 0, "end": 5, "label": "PERSON"}, {"start": 12, "end": 17, "label": "GPE"}]}"#,
        )
        .expect("valid");
        let ents = doc.imported.expect("entities");
        assert_eq!(ents.len(), 2);
        assert_eq!(
            (ents[1].start, ents[1].end, ents[1].label.as_str()),
            (12, 17, "GPE")
        );
        // A bad span costs only itself, never the record.
        let doc = parse_json_line(
            r#"{"text": "abc", "ents": [{"start": 2, "end": 9, "label": "ORG"}, {"start": 0, "end": 1, "label": "ORG"}]}"#,
        )
        .expect("the record is kept");
        assert_eq!(doc.imported.map(|e| e.len()), Some(1));
        assert_eq!(
            doc.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            vec![
                "ents[0]: span 2..9 is not inside the text (3 characters; offsets count code points); left out"
            ]
        );
    }

    #[test]
    fn a_bad_date_is_ignored_with_a_warning_naming_it() {
        for (json, field, value) in [
            (r#""published": "2025-13-45""#, "published", "2025-13-45"),
            (r#""date": "not a date""#, "date", "not a date"),
            (r#""published": 2025010"#, "published", "2025010"),
            (r#""published": 3"#, "published", "3"),
        ] {
            let doc = parse_json_line(&format!(r#"{{"text": "Corps.", {json}}}"#)).expect("kept");
            assert_eq!(doc.meta.published, None);
            assert_eq!(
                doc.warnings,
                vec![Warning::NotADate {
                    field: field.into(),
                    value: value.into()
                }]
            );
        }
        let doc = parse_text("---\ndate: 2025-02-30\n---\nCorps.", Format::Text).expect("kept");
        assert_eq!(
            doc.warnings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            vec![
                "\"date\" is not a date: \"2025-02-30\" (expected a date such as 2025-01-06); ignored"
            ]
        );
        let doc =
            parse_json_line(r#"{"text": "Corps.", "published": "2025-01-06"}"#).expect("kept");
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn languages_are_iso_codes_or_warned_about() {
        let read = |lang: &str| {
            let doc = parse_json_line(&format!(r#"{{"text": "Corps.", "lang": {lang:?}}}"#))
                .expect("kept");
            let warnings: Vec<String> = doc.warnings.iter().map(ToString::to_string).collect();
            (doc.meta.lang, warnings)
        };
        assert_eq!(read("fr-FR"), (Some("fr".into()), vec![]));
        assert_eq!(
            read("english"),
            (
                Some("en".into()),
                vec![
                    "\"lang\" is not an ISO 639-1 language code: \"english\" is read as \"en\""
                        .into()
                ]
            )
        );
        assert_eq!(
            read("<b>"),
            (
                None,
                vec!["\"lang\" is not an ISO 639-1 language code (such as \"en\" or \"fr\"): \"<b>\"; ignored, the language is detected from the text".into()]
            )
        );
    }

    #[test]
    fn dates_in_metadata() {
        assert_eq!(
            parse_date("2019-01-04T10:00:00Z"),
            NaiveDate::from_ymd_opt(2019, 1, 4)
        );
        assert_eq!(
            parse_date("Monday, January 23, 2017"),
            NaiveDate::from_ymd_opt(2017, 1, 23)
        );
        assert_eq!(parse_date("soon"), None);
    }

    /// What scrapes and feeds write in a date field, read as the day it names.
    #[test]
    fn dates_as_scrapers_and_feeds_write_them() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, date) in [
            ("Fri, 04 Jan 2019 10:00:00 +0000", day(2019, 1, 4)),
            ("Fri, 04 Jan 2019 23:30:00 -0500", day(2019, 1, 4)),
            ("4 Jan 2019 10:00 GMT", day(2019, 1, 4)),
            ("2019/01/04", day(2019, 1, 4)),
            ("2019.01.04", day(2019, 1, 4)),
            ("20190104", day(2019, 1, 4)),
            ("04.01.2019", day(2019, 1, 4)),
            ("4.1.2019 10:00", day(2019, 1, 4)),
            ("25/12/2019", day(2019, 12, 25)),
            ("12/25/2019", day(2019, 12, 25)),
            ("1546596000", day(2019, 1, 4)),
            ("1546596000000", day(2019, 1, 4)),
            ("2019-01-04 10:00:00", day(2019, 1, 4)),
            ("4 janvier 2019", day(2019, 1, 4)),
            ("January 4, 2019", day(2019, 1, 4)),
        ] {
            assert_eq!(parse_date(text), date, "{text}");
        }
        // Not a day, or not one day: no date rather than a guess.
        for text in [
            "04/01/2019",
            "2019-01",
            "0001-01-01",
            "99999999",
            "123456",
            "31.02.2019",
            "1/2/3",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
