//! Cutting a block's text into plain runs and entity mentions, for highlighting.

use crate::article::Mention;

/// A run of a block's text: plain, or one mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The text of the run.
    pub text: &'a str,
    /// The mention this run is, if any.
    pub mention: Option<&'a Mention>,
}

/// The positions of `mentions` by start, then end, then as given (a stable sort), by the sort
/// of [`crate::order`] (one copy of the sort routine in the app's wasm, docs/app-size.md).
pub fn mention_order<E>(mentions: &[Mention<E>]) -> Vec<usize> {
    crate::order::positions_by(mentions, |a, b| (a.start, a.end).cmp(&(b.start, b.end)))
}

/// Splits `text` at its mentions. The segments concatenate back to `text` exactly.
///
/// Mentions whose offsets are empty, out of range or overlap an earlier mention are left out
/// (their text stays plain), so malformed data never breaks the page.
pub fn segments<'a>(text: &'a str, mentions: &'a [Mention]) -> Vec<Segment<'a>> {
    // Byte offset of every code point boundary, including the end.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let byte_at = |cp: u32| bounds.get(cp as usize).copied();

    let mut out = Vec::with_capacity(mentions.len() * 2 + 1);
    let mut cursor = 0usize;
    for mention in mention_order(mentions).into_iter().map(|i| &mentions[i]) {
        let (Some(start), Some(end)) = (byte_at(mention.start), byte_at(mention.end)) else {
            continue;
        };
        if start >= end || start < cursor {
            continue;
        }
        if start > cursor {
            out.push(Segment {
                text: &text[cursor..start],
                mention: None,
            });
        }
        out.push(Segment {
            text: &text[start..end],
            mention: Some(mention),
        });
        cursor = end;
    }
    if cursor < text.len() {
        out.push(Segment {
            text: &text[cursor..],
            mention: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::EntityId;

    fn mention(start: u32, end: u32, id: &str) -> Mention {
        Mention {
            start,
            end,
            entity: EntityId::new(id).expect("a valid id"),
        }
    }

    fn render(segments: &[Segment<'_>]) -> String {
        segments
            .iter()
            .map(|s| match s.mention {
                Some(m) => format!("[{}|{}]", s.text, m.entity),
                None => s.text.to_owned(),
            })
            .collect()
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let text = "L’Ukraine et la Défense à Koursk";
        let mentions = [mention(2, 9, "loc-ukraine"), mention(26, 32, "loc-koursk")];
        assert_eq!(
            render(&segments(text, &mentions)),
            "L’[Ukraine|loc-ukraine] et la Défense à [Koursk|loc-koursk]"
        );
    }

    #[test]
    fn malformed_mentions_leave_the_text_intact() {
        let text = "Donald Trump";
        let mentions = [
            mention(7, 12, "per-trump"),
            mention(0, 12, "per-donald-trump"), // overlaps the one above once sorted
            mention(5, 5, "empty"),
            mention(10, 99, "out-of-range"),
        ];
        let segs = segments(text, &mentions);
        let joined: String = segs.iter().map(|s| s.text).collect();
        assert_eq!(joined, text);
        assert_eq!(render(&segs), "[Donald Trump|per-donald-trump]");
    }

    #[test]
    fn mentions_out_of_order_are_marked_in_order_and_of_two_on_the_same_span_the_first_given() {
        let text = "Donald Trump à Koursk";
        let mentions = [
            mention(15, 21, "loc-koursk"),
            mention(0, 12, "per-donald-trump"),
            mention(0, 12, "per-trump"),
        ];
        assert_eq!(mention_order(&mentions), [1, 2, 0]);
        assert_eq!(
            render(&segments(text, &mentions)),
            "[Donald Trump|per-donald-trump] à [Koursk|loc-koursk]"
        );
    }
}
