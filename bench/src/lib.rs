//! Shared pieces of Kiosque's benchmarks (see `bench/README.md`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// The shared corpus: `$KIOSQUE_SHARED`, or `../shared` beside the repository.
pub fn shared() -> anyhow::Result<PathBuf> {
    let path = std::env::var_os("KIOSQUE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    if !path.is_dir() {
        bail!(
            "the shared corpus is not at {} (set KIOSQUE_SHARED)",
            path.display()
        );
    }
    Ok(path)
}

/// Reads a file of the shared corpus.
pub fn read_shared(relative: &str) -> anyhow::Result<String> {
    let path = shared()?.join(relative);
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// The median duration of `runs` runs of `f` (after one warm-up run).
pub fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Milliseconds since `start`.
pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// The median of `values` (the upper one of an even count); `None` when there are none.
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut values: Vec<f64> = values.into_iter().collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Runs `f` on a pool of one thread, so that timings are per core.
pub fn on_one_core<T: Send>(f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    Ok(pool.install(f))
}

/// Builds the workspace's release `kiosque` and returns its path.
pub fn build_kiosque(bench: &str) -> anyhow::Result<PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("{bench}: cargo build --release -p kiosque-cli");
    let status = std::process::Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "kiosque-cli",
            "--bin",
            "kiosque",
        ])
        .current_dir(&root)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p kiosque-cli failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let path = target.join("release").join("kiosque");
    if !path.is_file() {
        bail!("no kiosque binary at {}", path.display());
    }
    Ok(path)
}

/// A count: `10000`, `10_000`, `10,000` or `10k`.
pub fn count(text: &str) -> anyhow::Result<usize> {
    let clean: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    let (digits, factor) = match clean.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000),
        None => (clean.as_str(), 1),
    };
    Ok(digits
        .parse::<usize>()
        .with_context(|| format!("not a count: {text}"))?
        * factor)
}

/// The word-shingle metric of the Scrapinghub article-extraction benchmark.
pub mod shingles {
    use std::collections::HashMap;
    use std::sync::LazyLock;

    use regex::Regex;

    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\w+").unwrap_or_else(|e| panic!("{e}")));

    /// Counts of word 4-grams.
    fn counts(text: &str) -> HashMap<Vec<&str>, usize> {
        let words: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
        let mut out = HashMap::new();
        for w in words.windows(4) {
            *out.entry(w.to_vec()).or_default() += 1;
        }
        // Texts of fewer than four words still count as one shingle.
        if words.len() < 4 && !words.is_empty() {
            *out.entry(words).or_default() += 1;
        }
        out
    }

    /// Precision and recall of one page, from the normalised tp, fp and fn.
    pub fn page(predicted: &str, truth: &str) -> (f64, f64) {
        let (p, t) = (counts(predicted), counts(truth));
        let mut tp = 0usize;
        for (k, &n) in &p {
            tp += n.min(t.get(k).copied().unwrap_or(0));
        }
        let fp = p.values().sum::<usize>() - tp;
        let fn_ = t.values().sum::<usize>() - tp;
        let total = (tp + fp + fn_) as f64;
        if total == 0.0 {
            return (1.0, 1.0);
        }
        let (tp, fp, fn_) = (tp as f64 / total, fp as f64 / total, fn_ as f64 / total);
        let precision = if tp + fp == 0.0 { 0.0 } else { tp / (tp + fp) };
        let recall = if tp + fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        };
        (precision, recall)
    }

    /// F1 of averaged precision and recall.
    pub fn f1(precision: f64, recall: f64) -> f64 {
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn identical_texts_score_one_and_extra_text_lowers_precision() {
            let truth = "one two three four five six";
            assert_eq!(page(truth, truth), (1.0, 1.0));
            let (p, r) = page("menu home one two three four five six", truth);
            assert_eq!(r, 1.0);
            assert!(p < 1.0);
            assert_eq!(page("", truth), (0.0, 0.0));
        }
    }
}

/// Archive-sized corpora made at benchmark time from the real texts of the shared corpus
/// (`corpus/wikinews/articles.jsonl`): copy `k` of the texts has its own id, date and, for a
/// share of the proper names, its own spelling, so that every copy brings new people, places
/// and organisations and the entity table grows with the corpus as in a real archive.
pub mod corpus {
    use std::collections::{HashMap, HashSet};
    use std::fs::{self, File};
    use std::io::{BufWriter, Write};
    use std::path::Path;

