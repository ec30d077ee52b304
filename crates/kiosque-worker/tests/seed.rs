//! What the worker makes of the seed, natively (the browser test `tests/e2e/tests/try_it.rs`
//! checks that the worker in the browser makes exactly what `kiosque build` makes).

use kiosque_model::worker::{Format, Request};
use kiosque_model::{Block, EntityId};

const SEED: &str = include_str!("../../../demo/000_a6c409483e480484.txt");

fn request(text: &str, format: Format, file_name: Option<&str>) -> Request {
    Request {
        text: text.to_owned(),
        format,
        file_name: file_name.map(str::to_owned),
    }
}

/// The names marked in the blocks a reader sees (not boilerplate), with their entities' ids.
fn shown_mentions(extracted: &kiosque_model::worker::Extracted) -> Vec<(String, EntityId)> {
    let mut out = Vec::new();
    for block in &extracted.body.blocks {
        let (text, mentions) = match block {
            Block::Heading(b) | Block::Paragraph(b) => (&b.text, &b.mentions),
            _ => continue,
        };
        for m in mentions {
            let name: String = text
                .chars()
                .skip(m.start as usize)
                .take((m.end - m.start) as usize)
                .collect();
            out.push((name, m.entity.clone()));
        }
    }
    out
}

#[test]
fn the_seed_s_people_and_places_are_found_and_its_teasers_are_not_shown() {
    let extracted =
        kiosque_worker::extract(&request(SEED, Format::Text, None)).expect("an article");
    let shown = shown_mentions(&extracted);
    for (name, prefix) in [
        ("Kourakhove", "loc-"),
        ("Donald Trump", "per-"),
        ("Youri Podoliaka", "per-"),
    ] {
        assert!(
            shown
                .iter()
                .any(|(n, id)| n == name && id.as_str().starts_with(prefix)),
            "{name} not found: {shown:?}"
        );
    }
    for teaser in ["Xiaomi", "Robbie Williams", "PSG", "Kolo Muani"] {
        assert!(
            !shown.iter().any(|(n, _)| n.contains(teaser)),
            "teaser {teaser} shown"
        );
    }
}

#[test]
fn a_file_s_name_gives_the_article_its_id_as_the_build_does() {
    let from_file = kiosque_worker::extract(&request(
        SEED,
        Format::Text,
        Some("000_a6c409483e480484.txt"),
    ))
    .expect("an article");
    // The build's id of the demo article (public/data): its title is derived, so its file names it.
    assert_eq!(from_file.body.id, "000-a6c409483e480484");
    assert_eq!(from_file.index.articles[0].id, "000-a6c409483e480484");
}

#[test]
fn empty_and_oversized_texts_are_refused_with_a_reason() {
    let empty = kiosque_worker::extract(&request(" \n ", Format::Text, None));
    assert!(empty.expect_err("empty").contains("no text"));
    let huge = "a ".repeat(kiosque_worker::MAX_TEXT_BYTES);
    let refused = kiosque_worker::extract(&request(&huge, Format::Markdown, None));
    assert!(refused.expect_err("too large").contains("KB"));
}

#[test]
fn a_web_page_is_read_as_the_build_reads_html() {
    let page = "<html><head><title>Koursk</title></head><body><article><h1>Koursk</h1><p>Volodymyr Zelensky s’est rendu à Kyiv lundi avec Emmanuel Macron pour parler de la guerre.</p></article></body></html>";
    let extracted = kiosque_worker::extract(&request(page, Format::Html, Some("page.html")))
        .expect("an article");
    let names: Vec<String> = extracted
        .index
        .entities
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert!(names.iter().any(|n| n.contains("Macron")), "{names:?}");
}

#[test]
fn the_answer_s_files_read_as_an_article_page_reads_its_body_file_give_every_entity_shown() {
    use kiosque_model::index::Corpus;
    use kiosque_model::{parts, validate};

    let extracted = kiosque_worker::extract(&request(
        SEED,
        Format::Text,
        Some("000_a6c409483e480484.txt"),
    ))
    .expect("an article");
    let (site, bucket) = kiosque_worker::files(&extracted);
    // What the Try it page does with the answer (src/routes/try_it.rs, read_reply).
    let site = parts::parse_site(&site).expect("site.json");
    let bucket = parts::parse_bucket("the body file", &bucket).expect("the body file");
    let corpus = Corpus::of_bucket(&site, &bucket);
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let corpus = corpus.value;
    assert_eq!(corpus.articles().len(), 1);
    assert_eq!(corpus.articles()[0].id, "000-a6c409483e480484");
    let body = bucket
        .articles
        .into_iter()
        .next()
        .expect("the article")
        .body;
    let body = validate::body(body, "000-a6c409483e480484", &corpus);
    assert!(body.problems.is_empty(), "{:?}", body.problems);
    // Every mention shown links to an entity the page has: nothing dropped on the way.
    let shown = shown_mentions(&extracted);
    assert!(!shown.is_empty());
    for (name, id) in &shown {
        assert!(
            corpus.entity(id).is_some(),
            "{name} ({id}) not in the page's entities"
        );
    }
    assert_eq!(body.value.blocks.len(), extracted.body.blocks.len());
}
