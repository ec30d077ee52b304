//! The two views of an article's text, each keeping the way back to the offsets it came from.
//!
//! The *displayed* text ([`Normalized::displayed`]) is what readers see: the input less what is
//! structural — the carriage return of a CRLF line break (a lone carriage return is a line
//! break and becomes `\n`) and markup removed on purpose (Markdown footnote references). Every
//! other character stays: a Persian word keeps its zero-width non-joiner ("می‌خواهم"), an emoji
//! family its zero-width joiners, a French word its soft hyphen.
//!
//! The *matching* view ([`Normalized::new`]) is what cleaning rules, dates and entity
//! recognition read: spaces of every width become a plain space, invisible characters (soft
//! hyphens, zero-width spaces and joiners, bidi marks, variation selectors, byte-order marks)
//! are removed, so "Kour\u{AD}sk" is matched as "Koursk". Every other character is kept as is, so
//! offsets move only where a character was removed, and [`Normalized::original`] maps them back.

/// Text after normalisation, with the code-point offset of each character in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// The original offset of the first character of the input.
    base: u32,
    /// The original offset one past the input's last character.
    end: u32,
    /// Where the way back jumps: `(i, o)` says that normalised character `i` is original
    /// character `o`, and those after it follow one for one up to the next jump. Characters
    /// are rarely removed, so this is much shorter than the text.
    jumps: Vec<(u32, u32)>,
    /// `bytes[i]` is the byte offset in `text` of its `i`-th character, plus the length.
    bytes: Vec<u32>,
}

impl Normalized {
    /// The matching view of `input`, whose first character is at original offset `base`.
    pub fn new(input: &str, base: u32) -> Self {
        Self::without(input, base, &[])
    }

    /// The matching view of `input` less the given byte ranges, keeping the way back to the
    /// original offsets.
    pub fn without(input: &str, base: u32, removed: &[std::ops::Range<usize>]) -> Self {
        // Of ASCII characters only tabs and carriage returns change: checked first, cheaply.
        let changes = |c: char| match c {
            '\t' | '\r' => true,
            c if c.is_ascii() => false,
            c => map_char(c) != Some(c),
        };
        Self::build(input, base, removed, changes, |c, _| map_char(c))
    }

    /// The displayed text of `input` less the given byte ranges (markup removed on purpose,
    /// such as Markdown footnote references), keeping the way back to the input's offsets.
    pub fn displayed(input: &str, removed: &[std::ops::Range<usize>]) -> Self {
        Self::build(input, 0, removed, |c| c == '\r', display_char)
    }

    /// `map` says what becomes of a character, given the next one; it is asked only about
    /// the characters that `special` picks, the others are kept as they are. Runs of kept
    /// characters are copied whole, so that both views cost little on ordinary text.
    fn build(
        input: &str,
        base: u32,
        removed: &[std::ops::Range<usize>],
        special: impl Fn(char) -> bool,
        map: impl Fn(char, Option<char>) -> Option<char>,
    ) -> Self {
        let mut out = Normalized {
            text: String::with_capacity(input.len()),
            base,
            end: base,
            jumps: vec![(0, base)],
            bytes: Vec::with_capacity(input.len() + 1),
        };
        let mut cut = removed.iter().peekable();
        let mut byte = 0;
        while byte < input.len() {
            // A removed range covers the characters that start inside it.
            while cut.next_if(|r| r.end <= byte).is_some() {}
            if let Some(r) = cut.next_if(|r| r.start <= byte) {
                let (mut chars, mut bytes) = (0, 0);
                for c in input[byte..].chars() {
                    if byte + bytes >= r.end {
                        break;
                    }
                    chars += 1;
                    bytes += c.len_utf8();
                }
                out.end += chars;
                byte += bytes;
                continue;
            }
            let mut limit = cut.peek().map_or(input.len(), |r| r.start.min(input.len()));
            while !input.is_char_boundary(limit) {
                limit += 1;
            }
            let run_end = input[byte..limit]
                .find(&special)
                .map_or(limit, |i| byte + i);
            out.keep(&input[byte..run_end]);
            byte = run_end;
            if let Some(c) = input[byte..limit].chars().next() {
                let next = input[byte + c.len_utf8()..].chars().next();
                match map(c, next) {
                    Some(shown) => out.keep(shown.encode_utf8(&mut [0; 4])),
                    None => out.end += 1,
                }
                byte += c.len_utf8();
            }
        }
        out.bytes.push(out.text.len() as u32);
        out
    }

