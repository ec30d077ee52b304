//! The reader's entity filter, and its form in the URL (`?entity=loc-koursk,per-donald-trump`).

use crate::entity::EntityId;

/// The entities a reader selected; an article must mention all of them (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    entities: Vec<EntityId>,
}

impl Selection {
    /// The name of the query parameter that carries the selection.
    pub const QUERY_KEY: &'static str = "entity";

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
        Selection { entities }
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

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
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
        Selection { entities }
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
    fn toggling_adds_then_removes() {
        let koursk = EntityId::from("loc-koursk");
        let s = Selection::default().toggled(&koursk);
        assert!(s.contains(&koursk));
        assert!(s.toggled(&koursk).is_empty());
    }
}
