//! Fuzzing the data-contract parser the app uses: `index.json` through
//! [`kiosque_model::index::parse_index`] and [`validate::corpus`], article bodies through serde
//! and [`validate::body`], then highlighting.
//!
//! The app reads whatever a static host serves: a stale, truncated, hand-edited or hostile file.
//! The properties: nothing panics; a file is refused only when it is not JSON of the contract's
//! shape, and the error says so; the check always gives data within the contract (valid unique
//! ids, excerpts within their cap, sorted disjoint mentions inside their text, known entities);
//! it reports every change it makes and changes nothing in valid data; no text is lost; and
//! valid data written out parses back to the same value.
//!
//! `cargo test` runs a few dozen cases per property; `scripts/fuzz` runs many more
//! (`PROPTEST_CASES`). Crashers it finds are kept below as named regression tests.

use std::collections::HashSet;

use kiosque_model::article::{
    ArticleBody, ArticleSummary, Block, BoilerplateBlock, EmbedBlock, Mention, Noise, RelatedBlock,
    TextBlock,
};
use kiosque_model::facets::FacetCounts;
use kiosque_model::highlight::segments;
use kiosque_model::index::{Corpus, IndexError, SiteIndex, UncheckedIndex, parse_index};
use kiosque_model::parts::{
    CardPage, EntityPart, Parts, SiteFile, SummaryPage, parse_bucket, parse_cards, parse_entities,
    parse_site, parse_summaries,
};
use kiosque_model::sidebar::{EntityQuery, sidebar_groups};
use kiosque_model::validate::{self, EXCERPT_MAX_CHARS, Problem, UncheckedBody};
use kiosque_model::{Confidence, Entity, EntityId, Label, SCHEMA_VERSION, Selection};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Cases per property: `PROPTEST_CASES` when set (as `scripts/fuzz` does), else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Characters that break naive code: controls, bidi overrides, joiners, BOMs, line separators,
/// combining marks, astral characters, markup and quoting.
const NASTY: &[char] = &[
    '\0',
    '\t',
    '\n',
    '\r',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{ad}',
    '\u{301}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{2028}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{feff}',
    '\u{fffd}',
    '\u{1f468}',
    '\u{10ffff}',
    '<',
    '>',
    '&',
    '"',
    '\'',
    '\\',
    '/',
    ':',
    '-',
    '…',
];

fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>(),
            3 => prop::sample::select(NASTY),
            5 => prop::char::range('a', 'z'),
            2 => Just(' '),
        ],
        0..max,
    )
    .prop_map(String::from_iter)
}

/// Ids as data may carry them: mostly valid, some not (`../`, capitals, empty, very long).
fn any_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z0-9][a-z0-9-]{0,12}",
        1 => nasty_text(8),
        1 => prop::sample::select(&["", "../etc", "A", "a/b", "a b", "a\u{0}"][..]).prop_map(str::to_owned),
        1 => Just("a".repeat(201)),
    ]
}

/// Any JSON value, nested a few levels, with numbers at the edges of every type.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        nasty_text(12).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((nasty_text(6), inner), 0..5)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A value for a field: usually of its own type (from `good`), sometimes anything at all,
/// sometimes absent (`None`).
fn field<S: Strategy<Value = Value> + 'static>(good: S) -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        8 => good.prop_map(Some),
        1 => json_value().prop_map(Some),
        1 => Just(None),
    ]
    .boxed()
}

fn object(fields: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect::<Map<_, _>>(),
    )
}

fn string(max: usize) -> impl Strategy<Value = Value> {
    nasty_text(max).prop_map(Value::String)
}

fn count() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u32..100).prop_map(Value::from),
        any::<u32>().prop_map(Value::from)
    ]
}

fn label() -> impl Strategy<Value = Value> {
    prop::sample::select(&["PER", "LOC", "ORG", "DATE", "MISC", "per", ""][..])
        .prop_map(Value::from)
}

fn lang() -> impl Strategy<Value = Value> {
    prop::sample::select(&["fr", "en", "uk", "english", "<b>", "", "FR", "f"][..])
        .prop_map(Value::from)
}

fn date() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1900u32..2100, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        prop::sample::select(&["2025-13-45", "not a date", "2025", "2025-01"][..])
            .prop_map(Value::from),
    ]
}

