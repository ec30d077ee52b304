//! The sidebar as listed: facet groups narrowed by the search box and cut to the rows shown.

use std::sync::{Arc, Weak};

use crate::entity::{Entity, EntityId, Label};
use crate::facets::{FacetCounts, Keep, facet_groups};
use crate::index::Corpus;
use crate::search::typo;
use crate::selection::Selection;
use crate::text::fold;
use crate::ui::Language;

/// How well an entity's names hold the entity finder's text, best first: what orders the
/// finder's rows before their counts ("onu" lists the United Nations, spelled "ONU", before the
/// people whose names merely hold the letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// A name or spelling is the text.
    Name,
    /// A word of a name starts with it ("trump" in "Donald Trump").
    Word,
    /// A name holds it inside a word, or a typo away.
    Inside,
}

impl Fit {
    /// The best fit of `query` (folded, not blank, no [`Corpus::NAME_END`]) in `names`, an
    /// entity's folded names each followed by [`Corpus::NAME_END`].
    fn of(query: &str, names: &str) -> Option<Fit> {
        match query.as_bytes() {
            // One ASCII letter (the first keystroke, which most entities match): a loop over
            // the bytes, far quicker on a few names than a search for each.
            &[letter] => Fit::of_letter(letter, names),
            _ => Fit::of_text(query, names),
        }
    }

    /// [`Fit::of`] for any query: each place where `names` hold it looked at.
    fn of_text(query: &str, names: &str) -> Option<Fit> {
        let mut best = None;
        for (at, _) in names.match_indices(query) {
            let fit = Fit::at(query.len(), names, at);
            best = Some(best.map_or(fit, |best: Fit| best.min(fit)));
            if fit == Fit::Name {
                break;
            }
        }
        best
    }

    /// [`Fit::of`] for one ASCII letter: only the places where it may start a word are looked
    /// at (after a byte that is not an ASCII letter or digit, or after a character of more
    /// than one byte, decoded then); a letter after ASCII letters or digits only is inside.
    fn of_letter(letter: u8, names: &str) -> Option<Fit> {
        let mut best = None;
        let mut before = Corpus::NAME_END as u8;
        for (at, &byte) in names.as_bytes().iter().enumerate() {
            if byte == letter && (before >= 0x80 || !before.is_ascii_alphanumeric()) {
                let fit = Fit::at(1, names, at);
                best = Some(best.map_or(fit, |best: Fit| best.min(fit)));
                if fit == Fit::Name {
                    break;
                }
            }
            before = byte;
        }
        match best {
            None if names.as_bytes().contains(&letter) => Some(Fit::Inside),
            best => best,
        }
    }

    /// How the query, found at byte `at` of `names` (`len` bytes), fits there.
    fn at(len: usize, names: &str, at: usize) -> Fit {
        let before = names.get(..at).and_then(|b| b.chars().next_back());
        let name_ends = || {
            names
                .get(at + len..)
                .is_some_and(|after| after.starts_with(Corpus::NAME_END))
        };
        if before.is_some_and(char::is_alphanumeric) {
            Fit::Inside
        } else if before.is_none_or(|c| c == Corpus::NAME_END) && name_ends() {
            Fit::Name
        } else {
            Fit::Word
        }
    }

    /// The tier of the sidebar's order ([`crate::facets::Keep`]).
    fn tier(self) -> u8 {
        self as u8
    }
}

/// A folded search query over entity names and aliases (case- and accent-insensitive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityQuery {
    folded: String,
}

impl EntityQuery {
    /// Folds the query once, so matching many entities stays cheap.
    pub fn new(query: &str) -> Self {
        EntityQuery {
            folded: fold(query.trim()),
        }
    }

    /// Whether the query is blank (it then matches everything).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Whether the entity's name or one of its aliases contains the query.
    pub fn matches(&self, entity: &Entity) -> bool {
        self.is_empty()
            || std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .any(|name| fold(name).contains(&self.folded))
    }

