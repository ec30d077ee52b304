//! How a list of articles spreads over time: a histogram of their publication dates, by week
//! when they span a few months, by month up to twenty years, by year beyond, every period
//! between the first and the last one listed (empty ones too, so gaps show).

use serde::{Deserialize, Serialize};

use crate::index::Corpus;
use crate::refine::ArticleFields;

/// Articles spanning at most this many days are counted by week (about six months: 28 bars
/// at most).
pub const WEEKS_UP_TO_DAYS: i64 = 183;

/// Articles spanning at most this many months are counted by month (20 years: 240 bars at
/// most); by year beyond.
pub const MONTHS_UP_TO: i64 = 240;

/// The length of a histogram's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Unit {
    /// The unit's noun, for "articles per …".
    pub fn noun(self) -> &'static str {
        match self {
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// One period of a histogram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    /// Its first day, `YYYY-MM-DD` (a Monday for a week).
    pub start: String,
    /// Articles published in it.
    pub count: u32,
    /// Its first period as the URL writes a period's bound: `2025-01-06` (a week's Monday),
    /// `2025-01`, `2025` ([`period_days`]).
    pub from: String,
    /// Its last period as the URL writes it: `2025-01-12` (a week's Sunday), `2025-01`, `2025`.
    pub to: String,
}

impl Bin {
    /// Its days, first and last (days since 1970-01-01).
    pub fn days(&self) -> (i64, i64) {
        let first = period_days(&self.from).map_or(0, |d| d.0);
        let last = period_days(&self.to).map_or(first, |d| d.1);
        (first, last)
    }

    /// Whether all its days are within `period` (first and last days, inclusive).
    pub fn within(&self, period: (i64, i64)) -> bool {
        let (first, last) = self.days();
        period.0 <= first && last <= period.1
    }
}

/// A histogram of articles over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The periods' length.
    pub unit: Unit,
    /// Every period from the first dated article's to the last's, in order.
    pub bins: Vec<Bin>,
    /// Articles with no date (or one that is not an ISO 8601 date).
    pub undated: u32,
}

impl Timeline {
    /// The articles counted in the bins.
    pub fn dated(&self) -> u32 {
        self.bins.iter().map(|b| b.count).sum()
    }

    /// The largest count of a bin (0 when there is none).
    pub fn peak(&self) -> u32 {
        self.bins.iter().map(|b| b.count).max().unwrap_or(0)
    }

    /// The bars a chart's axis names, at least `gap` bars apart: those that begin a month (by
    /// week) or a year (by month and by year), every one of them or every 2nd, 3rd, 6th…
    /// month, every 2nd, 5th, 10th… year, the fewest skipped that keeps them `gap` apart. The
    /// first bar alone when none begins one (a few weeks within a month).
    pub fn ticks(&self, gap: usize) -> Vec<usize> {
        // Each bar's month (by week) or year, counted from year 0, and that period's bars.
        let (steps, bars): (&[i64], i64) = match self.unit {
            Unit::Week => (&[1, 2, 3, 6, 12, 24, 60, 120], 4),
            Unit::Month => (&[1, 2, 5, 10, 20, 50, 100], 12),
            Unit::Year => (&[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], 1),
        };
        // A bar's larger period, and whether a bar that begins the chart begins it too.
        let larger = |bin: &Bin| {
            let (y, m, d) = crate::display::date_parts(&bin.start)?;
            let (m, d) = (m?, d?);
            Some(match self.unit {
                Unit::Week => (y * 12 + m - 1, d <= 7),
                Unit::Month => (y, m == 1),
                Unit::Year => (y, true),
            })
        };
        let gap = i64::try_from(gap).unwrap_or(i64::MAX);
        let step = (steps.iter().copied())
            .find(|&k| k.saturating_mul(bars) >= gap)
            .unwrap_or(steps[steps.len() - 1]);
        let mut previous = None;
        let ticks: Vec<usize> = (self.bins.iter().enumerate())
            .filter_map(|(i, bin)| {
                let (period, first_of_it) = larger(bin)?;
                let begins = match previous.replace(period) {
                    Some(before) => before != period,
                    None => first_of_it,
                };
                (begins && period.rem_euclid(step) == 0).then_some(i)
            })
            .collect();
        if ticks.is_empty() && !self.bins.is_empty() {
            return vec![0];
        }
        ticks
    }
}

