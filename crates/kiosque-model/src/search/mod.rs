//! Full-text search over titles and bodies: the index `kiosque build` writes (split by term
//! into shards fetched on demand), and the queries the app runs on the shards it fetched.
//!
//! Plain Rust, compiled natively and to wasm: nothing here panics on data. The format is in
//! `docs/data-format.md`, "Search index".
//!
//! - [`terms`]: how text is cut into folded words, and the stopwords.
//! - [`doc_terms`] and [`build`]: the index, article by article then as a whole, in segments
//!   (each posting's BM25 term-frequency part is computed here, so the browser needs no
//!   document lengths; a term's rarity is weighed when a query runs, over every segment).
//! - [`Meta`] and [`Shard`]: the files, parsed.
//! - [`Query`]: parsing what the reader typed, the shards it needs, ranked hits.
//! - [`marks`]: where the matched terms are in a text.

mod build;
mod files;
mod marks;
mod query;
pub mod terms;
#[cfg(test)]
mod tests;
pub mod typo;

pub use build::{
    Built, DEFAULT_SHARD_BYTES, DocTerms, MAX_SHARDS, Segment, ShardFile, base_size, build,
    build_reusing, doc_terms,
};
pub use files::{FORMAT_VERSION, Meta, SCORE_SCALE, SearchDataError, Shard, is_meta_path};
pub use marks::marks;
pub use query::{Hit, MIN_PREFIX_CHARS, Outcome, Query};
