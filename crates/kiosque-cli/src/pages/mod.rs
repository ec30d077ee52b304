//! Per-page HTML files for the built site, so that every article and entity has a real address
//! on any static server, with link-preview metadata and a readable body without JavaScript;
//! the publishing settings, the feed and sitemap, the Try it worker's files and the reader app's
//! wasm pieces named by content, and the script that starts the app on first use.

pub mod feed;
pub mod html;
pub mod kept;
pub mod pieces;
pub mod settings;
pub mod start;
pub mod worker;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// The first 16 hex digits of the SHA-256 of `bytes`: a file's name part.
fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What follows the hash in `name` if it is `<stem>-<16 hex digits>…`, a file named by
/// [`content_hash`] (`.js`, `_bg.wasm`); `None` for any other name.
fn content_named<'a>(name: &'a str, stem: &str) -> Option<&'a str> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let hash = rest.get(..16)?;
    hash.bytes()
        .all(|b| b.is_ascii_hexdigit())
        .then(|| &rest[16..])
}

/// The Subresource Integrity value of `bytes` (`sha384-…`), as Trunk writes it.
fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The names of the files in `dir`, sorted (the tests of what a run leaves in `dist`).
#[cfg(test)]
fn file_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listed")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .collect();
    names.sort();
    names
}
