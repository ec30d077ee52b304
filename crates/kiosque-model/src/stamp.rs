//! Short fingerprints: of an article's body, written in the index (`body_hash`), so that the
//! body's URL changes whenever the body does (a browser never shows a cached old body next to a
//! fresh index); of the parts named by their content; of what a writer keeps to tell a file
//! unchanged. XXH3 (64 bits), which hashes the hundreds of megabytes of a large site's data at
//! memory speed; FNV-1a (64 bits) only where the app computes it too, to find an article's or an
//! entity's file from its id ([`hash64`]): a few bytes, and no hash library in the app.

use crate::article::ArticleBody;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// FNV-1a (64 bits), fed bytes as they come.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// FNV-1a (64 bits) of `bytes`: what places an article's body or an entity's files in their
/// file ([`crate::parts::bucket_of`]), which the app computes from an id.
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut hash = Fnv::new();
    hash.feed(bytes);
    hash.0
}

/// What ids are made from when a name alone does not make one (an article's id asked for by
/// several, an entity's name too long for an id): 16 hex digits of FNV-1a (64 bits) over
/// `text` without its trailing whitespace. Ids are permalinks: this never changes (a faster hash
/// would rename those articles and entities), and it is made once per article or long name.
pub fn for_ids(text: &str) -> String {
    hex(hash64(text.trim_end().as_bytes()))
}

/// XXH3 (64 bits) of `bytes`: a writer's fingerprint of what it made (a part's stamp, a file's
/// key in the record of what it wrote).
pub fn fingerprint64(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

/// 16 hex digits.
fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// The fingerprint of a body file's text: 16 hex digits of XXH3 (64 bits) over the text without
/// its trailing whitespace (the file ends with a newline). Not a security hash: it only has to
/// change when the file does.
pub fn of_text(text: &str) -> String {
    of_file(text.trim_end().as_bytes())
}

/// [`of_text`] of a file's bytes, hashed as they are (no copy, no check as UTF-8): the same
/// fingerprint for a file whose text ends in ASCII whitespace only, as JSON files do.
pub fn of_file(bytes: &[u8]) -> String {
    hex(fingerprint64(bytes.trim_ascii_end()))
}

/// XXH3 fed bytes as they are serialised.
struct Streamed(Xxh3);

impl std::io::Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of the file `kiosque build` writes for `body` (compact JSON): [`of_text`] of
/// that text, hashed as it is serialised rather than from a copy (compact JSON of an object ends
/// with `}`: there is no trailing whitespace to leave out).
pub fn of_body(body: &ArticleBody) -> String {
    let mut hash = Streamed(Xxh3::new());
    match serde_json::to_writer(&mut hash, body) {
        Ok(()) => hex(hash.0.digest()),
        // Serialising plain strings, numbers and vectors cannot fail.
        Err(_) => of_text(""),
    }
}

/// Whether `hash` looks like a fingerprint (hex digits, at most 64): safe to put in a URL.
pub fn is_well_formed(hash: &str) -> bool {
    !hash.is_empty() && hash.len() <= 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, TextBlock};

    fn body(text: &str) -> ArticleBody {
        ArticleBody {
            id: "a".into(),
            blocks: vec![Block::Paragraph(TextBlock {
                text: text.into(),
                mentions: vec![],
            })],
        }
    }

    #[test]
    fn the_stamp_changes_with_the_body_and_only_with_it() {
        let one = of_body(&body("Koursk"));
        assert_eq!(one.len(), 16);
        assert!(is_well_formed(&one));
        assert_eq!(one, of_body(&body("Koursk")));
        assert_ne!(one, of_body(&body("Kursk")));
    }

    #[test]
    fn the_file_and_the_value_have_the_same_stamp() {
        let value = body("L’Ukraine");
        let file = format!("{}\n", serde_json::to_string(&value).expect("serialises"));
        assert_eq!(of_text(&file), of_body(&value));
        // XXH3's test vector (64 bits, seed 0), so another tool can compute the same stamp.
        assert_eq!(of_text("a"), "e6c632b61e964e1f");
        assert_eq!(of_file(file.as_bytes()), of_text(&file));
        assert_eq!(of_file(b"a\n"), "e6c632b61e964e1f");
        // FNV-1a's, for the buckets the app computes and the ids.
        assert_eq!(hash64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(for_ids("a \u{a0}\n"), "af63dc4c8601ec8c");
        // Trailing whitespace of any kind is left out, as ids always left it out.
        assert_eq!(of_text("a\u{3000}"), of_text("a"));
    }

    #[test]
    fn a_body_with_every_kind_of_block_has_the_stamp_of_its_file() {
        // Escapes, non-ASCII text, mentions and an embed: the stamp is hashed while the body
        // is serialised, and must be the stamp of the written file.
        let value: ArticleBody = serde_json::from_str(
            r#"{"id":"a","blocks":[
                {"kind":"heading","text":"Kiev \"sous\" les bombes\n","mentions":[{"start":0,"end":4,"entity":"loc-kyiv"}]},
                {"kind":"paragraph","text":"L’Ukraine\tet la Russie ☃","mentions":[]},
                {"kind":"boilerplate","reason":"footer","text":"Lire aussi"}
            ]}"#,
        )
        .expect("a body");
        let file = format!("{}\n", serde_json::to_string(&value).expect("serialises"));
        assert_eq!(of_text(&file), of_body(&value));
        assert_ne!(of_body(&value), of_body(&body("Kiev")));
    }

    #[test]
    fn only_hex_digits_are_well_formed() {
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("abc&x=1"));
        assert!(!is_well_formed(&"a".repeat(65)));
    }
}
