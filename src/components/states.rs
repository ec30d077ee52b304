//! The states a view can be in besides "here is your content": loading, failed, not found.

use kiosque_model::Selection;
use leptos::prelude::*;

use crate::components::prerender::ReleasePrerender;
use crate::data::AppError;
use crate::language::{use_language, use_messages};
use crate::site::use_site;
use crate::title::use_title;

/// Placeholder cards while the site data loads.
#[component]
pub fn LoadingCards(#[prop(default = 3)] count: usize) -> impl IntoView {
    view! {
        <div class="loading" aria-busy="true">
            <p class="visually-hidden" role="status">{use_messages().loading_articles}</p>
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="skeleton-card" aria-hidden="true">
                            <div class="skeleton-line wide"></div>
                            <div class="skeleton-line short"></div>
                            <div class="skeleton-line"></div>
                            <div class="skeleton-line"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Placeholder lines while an article body loads.
#[component]
pub fn LoadingText() -> impl IntoView {
    view! {
        <div class="loading" aria-busy="true">
            <p class="visually-hidden" role="status">{use_messages().loading_article}</p>
            {(0..4)
                .map(|_| {
                    view! {
                        <div class="skeleton-paragraph" aria-hidden="true">
                            <div class="skeleton-line"></div>
                            <div class="skeleton-line"></div>
                            <div class="skeleton-line short"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// An error, said plainly, with a button that tries again when trying again can help.
#[component]
pub fn ErrorView(
    /// What could not be loaded, e.g. "the site data", in the interface's language.
    what: &'static str,
    /// The error.
    error: AppError,
    /// Called by the Retry button.
    retry: Callback<()>,
    /// Part of a page that did load (an article body): a section heading, and the page keeps
    /// its title.
    #[prop(optional)]
    part: bool,
) -> impl IntoView {
    // Data of another schema version stays so until the publisher rebuilds the site: the
    // reader is told that, and is not offered a retry that cannot help.
    let language = use_language();
    let words = language.messages();
    let message = error.message(language);
    let (heading, hint, retryable) = match &error {
        AppError::Schema(_) => (words.rebuild_needed.to_owned(), "", false),
        AppError::Malformed { .. } => (language.could_not_load(what), words.maybe_truncated, true),
        AppError::Network { .. } | AppError::Status { .. } => {
            (language.could_not_load(what), "", true)
        }
    };
    let heading = if part {
        view! { <h2>{heading}</h2> }.into_any()
    } else {
        use_title(move || words.error.to_owned());
        view! { <h1>{heading}</h1> }.into_any()
    };
    view! {
        <ReleasePrerender />
        <section class="error" role="alert">
            {heading}
            <p class="error-message">{message}</p>
            {(!hint.is_empty()).then(|| view! { <p>{hint}</p> })}
            {retryable
                .then(|| {
                    view! {
                        <button type="button" class="retry" on:click=move |_| retry.run(())>
                            {words.retry}
                        </button>
                    }
                })}
        </section>
    }
}

/// A page or an id that does not exist, with a way home.
#[component]
pub fn NotFound(
    /// What is missing, e.g. "No article with id ‘x’ in this corpus."
    message: String,
) -> impl IntoView {
    let words = use_messages();
    use_title(move || words.not_found.to_owned());
    let home = use_site().paths.home(&Selection::default());
    view! {
        <ReleasePrerender />
        <section class="not-found">
            <h1>{words.not_found}</h1>
            <p>{message}</p>
            <p>
                <a href=home>{words.go_home}</a>
            </p>
        </section>
    }
}
