use super::*;
use crate::article::{EmbedBlock, RelatedBlock, TextBlock};
use crate::entity::Label;
use crate::testing::{article, corpus, entity};

fn koursk_corpus() -> Corpus {
    corpus(
        vec![article("a", &["loc-koursk"])],
        vec![entity("loc-koursk", Label::Place, 1)],
    )
}

/// A body of one paragraph read from JSON, as the app reads it.
fn paragraph(text: &str, mentions: &str) -> UncheckedBody {
    let json = format!(
        r#"{{"id": "a", "blocks": [{{"kind": "paragraph", "text": {}, "mentions": {mentions}}}]}}"#,
        serde_json::to_string(text).expect("a string")
    );
    serde_json::from_str(&json).expect("a body with bad mentions still parses")
}

fn mentions<E>(body: &ArticleBody<E>) -> Vec<(u32, u32)> {
    body.blocks[0]
        .mentions()
        .iter()
        .map(|m| (m.start, m.end))
        .collect()
}

fn faults(problems: &[Problem]) -> Vec<MentionFault> {
    problems
        .iter()
        .filter_map(|p| match p {
            Problem::BadMention { fault, .. } => Some(*fault),
            _ => None,
        })
        .collect()
}

#[test]
fn valid_data_has_no_problems_and_is_unchanged() {
    let corpus = koursk_corpus();
    let body = paragraph(
        "À Koursk",
        r#"[{"start": 2, "end": 8, "entity": "loc-koursk"}]"#,
    );
    let checked = super::body(body.clone(), "a", &corpus);
    assert_eq!(checked.problems, []);
    assert_eq!(UncheckedBody::from(checked.value), body);
    let site = SiteIndex {
        schema_version: "2.1".into(),
        generator: String::new(),
        search: None,
        articles: corpus.articles().to_vec(),
        entities: corpus.entities().to_vec(),
    };
    let checked = index(site.clone());
    assert_eq!(checked.problems, []);
    assert_eq!(checked.value, site);
}

#[test]
fn negative_huge_and_non_numeric_offsets_drop_only_their_mention() {
    let corpus = koursk_corpus();
    let body = paragraph(
        "Koursk, Koursk, Koursk",
        r#"[
            {"start": -5, "end": 6, "entity": "loc-koursk"},
            {"start": 8, "end": 14, "entity": "loc-koursk"},
            {"start": 16, "end": 99999999999999999999, "entity": "loc-koursk"},
            {"start": "16", "end": 22, "entity": "loc-koursk"}
        ]"#,
    );
    let checked = super::body(body, "a", &corpus);
    assert_eq!(mentions(&checked.value), [(8, 14)]);
    assert_eq!(faults(&checked.problems), [MentionFault::InvalidOffset; 3]);
    let message = checked.problems[0].to_string();
    assert!(message.contains("?..6"), "{message}");
}

#[test]
fn out_of_bounds_and_empty_mentions_are_dropped() {
    let corpus = koursk_corpus();
    let body = paragraph(
        "Koursk",
        r#"[
            {"start": 0, "end": 6, "entity": "loc-koursk"},
            {"start": 3, "end": 3, "entity": "loc-koursk"},
            {"start": 4, "end": 2, "entity": "loc-koursk"},
            {"start": 2, "end": 7, "entity": "loc-koursk"}
        ]"#,
    );
    let checked = super::body(body, "a", &corpus);
    assert_eq!(mentions(&checked.value), [(0, 6)]);
    assert_eq!(
        faults(&checked.problems),
        [
            MentionFault::Empty,
            MentionFault::Empty,
            MentionFault::OutOfBounds { chars: 6 }
        ]
    );
}

#[test]
fn unsorted_mentions_are_sorted_and_overlapping_ones_dropped() {
    let corpus = koursk_corpus();
    let body = paragraph(
        "Koursk et Koursk",
        r#"[
            {"start": 10, "end": 16, "entity": "loc-koursk"},
            {"start": 0, "end": 6, "entity": "loc-koursk"},
            {"start": 3, "end": 9, "entity": "loc-koursk"}
        ]"#,
    );
    let checked = super::body(body, "a", &corpus);
    assert_eq!(mentions(&checked.value), [(0, 6), (10, 16)]);
    assert_eq!(faults(&checked.problems), [MentionFault::Overlaps]);
    assert!(
        checked
            .problems
            .iter()
            .any(|p| matches!(p, Problem::MentionsUnsorted { block: 0, .. }))
    );
}

