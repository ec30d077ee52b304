//! Replacing a directory as a whole, so that at every moment, even after a crash or a kill, its
//! path holds either the complete previous tree or the complete new one.
//!
//! The new tree is written into a hidden sibling, `.NAME.new-PID`, flushed to disk, and exchanged
//! with `NAME` in one step (`renameat2(RENAME_EXCHANGE)` on Linux, `RENAME_SWAP` on macOS). Where
//! the file system cannot exchange, `NAME` is renamed to `.NAME.old-PID` and the new tree renamed
//! in: a crash between the two renames leaves no `NAME`, which the next run repairs
//! (`output::recover`). What the tree must hold to count as complete is the caller's business.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::message;

/// A directory to be replaced: the path as given, and where it really is.
#[derive(Debug, Clone)]
pub struct Place {
    /// The path as the user gave it, for messages.
    pub shown: PathBuf,
    /// The absolute path with every symbolic link followed: a symlinked `--out` is replaced at
    /// its target, and the link is left as it is.
    pub real: PathBuf,
    /// The directory that holds `real`, where the temporary trees are made.
    pub parent: PathBuf,
    name: OsString,
}

/// The two kinds of temporary sibling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sibling {
    /// `.NAME.new-PID`: a tree being written (or, after an exchange, the previous tree).
    New,
    /// `.NAME.old-PID`: the previous tree, moved aside by the two-rename swap.
    Old,
}

impl Sibling {
    fn infix(self) -> &'static str {
        match self {
            Sibling::New => ".new-",
            Sibling::Old => ".old-",
        }
    }
}

impl Place {
    /// Resolves `out`, which need not exist yet (nor, for a dangling link, its target).
    pub fn resolve(out: &Path) -> io::Result<Place> {
        let real = real_path(out, 0)?;
        match (real.parent(), real.file_name()) {
            (Some(parent), Some(name)) => Ok(Place {
                shown: out.to_path_buf(),
                parent: parent.to_path_buf(),
                name: name.to_owned(),
                real,
            }),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is the root of the file system; give a directory inside it",
                    real.display()
                ),
            )),
        }
    }

    /// The path of this process's temporary sibling of `kind`.
    pub fn sibling(&self, kind: Sibling) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(&self.name);
        name.push(kind.infix());
        name.push(std::process::id().to_string());
        self.parent.join(name)
    }

    /// Temporary siblings left by earlier runs (of any process): directories only, never links.
    pub fn leftovers(&self) -> io::Result<Vec<(Sibling, PathBuf)>> {
        let mut found = Vec::new();
        for entry in fs::read_dir(&self.parent)? {
            let entry = entry?;
            let Some(kind) = self.sibling_kind(&entry.file_name()) else {
                continue;
            };
            if entry.file_type()?.is_dir() {
                found.push((kind, entry.path()));
            }
        }
        found.sort();
        Ok(found)
    }

    fn sibling_kind(&self, file_name: &OsStr) -> Option<Sibling> {
        let rest = file_name
            .as_encoded_bytes()
            .strip_prefix(b".")?
            .strip_prefix(self.name.as_encoded_bytes())?;
        [Sibling::New, Sibling::Old].into_iter().find(|kind| {
            rest.strip_prefix(kind.infix().as_bytes())
                .is_some_and(|pid| !pid.is_empty() && pid.iter().all(u8::is_ascii_digit))
        })
    }
}

/// Replaces the file `path` in one step: `write` fills a hidden sibling (`.NAME.PID.tmp`, its
/// directory made if need be), which is then renamed over `path`, so that a reader finds the
/// whole previous file or the whole new one. On an error the sibling is removed and `path` is
/// as it was.
pub fn replace_file(path: &Path, write: impl FnOnce(File) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let staging = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = File::create(&staging)
        .and_then(|file| {
            keep_permissions(&file, path);
            write(file)
        })
        .and_then(|()| fs::rename(&staging, path));
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

/// Gives `file`, about to replace the plain file at `path`, that file's permissions: best
/// effort (some file systems, FAT or network mounts, refuse modes), and never a link's target's.
fn keep_permissions(file: &File, path: &Path) {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.is_file()
    {
        let _ = file.set_permissions(meta.permissions());
    }
}

/// What [`Staging::put`] did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// It did not exist: written.
    New,
    /// It held other bytes (or was a link): replaced.
    Replaced,
    /// It already held these bytes: left untouched.
    Kept,
}

/// The hidden directory in which a run writes each file of a tree before renaming it into
/// place (`.kiosque-staging.PID-NANOS` at the tree's root), so that no file is ever seen half
/// written, under its name or beside it: what a killed run leaves is in that one directory,
/// which the next run removes. Removed when dropped.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    next: AtomicU64,
}

