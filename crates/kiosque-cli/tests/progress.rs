//! Long commands' summaries: time and rate, and no progress bar when standard error is not a
//! terminal (the tests' standard error is a pipe).

mod common;

use std::fs;

use common::{build, kiosque, stderr};

const INDEX: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/\"></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/app.js'; init();</script></body></html>";

/// Whether `line` ends with the timing of a run: "in 0.12s, 500 articles/s".
fn has_timing(line: &str, noun: &str) -> bool {
    let Some((_, timing)) = line.rsplit_once(" in ") else {
        return false;
    };
    let Some((secs, rate)) = timing.split_once("s, ") else {
        return false;
    };
    secs.parse::<f64>().is_ok()
        && rate
            .strip_suffix(&format!(" {noun}/s"))
            .is_some_and(|n| n == "–" || n.parse::<u64>().is_ok())
}

#[test]
fn build_and_pages_summaries_give_time_and_rate_and_no_bar_off_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    // Enough articles for a bar to be shown on a terminal.
    for i in 0..60 {
        fs::write(
            input.join(format!("a{i:02}.txt")),
            format!(
                "Report {i} from Lyon\n\nMarie Curie spoke in Lyon on 3 March 2024 about article {i}. \
                 The city council of Lyon listened."
            ),
        )
        .expect("write");
    }
    let dist = dir.path().join("dist");
    let data = dist.join("data");
    let built = build(&[&input], &data);
    let err = stderr(&built);
    assert!(built.status.success(), "{err}");
    assert!(!err.contains('\u{1b}'), "escape codes in {err:?}");
    assert!(!err.contains('\r'), "a redrawn line in {err:?}");
    let summary = err
        .lines()
        .find(|l| l.starts_with("built 60 article(s)"))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    assert!(has_timing(summary, "articles"), "{summary}");

    fs::write(dist.join("index.html"), INDEX).expect("write");
    let pages = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    let err = stderr(&pages);
    assert!(pages.status.success(), "{err}");
    assert!(!err.contains('\u{1b}'), "escape codes in {err:?}");
    assert!(!err.contains('\r'), "a redrawn line in {err:?}");
    let summary = err
        .lines()
        .find(|l| l.starts_with("pages of 60 articles and"))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    assert!(has_timing(summary, "pages"), "{summary}");
}
