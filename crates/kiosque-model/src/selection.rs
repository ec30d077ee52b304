//! The reader's view of the articles: the entities they filter by, the words they search for,
//! the languages, sources and period they keep, and its form in the URL
//! (`?q=koursk&entity=loc-koursk,per-donald-trump&lang=fr&source=Le%20Monde&from=2024-03&to=2024-05`).

use crate::entity::EntityId;
use crate::timeline::period_days;

/// The entities a reader selected (an article must mention all of them: AND) and the words they
/// search for (as typed: the search index reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    entities: Vec<EntityId>,
    /// Parts of the URL's `entity` that are not ids, as written: they select nothing (no
    /// entity has them), and stay shown so the reader sees why and can remove them.
    not_ids: Vec<String>,
    search: String,
    /// The languages kept (an article in any of them: OR), lowercase codes.
    langs: Vec<String>,
    /// The sources kept (an article from any of them: OR), as written.
    sources: Vec<String>,
    /// The period's first period (`2024`, `2024-03` or `2024-03-04`), as written, when valid.
    from: Option<String>,
    /// The period's last period, as written, when valid.
    to: Option<String>,
    /// Values of `lang`, `from` or `to` that are not one (key, value as written): they select
    /// nothing, and stay shown so the reader sees why and can remove them.
    invalid: Vec<(&'static str, String)>,
}

impl Selection {
    /// The name of the query parameter that carries the selection.
    pub const QUERY_KEY: &'static str = "entity";
    /// The name of the query parameter that carries the search.
    pub const SEARCH_KEY: &'static str = "q";

    /// The name of the query parameter that carries a language kept (repeated for each).
    pub const LANG_KEY: &'static str = "lang";
    /// The name of the query parameter that carries a source kept (repeated for each).
    pub const SOURCE_KEY: &'static str = "source";
    /// The name of the query parameter that carries the period's start.
    pub const FROM_KEY: &'static str = "from";
    /// The name of the query parameter that carries the period's end.
    pub const TO_KEY: &'static str = "to";

    /// The selection of the URL query parameters `entity` and `q` (either may be empty).
    pub fn from_params(entity: &str, search: &str) -> Self {
        Selection::from_query(entity).with_search(search)
    }

    /// The selection a URL's query parameters give, in their order: the ids of every `entity`
    /// parameter (`entity=a,b` and `entity=a&entity=b` alike), the last `q`, and the languages,
    /// sources and period ([`Selection::with_param`]); other keys are ignored.
    pub fn from_url<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Selection {
        let (mut entities, mut search, mut rest) = (String::new(), "", Vec::new());
        for (key, value) in params {
            match key {
                Selection::QUERY_KEY => {
                    entities.push(',');
                    entities.push_str(value);
                }
                Selection::SEARCH_KEY => search = value,
                _ => rest.push((key, value)),
            }
        }
        (rest.into_iter()).fold(Selection::from_params(&entities, search), |s, (k, v)| {
            s.with_param(k, v)
        })
    }

