//! Fuzzing the readers of every input format: plain text and Markdown with front matter, saved
//! HTML pages, and JSON records (one per `.jsonl` line, or in a `.json` array) with imported
//! entities (`ents`).
//!
//! Structured generators build inputs a hostile or broken scraper could produce; the properties
//! are what `kiosque build` relies on: no reader panics, an error says what is wrong, nothing of
//! the article text is lost or changed, and valid metadata written out reads back the same.
//!
//! `cargo test` runs a few dozen cases per property; `scripts/fuzz` runs many more
//! (`PROPTEST_CASES`). Crashers it finds are kept below as named regression tests.

use kiosque_extract::clean::Format;
use kiosque_extract::html::{decode_entities, parse_html};
use kiosque_extract::source::{
    Document, ImportedEntity, Warning, parse_json_line, parse_record, parse_text,
};
use kiosque_model::Label;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use unicode_segmentation::UnicodeSegmentation;

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

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Characters that break naive code: controls, bidi overrides and isolates, joiners, soft
/// hyphens, BOMs, line separators, combining marks, surrogate-pair emoji, markup and quoting.
const NASTY: &[char] = &[
    '\0',
    '\u{1}',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{300}',
    '\u{301}',
    '\u{34f}',
    '\u{61c}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{2028}',
    '\u{2029}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{feff}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{1f468}',
    '\u{1f3fd}',
    '\u{10ffff}',
    '<',
    '>',
    '&',
    '"',
    '\'',
    '`',
    '\\',
    '/',
    ':',
    ';',
    '#',
    '-',
    '=',
    '{',
    '}',
    '[',
    ']',
    '*',
    '@',
    '%',
    '|',
    '~',
];

/// Words and markup that readers give meaning to.
const PIECES: &[&str] = &[
    "---",
    "...",
    "title:",
    "date:",
    " ",
    "\n",
    "\r\n",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://www.example.com@evil.example/",
    "&amp;",
    "&lt;",
    "&#x202E;",
    "&#0;",
    "&nbsp;",
    "Koursk",
    "L’Ukraine",
    "Donald Trump",
    "لوگو",
    "میخواهم",
    "👨\u{200d}👩\u{200d}👧",
    "2025-01-06",
    "2025-13-45",
];

/// One character, biased towards the nasty ones and towards ordinary letters and spaces.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::sample::select(NASTY),
        4 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => prop::sample::select(&['É', 'é', 'ç', 'Ж', 'ж', '北', 'ع'][..]),
    ]
}

/// Arbitrary text made of nasty characters and meaningful pieces.
fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => nasty_char().prop_map(String::from),
            1 => prop::sample::select(PIECES).prop_map(str::to_owned),
        ],
        0..max,
    )
    .prop_map(|parts| parts.concat())
}

/// Any JSON value, nested a few levels, with numbers at the edges of every type.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![0i64, -1, -5, 1, 2, i64::from(u32::MAX) + 1, i64::MIN])
            .prop_map(Value::from),
        nasty_text(20).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// The fields a record may have (every alias the reader knows), and a few it does not.
const FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "articleBody",
    "title",
    "headline",
    "published",
    "date",
    "datePublished",
    "published_at",
    "pubdate",
    "lang",
    "language",
    "inLanguage",
    "source_name",
    "source",
    "site",
    "publisher",
    "author",
    "source_url",
    "url",
    "link",
    "authorLink",
    "license",
    "licence",
    "id",
    "slug",
    "description",
    "summary",
    "shortDescription",
    "format",
    "ents",
    "start",
    "end",
    "label",
    "",
    "\u{202e}",
];

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FIELDS).prop_map(str::to_owned),
        1 => nasty_text(6),
    ]
}

/// A displaCy-style entity list, well or badly formed.
fn ents_value() -> impl Strategy<Value = Value> {
    let offset = prop_oneof![
        3 => (0u64..40).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => nasty_text(4).prop_map(Value::String),
        1 => Just(Value::Null),
    ];
    let label = prop_oneof![
        4 => prop::sample::select(&["PER", "PERSON", "LOC", "GPE", "FAC", "ORG", "DATE"][..])
            .prop_map(Value::from),
        1 => prop::sample::select(&["MISC", "NORP", "per", ""][..]).prop_map(Value::from),
        1 => json_value(),
    ];
    let ent = (
        offset.clone(),
        offset,
        label,
        prop::option::of(json_value()),
    )
        .prop_map(|(start, end, label, extra)| {
            let mut m = Map::new();
            m.insert("start".into(), start);
            m.insert("end".into(), end);
            m.insert("label".into(), label);
            if let Some(extra) = extra {
                m.insert("text".into(), extra);
            }
            Value::Object(m)
        });
    prop_oneof![
        4 => prop::collection::vec(ent, 0..6).prop_map(Value::Array),
        1 => json_value(),
    ]
}

