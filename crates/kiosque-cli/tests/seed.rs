//! The seed article, end to end through `kiosque build`: what a reader will see.

mod common;

use std::fs;

use common::{SEED_KINDS, body_json, build, demo, index_json, repo, stderr};
use kiosque_model::{ArticleBody, Block, Label, SiteIndex};

fn build_seed() -> (tempfile::TempDir, SiteIndex, ArticleBody) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("data");
    let run = build(&[&demo()], &out);
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    let index: SiteIndex = serde_json::from_value(index_json(&out)).expect("index parses");
    let id = &index.articles[0].id;
    let body: ArticleBody = serde_json::from_value(body_json(&out, id)).expect("body parses");
    (dir, index, body)
}

#[test]
fn the_sidebar_shows_the_seed_entities_and_none_of_the_teasers() {
    let (_dir, index, _) = build_seed();
    let names = |label: Label| -> Vec<&str> {
        index
            .entities
            .iter()
            .filter(|e| e.label == label)
            .map(|e| e.name.as_str())
            .collect()
    };
    let (people, places) = (names(Label::Person), names(Label::Place));
    for person in ["Donald Trump", "Youri Podoliaka"] {
        assert!(people.contains(&person), "{person} missing from {people:?}");
    }
    for place in [
        "Russie",
        "Ukraine",
        "Koursk",
        "Kourakhove",
        "Pokrovsk",
        "Donbass",
    ] {
        assert!(places.contains(&place), "{place} missing from {places:?}");
    }
    let donbass = index
        .entities
        .iter()
        .find(|e| e.name == "Donbass")
        .expect("Donbass");
    assert!(
        donbass.aliases.contains(&"Dombass".to_owned()),
        "Dombass is not merged into Donbass"
    );
    assert!(!places.contains(&"Dombass"));
    for teaser in [
        "Xiaomi",
        "Robbie Williams",
        "PSG",
        "Kolo Muani",
        "Juve",
        "Barça",
        "Pokémon",
        "Better Man",
    ] {
        assert!(
            !index
                .entities
                .iter()
                .any(|e| e.name.contains(teaser) || e.aliases.iter().any(|a| a.contains(teaser))),
            "teaser entity {teaser} leaked into the sidebar"
        );
    }
}

#[test]
fn the_seed_structure_is_what_a_careful_editor_makes_of_it() {
    let (_dir, index, body) = build_seed();
    let summary = &index.articles[0];
    assert_eq!(summary.published.as_deref(), Some("2025-01-06"));
    assert!(summary.published_inferred);
    assert_eq!(summary.lang.as_deref(), Some("fr"));
    assert!(summary.excerpt.starts_with("Les deux camps essayent"));
    for teaser in ["Xiaomi", "Robbie Williams", "PSG"] {
        assert!(!summary.excerpt.contains(teaser));
    }
    let kinds: Vec<&str> = body
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(_) => "heading",
            Block::Paragraph(_) => "paragraph",
            Block::Embed(_) => "embed",
            Block::Related(_) => "related",
            Block::Boilerplate(_) => "boilerplate",
            Block::Unknown => "unknown",
        })
        .collect();
    assert_eq!(kinds, SEED_KINDS);
    let Block::Embed(tweet) = &body.blocks[3] else {
        panic!("no tweet")
    };
    assert_eq!(tweet.author.as_deref(), Some("SILVANO TROTTA OFFICIEL"));
    assert_eq!(tweet.handle.as_deref(), Some("@silvano_trotta"));
    assert_eq!(tweet.date.as_deref(), Some("2025-01-05"));
    assert_eq!(
        tweet.media_link.as_deref(),
        Some("pic.twitter.com/rnl7qu53sW")
    );
    assert_eq!(
        tweet.author_entity.as_ref().map(|e| e.as_str()),
        Some("per-silvano-trotta")
    );
    // Boilerplate carries no mention; every mention's offsets fall inside its block's text.
    for block in &body.blocks {
        let len = block.text().chars().count() as u32;
        for m in block.mentions() {
            assert!(
                m.start < m.end && m.end <= len,
                "bad offsets {m:?} in {:?}",
                block.text()
            );
        }
    }
}

/// The demo data committed in public/data is exactly what `kiosque build demo` writes.
#[test]
fn committed_demo_data_is_up_to_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("data");
    let run = build(&[&demo()], &out);
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    let committed = repo().join("public/data");
    let refresh = "the demo data is stale: run `cargo run -p kiosque-cli -- build demo --out public/data` and commit public/data";
    let mut fresh_files = Vec::new();
    for entry in walk(&out) {
        let rel = entry.strip_prefix(&out).expect("inside out").to_path_buf();
        let old = fs::read(committed.join(&rel)).unwrap_or_default();
        assert!(
            old == fs::read(&entry).expect("fresh file"),
            "{}: differs; {refresh}",
            rel.display()
        );
        fresh_files.push(rel);
    }
    for entry in walk(&committed) {
        let rel = entry
            .strip_prefix(&committed)
            .expect("inside")
            .to_path_buf();
        assert!(
            fresh_files.contains(&rel),
            "{}: no longer produced; {refresh}",
            rel.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("readable dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A readable digest of the seed's site data, pinned so any change to extraction shows in review.
#[test]
fn seed_digest_snapshot() {
    let (_dir, index, body) = build_seed();
    let mut digest = String::new();
    let a = &index.articles[0];
    digest.push_str(&format!(
        "title: {}\npublished: {:?} inferred={}\nlang: {:?}\n",
        a.title, a.published, a.published_inferred, a.lang
    ));
    for e in &index.entities {
        digest.push_str(&format!(
            "{} {} {:?} {:?} mentions={}\n",
            e.label.code(),
            e.name,
            e.aliases,
            e.value,
            e.mentions
        ));
    }
    for b in &body.blocks {
        let marked: String = kiosque_model::highlight::segments(b.text(), b.mentions())
            .iter()
            .map(|s| match s.mention {
                Some(m) => format!("[{}|{}]", s.text, m.entity),
                None => s.text.to_owned(),
            })
            .collect();
        let kind = match b {
            Block::Boilerplate(bp) => format!("boilerplate/{:?}", bp.reason).to_lowercase(),
            Block::Embed(_) => "embed".into(),
            Block::Related(_) => "related".into(),
            _ => "body".into(),
        };
        digest.push_str(&format!("{kind}: {marked}\n"));
    }
    insta::assert_snapshot!(digest);
}
