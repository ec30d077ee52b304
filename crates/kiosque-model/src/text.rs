//! Text folding shared by search, linking and the sidebar filter.

mod fold_table;

use fold_table::{FOLDS, STRINGS};

/// Folds text for matching: lowercase, accents removed, ligatures and typographic apostrophes
/// spelled out, so that "Défense" matches "defense" and "L’Ukraine" matches "l'ukraine".
///
/// Each character folds on its own, through a table generated from Unicode's canonical
/// decompositions, with the combining marks dropped and the rest lowercased (the rules are the
/// test's `reference_fold`, which the table is checked against for every scalar value): not
/// calling `unicode-normalization` nor `char::to_lowercase` keeps their tables out of the app.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` folded ([`fold`]) to `out`: folding many names into one string makes no
/// string for each. ASCII characters are lowercased without the table.
pub fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() && !text.contains('`') {
        let start = out.len();
        out.push_str(text);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in text.chars() {
        match c {
            '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => push_folded(out, c),
        }
    }
}

/// Whether `c` is a combining mark (Unicode's general category M): an accent, which [`fold`]
/// drops, and the only characters it drops.
pub fn is_combining_mark(c: char) -> bool {
    c >= '\u{300}' && matches!(Folded::of(c), Folded::Nothing)
}

/// The first Hangul syllable: syllables decompose by arithmetic (Unicode's chapter 3.12), not
/// by the table.
const HANGUL_FIRST: u32 = 0xAC00;
/// How many Hangul syllables there are, from [`HANGUL_FIRST`].
const HANGUL_COUNT: u32 = 11_172;

/// What one character folds to.
enum Folded {
    /// Itself.
    Same,
    /// Nothing: a combining mark.
    Nothing,
    /// Another character.
    Char(char),
    /// Several characters (ligatures, a few decompositions).
    Text(&'static str),
    /// A Hangul syllable: its two or three jamo.
    Jamo([char; 3], usize),
}

/// The kinds of runs in [`FOLDS`] (bits 40–42 of an entry).
mod kind {
    /// Every character of the run folds to nothing.
    pub const NOTHING: u64 = 0;
    /// Every character folds to the character in the payload.
    pub const CHAR: u64 = 1;
    /// Each character folds to itself plus the payload (wrapping).
    pub const SHIFT: u64 = 2;
    /// Every other character, from the first, folds to itself plus the payload; the others to
    /// themselves (upper- and lowercase letters alternating).
    pub const SHIFT_EVEN: u64 = 3;
    /// Every character folds to the text at `STRINGS[payload >> 8..][..payload & 0xFF]`.
    pub const TEXT: u64 = 4;
}

impl Folded {
    /// What `c` folds to: a binary search among the runs of [`FOLDS`], whose entries are the
    /// run's first character (bits 43–63), its kind (40–42), its length minus one (32–39) and a
    /// payload (0–31).
    fn of(c: char) -> Folded {
        let code = u32::from(c);
        if let Some(syllable) = code.checked_sub(HANGUL_FIRST).filter(|&s| s < HANGUL_COUNT) {
            return Folded::jamo(syllable);
        }
        let after = FOLDS.partition_point(|&entry| entry >> 43 <= u64::from(code));
        let Some(&entry) = after.checked_sub(1).and_then(|i| FOLDS.get(i)) else {
            return Folded::Same;
        };
        let offset = u64::from(code) - (entry >> 43);
        if offset > (entry >> 32) & 0xFF {
            return Folded::Same;
        }
        let payload = (entry & 0xFFFF_FFFF) as u32;
        let shifted =
            || char::from_u32(code.wrapping_add(payload)).map_or(Folded::Same, Folded::Char);
        match (entry >> 40) & 7 {
            kind::NOTHING => Folded::Nothing,
            kind::CHAR => char::from_u32(payload).map_or(Folded::Same, Folded::Char),
            kind::SHIFT => shifted(),
            kind::SHIFT_EVEN if offset.is_multiple_of(2) => shifted(),
            kind::TEXT => {
                let start = (payload >> 8) as usize;
                let end = start + (payload & 0xFF) as usize;
                STRINGS.get(start..end).map_or(Folded::Same, Folded::Text)
            }
            _ => Folded::Same,
        }
    }

