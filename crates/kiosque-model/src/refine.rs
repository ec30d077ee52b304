//! The languages, sources and period that narrow the home page's view, beyond its entities and
//! search: which articles they keep, and the sidebar's live counts of each language, source and
//! year over the view.
//!
//! One pass over the view's articles does it all, so it stays within a frame at 10,000
//! articles: within a group the values kept combine with OR (French or English), across groups
//! with AND (French, from Le Monde, in March). A group's counts are over the view filtered by
//! the other groups, not its own, so the other values of a group stay in sight to be added.

use std::collections::HashMap;

use crate::article::ArticleSummary;
use crate::index::Corpus;
use crate::selection::Selection;
use crate::timeline::{Timeline, civil_from_days, parse_day};

/// One value of a group (a language code, a source, a year) with the number of articles of the
/// view that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldCount {
    /// The value, as the data (and the URL) writes it.
    pub value: String,
    /// Articles of the view (filtered by the other groups) with this value.
    pub count: u32,
    /// Whether the reader keeps it.
    pub selected: bool,
}

/// The view narrowed by the languages, sources and period of a selection, and the counts of
/// each group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Refined {
    /// The articles every filter keeps, in the order they were given.
    pub visible: Vec<u32>,
    /// The articles the languages and sources keep, whatever their date: what the timeline
    /// shows, so that the other periods stay there to be chosen.
    pub any_period: Vec<u32>,
    /// Languages: the most frequent first, then by code; those kept always listed.
    pub langs: Vec<FieldCount>,
    /// Sources: the most frequent first, then by name; those kept always listed.
    pub sources: Vec<FieldCount>,
    /// Years, newest first; the year the period is exactly always listed.
    pub years: Vec<FieldCount>,
}

/// Narrows the articles at `positions` (the view of the entities and the search) by the
/// languages, sources and period of `selection`, and counts each group's values. An invalid
/// value in the URL keeps nothing in its group.
pub fn refine(corpus: &Corpus, positions: &[u32], selection: &Selection) -> Refined {
    refine_fields(corpus.article_fields(), positions, selection)
}

/// [`refine`] over the articles' fields read once ([`ArticleFields::of`]).
pub fn refine_fields(fields: &ArticleFields, positions: &[u32], selection: &Selection) -> Refined {
    let invalid = |key: &str| selection.invalid().iter().any(|(k, _)| *k == key);
    let bad_lang = invalid(Selection::LANG_KEY);
    let bad_period = invalid(Selection::FROM_KEY) || invalid(Selection::TO_KEY);
    let period = selection.period();
    // Which languages and sources of the corpus the selection keeps, each decided once.
    let lang_kept: Vec<bool> = (fields.langs.names.iter())
        .map(|l| {
            !bad_lang
                && (selection.langs().is_empty()
                    || selection.langs().iter().any(|k| k.eq_ignore_ascii_case(l)))
        })
        .collect();
    let source_kept: Vec<bool> = (fields.sources.names.iter())
        .map(|s| selection.sources().is_empty() || selection.sources().iter().any(|k| k == s))
        .collect();
    // An article without a language or a source is kept when none is chosen.
    let no_lang_kept = !bad_lang && selection.langs().is_empty();
    let no_source_kept = selection.sources().is_empty();
    let mut out = Refined::default();
    // Counted by the values' numbers, then named.
    let mut langs = vec![0u32; fields.langs.names.len()];
    let mut sources = vec![0u32; fields.sources.names.len()];
    let mut years = vec![0u32; fields.years.len()];
    for &position in positions {
        let Some(article) = fields.get(position) else {
            continue;
        };
        let lang_ok = article.lang.map_or(no_lang_kept, |l| lang_kept[l as usize]);
        let source_ok = (article.source).map_or(no_source_kept, |s| source_kept[s as usize]);
        let period_ok = !bad_period
            && period
                .is_none_or(|(first, last)| article.day.is_some_and(|d| first <= d && d <= last));
        if source_ok
            && period_ok
            && let Some(lang) = article.lang
        {
            langs[lang as usize] += 1;
        }
        if lang_ok
            && period_ok
            && let Some(source) = article.source
        {
            sources[source as usize] += 1;
        }
        if lang_ok && source_ok {
            out.any_period.push(position);
            if let Some(year) = article.year {
                years[year as usize] += 1;
            }
            if period_ok {
                out.visible.push(position);
            }
        }
    }
    let named = |names: &[String], counts: Vec<u32>| -> Vec<(String, u32)> {
        names
            .iter()
            .zip(counts)
            .filter(|(_, count)| *count > 0)
            .map(|(name, count)| (name.clone(), count))
            .collect()
    };
    out.langs = tally(named(&fields.langs.names, langs), selection.langs());
    out.sources = tally(named(&fields.sources.names, sources), selection.sources());
    let year_selected = selected_year(selection);
    out.years = tally(
        (fields.years.iter())
            .zip(years)
            .filter(|(_, count)| *count > 0)
            .map(|(y, count)| (format!("{y:04}"), count)),
        year_selected.as_slice(),
    );
    crate::order::sort_by(&mut out.years, |a, b| b.value.cmp(&a.value));
    out
}

