//! The cleaner and the extractor on any UTF-8 input: they never panic; nothing of the text is
//! lost (every character is in some block but white space at the edges of lines and markup
//! removed on purpose, and blocks show it as written); every mention falls inside its block's
//! displayed text and reads, normalised, as the name that was matched; and the ways back from
//! the displayed and matching views agree with a naive model of them.
//!
//! Cases per property: `PROPTEST_CASES` when set (as `scripts/fuzz` does), else a few dozen.

use std::ops::Range;

use kiosque_extract::analysis::{Analysis, Place, analyze};
use kiosque_extract::clean::{Format, Role, rules};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::normalize::{Normalized, display_char, map_char, normalize_str};
use kiosque_extract::source::{Document, parse_text};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Pieces that exercise every rule: elisions, markers, tweets, dates, names, odd characters.
const PIECES: &[&str] = &[
    "L’",
    "l'",
    "d’",
    "Ukraine",
    "Koursk",
    "Donald Trump",
    "ministère russe de la Défense",
    "A lire aussi :",
    "Read more",
    "— SILVANO TROTTA OFFICIEL (@silvano_trotta) January 5, 2025",
    "pic.twitter.com/x",
    "…",
    "...",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "  ",
    "\r",
    "\u{00AD}",
    "\u{00A0}",
    "\u{202F}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{0301}",
    "e\u{0301}",
    "\u{20E3}",
    "\u{FE0F}",
    "\u{200E}",
    "\u{200F}",
    "\u{061C}",
    "\u{202A}",
    "\u{202E}",
    "\u{202C}",
    "\u{2066}",
    "\u{2069}",
    "\u{2028}",
    "\u{0085}",
    "\u{0000}",
    "\u{001B}",
    "🇺🇦",
    "👍🏽",
    "👨\u{200D}👩\u{200D}👧",
    "❤\u{FE0F}",
    "می\u{200C}خواهم",
    "Kour\u{AD}sk",
    "Volo\u{200B}dymyr Zelensky",
    "\u{200D}Kyiv\u{200B}",
    "«",
    "»",
    "\"",
    "“",
    "(",
    ")",
    "[[",
    "]]",
    "[^1]",
    "---\n",
    "# ",
    "██ ",
    "Image: x",
    "Photo By:",
    "VIRIN:",
    "2012",
    "20 janvier",
    "lundi",
    "hier",
    "Monday",
    "May",
    "1er",
    "31",
    "février 2022",
    "U.S.",
    "J.",
    "Jean-Marie",
    "Yemen-based",
    "O'Brien",
    "’s",
    "Москва",
    "北京",
    "عربي",
    "\t",
    "A",
    "É",
    "-",
    ".",
    ",",
    ":",
    "?",
    "!",
    "&amp;",
    "<b>",
    "0",
    "[^a]: note",
    "## ",
];

/// Characters the views treat specially, and ordinary ones around them.
const CHARS: &[char] = &[
    'a', 'K', 'é', ' ', ' ', '\n', '\n', '\r', '\t', '\u{A0}', '\u{202F}', '\u{AD}', '\u{200B}',
    '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}', '\u{202E}', '\u{2069}', '\u{FE0F}',
    '\u{301}', '👨', '北', '[', '^', ']', ':', '#',
];

fn odd_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..60).prop_map(String::from_iter)
}

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// What cleaning removes on purpose: an opening byte-order mark, Markdown footnote references.
fn structural(input: &str, format: Format) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if input.starts_with('\u{FEFF}') {
        out.push(0..3);
    }
    if format == Format::Markdown {
        out.extend(rules::footnote_references(input));
    }
    out
}

/// The naive model of a view: each input character mapped one by one, with its original
/// offset; one extra entry holds the end.
fn model(
    input: &str,
    base: u32,
    removed: &[Range<usize>],
    map: impl Fn(char, Option<char>) -> Option<char>,
) -> (Vec<char>, Vec<u32>) {
    let (mut text, mut origin) = (Vec::new(), Vec::new());
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    for (k, &(byte, c)) in chars.iter().enumerate() {
        let at = base + k as u32;
        if removed.iter().any(|r| r.start <= byte && byte < r.end) {
            continue;
        }
        if let Some(out) = map(c, chars.get(k + 1).map(|&(_, n)| n)) {
            text.push(out);
            origin.push(at);
        }
    }
    origin.push(base + chars.len() as u32);
    (text, origin)
}

