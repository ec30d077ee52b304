//! Scoring extraction against gold annotations: exact span + label precision, recall and F1 per
//! label and micro-averaged, and per-document entity-set F1.
//!
//! Gold files are JSON lines `{"id", "annotated"}` whose text marks entities inline as
//! `[[LABEL|surface]]` (see the annotation guidelines), or `{"id", "entities": [...]}` like the
//! output of `kiosque extract`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kiosque_model::Label;
use kiosque_model::text::fold;
use serde::Deserialize;

/// A labelled span, in code points of the plain text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub struct Labelled {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// `PER`, `LOC`, `ORG` or `DATE`.
    pub label: String,
    /// The text of the span.
    #[serde(default)]
    pub text: String,
}

/// Strips `[[LABEL|surface]]` markup: the plain text and the gold spans in it.
pub fn parse_annotated(annotated: &str) -> (String, Vec<Labelled>) {
    let mut text = String::with_capacity(annotated.len());
    let mut spans = Vec::new();
    let mut count = 0usize; // code points written so far
    let mut rest = annotated;
    while let Some(open) = rest.find("[[") {
        let (before, after) = rest.split_at(open);
        text.push_str(before);
        count += before.chars().count();
        let inner = &after[2..];
        // A label is upper-case letters, then `|`; anything else is ordinary text.
        let label_len = inner
            .find('|')
            .filter(|&i| i > 0 && inner[..i].chars().all(|c| c.is_ascii_uppercase()));
        let close = label_len.and_then(|l| inner[l..].find("]]").map(|c| (l, l + c)));
        match close {
            Some((bar, end)) => {
                let surface = &inner[bar + 1..end];
                let n = surface.chars().count();
                spans.push(Labelled {
                    start: count,
                    end: count + n,
                    label: inner[..bar].to_owned(),
                    text: surface.to_owned(),
                });
                text.push_str(surface);
                count += n;
                rest = &inner[end + 2..];
            }
            None => {
                text.push('[');
                count += 1;
                rest = &after[1..];
            }
        }
    }
    text.push_str(rest);
    (text, spans)
}

/// One document of a gold or prediction file.
#[derive(Debug, Clone, Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    annotated: Option<String>,
    #[serde(default)]
    entities: Option<Vec<Labelled>>,
}

/// Reads a gold or prediction file: document id → spans.
pub fn read_spans(jsonl: &str) -> Result<BTreeMap<String, Vec<Labelled>>, String> {
    let mut out = BTreeMap::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let spans = match (record.annotated, record.entities) {
            (Some(a), _) => parse_annotated(&a).1,
            (None, Some(e)) => e,
            (None, None) => {
                return Err(format!(
                    "line {}: neither \"annotated\" nor \"entities\"",
                    n + 1
                ));
            }
        };
        out.insert(record.id, spans);
    }
    Ok(out)
}

/// Counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in gold.
    pub tp: usize,
    /// Predicted, not in gold.
    pub fp: usize,
    /// In gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted and nothing was expected).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        if a == 0 { 1.0 } else { 0.0 }
    } else {
        a as f64 / b as f64
    }
}

/// The scores of a prediction file against a gold file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per label, exact span and label.
    pub by_label: BTreeMap<String, Counts>,
    /// Micro-average over PER, LOC and ORG.
    pub micro: Counts,
    /// Mean over documents of the F1 of the set of (label, folded text) pairs.
    pub doc_set_f1: f64,
    /// Documents scored.
    pub documents: usize,
    /// Gold documents with no prediction (scored as predicting nothing).
    pub missing: Vec<String>,
}

/// Labels that the micro average covers.
pub const MICRO_LABELS: [&str; 3] = ["PER", "LOC", "ORG"];

