//! The noisy real pages of `../shared/corpus/raw/`: every kind of noise comes out typed as noise,
//! and the article text as body. Skipped with a message when `../shared` is absent.

use std::path::PathBuf;

use kiosque_extract::clean::{Format, Role};
use kiosque_extract::html::parse_html;
use kiosque_extract::normalize::normalize_str;
use kiosque_extract::source::{Document, parse_text};
use kiosque_model::article::Noise;

fn raw(name: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raw");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/corpus/raw is not beside the repository");
        return None;
    }
    let path = std::fs::read_dir(&dir)
        .expect("readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        })
        .unwrap_or_else(|| panic!("no raw file {name}"));
    Some(std::fs::read_to_string(path).expect("UTF-8 file"))
}

/// (what each part is, its text) for a document.
fn typed(doc: &Document) -> Vec<(String, String)> {
    let cleaned = doc.clean();
    cleaned
        .parts
        .iter()
        .map(|p| {
            let kind = match &p.role {
                Role::Heading => "heading".to_owned(),
                Role::Paragraph => "paragraph".to_owned(),
                Role::Embed(_) => "embed".to_owned(),
                Role::Related { .. } => "related".to_owned(),
                Role::Boilerplate(n) => format!("{n:?}").to_lowercase(),
            };
            (kind, p.text.clone())
        })
        .collect()
}

fn text_doc(content: &str) -> Document {
    parse_text(content, Format::Text).expect("parses")
}

/// Finds the part by its matching view: parts show the text as written, no-break spaces and
/// soft hyphens included.
#[track_caller]
fn assert_typed(parts: &[(String, String)], start: &str, kind: &str) {
    let found = parts
        .iter()
        .find(|(_, text)| normalize_str(text).starts_with(start))
        .unwrap_or_else(|| panic!("no part starts with {start:?}: {parts:#?}"));
    assert_eq!(found.0, kind, "{start:?}");
}

fn noise(n: Noise) -> String {
    format!("{n:?}").to_lowercase()
}

#[test]
fn wikinews_page_belgorod() {
    let Some(text) = raw("01_") else { return };
    let parts = typed(&text_doc(&text));
    assert_typed(
        &parts,
        "Ukrainian missile and drone strike",
        &noise(Noise::Title),
    );
    assert_typed(
        &parts,
        "From Wikinews, the free news source",
        &noise(Noise::Navigation),
    );
    assert_typed(&parts, "Jump to navigation", &noise(Noise::Navigation));
    assert_typed(&parts, "Thursday, January 4, 2024", &noise(Noise::Dateline));
    assert_typed(
        &parts,
        "Belgorod and the other targets",
        &noise(Noise::Caption),
    );
    assert_typed(&parts, "At least 21 people were killed", "paragraph");
    assert_typed(&parts, "32 drones from Ukraine", "paragraph");
    assert_typed(&parts, "Sister links", &noise(Noise::Footer));
    assert_typed(&parts, "Sources", &noise(Noise::Footer));
}

#[test]
fn wikinews_page_trump_inauguration() {
    let Some(text) = raw("02_") else { return };
    let parts = typed(&text_doc(&text));
    assert_typed(
        &parts,
        "Donald Trump taking oath on the Bible",
        &noise(Noise::Caption),
    );
    assert_typed(&parts, "Image: The White House.", &noise(Noise::Caption));
    assert_typed(&parts, "At 12:00 p.m. local time", "paragraph");
    assert_typed(&parts, "Barack Obama left a letter", "paragraph");
    assert_typed(&parts, "Related news", &noise(Noise::Footer));
}

#[test]
fn wikinews_page_with_notices() {
    let Some(text) = raw("03_") else { return };
    let parts = typed(&text_doc(&text));
    assert_typed(
        &parts,
        "Jump to: navigation, search",
        &noise(Noise::Navigation),
    );
    assert_typed(&parts, "Wikimedia-logo.svg", &noise(Noise::Notice));
    assert_typed(
        &parts,
        "This article features first-hand journalism",
        &noise(Noise::Notice),
    );
    assert_typed(
        &parts,
        "Sunday, September 25, 2005",
        &noise(Noise::Dateline),
    );
    assert_typed(
        &parts,
        "The poll, which ended September 20, 2005",
        "paragraph",
    );
}