#[test]
fn mentions_and_authors_of_unknown_entities_are_not_linked() {
    let corpus = koursk_corpus();
    let body = ArticleBody {
        id: "a".into(),
        blocks: vec![
            Block::Related(RelatedBlock {
                label: "A lire aussi".into(),
                text: "Koursk".into(),
                url: None,
                mentions: vec![Mention {
                    start: 0,
                    end: 6,
                    entity: EntityId::new("loc-kursk").expect("a valid id"),
                }],
            }),
            Block::Embed(EmbedBlock {
                platform: "tweet".into(),
                text: "x".into(),
                author_entity: Some(EntityId::new("per-ghost").expect("a valid id")),
                ..EmbedBlock::default()
            }),
        ],
    };
    let checked = super::body(body, "a", &corpus);
    assert!(checked.value.blocks[0].mentions().is_empty());
    assert_eq!(faults(&checked.problems), [MentionFault::UnknownEntity]);
    let Block::Embed(embed) = &checked.value.blocks[1] else {
        panic!("the embed stays");
    };
    assert_eq!(embed.author_entity, None);
    assert!(checked.problems.iter().any(|p| matches!(
        p,
        Problem::UnknownAuthor { block: 1, entity, .. } if entity == "per-ghost"
    )));
}

#[test]
fn a_mention_that_is_not_even_an_object_costs_only_itself() {
    let corpus = koursk_corpus();
    let body = paragraph(
        "Koursk",
        r#"[null, 5, {"start": 0, "end": 6, "entity": "loc-koursk"}]"#,
    );
    let checked = super::body(body, "a", &corpus);
    assert_eq!(mentions(&checked.value), [(0, 6)]);
    assert_eq!(checked.problems.len(), 2);
}

#[test]
fn a_body_for_another_article_is_reported() {
    let checked = super::body(
        UncheckedBody {
            id: "b".into(),
            blocks: vec![Block::Paragraph(TextBlock::default())],
        },
        "a",
        &koursk_corpus(),
    );
    assert_eq!(
        checked.problems,
        [Problem::BodyIdMismatch {
            expected: "a".into(),
            found: "b".into()
        }]
    );
}

fn site(articles: Vec<crate::ArticleSummary>, entities: Vec<crate::Entity>) -> SiteIndex {
    SiteIndex {
        schema_version: "2.1".into(),
        generator: String::new(),
        search: None,
        articles,
        entities,
    }
}

#[test]
fn a_huge_excerpt_is_cut_to_the_contracts_length() {
    let mut a = article("a", &[]);
    a.excerpt = "mot ".repeat(250_000);
    let checked = index(site(vec![a], vec![]));
    let excerpt = &checked.value.articles[0].excerpt;
    assert!(excerpt.chars().count() <= EXCERPT_MAX_CHARS, "{excerpt}");
    assert!(excerpt.ends_with("mot…"), "{excerpt}");
    assert_eq!(
        checked.problems,
        [Problem::ExcerptTooLong {
            article: "a".into(),
            chars: 1_000_000
        }]
    );
    // One long word, multi-byte: cut on a character boundary.
    let mut a = article("a", &[]);
    a.excerpt = "ж".repeat(5000);
    let checked = index(site(vec![a], vec![]));
    assert_eq!(
        checked.value.articles[0].excerpt.chars().count(),
        EXCERPT_MAX_CHARS
    );
}

#[test]
fn invalid_and_repeated_ids_are_left_out() {
    // As read: ids are strings, any string.
    let raw = |id: &str, mentions| entity("x", Label::Place, mentions).with_id(id.to_owned());
    let entities = vec![
        raw("loc-koursk", 1),
        raw("loc-koursk", 2),
        raw("LOC/../x", 1),
        raw("", 1),
    ];
    let listing = |id: &str, entities: &[&str]| {
        article(id, &[]).with_entities(entities.iter().map(|&e| e.to_owned()).collect())
    };
    let articles = vec![
        listing("a", &["loc-koursk", "LOC/../x"]),
        listing("a", &[]),
        listing("../etc", &[]),
    ];
    let checked = index(SiteIndex {
        schema_version: "2.1".into(),
        generator: String::new(),
        search: None,
        articles,
        entities,
    });
    let ids: Vec<&str> = checked
        .value
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["loc-koursk"]);
    assert_eq!(checked.value.entities[0].mentions, 1, "the first is kept");
    let ids: Vec<&str> = checked
        .value
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["a"]);
    assert_eq!(
        checked.value.articles[0].entities,
        [EntityId::new("loc-koursk").expect("a valid id")]
    );
    let kinds: Vec<String> = checked
        .problems
        .iter()
        .map(|p| {
            format!("{p:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "DuplicateId",
            "InvalidId",
            "InvalidId",
            "DuplicateId",
            "InvalidId",
            "UnknownEntity"
        ]
    );
}

