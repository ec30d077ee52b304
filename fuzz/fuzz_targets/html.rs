//! A saved web page: no panic, and what is read has text.
#![no_main]

use kiosque_extract::html::parse_html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &str| {
    if let Ok(doc) = parse_html(page, None) {
        assert!(!doc.text.trim().is_empty(), "a page without text was read");
    }
});
