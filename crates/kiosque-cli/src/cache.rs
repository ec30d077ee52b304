//! The analyses cache of `kiosque build`: the analyses of the last build of an output, so that
//! building it again re-analyses only the articles that are new or changed.
//!
//! One analyses file (see [`kiosque_corpus::analyses`]), its records in the compact encoding
//! ([`Encoding::Compact`], binary: decoding them is most of a rebuild's reading; the file keeps
//! its `.analyses.jsonl` name, so that a cache of an older kiosque is found, warned about and
//! replaced), per output directory,
//! kept outside it
//! so that it is never served: `$KIOSQUE_CACHE_DIR`, else `$XDG_CACHE_HOME/kiosque`, else
//! `~/.cache/kiosque`, in `builds/<output's name>-<hash of its absolute path>.analyses.jsonl`.
//! An analysis is reused when its key (a SHA-256 of the document's text, format, metadata and
//! imported entities) matches, and only from a file written by this very extractor (same
//! version and code); a file that is damaged or foreign is not used at all, with a warning,
//! and is replaced. Writing it is best effort: a cache that cannot be written costs time, never
//! the build. Files of outputs not built for 30 days are removed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kiosque_corpus::Analyzed;
use kiosque_corpus::analyses::{self, AnalysesError, Cache, Encoding};
use kiosque_model::search::{Segment, ShardFile};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::Xxh3;

use crate::{analyses_file, atomic, message};

/// How long the cache of an output that is not built again is kept.
const KEEP: Duration = Duration::from_secs(30 * 24 * 3600);

/// The suffix of cache files.
const SUFFIX: &str = ".analyses.jsonl";

/// The suffix of the records of what builds wrote.
const WRITTEN_SUFFIX: &str = ".written";

/// The suffix of the records of the input files builds read whole.
const INPUTS_SUFFIX: &str = ".inputs";

/// The suffix of the records of the last builds ([`crate::unread::LastBuild`]).
const LAST_SUFFIX: &str = ".last";

/// The suffix of the records of what `kiosque pages` made of each body file.
const PAGES_SUFFIX: &str = ".pages";

/// The suffix of the records of what builds made of each article ([`read_built`]).
const BUILT_SUFFIX: &str = ".built";

/// The first word of a record of what a build made of each article, and its version.
const BUILT_HEADER: &str = "kiosque-built 1";

/// The suffix of the records of the search index's base segment ([`read_search_base`]).
const SEARCH_SUFFIX: &str = ".search";

/// The first word of a record of the search index's base segment, and its version.
const SEARCH_HEADER: &str = "kiosque-search-base 1";

/// Where the cache of builds lives, if anywhere: `$KIOSQUE_CACHE_DIR`, `$XDG_CACHE_HOME/kiosque`
/// or `$HOME/.cache/kiosque`.
pub fn directory() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("KIOSQUE_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("kiosque")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("kiosque")))
}

/// The cache file of the output directory `out`, in the cache `directory`.
pub fn file_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("builds"), out, SUFFIX)
}

/// The record of the files the last build wrote into the output directory `out`, in the cache
/// `directory` (see [`crate::output::Written`]): `written/`, named as its cache file.
pub fn written_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("written"), out, WRITTEN_SUFFIX)
}

/// The record of the input files the last build into the output directory `out` read whole, in
/// the cache `directory` (see [`crate::unread`]): `inputs/`, named as its cache file.
pub fn inputs_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("inputs"), out, INPUTS_SUFFIX)
}

/// The record of the last build into the output directory `out` (see
/// [`crate::unread::LastBuild`]), in the cache `directory`: beside its record of the inputs.
pub fn last_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("inputs"), out, LAST_SUFFIX)
}

/// The record of what the last `kiosque pages` into the dist `dist` made of each body file (see
/// [`crate::pages::kept`]), in the cache `directory`: `pages/`, named as a cache file.
pub fn pages_for(directory: &Path, dist: &Path) -> PathBuf {
    path_for(&directory.join("pages"), dist, PAGES_SUFFIX)
}

/// The record of what the last build into the output directory `out` made of each article (see
/// [`read_built`]), in the cache `directory`: beside its record of the files written.
pub fn built_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("written"), out, BUILT_SUFFIX)
}