/// The name of a staging directory before its process id and time.
const STAGING: &str = ".kiosque-staging.";

/// Whether `name` is a staging directory's.
pub fn is_staging(name: &OsStr) -> bool {
    name.as_encoded_bytes()
        .strip_prefix(STAGING.as_bytes())
        .is_some_and(|rest| {
            !rest.is_empty() && rest.iter().all(|b| b.is_ascii_digit() || *b == b'-')
        })
}

impl Staging {
    /// Makes this process's staging directory in `root`. With `locked` (the caller holds the
    /// lock on `root`, [`lock`], so no other run is writing), the staging directories killed
    /// runs left are removed first (directories of that exact name only, never links); without
    /// it they are left, with a warning.
    pub fn new(root: &Path, locked: bool) -> io::Result<Staging> {
        for entry in fs::read_dir(root)? {
            let entry = entry?;
            if !is_staging(&entry.file_name()) || !entry.file_type()?.is_dir() {
                continue;
            }
            if locked {
                fs::remove_dir_all(entry.path())?;
            } else {
                message::warning(format_args!(
                    "{} may be another run's, since {} cannot be locked here: left in place (remove it once no kiosque runs)",
                    entry.path().display(),
                    root.display()
                ));
            }
        }
        // The process id and the time: unique even across hosts or containers sharing `root`.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = root.join(format!("{STAGING}{}-{nanos}", std::process::id()));
        fs::create_dir(&dir)?;
        Ok(Staging {
            dir,
            next: AtomicU64::new(0),
        })
    }

    /// Makes `path` hold `bytes`, touching it only if it holds something else: a new file, or a
    /// different one (or a link), is written here and renamed into place in one step (its
    /// directory made), so that a server reading it meanwhile never sends half of it, a link
    /// is replaced rather than written through, and a hard link to the previous file elsewhere
    /// (a deployment's snapshot) keeps the old bytes; a replaced file's permissions are kept.
    /// An equal file is left as it is, its modification time and inode with it.
    pub fn put(&self, path: &Path, bytes: &[u8]) -> io::Result<Put> {
        use std::io::Write;
        let existed = fs::symlink_metadata(path).ok();
        if let Some(meta) = &existed
            && meta.is_file()
            && meta.len() == bytes.len() as u64
            && fs::read(path).is_ok_and(|held| held == bytes)
        {
            return Ok(Put::Kept);
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let staged = self
            .dir
            .join(self.next.fetch_add(1, Ordering::Relaxed).to_string());
        let written = File::create_new(&staged).and_then(|mut file| {
            keep_permissions(&file, path);
            file.write_all(bytes)
        });
        pause("replace");
        let result = written.and_then(|()| fs::rename(&staged, path));
        if result.is_err() {
            let _ = fs::remove_file(&staged);
        }
        match result {
            Err(e) if e.kind() == io::ErrorKind::CrossesDevices => {
                return Err(io::Error::new(
                    e.kind(),
                    format!(
                        "{e}: its directory is on another file system than {}, where kiosque writes each file before moving it into place",
                        self.dir.parent().unwrap_or(&self.dir).display()
                    ),
                ));
            }
            other => other?,
        }
        Ok(if existed.is_some() {
            Put::Replaced
        } else {
            Put::New
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// `path` with its links resolved, as far as it exists: what it is or will be once created
/// (a dangling link is followed to its target).
pub fn resolved(path: &Path) -> io::Result<PathBuf> {
    real_path(path, 0)
}

fn real_path(path: &Path, depth: usize) -> io::Result<PathBuf> {
    if depth > 40 {
        return Err(io::Error::other("too many levels of symbolic links"));
    }
    let path = std::path::absolute(path)?;
    match fs::canonicalize(&path) {
        Ok(real) => return Ok(real),
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    // A dangling link: follow it to where its target will be.
    if let Ok(target) = fs::read_link(&path) {
        let base = path.parent().unwrap_or(Path::new("/"));
        return real_path(&base.join(target), depth + 1);
    }
    // Not there yet: resolve what holds it.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => Ok(real_path(parent, depth + 1)?.join(name)),
        _ => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} cannot be resolved to a directory", path.display()),
        )),
    }
}

/// An exclusive lock on a directory, held until dropped, so that two runs never work beside the
/// same output at once. Where the file system cannot lock, runs are not serialised.
#[derive(Debug)]
pub struct DirLock {
    /// The locked directory, open while the lock is held.
    file: Option<File>,
}

impl DirLock {
    /// Whether the lock is held (where the file system cannot lock, as on NFS, it is not).
    pub fn is_held(&self) -> bool {
        self.file.is_some()
    }
}

/// Whether `a` and `b` are the same directory, however each is reached (links, bind mounts):
/// one device and inode where the system gives them, else one canonical path.
pub fn same_dir(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return (a.dev(), a.ino()) == (b.dev(), b.ino());
        }
    }
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Locks `dir`, waiting (with a message) while another run holds it.
pub fn lock(dir: &Path) -> DirLock {
    let Ok(file) = File::open(dir) else {
        return DirLock { file: None };
    };
    let locked = match file.try_lock() {
        Ok(()) => true,
        Err(fs::TryLockError::WouldBlock) => {
            message::note(format_args!(
                "waiting for another kiosque run that is writing into {}",
                dir.display()
            ));
            file.lock().is_ok()
        }
        Err(fs::TryLockError::Error(_)) => false,
    };
    DirLock {
        file: locked.then_some(file),
    }
}

/// Flushes a tree just made under `root` to disk: the `files` written into it (files linked from
/// an earlier tree are on disk already) and its `dirs`.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn sync_tree(root: &Path, _files: &[PathBuf], _dirs: &[PathBuf]) -> io::Result<()> {
    // One call for the whole file system: at 10,000 files, 0.3 s where one fsync per file
    // takes 5 s. It flushes only what is dirty, so linked files cost nothing.
    rustix::fs::syncfs(File::open(root)?).map_err(io::Error::from)
}

