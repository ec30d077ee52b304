//! Organisations an article calls by their own name alone: "Salling said" after "Salling
//! Group".

use kiosque_model::Label;

use crate::ner::lexicon::company_own_name;

use rayon::prelude::*;

use super::documents::{Documents, apply};
use super::persons::keep_if_only;
use super::{HashMap, Key, Names, Sym, name_key};

/// In each document, an organisation's own name alone joins the organisation that the document
/// names with a head noun or legal form ("salling" joins "salling group" there), unless the
/// document names two such organisations with that own name ("Acme Corp" and "Acme Group").
/// Each document on its own, on every core.
pub(super) fn join_own_names(
    documents: &Documents,
    prepared: &mut [(Label, Key)],
    names: &Names<'_>,
) {
    let changes = documents
        .par_iter()
        .map_init(HashMap::default, |full, doc| {
            full.clear();
            in_document(doc, prepared, names, full)
        })
        .collect();
    apply(prepared, changes);
}

/// [`join_own_names`] in one document (its occurrences' indices, `doc`): the changes to make.
/// `full` is the document's own names, each with its full name (or `None` when two full names
/// have that own name), empty when called.
fn in_document<'n>(
    doc: &[u32],
    prepared: &[(Label, Key)],
    names: &Names<'n>,
    full: &mut HashMap<&'n str, Option<Sym>>,
) -> Vec<(u32, (Label, Key))> {
    for &o in doc {
        let (Label::Organisation, Key::Name(sym)) = prepared[o as usize] else {
            continue;
        };
        let Some(own) = own_name(names.get(sym)) else {
            continue;
        };
        keep_if_only(full, own, sym);
    }
    if full.is_empty() {
        return Vec::new();
    }
    doc.iter()
        .filter_map(|&o| {
            let (Label::Organisation, Key::Name(sym)) = prepared[o as usize] else {
                return None;
            };
            let &Some(into) = full.get(names.get(sym))? else {
                return None;
            };
            Some((o, (Label::Organisation, Key::Name(into))))
        })
        .collect()
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
