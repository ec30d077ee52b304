//! One `.jsonl` line: no panic; a record read keeps its text whole and its entity spans inside it.
#![no_main]

use kiosque_extract::source::parse_json_line;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Ok(doc) = parse_json_line(line) {
        assert!(
            !doc.text.trim().is_empty(),
            "a record without text was read"
        );
        let len = doc.text.chars().count();
        for e in doc.imported.iter().flatten() {
            assert!(
                e.start < e.end && e.end <= len,
                "span {e:?} outside {len} characters"
            );
        }
    }
});
