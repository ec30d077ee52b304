//! Related articles on an article page ([`kiosque_model::related`]): from the whole site when
//! the reader has it (coming from the home page or an entity page), else, when the reader asks,
//! from the posting files of the article's entities and the card pages of the answers
//! ([`crate::search::related_cards`]: 72 KB brotli at 100,000 articles, where the whole site
//! is 5.5 MB), the same articles either way. Their offer (a button) is pre-rendered too.

use std::sync::Arc;

use kiosque_model::related::related;
use kiosque_model::{ArticleSummary, Label};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::language::{use_language, use_messages};
use crate::routes::corpus::{use_corpus, use_site_data};
use crate::search::related_cards;
use crate::site::use_site;

/// Related articles listed.
const RELATED: usize = 5;

/// Shared entities named as the reason, per related article.
const REASONS: usize = 4;

/// The id of the section's heading.
const HEADING: &str = "related-articles-heading";

/// An article related to the page's, and the names of the entities they share, rarest first.
type Item = (ArticleSummary, Vec<String>);

/// The articles related to article `id`, each with the entities it shares with it. Not in the
/// pre-rendered pages (they would put the whole site's relations in every page, and change
/// with every rebuild): only the offer to find them is.
#[component]
pub fn RelatedArticles(id: String) -> impl IntoView {
    if cfg!(feature = "ssr") {
        // The pre-rendered page offers them too (a reader who opened the article directly
        // reaches its end before touching anything the app does): the button alone (the same
        // on every page: its bytes count at 10,000 pages), `hidden` until the start script
        // knows the app can run there (without it the button would do nothing). Its press
        // starts the app, which gets the click (the start script carries it over by the id).
        return find_button(|| {}, true).into_any();
    }
    let site = use_site();
    let (loader, files) = (site.data, site.search);
    let paths = site.paths;
    let asked = RwSignal::new(false);
    // The answer from the posting files and card pages, when asked for before the whole site.
    let from_parts = RwSignal::new(None::<Arc<[Item]>>);
    // What the posting files are asked about: the article's entities (its body file's corpus
    // has them, in its order), but dates and those of it alone (counts capped at 2 there).
    let shared_by_others = {
        let corpus = use_corpus();
        let listed = corpus.article_position(&id).map(|p| corpus.mentioned_by(p));
        (listed.unwrap_or_default().iter())
            .filter_map(|&e| corpus.entities().get(e as usize))
            .filter(|e| e.label != Label::Date && e.articles > 1)
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    };
    let ask = {
        let (id, paths, site) = (id.clone(), paths.clone(), use_site_data());
        move || {
            asked.set(true);
            if loader.whole().is_some() {
                return;
            }
            let article = (id.clone(), shared_by_others.clone());
            let (paths, site) = (paths.clone(), site.clone());
            spawn_local(async move {
                let found = related_cards(files, paths, site, article, RELATED).await;
                // The page may be gone by then: nothing to show, nothing more to fetch.
                if from_parts.try_get_untracked().is_none() {
                    return;
                }
                // No such files (older data), or one that failed (logged): the whole site
                // answers, or says why it cannot.
                match found {
                    Some(fetched) => {
                        if let Some(items) = loader.or_whole(fetched) {
                            from_parts.set(Some(items.into()));
                        }
                    }
                    None => loader.want_whole(),
                }
            });
        }
    };
    let language = use_language();
    let words = language.messages();
    let items = move || -> Option<Result<Arc<[Item]>, ()>> {
        match loader.whole() {
            Some(Ok(whole)) => {
                let position = whole
                    .numbers_of([id.as_str()])
                    .first()
                    .and_then(|&n| whole.position_of_number(n));
                let found = position.map_or_else(Vec::new, |p| related(&whole, p, RELATED));
                let items = found.iter().filter_map(|r| {
                    let article = whole.article_at(r.article)?.clone();
                    let names = (r.shared.iter())
                        .filter_map(|&e| Some(whole.entities().get(e as usize)?.name.clone()))
                        .collect();
                    Some((article, names))
                });
                Some(Ok(items.collect()))
            }
            Some(Err(_)) => Some(Err(())),
            None => from_parts.get().map(Ok),
        }
    };
    let list = move || match items() {
        Some(Ok(found)) if found.is_empty() => {
            view! { <p class="hint">{words.no_related}</p> }.into_any()
        }
        Some(Ok(found)) => {
            let items = found
                .iter()
                .map(|(article, shared)| {
                    let names = (shared.iter().take(REASONS).enumerate())
                        .map(|(i, name)| view! { {(i > 0).then_some(", ")} <bdi>{name.clone()}</bdi> })
                        .collect_view();
                    let more = shared.len().saturating_sub(REASONS);
                    // Its date and source: articles with one title (a story followed day after
                    // day, a wire story taken up by several sources) are told apart.
                    let date = article.published.as_deref().map(|date| {
                        let shown = language.date(date).unwrap_or_else(|| date.to_owned());
                        view! { <time datetime=date.to_owned()><bdi>{shown}</bdi></time> }
                    });
                    let source = article.source.clone().map(|source| view! { <bdi>{source}</bdi> });
                    let facts = (date.is_some() || source.is_some()).then(|| {
                        let apart = (date.is_some() && source.is_some()).then_some(" · ");
                        view! { <span class="related-facts">" (" {date} {apart} {source} ")"</span> }
                    });
                    view! {
                        <li>
                            <a href=paths.article(&article.id) lang=language.lang_of(article.lang.as_deref())>{article.title.clone()}</a>
                            {facts}
                            <span class="related-why">
                                " " {words.also_mentions} " " {names}
                                {(more > 0).then(|| language.and_more(more))}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="related-articles">{items}</ul> }.into_any()
        }
        Some(Err(())) => view! { <p class="hint">{words.related_failed}</p> }.into_any(),
        None if asked.get() => {
            view! { <p class="hint" role="status">{words.finding_related}</p> }.into_any()
        }
        None => find_button(ask.clone(), false).into_any(),
    };
    section(list)
}

/// The section of the related articles around `list`.
fn section(list: impl IntoView + 'static) -> AnyView {
    let words = use_messages();
    view! {
        <section class="related-section app-only" aria-labelledby=HEADING>
            <h2 id=HEADING tabindex="-1">{words.related_heading}</h2>
            <p class="hint">{words.related_hint}</p>
            {list}
        </section>
    }
    .into_any()
}

/// The button that finds them (`ask`); it goes once pressed, and the focus goes to the
/// section's heading, not the page. `hidden` in the pre-rendered page.
fn find_button(ask: impl Fn() + 'static, prerendered: bool) -> impl IntoView {
    view! {
        <button
            type="button"
            id="related-load"
            class="related-load app-only"
            hidden=prerendered
            on:click=move |_| {
                crate::dom::focus_by_id(HEADING);
                ask();
            }
        >
            {use_messages().find_related}
        </button>
    }
}
