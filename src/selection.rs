//! The search, the entity filter, the languages, sources and period live in the URL
//! (`?q=…&entity=…&lang=…&source=…&from=…&to=…`): reading it, and changing it by navigating, so
//! back/forward and shared links show the same view.

use std::collections::HashMap;
use std::sync::Arc;

use kiosque_model::index::Corpus;
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

/// The page of the list of articles the reader last saw in this visit.
#[derive(Clone, Debug, PartialEq)]
pub enum ListPage {
    /// The home page, in its last view.
    Home,
    /// An entity's page: its address and its name.
    Entity { href: String, name: String },
}

/// The articles a list shows, in its order: positions in the whole site (or in the first
/// screen's articles, numbered as there), or in the corpus of the card pages it was shown from
/// before the whole site was there.
#[derive(Clone)]
pub struct ArticleList {
    pub positions: Arc<[u32]>,
    /// The corpus of card pages the positions are in; `None`: the whole site.
    pub of: Option<Arc<Corpus>>,
}

/// A list of articles as its page shows it: the page, its articles (`None` when they are not
/// known yet), and the words its search matched.
#[derive(Clone)]
struct ShownList {
    page: ListPage,
    list: Option<ArticleList>,
    marks: Arc<[String]>,
}

impl ShownList {
    /// The list of an entity's page at `href`, of the entity named `name`.
    fn of_entity(href: String, name: String, list: ArticleList) -> ShownList {
        ShownList {
            page: ListPage::Entity { href, name },
            list: Some(list),
            marks: Arc::from([]),
        }
    }
}

/// The home page's last view in this visit: its filters, search and period, which the article
/// and entity pages' way back returns to; the list of articles the reader last opened an
/// article from (the home page's or an entity page's), which an article page's previous and
/// next follow and its way back returns to (the list a page shows is kept as it is shown, and
/// becomes that list when one of its cards is opened: a page visited from an article, such as
/// the entity page of a mention, does not change the list of that article when the reader
/// comes back to it); how many pages of cards each list showed; and which article page the
/// reader left last.
#[derive(Clone, Copy)]
struct LastList {
    selection: RwSignal<Selection>,
    /// The list of the page shown now, if it shows one.
    shown: StoredValue<Option<ShownList>>,
    /// The list an article was last opened from: its page, which the article page's way back
    /// returns to, its positions, which its previous and next follow, and the words its search
    /// matched, which it marks.
    opened: RwSignal<Option<ShownList>>,
    /// The entity whose first page of cards is the list an article page loaded from its
    /// pre-rendered page follows, until the article page asks for it.
    entity_wanted: RwSignal<Option<EntityId>>,
    /// Pages of cards shown, by the address of the list's page (path and query).
    pages: StoredValue<HashMap<String, usize>>,
    /// Cards shown, by the address of the list's page: a list that grows as the reader reads
    /// down (a search shown from card pages) shows them again at once when come back to.
    read: StoredValue<HashMap<String, usize>>,
    /// The article whose page the reader left last, and whether by its way back: its card is
    /// brought back into view when the list is reached by the way back or by the browser's
    /// back or forward.
    left: RwSignal<Option<(String, bool)>>,
    /// The address the browser's back or forward last went to.
    traversed_to: RwSignal<Option<String>>,
}

/// Provides the selection of the current URL to the views under the router.
pub fn provide_selection() {
    provide_context(Current(selection_of_url()));
    let traversed_to = RwSignal::new(None);
    let opened = RwSignal::new(None);
    let entity_wanted = RwSignal::new(None);
    provide_context(LastList {
        selection: RwSignal::new(Selection::default()),
        shown: StoredValue::new(None),
        opened,
        entity_wanted,
        pages: StoredValue::new(HashMap::new()),
        read: StoredValue::new(HashMap::new()),
        left: RwSignal::new(None),
        traversed_to,
    });
    // In the browser only (nothing to listen to when pre-rendering): for as long as the app.
    if !cfg!(feature = "ssr") {
        entity_wanted.set(opened_from_a_pre_rendered_list(opened));
        let listener = window_event_listener(leptos::ev::popstate, move |_| {
            traversed_to.set(Some(crate::dom::address()));
        });
        std::mem::forget(listener);
    }
}

/// The pre-rendered list page an article page was loaded from by one of its links (its links
/// are page loads until the app has started there), as the start script tells it
/// ([`crate::dom::opened_from`]).
#[derive(Debug, Clone, PartialEq)]
pub enum OpenedFrom {
    /// The home page showing every article: its first screen of cards.
    Home,
    /// An entity's own page: its first page of cards, its newest articles.
    Entity(EntityId),
}

impl OpenedFrom {
    /// Reads what the start script wrote: `home`, or `entity/<id>`.
    pub fn parse(told: &str) -> Option<OpenedFrom> {
        match told.strip_prefix("entity/") {
            Some(id) => EntityId::new(id).ok().map(OpenedFrom::Entity),
            None => (told == "home").then_some(OpenedFrom::Home),
        }
    }
}

