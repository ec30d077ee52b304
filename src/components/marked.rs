//! Text with the words a search matched marked (`<mark>`), always as text, never as HTML.

use std::sync::Arc;

use kiosque_model::search::marks;
use leptos::prelude::*;

/// `text`, with the words whose folded form is one of `terms` in `<mark>`; redrawn when the
/// terms change.
#[component]
pub fn Marked(text: String, terms: Signal<Arc<[String]>>) -> impl IntoView {
    move || terms.with(|terms| marked(&text, terms))
}

/// `text` with the words whose folded form is one of `terms` in `<mark>`, once (an article's
/// body marks the words of the reader's last search, which do not change while it shows).
pub fn marked(text: &str, terms: &[String]) -> Vec<AnyView> {
    let ranges = if terms.is_empty() {
        Vec::new()
    } else {
        marks(text, terms)
    };
    let mut views = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for range in ranges {
        // Ranges come sorted and on character boundaries; anything else is skipped.
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        views.push(before.to_owned().into_any());
        views.push(view! { <mark>{marked.to_owned()}</mark> }.into_any());
        at = range.end;
    }
    views.push(text.get(at..).unwrap_or_default().to_owned().into_any());
    views
}
