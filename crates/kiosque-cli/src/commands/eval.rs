//! `kiosque eval`: precision, recall and F1 of predictions against gold annotations.

use std::fs;
use std::path::Path;

use anyhow::Context;
use kiosque_extract::eval::{Report, read_spans, score};

/// Scores the predictions in `pred` against `gold`.
pub fn run(gold: &Path, pred: &Path) -> anyhow::Result<Report> {
    let read = |p: &Path| -> anyhow::Result<_> {
        let text = fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        read_spans(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
    };
    Ok(score(&read(gold)?, &read(pred)?))
}
