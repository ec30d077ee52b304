//! Numbering by first occurrence, on every core: the linker numbers a corpus's distinct mention
//! texts and its distinct keys in the order it first meets them (millions of occurrences at
//! 100,000 articles, most of them repeats), and the numbers decide its order of work.

use std::hash::Hash;

use rayon::prelude::*;

use super::HashMap;

/// Items per chunk numbered apart: enough that a chunk's own map is mostly hits, few enough
/// that every core gets several.
const CHUNK: usize = 1 << 16;

/// Numbers the keys of `items` (`key` of each) by first occurrence: the first distinct key met
/// is 0, the next new one 1, and so on. Returns each item's number and the distinct keys in
/// number order: what one pass with one map gives, made on every core (each chunk of items
/// numbers its own keys; then, one chunk after the other, the chunks' distinct keys are
/// numbered, the only serial step, over far fewer keys than items when keys repeat; then each
/// item's number is looked up).
pub(super) fn by_first_occurrence<T, K>(
    items: &[T],
    key: impl Fn(&T) -> K + Sync,
) -> (Vec<u32>, Vec<K>)
where
    T: Sync,
    K: Hash + Eq + Copy + Send + Sync,
{
    // Each chunk: its distinct keys in order of first occurrence, and each item's number there.
    let chunks: Vec<(Vec<K>, Vec<u32>)> = items
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut numbers: HashMap<K, u32> = HashMap::default();
            let mut distinct: Vec<K> = Vec::new();
            let local = chunk
                .iter()
                .map(|item| {
                    let k = key(item);
                    *numbers.entry(k).or_insert_with(|| {
                        distinct.push(k);
                        (distinct.len() - 1) as u32
                    })
                })
                .collect();
            (distinct, local)
        })
        .collect();
    // The chunks' distinct keys, in chunk order: the corpus's first occurrences, in order.
    let mut numbers: HashMap<K, u32> = HashMap::default();
    let mut keys: Vec<K> = Vec::new();
    let global: Vec<Vec<u32>> = chunks
        .iter()
        .map(|(distinct, _)| {
            distinct
                .iter()
                .map(|&k| {
                    *numbers.entry(k).or_insert_with(|| {
                        keys.push(k);
                        (keys.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    drop(numbers);
    let mut of: Vec<u32> = vec![0; items.len()];
    of.par_chunks_mut(CHUNK)
        .zip(&chunks)
        .zip(&global)
        .for_each(|((out, (_, local)), global)| {
            for (o, &l) in out.iter_mut().zip(local) {
                *o = global[l as usize];
            }
        });
    (of, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass with one map, as the linker numbered before.
    fn serial(items: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let mut numbers: HashMap<u32, u32> = HashMap::default();
        let mut keys = Vec::new();
        let of = items
            .iter()
            .map(|&k| {
                *numbers.entry(k).or_insert_with(|| {
                    keys.push(k);
                    (keys.len() - 1) as u32
                })
            })
            .collect();
        (of, keys)
    }

    #[test]
    fn numbers_are_those_of_one_pass_whatever_the_chunks() {
        // Keys that repeat within and across chunks, new ones late, a key first met at a
        // chunk's very end and one at its very start.
        let mut items: Vec<u32> = (0..(3 * CHUNK as u32 + 17))
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) % 5_000 + (i / 50_000) * 7_919)
            .collect();
        items[CHUNK - 1] = 9_999_999;
        items[CHUNK] = 8_888_888;
        items[2 * CHUNK + 3] = 9_999_999;
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, items.len()] {
            let part = &items[..n];
            assert_eq!(by_first_occurrence(part, |&k| k), serial(part), "{n} items");
        }
    }
}
