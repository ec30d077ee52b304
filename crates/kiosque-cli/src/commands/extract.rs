//! `kiosque extract`: entities of JSON records, with code-point offsets into each record's text.
//! The records go through the corpus pipeline of `kiosque build` ([`kiosque_corpus`]), so the
//! entities and spans are those a site built from the same records shows.

use std::io::Write;

use kiosque_corpus::{AssembleOptions, Source, analyze, assemble};
use kiosque_extract::eval::parse_annotated;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::{Document, Meta, parse_date};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One input record.
#[derive(Debug, Deserialize)]
struct Record {
    id: Value,
    /// The text; a gold record's `annotated` text (inline markup removed) is accepted instead.
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    annotated: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// One entity mention of the output.
#[derive(Debug, Serialize)]
pub struct Entity {
    /// First code point in the record's `text`.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
    /// `PER`, `LOC`, `ORG` or `DATE`.
    pub label: &'static str,
    /// The text of the mention.
    pub text: String,
    /// The canonical entity id (linked across all the records of the input), as in the site
    /// data `kiosque build` writes; none for a date that could not be resolved (not linked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// For dates, the ISO value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One output line.
#[derive(Debug, Serialize)]
pub struct Output {
    /// The record's id, as given.
    pub id: Value,
    /// Its entities, in text order.
    pub entities: Vec<Entity>,
}

/// A record that could not be read: its line and the reason.
#[derive(Debug)]
pub struct LineError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Extracts the entities of every record of `jsonl`.
pub fn run(jsonl: &str, knowledge: &Knowledge) -> (Vec<Output>, Vec<LineError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(mut r) => {
                if r.text.is_none() {
                    r.text = r.annotated.as_deref().map(|a| parse_annotated(a).0);
                }
                if r.text.is_some() {
                    records.push(r);
                } else {
                    errors.push(LineError {
                        line: n + 1,
                        reason: "record has no \"text\"".to_owned(),
                    });
                }
            }
            Err(e) => errors.push(LineError {
                line: n + 1,
                reason: format!("expected {{\"id\", \"text\", \"lang\"?, \"published\"?}}: {e}"),
            }),
        }
    }
    let sources: Vec<Source> = records
        .iter()
        .map(|r| Source {
            origin: format!("record {}", r.id),
            file_stem: None,
            document: Document {
                text: r.text.clone().unwrap_or_default(),
                meta: Meta {
                    lang: r.lang.clone(),
                    published: r.published.as_deref().and_then(parse_date),
                    ..Meta::default()
                },
                ..Document::default()
            },
        })
        .collect();
    let articles = analyze(sources, knowledge, || {});
    let located = assemble(articles, knowledge, &AssembleOptions { locate: true }).located;
    let outputs = records
        .into_iter()
        .zip(located)
        .map(|(record, located)| {
            let chars: Vec<char> = record.text.as_deref().unwrap_or_default().chars().collect();
            let entities = located
                .into_iter()
                .map(|l| Entity {
                    start: l.start,
                    end: l.end,
                    label: l.label.code(),
                    text: chars
                        .get(l.start as usize..l.end as usize)
                        .map(|c| c.iter().collect())
                        .unwrap_or_default(),
                    entity: l.entity.map(|e| e.0),
                    value: l.value,
                })
                .collect();
            Output {
                id: record.id,
                entities,
            }
        })
        .collect();
    (outputs, errors)
}

/// Writes outputs as JSON lines.
pub fn write(outputs: &[Output], out: &mut impl Write) -> std::io::Result<()> {
    for o in outputs {
        serde_json::to_writer(&mut *out, o)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
