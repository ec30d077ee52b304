//! What `kiosque build` writes keeps the data contract: the validator the app runs on it finds
//! nothing to change, and every body's fingerprint in the index is the file's.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{build, demo, kiosque, read_site, repo, shared, stderr};
use kiosque_model::{stamp, validate};

/// Builds `inputs` and checks the output against the contract.
fn assert_build_keeps_the_contract(inputs: &[PathBuf]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("data");
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let run = build(&inputs, &out);
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    assert_data_keeps_the_contract(&out);
}

fn assert_data_keeps_the_contract(data: &Path) {
    let (index, bodies) = read_site(data);
    let checked = validate::corpus(index);
    assert!(
        checked.problems.is_empty(),
        "{}: {:#?}",
        data.display(),
        checked.problems
    );
    let corpus = checked.value;
    assert!(!corpus.articles().is_empty());
    assert_eq!(
        bodies.len(),
        corpus.articles().len(),
        "one body per article"
    );
    for summary in corpus.articles() {
        let article = bodies
            .iter()
            .find(|a| a.body.id == summary.id)
            .unwrap_or_else(|| panic!("{}: no body for {}", data.display(), summary.id));
        let text = serde_json::to_string(&article.body).expect("a body is JSON");
        assert_eq!(
            summary.body_hash.as_deref(),
            Some(stamp::of_text(&text).as_str()),
            "{}: the index's body_hash is not its body's",
            summary.id
        );
        assert_eq!(
            serde_json::to_value(&article.summary).expect("JSON"),
            serde_json::to_value(corpus.articles().iter().find(|a| a.id == summary.id))
                .expect("JSON"),
            "{}: the body file's summary is the index's",
            summary.id
        );
        let checked = validate::body(article.body.clone(), &summary.id, &corpus);
        assert!(
            checked.problems.is_empty(),
            "{}: {:#?}",
            summary.id,
            checked.problems
        );
    }
}

#[test]
fn the_demo_and_the_browser_tests_fixtures_keep_the_contract() {
    assert_build_keeps_the_contract(&[demo(), repo().join("tests/e2e/fixtures")]);
}

#[test]
fn the_committed_demo_data_keeps_the_contract() {
    assert_data_keeps_the_contract(&repo().join("public/data"));
}

#[test]
fn the_shared_corpus_keeps_the_contract() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus");
    assert_build_keeps_the_contract(&[
        corpus.join("wikinews/articles.jsonl"),
        corpus.join("raw"),
        corpus.join("seed"),
    ]);
}

/// `kiosque pages` on data that breaks the contract: the pages show what the app shows (the
/// check's result), and say what was left out, rather than failing or publishing it as it is.
#[test]
fn pages_of_data_that_breaks_the_contract_show_it_checked_with_warnings() {
    let dist = tempfile::tempdir().expect("temp dir");
    let data = dist.path().join("data");
    for dir in ["summaries", "entities", "bodies"] {
        fs::create_dir_all(data.join(dir)).expect("mkdir");
    }
    fs::write(
        dist.path().join("index.html"),
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title></head><body><div id=\"prerender\"></div></body></html>",
    )
    .expect("write");
    let excerpt = "mot ".repeat(100_000);
    // Written by hand in data contract 2's files: article `a` lists the entity table's
    // position 7, which is not there.
    let koursk = serde_json::json!(
        {"id": "loc-koursk", "label": "LOC", "name": "Koursk", "articles": 1, "mentions": 1}
    );
    let site = serde_json::json!({
        "schema_version": kiosque_model::SCHEMA_VERSION,
        "articles": 2,
        "entities": 1,
        "summaries": ["summaries/aa.json"],
        "entity_parts": ["entities/bb.json"],
        "buckets": 1,
        "first": {"articles": [], "entities": []}
    });
    let page = serde_json::json!({"articles": [
        {"id": "a", "title": "Koursk", "excerpt": excerpt, "words": 3, "entities": [0, 7]},
        {"id": "../../escape", "title": "Out", "excerpt": "", "words": 1}
    ]});
    let bucket = serde_json::json!({
        "articles": [{
            "summary": {"id": "a", "title": "Koursk", "excerpt": "", "words": 3, "entities": ["loc-koursk"]},
            "body": {"id": "a", "blocks": [{"kind": "paragraph", "text": "À Koursk, la suite.", "mentions": [
                {"start": -3, "end": 8, "entity": "loc-koursk"},
                {"start": 2, "end": 8, "entity": "loc-koursk"},
                {"start": 9, "end": 99999999999u64, "entity": "loc-koursk"}]}]}
        }],
        "entities": [koursk]
    });
    for (file, value) in [
        ("site.json", site),
        ("summaries/aa.json", page),
        (
            "entities/bb.json",
            serde_json::json!({"entities": [koursk]}),
        ),
        ("bodies/0.json", bucket),
    ] {
        fs::write(data.join(file), value.to_string()).expect("write");
    }
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let warnings = stderr(&run);
    for expected in ["../../escape", "#7", "excerpt", "blocks[0]"] {
        assert!(warnings.contains(expected), "{expected}: {warnings}");
    }
    let page = fs::read_to_string(dist.path().join("article/a/index.html")).expect("page");
    assert!(
        // Linked to its page (or, for an entity of one article, the entity shell page).
        page.contains("class=\"mention mention-loc\">Koursk</a>, la suite."),
        "the good mention is linked, the text all there: {page}"
    );
    let description = page
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a description");
    assert!(description.chars().count() <= 220, "{description}");
    assert!(!dist.path().join("escape").exists());
    assert!(!dist.path().join("article/escape").exists());
}
