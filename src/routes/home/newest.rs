//! The first screen's next cards ("Show more" before the whole site, or coming back to the pages
//! of cards it showed): the card pages of the newest articles, whose corpus numbers and places
//! them as the whole site does; the whole site if they fail, or lack some of the articles they
//! should hold (a page that did not read).

use std::sync::Arc;

use kiosque_model::Selection;
use kiosque_model::index::Corpus;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::card::PAGE;
use crate::data::SiteData;
use crate::latest::Latest;
use crate::paths::Paths;
use crate::search::{Cards, SearchFiles, newest_cards};
use crate::site::SiteLoader;

/// What the first screen's next cards follow.
pub(super) struct Newest {
    pub corpus: Signal<Arc<Corpus>>,
    pub selection: Memo<Selection>,
    /// How many pages of cards the list shows.
    pub pages: RwSignal<usize>,
    /// The site's data, when it has card pages.
    pub card_pages: Option<Arc<SiteData>>,
    pub paths: Paths,
    pub files: SearchFiles,
    pub loader: SiteLoader,
}

/// Whether the page shows the first screen: every article, before the whole site is there.
pub(super) fn first_screen(
    corpus: Signal<Arc<Corpus>>,
    selection: Memo<Selection>,
) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || !corpus.with(|c| c.is_whole()) && selection.with(Selection::is_empty)
}

/// The cards of the first screen's next pages, while the first screen (every article, before
/// the whole site) shows more than `site.json` has: `None` otherwise.
pub(super) fn newest(asked: Newest) -> Memo<Option<Cards>> {
    let Newest {
        corpus,
        selection,
        pages,
        card_pages,
        paths,
        files,
        loader,
    } = asked;
    let newest = RwSignal::new(None::<Cards>);
    let first_screen = first_screen(corpus, selection);
    let runs = Latest::new();
    Effect::new(move |_| {
        // Let go once the whole site is there.
        if corpus.with(|c| c.is_whole()) && newest.with_untracked(Option::is_some) {
            newest.set(None);
        }
        let Some(site) = card_pages.clone().filter(|_| first_screen()) else {
            return;
        };
        let wanted = (pages.get() * PAGE).min(site.file.articles as usize);
        let have = newest
            .with(|n| n.as_ref().map(|n| n.0.articles().len()))
            .unwrap_or_else(|| corpus.with(|c| c.articles().len()));
        if wanted <= have {
            return;
        }
        let (paths, run) = (paths.clone(), runs.next());
        spawn_local(async move {
            match loader.or_whole(newest_cards(files, &paths, &site, wanted).await) {
                Some(cards) if cards.articles().len() < wanted => loader.want_whole(),
                Some(cards) if run.is_latest() => {
                    let _ = newest.try_set(Some(Cards(Arc::new(cards))));
                }
                _ => {}
            }
        });
    });
    Memo::new(move |_| newest.get().filter(|_| first_screen()))
}