/// Flushes a tree just made under `root` to disk: the `files` written into it (files linked from
/// an earlier tree are on disk already) and its `dirs`.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub fn sync_tree(_root: &Path, files: &[PathBuf], dirs: &[PathBuf]) -> io::Result<()> {
    use rayon::prelude::*;
    files
        .par_iter()
        .try_for_each(|f| File::options().write(true).open(f)?.sync_all())?;
    dirs.iter().try_for_each(|d| sync_dir(d))
}

/// Flushes a directory's entries (names created, renamed or removed in it) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        // Elsewhere a directory cannot be opened as a file; renames are journaled by the system.
        Ok(())
    }
}

/// Puts the complete tree at `new` in the place of `place.real`, in one step where the system
/// can. Returns where the previous tree now is, for the caller to remove, if there was one. On
/// error, `place.real` is as it was (or, if even putting it back failed, beside it for the next
/// run to restore).
pub fn swap_in(new: &Path, place: &Place) -> io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(&place.real).is_err() {
        fs::rename(new, &place.real)?;
        synced(&place.parent);
        return Ok(None);
    }
    if std::env::var_os(TEST_SWAP).is_none_or(|how| how != "rename") {
        match exchange(new, &place.real) {
            Ok(()) => {
                // `new` now holds the previous tree.
                synced(&place.parent);
                return Ok(Some(new.to_path_buf()));
            }
            // The file system or the kernel cannot exchange: rename twice.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) => {}
            Err(e) => return Err(e),
        }
    }
    let old = place.sibling(Sibling::Old);
    fs::rename(&place.real, &old)?;
    sync_dir(&place.parent)?;
    pause("swap-half");
    if let Err(e) = fs::rename(new, &place.real) {
        // Put the previous tree back; if even that fails, the next run restores it.
        let _ = fs::rename(&old, &place.real);
        return Err(e);
    }
    synced(&place.parent);
    Ok(Some(old))
}

