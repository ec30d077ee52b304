//! Analyses files: what the per-article work (the map) writes and the linking (the merge) reads,
//! and what `kiosque build` keeps as its cache. One or more sections, each a header line, its
//! records and an end line; as JSON Lines:
//!
//! ```text
//! {"format":"kiosque-analyses","version":9,"extractor":"0.1.0-…"}
//! {"key":"<sha-256 of the input document>","origin":…,"meta":…,"digest":…,"analysis":…,"terms":…,"mentions":[[…],…]}
//! …
//! {"records":2,"xxh3":"<XXH3-128 of the section's bytes above, newlines included>"}
//! ```
//!
//! A section is only read whole: its header must name this format, a version this kiosque
//! reads and this kiosque's extractor (an analysis made by other code is never reused), and its
//! trailer must count its records and match their checksum. Files concatenated (`cat a b`) or
//! the output of several map processes appended to one stream are several sections.
//!
//! A section's records are JSON lines (above: what `kiosque analyze` writes, an interchange
//! format) or, when its header says `"encoding":"postcard"`, compact and binary: `+`, the key's
//! 64 hexadecimal digits, the record's length in bytes (4 bytes, little-endian), then the record
//! in postcard, no newline (what the cache of `kiosque build` writes, read in full on every
//! rebuild: no base64 to decode, and no pass over the file to check it as UTF-8; the header and
//! end line are still lines of JSON, and a record counts as one line in the numbers errors
//! give). A compact record holds the same fields in the same order, but in the form a rebuild
//! uses them: the parts' texts, which a rebuild needs only for the bodies it makes again, one after the
//! other at the end of the record (copied as one string, never parsed), and the search terms
//! front-coded with their counts in binary (see [`DocTerms`]), not as tokens to parse. Both read
//! alike; a file may hold sections of both.
//! No I/O here: callers read and write the bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use kiosque_extract::analysis::{Analysis, Found, Place};
use kiosque_extract::dates::DateValue;
use kiosque_extract::source::Document;
use kiosque_model::search::DocTerms;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::Xxh3;

use crate::{Analyzed, Origin};

/// The `format` of a section header.
pub const FORMAT: &str = "kiosque-analyses";

/// The version of the format this kiosque writes and reads (2: mentions as arrays, in
/// `mentions` beside the analysis; 3: with the article's search terms, in `terms`; 4: each
/// mention with its confidence; 5: compact records with their parts' texts at the end, one
/// after the other, and their search terms front-coded; 6: compact records in binary, each
/// after its length, instead of base64 lines; 7: each mention says whether it is a lone name
/// that the corpus decides on, `Found::lone`; 8: the origin as its path and line apart,
/// `{"path":…,"line":…}`, not `"path:line"`, which a file named `a:12` made ambiguous; 9: the
/// end line's checksum is XXH3-128 (`xxh3`), not SHA-256: it only has to tell a damaged or cut
/// section, and a rebuild at 100,000 articles checked 450 MB with SHA-256 on one core, about
/// 0.23 s before any analysis could be decoded).
pub const VERSION: u32 = 9;

/// What made the analyses: this kiosque's version and a fingerprint of the code and data that
/// decide an analysis (see `build.rs`).
pub fn extractor() -> &'static str {
    env!("KIOSQUE_EXTRACTOR_FINGERPRINT")
}

/// The cache key of an input document: a SHA-256 of everything analysis reads of it (text,
/// format, metadata, imported entities), as 64 hexadecimal digits.
pub fn key(document: &Document) -> String {
    let mut hasher = Sha256::new();
    let mut field = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(document.text.as_bytes());
    field(format!("{:?}", document.format).as_bytes());
    let meta = &document.meta;
    for value in [
        &meta.id,
        &meta.title,
        &meta.source,
        &meta.url,
        &meta.lang,
        &meta.license,
        &meta.description,
    ] {
        match value {
            Some(v) => field(format!("+{v}").as_bytes()),
            None => field(b"-"),
        }
    }
    field(
        meta.published
            .map(|d| d.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    match &document.imported {
        None => field(b"-"),
        Some(entities) => {
            field(format!("+{}", entities.len()).as_bytes());
            for e in entities {
                field(format!("{} {} {:?}", e.start, e.end, e.label).as_bytes());
            }
        }
    }
    hex(&hasher.finalize())
}

/// Bytes as lowercase hexadecimal digits.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    extractor: String,
    /// How the records are written: absent for JSON, `postcard` for [`Encoding::Compact`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
}

/// How the records of a section are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// One JSON object per line: the interchange format (`kiosque analyze`).
    Json,
    /// `+<key><length: u32, little-endian><the record in postcard>`: the analyses cache, read
    /// whole on every rebuild.
    Compact,
}

/// The header's `encoding` of compact sections.
const COMPACT: &str = "postcard";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    records: usize,
    xxh3: String,
}

/// The checksum that a section's end line gives of the section's bytes before it (header and
/// records, newlines included): XXH3-128, in 32 hexadecimal digits.
pub fn checksum(bytes: &[u8]) -> String {
    let mut hasher = Xxh3::new();
    hasher.update(bytes);
    checksum_of(&hasher)
}

/// [`checksum`] of the bytes `hasher` was fed (for a writer that hashes as it writes).
pub fn checksum_of(hasher: &Xxh3) -> String {
    format!("{:032x}", hasher.digest128())
}

