//! The subcommands of `kiosque`.

pub mod analyze;
pub mod build;
pub mod clean;
pub mod eval;
pub mod extract;
pub mod merge;
pub mod pages;