/// The record of the search index's base segment the last build into the output directory `out`
/// made (see [`read_search_base`]), in the cache `directory`: beside its record of the files
/// written.
pub fn search_base_for(directory: &Path, out: &Path) -> PathBuf {
    path_for(&directory.join("written"), out, SEARCH_SUFFIX)
}

/// The header of a record of what a build made of each article: the record's format, and a
/// SHA-256 of this kiosque (version, extractor, and the stamp of its very executable: a built
/// key says what a body is made of, not how). None where the executable has no stamp.
fn built_header() -> Option<String> {
    executable_header(BUILT_HEADER)
}

/// `first` (a record's format) and a SHA-256 of this kiosque: its version, its extractor and the
/// stamp of its very executable. None where the executable has no stamp.
fn executable_header(first: &str) -> Option<String> {
    let exe = crate::unread::Stamp::of(&std::env::current_exe().ok()?)?;
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update([0]);
    hash.update(analyses::extractor().as_bytes());
    hash.update([0]);
    hash.update(format!("{exe:?}").as_bytes());
    Some(format!("{first} {}", analyses::hex(&hash.finalize())))
}

/// The search index's base segment the last build made ([`kiosque_corpus::Previous`]), from the
/// record at `path`: None when there is none, or it was made by another kiosque executable, or
/// it does not read as one, or any of its files is not what it says (named by the fingerprint
/// of the segment's files and its place, listed by its first term: [`Segment::of_shards`]). Then the base is built
/// again, nothing worse. The record: its header line, the base's key, its number of articles
/// and of files, one line each; then per file a line `<path> <length> <first term>` and its
/// bytes; last, the checksum of all that ([`analyses::checksum`]: XXH3-128, 32 hex digits) on
/// a line of its own.
pub fn read_search_base(path: &Path) -> Option<Segment> {
    let header = executable_header(SEARCH_HEADER)?;
    let bytes = fs::read(path).ok()?;
    // The record ends with the checksum of what comes before it and a newline.
    let body = bytes.len().checked_sub(33)?;
    let sum = analyses::checksum(&bytes[..body]);
    if bytes[body + 32] != b'\n' || sum.as_bytes() != &bytes[body..body + 32] {
        return None;
    }
    let mut rest = &bytes[..body];
    if take_line(&mut rest)? != header {
        return None;
    }
    let key = take_line(&mut rest)?.to_owned();
    let articles: u32 = take_line(&mut rest)?.parse().ok()?;
    let count: usize = take_line(&mut rest)?.parse().ok()?;
    let mut shards: Vec<ShardFile> = Vec::new();
    for _ in 0..count {
        let mut fields = take_line(&mut rest)?.splitn(3, ' ');
        let (path, length, first) = (fields.next()?, fields.next()?, fields.next()?);
        let (file, after) = rest.split_at_checked(length.parse().ok()?)?;
        shards.push(ShardFile {
            first: first.to_owned(),
            path: path.to_owned(),
            bytes: file.to_vec(),
        });
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    Segment::of_shards(key, 0..articles, shards)
}

/// The line at the start of `rest` (without its newline, as UTF-8), `rest` moved past it.
fn take_line<'a>(rest: &mut &'a [u8]) -> Option<&'a str> {
    let (line, after) = rest.split_at(rest.iter().position(|&b| b == b'\n')?);
    *rest = &after[1..];
    std::str::from_utf8(line).ok()
}

/// A writer that hashes what it writes (as [`analyses::checksum`] does).
struct Hashed<W>(W, Xxh3);

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.0.write(bytes)?;
        self.1.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Records `base`, the search index's base segment a build made, at `path` (see
/// [`read_search_base`]). Best effort: without it, the next build makes the base again.
pub fn save_search_base(path: &Path, base: &Segment) {
    let Some(header) = executable_header(SEARCH_HEADER) else {
        let _ = fs::remove_file(path);
        return;
    };
    let written = atomic::replace_file(path, |file| {
        let mut out = Hashed(io::BufWriter::new(file), Xxh3::new());
        writeln!(
            out,
            "{header}\n{}\n{}\n{}",
            base.key,
            base.articles.end,
            base.shards.len()
        )?;
        for shard in &base.shards {
            writeln!(out, "{} {} {}", shard.path, shard.bytes.len(), shard.first)?;
            out.write_all(&shard.bytes)?;
        }
        let Hashed(mut out, hash) = out;
        writeln!(out, "{}", analyses::checksum_of(&hash))?;
        out.flush()
    });
    if written.is_err() {
        let _ = fs::remove_file(path);
    }
}

