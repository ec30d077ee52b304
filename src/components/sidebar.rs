//! The entity sidebar: facets grouped by type with counts over the visible articles, and a
//! search box that narrows the list (names and aliases, case- and accent-insensitive).

use std::sync::Arc;

use kiosque_model::Selection;
use kiosque_model::index::Corpus;
use kiosque_model::sidebar::{EntityQuery, sidebar_groups};
use leptos::prelude::*;

use crate::components::facet_group::{FacetGroupView, GroupLimits};

/// The sidebar over the visible articles (`visible`, ids) and the current selection.
#[component]
pub fn Sidebar(
    corpus: Arc<Corpus>,
    visible: Memo<Vec<String>>,
    selection: Memo<Selection>,
    /// Whether the drawer is open on narrow screens.
    open: RwSignal<bool>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let limits = GroupLimits::new();
    let dates_open = RwSignal::new(false);

    // Only this list is redrawn when the filter or the search changes; the search box stays.
    let groups = move || {
        let query_text = query.get();
        let groups = selection.with(|selection| {
            visible.with(|ids| {
                let articles: Vec<_> = ids.iter().filter_map(|id| corpus.article(id)).collect();
                let query = EntityQuery::new(&query_text);
                sidebar_groups(&corpus, &articles, selection, &query, |label| {
                    limits.get(label)
                })
            })
        });
        if groups.is_empty() {
            let message = if query_text.trim().is_empty() {
                "No entities in these articles.".to_owned()
            } else {
                format!("No entity matches “{}”.", query_text.trim())
            };
            return view! { <p class="facets-empty">{message}</p> }.into_any();
        }
        groups
            .into_iter()
            .map(|group| view! { <FacetGroupView group limits dates_open /> })
            .collect_view()
            .into_any()
    };

    view! {
        <nav class="sidebar" id="sidebar" aria-label="Entities" class:open=move || open.get()>
            <div class="sidebar-search">
                <label for="entity-search">"Find an entity"</label>
                <input
                    id="entity-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Name or spelling"
                    prop:value=move || query.get()
                    on:input:target=move |ev| query.set(ev.target().value())
                />
            </div>
            {groups}
        </nav>
    }
}

/// "Entities (N)": the label of the drawer button on narrow screens.
pub fn drawer_label(entities: usize) -> String {
    format!("Entities ({entities})")
}