#[test]
fn government_page_with_banner_and_photo_captions() {
    let Some(text) = raw("04_") else { return };
    let parts = typed(&text_doc(&text));
    for banner in [
        "An official website of the United States",
        "Here's how you know",
        "Official websites use .gov",
        "Secure .gov websites",
    ] {
        assert_typed(&parts, banner, &noise(Noise::Navigation));
    }
    assert_typed(
        &parts,
        "You have accessed part of a historical collection",
        &noise(Noise::Notice),
    );
    assert_typed(&parts, "Austin told the more than 45 nations", "paragraph");
    assert_typed(
        &parts,
        "Ukrainian Defense Minister Oleksii Reznikov also attended",
        "paragraph",
    );
    for caption in [
        "Supporting Ukraine",
        "Photo By: Chad McNeeley",
        "VIRIN: 220615",
        "Officials sit at a large round table.",
        "Contact Group Meeting",
        "Secretary of Defense Lloyd J. Austin III hosts",
    ] {
        assert_typed(&parts, caption, &noise(Noise::Caption));
    }
}

#[test]
fn government_page_with_video_player() {
    let Some(text) = raw("05_") else { return };
    let parts = typed(&text_doc(&text));
    assert_typed(&parts, "07:09", &noise(Noise::Navigation));
    assert_typed(&parts, "Play", &noise(Noise::Navigation));
    assert_typed(
        &parts,
        "He spoke today at the start of the 13th meeting",
        "paragraph",
    );
}

#[test]
fn a_category_listing_is_all_teasers() {
    let Some(text) = raw("06_") else { return };
    let parts = typed(&text_doc(&text));
    assert!(
        parts.iter().all(|(kind, _)| kind != "paragraph"),
        "{parts:#?}"
    );
    assert_typed(
        &parts,
        "Reportage depuis un camp de prisonniers",
        &noise(Noise::Teaser),
    );
    assert_typed(
        &parts,
        "PolitiFact a analysé ce site Web",
        &noise(Noise::Teaser),
    );
}

#[test]
fn markdown_with_front_matter_and_footnotes() {
    let Some(text) = raw("07_") else { return };
    let doc = parse_text(&text, Format::Markdown).expect("parses");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Russia withdraws from Chernobyl")
    );
    let parts = typed(&doc);
    assert!(
        !parts
            .iter()
            .any(|(_, t)| t.contains("shortDescription") || t.contains("authorLink"))
    );
    assert_typed(
        &parts,
        "Explosions of Russian missiles were heard in cities Kyiv, Kharkiv",
        "paragraph",
    );
    assert!(
        !parts
            .iter()
            .any(|(k, t)| k == "paragraph" && t.contains("[^"))
    );
    assert_typed(&parts, "Sources", &noise(Noise::Footer));
    assert_typed(&parts, "[^1]: Sudeep Reddy", &noise(Noise::Footer));
}

#[test]
fn html_with_soft_hyphens() {
    let Some(html) = raw("08_") else { return };
    let doc = parse_html(&html, None).expect("extracts");
    let parts = typed(&doc);
    let body: String = parts
        .iter()
        .filter(|(k, _)| k == "paragraph")
        .map(|(_, t)| t.as_str())
        .collect();
    // Readers see the page's soft hyphens; matching reads through them.
    assert!(
        body.contains("pre\u{00AD}mier étage du lan\u{00AD}ceur"),
        "soft hyphens are shown: {body}"
    );
    assert!(normalize_str(&body).contains("premier étage du lanceur"));
    assert_typed(&parts, "États-Unis", &noise(Noise::Title));
}

#[test]
fn scraped_text_with_gallery_captions() {
    let Some(text) = raw("09_") else { return };
    let parts = typed(&text_doc(&text));
    assert_typed(&parts, "Tuesday, April 16, 2019", &noise(Noise::Dateline));
    assert_typed(&parts, "The roof of Notre Dame cathedral", "paragraph");
    assert_typed(
        &parts,
        "Fire in the frame of Notre Dame. Image:",
        &noise(Noise::Caption),
    );
    assert_typed(&parts, "The collapse of the spire", &noise(Noise::Caption));
    assert_typed(
        &parts,
        "Eyewitness video from a nearby skyscraper",
        &noise(Noise::Caption),
    );
}

#[test]
fn scraped_text_with_map_legend() {
    let Some(text) = raw("10_") else { return };
    let parts = typed(&text_doc(&text));
    for legend in [
        "██ Syrian Arab Republic",
        "██ Syrian opposition",
        "██ Syrian Democratic Forces",
        "██ Tahrir al-Sham",
    ] {
        assert_typed(&parts, legend, &noise(Noise::Legend));
    }
    assert_typed(
        &parts,
        "Late on Sunday, the United States President Donald Trump",
        "paragraph",
    );
}
