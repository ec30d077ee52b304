//! Words and terms: how text is cut into words, folded, and which words are indexed.
//!
//! The index and the query cut text the same way, so a word found in an article is the word a
//! reader types: maximal runs of letters and digits (apostrophes and hyphens split: "l'armée"
//! is `l`, `armee`), folded by [`crate::text::fold`] (case, accents, ligatures). Stopwords and
//! single characters are not indexed.

use std::ops::Range;

use crate::text::{fold, is_combining_mark};

/// Longest term indexed, in bytes of its folded form: longer runs (URLs, hashes, tokens) are not
/// words a reader types.
pub const MAX_TERM_BYTES: usize = 40;

/// French and English articles, pronouns, prepositions and conjunctions (folded, sorted by
/// bytes, no duplicates: a test checks): neither indexed nor required in a query. Words that are
/// also common nouns in the other language (`car`, `son`, `us`, `who`…) are left out.
#[rustfmt::skip]
pub const STOPWORDS: &[&str] = &[
    "about", "above", "across", "after", "against", "along", "although", "among", "an", "and",
    "apres", "around", "as", "at", "au", "aucun", "aucune", "auquel", "aux", "auxquels", "avant",
    "avec", "because", "before", "behind", "below", "beneath", "beside", "between", "beyond", "but",
    "by", "ca", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux",
    "chez", "comme", "contre", "dans", "de", "depuis", "des", "despite", "desquels", "donc", "dont",
    "du", "duquel", "during", "elle", "elles", "en", "entre", "et", "eux", "for", "from", "he",
    "her", "hers", "herself", "him", "himself", "his", "if", "il", "ils", "in", "into", "it", "its",
    "itself", "je", "la", "laquelle", "le", "lequel", "les", "lesquelles", "lesquels", "leur",
    "leurs", "lors", "lorsque", "lui", "ma", "mais", "me", "mes", "mine", "moi", "mon", "my",
    "myself", "ni", "nor", "nos", "notre", "nous", "of", "off", "on", "onto", "or", "ou", "our",
    "ours", "ourselves", "par", "parmi", "pendant", "pour", "pourquoi", "puisque", "qu", "quand",
    "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "sa", "sans", "se", "selon", "ses",
    "she", "si", "since", "soi", "sous", "sur", "ta", "te", "tes", "than", "that", "the", "their",
    "theirs", "them", "themselves", "these", "they", "this", "those", "through", "to", "toi", "ton",
    "toward", "towards", "tu", "un", "une", "unless", "until", "upon", "vers", "via", "vos",
    "votre", "vous", "we", "what", "whether", "which", "while", "whom", "whose", "with", "within",
    "without", "you", "your", "yours", "yourself",
];

/// A word of at most 15 bytes as one number (its bytes, zero-padded, then its length),
/// compared in one step.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let length = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
    let mut padded = [0u8; 16];
    padded.get_mut(..bytes.len())?.copy_from_slice(bytes);
    padded[15] = length;
    Some(u128::from_be_bytes(padded))
}

/// Whether a folded word is a stopword (checked for every distinct word of every article: by
/// numbers rather than strings). [`STOPWORDS`] is sorted by bytes, and so are their numbers (a
/// test checks): no sorting here, nor its code in the app.
pub fn is_stopword(folded: &str) -> bool {
    static PACKED: std::sync::OnceLock<Vec<u128>> = std::sync::OnceLock::new();
    let stopwords = PACKED.get_or_init(|| STOPWORDS.iter().filter_map(|w| packed(w)).collect());
    packed(folded).is_some_and(|word| stopwords.binary_search(&word).is_ok())
}

/// Whether a folded word is indexed: two characters or more, not a stopword, not too long.
pub fn is_indexed(folded: &str) -> bool {
    folded.len() <= MAX_TERM_BYTES && folded.chars().nth(1).is_some() && !is_stopword(folded)
}

/// Whether `c` belongs in a word: a letter or a digit (or an accent following one, in text not
/// yet composed).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The words of folded text, in order (indexable or not).
pub fn folded_words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !in_word(c)).filter(|w| {
        // A run of accents alone (after a space) is not a word.
        w.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// The runs of letters and digits of `text` (and the accents that follow them): the byte range
/// of each, and whether it is ASCII.
fn runs(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip to a letter or digit.
        let start = loop {
            let &b = bytes.get(i)?;
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
                continue;
            }
            let c = char_at(i)?;
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
                continue;
            }
            match char_at(i) {
                Some(c) if in_word(c) => {
                    ascii = false;
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        Some((start..i, ascii))
    })
}

/// What [`fold`] makes of the letters of Latin-1 and `œ`: most accented letters of French,
/// Spanish, German… (a test checks every one against [`fold`]).
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' => "c",
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' => "e",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' => "i",
        'Ð' | 'ð' => "ð",
        'Ñ' | 'ñ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Þ' | 'þ' => "þ",
        'ß' => "ss",
        'Œ' | 'œ' => "oe",
        _ => return None,
    })
}

/// Appends the folded form of a run of ASCII and Latin-1 letters and digits to `buffer` without
/// decomposing it (most accented words), and returns where it starts; `None`, with `buffer` as
/// it was, for a run with other characters.
fn fold_latin(run: &str, buffer: &mut String) -> Option<usize> {
    let start = buffer.len();
    for c in run.chars() {
        if c.is_ascii() {
            buffer.push(c.to_ascii_lowercase());
        } else if let Some(folded) = fold_letter(c) {
            buffer.push_str(folded);
        } else {
            buffer.truncate(start);
            return None;
        }
    }
    Some(start)
}

