//! The reader's view of the articles: the entities they filter by and the words they search for,
//! and its form in the URL (`?q=koursk&entity=loc-koursk,per-donald-trump`).

use crate::entity::EntityId;

/// The entities a reader selected (an article must mention all of them: AND) and the words they
/// search for (as typed: the search index reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    entities: Vec<EntityId>,
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
    /// reader put them.
    pub fn from_query(value: &str) -> Self {
        let mut entities: Vec<EntityId> = Vec::new();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let id = EntityId::from(part);
            if !entities.contains(&id) {
                entities.push(id);
            }
        }
        Selection {
            entities,
            search: String::new(),
        }
    }

    /// The value of the `entity` query parameter, or `None` when nothing is selected.
    pub fn to_query(&self) -> Option<String> {
        (!self.entities.is_empty()).then(|| {
            self.entities
                .iter()
                .map(EntityId::as_str)
                .collect::<Vec<_>>()
                .join(",")
        })
    }

    /// The selected ids, in the order they were selected.
    pub fn entities(&self) -> &[EntityId] {
        &self.entities
    }

    /// Whether nothing filters the articles: no entity and no search.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.search_query().is_none()
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
    fn the_search_travels_with_the_entities() {
        let s = Selection::from_params("loc-koursk", "  défense ");
        assert_eq!(
            s.search(),
            "défense ",
            "a final space is kept: the last word is whole"
        );
        assert_eq!(s.search_query(), Some("défense "));
        let toggled = s.toggled(&EntityId::from("per-x"));
        assert_eq!(toggled.search(), "défense ");
        assert!(!Selection::from_params("", "kiev").is_empty());
        assert!(Selection::from_params("", "   ").is_empty());
        assert_eq!(Selection::from_params("", "   ").search_query(), None);
    }

    #[test]
    fn toggling_adds_then_removes() {
        let koursk = EntityId::from("loc-koursk");
        let s = Selection::default().toggled(&koursk);
        assert!(s.contains(&koursk));
        assert!(s.toggled(&koursk).is_empty());
    }
}
