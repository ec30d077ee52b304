//! Loading the site data: the index first, article bodies on demand. Failures are typed values
//! that the views show with a way forward.

use std::cell::RefCell;
use std::sync::Arc;

use futures::channel::oneshot;

use kiosque_model::index::{Corpus, IndexError};
use kiosque_model::validate::{self, Problem};
use kiosque_model::{ArticleBody, SchemaError, stamp};
use serde::de::DeserializeOwned;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response};

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

/// Fetches a URL and returns its text, with the browser's own `fetch` (an HTTP client library
/// costs the app bytes for nothing here: see `docs/app-size.md`).
pub(crate) async fn fetch_text(url: &str, freshness: Freshness) -> Result<String, AppError> {
    let network = |error: JsValue| AppError::Network {
        url: url.to_owned(),
        message: js_message(&error),
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let init = RequestInit::new();
    if freshness == Freshness::Reload {
        init.set_cache(RequestCache::Reload);
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(network)?
        .unchecked_into();
    if !response.ok() {
        return Err(AppError::Status {
            url: url.to_owned(),
            status: response.status(),
        });
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?;
    text.as_string()
        .ok_or_else(|| network(JsValue::from_str("the body is not text")))
}

/// The browser's reason for a failed request, as `TypeError: Failed to fetch`.
fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => error
            .as_string()
            .unwrap_or_else(|| "the request failed".to_owned()),
    }
}

fn parse<T: DeserializeOwned>(url: &str, text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Malformed {
        url: url.to_owned(),
        message: e.to_string(),
    })
}

/// How many of a file's problems the console lists (a broken file can have thousands).
const PROBLEMS_LOGGED: usize = 20;

/// Tells the publisher, in the browser's console, what the data contract check changed: the
/// reader sees the data as safely as it can be shown, the publisher can see why.
fn log_problems(url: &str, problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    leptos::logging::warn!(
        "{url}: {} problem(s) with the site data; shown without what breaks the contract:",
        problems.len()
    );
    for problem in problems.iter().take(PROBLEMS_LOGGED) {
        leptos::logging::warn!("  {problem}");
    }
}

