//! Entities found by another tool (displaCy-style records) are used instead of Kiosque's own.

mod common;

use std::fs;

use common::{build, json, stderr};

#[test]
fn displacy_entities_are_imported_linked_and_kept_out_of_boilerplate() {
    let text = "Émile Zola vit à Paris.\nLire aussi : Un autre article sur Lyon\nDes promos sur Xiaomi…\nEt sur Samsung…";
    let at = |needle: &str| {
        text.find(needle)
            .map(|b| text[..b].chars().count())
            .expect("in text")
    };
    let span = |needle: &str, label: &str| {
        let start = at(needle);
        format!(
            r#"{{"start": {start}, "end": {}, "label": "{label}"}}"#,
            start + needle.chars().count()
        )
    };
    let record = format!(
        r#"{{"id": "import", "title": "Import", "text": {}, "ents": [{}, {}, {}, {}, {}]}}"#,
        serde_json::to_string(text).expect("json"),
        span("Émile Zola", "PERSON"),
        span("Paris", "GPE"),
        span("Lyon", "GPE"),
        span("Xiaomi", "ORG"),
        span("vit", "MISC"),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("ents.jsonl"), record).expect("write");
    let data = dir.path().join("data");
    let run = build(&[&dir.path().join("ents.jsonl")], &data);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = json(&data.join("index.json"));
    let names: Vec<&str> = index["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    // The tool's people and places, mapped to Kiosque's labels; its MISC left out; the teaser's
    // organisation left out with the teaser; nothing Kiosque would have found on its own.
    assert_eq!(
        index["entities"].as_array().map(Vec::len),
        Some(3),
        "{names:?}"
    );
    for name in ["Émile Zola", "Paris", "Lyon"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(!names.contains(&"Xiaomi") && !names.contains(&"Samsung"));
}

#[test]
fn an_imported_span_outside_the_text_is_an_error_naming_the_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bad.jsonl"),
        r#"{"id": "a", "text": "Paris", "ents": [{"start": 0, "end": 50, "label": "GPE"}]}"#,
    )
    .expect("write");
    let run = build(&[&dir.path().join("bad.jsonl")], &dir.path().join("data"));
    assert_eq!(run.status.code(), Some(2), "no article could be read");
    assert!(
        stderr(&run).contains("bad.jsonl:1: entity span 0..50 is not inside the text"),
        "{}",
        stderr(&run)
    );
}
