//! Names of people and how the corpus writes them: one label per name, initials ("B. Obama")
//! and lone surnames ("Trump") joined to the full name they stand for.

use kiosque_model::text::fold_into;
use kiosque_model::{Confidence, Label};

use crate::ner::lexicon::SURNAME_PARTICLES;

use rayon::prelude::*;

use super::{HashMap, Key, Names, Occurrence, Sym, name_key};

/// One name written with several labels across the corpus ("Trump" as a person in most
/// articles, as a place where the context misled recognition) takes its most frequent label
/// (ties: the first label). Gazetteer names and dates keep theirs.
pub(super) fn unify_labels(prepared: &mut [(Label, Key)], names: &Names<'_>) {
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
            Some(most_voted(v))
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

/// The label with the most votes (`votes[label as usize]`); of equal votes, the first.
fn most_voted(votes: &[u32; Label::ALL.len()]) -> Label {
    // `max_by_key` keeps the last of equal ones: the labels from the last.
    Label::ALL
        .into_iter()
        .rev()
        .max_by_key(|&label| votes[label as usize])
        .unwrap_or(Label::Person)
}

/// The unknown person name of an occurrence, if it is one.
fn person_name(label: Label, key: Key) -> Option<Sym> {
    match key {
        Key::Name(sym) if label == Label::Person => Some(sym),
        _ => None,
    }
}

/// Which names are unknown person names in `prepared`, by symbol.
fn person_names(prepared: &[(Label, Key)], names: &Names<'_>) -> Vec<bool> {
    let mut person = vec![false; names.len()];
    for &(label, key) in prepared {
        if let Some(sym) = person_name(label, key) {
            person[sym as usize] = true;
        }
    }
    person
}

/// Records `value` as the one value under `key`, or `None` once another value is there too.
pub(super) fn keep_if_only<K: std::hash::Hash + Eq, V: PartialEq>(
    map: &mut HashMap<K, Option<V>>,
    key: K,
    value: V,
) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut only) => {
            if only.get().as_ref() != Some(&value) {
                *only.get_mut() = None;
            }
        }
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(Some(value));
        }
    }
}

/// The first and last words of a name of two words or more.
fn first_and_last(name: &str) -> Option<(&str, &str)> {
    let mut words = name.split(' ');
    let first = words.next()?;
    Some((first, words.next_back()?))
}