/// A record-shaped object: known fields with values of any type, mostly strings.
fn record_value() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        6 => nasty_text(40).prop_map(Value::String),
        1 => Just(json!("2025-01-06")),
        1 => Just(json!("2025-13-45")),
        1 => json_value(),
    ];
    (
        prop::collection::vec((field_name(), value), 0..8),
        prop::option::of(ents_value()),
    )
        .prop_map(|(fields, ents)| {
            let mut m: Map<String, Value> = fields.into_iter().collect();
            if let Some(ents) = ents {
                m.insert("ents".into(), ents);
            }
            Value::Object(m)
        })
}

/// A YAML scalar a front matter may hold: plain, quoted, block, nested, or broken.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => nasty_text(20).prop_map(|t| t.replace(['\n', '\r'], " ")),
        2 => nasty_text(20).prop_map(|t| yaml_quote(&t)),
        1 => nasty_text(20).prop_map(|t| format!("'{}'", t.replace(['\n', '\r'], " "))),
        1 => Just("[a, b, {c: d}]".to_owned()),
        1 => Just("|\n  line one\n  line two".to_owned()),
        1 => Just("&a x".to_owned()),
        1 => Just("*a".to_owned()),
        1 => Just("!!binary aGVsbG8=".to_owned()),
        1 => Just("2025-01-06T10:00:00+02:00".to_owned()),
        1 => Just("{unclosed".to_owned()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|n| n.to_string()),
    ]
}

/// A text or Markdown file: optional BOM, optional front matter (well or badly formed), body.
fn text_file() -> impl Strategy<Value = String> {
    let line = (field_name(), yaml_value()).prop_map(|(k, v)| format!("{k}: {v}"));
    let front = (
        prop::sample::select(&["---\n", "---\r\n", "--- \n", "---", "----\n"][..]),
        prop::collection::vec(prop_oneof![4 => line, 1 => nasty_text(12)], 0..6),
        prop::sample::select(&["---\n", "...\n", "---\r\n", "--- \n", "", "---"][..]),
    )
        .prop_map(|(open, lines, close)| {
            let mut s = open.to_owned();
            for l in lines {
                s.push_str(&l);
                s.push('\n');
            }
            s.push_str(close);
            s
        });
    (any::<bool>(), prop::option::of(front), nasty_text(80)).prop_map(|(bom, front, body)| {
        format!(
            "{}{}{body}",
            if bom { "\u{feff}" } else { "" },
            front.unwrap_or_default()
        )
    })
}

/// A YAML double-quoted scalar holding exactly `text`.
fn yaml_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// What the readers do to a metadata string: surrounding white space goes, empty is absent.
fn as_meta(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Metadata that a well-behaved input gives: free text where the contract allows any text,
/// valid values where it asks for a format (dates, language codes, ids, URLs).
#[derive(Debug, Clone)]
struct GoodMeta {
    id: String,
    title: String,
    date: (i32, u32, u32),
    source: String,
    url: String,
    lang: &'static str,
    license: String,
}

fn good_meta() -> impl Strategy<Value = GoodMeta> {
    (
        "[a-z0-9][a-z0-9-]{0,20}",
        nasty_text(30),
        (1900i32..2100, 1u32..=12, 1u32..=28),
        nasty_text(20),
        "https://[a-z]{1,10}\\.example/[a-z0-9/]{0,20}",
        prop::sample::select(&["fr", "en", "de", "es", "uk", "ru", "ar", "fa", "zh"][..]),
        nasty_text(12),
    )
        .prop_map(|(id, title, date, source, url, lang, license)| GoodMeta {
            id,
            title,
            date,
            source,
            url,
            lang,
            license,
        })
}

impl GoodMeta {
    fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.date.0, self.date.1, self.date.2)
    }

    /// Checks that `meta` is what this metadata reads as.
    fn check(&self, meta: &kiosque_extract::source::Meta) -> Result<(), TestCaseError> {
        prop_assert_eq!(meta.id.as_deref(), Some(self.id.as_str()));
        prop_assert_eq!(&meta.title, &as_meta(&self.title));
        prop_assert_eq!(
            meta.published.map(|d| d.to_string()),
            Some(self.date()),
            "a valid date reads back"
        );
        prop_assert_eq!(&meta.source, &as_meta(&self.source));
        prop_assert_eq!(meta.url.as_deref(), Some(self.url.as_str()));
        prop_assert_eq!(meta.lang.as_deref(), Some(self.lang));
        prop_assert_eq!(&meta.license, &as_meta(&self.license));
        Ok(())
    }
}

