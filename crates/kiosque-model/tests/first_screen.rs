//! The corpora the app builds from parts of data contract 2 show what the whole site shows:
//! the home page's first screen from `site.json` alone ([`Corpus::first_screen`]: its cards,
//! their chips, the sidebar's first rows with the site's counts, "N articles"), and an article
//! page from its body file alone ([`Corpus::of_bucket`]).

use std::collections::HashMap;

use kiosque_model::article::{ArticleBody, ArticleSummary, Block, TextBlock};
use kiosque_model::article_view::{card_chips, entities_by_label};
use kiosque_model::facets::{FacetCounts, matching};
use kiosque_model::index::{Corpus, SiteIndex};
use kiosque_model::parts::{
    FIRST_CARDS, Parts, SITE_FILE, bucket_of, bucket_path, parse_bucket, parse_entities,
    parse_site, parse_summaries,
};
use kiosque_model::sidebar::{EntityQuery, SidebarGroup, sidebar_groups};
use kiosque_model::validate;
use kiosque_model::{Entity, EntityId, Label, SCHEMA_VERSION, Selection};

/// Rows per sidebar group at first (the app's `GROUP_LIMIT`).
const ROWS: usize = 10;

/// A site of `articles` articles over `entities` entities, as the build writes it: entities
/// most mentioned first, `Entity::articles` the number of articles listing each. Which
/// entities an article lists comes from a small generator seeded with `seed`.
fn site(articles: usize, entities: usize, seed: u64) -> (SiteIndex, Vec<ArticleBody>) {
    let mut state = seed;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    let ids: Vec<EntityId> = (0..entities)
        .map(|e| {
            let label = Label::ALL[next(4)];
            EntityId::new(format!("{}-e{e}", label.id_prefix())).expect("an id")
        })
        .collect();
    let summaries: Vec<ArticleSummary> = (0..articles)
        .map(|a| {
            // Skewed: low entity numbers are listed more often.
            let mut listed: Vec<EntityId> = (0..1 + next(8))
                .map(|_| {
                    let within = 1 + next(entities);
                    ids[next(within)].clone()
                })
                .collect();
            listed.dedup();
            serde_json::from_value::<ArticleSummary>(serde_json::json!({
                "id": format!("a{a}"), "title": format!("Article {a}"), "excerpt": "…", "words": 3,
                "body_hash": format!("{a:016x}"),
            }))
            .expect("a summary")
            .with_entities(listed)
        })
        .collect();
    let mut counts: HashMap<&EntityId, u32> = HashMap::new();
    for summary in &summaries {
        let mut listed: Vec<&EntityId> = summary.entities.iter().collect();
        listed.sort_unstable();
        listed.dedup();
        for id in listed {
            *counts.entry(id).or_default() += 1;
        }
    }
    // Only entities some article lists, most mentioned first (the order of the build's entity
    // table), many with the same articles and mentions: the name then decides.
    let mut table: Vec<Entity> = ids
        .iter()
        .filter_map(|id| {
            let articles = *counts.get(id)?;
            serde_json::from_value(serde_json::json!({
                "id": id.as_str(),
                "label": id.as_str().split('-').next().map(label_code),
                "name": format!("Name {}", id.as_str()),
                "articles": articles,
                "mentions": 0,
            }))
            .ok()
        })
        .collect();
    table.dedup_by(|a, b| a.id == b.id);
    for entity in &mut table {
        entity.mentions = 2 * entity.articles;
    }
    table.sort_by_key(|e| std::cmp::Reverse(e.mentions));
    let bodies = summaries
        .iter()
        .map(|s| ArticleBody {
            id: s.id.clone(),
            blocks: vec![Block::Paragraph(TextBlock {
                text: format!("The text of {}.", s.title),
                mentions: Vec::new(),
            })],
        })
        .collect();
    let index = SiteIndex {
        schema_version: SCHEMA_VERSION.to_owned(),
        generator: "test".to_owned(),
        articles: summaries,
        entities: table,
        search: None,
    };
    (index, bodies)
}

fn label_code(prefix: &str) -> &'static str {
    match prefix {
        "per" => "PER",
        "loc" => "LOC",
        "org" => "ORG",
        _ => "DATE",
    }
}

/// Every file of the site, by path.
fn files(index: &SiteIndex, bodies: &[ArticleBody]) -> HashMap<String, String> {
    let parts = Parts::new(index, bodies);
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("utf-8");
    let mut files: HashMap<String, String> = (parts.named.iter())
        .map(|(path, bytes)| (path.clone(), text(bytes)))
        .chain(
            parts
                .card_files()
                .map(|(path, bytes)| (path.to_owned(), text(&bytes))),
        )
        .collect();
    files.insert(SITE_FILE.to_owned(), text(&parts.site));
    for b in 0..parts.buckets.len() {
        files.insert(parts.bucket_path(b), text(&parts.bucket(b)));
    }
    files
}

