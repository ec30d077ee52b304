//! A body file (`bodies/<bucket>.json`) as the app reads it for an article page: no panic; its
//! corpus and every body are checked; highlighting never loses text, whatever the mention
//! offsets.
#![no_main]

use kiosque_model::highlight::segments;
use kiosque_model::index::Corpus;
use kiosque_model::parts;
use kiosque_model::validate;
use libfuzzer_sys::fuzz_target;

const FILE: &str = "bodies/0.json";

fuzz_target!(|text: &str| {
    let site = parts::parse_site(
        r#"{"schema_version": "2.0", "articles": 0, "entities": 0, "summaries": [],
            "entity_parts": [], "buckets": 1, "labels": [0, 0, 0, 0],
            "first": {"articles": [], "entities": []}}"#,
    )
    .expect("an empty site.json parses");
    let bucket = match parts::parse_bucket(FILE, text) {
        Ok(bucket) => bucket,
        Err(e) => {
            let message = e.to_string();
            assert!(message.contains(FILE), "the error does not name the file: {message}");
            return;
        }
    };
    let corpus = Corpus::of_bucket(&site, &bucket).value;
    for article in bucket.articles {
        let body = validate::body(article.body, &article.summary.id, &corpus).value;
        for block in &body.blocks {
            let joined: String = segments(block.text(), block.mentions())
                .iter()
                .map(|s| s.text)
                .collect();
            assert_eq!(joined, block.text(), "highlighting changed the text");
        }
    }
});
