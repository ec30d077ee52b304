//! `kiosque extract`: entities of JSON records, with code-point offsets into each record's text.
//! The records go through the corpus pipeline of `kiosque build` ([`kiosque_corpus`]), so the
//! entities and spans are those a site built from the same records shows.

use std::collections::HashMap;
use std::io::Write;

use kiosque_corpus::{Source, locate_all};
use kiosque_extract::eval::parse_annotated;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::{Document, parse_record};
use kiosque_model::stamp::of_text;
use serde::Serialize;
use serde_json::Value;

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

/// Extracts the entities of every record of `jsonl`. Records are read as `kiosque build` reads
/// a `.jsonl` file (title, date, language, imported `ents`…), a gold record's `annotated` text
/// (inline markup removed) standing for a missing `text`; an exact copy of an earlier record is
/// analysed once, as `build` does, and gets the same entities.
pub fn run(jsonl: &str, knowledge: &Knowledge) -> (Vec<Output>, Vec<LineError>) {
    let mut ids = Vec::new();
    let mut documents: Vec<Document> = Vec::new();
    // Per record, its document in `documents` (an exact copy shares its original's).
    let mut record_doc = Vec::new();
    let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
    let mut errors = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |reason: String| LineError {
            line: n + 1,
            reason,
        };
        let mut value: Value = match kiosque_extract::source::json_line(line) {
            Ok(value) => value,
            Err(e) => {
                errors.push(error(format!(
                    "{e} (expected {{\"id\", \"text\", \"lang\"?, \"published\"?}})"
                )));
                continue;
            }
        };
        let Some(id) = value.get("id").cloned() else {
            errors.push(error("record has no \"id\"".to_owned()));
            continue;
        };
        if let Value::Object(fields) = &mut value
            && fields.get("text").is_none_or(Value::is_null)
            && let Some(annotated) = fields.get("annotated").and_then(Value::as_str)
        {
            let text = parse_annotated(annotated).0;
            fields.insert("text".to_owned(), Value::String(text));
        }
        let document = match parse_record(value) {
            Ok(document) => document,
            Err(e) => {
                errors.push(error(e.to_string()));
                continue;
            }
        };
        let same_text = by_text.entry(of_text(&document.text)).or_default();
        let copy_of = same_text
            .iter()
            .copied()
            .find(|&d| documents[d] == document);
        let d = copy_of.unwrap_or_else(|| {
            same_text.push(documents.len());
            documents.push(document);
            documents.len() - 1
        });
        ids.push(id);
        record_doc.push(d);
    }
    let texts: Vec<Vec<char>> = documents.iter().map(|d| d.text.chars().collect()).collect();
    let sources: Vec<Source> = documents
        .into_iter()
        .enumerate()
        .map(|(d, document)| Source {
            origin: kiosque_corpus::Origin {
                path: format!("record {}", d + 1),
                line: None,
            },
            file_stem: None,
            document,
        })
        .collect();
    let located = locate_all(sources, knowledge);
    let outputs = ids
        .into_iter()
        .zip(record_doc)
        .map(|(id, d)| {
            let chars = &texts[d];
            let entities = located[d]
                .iter()
                .map(|l| Entity {
                    start: l.start,
                    end: l.end,
                    label: l.label.code(),
                    text: chars
                        .get(l.start as usize..l.end as usize)
                        .map(|c| c.iter().collect())
                        .unwrap_or_default(),
                    entity: l.entity.as_ref().map(|e| e.as_str().to_owned()),
                    value: l.value.clone(),
                })
                .collect();
            Output { id, entities }
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
