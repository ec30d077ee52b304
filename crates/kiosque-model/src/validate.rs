//! The one check of the data contract: the app runs it on what it reads, the CLI on what it
//! publishes. It never fails: it returns the value made safe to show, and the list of what it
//! had to change, so one bad field or mention never costs a reader the rest of the article.

use std::collections::HashSet;
use std::fmt;

use crate::article::{
    ArticleBody, ArticleSummary, Block, EmbedBlock, Mention, RelatedBlock, TextBlock,
};
use crate::entity::EntityId;
use crate::index::{Corpus, SiteIndex, SiteTotals, UncheckedIndex};
use crate::stamp;
use crate::text::shorten;

/// The longest excerpt the contract allows, in characters (code points), `…` included.
pub const EXCERPT_MAX_CHARS: usize = 220;

/// A value as checked: made to fit the contract, and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The value, with what breaks the contract cut, dropped or ignored.
    pub value: T,
    /// What was changed, in the order found; empty for valid data.
    pub problems: Vec<Problem>,
}

/// Which table an id is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// An article id.
    Article,
    /// An entity id.
    Entity,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Item::Article => "article",
            Item::Entity => "entity",
        })
    }
}

/// The span of a mention as read, with offsets that were not numbers shown as `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offsets {
    /// First code point.
    pub start: u32,
    /// One past the last.
    pub end: u32,
}

impl fmt::Display for Offsets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |v: u32| {
            if v == Mention::INVALID_OFFSET {
                "?".to_owned()
            } else {
                v.to_string()
            }
        };
        write!(f, "{}..{}", part(self.start), part(self.end))
    }
}

/// Why a mention was left as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionFault {
    /// An offset is not a code point index: negative, fractional, not a number or too large.
    InvalidOffset,
    /// It covers no text: `start` is not before `end`.
    Empty,
    /// It ends past the end of the block's text, which has `chars` code points.
    OutOfBounds {
        /// The length of the block's text.
        chars: usize,
    },
    /// It starts inside the mention before it.
    Overlaps,
    /// Its entity is not in the index (there would be no page to link to).
    UnknownEntity,
}

impl fmt::Display for MentionFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MentionFault::InvalidOffset => f.write_str(
                "an offset is not a code point index (negative, fractional or too large)",
            ),
            MentionFault::Empty => f.write_str("it is empty (start is not before end)"),
            MentionFault::OutOfBounds { chars } => {
                write!(f, "it ends past the text ({chars} characters)")
            }
            MentionFault::Overlaps => f.write_str("it overlaps the mention before it"),
            MentionFault::UnknownEntity => f.write_str("the index has no such entity"),
        }
    }
}

/// One way the data broke the contract, and what was done about it. Values from the data are
/// quoted with Rust's escapes, so a message never carries raw control characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// An id that is not `[a-z0-9-]+` (it becomes a file name and a URL): the item is left out.
    #[error("{item} id {id:?} is not made of a-z, 0-9 and -; left out")]
    InvalidId {
        /// Article or entity.
        item: Item,
        /// The id as read.
        id: String,
    },
    /// An id used twice in the index: only the first item is kept.
    #[error("{item} id {id:?} is used more than once; only the first is kept")]
    DuplicateId {
        /// Article or entity.
        item: Item,
        /// The id.
        id: String,
    },
    /// An excerpt longer than [`EXCERPT_MAX_CHARS`]: cut.
    #[error("article {article:?}: the excerpt has {chars} characters; cut to {EXCERPT_MAX_CHARS}")]
    ExcerptTooLong {
        /// The article.
        article: String,
        /// Its length as read.
        chars: usize,
    },
    /// An optional field whose value is not of its documented form: ignored.
    #[error("article {article:?}: {field} {value:?} is not valid; ignored")]
    InvalidField {
        /// The article.
        article: String,
        /// The field's name in the JSON.
        field: &'static str,
        /// The value as read.
        value: String,
    },
    /// An article lists an entity the index does not have: left out of its list.
    #[error("article {article:?} lists entity {entity:?}, which is not in the index; left out")]
    UnknownEntity {
        /// The article.
        article: String,
        /// The unknown id.
        entity: String,
    },
    /// A body file whose `id` is not the article it was loaded for.
    #[error("the body file of article {expected:?} says it is {found:?}")]
    BodyIdMismatch {
        /// The article it was loaded for.
        expected: String,
        /// The id it carries.
        found: String,
    },
    /// A block's mentions are not sorted by `start`: sorted.
    #[error("article {article:?}, blocks[{block}]: the mentions are not sorted; sorted")]
    MentionsUnsorted {
        /// The article.
        article: String,
        /// The block's index in `blocks`.
        block: usize,
    },
    /// A mention that cannot be shown: its text stays plain.
    #[error(
        "article {article:?}, blocks[{block}]: mention {span} of {entity:?}: {fault}; left as plain text"
    )]
    BadMention {
        /// The article.
        article: String,
        /// The block's index in `blocks`.
        block: usize,
        /// Its offsets as read.
        span: Offsets,
        /// Its entity id as read.
        entity: String,
        /// What is wrong.
        fault: MentionFault,
    },
    /// An embed's `author_entity` is not in the index: the author is not linked.
    #[error(
        "article {article:?}, blocks[{block}]: author entity {entity:?} is not in the index; not linked"
    )]
    UnknownAuthor {
        /// The article.
        article: String,
        /// The block's index in `blocks`.
        block: usize,
        /// The unknown id.
        entity: String,
    },
}

