//! A sharded build — `kiosque analyze` on parts of the corpus (the map), `kiosque merge` of
//! their analyses — writes the same site, byte for byte, as `kiosque build` of the whole; a
//! damaged or foreign analyses file is refused before anything is written.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::{assert_same_site, command, kiosque, shared, stderr, tree};

fn ok(output: Output) -> Output {
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

fn run(args: &[&Path]) -> Output {
    let args: Vec<String> = args.iter().map(|p| p.display().to_string()).collect();
    kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// `kiosque build INPUT --no-cache --out OUT`, which must succeed.
fn build_whole(input: &Path, out: &Path) {
    ok(run(&[
        Path::new("build"),
        input,
        Path::new("--no-cache"),
        Path::new("--out"),
        out,
    ]));
}

/// `kiosque analyze INPUT --out FILE`, which must succeed.
fn analyze(input: &Path, file: &Path) {
    ok(run(&[
        Path::new("analyze"),
        input,
        Path::new("--out"),
        file,
    ]));
}

/// `kiosque merge FILES… --out OUT`.
fn merge(files: &[&Path], out: &Path) -> Output {
    let mut args = vec![Path::new("merge")];
    args.extend_from_slice(files);
    args.extend([Path::new("--out"), out]);
    run(&args)
}

/// Runs `kiosque ARGS` with `input` on its standard input.
fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kiosque runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("kiosque ends")
}

const TEXTS: [&str; 5] = [
    "Kiev sous les bombes\n\nLa Russie a frappé Kiev lundi 6 janvier 2025, a déclaré Volodymyr Zelensky depuis Kiev.",
    "Zelensky à Paris\n\nZelensky a rencontré Emmanuel Macron à Paris. Macron a promis des armes à l’Ukraine.",
    "Trump et Poutine\n\nDonald Trump a parlé à Vladimir Poutine de l’Ukraine mardi. Trump veut un accord.",
    "Sommet à Genève\n\nEmmanuel Macron et Olaf Scholz se retrouvent à Genève avec l’OTAN.",
    "Talks in Brussels\n\nThe European Union met in Brussels on Monday. Ursula von der Leyen spoke.",
];

/// Writes the articles as text files (dated, one without a title line) under `dir`.
fn write_texts(dir: &Path, texts: &[(usize, &str)]) {
    fs::create_dir_all(dir).expect("mkdir");
    for (i, text) in texts {
        fs::write(
            dir.join(format!("article-{i}.txt")),
            format!("---\ndate: 2025-01-0{}\n---\n{text}\n", i + 1),
        )
        .expect("write");
    }
}

/// In `d`: the texts in `whole/`, split in `part-a/` and `part-b/`, and `whole/` built into
/// `single/`.
fn whole_and_two_parts(d: &Path) {
    let all: Vec<(usize, &str)> = TEXTS.iter().copied().enumerate().collect();
    write_texts(&d.join("whole"), &all);
    write_texts(&d.join("part-a"), &all[..2]);
    write_texts(&d.join("part-b"), &all[2..]);
    build_whole(&d.join("whole"), &d.join("single"));
}

/// `kiosque merge A B` makes `single/`'s site; so does `merge -` of B then A concatenated into
/// one stream (as several processes appending to one file, or `cat`), on standard input.
fn assert_merged_as_single(d: &Path, a: &Path, b: &Path) {
    ok(merge(&[a, b], &d.join("merged")));
    assert_same_site(&d.join("single"), &d.join("merged"));
    let mut stream = fs::read(b).expect("read");
    stream.extend(fs::read(a).expect("read"));
    let out = d.join("from-stdin").display().to_string();
    ok(run_with_stdin(&["merge", "-", "--out", &out], &stream));
    assert_same_site(&d.join("single"), &d.join("from-stdin"));
}

#[test]
fn analyses_of_parts_merged_make_the_site_that_build_makes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    whole_and_two_parts(d);

    analyze(&d.join("part-a"), &d.join("a.analyses"));
    analyze(&d.join("part-b"), &d.join("b.analyses"));
    assert_merged_as_single(d, &d.join("a.analyses"), &d.join("b.analyses"));
}

