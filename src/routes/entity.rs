//! The entity page: who or what it is, its spellings, the articles that mention it (with their
//! timeline and export) and the entities it appears with.

use std::sync::Arc;

use kiosque_model::cooccurrence::company;
use kiosque_model::display::quote_id;
use kiosque_model::index::Corpus;
use kiosque_model::parts::EntityProfile;
use kiosque_model::timeline::{Timeline, timeline_at};
use kiosque_model::ui::{Noun, What};
use kiosque_model::{Entity, EntityId, Label, Selection};
use leptos::Params;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params, use_query};
use leptos_router::params::Params;

use crate::components::back_link::BackLink;
use crate::components::card::{CardList, focus_card_came_back_to};
use crate::components::export::{ExportLinks, PrepareExport};
use crate::components::prerender::{self, ReleasePrerender};
use crate::components::states::LoadingCards;
use crate::components::states::NotFound;
use crate::components::timeline::TimelineChart;
use crate::data::SiteData;
use crate::language::use_language;
use crate::latest::Latest;
use crate::routes::corpus::{
    CorpusContext, WholeCorpus, use_corpus, use_corpus_signal, use_site_data_if_loaded,
};
use crate::search::{
    Found, NESTED_PAGE, entity_first_cards, has_postings, has_profiles, more_cards, single_profile,
};
use crate::selection::{ArticleList, remember_entity_list, use_list_pages};
use crate::site::use_site;
use crate::title::use_title;

/// The parameters of `/entity/:id` (an entity's own page), and the query of `/entity/?id=<id>`
/// (the shell page of any entity).
#[derive(Params, Debug, Clone, PartialEq)]
pub struct EntityParams {
    /// The entity's id (a URL with anything else is no entity's page).
    pub id: EntityId,
}

/// The page of the entity the URL names: in its path on the entity's own page
/// (`entity/<id>/`), in its query on the shell page that shows every other entity
/// (`entity/?id=<id>`, or `entity/index.html?id=<id>`); not-found when it names none the site has.
#[component]
pub fn EntityPage() -> impl IntoView {
    let params = use_params::<EntityParams>();
    let query = use_query::<EntityParams>();
    let id = Memo::new(move |_| {
        let id = |p: &Result<EntityParams, _>| p.as_ref().ok().map(|p| p.id.clone());
        params.with(id).or_else(|| query.with(id))
    });
    let loader = use_site().data;
    // Before the whole site, with posting files: the entity and its first articles from its
    // posting file and their card pages, and with profile files the whole page.
    let early = use_site_data_if_loaded().filter(|site| has_postings(site));
    // The shell page pre-renders no entity: the early page takes its place. An entity's own
    // page keeps its pre-rendered page, the whole page, until the early page is whole too (with
    // profile files) or the whole site is there.
    let shell = Memo::new(move |_| params.with(|p| p.is_err()));
    // The card to focus once shown, asked for by "Show more" on the page shown from its files:
    // kept here, where it outlives that page when the page over the whole site takes its place.
    provide_context(PendingFocus(RwSignal::new(None)));
    move || match (loader.whole(), early.clone()) {
        (None, Some(site))
            if shell.get() || !prerender::is_shown() || has_profiles(&site, true) =>
        {
            view! { <EntityEarly id site shell /> }.into_any()
        }
        _ => view! { <WholeCorpus><EntityOf id /></WholeCorpus> }.into_any(),
    }
}

/// The card an entity's page is to focus once shown (see [`CardList`]'s `pending_focus`).
#[derive(Clone, Copy)]
struct PendingFocus(RwSignal<Option<usize>>);

/// Asks the page shown from its files for its first `count` articles ("Show more" before the
/// whole site): their card pages are fetched, and the page is shown again with them.
#[derive(Clone, Copy)]
struct MoreCards(Callback<usize>);