    use anyhow::Context;
    use serde_json::Value;

    /// How a corpus is made.
    #[derive(Debug, Clone, Copy)]
    pub struct Options {
        /// The seed: the same seed, share and size give the same corpus, byte for byte.
        pub seed: u64,
        /// The share of proper names respelled in each copy (0 repeats the texts unchanged).
        pub respell: f64,
    }

    impl Default for Options {
        fn default() -> Self {
            Self {
                seed: 7,
                respell: 0.25,
            }
        }
    }

    /// Capitalised words that are not names (or that recognition reads as cues): never respelled.
    const KEEP: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "Samedi",
        "Dimanche",
        "United",
        "States",
        "Unis",
        "South",
        "North",
        "East",
        "West",
        "University",
        "Université",
        "Committee",
        "Comité",
        "Institute",
        "Foundation",
        "Fondation",
        "Republic",
        "République",
        "Congress",
        "Senate",
        "Sénat",
        "Senator",
        "Sénateur",
        "Supreme",
        "Court",
        "Cour",
        "Parlement",
        "Parliament",
        "Ministry",
        "Ministère",
        "Minister",
        "Ministre",
        "President",
        "Président",
        "Prime",
        "Premier",
        "Party",
        "Parti",
        "Democratic",
        "Republican",
        "Democrat",
        "Democrats",
        "Republicans",
        "National",
        "Nationale",
        "International",
        "Union",
        "European",
        "Européenne",
        "Council",
        "Conseil",
        "Assembly",
        "Assemblée",
        "Federal",
        "Department",
        "Office",
        "Agency",
        "Agence",
        "Commission",
        "House",
        "Maison",
        "Church",
        "Église",
        "Saint",
        "Sainte",
        "Street",
        "Avenue",
        "City",
        "County",
        "State",
        "Etat",
        "État",
        "Royal",
        "Kingdom",
        "Royaume",
        "Christmas",
        "Noël",
        "Pâques",
        "Easter",
        "Wikinews",
        "Wikipedia",
        "Wikipédia",
        "Wikimedia",
        "Wikimédia",
    ];

    const VOWELS: &str = "aeiouyàâäéèêëîïôöùûüAEIOUYÉÈ";
    const CONSONANTS: [char; 14] = [
        'b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z',
    ];
    const SYLLABLE_VOWELS: [char; 5] = ['a', 'e', 'i', 'o', 'u'];

    /// Syllable `i` of 70: consonant, vowel, consonant, chosen so that any two syllables differ
    /// in at least two letters (respellings of one name are never one typo apart).
    fn syllable(i: usize) -> [char; 3] {
        let (a, v) = (i / 5, i % 5);
        [
            CONSONANTS[a],
            SYLLABLE_VOWELS[v],
            CONSONANTS[(a + v) % CONSONANTS.len()],
        ]
    }

    /// Copy `k` (from 1) as syllables.
    fn encode(k: usize) -> String {
        let mut n = k - 1;
        let mut out = Vec::new();
        loop {
            out.push(syllable(n % 70));
            n /= 70;
            if n == 0 {
                break;
            }
            n -= 1;
        }
        out.into_iter().rev().flatten().collect()
    }

    /// A 64-bit hash (FNV-1a, then SplitMix64's finaliser): stable across platforms and
    /// Rust versions, unlike the standard library's hasher.
    fn hash(seed: u64, text: &str, k: usize) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
        for b in text.bytes().chain((k as u64).to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= h >> 30;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 27;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }

    /// The spelling of `name` in copy `k`: its opening up to the first vowel, the copy's
    /// syllables, and its ending from its last vowel on ("Putin" → "Pubabin", "Magnitogorsk" →
    /// "Mababorsk", "Trump" → "Trubab" in copy 1).
    pub fn respell(name: &str, k: usize) -> String {
        let chars: Vec<char> = name.chars().collect();
        let is_vowel = |c: &char| VOWELS.contains(*c);
        let head = 1 + chars[1..].iter().position(is_vowel).map_or(0, |p| p + 1);
        let tail = chars
            .iter()
            .rposition(is_vowel)
            .filter(|&p| p >= head)
            .unwrap_or(chars.len());
        let mut out: String = chars[..head].iter().collect();
        out.push_str(&encode(k));
        out.extend(&chars[tail..]);
        out
    }

    /// The byte ranges of the words (runs of letters and digits) of `text`.
    fn words(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    /// The source articles and the proper names found in them.
    #[derive(Debug, Clone)]
    pub struct Source {
        /// The records of `articles.jsonl`, in order.
        pub articles: Vec<Value>,
        /// Capitalised words that are written capitalised inside sentences and never in
        /// lower case, at least four letters long, not acronyms and not in [`KEEP`].
        pub names: HashSet<String>,
    }

    impl Source {
        /// Reads the shared corpus (an error names where it was looked for).
        pub fn load() -> anyhow::Result<Self> {
            let jsonl = crate::read_shared("corpus/wikinews/articles.jsonl")?;
            let articles = jsonl
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str::<Value>)
                .collect::<Result<Vec<_>, _>>()
                .context("corpus/wikinews/articles.jsonl")?;
            Ok(Self::new(articles))
        }

        /// Finds the names of `articles`.
        pub fn new(articles: Vec<Value>) -> Self {
            let mut lower = HashSet::new();
            let mut inside = HashSet::new();
            for a in &articles {
                for field in ["title", "text"] {
                    let text = a[field].as_str().unwrap_or_default();
                    for (s, e) in words(text) {
                        let w = &text[s..e];
                        if w.starts_with(char::is_lowercase) {
                            lower.insert(w.to_owned());
                            continue;
                        }
                        let before = text[..s].trim_end().chars().next_back();
                        let starts_sentence = before.is_none_or(|c| {
                            matches!(c, '.' | '!' | '?' | ':' | '"' | '«' | '“' | '—' | '(')
                        });
                        if !starts_sentence {
                            inside.insert(w.to_owned());
                        }
                    }
                }
            }
            let names = inside
                .into_iter()
                .filter(|w| {
                    w.chars().count() >= 4
                        && w.starts_with(char::is_uppercase)
                        && w.chars().skip(1).any(char::is_lowercase)
                        && w.chars().all(char::is_alphabetic)
                        && !lower.contains(&w.to_lowercase())
                        && !KEEP.contains(&w.as_str())
                })
                .collect();
            Self { articles, names }
        }

        /// Article `i` of the generated corpus: copy `i / n` of source article `i % n`.
        pub fn article(&self, i: usize, options: Options) -> Value {
            let n = self.articles.len();
            let (k, j) = (i / n, i % n);
            let mut a = self.articles[j].clone();
            if k == 0 {
                return a;
            }
            let mut spelling: HashMap<&str, String> = HashMap::new();
            for field in ["title", "text"] {
                let Some(text) = a[field].as_str() else {
                    continue;
                };
                let mut out = String::with_capacity(text.len() + 64);
                let mut last = 0;
                for (s, e) in words(text) {
                    let w = &text[s..e];
                    let Some(name) = self.names.get(w) else {
                        continue;
                    };
                    let chance = hash(options.seed, name, k) as f64 / u64::MAX as f64;
                    if chance >= options.respell {
                        continue;
                    }
                    out.push_str(&text[last..s]);
                    out.push_str(spelling.entry(name).or_insert_with(|| respell(name, k)));
                    last = e;
                }
                out.push_str(&text[last..]);
                a[field] = Value::String(out);
            }
            let id = a["id"].as_str().unwrap_or("article");
            a["id"] = Value::String(format!("c{k:04}-{id}"));
            // Each copy three days before the previous one: a few years at 100,000.
            if let Some(date) = a["published"]
                .as_str()
                .and_then(|d| days_before(d, 3 * k as u64))
            {
                a["published"] = Value::String(date);
            }
            if let Some(url) = a["source_url"].as_str() {
                a["source_url"] = Value::String(format!("{url}?copy={k}"));
            }
            a
        }

        /// Article `i` (see [`Source::article`]) published the day after the newest article of
        /// the corpus (the newsroom's case: today's article added to the archive), with an id of
        /// its own.
        pub fn newest(&self, i: usize, options: Options) -> Value {
            self.newer(i, 1, options)
        }

        /// Article `i` published `days` days after the newest article of the corpus, with an id
        /// of its own (see [`Source::newest`]).
        pub fn newer(&self, i: usize, days: u64, options: Options) -> Value {
            let mut a = self.article(i, options);
            let newest = self
                .articles
                .iter()
                .filter_map(|a| a["published"].as_str()?.get(..10))
                .max()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            if let Some(day) = newest.and_then(|d| d.checked_add_days(chrono::Days::new(days))) {
                a["published"] = Value::String(day.format("%Y-%m-%d").to_string());
            }
            let id = a["id"].as_str().unwrap_or("article").to_owned();
            a["id"] = Value::String(format!("newest-{id}"));
            a
        }

        /// Writes articles `range` as JSON Lines to `out`.
        pub fn write_jsonl(
            &self,
            range: std::ops::Range<usize>,
            options: Options,
            out: &Path,
        ) -> anyhow::Result<()> {
            let file =
                File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
            let mut w = BufWriter::new(file);
            for i in range {
                serde_json::to_writer(&mut w, &self.article(i, options))?;
                w.write_all(b"\n")?;
            }
            w.flush()
                .with_context(|| format!("cannot write {}", out.display()))
        }

        /// Writes an `articles`-article corpus into directory `dir` (created, emptied of
        /// earlier parts), as `part-NNNNN.jsonl` files of `per_file` articles.
        pub fn write_dir(
            &self,
            articles: usize,
            per_file: usize,
            options: Options,
            dir: &Path,
        ) -> anyhow::Result<()> {
            if dir.exists() {
                fs::remove_dir_all(dir)
                    .with_context(|| format!("cannot empty {}", dir.display()))?;
            }
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let per_file = per_file.max(1);
            let mut start = 0;
            while start < articles {
                let end = (start + per_file).min(articles);
                let path = dir.join(format!("part-{:05}.jsonl", start / per_file));
                self.write_jsonl(start..end, options, &path)?;
                start = end;
            }
            Ok(())
        }
    }

    /// The ISO date `YYYY-MM-DD` at the start of `date`, `back` days earlier; `None` when it is
    /// no date.
    fn days_before(date: &str, back: u64) -> Option<String> {
        let day = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
        let earlier = day.checked_sub_days(chrono::Days::new(back))?;
        Some(earlier.format("%Y-%m-%d").to_string())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn dates_shift_back_across_months_leap_days_and_years() {
            assert_eq!(days_before("2020-03-01", 1).as_deref(), Some("2020-02-29"));
            assert_eq!(days_before("2019-01-04", 4).as_deref(), Some("2018-12-31"));
            assert_eq!(
                days_before("2025-01-06T09:30:00Z", 0).as_deref(),
                Some("2025-01-06")
            );
            assert_eq!(days_before("not a date", 3), None);
        }

        #[test]
        fn respellings_differ_per_copy_by_more_than_a_typo() {
            let spellings: Vec<String> = (1..=200).map(|k| respell("Putin", k)).collect();
            let distinct: HashSet<&String> = spellings.iter().collect();
            assert_eq!(distinct.len(), spellings.len());
            assert_eq!(respell("Putin", 1), "Pubabin");
            assert_eq!(respell("Magnitogorsk", 1), "Mababorsk");
            assert_eq!(respell("Trump", 71), "Trubabbab");
            for i in 0..70 {
                for j in i + 1..70 {
                    let (a, b) = (syllable(i), syllable(j));
                    assert!(a.iter().zip(&b).filter(|(x, y)| x != y).count() >= 2);
                }
            }
        }

        #[test]
        fn copies_are_distinct_and_deterministic() {
            let line = |id: &str, text: &str| {
                serde_json::json!({"id": id, "title": "Vladimir Putin in Magnitogorsk",
                    "published": "2019-01-04", "text": text, "lang": "en"})
            };
            let source = Source::new(vec![line(
                "a",
                "On Monday, President Vladimir Putin flew to Magnitogorsk. Putin met rescuers.",
            )]);
            assert!(source.names.contains("Putin") && source.names.contains("Magnitogorsk"));
            assert!(!source.names.contains("Monday") && !source.names.contains("President"));
            let all = Options {
                seed: 1,
                respell: 1.0,
            };
            let copy = source.article(3, all);
            assert_eq!(copy, source.article(3, all));
            assert_eq!(copy["id"], "c0003-a");
            assert_eq!(copy["published"], "2018-12-26");
            let text = copy["text"].as_str().unwrap_or_default();
            assert!(text.starts_with("On Monday, President "), "{text}");
            assert!(!text.contains("Putin") && text.contains(&respell("Putin", 3)));
            assert_eq!(source.article(0, all), source.articles[0]);
        }
    }
}

