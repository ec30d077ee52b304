//! The messages between the app's "Try it" page and the extraction worker
//! (`crates/kiosque-worker`): a text in, the article `kiosque build` would make of it out, as
//! JSON strings. Defined here so that the app, which must not link the extraction, and the
//! worker, which runs it, share one definition.

use serde::{Deserialize, Serialize};

use crate::{ArticleBody, EntityId, SiteIndex};

/// How the text given to the worker is written, as the file it came from says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, or pasted): one paragraph per line, optional front matter.
    #[default]
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// A saved web page (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The format of a file named `name`, by its extension (plain text when it has none the
    /// build reads otherwise).
    pub fn of_file_name(name: &str) -> Format {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            _ => Format::Text,
        }
    }
}

/// What the app asks of the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The text, as pasted or read from the file.
    pub text: String,
    /// How it is written.
    pub format: Format,
    /// The name of the file it was read from, if any: as for `kiosque build`, its stem is the
    /// article's id when the title is derived from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

/// The article made of a text: a site of one article, as `kiosque build` would write it. `E`
/// (entity ids) is [`EntityId`] where it is made; the app reads it with `String` ids and checks
/// it as it checks site data ([`crate::validate`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: crate::article::ReadId"))]
pub struct Extracted<E = EntityId> {
    /// Its summary (title, language, date, entities) and its entities.
    pub index: SiteIndex<E>,
    /// Its body: typed blocks with their mentions.
    pub body: ArticleBody<E>,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: crate::article::ReadId"))]
pub struct Reply<E = EntityId> {
    /// The article, or why there is none (the message says it to the reader).
    pub result: Result<Extracted<E>, String>,
    /// How long the extraction took in the worker, in milliseconds.
    pub millis: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_format_is_read_from_its_extension() {
        assert_eq!(Format::of_file_name("a.md"), Format::Markdown);
        assert_eq!(Format::of_file_name("Page.HTML"), Format::Html);
        assert_eq!(Format::of_file_name("page.htm"), Format::Html);
        assert_eq!(Format::of_file_name("notes.txt"), Format::Text);
        assert_eq!(Format::of_file_name("README"), Format::Text);
    }
}