/// The histogram of these publication dates (`None` for an article without one): by week,
/// month or year as the span of the dates asks ([`WEEKS_UP_TO_DAYS`], [`MONTHS_UP_TO`]). A date
/// is `YYYY-MM-DD`, maybe followed by a time; `YYYY-MM` counts on the month's first day and
/// `YYYY` on the year's; anything else counts as undated.
pub fn timeline<'a>(dates: impl IntoIterator<Item = Option<&'a str>>) -> Timeline {
    of_days(dates.into_iter().map(|date| date.and_then(parse_day)))
}

/// The [`timeline`] of the articles at `positions` in `corpus`, from their days read once for
/// the corpus ([`Corpus::article_fields`]): what the home page draws at each click or keystroke.
pub fn timeline_at(corpus: &Corpus, positions: &[u32]) -> Timeline {
    timeline_of_fields(corpus.article_fields(), positions)
}

/// [`timeline_at`] over the articles' fields read once ([`ArticleFields::of`]).
pub fn timeline_of_fields(fields: &ArticleFields, positions: &[u32]) -> Timeline {
    of_days(positions.iter().map(|&p| fields.day(p)))
}

/// [`timeline_of_fields`] as the site data carries it ([`Timeline::counts`]), without the text
/// of each bar's days: what the build writes for every entity's profile.
pub fn counts_of_fields(fields: &ArticleFields, positions: &[u32]) -> TimelineCounts {
    let counted = count_days(positions.iter().map(|&p| fields.day(p)));
    let start = (!counted.counts.is_empty()).then(|| iso_day(counted.start_of(0)));
    TimelineCounts {
        unit: counted.unit,
        start,
        counts: counted.counts,
        undated: counted.undated,
    }
}

/// The [`timeline`] of these days (since 1970-01-01; `None` for an article without a date).
fn of_days(dates: impl IntoIterator<Item = Option<i64>>) -> Timeline {
    let counted = count_days(dates);
    Timeline {
        unit: counted.unit,
        bins: counted.bins(),
        undated: counted.undated,
    }
}

/// Dates counted by period: what a [`Timeline`] is made of before its bars are named.
struct Counted {
    unit: Unit,
    /// The first period's Monday (by week).
    first_monday: i64,
    /// The first period's month counted from year 0 (by month and by year).
    first_months: i64,
    /// Each period's count, from the first one.
    counts: Vec<u32>,
    undated: u32,
}

/// These days (since 1970-01-01; `None` for an article without a date) counted by the period
/// their span asks for.
fn count_days(dates: impl IntoIterator<Item = Option<i64>>) -> Counted {
    let mut days = Vec::new();
    let mut undated = 0u32;
    for date in dates {
        match date {
            Some(day) => days.push(day),
            None => undated += 1,
        }
    }
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return Counted {
            unit: Unit::Month,
            first_monday: 0,
            first_months: 0,
            counts: Vec::new(),
            undated,
        };
    };
    let months = |day: i64| {
        let (y, m, _) = civil_from_days(day);
        y * 12 + (m - 1)
    };
    let unit = if last - first <= WEEKS_UP_TO_DAYS {
        Unit::Week
    } else if months(last) - months(first) < MONTHS_UP_TO {
        Unit::Month
    } else {
        Unit::Year
    };
    // Each date's period, as a number counted from the first period (the first's worked out
    // once: this runs for every article of the view at each click or keystroke).
    let (first_monday, first_months) = (monday(first), months(first));
    let first_year = first_months.div_euclid(12);
    let period = |day: i64| match unit {
        Unit::Week => (day - first_monday).div_euclid(7),
        Unit::Month => months(day) - first_months,
        Unit::Year => civil_from_days(day).0 - first_year,
    };
    let len = usize::try_from(period(last) + 1).unwrap_or(0);
    let mut counts = vec![0u32; len];
    for &day in &days {
        if let Some(count) = usize::try_from(period(day))
            .ok()
            .and_then(|p| counts.get_mut(p))
        {
            *count += 1;
        }
    }
    Counted {
        unit,
        first_monday,
        first_months,
        counts,
        undated,
    }
}

impl Counted {
    /// The first day of period `p` (counted from the first one): year, month, day.
    fn start_of(&self, p: i64) -> (i64, i64, i64) {
        match self.unit {
            Unit::Week => civil_from_days(self.first_monday + 7 * p),
            Unit::Month => {
                let months = self.first_months + p;
                (months.div_euclid(12), months.rem_euclid(12) + 1, 1)
            }
            Unit::Year => (self.first_months.div_euclid(12) + p, 1, 1),
        }
    }