/// Flushes the swap to disk. It is done either way: a failure to flush is said, not returned.
fn synced(parent: &Path) {
    if let Err(e) = sync_dir(parent) {
        message::warning(format_args!(
            "the new data is in place but {} could not be flushed to disk: {e}",
            parent.display()
        ));
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Fault injection for the tests: `KIOSQUE_TEST_PAUSE_AT=<point>` makes the process stop at that
/// point for a minute (saying so on standard error), so that a test can kill it exactly there.
const TEST_PAUSE: &str = "KIOSQUE_TEST_PAUSE_AT";

/// For the tests: `KIOSQUE_TEST_SWAP=rename` uses the two-rename swap even where the system can
/// exchange, so that its recovery is tested everywhere.
const TEST_SWAP: &str = "KIOSQUE_TEST_SWAP";

/// A named point where a test may stop the process (see [`TEST_PAUSE`]).
pub fn pause(point: &str) {
    if std::env::var_os(TEST_PAUSE).is_some_and(|p| p == point) {
        eprintln!("kiosque: paused at {point}");
        std::thread::sleep(Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_recognised_by_their_exact_shape() {
        let dir = tempfile::tempdir().expect("temp dir");
        let place = Place::resolve(&dir.path().join("data")).expect("resolves");
        assert_eq!(
            place.sibling_kind(OsStr::new(".data.new-123")),
            Some(Sibling::New)
        );
        assert_eq!(
            place.sibling_kind(OsStr::new(".data.old-9")),
            Some(Sibling::Old)
        );
        for other in [
            ".data.new-",
            ".data.new-12x",
            "data.new-1",
            ".datax.new-1",
            ".data",
        ] {
            assert_eq!(place.sibling_kind(OsStr::new(other)), None, "{other}");
        }
        let mine = place.sibling(Sibling::New);
        assert_eq!(
            place.sibling_kind(mine.file_name().expect("name")),
            Some(Sibling::New)
        );
    }

    #[cfg(unix)]
    #[test]
    fn put_keeps_an_equal_file_replaces_another_with_its_permissions_and_never_writes_through_a_link()
     {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().expect("temp dir");
        // What a killed run left is removed; a link of that name, or another name, is not.
        fs::create_dir(dir.path().join(".kiosque-staging.77-123")).expect("mkdir");
        fs::write(dir.path().join(".kiosque-staging.77-123/0"), "half a pa").expect("write");
        fs::create_dir(dir.path().join(".kiosque-staging.x")).expect("mkdir");
        std::os::unix::fs::symlink("elsewhere", dir.path().join(".kiosque-staging.78"))
            .expect("link");
        // Without the lock, another run's may be in use: left.
        drop(Staging::new(dir.path(), false).expect("staging"));
        assert!(dir.path().join(".kiosque-staging.77-123").exists());
        let staging = Staging::new(dir.path(), true).expect("staging");
        assert!(!dir.path().join(".kiosque-staging.77-123").exists());
        assert!(dir.path().join(".kiosque-staging.x").exists());
        assert!(fs::symlink_metadata(dir.path().join(".kiosque-staging.78")).is_ok());

        let page = dir.path().join("article/a-1/index.html");
        assert_eq!(staging.put(&page, b"old").expect("put"), Put::New);
        fs::set_permissions(&page, fs::Permissions::from_mode(0o664)).expect("chmod");
        let inode = fs::metadata(&page).expect("meta").ino();
        assert_eq!(staging.put(&page, b"old").expect("put"), Put::Kept);
        assert_eq!(fs::metadata(&page).expect("meta").ino(), inode);
        assert_eq!(staging.put(&page, b"new").expect("put"), Put::Replaced);
        assert_eq!(fs::read(&page).expect("read"), b"new");
        let meta = fs::metadata(&page).expect("meta");
        assert_ne!(meta.ino(), inode, "replaced in one step, not rewritten");
        assert_eq!(meta.permissions().mode() & 0o777, 0o664);
        // A link where a page goes is replaced by the page; its target is left alone.
        let target = dir.path().join("theirs");
        fs::write(&target, "theirs").expect("write");
        let linked = dir.path().join("linked.html");
        std::os::unix::fs::symlink(&target, &linked).expect("link");
        assert_eq!(staging.put(&linked, b"page").expect("put"), Put::Replaced);
        assert_eq!(fs::read(&target).expect("read"), b"theirs");
        assert!(fs::symlink_metadata(&linked).expect("meta").is_file());
        let own = staging.dir.clone();
        assert!(is_staging(own.file_name().expect("name")));
        assert_eq!(
            fs::read_dir(&own).expect("list").count(),
            0,
            "nothing left staged"
        );
        drop(staging);
        assert!(!own.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_resolves_to_its_future_target() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = fs::canonicalize(dir.path()).expect("canonical");
        std::os::unix::fs::symlink("releases/current", root.join("data")).expect("link");
        let place = Place::resolve(&root.join("data")).expect("resolves");
        assert_eq!(place.real, root.join("releases/current"));
        assert_eq!(place.parent, root.join("releases"));
    }

    #[test]
    fn exchange_or_two_renames_leave_the_new_tree_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let place = Place::resolve(&dir.path().join("data")).expect("resolves");
        fs::create_dir(&place.real).expect("mkdir");
        fs::write(place.real.join("a"), "old").expect("write");
        let new = place.sibling(Sibling::New);
        fs::create_dir(&new).expect("mkdir");
        fs::write(new.join("a"), "new").expect("write");
        let old = swap_in(&new, &place).expect("swap").expect("previous tree");
        assert_eq!(
            fs::read_to_string(place.real.join("a")).expect("read"),
            "new"
        );
        assert_eq!(fs::read_to_string(old.join("a")).expect("read"), "old");
    }
}
