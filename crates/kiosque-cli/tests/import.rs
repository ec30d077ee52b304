//! Entities found by another tool (displaCy-style records) are used instead of Kiosque's own.

mod common;

use std::fs;

use common::{body_json, build, index_json, stderr};

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
    let index = index_json(&data);
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
fn bad_spans_cost_only_themselves_and_are_reported_with_their_record() {
    let text = "L’Université de Paris accueille Émile Zola à Lyon.";
    let at = |needle: &str| {
        let start = text
            .find(needle)
            .map(|b| text[..b].chars().count())
            .expect("in text");
        (start, start + needle.chars().count())
    };
    let span = |(start, end): (usize, usize), label: &str| {
        format!(r#"{{"start": {start}, "end": {end}, "label": "{label}"}}"#)
    };
    let (lyon, zola) = (at("Lyon"), at("Émile Zola"));
    let ents = [
        span(lyon, "GPE"),                                       // unsorted: fine
        span(at("Université de Paris"), "ORG"),                  // kept
        span(at("Paris"), "GPE"), // inside the organisation: left out
        span((zola.0 - 1, zola.1 + 1), "PERSON"), // spaces around: trimmed
        span((0, 500), "LOC"),    // outside the text: left out
        span(at("accueille"), "NORP"), // a label Kiosque does not use
        r#"{"start": -5, "end": 2, "label": "ORG"}"#.to_owned(), // not an offset
    ];
    let record = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Import", "text": {}, "ents": [{}]}}"#,
            serde_json::to_string(text).expect("json"),
            ents.join(", ")
        )
    };
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bad.jsonl"),
        format!("{}\n{}\n", record("a"), record("b")),
    )
    .expect("write");
    let data = dir.path().join("data");
    let run = build(&[&dir.path().join("bad.jsonl")], &data);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "the article is kept: {err}");
    for expected in [
        r#"bad.jsonl:1: ents[2]: span 16..21 "Paris" "GPE" overlaps 2..21 "Université de Paris" "ORG"; left out"#,
        "bad.jsonl:1: ents[3]: span 31..43 has spaces around the name; trimmed to 32..42",
        "bad.jsonl:1: ents[4]: span 0..500 is not inside the text (50 characters; offsets count code points); left out",
        r#"bad.jsonl:1: ents[6]: "start" must be a whole number of code points (0 or more), found -5; left out"#,
        // Unknown labels: one line for the whole build, with the count.
        r#"warning: entity label "NORP" is not one Kiosque uses (PER/PERSON, LOC/GPE/FAC, ORG, DATE): 2 spans in 2 records left out (the first in "#,
    ] {
        assert!(err.contains(expected), "{expected}\nnot in:\n{err}");
    }
    // What is published: the good spans, sorted and disjoint.
    let body = body_json(&data, "a");
    let blocks = body["blocks"].as_array().expect("blocks");
    let mentions: Vec<(u64, u64)> = blocks
        .iter()
        .flat_map(|b| b["mentions"].as_array().cloned().unwrap_or_default())
        .map(|m| {
            (
                m["start"].as_u64().unwrap_or(0),
                m["end"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<(u64, u64)> = [at("Université de Paris"), zola, lyon]
        .into_iter()
        .map(|(s, e)| (s as u64, e as u64))
        .collect();
    assert_eq!(mentions, expected, "{body}");
}