/// What the last build made of each article, from the record at `path`
/// ([`kiosque_corpus::Kept`]: each body's fingerprint by the article's built key). Empty when
/// there is no record, or it was made by another kiosque executable, or it is damaged (it ends
/// with the checksum of its lines, [`analyses::checksum`]): then every body is fingerprinted
/// again, nothing worse.
pub fn read_built(path: &Path) -> kiosque_corpus::Kept {
    let mut kept = kiosque_corpus::Kept::new();
    let (Ok(text), Some(header)) = (fs::read_to_string(path), built_header()) else {
        return kept;
    };
    let Some((body, last)) = text.trim_end_matches('\n').rsplit_once('\n') else {
        return kept;
    };
    let mut lines = body.lines();
    if lines.next() != Some(header.as_str())
        || analyses::checksum(text.get(..body.len() + 1).unwrap_or_default().as_bytes()) != last
    {
        return kept;
    }
    for line in lines {
        let Some((key, hash)) = line.split_once(' ') else {
            return kiosque_corpus::Kept::new();
        };
        kept.insert(key.to_owned(), hash.to_owned());
    }
    kept
}

/// Records what `site` made of each article at `path` (see [`read_built`]). Best effort:
/// without it, the next build fingerprints every body.
pub fn save_built(path: &Path, site: &kiosque_corpus::Site) {
    let Some(header) = built_header() else {
        let _ = fs::remove_file(path);
        return;
    };
    let mut text = String::with_capacity(64 + site.built.len() * 52);
    text.push_str(&header);
    text.push('\n');
    for (key, summary) in site.built.iter().zip(&site.index.articles) {
        if let Some(hash) = &summary.body_hash {
            text.push_str(key);
            text.push(' ');
            text.push_str(hash);
            text.push('\n');
        }
    }
    let sum = analyses::checksum(text.as_bytes());
    text.push_str(&sum);
    text.push('\n');
    save_record(path, &text);
}

/// `<output's name>-<hash of its absolute path><suffix>` in `directory`.
fn path_for(directory: &Path, out: &Path, suffix: &str) -> PathBuf {
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let hash = Sha256::digest(absolute.as_os_str().as_encoded_bytes());
    let short = analyses::hex(&hash[..8]);
    let name: String = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    directory.join(format!("{name}-{short}{suffix}"))
}

/// A cache file's bytes, read whole (its records are binary: not checked as text); its
/// analyses are checked with [`Loaded::cache`].
#[derive(Debug, Default)]
pub struct Loaded {
    path: Option<PathBuf>,
    bytes: Vec<u8>,
}

impl Loaded {
    /// Reads the cache file at `path`; a file that is missing gives an empty cache, one that
    /// cannot be read is warned about.
    pub fn read(path: PathBuf) -> Loaded {
        match fs::read(&path) {
            Ok(bytes) => Loaded {
                path: Some(path),
                bytes,
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => Loaded::default(),
            Err(e) => {
                message::warning(format_args!(
                    "the analyses cache {} cannot be read ({e}): every article is analysed again",
                    path.display()
                ));
                Loaded::default()
            }
        }
    }

    /// The analyses it holds; none, with a warning, when the file is damaged or was written by
    /// another kiosque.
    pub fn cache(&self) -> Cache<'_> {
        let Some(path) = &self.path else {
            return Cache::default();
        };
        let (entries, error) = analyses::sections(&self.bytes);
        let Some(e) = error else {
            return Cache::new(entries);
        };
        let why = match e {
            AnalysesError::Extractor { .. }
            | AnalysesError::Version { .. }
            | AnalysesError::Encoding { .. } => "was made by another version of kiosque".to_owned(),
            e => format!("is damaged ({e})"),
        };
        let then = if entries.is_empty() {
            "every article is analysed again".to_owned()
        } else {
            format!(
                "the {} analyses before the damage are used, the others made again",
                entries.len()
            )
        };
        message::warning(format_args!(
            "the analyses cache {} {why}: {then}, and the cache is rebuilt",
            path.display()
        ));
        Cache::new(entries).spoilt()
    }
}