/// Why an analyses file cannot be used. Lines count from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysesError {
    /// The file is empty.
    #[error("empty: not an analyses file")]
    Empty,
    /// A line where a section should start is not a header of this format.
    #[error(
        "line {line}: not a kiosque analyses file (expected a header {{\"format\":\"{FORMAT}\",…}})"
    )]
    NotAnalyses {
        /// The line.
        line: usize,
    },
    /// A section of a version this kiosque does not read.
    #[error("line {line}: analyses format version {found}, this kiosque reads version {VERSION}")]
    Version {
        /// The line.
        line: usize,
        /// The version found.
        found: u32,
    },
    /// A section whose records are written in an encoding this kiosque does not read.
    #[error("line {line}: records encoded as {found}, which this kiosque does not read")]
    Encoding {
        /// The line.
        line: usize,
        /// The encoding named by the header.
        found: String,
    },
    /// A section made by another extractor.
    #[error(
        "line {line}: made by another kiosque (extractor {found}, this is {}): analyse the articles again with this one",
        extractor()
    )]
    Extractor {
        /// The line.
        line: usize,
        /// The extractor named by the header.
        found: String,
    },
    /// A section that ends before its trailer.
    #[error("line {line}: the section that starts here has no end line: the file is truncated")]
    Truncated {
        /// The line of the section's header.
        line: usize,
    },
    /// A section whose records do not match its trailer.
    #[error(
        "line {line}: the section's records do not match its end line (count or checksum): the file is damaged"
    )]
    Damaged {
        /// The line of the trailer.
        line: usize,
    },
    /// A record that does not read.
    #[error("line {line}: {reason}")]
    Record {
        /// The line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// One record of an analyses file, not yet decoded.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Its line, from 1 (a compact record counts as one line).
    pub line: usize,
    /// The key of the document it analyses.
    pub key: &'a str,
    /// The record: a JSON line without its newline, or a compact record's postcard bytes.
    pub record: &'a [u8],
    /// How it is written.
    pub encoding: Encoding,
}

impl Entry<'_> {
    /// The analysed article, checked: a record that reads but could not have been written by
    /// the analysis (a mention outside its part, a part that is not there, a month 13) is an
    /// error, never a panic or a wrong site later.
    pub fn decode(&self) -> Result<Analyzed, AnalysesError> {
        let error = |reason: String| self.error(reason);
        let article = match self.encoding {
            Encoding::Json => serde_json::from_slice::<Record>(self.record)
                .map_err(|e| error(format!("not an analysed article: {e}")))?
                .into_analyzed(),
            Encoding::Compact => {
                let mut article = self.decode_deferred()?;
                article.fill_texts();
                article
            }
        };
        if article.key != self.key {
            return Err(error(
                "the record's key is not the one it starts with".to_owned(),
            ));
        }
        check(&article).map_err(error)?;
        Ok(article)
    }
}

impl Entry<'_> {
    /// [`Entry::decode`], but for a record in the compact encoding, the parts' texts left
    /// out of the analysis and kept apart ([`Analyzed::texts`]): they are most of a record,
    /// and a rebuild needs them only for the bodies it writes again. Checked alike. A JSON
    /// record is decoded whole.
    pub fn decode_deferred(&self) -> Result<Analyzed, AnalysesError> {
        if self.encoding == Encoding::Json {
            return self.decode();
        }
        self.deferred_from(self.record)
    }

    /// The error of this record, for `reason`.
    fn error(&self, reason: String) -> AnalysesError {
        AnalysesError::Record {
            line: self.line,
            reason,
        }
    }

    /// [`Entry::decode_deferred`] of a compact record's postcard `bytes`.
    fn deferred_from(&self, bytes: &[u8]) -> Result<Analyzed, AnalysesError> {
        let error = |reason: String| self.error(reason);
        let (record, rest) = postcard::take_from_bytes::<CompactRecord<'_>>(bytes)
            .map_err(|e| error(format!("not an analysed article: {e}")))?;
        if !rest.is_empty() {
            return Err(error(
                "not an analysed article: bytes after the record".to_owned(),
            ));
        }
        // The texts, one after the other in the record, cut at each part's length (in bytes),
        // each counted in code points for the check of the mentions.
        let joined = record.texts;
        let mut ranges = Vec::with_capacity(record.analysis.parts.len());
        let mut lengths = Vec::with_capacity(record.analysis.parts.len());
        let mut at = 0usize;
        for part in &record.analysis.parts {
            let end = at.saturating_add(part.2 as usize);
            let text = joined
                .get(at..end)
                .ok_or_else(|| error("a part's text is not in the record".to_owned()))?;
            lengths.push(u32::try_from(text.chars().count()).unwrap_or(u32::MAX));
            ranges.push((at, end));
            at = end;
        }
        if at != joined.len() {
            return Err(error(
                "not an analysed article: texts after the parts'".to_owned(),
            ));
        }
        // Copied: the file's bytes are dropped once the kept analyses are decoded.
        let texts = Texts {
            text: joined.to_owned(),
            ranges,
        };
        let article = record.into_analyzed();
        check_lengths(&article, &lengths).map_err(error)?;
        if article.key != self.key {
            return Err(error(
                "the record's key is not the one it starts with".to_owned(),
            ));
        }
        Ok(Analyzed {
            texts: Some(texts),
            ..article
        })
    }
}

/// The parts' texts of an analysis decoded without them ([`Entry::decode_deferred`]): one
/// after the other, and where each one is.
#[derive(Debug, Clone)]
pub struct Texts {
    text: String,
    ranges: Vec<(usize, usize)>,
}

impl Texts {
    /// Puts each part's text back in `parts`, those of the analysis decoded without them.
    pub fn fill(&self, parts: &mut [kiosque_extract::clean::Part]) {
        for (part, &(start, end)) in parts.iter_mut().zip(&self.ranges) {
            // Each range is where one text was pushed: on character boundaries.
            part.text = self.text.get(start..end).unwrap_or_default().to_owned();
        }
    }
}

