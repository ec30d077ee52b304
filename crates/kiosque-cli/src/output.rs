//! Writing the site data directory: only over site data kiosque wrote, and atomically.
//!
//! A build replaces the output directory as a whole, so it first makes sure the directory holds
//! nothing but what kiosque writes: the files listed in its manifest, `kiosque-manifest.txt`,
//! which every build writes last. Data written before manifests existed (`index.json` and
//! `articles/<id>.json` only, with a kiosque `index.json`) is recognised by its shape. The new
//! tree is written beside the old one and swapped in complete ([`crate::atomic`]); what an
//! interrupted build left behind is repaired and removed by the next run ([`recover`]).
//!
//! The files are those of data contract 2 ([`kiosque_model::parts`]): `site.json`, the
//! content-named summary pages and entity parts, the body files (`bodies/<bucket>.json`), the
//! posting files (`postings/<bucket>.json`) and the search files.
//!
//! A rebuild reuses what it would write again unchanged: a file of the previous tree that holds
//! exactly what this build would write (its content-named parts, a body file whose articles and
//! entities are unchanged) is hard-linked into the new tree instead of being written anew
//! ([`Reuse`]). Nothing kiosque writes is ever changed in place, so the shared file is never
//! touched; removing the previous tree only drops its names.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use kiosque_model::parts::{BucketStamp, Parts, SITE_FILE};
use kiosque_model::stamp;
use rayon::prelude::*;
use thiserror::Error;

use crate::atomic::{self, Place, Sibling};
use crate::message;
use kiosque_corpus::{Site, timings};

/// The manifest: what kiosque wrote into the directory. Written last, so a tree that has it is
/// complete.
pub const MANIFEST: &str = "kiosque-manifest.txt";
/// The manifest while the tree is being written: the files about to be written, so that an
/// interrupted tree can be told from someone else's.
const PENDING: &str = "kiosque-manifest.pending";
/// The manifest's first line: its format and version.
const HEADER: &str = "kiosque-site-data 1";
const HEADER_PREFIX: &str = "kiosque-site-data ";

