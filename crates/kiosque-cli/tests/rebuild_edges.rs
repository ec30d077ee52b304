//! The edges of a rebuild that does not read the input files unchanged since the last build:
//! whatever happened to the files between two builds (renamed, swapped, reached from another
//! directory, behind a link, partly in the cache, the record of the inputs damaged), the site
//! and the messages are those of a clean build (`--no-cache`) of the same inputs.
//!
//! Every build here uses the default cache and its record of the inputs, in a cache directory
//! of its own (`KIOSQUE_CACHE_DIR`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use common::{Project, assert_same_site, messages, settle, stderr, unread_files};

impl Project {
    /// `kiosque ARGS` run in `cwd` with the project's cache directory.
    fn run_in(&self, cwd: &Path, args: &[&str]) -> Output {
        self.run(common::command(), cwd, args)
    }

    /// `kiosque build INPUTS --out OUT EXTRA` run in the project's directory.
    fn build(&self, inputs: &[&str], out: &str, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(inputs);
        args.extend_from_slice(&["--out", out]);
        args.extend_from_slice(extra);
        self.run_in(self.root(), &args)
    }

    /// The same build, which must succeed.
    fn built(&self, inputs: &[&str], out: &str) -> Output {
        let output = self.build(inputs, out, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        output
    }

    /// A clean build of `inputs` into `clean`, which must succeed.
    fn clean(&self, inputs: &[&str]) -> Output {
        let output = self.build(inputs, "clean", &["--no-cache"]);
        assert!(output.status.success(), "{}", stderr(&output));
        output
    }

    /// The one file in the cache directory's `sub`folder whose name ends with `suffix`.
    fn cache_file(&self, sub: &str, suffix: &str) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(self.path("cache").join(sub))
            .expect("the cache directory")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }
}

/// An article whose title is derived from its first sentence, so that its id is the name of
/// its file.
fn untitled(text: &str) -> String {
    format!("---\ndate: 2025-01-06\n---\n{text}\n")
}

const KIEV: &str = "La Russie a frappé Kiev lundi, a déclaré Volodymyr Zelensky depuis Kiev.";
const BERN: &str = "La Suisse accueille Olaf Scholz à Berne, lundi, a dit Karin Keller-Sutter.";

/// `{"id","title","date","text"}` as one JSON record.
fn record(id: &str, title: &str, text: &str) -> String {
    serde_json::json!({"id": id, "title": title, "date": "2025-02-01", "text": text}).to_string()
}

/// A French record, `r1`.
fn summit() -> String {
    record(
        "r1",
        "Sommet",
        "Emmanuel Macron a reçu Olaf Scholz à Paris.",
    )
}

/// An English record, `r2`.
fn talks() -> String {
    record(
        "r2",
        "Talks",
        "The European Union met in Brussels on Monday.",
    )
}

