//! What reading and analysis did differently than the inputs asked, printed once the work is
//! done. An archive can have thousands of articles with the same problem (no publication date,
//! a field that is not a date): the first [`SHOWN`] warnings of each kind are printed, then one
//! line says how many more there are, unless every warning is asked for (`--all-warnings`).

use std::collections::HashMap;

use kiosque_extract::source::Warning;

use crate::message;

/// How many warnings of one kind are printed when not all are asked for.
pub const SHOWN: usize = 10;

/// One warning about the inputs, and the kind it is counted under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warned {
    /// The line, without `warning: `.
    pub text: String,
    /// What the warnings of its kind are about, for the line counting those not printed
    /// ("articles with no publication date given or found in the text").
    pub kind: &'static str,
}

impl Warned {
    /// A warning of kind `kind` (see [`Warned::kind`]).
    pub fn new(kind: &'static str, text: impl Into<String>) -> Warned {
        Warned {
            text: text.into(),
            kind,
        }
    }
}

/// The kinds of warnings, as the line counting those not printed names them.
pub mod kind {
    /// A file or directory given that was not read as given.
    pub const INPUT_FILES: &str = "warnings about input files";
    /// The same article twice: each copy left out.
    pub const COPIES: &str = "copies of articles left out";
    /// An id two articles asked for.
    pub const CLASHES: &str = "articles whose id another article has";
    /// Nothing but boilerplate.
    pub const NO_BODY: &str = "articles with no body text found";
    /// No date given, none in the text.
    pub const NO_DATE: &str = "articles with no publication date given or found in the text";
    /// Labels of imported entities that are not Kiosque's.
    pub const LABELS: &str = "entity labels Kiosque does not use";
    /// A given date that is not one.
    pub const NOT_A_DATE: &str = "articles whose given date is not a date";
    /// A language given by name or three-letter code.
    pub const LANGUAGE_READ_AS: &str =
        "articles whose language is given by name or three-letter code";
    /// A language that is not one.
    pub const NOT_A_LANGUAGE: &str = "articles whose given language is not a language code";
    /// Imported entity spans that cannot be used (an article can have several lines).
    pub const SPANS: &str = "warnings about imported entity spans";
    /// Every kind, for reading them back from a record.
    pub const ALL: [&str; 10] = [
        INPUT_FILES,
        COPIES,
        CLASHES,
        NO_BODY,
        NO_DATE,
        LABELS,
        NOT_A_DATE,
        LANGUAGE_READ_AS,
        NOT_A_LANGUAGE,
        SPANS,
    ];

    /// The kind named `name`, as [`ALL`] has it.
    pub fn named(name: &str) -> Option<&'static str> {
        ALL.into_iter().find(|k| *k == name)
    }
}

/// The kind of a warning about an article's input.
pub fn kind_of(warning: &Warning) -> &'static str {
    match warning {
        Warning::NotADate { .. } => kind::NOT_A_DATE,
        Warning::LanguageReadAs { .. } => kind::LANGUAGE_READ_AS,
        Warning::NotALanguage { .. } => kind::NOT_A_LANGUAGE,
        Warning::EntsNotAList { .. } | Warning::Span(_) | Warning::MoreSpans(_) => kind::SPANS,
        Warning::UnknownLabels(_) => kind::LABELS,
    }
}

/// The lines to print for `warnings`, in their order: every one if `all`; else at most
/// [`SHOWN`] of each kind, then, for each kind with two or more left, how many more there are
/// (one left is printed rather than counted).
pub fn lines(warnings: &[Warned], all: bool) -> Vec<String> {
    let mut total: HashMap<&str, usize> = HashMap::new();
    let mut kinds: Vec<&str> = Vec::new();
    for w in warnings {
        *total.entry(w.kind).or_insert_with(|| {
            kinds.push(w.kind);
            0
        }) += 1;
    }
    let cut = |kind: &str| !all && total[kind] > SHOWN + 1;
    let mut printed: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for w in warnings {
        let n = printed.entry(w.kind).or_default();
        *n += 1;
        if !cut(w.kind) || *n <= SHOWN {
            out.push(w.text.clone());
        }
    }
    for kind in kinds.into_iter().filter(|k| cut(k)) {
        out.push(format!(
            "{} more {kind} (`--all-warnings` prints every one)",
            total[kind] - SHOWN
        ));
    }
    out
}

/// Prints, after a summary, how many warnings `warned` about the inputs were given (nothing if
/// none).
pub fn note_count(warned: usize) {
    if warned > 0 {
        message::note(format_args!(
            "{} about the inputs (see above)",
            message::count(warned, "warning")
        ));
    }
}

/// Prints `warnings` as [`lines`] gives them, each as a `warning:` line.
pub fn print(warnings: &[Warned], all: bool) {
    for line in lines(warnings, all) {
        message::warning(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_each_kind_are_printed_then_how_many_more() {
        let mut warnings = Vec::new();
        for i in 0..25 {
            warnings.push(Warned::new("undated articles", format!("a{i}: no date")));
            if i < 3 {
                warnings.push(Warned::new("copies", format!("c{i}: a copy")));
            }
        }
        let printed = lines(&warnings, false);
        assert_eq!(printed.len(), SHOWN + 3 + 1);
        assert_eq!(printed[0], "a0: no date");
        assert!(printed.contains(&"c2: a copy".to_owned()));
        assert!(printed.contains(&format!("a{}: no date", SHOWN - 1)));
        assert!(!printed.contains(&format!("a{SHOWN}: no date")));
        assert_eq!(
            printed.last().map(String::as_str),
            Some("15 more undated articles (`--all-warnings` prints every one)")
        );
        let every = lines(&warnings, true);
        assert_eq!(every.len(), 28);
        assert!(every.iter().all(|l| !l.contains("more")));
        // One more than shown is printed, not counted.
        let eleven = &warnings[..warnings.len() - 3]
            .iter()
            .filter(|w| w.kind == "undated articles")
            .take(SHOWN + 1)
            .cloned()
            .collect::<Vec<_>>();
        assert_eq!(lines(eleven, false).len(), SHOWN + 1);
        assert!(lines(eleven, false).iter().all(|l| !l.contains("more")));
    }
}
