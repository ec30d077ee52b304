//! `kiosque extract` and `kiosque build` go through one corpus pipeline: on the same records,
//! extract reports the entity ids and mention texts the built site shows.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::{body_json, build, index_json, kiosque, repo, shared, stderr};
use kiosque_cli::input::{ReadOptions, read_all};
use kiosque_extract::slug::slugify;
use serde_json::{Value, json};

/// The records: the 120 Wikinews articles (when `../shared` is there), the demo and the browser
/// tests' fixtures as records of their text and metadata.
fn records() -> String {
    let mut jsonl = String::new();
    match shared().map(|s| s.join("corpus/wikinews/articles.jsonl")) {
        Some(path) if path.is_file() => {
            jsonl += &std::fs::read_to_string(&path).expect("Wikinews records");
        }
        _ => eprintln!(
            "skipped: the Wikinews records (../shared/corpus/wikinews/articles.jsonl) are absent; \
             checking the demo and the fixtures only"
        ),
    }
    let read = read_all(
        &[repo().join("demo"), repo().join("tests/e2e/fixtures")],
        &ReadOptions::default(),
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert!(read.articles.len() >= 3);
    for input in read.articles {
        let meta = &input.document.meta;
        let stem = input.path.file_stem().expect("a file name");
        let record = json!({
            "id": stem.to_string_lossy(),
            "text": input.document.text,
            "title": meta.title,
            "published": meta.published.map(|d| d.to_string()),
            "lang": meta.lang,
            "source_name": meta.source,
            "source_url": meta.url,
        });
        if !jsonl.ends_with('\n') && !jsonl.is_empty() {
            jsonl.push('\n');
        }
        jsonl += &record.to_string();
        jsonl.push('\n');
    }
    jsonl
}

/// Whitespace as a reader sees it: the site shows runs of spaces as one.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn extract_and_build_agree_on_entity_ids_and_mention_texts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("records.jsonl");
    std::fs::write(&input, records()).expect("write records");
    let out: PathBuf = dir.path().join("site");
    let built = build(&[&input], &out);
    assert!(built.status.success(), "{}", stderr(&built));
    let extracted = kiosque(&["extract", &input.display().to_string()]);
    assert!(extracted.status.success(), "{}", stderr(&extracted));

    let index = index_json(&out);
    let articles = index["articles"].as_array().expect("articles");
    let mut checked = 0;
    let mut mentions = 0;
    for line in String::from_utf8_lossy(&extracted.stdout).lines() {
        let record: Value = serde_json::from_str(line).expect("a JSON line");
        let id = slugify(record["id"].as_str().expect("string ids"), 100);
        let summary = articles
            .iter()
            .find(|a| a["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} is in the site"));
        // What extract says: entity -> mention texts.
        let mut said: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in record["entities"].as_array().expect("entities") {
            if let Some(entity) = e["entity"].as_str() {
                said.entry(entity.to_owned())
                    .or_default()
                    .push(spaced(e["text"].as_str().expect("text")));
            }
        }
        let site_entities: BTreeSet<&str> = summary["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| e.as_str().expect("an id"))
            .collect();
        let said_entities: BTreeSet<&str> = said.keys().map(String::as_str).collect();
        assert_eq!(said_entities, site_entities, "entities of {id}");
        // Every mention the page highlights is one extract reports, with its text.
        let body = body_json(&out, &id);
        for block in body["blocks"].as_array().expect("blocks") {
            let text: Vec<char> = block["text"].as_str().unwrap_or_default().chars().collect();
            for m in block["mentions"].as_array().into_iter().flatten() {
                let (start, end) = (m["start"].as_u64(), m["end"].as_u64());
                let (start, end) = (start.expect("start") as usize, end.expect("end") as usize);
                let shown = spaced(&text[start..end].iter().collect::<String>());
                let entity = m["entity"].as_str().expect("entity");
                let texts = said.get_mut(entity).expect("a linked entity");
                let at = texts.iter().position(|t| *t == shown);
                let at = at.unwrap_or_else(|| panic!("{id}: {shown:?} ({entity}) in {texts:?}"));
                texts.swap_remove(at);
                mentions += 1;
            }
        }
        checked += 1;
    }
    assert_eq!(checked, articles.len(), "one line per article");
    assert!(mentions > 0);
}

/// `kiosque extract` reads its file as `build` reads a JSON Lines file: UTF-16 with a byte
/// order mark, gzip-compressed; a line that is not JSON is named by its line and column, and a
/// directory is refused with what to give instead.
#[test]
fn extract_reads_its_file_as_build_does() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let jsonl =
        "{\"id\": \"a\", \"text\": \"Emmanuel Macron a reçu Olaf Scholz à Paris.\"}\n{not json\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(jsonl.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.path().join("utf16.jsonl"), utf16).expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(jsonl.as_bytes()).expect("compress");
    std::fs::write(
        dir.path().join("records.jsonl.gz"),
        gz.finish().expect("compress"),
    )
    .expect("write");
    for name in ["utf16.jsonl", "records.jsonl.gz"] {
        let run = kiosque(&["extract", &dir.path().join(name).display().to_string()]);
        let (out, err) = (String::from_utf8_lossy(&run.stdout), stderr(&run));
        assert_eq!(run.status.code(), Some(1), "{name}: {err}");
        assert!(
            out.contains(r#""id":"a""#) && out.contains("loc-paris"),
            "{name}: {out}"
        );
        assert!(
            err.contains(&format!(
                "{name}:2: invalid JSON: key must be a string at column 2"
            )),
            "{name}: {err}"
        );
        assert!(!err.contains("line 1"), "{name}: {err}");
    }
    let run = kiosque(&["extract", &dir.path().display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("is a directory: give one JSON Lines file"),
        "{}",
        stderr(&run)
    );
}
