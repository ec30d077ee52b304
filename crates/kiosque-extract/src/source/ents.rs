//! Entities found by another tool (displaCy-style `ents`), checked against the data contract
//! before they are used: spans inside the text, on character boundaries, without surrounding
//! spaces, sorted and disjoint, of labels Kiosque uses. A bad span is left out (or trimmed) and
//! reported; it never costs the article or its other spans.

use std::collections::BTreeMap;
use std::fmt;

use kiosque_model::Label;
use serde_json::{Map, Value};
use unicode_segmentation::UnicodeSegmentation;

use super::{ImportedEntity, Warning, json_kind};

/// How many span problems of one record are reported one by one; the rest are counted.
pub const SHOWN_SPAN_PROBLEMS: usize = 5;

/// An imported span that was left out or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpanProblem {
    /// The span's position in the record's `ents` list (0-based, as in the file).
    pub index: usize,
    /// What is wrong with it.
    pub fault: SpanFault,
}

/// What is wrong with an imported span.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SpanFault {
    /// Not an object with a whole-number `start` and `end` and a string `label`.
    Malformed(String),
    /// Empty, or ending past the text (`len` code points).
    OutsideText {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// A boundary falls inside a character made of several code points (a letter and its
    /// accent, an emoji sequence, a flag).
    SplitsCharacter {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
        /// The boundary inside a character.
        at: usize,
        /// That character.
        character: String,
    },
    /// Nothing but spaces.
    Blank {
        /// First code point.
        start: usize,
        /// One past the last.
        end: usize,
    },
    /// Spaces around the name: the span was trimmed to them (kept).
    Trimmed {
        /// First code point, as given.
        start: usize,
        /// One past the last, as given.
        end: usize,
        /// First code point, trimmed.
        new_start: usize,
        /// One past the last, trimmed.
        new_end: usize,
    },
    /// Overlaps a span that starts earlier (or at the same place and is longer), which is kept.
    Overlaps {
        /// The span left out.
        span: Shown,
        /// The span kept.
        kept: Shown,
    },
}

/// A span with its label and text, for messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shown {
    /// First code point.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The label as given.
    pub label: String,
    /// The text it covers.
    pub text: String,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}..{} {} {}",
            self.start,
            self.end,
            quoted(&self.text),
            quoted(&self.label)
        )
    }
}

impl fmt::Display for SpanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ents[{}]: ", self.index)?;
        match &self.fault {
            SpanFault::Malformed(why) => write!(f, "{why}; left out"),
            SpanFault::OutsideText { start, end, len } => write!(
                f,
                "span {start}..{end} is not inside the text ({len} characters; offsets count code points); left out"
            ),
            SpanFault::SplitsCharacter {
                start,
                end,
                at,
                character,
            } => write!(
                f,
                "span {start}..{end} cuts the character {} at code point {at} (it is made of several code points that show as one); left out",
                quoted(character)
            ),
            SpanFault::Blank { start, end } => {
                write!(f, "span {start}..{end} covers only spaces; left out")
            }
            SpanFault::Trimmed {
                start,
                end,
                new_start,
                new_end,
            } => write!(
                f,
                "span {start}..{end} has spaces around the name; trimmed to {new_start}..{new_end}"
            ),
            SpanFault::Overlaps { span, kept } => write!(
                f,
                "span {span} overlaps {kept}; left out (of overlapping spans, the first and longest is kept)"
            ),
        }
    }
}

/// A value from the data in a message: quoted, with control characters escaped, and cut when long.
pub fn quoted(value: &str) -> String {
    const MAX: usize = 60;
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("{:?}…", head)
    } else {
        format!("{head:?}")
    }
}

