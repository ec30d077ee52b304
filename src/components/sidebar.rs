//! The entity sidebar: facets grouped by type with counts over the visible articles, and a
//! search box that narrows the list (names and aliases, case- and accent-insensitive).

use std::sync::Arc;

use kiosque_model::facets::FacetCounts;
use kiosque_model::parts::EntityView;
use kiosque_model::sidebar::{EntityQuery, FinderMatches, sidebar_groups};
use kiosque_model::ui::Language;
use kiosque_model::{EntityId, Label, Selection};
use leptos::prelude::*;

use crate::components::facet_group::{FacetGroupView, GROUP_LIMIT, GroupLimits};
use crate::dom::{focus_by_id, focus_matching, focused_attribute, is_displayed};
use crate::language::use_language;
use crate::routes::corpus::use_corpus_signal;

/// The sidebar of a view of one entity's articles, from its profile file: the entity, and
/// what the file has of its view.
pub type ProfileView = (EntityId, Arc<EntityView>);

/// The id of the button that opens and closes the drawer.
pub const DRAWER_TOGGLE: &str = "drawer-toggle";

/// On narrow screens the sidebar is a drawer under its toggle button. It closes once an entity
/// is chosen, so the reader sees the filtered articles, and on Escape; either way focus goes
/// back to the toggle. Provided as context by the home page.
#[derive(Debug, Clone, Copy)]
pub struct Drawer(RwSignal<bool>);

impl Drawer {
    /// A closed drawer.
    pub fn new() -> Self {
        Drawer(RwSignal::new(false))
    }

    /// Whether it is open (tracked).
    pub fn is_open(self) -> bool {
        self.0.get()
    }

    /// Opens it, or closes it.
    pub fn toggle(self) {
        self.0.update(|open| *open = !*open);
    }

    /// Closes it and focuses its toggle, if it is open as a drawer (on wide screens the sidebar
    /// is always shown and the toggle hidden). Returns whether it did.
    pub fn close(self) -> bool {
        if !self.0.get_untracked() || !is_displayed(DRAWER_TOGGLE) {
            return false;
        }
        self.0.set(false);
        focus_by_id(DRAWER_TOGGLE);
        true
    }

    /// Closes it on Escape.
    pub fn on_keydown(self, ev: &leptos::ev::KeyboardEvent) {
        if ev.key() == "Escape" && self.close() {
            ev.prevent_default();
        }
    }
}

