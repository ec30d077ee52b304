//! What reading the whole site costs natively, phase by phase: what the app does when a view
//! needs every article (parse each summary page and entity part, assemble them, check them
//! against the contract and build the corpus's lookups), on a site built by `kiosque build`.
//!
//! ```sh
//! cargo build --release -p kiosque-cli -p kiosque-bench
//! target/release/corpus --articles 10000 --out /tmp/c10k
//! target/release/kiosque build /tmp/c10k --out /tmp/s10k --no-cache --quiet
//! target/release/whole /tmp/s10k [--runs N]
//! ```
//!
//! Prints the median of `N` runs (default 5) of each phase, in milliseconds. The browser runs
//! the same code as wasm, a few times slower: see the `reader` benchmark for what a reader
//! notices.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kiosque_bench::{median, ms_since};

use anyhow::{Context, bail};
use kiosque_model::parts::{self, SITE_FILE};
use kiosque_model::validate;
use kiosque_model::validate::whole::EntityTable;

const USAGE: &str = "usage: whole SITE_DATA_DIR [--runs N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("whole: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut dir: Option<PathBuf> = None;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .context("--runs needs a value")?
                    .parse()
                    .context("--runs N")?;
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => bail!("unknown argument {other}; {USAGE}"),
        }
    }
    let dir = dir.context(USAGE)?;
    let read = |file: &str| -> anyhow::Result<String> {
        let path: PathBuf = Path::new(&dir).join(file);
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    let site_text = read(SITE_FILE)?;
    let site = parts::parse_site(&site_text)?;
    let pages: Vec<(String, String)> = site
        .summaries
        .iter()
        .map(|f| Ok((f.clone(), read(f)?)))
        .collect::<anyhow::Result<_>>()?;
    let entities: Vec<(String, String)> = site
        .entity_parts
        .iter()
        .map(|f| Ok((f.clone(), read(f)?)))
        .collect::<anyhow::Result<_>>()?;
    let bytes: usize = pages.iter().chain(&entities).map(|(_, t)| t.len()).sum();
    println!(
        "{}: {} articles, {} entities, {} summary pages and {} entity parts ({:.1} MB)",
        dir.display(),
        site.articles,
        site.entities,
        pages.len(),
        entities.len(),
        bytes as f64 / 1e6
    );

    let phases = [
        "parse the summary pages",
        "parse the entity parts",
        "one shot (parts::assemble, validate::corpus)",
        "part by part (Corpus::whole), in all",
        "  entity table (EntityTable::add, each part)",
        "  rank the entities (into_assembly)",
        "  summary pages (Assembly::add, each page)",
        "  lookups (Assembly::finish)",
        "  longest step",
        "parse the largest part",
        "article fields (the first count of languages, sources, years)",
        "folded names (the entity finder's first keystroke)",
    ];
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); phases.len()];
    let mut kept = (0, 0);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let parsed_pages = pages
            .iter()
            .map(|(f, t)| parts::parse_summaries(f, t))
            .collect::<Result<Vec<_>, _>>()?;
        times[0].push(ms_since(t));
        let t = Instant::now();
        let parsed_entities = entities
            .iter()
            .map(|(f, t)| parts::parse_entities(f, t))
            .collect::<Result<Vec<_>, _>>()?;
        times[1].push(ms_since(t));
        let t = Instant::now();
        let old = validate::corpus(parts::assemble(
            &site,
            parsed_pages.clone(),
            parsed_entities.clone(),
        ));
        times[2].push(ms_since(t));
        drop(old);
        let whole = Instant::now();
        let mut longest = 0f64;
        let t = Instant::now();
        let mut table = EntityTable::new(&site);
        for part in parsed_entities {
            let step = Instant::now();
            table.add(part);
            longest = longest.max(ms_since(step));
        }
        times[4].push(ms_since(t));
        let t = Instant::now();
        let mut assembly = table.into_assembly();
        times[5].push(ms_since(t));
        longest = longest.max(ms_since(t));
        let t = Instant::now();
        for page in parsed_pages {
            let step = Instant::now();
            assembly.add(page);
            longest = longest.max(ms_since(step));
        }
        times[6].push(ms_since(t));
        let t = Instant::now();
        let corpus = assembly.finish().value;
        times[7].push(ms_since(t));
        longest = longest.max(ms_since(t));
        times[3].push(ms_since(whole));
        times[8].push(longest);
        kept = (corpus.articles().len(), corpus.entities().len());
        // Read once, on first use, then kept with the corpus.
        let t = Instant::now();
        std::hint::black_box(corpus.article_fields());
        times[10].push(ms_since(t));
        let t = Instant::now();
        std::hint::black_box(corpus.folded_names(0));
        times[11].push(ms_since(t));
        drop(corpus);
        let largest = pages
            .iter()
            .chain(&entities)
            .max_by_key(|(_, t)| t.len())
            .context("no parts")?;
        let t = Instant::now();
        if largest.0.starts_with("summaries") {
            parts::parse_summaries(&largest.0, &largest.1)?;
        } else {
            parts::parse_entities(&largest.0, &largest.1)?;
        }
        times[9].push(ms_since(t));
    }
    println!(
        "kept {} articles and {} entities; median of {runs} runs:\n",
        kept.0, kept.1
    );
    println!("| phase | ms |");
    println!("|---|---:|");
    for (phase, t) in phases.iter().zip(times) {
        println!("| {phase} | {:.1} |", median(t).unwrap_or(f64::NAN));
    }
    Ok(())
}
