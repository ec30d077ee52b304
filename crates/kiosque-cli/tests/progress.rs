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

/// `n` articles in `dir/in/` (`a00.txt`…), each a report from Lyon: the directory.
fn articles(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let input = dir.join("in");
    fs::create_dir(&input).expect("mkdir");
    for i in 0..n {
        fs::write(
            input.join(format!("a{i:02}.txt")),
            format!(
                "Report {i} from Lyon\n\nMarie Curie spoke in Lyon on 3 March 2024 about article {i}. \
                 The city council of Lyon listened."
            ),
        )
        .expect("write");
    }
    input
}

#[test]
fn build_and_pages_summaries_give_time_and_rate_and_no_bar_off_a_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Enough articles for a bar to be shown on a terminal.
    let input = articles(dir.path(), 60);
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

/// The phases `--timings` printed after "timings:", with their milliseconds, and its total.
fn timings_of(err: &str) -> (Vec<(String, f64)>, f64) {
    let mut lines = err.lines().skip_while(|l| *l != "timings:").skip(1);
    let mut phases = Vec::new();
    for line in lines.by_ref() {
        let (ms, rest) = line
            .trim_start()
            .split_once(" ms ")
            .expect("a phase's line");
        let ms: f64 = ms.parse().expect("milliseconds");
        let rest = rest.trim_start();
        if rest == "in all" {
            return (phases, ms);
        }
        let (share, what) = rest.split_once("%  ").expect("a share");
        assert!(share.trim().parse::<f64>().is_ok(), "{line}");
        phases.push((what.to_owned(), ms));
    }
    panic!("no total in {err}");
}

#[test]
fn a_build_with_timings_says_how_long_each_phase_took_and_one_without_says_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = articles(dir.path(), 8);
    let data = dir.path().join("data");
    let args = |timings: bool| {
        let mut args = vec!["build".to_owned(), input.display().to_string()];
        args.extend(["--out".to_owned(), data.display().to_string()]);
        if timings {
            args.push("--timings".to_owned());
        }
        args
    };
    let run = |timings: bool| {
        let args = args(timings);
        kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let plain = run(false);
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(!stderr(&plain).contains("timings:"), "{}", stderr(&plain));

    // A build that analyses an article again (one changed), then one that finds nothing to do.
    fs::write(
        input.join("a00.txt"),
        "Report from Paris\n\nLéa Fontaine spoke in Paris.",
    )
    .expect("write");
    let timed = run(true);
    let err = stderr(&timed);
    assert!(timed.status.success(), "{err}");
    let summary = err.find("built 8 article(s)").expect("the summary first");
    assert!(err.find("timings:").is_some_and(|t| t > summary), "{err}");
    let (phases, total) = timings_of(&err);
    let names: Vec<&str> = phases.iter().map(|(what, _)| what.as_str()).collect();
    for phase in [
        "the analyses cache read",
        "the kept analyses decoded",
        "the new articles analysed",
        "entities linked (the newest search segment beside)",
        "the data files made",
        "the data files written or linked",
        "the new data synced",
        "the previous data removed",
    ] {
        assert!(names.contains(&phase), "{phase} not in {names:?}");
    }
    // In the order they ran, each once.
    let at = |phase: &str| names.iter().position(|n| *n == phase);
    assert!(
        at("the kept analyses decoded") < at("entities linked (the newest search segment beside)")
    );
    assert!(at("the data files made") < at("the previous data removed"));
    let mut once = names.clone();
    once.sort_unstable();
    once.dedup();
    assert_eq!(once.len(), names.len(), "{names:?}");
    // The total is their sum (each printed to a tenth of a millisecond).
    let sum: f64 = phases.iter().map(|(_, ms)| ms).sum();
    assert!(
        (sum - total).abs() <= 0.05 * phases.len() as f64 + 0.05,
        "{sum} vs {total}"
    );

    let again = run(true);
    let err = stderr(&again);
    assert!(again.status.success(), "{err}");
    let (phases, _) = timings_of(&err);
    assert!(!phases.is_empty(), "{err}");
    assert!(
        phases
            .iter()
            .all(|(what, _)| what != "entities linked (the newest search segment beside)"),
        "nothing to link when nothing changed: {phases:?}"
    );
}
