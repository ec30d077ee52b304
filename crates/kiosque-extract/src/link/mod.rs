//! Entity linking across a corpus: one id and one canonical name per entity, merging spellings
//! (case, accents, elisions), partial names ("Trump" → "Donald Trump"), near-typos ("Dombass" →
//! "Donbass") and French/English variants known to the gazetteer ("Koursk"/"Kursk").

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use kiosque_model::Label;
use kiosque_model::text::fold;

use crate::dates::DateValue;
use crate::edit::plausible_typo;
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
    let folded = fold(text);
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c == '-' || c == '.' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// An interned matching form: its index in [`Names`].
type Sym = u32;

/// Matching forms, each distinct one stored once.
#[derive(Default)]
struct Names {
    list: Vec<String>,
    index: HashMap<String, Sym>,
}

impl Names {
    fn intern(&mut self, name: String) -> Sym {
        if let Some(&sym) = self.index.get(&name) {
            return sym;
        }
        let sym = self.list.len() as Sym;
        self.index.insert(name.clone(), sym);
        self.list.push(name);
        sym
    }

    fn get(&self, sym: Sym) -> &str {
        &self.list[sym as usize]
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

/// Links the occurrences of a corpus. `lang` is the corpus's main language, used to name
/// gazetteer entities that the corpus spells in several ways equally often.
pub fn link(occurrences: &[Occurrence], knowledge: &Knowledge, lang: &str) -> Linked {
    // 0. Each distinct text once: a corpus says "Donald Trump" thousands of times, and what a
    //    text is (its matching form, the gazetteer's entries for it) is found once.
    let mut text_index: HashMap<&str, u32> = HashMap::new();
    let mut texts: Vec<&str> = Vec::new();
    let text_of: Vec<u32> = occurrences
        .iter()
        .map(|occ| {
            *text_index.entry(occ.text.as_str()).or_insert_with(|| {
                texts.push(occ.text.as_str());
                (texts.len() - 1) as u32
            })
        })
        .collect();
    drop(text_index);

    // 1. A first key per occurrence: the date value, the gazetteer entry, or the folded name.
    //    Names are interned in the order of the occurrences that need them.
    let mut names = Names::default();
    let mut sym_of_text: Vec<Option<Sym>> = vec![None; texts.len()];
    let mut known_of_text: Vec<Option<Vec<(u32, Label)>>> = vec![None; texts.len()];
    let mut prepared: Vec<(Label, Key)> = Vec::with_capacity(occurrences.len());
    for (occ, &t) in occurrences.iter().zip(&text_of) {
        let t = t as usize;
        let mut name = |names: &mut Names| {
            *sym_of_text[t].get_or_insert_with(|| names.intern(name_key(texts[t])))
        };
        let key = match (occ.label, occ.date, occ.entry) {
            (Label::Date, Some(value), _) => Key::Date(value),
            (Label::Date, None, _) => Key::UnresolvedDate(name(&mut names)),
            (_, _, Some(entry)) => Key::Entry(entry),
            _ => {
                let known = known_of_text[t].get_or_insert_with(|| {
                    knowledge
                        .lookup(texts[t])
                        .into_iter()
                        .map(|(id, e)| (id, e.label))
                        .collect()
                });
                match known.iter().find(|&&(_, label)| label == occ.label) {
                    Some(&(id, _)) => Key::Entry(id),
                    None => Key::Name(name(&mut names)),
                }
            }
        };
        prepared.push((occ.label, key));
    }
    drop((sym_of_text, known_of_text));
    unify_labels(&mut prepared, &names);
    merge_initials(&mut prepared, &names);
    resolve_partial_names(occurrences, &mut prepared, &names);

    // 2. One number per distinct (label, key), in order of first occurrence.
    let mut keys: HashMap<(Label, Key), usize> = HashMap::new();
    let mut key_of_occ: Vec<usize> = Vec::with_capacity(occurrences.len());
    let mut key_list: Vec<(Label, Key)> = Vec::new();
    for entry in prepared {
        let next = key_list.len();
        let id = *keys.entry(entry).or_insert_with(|| {
            key_list.push(entry);
            next
        });
        key_of_occ.push(id);
    }
    drop(keys);
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
    let display_key: Vec<Cow<str>> = key_list
        .iter()
        .zip(&first_spelling)
        .map(|((_, key), first)| match (key, first) {
            (Key::Entry(_), Some(o)) => Cow::Owned(name_key(&occurrences[*o].text)),
            (Key::Name(sym) | Key::UnresolvedDate(sym), _) => Cow::Borrowed(names.get(*sym)),
            (Key::Entry(_) | Key::Date(_), _) => Cow::Borrowed(""),
        })
        .collect();
    // Names sharing a deletion variant, found through the variant's hash (no string is built):
    // (hash, key, deleted character) sorted, so that equal hashes are neighbours; the members
    // of a run are checked to share the variant itself.
    let mut variants: Vec<(u64, usize, usize)> = Vec::new();
    for (i, (label, key)) in key_list.iter().enumerate() {
        let name = &display_key[i];
        // Typos are sought in names of ordinary length (the deletions cost length squared).
        let len = name.chars().count();
        if *label == Label::Date
            || !(6..=60).contains(&len)
            || matches!(key, Key::UnresolvedDate(_) | Key::Date(_))
        {
            continue;
        }
        for skip in std::iter::once(usize::MAX).chain(0..len) {
            variants.push((variant_hash(*label, name, skip), i, skip));
        }
    }
    variants.sort_unstable();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for run in variants.chunk_by(|x, y| x.0 == y.0) {
        for (n, &(_, a, skip_a)) in run.iter().enumerate() {
            for &(_, b, skip_b) in &run[n + 1..] {
                if a != b
                    && key_list[a].0 == key_list[b].0
                    && same_variant(&display_key[a], skip_a, &display_key[b], skip_b)
                {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    drop(variants);
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        let (na, nb): (&str, &str) = (&display_key[a], &display_key[b]);
        let known = |i: usize| matches!(key_list[i].1, Key::Entry(_));
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

    // 4. Gather groups (in the order of their root key), choose names and ids.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); key_list.len()];
    for (i, &k) in key_of_occ.iter().enumerate() {
        members[groups.find(k)].push(i);
    }
    let mut drafts: Vec<(LinkedEntity, Vec<usize>)> = members
        .into_iter()
        .filter(|occs| !occs.is_empty())
        .map(|occs| {
            (
                describe(&occs, occurrences, &key_of_occ, &key_list, knowledge, lang),
                occs,
            )
        })
        .collect();
    // A stable sort: entities equal on all three keep the order of their root key.
    drafts.sort_by_cached_key(|(e, _)| (e.label, fold(&e.name), e.id.clone()));
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

/// The characters of `name` but the one at `skip` (all of them when `skip` is past the end).
fn variant(name: &str, skip: usize) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .enumerate()
        .filter(move |&(i, _)| i != skip)
        .map(|(_, c)| c)
}

/// A hash of a label and a deletion variant of a name (FxHash's mixing step).
fn variant_hash(label: Label, name: &str, skip: usize) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mix = |h: u64, x: u64| (h.rotate_left(5) ^ x).wrapping_mul(SEED);
    variant(name, skip).fold(mix(0, label as u64), |h, c| mix(h, c as u64))
}

fn same_variant(a: &str, skip_a: usize, b: &str, skip_b: usize) -> bool {
    variant(a, skip_a).eq(variant(b, skip_b))
}

/// One name written with several labels across the corpus ("Trump" as a person in most
/// articles, as a place where the context misled recognition) takes its most frequent label
/// (ties: the first label). Gazetteer names and dates keep theirs.
fn unify_labels(prepared: &mut [(Label, Key)], names: &Names) {
    // votes[sym][label]: mentions of the name with the label.
    let mut votes: Vec<[u32; Label::ALL.len()]> = vec![[0; Label::ALL.len()]; names.len()];
    for &(label, key) in prepared.iter() {
        if let Key::Name(sym) = key
            && label != Label::Date
        {
            votes[sym as usize][label as usize] += 1;
        }
    }
    let winner: Vec<Option<Label>> = votes
        .iter()
        .map(|v| {
            if v.iter().filter(|&&n| n > 0).count() < 2 {
                return None;
            }
            // The most votes; of equal votes, the first label (`max_by_key` keeps the last).
            Label::ALL
                .into_iter()
                .rev()
                .max_by_key(|&label| v[label as usize])
        })
        .collect();
    for (label, key) in prepared.iter_mut() {
        if let Key::Name(sym) = key
            && let Some(w) = winner[*sym as usize]
        {
            *label = w;
        }
    }
}

/// The unknown person name of an occurrence, if it is one.
fn person_name(label: Label, key: Key) -> Option<Sym> {
    match key {
        Key::Name(sym) if label == Label::Person => Some(sym),
        _ => None,
    }
}

/// The first and last words of a name of two words or more.
fn first_and_last(name: &str) -> Option<(&str, &str)> {
    let mut words = name.split(' ');
    let first = words.next()?;
    Some((first, words.next_back()?))
}

/// "B. Obama" is "Barack Obama" when that is the only full name of the corpus with that
/// surname and initial.
fn merge_initials(prepared: &mut [(Label, Key)], names: &Names) {
    let mut person = vec![false; names.len()];
    for &(label, key) in prepared.iter() {
        if let Some(sym) = person_name(label, key) {
            person[sym as usize] = true;
        }
    }
    let persons = || {
        (0..names.len() as Sym)
            .filter(|&sym| person[sym as usize])
            .filter_map(|sym| Some((sym, first_and_last(names.get(sym))?)))
    };
    // (initial, surname) → the one full name with them, or `None` when there are several.
    let mut full: HashMap<(char, &str), Option<Sym>> = HashMap::new();
    for (sym, (first, last)) in persons() {
        if first.chars().count() > 1
            && let Some(initial) = first.chars().next()
        {
            full.entry((initial, last))
                .and_modify(|only| {
                    if *only != Some(sym) {
                        *only = None;
                    }
                })
                .or_insert(Some(sym));
        }
    }
    // Name keys drop the period: "B. Obama" is "b obama", "J-M Ayrault" is "j m ayrault".
    let mut to: Vec<Option<Sym>> = vec![None; names.len()];
    for (sym, (first, last)) in persons() {
        if first.chars().count() == 1
            && let Some(initial) = first.chars().next()
            && let Some(&Some(only)) = full.get(&(initial, last))
        {
            to[sym as usize] = Some(only);
        }
    }
    for (label, key) in prepared.iter_mut() {
        if let Some(sym) = person_name(*label, *key)
            && let Some(only) = to[sym as usize]
        {
            *key = Key::Name(only);
        }
    }
}

/// The full name a lone surname stands for among `names` (full name, mentions; each full name
/// once): the most mentioned, if it has more mentions than the next and at least `dominance`
/// times as many.
fn best_full_name(names: impl IntoIterator<Item = (Sym, u32)>, dominance: u32) -> Option<Sym> {
    let mut top: Option<(Sym, u32)> = None;
    let mut second = 0;
    for (sym, n) in names {
        match top {
            Some((_, t)) if n <= t => second = second.max(n),
            _ => {
                second = top.map_or(0, |(_, t)| t);
                top = Some((sym, n));
            }
        }
    }
    top.filter(|&(_, n)| n > second && n >= dominance * second)
        .map(|(sym, _)| sym)
}

/// Partial person names: a lone surname ("Trump") is the full name ending with it that the same
/// article uses most ("Donald Trump", not "Melania Trump" mentioned once); in an article with
/// no such full name, the corpus's dominant one, if one clearly dominates.
fn resolve_partial_names(occurrences: &[Occurrence], prepared: &mut [(Label, Key)], names: &Names) {
    // Surnames (the last words of full person names), numbered.
    let mut surnames: HashMap<&str, u32> = HashMap::new();
    let mut surname_of: Vec<Option<u32>> = vec![None; names.len()];
    // (surname, doc, full name): one per mention of a full person name.
    let mut uses: Vec<(u32, usize, Sym)> = Vec::new();
    for (occ, &(label, key)) in occurrences.iter().zip(prepared.iter()) {
        let Some(sym) = person_name(label, key) else {
            continue;
        };
        let surname = match surname_of[sym as usize] {
            Some(s) => s,
            None => {
                let Some((_, last)) = names.get(sym).rsplit_once(' ') else {
                    continue;
                };
                let next = surnames.len() as u32;
                let s = *surnames.entry(last).or_insert(next);
                surname_of[sym as usize] = Some(s);
                s
            }
        };
        uses.push((surname, occ.doc, sym));
    }
    if uses.is_empty() {
        return;
    }
    uses.sort_unstable();
    // Mentions of each full name per (surname, doc), then per surname in the corpus.
    let mut counted: Vec<(u32, usize, Sym, u32)> = Vec::new();
    for run in uses.chunk_by(|a, b| a == b) {
        let (surname, doc, sym) = run[0];
        counted.push((surname, doc, sym, run.len() as u32));
    }
    drop(uses);
    // The best full name of each surname, chosen once (not once per mention).
    let in_doc: Vec<((u32, usize), Sym)> = counted
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter_map(|run| {
            let best = best_full_name(run.iter().map(|&(_, _, sym, n)| (sym, n)), 1)?;
            Some(((run[0].0, run[0].1), best))
        })
        .collect();
    let mut in_corpus: Vec<(u32, Sym, u32)> = counted
        .iter()
        .map(|&(surname, _, sym, n)| (surname, sym, n))
        .collect();
    drop(counted);
    in_corpus.sort_unstable();
    let mut corpus_best: Vec<Option<Sym>> = vec![None; surnames.len()];
    for run in in_corpus.chunk_by(|a, b| a.0 == b.0) {
        let totals = run
            .chunk_by(|a, b| a.1 == b.1)
            .map(|same| (same[0].1, same.iter().map(|&(_, _, n)| n).sum::<u32>()));
        corpus_best[run[0].0 as usize] = best_full_name(totals, 2);
    }
    drop(in_corpus);

    // The surname each one-word name is, if it is one (looked up once per name).
    let mut lone: Vec<Option<Option<u32>>> = vec![None; names.len()];
    for (occ, (label, key)) in occurrences.iter().zip(prepared.iter_mut()) {
        let Key::Name(sym) = *key else {
            continue;
        };
        if *label == Label::Date {
            continue;
        }
        let surname = *lone[sym as usize].get_or_insert_with(|| {
            let name = names.get(sym);
            if name.contains(' ') {
                None
            } else {
                surnames.get(name).copied()
            }
        });
        let Some(surname) = surname else {
            continue;
        };
        let in_this_doc = in_doc
            .binary_search_by(|(k, _)| k.cmp(&(surname, occ.doc)))
            .ok()
            .map(|i| in_doc[i].1);
        // A surname mistyped as a place or organisation ("Durbin said") is the person its
        // article names in full; elsewhere only person mentions follow the corpus.
        let full = match label {
            Label::Person => in_this_doc.or(corpus_best[surname as usize]),
            _ => in_this_doc,
        };
        if let Some(full) = full {
            *label = Label::Person;
            *key = Key::Name(full);
        }
    }
}

/// Names, aliases, counts and id of one group of occurrences.
fn describe(
    occs: &[usize],
    occurrences: &[Occurrence],
    key_of_occ: &[usize],
    key_list: &[(Label, Key)],
    knowledge: &Knowledge,
    lang: &str,
) -> LinkedEntity {
    let label = occurrences[occs[0]].label;
    let mut spellings: BTreeMap<&str, f32> = BTreeMap::new();
    let mut docs: Vec<usize> = occs.iter().map(|&o| occurrences[o].doc).collect();
    docs.sort_unstable();
    docs.dedup();
    for &o in occs {
        *spellings.entry(&occurrences[o].text).or_default() += occurrences[o].weight;
    }
    // The gazetteer entries of the group, most mentioned first.
    let mut entry_counts: BTreeMap<u32, u32> = BTreeMap::new();
    for &o in occs {
        if let Key::Entry(id) = key_list[key_of_occ[o]].1 {
            *entry_counts.entry(id).or_default() += 1;
        }
    }
    let mut entries: Vec<(u32, u32)> = entry_counts.into_iter().collect();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let main_entry = entries.first().and_then(|&(id, _)| knowledge.entry(id));
    // The corpus's language's name of a known entity wins when the corpus uses it
    // ("États-Unis" in a mostly French corpus, even if English articles say "United States").
    let known_name: Option<&str> = main_entry.map(|e| e.name(lang));
    let value = occs.iter().find_map(|&o| occurrences[o].date);
    let mut ranked: Vec<(&str, f32)> = spellings.into_iter().collect();
    ranked.sort_by(|a, b| {
        let rank = |&(name, weight): &(&str, f32)| {
            (
                // Mixed case reads better than capitals ("Silvano Trotta", not "SILVANO TROTTA").
                !is_shouting(name, label),
                // A person is named in full ("Donald Trump", not "Trump").
                if label == Label::Person {
                    name.split_whitespace().count()
                } else {
                    0
                },
                known_name == Some(name),
                weight,
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
        .map(|(n, _)| (*n).to_owned())
        .unwrap_or_default();
    let name = match (label, value) {
        (Label::Date, Some(v)) => v.display(),
        _ if is_shouting(&best, label) => title_case(&best),
        _ => best.clone(),
    };
    let aliases: Vec<String> = ranked
        .iter()
        .filter(|(n, _)| *n != name)
        .map(|(n, _)| (*n).to_owned())
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
