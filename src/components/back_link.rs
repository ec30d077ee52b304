//! The way back from an article or entity page: to the home page's view the reader came from
//! (its filters, search and period, kept for the visit), or to every article.

use kiosque_model::Selection;
use leptos::prelude::*;

use crate::language::use_messages;
use crate::selection::{leave_by_way_back, use_last_home_view};
use crate::site::use_site;

/// `← Back to the list` when the reader came from a filtered or searched home page,
/// `← All articles` otherwise (and on a pre-rendered page). From an article's page, the list
/// brings that article's card back into view.
#[component]
pub fn BackLink(
    /// The article whose page this is.
    #[prop(optional)]
    article: Option<String>,
) -> impl IntoView {
    let paths = use_site().paths;
    let words = use_messages();
    let last = use_last_home_view();
    let href = move || paths.home(&last.get());
    let text = move || {
        if last.with(Selection::is_empty) {
            words.all_articles
        } else {
            words.back_to_list
        }
    };
    view! {
        <p class="back">
            <a
                href=href
                on:click=move |_| {
                    if let Some(article) = &article {
                        leave_by_way_back(article);
                    }
                }
            >
                {text}
            </a>
        </p>
    }
}
