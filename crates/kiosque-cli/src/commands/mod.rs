//! The subcommands of `kiosque`.

pub mod build;
pub mod clean;
pub mod eval;
pub mod extract;
pub mod pages;