/// `12345` as `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The size of `bytes` compressed by brotli at quality 11 with a 16 MB window: what a host that
/// serves precompressed files sends (the `app_size` and `reader` benchmarks' measure).
pub fn brotli_size(bytes: &[u8]) -> anyhow::Result<usize> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out.len())
}

/// Bytes in KB of 1,024 bytes, one decimal: `12.3 KB`.
pub fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// What a file of a built `dist/` is to the Try it page, whose files are fetched by that page
/// only and so are not part of the app every page loads: its own app (`kiosque-try…`, the page's
/// wasm and glue) or its worker (`kiosque-worker…`, the extraction). `None` for the reader's
/// files. Trunk names them after their binaries; `kiosque pages` adds a content hash.
pub fn try_page_part(name: &str) -> Option<&'static str> {
    if name.starts_with("kiosque-worker") {
        Some("worker")
    } else if name.starts_with("kiosque-try") {
        Some("app")
    } else {
        None
    }
}

/// Whether a file of a built `dist/` is one of the reader app's wasm pieces, fetched only when a
/// page that needs it is first shown (docs/wasm-split.md): `split_<page>-<hash>.wasm` for a
/// page and `chunk_<n>-<hash>.wasm` for code pages share. Their loader,
/// `__wasm_split-<hash>.js`, is on the first load.
pub fn is_app_piece(name: &str) -> bool {
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// Whether a file of a built `dist/` is the pages' start script, `kiosque-start-<hash>.js`
/// (docs/wasm-split.md, "The app on first use"): with the CSS, all a page loads before the
/// reader first uses a control; the app's glue and wasm come then.
pub fn is_start_script(name: &str) -> bool {
    name.starts_with("kiosque-start-") && name.ends_with(".js")
}

/// Whether the reader's app file `name` (not the Try it page's) is on a page's first load, in a
/// `dist/` whose files are `names`: with a start script ([`is_start_script`]), it and the CSS;
/// without one (a build whose pages start the app as they load), all but the wasm pieces.
pub fn on_first_load<'a>(name: &str, mut names: impl Iterator<Item = &'a str>) -> bool {
    let deferred = names.any(is_start_script);
    !is_app_piece(name) && (!deferred || is_start_script(name) || name.ends_with(".css"))
}