/// Why the site data could not be written.
#[derive(Debug, Error)]
pub enum OutputError {
    /// The output exists and is not Kiosque site data: refuse to replace it.
    #[error(
        "{} is not Kiosque site data ({why}); refusing to replace it, since a build replaces its output directory as a whole. Choose a new or empty directory for --out",
        path.display()
    )]
    NotSiteData {
        /// The output directory, as given.
        path: PathBuf,
        /// What is in it that kiosque did not write.
        why: String,
    },
    /// The output is, holds, or is inside one of the inputs.
    #[error(
        "--out {} {how} the input {}; refusing to write there, since a build replaces its output directory as a whole. Choose an --out outside the inputs, and inputs outside --out",
        out.display(), input.display()
    )]
    Overlap {
        /// The output directory, as given.
        out: PathBuf,
        /// The input, as given.
        input: PathBuf,
        /// "is", "contains" or "is inside".
        how: &'static str,
    },
    /// An I/O error on a path.
    #[error("{}: {error}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The error (shown in the message, not as a cause: it would be said twice).
        error: io::Error,
    },
    /// Serialisation failed (a bug).
    #[error("could not serialise the site data: {0}")]
    Json(#[from] serde_json::Error),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Checks, before any work, that a build of `inputs` may replace `out`, after repairing what an
/// interrupted build left beside it. Changes nothing else.
pub fn prepare(out: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    let place = Place::resolve(out).map_err(io_error(out))?;
    check_apart(&place, inputs)?;
    if !place.parent.is_dir() {
        return Ok(());
    }
    let _lock = atomic::lock(&place.parent);
    recover(&place)?;
    check_replaceable(&place).map(drop)
}

/// Repairs and removes what an interrupted build left beside `out`, without building, for a
/// caller that holds the lock on the directory that holds `out` ([`atomic::lock`]).
pub fn recover_locked(out: &Path) -> Result<(), OutputError> {
    let place = Place::resolve(out).map_err(io_error(out))?;
    if !place.parent.is_dir() {
        return Ok(());
    }
    recover(&place)
}

/// Writes `site` to `out` (`site.json`, its parts, the body and search files, and the manifest),
/// replacing what was there in one step. On error, `out` is as it was.
pub fn write_site(out: &Path, site: &Site) -> Result<(), OutputError> {
    write_site_recorded(out, site, None)
}

/// [`write_site`], keeping at `record` (outside the site data) what it wrote, so that the next
/// build into `out` can reuse the files left unchanged without reading them (see
/// [`Written`]). Writing the record is best effort: without it, the next build compares bytes.
pub fn write_site_recorded(
    out: &Path,
    site: &Site,
    record: Option<&Path>,
) -> Result<(), OutputError> {
    // Identities are read where the file system has them (see `Identity::of`); elsewhere bytes
    // are compared.
    let record = record.filter(|_| cfg!(unix));
    let place = Place::resolve(out).map_err(io_error(out))?;
    fs::create_dir_all(&place.parent).map_err(io_error(&place.parent))?;
    let _lock = atomic::lock(&place.parent);
    recover(&place)?;
    let reuse = match check_replaceable(&place)? {
        Tree::Complete(Some(manifest)) => Reuse {
            dir: place.real.clone(),
            recorded: record.and_then(Written::read).unwrap_or_default().files,
            listed: manifest.files,
        },
        _ => Reuse::default(),
    };

    let parts = Parts::new(&site.index, &site.bodies);
    timings::end("the data files made");
    let files = site_files(site, &parts);
    let staging = place.sibling(Sibling::New);
    // `recover` removed any leftover of ours at this name: one that is still there is not ours.
    fs::create_dir(&staging).map_err(io_error(&staging))?;
    let put = match write_tree(&staging, &files, (&parts, site), &reuse) {
        Ok(put) => put,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    atomic::pause("swap");
    let previous = match atomic::swap_in(&staging, &place) {
        Ok(previous) => previous,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(io_error(&place.shown)(e));
        }
    };
    if let Some(record) = record {
        Written::save(record, &files, &put);
    }
    timings::end("the new data swapped in");
    atomic::pause("cleanup");
    if let Some(previous) = previous
        && let Err(e) = remove_tree(&previous, "remove-half")
    {
        // The new data is in place; the next run removes what is left.
        message::warning(format_args!(
            "could not remove the previous data at {}: {e}",
            previous.display()
        ));
    }
    timings::end("the previous data removed");
    Ok(())
}

/// Threads that remove a tree's files, more than cores: removing a file mostly waits (on a file
/// system mounted with `discard`, for the device to trim each freed file's blocks), and the
/// waits overlap. On this 2-core machine (ext4 with `discard`) the 1,424 files of a
/// 10,000-article site's previous tree took 107–121 ms on two threads, a ninth of a +1%
/// rebuild, most of it at a third of a core (docs/scale.md, twenty-ninth round).
const REMOVERS: usize = 8;

/// Removes `files`, [`REMOVERS`] threads at once; the first error, once every thread is done.
fn remove_files(files: &[PathBuf]) -> io::Result<()> {
    let share = files.len().div_ceil(REMOVERS).max(1);
    std::thread::scope(|scope| {
        let removers: Vec<_> = (files.chunks(share))
            .map(|chunk| scope.spawn(|| chunk.iter().try_for_each(fs::remove_file)))
            .collect();
        let mut removed = Ok(());
        for remover in removers {
            let done = (remover.join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            removed = removed.and(done);
        }
        removed
    })
}

/// The text of the record of written files at `record` if the site data at `out` is still
/// exactly what the build that made that record wrote: complete (its manifest, nothing pending
/// beside it), holding the files its manifest lists and nothing else, each with the identity the
/// record gives it (see [`Identity`]: an edit changes it) and no other name (a file shared
/// with a backup could be changed through it). None when anything differs, or the file system
/// gives no identities. Reads no data file: a few hundred `stat`s.
pub fn intact(out: &Path, record: &Path) -> Option<String> {
    if !cfg!(unix) {
        return None;
    }
    let place = Place::resolve(out).ok()?;
    if !place.leftovers().ok()?.is_empty() {
        return None;
    }
    let text = fs::read_to_string(record).ok()?;
    let written = Written::parse(&text)?;
    let manifest_text = fs::read_to_string(place.real.join(MANIFEST)).ok()?;
    let manifest = Manifest::parse(&manifest_text).ok()?;
    if manifest.render() != manifest_text {
        return None;
    }
    if manifest.files.len() != written.files.len() {
        return None;
    }
    let expected_dirs = manifest.directories();
    // Every name in the tree: the manifest's files, their directories and the manifest.
    let mut dirs = vec![(place.real.clone(), String::new())];
    let mut files = 0;
    while let Some((dir, prefix)) = dirs.pop() {
        for entry in fs::read_dir(&dir).ok()? {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let relative = format!("{prefix}{name}");
            let kind = entry.file_type().ok()?;
            if kind.is_dir() && expected_dirs.contains(&relative) {
                dirs.push((entry.path(), format!("{relative}/")));
                continue;
            }
            let recorded = || {
                let (_, identity) = written.files.get(&relative)?;
                let meta = entry.metadata().ok()?;
                let now = Identity::of(&meta)?;
                Some(now == *identity && alone(&meta) && manifest.files.contains(&relative))
            };
            if !kind.is_file() || !(relative == MANIFEST || recorded() == Some(true)) {
                return None;
            }
            files += usize::from(relative != MANIFEST);
        }
    }
    (files == manifest.files.len()).then_some(text)
}

/// Removes the tree at `dir`, the files of all its directories at once by [`REMOVERS`] threads
/// (one after the other, the 10,000 files of the previous tree took ~50 ms). Links are removed, not
/// followed. Its manifest goes last, after every other file and directory: a removal killed
/// half-way leaves a tree that its manifest still says is kiosque's (or an empty directory),
/// which the next run removes ([`recover`]), never a tree of unlisted files it must leave.
/// `pause_point` names the moment its files are gone, for the tests ([`atomic::pause`]).
fn remove_tree(dir: &Path, pause_point: &str) -> io::Result<()> {
    let mut dirs = vec![dir.to_path_buf()];
    let (mut files, mut manifests) = (Vec::new(), Vec::new());
    let mut next = 0;
    while let Some(d) = dirs.get(next) {
        for entry in fs::read_dir(d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                dirs.push(entry.path());
            } else if next == 0 && (entry.file_name() == MANIFEST || entry.file_name() == PENDING) {
                manifests.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
        next += 1;
    }
    remove_files(&files)?;
    atomic::pause(pause_point);
    dirs[1..].iter().rev().try_for_each(fs::remove_dir)?;
    manifests.iter().try_for_each(fs::remove_file)?;
    fs::remove_dir(dir)
}

/// One file of the site data: its path relative to the data directory (`/`-separated) and
/// what it holds.
enum SiteFile<'a> {
    /// A file named for what it is, not for its content (`site.json`, `postings/<bucket>.json`):
    /// its path and its bytes, made by the build.
    Keyed(&'a str, &'a [u8]),
    /// A part named by a fingerprint of its content (`summaries/`, `entities/`, `search/`): its
    /// path and its bytes, made by the build.
    Named(&'a str, &'a [u8]),
    /// `cards/<stamp>.json`: its path, named by a stamp of what it shows, and its page,
    /// serialised only when it is written ([`Parts::card_page`]).
    Card(&'a str, usize),
    /// `bodies/<bucket>.json`: its path, its bucket, serialised only when it is written, and
    /// the stamp of its content ([`Parts::bucket_stamps`]).
    Bucket(String, usize, Option<BucketStamp>),
}

impl SiteFile<'_> {
    fn path(&self) -> &str {
        match self {
            SiteFile::Keyed(path, _) => path,
            SiteFile::Named(path, _) | SiteFile::Card(path, _) => path,
            SiteFile::Bucket(path, ..) => path,
        }
    }

    /// What the record of written files keeps to tell the file's content ([`Written`]): for
    /// `site.json` and the posting files a fingerprint of their bytes, for a part named by its content its name says
    /// it, for a body file the stamp of its articles and entities (nothing is serialised).
    fn key(&self) -> Option<String> {
        match self {
            SiteFile::Keyed(_, bytes) => Some(format!("{:016x}", stamp::fingerprint64(bytes))),
            SiteFile::Named(..) | SiteFile::Card(..) => Some("named".to_owned()),
            SiteFile::Bucket(_, _, stamp) => stamp.as_ref().map(BucketStamp::key),
        }
    }

    /// The file's bytes (with their final newline); a body file's bodies from `site`, which
    /// makes those not made yet ([`Site::body`]).
    fn bytes(&self, parts: &Parts<'_>, site: &Site) -> Vec<u8> {
        match self {
            SiteFile::Keyed(_, bytes) | SiteFile::Named(_, bytes) => bytes.to_vec(),
            SiteFile::Card(_, page) => parts.card_page(*page),
            SiteFile::Bucket(_, bucket, _) => parts.bucket_with(*bucket, |p| site.body(p)),
        }
    }

    /// The file's bytes made from `old`, the previous tree's file of the same name, where that
    /// one holds the same articles ([`Reuse::same_articles`]): a body file with its entity
    /// table made again ([`Parts::bucket_from`]). None for any other file.
    fn bytes_from(&self, parts: &Parts<'_>, old: &[u8]) -> Option<Vec<u8>> {
        match self {
            SiteFile::Bucket(_, bucket, Some(_)) => parts.bucket_from(*bucket, old),
            _ => None,
        }
    }
}

/// The files of the previous tree that may hold exactly what this build would write.
#[derive(Debug, Default)]
struct Reuse {
    /// The previous tree.
    dir: PathBuf,
    /// The files its manifest lists (none for a tree without manifest: nothing is reused).
    listed: BTreeSet<String>,
    /// What the build that wrote it recorded of its files ([`Written`]), if anything.
    recorded: HashMap<String, (String, Identity)>,
}

/// What a file put in the new tree cost, and what it is on disk.
#[derive(Debug, Clone)]
struct Put {
    /// Whether it was written (and so needs flushing), not linked.
    written: bool,
    /// Its identity once in place, if the file system tells.
    identity: Option<Identity>,
    /// Its key for the record ([`SiteFile::key`]).
    key: Option<String>,
}

impl Reuse {
    /// Puts `file` at `path` in the new tree: a hard link to the previous tree's file of the
    /// same name where that one holds exactly the bytes this build would write and the link can
    /// be made; else the file written anew. A file is known to hold those bytes by its identity
    /// (unchanged since kiosque wrote it with the same key: not read), or else by its bytes,
    /// compared: a file edited in place is never kept.
    fn put(
        &self,
        file: &SiteFile<'_>,
        (parts, site): (&Parts<'_>, &Site),
        path: &Path,
    ) -> Result<Put, OutputError> {
        let relative = file.path();
        let key = file.key();
        if !self.listed.contains(relative) {
            write_new(path, &file.bytes(parts, site))?;
            return Ok(Put {
                written: true,
                identity: identity_at(path),
                key,
            });
        }
        let old = native(&self.dir, relative);
        if let Some((recorded, identity)) = self.recorded.get(relative)
            && key.as_ref() == Some(recorded)
        {
            // Linked first, judged on the link: one look at the file, and it is the very file
            // put in the new tree.
            if let Some(linked) = link(&old, path) {
                if Identity::of(&linked) == Some(*identity) {
                    return Ok(Put {
                        written: false,
                        identity: Some(*identity),
                        key,
                    });
                }
                fs::remove_file(path).map_err(io_error(path))?;
            }
        }
        // A body file whose articles are those of the previous tree's (only its entity table
        // changed: other articles renamed an entity they mention) is made from that file.
        let kept = self.same_articles(file, &old);
        let bytes = kept
            .as_deref()
            .and_then(|old| file.bytes_from(parts, old))
            .unwrap_or_else(|| file.bytes(parts, site));
        let unchanged = match &kept {
            Some(old_bytes) => *old_bytes == bytes,
            None => fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes),
        };
        if unchanged && let Some(linked) = link(&old, path) {
            return Ok(Put {
                written: false,
                identity: Identity::of(&linked),
                key,
            });
        }
        write_new(path, &bytes)?;
        Ok(Put {
            written: true,
            identity: identity_at(path),
            key,
        })
    }

    /// The bytes of `old`, the previous tree's file for `file`, where `file` is a body file
    /// with the same articles as the one this record says kiosque wrote there
    /// ([`BucketStamp::same_articles`]) and `old` is still that file (its identity as
    /// recorded, told from the open file: what is read is what was judged).
    fn same_articles(&self, file: &SiteFile<'_>, old: &Path) -> Option<Vec<u8>> {
        let SiteFile::Bucket(relative, _, Some(stamp)) = file else {
            return None;
        };
        let (recorded, identity) = self.recorded.get(relative.as_str())?;
        if !stamp.same_articles(recorded) {
            return None;
        }
        let mut opened = fs::File::open(old).ok()?;
        if Identity::of(&opened.metadata().ok()?) != Some(*identity) {
            return None;
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut opened, &mut bytes).ok()?;
        Some(bytes)
    }
}

/// Writes `bytes` at `path`, a new name in a new directory: never opens (and truncates) a file
/// already there, which could be a link to the previous tree's file.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    fs::File::create_new(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(io_error(path))
}

/// The identity of the file at `path`, if the file system tells.
fn identity_at(path: &Path) -> Option<Identity> {
    fs::symlink_metadata(path)
        .ok()
        .and_then(|m| Identity::of(&m))
}

/// Makes `new` a hard link to the plain file `old`, and returns what it is. None, with nothing
/// left at `new`, where the file system cannot link (another device, no links, no
/// permission…), `old` is not a plain file, or it has a name outside the previous tree.
fn link(old: &Path, new: &Path) -> Option<fs::Metadata> {
    fs::hard_link(old, new).ok()?;
    // Checked on the link itself: `old` could have been replaced since it was judged.
    match fs::symlink_metadata(new) {
        Ok(m) if m.is_file() && only_ours(&m) => Some(m),
        _ => {
            // If even this fails, writing the file (never through what is there) says why.
            let _ = fs::remove_file(new);
            None
        }
    }
}

/// Where a file is and when it last changed: device, inode, size and modification time (to the
/// nanosecond). Writing into a file changes its modification time (once a time has been read,
/// as kiosque reads it right after writing, Linux stamps the next change finely), so a file
/// with the identity kiosque recorded when it wrote it still holds what kiosque wrote: only a
/// deliberate reset of the time (`touch -d`) together with the same size could hide an edit,
/// and that is forgery, not an accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Identity {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        Some(Identity {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
        })
    }

    #[cfg(not(unix))]
    fn of(_: &fs::Metadata) -> Option<Identity> {
        None
    }
}

