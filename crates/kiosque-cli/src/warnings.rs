//! What reading and analysis did differently than the inputs asked, printed once the work is
//! done, by kind ([`message::by_kind`]).

use std::collections::BTreeMap;

use kiosque_corpus::Origin;
use kiosque_extract::analysis::Analysis;
use kiosque_extract::source::Warning;
use kiosque_extract::source::ents::quoted;

use crate::message::{self, OfKind, count};

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

impl OfKind for Warned {
    fn kind(&self) -> &'static str {
        self.kind
    }
    fn text(&self) -> String {
        self.text.clone()
    }
}

/// The kinds of warnings, as the line counting those not printed names them.
pub mod kind {
    /// A file or directory given that was not read as given.
    pub const INPUT_FILES: &str = "warnings about input files";
    /// The same article twice: each copy left out.
    pub const COPIES: &str = "copies of articles left out";
    /// The same text as another article, with other metadata: both built.
    pub const SAME_TEXT: &str = "articles with the text of another under other metadata";
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
    pub const ALL: [&str; 11] = [
        INPUT_FILES,
        COPIES,
        SAME_TEXT,
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
        crate::message::kind_named(&ALL, name)
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

/// The warning of an article in which nothing but boilerplate was found.
fn no_body(origin: &Origin) -> Warned {
    Warned::new(
        kind::NO_BODY,
        format!("{origin}: no body text was found (every block looks like boilerplate)"),
    )
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

/// An article as its warnings need it: where it came from, what reading it warned of, and
/// what analysis found in it.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    origin: &'a Origin,
    warnings: &'a [Warning],
    analysis: &'a Analysis,
}

impl<'a> Article<'a> {
    /// The article read at `origin` with `warnings`, analysed as `analysis`.
    pub fn new(origin: &'a Origin, warnings: &'a [Warning], analysis: &'a Analysis) -> Self {
        Self {
            origin,
            warnings,
            analysis,
        }
    }
}

/// What reading and analysis did differently than the inputs asked, article by article (in
/// the order given), then one line per entity label of the inputs that Kiosque does not use:
/// what `build`, `analyze` and `clean` all say of the same articles.
pub fn of_articles<'a>(articles: impl IntoIterator<Item = Article<'a>>) -> Vec<Warned> {
    let mut out = Vec::new();
    // label -> (spans, records, first record)
    let mut unknown: BTreeMap<&str, (usize, usize, &Origin)> = BTreeMap::new();
    for a in articles {
        let mut date_warned = false;
        for w in a.warnings {
            match w {
                Warning::UnknownLabels(labels) => {
                    for (label, spans) in labels {
                        let entry = unknown.entry(label).or_insert((0, 0, a.origin));
                        entry.0 += spans;
                        entry.1 += 1;
                    }
                }
                Warning::NotADate { .. } => {
                    date_warned = true;
                    out.push(Warned::new(
                        kind_of(w),
                        format!("{}: {w}{}", a.origin, dated(a.analysis)),
                    ));
                }
                Warning::NotALanguage { .. } => out.push(Warned::new(
                    kind_of(w),
                    format!("{}: {w}{}", a.origin, detected(a.analysis)),
                )),
                _ => out.push(Warned::new(kind_of(w), format!("{}: {w}", a.origin))),
            }
        }
        if a.analysis.words == 0 {
            out.push(no_body(a.origin));
        }
        if a.analysis.published.is_none() && !date_warned {
            out.push(Warned::new(
                kind::NO_DATE,
                format!(
                    "{}: no publication date given or found in the text",
                    a.origin
                ),
            ));
        }
    }
    for (label, (spans, records, first)) in unknown {
        out.push(Warned::new(
            kind::LABELS,
            format!(
                "entity label {} is not one Kiosque uses (PER/PERSON, LOC/GPE/FAC, ORG, DATE): {} in {} left out (the first in {first})",
                quoted(label),
                count(spans, "span"),
                count(records, "record"),
            ),
        ));
    }
    out
}

/// What became of the date of an article whose given date was ignored.
fn dated(analysis: &Analysis) -> String {
    match analysis.published {
        Some(d) => format!(", and the article is dated {d} from its text"),
        None => ", and the article is left undated (its text states no date)".to_owned(),
    }
}

/// What became of the language of an article whose given language was ignored.
fn detected(analysis: &Analysis) -> String {
    match &analysis.lang {
        Some(lang) => format!(" (detected: {lang:?})"),
        None => " (the text is too short to tell: no language is written)".to_owned(),
    }
}
