//! The extractor never panics on any UTF-8 input, and every offset it gives falls on a
//! character boundary inside the text.

use kiosque_extract::analysis::{Analysis, analyze};
use kiosque_extract::clean::Format;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::{Document, parse_text};
use proptest::prelude::*;

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
    "\u{00AD}",
    "\u{00A0}",
    "\u{202F}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0301}",
    "e\u{0301}",
    "🇺🇦",
    "👍🏽",
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
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// Checks the invariants a caller relies on.
fn check(input: &str, analysis: &Analysis) {
    let normalised = analysis.cleaned.doc.text.chars().count() as u32;
    let original = input.chars().count() as u32;
    for found in &analysis.found {
        assert!(found.start < found.end, "empty mention {found:?}");
        assert!(found.end <= normalised, "mention past the text {found:?}");
        let start = analysis.cleaned.doc.original(found.start);
        let end = analysis.cleaned.doc.original_end(found.end);
        assert!(
            start <= end && end <= original,
            "original offsets {start}..{end} of {original}"
        );
    }
    for part in &analysis.cleaned.parts {
        let span = part.text_span();
        assert!(span.start <= span.end && span.end <= normalised);
        // A part's text is its span of the document (Markdown joins wrapped lines with spaces).
        let slice = analysis
            .cleaned
            .doc
            .slice(span.start, span.end)
            .replace('\n', " ");
        assert!(
            slice == part.text.replace('\n', " "),
            "part text is not its span: {:?}",
            part.text.chars().take(80).collect::<String>()
        );
    }
}

fn run(input: &str, format: Format) {
    let knowledge = Knowledge::builtin();
    let doc = Document {
        text: input.to_owned(),
        format,
        ..Document::default()
    };
    check(input, &analyze(&doc, knowledge));
    // Front matter parsing must not panic either (errors are fine).
    let _ = parse_text(input, format);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_is_analysed_without_panic(input in any::<String>()) {
        run(&input, Format::Text);
    }

    #[test]
    fn tricky_pieces_in_any_order(input in pieces()) {
        run(&input, Format::Text);
        run(&input, Format::Markdown);
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
