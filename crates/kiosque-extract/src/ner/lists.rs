//! Typing an unknown name by the list it stands in: "avec le partenariat du Monde, de
//! Télérama, du Journal des Arts", "Google, Apple, Zorbacorp and Microsoft". A list of
//! organisations or of places holds more of the same inside it; its ends are where other
//! things stand ("LFI, le RN et Ciotti", "In Warsaw, Vilnius and Riga, Rutte warned"), and a
//! list of people is left to the linker, which types lone names from the corpus.

use super::*;

/// Words that may join two names of a list: a comma or a conjunction, then perhaps a
/// preposition and an article ("de la", "and the").
const GLUE: &[&str] = &[
    ",", "et", "and", "ou", "or", "de", "du", "des", "d'", "la", "le", "les", "l'", "the", "a",
    "au", "aux", "in",
];

/// Words that separate the items of a list.
const SEPARATORS: &[&str] = &[",", "et", "and", "ou", "or"];

/// Conjunctions, after which a list has one item more.
const CONJUNCTIONS: &[&str] = &["et", "and", "ou", "or"];

/// How tokens `last` and `first` (of two names) are apart: `None` when not as two items of a
/// list, `Some(true)` when a conjunction joins them (the list's last item follows).
fn joined(tokens: &[Token<'_>], last: usize, first: usize) -> Option<bool> {
    let between = &tokens[last + 1..first];
    ((1..=4).contains(&between.len())
        && !tokens[first].after_newline
        && between
            .iter()
            .all(|t| !t.after_newline && contains(GLUE, folded(t)))
        && between.iter().any(|t| contains(SEPARATORS, folded(t))))
    .then(|| between.iter().any(|t| contains(CONJUNCTIONS, folded(t))))
}

/// Gives the untyped names inside a list of three names or more (not its last, nor its first
/// but before a bare comma) the label that most of its typed names share (two at least, and
/// three in four of them: a channel such as "France 5", read as the country, does not break a
/// list of media), when that is an organisation or a place. A list ends with the name after
/// its last conjunction ("in London, Paris and Berlin, and Kowalczyk says"). The label is a
/// guess from context (`Evidence::Weak`); a common word ("le Fond monétaire international",
/// misspelt, is no organisation "Fond") and a people's name ("Rohingyas", "des Rohingyas")
/// stay untyped. `candidates` are in text order.
pub(super) fn type_by_list(
    tokens: &[Token<'_>],
    candidates: &mut [Candidate],
    knowledge: &Knowledge,
) {
    let mut start = 0;
    while start < candidates.len() {
        let mut end = start + 1;
        while end < candidates.len()
            && let Some(conjunction) =
                joined(tokens, candidates[end - 1].last, candidates[end].first)
        {
            end += 1;
            if conjunction {
                break;
            }
        }
        let list = &mut candidates[start..end];
        let typed = list.iter().filter(|c| c.label.is_some()).count();
        let count = |label: Label| {
            list.iter()
                .filter(|c| c.label.is_some_and(|(l, _)| l == label))
                .count()
        };
        let label = [Label::Organisation, Label::Place]
            .into_iter()
            .find(|&label| count(label) >= 2 && 4 * count(label) >= 3 * typed);
        if list.len() >= 3
            && let Some(label) = label
        {
            // The first name too when a bare comma follows it and it does not open the
            // sentence ("les banques que sont Belfius, ING, KBC et AXA"; not "Zelensky, in
            // Kyiv, Kharkiv and Lviv").
            let first = usize::from(
                !(list[0].first > 0
                    && !tokens[list[0].first].sentence_start
                    && list[1].first == list[0].last + 2
                    && tokens[list[0].last + 1].text == ","),
            );
            let inner = list.len() - 1;
            for c in list[first..inner].iter_mut().filter(|c| {
                let t = &tokens[c.first];
                // After a plural article, an unknown name is a people's or a group's ("des
                // Rohingyas"); known plural places were typed before ("des Philippines").
                let plural = c.first > 0 && matches!(folded(&tokens[c.first - 1]), "des" | "les");
                c.label.is_none()
                    && !plural
                    && !(c.first == c.last
                        && (knowledge.is_common_folded(&t.folded)
                            || super::classify::is_demonym(t, knowledge)))
            }) {
                c.label = Some((label, Evidence::Weak));
            }
        }
        start = end;
    }
}