/// A valid article text with valid imported entities: sorted, disjoint, on words, known labels.
fn text_with_ents() -> impl Strategy<Value = (String, Vec<ImportedEntity>)> {
    let word = prop_oneof![
        3 => "[A-Za-zÉéèçà]{1,10}",
        1 => prop::sample::select(&["Koursk", "L’Ukraine", "北京", "👨\u{200d}👩\u{200d}👧", "میخواهم", "e\u{301}"][..])
            .prop_map(str::to_owned),
    ];
    let label = prop::sample::select(&["PER", "PERSON", "LOC", "GPE", "FAC", "ORG", "DATE"][..]);
    prop::collection::vec((word, prop::option::of(label)), 1..20).prop_map(|words| {
        let mut text = String::new();
        let mut ents = Vec::new();
        for (word, label) in words {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.chars().count();
            text.push_str(&word);
            if let Some(label) = label {
                ents.push(ImportedEntity {
                    start,
                    end: text.chars().count(),
                    label: label.to_owned(),
                });
            }
        }
        (text, ents)
    })
}

/// Characters that reorder the text after them on a terminal.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message printed on a terminal: one line, no control character from the data (it could
/// forge another `error:` line, or send escape sequences to the terminal).
fn check_message(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.trim().is_empty(), "an empty message");
    prop_assert!(
        !message
            .chars()
            .any(|c| c.is_control() || is_bidi_control(c)),
        "a message carries a control character: {:?}",
        message
    );
    Ok(())
}