/// What [`refine`] and [`crate::timeline::timeline_at`] read of each article of a corpus, as
/// numbers: its day, year, language and source, read once ([`Corpus::article_fields`]) so that
/// a click or a keystroke over 100,000 articles parses no date and hashes no string.
#[derive(Debug, Clone, Default)]
pub struct ArticleFields {
    /// By article position.
    articles: Vec<Fields>,
    /// The languages met, lowercase (the URL's codes: `FR` and `fr` are one language).
    langs: Names,
    /// The sources met, trimmed.
    sources: Names,
    /// The years met, each once, in no particular order.
    years: Vec<i64>,
}

/// One article's [`ArticleFields`].
#[derive(Debug, Clone, Copy, Default)]
struct Fields {
    /// Its publication day (days since 1970-01-01), when its date reads as one.
    day: Option<i64>,
    /// Its year's place in [`ArticleFields::years`].
    year: Option<u32>,
    /// Its language's place in [`ArticleFields::langs`].
    lang: Option<u32>,
    /// Its source's place in [`ArticleFields::sources`] ([`source_of`]).
    source: Option<u32>,
}

/// Distinct values, each with its number (its place in `names`).
#[derive(Debug, Clone, Default)]
struct Names {
    names: Vec<String>,
    numbers: HashMap<String, u32>,
}

impl Names {
    /// The number of `name`, given the next one if it is new.
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.numbers.insert(name.to_owned(), n);
        n
    }
}

/// The number given to the previous article's value: articles in a row mostly share their
/// language, source and year, which are then neither lowercased nor hashed again.
struct Previous<T>(Option<(T, u32)>);

impl<T: PartialEq + Copy> Previous<T> {
    /// The number of `value`: the previous one's if it is the same, else `number(value)`.
    fn number(&mut self, value: T, number: impl FnOnce(T) -> u32) -> u32 {
        match self.0 {
            Some((previous, n)) if previous == value => n,
            _ => {
                let n = number(value);
                self.0 = Some((value, n));
                n
            }
        }
    }
}

impl ArticleFields {
    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The fields of `articles`, in order.
    pub fn of<E>(articles: &[ArticleSummary<E>]) -> ArticleFields {
        let mut out = ArticleFields::default();
        let mut years: HashMap<i64, u32> = HashMap::new();
        let (mut last_lang, mut last_source, mut last_year) =
            (Previous(None), Previous(None), Previous(None));
        out.articles = articles
            .iter()
            .map(|article| {
                let day = article.published.as_deref().and_then(parse_day);
                let year = day.map(|day| {
                    last_year.number(civil_from_days(day).0, |y| {
                        *years.entry(y).or_insert_with(|| {
                            out.years.push(y);
                            out.years.len() as u32 - 1
                        })
                    })
                });
                Fields {
                    day,
                    year,
                    lang: (article.lang.as_deref()).map(|l| {
                        last_lang.number(l, |l| out.langs.number(&l.to_ascii_lowercase()))
                    }),
                    source: source_of(article)
                        .map(|s| last_source.number(s, |s| out.sources.number(s))),
                }
            })
            .collect();
        out
    }

