//! Analyses files on disk (see [`kiosque_corpus::analyses`]): written whole beside their final
//! name then renamed over it, or appended to as a new section; and the rule of what may be
//! replaced. `kiosque analyze --out` and the analyses cache of `kiosque build` both use them.

use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use kiosque_corpus::analyses::{self, Encoding};

use crate::{atomic, output};

/// Records per section: a reader checks sections on every core.
const SECTION_RECORDS: usize = 1000;

/// Records made by [`analyses::encode_as`] `encoding` (JSON lines, or binary compact records)
/// written to `out` as sections (header, records, end line) of at most [`SECTION_RECORDS`]
/// records each; one empty section when there is no record.
pub fn sections(out: impl io::Write, lines: &[Vec<u8>], encoding: Encoding) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut chunks = lines.chunks(SECTION_RECORDS).peekable();
    if chunks.peek().is_none() {
        return analyses::Writer::with_encoding(&mut out, encoding)?
            .finish()
            .map(drop);
    }
    for chunk in chunks {
        let mut writer = analyses::Writer::with_encoding(&mut out, encoding)?;
        for line in chunk {
            writer.line(line)?;
        }
        writer.finish()?;
    }
    io::Write::flush(&mut out)
}

/// Writes the file as sections (see [`sections`]) beside its final name, then renames it over:
/// a reader never sees half of it, and `path` is whole or as it was.
pub fn replace(path: &Path, lines: &[Vec<u8>], encoding: Encoding) -> io::Result<()> {
    atomic::replace_file(path, |file| sections(file, lines, encoding))
}

/// Adds a section at the end of the file. Cut short, it makes the file unusable, which its next
/// reader detects (the section has no end line).
pub fn append(path: &Path, lines: &[Vec<u8>], encoding: Encoding) -> io::Result<()> {
    sections(
        fs::File::options().append(true).open(path)?,
        lines,
        encoding,
    )
}

/// Why a path may not be replaced by an analyses file.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// It is, or is inside, one of the inputs.
    #[error("{} is one of the inputs: refusing to replace it with analyses", .0.display())]
    Input(PathBuf),
    /// It is inside the site data directory.
    #[error("{} is inside the site data directory {}: refusing to write analyses there", .0.display(), .1.display())]
    InsideOutput(PathBuf, PathBuf),
    /// It holds something else.
    #[error("{} is not an analyses file: refusing to replace it", .0.display())]
    NotAnalyses(PathBuf),
}

/// Refuses a `path` that is one of the `inputs` (or inside one), inside `out`, or a file that
/// holds something other than analyses. A missing or empty file may be written.
pub fn check_replaceable(
    path: &Path,
    inputs: &[PathBuf],
    out: Option<&Path>,
) -> Result<(), Refused> {
    let real = real_path(path);
    if output::overlapping(&real, inputs).is_some() {
        return Err(Refused::Input(path.to_path_buf()));
    }
    if let Some(out) = out
        && real.starts_with(real_path(out))
    {
        return Err(Refused::InsideOutput(path.to_path_buf(), out.to_path_buf()));
    }
    let mut first = String::new();
    let read = fs::File::open(path)
        .map(io::BufReader::new)
        .and_then(|mut r| r.read_line(&mut first));
    if read.is_ok_and(|n| n > 0) && !analyses::is_header(&first) {
        return Err(Refused::NotAnalyses(path.to_path_buf()));
    }
    Ok(())
}

/// `path` with its links resolved ([`atomic::resolved`]), or as given where it cannot be.
fn real_path(path: &Path) -> PathBuf {
    atomic::resolved(path).unwrap_or_else(|_| path.to_path_buf())
}