/// An `index.json`-shaped value, with ids drawn from `ids` so articles and mentions can refer to
/// entities that exist (and to some that do not).
fn index_value() -> impl Strategy<Value = Value> {
    let entity = (
        field(any_id().prop_map(Value::from)),
        field(label()),
        field(string(20)),
        field(prop::collection::vec(string(10), 0..3).prop_map(Value::from)),
        field(count()),
        field(count()),
        prop::option::of(date()),
    )
        .prop_map(|(id, label, name, aliases, articles, mentions, value)| {
            object(vec![
                ("id", id),
                ("label", label),
                ("name", name),
                ("aliases", aliases),
                ("articles", articles),
                ("mentions", mentions),
                ("value", value),
            ])
        });
    let excerpt = prop_oneof![
        4 => nasty_text(60),
        1 => (nasty_text(4), 200usize..400).prop_map(|(t, n)| t.repeat(n / t.chars().count().max(1) + 1)),
    ];
    let article = (
        (
            field(any_id().prop_map(Value::from)),
            field(string(30)),
            prop::option::of(any::<bool>().prop_map(Value::from)),
            prop::option::of(date()),
            prop::option::of(string(12)),
            prop::option::of(prop_oneof![
                Just(json!("https://www.example.com@evil.example/")),
                Just(json!("javascript:alert(1)")),
                Just(json!("https://example.org/a")),
                nasty_text(12).prop_map(Value::from),
            ]),
        ),
        (
            prop::option::of(lang()),
            field(excerpt.prop_map(Value::from)),
            field(count()),
            field(
                prop::collection::vec(any_id().prop_map(Value::from), 0..4).prop_map(Value::from),
            ),
            prop::option::of(prop_oneof![
                "[0-9a-f]{16}".prop_map(Value::from),
                nasty_text(8).prop_map(Value::from),
            ]),
        ),
    )
        .prop_map(
            |(
                (id, title, derived, published, source, url),
                (lang, excerpt, words, entities, hash),
            )| {
                object(vec![
                    ("id", id),
                    ("title", title),
                    ("title_derived", derived),
                    ("published", published),
                    ("source", source),
                    ("url", url),
                    ("lang", lang),
                    ("excerpt", excerpt),
                    ("words", words),
                    ("entities", entities),
                    ("body_hash", hash),
                ])
            },
        );
    let version = prop_oneof![
        6 => Just(json!(SCHEMA_VERSION)),
        1 => Just(json!("1.7")),
        1 => Just(json!("3.0")),
        1 => Just(json!("one")),
        1 => json_value(),
    ];
    (
        version,
        prop::option::of(string(10)),
        field(prop::collection::vec(article, 0..5).prop_map(Value::from)),
        field(prop::collection::vec(entity, 0..6).prop_map(Value::from)),
    )
        .prop_map(|(version, generator, articles, entities)| {
            object(vec![
                ("schema_version", Some(version)),
                ("generator", generator),
                ("articles", articles),
                ("entities", entities),
            ])
        })
}

/// A mention as a hostile file may write it: any offsets and entity, or not an object at all.
fn mention_value(entity_ids: Vec<String>) -> impl Strategy<Value = Value> {
    let offset = prop_oneof![
        6 => (0u32..30).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => Just(json!(u64::MAX)),
        1 => Just(json!(4_294_967_295u64)),
        1 => json_value(),
    ];
    let entity = prop_oneof![
        6 => prop::sample::select(entity_ids).prop_map(Value::from),
        1 => any_id().prop_map(Value::from),
        1 => json_value(),
    ];
    prop_oneof![
        8 => (field(offset.clone()), field(offset), field(entity))
            .prop_map(|(start, end, entity)| object(vec![("start", start), ("end", end), ("entity", entity)])),
        1 => json_value(),
    ]
}

/// A body-shaped value: blocks of every kind (and unknown ones), fields of any type, mentions
/// of any shape pointing at `entity_ids` and elsewhere.
fn body_value(entity_ids: Vec<String>) -> impl Strategy<Value = Value> {
    let mentions = prop::collection::vec(mention_value(entity_ids.clone()), 0..5);
    let text_block = (
        prop::sample::select(&["paragraph", "heading", "related", "embed"][..]),
        field(string(40)),
        prop::option::of(mentions.prop_map(Value::from)),
        prop::option::of(string(10)),
        prop::option::of(prop::sample::select(entity_ids).prop_map(Value::from)),
    )
        .prop_map(|(kind, text, mentions, extra, author)| {
            let mut fields = vec![
                ("kind", Some(json!(kind))),
                ("text", text),
                ("mentions", mentions),
            ];
            match kind {
                "embed" => {
                    fields.push(("platform", Some(json!("tweet"))));
                    fields.push(("author", extra));
                    fields.push(("author_entity", author));
                }
                "related" => {
                    fields.push(("label", Some(json!("A lire aussi"))));
                    fields.push(("url", extra));
                }
                _ => {}
            }
            object(fields)
        });
    let block = prop_oneof![
        6 => text_block,
        1 => (prop::sample::select(&["teaser", "caption", "whatever"][..]), string(20))
            .prop_map(|(reason, text)| json!({"kind": "boilerplate", "reason": reason, "text": text})),
        1 => json_value().prop_map(|v| json!({"kind": "poll", "question": v})),
    ];
    (
        field(any_id().prop_map(Value::from)),
        field(prop::collection::vec(block, 0..6).prop_map(Value::from)),
    )
        .prop_map(|(id, blocks)| object(vec![("id", id), ("blocks", blocks)]))
}