#[test]
fn analyze_reads_json_lines_on_standard_input_and_writes_to_standard_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let records: Vec<String> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"id": format!("r{i}"), "text": t, "published": format!("2025-01-0{}", i + 1)})
                .to_string()
        })
        .collect();
    fs::write(d.join("all.jsonl"), records.join("\n")).expect("write");
    build_whole(&d.join("all.jsonl"), &d.join("single"));

    // As a Spark `pipe` or `xargs` runs the map: records in, analyses out.
    let mut shards = Vec::new();
    for part in [&records[..3], &records[3..]] {
        let output = ok(run_with_stdin(
            &["analyze", "-", "--quiet"],
            part.join("\n").as_bytes(),
        ));
        shards.push(output.stdout);
    }
    fs::write(d.join("0.analyses"), &shards[0]).expect("write");
    fs::write(d.join("1.analyses"), &shards[1]).expect("write");
    ok(merge(
        &[&d.join("0.analyses"), &d.join("1.analyses")],
        &d.join("merged"),
    ));
    // Standard input's records are named `-:LINE` rather than `all.jsonl:LINE`; the ids come
    // from the records and the site is the same.
    assert_same_site(&d.join("single"), &d.join("merged"));
}

#[test]
fn a_build_cache_merged_with_a_shard_makes_the_site_that_build_makes() {
    // A build's cache is an analyses file too (its records in binary): `merge` reads it beside
    // the JSON of `analyze`, from a file or from standard input.
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    whole_and_two_parts(d);

    let cache = d.join("cache");
    let built = command()
        .env("KIOSQUE_CACHE_DIR", &cache)
        .args(["build", "--quiet", "--out"])
        .arg(d.join("site-a"))
        .arg(d.join("part-a"))
        .output()
        .expect("run kiosque");
    ok(built);
    let cached: Vec<PathBuf> = tree(&cache.join("builds")).into_keys().collect();
    assert_eq!(cached.len(), 1, "one cache file: {cached:?}");
    let cache_file = cache.join("builds").join(&cached[0]);
    assert!(
        fs::read(&cache_file).expect("read").contains(&0),
        "the cache's records are binary"
    );
    analyze(&d.join("part-b"), &d.join("b.analyses"));
    assert_merged_as_single(d, &cache_file, &d.join("b.analyses"));
}

#[test]
fn an_article_in_two_parts_is_built_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let all: Vec<(usize, &str)> = TEXTS.iter().copied().enumerate().collect();
    write_texts(&d.join("whole"), &all);
    write_texts(&d.join("part-a"), &all[..3]);
    write_texts(&d.join("part-b"), &all[2..]);
    build_whole(&d.join("whole"), &d.join("single"));
    analyze(&d.join("part-a"), &d.join("a.analyses"));
    analyze(&d.join("part-b"), &d.join("b.analyses"));
    let merged = ok(merge(
        &[&d.join("b.analyses"), &d.join("a.analyses")],
        &d.join("merged"),
    ));
    assert!(
        stderr(&merged).contains("the same article as"),
        "{}",
        stderr(&merged)
    );
    assert_same_site(&d.join("single"), &d.join("merged"));
}

