//! An article body file as the app parses it: no panic; highlighting never loses text, whatever
//! the mention offsets.
#![no_main]

use kiosque_model::ArticleBody;
use kiosque_model::highlight::segments;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(body) = serde_json::from_str::<ArticleBody>(text) {
        for block in &body.blocks {
            let joined: String = segments(block.text(), block.mentions())
                .iter()
                .map(|s| s.text)
                .collect();
            assert_eq!(joined, block.text(), "highlighting changed the text");
        }
    }
});
