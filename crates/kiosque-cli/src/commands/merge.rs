//! `kiosque merge`: the corpus half of `build` (the merge of a sharded build). Reads the
//! analyses files of `kiosque analyze`, links all their articles and writes the site data as
//! `build` does: the same site, byte for byte, as `build` of all the inputs.

use std::path::{Path, PathBuf};
use std::time::Instant;

use kiosque_corpus::{Analyzed, analyses};
use rayon::prelude::*;

use crate::commands::build::unchanged;
use crate::commands::build::{KnowledgeFn, print_summary, publish};
use crate::output;

/// Merges the analyses `files` (`-`: standard input) into the site data `out`. Any file that
/// cannot be read, is damaged or was written by another kiosque stops the merge before
/// anything is written. Known entities are named in `names` as [`crate::commands::build::BuildOptions`]
/// says. Nothing but errors is printed if `quiet`; every warning if `all_messages`, else the first
/// of each kind and how many more.
pub fn run(
    files: &[PathBuf],
    out: &Path,
    (quiet, all_messages): (bool, bool),
    knowledge: KnowledgeFn,
    names: Option<&str>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    output::prepare(out, files)?;
    let texts: Vec<Vec<u8>> = files
        .par_iter()
        .map(|file| read(file))
        .collect::<anyhow::Result<_>>()?;
    let entries: Vec<Vec<analyses::Entry<'_>>> = texts
        .par_iter()
        .zip(files)
        .map(|(text, file)| {
            analyses::parse(text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}; nothing was written{}",
                    file.display(),
                    unchanged(out)
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let decoded: Vec<Analyzed> = entries
        .par_iter()
        .zip(files)
        .flat_map(|(entries, file)| entries.par_iter().map(move |e| (e, file)))
        .map(|(entry, file)| {
            entry.decode().map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e}; nothing was written{}",
                    file.display(),
                    unchanged(out)
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    drop(entries);
    drop(texts);
    let (articles, copies) = kiosque_corpus::once_each(decoded);
    let warnings = crate::commands::build::copy_warnings(&copies, &articles);
    if articles.is_empty() {
        anyhow::bail!(
            "the analyses hold no article: nothing was written{}",
            unchanged(out)
        );
    }
    let site = publish(
        articles,
        knowledge(),
        names,
        out,
        (quiet, all_messages),
        &warnings,
    )?;
    if !quiet {
        print_summary(
            &site,
            out,
            &[],
            started,
            (0, 0, 0),
            warnings.len() + site.clashes.len(),
        );
    }
    Ok(())
}

/// The whole bytes of an analyses file (JSON, or a build cache's binary records), or of
/// standard input for `-`.
fn read(file: &Path) -> anyhow::Result<Vec<u8>> {
    crate::input::read_bytes(file)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}; nothing was written", file.display()))
}
