//! The way back from an article or entity page: to the home page's view the reader came from
//! (its filters, search and period, kept for the visit), or to every article.

use kiosque_model::Selection;
use leptos::prelude::*;

use crate::language::use_messages;
use crate::selection::{ListPage, use_last_home_view, use_last_list_page, use_leave_article};
use crate::site::use_site;

/// `← Back to the list` when the reader came from a filtered or searched home page,
/// `← All articles` otherwise (and on a pre-rendered page); on an article's page opened from an
/// entity's page, `← Articles that mention <entity>`. From an article's page, the list brings
/// that article's card back into view, as after the browser's back.
#[component]
pub fn BackLink(
    /// The article whose page this is.
    #[prop(optional)]
    article: Option<String>,
) -> impl IntoView {
    let paths = use_site().paths;
    let words = use_messages();
    let last = use_last_home_view();
    let from = use_last_list_page();
    let is_article = article.is_some();
    // The entity page the reader came from, for an article's page.
    let entity = move || match from.get() {
        Some(ListPage::Entity { href, name }) if is_article => Some((href, name)),
        _ => None,
    };
    let href = move || match entity() {
        Some((href, _)) => href,
        None => paths.home(&last.get()),
    };
    let text = move || match entity() {
        // The entity's name not known yet (an article opened from its pre-rendered page).
        Some((_, name)) if name.is_empty() => words.back_to_list.to_owned(),
        Some((_, name)) => format!("{} {name}", words.back_to_articles_mentioning),
        None if last.with(Selection::is_empty) => words.all_articles.to_owned(),
        None => words.back_to_list.to_owned(),
    };
    let leave = use_leave_article();
    if let Some(article) = article.clone() {
        let leave = leave.clone();
        on_cleanup(move || leave(&article, false));
    }
    view! {
        <p class="back">
            <a
                href=href
                on:click=move |_| {
                    if let Some(article) = &article {
                        leave(article, true);
                    }
                }
            >
                {text}
            </a>
        </p>
    }
}