/// What a build wrote into its site data, kept outside it (beside the analyses cache): for each
/// file, the key of what kiosque wrote into it ([`SiteFile::key`]) and its [`Identity`]. The
/// next build into the same output links such a file while its key and identity are unchanged,
/// without reading it. Every field is checked against the file system or the new build, so a record
/// that is damaged, stale or another output's only costs files written anew.
#[derive(Debug, Default)]
pub struct Written {
    /// By path relative to the data directory: (key, identity).
    files: HashMap<String, (String, Identity)>,
}

/// The first line of a record of written files.
const WRITTEN_HEADER: &str = "kiosque-written 2";

impl Written {
    /// The record at `path`; none if it is missing, unreadable or not a record.
    fn read(path: &Path) -> Option<Written> {
        Written::parse(&fs::read_to_string(path).ok()?)
    }

    fn parse(text: &str) -> Option<Written> {
        let mut lines = text.lines();
        if lines.next() != Some(WRITTEN_HEADER) {
            return None;
        }
        // A line that does not read is left out: its file is written anew.
        let files = lines
            .filter_map(|line| {
                let mut fields = line.splitn(7, '\t');
                let mut next = || fields.next();
                let hash = next()?.to_owned();
                let identity = Identity {
                    dev: next()?.parse().ok()?,
                    ino: next()?.parse().ok()?,
                    size: next()?.parse().ok()?,
                    mtime: next()?.parse().ok()?,
                    mtime_nsec: next()?.parse().ok()?,
                };
                Some((next()?.to_owned(), (hash, identity)))
            })
            .collect();
        Some(Written { files })
    }