/// The page of entity `id` before the whole site is loaded, from its files: its posting file
/// and the card pages of its newest articles, and its profile file (what the page shows besides
/// its articles: its spellings, the entities it appears with, its timeline; on the shell page,
/// among the files of single-article entities). With its profile,
/// the whole page ([`EntityView`]), which asks for the whole site only for the download of its
/// articles ("Show more" fetches the card pages of the next ones: [`MoreCards`]); without one
/// (data of schema 2.5, or 2.6 on the shell page; an entity the file lacks: the shell page
/// opened for an entity of several articles; a file that failed), its name, counts and
/// newest articles, and the whole site is asked for at once ([`EntityPage`] then shows
/// [`EntityOf`]). On the shell page (`shell`), or once it has its
/// profile, it takes the place of the pre-rendered page. Placeholders until then, and while the
/// entity is not found this way (no posting file lists it: the whole site says whether it
/// exists).
#[component]
fn EntityEarly(
    id: Memo<Option<EntityId>>,
    site: Arc<SiteData>,
    shell: Memo<bool>,
) -> impl IntoView {
    let context = use_site();
    let loader = context.data;
    let (files, paths) = (context.search, context.paths);
    // Without profiles the page needs the whole site: asked for at once. The shell page shows
    // the entities of a single article, whose profiles are files of their own (schema 2.7).
    let own_page = !shell.get_untracked();
    let profiled = has_profiles(&site, own_page);
    if !profiled {
        loader.want_whole();
    }
    // What was found, and for which entity: another entity's answer is never shown.
    let found = RwSignal::new(None::<(EntityId, Found, Option<EntityProfile>)>);
    let runs = Latest::new();
    // More of its articles, from their card pages; the whole site if they fail, or if the
    // cards shown lack some of those their pages were fetched for (a card page that did not
    // read).
    let more = {
        let (site, paths) = (Arc::clone(&site), paths.clone());
        Callback::new(move |count: usize| {
            let Some((of, shown, profile)) = found.get_untracked() else {
                return;
            };
            if !shown.has_more_before(count) {
                loader.want_whole();
                return;
            }
            let (site, paths, run) = (Arc::clone(&site), paths.clone(), runs.next());
            spawn_local(async move {
                let more = loader.or_whole(more_cards(files, &paths, &site, shown, count).await);
                if let Some(more) = more.filter(|_| run.is_latest()) {
                    let _ = found.try_set(Some((of, more, profile)));
                }
            });
        })
    };
    provide_context(MoreCards(more));
    Effect::new(move |_| {
        let run = runs.next();
        let Some(id) = id.get() else {
            loader.want_whole();
            return;
        };
        let (site, paths) = (Arc::clone(&site), paths.clone());
        spawn_local(async move {
            // Its newest articles, a page of them, and its profile, together.
            let newest = entity_first_cards(files, paths.clone(), Arc::clone(&site), id.clone());
            // Its profile, unless the page has none to ask for: a profile that fails or is not
            // there asks for the whole site at once, before its cards are in. On the shell page,
            // what the file of single-article entities holds of it, completed by its article's
            // body file once its card is in.
            let profile = async {
                if !profiled || !own_page {
                    return None;
                }
                let profile = files.entity_profile(&paths, &site, &id).await;
                let profile = profile.unwrap_or_else(|error| {
                    leptos::logging::warn!("{error}");
                    None
                });
                if profile.is_none() && run.is_latest() {
                    loader.want_whole();
                }
                profile
            };
            let single = async {
                if !profiled || own_page {
                    return None;
                }
                let single = files.entity_single(&paths, &site, &id).await;
                single.unwrap_or_else(|error| {
                    leptos::logging::warn!("{error}");
                    None
                })
            };
            let (newest, mut profile, single) =
                futures::future::join3(newest, profile, single).await;
            let shown = match newest {
                // Shown with the entity from its posting file, which the cards' corpus has.
                Some(Ok(shown))
                    if shown
                        .cards
                        .as_ref()
                        .is_some_and(|c| c.0.entity(&id).is_some()) =>
                {
                    Some(shown)
                }
                Some(Err(error)) => {
                    leptos::logging::warn!("{error}");
                    None
                }
                _ => None,
            };
            if let (Some(single), Some(shown)) = (single, &shown) {
                let made = single_profile(&single, shown, &id, paths, Arc::clone(&site)).await;
                profile = loader.or_whole(made).flatten();
            }
            if !run.is_latest() {
                return;
            }
            if shown.is_none() || profile.is_none() {
                loader.want_whole();
            }
            let shown = shown.map(|shown| (id, shown, profile));
            let _ = found.try_set(shown);
        });
    });
    move || {
        let shown = found.get().and_then(|(of, found, profile)| {
            let cards = found.cards?.0;
            let entity =
                id.with(|id| cards.entity(id.as_ref().filter(|id| **id == of)?).cloned())?;
            Some((entity, cards, found.articles, found.total, profile))
        });
        match shown {
            None => view! { <LoadingCards /> }.into_any(),
            Some((_, cards, articles, total, Some(profile))) => {
                let shown = EntityShown {
                    entity: profile.entity,
                    articles,
                    total,
                    company: profile.company,
                    timeline: profile.timeline,
                };
                view! {
                    <Provider value=CorpusContext(Signal::stored(cards))>
                        <EntityView shown />
                    </Provider>
                }
                .into_any()
            }
            Some((entity, cards, articles, total, None)) => {
                // More of its articles come with the whole site: a placeholder says so; none for
                // an entity whose articles are all shown.
                let more = (total > articles.len()).then(|| view! { <LoadingCards count=1 /> });
                view! {
                    {shell.get().then(|| view! { <ReleasePrerender /> })}
                    <article class="entity-page" aria-labelledby="entity-title">
                        {entity_header(&entity, total)}
                        <section class="entity-articles" aria-labelledby="entity-articles-heading">
                            {articles_heading(&entity)}
                            <Provider value=CorpusContext(Signal::stored(cards))>
                                <CardList articles=Signal::stored(articles) nested=true />
                            </Provider>
                            {more}
                        </section>
                    </article>
                }
                .into_any()
            }
        }
    }
}

