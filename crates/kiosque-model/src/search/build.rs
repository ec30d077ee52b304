//! Building the index: each article's terms (in parallel, by the caller), then the postings,
//! their BM25 scores and the shard files.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::files::{self, Meta, SCORE_SCALE, SegmentRef};
use crate::cores::map_all;
use serde::{Deserialize, Serialize};

use super::terms::{MAX_TERM_BYTES, fold_words, is_stopword};

/// A fast hash for the terms while building (FxHash's step): SipHash's protection against
/// chosen keys is not needed for a build's own words, and hashing was a tenth of it.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            self.step(word);
        }
        // The last bytes, as a word padded with zeros (byte by byte: no call to copy them).
        let rest = words.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, &byte| word << 8 | u64::from(byte));
            self.step(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    fn step(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// A word in the title counts as this many in the body (for the score; the number of query
/// words in the title ranks first anyway).
const TITLE_WEIGHT: u32 = 2;

/// Default size of a shard of the base segment, in bytes of JSON: a first search fetches a few
/// of them (and a quarter of it in the newest segment, which a search needs too).
pub const DEFAULT_SHARD_BYTES: usize = 48 * 1024;
/// Shards grow with the index beyond about this many in all (fifteen sixteenths of them for
/// the base, the rest for the newest segment), so that a large site has few files.
pub const MAX_SHARDS: usize = 1200;

/// A segment's shards: their size when no other is asked for, and how many there are at most
/// (about: a shard holds whole terms) before they grow.
#[derive(Clone, Copy)]
struct Cut {
    bytes: usize,
    shards: usize,
}

/// The base's shards.
const BASE_CUT: Cut = Cut {
    bytes: DEFAULT_SHARD_BYTES,
    shards: MAX_SHARDS - MAX_SHARDS / 16,
};

/// The newest segment's: smaller, since every search fetches one of them too for each word.
const NEWEST_CUT: Cut = Cut {
    bytes: DEFAULT_SHARD_BYTES / 4,
    shards: MAX_SHARDS / 16,
};

/// One posting while building: article number, weighted frequency, in the title (0 or 1).
type Posting = (u32, u32, u32);

/// One article's terms: what the index needs of it, made apart from the others (in parallel,
/// and kept in `kiosque build`'s cache with the article's analysis).
///
/// Held in the compact form below (the terms one after the other, then each one's length and
/// counts in a few bytes): a rebuild reads every kept article's terms but indexes only those of
/// the segments it builds, so nothing is laid out per term until then, and an article's terms
/// take about two bytes a term beside their letters. Stored two ways:
/// - to a human-readable format (JSON: `kiosque analyze`'s analyses files), as one string of
///   space-separated tokens, in term order: `term` (once in the body), `term:N` (N times in the
///   body), `term:N/T` (and T times in the title). A term is letters and digits (see
///   [`super::terms`]): never a space, `:` or `/`, and at most [`MAX_TERM_BYTES`] bytes;
/// - to a compact one (postcard: the analyses cache, read whole on every rebuild), as it is
///   held: the terms one after the other (copied as one string), then bytes that give the
///   number of terms (a varint) and, per term, its length in bytes (its high bit set for a
///   term once in the body and not in the title, most terms: no counts follow) and otherwise
///   its counts as a varint (`body << 1 | in title`), followed by the title count as a varint
///   when in the title. Checked when read, copied as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTerms {
    /// The terms, one after the other.
    text: String,
    /// Each term's length and counts, as the compact form gives them after the number of terms.
    counts: Vec<u8>,
    /// The number of terms.
    terms: u32,
    /// The number of indexed words, the title's weighted.
    length: u32,
}

/// A term's weighted frequency: its title count counts [`TITLE_WEIGHT`] times.
fn weighted(title: u16, body: u32) -> u32 {
    body.saturating_add(u32::from(title) * TITLE_WEIGHT)
}

/// Why stored terms are refused.
const NOT_TERMS: &str = "search terms that are not sorted, distinct words each with its counts";

/// Whether a term's counts are some an article could have: in it at all, and a weighted
/// frequency that does not overflow (refused, never wrapped).
fn counts_hold(title: u16, body: u32) -> bool {
    !(title == 0 && body == 0) && body.checked_add(u32::from(title) * TITLE_WEIGHT).is_some()
}

/// Where a walk through an article's terms is: where the next term starts in its text, and its
/// length byte in its counts.
#[derive(Debug, Clone, Copy, Default)]
struct At {
    text: u32,
    counts: u32,
}

/// The term whose length byte is at `*at` in `counts` and which starts at `start` in the
/// text: where it ends in the text, and its title and body counts; `*at` moves past it.
fn next_entry(
    counts: &[u8],
    at: &mut usize,
    start: usize,
) -> Result<(usize, u16, u32), &'static str> {
    let first = *counts.get(*at).ok_or(NOT_TERMS)?;
    *at += 1;
    let end = start + usize::from(first & !ONCE);
    if first & ONCE != 0 {
        return Ok((end, 0, 1));
    }
    let code = read_varint(counts, at)?;
    let body = u32::try_from(code >> 1).map_err(|_| NOT_TERMS)?;
    let title = match code & 1 {
        0 => 0,
        _ => match u16::try_from(read_varint(counts, at)?) {
            Ok(0) | Err(_) => return Err(NOT_TERMS),
            Ok(t) => t,
        },
    };
    Ok((end, title, body))
}

