//! Fuzzing how `kiosque build` reads a file: bytes to text (UTF-8, UTF-8 with a byte order mark,
//! UTF-16 with one, and anything else), then the reader of its extension.
//!
//! The properties: nothing panics; a file that cannot be read is refused with a message that
//! names it and says why, on one line once escaped; the same text reads the same whatever
//! encoding it was saved in; a JSON Lines file gives one article or one error per non-blank
//! line, with its line number.
//!
//! `cargo test` runs a few dozen cases per property; `scripts/fuzz` runs many more
//! (`PROPTEST_CASES`). Crashers it finds are kept below as named regression tests.

use std::fs;
use std::path::Path;

use kiosque_cli::input::{self, Input, InputError, ReadOptions};
use kiosque_cli::message;
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` when set (as `scripts/fuzz` does), else `default`.
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

/// Byte order marks, whole and broken.
const BOMS: &[&[u8]] = &[
    &[0xFF, 0xFE],
    &[0xFE, 0xFF],
    &[0xFF, 0xFE, 0, 0],
    &[0xEF, 0xBB],
];

const EXTENSIONS: &[&str] = &["txt", "md", "html", "jsonl", "json"];

/// File contents: byte order marks, encodings and their breakage, and text of every kind.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![
        any::<String>(),
        Just("---\ntitle: Koursk\nlang: fr\n---\nLa Russie et l’Ukraine.\n".to_owned()),
        Just("{\"text\": \"La Russie\", \"ents\": [{\"start\": 3, \"end\": 9, \"label\": \"LOC\"}]}\n{\"text\": 3}\n\n[1]\n".to_owned()),
        Just("[{\"text\": \"a\"}, {\"title\": \"b\"}, 5]".to_owned()),
        Just("<html><head><title>T</title></head><body><article><p>Les forces ukrainiennes ont relancé lundi une offensive dans la région de Koursk.</p></article></body></html>".to_owned()),
    ];
    prop_oneof![
        3 => text.clone().prop_map(String::into_bytes),
        1 => text.clone().prop_map(|t| [&[0xEF, 0xBB, 0xBF][..], t.as_bytes()].concat()),
        1 => text.clone().prop_map(|t| utf16(&t, false)),
        1 => text.prop_map(|t| utf16(&t, true)),
        2 => prop::collection::vec(any::<u8>(), 0..200),
        1 => (prop::sample::select(BOMS), prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(bom, rest)| [bom, &rest[..]].concat()),
    ]
}

/// `text` in UTF-16 with its byte order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// File names as users and scrapers make them, hostile ones included.
fn file_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9_-]{1,12}",
        1 => prop::sample::select(&["a\nerror: forged", "a\u{1b}[31mred", "a\u{202e}txt.exe", "a b", "é"][..])
            .prop_map(str::to_owned),
    ]
}

fn read(dir: &Path, name: &str, ext: &str, bytes: &[u8]) -> (Vec<Input>, Vec<InputError>) {
    let path = dir.join(format!("{name}.{ext}"));
    fs::write(&path, bytes).expect("write the input file");
    input::read(&path, &ReadOptions::default())
}

/// What every read must satisfy.
fn check_read(
    path_name: &str,
    (inputs, errors): &(Vec<Input>, Vec<InputError>),
) -> Result<(), TestCaseError> {
    for e in errors {
        let shown = message::escape(&e.to_string()).into_owned();
        prop_assert!(!e.reason.trim().is_empty(), "an error without a reason");
        prop_assert!(
            !shown.contains('\n') && !shown.chars().any(char::is_control),
            "an error message is not one line once escaped: {:?}",
            shown
        );
        prop_assert!(
            e.path.to_string_lossy().contains(path_name),
            "an error does not name its file"
        );
    }
    for i in inputs {
        prop_assert!(
            !i.document.text.trim().is_empty(),
            "an article without text was read"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_file_reads_without_panic(
        bytes in file_bytes(),
        name in file_name(),
        ext in prop::sample::select(EXTENSIONS),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let read = read(dir.path(), &name, ext, &bytes);
        check_read(&name, &read)?;
        let (inputs, errors) = &read;
        if std::str::from_utf8(&bytes).is_err() && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF]) {
            prop_assert!(inputs.is_empty(), "bytes that are not text were read");
            let reason = errors.first().map(|e| e.reason.as_str()).unwrap_or_default();
            prop_assert!(reason.contains("UTF-8"), "not UTF-8, but said: {}", reason);
        }
    }

    /// The same text reads the same in UTF-8, UTF-8 with a byte order mark, and UTF-16 with one
    /// (either byte order).
    #[test]
    fn encodings_of_the_same_text_read_the_same(
        text in prop_oneof![
            any::<String>(),
            "[a-zA-Zéà’ ,.\n-]{1,80}".prop_map(|t| format!("---\ntitle: T\n---\n{t}")),
            "[a-zA-Zéà’ ,.-]{1,80}".prop_map(|t| format!("{{\"text\": \"{t}\"}}\n{{\"text\": \"x {t}\", \"lang\": \"fr\"}}")),
        ],
        ext in prop::sample::select(&["txt", "md", "jsonl", "json"][..]),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let summary = |(inputs, errors): (Vec<Input>, Vec<InputError>)| {
            (
                inputs.into_iter().map(|i| (i.line, i.document)).collect::<Vec<_>>(),
                errors.into_iter().map(|e| (e.line, e.reason)).collect::<Vec<_>>(),
            )
        };
        let plain = summary(read(dir.path(), "plain", ext, text.as_bytes()));
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        // A text that itself starts with U+FEFF keeps it after the byte order mark.
        prop_assume!(!text.starts_with('\u{feff}'));
        for (name, bytes) in [("bom", bom), ("le", utf16(&text, false)), ("be", utf16(&text, true))] {
            let other = summary(read(dir.path(), name, ext, &bytes));
            prop_assert_eq!(&other, &plain, "{} reads differently", name);
        }
    }

    /// A JSON Lines file: one article or one error per non-blank line, with its number.
    #[test]
    fn every_jsonl_line_is_an_article_or_an_error(
        lines in prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                Just("   ".to_owned()),
                "[a-zA-Z ]{1,30}".prop_map(|t| format!("{{\"text\": \"Article {t}\"}}")),
                Just("{\"text\": 5}".to_owned()),
                Just("{\"title\": \"no text\"}".to_owned()),
                Just("[1, 2]".to_owned()),
                Just("{\"text\": \"cut".to_owned()),
                any::<String>().prop_map(|t| t.replace(['\n', '\r'], " ")),
            ],
            0..12,
        ),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (inputs, errors) = read(dir.path(), "lines", "jsonl", lines.join("\n").as_bytes());
        let mut numbered: Vec<usize> = inputs
            .iter()
            .filter_map(|i| i.line)
            .chain(errors.iter().filter_map(|e| e.line))
            .collect();
        numbered.sort_unstable();
        // `str::lines` also ends a line at "\r\n"; the lines here hold no line break.
        let expected: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, _)| n + 1)
            .collect();
        prop_assert_eq!(numbered, expected);
    }
}
