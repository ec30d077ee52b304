//! Entity linking across a corpus: one id and one canonical name per entity, merging spellings
//! (case, accents, elisions), partial names ("Trump" → "Donald Trump"), near-typos ("Dombass" →
//! "Donbass") and French/English variants known to the gazetteer ("Koursk"/"Kursk").

mod acronyms;
mod documents;
mod entity;
mod numbering;
mod organisations;
mod persons;
mod typos;

pub use persons::LoneNames;

use std::borrow::Cow;

use kiosque_model::text::fold;
use kiosque_model::{Confidence, Label};
use rayon::prelude::*;

use crate::dates::DateValue;
use crate::ner::knowledge::Knowledge;

/// The linker's hash maps: a fast hash with a seed drawn per map (they key millions of short
/// strings in a large corpus).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// One mention to link.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence<'a> {
    /// Which document it is in (any number, the same for mentions of one document).
    pub doc: usize,
    /// What it is.
    pub label: Label,
    /// The mention as written.
    pub text: &'a str,
    /// The known entry it names, if recognition found one.
    pub entry: Option<u32>,
    /// For dates, the resolved value.
    pub date: Option<DateValue>,
    /// How much it counts when choosing the canonical name (1 in the body, less elsewhere).
    pub weight: f32,
    /// How sure recognition is of its label.
    pub confidence: Confidence,
}

/// An entity after linking.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedEntity {
    /// Stable id, `<label>-<slug>`.
    pub id: String,
    /// What it is.
    pub label: Label,
    /// The canonical name.
    pub name: String,
    /// The other spellings seen, most frequent first.
    pub aliases: Vec<String>,
    /// For dates, the ISO value.
    pub value: Option<String>,
    /// Number of mentions.
    pub mentions: u32,
    /// Number of documents that mention it.
    pub documents: u32,
    /// How sure the corpus is of it: its surest mention's confidence, one level up when
    /// several documents name it (see [`entity_confidence`]).
    pub confidence: Confidence,
}

/// The confidence of an entity whose mentions have the confidences `mentions`, in `documents`
/// documents: the surest mention's, one level higher when two documents or more name it (a
/// name that recurs across articles, typed the same way, is less likely a one-off misreading).
pub fn entity_confidence(
    mentions: impl IntoIterator<Item = Confidence>,
    documents: u32,
) -> Confidence {
    let best = mentions.into_iter().max().unwrap_or(Confidence::Low);
    match (best, documents >= 2) {
        (Confidence::Low, true) => Confidence::Medium,
        (Confidence::Medium, true) => Confidence::High,
        (level, _) => level,
    }
}

/// The result of linking: the entities, and for each occurrence the index of its entity.
#[derive(Debug, Clone, Default)]
pub struct Linked {
    /// The entities, sorted by id.
    pub entities: Vec<LinkedEntity>,
    /// `of[i]` is the entity of occurrence `i`.
    pub of: Vec<usize>,
}

/// Union–find over group numbers.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Merges `from` into `into` (the root of `into` stays the root).
    fn merge(&mut self, from: usize, into: usize) {
        let (a, b) = (self.find(from), self.find(into));
        if a != b {
            self.0[a] = b;
        }
    }
}

/// The matching form of a name: folded, hyphens as spaces, single spaces, "and" and "et" as
/// "&" ("Procter and Gamble" is "Procter & Gamble").
fn name_key(text: &str) -> String {
    let folded = fold(text);
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(if matches!(word, "and" | "et") {
            "&"
        } else {
            word
        });
    }
    key
}

/// An interned matching form: its index in [`Names`].
type Sym = u32;

/// Matching forms, each distinct one stored once.
#[derive(Default)]
struct Names<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, Sym>,
}

impl<'a> Names<'a> {
    fn intern(&mut self, name: &'a str) -> Sym {
        let next = self.list.len() as Sym;
        let sym = *self.index.entry(name).or_insert(next);
        if sym == next {
            self.list.push(name);
        }
        sym
    }

    /// The symbol of `name`, if it was interned.
    fn find(&self, name: &str) -> Option<Sym> {
        self.index.get(name).copied()
    }

    fn get(&self, sym: Sym) -> &'a str {
        self.list[sym as usize]
    }

    fn len(&self) -> usize {
        self.list.len()
    }
}

/// What occurrences are linked by: two occurrences with the same label and key are one entity
/// before typos are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    /// A gazetteer entry.
    Entry(u32),
    /// A resolved date.
    Date(DateValue),
    /// A date that could not be resolved, by the matching form of its text.
    UnresolvedDate(Sym),
    /// Any other name, by its matching form.
    Name(Sym),
}