/// What the analysis guarantees of an article, checked on a decoded one.
fn check(article: &Analyzed) -> Result<(), String> {
    let lengths: Vec<u32> = article
        .analysis
        .cleaned
        .parts
        .iter()
        .map(|p| u32::try_from(p.text.chars().count()).unwrap_or(u32::MAX))
        .collect();
    check_lengths(article, &lengths)
}

/// [`check`], the parts' texts being `lengths` code points long.
fn check_lengths(article: &Analyzed, lengths: &[u32]) -> Result<(), String> {
    let parts = &article.analysis.cleaned.parts;
    for (i, found) in article.analysis.found.iter().enumerate() {
        let Some(part) = parts.get(found.part) else {
            return Err(format!(
                "mention {i} is in part {}, which is not there",
                found.part
            ));
        };
        if found.start > found.end {
            return Err(format!("mention {i} ends before it starts"));
        }
        if found.place == Place::Text {
            let base = part.text_span().start;
            if found.start < base || found.end - base > lengths[found.part] {
                return Err(format!("mention {i} is outside the text of its part"));
            }
        }
        if let Some(DateValue::Month(_, month)) = found.date
            && !(1..=12).contains(&month)
        {
            return Err(format!("mention {i} is dated in month {month}"));
        }
    }
    Ok(())
}

/// The start of every JSON record line: the key comes first (see [`encode`]).
const KEY_PREFIX: &str = "{\"key\":\"";

/// The start of every compact record, before its key (see [`encode_compact`]).
const COMPACT_PREFIX: &str = "+";

/// The bytes of a compact record before its postcard: the prefix, the key, the length.
const COMPACT_HEAD: usize = COMPACT_PREFIX.len() + 64 + 4;

/// One JSON record line, newline included.
pub fn encode(article: &Analyzed) -> Vec<u8> {
    // Serialising strings, numbers, dates and vectors cannot fail.
    let mut line = serde_json::to_vec(&record_of(&whole(article))).unwrap_or_default();
    line.push(b'\n');
    line
}

/// One compact record (see [`Encoding::Compact`]).
pub fn encode_compact(article: &Analyzed) -> Vec<u8> {
    // As in `encode`: nothing here fails to serialise.
    compact_record(
        &article.key,
        &postcard::to_allocvec(&compact_of(article)).unwrap_or_default(),
    )
}

/// A compact record of the document with this `key`, of these `postcard` bytes.
fn compact_record(key: &str, postcard: &[u8]) -> Vec<u8> {
    let mut record = Vec::with_capacity(COMPACT_HEAD + postcard.len());
    record.extend_from_slice(COMPACT_PREFIX.as_bytes());
    record.extend_from_slice(key.as_bytes());
    // A record is an article's analysis: far below 4 GiB.
    record.extend_from_slice(
        &u32::try_from(postcard.len())
            .unwrap_or(u32::MAX)
            .to_le_bytes(),
    );
    record.extend_from_slice(postcard);
    record
}

/// A record line, as `encoding` says.
pub fn encode_as(article: &Analyzed, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Json => encode(article),
        Encoding::Compact => encode_compact(article),
    }
}

/// What a record line holds of an article.
/// `article` with its parts' texts put back, if they were left out ([`Analyzed::texts`]).
fn whole(article: &Analyzed) -> std::borrow::Cow<'_, Analyzed> {
    match article.texts {
        None => std::borrow::Cow::Borrowed(article),
        Some(_) => {
            let mut whole = article.clone();
            whole.fill_texts();
            std::borrow::Cow::Owned(whole)
        }
    }
}

fn record_of(article: &Analyzed) -> RecordRef<'_> {
    let a = &article.analysis;
    RecordRef {
        key: &article.key,
        origin: &article.origin,
        file_stem: article.file_stem.as_deref(),
        meta: &article.meta,
        digest: &article.digest,
        analysis: WithoutMentions(a),
        terms: &article.terms,
        mentions: mentions_of(a),
    }
}

/// What a compact record line holds of an article: its texts from [`Analyzed::texts`] when they
/// were left out, else joined from its parts.
fn compact_of(article: &Analyzed) -> CompactRef<'_> {
    let a = &article.analysis;
    let parts = &a.cleaned.parts;
    let (texts, lengths): (std::borrow::Cow<'_, str>, Vec<u32>) = match &article.texts {
        Some(texts) => (
            std::borrow::Cow::Borrowed(texts.text.as_str()),
            texts
                .ranges
                .iter()
                .map(|&(start, end)| u32::try_from(end - start).unwrap_or(u32::MAX))
                .collect(),
        ),
        None => (
            std::borrow::Cow::Owned(parts.iter().map(|p| p.text.as_str()).collect()),
            parts
                .iter()
                .map(|p| u32::try_from(p.text.len()).unwrap_or(u32::MAX))
                .collect(),
        ),
    };
    CompactRef {
        key: &article.key,
        origin: &article.origin,
        file_stem: article.file_stem.as_deref(),
        meta: &article.meta,
        digest: &article.digest,
        analysis: CompactAnalysisRef {
            parts: parts
                .iter()
                .zip(lengths.iter().chain(std::iter::repeat(&0)))
                .map(|(p, &length)| (&p.role, &p.span, length))
                .collect(),
            title_line: a.cleaned.title_line.as_deref(),
            dateline: a.cleaned.dateline,
            title: &a.title,
            title_derived: a.title_derived,
            published: a.published,
            published_inferred: a.published_inferred,
            lang: a.lang.as_deref(),
            excerpt: &a.excerpt,
            words: a.words,
        },
        terms: &article.terms,
        mentions: mentions_of(a),
        texts,
    }
}

