//! The `kiosque` command's library: reading inputs, assembling and writing site data, and
//! rendering static pages. `main.rs` only parses arguments and reports; the browser tests call
//! these functions directly.

pub mod analyses_file;
pub mod atomic;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod input;
pub mod knowledge;
pub mod message;
pub mod output;
pub mod pages;
pub mod progress;
pub mod unread;
pub mod warnings;
