//! The selected entities, languages, sources and period, pinned above the results as removable
//! chips, and "clear all".

use kiosque_model::Selection;
use kiosque_model::display::{isolate, quote_id};
use kiosque_model::ui::Language;
use leptos::prelude::*;

use crate::dom::{focus_by_id, focus_selector, when_focus_lost};
use crate::language::use_language;
use crate::routes::corpus::use_corpus_signal;
use crate::selection::{use_selection, use_show_selection};

/// Where the focus goes when a button that removes filters is removed with them: the filter
/// button that took its place (the next filter's, or else the last one's), or the results.
fn refocus_after_removal() {
    when_focus_lost(|| {
        if focus_selector("ul.pills > li:last-child button.pill-remove").is_none() {
            focus_by_id("results");
        }
    });
}

/// A button that shows every article (`text` says it: "Clear all", "Show every article"), the
/// focus then on the results.
#[component]
pub fn ClearAll(text: &'static str) -> impl IntoView {
    let show = use_show_selection();
    view! {
        <button
            type="button"
            class="clear-all"
            on:click=move |_| {
                show(&Selection::default());
                refocus_after_removal();
            }
        >
            {text}
        </button>
    }
}

/// One active filter: its name and a button that removes it.
fn pill(
    language: Language,
    class: String,
    name: String,
    remove: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <li class=class>
            <span class="pill-name"><bdi>{name.clone()}</bdi></span>
            <button
                type="button"
                class="pill-remove"
                aria-label=language.remove_filter(&isolate(&name))
                on:click=move |_| {
                    remove();
                    refocus_after_removal();
                }
            >
                <span aria-hidden="true">"×"</span>
            </button>
        </li>
    }
}

/// The active filters; nothing when none is chosen.
#[component]
pub fn FilterBar() -> impl IntoView {
    let corpus = use_corpus_signal();
    let selection = use_selection();
    let show = use_show_selection();
    let language = use_language();
    let words = language.messages();
    move || {
        let current = selection.get();
        let corpus = corpus.get();
        // The search has its own box; this bar is for the entities, languages, sources, period.
        if !current.filters() {
            return None;
        }
        let chips = current
            .entities()
            .iter()
            .map(|id| {
                let entity = corpus.entity(id);
                // Ids not in the corpus (a stale link) stay visible, as written, so they can be removed.
                let name = entity.map_or_else(
                    || quote_id(id.as_str()),
                    |e| language.entity_name(e).into_owned(),
                );
                let class = entity.map_or_else(
                    || "pill pill-unknown".to_owned(),
                    |e| format!("pill pill-{}", e.label.id_prefix()),
                );
                let without = current.toggled(id);
                let show = show.clone();
                pill(language, class, name, move || show(&without))
            })
            .collect_view();
        // Parts of the URL that are not ids, as written: nothing matches them; removable.
        let not_ids = current
            .not_ids()
            .iter()
            .map(|part| {
                let name = quote_id(part);
                let without = current.without_not_id(part);
                let show = show.clone();
                pill(language, "pill pill-unknown".to_owned(), name, move || {
                    show(&without)
                })
            })
            .collect_view();
        let langs = current
            .langs()
            .iter()
            .map(|code| {
                let without = current.toggled_lang(code);
                let show = show.clone();
                pill(
                    language,
                    "pill pill-lang".to_owned(),
                    language.language_name(code),
                    move || show(&without),
                )
            })
            .collect_view();
        let sources = current
            .sources()
            .iter()
            .map(|source| {
                let without = current.toggled_source(source);
                let show = show.clone();
                pill(
                    language,
                    "pill pill-source".to_owned(),
                    source.clone(),
                    move || show(&without),
                )
            })
            .collect_view();
        let (from, to) = current.period_bounds();
        let period = language.period_between(from, to).map(|label| {
            let without = current.without_period();
            let show = show.clone();
            pill(language, "pill pill-period".to_owned(), label, move || {
                show(&without)
            })
        });
        // Values of `lang`, `from`, `to` that are not one, as written: removable.
        let invalid = current
            .invalid()
            .iter()
            .map(|(key, value)| {
                let name = language.invalid_value(key, value);
                let without = current.without_invalid(key, value);
                let show = show.clone();
                pill(language, "pill pill-unknown".to_owned(), name, move || {
                    show(&without)
                })
            })
            .collect_view();
        Some(view! {
            <section class="filter-bar" aria-labelledby="filter-bar-heading">
                <h2 id="filter-bar-heading" class="filter-bar-heading">{words.filtered_by}</h2>
                <ul class="pills">{chips}{not_ids}{langs}{sources}{period}{invalid}</ul>
                <ClearAll text=words.clear_all />
            </section>
        })
    }
}
