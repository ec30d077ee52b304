//! Acronyms and the names they spell: "FBB" of "Federation of Belgian Banks", "OFCE" of
//! "Observatoire français des conjonctures économiques". Recognition reads a name followed by
//! its acronym in parentheses as one organisation; linking joins an acronym to the name it spells.

use kiosque_model::text::fold;

use crate::ner::lexicon::{FUNCTION_WORDS, contains};

/// The fewest letters an acronym has to be matched: two letters match too many names by chance.
const MIN_LETTERS: usize = 3;
/// The most words a spelled-out name has for its initials to be an acronym.
const MAX_WORDS: usize = 8;

/// The letters of an acronym, in capitals ("FBB", "U.N.C.T.A.D." as "UNCTAD"): one word of
/// capital letters and dots, with at least [`MIN_LETTERS`] letters.
pub(crate) fn acronym(text: &str) -> Option<String> {
    let ok = !text.is_empty()
        && text
            .chars()
            .all(|c| c == '.' || (c.is_alphabetic() && c.is_uppercase()));
    if !ok {
        // Most names: no letters folded for them.
        return None;
    }
    let letters = letters_of(text);
    (letters.chars().count() >= MIN_LETTERS).then_some(letters)
}

/// The letters of `text` folded and in capitals, dots left out.
fn letters_of(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The acronyms a name of two words or more spells: the initials of its words without the
/// function words ("Fédération nationale des chasseurs" spells "FNC"), and with them ("Notes
/// from Poland" spells "NFP"). Hyphenated words count as two ("Rhône-Alpes"), an elided article
/// is not a word ("l'Association" is "Association").
pub(crate) fn spelled_out(name: &str) -> Vec<String> {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.split_once(['\'', '’']).map_or(
                w,
                |(before, after)| if before.len() <= 2 { after } else { w },
            )
        })
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() < 2 || words.len() > MAX_WORDS {
        return Vec::new();
    }
    let initials = |keep: &dyn Fn(&str) -> bool| -> String {
        words
            .iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let without = initials(&|w| !contains(FUNCTION_WORDS, w));
    let with = initials(&|_| true);
    let mut out = Vec::with_capacity(2);
    for spelled in [without, with] {
        if spelled.chars().count() >= MIN_LETTERS && !out.contains(&spelled) {
            out.push(spelled);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_spell_their_initials_with_and_without_function_words() {
        assert_eq!(spelled_out("Federation of Belgian Banks"), ["FBB", "FOBB"]);
        assert_eq!(spelled_out("Notes from Poland"), ["NFP"]);
        assert_eq!(
            spelled_out("Observatoire français des conjonctures économiques"),
            ["OFCE", "OFDCE"]
        );
        assert_eq!(
            spelled_out("l'Association des maires de France"),
            ["AMF", "ADMDF"]
        );
        assert_eq!(spelled_out("Rassemblement national"), Vec::<String>::new());
        assert_eq!(spelled_out("FBB"), Vec::<String>::new());
        assert_eq!(acronym("U.N.C.T.A.D."), Some("UNCTAD".to_owned()));
        assert_eq!(acronym("FBB"), Some("FBB".to_owned()));
        assert_eq!(acronym("UE"), None);
        assert_eq!(acronym("Fbb"), None);
    }
}