    /// [`EntityQuery::matches`] for the entity at position `entity` of `corpus`, and how well,
    /// over the names the corpus folded once ([`Corpus::folded_names`]): what a keystroke in the
    /// entity finder asks of every entity. A blank query fits every entity as a [`Fit::Name`].
    pub fn fit_at(&self, corpus: &Corpus, entity: u32) -> Option<Fit> {
        if self.is_empty() {
            return Some(Fit::Name);
        }
        if self.folded.contains(Corpus::NAME_END) {
            // It would match across two names: each name on its own.
            return corpus
                .entities()
                .get(entity as usize)
                .is_some_and(|e| self.matches(e))
                .then_some(Fit::Inside);
        }
        Fit::of(&self.folded, corpus.folded_names(entity)?)
    }
}

/// The entities that the entity finder's query matches in a corpus, kept from one keystroke to
/// the next: a query that contains the previous one (a letter typed) is tried only on the
/// previous matches; any other (a letter deleted, the text replaced), or another corpus (the
/// whole site after the first screen), on every name, in one pass over them.
#[derive(Debug, Clone, Default)]
pub struct FinderMatches {
    query: EntityQuery,
    /// The corpus matched (held weakly: while it is, no other corpus can have its address).
    corpus: Weak<Corpus>,
    /// The matching entities' positions, in order (none kept for a blank query: every entity
    /// matches).
    entities: Vec<u32>,
    /// Two bits an entity, `e` at bits `2 * (e % 32)` of word `e / 32`: 0 when it does not
    /// match, else 3 less its [`Fit`].
    fits: Vec<u64>,
}

impl FinderMatches {
    /// The matches of `query` in `corpus`, every name tried.
    pub fn new(corpus: &Arc<Corpus>, query: EntityQuery) -> Self {
        FinderMatches::default().next(corpus, query)
    }

    /// The matches of `query` in `corpus`: these narrowed when `query` contains their query
    /// and `corpus` is theirs, else every name tried.
    pub fn next(&self, corpus: &Arc<Corpus>, query: EntityQuery) -> Self {
        let narrows = !self.query.is_empty()
            && query.folded.contains(&self.query.folded)
            && std::ptr::eq(self.corpus.as_ptr(), Arc::as_ptr(corpus));
        let fit = |e: u32| query.fit_at(corpus, e).map(|fit| (e, fit));
        let mut found: Vec<(u32, Fit)> = if query.is_empty() {
            Vec::new()
        } else if narrows {
            self.entities.iter().filter_map(|&e| fit(e)).collect()
        } else if query.folded.contains(Corpus::NAME_END) {
            (0..corpus.entities().len() as u32)
                .filter_map(fit)
                .collect()
        } else {
            corpus
                .entities_named_with(&query.folded)
                .into_iter()
                .filter_map(fit)
                .collect()
        };
        // No name as written: the names a typo away ("zelenski" finds Zelensky).
        if found.is_empty() && !query.is_empty() {
            found = with_typos(corpus, &query.folded)
                .into_iter()
                .map(|e| (e, Fit::Inside))
                .collect();
        }
        let mut fits = vec![0u64; corpus.entities().len().div_ceil(32)];
        for &(e, fit) in &found {
            if let Some(word) = fits.get_mut(e as usize / 32) {
                *word |= u64::from(3 - fit.tier()) << (2 * (e % 32));
            }
        }
        FinderMatches {
            query,
            corpus: Arc::downgrade(corpus),
            entities: found.into_iter().map(|(e, _)| e).collect(),
            fits,
        }
    }

    /// Whether the entity at position `entity` matches, and how well.
    pub fn fit(&self, entity: u32) -> Option<Fit> {
        if self.query.is_empty() {
            return Some(Fit::Name);
        }
        let word = self.fits.get(entity as usize / 32)?;
        match (word >> (2 * (entity % 32))) & 3 {
            3 => Some(Fit::Name),
            2 => Some(Fit::Word),
            1 => Some(Fit::Inside),
            _ => None,
        }
    }

    /// Whether the entity at position `entity` matches.
    pub fn contains(&self, entity: u32) -> bool {
        self.fit(entity).is_some()
    }
}

