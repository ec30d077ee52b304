//! `index.json` as the app parses it: no panic; what parses writes back to the same index.
#![no_main]

use kiosque_model::index::{Corpus, parse_index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_index(text) {
        Ok(index) => {
            let again = serde_json::to_string(&index).expect("an index serialises");
            assert_eq!(parse_index(&again).as_ref(), Ok(&index), "round trip");
            let corpus = Corpus::new(index);
            for e in corpus.entities() {
                let _ = corpus.articles_mentioning(&e.id).count();
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
