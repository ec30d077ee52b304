//! Ingest at archive scale: generates corpora of the given sizes (see `kiosque_bench::corpus`),
//! runs the release `kiosque build` on each and prints wall and CPU time, articles per second per
//! core and peak memory next to the budgets of issue 7:
//!
//! ```sh
//! cargo run --release -p kiosque-bench --bin ingest                  # 1,000 and 10,000
//! cargo run --release -p kiosque-bench --bin ingest -- 1k 10k 100k   # 100,000 is opt-in
//! ```
//!
//! Options: `--kiosque PATH` (a `kiosque` binary; by default the workspace's is built with
//! `cargo build --release -p kiosque-cli`), `--work DIR` (where corpora and site data go;
//! default a temporary directory, removed afterwards unless `--keep`), `--incremental` (also
//! time the same build again with nothing changed, then with an input file written again with
//! the same bytes, then after adding 1% more articles, then
//! after adding one article newer than all the others, then 1% more, all newer (the newsroom's
//! day; the first 1% is dated among the others, a backfill): the analyses cache at work), `--sharded` (also build through `kiosque analyze` on each part of
//! 1,000 articles, run by `xargs -P <cores>` with one thread each, then `kiosque merge`, and
//! check the site is byte-identical), `--pages` (after each build, also time `kiosque pages`
//! over the site, in a dist of a minimal `index.html`: what publishing the new articles costs
//! beside the build), `--seed S` and `--respell P` (as for the `corpus`
//! binary). The cache lives in WORK/cache and is emptied before each full build. Times and memory come from GNU time (`/usr/bin/time`): the child's wall
//! time, user and system CPU and maximum resident set size.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use kiosque_bench::corpus::{Options, Source};
use kiosque_bench::thousands;

/// The app's `index.html` for `--pages`: what `kiosque pages` needs of it (its title, base
/// and the place of the pre-rendered content).
const PAGES_TEMPLATE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/\"></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/app.js'; init();</script></body></html>";

/// Issue 7's budgets.
const RATE_BUDGET: f64 = 1000.0;
const FLATNESS_BUDGET: f64 = 1.5;
const MEMORY_BUDGET_MB: f64 = 4096.0;

/// One measured run of `kiosque build`.
#[derive(Debug, Clone)]
struct Run {
    name: String,
    articles: usize,
    entities: usize,
    wall: f64,
    user: Option<f64>,
    sys: Option<f64>,
    peak_mb: Option<f64>,
}

impl Run {
    fn cpu(&self) -> Option<f64> {
        Some(self.user? + self.sys?)
    }

    /// Articles per CPU-second (user + system): the rate of one busy core; none when the run
    /// took less CPU than GNU time measures (it counts hundredths of a second).
    fn rate_per_core(&self) -> Option<f64> {
        self.cpu()
            .filter(|&c| c >= 0.01)
            .map(|c| self.articles as f64 / c)
    }

