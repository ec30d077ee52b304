//! An embedded post (the seed's tweet) as a quoted card.

use std::sync::Arc;

use kiosque_model::EmbedBlock;
use kiosque_model::display::format_date;
use kiosque_model::index::Corpus;
use kiosque_model::links::safe_href;
use leptos::prelude::*;

use crate::app::use_site;
use crate::components::mention_text::MentionText;

/// A quoted post: its text, then who wrote it, when, and its media link.
#[component]
pub fn Embed(block: EmbedBlock, corpus: Arc<Corpus>) -> impl IntoView {
    let paths = use_site().paths;
    let post_href = block.url.as_deref().and_then(safe_href);
    let author = block.author.clone().map(|name| match &block.author_entity {
        Some(id) if corpus.entity(id).is_some() => {
            view! { <a class="embed-author" href=paths.entity(id)>{name}</a> }.into_any()
        }
        _ => view! { <span class="embed-author">{name}</span> }.into_any(),
    });
    let handle = block
        .handle
        .clone()
        .map(|handle| view! { <span class="embed-handle">{handle}</span> });
    let date = block.date.clone().map(|date| {
        let shown = format_date(&date).unwrap_or_else(|| date.clone());
        view! { <time datetime=date>{shown}</time> }
    });
    let media = block.media_link.clone().map(|link| match safe_href(&link) {
        Some(href) => view! {
            <a class="embed-media" href=href rel="external noopener">{link}</a>
        }
        .into_any(),
        None => view! { <span class="embed-media">{link}</span> }.into_any(),
    });
    let platform = match block.platform.as_str() {
        "tweet" => "Post on X (Twitter)".to_owned(),
        "" => "Embedded post".to_owned(),
        other => format!("Embedded {other}"),
    };
    view! {
        <figure class="embed">
            <p class="embed-platform">{platform}</p>
            <blockquote cite=post_href.clone()>
                <MentionText text=block.text mentions=block.mentions corpus />
            </blockquote>
            <figcaption>
                "— "
                {author}
                {handle}
                {date}
                {media}
                {post_href
                    .map(|href| {
                        view! {
                            <a class="embed-link" href=href rel="external noopener">
                                "View the post"
                            </a>
                        }
                    })}
            </figcaption>
        </figure>
    }
}
