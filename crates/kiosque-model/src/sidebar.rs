//! The sidebar as listed: facet groups narrowed by the search box and cut to the rows shown.

use crate::entity::{Entity, EntityId, Label};
use crate::facets::{FacetCounts, facet_groups};
use crate::index::Corpus;
use crate::selection::Selection;
use crate::text::fold;

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
/// entities matching `query`, at most `limit(label)` rows per group; groups with no match are
/// left out.
pub fn sidebar_groups(
    corpus: &Corpus,
    counts: &FacetCounts,
    selection: &Selection,
    query: &EntityQuery,
    limit: impl Fn(Label) -> usize,
) -> Vec<SidebarGroup> {
    let matches = |e: u32| query.matches_at(corpus, e);
    let keep = (!query.is_empty()).then_some(&matches as &dyn Fn(u32) -> bool);
    facet_groups(corpus, counts, selection, keep, limit)
        .into_iter()
        .map(|group| SidebarGroup {
            label: group.label,
            rows: group
                .facets
                .iter()
                .map(|f| SidebarRow {
                    id: f.entity.id.clone(),
                    name: f.entity.name.clone(),
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

    #[test]
    fn groups_are_searched_cut_and_dropped_when_empty() {
        let mut kyiv = entity("loc-kyiv", Label::Place, 1);
        kyiv.aliases = vec!["Kiev".into()];
        let corpus = corpus(
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
        );
        let counts = FacetCounts::new(&corpus, &[0, 1]);
        let selection = Selection::default();
        let groups = sidebar_groups(&corpus, &counts, &selection, &EntityQuery::new("k"), |_| 2);
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
            &EntityQuery::new("KIEV"),
            |_| 10,
        );
        assert_eq!(by_alias[0].rows[0].id.as_str(), "loc-kyiv");
    }

    #[test]
    fn rows_rank_by_articles_weighted_by_confidence_and_unsure_entities_come_last() {
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
        let new = corpus(true);
        // Zelensky: 3 articles × ½ = 1.5 < Trump's 2; Harry Potter after every sure entity.
        for visible in [&[0, 1, 2, 3, 4][..], &[0, 1, 2, 3][..]] {
            assert_eq!(
                rows(&new, visible, 4),
                [
                    "per-trump 2",
                    "per-zelensky 3",
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
            &EntityQuery::new("potter"),
            |_| 3,
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
        let corpus = corpus(
            vec![article("a", &["org-defense", "loc-koursk", "loc-kyiv"])],
            vec![defense, koursk, kyiv],
        );
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
            let query = EntityQuery::new(query);
            for (e, entity) in (0u32..).zip(corpus.entities()) {
                assert_eq!(
                    query.matches_at(&corpus, e),
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
}
