//! Article cards and the paged list of them.

use std::sync::Arc;

use kiosque_model::article_view::card_chips;
use kiosque_model::display::isolate;
use kiosque_model::index::{Corpus, begins_with};
use kiosque_model::{ArticleSummary, EntityId};
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::marked::Marked;
use crate::components::meta_line::MetaLine;
use crate::dom::focus_selector;
use crate::language::use_language;
use crate::routes::corpus::{use_corpus, use_corpus_signal};
use crate::search::NESTED_PAGE;
use crate::selection::{use_open_from_list, use_selection, use_toggle_entity};
use crate::site::use_site;

/// How many cards are painted at first, and added by "show more": a browser cannot paint
/// thousands of cards at once.
pub(crate) const PAGE: usize = 30;

/// How many entity chips a card shows.
const CHIPS: usize = 5;

/// One article's card: title link, facts, excerpt and its main entities as filter toggles.
#[component]
pub fn Card(
    summary: ArticleSummary,
    /// Under a section heading (an entity page's list): the title is an `<h3>`, and the card
    /// has no entity chips (the page lists the entities mentioned with its entity; five buttons
    /// a card would more than double the size of every pre-rendered entity page).
    #[prop(optional)]
    nested: bool,
    /// The words a search matched, marked in the title and the excerpt.
    #[prop(optional)]
    marks: Option<Signal<Arc<[String]>>>,
) -> impl IntoView {
    let marks = marks.unwrap_or_else(|| Signal::stored(Arc::from([])));
    let corpus = use_corpus();
    let paths = use_site().paths;
    let selection = use_selection();
    let language = use_language();
    let words = language.messages();
    let lang = language.lang_of(summary.lang.as_deref());
    let link = view! { <a href=paths.article(&summary.id) lang=lang.clone()><Marked text=summary.title.clone() terms=marks /></a> };
    let title = if nested {
        Either::Left(view! { <h3 class="card-title">{link}</h3> })
    } else {
        Either::Right(view! { <h2 class="card-title">{link}</h2> })
    };
    // The view's filtered entities first (as the view was when the card was made): the card
    // says why it is listed.
    // The chips' clicks go to the list's one listener (see [`on_click`]): a click builds and
    // drops dozens of cards, and with them their listeners.
    let chips = (!nested)
        .then(|| selection.with_untracked(|s| card_chips(&corpus, &summary, CHIPS, s.entities())));
    let chips = chips.map(|chips| {
        let chips = chips
            .into_iter()
            .map(|entity| {
                let id = entity.id.clone();
                let pressed = move || selection.with(|s| s.contains(&id)).to_string();
                view! {
                    <li>
                        <button
                            type="button"
                            class=format!("chip chip-{}", entity.label.id_prefix())
                            data-entity=entity.id.to_string()
                            aria-pressed=pressed
                            title=language.filter_by(&isolate(&language.entity_name(entity)))
                        >
                            <bdi>{language.entity_name(entity).into_owned()}</bdi>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="chips" aria-label=words.main_entities>{chips}</ul> }
    });
    view! {
        <article class="card" data-article-id=summary.id.clone()>
            {title}
            <MetaLine summary=summary.clone() />
            <p class="card-excerpt" lang=lang><Marked text=summary.excerpt.clone() terms=marks /></p>
            {chips}
        </article>
    }
}

/// Brings the card of the article the reader came back from (by its page's way back, or the
/// browser's back or forward) into view, focused, once it is drawn: a list shown again after
/// a search or a load may take a while.
pub fn focus_card_came_back_to() {
    let came_back_from = crate::selection::use_came_back_from();
    Effect::new(move |_| {
        let came_back_from = came_back_from.clone();
        request_animation_frame(move || {
            if let Some(article) = came_back_from() {
                crate::dom::focus_when_drawn(
                    format!("article.card[data-article-id='{article}'] .card-title a"),
                    120,
                );
            }
        });
    });
}

/// The cards of `articles` (positions in the corpus, in order), a page at a time; the count
/// of pages shown goes back to one whenever the list changes, unless it grew (the first screen's
/// cards completed by the whole site) or it is shown for the first time. Cards are keyed by
/// article: an article still shown after a change keeps its card.
#[component]
pub fn CardList(
    articles: Signal<Vec<u32>>,
    /// How many articles the list has in all, when `articles` is only its first page (the
    /// first screen): "Show more" counts them, and shows them once they are loaded.
    #[prop(optional, into)]
    total: Option<Signal<usize>>,
    #[prop(optional)] nested: bool,
    /// The words a search matched, marked in the cards.
    #[prop(optional)]
    marks: Option<Signal<Arc<[String]>>>,
    /// How many pages are shown, when the caller keeps it (the home page, for coming back):
    /// kept as it is when the list is first shown.
    #[prop(optional)]
    pages: Option<RwSignal<usize>>,
    /// The card to focus once shown (after "Show more" while the list was incomplete), when
    /// the caller keeps it: an entity's page shown from its files hands it to the page over
    /// the whole site that takes its place.
    #[prop(optional)]
    pending_focus: Option<RwSignal<Option<usize>>>,
) -> impl IntoView {
    let marks = marks.unwrap_or_else(|| Signal::stored(Arc::from([])));
    let total = total.unwrap_or_else(|| Signal::derive(move || articles.with(Vec::len)));
    let page = if nested { NESTED_PAGE } else { PAGE };
    let language = use_language();
    let corpus = use_corpus_signal();
    let pages = pages.unwrap_or_else(|| RwSignal::new(1));
    let loader = crate::site::use_site().data;
    // The card to focus once it is shown, after "show more" while the list was incomplete.
    let pending_focus = pending_focus.unwrap_or_else(|| RwSignal::new(None::<usize>));
    // The list as last seen, and the corpus it was of; none until it has had articles: its
    // first articles are not a change (the pages a caller kept stay).
    let before = StoredValue::new(None::<(Vec<u32>, Arc<Corpus>)>);
    Effect::watch(
        move || articles.track(),
        move |_, _, _| {
            let now_of = corpus.get_untracked();
            let grew = articles.with_untracked(|now| {
                before.with_value(|old| match old {
                    None => true,
                    Some((old, old_of)) => {
                        !old.is_empty()
                            && now.len() > old.len()
                            && begins_with(&now_of, now, old_of, old)
                    }
                })
            });
            if grew {
                if let Some(card) = pending_focus.get_untracked() {
                    pending_focus.set(None);
                    request_animation_frame(move || focus_card(card));
                }
            } else {
                pages.set(1);
                pending_focus.set(None);
            }
            let now = articles.get_untracked();
            if before.with_value(Option::is_some) || !now.is_empty() {
                before.set_value(Some((now, now_of)));
            }
        },
        true,
    );
    let shown = move || {
        articles.with(|articles| {
            articles
                .iter()
                .take(pages.get() * page)
                .copied()
                .collect::<Vec<_>>()
        })
    };
    let remaining = move || {
        let shown = articles.with(Vec::len).min(pages.get() * page);
        total.get().saturating_sub(shown)
    };
    let toggle = use_toggle_entity();
    let open = use_open_from_list();
    view! {
        <ol class="cards" on:click=move |ev| on_click(&ev, &toggle, &open)>
            <For
                each=shown
                // By article, not by position: a search shown from its card pages numbers its
                // articles otherwise than the page's corpus (the same position is another
                // article), and an article still shown keeps its card.
                key=move |position: &u32| {
                    corpus
                        .with_untracked(|c| c.article_at(*position).map(|a| a.id.clone()))
                        .unwrap_or_else(|| format!("#{position}"))
                }
                children=move |position: u32| {
                    corpus
                        .with_untracked(|corpus| corpus.article_at(position).cloned())
                        .map(|summary| {
                            view! {
                                <li>
                                    <Card summary nested marks=marks />
                                </li>
                            }
                        })
                }
            />
        </ol>
        {move || {
            // "Show more" asked for cards not loaded yet (the first screen's list, the whole
            // site on its way): said, until they come (or the page says why they will not).
            let waiting = articles.with(Vec::len) < total.get().min(pages.get() * page)
                && !matches!(loader.whole(), Some(Err(_)));
            waiting.then(|| {
                view! { <p class="hint cards-loading" role="status">{language.messages().loading_articles}</p> }
            })
        }}
        {move || {
            let left = remaining();
            (left > 0)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="show-more"
                            on:click=move |_| {
                                // Focus the first new card's link: the button is redrawn, and the
                                // reader wants to continue from there (once it is loaded).
                                let first_new = articles.with_untracked(Vec::len)
                                    .min(pages.get_untracked() * page) + 1;
                                pages.update(|p| *p += 1);
                                if articles.with_untracked(Vec::len) < first_new {
                                    pending_focus.set(Some(first_new));
                                } else {
                                    request_animation_frame(move || focus_card(first_new));
                                }
                            }
                        >
                            {language.show_more_cards(left.min(page), left)}
                        </button>
                    }
                })
        }}
    }
}

/// The list's one listener: toggles the entity of the card chip clicked, if the click was on
/// one; notes that the list is the one an article is opened from, if it was on a card's link.
fn on_click(ev: &leptos::ev::MouseEvent, toggle: &impl Fn(&EntityId), open: &impl Fn()) {
    let target = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    let closest = |selector: &str| {
        target
            .as_ref()
            .and_then(|target| target.closest(selector).ok().flatten())
    };
    if closest(".card-title a").is_some() {
        open();
        return;
    }
    if let Some(id) = closest("button.chip")
        .and_then(|chip| chip.get_attribute("data-entity"))
        .and_then(|id| EntityId::new(id).ok())
    {
        toggle(&id);
        // The chip's card may leave the list: then the same entity's chip in another card
        // (pressed now), or the results.
        let chip = id.to_string();
        crate::dom::when_focus_lost(move || {
            crate::dom::focus_matching("article.card button.chip", "data-entity", &chip);
            if crate::dom::focus_is_lost() {
                crate::dom::focus_by_id("results");
            }
        });
    }
}

/// Focuses the link of the `nth` card (from 1).
fn focus_card(nth: usize) {
    let _ = focus_selector(&format!("ol.cards > li:nth-child({nth}) .card-title a"));
}
