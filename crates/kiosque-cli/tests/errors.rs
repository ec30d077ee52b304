//! Bad input: clear messages naming the file and the reason, the rest still built, and the
//! previous site data never lost.

mod common;

use std::fs;

use common::{build, demo, index_json, kiosque, stderr};

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
    // A file of a kind it does not read is left out, and said so.
    assert!(
        err.contains("1 file not read, of a kind kiosque does not read (.pdf 1)"),
        "{err}"
    );
    // Whole files and records of a file are counted apart.
    assert!(
        err.contains("2 files and 2 records in 1 file could not be read and were skipped"),
        "{err}"
    );
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
    let index = index_json(&data);
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
    let before = common::tree(&data);

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
    assert_eq!(common::tree(&data), before);
}

#[test]
fn a_run_with_nothing_readable_keeps_the_previous_data() {
    let out = tempfile::tempdir().expect("temp dir");
    let data = out.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    let before = common::tree(&data);
    let empty = tempfile::tempdir().expect("temp dir");
    let missing = empty.path().join("nope");
    let run = build(&[&missing], &data);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.contains("nope: no such file or directory"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("is unchanged"), "{err}");
    assert_eq!(common::tree(&data), before);
    // An output that never existed is not said to be unchanged.
    let never = out.path().join("never");
    let run = build(&[&missing], &never);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.contains("nothing was written") && !err.contains("unchanged"),
        "{err}"
    );
    assert!(!never.exists());
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

#[test]
fn file_names_cannot_forge_lines_or_drive_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("mkdir");
    fs::write(corpus.join("good.txt"), "La Russie et l’Ukraine.\n").expect("write");
    // Unreadable files, so that their names are printed in an error.
    fs::write(corpus.join("a\nerror: forged.txt"), b"\xff").expect("write");
    fs::write(corpus.join("b\u{1b}[2J\u{1b}[31m.txt"), b"\xff").expect("write");
    fs::write(corpus.join("c\u{202e}txt.md"), b"\xff").expect("write");
    let run = build(&[&corpus], &dir.path().join("data"));
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains(r"a\nerror: forged.txt: not UTF-8 text"),
        "{err}"
    );
    assert!(
        err.contains(r"b\u{1b}[2J\u{1b}[31m.txt: not UTF-8"),
        "{err}"
    );
    assert!(err.contains(r"c\u{202e}txt.md: not UTF-8"), "{err}");
    assert!(
        !err.lines().any(|l| l.starts_with("error: forged")),
        "a file name started a line: {err}"
    );
    assert!(
        !err.contains(['\u{1b}', '\u{202e}']),
        "raw control characters reached the terminal: {err:?}"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_and_a_page_in_its_declared_charset_are_read() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).expect("mkdir");
    let text = "---\ntitle: Zoé à Kyiv\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine.\n";
    let encode = |bom: [u8; 2], unit: fn(u16) -> [u8; 2]| -> Vec<u8> {
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(unit))
            .collect()
    };
    fs::write(dir.join("le.txt"), encode([0xFF, 0xFE], u16::to_le_bytes)).expect("write");
    fs::write(dir.join("be.md"), encode([0xFE, 0xFF], u16::to_be_bytes)).expect("write");
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend(r#"{"title": "Zoé à Kyiv en UTF-8", "text": "La Russie."}"#.as_bytes());
    fs::write(dir.join("bom.json"), bom8).expect("write");
    // A saved page in the charset it declares (Windows-1252: é is one byte, 0xE9).
    let page = "<html><head><meta charset=\"windows-1252\"><title>Café à Genève</title></head><body><article><h1>Café à Genève</h1><p>Emmanuel Macron a reçu Olaf Scholz à Genève lundi pour parler de l’Ukraine et de la sécurité européenne, a indiqué l’Élysée dans un communiqué.</p><p>Les deux dirigeants ont évoqué la guerre et les sanctions contre la Russie pendant deux heures.</p></article></body></html>";
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(page);
    assert!(!unmappable && std::str::from_utf8(&cp1252).is_err());
    fs::write(dir.join("cp1252.html"), &*cp1252).expect("write");
    let data = tmp.path().join("data");
    let run = build(&[&dir], &data);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let index = index_json(&data);
    let titles: Vec<&str> = index["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(
        titles.iter().filter(|t| **t == "Zoé à Kyiv").count(),
        2,
        "{titles:?}"
    );
    assert!(titles.contains(&"Zoé à Kyiv en UTF-8"), "{titles:?}");
    assert!(titles.contains(&"Café à Genève"), "{titles:?}");
}

