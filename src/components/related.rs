//! Related articles on an article page ([`kiosque_model::related`]): computed in the browser
//! from the whole site, which a reader coming from the home page or an entity page already has;
//! an article opened directly offers to load it rather than loading it unasked.

use kiosque_model::related::related;
use leptos::prelude::*;

use crate::language::use_language;
use crate::site::use_site;

/// Related articles listed.
const RELATED: usize = 5;

/// Shared entities named as the reason, per related article.
const REASONS: usize = 4;

/// The id of the section's heading.
const HEADING: &str = "related-articles-heading";

/// The articles related to article `id`, each with the entities it shares with it. Not in the
/// pre-rendered pages (they would put the whole site's relations in every page, and change
/// with every rebuild).
#[component]
pub fn RelatedArticles(id: String) -> impl IntoView {
    if cfg!(feature = "ssr") {
        return None::<AnyView>;
    }
    let site = use_site();
    let loader = site.data;
    let paths = site.paths;
    let asked = RwSignal::new(false);
    let language = use_language();
    let words = language.messages();
    let list = move || match loader.whole() {
        Some(Ok(whole)) => {
            let position = whole
                .numbers_of([id.as_str()])
                .first()
                .and_then(|&n| whole.position_of_number(n));
            let found = position.map_or_else(Vec::new, |p| related(&whole, p, RELATED));
            if found.is_empty() {
                return view! { <p class="hint">{words.no_related}</p> }.into_any();
            }
            let items = found
                .iter()
                .filter_map(|r| {
                    let article = whole.article_at(r.article)?;
                    let names = r
                        .shared
                        .iter()
                        .take(REASONS)
                        .filter_map(|&e| whole.entities().get(e as usize))
                        .enumerate()
                        .map(|(i, e)| view! { {(i > 0).then_some(", ")} <bdi>{language.entity_name(e).into_owned()}</bdi> })
                        .collect_view();
                    let more = r.shared.len().saturating_sub(REASONS);
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
                    Some(view! {
                        <li>
                            <a href=paths.article(&article.id) lang=language.lang_of(article.lang.as_deref())>{article.title.clone()}</a>
                            {facts}
                            <span class="related-why">
                                " " {words.also_mentions} " " {names}
                                {(more > 0).then(|| language.and_more(more))}
                            </span>
                        </li>
                    })
                })
                .collect_view();
            view! { <ul class="related-articles">{items}</ul> }.into_any()
        }
        Some(Err(_)) => view! { <p class="hint">{words.related_failed}</p> }.into_any(),
        None if asked.get() => {
            view! { <p class="hint" role="status">{words.finding_related}</p> }.into_any()
        }
        None => view! {
            <button
                type="button"
                class="related-load"
                on:click=move |_| {
                    // The button goes: the focus goes to the section's heading, not the page.
                    crate::dom::focus_by_id(HEADING);
                    asked.set(true);
                    loader.want_whole();
                }
            >
                {words.find_related}
            </button>
        }
        .into_any(),
    };
    Some(
        view! {
            <section class="related-section app-only" aria-labelledby=HEADING>
                <h2 id=HEADING tabindex="-1">{words.related_heading}</h2>
                <p class="hint">{words.related_hint}</p>
                {list}
            </section>
        }
        .into_any(),
    )
}
