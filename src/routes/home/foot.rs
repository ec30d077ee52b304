//! The foot of the home page's sidebar: the languages, sources and years of the view with their
//! counts, and its timeline with the period chosen. It follows the view once the view's list is
//! painted: it is out of the first screen, and redrawing its hundreds of rows and bars would hold
//! back the frame that shows a click's list.

use std::sync::Arc;

use kiosque_model::Selection;
use kiosque_model::index::Corpus;
use kiosque_model::overview::Overview;
use kiosque_model::refine::Refined;
use kiosque_model::timeline::{Timeline, timeline_at};
use leptos::prelude::*;

use crate::components::sidebar::ProfileView;
use crate::dom::after_next_paint;
use crate::latest::Latest;

/// What the foot of the sidebar shows of a view: the languages, sources and years with their
/// counts, and the timeline with the period chosen.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Foot {
    /// The counts only (no articles: the foot does not list them).
    fields: Refined,
    /// How the view spreads over time, whatever its period: the other periods stay there to
    /// be chosen.
    chart: Timeline,
    /// The period chosen (a bar keeps its period).
    period: Option<(i64, i64)>,
}

impl Foot {
    fn of(corpus: &Corpus, refined: &Refined, period: Option<(i64, i64)>) -> Self {
        Foot {
            fields: Refined {
                langs: refined.langs.clone(),
                sources: refined.sources.clone(),
                years: refined.years.clone(),
                ..Refined::default()
            },
            chart: timeline_at(corpus, &refined.any_period),
            period,
        }
    }

    /// The foot of a view from its overview, without the whole site (every article's, from
    /// `site.json`; one entity's, from its profile file); `None` when its timeline does not
    /// read.
    pub(super) fn of_overview(overview: &Overview) -> Option<Self> {
        Some(Foot {
            fields: overview.refined(),
            chart: overview.timeline()?,
            period: None,
        })
    }
}

/// What the foot follows.
pub(super) struct Followed {
    /// Whether the languages, sources, years and timeline can count the view (over the whole
    /// site).
    pub whole_view: Memo<bool>,
    /// The sidebar of a view of one entity's articles from its profile file, before the whole
    /// site.
    pub early_view: Memo<Option<ProfileView>>,
    /// The corpus.
    pub corpus: Signal<Arc<Corpus>>,
    /// The view of the entities and the search (what the languages, sources and period narrow).
    pub found: Memo<Vec<u32>>,
    /// The view (the URL's).
    pub selection: Memo<Selection>,
    /// The view narrowed by the languages, sources and period, and their counts.
    pub refined: Memo<Refined>,
    /// The foot of the view of every article from `site.json`, until the whole site is there.
    pub overview: StoredValue<Option<Foot>>,
}

/// What the sidebar shows of the foot.
pub(super) struct FootView {
    /// The languages, sources and years with their counts.
    pub fields: Memo<Refined>,
    /// Whether they are not there yet.
    pub loading: Memo<bool>,
    /// The timeline and the period chosen, once there.
    pub chart: Memo<Option<Chart>>,
}

/// A timeline and the period chosen in it (a bar keeps its period).
pub(super) type Chart = (Timeline, Option<(i64, i64)>);

/// The foot of the view, after each change's paint.
pub(super) fn follow_view(followed: Followed) -> FootView {
    let Followed {
        whole_view,
        early_view,
        corpus,
        found,
        selection,
        refined,
        overview: overview_foot,
    } = followed;
    // The task reads the view when it runs (the last one, if several changes came before a
    // paint), so that nothing of the foot's, not even a copy of the view, is done in the frame
    // of a change. `None` until the whole site is there.
    // The effect follows what the languages, sources and period narrow (the view of the
    // entities and the search), not `refined` itself: a view they do not narrow (a keystroke's)
    // is then narrowed and counted in the foot's task, after the list's paint, not in its frame.
    let foot = RwSignal::new(None::<Foot>);
    let changes = Latest::new();
    Effect::new(move |_| {
        whole_view.track();
        early_view.track();
        corpus.track();
        found.track();
        selection.track();
        let change = changes.next();
        after_next_paint(move || {
            if !change.is_latest() {
                return;
            }
            let next = if whole_view.get_untracked() {
                let period = selection.with_untracked(Selection::period);
                Some(
                    refined.with_untracked(|refined| {
                        Foot::of(&corpus.get_untracked(), refined, period)
                    }),
                )
            } else if selection.with_untracked(Selection::is_empty) {
                overview_foot.get_value()
            } else {
                (early_view.get_untracked()).and_then(|(_, view)| Foot::of_overview(&view.overview))
            };
            let _ = foot.try_set(next);
        });
    });
    let fields =
        Memo::new(move |_| foot.with(|f| f.as_ref().map(|f| f.fields.clone()).unwrap_or_default()));
    let loading = Memo::new(move |_| foot.with(Option::is_none));
    let chart = Memo::new(move |_| foot.with(|f| f.as_ref().map(|f| (f.chart.clone(), f.period))));
    FootView {
        fields,
        loading,
        chart,
    }
}