/// The entities the sidebar lists: those an [`EntityQuery`] matches (tried on each entity as
/// it is listed), or the [`FinderMatches`] found for one (the entity finder as one types).
pub trait EntityFilter {
    /// The query (blank: every entity).
    fn query(&self) -> &EntityQuery;
    /// Whether the entity at position `entity` of `corpus` is listed, and how well it fits.
    fn fit(&self, corpus: &Corpus, entity: u32) -> Option<Fit>;
}

impl EntityFilter for EntityQuery {
    fn query(&self) -> &EntityQuery {
        self
    }

    fn fit(&self, corpus: &Corpus, entity: u32) -> Option<Fit> {
        self.fit_at(corpus, entity)
    }
}

impl EntityFilter for FinderMatches {
    fn query(&self) -> &EntityQuery {
        &self.query
    }

    /// `corpus` is the one they were found in.
    fn fit(&self, _corpus: &Corpus, entity: u32) -> Option<Fit> {
        FinderMatches::fit(self, entity)
    }
}

/// The entities with a name or spelling in which a word starts with `folded` (a folded query)
/// give or take the typos a search word of its length may have ([`typo::allowed`]; none in its
/// first [`typo::KEPT`] letters): what the finder lists when no name holds the query as
/// written. One pass over the site's folded names.
fn with_typos(corpus: &Corpus, folded: &str) -> Vec<u32> {
    let query: Vec<char> = folded.chars().collect();
    let max = typo::allowed(query.len());
    let Some(kept) = (max > 0).then(|| query.get(..typo::KEPT)).flatten() else {
        return Vec::new();
    };
    let kept: String = kept.iter().collect();
    let (mut rows, mut start) = (typo::Rows::default(), Vec::new());
    (0..corpus.entities().len() as u32)
        .filter(|&e| {
            let Some(names) = corpus.folded_names(e) else {
                return false;
            };
            let mut before = Corpus::NAME_END;
            names.char_indices().any(|(i, c)| {
                let word_starts = !before.is_alphanumeric() && c.is_alphanumeric();
                before = c;
                if !word_starts || !names[i..].starts_with(&kept) {
                    return false;
                }
                start.clear();
                let end = names[i..]
                    .find(Corpus::NAME_END)
                    .map_or(names.len(), |n| i + n);
                start.extend(names[i..end].chars().take(query.len() + max));
                typo::within_using(&query, &start, max, true, &mut rows).is_some()
            })
        })
        .collect()
}

/// One sidebar entry, owned so that views need not borrow the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidebarRow {
    /// The entity.
    pub id: EntityId,
    /// Its canonical name.
    pub name: String,
    /// Visible articles that mention it.
    pub count: u32,
    /// Whether it is selected.
    pub selected: bool,
}

/// One group as listed: the rows shown, and how many entities matched the search in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidebarGroup {
    /// People, places, organisations or dates.
    pub label: Label,
    /// The rows shown, selected first, then by count (see [`facet_groups`]).
    pub rows: Vec<SidebarRow>,
    /// Entities of the group that match the search, shown or not.
    pub matched: usize,
}

impl SidebarGroup {
    /// Matching entities not shown yet ("show more").
    pub fn not_shown(&self) -> usize {
        self.matched.saturating_sub(self.rows.len())
    }

    /// Whether a selected entity is among the rows (a collapsed group then opens).
    pub fn has_selected(&self) -> bool {
        self.rows.iter().any(|r| r.selected)
    }
}

