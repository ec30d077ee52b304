//! `kiosque build` keeps the analyses of its last build and re-analyses only what is new or
//! changed: the site it writes is byte-identical to a clean build's, a damaged or foreign cache
//! is never trusted, and the cache is never inside the site data.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{assert_same_site, index_json, kiosque, shared, stderr, unread_files};

const TEXTS: [&str; 4] = [
    "Kiev sous les bombes\n\nLa Russie a frappé Kiev lundi 6 janvier 2025, a déclaré Volodymyr Zelensky depuis Kiev.",
    "Trump et Poutine\n\nDonald Trump a parlé à Vladimir Poutine de l’Ukraine mardi. Trump veut un accord.",
    "Sommet à Genève\n\nEmmanuel Macron et Olaf Scholz se retrouvent à Genève avec l’OTAN.",
    "Talks in Brussels\n\nThe European Union met in Brussels on Monday. Ursula von der Leyen spoke.",
];

fn write_corpus(dir: &Path, texts: &[&str]) {
    fs::create_dir_all(dir).expect("mkdir");
    for (i, text) in texts.iter().enumerate() {
        fs::write(
            dir.join(format!("a{i}.txt")),
            format!("---\ndate: 2025-01-0{}\n---\n{text}\n", i + 1),
        )
        .expect("write");
    }
}

/// A project in a temporary directory: its articles (`in/`), its site data (`site/`), where a
/// clean build goes (`clean/`) and a cache file named with `--cache`.
struct Project {
    _dir: tempfile::TempDir,
    input: PathBuf,
    out: PathBuf,
    clean: PathBuf,
    cache: PathBuf,
}

impl Project {
    /// A project whose articles are `texts`.
    fn new(texts: &[&str]) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = |name: &str| dir.path().join(name);
        let project = Project {
            input: path("in"),
            out: path("site"),
            clean: path("clean"),
            cache: path("cache.jsonl"),
            _dir: dir,
        };
        write_corpus(&project.input, texts);
        project
    }
}

