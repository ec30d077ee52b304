//! Copies: the same document read twice (from two files, two lines, or two shards of a sharded
//! build) is built once. `kiosque build` and `kiosque merge` both leave copies out here, so they
//! keep the same one.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::Path;

use crate::Analyzed;

/// An article left out because another is the same document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Where the article that is kept came from.
    pub kept: String,
    /// Where the copy left out came from.
    pub left_out: String,
}

impl std::fmt::Display for Copy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: the same article as {} (identical text and metadata); built once",
            self.left_out, self.kept
        )
    }
}

/// The articles less copies: articles with one key (the same text, format, metadata and
/// imported entities) are one document, and of them the one whose origin comes first (by path,
/// then line) is kept, whatever the order they come in. Keeps the order of the others.
pub fn once_each(articles: Vec<Analyzed>) -> (Vec<Analyzed>, Vec<Copy>) {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    let mut keep = vec![true; articles.len()];
    let mut copies = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let Some(&j) = first.get(article.key.as_str()) else {
            first.insert(&article.key, i);
            continue;
        };
        let (kept, left_out) = match by_origin(&article.origin, &articles[j].origin) {
            Ordering::Less => {
                first.insert(&article.key, i);
                (i, j)
            }
            _ => (j, i),
        };
        keep[left_out] = false;
        copies.push(Copy {
            kept: articles[kept].origin.clone(),
            left_out: articles[left_out].origin.clone(),
        });
    }
    let articles = articles
        .into_iter()
        .zip(keep)
        .filter_map(|(a, keep)| keep.then_some(a))
        .collect();
    (articles, copies)
}

/// An article whose text another article has, with other metadata (id, title, date, source…):
/// not a copy, so both are built (a story republished, or one article scraped twice under two
/// ids), and said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameText {
    /// Where the first of them came from (by origin).
    pub first: String,
    /// Where this one came from.
    pub other: String,
}

impl std::fmt::Display for SameText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: the same text as {}, with other metadata (id, title, date or source): both are built (if it is the same article scraped twice, leave one out)",
            self.other, self.first
        )
    }
}

/// The articles (copies already left out, see [`once_each`]) whose text an article that comes
/// before it (by origin) has, in the order of their origins: whatever the order they come in.
pub fn same_texts(articles: &[Analyzed]) -> Vec<SameText> {
    let mut by_text: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in articles {
        by_text.entry(&a.digest).or_default().push(&a.origin);
    }
    let mut out: Vec<SameText> = by_text
        .into_values()
        .filter(|origins| origins.len() > 1)
        .flat_map(|mut origins| {
            origins.sort_by(|a, b| by_origin(a, b));
            let first = origins[0].to_owned();
            origins[1..]
                .iter()
                .map(|other| SameText {
                    first: first.clone(),
                    other: (*other).to_owned(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by(|a, b| by_origin(&a.other, &b.other));
    out
}

/// Origins (`path` or `path:line`) in the order inputs are read: by path (component by
/// component, as directories are walked), then line.
fn by_origin(a: &str, b: &str) -> Ordering {
    fn split(origin: &str) -> (&Path, Option<usize>) {
        match origin.rsplit_once(':') {
            Some((path, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
                (Path::new(path), line.parse().ok())
            }
            _ => (Path::new(origin), None),
        }
    }
    split(a).cmp(&split(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_order_by_path_components_then_line_number() {
        assert_eq!(by_origin("a.jsonl:9", "a.jsonl:10"), Ordering::Less);
        assert_eq!(by_origin("a.jsonl:10", "b.jsonl:1"), Ordering::Less);
        // As a directory walk meets them: `in/a/…` before `in/a-b/…`.
        assert_eq!(by_origin("in/a/x.txt", "in/a-b/y.txt"), Ordering::Less);
        assert_eq!(by_origin("notes.txt", "notes.txt"), Ordering::Equal);
    }
}
