//! Near-typos: names one edit apart ("Dombass", "Donbass") are one entity, when that is safe.

use std::borrow::Cow;
use std::hash::BuildHasher;

use kiosque_model::Label;
use rayon::prelude::*;

use super::Key;
use crate::edit::plausible_typo;
use crate::ner::knowledge::Knowledge;

/// A deletion variant of a key's name: (hash, key, deleted character; `NONE` for the name
/// itself).
type Variant = (u64, u32, u32);

/// The "deleted character" of a name's variant that is the name itself.
const NONE: u32 = u32::MAX;

/// The merges near-typos make, in the order to make them: `(from, into)`, indices into
/// `key_list`. Two keys are near-typos when their names (`display_key`) are one edit apart
/// (they share a deletion variant), with the same label and first letter, long enough to be
/// safe, and are not two different gazetteer entries. A known name absorbs an unknown one
/// (never the reverse); between two unknown names, the better attested (`weight_of_key`)
/// spelling wins. A spelling that is an ordinary word ("Philippins", a demonym) is no typo.
pub(super) fn merges(
    key_list: &[(Label, Key)],
    display_key: &[Cow<'_, str>],
    weight_of_key: &[f32],
    knowledge: &Knowledge,
) -> Vec<(usize, usize)> {
    // Names sharing a deletion variant, found through the variant's hash (no string is built):
    // sorted, equal hashes are neighbours; the members of a run are checked to share the
    // variant itself. The base of the hash is drawn afresh: what is found does not depend on
    // it, only how many candidates are checked, so a corpus cannot be made to collide.
    let base = std::collections::hash_map::RandomState::new().hash_one(0x6c69_6e6b_u64) | 1;
    let sought = |i: usize| {
        let (label, key) = key_list[i];
        // Typos are sought in names of ordinary length.
        label != Label::Date
            && !matches!(key, Key::UnresolvedDate(_) | Key::Date(_))
            && (6..=60).contains(&display_key[i].chars().count())
    };
    // Each thread's variants split by the top bits of their hashes (equal hashes share a
    // part), then each part gathered, sorted and searched for pairs on its own, on every core.
    let chunks: Vec<Vec<Vec<Variant>>> = (0..key_list.len())
        .collect::<Vec<usize>>()
        .par_chunks(1024)
        .map(|keys| {
            let mut hasher = VariantHasher::new(base);
            let mut out = Vec::new();
            for &i in keys.iter().filter(|&&i| sought(i)) {
                hasher.hash(key_list[i].0, &display_key[i], i as u32, &mut out);
            }
            let mut parts = vec![Vec::new(); PARTS];
            for variant in out {
                parts[part_of(variant.0)].push(variant);
            }
            parts
        })
        .collect();
    let mut pairs: Vec<(usize, usize)> = (0..PARTS)
        .into_par_iter()
        .flat_map_iter(|part| {
            let mut variants: Vec<Variant> = chunks
                .iter()
                .flat_map(|parts| parts[part].iter().copied())
                .collect();
            sort_variants(&mut variants, PART_BITS);
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for run in variants.chunk_by(|x, y| x.0 == y.0) {
                for (n, &(_, a, skip_a)) in run.iter().enumerate() {
                    for &(_, b, skip_b) in &run[n + 1..] {
                        let (a, b) = (a as usize, b as usize);
                        if a != b
                            && key_list[a].0 == key_list[b].0
                            && same_variant(&display_key[a], skip_a, &display_key[b], skip_b)
                        {
                            pairs.push((a.min(b), a.max(b)));
                        }
                    }
                }
            }
            pairs
        })
        .collect();
    drop(chunks);
    pairs.sort_unstable();
    pairs.dedup();
    let mut merges = Vec::new();
    for (a, b) in pairs {
        let (na, nb): (&str, &str) = (&display_key[a], &display_key[b]);
        let known = |i: usize| matches!(key_list[i].1, Key::Entry(_));
        let same_first = na.chars().next() == nb.chars().next();
        if (known(a) && known(b)) || !same_first || !plausible_typo(na, nb) {
            continue;
        }
        if key_list[a].0 == Label::Person && !person_typo(na, nb, knowledge) {
            continue;
        }
        let (from, into) = match (known(a), known(b)) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ if weight_of_key[a] > weight_of_key[b] => (b, a),
            _ => (a, b),
        };
        if knowledge.is_common_word(&display_key[from]) {
            continue;
        }
        merges.push((from, into));
    }
    merges
}

/// The top bits of a variant's hash that choose its part: parts are gathered, sorted and
/// searched on their own, on every core.
const PART_BITS: u32 = 6;
/// How many parts.
const PARTS: usize = 1 << PART_BITS;

/// The part of a variant of hash `hash`.
fn part_of(hash: u64) -> usize {
    (hash >> (64 - PART_BITS)) as usize
}

/// Sorts variants whose hashes share their top `shared` bits, by their hashes first: scattered
/// into buckets by the next bits (uniformly spread; few enough buckets to write to them in
/// cache), then each bucket sorted, on every core.
fn sort_variants(variants: &mut Vec<Variant>, shared: u32) {
    let bits = (variants.len().max(2).ilog2())
        .saturating_sub(8)
        .clamp(1, 12);
    let bucket = |v: &Variant| ((v.0 << shared) >> (64 - bits)) as usize;
    let mut start = vec![0usize; (1 << bits) + 1];
    for v in variants.iter() {
        start[bucket(v) + 1] += 1;
    }
    for b in 0..1 << bits {
        start[b + 1] += start[b];
    }
    let mut sorted = vec![(0, 0, 0); variants.len()];
    let mut next = start.clone();
    for &v in variants.iter() {
        let b = bucket(&v);
        sorted[next[b]] = v;
        next[b] += 1;
    }
    let mut buckets: Vec<&mut [Variant]> = Vec::with_capacity(1 << bits);
    let mut rest: &mut [Variant] = &mut sorted;
    for b in start.windows(2) {
        let (this, others) = rest.split_at_mut(b[1] - b[0]);
        buckets.push(this);
        rest = others;
    }
    buckets.into_par_iter().for_each(|b| b.sort_unstable());
    *variants = sorted;
}

