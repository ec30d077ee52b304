//! Finding date expressions in text.

use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};
use kiosque_model::display::MONTHS;
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
      | (?P<rm>(?P<rm_pre>last|next|this)\s+(?P<rm_month>{MONTH})(?:\s+(?P<rm_day>{DAY})(?:st|nd|rd|th)?(?-u:\b))?|(?P<rm_month_fr>{MONTH})\s+(?P<rm_post>dernier|prochain))
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

/// Nouns (and one adjective) before a bare year that name a year of something: "la saison
/// 2012", "l'édition 2010", "the upcoming 2020 race". Written in lowercase, and not before a
/// plural ("la campagne 2000 affiches", "cet hiver 1900 sans-abri").
const NOUN_CUES: &[&str] = &[
    "saison",
    "season",
    "édition",
    "edition",
    "exercice",
    "millésime",
    "cuvée",
    "rentrée",
    "campagne",
    "campaign",
    "élection",
    "élections",
    "election",
    "elections",
    "présidentielle",
    "upcoming",
    "printemps",
    "été",
    "automne",
    "hiver",
    "spring",
    "summer",
    "autumn",
    "winter",
];

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
        let mut start = whole.start();
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
        } else if caps.name("rm").is_some() {
            let direction = match g("rm_pre")
                .or(g("rm_post"))
                .map(str::to_lowercase)
                .as_deref()
            {
                Some("last" | "dernier") => Direction::Last,
                Some("next" | "prochain") => Direction::Next,
                _ => Direction::Recent,
            };
            // An English month after "last", "next" or "this" has its capital ("this march",
            // "the next Mars rover" are none); a French one before "dernier" or "prochain" is in
            // lowercase, and "dernier cri" is a fashion.
            let month = match (g("rm_month"), g("rm_month_fr")) {
                (Some(m), _)
                    if is_english_month(m)
                        && m.starts_with(char::is_uppercase)
                        && !(m == "May" && may_is_a_verb(&text[whole.end()..])) =>
                {
                    month_number(m)
                }
                (_, Some(m))
                    if is_french_month(m)
                        && m.starts_with(char::is_lowercase)
                        && !text[whole.end()..].trim_start().starts_with("cri") =>
                {
                    month_number(m)
                }
                _ => None,
            };
            match (month, caps.name("rm_month"), g("rm_day")) {
                // "next January 1": the day and month, as without "next".
                (Some(month), Some(m), Some(day)) => {
                    start = m.start();
                    parse_day(Some(day))
                        .and_then(|day| day_month_year(Some(day), Some(month), None))
                }
                (Some(month), _, _) => Some(DateExpr::Month { month, direction }),
                (None, _, _) => None,
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
            let cue = before.is_some_and(|w| DATE_CUES.contains(&w.to_lowercase().as_str()))
                || noun_cue(text, year.start(), year.end());
            let punct_after = after.is_none_or(|c| matches!(c, ',' | '.' | ')' | ';' | ':' | '\n'));
            let is_number =
                after.is_some_and(|c| c.is_ascii_digit()) || before_is_digit(text, year.start());
            // "2002, 2003, 2009 et 2010,": a year that a conjunction joins to another that
            // ends the phrase (not "rooms 1901 and 1902 of the hotel").
            let listed = YEAR_LIST_RE.is_match(&text[year.end()..]);
            (!is_number && (cue || punct_after || listed))
                .then(|| year.as_str().parse().ok().map(DateExpr::Year))
                .flatten()
        } else if let Some(month) = caps.name("month_alone") {
            let word = month.as_str();
            let capital_english = word.chars().next().is_some_and(char::is_uppercase);
            let cue =
                month_cued(text, month.start()) || month_listed(text, month.start(), month.end());
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
            .then(|| month_number(word))
            .flatten()
            .map(|month| DateExpr::Month {
                month,
                direction: Direction::Recent,
            })
        } else {
            None
        };
        if let Some(expr) = expr {
            out.push(DateMatch {
                start: cp.of(start),
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

/// After a year: a conjunction and another year that ends the phrase ("2009 et 2010,").
static YEAR_LIST_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s+(?:et|and|ou|or)\s+{YEAR}(?:[,.;:)\n]|$)"))
        .unwrap_or_else(|e| panic!("year list regex: {e}"))
});

/// After a month: a comma or a conjunction, then another month.
static MONTH_AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<sep>\s*,|\s+(?:et|and|ou|or))\s+(?P<month>{MONTH})(?-u:\b)"
    ))
    .unwrap_or_else(|e| panic!("month list regex: {e}"))
});

/// Before a month: another month, then a comma or a conjunction.
static MONTH_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<month>{MONTH})(?P<sep>\s*,|\s+(?:et|and|ou|or))\s+$"
    ))
    .unwrap_or_else(|e| panic!("month list regex: {e}"))
});

