//! Per-page HTML files for the built site, so that every article and entity has a real address
//! on any static server, with link-preview metadata and a readable body without JavaScript;
//! the publishing settings, and the feed and sitemap.

pub mod feed;
pub mod html;
pub mod settings;