impl DocTerms {
    /// Terms with their counts in the title and the body, sorted and distinct (each at most
    /// [`MAX_TERM_BYTES`] bytes).
    fn from_counts<'t>(terms: impl Iterator<Item = (&'t str, u16, u32)>) -> DocTerms {
        let mut doc = DocTerms::default();
        for (term, title, body) in terms {
            debug_assert!(term.len() <= MAX_TERM_BYTES);
            doc.length = doc.length.saturating_add(weighted(title, body));
            doc.text.push_str(term);
            doc.terms += 1;
            // Terms are at most `MAX_TERM_BYTES` (40) bytes: below the `ONCE` bit.
            let length = u8::try_from(term.len()).unwrap_or(u8::MAX) & !ONCE;
            if (title, body) == (0, 1) {
                doc.counts.push(length | ONCE);
                continue;
            }
            doc.counts.push(length);
            write_varint(&mut doc.counts, u64::from(body) << 1 | u64::from(title > 0));
            if title > 0 {
                write_varint(&mut doc.counts, u64::from(title));
            }
        }
        doc
    }

    /// Whether the article has no term (no word indexed).
    pub fn is_empty(&self) -> bool {
        self.terms == 0
    }

    /// The terms from `at` on, each with where it is, its title and its body counts, in term
    /// order.
    fn walk(&self, at: At) -> impl Iterator<Item = (At, &str, u16, u32)> + '_ {
        let mut at = at;
        std::iter::from_fn(move || {
            let here = at;
            let mut next = here.counts as usize;
            // Checked when made or read: a term that does not read ends the walk.
            let (end, title, body) =
                next_entry(&self.counts, &mut next, here.text as usize).ok()?;
            let term = self.text.get(here.text as usize..end)?;
            at = At {
                text: u32::try_from(end).ok()?,
                counts: u32::try_from(next).ok()?,
            };
            Some((here, term, title, body))
        })
    }

    /// The terms by their first byte: each byte that starts some term, with where the run of
    /// terms that start with it begins and how many there are, in byte order (the terms are
    /// sorted by their bytes).
    fn runs_by_first_byte(&self) -> impl Iterator<Item = (u8, At, u32)> + '_ {
        let first = |term: &str| term.as_bytes().first().copied().unwrap_or(0);
        let mut terms = self.walk(At::default()).peekable();
        std::iter::from_fn(move || {
            let (at, term, _, _) = terms.next()?;
            let byte = first(term);
            let mut count = 1;
            while terms
                .next_if(|(_, term, _, _)| first(term) == byte)
                .is_some()
            {
                count += 1;
            }
            Some((byte, at, count))
        })
    }

    /// Each term with its title and body counts, in term order.
    fn terms(&self) -> impl Iterator<Item = (&str, u16, u32)> + '_ {
        self.walk(At::default())
            .map(|(_, term, title, body)| (term, title, body))
    }

    /// The human-readable form: space-separated tokens (see [`DocTerms`]).
    fn tokens(&self) -> String {
        let mut tokens = String::with_capacity(self.text.len() + 3 * self.terms as usize);
        for (term, title, body) in self.terms() {
            if !tokens.is_empty() {
                tokens.push(' ');
            }
            tokens.push_str(term);
            match (title, body) {
                (0, 1) => {}
                (0, n) => {
                    let _ = write!(tokens, ":{n}");
                }
                (t, n) => {
                    let _ = write!(tokens, ":{n}/{t}");
                }
            }
        }
        tokens
    }

    /// The compact form's counts (see [`DocTerms`]); the terms are `text` as it is.
    fn packed_counts(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.counts.len() + 5);
        write_varint(&mut out, u64::from(self.terms));
        out.extend_from_slice(&self.counts);
        out
    }

    /// Reads the compact form (the terms one after the other, their lengths and counts),
    /// checking what the index relies on: terms sorted and distinct, each with its counts, each
    /// cut on character boundaries. Kept as read.
    fn unpacked(terms: &str, counts: &[u8]) -> Result<DocTerms, &'static str> {
        let mut at = 0;
        let n = read_varint(counts, &mut at)?;
        // Each term takes a byte of the counts at least: a number above that is not believed.
        let n = u32::try_from(n)
            .ok()
            .filter(|&n| n as usize <= counts.len())
            .ok_or(NOT_TERMS)?;
        u32::try_from(terms.len()).map_err(|_| NOT_TERMS)?;
        let from = at;
        let bytes = terms.as_bytes();
        let mut length: u32 = 0;
        let mut seen: u32 = 0;
        let mut start = 0usize;
        let mut previous: &[u8] = &[];
        while at < counts.len() {
            let (end, title, body) = next_entry(counts, &mut at, start)?;
            let term = bytes.get(start..end).ok_or(NOT_TERMS)?;
            if term.is_empty()
                || term.len() > MAX_TERM_BYTES
                || !after(previous, term)
                || !terms.is_char_boundary(end)
                || !counts_hold(title, body)
            {
                return Err(NOT_TERMS);
            }
            length = length.saturating_add(weighted(title, body));
            seen += 1;
            previous = term;
            start = end;
        }
        if seen != n || start != bytes.len() {
            return Err(NOT_TERMS);
        }
        Ok(DocTerms {
            text: terms.to_owned(),
            counts: counts[from..].to_vec(),
            terms: n,
            length,
        })
    }
}