/// Whether `id` is a valid article or entity id: `[a-z0-9-]+`, at most 200 bytes (it becomes a
/// file or directory name).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `code` is an ISO 639-1 language code as the contract writes them: two lowercase
/// letters.
pub fn is_language_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// An article body as read, its ids not checked yet: what [`body`] checks.
pub type UncheckedBody = ArticleBody<String>;

/// Checks `index.json` (as read, [`crate::index::parse_index`], or as built): ids valid and
/// unique (invalid or repeated articles and entities are left out), excerpts within
/// [`EXCERPT_MAX_CHARS`], `lang` and `body_hash` of their form, every listed entity in the
/// entity table. What is kept has checked ids ([`EntityId`]).
pub fn index(index: impl Into<UncheckedIndex>) -> Checked<SiteIndex> {
    numbered(index.into()).0
}

/// [`index`], and the position in the file of each article kept: its number in the files that
/// refer to articles by number (posting files, card pages; the search index from the oldest).
fn numbered(index: UncheckedIndex) -> (Checked<SiteIndex>, Vec<u32>) {
    let mut problems = Vec::new();
    let SiteIndex {
        schema_version,
        generator,
        mut articles,
        entities,
        search,
    } = index;
    let mut seen: HashSet<EntityId> = HashSet::new();
    let entities: Vec<_> = entities
        .into_iter()
        .filter_map(|entity| {
            let id = checked_id(Item::Entity, &entity.id, &mut problems)?;
            first(Item::Entity, &id, &mut seen, &mut problems).then(|| entity.with_id(id))
        })
        .collect();
    let known = seen;
    let mut seen: HashSet<String> = HashSet::new();
    let mut numbers = Vec::with_capacity(articles.len());
    let mut position = 0u32;
    // `retain` visits the articles in order.
    articles.retain(|article| {
        let keep = keep_id(Item::Article, &article.id, &mut problems)
            && first(Item::Article, &article.id, &mut seen, &mut problems);
        if keep {
            numbers.push(position);
        }
        position = position.saturating_add(1);
        keep
    });
    for article in &mut articles {
        check_fields(article, &mut problems);
    }
    let articles = articles
        .into_iter()
        .map(|article| {
            let mut listed = Vec::with_capacity(article.entities.len());
            for id in &article.entities {
                // An id that is not valid is in no entity table: unknown all the same.
                match known.get(id.as_str()) {
                    Some(id) => listed.push(id.clone()),
                    None => problems.push(Problem::UnknownEntity {
                        article: article.id.clone(),
                        entity: id.clone(),
                    }),
                }
            }
            article.with_entities(listed)
        })
        .collect();
    (
        Checked {
            value: SiteIndex {
                schema_version,
                generator,
                articles,
                entities,
                search,
            },
            problems,
        },
        numbers,
    )
}

