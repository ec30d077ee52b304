//! `kiosque clean`: the typed blocks of each input article, one JSON line per article.

use std::io::Write;
use std::path::PathBuf;

use kiosque_corpus::Origin;
use kiosque_extract::analysis::{Analysis, analyze};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_model::Block;
use rayon::prelude::*;
use serde::Serialize;

use crate::input::{self, InputError};
use crate::warnings::{self, Warned};
use kiosque_corpus::to_block;

/// One line of `kiosque clean` output.
#[derive(Debug, Serialize)]
pub struct CleanRecord {
    /// Where the article came from: `path` or `path:line`.
    pub source: String,
    /// Its title (given, found or derived).
    pub title: String,
    /// Its publication date (given, found or inferred), ISO 8601.
    pub published: Option<String>,
    /// Its language.
    pub lang: Option<String>,
    /// The page, typed.
    pub blocks: Vec<Block>,
}

/// Cleans the inputs; returns the records in input order and the inputs that failed. Prints
/// what reading warned of, by kind (every warning if `all`).
pub fn run(
    paths: &[PathBuf],
    knowledge: &Knowledge,
    all: bool,
) -> (Vec<CleanRecord>, Vec<InputError>) {
    let read = input::read_all(paths, &input::ReadOptions::default());
    let (inputs, errors) = (read.articles, read.errors);
    let analysed: Vec<(Origin, Analysis)> = inputs
        .par_iter()
        .map(|input| {
            let origin = Origin::new(&input.path, input.line);
            (origin, analyze(&input.document, knowledge))
        })
        .collect();
    // What `build` says of the same inputs (but copies: `clean` gives every article it reads).
    let of_files = read
        .warnings
        .iter()
        .map(|w| Warned::new(warnings::kind::INPUT_FILES, w.to_string()));
    let of_articles =
        warnings::of_articles(inputs.iter().zip(&analysed).map(|(input, (origin, a))| {
            warnings::Article::new(origin, &input.document.warnings, a)
        }));
    let warned: Vec<Warned> = of_files.chain(of_articles).collect();
    crate::message::warnings(&warned, all);
    let records = analysed
        .into_iter()
        .map(|(origin, a)| CleanRecord {
            source: origin.to_string(),
            published: a.published.map(|d| d.format("%Y-%m-%d").to_string()),
            blocks: a
                .cleaned
                .parts
                .iter()
                .map(|p| to_block(p, Vec::new(), None))
                .collect(),
            title: a.title,
            lang: a.lang,
        })
        .collect();
    (records, errors)
}

/// Writes records as JSON lines.
pub fn write(records: &[CleanRecord], out: &mut impl Write) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
