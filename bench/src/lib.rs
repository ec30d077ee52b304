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

/// Runs `f` on a pool of one thread, so that timings are per core.
pub fn on_one_core<T: Send>(f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    Ok(pool.install(f))
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
