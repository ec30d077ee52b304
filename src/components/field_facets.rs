//! The sidebar's language, source and year groups ([`kiosque_model::refine`]): each value with
//! the number of articles of the view that have it, a button that keeps it (or no longer).

use kiosque_model::Selection;
use kiosque_model::refine::{FieldCount, Refined, toggled_year};
use kiosque_model::ui::{Language, Messages, Noun};
use leptos::prelude::*;

use crate::components::sidebar::Drawer;
use crate::dom::{after_next_paint, focus_matching};
use crate::language::use_language;
use crate::selection::{use_selection, use_show_selection};

/// Values a group lists before "Show all".
const FIRST_VALUES: usize = 8;

/// One group: which values, how they are named, and what choosing one does.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    heading: fn(&Messages) -> &'static str,
    values: fn(&Refined) -> &[FieldCount],
    name: fn(Language, &str) -> String,
    toggle: fn(&Selection, &str) -> Selection,
}

const FIELDS: [Field; 3] = [
    Field {
        key: Selection::LANG_KEY,
        heading: |m| m.facet_language,
        values: |r| &r.langs,
        name: Language::language_name,
        toggle: Selection::toggled_lang,
    },
    Field {
        key: Selection::SOURCE_KEY,
        heading: |m| m.facet_source,
        values: |r| &r.sources,
        name: |_, source| source.to_owned(),
        toggle: Selection::toggled_source,
    },
    Field {
        key: "year",
        heading: |m| m.facet_year,
        values: |r| &r.years,
        name: |_, year| year.to_owned(),
        toggle: toggled_year,
    },
];

/// The language, source and year groups over `refined` (empty ones left out); nothing while
/// `loading` (their counts need the whole site).
#[component]
pub fn FieldFacets(refined: Memo<Refined>, loading: Signal<bool>) -> impl IntoView {
    move || {
        if cfg!(feature = "ssr") || loading.get() {
            return None;
        }
        Some(
            FIELDS
                .iter()
                .map(|&field| view! { <FieldGroup field refined /> })
                .collect_view(),
        )
    }
}

#[component]
fn FieldGroup(field: Field, refined: Memo<Refined>) -> impl IntoView {
    let selection = use_selection();
    let show = use_show_selection();
    let drawer = use_context::<Drawer>();
    let all = RwSignal::new(false);
    let language = use_language();
    let heading_id = format!("facets-{}", field.key);
    move || {
        let values = refined.with(|r| (field.values)(r).to_vec());
        if values.is_empty() {
            return None;
        }
        let more = values.len().saturating_sub(FIRST_VALUES);
        let listed = if all.get() {
            values.len()
        } else {
            FIRST_VALUES
        };
        let rows = values
            .into_iter()
            .take(listed)
            .map(|value| {
                let show = show.clone();
                let chosen = value.value.clone();
                let on_click = move |_| {
                    show(&(field.toggle)(&selection.get_untracked(), &chosen));
                    if drawer.is_some_and(Drawer::close) {
                        return;
                    }
                    let chosen = chosen.clone();
                    let selector = format!("nav.sidebar button[data-field=\"{}\"]", field.key);
                    after_next_paint(move || focus_matching(&selector, "data-value", &chosen));
                };
                let noun = format!(" {}", language.noun(value.count as usize, Noun::Article));
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet"
                            data-field=field.key
                            data-value=value.value.clone()
                            aria-pressed=value.selected.to_string()
                            on:click=on_click
                        >
                            <span class="facet-name"><bdi>{(field.name)(language, &value.value)}</bdi></span>
                            <span class="count">{language.number(value.count as usize)}</span>
                            <span class="visually-hidden">{noun}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        let paging = (more > 0).then(|| {
            view! {
                <button
                    type="button"
                    class="show-more-facets"
                    data-group=field.key
                    on:click=move |_| all.update(|a| *a = !*a)
                >
                    {move || if all.get() { language.messages().show_fewer.to_owned() } else { language.show_more(more) }}
                </button>
            }
        });
        Some(view! {
            <section class="facet-group app-only" aria-labelledby=heading_id.clone()>
                <h2 class="facet-heading" id=heading_id.clone()>{(field.heading)(language.messages())}</h2>
                <ul class="facets">{rows}</ul>
                {paging}
            </section>
        })
    }
}
