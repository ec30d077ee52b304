//! `kiosque analyze`: the per-article half of `build` (the map of a sharded build). Reads and
//! analyses articles as `build` does and writes their analyses (see
//! [`kiosque_corpus::analyses`]) for `kiosque merge`.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::time::Instant;

use kiosque_corpus::analyses;
use rayon::prelude::*;

use crate::cli::ReadArgs;
use crate::commands::build::{KnowledgeFn, ReadSpec, read_and_analyse};
use crate::input::InputError;
use crate::{message, progress};

/// How an analysis that wrote its output ended.
#[derive(Debug)]
pub struct AnalyzeReport {
    /// Inputs that failed (and were skipped).
    pub errors: Vec<InputError>,
}

/// Whether `out` means standard output.
fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

/// Analyses the articles of `read.inputs` into the analyses file `out` (`-`: standard output).
/// A file `out` that exists is replaced only if it is an analyses file and none of the inputs.
pub fn run(read: &ReadArgs, out: &Path, knowledge: KnowledgeFn) -> anyhow::Result<AnalyzeReport> {
    let started = Instant::now();
    if !is_stdout(out) {
        check_replaceable(out, &read.inputs)?;
    }
    let analysed = read_and_analyse(
        &ReadSpec {
            inputs: &read.inputs,
            strict: read.strict,
            quiet: read.quiet,
            max_article_size: read.max_article_size,
            cache: None,
            target: out,
        },
        knowledge,
    )?;
    let lines: Vec<Vec<u8>> = analysed.articles.par_iter().map(analyses::encode).collect();
    let written = if is_stdout(out) {
        write_lines(io::stdout().lock(), &lines)
    } else {
        write_file(out, &lines)
    };
    if let Err(e) = written {
        // A closed pipe (`kiosque analyze … | head`) is the reader's choice.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(AnalyzeReport {
                errors: analysed.errors,
            });
        }
        anyhow::bail!("cannot write the analyses to {}: {e}", out.display());
    }
    if !read.quiet {
        for w in &analysed.warnings {
            message::warning(w);
        }
        message::note(format_args!(
            "analysed {} article(s) into {} {}",
            analysed.articles.len(),
            if is_stdout(out) {
                "standard output".to_owned()
            } else {
                out.display().to_string()
            },
            progress::timing(analysed.articles.len(), "articles", started.elapsed())
        ));
    }
    Ok(AnalyzeReport {
        errors: analysed.errors,
    })
}

/// One section: header, lines, end line.
fn write_lines(out: impl Write, lines: &[Vec<u8>]) -> io::Result<()> {
    let mut writer = analyses::Writer::new(io::BufWriter::with_capacity(1 << 20, out))?;
    for line in lines {
        writer.line(line)?;
    }
    writer.finish().map(drop)
}

/// Writes beside `out`, then renames over it: `out` is whole or as it was.
fn write_file(out: &Path, lines: &[Vec<u8>]) -> io::Result<()> {
    let staging = out.with_file_name(format!(
        ".{}.{}.tmp",
        out.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = fs::File::create(&staging)
        .and_then(|f| write_lines(f, lines))
        .and_then(|()| fs::rename(&staging, out));
    if result.is_err() {
        let _ = fs::remove_file(&staging);
    }
    result
}

/// Refuses to replace one of the inputs, or a file that is not an analyses file.
fn check_replaceable(out: &Path, inputs: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let Ok(real) = fs::canonicalize(out) else {
        return Ok(()); // Not there yet.
    };
    for input in inputs {
        if let Ok(input) = fs::canonicalize(input)
            && real.starts_with(&input)
        {
            anyhow::bail!(
                "{} is one of the inputs: refusing to replace it with analyses; nothing was written",
                out.display()
            );
        }
    }
    let mut first = String::new();
    let readable = fs::File::open(out)
        .map(io::BufReader::new)
        .and_then(|mut r| r.read_line(&mut first));
    if readable.is_ok_and(|n| n > 0) && !analyses::is_header(&first) {
        anyhow::bail!(
            "{} is not an analyses file: refusing to replace it; nothing was written",
            out.display()
        );
    }
    Ok(())
}
