//! Tokens for entity recognition: words with their shapes, elisions split off, offsets kept.

use kiosque_model::text::fold;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with inner hyphens or apostrophes), or an initial such as "J." or "U.S.".
    Word,
    /// An elided article or pronoun before a vowel: "L’", "d'", "qu’".
    Elision,
    /// An English possessive: "’s".
    Possessive,
    /// Digits.
    Number,
    /// Anything else that is not a space.
    Punct,
}

/// A token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token as written.
    pub text: &'a str,
    /// The token folded for matching (lowercase, no accents; see `kiosque_model::text::fold`).
    pub folded: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Whether it starts a sentence (first of the text or after . ! ? … « " : or a line break).
    pub sentence_start: bool,
    /// Whether a line break comes between the previous token and this one.
    pub after_newline: bool,
}

impl Token<'_> {
    /// Starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.kind == Kind::Word
            && (self.text.chars().next().is_some_and(char::is_uppercase)
                || after_arabic_article(self.text))
    }

    /// Has at least two letters and no lowercase letter: "OTAN", "SILVANO", "U.S.".
    pub fn is_all_caps(&self) -> bool {
        self.kind == Kind::Word
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !self.text.chars().any(char::is_lowercase)
    }

    /// A word that could belong to a name: capitalised, or all capitals.
    pub fn is_name_like(&self) -> bool {
        self.is_capitalized() || self.is_all_caps()
    }
}

/// A name written after the Arabic article, which stays in lowercase: "al-Qaeda", "el-Sisi",
/// "ash-Shabaab".
fn after_arabic_article(text: &str) -> bool {
    [
        "al-", "el-", "ash-", "ad-", "as-", "an-", "ar-", "at-", "az-",
    ]
    .iter()
    .filter_map(|article| text.strip_prefix(article))
    .any(|name| name.chars().next().is_some_and(char::is_uppercase))
}

const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Whether `tokens[first..]` begin with a number written with one of `separators` and no space:
/// "12.04", "2,5", "1,000".
pub fn separated_number(tokens: &[Token<'_>], first: usize, separators: &[&str]) -> bool {
    match tokens.get(first..first + 3) {
        Some([a, sep, b]) => {
            a.kind == Kind::Number
                && separators.contains(&sep.text)
                && b.kind == Kind::Number
                && a.end == sep.start
                && sep.end == b.start
        }
        _ => false,
    }
}

/// Splits `text` into tokens. Offsets are code points of `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut i = 0;
    let mut sentence_start = true;
    let mut after_newline = true;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
                after_newline = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            let mut j = i + 1;
            loop {
                match chars.get(j).map(|&(_, c)| c) {
                    Some(c) if c.is_alphanumeric() || is_combining(c) => j += 1,
                    // "Yemen-based", "Russian-backed": the name ends before the hyphen.
                    Some('-') if compound_suffix(&text[byte(j + 1)..]) => break,
                    // Inner hyphen or apostrophe followed by a letter stays inside the word…
                    Some(c)
                        if (c == '-' || is_apostrophe(c))
                            && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic()) =>
                    {
                        // …unless it ends an elision ("l’Ukraine") or starts a possessive.
                        if is_apostrophe(c) {
                            // Elisions are short: only a short head can be one.
                            let head = if j - i <= 7 {
                                text[byte(i)..byte(j)].to_lowercase()
                            } else {
                                String::new()
                            };
                            let tail_is_s = chars.get(j + 1).is_some_and(|&(_, n)| n == 's')
                                && chars.get(j + 2).is_none_or(|&(_, n)| !n.is_alphanumeric());
                            if ELISIONS.contains(&head.as_str()) || tail_is_s {
                                break;
                            }
                        }
                        j += 1;
                    }
                    _ => break,
                }
            }
            // Initials and dotted abbreviations: "J.", "U.S.", "D.C.".
            let letters = j - i;
            if letters == 1 && chars.get(j).is_some_and(|&(_, c)| c == '.') && c.is_uppercase() {
                j += 1;
                while chars.get(j).is_some_and(|&(_, c)| c.is_uppercase())
                    && chars.get(j + 1).is_some_and(|&(_, c)| c == '.')
                {
                    j += 2;
                }
            }
            let word = &text[byte(i)..byte(j)];
            let elision = chars.get(j).is_some_and(|&(_, c)| is_apostrophe(c))
                && ELISIONS.contains(&word.to_lowercase().as_str())
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic());
            if elision {
                j += 1;
                kind = Kind::Elision;
            } else {
                kind = Kind::Word;
            }
            i = j;
        } else if c.is_ascii_digit() {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit()) {
                j += 1;
            }
            kind = Kind::Number;
            i = j;
        } else if is_apostrophe(c)
            && chars.get(i + 1).is_some_and(|&(_, n)| n == 's')
            && chars.get(i + 2).is_none_or(|&(_, n)| !n.is_alphanumeric())
            && out.last().is_some_and(|t| t.end == i)
        {
            kind = Kind::Possessive;
            i += 2;
        } else {
            kind = Kind::Punct;
            i += 1;
        }
        let token_text = &text[byte(start)..byte(i)];
        let token = Token {
            text: token_text,
            folded: fold(token_text),
            start,
            end: i,
            kind,
            sentence_start,
            after_newline,
        };
        sentence_start = kind == Kind::Punct
            && matches!(
                token.text,
                "." | "!" | "?" | "…" | "«" | "\"" | "“" | ":" | "—" | "–" | "(" | "[" | "•" | "-"
            );
        // An initial ending with a period does not end a sentence ("Lloyd J. Austin").
        if kind == Kind::Word && token.text.ends_with('.') && token.text.chars().count() > 2 {
            sentence_start = false;
        }
        after_newline = false;
        out.push(token);
    }
    out
}

