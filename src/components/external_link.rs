//! Links to other sites, from the data.

use kiosque_model::links::{display_host, safe_href};
use leptos::prelude::*;

/// A link to a web address from the data, followed by the host it really leads to, so that its
/// text cannot pass it off as another site; nothing for an address that is not safe to link.
#[component]
pub fn ExternalLink(url: String, children: Children) -> impl IntoView {
    let href = safe_href(&url);
    let host = display_host(&url);
    href.map(|href| {
        view! {
            <a href=href rel="external noopener">{children()}</a>
            {host.map(|host| view! { " " <span class="link-host">"(" <bdi>{host}</bdi> ")"</span> })}
        }
    })
}
