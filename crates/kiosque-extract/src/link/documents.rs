//! The occurrences of each document, for the steps that look within one document at a time (an
//! article's own names, its acronyms): one document's work needs no other's, so they run on
//! every core, each with maps the size of a document rather than of the corpus.

use rayon::prelude::*;

use super::Occurrence;

/// Each document's occurrences: indices into the occurrences, in their order.
pub(super) struct Documents {
    /// The occurrences' indices, one document's after another's.
    order: Vec<u32>,
    /// Where each document's run ends in `order`.
    ends: Vec<usize>,
}

impl Documents {
    /// Groups `occurrences` by document, keeping their order within each (a corpus gives each
    /// document's one after the other: then nothing moves).
    pub(super) fn new(occurrences: &[Occurrence<'_>]) -> Documents {
        let count = u32::try_from(occurrences.len()).expect("fewer than 2³² mentions to link");
        let mut order: Vec<u32> = (0..count).collect();
        if !occurrences.is_sorted_by_key(|occ| occ.doc) {
            // Stable: each document's occurrences stay in their order.
            order.par_sort_by_key(|&o| occurrences[o as usize].doc);
        }
        let mut ends = Vec::new();
        for (at, pair) in order.windows(2).enumerate() {
            if occurrences[pair[0] as usize].doc != occurrences[pair[1] as usize].doc {
                ends.push(at + 1);
            }
        }
        if !order.is_empty() {
            ends.push(order.len());
        }
        Documents { order, ends }
    }

    /// Each document's occurrences, on every core.
    pub(super) fn par_iter(&self) -> impl IndexedParallelIterator<Item = &[u32]> {
        (0..self.ends.len()).into_par_iter().map(|d| {
            let start = d.checked_sub(1).map_or(0, |before| self.ends[before]);
            &self.order[start..self.ends[d]]
        })
    }
}

/// Applies the changes each document's step made (`(occurrence, its new label and key)`).
pub(super) fn apply<T: Copy>(prepared: &mut [T], changes: Vec<Vec<(u32, T)>>) {
    for (o, value) in changes.into_iter().flatten() {
        prepared[o as usize] = value;
    }
}