/// The mentions of an analysis as records write them.
fn mentions_of(a: &Analysis) -> Vec<MentionRef<'_>> {
    a.found
        .iter()
        .map(|f| {
            MentionRef(
                f.part,
                f.start,
                f.end,
                f.place,
                f.label,
                &f.text,
                f.entry,
                f.date,
                f.confidence,
                f.lone,
            )
        })
        .collect()
}

/// A compact record as written: a JSON record's fields in the same order, but its analysis
/// without the parts' texts, which follow the mentions, one after the other (each part says
/// how many bytes of them are its own): a rebuild copies them as one string, and reads them
/// only for the bodies it makes. Its search terms in their compact form (see [`DocTerms`]).
#[derive(Serialize)]
struct CompactRef<'a> {
    key: &'a str,
    origin: &'a Origin,
    file_stem: Option<&'a str>,
    meta: &'a kiosque_extract::source::Meta,
    digest: &'a str,
    analysis: CompactAnalysisRef<'a>,
    terms: &'a DocTerms,
    mentions: Vec<MentionRef<'a>>,
    texts: std::borrow::Cow<'a, str>,
}

/// An analysis as a compact record writes it: no mentions, and its parts without their texts
/// (`[role, span, length of its text in bytes]`).
#[derive(Serialize)]
struct CompactAnalysisRef<'a> {
    parts: Vec<(
        &'a kiosque_extract::clean::Role,
        &'a kiosque_extract::clean::Span,
        u32,
    )>,
    title_line: Option<&'a str>,
    dateline: Option<chrono::NaiveDate>,
    title: &'a str,
    title_derived: bool,
    published: Option<chrono::NaiveDate>,
    published_inferred: bool,
    lang: Option<&'a str>,
    excerpt: &'a str,
    words: u32,
}

/// A record as written: the analysis without its mentions, which follow as arrays (most of an
/// analysis is mentions: as objects, their field names were a third of the file and most of
/// the time spent reading it). The key comes first: [`sections`] finds it there.
#[derive(Serialize)]
struct RecordRef<'a> {
    key: &'a str,
    origin: &'a Origin,
    file_stem: Option<&'a str>,
    meta: &'a kiosque_extract::source::Meta,
    digest: &'a str,
    analysis: WithoutMentions<'a>,
    terms: &'a DocTerms,
    mentions: Vec<MentionRef<'a>>,
}

/// A mention as written: `[part, start, end, place, label, text, entry, date, confidence,
/// lone]`.
#[derive(Serialize)]
struct MentionRef<'a>(
    usize,
    u32,
    u32,
    Place,
    kiosque_model::Label,
    &'a str,
    Option<u32>,
    Option<DateValue>,
    kiosque_model::Confidence,
    bool,
);

/// A record as read (see [`RecordRef`]).
#[derive(Deserialize)]
struct Record {
    key: String,
    origin: Origin,
    file_stem: Option<String>,
    meta: kiosque_extract::source::Meta,
    digest: String,
    analysis: Analysis,
    terms: DocTerms,
    mentions: Vec<Mention>,
}

/// A mention as read (see [`MentionRef`]).
#[derive(Deserialize)]
struct Mention(
    usize,
    u32,
    u32,
    Place,
    kiosque_model::Label,
    String,
    Option<u32>,
    Option<DateValue>,
    kiosque_model::Confidence,
    bool,
);

impl Record {
    /// The analysed article.
    fn into_analyzed(self) -> Analyzed {
        let mut analysis = self.analysis;
        analysis.found = found_of(self.mentions);
        Analyzed {
            key: self.key,
            origin: self.origin,
            file_stem: self.file_stem,
            meta: self.meta,
            warnings: Vec::new(),
            digest: self.digest,
            analysis,
            terms: self.terms,
            texts: None,
        }
    }
}

/// The mentions of a record, as the analysis holds them.
fn found_of(mentions: Vec<Mention>) -> Vec<Found> {
    mentions
        .into_iter()
        .map(
            |Mention(part, start, end, place, label, text, entry, date, confidence, lone)| Found {
                part,
                start,
                end,
                place,
                label,
                text,
                entry,
                date,
                confidence,
                lone,
            },
        )
        .collect()
}

/// A compact record as read (see [`CompactRef`]), its texts borrowed from its bytes.
#[derive(Deserialize)]
struct CompactRecord<'a> {
    key: String,
    origin: Origin,
    file_stem: Option<String>,
    meta: kiosque_extract::source::Meta,
    digest: String,
    analysis: CompactAnalysis,
    terms: DocTerms,
    mentions: Vec<Mention>,
    #[serde(borrow)]
    texts: &'a str,
}

/// An analysis as a compact record holds it (see [`CompactAnalysisRef`]).
#[derive(Deserialize)]
struct CompactAnalysis {
    parts: Vec<(
        kiosque_extract::clean::Role,
        kiosque_extract::clean::Span,
        u32,
    )>,
    title_line: Option<String>,
    dateline: Option<chrono::NaiveDate>,
    title: String,
    title_derived: bool,
    published: Option<chrono::NaiveDate>,
    published_inferred: bool,
    lang: Option<String>,
    excerpt: String,
    words: u32,
}

impl CompactRecord<'_> {
    /// The analysed article, each part's text left empty.
    fn into_analyzed(self) -> Analyzed {
        let a = self.analysis;
        let parts = a
            .parts
            .into_iter()
            .map(|(role, span, _)| kiosque_extract::clean::Part {
                role,
                span,
                text: String::new(),
            })
            .collect();
        Analyzed {
            key: self.key,
            origin: self.origin,
            file_stem: self.file_stem,
            meta: self.meta,
            warnings: Vec::new(),
            digest: self.digest,
            analysis: Analysis {
                cleaned: kiosque_extract::clean::Cleaned {
                    doc: Default::default(),
                    matching: Default::default(),
                    parts,
                    title_line: a.title_line,
                    dateline: a.dateline,
                },
                title: a.title,
                title_derived: a.title_derived,
                published: a.published,
                published_inferred: a.published_inferred,
                lang: a.lang,
                found: found_of(self.mentions),
                excerpt: a.excerpt,
                words: a.words,
            },
            terms: self.terms,
            texts: None,
        }
    }
}

