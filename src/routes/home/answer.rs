//! How the home page answers a view (its entity filters and its search): over the whole site
//! once it is there; before, from the card pages of its first results (a search's, found with the
//! search index's files; entity filters', found with their posting files), its first screenful
//! first, then the rest of its first page once that is painted and the reader paused (a search's
//! a screenful at a time, as the reader nears the end of its list), and the next ones on "Show
//! more". Each change of the view runs a task of its own; only the latest sets the
//! answer. A view its files cannot answer (an entity without articles, a file that failed) asks
//! for the whole site, which answers it. The page reads the outcome ([`Searched`]), whether an
//! answer is on its way (the results' busy mark), and, for a view shown before the whole site,
//! when the sidebar's counts are wanted.

use std::sync::Arc;
use std::time::Duration;

use futures::channel::oneshot;

use kiosque_model::index::Corpus;
use kiosque_model::parts::{VIEW_FROM, known_singles};
use kiosque_model::selection::{Early, EarlyFiles};
use kiosque_model::{EntityId, Selection};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{FIRST_FRAME_CARDS, SEARCH_SCREEN};
use crate::components::card::PAGE;
use crate::data::{AppError, SiteData};
use crate::dom::{after_next_paint, near_view};
use crate::latest::Latest;
use crate::paths::Paths;
use crate::search::SearchFiles;
use crate::search::{
    Cards, FIRST_RESULTS, FirstPage, Found, filter_cards, more_cards, search, search_cards,
};
use crate::site::SiteLoader;

/// How long a view shown from the card pages of its first screenful waits, once that
/// screenful is painted, before fetching the card pages of the rest of its first page (a
/// search's next screenful, once the reader nears the end of its list), and fetches them only if
/// the reader typed nothing meanwhile: a prefix typed past fetches no more.
/// Keys come every 150 to 300 ms to a reader typing 40 to 80 words a minute (five letters a
/// word), and a screenful takes longer than this to read; the 100,000-article benchmark's card
/// pages are 10 to 13 KB each (brotli), and the rest of a first page can need twenty of them.
const REST_PAUSE: Duration = Duration::from_millis(300);

/// The list of cards, whose end a search's next results wait for the reader to near.
const LIST_END: &str = "#results ol.cards";

/// How near the end of a search's list is when its next screenful's card pages are fetched: a
/// quarter of the window's height below it. A laptop (a card about 230 px tall, the list from
/// 270 px down) has its first screenful end just beyond; a phone (cards of about 540 px at 360
/// px wide), four screens down.
const NEAR_END: f64 = 0.25;

/// Waits until the next frame is painted, then `pause`.
async fn painted_and_paused(pause: Duration) {
    let (done, paused) = oneshot::channel();
    after_next_paint(move || {
        set_timeout(
            move || {
                let _ = done.send(());
            },
            pause,
        )
    });
    let _ = paused.await;
}

/// Where the search of the current view is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Searched {
    /// A filter or a search, before the whole site is loaded: nothing to show yet.
    Waiting,
    /// No search (nothing searchable typed, or a site without a search index): the entity
    /// filter alone decides.
    Off,
    /// The search index is being fetched.
    Searching,
    /// The search ran.
    Found(Found),
    /// The search index could not be read.
    Failed(AppError),
}

/// Whether the view `selection` is shown from card pages before the whole site is there
/// (`whole`: whether it is): a search, or entity filters (then their posting files say which
/// articles), on a site with the files `early`.
pub(super) fn from_cards(early: EarlyFiles, selection: &Selection, whole: bool) -> bool {
    !whole && selection.early(early).from_cards()
}

