//! Turning data values into words for readers: dates, languages, counts, and values from the
//! data made safe to quote in a message.

use std::borrow::Cow;
use std::fmt::Write;

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English weekday abbreviations, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A readable form of an ISO 8601 date in English: `2025-01-06` → `Mon 6 January 2025`,
/// `2025-01` → `January 2025`, `2025` → `2025` ([`crate::ui::Language::date`] in the
/// interface's language). A time part (`2025-01-06T10:00Z`) is ignored.
///
/// Returns `None` for anything else (an impossible day, a free-form string), so the caller can
/// show the value as written rather than a wrong date.
pub fn format_date(iso: &str) -> Option<String> {
    crate::ui::Language::En.date(iso)
}

/// The year, month and day of an ISO 8601 date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, maybe
/// followed by a time), checked: `None` for an impossible day or anything else.
pub(crate) fn date_parts(iso: &str) -> Option<(i64, Option<i64>, Option<i64>)> {
    let date = iso.split(['T', ' ']).next().unwrap_or(iso);
    let mut parts = date.split('-');
    let year = parse_part(parts.next()?, 4)?;
    let Some(month) = parts.next() else {
        return Some((year, None, None));
    };
    let month = parse_part(month, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let Some(day) = parts.next() else {
        return Some((year, Some(month), None));
    };
    let day = parse_part(day, 2)?;
    if parts.next().is_some() || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, Some(month), Some(day)))
}

/// Parses a fixed-width run of ASCII digits.
fn parse_part(part: &str, width: usize) -> Option<i64> {
    (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Monday = 0 … Sunday = 6, from the day count since 1970-01-01 (a Thursday).
pub(crate) fn weekday_index(year: i64, month: i64, day: i64) -> usize {
    let days = crate::timeline::days_from_civil(year, month, day);
    // 1970-01-01 is a Thursday: index 3.
    usize::try_from((days + 3).rem_euclid(7)).unwrap_or(0)
}

/// The English name of an ISO 639-1 language code (`fr` → `French`); the code in capitals when
/// it is not one of the common ones ([`crate::ui::Language::language_name`] in the interface's
/// language).
pub fn language_name(code: &str) -> String {
    crate::ui::Language::En.language_name(code)
}

/// `text` between Unicode's first-strong isolate (U+2068) and pop-directional isolate (U+2069):
/// for a value from the data put into a sentence, a page title or an accessible name, so that a
/// right-to-left name reads right, and an unclosed override in it (U+202E) cannot reverse the
/// words around it. Markup uses `<bdi>` instead.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// The longest id from a URL a message quotes in full, in characters.
pub const QUOTED_ID_CHARS: usize = 60;

/// An id as written in a URL, quoted for a message: `‘loc-x’`, bidi-isolated, and shortened to
/// [`QUOTED_ID_CHARS`] (a link may carry an id of any length; the message need not).
pub fn quote_id(id: &str) -> String {
    format!("‘{}’", isolate(&crate::text::shorten(id, QUOTED_ID_CHARS)))
}

/// A search as typed, quoted for a message: `“défense aérienne”`, trimmed, bidi-isolated and
/// shortened like an id (it comes from the URL).
pub fn quote_search(text: &str) -> String {
    format!(
        "“{}”",
        isolate(&crate::text::shorten(text.trim(), QUOTED_ID_CHARS))
    )
}

/// `text` with its control characters (C0, DEL, C1), line and paragraph separators and
/// bidirectional controls escaped; everything else, accents and emoji included, as it is.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_quoted_trimmed_and_isolated() {
        assert_eq!(quote_search(" kiev "), "“\u{2068}kiev\u{2069}”");
        assert!(quote_search(&"x".repeat(500)).chars().count() < 70);
    }

    #[test]
    fn isolated_text_is_closed_whatever_it_holds() {
        assert_eq!(isolate("a\u{202e}b"), "\u{2068}a\u{202e}b\u{2069}");
    }

    #[test]
    fn quoted_ids_are_isolated_and_kept_short() {
        assert_eq!(quote_id("loc-x"), "‘\u{2068}loc-x\u{2069}’");
        let long = quote_id(&format!("loc-{}", "z".repeat(10_000)));
        assert_eq!(long.chars().count(), QUOTED_ID_CHARS + 4, "{long}");
        assert!(long.ends_with("z…\u{2069}’"), "{long}");
    }

    #[test]
    fn full_dates_get_their_weekday() {
        assert_eq!(
            format_date("2025-01-06").as_deref(),
            Some("Mon 6 January 2025")
        );
        assert_eq!(
            format_date("2024-02-29").as_deref(),
            Some("Thu 29 February 2024")
        );
        assert_eq!(
            format_date("1970-01-01").as_deref(),
            Some("Thu 1 January 1970")
        );
        assert_eq!(
            format_date("2000-03-01T12:00:00Z").as_deref(),
            Some("Wed 1 March 2000")
        );
    }

    #[test]
    fn partial_dates_stay_partial() {
        assert_eq!(format_date("2025-01").as_deref(), Some("January 2025"));
        assert_eq!(format_date("2025").as_deref(), Some("2025"));
    }

    #[test]
    fn impossible_or_free_form_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-6",
            "lundi",
            "",
            "2025-01-06-01",
        ] {
            assert_eq!(format_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn languages_and_counts_read_as_words() {
        assert_eq!(language_name("fr"), "French");
        assert_eq!(language_name("EN"), "English");
        assert_eq!(language_name("sw"), "SW");
    }
}
