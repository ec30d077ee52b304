//! The whole site assembled part by part ([`validate::whole`], what [`Corpus::whole`] and the
//! app use) is the corpus the one-shot path makes ([`parts::assemble`], then
//! [`validate::corpus`]): the same articles, entities, lookups and problems, on valid data and
//! on data that breaks the contract in every way a part can.

use kiosque_model::index::Corpus;
use kiosque_model::parts::{self, EntityPart, SiteFile, SummaryPage, parse_site};
use kiosque_model::validate::{self, Checked};
use kiosque_model::{Label, Selection};
use serde_json::{Value, json};

/// Everything a reader can see of a corpus, as text: articles, entities, each entity's
/// postings, rank and position by id, each article's entities and number, the sidebar's order.
fn seen(corpus: &Corpus) -> String {
    let mut out = String::new();
    for (p, article) in corpus.articles().iter().enumerate() {
        let p = p as u32;
        out += &format!(
            "{article:?} mentions {:?} number {:?}\n",
            corpus.mentioned_by(p),
            corpus.numbers_at(&[p])
        );
        assert_eq!(corpus.article(&article.id), Some(article));
    }
    for (e, entity) in corpus.entities().iter().enumerate() {
        let e = e as u32;
        out += &format!(
            "{entity:?} postings {:?} rank {} count {} at {:?}\n",
            corpus.postings(e),
            corpus.rank(e),
            corpus.article_count(e),
            corpus.entity_position(&entity.id)
        );
    }
    for label in Label::ALL {
        out += &format!("{label:?}: {:?}\n", corpus.by_articles(label));
    }
    out += &format!(
        "{} {} {:?} whole {}\n",
        corpus.total_articles(),
        corpus.total_entities(),
        corpus.search_index(),
        corpus.is_whole()
    );
    let all = kiosque_model::facets::matching(corpus, &Selection::default());
    out += &format!("matching {all:?}\n");
    out
}

/// The problems as their messages, sorted: the part-by-part path finds them per article, the
/// one-shot path per kind.
fn problems<T>(checked: &Checked<T>) -> Vec<String> {
    let mut messages: Vec<String> = checked.problems.iter().map(|p| p.to_string()).collect();
    messages.sort();
    messages
}

/// The site of these summary pages and entity parts (JSON values of their files).
fn read(
    pages: &[Value],
    parts: &[Value],
) -> (SiteFile<String>, Vec<SummaryPage>, Vec<EntityPart<String>>) {
    let site = parse_site(
        &json!({
            "schema_version": "2.0", "generator": "test", "articles": 0, "entities": 0,
            "summaries": [], "entity_parts": [], "buckets": 1, "search": "search/meta-00ff.json",
            "first": {"articles": [], "entities": []}
        })
        .to_string(),
    )
    .expect("site.json");
    let pages = pages
        .iter()
        .map(|p| parts::parse_summaries("p", &p.to_string()).expect("a page"))
        .collect();
    let parts = parts
        .iter()
        .map(|p| parts::parse_entities("e", &p.to_string()).expect("a part"))
        .collect();
    (site, pages, parts)
}

/// Asserts that both paths make the same corpus of these files, and returns its problems.
fn same(pages: &[Value], parts: &[Value]) -> Vec<String> {
    let (site, pages, parts) = read(pages, parts);
    let old = validate::corpus(parts::assemble(&site, pages.clone(), parts.clone()));
    let new = Corpus::whole(&site, pages, parts);
    assert_eq!(seen(&new.value), seen(&old.value));
    assert_eq!(problems(&new), problems(&old));
    problems(&new)
}

fn entity(id: &str, label: &str, mentions: u32) -> Value {
    json!({"id": id, "label": label, "name": id.to_uppercase(), "articles": 1, "mentions": mentions})
}

fn article(id: &str, entities: &[u32]) -> Value {
    json!({"id": id, "title": id, "excerpt": "An excerpt.", "words": 2, "entities": entities,
           "lang": "fr", "body_hash": "00112233445566aa"})
}

