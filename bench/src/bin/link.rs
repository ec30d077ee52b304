//! The corpus's global step alone: linking every mention of every article into entities, then
//! assembling the site data (ids, summaries, bodies, order). Reads a corpus as `kiosque build`
//! does, analyses it once, then times [`kiosque_corpus::assemble`] on copies of the analysed
//! articles (median of several runs) and the linker inside it. Run with
//! `cargo run --release -p kiosque-bench --bin link -- <corpus dir or files>… [--runs N]`
//! (make a corpus with the `corpus` bin).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kiosque_cli::input::{self, Input, ReadOptions};
use kiosque_corpus::{Source, analyze, article_ids, assemble, occurrences, settle_lone_names};
use kiosque_extract::link;
use kiosque_extract::ner::knowledge::Knowledge;

/// The fastest and the median of some runs' times: on a shared machine the fastest is the
/// least disturbed.
fn fastest_and_median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The process's CPU time so far (user + system), where the system tells it (Linux).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports in USER_HZ, 100 on every platform it runs on.
    Some(Duration::from_millis(ticks * 10))
}

fn main() -> anyhow::Result<()> {
    let mut paths = Vec::new();
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args
                .next()
                .context("--runs needs a number")?
                .parse()
                .context("--runs needs a number")?;
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        bail!("usage: link <corpus dir or files>… [--runs N]");
    }
    let runs = runs.max(1);
    let knowledge = Knowledge::builtin();
    let read = input::read_all(
        &paths,
        &ReadOptions {
            max_article_size: input::DEFAULT_MAX_ARTICLE_SIZE,
        },
    );
    let sources: Vec<Source> = read.articles.into_iter().map(Input::into_source).collect();
    let started = Instant::now();
    let articles = analyze(sources, knowledge, None, |_| {});
    let analysis = started.elapsed();
    let mentions: usize = articles.iter().map(|a| a.analysis.found.len()).sum();

    let (mut total, mut linker, mut prepare, mut ids, mut entities) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), 0);
    let mut cpu = Duration::ZERO;
    for _ in 0..runs {
        let mut copy = articles.clone();
        let start = Instant::now();
        // The linker's input as `assemble` makes it (it settles the lone names again: the
        // same result).
        settle_lone_names(&mut copy);
        let occurrences = occurrences(&copy);
        prepare.push(start.elapsed());
        let start = Instant::now();
        let linked = link::link(&occurrences, knowledge, "fr");
        linker.push(start.elapsed());
        entities = linked.entities.len();
        drop((linked, occurrences));

        let start = Instant::now();
        std::hint::black_box(article_ids(&copy));
        ids.push(start.elapsed());

        let cpu_before = cpu_time();
        let start = Instant::now();
        let site = assemble(copy, knowledge, None);
        total.push(start.elapsed());
        if let (Some(before), Some(after)) = (cpu_before, cpu_time()) {
            cpu += after.saturating_sub(before);
        }
        drop(std::hint::black_box(site));
    }
    let n = articles.len().max(1) as f64;
    println!(
        "{} articles, {mentions} mentions, {entities} entities; analysis {} (once); {runs} runs\n",
        articles.len(),
        ms(analysis)
    );
    let (total_min, total_median) = fastest_and_median(total);
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total_min.as_secs_f64().max(1e-9);
    let row = |name: &str, (min, median): (Duration, Duration)| {
        println!(
            "| {name} | {} | {} | {:.0}% | {:.1} µs |",
            ms(min),
            ms(median),
            share(min),
            min.as_secs_f64() * 1e6 / n
        );
    };
    println!("| phase | fastest | median | share of assemble (fastest) | per article |");
    println!("|---|---|---|---|---|");
    row(
        "assemble (link + everything else)",
        (total_min, total_median),
    );
    let linker = fastest_and_median(linker);
    row("link (the linker alone)", linker);
    row(
        "assemble without the linker",
        (
            total_min.saturating_sub(linker.0),
            total_median.saturating_sub(linker.1),
        ),
    );
    row(
        "of which: gathering occurrences",
        fastest_and_median(prepare),
    );
    row("of which: article ids", fastest_and_median(ids));
    println!(
        "\nassemble's CPU time (all threads): {} per run ({:.1} µs per article)",
        ms(cpu / runs as u32),
        cpu.as_secs_f64() * 1e6 / runs as f64 / n
    );
    Ok(())
}
