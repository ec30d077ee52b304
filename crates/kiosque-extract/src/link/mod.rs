//! Entity linking across a corpus: one id and one canonical name per entity, merging spellings
//! (case, accents, elisions), partial names ("Trump" → "Donald Trump"), near-typos ("Dombass" →
//! "Donbass") and French/English variants known to the gazetteer ("Koursk"/"Kursk").

use std::collections::{BTreeMap, HashMap, HashSet};

use kiosque_model::Label;
use kiosque_model::text::fold;

use crate::dates::DateValue;
use crate::edit::{deletions, one_edit_apart};
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
    let mut keys: BTreeMap<(Label, String), usize> = BTreeMap::new();
    let mut key_of_occ: Vec<usize> = Vec::with_capacity(occurrences.len());
    let mut key_list: Vec<(Label, String)> = Vec::new();
    for occ in occurrences {
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
        let next = key_list.len();
        let id = *keys.entry((occ.label, key.clone())).or_insert_with(|| {
            key_list.push((occ.label, key));
            next
        });
        key_of_occ.push(id);
    }
    let mut groups = Groups((0..key_list.len()).collect());

    // 2. Partial person names: "Trump" joins the one longer name ending with "Trump", first in
    //    the same document, then in the whole corpus when only one such name exists.
    let tokens_of = |k: &str| k.split(' ').map(str::to_owned).collect::<Vec<_>>();
    let mut full_names_by_last: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (label, key)) in key_list.iter().enumerate() {
        let toks = tokens_of(key);
        if *label == Label::Person
            && toks.len() >= 2
            && !key.starts_with('#')
            && let Some(last) = toks.last()
        {
            full_names_by_last.entry(last.clone()).or_default().push(i);
        }
    }
    let mut docs_of_key: HashMap<usize, Vec<usize>> = HashMap::new();
    for (occ, &k) in occurrences.iter().zip(&key_of_occ) {
        let docs = docs_of_key.entry(k).or_default();
        if docs.last() != Some(&occ.doc) {
            docs.push(occ.doc);
        }
    }
    for (i, (label, key)) in key_list.iter().enumerate() {
        if *label != Label::Person || key.contains(' ') || key.starts_with('#') {
            continue;
        }
        let Some(longer) = full_names_by_last.get(key) else {
            continue;
        };
        let docs: HashSet<usize> = docs_of_key.get(&i).into_iter().flatten().copied().collect();
        let in_same_doc: Vec<usize> = longer
            .iter()
            .copied()
            .filter(|l| {
                docs_of_key
                    .get(l)
                    .is_some_and(|d| d.iter().any(|x| docs.contains(x)))
            })
            .collect();
        let target = match (in_same_doc.as_slice(), longer.as_slice()) {
            ([only], _) => Some(*only),
            ([], [only]) => Some(*only),
            _ => None,
        };
        if let Some(t) = target {
            groups.merge(i, t);
        }
    }

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
        if *label == Label::Date || name.chars().count() < 6 || key.starts_with('?') {
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
        let both_known = key_list[a].1.starts_with('#') && key_list[b].1.starts_with('#');
        let same_first = na.chars().next() == nb.chars().next();
        if both_known || !same_first || !one_edit_apart(na, nb) {
            continue;
        }
        if key_list[a].0 == Label::Person && !person_typo(na, nb) {
            continue;
        }
        // The better attested spelling (then the known one) absorbs the other.
        let score = |i: usize| (weight_of_key[i], key_list[i].1.starts_with('#'));
        let (from, into) = if score(a).partial_cmp(&score(b)) == Some(std::cmp::Ordering::Greater) {
            (b, a)
        } else {
            (a, b)
        };
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
    let known_names: Vec<String> = occs
        .iter()
        .filter_map(|&o| {
            key_list[key_of_occ[o]]
                .1
                .strip_prefix('#')?
                .parse::<u32>()
                .ok()
        })
        .filter_map(|id| knowledge.entry(id))
        .map(|e| e.name(lang).to_owned())
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
                **weight,
                known_names.contains(name),
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
    let slug = match (label, value) {
        (Label::Date, Some(v)) => v.iso(),
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
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters <= 5 && !name.contains(' ') || label == Label::Date;
    !acronym && letters >= 2 && !name.chars().any(char::is_lowercase)
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