#[test]
fn a_damaged_or_foreign_analyses_file_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let all: Vec<(usize, &str)> = TEXTS.iter().copied().enumerate().collect();
    write_texts(&d.join("whole"), &all);
    let good = d.join("good.analyses");
    analyze(&d.join("whole"), &good);
    ok(merge(&[&good], &d.join("site")));
    let before = tree(&d.join("site"));
    let text = fs::read_to_string(&good).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let cases = [
        (
            "truncated",
            lines[..lines.len() - 1].join("\n") + "\n",
            "truncated",
        ),
        ("edited", text.replacen("Genève", "Geneva", 1), "damaged"),
        (
            "foreign",
            text.replacen("\"extractor\":\"", "\"extractor\":\"9.9.9-", 1),
            "another kiosque",
        ),
        (
            "not analyses",
            "{\"text\":\"an article\"}\n".to_owned(),
            "not a kiosque analyses file",
        ),
    ];
    for (what, bad, says) in cases {
        let file = d.join(format!("{}.analyses", what.replace(' ', "-")));
        fs::write(&file, bad).expect("write");
        let output = merge(&[&good, &file], &d.join("site"));
        assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(
            err.contains(says) && err.contains(&file.display().to_string()),
            "{what}: {err}"
        );
        assert!(
            err.contains("line "),
            "{what}: the message names the line: {err}"
        );
        assert_eq!(
            tree(&d.join("site")),
            before,
            "{what}: the site is unchanged"
        );
    }
}

#[test]
fn analyze_never_replaces_an_input_or_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write_texts(&d.join("in"), &[(0, TEXTS[0])]);
    let input = d.join("in").join("article-0.txt");
    let before = fs::read(&input).expect("read");
    let output = run(&[
        Path::new("analyze"),
        &d.join("in"),
        Path::new("--out"),
        &input,
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(fs::read(&input).expect("read"), before);
    let notes = d.join("notes.txt");
    fs::write(&notes, "my notes").expect("write");
    let output = run(&[
        Path::new("analyze"),
        &d.join("in"),
        Path::new("--out"),
        &notes,
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not an analyses file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&notes).expect("read"), "my notes");
}

#[test]
fn on_the_wikinews_corpus_three_shards_merged_equal_one_build() {
    let Some(shared) = shared() else { return };
    let all = fs::read_to_string(shared.join("corpus/wikinews/articles.jsonl")).expect("corpus");
    let lines: Vec<&str> = all.lines().filter(|l| !l.trim().is_empty()).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::create_dir_all(d.join("parts")).expect("mkdir");
    let third = lines.len().div_ceil(3);
    let mut analyses = Vec::new();
    for (i, chunk) in lines.chunks(third).enumerate() {
        let part = d.join("parts").join(format!("part-{i}.jsonl"));
        fs::write(&part, chunk.join("\n")).expect("write");
        let file = d.join(format!("{i}.analyses"));
        analyze(&part, &file);
        analyses.push(file);
    }
    build_whole(&d.join("parts"), &d.join("single"));
    let mut args: Vec<&Path> = vec![Path::new("merge")];
    // In another order than build reads the parts: the site does not depend on it.
    args.extend(analyses.iter().rev().map(PathBuf::as_path));
    let merged = d.join("merged");
    args.extend([Path::new("--out"), merged.as_path()]);
    ok(run(&args));
    assert_same_site(&d.join("single"), &merged);
}

/// The analyses file `text` with its first article's first mention moved to part 99, and its
/// end line made anew to match: well formed, checksum and all, but not what an analysis writes.
fn poisoned(text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let record = lines
        .iter()
        .position(|l| l.contains("\"mentions\":[["))
        .expect("a record with mentions");
    let at = lines[record].find("\"mentions\":[[").expect("mentions") + 13;
    let digits = lines[record][at..]
        .find(|c: char| !c.is_ascii_digit())
        .expect("a number");
    lines[record].replace_range(at..at + digits, "99");
    let end = lines.len() - 1;
    let section: String = lines[..end]
        .iter()
        .map(|line| format!("{line}\n"))
        .collect();
    let sum = kiosque_corpus::analyses::checksum(section.as_bytes());
    lines[end] = format!("{{\"records\":{},\"xxh3\":\"{sum}\"}}", end - 1);
    lines.join("\n") + "\n"
}

#[test]
fn a_well_formed_record_that_no_analysis_writes_is_refused_not_trusted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let all: Vec<(usize, &str)> = TEXTS.iter().copied().enumerate().collect();
    write_texts(&d.join("whole"), &all);
    let good = d.join("good.analyses");
    analyze(&d.join("whole"), &good);
    let bad = d.join("bad.analyses");
    fs::write(&bad, poisoned(&fs::read_to_string(&good).expect("read"))).expect("write");
    let output = merge(&[&bad], &d.join("site"));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("part 99, which is not there"),
        "{}",
        stderr(&output)
    );
    assert!(!d.join("site").exists());

    // The same record in a build's cache: not used, the build is right, the cache rebuilt.
    let cache = d.join("cache.jsonl");
    fs::copy(&bad, &cache).expect("copy");
    let (site, cache_arg) = (d.join("built"), cache.display().to_string());
    let (whole, out) = (
        d.join("whole").display().to_string(),
        site.display().to_string(),
    );
    let first = ok(kiosque(&[
        "build", &whole, "--out", &out, "--cache", &cache_arg,
    ]));
    assert!(stderr(&first).contains("is damaged"), "{}", stderr(&first));
    build_whole(&d.join("whole"), &d.join("clean"));
    assert_same_site(&site, &d.join("clean"));
    let again = ok(kiosque(&[
        "build", &whole, "--out", &out, "--cache", &cache_arg,
    ]));
    assert!(!stderr(&again).contains("damaged"), "{}", stderr(&again));
}

