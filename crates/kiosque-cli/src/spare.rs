//! Spare files: the files of a build's previous tree that no other name shares, kept in the
//! cache directory (never served) and written over by the next build instead of new files.
//!
//! Why: a rebuild writes the data files that changed into a new tree and removes the previous
//! tree's. On ext4, a file created soon after many were removed makes the inode allocator look
//! at every inode removed in the last minute or more before it takes one (`recently_deleted`),
//! under the directory's lock: at 10,000 articles a +1% rebuild that wrote about 1,000 files
//! seconds after the last one removed 1,300 spent up to 1.5 s of system time there, more than
//! its own work, and more with every rebuild of the minute. A spare is renamed into the new
//! tree and written over, its blocks reused: no inode is taken nor freed.
//!
//! Safety: a spare was swapped out of the served tree by an earlier build (a reader that opened
//! it before then may still be reading; one opening it by name since finds the new tree), is
//! written over only if it is a plain file with no other name (not a backup's `cp -al` link),
//! and is opened without following links. Where the cache is on another file system than the
//! site data, or the system has no link counts, there are no spares: files are written new and
//! the previous tree removed, as before.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The extension of the directory of an output's spares, beside its record of written files.
pub const EXTENSION: &str = "spare";

/// The directory of the spares of the output whose record of written files is `record`
/// (`written/<output>-<hash>.written`): `written/<output>-<hash>.spare`.
pub fn dir_beside(record: &Path) -> PathBuf {
    record.with_extension(EXTENSION)
}

/// The spare files of one output directory, taken in turn by the threads writing a new tree.
#[derive(Debug, Default)]
pub struct Spares {
    /// Where they are kept; none: no spares, files are written new.
    dir: Option<PathBuf>,
    /// The spare files there when the build started.
    files: Vec<PathBuf>,
    /// How many of them have been taken.
    taken: AtomicUsize,
}

impl Spares {
    /// The spares kept at `dir` for a tree written under `parent` (the output's parent
    /// directory): none unless both are on one file system (a spare is moved by a rename).
    pub fn open(dir: PathBuf, parent: &Path) -> Spares {
        if !cfg!(unix) || !same_device(&dir, parent) {
            return Spares::default();
        }
        let files = fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        Spares {
            dir: Some(dir),
            files,
            taken: AtomicUsize::new(0),
        }
    }

    /// Writes `bytes` at `path`, a new name in a new directory: into a spare file if one is
    /// left, else into a new file. Never opens a file already at `path`.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        while let Some(spare) = self.take() {
            // Gone (another build of this output took it) or not movable: the next one.
            if fs::rename(spare, path).is_err() {
                continue;
            }
            match write_over(path, bytes) {
                Ok(true) => return Ok(()),
                // Not a file of ours to write over: left out of the tree.
                Ok(false) | Err(_) => {
                    fs::remove_file(path)?;
                    break;
                }
            }
        }
        fs::File::create_new(path).and_then(|mut f| f.write_all(bytes))
    }

    fn take(&self) -> Option<&PathBuf> {
        self.dir.as_ref()?;
        self.files.get(self.taken.fetch_add(1, Ordering::Relaxed))
    }

    /// How many spares were not taken.
    fn left(&self) -> usize {
        self.files
            .len()
            .saturating_sub(self.taken.load(Ordering::Relaxed))
    }

    /// Removes `files`, those of a previous tree swapped out of the served place, keeping as
    /// spares those that no other name shares, as long as the spares (with those not taken)
    /// number at most `keep`: as many as the next build is likely to write. Spares not taken
    /// beyond `keep` are removed.
    pub fn retire(&self, files: &[PathBuf], keep: usize) -> io::Result<()> {
        use rayon::prelude::*;
        let Some(dir) = &self.dir else {
            return files.par_iter().try_for_each(fs::remove_file);
        };
        let left = self.left();
        let taken = self.taken.load(Ordering::Relaxed).min(self.files.len());
        for extra in self.files[taken..].iter().take(left.saturating_sub(keep)) {
            let _ = fs::remove_file(extra);
        }
        let room = AtomicUsize::new(keep.saturating_sub(left));
        let made = fs::create_dir_all(dir).is_ok();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let prefix = format!("{}-{stamp}", std::process::id());
        files.par_iter().enumerate().try_for_each(|(i, file)| {
            let spare = made
                && fs::symlink_metadata(file).is_ok_and(|m| m.is_file() && unshared(&m))
                && room
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                    .is_ok();
            if spare && fs::rename(file, dir.join(format!("{prefix}-{i}"))).is_ok() {
                return Ok(());
            }
            fs::remove_file(file)
        })
    }
}

