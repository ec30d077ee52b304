//! Plain text and Markdown files with front matter: no panic; front matter is all that is
//! removed, so the text is the end of the file.
#![no_main]

use kiosque_extract::clean::Format;
use kiosque_extract::source::parse_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|content: &str| {
    let unmarked = content.strip_prefix('\u{feff}').unwrap_or(content);
    for format in [Format::Text, Format::Markdown] {
        match parse_text(content, format) {
            Ok(doc) => assert!(unmarked.ends_with(&doc.text), "text is not the file's end"),
            Err(e) => assert!(e.to_string().contains("front matter"), "{e}"),
        }
    }
});
