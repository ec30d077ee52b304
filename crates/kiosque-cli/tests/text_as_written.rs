//! `kiosque build` writes each block's text as written — joiners, non-joiners, soft hyphens and
//! zero-width spaces included — and its mention offsets index that text, so the app highlights
//! whole names.

mod common;

use std::fs;

use common::{body_json, build, index_json, stderr};
use kiosque_model::{ArticleBody, SiteIndex};

#[test]
fn blocks_keep_every_character_and_mentions_cover_the_names() {
    let paragraphs = [
        "Les forces ukrainiennes ont relancé une offensive dans la région russe de Kour\u{AD}sk, selon des blogueurs.",
        "Le président Volo\u{200B}dymyr Zelensky a répondu lundi à Donald Trump.",
        "Une famille 👨\u{200D}👩\u{200D}👧 a quitté Koursk. Une habitante dit : « می\u{200C}خواهم بروم ».",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("koursk.txt");
    fs::write(
        &input,
        format!(
            "---\ntitle: Koursk\ndate: 2025-01-06\n---\n{}\r\n",
            paragraphs.join("\r\n")
        ),
    )
    .expect("input written");
    let out = dir.path().join("data");
    let run = build(&[&input], &out);
    assert!(run.status.success(), "build failed: {}", stderr(&run));

    let index: SiteIndex = serde_json::from_value(index_json(&out)).expect("index parses");
    let article = &index.articles[0];
    let body: ArticleBody =
        serde_json::from_value(body_json(&out, &article.id)).expect("body parses");
    let texts: Vec<&str> = body.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(texts, paragraphs);

    let highlighted: Vec<(String, &str)> = body
        .blocks
        .iter()
        .flat_map(|b| {
            let chars: Vec<char> = b.text().chars().collect();
            b.mentions().iter().map(move |m| {
                let text = chars[m.start as usize..m.end as usize].iter().collect();
                (text, m.entity.as_str())
            })
        })
        .collect();
    let entity = |name: &str| {
        index
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", index.entities))
            .id
            .as_str()
    };
    for (shown, name) in [
        ("Kour\u{AD}sk", "Koursk"),
        ("Koursk", "Koursk"),
        ("Volo\u{200B}dymyr Zelensky", "Volodymyr Zelensky"),
        ("Donald Trump", "Donald Trump"),
    ] {
        assert!(
            highlighted.contains(&(shown.to_owned(), entity(name))),
            "{shown:?} is not highlighted as {name}: {highlighted:?}"
        );
    }
}