    /// CPU milliseconds per article.
    fn cost(&self) -> Option<f64> {
        self.cpu().map(|c| c * 1000.0 / self.articles.max(1) as f64)
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ingest: {e:#}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    sizes: Vec<usize>,
    kiosque: Option<PathBuf>,
    work: Option<PathBuf>,
    keep: bool,
    incremental: bool,
    sharded: bool,
    pages: bool,
    options: Options,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut parsed = Args {
        sizes: Vec::new(),
        kiosque: None,
        work: None,
        keep: false,
        incremental: false,
        sharded: false,
        pages: false,
        options: Options::default(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--kiosque" => parsed.kiosque = Some(PathBuf::from(value()?)),
            "--work" => parsed.work = Some(PathBuf::from(value()?)),
            "--keep" => parsed.keep = true,
            "--incremental" => parsed.incremental = true,
            "--sharded" => parsed.sharded = true,
            "--pages" => parsed.pages = true,
            "--seed" => parsed.options.seed = value()?.parse().context("--seed")?,
            "--respell" => parsed.options.respell = value()?.parse().context("--respell")?,
            size if size.starts_with(|c: char| c.is_ascii_digit()) => {
                parsed.sizes.push(kiosque_bench::count(size)?);
            }
            other => bail!(
                "unknown argument {other}; usage: ingest [SIZE…] [--kiosque PATH] [--work DIR] \
                 [--keep] [--incremental] [--sharded] [--pages] [--seed S] [--respell P]"
            ),
        }
    }
    if parsed.sizes.is_empty() {
        parsed.sizes = vec![1000, 10_000];
    }
    Ok(parsed)
}

fn run() -> anyhow::Result<()> {
    let args = parse_args()?;
    let source = match Source::load() {
        Ok(s) => s,
        Err(e) => {
            println!("ingest: skipped: {e:#}");
            return Ok(());
        }
    };
    let kiosque = match &args.kiosque {
        Some(path) => path.clone(),
        None => kiosque_bench::build_kiosque("ingest")?,
    };
    let work = args.work.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("kiosque-ingest-{}", std::process::id()))
    });
    std::fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let gnu_time = Path::new("/usr/bin/time").is_file();
    if !gnu_time {
        eprintln!(
            "ingest: /usr/bin/time (GNU time) is missing: CPU time and memory are not measured"
        );
    }
    eprintln!(
        "ingest: {} on {cores} core(s); corpora from {} texts, {} respellable names, {:.0}% respelled per copy, seed {}",
        kiosque.display(),
        source.articles.len(),
        source.names.len(),
        args.options.respell * 100.0,
        args.options.seed
    );

    let cache = work.join("cache");
    let mut full = Vec::new();
    let mut incremental = Vec::new();
    let mut sharded = Vec::new();
    let mut published = Vec::new();
    for &size in &args.sizes {
        let corpus = work.join(format!("corpus-{size}"));
        // With --pages, the site data of a dist whose pages are written after each build.
        let dist = work.join(format!("dist-{size}"));
        let site = if args.pages {
            std::fs::create_dir_all(&dist)?;
            std::fs::write(dist.join("index.html"), PAGES_TEMPLATE)?;
            dist.join("data")
        } else {
            work.join(format!("site-{size}"))
        };
        let started = Instant::now();
        source.write_dir(size, 1000, args.options, &corpus)?;
        eprintln!(
            "ingest: wrote {size} articles in {:.1}s; building…",
            started.elapsed().as_secs_f64()
        );
        // An archive's files are older than the build: files changed just before a build are
        // read again by the next one whatever their times say (`kiosque_cli::unread::SETTLE`).
        std::thread::sleep(kiosque_cli::unread::SETTLE);
        let _ = std::fs::remove_dir_all(&cache);
        // `kiosque build CORPUS --out SITE --quiet`, timed and shown as it ends.
        let build = |name: &str| -> anyhow::Result<Run> {
            let args: Vec<std::ffi::OsString> = vec![
                "build".into(),
                corpus.as_os_str().into(),
                "--out".into(),
                site.as_os_str().into(),
                "--quiet".into(),
            ];
            let run = timed(&kiosque, &args, &cache, &site, name, gnu_time)?;
            eprintln!("ingest: {}", row(&run, cores));
            Ok(run)
        };
        // `kiosque pages --dist DIST --quiet` after the build `name`, timed.
        let mut pages = |name: &str, full: bool| -> anyhow::Result<()> {
            if !args.pages {
                return Ok(());
            }
            let run_args: Vec<std::ffi::OsString> = vec![
                "pages".into(),
                "--dist".into(),
                dist.as_os_str().into(),
                "--quiet".into(),
            ];
            let run = timed(
                &kiosque,
                &run_args,
                &cache,
                &site,
                &format!("pages after: {name}"),
                gnu_time,
            )?;
            eprintln!("ingest: {}", row(&run, cores));
            published.push((full, run));
            Ok(())
        };
        let run = build("full")?;
        full.push(run.clone());
        pages("full", true)?;
        if args.sharded {
            let runs = shard_and_merge(&kiosque, &corpus, &work, &site, cores, gnu_time)?;
            for r in &runs {
                eprintln!("ingest: {}", row(r, cores));
            }
            sharded.push((run.clone(), runs));
        }
        if args.incremental {
            // Pages settle before they are recorded (`kiosque_cli::pages::kept`): an archive's
            // pages are older than the day's build.
            std::thread::sleep(kiosque_cli::unread::SETTLE);
            let again = build("again, nothing changed")?;
            pages("again, nothing changed", false)?;
            // A scraper's run that found nothing new: an input file written again with the same
            // bytes (its times change, so it is read), built at once.
            let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)?
                .map(|entry| entry.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            files.sort();
            let written_again = files.first().context("a corpus file")?;
            std::fs::write(written_again, std::fs::read(written_again)?)?;
            let same = build("again, a file written again with the same articles")?;
            let extra = (size / 100).max(1);
            source.write_jsonl(
                size..size + extra,
                args.options,
                &corpus.join("part-plus.jsonl"),
            )?;
            let plus = build("incremental (+1%)")?;
            pages("incremental (+1%)", false)?;
            // The newsroom's case: one article, newer than all the others (it comes first in
            // the site's order, so every article's place moves by one).
            let newest = serde_json::to_string(&source.newest(size + extra, args.options))?;
            std::fs::write(corpus.join("part-newest.jsonl"), newest + "\n")?;
            let one = build("incremental, +1 article (the newest)")?;
            pages("incremental, +1 article (the newest)", false)?;
            // The newsroom's day: 1% more articles, all newer than the others (ten a day after
            // the newest), where the "+1%" above is dated among them (a backfill).
            let mut day = String::new();
            for k in 0..extra {
                let a = source.newer(size + extra + 1 + k, 2 + k as u64 / 10, args.options);
                day.push_str(&serde_json::to_string(&a)?);
                day.push('\n');
            }
            std::fs::write(corpus.join("part-newest-day.jsonl"), day)?;
            let day = build("incremental, +1% newest")?;
            pages("incremental, +1% newest", false)?;
            incremental.push((run.clone(), vec![again, same, plus, one, day]));
        }
        if !args.keep {
            let _ = std::fs::remove_dir_all(&corpus);
            let _ = std::fs::remove_dir_all(&site);
            let _ = std::fs::remove_dir_all(&dist);
        }
    }
    if !args.keep && args.work.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    }

    println!("\n`kiosque build` at archive scale ({cores} cores, release build)\n");
    println!(
        "| run | articles | entities | wall | user CPU | sys CPU | cores busy | articles/s/core | CPU ms/article | peak memory |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &full {
        println!("{}", row(r, cores));
    }
    for (f, runs) in incremental.iter().chain(&sharded) {
        for r in runs {
            let mut r = r.clone();
            r.name = format!(
                "{} ({}k): {:.0}% of full wall",
                r.name,
                f.articles / 1000,
                r.wall * 100.0 / f.wall.max(1e-9)
            );
            println!("{}", row(&r, cores));
        }
    }
    if incremental.is_empty() {
        println!("| incremental (+1%) | n/a (pass --incremental) | | | | | | | | |");
    }
    if sharded.is_empty() {
        println!("| sharded | n/a (pass --sharded) | | | | | | | | |");
    }
    if !published.is_empty() {
        println!(
            "\n`kiosque pages` after each build (a dist of a minimal index.html; % of the first run)\n"
        );
        println!(
            "| run | articles | entities | wall | user CPU | sys CPU | cores busy | articles/s/core | CPU ms/article | peak memory |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        let mut first = 0.0;
        for (is_first, r) in &published {
            let mut r = r.clone();
            if *is_first {
                first = r.wall;
            } else {
                r.name = format!("{}: {:.0}%", r.name, r.wall * 100.0 / f64::max(first, 1e-9));
            }
            println!("{}", row(&r, cores));
        }
    }
    budgets(&full);
    for (f, runs) in &sharded {
        if let Some(total) = runs.last() {
            println!(
                "- sharded output = single-process output at {} articles: {}",
                thousands(f.articles),
                if total.name.contains("identical") {
                    "met"
                } else {
                    "NOT met"
                }
            );
        }
    }
    for (f, runs) in &incremental {
        for (name, case) in [
            ("incremental (+1%)", "dated among the others"),
            ("incremental, +1% newest", "newer than the others"),
        ] {
            if let Some(plus) = runs.iter().find(|r| r.name == name) {
                let share = plus.wall / f.wall.max(1e-9);
                println!(
                    "- incremental +1% ({case}) at {} articles: {:.0}% of a full build (budget <= 15%): {}",
                    thousands(f.articles),
                    share * 100.0,
                    if share <= 0.15 { "met" } else { "NOT met" }
                );
            }
        }
    }
    Ok(())
}

