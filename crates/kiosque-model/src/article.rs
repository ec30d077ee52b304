//! Articles: the summary in the index and the typed blocks of the body file.

use serde::{Deserialize, Serialize};

use crate::entity::EntityId;

/// An entity id as the body's types hold it: `String` for data as read (any string; empty
/// for a mention's entity that is missing or not a string), [`EntityId`] once checked (read
/// only when valid).
pub trait ReadId: Sized + for<'de> Deserialize<'de> {
    /// The id read as `raw` (`None`: missing or not a string), or why it cannot be.
    fn read(raw: Option<String>) -> Result<Self, String>;
}

impl ReadId for String {
    fn read(raw: Option<String>) -> Result<Self, String> {
        Ok(raw.unwrap_or_default())
    }
}

impl ReadId for EntityId {
    fn read(raw: Option<String>) -> Result<Self, String> {
        EntityId::new(raw.unwrap_or_default()).map_err(|e| e.to_string())
    }
}

/// What the index says about one article: enough for its card, its filters and its page header.
///
/// `E` (entity ids) is [`EntityId`]; data as read, before [`crate::validate`] checks it, has
/// `String` ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct ArticleSummary<E = EntityId> {
    /// Stable id (a slug), also the name of its body file `articles/<id>.json`.
    pub id: String,
    /// The title; see `title_derived`.
    pub title: String,
    /// True when the input had no title and this one was taken from the first sentence.
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_derived: bool,
    /// Publication date, ISO 8601 (`2025-01-06`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// True when the date was not given but inferred from the text.
    #[serde(default, skip_serializing_if = "is_false")]
    pub published_inferred: bool,
    /// The publication or site the article comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The original URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Licence of the text, when the input gave one (e.g. `CC BY 2.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// ISO 639-1 language code (`fr`, `en`), given or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The start of the body (never boilerplate), cut on a word boundary: at most
    /// [`crate::validate::EXCERPT_MAX_CHARS`] characters.
    pub excerpt: String,
    /// Number of words in the body.
    pub words: u32,
    /// The entities the article mentions, most salient first (more mentions, then earlier).
    #[serde(default)]
    pub entities: Vec<E>,
    /// A fingerprint of the body file ([`crate::stamp`]), added to its URL
    /// (`articles/<id>.json?v=<body_hash>`) so that a rebuilt body is never read from a cache.
    /// Since schema 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_hash: Option<String>,
}

impl<E> ArticleSummary<E> {
    /// An article known by its id and the entities it lists only (no title, text or date):
    /// what counting its entities reads.
    pub fn listing(id: String, entities: Vec<E>) -> Self {
        ArticleSummary {
            id,
            title: String::new(),
            title_derived: false,
            published: None,
            published_inferred: false,
            source: None,
            url: None,
            license: None,
            lang: None,
            excerpt: String::new(),
            words: 0,
            entities,
            body_hash: None,
        }
    }

    /// The same article listing `entities` instead.
    pub fn with_entities<F>(self, entities: Vec<F>) -> ArticleSummary<F> {
        let ArticleSummary {
            id,
            title,
            title_derived,
            published,
            published_inferred,
            source,
            url,
            license,
            lang,
            excerpt,
            words,
            entities: _,
            body_hash,
        } = self;
        ArticleSummary {
            id,
            title,
            title_derived,
            published,
            published_inferred,
            source,
            url,
            license,
            lang,
            excerpt,
            words,
            entities,
            body_hash,
        }
    }
}

impl ArticleSummary {
    /// Estimated reading time in whole minutes (at 220 words a minute, at least one).
    pub fn reading_minutes(&self) -> u32 {
        self.words.div_ceil(220).max(1)
    }

