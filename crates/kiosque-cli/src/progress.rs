//! The progress bar of long commands (`build`, `pages`) and the timing their summaries end with.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Below this many items a command is over before a bar would help: none is shown.
const MIN_ITEMS: u64 = 50;

/// A bar counting `len` items (`verb`ing `noun`: "analysing … articles"), with the rate and
/// the time left. Hidden when `quiet`, when there are few items, or when standard error is not
/// a terminal (a pipe or a log file never receives its escape codes).
pub fn bar(len: u64, verb: &str, noun: &str, quiet: bool) -> ProgressBar {
    if quiet || len < MIN_ITEMS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let template =
        format!("{{spinner}} {verb} {{pos}}/{{len}} {noun} [{{bar:30}}] {{per_sec}} eta {{eta}}");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// How long a command took and at what rate: "in 4.81s, 2079 articles/s". Summaries end with
/// it; what else a run counts (cache hits) goes after it.
pub fn timing(items: usize, noun: &str, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    // A run too short to time has no meaningful rate.
    let rate = if secs > 0.0 {
        format!("{:.0}", items as f64 / secs)
    } else {
        "–".to_owned()
    };
    format!("in {secs:.2}s, {rate} {noun}/s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_gives_time_and_rate() {
        assert_eq!(
            timing(1000, "articles", Duration::from_millis(500)),
            "in 0.50s, 2000 articles/s"
        );
        assert_eq!(timing(3, "pages", Duration::ZERO), "in 0.00s, – pages/s");
    }

    #[test]
    fn few_items_or_no_terminal_hide_the_bar() {
        assert!(bar(10, "analysing", "articles", false).is_hidden());
        assert!(bar(10_000, "analysing", "articles", true).is_hidden());
    }
}
