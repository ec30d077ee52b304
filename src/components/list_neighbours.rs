//! An article page's previous and next articles in the list the reader came from (the home
//! page's view: its filters, search and period), by [`kiosque_model::home::neighbours`].

use std::sync::Arc;

use kiosque_model::home::neighbours;
use leptos::prelude::*;

use crate::language::use_language;
use crate::search::{Found, entity_first_cards};
use crate::selection::{ArticleList, take_entity_list_wanted, use_last_list};
use crate::site::use_site;

/// Links to the articles shown before and after article `id` in the last list it was opened
/// from (of the whole site, of the first screen when the list is its first articles, or of the
/// card pages the list was shown from):
/// nothing when the reader did not come from one that holds it (an article opened directly,
/// and the pre-rendered pages).
#[component]
pub fn ListNeighbours(id: String) -> impl IntoView {
    if cfg!(feature = "ssr") {
        return None::<AnyView>;
    }
    let site = use_site();
    list_of_the_entity_opened_from();
    let (loader, paths) = (site.data, site.paths);
    let list = use_last_list();
    let language = use_language();
    let words = language.messages();
    let view = move || {
        // The card pages' corpus of a list shown from them; otherwise the whole site, or the
        // first screen's articles (a list of every article shown before the whole site is its
        // first articles, numbered as there).
        let list = list.get()?;
        let whole = match (list.of, loader.whole()) {
            (Some(cards), _) => cards,
            (None, Some(Ok(whole))) => whole,
            _ => Arc::clone(&loader.site()?.ok()?.first),
        };
        let list = list.positions;
        let current = whole
            .numbers_of([id.as_str()])
            .first()
            .and_then(|&n| whole.position_of_number(n))?;
        let (before, after) = neighbours(&list, current)?;
        let link = |position: Option<u32>, rel: &'static str, word: &'static str| {
            let article = position.and_then(|p| whole.article_at(p))?;
            Some(view! {
                <a class=format!("list-{rel}") rel=rel href=paths.article(&article.id)>
                    <span class="list-word">{word}</span>
                    " "
                    <span lang=language.lang_of(article.lang.as_deref())>{article.title.clone()}</span>
                </a>
            })
        };
        let (before, after) = (
            link(before, "prev", words.previous_article),
            link(after, "next", words.next_article),
        );
        (before.is_some() || after.is_some()).then(|| {
            view! {
                <nav class="list-neighbours app-only" aria-label=words.in_the_list>
                    {before}
                    {after}
                </nav>
            }
        })
    };
    Some(view.into_any())
}

/// For an article page loaded by a card's link on an entity's pre-rendered page
/// ([`take_entity_list_wanted`]): the list it follows is that entity's first page of cards, the
/// list its page showed, from its posting file and their card pages once `site.json` is there.
fn list_of_the_entity_opened_from() {
    let Some(wanted) = take_entity_list_wanted() else {
        return;
    };
    let (site, language) = (use_site(), use_language());
    let loader = site.data;
    let mut wanted = Some(wanted);
    Effect::new(move |_| {
        let Some(Ok(data)) = loader.site() else {
            return;
        };
        let Some(wanted) = wanted.take() else {
            return;
        };
        let (files, paths, entity) = (site.search, site.paths.clone(), wanted.entity.clone());
        leptos::task::spawn_local(async move {
            let cards = match entity_first_cards(files, paths, data, entity.clone()).await {
                Some(Ok(Found {
                    articles,
                    cards: Some(cards),
                    ..
                })) => Some((articles, cards.0)),
                Some(Err(error)) => {
                    leptos::logging::warn!("{error}");
                    None
                }
                _ => None,
            };
            // Without it, the way back still leads to the entity's page.
            let Some((articles, cards)) = cards else {
                return;
            };
            let Some(shown) = cards.entity(&entity) else {
                return;
            };
            let name = language.entity_name(shown).into_owned();
            let list = ArticleList {
                positions: Arc::from(articles),
                of: Some(Arc::clone(&cards)),
            };
            wanted.found(name, list);
        });
    });
}
