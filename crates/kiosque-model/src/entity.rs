//! Entities: the people, places, organisations and dates the articles mention.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::validate::is_valid_id;

/// A stable entity id: `<label>-<slug of the canonical name>`, e.g. `loc-koursk`.
///
/// It can only hold a valid id (`[a-z0-9-]+`, see [`crate::validate::is_valid_id`]), so it is
/// safe in URLs, file names and query strings: made with [`EntityId::new`] (or `parse`,
/// `try_from`), and read from JSON only when valid. Data read from outside is read with its
/// ids as strings and checked by [`crate::validate`], which leaves out what holds an invalid id
/// and says so.
///
/// Shared, not copied: every article lists its entities by id, so a clone (an article's list
/// at 100,000 articles holds millions) only counts a reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct EntityId(Arc<str>);

/// A string that is not a valid id: not made of `a-z`, `0-9` and `-`, empty, or too long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an id: ids are made of a-z, 0-9 and - (1 to 200 characters)")]
pub struct InvalidId(pub String);

impl EntityId {
    /// The id, if `id` is a valid one.
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidId> {
        let id = id.into();
        if is_valid_id(&id) {
            Ok(EntityId(Arc::from(id)))
        } else {
            Err(InvalidId(id))
        }
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EntityId {
    type Error = InvalidId;

    fn try_from(id: String) -> Result<Self, InvalidId> {
        EntityId::new(id)
    }
}

impl TryFrom<&str> for EntityId {
    type Error = InvalidId;

    fn try_from(id: &str) -> Result<Self, InvalidId> {
        EntityId::new(id)
    }
}

impl FromStr for EntityId {
    type Err = InvalidId;

    fn from_str(id: &str) -> Result<Self, InvalidId> {
        EntityId::new(id)
    }
}

impl From<EntityId> for String {
    fn from(id: EntityId) -> String {
        id.0.to_string()
    }
}

impl Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Borrow<str> for EntityId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EntityId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// The type of an entity, as in the annotation guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Label {
    /// A named person.
    #[serde(rename = "PER")]
    Person,
    /// A named place.
    #[serde(rename = "LOC")]
    Place,
    /// A named organisation.
    #[serde(rename = "ORG")]
    Organisation,
    /// A day, month, year or weekday.
    #[serde(rename = "DATE")]
    Date,
}

impl Label {
    /// Every label, in the order the sidebar shows them.
    pub const ALL: [Label; 4] = [
        Label::Person,
        Label::Place,
        Label::Organisation,
        Label::Date,
    ];

    /// The short code used in the data and in `kiosque extract`: `PER`, `LOC`, `ORG`, `DATE`.
    pub fn code(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Place => "LOC",
            Label::Organisation => "ORG",
            Label::Date => "DATE",
        }
    }

    /// Parses a short code (`PER`, `LOC`, `ORG`, `DATE`; also spaCy's `PERSON` and `GPE`).
    pub fn from_code(code: &str) -> Option<Label> {
        match code {
            "PER" | "PERSON" => Some(Label::Person),
            "LOC" | "GPE" | "FAC" => Some(Label::Place),
            "ORG" => Some(Label::Organisation),
            "DATE" => Some(Label::Date),
            _ => None,
        }
    }

    /// The lowercase prefix of ids of this label: `per`, `loc`, `org`, `date`.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Label::Person => "per",
            Label::Place => "loc",
            Label::Organisation => "org",
            Label::Date => "date",
        }
    }

    /// A plural heading for lists of this label.
    pub fn plural(self) -> &'static str {
        match self {
            Label::Person => "People",
            Label::Place => "Places",
            Label::Organisation => "Organisations",
            Label::Date => "Dates",
        }
    }

    /// A singular noun for this label, in lower case, as inside a sentence (no case conversion:
    /// the app carries no case tables for this).
    pub fn lowercase(self) -> &'static str {
        match self {
            Label::Person => "person",
            Label::Place => "place",
            Label::Organisation => "organisation",
            Label::Date => "date",
        }
    }

    /// A singular noun for this label.
    pub fn singular(self) -> &'static str {
        match self {
            Label::Person => "Person",
            Label::Place => "Place",
            Label::Organisation => "Organisation",
            Label::Date => "Date",
        }
    }
}

/// How sure the extraction is that an entity is what its label says, from its evidence: a
/// known name (gazetteer), a given name, a role or title before it, a head noun ("ministère",
/// "Oblast"), a verb of saying after it, its full name in several articles. Lists rank
/// entities by articles weighted by it ([`Confidence::weight`]), and leave out what they are
/// not sure of ([`Confidence::Low`]) from their first rows.
///
/// The default is [`Confidence::High`]: what says nothing of its confidence (older data, another
/// tool's entities) is taken as sure, as before confidences.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Typed from context alone (a preposition before it, an ending), in one article.
    Low,
    /// Typed from one piece of evidence about the name itself, in one article, or from
    /// context alone in several.
    Medium,
    /// A known name, a patterned name or a date, or named with evidence in several articles.
    #[default]
    High,
}