/// The page of entity `id`, over the whole site (the articles that mention it, the entities it
/// appears with); not-found when there is no id or the site has no such entity.
#[component]
fn EntityOf(id: Memo<Option<EntityId>>) -> impl IntoView {
    let corpus = use_corpus();
    let language = use_language();
    move || {
        let Some(id) = id.get() else {
            let message = language.messages().bad_entity_address;
            return view! { <NotFound message=message.to_owned() /> }.into_any();
        };
        match corpus.entity(&id) {
            Some(entity) => {
                let shown = EntityShown::of(&corpus, entity.clone());
                view! { <EntityView shown /> }.into_any()
            }
            None => view! { <NotFound message=language.no_such(What::Entity, &quote_id(id.as_str())) /> }.into_any(),
        }
    }
}

/// What an entity's page shows: the entity, the articles that mention it, the first
/// [`COMPANY`](kiosque_model::cooccurrence::COMPANY) entities that are not dates listed as
/// appearing with it, and its timeline; of the whole site ([`EntityShown::of`]), or from its
/// files before the whole site is there. Made once per page, for the view ([`EntityView`]) and
/// for what `kiosque pages` keys the page by ([`EntityShown::made_of`]): ranking the listed
/// entities is most of a page's cost.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityShown {
    entity: Entity,
    /// Positions of the articles shown, as the corpus in context orders them: every article
    /// that mentions it over the whole site, its newest from its files.
    articles: Vec<u32>,
    /// How many articles mention it.
    total: usize,
    /// The entities listed with it, and how many articles each shares with it.
    company: Vec<(Entity, u32)>,
    /// Its articles over time.
    timeline: Timeline,
}