    /// The jamo of the `syllable`th Hangul syllable (leading consonant, vowel, and trailing
    /// consonant if any), which fold to themselves.
    fn jamo(syllable: u32) -> Folded {
        let lead = char::from_u32(0x1100 + syllable / 588);
        let vowel = char::from_u32(0x1161 + syllable % 588 / 28);
        let trail = char::from_u32(0x11A7 + syllable % 28);
        match (lead, vowel, trail) {
            (Some(lead), Some(vowel), Some(trail)) => Folded::Jamo(
                [lead, vowel, trail],
                if syllable.is_multiple_of(28) { 2 } else { 3 },
            ),
            _ => Folded::Same,
        }
    }
}

/// Adds the folded form of one character to `out`.
fn push_folded(out: &mut String, c: char) {
    match Folded::of(c) {
        Folded::Same => out.push(c),
        Folded::Nothing => {}
        Folded::Char(folded) => out.push(folded),
        Folded::Text(folded) => out.push_str(folded),
        Folded::Jamo(jamo, count) => out.extend(jamo.iter().take(count)),
    }
}

/// Whether `haystack` contains `needle`, both folded (case- and accent-insensitive).
pub fn folded_contains(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

/// `text` in at most `max` characters (code points), the `…` included: cut at the last space
/// when that keeps more than half, else at `max - 1` characters, and stripped of a trailing
/// comma, colon or dash. Text that fits is returned as it is, trimmed.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    let Some((limit, _)) = text.char_indices().nth(max.saturating_sub(1)) else {
        return text.to_owned();
    };
    if text[limit..].chars().nth(1).is_none() {
        // Exactly `max` characters: it fits.
        return text.to_owned();
    }
    let head = &text[..limit];
    let at = head
        .rfind(char::is_whitespace)
        .filter(|&i| head[..i].chars().count() > max / 2)
        .unwrap_or(head.len());
    format!(
        "{}…",
        head[..at].trim_end_matches([',', ';', ':', ' ', '-', '—'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::fmt::Write as _;

    /// Folding as `fold` is defined: Unicode's canonical decomposition (NFD) of the text, its
    /// combining marks dropped, a few letters and apostrophes spelled out, the rest lowercased.
    /// The table of `fold_table.rs` is generated from it.
    fn reference_fold(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        use unicode_normalization::char::is_combining_mark;
        let mut out = String::new();
        for c in text.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                '’' | '‘' | 'ʼ' | '`' | '´' => out.push('\''),
                'œ' | 'Œ' => out.push_str("oe"),
                'æ' | 'Æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                'ø' | 'Ø' => out.push('o'),
                'đ' | 'Đ' => out.push('d'),
                'ł' | 'Ł' => out.push('l'),
                'ı' => out.push('i'),
                c => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    /// Where the generated table lives.
    const TABLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/fold_table.rs");

    /// The source of `fold_table.rs`: the characters whose [`reference_fold`] is not themselves
    /// (Hangul syllables aside), as runs.
    fn generated_table() -> String {
        let hangul = HANGUL_FIRST..HANGUL_FIRST + HANGUL_COUNT;
        let folded = |code: u32| -> Option<String> {
            let c = char::from_u32(code).filter(|_| !hangul.contains(&code))?;
            let folded = reference_fold(&c.to_string());
            (!folded.chars().eq([c])).then_some(folded)
        };
        let one = |folded: &str| -> Option<u32> {
            let mut chars = folded.chars();
            chars
                .next()
                .filter(|_| chars.next().is_none())
                .map(u32::from)
        };
        let mut entries: Vec<u64> = Vec::new();
        let mut strings = String::new();
        let mut code = 0_u32;
        while code <= u32::from(char::MAX) {
            let Some(first) = folded(code) else {
                code += 1;
                continue;
            };
            // The longest run from `code` of each kind that fits (at most 256 characters).
            let run = |same: &dyn Fn(u32) -> bool| (1..256).find(|&n| !same(n)).unwrap_or(256);
            let (kind, length, payload) = match one(&first) {
                _ if first.is_empty() => (
                    kind::NOTHING,
                    run(&|n| folded(code + n).is_some_and(|f| f.is_empty())),
                    0,
                ),
                None => {
                    let at = match strings.find(&first) {
                        Some(at) => at,
                        None => {
                            strings.push_str(&first);
                            strings.len() - first.len()
                        }
                    };
                    let length = run(&|n| folded(code + n).as_ref() == Some(&first));
                    let payload = u32::try_from(at << 8 | first.len()).expect("a short pool");
                    (kind::TEXT, length, payload)
                }
                Some(target) => {
                    let shift = target.wrapping_sub(code);
                    let shifted = |n: u32| {
                        folded(code + n).and_then(|f| one(&f))
                            == Some((code + n).wrapping_add(shift))
                    };
                    let same = run(&|n| folded(code + n).and_then(|f| one(&f)) == Some(target));
                    let step = run(&|n| shifted(n));
                    // Every other one, ending on a shifted one.
                    let even = run(&|n| match n % 2 {
                        0 => shifted(n),
                        _ => folded(code + n).is_none() && shifted(n + 1),
                    });
                    let even = even - (1 - even % 2);
                    if same >= step && same >= even {
                        (kind::CHAR, same, target)
                    } else if step >= even {
                        (kind::SHIFT, step, shift)
                    } else {
                        (kind::SHIFT_EVEN, even, shift)
                    }
                }
            };
            entries.push(
                u64::from(code) << 43
                    | kind << 40
                    | u64::from(length - 1) << 32
                    | u64::from(payload),
            );
            code += length;
        }
        let mut source = String::from(
            "//! Generated by `KIOSQUE_REGENERATE=1 cargo test -p kiosque-model --lib text::`\n\
             //! (`the_fold_table_is_generated_from_unicode`), from Unicode's canonical\n\
             //! decompositions and Rust's lowercase mapping: do not edit. The layout of an entry\n\
             //! is in `Folded::of`.\n\n",
        );
        let _ = writeln!(
            source,
            "/// The runs of characters that do not fold to themselves."
        );
        let _ = writeln!(source, "#[rustfmt::skip]");
        let _ = writeln!(
            source,
            "pub(super) static FOLDS: [u64; {}] = [",
            entries.len()
        );
        for line in entries.chunks(4) {
            let line: Vec<String> = line.iter().map(|e| format!("{e:#018x},")).collect();
            let _ = writeln!(source, "    {}", line.join(" "));
        }
        let _ = writeln!(source, "];\n");
        let _ = writeln!(source, "/// The folded forms of more than one character.");
        let _ = writeln!(source, "pub(super) const STRINGS: &str = {strings:?};");
        source
    }

    #[test]
    fn the_fold_table_is_generated_from_unicode() {
        let generated = generated_table();
        if std::env::var_os("KIOSQUE_REGENERATE").is_some() {
            std::fs::write(TABLE_PATH, &generated).expect("fold_table.rs is writable");
        }
        let stored = std::fs::read_to_string(TABLE_PATH).expect("fold_table.rs is readable");
        assert!(
            stored == generated,
            "src/text/fold_table.rs is not what Unicode and Rust's lowercase make of it now: \
             KIOSQUE_REGENERATE=1 cargo test -p kiosque-model --lib text::"
        );
    }

    #[test]
    fn folding_each_scalar_value_equals_the_reference() {
        let marks = [
            "",
            "\u{301}",
            "\u{323}\u{301}",
            "\u{301}\u{323}",
            "\u{308}\u{304}",
        ];
        // Every character alone (1,112,064 of them), and the letters of the alphabets news is
        // written in followed by combining marks in either order.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(fold(&text), reference_fold(&text), "{text:?}");
            assert_eq!(
                is_combining_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "{c:?}"
            );
        }
        for c in (0..0x2000_u32).filter_map(char::from_u32) {
            for mark in marks {
                let text = format!("{c}{mark}x");
                assert_eq!(fold(&text), reference_fold(&text), "{text:?}");
            }
        }
        assert_eq!(
            fold("Défense ÉLYSÉE Œuvre Łódź straße 한국"),
            "defense elysee oeuvre lodz strasse \u{1112}\u{1161}\u{11ab}\u{1100}\u{116e}\u{11a8}"
        );
    }

    #[test]
    fn shortening_cuts_on_words_and_counts_the_ellipsis() {
        assert_eq!(shorten("un deux trois quatre", 12), "un deux…");
        assert_eq!(shorten("  court ", 12), "court");
        assert_eq!(shorten("exactement12", 12), "exactement12");
        // One long word: cut inside it, on a character boundary.
        let long = "é".repeat(1000);
        let short = shorten(&long, 220);
        assert_eq!(short.chars().count(), 220);
        assert!(short.ends_with("é…"));
    }

    #[test]
    fn folding_ignores_case_accents_ligatures_and_apostrophe_style() {
        assert_eq!(fold("Défense"), "defense");
        assert_eq!(fold("KOURSK"), "koursk");
        assert_eq!(fold("L’Ukraine"), "l'ukraine");
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn folded_contains_matches_across_accents() {
        assert!(folded_contains("ministère russe de la Défense", "DEFENSE"));
        assert!(!folded_contains("Koursk", "kursk"));
    }
}
