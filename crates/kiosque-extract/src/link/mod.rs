//! Entity linking across a corpus: one id and one canonical name per entity, merging spellings
//! (case, accents, elisions), partial names ("Trump" → "Donald Trump"), near-typos ("Dombass" →
//! "Donbass") and French/English variants known to the gazetteer ("Koursk"/"Kursk").

use std::collections::{BTreeMap, HashMap};

use kiosque_model::Label;
use kiosque_model::text::fold;

use crate::dates::DateValue;
use crate::edit::{deletions, plausible_typo};
use crate::ner::knowledge::Knowledge;
use crate::slug::slugify;

/// One mention to link.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// Which document it is in (any number, the same for mentions of one document).
    pub doc: usize,
    /// What it is.
    pub label: Label,
    /// The mention as written.
    pub text: String,
    /// The known entry it names, if recognition found one.
    pub entry: Option<u32>,
    /// For dates, the resolved value.
    pub date: Option<DateValue>,
    /// How much it counts when choosing the canonical name (1 in the body, less elsewhere).
    pub weight: f32,
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

/// The matching form of a name: folded, hyphens as spaces, single spaces.
fn name_key(text: &str) -> String {
    fold(text)
        .replace(['-', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Links the occurrences of a corpus. `lang` is the corpus's main language, used to name
/// gazetteer entities that the corpus spells in several ways equally often.
pub fn link(occurrences: &[Occurrence], knowledge: &Knowledge, lang: &str) -> Linked {
    // 1. A first key per occurrence: the date value, the gazetteer entry, or the folded name.
    let mut prepared: Vec<(Label, String)> = occurrences
        .iter()
        .map(|occ| {
            let key = match (occ.label, occ.date, occ.entry) {
                (Label::Date, Some(value), _) => value.iso(),
                (Label::Date, None, _) => format!("?{}", name_key(&occ.text)),
                (_, _, Some(entry)) => format!("#{entry}"),
                _ => knowledge
                    .lookup(&occ.text)
                    .into_iter()
                    .find(|(_, e)| e.label == occ.label)
                    .map_or_else(|| name_key(&occ.text), |(id, _)| format!("#{id}")),
            };
            (occ.label, key)
        })
        .collect();
    unify_labels(&mut prepared);
    merge_initials(&mut prepared);
    resolve_partial_names(occurrences, &mut prepared);

    let mut keys: BTreeMap<(Label, String), usize> = BTreeMap::new();
    let mut key_of_occ: Vec<usize> = Vec::with_capacity(occurrences.len());
    let mut key_list: Vec<(Label, String)> = Vec::new();
    for (label, key) in prepared {
        let next = key_list.len();
        let id = *keys.entry((label, key.clone())).or_insert_with(|| {
            key_list.push((label, key));
            next
        });
        key_of_occ.push(id);
    }
    let mut groups = Groups((0..key_list.len()).collect());

    // 3. Near-typos: one edit apart, same label and first letter, long enough to be safe, and
    //    not two different gazetteer entries.
    let mut weight_of_key = vec![0f32; key_list.len()];
    for (occ, &k) in occurrences.iter().zip(&key_of_occ) {
        weight_of_key[k] += occ.weight;
    }
    // A gazetteer entry is compared through the first spelling the corpus uses for it.
    let mut first_spelling: Vec<Option<usize>> = vec![None; key_list.len()];
    for (o, &k) in key_of_occ.iter().enumerate() {
        first_spelling[k].get_or_insert(o);
    }
    let display_key: Vec<String> = key_list
        .iter()
        .zip(&first_spelling)
        .map(|((_, key), first)| match first {
            Some(o) if key.starts_with('#') => name_key(&occurrences[*o].text),
            _ => key.clone(),
        })
        .collect();
    let mut by_deletion: HashMap<(Label, String), Vec<usize>> = HashMap::new();
    for (i, (label, key)) in key_list.iter().enumerate() {
        let name = &display_key[i];
        // Typos are sought in names of ordinary length (the deletions cost length squared).
        let len = name.chars().count();
        if *label == Label::Date || !(6..=60).contains(&len) || key.starts_with('?') {
            continue;
        }
        for variant in deletions(name) {
            by_deletion.entry((*label, variant)).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for ids in by_deletion.values() {
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                if a != b {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        let (na, nb) = (&display_key[a], &display_key[b]);
        let known = |i: usize| key_list[i].1.starts_with('#');
        let same_first = na.chars().next() == nb.chars().next();
        if (known(a) && known(b)) || !same_first || !plausible_typo(na, nb) {
            continue;
        }
        if key_list[a].0 == Label::Person && !person_typo(na, nb) {
            continue;
        }
        // A known name absorbs an unknown one (never the reverse); between two unknown names,
        // the better attested spelling wins. A spelling that is an ordinary word ("Philippins",
        // a demonym) is no typo.
        let (from, into) = match (known(a), known(b)) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ if weight_of_key[a] > weight_of_key[b] => (b, a),
            _ => (a, b),
        };
        if knowledge.is_common_word(&display_key[from]) {
            continue;
        }
        groups.merge(from, into);
    }

    // 4. Gather groups, choose names and ids.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &k) in key_of_occ.iter().enumerate() {
        members.entry(groups.find(k)).or_default().push(i);
    }
    let mut drafts: Vec<(LinkedEntity, Vec<usize>)> = members
        .into_values()
        .map(|occs| {
            (
                describe(&occs, occurrences, &key_of_occ, &key_list, knowledge, lang),
                occs,
            )
        })
        .collect();
    drafts.sort_by(|a, b| {
        (a.0.label, fold(&a.0.name), &a.0.id).cmp(&(b.0.label, fold(&b.0.name), &b.0.id))
    });
    let mut used: HashMap<String, u32> = HashMap::new();
    let mut of = vec![0; occurrences.len()];
    let mut entities = Vec::with_capacity(drafts.len());
    for (mut entity, occs) in drafts {
        let n = used.entry(entity.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            entity.id = format!("{}-{}", entity.id, n);
        }
        let index = entities.len();
        for o in occs {
            of[o] = index;
        }
        entities.push(entity);
    }
    Linked { entities, of }
}

/// One name written with several labels across the corpus ("Trump" as a person in most
/// articles, as a place where the context misled recognition) takes its most frequent label.
/// Gazetteer names and dates keep theirs.
fn unify_labels(prepared: &mut [(Label, String)]) {
    let mut votes: HashMap<&str, BTreeMap<Label, u32>> = HashMap::new();
    for (label, key) in prepared.iter() {
        if *label != Label::Date && !key.starts_with('#') {
            *votes
                .entry(key.as_str())
                .or_default()
                .entry(*label)
                .or_default() += 1;
        }
    }
    let winner: HashMap<String, Label> = votes
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .filter_map(|(k, v)| {
            let (label, _) = v
                .into_iter()
                .max_by_key(|&(label, n)| (n, std::cmp::Reverse(label)))?;
            Some((k.to_owned(), label))
        })
        .collect();
    for (label, key) in prepared.iter_mut() {
        if let Some(&w) = winner.get(key.as_str()) {
            *label = w;
        }
    }
}

/// "B. Obama" is "Barack Obama" when that is the only full name of the corpus with that
/// surname and initial.
fn merge_initials(prepared: &mut [(Label, String)]) {
    let is_person = |label: Label, key: &str| label == Label::Person && !key.starts_with('#');
    let mut full: HashMap<(char, String), Vec<String>> = HashMap::new();
    for (label, key) in prepared.iter() {
        let words: Vec<&str> = key.split(' ').collect();
        if is_person(*label, key)
            && words.len() >= 2
            && words[0].chars().count() > 1
            && let (Some(initial), Some(last)) = (words[0].chars().next(), words.last())
        {
            let names = full.entry((initial, (*last).to_owned())).or_default();
            if !names.contains(key) {
                names.push(key.clone());
            }
        }
    }
    for (label, key) in prepared.iter_mut() {
        let words: Vec<&str> = key.split(' ').collect();
        // Name keys drop the period: "B. Obama" is "b obama", "J-M Ayrault" is "j m ayrault".
        if !is_person(*label, key) || words.len() < 2 || words[0].chars().count() != 1 {
            continue;
        }
        let (Some(initial), Some(last)) = (words[0].chars().next(), words.last()) else {
            continue;
        };
        if let Some([only]) = full.get(&(initial, (*last).to_owned())).map(Vec::as_slice) {
            *key = only.clone();
        }
    }
}

/// Partial person names: a lone surname ("Trump") is the full name ending with it that the same
/// article uses most ("Donald Trump", not "Melania Trump" mentioned once); in an article with
/// no such full name, the corpus's dominant one, if one clearly dominates.
fn resolve_partial_names(occurrences: &[Occurrence], prepared: &mut [(Label, String)]) {
    let is_full = |label: Label, key: &str| {
        label == Label::Person && !key.starts_with('#') && key.contains(' ')
    };
    let last_token = |key: &str| key.rsplit(' ').next().unwrap_or_default().to_owned();
    // (surname, doc) → full name → mentions; surname → full name → mentions (corpus).
    let mut in_doc: HashMap<(String, usize), BTreeMap<String, u32>> = HashMap::new();
    let mut in_corpus: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    for (occ, (label, key)) in occurrences.iter().zip(prepared.iter()) {
        if is_full(*label, key) {
            let last = last_token(key);
            *in_doc
                .entry((last.clone(), occ.doc))
                .or_default()
                .entry(key.clone())
                .or_default() += 1;
            *in_corpus
                .entry(last)
                .or_default()
                .entry(key.clone())
                .or_default() += 1;
        }
    }
    let best = |names: &BTreeMap<String, u32>, dominance: u32| -> Option<String> {
        let mut ranked: Vec<(&String, &u32)> = names.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        match ranked.as_slice() {
            [(name, _)] => Some((*name).clone()),
            [(name, n), (_, m), ..] if **n > **m && **n >= dominance * **m => Some((*name).clone()),
            _ => None,
        }
    };
    for (occ, (label, key)) in occurrences.iter().zip(prepared.iter_mut()) {
        if *label == Label::Date || key.starts_with('#') || key.contains(' ') {
            continue;
        }
        let in_this_doc = in_doc
            .get(&(key.clone(), occ.doc))
            .and_then(|names| best(names, 1));
        // A surname mistyped as a place or organisation ("Durbin said") is the person its
        // article names in full; elsewhere only person mentions follow the corpus.
        let full = match label {
            Label::Person => {
                in_this_doc.or_else(|| in_corpus.get(key.as_str()).and_then(|names| best(names, 2)))
            }
            _ => in_this_doc,
        };
        if let Some(full) = full {
            *label = Label::Person;
            *key = full;
        }
    }
}

/// Names, aliases, counts and id of one group of occurrences.
fn describe(
    occs: &[usize],
    occurrences: &[Occurrence],
    key_of_occ: &[usize],
    key_list: &[(Label, String)],
    knowledge: &Knowledge,
    lang: &str,
) -> LinkedEntity {
    let label = occurrences[occs[0]].label;
    let mut spellings: BTreeMap<String, f32> = BTreeMap::new();
    let mut docs: Vec<usize> = occs.iter().map(|&o| occurrences[o].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    for &o in occs {
        *spellings.entry(occurrences[o].text.clone()).or_default() += occurrences[o].weight;
    }
    // The gazetteer entries of the group, most mentioned first.
    let mut entry_counts: BTreeMap<u32, u32> = BTreeMap::new();
    for &o in occs {
        if let Some(id) = key_list[key_of_occ[o]]
            .1
            .strip_prefix('#')
            .and_then(|k| k.parse::<u32>().ok())
        {
            *entry_counts.entry(id).or_default() += 1;
        }
    }
    let mut entries: Vec<(u32, u32)> = entry_counts.into_iter().collect();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let main_entry = entries.first().and_then(|&(id, _)| knowledge.entry(id));
    // The corpus's language's name of a known entity wins when the corpus uses it
    // ("États-Unis" in a mostly French corpus, even if English articles say "United States").
    let known_names: Vec<String> = main_entry
        .map(|e| e.name(lang).to_owned())
        .into_iter()
        .collect();
    let value = occs.iter().find_map(|&o| occurrences[o].date);
    let mut ranked: Vec<(&String, &f32)> = spellings.iter().collect();
    ranked.sort_by(|a, b| {
        let rank = |(name, weight): &(&String, &f32)| {
            (
                // Mixed case reads better than capitals ("Silvano Trotta", not "SILVANO TROTTA").
                !is_shouting(name, label),
                // A person is named in full ("Donald Trump", not "Trump").
                if label == Label::Person {
                    name.split_whitespace().count()
                } else {
                    0
                },
                known_names.contains(name),
                **weight,
                name.chars().count(),
            )
        };
        rank(b)
            .partial_cmp(&rank(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.0.cmp(b.0))
    });
    let best = ranked
        .first()
        .map(|(n, _)| (*n).clone())
        .unwrap_or_default();
    let name = match (label, value) {
        (Label::Date, Some(v)) => v.display(),
        _ if is_shouting(&best, label) => title_case(&best),
        _ => best.clone(),
    };
    let aliases: Vec<String> = ranked
        .iter()
        .map(|(n, _)| (*n).clone())
        .filter(|n| *n != name)
        .collect();
    // Ids stay put as the corpus grows: a known entity's id comes from its gazetteer name (in
    // English, whatever the corpus's languages), a date's from its value.
    let slug = match (label, value, main_entry) {
        (Label::Date, Some(v), _) => v.iso(),
        (_, _, Some(entry)) => slugify(entry.name("en"), 60),
        _ => slugify(&name, 60),
    };
    let slug = if slug.is_empty() {
        "unnamed".to_owned()
    } else {
        slug
    };
    LinkedEntity {
        id: format!("{}-{}", label.id_prefix(), slug),
        label,
        name,
        aliases,
        value: value.map(|v| v.iso()),
        mentions: occs.len() as u32,
        documents: docs.len() as u32,
    }
}

/// A name in capitals that is not an acronym.
fn is_shouting(name: &str, label: Label) -> bool {
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let words: Vec<&str> = name.split_whitespace().collect();
    // "GNU GPL", "BFM TV", "CEDEAO" are acronyms, not names written in capitals.
    let acronym = label == Label::Date
        || words.iter().all(|w| letters(w) <= 4)
        || (words.len() == 1 && letters(name) <= if label == Label::Organisation { 7 } else { 5 });
    !acronym && letters(name) >= 2 && !name.chars().any(char::is_lowercase)
}

fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Person names merge on a typo only in the surname, and only when it is long: "Jon Smith" and
/// "Jan Smith" are two people.
fn person_typo(a: &str, b: &str) -> bool {
    let (ta, tb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    ta.len() == tb.len()
        && ta.len() >= 2
        && ta[..ta.len() - 1] == tb[..tb.len() - 1]
        && ta.last().is_some_and(|l| l.chars().count() >= 6)
}

#[cfg(test)]
mod tests;
