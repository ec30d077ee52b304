//! Entities: the people, places, organisations and dates the articles mention.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable entity id: `<label>-<slug of the canonical name>`, e.g. `loc-koursk`.
///
/// Made of `[a-z0-9-]` only, so it is safe in URLs, file names and query strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntityId(pub String);

impl EntityId {
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

impl From<&str> for EntityId {
    fn from(id: &str) -> Self {
        EntityId(id.to_owned())
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

/// One entity of the corpus, after linking: one id and one canonical name for all its spellings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id, unique in the corpus.
    pub id: EntityId,
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
}