/// An article page loaded by a link of a pre-rendered list (the home page showing every
/// article, or an entity's own page) was opened from that list as the page showed it: its
/// previous and next follow it, and its way back returns to it, as when the app opens an article
/// from it. The way back at once; the home page's list once `site.json` is there (its first
/// screen's articles, numbered as in the whole site); an entity's once the article page has
/// fetched it ([`take_entity_list_wanted`]: the Try it page's app, which shares this frame,
/// carries none of that). A host whose referrer policy withholds the address gives no list.
fn opened_from_a_pre_rendered_list(opened: RwSignal<Option<ShownList>>) -> Option<EntityId> {
    let from = crate::dom::opened_from()
        .as_deref()
        .and_then(OpenedFrom::parse)?;
    let page = match &from {
        OpenedFrom::Home => ListPage::Home,
        OpenedFrom::Entity(id) => ListPage::Entity {
            href: use_site().paths.entity_page(id),
            name: String::new(),
        },
    };
    opened.set(Some(ShownList {
        page,
        list: None,
        marks: Arc::from([]),
    }));
    if let OpenedFrom::Entity(id) = from {
        return Some(id);
    }
    let loader = use_site().data;
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(Ok(data)) = loader.site() else {
            return false;
        };
        let list = ArticleList {
            positions: (0..data.first.articles().len() as u32).collect(),
            of: None,
        };
        fill_opened(
            opened,
            ListPage::Home,
            ShownList {
                page: ListPage::Home,
                list: Some(list),
                marks: Arc::from([]),
            },
        );
        true
    });
    None
}

/// `shown` as the list an article was opened from, if that is still the list of `page` not known
/// yet (not if the reader has opened an article from another list meanwhile).
fn fill_opened(opened: RwSignal<Option<ShownList>>, page: ListPage, shown: ShownList) {
    opened.update(|opened| {
        if let Some(waiting) = opened
            .as_mut()
            .filter(|o| o.page == page && o.list.is_none())
        {
            *waiting = shown;
        }
    });
}

/// The entity whose pre-rendered page the article page was loaded from, whose first page of
/// cards is the list it follows: asked once (the article page fetches that list and gives it to
/// [`WantedEntityList::found`]).
pub fn take_entity_list_wanted() -> Option<WantedEntityList> {
    let last = use_context::<LastList>()?;
    let entity = last.entity_wanted.try_update(Option::take)??;
    let page = last
        .opened
        .with_untracked(|o| o.as_ref().map(|o| o.page.clone()))?;
    Some(WantedEntityList {
        entity,
        page,
        opened: last.opened,
    })
}

/// The entity of an entity page an article page was loaded from, whose list is to be fetched.
pub struct WantedEntityList {
    pub entity: EntityId,
    /// The page the list was opened from, as told at once (its name not known yet).
    page: ListPage,
    opened: RwSignal<Option<ShownList>>,
}

impl WantedEntityList {
    /// The entity's list, fetched: its name is `name`.
    pub fn found(self, name: String, list: ArticleList) {
        let ListPage::Entity { href, .. } = self.page.clone() else {
            return;
        };
        fill_opened(
            self.opened,
            self.page,
            ShownList::of_entity(href, name, list),
        );
    }
}

/// Keeps `selection`, `list` (`None` while not known) and the words its search matched
/// (`marks`) as the home page's last view while the home page shows (effects run in the browser
/// only: a pre-rendered page links to the home page unfiltered, offers no previous or next and
/// marks no word).
pub fn remember_home_view(
    selection: Memo<Selection>,
    list: Signal<Option<ArticleList>>,
    marks: Signal<Arc<[String]>>,
) {
    let Some(last) = use_context::<LastList>() else {
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
    Effect::new(move |_| {
        let (list, marks) = (list.get(), marks.get());
        if on_home() {
            last.shown.set_value(Some(ShownList {
                page: ListPage::Home,
                list,
                marks,
            }));
        }
    });
}

/// The words the search of the list the reader last opened an article from matched in this
/// visit (none without a search).
pub fn use_last_marks() -> Signal<Arc<[String]>> {
    use_opened(|opened| opened.map_or_else(|| Arc::from([]), |o| o.marks.clone()))
}

/// Keeps entity page `href`'s list of articles as the list its page shows, for an article page
/// opened from it: its way back returns to the entity's page (named `name`), its previous and
/// next follow the list.
pub fn remember_entity_list(href: String, name: String, list: ArticleList) {
    if cfg!(feature = "ssr") {
        return;
    }
    if let Some(last) = use_context::<LastList>() {
        last.shown
            .set_value(Some(ShownList::of_entity(href, name, list)));
    }
}

/// A function that notes that the reader opens an article from the list the page shows (a
/// card's link, followed after this): that list becomes the one the article's page follows.
pub fn use_open_from_list() -> impl Fn() + Clone + 'static {
    let last = use_context::<LastList>();
    move || {
        let Some(last) = last else {
            return;
        };
        if let Some(shown) = last.shown.get_value() {
            last.opened.set(Some(shown));
        }
    }
}