/// Valid site data: an index and a body for each article, every mention inside its text,
/// sorted, disjoint and naming an entity of the index.
fn valid_site() -> impl Strategy<Value = (SiteIndex, Vec<ArticleBody>)> {
    let entities = prop::collection::btree_set("[a-z][a-z0-9-]{0,10}", 1..6);
    let articles = prop::collection::btree_set("[a-z0-9][a-z0-9-]{0,10}", 0..4);
    (entities, articles).prop_flat_map(|(entity_ids, article_ids)| {
        let entity_ids: Vec<String> = entity_ids.into_iter().collect();
        let n = article_ids.len();
        let entities = prop::collection::vec(
            (
                prop::sample::select(&Label::ALL[..]),
                nasty_text(20),
                prop::collection::vec(nasty_text(10), 0..3),
                any::<u32>(),
                any::<u32>(),
            ),
            entity_ids.len(),
        );
        let summaries = prop::collection::vec(
            (
                nasty_text(30),
                any::<bool>(),
                prop::option::of((1900u32..2100, 1u32..=12, 1u32..=28)),
                prop::option::of(nasty_text(12)),
                prop::option::of(prop::sample::select(&["fr", "en", "uk", "ar"][..])),
                nasty_text(EXCERPT_MAX_CHARS),
                any::<u32>(),
                prop::collection::vec(prop::sample::select(entity_ids.clone()), 0..4),
            ),
            n,
        );
        let bodies = prop::collection::vec(valid_blocks(entity_ids.clone()), n);
        (
            Just(entity_ids),
            Just(article_ids.into_iter().collect::<Vec<_>>()),
            entities,
            summaries,
            bodies,
        )
            .prop_map(|(entity_ids, article_ids, entities, summaries, bodies)| {
                let entities = entity_ids
                    .iter()
                    .zip(entities)
                    .map(|(id, (label, name, aliases, articles, mentions))| Entity {
                        id: EntityId::new(id.clone()).expect("a valid id"),
                        label,
                        name,
                        aliases,
                        articles,
                        mentions,
                        value: None,
                        // Every level, and none (data written before confidences).
                        confidence: [None]
                            .into_iter()
                            .chain(Confidence::ALL.map(Some))
                            .nth(mentions as usize % 4)
                            .flatten(),
                    })
                    .collect();
                let articles: Vec<ArticleSummary> = article_ids
                    .iter()
                    .zip(summaries)
                    .map(
                        |(
                            id,
                            (title, derived, published, source, lang, excerpt, words, mut ents),
                        )| {
                            ents.dedup();
                            ArticleSummary {
                                id: id.clone(),
                                title,
                                title_derived: derived,
                                published: published
                                    .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                                published_inferred: false,
                                source,
                                url: None,
                                license: None,
                                lang: lang.map(str::to_owned),
                                excerpt,
                                words,
                                entities: ents
                                    .into_iter()
                                    .map(|e| EntityId::new(e).expect("a valid id"))
                                    .collect(),
                                body_hash: None,
                            }
                        },
                    )
                    .collect();
                let bodies: Vec<ArticleBody> = article_ids
                    .iter()
                    .zip(bodies)
                    .map(|(id, blocks)| ArticleBody {
                        id: id.clone(),
                        blocks,
                    })
                    .collect();
                // An article lists every entity its text mentions (and may list more).
                let articles = articles
                    .into_iter()
                    .zip(&bodies)
                    .map(|(mut summary, body): (ArticleSummary, &ArticleBody)| {
                        for mention in body.blocks.iter().flat_map(Block::mentions) {
                            if !summary.entities.contains(&mention.entity) {
                                summary.entities.push(mention.entity.clone());
                            }
                        }
                        summary
                    })
                    .collect();
                (
                    SiteIndex {
                        schema_version: SCHEMA_VERSION.to_owned(),
                        generator: "kiosque fuzz".to_owned(),
                        search: None,
                        articles,
                        entities,
                    },
                    bodies,
                )
            })
    })
}

/// Valid blocks of every kind, with sorted, disjoint, in-bounds mentions of known entities.
fn valid_blocks(entity_ids: Vec<String>) -> impl Strategy<Value = Vec<Block>> {
    let text_and_mentions = (
        nasty_text(40),
        prop::collection::vec(
            (0usize..40, 1usize..8, prop::sample::select(entity_ids)),
            0..4,
        ),
    )
        .prop_map(|(text, cuts)| {
            let len = text.chars().count();
            let mut mentions = Vec::new();
            let mut next = 0;
            let mut cuts = cuts;
            cuts.sort();
            for (start, width, entity) in cuts {
                let start = start.max(next);
                let end = start + width;
                if end > len {
                    break;
                }
                mentions.push(Mention {
                    start: start as u32,
                    end: end as u32,
                    entity: EntityId::new(entity).expect("a valid id"),
                });
                next = end;
            }
            (text, mentions)
        });
    let block = (0u8..5, text_and_mentions, prop::option::of(nasty_text(10))).prop_map(
        |(kind, (text, mentions), extra)| match kind {
            0 => Block::Heading(TextBlock { text, mentions }),
            1 => Block::Paragraph(TextBlock { text, mentions }),
            2 => Block::Embed(EmbedBlock {
                platform: "tweet".into(),
                text,
                author: extra,
                mentions,
                ..EmbedBlock::default()
            }),
            3 => Block::Related(RelatedBlock {
                label: "A lire aussi".into(),
                text,
                url: extra,
                mentions,
            }),
            _ => Block::Boilerplate(BoilerplateBlock {
                reason: Noise::Teaser,
                text,
            }),
        },
    );
    prop::collection::vec(block, 0..6)
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Characters that reorder the text after them on a terminal or a page.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message a reader or a terminal is shown: one line, no control characters from the data.
fn check_message(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.trim().is_empty(), "an empty message");
    prop_assert!(
        !message
            .chars()
            .any(|c| c.is_control() || is_bidi_control(c)),
        "a message carries a control character: {:?}",
        message
    );
    Ok(())
}

