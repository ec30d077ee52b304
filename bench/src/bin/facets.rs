//! What a facet click and a search keystroke cost natively: the model calls the home page makes
//! for each (the filter, the search over cached shards, the sidebar's counts and groups, the
//! languages, sources and years, the timeline, the first page of cards), on a site built by
//! `kiosque build`, step by step, next to issue 8's budget of a frame (16 ms) for the whole.
//!
//! ```sh
//! cargo build --release -p kiosque-cli -p kiosque-bench
//! target/release/corpus --articles 10000 --out /tmp/c10k
//! target/release/kiosque build /tmp/c10k --out /tmp/s10k --no-cache --quiet
//! target/release/facets /tmp/s10k [--runs N] [--words W1,W2] [--finder W1,W2]
//! ```
//!
//! The facets clicked are the sidebar's first rows with every article shown (its first ten
//! people, places and organisations); the words are typed a letter at a time, as the `reader`
//! benchmark types them, in the search box and in the sidebar's entity finder (which redraws
//! only the sidebar). Prints the median over the actions and runs of each step, and the
//! slowest action, in milliseconds, and whether the median of the whole is within the budget. The browser runs the same code as wasm, a few times slower:
//! see the `reader` benchmark for what a reader notices.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use kiosque_bench::{median, ms_since};

use anyhow::{Context, bail};
use kiosque_model::article_view::card_chips;
use kiosque_model::facets::{FacetCounts, matching};
use kiosque_model::index::Corpus;
use kiosque_model::parts::{self, CARD_CHIPS, SITE_FILE};
use kiosque_model::refine::refine;
use kiosque_model::search::{Meta, Query, Shard};
use kiosque_model::sidebar::{EntityQuery, FinderMatches, sidebar_groups};
use kiosque_model::timeline::timeline_at;
use kiosque_model::ui::Language;
use kiosque_model::{Label, Selection};

const USAGE: &str = "usage: facets SITE_DATA_DIR [--runs N] [--words W1,W2] [--finder W1,W2]";

/// Cards on the first page of the list, and facet rows per group (as the app shows them).
const PAGE: usize = 30;
const ROWS: usize = 10;

/// Issue 8's budget for a click or a keystroke, shards cached: the updated list in a frame.
const BUDGET_MS: f64 = 16.0;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("facets: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The comma-separated words after `flag`.
fn list(value: Option<String>, flag: &str) -> anyhow::Result<Vec<String>> {
    let value = value.with_context(|| format!("{flag} needs a value"))?;
    Ok(value.split(',').map(str::to_owned).collect())
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NAN, f64::max)
}

/// The steps of one action, as the home page runs them.
const STEPS: [&str; 9] = [
    "filter (postings intersected)",
    "search (cached shards)",
    "facet counts",
    "sidebar groups",
    "languages, sources, years (refine)",
    "timeline",
    "first page of cards",
    "in all",
    "articles in the list (not a time)",
];
/// The row of [`STEPS`] that times the whole action.
const ALL: usize = STEPS.len() - 2;

/// An action: the view it shows, and the sidebar's entity finder's text.
struct Action {
    selection: Selection,
    finder: String,
    /// Typed in the entity finder: only the sidebar is drawn again, over the view's counts.
    sidebar_only: bool,
}

/// Runs the home page's model calls for `selection`, timing each step into `times`; the facet
/// counts and the entity finder's matches are carried over from the `previous` action's, as
/// the home page does.
fn act(
    corpus: &Arc<Corpus>,
    search: &Search,
    action: &Action,
    previous: &mut Option<FacetCounts>,
    finder: &mut FinderMatches,
    times: &mut [Vec<f64>],
) {
    let selection = &action.selection;
    if action.sidebar_only {
        // The view's counts are those of the action before (the first one's made untimed).
        let counts = match previous.take() {
            Some(counts) => counts,
            None => FacetCounts::new(corpus, &matching(corpus, selection)),
        };
        let t = Instant::now();
        *finder = finder.next(corpus, EntityQuery::new(&action.finder));
        let groups = sidebar_groups(corpus, &counts, selection, finder, |_| ROWS, Language::En);
        let took = ms_since(t);
        times[3].push(took);
        times[ALL].push(took);
        std::hint::black_box(groups);
        *previous = Some(counts);
        return;
    }
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
    *finder = finder.next(corpus, EntityQuery::new(&action.finder));
    let groups = sidebar_groups(corpus, &counts, selection, finder, |_| ROWS, Language::En);
    times[3].push(ms_since(t));
    let t = Instant::now();
    let refined = refine(corpus, &visible, selection);
    times[4].push(ms_since(t));
    let t = Instant::now();
    let chart = timeline_at(corpus, &refined.any_period);
    times[5].push(ms_since(t));
    let t = Instant::now();
    let chips: usize = visible
        .iter()
        .take(PAGE)
        .filter_map(|&p| corpus.article_at(p).cloned())
        .map(|summary| card_chips(corpus, &summary, CARD_CHIPS, selection.entities()).len())
        .sum();
    times[6].push(ms_since(t));
    times[ALL].push(ms_since(all));
    times[ALL + 1].push(visible.len() as f64);
    std::hint::black_box((groups, refined, chart, chips));
    *previous = Some(counts);
}

