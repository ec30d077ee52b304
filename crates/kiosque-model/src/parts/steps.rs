//! A part's list read a few items at a time: a summary page or an entity part is one JSON
//! object holding one long list (`{"articles": [...]}`, `{"entities": [...]}`), hundreds of
//! kilobytes that one `serde_json` call would parse in one go, keeping the browser's main thread
//! (and a keystroke's answer) waiting for tens of milliseconds. [`ListSteps`] finds where each
//! item of the list is (one pass over the bytes) and parses them a few at a time
//! ([`ListSteps::step`]), so that the app can give the browser a turn in between.
//!
//! The result is what the whole parse gives: the same items, and for a file that is not of that
//! simple shape (other keys, a list that does not end where the object does) or with an item
//! that does not parse, the whole file is parsed as before, which gives the same value or the
//! same error (with its line and column in the file).

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::{EntityPart, SummaryPage};
use crate::article::ArticleSummary;
use crate::entity::Entity;
use crate::index::IndexError;

/// The spans of the items of the list that is the only member, `key`, of the JSON object that
/// `text` is (`{"key": [item, item, ...]}`, any whitespace between tokens), or `None` when
/// `text` is not of that shape. Only the tokens' boundaries are checked: an item's own syntax is
/// for its parser.
pub fn list_items(text: &str, key: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    at = expect(bytes, at, b"{")?;
    at = skip_space(bytes, at);
    at = expect(bytes, at, b"\"")?;
    at = expect(bytes, at, key.as_bytes())?;
    at = expect(bytes, at, b"\"")?;
    at = skip_space(bytes, at);
    at = expect(bytes, at, b":")?;
    at = skip_space(bytes, at);
    at = expect(bytes, at, b"[")?;
    let mut items = Vec::new();
    at = skip_space(bytes, at);
    if bytes.get(at) == Some(&b']') {
        at += 1;
    } else {
        loop {
            let end = value_end(bytes, at)?;
            items.push(at..end);
            at = skip_space(bytes, end);
            match bytes.get(at)? {
                b',' => at = skip_space(bytes, at + 1),
                b']' => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    at = skip_space(bytes, at);
    at = expect(bytes, at, b"}")?;
    (skip_space(bytes, at) == bytes.len()).then_some(items)
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

fn expect(bytes: &[u8], at: usize, token: &[u8]) -> Option<usize> {
    bytes[at.min(bytes.len())..]
        .starts_with(token)
        .then_some(at + token.len())
}

/// Where the JSON value starting at `at` ends: after its closing bracket or quote, or before the
/// first byte that cannot continue a number or literal. `None` if the text ends first or its
/// brackets do not match.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut open: Vec<u8> = Vec::new();
    let mut i = at;
    loop {
        let byte = *bytes.get(i)?;
        match byte {
            b'"' => {
                i += 1;
                loop {
                    match *bytes.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                open.push(if byte == b'{' { b'}' } else { b']' });
                i += 1;
            }
            b'}' | b']' => {
                if open.pop()? != byte {
                    return None;
                }
                i += 1;
            }
            _ if open.is_empty() => {
                // A number or a literal: up to the next delimiter.
                if i == at {
                    while bytes.get(i).is_some_and(|b| {
                        !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                    }) {
                        i += 1;
                    }
                }
                return Some(i);
            }
            _ => i += 1,
        }
        if open.is_empty() {
            return Some(i);
        }
    }
}

/// A part's list being read a few items at a time ([`ListSteps::step`]); what the whole parse
/// of the file would give, in the end ([`ListSteps::finish`]).
pub struct ListSteps<'a, T> {
    file: &'a str,
    text: &'a str,
    /// The spans of the items not read yet, or `None` when the file is read whole.
    items: Option<std::vec::IntoIter<Range<usize>>>,
    /// The whole parse of the file, as its list.
    whole: fn(&str, &str) -> Result<Vec<T>, IndexError>,
    read: Vec<T>,
    done: bool,
}

impl<'a, T: DeserializeOwned> ListSteps<'a, T> {
    fn new(
        file: &'a str,
        text: &'a str,
        key: &str,
        whole: fn(&str, &str) -> Result<Vec<T>, IndexError>,
    ) -> Self {
        let items = list_items(text, key);
        ListSteps {
            file,
            text,
            read: Vec::with_capacity(items.as_ref().map_or(0, Vec::len)),
            items: items.map(Vec::into_iter),
            whole,
            done: false,
        }
    }

    /// Reads up to `count` more items (the whole file at once when it is not of the simple
    /// shape): whether every item is read. An error is the whole parse's.
    pub fn step(&mut self, count: usize) -> Result<bool, IndexError> {
        if self.done {
            return Ok(true);
        }
        let Some(items) = &mut self.items else {
            self.read = (self.whole)(self.file, self.text)?;
            self.done = true;
            return Ok(true);
        };
        for span in items.by_ref().take(count) {
            match serde_json::from_str::<T>(&self.text[span]) {
                Ok(item) => self.read.push(item),
                Err(_) => {
                    // The whole parse says where, in the file's lines and columns.
                    self.items = None;
                    self.read = (self.whole)(self.file, self.text)?;
                    self.done = true;
                    return Ok(true);
                }
            }
        }
        self.done = items.len() == 0;
        Ok(self.done)
    }

    /// Every item read so far (all of them once [`ListSteps::step`] said so).
    pub fn finish(self) -> Vec<T> {
        self.read
    }
}

/// A summary page read a few articles at a time: [`super::parse_summaries`]'s articles.
pub fn summaries_in_steps<'a>(file: &'a str, text: &'a str) -> ListSteps<'a, ArticleSummary<u32>> {
    ListSteps::new(file, text, "articles", |file, text| {
        super::parse_summaries(file, text).map(|page: SummaryPage| page.articles)
    })
}

/// A part of the entity table read a few entities at a time: [`super::parse_entities`]'s
/// entities.
pub fn entities_in_steps<'a>(file: &'a str, text: &'a str) -> ListSteps<'a, Entity<String>> {
    ListSteps::new(file, text, "entities", |file, text| {
        super::parse_entities(file, text).map(|part: EntityPart<String>| part.entities)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, key: &str) -> Option<Vec<&'a str>> {
        list_items(text, key).map(|items| items.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn the_items_of_the_only_list_are_found_whatever_they_hold() {
        let text =
            r#" { "a" : [ {"x": "]}\"[{,", "y": [1, {"z": []}]}, 12.5e3 ,"s\\",[],true,null ] } "#;
        assert_eq!(
            spans(text, "a").expect("cut"),
            [
                r#"{"x": "]}\"[{,", "y": [1, {"z": []}]}"#,
                "12.5e3",
                r#""s\\""#,
                "[]",
                "true",
                "null"
            ]
        );
        assert_eq!(
            spans(r#"{"a":[]}"#, "a").expect("empty"),
            Vec::<&str>::new()
        );
        assert_eq!(
            spans("{\"a\":[\n]\n}\n", "a").expect("empty"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn another_shape_is_not_cut() {
        for text in [
            r#"{"a": [1], "b": 2}"#,
            r#"{"b": 2, "a": [1]}"#,
            r#"{"ab": [1]}"#,
            r#"{"a": 1}"#,
            r#"{"a": [1, 2}"#,
            r#"{"a": [1 2]}"#,
            r#"{"a": [{]}]}"#,
            r#"{"a": ["x]}"#,
            r#"{"a": [1]} x"#,
            r#"{"a": [1],}"#,
            r#"{"a": [1,]}"#,
            "",
            "[1]",
        ] {
            assert_eq!(spans(text, "a"), None, "{text}");
        }
    }

    /// Reads `text` as a summary page in steps of `count` articles.
    fn in_steps(text: &str, count: usize) -> Result<(Vec<ArticleSummary<u32>>, usize), IndexError> {
        let mut steps = summaries_in_steps("summaries/00.json", text);
        let mut taken = 1;
        while !steps.step(count)? {
            taken += 1;
        }
        Ok((steps.finish(), taken))
    }

    fn page(n: usize) -> String {
        let articles: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id": "a-{i}", "title": "T {i} \"q\" ]", "excerpt": "", "words": {i}, "entities": [{i}, 0]}}"#
                )
            })
            .collect();
        format!("{{\"articles\": [\n{}\n]}}", articles.join(",\n"))
    }

    #[test]
    fn a_summary_page_read_in_steps_is_the_page_parsed_whole() {
        let text = page(10);
        let whole = crate::parts::parse_summaries("summaries/00.json", &text).expect("valid");
        let (read, steps) = in_steps(&text, 3).expect("valid");
        assert_eq!(read, whole.articles);
        assert_eq!(steps, 4, "10 articles, 3 a step");
        let (read, _) = in_steps(r#"{"articles": []}"#, 3).expect("valid");
        assert!(read.is_empty());
    }

    #[test]
    fn a_file_of_another_shape_or_with_a_bad_item_reads_as_the_whole_parse_does() {
        // Another key beside the list: read whole, in one step, as before.
        let text = page(4).replacen('{', r#"{"note": 1, "#, 1);
        let whole = crate::parts::parse_summaries("f", &text).expect("valid");
        let (read, steps) = in_steps(&text, 1).expect("valid");
        assert_eq!((read, steps), (whole.articles, 1));
        // An item that does not parse: the whole parse's error, with its line in the file.
        let bad = page(4).replace(r#""words": 2,"#, r#""words": "two","#);
        let expected = crate::parts::parse_summaries("summaries/00.json", &bad).expect_err("bad");
        let error = in_steps(&bad, 1).expect_err("bad");
        assert_eq!(error.to_string(), expected.to_string());
        assert!(error.to_string().contains("line 4"), "{error}");
    }

    #[test]
    fn an_entity_part_read_in_steps_is_the_part_parsed_whole() {
        let text = r#"{"entities": [{"id": "per-a", "label": "PER", "name": "A", "articles": 2, "mentions": 3},
            {"id": "loc-b", "label": "LOC", "name": "B \u00e9", "articles": 1, "mentions": 1}]}"#;
        let whole = crate::parts::parse_entities("e", text).expect("valid");
        let mut steps = entities_in_steps("e", text);
        assert!(!steps.step(1).expect("valid"));
        assert!(steps.step(1).expect("valid"));
        assert_eq!(steps.finish(), whole.entities);
    }
}
