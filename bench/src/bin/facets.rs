//! What a facet click and a search keystroke cost natively: the model calls the home page makes
//! for each (the filter, the search over cached shards, the sidebar's counts and groups, the
//! first page of cards), on a site built by `kiosque build`, step by step.
//!
//! ```sh
//! cargo build --release -p kiosque-cli -p kiosque-bench
//! target/release/corpus --articles 10000 --out /tmp/c10k
//! target/release/kiosque build /tmp/c10k --out /tmp/s10k --no-cache --quiet
//! target/release/facets /tmp/s10k [--runs N] [--words W1,W2]
//! ```
//!
//! The facets clicked are the sidebar's first rows with every article shown (its first ten
//! people, places and organisations); the words are typed a letter at a time, as the `reader`
//! benchmark types them. Prints the median over the actions and runs of each step, and the
//! slowest action, in milliseconds. The browser runs the same code as wasm, a few times slower:
//! see the `reader` benchmark for what a reader notices.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use kiosque_bench::{median, ms_since};

use anyhow::{Context, bail};
use kiosque_model::article_view::card_chips;
use kiosque_model::facets::{FacetCounts, matching};
use kiosque_model::index::Corpus;
use kiosque_model::parts::{self, CARD_CHIPS, SITE_FILE};
use kiosque_model::search::{Meta, Query, Shard};
use kiosque_model::sidebar::{EntityQuery, sidebar_groups};
use kiosque_model::{Label, Selection};

const USAGE: &str = "usage: facets SITE_DATA_DIR [--runs N] [--words W1,W2]";