/// Keeps the analyses of this build in the cache at `path`: appends those the cache does not
/// hold yet as a new section, or rewrites the file with just this build's analyses when more
/// than half of what it holds is no longer used (or it held nothing usable). With `prune` (the
/// cache is in the cache directory, not a file the user named), then removes the cache files of
/// outputs not built for 30 days beside it. Failures are warned about: the build does not
/// depend on its cache.
pub fn save(path: &Path, articles: &[Analyzed], kept: &Cache<'_>, prune: bool) {
    let fresh: Vec<&Analyzed> = articles.iter().filter(|a| !kept.contains(&a.key)).collect();
    let used = articles.len() - fresh.len();
    let unused = kept.len().saturating_sub(used);
    let damage = kept.damage();
    if let Some(e) = &damage {
        message::warning(format_args!(
            "the analyses cache {} is damaged ({e}): the articles it held wrongly are analysed again and the cache is rebuilt",
            path.display()
        ));
    }
    let written = if kept.is_empty() || unused > used || kept.needs_rewrite() {
        let lines: Vec<Vec<u8>> = articles.par_iter().map(analyses::encode_compact).collect();
        analyses_file::replace(path, &lines, Encoding::Compact)
    } else if fresh.is_empty() {
        // Nothing to add; its date says it is in use (see `remove_unused`).
        fs::File::options()
            .append(true)
            .open(path)
            .and_then(|f| f.set_modified(SystemTime::now()))
    } else {
        let lines: Vec<Vec<u8>> = fresh
            .par_iter()
            .map(|a| analyses::encode_compact(a))
            .collect();
        analyses_file::append(path, &lines, Encoding::Compact)
    };
    if let Err(e) = written {
        message::warning(format_args!(
            "could not write the analyses cache {}: {e} (the next build analyses every article again)",
            path.display()
        ));
    }
    if prune && let Some(dir) = path.parent() {
        remove_unused(dir, path);
    }
}

/// Replaces the record at `path` (of written files, of inputs read) with `text` in one step,
/// creating its directory. Best effort: a record that cannot be written is removed, so that the
/// next build does not trust an old one.
pub fn save_record(path: &Path, text: &str) {
    if atomic::replace_file(path, |mut file| file.write_all(text.as_bytes())).is_err() {
        let _ = fs::remove_file(path);
    }
}

/// Marks the cache file or record at `path` as in use, for [`remove_unused`] (best effort).
pub fn touch(path: &Path) {
    let _ = fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()));
}

/// Removes the records beside `current` (see [`written_for`] and [`inputs_for`]) not modified
/// for 30 days, but never `current`.
pub fn remove_unused_records(current: &Path) {
    if let Some(dir) = current.parent() {
        remove_unused(dir, current);
    }
}

/// Removes cache files and records (and leftovers of interrupted writes) not modified for
/// [`KEEP`], but never `current`.
fn remove_unused(dir: &Path, current: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.ends_with(SUFFIX)
            || name.ends_with(WRITTEN_SUFFIX)
            || name.ends_with(INPUTS_SUFFIX)
            || name.ends_with(LAST_SUFFIX)
            || name.ends_with(BUILT_SUFFIX)
            || name.ends_with(SEARCH_SUFFIX)
            || name.ends_with(PAGES_SUFFIX)
            || (name.starts_with('.') && name.ends_with(".tmp"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > KEEP));
        if ours && old && path != current {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_output_has_its_own_file_named_after_it() {
        let dir = Path::new("/cache");
        let a = file_for(dir, Path::new("/site/public/data"));
        let b = file_for(dir, Path::new("/other/public/data"));
        assert_ne!(a, b);
        assert_eq!(a.parent(), Some(Path::new("/cache/builds")));
        let name = a
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("data-") && name.ends_with(SUFFIX),
            "{name}"
        );
        assert_eq!(a, file_for(dir, Path::new("/site/public/data")));
        let written = written_for(dir, Path::new("/site/public/data"));
        assert_eq!(written.parent(), Some(Path::new("/cache/written")));
        assert!(written.to_string_lossy().ends_with(WRITTEN_SUFFIX));
    }
}
