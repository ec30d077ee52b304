//! The search index's files: the meta file (`search/meta-<hash>.json`) and the shards
//! (`search/<segment stamp>-<n>.json`), their JSON and their parsing. See `docs/data-format.md`, "Search
//! index".
//!
//! A shard is `{"v":3,"t":[["term",[a,s,a,s,…]],…]}`: its terms sorted by their UTF-8 bytes,
//! each with its postings as one flat array of pairs: the article's number from the oldest,
//! delta-encoded (the first as it is, then the difference from the previous one), and the
//! packed score (`score << 1 | in_title`, BM25's term-frequency part quantised to
//! [`SCORE_SCALE`]ths: the term's rarity is weighed at query time, over every segment).
//!
//! The meta file is `{"v":3,"articles":N,"segments":[["<stamp>",["first term",…]],…]}`: the
//! index in segments of articles (the oldest first), each cut into shards by term, listed by
//! their first terms; shard `n` of a segment is `search/<stamp>-<n>.json`, the stamp a
//! fingerprint of the segment's shards (format 3: format 2 named each shard by its own
//! fingerprint, 64 bits that do not compress, two thirds of the meta file's bytes).

use serde::{Deserialize, Serialize};

use crate::stamp;

/// The format version of the search files this build writes and reads.
pub const FORMAT_VERSION: u32 = 3;

/// A score in the files is BM25's term-frequency part (between 0 and 2.2) times this, rounded.
pub const SCORE_SCALE: f64 = 128.0;

/// Why a search file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchDataError {
    /// The file is of a format version this build does not read.
    #[error(
        "the search index has format version {found}, but this version of Kiosque reads version {supported}; rebuild the data with a matching `kiosque build`"
    )]
    Version {
        /// The version found in the file.
        found: u64,
        /// The version this build reads.
        supported: u32,
    },
    /// The file is not a search file of this format.
    #[error("not a valid search index file: {0}")]
    Malformed(String),
}

/// One term and its postings, as read from a shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// The folded term.
    pub(crate) text: String,
    /// `(article number from the oldest, packed score)`, by article number.
    pub(crate) postings: Vec<(u32, u32)>,
}

/// A shard of the index: a range of terms with their postings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shard {
    pub(crate) terms: Vec<Term>,
}

/// A segment of the meta file: its stamp (the fingerprint of its shards, [`segment_stamp`]),
/// and the first term of each of its shards, in term order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SegmentRef(pub(crate) String, pub(crate) Vec<String>);

impl SegmentRef {
    /// The path of its shard `n` (relative to the data directory).
    pub(crate) fn shard_path(&self, n: usize) -> String {
        shard_path(&self.0, n)
    }
}

/// The path of shard `n` of the segment of stamp `stamp`: `search/<stamp>-<n>.json`.
pub(crate) fn shard_path(stamp: &str, n: usize) -> String {
    format!("search/{stamp}-{n}.json")
}

/// The stamp of a segment whose shards are `shards` (their bytes, in term order): the
/// fingerprint of their fingerprints, so that a segment whose articles have not changed keeps
/// its shards' names.
pub(crate) fn segment_stamp<'a>(shards: impl IntoIterator<Item = &'a [u8]>) -> String {
    let stamps: String = shards.into_iter().map(stamp::of_file).collect();
    stamp::of_file(stamps.as_bytes())
}

/// The meta file: what is needed to know which shards a query needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    v: u64,
    articles: u32,
    /// Each segment's stamp and shards, in term order (segments: the oldest articles first).
    pub(crate) segments: Vec<SegmentRef>,
}

/// Just the version of a search file, to explain one that does not parse.
#[derive(Deserialize)]
struct Header {
    v: u64,
}

/// Refuses a file of another format version.
fn check_version(found: u64) -> Result<(), SearchDataError> {
    match found == u64::from(FORMAT_VERSION) {
        true => Ok(()),
        false => Err(SearchDataError::Version {
            found,
            supported: FORMAT_VERSION,
        }),
    }
}

/// Parses `text` as `T`, or says why not: a file of another version is reported as such even
/// when its shape changed.
fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, SearchDataError> {
    serde_json::from_str::<T>(text).map_err(|error| {
        match serde_json::from_str::<Header>(text).map(|h| check_version(h.v)) {
            Ok(Err(version)) => version,
            _ => SearchDataError::Malformed(error.to_string()),
        }
    })
}

/// Whether `path` is a meta file name as kiosque writes them (`search/meta-<hex>.json`): what
/// `index.json`'s `search` may name (never a path elsewhere).
pub fn is_meta_path(path: &str) -> bool {
    path.strip_prefix("search/meta-")
        .and_then(|name| name.strip_suffix(".json"))
        .is_some_and(stamp::is_well_formed)
}

impl Meta {
    /// Parses a meta file, checking its version, that its shards are in term order and that
    /// its segments' stamps are stamps (its shards' names are never a path elsewhere), each once.
    pub fn parse(text: &str) -> Result<Meta, SearchDataError> {
        let meta: Meta = parse(text)?;
        check_version(meta.v)?;
        let mut pairs = meta.segments.iter().flat_map(|s| s.1.windows(2));
        if let Some(pair) = pairs.find(|p| p[0] >= p[1]) {
            return Err(SearchDataError::Malformed(format!(
                "shards out of order: {:?} then {:?}",
                pair[0], pair[1]
            )));
        }
        if let Some(bad) = meta.segments.iter().find(|s| !stamp::is_well_formed(&s.0)) {
            return Err(SearchDataError::Malformed(format!(
                "{:?} is not a segment's stamp",
                bad.0
            )));
        }
        // A file listed twice would have its terms' articles counted twice (their rarity).
        // (Segments without shards name no file, and all have the stamp of nothing.)
        let mut stamps: Vec<&str> = (meta.segments.iter())
            .filter(|s| !s.1.is_empty())
            .map(|s| s.0.as_str())
            .collect();
        stamps.sort_unstable();
        if let Some(pair) = stamps.windows(2).find(|p| p[0] == p[1]) {
            return Err(SearchDataError::Malformed(format!(
                "the segment {:?} is listed twice",
                pair[0]
            )));
        }
        Ok(meta)
    }

