//! Reading mentions leniently: the contract says readers tolerate bad offsets, so one mention
//! with a negative, fractional or huge offset, a missing or non-string entity, or no object at
//! all must not make the whole article body unreadable. Such a mention is read with
//! [`Mention::INVALID_OFFSET`] or an empty entity id, and [`crate::validate`] drops it and says
//! why. That is for data as read (`String` ids); a mention with a checked [`EntityId`] is read
//! only if its entity id is valid.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::article::{Mention, ReadId};
use crate::entity::Confidence;

/// Implements the visitor methods of every JSON value but the one a visitor wants, each giving
/// the fallback value (sequences and maps are read through and ignored).
macro_rules! otherwise {
    ($fallback:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($fallback)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($fallback)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($fallback)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($fallback)
        }
    };
}

/// A code point offset, or [`Mention::INVALID_OFFSET`] for anything that is not one.
struct Offset(u32);

impl<'de> Deserialize<'de> for Offset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OffsetVisitor).map(Offset)
    }
}

struct OffsetVisitor;

const INVALID: u32 = Mention::INVALID_OFFSET;

impl<'de> Visitor<'de> for OffsetVisitor {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code point offset")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        Ok(u32::try_from(v).unwrap_or(INVALID))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        Ok(u32::try_from(v).unwrap_or(INVALID))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        let whole = v.fract() == 0.0 && (0.0..f64::from(INVALID)).contains(&v);
        // In range and whole: the conversion is exact.
        Ok(if whole { v as u32 } else { INVALID })
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<u32, E> {
        Ok(INVALID)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u32, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(INVALID)
    }

    otherwise!(INVALID);
}

/// An entity id, or an empty one (which no entity has) for anything that is not a string.
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor).map(Id)
    }
}

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an entity id")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(String::new())
    }

    otherwise!(String::new());
}

/// An entity's confidence (`"low"`, `"medium"`, `"high"`), or `None` (taken as sure) for any
/// other value: a later minor version's level or another tool's spelling must not make the
/// entities of a whole file unreadable, as the contract's versioning promises.
pub(crate) fn confidence<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Confidence>, D::Error> {
    deserializer.deserialize_any(ConfidenceVisitor)
}

struct ConfidenceVisitor;

impl<'de> Visitor<'de> for ConfidenceVisitor {
    type Value = Option<Confidence>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a confidence")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Confidence::ALL.into_iter().find(|c| c.code() == v))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    otherwise!(None);
}

impl<'de, I: ReadId> Deserialize<'de> for Mention<I> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(MentionVisitor)
            .and_then(|raw| {
                Ok(Mention {
                    start: raw.start,
                    end: raw.end,
                    entity: I::read(raw.entity).map_err(de::Error::custom)?,
                })
            })
    }
}

struct MentionVisitor;

fn invalid() -> Mention<Option<String>> {
    Mention {
        start: INVALID,
        end: INVALID,
        entity: None,
    }
}

impl<'de> Visitor<'de> for MentionVisitor {
    type Value = Mention<Option<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mention {\"start\", \"end\", \"entity\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut mention = invalid();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "start" => mention.start = map.next_value::<Offset>()?.0,
                "end" => mention.end = map.next_value::<Offset>()?.0,
                "entity" => mention.entity = Some(map.next_value::<Id>()?.0),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(mention)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(invalid())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(invalid())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(invalid())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(invalid())
    }

    otherwise!(invalid());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Vec<Mention<String>> {
        serde_json::from_str(json).expect("mentions are always readable")
    }

    #[test]
    fn good_mentions_read_as_written() {
        let m = read(r#"[{"start": 3, "end": 9, "entity": "loc-russie", "extra": [1, {"a": 2}]}]"#);
        assert_eq!(
            m,
            [Mention {
                start: 3,
                end: 9,
                entity: "loc-russie".to_owned()
            }]
        );
        assert_eq!(
            read(r#"[{"start": 3.0, "end": 9, "entity": "x"}]"#)[0].start,
            3
        );
    }

    #[test]
    fn bad_offsets_read_as_invalid_without_failing_the_rest() {
        let m = read(
            r#"[
                {"start": -5, "end": 2, "entity": "a"},
                {"start": 1, "end": 99999999999999999999999, "entity": "a"},
                {"start": 1.5, "end": 2, "entity": "a"},
                {"start": "1", "end": null, "entity": "a"},
                {"start": [1], "end": {"x": 1}, "entity": "a"},
                {"end": 2, "entity": "a"},
                {"start": 0, "end": 4294967296, "entity": "a"}
            ]"#,
        );
        assert_eq!(m.len(), 7);
        for mention in &m {
            assert!(
                mention.start == INVALID || mention.end == INVALID,
                "{mention:?}"
            );
        }
    }

    #[test]
    fn a_mention_that_is_not_an_object_or_names_no_entity_reads_as_nothing() {
        let m = read(r#"[5, "x", null, true, [1, 2], {"start": 0, "end": 1, "entity": 7}]"#);
        assert_eq!(m.len(), 6);
        assert!(m.iter().all(|m| m.entity.is_empty()));
    }

    #[test]
    fn a_checked_mention_is_read_only_with_a_valid_entity_id() {
        let m: Vec<Mention> =
            serde_json::from_str(r#"[{"start": 0, "end": 1, "entity": "loc-x"}]"#).expect("valid");
        assert_eq!(m[0].entity.as_str(), "loc-x");
        for bad in [
            r#"[{"start": 0, "end": 1, "entity": "LOC"}]"#,
            r#"[{"start": 0, "end": 1}]"#,
        ] {
            assert!(serde_json::from_str::<Vec<Mention>>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_truncated_file_is_still_an_error() {
        assert!(serde_json::from_str::<Vec<Mention>>(r#"[{"start": 1, "end""#).is_err());
    }
}
