//! Per-page HTML files for the built site, so that every article and entity has a real address
//! on any static server, with link-preview metadata and a readable body without JavaScript;
//! the publishing settings, the feed and sitemap, and the Try it worker's files named by content.

pub mod feed;
pub mod html;
pub mod kept;
pub mod settings;
pub mod worker;