/// What a distinct mention text is, found once for all its mentions: the gazetteer entries it
/// names (with their labels, best first) and its matching form, when some mention needs them.
#[derive(Default)]
struct TextFacts {
    known: Vec<(u32, Label)>,
    name: Option<String>,
}

/// Links the occurrences of a corpus. `lang` is the corpus's main language, used to name
/// gazetteer entities that the corpus spells in several ways equally often.
///
/// The cost is linear in the number of occurrences: each distinct text is looked up once, the
/// near-typos are found through hashed deletion variants, and the per-text and per-entity work
/// runs on every core.
pub fn link(occurrences: &[Occurrence<'_>], knowledge: &Knowledge, lang: &str) -> Linked {
    // 0. Each distinct text once: a corpus says "Donald Trump" thousands of times.
    let (text_of, texts): (Vec<u32>, Vec<&str>) =
        numbering::by_first_occurrence(occurrences, |occ| occ.text);
    // What each text needs: a gazetteer lookup, a matching form.
    let (mut lookup, mut matching) = (vec![false; texts.len()], vec![false; texts.len()]);
    for (occ, &t) in occurrences.iter().zip(&text_of) {
        let t = t as usize;
        match (occ.label, occ.date, occ.entry) {
            (Label::Date, Some(_), _) | (_, _, Some(_)) => {}
            (Label::Date, None, _) => matching[t] = true,
            _ => (lookup[t], matching[t]) = (true, true),
        }
    }
    let facts: Vec<TextFacts> = texts
        .par_iter()
        .zip(&lookup)
        .zip(&matching)
        .map(|((text, &lookup), &matching)| TextFacts {
            known: if lookup {
                knowledge
                    .lookup(text)
                    .into_iter()
                    .map(|(id, e)| (id, e.label))
                    .collect()
            } else {
                Vec::new()
            },
            name: matching.then(|| name_key(text)),
        })
        .collect();
    drop((lookup, matching));

    // 1. A first key per occurrence: the date value, the gazetteer entry, or the matching form.
    let mut names = Names::default();
    let sym_of_text: Vec<Option<Sym>> = facts
        .iter()
        .map(|f| f.name.as_deref().map(|name| names.intern(name)))
        .collect();
    let mut prepared: Vec<(Label, Key)> = occurrences
        .par_iter()
        .zip(&text_of)
        .map(|(occ, &t)| {
            let t = t as usize;
            let name = || sym_of_text[t].unwrap_or_default();
            let key = match (occ.label, occ.date, occ.entry) {
                (Label::Date, Some(value), _) => Key::Date(value),
                (Label::Date, None, _) => Key::UnresolvedDate(name()),
                (_, _, Some(entry)) => Key::Entry(entry),
                _ => match facts[t]
                    .known
                    .iter()
                    .find(|&&(_, label)| label == occ.label)
                {
                    Some(&(id, _)) => Key::Entry(id),
                    None => Key::Name(name()),
                },
            };
            // A gazetteer entry is one entity whatever label each mention's context gives it:
            // a seat of power read as its building ("at the White House", a place) is the
            // entity of the institution ("the White House said", an organisation).
            let label = match key {
                Key::Entry(id) => knowledge.entry(id).map_or(occ.label, |e| e.label),
                _ => occ.label,
            };
            (label, key)
        })
        .collect();
    // Before labels are unified across the corpus: an article's "Salling" is its "Salling
    // Group" even where other articles write "Salling" for a person.
    let documents = documents::Documents::new(occurrences);
    organisations::join_own_names(&documents, &mut prepared, &names);
    acronyms::join_acronyms(
        occurrences,
        &documents,
        &mut prepared,
        knowledge,
        (&texts, &text_of),
    );
    drop(documents);
    persons::unify_labels(&mut prepared, &names);
    persons::merge_middle_names(occurrences, &mut prepared, &names);
    persons::merge_initials(&mut prepared, &names);
    persons::resolve_partial_names(occurrences, &mut prepared, &names);

    // 2. One number per distinct (label, key), in order of first occurrence.
    let (key_of_occ, key_list) = numbering::by_first_occurrence(&prepared, |&entry| entry);
    drop(prepared);

    // 3. Near-typos: one edit apart, same label and first letter, long enough to be safe, and
    //    not two different gazetteer entries.
    let mut weight_of_key = vec![0f32; key_list.len()];
    // A gazetteer entry is compared through the first spelling the corpus uses for it.
    let mut first_spelling: Vec<Option<usize>> = vec![None; key_list.len()];
    for (o, (occ, &k)) in occurrences.iter().zip(&key_of_occ).enumerate() {
        let k = k as usize;
        weight_of_key[k] += occ.weight;
        first_spelling[k].get_or_insert(o);
    }
    let display_key: Vec<Cow<'_, str>> = key_list
        .par_iter()
        .zip(&first_spelling)
        .map(|((_, key), first)| match (key, first) {
            (Key::Entry(_), Some(o)) => {
                let t = text_of[*o] as usize;
                match &facts[t].name {
                    Some(name) => Cow::Borrowed(name.as_str()),
                    None => Cow::Owned(name_key(texts[t])),
                }
            }
            (Key::Name(sym) | Key::UnresolvedDate(sym), _) => Cow::Borrowed(names.get(*sym)),
            (Key::Entry(_) | Key::Date(_), _) => Cow::Borrowed(""),
        })
        .collect();
    let mut groups = Groups((0..key_list.len()).collect());
    for (from, into) in typos::merges(&key_list, &display_key, &weight_of_key, knowledge) {
        groups.merge(from, into);
    }

    // 4. Gather groups (in the order of their root key), choose names and ids. The occurrences
    //    of each group, in their order, are one range of `members`.
    let root_of_occ: Vec<usize> = key_of_occ
        .iter()
        .map(|&k| groups.find(k as usize))
        .collect();
    let mut start = vec![0usize; key_list.len() + 1];
    for &root in &root_of_occ {
        start[root + 1] += 1;
    }
    for k in 0..key_list.len() {
        start[k + 1] += start[k];
    }
    let mut members = vec![0usize; occurrences.len()];
    let mut filled = start.clone();
    for (o, &root) in root_of_occ.iter().enumerate() {
        members[filled[root]] = o;
        filled[root] += 1;
    }
    drop((root_of_occ, filled));
    let ranges: Vec<std::ops::Range<usize>> = start
        .windows(2)
        .map(|w| w[0]..w[1])
        .filter(|r| !r.is_empty())
        .collect();
    let context = entity::Context {
        occurrences,
        text_of: &text_of,
        texts: &texts,
        key_of_occ: &key_of_occ,
        key_list: &key_list,
        knowledge,
        lang,
    };
    let drafts: Vec<LinkedEntity> = ranges
        .par_iter()
        .map(|range| context.describe(&members[range.clone()]))
        .collect();
    // Sorted by label, folded name and id; entities equal on all three keep the order of their
    // root key.
    let sort_keys: Vec<(Label, String, &str)> = drafts
        .par_iter()
        .map(|e| (e.label, fold(&e.name), e.id.as_str()))
        .collect();
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.par_sort_unstable_by(|&a, &b| sort_keys[a].cmp(&sort_keys[b]).then(a.cmp(&b)));
    drop(sort_keys);
    // Ids that are not unique get a suffix, `-2` for the second in that order, and so on,
    // skipping any that is already the id of another entity ("Springfield 2").
    let mut suffixed: Vec<Option<String>> = vec![None; drafts.len()];
    let mut seen: HashMap<&str, u32> = HashMap::default();
    let bases: std::collections::HashSet<&str> = drafts.iter().map(|d| d.id.as_str()).collect();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for &d in &order {
        let n = seen.entry(drafts[d].id.as_str()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            let id = loop {
                let candidate = format!("{}-{k}", drafts[d].id);
                if !bases.contains(candidate.as_str()) && !taken.contains(&candidate) {
                    break candidate;
                }
                k += 1;
            };
            taken.insert(id.clone());
            suffixed[d] = Some(id);
        }
    }
    drop((seen, bases, taken));
    let mut index_of = vec![0; drafts.len()];
    for (index, &d) in order.iter().enumerate() {
        index_of[d] = index;
    }
    let mut of = vec![0; occurrences.len()];
    for (d, range) in ranges.iter().enumerate() {
        for &o in &members[range.clone()] {
            of[o] = index_of[d];
        }
    }
    let mut drafts: Vec<Option<LinkedEntity>> = drafts.into_iter().map(Some).collect();
    let entities = order
        .iter()
        .filter_map(|&d| {
            let mut entity = drafts[d].take()?;
            if let Some(id) = suffixed[d].take() {
                entity.id = id;
            }
            Some(entity)
        })
        .collect();
    Linked { entities, of }
}

#[cfg(test)]
mod tests;
