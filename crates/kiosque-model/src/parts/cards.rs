//! How card pages (`cards/<hash>.json`, [`super::CardPage`]) cut a site's articles: which page
//! holds an article, which pages a view fetches for its first results.
//!
//! The pages cut the articles from the oldest, so that a rebuild that adds newer articles keeps
//! the older pages (and their names, which browsers have cached). The older articles are in
//! pages of [`cards_per_page`] (128 at 100,000 articles: at most [`MAX_CARD_PAGES`] pages), the
//! newest ones, between one and two of those pages' worth, in pages of [`MIN_CARDS_PER_PAGE`]
//! (schema 2.10): the newest articles are what the home page's "Show more" and every view of a
//! frequent entity show first, and a page of 16 cards costs an eighth of one of 128 (24 KB
//! brotli at 102,001 articles, where the newest page then held 113 articles).

use serde::{Deserialize, Serialize};

/// The most card pages of the older articles a site has ([`cards_per_page`]); the newest
/// articles' pages add at most `2 × cards_per_page / MIN_CARDS_PER_PAGE − 1`.
pub const MAX_CARD_PAGES: usize = 1000;
/// The fewest articles in a card page (but the newest); a power of two ([`cards_per_page`]),
/// and the size of the newest articles' pages ([`CardLayout::for_site`]).
pub const MIN_CARDS_PER_PAGE: usize = 16;

/// How many articles a card page of the older articles of a site of `articles` articles has: at
/// least [`MIN_CARDS_PER_PAGE`], and so many that there are at most [`MAX_CARD_PAGES`] such pages,
/// rounded up to a power of two (16 up to 16,000 articles, 128 at 100,000), so that it changes
/// only when the site doubles: a rebuild that adds articles keeps it, and with it the older
/// pages. A search fetches the pages of the results it shows: the fewer articles a page has, the
/// fewer bytes a result costs.
pub fn cards_per_page(articles: usize) -> u32 {
    let fewest = articles
        .div_ceil(MAX_CARD_PAGES)
        .max(MIN_CARDS_PER_PAGE)
        .checked_next_power_of_two();
    fewest
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(u32::MAX)
}

/// The sizes of a site's card pages, as `site.json` gives them (`card_page_sizes`, schema
/// 2.10): articles in each page of the older articles, and in each of the newest's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPageSizes(pub u32, pub u32);

/// Where each article of a site is among its card pages. Articles are numbered as posting files
/// number them (their positions across the summary pages, 0 for the newest); pages are numbered
/// from the oldest (their places in `site.json`'s `card_pages`), each holding its articles in
/// article order (newest first). With `N` articles, older pages of `P` articles and newest
/// pages of `S` (`S` ≤ `P`): the `k = max(0, ⌊N / P⌋ − 1)` older pages hold the `k·P` oldest
/// articles, page `i` numbers `N − (i+1)·P` to `N − i·P − 1`; the `Z = N − k·P` newest (`P` ≤ `Z`
/// < `2P` once the site has `2P`) are in pages of `S` cut from their oldest, page `k + j` numbers
/// `max(0, Z − (j+1)·S)` to `Z − j·S − 1`. With `S` = `P` it is schema 2.2 to 2.9's layout, every
/// page of `P` and the newest holding the rest. Articles added to a site are newer than those it
/// has (or dated among them, and then they move only the pages from theirs to the newest): a
/// rebuild that adds them rewrites the newest small page and adds pages after it, and once there
/// are `2P` newest articles their oldest `P` become one older page, whose articles the small
/// pages had: the older pages stay where they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardLayout {
    articles: usize,
    per_page: usize,
    newest_per_page: usize,
}

/// The layout of a site without card pages: it places no article, and a view fetches no page.
impl Default for CardLayout {
    fn default() -> CardLayout {
        CardLayout {
            articles: 0,
            per_page: 1,
            newest_per_page: 1,
        }
    }
}

impl CardLayout {
    /// The layout `kiosque build` gives a site of `articles` articles: older pages of
    /// [`cards_per_page`], the newest of [`MIN_CARDS_PER_PAGE`].
    pub fn for_site(articles: usize) -> CardLayout {
        let per_page = cards_per_page(articles) as usize;
        CardLayout {
            articles,
            per_page,
            newest_per_page: MIN_CARDS_PER_PAGE.min(per_page),
        }
    }

