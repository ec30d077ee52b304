//! The Try it page (`/try/`): a reader pastes a text or drops a `.txt`, `.md` or `.html` file,
//! and sees the article `kiosque build` would make of it — typed blocks, every entity marked by
//! type, linked to its page when the site has it. The extraction is the build's own pipeline
//! compiled to WebAssembly, run in a Web Worker (`crates/kiosque-worker`) that this page starts
//! and stops: the app itself does not carry it, and nothing leaves the browser.
//!
//! The page is a wasm of its own ([`TryApp`], `src/bin/kiosque-try.rs`), which only
//! `try/index.html` loads: the reader's app every other page loads does not carry it.

use std::collections::HashMap;
use std::sync::Arc;

use kiosque_model::index::Corpus;
use kiosque_model::parts;
use kiosque_model::text::fold;
use kiosque_model::validate;
use kiosque_model::worker::Format;
use kiosque_model::{ArticleBody, ArticleSummary, Block, Entity, EntityId, Label};
use leptos::context::Provider;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, HtmlInputElement, MessageEvent, Worker};

use leptos_router::components::{ParentRoute, Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::app::{Shell, not_found};
use kiosque_model::ui::{Language, Messages};

use crate::components::mention_text::MentionLinks;
use crate::components::prerender::ReleasePrerender;
use crate::language::{use_language, use_messages};
use crate::paths::Paths;
use crate::routes::article::ArticleBodyView;
use crate::routes::corpus::{CorpusContext, CorpusRoute, use_corpus_signal};
use crate::site::use_site;
use crate::title::use_title;

/// The worker's loader as Trunk names it (index.html, `data-loader-shim`), in the site's root.
const WORKER_SCRIPT: &str = "kiosque-worker_loader.js";

/// The worker's loader: the content-named file that the page names
/// (`<meta name="kiosque-worker">`, written by `kiosque pages`), or Trunk's name in an app
/// served without the pages (`trunk serve`). Only a plain file name of the site's root is taken.
fn worker_script() -> String {
    document()
        .query_selector("meta[name='kiosque-worker']")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
                && !name.starts_with('.')
        })
        .unwrap_or_else(|| WORKER_SCRIPT.to_owned())
}

/// An extraction shown: the article made of the text, checked as site data is.
#[derive(Debug, Clone)]
struct Tried {
    /// The article and its entities.
    corpus: Arc<Corpus>,
    summary: ArticleSummary,
    body: Arc<ArticleBody>,
    /// How long the worker took, in milliseconds.
    millis: f64,
    /// The article's body file as the worker made it (as `kiosque build` writes it), for
    /// readers (and tests) who want the data.
    json: String,
}

/// Where the page is.
#[derive(Debug, Clone)]
enum State {
    /// Nothing asked yet.
    Idle,
    /// The worker is extracting (or loading, then extracting).
    Working,
    /// The result.
    Done(Arc<Tried>),
    /// Why there is no result.
    Failed(String),
}

