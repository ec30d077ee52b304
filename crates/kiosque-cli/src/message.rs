//! What the command says about its work: `error:` and `warning:` lines on standard error.
//!
//! Messages carry file names and values from the data. Every line goes through [`escape`], so a
//! file named `a\nerror: b.txt` or holding an ESC sequence can neither forge a line of its own
//! nor drive the terminal: control characters and bidirectional overrides are written as Rust
//! escapes (`\n`, `\u{1b}`, `\u{202e}`).
//!
//! An archive can have thousands of inputs with the same problem (no publication date, a
//! truncated JSON line): messages of one kind are printed by [`by_kind`], the first [`SHOWN`]
//! and then how many more, unless every one is asked for (`--all-messages`).

use std::collections::HashMap;
use std::fmt::{self, Display};

pub use kiosque_model::display::escape_controls as escape;

/// A message, escaped when shown.
pub struct Escaped<T>(pub T);

impl<T: Display> Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.0.to_string()))
    }
}

/// Prints `error: <message>` on standard error.
pub fn error(message: impl Display) {
    eprintln!("error: {}", Escaped(message));
}

/// Prints `warning: <message>` on standard error.
pub fn warning(message: impl Display) {
    eprintln!("warning: {}", Escaped(message));
}

/// Prints a line of its own (a summary) on standard error.
pub fn note(message: impl Display) {
    eprintln!("{}", Escaped(message));
}

/// Prints the phases of a build and how long each took (`kiosque build --timings`), with its
/// share of them all, on standard error.
pub fn timings(phases: &[(&str, std::time::Duration)]) {
    let all: std::time::Duration = phases.iter().map(|(_, took)| *took).sum();
    let share =
        |took: std::time::Duration| 100.0 * took.as_secs_f64() / all.as_secs_f64().max(1e-9);
    eprintln!("timings:");
    for (what, took) in phases {
        eprintln!(
            "{:>9.1} ms {:>3.0}%  {what}",
            took.as_secs_f64() * 1e3,
            share(*took)
        );
    }
    eprintln!("{:>9.1} ms       in all", all.as_secs_f64() * 1e3);
}

/// How many messages of one kind are printed when not all are asked for.
pub const SHOWN: usize = 10;

/// A message that is counted with the others of its kind rather than printed when there are
/// many ([`by_kind`]).
pub trait OfKind {
    /// What the messages of its kind are about, for the line counting those not printed
    /// ("records that are not valid JSON").
    fn kind(&self) -> &'static str;
    /// The line, without `error: ` or `warning: `.
    fn text(&self) -> String;
}

/// The kind of `kinds` named `name`, for reading a kind back from a record.
pub fn kind_named(kinds: &[&'static str], name: &str) -> Option<&'static str> {
    kinds.iter().copied().find(|k| *k == name)
}

/// The lines to print for `messages`, in their order: every one if `all`; else at most
/// [`SHOWN`] of each kind, then, for each kind with two or more left, how many more there are
/// (one left is printed rather than counted).
pub fn by_kind<T: OfKind>(messages: &[T], all: bool) -> Vec<String> {
    let mut total: HashMap<&str, usize> = HashMap::new();
    let mut kinds: Vec<&str> = Vec::new();
    for m in messages {
        *total.entry(m.kind()).or_insert_with(|| {
            kinds.push(m.kind());
            0
        }) += 1;
    }
    let cut = |kind: &str| !all && total[kind] > SHOWN + 1;
    let mut printed: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for m in messages {
        let n = printed.entry(m.kind()).or_default();
        *n += 1;
        if !cut(m.kind()) || *n <= SHOWN {
            out.push(m.text());
        }
    }
    for kind in kinds.into_iter().filter(|k| cut(k)) {
        out.push(format!(
            "{} more {kind} (`--all-messages` prints every one)",
            total[kind] - SHOWN
        ));
    }
    out
}

/// Prints `errors` as [`by_kind`] gives them, each as an `error:` line.
pub fn errors<T: OfKind>(errors: &[T], all: bool) {
    for line in by_kind(errors, all) {
        error(line);
    }
}

/// Prints `warnings` as [`by_kind`] gives them, each as a `warning:` line.
pub fn warnings<T: OfKind>(warnings: &[T], all: bool) {
    for line in by_kind(warnings, all) {
        warning(line);
    }
}

/// `n` and the noun, plural when `n` is not 1: `1 file`, `3 records`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        assert_eq!(
            escape("a\nerror: forged\r\t\u{1b}[31mred\u{7f}\u{85}"),
            "a\\nerror: forged\\r\\t\\u{1b}[31mred\\u{7f}\\u{85}"
        );
        assert_eq!(escape("fichier\u{202e}txt.exe"), "fichier\\u{202e}txt.exe");
        // Ordinary text, accents, joiners and emoji are kept as they are.
        let plain = "l’été/مه\u{200c}رو/👨\u{200d}👩\u{200d}👧.txt";
        assert!(matches!(escape(plain), Cow::Borrowed(_)));
    }

    struct Said(&'static str, String);

    impl OfKind for Said {
        fn kind(&self) -> &'static str {
            self.0
        }
        fn text(&self) -> String {
            self.1.clone()
        }
    }

    #[test]
    fn the_first_of_each_kind_are_printed_then_how_many_more() {
        let mut said = Vec::new();
        for i in 0..25 {
            said.push(Said("undated articles", format!("a{i}: no date")));
            if i < 3 {
                said.push(Said("copies", format!("c{i}: a copy")));
            }
        }
        let printed = by_kind(&said, false);
        assert_eq!(printed.len(), SHOWN + 3 + 1);
        assert_eq!(printed[0], "a0: no date");
        assert!(printed.contains(&"c2: a copy".to_owned()));
        assert!(printed.contains(&format!("a{}: no date", SHOWN - 1)));
        assert!(!printed.contains(&format!("a{SHOWN}: no date")));
        assert_eq!(
            printed.last().map(String::as_str),
            Some("15 more undated articles (`--all-messages` prints every one)")
        );
        let every = by_kind(&said, true);
        assert_eq!(every.len(), 28);
        assert!(every.iter().all(|l| !l.contains("more")));
        // One more than shown is printed, not counted.
        let eleven: Vec<Said> = (0..=SHOWN)
            .map(|i| Said("undated articles", format!("a{i}: no date")))
            .collect();
        assert_eq!(by_kind(&eleven, false).len(), SHOWN + 1);
        assert!(by_kind(&eleven, false).iter().all(|l| !l.contains("more")));
    }

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "record"), "0 records");
        assert_eq!(count(3, "record"), "3 records");
    }
}