    /// The number of articles the index was built over.
    pub fn articles(&self) -> u32 {
        self.articles
    }

    /// The shard files, segment by segment, each segment's in term order (paths relative to
    /// the data directory).
    pub fn shard_files(&self) -> impl Iterator<Item = String> {
        (self.segments.iter()).flat_map(|s| (0..s.1.len()).map(|n| s.shard_path(n)))
    }

    pub(crate) fn new(articles: u32, segments: Vec<SegmentRef>) -> Meta {
        Meta {
            v: u64::from(FORMAT_VERSION),
            articles,
            segments,
        }
    }
}

/// A shard as it is in its file.
#[derive(Deserialize)]
struct RawShard {
    v: u64,
    t: Vec<(String, Vec<u64>)>,
}

impl Shard {
    /// Parses a shard file, checking its version, that its terms are sorted and that its
    /// postings are pairs of article numbers and scores that fit.
    pub fn parse(text: &str) -> Result<Shard, SearchDataError> {
        let raw: RawShard = parse(text)?;
        check_version(raw.v)?;
        let malformed = |what: String| SearchDataError::Malformed(what);
        if let Some(pair) = raw.t.windows(2).find(|p| p[0].0 >= p[1].0) {
            return Err(malformed(format!(
                "terms out of order: {:?} then {:?}",
                pair[0].0, pair[1].0
            )));
        }
        let mut terms = Vec::with_capacity(raw.t.len());
        for (text, flat) in raw.t {
            if flat.len() % 2 != 0 {
                return Err(malformed(format!("{text:?}: postings are not pairs")));
            }
            let mut article: u64 = 0;
            let mut postings = Vec::with_capacity(flat.len() / 2);
            for (i, pair) in flat.chunks_exact(2).enumerate() {
                article = match i {
                    0 => pair[0],
                    _ => article.saturating_add(pair[0]),
                };
                let (Ok(number), Ok(score)) = (u32::try_from(article), u32::try_from(pair[1]))
                else {
                    return Err(malformed(format!("{text:?}: a number is out of range")));
                };
                postings.push((number, score));
            }
            terms.push(Term { text, postings });
        }
        Ok(Shard { terms })
    }

    /// The shard's terms, sorted.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.text.as_str())
    }

    /// The postings of `term` in this shard (article number from the oldest, packed score), if
    /// it has it.
    pub(crate) fn find(&self, term: &str) -> Option<&Term> {
        self.terms
            .binary_search_by(|t| t.text.as_str().cmp(term))
            .ok()
            .map(|i| &self.terms[i])
    }
}

/// Appends one term's entry (`["term",[…]]`) to a shard's JSON, its postings (article number
/// from the oldest, packed score) in article order.
pub(crate) fn write_term(
    out: &mut Vec<u8>,
    term: &str,
    postings: impl IntoIterator<Item = (u32, u32)>,
) {
    out.push(b'[');
    // A term is letters and digits: nothing to escape, but serde_json makes sure.
    if serde_json::to_writer(&mut *out, term).is_err() {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b",[");
    let mut previous = None;
    for (article, score) in postings {
        let delta = match previous {
            None => article,
            Some(previous) => {
                out.push(b',');
                article.saturating_sub(previous)
            }
        };
        previous = Some(article);
        write_number(out, delta);
        out.push(b',');
        write_number(out, score);
    }
    out.extend_from_slice(b"]]");
}

/// Appends `n` in decimal (itoa's digits, without the formatting machinery: the index has
/// millions of numbers).
fn write_number(out: &mut Vec<u8>, n: u32) {
    // Byte by byte: a call to copy a few bytes costs more than the digits.
    for &digit in itoa::Buffer::new().format(n).as_bytes() {
        out.push(digit);
    }
}

/// What every shard file starts with, before its first entry.
fn shard_header() -> String {
    format!("{{\"v\":{FORMAT_VERSION},\"t\":[")
}

/// Whether `bytes`, a shard file, starts with the entry of `term` (`["term",`).
pub(crate) fn starts_with_term(bytes: &[u8], term: &str) -> bool {
    let entry = format!(
        "{}[{},",
        shard_header(),
        serde_json::to_string(term).unwrap_or_default()
    );
    bytes.starts_with(entry.as_bytes())
}

/// A whole shard file from its term entries (each as [`write_term`] made it), with its final
/// newline.
pub(crate) fn shard_file<'a>(entries: impl Iterator<Item = &'a [u8]> + Clone) -> Vec<u8> {
    let header = shard_header();
    let size = entries.clone().map(|e| e.len() + 1).sum::<usize>() + header.len() + 3;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(header.as_bytes());
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(entry);
    }
    out.extend_from_slice(b"]}\n");
    out
}

/// The file name of the meta file of these bytes: `search/meta-<hash>.json` (the fingerprint
/// of the text, [`stamp::of_file`]: hashed as it is, never copied).
pub(crate) fn meta_name(bytes: &[u8]) -> String {
    format!("search/meta-{}.json", stamp::of_file(bytes))
}