    fn render(files: &[(&str, &str, Identity)]) -> String {
        let mut text = format!("{WRITTEN_HEADER}\n");
        for (path, hash, i) in files {
            let _ = writeln!(
                text,
                "{hash}\t{}\t{}\t{}\t{}\t{}\t{path}",
                i.dev, i.ino, i.size, i.mtime, i.mtime_nsec
            );
        }
        text
    }

    /// Records at `record` the files `write_tree` put (`files` and how each was `put`, in
    /// the same order), replacing the record in one step. Best effort: a record that cannot be
    /// written is removed (the next build then compares bytes).
    fn save(record: &Path, files: &[SiteFile<'_>], put: &[Put]) {
        let entries: Vec<(&str, &str, Identity)> = files
            .iter()
            .zip(put)
            .filter_map(|(file, put)| Some((file.path(), put.key.as_deref()?, put.identity?)))
            .collect();
        crate::cache::save_record(record, &Written::render(&entries));
    }
}

/// Whether a file has no other name than its own (no backup made with `cp -al` shares it).
#[cfg(unix)]
fn alone(meta: &fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) == 1
}

#[cfg(not(unix))]
fn alone(_: &fs::Metadata) -> bool {
    false
}

/// Whether a file just linked has no names but the previous tree's and the new one's: one
/// also named elsewhere (a backup made with `cp -al`, a deployment's `rsync --link-dest`) is
/// copied instead, so that the new site shares no file with anything but the tree it replaces.
#[cfg(unix)]
fn only_ours(meta: &fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) == 2
}

