//! The sidebar as listed: facet groups narrowed by the search box and cut to the rows shown.

use std::sync::{Arc, Weak};

use crate::entity::{Entity, EntityId, Label};
use crate::facets::{FacetCounts, facet_groups};
use crate::index::Corpus;
use crate::search::typo;
use crate::selection::Selection;
use crate::text::fold;
use crate::ui::Language;

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

    /// [`EntityQuery::matches`] for the entity at position `entity` of `corpus`, over the names
    /// the corpus folded once ([`Corpus::folded_names`]): what a keystroke in the entity finder
    /// asks of every entity.
    pub fn matches_at(&self, corpus: &Corpus, entity: u32) -> bool {
        if self.is_empty() {
            return true;
        }
        if self.folded.contains(Corpus::NAME_END) {
            // It would match across two names: each name on its own.
            return corpus
                .entities()
                .get(entity as usize)
                .is_some_and(|e| self.matches(e));
        }
        corpus
            .folded_names(entity)
            .is_some_and(|names| names.contains(&self.folded))
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
    /// Bit `e` set: entity `e` matches.
    bits: Vec<u64>,
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
        let entities: Vec<u32> = if query.is_empty() {
            Vec::new()
        } else if narrows {
            self.entities
                .iter()
                .copied()
                .filter(|&e| query.matches_at(corpus, e))
                .collect()
        } else if query.folded.contains(Corpus::NAME_END) {
            (0..corpus.entities().len() as u32)
                .filter(|&e| query.matches_at(corpus, e))
                .collect()
        } else {
            corpus.entities_named_with(&query.folded)
        };
        // No name as written: the names a typo away ("zelenski" finds Zelensky).
        let entities = if entities.is_empty() {
            with_typos(corpus, &query.folded)
        } else {
            entities
        };
        let mut bits = vec![0u64; corpus.entities().len().div_ceil(64)];
        for &e in &entities {
            if let Some(word) = bits.get_mut(e as usize / 64) {
                *word |= 1 << (e % 64);
            }
        }
        FinderMatches {
            query,
            corpus: Arc::downgrade(corpus),
            entities,
            bits,
        }
    }

    /// Whether the entity at position `entity` matches.
    pub fn contains(&self, entity: u32) -> bool {
        self.query.is_empty()
            || self
                .bits
                .get(entity as usize / 64)
                .is_some_and(|word| word & (1 << (entity % 64)) != 0)
    }
}

/// The entities the sidebar lists: those an [`EntityQuery`] matches (tried on each entity as
/// it is listed), or the [`FinderMatches`] found for one (the entity finder as one types).
pub trait EntityFilter {
    /// The query (blank: every entity).
    fn query(&self) -> &EntityQuery;
    /// Whether the entity at position `entity` of `corpus` is listed.
    fn keeps(&self, corpus: &Corpus, entity: u32) -> bool;
}

impl EntityFilter for EntityQuery {
    fn query(&self) -> &EntityQuery {
        self
    }

    fn keeps(&self, corpus: &Corpus, entity: u32) -> bool {
        self.matches_at(corpus, entity)
    }
}

impl EntityFilter for FinderMatches {
    fn query(&self) -> &EntityQuery {
        &self.query
    }

    /// `corpus` is the one they were found in.
    fn keeps(&self, _corpus: &Corpus, entity: u32) -> bool {
        self.contains(entity)
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
/// names them ([`Language::entity_name`]); groups with no match are left out.
pub fn sidebar_groups(
    corpus: &Corpus,
    counts: &FacetCounts,
    selection: &Selection,
    filter: &impl EntityFilter,
    limit: impl Fn(Label) -> usize,
    language: Language,
) -> Vec<SidebarGroup> {
    let kept = |e: u32| filter.keeps(corpus, e);
    let keep = (!filter.query().is_empty()).then_some(&kept as &dyn Fn(u32) -> bool);
    facet_groups(corpus, counts, selection, keep, limit)
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
                    query.matches_at(&corpus, e),
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
            assert!(query.is_empty() || !query.matches_at(&corpus, 99));
        }
        let at = |id: &str| {
            corpus
                .entity_position(&EntityId::new(id).expect("a valid id"))
                .expect("in the corpus")
        };
        assert!(EntityQuery::new("ministere").matches_at(&corpus, at("org-defense")));
        assert!(EntityQuery::new("курск").matches_at(&corpus, at("loc-koursk")));
        assert!(!EntityQuery::new("курск").matches_at(&corpus, at("loc-kyiv")));
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