/// What every document read must satisfy: its warnings are printable, its language is an
/// ISO 639-1 code, its metadata trimmed, its imported entities usable as they are.
fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    for w in &doc.warnings {
        check_message(&w.to_string())?;
    }
    if let Some(lang) = &doc.meta.lang {
        prop_assert!(
            kiosque_model::validate::is_language_code(lang),
            "language code {:?}",
            lang
        );
    }
    for v in [
        &doc.meta.id,
        &doc.meta.title,
        &doc.meta.source,
        &doc.meta.url,
        &doc.meta.license,
    ]
    .into_iter()
    .flatten()
    {
        prop_assert!(
            !v.is_empty() && v.trim() == v,
            "metadata {:?} not trimmed",
            v
        );
    }
    let chars: Vec<char> = doc.text.chars().collect();
    // Code-point offsets where a reader sees a character boundary.
    let mut boundaries = vec![false; chars.len() + 1];
    let mut at = 0;
    for g in doc.text.graphemes(true) {
        boundaries[at] = true;
        at += g.chars().count();
    }
    boundaries[chars.len()] = true;
    let mut end = 0;
    for e in doc.imported.iter().flatten() {
        prop_assert!(
            e.start >= end,
            "imported spans overlap or are unsorted: {:?}",
            doc.imported
        );
        prop_assert!(
            e.start < e.end && e.end <= chars.len(),
            "span {:?} outside the text",
            e
        );
        prop_assert!(
            boundaries[e.start] && boundaries[e.end],
            "span {:?} cuts a character",
            e
        );
        prop_assert!(
            !chars[e.start].is_whitespace() && !chars[e.end - 1].is_whitespace(),
            "span {:?} has spaces around it",
            e
        );
        prop_assert!(
            Label::from_code(&e.label.to_uppercase()).is_some(),
            "label {:?} kept",
            e.label
        );
        end = e.end;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Plain text and Markdown
// ---------------------------------------------------------------------------------------------

/// What every read of a text file must satisfy, whatever its contents.
fn check_text_file(content: &str, format: Format) -> Result<(), TestCaseError> {
    let unmarked = content.strip_prefix('\u{feff}').unwrap_or(content);
    match parse_text(content, format) {
        Ok(doc) => {
            check_document(&doc)?;
            // Front matter is removed, nothing else: the text is the end of the file, exactly.
            prop_assert!(
                unmarked.ends_with(&doc.text),
                "the text is not the end of the file"
            );
            prop_assert_eq!(doc.format, format);
            prop_assert!(doc.imported.is_none());
            if !unmarked.starts_with("---") {
                prop_assert_eq!(
                    &doc.text,
                    unmarked,
                    "a file without front matter is all text"
                );
            }
        }
        Err(e) => {
            let message = e.to_string();
            check_message(&message)?;
            prop_assert!(
                message.contains("front matter"),
                "an error of a text file names the front matter: {message}"
            );
            prop_assert!(
                unmarked.starts_with("---"),
                "only front matter can make a text file unreadable: {message}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn any_text_file_reads_without_panic(content in text_file()) {
        check_text_file(&content, Format::Text)?;
        check_text_file(&content, Format::Markdown)?;
    }

    #[test]
    fn arbitrary_unicode_reads_as_text(content in any::<String>()) {
        check_text_file(&content, Format::Text)?;
    }

    /// Front matter written by a well-behaved tool reads back to the same metadata and body.
    #[test]
    fn front_matter_round_trips(
        meta in good_meta(),
        body in nasty_text(60),
        crlf in any::<bool>(),
        closer in prop::sample::select(&["---", "..."][..]),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut file = format!("---{nl}");
        for (key, value) in [
            ("title", yaml_quote(&meta.title)),
            ("date", meta.date()),
            ("source", yaml_quote(&meta.source)),
            ("url", yaml_quote(&meta.url)),
            ("lang", meta.lang.to_owned()),
            ("license", yaml_quote(&meta.license)),
            ("id", yaml_quote(&meta.id)),
        ] {
            file.push_str(&format!("{key}: {value}{nl}"));
        }
        file.push_str(&format!("{closer}{nl}{body}"));
        let doc = parse_text(&file, Format::Markdown)
            .map_err(|e| TestCaseError::fail(format!("valid front matter refused: {e}")))?;
        meta.check(&doc.meta)?;
        prop_assert!(doc.warnings.is_empty(), "valid metadata warned about: {:?}", doc.warnings);
        prop_assert_eq!(doc.text, body);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON records (.jsonl lines, .json objects and arrays)
// ---------------------------------------------------------------------------------------------

/// The record's text as the reader must take it: the first non-null text field.
fn record_text(record: &Value) -> Option<&Value> {
    ["text", "body", "content", "articleBody"]
        .iter()
        .find_map(|k| record.get(*k).filter(|v| !v.is_null()))
}

fn check_record(record: &Value) -> Result<(), TestCaseError> {
    match parse_record(record.clone()) {
        Ok(doc) => {
            check_document(&doc)?;
            // Nothing of the text is lost or changed.
            let text = record_text(record).and_then(Value::as_str);
            prop_assert_eq!(Some(doc.text.as_str()), text);
            prop_assert!(!doc.text.trim().is_empty());
            // Metadata that was given but not used is reported, never dropped silently.
            let given = |names: &[&str]| {
                names.iter().find_map(|n| match record.get(*n) {
                    Some(Value::String(v)) if !v.trim().is_empty() => Some(true),
                    Some(Value::Number(_)) => Some(true),
                    Some(Value::Null) | None => None,
                    Some(_) => Some(false),
                }) == Some(true)
            };
            if doc.meta.published.is_none()
                && given(&[
                    "published",
                    "date",
                    "datePublished",
                    "published_at",
                    "pubdate",
                ])
            {
                prop_assert!(
                    doc.warnings
                        .iter()
                        .any(|w| matches!(w, Warning::NotADate { .. })),
                    "a publication date was dropped without a word: {:?}",
                    doc.warnings
                );
            }
            if doc.meta.lang.is_none() && given(&["lang", "language", "inLanguage"]) {
                prop_assert!(
                    doc.warnings
                        .iter()
                        .any(|w| matches!(w, Warning::NotALanguage { .. })),
                    "a language was dropped without a word: {:?}",
                    doc.warnings
                );
            }
            if let Some(Value::Array(ents)) = record.get("ents") {
                let kept = doc.imported.as_ref().map_or(0, Vec::len);
                prop_assert!(
                    kept == ents.len() || !doc.warnings.is_empty(),
                    "{} of {} imported spans dropped without a word",
                    ents.len() - kept,
                    ents.len()
                );
            }
        }
        Err(e) => check_message(&e.to_string())?,
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_record_reads_without_panic(record in record_value()) {
        check_record(&record)?;
        // The same record as a line of a .jsonl file reads the same.
        // (Errors may differ in how a float is written: serde_json reads floats back close to,
        // not exactly, what it wrote.)
        let line = serde_json::to_string(&record).expect("a Value serialises");
        match (parse_json_line(&line), parse_record(record)) {
            (Ok(from_line), Ok(from_value)) => prop_assert_eq!(from_line, from_value),
            (Err(_), Err(_)) => {}
            (from_line, from_value) => prop_assert!(
                false,
                "a line and its record read differently: {:?} and {:?}",
                from_line,
                from_value
            ),
        }
    }

    #[test]
    fn any_json_value_reads_without_panic(value in json_value()) {
        check_record(&value)?;
    }

    /// Broken lines: truncated, spliced, or arbitrary text; the error says it is JSON.
    #[test]
    fn broken_json_lines_are_errors(
        record in record_value(),
        cut in any::<prop::sample::Index>(),
        junk in nasty_text(6),
    ) {
        let line = serde_json::to_string(&record).expect("a Value serialises");
        let at = line
            .char_indices()
            .map(|(i, _)| i)
            .nth(cut.index(line.chars().count().max(1)))
            .unwrap_or(line.len());
        for broken in [&line[..at], &format!("{}{junk}{}", &line[..at], &line[at..])] {
            if let Err(e) = parse_json_line(broken) {
                prop_assert!(!e.to_string().trim().is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_lines_read_without_panic(line in any::<String>()) {
        let _ = parse_json_line(&line);
    }

    /// A valid record with valid entities reads back to the same text, metadata and entities.
    #[test]
    fn records_round_trip(
        meta in good_meta(),
        (text, ents) in text_with_ents(),
        markdown in any::<bool>(),
    ) {
        let mut record = json!({
            "id": meta.id,
            "title": meta.title,
            "published": meta.date(),
            "source_name": meta.source,
            "source_url": meta.url,
            "lang": meta.lang,
            "license": meta.license,
            "text": text,
            "ents": ents.iter().map(|e| json!({"start": e.start, "end": e.end, "label": e.label})).collect::<Vec<_>>(),
        });
        if markdown {
            record["format"] = json!("markdown");
        }
        let line = serde_json::to_string(&record).expect("a Value serialises");
        let doc = parse_json_line(&line)
            .map_err(|e| TestCaseError::fail(format!("valid record refused: {e}")))?;
        meta.check(&doc.meta)?;
        prop_assert_eq!(&doc.text, &text);
        prop_assert_eq!(doc.format, if markdown { Format::Markdown } else { Format::Text });
        prop_assert_eq!(doc.imported.as_deref(), Some(ents.as_slice()));
        prop_assert!(doc.warnings.is_empty(), "a valid record warned about: {:?}", doc.warnings);
    }

    /// A field of the wrong type is refused by name, and what it is instead is said; `ents`
    /// that is not a list is reported and the article kept.
    #[test]
    fn a_wrongly_typed_field_is_named(
        field in prop::sample::select(&["title", "published", "lang", "source_name", "source_url", "license", "id", "text", "ents"][..]),
        bad in prop_oneof![
            Just((json!(true), "a boolean")),
            Just((json!([1, 2]), "an array")),
            Just((json!({"a": 1}), "an object")),
        ],
    ) {
        let (value, kind) = bad;
        let mut record = json!({"text": "Un texte."});
        record[field] = value;
        let message = match parse_record(record) {
            Err(e) => e.to_string(),
            Ok(doc) if field == "ents" && kind != "an array" => {
                prop_assert_eq!(doc.text, "Un texte.");
                doc.warnings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            }
            Ok(doc) if field == "ents" => {
                prop_assert!(doc.imported.is_some_and(|e| e.is_empty()));
                return Ok(());
            }
            Ok(doc) => return Err(TestCaseError::fail(format!("{field} = {kind} accepted: {doc:?}"))),
        };
        prop_assert!(message.contains(field), "{} not named in: {}", field, message);
        prop_assert!(message.contains(kind), "{} not said in: {}", kind, message);
    }
}

// ---------------------------------------------------------------------------------------------
// Saved HTML pages
// ---------------------------------------------------------------------------------------------

/// Escapes text for an HTML text node.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A text written only inside `<script>` and `<style>`: it must never become article text.
const SCRIPT_SENTINEL: &str = "zqxscriptsentinel";

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "article",
    "main",
    "section",
    "h1",
    "h2",
    "h3",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "blockquote",
    "figure",
    "figcaption",
    "nav",
    "header",
    "footer",
    "aside",
    "pre",
    "code",
    "br",
    "img",
    "svg",
    "math",
    "textarea",
    "template",
    "noscript",
    "iframe",
    "form",
    "button",
    "select",
    "option",
    "time",
    "bdi",
    "bdo",
];

const ATTRIBUTES: &[&str] = &[
    "class=\"content\"",
    "class=\"nav menu\"",
    "id=\"main\"",
    "href=\"javascript:alert(1)\"",
    "href=\"https://www.example.com@evil.example/\"",
    "onclick=\"alert(1)\"",
    "style=\"display:none\"",
    "hidden",
    "dir=\"rtl\"",
    "lang=\"fa\"",
    "title=\"&quot;x\"",
    "data-x='<p>'",
    "src=x",
    "=\"",
];

/// Markup fragments that are broken, or mean something special to an HTML parser.
const RAW_HTML: &[&str] = &[
    "<!--",
    "-->",
    "<!-- a comment -->",
    "<![CDATA[x]]>",
    "</p>",
    "</div></div></div>",
    "<p",
    "<",
    ">",
    "&",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&amp;lt;",
    "&nbsp",
    "&lt;script&gt;",
    "&#x202E;",
    "<br/>",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE html>",
    "</body>",
    "<html>",
    "<plaintext>",
    "<xmp>",
    "</script>",
];

/// A tree of HTML: text, elements with attributes and children, scripts, broken markup.
fn html_fragment() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => nasty_text(30).prop_map(|t| html_escape(&t)),
        2 => nasty_text(20),
        1 => prop::sample::select(RAW_HTML).prop_map(str::to_owned),
        1 => Just(format!("<script>var {SCRIPT_SENTINEL} = 1;</script>")),
        1 => Just(format!("<style>.{SCRIPT_SENTINEL} {{ color: red }}</style>")),
        2 => Just("Les forces ukrainiennes ont relancé lundi une offensive dans la région de Koursk, selon des blogueurs militaires.".to_owned()),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(prop::sample::select(ATTRIBUTES), 0..3),
            prop::collection::vec(inner, 0..8),
            any::<bool>(),
        )
            .prop_map(|(tag, attributes, children, close)| {
                let attributes: String = attributes.iter().map(|a| format!(" {a}")).collect();
                format!(
                    "<{tag}{attributes}>{}{}",
                    children.concat(),
                    if close {
                        format!("</{tag}>")
                    } else {
                        String::new()
                    }
                )
            })
    })
}

/// Head metadata, valid and not: titles, OpenGraph, dates, JSON-LD.
fn html_head() -> impl Strategy<Value = String> {
    let meta = prop_oneof![
        nasty_text(30).prop_map(|t| format!("<title>{}</title>", html_escape(&t))),
        nasty_text(30).prop_map(|t| format!(
            "<meta property=\"og:title\" content=\"{}\">",
            html_escape(&t).replace('"', "&quot;")
        )),
        nasty_text(20).prop_map(|t| format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            html_escape(&t).replace('"', "&quot;")
        )),
        prop::sample::select(
            &[
                "2025-01-06T08:00:00Z",
                "0001-01-01",
                "2025-13-45",
                "not a date",
                "99999-01-01",
                "-5",
                ""
            ][..]
        )
        .prop_map(|d| format!("<meta property=\"article:published_time\" content=\"{d}\">")),
        prop::sample::select(&["fr", "en-GB", "<b>", "english", "", "x-klingon"][..])
            .prop_map(|l| format!("<meta http-equiv=\"content-language\" content=\"{l}\">")),
        json_value().prop_map(|v| format!(
            "<script type=\"application/ld+json\">{}</script>",
            serde_json::to_string(
                &json!({"@type": "NewsArticle", "headline": v, "datePublished": v})
            )
            .expect("a Value serialises")
        )),
        Just("<meta charset=\"utf-8\">".to_owned()),
        Just("<base href=\"javascript:alert(1)//\">".to_owned()),
    ];
    prop::collection::vec(meta, 0..6).prop_map(|m| m.concat())
}

fn html_page() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["", "fr", "en", "<b>", "english"][..]),
        html_head(),
        prop::collection::vec(html_fragment(), 0..6),
    )
        .prop_map(|(lang, head, body)| {
            format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head>{head}</head><body>{}</body></html>",
                body.concat()
            )
        })
}