    /// The fields of the article at `position`.
    fn get(&self, position: u32) -> Option<&Fields> {
        self.articles.get(position as usize)
    }

    /// The publication day of the article at `position` (days since 1970-01-01), when it has
    /// one that reads as a date.
    pub fn day(&self, position: u32) -> Option<i64> {
        self.get(position).and_then(|a| a.day)
    }
}

/// The year the selection's period is exactly (`from` and `to` both that year), which the year
/// group shows as chosen.
pub fn selected_year(selection: &Selection) -> Option<String> {
    match selection.period_bounds() {
        (Some(from), Some(to)) if from == to && from.len() == 4 => Some(from.to_owned()),
        _ => None,
    }
}

/// The selection with the period of `year` (`2024`), or without a period if it was that year.
pub fn toggled_year(selection: &Selection, year: &str) -> Selection {
    if selected_year(selection).as_deref() == Some(year) {
        selection.without_period()
    } else {
        selection.with_period(Some(year), Some(year))
    }
}

/// The selection once bar `index` of `timeline` is chosen: the bar's period, or no period if it
/// was exactly that; with `extend` (Shift), the period from the bars it covered to this one.
pub fn choose_bar(
    selection: &Selection,
    timeline: &Timeline,
    index: usize,
    extend: bool,
) -> Selection {
    let Some(bin) = timeline.bins.get(index) else {
        return selection.clone();
    };
    let covered = selection.period().map(|(first, last)| {
        timeline.bins.iter().enumerate().filter(move |(_, b)| {
            let (from, to) = b.days();
            from <= last && first <= to
        })
    });
    let lo = covered.clone().and_then(|mut c| c.next()).map(|(i, _)| i);
    let hi = covered.and_then(Iterator::last).map(|(i, _)| i);
    if let (true, Some(lo), Some(hi)) = (extend, lo, hi) {
        let (start, end) = if index < lo { (index, hi) } else { (lo, index) };
        let (Some(start), Some(end)) = (timeline.bins.get(start), timeline.bins.get(end)) else {
            return selection.clone();
        };
        return selection.with_period(Some(&start.from), Some(&end.to));
    }
    if selection.period_bounds() == (Some(bin.from.as_str()), Some(bin.to.as_str())) {
        selection.without_period()
    } else {
        selection.with_period(Some(&bin.from), Some(&bin.to))
    }
}

