//! One group of the entity sidebar: its heading, its facet toggles and its "show more".

use kiosque_model::Label;
use kiosque_model::sidebar::{SidebarGroup, SidebarRow};
use kiosque_model::ui::Noun;
use leptos::prelude::*;

use crate::components::sidebar::Drawer;
use crate::dom::{after_next_paint, focus_matching};
use crate::language::use_language;
#[cfg(feature = "ssr")]
use crate::search::FacetFiles;
use crate::selection::use_toggle_entity;

/// Entities listed per group at first, and added by each "show more".
pub const GROUP_LIMIT: usize = kiosque_model::parts::TOP_ENTITIES;
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

/// A facet toggle: the entity's name and its count of visible articles. The row is a slot of
/// its group: when the view changes, the same button shows the slot's new entity and count
/// (nothing is built again for a click or a keystroke, only text and attributes change).
#[component]
fn FacetButton(row: Memo<Option<SidebarRow>>) -> impl IntoView {
    let toggle = use_toggle_entity();
    let drawer = use_context::<Drawer>();
    let on_click = move |_| {
        let Some(id) = row.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) else {
            return;
        };
        toggle(&id);
        // In a drawer, choosing is done: close it to show the articles. Otherwise the list is
        // redrawn with new counts; keep keyboard focus on this entity (moved there once the
        // list is painted: focusing lays the page out at once, which would hold back that frame).
        if drawer.is_some_and(Drawer::close) {
            return;
        }
        let id = id.to_string();
        after_next_paint(move || focus_matching("nav.sidebar button.facet", "data-entity", &id));
    };
    let language = use_language();
    let count = move || row.with(|r| r.as_ref().map_or(0, |r| r.count));
    // The files the view filtered by the entity starts from, which the app's start script
    // fetches beside the app when the facet is pressed on the pre-rendered page: only there
    // (`kiosque pages` provides them).
    #[cfg(feature = "ssr")]
    let prefetch = {
        let files = use_context::<FacetFiles>();
        move || {
            let files = files.as_ref()?;
            row.with(|r| r.as_ref().map(|r| files.of(&r.id)))
        }
    };
    #[cfg(not(feature = "ssr"))]
    let prefetch = || None::<String>;
    view! {
        <li>
            <button
                type="button"
                class="facet"
                data-entity=move || row.with(|r| r.as_ref().map(|r| r.id.to_string()))
                data-prefetch=prefetch
                aria-pressed=move || row.with(|r| r.as_ref().is_some_and(|r| r.selected)).to_string()
                on:click=on_click
            >
                <span class="facet-name">
                    <bdi>{move || row.with(|r| r.as_ref().map(|r| r.name.clone()))}</bdi>
                </span>
                <span class="count">{move || language.number(count() as usize)}</span>
                <span class="visually-hidden">
                    {move || format!(" {}", language.noun(count() as usize, Noun::Article))}
                </span>
            </button>
        </li>
    }
}

/// "Show N more" and "Show fewer" under a group.
#[component]
fn GroupPaging(label: Label, not_shown: Memo<usize>, limits: GroupLimits) -> impl IntoView {
    let group = label.id_prefix();
    let language = use_language();
    let loader = crate::site::use_site().data;
    let more = move || {
        let not_shown = not_shown.get();
        (not_shown > 0).then(|| {
            view! {
                <button
                    type="button"
                    class="show-more-facets"
                    data-group=group
                    on:click=move |_| {
                        // Rows past the first screen's come with the whole site.
                        loader.want_whole();
                        limits.set(label, limits.current(label) + GROUP_STEP)
                    }
                >
                    {language.show_more(not_shown.min(GROUP_STEP))}
                </button>
            }
        })
    };
    let fewer = move || {
        (limits.get(label) > GROUP_LIMIT).then(|| {
            view! {
                <button
                    type="button"
                    class="show-more-facets"
                    data-group=group
                    on:click=move |_| limits.set(label, GROUP_LIMIT)
                >
                    {language.messages().show_fewer}
                </button>
            }
        })
    };
    view! {
        {more}
        {fewer}
    }
}

/// One group, as the view changes (`None` once it has no entry: the sidebar then drops it).
/// Dates are collapsed until opened, unless one of them is selected.
#[component]
pub fn FacetGroupView(
    label: Label,
    group: Memo<Option<SidebarGroup>>,
    limits: GroupLimits,
    /// Whether the reader opened the dates.
    dates_open: RwSignal<bool>,
) -> impl IntoView {
    let heading_id = format!("facets-{}", label.id_prefix());
    let labelled_by = heading_id.clone();
    let language = use_language();
    let heading_text = move || {
        let matched = group.with(|g| g.as_ref().map_or(0, |g| g.matched));
        language.with_count(language.label_plural(label), matched)
    };
    let collapsible = Memo::new(move |_| {
        label == Label::Date && !group.with(|g| g.as_ref().is_some_and(SidebarGroup::has_selected))
    });
    let hidden = move || collapsible.get() && !dates_open.get();
    let not_shown =
        Memo::new(move |_| group.with(|g| g.as_ref().map_or(0, SidebarGroup::not_shown)));
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
    // One slot per row shown, each following its row.
    let rows = move || 0..group.with(|g| g.as_ref().map_or(0, |g| g.rows.len()));
    view! {
        <section class="facet-group" aria-labelledby=labelled_by>
            <h2 class="facet-heading" id=heading_id>{heading}</h2>
            <div class="facet-body" hidden=hidden>
                <ul class="facets">
                    <For
                        each=rows
                        key=|slot| *slot
                        children=move |slot| {
                            let row = Memo::new(move |_| {
                                group.with(|g| g.as_ref().and_then(|g| g.rows.get(slot).cloned()))
                            });
                            view! { <FacetButton row /> }
                        }
                    />
                </ul>
                <GroupPaging label not_shown limits />
            </div>
        </section>
    }
}
