//! Bad input: clear messages naming the file and the reason, the rest still built, and the
//! previous site data never lost.

mod common;

use std::fs;

use common::{build, demo, json, kiosque, stderr};

fn corpus_with_bad_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    fs::write(
        p.join("good.txt"),
        "---\ntitle: Un bon article\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    fs::write(
        p.join("records.jsonl"),
        "{\"id\": \"ok\", \"title\": \"OK\", \"text\": \"Moscou a parlé.\"}\n{not json\n{\"title\": \"no text\"}\n",
    )
    .expect("write");
    fs::write(p.join("latin1.txt"), b"caf\xe9 cr\xe8me\n").expect("write");
    fs::write(p.join("broken.md"), "---\ntitle: [unclosed\n---\ntext\n").expect("write");
    fs::write(p.join("notes.pdf"), "ignored: unknown extension").expect("write");
    fs::create_dir(p.join(".git")).expect("mkdir");
    fs::write(p.join(".git/config.txt"), "hidden files are skipped").expect("write");
    dir
}

#[test]
fn bad_files_are_named_with_the_reason_and_the_rest_is_built() {
    let corpus = corpus_with_bad_files();
    let out = tempfile::tempdir().expect("temp dir");
    let data = out.path().join("data");
    let run = build(&[corpus.path()], &data);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("records.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("records.jsonl:3: record has no text"), "{err}");
    assert!(err.contains("latin1.txt: not UTF-8 text"), "{err}");
    assert!(
        err.contains("broken.md: front matter is not valid YAML"),
        "{err}"
    );
    assert!(err.contains("4 input(s) failed"), "{err}");
    // --quiet keeps the errors.
    let quiet_out = out.path().join("quiet");
    let args = [
        "build",
        &corpus.path().display().to_string(),
        "--out",
        &quiet_out.display().to_string(),
        "-q",
    ]
    .map(String::from);
    let quiet = kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        stderr(&quiet).contains("records.jsonl:2: invalid JSON"),
        "{}",
        stderr(&quiet)
    );
    let index = json(&data.join("index.json"));
    let titles: Vec<&str> = index["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Un bon article") && titles.contains(&"OK"));
}

#[test]
fn strict_mode_writes_nothing_and_keeps_the_previous_data() {
    let out = tempfile::tempdir().expect("temp dir");
    let data = out.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    let before = fs::read(data.join("index.json")).expect("index");

    let corpus = corpus_with_bad_files();
    let args = [
        "build",
        &corpus.path().display().to_string(),
        "--out",
        &data.display().to_string(),
        "--strict",
    ]
    .map(String::from);
    let run = kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--strict"), "{}", stderr(&run));
    assert_eq!(fs::read(data.join("index.json")).expect("index"), before);
}

#[test]
fn a_run_with_nothing_readable_keeps_the_previous_data() {
    let out = tempfile::tempdir().expect("temp dir");
    let data = out.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    let before = fs::read(data.join("index.json")).expect("index");
    let empty = tempfile::tempdir().expect("temp dir");
    let missing = empty.path().join("nope");
    let run = build(&[&missing], &data);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.contains("nope: no such file or directory"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(fs::read(data.join("index.json")).expect("index"), before);
}

#[test]
fn an_unrelated_directory_is_never_replaced() {
    let out = tempfile::tempdir().expect("temp dir");
    fs::write(out.path().join("thesis.txt"), "precious").expect("write");
    let run = build(&[&demo()], out.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("is not Kiosque site data"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(out.path().join("thesis.txt")).expect("kept"),
        "precious"
    );
}

#[test]
fn help_teaches_the_input_formats() {
    let run = kiosque(&["build", "--help"]);
    let help = String::from_utf8_lossy(&run.stdout);
    for needle in [".txt", ".jsonl", "front matter", "--strict", "--out"] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    // The input formats stay a table, one format a line.
    for format in [".txt", ".md", ".html", ".jsonl", ".json"] {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(format)),
            "{format} has no line of its own:\n{help}"
        );
    }
}
