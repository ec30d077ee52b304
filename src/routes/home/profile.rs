//! The sidebar of a view shown before the whole site is there (a shared link to a filtered view,
//! a search): its counts are asked for once the view is painted and the sidebar is on screen (at
//! once on a wide screen; on a narrow one, where it is a drawer, once the drawer is opened or the
//! screen made wide). A phone following such a link fetches its cards' files only (40 KB brotli at
//! 100,000 articles, where the whole site is 5.5 MB and 148 MB of the app's memory:
//! docs/reader.md). A view of one entity of many articles reads them from that entity's profile
//! file, whose sidebar is the view's; others, and that one if it has none or it fails, from the
//! whole site.

use std::sync::Arc;

use kiosque_model::index::Corpus;
use kiosque_model::{EntityId, Selection};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::sidebar::{DRAWER_TOGGLE, Drawer, ProfileView};
use crate::data::SiteData;
use crate::dom::is_displayed;
use crate::paths::Paths;
use crate::search::SearchFiles;
use crate::site::SiteLoader;

/// The sidebar of the view of one entity's articles read from its profile file (the whole
/// site's counts, without the whole site), while the whole site is not there and the view is
/// still that entity's: set by [`ask_when_shown`].
pub(super) fn early_view(
    corpus: Signal<Arc<Corpus>>,
    selection: Memo<Selection>,
    viewed: RwSignal<Option<ProfileView>>,
) -> Memo<Option<ProfileView>> {
    Memo::new(move |_| {
        if corpus.with(|c| c.is_whole()) {
            return None;
        }
        let only = selection.with(|s| s.only_entity().cloned());
        viewed.get().filter(|(id, _)| only.as_ref() == Some(id))
    })
}

/// What asking for the sidebar's counts needs.
pub(super) struct WhenShown {
    pub drawer: Drawer,
    /// Whether the view, painted, wants the sidebar's counts.
    pub counts_asked: RwSignal<bool>,
    /// Whether the sidebar's counts are not yet the view's.
    pub pending: Signal<bool>,
    /// The entity of many articles the view shows alone, whose profile file has them.
    pub view_wanted: StoredValue<Option<EntityId>>,
    pub selection: Memo<Selection>,
    /// Where the profile file's answer goes.
    pub viewed: RwSignal<Option<ProfileView>>,
    pub site: Option<Arc<SiteData>>,
    pub paths: Paths,
    pub files: SearchFiles,
    pub loader: SiteLoader,
}

/// Asks for the sidebar's counts of a view shown before the whole site once they are wanted and
/// the sidebar is on screen: from the profile file of the entity it shows, else from the whole
/// site.
pub(super) fn ask_when_shown(shown: WhenShown) {
    let WhenShown {
        drawer,
        counts_asked,
        pending,
        view_wanted,
        selection,
        viewed,
        site,
        paths,
        files,
        loader,
    } = shown;
    let (site, paths) = (StoredValue::new(site), StoredValue::new(paths));
    let ask_if_shown = move || {
        let shown = move || drawer.is_open() || !is_displayed(DRAWER_TOGGLE);
        if !(counts_asked.get() && pending.get() && shown()) {
            return;
        }
        counts_asked.set(false);
        let (Some(id), Some(site)) = (view_wanted.get_value(), site.get_value()) else {
            loader.want_whole();
            return;
        };
        let paths = paths.get_value();
        spawn_local(async move {
            let view = match files.entity_view(&paths, &site, &id).await {
                Ok(view) => view,
                Err(error) => {
                    leptos::logging::warn!("{error}");
                    None
                }
            };
            // Only if the view is still this entity's: a late answer for an entity the reader
            // left would replace the current view's, whose own ask is done.
            // (The page may be gone.)
            if selection.try_with_untracked(|s| s.only_entity() == Some(&id)) != Some(true) {
                return;
            }
            match view {
                Some(view) => {
                    let _ = viewed.try_set(Some((id, Arc::new(view))));
                }
                // The whole site counts the view.
                None => loader.want_whole(),
            }
        });
    };
    Effect::new(move |_| ask_if_shown());
    if !cfg!(feature = "ssr") {
        let widened = window_event_listener(leptos::ev::resize, move |_| untrack(ask_if_shown));
        on_cleanup(move || widened.remove());
    }
}