/// Reads and checks a record's `ents` against its text. Returns the spans to use, sorted and
/// disjoint, and what was wrong.
pub fn read(ents: &Value, text: &str) -> (Option<Vec<ImportedEntity>>, Vec<Warning>) {
    let Value::Array(items) = ents else {
        return (
            None,
            vec![Warning::EntsNotAList {
                found: json_kind(ents).to_owned(),
            }],
        );
    };
    let chars: Vec<char> = text.chars().collect();
    let boundaries = grapheme_boundaries(text, chars.len());
    let mut problems = Vec::new();
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let mut spans: Vec<(usize, ImportedEntity)> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let mut problem = |fault| problems.push(SpanProblem { index, fault });
        let entity = match parse(item) {
            Ok(e) => e,
            Err(why) => {
                problem(SpanFault::Malformed(why));
                continue;
            }
        };
        if Label::from_code(&entity.label.to_uppercase()).is_none() {
            *unknown.entry(entity.label).or_default() += 1;
            continue;
        }
        let (start, end) = (entity.start, entity.end);
        if start >= end || end > chars.len() {
            problem(SpanFault::OutsideText {
                start,
                end,
                len: chars.len(),
            });
            continue;
        }
        if let Some(at) = [start, end].into_iter().find(|&b| !boundaries[b]) {
            let first = (0..at).rev().find(|&b| boundaries[b]).unwrap_or(0);
            let last = (at..=chars.len())
                .find(|&b| boundaries[b])
                .unwrap_or(chars.len());
            problem(SpanFault::SplitsCharacter {
                start,
                end,
                at,
                character: chars[first..last].iter().collect(),
            });
            continue;
        }
        let new_start = (start..end)
            .find(|&i| !chars[i].is_whitespace())
            .unwrap_or(end);
        if new_start == end {
            problem(SpanFault::Blank { start, end });
            continue;
        }
        let new_end = (new_start..end)
            .rev()
            .find(|&i| !chars[i].is_whitespace())
            .map_or(end, |i| i + 1);
        if (new_start, new_end) != (start, end) {
            problem(SpanFault::Trimmed {
                start,
                end,
                new_start,
                new_end,
            });
        }
        spans.push((
            index,
            ImportedEntity {
                start: new_start,
                end: new_end,
                label: entity.label,
            },
        ));
    }

    // Sorted by start, the longest first: of overlapping spans, the first and longest is kept
    // (the whole "Université de Paris", not the "Paris" inside it).
    spans.sort_by(|(i, a), (j, b)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(i.cmp(j)));
    let mut kept: Vec<ImportedEntity> = Vec::with_capacity(spans.len());
    for (index, span) in spans {
        match kept.last() {
            Some(last) if span.start < last.end => {
                let shown = |e: &ImportedEntity| Shown {
                    start: e.start,
                    end: e.end,
                    label: e.label.clone(),
                    text: chars[e.start..e.end].iter().collect(),
                };
                problems.push(SpanProblem {
                    index,
                    fault: SpanFault::Overlaps {
                        span: shown(&span),
                        kept: shown(last),
                    },
                });
            }
            _ => kept.push(span),
        }
    }

    problems.sort_by_key(|p| p.index);
    let more = problems.len().saturating_sub(SHOWN_SPAN_PROBLEMS);
    let mut warnings: Vec<Warning> = problems
        .into_iter()
        .take(SHOWN_SPAN_PROBLEMS)
        .map(Warning::Span)
        .collect();
    if more > 0 {
        warnings.push(Warning::MoreSpans(more));
    }
    if !unknown.is_empty() {
        warnings.push(Warning::UnknownLabels(unknown.into_iter().collect()));
    }
    (Some(kept), warnings)
}

/// One `{"start", "end", "label"}`, or why it is not one.
fn parse(item: &Value) -> Result<ImportedEntity, String> {
    let Value::Object(fields) = item else {
        return Err(format!(
            "expected an object {{\"start\", \"end\", \"label\"}}, found {}",
            json_kind(item)
        ));
    };
    let offset = |name: &str| -> Result<usize, String> {
        match fields.get(name) {
            None | Some(Value::Null) => Err(format!("\"{name}\" is missing")),
            Some(Value::Number(n)) => match n.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(offset) => Ok(offset),
                // Only integers are shown: a fraction's digits depend on how it was parsed.
                None => Err(format!(
                    "\"{name}\" must be a whole number of code points (0 or more), found {}",
                    n.as_i64()
                        .map_or_else(|| "a fraction".to_owned(), |n| n.to_string())
                )),
            },
            Some(other) => Err(format!(
                "\"{name}\" must be a whole number of code points, found {}",
                json_kind(other)
            )),
        }
    };
    Ok(ImportedEntity {
        start: offset("start")?,
        end: offset("end")?,
        label: label(fields)?,
    })
}

fn label(fields: &Map<String, Value>) -> Result<String, String> {
    match fields.get("label") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        None | Some(Value::Null) => Err("\"label\" is missing".to_owned()),
        Some(Value::String(_)) => Err("\"label\" is empty".to_owned()),
        Some(other) => Err(format!(
            "\"label\" must be a string, found {}",
            json_kind(other)
        )),
    }
}