/// What a view is answered from.
pub(super) struct Asked {
    /// The view (the URL's).
    pub selection: Memo<Selection>,
    /// The corpus: the first screen until the whole site is there.
    pub corpus: Signal<Arc<Corpus>>,
    /// Whether the corpus can show the view.
    pub ready: Memo<bool>,
    /// The articles of the view's entities over the corpus (positions), when it answers them.
    pub filtered: Memo<Vec<u32>>,
    /// The files the site has that show a view before the whole site.
    pub early_files: EarlyFiles,
    /// `site.json`, when a search can show its first results before the whole site.
    pub site_data: Option<Arc<SiteData>>,
    /// How many pages of cards the view shows ("Show more").
    pub pages: RwSignal<usize>,
    /// The view the page opened at and how many of its cards the reader last had shown in this
    /// visit (coming back to it): shown again at once.
    pub read_before: (Selection, usize),
    /// Where the site is.
    pub paths: Paths,
    /// The search index's and card pages' files fetched so far.
    pub files: SearchFiles,
    /// The site data's loader: asked for the whole site when a view's files cannot answer it.
    pub loader: SiteLoader,
}

/// What the page reads of the answering.
pub(super) struct Answers {
    /// Where the view's answer is.
    pub searched: Memo<Searched>,
    /// Whether the view's search or filters are being answered (the answer shown meanwhile may
    /// be the last view's: a search typed on keeps it until its own comes).
    pub answering: RwSignal<bool>,
    /// Whether a view shown before the whole site has been painted and wants the sidebar's
    /// counts, which only the whole site gives.
    pub counts_asked: RwSignal<bool>,
    /// Of such a view, the entity of many articles it shows alone, whose profile file has the
    /// sidebar's counts (schema 2.8): asked for instead of the whole site.
    pub view_wanted: StoredValue<Option<EntityId>>,
}

