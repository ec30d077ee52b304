//! Copies: the same document read twice (from two files, two lines, or two shards of a sharded
//! build) is built once. `kiosque build` and `kiosque merge` both leave copies out here, so they
//! keep the same one.

use std::collections::HashMap;

use crate::{Analyzed, Origin};

/// An article left out because another is the same document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Where the article that is kept came from.
    pub kept: Origin,
    /// Where the copy left out came from.
    pub left_out: Origin,
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
    let (keep, pairs) = kept_once(articles.iter().map(|a| (&a.origin, a.key.as_str())));
    let copies = pairs
        .into_iter()
        .map(|(kept, left_out)| Copy {
            kept: articles[kept].origin.clone(),
            left_out: articles[left_out].origin.clone(),
        })
        .collect();
    let articles = articles
        .into_iter()
        .zip(keep)
        .filter_map(|(a, keep)| keep.then_some(a))
        .collect();
    (articles, copies)
}

/// Which of the articles given by origin and key, in order, [`once_each`] keeps (one flag
/// each), and each copy left out as (position kept, position left out): what it decides needs
/// no analysis, so a build can tell which articles it would build before decoding any.
pub fn kept_once<'a>(
    articles: impl ExactSizeIterator<Item = (&'a Origin, &'a str)>,
) -> (Vec<bool>, Vec<(usize, usize)>) {
    let articles: Vec<(&Origin, &str)> = articles.collect();
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    let mut keep = vec![true; articles.len()];
    let mut copies = Vec::new();
    for (i, &(origin, key)) in articles.iter().enumerate() {
        let Some(&j) = first.get(key) else {
            first.insert(key, i);
            continue;
        };
        let (kept, left_out) = if origin < articles[j].0 {
            first.insert(key, i);
            (i, j)
        } else {
            (j, i)
        };
        keep[left_out] = false;
        copies.push((kept, left_out));
    }
    (keep, copies)
}

/// An article whose text another article has, with other metadata (id, title, date, source…):
/// not a copy, so both are built (a story republished, or one article scraped twice under two
/// ids), and said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameText {
    /// Where the first of them came from (by origin).
    pub first: Origin,
    /// Where this one came from.
    pub other: Origin,
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
    let mut by_text: HashMap<&str, Vec<&Origin>> = HashMap::new();
    for a in articles {
        by_text.entry(&a.digest).or_default().push(&a.origin);
    }
    let mut out: Vec<SameText> = by_text
        .into_values()
        .filter(|origins| origins.len() > 1)
        .flat_map(|mut origins| {
            origins.sort();
            let first = origins[0].clone();
            origins[1..]
                .iter()
                .map(|other| SameText {
                    first: first.clone(),
                    other: (*other).clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by(|a, b| a.other.cmp(&b.other));
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use kiosque_extract::ner::knowledge::Knowledge;
    use kiosque_extract::source::{Document, Meta};

    use super::*;
    use crate::Source;

    /// The same document, read from each file named in `paths` (in that order).
    fn read_from(paths: &[&str]) -> Vec<Analyzed> {
        let sources = paths
            .iter()
            .map(|path| Source {
                origin: Origin::new(Path::new(path), None),
                file_stem: None,
                document: Document {
                    text: "Kiev\n\nLa Russie a frappé Kiev lundi 6 janvier 2025.".to_owned(),
                    meta: Meta {
                        lang: Some("fr".to_owned()),
                        ..Meta::default()
                    },
                    ..Document::default()
                },
            })
            .collect();
        crate::analyze(sources, Knowledge::builtin(), None, |_| {})
    }

    #[test]
    fn the_copy_kept_is_the_first_by_path_even_when_a_file_name_ends_in_a_colon_and_digits() {
        // By name, `dépêche:12` comes before `dépêche:3`; read as `path:line`, it was line 12
        // of `dépêche`, after line 3, and `dépêche:3` was kept.
        for paths in [
            ["in/dépêche:12", "in/dépêche:3"],
            ["in/dépêche:3", "in/dépêche:12"],
        ] {
            let (kept, copies) = once_each(read_from(&paths));
            assert_eq!(kept.len(), 1, "{paths:?}");
            assert_eq!(kept[0].origin.to_string(), "in/dépêche:12", "{paths:?}");
            assert_eq!(kept[0].origin.line, None);
            assert_eq!(
                copies,
                [Copy {
                    kept: Origin::new(Path::new("in/dépêche:12"), None),
                    left_out: Origin::new(Path::new("in/dépêche:3"), None),
                }],
                "{paths:?}"
            );
        }
    }
}