/// For each code-point offset `0..=len`, whether it falls between two characters as a reader
/// sees them (extended grapheme clusters), not inside one.
fn grapheme_boundaries(text: &str, len: usize) -> Vec<bool> {
    let mut boundaries = vec![false; len + 1];
    boundaries[len] = true;
    let mut offset = 0;
    for grapheme in text.graphemes(true) {
        boundaries[offset] = true;
        offset += grapheme.chars().count();
    }
    boundaries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, ents: &str) -> (Vec<(usize, usize, String)>, Vec<String>) {
        let value: Value = serde_json::from_str(ents).expect("json");
        let (kept, warnings) = read(&value, text);
        (
            kept.unwrap_or_default()
                .into_iter()
                .map(|e| (e.start, e.end, e.label))
                .collect(),
            warnings.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn unsorted_spans_are_sorted_silently() {
        let (kept, warnings) = check(
            "Émile vit à Paris.",
            r#"[{"start": 12, "end": 17, "label": "GPE"}, {"start": 0, "end": 5, "label": "PER"}]"#,
        );
        assert_eq!(kept, vec![(0, 5, "PER".into()), (12, 17, "GPE".into())]);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn of_overlapping_spans_the_first_and_longest_is_kept_and_the_other_reported() {
        let text = "L'Université de Paris ouvre.";
        let (kept, warnings) = check(
            text,
            r#"[{"start": 16, "end": 21, "label": "LOC"}, {"start": 2, "end": 21, "label": "ORG"}]"#,
        );
        assert_eq!(kept, vec![(2, 21, "ORG".into())]);
        assert_eq!(
            warnings,
            vec![
                r#"ents[0]: span 16..21 "Paris" "LOC" overlaps 2..21 "Université de Paris" "ORG"; left out (of overlapping spans, the first and longest is kept)"#
            ]
        );
    }

    #[test]
    fn a_span_cutting_a_character_is_left_out() {
        // "é" written as e + combining acute accent: one character, two code points.
        let text = "Cafe\u{301} Paris";
        let (kept, warnings) = check(
            text,
            r#"[{"start": 0, "end": 4, "label": "ORG"}, {"start": 6, "end": 11, "label": "LOC"}]"#,
        );
        assert_eq!(kept, vec![(6, 11, "LOC".into())]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .starts_with(r#"ents[0]: span 0..4 cuts the character "e\u{301}" at code point 4"#),
            "{warnings:?}"
        );
        // A family emoji is one character of five code points.
        let (kept, warnings) = check(
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} Lyon",
            r#"[{"start": 2, "end": 7, "label": "LOC"}]"#,
        );
        assert!(kept.is_empty() && warnings.len() == 1, "{warnings:?}");
    }

    #[test]
    fn surrounding_spaces_are_trimmed_with_a_warning() {
        let (kept, warnings) = check(
            "à  Paris  ce jour",
            r#"[{"start": 1, "end": 10, "label": "LOC"}, {"start": 9, "end": 10, "label": "LOC"}]"#,
        );
        assert_eq!(kept, vec![(3, 8, "LOC".into())]);
        assert_eq!(
            warnings,
            vec![
                "ents[0]: span 1..10 has spaces around the name; trimmed to 3..8",
                "ents[1]: span 9..10 covers only spaces; left out",
            ]
        );
    }

    #[test]
    fn bad_spans_are_reported_one_by_one_and_the_good_ones_kept() {
        let (kept, warnings) = check(
            "Paris et Lyon",
            r#"[{"start": -5, "end": 5, "label": "LOC"}, {"start": 0, "end": 50, "label": "LOC"}, 3, {"start": 9, "end": 13, "label": "loc"}, {"start": 0, "end": 5}, {"start": 0.5, "end": 5, "label": "LOC"}]"#,
        );
        assert_eq!(kept, vec![(9, 13, "loc".into())]);
        assert_eq!(
            warnings,
            vec![
                "ents[0]: \"start\" must be a whole number of code points (0 or more), found -5; left out",
                "ents[1]: span 0..50 is not inside the text (13 characters; offsets count code points); left out",
                "ents[2]: expected an object {\"start\", \"end\", \"label\"}, found a number; left out",
                "ents[4]: \"label\" is missing; left out",
                "ents[5]: \"start\" must be a whole number of code points (0 or more), found a fraction; left out",
            ]
        );
    }

    #[test]
    fn unknown_labels_are_counted_and_named() {
        let (kept, warnings) = check(
            "Les Français et les Belges",
            r#"[{"start": 4, "end": 12, "label": "NORP"}, {"start": 20, "end": 26, "label": "NORP"}, {"start": 0, "end": 3, "label": "MISC"}]"#,
        );
        assert!(kept.is_empty());
        assert_eq!(
            warnings,
            vec![
                "ents: 3 spans with labels Kiosque does not use were left out: \"MISC\" (1), \"NORP\" (2); it uses PER/PERSON, LOC/GPE/FAC, ORG and DATE"
            ]
        );
    }

    #[test]
    fn many_problems_are_counted_past_the_first_few() {
        let ents: Vec<String> = (0..8)
            .map(|_| r#"{"start": 0, "end": 99, "label": "LOC"}"#.to_owned())
            .collect();
        let (_, warnings) = check("Paris", &format!("[{}]", ents.join(",")));
        assert_eq!(warnings.len(), SHOWN_SPAN_PROBLEMS + 1);
        assert_eq!(
            warnings.last().map(String::as_str),
            Some("ents: 3 more spans of this record were left out or changed")
        );
    }

    #[test]
    fn ents_that_are_not_a_list_are_reported() {
        let (kept, warnings) = check("Paris", r#""Paris""#);
        assert!(kept.is_empty());
        assert_eq!(
            warnings,
            vec![
                "field \"ents\" must be a list of {\"start\", \"end\", \"label\"}, found a string; Kiosque finds the entities itself"
            ]
        );
    }
}
