//! A name followed by its acronym in parentheses is an organisation's, whole: "Notes from Poland
//! (NFP)", "l'Association des leaders religieux du Mali (ALRM)".

use kiosque_model::Label;

use super::tokens::{Kind, Token};
use super::{Candidate, Evidence};
use crate::acronym::{acronym, spelled_out};

/// How many words before the parenthesis a spelled-out name may start.
const LOOK_BACK: usize = 12;

/// Makes an organisation of each name that the acronym in parentheses after it spells ("Notes
/// from Poland (NFP)": not the place Poland), in place of the candidates inside it. The name
/// begins with a capital and ends right before the parenthesis; of the names that spell the
/// acronym, the shortest. A name already typed whole is left as it is ("Democratic Republic of
/// the Congo (DRC)" stays a place), and so is one with a person inside ("John Fitzgerald
/// Kennedy (JFK)") or one inside a longer candidate.
pub(super) fn name_before_acronym(
    tokens: &[Token<'_>],
    covered: &[bool],
    chars: &[char],
    candidates: &mut Vec<Candidate>,
) {
    for open in 1..tokens.len().saturating_sub(2) {
        let [paren, inner, close] = [&tokens[open], &tokens[open + 1], &tokens[open + 2]];
        if paren.text != "(" || close.text != ")" || inner.kind != Kind::Word {
            continue;
        }
        let Some(letters) = acronym(inner.text) else {
            continue;
        };
        let last = open - 1;
        if !tokens[last].is_capitalized() {
            continue;
        }
        let Some(first) = spelling_start(tokens, covered, chars, last, &letters) else {
            continue;
        };
        let overlapping = |c: &Candidate| c.first <= last && c.last >= first;
        let keep = candidates.iter().filter(|c| overlapping(c)).any(|c| {
            c.first < first
                || c.last > last
                || (c.first == first && c.last == last && c.label.is_some())
                || c.label.is_some_and(|(label, _)| label == Label::Person)
        });
        if keep {
            continue;
        }
        candidates.retain(|c| !overlapping(c));
        let at = candidates.partition_point(|c| c.first < first);
        candidates.insert(
            at,
            Candidate {
                first,
                last,
                label: Some((Label::Organisation, Evidence::Strong)),
                entry: None,
            },
        );
    }
}

/// The first token of the shortest name ending at token `last` that spells `letters`: it
/// begins with a capitalised word, within [`LOOK_BACK`] words, in the same sentence, over
/// words only (an elided article is a word of the name: "l'Association").
fn spelling_start(
    tokens: &[Token<'_>],
    covered: &[bool],
    chars: &[char],
    last: usize,
    letters: &str,
) -> Option<usize> {
    let end = tokens[last].end;
    let mut first = last;
    for _ in 0..LOOK_BACK {
        let t = &tokens[first];
        if !matches!(t.kind, Kind::Word | Kind::Elision) || covered[first] {
            return None;
        }
        if first < last && t.is_capitalized() {
            let name: String = chars[t.start..end].iter().collect();
            if spelled_out(&name).iter().any(|s| s == letters) {
                return Some(first);
            }
        }
        if t.sentence_start || first == 0 {
            return None;
        }
        first -= 1;
    }
    None
}