/// The whole corpus, read from the parts as the app reads them.
fn whole(files: &HashMap<String, String>) -> Corpus {
    let site = parse_site(&files[SITE_FILE]).expect("site.json");
    let pages = site
        .summaries
        .iter()
        .map(|p| parse_summaries(p, &files[p]).expect("a page"))
        .collect();
    let parts = site
        .entity_parts
        .iter()
        .map(|p| parse_entities(p, &files[p]).expect("a part"))
        .collect();
    let checked = Corpus::whole(&site, pages, parts);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    checked.value
}

/// A sidebar group as shown: its label, its rows (id, count), whether it has "Show more".
type Shown = (Label, Vec<(String, u32)>, bool);

/// The sidebar with nothing selected, as the home page shows it at first.
fn sidebar(corpus: &Corpus) -> Vec<SidebarGroup> {
    let everything: Vec<u32> = matching(corpus, &Selection::default());
    let counts = FacetCounts::new(corpus, &everything);
    sidebar_groups(
        corpus,
        &counts,
        &Selection::default(),
        &EntityQuery::default(),
        |_| ROWS,
        kiosque_model::ui::Language::En,
    )
}

#[test]
fn the_first_screen_from_site_json_alone_is_the_whole_site_s() {
    for (articles, entities, seed) in [
        (0, 5, 1),
        (1, 3, 2),
        (29, 12, 3),
        (30, 60, 4),
        (31, 200, 5),
        (400, 80, 6),
        (2500, 600, 7),
    ] {
        let (index, bodies) = site(articles, entities, seed);
        let files = files(&index, &bodies);
        let whole = whole(&files);
        let site = parse_site(&files[SITE_FILE]).expect("site.json");
        let first = Corpus::first_screen(&site);
        assert!(first.problems.is_empty(), "{:?}", first.problems);
        let first = first.value;
        let case = format!("{articles} articles, {entities} entities");
        assert!(whole.is_whole() && !first.is_whole(), "{case}");
        // "N articles": the site's count.
        assert_eq!(first.total_articles(), whole.total_articles(), "{case}");
        assert_eq!(first.total_articles(), articles, "{case}");
        // The first page of cards, with the same chips.
        assert_eq!(first.articles().len(), articles.min(FIRST_CARDS), "{case}");
        for (shown, article) in first.articles().iter().zip(whole.articles()) {
            assert_eq!(shown.id, article.id, "{case}");
            assert_eq!(shown.body_hash, article.body_hash, "{case}");
            let ids = |chips: Vec<&Entity>| -> Vec<EntityId> {
                chips.into_iter().map(|e| e.id.clone()).collect()
            };
            assert_eq!(
                ids(card_chips(&first, shown, 5, &[])),
                ids(card_chips(&whole, article, 5, &[])),
                "{case}: chips of {}",
                article.id
            );
        }
        // The sidebar's first rows, with the site's counts, in the same order; a group that
        // has more rows says so on both.
        let (first_groups, whole_groups) = (sidebar(&first), sidebar(&whole));
        let rows = |groups: &[SidebarGroup]| -> Vec<Shown> {
            groups
                .iter()
                .map(|g| {
                    let rows = g.rows.iter().map(|r| (r.id.to_string(), r.count)).collect();
                    (g.label, rows, g.not_shown() > 0)
                })
                .collect()
        };
        assert_eq!(rows(&first_groups), rows(&whole_groups), "{case}");
        for (f, w) in first_groups.iter().zip(&whole_groups) {
            // "Show N more" says the same.
            assert_eq!(f.not_shown(), w.not_shown(), "{case}: {:?}", f.label);
        }
        // The drawer's "Entities (N)".
        let everything = |c: &Corpus| matching(c, &Selection::default());
        assert_eq!(
            FacetCounts::new(&first, &everything(&first)).distinct(),
            FacetCounts::new(&whole, &everything(&whole)).distinct(),
            "{case}"
        );
    }
}

#[test]
fn an_article_page_from_its_body_file_alone_is_the_whole_site_s() {
    let (index, bodies) = site(700, 150, 11);
    let files = files(&index, &bodies);
    let whole = whole(&files);
    let site = parse_site(&files[SITE_FILE]).expect("site.json");
    for article in whole.articles().iter().step_by(37) {
        let path = bucket_path(bucket_of(&article.id, site.buckets), site.buckets);
        let bucket = parse_bucket(&path, &files[&path]).expect("a body file");
        let checked = Corpus::of_bucket(&site, &bucket);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let corpus = checked.value;
        assert!(!corpus.is_whole());
        let summary = corpus.article(&article.id).expect("in its body file");
        assert_eq!(summary, article);
        let by_label = |c: &Corpus, s: &ArticleSummary| -> Vec<(Label, Vec<String>)> {
            entities_by_label(c, &s.entities)
                .into_iter()
                .map(|(l, es)| (l, es.iter().map(|e| e.name.clone()).collect()))
                .collect()
        };
        assert_eq!(by_label(&corpus, summary), by_label(&whole, article));
        let body = bucket
            .articles
            .iter()
            .find(|a| a.summary.id == article.id)
            .expect("its body")
            .body
            .clone();
        let checked = validate::body(body, &article.id, &corpus);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    }
}
