//! Per-page HTML files for the built site, so that every article and entity has a real address
//! on any static server, with link-preview metadata and a readable body without JavaScript.

pub mod html;
pub mod render;