/// Whether the character at `p` of `line` may be left out of every part: white space, an
/// invisible character among white space only, a Markdown heading's `#`, or the label of a
/// related-articles marker (kept as its links' label).
fn may_be_left_out(line: &[char], p: usize, format: Format) -> bool {
    let c = line[p];
    if c.is_whitespace() {
        return true;
    }
    let invisible = |c: char| map_char(c).is_none();
    let visible_beside = |mut it: Box<dyn Iterator<Item = &char> + '_>| {
        it.find(|&&c| !invisible(c))
            .is_some_and(|c| !c.is_whitespace())
    };
    if invisible(c)
        && !visible_beside(Box::new(line[..p].iter().rev()))
        && !visible_beside(Box::new(line[p + 1..].iter()))
    {
        return true;
    }
    // Markup is recognised on the line's matching view.
    let text: String = line.iter().collect();
    let matching = Normalized::new(&text, 0);
    let trimmed = matching.text.trim();
    let lead = matching.text[..matching.text.len() - matching.text.trim_start().len()]
        .chars()
        .count();
    let shown_before = |end: usize| (p as u32) < matching.original(end as u32);
    if format == Format::Markdown {
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            return shown_before(lead + hashes);
        }
    }
    // The marker's label: what precedes the title on its line (all of it without a title).
    let Some((_, _, rest)) = rules::related_marker(trimmed) else {
        return false;
    };
    shown_before(lead + trimmed.chars().count() - rest.map_or(0, |r| r.chars().count()))
}

/// Checks the invariants a caller relies on.
fn check(input: &str, format: Format, analysis: &Analysis) {
    let cleaned = &analysis.cleaned;
    let shown: Vec<char> = cleaned.doc.text.chars().collect();
    let len = shown.len() as u32;
    let original = input.chars().count() as u32;

    // The displayed text is the input less what is structural.
    let (expected, _) = model(input, 0, &structural(input, format), display_char);
    assert_eq!(shown, expected, "displayed text of {input:?}");

    let mut covered = vec![false; shown.len()];
    for part in &cleaned.parts {
        let span = part.text_span();
        assert!(part.span.start <= part.span.end && part.span.end <= len);
        assert!(part.span.contains(span), "text outside its part {part:?}");
        covered[part.span.start as usize..part.span.end as usize].fill(true);
        // A part's text is its span of the document (Markdown joins wrapped lines with spaces).
        let slice = cleaned.doc.slice(span.start, span.end);
        let slice = match part.role {
            Role::Embed(_) => slice.to_owned(),
            _ => slice.replace('\n', " "),
        };
        assert_eq!(slice, part.text, "part text is not its span");
    }

    // Nothing is lost: what no part covers is white space or markup, line by line.
    let mut start = 0;
    for line in shown.split(|&c| c == '\n') {
        for p in 0..line.len() {
            assert!(
                covered[start + p] || may_be_left_out(line, p, format),
                "{:?} at {} of line {:?} is in no part of {input:?}: {:#?}",
                line[p],
                p,
                line.iter().collect::<String>(),
                cleaned.parts
            );
        }
        start += line.len() + 1;
    }

    let input_chars: Vec<char> = input.chars().collect();
    for found in &analysis.found {
        assert!(found.start < found.end, "empty mention {found:?}");
        assert!(found.end <= len, "mention past the text {found:?}");
        let part = &cleaned.parts[found.part];
        let span = match found.place {
            Place::Text => part.text_span(),
            Place::Author | Place::Attribution => part.span,
        };
        assert!(
            span.start <= found.start && found.end <= span.end,
            "mention outside its part {found:?}"
        );
        // What the reader's highlight covers reads, normalised, as the name that was matched.
        if found.place == Place::Text {
            let highlighted: String = part
                .text
                .chars()
                .skip((found.start - span.start) as usize)
                .take((found.end - found.start) as usize)
                .collect();
            assert_eq!(normalize_str(&highlighted), found.text, "{found:?}");
        }
        // `kiosque extract` gives offsets into the input.
        let start = cleaned.doc.original(found.start);
        let end = cleaned.doc.original_end(found.end);
        assert!(
            start <= end && end <= original,
            "original offsets {start}..{end} of {original}"
        );
        if format == Format::Text && found.place == Place::Text {
            let written: String = input_chars[start as usize..end as usize].iter().collect();
            assert_eq!(
                normalize_str(&written).replace('\n', ""),
                found.text.replace('\n', ""),
                "{found:?}"
            );
        }
    }
}

fn run(input: &str, format: Format) {
    let knowledge = Knowledge::builtin();
    let doc = Document {
        text: input.to_owned(),
        format,
        ..Document::default()
    };
    check(input, format, &analyze(&doc, knowledge));
    // Front matter parsing must not panic either (errors are fine).
    let _ = parse_text(input, format);
}

/// Sorted, disjoint byte ranges on character boundaries of `input`, from character positions.
fn ranges(input: &str, cuts: &[(usize, usize)]) -> Vec<Range<usize>> {
    let bounds: Vec<usize> = input
        .char_indices()
        .map(|(b, _)| b)
        .chain([input.len()])
        .collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    for &(skip, take) in cuts {
        let first = at + skip;
        let last = (first + take).min(bounds.len() - 1);
        if first >= last {
            break;
        }
        out.push(bounds[first]..bounds[last]);
        at = last;
    }
    out
}

