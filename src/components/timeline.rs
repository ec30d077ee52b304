//! A histogram of articles over time ([`kiosque_model::timeline`]) as an inline SVG, with its
//! text alternative: a one-sentence summary the chart is labelled by, and the counts as a
//! table for who wants each period.

use kiosque_model::timeline::{Timeline, Unit};
use leptos::prelude::*;

/// Height of the chart's drawing, in its own units (bars are 10 wide).
const HEIGHT: u32 = 60;

/// A bar's width on the page at most, in CSS pixels.
const BAR_PX: usize = 32;

/// The chart's width on the page at most, in CSS pixels (the page's text column).
const MAX_PX: usize = 736;

/// The chart of `timeline`, titled `title` (`id` makes its element ids unique on the page).
/// Nothing without dated articles; nothing in the pre-rendered pages either (`kiosque pages`):
/// the chart is drawn by the app, so it costs the static site no bytes.
#[component]
pub fn TimelineChart(timeline: Timeline, title: String, id: &'static str) -> impl IntoView {
    if cfg!(feature = "ssr") || timeline.bins.is_empty() {
        return None::<AnyView>;
    }
    let peak = timeline.peak().max(1);
    let width = timeline.bins.len() * 10;
    let bars = timeline
        .bins
        .iter()
        .enumerate()
        .map(|(i, bin)| {
            let height = (bin.count * HEIGHT).div_ceil(peak);
            view! {
                <rect x=i * 10 + 1 y=HEIGHT - height width="8" height=height>
                    <title>{format!("{}: {}", bin.label, bin.count)}</title>
                </rect>
            }
        })
        .collect_view();
    let rows = timeline
        .bins
        .iter()
        .filter(|bin| bin.count > 0)
        .map(|bin| {
            view! {
                <tr><th scope="row"><time datetime=bin.start.clone()>{bin.label.clone()}</time></th><td>{bin.count}</td></tr>
            }
        })
        .collect_view();
    let first = timeline.bins.first().map(|b| b.short.clone());
    let last = (timeline.bins.len() > 1)
        .then(|| timeline.bins.last().map(|b| b.short.clone()))
        .flatten();
    let summary = timeline.summary();
    let column = match timeline.unit {
        Unit::Week => "Week",
        Unit::Month => "Month",
        Unit::Year => "Year",
    };
    let heading = format!("{id}-heading");
    let summary_id = format!("{id}-summary");
    Some(view! {
        <section class="timeline app-only" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{title}</h2>
            <p id=summary_id.clone() class="timeline-summary">{summary}</p>
            // As wide as its bars at most (a few bars are not stretched over the page), never
            // wider than the page: the axis under it is as wide.
            <div class="timeline-plot">
                <svg
                    class="timeline-chart"
                    role="img"
                    aria-labelledby=format!("{heading} {summary_id}")
                    width=(width * BAR_PX / 10).min(MAX_PX)
                    viewBox=format!("0 0 {width} {HEIGHT}")
                    preserveAspectRatio="none"
                >
                    {bars}
                </svg>
                <p class="timeline-axis" aria-hidden="true">
                    <span>{first}</span>
                    <span>{last}</span>
                </p>
            </div>
            <details class="timeline-table">
                <summary>{format!("Articles per {}, as a table", timeline.unit.noun())}</summary>
                <table>
                    <thead><tr><th scope="col">{column}</th><th scope="col">"Articles"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </section>
    }
    .into_any())
}