/// Whether a browser would show `needle` as text of the page: what is left of the body once
/// every `<script>` and `<style>` element is removed, as an HTML5 parser (html5ever, the one
/// rs-trafilatura uses) builds the tree. Broken markup can make a script text (`<a<script>`).
fn shown_by_browser(page: &str, needle: &str) -> bool {
    let dom = dom_query::Document::from(page);
    dom.select("script, style").remove();
    dom.select("body").text().contains(needle)
}

/// Text with its white space as a page may reflow it: runs of white space made one space, and
/// none before `.,:;!?` (rs-trafilatura removes a plain space there; French typography's
/// no-break spaces before `:;!?` are kept).
fn reflowed(text: &str) -> String {
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for mark in [".", ",", ":", ";", "!", "?"] {
        out = out.replace(&format!(" {mark}"), mark);
    }
    out
}

fn check_html(page: &str) -> Result<(), TestCaseError> {
    match parse_html(page, None) {
        Ok(doc) => {
            prop_assert!(!doc.text.trim().is_empty());
            if !shown_by_browser(page, SCRIPT_SENTINEL) {
                prop_assert!(
                    !doc.text.contains(SCRIPT_SENTINEL),
                    "script or style content became article text"
                );
            }
            if let Some(date) = doc.meta.published {
                prop_assert!(
                    (1800..=2200).contains(&chrono::Datelike::year(&date)),
                    "implausible date {}",
                    date
                );
            }
            if let Some(lang) = &doc.meta.lang {
                prop_assert!(
                    !lang.is_empty() && lang.chars().all(|c| c.is_ascii_lowercase()),
                    "language code {:?}",
                    lang
                );
            }
            for v in [&doc.meta.title, &doc.meta.source, &doc.meta.description]
                .into_iter()
                .flatten()
            {
                prop_assert!(
                    !v.is_empty() && !v.contains('\n'),
                    "metadata {:?} is not one line",
                    v
                );
            }
        }
        Err(e) => prop_assert!(e.to_string().starts_with("HTML page: "), "{}", e),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn any_html_page_reads_without_panic(page in html_page()) {
        check_html(&page)?;
    }

    #[test]
    fn any_html_fragment_reads_without_panic(fragment in html_fragment()) {
        check_html(&fragment)?;
    }

    /// Text written in a page, escaped as HTML requires, is read back as written: markup-like
    /// text and every kind of character survive extraction. One deliberate exception: text that
    /// reads as a character reference once unescaped (`&amp;lt;` shows `&lt;`) is decoded again,
    /// because `html::decode_entities` repairs pages that escape their text twice.
    #[test]
    fn escaped_text_in_a_page_reads_back(pieces in prop::collection::vec(nasty_text(12), 1..4)) {
        const SENTENCE: &str = "Les forces ukrainiennes ont relancé lundi une offensive dans la région russe de Koursk, selon des blogueurs militaires russes qui suivent les combats.";
        let shown: Vec<String> = pieces
            .iter()
            .map(|p| {
                // White space is the page's to reflow; controls have no place in HTML text.
                p.chars()
                    .map(|c| if c.is_whitespace() || c.is_control() { ' ' } else { c })
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        let paragraphs: String = shown
            .iter()
            .map(|p| format!("<p>{SENTENCE} {} {SENTENCE}</p>", html_escape(p)))
            .collect();
        let page = format!(
            "<!DOCTYPE html><html><head><title>Koursk</title></head><body><article><h1>Koursk</h1>{paragraphs}<p>{SENTENCE}</p></article></body></html>"
        );
        let doc = parse_html(&page, None)
            .map_err(|e| TestCaseError::fail(format!("article page refused: {e}")))?;
        let text = reflowed(&doc.text);
        for p in &shown {
            let p = reflowed(&format!("{SENTENCE} {} {SENTENCE}", decode_entities(p)));
            prop_assert!(
                text.contains(&p),
                "{:?} not read back as written; got {:?}",
                p,
                text
            );
        }
    }
}
