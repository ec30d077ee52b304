//! The inspection interfaces: `kiosque clean` and `kiosque extract`, as users and scripts call them.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{SEED_KINDS, demo, kiosque, stderr};
use serde_json::Value;

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

#[test]
fn clean_prints_one_json_line_per_article_with_typed_blocks() {
    let run = kiosque(&["clean", &demo().display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let records = lines(&run.stdout);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert!(
        r["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("000_a6c409483e480484.txt"))
    );
    assert_eq!(r["published"], "2025-01-06");
    assert_eq!(r["lang"], "fr");
    assert!(
        r["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Les deux camps"))
    );
    let kinds: Vec<&str> = r["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| b["kind"].as_str())
        .collect();
    assert_eq!(kinds, SEED_KINDS);
    assert_eq!(r["blocks"][3]["handle"], "@silvano_trotta");
    assert_eq!(r["blocks"][8]["reason"], "teaser");
}

#[test]
fn extract_gives_code_point_offsets_ids_and_iso_dates_and_nothing_from_boilerplate() {
    let text = "L’armée de la Russie a attaqué lundi près de Koursk.\nPSG : Kolo Muani, la Juve en colère ! Barça…\nXiaomi en promotion…";
    let record = serde_json::json!({"id": 7, "text": text, "published": "2025-01-06"}).to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiosque"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kiosque runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(record.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{}", stderr(&out));
    let records = lines(&out.stdout);
    assert_eq!(records[0]["id"], 7);
    let chars: Vec<char> = text.chars().collect();
    let entities = records[0]["entities"].as_array().expect("entities");
    let mut seen = Vec::new();
    for e in entities {
        let (start, end) = (
            e["start"].as_u64().expect("start") as usize,
            e["end"].as_u64().expect("end") as usize,
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(
            slice,
            e["text"].as_str().expect("text"),
            "offsets count code points"
        );
        assert!(e["entity"].as_str().is_some_and(|id| !id.is_empty()));
        seen.push((e["label"].as_str().expect("label").to_owned(), slice));
    }
    assert!(seen.contains(&("LOC".into(), "Russie".into())), "{seen:?}");
    assert!(seen.contains(&("LOC".into(), "Koursk".into())), "{seen:?}");
    let lundi = entities
        .iter()
        .find(|e| e["text"] == "lundi")
        .expect("lundi");
    assert_eq!(lundi["value"], "2025-01-06");
    for teaser in ["PSG", "Kolo Muani", "Juve", "Xiaomi"] {
        assert!(
            !seen.iter().any(|(_, t)| t.contains(teaser)),
            "{teaser} comes from boilerplate"
        );
    }
}

#[test]
fn extract_reports_bad_lines_and_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("in.jsonl");
    std::fs::write(
        &path,
        "{\"id\": 1, \"text\": \"À Paris.\"}\nnot json\n{\"id\": 3}\n",
    )
    .expect("write");
    let run = kiosque(&["extract", &path.display().to_string()]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(lines(&run.stdout).len(), 1);
    let err = stderr(&run);
    assert!(
        err.contains("in.jsonl:2:") && err.contains("in.jsonl:3:"),
        "{err}"
    );
}

/// A file with many lines that cannot be read does not flood standard error: as `build` says
/// them, the first ten of a kind, then how many more; `--all-messages` prints every one.
#[test]
fn extract_counts_many_bad_lines_after_the_first_ten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("in.jsonl");
    let mut records = vec!["{\"id\": 1, \"text\": \"À Paris.\"}".to_owned()];
    records.extend((0..30).map(|i| format!("{{\"id\": {i}, \"text\": ")));
    std::fs::write(&path, records.join("\n")).expect("write");
    let path = path.display().to_string();

    let run = kiosque(&["extract", &path]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert_eq!(lines(&run.stdout).len(), 1, "{err}");
    let said: Vec<&str> = err.lines().collect();
    assert_eq!(said.len(), 11, "{err}");
    assert!(
        said[..10]
            .iter()
            .zip(2..)
            .all(|(l, n)| l.starts_with(&format!("error: {path}:{n}: invalid JSON: "))),
        "{err}"
    );
    assert_eq!(
        said[10],
        "error: 20 more records that are not valid JSON (`--all-messages` prints every one)"
    );

    let all = kiosque(&["extract", &path, "--all-messages"]);
    let err = stderr(&all);
    assert_eq!(all.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 30, "{err}");
    assert!(err.contains(&format!("{path}:31: invalid JSON: ")), "{err}");
}
