//! Words and terms: how text is cut into words, folded, and which words are indexed.
//!
//! The index and the query cut text the same way, so a word found in an article is the word a
//! reader types: maximal runs of letters and digits (apostrophes and hyphens split: "l'armée"
//! is `l`, `armee`), folded by [`crate::text::fold`] (case, accents, ligatures). Stopwords and
//! single characters are not indexed.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::text::fold;

/// Longest term indexed, in bytes of its folded form: longer runs (URLs, hashes, tokens) are not
/// words a reader types.
pub const MAX_TERM_BYTES: usize = 40;

/// French and English articles, pronouns, prepositions and conjunctions (folded, sorted by
/// bytes, no duplicates: a test checks): neither indexed nor required in a query. Words that are
/// also common nouns in the other language (`car`, `son`, `us`, `who`…) are left out.
pub const STOPWORDS: &[&str] = &[
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "although",
    "among",
    "an",
    "and",
    "apres",
    "around",
    "as",
    "at",
    "au",
    "aucun",
    "aucune",
    "auquel",
    "aux",
    "auxquels",
    "avant",
    "avec",
    "because",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "but",
    "by",
    "ca",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celles",
    "celui",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chez",
    "comme",
    "contre",
    "dans",
    "de",
    "depuis",
    "des",
    "despite",
    "desquels",
    "donc",
    "dont",
    "du",
    "duquel",
    "during",
    "elle",
    "elles",
    "en",
    "entre",
    "et",
    "eux",
    "for",
    "from",
    "he",
    "her",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "if",
    "il",
    "ils",
    "in",
    "into",
    "it",
    "its",
    "itself",
    "je",
    "la",
    "laquelle",
    "le",
    "lequel",
    "les",
    "lesquelles",
    "lesquels",
    "leur",
    "leurs",
    "lors",
    "lorsque",
    "lui",
    "ma",
    "mais",
    "me",
    "mes",
    "mine",
    "moi",
    "mon",
    "my",
    "myself",
    "ni",
    "nor",
    "nos",
    "notre",
    "nous",
    "of",
    "off",
    "on",
    "onto",
    "or",
    "ou",
    "our",
    "ours",
    "ourselves",
    "par",
    "parmi",
    "pendant",
    "pour",
    "pourquoi",
    "puisque",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "she",
    "si",
    "since",
    "soi",
    "sous",
    "sur",
    "ta",
    "te",
    "tes",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "toi",
    "ton",
    "toward",
    "towards",
    "tu",
    "un",
    "une",
    "unless",
    "until",
    "upon",
    "vers",
    "via",
    "vos",
    "votre",
    "vous",
    "we",
    "what",
    "whether",
    "which",
    "while",
    "whom",
    "whose",
    "with",
    "within",
    "without",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Whether a folded word is a stopword.
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
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

/// The words of `text` as written: the byte range of each in `text` and its folded form (one
/// run of letters may fold to several words, rarely: all are given with the run's range).
pub fn words(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to a letter or digit.
        let (start, _) = loop {
            let (i, c) = rest.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !in_word(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start..end, fold(&text[start..end])))
    })
}

/// The indexed terms of `text`, in order, with repeats: what the index holds of it.
pub fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    folded_words(&folded)
        .filter(|w| is_indexed(w))
        .map(str::to_owned)
        .collect()
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

    #[test]
    fn long_runs_are_not_indexed() {
        let token = "a".repeat(MAX_TERM_BYTES + 1);
        assert!(terms(&token).is_empty());
        assert_eq!(terms(&"b".repeat(MAX_TERM_BYTES)).len(), 1);
    }
}