/// Whether `term` comes after `previous` in byte order (a short loop, not a call: most terms
/// differ from the one before within a few bytes).
fn after(previous: &[u8], term: &[u8]) -> bool {
    for (a, b) in previous.iter().zip(term) {
        if a != b {
            return a < b;
        }
    }
    previous.len() < term.len()
}

/// In the compact form, the bit of a term's length byte (at most [`MAX_TERM_BYTES`]) that says
/// it is once in the body and not in the title, most terms: no counts follow.
const ONCE: u8 = 0x80;

/// Appends `n` as a varint (LEB128: seven bits a byte, the lowest first).
fn write_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a varint written by [`write_varint`] at `at`, moving past it; at most 64 bits.
fn read_varint(bytes: &[u8], at: &mut usize) -> Result<u64, &'static str> {
    let mut n: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at).ok_or(NOT_TERMS)?;
        *at += 1;
        n |= u64::from(b & 0x7f).checked_shl(shift).ok_or(NOT_TERMS)?;
        if b & 0x80 == 0 {
            return Ok(n);
        }
    }
    Err(NOT_TERMS)
}

/// Bytes serialised as bytes (a length and the bytes, in postcard), not as a sequence.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl Serialize for DocTerms {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.tokens())
        } else {
            (self.text.as_str(), Bytes(&self.packed_counts())).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for DocTerms {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = DocTerms;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an article's search terms")
            }

            fn visit_str<E: serde::de::Error>(self, tokens: &str) -> Result<DocTerms, E> {
                DocTerms::try_from(tokens).map_err(E::custom)
            }
        }
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(Visit)
        } else {
            let (terms, counts): (&str, &[u8]) = Deserialize::deserialize(deserializer)?;
            DocTerms::unpacked(terms, counts).map_err(serde::de::Error::custom)
        }
    }
}

impl From<DocTerms> for String {
    /// The human-readable form (see [`DocTerms`]).
    fn from(doc: DocTerms) -> String {
        doc.tokens()
    }
}

impl TryFrom<String> for DocTerms {
    type Error = &'static str;

    /// Reads the human-readable form (see [`DocTerms`]).
    fn try_from(text: String) -> Result<DocTerms, Self::Error> {
        DocTerms::try_from(text.as_str())
    }
}

impl TryFrom<&str> for DocTerms {
    type Error = &'static str;

