//! Loading the site data: the index first, article bodies on demand. Failures are typed values
//! that the views show with a way forward.

use std::sync::Arc;

use gloo_net::http::Request;
use kiosque_model::index::{Corpus, IndexError};
use kiosque_model::{ArticleBody, SchemaError};
use serde::de::DeserializeOwned;
use thiserror::Error;
use web_sys::RequestCache;

/// Why data could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AppError {
    /// The request did not get an answer (offline, server down, blocked).
    #[error("Could not reach {url}: {message}. Check the connection and retry.")]
    Network {
        /// What was requested.
        url: String,
        /// The browser's reason.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}{}.", status_hint(*status))]
    Status {
        /// What was requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The file is not valid JSON of the expected shape.
    #[error("{url} is not valid site data: {message}.")]
    Malformed {
        /// What was requested.
        url: String,
        /// serde's message, with line and column.
        message: String,
    },
    /// The data is of a schema version this app cannot read.
    #[error("This site's data cannot be read: {0}.")]
    Schema(#[from] SchemaError),
}

fn status_hint(status: u16) -> &'static str {
    match status {
        404 => " (not found: is the site data deployed next to the app?)",
        500..=599 => " (a server error)",
        _ => "",
    }
}

/// How much to trust the browser's cached copy of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Use the cache as the server allows (article bodies).
    Cached,
    /// Ignore the cache: for the index, which changes whenever the site is rebuilt, and for
    /// retries, where the cached copy may be the broken one. Revalidating is not enough: servers
    /// that compare modification times in whole seconds (Python's `http.server`) answer "not
    /// modified" for a file replaced within the same second.
    Reload,
}

/// Fetches a URL and returns its text.
async fn fetch_text(url: &str, freshness: Freshness) -> Result<String, AppError> {
    let request = Request::get(url);
    let request = match freshness {
        Freshness::Cached => request,
        Freshness::Reload => request.cache(RequestCache::Reload),
    };
    let response = request.send().await.map_err(|e| AppError::Network {
        url: url.to_owned(),
        message: e.to_string(),
    })?;
    if !response.ok() {
        return Err(AppError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    response.text().await.map_err(|e| AppError::Network {
        url: url.to_owned(),
        message: e.to_string(),
    })
}

fn parse<T: DeserializeOwned>(url: &str, text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Malformed {
        url: url.to_owned(),
        message: e.to_string(),
    })
}

/// Parses `index.json` (see [`kiosque_model::index::parse_index`]), naming the URL when the
/// file is not valid site data.
pub fn parse_index(url: &str, text: &str) -> Result<Corpus, AppError> {
    kiosque_model::index::parse_index(text)
        .map(Corpus::new)
        .map_err(|error| match error {
            IndexError::Schema(error) => AppError::Schema(error),
            IndexError::Malformed(message) => AppError::Malformed {
                url: url.to_owned(),
                message,
            },
        })
}

/// Loads and checks the site index, always from the server (see [`Freshness::Reload`]).
pub async fn load_corpus(url: String) -> Result<Arc<Corpus>, AppError> {
    let text = fetch_text(&url, Freshness::Reload).await?;
    parse_index(&url, &text).map(Arc::new)
}

/// Loads one article body; `retry` bypasses the browser's cache.
pub async fn load_article(url: String, retry: bool) -> Result<Arc<ArticleBody>, AppError> {
    let freshness = if retry {
        Freshness::Reload
    } else {
        Freshness::Cached
    };
    let text = fetch_text(&url, freshness).await?;
    parse::<ArticleBody>(&url, &text).map(Arc::new)
}

#[cfg(test)]
mod tests {
    //! What the model's parser decides is tested in `kiosque_model::index`; these check that
    //! its errors reach the reader with the URL.

    use super::*;

    const URL: &str = "/data/index.json";

    #[test]
    fn a_valid_index_becomes_a_corpus() {
        let corpus = parse_index(
            URL,
            r#"{"schema_version": "1.3", "articles": [], "entities": []}"#,
        )
        .expect("valid");
        assert!(corpus.articles().is_empty());
    }

    #[test]
    fn a_malformed_file_is_named_by_its_url_with_serdes_message() {
        let err =
            parse_index(URL, r#"{"schema_version": "1.0", "articles": ["#).expect_err("truncated");
        assert!(matches!(err, AppError::Malformed { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.contains(URL) && message.contains("line 1"),
            "{message}"
        );
    }

    #[test]
    fn another_major_version_is_a_schema_error() {
        let err = parse_index(URL, r#"{"schema_version": "2.0", "documents": {}}"#)
            .expect_err("version 2");
        assert!(matches!(err, AppError::Schema(_)), "{err:?}");
    }
}
