//! The files of data contract 2 the app reads before an article's body (`site.json`, summary
//! pages, entity parts), as the app reads them: no panic; what parses is checked into a corpus
//! within the contract, and a refusal names the file.
#![no_main]

use kiosque_model::index::Corpus;
use kiosque_model::parts::{self, SiteFile};
use libfuzzer_sys::fuzz_target;

/// A site of nothing, to assemble a part into.
fn empty_site() -> SiteFile<String> {
    parts::parse_site(
        r#"{"schema_version": "2.0", "articles": 0, "entities": 0, "summaries": [],
            "entity_parts": [], "buckets": 1, "labels": [0, 0, 0, 0],
            "first": {"articles": [], "entities": []}}"#,
    )
    .expect("an empty site.json parses")
}

/// Every entity an article lists is in the table, and lookups by id find every item.
fn check(corpus: &Corpus) {
    for e in corpus.entities() {
        assert!(corpus.entity(&e.id).is_some(), "entity {} not found by id", e.id);
        let _ = corpus.articles_mentioning(&e.id).count();
    }
    for a in corpus.articles() {
        assert!(corpus.article(&a.id).is_some(), "article {} not found by id", a.id);
        for id in &a.entities {
            assert!(corpus.entity(id).is_some(), "unknown entity {id} kept");
        }
    }
}

fn refused(file: &str, message: String) {
    assert!(message.contains(file), "the error does not name {file}: {message}");
}

fuzz_target!(|text: &str| {
    match parts::parse_site(text) {
        Ok(site) => check(&Corpus::first_screen(&site).value),
        Err(e) => assert!(!e.to_string().trim().is_empty()),
    }
    let site = empty_site();
    const PAGE: &str = "summaries/0123456789abcdef.json";
    match parts::parse_summaries(PAGE, text) {
        Ok(page) => check(&Corpus::whole(&site, vec![page], vec![]).value),
        Err(e) => refused(PAGE, e.to_string()),
    }
    const PART: &str = "entities/0123456789abcdef.json";
    match parts::parse_entities(PART, text) {
        Ok(part) => check(&Corpus::whole(&site, vec![], vec![part]).value),
        Err(e) => refused(PART, e.to_string()),
    }
});
