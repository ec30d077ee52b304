//! Extraction time against input length, for news text and for pathological inputs: the cost per
//! kilobyte should stay flat as the input grows 64-fold (linear time). Run with
//! `cargo run --release -p kiosque-bench --bin scaling`.

use std::time::Instant;

use kiosque_extract::analysis::analyze;
use kiosque_extract::clean::Format;
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_extract::source::Document;

const SIZES: [usize; 4] = [16 << 10, 64 << 10, 256 << 10, 1 << 20];

fn repeat_to(piece: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + piece.len());
    while out.len() < bytes {
        out.push_str(piece);
    }
    out
}

fn main() {
    let knowledge = Knowledge::builtin();
    let news = kiosque_bench::read_shared("corpus/wikinews/articles.jsonl")
        .ok()
        .map(|jsonl| {
            jsonl
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_owned))
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .unwrap_or_else(|| include_str!("../../../demo/000_a6c409483e480484.txt").to_owned());
    let inputs: [(&str, String, Format); 10] = [
        ("news text (Wikinews, repeated)", news, Format::Text),
        ("capitalised words: \"A \"", "A ".into(), Format::Text),
        (
            "connectors: \"Bande de la de \"",
            "Bande de la de ".into(),
            Format::Text,
        ),
        (
            "markers: \"Lire aussi :\\n\"",
            "Lire aussi :\n".into(),
            Format::Text,
        ),
        (
            "tweets: attribution lines",
            "Texte. pic.twitter.com/x— NOM (@nom) January 5, 2025\n".into(),
            Format::Text,
        ),
        (
            "teasers: \"Titre…\\n\"",
            "Un titre coupé…\n".into(),
            Format::Text,
        ),
        (
            "footnotes: \"Kyiv[^1] \" (Markdown)",
            "Kyiv[^1] ".into(),
            Format::Markdown,
        ),
        (
            "one endless word with apostrophes: \"l’a\"",
            "l’a".into(),
            Format::Text,
        ),
        (
            "one endless word with hyphens: \"Jean-\"",
            "Jean-".into(),
            Format::Text,
        ),
        (
            "one endless line of digits and dates",
            "2012 20 janvier 2025 ".into(),
            Format::Text,
        ),
    ];
    println!("Extraction time per KB as the input grows (one core, release build)\n");
    print!("| input |");
    for s in SIZES {
        print!(" {} KB |", s >> 10);
    }
    println!(" largest / smallest |");
    println!("|---|{}---|", "---|".repeat(SIZES.len()));
    for (name, piece, format) in inputs {
        let mut per_kb = Vec::new();
        for size in SIZES {
            let doc = Document {
                text: repeat_to(&piece, size),
                format,
                ..Document::default()
            };
            let start = Instant::now();
            let analysis = analyze(&doc, knowledge);
            let elapsed = start.elapsed().as_secs_f64();
            std::hint::black_box(analysis);
            per_kb.push(elapsed * 1e6 / (doc.text.len() as f64 / 1024.0));
        }
        print!("| {name} |");
        for v in &per_kb {
            print!(" {v:.0} µs |");
        }
        let ratio = per_kb.last().copied().unwrap_or(0.0)
            / per_kb.first().copied().unwrap_or(1.0).max(1e-9);
        println!(" {ratio:.2} |");
    }
}