    /// Reads the human-readable form (space-separated tokens), checking what the index relies
    /// on: terms sorted and distinct, each with its counts.
    fn try_from(tokens: &str) -> Result<DocTerms, Self::Error> {
        // One pass over the bytes: a token ends at a space or the end; its term ends at its
        // `:`, its body count at its `/`.
        let bytes = tokens.as_bytes();
        let number = |from: usize, to: usize| -> Result<u32, &'static str> {
            let digits = bytes.get(from..to).ok_or(NOT_TERMS)?;
            if digits.is_empty() || digits.len() > 10 {
                return Err(NOT_TERMS);
            }
            digits.iter().try_fold(0u32, |n, &d| match d {
                b'0'..=b'9' => n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u32::from(d - b'0')))
                    .ok_or(NOT_TERMS),
                _ => Err(NOT_TERMS),
            })
        };
        let mut counted: Vec<(&str, u16, u32)> = Vec::new();
        let mut previous: &[u8] = &[];
        let mut start = 0;
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(bytes.len(), |i| start + i);
            let token = &bytes[start..end];
            let colon = token.iter().position(|&b| b == b':').map(|i| start + i);
            let term_end = colon.unwrap_or(end);
            let (body, title) = match colon {
                None => (1, 0),
                Some(colon) => match bytes[colon..end].iter().position(|&b| b == b'/') {
                    None => (number(colon + 1, end)?, 0),
                    Some(slash) => (
                        number(colon + 1, colon + slash)?,
                        number(colon + slash + 1, end)?,
                    ),
                },
            };
            let title = u16::try_from(title).map_err(|_| NOT_TERMS)?;
            let term = &bytes[start..term_end];
            if term.is_empty()
                || term.len() > MAX_TERM_BYTES
                || term.contains(&b'/')
                || (!previous.is_empty() && previous >= term)
                || !counts_hold(title, body)
            {
                return Err(NOT_TERMS);
            }
            previous = term;
            // Cut at ASCII bytes (a space, `:`): on character boundaries.
            counted.push((tokens.get(start..term_end).ok_or(NOT_TERMS)?, title, body));
            start = end + 1;
            if start == bytes.len() {
                // A space at the very end: an empty last term.
                return Err(NOT_TERMS);
            }
        }
        if u32::try_from(tokens.len()).is_err() {
            return Err(NOT_TERMS);
        }
        Ok(DocTerms::from_counts(counted.into_iter()))
    }
}

/// An article's terms: those of its title and of its body's texts (the caller passes the
/// blocks that are searched: headings, paragraphs, embeds; never boilerplate or related links).
pub fn doc_terms(title: &str, body: &[&str]) -> DocTerms {
    // Every word once folded into one buffer, then sorted: no map, no string per word.
    let mut buffer = String::new();
    let mut found: Vec<(Range<usize>, bool)> = Vec::new();
    let mut collect = |text: &str, in_title: bool, buffer: &mut String| {
        fold_words(text, buffer, |word, range| {
            let keep = word.len() <= MAX_TERM_BYTES && word.chars().nth(1).is_some();
            if keep {
                found.push((range, in_title));
            }
            keep
        });
    };
    collect(title, true, &mut buffer);
    for text in body {
        collect(text, false, &mut buffer);
    }
    // Counted by a hash of the word, then only the distinct words sorted.
    let mut counts: HashMap<&str, (u16, u32), BuildHasherDefault<Fx>> =
        HashMap::with_capacity_and_hasher(found.len() / 2, BuildHasherDefault::default());
    for (range, in_title) in &found {
        let count = counts
            .entry(buffer.get(range.clone()).unwrap_or(""))
            .or_default();
        match in_title {
            true => count.0 = count.0.saturating_add(1),
            false => count.1 = count.1.saturating_add(1),
        }
    }
    let mut distinct: Vec<(&str, (u16, u32))> = counts
        .into_iter()
        .filter(|(term, _)| !is_stopword(term))
        .collect();
    distinct.sort_unstable_by(|a, b| a.0.cmp(b.0));
    DocTerms::from_counts(
        distinct
            .into_iter()
            .map(|(term, (title, body))| (term, title, body)),
    )
}

/// The built index: the meta file and its segments' shards, each with its path relative to the
/// data directory and its bytes (compact JSON with a final newline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Built {
    /// `search/meta-<hash>.json`: what `index.json`'s `search` names.
    pub meta_path: String,
    /// The meta file.
    pub meta: Vec<u8>,
    /// The segments, the oldest articles' first.
    pub segments: Vec<Segment>,
    /// Whether the base segment was the one given ([`build_reusing`]), not built.
    pub reused_base: bool,
}

impl Built {
    /// Every shard file (`search/<stamp>-<n>.json`): its path and bytes, segment by segment, in
    /// term order.
    pub fn shards(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.segments
            .iter()
            .flat_map(|s| &s.shards)
            .map(|s| (s.path.as_str(), s.bytes.as_slice()))
    }

    /// The base segment (the oldest [`base_size`] articles), with the key it was built for,
    /// when the build was given one: what a next build may reuse ([`build_reusing`]).
    pub fn base(&self) -> Option<&Segment> {
        self.segments
            .first()
            .filter(|s| !s.key.is_empty() && s.articles.start == 0)
    }
}

/// A segment of the index: the articles of a range of numbers (from the oldest), indexed apart
/// and cut into shards by term. Its files depend on its articles' terms and nothing else (not
/// on the articles of other segments: a term's rarity is weighed when a query runs), so a
/// segment whose articles have not changed is the same files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment {
    /// What the caller says the segment is built from (for the base: see [`build_reusing`]);
    /// empty for none.
    pub key: String,
    /// Its articles' numbers, from the oldest.
    pub articles: Range<u32>,
    /// The fingerprint of its shards, which names them (`search/<stamp>-<n>.json`).
    pub stamp: String,
    /// Its shards, in term order.
    pub shards: Vec<ShardFile>,
}

