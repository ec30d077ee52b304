//! A histogram of articles over time ([`kiosque_model::timeline`]) as an inline SVG, with its
//! text alternative: a one-sentence summary the chart is labelled by, and the counts as a
//! table for who wants each period. On the home page each bar is also a button that keeps its
//! period (Shift, or the switch under the chart, extends the period to it).

use kiosque_model::timeline::{Timeline, Unit};
use leptos::prelude::*;

use crate::language::use_language;

/// Height of the chart's drawing, in its own units (bars are 10 wide).
const HEIGHT: u32 = 60;

/// A bar's width on the page at most, in CSS pixels.
const BAR_PX: usize = 32;

/// The chart's width on the page at most, in CSS pixels (the page's text column).
const MAX_PX: usize = 736;

/// A bar's width on the page at least when it is a button, in CSS pixels: a target as wide as
/// WCAG 2.2 asks (the chart then scrolls in its box rather than the page).
const BUTTON_PX: usize = 24;

/// The narrowest width a chart that does not scroll is drawn at, in CSS pixels (a phone's page).
const PHONE_PX: usize = 300;

/// The room a year's name takes under the bars, in CSS pixels, with a gap (`2025`).
const TICK_PX: usize = 40;

/// The room a month's name takes under the bars, in CSS pixels, with a gap (`janv. 2025`).
const LONG_TICK_PX: usize = 72;

