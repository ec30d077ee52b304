//! What the extraction worker does with a text, natively testable: the text is read as
//! `kiosque build` reads a file of its format, then goes through the corpus pipeline
//! ([`kiosque_corpus::build`]) as a site of one article, so the page shows what a built site
//! would show of it, and answered as the site's own files ([`files`]), which the app reads with
//! the readers it has for a site's data. The browser side (messages) is in `main.rs`.

use std::path::Path;

use kiosque_corpus::Source;
use kiosque_extract::clean::Format as TextFormat;
use kiosque_extract::html::parse_html;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::parse_text;
use kiosque_model::parts::{Parts, bucket_of};
use kiosque_model::worker::{Extracted, Format, Request};

/// The largest text extracted: `kiosque build`'s default `--max-article-size`.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// The article `kiosque build` would make of the request's text (linked on its own, as a site
/// of one article), or why there is none, said for a reader.
pub fn extract(request: &Request) -> Result<Extracted, String> {
    if request.text.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "This text is {} KB: texts above {} KB are not extracted here (kiosque build --max-article-size takes larger ones).",
            request.text.len() / 1024,
            MAX_TEXT_BYTES / 1024
        ));
    }
    if request.text.trim().is_empty() {
        return Err("There is no text to extract: paste some, or drop a file.".to_owned());
    }
    let document = match request.format {
        Format::Text => parse_text(&request.text, TextFormat::Text),
        Format::Markdown => parse_text(&request.text, TextFormat::Markdown),
        Format::Html => parse_html(&request.text, None),
    }
    .map_err(|e| format!("This text could not be read: {e}"))?;
    // As `kiosque build` names an input: by its file, whose stem is the article's id when the
    // title is derived.
    let file = request.file_name.as_deref().map(Path::new);
    let source = Source {
        origin: kiosque_corpus::Origin::new(file.unwrap_or(Path::new("the text given")), None),
        file_stem: file
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned()),
        document,
    };
    let site = kiosque_corpus::build(vec![source], Knowledge::builtin());
    let body = site
        .bodies
        .into_iter()
        .next()
        .ok_or_else(|| "No article could be made of this text.".to_owned())?;
    Ok(Extracted {
        index: site.index,
        body,
    })
}

/// The article as the files of a site of one article: its `site.json` and the body file that
/// holds it (its summary, its body and the entities it lists), as `kiosque build` writes them.
/// The app reads them as it reads an article page's files (`Corpus::of_bucket`), so that the
/// Try it page adds no reader of its own to the app.
pub fn files(extracted: &Extracted) -> (String, String) {
    let index = &extracted.index;
    let bodies = std::slice::from_ref(&extracted.body);
    let parts = Parts::new(index, bodies);
    let bucket = bucket_of(extracted.body.id.as_str(), parts.buckets.len() as u32) as usize;
    (
        String::from_utf8_lossy(&parts.site).into_owned(),
        String::from_utf8_lossy(&parts.bucket(bucket)).into_owned(),
    )
}