/// Scrapes are often stored compressed: `a.jsonl.gz`, `page.txt.gz` are read once decompressed
/// (every gzip member, as `zcat` reads them), an article's file no further than the size limit;
/// a damaged one is named.
#[test]
fn gzip_compressed_inputs_are_read() {
    use std::io::Write as _;
    let gzip = |text: &str| -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).expect("compress");
        encoder.finish().expect("compress")
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("in");
    fs::create_dir(&dir).expect("mkdir");
    // Two members one after the other, as `cat a.gz b.gz` makes.
    let mut records = gzip(r#"{"id": "un", "title": "Premier", "text": "Moscou a parlé."}"#);
    records.extend(gzip(
        "\n{\"id\": \"deux\", \"title\": \"Second\", \"text\": \"Kyiv a répondu.\"}\n",
    ));
    fs::write(dir.join("records.JSONL.gz"), records).expect("write");
    fs::write(
        dir.join("page.txt.gz"),
        gzip("---\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine.\n"),
    )
    .expect("write");
    fs::write(dir.join("large.txt.gz"), gzip(&"Un mot. ".repeat(40_000))).expect("write");
    fs::write(dir.join("damaged.jsonl.gz"), b"not gzip at all").expect("write");
    let data = tmp.path().join("data");
    let run = kiosque(&[
        "build",
        &dir.display().to_string(),
        "--out",
        &data.display().to_string(),
        "--max-article-size",
        "16KiB",
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("damaged.jsonl.gz: cannot decompress (gzip)"),
        "{err}"
    );
    assert!(
        err.contains("large.txt.gz: the decompressed file is more than 32 KiB"),
        "{err}"
    );
    let index = index_json(&data);
    let mut ids: Vec<&str> = index["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    ids.sort_unstable();
    // An article alone in a file without a title is named by the file, without either
    // extension.
    assert_eq!(ids, ["deux", "page", "un"]);
}

#[test]
fn an_oversized_article_is_refused_before_analysis_with_the_flag_to_raise_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    let big = "Moscou a parle. ".repeat(100 * 1024 / 16); // 100 KiB
    fs::write(p.join("big.txt"), &big).expect("write");
    // In a JSON Lines file the limit is per record: the file may be large.
    let lines = [
        serde_json::json!({"id": "big", "title": "Big", "text": big}).to_string(),
        serde_json::json!({"id": "small", "title": "Small", "text": "Kyiv a répondu."}).to_string(),
    ];
    fs::write(p.join("records.jsonl"), lines.join("\n")).expect("write");
    let run_with = |limit: &str, out: &str| {
        let args = [
            "build".to_owned(),
            p.join("big.txt").display().to_string(),
            p.join("records.jsonl").display().to_string(),
            "--out".to_owned(),
            p.join(out).display().to_string(),
            "--max-article-size".to_owned(),
            limit.to_owned(),
        ];
        kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let run = run_with("64KiB", "small");
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("big.txt: the article text is 100 KiB, above the limit of 64 KiB: not analysed; --max-article-size raises the limit (e.g. --max-article-size 1MiB)"),
        "{err}"
    );
    assert!(
        err.contains("records.jsonl:1: the article text is 100 KiB"),
        "{err}"
    );
    assert!(
        err.contains("1 file and 1 record in 1 file could not be read and were skipped"),
        "{err}"
    );
    let index = index_json(&p.join("small"));
    assert_eq!(index["articles"].as_array().map(Vec::len), Some(1));
    // Far above the limit, a file is not even read; a page may carry markup around its text.
    fs::write(
        p.join("page.html"),
        format!("<html><body><p>{big}</p></body></html>"),
    )
    .expect("write");
    let run = run_with("16KiB", "tiny");
    let err = stderr(&run);
    assert!(
        err.contains("big.txt: the file is 100 KiB, too large for an article under the limit of 16 KiB: not read; --max-article-size raises the limit"),
        "{err}"
    );
    let args = [
        "build".to_owned(),
        p.join("page.html").display().to_string(),
        "--out".to_owned(),
        p.join("page").display().to_string(),
        "--max-article-size".to_owned(),
        "8KiB".to_owned(),
    ];
    let run = kiosque(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        stderr(&run).contains("page.html: the page is 100.0 KiB, too large for an article under the limit of 8 KiB: not read"),
        "{}",
        stderr(&run)
    );
    // Raised, everything is built.
    let run = run_with("1MiB", "all");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // The default limit lets ordinary articles through.
    let run = build(&[&p.join("records.jsonl")], &p.join("default"));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // A nonsense limit is refused by the command line.
    let run = run_with("lots", "none");
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is not a size"), "{}", stderr(&run));
}

/// A system error is said once, after what it is about.
#[test]
fn a_system_error_is_said_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("f.txt");
    fs::write(&file, "Emmanuel Macron à Paris.\n").expect("write");
    let run = build(&[&file], &file.join("out"));
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("(os error").count(), 1, "{err}");
    let pages = kiosque(&[
        "pages",
        "--config",
        &tmp.path().join("none.toml").display().to_string(),
        "--dist",
        &tmp.path().display().to_string(),
    ]);
    let err = stderr(&pages);
    assert_eq!(pages.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read"), "{err}");
    assert_eq!(err.matches("(os error").count(), 1, "{err}");
}
