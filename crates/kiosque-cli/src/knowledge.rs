//! The built-in knowledge kept prepared beside the cache: parsing the extractor's data files
//! (tokenising and hashing some hundred thousand names) was 7% of the CPU of a rebuild that
//! adds 1% of articles; reading it back prepared (the maps built again, no name tokenised or
//! folded) costs about a third of that (docs/scale.md, fifteenth round).
//!
//! The file (`<cache directory>/knowledge/builtin.prepared`) is a first line naming the format
//! and the extractor's fingerprint (which covers the data files and the code that prepares
//! them), the [`Knowledge::prepared`] form, and a SHA-256 of everything before it. A file of
//! another kiosque, damaged or cut short is not used: the knowledge is parsed from the data
//! files, with a warning, and the file written again.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kiosque_extract::ner::knowledge::Knowledge;
use sha2::{Digest, Sha256};

use crate::{atomic, message};

/// Where the knowledge is kept prepared, when it is.
static FILE: OnceLock<PathBuf> = OnceLock::new();

/// The first word of the file, and its version.
const HEADER: &str = "kiosque-knowledge 1";

/// The prepared knowledge's file in the cache `directory`.
pub fn file_in(directory: &Path) -> PathBuf {
    directory.join("knowledge").join("builtin.prepared")
}

/// Makes [`builtin`] read the knowledge from `file`, or prepare it there. Without it (or once the
/// knowledge is made), [`builtin`] parses the data files and keeps nothing.
pub fn keep_in(file: PathBuf) {
    let _ = FILE.set(file);
}

/// The built-in knowledge ([`Knowledge::builtin`]), read from the file given to [`keep_in`] when
/// it holds this kiosque's, else parsed and kept there.
pub fn builtin() -> &'static Knowledge {
    Knowledge::init_builtin(|| match FILE.get() {
        Some(file) => load_or_prepare(file),
        None => Knowledge::from_sources(&Knowledge::builtin_sources()),
    })
}

/// The first line of this kiosque's file.
fn first_line() -> String {
    format!("{HEADER} {}\n", kiosque_corpus::analyses::extractor())
}

fn load_or_prepare(file: &Path) -> Knowledge {
    match fs::read(file) {
        Ok(bytes) => match open(&bytes) {
            Ok(knowledge) => return knowledge,
            Err(why) => message::warning(format_args!(
                "the prepared knowledge {} {why}: it is prepared again",
                file.display()
            )),
        },
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => message::warning(format_args!(
            "could not read the prepared knowledge {}: {e}: it is prepared again",
            file.display()
        )),
    }
    let knowledge = Knowledge::from_sources(&Knowledge::builtin_sources());
    if let Err(e) = save(file, &knowledge) {
        message::warning(format_args!(
            "could not keep the prepared knowledge {}: {e} (the next build prepares it again)",
            file.display()
        ));
    }
    knowledge
}

/// The knowledge of a file's bytes, or why they are not used.
fn open(bytes: &[u8]) -> Result<Knowledge, &'static str> {
    let first = first_line();
    let Some(rest) = bytes.strip_prefix(first.as_bytes()) else {
        return Err(if bytes.starts_with(HEADER.as_bytes()) {
            "was prepared by another kiosque"
        } else {
            "is not a prepared knowledge"
        });
    };
    if rest.len() < 32 {
        return Err("is cut short");
    }
    let (body, sum) = rest.split_at(rest.len() - 32);
    let mut hasher = Sha256::new();
    hasher.update(first.as_bytes());
    hasher.update(body);
    if hasher.finalize().as_slice() != sum {
        return Err("is damaged");
    }
    Knowledge::from_prepared(body).ok_or("is damaged")
}

/// Writes the knowledge prepared to `file` in one step (a file beside it, then renamed).
fn save(file: &Path, knowledge: &Knowledge) -> std::io::Result<()> {
    let first = first_line();
    let mut bytes = first.into_bytes();
    bytes.extend_from_slice(&knowledge.prepared());
    let sum = Sha256::digest(&bytes);
    bytes.extend_from_slice(&sum);
    let saved = atomic::replace_file(file, |mut out| out.write_all(&bytes));
    remove_leftovers(file);
    saved
}

/// Removes the staging files of writes that did not finish (a build that stopped early, as one
/// that finds nothing changed, ends while its knowledge is still being kept) once they are an
/// hour old: a write under way is never that old.
fn remove_leftovers(file: &Path) {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let leftover = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_name().to_string_lossy().ends_with(".tmp");
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if leftover && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_knowledge_is_read_back_and_a_spoilt_one_refused() {
        let dir = std::env::temp_dir().join(format!("kiosque-knowledge-{}", std::process::id()));
        let file = file_in(&dir);
        let made = Knowledge::from_sources(&Knowledge::builtin_sources());
        save(&file, &made).expect("saved");
        let bytes = fs::read(&file).expect("written");
        assert_eq!(open(&bytes).as_ref(), Ok(&made));
        // A name's capital made small: the tables still hold together, the checksum finds it.
        let mut spoilt = bytes.clone();
        let at = bytes
            .windows(7)
            .position(|w| w == b"Ukraine")
            .expect("a known name");
        spoilt[at] = b'u';
        assert!(Knowledge::from_prepared(&spoilt[first_line().len()..spoilt.len() - 32]).is_some());
        assert_eq!(open(&spoilt), Err("is damaged"));
        // Cut short.
        assert_eq!(open(&bytes[..bytes.len() - 100]), Err("is damaged"));
        assert_eq!(open(&bytes[..first_line().len() + 3]), Err("is cut short"));
        // Another kiosque's (another extractor): not read at all.
        let other = [
            b"kiosque-knowledge 1 0.0.0-0000000000000000\n".as_slice(),
            &bytes[first_line().len()..],
        ]
        .concat();
        assert_eq!(open(&other), Err("was prepared by another kiosque"));
        assert_eq!(open(b"{}"), Err("is not a prepared knowledge"));
        // A write that did not finish: removed once an hour old, not before.
        let (stale, fresh) = (
            file.with_file_name(".builtin.prepared.1.tmp"),
            file.with_file_name(".builtin.prepared.2.tmp"),
        );
        fs::write(&stale, b"cut").expect("write");
        fs::write(&fresh, b"under way").expect("write");
        let hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        fs::File::options()
            .append(true)
            .open(&stale)
            .and_then(|f| f.set_modified(hours_ago))
            .expect("dated");
        save(&file, &made).expect("saved");
        assert!(!stale.exists() && fresh.exists() && file.exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