/// Whether a file of a built `dist/` is fetched by the Try it page only ([`try_page_part`]).
pub fn is_try_page_file(name: &str) -> bool {
    try_page_part(name).is_some()
}

#[cfg(test)]
mod try_page_file_tests {
    use super::{is_try_page_file, try_page_part};

    #[test]
    fn the_try_pages_files_are_told_from_the_readers() {
        for (name, part) in [
            ("kiosque-worker.js", "worker"),
            ("kiosque-worker_bg.wasm", "worker"),
            ("kiosque-worker_loader.js", "worker"),
            ("kiosque-worker-75149ffee77e67fc_loader.js", "worker"),
            ("kiosque-try-257d5fff04fdc2f0_bg.wasm", "app"),
            ("kiosque-try-f41959ffb303d12d.js", "app"),
        ] {
            assert_eq!(try_page_part(name), Some(part), "{name}");
        }
        for name in [
            "split_article_page-0123456789abcdef.wasm",
            "chunk_3-0123456789abcdef.wasm",
        ] {
            assert!(super::is_app_piece(name), "{name}");
            assert!(!is_try_page_file(name), "{name}");
        }
        for name in [
            "kiosque-app-38346beb1d774dc8_bg.wasm",
            "__wasm_split-0123456789abcdef.js",
        ] {
            assert!(!super::is_app_piece(name), "{name}");
        }
        for name in [
            "kiosque-app-38346beb1d774dc8_bg.wasm",
            "kiosque-app-38346beb1d774dc8.js",
            "main-5f9ce35bda26dfd2.css",
        ] {
            assert!(!is_try_page_file(name), "{name}");
        }
    }
}