/// An analysis serialised as it is, but with no mentions (`"found":[]`).
struct WithoutMentions<'a>(&'a Analysis);

impl Serialize for WithoutMentions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field of `Analysis`: one it gains must be written here too, or no record reads
        // (the cache tests would fail).
        let Analysis {
            cleaned,
            title,
            title_derived,
            published,
            published_inferred,
            lang,
            found: _,
            excerpt,
            words,
        } = self.0;
        let mut s = serializer.serialize_struct("Analysis", 9)?;
        s.serialize_field("cleaned", cleaned)?;
        s.serialize_field("title", title)?;
        s.serialize_field("title_derived", title_derived)?;
        s.serialize_field("published", published)?;
        s.serialize_field("published_inferred", published_inferred)?;
        s.serialize_field("lang", lang)?;
        s.serialize_field("found", &[] as &[Found])?;
        s.serialize_field("excerpt", excerpt)?;
        s.serialize_field("words", words)?;
        s.end()
    }
}

/// Writes sections: a header, record lines, then the trailer. Give it lines made by
/// [`encode_as`] its encoding (in parallel if need be).
pub struct Writer<W: std::io::Write> {
    out: W,
    hasher: Xxh3,
    records: usize,
}

impl<W: std::io::Write> Writer<W> {
    /// Starts a section of JSON records.
    pub fn new(out: W) -> std::io::Result<Self> {
        Self::with_encoding(out, Encoding::Json)
    }

    /// Starts a section whose records are written as `encoding` says.
    pub fn with_encoding(mut out: W, encoding: Encoding) -> std::io::Result<Self> {
        let mut header = serde_json::to_vec(&Header {
            format: FORMAT.to_owned(),
            version: VERSION,
            extractor: extractor().to_owned(),
            encoding: (encoding == Encoding::Compact).then(|| COMPACT.to_owned()),
        })?;
        header.push(b'\n');
        out.write_all(&header)?;
        let mut hasher = Xxh3::new();
        hasher.update(&header);
        Ok(Writer {
            out,
            hasher,
            records: 0,
        })
    }

    /// Adds a record line made by [`encode`].
    pub fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        self.hasher.update(line);
        self.records += 1;
        self.out.write_all(line)
    }

    /// Ends the section; returns the output.
    pub fn finish(mut self) -> std::io::Result<W> {
        let mut trailer = serde_json::to_vec(&Trailer {
            records: self.records,
            xxh3: checksum_of(&self.hasher),
        })?;
        trailer.push(b'\n');
        self.out.write_all(&trailer)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Whether `line` is the header of an analyses section (of any version or extractor).
pub fn is_header(line: &str) -> bool {
    serde_json::from_str::<Header>(line.trim_end()).is_ok_and(|h| h.format == FORMAT)
}

/// The records of an analyses file (every section), checked but not decoded. An error names
/// the first line that is wrong; nothing of a file with an error is to be used.
pub fn parse<F: AsRef<[u8]> + ?Sized>(file: &F) -> Result<Vec<Entry<'_>>, AnalysesError> {
    match sections(file) {
        (entries, None) => Ok(entries),
        (_, Some(e)) => Err(e),
    }
}

/// The line that starts at `at` in `bytes`, its newline included (if it has one).
fn line_at(bytes: &[u8], at: usize) -> &[u8] {
    let rest = &bytes[at.min(bytes.len())..];
    match rest.iter().position(|&b| b == b'\n') {
        Some(end) => &rest[..=end],
        None => rest,
    }
}

/// Where the compact record that starts at `at` in `bytes` ends, if it is there whole.
fn compact_end(bytes: &[u8], at: usize) -> Option<usize> {
    let length = bytes.get(at + COMPACT_HEAD - 4..at + COMPACT_HEAD)?;
    let length = u32::from_le_bytes(length.try_into().ok()?) as usize;
    let end = (at + COMPACT_HEAD).checked_add(length)?;
    (end <= bytes.len()).then_some(end)
}

/// The header a section starts with, if it is one this kiosque reads, and how its records are
/// written; an error says why not.
fn header_of(line: usize, header: &[u8]) -> Result<Encoding, AnalysesError> {
    let parsed: Header = serde_json::from_slice(header.trim_ascii_end())
        .ok()
        .filter(|h: &Header| h.format == FORMAT)
        .ok_or(AnalysesError::NotAnalyses { line })?;
    if parsed.version != VERSION {
        return Err(AnalysesError::Version {
            line,
            found: parsed.version,
        });
    }
    if parsed.extractor != extractor() {
        return Err(AnalysesError::Extractor {
            line,
            found: parsed.extractor,
        });
    }
    match parsed.encoding.as_deref() {
        None => Ok(Encoding::Json),
        Some(COMPACT) => Ok(Encoding::Compact),
        Some(other) => Err(AnalysesError::Encoding {
            line,
            found: other.to_owned(),
        }),
    }
}