#[cfg(not(unix))]
fn only_ours(_: &fs::Metadata) -> bool {
    true
}

/// Every file a build writes, the manifest aside.
fn site_files<'a>(site: &'a Site, parts: &'a Parts<'_>) -> Vec<SiteFile<'a>> {
    let search = &site.search;
    let buckets = parts
        .bucket_stamps()
        .into_iter()
        .enumerate()
        .map(|(b, stamp)| SiteFile::Bucket(parts.bucket_path(b), b, stamp));
    std::iter::once(SiteFile::Keyed(SITE_FILE, &parts.site))
        .chain(
            (parts.postings.iter())
                .chain(&parts.profiles)
                .map(|(path, bytes)| SiteFile::Keyed(path, bytes)),
        )
        .chain(
            parts
                .named
                .iter()
                .map(|(path, bytes)| SiteFile::Named(path, bytes)),
        )
        .chain((parts.cards.iter().enumerate()).map(|(page, (path, _))| SiteFile::Card(path, page)))
        .chain(buckets)
        .chain(std::iter::once(SiteFile::Named(
            &search.meta_path,
            &search.meta,
        )))
        .chain(
            search
                .shards()
                .map(|(path, bytes)| SiteFile::Named(path, bytes)),
        )
        .collect()
}

fn native(dir: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(dir.to_path_buf(), |p, c| p.join(c))
}

/// Writes a complete tree into the new directory `dir`: the pending manifest first, then the
/// files (in parallel, body files each serialised as it is written, or linked where `reuse`
/// says so), then, once they are all on disk, the manifest under its final name. Returns how
/// each file was put (same order as `files`).
fn write_tree(
    dir: &Path,
    files: &[SiteFile<'_>],
    data: (&Parts<'_>, &Site),
    reuse: &Reuse,
) -> Result<Vec<Put>, OutputError> {
    let relative: Vec<String> = files.iter().map(|f| f.path().to_owned()).collect();
    let paths: Vec<PathBuf> = relative.iter().map(|f| native(dir, f)).collect();
    let manifest = Manifest {
        files: relative.into_iter().collect(),
    };
    let pending = dir.join(PENDING);
    fs::write(&pending, manifest.render()).map_err(io_error(&pending))?;
    let mut dirs: Vec<PathBuf> = manifest
        .directories()
        .iter()
        .map(|d| native(dir, d))
        .collect();
    drop(manifest);
    for d in &dirs {
        fs::create_dir_all(d).map_err(io_error(d))?;
    }
    let put = |(f, path): (&SiteFile<'_>, &PathBuf)| reuse.put(f, data, path);
    let half = files.len() / 2;
    let mut put_all: Vec<Put> = files[..half]
        .par_iter()
        .zip(&paths[..half])
        .map(put)
        .collect::<Result<_, _>>()?;
    atomic::pause("write");
    let rest: Vec<Put> = files[half..]
        .par_iter()
        .zip(&paths[half..])
        .map(put)
        .collect::<Result<_, _>>()?;
    put_all.extend(rest);
    // Linked files were flushed by the build that wrote them.
    let written: Vec<PathBuf> = paths
        .into_iter()
        .zip(&put_all)
        .filter_map(|(path, put)| put.written.then_some(path))
        .collect();
    dirs.push(dir.to_path_buf());
    timings::end("the data files written or linked");
    atomic::sync_tree(dir, &written, &dirs).map_err(io_error(dir))?;
    timings::end("the new data synced");
    atomic::pause("commit");
    let done = dir.join(MANIFEST);
    fs::rename(&pending, &done).map_err(io_error(&done))?;
    atomic::sync_dir(dir).map_err(io_error(dir))?;
    Ok(put_all)
}

/// What a manifest lists: the files kiosque wrote, relative to the data directory.
#[derive(Debug, Default, PartialEq, Eq)]
struct Manifest {
    files: BTreeSet<String>,
}

/// Why a manifest cannot be used.
#[derive(Debug, PartialEq, Eq)]
enum BadManifest {
    /// Written by a newer kiosque, in a format this one does not know.
    Newer(String),
    /// Not a kiosque manifest.
    Foreign,
}

impl Manifest {
    fn render(&self) -> String {
        let mut text = format!(
            "{HEADER}\n# Written by `kiosque build`: the files it wrote here. A build replaces this directory\n# only while it holds nothing else.\n"
        );
        for f in &self.files {
            text.push_str(f);
            text.push('\n');
        }
        text
    }

    fn parse(text: &str) -> Result<Manifest, BadManifest> {
        let mut lines = text.lines();
        match lines.next() {
            Some(HEADER) => {}
            Some(h) if h.starts_with(HEADER_PREFIX) => {
                return Err(BadManifest::Newer(h.to_owned()));
            }
            _ => return Err(BadManifest::Foreign),
        }
        let mut files = BTreeSet::new();
        for line in lines.filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let plain =
                |c: &str| !c.is_empty() && c != "." && c != ".." && !c.contains(['\\', '\0']);
            if !line.split('/').all(plain) || [MANIFEST, PENDING].contains(&line) {
                return Err(BadManifest::Foreign);
            }
            files.insert(line.to_owned());
        }
        Ok(Manifest { files })
    }

    /// The directories that hold the listed files, parents first.
    fn directories(&self) -> BTreeSet<String> {
        let mut dirs = BTreeSet::new();
        for f in &self.files {
            let mut end = 0;
            while let Some(slash) = f[end..].find('/') {
                end += slash;
                dirs.insert(f[..end].to_owned());
                end += 1;
            }
        }
        dirs
    }
}

/// How a directory's content relates to kiosque.
#[derive(Debug)]
enum Tree {
    /// Nothing there.
    Missing,
    /// An empty directory.
    Empty,
    /// Complete site data: with its manifest, or (`None`) written before manifests existed.
    Complete(Option<Manifest>),
    /// A tree being written (or written by kiosque before manifests): nothing foreign in it.
    Ours,
    /// Something kiosque did not write, and why.
    Foreign(String),
}

/// Judges the tree at `dir`. With `legacy_index`, a tree without manifest must also have a
/// kiosque `index.json` naming every article file (what an older kiosque left as output).
fn judge(dir: &Path, legacy_index: bool) -> io::Result<Tree> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Tree::Missing),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(Tree::Foreign("it is not a directory".to_owned()));
    }
    if fs::read_dir(dir)?.next().is_none() {
        return Ok(Tree::Empty);
    }
    for (name, complete) in [(MANIFEST, true), (PENDING, false)] {
        let path = dir.join(name);
        if !path.is_file() {
            continue;
        }
        let manifest = match Manifest::parse(&fs::read_to_string(&path).unwrap_or_default()) {
            Ok(m) => m,
            Err(BadManifest::Newer(header)) => {
                return Ok(Tree::Foreign(format!(
                    "its {name} says {header:?}: it was written by a newer kiosque; use that version"
                )));
            }
            Err(BadManifest::Foreign) => {
                return Ok(Tree::Foreign(format!(
                    "its {name} was not written by kiosque"
                )));
            }
        };
        let dirs = manifest.directories();
        // The listed files seen by the walk, which sees every entry once and only plain files
        // and directories: all there when as many as listed (no second look at each file).
        let listed = std::cell::Cell::new(0_usize);
        let allowed = |rel: &str, is_dir: bool| {
            if is_dir {
                dirs.contains(rel)
            } else if manifest.files.contains(rel) {
                listed.set(listed.get() + 1);
                true
            } else {
                rel == name
            }
        };
        if let Some(foreign) = first_foreign(dir, &allowed)? {
            return Ok(Tree::Foreign(foreign));
        }
        let has_all = listed.get() == manifest.files.len();
        return Ok(if complete && has_all {
            Tree::Complete(Some(manifest))
        } else {
            Tree::Ours
        });
    }
    // No manifest: what kiosque wrote before it had one.
    let article_file = |rel: &str| {
        rel.strip_prefix("articles/")
            .and_then(|f| f.strip_suffix(".json"))
            .is_some_and(is_article_id)
    };
    let allowed = |rel: &str, is_dir: bool| {
        if is_dir {
            rel == "articles"
        } else {
            rel == "index.json" || article_file(rel)
        }
    };
    if let Some(foreign) = first_foreign(dir, &allowed)? {
        return Ok(Tree::Foreign(foreign));
    }
    if !legacy_index {
        return Ok(Tree::Ours);
    }
    let Some(ids) = legacy_article_ids(&dir.join("index.json")) else {
        return Ok(Tree::Foreign(
            "it has no kiosque-manifest.txt and no index.json written by kiosque".to_owned(),
        ));
    };
    for entry in fs::read_dir(dir.join("articles")).into_iter().flatten() {
        let name = entry?.file_name();
        let id = name.to_str().and_then(|n| n.strip_suffix(".json"));
        if !id.is_some_and(|id| ids.contains(id)) {
            return Ok(Tree::Foreign(format!(
                "{} is not an article of its index.json",
                shown(&Path::new("articles").join(&name))
            )));
        }
    }
    Ok(Tree::Complete(None))
}

