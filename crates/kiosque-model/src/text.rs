//! Text folding shared by search, linking and the sidebar filter.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds text for matching: lowercase, accents removed, ligatures and typographic apostrophes
/// spelled out, so that "Défense" matches "defense" and "L’Ukraine" matches "l'ukraine".
///
/// Each character is decomposed on its own (canonical decomposition, as NFD) and its combining
/// marks dropped: the canonical reordering NFD would add only reorders marks, which are dropped,
/// and not calling `nfd()` keeps the compatibility tables out of the app (31 KB brotli).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        let mut out = text.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |c| push_folded(&mut out, c));
    }
    out
}

/// Adds the folded form of one character of a canonical decomposition to `out`.
fn push_folded(out: &mut String, c: char) {
    if is_combining_mark(c) {
        return;
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

    /// Folding through Unicode's NFD of the whole text, as `fold` once did.
    fn fold_by_nfd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in text.nfd() {
            push_folded(&mut out, c);
        }
        out
    }

    #[test]
    fn folding_character_by_character_equals_folding_the_nfd_of_the_text() {
        let marks = [
            "",
            "\u{301}",
            "\u{323}\u{301}",
            "\u{301}\u{323}",
            "\u{308}\u{304}",
        ];
        // Every character alone, and the letters of the alphabets news is written in followed
        // by combining marks in either order.
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(fold(&text), fold_by_nfd(&text), "{text:?}");
        }
        for c in (0..0x2000_u32).filter_map(char::from_u32) {
            for mark in marks {
                let text = format!("{c}{mark}x");
                assert_eq!(fold(&text), fold_by_nfd(&text), "{text:?}");
            }
        }
        assert_eq!(
            fold("Défense ÉLYSÉE Œuvre Łódź straße"),
            "defense elysee oeuvre lodz strasse"
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
