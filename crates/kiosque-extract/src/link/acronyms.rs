//! What an article calls by an acronym after naming it in full: "FBB" after "Federation of
//! Belgian Banks", "OFCE" after "Observatoire français des conjonctures économiques", "JFK"
//! after "John Fitzgerald Kennedy".

use kiosque_model::Label;

use kiosque_model::text::fold;
use rayon::prelude::*;

use crate::acronym::{acronym, spelled_out};
use crate::ner::knowledge::{Entry, Knowledge};
use crate::ner::lexicon::{FUNCTION_WORDS, contains};

use super::persons::keep_if_only;
use super::{HashMap, Key, Occurrence};

/// An entity that a name spells out, and the occurrence of that name.
type Spelled = (Label, Key, usize);

/// An acronym joins the entity whose name's initials it spells, in the article that names both
/// ("FBB" joins "Federation of Belgian Banks", "JFK" joins "John Fitzgerald Kennedy" there), and
/// takes its label; not when the article names two entities with those initials. Elsewhere an
/// acronym stays what it was: two articles may spell one acronym out in two ways ("AMF",
/// "CRIF"). Where the gazetteer knows both, the article's name wins ("Reporters sans frontières"
/// for "RSF"). Where it knows the acronym only, the article's name joins the entry if it is
/// another spelling of its name ("North Atlantic Treaty Organisation" for NATO), and the acronym
/// joins the article's name if it is not ("Notes from Poland" for "NFP", not the French party).
///
/// `texts` are the distinct texts of the occurrences and `text_of` each occurrence's: initials
/// and acronyms are read once per text.
pub(super) fn join_acronyms(
    occurrences: &[Occurrence<'_>],
    prepared: &mut [(Label, Key)],
    knowledge: &Knowledge,
    (texts, text_of): (&[&str], &[u32]),
) {
    let spelled: Vec<Vec<String>> = texts.par_iter().map(|t| spelled_out(t)).collect();
    let acronyms: Vec<Option<String>> = texts.par_iter().map(|t| acronym(t)).collect();
    // (document, initials) → the entity and its name, or `None` when two have those initials.
    let mut in_doc: HashMap<(usize, &str), Option<Spelled>> = HashMap::default();
    for (o, (occ, &(label, key))) in occurrences.iter().zip(prepared.iter()).enumerate() {
        if label == Label::Date {
            continue;
        }
        for initials in &spelled[text_of[o] as usize] {
            // Of one entity, the first of its names that spells the initials.
            let same = in_doc
                .get(&(occ.doc, initials.as_str()))
                .and_then(|v| v.filter(|&(l, k, _)| (l, k) == (label, key)));
            keep_if_only(
                &mut in_doc,
                (occ.doc, initials.as_str()),
                same.unwrap_or((label, key, o)),
            );
        }
    }
    if in_doc.is_empty() {
        return;
    }
    // (document, the article's name) → the gazetteer entry it spells.
    let mut respelled: HashMap<(usize, Key), (Label, Key)> = HashMap::default();
    for (o, (occ, slot)) in occurrences.iter().zip(prepared.iter_mut()).enumerate() {
        let (label, own) = *slot;
        if label == Label::Date {
            continue;
        }
        let Some(letters) = &acronyms[text_of[o] as usize] else {
            continue;
        };
        let Some(&Some((full_label, full, name))) = in_doc.get(&(occ.doc, letters.as_str())) else {
            continue;
        };
        match (own, full) {
            (Key::Entry(entry), Key::Name(_)) => {
                let known = knowledge.entry(entry);
                if known.is_some_and(|e| respells(occurrences[name].text, e)) {
                    respelled.insert((occ.doc, full), (label, own));
                    continue;
                }
            }
            _ if own == full => continue,
            _ => {}
        }
        *slot = (full_label, full);
    }
    if respelled.is_empty() {
        return;
    }
    for (occ, slot) in occurrences.iter().zip(prepared.iter_mut()) {
        if let Some(&entry) = respelled.get(&(occ.doc, slot.1)) {
            *slot = entry;
        }
    }
}

/// Whether `name` is another spelling of the gazetteer entry `entry`'s: most of its words (but
/// function words) are words of the entry's French or English name ("North Atlantic Treaty
/// Organisation" of "North Atlantic Treaty Organization"; not "International Cricket Council"
/// of "International Criminal Court").
fn respells(name: &str, entry: &Entry) -> bool {
    let known = format!("{} {}", fold(&entry.fr), fold(&entry.en));
    let known: Vec<&str> = known.split_whitespace().collect();
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split_whitespace()
        .filter(|w| !contains(FUNCTION_WORDS, w))
        .collect();
    let shared = words.iter().filter(|w| known.contains(w)).count();
    2 * shared > words.len()
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
