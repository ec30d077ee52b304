//! One group of the entity sidebar: its heading, its facet toggles and its "show more".
//!
//! A group and its rows are keyed (by label, by entity) and their counts are reactive: when the
//! view changes, a row still listed keeps its button and only its count and state change, so the
//! browser redraws little and keyboard focus stays where it was.

use kiosque_model::sidebar::SidebarGroup;
use kiosque_model::{EntityId, Label};
use leptos::prelude::*;

use crate::components::sidebar::Drawer;
use crate::dom::focus_matching;
use crate::selection::use_toggle_entity;

/// Entities listed per group at first, and added by each "show more".
pub const GROUP_LIMIT: usize = 10;
const GROUP_STEP: usize = 50;

/// Rows shown per group, for the groups where the reader asked for more.
#[derive(Debug, Clone, Copy)]
pub struct GroupLimits(RwSignal<Vec<(Label, usize)>>);

impl GroupLimits {
    /// Every group at its first few rows.
    pub fn new() -> Self {
        GroupLimits(RwSignal::new(Vec::new()))
    }

    /// The rows to show for `label` (tracked: the list redraws when it changes).
    pub fn get(self, label: Label) -> usize {
        self.0.with(|limits| Self::find(limits, label))
    }

    fn find(limits: &[(Label, usize)], label: Label) -> usize {
        limits
            .iter()
            .find(|(l, _)| *l == label)
            .map_or(GROUP_LIMIT, |(_, n)| *n)
    }

    /// Shows `rows` rows of `label`, then puts focus back on the group's paging button.
    fn set(self, label: Label, rows: usize) {
        self.0.update(|limits| {
            limits.retain(|(l, _)| *l != label);
            limits.push((label, rows));
        });
        let group = label.id_prefix();
        request_animation_frame(move || {
            focus_matching("nav.sidebar button[data-group]", "data-group", group)
        });
    }

    fn current(self, label: Label) -> usize {
        self.0.with_untracked(|limits| Self::find(limits, label))
    }
}

/// A facet toggle: the entity's name and its count of visible articles (`state`: the count and
/// whether it is selected, `None` once the row is on its way out).
#[component]
fn FacetButton(id: EntityId, name: String, state: Signal<Option<(u32, bool)>>) -> impl IntoView {
    let toggle = use_toggle_entity();
    let drawer = use_context::<Drawer>();
    let entity = id.to_string();
    let on_click = move |_| {
        toggle(&id);
        // In a drawer, choosing is done: close it to show the articles. Otherwise the list is
        // redrawn with new counts; keep keyboard focus on this entity (its button moves when
        // it goes first, which loses focus).
        if drawer.is_some_and(Drawer::close) {
            return;
        }
        let id = id.to_string();
        request_animation_frame(move || {
            focus_matching("nav.sidebar button.facet", "data-entity", &id)
        });
    };
    let count = move || state.with(|s| s.map_or(0, |(count, _)| count));
    view! {
        <li>
            <button
                type="button"
                class="facet"
                data-entity=entity
                aria-pressed=move || state.with(|s| s.is_some_and(|(_, selected)| selected)).to_string()
                on:click=on_click
            >
                <span class="facet-name">{name}</span>
                <span class="count">{count}</span>
                <span class="visually-hidden">
                    {move || if count() == 1 { " article" } else { " articles" }}
                </span>
            </button>
        </li>
    }
}

/// "Show N more" and "Show fewer" under a group.
#[component]
fn GroupPaging(label: Label, not_shown: usize, limits: GroupLimits) -> impl IntoView {
    let group = label.id_prefix();
    let more = (not_shown > 0).then(|| {
        view! {
            <button
                type="button"
                class="show-more-facets"
                data-group=group
                on:click=move |_| limits.set(label, limits.current(label) + GROUP_STEP)
            >
                {format!("Show {} more", not_shown.min(GROUP_STEP))}
            </button>
        }
    });
    let fewer = (limits.current(label) > GROUP_LIMIT).then(|| {
        view! {
            <button
                type="button"
                class="show-more-facets"
                data-group=group
                on:click=move |_| limits.set(label, GROUP_LIMIT)
            >
                "Show fewer"
            </button>
        }
    });
    view! {
        {more}
        {fewer}
    }
}

/// The group of `label` among `groups`. Dates are collapsed until opened, unless one of them is
/// selected.
#[component]
pub fn FacetGroupView(
    label: Label,
    groups: Memo<Vec<SidebarGroup>>,
    limits: GroupLimits,
    /// Whether the reader opened the dates.
    dates_open: RwSignal<bool>,
) -> impl IntoView {
    let with_group = move |f: &dyn Fn(&SidebarGroup) -> usize| {
        groups.with(|g| g.iter().find(|g| g.label == label).map_or(0, f))
    };
    let heading_id = format!("facets-{}", label.id_prefix());
    let labelled_by = heading_id.clone();
    let heading_text = move || format!("{} ({})", label.plural(), with_group(&|g| g.matched));
    let collapsible = Memo::new(move |_| {
        label == Label::Date && with_group(&|g| usize::from(g.has_selected())) == 0
    });
    let hidden = move || collapsible.get() && !dates_open.get();
    let heading = move || {
        if collapsible.get() {
            view! {
                <button
                    type="button"
                    class="group-toggle"
                    aria-expanded=move || (!hidden()).to_string()
                    on:click=move |_| dates_open.update(|open| *open = !*open)
                >
                    {heading_text}
                </button>
            }
            .into_any()
        } else {
            heading_text.into_any()
        }
    };
    // The rows by entity; each reads its count and state from the group.
    let rows = move || {
        groups.with(|g| {
            g.iter()
                .find(|g| g.label == label)
                .map_or_else(Vec::new, |g| {
                    g.rows
                        .iter()
                        .map(|r| (r.id.clone(), r.name.clone()))
                        .collect::<Vec<_>>()
                })
        })
    };
    let row = move |(id, name): (EntityId, String)| {
        let state = {
            let id = id.clone();
            Signal::derive(move || {
                groups.with(|g| {
                    g.iter()
                        .find(|g| g.label == label)
                        .and_then(|g| g.rows.iter().find(|r| r.id == id))
                        .map(|r| (r.count, r.selected))
                })
            })
        };
        view! { <FacetButton id name state /> }
    };
    // Redrawn only when what it offers changes.
    let not_shown = Memo::new(move |_| with_group(&SidebarGroup::not_shown));
    let paging = move || {
        let not_shown = not_shown.get();
        limits.get(label);
        view! { <GroupPaging label not_shown limits /> }
    };
    view! {
        <section class="facet-group" aria-labelledby=labelled_by>
            <h2 class="facet-heading" id=heading_id>{heading}</h2>
            <div class="facet-body" hidden=hidden>
                <ul class="facets">
                    <For each=rows key=|(id, _)| id.clone() children=row />
                </ul>
                {paging}
            </div>
        </section>
    }
}