/// Runs the map of a sharded build (`kiosque analyze` on each part file of `corpus`, by
/// `xargs -P <cores>`, one thread each), then `kiosque merge`, each under GNU time; checks that
/// the merged site is byte-identical to `site` (the single-process build's).
fn shard_and_merge(
    kiosque: &Path,
    corpus: &Path,
    work: &Path,
    site: &Path,
    cores: usize,
    gnu_time: bool,
) -> anyhow::Result<Vec<Run>> {
    let shards = work.join("shards");
    let merged = work.join("merged");
    let _ = std::fs::remove_dir_all(&shards);
    std::fs::create_dir_all(&shards)?;
    let script = format!(
        "ls {corpus}/*.jsonl | RAYON_NUM_THREADS=1 xargs -P {cores} -I{{}} sh -c '{kiosque} analyze \"$1\" --quiet --out {shards}/$(basename \"$1\" .jsonl).analyses' _ {{}}",
        corpus = corpus.display(),
        kiosque = kiosque.display(),
        shards = shards.display(),
    );
    let map_args: Vec<std::ffi::OsString> = vec!["-c".into(), script.into()];
    let mut map = timed_program(
        Path::new("sh"),
        &map_args,
        &work.join("no-cache"),
        None,
        "sharded: map",
        gnu_time,
    )?;
    let mut merge_args: Vec<std::ffi::OsString> = vec!["merge".into()];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&shards)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    // Merged in reverse order: the site must not depend on the order of the shards.
    files.sort();
    files.reverse();
    let count = files.len();
    merge_args.extend(files.into_iter().map(Into::into));
    merge_args.extend(["--out".into(), merged.clone().into(), "--quiet".into()]);
    let merge = timed(
        kiosque,
        &merge_args,
        &work.join("no-cache"),
        &merged,
        "sharded: merge",
        gnu_time,
    )?;
    map.name = format!("sharded: map ({count} shards, xargs -P {cores})");
    map.articles = merge.articles;
    map.entities = merge.entities;
    let identical = ["site.json", "kiosque-manifest.txt"]
        .iter()
        .all(|f| std::fs::read(site.join(f)).ok() == std::fs::read(merged.join(f)).ok());
    let mut total = Run {
        name: format!(
            "sharded: map + merge (site {})",
            if identical { "identical" } else { "DIFFERS" }
        ),
        articles: merge.articles,
        entities: merge.entities,
        wall: map.wall + merge.wall,
        user: map.user.zip(merge.user).map(|(a, b)| a + b),
        sys: map.sys.zip(merge.sys).map(|(a, b)| a + b),
        peak_mb: map.peak_mb.zip(merge.peak_mb).map(|(a, b)| a.max(b)),
    };
    if !identical {
        total.name.push_str(" — see the two sites under --keep");
    }
    let _ = std::fs::remove_dir_all(&shards);
    let _ = std::fs::remove_dir_all(&merged);
    Ok(vec![map, merge, total])
}