/// The records of the sections of an analyses file that read whole and check, up to the first
/// that does not, and what is wrong with that one (if any): an append cut short spoils only its
/// own section.
pub fn sections<F: AsRef<[u8]> + ?Sized>(file: &F) -> (Vec<Entry<'_>>, Option<AnalysesError>) {
    let bytes = file.as_ref();
    // Blank lines before the first section.
    let (mut at, mut line) = (0, 1);
    while at < bytes.len() && line_at(bytes, at).trim_ascii().is_empty() {
        at += line_at(bytes, at).len();
        line += 1;
    }
    if at == bytes.len() {
        return (Vec::new(), Some(AnalysesError::Empty));
    }
    // Where each section is (the line of its header, its bytes: header, records, and the line
    // after them, its end line or what stands there instead); a header that is not one this
    // kiosque reads, the rest of the file (its check says what is wrong). Then each is checked
    // apart, on every core.
    let mut spans = Vec::new();
    while at < bytes.len() {
        let (start, first) = (at, line);
        let header = line_at(bytes, at);
        at += header.len();
        line += 1;
        match header_of(first, header) {
            Err(_) => at = bytes.len(),
            Ok(Encoding::Json) => loop {
                let l = line_at(bytes, at);
                if !(l.starts_with(KEY_PREFIX.as_bytes()) && l.ends_with(b"\n")) {
                    break;
                }
                at += l.len();
                line += 1;
            },
            Ok(Encoding::Compact) => {
                while bytes.get(at) == Some(&COMPACT_PREFIX.as_bytes()[0]) {
                    let Some(end) = compact_end(bytes, at) else {
                        at = bytes.len();
                        break;
                    };
                    at = end;
                    line += 1;
                }
            }
        }
        at += line_at(bytes, at).len();
        line += 1;
        spans.push((first, start..at));
    }
    let checked: Vec<Result<Vec<Entry<'_>>, AnalysesError>> = spans
        .into_par_iter()
        .map(|(line, span)| section(line, &bytes[span]))
        .collect();
    // Up to the first section that does not check.
    let mut entries = Vec::new();
    for section in checked {
        match section {
            Ok(records) => entries.extend(records),
            Err(e) => return (entries, Some(e)),
        }
    }
    (entries, None)
}

/// The key a record starts with, after its `prefix` (the record at `line`).
fn key_of<'a>(record: &'a [u8], prefix: &str, line: usize) -> Result<&'a str, AnalysesError> {
    record
        .get(prefix.len()..prefix.len() + 64)
        .filter(|k| k.iter().all(u8::is_ascii_hexdigit))
        .and_then(|k| std::str::from_utf8(k).ok())
        .ok_or_else(|| AnalysesError::Record {
            line,
            reason: "the record's key is not 64 hexadecimal digits".to_owned(),
        })
}

/// The records of the section that starts at `line` and is `bytes` (its header, records and
/// end line), checked.
fn section(line: usize, bytes: &[u8]) -> Result<Vec<Entry<'_>>, AnalysesError> {
    let header = line_at(bytes, 0);
    let encoding = header_of(line, header)?;
    let mut entries = Vec::new();
    let (mut at, mut n) = (header.len(), line + 1);
    loop {
        if at == bytes.len() {
            return Err(AnalysesError::Truncated { line });
        }
        let record = match encoding {
            Encoding::Json => {
                let l = line_at(bytes, at);
                if !l.ends_with(b"\n") {
                    return Err(AnalysesError::Truncated { line });
                }
                l.starts_with(KEY_PREFIX.as_bytes()).then(|| {
                    let key = key_of(l, KEY_PREFIX, n);
                    (l.len(), key, &l[..l.len() - 1])
                })
            }
            Encoding::Compact if bytes[at] == COMPACT_PREFIX.as_bytes()[0] => {
                let end = compact_end(bytes, at).ok_or(AnalysesError::Truncated { line })?;
                let r = &bytes[at..end];
                Some((r.len(), key_of(r, COMPACT_PREFIX, n), &r[COMPACT_HEAD..]))
            }
            Encoding::Compact => {
                if !line_at(bytes, at).ends_with(b"\n") {
                    return Err(AnalysesError::Truncated { line });
                }
                None
            }
        };
        if let Some((length, key, record)) = record {
            entries.push(Entry {
                line: n,
                key: key?,
                record,
                encoding,
            });
            at += length;
            n += 1;
            continue;
        }
        // The end line: the count of the records, and the checksum of the section's bytes
        // before it.
        let trailer: Trailer = serde_json::from_slice(line_at(bytes, at).trim_ascii_end())
            .map_err(|_| AnalysesError::Damaged { line: n })?;
        if trailer.records != entries.len() || trailer.xxh3 != checksum(&bytes[..at]) {
            return Err(AnalysesError::Damaged { line: n });
        }
        return Ok(entries);
    }
}

/// Analyses kept from an earlier run, by key.
#[derive(Debug, Default)]
pub struct Cache<'a> {
    by_key: HashMap<&'a str, Entry<'a>>,
    /// The first record that did not decode, if any: it was not used.
    damage: std::sync::Mutex<Option<AnalysesError>>,
    /// Whether the file it was read from is damaged past its records (to be rewritten).
    spoilt: bool,
}

impl<'a> Cache<'a> {
    /// The entries of a parsed analyses file (of a key held twice, the last).
    pub fn new(entries: Vec<Entry<'a>>) -> Self {
        Cache {
            by_key: entries.into_iter().map(|e| (e.key, e)).collect(),
            damage: std::sync::Mutex::default(),
            spoilt: false,
        }
    }

    /// The cache, read from a file that is damaged past its records: to be rewritten rather
    /// than appended to.
    #[must_use]
    pub fn spoilt(self) -> Self {
        Cache {
            spoilt: true,
            ..self
        }
    }

    /// Whether its file is to be rewritten: damaged past its records, or holding a record that
    /// did not decode.
    pub fn needs_rewrite(&self) -> bool {
        self.spoilt || self.damage().is_some()
    }