impl Segment {
    /// The segment of `shards` (read back from elsewhere: [`build_reusing`]), if they are what
    /// a build writes: each named by the fingerprint of them all and its place, and starting
    /// with the term it is listed by.
    pub fn of_shards(key: String, articles: Range<u32>, shards: Vec<ShardFile>) -> Option<Segment> {
        let stamp = files::segment_stamp(shards.iter().map(|s| s.bytes.as_slice()));
        let consistent = shards.iter().enumerate().all(|(n, shard)| {
            shard.path == files::shard_path(&stamp, n)
                && files::starts_with_term(&shard.bytes, &shard.first)
        });
        consistent.then_some(Segment {
            key,
            articles,
            stamp,
            shards,
        })
    }
}

/// One shard file of a segment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShardFile {
    /// Its first term (what the meta file lists it by).
    pub first: String,
    /// `search/<stamp>-<n>.json`: its segment's stamp, its place in the segment.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The packed score of one posting: BM25's term-frequency part (its rarity is weighed at query
/// time) quantised, shifted left once, the title flag in the low bit.
fn packed(frequency: u32, length: u32, average: f64, in_title: bool) -> u32 {
    let tf = f64::from(frequency);
    let norm = K1 * (1.0 - B + B * f64::from(length) / average);
    let score = tf * (K1 + 1.0) / (tf + norm);
    // At least 1: a match always counts.
    let quantised = (score * SCORE_SCALE)
        .round()
        .clamp(1.0, f64::from(u32::MAX >> 2)) as u32;
    quantised << 1 | u32::from(in_title)
}

/// One article's terms that start with one byte: the article, where the run of its terms
/// starts and how many terms it has (a document's terms are sorted by their bytes, so those of
/// one first byte are together).
type Run = (u32, At, u32);

/// The entries in a shard of the terms that start with one byte, in term order: all of them in
/// one buffer, each term with where its entry ends. Made apart from the other bytes' (in
/// parallel).
struct Entries<'d> {
    /// Each term and the end of its entry in `bytes`.
    terms: Vec<(&'d str, usize)>,
    /// The entries (`["term",[…]]`), one after the other.
    bytes: Vec<u8>,
}

/// The entries of the terms in `runs` (each list of runs in article order; articles numbered
/// within `docs`, written from `first`).
fn entries_of<'d>(docs: &'d [DocTerms], runs: &[&[Run]], first: u32, average: f64) -> Entries<'d> {
    // First each term gets a number (in order of first sight) and each occurrence the number of
    // its term; then the postings are laid out term by term in one array, each term's in
    // article order (no list per term to grow).
    let mut ids: HashMap<&str, u32, BuildHasherDefault<Fx>> = HashMap::default();
    let mut terms: Vec<&str> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    for &(article, at, count) in runs.iter().copied().flatten() {
        let Some(doc) = docs.get(article as usize) else {
            continue;
        };
        for (_, term, _, _) in doc.walk(at).take(count as usize) {
            let id = *ids.entry(term).or_insert_with(|| {
                terms.push(term);
                counts.push(0);
                (terms.len() - 1) as u32
            });
            counts[id as usize] += 1;
            seen.push(id);
        }
    }
    drop(ids);
    let mut start: Vec<usize> = Vec::with_capacity(counts.len() + 1);
    let mut total = 0usize;
    for &count in &counts {
        start.push(total);
        total += count as usize;
    }
    start.push(total);
    let mut postings: Vec<Posting> = vec![(0, 0, 0); total];
    let mut next = start.clone();
    let mut occurrence = seen.iter();
    for &(article, at, count) in runs.iter().copied().flatten() {
        let Some(doc) = docs.get(article as usize) else {
            continue;
        };
        for (_, _, title, body) in doc.walk(at).take(count as usize) {
            let Some(&id) = occurrence.next() else {
                break;
            };
            let at = &mut next[id as usize];
            postings[*at] = (article, weighted(title, body), u32::from(title > 0));
            *at += 1;
        }
    }
    drop((seen, next));
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| terms[a as usize].cmp(terms[b as usize]));
    let mut entries = Entries {
        terms: Vec::with_capacity(terms.len()),
        // A posting is two numbers of a few digits each.
        bytes: Vec::with_capacity(total * 10 + terms.len() * 16),
    };
    for id in order {
        let (term, list) = (
            terms[id as usize],
            &postings[start[id as usize]..start[id as usize + 1]],
        );
        files::write_term(
            &mut entries.bytes,
            term,
            list.iter().map(|&(article, frequency, in_title)| {
                let length = docs.get(article as usize).map_or(1, |d| d.length);
                (
                    first.saturating_add(article),
                    packed(frequency, length, average, in_title == 1),
                )
            }),
        );
        entries.terms.push((term, entries.bytes.len()));
    }
    entries
}

