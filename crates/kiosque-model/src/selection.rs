//! The reader's view of the articles: the entities they filter by and the words they search for,
//! and its form in the URL (`?q=koursk&entity=loc-koursk,per-donald-trump`).

use crate::entity::EntityId;

/// The entities a reader selected (an article must mention all of them: AND) and the words they
/// search for (as typed: the search index reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    entities: Vec<EntityId>,
    /// Parts of the URL's `entity` that are not ids, as written: they select nothing (no
    /// entity has them), and stay shown so the reader sees why and can remove them.
    not_ids: Vec<String>,
    search: String,
}

impl Selection {
    /// The name of the query parameter that carries the selection.
    pub const QUERY_KEY: &'static str = "entity";
    /// The name of the query parameter that carries the search.
    pub const SEARCH_KEY: &'static str = "q";

    /// The selection of the URL query parameters `entity` and `q` (either may be empty).
    pub fn from_params(entity: &str, search: &str) -> Self {
        Selection::from_query(entity).with_search(search)
    }

    /// The same entities with `text` as the search (leading whitespace dropped, the rest as
    /// typed: a final space says the last word is whole).
    #[must_use]
    pub fn with_search(&self, text: &str) -> Selection {
        Selection {
            entities: self.entities.clone(),
            not_ids: self.not_ids.clone(),
            search: text.trim_start().to_owned(),
        }
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
            search: String::new(),
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

    /// Whether nothing filters the articles: no entity and no search.
    pub fn is_empty(&self) -> bool {
        !self.filters_entities() && self.search_query().is_none()
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
            not_ids: self.not_ids.clone(),
            search: self.search.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trips_and_ignores_blanks_and_repeats() {
        let s = Selection::from_query("loc-koursk, ,per-donald-trump,loc-koursk");
        assert_eq!(s.entities().len(), 2);
        assert_eq!(s.to_query().as_deref(), Some("loc-koursk,per-donald-trump"));
        assert_eq!(Selection::from_query("").to_query(), None);
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
    fn toggling_adds_then_removes() {
        let koursk = EntityId::new("loc-koursk").expect("a valid id");
        let s = Selection::default().toggled(&koursk);
        assert!(s.contains(&koursk));
        assert!(s.toggled(&koursk).is_empty());
    }
}
