//! Text folding shared by search, linking and the sidebar filter.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for matching: lowercase, accents removed, ligatures and typographic apostrophes
/// spelled out, so that "Défense" matches "defense" and "L’Ukraine" matches "l'ukraine".
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        let mut out = text.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
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