/// The ids of the articles of an `index.json` that kiosque wrote, or `None` for another file.
fn legacy_article_ids(index: &Path) -> Option<BTreeSet<String>> {
    let text = fs::read_to_string(index).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    if !value["generator"]
        .as_str()
        .is_some_and(|g| g.starts_with("kiosque"))
        || !value["schema_version"].is_string()
    {
        return None;
    }
    value["articles"]
        .as_array()?
        .iter()
        .map(|a| a["id"].as_str().map(str::to_owned))
        .collect()
}

fn is_article_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The first entry under `dir` (in name order, depth first) that `allowed(relative path,
/// is_dir)` rejects, or that is neither a plain file nor a directory (a link, a socket…), said
/// for a message.
fn first_foreign(dir: &Path, allowed: &dyn Fn(&str, bool) -> bool) -> io::Result<Option<String>> {
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let mut entries: Vec<_> = fs::read_dir(dir.join(&rel))?.collect::<Result<_, _>>()?;
        entries.sort_by_key(fs::DirEntry::file_name);
        for entry in entries {
            let path = rel.join(entry.file_name());
            let kind = entry.file_type()?;
            let key = path
                .to_str()
                .map(|p| p.replace(std::path::MAIN_SEPARATOR, "/"));
            let ok = (kind.is_dir() || kind.is_file())
                && key.is_some_and(|k| allowed(&k, kind.is_dir()));
            if !ok {
                let what = if kind.is_symlink() {
                    "a symbolic link"
                } else if kind.is_dir() {
                    "a directory"
                } else {
                    "a file"
                };
                return Ok(Some(format!(
                    "it holds {}, {what} kiosque did not write",
                    shown(&path)
                )));
            }
            if kind.is_dir() {
                stack.push(path);
            }
        }
    }
    Ok(None)
}

/// A path from the file system, quoted and with control characters escaped, for a message.
fn shown(path: &Path) -> String {
    format!("{:?}", path.to_string_lossy())
}