/// Checks an article's excerpt (cut to [`EXCERPT_MAX_CHARS`]) and its optional fields of a
/// documented form (ignored when not of it), noting what it changed.
pub(crate) fn check_fields<E>(article: &mut ArticleSummary<E>, problems: &mut Vec<Problem>) {
    let chars = article.excerpt.chars().count();
    if chars > EXCERPT_MAX_CHARS {
        article.excerpt = shorten(&article.excerpt, EXCERPT_MAX_CHARS);
        problems.push(Problem::ExcerptTooLong {
            article: article.id.clone(),
            chars,
        });
    }
    let fields = [
        (
            "lang",
            &mut article.lang,
            is_language_code as fn(&str) -> bool,
        ),
        ("body_hash", &mut article.body_hash, stamp::is_well_formed),
    ];
    for (field, value, valid) in fields {
        if let Some(v) = value.take_if(|v| !valid(v)) {
            problems.push(Problem::InvalidField {
                article: article.id.clone(),
                field,
                value: v,
            });
        }
    }
}

/// [`index`], then the lookups of a [`Corpus`] over the result.
pub fn corpus(site: impl Into<UncheckedIndex>) -> Checked<Corpus> {
    let (Checked { value, problems }, numbers) = numbered(site.into());
    Checked {
        value: Corpus::numbered(value, numbers, None),
        problems,
    }
}

/// [`corpus`] for a part of the site whose counts are `site` (see [`Corpus::first_screen`]).
pub fn part(index: impl Into<UncheckedIndex>, site: SiteTotals) -> Checked<Corpus> {
    let (Checked { value, problems }, numbers) = numbered(index.into());
    Checked {
        value: Corpus::numbered(value, numbers, Some(site)),
        problems,
    }
}

/// [`part`] for articles that are not the first of the site: `numbers` are the articles'
/// numbers (increasing, one per article of `index`), kept for the articles the check keeps.
pub fn part_numbered(
    index: impl Into<UncheckedIndex>,
    numbers: &[u32],
    site: SiteTotals,
) -> Checked<Corpus> {
    let (Checked { value, problems }, kept) = numbered(index.into());
    let numbers = kept
        .iter()
        .filter_map(|&k| numbers.get(k as usize).copied())
        .collect();
    Checked {
        value: Corpus::numbered(value, numbers, Some(site)),
        problems,
    }
}

/// `id` as a checked id, or `None` with the problem noted.
pub(crate) fn checked_id(item: Item, id: &str, problems: &mut Vec<Problem>) -> Option<EntityId> {
    let checked = EntityId::new(id).ok();
    if checked.is_none() {
        problems.push(Problem::InvalidId {
            item,
            id: id.to_owned(),
        });
    }
    checked
}

pub(crate) fn keep_id(item: Item, id: &str, problems: &mut Vec<Problem>) -> bool {
    let valid = is_valid_id(id);
    if !valid {
        problems.push(Problem::InvalidId {
            item,
            id: id.to_owned(),
        });
    }
    valid
}

fn first<T: Clone + Eq + std::hash::Hash + fmt::Display>(
    item: Item,
    id: &T,
    seen: &mut HashSet<T>,
    problems: &mut Vec<Problem>,
) -> bool {
    let new = seen.insert(id.clone());
    if !new {
        problems.push(Problem::DuplicateId {
            item,
            id: id.to_string(),
        });
    }
    new
}

