//! Organisations an article calls by their own name alone: "Salling said" after "Salling
//! Group", "lancé par Wikimédia" after "la Fondation Wikimedia".

use kiosque_model::Label;

use crate::ner::lexicon::{COMPANY_HEADS, contains};

use super::{HashMap, Key, Names, Occurrence, Sym};

/// In each document, an organisation's own name alone joins the organisation that the document
/// names with a head noun or legal form ("salling" joins "salling group" there), unless the
/// document names two such organisations with that own name ("Acme Corp" and "Acme Group").
pub(super) fn join_own_names(
    occurrences: &[Occurrence<'_>],
    prepared: &mut [(Label, Key)],
    names: &Names<'_>,
) {
    // (document, own name) → the full name, or `None` when two full names have that own name.
    let mut full: HashMap<(usize, &str), Option<Sym>> = HashMap::default();
    for (occ, &(label, key)) in occurrences.iter().zip(prepared.iter()) {
        let (Label::Organisation, Key::Name(sym)) = (label, key) else {
            continue;
        };
        let Some(own) = own_name(names.get(sym)) else {
            continue;
        };
        full.entry((occ.doc, own))
            .and_modify(|s| {
                if *s != Some(sym) {
                    *s = None;
                }
            })
            .or_insert(Some(sym));
    }
    if full.is_empty() {
        return;
    }
    for (occ, (label, key)) in occurrences.iter().zip(prepared.iter_mut()) {
        if *label == Label::Organisation
            && let Key::Name(sym) = *key
            && let Some(&Some(into)) = full.get(&(occ.doc, names.get(sym)))
        {
            *key = Key::Name(into);
        }
    }
}

/// The own name in a two-word matching form whose other word is a company's or foundation's
/// head noun or legal form: "salling" of "salling group", "wikimedia" of "fondation wikimedia".
fn own_name(name: &str) -> Option<&str> {
    let (a, b) = name.split_once(' ')?;
    if b.contains(' ') {
        return None;
    }
    match (contains(COMPANY_HEADS, a), contains(COMPANY_HEADS, b)) {
        (false, true) => Some(a),
        (true, false) => Some(b),
        _ => None,
    }
}