/// A view agrees with its naive model at every offset.
fn agrees(view: &Normalized, model: &(Vec<char>, Vec<u32>)) -> Result<(), TestCaseError> {
    let (text, origin) = model;
    let len = text.len() as u32;
    prop_assert_eq!(&view.text, &text.iter().collect::<String>());
    prop_assert_eq!(view.len(), text.len());
    for i in 0..=len + 1 {
        prop_assert_eq!(
            view.original(i),
            origin[i.min(len) as usize],
            "original({})",
            i
        );
    }
    let end = origin[len as usize];
    for o in 0..=end + 1 {
        let expected = origin[..len as usize].partition_point(|&x| x < o) as u32;
        prop_assert_eq!(view.normalized_of(o), expected, "normalized_of({})", o);
    }
    for i in 0..=len {
        for j in i..=len + 1 {
            let slice: String = text[i as usize..j.min(len) as usize].iter().collect();
            prop_assert_eq!(view.slice(i, j), slice);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn any_text_is_analysed_without_panic(input in any::<String>()) {
        run(&input, Format::Text);
    }

    #[test]
    fn tricky_pieces_in_any_order(input in pieces()) {
        run(&input, Format::Text);
        run(&input, Format::Markdown);
    }

    #[test]
    fn invisible_and_odd_characters_anywhere(input in odd_text()) {
        run(&input, Format::Text);
        run(&input, Format::Markdown);
    }

    #[test]
    fn both_views_agree_with_their_naive_model(
        input in odd_text(),
        base in 0u32..3,
        cuts in prop::collection::vec((0usize..6, 0usize..4), 0..4),
    ) {
        let removed = ranges(&input, &cuts);
        let matching = Normalized::without(&input, base, &removed);
        agrees(&matching, &model(&input, base, &removed, |c, _| map_char(c)))?;
        let displayed = Normalized::displayed(&input, &removed);
        agrees(&displayed, &model(&input, 0, &removed, display_char))?;
    }

    #[test]
    fn spans_take_their_edges_without_sharing_them(
        input in odd_text(),
        cut in prop::collection::vec(0u32..70, 3),
    ) {
        let view = Normalized::new(&input, 0);
        let len = view.len() as u32;
        let mut cut: Vec<u32> = cut.into_iter().map(|c| c.min(len)).collect();
        cut.sort_unstable();
        let (a, b) = (view.original_span(cut[0], cut[1]), view.original_span(cut[1], cut[2]));
        for (span, (s, e)) in [(cut[0]..cut[1], a), (cut[1]..cut[2], b)] {
            if span.is_empty() {
                continue;
            }
            // The span's own characters, and only removed ones besides.
            prop_assert!(s <= view.original(span.start));
            prop_assert!(view.original_end(span.end) <= e);
            prop_assert_eq!(view.normalized_of(s), span.start);
            prop_assert_eq!(view.normalized_of(e), span.end);
        }
        if cut[0] < cut[1] && cut[1] < cut[2] {
            prop_assert!(a.1 <= b.0, "{:?} and {:?} overlap", a, b);
        }
    }
}

#[test]
fn degenerate_inputs() {
    for input in [
        "",
        " ",
        "\n\n\n",
        "…………",
        "« « « « «",
        "\"\"\"'''",
        "[[[[[[",
        &"A ".repeat(5_000),
        &"de la ".repeat(5_000),
        &"Koursk ".repeat(5_000),
        &"— X (@x) January 5, 2025\n".repeat(500),
        &"Lire aussi :\n".repeat(1_000),
        &"e\u{0301}".repeat(5_000),
        &"🇺🇦".repeat(5_000),
        // One endless word: near-typo lookups must not cost its length squared.
        &"Jean-".repeat(4_000),
        &"l’a".repeat(5_000),
    ] {
        run(input, Format::Text);
        run(input, Format::Markdown);
    }
}

/// Found by `tricky_pieces_in_any_order`: an invisible character before a Markdown heading's
/// `#` goes with the marker, and the heading's text is still all there.
#[test]
fn an_invisible_character_before_a_heading_marker() {
    for input in ["\u{AD}# ---\n", "\u{FE0F}# Kour\u{AD}sk\nTexte."] {
        run(input, Format::Markdown);
    }
    let doc = Document {
        text: "\u{FE0F}# Kour\u{AD}sk\nTexte.".to_owned(),
        format: Format::Markdown,
        ..Document::default()
    };
    let a = analyze(&doc, Knowledge::builtin());
    assert_eq!(a.cleaned.parts[0].text, "Kour\u{AD}sk");
}

/// Found by `scripts/fuzz`: a footnote definition glued to a rule, then a tweet attribution
/// repeated on one line; the embed's text must stay inside its part.
#[test]
fn footnotes_then_a_repeated_tweet_attribution() {
    let input = "[^a]: note\n\n[^a]: note---\n— SILVANO TROTTA OFFICIEL (@silvano_trotta) January 5, 2025— SILVANO TROTTA OFFICIEL (@silvano_trotta) January 5, 2025";
    for format in [Format::Text, Format::Markdown] {
        run(input, format);
    }
}