/// The running worker; stopped when the page is left.
struct Extractor {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

impl Drop for Extractor {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The Try it page's own app: the reader's header and frame around this page alone.
#[component]
pub fn TryApp() -> impl IntoView {
    view! {
        <Shell>
            <TryRoutes />
        </Shell>
    }
}

/// The page's one route. The header's links and the found entities' links lead to the reader's
/// pages, which this wasm does not have: its router takes them like any link of the site, so
/// an address that is not this page's is loaded from the host, as a link followed without the
/// app would be (the reader's app starts there).
#[component]
fn TryRoutes() -> impl IntoView {
    let location = use_location();
    let opened = location.pathname.get_untracked();
    let elsewhere = move || {
        // The router's address: the browser's changes only once the route has rendered.
        let mut href = location.pathname.get_untracked();
        if href == opened {
            return not_found().into_any();
        }
        let search = location.search.get_untracked();
        if !search.is_empty() {
            href.push('?');
            href.push_str(&search);
        }
        let hash = location.hash.get_untracked();
        if !hash.is_empty() && !hash.starts_with('#') {
            href.push('#');
        }
        href.push_str(&hash);
        let _ = window().location().assign(&href);
        ().into_any()
    };
    view! {
        <Routes fallback=elsewhere>
            <ParentRoute path=path!("") view=CorpusRoute>
                <Route path=path!("/try") view=TryPage />
            </ParentRoute>
        </Routes>
    }
}

/// The page.
#[component]
fn TryPage() -> impl IntoView {
    let language = use_language();
    let words = language.messages();
    use_title(move || words.try_it.to_owned());
    let site = use_site();
    let paths = site.paths.clone();
    // Mentions link to the site's entities: the whole table is needed to find them.
    site.data.want_whole();
    let site_corpus = use_corpus_signal();

    let text = RwSignal::new(String::new());
    let format = RwSignal::new(Format::Text);
    let file_name = RwSignal::new(None::<String>);
    let ready = RwSignal::new(false);
    let pending = RwSignal::new(None::<Asked>);
    let state = RwSignal::new(State::Idle);
    let extractor = StoredValue::new_local(None::<Extractor>);

    let send = move |request: Asked| {
        extractor.with_value(|e| match e {
            Some(e) => {
                if let Err(error) = e.worker.post_message(&request.message()) {
                    state.set(State::Failed(
                        language.failed_because(words.try_not_sent, &js_message(&error, words)),
                    ));
                }
            }
            None => state.set(State::Failed(words.try_not_running.to_owned())),
        });
    };
    // Started when the page opens, so that it loads while the reader pastes.
    let url = format!("{}/{}", paths.base(), worker_script());
    Effect::new(move |_| {
        if extractor.with_value(Option::is_some) {
            return;
        }
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let Some(reply) = data.dyn_ref::<js_sys::Array>() else {
                // The worker's first message: it is ready.
                ready.set(true);
                if let Some(request) = pending.try_update(Option::take).flatten() {
                    send(request);
                }
                return;
            };
            state.set(match read_reply(reply, language) {
                Ok(tried) => State::Done(Arc::new(tried)),
                Err(message) => State::Failed(message),
            });
        });
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            state.set(State::Failed(
                language.failed_because(words.try_stopped, &event.message()),
            ));
        });
        match Worker::new(&url) {
            Ok(worker) => {
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                extractor.set_value(Some(Extractor {
                    worker,
                    _on_message: on_message,
                    _on_error: on_error,
                }));
            }
            Err(error) => state.set(State::Failed(
                language.failed_because(words.try_not_started, &js_message(&error, words)),
            )),
        }
    });

    let extract = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = Asked {
            text: text.get_untracked(),
            format: format.get_untracked(),
            file_name: file_name.get_untracked(),
        };
        state.set(State::Working);
        if ready.get_untracked() {
            send(request);
        } else {
            pending.set(Some(request));
        }
    };
    let read_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        let name = file.name();
        format.set(Format::of_file_name(&name));
        file_name.set(Some(name));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(content) => text.set(content.as_string().unwrap_or_default()),
                Err(error) => state.set(State::Failed(
                    language.failed_because(words.try_file_unread, &js_message(&error, words)),
                )),
            }
        });
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        read_file(
            ev.data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0)),
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        read_file(input.files().and_then(|f| f.get(0)));
    };
    let on_format = move |ev: leptos::ev::Event| {
        format.set(match event_target_value(&ev).as_str() {
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            _ => Format::Text,
        });
    };

    let status = move || match state.get() {
        State::Idle if ready.get() => String::new(),
        State::Idle => words.try_loading.to_owned(),
        State::Working => words.try_working.to_owned(),
        State::Done(tried) => summary_line(&tried, language),
        State::Failed(message) => message,
    };
    let result = move || match state.get() {
        State::Done(tried) => {
            let links = site_links(&tried.corpus, &site_corpus.get(), &paths);
            view! { <TryResult tried links /> }.into_any()
        }
        _ => ().into_any(),
    };

    view! {
        <ReleasePrerender />
        <section class="try-it" aria-labelledby="try-heading">
            <h1 id="try-heading">{words.try_it}</h1>
            <p>{words.try_intro}</p>
            <form class="try-form" on:submit=extract>
                <label for="try-text">{words.try_text}</label>
                <textarea
                    id="try-text"
                    rows="10"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        // Edited: no longer the file's text.
                        file_name.set(None);
                    }
                    on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=on_drop
                ></textarea>
                <p class="try-options">
                    <label>
                        {words.try_or_file}" "
                        <input id="try-file" type="file" accept=".txt,.md,.markdown,.html,.htm" on:change=on_file />
                    </label>
                    <label>
                        {words.try_read_as}" "
                        <select id="try-format" on:change=on_format prop:value=move || format_value(format.get())>
                            <option value="text">{words.try_plain_text}</option>
                            <option value="markdown">{words.try_markdown}</option>
                            <option value="html">{words.try_web_page}</option>
                        </select>
                    </label>
                    {move || file_name.get().map(|name| view! { <span class="hint">{words.try_from_file}" "<bdi>{name}</bdi></span> })}
                </p>
                <button type="submit" id="try-extract">{words.try_extract}</button>
            </form>
            <p class="try-status" role="status" id="try-status">{status}</p>
            {result}
        </section>
    }
}