/// Cards on the first page of the list, and facet rows per group (as the app shows them).
const PAGE: usize = 30;
const ROWS: usize = 10;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("facets: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

/// The steps of one action, as the home page runs them.
const STEPS: [&str; 7] = [
    "filter (postings intersected)",
    "search (cached shards)",
    "facet counts",
    "sidebar groups",
    "first page of cards",
    "in all",
    "articles in the list (not a time)",
];

/// Runs the home page's model calls for `selection`, timing each step into `times`; the facet
/// counts are carried over from the `previous` action's, as the home page does.
fn act(
    corpus: &Corpus,
    search: &Search,
    selection: &Selection,
    previous: &mut Option<FacetCounts>,
    times: &mut [Vec<f64>],
) {
    let all = Instant::now();
    let t = Instant::now();
    let filtered = matching(corpus, selection);
    times[0].push(ms_since(t));
    let t = Instant::now();
    let visible = match selection.search_query().map(Query::parse) {
        Some(query) if !query.is_empty() => {
            let within = selection
                .filters_entities()
                .then(|| corpus.numbers_at(&filtered));
            search.run(corpus, &query, within.as_deref())
        }
        _ => filtered,
    };
    times[1].push(ms_since(t));
    let t = Instant::now();
    let counts = FacetCounts::after(previous.as_ref(), corpus, &visible);
    times[2].push(ms_since(t));
    let t = Instant::now();
    let groups = sidebar_groups(corpus, &counts, selection, &EntityQuery::new(""), |_| ROWS);
    times[3].push(ms_since(t));
    let t = Instant::now();
    let chips: usize = visible
        .iter()
        .take(PAGE)
        .filter_map(|&p| corpus.article_at(p).cloned())
        .map(|summary| card_chips(corpus, &summary, CARD_CHIPS).len())
        .sum();
    times[4].push(ms_since(t));
    times[5].push(ms_since(all));
    times[6].push(visible.len() as f64);
    std::hint::black_box((groups, chips));
    *previous = Some(counts);
}

/// The search index, every shard parsed (as the app keeps those it fetched).
struct Search {
    meta: Meta,
    shards: Vec<(String, Shard)>,
}

impl Search {
    fn run(&self, corpus: &Corpus, query: &Query, within: Option<&[u32]>) -> Vec<u32> {
        let needed = query.shard_files(&self.meta);
        let shards: Vec<&Shard> = self
            .shards
            .iter()
            .filter(|(f, _)| needed.contains(&f.as_str()))
            .map(|(_, s)| s)
            .collect();
        query
            .run(&shards, within)
            .hits
            .iter()
            .filter_map(|hit| corpus.position_of_number(hit.article))
            .collect()
    }
}

fn run() -> anyhow::Result<()> {
    let mut dir: Option<PathBuf> = None;
    let mut runs = 5usize;
    let mut words = vec!["election".to_owned(), "gouvernement".to_owned()];
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
            "--words" => {
                words = args
                    .next()
                    .context("--words needs a value")?
                    .split(',')
                    .map(str::to_owned)
                    .collect();
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
    let site = parts::parse_site(&read(SITE_FILE)?)?;
    let pages = site
        .summaries
        .iter()
        .map(|f| Ok(parts::parse_summaries(f, &read(f)?)?))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let entities = site
        .entity_parts
        .iter()
        .map(|f| Ok(parts::parse_entities(f, &read(f)?)?))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let corpus = Corpus::whole(&site, pages, entities).value;
    let meta_path = corpus
        .search_index()
        .context("the site has no search index")?;
    let meta = Meta::parse(&read(meta_path)?)?;
    let shards = meta
        .shard_files()
        .map(|f| Ok((f.to_owned(), Shard::parse(&read(f)?)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let search = Search { meta, shards };
    println!(
        "{}: {} articles, {} entities, {} search shards",
        dir.display(),
        corpus.articles().len(),
        corpus.entities().len(),
        search.shards.len()
    );

    let facets: Vec<Selection> = [Label::Person, Label::Place, Label::Organisation]
        .iter()
        .flat_map(|&label| corpus.by_articles(label).iter().take(ROWS))
        .filter_map(|&e| corpus.entities().get(e as usize))
        .map(|e| Selection::from_query(e.id.as_str()))
        .collect();
    let keystrokes: Vec<Selection> = words
        .iter()
        .flat_map(|word| {
            let chars: Vec<char> = word.chars().collect();
            (1..=chars.len())
                .map(move |n| Selection::from_params("", &chars[..n].iter().collect::<String>()))
        })
        .collect();
    let (first_facet, first_word) = (
        facets.first().cloned().unwrap_or_default(),
        words.first().cloned().unwrap_or_default(),
    );
    // A keystroke with a filter on: the first facet, and the first word.
    let filtered_keys: Vec<Selection> = keystrokes
        .iter()
        .filter(|s| first_word.starts_with(s.search()))
        .map(|s| first_facet.with_search(s.search()))
        .collect();
    let actions: [(&str, &[Selection]); 3] = [
        ("facet click", &facets),
        ("search keystroke", &keystrokes),
        ("keystroke with a filter", &filtered_keys),
    ];
    println!(
        "{} facets, {} keystrokes ({}), {runs} runs; milliseconds, median (slowest):\n",
        facets.len(),
        keystrokes.len(),
        words.join(", ")
    );
    print!("| step |");
    for (name, _) in &actions {
        print!(" {name} |");
    }
    println!();
    println!("|---|{}", "---:|".repeat(actions.len()));
    let timed: Vec<Vec<Vec<f64>>> = actions
        .iter()
        .map(|(_, selections)| {
            let mut times = vec![Vec::new(); STEPS.len()];
            for _ in 0..runs.max(1) {
                let mut previous = None;
                for selection in *selections {
                    act(&corpus, &search, selection, &mut previous, &mut times);
                }
            }
            times
        })
        .collect();
    for (i, step) in STEPS.iter().enumerate() {
        print!("| {step} |");
        for times in &timed {
            let (median, max) = (
                median(times[i].iter().copied()).unwrap_or(f64::NAN),
                max(&times[i]),
            );
            // The list's length is a count, the others times.
            let digits = if i == STEPS.len() - 1 { 0 } else { 2 };
            print!(" {median:.digits$} ({max:.digits$}) |");
        }
        println!();
    }
    Ok(())
}