/// Answers each view of the page as it changes.
pub(super) fn answer(asked: Asked) -> Answers {
    let Asked {
        selection,
        corpus,
        ready,
        filtered,
        early_files,
        site_data,
        pages,
        read_before,
        paths,
        files,
        loader,
    } = asked;
    let read_before = StoredValue::new(read_before);
    // The entities a view is shown from before the whole site, by their posting files.
    let early_entities = move |s: &Selection| match s.early(early_files) {
        Early::Entities(ids) => Some(ids.to_vec()),
        _ => None,
    };
    // Whether the search ran, and what it found: set by a task of its own for each change of
    // the view (rather than a resource: fewer bytes of the app, see docs/app-size.md), only
    // when no later change has started another. Over the whole site once it is loaded; before,
    // a search or entity filters run with the card pages of their first screenful of
    // results, then, once they are painted and the reader paused ([`REST_PAUSE`]), grows to its
    // whole first page with the card pages of the rest (a search, a screenful at a time as the
    // reader nears the end of its list: [`NEAR_END`]).
    let outcome = RwSignal::new(None::<(bool, Option<Result<Found, AppError>>)>);
    // (Described on the fields of [`Answers`].)
    let answering = RwSignal::new(false);
    let counts_asked = RwSignal::new(false);
    let view_wanted = StoredValue::new(None::<EntityId>);
    let runs = Latest::new();
    // What ends the wait of the view shown last for the reader to near the end of its list
    // (dropped by the next view, or with the page).
    let waiting = StoredValue::new(None::<oneshot::Sender<()>>);
    // The growth of a view shown from card pages (below): a change of the view makes its
    // fetches stale.
    let more_runs = Latest::new();
    // What its fetches need.
    let later_paths = StoredValue::new(paths.clone());
    let later_site = StoredValue::new(site_data.clone());
    // Whether the view still shows the answer whose cards are `cards` (what a later fetch of
    // more of its cards extends): not when another answer, or more of its cards, came since.
    let still_shows = move |cards: &Option<Cards>| {
        outcome.with_untracked(|o| matches!(o, Some((true, Some(Ok(now)))) if now.cards == *cards))
    };
    Effect::new(move |before: Option<Option<Vec<EntityId>>>| {
        let (text, filtering, entities) = selection.with(|s| {
            (
                s.search_query().map(str::to_owned),
                s.filters(),
                early_entities(s),
            )
        });
        let corpus = corpus.get();
        // Which of the entities are of a single article, by the cards shown (whose chip the
        // reader may have followed) or the first screen: read before the answer is let go.
        let singles = match (&entities, corpus.is_whole()) {
            (Some(ids), false) => outcome.with_untracked(|shown| {
                let cards = match shown {
                    Some((_, Some(Ok(found)))) => found.cards.as_ref().map(|cards| &*cards.0),
                    _ => None,
                };
                let known: Vec<&Corpus> = cards.into_iter().chain([&*corpus]).collect();
                known_singles(ids, &known)
            }),
            _ => Vec::new(),
        };
        // Other entities: the last answer is not this view's (a search typed on keeps it
        // until its own comes).
        if !corpus.is_whole() && before.is_some_and(|before| before != entities) {
            outcome.set(None);
        }
        let changed = entities.clone();
        let only = selection.with(|s| s.only_entity().cloned());
        let within = filtering.then(|| filtered.with(|positions| corpus.numbers_at(positions)));
        let (files, paths, site_data) = (files, paths.clone(), site_data.clone());
        let run = runs.next();
        more_runs.next();
        let asked = text.is_some() || filtering;
        answering.set(asked);
        spawn_local(async move {
            // The reader waits for this answer: the whole site's loading, if under way, lets
            // it go first.
            let urgent = asked.then(crate::data::urgent);
            // Asked before the whole site: answered from card pages, or by the whole site.
            let before_whole = asked && !corpus.is_whole();
            let found = match (text, site_data.clone()) {
                (Some(text), _) if corpus.is_whole() => (
                    true,
                    search(files, paths.clone(), corpus, text, within).await,
                ),
                (text, Some(site)) if !corpus.is_whole() && entities.is_some() => {
                    let wanted = move || run.is_latest();
                    let entities = entities.unwrap_or_default();
                    let found = filter_cards(
                        files,
                        paths.clone(),
                        site,
                        (entities, singles),
                        text,
                        FirstPage {
                            results: FIRST_RESULTS,
                            screen: FIRST_FRAME_CARDS,
                        },
                        wanted,
                    );
                    // No answer (an entity without articles, none in common), or a file that
                    // failed: the whole site, which holds the same, answers (and says why).
                    match found.await {
                        Some(Ok(found)) => (true, Some(Ok(found))),
                        Some(Err(error)) => {
                            leptos::logging::warn!("{error}");
                            (false, None)
                        }
                        None => (false, None),
                    }
                }
                (Some(text), Some(site)) if !filtering => {
                    let wanted = move || run.is_latest();
                    let found =
                        search_cards(files, paths.clone(), site, text, SEARCH_SCREEN, wanted);
                    (true, found.await)
                }
                _ => (corpus.is_whole(), None),
            };
            // The page may be gone, or the view changed since: then this is not its answer.
            if !run.is_latest() {
                return;
            }
            // Shown: its first results painted (a search whose files failed says so, and the
            // whole site answers it).
            let shown_early = matches!(found.1, Some(Ok(_)));
            // One entity of many articles, shown: its sidebar is in its profile file.
            let view_of = match (only, &found.1) {
                (Some(id), Some(Ok(shown)))
                    if (shown.cards.as_ref())
                        .and_then(|cards| cards.0.entity(&id))
                        .is_some_and(|e| e.articles >= VIEW_FROM) =>
                {
                    Some(id)
                }
                _ => None,
            };
            let _ = outcome.try_set(Some(found));
            let _ = answering.try_set(false);
            drop(urgent);
            // A view shown before the whole site needs it for the sidebar's counts only ("Show
            // more" comes from card pages): asked for once it is painted and the sidebar is on
            // screen (the page's `ask_if_shown`). One that could not be shown asks at once: the whole site answers
            // it.
            if before_whole {
                if shown_early {
                    painted_and_paused(Duration::ZERO).await;
                    if run.is_latest() {
                        let _ = view_wanted.try_set_value(view_of);
                        let _ = counts_asked.try_set(true);
                    }
                } else {
                    loader.want_whole();
                }
            }
        });
        changed
    });
    let searched = Memo::new(move |_| {
        if !ready.get() {
            return Searched::Waiting;
        }
        if selection.with(|s| !from_cards(early_files, s, corpus.with(|c| c.is_whole())))
            && selection.with(|s| s.search_query().is_none())
        {
            return Searched::Off;
        }
        match outcome.get() {
            // Entity filters alone load their articles; a search searches.
            None | Some((false, _)) if selection.with(|s| s.search_query().is_none()) => {
                Searched::Waiting
            }
            None | Some((false, _)) => Searched::Searching,
            Some((true, None)) => Searched::Off,
            Some((true, Some(Ok(found)))) => Searched::Found(found),
            Some((true, Some(Err(error)))) => Searched::Failed(error),
        }
    });
    // A view shown from card pages, before the whole site, grows to the results its pages of
    // cards list (its first page, then each "Show more"): the card pages of its next results;
    // the whole site if they fail or some did not read. The first page waits until its first
    // screenful is painted and the reader paused ([`REST_PAUSE`]: a prefix typed past fetches
    // no more). A filtered view's come at once (its results are its newest, on the few pages
    // of its screenful); a search's a screenful at a time, each once the reader nears the end
    // of the list ([`NEAR_END`]; its results are spread over the archive, a card page each:
    // the pages of a whole page of results are 160 KB brotli at 100,000 articles, for a phone
    // that shows one or two cards). Each step sets the answer, which runs this again for the
    // next.
    Effect::new(move |_| {
        let wanted = pages.get() * PAGE;
        // The last step's wait for the reader, if any, ends here.
        waiting.set_value(None);
        if corpus.with(|c| c.is_whole()) {
            return;
        }
        let found = searched.with(|s| match s {
            Searched::Found(found) if found.has_more_before(wanted) => Some(found.clone()),
            _ => None,
        });
        let (Some(found), Some(site)) = (found, later_site.get_value()) else {
            return;
        };
        let searching = selection.with_untracked(|s| s.search_query().is_some());
        // What comes at once: the cards the reader had shown, coming back to the view; the
        // first screenful of a page "Show more" asked for (or that of the last page shown,
        // coming back).
        let (shown, last_page) = (found.shown_results(), wanted - PAGE);
        let read = read_before.with_value(|(view, read)| {
            selection.with_untracked(|now| now == view).then_some(*read)
        });
        let at_once = read
            .unwrap_or(0)
            .max(if shown <= last_page {
                last_page + SEARCH_SCREEN
            } else {
                0
            })
            .min(wanted);
        let (stop_waiting, mut stop) = oneshot::channel();
        waiting.set_value(Some(stop_waiting));
        let (paths, run) = (later_paths.get_value(), more_runs.next());
        spawn_local(async move {
            let wait = searching && shown >= at_once;
            if wanted <= FIRST_RESULTS && (wait || !searching) {
                painted_and_paused(REST_PAUSE).await;
            }
            if wait && !near_view(LIST_END, NEAR_END, &mut stop).await {
                return;
            }
            if !run.is_latest() {
                return;
            }
            let count = match (searching, wait) {
                (false, _) => wanted,
                (true, false) => at_once,
                (true, true) => (shown + SEARCH_SCREEN).min(wanted),
            };
            let extended = found.cards.clone();
            let more = loader.or_whole(more_cards(files, &paths, &site, found, count).await);
            if let Some(more) = more.filter(|_| run.is_latest() && still_shows(&extended)) {
                if !more.is_whole_list() {
                    loader.want_whole();
                }
                let _ = outcome.try_set(Some((true, Some(Ok(more)))));
            }
        });
    });
    Answers {
        searched,
        answering,
        counts_asked,
        view_wanted,
    }
}
