//! Resolving a date expression to a date, seen from a reference date.

use chrono::{Datelike, Days, NaiveDate};

use super::{DateExpr, DateValue, Direction};

impl DateExpr {
    /// The date this expression names, seen from `reference` (the publication date).
    ///
    /// Day-and-month and month-alone expressions take the year that puts them closest to the
    /// reference; weekdays follow [`Direction`]; without a reference only complete dates,
    /// months of a year and years resolve.
    pub fn resolve(&self, reference: Option<NaiveDate>) -> Option<DateValue> {
        match *self {
            DateExpr::Full(d) => Some(DateValue::Day(d)),
            DateExpr::MonthYear { year, month } => Some(DateValue::Month(year, month)),
            DateExpr::Year(y) => Some(DateValue::Year(y)),
            DateExpr::DayMonth { day, month } => {
                let r = reference?;
                closest_year(r, |y| NaiveDate::from_ymd_opt(y, month, day)).map(DateValue::Day)
            }
            DateExpr::Month { month, direction } => {
                let r = reference?;
                let year = match direction {
                    Direction::Recent => {
                        closest_year(r, |y| NaiveDate::from_ymd_opt(y, month, 15))?.year()
                    }
                    Direction::Last if month < r.month() => r.year(),
                    Direction::Last => r.year() - 1,
                    Direction::Next if month > r.month() => r.year(),
                    Direction::Next => r.year() + 1,
                };
                Some(DateValue::Month(year, month))
            }
            DateExpr::Weekday { weekday, direction } => {
                let r = reference?;
                let back = (7 + r.weekday().num_days_from_monday() as i64
                    - weekday.num_days_from_monday() as i64)
                    % 7;
                let offset = match direction {
                    Direction::Recent => -back,
                    Direction::Last => -(if back == 0 { 7 } else { back }),
                    Direction::Next => {
                        let ahead = (7 - back) % 7;
                        if ahead == 0 { 7 } else { ahead }
                    }
                };
                shift(r, offset).map(DateValue::Day)
            }
            DateExpr::Relative(days) => shift(reference?, days).map(DateValue::Day),
        }
    }
}

pub(super) fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Of the candidate dates in the reference's year and the years around it, the closest.
fn closest_year(
    reference: NaiveDate,
    make: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(make)
        .min_by_key(|d| (*d - reference).num_days().abs())
}