/// Scores `pred` against `gold`; documents only in `pred` are ignored.
pub fn score(
    gold: &BTreeMap<String, Vec<Labelled>>,
    pred: &BTreeMap<String, Vec<Labelled>>,
) -> Report {
    let mut report = Report::default();
    for label in Label::ALL {
        report
            .by_label
            .insert(label.code().to_owned(), Counts::default());
    }
    let empty = Vec::new();
    let mut set_f1_sum = 0.0;
    for (id, gold_spans) in gold {
        let pred_spans = pred.get(id).unwrap_or_else(|| {
            report.missing.push(id.clone());
            &empty
        });
        let key = |s: &Labelled| (s.start, s.end, s.label.clone());
        let g: BTreeSet<_> = gold_spans.iter().map(key).collect();
        let p: BTreeSet<_> = pred_spans.iter().map(key).collect();
        let mut per_label: HashMap<String, Counts> = HashMap::new();
        for k in &p {
            let c = per_label.entry(k.2.clone()).or_default();
            if g.contains(k) { c.tp += 1 } else { c.fp += 1 }
        }
        for k in g.difference(&p) {
            per_label.entry(k.2.clone()).or_default().fn_ += 1;
        }
        for (label, counts) in per_label {
            if MICRO_LABELS.contains(&label.as_str()) {
                report.micro.add(counts);
            }
            report.by_label.entry(label).or_default().add(counts);
        }
        let set = |spans: &[Labelled]| -> BTreeSet<(String, String)> {
            spans
                .iter()
                .filter(|s| MICRO_LABELS.contains(&s.label.as_str()))
                .map(|s| (s.label.clone(), fold(&s.text)))
                .collect()
        };
        let (gs, ps) = (set(gold_spans), set(pred_spans));
        let tp = gs.intersection(&ps).count();
        set_f1_sum += Counts {
            tp,
            fp: ps.len() - tp,
            fn_: gs.len() - tp,
        }
        .f1();
        report.documents += 1;
    }
    report.doc_set_f1 = if report.documents == 0 {
        0.0
    } else {
        set_f1_sum / report.documents as f64
    };
    report
}

impl Report {
    /// The report as a table.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<8} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}\n",
            "label", "precision", "recall", "F1", "tp", "fp", "fn"
        );
        let row = |name: &str, c: &Counts| {
            format!(
                "{name:<8} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6}\n",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )
        };
        for (label, counts) in &self.by_label {
            out.push_str(&row(label, counts));
        }
        out.push_str(&row("micro*", &self.micro));
        out.push_str(&format!(
            "* micro-average over PER, LOC, ORG (exact span and label)\ndocument entity-set F1 (PER/LOC/ORG): {:.3} over {} documents\n",
            self.doc_set_f1, self.documents
        ));
        if !self.missing.is_empty() {
            out.push_str(&format!(
                "no prediction for {} gold document(s): {}\n",
                self.missing.len(),
                self.missing.join(", ")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_gives_text_and_code_point_spans() {
        let (text, spans) = parse_annotated(
            "L’[[LOC|Ukraine]] et [[PER|Donald Trump]] le [[DATE|6 août]]. [[[ORG|Police]]]",
        );
        assert_eq!(text, "L’Ukraine et Donald Trump le 6 août. [Police]");
        let got: Vec<(usize, usize, &str)> = spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, 9, "LOC"),
                (13, 25, "PER"),
                (29, 35, "DATE"),
                (38, 44, "ORG")
            ]
        );
        for s in &spans {
            let slice: String = text.chars().skip(s.start).take(s.end - s.start).collect();
            assert_eq!(slice, s.text);
        }
    }

    #[test]
    fn scores_count_exact_matches_only() {
        let gold = read_spans(
            r#"{"id": "a", "annotated": "[[PER|Donald Trump]] à [[LOC|Koursk]] et [[ORG|OTAN]]"}"#,
        )
        .expect("gold");
        let pred = read_spans(
            r#"{"id": "a", "entities": [{"start": 0, "end": 12, "label": "PER", "text": "Donald Trump"}, {"start": 15, "end": 21, "label": "ORG", "text": "Koursk"}, {"start": 0, "end": 6, "label": "PER", "text": "Donald"}]}"#,
        )
        .expect("pred");
        let r = score(&gold, &pred);
        assert_eq!(
            r.micro,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            r.by_label["PER"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert!((r.micro.f1() - 1.0 / 3.0).abs() < 1e-9);
        assert!(r.table().contains("micro*"));
    }

    #[test]
    fn a_missing_prediction_scores_zero_recall() {
        let gold = read_spans(r#"{"id": "a", "annotated": "[[LOC|Paris]]"}"#).expect("gold");
        let r = score(&gold, &BTreeMap::new());
        assert_eq!(r.micro.recall(), 0.0);
        assert_eq!(r.missing, ["a"]);
    }
}