    /// Appends `run`, its characters coming next in the original.
    fn keep(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        let here = self.bytes.len() as u32;
        let follows = self
            .jumps
            .last()
            .is_some_and(|&(i, o)| o + (here - i) == self.end);
        if !follows {
            self.jumps.push((here, self.end));
        }
        let at = self.text.len() as u32;
        self.bytes
            .extend(run.char_indices().map(|(b, _)| at + b as u32));
        self.text.push_str(run);
        self.end += self.bytes.len() as u32 - here;
    }

    /// The normalised text from code point `start` to `end` (clamped to the text).
    pub fn slice(&self, start: u32, end: u32) -> &str {
        let byte = |cp: u32| {
            let last = self.bytes.len().saturating_sub(1);
            self.bytes
                .get((cp as usize).min(last))
                .copied()
                .unwrap_or(0) as usize
        };
        let (s, e) = (byte(start), byte(end));
        self.text.get(s..e.max(s)).unwrap_or("")
    }

    /// The original offset of normalised offset `offset` (clamped to the end).
    pub fn original(&self, offset: u32) -> u32 {
        if offset as usize >= self.len() {
            return self.end;
        }
        let jump = self.jumps.partition_point(|&(i, _)| i <= offset);
        match jump.checked_sub(1).and_then(|j| self.jumps.get(j)) {
            Some(&(i, o)) => o + (offset - i),
            None => self.base + offset,
        }
    }

    /// The normalised offset of original offset `original`: the first normalised character at
    /// or after it (the inverse of [`Normalized::original`]).
    pub fn normalized_of(&self, original: u32) -> u32 {
        let len = self.len() as u32;
        let jump = self.jumps.partition_point(|&(_, o)| o <= original);
        let Some(&(i, o)) = jump.checked_sub(1).and_then(|j| self.jumps.get(j)) else {
            return 0;
        };
        // Past the characters that follow this jump one for one, the next jump's.
        let run_end = self.jumps.get(jump).map_or(len, |&(next, _)| next);
        (i + (original - o)).min(run_end)
    }

    /// The original end offset of a span ending at normalised offset `end`: one past the
    /// original position of its last character (so removed characters after it stay out).
    pub fn original_end(&self, end: u32) -> u32 {
        if end == 0 {
            self.original(0)
        } else {
            self.original(end - 1) + 1
        }
    }

    /// The original span of the normalised span `start..end`, with the characters removed at
    /// its edges that belong to it: removed characters (a soft hyphen, a joiner) go with the
    /// character after them, or with the one before when what follows is whitespace or the end.
    /// So a line's invisible characters stay with its words, and two spans that do not overlap
    /// never share one.
    pub fn original_span(&self, start: u32, end: u32) -> (u32, u32) {
        let len = self.len() as u32;
        let (start, end) = (start.min(len), end.min(len));
        if start >= end {
            let at = self.original(start);
            return (at, at);
        }
        let owns_gap_before = |i: u32| !self.char_at(i).is_some_and(char::is_whitespace);
        let gap_start = |i: u32| {
            if i == 0 {
                self.base
            } else {
                self.original(i - 1) + 1
            }
        };
        let first = if owns_gap_before(start) {
            gap_start(start)
        } else {
            self.original(start)
        };
        let last = if end == len || !owns_gap_before(end) {
            self.original(end)
        } else {
            gap_start(end)
        };
        (first, last)
    }

    /// The character at normalised offset `offset`, if any.
    fn char_at(&self, offset: u32) -> Option<char> {
        self.slice(offset, offset + 1).chars().next()
    }

    /// Number of characters of the normalised text.
    pub fn len(&self) -> usize {
        self.bytes.len().saturating_sub(1)
    }

    /// Whether the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Converts byte offsets of one string to code-point offsets, counting forward from the last
/// offset asked for, so that converting increasing offsets costs one pass over the string.
pub(crate) struct CodePoints<'a> {
    text: &'a str,
    byte: usize,
    cp: usize,
}

impl<'a> CodePoints<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            byte: 0,
            cp: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (a char boundary; out of range clamps).
    pub(crate) fn of(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.cp = 0;
        }
        self.cp += self
            .text
            .get(self.byte..byte)
            .map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.cp
    }
}

/// How one character appears in the matching view: replaced, kept, or removed (`None`).
pub fn map_char(c: char) -> Option<char> {
    match c {
        // No-break, narrow no-break, figure, thin and other fixed-width spaces.
        '\u{00A0}'
        | '\u{202F}'
        | '\u{2007}'
        | '\u{2000}'..='\u{200A}'
        | '\u{205F}'
        | '\u{3000}'
        | '\t' => Some(' '),
        // Soft hyphen, zero-width space/joiners, word joiner, byte-order mark, carriage return.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => None,
        // Bidi marks, embeddings and isolates; variation selectors (emoji or text style).
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}' => None,
        c => Some(c),
    }
}

