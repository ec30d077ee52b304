//! The search, the entity filter, the languages, sources and period live in the URL
//! (`?q=…&entity=…&lang=…&source=…&from=…&to=…`): reading it, and changing it by navigating, so
//! back/forward and shared links show the same view.

use std::sync::Arc;

use kiosque_model::{EntityId, Selection};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::site::use_site;

/// The selection of the current URL, read once for the whole app ([`provide_selection`]):
/// every card and facet reads this one memo instead of parsing the URL for itself at each
/// navigation.
#[derive(Clone, Copy)]
struct Current(Memo<Selection>);

/// The home page's last view in this visit: its filters, search and period, which the article
/// and entity pages' way back returns to, its list of articles (positions in the whole site,
/// in the order shown; once the whole site is there), which an article page's previous and
/// next follow, and how many pages of cards it showed, with the view they were for.
#[derive(Clone, Copy)]
struct LastHome {
    selection: RwSignal<Selection>,
    list: RwSignal<Option<Arc<[u32]>>>,
    /// The words its search matched, which an article page opened from it marks.
    marks: RwSignal<Arc<[String]>>,
    pages: RwSignal<(Selection, usize)>,
    /// The article whose page's way back was followed: its card is brought back into view.
    way_back_from: RwSignal<Option<String>>,
}

/// Provides the selection of the current URL to the views under the router.
pub fn provide_selection() {
    provide_context(Current(selection_of_url()));
    provide_context(LastHome {
        selection: RwSignal::new(Selection::default()),
        list: RwSignal::new(None),
        marks: RwSignal::new(Arc::from([])),
        pages: RwSignal::new((Selection::default(), 1)),
        way_back_from: RwSignal::new(None),
    });
}

/// Keeps `selection`, `list` (`None` until the whole site is there) and the words its search
/// matched (`marks`) as the home page's last view while the home page shows (effects run in the
/// browser only: a pre-rendered page links to the home page unfiltered, offers no previous or
/// next and marks no word).
pub fn remember_home_view(
    selection: Memo<Selection>,
    list: Signal<Option<Arc<[u32]>>>,
    marks: Signal<Arc<[String]>>,
) {
    let Some(last) = use_context::<LastHome>() else {
        return;
    };
    // The selection is the URL's: following a link to an article changes it (to none) before
    // the home page is gone, and that is not a view of the home page.
    let location = use_location();
    let paths = use_site().paths;
    let on_home = move || paths.is_home(&location.pathname.get_untracked());
    let home = on_home.clone();
    Effect::new(move |_| {
        let selection = selection.get();
        if home() {
            last.selection.set(selection);
        }
    });
    let home = on_home.clone();
    Effect::new(move |_| {
        let list = list.get();
        if home() {
            last.list.set(list);
        }
    });
    Effect::new(move |_| {
        let marks = marks.get();
        if on_home() {
            last.marks.set(marks);
        }
    });
}

/// The words the home page's last search matched in this visit (none without a search).
pub fn use_last_home_marks() -> Signal<Arc<[String]>> {
    use_context::<LastHome>()
        .map_or_else(|| Signal::stored(Arc::from([])), |last| last.marks.into())
}

/// The pages of cards the home page shows ("Show more" adds one), for its view `selection`: as
/// many as it last showed for the same view in this visit, so that coming back from an article
/// (back, or the way back) finds the cards the reader had opened, and the place among them.
pub fn use_home_pages(selection: Memo<Selection>) -> RwSignal<usize> {
    let Some(last) = use_context::<LastHome>() else {
        return RwSignal::new(1);
    };
    let restored = last.pages.with_untracked(|(view, pages)| {
        selection.with_untracked(|now| (now == view).then_some(*pages))
    });
    let pages = RwSignal::new(restored.unwrap_or(1));
    Effect::new(move |_| {
        let shown = pages.get();
        last.pages.set((selection.get_untracked(), shown));
    });
    pages
}

/// Notes that the way back from `article`'s page was followed (its link was clicked).
pub fn leave_by_way_back(article: &str) {
    if let Some(last) = use_context::<LastHome>() {
        last.way_back_from.set(Some(article.to_owned()));
    }
}

/// The article whose page's way back led here, if one did (asked once: it is forgotten).
pub fn came_by_way_back() -> Option<String> {
    let last = use_context::<LastHome>()?;
    let article = last.way_back_from.get_untracked();
    if article.is_some() {
        last.way_back_from.set(None);
    }
    article
}

/// The home page's last view in this visit: no filter until the home page has shown one.
pub fn use_last_home_view() -> Signal<Selection> {
    use_context::<LastHome>().map_or_else(
        || Signal::stored(Selection::default()),
        |last| last.selection.into(),
    )
}

/// The home page's last list of articles in this visit (positions in the whole site), if any.
pub fn use_last_home_list() -> Signal<Option<Arc<[u32]>>> {
    use_context::<LastHome>().map_or_else(|| Signal::stored(None), |last| last.list.into())
}

/// The selection in the current URL.
pub fn use_selection() -> Memo<Selection> {
    use_context::<Current>().map_or_else(selection_of_url, |current| current.0)
}

fn selection_of_url() -> Memo<Selection> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| Selection::from_url(q.into_iter().map(|(k, v)| (k.as_ref(), v))))
    })
}

/// A function that shows the home page with `selection`, as a new history entry. On the home
/// page itself the scroll position is kept, so the reader stays where they clicked.
pub fn use_show_selection() -> impl Fn(&Selection) + Clone + Send + Sync + 'static {
    let show = use_navigate_home();
    move |selection: &Selection| show(selection, false)
}

/// A function that shows the home page with the current selection searching for `text`, as the
/// reader types: the first keystroke of a search makes a history entry, the next ones replace
/// it, so that "back" leaves the search rather than undoing it a letter at a time.
pub fn use_search_as_you_type() -> impl Fn(String) + Clone + Send + Sync + 'static {
    let selection = use_selection();
    let show = use_navigate_home();
    let pathname = use_location().pathname;
    let paths = use_site().paths;
    move |text: String| {
        let current = selection.get_untracked();
        let on_home = pathname.with_untracked(|p| paths.is_home(p));
        let replace = on_home && current.search_query().is_some();
        show(&current.with_search(&text), replace);
    }
}

/// Navigates to the home page with a selection, keeping the scroll position on the home page.
fn use_navigate_home() -> impl Fn(&Selection, bool) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    let paths = use_site().paths;
    move |selection: &Selection, replace: bool| {
        let on_home = pathname.with_untracked(|p| paths.is_home(p));
        navigate(
            &paths.home(selection),
            NavigateOptions {
                resolve: false,
                replace,
                scroll: !on_home,
                ..NavigateOptions::default()
            },
        );
    }
}

/// A function that toggles one entity in the current selection, from any page.
pub fn use_toggle_entity() -> impl Fn(&EntityId) + Clone + Send + Sync + 'static {
    let selection = use_selection();
    let show = use_show_selection();
    move |id: &EntityId| show(&selection.get_untracked().toggled(id))
}