/// The ids of the articles in a site's index.
fn ids(site: &Path) -> Vec<String> {
    let index = common::index_json(site);
    let mut ids: Vec<String> = index["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["id"].as_str().expect("an id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// Checks that the site file at `path` speaks of Bern, not of Kiev.
fn assert_about_bern(text: &str) {
    assert!(text.contains("Berne") && !text.contains("Kiev"), "{text}");
}

/// Sets the modification time of the file at `path`.
fn set_modified(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("time set");
}

#[test]
fn a_renamed_file_not_read_again_gives_its_article_the_id_of_its_new_name() {
    let p = Project::new();
    p.write("in/a.txt", &untitled(KIEV));
    p.write("in/b.txt", &untitled(BERN));
    settle();
    p.built(&["in"], "site");
    fs::rename(p.path("in/a.txt"), p.path("in/z.txt")).expect("renamed");
    settle();
    // z.txt is read (a new path), its analysis reused; then it is not read at all, and its
    // article comes from a cache that first saw it as a.txt.
    p.built(&["in"], "site");
    let third = p.built(&["in"], "site");
    assert_eq!(unread_files(&third), 2, "{}", stderr(&third));
    assert_eq!(ids(&p.path("site")), ["b", "z"]);
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
}

#[test]
fn files_swapped_with_the_same_size_and_times_are_read_again() {
    let p = Project::new();
    let kiev = p.write("in/a.txt", &untitled(KIEV));
    let bern = p.write("in/b.txt", &untitled(BERN));
    assert_eq!(KIEV.len(), BERN.len(), "the two files have one size");
    let time = SystemTime::now() - Duration::from_secs(3600);
    set_modified(&kiev, time);
    set_modified(&bern, time);
    settle();
    p.built(&["in"], "site");
    let again = p.built(&["in"], "site");
    assert_eq!(unread_files(&again), 2, "{}", stderr(&again));

    // `mv a.txt t; mv b.txt a.txt; mv t b.txt`: each path now names the other's file, with
    // the size and modification time it had.
    fs::rename(&kiev, p.path("in/t")).expect("renamed");
    fs::rename(&bern, &kiev).expect("renamed");
    fs::rename(p.path("in/t"), &bern).expect("renamed");
    let swapped = p.built(&["in"], "site");
    assert_eq!(unread_files(&swapped), 0, "{}", stderr(&swapped));
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
    // The article of a.txt (its id is the file's name) is the one about Bern now.
    assert_about_bern(&common::body_json(&p.path("site"), "a").to_string());
}

#[test]
fn the_same_relative_path_from_another_directory_is_another_file() {
    let p = Project::new();
    let one = p.write("one/in/a.txt", &untitled(KIEV));
    let two = p.write("two/in/a.txt", &untitled(BERN));
    let time = SystemTime::now() - Duration::from_secs(3600);
    set_modified(&one, time);
    set_modified(&two, time);
    settle();
    let site = p.path("site").display().to_string();
    let build = |cwd: &str| {
        let output = p.run_in(&p.path(cwd), &["build", "in", "--out", &site]);
        assert!(output.status.success(), "{}", stderr(&output));
        output
    };
    build("one");
    let again = build("one");
    assert_eq!(unread_files(&again), 1, "{}", stderr(&again));
    // `in/a.txt` with the same size and time, from another directory.
    let other = build("two");
    assert_eq!(unread_files(&other), 0, "{}", stderr(&other));
    let clean = p.path("clean").display().to_string();
    let output = p.run_in(
        &p.path("two"),
        &["build", "in", "--out", &clean, "--no-cache"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_same_site(&p.path("site"), &p.path("clean"));
    assert_about_bern(&common::index_json(&p.path("site")).to_string());
}

#[test]
fn a_rebuild_reports_the_same_errors_and_warnings_as_a_clean_build() {
    let p = Project::new();
    let (summit, talks) = (summit(), talks());
    // Read whole: an article with no date (a warning of the analysis, which the cache keeps),
    // the same article in two files, a record twice in a JSON Lines file (a blank line between:
    // its line number is 3), a JSON array holding a copy of a JSON Lines record.
    p.write("in/a.txt", &untitled(KIEV));
    p.write("in/b/copy.txt", &untitled(KIEV));
    p.write("in/nodate.txt", &format!("{BERN}\n"));
    p.write("in/lines.jsonl", &format!("{summit}\n\n{summit}\n"));
    p.write("in/array.json", &format!("[{talks},{summit}]"));
    // Read whole too, its warning recorded with it: a date that is not one (a warning of
    // reading).
    p.write(
        "in/baddate.txt",
        "---\ndate: 2025-13-45\n---\nSommet\n\nEmmanuel Macron à Genève.\n",
    );
    // Recorded too, with what could not be read in them (said again without reading them): a
    // line that is not a record, an empty file.
    p.write("in/broken.jsonl", &format!("{talks}\n{{not json\n"));
    p.write("in/empty.txt", "");
    // And a file given twice.
    let inputs = ["in", "in/a.txt"];
    settle();

    let first = p.build(&inputs, "site", &[]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let again = p.build(&inputs, "site", &[]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert_eq!(unread_files(&again), 8, "{}", stderr(&again));
    // Nothing changed: the build stops early, and says the same, errors included (exit 1).
    let third = p.build(&inputs, "site", &[]);
    assert_eq!(third.status.code(), Some(1), "{}", stderr(&third));
    assert!(
        stderr(&third).contains("nothing changed since the last build"),
        "{}",
        stderr(&third)
    );
    assert!(
        stderr(&third).contains("1 file and 1 record in 1 file could not be read and were skipped"),
        "{}",
        stderr(&third)
    );
    let clean = p.build(&inputs, "clean", &["--no-cache"]);
    assert_eq!(clean.status.code(), Some(1), "{}", stderr(&clean));
    assert_same_site(&p.path("site"), &p.path("clean"));

    let said = messages(&again);
    assert_eq!(said, messages(&clean));
    assert_eq!(said, messages(&first));
    assert_eq!(said, messages(&third));
    for expected in [
        "in/a.txt: the same file as in/a.txt; read once",
        "in/b/copy.txt: the same article as in/a.txt",
        "in/lines.jsonl:3: the same article as in/array.json:2",
        "in/lines.jsonl:1: the same article as in/array.json:2",
        "in/nodate.txt: no publication date",
        "in/baddate.txt: \"date\" is not a date",
        "in/broken.jsonl:2",
        "in/empty.txt",
    ] {
        assert!(
            said.iter().any(|l| l.contains(expected)),
            "{expected:?} in {said:#?}"
        );
    }

    // `--strict` fails on every build.
    for _ in 0..2 {
        let strict = p.build(&inputs, "site", &["--strict"]);
        assert_eq!(strict.status.code(), Some(2), "{}", stderr(&strict));
        assert!(stderr(&strict).contains("in/broken.jsonl:2"));
    }
    assert_same_site(&p.path("site"), &p.path("clean"));
}

#[test]
fn a_record_of_the_inputs_cut_short_is_not_used() {
    let p = Project::new();
    let records: Vec<String> = (0..3)
        .map(|i| {
            record(
                &format!("r{i}"),
                &format!("Sommet {i}"),
                &format!("{BERN} Jour {i}."),
            )
        })
        .collect();
    p.write("in/all.jsonl", &(records.join("\n") + "\n"));
    p.write("in/a.txt", &untitled(KIEV));
    settle();
    p.built(&["in"], "site");
    // The record loses the line of its last article (as a copy cut at a line's end would).
    let record = p.cache_file("inputs", ".inputs");
    let text = fs::read_to_string(&record).expect("the record");
    let lines: Vec<&str> = text.lines().collect();
    let last_article = lines
        .iter()
        .rposition(|l| l.starts_with("A\t"))
        .expect("an article's line");
    let cut: String = lines[..last_article]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&record, cut).expect("written");

    p.built(&["in"], "site");
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
    assert_eq!(ids(&p.path("site")), ["a", "r0", "r1", "r2"]);
    // And the next build, with the record made again, still builds every article.
    let next = p.built(&["in"], "site");
    assert_eq!(unread_files(&next), 2, "{}", stderr(&next));
    assert_same_site(&p.path("site"), &p.path("clean"));
}

#[test]
fn a_file_whose_articles_are_only_partly_in_the_cache_is_read_again() {
    let p = Project::new();
    let (summit, talks) = (summit(), talks());
    p.write("in/a.jsonl", &format!("{summit}\n"));
    settle();
    p.built(&["in"], "site");
    // b.jsonl: a copy of a.jsonl's record (kept in the cache's first section) and a new one
    // (in the section the second build appends).
    p.write("in/b.jsonl", &format!("{summit}\n{talks}\n"));
    p.built(&["in"], "site");
    // The cache's last section is cut short: its analyses are not used.
    let cache = p.cache_file("builds", ".analyses.jsonl");
    let bytes = fs::read(&cache).expect("the cache");
    let end = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("more than one line");
    fs::write(&cache, &bytes[..=end]).expect("written");

    let third = p.built(&["in"], "site");
    assert_eq!(unread_files(&third), 1, "a.jsonl: {}", stderr(&third));
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
    assert_eq!(ids(&p.path("site")), ["r1", "r2"]);
}

#[cfg(unix)]
#[test]
fn an_input_behind_a_link_is_read_again_when_the_file_it_names_changes() {
    let p = Project::new();
    let target = p.write("elsewhere/kiev.txt", &untitled(KIEV));
    p.write("in/b.txt", &untitled(BERN));
    std::os::unix::fs::symlink(&target, p.path("in/link.txt")).expect("linked");
    settle();
    p.built(&["in"], "site");
    let again = p.built(&["in"], "site");
    assert_eq!(unread_files(&again), 2, "{}", stderr(&again));

    // The linked file edited in place, same size, its modification time set back; the link
    // itself is untouched.
    let before = fs::metadata(&target)
        .and_then(|m| m.modified())
        .expect("a time");
    let edited = untitled(KIEV).replace("Kiev", "Kyiv");
    std::thread::sleep(Duration::from_millis(20));
    fs::write(&target, &edited).expect("written");
    set_modified(&target, before);
    let third = p.built(&["in"], "site");
    assert_eq!(unread_files(&third), 1, "b.txt: {}", stderr(&third));
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
    let index = common::index_json(&p.path("site")).to_string();
    assert!(index.contains("Kyiv"), "{index}");
}

#[test]
fn standard_input_is_read_on_every_build() {
    let p = Project::new();
    // A file named `-` where the build runs, never changed: `-` is standard input all the same.
    p.write("-", &(record("r9", "Kiev", KIEV) + "\n"));
    let build_from = |input: &Path, out: &str, extra: &[&str]| {
        let mut args = vec!["build", "-", "--out", out];
        args.extend_from_slice(extra);
        let output = common::command()
            .current_dir(p.root())
            .env("KIOSQUE_CACHE_DIR", p.path("cache"))
            .args(&args)
            .stdin(fs::File::open(input).expect("the input"))
            .output()
            .expect("kiosque runs");
        assert!(output.status.success(), "{}", stderr(&output));
        output
    };
    let one = p.write("one.jsonl", &(record("r1", "Kiev", KIEV) + "\n"));
    let two = p.write("two.jsonl", &(record("r1", "Bern", BERN) + "\n"));
    build_from(&one, "site", &[]);
    build_from(&one, "site", &[]);
    // Another stream on standard input: its records are read, whatever `-` was before.
    let other = build_from(&two, "site", &[]);
    assert_eq!(unread_files(&other), 0, "{}", stderr(&other));
    build_from(&two, "clean", &["--no-cache"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
}

#[test]
fn a_lower_size_limit_refuses_an_article_whose_file_was_not_read_again() {
    let p = Project::new();
    p.write("in/a.txt", &untitled(KIEV));
    p.write(
        "in/long.txt",
        &untitled(&format!("{BERN} {}", "Berne ".repeat(60))),
    );
    p.built(&["in"], "site");
    p.built(&["in"], "site");
    // Under a limit long.txt's article is above, it is refused with an error, as a clean
    // build refuses it.
    let limited = p.build(&["in"], "site", &["--max-article-size", "300"]);
    assert_eq!(limited.status.code(), Some(1), "{}", stderr(&limited));
    let clean = p.build(
        &["in"],
        "clean",
        &["--no-cache", "--max-article-size", "300"],
    );
    assert_eq!(clean.status.code(), Some(1), "{}", stderr(&clean));
    assert_eq!(messages(&limited), messages(&clean));
    assert!(
        messages(&limited)
            .iter()
            .any(|l| l.contains("in/long.txt") && l.contains("above the limit")),
        "{}",
        stderr(&limited)
    );
    assert_same_site(&p.path("site"), &p.path("clean"));
    // Back under the default limit, the article is there again.
    p.built(&["in"], "site");
    p.clean(&["in"]);
    assert_same_site(&p.path("site"), &p.path("clean"));
    assert_eq!(ids(&p.path("site")), ["a", "long"]);
}

/// Stored term counts that no analysis writes and that would overflow a term's frequency
/// (`title × 2 + body`) are refused, as terms out of order are: never a panic nor a wrapped score.
#[test]
fn merge_refuses_stored_search_terms_whose_counts_overflow() {
    let p = Project::new();
    p.write("in/a.jsonl", &(record("r1", "Sommet", KIEV) + "\n"));
    let analysed = p.run_in(
        p.root(),
        &["analyze", "in", "--out", "a.analyses", "--quiet"],
    );
    assert!(analysed.status.success(), "{}", stderr(&analysed));
    let text = fs::read_to_string(p.path("a.analyses")).expect("the analyses");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // Terms out of order (refused today), then terms whose counts overflow.
    for terms in ["zelensky kiev", "kiev:4294967295/1"] {
        // The record as written (its key first), with other terms.
        let (before, after) = lines[1].split_once("\"terms\":\"").expect("terms");
        let (_, after) = after.split_once('"').expect("the terms' end");
        let article = format!("{before}\"terms\":\"{terms}\"{after}");
        let section = format!("{}\n{article}\n", lines[0]);
        let sum = kiosque_corpus::analyses::checksum(section.as_bytes());
        fs::write(
            p.path("forged.analyses"),
            format!("{section}{{\"records\":1,\"xxh3\":\"{sum}\"}}\n"),
        )
        .expect("written");
        let merged = p.run_in(p.root(), &["merge", "forged.analyses", "--out", "merged"]);
        assert_eq!(
            merged.status.code(),
            Some(2),
            "{terms}: {}",
            stderr(&merged)
        );
        assert!(
            stderr(&merged).contains("forged.analyses: line 2: not an analysed article"),
            "{terms}: {}",
            stderr(&merged)
        );
    }
}