impl EntityShown {
    /// What the page of `entity` shows of `corpus`, the whole site.
    pub fn of(corpus: &Corpus, entity: Entity) -> EntityShown {
        let company = company(corpus, &entity.id)
            .into_iter()
            .map(|c| (c.entity.clone(), c.shared))
            .collect();
        let articles = corpus.positions_mentioning(&entity.id);
        EntityShown {
            timeline: timeline_at(corpus, &articles),
            total: articles.len(),
            articles,
            entity,
            company,
        }
    }

    /// The entity.
    #[cfg(feature = "ssr")]
    pub fn entity(&self) -> &Entity {
        &self.entity
    }

    /// What the page shows, as bytes: everything [`EntityView`] reads of `corpus` (the
    /// entity; how many articles mention it, the first cards' summaries, every one of their
    /// dates for the timeline; the entities listed with it, as the list shows them, and how
    /// often), so that `kiosque pages` renders the page again only when these bytes, or what
    /// every page shares, change. What the view reads of the corpus must be read here too: a
    /// test in `crates/kiosque-cli/tests/pages.rs` compares pages kept this way with a clean
    /// run.
    #[cfg(feature = "ssr")]
    pub fn made_of(&self, corpus: &Corpus) -> Vec<u8> {
        let cards: Vec<_> = self
            .articles
            .iter()
            .take(NESTED_PAGE)
            .map(|&p| corpus.article_at(p))
            .collect();
        // The timeline is drawn by the app alone today; its dates are part of the page's
        // inputs all the same, so that a page that pre-renders it is never left stale.
        let dates: Vec<Option<&str>> = self
            .articles
            .iter()
            .map(|&p| corpus.article_at(p).and_then(|a| a.published.as_deref()))
            .collect();
        // Of the entities listed with it, what the list shows (their other counts change
        // with every article that mentions them, and are not shown).
        let company: Vec<_> = self
            .company
            .iter()
            .map(|(e, shared)| {
                let own_page = kiosque_model::links::has_own_page(e);
                (&e.id, e.label, &e.name, &e.value, own_page, shared)
            })
            .collect();
        let entity = &self.entity;
        serde_json::to_vec(&(entity, self.articles.len(), cards, dates, company))
            .unwrap_or_default()
    }
}

/// An entity's page: what [`EntityShown`] says it shows, its articles from the corpus in
/// context. Over the whole site, its articles' download and every page of them; before it (an
/// entity shown from its files), a button that asks for the whole site for the download, and
/// "Show more" fetches the card pages of its next articles ([`MoreCards`]).
#[component]
pub(crate) fn EntityView(shown: EntityShown) -> impl IntoView {
    let EntityShown {
        entity,
        articles,
        total,
        company,
        timeline,
    } = shown;
    let corpus = use_corpus_signal();
    let whole = corpus.with_untracked(|c| c.is_whole().then(|| Arc::clone(c)));
    let language = use_language();
    let words = language.messages();
    let name = language.entity_name(&entity).into_owned();
    let paths = use_site().paths;
    let header = entity_header(&entity, total);
    let company: Vec<_> = company
        .iter()
        .map(|(other, shared)| {
            view! {
                <li>
                    <a class=format!("entity-link entity-{}", other.label.id_prefix()) href=paths.entity(other)>
                        // The type is read out from the marker's alternative text (style).
                        <span class="marked"><bdi>{language.entity_name(other).into_owned()}</bdi></span>
                        <span class="company-count">
                            {language.count(*shared as usize, Noun::Article)}
                        </span>
                    </a>
                </li>
            }
        })
        .collect();
    let company = (!company.is_empty()).then(|| {
        view! {
            <section class="entity-company" aria-labelledby="entity-company-heading">
                <h2 id="entity-company-heading">{words.often_with}</h2>
                <p class="company-order">{words.often_with_order}</p>
                <ul class="entity-links">{company}</ul>
            </section>
        }
    });
    // An article opened from this page goes back to it, and follows its list (the cards shown,
    // before the whole site is there); coming back, the cards the reader had opened are shown
    // again, the article's card focused.
    remember_entity_list(
        paths.entity(&entity),
        name.clone(),
        ArticleList {
            positions: Arc::from(articles.as_slice()),
            of: corpus.with_untracked(|c| (!c.is_whole()).then(|| Arc::clone(c))),
        },
    );
    let pages = use_list_pages();
    let pending_focus =
        use_context::<PendingFocus>().map_or_else(|| RwSignal::new(None), |kept| kept.0);
    focus_card_came_back_to();
    // Before the whole site, more of its articles than it shows come from their card pages
    // (the page is shown again with them), or with the whole site.
    let loader = use_site().data;
    if whole.is_none() {
        let (more, shown) = (use_context::<MoreCards>(), articles.len());
        Effect::new(move |_| {
            let wanted = pages.get() * NESTED_PAGE;
            if wanted > shown && shown < total {
                match more {
                    Some(MoreCards(more)) => more.run(wanted),
                    None => loader.want_whole(),
                }
            }
        });
    }
    let export = match whole {
        // Drawn by the app alone, after what the pre-rendered page shows: nothing moves when
        // the app takes its place (docs/rendering.md).
        Some(corpus) => view! {
            <ExportLinks corpus articles=Signal::stored(articles.clone()) file=format!("kiosque-{}", entity.id.as_str()) />
        }
        .into_any(),
        None => view! { <PrepareExport /> }.into_any(),
    };
    view! {
        <ReleasePrerender />
        <article class="entity-page" aria-labelledby="entity-title">
            {header}
            {company}
            <section class="entity-articles" aria-labelledby="entity-articles-heading">
                {articles_heading(&entity)}
                <CardList articles=Signal::stored(articles) total=Signal::stored(total) nested=true pages pending_focus />
                {export}
            </section>
            <TimelineChart timeline title=words.mentions_over_time.to_owned() id="entity-timeline" />
        </article>
    }
}

