//! Writes an archive-sized corpus made from the shared corpus's real texts, with names respelled
//! per copy so that the entity table grows with the corpus (see `kiosque_bench::corpus`):
//!
//! ```sh
//! cargo run --release -p kiosque-bench --bin corpus -- --articles 10000 --out /tmp/corpus
//! cargo run --release -p kiosque-bench --bin corpus -- --articles 1000 --out /tmp/corpus.jsonl
//! ```
//!
//! A directory gets `part-NNNNN.jsonl` files of `--per-file` articles (default 1,000), so that
//! `kiosque build` reads them in parallel; a path ending in `.jsonl` gets one file. Options:
//! `--seed S` (default 7), `--respell P`, the share of names respelled in each copy (default
//! 0.25; 0 repeats the texts unchanged).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use kiosque_bench::corpus::{Options, Source};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut articles = None;
    let mut out = None;
    let mut per_file = 1000;
    let mut options = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" | "-n" => articles = Some(kiosque_bench::count(&value()?)?),
            "--out" | "-o" => out = Some(PathBuf::from(value()?)),
            "--per-file" => per_file = kiosque_bench::count(&value()?)?,
            "--seed" => options.seed = value()?.parse().context("--seed")?,
            "--respell" => options.respell = value()?.parse().context("--respell")?,
            other => bail!(
                "unknown argument {other}; usage: corpus --articles N --out DIR|FILE.jsonl \
                 [--per-file N] [--seed S] [--respell P]"
            ),
        }
    }
    let (Some(articles), Some(out)) = (articles, out) else {
        bail!(
            "usage: corpus --articles N --out DIR|FILE.jsonl [--per-file N] [--seed S] [--respell P]"
        );
    };
    let source = match Source::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corpus: skipped: {e:#}");
            return Ok(());
        }
    };
    if out.extension().is_some_and(|e| e == "jsonl") {
        source.write_jsonl(0..articles, options, &out)?;
    } else {
        source.write_dir(articles, per_file, options, &out)?;
    }
    eprintln!(
        "wrote {articles} articles ({} source texts, {} respellable names, {:.0}% respelled per copy) to {}",
        source.articles.len(),
        source.names.len(),
        options.respell * 100.0,
        out.display()
    );
    Ok(())
}
