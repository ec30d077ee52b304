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

#[cfg(test)]
mod tests {
    use super::*;

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