    /// Whether the article mentions the entity.
    pub fn mentions(&self, entity: &EntityId) -> bool {
        self.entities.contains(entity)
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The body file of one article: `articles/<id>.json`.
///
/// `E` (entity ids) is [`EntityId`]; data as read, before [`crate::validate`] checks it, has
/// `String` ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct ArticleBody<E = EntityId> {
    /// The article id, as in the index.
    pub id: String,
    /// The page in reading order, every part typed; nothing of the input is dropped.
    pub blocks: Vec<Block<E>>,
}

impl<E> ArticleBody<E> {
    /// The same body with every entity id `id` replaced by `f(id)`.
    pub fn map_ids<F>(self, mut f: impl FnMut(E) -> F) -> ArticleBody<F> {
        ArticleBody {
            id: self.id,
            blocks: self.blocks.into_iter().map(|b| b.map_ids(&mut f)).collect(),
        }
    }
}

impl From<ArticleBody> for ArticleBody<String> {
    fn from(body: ArticleBody) -> Self {
        body.map_ids(String::from)
    }
}

/// One typed part of a page.
///
/// Read by hand ([`read`]), not by serde's internally tagged enum, which buffers every block
/// before reading it and so takes its readers twice into the app (docs/app-size.md); the same
/// JSON is read the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block<E = EntityId> {
    /// A heading inside the body.
    Heading(TextBlock<E>),
    /// A paragraph of the body.
    Paragraph(TextBlock<E>),
    /// An embedded post (a tweet, …) quoted in the article.
    Embed(EmbedBlock<E>),
    /// A link to another article ("A lire aussi", "Read more").
    Related(RelatedBlock<E>),
    /// Text that is not the article: teasers, navigation, captions, legends…
    Boilerplate(BoilerplateBlock),
    /// A block kind added by a later minor version; readers skip it.
    Unknown,
}

impl<E> Block<E> {
    /// The same block with every entity id `id` replaced by `f(id)`.
    pub fn map_ids<F>(self, f: &mut impl FnMut(E) -> F) -> Block<F> {
        let mut mentions = |mentions: Vec<Mention<E>>| -> Vec<Mention<F>> {
            mentions
                .into_iter()
                .map(|m| Mention {
                    start: m.start,
                    end: m.end,
                    entity: f(m.entity),
                })
                .collect()
        };
        match self {
            Block::Heading(b) => Block::Heading(TextBlock {
                text: b.text,
                mentions: mentions(b.mentions),
            }),
            Block::Paragraph(b) => Block::Paragraph(TextBlock {
                text: b.text,
                mentions: mentions(b.mentions),
            }),
            Block::Embed(b) => {
                let listed = mentions(b.mentions);
                Block::Embed(EmbedBlock {
                    platform: b.platform,
                    text: b.text,
                    author: b.author,
                    handle: b.handle,
                    date: b.date,
                    media_link: b.media_link,
                    url: b.url,
                    author_entity: b.author_entity.map(f),
                    mentions: listed,
                })
            }
            Block::Related(b) => Block::Related(RelatedBlock {
                label: b.label,
                text: b.text,
                url: b.url,
                mentions: mentions(b.mentions),
            }),
            Block::Boilerplate(b) => Block::Boilerplate(b),
            Block::Unknown => Block::Unknown,
        }
    }

    /// Whether the block is part of the article body (headings and paragraphs).
    pub fn is_body(&self) -> bool {
        matches!(self, Block::Heading(_) | Block::Paragraph(_))
    }

    /// The block's text.
    pub fn text(&self) -> &str {
        match self {
            Block::Heading(b) | Block::Paragraph(b) => &b.text,
            Block::Embed(b) => &b.text,
            Block::Related(b) => &b.text,
            Block::Boilerplate(b) => &b.text,
            Block::Unknown => "",
        }
    }

    /// The entity mentions in the block's text.
    pub fn mentions(&self) -> &[Mention<E>] {
        match self {
            Block::Heading(b) | Block::Paragraph(b) => &b.mentions,
            Block::Embed(b) => &b.mentions,
            Block::Related(b) => &b.mentions,
            Block::Boilerplate(_) | Block::Unknown => &[],
        }
    }
}

/// A heading or paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct TextBlock<E = EntityId> {
    /// The text, as cleaned.
    pub text: String,
    /// Entity mentions in `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention<E>>,
}

/// An embedded social-media post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct EmbedBlock<E = EntityId> {
    /// The kind of post: `tweet`, `post`.
    pub platform: String,
    /// The text of the post, without its attribution line.
    pub text: String,
    /// The author's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The author's handle, with its `@`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// The date of the post, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A link to attached media, as written (`pic.twitter.com/…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_link: Option<String>,
    /// The link to the post itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The entity the author is, when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_entity: Option<E>,
    /// Entity mentions in `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention<E>>,
}

/// A link to a related article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: ReadId"))]
pub struct RelatedBlock<E = EntityId> {
    /// The marker that introduced it, as written ("A lire aussi").
    pub label: String,
    /// The linked article's title.
    pub text: String,
    /// The link target, when the input had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Entity mentions in `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention<E>>,
}

