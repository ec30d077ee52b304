//! Why the home page's list is empty, with a way out.

use kiosque_model::Selection;
use kiosque_model::explain::explain_empty;
use leptos::prelude::*;

use super::answer::Searched;
use crate::components::filter_bar::ClearAll;
use crate::language::use_language;
use crate::routes::corpus::use_corpus_signal;

/// Why the list is empty, with a way out.
///
/// `refined_to_nothing`: the entities and search had articles, and the languages, sources or
/// period (counted over the whole site) kept none of them.
#[component]
pub(super) fn EmptyResult(
    selection: Memo<Selection>,
    searched: Memo<Searched>,
    refined_to_nothing: Signal<bool>,
) -> impl IntoView {
    let corpus = use_corpus_signal();
    let language = use_language();
    let words = language.messages();
    move || {
        let current = selection.get();
        let corpus = corpus.get();
        let refined_message = || {
            refined_to_nothing
                .get()
                .then(|| words.no_article_field.to_owned())
        };
        let message = searched.with(|searched| match searched {
            Searched::Found(found) if found.articles.is_empty() => Some(language.no_search_match(
                current.search(),
                &found.unmatched,
                current.filters_entities(),
            )),
            Searched::Found(_) => refined_message(),
            Searched::Failed(_) | Searched::Searching | Searched::Waiting => None,
            Searched::Off => explain_empty(&corpus, &current)
                .map(|reason| language.empty_reason(&reason))
                .or_else(refined_message),
        })?;
        Some(view! {
            <div class="empty">
                <p>{message}</p>
                {(!current.is_empty())
                    .then(|| {
                        view! { <ClearAll text=words.clear_view /> }
                    })}
            </div>
        })
    }
}
