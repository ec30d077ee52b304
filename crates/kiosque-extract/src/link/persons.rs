//! Names of people and how the corpus writes them: one label per name, initials ("B. Obama")
//! and lone surnames ("Trump") joined to the full name they stand for.

use kiosque_model::Label;

use rayon::prelude::*;

use super::{HashMap, Key, Names, Occurrence, Sym};

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
pub(super) fn merge_initials(prepared: &mut [(Label, Key)], names: &Names<'_>) {
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
    let mut full: HashMap<(char, &str), Option<Sym>> = HashMap::default();
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
pub(super) fn resolve_partial_names(
    occurrences: &[Occurrence<'_>],
    prepared: &mut [(Label, Key)],
    names: &Names<'_>,
) {
    // Surnames (the last words of full person names), numbered.
    let mut person = vec![false; names.len()];
    for &(label, key) in prepared.iter() {
        if let Some(sym) = person_name(label, key) {
            person[sym as usize] = true;
        }
    }
    let mut surnames: HashMap<&str, u32> = HashMap::default();
    let surname_of: Vec<Option<u32>> = (0..names.len() as Sym)
        .map(|sym| {
            let (_, last) = names
                .get(sym)
                .rsplit_once(' ')
                .filter(|_| person[sym as usize])?;
            let next = surnames.len() as u32;
            Some(*surnames.entry(last).or_insert(next))
        })
        .collect();
    drop(person);
    // (surname, doc, full name): one per mention of a full person name.
    let mut uses: Vec<(u32, usize, Sym)> = occurrences
        .par_iter()
        .zip(prepared.par_iter())
        .filter_map(|(occ, &(label, key))| {
            let sym = person_name(label, key)?;
            Some((surname_of[sym as usize]?, occ.doc, sym))
        })
        .collect();
    if uses.is_empty() {
        return;
    }
    uses.par_sort_unstable();
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
    in_corpus.par_sort_unstable();
    let mut corpus_best: Vec<Option<Sym>> = vec![None; surnames.len()];
    for run in in_corpus.chunk_by(|a, b| a.0 == b.0) {
        let totals = run
            .chunk_by(|a, b| a.1 == b.1)
            .map(|same| (same[0].1, same.iter().map(|&(_, _, n)| n).sum::<u32>()));
        corpus_best[run[0].0 as usize] = best_full_name(totals, 2);
    }
    drop(in_corpus);

    // The surname each one-word name is, if it is one.
    let lone: Vec<Option<u32>> = (0..names.len() as Sym)
        .into_par_iter()
        .map(|sym| {
            let name = names.get(sym);
            match name.contains(' ') {
                true => None,
                false => surnames.get(name).copied(),
            }
        })
        .collect();
    occurrences
        .par_iter()
        .zip(prepared.par_iter_mut())
        .for_each(|(occ, (label, key))| {
            let Key::Name(sym) = *key else {
                return;
            };
            if *label == Label::Date {
                return;
            }
            let Some(surname) = lone[sym as usize] else {
                return;
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
        });
}
