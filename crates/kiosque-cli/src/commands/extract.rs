//! `kiosque extract`: entities of JSON records, with code-point offsets into each record's text.
//! The records go through the corpus pipeline of `kiosque build` ([`kiosque_corpus`]), so the
//! entities and spans are those a site built from the same records shows.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use kiosque_corpus::{Origin, Source, analyses, locate_all};
use kiosque_extract::eval::parse_annotated;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::{Document, parse_record};
use serde::Serialize;
use serde_json::Value;

use crate::input::{InputError, failure};

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

/// Extracts the entities of every record of `jsonl`, the text of the file at `path`. Records
/// are read as `kiosque build` reads a `.jsonl` file (title, date, language, imported `ents`…),
/// a gold record's `annotated` text (inline markup removed) standing for a missing `text`; a
/// copy of an earlier record (the same [`analyses::key`], as `build` tells copies) is analysed
/// once and gets the same entities. What could not be read is an [`InputError`] naming the
/// line.
pub fn run(path: &Path, jsonl: &str, knowledge: &Knowledge) -> (Vec<Output>, Vec<InputError>) {
    let mut ids = Vec::new();
    // The documents to analyse, each with the line of its first record.
    let mut documents: Vec<(usize, Document)> = Vec::new();
    // Per record, its document in `documents` (a copy shares its original's).
    let mut record_doc = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |kind: &'static str, reason: String| InputError {
            path: path.to_path_buf(),
            line: Some(n + 1),
            reason,
            kind,
        };
        let mut value: Value = match kiosque_extract::source::json_line(line) {
            Ok(value) => value,
            Err(e) => {
                errors.push(error(
                    failure::of(&e),
                    format!("{e} (expected {{\"id\", \"text\", \"lang\"?, \"published\"?}})"),
                ));
                continue;
            }
        };
        let Some(id) = value.get("id").cloned() else {
            errors.push(error(failure::NO_ID, "record has no \"id\"".to_owned()));
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
                errors.push(error(failure::of(&e), e.to_string()));
                continue;
            }
        };
        let d = *by_key.entry(analyses::key(&document)).or_insert_with(|| {
            documents.push((n + 1, document));
            documents.len() - 1
        });
        ids.push(id);
        record_doc.push(d);
    }
    let texts: Vec<Vec<char>> = documents
        .iter()
        .map(|(_, d)| d.text.chars().collect())
        .collect();
    let sources: Vec<Source> = documents
        .into_iter()
        .map(|(line, document)| Source {
            origin: Origin::new(path, Some(line)),
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