/// The search index, every shard parsed (as the app keeps those it fetched).
struct Search {
    meta: Meta,
    shards: Vec<(Shard, String)>,
}

impl Search {
    fn run(&self, corpus: &Corpus, query: &Query, within: Option<&[u32]>) -> Vec<u32> {
        let needed = query.shard_files(&self.meta);
        let shards: Vec<&Shard> = self
            .shards
            .iter()
            .filter(|(_, f)| needed.contains(f))
            .map(|(s, _)| s)
            .collect();
        query
            .run(self.meta.articles(), &shards, within)
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
    let mut finder = vec!["kharkiv".to_owned()];
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
            "--words" => words = list(args.next(), &arg)?,
            "--finder" => finder = list(args.next(), &arg)?,
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
    let corpus = Arc::new(Corpus::whole(&site, pages, entities).value);
    let meta_path = corpus
        .search_index()
        .context("the site has no search index")?;
    let meta = Meta::parse(&read(meta_path)?)?;
    let shards = meta
        .shard_files()
        .map(|f| Ok((Shard::parse(&read(&f)?)?, f)))
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
    let typed = |word: &str| -> Vec<String> {
        let chars: Vec<char> = word.chars().collect();
        (1..=chars.len())
            .map(|n| chars[..n].iter().collect())
            .collect()
    };
    let keystrokes: Vec<String> = words.iter().flat_map(|w| typed(w)).collect();
    let first_facet = facets.first().cloned().unwrap_or_default();
    let first_word = words.first().cloned().unwrap_or_default();
    let finder_words: Vec<String> = finder.iter().flat_map(|w| typed(w)).collect();
    let view = |selection: Selection| Action {
        selection,
        finder: String::new(),
        sidebar_only: false,
    };
    let finding = |selection: &Selection| -> Vec<Action> {
        finder_words
            .iter()
            .map(|text| Action {
                selection: selection.clone(),
                finder: text.clone(),
                sidebar_only: true,
            })
            .collect()
    };
    let actions: [(&str, Vec<Action>); 5] = [
        ("facet click", facets.iter().cloned().map(view).collect()),
        (
            "search keystroke",
            keystrokes
                .iter()
                .map(|k| view(Selection::from_params("", k)))
                .collect(),
        ),
        (
            // The first facet, and the first word.
            "keystroke with a filter",
            typed(&first_word)
                .iter()
                .map(|k| view(first_facet.with_search(k)))
                .collect(),
        ),
        ("entity finder keystroke", finding(&Selection::default())),
        ("finder keystroke with a filter", finding(&first_facet)),
    ];
    println!(
        "{} facets, {} keystrokes ({}), {} in the entity finder ({}), {runs} runs; milliseconds, \
         median (slowest):\n",
        facets.len(),
        keystrokes.len(),
        words.join(", "),
        finder_words.len(),
        finder.join(", ")
    );
    print!("| step |");
    for (name, _) in &actions {
        print!(" {name} |");
    }
    println!(" budget |");
    println!("|---|{}---|", "---:|".repeat(actions.len()));
    let timed: Vec<Vec<Vec<f64>>> = actions
        .iter()
        .map(|(_, actions)| {
            let mut times = vec![Vec::new(); STEPS.len()];
            for _ in 0..runs.max(1) {
                let (mut previous, mut finder) = (None, FinderMatches::default());
                for action in actions {
                    act(
                        &corpus,
                        &search,
                        action,
                        &mut previous,
                        &mut finder,
                        &mut times,
                    );
                }
            }
            times
        })
        .collect();
    for (i, step) in STEPS.iter().enumerate() {
        print!("| {step} |");
        for times in &timed {
            if times[i].is_empty() {
                print!(" |");
                continue;
            }
            let (median, max) = (
                median(times[i].iter().copied()).unwrap_or(f64::NAN),
                max(&times[i]),
            );
            // The list's length is a count, the others times.
            let digits = if i == ALL + 1 { 0 } else { 2 };
            print!(" {median:.digits$} ({max:.digits$}) |");
        }
        println!("{}", if i == ALL { " ≤ 16 ms |" } else { " |" });
    }
    print!("| verdict (median in all) |");
    for times in &timed {
        let median = median(times[ALL].iter().copied()).unwrap_or(f64::NAN);
        print!(
            " {} |",
            if median <= BUDGET_MS {
                "met"
            } else {
                "not met"
            }
        );
    }
    println!(" |");
    Ok(())
}
