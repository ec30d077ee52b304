//! The home page: article cards filtered by the entities and the search in the URL, and the
//! entity sidebar counting over them.

use std::sync::Arc;

use kiosque_model::explain::explain_empty;
use kiosque_model::facets::{FacetCounts, matching};
use kiosque_model::home::selection_title;
use kiosque_model::index::{Corpus, begins_with};
use kiosque_model::refine::{Refined, choose_bar, refine};
use kiosque_model::search::Query;
use kiosque_model::selection::{Early, EarlyFiles};
use kiosque_model::ui::Failure;
use kiosque_model::{EntityId, Selection};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::card::{CardList, PAGE, focus_card_came_back_to};
use crate::components::export::{ExportLinks, PrepareExport};
use crate::components::field_facets::FieldFacets;
use crate::components::filter_bar::{ClearAll, FilterBar};
use crate::components::prerender::ReleasePrerender;
use crate::components::sidebar::{DRAWER_TOGGLE, Drawer, ProfileView, Sidebar, drawer_label};
use crate::components::states::ErrorView;
use crate::components::timeline::TimelineChart;
use crate::dom::{after_next_paint, focus_by_id, is_displayed};
use crate::language::{use_language, use_messages};
use crate::latest::Latest;
use crate::routes::corpus::{CorpusContext, use_corpus_signal, use_site_data_if_loaded};
use crate::search::{Cards, Found, has_card_pages, has_cards, has_postings, newest_cards};
use crate::selection::{
    ArticleList, remember_home_view, use_list_pages, use_list_read, use_selection,
    use_show_selection,
};
use crate::site::use_site;
use crate::title::use_title;

mod answer;
mod foot;

use answer::{Answers, Asked, Searched, answer, from_cards};
use foot::{Followed, Foot, FootView, follow_view};

/// Cards drawn in the frame of a change of the list: more than a screen holds. Also the
/// results whose card pages a view filtered by entities fetches first before the whole site is
/// loaded ([`crate::search::filter_cards`]), which a pre-rendered facet names
/// ([`crate::search::FacetFiles`]): its first results are its newest, mostly on the few small
/// pages of the newest articles.
pub(crate) const FIRST_FRAME_CARDS: usize = 8;

/// The results whose card pages a search fetches before it shows, before the whole site is
/// loaded ([`crate::search::search_cards`]), and then, as the reader nears the end of its list,
/// the rest of its first page a screenful at a time. A search's best results are spread over the
/// archive, a card
/// page each (128 cards, 11 to 26 KB brotli, at 100,000 articles), so it fetches what a screen
/// shows: a card is at least 213 px tall, and a laptop's window (800 px) shows two or three
/// under the search box, a 1080p one three or four, a phone one or two.
pub(crate) const SEARCH_SCREEN: usize = 4;

/// Lists longer than this count the sidebar's entities once they are painted when only the
/// search changed (a keystroke): counting tens of thousands of articles' entities would hold
/// back the frame that shows the list. A click (the selected entities change) counts at once.
const COUNT_AFTER_PAINT_ABOVE: usize = 5_000;

/// Why the list is empty, with a way out.
///
/// `refined_to_nothing`: the entities and search had articles, and the languages, sources or
/// period (counted over the whole site) kept none of them.
#[component]
fn EmptyResult(
    selection: Memo<Selection>,
    searched: Memo<Searched>,
    refined_to_nothing: Signal<bool>,
) -> impl IntoView {
    let corpus = use_corpus_signal();
    let language = use_language();
    let words = language.messages();
    move || {
        let current = selection.get();
        let corpus = corpus.get();
        let refined_message = || {
            refined_to_nothing
                .get()
                .then(|| words.no_article_field.to_owned())
        };
        let message = searched.with(|searched| match searched {
            Searched::Found(found) if found.articles.is_empty() => Some(language.no_search_match(
                current.search(),
                &found.unmatched,
                current.filters_entities(),
            )),
            Searched::Found(_) => refined_message(),
            Searched::Failed(_) | Searched::Searching | Searched::Waiting => None,
            Searched::Off => explain_empty(&corpus, &current)
                .map(|reason| language.empty_reason(&reason))
                .or_else(refined_message),
        })?;
        Some(view! {
            <div class="empty">
                <p>{message}</p>
                {(!current.is_empty())
                    .then(|| {
                        view! { <ClearAll text=words.clear_view /> }
                    })}
            </div>
        })
    }
}