#[test]
fn valid_parts_make_the_same_corpus_both_ways() {
    // Three entity parts and three pages, entities listed more than once, mentions in no order
    // (the table is ranked part by part, then merged) with ties across parts.
    let labels = ["PER", "LOC", "ORG", "DATE"];
    let parts: Vec<Value> = (0..3)
        .map(|part| {
            let entities: Vec<Value> = (0..7)
                .map(|e| {
                    let n = part * 7 + e;
                    entity(&format!("e{n}"), labels[n % 4], (n as u32 * 7) % 5)
                })
                .collect();
            json!({ "entities": entities })
        })
        .collect();
    let pages: Vec<Value> = (0..3)
        .map(|page| {
            let articles: Vec<Value> = (0..9)
                .map(|a| {
                    let n = (page * 9 + a) as u32;
                    article(
                        &format!("a{n}"),
                        &[n % 21, (n * 7) % 21, n % 21, (n + 3) % 5],
                    )
                })
                .collect();
            json!({ "articles": articles })
        })
        .collect();
    assert_eq!(same(&pages, &parts), Vec::<String>::new());
    assert_eq!(same(&[], &[]), Vec::<String>::new());
}

#[test]
fn broken_parts_make_the_same_corpus_and_problems_both_ways() {
    let parts = [
        json!({"entities": [
            entity("per-a", "PER", 5),
            entity("Not An Id", "LOC", 4),
            entity("per-a", "PER", 9),
            entity("loc-b", "LOC", 3),
        ]}),
        json!({"entities": [entity("org-c", "ORG", 3), entity("loc-b", "LOC", 1)]}),
    ];
    let mut long = article("a-long", &[0]);
    long["excerpt"] = json!("x".repeat(500));
    let mut fields = article("a-fields", &[4]);
    fields["lang"] = json!("French");
    fields["body_hash"] = json!("not a hash");
    let pages = [
        json!({"articles": [
            // An invalid entity, a repeated one (by its second position), one outside the table.
            article("a1", &[0, 1, 2, 3, 99]),
            article("A Bad Id", &[0]),
            article("a2", &[5, 4, 3]),
        ]}),
        json!({"articles": [article("a1", &[3]), long, fields, article("a3", &[])]}),
    ];
    let found = same(&pages, &parts);
    for wanted in [
        "entity id \"Not An Id\" is not made of a-z",
        "entity id \"per-a\" is used more than once",
        "entity id \"loc-b\" is used more than once",
        "article \"a1\" lists entity \"Not An Id\"",
        "article \"a1\" lists entity \"#99\"",
        "article id \"A Bad Id\" is not made of a-z",
        "article id \"a1\" is used more than once",
        "article \"a-long\": the excerpt has 500 characters",
        "article \"a-fields\": lang \"French\" is not valid",
        "article \"a-fields\": body_hash \"not a hash\" is not valid",
    ] {
        assert!(
            found.iter().any(|p| p.contains(wanted)),
            "{wanted} in {found:#?}"
        );
    }
    assert_eq!(found.len(), 10, "{found:#?}");
    // The articles kept keep their numbers: a3 is the seventh article read.
    let (site, pages, parts) = read(&pages, &parts);
    let corpus = Corpus::whole(&site, pages, parts).value;
    assert_eq!(corpus.by_number(6).map(|a| a.id.as_str()), Some("a3"));
    assert_eq!(corpus.by_number(1), None);
}

/// The whole site's lists are made at the size `site.json` and the entity table give them
/// (memory that a list growing by doubling would waste): counts its files cannot hold (an
/// edited or broken `site.json`, an entity said to be in billions of articles) are not believed,
/// and the site loads as any other, the same as the one-shot path makes it.
#[test]
fn counts_that_the_files_cannot_hold_are_not_believed() {
    let (mut site, pages, mut parts) = read(
        &[json!({"articles": [article("a1", &[0, 1]), article("a2", &[1])]})],
        &[json!({"entities": [entity("per-a", "PER", 3), entity("loc-b", "LOC", 2)]})],
    );
    site.articles = u32::MAX;
    site.entities = u32::MAX;
    site.summaries = vec!["summaries/p.json".to_owned()];
    site.entity_parts = vec!["entities/e.json".to_owned()];
    for entity in &mut parts[0].entities {
        entity.articles = u32::MAX;
    }
    let old = validate::corpus(parts::assemble(&site, pages.clone(), parts.clone()));
    let new = Corpus::whole(&site, pages, parts);
    assert_eq!(seen(&new.value), seen(&old.value));
    assert_eq!(new.value.articles().len(), 2);
    assert_eq!(new.value.postings(1), [0, 1]);
}