    /// How many analyses it holds.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The analysis of the document with this key, if kept and readable (one that is not is
    /// remembered: see [`Cache::damage`]).
    /// Its parts' texts are left out when it is compact ([`Entry::decode_deferred`]).
    pub fn get(&self, key: &str) -> Option<Analyzed> {
        match self.by_key.get(key)?.decode_deferred() {
            Ok(article) => Some(article),
            Err(e) => {
                if let Ok(mut damage) = self.damage.lock() {
                    damage.get_or_insert(e);
                }
                None
            }
        }
    }

    /// The first record asked for that did not decode, if any.
    pub fn damage(&self) -> Option<AnalysesError> {
        self.damage.lock().ok().and_then(|d| d.clone())
    }

    /// Whether it holds an analysis of the document with this key.
    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Source;
    use kiosque_extract::ner::knowledge::Knowledge;
    use kiosque_extract::source::Meta;

    fn analysed() -> Analyzed {
        let source = Source {
            origin: Origin::new(std::path::Path::new("a.txt"), None),
            file_stem: Some("a".to_owned()),
            document: Document {
                text: "Kiev\n\nLa Russie a frappé Kiev lundi 6 janvier 2025, a dit Volodymyr Zelensky."
                    .to_owned(),
                meta: Meta {
                    lang: Some("fr".to_owned()),
                    ..Meta::default()
                },
                ..Document::default()
            },
        };
        crate::analyze(vec![source], Knowledge::builtin(), None, |_| {})
            .pop()
            .expect("one article")
    }

    /// A section of these records, as a file holds it.
    fn file(records: &[&Analyzed]) -> String {
        String::from_utf8(file_in(Encoding::Json, records)).expect("UTF-8")
    }

    /// A section of these records written as `encoding` says.
    fn file_in(encoding: Encoding, records: &[&Analyzed]) -> Vec<u8> {
        section_of(
            encoding,
            &records
                .iter()
                .map(|r| encode_as(r, encoding))
                .collect::<Vec<_>>(),
        )
    }

    /// A section of these records (JSON lines with their newlines, or compact records), its
    /// trailer made for them.
    fn section_of(encoding: Encoding, lines: &[Vec<u8>]) -> Vec<u8> {
        let mut writer = Writer::with_encoding(Vec::new(), encoding).expect("in memory");
        for line in lines {
            writer.line(line).expect("in memory");
        }
        writer.finish().expect("in memory")
    }

    #[test]
    fn a_compact_record_reads_back_as_the_json_record_does_and_both_mix_in_a_file() {
        let article = analysed();
        let compact = file_in(Encoding::Compact, &[&article]);
        let json = file(&[&article]);
        let header = compact.iter().position(|&b| b == b'\n').expect("a header");
        assert_eq!(
            compact[header + 1],
            b'+',
            "a compact record after the header"
        );
        assert!(compact.len() < json.len(), "{json}");
        assert!(
            std::str::from_utf8(&compact).is_err(),
            "binary: the records are not text"
        );
        let both = [compact.as_slice(), json.as_bytes()].concat();
        let entries = parse(&both).expect("two whole sections");
        assert_eq!(entries.len(), 2);
        for entry in &entries {
            let back = entry.decode().expect("decodes");
            assert_eq!(encode(&back), encode(&article), "line {}", entry.line);
        }
    }

    #[test]
    fn a_compact_record_that_is_not_an_analysis_is_refused_and_a_json_one_is_damage_there() {
        let article = analysed();
        let record = encode_compact(&article);
        let postcard = &record[COMPACT_HEAD..];
        // Deliberate edits (the length and checksum recounted): cut short, bytes added, not
        // postcard, nothing.
        for bad in [
            &postcard[..postcard.len() / 2],
            &[postcard, &[0, 0, 0, 0][..]].concat()[..],
            &b"not postcard \xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"[..],
            &[][..],
        ] {
            let text = section_of(Encoding::Compact, &[compact_record(&article.key, bad)]);
            let entries = parse(&text).expect("a whole section");
            assert!(
                matches!(
                    entries[0].decode(),
                    Err(AnalysesError::Record { line: 2, .. })
                ),
                "{bad:?}: {:?}",
                entries[0].decode().err()
            );
        }
        // A JSON record in a compact section: the section does not read.
        let text = section_of(Encoding::Compact, &[encode(&article)]);
        assert_eq!(parse(&text).err(), Some(AnalysesError::Damaged { line: 2 }));
    }

    /// A compact record of `record`, edited as a test needs.
    fn compact_line(record: &CompactRef<'_>) -> Vec<u8> {
        compact_record(
            record.key,
            &postcard::to_allocvec(record).expect("serialises"),
        )
    }

    #[test]
    fn a_compact_record_keeps_its_texts_apart_and_reads_back_whole_or_without_them() {
        let article = analysed();
        let text = file_in(Encoding::Compact, &[&article]);
        let entries = parse(&text).expect("a whole section");
        let whole = entries[0].decode().expect("decodes");
        assert_eq!(whole.analysis.cleaned.parts, article.analysis.cleaned.parts);
        assert_eq!(whole.terms, article.terms);
        let deferred = entries[0].decode_deferred().expect("decodes");
        assert!(
            deferred
                .analysis
                .cleaned
                .parts
                .iter()
                .all(|p| p.text.is_empty())
        );
        let mut filled = deferred.clone();
        filled.fill_texts();
        assert_eq!(
            filled.analysis.cleaned.parts,
            article.analysis.cleaned.parts
        );
        // Written again from the analysis without its texts: the same line.
        assert_eq!(encode_compact(&deferred), encode_compact(&article));
        assert_eq!(encode(&deferred), encode(&article));
    }