fn build_with(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let (input, out) = (input.display().to_string(), out.display().to_string());
    let mut args = vec!["build", &input, "--out", &out];
    args.extend_from_slice(extra);
    let output = kiosque(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

/// `kiosque build INPUT --out OUT` with its default cache in `cache_dir`; it must succeed.
fn build_in_cache(cache_dir: &Path, input: &Path, out: &Path) -> Output {
    let output = common::command()
        .env("KIOSQUE_CACHE_DIR", cache_dir)
        .args([
            "build",
            &input.display().to_string(),
            "--out",
            &out.display().to_string(),
        ])
        .output()
        .expect("kiosque runs");
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

/// "N analyses reused from the cache": N, or 0 when the summary does not say.
fn reused(output: &Output) -> usize {
    stderr(output)
        .lines()
        .find_map(|l| l.split_once(" analyses reused from the cache"))
        .and_then(|(n, _)| n.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn building_again_reanalyses_only_what_changed_and_writes_the_same_site_as_a_clean_build() {
    let project = Project::new(&TEXTS[..3]);
    let Project {
        input,
        out,
        clean,
        cache,
        ..
    } = &project;
    let cache_arg = cache.display().to_string();

    let first = build_with(input, out, &["--cache", &cache_arg]);
    assert_eq!(reused(&first), 0, "{}", stderr(&first));
    assert!(cache.is_file(), "the cache is written");

    // One article added, one changed, one removed.
    fs::write(
        input.join("a3.txt"),
        format!("---\ndate: 2025-01-04\n---\n{}\n", TEXTS[3]),
    )
    .expect("write");
    fs::write(
        input.join("a1.txt"),
        "---\ndate: 2025-01-02\n---\nTrump et Poutine\n\nDonald Trump a appelé Vladimir Poutine depuis Washington.\n",
    )
    .expect("write");
    fs::remove_file(input.join("a2.txt")).expect("remove");

    let second = build_with(input, out, &["--cache", &cache_arg]);
    assert_eq!(
        reused(&second),
        1,
        "only a0 is unchanged: {}",
        stderr(&second)
    );
    build_with(input, clean, &["--no-cache"]);
    assert_same_site(out, clean);
    let index = index_json(out).to_string();
    assert!(
        index.contains("Washington"),
        "the changed article is analysed again"
    );

    // Nothing changed: everything comes from the cache, the site is the same.
    let third = build_with(input, out, &["--cache", &cache_arg]);
    assert_eq!(reused(&third), 3, "{}", stderr(&third));
    assert_same_site(out, clean);
}

/// The cache's bytes with one byte of its first record (compact: `+<key><length><postcard>`)
/// changed, the file otherwise well formed.
fn poison(cache: &[u8]) -> Vec<u8> {
    let header = cache
        .iter()
        .position(|&b| b == b'\n')
        .expect("a header line");
    assert_eq!(cache[header + 1], b'+', "a compact record");
    let mut poisoned = cache.to_vec();
    poisoned[header + 100] ^= 1;
    poisoned
}

#[test]
fn a_damaged_or_foreign_cache_is_not_used_and_is_rebuilt_with_a_warning() {
    let project = Project::new(&TEXTS);
    let Project {
        input,
        out,
        clean,
        cache,
        ..
    } = &project;
    let cache_arg = cache.display().to_string();
    build_with(input, out, &["--cache", &cache_arg]);
    build_with(input, clean, &["--no-cache"]);
    let good = fs::read(cache).expect("cache");

    // A byte changed inside a record, the file otherwise well formed: a poisoned analysis.
    let poisoned = poison(&good);
    assert_ne!(poisoned, good, "the test changes a record");
    // Cut in the middle of a record.
    let truncated = good[..good.len() / 2].to_owned();
    // Written by another kiosque (its header edited).
    let header = good
        .iter()
        .position(|&b| b == b'\n')
        .expect("a header line");
    let foreign = [
        String::from_utf8(good[..header].to_vec())
            .expect("a header of text")
            .replacen("\"extractor\":\"", "\"extractor\":\"0.0.0-other-", 1)
            .as_bytes(),
        &good[header..],
    ]
    .concat();
    // Written by the kiosque before (the analyses format's previous version).
    let version = kiosque_corpus::analyses::VERSION;
    let old = String::from_utf8(good[..header].to_vec())
        .expect("a header of text")
        .replacen(
            &format!("\"version\":{version}"),
            &format!("\"version\":{}", version - 1),
            1,
        )
        + "\n+0123 AAAA\n{\"records\":1,\"xxh3\":\"00\"}\n";
    for (what, text, says) in [
        ("poisoned", poisoned, "is damaged"),
        ("truncated", truncated, "is damaged"),
        ("foreign", foreign, "was made by another version of kiosque"),
        (
            "older",
            old.into_bytes(),
            "was made by another version of kiosque",
        ),
    ] {
        fs::write(cache, &text).expect("write");
        let output = build_with(input, out, &["--cache", &cache_arg]);
        let err = stderr(&output);
        assert!(
            err.contains(says) && err.contains("rebuilt"),
            "{what}: {err}"
        );
        assert_eq!(reused(&output), 0, "{what}: nothing is trusted");
        assert_same_site(out, clean);
        // Rebuilt: the next build uses it whole.
        let again = build_with(input, out, &["--cache", &cache_arg]);
        assert_eq!(reused(&again), TEXTS.len(), "{what}: {}", stderr(&again));
        assert!(
            !stderr(&again).contains("warning: the analyses cache"),
            "{what}"
        );
    }
}

#[test]
fn a_damaged_or_foreign_prepared_knowledge_is_not_used_and_is_prepared_again() {
    let project = Project::new(&TEXTS);
    let Project { input, clean, .. } = &project;
    let dir = tempfile::tempdir().expect("temp dir");
    let cache_dir = dir.path().join("cache-home");
    build_with(input, clean, &["--no-cache"]);
    // The first build with the default cache prepares the knowledge beside it.
    let first = dir.path().join("first");
    let output = build_in_cache(&cache_dir, input, &first);
    assert!(
        !stderr(&output).contains("knowledge"),
        "{}",
        stderr(&output)
    );
    assert_same_site(&first, clean);
    let file = cache_dir.join("knowledge").join("builtin.prepared");
    let good = fs::read(&file).expect("the knowledge is kept prepared");

    // A name's capital made small: the tables still hold together, only the checksum tells.
    let mut flipped = good.clone();
    let at = good
        .windows(7)
        .position(|w| w == b"Ukraine")
        .expect("a known name");
    flipped[at] = b'u';
    let header = good.iter().position(|&b| b == b'\n').expect("a first line");
    let foreign = [
        b"kiosque-knowledge 1 0.0.0-other".as_slice(),
        &good[header..],
    ]
    .concat();
    for (what, bytes, says) in [
        ("flipped", flipped, "is damaged"),
        ("truncated", good[..good.len() / 2].to_vec(), "is damaged"),
        ("foreign", foreign, "was prepared by another kiosque"),
        ("empty", Vec::new(), "is not a prepared knowledge"),
    ] {
        fs::write(&file, &bytes).expect("write");
        // Into another output, whose articles are analysed: the knowledge is used.
        let out = dir.path().join(what);
        let output = build_in_cache(&cache_dir, input, &out);
        let err = stderr(&output);
        assert!(
            err.contains(&format!("the prepared knowledge {} {says}", file.display())),
            "{what}: {err}"
        );
        assert_same_site(&out, clean);
        assert_eq!(fs::read(&file).expect("prepared again"), good, "{what}");
        // Prepared again: the next build reads it without a word.
        let again = build_in_cache(&cache_dir, input, &dir.path().join(format!("{what}-again")));
        assert!(
            !stderr(&again).contains("knowledge"),
            "{what}: {}",
            stderr(&again)
        );
    }
}

#[test]
fn the_default_cache_is_outside_the_site_data_and_one_per_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache_dir = dir.path().join("cache-home");
    let input = dir.path().join("in");
    write_corpus(&input, &TEXTS);
    let run = |out: &Path| build_in_cache(&cache_dir, &input, out);
    let (a, b) = (
        dir.path().join("a").join("data"),
        dir.path().join("b").join("data"),
    );
    run(&a);
    run(&b);
    let cached: Vec<String> = fs::read_dir(cache_dir.join("builds"))
        .expect("the cache is in KIOSQUE_CACHE_DIR/builds")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(cached.len(), 2, "one cache per output: {cached:?}");
    assert!(
        cached
            .iter()
            .all(|n| n.starts_with("data-") && n.ends_with(".analyses.jsonl"))
    );
    // The site data holds only what the manifest lists.
    let manifest = fs::read_to_string(a.join("kiosque-manifest.txt")).expect("manifest");
    for path in common::tree(&a).keys() {
        let name = path.to_string_lossy().replace('\\', "/");
        assert!(
            name == "kiosque-manifest.txt" || manifest.lines().any(|l| l == name),
            "{name} is in the site data"
        );
    }
    // Built anew (a build with nothing changed could stop early, reusing nothing): from its
    // own cache.
    fs::remove_dir_all(&a).expect("remove the site");
    assert_eq!(reused(&run(&a)), TEXTS.len());
}

#[test]
fn on_the_wikinews_corpus_an_incremental_build_equals_a_clean_one() {
    let Some(shared) = shared() else { return };
    let all = fs::read_to_string(shared.join("corpus/wikinews/articles.jsonl")).expect("corpus");
    let lines: Vec<&str> = all.lines().collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    let (out, clean) = (dir.path().join("site"), dir.path().join("clean"));
    let cache = dir.path().join("cache.jsonl");
    let cache_arg = cache.display().to_string();
    let split = lines.len() * 9 / 10;
    fs::write(input.join("old.jsonl"), lines[..split].join("\n")).expect("write");
    build_with(&input, &out, &["--cache", &cache_arg]);
    fs::write(input.join("new.jsonl"), lines[split..].join("\n")).expect("write");
    let second = build_with(&input, &out, &["--cache", &cache_arg]);
    assert_eq!(reused(&second), split, "{}", stderr(&second));
    build_with(&input, &clean, &["--no-cache"]);
    assert_same_site(&out, &clean);
}

#[test]
fn new_analyses_are_appended_and_a_cache_mostly_unused_is_rewritten() {
    let project = Project::new(&TEXTS[..3]);
    let Project {
        input, out, cache, ..
    } = &project;
    let cache_arg = cache.display().to_string();
    build_with(input, out, &["--cache", &cache_arg]);
    let first = fs::read(cache).expect("cache");

    // One more article: its analysis is added after what the cache held.
    fs::write(
        input.join("a3.txt"),
        format!("---\ndate: 2025-01-04\n---\n{}\n", TEXTS[3]),
    )
    .expect("write");
    build_with(input, out, &["--cache", &cache_arg]);
    let second = fs::read(cache).expect("cache");
    assert!(
        second.len() > first.len() && second.starts_with(&first),
        "appended"
    );

    // Three of four articles gone: the cache is rewritten with the one left.
    for i in 0..3 {
        fs::remove_file(input.join(format!("a{i}.txt"))).expect("remove");
    }
    build_with(input, out, &["--cache", &cache_arg]);
    let third = fs::read(cache).expect("cache");
    let end = String::from_utf8_lossy(&third[third.len() - 100..]).into_owned();
    assert!(
        end.contains("{\"records\":1,")
            && third
                .windows(16)
                .filter(|w| w == b"kiosque-analyses")
                .count()
                == 1,
        "one section of one compact record: {end}"
    );
    let again = build_with(input, out, &["--cache", &cache_arg]);
    assert_eq!(reused(&again), 1, "{}", stderr(&again));
}

#[test]
fn a_cache_file_the_user_names_never_replaces_anything_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, out) = (dir.path().join("in"), dir.path().join("site"));
    write_corpus(&input, &TEXTS[..2]);
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "my notes\n").expect("write");
    let article = input.join("a0.txt");
    let before = fs::read(&article).expect("read");
    for (cache, says) in [
        (notes.clone(), "not an analyses file"),
        (article.clone(), "one of the inputs"),
        (out.join("cache.jsonl"), "inside the site data"),
    ] {
        let (i, o, c) = (
            input.display().to_string(),
            out.display().to_string(),
            cache.display().to_string(),
        );
        let output = kiosque(&["build", &i, "--out", &o, "--cache", &c]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains(says), "{}", stderr(&output));
    }
    assert_eq!(fs::read_to_string(&notes).expect("read"), "my notes\n");
    assert_eq!(fs::read(&article).expect("read"), before);
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn a_damaged_file_in_the_cache_directory_is_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache_dir = dir.path().join("cache-home");
    let (input, out) = (dir.path().join("in"), dir.path().join("site"));
    write_corpus(&input, &TEXTS);
    let run = || build_in_cache(&cache_dir, &input, &out);
    run();
    let file = fs::read_dir(cache_dir.join("builds"))
        .expect("builds")
        .next()
        .expect("a cache file")
        .expect("entry")
        .path();
    fs::write(&file, "{\"hello\":1}\n").expect("write");
    // The site removed, so that the build needs the analyses (a build whose articles are those of
    // the last build, with its site data intact, leaves the site as it is without reading them).
    fs::remove_dir_all(&out).expect("remove the site");
    let output = run();
    assert!(
        stderr(&output).contains("is damaged"),
        "{}",
        stderr(&output)
    );
    // The site removed, so that the next build writes it whatever the inputs' times say (on a
    // slow machine they are old enough to be trusted by then, and a build with nothing changed
    // would stop early, reusing nothing): every analysis comes from the rebuilt cache.
    fs::remove_dir_all(&out).expect("remove the site");
    assert_eq!(reused(&run()), TEXTS.len(), "rebuilt");
}

#[test]
fn an_append_cut_short_spoils_only_its_own_section() {
    let project = Project::new(&TEXTS[..3]);
    let Project {
        input,
        out,
        clean,
        cache,
        ..
    } = &project;
    let cache_arg = cache.display().to_string();
    build_with(input, out, &["--cache", &cache_arg]);
    let first = fs::read(cache).expect("cache");
    fs::write(
        input.join("a3.txt"),
        format!("---\ndate: 2025-01-04\n---\n{}\n", TEXTS[3]),
    )
    .expect("write");
    build_with(input, out, &["--cache", &cache_arg]);
    // The second build's section, cut in its middle (as by a crash while appending).
    let whole = fs::read(cache).expect("cache");
    let cut = first.len() + (whole.len() - first.len()) / 2;
    fs::write(cache, &whole[..cut]).expect("write");
    let output = build_with(input, out, &["--cache", &cache_arg]);
    let err = stderr(&output);
    assert!(
        err.contains("is damaged") && err.contains("the 3 analyses before the damage are used"),
        "{err}"
    );
    assert_eq!(reused(&output), 3, "{err}");
    build_with(input, clean, &["--no-cache"]);
    assert_same_site(out, clean);
    let again = build_with(input, out, &["--cache", &cache_arg]);
    assert_eq!(reused(&again), 4, "rebuilt: {}", stderr(&again));
}

#[test]
fn input_files_unchanged_since_the_last_build_are_not_read_and_any_edit_is_seen() {
    let project = Project::new(&TEXTS[..3]);
    let Project {
        input, out, clean, ..
    } = &project;
    let records = |from: usize, n: usize| -> String {
        (from..from + n)
            .map(|i| {
                format!(
                    "{{\"id\":\"rec-{i}\",\"title\":\"Sommet {i}\",\"date\":\"2025-02-0{}\",\"text\":\"Emmanuel Macron a reçu Olaf Scholz à Paris, jour {i}.\"}}\n",
                    i + 1
                )
            })
            .collect()
    };
    fs::write(input.join("more.jsonl"), records(0, 2)).expect("write");
    let cache_dir = project._dir.path().join("cache-dir");
    let first = build_in_cache(&cache_dir, input, out);
    assert_eq!(unread_files(&first), 0, "{}", stderr(&first));
    // Files changed just before a build are not trusted by their times: read again.
    let again = build_in_cache(&cache_dir, input, out);
    assert_eq!(unread_files(&again), 0, "{}", stderr(&again));
    // Left alone long enough, they are recorded by the next build, and not read by the one after.
    common::settle();
    build_in_cache(&cache_dir, input, out);
    let again = build_in_cache(&cache_dir, input, out);
    assert_eq!(unread_files(&again), 4, "{}", stderr(&again));
    // Nothing changed: it stops early.
    assert!(
        stderr(&again).contains("nothing changed since the last build"),
        "{}",
        stderr(&again)
    );

    // One file edited in place with the same size, its modification time set back: it is read
    // again all the same (its status-change time tells), and the site shows the edit.
    let a1 = input.join("a1.txt");
    let before = fs::metadata(&a1)
        .and_then(|m| m.modified())
        .expect("a time");
    let text = fs::read_to_string(&a1).expect("read");
    let edited = text.replace("Trump", "Biden");
    assert_eq!(edited.len(), text.len());
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&a1, &edited).expect("write");
    fs::File::options()
        .write(true)
        .open(&a1)
        .and_then(|f| f.set_modified(before))
        .expect("time set back");
    // And a record added to the JSON Lines file.
    fs::write(input.join("more.jsonl"), records(0, 3)).expect("write");
    let third = build_in_cache(&cache_dir, input, out);
    assert_eq!(unread_files(&third), 2, "a0 and a2: {}", stderr(&third));
    assert_eq!(reused(&third), 4, "{}", stderr(&third));
    build_with(input, clean, &["--no-cache"]);
    assert_same_site(out, clean);
    let index = index_json(out).to_string();
    assert!(
        index.contains("Biden") && index.contains("rec-2"),
        "{index}"
    );

    // Under another article size limit, every file is read again.
    let out_arg = out.display().to_string();
    let limited = common::command()
        .env("KIOSQUE_CACHE_DIR", &cache_dir)
        .args([
            "build",
            &input.display().to_string(),
            "--out",
            &out_arg,
            "--max-article-size",
            "1MiB",
        ])
        .output()
        .expect("kiosque runs");
    assert!(limited.status.success(), "{}", stderr(&limited));
    assert_eq!(unread_files(&limited), 0, "{}", stderr(&limited));
    assert_same_site(out, clean);
}

/// The summary counts the articles analysed again, copies included: one edited article is one
/// analysed, whatever copies of others the corpus holds.
#[test]
fn the_summary_counts_the_articles_analysed_with_copies_in_the_corpus() {
    let project = Project::new(&TEXTS[..3]);
    let Project {
        input, out, cache, ..
    } = &project;
    fs::copy(input.join("a0.txt"), input.join("copy.txt")).expect("copied");
    let cache_arg = cache.display().to_string();
    build_with(input, out, &["--cache", &cache_arg]);
    let a1 = input.join("a1.txt");
    let text = fs::read_to_string(&a1).expect("read");
    fs::write(&a1, text.replace("Trump", "Biden")).expect("write");
    let second = build_with(input, out, &["--cache", &cache_arg]);
    assert!(
        stderr(&second).contains("3 analyses reused from the cache, 1 article(s) analysed"),
        "{}",
        stderr(&second)
    );
}
