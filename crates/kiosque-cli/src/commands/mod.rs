//! The subcommands of `kiosque`.

pub mod build;
pub mod pages;