    #[test]
    fn a_compact_record_whose_parts_do_not_cut_its_texts_is_refused() {
        let article = analysed();
        assert!(
            article.analysis.cleaned.parts.len() >= 2
                && article.analysis.cleaned.parts[1].text.contains('é'),
            "two parts, the second with a character of two bytes"
        );
        let edits: [&dyn Fn(&mut CompactRef<'_>); 4] = [
            // A part longer than the texts.
            &|r| r.analysis.parts[1].2 += 1_000,
            // Texts past the last part's.
            &|r| r.texts.to_mut().push('x'),
            // A cut inside a character: the first part's text longer by the first byte of é.
            &|r| {
                let at = r.texts.find('é').expect("an é");
                let first = r.analysis.parts[0].2 as usize;
                r.analysis.parts[0].2 = u32::try_from(at + 1).expect("short");
                r.analysis.parts[1].2 -= u32::try_from(at + 1 - first).expect("short");
            },
            // A mention past its part's text, once the texts are cut elsewhere.
            &|r| {
                r.analysis.parts[0].2 += r.analysis.parts[1].2;
                r.analysis.parts[1].2 = 0;
            },
        ];
        for (i, edit) in edits.iter().enumerate() {
            let mut record = compact_of(&article);
            edit(&mut record);
            let text = section_of(Encoding::Compact, &[compact_line(&record)]);
            let entries = parse(&text).expect("a whole section");
            for decoded in [entries[0].decode(), entries[0].decode_deferred()] {
                assert!(
                    matches!(decoded, Err(AnalysesError::Record { line: 2, .. })),
                    "edit {i}: {:?}",
                    decoded.err()
                );
            }
        }
        // Unedited, the same line reads.
        let text = section_of(Encoding::Compact, &[compact_line(&compact_of(&article))]);
        assert!(parse(&text).expect("a whole section")[0].decode().is_ok());
    }

    #[test]
    fn a_record_reads_back_as_the_analysis_it_was_made_from() {
        let article = analysed();
        assert!(article.analysis.found.len() >= 3, "mentions to keep");
        let text = file(&[&article]);
        let entries = parse(&text).expect("a whole section");
        let back = entries[0].decode().expect("decodes");
        assert_eq!(back.analysis.found, article.analysis.found);
        assert_eq!(back.analysis.cleaned.parts, article.analysis.cleaned.parts);
        assert!(!article.terms.is_empty(), "search terms to keep");
        assert_eq!(back.terms, article.terms);
        assert_eq!(back.terms, crate::search::terms_of(&back.analysis));
        assert_eq!(encode(&back), encode(&article));
    }

    #[test]
    fn a_record_whose_search_terms_are_out_of_order_is_refused() {
        let article = analysed();
        let line = String::from_utf8(encode(&article)).expect("UTF-8");
        let stored = serde_json::to_string(&article.terms).expect("terms");
        let terms: Vec<&str> = stored
            .split('"')
            .nth(1)
            .expect("the terms' string")
            .split(' ')
            .collect();
        assert!(terms.len() >= 2, "{terms:?}");
        let swapped = stored.replacen(
            &format!("{} {}", terms[0], terms[1]),
            &format!("{} {}", terms[1], terms[0]),
            1,
        );
        let text = file(&[]).replacen(
            "\n{\"records\"",
            &format!("\n{}{{\"records\"", line.replacen(&stored, &swapped, 1)),
            1,
        );
        // The checksum no longer matches: recount it as a deliberate edit would.
        let text = file_of_lines(&text);
        let entries = parse(&text).expect("a whole section");
        assert!(
            matches!(
                entries[0].decode(),
                Err(AnalysesError::Record { line: 2, .. })
            ),
            "{:?}",
            entries[0].decode().err()
        );
    }

    /// The section of the record lines of `text` (between its header and trailer), with its
    /// trailer made anew.
    fn file_of_lines(text: &str) -> String {
        let mut writer = Writer::new(Vec::new()).expect("in memory");
        for line in text.lines().filter(|l| l.starts_with(KEY_PREFIX)) {
            writer
                .line(format!("{line}\n").as_bytes())
                .expect("in memory");
        }
        String::from_utf8(writer.finish().expect("in memory")).expect("UTF-8")
    }

    #[test]
    fn sections_are_checked_apart_and_read_up_to_the_first_damaged_one() {
        let article = analysed();
        let one = file(&[&article]);
        let empty = file(&[]);
        // Three sections; the second's record edited after its checksum was made.
        let damaged = one.replacen("Kiev", "Kyiv", 1);
        let text = format!("\n{one}{damaged}{empty}");
        let (entries, error) = sections(&text);
        assert_eq!(entries.len(), 1, "the first section's record");
        assert_eq!(entries[0].line, 3);
        assert_eq!(error, Some(AnalysesError::Damaged { line: 7 }));
        // Whole, the three read, in order.
        let text = format!("{one}{empty}{one}");
        let (entries, error) = sections(&text);
        assert_eq!(error, None);
        assert_eq!(
            entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            [2, 7],
            "records on lines 2 and 7"
        );
        // A section cut short at the end of the file.
        let cut = &one[..one.len() - 20];
        let text = format!("{one}{cut}");
        let (entries, error) = sections(&text);
        assert_eq!(entries.len(), 1);
        assert_eq!(error, Some(AnalysesError::Truncated { line: 4 }));
    }

    #[test]
    fn a_section_of_the_previous_version_is_refused() {
        let previous = VERSION - 1;
        let text = file(&[&analysed()]).replacen(
            &format!("\"version\":{VERSION}"),
            &format!("\"version\":{previous}"),
            1,
        );
        assert_eq!(
            parse(&text).err(),
            Some(AnalysesError::Version {
                line: 1,
                found: previous
            })
        );
    }
}