/// What the check promises of an index, whatever it was given.
fn check_index_contract(index: &SiteIndex) -> Result<(), TestCaseError> {
    let entities: HashSet<&EntityId> = index.entities.iter().map(|e| &e.id).collect();
    prop_assert_eq!(
        entities.len(),
        index.entities.len(),
        "entity ids are unique"
    );
    let articles: HashSet<&str> = index.articles.iter().map(|a| a.id.as_str()).collect();
    prop_assert_eq!(
        articles.len(),
        index.articles.len(),
        "article ids are unique"
    );
    for id in index.entities.iter().map(|e| e.id.as_str()).chain(articles) {
        prop_assert!(validate::is_valid_id(id), "id {:?} kept", id);
    }
    for a in &index.articles {
        prop_assert!(
            a.excerpt.chars().count() <= EXCERPT_MAX_CHARS,
            "excerpt over the cap"
        );
        if let Some(lang) = &a.lang {
            prop_assert!(validate::is_language_code(lang), "lang {:?} kept", lang);
        }
        if let Some(hash) = &a.body_hash {
            prop_assert!(
                kiosque_model::stamp::is_well_formed(hash),
                "body_hash {:?} kept",
                hash
            );
        }
        for id in &a.entities {
            prop_assert!(entities.contains(id), "unknown entity {} kept", id);
        }
    }
    Ok(())
}

/// What the check promises of a body: texts untouched, mentions drawable.
fn check_body_contract(
    original: &UncheckedBody,
    checked: &ArticleBody,
    corpus: &Corpus,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        original.blocks.len(),
        checked.blocks.len(),
        "a block was lost"
    );
    for (before, after) in original.blocks.iter().zip(&checked.blocks) {
        prop_assert_eq!(before.text(), after.text(), "a block's text changed");
        let chars = after.text().chars().count() as u32;
        let mut end = 0;
        for m in after.mentions() {
            prop_assert!(
                m.start >= end,
                "mentions overlap or are unsorted: {:?}",
                after.mentions()
            );
            prop_assert!(
                m.start < m.end && m.end <= chars,
                "mention {:?} outside {} characters",
                m,
                chars
            );
            prop_assert!(
                corpus.entity(&m.entity).is_some(),
                "mention of unknown {}",
                m.entity
            );
            end = m.end;
        }
        // Highlighting shows every mention kept, and the text whole.
        let segs = segments(after.text(), after.mentions());
        prop_assert_eq!(
            segs.iter().map(|s| s.text).collect::<String>(),
            after.text()
        );
        prop_assert_eq!(
            segs.iter().filter(|s| s.mention.is_some()).count(),
            after.mentions().len(),
            "a valid mention was not highlighted"
        );
        // Unchecked mentions cannot be highlighted: `segments` takes only checked ids.
    }
    Ok(())
}

/// The app's way of reading a body: serde, then the contract check against the corpus.
fn read_body(text: &str, id: &str, corpus: &Corpus) -> Result<(), TestCaseError> {
    let Ok(body) = serde_json::from_str::<UncheckedBody>(text) else {
        return Ok(());
    };
    let checked = validate::body(body.clone(), id, corpus);
    check_body_contract(&body, &checked.value, corpus)?;
    for p in &checked.problems {
        check_message(&p.to_string())?;
    }
    // A body of another id is reported and read all the same; every other report is a change.
    let changes = |problems: &[Problem]| {
        problems
            .iter()
            .filter(|p| !matches!(p, Problem::BodyIdMismatch { .. }))
            .count()
    };
    prop_assert_eq!(
        changes(&checked.problems) == 0,
        UncheckedBody::from(checked.value.clone()) == body,
        "a change went unreported, or a report changed nothing: {:?}",
        checked.problems
    );
    let again = validate::body(checked.value.clone(), id, corpus);
    prop_assert!(
        changes(&again.problems) == 0,
        "checked data fails the check: {:?}",
        again.problems
    );
    Ok(())
}