/// Articles per group when the terms are sorted by their first byte.
const DOCS_PER_GROUP: usize = 512;

/// How many of `articles` articles the base segment holds: the largest multiple of a power of
/// two `p` not above `articles`, where `p` is the largest power of two not above an eighth of
/// them. So the newest segment holds fewer than an eighth of the articles, and articles added
/// after the newest (a newsroom's day) leave the base as it is, unless the count crosses a
/// multiple of `p` (the base then grows by a step: once every `p` articles, about every eighth
/// of the archive). A function of the count alone: a clean build cuts the same segments.
pub fn base_size(articles: u32) -> u32 {
    let eighth = (articles / 8).max(1);
    let p = 1u32 << (31 - eighth.leading_zeros());
    articles / p * p
}

/// Builds the index of `docs` (from the oldest: the first is article number 0), in two segments
/// ([`base_size`]), each cut into shards of about `target_shard_bytes` of JSON (0: the default,
/// [`DEFAULT_SHARD_BYTES`] in the base and a quarter of it in the newest segment, larger for a
/// large index so that there are at most about [`MAX_SHARDS`] in all). The same articles give
/// the same bytes, with or without the `parallel` feature.
pub fn build(docs: Vec<DocTerms>, target_shard_bytes: usize) -> Built {
    build_reusing(docs, target_shard_bytes, String::new(), None)
}

/// [`build`], with `key` for the base segment (what its articles' terms are made of, said by
/// the caller: the same key must mean the same terms), taking `previous` as the base where it
/// is the base a build with this key made (the same key and articles) rather than building it
/// again. Its shards are taken as they are: whoever kept them checked them
/// ([`Segment::of_shards`]).
pub fn build_reusing(
    docs: Vec<DocTerms>,
    target_shard_bytes: usize,
    key: String,
    previous: Option<Segment>,
) -> Built {
    let base = base_size(u32::try_from(docs.len()).unwrap_or(u32::MAX));
    build_cut(docs, target_shard_bytes, key, previous, base)
}

/// [`build_reusing`] with a base of `base` articles (at most all of them).
pub(super) fn build_cut(
    docs: Vec<DocTerms>,
    target_shard_bytes: usize,
    key: String,
    previous: Option<Segment>,
    base: u32,
) -> Built {
    let articles = u32::try_from(docs.len()).unwrap_or(u32::MAX);
    let base = base.min(articles);
    let reused =
        previous.filter(|p| base > 0 && !key.is_empty() && p.key == key && p.articles == (0..base));
    // Lengths are weighed against the base's average (the newest segment's alone when there is
    // no base): what an article scores does not depend on its segment, and the base's files
    // only on the base.
    let lengths = match base {
        0 => &docs[..],
        _ => &docs[..base as usize],
    };
    let average = match lengths.len() {
        0 => 1.0,
        n => (lengths.iter().map(|d| f64::from(d.length)).sum::<f64>() / n as f64).max(1.0),
    };
    let mut segments: Vec<Segment> = Vec::with_capacity(2);
    let reused_base = reused.is_some();
    match reused {
        Some(segment) => segments.push(segment),
        None if base > 0 => segments.push(Segment {
            key,
            ..build_segment(
                &docs[..base as usize],
                0,
                average,
                (target_shard_bytes, BASE_CUT),
            )
        }),
        None => {}
    }
    if base < articles {
        segments.push(build_segment(
            &docs[base as usize..],
            base,
            average,
            (target_shard_bytes, NEWEST_CUT),
        ));
    }
    let refs: Vec<SegmentRef> = segments
        .iter()
        .map(|s| {
            let firsts = s.shards.iter().map(|f| f.first.clone()).collect();
            SegmentRef(s.stamp.clone(), firsts)
        })
        .collect();
    let mut meta = serde_json::to_vec(&Meta::new(articles, refs)).unwrap_or_default();
    meta.push(b'\n');
    Built {
        meta_path: files::meta_name(&meta),
        meta,
        segments,
        reused_base,
    }
}