/// The head of an entity's page, of `articles` articles: its type, name, date, spellings and
/// counts, and the link to the home page filtered by it; it names the page (its title).
fn entity_header(entity: &Entity, articles: usize) -> impl IntoView + use<> {
    let language = use_language();
    let words = language.messages();
    let name = language.entity_name(entity).into_owned();
    let title = name.clone();
    use_title(move || title.clone());
    let paths = use_site().paths;
    // For dates, the full day with its weekday: "Mon 6 January 2025".
    let date = entity
        .value
        .clone()
        .filter(|_| entity.label == Label::Date)
        .and_then(|value| language.date(&value).map(|shown| (value, shown)))
        .map(|(value, shown)| view! { <p class="entity-date-value"><time datetime=value>{shown}</time></p> });
    // Each spelling isolated: one with a right-to-left override must not reorder the others.
    let aliases = (!entity.aliases.is_empty()).then(|| {
        let spellings = entity
            .aliases
            .iter()
            .enumerate()
            .map(|(i, alias)| view! { {(i > 0).then_some(", ")} <bdi>{alias.clone()}</bdi> })
            .collect_view();
        view! { <p class="aliases">{language.colon(words.also_written)} " " {spellings}</p> }
    });
    let filter_link = paths.home(&Selection::default().toggled(&entity.id));
    view! {
        <header class="entity-header">
            <BackLink />
            <p class=format!("kicker entity-{}", entity.label.id_prefix())>{language.label_singular(entity.label)}</p>
            <h1 id="entity-title">{name.clone()}</h1>
            {date}
            {aliases}
            <p class="entity-stats">
                {language.mentioned(entity.mentions as usize, articles)}
            </p>
            <p>
                <a class="filter-link" href=filter_link>
                    {words.filter_home_by} " " <bdi>{name}</bdi>
                </a>
            </p>
        </header>
    }
}

/// The heading of an entity's list of articles.
fn articles_heading(entity: &Entity) -> impl IntoView + use<> {
    let language = use_language();
    let name = language.entity_name(entity).into_owned();
    view! {
        <h2 id="entity-articles-heading">{language.messages().articles_mentioning} " " <bdi>{name}</bdi></h2>
    }
}
