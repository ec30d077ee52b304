//! What an article calls by an acronym after naming it in full: "FBB" after "Federation of
//! Belgian Banks", "OFCE" after "Observatoire français des conjonctures économiques", "JFK"
//! after "John Fitzgerald Kennedy".

use kiosque_model::Label;

use kiosque_model::text::fold;
use rayon::prelude::*;

use crate::acronym::{acronym, spelled_out};
use crate::ner::knowledge::{Entry, Knowledge};
use crate::ner::lexicon::{FUNCTION_WORDS, contains};

use super::documents::{Documents, apply};
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
/// and acronyms are read once per text. Each document on its own, on every core.
pub(super) fn join_acronyms(
    occurrences: &[Occurrence<'_>],
    documents: &Documents,
    prepared: &mut [(Label, Key)],
    knowledge: &Knowledge,
    (texts, text_of): (&[&str], &[u32]),
) {
    let acronyms: Vec<Option<String>> = texts.par_iter().map(|t| acronym(t)).collect();
    // Only an article that writes an acronym can join one: the names of the others are not
    // spelled out (most of a corpus's names).
    let with_acronym = |doc: &[u32]| {
        doc.iter().any(|&o| {
            prepared[o as usize].0 != Label::Date
                && acronyms[text_of[o as usize] as usize].is_some()
        })
    };
    let mut needed = vec![false; texts.len()];
    let docs: Vec<&[u32]> = documents
        .par_iter()
        .filter(|doc| with_acronym(doc))
        .collect();
    for &o in docs.iter().copied().flatten() {
        needed[text_of[o as usize] as usize] = true;
    }
    let spelled: Vec<Vec<String>> = texts
        .par_iter()
        .zip(needed)
        .map(|(t, needed)| match needed {
            true => spelled_out(t),
            false => Vec::new(),
        })
        .collect();
    let corpus = Corpus {
        occurrences,
        prepared,
        knowledge,
        text_of,
        spelled: &spelled,
        acronyms: &acronyms,
    };
    let changes = docs
        .into_par_iter()
        .map_init(Maps::default, |maps, doc| corpus.in_document(doc, maps))
        .collect();
    apply(prepared, changes);
}

/// What [`join_acronyms`] reads of the corpus.
struct Corpus<'c, 'o> {
    occurrences: &'c [Occurrence<'o>],
    prepared: &'c [(Label, Key)],
    knowledge: &'c Knowledge,
    text_of: &'c [u32],
    /// Per text, the initials it spells out.
    spelled: &'c [Vec<String>],
    /// Per text, the acronym it is, if it is one.
    acronyms: &'c [Option<String>],
}

/// One document's maps, reused from document to document.
#[derive(Default)]
struct Maps<'c> {
    /// Initials → the entity and its name, or `None` when two have those initials.
    spelled: HashMap<&'c str, Option<Spelled>>,
    /// The article's name → the gazetteer entry it spells.
    respelled: HashMap<Key, (Label, Key)>,
    /// The document's labels and keys as they change.
    slots: Vec<(Label, Key)>,
}

impl<'c> Corpus<'c, '_> {
    /// [`join_acronyms`] in one document (its occurrences' indices, `doc`): the changes to make.
    fn in_document(&self, doc: &[u32], maps: &mut Maps<'c>) -> Vec<(u32, (Label, Key))> {
        let Maps {
            spelled,
            respelled,
            slots,
        } = maps;
        spelled.clear();
        respelled.clear();
        for &o in doc {
            let (label, key) = self.prepared[o as usize];
            if label == Label::Date {
                continue;
            }
            for initials in &self.spelled[self.text_of[o as usize] as usize] {
                // Of one entity, the first of its names that spells the initials.
                let same = spelled
                    .get(initials.as_str())
                    .and_then(|v| v.filter(|&(l, k, _)| (l, k) == (label, key)));
                keep_if_only(
                    spelled,
                    initials.as_str(),
                    same.unwrap_or((label, key, o as usize)),
                );
            }
        }
        if spelled.is_empty() {
            return Vec::new();
        }
        slots.clear();
        slots.extend(doc.iter().map(|&o| self.prepared[o as usize]));
        for (&o, slot) in doc.iter().zip(slots.iter_mut()) {
            let (label, own) = *slot;
            if label == Label::Date {
                continue;
            }
            let Some(letters) = &self.acronyms[self.text_of[o as usize] as usize] else {
                continue;
            };
            let Some(&Some((full_label, full, name))) = spelled.get(letters.as_str()) else {
                continue;
            };
            match (own, full) {
                (Key::Entry(entry), Key::Name(_)) => {
                    let known = self.knowledge.entry(entry);
                    if known.is_some_and(|e| respells(self.occurrences[name].text, e)) {
                        respelled.insert(full, (label, own));
                        continue;
                    }
                }
                _ if own == full => continue,
                _ => {}
            }
            *slot = (full_label, full);
        }
        if !respelled.is_empty() {
            for slot in slots.iter_mut() {
                if let Some(&entry) = respelled.get(&slot.1) {
                    *slot = entry;
                }
            }
        }
        doc.iter()
            .zip(slots.iter())
            .filter(|&(&o, slot)| *slot != self.prepared[o as usize])
            .map(|(&o, &slot)| (o, slot))
            .collect()
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