/// An article's source as the URL carries it (trimmed, as [`Selection::with_param`] reads it),
/// or `None` when it has none or only spaces: so that every source listed can be chosen.
fn source_of<E>(article: &ArticleSummary<E>) -> Option<&str> {
    article
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The values counted, the most frequent first, then by value; the `selected` ones listed even
/// when no article has them (so they can be removed).
fn tally(counts: impl IntoIterator<Item = (String, u32)>, selected: &[String]) -> Vec<FieldCount> {
    let mut out: Vec<FieldCount> = counts
        .into_iter()
        .map(|(value, count)| FieldCount {
            selected: selected.contains(&value),
            value,
            count,
        })
        .collect();
    for value in selected {
        if !out.iter().any(|f| &f.value == value) {
            out.push(FieldCount {
                value: value.clone(),
                count: 0,
                selected: true,
            });
        }
    }
    crate::order::sort_by(&mut out, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{article, corpus};
    use crate::ui::Language;

    fn dated(id: &str, date: Option<&str>, lang: &str, source: Option<&str>) -> ArticleSummary {
        let mut a = article(id, &[]);
        a.published = date.map(str::to_owned);
        a.lang = Some(lang.to_owned());
        a.source = source.map(str::to_owned);
        a
    }

    fn sample() -> Corpus {
        corpus(
            vec![
                dated("a", Some("2024-05-20"), "fr", Some("Le Monde")),
                dated("b", Some("2024-03-01"), "en", Some("BBC")),
                dated("c", Some("2024-01-15"), "fr", Some("Le Monde")),
                dated("d", Some("2023-12-31"), "FR", Some("Libération")),
                dated("e", None, "fr", None),
            ],
            vec![],
        )
    }

    fn ids(corpus: &Corpus, positions: &[u32]) -> Vec<String> {
        positions
            .iter()
            .filter_map(|&p| corpus.article_at(p))
            .map(|a| a.id.clone())
            .collect()
    }

    fn counts(fields: &[FieldCount]) -> Vec<(&str, u32, bool)> {
        fields
            .iter()
            .map(|f| (f.value.as_str(), f.count, f.selected))
            .collect()
    }

    #[test]
    fn nothing_chosen_keeps_every_article_and_counts_each_value() {
        let corpus = sample();
        let all: Vec<u32> = (0..5).collect();
        let r = refine(&corpus, &all, &Selection::default());
        assert_eq!(r.visible, all);
        assert_eq!(r.any_period, all);
        assert_eq!(counts(&r.langs), [("fr", 4, false), ("en", 1, false)]);
        assert_eq!(
            counts(&r.sources),
            [
                ("Le Monde", 2, false),
                ("BBC", 1, false),
                ("Libération", 1, false)
            ]
        );
        assert_eq!(counts(&r.years), [("2024", 3, false), ("2023", 1, false)]);
    }

    #[test]
    fn every_source_listed_can_be_chosen_whatever_its_spaces() {
        let corpus = corpus(
            vec![
                dated("a", Some("2024-05-20"), "fr", Some(" Le Monde ")),
                dated("b", Some("2024-05-21"), "fr", Some("Le Monde")),
                dated("c", Some("2024-05-22"), "fr", Some("  ")),
                dated("d", Some("2024-05-23"), "fr", Some("BBC")),
            ],
            vec![],
        );
        let all: Vec<u32> = (0..4).collect();
        let listed = refine(&corpus, &all, &Selection::default());
        // One "Le Monde" (spaces are not a source's name), no empty source.
        assert_eq!(
            counts(&listed.sources),
            [("Le Monde", 2, false), ("BBC", 1, false)]
        );
        // Choosing a listed value, as its link does (through the URL), keeps its articles.
        for source in &listed.sources {
            let chosen = Selection::default().with_param("source", &source.value);
            let r = refine(&corpus, &all, &chosen);
            assert_eq!(r.visible.len() as u32, source.count, "{}", source.value);
            assert!(
                r.sources
                    .iter()
                    .any(|s| s.value == source.value && s.selected)
            );
        }
    }

    #[test]
    fn groups_combine_with_and_values_within_a_group_with_or() {
        let corpus = sample();
        let all: Vec<u32> = (0..5).collect();
        let s = Selection::default()
            .with_param("lang", "fr")
            .with_param("source", "Le Monde")
            .with_param("source", "Libération");
        let r = refine(&corpus, &all, &s);
        assert_eq!(ids(&corpus, &r.visible), ["a", "c", "d"]);
        // Each group counted over the others: English stays listed to be added.
        assert_eq!(counts(&r.langs), [("fr", 3, true)]);
        assert_eq!(
            counts(&r.sources),
            [("Le Monde", 2, true), ("Libération", 1, true)]
        );
        let s = s.with_period(Some("2024-01"), Some("2024-05"));
        let r = refine(&corpus, &all, &s);
        assert_eq!(ids(&corpus, &r.visible), ["a", "c"]);
        assert_eq!(ids(&corpus, &r.any_period), ["a", "c", "d"]);
        assert_eq!(counts(&r.years), [("2024", 2, false), ("2023", 1, false)]);
        let s = s.toggled_lang("fr").toggled_lang("en");
        assert_eq!(
            counts(&refine(&corpus, &all, &s).langs),
            [("fr", 2, false), ("en", 0, true)]
        );
    }

    #[test]
    fn a_period_keeps_only_dated_articles_within_it() {
        let corpus = sample();
        let all: Vec<u32> = (0..5).collect();
        let s = Selection::default().with_param("from", "2024-03");
        assert_eq!(ids(&corpus, &refine(&corpus, &all, &s).visible), ["a", "b"]);
        let s = Selection::default().with_param("to", "2023");
        assert_eq!(ids(&corpus, &refine(&corpus, &all, &s).visible), ["d"]);
        // Only the positions given are looked at, in their order.
        let r = refine(
            &corpus,
            &[2, 0],
            &Selection::default().with_param("from", "2024"),
        );
        assert_eq!(ids(&corpus, &r.visible), ["c", "a"]);
    }

    #[test]
    fn a_year_is_chosen_and_unchosen_as_a_period() {
        let corpus = sample();
        let all: Vec<u32> = (0..5).collect();
        let s = toggled_year(&Selection::default(), "2023");
        assert_eq!(s.period_bounds(), (Some("2023"), Some("2023")));
        let r = refine(&corpus, &all, &s);
        assert_eq!(ids(&corpus, &r.visible), ["d"]);
        assert_eq!(counts(&r.years), [("2024", 3, false), ("2023", 1, true)]);
        assert!(toggled_year(&s, "2023").is_empty());
        assert_eq!(
            toggled_year(&s, "2024").period_bounds(),
            (Some("2024"), Some("2024"))
        );
    }

    #[test]
    fn a_bar_chooses_its_period_and_shift_extends_it() {
        let t = crate::timeline::timeline(
            [
                "2024-01-10",
                "2024-02-10",
                "2024-03-10",
                "2024-04-10",
                "2024-09-01",
            ]
            .map(Some),
        );
        let s = Selection::from_query("loc-koursk");
        let march = choose_bar(&s, &t, 2, false);
        assert_eq!(march.period_bounds(), (Some("2024-03"), Some("2024-03")));
        assert_eq!(march.to_query().as_deref(), Some("loc-koursk"));
        // The same bar again: no period.
        assert_eq!(choose_bar(&march, &t, 2, false).period(), None);
        let spring = choose_bar(&march, &t, 4, true);
        assert_eq!(spring.period_bounds(), (Some("2024-03"), Some("2024-05")));
        let winter = choose_bar(&spring, &t, 0, true);
        assert_eq!(winter.period_bounds(), (Some("2024-01"), Some("2024-05")));
        let shrunk = choose_bar(&winter, &t, 1, true);
        assert_eq!(shrunk.period_bounds(), (Some("2024-01"), Some("2024-02")));
        // Shift with no period chooses the bar alone; a bar that does not exist changes nothing.
        assert_eq!(
            choose_bar(&s, &t, 1, true).period_bounds(),
            (Some("2024-02"), Some("2024-02"))
        );
        assert_eq!(choose_bar(&s, &t, 99, false), s);
    }

    #[test]
    fn a_selection_s_period_is_named_from_its_valid_bounds_only() {
        let label = |from, to| {
            let selection = Selection::default().with_period(from, to);
            let (from, to) = selection.period_bounds();
            Language::En.period_between(from, to)
        };
        // The words are `ui`'s (tested there); a selection gives them its valid bounds only.
        assert_eq!(
            label(Some("2024-03"), Some("2024-05")).as_deref(),
            Some("March 2024 to May 2024")
        );
        assert_eq!(label(Some("2024-13"), None), None);
    }

    #[test]
    fn an_invalid_value_keeps_nothing() {
        let corpus = sample();
        let all: Vec<u32> = (0..5).collect();
        for (key, value) in [("lang", "français"), ("from", "2024-13"), ("to", "mai")] {
            let s = Selection::default().with_param(key, value);
            assert!(
                refine(&corpus, &all, &s).visible.is_empty(),
                "{key}={value}"
            );
        }
    }

    /// [`refine`] as it was before [`ArticleFields`]: each article's date parsed and its
    /// language and source hashed as met. What the numbers must give.
    fn reference(corpus: &Corpus, positions: &[u32], selection: &Selection) -> Refined {
        let invalid = |key: &str| selection.invalid().iter().any(|(k, _)| *k == key);
        let bad_lang = invalid(Selection::LANG_KEY);
        let bad_period = invalid(Selection::FROM_KEY) || invalid(Selection::TO_KEY);
        let period = selection.period();
        let mut out = Refined::default();
        let mut langs: HashMap<String, u32> = HashMap::new();
        let mut sources: HashMap<&str, u32> = HashMap::new();
        let mut years: HashMap<i64, u32> = HashMap::new();
        for &position in positions {
            let Some(article) = corpus.article_at(position) else {
                continue;
            };
            let day = article.published.as_deref().and_then(parse_day);
            let lang_ok = !bad_lang
                && (selection.langs().is_empty()
                    || article.lang.as_deref().is_some_and(|l| {
                        selection.langs().iter().any(|k| k.eq_ignore_ascii_case(l))
                    }));
            let source_ok = selection.sources().is_empty()
                || source_of(article).is_some_and(|s| selection.sources().iter().any(|k| k == s));
            let period_ok = !bad_period
                && period.is_none_or(|(first, last)| day.is_some_and(|d| first <= d && d <= last));
            if source_ok
                && period_ok
                && let Some(lang) = article.lang.as_deref()
            {
                *langs.entry(lang.to_ascii_lowercase()).or_default() += 1;
            }
            if lang_ok
                && period_ok
                && let Some(source) = source_of(article)
            {
                *sources.entry(source).or_default() += 1;
            }
            if lang_ok && source_ok {
                out.any_period.push(position);
                if let Some(day) = day {
                    *years.entry(civil_from_days(day).0).or_default() += 1;
                }
                if period_ok {
                    out.visible.push(position);
                }
            }
        }
        out.langs = tally(langs, selection.langs());
        out.sources = tally(
            sources.into_iter().map(|(s, c)| (s.to_owned(), c)),
            selection.sources(),
        );
        let year_selected = selected_year(selection);
        out.years = tally(
            years.into_iter().map(|(y, c)| (format!("{y:04}"), c)),
            year_selected.as_slice(),
        );
        out.years.sort_by(|a, b| b.value.cmp(&a.value));
        out
    }

    proptest::proptest! {
        #[test]
        fn the_numbers_read_once_refine_as_parsing_each_article_did(
            articles in proptest::collection::vec(
                (
                    proptest::option::of(proptest::sample::select(vec![
                        "2024-05-20", "2024-03-01T10:00:00Z", "2023-12-31", "2023-02", "2022",
                        "2024-02-30", "not a date", "",
                    ])),
                    proptest::option::of(proptest::sample::select(vec!["fr", "FR", "en", "", "Fr"])),
                    proptest::option::of(proptest::sample::select(vec![
                        "Le Monde", " Le Monde ", "BBC", "  ", "Libération",
                    ])),
                ),
                0..40,
            ),
            params in proptest::collection::vec(
                proptest::sample::select(vec![
                    ("lang", "fr"), ("lang", "EN"), ("lang", "f r"), ("source", "Le Monde"),
                    ("source", "BBC"), ("source", "Absent"), ("from", "2024"), ("to", "2023-12"),
                    ("from", "2023-12-31"), ("to", "never"), ("from", "2022"),
                ]),
                0..4,
            ),
            shown in proptest::collection::vec(0u32..45, 0..45),
        ) {
            let corpus = corpus(
                (0..)
                    .zip(&articles)
                    .map(|(i, (date, lang, source))| {
                        let mut a = article(&format!("a{i}"), &[]);
                        a.published = date.map(str::to_owned);
                        a.lang = lang.map(str::to_owned);
                        a.source = source.map(str::to_owned);
                        a
                    })
                    .collect(),
                vec![],
            );
            let selection = params
                .iter()
                .fold(Selection::default(), |s, (k, v)| s.with_param(k, v));
            // Some positions out of the corpus, some twice: read as before.
            let mut shown = shown;
            shown.sort_unstable();
            shown.dedup();
            let (new, old) = (
                refine(&corpus, &shown, &selection),
                reference(&corpus, &shown, &selection),
            );
            proptest::prop_assert_eq!(&new, &old);
            let dates = |positions: &[u32]| {
                crate::timeline::timeline(
                    positions
                        .iter()
                        .map(|&p| corpus.article_at(p).and_then(|a| a.published.as_deref())),
                )
            };
            proptest::prop_assert_eq!(
                crate::timeline::timeline_at(&corpus, &new.any_period),
                dates(&new.any_period)
            );
            proptest::prop_assert_eq!(crate::timeline::timeline_at(&corpus, &shown), dates(&shown));
        }
    }
}
