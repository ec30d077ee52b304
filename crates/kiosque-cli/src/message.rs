//! What the command says about its work: `error:` and `warning:` lines on standard error.
//!
//! Messages carry file names and values from the data. Every line goes through [`escape`], so a
//! file named `a\nerror: b.txt` or holding an ESC sequence can neither forge a line of its own
//! nor drive the terminal: control characters and bidirectional overrides are written as Rust
//! escapes (`\n`, `\u{1b}`, `\u{202e}`).

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

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "record"), "0 records");
        assert_eq!(count(3, "record"), "3 records");
    }
}
