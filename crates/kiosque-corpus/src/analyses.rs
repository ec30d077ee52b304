//! Analyses files: what the per-article work (the map) writes and the linking (the merge) reads,
//! and what `kiosque build` keeps as its cache. JSON Lines, one or more sections:
//!
//! ```text
//! {"format":"kiosque-analyses","version":1,"extractor":"0.1.0-…"}
//! {"key":"<sha-256 of the input document>","origin":…,"meta":…,"digest":…,"analysis":…}
//! …
//! {"records":2,"sha256":"<sha-256 of the section's lines above, newlines included>"}
//! ```
//!
//! A section is only read whole: its header must name this format, a version this kiosque
//! reads and this kiosque's extractor (an analysis made by other code is never reused), and its
//! trailer must count its records and match their checksum. Files concatenated (`cat a b`) or
//! the output of several map processes appended to one stream are several sections.
//! No I/O here: callers read and write the bytes.

use std::collections::HashMap;
use std::fmt::Write as _;

use kiosque_extract::source::Document;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Analyzed;

/// The `format` of a section header.
pub const FORMAT: &str = "kiosque-analyses";

/// The version of the format this kiosque writes and reads.
pub const VERSION: u32 = 1;

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
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trailer {
    records: usize,
    sha256: String,
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

/// One record line of an analyses file, not yet decoded.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// Its line, from 1.
    pub line: usize,
    /// The key of the document it analyses.
    pub key: &'a str,
    /// The line.
    pub json: &'a str,
}

impl Entry<'_> {
    /// The analysed article, checked: a record that reads but could not have been written by
    /// the analysis (a mention outside its part, a part that is not there, a month 13) is an
    /// error, never a panic or a wrong site later.
    pub fn decode(&self) -> Result<Analyzed, AnalysesError> {
        let error = |reason: String| AnalysesError::Record {
            line: self.line,
            reason,
        };
        let article: Analyzed = serde_json::from_str(self.json)
            .map_err(|e| error(format!("not an analysed article: {e}")))?;
        if article.key != self.key {
            return Err(error(
                "the record's key is not the one it starts with".to_owned(),
            ));
        }
        check(&article).map_err(error)?;
        Ok(article)
    }
}

/// What the analysis guarantees of an article, checked on a decoded one.
fn check(article: &Analyzed) -> Result<(), String> {
    use kiosque_extract::analysis::Place;
    use kiosque_extract::dates::DateValue;
    let parts = &article.analysis.cleaned.parts;
    let lengths: Vec<u32> = parts
        .iter()
        .map(|p| u32::try_from(p.text.chars().count()).unwrap_or(u32::MAX))
        .collect();
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

/// The start of every record line: the key comes first (see [`encode`]).
const KEY_PREFIX: &str = "{\"key\":\"";

/// One record line, newline included.
pub fn encode(article: &Analyzed) -> Vec<u8> {
    // Serialising strings, numbers, dates and vectors cannot fail.
    let mut line = serde_json::to_vec(article).unwrap_or_default();
    line.push(b'\n');
    line
}

/// Writes sections: a header, record lines, then the trailer. Give it lines made by [`encode`]
/// (in parallel if need be).
pub struct Writer<W: std::io::Write> {
    out: W,
    hasher: Sha256,
    records: usize,
}

impl<W: std::io::Write> Writer<W> {
    /// Starts a section.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        let mut header = serde_json::to_vec(&Header {
            format: FORMAT.to_owned(),
            version: VERSION,
            extractor: extractor().to_owned(),
        })?;
        header.push(b'\n');
        out.write_all(&header)?;
        let mut hasher = Sha256::new();
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
            sha256: hex(&self.hasher.finalize()),
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
pub fn parse(text: &str) -> Result<Vec<Entry<'_>>, AnalysesError> {
    match sections(text) {
        (entries, None) => Ok(entries),
        (_, Some(e)) => Err(e),
    }
}

/// The records of the sections of an analyses file that read whole and check, up to the first
/// that does not, and what is wrong with that one (if any): an append cut short spoils only its
/// own section.
pub fn sections(text: &str) -> (Vec<Entry<'_>>, Option<AnalysesError>) {
    let mut entries = Vec::new();
    // (line number, line with its newline)
    let mut lines = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l));
    let mut any = false;
    while let Some((line, header)) = lines.next() {
        if header.trim().is_empty() && !any {
            continue;
        }
        any = true;
        let section_start = entries.len();
        if let Err(e) = section(line, header, &mut lines, &mut entries) {
            entries.truncate(section_start);
            return (entries, Some(e));
        }
    }
    if !any {
        return (entries, Some(AnalysesError::Empty));
    }
    (entries, None)
}

/// Reads the section whose header is `header` (at `line`) from `lines`, adding its records to
/// `entries`.
fn section<'a>(
    line: usize,
    header: &'a str,
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    entries: &mut Vec<Entry<'a>>,
) -> Result<(), AnalysesError> {
    let parsed: Header = serde_json::from_str(header.trim_end())
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
    let mut hasher = Sha256::new();
    hasher.update(header.as_bytes());
    let section_start = entries.len();
    loop {
        let Some((n, l)) = lines.next() else {
            return Err(AnalysesError::Truncated { line });
        };
        if !l.ends_with('\n') {
            return Err(AnalysesError::Truncated { line });
        }
        if l.starts_with(KEY_PREFIX) {
            hasher.update(l.as_bytes());
            let key = l
                .get(KEY_PREFIX.len()..KEY_PREFIX.len() + 64)
                .filter(|k| k.bytes().all(|b| b.is_ascii_hexdigit()))
                .ok_or_else(|| AnalysesError::Record {
                    line: n,
                    reason: "the record's key is not 64 hexadecimal digits".to_owned(),
                })?;
            entries.push(Entry {
                line: n,
                key,
                json: l.trim_end(),
            });
            continue;
        }
        let trailer: Trailer =
            serde_json::from_str(l.trim_end()).map_err(|_| AnalysesError::Damaged { line: n })?;
        if trailer.records != entries.len() - section_start
            || trailer.sha256 != hex(&hasher.finalize())
        {
            return Err(AnalysesError::Damaged { line: n });
        }
        return Ok(());
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
    pub(crate) fn get(&self, key: &str) -> Option<Analyzed> {
        match self.by_key.get(key)?.decode() {
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