    /// The selection with one more URL query parameter `key=value` of the languages, sources
    /// and period (`lang`, `source`, `from`, `to`; any other key is ignored). Empty values and
    /// repeats are ignored; a value that is not a language code or a date is kept apart
    /// ([`Selection::invalid`]).
    #[must_use]
    pub fn with_param(mut self, key: &str, value: &str) -> Selection {
        let value = value.trim();
        if value.is_empty() {
            return self;
        }
        let mut invalid = |key: &'static str| {
            if !self.invalid.iter().any(|(k, v)| *k == key && v == value) {
                self.invalid.push((key, value.to_owned()));
            }
        };
        match key {
            Selection::LANG_KEY => {
                let code = value.to_ascii_lowercase();
                if !is_language_code(&code) {
                    invalid(Selection::LANG_KEY);
                } else if !self.langs.contains(&code) {
                    self.langs.push(code);
                }
            }
            Selection::SOURCE_KEY if !self.sources.iter().any(|s| s == value) => {
                self.sources.push(value.to_owned());
            }
            Selection::FROM_KEY | Selection::TO_KEY => {
                let key = if key == Selection::FROM_KEY {
                    Selection::FROM_KEY
                } else {
                    Selection::TO_KEY
                };
                if period_days(value).is_none() {
                    invalid(key);
                } else if key == Selection::FROM_KEY {
                    self.from = Some(value.to_owned());
                } else {
                    self.to = Some(value.to_owned());
                }
            }
            _ => {}
        }
        self
    }

    /// The URL query parameters of the selection, in order: `q`, `entity`, each `lang`, each
    /// `source`, `from`, `to`, then the values that are not valid, as written.
    pub fn params(&self) -> Vec<(&'static str, &str)> {
        let mut params = Vec::new();
        if let Some(search) = self.search_query() {
            params.push((Selection::SEARCH_KEY, search));
        }
        params.extend(self.langs.iter().map(|l| (Selection::LANG_KEY, l.as_str())));
        params.extend(
            self.sources
                .iter()
                .map(|s| (Selection::SOURCE_KEY, s.as_str())),
        );
        params.extend(self.from.iter().map(|f| (Selection::FROM_KEY, f.as_str())));
        params.extend(self.to.iter().map(|t| (Selection::TO_KEY, t.as_str())));
        params.extend(self.invalid.iter().map(|(k, v)| (*k, v.as_str())));
        params
    }

    /// The same entities with `text` as the search (leading whitespace dropped, the rest as
    /// typed: a final space says the last word is whole).
    #[must_use]
    pub fn with_search(&self, text: &str) -> Selection {
        Selection {
            search: text.trim_start().to_owned(),
            ..self.clone()
        }
    }

    /// The languages kept (lowercase codes), in the order they were chosen.
    pub fn langs(&self) -> &[String] {
        &self.langs
    }

    /// The sources kept, as written, in the order they were chosen.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The period's bounds as written (`from`, `to`), either may be open.
    pub fn period_bounds(&self) -> (Option<&str>, Option<&str>) {
        (self.from.as_deref(), self.to.as_deref())
    }

    /// The days the period keeps, first and last (days since 1970-01-01, inclusive), or `None`
    /// when there is no period. Bounds written the wrong way round are read the right way.
    pub fn period(&self) -> Option<(i64, i64)> {
        let from = self.from.as_deref().and_then(period_days);
        let to = self.to.as_deref().and_then(period_days);
        match (from, to) {
            (None, None) => None,
            (Some(f), None) => Some((f.0, i64::MAX)),
            (None, Some(t)) => Some((i64::MIN, t.1)),
            (Some(f), Some(t)) => Some((f.0.min(t.0), f.1.max(t.1))),
        }
    }

    /// The values of `lang`, `from` and `to` that are not valid (key, value as written): no
    /// article matches them.
    pub fn invalid(&self) -> &[(&'static str, String)] {
        &self.invalid
    }

    /// Whether the URL keeps only some languages, sources or a period (valid or not).
    pub fn refines(&self) -> bool {
        !self.langs.is_empty()
            || !self.sources.is_empty()
            || self.from.is_some()
            || self.to.is_some()
            || !self.invalid.is_empty()
    }

    /// Whether anything but the search filters the articles: entities, languages, sources or a
    /// period.
    pub fn filters(&self) -> bool {
        self.filters_entities() || self.refines()
    }

    /// The selection with `code` added to the languages kept, or removed if it was kept.
    #[must_use]
    pub fn toggled_lang(&self, code: &str) -> Selection {
        let mut out = self.clone();
        toggle(&mut out.langs, code);
        out
    }

    /// The selection with `source` added to the sources kept, or removed if it was kept.
    #[must_use]
    pub fn toggled_source(&self, source: &str) -> Selection {
        let mut out = self.clone();
        toggle(&mut out.sources, source);
        out
    }

    /// The selection keeping the period from `from` to `to` (each `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, either may be open); the invalid bounds dropped.
    #[must_use]
    pub fn with_period(&self, from: Option<&str>, to: Option<&str>) -> Selection {
        let mut out = self.without_period();
        for (key, value) in [(Selection::FROM_KEY, from), (Selection::TO_KEY, to)] {
            if let Some(value) = value {
                out = out.with_param(key, value);
            }
        }
        out
    }

    /// The selection without a period (and without invalid `from` or `to`).
    #[must_use]
    pub fn without_period(&self) -> Selection {
        let mut out = self.clone();
        out.from = None;
        out.to = None;
        out.invalid
            .retain(|(k, _)| *k != Selection::FROM_KEY && *k != Selection::TO_KEY);
        out
    }

    /// The selection without the invalid value `value` of `key`.
    #[must_use]
    pub fn without_invalid(&self, key: &str, value: &str) -> Selection {
        let mut out = self.clone();
        out.invalid.retain(|(k, v)| !(*k == key && v == value));
        out
    }

    /// The search as typed ("" when none).
    pub fn search(&self) -> &str {
        &self.search
    }

    /// The value of the `q` query parameter, or `None` when there is no search.
    pub fn search_query(&self) -> Option<&str> {
        (!self.search.trim().is_empty()).then_some(self.search.as_str())
    }

    /// Parses the value of the `entity` query parameter: ids separated by commas.
    ///
    /// Empty parts and repeats are ignored; order is kept, so pinned filters stay where the
    /// reader put them. Parts that are not ids are kept apart ([`Selection::not_ids`]).
    pub fn from_query(value: &str) -> Self {
        let mut entities: Vec<EntityId> = Vec::new();
        let mut not_ids: Vec<String> = Vec::new();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match EntityId::new(part) {
                Ok(id) if !entities.contains(&id) => entities.push(id),
                Ok(_) => {}
                Err(_) if !not_ids.iter().any(|p| p == part) => not_ids.push(part.to_owned()),
                Err(_) => {}
            }
        }
        Selection {
            entities,
            not_ids,
            ..Selection::default()
        }
    }

    /// The value of the `entity` query parameter, or `None` when nothing is selected.
    pub fn to_query(&self) -> Option<String> {
        (!self.entities.is_empty()).then(|| {
            self.entities
                .iter()
                .map(EntityId::as_str)
                .chain(self.not_ids.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    /// The selected ids, in the order they were selected.
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }

    /// The parts of the URL's `entity` that are not ids, as written: no article matches them.
    pub fn not_ids(&self) -> &[String] {
        &self.not_ids
    }

    /// Whether the URL filters by entity: ids, or parts that are not ids.
    pub fn filters_entities(&self) -> bool {
        !self.entities.is_empty() || !self.not_ids.is_empty()
    }

    /// The entity whose articles alone the view shows: one entity chosen and nothing else (no
    /// search, language, source or period), the view whose sidebar the entity's profile file
    /// carries (schema 2.8, [`crate::parts::View`]).
    pub fn only_entity(&self) -> Option<&EntityId> {
        match self.entities.as_slice() {
            [id] if self.not_ids.is_empty() && !self.refines() && self.search_query().is_none() => {
                Some(id)
            }
            _ => None,
        }
    }

    /// Whether nothing filters the articles: no entity, language, source, period or search.
    pub fn is_empty(&self) -> bool {
        !self.filters() && self.search_query().is_none()
    }

    /// The selection without the part `part` that is not an id.
    #[must_use]
    pub fn without_not_id(&self, part: &str) -> Selection {
        let mut without = self.clone();
        without.not_ids.retain(|p| p != part);
        without
    }

    /// Whether the entity is selected.
    pub fn contains(&self, id: &EntityId) -> bool {
        self.entities.contains(id)
    }

    /// The selection with `id` added, or removed if it was selected.
    pub fn toggled(&self, id: &EntityId) -> Selection {
        let mut entities = self.entities.clone();
        if let Some(pos) = entities.iter().position(|e| e == id) {
            entities.remove(pos);
        } else {
            entities.push(id.clone());
        }
        Selection {
            entities,
            ..self.clone()
        }
    }
}

/// Which files a site has that show a view before the whole site is loaded
/// ([`Selection::early`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EarlyFiles {
    /// Card pages (with `site.json`'s search index: a search's first results).
    pub cards: bool,
    /// Posting files (each entity's articles).
    pub postings: bool,
}

/// How a view is shown before the whole site is loaded ([`Selection::early`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Early<'a> {
    /// Every article: the first screen.
    Everything,
    /// A search over every article: the search index and the card pages of its results.
    Search,
    /// The articles that list every one of these entities (and match the search among them,
    /// when there is one): their posting files and card pages.
    Entities(&'a [EntityId]),
    /// Not before the whole site: languages, sources or a period (counted over every article),
    /// parts of the URL that are not ids (the whole site says why they select nothing), or a
    /// site without the files the view needs.
    Whole,
}

impl Early<'_> {
    /// Whether the view is shown from card pages: a search, or entity filters.
    pub fn from_cards(&self) -> bool {
        matches!(self, Early::Search | Early::Entities(_))
    }
}