/// The sidebar over the visible articles' entity counts and the current selection.
#[component]
pub fn Sidebar(
    counts: Memo<FacetCounts>,
    selection: Memo<Selection>,
    /// The drawer it is on narrow screens.
    drawer: Drawer,
    /// Whether `counts` are not yet the view's (a search shown before the whole site is
    /// loaded): the sidebar says so, and is marked busy, rather than pass them for the view's.
    #[prop(optional, into)]
    pending: Option<Signal<bool>>,
    /// The view's sidebar from its entity's profile file (a link filtered by one entity of
    /// many articles, before the whole site): its first rows, shown until the reader asks for
    /// more (a group's next rows, the entity finder), which the whole site then gives.
    #[prop(optional, into)]
    view: Option<Signal<Option<ProfileView>>>,
    /// Drawn after the entity groups: the home page's language, source and year groups and its
    /// timeline.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let view = view.unwrap_or_else(|| Signal::stored(None));
    let limits = GroupLimits::new();
    let query = RwSignal::new(String::new());
    // The profile's view, while the reader asks for nothing it does not have.
    let from_view = Memo::new(move |_| {
        let first_rows = Label::ALL.iter().all(|&l| limits.get(l) == GROUP_LIMIT);
        (first_rows && query.with(String::is_empty))
            .then(|| view.get())
            .flatten()
    });
    let pending = pending.unwrap_or_else(|| Signal::stored(false));
    // Asked for more than the view's first rows: the site's counts until the whole site is
    // there, said so.
    let pending = Signal::derive(move || {
        pending.get() || (view.with(Option::is_some) && from_view.with(Option::is_none))
    });
    let corpus = use_corpus_signal();
    let loader = crate::site::use_site().data;
    let dates_open = RwSignal::new(false);
    let language = use_language();
    let words = language.messages();

    // The corpus the list was last drawn from: when the whole site replaces the first screen,
    // a facet or button that had the focus gets it back.
    let drawn_from = StoredValue::new(None::<usize>);
    // The entities the search box matches, narrowed from the previous keystroke's as letters
    // are typed; found again over the whole site when it replaces the first screen.
    let found = Memo::new_with_compare(
        move |previous: Option<&FinderMatches>| {
            let query = query.with(|text| EntityQuery::new(text));
            corpus.with(|corpus| match previous {
                Some(previous) => previous.next(corpus, query),
                None => FinderMatches::new(corpus, query),
            })
        },
        // Made only when the text or the corpus changes: always new.
        |_, _| true,
    );
    // What the groups read of the selection (its entities): not the search, whose keystrokes
    // change only the counts.
    let chosen = Memo::new(move |_| selection.with(|s| s.with_search("")));
    // The groups listed, counted again when the view, the search box or a group's rows change;
    // the views below follow them in place (the search box stays).
    let groups = Memo::new(move |_| {
        if let Some((id, view)) = from_view.get() {
            return view.sidebar(&id, language);
        }
        let now = corpus.with(|c| Arc::as_ptr(c) as usize);
        if drawn_from.get_value().is_some_and(|before| before != now) {
            keep_focus();
        }
        drawn_from.set_value(Some(now));
        corpus.with(|corpus| {
            chosen.with(|selection| {
                counts.with(|counts| {
                    found.with(|found| {
                        sidebar_groups(
                            corpus,
                            counts,
                            selection,
                            found,
                            |label| limits.get(label),
                            language,
                        )
                    })
                })
            })
        })
    });
    let labels = move || groups.with(|gs| gs.iter().map(|g| g.label).collect::<Vec<_>>());
    let empty = move || {
        groups.with(Vec::is_empty).then(|| {
            let filtered = selection.with(|s| !s.is_empty());
            let message = language.no_entity_listed(&query.get(), filtered);
            view! { <p class="facets-empty">{message}</p> }
        })
    };

    view! {
        <nav
            class="sidebar"
            id="sidebar"
            aria-label=words.entities
            class:open=move || drawer.is_open()
            aria-busy=move || pending.get().then_some("true")
            on:keydown=move |ev| drawer.on_keydown(&ev)
        >
            <div class="sidebar-search">
                <label for="entity-search">{words.find_entity}</label>
                <input
                    id="entity-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=words.entity_placeholder
                    prop:value=move || query.get()
                    on:input:target=move |ev| {
                        // The finder looks among every entity: the first screen has the top
                        // ones only, until the whole site is there.
                        loader.want_whole();
                        query.set(ev.target().value())
                    }
                />
            </div>
            {move || {
                pending
                    .get()
                    .then(|| {
                        view! {
                            <p class="facets-pending" role="status">
                                {words.counts_loading}
                            </p>
                        }
                    })
            }}
            {empty}
            <For
                each=labels
                key=|label| *label
                children=move |label| {
                    let group = Memo::new(move |_| {
                        groups.with(|gs| gs.iter().find(|g| g.label == label).cloned())
                    });
                    view! { <FacetGroupView label group limits dates_open /> }
                }
            />
            {children.map(|children| children())}
        </nav>
    }
}

/// Gives the focus back, once the list is drawn anew, to the facet or paging button that has it.
fn keep_focus() {
    for (selector, attribute) in [
        ("nav.sidebar button.facet", "data-entity"),
        ("nav.sidebar button[data-group]", "data-group"),
    ] {
        if let Some(value) = focused_attribute(selector, attribute) {
            request_animation_frame(move || focus_matching(selector, attribute, &value));
            return;
        }
    }
}

/// "Entities (N)": the label of the drawer button on narrow screens.
pub fn drawer_label(language: Language, entities: usize) -> String {
    language.with_count(language.messages().entities, entities)
}
