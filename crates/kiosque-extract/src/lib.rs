//! Kiosque's cleaning and entity extraction, in pure Rust with no I/O.
//!
//! The pipeline for one article: [`source`] turns an input (plain text with optional front
//! matter, Markdown, HTML, a JSON record) into a [`source::Document`]; [`clean`] splits it into
//! typed blocks; [`ner`] finds entity mentions in the blocks that belong to the article; and
//! [`link`] gives every entity one id and one name across the corpus. [`dates`] finds and
//! resolves date expressions, [`lang`] detects the language.

mod acronym;
pub mod analysis;
pub mod clean;
pub mod dates;
pub mod edit;
pub mod eval;
pub mod html;
pub mod lang;
pub mod link;
pub mod ner;
pub mod normalize;
pub mod slug;
pub mod source;