/// The `<select>` value of a format.
fn format_value(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

/// The article, over its own entities, then the worker's answer as data.
#[component]
fn TryResult(tried: Arc<Tried>, links: HashMap<EntityId, String>) -> impl IntoView {
    let corpus = Arc::clone(&tried.corpus);
    let body = Arc::clone(&tried.body);
    let title = tried.summary.title.clone();
    let derived = tried.summary.title_derived;
    let lang = tried.summary.lang.clone();
    let json = tried.json.clone();
    let words = use_messages();
    view! {
        <Provider value=CorpusContext(Signal::stored(corpus))>
            <Provider value=MentionLinks(Arc::new(links))>
                <article class="try-result article-page" aria-labelledby="try-title">
                    <h2 id="try-title" lang=lang.clone()>{title}</h2>
                    {derived
                        .then(|| view! { <p class="hint">{words.title_from_text}</p> })}
                    <ArticleBodyView body lang />
                </article>
            </Provider>
        </Provider>
        <details class="try-data">
            <summary>{words.try_as_data}</summary>
            // Scrolls sideways on a phone: focusable so a keyboard can scroll it, named for it.
            <pre id="try-json" tabindex="0" role="region" aria-label=words.try_as_data>{json}</pre>
        </details>
    }
}

/// What the status line says of a result: the time, and what was found.
fn summary_line(tried: &Tried, language: Language) -> String {
    // The entities of the text shown (not those of boilerplate), as an article card counts them.
    let set_aside = tried
        .body
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Boilerplate(_)))
        .count();
    language.try_summary(tried.millis, tried.summary.entities.len(), set_aside)
}

/// What the reader asked the worker to extract.
#[derive(Debug, Clone)]
struct Asked {
    text: String,
    format: Format,
    file_name: Option<String>,
}

impl Asked {
    /// The message the worker reads: `[text, format, file name]` (`crates/kiosque-worker`).
    fn message(&self) -> JsValue {
        let message = js_sys::Array::of2(
            &JsValue::from_str(&self.text),
            &JsValue::from_str(format_value(self.format)),
        );
        if let Some(name) = &self.file_name {
            message.push(&JsValue::from_str(name));
        }
        message.into()
    }
}

