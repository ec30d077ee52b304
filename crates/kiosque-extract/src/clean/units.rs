//! Splitting a normalised document into units: the lines or paragraphs that cleaning types.

use super::{Format, Span};

/// A paragraph candidate: one line of plain text, or one Markdown paragraph or heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Where the unit's text is in the document, in code points.
    pub span: Span,
    /// The text; same length as `span` (Markdown line breaks inside a paragraph become spaces).
    pub text: String,
    /// Units separated by no blank line share a group.
    pub group: usize,
    /// The level of a Markdown heading (`#` = 1).
    pub heading: Option<u8>,
}

struct Line<'a> {
    text: &'a str,
    start: u32,
}

fn lines(doc: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0u32;
    for line in doc.split('\n') {
        out.push(Line { text: line, start });
        start += line.chars().count() as u32 + 1;
    }
    out
}

/// The line without surrounding whitespace, and its span.
fn trimmed<'a>(line: &Line<'a>) -> (Span, &'a str) {
    let text = line.text.trim();
    let lead = line.text.len() - line.text.trim_start().len();
    let start = line.start + line.text[..lead].chars().count() as u32;
    (
        Span {
            start,
            end: start + text.chars().count() as u32,
        },
        text,
    )
}

/// Splits `doc` into units.
pub fn units(doc: &str, format: Format) -> Vec<Unit> {
    match format {
        Format::Text => text_units(doc),
        Format::Markdown => markdown_units(doc),
    }
}

fn text_units(doc: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut group = 0;
    let mut blank = true;
    for line in lines(doc) {
        let (span, text) = trimmed(&line);
        if text.is_empty() {
            if !blank {
                group += 1;
            }
            blank = true;
            continue;
        }
        blank = false;
        out.push(Unit {
            span,
            text: text.to_owned(),
            group,
            heading: None,
        });
    }
    out
}

/// Whether a Markdown line stands alone rather than continuing a paragraph.
fn markdown_standalone(text: &str) -> bool {
    text.starts_with('#')
        || text.starts_with("- ")
        || text.starts_with("* ")
        || text.starts_with("> ")
        || text.starts_with("[^")
        || text
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn heading_level(text: &str) -> Option<(u8, usize)> {
    let hashes = text.chars().take_while(|&c| c == '#').count();
    let rest = &text[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| (hashes as u8, hashes + 1))
}

fn markdown_units(doc: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut group = 0;
    let mut open = false; // whether the last unit is a paragraph that may continue
    for line in lines(doc) {
        let (span, text) = trimmed(&line);
        if text.is_empty() {
            if open || out.last().is_some_and(|u| u.group == group) {
                group += 1;
            }
            open = false;
            continue;
        }
        if let Some((level, skip)) = heading_level(text) {
            let body = text[skip..].trim();
            let start = span.start
                + text[..text.len() - text[skip..].trim_start().len()]
                    .chars()
                    .count() as u32;
            out.push(Unit {
                span: Span {
                    start,
                    end: start + body.chars().count() as u32,
                },
                text: body.to_owned(),
                group,
                heading: Some(level),
            });
            open = false;
            continue;
        }
        let standalone = markdown_standalone(text);
        match out.last_mut() {
            Some(last) if open && !standalone => {
                // Continue the paragraph: the gap between the two lines becomes spaces.
                let gap = (span.start - last.span.end) as usize;
                last.text.extend(std::iter::repeat_n(' ', gap));
                last.text.push_str(text);
                last.span.end = span.end;
            }
            _ => {
                out.push(Unit {
                    span,
                    text: text.to_owned(),
                    group,
                    heading: None,
                });
                open = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(doc: &str, span: Span) -> String {
        doc.chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect()
    }

    #[test]
    fn text_units_are_trimmed_lines_grouped_by_blank_lines() {
        let doc = "  Titre  \n\nUn.\nDeux.\n\n\nTrois.";
        let units = units(doc, Format::Text);
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts, ["Titre", "Un.", "Deux.", "Trois."]);
        let groups: Vec<usize> = units.iter().map(|u| u.group).collect();
        assert_eq!(groups, [0, 1, 1, 2]);
        for u in &units {
            assert_eq!(slice(doc, u.span), u.text);
        }
    }

    #[test]
    fn markdown_joins_wrapped_lines_and_keeps_lengths() {
        let doc = "# Un titre\n\nUne ligne\ncoupée.\n\n- item\n[^1]: note";
        let units = units(doc, Format::Markdown);
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Un titre", "Une ligne coupée.", "- item", "[^1]: note"]
        );
        assert_eq!(units[0].heading, Some(1));
        for u in &units {
            assert_eq!(slice(doc, u.span).replace('\n', " "), u.text);
        }
    }
}