/// "Robert Gabriel Mugabe" and "John G. Roberts" are "Robert Mugabe" and "John Roberts", when
/// the corpus also names them so and no other full name of the corpus shortens to the same two
/// words ("George W. Bush" and "George H. W. Bush" both shorten to "George Bush": neither joins
/// it). Only names written with three words or more whose middle words are capitalised: "Jean-Marc
/// Ayrault" and "Christopher Gallego-Lazo" have no middle name, "Charles de Gaulle" has a particle,
/// and a generational suffix ("Martin Luther King Jr.") is left alone.
pub(super) fn merge_middle_names(
    occurrences: &[Occurrence<'_>],
    prepared: &mut [(Label, Key)],
    names: &Names<'_>,
) {
    // Each person name looked at once, as its first mention writes it.
    let mut looked = vec![false; names.len()];
    // The short form's name → the one longer name that shortens to it, or `None` when several.
    let mut longer: HashMap<Sym, Option<Sym>> = HashMap::default();
    for (occ, &(label, key)) in occurrences.iter().zip(prepared.iter()) {
        let Some(sym) = person_name(label, key) else {
            continue;
        };
        if std::mem::replace(&mut looked[sym as usize], true) {
            continue;
        }
        let mut words = occ.text.split_whitespace();
        let (Some(first), Some(last)) = (words.next(), words.next_back()) else {
            continue;
        };
        let mut middles = 0;
        let capitalised = words.all(|w| {
            middles += 1;
            w.chars().next().is_some_and(char::is_uppercase)
        });
        if middles == 0 || !capitalised || GENERATIONS.contains(&super::name_key(last).as_str()) {
            continue;
        }
        let short = super::name_key(&format!("{first} {last}"));
        if let Some(short) = names.find(&short)
            && short != sym
        {
            keep_if_only(&mut longer, short, sym);
        }
    }
    if longer.is_empty() {
        return;
    }
    // The short form must itself be a person's name somewhere in the corpus.
    let person = person_names(prepared, names);
    let mut to: Vec<Option<Sym>> = vec![None; names.len()];
    for (&short, &long) in &longer {
        if let Some(long) = long
            && person[short as usize]
        {
            to[long as usize] = Some(short);
        }
    }
    for (label, key) in prepared.iter_mut() {
        if let Some(sym) = person_name(*label, *key)
            && let Some(short) = to[sym as usize]
        {
            *key = Key::Name(short);
        }
    }
}

/// "B. Obama" is "Barack Obama" when that is the only full name of the corpus with that
/// surname and initial, or the one it mentions most, twice as often as the next (as a lone
/// surname's full name is chosen: "J-M Ayrault" is "Jean-Marc Ayrault" of 62 mentions beside a
/// "Jevodan-Marc Ayrault" written once).
pub(super) fn merge_initials(prepared: &mut [(Label, Key)], names: &Names<'_>) {
    let person = person_names(prepared, names);
    let mut mentions = vec![0u32; names.len()];
    for &(label, key) in prepared.iter() {
        if let Some(sym) = person_name(label, key) {
            mentions[sym as usize] += 1;
        }
    }
    let persons = || {
        (0..names.len() as Sym)
            .filter(|&sym| person[sym as usize])
            .filter_map(|sym| Some((sym, first_and_last(names.get(sym))?)))
    };
    // (initial, surname) → the full names with them and their mentions.
    let mut full: HashMap<(char, &str), Vec<(Sym, u32)>> = HashMap::default();
    for (sym, (first, last)) in persons() {
        if first.chars().count() > 1
            && let Some(initial) = first.chars().next()
        {
            full.entry((initial, last))
                .or_default()
                .push((sym, mentions[sym as usize]));
        }
    }
    // Name keys drop the period: "B. Obama" is "b obama", "J-M Ayrault" is "j m ayrault".
    let mut to: Vec<Option<Sym>> = vec![None; names.len()];
    for (sym, (first, last)) in persons() {
        if first.chars().count() == 1
            && let Some(initial) = first.chars().next()
            && let Some(only) = full
                .get(&(initial, last))
                .and_then(|names| best_full_name(names.iter().copied(), 2))
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

/// Words after a surname that are no surname: "Edward J. DeBartolo Jr" is "DeBartolo".
const GENERATIONS: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// What a full person name (a matching form of two words or more) is called by alone: each
/// run of its last words short of the whole name ("gallego lazo" and "lazo" for "christopher
/// gallego lazo": surnames may be compound), a generational suffix left out; none for one word.
fn surnames_of(name: &str) -> impl Iterator<Item = &str> {
    let name = match name.rsplit_once(' ') {
        Some((rest, last)) if GENERATIONS.contains(&last) && rest.contains(' ') => rest,
        _ => name,
    };
    name.match_indices(' ').map(move |(i, _)| &name[i + 1..])
}

/// Whether a mention begins with a surname's particle ("De Gaulle").
fn begins_with_particle(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(|first| {
        SURNAME_PARTICLES
            .iter()
            .any(|p| first.eq_ignore_ascii_case(p))
    })
}

/// The first word of a full person name (a matching form of two words or more).
fn given_of(name: &str) -> Option<&str> {
    name.split_once(' ').map(|(first, _)| first)
}

/// Partial person names: a lone surname ("Trump", "Gallego-Lazo") is the full name ending with
/// it that the same article uses most ("Donald Trump", not "Melania Trump" mentioned once); in
/// an article with no such full name, the corpus's dominant one, if one clearly dominates. A
/// lone given name ("Melania") is the full name beginning with it that its article uses most,
/// if its article has one (never the corpus's: "Donald" alone says too little).
pub(super) fn resolve_partial_names(
    occurrences: &[Occurrence<'_>],
    prepared: &mut [(Label, Key)],
    names: &Names<'_>,
) {
    let person = person_names(prepared, names);
    // What full person names are called by alone, numbered: surnames first, then given names
    // (a given name that is also a surname counts as the surname).
    let mut parts: HashMap<&str, u32> = HashMap::default();
    fn number<'n>(parts: &mut HashMap<&'n str, u32>, part: &'n str) -> u32 {
        let next = parts.len() as u32;
        *parts.entry(part).or_insert(next)
    }
    // (full name, its parts), for each full person name.
    let mut full_parts: Vec<(Sym, u32)> = Vec::new();
    for sym in (0..names.len() as Sym).filter(|&sym| person[sym as usize]) {
        for surname in surnames_of(names.get(sym)) {
            full_parts.push((sym, number(&mut parts, surname)));
        }
    }
    let surnames = parts.len() as u32;
    for sym in (0..names.len() as Sym).filter(|&sym| person[sym as usize]) {
        if let Some(given) = given_of(names.get(sym)) {
            let part = number(&mut parts, given);
            if part >= surnames {
                full_parts.push((sym, part));
            }
        }
    }
    full_parts.sort_unstable();
    drop(person);
    // Each full name's parts, in one list, by name.
    let mut first_part = vec![0u32; names.len() + 1];
    for &(sym, _) in &full_parts {
        first_part[sym as usize + 1] += 1;
    }
    for i in 1..first_part.len() {
        first_part[i] += first_part[i - 1];
    }
    let parts_of = |sym: Sym| {
        let (a, b) = (first_part[sym as usize], first_part[sym as usize + 1]);
        full_parts[a as usize..b as usize]
            .iter()
            .map(|&(_, part)| part)
    };
    // (full name, doc): one per mention of a full person name; counted per doc, then once
    // per part of the name (a name has one to a few).
    let mut uses: Vec<(Sym, usize)> = occurrences
        .par_iter()
        .zip(prepared.par_iter())
        .filter_map(|(occ, &(label, key))| Some((person_name(label, key)?, occ.doc)))
        .collect();
    if uses.is_empty() {
        return;
    }
    uses.par_sort_unstable();
    // Mentions of each full name per (part, doc), then per part in the corpus.
    let mut counted: Vec<(u32, usize, Sym, u32)> = Vec::new();
    for run in uses.chunk_by(|a, b| a == b) {
        let (sym, doc) = run[0];
        counted.extend(parts_of(sym).map(|part| (part, doc, sym, run.len() as u32)));
    }
    drop(uses);
    counted.par_sort_unstable();
    // The best full name of each part, chosen once (not once per mention).
    let in_doc: Vec<((u32, usize), Sym)> = counted
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter_map(|run| {
            let best = best_full_name(run.iter().map(|&(_, _, sym, n)| (sym, n)), 1)?;
            Some(((run[0].0, run[0].1), best))
        })
        .collect();
    let mut in_corpus: Vec<(u32, Sym, u32)> = counted
        .iter()
        .filter(|&&(part, ..)| part < surnames)
        .map(|&(part, _, sym, n)| (part, sym, n))
        .collect();
    drop(counted);
    in_corpus.par_sort_unstable();
    let mut corpus_best: Vec<Option<Sym>> = vec![None; surnames as usize];
    for run in in_corpus.chunk_by(|a, b| a.0 == b.0) {
        let totals = run
            .chunk_by(|a, b| a.1 == b.1)
            .map(|same| (same[0].1, same.iter().map(|&(_, _, n)| n).sum::<u32>()));
        corpus_best[run[0].0 as usize] = best_full_name(totals, 2);
    }
    drop(in_corpus);

    // The part each name is, if it is one: a surname or a given name.
    let part: Vec<Option<u32>> = (0..names.len() as Sym)
        .into_par_iter()
        .map(|sym| parts.get(names.get(sym)).copied())
        .collect();
    occurrences
        .par_iter()
        .zip(prepared.par_iter_mut())
        .for_each(|(occ, (label, key))| {
            let Key::Name(sym) = *key else {
                return;
            };
            // Written as one word ("Trump", "Gallego-Lazo") or as a surname with its particle
            // ("De Gaulle", "von der Leyen"): "Jean Dupont" is a full name of its own even
            // where "Marie Jean Dupont" is another.
            if *label == Label::Date
                || (occ.text.contains(char::is_whitespace) && !begins_with_particle(occ.text))
            {
                return;
            }
            let Some(part) = part[sym as usize] else {
                return;
            };
            let in_this_doc = in_doc
                .binary_search_by(|(k, _)| k.cmp(&(part, occ.doc)))
                .ok()
                .map(|i| in_doc[i].1);
            // A surname mistyped as a place or organisation ("Durbin said") is the person its
            // article names in full; elsewhere only person mentions follow the corpus, and a
            // given name only its article.
            let full = match label {
                Label::Person if part < surnames => in_this_doc.or(corpus_best[part as usize]),
                Label::Person => in_this_doc,
                _ if part < surnames => in_this_doc,
                _ => None,
            };
            if let Some(full) = full {
                *label = Label::Person;
                *key = Key::Name(full);
            }
        });
}

/// What the corpus names by one word: the lone names of its articles
/// ([`crate::analysis::Found::lone`], "Poutine a déclaré" in an article that never writes
/// "Vladimir Poutine") are mentions of it; a word it does not know stays no mention.
#[derive(Debug, Default)]
pub struct LoneNames {
    /// By matching form: what the word names.
    labels: HashMap<String, Label>,
}

impl LoneNames {
    /// From the corpus's typed mentions (label, confidence, text; no dates): a word names what
    /// the corpus types it as alone (its most frequent label there, ties to the first, as
    /// linking unifies the labels of a name), if one of those mentions has some evidence
    /// (medium confidence or more: a guess from a preposition, however often repeated, is not
    /// spread to the word's other mentions); else a person, if one full person name ending
    /// with it dominates the others that do, as the linker chooses the full name of a lone
    /// surname (`resolve_partial_names`: twice as many mentions as the next), and the corpus
    /// does not guess the word as something else alone. So lone names only ever add to the
    /// label the corpus gives the word: they never outvote it when linking unifies labels.
    pub fn new<'a>(typed: impl ParallelIterator<Item = (Label, Confidence, &'a str)>) -> Self {
        let Counts { alone, full, .. } = typed
            .fold(Counts::default, |mut counts, (label, confidence, text)| {
                counts.add(label, confidence, text);
                counts
            })
            .reduce(Counts::default, Counts::merge);
        let mut by_surname: HashMap<&str, Vec<(u32, u32)>> = HashMap::default();
        let mut fulls: Vec<(&String, u32)> = full.iter().map(|(k, &n)| (k, n)).collect();
        fulls.sort_unstable();
        for (i, &(name, n)) in fulls.iter().enumerate() {
            for surname in surnames_of(name) {
                if !surname.contains(' ') {
                    by_surname.entry(surname).or_default().push((i as Sym, n));
                }
            }
        }
        let mut labels: HashMap<String, Label> = by_surname
            .into_iter()
            .filter(|(_, names)| best_full_name(names.iter().copied(), 2).is_some())
            .map(|(surname, _)| (surname.to_owned(), Label::Person))
            .collect();
        for (key, (votes, evidence)) in alone {
            let best = most_voted(&votes);
            if evidence {
                labels.insert(key, best);
            } else if best != Label::Person {
                // Guessed something else alone ("à Matignon"): lone names would outvote the
                // guesses as a surname, not confirm it.
                labels.remove(&key);
            }
        }
        LoneNames { labels }
    }

    /// What the lone name `text` names in the corpus, if anything.
    pub fn label(&self, text: &str) -> Option<Label> {
        self.labels.get(&name_key(text)).copied()
    }
}

/// What [`LoneNames::new`] counts of the corpus's typed mentions.
#[derive(Default)]
struct Counts {
    /// Per word typed alone (matching form): its mentions by label, and whether one of them
    /// has some evidence (medium confidence or more).
    alone: HashMap<String, ([u32; Label::ALL.len()], bool)>,
    /// Per full person name (matching form, two words or more): its mentions.
    full: HashMap<String, u32>,
    /// A word's matching form, made here (a new string only for a word not seen yet).
    word: String,
}

impl Counts {
    fn add(&mut self, label: Label, confidence: Confidence, text: &str) {
        if label == Label::Date {
            return;
        }
        if text.contains(|c: char| c == '-' || c == '.' || c.is_whitespace()) {
            if label == Label::Person {
                let key = name_key(text);
                if key.contains(' ') {
                    *self.full.entry(key).or_default() += 1;
                    return;
                }
                self.word = key;
            } else {
                return;
            }
        } else {
            // One word: its matching form is its folded form.
            self.word.clear();
            fold_into(&mut self.word, text);
        }
        let (votes, evidence) = match self.alone.get_mut(self.word.as_str()) {
            Some(counts) => counts,
            None => self.alone.entry(self.word.clone()).or_default(),
        };
        votes[label as usize] += 1;
        *evidence |= confidence >= Confidence::Medium;
    }

    fn merge(mut self, other: Counts) -> Counts {
        for (key, (votes, evidence)) in other.alone {
            let (mine, my_evidence) = self.alone.entry(key).or_default();
            for (m, v) in mine.iter_mut().zip(votes) {
                *m += v;
            }
            *my_evidence |= evidence;
        }
        for (key, n) in other.full {
            *self.full.entry(key).or_default() += n;
        }
        self
    }
}
