//! Main-content extraction on the 40 saved pages of `corpus/html/`, scored with the word-shingle
//! metric of the Scrapinghub article-extraction benchmark, next to rs-trafilatura and dom_smoothie
//! run on the same pages. Run with `cargo run --release -p kiosque-bench --bin html`.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

use anyhow::Context;
use kiosque_bench::shared;
use kiosque_bench::shingles::{f1, page};
use kiosque_extract::clean::Role;
use kiosque_extract::html::parse_html;
use serde_json::Value;

type Extractor = fn(&str, &str) -> String;

/// Kiosque: main content by rs-trafilatura, then Kiosque's cleaning; the article is what a
/// reader sees on its page: headings, paragraphs and embedded posts (related links and
/// boilerplate left out).
fn kiosque(html: &str, url: &str) -> String {
    let Ok(doc) = parse_html(html, Some(url)) else {
        return String::new();
    };
    let cleaned = doc.clean();
    cleaned
        .parts
        .iter()
        .filter(|p| matches!(p.role, Role::Heading | Role::Paragraph | Role::Embed(_)))
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn trafilatura(html: &str, url: &str) -> String {
    let options = rs_trafilatura::Options {
        url: Some(url.to_owned()),
        ..rs_trafilatura::Options::default()
    };
    rs_trafilatura::extract_with_options(html, &options)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn smoothie(html: &str, url: &str) -> String {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    dom_smoothie::Readability::new(html, Some(url), Some(config))
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    let dir = shared()?.join("corpus/html");
    let truth: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let mut pages = Vec::new();
    for (id, t) in &truth {
        let path = dir.join(format!("{id}.html.gz"));
        let mut html = String::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path).with_context(|| path.display().to_string())?,
        )
        .read_to_string(&mut html)
        .with_context(|| path.display().to_string())?;
        let url = t["url"].as_str().unwrap_or_default().to_owned();
        let body = t["articleBody"].as_str().unwrap_or_default().to_owned();
        pages.push((id.clone(), html, url, body));
    }
    let systems: [(&str, Extractor); 3] = [
        ("Kiosque (rs-trafilatura + Kiosque cleaning)", kiosque),
        ("rs-trafilatura 0.2 alone", trafilatura),
        ("dom_smoothie 0.19 (formatted text)", smoothie),
    ];
    println!(
        "Main-content extraction on {} pages (word 4-gram shingles, as the Scrapinghub benchmark)\n",
        pages.len()
    );
    println!("| system | precision | recall | F1 | ms/page |");
    println!("|---|---|---|---|---|");
    for (name, extract) in systems {
        let start = Instant::now();
        let outputs: Vec<String> = pages
            .iter()
            .map(|(_, html, url, _)| extract(html, url))
            .collect();
        let ms = start.elapsed().as_secs_f64() * 1000.0 / pages.len() as f64;
        let (mut p, mut r) = (0.0, 0.0);
        for (out, (_, _, _, body)) in outputs.iter().zip(&pages) {
            let (pp, rr) = page(out, body);
            p += pp;
            r += rr;
        }
        let n = pages.len() as f64;
        let (p, r) = (p / n, r / n);
        println!("| {name} | {p:.3} | {r:.3} | {:.3} | {ms:.1} |", f1(p, r));
        if std::env::var_os("KIOSQUE_BENCH_PAGES").is_some() {
            for (out, (id, _, _, body)) in outputs.iter().zip(&pages) {
                let (pp, rr) = page(out, body);
                eprintln!(
                    "{name:.12} {id:.12} P={pp:.3} R={rr:.3} chars={}",
                    out.len()
                );
            }
        }
    }
    Ok(())
}
