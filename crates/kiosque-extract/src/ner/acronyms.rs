//! A name and its acronym in parentheses name one organisation, whole: "Notes from Poland
//! (NFP)", "l'Autorité des marchés financiers (AMF)", "the NUJ (National Union of Journalists)".

use kiosque_model::Label;

use super::lexicon::{ORG_WORDS, PLACE_WORDS, contains};
use super::tokens::{Kind, Token};
use super::{Candidate, Evidence};
use crate::acronym::{acronym, spelled_out};

/// How many words a spelled-out name may have.
const LONGEST: usize = 12;

/// Head nouns of names that are no organisation's even when an acronym follows: laws and treaties,
/// taxes and indicators, diseases, events, products, jobs ("the Digital Services Act (DSA)",
/// "le produit intérieur brut (PIB)", "Chief Executive Officer (CEO)").
#[rustfmt::skip]
const NOT_ORGANISATIONS: &[&str] = &[
    "act", "acts", "law", "laws", "bill", "treaty", "agreement", "accord", "accords", "pact",
    "convention", "policy", "directive", "regulation", "loi", "traite", "pacte", "reglement",
    "tax", "taxe", "impot", "product", "produit", "index", "indice", "rate", "taux", "syndrome",
    "disease", "maladie", "virus", "show", "salon", "games", "jeux", "cup", "coupe",
    "championship", "championnat", "festival", "prize", "prix", "award", "officer", "equipment",
    "equipements", "vehicle", "vehicles", "vehicule", "weapon", "weapons", "arme", "armes",
    "system", "systeme", "revenu", "income", "intelligence", "destruction", "identifier",
    "number", "numero",
];

/// Makes an organisation of each name that an acronym in parentheses spells, after it ("Notes
/// from Poland (NFP)": not the place Poland) or before it ("the NUJ (National Union of
/// Journalists)"), in place of the candidates inside it. The name begins with a capital; of the
/// names that spell the acronym, the shortest. It is an organisation's when an organisation's
/// head noun is in it ("Union", "Autorité") or a place with other words ("Islamic Resistance in
/// Iraq"), and no word of a place's or of a thing's name ("Democratic Republic of the Congo",
/// "Gross Domestic Product", "Digital Services Act"). A name typed whole is left as it is, and
/// so is one with a person inside ("John Fitzgerald Kennedy (JFK)") or inside a longer
/// candidate.
pub(super) fn name_with_acronym(
    tokens: &[Token<'_>],
    covered: &[bool],
    chars: &[char],
    candidates: &mut Vec<Candidate>,
) {
    for open in 1..tokens.len().saturating_sub(2) {
        if tokens[open].text != "(" {
            continue;
        }
        // "Name (ACR)".
        if tokens[open + 2].text == ")"
            && let Some(letters) = word_acronym(&tokens[open + 1])
            && let Some(first) = name_before(tokens, covered, chars, open - 1, &letters)
        {
            make_organisation(tokens, candidates, first, open - 1);
            continue;
        }
        // "ACR (Name)".
        if let Some(letters) = word_acronym(&tokens[open - 1])
            && let Some(last) = name_within(tokens, covered, chars, open + 1, &letters)
        {
            make_organisation(tokens, candidates, open + 1, last);
        }
    }
}

/// The letters of token `t` when it is an acronym ("FBB", "U.N.C.T.A.D.").
fn word_acronym(t: &Token<'_>) -> Option<String> {
    if t.kind == Kind::Word {
        acronym(t.text)
    } else {
        None
    }
}

/// The first token of the shortest name ending at token `last` that spells `letters`, within
/// the sentence, over words only (an elided article is part of the name: "l'Atlantique"). A
/// name ending in lowercase begins with an organisation's head noun ("Autorité des marchés
/// financiers").
fn name_before(
    tokens: &[Token<'_>],
    covered: &[bool],
    chars: &[char],
    last: usize,
    letters: &str,
) -> Option<usize> {
    let mut first = last;
    for _ in 0..LONGEST {
        let t = &tokens[first];
        if !matches!(t.kind, Kind::Word | Kind::Elision) || covered[first] {
            return None;
        }
        if first < last
            && spells(tokens, chars, first, last, letters)
            && (tokens[last].is_capitalized() || contains(ORG_WORDS, &t.folded))
        {
            return Some(first);
        }
        if t.sentence_start || first == 0 {
            return None;
        }
        first -= 1;
    }
    None
}

/// The last token of the name that fills the parentheses opened before token `first`, if it
/// spells `letters`: "(National Union of Journalists)".
fn name_within(
    tokens: &[Token<'_>],
    covered: &[bool],
    chars: &[char],
    first: usize,
    letters: &str,
) -> Option<usize> {
    let close = (first..tokens.len().min(first + LONGEST + 1)).find(|&i| tokens[i].text == ")")?;
    let last = close.checked_sub(1).filter(|&last| last > first)?;
    let words =
        (first..=last).all(|i| matches!(tokens[i].kind, Kind::Word | Kind::Elision) && !covered[i]);
    (words && spells(tokens, chars, first, last, letters)).then_some(last)
}

/// Whether tokens `first..=last`, beginning with a capital, spell `letters`.
fn spells(tokens: &[Token<'_>], chars: &[char], first: usize, last: usize, letters: &str) -> bool {
    let name: String = chars[tokens[first].start..tokens[last].end]
        .iter()
        .collect();
    tokens[first].is_capitalized() && spelled_out(&name).iter().any(|s| s == letters)
}

/// Types tokens `first..=last` as one organisation when what it holds says it is one (see
/// [`name_with_acronym`]), in place of the candidates inside it.
fn make_organisation(
    tokens: &[Token<'_>],
    candidates: &mut Vec<Candidate>,
    first: usize,
    last: usize,
) {
    let words = || tokens[first..=last].iter().map(|t| t.folded.as_str());
    // A thing's head noun comes last in English, first in French ("Digital Services Act",
    // "produit intérieur brut"; not "Centers for Disease Control").
    let thing = [first, last]
        .iter()
        .any(|&i| contains(NOT_ORGANISATIONS, &tokens[i].folded));
    if thing || words().any(|w| contains(PLACE_WORDS, w)) {
        return;
    }
    let overlapping = |c: &Candidate| c.first <= last && c.last >= first;
    let inside: Vec<&Candidate> = candidates.iter().filter(|c| overlapping(c)).collect();
    let typed = |label: Label| {
        inside
            .iter()
            .any(|c| c.label.is_some_and(|(l, _)| l == label))
    };
    let keep = inside.iter().any(|c| {
        c.first < first
            || c.last > last
            || (c.first == first && c.last == last && c.label.is_some())
    }) || typed(Label::Person);
    let organisation = words().any(|w| contains(ORG_WORDS, w)) || typed(Label::Place);
    if keep || !organisation {
        return;
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