/// Appends each folded word of `text` to `buffer` and calls `keep` with it and its range in
/// `buffer`; a word `keep` refuses is taken out again. The words of [`words`], without a
/// `String` for each.
pub(crate) fn fold_words(
    text: &str,
    buffer: &mut String,
    mut keep: impl FnMut(&str, Range<usize>) -> bool,
) {
    let mut put = |buffer: &mut String, start: usize| {
        if !keep(&buffer[start..], start..buffer.len()) {
            buffer.truncate(start);
        }
    };
    for (run, ascii) in runs(text) {
        let Some(run) = text.get(run) else { continue };
        if ascii {
            let start = buffer.len();
            buffer.push_str(run);
            buffer[start..].make_ascii_lowercase();
            put(buffer, start);
        } else if let Some(folded) = fold_latin(run, buffer) {
            put(buffer, folded);
        } else {
            for word in folded_words(&fold(run)) {
                let start = buffer.len();
                buffer.push_str(word);
                put(buffer, start);
            }
        }
    }
}

/// The words of `text` as written: the byte range of each in `text` and its folded form (one
/// run of letters may fold to several words, rarely: all are given with the run's range).
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    runs(text).map(|(range, ascii)| {
        let run = text.get(range.clone()).unwrap_or("");
        let folded = match ascii {
            true => run.to_ascii_lowercase(),
            false => fold(run),
        };
        (range, folded)
    })
}

/// The indexed terms of `text`, in order, with repeats: what the index holds of it.
pub fn terms(text: &str) -> Vec<String> {
    let mut buffer = String::new();
    let mut found = Vec::new();
    fold_words(text, &mut buffer, |word, _| {
        if is_indexed(word) {
            found.push(word.to_owned());
        }
        false
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_unique_folded_and_about_150() {
        for pair in STOPWORDS.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{} then {}: sorted, no duplicates",
                pair[0],
                pair[1]
            );
            // `is_stopword` searches their numbers without sorting them.
            if let (Some(first), Some(second)) = (packed(pair[0]), packed(pair[1])) {
                assert!(
                    first < second,
                    "{} then {}: numbers sorted",
                    pair[0],
                    pair[1]
                );
            }
        }
        for word in STOPWORDS {
            assert_eq!(fold(word), *word, "stopwords are folded");
            assert!(
                word.chars().count() > 1,
                "{word}: single letters are never indexed anyway"
            );
        }
        assert!(
            (120..=200).contains(&STOPWORDS.len()),
            "{}",
            STOPWORDS.len()
        );
    }

    #[test]
    fn stopwords_are_found_and_only_they() {
        for word in STOPWORDS {
            assert!(is_stopword(word), "{word}");
        }
        for word in [
            "",
            "koursk",
            "lesquelle",
            "lesquellesx",
            "the\0",
            "thé",
            "themselvesandmore",
        ] {
            assert!(!is_stopword(word), "{word:?}");
        }
    }

    #[test]
    fn latin_letters_fold_as_fold_folds_them() {
        let mut known = 0;
        for c in ('\u{80}'..='\u{24f}').filter(|c| c.is_alphanumeric()) {
            if let Some(folded) = fold_letter(c) {
                assert_eq!(folded, fold(&c.to_string()), "{c:?}");
                known += 1;
            }
        }
        assert!(known > 60, "{known}");
        let mut buffer = String::from("x");
        assert_eq!(fold_latin("Défense", &mut buffer), Some(1));
        assert_eq!(buffer, "xdefense");
        assert_eq!(fold_latin("Erdoğan", &mut buffer), None);
        assert_eq!(buffer, "xdefense", "left as it was");
    }

    #[test]
    fn text_is_cut_into_folded_words() {
        let cases: &[(&str, &[&str])] = &[
            ("L’armée de l'Ukraine", &["armee", "ukraine"]),
            ("Saint-Denis", &["saint", "denis"]),
            ("DÉFENSE nationale", &["defense", "nationale"]),
            ("The army and the Kremlin", &["army", "kremlin"]),
            ("le 6 janvier 2025, à 14h30", &["janvier", "2025", "14h30"]),
            ("Œuvre d’Erdoğan", &["oeuvre", "erdogan"]),
            ("e\u{301}te\u{301} ", &["ete"]),
            ("x y z", &[]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(terms(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn words_keep_their_ranges_in_the_text_as_written() {
        let text = "À Koursk, l’armée";
        let found: Vec<(&str, String)> = words(text).map(|(r, w)| (&text[r], w)).collect();
        assert_eq!(
            found,
            [
                ("À", "a".to_owned()),
                ("Koursk", "koursk".to_owned()),
                ("l", "l".to_owned()),
                ("armée", "armee".to_owned())
            ]
        );
    }

    proptest::proptest! {
        /// The index and the marks cut text alike: the terms of a text are the indexed words of
        /// its words, and of its folded whole.
        #[test]
        fn the_index_and_the_marks_cut_text_alike(
            text in "[a-zA-Z0-9éÉèàç’'` .,;\\-Œœßİ\u{301}\u{fb01}🇺]{0,40}"
        ) {
            let indexed = |folded: &str| -> Vec<String> {
                folded_words(folded).filter(|w| is_indexed(w)).map(str::to_owned).collect()
            };
            let by_word: Vec<String> = words(&text).flat_map(|(_, w)| indexed(&w)).collect();
            proptest::prop_assert_eq!(&terms(&text), &by_word);
            proptest::prop_assert_eq!(terms(&text), indexed(&fold(&text)));
        }
    }

    #[test]
    fn long_runs_are_not_indexed() {
        let token = "a".repeat(MAX_TERM_BYTES + 1);
        assert!(terms(&token).is_empty());
        assert_eq!(terms(&"b".repeat(MAX_TERM_BYTES)).len(), 1);
    }
}
