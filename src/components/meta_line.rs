//! The line of facts under an article's title or inside a card: date, source, language, length.
//! Each value from the data is bidi-isolated (`<bdi>`), so a source name with an unclosed
//! right-to-left override cannot reverse the rest of the line.

use kiosque_model::ArticleSummary;
use kiosque_model::links::safe_href;
use leptos::prelude::*;

use crate::components::external_link::ExternalLink;
use crate::language::use_language;

/// The publication date, readable, with a hint when it was inferred from the text.
#[component]
pub fn PublishedDate(summary: ArticleSummary) -> impl IntoView {
    let language = use_language();
    let words = language.messages();
    summary.published.clone().map(|date| {
        let shown = language.date(&date).unwrap_or_else(|| date.clone());
        view! {
            <span class="meta-item">
                <time datetime=date><bdi>{shown}</bdi></time>
                {summary
                    .published_inferred
                    .then(|| {
                        view! {
                            <span class="hint" title=words.date_inferred>
                                " " {words.inferred}
                            </span>
                        }
                    })}
            </span>
        }
    })
}

/// Date · source · language · reading time, and on the article page the licence and the link to
/// the original.
#[component]
pub fn MetaLine(summary: ArticleSummary, #[prop(optional)] full: bool) -> impl IntoView {
    let interface = use_language();
    let words = interface.messages();
    let source = summary
        .source
        .clone()
        .map(|source| view! { <span class="meta-item meta-source"><bdi>{source}</bdi></span> });
    let language = summary.lang.as_deref().map(
        |code| view! { <span class="meta-item"><bdi>{interface.language_name(code)}</bdi></span> },
    );
    let minutes = summary.reading_minutes();
    let license = full
        .then(|| summary.license.clone())
        .flatten()
        .map(|license| view! { <span class="meta-item">{interface.colon(words.licence)} " " <bdi>{license}</bdi></span> });
    let original = full
        .then(|| summary.url.clone())
        .flatten()
        .filter(|url| safe_href(url).is_some())
        .map(|url| {
            view! {
                <span class="meta-item meta-original">
                    <ExternalLink url>{words.original_article}</ExternalLink>
                </span>
            }
        });
    view! {
        <p class="meta">
            <PublishedDate summary=summary.clone() />
            {source}
            {language}
            <span class="meta-item">{interface.reading_time(minutes)}</span>
            {license}
            {original}
        </p>
    }
}
