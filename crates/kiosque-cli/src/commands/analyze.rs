//! `kiosque analyze`: the per-article half of `build` (the map of a sharded build). Reads and
//! analyses articles as `build` does and writes their analyses (see
//! [`kiosque_corpus::analyses`]) for `kiosque merge`.

use std::io;
use std::path::Path;
use std::time::Instant;

use kiosque_corpus::analyses::{self, Encoding};
use rayon::prelude::*;

use crate::cli::ReadArgs;
use crate::commands::build::{KnowledgeFn, ReadSpec, read_and_analyse};
use crate::input::{InputError, is_dash};
use crate::{analyses_file, message, progress};

/// How an analysis that wrote its output ended.
#[derive(Debug)]
pub struct AnalyzeReport {
    /// Inputs that failed (and were skipped).
    pub errors: Vec<InputError>,
}

/// Analyses the articles of `read.inputs` into the analyses file `out` (`-`: standard output).
/// A file `out` that exists is replaced only if it is an analyses file and none of the inputs.
pub fn run(read: &ReadArgs, out: &Path, knowledge: KnowledgeFn) -> anyhow::Result<AnalyzeReport> {
    let started = Instant::now();
    if !is_dash(out) {
        analyses_file::check_replaceable(out, &read.inputs, None)
            .map_err(|e| anyhow::anyhow!("{e}; nothing was written"))?;
    }
    let analysed = read_and_analyse(
        &ReadSpec {
            inputs: &read.inputs,
            strict: read.strict,
            quiet: read.quiet,
            all_messages: read.all_messages,
            max_article_size: read.max_article_size,
            cache: None,
            unread: None,
            prune_cache: false,
            target: out,
            // A part of a corpus may hold no article (an empty Spark partition): its analyses
            // are an empty section.
            allow_empty: true,
            content: None,
        },
        knowledge,
    )?;
    let lines: Vec<Vec<u8>> = analysed.articles.par_iter().map(analyses::encode).collect();
    let written = if is_dash(out) {
        analyses_file::sections(io::stdout().lock(), &lines, Encoding::Json)
    } else {
        analyses_file::replace(out, &lines, Encoding::Json)
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
        message::warnings(&analysed.warnings, read.all_messages);
        message::note(format_args!(
            "analysed {} article(s) into {} {}",
            analysed.articles.len(),
            if is_dash(out) {
                "standard output".to_owned()
            } else {
                out.display().to_string()
            },
            progress::timing(analysed.articles.len(), "articles", started.elapsed())
        ));
        crate::warnings::note_count(analysed.warnings.len());
        crate::commands::build::note_failures(&analysed.errors);
    }
    Ok(AnalyzeReport {
        errors: analysed.errors,
    })
}
