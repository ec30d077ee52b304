//! Finding date expressions in text.

use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};
use regex::Regex;

use super::{DateExpr, Direction};
use crate::normalize::CodePoints;

/// A date expression found in text, with its code-point span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What it says.
    pub expr: DateExpr,
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let n = match w.as_str() {
        "janvier" | "janv" | "january" | "jan" => 1,
        "février" | "fevrier" | "févr" | "fevr" | "february" | "feb" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "avr" | "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "juil" | "july" | "jul" => 7,
        "août" | "aout" | "august" | "aug" => 8,
        "septembre" | "sept" | "september" | "sep" => 9,
        "octobre" | "october" | "oct" => 10,
        "novembre" | "november" | "nov" => 11,
        "décembre" | "decembre" | "déc" | "december" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.to_lowercase();
    let d = match w.as_str() {
        "lundi" | "monday" => Weekday::Mon,
        "mardi" | "tuesday" => Weekday::Tue,
        "mercredi" | "wednesday" => Weekday::Wed,
        "jeudi" | "thursday" => Weekday::Thu,
        "vendredi" | "friday" => Weekday::Fri,
        "samedi" | "saturday" => Weekday::Sat,
        "dimanche" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

const MONTH: &str = r"(?:janvier|janv\.|f[ée]vrier|f[ée]vr\.|mars|avril|avr\.|mai|juin|juillet|juil\.|ao[uû]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.|January|Jan\.|February|Feb\.|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|August|Aug\.|September|Sept?\.|October|Oct\.|November|Nov\.|December|Dec\.)";
const WEEKDAY: &str = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DAY: &str = r"(?:1er|[12][0-9]|3[01]|0?[1-9])";
const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";

/// One regex with a named group per form; alternatives are tried left to right, longest forms
/// first, so "22 au 24 juin 2012" is one date and not three.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<range>(?P<r_from>{DAY})\s*(?:au|-|–)\s*(?P<r_to>{DAY})\s+(?P<r_month>{MONTH})(?:\s+(?P<r_year>{YEAR}))?)
      | (?P<dmy>(?:(?P<dmy_wd>{WEEKDAY})\s+)?(?P<dmy_day>{DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_month>{MONTH})(?:,?\s+(?P<dmy_year>{YEAR}))?)
      | (?P<mdy>(?:(?P<mdy_wd>{WEEKDAY}),?\s+)?(?P<mdy_month>{MONTH})\s+(?P<mdy_day>{DAY})(?:st|nd|rd|th)?(?:,?\s+(?P<mdy_year>{YEAR}))?)
      | (?P<iso>(?P<iso_y>{YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12][0-9]|3[01]))
      | (?P<my>(?:(?P<my_edge>fin|début|debut|mi-|courant|late|early|mid-)\s*)?(?P<my_month>{MONTH})\s+(?P<my_year>{YEAR}))
      | (?P<wd>(?:(?P<wd_pre>last|next|this)\s+)?(?P<wd_day>{WEEKDAY})(?:\s+(?P<wd_post>dernier|prochain|matin|soir|après-midi|apres-midi|morning|afternoon|evening|night))?)
      | (?P<rel>avant-hier|après-demain|apres-demain|aujourd[’']hui|hier|demain|the\s+day\s+before\s+yesterday|yesterday|today|tomorrow)
      | (?P<edge_year>(?:fin|début|debut|mi-|late|early|mid-)\s*(?P<ey_year>{YEAR}))
      | (?P<year>{YEAR})
      | (?P<month_alone>{MONTH})
    "
    );
    // The literal pieces are fixed: a failure here is a bug caught by every test run.
    // ASCII word boundaries keep the regex on its fast DFA; `find_dates` checks the Unicode
    // boundaries itself (so "lundi" inside "élundi" is not a date).
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{pattern})(?-u:\b)"))
        .unwrap_or_else(|e| panic!("date regex: {e}"))
});

/// Words before a bare year or month that show it is a date ("en 2012", "in May").
const DATE_CUES: &[&str] = &[
    "en",
    "in",
    "depuis",
    "since",
    "de",
    "d'",
    "d’",
    "of",
    "année",
    "l'année",
    "l’année",
    "year",
    "avant",
    "après",
    "before",
    "after",
    "until",
    "jusqu'en",
    "jusqu’en",
    "dès",
    "from",
    "to",
    "et",
    "and",
    "au",
    "à",
    "by",
    "during",
    "pendant",
    "durant",
    "courant",
    "le",
    "la",
    "the",
    "since",
    "between",
    "entre",
    "par",
    "for",
    "pour",
    "ou",
    "or",
    "of",
];

/// Finds date expressions in `text`; spans are code-point offsets.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut cp = CodePoints::new(text);
    let mut out = Vec::new();
    for caps in DATE_RE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if !word_bounded(text, whole.start(), whole.end()) {
            continue;
        }
        let g = |name: &str| caps.name(name).map(|m| m.as_str());
        let expr = if caps.name("range").is_some() {
            let day = parse_day(g("r_from"));
            let month = g("r_month").and_then(month_number);
            match (day, month, g("r_year").and_then(|y| y.parse().ok())) {
                (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y, m, d).map(DateExpr::Full),
                (Some(day), Some(month), None) => Some(DateExpr::DayMonth { day, month }),
                _ => None,
            }
        } else if caps.name("dmy").is_some() || caps.name("mdy").is_some() {
            let (d, m, y) = if caps.name("dmy").is_some() {
                (g("dmy_day"), g("dmy_month"), g("dmy_year"))
            } else {
                (g("mdy_day"), g("mdy_month"), g("mdy_year"))
            };
            // "May 5" needs the capital: "may" is also a verb.
            if m.is_some_and(|m| m == "may") {
                None
            } else {
                day_month_year(parse_day(d), m.and_then(month_number), y)
            }
        } else if caps.name("iso").is_some() {
            let y = g("iso_y").and_then(|v| v.parse().ok());
            let m = g("iso_m").and_then(|v| v.parse().ok());
            let d = g("iso_d").and_then(|v| v.parse().ok());
            match (y, m, d) {
                (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(DateExpr::Full),
                _ => None,
            }
        } else if caps.name("my").is_some() {
            match (
                g("my_month").and_then(month_number),
                g("my_year").and_then(|v| v.parse().ok()),
            ) {
                (Some(month), Some(year)) => Some(DateExpr::MonthYear { year, month }),
                _ => None,
            }
        } else if caps.name("wd").is_some() {
            let word = g("wd_day").unwrap_or_default();
            let english = weekday(word).is_some() && word.is_ascii() && !is_french_weekday(word);
            // English weekdays are capitalised; a lowercase "monday" is not a reliable cue.
            if english && word.starts_with(char::is_lowercase) {
                None
            } else {
                let pre = g("wd_pre").map(str::to_lowercase);
                let post = g("wd_post").map(str::to_lowercase);
                let direction = match (pre.as_deref(), post.as_deref()) {
                    (Some("last"), _) | (_, Some("dernier")) => Direction::Last,
                    (Some("next"), _) | (_, Some("prochain")) => Direction::Next,
                    _ => Direction::Recent,
                };
                weekday(word).map(|weekday| DateExpr::Weekday { weekday, direction })
            }
        } else if let Some(rel) = g("rel") {
            let r = rel.to_lowercase().replace('’', "'");
            let days = match r.as_str() {
                "avant-hier" => -2,
                "hier" | "yesterday" => -1,
                "aujourd'hui" | "today" => 0,
                "demain" | "tomorrow" => 1,
                "après-demain" | "apres-demain" => 2,
                _ if r.starts_with("the") => -2,
                _ => 0,
            };
            Some(DateExpr::Relative(days))
        } else if caps.name("edge_year").is_some() {
            g("ey_year")
                .and_then(|v| v.parse().ok())
                .map(DateExpr::Year)
        } else if let Some(year) = caps.name("year") {
            let before = previous_word(text, year.start());
            let after = text[year.end()..].chars().next();
            let cue = before.is_some_and(|w| DATE_CUES.contains(&w.to_lowercase().as_str()));
            let punct_after = after.is_none_or(|c| matches!(c, ',' | '.' | ')' | ';' | ':' | '\n'));
            let is_number =
                after.is_some_and(|c| c.is_ascii_digit()) || before_is_digit(text, year.start());
            (!is_number && (cue || punct_after))
                .then(|| year.as_str().parse().ok().map(DateExpr::Year))
                .flatten()
        } else if let Some(month) = caps.name("month_alone") {
            let word = month.as_str();
            let before = previous_word(text, month.start()).map(str::to_lowercase);
            let capital_english = word.chars().next().is_some_and(char::is_uppercase);
            let cue = before.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "en" | "in"
                        | "début"
                        | "fin"
                        | "mi"
                        | "depuis"
                        | "since"
                        | "until"
                        | "early"
                        | "late"
                        | "mid"
                )
            });
            // Only clear cases: "en janvier", "in March"; not "Mars" the planet or "may".
            (cue && (word.to_lowercase() != "may" || capital_english)
                && !matches!(
                    word.to_lowercase().as_str(),
                    "mar."
                        | "jan."
                        | "jun."
                        | "jul."
                        | "oct."
                        | "nov."
                        | "dec."
                        | "sept."
                        | "sep."
                        | "aug."
                        | "apr."
                        | "feb."
                ))
            .then(|| month_number(word).map(DateExpr::Month))
            .flatten()
        } else {
            None
        };
        if let Some(expr) = expr {
            out.push(DateMatch {
                start: cp.of(whole.start()),
                end: cp.of(whole.end()),
                expr,
            });
        }
    }
    out
}

/// Whether `text[start..end]` is not glued to letters or digits on either side.
pub(crate) fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn is_french_weekday(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi" | "samedi" | "dimanche"
    )
}

fn parse_day(day: Option<&str>) -> Option<u32> {
    let d = day?;
    if d.eq_ignore_ascii_case("1er") {
        Some(1)
    } else {
        d.parse().ok()
    }
}

fn day_month_year(day: Option<u32>, month: Option<u32>, year: Option<&str>) -> Option<DateExpr> {
    let (day, month) = (day?, month?);
    match year.and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day).map(DateExpr::Full),
        // Reject impossible days even without a year (2024 is a leap year: 29 February passes).
        None => {
            NaiveDate::from_ymd_opt(2024, month, day).map(|_| DateExpr::DayMonth { day, month })
        }
    }
}

fn previous_word(text: &str, byte: usize) -> Option<&str> {
    let head = text[..byte].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '’' || *c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &head[start..];
    (!word.is_empty()).then_some(word)
}

fn before_is_digit(text: &str, byte: usize) -> bool {
    let mut chars = text[..byte].chars().rev();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        // "1 000 000" style thousands, "3,2024" decimals.
        Some(' ' | ',' | '.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}