/// How one character of the input appears in the displayed text, given the next one: the
/// carriage return of a CRLF line break is left out, a lone one is a line break; every other
/// character is shown as written.
pub fn display_char(c: char, next: Option<char>) -> Option<char> {
    match (c, next) {
        ('\r', Some('\n')) => None,
        ('\r', _) => Some('\n'),
        (c, _) => Some(c),
    }
}

/// The matching view of a string, without the offset map.
pub fn normalize_str(input: &str) -> String {
    input.chars().filter_map(map_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_hyphens_are_removed_and_offsets_map_back() {
        let input = "pre\u{00AD}mier étage";
        let n = Normalized::new(input, 10);
        assert_eq!(n.text, "premier étage");
        // "m" is the 4th character of the output, the 5th of the input.
        assert_eq!(n.original(3), 14);
        assert_eq!(n.original(0), 10);
        // End offsets map to the end of the original.
        assert_eq!(
            n.original(n.len() as u32),
            10 + input.chars().count() as u32
        );
    }

    #[test]
    fn removed_ranges_are_left_out_and_offsets_still_map_back() {
        let input = "Kyiv[^1], Kharkiv[^2]";
        let n = Normalized::without(input, 0, &[4..8, 17..21]);
        assert_eq!(n.text, "Kyiv, Kharkiv");
        assert_eq!(n.original_end(13), 17);
        // "Kharkiv" starts at 6 in the output, 10 in the input.
        assert_eq!(n.original(6), 10);
        assert_eq!(n.original_end(4), 4);
    }

    #[test]
    fn code_points_of_byte_offsets_forward_and_back() {
        let text = "é à Koursk";
        let mut cp = CodePoints::new(text);
        assert_eq!(cp.of(2), 1);
        assert_eq!(cp.of(6), 4);
        assert_eq!(cp.of(0), 0);
        assert_eq!(cp.of(text.len()), 10);
        assert_eq!(cp.of(999), 10);
    }

    #[test]
    fn the_displayed_text_keeps_every_character_but_structural_carriage_returns() {
        let input = "می\u{200C}خواهم 👨\u{200D}👩\u{200D}👧 Kour\u{AD}sk\u{A0}! \u{FEFF}\u{200B}\u{202E}x\u{FE0F}\r\nb\rc";
        let shown = Normalized::displayed(input, &[]);
        assert_eq!(
            shown.text,
            "می\u{200C}خواهم 👨\u{200D}👩\u{200D}👧 Kour\u{AD}sk\u{A0}! \u{FEFF}\u{200B}\u{202E}x\u{FE0F}\nb\nc"
        );
        // After the dropped carriage return, offsets still map back to the input.
        let b = shown.text.chars().position(|c| c == 'b').expect("b") as u32;
        assert_eq!(shown.original(b), b + 1);
    }

    #[test]
    fn the_matching_view_leaves_out_invisible_characters() {
        assert_eq!(
            normalize_str("Kour\u{AD}sk\u{A0}! \u{200B}\u{202E}x\u{FE0F}\u{200E}"),
            "Koursk ! x"
        );
        assert_eq!(normalize_str("می\u{200C}خواهم"), "میخواهم");
    }

    #[test]
    fn a_span_takes_the_invisible_characters_at_its_edges_that_belong_to_it() {
        // Displayed: "\u{200B}Kour\u{AD}sk\u{200D} \u{AD}x"; matching: "Koursk x".
        let n = Normalized::new("\u{200B}Kour\u{AD}sk\u{200D} \u{AD}x", 0);
        assert_eq!(n.text, "Koursk x");
        // "Koursk" takes the zero-width space before it, its soft hyphen and the joiner
        // before the space; "x" takes the soft hyphen before it.
        assert_eq!(n.original_span(0, 6), (0, 9));
        assert_eq!(n.original_span(7, 8), (10, 12));
        // Within a word, the soft hyphen goes with what follows it.
        assert_eq!(n.original_span(0, 4), (0, 5));
        assert_eq!(n.original_span(4, 6), (5, 9));
        assert_eq!(n.original_span(3, 3), (4, 4));
    }

    #[test]
    fn no_break_spaces_become_spaces_in_place() {
        let n = Normalized::new("22\u{00A0}mai\u{202F}:", 0);
        assert_eq!(n.text, "22 mai :");
        assert_eq!(n.original(7), 7);
    }
}