/// The chart of `timeline`, titled `title` (`id` makes its element ids unique on the page).
/// Nothing without dated articles; nothing in the pre-rendered pages either (`kiosque pages`):
/// the chart is drawn by the app, so it costs the static site no bytes.
///
/// With `on_select`, each bar is a button labelled by its period and count that calls it with
/// the bar's index and whether to extend the period to it (Shift held, or `extending` on: a
/// switch shown under the chart once a period is chosen, for who has no Shift key); the bars
/// within `selected` (first and last days) are pressed.
#[component]
pub fn TimelineChart(
    timeline: Timeline,
    title: String,
    id: &'static str,
    #[prop(default = None)] selected: Option<(i64, i64)>,
    #[prop(optional)] on_select: Option<Callback<(usize, bool)>>,
    #[prop(optional)] extending: Option<RwSignal<bool>>,
) -> impl IntoView {
    if cfg!(feature = "ssr") || timeline.bins.is_empty() {
        return None::<AnyView>;
    }
    let language = use_language();
    let words = language.messages();
    let unit = timeline.unit;
    let peak = timeline.peak().max(1);
    let width = timeline.bins.len() * 10;
    let pressed = |bin: &kiosque_model::timeline::Bin| selected.is_some_and(|p| bin.within(p));
    let bars = timeline
        .bins
        .iter()
        .enumerate()
        .map(|(i, bin)| {
            let height = (bin.count * HEIGHT).div_ceil(peak);
            view! {
                <rect x=i * 10 + 1 y=HEIGHT - height width="8" height=height class:on=pressed(bin)>
                    <title>{language.bar(unit, &bin.start, bin.count)}</title>
                </rect>
            }
        })
        .collect_view();
    let buttons = on_select.map(|on_select| {
        // One tab stop for the chart (a toolbar: the arrow keys, Home and End move between its
        // bars): its first chosen bar, or else its newest with articles.
        let stop = (timeline.bins.iter().position(pressed))
            .or_else(|| timeline.bins.iter().rposition(|bin| bin.count > 0))
            .unwrap_or(0);
        let buttons = timeline
            .bins
            .iter()
            .enumerate()
            .map(|(i, bin)| {
                let label = language.bar(unit, &bin.start, bin.count);
                view! {
                    <button
                        type="button"
                        class="timeline-bar"
                        tabindex=if i == stop { "0" } else { "-1" }
                        data-from=bin.from.clone()
                        data-to=bin.to.clone()
                        aria-pressed=pressed(bin).to_string()
                        aria-label=label
                        on:click=move |ev| {
                            let extend = extending.is_some_and(|e| e.get_untracked());
                            on_select.run((i, ev.shift_key() || extend))
                        }
                    ></button>
                }
            })
            .collect_view();
        view! {
            <div
                class="timeline-bars"
                id=format!("{id}-bars")
                role="toolbar"
                aria-label=words.keep_period
                on:keydown=move_between_bars
                on:focusin=make_tab_stop
            >
                {buttons}
            </div>
        }
    });
    let interactive = on_select.is_some();
    let extend = (extending.filter(|_| selected.is_some())).map(|extending| {
        view! {
            <button
                type="button"
                class="timeline-extend"
                aria-pressed=move || extending.get().to_string()
                on:click=move |_| extending.update(|on| *on = !*on)
            >
                {words.extend_period}
            </button>
        }
    });
    let mut px = (width * BAR_PX / 10).min(MAX_PX);
    if interactive {
        px = px.max(timeline.bins.len() * BUTTON_PX);
    }
    let rows = timeline
        .bins
        .iter()
        .filter(|bin| bin.count > 0)
        .map(|bin| {
            view! {
                <tr><th scope="row"><time datetime=bin.start.clone()>{language.period(unit, &bin.start)}</time></th><td>{language.number(bin.count as usize)}</td></tr>
            }
        })
        .collect_view();
    // Under the bars, the months or years that begin, as far apart as their names need.
    let label_px = match unit {
        Unit::Week => LONG_TICK_PX,
        Unit::Month | Unit::Year => TICK_PX,
    };
    // A chart that is not scrolled shrinks with the page: its names spaced for a phone's width.
    let room = if interactive { px } else { px.min(PHONE_PX) };
    let bars_apart = (label_px * timeline.bins.len()).div_ceil(room.max(1));
    let mut ticks = timeline.ticks(bars_apart).into_iter().peekable();
    let axis = (0..timeline.bins.len())
        .map(|i| {
            let named = ticks.next_if_eq(&i).is_some();
            let name = named.then(|| language.tick(unit, &timeline.bins[i].start));
            view! { <span>{name}</span> }
        })
        .collect_view();
    // A chart of buttons wider than its box opens on its chosen bars, or on its newest ones.
    let scroll = NodeRef::<leptos::html::Div>::new();
    if interactive {
        // A chart in the phone's drawer has no width until the drawer opens: it is scrolled to
        // its chosen or newest bars again then.
        let drawer = use_context::<crate::components::sidebar::Drawer>();
        Effect::new(move || {
            let _open = drawer.map(|drawer| drawer.is_open());
            if let Some(scroll) = scroll.get() {
                request_animation_frame(move || {
                    crate::dom::scroll_sideways_to(&scroll, ".timeline-bar[aria-pressed=\"true\"]")
                });
            }
        });
    }
    let summary = language.timeline_summary(&timeline);
    let column = language.unit_heading(unit);
    let heading = format!("{id}-heading");
    let summary_id = format!("{id}-summary");
    Some(view! {
        <section class="timeline app-only" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{title}</h2>
            <p id=summary_id.clone() class="timeline-summary">{summary}</p>
            // As wide as its bars at most (a few bars are not stretched over the page), never
            // wider than the page: the axis under it is as wide.
            // A chart of buttons scrolls in its box when they do not fit.
            <div class="timeline-scroll" class:interactive=interactive node_ref=scroll>
            <div class="timeline-plot">
                <svg
                    class="timeline-chart"
                    role="img"
                    aria-labelledby=format!("{heading} {summary_id}")
                    width=px
                    viewBox=format!("0 0 {width} {HEIGHT}")
                    preserveAspectRatio="none"
                >
                    {bars}
                </svg>
                {buttons}
                <p class="timeline-axis" aria-hidden="true">{axis}</p>
            </div>
            </div>
            {extend}
            <details class="timeline-table">
                <summary>{language.per_unit_table(unit)}</summary>
                <table>
                    <thead><tr><th scope="col">{column}</th><th scope="col">{words.articles_column}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
    .into_any())
}

/// The arrow keys, Home and End on a bar of the chart: the focus (and with it the chart's one
/// tab stop) moves to the bar before or after it, or to the first or last bar.
fn move_between_bars(ev: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let key = ev.key();
    let Some(bar) = bar_of(&ev) else {
        return;
    };
    let Some(bars) = bar.parent_element() else {
        return;
    };
    let next = match key.as_str() {
        "ArrowLeft" => bar.previous_element_sibling(),
        "ArrowRight" => bar.next_element_sibling(),
        "Home" => bars.first_element_child(),
        "End" => bars.last_element_child(),
        _ => return,
    };
    ev.prevent_default();
    if let Some(next) = next.and_then(|next| next.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = next.focus();
    }
}

/// A bar that takes the focus (by the keys, a click, or the chart drawn anew) becomes the
/// chart's one tab stop: Tab leaves the chart and Shift+Tab comes back to it.
fn make_tab_stop(ev: leptos::ev::FocusEvent) {
    let Some(bar) = bar_of(&ev) else {
        return;
    };
    if let Some(stop) = bar.parent_element().and_then(|bars| {
        bars.query_selector(".timeline-bar[tabindex='0']")
            .ok()
            .flatten()
    }) {
        let _ = stop.set_attribute("tabindex", "-1");
    }
    let _ = bar.set_attribute("tabindex", "0");
}

/// The bar of the chart an event is on, if it is on one.
fn bar_of(ev: &web_sys::Event) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|target| target.class_list().contains("timeline-bar"))
}