    /// The layout of a site of `articles` articles with these page sizes; `None` when a size is
    /// 0 or the newest pages are larger than the older ones (data no writer makes).
    pub fn new(articles: usize, sizes: CardPageSizes) -> Option<CardLayout> {
        let CardPageSizes(per_page, newest_per_page) = sizes;
        let (per_page, newest_per_page) = (per_page as usize, newest_per_page as usize);
        (newest_per_page > 0 && newest_per_page <= per_page).then_some(CardLayout {
            articles,
            per_page,
            newest_per_page,
        })
    }

    /// Its page sizes, as `site.json` gives them.
    pub fn sizes(&self) -> CardPageSizes {
        let size = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        CardPageSizes(size(self.per_page), size(self.newest_per_page))
    }

    /// How many articles the site has.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// How many pages of older articles there are (`k` above).
    fn older_pages(&self) -> usize {
        (self.articles / self.per_page).saturating_sub(1)
    }

    /// How many of the newest articles are in the small pages (`Z` above).
    fn newest(&self) -> usize {
        self.articles - self.older_pages() * self.per_page
    }

    /// How many card pages the site has.
    pub fn pages(&self) -> usize {
        self.older_pages() + self.newest().div_ceil(self.newest_per_page)
    }

    /// The numbers of the articles of page `page`: from the first (the newest) to one past the
    /// last. `None` for a page past the site.
    pub fn range(&self, page: usize) -> Option<(usize, usize)> {
        let older = self.older_pages();
        if page < older {
            let end = self.articles - page * self.per_page;
            return Some((end - self.per_page, end));
        }
        let end = self
            .newest()
            .checked_sub((page - older).checked_mul(self.newest_per_page)?)?;
        (end > 0).then(|| (end.saturating_sub(self.newest_per_page), end))
    }

    /// The articles of each page, from the oldest page.
    pub fn ranges(&self) -> Vec<(usize, usize)> {
        (0..self.pages())
            .filter_map(|page| self.range(page))
            .collect()
    }

    /// Where article number `number` is: its page and its place in that page. `None` for a
    /// number past the site.
    pub fn place(&self, number: usize) -> Option<(usize, usize)> {
        let from_oldest = self.articles.checked_sub(number)?.checked_sub(1)?;
        let older = self.older_pages();
        let page = if from_oldest < older * self.per_page {
            from_oldest / self.per_page
        } else {
            older + (from_oldest - older * self.per_page) / self.newest_per_page
        };
        let (first, _) = self.range(page)?;
        Some((page, number - first))
    }

    /// The pages that hold the site's newest `count` articles (all of them, when it has fewer),
    /// increasing: the newest pages, next to each other.
    pub fn newest_pages(&self, count: usize) -> Vec<usize> {
        let last = count.min(self.articles).checked_sub(1);
        match (last.and_then(|last| self.place(last)), self.place(0)) {
            (Some((oldest, _)), Some((newest, _))) => (oldest..=newest).collect(),
            _ => Vec::new(),
        }
    }

    /// The pages a view fetches for `hits` (article numbers, best first): those of its first
    /// `screen` hits, then those of the rest of its first `first_page` hits. A hit past the site
    /// has no page (it is not shown).
    pub fn choose(&self, hits: &[u32], screen: usize, first_page: usize) -> CardChoice {
        let first_page = &hits[..hits.len().min(first_page)];
        let (screen_hits, rest_hits) = first_page.split_at(first_page.len().min(screen));
        let pages = |hits: &[u32]| {
            let mut pages: Vec<usize> = hits
                .iter()
                .filter_map(|&n| Some(self.place(n as usize)?.0))
                .collect();
            crate::order::sort_numbers(&mut pages);
            pages.dedup();
            pages
        };
        let screen = pages(screen_hits);
        let mut rest = pages(rest_hits);
        rest.retain(|page| screen.binary_search(page).is_err());
        CardChoice { screen, rest }
    }

    /// How many of `hits` (article numbers, best first) can be shown, in order, with the pages
    /// for which `have` is true: those before the first hit whose page is missing (a hit past
    /// the site is never shown and holds none back).
    pub fn shown_with(&self, hits: &[u32], have: impl Fn(usize) -> bool) -> usize {
        hits.iter()
            .position(|&n| self.place(n as usize).is_some_and(|(p, _)| !have(p)))
            .unwrap_or(hits.len())
    }
}