/// Checks an article's body file (as read, or as built), loaded for the article
/// `expected_id` of `corpus`: every mention fits its text, is sorted, does not overlap the one
/// before and names an entity of the index; bad mentions are dropped one by one, the text
/// stays. What is kept has checked ids ([`EntityId`]).
pub fn body(
    body: impl Into<UncheckedBody>,
    expected_id: &str,
    corpus: &Corpus,
) -> Checked<ArticleBody> {
    let body = body.into();
    let mut problems = Vec::new();
    if body.id != expected_id {
        problems.push(Problem::BodyIdMismatch {
            expected: expected_id.to_owned(),
            found: body.id.clone(),
        });
    }
    let mut blocks = Vec::with_capacity(body.blocks.len());
    for (index, block) in body.blocks.into_iter().enumerate() {
        // The mentions of this block, checked against its text.
        let mut mentions = |text: &str, mentions: Vec<Mention<String>>| {
            checked_mentions(expected_id, index, text, mentions, corpus, &mut problems)
        };
        blocks.push(match block {
            Block::Heading(b) => Block::Heading(TextBlock {
                mentions: mentions(&b.text, b.mentions),
                text: b.text,
            }),
            Block::Paragraph(b) => Block::Paragraph(TextBlock {
                mentions: mentions(&b.text, b.mentions),
                text: b.text,
            }),
            Block::Embed(b) => {
                let mentions = mentions(&b.text, b.mentions);
                let author_entity = b.author_entity.and_then(|id| {
                    let known = corpus.entity_named(&id).map(|e| e.id.clone());
                    if known.is_none() {
                        problems.push(Problem::UnknownAuthor {
                            article: expected_id.to_owned(),
                            block: index,
                            entity: id,
                        });
                    }
                    known
                });
                Block::Embed(EmbedBlock {
                    mentions,
                    platform: b.platform,
                    text: b.text,
                    author: b.author,
                    handle: b.handle,
                    date: b.date,
                    media_link: b.media_link,
                    url: b.url,
                    author_entity,
                })
            }
            Block::Related(b) => Block::Related(RelatedBlock {
                mentions: mentions(&b.text, b.mentions),
                label: b.label,
                text: b.text,
                url: b.url,
            }),
            Block::Boilerplate(b) => Block::Boilerplate(b),
            Block::Unknown => Block::Unknown,
        });
    }
    Checked {
        value: ArticleBody {
            id: body.id,
            blocks,
        },
        problems,
    }
}

/// The mentions of block `index` (of text `text`) that can be shown, sorted, with their ids
/// checked; a problem for each of the others.
fn checked_mentions(
    article: &str,
    index: usize,
    text: &str,
    mut mentions: Vec<Mention<String>>,
    corpus: &Corpus,
    problems: &mut Vec<Problem>,
) -> Vec<Mention> {
    if mentions.is_empty() {
        return Vec::new();
    }
    let mut report = |mention: &Mention<String>, fault: MentionFault| {
        problems.push(Problem::BadMention {
            article: article.to_owned(),
            block: index,
            span: Offsets {
                start: mention.start,
                end: mention.end,
            },
            entity: mention.entity.clone(),
            fault,
        });
    };
    let chars = text.chars().count();
    mentions.retain(|m| {
        let fault = if m.start == Mention::INVALID_OFFSET || m.end == Mention::INVALID_OFFSET {
            MentionFault::InvalidOffset
        } else if m.start >= m.end {
            MentionFault::Empty
        } else if m.end as usize > chars {
            MentionFault::OutOfBounds { chars }
        } else if corpus.entity_named(&m.entity).is_none() {
            MentionFault::UnknownEntity
        } else {
            return true;
        };
        report(m, fault);
        false
    });
    let sorted = mentions.is_sorted_by_key(|m| m.start);
    if !sorted {
        // By start, then end, then as given (one sort for every reader of mentions).
        let order = crate::highlight::mention_order(&mentions);
        let mut slots: Vec<_> = mentions.into_iter().map(Some).collect();
        mentions = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }
    let mut end = 0;
    mentions.retain(|m| {
        let disjoint = m.start >= end;
        if disjoint {
            end = m.end;
        } else {
            report(m, MentionFault::Overlaps);
        }
        disjoint
    });
    if !sorted {
        problems.push(Problem::MentionsUnsorted {
            article: article.to_owned(),
            block: index,
        });
    }
    // Every mention left names an entity of the corpus, whose id is checked.
    mentions
        .into_iter()
        .filter_map(|m| {
            let entity = corpus.entity_named(&m.entity)?.id.clone();
            Some(Mention {
                start: m.start,
                end: m.end,
                entity,
            })
        })
        .collect()
}

pub mod whole;

#[cfg(test)]
mod tests;