/// Runs `kiosque ARGS` (writing the site `site`) under GNU time with its cache in `cache`, and
/// reads what it built.
fn timed(
    kiosque: &Path,
    args: &[std::ffi::OsString],
    cache: &Path,
    site: &Path,
    name: &str,
    gnu_time: bool,
) -> anyhow::Result<Run> {
    timed_program(kiosque, args, cache, Some(site), name, gnu_time)
}

/// Runs `program ARGS` under GNU time (`KIOSQUE_CACHE_DIR` = `cache`), and reads what it built
/// into `site`, if given.
fn timed_program(
    program: &Path,
    args: &[std::ffi::OsString],
    cache: &Path,
    site: Option<&Path>,
    name: &str,
    gnu_time: bool,
) -> anyhow::Result<Run> {
    let times = cache.with_extension("time");
    let kiosque = program;
    let mut command = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f")
            .arg("%e %U %S %M")
            .arg("-o")
            .arg(&times)
            .arg(kiosque);
        c
    } else {
        Command::new(kiosque)
    };
    command
        .args(args)
        .env("KIOSQUE_CACHE_DIR", cache)
        .stdin(Stdio::null());
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot run {}", kiosque.display()))?;
    let mut wall = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("{} {args:?} failed ({status})", program.display());
    }
    let (mut user, mut sys, mut peak_mb) = (None, None, None);
    if gnu_time {
        let text = std::fs::read_to_string(&times)
            .with_context(|| format!("cannot read {}", times.display()))?;
        let _ = std::fs::remove_file(&times);
        // The last line: earlier ones are the child's own messages if it failed.
        let fields: Vec<f64> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        if let [w, u, s, kb] = fields[..] {
            (wall, user, sys, peak_mb) = (w, Some(u), Some(s), Some(kb / 1024.0));
        }
    }
    let Some(site) = site else {
        return Ok(Run {
            name: name.to_owned(),
            articles: 0,
            entities: 0,
            wall,
            user,
            sys,
            peak_mb,
        });
    };
    // `site.json` (data contract 2) says how many articles and entities the site has.
    let site_path = site.join("site.json");
    let index: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&site_path)
            .with_context(|| format!("cannot read {}", site_path.display()))?,
    )
    .with_context(|| format!("{} is not JSON", site_path.display()))?;
    let len = |key: &str| index[key].as_u64().map_or(0, |n| n as usize);
    Ok(Run {
        name: name.to_owned(),
        articles: len("articles"),
        entities: len("entities"),
        wall,
        user,
        sys,
        peak_mb,
    })
}