// By hand: the derive would ask for a default entity id, which no block needs.
impl<E> Default for TextBlock<E> {
    fn default() -> Self {
        TextBlock {
            text: String::new(),
            mentions: Vec::new(),
        }
    }
}

impl<E> Default for EmbedBlock<E> {
    fn default() -> Self {
        EmbedBlock {
            platform: String::new(),
            text: String::new(),
            author: None,
            handle: None,
            date: None,
            media_link: None,
            url: None,
            author_entity: None,
            mentions: Vec::new(),
        }
    }
}

impl<E> Default for RelatedBlock<E> {
    fn default() -> Self {
        RelatedBlock {
            label: String::new(),
            text: String::new(),
            url: None,
            mentions: Vec::new(),
        }
    }
}

/// Text kept but not shown as the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoilerplateBlock {
    /// Why it is not part of the article.
    pub reason: Noise,
    /// The text, as found.
    pub text: String,
}

/// The kinds of boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Noise {
    /// A teaser of another, unrelated article.
    Teaser,
    /// Site navigation, banners, skip links, taglines.
    Navigation,
    /// A caption or credit of an image or video.
    Caption,
    /// A map or chart legend.
    Legend,
    /// A dateline that restates the publication date.
    Dateline,
    /// A section footer: sources, sister links, related news headings.
    Footer,
    /// A notice about the page or the site rather than the news.
    Notice,
    /// Share buttons and similar calls to action.
    Share,
    /// The title line repeated at the top of the body.
    Title,
    /// Anything else that is not article text.
    #[serde(other)]
    Other,
}

/// A mention of an entity: a span of a block's text.
///
/// `start` and `end` count Unicode scalar values (code points, what Rust's `chars()` yields and
/// Python's `str` indexes), from the start of the block's `text`; `end` is exclusive.
///
/// Reading is lenient (see `lenient.rs`): with `String` ids (data as read), a mention that is
/// not valid is read all the same, so the rest of its article stays readable, and
/// [`crate::validate`] drops it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Mention<E = EntityId> {
    /// First code point of the mention.
    pub start: u32,
    /// One past the last code point of the mention.
    pub end: u32,
    /// The entity mentioned.
    pub entity: E,
}

impl Mention {
    /// What an offset that is not a code point index reads as: negative, fractional, not a
    /// number, or beyond `u32::MAX - 1`. No text is that long, so it is never in bounds.
    pub const INVALID_OFFSET: u32 = u32::MAX;
}

/// Reading a [`Block`]: its fields are read in one pass whatever their order, then its `kind`
/// says which it needs. A field a kind does not have is ignored, whatever it holds; a block of
/// a kind this reader does not know is [`Block::Unknown`].
mod read {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::{
        Block, BoilerplateBlock, EmbedBlock, Mention, Noise, ReadId, RelatedBlock, TextBlock,
    };

    /// The fields of every kind of block, in the order of [`Key`].
    const FIELDS: [&str; 11] = [
        "kind",
        "text",
        "platform",
        "author",
        "handle",
        "date",
        "media_link",
        "url",
        "author_entity",
        "label",
        "reason",
    ];

    /// A string field, or `mentions`, or any other key (ignored).
    enum Key {
        Field(usize),
        Mentions,
        Other,
    }

    struct KeyVisitor;

