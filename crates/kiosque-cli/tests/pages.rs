//! `kiosque pages` on a built site: one real HTML file per deep link.

mod common;

use std::fs;

use common::{build, demo, json, kiosque, stderr};

const INDEX: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/\"></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/app.js'; init();</script></body></html>";

#[test]
fn every_article_and_entity_gets_a_page_with_preview_metadata() {
    let dist = tempfile::tempdir().expect("temp dir");
    let data = dist.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("wrote 1 article and"),
        "{}",
        stderr(&run)
    );
    let quiet = kiosque(&[
        "pages",
        "--quiet",
        "--dist",
        &dist.path().display().to_string(),
    ]);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "", "--quiet prints nothing on success");

    let index = json(&data.join("index.json"));
    let article = &index["articles"][0];
    let id = article["id"].as_str().expect("id");
    let page = fs::read_to_string(dist.path().join("article").join(id).join("index.html"))
        .expect("article page");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains("<meta property=\"article:published_time\" content=\"2025-01-06\">"));
    assert!(page.contains("Kourakhove"), "the body text is in the page");
    assert!(!page.contains("Xiaomi"), "teasers are not");
    assert!(
        page.contains("<script type=\"module\">"),
        "the app still starts"
    );
    for entity in index["entities"].as_array().expect("entities") {
        let id = entity["id"].as_str().expect("id");
        let page = dist.path().join("entity").join(id).join("index.html");
        assert!(page.is_file(), "{id} has no page");
    }
    assert!(dist.path().join("404.html").is_file());
    let home = fs::read_to_string(dist.path().join("index.html")).expect("home");
    assert!(
        home.contains("href=\"article/"),
        "the home page lists the articles"
    );
}

#[test]
fn a_site_without_data_is_a_clear_error() {
    let dist = tempfile::tempdir().expect("temp dir");
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("data/index.json"), "{}", stderr(&run));
}

#[test]
fn addresses_from_the_data_never_become_script_links() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(
        input.join("a.txt"),
        "---\ntitle: Piège\nurl: javascript:alert(1)\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    let dist = dir.path().join("dist");
    assert!(build(&[&input], &dist.join("data")).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = fs::read_to_string(dist.join("article/piege/index.html")).expect("page");
    assert!(
        !page.contains("javascript:"),
        "a javascript: URL reached the page"
    );
}

#[test]
fn a_title_with_a_bidi_override_cannot_reverse_the_site_name_in_the_tab() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(
        input.join("a.txt"),
        "---\ntitle: \"Piège \u{202E}inversé\"\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    let dist = dir.path().join("dist");
    assert!(build(&[&input], &dist.join("data")).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = fs::read_to_string(dist.join("article/piege-inverse/index.html")).expect("page");
    assert!(
        page.contains("<title>\u{2068}Piège \u{202E}inversé\u{2069} · Kiosque</title>"),
        "the title is not isolated from the site name: {}",
        page.lines()
            .find(|l| l.contains("<title>"))
            .unwrap_or_default()
    );
}