fn row(r: &Run, cores: usize) -> String {
    let secs = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2} s"));
    let busy = match r.cpu() {
        None => "n/a".to_owned(),
        // Under what GNU time counts (hundredths of a second), a ratio says nothing (a run of
        // 0.00 s wall and 0.01 s CPU was "10000000.00 / 2").
        Some(c) if r.wall < 0.01 || c < 0.01 => "–".to_owned(),
        Some(c) => format!("{:.2} / {cores}", c / r.wall),
    };
    format!(
        "| {} | {} | {} | {:.2} s | {} | {} | {busy} | {} | {} | {} |",
        r.name,
        thousands(r.articles),
        thousands(r.entities),
        r.wall,
        secs(r.user),
        secs(r.sys),
        r.rate_per_core()
            .map_or_else(|| "–".to_owned(), |v| thousands(v.round() as usize)),
        r.cost()
            .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}")),
        r.peak_mb
            .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.0} MB")),
    )
}

fn budgets(full: &[Run]) {
    println!("\nBudgets of issue 7:\n");
    let check = |ok: bool| if ok { "met" } else { "NOT met" };
    if let (Some(slowest), true) = (
        full.iter()
            .filter_map(|r| r.rate_per_core().map(|v| (v, r.articles)))
            .min_by(|a, b| a.0.total_cmp(&b.0)),
        !full.is_empty(),
    ) {
        println!(
            "- ≥ {} articles/s/core: lowest {} at {} articles: {}",
            thousands(RATE_BUDGET as usize),
            thousands(slowest.0.round() as usize),
            thousands(slowest.1),
            check(slowest.0 >= RATE_BUDGET)
        );
    }
    let costs: Vec<(usize, f64)> = full
        .iter()
        .filter_map(|r| r.cost().map(|c| (r.articles, c)))
        .collect();
    if let (Some(first), Some(last)) = (costs.first(), costs.last())
        && costs.len() > 1
    {
        let ratio = last.1 / first.1.max(1e-9);
        println!(
            "- cost per article flat within {FLATNESS_BUDGET}× (1,000 → 100,000): {:.2} ms at {} → {:.2} ms at {} articles, {ratio:.2}×: {}",
            first.1,
            thousands(first.0),
            last.1,
            thousands(last.0),
            check(ratio <= FLATNESS_BUDGET)
        );
    }
    match full.iter().find(|r| r.articles >= 100_000) {
        Some(r) => println!(
            "- peak memory < 4 GB at 100,000 articles: {}: {}",
            r.peak_mb
                .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.0} MB")),
            check(r.peak_mb.is_some_and(|v| v < MEMORY_BUDGET_MB))
        ),
        None => {
            println!("- peak memory < 4 GB at 100,000 articles: not measured (pass 100k to run it)")
        }
    }
}
