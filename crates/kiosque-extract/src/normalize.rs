//! Character normalisation of input text, keeping the way back to the original offsets.
//!
//! Spaces of every width become a plain space, invisible characters (soft hyphens, zero-width
//! spaces, byte-order marks, carriage returns) are removed. Every other character is kept as is,
//! so offsets move only where a character was removed, and [`Normalized::original`] maps them back.

/// Text after normalisation, with the code-point offset of each character in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `origin[i]` is the original code-point offset of the `i`-th character of `text`;
    /// one extra entry holds the original length, so end offsets map too.
    origin: Vec<u32>,
    /// `bytes[i]` is the byte offset in `text` of its `i`-th character, plus the length.
    bytes: Vec<u32>,
}

impl Normalized {
    /// Normalises `input`, whose first character is at original offset `base`.
    pub fn new(input: &str, base: u32) -> Self {
        Self::without(input, base, &[])
    }

    /// Normalises `input` and also removes the given byte ranges (markup such as Markdown
    /// footnote references), keeping the way back to the original offsets.
    pub fn without(input: &str, base: u32, removed: &[std::ops::Range<usize>]) -> Self {
        let mut text = String::with_capacity(input.len());
        let mut origin = Vec::with_capacity(input.len() + 1);
        let mut bytes = Vec::with_capacity(input.len() + 1);
        let mut pos = base;
        let mut cut = removed.iter().peekable();
        for (byte, c) in input.char_indices() {
            while cut.next_if(|r| r.end <= byte).is_some() {}
            if cut.peek().is_some_and(|r| r.start <= byte) {
                pos += 1;
                continue;
            }
            if let Some(out) = map_char(c) {
                bytes.push(text.len() as u32);
                text.push(out);
                origin.push(pos);
            }
            pos += 1;
        }
        origin.push(pos);
        bytes.push(text.len() as u32);
        Normalized {
            text,
            origin,
            bytes,
        }
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
        let last = self.origin.len().saturating_sub(1);
        self.origin
            .get((offset as usize).min(last))
            .copied()
            .unwrap_or(0)
    }

    /// The normalised offset of original offset `original`: the first normalised character at
    /// or after it (the inverse of [`Normalized::original`]).
    pub fn normalized_of(&self, original: u32) -> u32 {
        let chars = &self.origin[..self.origin.len().saturating_sub(1)];
        chars.partition_point(|&o| o < original) as u32
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

    /// Number of characters of the normalised text.
    pub fn len(&self) -> usize {
        self.origin.len().saturating_sub(1)
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

/// How one input character is normalised: replaced, kept, or removed (`None`).
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
        c => Some(c),
    }
}

/// Normalises a string without keeping the offset map.
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
    fn no_break_spaces_become_spaces_in_place() {
        let n = Normalized::new("22\u{00A0}mai\u{202F}:", 0);
        assert_eq!(n.text, "22 mai :");
        assert_eq!(n.original(7), 7);
    }
}