/// The worker's answer, `[milliseconds, error, site.json, body file]`: the article as a site of
/// one article's files, read and checked as an article page reads its body file
/// ([`Corpus::of_bucket`]).
fn read_reply(reply: &js_sys::Array, language: Language) -> Result<Tried, String> {
    let words = language.messages();
    if let Some(error) = reply.get(1).as_string() {
        return Err(error);
    }
    let text = |at: u32| reply.get(at).as_string().unwrap_or_default();
    let unreadable = |e: kiosque_model::index::IndexError| {
        language.failed_because(words.try_answer_unread, &e.to_string())
    };
    let site = parts::parse_site(&text(2)).map_err(unreadable)?;
    let json = text(3);
    let bucket = parts::parse_bucket("the body file", &json).map_err(unreadable)?;
    let corpus = Corpus::of_bucket(&site, &bucket).value;
    let no_article = || words.try_no_article.to_owned();
    let summary = corpus.articles().first().cloned().ok_or_else(no_article)?;
    let body = bucket
        .articles
        .into_iter()
        .find(|a| a.summary.id == summary.id)
        .ok_or_else(no_article)?
        .body;
    let body = validate::body(body, &summary.id, &corpus).value;
    Ok(Tried {
        corpus: Arc::new(corpus),
        summary,
        body: Arc::new(body),
        millis: reply.get(0).as_f64().unwrap_or(0.0),
        json,
    })
}

/// A JavaScript error's message.
fn js_message(error: &JsValue, words: &Messages) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| words.try_unknown_error.to_owned())
}

/// Where each entity found in the text links on this site: the page of the site's entity with
/// its id, or else of the one of its type named alike (its name or an alias, folded); entities
/// the site does not have are not linked.
fn site_links(found: &Corpus, site: &Corpus, paths: &Paths) -> HashMap<EntityId, String> {
    let mut by_name: HashMap<(Label, String), &Entity> = HashMap::new();
    for entity in site.entities() {
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            by_name.entry((entity.label, fold(name))).or_insert(entity);
        }
    }
    found
        .entities()
        .iter()
        .filter_map(|e| {
            let on_site = site
                .entity(&e.id)
                .filter(|s| s.label == e.label)
                .or_else(|| by_name.get(&(e.label, fold(&e.name))).copied())?;
            Some((e.id.clone(), paths.entity(on_site)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use kiosque_model::{SCHEMA_VERSION, SiteIndex};

    use super::*;

    fn entity(id: &str, label: Label, name: &str, aliases: &[&str]) -> Entity {
        serde_json::from_value(serde_json::json!({
            "id": id, "label": label, "name": name, "aliases": aliases, "articles": 2, "mentions": 3,
        }))
        .expect("a valid entity")
    }

    fn corpus(entities: Vec<Entity>) -> Corpus {
        Corpus::new(SiteIndex {
            schema_version: SCHEMA_VERSION.to_owned(),
            generator: String::new(),
            articles: vec![],
            entities,
            search: None,
        })
    }

    #[test]
    fn entities_link_to_the_site_s_by_id_then_by_name_of_the_same_type_and_never_elsewhere() {
        let site = corpus(vec![
            entity(
                "per-donald-trump",
                Label::Person,
                "Donald Trump",
                &["Trump"],
            ),
            entity("loc-koursk", Label::Place, "Koursk", &["Kursk"]),
            entity("org-paris", Label::Organisation, "Paris", &[]),
        ]);
        let found = corpus(vec![
            entity("per-donald-trump", Label::Person, "Donald Trump", &[]),
            entity("per-trump", Label::Person, "Trump", &[]),
            entity("loc-kursk", Label::Place, "KURSK", &[]),
            entity("loc-paris", Label::Place, "Paris", &[]),
            entity("per-youri-podoliaka", Label::Person, "Youri Podoliaka", &[]),
        ]);
        let links = site_links(&found, &site, &Paths::from_base_uri("/site/"));
        let link = |id: &str| links.get(&EntityId::new(id).expect("valid")).cloned();
        assert_eq!(
            link("per-donald-trump").as_deref(),
            Some("/site/entity/per-donald-trump/")
        );
        assert_eq!(
            link("per-trump").as_deref(),
            Some("/site/entity/per-donald-trump/")
        );
        assert_eq!(
            link("loc-kursk").as_deref(),
            Some("/site/entity/loc-koursk/")
        );
        // A place is not the organisation of the same name; the site does not have the person.
        assert_eq!(link("loc-paris"), None);
        assert_eq!(link("per-youri-podoliaka"), None);
    }
}
