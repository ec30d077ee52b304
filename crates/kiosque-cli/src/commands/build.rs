//! `kiosque build`: articles in, site data out.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use kiosque_extract::analysis::analyze;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_model::Label;
use rayon::prelude::*;

use crate::input::{self, Input, InputError};
use crate::output::{self, write_site};
use crate::site::{Analyzed, Site, assemble};

/// What `build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files and directories to read.
    pub inputs: Vec<PathBuf>,
    /// The site data directory to (re)place.
    pub out: PathBuf,
    /// Fail without writing anything if any input fails.
    pub strict: bool,
    /// No progress bar or summary.
    pub quiet: bool,
}

/// How a build that wrote its output ended.
#[derive(Debug)]
pub struct BuildReport {
    /// Inputs that failed (and were skipped).
    pub errors: Vec<InputError>,
}

/// Runs a build. Returns an error only for failures that stop everything.
pub fn run(options: &BuildOptions, knowledge: &Knowledge) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    // Before any work: never replace what kiosque did not write, nor the inputs.
    output::prepare(&options.out, &options.inputs)?;
    let (files, mut errors) = input::discover(&options.inputs);
    let read: Vec<(Vec<Input>, Vec<InputError>)> =
        files.par_iter().map(|f| input::read(f)).collect();
    let mut inputs = Vec::new();
    for (ok, failed) in read {
        inputs.extend(ok);
        errors.extend(failed);
    }

    let progress = progress_bar(inputs.len() as u64, options.quiet);
    let articles: Vec<Analyzed> = inputs
        .par_iter()
        .map(|input| {
            let analysis = analyze(&input.document, knowledge);
            progress.inc(1);
            Analyzed {
                origin: input.origin(),
                file_stem: input
                    .line
                    .is_none()
                    .then(|| {
                        input
                            .path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                    })
                    .flatten(),
                meta: input.document.meta.clone(),
                analysis,
            }
        })
        .collect();
    progress.finish_and_clear();

    // Errors are printed even with --quiet: they are what --quiet keeps.
    for e in &errors {
        eprintln!("error: {e}");
    }
    if options.strict && !errors.is_empty() {
        anyhow::bail!(
            "{} input(s) failed and --strict is set: nothing was written; {} is unchanged",
            errors.len(),
            options.out.display()
        );
    }
    if articles.is_empty() {
        anyhow::bail!(
            "no article could be read from {}: nothing was written; {} is unchanged",
            options
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            options.out.display()
        );
    }
    let site = assemble(&articles, knowledge);
    write_site(&options.out, &site)?;
    if !options.quiet {
        print_warnings(&articles);
        print_summary(&site, &errors, options, started);
    }
    Ok(BuildReport { errors })
}

fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || len < 50 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} analysing {pos}/{len} articles [{bar:30}] {per_sec} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn print_warnings(articles: &[Analyzed]) {
    for a in articles {
        if a.analysis.words == 0 {
            eprintln!(
                "warning: {}: no body text was found (every block looks like boilerplate)",
                a.origin
            );
        }
        if a.analysis.published.is_none() {
            eprintln!(
                "warning: {}: no publication date given or found in the text",
                a.origin
            );
        }
    }
}

fn print_summary(site: &Site, errors: &[InputError], options: &BuildOptions, started: Instant) {
    let count = |label: Label| {
        site.index
            .entities
            .iter()
            .filter(|e| e.label == label)
            .count()
    };
    eprintln!(
        "built {} article(s), {} entities ({} people, {} places, {} organisations, {} dates) into {} in {:.2}s",
        site.index.articles.len(),
        site.index.entities.len(),
        count(Label::Person),
        count(Label::Place),
        count(Label::Organisation),
        count(Label::Date),
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    if !errors.is_empty() {
        eprintln!(
            "{} input(s) failed and were skipped (see the errors above)",
            errors.len()
        );
    }
}
