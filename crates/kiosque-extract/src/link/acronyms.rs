//! Organisations an article calls by their acronym after naming them in full: "FBB" after
//! "Federation of Belgian Banks", "OFCE" after "Observatoire français des conjonctures
//! économiques".

use kiosque_model::Label;

use crate::acronym::{acronym, letters_of, spelled_out};

use super::persons::keep_if_only;
use super::{HashMap, Key, Occurrence};

/// An organisation's acronym joins the organisation whose initials it spells, in the article
/// that names both ("FBB" joins "Federation of Belgian Banks" there), unless the article names
/// two organisations with those initials. In an article that names no such organisation, an
/// acronym that no gazetteer knows joins the one organisation the corpus spells out with it,
/// if there is one. An acronym the gazetteer knows keeps its entry unless its article spells
/// it out as an organisation the gazetteer does not know ("Notes from Poland" for "NFP",
/// not the French party): the article says what it means.
pub(super) fn join_acronyms(occurrences: &[Occurrence<'_>], prepared: &mut [(Label, Key)]) {
    // (document, initials) → the organisation, or `None` when two have those initials; and
    // the same over the whole corpus.
    let mut in_doc: HashMap<(usize, String), Option<Key>> = HashMap::default();
    let mut in_corpus: HashMap<String, Option<Key>> = HashMap::default();
    for (occ, &(label, key)) in occurrences.iter().zip(prepared.iter()) {
        if label != Label::Organisation {
            continue;
        }
        for initials in spelled_out(occ.text) {
            keep_if_only(&mut in_doc, (occ.doc, initials.clone()), key);
            keep_if_only(&mut in_corpus, initials, key);
        }
    }
    if in_doc.is_empty() {
        return;
    }
    for (occ, slot) in occurrences.iter().zip(prepared.iter_mut()) {
        let (Label::Organisation, own) = *slot else {
            continue;
        };
        let Some(letters) = acronym(occ.text) else {
            continue;
        };
        let full = match in_doc.get(&(occ.doc, letters)) {
            Some(&Some(full)) => match (own, full) {
                // Two gazetteer entries: the gazetteer knows better than the initials.
                (Key::Entry(a), Key::Entry(b)) if a != b => continue,
                _ => full,
            },
            // Two organisations of the article have those initials: neither.
            Some(None) => continue,
            None => match (own, in_corpus.get(&letters_of(occ.text))) {
                (Key::Name(_), Some(&Some(full))) => full,
                _ => continue,
            },
        };
        *slot = (Label::Organisation, full);
    }
}

/// Whether `name` is an acronym that one of `spellings` spells out ("FBB" beside "Federation
/// of Belgian Banks"): the spelled-out form names the organisation.
pub(super) fn is_acronym_of(name: &str, spellings: &[(&str, f32)]) -> bool {
    acronym(name).is_some_and(|letters| {
        spellings
            .iter()
            .any(|&(other, _)| spelled_out(other).contains(&letters))
    })
}
