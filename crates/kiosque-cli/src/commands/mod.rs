//! The subcommands of `kiosque`.

pub mod build;