#[test]
fn malformed_optional_fields_are_ignored() {
    let mut a = article("a", &[]);
    a.lang = Some("<b>".into());
    a.body_hash = Some("1234\"><script>".into());
    let mut b = article("b", &[]);
    b.lang = Some("fr".into());
    b.body_hash = Some(crate::stamp::of_text("{}"));
    let checked = index(site(vec![a, b.clone()], vec![]));
    assert_eq!(checked.value.articles[0].lang, None);
    assert_eq!(checked.value.articles[0].body_hash, None);
    assert_eq!(checked.value.articles[1], b);
    assert_eq!(checked.problems.len(), 2);
}

#[test]
fn messages_escape_control_characters_from_the_data() {
    let checked = index(site(vec![article("x\n\u{1b}[31merror: y", &[])], vec![]));
    let message = checked.problems[0].to_string();
    assert!(
        !message.contains('\n') && !message.contains('\u{1b}'),
        "{message}"
    );
    assert!(message.contains("\\n"), "{message}");
}

#[test]
fn articles_keep_their_numbers_when_others_are_left_out() {
    // The search index refers to articles by their position in index.json: an article the
    // check leaves out must not shift the others.
    let articles = vec![
        article("a", &[]),
        article("../bad", &[]),
        article("a", &[]),
        article("d", &[]),
    ];
    let corpus = super::corpus(site(articles, vec![])).value;
    let id = |n: u32| corpus.by_number(n).map(|a| a.id.as_str());
    assert_eq!(
        [id(0), id(1), id(2), id(3), id(4)],
        [Some("a"), None, None, Some("d"), None]
    );
    assert_eq!(corpus.numbers_of(["d", "missing", "a"]), [0, 3]);
}

/// The files as read hold any string where an id goes; the check keeps only valid ids and
/// says what it left out, so one bad id costs only what holds it.
#[test]
fn invalid_ids_in_the_files_cost_only_what_holds_them_and_are_reported() {
    let index = crate::index::parse_index(
        r#"{"schema_version": "2.1", "articles": [
            {"id": "a", "title": "T", "excerpt": "", "words": 2, "entities": ["loc-koursk", "LOC/X"]}
        ], "entities": [
            {"id": "loc-koursk", "label": "LOC", "name": "Koursk", "articles": 1, "mentions": 1},
            {"id": "LOC/X", "label": "LOC", "name": "X", "articles": 1, "mentions": 1}
        ]}"#,
    )
    .expect("an index with a bad id is read");
    let checked = super::corpus(index);
    let corpus = checked.value;
    assert_eq!(corpus.entities().len(), 1);
    assert_eq!(corpus.articles()[0].entities.len(), 1);
    assert_eq!(
        checked.problems,
        [
            Problem::InvalidId {
                item: Item::Entity,
                id: "LOC/X".into()
            },
            Problem::UnknownEntity {
                article: "a".into(),
                entity: "LOC/X".into()
            }
        ]
    );
    let body: UncheckedBody = serde_json::from_str(
        r#"{"id": "a", "blocks": [
            {"kind": "paragraph", "text": "Koursk X", "mentions": [
                {"start": 0, "end": 6, "entity": "loc-koursk"},
                {"start": 7, "end": 8, "entity": "LOC/X"}]},
            {"kind": "embed", "platform": "tweet", "text": "X", "author_entity": "PER X"}]}"#,
    )
    .expect("a body with bad ids is read");
    let checked = super::body(body, "a", &corpus);
    assert_eq!(mentions(&checked.value), [(0, 6)]);
    let Block::Embed(embed) = &checked.value.blocks[1] else {
        panic!("the embed is kept: {:?}", checked.value.blocks);
    };
    assert_eq!(embed.author_entity, None);
    let reported: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    assert_eq!(reported.len(), 2, "{reported:?}");
    assert!(reported[0].contains("\"LOC/X\""), "{reported:?}");
    assert!(reported[1].contains("\"PER X\""), "{reported:?}");
}

#[test]
fn a_part_numbered_keeps_the_numbers_of_the_articles_it_keeps() {
    // Card pages 3 and 7 (of 10 articles each): the article with a bad id is left out, the
    // others keep their numbers, so a search finds each of them by number.
    let index = SiteIndex {
        schema_version: crate::SCHEMA_VERSION.to_owned(),
        generator: String::new(),
        articles: vec![
            article("a30", &[]),
            article("BAD ID", &[]),
            article("a72", &[]),
        ],
        entities: Vec::new(),
        search: None,
    };
    let site = crate::index::SiteTotals {
        articles: 100,
        labels: [0; 4],
    };
    let checked = part_numbered(UncheckedIndex::from(index), &[30, 31, 72], site);
    assert_eq!(checked.problems.len(), 1, "{:?}", checked.problems);
    let corpus = checked.value;
    assert_eq!(corpus.by_number(30).map(|a| a.id.as_str()), Some("a30"));
    assert_eq!(corpus.by_number(31), None);
    assert_eq!(corpus.by_number(72).map(|a| a.id.as_str()), Some("a72"));
    assert_eq!(corpus.total_articles(), 100);
}