/// Moves keyboard focus past the sidebar to the results (see the header's skip link for why
/// this is done by hand).
fn skip_to_results(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_by_id("results");
}

/// The home page. Its first screen (the first cards, the sidebar's first rows and its languages,
/// sources, years and timeline, the count) shows from `site.json` alone, and asks for nothing
/// more: the whole site (every summary page and entity part: 5.5 MB brotli at 100,000 articles) is
/// loaded once the reader asks for something only it has (the counts of a filter or a search,
/// languages, sources and periods, the entity finder, a group's next rows, the download of every
/// article). "Show more" does not need it: the next cards come with the card pages of the
/// newest articles. Nor do a search's and a filtered link's first results and their "Show
/// more", which come with their card pages (and their posting files): the whole site is asked
/// for once they are painted and the sidebar, whose counts need it, is on screen (on a phone,
/// once its drawer is opened). The same views render both, so nothing moves when the whole site
/// replaces the first screen.
#[component]
pub fn Home() -> impl IntoView {
    let corpus = use_corpus_signal();
    let selection = use_selection();
    // As many pages of cards as this view last showed in the visit (coming back to it), and
    // the card of the article whose way back led here brought into view, focused.
    let pages = use_list_pages();
    // And as many cards as it showed (a search's list grows as the reader reads down).
    let read = use_list_read();
    let read_before = (selection.get_untracked(), read.get_untracked());
    focus_card_came_back_to();
    let site = use_site();
    // Whether a search can show its first results before the whole site is there: with card
    // pages (and `site.json`: the native rendering of the pages has no search).
    let site_data = use_site_data_if_loaded().filter(|site| has_cards(site));
    let cards = site_data.is_some();
    // Whether a view filtered by entities can too: with posting files (a shared link to
    // `/?entity=…` needs its entities' files and card pages, not the whole site).
    let early_files = EarlyFiles {
        cards,
        postings: site_data.as_deref().is_some_and(has_postings),
    };
    // The foot of the view of every article, from `site.json` (schema 2.5) until the whole site
    // is there.
    let overview_foot = StoredValue::new(
        use_site_data_if_loaded()
            .and_then(|site| site.file.overview.as_ref().and_then(Foot::of_overview)),
    );
    let (paths, files, loader) = (site.paths.clone(), site.search, site.data);
    // The whole site once the view asks for more than the first screen: a filter or a search
    // (their counts, "Show more"), or more cards than a filtered view's first ("Show more", or
    // a way back to a view that showed them); at once when `site.json` has no overview that
    // reads (data of schema 2.4 and before): the foot's groups and timeline come only with it.
    // A view shown from card pages first (a search, entity filters) asks once its first
    // results are painted and the sidebar, whose counts need it, is on screen (below): asked
    // for with them, the whole site's first parts would compete with the files those results
    // wait for. The first screen's next cards come from
    // card pages (below).
    let complete_first_screen = overview_foot.with_value(Option::is_some);
    let card_pages = use_site_data_if_loaded().filter(|site| has_card_pages(site));
    let paged = card_pages.is_some();
    Effect::new(move |_| {
        let unshown = selection.with(|s| !s.is_empty() && !s.early(early_files).from_cards());
        // (The first screen's and those of views shown from card pages come from them.)
        let more = pages.get() > 1
            && !selection.with(|s| (paged && s.is_empty()) || s.early(early_files).from_cards());
        if !complete_first_screen || unshown || more {
            loader.want_whole();
        }
    });
    // The first screen's next cards ("Show more" before the whole site, or coming back to the
    // pages of cards it showed): the card pages of the newest articles, whose corpus numbers
    // and places them as the whole site does; the whole site if they fail, or lack some of the
    // articles they should hold (a page that did not read).
    let newest = RwSignal::new(None::<Cards>);
    let first_screen =
        move || !corpus.with(|c| c.is_whole()) && selection.with(Selection::is_empty);
    let newest_runs = Latest::new();
    let newest_paths = paths.clone();
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
        let (paths, run) = (newest_paths.clone(), newest_runs.next());
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
    let newest_shown = Memo::new(move |_| newest.get().filter(|_| first_screen()));
    // Whether the corpus can show the current view: the first screen shows only every article,
    // or, with the card pages, a search, and with the posting files too, entity filters (the
    // languages, sources and period wait for the whole site).
    let ready = Memo::new(move |_| {
        corpus.with(|c| c.is_whole()) || selection.with(|s| s.early(early_files) != Early::Whole)
    });
    // The articles that mention every selected entity, newest first (positions in the
    // corpus): the postings of the selected entities intersected, cheap enough to redo.
    let filtered = Memo::new(move |_| {
        if !ready.get() {
            return Vec::new();
        }
        if let Some(newest) = newest_shown.get() {
            return matching(&newest.0, &Selection::default());
        }
        corpus.with(|corpus| {
            selection.with(|s| {
                // Before the whole site, entity filters are the posting files' to answer.
                if from_cards(early_files, s, corpus.is_whole()) {
                    Vec::new()
                } else {
                    matching(corpus, s)
                }
            })
        })
    });
    let Answers {
        searched,
        answering,
        counts_asked,
        view_wanted,
    } = answer(Asked {
        selection,
        corpus,
        ready,
        filtered,
        early_files,
        site_data: site_data.clone(),
        pages,
        read_before,
        paths: paths.clone(),
        files,
        loader,
    });
    // The sidebar of a view of one entity's articles, once read from its profile file: the
    // whole site's counts, without the whole site.
    let viewed = RwSignal::new(None::<ProfileView>);
    // What the fetches made later need (a view's profile file).
    let later_paths = StoredValue::new(paths.clone());
    let later_site = StoredValue::new(site_data.clone());
    // The corpus the cards are drawn from: the card pages' of a view shown before the whole
    // site was loaded (a search, entity filters, the first screen's next cards), the page's
    // otherwise.
    let shown_from = Memo::new_with_compare(
        move |_| {
            searched.with(|searched| match searched {
                Searched::Found(Found {
                    cards: Some(cards), ..
                }) => cards.0.clone(),
                _ => newest_shown.get().map_or_else(|| corpus.get(), |n| n.0),
            })
        },
        |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
    );
    // Whether the sidebar's counts are not yet those of the view: a search shown from its card
    // pages counts its facets once the whole site is there.
    let counts_pending = Memo::new(move |_| {
        searched.with(|searched| matches!(searched, Searched::Found(Found { cards: Some(_), .. })))
            // A view to be shown from card pages, still waiting for them, or left to the whole
            // site: the site's counts meanwhile, not those of an empty list.
            || (!corpus.with(|c| c.is_whole()) && selection.with(|s| from_cards(early_files, s, false)))
    });
    // The view of the entities and the search, before the languages, sources and period.
    let found = Memo::new(move |_| {
        searched.with(|searched| match searched {
            Searched::Off => filtered.get(),
            Searched::Found(found) => found.articles.clone(),
            Searched::Searching | Searched::Failed(_) | Searched::Waiting => Vec::new(),
        })
    });
    // Whether the languages, sources, years and timeline can count the view: over the whole site
    // (a search shown from its card pages waits for it).
    let whole_view =
        Memo::new(move |_| corpus.with(|c| c.is_whole()) && ready.get() && !counts_pending.get());
    // The view narrowed by the languages, sources and period, and their counts: one pass.
    let refined = Memo::new(move |_| {
        if !whole_view.get() {
            return Refined::default();
        }
        corpus.with(|c| found.with(|f| selection.with(|s| refine(c, f, s))))
    });
    // Shared, not copied, with the last view that the article pages' previous and next follow.
    let visible = Memo::new(move |_| -> Arc<[u32]> {
        if selection.with(Selection::refines) {
            refined.with(|r| Arc::from(r.visible.as_slice()))
        } else {
            found.with(|f| Arc::from(f.as_slice()))
        }
    });
    let refined_to_nothing = Signal::derive(move || {
        whole_view.get()
            && selection.with(Selection::refines)
            && !found.with(Vec::is_empty)
            && visible.with(|v| v.is_empty())
    });
    // The cards of a new list: its first few in the frame of the change (a screenful), the
    // rest of its first page in the next one, so that a click or a keystroke paints at once.
    let released = RwSignal::new(Vec::<u32>::new());
    // The corpus of the list staged last.
    let staged_of = StoredValue::new(None::<Arc<Corpus>>);
    let staged = Memo::new(move |before: Option<&Vec<u32>>| {
        let of = shown_from.get();
        let staged = released.with(|released| {
            visible.with(|all| {
                // The first list is drawn whole: it is what the pre-rendered page shows (the
                // native rendering has no next frame), and it replaces that page in one frame.
                let first = before.is_none();
                // A list grown, in the same corpus or in another that places its articles
                // elsewhere (a search shown from card pages grown to its whole first page,
                // "Show more" from card pages, the whole site come after them).
                let grew = before.is_some_and(|b| {
                    !b.is_empty()
                        && staged_of.with_value(|before_of| {
                            before_of
                                .as_ref()
                                .is_some_and(|before_of| begins_with(&of, all, before_of, b))
                        })
                });
                if first || grew || all.len() <= FIRST_FRAME_CARDS || **all == **released {
                    all.to_vec()
                } else {
                    all[..FIRST_FRAME_CARDS].to_vec()
                }
            })
        });
        staged_of.set_value(Some(of));
        staged
    });
    Effect::new(move |_| {
        let cut = staged.with(Vec::len) < visible.with(|v| v.len());
        if cut {
            let all = visible.with_untracked(|v| v.to_vec());
            after_next_paint(move || released.set(all));
        }
    });
    // How many articles the list has in all: the site's count on the first screen. What the
    // count line says (a live region), from the list's first frame on.
    let total = Signal::derive(move || {
        let shown = visible.with(|v| v.len());
        searched.with(|searched| match searched {
            Searched::Off => corpus.with(|c| {
                if c.is_whole() {
                    shown
                } else {
                    c.total_articles()
                }
            }),
            // Narrowed by languages, sources or a period (over the whole site): what is shown.
            Searched::Found(_) if selection.with(Selection::refines) => shown,
            Searched::Found(found) => found.total.max(shown),
            _ => shown,
        })
    });
    // What "Show more" counts: every article of the view (a view shown from card pages shows
    // its next ones from more of them), once its first page is there.
    let more_total = Signal::derive(move || {
        // A new list's first frame, its first cards only, or a view shown from card pages
        // before the rest of its page is in (a search's comes as the reader reads down): no
        // "Show more" for the rest of that page, which comes next. Once "Show more" is pressed,
        // until its first cards are in, the list says they are loading.
        let (staged, shown) = (staged.with(Vec::len), visible.with(|v| v.len()));
        let page_in = searched.with(|s| match s {
            Searched::Found(found) => {
                let asked = pages.get() * PAGE;
                found.shown_results() + PAGE <= asked || !found.has_more_before(asked)
            }
            _ => true,
        });
        if staged < shown {
            staged
        } else if !page_in {
            shown
        } else {
            total.get()
        }
    });
    // The cards shown, kept for coming back to this view.
    Effect::new(move |_| {
        let shown = visible.with(|v| v.len()).min(pages.get() * PAGE);
        if read.get_untracked() != shown {
            read.set(shown);
        }
    });
    let marks = Signal::derive(move || {
        searched.with(|searched| match searched {
            Searched::Found(found) => Arc::clone(&found.terms),
            _ => Arc::from([]),
        })
    });
    // The article and entity pages' way back returns to this view, an article page's previous
    // and next follow its list and its body marks the words its search matched.
    // The first screen's view of every article is its first articles, numbered as in the whole
    // site: an article opened from it has its neighbours among them. A view shown from card
    // pages has them among its cards.
    remember_home_view(
        selection,
        Signal::derive(move || {
            let of = if whole_view.get() || first_screen() {
                newest_shown.get().map(|n| n.0)
            } else {
                Some(searched.with(|searched| match searched {
                    Searched::Found(Found {
                        cards: Some(cards), ..
                    }) => Some(Arc::clone(&cards.0)),
                    _ => None,
                })?)
            };
            Some(ArticleList {
                positions: visible.get(),
                of,
            })
        }),
        marks,
    );
    // Counted once for the sidebar and the drawer's label. While the whole site loads after a
    // click, or for the counts of a search shown from its card pages, the sidebar stays as it
    // was (and says so).
    // From the previous view's counts when few articles came or went (a keystroke narrowing a
    // search): the same counts, without counting every article shown again.
    // The view is read untracked: `recount` says when to count it again, in the frame of its
    // change or, for a keystroke over a long list, once the list is painted (the sidebar keeps
    // the previous view's counts meanwhile).
    let recount = RwSignal::new(());
    let counts = Memo::new(move |previous: Option<&FacetCounts>| {
        recount.track();
        corpus.with(|corpus| {
            // The first screen's next cards are another corpus's: its counts are the site's.
            if ready.get() && !counts_pending.get() && newest_shown.with(Option::is_none) {
                visible.with_untracked(|positions| FacetCounts::after(previous, corpus, positions))
            } else {
                FacetCounts::new(corpus, &matching(corpus, &Selection::default()))
            }
        })
    });
    let counting = Latest::new();
    Effect::new(move |before: Option<Vec<EntityId>>| {
        let long = visible.with(|v| v.len() > COUNT_AFTER_PAINT_ABOVE);
        let entities = selection.with(|s| s.entities().to_vec());
        let turn = counting.next();
        if long && before.as_ref() == Some(&entities) {
            after_next_paint(move || {
                if turn.is_latest() {
                    recount.set(());
                }
            });
        } else {
            recount.set(());
        }
        entities
    });
    // The sidebar of a view of one entity's articles from its profile file, while the whole
    // site is not there.
    let early_view = Memo::new(move |_| {
        if corpus.with(|c| c.is_whole()) {
            return None;
        }
        let only = selection.with(|s| s.only_entity().cloned());
        viewed.get().filter(|(id, _)| only.as_ref() == Some(id))
    });
    let entity_total = Memo::new(move |_| match early_view.get() {
        Some((_, view)) => view.distinct,
        None => counts.with(FacetCounts::distinct),
    });
    // The sidebar says its counts are not the view's yet: a search's shown from its card pages,
    // or a filtered view (a shared link) shown before the whole site is there, whose sidebar
    // counts the whole site meanwhile (unless its entity's profile file has them).
    let sidebar_pending = Signal::derive(move || {
        (counts_pending.get()
            || (!corpus.with(|c| c.is_whole()) && selection.with(|s| !s.is_empty())))
            && early_view.with(Option::is_none)
    });
    let drawer = Drawer::new();
    provide_context(drawer);
    // The sidebar's counts of a view shown before the whole site are asked for once the sidebar
    // is on screen: at once on a wide screen; on a narrow one, where it is a drawer, once the
    // drawer is opened or the screen made wide. A phone following a shared link to a filtered
    // view or a search fetches its cards' files only (40 KB brotli at 100,000 articles, where
    // the whole site is 5.5 MB and 148 MB of the app's memory: docs/reader.md).
    // A link to one entity of many articles asks for its profile file instead, whose sidebar
    // is the view's; the whole site if it has none or fails.
    let ask_if_shown = move || {
        let shown = move || drawer.is_open() || !is_displayed(DRAWER_TOGGLE);
        if !(counts_asked.get() && sidebar_pending.get() && shown()) {
            return;
        }
        counts_asked.set(false);
        let (Some(id), Some(site)) = (view_wanted.get_value(), later_site.get_value()) else {
            loader.want_whole();
            return;
        };
        let paths = later_paths.get_value();
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
    let language = use_language();
    // Named from the cards' corpus: a view shown before the whole site has its entities from
    // their posting files.
    let title =
        move || shown_from.with(|corpus| selection.with(|s| selection_title(language, corpus, s)));
    use_title(title);
    // The whole site failed to load: the first screen's cards stay, but no filter, "Show more"
    // or sidebar search can work, so the failure is said with or without a filter.
    let whole_failed = move || loader.whole().and_then(Result::err);
    let words = language.messages();
    let status = move || {
        if let Some(error) = whole_failed() {
            return language.failed(Failure::Articles, &error.message(language));
        }
        let status = searched.with(|searched| match searched {
            Searched::Waiting => words.loading_articles.to_owned(),
            Searched::Searching => words.searching.to_owned(),
            Searched::Failed(error) => language.failed(Failure::Search, &error.message(language)),
            Searched::Found(_) => language.results(
                total.get(),
                selection
                    .with(|s| s.search_query().map(|_| language.quote_search(s.search())))
                    .as_deref(),
            ),
            Searched::Off => language.results(total.get(), None),
        });
        // "contre", "the": the words the search leaves out are said, not silently dropped; and
        // a word being typed too short to be a prefix ("gu"), that it is a whole word.
        let query = selection.with(|s| Query::parse(s.search()));
        let notes = [
            language.ignored_words(query.ignored()),
            query
                .whole_word_only()
                .map(|word| language.whole_word_only(word)),
        ];
        notes
            .into_iter()
            .flatten()
            .fold(status, |status, note| format!("{status} — {note}"))
    };
    let busy = move || {
        (answering.get() || searched.with(|s| matches!(s, Searched::Waiting | Searched::Searching)))
            .then_some("true")
            .filter(|_| whole_failed().is_none())
    };
    // The whole site failed to load: say so under the cards, with a Retry.
    let failed = move || {
        whole_failed().map(|error| {
            view! {
                <ErrorView
                    what=use_messages().what_articles
                    part=true
                    error
                    retry=Callback::new(move |()| loader.retry())
                />
            }
        })
    };

    // The view's articles as CSV and JSON: once the whole site is there (a search shown from its
    // card pages has only its first results) and the view has articles.
    let exportable = Memo::new(move |_| {
        corpus.with(|c| c.is_whole())
            && ready.get()
            && !counts_pending.get()
            && visible.with(|v| !v.is_empty())
    });
    let export = move || {
        if exportable.get() {
            return Some(
                view! {
                    <ExportLinks
                        corpus=corpus.get_untracked()
                        articles=Signal::derive(move || visible.with(|v| v.to_vec()))
                        file=Signal::derive(move || selection.with(kiosque_model::export::file_name))
                    />
                }
                .into_any(),
            );
        }
        // Before the whole site: the first screen, and a view shown from card pages whose
        // sidebar is not on screen (a phone's closed drawer) or came from its entity's profile
        // file, which has not asked for it.
        let waiting_for_the_drawer = move || {
            (counts_asked.get() || early_view.with(Option::is_some))
                && searched.with(|s| matches!(s, Searched::Found(Found { cards: Some(_), .. })))
                && visible.with(|v| !v.is_empty())
        };
        (!corpus.with(|c| c.is_whole())
            && (first_screen() || waiting_for_the_drawer())
            && whole_failed().is_none()
            && !cfg!(feature = "ssr"))
        .then(|| view! { <PrepareExport /> }.into_any())
    };

    let FootView {
        fields,
        loading: loading_fields,
        chart,
    } = follow_view(Followed {
        whole_view,
        early_view,
        corpus,
        found,
        selection,
        refined,
        overview: overview_foot,
    });
    let show = use_show_selection();
    // Whether the next bar chosen extends the period (the chart's switch, kept as it redraws).
    let extending = RwSignal::new(false);
    let time = move || {
        if cfg!(feature = "ssr") {
            return None;
        }
        let Some((chart, selected)) = chart.get() else {
            // The whole site failed to load: no chart will come (the message under the cards
            // says why, with a Retry), so no "Loading" that would never end.
            if whole_failed().is_some() {
                return None;
            }
            return Some(
                view! {
                    <section class="timeline app-only" aria-labelledby="home-timeline-heading">
                        <h2 id="home-timeline-heading">{words.articles_over_time}</h2>
                        <p class="timeline-summary">{words.loading_articles}</p>
                    </section>
                }
                .into_any(),
            );
        };
        let show = show.clone();
        let bars = chart.clone();
        let on_select = Callback::new(move |(index, extend): (usize, bool)| {
            let next = choose_bar(&selection.get_untracked(), &bars, index, extend);
            show(&next);
            // The chart is drawn again: the focus goes back to the bar.
            if let Some(bin) = bars.bins.get(index) {
                let from = bin.from.clone();
                request_animation_frame(move || {
                    crate::dom::focus_matching("#home-timeline-bars button", "data-from", &from)
                });
            }
        });
        let title = words.articles_over_time.to_owned();
        Some(
            view! {
                <TimelineChart timeline=chart title id="home-timeline" selected on_select extending />
            }
            .into_any(),
        )
    };

    view! {
        <ReleasePrerender />
        <div class="home">
            <h1 class="home-heading">{words.articles}</h1>
            // The sidebar comes first, as on screen; this link lets keyboard users past it.
            <a class="skip-results" href="#results" on:click=skip_to_results>{words.skip_to_articles}</a>
            <button
                type="button"
                class="drawer-toggle"
                id=DRAWER_TOGGLE
                aria-controls="sidebar"
                aria-expanded=move || drawer.is_open().to_string()
                on:click=move |_| drawer.toggle()
                on:keydown=move |ev| drawer.on_keydown(&ev)
            >
                // No count while the sidebar's are not the view's.
                {move || {
                    if sidebar_pending.get() {
                        words.entities.to_owned()
                    } else {
                        drawer_label(language, entity_total.get())
                    }
                }}
            </button>
            <Sidebar counts selection drawer pending=sidebar_pending view=early_view>
                <FieldFacets refined=fields loading=loading_fields.into() />
                {time}
            </Sidebar>
            // Busy while the view's articles or search results are on their way.
            <div class="results" id="results" tabindex="-1" aria-busy=busy>
                // The filters' names from the corpus of the cards: a view shown before the whole
                // site has its entities from their posting files.
                <Provider value=CorpusContext(Signal::from(shown_from))>
                    <FilterBar />
                    <p class="result-count" id="results-count" role="status">{status}</p>
                    <CardList articles=Signal::from(staged) total=more_total marks pages />
                </Provider>
                {failed}
                <EmptyResult selection searched refined_to_nothing />
                {export}
            </div>
        </div>
    }
}