impl Confidence {
    /// Every level, least sure first.
    pub const ALL: [Confidence; 3] = [Confidence::Low, Confidence::Medium, Confidence::High];

    /// The weight of an article that mentions an entity of this level, in quarters: a sure
    /// entity's article counts 1 (4 quarters), a medium one's ½, a low one's ¼.
    pub fn weight(self) -> u32 {
        match self {
            Confidence::Low => 1,
            Confidence::Medium => 2,
            Confidence::High => 4,
        }
    }

    /// The code written in the data: `low`, `medium`, `high`.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One entity of the corpus, after linking: one id and one canonical name for all its spellings.
///
/// `Id` is [`EntityId`]; data as read, before [`crate::validate`] checks it, has `String` ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity<Id = EntityId> {
    /// Stable id, unique in the corpus.
    pub id: Id,
    /// Person, place, organisation or date.
    pub label: Label,
    /// The canonical name shown to readers.
    pub name: String,
    /// Other spellings seen in the corpus (not including `name`), most frequent first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Number of articles that mention it.
    pub articles: u32,
    /// Number of mentions over the whole corpus.
    pub mentions: u32,
    /// For dates: the ISO 8601 value (`2025-01-06`, `2025-01`, `2025`) when it could be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// How sure the extraction is of it; data without it (before schema 2.3) is taken as sure
    /// ([`Entity::confidence`]), and so is a value this version does not know (read leniently).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::confidence"
    )]
    pub confidence: Option<Confidence>,
}

impl<Id> Entity<Id> {
    /// The same entity with the id `id`.
    pub fn with_id<New>(self, id: New) -> Entity<New> {
        let Entity {
            id: _,
            label,
            name,
            aliases,
            articles,
            mentions,
            value,
            confidence,
        } = self;
        Entity {
            id,
            label,
            name,
            aliases,
            articles,
            mentions,
            value,
            confidence,
        }
    }

    /// How sure the extraction is of it: what the data says, sure when it says nothing (data
    /// written before confidences, schema 2.2 and older).
    pub fn confidence(&self) -> Confidence {
        self.confidence.unwrap_or_default()
    }

    /// Whether lists show it in their first rows: not when the extraction is unsure of it.
    pub fn is_sure(&self) -> bool {
        self.confidence() > Confidence::Low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_label_has_its_noun_in_lower_case() {
        for label in Label::ALL {
            assert_eq!(label.lowercase(), label.singular().to_lowercase());
        }
    }

    #[test]
    fn an_entity_id_holds_only_a_valid_id() {
        assert_eq!(
            EntityId::new("loc-koursk").map(|id| id.to_string()),
            Ok("loc-koursk".to_owned())
        );
        for bad in ["", "LOC-x", "loc/../x", "loc x", "é", &"a".repeat(201)] {
            assert_eq!(
                EntityId::new(bad),
                Err(InvalidId(bad.to_owned())),
                "{bad:?}"
            );
            assert!(bad.parse::<EntityId>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn confidence_is_optional_and_older_data_reads_as_sure() {
        let old: Entity = serde_json::from_str(
            r#"{"id":"per-trump","label":"PER","name":"Trump","articles":3,"mentions":5}"#,
        )
        .expect("2.2 data reads");
        assert_eq!(old.confidence, None);
        assert_eq!(old.confidence(), Confidence::High);
        assert!(old.is_sure());
        let written = serde_json::to_string(&old).expect("written");
        assert!(!written.contains("confidence"), "{written}");
        for level in Confidence::ALL {
            let mut e = old.clone();
            e.confidence = Some(level);
            let json = serde_json::to_string(&e).expect("written");
            assert!(
                json.contains(&format!(r#""confidence":"{}""#, level.code())),
                "{json}"
            );
            let back: Entity = serde_json::from_str(&json).expect("read back");
            assert_eq!(back, e);
        }
        let unsure = Entity {
            confidence: Some(Confidence::Low),
            ..old.clone()
        };
        assert!(!unsure.is_sure());
    }

    #[test]
    fn a_confidence_this_version_does_not_know_reads_as_sure_not_as_an_error() {
        for value in [
            r#""certain""#,
            r#""High""#,
            "null",
            "3",
            "-1",
            "0.5",
            "true",
            "[1]",
            r#"{"level":"low"}"#,
        ] {
            let json = format!(
                r#"{{"id":"per-trump","label":"PER","name":"Trump","articles":3,"mentions":5,"confidence":{value}}}"#
            );
            let entity: Entity =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{value}: {e}"));
            assert_eq!(entity.confidence, None, "{value}");
            assert!(entity.is_sure(), "{value}");
        }
    }

    #[test]
    fn json_with_an_invalid_entity_id_is_refused_not_read() {
        let id: EntityId = serde_json::from_str(r#""per-trump""#).expect("valid");
        assert_eq!(
            serde_json::to_string(&id).expect("written"),
            r#""per-trump""#
        );
        let err = serde_json::from_str::<EntityId>(r#""PER/Trump""#).expect_err("refused");
        assert!(err.to_string().contains("is not an id"), "{err}");
    }
}
