//! The shared corpus (`../shared`), when it is there: every input format builds.

mod common;

use common::{build, index_json, shared, stderr};

#[test]
fn the_wikinews_corpus_builds_completely() {
    let Some(shared) = shared() else { return };
    let out = tempfile::tempdir().expect("temp dir");
    let data = out.path().join("data");
    let run = build(&[&shared.join("corpus/wikinews/articles.jsonl")], &data);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = index_json(&data);
    let articles = index["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 120);
    // Given ids are kept, so links stay stable across runs.
    assert!(articles.iter().any(|a| a["id"] == "en-wikinews-2019-01-04-magnitogorsk-apartment-building-collapses-after-explosion-dozens-dead"));
    // Newest first.
    let dates: Vec<&str> = articles
        .iter()
        .filter_map(|a| a["published"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
}

#[test]
fn building_twice_gives_the_same_bytes() {
    let Some(shared) = shared() else { return };
    let input = shared.join("corpus/wikinews/articles.jsonl");
    let out = tempfile::tempdir().expect("temp dir");
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    assert!(build(&[&input], &a).status.success());
    assert!(build(&[&input], &b).status.success());
    assert_eq!(common::tree(&a), common::tree(&b));
}
