//! Date expressions in French and English news: finding them and resolving them to ISO dates.
//!
//! Finding is lexical (month and weekday names, numbers, relative words); resolution needs a
//! reference date, normally the article's publication date ([`DateExpr::resolve`]). When the
//! publication date is unknown, [`infer_publication_date`] derives it from the dates the text
//! itself states.

mod find;
mod infer;
mod resolve;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate, Weekday};
use kiosque_model::ui::Language;

pub(crate) use find::word_bounded;
pub use find::{DateMatch, find_dates};
pub use infer::infer_publication_date;

/// A date expression as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A complete date: "January 5, 2025", "22 juin 2012".
    Full(NaiveDate),
    /// Day and month without a year: "20 janvier", "April 4".
    DayMonth {
        /// Day of month, 1–31.
        day: u32,
        /// Month, 1–12.
        month: u32,
    },
    /// A month of a year: "février 2022".
    MonthYear {
        /// The year.
        year: i32,
        /// Month, 1–12.
        month: u32,
    },
    /// A month alone: "en janvier", "last July", "mars prochain".
    Month {
        /// Month, 1–12.
        month: u32,
        /// Which occurrence the text means: unqualified, the one closest to the reference.
        direction: Direction,
    },
    /// A year alone: "en 2012", "fin 2013".
    Year(i32),
    /// A weekday: "lundi", "dimanche dernier", "next Tuesday".
    Weekday {
        /// The day of the week.
        weekday: Weekday,
        /// Which occurrence the text means.
        direction: Direction,
    },
    /// A day relative to the reference date: "hier" (−1), "today" (0), "demain" (+1).
    Relative(i64),
}

/// Which occurrence of a weekday or a month an expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Unqualified ("lundi", "en mars"): in news, the most recent weekday, the reference day
    /// included; the month closest to the reference.
    Recent,
    /// "dernier", "last": strictly before the reference day (or month).
    Last,
    /// "prochain", "next": strictly after the reference day (or month).
    Next,
}

/// A resolved date, as precise as the text allows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum DateValue {
    /// A day.
    Day(NaiveDate),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

impl DateValue {
    /// ISO 8601: `2025-01-06`, `2025-01`, `2025`.
    pub fn iso(&self) -> String {
        match self {
            DateValue::Day(d) => d.format("%Y-%m-%d").to_string(),
            DateValue::Month(y, m) => format!("{y:04}-{m:02}"),
            DateValue::Year(y) => format!("{y:04}"),
        }
    }

    /// Its name in `language` (the model's [`Language::date_name`]): `6 January 2025`,
    /// `1er janvier 2025`, `January 2025`, `2025`.
    pub fn name(&self, language: Language) -> String {
        let (year, month, day) = match *self {
            DateValue::Day(d) => (d.year(), Some(d.month()), Some(d.day())),
            DateValue::Month(y, m) => (y, Some(m), None),
            DateValue::Year(y) => (y, None, None),
        };
        let (month, day) = (month.map(i64::from), day.map(i64::from));
        language
            .date_name(i64::from(year), month, day)
            .unwrap_or_else(|| self.iso())
    }
}