/// The segment of `docs`, numbered from `from`, their lengths weighed against `average`, cut
/// into shards of about `target_shard_bytes` (0: as `cut` says).
fn build_segment(
    docs: &[DocTerms],
    from: u32,
    average: f64,
    (target_shard_bytes, cut): (usize, Cut),
) -> Segment {
    let count = u32::try_from(docs.len()).unwrap_or(u32::MAX);
    // The terms are sorted by bytes, so those of one first byte are a run of the index: each
    // byte's terms are built apart. First, each group of articles lists, per first byte, the
    // run of each article's terms that start with it, in article order.
    let groups: Vec<(u32, &[DocTerms])> = docs
        .chunks(DOCS_PER_GROUP)
        .zip((0u32..).step_by(DOCS_PER_GROUP))
        .map(|(chunk, first)| (first, chunk))
        .collect();
    let by_byte: Vec<Vec<Vec<Run>>> = map_all(groups, |(first, chunk)| {
        let mut by_byte: Vec<Vec<Run>> = vec![Vec::new(); 256];
        for (article, doc) in (first..).zip(chunk) {
            for (byte, at, count) in doc.runs_by_first_byte() {
                by_byte[usize::from(byte)].push((article, at, count));
            }
        }
        by_byte
    });
    // Then each first byte's terms, in byte order, their groups' lists in article order.
    let bytes: Vec<Vec<&[Run]>> = (0..256)
        .map(|byte| {
            by_byte
                .iter()
                .map(|group| group[byte].as_slice())
                .filter(|runs| !runs.is_empty())
                .collect()
        })
        .filter(|runs: &Vec<&[Run]>| !runs.is_empty())
        .collect();
    let parts: Vec<Entries> = map_all(bytes, |runs| entries_of(docs, &runs, from, average));
    drop(by_byte);
    // Every entry, in term order: (part, start, end) in that part's bytes.
    let mut entries: Vec<(&str, usize, Range<usize>)> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let mut at = 0;
        for &(term, end) in &part.terms {
            entries.push((term, p, at..end));
            at = end;
        }
    }

    let total: usize = entries.iter().map(|(_, _, e)| e.len() + 1).sum();
    let target = match target_shard_bytes {
        0 => cut.bytes.max(total / cut.shards + 1),
        given => given,
    };
    // Where each shard starts and ends, then their files (on every core).
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let mut size = 0;
        let mut end = start;
        while end < entries.len() && (end == start || size + entries[end].2.len() < target) {
            size += entries[end].2.len() + 1;
            end += 1;
        }
        cuts.push(start..end);
        start = end;
    }
    let mut shards: Vec<ShardFile> = map_all(cuts, |cut| {
        let entries = &entries[cut];
        let bytes = files::shard_file(
            entries
                .iter()
                .map(|(_, p, range)| &parts[*p].bytes[range.clone()]),
        );
        ShardFile {
            first: entries.first().map_or("", |(term, _, _)| term).to_owned(),
            path: String::new(),
            bytes,
        }
    });
    let stamp = files::segment_stamp(shards.iter().map(|s| s.bytes.as_slice()));
    for (n, shard) in shards.iter_mut().enumerate() {
        shard.path = files::shard_path(&stamp, n);
    }
    Segment {
        key: String::new(),
        articles: from..from.saturating_add(count),
        stamp,
        shards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(doc: &DocTerms) -> String {
        serde_json::from_str(&serde_json::to_string(doc).expect("serialises")).expect("a string")
    }

    #[test]
    fn terms_are_stored_as_tokens_and_read_back_the_same() {
        let doc = doc_terms(
            "Koursk sous les bombes",
            &["Les bombes tombent sur Koursk et Koursk résiste."],
        );
        assert_eq!(stored(&doc), "bombes:1/1 koursk:2/1 resiste tombent");
        let back: DocTerms =
            serde_json::from_str(&serde_json::to_string(&doc).expect("json")).expect("reads back");
        assert_eq!(back, doc);
        let empty: DocTerms = serde_json::from_str("\"\"").expect("no term");
        assert!(empty.is_empty());
    }

    #[test]
    fn stored_terms_the_index_could_not_rely_on_are_refused() {
        for bad in [
            "koursk bombes",  // out of order
            "bombes bombes",  // repeated
            "bombes:0",       // never there
            "bombes:0/0",     // never there
            "bombes:x",       // not a count
            "bombes:1/70000", // more title words than a title holds
            "bombes:",
            "bombes:1/",
            "bombes:99999999999",
            "bombes ",
            "bombes/1",       // a count without its colon
            "bombes  koursk", // an empty term
            " bombes",        // an empty term
        ] {
            assert!(
                serde_json::from_str::<DocTerms>(&format!("{bad:?}")).is_err(),
                "{bad:?}"
            );
        }
    }

    /// `doc` in the compact form, through postcard (as the analyses cache stores it).
    fn compact(doc: &DocTerms) -> Vec<u8> {
        postcard::to_allocvec(doc).expect("serialises")
    }

    /// Compact bytes of `terms` and `counts` as [`DocTerms`] describes them, whatever they hold.
    fn compact_of(terms: &[u8], counts: &[u8]) -> Vec<u8> {
        postcard::to_allocvec(&(Bytes(terms), Bytes(counts))).expect("serialises")
    }

    #[test]
    fn compact_terms_read_back_the_same() {
        let doc = doc_terms(
            "Koursk sous les bombes",
            &["Les bombes tombent sur Koursk et Koursk résiste, à Київ."],
        );
        assert_eq!(stored(&doc), "bombes:1/1 koursk:2/1 resiste tombent киів");
        let bytes = compact(&doc);
        let back: DocTerms = postcard::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, doc);
        assert_eq!(stored(&back), stored(&doc));
        let empty: DocTerms = postcard::from_bytes(&compact(&DocTerms::default())).expect("empty");
        assert!(empty.is_empty());
    }

    #[test]
    fn compact_terms_the_index_could_not_rely_on_are_refused() {
        // The number of terms, then per term its length (0x80: once in the body) and counts.
        let good = compact_of(b"abac", &[2, 2, 2, 2, 3, 2]);
        let good: DocTerms = postcard::from_bytes(&good).expect("good");
        assert_eq!(stored(&good), "ab ac:1/2");
        let once: DocTerms =
            postcard::from_bytes(&compact_of(b"abac", &[2, 0x82, 0x82])).expect("once");
        assert_eq!(stored(&once), "ab ac");
        let long = [b'a'; 41];
        for (terms, counts) in [
            (&b"abab"[..], &[2, 0x82, 0x82][..]),           // repeated
            (b"aba", &[2, 0x82, 0x81]),                     // out of order (a after ab)
            (b"acab", &[2, 0x82, 0x82]),                    // out of order (ab after ac)
            (b"ab", &[2, 0x82, 0x80]),                      // an empty term
            (b"ab", &[1, 2, 0]),                            // never there
            (b"ab", &[1, 2, 1, 0]),                         // in the title 0 times
            (b"ab", &[1, 2, 1, 0x80, 0x80, 0x04]),          // more title words than a title holds
            (b"ab", &[1, 2, 0xff, 0xff, 0xff, 0xff, 0x7f]), // a count no article has
            (b"ab", &[1, 2]),                               // no counts
            (b"ab", &[1, 2, 0x82]),                         // a count cut short
            (b"ab", &[1, 0x83]),                            // a term longer than the terms
            (b"abc", &[1, 0x82]),                           // terms left over
            (b"ab", &[2, 0x82]),                            // fewer terms than said
            (b"abac", &[1, 0x82, 0x82]),                    // more terms than said
            (b"ab", &[0xff, 0xff, 0x03, 0x82]),             // a number of terms not believed
            (b"", &[]),                                     // no number of terms
            (b"a\xd0\x9a", &[2, 0x82, 0x81]),               // cut inside a character
            (b"\xff", &[1, 0x81]),                          // not UTF-8
            (&long[..], &[1, 0x80 | 41]),                   // longer than a term
        ] {
            assert!(
                postcard::from_bytes::<DocTerms>(&compact_of(terms, counts)).is_err(),
                "{terms:?} {counts:?}"
            );
        }
    }

    #[test]
    fn terms_grouped_by_first_byte_come_out_sorted_across_shards_and_the_same_each_time() {
        // More articles than one group, words starting with many bytes (ASCII, accents folded,
        // Cyrillic): the shards are cut from the whole sorted run, as one pass would make them.
        let docs: Vec<DocTerms> = (0..DOCS_PER_GROUP * 2 + 7)
            .map(|i| {
                doc_terms(
                    &format!("Article {i} à Kyiv"),
                    &[&format!("mot{} zèbre Київ {} étoile", i % 13, i % 7)],
                )
            })
            .collect();
        let built = build(docs.clone(), 2048);
        let count = built.shards().count();
        assert!(count > 3, "{count}");
        let meta = Meta::parse(std::str::from_utf8(&built.meta).expect("UTF-8")).expect("meta");
        assert_eq!(meta.articles() as usize, docs.len());
        assert_eq!(built.segments.len(), 2, "the base and the newest");
        for segment in &built.segments {
            let mut previous = String::new();
            for ShardFile { path, bytes, first } in &segment.shards {
                let shard = super::super::Shard::parse(std::str::from_utf8(bytes).expect("UTF-8"))
                    .expect("a shard");
                assert_eq!(shard.terms().next(), Some(first.as_str()));
                for term in shard.terms() {
                    assert!(previous.as_str() < term, "{previous} then {term} in {path}");
                    previous = term.to_owned();
                }
            }
        }
        assert_eq!(
            build(docs, 2048),
            built,
            "the same articles give the same bytes"
        );
    }
}
