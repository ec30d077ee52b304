//! The entity filter lives in the URL (`?entity=…`): reading it, and changing it by navigating,
//! so back/forward and shared links show the same view.

use kiosque_model::{EntityId, Selection};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::app::use_site;

/// The selection in the current URL.
pub fn use_selection() -> Memo<Selection> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| Selection::from_query(q.get_str(Selection::QUERY_KEY).unwrap_or_default()))
    })
}

/// A function that shows the home page with `selection`, as a new history entry. On the home
/// page itself the scroll position is kept, so the reader stays where they clicked.
pub fn use_show_selection() -> impl Fn(&Selection) + Clone + Send + Sync + 'static {
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    let paths = use_site().paths;
    move |selection: &Selection| {
        let home = paths.home(&Selection::default());
        let on_home = pathname.with_untracked(|p| *p == home || format!("{p}/") == home);
        navigate(
            &paths.home(selection),
            NavigateOptions {
                resolve: false,
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