impl Selection {
    /// How this view is shown before the whole site is loaded, on a site with `files`.
    pub fn early(&self, files: EarlyFiles) -> Early<'_> {
        if self.is_empty() {
            Early::Everything
        } else if self.refines() || !files.cards {
            Early::Whole
        } else if !self.filters_entities() {
            Early::Search
        } else if files.postings && self.not_ids.is_empty() {
            Early::Entities(&self.entities)
        } else {
            Early::Whole
        }
    }
}

/// Adds `value` to `list`, or removes it if it is there.
fn toggle(list: &mut Vec<String>, value: &str) {
    if let Some(pos) = list.iter().position(|v| v == value) {
        list.remove(pos);
    } else {
        list.push(value.to_owned());
    }
}

/// Whether `code` is a language code as the data writes them: two or three lowercase ASCII
/// letters (ISO 639).
fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_shown_before_the_whole_site_only_from_the_files_it_needs() {
        let all = EarlyFiles {
            cards: true,
            postings: true,
        };
        let cards = EarlyFiles {
            cards: true,
            postings: false,
        };
        let none = EarlyFiles::default();
        let everything = Selection::default();
        let search = Selection::from_url([("q", "koursk")]);
        let people = Selection::from_query("per-a-b,per-c-d");
        let searched_people = Selection::from_url([("entity", "per-a-b"), ("q", "koursk")]);
        let with_language = Selection::from_url([("entity", "per-a-b"), ("lang", "fr")]);
        let searched_in_a_year = Selection::from_url([("q", "koursk"), ("from", "2024")]);
        let not_an_id = Selection::from_query("per-a-b,Not An Id");
        let ids = |s: &Selection| s.entities().to_vec();
        for files in [all, cards, none] {
            assert_eq!(everything.early(files), Early::Everything);
            assert_eq!(with_language.early(files), Early::Whole);
            assert_eq!(searched_in_a_year.early(files), Early::Whole);
            assert_eq!(not_an_id.early(files), Early::Whole);
        }
        assert_eq!(search.early(all), Early::Search);
        assert_eq!(search.early(cards), Early::Search);
        assert_eq!(search.early(none), Early::Whole);
        assert_eq!(people.early(all), Early::Entities(&ids(&people)));
        assert_eq!(
            searched_people.early(all),
            Early::Entities(&ids(&searched_people))
        );
        assert_eq!(people.early(cards), Early::Whole);
        assert_eq!(searched_people.early(cards), Early::Whole);
        assert!(search.early(all).from_cards() && people.early(all).from_cards());
        assert!(!everything.early(all).from_cards() && !people.early(cards).from_cards());
    }

    #[test]
    fn only_a_view_of_one_entity_and_nothing_else_has_its_sidebar_in_a_profile() {
        let one = Selection::from_query("per-a-b");
        assert_eq!(one.only_entity().map(EntityId::as_str), Some("per-a-b"));
        let blank = Selection::from_url([("entity", "per-a-b"), ("q", " ")]);
        assert_eq!(blank.only_entity(), one.only_entity());
        for other in [
            Selection::default(),
            Selection::from_query("per-a-b,per-c-d"),
            Selection::from_query("per-a-b,Not An Id"),
            Selection::from_url([("entity", "per-a-b"), ("q", "koursk")]),
            Selection::from_url([("entity", "per-a-b"), ("lang", "fr")]),
            Selection::from_url([("entity", "per-a-b"), ("from", "2024")]),
            Selection::from_url([("q", "koursk")]),
        ] {
            assert_eq!(other.only_entity(), None, "{other:?}");
        }
    }

    #[test]
    fn query_round_trips_and_ignores_blanks_and_repeats() {
        let s = Selection::from_query("loc-koursk, ,per-donald-trump,loc-koursk");
        assert_eq!(s.entities().len(), 2);
        assert_eq!(s.to_query().as_deref(), Some("loc-koursk,per-donald-trump"));
        assert_eq!(Selection::from_query("").to_query(), None);
    }

    #[test]
    fn a_url_s_every_entity_parameter_counts_as_one_list() {
        let url = [
            ("entity", "loc-koursk"),
            ("lang", "fr"),
            ("entity", "per-donald-trump,loc-koursk"),
            ("q", "old"),
            ("q", "défense"),
            ("from", "2024-03"),
            ("utm_source", "x"),
        ];
        let s = Selection::from_url(url);
        assert_eq!(s.to_query().as_deref(), Some("loc-koursk,per-donald-trump"));
        assert_eq!(s.search_query(), Some("défense"));
        assert_eq!(s.langs(), ["fr"]);
        assert_eq!(s.period_bounds(), (Some("2024-03"), None));
        assert_eq!(
            Selection::from_url([("entity", "a-b"), ("entity", "c-d")]),
            Selection::from_query("a-b,c-d")
        );
        assert!(Selection::from_url([]).is_empty());
    }

    #[test]
    fn parts_that_are_not_ids_are_kept_apart_as_written() {
        let s = Selection::from_query("LOC-Koursk,loc-koursk,../x,per x,../x");
        assert_eq!(s.entities().len(), 1);
        assert_eq!(s.not_ids(), ["LOC-Koursk", "../x", "per x"]);
        assert_eq!(
            s.to_query().as_deref(),
            Some("loc-koursk,LOC-Koursk,../x,per x")
        );
        let s = s.without_not_id("../x").without_not_id("LOC-Koursk");
        assert_eq!(s.to_query().as_deref(), Some("loc-koursk,per x"));
        assert!(!Selection::from_query("../x").is_empty());
    }

    #[test]
    fn the_search_travels_with_the_entities() {
        let s = Selection::from_params("loc-koursk", "  défense ");
        assert_eq!(
            s.search(),
            "défense ",
            "a final space is kept: the last word is whole"
        );
        assert_eq!(s.search_query(), Some("défense "));
        let toggled = s.toggled(&EntityId::new("per-x").expect("a valid id"));
        assert_eq!(toggled.search(), "défense ");
        assert!(!Selection::from_params("", "kiev").is_empty());
        assert!(Selection::from_params("", "   ").is_empty());
        assert_eq!(Selection::from_params("", "   ").search_query(), None);
    }

    #[test]
    fn languages_sources_and_a_period_round_trip_through_the_url() {
        let s = Selection::from_params("loc-koursk", "kiev")
            .with_param("lang", "FR")
            .with_param("lang", "fr")
            .with_param("source", "Le Monde, Paris")
            .with_param("from", "2024-03")
            .with_param("to", "2024-05")
            .with_param("other", "x");
        assert_eq!(s.langs(), ["fr"]);
        assert_eq!(s.sources(), ["Le Monde, Paris"]);
        assert!(s.refines() && s.filters() && !s.is_empty());
        assert_eq!(
            s.params(),
            [
                ("q", "kiev"),
                ("lang", "fr"),
                ("source", "Le Monde, Paris"),
                ("from", "2024-03"),
                ("to", "2024-05")
            ]
        );
        // 1 March to 31 May 2024.
        let march = crate::timeline::days_from_civil(2024, 3, 1);
        let may_end = crate::timeline::days_from_civil(2024, 5, 31);
        assert_eq!(s.period(), Some((march, may_end)));
        let s = s
            .toggled_lang("fr")
            .toggled_source("Le Monde, Paris")
            .without_period();
        assert!(!s.refines());
        assert_eq!(s.to_query().as_deref(), Some("loc-koursk"));
        assert_eq!(s.search(), "kiev");
    }

    #[test]
    fn a_period_may_be_open_or_written_backwards() {
        let year = |y| {
            (
                crate::timeline::days_from_civil(y, 1, 1),
                crate::timeline::days_from_civil(y, 12, 31),
            )
        };
        let from = Selection::default().with_param("from", "2024");
        assert_eq!(from.period(), Some((year(2024).0, i64::MAX)));
        let to = Selection::default().with_param("to", "2024");
        assert_eq!(to.period(), Some((i64::MIN, year(2024).1)));
        let backwards = Selection::default().with_period(Some("2025"), Some("2024"));
        assert_eq!(backwards.period(), Some((year(2024).0, year(2025).1)));
        assert_eq!(
            Selection::default()
                .with_period(Some("2024-02-26"), Some("2024-03-03"))
                .period_bounds(),
            (Some("2024-02-26"), Some("2024-03-03"))
        );
    }

    #[test]
    fn invalid_languages_and_dates_are_kept_apart_and_removable() {
        let s = Selection::default()
            .with_param("from", "2024-13")
            .with_param("to", "mars")
            .with_param("lang", "français")
            .with_param("lang", "");
        assert_eq!(
            s.invalid(),
            [
                ("from", "2024-13".to_owned()),
                ("to", "mars".to_owned()),
                ("lang", "français".to_owned())
            ]
        );
        assert_eq!(s.period(), None);
        assert!(s.refines() && !s.is_empty());
        assert_eq!(s.params().len(), 3);
        let s = s.without_invalid("lang", "français").without_period();
        assert!(s.is_empty());
    }

    #[test]
    fn toggling_adds_then_removes() {
        let koursk = EntityId::new("loc-koursk").expect("a valid id");
        let s = Selection::default().toggled(&koursk);
        assert!(s.contains(&koursk));
        assert!(s.toggled(&koursk).is_empty());
    }
}