/// Refuses an `out` that is, holds or is inside one of the inputs.
fn check_apart(place: &Place, inputs: &[PathBuf]) -> Result<(), OutputError> {
    match overlapping(&place.real, inputs) {
        Some((input, how)) => Err(OutputError::Overlap {
            out: place.shown.clone(),
            input: input.clone(),
            how,
        }),
        None => Ok(()),
    }
}

/// The first of `inputs` (links followed) that the resolved path `real` is, holds or is inside,
/// and which of these ("is", "contains", "is inside").
pub fn overlapping<'a>(real: &Path, inputs: &'a [PathBuf]) -> Option<(&'a PathBuf, &'static str)> {
    inputs.iter().find_map(|input| {
        let input_real = fs::canonicalize(input).ok()?;
        let how = if input_real == real {
            "is"
        } else if input_real.starts_with(real) {
            "contains"
        } else if real.starts_with(&input_real) {
            "is inside"
        } else {
            return None;
        };
        Some((input, how))
    })
}

/// Refuses to replace anything but missing, empty or kiosque site data; says which it is.
fn check_replaceable(place: &Place) -> Result<Tree, OutputError> {
    match judge(&place.real, true).map_err(io_error(&place.shown))? {
        Tree::Foreign(why) => Err(OutputError::NotSiteData {
            path: place.shown.clone(),
            why,
        }),
        // Files missing from kiosque's data lose nothing when it is replaced.
        tree @ (Tree::Missing | Tree::Empty | Tree::Complete(_) | Tree::Ours) => Ok(tree),
    }
}