/// The card pages a view shown before the whole site is loaded fetches for its first page of
/// hits ([`CardLayout::choose`]), each page once, in increasing order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardChoice {
    /// The pages of its first screenful of hits: fetched at once, the list shows them.
    pub screen: Vec<usize>,
    /// The pages of the rest of its first page that [`CardChoice::screen`] does not hold:
    /// fetched later, only if the view is still the reader's once its screenful is shown.
    pub rest: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(articles: usize, per_page: u32, newest: u32) -> CardLayout {
        CardLayout::new(articles, CardPageSizes(per_page, newest)).expect("a layout")
    }

    /// Every article is in one page, at the place `range` says, the pages cover the site from the
    /// oldest, each holding as many as its kind of page (the newest may have fewer).
    fn check(layout: CardLayout) {
        let ranges = layout.ranges();
        assert_eq!(ranges.len(), layout.pages(), "{layout:?}");
        let mut next_end = layout.articles();
        for (page, &(first, end)) in ranges.iter().enumerate() {
            assert_eq!(end, next_end, "{layout:?} page {page}");
            assert!(first < end, "{layout:?} page {page}");
            next_end = first;
            for number in first..end {
                assert_eq!(layout.place(number), Some((page, number - first)));
            }
        }
        assert_eq!(next_end, 0, "{layout:?}");
        assert_eq!(layout.place(layout.articles()), None);
        assert_eq!(layout.range(layout.pages()), None);
    }

    #[test]
    fn every_article_is_in_one_card_page_and_the_newest_are_in_small_pages() {
        for articles in (0..700).chain([16_000, 16_001, 100_000, 102_001, 127_999]) {
            for (per_page, newest) in [(16, 16), (128, 16), (32, 16), (10, 10), (12, 5)] {
                check(layout(articles, per_page, newest));
            }
            check(CardLayout::for_site(articles));
        }
        // 102,001 articles: 795 older pages of 128 (101,760), and the newest 241 in 16 pages of
        // 16, the newest holding one.
        let site = CardLayout::for_site(102_001);
        assert_eq!(site.sizes(), CardPageSizes(128, 16));
        assert_eq!(site.pages(), 795 + 16);
        assert_eq!(site.place(0), Some((810, 0)));
        assert_eq!(site.place(1), Some((809, 0)));
        assert_eq!(site.range(809), Some((1, 17)));
        assert_eq!(site.place(240), Some((795, 15)));
        assert_eq!(site.range(795), Some((225, 241)));
        assert_eq!(site.place(241), Some((794, 0)));
        assert_eq!(site.range(794), Some((241, 369)));
        assert_eq!(site.place(102_000), Some((0, 127)));
        // However many articles, at least one older page's worth of the newest are in small
        // pages, and the site has at most `MAX_CARD_PAGES` older pages and 15 small ones.
        for articles in [16_001, 50_000, 100_000, 100_127, 100_128, 100_129, 127_999] {
            let site = CardLayout::for_site(articles);
            let CardPageSizes(per_page, newest) = site.sizes();
            let small = site.newest();
            assert!(
                per_page as usize <= small && small < 2 * per_page as usize,
                "{articles}"
            );
            for number in 0..per_page as usize {
                let (page, _) = site.place(number).expect("placed");
                let (first, end) = site.range(page).expect("a page");
                assert!(end - first <= newest as usize, "{articles}: {number}");
            }
            assert!(site.pages() <= MAX_CARD_PAGES + 15, "{articles}");
        }
        // The 2.2 to 2.9 layout: every page the same size but the newest.
        let old = layout(100, 16, 16);
        assert_eq!(old.pages(), 7);
        assert_eq!(old.range(6), Some((0, 4)));
        assert_eq!(old.range(0), Some((84, 100)));
    }

    #[test]
    fn a_layout_no_writer_makes_is_refused() {
        assert_eq!(CardLayout::new(100, CardPageSizes(0, 0)), None);
        assert_eq!(CardLayout::new(100, CardPageSizes(16, 0)), None);
        assert_eq!(CardLayout::new(100, CardPageSizes(16, 32)), None);
        assert!(CardLayout::new(100, CardPageSizes(16, 16)).is_some());
    }

    #[test]
    fn adding_newer_articles_keeps_the_older_card_pages() {
        // The articles of each page, by their number from the oldest (which adding newer articles
        // keeps): every page of the smaller site but its newest small one is a page of the larger.
        let pages = |articles: usize| -> Vec<(usize, usize)> {
            let site = layout(articles, 128, 16);
            site.ranges()
                .into_iter()
                .map(|(first, end)| (articles - end, articles - first))
                .collect()
        };
        for (before, added) in [(1000, 1), (1000, 37), (1000, 200), (1151, 1), (1151, 300)] {
            let (old, new) = (pages(before), pages(before + added));
            let kept = &old[..old.len() - 1];
            for page in kept {
                // A small page the larger site has gathered into an older page is inside one.
                assert!(
                    new.contains(page) || new.iter().any(|p| p.0 <= page.0 && page.1 <= p.1),
                    "{before} + {added}: {page:?}"
                );
            }
            // The older pages themselves are the same files.
            let older = before / 128 - 1;
            assert_eq!(old[..older], new[..older], "{before} + {added}");
        }
    }

    // 100 articles, 10 a page: page 0 holds numbers 99 to 90 (the oldest), page 9 numbers 9 to 0.
    #[test]
    fn a_view_fetches_the_pages_of_its_screenful_then_those_of_the_rest_of_its_first_page() {
        let site = layout(100, 10, 10);
        let hits = [99, 50, 98, 10, 51, 0, 89];
        assert_eq!(
            site.choose(&hits, 3, 6),
            CardChoice {
                // 99 and 98 share page 0; 50 is on page 4.
                screen: vec![0, 4],
                // 51 is on page 4, fetched with the screenful; 89 (page 1) is past the first page.
                rest: vec![8, 9],
            }
        );
        // Every hit of the first page on the screenful's pages: nothing more to fetch.
        assert_eq!(
            site.choose(&[99, 50, 51, 98], 2, 30),
            CardChoice {
                screen: vec![0, 4],
                rest: vec![],
            }
        );
        // Fewer hits than a screenful, or none.
        assert_eq!(
            site.choose(&[5, 95], 8, 30),
            CardChoice {
                screen: vec![0, 9],
                rest: vec![],
            }
        );
        assert_eq!(site.choose(&[], 8, 30), CardChoice::default());
        // A hit past the site (a search index newer than `site.json`) has no page.
        assert_eq!(
            site.choose(&[100, 99, 250, 0], 2, 30),
            CardChoice {
                screen: vec![0],
                rest: vec![9],
            }
        );
        // The newest eight articles of a large site: one small page of 16, not one of 128.
        let large = CardLayout::for_site(102_001);
        let newest: Vec<u32> = (0..8).collect();
        assert_eq!(large.choose(&newest, 8, 8).screen, vec![809, 810]);
        let (first, end) = large.range(809).expect("a page");
        assert_eq!(end - first, 16);
    }

    #[test]
    fn a_view_shows_its_hits_up_to_the_first_whose_card_page_is_missing() {
        let site = layout(100, 10, 10);
        let hits = [99, 50, 98, 10, 51, 0];
        let have = |pages: &'static [usize]| move |p: usize| pages.contains(&p);
        assert_eq!(site.shown_with(&hits, have(&[0, 4])), 3);
        // A page kept from an earlier search shows its hits at once.
        assert_eq!(site.shown_with(&hits, have(&[0, 4, 8])), 5);
        assert_eq!(site.shown_with(&hits, have(&[0, 4, 8, 9])), 6);
        assert_eq!(site.shown_with(&hits, have(&[4])), 0);
        assert_eq!(site.shown_with(&[], have(&[])), 0);
        // A hit past the site is never shown and holds none back.
        assert_eq!(site.shown_with(&[99, 150, 98], have(&[0])), 3);
    }

    #[test]
    fn the_newest_articles_are_on_the_last_card_pages() {
        // 100 articles in pages of 16: page 6, the last, holds the newest 4 (numbers 0 to 3).
        let site = layout(100, 16, 16);
        assert_eq!(site.newest_pages(4), vec![6]);
        assert_eq!(site.newest_pages(5), vec![5, 6]);
        assert_eq!(site.newest_pages(60), vec![2, 3, 4, 5, 6]);
        for site in [site, layout(1000, 128, 16), layout(1151, 128, 16)] {
            // Every page holds each of the articles it should, once.
            for count in 1..=site.articles() {
                let pages = site.newest_pages(count);
                for number in 0..count {
                    let (page, _) = site.place(number).expect("placed");
                    assert!(pages.contains(&page), "{count}: article {number}");
                }
                assert!(pages.windows(2).all(|w| w[1] == w[0] + 1), "{pages:?}");
            }
            // More than the site has: all of it.
            let all: Vec<usize> = (0..site.pages()).collect();
            assert_eq!(site.newest_pages(site.articles() + 5), all);
            assert_eq!(site.newest_pages(0), Vec::<usize>::new());
        }
        // None of an empty site, or of one without card pages.
        assert_eq!(layout(0, 16, 16).newest_pages(10), Vec::<usize>::new());
        let none = CardLayout::default();
        assert_eq!(none.newest_pages(10), Vec::<usize>::new());
        assert_eq!(none.choose(&[0, 1], 2, 2), CardChoice::default());
        assert_eq!(none.pages(), 0);
    }
}