/// Writes `bytes` over the file at `path`, if it is a plain file with no other name (told from
/// the open file, opened without following a link): Ok(false) otherwise.
fn write_over(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = open_no_follow(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() || !unshared(&meta) {
        return Ok(false);
    }
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    Ok(true)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::File::options()
        .write(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(_: &Path) -> io::Result<fs::File> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(unix)]
fn unshared(meta: &fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) == 1
}

#[cfg(not(unix))]
fn unshared(_: &fs::Metadata) -> bool {
    false
}

/// Whether `dir` (made if need be) and `other` are on one file system.
#[cfg(unix)]
fn same_device(dir: &Path, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let _ = fs::create_dir_all(dir);
    match (fs::metadata(dir), fs::metadata(other)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn tree(root: &Path, n: usize) -> Vec<PathBuf> {
        fs::create_dir_all(root).expect("file system");
        (0..n)
            .map(|i| {
                let path = root.join(format!("{i}.json"));
                fs::write(&path, format!("old content of file number {i}")).expect("file system");
                path
            })
            .collect()
    }

    #[test]
    fn a_retired_file_is_written_over_by_the_next_tree_and_holds_exactly_the_new_bytes() {
        let tmp = tempfile::tempdir().expect("file system");
        let old = tree(&tmp.path().join("old"), 3);
        let inodes: Vec<u64> = old
            .iter()
            .map(|p| fs::metadata(p).expect("file system").ino())
            .collect();
        let spare_dir = tmp.path().join("spare");
        Spares::open(spare_dir.clone(), tmp.path())
            .retire(&old, 10)
            .expect("file system");
        assert!(old.iter().all(|p| !p.exists()), "the old names are gone");
        let spares = Spares::open(spare_dir.clone(), tmp.path());
        let new = tmp.path().join("new");
        fs::create_dir(&new).expect("file system");
        // Shorter than what the spares held: nothing of the old bytes may be left at the end.
        for (i, bytes) in [&b"a"[..], b"bb", b"ccc", b"dddd"].iter().enumerate() {
            spares
                .write(&new.join(format!("{i}")), bytes)
                .expect("file system");
        }
        for (i, bytes) in [&b"a"[..], b"bb", b"ccc", b"dddd"].iter().enumerate() {
            assert_eq!(
                fs::read(new.join(format!("{i}"))).expect("file system"),
                *bytes
            );
        }
        let reused = (0..4)
            .filter(|i| {
                let ino = fs::metadata(new.join(format!("{i}")))
                    .expect("file system")
                    .ino();
                inodes.contains(&ino)
            })
            .count();
        assert_eq!(
            reused, 3,
            "the three spares were used, the fourth file is new"
        );
        assert_eq!(fs::read_dir(&spare_dir).expect("file system").count(), 0);
    }

    #[test]
    fn a_file_with_another_name_is_never_a_spare_nor_written_over() {
        let tmp = tempfile::tempdir().expect("file system");
        let old = tree(&tmp.path().join("old"), 2);
        // A backup made with `cp -al`: the first file has a second name.
        let backup = tmp.path().join("backup.json");
        fs::hard_link(&old[0], &backup).expect("file system");
        let spare_dir = tmp.path().join("spare");
        Spares::open(spare_dir.clone(), tmp.path())
            .retire(&old, 10)
            .expect("file system");
        assert_eq!(fs::read_dir(&spare_dir).expect("file system").count(), 1);
        // And one linked after it was retired is left as it is by the writer.
        let spare = fs::read_dir(&spare_dir)
            .expect("file system")
            .next()
            .expect("file system")
            .expect("file system")
            .path();
        let second = tmp.path().join("second-name.json");
        fs::hard_link(&spare, &second).expect("file system");
        let spares = Spares::open(spare_dir, tmp.path());
        let new = tmp.path().join("new");
        fs::create_dir(&new).expect("file system");
        spares
            .write(&new.join("x.json"), b"new")
            .expect("file system");
        assert_eq!(fs::read(new.join("x.json")).expect("file system"), b"new");
        assert_eq!(
            fs::read_to_string(&backup).expect("file system"),
            "old content of file number 0"
        );
        assert_eq!(
            fs::read_to_string(&second).expect("file system"),
            "old content of file number 1"
        );
    }

    #[test]
    fn a_link_among_the_spares_is_not_followed() {
        let tmp = tempfile::tempdir().expect("file system");
        let spare_dir = tmp.path().join("spare");
        fs::create_dir(&spare_dir).expect("file system");
        let target = tmp.path().join("precious.txt");
        fs::write(&target, "precious").expect("file system");
        std::os::unix::fs::symlink(&target, spare_dir.join("1")).expect("file system");
        let spares = Spares::open(spare_dir, tmp.path());
        let new = tmp.path().join("new");
        fs::create_dir(&new).expect("file system");
        spares
            .write(&new.join("x.json"), b"new")
            .expect("file system");
        assert_eq!(
            fs::read_to_string(&target).expect("file system"),
            "precious"
        );
        assert_eq!(fs::read(new.join("x.json")).expect("file system"), b"new");
        assert!(
            fs::symlink_metadata(new.join("x.json"))
                .expect("file system")
                .is_file()
        );
    }

    #[test]
    fn spares_are_kept_up_to_what_the_next_build_may_write() {
        let tmp = tempfile::tempdir().expect("file system");
        let spare_dir = tmp.path().join("spare");
        let old = tree(&tmp.path().join("old"), 5);
        Spares::open(spare_dir.clone(), tmp.path())
            .retire(&old, 2)
            .expect("file system");
        assert!(old.iter().all(|p| !p.exists()));
        assert_eq!(fs::read_dir(&spare_dir).expect("file system").count(), 2);
        // Two left untaken and a build that writes one: one kept, one more retired file too
        // many, so removed.
        let older = tree(&tmp.path().join("older"), 3);
        Spares::open(spare_dir.clone(), tmp.path())
            .retire(&older, 1)
            .expect("file system");
        assert_eq!(fs::read_dir(&spare_dir).expect("file system").count(), 1);
        assert!(older.iter().all(|p| !p.exists()));
    }
}
