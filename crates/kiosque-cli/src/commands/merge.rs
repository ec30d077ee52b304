//! `kiosque merge`: the corpus half of `build` (the merge of a sharded build). Reads the
//! analyses files of `kiosque analyze`, links all their articles and writes the site data as
//! `build` does: the same site, byte for byte, as `build` of all the inputs.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use kiosque_corpus::{Analyzed, analyses};
use rayon::prelude::*;

use crate::commands::build::{KnowledgeFn, print_summary, publish};
use crate::output;

/// Merges the analyses `files` (`-`: standard input) into the site data `out`. Any file that
/// cannot be read, is damaged or was written by another kiosque stops the merge before
/// anything is written.
pub fn run(
    files: &[PathBuf],
    out: &Path,
    quiet: bool,
    knowledge: KnowledgeFn,
) -> anyhow::Result<()> {
    let started = Instant::now();
    output::prepare(out, files)?;
    let texts: Vec<String> = files
        .par_iter()
        .map(|file| read(file))
        .collect::<anyhow::Result<_>>()?;
    let entries: Vec<Vec<analyses::Entry<'_>>> = texts
        .par_iter()
        .zip(files)
        .map(|(text, file)| {
            analyses::parse(text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}; nothing was written; {} is unchanged",
                    file.display(),
                    out.display()
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let decoded: Vec<Analyzed> = entries
        .par_iter()
        .zip(files)
        .flat_map(|(entries, file)| entries.par_iter().map(move |e| (e, file)))
        .map(|(entry, file)| {
            entry.decode().map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}; nothing was written; {} is unchanged",
                    file.display(),
                    out.display()
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    drop(entries);
    drop(texts);
    let mut warnings = Vec::new();
    let articles = once_each(decoded, &mut warnings);
    if articles.is_empty() {
        anyhow::bail!(
            "the analyses hold no article: nothing was written; {} is unchanged",
            out.display()
        );
    }
    let site = publish(articles, knowledge(), out, quiet, &warnings)?;
    if !quiet {
        print_summary(&site, out, &[], started, 0);
    }
    Ok(())
}

/// The whole text of an analyses file, or of standard input for `-`.
fn read(file: &Path) -> anyhow::Result<String> {
    let result = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    result.map_err(|e| anyhow::anyhow!("{}: cannot read: {e}; nothing was written", file.display()))
}

/// The articles less those analysed twice (the same document in two parts of the corpus): of
/// those, the one from the first origin in sort order is kept, as `build` keeps it.
fn once_each(articles: Vec<Analyzed>, warnings: &mut Vec<String>) -> Vec<Analyzed> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    let mut keep = vec![true; articles.len()];
    for (i, article) in articles.iter().enumerate() {
        match first.get(article.key.as_str()) {
            None => {
                first.insert(&article.key, i);
            }
            Some(&j) => {
                let (kept, dropped) =
                    if origin_order(&articles[i].origin) < origin_order(&articles[j].origin) {
                        first.insert(&article.key, i);
                        (i, j)
                    } else {
                        (j, i)
                    };
                keep[dropped] = false;
                warnings.push(format!(
                    "{}: the same article as {} (identical text and metadata); built once",
                    articles[dropped].origin, articles[kept].origin
                ));
            }
        }
    }
    articles
        .into_iter()
        .zip(keep)
        .filter_map(|(a, keep)| keep.then_some(a))
        .collect()
}

/// An origin (`path` or `path:line`) as `build` orders inputs: by path, then line.
fn origin_order(origin: &str) -> (&str, Option<usize>) {
    match origin.rsplit_once(':') {
        Some((path, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            (path, line.parse().ok())
        }
        _ => (origin, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_order_by_path_then_line_number() {
        assert!(origin_order("a.jsonl:9") < origin_order("a.jsonl:10"));
        assert!(origin_order("a.jsonl:10") < origin_order("b.jsonl:1"));
        assert_eq!(origin_order("notes.txt"), ("notes.txt", None));
    }
}