fn is_english_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Whether the words after "May" make it the verb or a holiday: "This May Be the End", "May
/// Day".
fn may_is_a_verb(after: &str) -> bool {
    matches!(
        next_word(after).to_lowercase().as_str(),
        "be" | "not"
            | "have"
            | "also"
            | "well"
            | "never"
            | "still"
            | "even"
            | "day"
            | "seem"
            | "need"
            | "take"
            | "come"
            | "become"
            | "only"
            | "soon"
            | "yet"
            | "already"
    )
}

/// A French month's full name ("février", "fevrier"; not an abbreviation).
fn is_french_month(word: &str) -> bool {
    !word.ends_with('.') && !is_english_month(word) && month_number(word).is_some()
}

/// A month written as a month in a list: English with its capital, French in lowercase ("The
/// twins, April and June" and "Avril, Juin et Paul" name people).
fn written_as_month(word: &str) -> bool {
    match is_english_month(word) {
        true => word.starts_with(char::is_uppercase),
        false => is_french_month(word) && word.starts_with(char::is_lowercase),
    }
}

/// Whether the words before the month at `start` show it is one: "en janvier", "in March",
/// "mi-mars", "entre mars et mai", "au mois de mai", "the month of May".
fn month_cued(text: &str, start: usize) -> bool {
    let Some(before) = previous_word(text, start) else {
        return false;
    };
    let before = before.to_lowercase();
    let cue = matches!(
        before.as_str(),
        "en" | "in"
            | "début"
            | "fin"
            | "mi"
            | "mi-"
            | "depuis"
            | "since"
            | "until"
            | "early"
            | "late"
            | "mid"
            | "mid-"
            | "entre"
            | "between"
    );
    cue || {
        let head = word_before_previous(text, start).map(str::to_lowercase);
        matches!(
            (before.as_str(), head.as_deref()),
            ("de", Some("mois")) | ("of", Some("month"))
        )
    }
}

/// Whether the month at `text[start..end]` is in a list of months ("janvier, février et
/// mars", "between May and June") whose first month the words before it show to be one, with a
/// conjunction in it (not "In March, May asked": a comma alone does not make a list).
fn month_listed(text: &str, start: usize, end: usize) -> bool {
    if !written_as_month(&text[start..end]) {
        return false;
    }
    let mut conjunction = false;
    let mut first = start;
    loop {
        // A month and its separator fit in 24 bytes: look back that far, on a char boundary.
        let from = (0..=first.saturating_sub(24))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let Some(caps) = MONTH_BEFORE_RE.captures(&text[from..first]) else {
            break;
        };
        let (Some(month), Some(sep)) = (caps.name("month"), caps.name("sep")) else {
            break;
        };
        if !written_as_month(month.as_str()) {
            break;
        }
        conjunction |= !sep.as_str().trim().starts_with(',');
        first = from + month.start();
    }
    let mut last = end;
    while let Some(caps) = MONTH_AFTER_RE.captures(&text[last..]) {
        let (Some(month), Some(sep)) = (caps.name("month"), caps.name("sep")) else {
            break;
        };
        if !written_as_month(month.as_str()) {
            break;
        }
        conjunction |= !sep.as_str().trim().starts_with(',');
        last += month.end();
    }
    first < start && conjunction && month_cued(text, first)
        || last > end && conjunction && month_cued(text, start)
}

/// Whether a noun of [`NOUN_CUES`] is right before the year at `text[start..end]`, in
/// lowercase, after its article if it is "été" (the past participle is no season: "ont été
/// 2000"), and not before a plural, "à" or a hyphen ("cet hiver 1900 sans-abri", "ont été 2000
/// à défiler").
fn noun_cue(text: &str, start: usize, end: usize) -> bool {
    let Some(before) = previous_word(text, start) else {
        return false;
    };
    let (article, noun) = match ["l'", "l’", "d'", "d’"]
        .iter()
        .find_map(|a| before.strip_prefix(a))
    {
        Some(noun) => (true, noun),
        None => (false, before),
    };
    if !NOUN_CUES.contains(&noun) {
        return false;
    }
    let season_article = || {
        word_before_previous(text, start)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "cet" | "en" | "de" | "l'"))
    };
    if noun == "été" && !article && !season_article() {
        return false;
    }
    let rest = &text[end..];
    let next = next_word(rest);
    let plural =
        next.starts_with(char::is_lowercase) && (next.ends_with('s') || next.ends_with('x'));
    !(rest.starts_with('-') || next == "à" || plural)
}

/// The first word of `text` after any spaces ("" when it starts with another character).
fn next_word(text: &str) -> &str {
    text.trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
}

/// The word before [`previous_word`] of `byte`: "mois" in "au mois de mai".
fn word_before_previous(text: &str, byte: usize) -> Option<&str> {
    let previous = previous_word(text, byte)?;
    previous_word(text, text[..byte].trim_end().len() - previous.len())
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
