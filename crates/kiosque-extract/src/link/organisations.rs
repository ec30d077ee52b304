//! Organisations an article calls by their own name alone: "Salling said" after "Salling
//! Group".

use kiosque_model::Label;

use crate::ner::lexicon::company_own_name;

use super::persons::keep_if_only;
use super::{HashMap, Key, Names, Occurrence, Sym, name_key};

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
        keep_if_only(&mut full, (occ.doc, own), sym);
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

/// The own name in a two-word matching form whose other word is a company's head noun or legal
/// form, as recognition reads it (`ner::consistency`): "salling" of "salling group", "casino"
/// of "groupe casino".
fn own_name(name: &str) -> Option<&str> {
    let (a, b) = name.split_once(' ')?;
    if b.contains(' ') {
        return None;
    }
    let words = [a, b];
    company_own_name(words).map(|k| words[k])
}

/// Whether `name` is an organisation's full name whose own name is one of `keys` (matching
/// forms): "Salling Group" beside "salling".
pub(super) fn is_full_form(name: &str, keys: &[String]) -> bool {
    let key = name_key(name);
    own_name(&key).is_some_and(|own| keys.iter().any(|k| k == own))
}