#[test]
fn an_empty_part_gives_an_empty_section_that_merges() {
    // An empty Spark partition: no record on standard input.
    let empty = ok(run_with_stdin(&["analyze", "-", "--quiet"], b""));
    let text = String::from_utf8(empty.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 2, "a header and an end line: {text}");
    assert!(
        text.lines()
            .last()
            .expect("end")
            .starts_with("{\"records\":0,")
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    write_texts(&d.join("whole"), &[(0, TEXTS[0]), (1, TEXTS[1])]);
    analyze(&d.join("whole"), &d.join("a.analyses"));
    fs::write(d.join("empty.analyses"), text).expect("write");
    ok(merge(
        &[&d.join("empty.analyses"), &d.join("a.analyses")],
        &d.join("merged"),
    ));
    build_whole(&d.join("whole"), &d.join("single"));
    assert_same_site(&d.join("single"), &d.join("merged"));
}

#[test]
fn copies_across_parts_are_left_out_as_build_leaves_them_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // The same article in `a/` and `a-b/` (a walk meets `a/` first, a string sort `a-b/`), and
    // the same record twice, once with a date that is not one (a warning, nothing else).
    let article = format!("---\ndate: 2025-01-02\n---\n{}\n", TEXTS[1]);
    for (sub, name) in [("a", "x.txt"), ("a-b", "y.txt")] {
        fs::create_dir_all(d.join("whole").join(sub)).expect("mkdir");
        fs::write(d.join("whole").join(sub).join(name), &article).expect("write");
    }
    let record = |extra: &str| {
        format!(
            "{{\"title\":\"Rencontre\",\"text\":\"{}\"{extra}}}",
            TEXTS[3].replace('\n', "\\n")
        )
    };
    fs::write(d.join("whole").join("p1.jsonl"), record("")).expect("write");
    fs::write(
        d.join("whole").join("p2.jsonl"),
        record(",\"date\":\"yesterday-ish\""),
    )
    .expect("write");
    build_whole(&d.join("whole"), &d.join("single"));
    let parts = ["a-b", "p2.jsonl", "a", "p1.jsonl"];
    let mut args: Vec<PathBuf> = vec!["merge".into()];
    for (i, part) in parts.iter().enumerate() {
        let file = d.join(format!("{i}.analyses"));
        analyze(&d.join("whole").join(part), &file);
        args.push(file);
    }
    args.extend(["--out".into(), d.join("merged")]);
    let merged = ok(run(&args.iter().map(PathBuf::as_path).collect::<Vec<_>>()));
    assert!(
        stderr(&merged).contains("x.txt (identical text and metadata)"),
        "{}",
        stderr(&merged)
    );
    assert_same_site(&d.join("single"), &d.join("merged"));
}