/// English compounds whose first part is a name: "-based", "-led", "-backed".
fn compound_suffix(rest: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "based",
        "led",
        "backed",
        "born",
        "owned",
        "run",
        "controlled",
        "held",
        "style",
        "bound",
        "wide",
        "era",
        "made",
        "funded",
        "occupied",
        "allied",
        "linked",
        "affiliated",
        "speaking",
    ];
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    SUFFIXES.contains(&word.as_str())
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, Kind)> {
        tokenize(text).iter().map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn elisions_and_possessives_are_split_off() {
        assert_eq!(
            words("L’Ukraine d'Israël aujourd’hui Russia's O'Brien"),
            [
                ("L’", Kind::Elision),
                ("Ukraine", Kind::Word),
                ("d'", Kind::Elision),
                ("Israël", Kind::Word),
                ("aujourd’hui", Kind::Word),
                ("Russia", Kind::Word),
                ("'s", Kind::Possessive),
                ("O'Brien", Kind::Word),
            ]
        );
    }

    #[test]
    fn compounds_split_off_the_name() {
        let t = words("Yemen-based Houthi and Russian-backed forces, Jean-Marie");
        let texts: Vec<&str> = t.iter().map(|(w, _)| *w).collect();
        assert_eq!(&texts[..3], ["Yemen", "-", "based"]);
        assert!(texts.contains(&"Jean-Marie"));
    }

    #[test]
    fn hyphenated_names_initials_and_abbreviations_are_one_token() {
        let t =
            words("Jean-Marie Le Pen, Lloyd J. Austin III in Washington, D.C. and the U.S. Army");
        let texts: Vec<&str> = t.iter().map(|(w, _)| *w).collect();
        assert!(texts.contains(&"Jean-Marie"));
        assert!(texts.contains(&"J."));
        assert!(texts.contains(&"D.C."));
        assert!(texts.contains(&"U.S."));
    }

    #[test]
    fn sentence_starts_and_offsets() {
        let text = "Il part. La Russie\nMais";
        let tokens = tokenize(text);
        let starts: Vec<(&str, bool)> = tokens
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| (t.text, t.sentence_start))
            .collect();
        assert_eq!(
            starts,
            [
                ("Il", true),
                ("part", false),
                ("La", true),
                ("Russie", false),
                ("Mais", true)
            ]
        );
        for t in &tokens {
            let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(s, t.text);
        }
        assert!(tokens.last().is_some_and(|t| t.after_newline));
    }

    #[test]
    fn capitalisation_shapes() {
        let tokens = tokenize("SILVANO Trotta otan");
        assert!(tokens[0].is_all_caps() && tokens[0].is_name_like());
        assert!(tokens[1].is_capitalized() && !tokens[1].is_all_caps());
        assert!(!tokens[2].is_name_like());
    }
}
