//! An embedded post (the seed's tweet) as a quoted card.

use kiosque_model::EmbedBlock;
use kiosque_model::links::safe_href;
use leptos::prelude::*;

use crate::components::external_link::ExternalLink;
use crate::components::mention_text::MentionText;
use crate::language::use_language;
use crate::routes::corpus::use_corpus;
use crate::site::use_site;

/// A quoted post: its text, then who wrote it, when, and its media link. The author's name and
/// handle are bidi-isolated: they are the post's, and must not reorder the caption.
#[component]
pub fn Embed(block: EmbedBlock) -> impl IntoView {
    let corpus = use_corpus();
    let paths = use_site().paths;
    let post_href = block.url.as_deref().and_then(safe_href);
    let author_entity = block
        .author_entity
        .as_ref()
        .and_then(|id| corpus.entity(id));
    let author = block.author.clone().map(|name| match author_entity {
        Some(entity) => {
            view! { <a class="embed-author" href=paths.entity(entity)><bdi>{name}</bdi></a> }
                .into_any()
        }
        None => view! { <span class="embed-author"><bdi>{name}</bdi></span> }.into_any(),
    });
    let handle = block
        .handle
        .clone()
        .map(|handle| view! { <span class="embed-handle"><bdi>{handle}</bdi></span> });
    let language = use_language();
    let date = block.date.clone().map(|date| {
        let shown = language.date(&date).unwrap_or_else(|| date.clone());
        view! { <time datetime=date><bdi>{shown}</bdi></time> }
    });
    let media = block.media_link.clone().map(|link| match safe_href(&link) {
        Some(href) => view! {
            <a class="embed-media" href=href rel="external noopener"><bdi>{link}</bdi></a>
        }
        .into_any(),
        None => view! { <span class="embed-media"><bdi>{link}</bdi></span> }.into_any(),
    });
    let platform = language.embed_name(&block.platform);
    view! {
        <figure class="embed">
            <p class="embed-platform">{platform}</p>
            <blockquote cite=post_href>
                <MentionText text=block.text mentions=block.mentions />
            </blockquote>
            <figcaption>
                "— "
                {author}
                {handle}
                {date}
                {media}
                {block
                    .url
                    .clone()
                    .filter(|url| safe_href(url).is_some())
                    .map(|url| {
                        view! {
                            <span class="embed-link">
                                <ExternalLink url>{language.messages().view_the_post}</ExternalLink>
                            </span>
                        }
                    })}
            </figcaption>
        </figure>
    }
}