fn read_index(text: &str) -> Result<Option<Corpus>, TestCaseError> {
    match parse_index(text) {
        Ok(index) => {
            let checked = validate::index(index.clone());
            check_index_contract(&checked.value)?;
            for p in &checked.problems {
                check_message(&p.to_string())?;
            }
            prop_assert_eq!(
                checked.problems.is_empty(),
                UncheckedIndex::from(checked.value.clone()) == index,
                "a change went unreported, or a report changed nothing: {:?}",
                checked.problems
            );
            let again = validate::index(checked.value.clone());
            prop_assert!(
                again.problems.is_empty(),
                "checked data fails the check: {:?}",
                again.problems
            );
            prop_assert_eq!(&again.value, &checked.value);
            Ok(Some(Corpus::new(checked.value)))
        }
        Err(e) => {
            prop_assert!(!e.to_string().trim().is_empty());
            if let IndexError::Malformed(m) = &e {
                prop_assert!(
                    m.contains("line") && m.contains("column"),
                    "a malformed file's error says where: {}",
                    m
                );
            }
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_index_file_reads_without_panic(text in any::<String>()) {
        read_index(&text)?;
    }

    #[test]
    fn any_index_shaped_value_is_read_and_checked(value in index_value()) {
        let text = serde_json::to_string(&value).expect("a Value serialises");
        let corpus = read_index(&text)?;
        // What the schema alone decides: another major version is refused as such, whatever
        // the shape; a readable version with the contract's shape is read.
        let version = value["schema_version"].as_str().unwrap_or_default();
        if version.starts_with("3.") || version.starts_with("1.") {
            prop_assert!(corpus.is_none(), "a file of another major version was read");
        }
        if let Some(corpus) = corpus {
            for e in corpus.entities() {
                prop_assert!(corpus.entity(&e.id).is_some());
                let _ = corpus.articles_mentioning(&e.id).count();
            }
        }
    }

    /// Truncated and spliced files: refused with a message, never half read.
    #[test]
    fn broken_index_files_are_refused(
        value in index_value(),
        cut in any::<prop::sample::Index>(),
        junk in nasty_text(4),
    ) {
        let text = serde_json::to_string(&value).expect("a Value serialises");
        let at = text
            .char_indices()
            .map(|(i, _)| i)
            .nth(cut.index(text.chars().count().max(1)))
            .unwrap_or(text.len());
        read_index(&text[..at])?;
        read_index(&format!("{}{junk}{}", &text[..at], &text[at..]))?;
    }

    #[test]
    fn any_body_shaped_value_is_read_and_checked(
        ids in prop::collection::vec("[a-z][a-z0-9-]{0,6}", 1..4),
        pick in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        body in prop::collection::vec("[a-z][a-z0-9-]{0,6}", 1..4)
            .prop_flat_map(body_value),
    ) {
        // An index whose entities are some of the ids the body may use.
        let entities: Vec<Entity> = pick
            .iter()
            .map(|i| Entity {
                id: EntityId::new(ids[i.index(ids.len())].clone()).expect("a valid id"),
                label: Label::Place,
                name: "x".into(),
                aliases: vec![],
                articles: 1,
                mentions: 1,
                value: None,
                confidence: None,
            })
            .collect::<Vec<_>>();
        let corpus = validate::corpus(SiteIndex {
            schema_version: SCHEMA_VERSION.into(),
            generator: String::new(),
            search: None,
            articles: vec![],
            entities,
        })
        .value;
        let text = serde_json::to_string(&body).expect("a Value serialises");
        read_body(&text, "a", &corpus)?;
    }

    /// The contract says readers tolerate bad offsets: a body whose only faults are in its
    /// mentions is always read, with all its text.
    #[test]
    fn bad_mentions_never_make_a_body_unreadable(
        texts in prop::collection::vec(nasty_text(30), 1..4),
        mentions in prop::collection::vec(prop::collection::vec(mention_value(vec!["loc-x".into()]), 0..5), 1..4),
    ) {
        let blocks: Vec<Value> = texts
            .iter()
            .zip(mentions.iter().cycle())
            .map(|(text, mentions)| json!({"kind": "paragraph", "text": text, "mentions": mentions}))
            .collect();
        let text = serde_json::to_string(&json!({"id": "a", "blocks": blocks})).expect("serialises");
        let body = serde_json::from_str::<UncheckedBody>(&text)
            .map_err(|e| TestCaseError::fail(format!("a body with bad mentions is unreadable: {e}")))?;
        let shown: Vec<&str> = body.blocks.iter().map(Block::text).collect();
        prop_assert_eq!(shown, texts.iter().map(String::as_str).collect::<Vec<_>>());
        read_body(&text, "a", &Corpus::new(SiteIndex {
            schema_version: SCHEMA_VERSION.into(),
            generator: String::new(),
            search: None,
            articles: vec![],
            entities: vec![],
        }))?;
    }

    #[test]
    fn any_body_file_reads_without_panic(text in any::<String>()) {
        let corpus = Corpus::new(serde_json::from_value(json!({
            "schema_version": SCHEMA_VERSION, "articles": [], "entities": []
        })).expect("an empty index"));
        read_body(&text, "a", &corpus)?;
    }

    /// Valid data written as the CLI writes it reads back to the same value, and the check
    /// finds nothing to change.
    #[test]
    fn valid_data_round_trips_unchanged((index, bodies) in valid_site()) {
        let text = serde_json::to_string(&index).expect("an index serialises");
        let read = parse_index(&text).map_err(|e| TestCaseError::fail(format!("valid index refused: {e}")))?;
        prop_assert_eq!(&read, &UncheckedIndex::from(index.clone()));
        let checked = validate::corpus(read);
        prop_assert!(checked.problems.is_empty(), "valid index changed: {:?}", checked.problems);
        let corpus = checked.value;
        for body in &bodies {
            let text = serde_json::to_string_pretty(body).expect("a body serialises");
            let read: ArticleBody = serde_json::from_str(&text)
                .map_err(|e| TestCaseError::fail(format!("valid body refused: {e}")))?;
            prop_assert_eq!(&read, body);
            let checked = validate::body(read, &body.id, &corpus);
            prop_assert!(checked.problems.is_empty(), "valid body changed: {:?}", checked.problems);
            prop_assert_eq!(&checked.value, body);
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// `site.json` as the app reads it first: any index-shaped first screen, with any counts,
    /// is read or refused without panic; what is read is within the contract, and the first
    /// screen's corpus says the site's counts and lists its sidebar.
    #[test]
    fn any_site_json_shaped_value_is_read_and_checked(
        value in index_value(),
        articles in any::<u32>(),
        labels in prop::array::uniform4(any::<u32>()),
        buckets in any::<u32>(),
    ) {
        let mut site = json!({
            "articles": articles, "entities": 0, "summaries": [], "entity_parts": [],
            "buckets": buckets, "labels": labels,
            "first": {"articles": value["articles"].clone(), "entities": value["entities"].clone()},
        });
        if let Some(version) = value.get("schema_version") {
            site["schema_version"] = version.clone();
        }
        let text = serde_json::to_string(&site).expect("a Value serialises");
        match kiosque_model::parts::parse_site(&text) {
            Ok(file) => {
                let checked = Corpus::first_screen(&file);
                check_index_contract(&SiteIndex {
                    schema_version: SCHEMA_VERSION.to_owned(),
                    generator: String::new(),
                    articles: checked.value.articles().to_vec(),
                    entities: checked.value.entities().to_vec(),
                    search: None,
                })?;
                for p in &checked.problems {
                    check_message(&p.to_string())?;
                }
                let corpus = checked.value;
                prop_assert!(!corpus.is_whole());
                prop_assert_eq!(corpus.total_articles(), articles as usize);
                let everything = kiosque_model::facets::matching(&corpus, &Selection::default());
                let counts = FacetCounts::new(&corpus, &everything);
                let groups = sidebar_groups(
                    &corpus, &counts, &Selection::default(), &EntityQuery::default(), |_| 10,
                    kiosque_model::ui::Language::En,
                );
                for group in groups {
                    prop_assert!(group.rows.len() <= 10);
                    prop_assert!(group.matched >= group.rows.len());
                }
            }
            Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Data contract 2: the parts the app fetches (summary pages, entity parts, body files)
// ---------------------------------------------------------------------------------------------

/// The files of `index` and `bodies` as the CLI writes them: `site.json`, then each summary
/// page and entity part, then each body file, by path.
fn written_parts(index: &SiteIndex, bodies: &[ArticleBody]) -> (String, Vec<(String, String)>) {
    let parts = Parts::new(index, bodies);
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("parts are UTF-8");
    let mut files: Vec<(String, String)> = (parts.named.iter())
        .map(|(path, bytes)| (path.clone(), text(bytes)))
        .chain(
            parts
                .card_files()
                .map(|(path, bytes)| (path.to_owned(), text(&bytes))),
        )
        .collect();
    for bucket in 0..parts.buckets.len() {
        files.push((parts.bucket_path(bucket), text(&parts.bucket(bucket))));
    }
    (text(&parts.site), files)
}

/// Reads one part of the site as the app does, by its directory: no panic; a refusal names the
/// file; a body file's corpus and bodies are checked, and checked data passes the check again.
fn read_part(site: &SiteFile<String>, path: &str, text: &str) -> Result<(), TestCaseError> {
    let refused = |e: IndexError| -> Result<(), TestCaseError> {
        let message = e.to_string();
        prop_assert!(
            message.contains(path),
            "the error does not name {}: {}",
            path,
            message
        );
        check_message(&message)
    };
    if path.starts_with("summaries/") {
        match parse_summaries(path, text) {
            Ok(page) => check_whole(site, vec![page], vec![])?,
            Err(e) => refused(e)?,
        }
    } else if path.starts_with("entities/") {
        match parse_entities(path, text) {
            Ok(part) => check_whole(site, vec![], vec![part])?,
            Err(e) => refused(e)?,
        }
    } else {
        match parse_bucket(path, text) {
            Ok(bucket) => {
                let checked = Corpus::of_bucket(site, &bucket);
                check_corpus(&checked.value)?;
                for p in &checked.problems {
                    check_message(&p.to_string())?;
                }
                for article in bucket.articles {
                    let id = article.summary.id.clone();
                    let read = validate::body(article.body, &id, &checked.value);
                    let again = validate::body(read.value.clone(), &id, &checked.value);
                    prop_assert!(
                        again
                            .problems
                            .iter()
                            .all(|p| matches!(p, Problem::BodyIdMismatch { .. })),
                        "a checked body fails the check: {:?}",
                        again.problems
                    );
                }
            }
            Err(e) => refused(e)?,
        }
    }
    Ok(())
}

/// The whole site assembled from `pages` and `parts`: within the contract, whatever they hold
/// (entity positions out of the table, repeated ids), and stable under a second check.
fn check_whole(
    site: &SiteFile<String>,
    pages: Vec<SummaryPage>,
    parts: Vec<EntityPart<String>>,
) -> Result<(), TestCaseError> {
    let checked = Corpus::whole(site, pages, parts);
    check_corpus(&checked.value)?;
    for p in &checked.problems {
        check_message(&p.to_string())?;
    }
    Ok(())
}

/// What the check promises of any corpus the app builds.
fn check_corpus(corpus: &Corpus) -> Result<(), TestCaseError> {
    check_index_contract(&SiteIndex {
        schema_version: SCHEMA_VERSION.to_owned(),
        generator: String::new(),
        articles: corpus.articles().to_vec(),
        entities: corpus.entities().to_vec(),
        search: None,
    })
}

/// A part with any summaries, any entity positions and any entities, as JSON.
fn part_value() -> impl Strategy<Value = (String, Value)> {
    let summary = (index_value(), prop::collection::vec(any::<i64>(), 0..4)).prop_map(
        |(index, positions)| {
            let mut article = index["articles"]
                .as_array()
                .and_then(|a| a.first().cloned())
                .unwrap_or_else(|| json!({"id": "a", "title": "t"}));
            if let Some(object) = article.as_object_mut() {
                object.insert("entities".into(), json!(positions));
            }
            (index, article)
        },
    );
    prop_oneof![
        prop::collection::vec(summary, 0..3).prop_map(|v| {
            let articles: Vec<Value> = v.into_iter().map(|(_, a)| a).collect();
            (
                "summaries/0123456789abcdef.json".to_owned(),
                json!({"articles": articles}),
            )
        }),
        index_value().prop_map(|index| {
            (
                "entities/0123456789abcdef.json".to_owned(),
                json!({"entities": index["entities"].clone()}),
            )
        }),
        (
            index_value(),
            prop::collection::vec(body_value(vec!["loc-x".into()]), 0..3)
        )
            .prop_map(|(index, bodies)| {
                let summaries = index["articles"].as_array().cloned().unwrap_or_default();
                let articles: Vec<Value> = summaries
                    .into_iter()
                    .zip(bodies)
                    .map(|(summary, body)| json!({"summary": summary, "body": body}))
                    .collect();
                (
                    "bodies/0.json".to_owned(),
                    json!({"articles": articles, "entities": index["entities"].clone()}),
                )
            }),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    /// Valid data cut into parts as the CLI writes them reads back, part by part as the app
    /// reads it, to the same site: the whole corpus from the summary pages and entity parts,
    /// each article's summary and body from its body file, and the check changes nothing.
    #[test]
    fn valid_data_round_trips_through_its_parts((index, bodies) in valid_site()) {
        let expected = validate::corpus(UncheckedIndex::from(index.clone()));
        prop_assert!(expected.problems.is_empty(), "valid index changed: {:?}", expected.problems);
        let (site_text, files) = written_parts(&index, &bodies);
        let site = parse_site(&site_text)
            .map_err(|e| TestCaseError::fail(format!("valid site.json refused: {e}")))?;
        let first = Corpus::first_screen(&site);
        prop_assert!(first.problems.is_empty(), "valid first screen changed: {:?}", first.problems);
        let (mut pages, mut parts, mut read_bodies) = (vec![], vec![], vec![]);
        let mut cards: Vec<(usize, CardPage<String>)> = vec![];
        for (path, text) in &files {
            if path.starts_with("cards/") {
                let page = parse_cards(path, text).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let number = site.cards.iter().position(|c| c == path);
                prop_assert!(number.is_some(), "{} is not in site.json's cards", path);
                cards.push((number.unwrap_or_default(), page));
            } else if path.starts_with("summaries/") {
                pages.push(parse_summaries(path, text).map_err(|e| TestCaseError::fail(e.to_string()))?);
            } else if path.starts_with("entities/") {
                parts.push(parse_entities(path, text).map_err(|e| TestCaseError::fail(e.to_string()))?);
            } else {
                let bucket = parse_bucket(path, text).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let checked = Corpus::of_bucket(&site, &bucket);
                prop_assert!(checked.problems.is_empty(), "valid body file changed: {:?}", checked.problems);
                for article in bucket.articles {
                    let summary = checked.value.article(&article.summary.id).cloned();
                    prop_assert_eq!(summary.as_ref(), expected.value.article(&article.summary.id));
                    let body = validate::body(article.body, &article.summary.id, &checked.value);
                    prop_assert!(body.problems.is_empty(), "valid body changed: {:?}", body.problems);
                    read_bodies.push(body.value);
                }
            }
        }
        prop_assert_eq!(site.summaries.len() + site.entity_parts.len(), pages.len() + parts.len());
        // The card pages hold every article, in order, with the title and date a card shows.
        prop_assert_eq!(site.cards.len(), cards.len());
        let card_pages: Vec<(usize, &CardPage<String>)> = cards.iter().map(|(n, p)| (*n, p)).collect();
        let from_cards = Corpus::of_cards(&site, &card_pages, &[]);
        prop_assert!(from_cards.problems.is_empty(), "valid card pages changed: {:?}", from_cards.problems);
        let shown = |c: &Corpus| -> Vec<(String, String, Option<String>)> {
            c.articles().iter().map(|a| (a.id.clone(), a.title.clone(), a.published.clone())).collect()
        };
        prop_assert_eq!(shown(&from_cards.value), shown(&expected.value));
        let whole = Corpus::whole(&site, pages, parts);
        prop_assert!(whole.problems.is_empty(), "valid parts changed: {:?}", whole.problems);
        prop_assert_eq!(whole.value.articles(), expected.value.articles());
        prop_assert_eq!(whole.value.entities(), expected.value.entities());
        read_bodies.sort_by(|a, b| a.id.cmp(&b.id));
        let mut bodies = bodies;
        bodies.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(read_bodies, bodies, "a body file lost or changed a body");
    }

    /// Any text served where a part should be (an error page, a file of another site, garbage)
    /// is refused with a message naming the file, or read within the contract.
    #[test]
    fn any_part_file_reads_without_panic(
        text in any::<String>(),
        dir in prop::sample::select(&["summaries/a.json", "entities/a.json", "bodies/0.json"][..]),
        (index, bodies) in valid_site(),
    ) {
        let (site_text, _) = written_parts(&index, &bodies);
        let site = parse_site(&site_text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        read_part(&site, dir, &text)?;
    }

    /// Any part-shaped value (positions out of the entity table, repeated or invalid ids, bad
    /// mentions, huge excerpts) is read within the contract or refused naming the file.
    #[test]
    fn any_part_shaped_value_is_read_and_checked(
        (path, value) in part_value(),
        (index, bodies) in valid_site(),
    ) {
        let (site_text, _) = written_parts(&index, &bodies);
        let site = parse_site(&site_text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = serde_json::to_string(&value).expect("a Value serialises");
        read_part(&site, &path, &text)?;
    }

    /// A part cut short or spliced with junk (a transfer cut off, a bad proxy) is refused
    /// naming the file, never half read.
    #[test]
    fn broken_part_files_are_refused(
        (index, bodies) in valid_site(),
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        junk in nasty_text(4),
    ) {
        let (site_text, files) = written_parts(&index, &bodies);
        let site = parse_site(&site_text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (path, text) = &files[pick.index(files.len())];
        let at = text
            .char_indices()
            .map(|(i, _)| i)
            .nth(cut.index(text.chars().count().max(1)))
            .unwrap_or(text.len());
        read_part(&site, path, &text[..at])?;
        read_part(&site, path, &format!("{}{junk}{}", &text[..at], &text[at..]))?;
    }
}

/// Problems name what is wrong with values quoted, never raw.
#[test]
fn problem_messages_quote_hostile_values() {
    let problem = Problem::InvalidId {
        item: validate::Item::Article,
        id: "a\n\u{1b}[31merror: forged".into(),
    };
    let message = problem.to_string();
    assert!(
        !message.contains('\n') && !message.contains('\u{1b}'),
        "{message}"
    );
}

proptest! {
    #![proptest_config(config(64))]

    /// A posting file as the app reads it (data contract 2.4): any text parses or is refused
    /// without panic, and any lists of numbers, however wrong, give an entity's articles as
    /// increasing numbers of the site's, or an error: never a panic, never a number past the
    /// site's articles.
    #[test]
    fn any_posting_file_reads_without_panic_and_gives_only_the_site_s_articles(
        text in any::<String>(),
        lists in proptest::collection::vec(proptest::collection::vec(any::<u32>(), 0..6), 0..4),
        entities in 0usize..4,
        articles in 0u32..200,
    ) {
        let _ = kiosque_model::parts::parse_postings("postings/0.json", &text);
        let ids: Vec<String> = (0..entities).map(|e| format!("per-e{e}")).collect();
        let file = json!({
            "entities": ids.iter().map(|id| json!({
                "id": id, "label": "PER", "name": id, "articles": 1, "mentions": 1
            })).collect::<Vec<_>>(),
            "articles": lists,
        });
        let file = kiosque_model::parts::parse_postings("postings/0.json", &file.to_string())
            .expect("a posting file of the right shape parses");
        for id in ids.iter().map(String::as_str).chain(["per-missing"]) {
            if let Ok(Some(found)) = file.articles_of("postings/0.json", id, articles) {
                prop_assert!(found.numbers.windows(2).all(|w| w[0] < w[1]), "{:?}", found.numbers);
                prop_assert!(found.numbers.iter().all(|&n| n < articles), "{:?}", found.numbers);
            }
        }
    }
}
