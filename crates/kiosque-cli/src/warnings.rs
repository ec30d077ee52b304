//! What reading and analysis did differently than the inputs asked, printed once the work is
//! done, by kind ([`message::by_kind`]).

use kiosque_extract::source::Warning;

use crate::message::{self, OfKind};

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
pub fn no_body(origin: impl std::fmt::Display) -> Warned {
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