/// The page of the list of articles the reader last opened an article from in this visit, if
/// any.
pub fn use_last_list_page() -> Signal<Option<ListPage>> {
    use_opened(|opened| opened.map(|o| o.page.clone()))
}

/// What `read` makes of the list an article was last opened from (`None` before any, and when
/// pre-rendering), following it.
fn use_opened<T: Clone + Send + Sync + 'static>(
    read: impl Fn(Option<&ShownList>) -> T + Send + Sync + 'static,
) -> Signal<T> {
    match use_context::<LastList>() {
        Some(last) => Signal::derive(move || last.opened.with(|opened| read(opened.as_ref()))),
        None => Signal::stored(read(None)),
    }
}

/// The pages of cards a list shows ("Show more" adds one): as many as the list at the same
/// address (path and query) last showed in this visit, so that coming back from an article
/// (back, or the way back) finds the cards the reader had opened, and the place among them.
/// One when pre-rendering.
pub fn use_list_pages() -> RwSignal<usize> {
    kept_by_address(|last| last.pages, 1)
}

/// How many cards the list at the same address last showed in this visit (0 if none): a list
/// that grows as the reader reads down shows as many again at once when come back to. Set by
/// the list's page as it grows.
pub fn use_list_read() -> RwSignal<usize> {
    kept_by_address(|last| last.read, 0)
}

/// A count kept for the address of the list's page in one of [`LastList`]'s maps: as the page
/// at the same address last left it in this visit, `default` at first and when pre-rendering.
fn kept_by_address(
    map: impl Fn(&LastList) -> StoredValue<HashMap<String, usize>>,
    default: usize,
) -> RwSignal<usize> {
    let last = use_context::<LastList>().filter(|_| !cfg!(feature = "ssr"));
    let Some(map) = last.as_ref().map(map) else {
        return RwSignal::new(default);
    };
    // The router's address (it changes before the page is drawn or gone; the browser's may
    // change after).
    let location = use_location();
    let (pathname, search) = (location.pathname, location.search);
    let address = move || format!("{}?{}", pathname.get_untracked(), search.get_untracked());
    let restored = map.with_value(|kept| kept.get(&address()).copied());
    let kept = RwSignal::new(restored.unwrap_or(default));
    let path = pathname.get_untracked();
    Effect::new(move |_| {
        let now = kept.get();
        // Only while the list's page shows: following a link to an article changes the
        // address, and the home page's list with it, before the page is gone.
        if pathname.with_untracked(|here| *here == path) {
            map.update_value(|kept| {
                kept.insert(address(), now);
            });
        }
    });
    kept
}

/// A function that notes that article `article`'s page is left, and whether by its way back
/// (its link, which is followed before the page is gone: leaving it then does not forget how).
pub fn use_leave_article() -> impl Fn(&str, bool) + Clone + 'static {
    let last = use_context::<LastList>();
    move |article: &str, by_way_back: bool| {
        let Some(last) = last else {
            return;
        };
        last.left.update(|left| {
            let known = matches!(left, Some((a, true)) if a == article);
            if by_way_back || !known {
                *left = Some((article.to_owned(), by_way_back));
            }
        });
    }
}

/// A function that gives the article whose page the reader left for this list, if they came
/// back to it by that page's way back or by the browser's back or forward (asked once: it is
/// forgotten, and so is the browser's last back or forward: a list reached later by a link is
/// not come back to). Ask it a frame after the list is shown: the browser's back is noted by a
/// listener of its own, which may run after the router's has shown the list.
pub fn use_came_back_from() -> impl Fn() -> Option<String> + Clone + 'static {
    let last = use_context::<LastList>();
    move || {
        let last = last?;
        let traversed = last.traversed_to.get_untracked() == Some(crate::dom::address());
        last.traversed_to.set(None);
        let (article, by_way_back) = last.left.get_untracked()?;
        last.left.set(None);
        (by_way_back || traversed).then_some(article)
    }
}

/// The home page's last view in this visit: no filter until the home page has shown one.
pub fn use_last_home_view() -> Signal<Selection> {
    use_context::<LastList>().map_or_else(
        || Signal::stored(Selection::default()),
        |last| last.selection.into(),
    )
}

/// The list of articles the reader last opened an article from in this visit, if any.
pub fn use_last_list() -> Signal<Option<ArticleList>> {
    use_opened(|opened| opened.and_then(|o| o.list.clone()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_an_article_was_opened_from_is_read_as_the_start_script_tells_it() {
        assert_eq!(OpenedFrom::parse("home"), Some(OpenedFrom::Home));
        assert_eq!(
            OpenedFrom::parse("entity/loc-kursk"),
            EntityId::new("loc-kursk").ok().map(OpenedFrom::Entity)
        );
        // Not an id of the data contract, or not a list: no list.
        for told in ["entity/", "entity/Loc Kursk", "entity/../x", "homepage", ""] {
            assert_eq!(OpenedFrom::parse(told), None, "{told}");
        }
    }
}