    /// The bars, one per period from the first one.
    fn bins(&self) -> Vec<Bin> {
        (0i64..)
            .zip(&self.counts)
            .map(|(p, &count)| {
                let (y, m, d) = self.start_of(p);
                let start = iso_day((y, m, d));
                let (from, to) = match self.unit {
                    Unit::Week => {
                        let sunday = civil_from_days(days_from_civil(y, m, d) + 6);
                        (start.clone(), iso_day(sunday))
                    }
                    Unit::Month => (format!("{y:04}-{m:02}"), format!("{y:04}-{m:02}")),
                    Unit::Year => (format!("{y:04}"), format!("{y:04}")),
                };
                Bin {
                    start,
                    count,
                    from,
                    to,
                }
            })
            .collect()
    }
}

/// A day as the site data writes it, `YYYY-MM-DD`.
fn iso_day((y, m, d): (i64, i64, i64)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A [`Timeline`] as the site data carries it (`site.json`'s `overview`): its unit, its first
/// bin's first day and each bin's count, the other bins' days following from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineCounts {
    /// `week`, `month` or `year`.
    pub unit: Unit,
    /// The first bin's first day, `YYYY-MM-DD` (a Monday by week, the 1st by month, 1 January by
    /// year); absent when no article is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Each bin's count, in order.
    #[serde(default)]
    pub counts: Vec<u32>,
    /// Articles with no date.
    #[serde(default)]
    pub undated: u32,
}

impl Timeline {
    /// The timeline as the site data carries it.
    pub fn counts(&self) -> TimelineCounts {
        TimelineCounts {
            unit: self.unit,
            start: self.bins.first().map(|b| b.start.clone()),
            counts: self.bins.iter().map(|b| b.count).collect(),
            undated: self.undated,
        }
    }

    /// The timeline that `counts` carries; `None` when its first day is not one its unit
    /// begins on, or it has more bars than its unit ever gives (a site data file written by
    /// something else).
    pub fn from_counts(counts: &TimelineCounts) -> Option<Timeline> {
        let bins = match (&counts.start, counts.counts.is_empty()) {
            (None, true) => Vec::new(),
            (Some(start), false) => {
                let day = parse_day(start).filter(|_| start.len() == 10)?;
                let (y, m, d) = civil_from_days(day);
                let begins = match counts.unit {
                    Unit::Week => monday(day) == day,
                    Unit::Month => d == 1,
                    Unit::Year => d == 1 && m == 1,
                };
                // No more bars than its unit ever gives (the app would draw each one).
                let most = match counts.unit {
                    Unit::Week => (WEEKS_UP_TO_DAYS / 7 + 2) as usize,
                    Unit::Month => MONTHS_UP_TO as usize,
                    Unit::Year => 10_000,
                };
                if !begins || counts.counts.len() > most {
                    return None;
                }
                Counted {
                    unit: counts.unit,
                    first_monday: day,
                    first_months: y * 12 + (m - 1),
                    counts: counts.counts.clone(),
                    undated: counts.undated,
                }
                .bins()
            }
            _ => return None,
        };
        Some(Timeline {
            unit: counts.unit,
            bins,
            undated: counts.undated,
        })
    }
}

/// The first and last days (days since 1970-01-01, inclusive) of the period a URL names: a year
/// `YYYY`, a month `YYYY-MM` or a day `YYYY-MM-DD`; `None` for anything else (a time, an
/// impossible day).
pub fn period_days(text: &str) -> Option<(i64, i64)> {
    if text.contains(['T', ' ']) {
        return None;
    }
    let first = parse_day(text)?;
    let last = match text.len() {
        4 => parse_day(&format!("{}-12-31", text))?,
        7 => {
            let (y, m, _) = civil_from_days(first);
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            days_from_civil(ny, nm, 1) - 1
        }
        _ => first,
    };
    Some((first, last))
}

/// The day number (days since 1970-01-01) of an ISO 8601 date, `YYYY-MM-DD` with maybe a time
/// after it, `YYYY-MM` or `YYYY`; `None` for anything else or an impossible day.
pub(crate) fn parse_day(iso: &str) -> Option<i64> {
    let date = (iso.as_bytes().split(|&b| b == b'T' || b == b' ').next()).unwrap_or_default();
    // `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, digits and dashes where they belong: read byte by
    // byte, since every article's date is read when a view first counts the whole site.
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        date.get(range)?.iter().try_fold(0i64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let dash = |at: usize| date.get(at) == Some(&b'-');
    let year = digits(0..4)?;
    let (month, day) = match date.len() {
        4 => (1, 1),
        7 if dash(4) => (digits(5..7)?, 1),
        10 if dash(4) && dash(7) => (digits(5..7)?, digits(8..10)?),
        _ => return None,
    };
    if !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // An impossible day (31 February) does not come back as itself.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// The Monday of the week of day number `day`.
fn monday(day: i64) -> i64 {
    // 1970-01-01 (day 0) is a Thursday: Monday is 3 days before.
    day - (day + 3).rem_euclid(7)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month, day) of day number `days` (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::Language;

    /// How dates were read before [`parse_day`] read bytes: split at `T` or a space, then at
    /// dashes, each part of its exact width.
    fn reference_parse_day(iso: &str) -> Option<i64> {
        let date = iso.split(['T', ' ']).next().unwrap_or(iso);
        let mut parts = date.split('-');
        let number = |part: Option<&str>, width: usize| -> Option<i64> {
            let part = part?;
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = number(parts.next(), 4)?;
        let month = parts.next().map_or(Some(1), |m| number(Some(m), 2))?;
        let day = parts.next().map_or(Some(1), |d| number(Some(d), 2))?;
        if parts.next().is_some() || !(1..=12).contains(&month) || day < 1 {
            return None;
        }
        let days = days_from_civil(year, month, day);
        (civil_from_days(days) == (year, month, day)).then_some(days)
    }

    proptest::proptest! {
        #[test]
        fn dates_read_as_the_reference_reads_them(
            iso in "[0-9]{0,5}(-[0-9]{0,3}){0,3}([T ][0-9:+Z-]{0,6})?|[0-9T +:.Z-]{0,14}|\\PC{0,12}"
        ) {
            proptest::prop_assert_eq!(parse_day(&iso), reference_parse_day(&iso));
        }
    }

    #[test]
    fn every_short_string_of_digits_and_dashes_reads_as_the_reference_reads_it() {
        // 1.4 million strings: every arrangement of dashes among the widths that matter.
        let alphabet = [b'0', b'1', b'2', b'-'];
        for len in 0..=10u32 {
            for mut code in 0..4usize.pow(len) {
                let mut iso = String::new();
                for _ in 0..len {
                    iso.push(char::from(alphabet[code % 4]));
                    code /= 4;
                }
                assert_eq!(parse_day(&iso), reference_parse_day(&iso), "{iso}");
            }
        }
    }

    proptest::proptest! {
        /// What the build writes for a profile, counted without naming the bars, is what the
        /// app's timeline of the same articles carries: by week, month and year, with undated
        /// articles, and for none.
        #[test]
        fn counts_made_without_the_bars_are_the_timeline_s(
            days in proptest::collection::vec(proptest::option::weighted(0.9, 0i64..20_000), 0..40),
            span in proptest::sample::select(vec![1i64, 10, 100, 1_000]),
        ) {
            let articles: Vec<_> = (days.iter().enumerate())
                .map(|(i, day)| {
                    let mut a = crate::testing::article(&format!("a{i}"), &[]);
                    a.published = day.map(|d| {
                        let (y, m, d) = civil_from_days(18_000 + d / span);
                        format!("{y:04}-{m:02}-{d:02}")
                    });
                    a
                })
                .collect();
            let fields = ArticleFields::of(&articles);
            let positions: Vec<u32> = (0..articles.len() as u32).collect();
            proptest::prop_assert_eq!(
                counts_of_fields(&fields, &positions),
                timeline_of_fields(&fields, &positions).counts()
            );
        }
    }

    #[test]
    fn dates_read_by_their_day_month_and_year() {
        for (iso, expected) in [
            ("2024-02-29", Some((2024, 2, 29))),
            ("2024-02-29T23:59:00+02:00", Some((2024, 2, 29))),
            ("2024-02-29 08:00", Some((2024, 2, 29))),
            ("2024-02", Some((2024, 2, 1))),
            ("2024", Some((2024, 1, 1))),
            ("2023-02-29", None),
            ("2024-13-01", None),
            ("2024-1-01", None),
            ("2024-01-01-", None),
            ("+024-01-01", None),
            ("", None),
        ] {
            assert_eq!(parse_day(iso).map(civil_from_days), expected, "{iso}");
        }
    }

    #[test]
    fn an_axis_names_each_year_or_month_that_begins_as_far_apart_as_asked() {
        fn starts(t: &Timeline, gap: usize) -> Vec<&str> {
            t.ticks(gap)
                .into_iter()
                .map(|i| t.bins[i].start.as_str())
                .collect()
        }
        // By month, from March 2021 to February 2025: each January.
        let months = timeline([Some("2021-03-15"), Some("2025-02-01")]);
        assert_eq!(months.unit, Unit::Month);
        assert_eq!(
            starts(&months, 1),
            ["2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01"]
        );
        assert_eq!(starts(&months, 12), starts(&months, 1));
        // Bars too narrow for a name a year: every other year.
        assert_eq!(starts(&months, 13), ["2022-01-01", "2024-01-01"]);
        // Starting in January: the first bar is named.
        let from_january = timeline([Some("2022-01-31"), Some("2023-06-01")]);
        assert_eq!(starts(&from_january, 3), ["2022-01-01", "2023-01-01"]);
        // By week: the first week starting in each month.
        let weeks = timeline([Some("2025-01-08"), Some("2025-03-20")]);
        assert_eq!(weeks.unit, Unit::Week);
        assert_eq!(
            starts(&weeks, 2),
            ["2025-01-06", "2025-02-03", "2025-03-03"]
        );
        assert_eq!(starts(&weeks, 5), ["2025-01-06", "2025-03-03"]);
        // By year: every year, or every fifth, tenth… year as the bars narrow.
        let years = timeline([Some("1987-05-01"), Some("2024-01-01")]);
        assert_eq!(years.unit, Unit::Year);
        assert_eq!(starts(&years, 1).len(), years.bins.len());
        assert_eq!(
            starts(&years, 4),
            [
                "1990-01-01",
                "1995-01-01",
                "2000-01-01",
                "2005-01-01",
                "2010-01-01",
                "2015-01-01",
                "2020-01-01"
            ]
        );
        assert_eq!(
            starts(&years, 10),
            ["1990-01-01", "2000-01-01", "2010-01-01", "2020-01-01"]
        );
        // A few weeks within one month: the first bar; no bar, no name.
        let few = timeline([Some("2025-01-14"), Some("2025-01-20")]);
        assert_eq!(starts(&few, 1), ["2025-01-13"]);
        assert!(timeline([None]).ticks(1).is_empty());
    }

    fn counts(t: &Timeline) -> Vec<(&str, u32)> {
        t.bins.iter().map(|b| (b.start.as_str(), b.count)).collect()
    }

    #[test]
    fn a_few_weeks_are_counted_by_week_from_monday_with_empty_weeks_shown() {
        // 2025-01-06 is a Monday; the 12th a Sunday; nothing in the week of the 20th.
        let t = timeline([
            Some("2025-01-06"),
            Some("2025-01-12T23:00Z"),
            Some("2025-01-13"),
            Some("2025-01-29"),
            None,
            Some("not a date"),
        ]);
        assert_eq!(t.unit, Unit::Week);
        assert_eq!(
            counts(&t),
            [
                ("2025-01-06", 2),
                ("2025-01-13", 1),
                ("2025-01-20", 0),
                ("2025-01-27", 1)
            ]
        );
        assert_eq!(t.undated, 2);
        assert_eq!(
            Language::En.period(t.unit, &t.bins[0].start),
            "week of 6 January 2025"
        );
        assert_eq!(Language::En.period_short(t.unit, &t.bins[0].start), "6 Jan");
        assert_eq!(
            Language::En.timeline_summary(&t),
            "4 articles from the week of 6 January 2025 to the week of 27 January 2025, by week; \
             the most in the week of 6 January 2025 (2). 2 articles without a date."
        );
    }

    #[test]
    fn a_week_across_the_new_year_starts_on_its_monday() {
        // 2025-01-01 is a Wednesday: its week began on Monday 30 December 2024.
        let t = timeline([Some("2025-01-01"), Some("2024-12-30")]);
        assert_eq!(counts(&t), [("2024-12-30", 2)]);
        // One period: no "the most in" it.
        assert_eq!(
            Language::En.timeline_summary(&t),
            "2 articles in the week of 30 December 2024."
        );
    }

    #[test]
    fn more_than_six_months_are_counted_by_month() {
        let t = timeline([
            Some("2024-11-30"),
            Some("2025-02-01"),
            Some("2025-06-15"),
            Some("2024-11-02"),
        ]);
        assert_eq!(t.unit, Unit::Month);
        assert_eq!(
            counts(&t),
            [
                ("2024-11-01", 2),
                ("2024-12-01", 0),
                ("2025-01-01", 0),
                ("2025-02-01", 1),
                ("2025-03-01", 0),
                ("2025-04-01", 0),
                ("2025-05-01", 0),
                ("2025-06-01", 1),
            ]
        );
        assert_eq!(
            Language::En.period(t.unit, &t.bins[0].start),
            "November 2024"
        );
        assert_eq!(
            Language::En.period_short(t.unit, &t.bins[0].start),
            "Nov 2024"
        );
        assert_eq!(t.peak(), 2);
    }

    #[test]
    fn the_unit_changes_at_its_threshold() {
        // 183 days apart: weeks; 184: months.
        let from = days_from_civil(2025, 1, 1);
        let (y, m, d) = civil_from_days(from + WEEKS_UP_TO_DAYS);
        let at = format!("{y:04}-{m:02}-{d:02}");
        assert_eq!(
            timeline([Some("2025-01-01"), Some(at.as_str())]).unit,
            Unit::Week
        );
        let (y, m, d) = civil_from_days(from + WEEKS_UP_TO_DAYS + 1);
        let past = format!("{y:04}-{m:02}-{d:02}");
        assert_eq!(
            timeline([Some("2025-01-01"), Some(past.as_str())]).unit,
            Unit::Month
        );
    }

    #[test]
    fn decades_are_counted_by_year() {
        let t = timeline([Some("1990-05-01"), Some("2024"), Some("2024-03")]);
        assert_eq!(t.unit, Unit::Year);
        assert_eq!(t.bins.len(), 35);
        assert_eq!(t.bins[0].start, "1990-01-01");
        assert_eq!(t.bins[34].count, 2);
        assert_eq!(Language::En.period(t.unit, &t.bins[34].start), "2024");
    }

    #[test]
    fn impossible_or_free_form_dates_are_undated() {
        let t = timeline([
            Some("2025-02-29"),
            Some("2025-13-01"),
            Some("6 janvier 2025"),
            Some("2025-1-6"),
            Some(""),
        ]);
        assert!(t.bins.is_empty());
        assert_eq!(t.undated, 5);
        assert_eq!(
            Language::En.timeline_summary(&t),
            "No dated articles. 5 articles without a date."
        );
        assert_eq!(timeline([Some("2024-02-29")]).dated(), 1);
    }

    #[test]
    fn each_bin_names_its_period_as_the_url_writes_it() {
        let weeks = timeline([Some("2024-02-26"), Some("2024-03-05")]);
        assert_eq!(
            (weeks.bins[0].from.as_str(), weeks.bins[0].to.as_str()),
            ("2024-02-26", "2024-03-03")
        );
        assert_eq!(weeks.bins[1].days().1 - weeks.bins[1].days().0, 6);
        let months = timeline([Some("2024-02-10"), Some("2024-12-05")]);
        assert_eq!(months.bins[0].from, "2024-02");
        assert_eq!(
            months.bins[0].days(),
            (days_from_civil(2024, 2, 1), days_from_civil(2024, 2, 29))
        );
        let years = timeline([Some("1990"), Some("2024-12-31")]);
        assert_eq!(
            (years.bins[34].from.as_str(), years.bins[34].to.as_str()),
            ("2024", "2024")
        );
        let spring = (days_from_civil(2024, 3, 1), days_from_civil(2024, 5, 31));
        assert!(!months.bins[0].within(spring));
        assert!(months.bins[1].within(spring) && months.bins[3].within(spring));
        assert!(!months.bins[4].within(spring));
    }

    #[test]
    fn a_period_is_a_year_a_month_or_a_day() {
        assert_eq!(
            period_days("2024"),
            Some((days_from_civil(2024, 1, 1), days_from_civil(2024, 12, 31)))
        );
        assert_eq!(
            period_days("2023-12"),
            Some((days_from_civil(2023, 12, 1), days_from_civil(2023, 12, 31)))
        );
        assert_eq!(
            period_days("2024-02-29"),
            Some((days_from_civil(2024, 2, 29), days_from_civil(2024, 2, 29)))
        );
        for bad in [
            "2024-13",
            "2023-02-29",
            "24",
            "2024-03-04T10:00",
            "mars",
            "",
            "2024-3",
        ] {
            assert_eq!(period_days(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_and_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_094, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(
            monday(days_from_civil(2025, 1, 12)),
            days_from_civil(2025, 1, 6)
        );
        assert_eq!(
            monday(days_from_civil(2025, 1, 6)),
            days_from_civil(2025, 1, 6)
        );
    }
}