/// The sidebar over the visible articles' `counts`: facet groups with their counts, only the
/// entities that `filter` keeps, at most `limit(label)` rows per group, named as `language`
/// names them ([`Language::entity_name`]); groups with no match are left out. With a finder's
/// text, a group's rows that fit it best ([`Fit`]: a name that is the text, then one with a
/// word that starts with it) come first after the selected ones, whatever their counts, and
/// the groups with the best fits come first: "onu" lists the United Nations first.
pub fn sidebar_groups(
    corpus: &Corpus,
    counts: &FacetCounts,
    selection: &Selection,
    filter: &impl EntityFilter,
    limit: impl Fn(Label) -> usize,
    language: Language,
) -> Vec<SidebarGroup> {
    let kept = |e: u32| filter.fit(corpus, e).map(Fit::tier);
    let keep = (!filter.query().is_empty()).then_some(&kept as Keep<'_>);
    let mut groups = facet_groups(corpus, counts, selection, keep, limit);
    // Stable: groups of equal fits keep their order.
    crate::order::sort_by_key(&mut groups, |group| group.tier);
    groups
        .into_iter()
        .map(|group| SidebarGroup {
            label: group.label,
            rows: group
                .facets
                .iter()
                .map(|f| SidebarRow {
                    id: f.entity.id.clone(),
                    name: language.entity_name(f.entity).into_owned(),
                    count: f.count,
                    selected: f.selected,
                })
                .collect(),
            matched: group.matched,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Confidence;
    use crate::testing::{article, corpus, entity};

    fn find(corpus: &Arc<Corpus>, query: &str) -> FinderMatches {
        FinderMatches::new(corpus, EntityQuery::new(query))
    }

    #[test]
    fn the_finder_forgives_a_typo_only_when_no_name_is_written_so() {
        let named = |id: &str, name: &str, aliases: &[&str]| Entity {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            ..entity(id, Label::Person, 1)
        };
        let corpus = Arc::new(crate::testing::corpus(
            vec![article("a", &["per-zelensky", "per-zelenska", "loc-kyiv"])],
            vec![
                named("per-zelensky", "Volodymyr Zelensky", &[]),
                named("per-zelenska", "Olena Zelenska", &[]),
                named("loc-kyiv", "Kyiv", &["Kiev"]),
            ],
        ));
        let ids = |query: &str| -> Vec<&str> {
            let found = find(&corpus, query);
            (0..3u32)
                .filter(|&e| found.contains(e))
                .map(|e| corpus.entities()[e as usize].id.as_str())
                .collect()
        };
        // A typo in a word of a name, the query a start of it or the whole of it.
        assert_eq!(ids("zelenski"), ["per-zelensky", "per-zelenska"]);
        assert_eq!(ids("zélensky"), ["per-zelensky"]);
        assert_eq!(ids("volodimyr zel"), ["per-zelensky"]);
        // Written so somewhere: no typo looked for.
        assert_eq!(ids("zelensk"), ["per-zelensky", "per-zelenska"]);
        assert_eq!(ids("zelenska"), ["per-zelenska"]);
        // Too short for a typo, a typo in the first two letters, or too far.
        assert!(ids("kiyv").is_empty());
        assert!(ids("xelensky").is_empty());
        assert!(ids("zelxnxky").is_empty());
    }

    /// "onu" typed: the United Nations (a spelling that is the text) is listed first, in the
    /// first group, though it is in fewer articles than people whose names merely hold the
    /// letters and a group shows one row; a word that starts with the text comes before one
    /// that holds it; with every article shown or some, found as one types or asked once.
    #[test]
    fn the_finder_lists_the_best_fits_first_before_the_cut() {
        let named = |id: &str, label: Label, name: &str, aliases: &[&str]| Entity {
            name: name.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            ..entity(id, label, 1)
        };
        let corpus = Arc::new(crate::testing::corpus(
            vec![
                article("a", &["per-donutald", "per-minut", "org-un", "org-bonus"]),
                article("b", &["per-donutald", "per-minut", "per-onur", "org-bonus"]),
                article("c", &["per-donutald", "per-minut", "org-bonus"]),
                article("d", &["per-donutald"]),
            ],
            vec![
                named("per-donutald", Label::Person, "Donutald Trump", &[]),
                named("per-minut", Label::Person, "Minut Ronuty", &[]),
                named("per-onur", Label::Person, "Onur Kaya", &[]),
                named("org-bonus", Label::Organisation, "Gazprom Bonus", &[]),
                named(
                    "org-un",
                    Label::Organisation,
                    "Nations unies",
                    &["ONU", "UN"],
                ),
            ],
        ));
        let listed = |groups: Vec<SidebarGroup>| {
            groups
                .iter()
                .map(|g| {
                    let rows: Vec<&str> = g.rows.iter().map(|r| r.id.as_str()).collect();
                    format!("{:?}: {} of {}", g.label, rows.join(" "), g.matched)
                })
                .collect::<Vec<_>>()
        };
        for visible in [&[0, 1, 2, 3][..], &[0, 1, 2]] {
            let counts = FacetCounts::new(&corpus, visible);
            let groups = |limit: usize| {
                let found = sidebar_groups(
                    &corpus,
                    &counts,
                    &Selection::default(),
                    &find(&corpus, "ONU"),
                    |_| limit,
                    Language::En,
                );
                let asked = sidebar_groups(
                    &corpus,
                    &counts,
                    &Selection::default(),
                    &EntityQuery::new("onu"),
                    |_| limit,
                    Language::En,
                );
                assert_eq!(found, asked, "{visible:?}");
                found
            };
            assert_eq!(
                listed(groups(1)),
                ["Organisation: org-un of 2", "Person: per-onur of 3"],
                "{visible:?}"
            );
            assert_eq!(
                listed(groups(10)),
                [
                    "Organisation: org-un org-bonus of 2",
                    "Person: per-onur per-donutald per-minut of 3"
                ],
                "{visible:?}"
            );
        }
        // Without a text: the groups in their order, rows by count.
        let counts = FacetCounts::new(&corpus, &[0, 1, 2, 3]);
        let all = sidebar_groups(
            &corpus,
            &counts,
            &Selection::default(),
            &find(&corpus, ""),
            |_| 1,
            Language::En,
        );
        assert_eq!(
            listed(all),
            ["Person: per-donutald of 3", "Organisation: org-bonus of 2"]
        );
    }

    /// The quick look at one letter fits as the look at every place it is found.
    #[test]
    fn one_letter_fits_as_any_text_does() {
        let names = [
            "a\n",
            "ba\n",
            "b a\n",
            "l\u{2019}elysee\nelysee\n",
            "\u{444}a\nxa\n",
            "ca\na\n",
            "onu\nnations unies\n",
            "e-a\n",
        ];
        for names in names {
            for letter in ['a', 'e', 'n', 'u', 'z'] {
                let text = letter.to_string();
                assert_eq!(
                    Fit::of(&text, names),
                    Fit::of_text(&text, names),
                    "{letter:?} in {names:?}"
                );
            }
        }
        assert_eq!(Fit::of("a", "ca\na\n"), Some(Fit::Name));
        assert_eq!(Fit::of("e", "l\u{2019}elysee\n"), Some(Fit::Word));
        assert_eq!(Fit::of("a", "\u{444}a\n"), Some(Fit::Inside));
        assert_eq!(Fit::of("z", "ca\n"), None);
    }

    #[test]
    fn groups_are_searched_cut_and_dropped_when_empty() {
        let mut kyiv = entity("loc-kyiv", Label::Place, 1);
        kyiv.aliases = vec!["Kiev".into()];
        let corpus = Arc::new(corpus(
            vec![
                article("a", &["loc-koursk", "loc-kyiv", "per-trump"]),
                article("b", &["loc-koursk", "loc-kramatorsk"]),
            ],
            vec![
                entity("loc-koursk", Label::Place, 5),
                kyiv,
                entity("loc-kramatorsk", Label::Place, 1),
                entity("per-trump", Label::Person, 9),
            ],
        ));
        let counts = FacetCounts::new(&corpus, &[0, 1]);
        let selection = Selection::default();
        let groups = sidebar_groups(
            &corpus,
            &counts,
            &selection,
            &find(&corpus, "k"),
            |_| 2,
            Language::En,
        );
        // Trump has no "k": the people group goes.
        assert_eq!(groups.len(), 1);
        let places = &groups[0];
        assert_eq!(places.matched, 3);
        assert_eq!(places.not_shown(), 1);
        assert_eq!(places.rows[0].id.as_str(), "loc-koursk");
        assert_eq!(places.rows[0].count, 2);
        assert!(!places.has_selected());
        let by_alias = sidebar_groups(
            &corpus,
            &counts,
            &selection,
            &find(&corpus, "KIEV"),
            |_| 10,
            Language::En,
        );
        assert_eq!(by_alias[0].rows[0].id.as_str(), "loc-kyiv");
    }

    #[test]
    fn rows_rank_by_the_count_they_show_and_unsure_entities_come_last() {
        // Harry Potter in 4 articles (unsure), Zelensky in 3 (medium), Trump in 2 (sure),
        // Macron in 1 (sure).
        let corpus = |with_confidence: bool| {
            let mut potter = entity("per-harry-potter", Label::Person, 9);
            let mut zelensky = entity("per-zelensky", Label::Person, 9);
            if with_confidence {
                potter.confidence = Some(Confidence::Low);
                zelensky.confidence = Some(Confidence::Medium);
            }
            crate::testing::corpus(
                vec![
                    article("a", &["per-harry-potter", "per-zelensky", "per-trump"]),
                    article("b", &["per-harry-potter", "per-zelensky", "per-trump"]),
                    article("c", &["per-harry-potter", "per-zelensky", "per-macron"]),
                    article("d", &["per-harry-potter"]),
                    article("e", &[]),
                ],
                vec![
                    potter,
                    zelensky,
                    entity("per-trump", Label::Person, 2),
                    entity("per-macron", Label::Person, 1),
                ],
            )
        };
        // Every article visible (the corpus's order), or some (counted).
        let rows = |corpus: &Corpus, visible: &[u32], limit: usize| -> Vec<String> {
            let counts = FacetCounts::new(corpus, visible);
            let groups = sidebar_groups(
                corpus,
                &counts,
                &Selection::default(),
                &EntityQuery::default(),
                |_| limit,
                Language::En,
            );
            groups[0]
                .rows
                .iter()
                .map(|r| format!("{} {}", r.id, r.count))
                .collect()
        };
        // Data without confidences (schema 2.2 and older): by articles, as before.
        let old = corpus(false);
        assert_eq!(
            rows(&old, &[0, 1, 2, 3, 4], 4),
            [
                "per-harry-potter 4",
                "per-zelensky 3",
                "per-trump 2",
                "per-macron 1"
            ]
        );
        let new = Arc::new(corpus(true));
        // Zelensky (medium) by the count shown, as a sure one; Harry Potter after every sure
        // entity, whatever its count.
        for visible in [&[0, 1, 2, 3, 4][..], &[0, 1, 2, 3][..]] {
            assert_eq!(
                rows(&new, visible, 4),
                [
                    "per-zelensky 3",
                    "per-trump 2",
                    "per-macron 1",
                    "per-harry-potter 4"
                ],
                "{visible:?}"
            );
            // The top rows never show it.
            assert!(!rows(&new, visible, 3).iter().any(|r| r.contains("potter")));
        }
        // It is still found by its name.
        let counts = FacetCounts::new(&new, &[0, 1, 2, 3, 4]);
        let found = sidebar_groups(
            &new,
            &counts,
            &Selection::default(),
            &find(&new, "potter"),
            |_| 3,
            Language::En,
        );
        assert_eq!(found[0].rows[0].id.as_str(), "per-harry-potter");
    }

    #[test]
    fn matches_names_and_aliases_without_case_or_accents() {
        let mut defense = entity("org-defense", Label::Organisation, 1);
        defense.name = "ministère russe de la Défense".into();
        let mut koursk = entity("loc-koursk", Label::Place, 1);
        koursk.name = "Koursk".into();
        koursk.aliases = vec!["Kursk".into()];
        assert!(EntityQuery::new("DEFENSE").matches(&defense));
        assert!(EntityQuery::new("  ministere ").matches(&defense));
        assert!(EntityQuery::new("kursk").matches(&koursk));
        assert!(!EntityQuery::new("kursk").matches(&defense));
        assert!(EntityQuery::new("").matches(&defense));
        assert!(EntityQuery::new(" ").is_empty());
    }

    #[test]
    fn the_corpus_folded_names_find_what_folding_each_name_finds() {
        let mut defense = entity("org-defense", Label::Organisation, 1);
        defense.name = "ministère russe de la Défense".into();
        let mut koursk = entity("loc-koursk", Label::Place, 1);
        koursk.name = "Koursk".into();
        koursk.aliases = vec!["Kursk".into(), "Курск".into()];
        let mut kyiv = entity("loc-kyiv", Label::Place, 1);
        kyiv.name = "Kyiv".into();
        let corpus = Arc::new(corpus(
            vec![article("a", &["org-defense", "loc-koursk", "loc-kyiv"])],
            vec![defense, koursk, kyiv],
        ));
        let queries = [
            "",
            "DEFENSE",
            "défense",
            "kursk",
            "курск",
            "k",
            "rsk",
            "kyiv",
            "zzz",
            // Across two names of Koursk, or two entities: never a match.
            "kursk\nk",
            "kourskkursk",
            "defensekoursk",
        ];
        for query in queries {
            let found = find(&corpus, query);
            let query = EntityQuery::new(query);
            for (e, entity) in (0u32..).zip(corpus.entities()) {
                assert_eq!(
                    query.fit_at(&corpus, e).is_some(),
                    query.matches(entity),
                    "{query:?} on {}",
                    entity.id
                );
                assert_eq!(
                    found.contains(e),
                    query.matches(entity),
                    "{query:?} on {}",
                    entity.id
                );
            }
            // No entity there: no match, no panic.
            assert!(query.is_empty() || query.fit_at(&corpus, 99).is_none());
        }
        let at = |id: &str| {
            corpus
                .entity_position(&EntityId::new(id).expect("a valid id"))
                .expect("in the corpus")
        };
        assert!(
            EntityQuery::new("ministere")
                .fit_at(&corpus, at("org-defense"))
                .is_some()
        );
        assert!(
            EntityQuery::new("курск")
                .fit_at(&corpus, at("loc-koursk"))
                .is_some()
        );
        assert!(
            EntityQuery::new("курск")
                .fit_at(&corpus, at("loc-kyiv"))
                .is_none()
        );
    }

    #[test]
    fn the_finder_follows_typing_deleting_replacing_and_the_whole_site_arriving() {
        let place = |id: &str, name: &str| {
            let mut e = entity(id, Label::Place, 1);
            e.name = name.into();
            e
        };
        let first = Arc::new(corpus(
            vec![article("a", &["loc-koursk", "loc-kyiv"])],
            vec![place("loc-koursk", "Koursk"), place("loc-kyiv", "Kyiv")],
        ));
        // The whole site: two more places, after the first screen's.
        let whole = Arc::new(corpus(
            vec![article(
                "a",
                &["loc-koursk", "loc-kyiv", "loc-kramatorsk", "loc-kharkiv"],
            )],
            vec![
                place("loc-koursk", "Koursk"),
                place("loc-kyiv", "Kyiv"),
                place("loc-kramatorsk", "Kramatorsk"),
                place("loc-kharkiv", "Kharkiv"),
            ],
        ));
        let steps: [(&Arc<Corpus>, &str, &[&str]); 10] = [
            (&first, "k", &["loc-koursk", "loc-kyiv"]),
            // A letter typed.
            (&first, "ko", &["loc-koursk"]),
            // Deleted: Kyiv is back.
            (&first, "k", &["loc-koursk", "loc-kyiv"]),
            // Replaced.
            (&first, "yi", &["loc-kyiv"]),
            (&first, "", &["loc-koursk", "loc-kyiv"]),
            (&first, "K", &["loc-koursk", "loc-kyiv"]),
            // The whole site arrives while "k" is typed: its new places are found, and the
            // next letter narrows over them.
            (
                &whole,
                "k",
                &["loc-koursk", "loc-kyiv", "loc-kramatorsk", "loc-kharkiv"],
            ),
            (&whole, "kh", &["loc-kharkiv"]),
            (&whole, "h", &["loc-kharkiv"]),
            // Typed in the middle: still a query that contains the previous one.
            (&whole, "ha", &["loc-kharkiv"]),
        ];
        let mut finder = FinderMatches::default();
        for (corpus, text, expected) in steps {
            finder = finder.next(corpus, EntityQuery::new(text));
            let found: Vec<&str> = (0u32..)
                .zip(corpus.entities())
                .filter(|&(e, _)| finder.contains(e))
                .map(|(_, entity)| entity.id.as_str())
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
        // "kh" typed on the first screen, then the whole site: Kharkiv, although the first
        // screen had no match.
        let none = FinderMatches::new(&first, EntityQuery::new("kh"));
        let after = none.next(&whole, EntityQuery::new("kha"));
        assert!(after.contains(3));
        assert!(!after.contains(0));
    }
}