/// The hashes of names and of their deletion variants (each character left out in turn), with
/// their labels. A variant's hash is the polynomial hash of its characters, made in constant
/// time from the hashes of what precedes and what follows the deleted character: equal variants
/// (same label, same characters) have equal hashes.
struct VariantHasher {
    base: u64,
    chars: Vec<u64>,
    power: Vec<u64>,
    suffix: Vec<u64>,
}

impl VariantHasher {
    fn new(base: u64) -> Self {
        VariantHasher {
            base,
            chars: Vec::new(),
            power: Vec::new(),
            suffix: Vec::new(),
        }
    }

    /// Pushes to `out` the hash of `name` (deleted character [`NONE`]) then of each of its
    /// deletion variants, for `key`.
    fn hash(&mut self, label: Label, name: &str, key: u32, out: &mut Vec<Variant>) {
        let base = self.base;
        let chars = &mut self.chars;
        chars.clear();
        chars.extend(name.chars().map(|c| u64::from(c) + 1));
        let n = chars.len();
        // power[k] = base^k; suffix[i] = the hash of chars[i..] (as if they ended the name).
        let power = &mut self.power;
        power.clear();
        power.push(1);
        for k in 1..=n {
            power.push(power[k - 1].wrapping_mul(base));
        }
        let suffix = &mut self.suffix;
        suffix.clear();
        suffix.resize(n + 1, 0);
        for i in (0..n).rev() {
            suffix[i] = chars[i]
                .wrapping_mul(power[n - 1 - i])
                .wrapping_add(suffix[i + 1]);
        }
        let finish = |hash: u64, len: usize| {
            // A 64-bit finaliser (SplitMix64's) over the hash, the length and the label.
            let mut x = hash ^ ((len as u64) << 48) ^ ((label as u64) << 60);
            x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            x ^ (x >> 31)
        };
        out.push((finish(suffix[0], n), key, NONE));
        // prefix = the hash of chars[..i].
        let mut prefix = 0u64;
        for (i, &c) in chars.iter().enumerate() {
            let hash = prefix
                .wrapping_mul(power[n - 1 - i])
                .wrapping_add(suffix[i + 1]);
            out.push((finish(hash, n - 1), key, i as u32));
            prefix = prefix.wrapping_mul(base).wrapping_add(c);
        }
    }
}

/// [`VariantHasher::hash`] of one name.
#[cfg(test)]
fn variant_hashes(label: Label, name: &str, base: u64, key: u32) -> Vec<Variant> {
    let mut out = Vec::new();
    VariantHasher::new(base).hash(label, name, key, &mut out);
    out
}

/// The characters of `name` but the one at `skip` (all of them for [`NONE`]).
fn variant(name: &str, skip: u32) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .enumerate()
        .filter(move |&(i, _)| i as u64 != u64::from(skip))
        .map(|(_, c)| c)
}

fn same_variant(a: &str, skip_a: u32, b: &str, skip_b: u32) -> bool {
    variant(a, skip_a).eq(variant(b, skip_b))
}

/// Person names merge on a typo in the surname, when it is long ("Zelensky", "Zelenskyy"), or
/// in a given name of five letters or more that is no known given name while the other is
/// ("Vladmir Putin", "Vladimir Putin"): "Jon Smith" and "Jan Smith", "Martin Weber" and
/// "Martina Weber" are two people.
fn person_typo(a: &str, b: &str, knowledge: &Knowledge) -> bool {
    let (ta, tb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let n = ta.len();
    if n != tb.len() || n < 2 {
        return false;
    }
    let surname = ta[..n - 1] == tb[..n - 1] && ta[n - 1].chars().count() >= 6;
    let given = ta[1..] == tb[1..]
        && ta[0].chars().count().min(tb[0].chars().count()) >= 5
        && knowledge.is_given_folded(ta[0]) != knowledge.is_given_folded(tb[0]);
    surname || given
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variants' hashes agree with the variants: equal variants hash alike, whichever
    /// name they come from.
    #[test]
    fn equal_deletion_variants_have_equal_hashes() {
        let base = 0x9e37_79b9_7f4a_7c15;
        for (a, b) in [
            ("donbass", "dombass"),
            ("koursk", "kursk"),
            ("élysée", "elysée"),
        ] {
            let (va, vb) = (
                variant_hashes(Label::Place, a, base, 0),
                variant_hashes(Label::Place, b, base, 1),
            );
            for &(ha, _, sa) in &va {
                for &(hb, _, sb) in &vb {
                    assert_eq!(ha == hb, same_variant(a, sa, b, sb), "{a} {sa} / {b} {sb}");
                }
            }
        }
        // The label is part of the hash.
        let (place, person) = (
            variant_hashes(Label::Place, "donbass", base, 0),
            variant_hashes(Label::Person, "donbass", base, 0),
        );
        assert!(place.iter().zip(&person).all(|(a, b)| a.0 != b.0));
    }
}
