//! Input formats: turning a file's contents into a [`Document`] (text plus metadata).
//!
//! Plain text and Markdown may start with YAML front matter (`title`, `date`, `source`, `url`,
//! `lang`, …); JSON records carry the same fields under the names of the Wikinews corpus
//! (`published`, `source_name`, `source_url`, …) or common alternatives.

use chrono::NaiveDate;
use serde_json::{Map, Value};
use thiserror::Error;
use yaml_rust2::{Yaml, YamlLoader};

use crate::clean::Format;
use crate::dates::{DateExpr, find_dates};

/// What the input says about an article, before any inference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// recognition when present.
    pub imported: Option<Vec<ImportedEntity>>,
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ImportedEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The tool's label (`PER`/`PERSON`, `LOC`/`GPE`/`FAC`, `ORG`, `DATE`; others are ignored).
    pub label: String,
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
    /// An imported entity's span is empty or outside the text.
    #[error(
        "entity span {start}..{end} is not inside the text ({len} characters; offsets count code points)"
    )]
    BadSpan {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// A field has a value of the wrong type.
    #[error("field \"{field}\" must be {expected}")]
    FieldType {
        /// The field.
        field: String,
        /// What it should be.
        expected: &'static str,
    },
}

/// Reads plain text or Markdown, with optional front matter.
pub fn parse_text(content: &str, format: Format) -> Result<Document, SourceError> {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    let (meta, text) = match split_front_matter(content)? {
        Some((yaml, body)) => (front_matter(yaml)?, body),
        None => (Meta::default(), content),
    };
    Ok(Document {
        text: text.to_owned(),
        format,
        meta,
        imported: None,
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

fn front_matter(yaml: &str) -> Result<Meta, SourceError> {
    let docs =
        YamlLoader::load_from_str(yaml).map_err(|e| SourceError::FrontMatter(e.to_string()))?;
    let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
        return Ok(Meta::default());
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
    let meta = meta_from_fields(&fields)?;
    let text = text_field(&fields)?
        .filter(|t| !t.trim().is_empty())
        .ok_or(SourceError::NoText)?;
    let format = match first_string(&fields, &["format"])?.as_deref() {
        Some("markdown" | "md") => Format::Markdown,
        _ => Format::Text,
    };
    let imported = match fields.get("ents") {
        None | Some(Value::Null) => None,
        Some(ents) => Some(imported_entities(ents, text.chars().count())?),
    };
    Ok(Document {
        text,
        format,
        meta,
        imported,
    })
}

/// Reads displaCy-style entities, checking that each span lies inside the text.
fn imported_entities(ents: &Value, len: usize) -> Result<Vec<ImportedEntity>, SourceError> {
    let list: Vec<ImportedEntity> =
        serde_json::from_value(ents.clone()).map_err(|e| SourceError::FieldType {
            field: format!("ents ({e})"),
            expected: "a list of {\"start\", \"end\", \"label\"}",
        })?;
    if let Some(bad) = list.iter().find(|e| e.start >= e.end || e.end > len) {
        return Err(SourceError::BadSpan {
            start: bad.start,
            end: bad.end,
            len,
        });
    }
    Ok(list)
}

/// Parses one line of JSON.
pub fn parse_json_line(line: &str) -> Result<Document, SourceError> {
    let value: Value = serde_json::from_str(line).map_err(|e| SourceError::Json(e.to_string()))?;
    parse_record(value)
}

fn json_kind(v: &Value) -> &'static str {
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
            Some(_) => {
                return Err(SourceError::FieldType {
                    field: name.to_owned(),
                    expected: "a string",
                });
            }
        }
    }
    Ok(None)
}

/// The first of `names` present as a string (numbers are accepted and written out).
fn first_string(
    fields: &Map<String, Value>,
    names: &[&str],
) -> Result<Option<String>, SourceError> {
    for name in names {
        match fields.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Number(n)) => return Ok(Some(n.to_string())),
            Some(_) => {
                return Err(SourceError::FieldType {
                    field: (*name).to_owned(),
                    expected: "a string",
                });
            }
        }
    }
    Ok(None)
}

fn meta_from_fields(fields: &Map<String, Value>) -> Result<Meta, SourceError> {
    let non_empty = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let published_text = non_empty(first_string(
        fields,
        &[
            "published",
            "date",
            "datePublished",
            "published_at",
            "pubdate",
        ],
    )?);
    Ok(Meta {
        id: non_empty(first_string(fields, &["id", "slug"])?),
        title: non_empty(first_string(fields, &["title", "headline"])?),
        published: published_text.as_deref().and_then(parse_date),
        source: non_empty(first_string(
            fields,
            &["source_name", "source", "site", "publisher", "author"],
        )?),
        url: non_empty(first_string(
            fields,
            &["source_url", "url", "link", "authorLink"],
        )?),
        lang: non_empty(first_string(fields, &["lang", "language", "inLanguage"])?).map(|l| {
            l.to_lowercase()
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect()
        }),
        license: non_empty(first_string(fields, &["license", "licence"])?),
        description: non_empty(first_string(
            fields,
            &["description", "summary", "shortDescription"],
        )?),
    })
}

/// Parses a date as metadata writes it: ISO 8601 (with or without a time) or in words.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let head: String = text.trim().chars().take(10).collect();
    if let Ok(d) = NaiveDate::parse_from_str(&head, "%Y-%m-%d") {
        return Some(d);
    }
    find_dates(text).into_iter().find_map(|m| match m.expr {
        DateExpr::Full(d) => Some(d),
        _ => None,
    })
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
        assert_eq!(
            parse_json_line(r#"{"text": "x", "title": 3.5, "lang": ["fr"]}"#),
            Err(SourceError::FieldType {
                field: "lang".into(),
                expected: "a string"
            })
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
        assert_eq!(
            parse_json_line(r#"{"text": "abc", "ents": [{"start": 2, "end": 9, "label": "ORG"}]}"#),
            Err(SourceError::BadSpan {
                start: 2,
                end: 9,
                len: 3
            })
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
}