/// Repairs what interrupted builds left beside `place`: if the directory is missing, puts back
/// the newest complete tree (the new one if it was complete, else the previous one); removes
/// the other leftovers that hold only what kiosque writes, and says so; leaves anything else.
fn recover(place: &Place) -> Result<(), OutputError> {
    let leftovers = place.leftovers().map_err(io_error(&place.parent))?;
    if leftovers.is_empty() {
        return Ok(());
    }
    let mut judged = Vec::new();
    for (kind, path) in leftovers {
        let tree = judge(&path, false).map_err(io_error(&path))?;
        judged.push((kind, path, tree));
    }
    if fs::symlink_metadata(&place.real).is_err() {
        let newest = |wanted: Sibling, complete_only: bool| {
            judged
                .iter()
                .filter(|(kind, _, tree)| {
                    *kind == wanted
                        && match tree {
                            Tree::Complete(_) => true,
                            Tree::Ours | Tree::Empty => !complete_only,
                            Tree::Missing | Tree::Foreign(_) => false,
                        }
                })
                .max_by_key(|(_, path, _)| fs::metadata(path).and_then(|m| m.modified()).ok())
                .map(|(_, path, _)| path.clone())
        };
        if let Some(restore) = newest(Sibling::New, true).or_else(|| newest(Sibling::Old, false)) {
            fs::rename(&restore, &place.real).map_err(io_error(&place.shown))?;
            atomic::sync_dir(&place.parent).map_err(io_error(&place.parent))?;
            message::warning(format_args!(
                "{} was missing after an interrupted build: restored it from {}",
                place.shown.display(),
                restore.display()
            ));
            judged.retain(|(_, path, _)| *path != restore);
        }
    }
    for (_, path, tree) in judged {
        match tree {
            Tree::Foreign(why) => message::warning(format_args!(
                "{} is named like the leftover of an interrupted build but {why}: left in place",
                path.display()
            )),
            Tree::Missing => {}
            Tree::Complete(_) | Tree::Ours | Tree::Empty => {
                match remove_tree(&path, "recover-half") {
                    Ok(()) => message::warning(format_args!(
                        "removed {}, left by an interrupted build",
                        path.display()
                    )),
                    Err(e) => message::warning(format_args!(
                        "could not remove {}, left by an interrupted build: {e}",
                        path.display()
                    )),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    use kiosque_corpus::Source;
    use kiosque_extract::ner::knowledge::Knowledge;
    use kiosque_extract::source::{Document, Meta};

    /// The site of two short articles.
    fn site() -> Site {
        let source = |name: &str, text: &str| Source {
            origin: kiosque_corpus::Origin::new(std::path::Path::new(name), None),
            file_stem: Some(name.to_owned()),
            document: Document {
                text: text.to_owned(),
                meta: Meta {
                    lang: Some("fr".to_owned()),
                    ..Meta::default()
                },
                ..Document::default()
            },
        };
        kiosque_corpus::build(
            vec![
                source(
                    "a",
                    "Kiev\n\nLa Russie a frappé Kiev lundi, a dit Volodymyr Zelensky.",
                ),
                source(
                    "b",
                    "Trump\n\nDonald Trump a parlé à Vladimir Poutine de l’Ukraine.",
                ),
            ],
            Knowledge::builtin(),
        )
    }

    /// The files of the tree at `dir` but its manifest: (relative path, bytes, inode).
    #[cfg(unix)]
    fn articles(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
        use std::os::unix::fs::MetadataExt;
        let manifest = Manifest::parse(&fs::read_to_string(dir.join(MANIFEST)).expect("manifest"))
            .expect("a manifest");
        manifest
            .files
            .into_iter()
            .map(|name| {
                let path = native(dir, &name);
                let ino = fs::metadata(&path).expect("metadata").ino();
                (name, (fs::read(&path).expect("read"), ino))
            })
            .collect()
    }

    #[test]
    fn a_tree_is_removed_by_many_threads_and_a_missing_file_is_said() {
        let dir = tempfile::tempdir().expect("temp dir");
        let tree = dir.path().join("tree");
        for sub in ["", "bodies", "search", "cards/a"] {
            fs::create_dir_all(tree.join(sub)).expect("dir");
        }
        // More files than removers, in several directories, and the manifest last.
        for n in 0..50 {
            let sub = ["bodies", "search", "cards/a"][n % 3];
            fs::write(tree.join(sub).join(format!("{n}.json")), "{}").expect("write");
        }
        fs::write(tree.join(MANIFEST), HEADER).expect("manifest");
        remove_tree(&tree, "test").expect("removed");
        assert!(!tree.exists(), "the tree is gone, directories and all");

        let files: Vec<PathBuf> = (0..20).map(|n| dir.path().join(format!("{n}"))).collect();
        for file in files.iter().filter(|f| !f.ends_with("7")) {
            fs::write(file, "x").expect("write");
        }
        let error = remove_files(&files).expect_err("one file was missing");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(!files[19].exists(), "the other removers went on");
    }

    #[cfg(unix)]
    #[test]
    fn a_recorded_file_is_linked_unread_and_one_edited_since_is_written_anew() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (out, record) = (
            dir.path().join("data"),
            dir.path().join("cache/data.written"),
        );
        let site = site();
        for record in [Some(record.as_path()), None] {
            write_site_recorded(&out, &site, record).expect("written");
            let first = articles(&out);
            assert!(first.len() > 4, "{:?}", first.keys());
            assert!(first.contains_key("site.json") && first.contains_key("bodies/0.json"));
            // One file edited in place, its length kept: its identity changes, not its name.
            let edited = "bodies/0.json";
            let bytes = &first[edited].0;
            let changed: Vec<u8> = bytes
                .iter()
                .map(|&b| if b == b'a' { b'e' } else { b })
                .collect();
            assert_ne!(&changed, bytes);
            fs::write(native(&out, edited), &changed).expect("edit");

            write_site_recorded(&out, &site, record).expect("written again");
            let second = articles(&out);
            for (name, (bytes, ino)) in &first {
                let (now, now_ino) = &second[name];
                assert_eq!(now, bytes, "{name} holds what the build writes");
                if name == edited {
                    assert_ne!(now_ino, ino, "the edited {name} is written anew");
                } else {
                    assert_eq!(now_ino, ino, "the unchanged {name} is linked");
                }
            }
        }
        let written = Written::read(&record).expect("a record");
        assert_eq!(written.files.len(), articles(&out).len());
    }

    #[cfg(unix)]
    #[test]
    fn a_damaged_record_only_costs_files_written_anew() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (out, record) = (dir.path().join("data"), dir.path().join("data.written"));
        let site = site();
        write_site_recorded(&out, &site, Some(&record)).expect("written");
        let clean = articles(&out);
        // Every number off by one, then lines cut short.
        let text = fs::read_to_string(&record).expect("record");
        let damaged: String = text
            .lines()
            .map(|l| {
                l.split('\t')
                    .map(|f| {
                        f.parse::<u64>()
                            .map_or(f.to_owned(), |n| (n + 1).to_string())
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n");
        for bad in [
            damaged,
            text.replace('\t', " "),
            text[..text.len() / 2].to_owned(),
        ] {
            fs::write(&record, bad).expect("damage");
            write_site_recorded(&out, &site, Some(&record)).expect("written again");
            let again = articles(&out);
            for (name, (bytes, _)) in &clean {
                assert_eq!(&again[name].0, bytes, "{name}");
            }
        }
    }

    #[test]
    fn a_record_reads_back_and_skips_lines_that_do_not_read() {
        let identity = Identity {
            dev: 1,
            ino: 2,
            size: 3,
            mtime: 4,
            mtime_nsec: 5,
        };
        let text = Written::render(&[("articles/a b.json", "00ff", identity)]);
        let written = Written::parse(&format!("{text}garbage\n1\t2\n")).expect("a record");
        assert_eq!(written.files.len(), 1);
        assert_eq!(
            written.files["articles/a b.json"],
            ("00ff".to_owned(), identity)
        );
        // A record of data contract 1's files, or of a later kiosque's, is not read.
        assert!(Written::parse("kiosque-written 1\n").is_none());
        assert!(Written::parse("kiosque-written 3\n").is_none());
    }

    #[test]
    fn a_manifest_reads_back_what_it_lists() {
        let manifest = Manifest {
            files: ["index.json", "articles/a.json", "search/x/y.bin"]
                .map(String::from)
                .into(),
        };
        assert_eq!(Manifest::parse(&manifest.render()), Ok(manifest));
    }

    #[test]
    fn a_manifest_never_lists_paths_outside_its_directory() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a//b",
            "a/./b",
            "kiosque-manifest.txt",
        ] {
            assert_eq!(
                Manifest::parse(&format!("{HEADER}\n{bad}\n")),
                Err(BadManifest::Foreign),
                "{bad}"
            );
        }
        assert_eq!(
            Manifest::parse("kiosque-site-data 2\nindex.json\n"),
            Err(BadManifest::Newer("kiosque-site-data 2".into()))
        );
        assert_eq!(Manifest::parse("index.json\n"), Err(BadManifest::Foreign));
    }

    #[test]
    fn directories_are_the_parents_of_listed_files() {
        let manifest = Manifest {
            files: ["index.json", "articles/a.json", "search/x/y.bin"]
                .map(String::from)
                .into(),
        };
        assert_eq!(
            manifest.directories(),
            ["articles", "search", "search/x"].map(String::from).into()
        );
    }
}