/// Parses `index.json` (see [`kiosque_model::index::parse_index`]), naming the URL when the
/// file is not valid site data, and checks it against the contract
/// ([`kiosque_model::validate::index`]).
pub fn parse_index(url: &str, text: &str) -> Result<Corpus, AppError> {
    kiosque_model::index::parse_index(text)
        .map(|index| {
            let checked = validate::corpus(index);
            log_problems(url, &checked.problems);
            checked.value
        })
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

/// Parses the body of the article `id` and checks it against the contract and the corpus
/// ([`kiosque_model::validate::body`]): a bad mention leaves its words plain, the rest shows.
pub fn parse_body(
    url: &str,
    text: &str,
    id: &str,
    corpus: &Corpus,
) -> Result<ArticleBody, AppError> {
    let checked = validate::body(parse::<validate::UncheckedBody>(url, text)?, id, corpus);
    log_problems(url, &checked.problems);
    Ok(checked.value)
}

/// What an article page needs to load its body.
#[derive(Debug, Clone)]
pub struct BodyRequest {
    /// The body's URL (with its fingerprint, see [`crate::paths::Paths::article_json`]).
    pub url: String,
    /// The article's id.
    pub id: String,
    /// The body's fingerprint in the index, if the data has one.
    pub body_hash: Option<String>,
    /// The corpus its mentions link into.
    pub corpus: Arc<Corpus>,
}

/// Where a prefetched body's text (or why it could not be fetched) arrives.
type Arriving = oneshot::Receiver<Result<String, AppError>>;

thread_local! {
    /// The body of the article the app was opened on, fetched while the index loads: its id and
    /// where its text arrives.
    static PREFETCHED: RefCell<Option<(String, Arriving)>> = const { RefCell::new(None) };
}

/// Starts fetching the body of article `id` at `url` (its address without fingerprint) at once,
/// for a page opened on that article: otherwise the body is asked for only once the index has
/// said its fingerprint, one round trip after the other. [`load_article`] uses it if it is what
/// the index says; otherwise it fetches the body as usual.
pub fn prefetch_article(id: String, url: String) {
    let (send, receive) = oneshot::channel();
    PREFETCHED.with(|p| *p.borrow_mut() = Some((id, receive)));
    wasm_bindgen_futures::spawn_local(async move {
        // The page may have stopped waiting for it: then nobody reads it.
        let _ = send.send(fetch_text(&url, Freshness::Cached).await);
    });
}

/// The prefetched text of article `id`'s body, once: none if none was fetched for it or the
/// fetch failed.
async fn prefetched(id: &str) -> Option<String> {
    let receiver = PREFETCHED.with(|p| {
        let mut p = p.borrow_mut();
        match &*p {
            Some((prefetched, _)) if prefetched == id => p.take().map(|(_, r)| r),
            _ => None,
        }
    })?;
    receiver.await.ok()?.ok()
}

/// Loads one article body; `retry` bypasses the browser's cache. A body whose fingerprint is not
/// the index's (a cache that ignores the URL's query served an old one) is fetched once more
/// from the server.
pub async fn load_article(request: BodyRequest, retry: bool) -> Result<Arc<ArticleBody>, AppError> {
    let BodyRequest {
        url,
        id,
        body_hash,
        corpus,
    } = request;
    // The body fetched while the index loaded, if it is the one the index names.
    if !retry
        && let Some(text) = prefetched(&id).await
        && body_hash
            .as_ref()
            .is_none_or(|hash| stamp::of_text(&text) == *hash)
    {
        return parse_body(&url, &text, &id, &corpus).map(Arc::new);
    }
    let mut text = fetch_text(
        &url,
        if retry {
            Freshness::Reload
        } else {
            Freshness::Cached
        },
    )
    .await?;
    if !retry && body_hash.is_some_and(|hash| stamp::of_text(&text) != hash) {
        text = fetch_text(&url, Freshness::Reload).await?;
    }
    parse_body(&url, &text, &id, &corpus).map(Arc::new)
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
    fn a_bad_mention_costs_only_itself_not_the_article() {
        let corpus = parse_index(
            URL,
            r#"{"schema_version": "1.1", "articles": [{"id": "a", "title": "T", "excerpt": "", "words": 2, "entities": ["loc-koursk"]}],
                "entities": [{"id": "loc-koursk", "label": "LOC", "name": "Koursk", "articles": 1, "mentions": 2}]}"#,
        )
        .expect("valid index");
        let body = parse_body(
            "/data/articles/a.json",
            r#"{"id": "a", "blocks": [
                {"kind": "paragraph", "text": "Koursk et Koursk", "mentions": [
                    {"start": -5, "end": 6, "entity": "loc-koursk"},
                    {"start": 10, "end": 16, "entity": "loc-koursk"},
                    {"start": 10, "end": 18446744073709551616, "entity": "loc-koursk"}]},
                {"kind": "paragraph", "text": "Suite"}]}"#,
            "a",
            &corpus,
        )
        .expect("the article is shown");
        assert_eq!(body.blocks.len(), 2);
        let kept: Vec<(u32, u32)> = body.blocks[0]
            .mentions()
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        assert_eq!(kept, [(10, 16)]);
    }

    #[test]
    fn a_huge_excerpt_is_cut_when_the_index_is_read() {
        let excerpt = "x".repeat(1_000_000);
        let corpus = parse_index(
            URL,
            &format!(
                r#"{{"schema_version": "1.1", "articles": [{{"id": "a", "title": "T", "excerpt": "{excerpt}", "words": 1}}], "entities": []}}"#
            ),
        )
        .expect("valid index");
        assert_eq!(corpus.articles()[0].excerpt.chars().count(), 220);
    }

    #[test]
    fn another_major_version_is_a_schema_error() {
        let err = parse_index(URL, r#"{"schema_version": "2.0", "documents": {}}"#)
            .expect_err("version 2");
        assert!(matches!(err, AppError::Schema(_)), "{err:?}");
    }
}