    impl Visitor<'_> for KeyVisitor {
        type Value = Key;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a field name")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
            Ok(match FIELDS.iter().position(|name| *name == v) {
                Some(field) => Key::Field(field),
                None if v == "mentions" => Key::Mentions,
                None => Key::Other,
            })
        }
    }

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_identifier(KeyVisitor)
        }
    }

    /// A field as read. Whether it may be missing, null or of another type depends on the
    /// block's kind, known only once the whole block is read.
    enum Slot<T> {
        Absent,
        Null,
        Value(T),
        /// Not of the field's type, or given twice: what is wrong.
        Bad(String),
    }

    impl<T> Slot<T> {
        /// Reads the value of the field, which `map` is at, into the slot.
        fn fill<'de, A: MapAccess<'de>>(&mut self, map: &mut A, name: &str) -> Result<(), A::Error>
        where
            Loose<T>: Deserialize<'de>,
        {
            let value = map.next_value::<Loose<T>>()?.0;
            *self = match self {
                Slot::Absent => value,
                _ => Slot::Bad(format!("duplicate field `{name}`")),
            };
            Ok(())
        }

        /// The value of a field the kind requires.
        fn required<E: de::Error>(self, name: &'static str) -> Result<T, E> {
            match self {
                Slot::Value(value) => Ok(value),
                Slot::Absent => Err(E::missing_field(name)),
                Slot::Null => Err(E::custom(format_args!("`{name}` is null"))),
                Slot::Bad(why) => Err(E::custom(why)),
            }
        }

        /// The value of an optional field: none when missing or null.
        fn optional<E: de::Error>(self) -> Result<Option<T>, E> {
            match self {
                Slot::Value(value) => Ok(Some(value)),
                Slot::Absent | Slot::Null => Ok(None),
                Slot::Bad(why) => Err(E::custom(why)),
            }
        }
    }

    /// A value read whatever it is: a slot of its field.
    struct Loose<T>(Slot<T>);

    /// Reads a value that is not what `what` expects, and says so.
    fn wrong<T>(what: &str) -> Slot<T> {
        Slot::Bad(format!("invalid type: {what}"))
    }

    struct LooseVisitor<T>(PhantomData<T>);

    /// The visitor methods of every JSON value that is none of the expected types.
    macro_rules! wrong_types {
        () => {
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Loose(Slot::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Loose(Slot::Null))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Loose(wrong("a boolean")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Loose(wrong("a number")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Loose(wrong("a number")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Loose(wrong("a number")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose(wrong("a map")))
            }
        };
    }

    impl<'de> Visitor<'de> for LooseVisitor<String> {
        type Value = Loose<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Loose(Slot::Value(v.to_owned())))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Loose(Slot::Value(v)))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Loose(wrong("a sequence, expected a string")))
        }

        wrong_types!();
    }

    impl<'de> Deserialize<'de> for Loose<String> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(LooseVisitor::<String>(PhantomData))
        }
    }

    impl<'de, I: ReadId> Visitor<'de> for LooseVisitor<Vec<Mention<I>>> {
        type Value = Loose<Vec<Mention<I>>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of mentions")
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Loose(wrong("a string, expected a sequence")))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            // The ids are checked once the list is read, so that a bad one spoils this field
            // only: a kind without mentions ignores them, as it ignores any field it lacks.
            let mut mentions = Vec::new();
            while let Some(mention) = seq.next_element::<Mention<String>>()? {
                mentions.push(mention);
            }
            let checked = mentions
                .into_iter()
                .map(|Mention { start, end, entity }| {
                    Ok(Mention {
                        start,
                        end,
                        entity: I::read(Some(entity))?,
                    })
                })
                .collect::<Result<Vec<_>, String>>();
            Ok(Loose(checked.map_or_else(Slot::Bad, Slot::Value)))
        }

        wrong_types!();
    }

    impl<'de, I: ReadId> Deserialize<'de> for Loose<Vec<Mention<I>>> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(LooseVisitor::<Vec<Mention<I>>>(PhantomData))
        }
    }

    /// The boilerplate reason named `name`; a reason this reader does not know is
    /// [`Noise::Other`].
    fn noise(name: &str) -> Noise {
        match name {
            "teaser" => Noise::Teaser,
            "navigation" => Noise::Navigation,
            "caption" => Noise::Caption,
            "legend" => Noise::Legend,
            "dateline" => Noise::Dateline,
            "footer" => Noise::Footer,
            "notice" => Noise::Notice,
            "share" => Noise::Share,
            "title" => Noise::Title,
            _ => Noise::Other,
        }
    }

    struct BlockVisitor<I>(PhantomData<I>);

    impl<'de, I: ReadId> Visitor<'de> for BlockVisitor<I> {
        type Value = Block<I>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a block {\"kind\", …}")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block<I>, A::Error> {
            let mut fields: [Slot<String>; 11] = std::array::from_fn(|_| Slot::Absent);
            let mut mentions = Slot::<Vec<Mention<I>>>::Absent;
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Field(field) => fields[field].fill(&mut map, FIELDS[field])?,
                    Key::Mentions => mentions.fill(&mut map, "mentions")?,
                    Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let [
                kind,
                text,
                platform,
                author,
                handle,
                date,
                media_link,
                url,
                author_entity,
                label,
                reason,
            ] = fields;
            let kind = kind.required("kind")?;
            // Missing: none; null is not a list.
            let mentions = || match mentions {
                Slot::Absent => Ok(Vec::new()),
                slot => slot.required("mentions"),
            };
            Ok(match kind.as_str() {
                "heading" | "paragraph" => {
                    let block = TextBlock {
                        text: text.required("text")?,
                        mentions: mentions()?,
                    };
                    if kind == "heading" {
                        Block::Heading(block)
                    } else {
                        Block::Paragraph(block)
                    }
                }
                "embed" => Block::Embed(EmbedBlock {
                    platform: platform.required("platform")?,
                    text: text.required("text")?,
                    author: author.optional()?,
                    handle: handle.optional()?,
                    date: date.optional()?,
                    media_link: media_link.optional()?,
                    url: url.optional()?,
                    author_entity: match author_entity.optional()? {
                        Some(id) => Some(I::read(Some(id)).map_err(de::Error::custom)?),
                        None => None,
                    },
                    mentions: mentions()?,
                }),
                "related" => Block::Related(RelatedBlock {
                    label: label.required("label")?,
                    text: text.required("text")?,
                    url: url.optional()?,
                    mentions: mentions()?,
                }),
                "boilerplate" => Block::Boilerplate(BoilerplateBlock {
                    reason: noise(&reason.required::<A::Error>("reason")?),
                    text: text.required("text")?,
                }),
                _ => Block::Unknown,
            })
        }
    }

    impl<'de, I: ReadId> Deserialize<'de> for Block<I> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(BlockVisitor(PhantomData))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_tagged_by_kind_and_unknown_kinds_are_skipped() {
        let json = r#"[
            {"kind": "paragraph", "text": "La Russie", "mentions": [{"start": 3, "end": 9, "entity": "loc-russie"}]},
            {"kind": "boilerplate", "reason": "teaser", "text": "PSG : …"},
            {"kind": "poll", "question": "?"}
        ]"#;
        let blocks: Vec<Block> = serde_json::from_str(json).expect("valid blocks");
        assert_eq!(blocks.len(), 3);
        assert!(blocks[0].is_body());
        assert_eq!(blocks[0].mentions()[0].entity.as_str(), "loc-russie");
        assert!(!blocks[1].is_body());
        assert_eq!(blocks[1].mentions(), &[]);
        assert_eq!(blocks[2], Block::Unknown);
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_a_minute() {
        let mut summary: ArticleSummary =
            serde_json::from_str(r#"{"id": "a", "title": "T", "excerpt": "", "words": 0}"#)
                .expect("minimal summary");
        assert_eq!(summary.reading_minutes(), 1);
        summary.words = 221;
        assert_eq!(summary.reading_minutes(), 2);
    }

    /// How serde's internally tagged enum read blocks before [`read`]: the reference that the
    /// hand-written reader is checked against.
    #[derive(Debug, Deserialize)]
    #[serde(tag = "kind", rename_all = "lowercase")]
    #[serde(bound(deserialize = "E: ReadId"))]
    enum Derived<E> {
        Heading(TextBlock<E>),
        Paragraph(TextBlock<E>),
        Embed(EmbedBlock<E>),
        Related(RelatedBlock<E>),
        Boilerplate(BoilerplateBlock),
        #[serde(other)]
        Unknown,
    }

    impl<E> From<Derived<E>> for Block<E> {
        fn from(block: Derived<E>) -> Self {
            match block {
                Derived::Heading(b) => Block::Heading(b),
                Derived::Paragraph(b) => Block::Paragraph(b),
                Derived::Embed(b) => Block::Embed(b),
                Derived::Related(b) => Block::Related(b),
                Derived::Boilerplate(b) => Block::Boilerplate(b),
                Derived::Unknown => Block::Unknown,
            }
        }
    }

    /// Whether `json` reads as the same block (or fails) with both readers, for entity ids `E`.
    fn same_as_derived<E: ReadId + PartialEq + std::fmt::Debug>(json: &str) -> Option<Block<E>> {
        let derived = serde_json::from_str::<Derived<E>>(json).map(Block::from);
        let read = serde_json::from_str::<Block<E>>(json);
        match (derived, read) {
            (Ok(derived), Ok(read)) => {
                assert_eq!(derived, read, "{json}");
                Some(read)
            }
            (Err(_), Err(_)) => None,
            (derived, read) => panic!("{json}: derived {derived:?}, read {read:?}"),
        }
    }

    #[test]
    fn blocks_read_by_hand_as_serde_s_tagged_enum_read_them() {
        let m = r#"[{"start": 0, "end": 2, "entity": "per-a"}, 7, {"start": -1}]"#;
        let read = [
            // Every kind, with every field, the kind first and last.
            format!(r#"{{"kind": "heading", "text": "T", "mentions": {m}}}"#),
            format!(r#"{{"text": "P", "mentions": {m}, "kind": "paragraph"}}"#),
            r#"{"kind": "embed", "platform": "tweet", "text": "x", "author": "A", "handle": "@a",
                "date": "2025-01-06", "media_link": "pic.twitter.com/x", "url": "https://x.com/a",
                "author_entity": "per-a", "mentions": []}"#
                .to_owned(),
            r#"{"kind": "embed", "platform": "post", "text": "x", "author": null}"#.to_owned(),
            r#"{"label": "A lire aussi", "text": "T", "url": "https://a.fr/b", "kind": "related"}"#
                .to_owned(),
            r#"{"kind": "boilerplate", "reason": "teaser", "text": "t"}"#.to_owned(),
            r#"{"kind": "boilerplate", "reason": "advert", "text": "t"}"#.to_owned(),
            // Fields a kind does not have are ignored, whatever they hold.
            r#"{"kind": "paragraph", "text": "P", "reason": 5, "url": [1], "x": {"y": null}}"#
                .to_owned(),
            // A kind this reader does not know, whatever its fields hold.
            r#"{"kind": "poll", "text": 5, "mentions": "m", "text": {}, "question": "?"}"#
                .to_owned(),
            "{\"kind\": \"paragraph\", \"text\": \"\\u00e9t\\u00e9 \\\"\u{1F600}\\\"\"}".to_owned(),
        ];
        for json in &read {
            assert!(same_as_derived::<String>(json).is_some(), "{json}");
        }
        let refused = [
            r#"{"text": "no kind"}"#,
            r#"{"kind": 5, "text": "t"}"#,
            r#"{"kind": "paragraph", "kind": "heading", "text": "t"}"#,
            r#"{"kind": "paragraph"}"#,
            r#"{"kind": "paragraph", "text": null}"#,
            r#"{"kind": "paragraph", "text": ["t"]}"#,
            r#"{"kind": "paragraph", "text": "t", "text": "u"}"#,
            r#"{"kind": "paragraph", "text": "t", "mentions": null}"#,
            r#"{"kind": "heading", "text": "t", "mentions": {}}"#,
            r#"{"kind": "embed", "text": "t"}"#,
            r#"{"kind": "embed", "platform": "tweet", "text": "t", "author": 5}"#,
            r#"{"kind": "related", "text": "t"}"#,
            r#"{"kind": "boilerplate", "text": "t"}"#,
            r#"{"kind": "boilerplate", "reason": 1, "text": "t"}"#,
            r#"{"kind": "paragraph", "text": "t""#,
            "5",
        ];
        for json in refused {
            assert_eq!(same_as_derived::<String>(json), None, "{json}");
        }
        // The one difference: serde also read a block written as an array (the kind, then the
        // fields in order), which no writer of the contract writes and its readers need not read.
        let array = r#"["paragraph", "t"]"#;
        assert!(serde_json::from_str::<Derived<String>>(array).is_ok());
        assert!(serde_json::from_str::<Block<String>>(array).is_err());
        // Checked ids: a block whose kind has no mentions ignores them, valid or not.
        for json in [
            r#"{"kind": "boilerplate", "reason": "teaser", "text": "t", "mentions": [{"entity": "X"}]}"#,
            r#"{"mentions": [{"start": 0, "end": 1, "entity": "Not An Id"}], "kind": "poll"}"#,
        ] {
            assert!(same_as_derived::<EntityId>(json).is_some(), "{json}");
        }
        // Checked ids: an author or a mention that is not a valid entity id is refused.
        for json in [
            r#"{"mentions": [{"start": 0, "end": 1, "entity": "X"}], "kind": "related", "label": "l", "text": "t"}"#,
            r#"{"kind": "embed", "platform": "p", "text": "t", "author_entity": "Not An Id"}"#,
            r#"{"kind": "paragraph", "text": "t", "mentions": [{"start": 0, "end": 1, "entity": "X"}]}"#,
        ] {
            assert_eq!(same_as_derived::<EntityId>(json), None, "{json}");
            assert!(same_as_derived::<String>(json).is_some(), "{json}");
        }
    }
}
